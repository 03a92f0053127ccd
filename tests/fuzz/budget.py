"""How long each fuzz target runs, and on which seeds.

`GRAPHWARDEN_FUZZ_SECONDS` is the budget of one target in seconds. Unset,
every target runs for `DEFAULT_SECONDS`: the nine targets of tests/fuzz
then take about two minutes on two cores, in a plain `pytest` and in CI.
A longer hunt is the same tests with a larger number (the front ends then
also mutate the corpora of benchmarks/fetch_corpora.sh, when fetched), and
another seed (`GRAPHWARDEN_FUZZ_SEED`, an integer) explores other inputs:

    GRAPHWARDEN_FUZZ_SECONDS=1800 GRAPHWARDEN_FUZZ_SEED=7 \
        python -m pytest tests/fuzz -p no:cacheprovider -k fuzz_

A target never stops in the middle of an example: it runs hypothesis in
rounds of `ROUND` examples until its budget is spent, and always at least
one round. Round `i` is seeded with `"<seed>-<i>"`, so the inputs are the same
on every run: a faster machine tries more of one fixed sequence, a slower
one fewer. The clock decides how much is tried, never whether a test
passes. No example database is kept (hypothesis would replay old failures
first, which makes runs differ); a failure prints its round's seed and the
shrunk input, which a regression test in `test_found_*.py` then pins.
"""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from hypothesis import HealthCheck, seed, settings

ENV = "GRAPHWARDEN_FUZZ_SECONDS"
SEED_ENV = "GRAPHWARDEN_FUZZ_SEED"
DEFAULT_SECONDS = 10.0
DEFAULT_SEED = 0
#: Examples per hypothesis run; a target runs as many rounds as its budget allows.
ROUND = 25


def budget_seconds() -> float:
    """The budget of one fuzz target, from the environment."""
    raw = os.environ.get(ENV, "")
    if not raw:
        return DEFAULT_SECONDS
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"{ENV} must be a number of seconds, not {raw!r}") from None
    if value < 0:
        raise ValueError(f"{ENV} must not be negative, got {raw!r}")
    return value


def base_seed() -> int:
    """The seed of every fuzz target, from the environment (fixed by default)."""
    raw = os.environ.get(SEED_ENV, "")
    if not raw:
        return DEFAULT_SEED
    try:
        return int(raw)
    except ValueError:
        raise ValueError(f"{SEED_ENV} must be an integer, not {raw!r}") from None


#: Hypothesis settings of every fuzz round: no deadline (no clock in a
#: verdict), no health check about slow or large inputs (fuzz inputs are),
#: no example database (runs are the same everywhere).
FUZZ_SETTINGS = settings(
    max_examples=ROUND,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
        HealthCheck.filter_too_much,
    ],
    print_blob=True,
)


@dataclass
class Tally:
    """What one fuzz target tried (printed at the end of the run by tests/fuzz/conftest.py)."""

    rounds: int = 0
    inputs: int = 0
    seconds: float = 0.0


#: Per target (the test's name): what it tried in this run.
TALLIES: dict[str, Tally] = {}


def run_rounds(
    one_round: Callable[[], None], name: str | None = None, seconds: float | None = None
) -> Tally:
    """Call `one_round` (a hypothesis test) on seeds "<base>-0", "<base>-1"... until the
    budget is spent; what was tried."""
    start = time.monotonic()
    end = start + (budget_seconds() if seconds is None else seconds)
    tally = TALLIES.setdefault(name or one_round.__name__, Tally())
    inner: Any = one_round.hypothesis.inner_test  # type: ignore[attr-defined]

    def counted(*args: Any, **kwargs: Any) -> Any:
        tally.inputs += 1
        return inner(*args, **kwargs)

    one_round.hypothesis.inner_test = counted  # type: ignore[attr-defined]
    try:
        for i in itertools.count():
            round_seed = f"{base_seed()}-{i}"
            try:
                seed(round_seed)(one_round)()
            except BaseException as exc:
                exc.add_note(f"fuzz round {i}, hypothesis seed {round_seed!r}")
                raise
            tally.rounds += 1
            if time.monotonic() >= end:
                break
    finally:
        tally.seconds += time.monotonic() - start
    return tally


def record(name: str, *, rounds: int, inputs: int, seconds: float) -> None:
    """A tally for a target that is no hypothesis test (the LSP fuzzer)."""
    TALLIES[name] = Tally(rounds, inputs, seconds)
