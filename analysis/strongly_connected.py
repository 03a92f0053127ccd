"""Strongly connected components (Tarjan), the one implementation every graph uses.

Import cycles (the built-in `import-cycle` rule, the `acyclic` contracts) and
Datalog's predicate groups (incremental.py) all ask the same question of
different graphs. Iterative, because a deep import graph must not hit
Python's recursion limit.

Invariant: components come out in the order Tarjan's algorithm finds them,
each after every component it reaches, and each one sorted; roots are
visited in sorted order, so the result is a function of the graph alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol, TypeVar


class _Ordered(Protocol):
    def __lt__(self, other: Any, /) -> bool: ...


N = TypeVar("N", bound=_Ordered)


def strongly_connected(nodes: Iterable[N], succ: Callable[[N], Sequence[N]]) -> list[list[N]]:
    """The components of the graph over `nodes` whose edges `succ` gives."""
    index: dict[N, int] = {}
    low: dict[N, int] = {}
    on_stack: set[N] = set()
    stack: list[N] = []
    out: list[list[N]] = []
    counter = 0
    for root in sorted(nodes):
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            v, i = work.pop()
            if i == 0:
                index[v] = low[v] = counter
                counter += 1
                stack.append(v)
                on_stack.add(v)
            recurse = False
            children = succ(v)
            while i < len(children):
                w = children[i]
                i += 1
                if w not in index:
                    work.append((v, i))
                    work.append((w, 0))
                    recurse = True
                    break
                if w in on_stack:
                    low[v] = min(low[v], index[w])
            if recurse:
                continue
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                out.append(sorted(comp))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[v])
    return out
