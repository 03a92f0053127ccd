"""Helpers shared by tests (importable as `tests.helpers`)."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path
from typing import Any

from graphwarden.analysis.export import export_lines
from graphwarden.analysis.model import STRUCTURAL_EDGES, EdgeType
from graphwarden.analysis.orchestrator import Orchestrator
from graphwarden.analysis.store.tables import UNENRICHED_FILES_META
from graphwarden.analysis.summaries import decode_summary


def write_files(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def graph_dump(orch: Orchestrator) -> list[str]:
    """Everything a cycle maintains, as lines: what equivalence tests compare.

    The exported graph (nodes with attributes, visible edges), each file's
    summary (what enrichers read: analysis/summaries.py), the name uses
    each enrichment shard recorded (what the blast radius follows), each
    node's count of incoming edges by type as the index counts them (it
    looks a source up only in files the store lists as not enriched: a
    dangling edge elsewhere would count here) and that list, empty after a
    cycle that completed.
    """
    with orch.snapshot() as snap:
        lines = list(export_lines(snap))
        resolution = [t for t in EdgeType if t not in STRUCTURAL_EDGES]
        for node in sorted(snap.nodes(), key=lambda n: n.id):
            counts = [(t.value, snap.count_incoming(node.id, t)) for t in resolution]
            lines.append(f"incoming {node.id} {[c for c in counts if c[1]]!r}")
        lines.append(f"unenriched {snap.store.get_meta(UNENRICHED_FILES_META)!r}")
        for rec in sorted(snap.files(), key=lambda r: r.path):
            blob = snap.summary(rec.path)
            nodes = decode_summary(rec.path, blob) if blob is not None else None
            lines.append(f"summary {rec.path} {nodes!r}")
        for context in snap.contexts_with_uses():
            lines.append(f"uses {context} {snap.context_uses(context)!r}")
        return lines


class Checkpoints:
    """Hold a child process at a named point of its cycle (see analysis/checkpoints.py).

    Pass `env` to the child. `hold(name)` before the child gets there; the
    child announces itself (`reached(name)`) and waits until `release(name)`.
    """

    def __init__(self, directory: Path) -> None:
        from graphwarden.analysis.checkpoints import ENV

        directory.mkdir(parents=True, exist_ok=True)
        self.directory = directory
        self.env = {ENV: str(directory)}

    def hold(self, name: str) -> None:
        (self.directory / f"hold-{name}").write_text("")

    def release(self, name: str) -> None:
        (self.directory / f"hold-{name}").unlink(missing_ok=True)

    def reached(self, name: str) -> bool:
        return (self.directory / f"at-{name}").exists()

    def wait_reached(
        self, name: str, proc: subprocess.Popen[Any] | None = None, timeout: float = 120
    ) -> None:
        """Block until the child announces `name` (polling the announcement file).

        Fails at once if `proc` ends first, and after `timeout` seconds as a
        bound on a broken test, never as a measure of speed.
        """
        assert self.reached_or_ended(name, proc, timeout), f"the child ended before {name!r}"

    def reached_or_ended(
        self, name: str, proc: subprocess.Popen[Any] | None, timeout: float = 120
    ) -> bool:
        """Block until the child announces `name` (True) or `proc` ends (False),
        failing after `timeout` seconds as a bound on a broken test."""
        deadline = time.monotonic() + timeout
        while not self.reached(name):
            if proc is not None and proc.poll() is not None:
                return False
            assert time.monotonic() < deadline, f"the child never reached {name!r}"
            time.sleep(0.01)
        return True


#: A Flask route calling a helper of 200 statements: its data flow runs past a
#: small statement budget. The route is decorated at line 205 (1-based; 204
#: counted from 0), its XSS is at line 207.
LONG_ROUTE = (
    "from flask import Flask, request\n"
    "app = Flask(__name__)\n"
    "def helper(x):\n" + "".join(f"    x = x + '{i}'\n" for i in range(200)) + "    return x\n"
    "@app.route('/q')\n"
    "def search():\n"
    "    return helper(request.args.get('q', ''))\n"
)
