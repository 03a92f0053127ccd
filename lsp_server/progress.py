"""Work-done progress for indexing: "graphwarden: indexing", with a percentage, cancellable.

The cycle reports (stage, done, total) from its worker thread; reports are
throttled there (only when the percentage moves) and sent from the event
loop. Cancelling in the editor calls the run's `cancel` (the folder asks its
cycle to stop at the next checkpoint); indexing resumes with the next change.
The handler of window/workDoneProgress/cancel is `features/progress.py`.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Callable

from lsprotocol import types
from pygls.lsp.server import LanguageServer

log = logging.getLogger(__name__)

TITLE = "graphwarden: indexing"
#: Share of the bar each stage of the cycle fills (analysis dominates a cold index).
STAGE_SPAN = {"analysis": (0, 80), "commit": (80, 95)}


class IndexTask:
    """One indexing run's progress token; called from the worker thread."""

    def __init__(self, server: LanguageServer, folder: str, cancel: Callable[[], None]) -> None:
        self.server = server
        self.folder = folder
        self.cancel = cancel
        self.token = f"graphwarden-index-{uuid.uuid4().hex[:12]}"
        self.loop = asyncio.get_running_loop()
        self.begun = False
        self.ended = False
        self.cancelled = False
        self._last = -1
        self._pending: tuple[int, str] | None = None
        #: Kept so the task is not garbage-collected while it runs.
        self.begin_task: asyncio.Future[None] | None = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        lo, hi = STAGE_SPAN.get(stage, (95, 99))
        pct = lo + (hi - lo) * done // max(total, 1)
        if pct == self._last:
            return
        self._last = pct
        message = f"{stage} {done}/{total} files" if stage in STAGE_SPAN else stage
        self.loop.call_soon_threadsafe(self._report, pct, message)

    def _report(self, pct: int, message: str) -> None:
        if self.ended:
            return
        if not self.begun:
            self._pending = (pct, message)
            return
        self.server.work_done_progress.report(
            self.token,
            types.WorkDoneProgressReport(percentage=pct, message=message, cancellable=True),
        )

    async def begin(self) -> None:
        try:
            await self.server.work_done_progress.create_async(self.token)
        except Exception as exc:  # the client may refuse; index anyway, silently
            log.debug("no progress token: %s", exc)
            self.ended = True
            return
        # Always begin, even if the run already finished while the token was
        # being created: a client must see begin ... end for every token.
        self.server.work_done_progress.begin(
            self.token,
            types.WorkDoneProgressBegin(
                title=TITLE, percentage=0, cancellable=True, message=self.folder
            ),
        )
        self.begun = True
        if self._pending is not None and not self.ended:
            self._report(*self._pending)
        if self.ended:
            self._send_end()

    def end(self) -> None:
        if self.ended:
            return
        self.ended = True
        if self.begun:
            self._send_end()

    def _send_end(self) -> None:
        if not self.cancelled:
            self.server.work_done_progress.report(
                self.token, types.WorkDoneProgressReport(percentage=100, message="done")
            )
        message = "cancelled" if self.cancelled else "done"
        self.server.work_done_progress.end(self.token, types.WorkDoneProgressEnd(message=message))
        self.server.work_done_progress.tokens.pop(self.token, None)


class IndexProgress:
    """Creates progress tokens for index runs and routes cancellations."""

    def __init__(self, server: LanguageServer) -> None:
        self.server = server
        self.tasks: dict[str, IndexTask] = {}

    def _supported(self) -> bool:
        window = self.server.client_capabilities.window
        return bool(window and window.work_done_progress)

    def start_index(self, folder: str, cancel: Callable[[], None]) -> IndexTask | None:
        """A progress callback for an index run of `folder` (None when the client shows
        no progress); `cancel` is called when the user cancels it in the editor."""
        if not self._supported():
            return None
        task = IndexTask(self.server, folder, cancel)
        self.tasks[task.token] = task
        task.begin_task = asyncio.ensure_future(task.begin())
        return task

    def end(self, task: IndexTask) -> None:
        task.end()
        self.tasks.pop(task.token, None)

    def cancel(self, token: types.ProgressToken) -> None:
        """The user cancelled the progress `token` in the editor."""
        task = self.tasks.get(str(token))
        if task is None:
            return
        task.cancelled = True
        log.info("indexing of %s cancelled by the user", task.folder)
        task.cancel()
