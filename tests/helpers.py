"""Helpers shared by tests (importable as `tests.helpers`)."""

from __future__ import annotations

from pathlib import Path

from analysis.export import export_lines
from analysis.orchestrator import Orchestrator


def write_files(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def graph_dump(orch: Orchestrator) -> list[str]:
    """The exported graph as lines: what equivalence tests compare."""
    with orch.snapshot() as snap:
        return list(export_lines(snap))
