"""Bottom-up evaluation of validated Datalog programs against a graph's facts.

Helper predicates are computed stratum by stratum (the order validation
found), semi-naively when recursive: after a first round over everything
known, each round only fires rules with one recursive literal matched
against the facts the previous round added. Each rule body is joined
left to right in a greedy order, the cheapest literal first given what is
already bound; the costs come from the built-ins (predicates.py), from
negation (only once its variables are bound) and from helper relations.

Datalog without function symbols always terminates, but a big graph can
still produce huge relations, so every relation and every intermediate join
is capped at the facts' limit (`LimitExceeded`). Invariant: `run` returns
the least model of the program over the facts; the join order never changes
an answer, only its cost.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from graphwarden.analysis.guarantees.datalog.bindings import Binding, is_bound, resolve, unify
from graphwarden.analysis.guarantees.datalog.errors import LimitExceeded
from graphwarden.analysis.guarantees.datalog.facts import GraphFacts
from graphwarden.analysis.guarantees.datalog.predicates import (
    COMPARISONS,
    PREDICATES,
    TypedVariables,
    typed_variables,
)
from graphwarden.analysis.guarantees.datalog.program import Program
from graphwarden.analysis.guarantees.datalog.syntax import (
    Atom,
    AtomLiteral,
    Literal,
    PredicateKey,
    Rule,
    is_wildcard,
)

Row = tuple[str, ...]
Relation = set[Row]
#: Every helper predicate's rows, by predicate.
Relations = dict[PredicateKey, Relation]

#: Planner estimates for literals that are not built-ins.
_NEGATION_READY = 0.1
_HELPER_BOUND = 10
_HELPER_SCAN = 1_000
_NOT_YET = float("inf")


class Evaluator:
    """Evaluates one program against GraphFacts; `relations` holds every IDB result."""

    def __init__(
        self, program: Program, facts: GraphFacts, relations: Relations | None = None
    ) -> None:
        self.program = program
        self.facts = facts
        #: Every helper relation; `relations` given: a state to derive from
        #: (`derive`, `derivable`: incremental.py), which `run` starts over.
        self.relations: Relations = (
            relations if relations is not None else {k: set() for k in program.idb}
        )
        #: Rows of a relation grouped by the values at some positions, built on
        #: first use and dropped whenever the relation grows.
        self._indexes: dict[tuple[PredicateKey, tuple[int, ...]], dict[Row, list[Row]]] = {}

    # -- planning ----------------------------------------------------------------

    def _cost(self, lit: Literal, bound: set[str]) -> float:
        if not isinstance(lit, AtomLiteral):
            return COMPARISONS[lit.op].cost(lit.left, lit.right, bound)
        a = lit.atom
        if lit.negated:
            # A negation only filters: run it as soon as it can, never before.
            named = {v for v in a.vars() if not is_wildcard(v)}
            return _NEGATION_READY if named <= bound else _NOT_YET
        builtin = PREDICATES.get(a.key)
        if builtin is not None:
            return builtin.cost(a.args, bound)
        if any(is_bound(t, bound) for t in a.args):
            return _HELPER_BOUND
        return _HELPER_SCAN

    def plan(self, rule: Rule, bound: set[str] | None = None, skip: int = -1) -> list[Literal]:
        """Greedy join order: always the cheapest literal given what is bound.

        `bound`: variables bound before the join starts; `skip`: the position
        of a body literal already matched (a seed), left out of the order.
        """
        todo = [lit for i, lit in enumerate(rule.body) if i != skip]
        bound = set(bound or ())
        order: list[Literal] = []
        while todo:
            best = min(todo, key=lambda lit: self._cost(lit, bound))
            todo.remove(best)
            order.append(best)
            if not (isinstance(best, AtomLiteral) and best.negated):
                bound |= best.vars()
        return order

    # -- literals --------------------------------------------------------------------

    def _match(
        self, lit: Literal, binding: Binding, typed: TypedVariables, delta: Relations | None
    ) -> Iterator[Binding]:
        """Extensions of `binding` satisfying `lit`; helper atoms read `delta` when given."""
        if not isinstance(lit, AtomLiteral):
            yield from COMPARISONS[lit.op].match(lit.left, lit.right, binding)
            return
        if lit.negated:
            # Negation as failure over a complete relation (stratification).
            for _ in self._atom(lit.atom, binding, typed, None):
                return
            yield binding
            return
        yield from self._atom(lit.atom, binding, typed, delta)

    def _atom(
        self, atom: Atom, binding: Binding, typed: TypedVariables, delta: Relations | None
    ) -> Iterator[Binding]:
        builtin = PREDICATES.get(atom.key)
        if builtin is not None:
            yield from builtin.match(atom.args, binding, self.facts, typed)
            return
        # A helper predicate: its relation, or only its newest rows in a semi-naive round.
        values = [resolve(t, binding) for t in atom.args]
        rows: Iterable[Row]
        if delta is None and all(v is not None for v in values):
            # Every argument bound: a membership test, no index needed.
            row = tuple(v for v in values if v is not None)
            if row in self.relations[atom.key]:
                yield binding
            return
        if delta is not None:
            rows = delta.get(atom.key, self.relations[atom.key])
        else:
            positions = tuple(i for i, v in enumerate(values) if v is not None)
            if positions:
                bound_values = tuple(v for v in values if v is not None)
                rows = self._index(atom.key, positions).get(bound_values, ())
            else:
                rows = self.relations[atom.key]
        for row in rows:
            u = unify(atom.args, row, binding)
            if u is not None:
                yield u

    def _index(self, key: PredicateKey, positions: tuple[int, ...]) -> dict[Row, list[Row]]:
        ik = (key, positions)
        idx = self._indexes.get(ik)
        if idx is None:
            idx = {}
            for row in self.relations[key]:
                idx.setdefault(tuple(row[i] for i in positions), []).append(row)
            self._indexes[ik] = idx
        return idx

    # -- rules and strata ---------------------------------------------------------------

    def _fire(
        self,
        rule: Rule,
        plan: list[Literal],
        delta: Relations | None = None,
        delta_at: int = -1,
    ) -> Relation:
        """The head rows the rule derives, joining its body in `plan` order.

        With `delta`, the literal at `delta_at` (a positive helper atom) reads
        only the rows the previous round added: the semi-naive step.
        """
        return self._join(rule, plan, [{}], delta, delta_at)

    def _join(
        self,
        rule: Rule,
        plan: list[Literal],
        bindings: list[Binding],
        delta: Relations | None = None,
        delta_at: int = -1,
    ) -> Relation:
        """The head rows of `bindings` extended through the literals of `plan`."""
        typed = typed_variables(rule)
        limit = self.facts.limit
        for i, lit in enumerate(plan):
            use_delta = delta if i == delta_at else None
            nxt: list[Binding] = []
            for b in bindings:
                nxt.extend(self._match(lit, b, typed, use_delta))
                if len(nxt) > limit:
                    where = lit.atom if isinstance(lit, AtomLiteral) else lit.op
                    raise LimitExceeded(
                        f"rule on line {rule.line}: more than {limit} intermediate results "
                        f"at {where}"
                    )
            bindings = nxt
            if not bindings:
                return set()
        return {tuple(resolve(t, b) or "" for t in rule.head.args) for b in bindings}

    # -- deriving from a given state (incremental.py) ------------------------------------

    def derive(self, rule: Rule, at: int, seeds: Iterable[Row]) -> Relation:
        """Head rows of derivations in this state whose literal `at` matches a seed.

        A seed is a fact of that literal's predicate (`node`: id, type; `attr`:
        id, key, value; `edge`: source, destination, type; a helper's row). For
        a negated literal, a seed names the bindings where the negation is to
        be tested: it must hold in this state for the derivation to count.
        """
        lit = rule.body[at]
        if not isinstance(lit, AtomLiteral):
            return set()
        atom = lit.atom
        bindings: list[Binding] = []
        if lit.negated:
            typed = typed_variables(rule)
            seen: set[tuple[tuple[str, str], ...]] = set()
            for seed in seeds:
                u = unify(atom.args, seed, {})
                if u is None:
                    continue
                named = {k: v for k, v in u.items() if not is_wildcard(k)}
                key = tuple(sorted(named.items()))
                if key in seen:
                    continue
                seen.add(key)
                if not any(True for _ in self._atom(atom, named, typed, None)):
                    bindings.append(named)
        else:
            for seed in seeds:
                u = unify(atom.args, seed, {})
                if u is not None:
                    bindings.append(u)
        if not bindings:
            return set()
        bound = {v for v in atom.vars() if not is_wildcard(v)}
        return self._join(rule, self.plan(rule, bound, skip=at), bindings)

    def derivable(self, rule: Rule, row: Row) -> bool:
        """Whether the rule derives `row` in this state."""
        binding = unify(rule.head.args, row, {})
        if binding is None:
            return False
        return bool(self._join(rule, self.plan(rule, set(binding)), [binding]))

    def invalidate(self, key: PredicateKey) -> None:
        """Forget the indexes of a relation that was replaced or changed."""
        for ik in [ik for ik in self._indexes if ik[0] == key]:
            del self._indexes[ik]

    def _add(self, key: PredicateKey, rows: Relation) -> Relation:
        """Add rows to a relation; returns the ones that were new."""
        rel = self.relations[key]
        new = rows - rel
        if new:
            rel |= new
            if len(rel) > self.facts.limit:
                raise LimitExceeded(f"{key[0]} has more than {self.facts.limit} facts")
            for ik in [ik for ik in self._indexes if ik[0] == key]:
                del self._indexes[ik]
        return new

    def run(self) -> Relations:
        for stratum in self.program.strata:
            keys = set(stratum)
            rules = [r for r in self.program.rules if r.head.key in keys]
            recursive = [
                r
                for r in rules
                if any(isinstance(lit, AtomLiteral) and lit.atom.key in keys for lit in r.body)
            ]
            # First round: every rule over what is known so far.
            delta: Relations = {k: set() for k in keys}
            for r in rules:
                delta[r.head.key] |= self._add(r.head.key, self._fire(r, self.plan(r)))
            # Semi-naive rounds: only derivations that use at least one new fact.
            while recursive and any(delta.values()):
                new_delta: Relations = {k: set() for k in keys}
                for r in recursive:
                    plan = self.plan(r)
                    for i, lit in enumerate(plan):
                        if not isinstance(lit, AtomLiteral) or lit.negated:
                            continue
                        if lit.atom.key not in keys or not delta[lit.atom.key]:
                            continue
                        rows = self._fire(r, plan, delta, i)
                        new_delta[r.head.key] |= self._add(r.head.key, rows)
                delta = new_delta
        return self.relations


def evaluate(program: Program, facts: GraphFacts) -> Relations:
    """Every IDB relation of the program, computed against the facts."""
    return Evaluator(program, facts).run()
