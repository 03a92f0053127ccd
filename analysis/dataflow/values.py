"""Abstract values: what the interpreter knows about one value at one point.

A `Val` is immutable once built (operations return new ones), so states can
be copied by copying the name -> Val dict. It holds:

* ``taint``: labels -> hops. A label is (origin, sanitized classes): the
  origin is a source (``S|label|node id``) or, while a function's summary is
  computed, a parameter (``P|i`` the whole parameter, ``P|i|key`` one of its
  fields); the sanitized classes are those the data was made safe for. The
  hops are the semantic ids the data passed through (variables, calls,
  parameters), the first-found path (deterministic: the interpreter always
  visits in the same order);
* ``consts``: the value domain (analysis/dataflow/consts.py);
* ``fields`` (constant keys and attribute names), ``seq`` (known positions of
  a list or tuple) and ``elems`` (anything else inside): containers and
  objects, so a dict read at a constant key that never held user data is
  clean;
* ``qn``: the qualified name models match (``flask.request.args``,
  ``sqlite3.connect().cursor()``), ``cls`` the workspace class of an
  instance, ``flags`` marks set by flag models (a parser with external
  entities on), ``fn`` a function value (a lambda or nested definition).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graphwarden.analysis.dataflow import consts
from graphwarden.analysis.dataflow.consts import Domain

Hops = tuple[str, ...]
#: (origin, classes sanitized for).
Label = tuple[str, frozenset[str]]
Taint = dict[Label, Hops]
#: A text's known start and the labels of what follows it (`Val.prefix`).
Prefix = tuple[str, Taint]

#: Longest path kept for a label (the first hops are kept).
MAX_HOPS = 32
#: How deep containers are followed (fields of fields of ...).
MAX_NEST = 4
#: A sanitizer for every class.
ALL = frozenset({"*"})

_NO_TAINT: Taint = {}


class Val:
    __slots__ = (
        "cls",
        "consts",
        "deep",
        "elems",
        "fields",
        "flags",
        "fn",
        "prefix",
        "qn",
        "seq",
        "taint",
    )

    def __init__(
        self,
        taint: Taint | None = None,
        consts: Domain = None,
        fields: dict[Any, Val] | None = None,
        elems: Val | None = None,
        seq: tuple[Val, ...] | None = None,
        qn: str | None = None,
        cls: str | None = None,
        flags: frozenset[str] = frozenset(),
        fn: tuple[Any, ...] | None = None,
        prefix: Prefix | None = None,
    ) -> None:
        self.taint = taint if taint is not None else _NO_TAINT
        self.consts = consts
        self.fields = fields
        self.elems = elems
        self.seq = seq
        self.qn = qn
        self.cls = cls
        self.flags = flags
        self.fn = fn
        #: The constant text a string not wholly known starts with (`"safe!" + q`:
        #: `safe!`), and the labels of the data after it as they came (a start
        #: that fixes a URL's host made the whole safe for SSRF; a piece cut
        #: out after it is not), or None. `replace` drops it unless it is
        #: given: a value made from another (escaped, cut, sanitized) may start
        #: otherwise.
        self.prefix = prefix
        #: `deep_taint(self)`, once asked (a value is never changed once made:
        #: `replace` makes a new one).
        self.deep: Taint | None = None

    def replace(self, **kw: Any) -> Val:
        v = Val(
            self.taint,
            self.consts,
            self.fields,
            self.elems,
            self.seq,
            self.qn,
            self.cls,
            self.flags,
            self.fn,
        )
        for k, x in kw.items():
            setattr(v, k, x)
        return v

    @property
    def empty(self) -> bool:
        return (
            not self.taint
            and self.consts is None
            and not self.fields
            and self.elems is None
            and self.seq is None
            and self.qn is None
            and self.cls is None
            and not self.flags
            and self.fn is None
        )

    def __repr__(self) -> str:  # debugging aid
        parts = []
        if self.taint:
            parts.append(f"taint={sorted(k[0] for k in self.taint)}")
        if self.consts is not None:
            parts.append(f"consts={sorted(map(repr, self.consts))}")
        if self.fields:
            parts.append(f"fields={self.fields!r}")
        if self.seq is not None:
            parts.append(f"seq={list(self.seq)!r}")
        if self.elems is not None:
            parts.append(f"elems={self.elems!r}")
        for k in ("qn", "cls", "fn"):
            if getattr(self, k) is not None:
                parts.append(f"{k}={getattr(self, k)!r}")
        if self.flags:
            parts.append(f"flags={sorted(self.flags)}")
        return "Val(" + ", ".join(parts) + ")"


EMPTY = Val()


def const_val(v: Any) -> Val:
    return Val(consts=consts.const(v))


#: The longest constant start a text keeps (`Val.prefix`).
MAX_PREFIX = 200


def leading_text(parts: Iterable[Val]) -> Prefix | None:
    """The constant text that text joined from `parts` in order starts with, and the
    labels of what follows it, when a part after it is not known (None: nothing
    known, or the whole is constant)."""
    out = ""
    rest: Taint | None = None
    for p in parts:
        if rest is not None:
            rest = merge_taint(rest, deep_taint(p))
            continue
        c = single_const(p)
        if isinstance(c, str):
            out += c
            continue
        if p.prefix is not None:
            out += p.prefix[0]
            rest = p.prefix[1]
        else:
            rest = deep_taint(p)
    if rest is None or not out:
        return None
    return out[:MAX_PREFIX], rest


def merge_taint(a: Taint, b: Taint) -> Taint:
    """Both label sets; a label in both keeps `a`'s path (the first found)."""
    if not b:
        return a
    if not a:
        return b
    out = dict(a)
    for k, hops in b.items():
        if k not in out:
            out[k] = hops
    return out


#: The name of a source's value as it came (`raw_taint`) when which source's is
#: not one name: a summary's parameter holding one, two such values joined. No
#: model matches it, and it is no call's.
RAW_QN = "?raw"


def join(a: Val, b: Val, depth: int = 0) -> Val:
    """Either value (the state after two branches meet)."""
    if a is b:
        return a
    # An empty value is an unknown one: joined, no constant survives.
    if a.empty:
        return b if b.consts is None else b.replace(consts=None)
    if b.empty:
        return a if a.consts is None else a.replace(consts=None)
    fields: dict[Any, Val] | None = None
    if (a.fields or b.fields) and depth < MAX_NEST:
        fields = dict(a.fields or {})
        for k, v in (b.fields or {}).items():
            fields[k] = join(fields[k], v, depth + 1) if k in fields else v
        for k in fields:
            if isinstance(k, int) and not isinstance(k, bool):
                # A list's known position (its head) that the other list may hold
                # anything at: that other value joins it.
                for this, other in ((a, b), (b, a)):
                    if k in (this.fields or {}) and k not in (other.fields or {}):
                        fields[k] = join(fields[k], _at(other, k), depth + 1)
    seq: tuple[Val, ...] | None = None
    elems = (
        a.elems
        if b.elems is None
        else b.elems
        if a.elems is None
        else join(a.elems, b.elems, depth + 1)
    )
    if a.seq is not None and b.seq is not None and len(a.seq) == len(b.seq) and depth < MAX_NEST:
        seq = tuple(join(x, y, depth + 1) for x, y in zip(a.seq, b.seq))
    elif a.seq and b.seq and fields is None and depth < MAX_NEST:
        # Two lists that share their first positions (`cmd = ["git", "log"]`, then
        # an `append` in one branch): those stay known, as integer fields (the
        # head `engine.list_head` reads); the rest is "somewhere inside".
        common = min(len(a.seq), len(b.seq))
        fields = {i: join(a.seq[i], b.seq[i], depth + 1) for i in range(common)}
        for rest in (a.seq[common:], b.seq[common:]):
            for x in rest:
                elems = x if elems is None else join(elems, x, depth + 1)
    elif a.seq is not None or b.seq is not None:
        # Lengths differ: keep the positions as "somewhere inside".
        for s in (a.seq, b.seq):
            for x in s or ():
                elems = x if elems is None else join(elems, x, depth + 1)
    if elems is not None and depth < MAX_NEST:
        # A side that is data of no known shape (`parse_qs(qs).get("uid", [""])`:
        # the request's list or the default) may hold anything: the elements the
        # other side knows are no longer all it can hold (their constants go).
        opaque = merge_taint(a.taint if _shapeless(a) else {}, b.taint if _shapeless(b) else {})
        if opaque:
            elems = join(elems, Val(opaque), depth + 1)
    # `ok ? url : null`: a URL or nothing keeps what the URL is. (And `Array.isArray(f)
    # ? f[0] : f`, an object or its first item, is read as its item: the models
    # name a list's items, `files[].path`, where either may come.)
    qn = a.qn if a.qn == b.qn else (a.qn if _nothing(b) else b.qn if _nothing(a) else None)
    if qn is None and a.qn is not None and b.qn is not None:
        qn = a.qn if a.qn == b.qn + "[]" else b.qn if b.qn == a.qn + "[]" else None
        if qn is None and _pathlib_path(a.qn) and _pathlib_path(b.qn):
            # `p = p.with_suffix(".md")` in one branch: a path either way.
            qn = PATHLIB_PATH
        elif qn is None and came_as_it_is(a) and came_as_it_is(b):
            # Two sources' values as they came (`body.get(f)` stored by a
            # builder's method, or the value its caller's object held there):
            # either may be an object, which a NoSQL filter reads as operators.
            qn = RAW_QN
    cls = a.cls if a.cls == b.cls else (a.cls if _nothing(b) else b.cls if _nothing(a) else None)
    fn = either_library(a, b) or (a.fn if a.fn == b.fn else either_function(a.fn, b.fn))
    if fn is not None and fn[0] in _CALLABLE and depth == 0:
        # `{"json": decode_json, "pickle": pickle.loads}` read at an unknown key:
        # a library's function is one of those that may be called.
        for side in (a, b):
            if _library_function(side):
                fn = either_function(fn, (LIBRARY_FUNCTION, side.qn))
    if cls is None and (fn is None or fn[0] == CLASSES):
        # (One of two classes, or of a few and one more: `either_function` keeps
        # the side that has a union when the other's class is in `cls`.)
        fn = either_class(a, b) or fn
    return Val(
        merge_taint(a.taint, b.taint),
        consts.join(a.consts, b.consts),
        fields,
        elems,
        seq,
        qn,
        cls,
        a.flags | b.flags,
        fn,
    )


#: The tag of a value that is one of several functions: (UNION, (fn, ...)), each
#: a workspace function ("ref", id), a nested definition ("def", path) or a
#: lambda ("lambda", ...): a table of handlers read at a key the analysis does
#: not know (`PARSERS[type](body)`) may call any of them.
UNION = "union"
#: The tag of a method of a workspace object taken as a value (`handler =
#: self.handle_vacuum`, `getattr(self, "handle_" + action)`): (METHOD, method
#: id, the object): calling it calls the method on that object.
METHOD = "method"
#: The tag of a library's function among a union's: (LIBRARY_FUNCTION, qn).
LIBRARY_FUNCTION = "library-function"
#: Val.fn of a call's result the interpreter did not work out yet (the engine's
#: `apply`): (RETURNED, target, context). A factory's result (`clamp(10, 100)`)
#: among functions (a table's values read at an unknown key) is one of them.
RETURNED = "returned"
_CALLABLE = frozenset({"ref", "def", "lambda", UNION, METHOD, LIBRARY_FUNCTION})
#: The most functions a value is known to be one of.
MAX_ALTERNATIVES = 8


#: The tag of a value that is one of a few library objects: (LIBRARIES, (qn, ...)),
#: `u.protocol === "https:" ? https : http`. A method called on it is each
#: object's method (its sinks are each one's).
LIBRARIES = "libraries"


def libraries(v: Val) -> tuple[str, ...]:
    """The library objects `v` is one of (a qualified name, or a union of them)."""
    if v.qn is not None:
        return (v.qn,) if v.fn is None else ()
    if v.fn is not None and v.fn[0] == LIBRARIES:
        return tuple(v.fn[1])
    return ()


def _library_function(v: Val) -> bool:
    """Whether `v` is a library's function, named, holding nothing else."""
    return (
        v.fn is None
        and v.qn is not None
        and not v.qn.startswith("?")
        and not v.taint
        and v.fields is None
        and v.elems is None
        and v.seq is None
        and v.consts is None
        and v.cls is None
    )


def either_library(a: Val, b: Val) -> tuple[Any, ...] | None:
    """Two library objects met (each branch chose one): either of them."""
    if a.qn == b.qn or a.taint or b.taint or a.fields or b.fields:
        # Data (a request's parts) keeps its own ways: only objects a program
        # imported or made from constants are told apart.
        return None
    left, right = libraries(a), libraries(b)
    if not left or not right:
        return None
    return (LIBRARIES, tuple(sorted(set(left) | set(right)))[:MAX_ALTERNATIVES])


#: The tag of a value that is an object of one of a few workspace classes:
#: (CLASSES, (class id, ...)), `STRATEGIES.get(kind)` of `{"newest": Newest(),
#: "column": ByColumn()}`. A method called on it is each class's.
CLASSES = "classes"


def classes(v: Val) -> tuple[str, ...]:
    """The workspace classes an object `v` is of (one, or a union of them)."""
    if v.fn is None:
        return (v.cls,) if v.cls is not None else ()
    return tuple(v.fn[1]) if v.fn[0] == CLASSES else ()


def either_class(a: Val, b: Val) -> tuple[Any, ...] | None:
    """Two objects of different workspace classes met: one of either class."""
    left, right = classes(a), classes(b)
    if not left or not right:
        return None
    return (CLASSES, tuple(sorted(set(left) | set(right)))[:MAX_ALTERNATIVES])


def either_function(a: tuple[Any, ...] | None, b: tuple[Any, ...] | None) -> tuple[Any, ...] | None:
    """The function a value is after two branches meet, each having made it one
    (a table of a module's functions read at an unknown key: any of them)."""
    if a is None:
        return b
    if b is None:
        return a
    if (a[0] not in _CALLABLE or b[0] not in _CALLABLE) and not (
        # (A factory's result, not worked out, among functions.)
        {a[0], b[0]} & _CALLABLE and RETURNED in (a[0], b[0])
    ):
        return a
    alternatives: list[tuple[Any, ...]] = []
    for f in (*(a[1] if a[0] == UNION else (a,)), *(b[1] if b[0] == UNION else (b,))):
        if f not in alternatives:
            alternatives.append(f)
    return (UNION, tuple(alternatives[:MAX_ALTERNATIVES]))


def _at(v: Val, k: int) -> Val:
    """What list `v` may hold at position `k`, as far as `join` needs it."""
    if v.seq is not None:
        return v.seq[k] if -len(v.seq) <= k < len(v.seq) else EMPTY
    if v.elems is not None or v.taint:
        return element(v)
    return EMPTY


def deep_taint(v: Val, depth: int = 0) -> Taint:
    """Every label in the value, its fields and elements."""
    if depth == 0:
        # An object's data is asked for at each of its method calls (`self`,
        # a big module object): kept on the value.
        if v.deep is None:
            v.deep = _deep_taint(v, 0)
        return v.deep
    return _deep_taint(v, depth)


def _deep_taint(v: Val, depth: int) -> Taint:
    t = v.taint
    if depth >= MAX_NEST:
        return t
    for k, f in (v.fields or {}).items():
        if k != KEYS:
            # (Keys the data wrote are read only as keys: `keys_of`.)
            t = merge_taint(t, _deep_taint(f, depth + 1))
    if v.elems is not None:
        t = merge_taint(t, _deep_taint(v.elems, depth + 1))
    for x in v.seq or ():
        t = merge_taint(t, _deep_taint(x, depth + 1))
    return t


#: Calls whose result is an object built from text the caller chose.
_OBJECT_PARSERS = frozenset({"JSON.parse()", "qs.parse()", "querystring.parse()", "json.loads()"})
#: The mark of data a test proved a string (`isinstance(x, str)`, `typeof x ===
#: "string"`), a part of a parsed object too.
STRING_CHECKED = "string-checked"
#: The start of the name of a part of what they parsed (`qs.parse().t`).
_PARSED_PARTS = tuple(sorted(f"{p}{sep}" for p in _OBJECT_PARSERS for sep in (".", "[")))


def _made_by_source(v: Val) -> bool:
    """Whether the call that made `v` (its `qn` is `f()`) is a source itself."""
    assert v.qn is not None
    made_by = v.qn[: v.qn.rfind("(")]
    return any(origin.split("|", 3)[2:3] == [made_by] for origin, _ in v.taint)


#: Methods that hand back an item of an object as it is (`body.get("email")`).
ITEM_GETTERS = (".get()", ".pop()", ".setdefault()")

#: MongoDB operators whose operand is a value compared as it is, never read as
#: an operator: a request's object under them injects nothing.
_LITERAL_OPERATORS = frozenset({"$eq", "$ne", "$in", "$nin"})


def came_as_it_is(v: Val) -> bool:
    """Whether `v` is a source's value as it came: read by name or handed back
    by an item getter (`body.get("email")`), or the source call's own result
    (`request.get_json()`); a call's result is otherwise what the call made
    (`String(x)` is text)."""
    return (
        bool(v.taint)
        and v.qn is not None
        and v.fn is None
        and (not v.qn.endswith(")") or v.qn.endswith(ITEM_GETTERS) or _made_by_source(v))
    )


def raw_taint(v: Val, cls: str, depth: int = 0) -> Taint:
    """The taint of the values in `v` that are a source's data as it came (a
    request value read by name, which may be an object), not text built from
    it: what a `raw_value` sink of class `cls` counts."""
    if v.taint and v.qn is not None and v.fn is None:
        if v.qn in _OBJECT_PARSERS or v.qn.startswith(_PARSED_PARTS):
            # Objects parsed from text the request chose, and their parts
            # (`qs.parse(ctx.querystring).t` may be `{"$ne": ""}`): a string
            # source (a query string, made safe for `cls` as a string) is one no
            # more, unless a test proved the part a string since.
            return {
                (origin, san if STRING_CHECKED in san else san - {cls}): hops
                for (origin, san), hops in deep_taint(v).items()
            }
        if came_as_it_is(v):
            return deep_taint(v)
    out: Taint = {}
    if depth >= MAX_NEST:
        return out
    fields = v.fields or {}
    if cls == "nosql-injection" and not _LITERAL_OPERATORS.isdisjoint(fields):
        # `{"name": {"$eq": x}}` compares with x as it is, even an object.
        fields = {k: f for k, f in fields.items() if k not in _LITERAL_OPERATORS}
    for inner in (*fields.values(), *(v.seq or ())):
        out = merge_taint(out, raw_taint(inner, cls, depth + 1))
    if v.elems is not None:
        out = merge_taint(out, raw_taint(v.elems, cls, depth + 1))
    return out


def _shapeless(v: Val) -> bool:
    """Whether `v` is data whose shape nothing says (no fields, elements or positions)."""
    return bool(v.taint) and not v.fields and v.elems is None and v.seq is None


#: What `pathlib`'s paths are called when which one is not known.
PATHLIB_PATH = "pathlib.Path()"

#: pathlib's constructors, and the members of a path that make another path.
_PATH_MAKERS = frozenset(
    {
        "Path()",
        "PurePath()",
        "PosixPath()",
        "PurePosixPath()",
        "WindowsPath()",
        "PureWindowsPath()",
        "parent",
        "with_name()",
        "with_stem()",
        "with_suffix()",
        "joinpath()",
        "resolve()",
        "absolute()",
        "expanduser()",
        "relative_to()",
    }
)


def _pathlib_path(qn: str) -> bool:
    """Whether a qualified name is a `pathlib` path (`pathlib.Path().with_suffix()`),
    not a text or a flag read of one (`.name`, `.exists()`)."""
    return qn.startswith("pathlib.") and qn.rsplit(".", 1)[-1] in _PATH_MAKERS


def _nothing(v: Val) -> bool:
    """Whether `v` is only `None` / `null` / `undefined`."""
    return (
        bool(v.consts)
        and all(c is None for c in v.consts or ())
        and not v.taint
        and not v.fields
        and v.elems is None
        and v.seq is None
        and v.qn is None
        and v.cls is None
        and v.fn is None
    )


#: The field of a container holding what its keys written by the program's
#: data are (`counts[tag] = n`, `m.set(tag, n)`): read by what gives its keys
#: (`keys()`, `items()`, iterating a Python dict, `Object.keys`), never as a value.
KEYS = "\x00keys"


def element(v: Val) -> Val:
    """An element of a container (iteration, an unknown index): one of its values."""
    out: Val | None = v.elems
    for x in v.seq or ():
        out = x if out is None else join(out, x)
    if v.fields and v.seq is None:
        for k, x in v.fields.items():
            if k != KEYS:
                out = x if out is None else join(out, x)
    if out is None:
        out = EMPTY
    if v.taint:
        out = out.replace(taint=merge_taint(out.taint, v.taint))
    return out


def keys_of(v: Val) -> Val:
    """What a container's keys are: those its data wrote (`KEYS`), and its own data."""
    written = (v.fields or {}).get(KEYS)
    return Val(merge_taint(v.taint, written.taint) if written is not None else v.taint)


def with_keys(o: Val, key: Val) -> Val:
    """`o` with `key` among the keys written by data (`KEYS`), when it holds data."""
    if not key.taint:
        return o
    fields = dict(o.fields or {})
    old = fields.get(KEYS)
    fields[KEYS] = Val(merge_taint(old.taint, key.taint) if old is not None else key.taint)
    return o.replace(fields=fields)


def with_hop(t: Taint, hop: str | None) -> Taint:
    """The labels with `hop` appended to their paths (once)."""
    if not t or not hop:
        return t
    out: Taint = {}
    for k, hops in t.items():
        if hops and hops[-1] == hop:
            out[k] = hops
        elif len(hops) < MAX_HOPS:
            out[k] = (*hops, hop)
        else:
            out[k] = hops
    return out


def hop_val(v: Val, hop: str | None, depth: int = 0) -> Val:
    """The value with `hop` appended to every path inside it."""
    if not hop or depth > MAX_NEST:
        return v
    fields = {k: hop_val(f, hop, depth + 1) for k, f in v.fields.items()} if v.fields else v.fields
    seq = tuple(hop_val(x, hop, depth + 1) for x in v.seq) if v.seq is not None else None
    elems = hop_val(v.elems, hop, depth + 1) if v.elems is not None else None
    if not v.taint and fields is v.fields and seq is None and elems is None and v.seq is None:
        return v
    return v.replace(
        taint=with_hop(v.taint, hop),
        fields=fields,
        seq=seq,
        elems=elems,
        prefix=None if v.prefix is None else (v.prefix[0], with_hop(v.prefix[1], hop)),
    )


def sanitize(t: Taint, classes: frozenset[str] | None) -> Taint:
    """Labels made safe for `classes` (None: every class, the labels go)."""
    if not t:
        return t
    if classes is None:
        return {}
    out: Taint = {}
    for (origin, san), hops in t.items():
        key = (origin, san | classes)
        if key not in out:
            out[key] = hops
    return out


def sanitize_val(v: Val, classes: frozenset[str] | None) -> Val:
    if classes is None:
        return Val(consts=v.consts, qn=v.qn, cls=v.cls, flags=v.flags)
    t = sanitize(deep_taint(v), classes)
    return Val(t, v.consts, qn=v.qn, cls=v.cls, flags=v.flags)


def same(a: Val, b: Val, depth: int = 0) -> bool:
    """Structurally equal as far as the fixpoint cares (labels, not paths)."""
    if a is b:
        return True
    if a.taint.keys() != b.taint.keys() or a.consts != b.consts or a.qn != b.qn:
        return False
    if a.cls != b.cls or a.flags != b.flags or a.fn != b.fn:
        return False
    if depth >= MAX_NEST:
        return True
    af, bf = a.fields or {}, b.fields or {}
    if af.keys() != bf.keys() or any(not same(af[k], bf[k], depth + 1) for k in af):
        return False
    if (a.elems is None) != (b.elems is None):
        return False
    if a.elems is not None and b.elems is not None and not same(a.elems, b.elems, depth + 1):
        return False
    if (a.seq is None) != (b.seq is None):
        return False
    if a.seq is not None and b.seq is not None:
        if len(a.seq) != len(b.seq):
            return False
        return all(same(x, y, depth + 1) for x, y in zip(a.seq, b.seq))
    return True


def single_const(v: Val) -> Any:
    """The one constant the value is, or `NO_CONST`."""
    if v.consts is not None and len(v.consts) == 1:
        return next(iter(v.consts))
    return NO_CONST


NO_CONST: Any = object()
