"""The syntax tree of graphwarden's Datalog: terms, atoms, literals, rules.

Every later stage (validation, planning, evaluation, the query API) reads
these records and none of them knows how text became a tree. Invariant: the
records are plain data built by the parser; they hold no graph, no store and
nothing from the workspace.

Wildcards: the parser gives each `_` a fresh variable named `_#<n>`, so
`is_wildcard` is how every stage tells a wildcard from a named variable.
"""

from __future__ import annotations

from dataclasses import dataclass

#: A predicate's identity: name and arity (`path/2` and `path/3` differ).
PredicateKey = tuple[str, int]


@dataclass(frozen=True, slots=True)
class Var:
    name: str

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class Const:
    value: str

    def __str__(self) -> str:
        return '"' + self.value.replace("\\", "\\\\").replace('"', '\\"') + '"'


Term = Var | Const


def is_wildcard(name: str) -> bool:
    """The variable a lone `_` became (never shown, never compared)."""
    return name.startswith("_#")


def wildcard(number: int) -> Var:
    return Var(f"_#{number}")


@dataclass(frozen=True, slots=True)
class Atom:
    pred: str
    args: tuple[Term, ...]
    line: int = 1

    @property
    def key(self) -> PredicateKey:
        return (self.pred, len(self.args))

    def vars(self) -> set[str]:
        return {a.name for a in self.args if isinstance(a, Var)}

    def __str__(self) -> str:
        return f"{self.pred}({', '.join(map(str, self.args))})"


@dataclass(frozen=True, slots=True)
class AtomLiteral:
    """A body element that is an atom, possibly negated (`\\+ atom`)."""

    atom: Atom
    negated: bool = False
    line: int = 1

    def vars(self) -> set[str]:
        return self.atom.vars()


@dataclass(frozen=True, slots=True)
class ComparisonLiteral:
    """A body element that compares two terms: `op` is "=" or "!="."""

    op: str
    left: Term
    right: Term
    line: int = 1

    def vars(self) -> set[str]:
        return {t.name for t in (self.left, self.right) if isinstance(t, Var)}


Literal = AtomLiteral | ComparisonLiteral


@dataclass(slots=True)
class Rule:
    head: Atom
    body: list[Literal]
    line: int = 1

    def __str__(self) -> str:
        if not self.body:
            return f"{self.head}."
        return f"{self.head} :- ..."
