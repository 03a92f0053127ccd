"""Stratification: the order in which helper predicates are computed.

Negation is only well-defined over a relation that is already complete, so
a predicate that uses `\\+ q` must be computed in a later stratum than `q`.
A program where a predicate depends on itself through a negation has no
such order and is rejected with the line of the offending negation.
Invariant: in the returned strata, every predicate comes no earlier than the
predicates it uses positively and strictly after those it negates; the
evaluator relies on this and never checks it again.
"""

from __future__ import annotations

from graphwarden.analysis.guarantees.datalog.errors import DatalogError
from graphwarden.analysis.guarantees.datalog.syntax import AtomLiteral, PredicateKey, Rule


def stratify(rules: list[Rule]) -> list[list[PredicateKey]]:
    """Order IDB predicates so negation only looks at completed lower strata."""
    idb = {r.head.key for r in rules}
    deps: dict[PredicateKey, set[tuple[PredicateKey, bool, int]]] = {k: set() for k in idb}
    for r in rules:
        for lit in r.body:
            if isinstance(lit, AtomLiteral) and lit.atom.key in idb:
                deps[r.head.key].add((lit.atom.key, lit.negated, lit.line))
    # A negative edge inside a strongly connected component is recursion
    # through negation: no stratification, no well-defined answer.
    comp = _components({p: {q for q, _n, _l in ds} for p, ds in deps.items()})
    for r in rules:
        for lit in r.body:
            if not isinstance(lit, AtomLiteral) or not lit.negated:
                continue
            a = lit.atom
            if a.key in idb and comp[a.key] == comp[r.head.key]:
                via = "itself" if a.key == r.head.key else f"{r.head.pred} again"
                raise DatalogError(
                    f"unstratifiable: {r.head.pred} depends on \\+ {a.pred}, which depends on "
                    f"{via} (recursion through negation)",
                    lit.line,
                )
    # stratum(p) >= stratum(q) for positive deps, > for negative; converges
    # because no cycle has a negative edge.
    stratum = dict.fromkeys(idb, 0)
    changed = True
    while changed:
        changed = False
        for p, ds in deps.items():
            for q, neg, _line in ds:
                need = stratum[q] + (1 if neg else 0)
                if stratum[p] < need:
                    stratum[p] = need
                    changed = True
    out: list[list[PredicateKey]] = [[] for _ in range(max(stratum.values(), default=0) + 1)]
    for k in sorted(idb):
        out[stratum[k]].append(k)
    return out


def _components(succ: dict[PredicateKey, set[PredicateKey]]) -> dict[PredicateKey, int]:
    """Strongly connected component number of each predicate (Kosaraju, iterative)."""
    order: list[PredicateKey] = []
    seen: set[PredicateKey] = set()
    for root in sorted(succ):
        if root in seen:
            continue
        seen.add(root)
        stack = [(root, iter(sorted(succ[root])))]
        while stack:
            v, it = stack[-1]
            nxt = next((w for w in it if w not in seen), None)
            if nxt is None:
                stack.pop()
                order.append(v)
            else:
                seen.add(nxt)
                stack.append((nxt, iter(sorted(succ[nxt]))))
    pred: dict[PredicateKey, set[PredicateKey]] = {k: set() for k in succ}
    for v, ws in succ.items():
        for w in ws:
            pred[w].add(v)
    comp: dict[PredicateKey, int] = {}
    for i, root in enumerate(reversed(order)):
        if root in comp:
            continue
        todo = [root]
        comp[root] = i
        while todo:
            v = todo.pop()
            for w in pred[v]:
                if w not in comp:
                    comp[w] = i
                    todo.append(w)
    return comp
