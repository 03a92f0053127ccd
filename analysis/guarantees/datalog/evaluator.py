"""Bottom-up evaluation of validated Datalog programs against a graph snapshot.

The extensional predicates (node, edge, attr, path) are never materialised
as a whole: each body literal is answered from the store's indexes for the
arguments already bound (type index for `node(X, "CALL")`, outgoing or
incoming edge prefix scans when one end is bound, the name index for
`attr(X, "name", "eval")`). Helper predicates are computed stratum by
stratum, semi-naively when recursive. Datalog without function symbols
always terminates, but a big graph can still produce huge relations, so
every relation and every intermediate join is capped (`LimitExceeded`).
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from graphwarden.analysis.guarantees.datalog.parser import (
    QUERY_HEAD,
    Atom,
    Const,
    Literal,
    Program,
    Rule,
    Var,
    parse_query,
    typed_variables,
)
from graphwarden.analysis.model import EdgeType, Node, NodeType
from graphwarden.analysis.store import Snapshot

#: A callee that is a plain dotted name (`pickle.loads`): its last segment is
#: the call's name. Anything else (`f(a.b)`, `x[0]`) is named as a whole.
_DOTTED = re.compile(r"^[\w$]+(\.[\w$]+)*$")

#: Most tuples one relation, one join step or one path search may hold.
DEFAULT_LIMIT = 2_000_000
#: Types the store's name index covers (definitions and exports).
_EDGE_TYPES = frozenset(EdgeType)
_NODE_TYPES = tuple(NodeType)

Binding = dict[str, str]


class LimitExceeded(Exception):
    """A relation or join grew past the cap: the rule is too broad for this graph."""


def _value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def node_facts(node: Node) -> list[tuple[str, str]]:
    """attr/3 facts of one node: name, file, type and its attributes.

    Positions ("sel") are not facts: rules must not depend on line numbers.
    A list gives one fact per element; a table gives `key.sub` facts.
    """
    out = [("name", node.name), ("file", node.file), ("type", node.type)]
    for k, v in node.attrs.items():
        if k == "sel" or v is None:
            continue
        if isinstance(v, list | tuple):
            out.extend((k, _value(e)) for e in v if not isinstance(e, list | dict))
        elif isinstance(v, dict):
            out.extend((f"{k}.{sk}", _value(sv)) for sk, sv in v.items())
        else:
            out.append((k, _value(v)))
    return out


def has_attr(node: Node, key: str, value: str) -> bool:
    """attr(node, key, value) holds (same facts as `node_facts`, without building them)."""
    if key == "name":
        return node.name == value
    if key == "file":
        return node.file == value
    if key == "type":
        return node.type == value
    if key == "sel":
        return False
    v = node.attrs.get(key)
    if v is None:
        if "." in key:
            head, _, sub = key.partition(".")
            d = node.attrs.get(head)
            return isinstance(d, dict) and sub in d and _value(d[sub]) == value
        return False
    if isinstance(v, list | tuple):
        return any(not isinstance(e, list | dict) and _value(e) == value for e in v)
    if isinstance(v, dict):
        return False
    return _value(v) == value


class GraphFacts:
    """Index-backed access to the extensional predicates, cached per snapshot.

    One instance serves every rule checked against one snapshot, so rules
    that scan the same node type share the decoding work.
    """

    def __init__(self, snapshot: Snapshot, limit: int = DEFAULT_LIMIT) -> None:
        self.snap = snapshot
        self.limit = limit
        self._nodes: dict[str, Node | None] = {}
        self._by_type: dict[str, list[Node]] = {}
        self._all_nodes: list[Node] | None = None
        self._edges_by_type: dict[str | None, list[tuple[str, str, str]]] = {}
        self._reach: dict[tuple[str, str | None, bool], set[str]] = {}
        self._facts: dict[str, list[tuple[str, str]]] = {}
        #: How many store lookups were made (for tests and statistics).
        self.lookups = 0

    # -- nodes -------------------------------------------------------------------------

    def node(self, node_id: str) -> Node | None:
        if node_id not in self._nodes:
            self.lookups += 1
            self._nodes[node_id] = self.snap.node(node_id)
        return self._nodes[node_id]

    def of_type(self, type_: str) -> list[Node]:
        nodes = self._by_type.get(type_)
        if nodes is None:
            if type_ not in _NODE_TYPES:
                nodes = []
            else:
                self.lookups += 1
                nodes = list(self.snap.nodes_of_type(type_))
                for n in nodes:
                    self._nodes[n.id] = n
            self._by_type[type_] = nodes
        return nodes

    def all_nodes(self) -> list[Node]:
        if self._all_nodes is None:
            self._all_nodes = [n for t in _NODE_TYPES for n in self.of_type(t)]
        return self._all_nodes

    def facts(self, node: Node) -> list[tuple[str, str]]:
        f = self._facts.get(node.id)
        if f is None:
            f = self._facts[node.id] = node_facts(node)
        return f

    def by_name(self, name: str, type_: str | None) -> list[Node]:
        """Nodes with exactly this name, from the store's (type, name) index."""
        out: list[Node] = []
        for t in _NODE_TYPES if type_ is None else (type_,) if type_ in _NODE_TYPES else ():
            self.lookups += 1
            for n in self.snap.nodes_named(t, name):
                self._nodes[n.id] = n
                out.append(n)
        return out

    # -- edges -------------------------------------------------------------------------

    def edges_out(self, src: str, type_: str | None) -> list[tuple[str, str, str]]:
        self.lookups += 1
        if type_ is not None and type_ not in _EDGE_TYPES:
            return []
        return [(e.src, e.dst, e.type) for e in self.snap.edges_out(src, type_)]

    def edges_in(self, dst: str, type_: str | None) -> list[tuple[str, str, str]]:
        self.lookups += 1
        if type_ is not None and type_ not in _EDGE_TYPES:
            return []
        return [(e.src, e.dst, e.type) for e in self.snap.edges_in(dst, type_)]

    def edges(self, type_: str | None) -> list[tuple[str, str, str]]:
        got = self._edges_by_type.get(type_)
        if got is None:
            self.lookups += 1
            if type_ is not None and type_ not in _EDGE_TYPES:
                got = []
            else:
                got = []
                for e in self.snap.edges(type_):
                    got.append((e.src, e.dst, e.type))
                    if len(got) > self.limit:
                        raise LimitExceeded(f"more than {self.limit} edges")
            self._edges_by_type[type_] = got
        return got

    def reachable(self, start: str, type_: str | None, backwards: bool = False) -> set[str]:
        """Nodes reachable from `start` in one or more steps (BFS, cached)."""
        key = (start, type_, backwards)
        got = self._reach.get(key)
        if got is not None:
            return got
        seen: set[str] = set()
        queue = deque([start])
        step = self.edges_in if backwards else self.edges_out
        while queue:
            cur = queue.popleft()
            for s, d, _t in step(cur, type_):
                nxt = s if backwards else d
                if nxt not in seen:
                    seen.add(nxt)
                    queue.append(nxt)
                    if len(seen) > self.limit:
                        raise LimitExceeded(
                            f"path search from {start} visited > {self.limit} nodes"
                        )
        self._reach[key] = seen
        return seen


# -- evaluation -------------------------------------------------------------------------


def _resolve(t: Any, b: Binding) -> str | None:
    if isinstance(t, Const):
        return t.value
    return b.get(t.name)


def _unify(args: tuple[Any, ...], values: Iterable[str], b: Binding) -> Binding | None:
    out: Binding | None = None
    for t, v in zip(args, values):
        if isinstance(t, Const):
            if t.value != v:
                return None
            continue
        cur = (out or b).get(t.name)
        if cur is None:
            if out is None:
                out = dict(b)
            out[t.name] = v
        elif cur != v:
            return None
    return out if out is not None else dict(b)


class Evaluator:
    """Evaluates one program against GraphFacts; `relations` holds every IDB result."""

    def __init__(self, program: Program, facts: GraphFacts) -> None:
        self.program = program
        self.facts = facts
        self.relations: dict[tuple[str, int], set[tuple[str, ...]]] = {
            k: set() for k in program.idb
        }
        self._indexes: dict[
            tuple[tuple[str, int], tuple[int, ...]], dict[tuple[str, ...], list]
        ] = {}

    # -- planning ----------------------------------------------------------------

    def _typed(self, rule: Rule) -> dict[str, str]:
        return typed_variables(rule)

    def _cost(self, lit: Literal, bound: set[str], typed: dict[str, str]) -> float:
        def b(t: Any) -> bool:
            return isinstance(t, Const) or t.name in bound

        if lit.op is not None:
            lv, rv = lit.left, lit.right
            if b(lv) and b(rv):
                return 0
            if lit.op == "=" and (b(lv) or b(rv)):
                return 0.5
            return float("inf")
        a = lit.atom
        assert a is not None
        if lit.negated:
            named = {v for v in a.vars() if not v.startswith("_#")}
            return 0.1 if named <= bound else float("inf")
        args = a.args
        if a.pred == "node":
            if b(args[0]):
                return 1
            return 10_000 if b(args[1]) else 1_000_000
        if a.pred == "attr":
            if b(args[0]):
                return 2
            if (
                isinstance(args[1], Const)
                and (
                    args[1].value == "name"
                    or (
                        args[1].value == "callee"
                        and isinstance(args[2], Const)
                        and _DOTTED.match(str(args[2].value))
                    )
                )
                and b(args[2])
            ):
                # The store's (type, name) index answers these.
                return 20
            return 2_000_000
        if a.pred == "edge":
            if b(args[0]) or b(args[1]):
                return 5
            return 100_000 if b(args[2]) else 5_000_000
        if a.pred == "path":
            if b(args[0]) or b(args[1]):
                return 200
            return 10_000_000
        # helper predicate
        if any(b(t) for t in args):
            return 10
        return 1_000

    def plan(self, rule: Rule) -> list[Literal]:
        """Greedy join order: always the cheapest literal given what is bound."""
        typed = self._typed(rule)
        todo = list(rule.body)
        bound: set[str] = set()
        order: list[Literal] = []
        while todo:
            best = min(todo, key=lambda lit: self._cost(lit, bound, typed))
            todo.remove(best)
            order.append(best)
            if not best.negated:
                bound |= best.vars()
        return order

    # -- literals --------------------------------------------------------------------

    def _match(
        self, lit: Literal, b: Binding, rule: Rule, delta: dict | None, typed: dict[str, str]
    ) -> Iterator[Binding]:
        if lit.op is not None:
            lv, rv = _resolve(lit.left, b), _resolve(lit.right, b)
            if lit.op == "=":
                if lv is not None and rv is not None:
                    if lv == rv:
                        yield b
                elif lv is not None:
                    yield {**b, lit.right.name: lv}  # type: ignore[union-attr]
                elif rv is not None:
                    yield {**b, lit.left.name: rv}  # type: ignore[union-attr]
            elif lv != rv:
                yield b
            return
        a = lit.atom
        assert a is not None
        if lit.negated:
            for _ in self._atom(a, b, delta=None, typed=typed):
                return
            yield b
            return
        yield from self._atom(a, b, delta, typed)

    def _atom(
        self, a: Atom, b: Binding, delta: dict | None, typed: dict[str, str]
    ) -> Iterator[Binding]:
        f = self.facts
        args = a.args
        vals = [_resolve(t, b) for t in args]
        pred = a.pred
        if pred == "node":
            x, t = vals
            if x is not None:
                n = f.node(x)
                cands = [(n.id, n.type)] if n is not None else []
            elif t is not None:
                cands = [(n.id, n.type) for n in f.of_type(t)]
            else:
                cands = [(n.id, n.type) for n in f.all_nodes()]
            for c in cands:
                u = _unify(args, c, b)
                if u is not None:
                    yield u
            return
        if pred == "attr":
            x, k, v = vals
            if x is not None and k is not None and v is not None:
                # The common filter case: a direct look-up, no fact list built.
                n = f.node(x)
                if n is not None and has_attr(n, k, v):
                    yield b
                return
            if x is not None:
                n = f.node(x)
                nodes = [n] if n is not None else []
            elif k == "name" and v is not None:
                t = typed.get(args[0].name) if isinstance(args[0], Var) else None
                nodes = f.by_name(v, t)
            elif k == "callee" and v is not None and _DOTTED.match(v):
                # A call's name is its callee's last segment (`pickle.loads`
                # is named `loads`): the (type, name) index narrows it down.
                nodes = f.by_name(v.rsplit(".", 1)[-1], NodeType.CALL)
            else:
                t = typed.get(args[0].name) if isinstance(args[0], Var) else None
                nodes = f.of_type(t) if t is not None else f.all_nodes()
            for n in nodes:
                for fk, fv in f.facts(n):
                    if (k is None or fk == k) and (v is None or fv == v):
                        u = _unify(args, (n.id, fk, fv), b)
                        if u is not None:
                            yield u
            return
        if pred == "edge":
            s, d, t = vals
            if s is not None:
                cands = f.edges_out(s, t)
            elif d is not None:
                cands = f.edges_in(d, t)
            else:
                cands = f.edges(t)
            for c in cands:
                u = _unify(args, c, b)
                if u is not None:
                    yield u
            return
        if pred == "path":
            s, d = vals[0], vals[1]
            t = vals[2] if len(vals) == 3 else None
            if len(args) == 3 and t is None:
                raise LimitExceeded("path/3 needs its edge type bound")
            if s is not None:
                reach = f.reachable(s, t)
                ends = [d] if d is not None and d in reach else ([] if d is not None else reach)
                for e in ends:
                    u = _unify(args[:2], (s, e), b)
                    if u is not None:
                        yield u
            elif d is not None:
                for s2 in f.reachable(d, t, backwards=True):
                    u = _unify(args[:2], (s2, d), b)
                    if u is not None:
                        yield u
            else:
                starts = {e[0] for e in f.edges(t)}
                for s2 in starts:
                    for e in f.reachable(s2, t):
                        u = _unify(args[:2], (s2, e), b)
                        if u is not None:
                            yield u
            return
        # helper predicate: an IDB relation (or its delta in semi-naive rounds)
        rel = delta[a.key] if delta is not None and a.key in delta else self.relations[a.key]
        bound_pos = tuple(i for i, v in enumerate(vals) if v is not None)
        if bound_pos and delta is None:
            idx = self._index(a.key, bound_pos)
            rows: Iterable[tuple[str, ...]] = idx.get(tuple(vals[i] for i in bound_pos), ())  # type: ignore[misc]
        else:
            rows = rel
        for row in rows:
            u = _unify(args, row, b)
            if u is not None:
                yield u

    def _index(self, key: tuple[str, int], pos: tuple[int, ...]) -> dict:
        ik = (key, pos)
        idx = self._indexes.get(ik)
        if idx is None:
            idx = {}
            for row in self.relations[key]:
                idx.setdefault(tuple(row[i] for i in pos), []).append(row)
            self._indexes[ik] = idx
        return idx

    # -- rules and strata ---------------------------------------------------------------

    def _fire(
        self, rule: Rule, delta: dict | None = None, delta_at: int = -1
    ) -> set[tuple[str, ...]]:
        typed = self._typed(rule)
        plan = self.plan(rule)
        bindings: list[Binding] = [{}]
        limit = self.facts.limit
        for i, lit in enumerate(plan):
            use_delta = delta if i == delta_at else None
            nxt: list[Binding] = []
            for b in bindings:
                for u in self._match(lit, b, rule, use_delta, typed):
                    nxt.append(u)
                if len(nxt) > limit:
                    raise LimitExceeded(
                        f"rule on line {rule.line}: more than {limit} intermediate results "
                        f"at {lit.atom or lit.op}"
                    )
            bindings = nxt
            if not bindings:
                return set()
        out = set()
        for b in bindings:
            out.add(tuple(_resolve(t, b) or "" for t in rule.head.args))
        return out

    def _add(self, key: tuple[str, int], rows: set[tuple[str, ...]]) -> set[tuple[str, ...]]:
        rel = self.relations[key]
        new = rows - rel
        if new:
            rel |= new
            if len(rel) > self.facts.limit:
                raise LimitExceeded(f"{key[0]} has more than {self.facts.limit} facts")
            for ik in [ik for ik in self._indexes if ik[0] == key]:
                del self._indexes[ik]
        return new

    def run(self) -> dict[tuple[str, int], set[tuple[str, ...]]]:
        for stratum in self.program.strata:
            keys = set(stratum)
            rules = [r for r in self.program.rules if r.head.key in keys]
            recursive = [
                r for r in rules if any(lit.atom and lit.atom.key in keys for lit in r.body)
            ]
            # First round: every rule over what is known so far.
            delta: dict[tuple[str, int], set[tuple[str, ...]]] = {k: set() for k in keys}
            for r in rules:
                delta[r.head.key] |= self._add(r.head.key, self._fire(r))
            # Semi-naive rounds: only derivations that use at least one new fact.
            while recursive and any(delta.values()):
                new_delta: dict[tuple[str, int], set[tuple[str, ...]]] = {k: set() for k in keys}
                for r in recursive:
                    plan = self.plan(r)
                    for i, lit in enumerate(plan):
                        if lit.atom is None or lit.negated or lit.atom.key not in keys:
                            continue
                        if not delta[lit.atom.key]:
                            continue
                        rows = self._fire_planned(r, plan, delta, i)
                        new_delta[r.head.key] |= self._add(r.head.key, rows)
                delta = new_delta
        return self.relations

    def _fire_planned(
        self, rule: Rule, plan: list[Literal], delta: dict, delta_at: int
    ) -> set[tuple[str, ...]]:
        typed = self._typed(rule)
        bindings: list[Binding] = [{}]
        limit = self.facts.limit
        for i, lit in enumerate(plan):
            nxt: list[Binding] = []
            for b in bindings:
                if i == delta_at:
                    nxt.extend(self._atom(lit.atom, b, delta, typed))  # type: ignore[arg-type]
                else:
                    nxt.extend(self._match(lit, b, rule, None, typed))
                if len(nxt) > limit:
                    raise LimitExceeded(f"rule on line {rule.line}: more than {limit} results")
            bindings = nxt
            if not bindings:
                return set()
        return {tuple(_resolve(t, b) or "" for t in rule.head.args) for b in bindings}


def evaluate(program: Program, facts: GraphFacts) -> dict[tuple[str, int], set[tuple[str, ...]]]:
    """Every IDB relation of the program, computed against the facts."""
    return Evaluator(program, facts).run()


def run_query(text: str, snapshot: Snapshot, limit: int = DEFAULT_LIMIT) -> list[dict[str, str]]:
    """Run a Datalog query against a snapshot; one dict of variable bindings per answer.

    `text` is `?- body.` or a bare body, optionally preceded by helper rules.
    Raises DatalogError for a malformed query, LimitExceeded past the cap.
    """
    program, names = parse_query(text)
    rel = evaluate(program, GraphFacts(snapshot, limit))[(QUERY_HEAD, len(names))]
    return [dict(zip(names, row)) for row in sorted(rel)]
