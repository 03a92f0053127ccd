"""Inheritance: EXTENDS (class -> base class), and member lookup along bases.

A class's bases (`attrs["bases"]`, in source order) are resolved with the
file's own scopes and import bindings (the IMPORTS_FROM edges the imports
enricher wrote for this file), including `module.Class` through a module
import. Each EXTENDS edge carries `{"index": i}`, the base's position, so
member lookup can walk bases left to right (`names.mro`, `names.lookup_member`:
depth-first, each class once, so a class inheriting from itself or a cycle
of classes terminates). TypeScript `implements` is not EXTENDS.

A JavaScript base written as mixins applied to a class (`class R extends
SoftDeletable(Timestamped(Base))`, each mixin a function returning a class
expression) extends each mixin's class and then the class given to them, in
that order (`applied`: `model.base_order`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from graphwarden.analysis.enrichers.base import (
    Enricher,
    EnricherFileResult,
    EnricherMetadata,
    FileReads,
)
from graphwarden.analysis.enrichers.names import (
    Deps,
    FileScope,
    head_name,
    lookup_member,
    mro,
    reads_any,
)
from graphwarden.analysis.enrichers.workspace import workspace_index
from graphwarden.analysis.model import (
    AttrValue,
    Edge,
    EdgeType,
    Node,
    NodeType,
    id_path,
    id_segment,
    str_list_attr,
)
from graphwarden.analysis.summaries import SummaryNode

if TYPE_CHECKING:
    from graphwarden.analysis.store import Snapshot

__all__ = ["InheritanceEnricher", "lookup_member", "mro"]


#: `Mixin(Base)`: a function's name, and inside its parentheses what it is given.
_APPLIED = re.compile(r"^\s*([A-Za-z_$][\w$.]*)\s*\((.*)\)\s*$", re.DOTALL)
#: `A(B(C(Base)))`: how many mixins one base applies, at most.
MAX_MIXINS = 8


def _applied_mixins(base: str) -> tuple[list[str], str]:
    """A base written as mixins applied to a class (`SoftDeletable(Timestamped(
    BaseRepository))`, JavaScript): the functions, outermost first, and the class
    they are given ("" when that is no single name); else ([], `base`)."""
    mixins: list[str] = []
    while len(mixins) < MAX_MIXINS and (m := _APPLIED.match(base)) is not None:
        mixins.append(m.group(1))
        base = m.group(2)
    if mixins and ("," in base or "(" in base):
        base = ""
    return mixins, base.strip()


def _written_names(base: str) -> list[str]:
    """The names a base's text looks up: its mixins' and its class's."""
    mixins, rest = _applied_mixins(base)
    return [*mixins, rest] if mixins else [base]


def _class_made_by(scope: FileScope, fn: SummaryNode | None) -> SummaryNode | None:
    """The class expression function `fn` returns (`(Base) => class extends Base
    {...}`: the front end's `<anonymous>` class below it), if it is one."""
    if fn is None or fn.type != NodeType.FUNCTION or not fn.attrs.get("returns_class"):
        return None
    made = scope.idx.summary(scope.snap, fn.file).by_path.get(
        f"{id_path(fn.id)}.{id_segment('<anonymous>')}"
    )
    return made if made is not None and made.type == NodeType.CLASS else None


def _scope_of(node: SummaryNode) -> str:
    path = id_path(node.id)
    return path.rsplit(".", 1)[0] if "." in path else "<module>"


class InheritanceEnricher(Enricher):
    metadata = EnricherMetadata(
        name="inheritance",
        consumes=frozenset({NodeType.CLASS, EdgeType.IMPORTS_FROM}),
        produces=frozenset({EdgeType.EXTENDS, EdgeType.IMPORTS}),
        scope="file",
        # (A function's signature says whether it returns a class expression: a
        # mixin, which a base written `Mixin(Base)` resolves through.)
        ignores_signatures_of=frozenset({NodeType.METHOD}),
        reads_of_its_file=FileReads.DEFINITIONS,
    )

    def reads_bindings(self, file: str, snapshot: Snapshot, names: set[str]) -> bool:
        looked_up = {
            head
            for cls in workspace_index(snapshot, self.settings).summary(snapshot, file).nodes
            if cls.type == NodeType.CLASS
            for base in str_list_attr(cls.attrs, "bases") or ()
            for text in _written_names(base)
            if (head := head_name(text)) is not None
        }
        return reads_any(names, looked_up)

    def process_file(
        self, file: str, snapshot: Snapshot, cancelled: Callable[[], bool] | None = None
    ) -> EnricherFileResult:
        scope = FileScope(snapshot, workspace_index(snapshot, self.settings), file)
        edges: list[Edge] = []
        nodes: dict[str, Node] = {}  # placeholders this file needs
        for cls in scope.s.nodes:
            if cls.type != NodeType.CLASS:
                continue
            for i, base in enumerate(str_list_attr(cls.attrs, "bases") or ()):
                deps = Deps()
                mixins, base = _applied_mixins(base)
                for k, mixin in enumerate(mixins):
                    made = _class_made_by(scope, scope.resolve_dotted(_scope_of(cls), mixin, deps))
                    if made is not None:
                        attrs: dict[str, AttrValue] = {"index": i, "applied": k}
                        edges.append(Edge(cls.id, EdgeType.EXTENDS, made.id, attrs))
                target = scope.resolve_dotted(_scope_of(cls), base, deps) if base else None
                if target is not None and target.type == NodeType.CLASS:
                    # (Given to mixins, it comes after their classes: they extend
                    # it, and override it: `base_order`.)
                    attrs = {"index": i, "applied": len(mixins)} if mixins else {"index": i}
                    edges.append(Edge(cls.id, EdgeType.EXTENDS, target.id, attrs))
                edges += deps.edges(cls.id, file)
                for n in deps.placeholder_nodes():
                    nodes.setdefault(n.id, n)
        return EnricherFileResult(edges=edges, nodes=list(nodes.values()), uses=scope.uses())
