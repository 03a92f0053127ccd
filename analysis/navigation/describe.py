"""What the graph knows about one definition: the facts behind a hover.

Kind and qualified name, signature or bases, first docstring line, where it
is defined, how many callers and importers it has, the guarantees that
mention it, and, for a variable or parameter holding user data, where that
data comes from (the dataflow enricher's TAINTED_BY edges). Adapters render these facts (Markdown in the language server);
they gather nothing themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from graphwarden.analysis.guarantees.results import Violation
from graphwarden.analysis.model import EdgeType, Node, NodeType
from graphwarden.analysis.modules import ModuleNaming, is_python
from graphwarden.analysis.navigation.cursor import selection
from graphwarden.analysis.navigation.names import qualified_name
from graphwarden.analysis.store import Snapshot


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


def describe(
    snap: Snapshot, node: Node, naming: ModuleNaming, violations: Iterable[Violation] = ()
) -> SymbolSummary:
    """The summary of `node` at this snapshot (`violations`: the workspace's current ones)."""
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
