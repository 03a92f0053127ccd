"""The graphwarden language server: a thin pygls adapter over `analysis.Orchestrator`.

Where things are answered:

=============================  =========================================
request / notification          module
=============================  =========================================
didOpen/didChange/didSave/...   lsp_server/features/documents.py
hover                           lsp_server/features/hover.py
definition                      lsp_server/features/definition.py
references                      lsp_server/features/references.py
document + workspace symbols    lsp_server/features/symbols.py
call hierarchy                  lsp_server/features/call_hierarchy.py
type hierarchy                  lsp_server/features/type_hierarchy.py
diagnostics (push and pull)     lsp_server/features/diagnostics.py
workspace/executeCommand        lsp_server/features/commands.py
work-done progress              lsp_server/features/progress.py
settings                        lsp_server/features/configuration.py (fetching),
                                lsp_server/settings.py (the values)
=============================  =========================================

Scheduling of cycles (debounce, cancellation, one executor per folder)
lives in lsp_server/workspace_state.py.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from lsprotocol import types
from pygls.exceptions import (
    JsonRpcException,
    JsonRpcInvalidRequest,
    JsonRpcServerNotInitialized,
)
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method

from graphwarden.analysis import __version__
from graphwarden.analysis.model import Node
from graphwarden.analysis.store import Snapshot
from graphwarden.lsp_server.features import (
    call_hierarchy,
    commands,
    configuration,
    definition,
    diagnostics,
    documents,
    hover,
    progress,
    references,
    symbols,
    type_hierarchy,
)
from graphwarden.lsp_server.features.configuration import fetch_configuration
from graphwarden.lsp_server.features.diagnostics import DiagnosticsEngine
from graphwarden.lsp_server.lines import LineCache
from graphwarden.lsp_server.lookup import Target, definitions, target_at
from graphwarden.lsp_server.positions import UTF8, UTF16, LineConverter, split_lines
from graphwarden.lsp_server.settings import LOG_LEVELS, ServerSettings
from graphwarden.lsp_server.workspace_state import Workspaces, WorkspaceState, is_directory

log = logging.getLogger("graphwarden.lsp")


class GraphwardenProtocol(LanguageServerProtocol):
    """pygls's protocol with two changes: prefer UTF-8, tolerate stray didChange."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: Whether an initialize request has arrived: before it, LSP allows only exit.
        self.initialize_received = False

    def handle_message(self, message: Any) -> None:
        method = getattr(message, "method", None)
        if (
            isinstance(method, str)
            and not self.initialize_received
            and method not in (types.INITIALIZE, types.EXIT)
        ):
            # LSP: before initialize, a request is answered with -32002 and a
            # notification is dropped (pygls would run either, on no workspace).
            if hasattr(message, "id"):
                error = JsonRpcServerNotInitialized(f"{method} before initialize")
                self._send_response(message.id, error=error.to_response_error())
            else:
                log.warning("%s before initialize: dropped", method)
            return
        if method == types.INITIALIZE and self.initialize_received and hasattr(message, "id"):
            # Once only: a second one would renegotiate the position encoding
            # under the client's feet.
            error = JsonRpcInvalidRequest("initialize may only be sent once")
            self._send_response(message.id, error=error.to_response_error())
            return
        if self._shutdown and hasattr(message, "id") and isinstance(method, str):
            # pygls drops these without an answer; LSP: Invalid Request.
            error = JsonRpcInvalidRequest(f"{method} after shutdown: only exit is accepted")
            self._send_response(message.id, error=error.to_response_error())
            return
        super().handle_message(message)

    @lsp_method(types.INITIALIZE)
    def lsp_initialize(self, params: types.InitializeParams) -> Any:
        self.initialize_received = True
        # pygls takes the client's first supported encoding; we prefer UTF-8
        # whenever it is offered at all (no conversion for ASCII-free files).
        general = params.capabilities.general
        if (
            general is not None
            and general.position_encodings
            and UTF8 in general.position_encodings
        ):
            general.position_encodings = [UTF8] + [
                e for e in general.position_encodings if e != UTF8
            ]
        return (yield from super().lsp_initialize(params))

    def structure_message(self, data: dict[str, Any]) -> Any:
        if _is_notification_with_id(data):
            # A message with an id is a request and must be answered; pygls would
            # run it as the notification and leave the client waiting forever.
            error = JsonRpcInvalidRequest(
                f"{data['method']} is a notification: it is sent without an id"
            )
            with contextlib.suppress(Exception):
                self._send_response(data["id"], error=error.to_response_error())
            raise error
        if isinstance(data, dict) and "jsonrpc" in data and "method" in data:
            if not isinstance(data["method"], str):
                error = JsonRpcInvalidRequest("a message's method must be a string")
                if "id" in data:
                    with contextlib.suppress(Exception):
                        self._send_response(data["id"], error=error.to_response_error())
                raise error
            if "params" not in data and self.get_message_type(data["method"]) is None:
                # JSON-RPC params are optional; pygls's generic message needs them
                # (else an internal error instead of Method Not Found).
                data = {**data, "params": None}
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            # pygls logs a request it cannot decode but never answers it; a
            # client would wait forever. Answer with the error, then let pygls
            # drop the message as before.
            if isinstance(data, dict) and "id" in data and "method" in data:
                with contextlib.suppress(Exception):
                    self._send_response(data["id"], error=exc.to_response_error())
            raise

    def _handle_cancel_notification(self, msg_id: Any) -> None:
        # lsprotocol lets any JSON through its `int | str` ids; a list or an object
        # would be looked up in pygls's dict of requests (TypeError).
        if isinstance(msg_id, int | str):
            super()._handle_cancel_notification(msg_id)
        else:
            log.warning("$/cancelRequest with an id that is no int or string: %r", msg_id)

    @lsp_method(types.WINDOW_WORK_DONE_PROGRESS_CANCEL)
    def lsp_work_done_progress_cancel(self, params: types.WorkDoneProgressCancelParams) -> Any:
        # The same for a progress token (pygls looks it up in a dict).
        if not isinstance(params.token, int | str):
            log.warning("progress cancel with a token that is no int or string: %r", params.token)
            return None
        return (yield from super().lsp_work_done_progress_cancel(params))

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: types.DidChangeTextDocumentParams) -> Any:
        # A change to a document the client never opened cannot be applied
        # (there is no base text); pygls would raise. Log it and carry on.
        if unquote(params.text_document.uri) not in self.workspace.text_documents:
            log.warning("didChange for a document that is not open: %s", params.text_document.uri)
            return None
        return (yield from super().lsp_text_document__did_change(params))


def _is_notification_with_id(data: Any) -> bool:
    """A JSON-RPC request (it has an id) for a method LSP defines as a notification."""
    if not (isinstance(data, dict) and "jsonrpc" in data and "id" in data):
        return False
    method = data.get("method")
    if not isinstance(method, str) or "error" in data:
        return False
    known = types.METHOD_TO_TYPES.get(method)
    # (message type, response type, params, registration options): no response type
    # means a notification.
    return known is not None and known[1] is None


@dataclass
class Reading:
    """Everything a request handler needs to read the graph for one document."""

    state: WorkspaceState
    rel: str
    snap: Snapshot
    conv: LineConverter

    @property
    def encoding(self) -> str:
        return self.conv.encoding

    def target_at(self, position: types.Position) -> Target:
        """What is under an LSP position: a node, or a word to look up."""
        line, col = self.conv.to_graph(position)
        return target_at(self.snap, self.rel, line, col, self.conv.line_text(line))

    def definitions_at(self, position: types.Position) -> list[Node]:
        """The definitions the symbol at an LSP position stands for."""
        return definitions(self.snap, self.rel, self.target_at(position))


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
        with contextlib.suppress(Exception):
            self.server.window_log_message(msg)


class GraphwardenServer(LanguageServer):
    """The language server: workspace folders, settings, publishing."""

    def __init__(self) -> None:
        super().__init__(
            "graphwarden",
            __version__,
            protocol_cls=GraphwardenProtocol,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
        )
        self.workspaces = Workspaces(self)
        self.progress = progress.IndexProgress(self)
        self.init_settings = ServerSettings()
        self.initialized = False
        self.loop: asyncio.AbstractEventLoop | None = None
        self.disk_lines = LineCache()
        self._result_ids = itertools.count(1)
        self._closed = False

    # -- client capabilities ------------------------------------------------------------

    @property
    def position_encoding(self) -> str:
        try:
            enc = self.workspace.position_encoding
        except RuntimeError:
            return UTF16
        # An lsprotocol enum or a plain string: compare by value.
        return str(getattr(enc, "value", enc) or UTF16)

    @property
    def pull_diagnostics(self) -> bool:
        """Open documents' diagnostics are pulled by the client (textDocument/diagnostic).

        Only if the client can also be told to pull again (refresh support):
        a client that pulls only on open and edit would never learn that a
        cycle changed a file's results (Neovim 0.11.4), so those get pushes.
        """
        td = self.client_capabilities.text_document
        return bool(td and td.diagnostic is not None and self._refresh_supported())

    def _refresh_supported(self) -> bool:
        ws = self.client_capabilities.workspace
        return bool(ws and ws.diagnostics and ws.diagnostics.refresh_support)

    # -- documents and positions ------------------------------------------------------------

    def buffer_text(self, uri: str) -> str | None:
        """The text of an open buffer (None when the document is not open)."""
        try:
            doc = self.workspace.text_documents.get(unquote(uri))
        except RuntimeError:
            return None
        return doc.source if doc is not None else None

    def converter(self, state: WorkspaceState, rel: str) -> LineConverter:
        """Position conversion for a file: the open buffer's text, else the disk's."""
        uri = state.open_docs.get(rel)
        text = self.buffer_text(uri) if uri else None
        lines = split_lines(text) if text is not None else self.disk_lines.get(state.root / rel)
        return LineConverter(lines, self.position_encoding)

    def location(self, state: WorkspaceState, file: str, r: Any) -> types.Location:
        return types.Location(
            uri=self.uri_of(state, file), range=self.converter(state, file).range(r)
        )

    def uri_of(self, state: WorkspaceState, rel: str) -> str:
        return state.open_docs.get(rel) or (state.root / rel).as_uri()

    @contextlib.contextmanager
    def reading(self, uri: str) -> Iterator[Reading | None]:
        """A snapshot of the graph for the folder holding `uri` (None if it has none).

        Never waits for a cycle: it is the latest committed revision, whatever
        is running.
        """
        found = self.workspaces.locate(uri)
        if found is None:
            yield None
            return
        state, rel = found
        orch = state.orch
        if orch is None:
            yield None
            return
        try:
            snap = orch.snapshot()
        except Exception as exc:  # the store is being replaced (reindex, reload)
            log.debug("no snapshot for %s: %r", uri, exc)
            yield None
            return
        try:
            yield Reading(state, rel, snap, self.converter(state, rel))
        finally:
            snap.close()

    # -- diagnostics -------------------------------------------------------------------------

    def diagnostics_for(self, state: WorkspaceState) -> DiagnosticsEngine:
        return DiagnosticsEngine(self, state)

    def publish(self, state: WorkspaceState, diags: dict[str, list[types.Diagnostic]]) -> None:
        """Send the files whose diagnostics changed (an empty list clears a fixed file)."""
        pull = self.pull_diagnostics
        old = state.published
        changed_open = False
        for rel in sorted(set(old) | set(diags)):
            new = diags.get(rel, [])
            if old.get(rel, []) == new:
                continue
            state.result_ids[rel] = str(next(self._result_ids))
            if pull and rel in state.open_docs:
                changed_open = True  # the client pulls these
                continue
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=self.uri_of(state, rel), diagnostics=new)
            )
        state.published = {rel: d for rel, d in diags.items() if d}
        if changed_open and self._refresh_supported():
            with contextlib.suppress(Exception):
                self.workspace_diagnostic_refresh(None)

    def pulled_diagnostics(
        self, state: WorkspaceState, rel: str
    ) -> tuple[list[types.Diagnostic], str]:
        return state.published.get(rel, []), state.result_ids.setdefault(rel, "0")

    def push_one(self, state: WorkspaceState, rel: str) -> None:
        """Push a file's current diagnostics (a pulled document was closed)."""
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=(state.root / rel).as_uri(), diagnostics=state.published.get(rel, [])
            )
        )

    # -- settings ------------------------------------------------------------------------------

    def set_log_level(self, level: str) -> None:
        logging.getLogger().setLevel(LOG_LEVELS.get(level, logging.INFO))

    def apply_settings(self, state: WorkspaceState, new: ServerSettings) -> None:
        """Apply changed settings to one folder: reopen the store only when needed."""
        old = state.settings
        state.settings = new
        self.set_log_level(new.log_level)
        if new.store_affecting() != old.store_affecting():
            state.reload()
        elif new.diagnostics != old.diagnostics:
            state.recollect()

    async def refresh_configuration(self) -> None:
        """Ask the client for the "graphwarden" section again, for every folder."""
        states = list(self.workspaces.states())
        answers = await fetch_configuration(self, [s.uri for s in states])
        if answers is None:
            return
        for state, raw in zip(states, answers):
            self.apply_settings(state, self.init_settings.merged(raw))

    # -- lifecycle -----------------------------------------------------------------------------

    def close_all(self) -> None:
        """Cancel cycles and close every store (idempotent)."""
        if self._closed:
            return
        self._closed = True
        for state in list(self.workspaces.states()):
            state.close()

    def shutdown(self) -> None:
        # Runs when the connection ends for any reason (exit, stdin closed).
        self.close_all()
        super().shutdown()

    def report_server_error(self, error: Exception, source: Any) -> None:
        # Log instead of pygls's default window/showMessage: bad input from a
        # client is not something to pop up in the user's face.
        log.error("%s: %s", getattr(source, "__name__", source), error)


def _register_lifecycle(server: GraphwardenServer) -> None:
    @server.feature(types.INITIALIZE)
    def initialize(ls: GraphwardenServer, params: types.InitializeParams) -> None:
        ls.loop = asyncio.get_running_loop()
        ls.init_settings = ServerSettings().merged(params.initialization_options)
        ls.set_log_level(ls.init_settings.log_level)
        log.info("position encoding: %s", ls.position_encoding)

    @server.feature(types.INITIALIZED)
    async def initialized(ls: GraphwardenServer, params: types.InitializedParams) -> None:
        ls.initialized = True
        documents.register_watchers(ls)
        folders = ls.workspaces.initial_folders()
        answers = await fetch_configuration(ls, [uri for uri, _ in folders])
        for i, (uri, root) in enumerate(folders):
            settings = ls.init_settings
            if answers is not None and i < len(answers):
                settings = settings.merged(answers[i])
            ls.set_log_level(settings.log_level)
            ls.workspaces.add(uri, root, settings)

    @server.feature(types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
    async def folders_changed(
        ls: GraphwardenServer, params: types.DidChangeWorkspaceFoldersParams
    ) -> None:
        for folder in params.event.removed:
            ls.workspaces.remove(folder.uri)
        for folder in params.event.added:
            root = Workspaces.path_of(folder.uri)
            if root is None or not is_directory(root):
                # As at initialize: a folder that is not there is not indexed (its
                # store would create the missing directories).
                log.warning("workspace folder %s is not a directory: not indexed", folder.uri)
                continue
            answers = await fetch_configuration(ls, [folder.uri])
            settings = ls.init_settings.merged(answers[0]) if answers else ls.init_settings
            ls.workspaces.add(folder.uri, root, settings)

    @server.feature(types.SHUTDOWN)
    async def shutdown(ls: GraphwardenServer, params: Any) -> None:
        # Cancel running cycles and close stores off the loop: a cycle stops
        # at its next checkpoint, then close() releases LMDB.
        await asyncio.get_running_loop().run_in_executor(None, ls.close_all)

    @server.feature(types.EXIT)
    def exit_(ls: GraphwardenServer, params: Any) -> None:
        ls.close_all()


def create_server() -> GraphwardenServer:
    """A server with every feature registered (tests may drive it in-process)."""
    server = GraphwardenServer()
    _register_lifecycle(server)
    for feature in (
        documents,
        hover,
        definition,
        references,
        symbols,
        call_hierarchy,
        type_hierarchy,
        diagnostics,
        commands,
        progress,
        configuration,
    ):
        feature.register(server)
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
    # Cycles run in a worker thread of this process. With the default 5 ms
    # GIL switch interval a request handled meanwhile waits up to 5 ms at
    # every hand-over; 1 ms keeps hover and definition quick during a cycle.
    sys.setswitchinterval(0.001)
    server = create_server()
    handler = LspLogHandler(server)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    server.start_io()
