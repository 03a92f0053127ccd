"""Fuzzing the Datalog parser and the configuration loader: accepted, or rejected at a line.

Rules and configuration come from the workspace, so any text is possible.
Every mutated rule text is either a program (which then evaluates on a
small graph, or stops at the tuple cap) or a `DatalogError` at a line of
the text; every mutated `graphwarden.toml` or `pyproject.toml` loads into
settings and rules, with each problem a `ConfigError` naming the file and a
line of it. Nothing else may be raised. One blank line above a
configuration moves every error one line down: lines are where the
problem is, not a guess that happens to be in range.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graphwarden.analysis.config import CONFIG_FILES, ConfigError, load_config
from graphwarden.analysis.guarantees.checker import GuaranteeChecker
from graphwarden.analysis.guarantees.datalog import (
    DatalogError,
    GraphFacts,
    LimitExceeded,
    evaluate,
    parse_program,
    parse_query,
)
from graphwarden.analysis.orchestrator import Orchestrator
from graphwarden.analysis.store import Snapshot
from tests.fuzz.budget import FUZZ_SETTINGS, run_rounds
from tests.fuzz.strategies import REPO, SEEDS_DIR, mutated_text
from tests.helpers import write_files

DATALOG_TOKENS = [
    "node",
    "edge",
    "attr",
    "path",
    "violation",
    "helper",
    "not ",
    "\\+ ",
    "X",
    "Y",
    "_",
    "_Z",
    "Msg",
    '"CALL"',
    '"CLASS"',
    '"CONTAINS"',
    '"IMPORTS"',
    '"name"',
    '"file"',
    "'s'",
    '"unterminated',
    '"\\n\\t\\"\\\\"',
    '"é漢😀"',
    "42",
    "-7",
    "(",
    ")",
    ",",
    ".",
    ":-",
    "?-",
    "=",
    "!=",
    "%",
    "# c",
    "\n",
    "\r\n",
    "\t",
    " ",
    "violation(X) :- ",
    "node(X, T)",
    "edge(A, B, T)",
    "attr(X, K, V)",
    "path(A, B)",
    "path(A, B, T)",
    "h(X) :- h(X).",
    "p(X) :- node(X, _), \\+ p(X).",
    "\x00",
    "\u2028",
    "::",
    "?",
    "!",
    "->",
    "[",
    "{",
]
TOML_TOKENS = [
    "[[guarantees]]\n",
    "[[contracts]]\n",
    "[tool.graphwarden]\n",
    "[[tool.graphwarden.guarantees]]\n",
    "[[tool.graphwarden.contracts]]\n",
    "[tool]\n",
    "[tool.setuptools.package-dir]\n",
    "[[tool.graphwarden]]\n",
    "tool = 1\n",
    "tool.graphwarden = []\n",
    "\n",
    "\r\n",
    " = ",
    "=",
    "#",
    '"',
    "'",
    '"""',
    "'''",
    "[",
    "]",
    "{",
    "}",
    ",",
    ".",
    "name",
    "type",
    "severity",
    "rule",
    "description",
    "remediation",
    "include",
    "exclude",
    "store",
    "enrichers",
    "max_file_bytes",
    "python_roots",
    "debounce_ms",
    "builtin_rules",
    "guarantees",
    "contracts",
    "source_modules",
    "forbidden_modules",
    "ignore_imports",
    "allow_indirect_imports",
    "as_packages",
    "layers",
    "containers",
    "modules",
    "packages",
    "calls",
    "imports",
    "unreferenced",
    "import-cycle",
    "unresolved-import",
    '"forbidden"',
    '"layers"',
    '"acyclic"',
    '"independence"',
    '"error"',
    '"warning"',
    '"info"',
    '"fatal"',
    "true",
    "false",
    "1",
    "-1",
    "1.5",
    "inf",
    "nan",
    "1979-05-27T07:32:00Z",
    "07:32:00",
    '""',
    "[]",
    "{}",
    '"a -> b"',
    '"a.b"',
    '"**/x/**"',
    '"../out"',
    '"/tmp/elsewhere"',
    '"a\\u0000b"',
    '"\\ud800"',
    "'''\nviolation(X) :- node(X, \"CALL\").\n'''",
    '"é漢😀"',
    "unknown_key",
    "[taint]\n",
    "[[taint.sinks]]\n",
    "[[taint.sources]]\n",
    "[[taint.sanitizers]]\n",
    "[tool.graphwarden.taint]\n",
    "taint",
    "packs",
    "classes",
    "threat_models",
    "pattern",
    "class",
    "kind",
    "args",
    '"sql-injection"',
    '"remote"',
    "enabled",
    '"quoted key"',
    "enrichers.calls",
    'builtin_rules."import-cycle"',
    "\x00",
    "\t",
    "[" * 150,
    "{a=" * 150,
    "\\\n",
    "\\u0000",
    "\\n",
]


@cache
def rule_seeds() -> list[str]:
    return sorted(p.read_text() for p in SEEDS_DIR.glob("*.dl"))


@cache
def config_seeds() -> list[str]:
    seeds = [p.read_text() for p in sorted(SEEDS_DIR.glob("*.toml"))]
    return [*seeds, (REPO / "pyproject.toml").read_text()]


def line_count(text: str) -> int:
    return text.count("\n") + 1


# -- the Datalog parser ---------------------------------------------------------------

#: A cap on tuples far below the default: fuzzed programs stay quick on the small graph.
FUZZ_LIMIT = 20_000


@pytest.fixture(scope="module")
def small_graph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Snapshot]:
    root = tmp_path_factory.mktemp("graph")
    write_files(
        root,
        {
            "app/__init__.py": "",
            "app/models.py": "class Base:\n    def save(self):\n        return 1\n\n\n"
            "class Repo(Base):\n    def load(self):\n        return self.save()\n",
            "app/views.py": "from app.models import Repo\n\n\n@api_view\ndef index():\n"
            "    return cursor.execute(Repo().load())\n",
            "web/main.ts": "import { x } from './util';\nexport class A { m() { return x(); } }\n",
            "web/util.ts": "export const x = () => eval('1');\n",
        },
    )
    orch = Orchestrator(root, workers=1)
    orch.index_repository()
    with orch.snapshot() as snap:
        yield snap
    orch.close()


def assert_located(exc: DatalogError, text: str) -> None:
    assert exc.message, "a DatalogError without a message"
    assert 1 <= exc.line <= line_count(text), f"line {exc.line} of a {line_count(text)}-line text"


def test_datalog_programs(small_graph: Snapshot) -> None:
    @FUZZ_SETTINGS
    @given(mutated_text(rule_seeds(), DATALOG_TOKENS))
    def one(text: str) -> None:
        try:
            program = parse_program(text)
        except DatalogError as exc:
            assert_located(exc, text)
            return
        # Too broad for the cap is a result (the checker reports it as a warning).
        with contextlib.suppress(LimitExceeded):
            evaluate(program, GraphFacts(small_graph, FUZZ_LIMIT))

    run_rounds(one, "datalog_programs")


def test_datalog_queries(small_graph: Snapshot) -> None:
    @FUZZ_SETTINGS
    @given(mutated_text(rule_seeds(), DATALOG_TOKENS), st.sampled_from(("", "\n", "\n\n  ")))
    def one(text: str, above: str) -> None:
        try:
            program, _names = parse_query(text)
        except DatalogError as exc:
            assert_located(exc, text)
            # Blank lines above the query move the error down with it.
            with pytest.raises(DatalogError) as lower:
                parse_query(above + text)
            assert lower.value.line == exc.line + above.count("\n")
            return
        with contextlib.suppress(LimitExceeded):
            evaluate(program, GraphFacts(small_graph, FUZZ_LIMIT))

    run_rounds(one, "datalog_queries")


# -- the configuration loader -----------------------------------------------------------


def load(root: Path, name: str, text: str) -> list[ConfigError]:
    """Every problem loading `text` as the workspace's `name` reports (settings and rules)."""
    for other in (*CONFIG_FILES, "pyproject.toml"):
        (root / other).unlink(missing_ok=True)
    (root / name).write_text(text, encoding="utf-8", newline="")
    settings, errors = load_config(root)
    checker = GuaranteeChecker(settings)
    return [*errors, *checker.load_errors]


def test_configuration_files(tmp_path: Path) -> None:
    @FUZZ_SETTINGS
    @given(
        mutated_text(config_seeds(), TOML_TOKENS),
        st.sampled_from(("graphwarden.toml", "pyproject.toml")),
    )
    def one(text: str, name: str) -> None:
        errors = load(tmp_path, name, text)
        for e in errors:
            assert isinstance(e, ConfigError)
            assert e.file == name, e
            assert 1 <= e.line <= line_count(text), f"{e} (the file has {line_count(text)} lines)"
        # One comment line above: the same problems, each one line lower.
        lower = load(tmp_path, name, "# one line above\n" + text)
        assert [e.line for e in lower] == [e.line + 1 for e in errors], (errors, lower)

    run_rounds(one, "configuration_files")
