"""The data-flow facts front ends record for every body: a small, language-neutral IR.

Both front ends (languages/python_flow.py, languages/javascript_flow.py)
turn each function body, and the module body, into the same structured
form; the dataflow enricher interprets it (analysis/dataflow/engine.py).
It is kept in the file's summary (msgpack), so every shape is a list whose
first element is an opcode, and a bare scalar (str, int, float, bool, None)
is a constant.

Expressions::

    [NAME, name]                      a variable, parameter, closure or module name
    [ATTR, obj, name]                 obj.name
    [SUB, obj, key]                   obj[key] (a slice key is [OPAQUE])
    [CALL, i, func, args, kwargs]     the i-th entry of the body's call table (its
                                      CALL node); args: expressions, [STAR, e]
                                      for *e / ...e; kwargs: [name, e], name
                                      None for **e
    [BIN, op, a, b]                   + - * / % // ** == != < <= > >= in notin
                                      is isnot and or ?? (JS) and friends
    [UN, op, a]                       not - + ~ typeof void
    [JOIN, [parts]]                   f-string / template literal: parts joined
    [COND, test, a, b]                a if test else b / test ? a : b
    [STAR, e]                         a spread inside args or a container
    [OPAQUE]                          something the analysis does not follow
    [SEQ, kind, [items]]              list (0), tuple (1), set (2) display
    [DICT, [[k, v], ...]]             dict / object literal; k None: **v / ...v
    [COMP, elt, [[target, iter, [conds]], ...]]   a comprehension
    [LAMBDA, params, body]            lambda / arrow function: its expression body,
                                      or [FUNC, path] of a body of its own (JS
                                      callbacks, kind LAMBDA)
    [PARAM, i]                        the i-th parameter's value (JS patterns)
    [WALRUS, target, e]               (x := e)
    [ELEM, e]                         an element of e (for-loop targets)
    [FUNC, path]                      a nested function defined in this body

Statements::

    [ASSIGN, target, e]               target: [NAME, n], [ATTR, o, n], [SUB, o, k],
                                      [SEQ, kind, [targets]] (unpacking; [STAR, t]),
                                      [DICT, [[key, target], ...]] (JS patterns)
    [AUG, op, target, e]              target op= e
    [EXPR, e]
    [RETURN, e, site]                 site: index into the function's `sites`
    [YIELD, e, site]
    [IF, test, [then], [else]]
    [LOOP, test, [body], [else]]      while (test) / for (test None)
    [TRY, [body], [[handlers]], [else], [finally]]
    [STOP]                            raise / throw: nothing after it runs
    [STORE, site, target, e]          a store whose object outlives the call
                                      (session[k] = e, obj.x = e on a parameter)

A body (`FlowFunction`) also lists its parameters, the names it binds, the
identifiers it mentions (the enricher skips bodies that mention no source),
its call table and its decorators. Versioned with `FLOW_VERSION`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import msgpack

FLOW_VERSION = 1

# -- expressions --------------------------------------------------------------------------
NAME = 0
ATTR = 1
SUB = 2
CALL = 3
BIN = 4
UN = 5
JOIN = 6
COND = 7
STAR = 8
OPAQUE = 9
SEQ = 10
DICT = 11
COMP = 12
LAMBDA = 13
PARAM = 14
WALRUS = 15
ELEM = 16
FUNC = 17

# -- statements ---------------------------------------------------------------------------
ASSIGN = 0
AUG = 1
EXPR = 2
RETURN = 3
YIELD = 4
IF = 5
LOOP = 6
TRY = 7
STOP = 8
STORE = 9

# -- parameter kinds ----------------------------------------------------------------------
P_POSITIONAL = 0
P_VARARGS = 1
P_KWARGS = 2
P_KEYWORD = 3

#: The constant OPAQUE expression (shared: never mutated).
UNKNOWN: list[Any] = [OPAQUE]

#: An IR expression or statement: nested lists and scalars (msgpack-able).
Expr = Any
Stmt = list[Any]


@dataclass(frozen=True, slots=True)
class FlowFunction:
    """The data-flow facts of one body (a function, a method or the module)."""

    #: The function's id path ("" for the module body).
    path: str
    #: "FUNCTION", "METHOD" or "MODULE": with `path`, the node id.
    kind: str
    #: (name, kind) per parameter, in order; names as the PARAMETER nodes spell them.
    params: list[list[Any]]
    body: list[Stmt]
    #: Names the body binds (assignments, loops, with, nested definitions).
    bound: list[str]
    #: Identifiers and attribute names the body mentions (sorted).
    words: list[str]
    #: The body's CALL nodes, ids without their ``{file}->CALL->`` prefix
    #: (``scope->callee#n``), indexed by the IR.
    calls: list[str]
    #: Nested bodies defined here (ids paths), for closures.
    nested: list[str]

    def to_wire(self) -> list[Any]:
        return [
            self.path,
            self.kind,
            self.params,
            self.body,
            self.bound,
            self.words,
            self.calls,
            self.nested,
        ]


def encode_flow(functions: list[FlowFunction]) -> bytes:
    blob: bytes = msgpack.packb([FLOW_VERSION, [f.to_wire() for f in functions]], use_bin_type=True)
    return blob


def decode_flow(blob: bytes) -> list[FlowFunction]:
    """The bodies of a flow blob ([] for a blob of another version)."""
    version, rows = msgpack.unpackb(blob, raw=False, strict_map_key=False)
    if version != FLOW_VERSION:
        return []
    return [FlowFunction(*row) for row in rows]


def subexprs(e: Expr) -> list[Expr]:
    """The direct sub-expressions of an expression (none for a constant)."""
    if not isinstance(e, list) or not e:
        return []
    op = e[0]
    if op in (NAME, OPAQUE, PARAM, FUNC):
        return []
    if op in (ATTR, STAR, ELEM):
        return [e[1]]
    if op == SUB:
        return [e[1], e[2]]
    if op == CALL:
        return [e[2], *e[3], *(kw[1] for kw in e[4])]
    if op == BIN:
        return [e[2], e[3]]
    if op == UN:
        return [e[2]]
    if op == JOIN:
        return list(e[1])
    if op == COND:
        return [e[1], e[2], e[3]]
    if op == SEQ:
        return list(e[2])
    if op == DICT:
        return [x for pair in e[1] for x in pair if x is not None]
    if op == COMP:
        out = [e[1]]
        for _target, it, conds in e[2]:
            out.append(it)
            out.extend(conds)
        return out
    if op == LAMBDA:
        return [e[2]]
    if op == WALRUS:
        return [e[2]]
    return []
