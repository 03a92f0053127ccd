"""Value domains: the constant values an expression can take, as small sets.

A domain is a frozenset of Python scalars (str, int, float, bool, None), or
None when the expression is not known to be constant (top). Sets stay small
(`MAX_VALUES`); a bigger one is top. Folding follows the source language:
Python's operators for Python, JavaScript's coercions (``"a" + 1`` is
``"a1"``, ``==`` loose as far as scalars go) for JS/TS.

Folding is defensive: results are bounded (strings of `MAX_STRING`
characters, integers under 2**64), so a workspace cannot make the analysis
build a gigabyte string out of ``"a" * 10**9``; an operation that would
raise (a type error, division by zero) gives top.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import Any

Scalar = str | int | float | bool | None
Domain = frozenset[Any] | None

MAX_VALUES = 8
MAX_STRING = 1000
_MAX_INT = 1 << 64


def const(value: Scalar) -> frozenset[Any]:
    return frozenset((value,))


def join(a: Domain, b: Domain) -> Domain:
    """Either value: the union (top when either is top or the union is too big)."""
    if a is None or b is None:
        return None
    u = a | b
    return u if len(u) <= MAX_VALUES else None


def _bounded(v: Any) -> bool:
    if isinstance(v, bool) or v is None:
        return True
    if isinstance(v, str):
        return len(v) <= MAX_STRING
    if isinstance(v, int):
        return -_MAX_INT < v < _MAX_INT
    if isinstance(v, float):
        return math.isfinite(v)
    return False


def _js_str(v: Any) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _js_num(v: Any) -> float | None:
    if isinstance(v, bool):
        return 1.0 if v else 0.0
    if isinstance(v, int | float):
        return float(v)
    if v is None:
        return 0.0
    if isinstance(v, str):
        try:
            return float(v) if v.strip() else 0.0
        except ValueError:
            return None
    return None


def truthy(v: Any, js: bool) -> bool:
    if js and isinstance(v, float) and math.isnan(v):
        return False
    return bool(v)


def _py_binop(op: str, a: Any, b: Any) -> Any:
    if op == "*" and (isinstance(a, str) or isinstance(b, str)):
        n = b if isinstance(a, str) else a
        s = a if isinstance(a, str) else b
        if not isinstance(n, int) or len(s) * max(n, 0) > MAX_STRING:
            raise ValueError("too big")
    if op == "**" and (not isinstance(b, int | float) or abs(b) > 64):
        raise ValueError("too big")
    if op == "%" and isinstance(a, str):
        return a % b
    return _PY_OPS[op](a, b)


_PY_OPS: dict[str, Callable[[Any, Any], Any]] = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": lambda a, b: a / b,
    "//": lambda a, b: a // b,
    "%": lambda a, b: a % b,
    "**": lambda a, b: a**b,
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "in": lambda a, b: a in b,
    "notin": lambda a, b: a not in b,
    "is": lambda a, b: a is b if a is None or b is None or isinstance(a, bool) else a == b,
    "isnot": lambda a, b: not (a is b if a is None or b is None or isinstance(a, bool) else a == b),
    "&": lambda a, b: a & b,
    "|": lambda a, b: a | b,
    "^": lambda a, b: a ^ b,
    "<<": lambda a, b: a << b if 0 <= b < 64 else 1 // 0,
    ">>": lambda a, b: a >> b,
}


def _js_binop(op: str, a: Any, b: Any) -> Any:
    if op == "+":
        if isinstance(a, str) or isinstance(b, str):
            return _js_str(a) + _js_str(b)
        x, y = _js_num(a), _js_num(b)
        if x is None or y is None:
            raise ValueError("NaN")
        return x + y
    if op in ("==", "==="):
        return a == b if op == "===" or type(a) is type(b) else _js_num(a) == _js_num(b)
    if op in ("!=", "!=="):
        return not _js_binop("==" if op == "!=" else "===", a, b)
    if op in ("<", "<=", ">", ">="):
        if isinstance(a, str) and isinstance(b, str):
            return _PY_OPS[op](a, b)
        x, y = _js_num(a), _js_num(b)
        if x is None or y is None:
            return False
        return _PY_OPS[op](x, y)
    if op in ("-", "*", "/", "%", "**"):
        x, y = _js_num(a), _js_num(b)
        if x is None or y is None:
            raise ValueError("NaN")
        if op == "/":
            return x / y
        if op == "%":
            return math.fmod(x, y)
        if op == "**" and abs(y) > 64:
            raise ValueError("too big")
        return _PY_OPS[op](x, y)
    raise ValueError(op)


def binop(op: str, a: Domain, b: Domain, js: bool) -> Domain:
    """`a op b` over two domains (and/or are the caller's: they pick an operand)."""
    if a is None or b is None:
        return None
    out: set[Any] = set()
    for x in a:
        for y in b:
            try:
                v = _js_binop(op, x, y) if js else _py_binop(op, x, y)
            except (TypeError, ValueError, ZeroDivisionError, OverflowError, KeyError):
                return None
            if not _bounded(v):
                return None
            out.add(v)
            if len(out) > MAX_VALUES:
                return None
    return frozenset(out)


def unop(op: str, a: Domain, js: bool) -> Domain:
    if a is None:
        return None
    out: set[Any] = set()
    for x in a:
        try:
            if op in ("not", "!"):
                v: Any = not truthy(x, js)
            elif op == "-":
                n = _js_num(x) if js else x
                if n is None or isinstance(n, str):
                    return None
                v = -n
            elif op == "+":
                v = _js_num(x) if js else +x
            elif op == "typeof" and js:
                v = (
                    "string"
                    if isinstance(x, str)
                    else "boolean"
                    if isinstance(x, bool)
                    else "object"
                    if x is None
                    else "number"
                )
            else:
                return None
        except TypeError:
            return None
        out.add(v)
    return frozenset(out)


def truth(d: Domain, js: bool) -> bool | None:
    """True or False when every value of the domain agrees, else None."""
    if not d:
        return None
    seen = {truthy(v, js) for v in d}
    return seen.pop() if len(seen) == 1 else None


def join_strings(parts: Iterable[Domain], js: bool) -> Domain:
    """An f-string / template literal of constant parts."""
    acc: Domain = const("")
    for p in parts:
        if acc is None or p is None:
            return None
        acc = binop("+", acc, frozenset(v if isinstance(v, str) else _text(v, js) for v in p), js)
    return acc


def _text(v: Any, js: bool) -> str:
    return _js_str(v) if js else str(v)


def literal_text(v: Any, js: bool) -> str:
    """A constant as the language writes it (attribute values and Datalog facts)."""
    if isinstance(v, str):
        return v
    if js:
        return _js_str(v)
    return repr(v)


def _char_at(s: str, i: Any) -> str:
    if isinstance(i, bool) or not isinstance(i, (int, float)) or not float(i).is_integer():
        raise TypeError
    i = int(i)
    return s[i] if 0 <= i < len(s) else ""


def _at(s: str, i: Any) -> Any:
    if isinstance(i, bool) or not isinstance(i, int):
        raise TypeError
    return s[i] if -len(s) <= i < len(s) else None


#: String methods folded on constants, by language: name -> (receiver, args) -> value.
#: Only those whose result is a scalar and whose cost is bounded by the receiver.
_STR_METHODS: dict[bool, dict[str, Callable[..., Any]]] = {
    False: {
        "upper": lambda s: s.upper(),
        "lower": lambda s: s.lower(),
        "strip": lambda s, *c: s.strip(*c),
        "lstrip": lambda s, *c: s.lstrip(*c),
        "rstrip": lambda s, *c: s.rstrip(*c),
        "capitalize": lambda s: s.capitalize(),
        "title": lambda s: s.title(),
        "casefold": lambda s: s.casefold(),
        # Tests of a constant (`"dry-run".startswith("dry")`): the branch they
        # decide is known.
        "startswith": lambda s, p: s.startswith(p),
        "endswith": lambda s, p: s.endswith(p),
        "isdigit": lambda s: s.isdigit(),
        "isalpha": lambda s: s.isalpha(),
        "isalnum": lambda s: s.isalnum(),
    },
    True: {
        "charAt": _char_at,
        "at": _at,
        "toUpperCase": lambda s: s.upper(),
        "toLowerCase": lambda s: s.lower(),
        "trim": lambda s: s.strip(),
        "trimStart": lambda s: s.lstrip(),
        "trimEnd": lambda s: s.rstrip(),
        "startsWith": lambda s, p: s.startswith(p),
        "endsWith": lambda s, p: s.endswith(p),
        "includes": lambda s, p: p in s,
    },
}


def membership(item: Domain, items: list[Domain]) -> Domain:
    """The values of `item in (a, b, ...)` for a display of known items (None: not
    folded): true when one item can only be equal to it, false when none can be."""
    if item is None or any(d is None for d in items):
        return None
    out: set[bool] = set()
    for x in item:
        if any(d == frozenset({x}) for d in items):
            out.add(True)
        elif any(x in d for d in items if d is not None):
            out.update((True, False))
        else:
            out.add(False)
    return frozenset(out)


def method(name: str, recv: Domain, args: list[Domain], js: bool) -> Domain:
    """The values of `recv.name(*args)` for a string method on constants (None: not folded)."""
    fold = _STR_METHODS[js].get(name)
    if fold is None or recv is None or any(a is None or len(a) != 1 for a in args):
        return None
    given = [next(iter(a)) for a in args if a is not None]
    out: set[Any] = set()
    for r in recv:
        if not isinstance(r, str):
            return None
        try:
            v = fold(r, *given)
        except (TypeError, ValueError):
            return None
        if not _bounded(v):
            return None
        out.add(v)
    return frozenset(out)
