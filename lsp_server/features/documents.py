"""Document sync and watched files: every edit becomes (part of) an incremental cycle.

Open buffers overlay the disk: while a document is open its buffer text is
what the graph sees; closing it returns the file to its disk content.
Changes made outside the editor (a save from another tool, a branch switch)
arrive as workspace/didChangeWatchedFiles and are batched into one cycle.
"""

from __future__ import annotations

import contextlib
import logging
from typing import TYPE_CHECKING

from lsprotocol import types

from graphwarden.lsp_server.workspace_state import BUFFER, CONFIG_FILES, DISK

if TYPE_CHECKING:
    from graphwarden.lsp_server.server import GraphwardenServer

log = logging.getLogger(__name__)

SOURCE_GLOB = "**/*.{py,pyi,js,mjs,cjs,jsx,ts,mts,cts,tsx}"
CONFIG_GLOB = "**/{pyproject.toml,graphwarden.toml,tsconfig.json}"


def register_watchers(ls: GraphwardenServer) -> None:
    """Ask the client to watch sources and config files (dynamic registration only)."""
    ws = ls.client_capabilities.workspace
    watched = ws.did_change_watched_files if ws else None
    if not (watched and watched.dynamic_registration):
        log.info("the client cannot watch files for us; changes outside the editor need a re-index")
        return
    options = types.DidChangeWatchedFilesRegistrationOptions(
        watchers=[
            types.FileSystemWatcher(glob_pattern=SOURCE_GLOB),
            types.FileSystemWatcher(glob_pattern=CONFIG_GLOB),
        ]
    )
    params = types.RegistrationParams(
        registrations=[
            types.Registration(
                id="graphwarden-watched-files",
                method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=options,
            )
        ]
    )

    def done(fut: object) -> None:
        exc = getattr(fut, "exception", lambda: None)()
        if exc is not None:
            log.warning("the client refused to watch files: %s", exc)

    with contextlib.suppress(Exception):
        ls.client_register_capability(params, callback=None).add_done_callback(done)


def register(server: GraphwardenServer) -> None:
    """Register the text-sync and watched-files handlers."""

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: GraphwardenServer, params: types.DidOpenTextDocumentParams) -> None:
        found = ls.workspaces.locate(params.text_document.uri)
        if found is None:
            log.debug("not in a workspace folder, not indexed: %s", params.text_document.uri)
            return
        state, rel = found
        state.open_docs[rel] = params.text_document.uri
        if state.indexable(rel):
            # No debounce: opening is a single event, show its diagnostics now.
            state.change(rel, BUFFER, immediate=True)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: GraphwardenServer, params: types.DidChangeTextDocumentParams) -> None:
        found = ls.workspaces.locate(params.text_document.uri)
        if found is None:
            return
        state, rel = found
        if state.indexable(rel):
            state.open_docs.setdefault(rel, params.text_document.uri)
            state.change(rel, BUFFER)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: GraphwardenServer, params: types.DidSaveTextDocumentParams) -> None:
        found = ls.workspaces.locate(params.text_document.uri)
        if found is None:
            return
        state, rel = found
        if rel in CONFIG_FILES or rel.endswith("/tsconfig.json"):
            state.reload()
            return
        # The buffer already reached the graph through didChange; a save only
        # matters if changes are still queued: run them now.
        if rel in state.pending:
            state.change(rel, BUFFER, immediate=True)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: GraphwardenServer, params: types.DidCloseTextDocumentParams) -> None:
        found = ls.workspaces.locate(params.text_document.uri)
        if found is None:
            return
        state, rel = found
        if state.open_docs.pop(rel, None) is None:
            return
        if ls.pull_diagnostics:
            ls.push_one(state, rel)  # no longer pulled: push what it has
        # Back to the disk's content (or gone, if it was never saved).
        state.change(rel, DISK, immediate=True)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(
        ls: GraphwardenServer, params: types.DidChangeWatchedFilesParams
    ) -> None:
        reload: set[object] = set()
        for event in params.changes:
            found = ls.workspaces.locate(event.uri)
            if found is None:
                continue
            state, rel = found
            name = rel.rsplit("/", 1)[-1]
            if name in CONFIG_FILES:
                if rel in CONFIG_FILES or name == "tsconfig.json":
                    reload.add(state)
                continue
            if rel in state.open_docs:
                continue  # the buffer wins while it is open
            if not state.indexable(rel):
                continue
            # Debounced like edits: a branch switch's hundreds of events make one cycle.
            state.change(rel, DISK)
        for state in reload:
            state.reload()  # type: ignore[attr-defined]
