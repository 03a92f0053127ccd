"""The built-in predicates: one class each, holding all the engine knows about it.

A built-in says how to answer one of its atoms from `GraphFacts` given the
arguments already bound (`match`), what that costs (`cost`: the planner's
estimate, lower first), and which node and edge types its answers depend on
(`node_types_read`/`edge_types_read`: selective re-checking), and which
constants it accepts where the graph has a closed vocabulary (`check_constants`:
a node or edge type, an attribute key), so a typo such as `node(X, "CALLZ")`
fails when the rule loads instead of never firing. Comparisons
(`=`, `!=`) are built-ins over two terms with the same two duties.

`PREDICATES` and `COMPARISONS` are the one table every stage reads:
validation takes the names and arities from it (`BUILTINS`), the evaluator
the costs and matchers, `Program.mentioned_types` the types. Adding a
built-in means adding a class here and nothing elsewhere.

Invariant: `match` yields exactly the extensions of the given binding under
which the atom holds in the snapshot, each once per matching fact; costs
only order literals and never change an answer.

Size: one class per built-in predicate, kept in one module so the table
above is the single place a predicate is defined; each class is short.
"""

from __future__ import annotations

import difflib
import re
import weakref
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from typing import ClassVar

from graphwarden.analysis.guarantees.datalog.bindings import Binding, is_bound, resolve, unify
from graphwarden.analysis.guarantees.datalog.errors import LimitExceeded
from graphwarden.analysis.guarantees.datalog.facts import GraphFacts, has_attr_fact
from graphwarden.analysis.guarantees.datalog.syntax import (
    AtomLiteral,
    Const,
    PredicateKey,
    Rule,
    Term,
    Var,
)
from graphwarden.analysis.model import (
    ATTRIBUTE_KEYS,
    POSITION_KEYS,
    EdgeType,
    Node,
    NodeType,
)

#: A callee that is a plain dotted name (`pickle.loads`): its last segment is
#: the call's name. Anything else (`f(a.b)`, `x[0]`) is named as a whole.
_DOTTED = re.compile(r"^[\w$]+(\.[\w$]+)*$")

Args = tuple[Term, ...]

#: What attr/3 knows of every node besides its attributes (facts.py).
NODE_FIELDS = frozenset({"name", "file", "type"})
#: Every key attr/3 can match: the node's fields and every declared attribute.
KNOWN_KEYS = NODE_FIELDS | frozenset().union(*ATTRIBUTE_KEYS.values()) - POSITION_KEYS


def nearest(value: str, known: Iterable[str]) -> str:
    """` (did you mean "X"?)` for the closest known name, or the list when none is close."""
    names = sorted(known)
    close = difflib.get_close_matches(value, names, n=1, cutoff=0.6)
    if not close:
        close = difflib.get_close_matches(value.upper(), names, n=1, cutoff=0.6)
    if close:
        return f' (did you mean "{close[0]}"?)'
    return f" (known: {', '.join(names)})"


def unknown_node_type(value: str) -> str | None:
    """Why `value` is no node type (None when it is one)."""
    if value in NodeType.__members__:
        return None
    also = f'; "{value}" is an edge type' if value in EdgeType.__members__ else ""
    return f'unknown node type "{value}"{nearest(value, NodeType.__members__)}{also}'


def unknown_edge_type(value: str) -> str | None:
    """Why `value` is no edge type (None when it is one)."""
    if value in EdgeType.__members__:
        return None
    also = f'; "{value}" is a node type' if value in NodeType.__members__ else ""
    return f'unknown edge type "{value}"{nearest(value, EdgeType.__members__)}{also}'


def unknown_attribute_key(key: str) -> str | None:
    """Why attr/3 can never match `key` (None when it can).

    A table attribute gives `key.sub` facts (`keywords.metaclass`): the part
    before the dot must be a known key; the sub-key is the code's own name.
    """
    if key in POSITION_KEYS:
        return f'"{key}" is a position, and positions are never facts'
    head = key.split(".", 1)[0]
    if key in KNOWN_KEYS or ("." in key and head in KNOWN_KEYS):
        return None
    return f'unknown attribute key "{key}"{nearest(key, KNOWN_KEYS)}'


def _constant(term: Term) -> str | None:
    return term.value if isinstance(term, Const) else None


#: Variables a rule pins to a node type (`node(X, "CALL")`): variable -> type.
TypedVariables = Mapping[str, str]


class BuiltinPredicate(ABC):
    """A predicate the engine answers from the graph (an extensional predicate)."""

    name: ClassVar[str]
    arity: ClassVar[int]

    @property
    def key(self) -> PredicateKey:
        return (self.name, self.arity)

    @abstractmethod
    def cost(self, args: Args, bound: set[str]) -> float:
        """Estimated answers per binding once the variables in `bound` are bound."""

    @abstractmethod
    def match(
        self, args: Args, binding: Binding, facts: GraphFacts, typed: TypedVariables
    ) -> Iterator[Binding]:
        """Every extension of `binding` under which the atom holds."""

    def node_types_read(self, args: Args, typed: TypedVariables) -> set[str] | None:
        """Node types this atom's answers depend on (None: any)."""
        return set()

    def edge_types_read(self, args: Args) -> set[str] | None:
        """Edge types this atom's answers depend on (None: any)."""
        return set()

    def check_constants(self, args: Args) -> str | None:
        """Why a constant argument can never match (None: every constant can)."""
        return None


def _unify_each(
    args: Args, candidates: Iterable[tuple[str, ...]], binding: Binding
) -> Iterator[Binding]:
    for values in candidates:
        u = unify(args, values, binding)
        if u is not None:
            yield u


class NodePredicate(BuiltinPredicate):
    """node(Id, Type): a node of the graph, from the node table or the type index."""

    name = "node"
    arity = 2

    def cost(self, args: Args, bound: set[str]) -> float:
        if is_bound(args[0], bound):
            return 1
        return 10_000 if is_bound(args[1], bound) else 1_000_000

    def match(
        self, args: Args, binding: Binding, facts: GraphFacts, typed: TypedVariables
    ) -> Iterator[Binding]:
        node_id, type_ = (resolve(t, binding) for t in args)
        if node_id is not None:
            n = facts.node(node_id)
            nodes = [n] if n is not None else []
        elif type_ is not None:
            nodes = facts.of_type(type_)
        else:
            nodes = facts.all_nodes()
        yield from _unify_each(args, ((n.id, n.type) for n in nodes), binding)

    def node_types_read(self, args: Args, typed: TypedVariables) -> set[str] | None:
        type_ = args[1]
        return {type_.value} if isinstance(type_, Const) else None

    def check_constants(self, args: Args) -> str | None:
        type_ = _constant(args[1])
        return unknown_node_type(type_) if type_ is not None else None


class EdgePredicate(BuiltinPredicate):
    """edge(Src, Dst, Type): an edge, by a prefix scan from whichever end is bound."""

    name = "edge"
    arity = 3

    def cost(self, args: Args, bound: set[str]) -> float:
        if is_bound(args[0], bound) or is_bound(args[1], bound):
            return 5
        return 100_000 if is_bound(args[2], bound) else 5_000_000

    def match(
        self, args: Args, binding: Binding, facts: GraphFacts, typed: TypedVariables
    ) -> Iterator[Binding]:
        src, dst, type_ = (resolve(t, binding) for t in args)
        if src is not None:
            edges = facts.edges_out(src, type_)
        elif dst is not None:
            edges = facts.edges_in(dst, type_)
        else:
            edges = facts.edges(type_)
        yield from _unify_each(args, edges, binding)

    def edge_types_read(self, args: Args) -> set[str] | None:
        type_ = args[2]
        return {type_.value} if isinstance(type_, Const) else None

    def check_constants(self, args: Args) -> str | None:
        type_ = _constant(args[2])
        return unknown_edge_type(type_) if type_ is not None else None


class AttrPredicate(BuiltinPredicate):
    """attr(Id, Key, Value): a node's name, file, type or one of its attributes (facts.py)."""

    name = "attr"
    arity = 3

    def cost(self, args: Args, bound: set[str]) -> float:
        node, key, value = args
        if is_bound(node, bound):
            return 2
        if (
            isinstance(key, Const)
            and (
                key.value == "name"
                or (
                    key.value in ("callee", "qualified")
                    and (not isinstance(value, Const) or _DOTTED.match(value.value))
                )
            )
            and is_bound(value, bound)
        ):
            # The store's (type, name) index answers these.
            return 20
        return 2_000_000

    def match(
        self, args: Args, binding: Binding, facts: GraphFacts, typed: TypedVariables
    ) -> Iterator[Binding]:
        node_id, key, value = (resolve(t, binding) for t in args)
        if node_id is not None and key is not None and value is not None:
            # The common filter case: a direct look-up, no fact list built.
            n = facts.node(node_id)
            if n is not None and has_attr_fact(n, key, value):
                yield binding
            return
        pinned = typed.get(args[0].name) if isinstance(args[0], Var) else None
        nodes: list[Node]
        if node_id is not None:
            n = facts.node(node_id)
            nodes = [n] if n is not None else []
        elif key == "name" and value is not None:
            nodes = facts.by_name(value, pinned)
        elif key in ("callee", "qualified") and value is not None and _DOTTED.match(value):
            # A call's name is its callee's last segment (`pickle.loads` is
            # named `loads`): the (type, name) index narrows it down, and the
            # fact comparison below keeps the answer exact.
            nodes = facts.by_name(value.rsplit(".", 1)[-1], NodeType.CALL)
        else:
            nodes = facts.of_type(pinned) if pinned is not None else facts.all_nodes()
        for n in nodes:
            for fact_key, fact_value in facts.facts(n):
                if (key is None or fact_key == key) and (value is None or fact_value == value):
                    u = unify(args, (n.id, fact_key, fact_value), binding)
                    if u is not None:
                        yield u

    def node_types_read(self, args: Args, typed: TypedVariables) -> set[str] | None:
        node = args[0]
        if isinstance(node, Var) and node.name in typed:
            return {typed[node.name]}
        return None

    def check_constants(self, args: Args) -> str | None:
        key = _constant(args[1])
        return unknown_attribute_key(key) if key is not None else None


class PathPredicate(BuiltinPredicate):
    """path(Src, Dst): Dst is reachable from Src by one or more edges of any type."""

    name = "path"
    arity = 2

    def cost(self, args: Args, bound: set[str]) -> float:
        if is_bound(args[0], bound) or is_bound(args[1], bound):
            return 200
        return 10_000_000

    def edge_type(self, args: Args, binding: Binding) -> str | None:
        """The edge type followed (None: every type)."""
        return None

    def match(
        self, args: Args, binding: Binding, facts: GraphFacts, typed: TypedVariables
    ) -> Iterator[Binding]:
        ends = args[:2]
        src, dst = resolve(args[0], binding), resolve(args[1], binding)
        type_ = self.edge_type(args, binding)
        if src is not None:
            reach = facts.reachable(src, type_)
            if dst is None:
                yield from _unify_each(ends, ((src, e) for e in reach), binding)
            elif dst in reach:
                yield from _unify_each(ends, [(src, dst)], binding)
        elif dst is not None:
            starts = facts.reachable(dst, type_, backwards=True)
            yield from _unify_each(ends, ((s, dst) for s in starts), binding)
        else:
            for s in {e[0] for e in facts.edges(type_)}:
                yield from _unify_each(ends, ((s, e) for e in facts.reachable(s, type_)), binding)

    def edge_types_read(self, args: Args) -> set[str] | None:
        return None


class TypedPathPredicate(PathPredicate):
    """path(Src, Dst, Type): the same, following only edges of Type (which must be bound)."""

    arity = 3

    def edge_type(self, args: Args, binding: Binding) -> str | None:
        type_ = resolve(args[2], binding)
        if type_ is None:
            # Every type would be path/2 once per type: far too broad to answer.
            raise LimitExceeded("path/3 needs its edge type bound")
        return type_

    def edge_types_read(self, args: Args) -> set[str] | None:
        type_ = args[2]
        return {type_.value} if isinstance(type_, Const) else None

    def check_constants(self, args: Args) -> str | None:
        type_ = _constant(args[2])
        return unknown_edge_type(type_) if type_ is not None else None


#: Edges a data-flow step follows, and which way (see `FlowsPredicate`).
FLOW_STEP_TYPES = frozenset({"ASSIGNED_FROM", "FLOWS_INTO", "RETURNS", "CALLS"})


class FlowsPredicate(BuiltinPredicate):
    """flows(From, To): data can flow from node From to node To, in one or more steps.

    A step is ``y -> x`` for ``x ASSIGNED_FROM y``, ``y -> call`` and ``y ->
    parameter`` for FLOWS_INTO, ``y -> function`` for RETURNS, and ``function
    -> call`` for a call that CALLS the function (its result). May-flow: flow-
    and field-insensitive (the taint rules are not). One end must be bound.
    """

    name = "flows"
    arity = 2

    def cost(self, args: Args, bound: set[str]) -> float:
        if is_bound(args[0], bound) or is_bound(args[1], bound):
            return 300
        return 20_000_000

    def match(
        self, args: Args, binding: Binding, facts: GraphFacts, typed: TypedVariables
    ) -> Iterator[Binding]:
        src, dst = resolve(args[0], binding), resolve(args[1], binding)
        if src is not None:
            reach = flow_reach(facts, src, backwards=False)
            if dst is None:
                yield from _unify_each(args, ((src, d) for d in sorted(reach)), binding)
            elif dst in reach:
                yield from _unify_each(args, [(src, dst)], binding)
        elif dst is not None:
            starts = flow_reach(facts, dst, backwards=True)
            yield from _unify_each(args, ((s, dst) for s in sorted(starts)), binding)
        else:
            raise LimitExceeded("flows/2 needs one end bound (bind From or To first)")

    def edge_types_read(self, args: Args) -> set[str] | None:
        return set(FLOW_STEP_TYPES)


def flow_reach(facts: GraphFacts, start: str, backwards: bool) -> set[str]:
    """Nodes data from `start` can reach (or, backwards, that can reach `start`)."""
    cache = _FLOW_CACHE.setdefault(facts, {})
    key = (start, backwards)
    got = cache.get(key)
    if got is not None:
        return got
    seen: set[str] = set()
    todo = [start]
    while todo:
        cur = todo.pop()
        if backwards:
            nxt = [d for _s, d, _t in facts.edges_out(cur, "ASSIGNED_FROM")]
            nxt += [s for s, _d, _t in facts.edges_in(cur, "FLOWS_INTO")]
            nxt += [s for s, _d, _t in facts.edges_in(cur, "RETURNS")]
            nxt += [d for _s, d, _t in facts.edges_out(cur, "CALLS")]
        else:
            nxt = [s for s, _d, _t in facts.edges_in(cur, "ASSIGNED_FROM")]
            nxt += [d for _s, d, _t in facts.edges_out(cur, "FLOWS_INTO")]
            nxt += [d for _s, d, _t in facts.edges_out(cur, "RETURNS")]
            nxt += [s for s, _d, _t in facts.edges_in(cur, "CALLS")]
        for n in nxt:
            if n not in seen:
                seen.add(n)
                todo.append(n)
                if len(seen) > facts.limit:
                    raise LimitExceeded(f"flows from {start} visited > {facts.limit} nodes")
    cache[key] = seen
    return seen


_FLOW_CACHE: weakref.WeakKeyDictionary[GraphFacts, dict[tuple[str, bool], set[str]]] = (
    weakref.WeakKeyDictionary()
)
_TAINT_CACHE: weakref.WeakKeyDictionary[GraphFacts, list[tuple[str, str, str]]] = (
    weakref.WeakKeyDictionary()
)


class TaintPredicate(BuiltinPredicate):
    """taint(Source, Sink, Class): user data from Source reaches Sink, a finding of Class.

    From the dataflow enricher's TAINT edges: Source is the node the data
    enters by (a source call, a parameter, the first variable it lands in),
    Sink the sink call (or the function whose return or store is the sink),
    Class the vulnerability class (``sql-injection``, ``xss``...).
    """

    name = "taint"
    arity = 3

    def cost(self, args: Args, bound: set[str]) -> float:
        return 50 if any(is_bound(a, bound) for a in args) else 1_000

    def match(
        self, args: Args, binding: Binding, facts: GraphFacts, typed: TypedVariables
    ) -> Iterator[Binding]:
        rows = _TAINT_CACHE.get(facts)
        if rows is None:
            rows = []
            for e in facts.snapshot.edges("TAINT"):
                attrs = e.attrs or {}
                origin = attrs.get("origin")
                source = origin if isinstance(origin, str) and origin else e.src
                classes = attrs.get("classes")
                for c in classes if isinstance(classes, list) else ():
                    rows.append((source, e.dst, str(c)))
            rows.sort()
            _TAINT_CACHE[facts] = rows
        yield from _unify_each(args, rows, binding)

    def edge_types_read(self, args: Args) -> set[str] | None:
        return {"TAINT"}


class ValuePredicate(BuiltinPredicate):
    """value(X, V): variable X can hold the constant V (its value domain).

    value(Call, Arg, V): argument Arg of Call (a position ``"0"``, a keyword,
    ``"2.secure"`` for a property of an object literal) can be the constant
    V where the call stands. Constants as the language writes them
    (``"md5"``, ``"True"``, ``"3"``, ``"true"``).
    """

    name = "value"
    arity = 2

    def cost(self, args: Args, bound: set[str]) -> float:
        return 3 if is_bound(args[0], bound) else 200_000

    def rows(self, node: Node) -> list[tuple[str, ...]]:
        values = node.attrs.get("values")
        return [(node.id, str(v)) for v in values] if isinstance(values, list) else []

    def types(self) -> tuple[str, ...]:
        return (NodeType.VARIABLE,)

    def match(
        self, args: Args, binding: Binding, facts: GraphFacts, typed: TypedVariables
    ) -> Iterator[Binding]:
        x = resolve(args[0], binding)
        if x is not None:
            n = facts.node(x)
            nodes = [n] if n is not None else []
        else:
            nodes = [n for t in self.types() for n in facts.of_type(t)]
        for n in nodes:
            yield from _unify_each(args, self.rows(n), binding)

    def node_types_read(self, args: Args, typed: TypedVariables) -> set[str] | None:
        return set(self.types())


class CallValuePredicate(ValuePredicate):
    """value(Call, Arg, V): see `ValuePredicate`."""

    arity = 3

    def rows(self, node: Node) -> list[tuple[str, ...]]:
        entries = node.attrs.get("const_args")
        out: list[tuple[str, ...]] = []
        for e in entries if isinstance(entries, list) else ():
            arg, sep, v = str(e).partition("=")
            if sep:
                out.append((node.id, arg, v))
        return out

    def types(self) -> tuple[str, ...]:
        return (NodeType.CALL,)


class CallArgPredicate(ValuePredicate):
    """arg(Call, Arg): Call passes the named argument Arg, whatever its value.

    Arg is a keyword (``secure``), a property of an object-literal argument
    (``"2.secure"``), or a spread (``"*"``, ``"**"``, ``"2.**"``): what a rule
    needs to tell "not passed, the default applies" from "passed, its value
    not a constant" (``secure=settings.SESSION_COOKIE_SECURE``). Positions are
    not listed (``attr(C, "args", N)`` counts them).
    """

    name = "arg"
    arity = 2

    def rows(self, node: Node) -> list[tuple[str, ...]]:
        entries = node.attrs.get("const_args")
        out: list[tuple[str, ...]] = []
        for e in entries if isinstance(entries, list) else ():
            arg = str(e).partition("=")[0]
            if not arg.isdigit() and (node.id, arg) not in out:
                out.append((node.id, arg))
        return out

    def types(self) -> tuple[str, ...]:
        return (NodeType.CALL,)


class NameWordPredicate(BuiltinPredicate):
    """name_word(Name, Word): Word is one of the lower-case words of the identifier Name.

    An identifier splits at ``_``, ``-``, ``.``, ``$``, digits and camelCase
    humps (``resetToken`` and ``RESET_TOKEN`` give ``reset`` and ``token``;
    ``APIKey`` gives ``api`` and ``key``). Rules ask what a name means without a
    regular expression, which an untrusted configuration could make run for
    ever. A pure function of its first argument, which must be bound.
    """

    name = "name_word"
    arity = 2

    def cost(self, args: Args, bound: set[str]) -> float:
        return 3 if is_bound(args[0], bound) else 20_000_000

    def match(
        self, args: Args, binding: Binding, facts: GraphFacts, typed: TypedVariables
    ) -> Iterator[Binding]:
        text = resolve(args[0], binding)
        if text is None:
            raise LimitExceeded("name_word/2 needs its first argument bound (a name)")
        yield from _unify_each(args, ((text, w) for w in name_words(text)), binding)


#: A word: a capitalised or lower-case run, or an upper-case run not followed by lower case.
_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")


def name_words(text: str) -> list[str]:
    """The distinct lower-case words of an identifier, in order (see `NameWordPredicate`)."""
    out: list[str] = []
    for w in _WORD.findall(text):
        low = w.lower()
        if low not in out:
            out.append(low)
    return out


class ComparisonPredicate(ABC):
    """A comparison of two terms; safety guarantees both are bound or `=` binds one."""

    op: ClassVar[str]

    @abstractmethod
    def cost(self, left: Term, right: Term, bound: set[str]) -> float: ...

    @abstractmethod
    def match(self, left: Term, right: Term, binding: Binding) -> Iterator[Binding]: ...


class EqualsPredicate(ComparisonPredicate):
    """X = Y: equal values, or binds the unbound side to the bound one."""

    op = "="

    def cost(self, left: Term, right: Term, bound: set[str]) -> float:
        lb, rb = is_bound(left, bound), is_bound(right, bound)
        if lb and rb:
            return 0
        return 0.5 if lb or rb else float("inf")

    def match(self, left: Term, right: Term, binding: Binding) -> Iterator[Binding]:
        lv, rv = resolve(left, binding), resolve(right, binding)
        if lv is not None and rv is not None:
            if lv == rv:
                yield binding
        # An unresolved term is a variable (constants always resolve).
        elif lv is not None and isinstance(right, Var):
            yield {**binding, right.name: lv}
        elif rv is not None and isinstance(left, Var):
            yield {**binding, left.name: rv}


class NotEqualsPredicate(ComparisonPredicate):
    """X != Y: both bound (safety ensures it) and different."""

    op = "!="

    def cost(self, left: Term, right: Term, bound: set[str]) -> float:
        return 0 if is_bound(left, bound) and is_bound(right, bound) else float("inf")

    def match(self, left: Term, right: Term, binding: Binding) -> Iterator[Binding]:
        if resolve(left, binding) != resolve(right, binding):
            yield binding


#: Every built-in atom predicate, by (name, arity).
PREDICATES: dict[PredicateKey, BuiltinPredicate] = {
    p.key: p
    for p in (
        NodePredicate(),
        EdgePredicate(),
        AttrPredicate(),
        PathPredicate(),
        TypedPathPredicate(),
        FlowsPredicate(),
        TaintPredicate(),
        ValuePredicate(),
        CallValuePredicate(),
        CallArgPredicate(),
        NameWordPredicate(),
    )
}
#: Built-in predicate names with their arities (a name may have several), for validation.
BUILTINS: dict[str, frozenset[int]] = {
    name: frozenset(a for n, a in PREDICATES if n == name) for name, _ in PREDICATES
}
#: Every comparison, by operator.
COMPARISONS: dict[str, ComparisonPredicate] = {
    c.op: c for c in (EqualsPredicate(), NotEqualsPredicate())
}


def typed_variables(rule: Rule) -> dict[str, str]:
    """Variables a rule pins to a node type with a positive `node(X, "TYPE")`."""
    typed: dict[str, str] = {}
    for lit in rule.body:
        if not isinstance(lit, AtomLiteral) or lit.negated:
            continue
        a = lit.atom
        if a.pred == NodePredicate.name and isinstance(a.args[0], Var):
            type_ = a.args[1]
            if isinstance(type_, Const):
                typed[a.args[0].name] = type_.value
    return typed
