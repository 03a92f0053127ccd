"""What every tree-sitter front end shares: decoding, positions, hashing, ids.

A front end finds the syntax nodes it cares about with one tree-sitter query
(matching runs in C), sorts them by position and sweeps them with a stack of
enclosing scopes. Nothing here recurses over the syntax tree, so a file
nested 5,000 levels deep costs no Python stack.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import tree_sitter as ts

from graphwarden.analysis.model import (
    Edge,
    EdgeType,
    FileAnalysis,
    Node,
    NodeType,
    ParseError,
    Range,
    definition_id,
    hash_fields,
    module_id,
    normalise_source,
    parse_id,
    scoped_id,
    short_hash,
)

MAX_PARSE_ERRORS = 50
#: Longest callee text kept in a CALL id; longer ones (chained calls with
#: big arguments) are cut so ids stay short and stable.
MAX_CALLEE_ID = 80


class SourceText:
    """The bytes of one file with the conversions front ends need."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.is_ascii = data.isascii()
        self._line_starts: list[int] | None = None

    def text(self, node: ts.Node | None) -> str:
        if node is None:
            return ""
        return self.data[node.start_byte : node.end_byte].decode("utf-8", "replace")

    def _starts(self) -> list[int]:
        if self._line_starts is None:
            starts = [0]
            find = self.data.find
            pos = find(b"\n")
            while pos != -1:
                starts.append(pos + 1)
                pos = find(b"\n", pos + 1)
            self._line_starts = starts
        return self._line_starts

    def column(self, row: int, byte_col: int) -> int:
        """Convert tree-sitter's byte column to a code-point column."""
        if self.is_ascii or byte_col == 0:
            return byte_col
        start = self._starts()[row] if row < len(self._starts()) else 0
        return len(self.data[start : start + byte_col].decode("utf-8", "replace"))

    def range_of(self, node: ts.Node) -> Range:
        sr, sc = node.start_point
        er, ec = node.end_point
        if self.is_ascii:  # most files: byte columns are code-point columns
            return (sr, sc, er, ec)
        return (sr, self.column(sr, sc), er, self.column(er, ec))


@dataclass
class Scope:
    """An enclosing definition during the sweep."""

    end_byte: int
    kind: str  # "module" | "class" | "function"
    qualname: str  # dotted display name; "" for the module
    node_id: str
    #: Like qualname, but with the "#n" of repeated definitions: ids of
    #: children are built from it so they stay unique.
    id_path: str = ""
    #: Per-scope counters that make ids unique without line numbers.
    counters: dict[str, int] = field(default_factory=dict)

    def child_path(self, name: str) -> str:
        return f"{self.id_path}.{name}" if self.id_path else name

    def child_qualname(self, name: str) -> str:
        return f"{self.qualname}.{name}" if self.qualname else name

    @property
    def call_scope(self) -> str:
        return self.id_path or "<module>"

    def ordinal(self, key: str) -> int:
        n = self.counters.get(key, 0)
        self.counters[key] = n + 1
        return n


class GraphBuilder:
    """Collects one file's nodes and edges, hashing each node's source."""

    def __init__(self, file: str, language: str, src: SourceText, comments: list[ts.Node]):
        self.file = file
        self.language = language
        self.src = src
        self.nodes: list[Node] = []
        self.edges: list[Edge] = []
        self._ids: set[str] = set()
        self._repeats: dict[str, int] = {}
        #: (start byte, end byte, node) of every node, for content hashing.
        self._spans: list[tuple[int, int, Node]] = []
        #: Names bound at module level (definitions, variables, imports, exports).
        self.top_level_names: set[str] = set()
        # `_segment` bisects these, so they must be in document order, and
        # py-tree-sitter returns a capture's nodes in no guaranteed order
        # (it varied with what the process had parsed before).
        spans = sorted((c.start_byte, c.end_byte) for c in comments)
        self._comment_starts = [s for s, _ in spans]
        self._comment_ends = [e for _, e in spans]

    # -- hashing ------------------------------------------------------------

    def _segment(self, start: int, end: int) -> bytes:
        """Normalised source between two offsets, comments removed."""
        data = self.src.data
        i = bisect.bisect_left(self._comment_ends, start + 1)
        if i >= len(self._comment_starts) or self._comment_starts[i] >= end:
            return normalise_source(data[start:end])
        parts = []
        pos = start
        while i < len(self._comment_starts) and self._comment_starts[i] < end:
            parts.append(data[pos : max(pos, self._comment_starts[i])])
            # A space keeps the tokens on either side of a comment apart.
            parts.append(b" ")
            pos = max(pos, min(self._comment_ends[i], end))
            i += 1
        parts.append(data[pos:end])
        return normalise_source(b"".join(parts))

    def _hash_contents(self) -> None:
        """Content hashes, Merkle style: a node hashes its own text with each
        child node's span replaced by the child's hash.

        Equal text still gives an equal hash and any change inside a node
        changes it, but every byte is hashed once: nested constructs (5,000
        calls deep) stay linear instead of rehashing each subtree.
        """
        spans = self._spans
        order = sorted(range(len(spans)), key=lambda i: (spans[i][0], -spans[i][1], i))
        children: list[list[int]] = [[] for _ in spans]
        stack: list[int] = []
        for i in order:
            start, end = spans[i][0], spans[i][1]
            while stack and spans[stack[-1]][1] <= start and spans[stack[-1]][0] != start:
                stack.pop()
            while stack and not (spans[stack[-1]][0] <= start and end <= spans[stack[-1]][1]):
                stack.pop()
            if stack:
                children[stack[-1]].append(i)
            stack.append(i)
        for i in reversed(order):
            start, end, node = spans[i]
            parts = []
            pos = start
            for c in children[i]:
                c_start, c_end, child = spans[c]
                if c_start > pos:
                    parts.append(self._segment(pos, c_start))
                parts.append(child.content_hash.encode())
                pos = max(pos, c_end)
            if pos < end or not parts:
                parts.append(self._segment(pos, end))
            node.content_hash = short_hash(b"\x1f".join(parts))

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
        type_: str,
        name: str,
        ts_node: ts.Node,
        signature: Iterable[object] = (),
        attrs: dict[str, Any] | None = None,
        parent: str | None = None,
        edge_type: str = EdgeType.CONTAINS,
        unique: bool = True,
    ) -> Node:
        node = Node(
            id=self.unique_id(base_id) if unique else base_id,
            type=type_,
            name=name,
            file=self.file,
            range=self.src.range_of(ts_node),
            signature_hash=hash_fields(type_, name, *signature),
            attrs=attrs or {},
        )
        self._spans.append((ts_node.start_byte, ts_node.end_byte, node))
        self.nodes.append(node)
        if parent is not None:
            self.edges.append(Edge(parent, edge_type, node.id))
        return node

    def add_import(self, node: ts.Node, scope: Scope, local: str, attrs: dict[str, Any]) -> None:
        """One IMPORT node per binding the import creates in `scope`."""
        attrs = {k: v for k, v in attrs.items() if v is not None}
        self.add_node(
            scoped_id(self.file, NodeType.IMPORT, scope.call_scope, local),
            NodeType.IMPORT,
            local,
            node,
            signature=tuple(sorted(attrs.items())),
            attrs=attrs,
            parent=scope.node_id,
            edge_type=EdgeType.DECLARES,
        )
        if scope.kind == "module":
            self.top_level_names.add(local)

    def add_variable(
        self,
        stmt: ts.Node,
        target: ts.Node,
        scope: Scope,
        name: str,
        attrs: dict[str, Any],
        seen: set[str],
    ) -> None:
        """A VARIABLE bound in `scope`; re-assignments bind the same one (first wins)."""
        vid = definition_id(self.file, NodeType.VARIABLE, scope.child_path(name))
        if vid in seen:
            return
        seen.add(vid)
        self.add_node(
            vid,
            NodeType.VARIABLE,
            name,
            stmt,
            signature=(attrs.get("annotation"),),
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

    def add_module(self, root: ts.Node, attrs: dict[str, Any] | None = None) -> Node:
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

    def finish(self, module: Node, parse_errors: list[ParseError]) -> FileAnalysis:
        self._hash_contents()
        # The module's signature is the set of names other files can import
        # from it: adding or removing one is what can change their resolution.
        module.signature_hash = hash_fields(
            NodeType.MODULE, *sorted(self.top_level_names), module.attrs.get("all")
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
        return FileAnalysis(self.file, self.language, self.nodes, self.edges, parse_errors)


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


def collect_parse_errors(file: str, root: ts.Node, src: SourceText) -> list[ParseError]:
    """ERROR and MISSING nodes, found by an explicit-stack walk of erroneous subtrees."""
    if not root.has_error:
        return []
    errors: list[ParseError] = []
    stack = [root]
    while stack and len(errors) < MAX_PARSE_ERRORS:
        node = stack.pop()
        if node.is_missing:
            errors.append(ParseError(file, src.range_of(node), f"missing {node.type!r}"))
            continue
        if node.is_error:
            snippet = src.text(node).strip().splitlines()
            first = snippet[0][:40] if snippet else ""
            errors.append(ParseError(file, src.range_of(node), f"syntax error near {first!r}"))
            continue
        # Children in reverse so errors come out in source order.
        stack.extend(c for c in reversed(node.children) if c.has_error or c.is_missing)
    return errors


def iter_named_children(node: ts.Node | None) -> Iterator[ts.Node]:
    if node is None:
        return iter(())
    return iter(node.named_children)


def first_doc_line(text: str) -> str:
    """The first non-empty line of a docstring literal's text, quotes removed."""
    body = text.strip()
    for prefix in ('"""', "'''", '"', "'"):
        if body.lstrip("rRbBuUfF").startswith(prefix):
            body = body.lstrip("rRbBuUfF")[len(prefix) :]
            if body.endswith(prefix):
                body = body[: -len(prefix)]
            break
    for line in body.splitlines():
        if line.strip():
            return line.strip()[:200]
    return ""


def callee_id_part(callee: str) -> str:
    compact = " ".join(callee.split())
    return compact if len(compact) <= MAX_CALLEE_ID else compact[:MAX_CALLEE_ID] + "…"
