"""Inline suppressions applied to a check's results, and the ones that suppress nothing.

The front ends find `# graphwarden: ignore[rule]` comments
(languages/suppressions.py) and the store keeps them in each file's record;
`SuppressionIndex` mirrors them per file, refreshed from the files a cycle
changed (never by re-reading sources), and `apply` hides every violation of
a named rule that starts on the line a suppression covers. A suppression
that hides nothing (a typo in the rule name, code that was fixed) is itself
reported as a warning, `unused-suppression`, at the comment, so stale ones
do not pile up.

Suppressing happens after the rules ran and after their results were
cached: what a rule finds never depends on comments, only what is shown.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from graphwarden.analysis.guarantees.results import Violation
from graphwarden.analysis.model import Suppression
from graphwarden.analysis.store import CommitDelta, Snapshot

#: The rule id of the warning about a suppression that hides nothing.
UNUSED_SUPPRESSION = "unused-suppression"
UNUSED_DESCRIPTION = "An inline graphwarden suppression hides no violation."
UNUSED_REMEDIATION = "Remove the comment, or correct the rule name in it."


class SuppressionIndex:
    """Every file's suppressions, as the store's file records hold them."""

    def __init__(self) -> None:
        self.by_file: dict[str, list[Suppression]] = {}
        self._loaded = False

    def refresh(self, snapshot: Snapshot, delta: CommitDelta | None) -> None:
        """Catch up with a cycle: the files it changed (all of them the first time)."""
        if delta is None or not self._loaded:
            self.by_file = {r.path: r.suppressions for r in snapshot.files() if r.suppressions}
            self._loaded = True
            return
        for path in delta.changed_files:
            record = snapshot.file(path)
            if record is not None and record.suppressions:
                self.by_file[path] = record.suppressions
            else:
                self.by_file.pop(path, None)

    def apply(self, violations: Iterable[Violation], rule_names: Iterable[str]) -> list[Violation]:
        """The violations no suppression hides, plus one warning per unused suppression."""
        used: set[tuple[str, int, str]] = set()
        kept: list[Violation] = []
        for v in violations:
            index = self._covering(v)
            if index is None:
                kept.append(v)
            else:
                used.add((v.file, index, v.rule))
        known = set(rule_names)
        for file, suppressions in sorted(self.by_file.items()):
            for i, s in enumerate(suppressions):
                if not s.rules:
                    kept.append(_unused(file, s, "", "it names no rule: write ignore[rule-name]"))
                for rule in s.rules:
                    if (file, i, rule) in used:
                        continue
                    if rule in known:
                        why = f"no {rule!r} violation starts on the line it covers"
                    else:
                        why = f"no rule is called {rule!r}{_nearest(rule, known)}"
                    kept.append(_unused(file, s, rule, why))
        return sorted(kept, key=Violation.sort_key)

    def hides(self, v: Violation) -> bool:
        """Whether a suppression of `v`'s file hides it."""
        return self._covering(v) is not None

    def _covering(self, v: Violation) -> int | None:
        """Which of its file's suppressions hides `v` (None: none does)."""
        for i, s in enumerate(self.by_file.get(v.file, ())):
            if s.target == v.range[0] and v.rule in s.rules:
                return i
        return None


def _nearest(name: str, known: set[str]) -> str:
    close = difflib.get_close_matches(name, sorted(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _unused(file: str, s: Suppression, rule: str, why: str) -> Violation:
    return Violation(
        rule=UNUSED_SUPPRESSION,
        severity="warning",
        message=f"unused suppression{f' of {rule!r}' if rule else ''}: {why}",
        file=file,
        range=s.range,
        description=UNUSED_DESCRIPTION,
        remediation=UNUSED_REMEDIATION,
        kind="suppression",
    )
