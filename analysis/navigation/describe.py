"""What the graph knows about one definition: the facts behind a hover.

Kind and qualified name, signature or bases, first docstring line, where it
is defined, how many callers and importers it has, and the guarantees that
mention it; for a call resolved through a declared type, which type that was
and which declaration gave it (`TypeNote`), so a reader sees why the call
went where it did; and, for a variable or parameter holding user data, where
that data comes from (the dataflow enricher's TAINTED_BY edges). Adapters
render these facts (Markdown in the language server); they gather nothing
themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from graphwarden.analysis.guarantees.results import Violation
from graphwarden.analysis.model import EdgeType, Node, NodeType, parse_id, scoped_id
from graphwarden.analysis.modules import ModuleNaming, is_python
from graphwarden.analysis.navigation.cursor import selection
from graphwarden.analysis.navigation.names import qualified_name
from graphwarden.analysis.store import Snapshot


@dataclass
class TypeNote:
    """How a call's receiver got the class its method was looked up in."""

    #: The receiver's class (or interface, typedef) as a node.
    type_node: Node
    #: Its qualified name (`rxjs.internal.Subscriber.Subscriber`, `pkg.mod.Repo`).
    type_name: str
    #: The declaration whose type said so: a field, variable, parameter, or the
    #: function whose return type it is. None when the receiver was `this`/`self`,
    #: a `new X()`, or a cast.
    declaration: Node | None = None
    #: 1-based line of that declaration's name.
    declaration_line: int | None = None


@dataclass
class TaintOrigin:
    """Where the user data a variable holds comes from."""

    #: The source model's label ("Flask request data").
    source: str
    file: str
    #: 1-based line of the first step of its path (the source call, or where it landed).
    line: int
    #: How many steps the data took to get here.
    steps: int


@dataclass
class SymbolSummary:
    """The facts about a definition that a reader wants at a glance."""

    node: Node
    qualified_name: str
    #: "python" or "typescript": how the signature is written.
    language: str
    #: Functions and methods: the parameter list as written.
    signature: str | None = None
    #: Classes: base expressions as written.
    bases: list[str] = field(default_factory=list)
    doc: str | None = None
    #: 1-based line of the name (None outside any file: an external module).
    line: int | None = None
    callers: int = 0
    importers: int = 0
    violations: list[Violation] = field(default_factory=list)
    #: The use site was a call resolved through a declared type: which one.
    via_type: TypeNote | None = None
    #: Variables and parameters holding user data: where it comes from.
    tainted_by: list[TaintOrigin] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.node.type.lower()


def violations_about(violations: Iterable[Violation], node: Node) -> list[Violation]:
    """The violations reported at `node`, or whose chain passes through it."""
    out = []
    for v in violations:
        if v.node_id == node.id:
            out.append(v)
            continue
        if node.type == NodeType.MODULE:
            continue  # every chain passes through some module: only its own count
        for loc in v.related:
            if loc.file == node.file and node.range[:2] <= loc.range[:2] <= node.range[2:]:
                out.append(v)
                break
    return out


def type_note(snap: Snapshot, use: Node, target: Node, naming: ModuleNaming) -> TypeNote | None:
    """Why the call `use` resolved to `target` through a declared type, if it did."""
    if use.type != NodeType.CALL:
        return None
    for e in snap.edges_out(use.id, EdgeType.CALLS):
        attrs = e.attrs or {}
        if e.dst != target.id or attrs.get("via") != "type":
            continue
        type_node = snap.node(str(attrs.get("type", "")))
        if type_node is None:
            return None
        declaration = snap.node(str(attrs["declared_by"])) if "declared_by" in attrs else None
        if declaration is None:
            declaration = _parameter_of_head(snap, use)
        return TypeNote(
            type_node,
            qualified_name(type_node, naming),
            declaration,
            selection(declaration)[0] + 1 if declaration is not None else None,
        )
    return None


def _parameter_of_head(snap: Snapshot, use: Node) -> Node | None:
    """The PARAMETER the call's first name is (`subscriber` in `subscriber.next()`),
    found in the enclosing named functions, innermost first."""
    head = str(use.attrs.get("receiver") or use.attrs.get("callee") or "")
    name = head.split(".", 1)[0].split("(", 1)[0].strip()
    if not name or not use.attrs.get("head_param"):
        return None
    path = parse_id(use.id).path
    while path:
        found = snap.node(scoped_id(use.file, NodeType.PARAMETER, path, name))
        if found is not None:
            return found
        path = path.rsplit(".", 1)[0] if "." in path else ""
    return None


def describe(
    snap: Snapshot,
    node: Node,
    naming: ModuleNaming,
    violations: Iterable[Violation] = (),
    use: Node | None = None,
) -> SymbolSummary:
    """The summary of `node` at this snapshot (`violations`: the workspace's current
    ones; `use`: the use site the cursor was on, for how it resolved to `node`)."""
    summary = SymbolSummary(
        node,
        qualified_name(node, naming),
        "python" if is_python(node.file) else "typescript",
    )
    signature = node.attrs.get("signature")
    if signature and node.type in (NodeType.FUNCTION, NodeType.METHOD):
        summary.signature = str(signature)
    bases = node.attrs.get("bases")
    if isinstance(bases, list):
        summary.bases = [str(b) for b in bases]
    doc = node.attrs.get("doc")
    if doc:
        summary.doc = str(doc)
    if node.file:
        summary.line = selection(node)[0] + 1
        # Counted on index keys: a hub class has thousands of callers.
        summary.callers = snap.count_incoming(node.id, EdgeType.CALLS)
        summary.importers = snap.count_incoming(node.id, EdgeType.IMPORTS_FROM)
    summary.violations = violations_about(violations, node)
    if use is not None:
        summary.via_type = type_note(snap, use, node, naming)
    if node.type in (NodeType.VARIABLE, NodeType.PARAMETER):
        summary.tainted_by = taint_origins(snap, node)
    return summary


def taint_origins(snap: Snapshot, node: Node) -> list[TaintOrigin]:
    """Where the user data `node` holds comes from (empty: none the analysis saw)."""
    out: list[TaintOrigin] = []
    for e in snap.edges_out(node.id, EdgeType.TAINTED_BY):
        first = snap.node(e.dst)
        if first is None or not first.file:
            continue
        attrs = e.attrs or {}
        path = attrs.get("path")
        out.append(
            TaintOrigin(
                str(attrs.get("source") or "user data"),
                first.file,
                first.range[0] + 1,
                len(path) if isinstance(path, list) else 1,
            )
        )
    return out
