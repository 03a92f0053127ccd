"""Calls: CALLS (call site -> callee).

Resolved, for Python and JavaScript/TypeScript:

* bare names through the scopes of the call (innermost function's nested
  definitions and local imports first, then outwards, then module level,
  import bindings and star imports): `helper()`, `imported_func()`;
* constructors `Repo()` / `new Repo()`: the edge goes to the CLASS (not to
  `__init__` / `constructor`; those are one `lookup_member` away);
* `module.func()` through `import module`, `import * as ns`, `require`,
  and `a.b.func()` through `import a.b`; `Outer.Inner()`, `Cls.static()`;
* `self.m()` / `cls.m()` / `this.m()` on the enclosing class and its bases
  (EXTENDS, depth-first, cycle-safe); `super().m()` / `super.m()` on the
  bases only;
* `x.m()` where `x` (local, module-level or imported variable) has an
  INSTANCE_OF edge; `self.attr.m()` / `this.attr.m()` where the class
  variable `attr` (on the class or a base) has one.

Arguments that name a function or class in scope (`connect(handler)`,
`map(convert, xs)`) get PASSES_ARGUMENT call -> definition.

What resolves only through re-exports in other files also gets the
dependency edges described in `names` (IMPORTS with `{"via": "re-export"}`,
or to an unresolved placeholder), so the call is re-resolved when they change.
Not resolved: calls on call results (`a().b()`), on parameters without
instances, dynamic dispatch (`getattr`, callbacks), builtins and externals.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from graphwarden.analysis.enrichers.base import Enricher, EnricherFileResult, EnricherMetadata
from graphwarden.analysis.enrichers.names import (
    FUNCTION_TYPES,
    Deps,
    FileScope,
    head_name,
    lookup_member,
    reads_any,
)
from graphwarden.analysis.enrichers.workspace import workspace_index
from graphwarden.analysis.model import (
    Edge,
    EdgeType,
    Node,
    NodeType,
    parse_id,
    str_attr,
    str_list_attr,
)
from graphwarden.analysis.summaries import SummaryNode

if TYPE_CHECKING:
    from graphwarden.analysis.store import Snapshot

_CALLABLE = (NodeType.FUNCTION, NodeType.METHOD, NodeType.CLASS)
_SELF = ("self", "cls", "this")


class CallsEnricher(Enricher):
    metadata = EnricherMetadata(
        name="calls",
        consumes=frozenset(
            {
                NodeType.CALL,
                EdgeType.IMPORTS_FROM,
                EdgeType.EXTENDS,
                EdgeType.INSTANCE_OF,
            }
        ),
        produces=frozenset({EdgeType.CALLS, EdgeType.PASSES_ARGUMENT, EdgeType.IMPORTS}),
        scope="file",
    )

    def process_file(self, file: str, snapshot: Snapshot) -> EnricherFileResult:
        idx = workspace_index(snapshot, self.settings)
        scope = FileScope(snapshot, idx, file)
        edges: list[Edge] = []
        nodes: dict[str, Node] = {}  # placeholders this file needs
        for call in scope.s.nodes:
            if call.type != NodeType.CALL:
                continue
            where = parse_id(call.id).path
            deps = Deps()
            target = self._resolve(scope, where, call, deps)
            if target is not None and target.type in _CALLABLE:
                edges.append(Edge(call.id, EdgeType.CALLS, target.id))
            # A function handed over by name (a callback, a signal handler) is
            # used even though nothing here calls it.
            for arg in str_list_attr(call.attrs, "arg_names") or ():
                passed = scope.lookup(where, arg)
                if passed is not None and passed.type in _CALLABLE:
                    edges.append(Edge(call.id, EdgeType.PASSES_ARGUMENT, passed.id))
            if deps.nodes or deps.keys:
                edges += deps.edges(call.id, file)
                for n in deps.placeholder_nodes():
                    nodes.setdefault(n.id, n)
        return EnricherFileResult(edges=edges, nodes=list(nodes.values()), uses=scope.uses())

    def reads_bindings(self, file: str, snapshot: Snapshot, names: set[str]) -> bool:
        # The local names `_resolve` looks up: bare callees, the heads of
        # receivers (not self/cls/this/super), and names passed as arguments.
        looked_up: set[str] = set()
        for call in workspace_index(snapshot, self.settings).summary(snapshot, file).nodes:
            if call.type != NodeType.CALL:
                continue
            a = call.attrs
            receiver = str_attr(a, "receiver")
            if receiver is None:
                looked_up.add(str_attr(a, "callee") or "")
            elif receiver not in _SELF and receiver not in ("super()", "super"):
                head = head_name(receiver)
                if head is not None:
                    looked_up.add(head)
            looked_up.update(str_list_attr(a, "arg_names") or ())
        return reads_any(names, looked_up)

    def _resolve(
        self, scope: FileScope, where: str, call: SummaryNode, deps: Deps
    ) -> SummaryNode | None:
        a = call.attrs
        receiver = str_attr(a, "receiver")
        name = call.name
        if receiver is None:
            callee = str_attr(a, "callee") or ""
            if not callee or not callee.replace("_", "a").replace("$", "a").isalnum():
                return None
            return scope.lookup(where, callee)
        snap, idx = scope.snap, scope.idx
        if receiver in _SELF:
            cls = scope.enclosing_class(where)
            return lookup_member(snap, idx, cls, name) if cls is not None else None
        if receiver in ("super()", "super"):
            cls = scope.enclosing_class(where)
            return lookup_member(snap, idx, cls, name, skip_self=True) if cls is not None else None
        head, _, attr = receiver.partition(".")
        if head in _SELF and attr and "." not in attr:
            cls = scope.enclosing_class(where)
            if cls is None:
                return None
            var = lookup_member(snap, idx, cls, attr)
            if var is None or var.type != NodeType.VARIABLE:
                return None
            inst = scope.instance_class(var)
            return lookup_member(snap, idx, inst, name) if inst is not None else None
        obj = scope.resolve_dotted(where, receiver, deps)
        if obj is None:
            return None
        if obj.type == NodeType.VARIABLE:
            inst = scope.instance_class(obj)
            return lookup_member(snap, idx, inst, name) if inst is not None else None
        if obj.type == NodeType.CLASS:
            return lookup_member(snap, idx, obj, name)
        if obj.type == NodeType.MODULE:
            return scope.member_of_module(obj, name, deps)
        if obj.type in FUNCTION_TYPES:
            return None
        return None
