"""Named points of the cycle where a test can hold a process and learn it got there.

Tests of faults and concurrency need a process to be *at* a known point
(inside a commit, in the middle of a long cycle) before they act: killing it,
sending a request, shutting it down. Sleeping and hoping is how such tests
become flaky. Instead, a test starts the process with
``GRAPHWARDEN_TEST_CHECKPOINTS`` naming a directory and creates
``hold-<name>`` there; when the process reaches ``checkpoint(name)`` it
creates ``at-<name>`` (the announcement) and waits until the test removes
``hold-<name>``; then it removes ``at-<name>`` and carries on.

Without the variable a checkpoint is one comparison; nothing here runs in a
normal process. Points: ``cycle`` (a cycle starts, the cycle lock held),
``enrichment`` (a cycle's analysis is committed, enrichment not begun),
``global`` (the edited files' results reported, the global passes not
begun: only in a process with a results hook, the language server's cycle
worker), ``commit`` (inside a store write transaction, before it commits),
``enrich-<enricher>-<file>`` (an enrichment worker process about to run an
enricher on a file, `/` in its path spelled `-`: `checkpoint_file`).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

ENV = "GRAPHWARDEN_TEST_CHECKPOINTS"
#: A held checkpoint gives up after this long, so a test that dies never
#: leaves a process waiting forever.
MAX_HOLD_SECONDS = 300.0

_dir = os.environ.get(ENV)
_DIR: Path | None = Path(_dir) if _dir else None


def checkpoint_file(name: str, file: str) -> None:
    """`checkpoint` of a point of one file's work (`<name>-<file>`, see above)."""
    if _DIR is not None:
        checkpoint(f"{name}-{file.replace('/', '-')}")


def checkpoint(name: str) -> None:
    """Announce reaching `name` and wait while a test holds it (no-op normally)."""
    if _DIR is None:
        return
    hold = _DIR / f"hold-{name}"
    if not hold.exists():
        return
    at = _DIR / f"at-{name}"
    # Written aside and renamed: a test that sees the announcement reads the pid.
    written = _DIR / f".at-{name}.{os.getpid()}"
    written.write_text(str(os.getpid()))
    written.replace(at)
    deadline = time.monotonic() + MAX_HOLD_SECONDS
    try:
        while hold.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        at.unlink(missing_ok=True)
