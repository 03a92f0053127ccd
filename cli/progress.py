"""The progress bar `index`, `check` and `query` show while a cycle runs.

The orchestrator reports progress as plain calls (stage, done, total) and
knows nothing of terminals; this turns them into a rich progress bar on
stderr, and into nothing at all when stderr is not a terminal (CI logs, pipes),
so machine-read output is never interleaved with bar redraws.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID


class ProgressReporter:
    """A progress bar on a terminal; nothing otherwise. Use as a context manager."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self._progress: Progress | None = None
        self._tasks: dict[str, TaskID] = {}

    def __enter__(self) -> ProgressReporter:
        if self.enabled:
            # Imported only when a bar is shown: rich costs start-up time that
            # CI runs (no terminal) should not pay.
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
            )

            self._progress = Progress(
                TextColumn("[bold]{task.description:<10}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                transient=True,
            )
            self._progress.start()
        return self

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self._progress is None:
            return
        task = self._tasks.get(stage)
        if task is None:
            task = self._tasks[stage] = self._progress.add_task(stage, total=total)
        self._progress.update(task, completed=done, total=total)

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()
