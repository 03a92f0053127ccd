"""What a change would do: the guarantee results of uncommitted changes.

An agent asks, before writing anything, which violations and taint findings
its edits would produce. `what_if` runs the cycle for them exactly as a
commit would (analysis, blast radius, enrichment, the guarantee checker
updating its kept state from the delta), but against a `SpeculativeStore`:
one LMDB write transaction, aborted at the end. The store's revision, other
processes' readers, the files on disk and the workspace's own checker are
left as they were.

How it stays equal to "commit, then check" (tests/mcp/test_what_if.py
compares the two): the same cycle code runs on the same graph; the checker
that judges it is a copy of the workspace's checker brought up to date with
the committed graph first (a check from scratch if another process
committed since), so its incremental update starts from what a real cycle's
would. Global enrichers whose output no rule reads (the unreferenced pass,
a few hundred milliseconds on Django) are left out: they cannot change a
result.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from graphwarden.analysis.cycle.stats import CycleStats, FileChange
from graphwarden.analysis.enrichers.base import Enricher
from graphwarden.analysis.guarantees.checker import GuaranteeChecker
from graphwarden.analysis.guarantees.results import Violation
from graphwarden.analysis.model import ParseError
from graphwarden.analysis.orchestrator import Orchestrator
from graphwarden.analysis.store import Snapshot


@dataclass
class WhatIfResult:
    """The results the changes would produce, and those of the committed graph."""

    #: The revision the changes were evaluated against (unchanged afterwards).
    base_revision: int
    violations: list[Violation]
    #: The committed graph's results, to compare with.
    before: list[Violation]
    stats: CycleStats
    seconds: float
    #: The changed files' parse errors, as the changes would leave them.
    parse_errors: list[ParseError] = field(default_factory=list)

    @property
    def introduced(self) -> list[Violation]:
        """Results the changes would add (by fingerprint)."""
        old = {v.fingerprint for v in self.before}
        return [v for v in self.violations if v.fingerprint not in old]

    @property
    def resolved(self) -> list[Violation]:
        """Results the changes would remove (by fingerprint)."""
        new = {v.fingerprint for v in self.violations}
        return [v for v in self.before if v.fingerprint not in new]


def what_if(
    orchestrator: Orchestrator, checker: GuaranteeChecker, changes: list[FileChange]
) -> WhatIfResult:
    """The guarantee results `changes` would produce if committed now, committing nothing.

    `checker` is the workspace's (attached to `orchestrator`); it is brought up
    to date with the committed graph if it is behind, and otherwise untouched.
    """
    t0 = time.perf_counter()
    with orchestrator.cycle_lock():
        with orchestrator.snapshot() as snap:
            base_revision = snap.revision
            if checker.checked_revision != snap.revision:
                checker.check(snap, None)
        before = checker.violations
        twin = checker.speculative_copy()
        parse_errors: list[ParseError] = []

        def read_parse_errors(snap: Snapshot) -> None:
            for change in changes:
                rec = snap.file(change.path)
                if rec is not None:
                    parse_errors.extend(rec.parse_errors)

        stats = orchestrator.speculative_cycle(
            changes,
            twin,
            _enrichers_that_matter(orchestrator.enrichers, checker),
            inspect=read_parse_errors,
        )
    return WhatIfResult(
        base_revision, twin.violations, before, stats, time.perf_counter() - t0, parse_errors
    )


def _enrichers_that_matter(enrichers: list[Enricher], checker: GuaranteeChecker) -> list[Enricher]:
    """Every enricher, but global ones whose output no rule and no other enricher reads."""
    read_by_enrichers: set[str] = set()
    for e in enrichers:
        read_by_enrichers |= e.metadata.consumes
    out = []
    for e in enrichers:
        produced = e.metadata.produces
        read = produced & read_by_enrichers or any(
            r.edge_types is None or r.edge_types & produced for r in checker.rules
        )
        if e.metadata.scope == "global" and not read:
            continue
        out.append(e)
    return out
