"""The request envelope: every read request of the server goes through here.

A handler states what it answers from a `DocumentReading` (or a
`FolderReading` per folder); the envelope does the rest, in one place:
find the workspace folder of the URI, take a snapshot of the latest
committed revision (never waiting for a cycle), convert positions, catch and
log any error, answer None (an empty list for every-folder requests) on
failure, and close the snapshot.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from typing import TypeVar

from lsprotocol import types

from graphwarden.analysis.config import Settings
from graphwarden.analysis.model import Node, Range
from graphwarden.analysis.modules import ModuleNaming
from graphwarden.analysis.navigation import Target, definitions, module_naming, target_at
from graphwarden.analysis.navigation import qualified_name as _qualified_name
from graphwarden.analysis.store import Snapshot
from graphwarden.lsp_server.editor import Editor
from graphwarden.lsp_server.positions import LineConverter
from graphwarden.lsp_server.workspace_state import WorkspaceState
from graphwarden.lsp_server.workspaces import Workspaces

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass
class FolderReading:
    """One folder's graph at one revision, and how to show its places to the client."""

    state: WorkspaceState
    snap: Snapshot
    settings: Settings
    editor: Editor

    def converter(self, file: str) -> LineConverter:
        """Position conversion for `file`: the open buffer's text, else the disk's."""
        return self.editor.converter(self.state.root / file, self.state.open_docs.get(file))

    def uri_of(self, file: str) -> str:
        return self.state.uri_of(file)

    def range(self, file: str, r: Range) -> types.Range:
        return self.converter(file).range(r)

    def location(self, file: str, r: Range) -> types.Location:
        return types.Location(uri=self.uri_of(file), range=self.range(file, r))

    @cached_property
    def naming(self) -> ModuleNaming:
        return module_naming(self.snap, self.settings)

    def qualified_name(self, node: Node) -> str:
        return _qualified_name(node, self.naming)


@dataclass
class DocumentReading(FolderReading):
    """A `FolderReading` for a request about one document (`rel`)."""

    rel: str

    @cached_property
    def conv(self) -> LineConverter:
        return self.converter(self.rel)

    def target_at(self, position: types.Position) -> Target:
        """What is under an LSP position: a node, or a word to look up."""
        line, col = self.conv.to_graph(position)
        return target_at(self.snap, self.rel, line, col, self.conv.line_text(line))

    def definitions_at(self, position: types.Position) -> list[Node]:
        """The definitions the symbol at an LSP position stands for."""
        return definitions(self.snap, self.rel, self.target_at(position))


class Requests:
    """Runs read requests against the folders' latest snapshots (see the module docstring)."""

    def __init__(self, workspaces: Workspaces, editor: Editor) -> None:
        self.workspaces = workspaces
        self.editor = editor

    def document(
        self, name: str, uri: str, answer: Callable[[DocumentReading], T | None]
    ) -> T | None:
        """`answer` for the document `uri`; None outside a folder, before its store is open,
        or when `answer` fails (logged with the request's `name`)."""
        found = self.workspaces.locate(uri)
        if found is None:
            return None
        state, rel = found
        with self._snapshot(state) as opened:
            if opened is None:
                return None
            snap, settings = opened
            try:
                return answer(DocumentReading(state, snap, settings, self.editor, rel))
            except Exception:
                log.exception("%s failed for %s", name, uri)
                return None

    def every_folder(self, name: str, answer: Callable[[FolderReading], list[T]]) -> list[T]:
        """`answer` for every folder, concatenated; a folder that fails is logged and skipped."""
        out: list[T] = []
        for state in self.workspaces.states():
            with self._snapshot(state) as opened:
                if opened is None:
                    continue
                snap, settings = opened
                try:
                    out.extend(answer(FolderReading(state, snap, settings, self.editor)))
                except Exception:
                    log.exception("%s failed in %s", name, state.root)
        return out

    @contextmanager
    def _snapshot(self, state: WorkspaceState) -> Iterator[tuple[Snapshot, Settings] | None]:
        """The latest committed revision of a folder and its settings (None while it
        has no open store)."""
        try:
            opened = state.snapshot()
        except Exception as exc:  # the store is being replaced (reindex, reload)
            log.debug("no snapshot of %s: %r", state.root, exc)
            opened = None
        if opened is None:
            yield None
            return
        snap, settings = opened
        try:
            yield snap, settings
        finally:
            snap.close()
