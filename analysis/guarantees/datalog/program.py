"""A validated program: its rules, their strata, and the graph types it reads.

`Program` is what validation produces and what the evaluator and the
checker consume. Invariant: a `Program` is only built by `validate`
(validation.py), so its rules are safe, use known predicates with their
arities, and `strata` is a correct stratification.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graphwarden.analysis.guarantees.datalog.predicates import PREDICATES, typed_variables
from graphwarden.analysis.guarantees.datalog.syntax import AtomLiteral, PredicateKey, Rule

#: The predicate a guarantee defines: violation(X) or violation(X, Message).
VIOLATION = "violation"


@dataclass
class Program:
    """Validated rules, grouped into strata (lists of predicate keys, lowest first)."""

    rules: list[Rule]
    strata: list[list[PredicateKey]] = field(default_factory=list)

    @property
    def idb(self) -> set[PredicateKey]:
        """The helper predicates the rules define (the relations evaluation computes)."""
        return {r.head.key for r in self.rules}

    def mentioned_types(self) -> tuple[set[str] | None, set[str] | None]:
        """(node types, edge types) the program's facts depend on; None means any.

        Used to re-check a rule only when a type it mentions changed: each
        built-in predicate says which types one of its atoms reads (a
        variable type argument, `attr` on an untyped node, or `path/2` read
        every type), and a single "any" makes the whole set "any".
        """
        node_types: set[str] | None = set()
        edge_types: set[str] | None = set()
        for rule in self.rules:
            typed = typed_variables(rule)
            for lit in rule.body:
                if not isinstance(lit, AtomLiteral):
                    continue
                builtin = PREDICATES.get(lit.atom.key)
                if builtin is None:
                    continue  # a helper predicate: its own rules are in this loop
                reads_nodes = builtin.node_types_read(lit.atom.args, typed)
                reads_edges = builtin.edge_types_read(lit.atom.args)
                if reads_nodes is None:
                    node_types = None
                elif node_types is not None:
                    node_types |= reads_nodes
                if reads_edges is None:
                    edge_types = None
                elif edge_types is not None:
                    edge_types |= reads_edges
        return node_types, edge_types
