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
    [SUB, obj, key]                   obj[key] (a slice key is [OPAQUE], or
                                      [OPAQUE, SLICE, start, stop, step] when each
                                      bound is an integer or absent: None)
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
    [OPAQUE, REGEX, pattern, flags]   a JS regular-expression literal (checks read it)
    [SEQ, kind, [items]]              list (0), tuple (1), set (2) display
    [DICT, [[k, v], ...]]             dict / object literal; k None: **v / ...v
    [COMP, elt, [[target, iter, [conds]], ...]]   a comprehension
    [LAMBDA, params, body]            lambda / arrow function: its expression body,
                                      or [FUNC, path] of a body of its own (JS
                                      callbacks, kind LAMBDA)
    [PARAM, i]                        the i-th parameter's value (JS patterns)
    [WALRUS, target, e]               (x := e)
    [WALRUS, target, e, site]         a store inside an expression with a place of
                                      its own (JSX `dangerouslySetInnerHTML={...}`)
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
    [STOP, e]                         raise e / throw e (an `except ... as x` or
                                      `catch (x)` reads it: [OPAQUE, CAUGHT])
    [JUMP, "break" | "continue"]      leaves the innermost loop, or starts its next round
    [STORE, site, target, e]          a store whose object outlives the call
                                      (session[k] = e, obj.x = e on a parameter)

A body (`FlowFunction`) also lists its parameters, the names it binds, the
identifiers it mentions (the enricher skips bodies that mention no source),
its call table and its decorators. Versioned with `FLOW_VERSION`.
"""

from __future__ import annotations

from typing import Any

import msgpack

FLOW_VERSION = 2

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

#: The tag of an opaque regular-expression literal: [OPAQUE, REGEX, pattern, flags].
REGEX = "regex"
#: The tag of a Python slice with constant bounds: [OPAQUE, SLICE, start, stop, step].
SLICE = "slice"
#: The tag of what a handler caught (`except E as x`, `catch (x)`): [OPAQUE, CAUGHT].
CAUGHT = "caught"

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
JUMP = 10

# -- parameter kinds ----------------------------------------------------------------------
P_POSITIONAL = 0
P_VARARGS = 1
P_KWARGS = 2
P_KEYWORD = 3
#: A parameter entry is [name, kind] or [name, kind, P_SCALAR]: declared a number,
#: a boolean, a UUID or a date, which a framework converts (FastAPI's
#: `item_id: int` is a number whatever the request says).
P_SCALAR = 1
#: ... or [name, kind, P_INJECTED]: an object the framework hands in, not request
#: data (FastAPI's `request: Request`, `db: Session = Depends(get_db)`).
P_INJECTED = 2
#: ... or [name, kind, P_DEFAULTED]: it has a default value (and none of the above).
P_DEFAULTED = 3
#: A parameter annotated with a class name (Python `body: Order`, a Pydantic
#: model; TypeScript `@Body() dto: PageDto`, a validated DTO) keeps it as a
#: fourth element, [name, kind, P_DEFAULTED | P_NO_FLAG, "Order"].
P_NO_FLAG = 0
#: The fourth element of a parameter declared a JSON object whose values may be
#: anything (`payload: dict`, `dict[str, Any]`, `Any`): a request's data there
#: may hold objects (`{"$ne": null}`), as a JSON body's do.
RAW_OBJECT = "<object>"
#: ... [name, kind, flag, PATTERN + regex]: a parameter the framework validates
#: against a pattern (FastAPI `q: str = Query(pattern=r"^[a-z]+$")`); after
#: PATTERN, NUL and a module constant's name when the pattern is one.
PATTERN = "pattern:"
#: The fourth element of a parameter that is a segment of the request's path
#: (NestJS `@Param("id") id: string`), or a GraphQL argument declared a string
#: (`@Args("sku") sku: string`): text, never an object.
PATH_TEXT = "<path-text>"
#: After the fourth element (None when none), PIPES and the names of the classes
#: a NestJS parameter decorator hands the value to, in order (`@Param("slug",
#: SlugPipe)`, `new SlugPipe()`): the handler gets what their `transform` returns.
PIPES = "<pipes>"
#: Annotations (erased) of such parameters, and the value types that keep them so.
RAW_OBJECT_ANNOTATIONS = frozenset(
    {"dict", "Dict", "Mapping", "Any", "typing.Any", "object", "JSON", "strawberry.scalars.JSON"}
)
#: Annotations of a JSON value as a GraphQL scalar (Strawberry's `JSON`, also as
#: `Optional[JSON]`): whatever the client sent, objects included.
JSON_SCALARS = frozenset({"JSON", "strawberry.scalars.JSON"})
RAW_VALUE_TYPES = ("Any", "object")
#: Annotations of such objects (as `type_text.erase_py` leaves them).
INJECTED_ANNOTATIONS = frozenset(
    {
        "Request",
        "Response",
        "WebSocket",
        "HTTPConnection",
        "BackgroundTasks",
        "SecurityScopes",
        "fastapi.Request",
        "fastapi.Response",
        "fastapi.WebSocket",
        "fastapi.BackgroundTasks",
        "starlette.requests.Request",
        "starlette.responses.Response",
        "starlette.websockets.WebSocket",
    }
)
#: Defaults that ask the framework for a dependency instead of a request value.
INJECTED_DEFAULTS = ("Depends(", "Security(", "fastapi.Depends(", "fastapi.Security(")
#: ... [name, kind, P_INJECTED, DEPENDS + "fn"]: a FastAPI `Depends(fn)`: the
#: parameter holds what `fn` returns (its own parameters are request data).
DEPENDS = "depends:"
#: Annotations (as `type_text.erase_py` leaves them) that declare such a value.
SCALAR_ANNOTATIONS = frozenset(
    {
        # One of the constants it lists (`color: Literal["blue", "gray"]`): the
        # framework answers 422 to anything else.
        "Literal",
        "typing.Literal",
        "typing_extensions.Literal",
        "int",
        "float",
        "bool",
        "complex",
        "Decimal",
        "decimal.Decimal",
        "UUID",
        "uuid.UUID",
        "UUID1",
        "UUID4",
        "datetime",
        "datetime.datetime",
        "date",
        "datetime.date",
        "time",
        "datetime.time",
        "timedelta",
        "datetime.timedelta",
        "PositiveInt",
        "NegativeInt",
        "NonNegativeInt",
        "NonPositiveInt",
        "PositiveFloat",
        "NegativeFloat",
        "NonNegativeFloat",
        "StrictInt",
        "StrictFloat",
        "StrictBool",
        "pydantic.PositiveInt",
        "pydantic.StrictInt",
    }
)

#: The constant OPAQUE expression (shared: never mutated).
UNKNOWN: list[Any] = [OPAQUE]

#: An IR expression or statement: nested lists and scalars (msgpack-able).
Expr = Any
Stmt = list[Any]


class FlowFunction:
    """The data-flow facts of one body (a function, a method or the module).

    The statements are kept encoded until first read (`body`): most bodies of
    a workspace are only asked what they mention and call.
    """

    __slots__ = (
        "_body",
        "_body_blob",
        "bound",
        "call_args",
        "calls",
        "defaults",
        "kind",
        "nested",
        "params",
        "path",
        "word_list",
        "words",
    )

    def __init__(
        self,
        path: str,
        kind: str,
        params: list[list[Any]],
        body: list[Stmt] | bytes,
        bound: list[str],
        words: list[str],
        calls: list[str],
        nested: list[str],
        call_args: list[list[Any]] | None = None,
        defaults: dict[str, Any] | None = None,
    ) -> None:
        #: The function's id path ("" for the module body).
        self.path = path
        #: "FUNCTION", "METHOD", "MODULE" or "LAMBDA" (a JS callback): with `path`, the node id.
        self.kind = kind
        #: [name, kind] per parameter, in order; names as the PARAMETER nodes spell them.
        self.params = params
        self._body: list[Stmt] | None = body if isinstance(body, list) else None
        self._body_blob: bytes | None = body if isinstance(body, bytes) else None
        #: Names the body binds (assignments, loops, with, nested definitions).
        self.bound = bound
        #: Identifiers and attribute names the body mentions (sorted), and as a set.
        self.word_list = words
        self.words = frozenset(words)
        #: The body's CALL nodes, ids without their ``{file}->CALL->`` prefix
        #: (``scope->callee#n``), indexed by the IR.
        self.calls = calls
        #: Nested bodies defined here (ids paths), for closures.
        self.nested = nested
        #: What each call is passed, as the graph's FLOWS_INTO edges say:
        #: [call index, slot ("0", a keyword, "receiver"...), node id without the
        #: ``{file}->`` prefix], flat. The dataflow enricher maps them onto the
        #: parameters of the function a call resolves to.
        self.call_args = call_args or []
        #: Parameter name -> its default when that is a literal (`escape=True`,
        #: `shell = false`) or, as a one-item list, a dotted name
        #: (`loader=yaml.SafeLoader`): what a call that leaves it out gives it.
        self.defaults = defaults or {}

    @property
    def body(self) -> list[Stmt]:
        if self._body is None:
            blob = self._body_blob or b"\x90"
            self._body = msgpack.unpackb(blob, raw=False, strict_map_key=False)
        return self._body

    def body_blob(self) -> bytes:
        if self._body_blob is None:
            self._body_blob = msgpack.packb(self._body, use_bin_type=True)
        return self._body_blob

    def to_wire(self) -> list[Any]:
        return [
            self.path,
            self.kind,
            self.params,
            self.body_blob(),
            self.bound,
            self.word_list,
            self.calls,
            self.nested,
            self.call_args,
            self.defaults,
        ]

    def __repr__(self) -> str:
        return f"FlowFunction({self.path!r}, {self.kind!r}, params={self.params!r})"


def directive_word(directive: str) -> str:
    """A directive of a body's prologue (JavaScript's `"use server"`) as one of its
    words, quoted: no identifier has quotes, and the entry test reads words alone."""
    return f'"{directive}"'


def is_directive_word(word: str) -> bool:
    """Whether a body's word is a directive of its prologue (`directive_word`)."""
    return word.startswith('"')


def encode_flow(functions: list[FlowFunction]) -> bytes:
    blob: bytes = msgpack.packb([FLOW_VERSION, [f.to_wire() for f in functions]], use_bin_type=True)
    return blob


def decode_flow(blob: bytes) -> list[FlowFunction]:
    """The bodies of a flow blob ([] for a blob of another version); statements stay encoded."""
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
