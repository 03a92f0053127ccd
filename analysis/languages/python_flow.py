"""Python data flow: every body to the IR of analysis/dataflow/ir.py, plus its graph edges.

Hooked into python.py with three calls: `FlowCollector(b)`, `.function(...)`
for each function the sweep opens, `.finish(...)` before the builder's.
After the sweep, each body (the module's, then every function's, outer
first) is converted once:

* the IR, kept in the file's summary (`FileAnalysis.flow`) for the dataflow
  enricher;
* a VARIABLE node (``local``) for every name a function binds (assignment,
  augmented assignment, walrus, ``for`` and ``with`` targets), so flows have
  ends with semantic ids;
* flow-insensitive edges between nodes: ``x ASSIGNED_FROM y`` for
  ``x = ...y...`` (string building, containers, attribute and subscript
  reads, calls' results), ``y FLOWS_INTO call`` for an argument or receiver
  (``{"arg": position | keyword | "receiver" | "*" | "**"}``), ``y RETURNS
  function`` for ``return``/``yield``; ``obj.x = y`` / ``obj[k] = y`` and
  mutating calls (``lst.append(y)``) flow into the object's variable, and
  ``self.x = y`` into the class attribute;
* value domains: a variable's constant values (``values``) and a call's
  constant arguments (``const_args``), folded through module constants;
  ``getattr(obj, "name")(...)`` gets ``target`` ``obj.name``,
  ``importlib.import_module("m")`` / ``__import__("m")`` get ``imports``;
  the same with a value that is not constant get ``dynamic`` (a coverage
  gap: the graph cannot see what they reach).

Expressions are converted recursively, but never deeper than `MAX_DEPTH`
levels (deeper: OPAQUE), so nesting costs bounded Python stack.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

import tree_sitter as ts

from graphwarden.analysis.dataflow import consts, ir
from graphwarden.analysis.dataflow.consts import Domain
from graphwarden.analysis.languages.base import GraphBuilder, Scope
from graphwarden.analysis.model import (
    MODULE_SCOPE,
    Edge,
    EdgeType,
    Node,
    NodeAttrs,
    NodeType,
    definition_id,
    hash_fields,
    parse_id,
    scoped_id,
)

#: Deepest expression / statement nesting converted (deeper is OPAQUE).
MAX_DEPTH = 40

#: Methods that store their arguments into their receiver.
MUTATORS = frozenset(
    {"append", "extend", "insert", "update", "setdefault", "add", "appendleft", "extendleft"}
)
_ARITH = frozenset({"+", "-", "*", "/", "//", "%", "**", "&", "|", "^", "<<", ">>", "@"})
_PICKS = frozenset({"and", "or"})
_COMPARE = {"not in": "notin", "is not": "isnot"}
_SEQ_KIND = {"list": 0, "tuple": 1, "set": 2, "expression_list": 1}
_COMPS = frozenset({"list_comprehension", "set_comprehension", "generator_expression"})
_DYNAMIC_IMPORT = frozenset({"importlib.import_module", "import_module", "__import__"})
_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "\\": "\\",
    "'": "'",
    '"': '"',
    "0": "\0",
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "v": "\v",
    "\n": "",
}


def decode_escape(text: str) -> str | None:
    """The character a Python escape sequence stands for (None: not decoded)."""
    body = text[1:]
    if body in _ESCAPES:
        return _ESCAPES[body]
    try:
        if body[:1] in ("x", "u", "U"):
            return chr(int(body[1:], 16))
        if body[:1].isdigit():
            return chr(int(body, 8))
    except ValueError:
        return None
    return None


class _Body:
    """One body being converted: its tables, then its IR."""

    __slots__ = (
        "bound",
        "call_ids",
        "call_index",
        "calls",
        "globals",
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
        "words",
    )

    def __init__(self, scope: Scope, kind: str, parent: _Body | None) -> None:
        self.scope = scope
        self.kind = kind
        self.node_id = scope.node_id
        self.id_path = scope.id_path
        self.parent = parent
        self.params: dict[str, str] = {}  # name -> PARAMETER id
        self.bound: dict[str, None] = {}  # names bound here, in order
        self.globals: set[str] = set()
        self.words: set[str] = set()
        self.calls: list[str] = []
        #: The same calls as full CALL node ids.
        self.call_ids: list[str] = []
        self.call_index: dict[str, int] = {}
        self.param_list: list[list[Any]] = []
        self.sites: list[int] = []
        self.nested: list[str] = []
        #: Edges waiting for name resolution: (type, src ref, dst ref, attrs).
        self.pending: list[tuple[EdgeType, str, str, dict[str, Any] | None]] = []
        self.stmt: ts.Node | None = None


def _ref_name(name: str) -> str:
    return "n:" + name


class FlowCollector:
    """Gathers the bodies during the sweep; converts them all in `finish`."""

    def __init__(self, b: GraphBuilder) -> None:
        self.b = b
        self.src = b.src
        self.data = b.src.data
        self.functions: list[tuple[ts.Node, Scope, Scope]] = []
        self._bodies: dict[str, _Body] = {}
        self._module_env: dict[str, Domain] = {}
        self._module_dicts: dict[str, dict[Any, str]] = {}
        self._calls: dict[str, Node] | None = None
        self._var_nodes: dict[str, Node] | None = None
        self._out: list[ir.FlowFunction] = []
        self._edges: set[tuple[str, str, str]] = set()

    def function(self, node: ts.Node, scope: Scope, parent: Scope) -> None:
        """The sweep opened function `scope` (syntax `node`) inside `parent`."""
        self.functions.append((node, scope, parent))

    # -- driver -----------------------------------------------------------------------------

    def finish(self, root: ts.Node, module: Scope) -> bytes | None:
        """Convert every body; returns the file's encoded flow facts."""
        mod = _Body(module, "MODULE", None)
        self._bodies[module.id_path] = mod
        self._emit(mod, self._block(mod, root, 0))
        for node, scope, parent in self.functions:
            # A method's free names skip the class body (as Python's do).
            owner = self._bodies.get(parent.id_path) if parent.kind != "class" else None
            if parent.kind == "class":
                path = parent.id_path
                while owner is None and "." in path:
                    path = path.rsplit(".", 1)[0]
                    owner = self._bodies.get(path)
            owner = owner or mod
            fb = _Body(scope, str(parse_id(scope.node_id).kind), owner)
            self._bodies[scope.id_path] = fb
            if owner is not mod:
                owner.nested.append(scope.id_path)
            self._params(fb, node)
            block = node.child_by_field_name("body")
            self._emit(fb, self._block(fb, block, 0) if block is not None else [])
        return ir.encode_flow(self._out)

    def _params(self, fb: _Body, node: ts.Node) -> None:
        params = node.child_by_field_name("parameters")
        file, path = self.b.file, fb.id_path
        out: list[list[Any]] = []
        keyword_only = False
        for p in params.named_children if params is not None else ():
            t = p.type
            kind = ir.P_KEYWORD if keyword_only else ir.P_POSITIONAL
            if t == "keyword_separator":
                keyword_only = True
                continue
            if t == "list_splat_pattern":
                name = "*" + self._text(p.named_children[0]) if p.named_child_count else ""
                kind, keyword_only = ir.P_VARARGS, True
            elif t == "dictionary_splat_pattern":
                name = "**" + self._text(p.named_children[0]) if p.named_child_count else ""
                kind = ir.P_KWARGS
            elif t == "identifier":
                name = self._text(p)
            elif t in ("default_parameter", "typed_default_parameter"):
                n = p.child_by_field_name("name")
                name = self._text(n) if n is not None else ""
            elif t == "typed_parameter":
                inner = p.named_children[0] if p.named_child_count else None
                if inner is not None and inner.type == "list_splat_pattern":
                    name = "*" + self._text(inner.named_children[0])
                    kind, keyword_only = ir.P_VARARGS, True
                elif inner is not None and inner.type == "dictionary_splat_pattern":
                    name = "**" + self._text(inner.named_children[0])
                    kind = ir.P_KWARGS
                else:
                    name = self._text(inner) if inner is not None else ""
            else:
                continue
            if not name:
                continue
            out.append([name, kind])
            fb.params[name.lstrip("*")] = scoped_id(file, NodeType.PARAMETER, path, name)
        fb.param_list = out

    # -- output -------------------------------------------------------------------------------

    def _emit(self, body: _Body, stmts: list[ir.Stmt]) -> None:
        for etype, src, dst, attrs in body.pending:
            s = self._resolve(body, src)
            d = self._resolve(body, dst)
            if s is None or d is None or s == d:
                continue
            key = (s, etype, d)
            if key in self._edges:
                continue
            self._edges.add(key)
            self.b.edges.append(Edge(s, etype, d, attrs))
        env = self._values(body, stmts)
        if body.kind == "MODULE":
            self._module_env = env
        if body.sites and body.kind != "MODULE":
            fn = self._node_by_id(body.node_id)
            if fn is not None:
                fn.attrs["sites"] = body.sites
        self._out.append(
            ir.FlowFunction(
                body.id_path,
                body.kind,
                body.param_list,
                stmts,
                list(body.bound),
                sorted(body.words),
                body.calls,
                body.nested,
            )
        )

    def _node_by_id(self, node_id: str) -> Node | None:
        if self._var_nodes is None or node_id not in self._var_nodes:
            self._var_nodes = {n.id: n for n in self.b.nodes if n.type != NodeType.CALL}
        return self._var_nodes.get(node_id)

    def _call_node(self, call_id: str) -> Node | None:
        if self._calls is None:
            self._calls = {n.id: n for n in self.b.nodes if n.type == NodeType.CALL}
        return self._calls.get(call_id)

    def _resolve(self, body: _Body, ref: str) -> str | None:
        """A pending edge end (a node id, or a name to look up) to a node id."""
        if not ref.startswith("n:"):
            return ref or None
        name = ref[2:]
        file = self.b.file
        b: _Body | None = body
        while b is not None:
            if b.kind == "MODULE":
                vid = definition_id(file, NodeType.VARIABLE, name)
                if self._node_by_id(vid) is not None:
                    return vid
                imp = scoped_id(file, NodeType.IMPORT, MODULE_SCOPE, name)
                return imp if imp in self.b._ids else None
            if name in b.params and name not in b.globals:
                return b.params[name]
            if name in b.bound and name not in b.globals:
                return definition_id(file, NodeType.VARIABLE, f"{b.id_path}.{name}")
            imp = scoped_id(file, NodeType.IMPORT, b.id_path, name)
            if imp in self.b._ids:
                return imp
            b = b.parent
        return None

    # -- value domains ----------------------------------------------------------------------

    def _values(self, body: _Body, stmts: list[ir.Stmt]) -> dict[str, Domain]:
        """Flow-insensitive constant values of the body's names; sets `values`, `const_args`."""
        assigns: list[tuple[str, Any]] = []
        calls: list[list[Any]] = []
        dicts: dict[str, dict[Any, str]] = {}
        _collect(stmts, assigns, calls, dicts, 0)
        outer = self._module_env if body.kind != "MODULE" else {}
        env: dict[str, Domain] = {}
        unknown: set[str] = set()
        for _ in range(2):
            env = {}
            for name, expr in assigns:
                if name in unknown:
                    continue
                lookup = _Lookup(env, outer, body, unknown)
                # A name assigned from itself (`x = x + 1`, `x += 1`) can
                # take more values than one pass sees: not constant.
                d = None if _mentions(expr, name) else fold(expr, lookup)
                if d is None:
                    unknown.add(name)
                    env.pop(name, None)
                else:
                    env[name] = consts.join(env[name], d) if name in env else d
                    if env[name] is None:
                        unknown.add(name)
                        env.pop(name, None)
        for name, dom in env.items():
            if dom is None:
                continue
            vid = (
                definition_id(self.b.file, NodeType.VARIABLE, name)
                if body.kind == "MODULE"
                else definition_id(self.b.file, NodeType.VARIABLE, f"{body.id_path}.{name}")
            )
            var = self._node_by_id(vid)
            if var is not None:
                var.attrs["values"] = sorted(consts.literal_text(v, False) for v in dom)
        if body.kind == "MODULE":
            # Dispatch tables: dicts of names assigned once (a second assignment: unknown).
            counts = Counter(n for n, _ in assigns)
            once = {n for n, c in counts.items() if c == 1}
            self._module_dicts = {k: v for k, v in dicts.items() if k in once}
        lookup = _Lookup(env, outer, body, unknown)
        for call in calls:
            node = self._call_node(body.call_ids[call[1]])
            if node is not None:
                self._call_values(node, call, lookup, body, dicts)
        return env

    def _call_values(
        self,
        node: Node,
        call: list[Any],
        lookup: _Lookup,
        body: _Body,
        dicts: dict[str, dict[Any, str]],
    ) -> None:
        _, _, func, args, kwargs = call
        entries: list[str] = []
        for i, a in enumerate(args):
            if isinstance(a, list) and a and a[0] == ir.STAR:
                break
            _const_entries(str(i), fold(a, lookup), entries)
        for kw in kwargs:
            if kw[0] is not None:
                _const_entries(kw[0], fold(kw[1], lookup), entries)
        if entries:
            node.attrs["const_args"] = entries
        callee = dotted(func)
        if callee is None:
            if isinstance(func, list) and func and func[0] == ir.CALL:
                self._getattr_target(node, func, lookup)
            elif isinstance(func, list) and func and func[0] == ir.SUB:
                self._dispatch_target(node, func, lookup, body, dicts)
            return
        if callee in _DYNAMIC_IMPORT and not _locally_bound(body, callee.split(".")[0]):
            first = fold(args[0], lookup) if args else None
            if first is not None and len(first) == 1:
                value = next(iter(first))
                if isinstance(value, str) and value and not value.startswith("."):
                    node.attrs["imports"] = value
                    return
            node.attrs["dynamic"] = True
        elif callee == "getattr" and not _locally_bound(body, "getattr") and len(args) >= 2:
            name = fold(args[1], lookup)
            if name is None or len(name) != 1 or not isinstance(next(iter(name)), str):
                node.attrs["dynamic"] = True

    def _getattr_target(self, node: Node, func: list[Any], lookup: _Lookup) -> None:
        """`getattr(obj, "name")(...)`: the call calls `obj.name`."""
        inner_func, inner_args = func[2], func[3]
        if dotted(inner_func) != "getattr" or len(inner_args) < 2:
            return
        obj = dotted(inner_args[0])
        name = fold(inner_args[1], lookup)
        if obj is None or name is None or len(name) != 1:
            return
        value = next(iter(name))
        if isinstance(value, str) and value.isidentifier():
            _retarget(node, f"{obj}.{value}", value, obj)

    def _dispatch_target(
        self,
        node: Node,
        func: list[Any],
        lookup: _Lookup,
        body: _Body,
        dicts: dict[str, dict[Any, str]],
    ) -> None:
        """`HANDLERS["key"](...)` on a dict literal of names: the call calls the named one."""
        obj = func[1]
        if not (isinstance(obj, list) and obj[0] == ir.NAME):
            return
        table = dicts.get(obj[1]) if obj[1] in body.bound else None
        if table is None and not _locally_bound(body, obj[1]):
            table = self._module_dicts.get(obj[1])
        if table is None:
            return
        key = fold(func[2], lookup)
        if key is None or len(key) != 1:
            node.attrs["dynamic"] = True
            return
        target = table.get(next(iter(key)))
        if target is not None:
            _retarget(node, target, target.rsplit(".", 1)[-1], None)

    # -- statements ---------------------------------------------------------------------------

    def _block(self, body: _Body, block: ts.Node, depth: int) -> list[ir.Stmt]:
        out: list[ir.Stmt] = []
        if depth > MAX_DEPTH:
            return out
        for stmt in block.named_children:
            self._stmt(body, stmt, out, depth)
        return out

    def _stmt(self, body: _Body, node: ts.Node, out: list[ir.Stmt], depth: int) -> None:
        t = node.type
        body.stmt = node
        if t == "expression_statement":
            for child in node.named_children:
                self._expression_statement(body, child, out, depth)
        elif t == "return_statement":
            value = node.named_children[0] if node.named_child_count else None
            e = self._expr(body, value, depth) if value is not None else None
            self._returns(body, e)
            out.append([ir.RETURN, e, self._site(body, node)])
        elif t == "if_statement":
            out.append(self._if(body, node, depth))
        elif t == "for_statement":
            target = node.child_by_field_name("left")
            it = self._expr(body, node.child_by_field_name("right"), depth)
            loop = [ir.ASSIGN, self._target(body, target, [ir.ELEM, it], target), [ir.ELEM, it]]
            inner = [loop, *self._suite(body, node.child_by_field_name("body"), depth)]
            out.append([ir.LOOP, None, inner, self._alternative(body, node, depth)])
        elif t == "while_statement":
            test = self._expr(body, node.child_by_field_name("condition"), depth)
            inner = self._suite(body, node.child_by_field_name("body"), depth)
            out.append([ir.LOOP, test, inner, self._alternative(body, node, depth)])
        elif t == "try_statement":
            out.append(self._try(body, node, depth))
        elif t == "with_statement":
            self._with(body, node, out, depth)
        elif t == "match_statement":
            out.append(self._match(body, node, depth))
        elif t == "raise_statement":
            for child in node.named_children:
                e = self._expr(body, child, depth)
                if _has_call(e):
                    out.append([ir.EXPR, e])
            out.append([ir.STOP])
        elif t == "decorated_definition":
            for child in node.named_children:
                if child.type == "decorator" and child.named_child_count:
                    e = self._expr(body, child.named_children[0], depth)
                    if _has_call(e):
                        out.append([ir.EXPR, e])
                elif child.type == "function_definition":
                    self._nested_def(body, child, out)
        elif t == "function_definition":
            self._nested_def(body, node, out)
        elif t in ("global_statement", "nonlocal_statement"):
            for child in node.named_children:
                if child.type == "identifier":
                    body.globals.add(self._text(child))
        elif t == "assert_statement":
            for child in node.named_children:
                e = self._expr(body, child, depth)
                if _has_call(e):
                    out.append([ir.EXPR, e])
        elif t == "delete_statement" or t == "print_statement" or t == "exec_statement":
            pass

    def _nested_def(self, body: _Body, node: ts.Node, out: list[ir.Stmt]) -> None:
        name_node = node.child_by_field_name("name")
        if name_node is None or body.kind == "MODULE":
            return
        name = self._text(name_node)
        out.append([ir.ASSIGN, [ir.NAME, name], [ir.FUNC, f"{body.id_path}.{name}"]])

    def _suite(self, body: _Body, block: ts.Node | None, depth: int) -> list[ir.Stmt]:
        return self._block(body, block, depth + 1) if block is not None else []

    def _alternative(self, body: _Body, node: ts.Node, depth: int) -> list[ir.Stmt]:
        alt = node.child_by_field_name("alternative")
        if alt is None:
            return []
        return self._suite(body, alt.child_by_field_name("body"), depth)

    def _if(self, body: _Body, node: ts.Node, depth: int) -> ir.Stmt:
        test = self._expr(body, node.child_by_field_name("condition"), depth)
        then = self._suite(body, node.child_by_field_name("consequence"), depth)
        alts = node.children_by_field_name("alternative")
        return [ir.IF, test, then, self._elifs(body, alts, 0, depth + 1)]

    def _elifs(self, body: _Body, alts: list[ts.Node], i: int, depth: int) -> list[ir.Stmt]:
        if i >= len(alts) or depth > MAX_DEPTH:
            return []
        alt = alts[i]
        if alt.type == "else_clause":
            return self._suite(body, alt.child_by_field_name("body"), depth)
        test = self._expr(body, alt.child_by_field_name("condition"), depth)
        then = self._suite(body, alt.child_by_field_name("consequence"), depth)
        return [[ir.IF, test, then, self._elifs(body, alts, i + 1, depth + 1)]]

    def _try(self, body: _Body, node: ts.Node, depth: int) -> ir.Stmt:
        main = self._suite(body, node.child_by_field_name("body"), depth)
        handlers: list[list[ir.Stmt]] = []
        orelse: list[ir.Stmt] = []
        final: list[ir.Stmt] = []
        for child in node.named_children:
            if child.type in ("except_clause", "except_group_clause"):
                h: list[ir.Stmt] = []
                for part in child.named_children:
                    if part.type == "as_pattern":
                        alias = part.child_by_field_name("alias")
                        if alias is not None and alias.named_child_count:
                            target = self._target(body, alias.named_children[0], ir.UNKNOWN, child)
                            h.append([ir.ASSIGN, target, ir.UNKNOWN])
                    elif part.type == "block":
                        h.extend(self._block(body, part, depth + 1))
                handlers.append(h)
            elif child.type == "else_clause":
                orelse = self._suite(body, child.child_by_field_name("body"), depth)
            elif child.type == "finally_clause":
                for part in child.named_children:
                    if part.type == "block":
                        final = self._block(body, part, depth + 1)
        return [ir.TRY, main, handlers, orelse, final]

    def _with(self, body: _Body, node: ts.Node, out: list[ir.Stmt], depth: int) -> None:
        for clause in node.named_children:
            if clause.type != "with_clause":
                continue
            for item in clause.named_children:
                value = item.child_by_field_name("value")
                if value is None:
                    continue
                if value.type == "as_pattern":
                    inner = value.named_children[0] if value.named_child_count else None
                    e = self._expr(body, inner, depth)
                    alias = value.child_by_field_name("alias")
                    if alias is not None and alias.named_child_count:
                        target = self._target(body, alias.named_children[0], e, item)
                        out.append([ir.ASSIGN, target, e])
                    else:
                        out.append([ir.EXPR, e])
                else:
                    out.append([ir.EXPR, self._expr(body, value, depth)])
        out.extend(self._suite(body, node.child_by_field_name("body"), depth))

    def _match(self, body: _Body, node: ts.Node, depth: int) -> ir.Stmt:
        subject = self._expr(body, node.child_by_field_name("subject"), depth)
        block = node.child_by_field_name("body")
        cases = block.named_children if block is not None else []
        chain: list[ir.Stmt] = []
        for case in reversed([c for c in cases if c.type == "case_clause"]):
            consequence = self._suite(body, case.child_by_field_name("consequence"), depth)
            patterns = [c for c in case.named_children if c.type == "case_pattern"]
            test: Any = ir.UNKNOWN
            values: list[Any] = []
            wildcard = False
            for p in patterns:
                text = self._text(p)
                if text == "_":
                    wildcard = True
                    break
                v = self._literal(p.named_children[0]) if p.named_child_count == 1 else _NOT
                if v is _NOT:
                    values = []
                    break
                values.append(v)
            if wildcard and not case.child_by_field_name("guard"):
                chain = consequence
                continue
            if values:
                test = [ir.BIN, "==", subject, values[0]]
                for v in values[1:]:
                    test = [ir.BIN, "or", test, [ir.BIN, "==", subject, v]]
            chain = [[ir.IF, test, consequence, chain]]
        return chain[0] if len(chain) == 1 else [ir.IF, True, chain, []]

    def _expression_statement(
        self, body: _Body, node: ts.Node, out: list[ir.Stmt], depth: int
    ) -> None:
        t = node.type
        if t == "assignment":
            self._assignment(body, node, out, depth)
        elif t == "augmented_assignment":
            left = node.child_by_field_name("left")
            right = self._expr(body, node.child_by_field_name("right"), depth)
            op_node = node.child_by_field_name("operator")
            op = self._text(op_node)[:-1] if op_node is not None else "+"
            target = self._target(body, left, right, body.stmt)
            out.append([ir.AUG, op, target, right])
        elif t == "yield":
            value = node.named_children[0] if node.named_child_count else None
            if value is not None and value.type == "expression_list":
                value = None
            e = self._expr(body, value, depth) if value is not None else None
            self._returns(body, e)
            out.append([ir.YIELD, e, self._site(body, node)])
        else:
            e = self._expr(body, node, depth)
            if isinstance(e, list) and e[0] != ir.NAME and e[0] != ir.OPAQUE:
                out.append([ir.EXPR, e])

    def _assignment(self, body: _Body, node: ts.Node, out: list[ir.Stmt], depth: int) -> None:
        targets = [node.child_by_field_name("left")]
        right = node.child_by_field_name("right")
        while right is not None and right.type == "assignment":  # a = b = value
            targets.append(right.child_by_field_name("left"))
            right = right.child_by_field_name("right")
        if right is None:
            return  # an annotation without a value
        if right.type == "yield":
            value = right.named_children[0] if right.named_child_count else None
            ye = self._expr(body, value, depth) if value is not None else None
            self._returns(body, ye)
            out.append([ir.YIELD, ye, self._site(body, right)])
            e: Any = ir.UNKNOWN
        else:
            e = self._expr(body, right, depth)
        for left in targets:
            if left is None:
                continue
            target = self._target(body, left, e, node)
            if target[0] in (ir.ATTR, ir.SUB):
                out.append([ir.ASSIGN, target, e, self._site(body, node)])
            else:
                out.append([ir.ASSIGN, target, e])

    # -- targets and their edges ----------------------------------------------------------------

    def _target(self, body: _Body, node: ts.Node | None, value: Any, stmt: ts.Node | None) -> Any:
        """An assignment target's IR; binds its names and records its flow edges."""
        if node is None:
            return ir.UNKNOWN
        t = node.type
        if t == "identifier":
            name = self._text(node)
            self._bind(body, name, node, stmt)
            for ref in operands(value, body.call_ids):
                body.pending.append((EdgeType.ASSIGNED_FROM, _ref_name(name), ref, None))
            return [ir.NAME, name]
        if t in ("pattern_list", "tuple_pattern", "list_pattern", "tuple", "list"):
            items = [c for c in node.named_children if c.type != "comment"]
            pairwise = (
                isinstance(value, list)
                and value[0] == ir.SEQ
                and len(value[2]) == len(items)
                and not any(isinstance(v, list) and v[0] == ir.STAR for v in value[2])
            )
            out = []
            for i, item in enumerate(items):
                sub = value[2][i] if pairwise else [ir.ELEM, value]
                if item.type in ("list_splat_pattern", "list_splat"):
                    inner = item.named_children[0] if item.named_child_count else None
                    out.append([ir.STAR, self._target(body, inner, value, stmt)])
                else:
                    out.append(self._target(body, item, sub, stmt))
            return [ir.SEQ, 1, out]
        if t == "attribute":
            obj = self._expr(body, node.child_by_field_name("object"), 0)
            attr = self._text(node.child_by_field_name("attribute"))
            body.words.add(attr)
            self._store_edges(body, obj, attr, value)
            return [ir.ATTR, obj, attr]
        if t == "subscript":
            obj = self._expr(body, node.child_by_field_name("value"), 0)
            keys = node.children_by_field_name("subscript")
            key = self._expr(body, keys[0], 0) if len(keys) == 1 else ir.UNKNOWN
            self._store_edges(body, obj, None, value)
            return [ir.SUB, obj, key]
        if t == "parenthesized_expression" and node.named_child_count:
            return self._target(body, node.named_children[0], value, stmt)
        return ir.UNKNOWN

    def _store_edges(self, body: _Body, obj: Any, attr: str | None, value: Any) -> None:
        """`obj.attr = value` / `obj[k] = value`: the value flows into obj's variable."""
        root = root_name(obj)
        if root is None:
            return
        dst = _ref_name(root)
        if (
            attr is not None
            and obj == [ir.NAME, "self"]
            and body.kind == "METHOD"
            and "." in body.id_path
        ):
            cls_path = body.id_path.rsplit(".", 1)[0]
            dst = definition_id(self.b.file, NodeType.VARIABLE, f"{cls_path}.{attr}")
        for ref in operands(value, body.call_ids):
            body.pending.append((EdgeType.ASSIGNED_FROM, dst, ref, None))

    def _bind(self, body: _Body, name: str, target: ts.Node, stmt: ts.Node | None) -> None:
        if name in body.globals or name in body.bound:
            return
        body.bound[name] = None
        if body.kind == "MODULE" or name in body.params:
            return
        self.b.add_variable(
            stmt if stmt is not None else target, target, body.scope, name, {"local": True}
        )

    def _returns(self, body: _Body, e: Any) -> None:
        if body.kind == "MODULE" or e is None:
            return
        for ref in operands(e, body.call_ids):
            body.pending.append((EdgeType.RETURNS, ref, body.node_id, None))

    def _site(self, body: _Body, node: ts.Node) -> int:
        if body.kind == "MODULE":
            return -1
        body.sites.extend(self.src.range_of(node))
        return len(body.sites) // 4 - 1

    # -- expressions ----------------------------------------------------------------------------

    def _expr(self, body: _Body, node: ts.Node | None, depth: int) -> Any:
        if node is None or depth > MAX_DEPTH:
            return ir.UNKNOWN
        t = node.type
        d = depth + 1
        if t == "identifier":
            name = self._text(node)
            body.words.add(name)
            return [ir.NAME, name]
        if t == "attribute":
            attr = self._text(node.child_by_field_name("attribute"))
            body.words.add(attr)
            return [ir.ATTR, self._expr(body, node.child_by_field_name("object"), d), attr]
        if t == "call":
            return self._call(body, node, d)
        if t == "string" or t == "concatenated_string":
            return self._string(body, node, d)
        if t == "integer" or t == "float" or t in ("true", "false", "none"):
            v = self._literal(node)
            return ir.UNKNOWN if v is _NOT else v
        if t == "subscript":
            keys = node.children_by_field_name("subscript")
            if len(keys) == 1:
                key = self._expr(body, keys[0], d) if keys[0].type != "slice" else ir.UNKNOWN
            else:
                key = ir.UNKNOWN
            return [ir.SUB, self._expr(body, node.child_by_field_name("value"), d), key]
        if t == "binary_operator":
            op_node = node.child_by_field_name("operator")
            op = self._text(op_node) if op_node is not None else "?"
            left = self._expr(body, node.child_by_field_name("left"), d)
            right = self._expr(body, node.child_by_field_name("right"), d)
            return [ir.BIN, op, left, right]
        if t == "boolean_operator":
            op_node = node.child_by_field_name("operator")
            op = self._text(op_node) if op_node is not None else "and"
            left = self._expr(body, node.child_by_field_name("left"), d)
            right = self._expr(body, node.child_by_field_name("right"), d)
            return [ir.BIN, op, left, right]
        if t == "comparison_operator":
            return self._comparison(body, node, d)
        if t == "not_operator":
            return [ir.UN, "not", self._expr(body, node.child_by_field_name("argument"), d)]
        if t == "unary_operator":
            op_node = node.child_by_field_name("operator")
            op = self._text(op_node) if op_node is not None else "-"
            return [ir.UN, op, self._expr(body, node.child_by_field_name("argument"), d)]
        if t == "parenthesized_expression":
            inner = [c for c in node.named_children if c.type != "comment"]
            return self._expr(body, inner[0], d) if len(inner) == 1 else ir.UNKNOWN
        if t == "conditional_expression":
            parts = [c for c in node.named_children if c.type != "comment"]
            if len(parts) != 3:
                return ir.UNKNOWN
            a, test, b = (self._expr(body, p, d) for p in parts)
            return [ir.COND, test, a, b]
        if t in _SEQ_KIND:
            items = [self._item(body, c, d) for c in node.named_children if c.type != "comment"]
            return [ir.SEQ, _SEQ_KIND[t], items]
        if t == "dictionary":
            pairs: list[list[Any]] = []
            for c in node.named_children:
                if c.type == "pair":
                    k = self._expr(body, c.child_by_field_name("key"), d)
                    v = self._expr(body, c.child_by_field_name("value"), d)
                    pairs.append([k, v])
                elif c.type == "dictionary_splat" and c.named_child_count:
                    pairs.append([None, self._expr(body, c.named_children[0], d)])
            return [ir.DICT, pairs]
        if t in _COMPS or t == "dictionary_comprehension":
            return self._comprehension(body, node, d)
        if t == "lambda":
            return self._lambda(body, node, d)
        if t == "await":
            inner = [c for c in node.named_children if c.type != "comment"]
            return self._expr(body, inner[0], d) if inner else ir.UNKNOWN
        if t == "named_expression":
            name_node = node.child_by_field_name("name")
            value = self._expr(body, node.child_by_field_name("value"), d)
            if name_node is None:
                return value
            target = self._target(body, name_node, value, body.stmt)
            return [ir.WALRUS, target, value]
        if t in ("list_splat", "dictionary_splat") and node.named_child_count:
            return [ir.STAR, self._expr(body, node.named_children[0], d)]
        return ir.UNKNOWN

    def _item(self, body: _Body, node: ts.Node, depth: int) -> Any:
        if node.type == "list_splat" and node.named_child_count:
            return [ir.STAR, self._expr(body, node.named_children[0], depth)]
        return self._expr(body, node, depth)

    def _comparison(self, body: _Body, node: ts.Node, depth: int) -> Any:
        operands_ = [c for c in node.named_children if c.type != "comment"]
        ops = []
        for c in node.children:
            if not c.is_named:
                ops.append(self._text(c))
        # "not in" / "is not" come as two tokens.
        merged: list[str] = []
        for op in ops:
            if merged and (merged[-1], op) in (("not", "in"), ("is", "not")):
                merged[-1] = _COMPARE[f"{merged[-1]} {op}"]
            else:
                merged.append(op)
        exprs = [self._expr(body, c, depth) for c in operands_]
        if len(exprs) < 2 or len(merged) != len(exprs) - 1:
            return ir.UNKNOWN
        out: Any = [ir.BIN, merged[0], exprs[0], exprs[1]]
        for i in range(1, len(merged)):
            out = [ir.BIN, "and", out, [ir.BIN, merged[i], exprs[i], exprs[i + 1]]]
        return out

    def _comprehension(self, body: _Body, node: ts.Node, depth: int) -> Any:
        body_node = node.child_by_field_name("body")
        if body_node is not None and body_node.type == "pair":
            elt: Any = [
                ir.DICT,
                [
                    [
                        self._expr(body, body_node.child_by_field_name("key"), depth),
                        self._expr(body, body_node.child_by_field_name("value"), depth),
                    ]
                ],
            ]
        else:
            elt = self._expr(body, body_node, depth)
        gens: list[list[Any]] = []
        for c in node.named_children:
            if c.type == "for_in_clause":
                it = self._expr(body, c.child_by_field_name("right"), depth)
                target = _pattern(self, c.child_by_field_name("left"))
                gens.append([target, it, []])
            elif c.type == "if_clause" and gens and c.named_child_count:
                gens[-1][2].append(self._expr(body, c.named_children[0], depth))
        return [ir.COMP, elt, gens]

    def _lambda(self, body: _Body, node: ts.Node, depth: int) -> Any:
        params = node.child_by_field_name("parameters")
        names = []
        for p in params.named_children if params is not None else ():
            if p.type == "identifier":
                names.append(self._text(p))
            elif p.type == "default_parameter":
                n = p.child_by_field_name("name")
                if n is not None:
                    names.append(self._text(n))
        return [ir.LAMBDA, names, self._expr(body, node.child_by_field_name("body"), depth)]

    def _call(self, body: _Body, node: ts.Node, depth: int) -> Any:
        call_id = self.b.call_ids.get((node.start_byte, node.end_byte))
        func = self._expr(body, node.child_by_field_name("function"), depth)
        args_node = node.child_by_field_name("arguments")
        args: list[Any] = []
        kwargs: list[list[Any]] = []
        if args_node is not None:
            if args_node.type == "generator_expression":
                args.append(self._expr(body, args_node, depth))
            else:
                for a in args_node.named_children:
                    at = a.type
                    if at == "keyword_argument":
                        kw = self._text(a.child_by_field_name("name"))
                        kwargs.append([kw, self._expr(body, a.child_by_field_name("value"), depth)])
                    elif at == "list_splat" and a.named_child_count:
                        args.append([ir.STAR, self._expr(body, a.named_children[0], depth)])
                    elif at == "dictionary_splat" and a.named_child_count:
                        kwargs.append([None, self._expr(body, a.named_children[0], depth)])
                    elif at != "comment":
                        args.append(self._expr(body, a, depth))
        if call_id is None:
            return ir.UNKNOWN
        local = call_id.split("->", 2)[-1]
        idx = body.call_index.get(local)
        if idx is None:
            idx = body.call_index[local] = len(body.calls)
            body.calls.append(local)
            body.call_ids.append(call_id)
        self._call_edges(body, call_id, func, args, kwargs)
        return [ir.CALL, idx, func, args, kwargs]

    def _call_edges(
        self, body: _Body, call_id: str, func: Any, args: list[Any], kwargs: list[list[Any]]
    ) -> None:
        pending = body.pending
        for i, a in enumerate(args):
            slot = "*" if isinstance(a, list) and a[0] == ir.STAR else str(i)
            for ref in operands(a, body.call_ids):
                pending.append((EdgeType.FLOWS_INTO, ref, call_id, {"arg": slot}))
        for kw, value in kwargs:
            for ref in operands(value, body.call_ids):
                pending.append((EdgeType.FLOWS_INTO, ref, call_id, {"arg": kw or "**"}))
        if isinstance(func, list) and func[0] == ir.ATTR:
            for ref in operands(func[1], body.call_ids):
                pending.append((EdgeType.FLOWS_INTO, ref, call_id, {"arg": "receiver"}))
            if func[2] in MUTATORS:
                root = root_name(func[1])
                if root is not None:
                    for a in [*args, *(v for _, v in kwargs)]:
                        for ref in operands(a, body.call_ids):
                            pending.append((EdgeType.ASSIGNED_FROM, _ref_name(root), ref, None))

    # -- literals ---------------------------------------------------------------------------------

    def _string(self, body: _Body | None, node: ts.Node, depth: int) -> Any:
        if node.type == "concatenated_string":
            parts = [
                self._string(body, c, depth) for c in node.named_children if c.type == "string"
            ]
            if all(not isinstance(p, list) for p in parts):
                if all(isinstance(p, str) for p in parts):
                    return "".join(parts)
                return ir.UNKNOWN
            flat: list[Any] = []
            for p in parts:
                if isinstance(p, list) and p[0] == ir.JOIN:
                    flat.extend(p[1])
                else:
                    flat.append(p)
            return [ir.JOIN, flat]
        start = node.children[0] if node.child_count else None
        prefix = self._text(start).lower() if start is not None else ""
        raw = "r" in prefix
        if "b" in prefix:
            return ir.UNKNOWN  # bytes: not a str constant
        pieces: list[Any] = []
        text: list[str] = []
        data = self.data
        for c in node.children:
            ct = c.type
            if ct == "string_content":
                if raw or not c.named_child_count:
                    text.append(data[c.start_byte : c.end_byte].decode("utf-8", "replace"))
                    continue
                pos = c.start_byte
                for esc in c.named_children:
                    text.append(data[pos : esc.start_byte].decode("utf-8", "replace"))
                    seq = data[esc.start_byte : esc.end_byte].decode("utf-8", "replace")
                    ch = decode_escape(seq) if esc.type == "escape_sequence" else None
                    text.append(ch if ch is not None else seq)
                    pos = esc.end_byte
                text.append(data[pos : c.end_byte].decode("utf-8", "replace"))
            elif ct == "interpolation":
                if body is None:
                    return ir.UNKNOWN
                if text:
                    pieces.append("".join(text))
                    text = []
                expr = c.child_by_field_name("expression")
                pieces.append(self._expr(body, expr, depth))
        if not pieces:
            return "".join(text)
        if text:
            pieces.append("".join(text))
        return [ir.JOIN, pieces]

    def _literal(self, node: ts.Node) -> Any:
        t = node.type
        if t == "true":
            return True
        if t == "false":
            return False
        if t == "none":
            return None
        text = self._text(node).replace("_", "")
        try:
            if t == "integer":
                if text.lower().endswith(("j", "l")):
                    return _NOT
                return int(text, 0) if text[:2].lower() in ("0x", "0o", "0b") else int(text)
            if t == "float":
                if text.lower().endswith("j"):
                    return _NOT
                return float(text)
        except ValueError:
            return _NOT
        if t in ("string", "concatenated_string"):
            v = self._string(None, node, 0)
            return v if isinstance(v, str) else _NOT
        if t == "unary_operator" and node.named_child_count:
            inner = self._literal(node.named_children[-1])
            return (
                -inner if isinstance(inner, int | float) and self._text(node)[:1] == "-" else _NOT
            )
        return _NOT

    def _text(self, node: ts.Node | None) -> str:
        if node is None:
            return ""
        return self.data[node.start_byte : node.end_byte].decode("utf-8", "replace")


#: "Not a literal" (None is a literal).
_NOT: Any = object()


def _pattern(fc: FlowCollector, node: ts.Node | None) -> Any:
    """A comprehension's loop target (binds no VARIABLE node: it lives in the comprehension)."""
    if node is None:
        return ir.UNKNOWN
    if node.type == "identifier":
        return [ir.NAME, fc._text(node)]
    if node.type in ("pattern_list", "tuple_pattern", "list_pattern", "tuple", "list"):
        return [ir.SEQ, 1, [_pattern(fc, c) for c in node.named_children if c.type != "comment"]]
    return ir.UNKNOWN


def _retarget(node: Node, target: str, name: str, receiver: str | None) -> None:
    node.attrs["target"] = target
    callee = node.attrs.get("callee")
    args = node.attrs.get("args")
    node.name = name
    if receiver is not None:
        node.attrs["receiver"] = receiver
    node.signature_hash = hash_fields(NodeType.CALL, name, callee, args, target)


def _locally_bound(body: _Body, name: str) -> bool:
    """Bound by a function around the call (module-level names do not count)."""
    b: _Body | None = body
    while b is not None and b.kind != "MODULE":
        if name in b.bound or name in b.params:
            return True
        b = b.parent
    return False


def _const_entries(key: str, dom: Domain, out: list[str]) -> None:
    if dom is None:
        return
    for v in sorted(dom, key=repr):
        if isinstance(v, str) and len(v) > 200:
            continue
        out.append(f"{key}={consts.literal_text(v, False)}")


# -- IR helpers shared with the JavaScript front end --------------------------------------


def operands(e: Any, calls: list[str], depth: int = 0) -> list[str]:
    """The pending-edge refs whose data may flow into expression `e`'s value.

    A name is ``n:name`` (looked up when the body is done), a call its CALL
    node id (`calls`: the body's call table, as full ids).
    """
    if not isinstance(e, list) or depth > MAX_DEPTH:
        return []
    op = e[0]
    d = depth + 1
    if op == ir.NAME:
        return [_ref_name(e[1])]
    if op == ir.CALL:
        return [calls[e[1]]] if e[1] < len(calls) else []
    if op == ir.ATTR or op == ir.SUB or op == ir.STAR or op == ir.ELEM:
        return operands(e[1], calls, d)
    if op == ir.BIN:
        if e[1] in _ARITH or e[1] in _PICKS or e[1] in ("??", "||", "&&"):
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
        bound = {_ref_name(n) for g in e[2] for n in _pattern_names(g[0])}
        return [r for r in inner if r not in bound]
    if op == ir.WALRUS:
        return operands(e[2], calls, d)
    return []


def _pattern_names(t: Any) -> list[str]:
    if not isinstance(t, list):
        return []
    if t[0] == ir.NAME:
        return [t[1]]
    if t[0] == ir.SEQ:
        return [n for x in t[2] for n in _pattern_names(x)]
    return []


def root_name(e: Any) -> str | None:
    """The variable an access path starts from (`a` of `a.b[0].c`)."""
    for _ in range(MAX_DEPTH):
        if not isinstance(e, list):
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
        if not isinstance(e, list):
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


def _has_call(e: Any, depth: int = 0) -> bool:
    if not isinstance(e, list) or not e or depth > MAX_DEPTH:
        return False
    if e[0] == ir.CALL:
        return True
    return any(_has_call(x, depth + 1) for x in ir.subexprs(e))


def _mentions(e: Any, name: str, depth: int = 0) -> bool:
    if not isinstance(e, list) or not e or depth > MAX_DEPTH:
        return False
    if e[0] == ir.NAME:
        return bool(e[1] == name)
    return any(_mentions(x, name, depth + 1) for x in ir.subexprs(e))


class _Lookup:
    """Names to domains while folding a body's constants."""

    __slots__ = ("body", "env", "outer", "unknown")

    def __init__(
        self, env: dict[str, Domain], outer: dict[str, Domain], body: _Body, unknown: set[str]
    ) -> None:
        self.env = env
        self.outer = outer
        self.body = body
        self.unknown = unknown

    def __call__(self, name: str) -> Domain:
        if name in self.env:
            return self.env[name]
        b = self.body
        if name in b.bound or name in b.params or name in self.unknown:
            return None
        return self.outer.get(name)


def fold(e: Any, lookup: Any, js: bool = False, depth: int = 0) -> Domain:
    """The constant values of an IR expression (None: not constant)."""
    if not isinstance(e, list):
        return consts.const(e)
    if depth > MAX_DEPTH:
        return None
    op = e[0]
    d = depth + 1
    if op == ir.NAME:
        r: Domain = lookup(e[1])
        return r
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
    if op == ir.ELEM and isinstance(e[1], list) and e[1][0] == ir.SEQ:
        acc: Domain = frozenset()
        for item in e[1][2]:
            acc = consts.join(acc, fold(item, lookup, js, d))
        return acc or None
    return None


def _collect(
    stmts: Iterable[Any],
    assigns: list[tuple[str, Any]],
    calls: list[list[Any]],
    dicts: dict[str, dict[Any, str]],
    depth: int,
) -> None:
    """Name assignments (for domains), calls (for constant arguments) and dict tables."""
    if depth > MAX_DEPTH:
        return
    for s in stmts:
        op = s[0]
        if op == ir.ASSIGN:
            target, value = s[1], s[2]
            _target_assigns(target, value, assigns)
            if target[0] == ir.NAME and isinstance(value, list) and value[0] == ir.DICT:
                table = {}
                for k, v in value[1]:
                    if (
                        isinstance(v, list)
                        and v[0] in (ir.NAME, ir.ATTR)
                        and not isinstance(k, list)
                    ):
                        name = dotted(v)
                        if name is not None:
                            table[k] = name
                dicts[target[1]] = table
            _calls_in(value, calls, 0)
            if target[0] in (ir.ATTR, ir.SUB):
                _calls_in(target, calls, 0)
        elif op == ir.AUG:
            if s[2][0] == ir.NAME:
                assigns.append((s[2][1], [ir.BIN, s[1], [ir.NAME, s[2][1]], s[3]]))
            _calls_in(s[3], calls, 0)
        elif op in (ir.EXPR,) or op in (ir.RETURN, ir.YIELD):
            _calls_in(s[1], calls, 0)
        elif op == ir.IF or op == ir.LOOP:
            _calls_in(s[1], calls, 0)
            _collect(s[2], assigns, calls, dicts, depth + 1)
            _collect(s[3], assigns, calls, dicts, depth + 1)
        elif op == ir.TRY:
            _collect(s[1], assigns, calls, dicts, depth + 1)
            for h in s[2]:
                _collect(h, assigns, calls, dicts, depth + 1)
            _collect(s[3], assigns, calls, dicts, depth + 1)
            _collect(s[4], assigns, calls, dicts, depth + 1)
        elif op == ir.STORE:
            _calls_in(s[3], calls, 0)


def _target_assigns(target: Any, value: Any, out: list[tuple[str, Any]]) -> None:
    if not isinstance(target, list):
        return
    if target[0] == ir.NAME:
        out.append((target[1], value))
    elif target[0] == ir.SEQ:
        pairwise = (
            isinstance(value, list) and value[0] == ir.SEQ and len(value[2]) == len(target[2])
        )
        for i, t in enumerate(target[2]):
            if isinstance(t, list) and t[0] == ir.STAR:
                _target_assigns(t[1], ir.UNKNOWN, out)
            else:
                _target_assigns(t, value[2][i] if pairwise else ir.UNKNOWN, out)
    elif target[0] == ir.DICT:
        for _, t in target[1]:
            _target_assigns(t, ir.UNKNOWN, out)


def _calls_in(e: Any, out: list[list[Any]], depth: int) -> None:
    if not isinstance(e, list) or not e or depth > MAX_DEPTH:
        return
    if e[0] == ir.CALL:
        out.append(e)
    for x in ir.subexprs(e):
        _calls_in(x, out, depth + 1)


__all__ = [
    "MAX_DEPTH",
    "FlowCollector",
    "NodeAttrs",
    "dotted",
    "fold",
    "operands",
    "root_name",
]
