"""Data flow's per-revision memos are a cache: dropping them changes no result.

A cold index's worker starts its `World` (call targets, module values,
function summaries) afresh every `defaults.DATAFLOW_WORLD_FILES` files to
bound its memory. The taint corpus indexed with a fresh world for every file
must report exactly what one world for the whole revision reports.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graphwarden.analysis import defaults
from graphwarden.analysis.guarantees.checker import GuaranteeChecker
from graphwarden.analysis.orchestrator import Orchestrator

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "taint"


def _taint_findings(root: Path, store: Path) -> list[tuple[str, str, str, str]]:
    orch = Orchestrator(root, workers=1, store_path=store)
    checker = GuaranteeChecker(orch.settings)
    orch.guarantee_hook = checker
    try:
        stats = orch.index_repository()
        assert not stats.enricher_errors, stats.enricher_errors
        return sorted(
            (v.rule, v.file, repr(v.range), v.message + repr(v.related))
            for v in checker.violations
            if v.kind == "taint"
        )
    finally:
        orch.close()


@pytest.mark.parametrize("lang", ["python", "javascript"])
def test_a_fresh_world_per_file_finds_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    root = tmp_path / "ws"
    shutil.copytree(CORPUS / lang, root)
    one_world = _taint_findings(root, tmp_path / "store-one")
    monkeypatch.setattr(defaults, "DATAFLOW_WORLD_FILES", 1)
    world_per_file = _taint_findings(root, tmp_path / "store-per-file")
    assert len(one_world) > 100, "the corpus has findings across many files"
    assert world_per_file == one_world
