"""Validation: a parsed rule text becomes a `Program` only if it can be evaluated.

Checks, each reported with the line it concerns: no rules for a built-in
predicate, one arity per helper predicate, a `violation/1` or `violation/2`
clause in a guarantee, known predicates with their arities (the built-ins
from the predicate table in predicates.py), safety (every variable bound by
a positive atom, so no rule has infinitely many answers) and stratification.
Invariant: every `Program` the engine evaluates went through `validate`.
"""

from __future__ import annotations

from graphwarden.analysis.guarantees.datalog.errors import DatalogError
from graphwarden.analysis.guarantees.datalog.predicates import BUILTINS, PREDICATES
from graphwarden.analysis.guarantees.datalog.program import VIOLATION, Program
from graphwarden.analysis.guarantees.datalog.stratification import stratify
from graphwarden.analysis.guarantees.datalog.syntax import (
    AtomLiteral,
    ComparisonLiteral,
    Const,
    Rule,
    Var,
    is_wildcard,
)


def validate(rules: list[Rule], *, require_violation: bool) -> Program:
    """The program of `rules`, or DatalogError at the first problem found."""
    defined: dict[str, set[int]] = {}
    for r in rules:
        if r.head.pred in BUILTINS:
            raise DatalogError(
                f"cannot define rules for built-in predicate {r.head.pred!r}", r.line
            )
        arities = defined.setdefault(r.head.pred, set())
        if arities and len(r.head.args) not in arities:
            raise DatalogError(
                f"predicate {r.head.pred!r} is defined with different arities "
                f"{sorted(arities | {len(r.head.args)})}",
                r.line,
            )
        arities.add(len(r.head.args))
    if require_violation:
        v = defined.get(VIOLATION)
        if not v:
            raise DatalogError("the rule defines no violation(X) :- ... clause", 1)
        if not v <= {1, 2}:
            raise DatalogError("violation takes 1 argument (the node) or 2 (node, message)", 1)
    for r in rules:
        for lit in r.body:
            if not isinstance(lit, AtomLiteral):
                continue
            a = lit.atom
            if a.pred in BUILTINS:
                if len(a.args) not in BUILTINS[a.pred]:
                    want = " or ".join(str(n) for n in sorted(BUILTINS[a.pred]))
                    raise DatalogError(
                        f"{a.pred} takes {want} arguments, not {len(a.args)}", lit.line
                    )
                problem = PREDICATES[a.key].check_constants(a.args)
                if problem is not None:
                    raise DatalogError(f"{a.pred}: {problem}", lit.line)
            elif a.pred in defined:
                (arity,) = defined[a.pred]
                if len(a.args) != arity:
                    raise DatalogError(
                        f"{a.pred} is defined with {arity} arguments, used with {len(a.args)}",
                        lit.line,
                    )
            else:
                # Internal predicates (a query's `__query__`) are nothing to write.
                known = sorted(p for p in {*BUILTINS, *defined} if not p.startswith("__"))
                raise DatalogError(
                    f"unknown predicate {a.pred!r} (known: {', '.join(known)})", lit.line
                )
        check_safety(r)
    return Program(rules, stratify(rules))


def check_safety(r: Rule) -> None:
    """Every variable must be bound by a positive atom: no infinite answers."""
    bound: set[str] = set()
    for lit in r.body:
        if isinstance(lit, AtomLiteral) and not lit.negated:
            bound |= lit.vars()
    # `X = "const"` or `X = Y` with Y bound also binds X.
    changed = True
    while changed:
        changed = False
        for lit in r.body:
            if isinstance(lit, ComparisonLiteral) and lit.op == "=":
                for a, b in ((lit.left, lit.right), (lit.right, lit.left)):
                    b_bound = isinstance(b, Const) or b.name in bound
                    if isinstance(a, Var) and a.name not in bound and b_bound:
                        bound.add(a.name)
                        changed = True
    for lit in r.body:
        if isinstance(lit, AtomLiteral) and not lit.negated:
            continue
        for v in sorted(lit.vars()):
            if v not in bound and not is_wildcard(v):
                what = "comparison" if isinstance(lit, ComparisonLiteral) else "negated atom"
                raise DatalogError(
                    f"unsafe variable {v}: it appears in a {what} but in no positive atom "
                    "of the rule body",
                    lit.line,
                )
            if is_wildcard(v) and isinstance(lit, ComparisonLiteral):
                raise DatalogError("a wildcard '_' cannot be compared", lit.line)
    for v in sorted(r.head.vars()):
        if v not in bound:
            shown = "_" if is_wildcard(v) else v
            raise DatalogError(
                f"unsafe variable {shown} in the head of {r.head.pred}: "
                "it must appear in a positive atom of the body",
                r.line,
            )
