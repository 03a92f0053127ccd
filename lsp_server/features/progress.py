"""window/workDoneProgress/cancel: the user stops an index run (the progress is `lsp_server/progress.py`)."""

from __future__ import annotations

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from graphwarden.lsp_server.progress import IndexProgress


def register(server: LanguageServer, progress: IndexProgress) -> None:
    @server.feature(types.WINDOW_WORK_DONE_PROGRESS_CANCEL)
    def cancel(params: types.WorkDoneProgressCancelParams) -> None:
        progress.cancel(params.token)
