"""The workspace folders of a session (multi-root): one `WorkspaceState` each, found by URI."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from pygls.uris import to_fs_path
from pygls.workspace import Workspace

from graphwarden.lsp_server.editor import Editor
from graphwarden.lsp_server.progress import IndexProgress
from graphwarden.lsp_server.settings import ServerSettings
from graphwarden.lsp_server.workspace_state import DiagnosticsSink, WorkspaceState

log = logging.getLogger(__name__)


def path_of(uri: str) -> Path | None:
    """The filesystem path of a file: URI (None for untitled:, http:, ...)."""
    if not uri.startswith("file:"):
        return None
    try:
        path = to_fs_path(uri)
    except Exception:  # a malformed URI from a client is not our error
        return None
    if not path:
        return None
    try:
        return Path(path).resolve()
    except (ValueError, OSError, RuntimeError):
        # A NUL in the path, one too long, a symlink loop: no file of ours.
        return None


def is_directory(path: Path) -> bool:
    """`path.is_dir()`, False where the filesystem refuses the name (ENAMETOOLONG...)."""
    try:
        return path.is_dir()
    except OSError:
        return False


class Workspaces:
    """The folders of a session, and the settings a new folder starts from."""

    def __init__(
        self,
        editor: Editor,
        progress: IndexProgress,
        diagnostics: DiagnosticsSink,
        indexed: Callable[[], None] = lambda: None,
    ) -> None:
        self.editor = editor
        self.progress = progress
        self.diagnostics = diagnostics
        #: Every folder calls it after an index (`WorkspaceState.indexed`).
        self.indexed = indexed
        #: From initializationOptions: what a folder's workspace/configuration answer overrides.
        self.initial_settings = ServerSettings()
        #: The client cannot watch files for us: every folder watches its disk itself.
        self.watching_disk = False
        self._states: dict[Path, WorkspaceState] = {}

    def watch_disk(self) -> None:
        """Watch every folder's disk from the server (now, and for folders added later)."""
        if self.watching_disk:
            return
        self.watching_disk = True
        for state in self._states.values():
            state.watch_disk()

    @staticmethod
    def initial_folders(ws: Workspace) -> list[tuple[str, Path]]:
        """The folders of the initialize request (or its rootUri)."""
        out: list[tuple[str, Path]] = []
        for folder in ws.folders.values():
            root = path_of(folder.uri)
            if root is not None and is_directory(root):
                out.append((folder.uri, root))
        if not out and ws.root_uri:
            root = path_of(ws.root_uri)
            if root is not None and is_directory(root):
                out.append((ws.root_uri, root))
        return out

    def add(self, uri: str, root: Path, settings: ServerSettings) -> WorkspaceState:
        if root in self._states:
            return self._states[root]
        state = WorkspaceState(
            root,
            uri,
            settings,
            editor=self.editor,
            progress=self.progress,
            diagnostics=self.diagnostics,
            indexed=self.indexed,
            watch_disk=self.watching_disk,
        )
        self._states[root] = state
        # Documents opened before the folder existed (during initialize) join now.
        for doc_uri in self.editor.open_uris():
            path = path_of(doc_uri)
            rel = state.relative(path) if path is not None else None
            if rel is not None and self.locate(doc_uri) == (state, rel):
                state.open_docs[rel] = doc_uri
        state.start()
        return state

    def remove(self, uri: str) -> None:
        root = path_of(uri)
        state = self._states.pop(root, None) if root is not None else None
        if state is not None:
            self.diagnostics.forget(state)
            state.close(wait=False)

    def states(self) -> list[WorkspaceState]:
        return list(self._states.values())

    def locate(self, uri: str) -> tuple[WorkspaceState, str] | None:
        """The folder holding `uri` (the innermost, for nested folders) and the relative path."""
        path = path_of(uri)
        if path is None:
            return None
        best: tuple[WorkspaceState, str] | None = None
        for root, state in self._states.items():
            rel = state.relative(path)
            if rel is not None and (best is None or len(str(root)) > len(str(best[0].root))):
                best = (state, rel)
        return best

    def close_all(self) -> None:
        """Cancel cycles and close every store."""
        for state in self.states():
            state.close()
