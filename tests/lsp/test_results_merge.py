"""What the server does with a cycle's results: early ones first, then the final ones
only when they say something new (else the pull they woke would wait for a second
conversion of every file's diagnostics)."""

from __future__ import annotations

from graphwarden.analysis.cycle.stats import CoverageGap
from graphwarden.analysis.cycle_worker import WorkspaceResults
from graphwarden.analysis.guarantees.results import Violation
from graphwarden.analysis.model import ParseError
from graphwarden.lsp_server.workspace_state import FolderResults

BAD = ParseError("a.py", (1, 0, 1, 3), "missing ')'")


def results(
    violations: list[Violation] | None = None,
    coverage_gaps: list[CoverageGap] | None = None,
    parse_errors: dict[str, list[ParseError]] | None = None,
    all_parse_errors: bool = False,
) -> WorkspaceResults:
    errors = {"a.py": [BAD]} if parse_errors is None else parse_errors
    return WorkspaceResults(7, violations, coverage_gaps, errors, all_parse_errors, ["a.py"])


def test_final_results_that_repeat_the_early_ones_add_nothing() -> None:
    held = FolderResults()
    held.update(results(violations=[], coverage_gaps=[]))
    assert held.adds_nothing(results())


def test_final_results_with_anything_new_are_taken() -> None:
    held = FolderResults()
    held.update(results(violations=[], coverage_gaps=[]))
    # The global pass found something (violations or gaps are sent when they change) ...
    assert not held.adds_nothing(results(violations=[]))
    assert not held.adds_nothing(results(coverage_gaps=[]))
    # ... a parse error went or came, or every file's parse errors are restated.
    assert not held.adds_nothing(results(parse_errors={"a.py": []}))
    assert not held.adds_nothing(results(parse_errors={"b.py": [BAD]}))
    assert not held.adds_nothing(results(all_parse_errors=True))
