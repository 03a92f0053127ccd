"""The progress bar `index`, `check` and `query` show while a cycle runs.

The orchestrator reports progress as plain calls (stage, done, total) and
knows nothing of terminals; this turns them into one rich progress bar on
stderr, labelled with the stage the cycle is in (analysis, commit,
enrichment, guarantees), and into nothing at all when stderr is not a
terminal (CI logs, pipes), so machine-read output is never interleaved with
bar redraws. Colour follows rich, which honours NO_COLOR.
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
        self._task: TaskID | None = None
        self._stage = ""

    def __enter__(self) -> ProgressReporter:
        if self.enabled:
            # Imported only when a bar is shown: rich costs start-up time that
            # CI runs (no terminal) should not pay.
            from rich.console import Console
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
                # stderr: stdout carries the command's output, which may be piped.
                console=Console(stderr=True),
                transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task("starting", total=None)
        return self

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self._progress is None or self._task is None:
            return
        self._progress.update(self._task, description=stage, completed=done, total=total)
        if stage != self._stage:
            # Drawn at once: a stage can be over before the next timed refresh,
            # and the bar must never show a stage that has already ended.
            self._stage = stage
            self._progress.refresh()

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()
