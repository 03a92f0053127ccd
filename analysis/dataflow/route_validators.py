"""What validation written as data in a route prove about the request: express-validator
chains in its middleware, a Fastify route's JSON schema, a hapi route's joi schemas.

Why this module exists: `app.post(p, body("age").isInt(), handler)` checks
and converts `req.body.age` before the handler runs; the chain is data (an
argument of the route call), not code the interpreter follows, so its
meaning is read here from the IR of the route's arguments, and the
interpreter applies it to what the handler reads (`req.body.age`,
`matchedData(req).age`).

What a chain proves:

* its sanitizers (`escape`, `toInt`, ...) change the stored value whatever
  happens next, so they always count;
* its validators (`isInt`, `isUUID`, `isIn`, an anchored `matches(/^...$/)`,
  ...) only record errors: they
  count when the module reads the errors (`validationResult`), and always
  for `matchedData(req)`, which returns only fields that passed;
* a validator after `not()` proves the opposite, so it proves nothing here.

A Fastify route's options (`fastify.get(p, { schema: { querystring: {...} } },
handler)`, or `fastify.route({ schema, handler })`) give a JSON schema per
location; Fastify refuses (or converts) what does not fit it before the
handler runs, so each property's `type` (integer, number, boolean), `enum`,
`format` (uuid, date) or `pattern` counts as a validator would, and a string
type is no NoSQL object.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graphwarden.analysis.dataflow import ir, schema_validators
from graphwarden.analysis.dataflow.guards import regex_classes
from graphwarden.analysis.dataflow.values import ALL

#: The package, and where each of its field selectors reads.
PACKAGE = "express-validator"
_LOCATIONS: dict[str, tuple[str, ...]] = {
    "body": ("body",),
    "query": ("query",),
    "param": ("params",),
    "cookie": ("cookies",),
    "header": ("headers",),
    "check": ("body", "query", "params", "cookies", "headers"),
}
#: The request object the selectors read from (the Express pack's qualified name).
REQUEST_QN = "express.Request"
#: What `matchedData(req)` returns is qualified by this name (the call's result).
MATCHED_DATA_QN = f"{PACKAGE}.matchedData()"

_XSS = frozenset({"xss"})
_NOSQL = frozenset({"nosql-injection"})
#: Sanitizers: the stored value is changed (to a number, a boolean, a date, escaped text).
_SANITIZERS: dict[str, frozenset[str]] = {
    "escape": _XSS,
    "toInt": ALL,
    "toFloat": ALL,
    "toBoolean": ALL,
    "toDate": ALL,
}
#: Validators admitting only values that carry no attack of any class: numbers,
#: booleans, dates, ids, letters and digits, listed values.
_VALIDATORS: dict[str, frozenset[str]] = {
    **dict.fromkeys(
        (
            "isInt",
            "isFloat",
            "isNumeric",
            "isDecimal",
            "isBoolean",
            "isUUID",
            "isMongoId",
            "isISO8601",
            "isDate",
            "isAlphanumeric",
            "isAlpha",
            "isHexadecimal",
            "isIn",
            "isPort",
        ),
        ALL,
    ),
    # A string is no query object (`{"$ne": null}`).
    "isString": _NOSQL,
    # What each admits is a few characters besides letters and digits (an IPv6
    # zone, a host's dots, a colour's `#`): what a pattern of them proves.
    **{
        name: regex_classes(f"^[0-9A-Za-z{chars}]+$", False, True) or frozenset()
        for name, chars in (
            ("isIP", ".:%-"),
            ("isFQDN", "._-"),
            ("isMACAddress", ":.-"),
            ("isSlug", "_-"),
            ("isHexColor", "#"),
            ("isJWT", "._-"),
        )
    },
}


def validated_fields(
    args: list[Any],
    qn_of: Callable[[Any], str | None],
    definition: Callable[[str], Any] = lambda _name: None,
) -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """The request fields the chains among a route call's `args` (IR) make safe.

    Keyed by the qualified name of what a handler reads (`express.Request.body.age`
    and `express-validator.matchedData().age`), the classes each is safe for:
    what holds always (sanitizers, `matchedData`), and for the request's fields
    whose classes the validators add, those classes once the errors are read.
    `qn_of` gives the qualified name of a chain's base function (an IR name);
    `definition` what a module's name is bound to (`.matches(REF_PATTERN)`).
    """
    always: dict[str, frozenset[str]] = {}
    checked: dict[str, frozenset[str]] = {}
    for a in args:
        chains = a[2] if isinstance(a, list) and a and a[0] == ir.SEQ else [a]
        for chain in chains:
            _read_chain(chain, qn_of, always, checked, definition)
    return always, {k: v for k, v in checked.items() if always.get(k) != v}


def _read_chain(
    chain: Any,
    qn_of: Callable[[Any], str | None],
    always: dict[str, frozenset[str]],
    checked: dict[str, frozenset[str]],
    definition: Callable[[str], Any] = lambda _name: None,
) -> None:
    methods: list[str] = []
    arguments: list[list[Any]] = []
    e = chain
    while (
        isinstance(e, list)
        and e
        and e[0] == ir.CALL
        and isinstance(e[2], list)
        and e[2]
        and e[2][0] == ir.ATTR
    ):
        methods.append(e[2][2])
        arguments.append(e[3])
        e = e[2][1]
    if not methods or not (isinstance(e, list) and e and e[0] == ir.CALL and e[3]):
        return
    base = qn_of(e[2])
    if base is None or not base.startswith(f"{PACKAGE}."):
        return
    locations = _LOCATIONS.get(base[len(PACKAGE) + 1 :])
    if locations is None:
        return
    first = e[3][0]
    if isinstance(first, str):
        fields = [first]
    elif isinstance(first, list) and first and first[0] == ir.SEQ:
        fields = [f for f in first[2] if isinstance(f, str)]
    else:
        return
    safe_any: frozenset[str] = frozenset()  # for matchedData: every check counts
    safe_req: frozenset[str] = frozenset()  # for the request: the sanitizers
    checks: frozenset[str] = frozenset()  # for the request, once errors are read
    negated = False
    for m, m_args in zip(reversed(methods), reversed(arguments)):  # call order
        if m == "not":
            negated = True
            continue
        proved = (
            _VALIDATORS.get(m)
            if m != "matches"
            else _matched_classes([_defined(a, definition) for a in m_args[:1]])
        )
        if m in _SANITIZERS:
            safe_any |= _SANITIZERS[m]
            safe_req |= _SANITIZERS[m]
        elif proved and not negated:
            safe_any |= proved
            checks |= proved
        negated = False
    for f in fields:
        if not f or "*" in f:
            continue
        if safe_any:
            _add(always, f"{MATCHED_DATA_QN}.{f}", safe_any)
        for loc in locations:
            if safe_req:
                _add(always, f"{REQUEST_QN}.{loc}.{f}", safe_req)
            if safe_req | checks:
                _add(checked, f"{REQUEST_QN}.{loc}.{f}", safe_req | checks)


def _matched_classes(args: list[Any]) -> frozenset[str] | None:
    """What `.matches(/^[a-z]+$/)` (or a pattern's text) proves: validator.js
    tests the pattern as a search, so it must anchor both ends; a multiline
    pattern anchors lines, not the value."""
    pattern = args[0] if args else None
    if isinstance(pattern, list) and pattern[:2] == [ir.OPAQUE, ir.REGEX] and len(pattern) > 3:
        if "m" in str(pattern[3]):
            return None
        pattern = pattern[2]
    if not isinstance(pattern, str):
        return None
    return regex_classes(pattern, False, True)


def _add(out: dict[str, frozenset[str]], qn: str, classes: frozenset[str]) -> None:
    old = out.get(qn)
    out[qn] = classes if old is None else (ALL if ALL in (old, classes) else old | classes)


#: A Fastify schema's locations, and where the handler reads each.
_SCHEMA_LOCATIONS = {"querystring": "query", "query": "query", "body": "body", "params": "params"}
_SCHEMA_TYPES = frozenset({"integer", "number", "boolean"})
_SCHEMA_FORMATS = frozenset({"uuid", "date", "date-time", "time", "ipv4", "ipv6"})


def schema_fields(
    args: list[Any], definition: Callable[[str], Any] = lambda _name: None
) -> dict[str, frozenset[str]]:
    """The request fields a Fastify route's JSON schema (in an options object among
    the route call's `args`, IR) makes safe, keyed as `validated_fields` keys them.
    `definition` gives what a name is bound to once (the module's `const schema =
    {...}`, handed in as `{ schema }`), None when not so."""
    out: dict[str, frozenset[str]] = {}

    def entry(obj: Any, key: str) -> Any:
        return _entry(_defined(obj, definition), key, definition)

    for a in args:
        schema = entry(a, "schema")
        if schema is None:
            continue
        for where, loc in _SCHEMA_LOCATIONS.items():
            for key, classes in properties_of(entry(schema, where), definition).items():
                _add(out, f"{REQUEST_QN}.{loc}.{key}", classes)
    return out


#: Where a hapi route's `validate` options check, and the request's part each is.
_HAPI_LOCATIONS = ("params", "query", "payload", "headers")


def hapi_fields(
    args: list[Any], definition: Callable[[str], Any] = lambda _name: None
) -> dict[str, frozenset[str]]:
    """The request fields a hapi route's joi schemas (`server.route({ options: {
    validate: { query: Joi.object({...}) } }, handler })`, `config` in older hapi)
    make safe, keyed as `validated_fields` keys them: hapi refuses (or converts)
    what does not fit before the handler runs."""
    out: dict[str, frozenset[str]] = {}
    for a in args:
        options = _entry(_defined(a, definition), "options", definition) or _entry(
            _defined(a, definition), "config", definition
        )
        validate = _entry(options, "validate", definition)
        for loc in _HAPI_LOCATIONS:
            schema = _defined(_value(validate, loc), definition)
            if isinstance(schema, list) and schema and schema[0] == ir.DICT:
                # A plain object of joi schemas is compiled as `Joi.object(...)`.
                fields = {
                    str(k): schema_validators.field_classes(v, definition)
                    for k, v in schema[1]
                    if isinstance(k, str) and v
                }
            else:
                fields = schema_validators.object_fields(schema, definition) or {}
            for key, classes in fields.items():
                if classes:
                    _add(out, f"{REQUEST_QN}.{loc}.{key}", classes)
    return out


#: Where an Elysia route's TypeBox schemas check, and the context's part each is.
_ELYSIA_LOCATIONS = ("params", "query", "body", "headers")
#: TypeBox types whose values hold no text of the request's (Elysia converts or
#: refuses before the handler runs).
_TYPEBOX_SCALARS = frozenset(
    {"Numeric", "Number", "Integer", "Boolean", "BooleanString", "Literal", "Date", "Enum"}
)
#: The qualified name of an Elysia handler's context (the javascript pack's).
ELYSIA_CONTEXT_QN = "elysia.Context"


def elysia_fields(
    args: list[Any], definition: Callable[[str], Any] = lambda _name: None
) -> dict[str, frozenset[str]]:
    """The context fields an Elysia route's TypeBox schemas (`{ params: t.Object({
    id: t.Numeric() }) }` among the route call's `args`, IR) make safe: a number,
    a boolean, a literal or a union of literals holds nothing of the request's
    text, keyed as the context's parts are read (`elysia.Context.params.id`)."""
    out: dict[str, frozenset[str]] = {}
    for a in args:
        options = _defined(a, definition)
        for loc in _ELYSIA_LOCATIONS:
            schema = _defined(_value(options, loc), definition)
            if not (_typebox_call(schema) == "Object" and schema[3]):
                continue
            props = _defined(schema[3][0], definition)
            if not (isinstance(props, list) and props and props[0] == ir.DICT):
                continue
            for key, spec in props[1]:
                if isinstance(key, str) and _typebox_scalar(spec):
                    _add(out, f"{ELYSIA_CONTEXT_QN}.{loc}.{key}", ALL)
                elif isinstance(key, str) and _typebox_text(spec):
                    # A string: no operator object (`{"$ne": null}`) fits in one.
                    _add(out, f"{ELYSIA_CONTEXT_QN}.{loc}.{key}", _NOSQL)
    return out


#: The middleware package that validates a Hono route's request with a zod schema.
HONO_ZOD_PACKAGE = "@hono/zod-validator"
#: What `c.req.valid(target)` returns (the javascript pack's source), as the
#: handler's reads of its fields are qualified.
HONO_VALID_QN = "hono.Context.req.valid()"


def hono_zod_fields(
    args: list[Any], definition: Callable[[str], Any] = lambda _name: None
) -> dict[str, frozenset[str]]:
    """The fields of `c.req.valid(...)` a Hono route's `zValidator(target, schema)`
    middlewares (among the route call's `args`, IR) make safe, as zod proves them
    (schema_validators.py), keyed as the handler reads them
    (`hono.Context.req.valid().quality`). zod drops the keys a schema does not
    name; a field two schemas name is what both prove (the reads do not say
    which target they read), and a schema that keeps other keys proves nothing."""
    shapes: list[dict[str, frozenset[str]]] = []
    for a in args:
        call = _defined(a, definition)
        if not (
            isinstance(call, list)
            and call
            and call[0] == ir.CALL
            and call[2] == [ir.NAME, "zValidator"]
            and len(call[3]) >= 2
        ):
            continue
        schema = _defined(call[3][1], definition)
        shape = schema_validators.object_shape(schema, definition)
        if shape is None or shape[1]:
            return {}
        shapes.append(
            {k: schema_validators.field_classes(v, definition) for k, v in shape[0].items()}
        )
    out: dict[str, frozenset[str]] = {}
    for name in sorted({k for shape in shapes for k in shape}):
        proved = [shape[name] for shape in shapes if name in shape]
        classes = proved[0]
        for other in proved[1:]:
            classes = other if classes == ALL else (classes if other == ALL else classes & other)
        if classes:
            out[f"{HONO_VALID_QN}.{name}"] = classes
    return out


#: What a tRPC procedure's resolver is handed (`({ input, ctx }) => ...`: the
#: javascript pack's callback source), as its reads of the input are qualified.
TRPC_INPUT_QN = "trpc.ProcedureCall.input"
#: The methods that make a tRPC procedure of a resolver.
TRPC_RESOLVERS = frozenset({"query", "mutation", "subscription"})


def trpc_input_fields(
    func: Any, definition: Callable[[str], Any] = lambda _name: None
) -> dict[str, frozenset[str]] | None:
    """The fields of a tRPC procedure's `input` its zod schema makes safe
    (`t.procedure.input(z.object({ dir: z.enum([...]) })).query(...)`: `func` is the
    IR of the call's function), keyed as the resolver reads them
    (`trpc.ProcedureCall.input.dir`); None: not such a call. A schema that keeps
    keys it does not name proves nothing."""
    if not (
        isinstance(func, list)
        and len(func) == 3
        and func[0] == ir.ATTR
        and func[2] in TRPC_RESOLVERS
        and isinstance(func[1], list)
        and func[1][0] == ir.CALL
        and isinstance(func[1][2], list)
        and func[1][2][0] == ir.ATTR
        and func[1][2][2] == "input"
        and func[1][3]
    ):
        return None
    shape = schema_validators.object_shape(_defined(func[1][3][0], definition), definition)
    if shape is None or shape[1]:
        return {}
    out: dict[str, frozenset[str]] = {}
    for name, chain in sorted(shape[0].items()):
        classes = schema_validators.field_classes(chain, definition)
        if classes:
            out[f"{TRPC_INPUT_QN}.{name}"] = classes
    return out


def _typebox_call(e: Any) -> str | None:
    """The type a TypeBox builder call makes (`t.Numeric(...)`: `Numeric`)."""
    if not (isinstance(e, list) and e and e[0] == ir.CALL):
        return None
    func = e[2]
    if (
        isinstance(func, list)
        and func[0] == ir.ATTR
        and func[1] in ([ir.NAME, "t"], [ir.NAME, "Type"])
    ):
        return str(func[2])
    return None


def _typebox_scalar(spec: Any) -> bool:
    """A TypeBox type of no text: a number, boolean, date or literal, a union of
    them, or one of them made optional."""
    kind = _typebox_call(spec)
    if kind in _TYPEBOX_SCALARS:
        return True
    if kind == "Optional" and spec[3]:
        return _typebox_scalar(spec[3][0])
    if kind == "Union" and spec[3]:
        items = spec[3][0]
        return (
            isinstance(items, list)
            and items[:1] == [ir.SEQ]
            and bool(items[2])
            and all(_typebox_scalar(x) for x in items[2])
        )
    return False


def _typebox_text(spec: Any) -> bool:
    """A TypeBox string (`t.String({ maxLength: 254 })`), or one made optional."""
    kind = _typebox_call(spec)
    if kind == "Optional" and spec[3]:
        return _typebox_text(spec[3][0])
    return kind == "String"


def _value(obj: Any, key: str) -> Any:
    """An object literal's (IR) property, whatever it is."""
    if not (isinstance(obj, list) and obj and obj[0] == ir.DICT):
        return None
    return next((v for k, v in obj[1] if k == key), None)


def properties_of(
    schema: Any, definition: Callable[[str], Any] = lambda _name: None
) -> dict[str, frozenset[str]]:
    """The properties of an object's JSON schema (IR: an object literal, or a name
    bound once to one) that a value passing it has safe, and for which classes
    (Fastify's route schemas; Ajv's `ajv.compile(schema)`)."""
    out: dict[str, frozenset[str]] = {}
    properties = _entry(_defined(schema, definition), "properties", definition)
    for key, spec in properties[1] if properties is not None else ():
        if isinstance(key, str) and key:
            classes = _property_classes(spec)
            if classes:
                out[key] = classes
    return out


def _defined(e: Any, definition: Callable[[str], Any]) -> Any:
    """`e`, or what the name `e` is bound to once."""
    if isinstance(e, list) and len(e) == 2 and e[0] == ir.NAME and isinstance(e[1], str):
        return definition(e[1])
    return e


def _entry(obj: Any, key: str, definition: Callable[[str], Any] = lambda _n: None) -> Any:
    """An object literal's (IR) property, when it is an object literal itself (or a
    name bound once to one)."""
    if not (isinstance(obj, list) and obj and obj[0] == ir.DICT):
        return None
    for k, v in obj[1]:
        if k == key:
            v = _defined(v, definition)
            if isinstance(v, list) and v and v[0] == ir.DICT:
                return v
    return None


def _property_classes(spec: Any) -> frozenset[str]:
    if not (isinstance(spec, list) and spec and spec[0] == ir.DICT):
        return frozenset()
    values = {k: v for k, v in spec[1] if isinstance(k, str)}
    kind, fmt, pattern = values.get("type"), values.get("format"), values.get("pattern")
    if kind in _SCHEMA_TYPES or "enum" in values or "const" in values or fmt in _SCHEMA_FORMATS:
        return ALL
    out: frozenset[str] = _NOSQL if kind == "string" else frozenset()
    if isinstance(pattern, str):
        # Ajv tests a pattern as a search (unanchored unless it says `^...$`).
        got = regex_classes(pattern, False, True)
        if got is not None:
            out = ALL if got is ALL else out | got
    return out
