"""The graphwarden language server: composes the pygls adapter over the analysis library.

The server only converts between LSP and the library. This module builds the
pieces and hands each feature module what it needs (no feature imports the
server, so the package has no import cycle):

=============================  =========================================
request / notification          module
=============================  =========================================
initialize ... exit, folders    here (lifecycle)
didOpen/didChange/didSave/...   lsp_server/features/documents.py
hover                           lsp_server/features/hover.py
definition                      lsp_server/features/definition.py
references                      lsp_server/features/references.py
document + workspace symbols    lsp_server/features/symbols.py
call hierarchy                  lsp_server/features/call_hierarchy.py
type hierarchy                  lsp_server/features/type_hierarchy.py
diagnostics (push and pull)     lsp_server/features/diagnostics.py
code actions, add to baseline   lsp_server/features/code_actions.py
code lens (and resolve)         lsp_server/features/code_lens.py
graph page, show chain          lsp_server/features/graph_view.py
workspace/executeCommand        lsp_server/features/commands.py
work-done progress cancel       lsp_server/features/progress.py
settings                        lsp_server/features/configuration.py (fetching),
                                lsp_server/settings.py (the values)
=============================  =========================================

What the features answer with is `graphwarden.analysis.navigation`; every
read request runs in the envelope of `lsp_server/requests.py`. A folder's
state and the scheduling of its cycles (the library's `CycleScheduler`) are
`lsp_server/workspace_state.py`; every folder's cycles run in a process of
their own, which owns the store's writer (`graphwarden.analysis.cycle_worker`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from graphwarden.analysis import __version__
from graphwarden.lsp_server.editor import Editor
from graphwarden.lsp_server.features import (
    call_hierarchy,
    code_actions,
    code_lens,
    commands,
    configuration,
    definition,
    diagnostics,
    documents,
    graph_view,
    hover,
    progress,
    references,
    symbols,
    type_hierarchy,
)
from graphwarden.lsp_server.features.code_lens import refresh_lenses
from graphwarden.lsp_server.features.configuration import fetch_configuration
from graphwarden.lsp_server.features.diagnostics import Diagnostics
from graphwarden.lsp_server.progress import IndexProgress
from graphwarden.lsp_server.protocol import GraphwardenProtocol
from graphwarden.lsp_server.requests import Requests
from graphwarden.lsp_server.settings import ServerSettings, apply_log_level
from graphwarden.lsp_server.stdio import serve_stdio
from graphwarden.lsp_server.workspaces import Workspaces, is_directory, path_of

log = logging.getLogger("graphwarden.lsp")


class LspLogHandler(logging.Handler):
    """Forwards log records to the client as window/logMessage (from any thread)."""

    LEVELS = {
        logging.ERROR: types.MessageType.Error,
        logging.WARNING: types.MessageType.Warning,
        logging.INFO: types.MessageType.Info,
        logging.DEBUG: types.MessageType.Log,
    }

    def __init__(self, server: GraphwardenServer) -> None:
        super().__init__()
        self.server = server

    def emit(self, record: logging.LogRecord) -> None:
        loop = self.server.loop
        if loop is None or loop.is_closed() or not self.server.initialized:
            return
        kind = self.LEVELS.get(
            record.levelno,
            types.MessageType.Error if record.levelno > 40 else types.MessageType.Log,
        )
        try:
            msg = types.LogMessageParams(type=kind, message=self.format(record))
            loop.call_soon_threadsafe(self._send, msg)
        except RuntimeError:
            pass  # the loop is shutting down

    def _send(self, msg: types.LogMessageParams) -> None:
        with contextlib.suppress(Exception):  # the client may have gone
            self.server.window_log_message(msg)


class GraphwardenServer(LanguageServer):
    """The language server and the pieces its features share."""

    def __init__(self) -> None:
        super().__init__(
            "graphwarden",
            __version__,
            protocol_cls=GraphwardenProtocol,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
        )
        self.editor = Editor(self)
        self.index_progress = IndexProgress(self)
        self.diagnostics = Diagnostics(self, self.editor)
        self.workspaces = Workspaces(
            self.editor,
            self.index_progress,
            self.diagnostics,
            indexed=lambda: refresh_lenses(self),
        )
        self.requests = Requests(self.workspaces, self.editor)
        self.initialized = False
        self.loop: asyncio.AbstractEventLoop | None = None
        self._closed = False

    def close_all(self) -> None:
        """Cancel cycles and close every store (idempotent)."""
        if self._closed:
            return
        self._closed = True
        self.workspaces.close_all()

    def shutdown(self) -> None:
        # Runs when the connection ends for any reason (exit, stdin closed).
        self.close_all()
        super().shutdown()

    def report_server_error(self, error: Exception, source: object) -> None:
        # Log instead of pygls's default window/showMessage: bad input from a
        # client is not something to pop up in the user's face.
        log.error("%s: %s", getattr(source, "__name__", source), error)


def _register_lifecycle(server: GraphwardenServer) -> None:
    workspaces = server.workspaces

    async def add_folders(folders: list[tuple[str, Path]]) -> None:
        answers = await fetch_configuration(server, [uri for uri, _ in folders])
        for i, (uri, root) in enumerate(folders):
            settings = workspaces.initial_settings
            if answers is not None and i < len(answers):
                settings = settings.merged(answers[i])
            apply_log_level(settings.log_level)
            workspaces.add(uri, root, settings)

    @server.feature(types.INITIALIZE)
    def initialize(params: types.InitializeParams) -> None:
        server.loop = asyncio.get_running_loop()
        workspaces.initial_settings = ServerSettings().merged(params.initialization_options)
        apply_log_level(workspaces.initial_settings.log_level)
        log.info("position encoding: %s", server.editor.position_encoding)

    @server.feature(types.INITIALIZED)
    async def initialized(params: types.InitializedParams) -> None:
        server.initialized = True
        documents.register_watchers(server, workspaces)
        await add_folders(Workspaces.initial_folders(server.workspace))

    @server.feature(types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
    async def folders_changed(params: types.DidChangeWorkspaceFoldersParams) -> None:
        for folder in params.event.removed:
            workspaces.remove(folder.uri)
        for folder in params.event.added:
            root = path_of(folder.uri)
            if root is None or not is_directory(root):
                # As at initialize: a folder that is not there is not indexed (its
                # store would create the missing directories).
                log.warning("workspace folder %s is not a directory: not indexed", folder.uri)
                continue
            await add_folders([(folder.uri, root)])

    @server.feature(types.SHUTDOWN)
    async def shutdown(params: None) -> None:
        # Cancel running cycles and close stores off the loop: a cycle stops
        # at its next checkpoint, then close() releases LMDB.
        await asyncio.get_running_loop().run_in_executor(None, server.close_all)

    @server.feature(types.EXIT)
    def exit_(params: None) -> None:
        server.close_all()


def create_server() -> GraphwardenServer:
    """A server with every feature registered (tests may drive it in-process)."""
    server = GraphwardenServer()
    _register_lifecycle(server)
    documents.register(server, server.workspaces, server.diagnostics)
    diagnostics.register(server, server.diagnostics, server.workspaces)
    for feature in (
        hover,
        definition,
        references,
        symbols,
        call_hierarchy,
        type_hierarchy,
        code_lens,
    ):
        feature.register(server, server.requests)
    commands.register(server, server.requests, server.workspaces)
    code_actions.register(server, server.requests, server.workspaces)
    graph_view.register(server, server.workspaces)
    progress.register(server, server.index_progress)
    configuration.register(server, server.workspaces)
    return server


def main() -> None:
    """Run the language server on stdio (`graphwarden serve`, `python -I -m graphwarden serve`)."""
    logging.basicConfig(
        stream=sys.stderr,
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    # pygls logs every message at INFO/DEBUG; keep the client's log readable.
    logging.getLogger("pygls").setLevel(logging.WARNING)
    # watchfiles says "N changes detected" for every batch of the disk watcher.
    logging.getLogger("watchfiles").setLevel(logging.WARNING)
    # Cycles run in worker processes; the threads left here (stdin, the
    # workers' pipes, decoding an edited document ahead of its first hover)
    # are short. With the default 5 ms switch interval a request handled
    # meanwhile could still wait up to 5 ms at a hand-over; 1 ms keeps it quick.
    sys.setswitchinterval(0.001)
    server = create_server()
    handler = LspLogHandler(server)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    serve_stdio(server)
