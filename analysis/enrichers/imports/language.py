"""The one protocol every language family's import resolver implements.

Its own module because it names both halves of resolution: the `Resolution`
a lookup fills (resolution.py) and the `ImportEdges` a file's bindings are
written to (edges.py), and edges.py itself depends on resolution.py.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING

from graphwarden.analysis.enrichers.imports.edges import ImportEdges
from graphwarden.analysis.enrichers.imports.resolution import Resolution
from graphwarden.analysis.enrichers.name_uses import NameUse
from graphwarden.analysis.enrichers.workspace import FileSummary, WorkspaceIndex
from graphwarden.analysis.summaries import SummaryNode

if TYPE_CHECKING:
    from graphwarden.analysis.store import Snapshot


class LanguageResolver(ABC):
    """Resolution of one language family's imports against one snapshot revision.

    The imports enricher drives it (`bindings`, then `resolve_binding` for
    each); name lookup in other enrichers asks it what a module exports
    (`export`). Every name it looks up in a module is added to `uses`
    (name_uses.py), found or not: what puts the file in the blast radius
    when that name's binding changes.
    """

    def __init__(
        self, snapshot: Snapshot, index: WorkspaceIndex, uses: set[NameUse] | None = None
    ) -> None:
        self.snap = snapshot
        self.idx = index
        self.uses: set[NameUse] = set() if uses is None else uses

    def summary(self, file: str) -> FileSummary:
        return self.idx.summary(self.snap, file)

    def module_node(self, file: str) -> SummaryNode | None:
        return self.summary(file).module

    @abstractmethod
    def bindings(self, summary: FileSummary) -> list[SummaryNode]:
        """The nodes of a file that bind something imported, in document order."""

    @abstractmethod
    def resolve_binding(self, file: str, binding: SummaryNode, out: ImportEdges) -> None:
        """Write the module edge, binding edge and placeholders of one binding of `file`."""

    @abstractmethod
    def follow_binding(
        self, file: str, binding: SummaryNode, res: Resolution, seen: set[str]
    ) -> None:
        """Resolve an IMPORT (or re-exporting EXPORT) node of `file` into `res`."""

    @abstractmethod
    def export(self, file: str, name: str, res: Resolution, seen: set[str]) -> None:
        """The final definition behind `name` as module `file` exports it, into `res`."""
