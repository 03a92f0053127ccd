"""Datalog results maintained from a cycle's changed facts (DRed), not computed again.

A program's helper relations and its `violation` relation are kept between
checks. After a cycle, the facts it inserted and deleted (changes.py) are
pushed through the rules, predicate by predicate in dependency order (each
strongly connected group of predicates together), with DRed, "delete and
re-derive" (Gupta, Mumick and Subrahmanian, 1993), which handles recursion
and stratified negation alike:

1. **over-delete**: rows with a derivation in the *old* state that used a
   deleted fact (or, through `\\+ L`, a fact inserted into L), and,
   within a recursive group, rows derived from those, to a fixpoint;
2. **re-derive**: of those rows, the ones still derivable in the *new*
   state stay;
3. **insert**: rows derivable in the new state from an inserted fact (or,
   through `\\+ L`, a fact deleted from L), semi-naively to a fixpoint.

Each step joins one rule body with one literal matched against the
changed facts only (`Evaluator.derive`), so the work follows the size of
the change, not of the graph. The old state is the revision the rules were
last checked against (the checker keeps a read snapshot of it), the new one
the revision being checked; helper relations of the old state are the sets
kept from the last check, never changed in place.

Which programs are maintained: every program without `path`, `flows` or
`taint` (node, attr, edge, value, name_word, comparisons, helper
predicates, negation, recursion). A `path` or `flows` fact depends on edges
anywhere along the path, a `taint` fact on a TAINT edge's attributes, none
of which a change names, so those programs are evaluated in full, as are
all programs on the first check, after a
file set the checker did not follow, or when a change is larger than the
graph it would save reading (`worth_updating`).

Invariant: after `update`, `relations` equals `Evaluator.run` on the new
state (the property test compares violations with a check from scratch).
"""

from __future__ import annotations

from dataclasses import dataclass

from graphwarden.analysis.guarantees.datalog.changes import Fact, FactChanges
from graphwarden.analysis.guarantees.datalog.evaluator import Evaluator, Relation, Relations
from graphwarden.analysis.guarantees.datalog.facts import GraphFacts
from graphwarden.analysis.guarantees.datalog.program import Program
from graphwarden.analysis.guarantees.datalog.syntax import AtomLiteral, PredicateKey, Rule
from graphwarden.analysis.strongly_connected import strongly_connected

#: Predicates whose facts depend on more than the facts a change names.
_NON_LOCAL_PREDICATES = frozenset({("path", 2), ("path", 3), ("flows", 2), ("taint", 3)})
#: A change with more facts than this is evaluated in full (a branch switch).
MAX_CHANGED_FACTS = 200_000


def maintainable(program: Program) -> bool:
    """Whether DRed can maintain the program (it reads no `path`, `flows` or `taint`)."""
    return not any(
        isinstance(lit, AtomLiteral) and lit.atom.key in _NON_LOCAL_PREDICATES
        for rule in program.rules
        for lit in rule.body
    )


def worth_updating(changes: FactChanges) -> bool:
    return changes.size() <= MAX_CHANGED_FACTS


def predicate_groups(program: Program) -> list[list[PredicateKey]]:
    """Helper predicates in strongly connected groups, each after the ones it uses."""
    idb = program.idb
    uses: dict[PredicateKey, set[PredicateKey]] = {k: set() for k in idb}
    for rule in program.rules:
        for lit in rule.body:
            if isinstance(lit, AtomLiteral) and lit.atom.key in idb:
                uses[rule.head.key].add(lit.atom.key)
    # A group comes out after every group it reaches: what it uses first.
    return strongly_connected(idb, lambda k: sorted(uses[k]))


@dataclass
class _Change:
    """Rows a relation gained and lost in one update."""

    inserted: set[Fact]
    deleted: set[Fact]


class IncrementalProgram:
    """One program's relations, kept up to date from changed facts."""

    def __init__(self, program: Program, relations: Relations) -> None:
        self.program = program
        self.relations = relations
        self._groups = predicate_groups(program)

    @classmethod
    def start(cls, program: Program, facts: GraphFacts) -> IncrementalProgram:
        """Evaluated in full against `facts`."""
        return cls(program, Evaluator(program, facts).run())

    def update(
        self, old_facts: GraphFacts, new_facts: GraphFacts, changes: FactChanges
    ) -> Relations:
        """The relations of the new state, from the old ones and the changed facts."""
        program = self.program
        old_rel = self.relations
        new_rel: Relations = dict(old_rel)  # groups replace their own sets below
        old = Evaluator(program, old_facts, old_rel)
        new = Evaluator(program, new_facts, new_rel)
        changed: dict[PredicateKey, _Change] = {
            key: _Change(changes.inserted.get(key, set()), changes.deleted.get(key, set()))
            for key in changes.inserted.keys() | changes.deleted.keys()
        }
        for group in self._groups:
            members = set(group)
            rules = [r for r in program.rules if r.head.key in members]
            gone = self._over_delete(old, rules, members, changed)
            for key in group:
                if gone[key]:
                    new_rel[key] = old_rel[key] - gone[key]
                    new.invalidate(key)
            added = self._rederive_and_insert(new, old_rel, rules, members, changed, gone)
            for key in group:
                ins = {row for row in added[key] if row not in old_rel[key]}
                dels = {row for row in gone[key] if row not in new_rel[key]}
                if ins or dels:
                    changed[key] = _Change(ins, dels)
        self.relations = new_rel
        return new_rel

    # -- DRed ----------------------------------------------------------------------------

    @staticmethod
    def _seeds(lit: AtomLiteral, change: _Change | None, *, deleting: bool) -> set[Fact]:
        """Facts that can end (deleting) or start a derivation through `lit`."""
        if change is None:
            return set()
        # A negation flips: an inserted fact ends `\\+ L`, a deleted one starts it.
        if lit.negated:
            return change.inserted if deleting else change.deleted
        return change.deleted if deleting else change.inserted

    def _over_delete(
        self,
        old: Evaluator,
        rules: list[Rule],
        members: set[PredicateKey],
        changed: dict[PredicateKey, _Change],
    ) -> dict[PredicateKey, Relation]:
        """Rows of the group with an old derivation through a deleted fact (step 1)."""
        gone: dict[PredicateKey, Relation] = {k: set() for k in members}
        frontier: dict[PredicateKey, Relation] = {k: set() for k in members}
        for rule in rules:
            head = rule.head.key
            for i, lit in enumerate(rule.body):
                if not isinstance(lit, AtomLiteral) or lit.atom.key in members:
                    continue
                seeds = self._seeds(lit, changed.get(lit.atom.key), deleting=True)
                if seeds:
                    rows = old.derive(rule, i, seeds) & old.relations[head]
                    frontier[head] |= rows - gone[head]
                    gone[head] |= rows
        while any(frontier.values()):
            nxt: dict[PredicateKey, Relation] = {k: set() for k in members}
            for rule in rules:
                head = rule.head.key
                for i, lit in enumerate(rule.body):
                    if not isinstance(lit, AtomLiteral) or lit.atom.key not in members:
                        continue
                    if frontier[lit.atom.key]:
                        rows = old.derive(rule, i, frontier[lit.atom.key])
                        rows &= old.relations[head]
                        nxt[head] |= rows - gone[head]
                        gone[head] |= rows
            frontier = nxt
        return gone

    def _rederive_and_insert(
        self,
        new: Evaluator,
        old_rel: Relations,
        rules: list[Rule],
        members: set[PredicateKey],
        changed: dict[PredicateKey, _Change],
        gone: dict[PredicateKey, Relation],
    ) -> dict[PredicateKey, Relation]:
        """Put back over-deleted rows still derivable, add new ones (steps 2, 3).

        Returns every row added to each relation of the group.
        """
        rel = new.relations
        frontier: dict[PredicateKey, Relation] = {k: set() for k in members}
        added: dict[PredicateKey, Relation] = {k: set() for k in members}

        def add(key: PredicateKey, rows: Relation) -> None:
            fresh = rows - rel[key]
            if fresh:
                if rel[key] is old_rel[key]:
                    rel[key] = set(rel[key])  # the old state's set stays as it was
                rel[key] |= fresh
                new.invalidate(key)
                frontier[key] |= fresh
                added[key] |= fresh

        for rule in rules:
            head = rule.head.key
            back = {row for row in gone[head] if new.derivable(rule, row)}
            add(head, back)
        for rule in rules:
            head = rule.head.key
            for i, lit in enumerate(rule.body):
                if not isinstance(lit, AtomLiteral) or lit.atom.key in members:
                    continue
                seeds = self._seeds(lit, changed.get(lit.atom.key), deleting=False)
                if seeds:
                    add(head, new.derive(rule, i, seeds))
        while any(frontier.values()):
            current, frontier = frontier, {k: set() for k in members}
            for rule in rules:
                head = rule.head.key
                for i, lit in enumerate(rule.body):
                    if not isinstance(lit, AtomLiteral) or lit.atom.key not in members:
                        continue
                    if current[lit.atom.key] and not lit.negated:
                        add(head, new.derive(rule, i, current[lit.atom.key]))
        return added
