"""What a validation schema (joi, zod, yup, valibot) proves about the data it accepts.

Why this module exists: `const schema = Joi.object({ id: Joi.string().guid() })`
then `const { value } = schema.validate(req.body)` checks and converts each
field before the handler uses it; the schema is data (a constant the module
builds once), not code the interpreter follows, so its meaning is read here
from the IR of its definition, and the interpreter applies it to what the
validation call returns (`value`, zod's `parse` result or `safeParse(...).data`).

What a field's chain proves, for the value that passed:

* a number, integer, boolean, date, UUID/GUID, hex, alphanumeric or token
  field, or one of listed constants (`valid("a", "b")`, `z.enum([...])`,
  `z.literal(...)`): no attack of any class;
* a string field: a string, not an object, so no NoSQL operator; with a
  pattern (`pattern(/^[a-z]+$/)`, `regex(...)`), what the pattern proves
  (guards.py, as a search, like `RE.test(x)`);
* a nested object schema: each of its fields, as above;
* anything else (`any()`, `array()`, a field the chain does not type):
  nothing. Keys the schema does not name are not in the result (joi refuses
  them, zod and yup drop them by default), unless it says it keeps them
  (joi's `.unknown(true)`, zod's `.passthrough()`): then they hold the data.

joi's `validate` returns the value with the error: the handler is taken to
check `error` before using `value` (an unchecked one is missed, not
invented).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graphwarden.analysis.dataflow import ir
from graphwarden.analysis.dataflow.guards import is_regex_literal, regex_classes
from graphwarden.analysis.dataflow.values import ALL

#: The packages, as the interpreter names a schema built from them.
PACKAGES = ("joi", "zod", "yup", "valibot")
#: valibot's validation calls (functions of the package, handed the schema first):
#: what each returns, the validated value or the field of its result holding it.
VALIBOT_PARSERS = {"valibot.parse": "", "valibot.safeParse": "output"}

_STRING = frozenset({"nosql-injection"})
#: Types and refinements whose values carry no attack of any class.
_SAFE_TYPES = frozenset(
    {
        *("number", "integer", "int", "boolean", "bool", "date", "bigint"),
        *("uuid", "guid", "hex", "alphanum", "token", "isoDate", "cuid", "cuid2", "ulid"),
        *("enum", "nativeEnum", "literal", "valid", "oneOf", "equal", "positive", "port"),
        # valibot's (`v.picklist([...])`, `v.integer()` in a pipe).
        *("picklist",),
    }
)
#: Constructors of a schema's fields as objects (the schema of a nested object).
_OBJECTS = frozenset({"object", "shape", "keys"})
#: Names bound to a chain followed in turn, at most (`Id = Base.uuid()`, `Base = z.string()`).
_MAX_NAMES = 3

#: What a name is bound to once (IR), None when not so.
Definition = Callable[[str], Any]


def _nowhere(_name: str) -> Any:
    return None


def field_classes(chain: Any, definition: Definition = _nowhere) -> frozenset[str]:
    """The classes a value that passed a field's schema (`Joi.string().guid()`) is
    safe for; empty when the chain proves nothing. `definition` gives what a
    name is bound to once (`left: Field` with `const Field = z.enum([...])`)."""
    steps = _steps(chain, definition)
    if not steps:
        return frozenset()
    names = [name for name, _ in steps]
    if any(n in _SAFE_TYPES for n in names):
        return ALL
    out: frozenset[str] = frozenset()
    if "string" in names:
        out = _STRING
    for name, args in steps:
        literal = _regex(args[0], definition) if args else None
        if (
            name in ("pattern", "regex", "matches")
            and literal is not None
            and "m" not in literal[3]
        ):
            got = regex_classes(literal[2], False, True)
            if got is not None:
                out = ALL if got is ALL else out | got
    return out


def _regex(e: Any, definition: Definition) -> list[Any] | None:
    """A regular-expression literal, or a name bound once to one (`const SLUG =
    /^[a-z-]+$/` then `.regex(SLUG)`)."""
    if isinstance(e, list) and e and e[0] == ir.NAME:
        e = definition(str(e[1]))
    return e if is_regex_literal(e) else None


def object_shape(
    schema: Any, definition: Definition = _nowhere
) -> tuple[dict[str, Any], bool] | None:
    """Key -> the field's schema for an object schema (`Joi.object({...})`,
    `z.object({...})`, `yup.object({...})` or `.shape({...})`, refined or not),
    and whether it keeps the keys it does not name (joi's `.unknown()`, zod's
    `.passthrough()` / `.catchall(...)`); None: not one."""
    steps = _steps(schema, definition)
    for i, (name, args) in enumerate(steps):
        if name in _OBJECTS and args and isinstance(args[0], list) and args[0][0] == ir.DICT:
            keys = {str(k): v for k, v in args[0][1] if isinstance(k, str) and v}
            return keys, any(_keeps_unknown(n, a) for n, a in steps[i + 1 :])
    return None


def object_fields(
    schema: Any, definition: Definition = _nowhere
) -> dict[str, frozenset[str]] | None:
    """Key -> classes for an object schema (`object_shape`'s fields, each as
    `field_classes` reads it); None: not one."""
    shape = object_shape(schema, definition)
    if shape is None:
        return None
    return {k: field_classes(v, definition) for k, v in shape[0].items()}


def _keeps_unknown(name: str, args: list[Any]) -> bool:
    if name in ("passthrough", "catchall"):
        return True
    return name == "unknown" and (not args or args[0] is True)


def _steps(
    chain: Any, definition: Definition = _nowhere, depth: int = 0
) -> list[tuple[str, list[Any]]]:
    """The method calls of a builder chain, first to last (`Joi.string().max(5)`:
    `string`, `max`), when it starts at a name (the library's binding, or a
    name bound once to a chain: `Field.optional()` with `const Field =
    z.enum([...])` is `z.enum([...]).optional()`)."""
    out: list[tuple[str, list[Any]]] = []
    e = chain
    while isinstance(e, list) and e and e[0] in (ir.CALL, ir.ATTR):
        if e[0] == ir.ATTR:
            # A property on the way (zod's `z.coerce.number()`).
            out.append((str(e[2]), []))
            e = e[1]
            continue
        func = e[2]
        if not (isinstance(func, list) and func and func[0] == ir.ATTR):
            return []
        if func[2] == "pipe" and depth < _MAX_NAMES:
            # valibot's `v.pipe(v.string(), v.regex(P))`: each action in turn.
            for action in reversed(list(e[3])):
                out.extend(reversed(_steps(action, definition, depth + 1)))
        else:
            out.append((str(func[2]), list(e[3])))
        e = func[1]
    if not (isinstance(e, list) and e and e[0] == ir.NAME):
        return []
    out.reverse()
    if depth < _MAX_NAMES:
        bound = _steps(definition(str(e[1])), definition, depth + 1)
        if bound:
            return bound + out
    return out
