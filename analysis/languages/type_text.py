"""Declared types as written -> the one class name a receiver of that type has, or None.

Resolution only needs to know which class's members a value has, so a type
is erased to its base name: generics dropped (`Observable<T>`,
`List[Foo]` -> `Observable`, `List`), `null` / `undefined` / `None` dropped
from unions and optionals (`Foo | null`, `Optional[Foo]`, `?Foo`, `Foo=`),
wrappers that do not change the value's class unwrapped (`Annotated`,
`ClassVar`, `Final`, string annotations, `readonly`). Anything else that
names more than one class (a union of two classes, an intersection, an
object or function type, a tuple, a literal) erases to None: a receiver
with an ambiguous type resolves to nothing, never to a guess.

The result is a dotted name (`models.Model`, `Subscriber`) or, for JSDoc's
`import("./x").T`, the text `import("./x").T` kept whole for the enricher.
Pure text functions: no tree-sitter, no graph.
"""

from __future__ import annotations

import re

from graphwarden.analysis.text_split import split_top

#: Types that carry no class (dropped from unions; alone they erase to None).
_NOTHING_TS = frozenset({"null", "undefined", "void", "never"})
_NOTHING_PY = frozenset({"None", "NoneType"})
#: Python wrappers whose first argument is the value's type.
_PY_UNWRAP = frozenset(
    {
        "Optional",
        "typing.Optional",
        "t.Optional",
        "Annotated",
        "typing.Annotated",
        "ClassVar",
        "typing.ClassVar",
        "Final",
        "typing.Final",
        "Required",
        "NotRequired",
        "ReadOnly",
    }
)
_PY_UNION = frozenset({"Union", "typing.Union", "t.Union"})
#: A dotted name: what a type must erase to.
_DOTTED = re.compile(r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*\Z")
_IMPORT_TYPE = re.compile(r"""import\(\s*(['"])([^'"]+)\1\s*\)((?:\.[A-Za-z_$][\w$]*)*)\Z""")
#: Deepest nesting of wrappers followed (`Optional[Annotated[Final[...]]]`).
_MAX_DEPTH = 8


def _base_of_generic(text: str, open_ch: str) -> tuple[str, str] | None:
    """`Foo<A, B>` -> (`Foo`, `A, B`) when the brackets enclose the rest of `text`."""
    i = text.find(open_ch)
    close_ch = {"<": ">", "[": "]"}[open_ch]
    if i <= 0 or not text.endswith(close_ch):
        return None
    return text[:i].strip(), text[i + 1 : -1]


def erase_ts(text: str | None) -> str | None:
    """A TypeScript or JSDoc type as written -> its class name (see module docstring)."""
    if not text:
        return None
    t = text.strip().lstrip(":").strip()
    for _ in range(_MAX_DEPTH):
        if not t:
            return None
        # JSDoc markers: `?Foo` / `!Foo` (nullable, non-null), `Foo=` (optional), `...Foo`.
        t = t.lstrip("?!").removeprefix("...").rstrip("=").strip()
        if t.startswith("readonly "):
            t = t[len("readonly ") :].strip()
        if t.startswith("(") and t.endswith(")") and split_top(t, "|&=") == [t]:
            t = t[1:-1].strip()  # `(Foo | null)`: one parenthesised type
            continue
        alternatives = [p for p in split_top(t, "|") if p]
        if len(alternatives) > 1:
            kept = [p for p in alternatives if p not in _NOTHING_TS]
            if len(kept) != 1:
                return None
            t = kept[0]
            continue
        if len(split_top(t, "&")) > 1:
            return None
        if t in _NOTHING_TS or t.endswith("[]"):
            return None
        m = _IMPORT_TYPE.match(t)
        if m is not None:
            return f'import("{m.group(2)}"){m.group(3)}'
        generic = _base_of_generic(t, "<")
        if generic is not None:
            t = generic[0]
            continue
        return t if _DOTTED.match(t) else None
    return None


def erase_py(text: str | None) -> str | None:
    """A Python annotation as written -> its class name (see module docstring)."""
    if not text:
        return None
    t = text.strip()
    for _ in range(_MAX_DEPTH):
        if not t:
            return None
        if len(t) >= 2 and t[0] == t[-1] and t[0] in "'\"":
            t = t.strip("'\"").strip()  # a string (forward-reference) annotation
            continue
        alternatives = [p for p in split_top(t, "|") if p]
        if len(alternatives) > 1:
            kept = [p for p in alternatives if p not in _NOTHING_PY]
            if len(kept) != 1:
                return None
            t = kept[0]
            continue
        generic = _base_of_generic(t, "[")
        if generic is not None:
            base, args = generic
            if base in _PY_UNWRAP:
                t = split_top(args, ",")[0]
                continue
            if base in _PY_UNION:
                kept = [p for p in split_top(args, ",") if p and p not in _NOTHING_PY]
                if len(kept) != 1:
                    return None
                t = kept[0]
                continue
            t = base
            continue
        if t in _NOTHING_PY:
            return None
        constrained = _PY_CONSTRAINED.match(t)
        if constrained is not None:
            # Pydantic's `conint(ge=1)`: an int with limits.
            return _PY_CONSTRAINED_TYPES[constrained.group(1)]
        return t if _DOTTED.match(t) else None
    return None


#: Python's containers of elements of one type (`list[int]`), or of the types listed.
_PY_CONTAINERS = frozenset(
    {
        *("list", "List", "typing.List", "set", "Set", "typing.Set"),
        *("frozenset", "FrozenSet", "typing.FrozenSet", "tuple", "Tuple", "typing.Tuple"),
        *("Sequence", "typing.Sequence", "collections.abc.Sequence"),
        *("Iterable", "typing.Iterable", "collections.abc.Iterable"),
    }
)


def py_element_types(text: str | None) -> list[str] | None:
    """A Python container annotation (`List[int]`, `tuple[int, ...]`, wrapped in
    `Optional` or `Annotated`) -> its elements' types, erased (`erase_py`);
    None for any other annotation, or an element type that does not erase."""
    if not text:
        return None
    t = text.strip()
    for _ in range(_MAX_DEPTH):
        generic = _base_of_generic(t, "[")
        if generic is None:
            return None
        base, args = generic
        if base in _PY_UNWRAP:
            t = split_top(args, ",")[0].strip()
            continue
        if base not in _PY_CONTAINERS:
            return None
        out = []
        for arg in split_top(args, ","):
            if arg.strip() == "...":
                continue
            erased = erase_py(arg)
            if erased is None:
                return None
            out.append(erased)
        return out or None
    return None


#: Pydantic's constrained types written as calls (`conint(gt=0)`), by the type each is.
_PY_CONSTRAINED_TYPES = {
    "conint": "int",
    "confloat": "float",
    "condecimal": "Decimal",
    "condate": "date",
    "constr": "str",
    "conbytes": "bytes",
}
_PY_CONSTRAINED = re.compile(
    r"^(?:pydantic\.)?(con(?:int|float|decimal|date|str|bytes))\(.*\)$", re.S
)


#: Generic collections whose first type argument is what iterating them gives.
_TS_ITERABLES = frozenset(
    {
        "Array",
        "ReadonlyArray",
        "Set",
        "ReadonlySet",
        "Iterable",
        "IterableIterator",
        "Iterator",
        "Generator",
        "AsyncIterable",
        "SortableSet",
        "LazySet",
    }
)
_PY_ITERABLES = frozenset(
    {
        "list",
        "List",
        "set",
        "Set",
        "frozenset",
        "FrozenSet",
        "Sequence",
        "MutableSequence",
        "Iterable",
        "Iterator",
        "Collection",
        "AbstractSet",
        "MutableSet",
        "Generator",
        "deque",
        "Deque",
    }
)


def element_ts(text: str | None) -> str | None:
    """What a `for ... of` over a value of this type gives: `Foo[]`, `Set<Foo>`,
    `Iterable<Foo>` -> `Foo` (erased); None for anything else (maps, unions...)."""
    if not text:
        return None
    t = text.strip().lstrip(":").strip().lstrip("?!").rstrip("=").strip()
    alternatives = [p for p in split_top(t, "|") if p and p not in _NOTHING_TS]
    if len(alternatives) != 1:
        return None
    t = alternatives[0]
    if t.endswith("[]"):
        return erase_ts(t[:-2])
    generic = _base_of_generic(t, "<")
    if generic is None or generic[0] not in _TS_ITERABLES:
        return None
    return erase_ts(split_top(generic[1], ",")[0])


def element_py(text: str | None) -> str | None:
    """What a `for` over a value of this annotation gives: `list[Foo]`,
    `Iterable[Foo]`, `tuple[Foo, ...]` -> `Foo` (erased); None otherwise."""
    if not text:
        return None
    t = text.strip().strip("'\"")
    alternatives = [p for p in split_top(t, "|") if p and p not in _NOTHING_PY]
    if len(alternatives) != 1:
        return None
    t = alternatives[0]
    generic = _base_of_generic(t, "[")
    if generic is None:
        return None
    base, args = generic[0].rsplit(".", 1)[-1], split_top(generic[1], ",")
    if base in ("Optional",):
        return element_py(args[0])
    if base in ("tuple", "Tuple") and len(args) == 2 and args[1] == "...":
        return erase_py(args[0])
    if base not in _PY_ITERABLES:
        return None
    return erase_py(args[0])
