"""What the Python and JavaScript data-flow extractors share (python_flow.py, javascript_flow.py).

A front end's extractor turns each body into the IR of
analysis/dataflow/ir.py; everything that does not read a grammar lives
here, in `FlowBuilder`, which the two subclass:

* the bodies of a file (`Body`: the names a body binds, its parameters,
  call table, flow-relevant sites, and the edges waiting for name
  resolution);
* graph records: a local VARIABLE node per name a function binds, and
  flow-insensitive edges between nodes (``x ASSIGNED_FROM y``, ``y
  FLOWS_INTO call`` with ``{"arg": ...}``, also for what a callback written
  as the argument returns, ``y RETURNS function``; a store
  into ``obj.x``/``obj[k]`` or a mutating call flows into ``obj``'s
  variable, ``self.x = y`` / ``this.x = y`` into the class attribute);
* value domains (`ConstWalker`): constants propagated through each body in
  statement order, a branch with a constant condition taken alone; a
  variable's constant values (``values``: every value a live assignment
  gives it) and a call's constant arguments at the call (``const_args``);
  the qualified callee of a call whose callee starts at an import
  (``qualified``: ``hashlib.new`` for ``from hashlib import new``).

Expressions are converted with bounded recursion (`MAX_DEPTH` levels; deeper
is OPAQUE), so nesting costs bounded Python stack.

Size: one module, because it is everything the Python and JavaScript flow
collectors share (bodies, edges, VARIABLE nodes, constants in statement
order, qualified callees); keeping it together is what keeps the two front
ends from repeating it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from graphwarden.analysis.dataflow import consts, ir
from graphwarden.analysis.dataflow.consts import Domain
from graphwarden.analysis.dataflow.qualified import import_qn
from graphwarden.analysis.languages.base import GraphBuilder, Scope
from graphwarden.analysis.model import (
    MODULE_SCOPE,
    Edge,
    EdgeType,
    Node,
    NodeType,
    definition_id,
    hash_fields,
    scoped_id,
)

#: Deepest expression / statement nesting converted (deeper is OPAQUE).
MAX_DEPTH = 40
#: Methods that store their arguments into their receiver.
MUTATORS = frozenset(
    {
        "append",
        "extend",
        "insert",
        "update",
        "setdefault",
        "add",
        "appendleft",
        "extendleft",
        "push",
        "unshift",
        "set",
    }
)
_ARITH = frozenset({"+", "-", "*", "/", "//", "%", "**", "&", "|", "^", "<<", ">>", "@"})
_PICKS = frozenset({"and", "or", "??", "||", "&&"})


def ref_name(name: str) -> str:
    """A pending edge end that is a name, looked up once its body is done."""
    return "n:" + name


class Body:
    """One body being converted: its tables, then its IR."""

    __slots__ = (
        "bound",
        "call_ids",
        "call_index",
        "call_stack",
        "calls",
        "default_stmts",
        "defaults",
        "globals",
        "handed_to",
        "id_path",
        "kind",
        "nested",
        "node_id",
        "param_list",
        "params",
        "parent",
        "pending",
        "scope",
        "sites",
        "stmt",
        "stmt_calls",
        "words",
    )

    def __init__(
        self, scope: Scope, kind: str, parent: Body | None, id_path: str | None = None
    ) -> None:
        self.scope = scope
        self.kind = kind
        self.node_id = scope.node_id
        self.id_path = scope.id_path if id_path is None else id_path
        self.parent = parent
        self.params: dict[str, str] = {}  # name -> PARAMETER id
        self.param_list: list[list[Any]] = []
        #: Parameter name -> its literal or dotted-name default (`FlowFunction.defaults`).
        self.defaults: dict[str, Any] = {}
        #: Other defaults (`rng=random.Random()`) as expression statements: not
        #: in the body's IR (they run where the function is defined), walked for
        #: their calls' constants and qualified names.
        self.default_stmts: list[ir.Stmt] = []
        self.bound: dict[str, None] = {}  # names bound here, in order
        self.globals: set[str] = set()
        self.words: set[str] = set()
        self.calls: list[str] = []
        #: The same calls as full CALL node ids.
        self.call_ids: list[str] = []
        #: Full CALL node id -> its index in `calls`.
        self.call_index: dict[str, int] = {}
        self.sites: list[int] = []
        self.nested: list[str] = []
        #: A callback written as a call's argument (`xs.map((x) => ...)`): that
        #: call's CALL node id and the argument's slot.
        self.handed_to: tuple[str, str] | None = None
        #: Edges waiting for name resolution: (type, src ref, dst ref, attrs).
        self.pending: list[tuple[EdgeType, str, str, dict[str, Any] | None]] = []
        self.stmt: Any = None
        #: The calls of the statement being converted (innermost statement last).
        self.call_stack: list[list[Any]] = []
        #: id(IR statement) -> the calls its own expressions make (for `ConstWalker`).
        self.stmt_calls: dict[int, list[Any]] = {}


class FlowBuilder:
    """The language-neutral half of a flow extractor (see the module docstring)."""

    #: Set by subclasses: JavaScript folding rules and spellings.
    js = False

    def __init__(self, b: GraphBuilder) -> None:
        self.b = b
        self.src = b.src
        self.data = b.src.data
        self.bodies: dict[str, Body] = {}
        self.module_env: dict[str, Domain] = {}
        self.module_dicts: dict[str, dict[Any, str]] = {}
        #: Module-level tables of constants nothing writes (`DIGESTS = {"legacy":
        #: "md5"}`): name -> key -> the constants its value can take.
        self.module_tables: dict[str, dict[Any, Domain]] = {}
        #: Module-level names bound once to an object literal of constants that
        #: the file never changes in place (`cookieOptions = { secure: false }`).
        self.module_objects: dict[str, list[Any]] = {}
        #: (Python) Module-level names bound to a function alone (`ConstWalker.callee_aliases`).
        self.module_aliases: dict[str, str] = {}
        self._calls: dict[str, Node] | None = None
        self._nodes: dict[str, Node] | None = None
        self._seen = 0
        self._imports: dict[str, dict[str, Any]] | None = None
        self.out: list[ir.FlowFunction] = []
        self._edges: set[tuple[str, str, str]] = set()
        #: Module-level names -> the node they resolve to (`resolve`).
        self._module_refs: dict[str, str | None] = {}
        #: Node id -> `_data_kind`.
        self._data: dict[str, int] = {}
        #: Bodies whose constants wait for the file's end (`values`): the module's
        #: constants and every function's are known then; None once they ran.
        self._waiting: list[tuple[Body, list[ir.Stmt]]] | None = []
        #: A module-level function's statements, by name (`returned_constants`).
        self._function_stmts: dict[str, list[ir.Stmt]] = {}
        #: A module-level function's constant results (None: not constant), and
        #: the ones being worked out (a recursion gives none).
        self._returns: dict[str, Domain] = {}
        self._returns_busy: set[str] = set()

    # -- calls ----------------------------------------------------------------------------------

    def call_index(self, body: Body, call_id: str) -> int:
        idx = body.call_index.get(call_id)
        if idx is None:
            idx = body.call_index[call_id] = len(body.calls)
            body.calls.append(call_id.split("->", 2)[-1])
            body.call_ids.append(call_id)
        return idx

    def note_call(self, body: Body, call: list[Any]) -> list[Any]:
        """A converted CALL: the statement being converted makes it."""
        if body.call_stack:
            body.call_stack[-1].append(call)
        return call

    def begin_stmt(self, body: Body) -> None:
        body.call_stack.append([])

    def end_stmt(self, body: Body, out: list[ir.Stmt], start: int) -> None:
        """The calls of the statement just converted belong to the first IR it emitted."""
        calls = body.call_stack.pop()
        if not calls:
            return
        if len(out) > start:
            body.stmt_calls.setdefault(id(out[start]), []).extend(calls)
        elif body.call_stack:
            body.call_stack[-1].extend(calls)

    def call_edges(
        self, body: Body, call_id: str, func: Any, args: list[Any], kwargs: list[list[Any]]
    ) -> None:
        pending = body.pending
        calls = body.call_ids
        flows = EdgeType.FLOWS_INTO
        for i, a in enumerate(args):
            if not isinstance(a, list) or not a:
                continue  # a constant: no operand
            op = a[0]
            if op == ir.NAME:
                pending.append((flows, "n:" + a[1], call_id, {"arg": _slot(i)}))
                continue
            slot = "*" if op == ir.STAR else _slot(i)
            for ref in operands(a, calls):
                pending.append((flows, ref, call_id, {"arg": slot}))
        for kw, value in kwargs:
            for ref in operands(value, calls):
                pending.append((flows, ref, call_id, {"arg": kw or "**"}))
        if isinstance(func, list) and func and func[0] == ir.ATTR:
            for ref in operands(func[1], calls):
                pending.append((flows, ref, call_id, {"arg": "receiver"}))
            if func[2] in MUTATORS:
                root = root_name(func[1])
                if root is not None:
                    for a in [*args, *(v for _, v in kwargs)]:
                        for ref in operands(a, calls):
                            pending.append((EdgeType.ASSIGNED_FROM, ref_name(root), ref, None))

    # -- names and their edges --------------------------------------------------------------

    def bind(self, body: Body, name: str, target: Any, stmt: Any, value: Any) -> None:
        """`name = value` in `body`: the VARIABLE node (first binding) and its edges."""
        if name not in body.globals and name not in body.bound:
            body.bound[name] = None
            if body.kind != "MODULE" and name not in body.params:
                self.b.add_variable(
                    stmt if stmt is not None else target,
                    target,
                    body.scope,
                    name,
                    {"local": True},
                )
            elif body.kind == "MODULE" and not self._module_definition(name):
                # The structural front end makes a module's plain assignments
                # VARIABLEs; a name a loop, a `with`, a handler or a destructuring
                # binds there (`for host in sys.argv[1:]`, `const [, , user] =
                # process.argv`) is one too (add_variable keeps the first).
                self.b.add_variable(
                    stmt if stmt is not None else target, target, body.scope, name, {}
                )
        for ref in operands(value, body.call_ids):
            body.pending.append((EdgeType.ASSIGNED_FROM, ref_name(name), ref, None))

    def store_edges(
        self, body: Body, obj: Any, attr: str | None, value: Any, key: Any = None
    ) -> None:
        """`obj.attr = value` / `obj[k] = value`: the value flows into obj's variable.

        What it is stored under (the attribute, a constant key) goes on the
        value's nodes as `stored_under`: `session["otp"] = code` names `code` a
        one-time password for the rules that read names (weak-random).
        """
        root = root_name(obj)
        if root is None:
            return
        dst = ref_name(root)
        under = attr if attr is not None else key if isinstance(key, str) else None
        stored = {"stored_under": under} if under else None
        if attr is not None and obj == [ir.NAME, self_name(self.js)] and body.kind == "METHOD":
            owner = body.id_path.rsplit(".", 1)[0]
            dst = definition_id(self.b.file, NodeType.VARIABLE, f"{owner}.{attr}")
            if self.node_by_id(dst) is None:
                # JavaScript makes `this.x = value` a node only when typed (or a
                # declared field): no node, no edge (an edge joins two nodes).
                return
        for ref in operands(value, body.call_ids):
            body.pending.append((EdgeType.ASSIGNED_FROM, dst, ref, stored))

    def parameter_default(self, body: Body, param_id: str, convert: Callable[[], Any]) -> Any:
        """`rng=random.Random()`: the parameter (its PARAMETER id; "" when it has
        no node) may hold what its default made (`convert` makes the default's IR,
        which is returned)."""
        e = self.detached(body, convert)
        if param_id:
            for ref in operands(e, body.call_ids):
                body.pending.append((EdgeType.ASSIGNED_FROM, param_id, ref, None))
        return e

    def detached(self, body: Body, convert: Callable[[], Any]) -> Any:
        """An expression evaluated where `body` is but outside its statements (a
        parameter's default, a JS class's static field): its calls get their
        constants and qualified names (`Body.default_stmts`). Returns its IR."""
        self.begin_stmt(body)
        stmt: list[Any] = [ir.EXPR, convert()]
        self.end_stmt(body, [stmt], 0)
        body.default_stmts.append(stmt)
        return stmt[1]

    def returns(self, body: Body, e: Any) -> None:
        if body.kind == "MODULE" or e is None:
            return
        if body.kind == "LAMBDA":
            # A callback has no node to return to; what it returns is what the
            # call it is handed to gets from it (`Array.from(n, () => Math.random())`).
            if body.handed_to is not None:
                call_id, slot = body.handed_to
                for ref in operands(e, body.call_ids):
                    body.pending.append((EdgeType.FLOWS_INTO, ref, call_id, {"arg": slot}))
            return
        for ref in operands(e, body.call_ids):
            body.pending.append((EdgeType.RETURNS, ref, body.node_id, None))

    def site(self, body: Body, node: Any) -> int:
        """A return or store statement's index in the `sites` of the node it belongs to
        (a callback's go to the function or module around it)."""
        owner = body
        while owner.kind == "LAMBDA" and owner.parent is not None:
            owner = owner.parent
        owner.sites.extend(self.src.range_of(node))
        return len(owner.sites) // 4 - 1

    def _module_definition(self, name: str) -> bool:
        """Whether the module defines or imports `name` (a binding of it is that)."""
        file = self.b.file
        return any(
            self.node_by_id(i) is not None
            for i in (
                definition_id(file, NodeType.FUNCTION, name),
                definition_id(file, NodeType.CLASS, name),
                scoped_id(file, NodeType.IMPORT, MODULE_SCOPE, name),
            )
        )

    def node_by_id(self, node_id: str) -> Node | None:
        """A node made so far (not a CALL), by id; the table follows new nodes."""
        nodes = self.b.nodes
        if self._nodes is None:
            self._nodes = {}
            self._seen = 0
        if self._seen < len(nodes):
            for n in nodes[self._seen :]:
                if n.type != NodeType.CALL:
                    self._nodes[n.id] = n
            self._seen = len(nodes)
        return self._nodes.get(node_id)

    def call_node(self, call_id: str) -> Node | None:
        if self._calls is None:
            self._calls = {n.id: n for n in self.b.nodes if n.type == NodeType.CALL}
        return self._calls.get(call_id)

    def resolve(self, body: Body, ref: str) -> str | None:
        """A pending edge end (a node id, or a name to look up) to a node id."""
        if not ref.startswith("n:"):
            return ref or None
        name = ref[2:]
        file = self.b.file
        b: Body | None = body
        ids = self.b._ids
        while b is not None:
            if b.kind == "MODULE":
                # The same for every body of the file (the sweep made these nodes).
                if name in self._module_refs:
                    return self._module_refs[name]
                vid = definition_id(file, NodeType.VARIABLE, name)
                found: str | None = vid
                if self.node_by_id(vid) is None:
                    imp = scoped_id(file, NodeType.IMPORT, MODULE_SCOPE, name)
                    found = imp if imp in ids else None
                self._module_refs[name] = found
                return found
            if b.kind == "LAMBDA":
                if name in b.params:
                    return None  # a callback's parameters have no nodes
                if name in b.bound:
                    return definition_id(file, NodeType.VARIABLE, f"{b.id_path}.{name}")
            else:
                if name in b.params and name not in b.globals:
                    return b.params[name] or None
                if name in b.bound and name not in b.globals:
                    return definition_id(file, NodeType.VARIABLE, f"{b.id_path}.{name}")
                imp = scoped_id(file, NodeType.IMPORT, b.id_path, name)
                if imp in ids:
                    return imp
            b = b.parent
        return None

    # -- output -------------------------------------------------------------------------------

    def emit(self, body: Body, stmts: list[ir.Stmt]) -> None:
        """A body is converted: resolve its edges, fold its constants, keep its IR."""
        call_args: list[list[Any]] = []
        index = body.call_index
        prefix = len(self.b.file) + 2
        # Each end resolves once per body (nothing binds while its edges are resolved).
        ends: dict[str, str | None] = {}
        seen = self._edges
        edges = self.b.edges
        data = self._data
        flows = EdgeType.FLOWS_INTO
        stored = EdgeType.ASSIGNED_FROM
        for etype, src, dst, attrs in body.pending:
            if etype == stored and attrs is not None:
                # Named by where it is stored, whether or not the object has a
                # node (`req.session.otp = code`: a callback's parameter has none).
                if dst not in ends:
                    ends[dst] = self.resolve(body, dst)
                holder = ends[dst]
                if holder is not None:
                    self._stored_under(holder, attrs["stored_under"])
                attrs = None  # a store's edge is a plain assignment's
            if src in ends:
                s = ends[src]
            else:
                s = ends[src] = self.resolve(body, src)
            if s is None:
                continue
            if dst in ends:
                d = ends[dst]
            else:
                d = ends[dst] = self.resolve(body, dst)
            if d is None or s == d:
                continue
            kind = data.get(s)
            if kind is None:
                kind = data[s] = _data_kind(s)
            if kind == _NOT_DATA or (kind == _NAMESPACE and etype != EdgeType.ASSIGNED_FROM):
                continue
            key = (s, etype, d)
            if key in seen:
                continue
            seen.add(key)
            edges.append(Edge(s, etype, d, attrs))
            if etype == flows and d in index and attrs is not None:
                call_args.append([index[d], attrs.get("arg"), s[prefix:]])
        body.pending = []
        self.values(body, stmts)
        if body.sites and body.kind != "LAMBDA":
            fn = self.node_by_id(body.node_id)
            if fn is not None:
                fn.attrs["sites"] = body.sites
        self.out.append(
            ir.FlowFunction(
                body.id_path,
                body.kind,
                body.param_list,
                stmts,
                list(body.bound),
                sorted(body.words),
                body.calls,
                body.nested,
                call_args,
                body.defaults,
            )
        )

    def _stored_under(self, node_id: str, name: str) -> None:
        node = self.node_by_id(node_id) or self.call_node(node_id)
        if node is None or node.type not in _STORED_VALUE_TYPES:
            return
        had = node.attrs.get("stored_under")
        names = [x for x in had if isinstance(x, str)] if isinstance(had, list) else []
        if name not in names:
            node.attrs["stored_under"] = sorted([*names, name])

    def encoded(self) -> bytes | None:
        self._values_waiting()  # when no module body was converted: no constants of its
        if not self.out:
            return None
        try:
            return ir.encode_flow(self.out)
        except (ValueError, OverflowError, TypeError):  # pragma: no cover - a safety net
            # A value the encoding cannot hold: the file keeps no flow facts.
            return None

    # -- value domains ----------------------------------------------------------------------

    def _module_names(self, walker: ConstWalker) -> dict[str, Domain]:
        """What the module's functions see of its names: each name's value where
        the module's body ends (`let algo = "md5"; if (7 * 3 > 20) algo =
        "sha256"`: `"sha256"`), as a handler runs after the module loaded; every
        value a live assignment gives it when the body calls one of the module's
        own functions (or one it makes), which may read a name before its last
        assignment."""
        end = walker.end_env
        early = end is None or walker.calls_made_function
        if not early:
            file = self.b.file
            early = any(
                self.node_by_id(definition_id(file, kind, name)) is not None
                for name in walker.called_names
                for kind in (NodeType.FUNCTION, NodeType.CLASS)
            )
        out: dict[str, Domain] = {}
        for name, dom in walker.assigned.items():
            last = end.get(name) if end is not None and not early else None
            value = last if last else dom
            if value:
                out[name] = value
        return out

    def values(self, body: Body, stmts: list[ir.Stmt]) -> None:
        """Constants: `values` on the body's variables, `const_args` on its calls."""
        if body.kind != "MODULE" and self._waiting is not None:
            # Every other body waits for the file's end: the module's constants
            # (`const CIPHER = "des"`) and what its functions return
            # (`verify=tls_setting()`) are known then.
            self._waiting.append((body, stmts))
            if body.kind == "FUNCTION" and "." not in body.id_path:
                self._function_stmts[body.id_path] = stmts
            return
        outer = self.module_env if body.kind != "MODULE" else {}
        walker = ConstWalker(self, body, outer)
        walker.run(stmts)
        if body.default_stmts:
            walker.block(body.default_stmts, {}, 0)
        for name, dom in walker.assigned.items():
            if dom is None or not dom:
                continue
            if body.kind == "MODULE":
                vid = definition_id(self.b.file, NodeType.VARIABLE, name)
            else:
                vid = definition_id(self.b.file, NodeType.VARIABLE, f"{body.id_path}.{name}")
            var = self.node_by_id(vid)
            if var is not None:
                var.attrs["values"] = sorted(consts.literal_text(v, self.js) for v in dom)
        if body.kind == "MODULE":
            self.module_env = self._module_names(walker)
            self.module_dicts = walker.dicts_once()
            self.module_tables = {
                name: table
                for name, table in walker.tables_once().items()
                if not _written_anywhere(self.data, name)
            }
            self.module_objects = {
                name: obj
                for name, obj in walker.objects_once().items()
                if not _changed_in_place(self.data, name)
            }
        for idx, entries in walker.call_args.items():
            node = self.call_node(body.call_ids[idx])
            if node is not None and entries:
                node.attrs["const_args"] = entries
        if body.kind != "MODULE":
            # `AES.new(key, self.mode)` with `mode = AES.MODE_ECB` in the class, or
            # `AES.new(key, MODES["legacy"])`: what a rule about a mode reads, as it
            # reads `AES.new(key, AES.MODE_ECB)`.
            for idx, (call, lookup, _) in walker.first_seen.items():
                named = [self._dotted_constant(body, a, lookup) for a in call[3]]
                if any(named):
                    node = self.call_node(body.call_ids[idx])
                    if node is not None:
                        had = node.attrs.get("arg_consts")
                        given = (
                            [x for x in had if isinstance(x, str)] if isinstance(had, list) else []
                        )
                        node.attrs["arg_consts"] = given + [
                            n for n in named if n and n not in given
                        ]
        # The import a name binds is looked up once per body (nothing binds meanwhile).
        imports: dict[str, dict[str, Any] | None] = {}
        if body.kind == "MODULE" and not self.js:
            self.module_aliases = {
                name: alias
                for name, alias in walker.callee_aliases.items()
                if alias is not None and not _declared_global(self.data, name)
            }
        for idx, (call, lookup, callee) in walker.first_seen.items():
            node = self.call_node(body.call_ids[idx])
            if node is not None:
                self.qualify(node, callee, body, imports)
                alias = None if "qualified" in node.attrs else self._aliased(body, walker, callee)
                if alias is not None:
                    self.qualify(node, alias, body, imports)
                    if "qualified" in node.attrs:
                        # Named as the function it calls, as `getattr(hashlib,
                        # "md5")(data)` is: rules find calls by that name.
                        receiver, _, name = alias.rpartition(".")
                        self.retarget(node, alias, name, receiver)
                self.dynamic_call(node, call, lookup, body, walker, callee)

    def _aliased(self, body: Body, walker: ConstWalker, callee: str | None) -> str | None:
        """The function a call through a name calls, when the name is bound to one
        alone (`digest = getattr(hashlib, "md5")`; `digest(data)`): the body's
        own name, or (Python) a module-level one no function rebinds."""
        if callee is None or "." in callee:
            return None
        if callee in body.bound and callee not in body.params:
            if f"{body.id_path}.{callee}" in body.nested:
                return None  # (a `def` of that name binds it too)
            return walker.callee_aliases.get(callee)
        b: Body | None = body
        while b is not None and b.kind != "MODULE":
            if callee in b.bound or callee in b.params:
                return None
            b = b.parent
        return self.module_aliases.get(callee)

    def returned_constants(self, name: str) -> Domain:
        """The constants a module-level function `name` returns whatever it is
        handed (`def tls_setting(): return False`); None when some return is not
        a constant, it may end without one, or it yields."""
        if name in self._returns:
            return self._returns[name]
        stmts = self._function_stmts.get(name)
        body = self.bodies.get(name)
        if stmts is None or body is None or name in self._returns_busy:
            return None
        self._returns_busy.add(name)
        try:
            walker = ConstWalker(self, body, self.module_env)
            walker.collect_returns = True
            walker.run(stmts)
            got = None if walker.ends_open else walker.returned
        finally:
            self._returns_busy.discard(name)
        self._returns[name] = got
        return got

    def returned_options(self, name: str) -> list[Any] | None:
        """The object literal a module-level function returns whatever it is handed
        (`def cookie_options(): return {"secure": False}`), when that is all it does
        and its values are constants (or object literals of them): what a call
        spreading it passes (`set_cookie(..., **cookie_options())`)."""
        stmts = self._function_stmts.get(name)
        if not stmts or not all(
            st[0] == ir.EXPR and not isinstance(st[1], list) for st in stmts[:-1]
        ):
            return None  # a docstring may come first; nothing else
        last = stmts[-1]
        if last[0] != ir.RETURN or not isinstance(last[1], list) or last[1][:1] != [ir.DICT]:
            return None
        # (A value may be a module constant, `"max_age": REMEMBER_MAX_AGE`: its value.)
        body = self.bodies.get(name)
        entries = [
            [k, self._module_constant(v, body)] if _is_name(v) else [k, v] for k, v in last[1][1]
        ]
        made = [ir.DICT, entries]
        return made if _constant_object(made, 0) else None

    def _module_constant(self, e: list[Any], body: Body | None) -> Any:
        """A module-level name's one constant (`REMEMBER_MAX_AGE`) where `body` reads
        it (not one of its own names); else the name itself."""
        name = e[1]
        if body is None or name in body.bound or name in body.params:
            return e
        dom = self.module_env.get(name)
        if dom is None or len(dom) != 1:
            return e
        value = next(iter(dom))
        return value if isinstance(value, str | int | float | bool) or value is None else e

    def _values_waiting(self) -> None:
        """The constants of the bodies that waited for the module's (`values`)."""
        waiting, self._waiting = self._waiting or [], None
        for body, stmts in waiting:
            self.values(body, stmts)

    def qualify(
        self,
        node: Node,
        name: str | None,
        body: Body,
        imports: dict[str, dict[str, Any] | None],
    ) -> None:
        """``qualified``: the callee (`name`, dotted) through the import its first name binds."""
        if name is None:
            return
        head, _, rest = name.partition(".")
        if head in imports:
            imp = imports[head]
        else:
            imp = imports[head] = self.import_at(body, head)
        if imp is None:
            return
        qn = import_qn(imp, self.js)
        if qn:
            node.attrs["qualified"] = f"{qn}.{rest}" if rest else qn

    def import_at(self, body: Body, name: str) -> dict[str, Any] | None:
        """The attrs of the IMPORT binding `name` in `body`'s scopes, if any."""
        if self._imports is None:
            self._imports = {n.id: n.attrs for n in self.b.nodes if n.type == NodeType.IMPORT}
        file = self.b.file
        b: Body | None = body
        while b is not None:
            if b.kind != "LAMBDA":
                if b.kind != "MODULE" and (name in b.bound or name in b.params):
                    return None
                scope = b.id_path if b.kind != "MODULE" else MODULE_SCOPE
                got = self._imports.get(scoped_id(file, NodeType.IMPORT, scope, name))
                if got is not None:
                    return got
            b = b.parent
        return None

    def dynamic_call(
        self,
        node: Node,
        call: list[Any],
        lookup: Callable[[str], Domain],
        body: Body,
        walker: ConstWalker,
        callee: str | None,
    ) -> None:
        """Language-specific dynamic calls (getattr, import_module, require...);
        `callee` is the call's function as a dotted name, if it is one."""

    def attribute_constant(self, body: Body, e: list[Any]) -> Domain:
        """The constants `e`, an attribute read (`self.algorithm`), can take, when the
        language knows them (Python: a class attribute nothing else assigns)."""
        return None

    def _dotted_constant(self, body: Body, a: Any, lookup: Callable[[str], Domain]) -> str | None:
        """The dotted constant (`AES.MODE_ECB`) an argument holds: a class
        attribute's (`self.mode`) or a module table's at a constant key
        (`MODES["legacy"]` of `MODES = {"legacy": AES.MODE_ECB}`, a table the
        file never changes in place)."""
        if body.kind == "METHOD":
            named = self.attribute_constant_name(body, a)
            if named:
                return named
        if not (isinstance(a, list) and len(a) == 3 and a[0] == ir.SUB and _is_name(a[1])):
            return None
        table_name = a[1][1]
        table = self.module_dicts.get(table_name)
        if (
            table is None
            or table_name in body.bound
            or table_name in body.params
            or _changed_in_place(self.data, table_name)
        ):
            return None
        key = fold(a[2], lookup, self.js)
        if key is None or len(key) != 1:
            return None
        return table.get(next(iter(key)))

    def attribute_constant_name(self, body: Body, e: Any) -> str | None:
        """The dotted constant (`AES.MODE_ECB`) attribute read `e` holds, likewise."""
        return None

    def retarget(self, node: Node, target: str, name: str, receiver: str | None) -> None:
        node.attrs["target"] = target
        node.name = name
        if receiver is not None:
            node.attrs["receiver"] = receiver
        node.signature_hash = hash_fields(
            NodeType.CALL, name, node.attrs.get("callee"), node.attrs.get("args"), target
        )


#: What edges from a node carry (`_data_kind`).
_DATA, _NOT_DATA, _NAMESPACE = 0, 1, 2
#: The nodes a stored value's name (`stored_under`) goes on.
_STORED_VALUE_TYPES = frozenset({NodeType.VARIABLE, NodeType.PARAMETER, NodeType.CALL})


def _data_kind(node_id: str) -> int:
    """Whether edges from this node carry data worth a graph edge.

    `self` / `cls` / `this` flow into every method call and return of a
    class (`_NOT_DATA`), and a module or a class imported is a namespace,
    not data (`_NAMESPACE`): edges from them would double the graph and say
    nothing (an imported binding still flows into the variables assigned
    from it: ``r = request``).
    """
    tail = node_id.rsplit("->", 1)[-1]
    if "->PARAMETER->" in node_id and tail in ("self", "cls", "this"):
        return _NOT_DATA
    return _NAMESPACE if "->IMPORT->" in node_id else _DATA


def self_name(js: bool) -> str:
    return "this" if js else "self"


# -- constants through a body ---------------------------------------------------------------


class ConstWalker:
    """Constant propagation over one body's IR, in statement order.

    Branches with a constant condition are taken alone, the others joined;
    a loop's body runs twice (what it assigns joins with what it had). Gives,
    per name, every constant a live assignment gives it (`assigned`; None:
    some assignment is not constant) and, per call, its constant arguments
    where it stands (`call_args`).
    """

    def __init__(self, fb: FlowBuilder, body: Body, outer: dict[str, Domain]) -> None:
        self.fb = fb
        self.body = body
        self.outer = outer
        self.js = fb.js
        self.assigned: dict[str, Domain] = {}
        self.call_args: dict[int, list[str]] = {}
        #: Call index -> (the call, its state's lookup, its callee dotted) where first reached.
        self.first_seen: dict[int, tuple[list[Any], Callable[[str], Domain], str | None]] = {}
        self._dicts: dict[str, dict[Any, str]] = {}
        self._tables: dict[str, dict[Any, Domain]] = {}
        #: Module-level names -> the object literal of constants assigned them.
        self._objects: dict[str, list[Any]] = {}
        self._dict_count: dict[str, int] = {}
        self._self_name = [ir.NAME, self_name(fb.js)]
        #: With `collect_returns`: the join of the constants its returns give (None:
        #: one is not constant), and whether it may end another way.
        self.collect_returns = False
        self.returned: Domain = frozenset()
        self.ends_open = False
        #: The names where the body ends normally (None: it never does).
        self.end_env: dict[str, Domain] | None = None
        #: Plain names the body calls (`init()`), and whether it calls a function
        #: it makes (an IIFE): what may read its names before the body ends.
        self.called_names: set[str] = set()
        self.calls_made_function = False
        #: Names -> the function every assignment of the body binds them to
        #: (`md5 = hashlib.md5`, `make = getattr(hashlib, "md5")`), None when
        #: some assignment binds another value (`_callee_alias`).
        self.callee_aliases: dict[str, str | None] = {}

    def dicts_once(self) -> dict[str, dict[Any, str]]:
        return {k: v for k, v in self._dicts.items() if self._dict_count.get(k) == 1}

    def tables_once(self) -> dict[str, dict[Any, Domain]]:
        return {k: v for k, v in self._tables.items() if self._dict_count.get(k) == 1}

    def objects_once(self) -> dict[str, list[Any]]:
        return {k: v for k, v in self._objects.items() if self._dict_count.get(k) == 1}

    def lookup(self, env: dict[str, Domain]) -> Callable[[str], Domain]:
        body, outer = self.body, self.outer

        def find(name: str) -> Domain:
            if name in env:
                return env[name]
            if name in body.bound or name in body.params:
                return None
            return outer.get(name)

        return find

    def fold(self, e: Any, env: dict[str, Domain]) -> Domain:
        """`fold(e, self.lookup(env), self.js)`, without building the lookup for the
        expressions that need none (constants, names, what never folds)."""
        if not isinstance(e, list):
            return frozenset((e,))
        if not e:
            return None
        op = e[0]
        if op == ir.NAME:
            name = e[1]
            if name in env:
                return env[name]
            body = self.body
            if name in body.bound or name in body.params:
                return None
            return self.outer.get(name)
        if op == ir.ATTR and e[1] == self._self_name and self._self_name[1] not in env:
            return self.fb.attribute_constant(self.body, e)
        if (
            (op == ir.SUB or (op == ir.ATTR and self.js))
            and isinstance(e[1], list)
            and e[1]
            and e[1][0] == ir.NAME
            and e[1][1] in self.fb.module_tables
            and (self.body.kind == "MODULE" or not self._local(e[1][1], env))
        ):
            # `DIGESTS["legacy"]` (JS: `DIGESTS.legacy`) of a module's constant table.
            key = e[2] if op == ir.ATTR else self.fold(e[2], env)
            if op == ir.SUB:
                if key is None or len(key) != 1:
                    return None
                key = next(iter(key))
            return self.fb.module_tables[e[1][1]].get(key)
        if (
            op == ir.CALL
            and isinstance(e[2], list)
            and e[2]
            and e[2][0] == ir.NAME
            and (self.body.kind == "MODULE" or not self._local(e[2][1], env))
        ):
            # `tls_setting()`: a function of the module returning a constant.
            return self.fb.returned_constants(e[2][1])
        if op not in _FOLDS:
            return None
        return fold(e, self.lookup(env), self.js)

    def _local(self, name: str, env: dict[str, Domain]) -> bool:
        return name in env or name in self.body.bound or name in self.body.params

    def run(self, stmts: list[ir.Stmt]) -> None:
        end = self.block(stmts, {}, 0)
        self.end_env = end
        if end is not None:
            # It may fall off its end (an implicit None / undefined).
            self.ends_open = True

    def block(
        self, stmts: list[ir.Stmt], env: dict[str, Domain] | None, depth: int
    ) -> dict[str, Domain] | None:
        if depth > MAX_DEPTH:
            return env
        table = self.body.stmt_calls
        for s in stmts:
            if env is None:
                return None
            calls = table.get(id(s))
            if calls:
                for call in calls:
                    self.call(call, env)
            env = self.stmt(s, env, depth)
        return env

    def stmt(self, s: ir.Stmt, env: dict[str, Domain], depth: int) -> dict[str, Domain] | None:
        op = s[0]
        if op == ir.ASSIGN:
            self.assign(s[1], s[2], env)
            return env
        if op == ir.AUG:
            t = s[2]
            if isinstance(t, list) and t and t[0] == ir.NAME:
                self.callee_aliases[t[1]] = None
                expr = [ir.BIN, s[1], t, s[3]]
                self.set_name(t[1], None if self._in_loop else self.fold(expr, env), env)
            return env
        if op == ir.EXPR:
            return env
        if op in (ir.RETURN, ir.YIELD):
            if self.collect_returns:
                if op == ir.YIELD:
                    self.ends_open = True
                elif self.returned is not None:
                    got = self.fold(s[1], env) if len(s) > 1 and s[1] is not None else None
                    self.returned = consts.join(self.returned, got) if got else None
            return None if op == ir.RETURN else env
        if op == ir.IF:
            truth = consts.truth(self.fold(s[1], env), self.js)
            if truth is True:
                return self.block(s[2], env, depth + 1)
            if truth is False:
                return self.block(s[3], env, depth + 1)
            return _join_env(
                self.block(s[2], dict(env), depth + 1), self.block(s[3], dict(env), depth + 1)
            )
        if op == ir.LOOP:
            test = s[1]
            if test is not None and consts.truth(self.fold(test, env), self.js) is False:
                return self.block(s[3], env, depth + 1)
            was = self._in_loop
            self._in_loop = True
            state = env
            for _ in range(2):
                after = self.block(s[2], dict(state), depth + 1)
                state = _join_env(state, after) or state
            self._in_loop = was
            return self.block(s[3], state, depth + 1)
        if op == ir.TRY:
            after = self.block(s[1], dict(env), depth + 1)
            after = self.block(s[3], after, depth + 1) if after is not None else None
            start = _join_env(env, after) or env
            out = after
            for h in s[2]:
                out = _join_env(out, self.block(h, dict(start), depth + 1))
            if s[4]:
                out = self.block(s[4], out if out is not None else dict(start), depth + 1)
            return out
        if op == ir.STOP:
            return None
        return env

    _in_loop = False

    def set_name(self, name: str, dom: Domain, env: dict[str, Domain]) -> None:
        env[name] = dom
        if name in self.assigned:
            self.assigned[name] = consts.join(self.assigned[name], dom) if dom else None
        else:
            self.assigned[name] = dom

    def assign(self, target: Any, value: Any, env: dict[str, Domain]) -> None:
        if not isinstance(target, list) or not target:
            return
        op = target[0]
        if op == ir.NAME:
            name = target[1]
            if self.body.kind == "MODULE" and self.js:
                # `Object.freeze({ secure: true })`: the object it is handed.
                value = _unfrozen(value)
            if (
                isinstance(value, list)
                and value
                and value[0] == ir.DICT
                and self.body.kind == "MODULE"
            ):
                table = {}
                for k, v in value[1]:
                    if (
                        isinstance(v, list)
                        and v
                        and v[0] in (ir.NAME, ir.ATTR)
                        and not isinstance(k, list)
                    ):
                        got = dotted(v)
                        if got is not None:
                            table[k] = got
                self._dicts[name] = table
                constants: dict[Any, Domain] = {}
                for k, v in value[1]:
                    if isinstance(k, (str, int)) and not isinstance(k, bool):
                        got_value = self.fold(v, env)
                        if got_value:
                            constants[k] = got_value
                if constants:
                    self._tables[name] = constants
                folded = self._folded_object(value, env, 0)
                if _constant_object(folded, 0):
                    self._objects[name] = folded
            if self.body.kind == "MODULE":
                self._dict_count[name] = self._dict_count.get(name, 0) + 1
            alias = self._callee_alias(value)
            if self.callee_aliases.get(name, alias) != alias:
                alias = None
            self.callee_aliases[name] = alias
            dom = None if self._in_loop and mentions(value, name) else self.fold(value, env)
            self.set_name(name, dom, env)
        elif op == ir.SEQ:
            pairwise = (
                isinstance(value, list)
                and value
                and value[0] == ir.SEQ
                and len(value[2]) == len(target[2])
            )
            for i, t in enumerate(target[2]):
                if isinstance(t, list) and t and t[0] == ir.STAR:
                    self.assign(t[1], ir.UNKNOWN, env)
                else:
                    self.assign(t, value[2][i] if pairwise else [ir.ELEM, value], env)
        elif op == ir.DICT:
            for _, t in target[1]:
                self.assign(t, ir.UNKNOWN, env)
        elif op == ir.STAR:
            self.assign(target[1], ir.UNKNOWN, env)

    def _folded_object(self, obj: list[Any], env: dict[str, Domain], depth: int) -> list[Any]:
        """An object literal with each value that is a name of one constant written
        as that constant (`{ secure: USE_TLS }` of `const USE_TLS = 7 * 3 < 20`)."""
        pairs = []
        for k, v in obj[1]:
            if _is_name(v):
                got = self.fold(v, env)
                if got is not None and len(got) == 1:
                    v = next(iter(got))
            elif depth < 1 and isinstance(v, list) and v[:1] == [ir.DICT]:
                v = self._folded_object(v, env, depth + 1)
            pairs.append([k, v])
        return [obj[0], pairs, *obj[2:]]

    def _object_entries(
        self, prefix: str, obj: list[Any], env: dict[str, Domain], entries: list[str], depth: int
    ) -> None:
        """An object literal argument's properties, `0.secure=false`, and those of
        the literals it holds, two levels down (`0.cookie.secure=false`)."""
        for k, v in obj[1]:
            if isinstance(k, str):
                key = f"{prefix}.{k}"
                _const_entries(key, self.fold(v, env), entries, self.js, True)
                if depth < 1 and isinstance(v, list) and v and v[0] == ir.DICT:
                    self._object_entries(key, v, env, entries, depth + 1)
            elif k is None:
                # `{ ...BASE_COOKIE, maxAge: ttl }`: a module's object of constants
                # gives its keys (a later key adds its value beside).
                spread = self._options_made(v, env) if _is_name(v) else None
                if spread is None:
                    _passed(f"{prefix}.{_KW_SPREAD}", entries)
                else:
                    self._object_entries(prefix, spread, env, entries, depth)

    def call(self, e: list[Any], env: dict[str, Domain]) -> None:
        """Record a call's constant arguments, as the state where it stands says."""
        idx = e[1]
        callee = e[2]
        # (Read of the module's body only: `FlowBuilder._module_names`.)
        if self.body.kind == "MODULE" and isinstance(callee, list) and callee:
            if callee[0] == ir.NAME:
                self.called_names.add(str(callee[1]))
            elif callee[0] in (ir.LAMBDA, ir.FUNC):
                self.calls_made_function = True
        if idx not in self.first_seen:
            # Only a call that value domains may resolve needs its state kept.
            func = e[2]
            name = dotted(func)
            keep = (
                isinstance(func, list)
                and bool(func)
                and (func[0] in (ir.SUB, ir.CALL) or name in _DYNAMIC_CALLEES)
            )
            self.first_seen[idx] = (e, self.lookup(dict(env)) if keep else _NO_LOOKUP, name)
        entries = self.call_args.get(idx)
        if entries is None:
            entries = self.call_args[idx] = []
        js = self.js
        for i, a in enumerate(e[3]):
            if isinstance(a, list):
                if a and a[0] == ir.STAR:
                    _passed(_SPREAD, entries)
                    break
                _const_entries(_slot(i), self.fold(a, env), entries, js)
                made = self._options_made(a, env)
                if made is not None:
                    # `res.cookie(n, v, cookieOptions())`: the helper's literal.
                    self._object_entries(_slot(i), made, env, entries, 0)
            elif not (isinstance(a, str) and len(a) > 200):
                # A constant argument: its one value.
                entry = f"{_slot(i)}={consts.literal_text(a, js)}"
                if entry not in entries:
                    entries.append(entry)
        for kw in e[4]:
            if kw[0] is not None:
                _const_entries(kw[0], self.fold(kw[1], env), entries, js, True)
                continue
            made = self._options_made(kw[1], env)
            if made is None:
                _passed(_KW_SPREAD, entries)
                continue
            # `**cookie_options()`, `**{"secure": True}`: the literal's keys are
            # the call's keywords.
            for k, v in made[1]:
                if isinstance(k, str):
                    _const_entries(k, self.fold(v, env), entries, js, True)
                else:
                    _passed(_KW_SPREAD, entries)

    def _callee_alias(self, value: Any) -> str | None:
        """The function an assigned value is, as a dotted name: an attribute of a
        name (`hashlib.md5`), or `getattr(obj, "md5")` with a constant name and no
        default."""
        got = dotted(value)
        if got is not None:
            return got if "." in got else None
        if not (isinstance(value, list) and len(value) == 5 and value[0] == ir.CALL):
            return None
        func, args = value[2], value[3]
        if func != [ir.NAME, "getattr"] or len(args) != 2 or value[4] or self._local("getattr", {}):
            return None
        obj, attr = dotted(args[0]), args[1]
        if obj is None or not isinstance(attr, str) or not attr.isidentifier():
            return None
        return f"{obj}.{attr}"

    def _options_made(self, a: Any, env: dict[str, Domain]) -> list[Any] | None:
        """An argument that is an object literal, a module-level object of
        constants (`module_objects`), or a call of a module-level function of
        this file returning one (`returned_options`)."""
        if not isinstance(a, list) or not a:
            return None
        if a[0] == ir.DICT:
            return a
        if a[0] == ir.NAME:
            # A module-level object of constants (`cookieOptions` of `const
            # cookieOptions = { secure: false }`), not a local of that name.
            return None if self._local(a[1], env) else self.fb.module_objects.get(a[1])
        func = a[2] if a[0] == ir.CALL else None
        if not (isinstance(func, list) and func[:1] == [ir.NAME] and not a[3] and not a[4]):
            return None
        return None if self._local(func[1], env) else self.fb.returned_options(func[1])


#: Expressions `fold` may find constant besides constants and names.
_FOLDS = frozenset({ir.BIN, ir.UN, ir.JOIN, ir.COND, ir.WALRUS, ir.ELEM})
_SLOTS = tuple(str(i) for i in range(32))


def _slot(i: int) -> str:
    return _SLOTS[i] if i < 32 else str(i)


#: Callees whose constant arguments decide what they reach (dynamic imports, getattr).
_DYNAMIC_CALLEES = frozenset(
    {"importlib.import_module", "import_module", "__import__", "getattr", "require", "import"}
)


def _NO_LOOKUP(name: str) -> Domain:
    return None


def _join_env(a: dict[str, Domain] | None, b: dict[str, Domain] | None) -> dict[str, Domain] | None:
    if a is None:
        return b
    if b is None:
        return a
    # A name one side lacks has no known value after the join; the order of the
    # names does not matter (the state is only looked up).
    out: dict[str, Domain] = {}
    for k, v in a.items():
        out[k] = consts.join(v, b[k]) if k in b else None
    for k in b:
        if k not in out:
            out[k] = None
    return out


#: `const_args` entries for spreads (`f(*xs)`, `f(**kw)`, `{...o}` in an object literal).
_SPREAD = "*"
_KW_SPREAD = "**"


def _constant_object(e: Any, depth: int) -> bool:
    """An object literal of constants (and of such literals, one level down:
    `{cookie: {secure: false}}`)."""
    if not (isinstance(e, list) and e and e[0] == ir.DICT):
        return False
    return all(
        isinstance(k, str)
        and (_constant_expr(v, 0) or (depth < 1 and _constant_object(v, depth + 1)))
        for k, v in e[1]
    )


def _unfrozen(e: Any) -> Any:
    """`Object.freeze(x)` -> x (the same object, made read-only); else `e`."""
    if (
        isinstance(e, list)
        and e[:1] == [ir.CALL]
        and dotted(e[2]) == "Object.freeze"
        and len(e[3]) == 1
        and not e[4]
    ):
        return e[3][0]
    return e


def _is_name(e: Any) -> bool:
    return isinstance(e, list) and len(e) == 2 and e[0] == ir.NAME


def _constant_expr(e: Any, depth: int) -> bool:
    """A constant, or arithmetic on constants (`maxAge: 60 * 60 * 1000`)."""
    if not isinstance(e, list):
        return True
    return (
        depth < 4
        and bool(e)
        and e[0] in (ir.BIN, ir.UN)
        and all(_constant_expr(x, depth + 1) for x in ir.subexprs(e))
    )


def _passed(key: str, out: list[str]) -> None:
    """A bare `key` entry: the call passes that argument, its value not constant.

    Rules must tell "not passed" (the default applies) from "passed, value
    unknown" (`secure=settings.SESSION_COOKIE_SECURE`): only the first is a
    finding.
    """
    if key not in out:
        out.append(key)


def _const_entries(key: str, dom: Domain, out: list[str], js: bool, named: bool = False) -> None:
    """`key=value` for each constant `dom` holds; a `named` argument (a keyword, an
    object-literal property) whose value is not constant gets a bare `key`."""
    if dom is None:
        if named:
            _passed(key, out)
        return
    for v in sorted(dom, key=repr):
        if isinstance(v, str) and len(v) > 200:
            continue
        entry = f"{key}={consts.literal_text(v, js)}"
        if entry not in out:
            out.append(entry)


# -- IR helpers -----------------------------------------------------------------------------


def operands(e: Any, calls: list[str], depth: int = 0) -> list[str]:
    """The pending-edge refs whose data may flow into expression `e`'s value.

    A name is ``n:name`` (looked up when the body is done), a call its CALL
    node id (`calls`: the body's call table, as full ids).
    """
    if not isinstance(e, list) or not e or depth > MAX_DEPTH:
        return []
    op = e[0]
    d = depth + 1
    if op == ir.NAME:
        return [ref_name(e[1])]
    if op == ir.CALL:
        return [calls[e[1]]] if 0 <= e[1] < len(calls) else []
    if op == ir.SUB:
        # What a call computed as the index chooses the element
        # (`CHARS[Math.floor(Math.random() * n)]`); a name as index does not
        # count (every `d[key]` would be an edge).
        index = operands(e[2], calls, d) if len(e) > 2 else []
        return operands(e[1], calls, d) + [r for r in index if not r.startswith("n:")]
    if op == ir.ATTR or op == ir.STAR or op == ir.ELEM:
        return operands(e[1], calls, d)
    if op == ir.BIN:
        if e[1] in _ARITH or e[1] in _PICKS:
            return operands(e[2], calls, d) + operands(e[3], calls, d)
        return []
    if op == ir.UN:
        return operands(e[2], calls, d) if e[1] in ("-", "+", "~") else []
    if op == ir.JOIN:
        return [r for p in e[1] for r in operands(p, calls, d)]
    if op == ir.COND:
        return operands(e[2], calls, d) + operands(e[3], calls, d)
    if op == ir.SEQ:
        return [r for item in e[2] for r in operands(item, calls, d)]
    if op == ir.DICT:
        return [r for _, v in e[1] for r in operands(v, calls, d)]
    if op == ir.COMP:
        inner = operands(e[1], calls, d) + [r for g in e[2] for r in operands(g[1], calls, d)]
        bound = {ref_name(n) for g in e[2] for n in pattern_names(g[0])}
        return [r for r in inner if r not in bound]
    if op == ir.WALRUS:
        return operands(e[2], calls, d)
    if op == ir.LAMBDA and not (isinstance(e[2], list) and e[2] and e[2][0] == ir.FUNC):
        # A Python lambda's expression (`map(lambda _: random.choice(cs), ...)`):
        # what it returns, not its own parameters.
        own = {ref_name(str(n).lstrip("*")) for n in e[1]}
        return [r for r in operands(e[2], calls, d) if r not in own]
    return []


def pattern_names(t: Any) -> list[str]:
    if not isinstance(t, list) or not t:
        return []
    if t[0] == ir.NAME:
        return [t[1]]
    if t[0] == ir.SEQ:
        return [n for x in t[2] for n in pattern_names(x)]
    if t[0] == ir.DICT:
        return [n for _, x in t[1] for n in pattern_names(x)]
    if t[0] == ir.STAR:
        return pattern_names(t[1])
    return []


def root_name(e: Any) -> str | None:
    """The variable an access path starts from (`a` of `a.b[0].c`)."""
    for _ in range(MAX_DEPTH):
        if not isinstance(e, list) or not e:
            return None
        if e[0] == ir.NAME:
            return str(e[1])
        if e[0] in (ir.ATTR, ir.SUB):
            e = e[1]
        else:
            return None
    return None


def dotted(e: Any) -> str | None:
    """`a.b.c` for a NAME/ATTR chain, else None."""
    parts: list[str] = []
    for _ in range(MAX_DEPTH):
        if not isinstance(e, list) or not e:
            return None
        if e[0] == ir.NAME:
            parts.append(str(e[1]))
            return ".".join(reversed(parts))
        if e[0] == ir.ATTR:
            parts.append(str(e[2]))
            e = e[1]
        else:
            return None
    return None


def has_call(e: Any, depth: int = 0) -> bool:
    if not isinstance(e, list) or not e or depth > MAX_DEPTH:
        return False
    if e[0] == ir.CALL:
        return True
    return any(has_call(x, depth + 1) for x in ir.subexprs(e))


def mentions(e: Any, name: str, depth: int = 0) -> bool:
    if not isinstance(e, list) or not e or depth > MAX_DEPTH:
        return False
    if e[0] == ir.NAME:
        return bool(e[1] == name)
    return any(mentions(x, name, depth + 1) for x in ir.subexprs(e))


def _changed_in_place(data: bytes, name: str) -> bool:
    """Whether the file may change module object `name` other than by handing it
    to a call (a conservative reading of its text): a store at a key or
    attribute of it, a call of a method that changes a table, a
    `del`/`delete` or an `Object.assign` into it, or the object bound to
    another name (which might change it). Options handed to the call that
    reads them are still them."""
    n = re.escape(name.encode())
    return any(
        re.search(p, data) is not None
        for p in (
            rb"\b"
            + n
            + rb"\s*(?:\[[^\]\n]*\]|\.\s*[A-Za-z_$][\w$]*)\s*(?:[-+*/%&|^@]|\*\*|//|<<|>>|\?\?|\|\||&&)?=(?!=)",
            rb"\b"
            + n
            + rb"\s*\.\s*(?:update|setdefault|pop|popitem|clear|set|delete|__setitem__|__delitem__)\s*\(",
            rb"\b(?:del|delete)\s+" + n + rb"\b",
            rb"[^=!<>]=\s*" + n + rb"\s*(?:$|[;\n#/])",
            rb"Object\.assign\s*\(\s*" + n + rb"\b",
        )
    )


def _declared_global(data: bytes, name: str) -> bool:
    """Whether a Python function may rebind module-level `name` (`global name`)."""
    return re.search(rb"\bglobal\b[^\n]*\b" + re.escape(name.encode()) + rb"\b", data) is not None


def _written_anywhere(data: bytes, name: str) -> bool:
    """Whether the file may change module table `name`: changed in place
    (`_changed_in_place`), or the table handed whole to a call (which might
    change it)."""
    handed = rb"[(,]\s*(?:\*\*|\.\.\.)?" + re.escape(name.encode()) + rb"\s*[,)]"
    return _changed_in_place(data, name) or re.search(handed, data) is not None


def fold(e: Any, lookup: Callable[[str], Domain], js: bool = False, depth: int = 0) -> Domain:
    """The constant values of an IR expression (None: not constant)."""
    if not isinstance(e, list):
        return consts.const(e)
    if depth > MAX_DEPTH or not e:
        return None
    op = e[0]
    d = depth + 1
    if op == ir.NAME:
        return lookup(e[1])
    if op == ir.BIN:
        o = e[1]
        a = fold(e[2], lookup, js, d)
        if o in ("and", "&&"):
            t = consts.truth(a, js)
            return a if t is False else fold(e[3], lookup, js, d) if t is True else None
        if o in ("or", "||"):
            t = consts.truth(a, js)
            return a if t is True else fold(e[3], lookup, js, d) if t is False else None
        if o == "??":
            if a is None:
                return None
            return a if None not in a else fold(e[3], lookup, js, d)
        return consts.binop(o, a, fold(e[3], lookup, js, d), js)
    if op == ir.UN:
        return consts.unop(e[1], fold(e[2], lookup, js, d), js)
    if op == ir.JOIN:
        return consts.join_strings((fold(p, lookup, js, d) for p in e[1]), js)
    if op == ir.COND:
        t = consts.truth(fold(e[1], lookup, js, d), js)
        if t is True:
            return fold(e[2], lookup, js, d)
        if t is False:
            return fold(e[3], lookup, js, d)
        return consts.join(fold(e[2], lookup, js, d), fold(e[3], lookup, js, d))
    if op == ir.WALRUS:
        return fold(e[2], lookup, js, d)
    if op == ir.ELEM and isinstance(e[1], list) and e[1] and e[1][0] == ir.SEQ:
        acc: Domain = frozenset()
        for item in e[1][2]:
            acc = consts.join(acc, fold(item, lookup, js, d))
        return acc or None
    return None
