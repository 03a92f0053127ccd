"""Document sync and watched files: every edit becomes (part of) an incremental cycle.

Open buffers overlay the disk: while a document is open its buffer text is
what the graph sees; closing it returns the file to its disk content.
Changes made outside the editor (a save from another tool, a branch switch)
arrive as workspace/didChangeWatchedFiles, or, for a client that cannot
watch files for us, from the server's own watcher (`disk_watch.py`); either
way `WorkspaceState.disk_changed` decides what they mean, and they are
batched into one cycle.
What may enter the graph at all is the workspace's `FileFilter`
(`WorkspaceState.accepts`): an ignored file opened in the editor stays out.
"""

from __future__ import annotations

import logging

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from graphwarden.lsp_server.features.diagnostics import Diagnostics
from graphwarden.lsp_server.workspace_state import BUFFER, CONFIG_FILES, DISK, WorkspaceState
from graphwarden.lsp_server.workspaces import Workspaces

log = logging.getLogger(__name__)

SOURCE_GLOB = "**/*.{py,pyi,js,mjs,cjs,jsx,ts,mts,cts,tsx}"
CONFIG_GLOB = (
    "**/{pyproject.toml,graphwarden.toml,tsconfig.json,.gitignore,graphwarden-baseline.json}"
)


def register_watchers(server: LanguageServer, workspaces: Workspaces) -> None:
    """Ask the client to watch sources and config files (dynamic registration only);
    where it cannot, or refuses, the server watches the folders itself."""
    ws = server.client_capabilities.workspace
    watched = ws.did_change_watched_files if ws else None
    if not (watched and watched.dynamic_registration):
        log.info("the client cannot watch files for us: the server watches the folders itself")
        workspaces.watch_disk()
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
            log.warning("the client refused to watch files (%s): the server watches them", exc)
            workspaces.watch_disk()

    try:
        server.client_register_capability(params, callback=None).add_done_callback(done)
    except Exception as exc:  # a client that cannot register still gets edits
        log.warning("cannot ask the client to watch files (%s): the server watches them", exc)
        workspaces.watch_disk()


def _is_config(rel: str) -> bool:
    """A config file the folder's settings come from (tsconfig.json at any depth)."""
    return rel in CONFIG_FILES or rel.endswith("/tsconfig.json")


def register(server: LanguageServer, workspaces: Workspaces, diagnostics: Diagnostics) -> None:
    """Register the text-sync and watched-files handlers."""

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: types.DidOpenTextDocumentParams) -> None:
        found = workspaces.locate(params.text_document.uri)
        if found is None:
            log.debug("not in a workspace folder, not indexed: %s", params.text_document.uri)
            return
        state, rel = found
        state.open_docs[rel] = params.text_document.uri
        diagnostics.document_opened(state, rel)
        if state.accepts(rel):
            # No debounce: opening is a single event, show its diagnostics now.
            state.change(rel, BUFFER, immediate=True)
        else:
            log.debug("not indexed (as `graphwarden index` decides): %s", rel)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(params: types.DidChangeTextDocumentParams) -> None:
        found = workspaces.locate(params.text_document.uri)
        if found is None:
            return
        state, rel = found
        if state.accepts(rel):
            state.open_docs.setdefault(rel, params.text_document.uri)
            # The first keystroke after a pause runs at once; a burst waits for quiet.
            state.change(rel, BUFFER, leading=True)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(params: types.DidSaveTextDocumentParams) -> None:
        found = workspaces.locate(params.text_document.uri)
        if found is None:
            return
        state, rel = found
        if _is_config(rel):
            state.reload()
        elif rel == ".gitignore" or rel.endswith("/.gitignore"):
            state.refilter()
        elif rel in state.scheduler.pending:
            # The buffer already reached the graph through didChange; a save
            # only matters if changes are still queued: run them now.
            state.change(rel, BUFFER, immediate=True)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: types.DidCloseTextDocumentParams) -> None:
        found = workspaces.locate(params.text_document.uri)
        if found is None:
            return
        state, rel = found
        if state.open_docs.pop(rel, None) is None:
            return
        diagnostics.document_closed(state, rel)
        if state.accepts(rel):
            # Back to the disk's content (or gone, if it was never saved).
            state.change(rel, DISK, immediate=True)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(params: types.DidChangeWatchedFilesParams) -> None:
        by_folder: dict[int, tuple[WorkspaceState, list[str]]] = {}
        for event in params.changes:
            found = workspaces.locate(event.uri)
            if found is not None:
                state, rel = found
                by_folder.setdefault(id(state), (state, []))[1].append(rel)
        for state, rels in by_folder.values():
            state.disk_changed(rels)
