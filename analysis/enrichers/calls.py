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
  variable `attr` (on the class or a base) has one;
* otherwise, method calls whose receiver's class is known from declared
  types, step by step (receivers.py: typed parameters and locals, fields
  and variables with a HAS_TYPE edge, functions' RETURNS_TYPE, `new X()`,
  `cls(...)`); such an edge carries ``{"via": "type", "type": class id,
  "declared_by": declaration id}`` (hover shows it), and the call gets
  USES_TYPE edges to each class it looked into.

A call whose callee starts with a name the front end saw bound by an
enclosing function (``head_local``: a callback's parameter, an untyped
local) resolves to nothing rather than to a same-named binding outside.

Arguments that name a function or class in scope (`connect(handler)`,
`map(convert, xs)`), or through a module or class (`path("<int:pk>/",
views.detail)`), get PASSES_ARGUMENT call -> definition.

Value domains resolve some dynamic calls (enrichers/dynamic.py): a call
whose front end recorded a ``target`` (``getattr(obj, "m")(...)``) is
resolved as that text; a dynamic import with a constant specifier gets
``CALL -IMPORTS-> MODULE``.

What resolves only through re-exports in other files also gets the
dependency edges described in `names` (IMPORTS with `{"via": "re-export"}`,
or to an unresolved placeholder), so the call is re-resolved when they change.
Not resolved: calls on values of unknown type (untyped parameters, call
results without a declared return type), dynamic dispatch (`getattr`,
callbacks), builtins and externals. Overriding methods of subclasses are
not answered for a polymorphic call: the declared type's own lookup is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from graphwarden.analysis.enrichers.base import (
    Enricher,
    EnricherFileResult,
    EnricherMetadata,
    FileReads,
)
from graphwarden.analysis.enrichers.dynamic import dynamic_import
from graphwarden.analysis.enrichers.names import (
    FUNCTION_TYPES,
    Deps,
    FileScope,
    head_name,
    lookup_member,
    reads_any,
)
from graphwarden.analysis.enrichers.receivers import Receivers
from graphwarden.analysis.enrichers.type_names import TypeResolver
from graphwarden.analysis.enrichers.workspace import workspace_index
from graphwarden.analysis.model import (
    Edge,
    EdgeType,
    Node,
    NodeType,
    file_of_id,
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
                EdgeType.HAS_TYPE,
                EdgeType.RETURNS_TYPE,
            }
        ),
        produces=frozenset(
            {EdgeType.CALLS, EdgeType.PASSES_ARGUMENT, EdgeType.IMPORTS, EdgeType.USES_TYPE}
        ),
        scope="file",
        # Its own file's definitions and call sites, never its flow facts.
        reads_of_its_file=FileReads.SUMMARY_ROWS,
    )

    def process_file(
        self, file: str, snapshot: Snapshot, cancelled: Callable[[], bool] | None = None
    ) -> EnricherFileResult:
        idx = workspace_index(snapshot, self.settings)
        scope = FileScope(snapshot, idx, file)
        edges: list[Edge] = []
        nodes: dict[str, Node] = {}  # placeholders this file needs

        # Each call's target, once per file: the calls are visited in the
        # summary's order, so what a local bound to a call gets is the same in
        # every run over the same files.
        resolved: dict[str, SummaryNode | None] = {}

        def resolve_call(call: SummaryNode, depth: int) -> SummaryNode | None:
            # A local bound to a call is typed by what that call resolves to
            # (dependencies of that call are recorded when it is visited itself).
            if call.id not in resolved:
                resolved[call.id] = self._resolve(
                    scope, receivers, parse_id(call.id).path, call, Deps(), [], {}, depth
                )
            return resolved[call.id]

        types = TypeResolver(scope)
        receivers = Receivers(scope, types, resolve_call)
        for call in scope.s.calls():
            where = parse_id(call.id).path
            deps = Deps()
            used: list[str] = []
            via: dict[str, str] = {}
            target = self._resolve(scope, receivers, where, call, deps, used, via, 0)
            resolved[call.id] = target
            # `obj.prop()` may call a function-valued property: the property
            # (an interface member, a field) is its definition.
            # `exports.f = (...) => ...` has no FUNCTION: its EXPORT is what
            # `mod.f()` calls.
            if target is not None and (
                target.type in _CALLABLE
                or (
                    target.type in (NodeType.VARIABLE, NodeType.EXPORT)
                    and ("receiver" in call.attrs or used)
                )
            ):
                edges.append(Edge(call.id, EdgeType.CALLS, target.id, dict(via) or None))
            for cls_id in dict.fromkeys(used):
                # A class of this file changes only with the file (re-enriched
                # then), and its bases' changes reach it through its EXTENDS.
                if file_of_id(cls_id) != file:
                    edges.append(Edge(call.id, EdgeType.USES_TYPE, cls_id))
            # A function handed over by name (a callback, a signal handler) is
            # used even though nothing here calls it.
            for arg in str_list_attr(call.attrs, "arg_names") or ():
                passed = scope.lookup(where, arg)
                if passed is not None and passed.type in _CALLABLE:
                    edges.append(Edge(call.id, EdgeType.PASSES_ARGUMENT, passed.id))
            # Or through its module or class (`path("<int:pk>/", views.detail)`).
            for ref in str_list_attr(call.attrs, "arg_refs") or ():
                passed = scope.resolve_dotted(where, ref, deps)
                if passed is not None and passed.type in _CALLABLE:
                    edges.append(Edge(call.id, EdgeType.PASSES_ARGUMENT, passed.id))
            if "imports" in call.attrs and (found := dynamic_import(scope, call)) is not None:
                edges.append(found[0])
                if found[1] is not None:
                    nodes.setdefault(found[1].id, found[1])
            if deps.nodes or deps.keys:
                edges += deps.edges(call.id, file)
                for n in deps.placeholder_nodes():
                    nodes.setdefault(n.id, n)
        return EnricherFileResult(edges=edges, nodes=list(nodes.values()), uses=types.uses())

    def reads_bindings(self, file: str, snapshot: Snapshot, names: set[str]) -> bool:
        # The local names `_resolve` looks up: bare callees, the heads of
        # receivers (not self/cls/this/super), the declared type of a typed
        # receiver (`a: A` then `a.run()` looks up A), and names passed as
        # arguments.
        summary = workspace_index(snapshot, self.settings).summary(snapshot, file)
        known = summary.derived.get("calls.looked_up")
        if known is not None:
            return reads_any(names, known)
        looked_up: set[str] = set()
        for call in summary.calls():
            a = call.attrs
            receiver = str_attr(a, "receiver")
            if receiver is None:
                looked_up.add(str_attr(a, "callee") or "")
            elif receiver not in _SELF and receiver not in ("super()", "super"):
                head = head_name(receiver)
                if head is not None:
                    looked_up.add(head)
            head_type = str_attr(a, "head_type")
            if head_type is not None and not head_type.startswith("%"):
                type_head = head_name(head_type)
                if type_head is not None:
                    looked_up.add(type_head)
            looked_up.update(str_list_attr(a, "arg_names") or ())
            looked_up.update(ref.split(".", 1)[0] for ref in str_list_attr(a, "arg_refs") or ())
        summary.derived["calls.looked_up"] = frozenset(looked_up)
        return reads_any(names, looked_up)

    def _resolve(
        self,
        scope: FileScope,
        receivers: Receivers,
        where: str,
        call: SummaryNode,
        deps: Deps,
        used: list[str],
        via: dict[str, str],
        depth: int,
    ) -> SummaryNode | None:
        """What `call` calls; `used` gets the classes typed receivers were looked up
        in, `via` the edge attributes of a resolution through declared types."""
        a = call.attrs
        if a.get("head_local"):
            return None  # bound by an enclosing function, type unknown
        receiver = str_attr(a, "receiver")
        name = call.name
        dynamic_target = str_attr(a, "target")
        if dynamic_target is not None:
            # What value domains say the call calls (`getattr(obj, "m")(...)`).
            head, _, name = dynamic_target.rpartition(".")
            receiver = head or None
        if receiver is None:
            callee = dynamic_target or str_attr(a, "callee") or ""
            if not callee or not callee.replace("_", "a").replace("$", "a").isalnum():
                return None
            head_type = str_attr(a, "head_type")
            if head_type is not None and head_type.startswith("%"):
                # `const {write} = context; write()`: the member of context's type.
                return receivers.member_path(where, head_type, deps, used, depth)
            if head_type is not None:
                return None  # a typed parameter or local called: not a definition
            return scope.lookup(where, callee)
        found = None if "head_type" in a else self._untyped(scope, where, call, deps)
        if found is not None and not (receiver in _SELF and found.attrs.get("static")):
            return found
        if receiver in _SELF and found is None and "head_type" not in a:
            return None  # `self.m()` was looked up on the class already: nothing to type
        typed = receivers.receiver_class(where, call, deps, used, depth)
        if typed is None:
            return None
        used.append(typed.cls.id)
        target = lookup_member(scope.snap, scope.idx, typed.cls, name)
        if target is not None and typed.instance and target.attrs.get("static"):
            return None  # an instance's member shadowed by a same-named static one
        if target is not None:
            via.update({"via": "type", "type": typed.cls.id})
            if typed.declared_by:
                via["declared_by"] = typed.declared_by
        return target

    def _untyped(
        self, scope: FileScope, where: str, call: SummaryNode, deps: Deps
    ) -> SummaryNode | None:
        """Method calls resolved without declared types (module docstring's first list)."""
        a = call.attrs
        receiver = str_attr(a, "receiver") or ""
        name = call.name
        snap, idx = scope.snap, scope.idx
        if receiver in _SELF:
            cls = scope.enclosing_class(where)
            return lookup_member(snap, idx, cls, name) if cls is not None else None
        if receiver.startswith("super(") and receiver.endswith(")") and "," in receiver:
            # `super(Cls, obj).m()`: the classes after Cls in obj's MRO, as far as
            # the graph sees them: Cls's bases.
            named = scope.resolve_dotted(where, receiver[6:-1].split(",")[0], deps)
            if named is None or named.type != NodeType.CLASS:
                return None
            return lookup_member(snap, idx, named, name, skip_self=True)
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
