"""Fuzzing the front ends: any bytes under any source path give a valid graph shard.

Four targets, each run for the fuzz budget (tests/fuzz/budget.py): mutated
Python files, mutated JavaScript/TypeScript files (seeds: tests/fuzz/seeds,
the repository's own sources, and, in a run given a budget, the flask,
webpack and rxjs corpora when this machine has them), generated Python (hypothesmith: programs from
Python's grammar and from libcst's syntax tree) and generated JavaScript
(strategies.javascript_programs). Every input is analysed in a child
process under a bound (bounded.py), so a hang or a crash in the parser is
a failing example too; graph_checks.py says what "valid" means.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

import hypothesmith
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.bounded import BoundedAnalyser
from tests.fuzz.budget import FUZZ_SETTINGS, run_rounds
from tests.fuzz.strategies import (
    JS_EXTENSIONS,
    JS_TOKENS,
    PYTHON_EXTENSIONS,
    PYTHON_TOKENS,
    javascript_programs,
    mutated,
    seed_files,
    source_paths,
)

CORPORA = ("flask", "webpack", "rxjs")


@cache
def python_seeds() -> list[bytes]:
    return seed_files(PYTHON_EXTENSIONS, corpora=CORPORA)


@cache
def js_seeds() -> list[bytes]:
    return seed_files(JS_EXTENSIONS, corpora=CORPORA)


@pytest.fixture(scope="module")
def analyser() -> Iterator[BoundedAnalyser]:
    bounded = BoundedAnalyser()
    yield bounded
    bounded.close()


def assert_valid(analyser: BoundedAnalyser, path: str, data: bytes) -> None:
    problems = analyser.problems(path, data)
    assert problems == [], f"{path!r} ({len(data)} bytes):\n" + "\n".join(problems)


def test_python_front_end_on_mutated_files(analyser: BoundedAnalyser) -> None:
    @FUZZ_SETTINGS
    @given(mutated(python_seeds(), PYTHON_TOKENS), source_paths(PYTHON_EXTENSIONS))
    def one(data: bytes, path: str) -> None:
        assert_valid(analyser, path, data)

    run_rounds(one, "python_front_end_on_mutated_files")


def test_javascript_front_end_on_mutated_files(analyser: BoundedAnalyser) -> None:
    @FUZZ_SETTINGS
    @given(mutated(js_seeds(), JS_TOKENS), source_paths(JS_EXTENSIONS))
    def one(data: bytes, path: str) -> None:
        assert_valid(analyser, path, data)

    run_rounds(one, "javascript_front_end_on_mutated_files")


def test_front_ends_on_the_other_language(analyser: BoundedAnalyser) -> None:
    """Python bytes under a JavaScript name and the other way round: garbage to the parser."""

    @FUZZ_SETTINGS
    @given(
        st.one_of(
            st.tuples(mutated(python_seeds(), PYTHON_TOKENS), source_paths(JS_EXTENSIONS)),
            st.tuples(mutated(js_seeds(), JS_TOKENS), source_paths(PYTHON_EXTENSIONS)),
        )
    )
    def one(case: tuple[bytes, str]) -> None:
        data, path = case
        assert_valid(analyser, path, data)

    run_rounds(one, "front_ends_on_the_other_language")


def test_python_front_end_on_generated_programs(analyser: BoundedAnalyser) -> None:
    @FUZZ_SETTINGS
    @given(
        st.one_of(hypothesmith.from_grammar(), hypothesmith.from_node()),
        source_paths(PYTHON_EXTENSIONS),
    )
    def one(source: str, path: str) -> None:
        assert_valid(analyser, path, source.encode("utf-8", "surrogatepass"))

    run_rounds(one, "python_front_end_on_generated_programs")


def test_javascript_front_end_on_generated_programs(analyser: BoundedAnalyser) -> None:
    @FUZZ_SETTINGS
    @given(javascript_programs(), source_paths(JS_EXTENSIONS))
    def one(source: str, path: str) -> None:
        assert_valid(analyser, path, source.encode())

    run_rounds(one, "javascript_front_end_on_generated_programs")
