"""The watch loop in the library: events through the CycleScheduler, files through FileFilter."""

from __future__ import annotations

import threading
from pathlib import Path

from graphwarden.analysis.orchestrator import CycleStats, Orchestrator
from tests.helpers import write_files


def test_watch_runs_cycles_for_indexed_files_only_and_stops_on_request(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    write_files(
        root,
        {
            ".gitignore": "generated/\n",
            "graphwarden.toml": 'exclude = ["scratch/**"]\n',
            "pkg/__init__.py": "",
            "pkg/a.py": "def f():\n    return 1\n",
        },
    )
    orch = Orchestrator(root, workers=1)
    stop = threading.Event()
    cycles: list[CycleStats] = []
    ready = threading.Event()

    def on_cycle(stats: CycleStats) -> None:
        cycles.append(stats)
        if "pkg/b.py" in stats.changed_paths:
            stop.set()

    def on_ready(stats: CycleStats) -> None:
        ready.set()
        # Ignored files first: had any of them been taken, it would be in a
        # cycle no later than the one that brings pkg/b.py (events keep order).
        write_files(
            root,
            {
                "generated/x.py": "def gen():\n    pass\n",
                "scratch/y.py": "def tmp():\n    pass\n",
                "build/z.py": "def built():\n    pass\n",
                "pkg/b.py": "from pkg.a import f\n\n\ndef g():\n    return f()\n",
            },
        )

    from graphwarden.analysis.watch import stopped, watch_workspace

    result: list[int] = []
    thread = threading.Thread(
        target=lambda: result.append(
            watch_workspace(orch, 50, on_ready=on_ready, on_cycle=on_cycle, stop=stop)
        )
    )
    thread.start()
    try:
        thread.join(timeout=120)
        assert not thread.is_alive(), "the watch loop did not stop"
    finally:
        stop.set()
        thread.join(timeout=30)
        orch.close()
        stopped()  # the caller disarms the stop deadline once it has closed
    assert ready.is_set() and result == [0]
    assert [c.changed_paths for c in cycles] == [["pkg/b.py"]]
