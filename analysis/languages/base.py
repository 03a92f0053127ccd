"""What every tree-sitter front end shares: the sweep over captures and the node builder.

A front end finds the syntax nodes it cares about with one tree-sitter query
(matching runs in C), sorts them by position (`sorted_captures`) and sweeps
them with a stack of enclosing scopes (`Scope`, `pop_scopes`). Each
construct becomes records through one `GraphBuilder` method (`add_definition`,
`add_parameter`, `add_call`, `add_import`, `add_export`, `add_variable`), so
every language names, ids, hashes and links the same kind of thing the same
way; a front end only reads its grammar.

Invariants: ids are semantic (model/ids.py), unique within a file (`#n` on
repeats) and never depend on line numbers; records are a pure function of
the file's path and bytes; nothing here recurses over the syntax tree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

import tree_sitter as ts

from graphwarden.analysis.languages.content_hash import ContentHasher, Span
from graphwarden.analysis.languages.source import SourceText
from graphwarden.analysis.languages.suppressions import find_suppressions
from graphwarden.analysis.model import (
    MODULE_SCOPE,
    Edge,
    EdgeType,
    FileAnalysis,
    Node,
    NodeAttrs,
    NodeType,
    ParseError,
    definition_id,
    hash_fields,
    id_path,
    id_segment,
    module_id,
    parse_id,
    scoped_id,
)

#: Longest callee text kept in a CALL id; longer ones (chained calls with
#: big arguments) are cut so ids stay short and stable.
MAX_CALLEE_ID = 80

ScopeKind = Literal["module", "class", "function"]


#: Node types whose signature hash is empty (nothing resolves against them).
_NO_SIGNATURE = frozenset({NodeType.CALL, NodeType.PARAMETER})


#: An argument that names a module's constant (`AES.MODE_ECB`, `ssl.CERT_NONE`):
#: a dotted name whose last part is upper case.
_CONSTANT_NAME = re.compile(r"\A[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*\.[A-Z][A-Z0-9_]*\Z")
_MEMBER_ARGS = frozenset({"attribute", "member_expression"})
_MAX_CONST_ARG = 120
#: An argument naming a function through a module or class (`views.detail`):
#: handed over like a bare name (a Django route's view).
#: Heads of a dotted argument that name the object at hand, no module or class.
_OWN_OBJECT = frozenset({"self", "cls", "this", "super"})
_DOTTED_NAME = re.compile(r"\A[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+\Z")


@dataclass
class Scope:
    """An enclosing definition during the sweep."""

    end_byte: int
    kind: ScopeKind
    qualname: str  # dotted display name; "" for the module
    node_id: str
    #: Like qualname, but with the "#n" of repeated definitions: ids of
    #: children are built from it so they stay unique.
    id_path: str = ""
    #: Per-scope counters that make ids unique without line numbers.
    counters: dict[str, int] = field(default_factory=dict)

    def child_path(self, name: str) -> str:
        segment = id_segment(name)
        return f"{self.id_path}.{segment}" if self.id_path else segment

    def child_qualname(self, name: str) -> str:
        return f"{self.qualname}.{name}" if self.qualname else name

    @property
    def call_scope(self) -> str:
        return self.id_path or MODULE_SCOPE

    def ordinal(self, key: str) -> int:
        n = self.counters.get(key, 0)
        self.counters[key] = n + 1
        return n


class GraphBuilder:
    """Collects one file's nodes and edges, hashing each node's source."""

    def __init__(
        self, file: str, language: str, src: SourceText, comments: Sequence[ts.Node]
    ) -> None:
        self.file = file
        self.language = language
        self.src = src
        self.nodes: list[Node] = []
        self.edges: list[Edge] = []
        self._ids: set[str] = set()
        self._repeats: dict[str, int] = {}
        #: Every node and its source span, for content hashing.
        self._spans: list[Span] = []
        self._hasher = ContentHasher(src.data, comments)
        #: Inline suppressions, from the comments (never from string literals).
        self.suppressions = find_suppressions(comments, src)
        #: Ids of the VARIABLE nodes made so far (a re-assignment binds the first).
        self._variable_ids: set[str] = set()
        #: Names bound at module level (definitions, variables, imports, exports).
        self.top_level_names: set[str] = set()
        #: CALL node ids by the (start, end) bytes of their syntax node (data flow).
        self.call_ids: dict[tuple[int, int], str] = {}

    # -- ids ------------------------------------------------------------------

    def unique_id(self, base: str) -> str:
        """`base`, or `base#n` for the n-th repeat of the same id in this file."""
        if base not in self._ids:
            self._ids.add(base)
            return base
        # Resume from the last suffix handed out for this base: a file that
        # defines one name 200,000 times must stay linear.
        n = self._repeats.get(base, 0) + 1
        while f"{base}#{n}" in self._ids:
            n += 1
        self._repeats[base] = n
        uid = f"{base}#{n}"
        self._ids.add(uid)
        return uid

    # -- records --------------------------------------------------------------

    def add_node(
        self,
        base_id: str,
        type_: NodeType,
        name: str,
        ts_node: ts.Node,
        signature: Iterable[object] = (),
        attrs: NodeAttrs | None = None,
        parent: str | None = None,
        edge_type: EdgeType = EdgeType.CONTAINS,
        unique: bool = True,
    ) -> Node:
        """The one way a node is made: id, range, signature hash, span, parent edge."""
        node = Node(
            id=self.unique_id(base_id) if unique else base_id,
            type=type_,
            name=name,
            file=self.file,
            range=self.src.range_of(ts_node),
            # Calls and parameters have no signature other files resolve
            # against (their facts are their attributes and ids).
            signature_hash=""
            if type_ in _NO_SIGNATURE
            else hash_fields(type_.value, name, *signature),
            attrs=attrs or {},
        )
        self._spans.append((ts_node.start_byte, ts_node.end_byte, node))
        self.nodes.append(node)
        if parent is not None:
            self.edges.append(Edge(parent, edge_type, node.id))
        return node

    def add_module(self, root: ts.Node, attrs: NodeAttrs | None = None) -> Node:
        node = Node(
            id=module_id(self.file),
            type=NodeType.MODULE,
            name=module_display_name(self.file),
            file=self.file,
            range=self.src.range_of(root),
            attrs=attrs or {},
        )
        self._spans.append((root.start_byte, root.end_byte, node))
        self._ids.add(node.id)
        self.nodes.append(node)
        return node

    def add_definition(
        self,
        kind: NodeType,
        name: str,
        span: ts.Node,
        scope: Scope,
        *,
        selection: ts.Node,
        signature: Iterable[object],
        signature_text: str | None = None,
        attrs: NodeAttrs | None = None,
        decorators: Sequence[str] = (),
        modifiers: NodeAttrs | None = None,
        is_async: bool = False,
        doc: str = "",
    ) -> Scope:
        """A CLASS, FUNCTION or METHOD `name` defined in `scope`; returns the scope it opens.

        `span` is the whole definition (decorators included): its range and
        content hash. Attributes, in this order: ``qualname``, ``signature``
        (`signature_text`, functions), ``sel`` (the range of `selection`, the
        name token where there is one), `attrs` (what it is built from: bases,
        accessor...), ``decorators``, `modifiers` (kind, abstract), ``async``,
        ``doc``. `signature` is what other files resolve against.
        """
        qualname = scope.child_qualname(name)
        all_attrs: NodeAttrs = {"qualname": qualname}
        if signature_text is not None:
            all_attrs["signature"] = signature_text
        all_attrs["sel"] = list(self.src.range_of(selection))
        all_attrs.update(attrs or {})
        if decorators:
            all_attrs["decorators"] = list(decorators)
        all_attrs.update(modifiers or {})
        if is_async:
            all_attrs["async"] = True
        if doc:
            all_attrs["doc"] = doc
        node = self.add_node(
            definition_id(self.file, kind, scope.child_path(name)),
            kind,
            name,
            span,
            signature=signature,
            attrs=all_attrs,
            parent=scope.node_id,
        )
        if scope.kind == "module":
            self.top_level_names.add(name)
        opened: ScopeKind = "class" if kind == NodeType.CLASS else "function"
        return Scope(span.end_byte, opened, qualname, node.id, id_path(node.id))

    def add_parameter(self, owner: Scope, name: str, ts_node: ts.Node) -> None:
        """A PARAMETER of the function whose scope is `owner`."""
        self.add_node(
            scoped_id(self.file, NodeType.PARAMETER, owner.id_path, name),
            NodeType.PARAMETER,
            name,
            ts_node,
            parent=owner.node_id,
            edge_type=EdgeType.HAS_PARAMETER,
        )

    def add_call(
        self,
        ts_node: ts.Node,
        scope: Scope,
        *,
        name: str,
        callee: str,
        args: Sequence[ts.Node],
        receiver: str | None,
        signature: Iterable[object],
        is_new: bool = False,
        extra: NodeAttrs | None = None,
    ) -> Node:
        """The n-th CALL of a callee text in `scope` (`new X()` counted apart).

        `name` is the called name (the member of ``a.b.m``), `callee` the
        whole callee expression, `receiver` the object of a method call;
        `extra`: facts a language module adds (declared types of the head).
        """
        attrs: NodeAttrs = {"callee": callee, "args": len(args)}
        if receiver is not None:
            attrs["receiver"] = receiver
        if is_new:
            attrs["new"] = True
        arg_names = [self.src.text(a) for a in args if a.type == "identifier"]
        if arg_names:
            attrs["arg_names"] = arg_names
        # Arguments written as `a.b`: a constant (`AES.MODE_ECB`: what a rule about
        # a mode or a flag reads) or a function named through its module or class.
        members = [
            self.src.text(a)
            for a in args
            if a.type in _MEMBER_ARGS and a.end_byte - a.start_byte <= _MAX_CONST_ARG
        ]
        arg_consts = [text for text in members if _CONSTANT_NAME.match(text)]
        arg_refs = [
            text
            for text in members
            if _DOTTED_NAME.match(text)
            and not _CONSTANT_NAME.match(text)
            and text.split(".", 1)[0] not in _OWN_OBJECT
        ]
        if arg_refs:
            attrs["arg_refs"] = arg_refs
        if arg_consts:
            attrs["arg_consts"] = arg_consts
        if extra:
            attrs.update(extra)
        part = ("new " if is_new else "") + callee_id_part(callee)
        n = scope.ordinal("call:" + part)
        call = self.add_node(
            scoped_id(self.file, NodeType.CALL, scope.call_scope, f"{part}#{n}"),
            NodeType.CALL,
            name,
            ts_node,
            signature=signature,
            attrs=attrs,
            parent=scope.node_id,
        )
        self.call_ids[(ts_node.start_byte, ts_node.end_byte)] = call.id
        return call

    def add_import(self, ts_node: ts.Node, scope: Scope, local: str, attrs: NodeAttrs) -> None:
        """One IMPORT node per binding the import creates in `scope` (None values dropped)."""
        attrs = {k: v for k, v in attrs.items() if v is not None}
        self.add_node(
            scoped_id(self.file, NodeType.IMPORT, scope.call_scope, local),
            NodeType.IMPORT,
            local,
            ts_node,
            signature=tuple(sorted(attrs.items())),
            attrs=attrs,
            parent=scope.node_id,
            edge_type=EdgeType.DECLARES,
        )
        if scope.kind == "module":
            self.top_level_names.add(local)

    def add_export(self, ts_node: ts.Node, module: Scope, name: str, attrs: NodeAttrs) -> None:
        """An EXPORT of the module under `name` (None values dropped)."""
        attrs = {k: v for k, v in attrs.items() if v is not None}
        self.add_node(
            definition_id(self.file, NodeType.EXPORT, id_segment(name)),
            NodeType.EXPORT,
            name,
            ts_node,
            signature=tuple(sorted(attrs.items())),
            attrs=attrs,
            parent=module.node_id,
            edge_type=EdgeType.DECLARES,
        )
        # Prefixed: an exported name is not a module-level binding of that name.
        self.top_level_names.add("export:" + name)

    def add_variable(
        self,
        stmt: ts.Node,
        target: ts.Node,
        scope: Scope,
        name: str,
        attrs: NodeAttrs,
    ) -> None:
        """A VARIABLE bound in `scope`; re-assignments bind the same one (first wins)."""
        vid = definition_id(self.file, NodeType.VARIABLE, scope.child_path(name))
        if vid in self._variable_ids:
            return
        self._variable_ids.add(vid)
        self.add_node(
            vid,
            NodeType.VARIABLE,
            name,
            stmt,
            signature=(attrs.get("annotation"), attrs.get("declared_type")),
            attrs={
                **attrs,
                "qualname": scope.child_qualname(name),
                "sel": list(self.src.range_of(target)),
            },
            parent=scope.node_id,
            edge_type=EdgeType.DECLARES,
            unique=False,
        )
        if scope.kind == "module":
            self.top_level_names.add(name)

    def finish(self, module: Node, parse_errors: list[ParseError]) -> FileAnalysis:
        self._hasher.hash_nodes(self._spans)
        # The module's signature is the set of names other files can import
        # from it: adding or removing one is what can change their resolution.
        module.signature_hash = hash_fields(
            NodeType.MODULE.value, *sorted(self.top_level_names), module.attrs.get("all")
        )
        # A class's members are part of its signature: a method added to a
        # class can make `obj.method()` calls in other files resolve.
        members: dict[str, list[str]] = {}
        by_id = {n.id: n for n in self.nodes if n.type == NodeType.CLASS}
        for e in self.edges:
            if (
                e.src in by_id
                and e.type in (EdgeType.CONTAINS, EdgeType.DECLARES)
                and parse_id(e.dst).kind != NodeType.CALL
            ):
                members.setdefault(e.src, []).append(e.dst.rsplit(".", 1)[-1])
        for cid, names in members.items():
            cls = by_id[cid]
            cls.signature_hash = hash_fields(cls.signature_hash, *sorted(names))
        return FileAnalysis(
            self.file,
            self.language,
            self.nodes,
            self.edges,
            parse_errors,
            suppressions=self.suppressions,
        )


def module_display_name(file: str) -> str:
    stem = file.rsplit("/", 1)[-1]
    return stem.rsplit(".", 1)[0] if "." in stem else stem


def sorted_captures(captures: dict[str, list[ts.Node]]) -> list[tuple[str, ts.Node]]:
    """All captures as (name, node), outermost first at equal start."""
    items = [(name, n) for name, nodes in captures.items() for n in nodes]
    # A total order: the capture dict's order is not a function of the file,
    # so ties at one span are broken by capture name and node type.
    items.sort(key=lambda item: (item[1].start_byte, -item[1].end_byte, item[0], item[1].type))
    return items


def pop_scopes(stack: list[Scope], start_byte: int) -> Scope:
    """Leave the scopes that end before `start_byte`; return the innermost one left."""
    while len(stack) > 1 and stack[-1].end_byte <= start_byte:
        stack.pop()
    return stack[-1]


def callee_id_part(callee: str) -> str:
    compact = " ".join(callee.split())
    return compact if len(compact) <= MAX_CALLEE_ID else compact[:MAX_CALLEE_ID] + "…"
