"""At the end of a run, what each fuzz target tried (rounds, inputs, seconds)."""

from __future__ import annotations

import pytest

from tests.fuzz.budget import TALLIES, base_seed, budget_seconds


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not TALLIES:
        return
    terminalreporter.section(
        f"fuzz: {budget_seconds():g} s per target, seed {base_seed()}", sep="-"
    )
    for name, tally in sorted(TALLIES.items()):
        terminalreporter.write_line(
            f"{name}: {tally.inputs} inputs in {tally.rounds} rounds, {tally.seconds:.1f} s"
        )
