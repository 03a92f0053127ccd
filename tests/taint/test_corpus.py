"""The taint corpus: true-positive and true-negative programs per class and language.

tests/fixtures/taint/{python,javascript}/ holds one file per case (written by
make_corpus.py, plus hand-written ones under ``special/``). A true positive
marks its sink line ``SINK: <class>``, a true negative the line a pattern
matcher would flag ``SAFE: <class>``; ``PATH: a > b`` names hops its path
must pass through, in order. Each language's corpus is indexed once, as a
workspace, and checked with the default rules, as `graphwarden check` does.

Asserted: every marked sink is found with its class at its line, and every
hop a case names is on the path (recall); no safe twin has a finding of its
class (false positives), each case on its own; per class, recall >= 0.9 and
a false-positive rate under 0.1 (the issue's bar; the figures are printed).
"""

from __future__ import annotations

import re
import shutil
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from graphwarden.analysis.guarantees.checker import GuaranteeChecker
from graphwarden.analysis.guarantees.results import Violation
from graphwarden.analysis.orchestrator import Orchestrator

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "taint"
_MARK = re.compile(r"(?:#|//)\s*(SINK|SAFE):\s*([\w-]+)")
_PATH = re.compile(r"(?:#|//)\s*PATH:\s*(.+)$")


@dataclass
class Case:
    file: str
    kind: str  # "tp" | "tn"
    cls: str
    line: int  # 0-based
    path: list[str] = field(default_factory=list)


def cases(lang: str) -> list[Case]:
    out = []
    root = CORPUS / lang
    for p in sorted(root.rglob("*")):
        if p.suffix not in (".py", ".js", ".ts", ".tsx", ".jsx") or "helpers" in p.parts:
            continue
        rel = p.relative_to(root).as_posix()
        hops: list[str] = []
        for line in p.read_text().splitlines():
            m = _PATH.search(line)
            if m:
                hops = [h.strip() for h in m.group(1).split(">")]
        for i, line in enumerate(p.read_text().splitlines()):
            m = _MARK.search(line)
            if m:
                out.append(Case(rel, "tp" if m.group(1) == "SINK" else "tn", m.group(2), i, hops))
    return out


_RESULTS: dict[str, list[Violation]] = {}


def findings(lang: str, tmp_path_factory: pytest.TempPathFactory) -> list[Violation]:
    if lang not in _RESULTS:
        root = tmp_path_factory.mktemp(f"corpus-{lang}") / "ws"
        shutil.copytree(CORPUS / lang, root)
        orch = Orchestrator(root, workers=1, store_path=root.parent / "store")
        checker = GuaranteeChecker(orch.settings)
        orch.guarantee_hook = checker
        try:
            stats = orch.index_repository()
            assert not stats.enricher_errors, stats.enricher_errors
            _RESULTS[lang] = [v for v in checker.violations if v.kind in ("taint", "datalog")]
        finally:
            orch.close()
    return _RESULTS[lang]


def score(lang: str, found: list[Violation]) -> dict[str, dict[str, object]]:
    by_file: dict[tuple[str, str], list[Violation]] = defaultdict(list)
    for v in found:
        by_file[(v.file, v.rule)].append(v)
    table: dict[str, dict[str, object]] = defaultdict(
        lambda: {"tp": 0, "found": 0, "tn": 0, "flagged": 0, "missed": [], "false": []}
    )
    all_cases = cases(lang)
    tp_files = {(c.file, c.cls) for c in all_cases if c.kind == "tp"}
    for c in all_cases:
        row = table[c.cls]
        hits = by_file.get((c.file, c.cls), [])
        if c.kind == "tp":
            row["tp"] += 1  # type: ignore[operator]
            at = [v for v in hits if v.range[0] == c.line]
            ok = bool(at) and all(_on_path(at, hop) for hop in c.path)
            row["found"] += ok  # type: ignore[operator]
            if not ok:
                row["missed"].append(f"{c.file}:{c.line + 1}")  # type: ignore[attr-defined]
        else:
            row["tn"] += 1  # type: ignore[operator]
            if (c.file, c.cls) in tp_files:
                # A file with true positives of the class too: only this line must be clean.
                hits = [v for v in hits if v.range[0] == c.line]
            if hits:
                row["flagged"] += 1  # type: ignore[operator]
                row["false"].append(f"{c.file}:{hits[0].range[0] + 1}")  # type: ignore[attr-defined]
    return table


def _on_path(found: list[Violation], hop: str) -> bool:
    return any(any(hop in r.message for r in v.related) for v in found)


@pytest.mark.parametrize("lang", ["python", "javascript"])
def test_corpus_recall_and_false_positives(
    lang: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    table = score(lang, findings(lang, tmp_path_factory))
    lines = []
    failures = []
    for cls, row in sorted(table.items()):
        tp, tn = int(row["tp"]), int(row["tn"])  # type: ignore[call-overload]
        recall = int(row["found"]) / tp if tp else 1.0  # type: ignore[call-overload]
        fpr = int(row["flagged"]) / tn if tn else 0.0  # type: ignore[call-overload]
        lines.append(
            f"{lang:10} {cls:24} recall {recall:.2f} ({row['found']}/{tp})  FPR {fpr:.2f} ({row['flagged']}/{tn})"
        )
        # Every case counts: the corpus is ours, so a miss or a false finding is a
        # regression even while the class stays above the bar.
        if recall < 0.9 or fpr >= 0.1 or row["missed"] or row["false"]:
            failures.append(cls)
        for m in row["missed"]:  # type: ignore[attr-defined]
            lines.append(f"    missed {m}")
        for f in row["false"]:  # type: ignore[attr-defined]
            lines.append(f"    false positive {f}")
    print("\n".join(lines))
    assert not failures, "\n".join(lines)
