"""Variable bindings: the one representation predicates and the evaluator share.

A binding maps variable names to the string values they are bound to (every
Datalog value is a string: ids, names, types, attribute values). Invariant:
a binding is never changed once another step has seen it; `unify` returns
a new dict when it binds something, so bindings can be shared between the
branches of a join.
"""

from __future__ import annotations

from collections.abc import Iterable

from graphwarden.analysis.guarantees.datalog.syntax import Const, Term

Binding = dict[str, str]


def resolve(term: Term, binding: Binding) -> str | None:
    """The term's value under `binding`, or None for an unbound variable."""
    if isinstance(term, Const):
        return term.value
    return binding.get(term.name)


def is_bound(term: Term, bound: set[str]) -> bool:
    """Whether the term will have a value once the variables in `bound` do (planning)."""
    return isinstance(term, Const) or term.name in bound


def unify(args: Iterable[Term], values: Iterable[str], binding: Binding) -> Binding | None:
    """`binding` extended so that `args` equal `values`, or None if they cannot."""
    out: Binding | None = None
    for t, v in zip(args, values):
        if isinstance(t, Const):
            if t.value != v:
                return None
            continue
        cur = (out or binding).get(t.name)
        if cur is None:
            if out is None:
                out = dict(binding)
            out[t.name] = v
        elif cur != v:
            return None
    return out if out is not None else dict(binding)
