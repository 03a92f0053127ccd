"""The taint interpreter: one body at a time, with function summaries at resolved calls.

`World` is what the interpreter reads of one snapshot revision: the files'
flow facts (their summaries), where each call goes (the calls enricher's
CALLS edges), and the memo of function summaries. `Interp` runs one body's
IR (analysis/dataflow/ir.py) over abstract values (values.py):

* **flow-sensitive inside a body**: statements run in order over a state
  (name -> value); an assignment replaces what a name held (so a value
  overwritten before the sink is clean), branches are joined where they
  meet, a branch whose condition has a constant value is the only one
  taken, loops run until their state stops changing (at most
  `LOOP_ROUNDS` rounds), a ``try`` joins every way out of it;
* **containers and objects**: constant keys and attribute names, list
  positions while they are known, everything else as "an element";
* **interprocedural** by summaries: at a call the calls enricher resolved
  (or a method of an instance whose class is known), the callee's summary
  for the calling context (which parameters carry user data, their
  constant values and qualified names) says what it returns (parameter
  data, sources it reads itself), which parameter data reaches a sink in
  it, what it stores into its parameters, and what it sanitises. Summaries
  are memoised per (function, context, depth) for the revision; recursion
  is solved by iterating the summary from empty until it stops changing
  (`RECURSION_ROUNDS`), and nothing computed from an unfinished summary is
  memoised; calls deeper than `MAX_CALL_DEPTH` fall back to the models;
* **models** (models.py) for everything else: sources, sinks with the
  arguments that matter and their conditions, sanitizers (and guards:
  ``if url_is_safe(u):``), propagators, flags. An unresolved call with no
  model carries its receiver's and arguments' data into its result.

Results are a pure function of the snapshot and the models: every table is
visited in a fixed order, and paths are the first found in that order.
Every body the interpreter reads besides the one analysed is recorded in
`deps`, so the enricher can say which bodies its result depends on.

Size: one module, because the interpreter is one recursive evaluation over
one abstract state (values, taint labels with their paths, fields,
constants): the statement and expression cases, the call summaries and the
fixed point over recursion read and write that state together, and splitting
them would turn its private invariants into an API.
"""

from __future__ import annotations

import ast
import fnmatch
import functools
import re
import string
import threading
import weakref
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from cachetools import LRUCache

from graphwarden.analysis import defaults
from graphwarden.analysis.dataflow import (
    consts,
    graphql_schema,
    guards,
    ir,
    route_validators,
    schema_validators,
    url_prefix,
)
from graphwarden.analysis.dataflow.models import (
    CONFIGURATION_HARMLESS,
    CONFIGURATION_SOURCES,
    Condition,
    Matcher,
    SanitizerModel,
    SinkModel,
    SourceModel,
    pattern_matches,
    text_matches,
)
from graphwarden.analysis.dataflow.qualified import import_qn, js_module
from graphwarden.analysis.dataflow.values import (
    ALL,
    EMPTY,
    ITEM_GETTERS,
    KEYS,
    NO_CONST,
    STRING_CHECKED,
    Prefix,
    Taint,
    Val,
    came_as_it_is,
    const_val,
    deep_taint,
    element,
    hop_val,
    join,
    keys_of,
    leading_text,
    merge_taint,
    raw_taint,
    same,
    sanitize,
    sanitize_val,
    single_const,
    with_hop,
    with_keys,
)
from graphwarden.analysis.dataflow.values import (
    CLASSES as _CLASSES,
)
from graphwarden.analysis.dataflow.values import (
    LIBRARIES as _LIBRARIES,
)
from graphwarden.analysis.dataflow.values import (
    LIBRARY_FUNCTION as _LIBRARY_FUNCTION,
)
from graphwarden.analysis.dataflow.values import (
    METHOD as _METHOD,
)
from graphwarden.analysis.dataflow.values import (
    PATHLIB_PATH as _PATH_QN,
)
from graphwarden.analysis.dataflow.values import (
    RAW_QN as _RAW_QN,
)
from graphwarden.analysis.dataflow.values import (
    RETURNED as _RETURNED,
)
from graphwarden.analysis.dataflow.values import (
    UNION as _UNION,
)
from graphwarden.analysis.enrichers.names import lookup_member
from graphwarden.analysis.enrichers.workspace import FileSummary, WorkspaceIndex, is_python
from graphwarden.analysis.model import (
    MODULE_SCOPE,
    EdgeType,
    Node,
    NodeAttrs,
    NodeType,
    base_order,
    definition_id,
    file_of_id,
    module_id,
    parse_id,
    scoped_id,
    str_attr,
    str_list_attr,
)
from graphwarden.analysis.summaries import SummaryNode, summary_flow
from graphwarden.analysis.text_split import split_top

if TYPE_CHECKING:
    from graphwarden.analysis.store import Snapshot
    from graphwarden.analysis.store.snapshot import OpenEnvironment

#: Calls followed into summaries from the analysed body (deeper: the models).
MAX_CALL_DEPTH = 3
#: The page's location objects, and the parts of it that are the page's own origin.
_PAGE_LOCATIONS = frozenset({"location", "window.location", "document.location", "self.location"})
_PAGE_ORIGIN_PARTS = frozenset({"origin", "host", "hostname", "protocol", "port"})
#: What a call one level past `MAX_CALL_DEPTH` may still read, when it calls
#: nothing of the workspace itself (`World.leaf`).
_LEAF_KINDS = frozenset({NodeType.FUNCTION, NodeType.METHOD})
#: Rounds a loop body is run to reach its fixpoint.
LOOP_ROUNDS = 3
#: Rounds a recursive summary is recomputed to reach its fixpoint.
RECURSION_ROUNDS = 4
#: Statements one body's analysis may run (a bound on pathological code).
STEP_BUDGET = 20_000
#: Deepest statement / expression nesting interpreted.
MAX_NEST = 40
#: `in` and its negation (the IR spells `not in` as `notin`).
_MEMBERSHIP = frozenset({"in", "notin"})
#: Narrowings `Interp._unchanged` follows back from a name's value.
_MAX_NARROWINGS = 8
#: A function with more `return`s than this proves nothing by its result.
MAX_RETURN_CHECKS = 8
#: How deep `and`/`or` conditions are taken apart for what they prove.
MAX_DEPTH_GUARD = 8

#: What a `!PATTERN` condition counts as an argument not given (its default).
_ABSENT = frozenset({"None", "null", "undefined"})
#: Stored tests (`ok = check(u)`) kept per body at most.
_MAX_STORED_TESTS = 64
#: URL rule converters (Werkzeug, Bottle) whose values are numbers or UUIDs.
_NUMBER_CONVERTERS = ("int", "float", "uuid")
#: Sanic's path types that hold letters, digits and `-` only (`<name:slug>`,
#: `<name:alpha>`, a date `<day:ymd>`).
_SANIC_WORD_TYPES = ("slug", "alpha", "ymd")
#: Decorators of Pydantic field validators, and the field names they quote.
_FIELD_VALIDATORS = ("field_validator(", "validator(", "pydantic.field_validator(")
_QUOTED = re.compile(r"""["'](\w+)["']""")
#: A class-based view's captures, by qualified name (`django.toml`).
_DJANGO_CAPTURES = frozenset({"DjangoClassView.kwargs"})
#: A Django route pattern's capture its converter makes a number, UUID or slug.
_DJANGO_CONVERTED = re.compile(r"<(?:int|uuid|slug):(\w+)>")
#: The functions that route a URL to a Django view (the first argument the route).
_DJANGO_ROUTES = frozenset(
    {"django.urls.path", "django.urls.re_path", "django.conf.urls.url", "django.conf.urls.re_path"}
)
#: A `path()` route's capture: `<int:pk>`, `<name>` (a `str`).
_PATH_CAPTURE = re.compile(r"<(?:(\w+):)?(\w+)>")
#: Converters whose value holds no character any class's attack needs: a
#: number, a UUID, a slug (letters, digits, `-` and `_`).
_SAFE_CONVERTERS = frozenset({"int", "float", "uuid", "slug"})
#: A regular expression route's named group (`(?P<pk>[0-9]+)`).
_NAMED_GROUP_START = re.compile(r"\(\?P<(\w+)>")


@dataclass(frozen=True)
class RouteCaptures:
    """What the routes handing a view over let through, by capture name, and the
    module variables that hold those routes (a result that read them depends on
    them: `urlpatterns`)."""

    classes: dict[str, frozenset[str]]
    tables: frozenset[str]


def _within(inner: tuple[int, int, int, int], outer: tuple[int, int, int, int]) -> bool:
    """Whether range `inner` lies inside range `outer` (line, column pairs)."""
    return tuple(outer[:2]) <= tuple(inner[:2]) and tuple(inner[2:]) <= tuple(outer[2:])


#: An Express (path-to-regexp 0.1) route parameter with its own pattern:
#: `:id(\\d+)`, `:name([a-z0-9_-]+)` (one level of groups inside).
_EXPRESS_PARAM_PATTERN = re.compile(r":(\w+)\(((?:[^()]|\([^()]*\))+)\)")
#: The request objects whose `params` a route path's parameters fill.
_PATH_PARAMETER_HOLDERS = (route_validators.REQUEST_QN, "koa.Context")
#: aiohttp's route registrations: a router's methods and the route definitions
#: of `app.add_routes([...])` / `RouteTableDef` decorators, by the index of their
#: path argument (`add_route("GET", path, handler)`: 1).
_AIOHTTP_ROUTE_ARGS = {
    "get": 0,
    "post": 0,
    "put": 0,
    "patch": 0,
    "delete": 0,
    "head": 0,
    "view": 0,
    "route": 1,
    "add_get": 0,
    "add_post": 0,
    "add_put": 0,
    "add_patch": 0,
    "add_delete": 0,
    "add_head": 0,
    "add_view": 0,
    "add_route": 1,
}
#: An aiohttp route's variable part: `{name}` (any text but `/`) or `{name:regex}`
#: (the regex may hold a `{n}` quantifier).
_AIOHTTP_CAPTURE = re.compile(r"\{(\w+)(?::((?:[^{}]|\{[^{}]*\})+))?\}")
#: A decorator's or call's string arguments, in order (`routes.get("/t/{id}")`).
_STRING_ARGS = re.compile(r"""[rRuU]?(["'])((?:\\.|(?!\1).)*)\1""")


def _aiohttp_route_classes(route: str) -> dict[str, frozenset[str]]:
    """Per variable part of an aiohttp route, the classes what it matches is safe for."""
    return {
        found.group(1): (guards.regex_classes(found.group(2), True, False) or frozenset())
        if found.group(2)
        else frozenset()
        for found in _AIOHTTP_CAPTURE.finditer(route)
    }


def _const_arg(attrs: NodeAttrs, index: int) -> str | None:
    """A call's constant argument at `index`, as the front end recorded it."""
    prefix = f"{index}="
    for item in str_list_attr(attrs, "const_args") or ():
        if item.startswith(prefix):
            return item[len(prefix) :]
    return None


def _every_route_lets(routes: list[dict[str, frozenset[str]]]) -> dict[str, frozenset[str]]:
    """Per capture name, the classes every one of `routes` makes it safe for (what a
    view handed over by all of them receives; a route without the name, none)."""
    names = set().union(*routes)
    return {n: frozenset.intersection(*(r.get(n, frozenset()) for r in routes)) for n in names}


def _route_classes(route: str, regex: bool) -> dict[str, frozenset[str]]:
    """Per capture of a route, the classes what it captures is safe for: by its
    converter (`path()`), or by its named group's pattern (`re_path()`)."""
    out: dict[str, frozenset[str]] = {}
    if not regex:
        for found in _PATH_CAPTURE.finditer(route):
            conv = found.group(1) or "str"
            out[found.group(2)] = ALL if conv in _SAFE_CONVERTERS else frozenset()
        return out
    for found in _NAMED_GROUP_START.finditer(route):
        end = guards.group_end(route[found.start() :])
        if end < 0:
            continue
        inner = route[found.end() : found.start() + end]
        out[found.group(1)] = guards.regex_classes(inner, True, False) or frozenset()
    return out


#: A click option's declaration that converts its text (a number, a flag, a choice).
_CLICK_TYPED = re.compile(
    r"\b(?:type\s*=\s*(?:int|float|bool|click\.(?:Choice|INT|FLOAT|BOOL|IntRange|FloatRange"
    r"|UUID|DateTime))\b|is_flag\s*=\s*True|count\s*=\s*True)"
)
#: The leading string arguments of a call's text (`"--env", "target_env"`).
_LEADING_STRINGS = re.compile(r"""\s*(?:"([^"]*)"|'([^']*)')\s*,?""")


def _click_param_names(deco: str) -> set[str]:
    """The parameter names a click option or argument may bind: its explicit name,
    or its longest option name with dashes made underscores."""
    at = deco.index("(") + 1
    names: list[str] = []
    while True:
        m = _LEADING_STRINGS.match(deco, at)
        if m is None or m.end() == at:
            break
        names.append(m.group(1) if m.group(1) is not None else m.group(2))
        at = m.end()
    explicit = {n for n in names if n and not n.startswith("-")}
    options = [n for n in names if n.startswith("-")]
    if explicit or not options:
        return explicit
    return {max(options, key=len).lstrip("-").replace("-", "_")}


#: Queues of the standard library, as the interpreter names an object made so.
_QUEUES = frozenset(
    {
        "queue.Queue()",
        "queue.SimpleQueue()",
        "queue.LifoQueue()",
        "queue.PriorityQueue()",
        "asyncio.Queue()",
        "multiprocessing.Queue()",
    }
)
_MUTATORS_STORE = frozenset({"append", "add", "appendleft", "push", "unshift", "insert"})
_MUTATORS_EXTEND = frozenset({"extend", "extendleft", "update", "concat"})
_SHELLS = frozenset(
    {
        "sh",
        "bash",
        "zsh",
        "dash",
        "ksh",
        "/bin/sh",
        "/bin/bash",
        "cmd",
        "cmd.exe",
        "powershell",
        "pwsh",
        "/usr/bin/sh",
        "/usr/bin/bash",
    }
)
#: The functions of an options object a framework runs as entries: a route's
#: handler (hapi, Fastify `route({ handler })`), a plugin's `register`.
_ENTRY_KEYS = frozenset({"handler", "register"})
#: What parsing text gives: plain data, as a request's body is (`JSON.parse(raw)`,
#: a JWT's header and claims decoded without a check of its signature).
_PARSED_DATA = frozenset(
    {
        "JSON.parse()",
        "querystring.parse()",
        "qs.parse()",
        "jsonwebtoken.decode()",
        "jwt-decode()",
        "jwt-decode.jwtDecode()",
        "jose.decodeJwt()",
        "jose.decodeProtectedHeader()",
    }
)
#: A WHATWG URL object, global or Node's `const { URL } = require("url")`.
_URL_OBJECTS = frozenset({"URL()", "url.URL()"})
#: Pydantic's URL types: a value declared one is a parsed URL (`v.host`).
_PYDANTIC_URLS = frozenset(
    {"pydantic.HttpUrl", "pydantic.AnyHttpUrl", "pydantic.AnyUrl", "pydantic.networks.HttpUrl"}
)
#: The qualified name a validated model's field declared a Pydantic URL holds.
_PYDANTIC_URL = "pydantic.HttpUrl"


def _is_pydantic_url(declared: str) -> bool:
    """Whether a model field's declared type (as erased: `HttpUrl`, `pydantic.AnyUrl`)
    names one of Pydantic's URL types."""
    return "pydantic." + declared.rpartition(".")[2] in _PYDANTIC_URLS


#: `re` functions and compiled patterns' methods that return what a match found.
_MATCH_FUNCTIONS = frozenset({"match", "search", "fullmatch", "findall", "finditer"})
_SHELL_FLAGS = frozenset({"-c", "/c", "/C", "-Command", "-command", "-lc", "-ec"})
#: Wrappers calling the function they are handed, later or once, with the
#: arguments the wrapper gets (`_.debounce(search, 250)`, `lodash.throttle`).
_SAME_FUNCTION = frozenset(
    {f"lodash{sep}{name}" for sep in "./" for name in ("debounce", "throttle", "once", "memoize")}
    | {"debounce", "throttleit", "p-debounce", "just-debounce-it"}
    # (`const throttle = pThrottle({limit: 2}); throttle(fn)`.)
    | {"p-throttle()"}
)
#: Builtins whose result is their (first) argument's data.
_PASS_THROUGH = frozenset(
    {
        "str",
        "repr",
        "list",
        "tuple",
        "set",
        "frozenset",
        "Set",
        "sorted",
        "reversed",
        "dict",
        "iter",
        "next",
        "enumerate",
        "zip",
        "map",
        "filter",
        "bytes",
        "bytearray",
        "memoryview",
        "format",
        "String",
        "Array.from",
        "Object.assign",
        "Object.values",
        "Object.entries",
        "Object.keys",
        "JSON.parse",
        "JSON.stringify",
        "Promise.resolve",
        "Promise.all",
        "Buffer.from",
        "koa-compose",
        "fastify-plugin",
    }
    | _SAME_FUNCTION
)


@dataclass(frozen=True)
class Hit:
    """Data with `origin` reached sink `sink` (a CALL, or a function with `site`)."""

    origin: str
    sanitized: frozenset[str]
    cls: str
    sink: str
    site: int
    hops: tuple[str, ...]
    label: str
    #: The sink counts remote sources only (`SinkModel.threat`).
    remote_only: bool = False


#: A parameter, or a field path below it (`(0, "")`: the first parameter itself;
#: `(0, "params.id")`: its `params.id`), as a check function's facts name them.
ParamPath = tuple[int, str]


@dataclass
class Summary:
    """What a call of a function does, in terms of its parameters (``P|i`` origins)."""

    ret: Val
    hits: list[Hit]
    #: Parameter index -> its value after the call (stores into it).
    effects: dict[int, Val]
    #: Bodies read to compute it (function ids, module variable ids).
    deps: frozenset[str]
    #: Bodies only whose identifiers and calls were read (`World.may_source`).
    word_deps: frozenset[str] = frozenset()
    #: A check function (`return RE.fullmatch(name) is not None`): parameter (or a
    #: field of one) -> its value where the call's result is true, and where it is false.
    when_true: dict[ParamPath, Val] = field(default_factory=dict)
    when_false: dict[ParamPath, Val] = field(default_factory=dict)
    #: Calls of a parameter (`cb(req.query.name)`): parameter index -> what each
    #: call passes; the caller runs the function it handed in with that.
    param_calls: tuple[tuple[int, tuple[Val, ...]], ...] = ()
    #: What it raises (`raise ValueError(f"unknown {name}")`): the caller's
    #: handler reads it (`except ValueError as e: ... str(e)`).
    raised: Val = EMPTY
    #: Fields of its parameters it checked, as they are wherever it returns
    #: (`validate(payload)` aborting unless `payload["url"]`'s host is allowed).
    field_effects: dict[ParamPath, Val] = field(default_factory=dict)
    #: A JavaScript function's `this` where it ends, when it stores into it: the
    #: object `new F(db)` makes of an ES5 constructor function (`this.find =
    #: (id, cb) => ...`), its functions with what they captured.
    made: Val | None = None
    #: Its writes into its module's variables (`jobs.push(job)` of a module-level
    #: queue a worker drains): the caller's entry keeps them for the file's other
    #: bodies, as its own writes (`_write_global`).
    global_writes: dict[str, Val] = field(default_factory=dict)


EMPTY_SUMMARY = Summary(EMPTY, [], {}, frozenset())


@dataclass
class FileFlows:
    file: str
    js: bool
    language: str
    bodies: dict[str, ir.FlowFunction]


# -- per-revision world -------------------------------------------------------------------


class World:
    """One revision's flow facts, call targets, module values and summaries."""

    def __init__(self, revision: int, matcher: Matcher) -> None:
        self.revision = revision
        self.matcher = matcher
        #: Files `analyse_file` ran over with this world: its memos grow with
        #: them, so `world_for` starts a fresh one after a bounded number.
        self.files_analysed = 0
        #: Called every `_INTERRUPT_STEPS` statements the interpreter runs while
        #: `analyse_file` is given a `between_bodies` (it may raise: the cycle
        #: was cancelled; the world is then dropped, `forget_world`).
        self.interrupt: Callable[[], None] | None = None
        #: Statements run (and those the summaries read from the memo cost).
        self.ticks = 0
        #: `ticks` past which the running entry stops (`_budgeted`).
        self.deadline = _NO_DEADLINE
        #: The dependency sets of the interpreters the running entry made: what a
        #: stopped entry read (`EntryStopped`).
        self.entry_reads: list[set[str]] = []
        self.snap: Snapshot
        self.idx: WorkspaceIndex
        self._targets: dict[str, dict[str, str]] = {}
        self._leaf: dict[str, bool] = {}
        self._modules: dict[str, dict[str, Val]] = {}
        self._url_converted: dict[str, frozenset[str]] = {}
        self._route_captures: dict[str, RouteCaptures | None] = {}
        self._aiohttp_captures: dict[str, dict[str, frozenset[str]] | None] = {}
        self._typed_options: dict[str, dict[str, Val]] = {}
        self._graphql_contexts: dict[str, list[tuple[Any, tuple[str, str]]]] = {}
        self._graphql_arguments: dict[str, dict[str, frozenset[str]]] = {}
        self._module_object_fields: dict[str, dict[str, str]] = {}
        self._app_items: dict[str, dict[str, Val]] = {}
        #: Per JS class: its constructor and the arrow functions it assigns to
        #: `this.<name>` at its top level (`Interp._constructor_function`).
        self._constructor_arrows: dict[str, tuple[str, dict[str, list[Any] | None]] | None] = {}
        self._module_data: dict[str, frozenset[str]] = {}
        self._module_deps: dict[str, frozenset[str]] = {}
        self._flag_words: dict[str, frozenset[str]] = {}
        self._callee_calls: (
            tuple[str, dict[str, list[tuple[ir.FlowFunction, list[Any]]]]] | None
        ) = None
        #: Import id -> its first IMPORTS_FROM target (`imported_from`).
        self._imported: dict[str, str | None] = {}
        self._called: dict[str, frozenset[str]] = {}
        #: File -> class id -> the classes of the file extending it (`extended_in_file`).
        self._extended_in_file: dict[str, dict[str, list[str]]] = {}
        #: File -> method name -> the METHODs of the file's classes with that name.
        self._methods_named: dict[str, dict[str, list[str]]] = {}
        #: Function id -> its file and path in that file's flows (`body`; the
        #: decoded bodies themselves stay in the bounded `_FLOWS`).
        self._body_of: dict[str, tuple[str, str]] = {}
        #: File -> its content hash at this revision (None: no such file).
        self._stamps: dict[str, str | None] = {}
        self._module_busy: set[str] = set()
        #: (function, context, depth) -> its summary and the statements it cost.
        self.summaries: dict[tuple[Any, ...], tuple[Summary, int]] = {}
        self._may_source: dict[tuple[str, int], bool] = {}
        self._may_deps: dict[tuple[str, int], frozenset[str]] = {}
        self._roots: dict[str, tuple[frozenset[str], dict[str, list[tuple[str, ...]]]]] = {}
        #: (file, decorator text) -> the wrappers it puts around what it decorates.
        self._wrappers: dict[tuple[str, str], list[_Wrapper]] = {}
        #: File -> the names its imports bind to a request object (`request_names`).
        self._request_names: dict[str, frozenset[str]] = {}
        self._import_sources: dict[str, frozenset[str]] = {}
        #: Per file: the bodies owning a callback with a destructured source parameter.
        self._pattern_owners: dict[str, frozenset[str]] = {}
        self._inline_lambdas: dict[str, dict[str, list[ir.FlowFunction]]] = {}
        self._pattern_models_by_language: dict[str, _PatternModels] = {}
        self._prefixes: (
            tuple[set[tuple[str, tuple[str, ...]]], dict[tuple[str, ...], list[tuple[str, ...]]]]
            | None
        ) = None
        self._base_roots: tuple[frozenset[str], dict[str, list[tuple[str, ...]]]] = (
            frozenset(),
            {},
        )
        #: (node id, attribute, patterns) -> whether a decorator / base matches.
        self._decorated: dict[tuple[str, str, str], bool] = {}
        #: (file, body path, patterns) -> (in a class based on them, the classes read).
        self._class_based: dict[tuple[str, str, str], tuple[bool, tuple[str, ...]]] = {}
        #: Language -> `_entry_param_models`.
        self._param_models: dict[str, list[SourceModel]] = {}
        #: (file, body path) -> `iterated_names`.
        self._iterated: dict[tuple[str, str], frozenset[str]] = {}
        #: (language, parameter name) -> `param_models_named`.
        self._models_named: dict[tuple[str, str], tuple[SourceModel, ...]] = {}
        #: Method id -> whether it is a property or a getter (`is_getter`).
        self._getters: dict[str, bool] = {}
        #: Constructor id -> whether it keeps a library object it makes (`makes_library_object`).
        self._library_makers: dict[str, bool] = {}
        #: (file, body path) -> `returns_flagged`.
        self._returns_flagged: dict[tuple[str, str], bool] = {}
        #: (file, body path) -> whether it returns an object of functions it makes.
        self._returns_functions: dict[tuple[str, str], bool] = {}
        #: Constructor id -> `keeps_constant_flags`.
        self._flag_keepers: dict[str, bool] = {}
        #: Class id -> `keeps_made_functions`.
        self._function_keepers: dict[str, bool] = {}
        #: Function id -> `dispatched_to`.
        self._dispatch: dict[str, tuple[str, ...]] = {}
        #: Class id -> `makes_class_attribute_object`.
        self._attribute_makers: dict[str, bool] = {}
        #: File -> `exported_functions`.
        self._exported_functions: dict[str, dict[str, str]] = {}
        #: (class id, property name, a setter?) -> its accessor method (`setter_of`).
        self._accessors: dict[tuple[str, str, bool], str | None] = {}
        #: (class id, name) -> `setter_of`.
        self._setters: dict[tuple[str, str], str | None] = {}
        #: Class id -> `class_chain` (the store's revision is this world's).
        self._chains: dict[str, list[str]] = {}
        #: File -> `context_holders`.
        self._context_holders: dict[str, frozenset[str]] = {}
        self._busy: dict[tuple[str, Any], Summary] = {}
        #: The depth each summary being made is made at.
        self._busy_depths: dict[tuple[str, Any], int] = {}
        #: Functions whose summary without constants is being made (`summary`).
        self._widening: set[str] = set()
        #: Unfinished summaries a computation read (recursion): not memoised then.
        self._hit_busy: set[tuple[str, Any]] = set()

    def makes_library_object(self, ctor_id: str, ff: FileFlows, fn: ir.FlowFunction) -> bool:
        """Whether a constructor stores a call of a library the models name into its
        object (`self.session = requests.Session()`, `this.pool = new Pool()`):
        its methods' sinks are then that library's (`self.session.get(url)`). So
        does an object of an ES5 constructor function (`this.dao = new
        CouponDao(collection)`): its functions are what the methods call."""
        hit = self._library_makers.get(ctor_id)
        if hit is not None:
            return hit
        # A parameter declared a library's class (`session: aiohttp.ClientSession`):
        # what it is handed is that library's object (`_typed_params`).
        found = any(
            len(p) > 3
            and isinstance(p[3], str)
            and p[3] != ir.RAW_OBJECT
            and self._library_call(ff, [ir.CALL, -1, _dotted_expr(p[3]), [], []])
            for p in fn.params
        )
        for value in () if found else _stored_on_self(fn):
            made = _made_by(value)
            if made is None:
                continue
            if (
                self._library_call(ff, made)
                or self._method_making_one(ff, fn, made)
                or (ff.js and self._constructor_function_call(ff, fn, made))
            ):
                found = True
                break
        self._library_makers[ctor_id] = found
        return found

    def _constructor_function_call(
        self, ff: FileFlows, fn: ir.FlowFunction, call: list[Any]
    ) -> bool:
        """Whether a call of `fn` is `new F(...)` of an ES5 constructor function of
        the workspace (`Summary.made`)."""
        at = call[1]
        if not isinstance(at, int) or not 0 <= at < len(fn.calls):
            return False
        call_id = f"{ff.file}->CALL->{fn.calls[at]}"
        target = self.targets(ff.file).get(call_id) if _constructs(call_id) else None
        if target is None or parse_id(target).kind != NodeType.FUNCTION:
            return False
        got = self.body(target)
        return got is not None and _stores_into_this(got[1])

    def exported_functions(self, file: str) -> dict[str, str]:
        """A CommonJS module's exports that are its top-level functions: export
        name -> function id (`module.exports = { encode, decode }`)."""
        got = self._exported_functions.get(file)
        if got is None:
            got = self._exported_functions[file] = {}
            for n in self.file_summary(file).nodes:
                local = str_attr(n.attrs, "local") if n.type == NodeType.EXPORT else None
                if not local or str_attr(n.attrs, "kind") != "cjs":
                    continue
                fid = str(definition_id(file, NodeType.FUNCTION, local))
                if self.body(fid) is not None:
                    got[n.name] = fid
        return got

    def makes_class_attribute_object(self, cls_id: str) -> bool:
        """Whether a class (or a workspace base) makes a class attribute by a call
        of a library whose flags a sink reads (`parser =
        etree.XMLParser(resolve_entities=True)`): an object of it holds that
        object without a field of its own, which a calling context must name its
        class for (`_describe`). (Not any call: a Django model's `objects =
        Manager()` would make every model a context of its own.)"""
        hit = self._attribute_makers.get(cls_id)
        if hit is None:
            hit = any(self._flagged_class_attribute(c) for c in self.class_chain(cls_id))
            self._attribute_makers[cls_id] = hit
        return hit

    def _flagged_class_attribute(self, cls_id: str) -> bool:
        if parse_id(cls_id).kind != NodeType.CLASS:
            return False
        file = file_of_id(cls_id)
        ff = self.flows(file)
        if ff is None:
            return False
        summary = self.file_summary(file)
        prefix = parse_id(cls_id).path + "."
        for n in summary.nodes:
            call = str_attr(n.attrs, "assigned_call") if n.type == NodeType.VARIABLE else None
            path = parse_id(n.id).path if call else ""
            if not call or not path.startswith(prefix) or "." in path[len(prefix) :]:
                continue
            head, _, rest = call.partition(".")
            imp = _import_in_scope(summary, file, parse_id(cls_id).path, head)
            if imp is None:
                continue
            qn = ".".join(x for x in (import_qn(imp.attrs, ff.js), rest) if x)
            if self.matcher.flags.find(qn, ff.language):
                return True
        return False

    def keeps_constant_flags(self, ctor_id: str, fn: ir.FlowFunction) -> bool:
        """Whether a constructor stores a constant boolean into its object, or an
        object of options holding one (`self.shell = True`, `this.options =
        {noent: true}`, a JS class field): what a sink's condition reads in a
        method (`_constant_flags`), so the object must be made to be known."""
        hit = self._flag_keepers.get(ctor_id)
        if hit is None:
            hit = self._flag_keepers[ctor_id] = any(
                _constant_flag_value(value) for value in _stored_on_self(fn)
            )
        return hit

    def keeps_made_functions(self, ctor_id: str, ff: FileFlows, fn: ir.FlowFunction) -> bool:
        """Whether a constructor stores a function into its object, one it writes
        or one a factory makes of a function (`self.fetch = with_retry(lambda url:
        client.head(url))`): no summary of a method calling it can name it, so
        the object must be made to be known."""
        hit = self._function_keepers.get(ctor_id)
        if hit is None:
            nested = {path.rsplit(".", 1)[-1] for path in fn.nested}

            def function(e: Any) -> bool:
                return isinstance(e, list) and (
                    e[0] in (ir.LAMBDA, ir.FUNC)
                    or (e[0] == ir.NAME and (e[1] in nested or e[1] in ff.bodies))
                )

            hit = self._function_keepers[ctor_id] = any(
                function(value)
                or (
                    isinstance(value, list)
                    and value[0] == ir.CALL
                    and any(function(a) for a in value[3])
                )
                for value in _stored_on_self(fn)
            )
        return hit

    def _library_call(self, ff: FileFlows, call: list[Any]) -> bool:
        """Whether a call's callee is rooted in a library the models name
        (`requests.Session()`, `new Pool()` of `pg`, `require("child_process")`)."""
        head: Any = call
        source = ""
        while isinstance(head, list) and head[0] in (ir.ATTR, ir.CALL):
            if head[0] == ir.CALL and ff.js and _required(head):
                # `this.cp = require("child_process")`: the module itself.
                source = head[3][0]
                break
            head = head[1] if head[0] == ir.ATTR else head[2]
        if not source and isinstance(head, list) and head[0] == ir.NAME:
            file = ff.file
            imp = self.file_summary(file).by_id.get(
                scoped_id(file, NodeType.IMPORT, MODULE_SCOPE, head[1])
            )
            if imp is not None and not imp.attrs.get("level"):
                source = str_attr(imp.attrs, "source") or ""
        if not source:
            return False
        root = js_module(source) if ff.js else source.split(".")[0]
        return root in self.matcher.model_roots

    def _method_making_one(self, ff: FileFlows, ctor: ir.FlowFunction, call: list[Any]) -> bool:
        """`self.parser = self.make_parser()`: whether the method of the constructor's
        class it calls returns a library's object, or mentions what a sink asks a
        flag of (`XMLParser(resolve_entities=True)`)."""
        func = call[2]
        if (
            isinstance(func, list)
            and func[0] == ir.ATTR
            and func[1] in ([ir.NAME, "self"], [ir.NAME, "this"])
            and isinstance(func[2], str)
        ):
            method = ff.bodies.get(f"{ctor.path.rpartition('.')[0]}.{func[2]}")
        elif isinstance(func, list) and func[0] == ir.NAME and isinstance(func[1], str):
            # `self.parser = make_parser()`, a function of the module.
            method = ff.bodies.get(func[1]) if func[1] not in ctor.bound else None
        else:
            return False
        if method is None:
            return False
        if not self.flag_words(ff.language).isdisjoint(method.words):
            return True
        return any(
            st[0] == ir.RETURN
            and isinstance(st[1], list)
            and st[1][0] == ir.CALL
            and self._library_call(ff, st[1])
            for st in method.body
        )

    def bind(self, snap: Snapshot, idx: WorkspaceIndex) -> None:
        self.snap = snap
        self.idx = idx

    # -- reading the snapshot ---------------------------------------------------------

    def flows(self, file: str) -> FileFlows | None:
        # Only the file's hash is memoised here: `file_flows` is the bounded
        # cache of decoded flows (see `_FLOWS`).
        if file in self._stamps:
            stamp = self._stamps[file]
        else:
            rec = self.snap.file(file)
            stamp = self._stamps[file] = rec.content_hash if rec is not None else None
        if stamp is None:
            return None
        return file_flows(self.snap, file, stamp)

    def body(self, func_id: str) -> tuple[FileFlows, ir.FlowFunction] | None:
        where = self._body_of.get(func_id)
        if where is None:
            where = self._body_of[func_id] = (file_of_id(func_id), parse_id(func_id).path)
        ff = self.flows(where[0]) if where[0] else None
        fn = ff.bodies.get(where[1]) if ff is not None else None
        return (ff, fn) if ff is not None and fn is not None else None

    def sole_instance(self, file: str, cls_id: str) -> Val | None:
        """The one module-level object of class `cls_id` the module makes, if one."""
        found = [v for v in self.module_values(file).values() if v.cls == cls_id and v.fn is None]
        return found[0] if len(found) == 1 else None

    def sole_method(self, file: str, name: str) -> str | None:
        """The one method of the file's classes named `name`, if only one class has one."""
        by_name = self._methods_named.get(file)
        if by_name is None:
            by_name = {}
            for members in self.file_summary(file).members.values():
                for member, node in members.items():
                    if node.type == NodeType.METHOD:
                        by_name.setdefault(member, []).append(node.id)
            self._methods_named[file] = by_name
        found = by_name.get(name)
        return found[0] if found is not None and len(found) == 1 else None

    def recursing(self, func_id: str | None) -> bool:
        """Whether `func_id`'s summary is being made (a call of it now is a
        recursive one, which reads the summary so far: `summary`)."""
        return func_id is not None and any(k[0] == func_id for k in self._busy)

    def leaf(self, func_id: str) -> bool:
        """Whether a function or method calls nothing of the workspace (no call the
        calls enricher resolved, no nested function): its summary is one run of
        its body, so a call one level past `MAX_CALL_DEPTH` may still read it
        (`escapeRegExp(term)` at the end of a chain of helpers)."""
        got = self._leaf.get(func_id)
        if got is None:
            got = False
            found = self.body(func_id) if parse_id(func_id).kind in _LEAF_KINDS else None
            if found is not None:
                ff, fn = found
                targets = self.targets(ff.file)
                got = not fn.nested and not any(
                    f"{ff.file}->CALL->{c}" in targets for c in fn.calls
                )
            self._leaf[func_id] = got
        return got

    def targets(self, file: str) -> dict[str, str]:
        """CALL id -> what the calls enricher resolved it to, for one file."""
        t = self._targets.get(file)
        if t is None:
            t = {}
            from graphwarden.analysis.store import enrichment_context

            for src, dst in self.snap.context_edge_ends(
                enrichment_context("calls", file), EdgeType.CALLS
            ):
                t.setdefault(src, dst)
            self._targets[file] = t
        return t

    def extended_in_file(self, file: str) -> dict[str, list[str]]:
        """Class id -> the classes of `file` that extend it directly, for the classes
        of `file` (the inheritance enricher's EXTENDS edges of the file; not the
        class's incoming edges, which hold every subclass in the workspace: a
        thousand for Django's `Model`, read again for each of its methods)."""
        got = self._extended_in_file.get(file)
        if got is None:
            from graphwarden.analysis.store import enrichment_context

            got = {}
            for src, dst in self.snap.context_edge_ends(
                enrichment_context("inheritance", file), EdgeType.EXTENDS
            ):
                if file_of_id(dst) == file:
                    got.setdefault(dst, []).append(src)
            self._extended_in_file[file] = got
        return got

    def called_in_file(self, file: str, func_id: str) -> bool:
        """Whether a call of `file` resolves to `func_id` (a helper, not a function
        only the framework calls)."""
        called = self._called.get(file)
        if called is None:
            called = self._called[file] = frozenset(self.targets(file).values())
        return func_id in called

    def imported_from(self, imp_id: str) -> str | None:
        """What an import binding's first IMPORTS_FROM edge reaches (read once)."""
        if imp_id in self._imported:
            return self._imported[imp_id]
        dst = None
        for e in self.snap.edges_out(imp_id, EdgeType.IMPORTS_FROM):
            dst = e.dst
            break
        self._imported[imp_id] = dst
        return dst

    def file_summary(self, file: str) -> FileSummary:
        return self.idx.summary(self.snap, file)

    def route_captures(self, func_id: str) -> RouteCaptures | None:
        """What the Django routes that hand a view over make of its URL captures
        (`path("orders/<int:pk>/", views.order)` in any module: PASSES_ARGUMENT
        edges into it). None when nothing is known: no route hands it over, or
        something else does too (a wrapper, `login_required(views.order)`, whose
        routes are not followed), or a route is not a constant at a module's top."""
        if func_id in self._route_captures:
            return self._route_captures[func_id]
        got: RouteCaptures | None = None
        routes: list[dict[str, frozenset[str]]] = []
        tables: set[str] = set()
        for e in self.snap.edges_in(func_id, EdgeType.PASSES_ARGUMENT):
            call = self.snap.node(e.src)
            route = _const_arg(call.attrs, 0) if call is not None else None
            table = self._route_table(call) if call is not None else None
            if (
                call is None
                or route is None
                or table is None
                or call.attrs.get("qualified") not in _DJANGO_ROUTES
            ):
                routes = []
                break
            routes.append(_route_classes(route, call.attrs.get("qualified") != "django.urls.path"))
            tables.add(table)
        if routes:
            got = RouteCaptures(_every_route_lets(routes), frozenset(tables))
        self._route_captures[func_id] = got
        return got

    def aiohttp_captures(self, func_id: str) -> dict[str, frozenset[str]] | None:
        """What the aiohttp routes of a handler's own module let through, by the name
        of their variable parts (`{tenant:[a-z0-9-]+}`): a `RouteTableDef`
        decorator on it, or a registration handing it over (`app.router.add_get(
        "/t/{tenant}", handler)`). None when nothing is known: no route, a route
        that is no constant, or a registration in another module (not followed)."""
        if func_id in self._aiohttp_captures:
            return self._aiohttp_captures[func_id]
        file = file_of_id(func_id)
        got: dict[str, frozenset[str]] | None = None
        if any(src.startswith("aiohttp") for src in self.import_sources(file)):
            got = self._aiohttp_routes(file, func_id)
        self._aiohttp_captures[func_id] = got
        return got

    def _aiohttp_routes(self, file: str, func_id: str) -> dict[str, frozenset[str]] | None:
        routes: list[str] = []
        for deco in self.decorators(file, func_id):
            head, paren, _ = deco.partition("(")
            index = _AIOHTTP_ROUTE_ARGS.get(head.rsplit(".", 1)[-1]) if paren else None
            strings = [m.group(2) for m in _STRING_ARGS.finditer(deco)]
            if index is None or "." not in head:
                continue
            if index >= len(strings):
                return None
            routes.append(strings[index])
        for e in self.snap.edges_in(func_id, EdgeType.PASSES_ARGUMENT):
            call = self.snap.node(e.src)
            if call is None or file_of_id(call.id) != file:
                return None
            index = _AIOHTTP_ROUTE_ARGS.get(call.name)
            route = _const_arg(call.attrs, index) if index is not None else None
            if route is None:
                return None
            routes.append(route)
        if not routes:
            return None
        return _every_route_lets([_aiohttp_route_classes(r) for r in routes])

    def _route_table(self, call: Node) -> str | None:
        """The module variable whose assignment holds a route call (`urlpatterns =
        [path(...), ...]`): its content changes with any of its routes, so a
        result that read them depends on it. None when the call is elsewhere."""
        for e in self.snap.edges_in(call.id, EdgeType.ASSIGNED_FROM):
            var = self.snap.node(e.src)
            if (
                var is not None
                and var.type == NodeType.VARIABLE
                and parse_id(var.id).is_top_level
                and not var.attrs.get("local")
                and _within(call.range, var.range)
            ):
                return var.id
        return None

    def url_converted(self, file: str) -> frozenset[str]:
        """The URL captures a module's own route patterns convert (Django's
        `path("reports/<int:year>/", view)`): a number, a UUID or a slug."""
        got = self._url_converted.get(file)
        if got is None:
            ff = self.flows(file)
            body = ff.bodies.get("") if ff is not None else None
            names: set[str] = set()
            todo: list[Any] = [body.body] if body is not None else []
            while todo:
                item = todo.pop()
                if isinstance(item, list):
                    todo.extend(item)
                elif isinstance(item, str) and "<" in item:
                    names.update(m.group(1) for m in _DJANGO_CONVERTED.finditer(item))
            got = self._url_converted[file] = frozenset(names)
        return got

    def instances_handed_in(
        self, ff: FileFlows, fn: ir.FlowFunction, func_id: str
    ) -> dict[int, _HandedObject]:
        """`_instances_handed_in` of a function over the calls of it in its file."""
        if fn.kind != "FUNCTION" or not fn.params:
            return {}
        calls = self._calls_by_callee(ff).get(func_id)
        if not calls:
            return {}
        return _instances_handed_in(ff.file, fn, calls, self.targets(ff.file))

    def decorator_wrappers(self, ff: FileFlows, text: str) -> list[_Wrapper]:
        """`_decorator_wrappers`, once per file and decorator text (asked at each
        call of a decorated function; a factory's call is parsed)."""
        key = (ff.file, text)
        got = self._wrappers.get(key)
        if got is None:
            got = self._wrappers[key] = _decorator_wrappers(self, ff, text)
        return got

    def functions_handed_in(
        self, ff: FileFlows, fn: ir.FlowFunction, func_id: str
    ) -> dict[int, Val]:
        """The parameters of a function to which every call of it in its file hands
        the same function of the module, by name (`withLayout("Bye", renderFarewell)`):
        position -> that function, which the body calls (a factory's handler)."""
        if fn.kind != "FUNCTION" or not fn.params:
            return {}
        calls = self._calls_by_callee(ff).get(func_id)
        if not calls:
            return {}
        found = _same_at_every_call(
            calls,
            len(fn.params),
            lambda _, a: a[1] if isinstance(a, list) and a[:1] == [ir.NAME] else None,
        )
        out: dict[int, Val] = {}
        module: dict[str, Val] | None = None
        for i, name in found.items():
            if not isinstance(name, str):
                continue
            body = ff.bodies.get(name)
            if body is not None and body.kind == "FUNCTION":
                out[i] = Val(fn=("def", name))
                continue
            if module is None:
                module = self.module_values(ff.file)
            held = module.get(name)
            if held is not None and _made_function(held):
                out[i] = held
        return out

    def _calls_by_callee(self, ff: FileFlows) -> dict[str, list[tuple[ir.FlowFunction, list[Any]]]]:
        """The file's call expressions by the definition each resolves to."""
        # Kept for the last file only: it holds pieces of the file's decoded IR,
        # which a cache of every file would keep alive (and the collector busy).
        if self._callee_calls is not None and self._callee_calls[0] == ff.file:
            return self._callee_calls[1]
        got: dict[str, list[tuple[ir.FlowFunction, list[Any]]]] = {}
        self._callee_calls = (ff.file, got)
        targets = self.targets(ff.file)
        for body in ff.bodies.values():
            for call in _ir_calls(body.body):
                call_id = _call_id_in(body, ff.file, call)
                target = targets.get(call_id) if call_id is not None else None
                if target is not None:
                    got.setdefault(target, []).append((body, call))
        return got

    def flag_words(self, language: str) -> frozenset[str]:
        """The last names of the calls that set a flag a sink asks for, in one
        language (`XMLParser` in Python; Express's `type` is JavaScript's only)."""
        got = self._flag_words.get(language)
        if got is None:
            got = self._flag_words[language] = frozenset(
                last
                for last, entries in self.matcher.flags.by_last.items()
                if last in self.matcher.sink_flag_words
                and any(m.language in ("any", language) for _, m in entries)
            )
        return got

    def returns_flagged(self, ff: FileFlows, fn: ir.FlowFunction) -> bool:
        """Whether a function returns (in a branch too) a call that sets a flag a
        sink asks for (`return etree.XMLParser(resolve_entities=True)`), or
        options holding a constant flag (`return { noent: true }`): a factory of a
        configured object, whose result a caller hands a sink as it is."""
        key = (ff.file, fn.path)
        got = self._returns_flagged.get(key)
        if got is None:
            got = self._returns_flagged[key] = self._returns_flagged_now(ff, fn)
        return got

    def returns_functions_object(self, ff: FileFlows, fn: ir.FlowFunction) -> bool:
        """`_returns_functions_object`, once per function (asked at each call of it
        the interpreter would otherwise leave unfollowed)."""
        key = (ff.file, fn.path)
        got = self._returns_functions.get(key)
        if got is None:
            got = self._returns_functions[key] = _returns_functions_object(fn)
        return got

    def _returns_flagged_now(self, ff: FileFlows, fn: ir.FlowFunction) -> bool:
        words = self.flag_words(ff.language)
        calls = not words.isdisjoint(fn.words)
        for st in _nested_statements(fn.body):
            if st is None:
                return False
            if st[0] != ir.RETURN:
                continue
            if _constant_flag_value(st[1]):
                return True
            if not calls or not isinstance(st[1], list) or st[1][0] != ir.CALL:
                continue
            func = st[1][2]
            last = func[2] if isinstance(func, list) and func[0] == ir.ATTR else None
            if isinstance(func, list) and func[0] == ir.NAME:
                last = func[1]
            if isinstance(last, str) and last in words:
                return True
        return False

    def reads_module_data(self, ff: FileFlows, fn: ir.FlowFunction, deps: set[str]) -> bool:
        """Whether a body mentions a name the module's top level bound to data from
        a source (read where the module's body ran); what the module's values read
        goes to `deps`."""
        module = ff.bodies.get("")
        if not fn.words or module is None:
            return False
        if fn.words.isdisjoint(module.bound):
            return False  # it mentions no name the module binds: no need to run it
        tainted = self._module_data.get(ff.file)
        if tainted is None:
            values = self.module_values(ff.file)
            tainted = self._module_data[ff.file] = frozenset(
                k for k, v in values.items() if deep_taint(v)
            )
        deps.update(self._module_deps.get(ff.file, ()))
        return not tainted.isdisjoint(fn.words)

    def graphql_contexts(self, ff: FileFlows) -> list[tuple[Any, tuple[str, str]]]:
        """The `context` options of the file's GraphQL servers (`startStandaloneServer(
        server, { context: async ({ req }) => ... })`): the expression, and how the
        server hands it the request (`_GRAPHQL_CONTEXTS`), in body order."""
        got = self._graphql_contexts.get(ff.file)
        if got is None:
            got = self._graphql_contexts[ff.file] = []
            fs = self.file_summary(ff.file)
            for path, fn in sorted(ff.bodies.items()) if ff.js else ():
                for call in _ir_calls(fn.body):
                    server = _attr_chain(call[2])
                    if server and len(server) == 1:
                        # (`import { startStandaloneServer as serve }`: its own name.)
                        imp = _import_in_scope(fs, ff.file, path, server[0])
                        if imp is not None:
                            server = import_qn(imp.attrs, True).split(".")
                    handed = _GRAPHQL_CONTEXTS.get(server[-1]) if server else None
                    if handed is None:
                        continue
                    for a in call[3]:
                        if isinstance(a, list) and a[:1] == [ir.DICT]:
                            got.extend((v, handed) for k, v in a[1] if k == "context")
        return got

    def typed_options(self, file: str) -> dict[str, Val]:
        """The command-line options a module declares with argparse's `add_argument`
        (a script's parser, a management command's `add_arguments`) that argparse
        converts or refuses: their destination -> what they hold (`choices`: one
        of them; `type=int`, `type=float`, a flag or a count: no text)."""
        got = self._typed_options.get(file)
        if got is None:
            got = self._typed_options[file] = {}
            ff = self.flows(file)
            for body in ff.bodies.values() if ff is not None else ():
                for call in _ir_calls(body.body):
                    typed = _typed_option(call)
                    if typed is not None:
                        got.setdefault(*typed)
        return got

    def graphql_arguments(self, file: str) -> dict[str, frozenset[str]]:
        """The GraphQL arguments the module's schema declares, by name, with the
        classes their types make safe (`graphql_schema.argument_classes` over
        the module's strings)."""
        got = self._graphql_arguments.get(file)
        if got is None:
            ff = self.flows(file)
            texts = [
                text
                for body in (ff.bodies.values() if ff is not None else ())
                for text in _ir_strings(body.body)
                if "(" in text and "{" in text
            ]
            got = self._graphql_arguments[file] = graphql_schema.argument_classes(texts)
        return got

    def module_object_fields(self, file: str) -> dict[str, str]:
        """Fields of the module's library objects that its functions set to what a
        library call makes (`app.state.pool = await asyncpg.create_pool(dsn)` in a
        startup hook): the field's qualified name (`fastapi.FastAPI().state.pool`)
        -> the made object's (`asyncpg.create_pool()`). Read syntactically; a
        field set to two different things is left out."""
        got = self._module_object_fields.get(file)
        if got is not None:
            return got
        got = self._module_object_fields[file] = {}
        ff = self.flows(file)
        if ff is None:
            return got
        module = self.module_values(file)
        holders = {n for n, v in module.items() if v.qn is not None and v.qn.endswith(")")}
        if not holders:
            return got
        fs = self.file_summary(file)
        dropped: set[str] = set()
        for body in ff.bodies.values():
            if not body.path or holders.isdisjoint(body.words):
                continue
            local = set(body.bound) | {str(p[0]).lstrip("*") for p in body.params}
            if _APP_PARAM in holders and body.params and body.params[0][0] == _APP_PARAM:
                # A hook handed the application (a Sanic listener's `app`, a
                # lifespan's `app: FastAPI`): the module's own `app`.
                local.discard(_APP_PARAM)
            for st in _nested_statements(body.body):
                if st is None or st[0] != ir.ASSIGN:
                    continue
                parts = _attr_chain(st[1])
                made = _attr_chain(st[2][2]) if _is_call(st[2]) else None
                if parts is None or made is None or len(parts) < 2:
                    continue
                if parts[0] not in holders or parts[0] in local or made[0] in local:
                    continue
                imp = _import_in_scope(fs, file, body.path, made[0])
                if imp is None:
                    continue
                field = ".".join([str(module[parts[0]].qn), *parts[1:]])
                value = ".".join([import_qn(imp.attrs, ff.js), *made[1:]]) + "()"
                if got.setdefault(field, value) != value:
                    dropped.add(field)
        for field in dropped:
            del got[field]
        return got

    def app_items(self, file: str) -> dict[str, Val]:
        """What the functions of a Python module taking the application (`app`:
        aiohttp's startup hooks and cleanup contexts) store in it by a constant key
        (`app["previews"] = PreviewService(PreviewGateway(session))`), as their
        bodies left it: the services a handler reads as `request.app["previews"]`.
        A key two functions store is their values joined."""
        got = self._app_items.get(file)
        if got is not None:
            return got
        got = self._app_items[file] = {}
        ff = self.flows(file)
        if ff is None or ff.js:
            return got
        for body in ff.bodies.values():
            if body.kind != "FUNCTION" or not body.params or body.params[0][0] != _APP_PARAM:
                continue
            if not any(
                st is not None
                and st[0] == ir.ASSIGN
                and isinstance(st[1], list)
                and st[1][0] == ir.SUB
                and st[1][1] == [ir.NAME, _APP_PARAM]
                and isinstance(st[1][2], str)
                for st in _nested_statements(body.body)
            ):
                continue
            run = Interp(self, ff, body, [EMPTY] * len(body.params), depth=0, summary=False)
            self.unbudgeted(run.run)
            app = run.final_params.get(_APP_PARAM)
            for key, v in (app.fields or {}).items() if app is not None else ():
                if isinstance(key, str):
                    got[key] = join(got[key], v) if key in got else v
        return got

    def module_values(self, file: str) -> dict[str, Val]:
        """A module's names after its body ran (constants, aliases, module-level data)."""
        env = self._modules.get(file)
        if env is not None:
            return env
        if file in self._module_busy:
            return {}
        ff = self.flows(file)
        body = ff.bodies.get("") if ff is not None else None
        if ff is None or body is None:
            self._modules[file] = {}
            return {}
        self._module_busy.add(file)
        # (Asked while a summary is being computed, `Client(BASE, token)` at the
        # module's top level may call that very function: the module's values
        # are the same whoever asks first, so no unfinished summary feeds them.)
        busy, hit_busy, depths, widening = (
            self._busy,
            self._hit_busy,
            self._busy_depths,
            self._widening,
        )
        self._busy, self._hit_busy, self._busy_depths, self._widening = {}, set(), {}, set()
        try:
            it = Interp(self, ff, body, [], depth=MAX_CALL_DEPTH - 1, summary=False)
            it.module_mode = True
            self.unbudgeted(it.run)
            env = it.final_env or {}
        finally:
            self._module_busy.discard(file)
            self._busy, self._hit_busy, self._busy_depths = busy, hit_busy, depths
            self._widening = widening
        self._modules[file] = env
        self._module_deps[file] = frozenset(it.deps)
        return env

    def module_instance(self, file: str, cls_id: str, deps: set[str]) -> Val | None:
        """The one object of a class the module's top level holds (`const controller
        = new CatalogueController(new CourseRepository(pool))`, whose method a route
        is handed: `router.get("/x", controller.search)`), if it holds exactly one;
        what the module's values read goes to `deps`."""
        found = [
            v
            for v in self.module_values(file).values()
            if v.cls == cls_id and v.fn is None and v.fields is not None
        ]
        deps.update(self._module_deps.get(file, ()))
        return found[0] if len(found) == 1 else None

    # -- may a function return user data? (cheap, syntactic, bounded) ------------------

    def may_source(self, func_id: str, depth: int, deps: set[str]) -> bool:
        key = (func_id, depth)
        hit = self._may_source.get(key)
        if hit is not None:
            deps.update(self._may_deps[key])
            return hit
        found = self.body(func_id)
        mine: set[str] = {func_id}
        result = False
        if found is not None:
            ff, fn = found
            # Its module's imports decide which names are sources there.
            mine.add(module_id(ff.file))
            if self.reads_source(ff, func_id, fn, mine):
                result = True
            elif depth > 0:
                targets = self.targets(ff.file)
                for local in fn.calls:
                    callee = targets.get(f"{ff.file}->CALL->{local}")
                    if callee is None or callee == func_id:
                        continue
                    kind = parse_id(callee).kind
                    if kind == NodeType.CLASS:
                        continue
                    if self.may_source(callee, depth - 1, mine):
                        result = True
                        break
        self._may_source[key] = result
        self._may_deps[key] = frozenset(mine)
        deps.update(mine)
        return result

    def reads_source(
        self, ff: FileFlows, func_id: str, fn: ir.FlowFunction, deps: set[str]
    ) -> bool:
        """Whether a body may read a source itself (syntactically: the cheap test
        that keeps the interpreter off the bodies that cannot); the classes it
        read to decide go to `deps`."""
        # The classes its parameters are declared (`rq: web.Request`) name what
        # they are, as a body's own words do.
        words = fn.words | _declared_words(fn.params)
        m = self.matcher
        if not m.param_names.isdisjoint(words):
            # (In a fixed order: the first that answers decides which classes'
            # chains go to `deps`, which must not depend on the hash seed.)
            for name in sorted(m.param_names & words):
                passed_on: bool | None = None
                for read in m.param_reads.get(name, ()):
                    if read.after or read.language not in ("any", ff.language):
                        continue  # `after`: by its place (`pattern_param_owners`)
                    if read.before and not _param_before(fn.params, name, read.before):
                        continue
                    if read.attrs is not None and read.attrs.isdisjoint(words):
                        # A request object only passed on: its callees may read it.
                        # (Or read whole: `for await (const chunk of req)`.)
                        if passed_on is None:
                            passed_on = any(
                                name == str(a[2]).rsplit("->", 1)[-1] for a in fn.call_args
                            ) or name in self.iterated_names(ff.file, fn)
                        if not passed_on:
                            continue
                    # The class's bases last (they read other files): what the
                    # body mentions decides most bodies alone.
                    if read.base and not self.in_class_based_on(ff.file, fn.path, read.base, deps):
                        continue
                    return True
        if fn.path in self.pattern_param_owners(ff):
            return True
        if (
            ff.js
            and fn.kind != "MODULE"
            and any(_made_body(made) == fn.path for made, _ in self.graphql_contexts(ff))
        ):
            return True  # a GraphQL server's context function, handed the request
        names, roots = self.file_roots(ff)
        if not names.isdisjoint(words):
            for local in sorted(names & words):
                for rest in roots[local]:
                    if all(w in words for w in rest):
                        return True
            handed = self.request_names(ff) & words if ff.language == "python" else None
            if handed and _hands_on_names(fn.body, handed):
                # `load_cart(request)`: the callee reads the object it is handed.
                return True
        if not self.context_holders(ff).isdisjoint(words):
            # `requestContext.getStore()` of a module's AsyncLocalStorage (a
            # ContextVar): what a middleware stored there, per request.
            return True
        return m.decorator_sources and self._param_sources(ff, func_id, fn)

    def context_holders(self, ff: FileFlows) -> frozenset[str]:
        """The module's names holding one request's context (`_request_context`)."""
        got = self._context_holders.get(ff.file)
        if got is not None:
            return got
        # (By what its top level makes them of, written: the module's values may
        # be being worked out when this is asked.)
        module = ff.bodies.get("")
        made = _CONTEXT_MAKERS_JS if ff.js else _CONTEXT_MAKERS_PY
        fs = self.file_summary(ff.file)

        def maker(func: Any) -> str:
            if not isinstance(func, list) or func[0] not in (ir.NAME, ir.ATTR):
                return ""
            if func[0] == ir.ATTR:
                return str(func[2])
            # (Imported under another name: `import { AsyncLocalStorage as Als }`.)
            imp = _import_in_scope(fs, ff.file, "", func[1])
            return import_qn(imp.attrs, ff.js).rsplit(".", 1)[-1] if imp else str(func[1])

        got = frozenset(
            st[1][1]
            for st in (module.body if module is not None else ())
            if st[0] == ir.ASSIGN
            and isinstance(st[1], list)
            and st[1][0] == ir.NAME
            and isinstance(st[2], list)
            and st[2][0] == ir.CALL
            and maker(st[2][2]) in made
        )
        self._context_holders[ff.file] = got
        return got

    def in_class_based_on(self, file: str, path: str, patterns: str, deps: set[str]) -> bool:
        """Whether the body at `path` is a method (or a callback inside one) of a
        class with a base matching `patterns`: `self` is a view's only there.

        The bases of the workspace's classes it extends count too (`PingHandler
        (BaseHandler)` with `BaseHandler(tornado.web.RequestHandler)`); the
        chain read is added to `deps`, whose change must run the result again."""
        key = (file, path, patterns)
        got = self._class_based.get(key)
        if got is None:
            owner = _owner_path(path)
            if "." not in owner:
                got = (False, ())
            else:
                # (Memoized by class too: every method of a class asks alike.)
                cls = definition_id(file, NodeType.CLASS, owner.rsplit(".", 1)[0])
                by_class = ("", cls, patterns)
                got = self._class_based.get(by_class)
                if got is None:
                    got = self._class_based[by_class] = self._class_based_on(cls, patterns)
            self._class_based[key] = got
        deps.update(got[1])
        return got[0]

    def _class_based_on(self, cls: str, patterns: str) -> tuple[bool, tuple[str, ...]]:
        if self._base_matches(cls, patterns, own=True):
            return True, ()
        chain = self.class_chain(cls)
        if len(chain) < 2:
            return False, ()
        return any(self._base_matches(c, patterns, own=False) for c in chain[1:]), tuple(chain)

    def _base_matches(self, cls_id: str, patterns: str, own: bool) -> bool:
        """Whether a written base of `cls_id` matches `patterns`.

        A base that is a class of the workspace counts by its name only for the
        class itself (`class Login(FormView)` in Django's own code), and never
        for a `*Mixin` alternative, which says something only of the
        framework's mixins: Django's own `FieldCacheMixin` makes no field a
        view (it took 16 of Django's files' results into `Field.__init__`)."""
        resolved = {
            (e.attrs or {}).get("index") for e in self.snap.edges_out(cls_id, EdgeType.EXTENDS)
        }
        file = file_of_id(cls_id)
        bases = self._texts(file, cls_id, "bases")
        alts = patterns.split("|")
        for i, b in enumerate(bases):
            workspace = i in resolved
            if workspace and not own:
                continue
            texts = [b] if workspace else [b, *self._renamed_bases(file, cls_id, [b])]
            for p in alts:
                if workspace and p.endswith("Mixin"):
                    continue
                if any(text_matches(p, t) for t in texts):
                    return True
        return False

    def class_chain(self, cls_id: str) -> list[str]:
        """The class and the workspace's classes it extends, nearest first (at most
        `_MAX_CLASS_CHAIN`)."""
        got = self._chains.get(cls_id)
        if got is not None:
            return got
        out: list[str] = []
        todo = [cls_id]
        while todo and len(out) < _MAX_CLASS_CHAIN:
            c = todo.pop(0)
            if c in out:
                continue
            out.append(c)
            bases = sorted(
                self.snap.edges_out(c, EdgeType.EXTENDS), key=lambda e: base_order(e.attrs)
            )
            todo.extend(e.dst for e in bases)
        self._chains[cls_id] = out
        return out

    def inline_lambdas(self, ff: FileFlows, path: str) -> list[ir.FlowFunction]:
        """The callbacks written in the body at `path` of `ff` (and in those, and so
        on), which run where they are written (`useEffect(() => ...)`), in path
        order; not the functions it defines by name, which run where they are called."""
        by_owner = self._inline_lambdas.get(ff.file)
        if by_owner is None:
            by_owner = {}
            for p, body in sorted(ff.bodies.items()):
                if body.kind != "LAMBDA":
                    continue
                parts = p.split(".")
                while parts and parts[-1].startswith("λ"):
                    parts.pop()
                    by_owner.setdefault(".".join(parts), []).append(body)
            self._inline_lambdas[ff.file] = by_owner
        return by_owner.get(path, [])

    def pattern_param_owners(self, ff: FileFlows) -> frozenset[str]:
        """The bodies of `ff` that are, or own (as callbacks run where they are
        written), a body with a parameter a source names by its place: destructured
        (`({ query }, res) => ...`: the pattern has no name), or after another
        (`(parent, args) => ...`: a word as common as `args` says nothing alone)."""
        got = self._pattern_owners.get(ff.file)
        if got is not None:
            return got
        models = self._pattern_models(ff.language)
        owners: set[str] = set()
        # (The module's schema is read only when a body could be a resolver by it:
        # reading it decodes every body's statements.)
        declared: Collection[str] = (
            self.graphql_arguments(ff.file)
            if ff.js and models.any and any(_may_be_resolver(b.params) for b in ff.bodies.values())
            else ()
        )
        if models.any:
            for path, body in ff.bodies.items():
                if not _pattern_source_param(body, models, declared):
                    continue
                owners.add(path)
                parts = path.split(".")
                while parts and parts[-1].startswith("λ"):
                    parts.pop()
                    owners.add(".".join(parts))
        got = self._pattern_owners[ff.file] = frozenset(owners)
        return got

    def _pattern_models(self, language: str) -> _PatternModels:
        """The parameter sources that name a parameter by its place (see
        `pattern_param_owners`) for a language, by the name they need."""
        got = self._pattern_models_by_language.get(language)
        if got is None:
            got = self._pattern_models_by_language[language] = _PatternModels.of(
                m
                for m in self.matcher.param_sources
                if m.language in ("any", language)
                and not m.directive
                and ("*" in m.name or (m.after and m.name) or (m.function and not m.qn))
            )
        return got

    def import_sources(self, file: str) -> frozenset[str]:
        """The modules a file imports from, as written (`fastify`, `express-validator`)."""
        got = self._import_sources.get(file)
        if got is None:
            imports = self.file_summary(file).imports.values()
            got = self._import_sources[file] = frozenset(
                str_attr(i.attrs, "source") or "" for i in imports
            )
        return got

    def handed_by_framework(self, file: str, key: Any) -> str | None:
        """What a framework hands each function of the object a module exports as
        `key` (a qualified name), or None (`_FRAMEWORK_HANDLER_TABLES`)."""
        name = file.rsplit("/", 1)[-1]
        for t in _FRAMEWORK_HANDLER_TABLES:
            if key == t.exported and (
                name.startswith(t.file_prefix)
                or not t.imports.isdisjoint(self.import_sources(file))
            ):
                return t.handed
        return None

    def request_names(self, ff: FileFlows) -> frozenset[str]:
        """The names a file's imports bind to a request object (`request` of
        `from flask import request`: `matcher.request_qns`)."""
        got = self._request_names.get(ff.file)
        if got is None:
            requests = self.matcher.request_qns
            got = self._request_names[ff.file] = frozenset(
                n.name
                for n in self.file_summary(ff.file).nodes
                if n.type == NodeType.IMPORT and import_qn(n.attrs, ff.js) in requests
            )
        return got

    def file_roots(self, ff: FileFlows) -> tuple[frozenset[str], dict[str, list[tuple[str, ...]]]]:
        """name -> the words after it: a body that mentions the name and the words may
        read a source (a builtin like ``input``, ``process.argv``, or an import binding
        of a prefix of a source's name: ``request`` for ``flask.request.args``); and
        the names, as a set."""
        got = self._roots.get(ff.file)
        if got is not None:
            return got
        base, by_prefix = self._source_roots()
        extra: list[tuple[str, tuple[str, ...]]] = []
        imported: dict[str, str] = {}
        for n in self.file_summary(ff.file).nodes:
            if n.type != NodeType.IMPORT:
                continue
            imported.setdefault(n.name, import_qn(n.attrs, ff.js))
            qn = tuple(import_qn(n.attrs, ff.js).split("."))
            for rest in by_prefix.get(qn, ()):
                extra.append((n.name, rest))
        # A module-level object made from an import (`parser =
        # reqparse.RequestParser()`): a body reading the rest through it. Only
        # read when an import could start such an object (the module body's
        # statements are decoded for it).
        makers = {
            name
            for name, qn in imported.items()
            if any(len(rest) >= 2 for rest in by_prefix.get(tuple(qn.split(".")), ()))
        }
        module = ff.bodies.get("")
        if module is not None and (
            not module.words.isdisjoint(makers)
            # (`const LocalStrategy = require("passport-local").Strategy`: no import
            # binding, the module's value is the library's.)
            or (ff.js and "require" in module.words)
        ):
            for stmt in module.body:
                if stmt[0] == ir.ASSIGN and isinstance(stmt[1], list) and stmt[1][0] == ir.NAME:
                    made = _spelled(stmt[2], imported)
                    for rest in by_prefix.get(tuple(made.split(".")), ()) if made else ():
                        extra.append((stmt[1][1], rest))
        got = self._roots[ff.file] = _roots_table(base | set(extra)) if extra else self._base_roots
        return got

    def _source_roots(
        self,
    ) -> tuple[set[tuple[str, tuple[str, ...]]], dict[tuple[str, ...], list[tuple[str, ...]]]]:
        """The roots every file has (each source's first name and the rest), and each
        prefix of a source's name -> what follows it (once per world: the models)."""
        if self._prefixes is None:
            paths = self.matcher.source_paths
            base = {(p[0], p[1:]) for p in paths}
            prefixes: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
            for p in paths:
                for k in range(1, len(p) + 1):
                    prefixes.setdefault(p[:k], []).append(p[k:])
            self._prefixes = (base, prefixes)
            self._base_roots = _roots_table(base)
        return self._prefixes

    def _param_sources(self, ff: FileFlows, func_id: str, fn: ir.FlowFunction) -> bool:
        if not fn.params:
            return False
        if any(
            m.directive and self.under_directive(ff, fn, m.directive)
            for m in self._entry_param_models(ff.language)
        ):
            return True
        # Most bodies have no decorator: look their texts up once, not per model.
        decorated = bool(self.decorators(ff.file, func_id))
        # `_after_param` needs the first parameter (or, in a method, the second)
        # named as `after` says: most bodies have neither, and skip the model.
        leading = {p[0] for p in fn.params[:2]} if len(fn.params) > 1 else set()
        if not decorated and not leading:
            return False
        for m in self._entry_param_models(ff.language):
            by_decorator = bool(m.decorator) and decorated
            by_place = bool(m.after) and not leading.isdisjoint(
                _alternatives(m.after.split(",", 1)[0])
            )
            if not (by_decorator or by_place):
                continue
            if m.function and not _function_named(m, fn.path):
                continue
            if by_decorator and self.decorated(ff.file, func_id, m.decorator):
                return True
            if by_place and any(
                _after_param(m, fn.kind, fn.params, i) for i in range(1, len(fn.params))
            ):
                return True  # the interpreter checks the rest (`calls`)
        return False

    def param_models_named(self, language: str, name: str) -> tuple[SourceModel, ...]:
        """The parameter sources of `language` whose name (and `not_named`) let a
        parameter named `name` through, in the spec's order: the interpreter asks
        this of every parameter of every body it runs, and most models name
        another parameter."""
        key = (language, name)
        got = self._models_named.get(key)
        if got is None:
            got = self._models_named[key] = tuple(
                m
                for m in self.matcher.param_sources
                if m.language in ("any", language) and _named_by(m, name)
            )
        return got

    def iterated_names(self, file: str, fn: ir.FlowFunction) -> frozenset[str]:
        """`_iterated_names` of a body, once per body: the entry test asks it of
        each request name a body only hands on."""
        key = (file, fn.path)
        got = self._iterated.get(key)
        if got is None:
            got = self._iterated[key] = _iterated_names(fn.body)
        return got

    def _entry_param_models(self, language: str) -> list[SourceModel]:
        """The parameter sources of `language` the syntactic entry test cannot see
        (chosen by a decorator or by their place), in the spec's order."""
        got = self._param_models.get(language)
        if got is None:
            got = self._param_models[language] = [
                m
                for m in self.matcher.param_sources
                if not m.qn
                and m.language in ("any", language)
                and (m.decorator or m.after or m.directive)
            ]
        return got

    def under_directive(self, ff: FileFlows, fn: ir.FlowFunction, directive: str) -> bool:
        """Whether a body's prologue has `directive`, or its module's has and the
        module exports it (`"use server"` at a file's top makes its exported
        functions server actions, not the helpers they call)."""
        word = ir.directive_word(directive)
        if word in fn.words:
            return True
        module = ff.bodies.get("")
        if module is None or word not in module.words or fn.kind not in ("FUNCTION", "LAMBDA"):
            return False
        if "." in fn.path:
            return False
        exports = self.file_summary(ff.file).exports
        return fn.path in exports or any(
            str_attr(e.attrs, "local") == fn.path for es in exports.values() for e in es
        )

    def setter_of(self, cls_id: str, name: str) -> str | None:
        """The method that assigning `name` on an object of `cls_id` runs: a Python
        `@name.setter` or a JS `set name(v)` accessor of the class, or else of the
        nearest workspace class it extends that defines `name` (`set expression(src)`
        of `PricingRule`, assigned on a `TieredPricingRule`)."""
        key = (cls_id, name)
        if key in self._setters:
            return self._setters[key]
        found = None
        for c in self.class_chain(cls_id):
            found = self._accessor_of(c, name, True)
            if found is not None or self._defines(c, name):
                break
        self._setters[key] = found
        return found

    def _defines(self, cls_id: str, name: str) -> bool:
        """Whether a class defines a method named `name` (a nearer one hides its
        bases' setter)."""
        method = definition_id(
            file_of_id(cls_id), NodeType.METHOD, f"{parse_id(cls_id).path}.{name}"
        )
        return self.file_summary(file_of_id(cls_id)).by_id.get(str(method)) is not None

    def getter_of(self, cls_id: str, name: str) -> str | None:
        """The method reading `name` runs, beside a setter of the same name."""
        return self._accessor_of(cls_id, name, False)

    def _accessor_of(self, cls_id: str, name: str, setter: bool) -> str | None:
        key = (cls_id, name, setter)
        if key in self._accessors:
            return self._accessors[key]
        by_id = self.file_summary(file_of_id(cls_id)).by_id
        base = str(
            definition_id(file_of_id(cls_id), NodeType.METHOD, f"{parse_id(cls_id).path}.{name}")
        )
        found = None
        # The class's methods of that name: `P.host`, then `P.host#1`, ... (a
        # property's getter and setter are two definitions of one name).
        node = by_id.get(base)
        n = 1
        while node is not None:
            decorators = str_list_attr(node.attrs, "decorators") or ()
            accessor = str_attr(node.attrs, "accessor")
            if setter and (accessor == "set" or f"{name}.setter" in decorators):
                found = node.id
                break
            if not setter and self.is_getter(node.id):
                found = node.id
                break
            node = by_id.get(f"{base}#{n}")
            n += 1
        self._accessors[key] = found
        return found

    def is_getter(self, method_id: str) -> bool:
        """Whether reading the method's name runs it: a JS `get` accessor, a Python
        `@property` (or `cached_property`)."""
        got = self._getters.get(method_id)
        if got is None:
            file = file_of_id(method_id)
            node = self.file_summary(file).get(method_id)
            if node is None or node.type != NodeType.METHOD:
                got = False
            elif str_attr(node.attrs, "accessor") == "get":
                got = True
            else:
                got = any(
                    d.rsplit(".", 1)[-1] in _PROPERTY_DECORATORS
                    for d in str_list_attr(node.attrs, "decorators") or ()
                )
            self._getters[method_id] = got
        return got

    def decorators(self, file: str, func_id: str) -> list[str]:
        return self._texts(file, func_id, "decorators")

    def dispatched_to(self, func_id: str) -> tuple[str, ...]:
        """The implementations a `functools.singledispatch` function of the
        workspace dispatches to (`@render.register` functions of its module),
        in the order written; () for any other function."""
        found = self._dispatch.get(func_id)
        if found is None:
            file = file_of_id(func_id)
            found = ()
            if is_python(file) and self.decorated(
                file, func_id, "singledispatch|functools.singledispatch"
            ):
                name = parse_id(func_id).path
                registers = re.compile(rf"{re.escape(name)}\.register(\(.*\))?", re.S)
                found = tuple(
                    n.id
                    for n in self.file_summary(file).nodes
                    if n.type == NodeType.FUNCTION
                    and any(registers.fullmatch(d) for d in self.decorators(file, n.id))
                )
            self._dispatch[func_id] = found
        return found

    def decorated(self, file: str, func_id: str, patterns: str) -> bool:
        """Whether a decorator of `func_id` matches one of `patterns` (`a|b`)."""
        return self._any_text_matches(file, func_id, "decorators", patterns)

    def decorated_on(self, file: str, func_id: str, patterns: str) -> bool:
        """Whether every decorator of `func_id` is an attribute of a module-level object
        known to be one of `patterns` (`app` of `@app.get(...)` is `fastapi.FastAPI()`)."""
        texts = self.decorators(file, func_id)
        if not texts:
            return False
        values = self.module_values(file)
        alts = patterns.split("|")
        for text in texts:
            # (`app.get(...)`: `app`; `post("/x")` of `from litestar import post`: `post`.)
            head = text.split("(", 1)[0].partition(".")[0]
            v = values.get(head) if head.isidentifier() and head != text else None
            qn = v.qn if v is not None else None
            if v is None and head.isidentifier() and head != text:
                # A function the module imports (`post` of `from litestar import post`).
                imp = _import_in_scope(self.file_summary(file), file, "", head)
                qn = import_qn(imp.attrs, not is_python(file)) if imp is not None else None
            if qn is None or not any(pattern_matches(p, qn) for p in alts):
                return False
        return True

    def based_on(self, file: str, class_id: str, patterns: str) -> bool:
        """Whether a base of `class_id` (as written) matches one of `patterns` (`a|b`)."""
        return self._any_text_matches(file, class_id, "bases", patterns)

    def base_texts(self, class_id: str) -> list[str]:
        """A class's bases, as written (`yaml.SafeLoader`)."""
        return self._texts(file_of_id(class_id), class_id, "bases")

    def _texts(self, file: str, node_id: str, key: str) -> list[str]:
        node = self.file_summary(file).get(node_id)
        return (str_list_attr(node.attrs, key) or []) if node is not None else []

    def _any_text_matches(self, file: str, node_id: str, key: str, patterns: str) -> bool:
        memo = (node_id, key, patterns)
        got = self._decorated.get(memo)
        if got is None:
            alts = patterns.split("|")
            texts = self._texts(file, node_id, key)
            if key == "bases":
                texts = [*texts, *self._renamed_bases(file, node_id, texts)]
            got = self._decorated[memo] = any(text_matches(p, t) for t in texts for p in alts)
        return got

    def _renamed_bases(self, file: str, class_id: str, texts: list[str]) -> list[str]:
        """A class's bases imported under another name, as their module names them
        (`extends EE` of `import { EventEmitter as EE }`: `EventEmitter` and
        `events.EventEmitter`; `ut.TestCase` of `import unittest as ut`:
        `unittest.TestCase`)."""
        fs = self.file_summary(file)
        scope = parse_id(class_id).path.rpartition(".")[0]
        js = not is_python(file)
        out: list[str] = []
        for text in texts:
            head, dot, rest = text.partition(".")
            if not head.isidentifier():
                continue
            imp = _import_in_scope(fs, file, scope, head)
            if imp is None:
                continue
            imported = imp.attrs.get("imported")
            named = isinstance(imported, str) and imported not in ("*", "default", head)
            if not (named or imp.attrs.get("alias")):
                continue  # imported under its own name: written as its module names it
            if named:
                out.append(f"{imported}{dot}{rest}")
            out.append(f"{import_qn(imp.attrs, js)}{dot}{rest}")
        return out

    # -- summaries --------------------------------------------------------------------

    def summary(self, func_id: str, ctx: tuple[Any, ...], depth: int) -> Summary | None:
        key = (func_id, ctx, depth)
        got = self.summaries.get(key)
        if got is not None:
            self.charge(got[1])
            return got[0]
        busy_key = (func_id, ctx)
        busy = self._busy.get(busy_key)
        if busy is None and self.recursing(func_id):
            # Recursion with other constants (`clauses(uids, index + 1)`): the
            # summary of every such call, their constants left out, made at the
            # depth of the first call (its own calls as deep as that one's), whose
            # own recursive calls meet it busy: a fixpoint, not a call per constant
            # until the depth runs out.
            wide = _without_constants(ctx)
            if wide != ctx:
                if func_id in self._widening:
                    # (Once: its calls of other functions that call it again with
                    # yet other arguments go deeper, as any call does.)
                    return self.summary(func_id, wide, depth)
                first = min(d for k, d in self._busy_depths.items() if k[0] == func_id)
                if depth - first > 1:
                    # (Through other functions: as deep as any call. Made again
                    # from the first call's depth, a mutual recursion of a big
                    # class's methods, Django's `Query`, cost five times as much.)
                    return self.summary(func_id, wide, depth)
                self._widening.add(func_id)
                try:
                    return self.summary(func_id, wide, first)
                finally:
                    self._widening.discard(func_id)
        if busy is not None:
            # Recursion: the summary so far (a fixpoint round will follow).
            self._hit_busy.add(busy_key)
            return busy
        found = self.body(func_id)
        if found is None:
            return None
        ff, fn = found
        current = EMPTY_SUMMARY
        result = current
        started = self.ticks
        for _ in range(RECURSION_ROUNDS):
            self._busy[busy_key] = current
            self._busy_depths[busy_key] = depth
            self._hit_busy.discard(busy_key)
            try:
                result = self._compute(ff, fn, func_id, ctx, depth)
            finally:
                del self._busy[busy_key]
                del self._busy_depths[busy_key]
            if busy_key not in self._hit_busy or _same_summary(result, current):
                break
            current = result
        self._hit_busy.discard(busy_key)
        self._hit_busy = {k for k in self._hit_busy if k in self._busy}
        if not self._hit_busy:
            # Nothing unfinished fed it: the same for every caller, memoise.
            self.summaries[key] = (result, self.ticks - started)
        return result

    def charge(self, cost: int) -> None:
        """Count `cost` statements against the running entry (what a memoised result
        cost to make)."""
        self.ticks += cost
        if self.ticks > self.deadline:
            raise EntryStopped

    def unbudgeted(self, make: Callable[[], _T]) -> _T:
        """`make()` (a module's fact every body reads, memoised) outside the running
        entry's budget: which entry would pay for it depends on the order they run.
        (Its interpreter stops at `STEP_BUDGET`.)"""
        ticks, deadline = self.ticks, self.deadline
        self.deadline = _NO_DEADLINE
        try:
            return make()
        finally:
            self.ticks, self.deadline = ticks, deadline

    def _compute(
        self, ff: FileFlows, fn: ir.FlowFunction, func_id: str, ctx: tuple[Any, ...], depth: int
    ) -> Summary:
        params: list[Val] = []
        for i in range(len(fn.params)):
            desc = next((d for d in ctx if d[0] == i), None)
            params.append(_symbolic_param(i, desc))
        it = Interp(self, ff, fn, params, depth=depth, summary=True)
        this_desc = next((d for d in ctx if d[0] == -1), None)
        if this_desc is not None:
            it.this_val = _symbolic_param(-1, this_desc)
        validated = next((d for d in ctx if d[0] == _VALIDATED_AT), None)
        if validated is not None:
            it.validated = {qn: frozenset(classes) for qn, classes in validated[6]}
        it.deps.add(func_id)
        it.run()
        effects = {}
        for i, name in enumerate(p[0].lstrip("*") for p in fn.params):
            final = it.final_params.get(name)
            if final is not None and not same(final, params[i]):
                effects[i] = final
        if it.this_val is not None:
            final = it.final_params.get("this")
            if final is not None and not same(final, it.this_val):
                effects[-1] = final
        index = {p[0].lstrip("*"): i for i, p in enumerate(fn.params)}
        field_effects: dict[ParamPath, Val] = {}
        for key, checked in it.final_fields.items():
            name, _, below = key.partition(".")
            if name in index and name not in fn.bound:
                field_effects[(index[name], below)] = checked
        # A source read inside is reported where the body is an entry; a body that
        # reads one only through a request object handed in (`complete(request)`
        # reading `req.GET`) is none, so its caller reports what it finds.
        requests = self.matcher.request_qns if _hands_request(ctx, self.matcher.request_qns) else ()
        # So does one whose sink is a library's object handed in (`filter_loop(
        # pd.read_csv(path))` calling `frame.query(input())`): as an entry it does
        # not know what the object is. (Where it would, the two findings are one.)
        objects = _hands_library_object(ctx, self.matcher)
        hits = [
            h
            for h in it.hits
            if h.origin.startswith(("P|", "C|", _CONTEXT_ORIGIN))
            or (requests and _read_from(h.origin, requests))
            or (objects and h.origin.startswith("S|"))
        ]
        when_true, when_false = it.check_facts(params)
        made: Val | None = None
        if ff.js and fn.kind == "FUNCTION" and it.this_val is None and _stores_into_this(fn):
            final = it.final_params.get("this")
            ends = join_env(it.final_env, it.return_env)
            if final is not None and final.fields and ends is not None:
                made = Val(
                    fields={
                        k: it._with_captured(v, ends) if v.fn is not None else v
                        for k, v in final.fields.items()
                    }
                )
        return Summary(
            _generated(it) if it.yields else it.ret or EMPTY,
            hits,
            effects,
            frozenset(it.deps),
            frozenset(it.word_deps),
            when_true,
            when_false,
            tuple(it.param_calls),
            it.raised or EMPTY,
            field_effects,
            made,
            dict(it.global_writes),
        )


def _roots_table(
    roots: set[tuple[str, tuple[str, ...]]],
) -> tuple[frozenset[str], dict[str, list[tuple[str, ...]]]]:
    table: dict[str, list[tuple[str, ...]]] = {}
    for name, rest in roots:
        table.setdefault(name, []).append(rest)
    return frozenset(table), table


def _same_summary(a: Summary, b: Summary) -> bool:
    if not same(a.ret, b.ret) or not same(a.raised, b.raised) or len(a.hits) != len(b.hits):
        return False
    if a.global_writes.keys() != b.global_writes.keys() or not all(
        same(v, b.global_writes[k]) for k, v in a.global_writes.items()
    ):
        return False
    if {(h.origin, h.cls, h.sink) for h in a.hits} != {(h.origin, h.cls, h.sink) for h in b.hits}:
        return False
    if len(a.param_calls) != len(b.param_calls) or any(
        i != j or len(x) != len(y) or not all(same(u, v) for u, v in zip(x, y))
        for (i, x), (j, y) in zip(a.param_calls, b.param_calls)
    ):
        return False
    return a.effects.keys() == b.effects.keys() and all(
        same(a.effects[k], b.effects[k]) for k in a.effects
    )


#: Sequences described position by position in a calling context at most this long
#: (a command's argument list handed to a helper: `pg_dump` with its options is a
#: dozen; a longer one is described as a whole, its program then any of its items).
_MAX_SEQ_DESCRIBED = 24


#: Operators of a boolean test kept in a name (`ok = a and b`, `ok = x == y`).
_TEST_OPERATORS = frozenset(
    {"and", "or", "&&", "||", "not", "!", "==", "===", "!=", "!==", "in", "notin", "is", "isnot"}
)


#: Items of a literal list a loop is unrolled over, at most.
_UNROLL_ITEMS = 8


def _loop_iterable(body: list[Any]) -> Any:
    """The iterable of a `for ... in/of` loop's body (its first statement binds the
    target to `[ELEM, iterable]`), None for another loop."""
    first = body[0] if body else None
    if (
        isinstance(first, list)
        and len(first) >= 3
        and first[0] == ir.ASSIGN
        and isinstance(first[2], list)
        and len(first[2]) == 2
        and first[2][0] == ir.ELEM
    ):
        return first[2][1]
    return None


def _dotted_expr(text: str) -> list[Any]:
    """`a.b.c` as the expression that reads it."""
    head, *rest = text.split(".")
    e: list[Any] = [ir.NAME, head]
    for part in rest:
        e = [ir.ATTR, e, part]
    return e


def _split_at_slashes(body: list[Any], name: str) -> bool:
    """Whether `name` is bound in `body` as the variable of a loop over the pieces
    of a text split at its slashes (`for seg in doc.split("/")`, JS
    `for (const seg of p.split(/[\\/]+/))`): each piece holds no slash."""
    for st in _nested_statements(body):
        if st is None or not (st[0] == ir.ASSIGN and st[1] == [ir.NAME, name]):
            continue
        value = st[2]
        if not (isinstance(value, list) and len(value) == 2 and value[0] == ir.ELEM):
            continue
        call = value[1]
        if _method_call(call, ("split",)) and call[3]:
            sep = call[3][0]
            if isinstance(sep, str) and "/" in sep:
                return True
            if guards.is_regex_literal(sep) and "/" in sep[2]:
                return True
    return False


def _literal_items(body: list[Any]) -> list[Any] | None:
    """The items of the literal list or tuple a loop runs over, when each is a
    constant or a name (no call: an item is read when its round begins)."""
    it = _loop_iterable(body)
    if not (isinstance(it, list) and len(it) == 3 and it[0] == ir.SEQ):
        return None
    items = it[2]
    if not (0 < len(items) <= _UNROLL_ITEMS):
        return None
    for item in items:
        if isinstance(item, list) and not _is_path(item):
            return None
    return list(items)


def _is_path(e: Any, depth: int = 0) -> bool:
    """A name or attributes of one (`value`, `self.database`): read, not called."""
    if not isinstance(e, list) or depth > 3:
        return False
    if len(e) == 2 and e[0] == ir.NAME:
        return True
    return len(e) == 3 and e[0] == ir.ATTR and isinstance(e[2], str) and _is_path(e[1], depth + 1)


def _constant_range(body: list[Any]) -> bool:
    """Whether a loop runs over `range(...)` of integer constants with an item."""
    it = _loop_iterable(body)
    if not (
        isinstance(it, list)
        and len(it) >= 4
        and it[0] == ir.CALL
        and it[2] == [ir.NAME, "range"]
        and isinstance(it[3], list)
        and all(type(a) is int for a in it[3])
    ):
        return False
    try:
        return len(range(*it[3])) > 0
    except (TypeError, ValueError):
        return False


def _is_test(e: list[Any]) -> bool:
    """A boolean test: a comparison, `and`/`or`/`not` of them, or of calls."""
    return e[0] in (ir.BIN, ir.UN) and e[1] in _TEST_OPERATORS


def _names_read(e: Any, out: set[str], depth: int) -> set[str]:
    """The names an expression reads (not inside functions it makes)."""
    if not isinstance(e, list) or not e or depth > MAX_DEPTH_GUARD:
        return out
    if e[0] == ir.NAME:
        out.add(e[1])
    elif e[0] not in (ir.LAMBDA, ir.FUNC, ir.OPAQUE):
        for sub in ir.subexprs(e):
            _names_read(sub, out, depth + 1)
    return out


def _methods_in_call(fn: tuple[Any, ...] | None, sub: _Subst) -> tuple[Any, ...] | None:
    """A summary's returned bound method (or a union of them), on the call's
    objects; None for anything else."""
    if fn is None:
        return None
    if fn[0] == _METHOD and len(fn) == 3 and isinstance(fn[2], Val):
        return (_METHOD, fn[1], sub.val(fn[2]))
    if fn[0] == _UNION and fn[1] and all(f[0] == _METHOD and len(f) == 3 for f in fn[1]):
        return (_UNION, tuple((_METHOD, f[1], sub.val(f[2])) for f in fn[1]))
    return None


def _settles_promise(f: Val, env: Env) -> bool:
    """Whether a function expression calls the `resolve` (or `reject`) of a Promise
    executor around it: a name it reads holds one."""
    if f.fn is None or f.fn[0] != "lambda":
        return False
    lam = f.fn[2]
    body = lam[2] if isinstance(lam, list) and len(lam) > 2 else None
    owner: Interp = f.fn[3]
    if isinstance(body, list) and body[:1] == [ir.FUNC]:
        found = owner.ff.bodies.get(body[1])
        words: Iterable[str] = found.words if found is not None else ()
    else:
        words = _names_read(body, set(), 0)
    return any(
        (v := env.get(w)) is not None and v.fn is not None and v.fn[0] == _RESOLVER for w in words
    )


def _bare_object(v: Val) -> bool:
    """Whether `v` is an object known by its class or library name alone, holding
    no data (`requests.Session()`)."""
    return (v.qn is not None or v.cls is not None) and not v.taint and v.fn is None


#: What a module makes its request-context holders with, by the callee's name.
_CONTEXT_MAKERS_JS = frozenset({"AsyncLocalStorage"})
_CONTEXT_MAKERS_PY = frozenset({"ContextVar"})
#: The origin of what a summary read from a module's request-context holder
#: (`G|name`): the calling entry's file stored it (`_Subst.kept`).
_CONTEXT_ORIGIN = "G|"


def _context_read(name: str) -> Val:
    """What a summary reads from the module's request-context holder `name` (an
    AsyncLocalStorage's `getStore()`, a ContextVar's `get()`): what the entry that
    calls it finds stored there."""
    return Val({(f"{_CONTEXT_ORIGIN}{name}", frozenset()): ()})


def _request_context(v: Val, js: bool) -> bool:
    """Whether `v` is a module's holder of one request's context: an object of a
    Python `contextvars.ContextVar`, a Node `AsyncLocalStorage` (by the name of
    what made it, as `World.context_holders` reads the module)."""
    qn = v.qn or ""
    made = _CONTEXT_MAKERS_JS if js else _CONTEXT_MAKERS_PY
    return qn.endswith("()") and qn[:-2].rsplit(".", 1)[-1] in made


def _text_table(v: Val) -> bool:
    """Whether `v` is a small object of constant texts only (`{ "&": "&amp;" }`)."""
    fields = v.fields
    return (
        fields is not None
        and 0 < len(fields) <= _MAX_TEXT_TABLE
        and v.elems is None
        and not v.taint
        and all(isinstance(single_const(f), str) for f in fields.values())
    )


def _path_keys_read(e: Any, out: set[str], depth: int) -> set[str]:
    """The fields an expression reads as `_path_key` names them (`body.snapshot`
    of `body.snapshot.encode()`; not inside functions it makes)."""
    if not isinstance(e, list) or not e or depth > MAX_DEPTH_GUARD:
        return out
    key = _path_key(e)
    if key is not None:
        out.add(key)
    if e[0] not in (ir.LAMBDA, ir.FUNC, ir.OPAQUE):
        for sub in ir.subexprs(e):
            _path_keys_read(sub, out, depth + 1)
    return out


def _substituted(e: Any, names: dict[str, Any], depth: int) -> Any:
    """`e` with the names in `names` replaced by their expressions; None where it
    makes a scope of its own (a comprehension, a lambda, `:=`) or is too deep."""
    if not isinstance(e, list) or not e:
        return e
    if depth > MAX_DEPTH_GUARD:
        return None
    op = e[0]

    def sub(x: Any) -> Any:
        out = _substituted(x, names, depth + 1)
        if out is None and x is not None:
            raise _NotSubstituted
        return out

    try:
        if op == ir.NAME:
            return names.get(e[1], e)
        if op in (ir.OPAQUE, ir.PARAM, ir.FUNC):
            return e
        if op in (ir.ATTR, ir.STAR, ir.ELEM):
            return [op, sub(e[1]), *e[2:]]
        if op == ir.SUB:
            return [op, sub(e[1]), sub(e[2]), *e[3:]]
        if op == ir.CALL:
            return [op, e[1], sub(e[2]), [sub(a) for a in e[3]], [[k, sub(v)] for k, v in e[4]]]
        if op == ir.BIN:
            return [op, e[1], sub(e[2]), sub(e[3]), *e[4:]]
        if op == ir.UN:
            return [op, e[1], sub(e[2]), *e[3:]]
        if op == ir.JOIN:
            return [op, [sub(x) for x in e[1]], *e[2:]]
        if op == ir.COND:
            return [op, sub(e[1]), sub(e[2]), sub(e[3]), *e[4:]]
        if op == ir.SEQ:
            return [op, e[1], [sub(x) for x in e[2]], *e[3:]]
    except _NotSubstituted:
        return None
    return None


class _NotSubstituted(Exception):
    """An expression `_substituted` cannot rewrite."""


#: Bases (as written) of an exception class: Python's and JavaScript's by name.
_EXCEPTION_BASES = "*Exception|*Error|*Warning"


def _scalar(v: Val) -> bool:
    """A plain value: no function, no fields, no elements."""
    return v.fn is None and not v.fields and v.elems is None and v.seq is None


def _scalar_record(v: Val) -> bool:
    """An options object of plain values (`{ noent: true, dtdload: true }`):
    what a parser or client is made with."""
    return (
        v.fn is None
        and bool(v.fields)
        and len(v.fields or ()) <= _OPTIONS_RECORD_FIELDS
        and v.elems is None
        and v.seq is None
        and all(_scalar(f) for f in (v.fields or {}).values())
    )


def _calls_super(func: Any, js: bool) -> bool:
    """`super().__init__` (Python) or `super` (a JavaScript constructor's `super(...)`)."""
    if js:
        return bool(func == [ir.NAME, "super"])
    return (
        isinstance(func, list)
        and func[0] == ir.ATTR
        and isinstance(func[1], list)
        and func[1][0] == ir.CALL
        and func[1][2] == [ir.NAME, "super"]
    )


def _constant_prefix(k: Any) -> str:
    """The constant text a key expression starts with (`"handle" + action`,
    `` `handle${action}` ``), or ""."""
    if isinstance(k, list) and k[:2] == [ir.BIN, "+"]:
        # (`"by" + a + b` is `("by" + a) + b`.)
        return k[2] if isinstance(k[2], str) else _constant_prefix(k[2])
    if isinstance(k, list) and k[0] == ir.JOIN and k[1] and isinstance(k[1][0], str):
        return str(k[1][0])
    return ""


def _list_items(v: Val) -> tuple[Val, ...]:
    """The items a list may hold: its positions, or, its length not known (an
    `append` in one branch), its known first positions and its other items."""
    if v.seq is not None:
        return v.seq
    if v.cls is not None or v.fn is not None or not (v.fields or v.elems is not None):
        return ()
    if not all(isinstance(k, int) and not isinstance(k, bool) for k in v.fields or {}):
        return ()
    return (*(v.fields or {}).values(), *((v.elems,) if v.elems is not None else ()))


def _handed_functions(v: Val) -> tuple[Val, ...]:
    """An argument and the items of the list it is (`waterfall([task1, task2])`),
    or the functions of the object literal it is (`enqueue({ run: () => ... })`):
    where the callee may find a function it calls."""
    if v.seq is not None:
        return (v, *v.seq)
    if v.fields and v.cls is None and v.fn is None:
        return (v, *(f for f in v.fields.values() if f.fn is not None))
    return (v,)


def _constructs(call_id: str) -> bool:
    """Whether a JavaScript call is a `new` expression (its CALL node is named so)."""
    return call_id.rpartition("->")[2].startswith("new ")


def _made_object(v: Val) -> bool:
    """Whether a module's value is an object its body made (of a workspace class,
    by an ES5 constructor function, or a literal of the module's functions:
    functions kept in its fields), holding no data of its own."""
    if v.fn is not None or deep_taint(v):
        return False
    return v.cls is not None or any(
        f.fn is not None and f.fn[0] in ("lambda", "ref") for f in (v.fields or {}).values()
    )


def _constant_object(v: Val) -> bool:
    """Whether a module's value is an object of the code's own data (a frozen
    configuration: `module.exports = { features: { legacySearch: false } }`),
    holding no data but the deployment's (the environment) and no function."""
    if v.fn is not None or v.fields is None or _untrusted(deep_taint(v)):
        return False
    return all(
        f.fn is None and (f.fields is None or _constant_object(f)) for f in v.fields.values()
    )


def _stores_into(fn: ir.FlowFunction) -> bool:
    """Whether a Python method's top level assigns a field of its first parameter
    (`self.members = ...`)."""
    me = [ir.NAME, fn.params[0][0]] if fn.params else None
    return me is not None and any(
        st[0] == ir.ASSIGN and isinstance(st[1], list) and st[1][:2] == [ir.ATTR, me]
        for st in fn.body
    )


def _stores_into_this(fn: ir.FlowFunction) -> bool:
    """Whether a JavaScript function's top level assigns a field of `this`
    (`this.find = (id, cb) => ...`): an ES5 constructor function."""
    return any(
        st[0] == ir.ASSIGN and isinstance(st[1], list) and st[1][:2] == [ir.ATTR, [ir.NAME, "this"]]
        for st in fn.body
    )


def _constructed(made: Val, sub: _Subst) -> Val:
    """The object `new F(...)` made (`Summary.made`), in the call's terms: its
    functions with what they captured as this call gave it."""
    fields: dict[Any, Val] = {}
    for k, v in (made.fields or {}).items():
        if v.fn is not None and v.fn[0] in ("lambda", "def"):
            fields[k] = v.replace(fn=_captured_in_call(v.fn, sub))
        else:
            fields[k] = sub.val(v)
    return Val(fields=fields)


def _object_in_call(v: Val, sub: _Subst, depth: int = 0) -> Val:
    """A summary's object in the call's terms, keeping the functions made in it
    (`this.dao = new CouponDao(collection)`: `dao.findActive`), which `sub.val`
    drops."""
    if not v.fields or depth > 2:
        return sub.val(v)
    fields: dict[Any, Val] = {}
    for k, f in v.fields.items():
        if f.fn is not None and f.fn[0] in ("lambda", "def") and not f.fields:
            fields[k] = f.replace(fn=_captured_in_call(f.fn, sub))
        else:
            fields[k] = _object_in_call(f, sub, depth + 1)
    return sub.val(v.replace(fields=None)).replace(fields=fields)


def _path_safe(v: Val) -> bool:
    """Whether `v` names no path the request chose: none of its data, or data already
    kept inside a directory (`project_dir` past `os.path.dirname(project_dir) ==
    ROOT`): a base a path is then checked to lie under."""
    return all(san >= guards.PATH_CLASSES for _, san in deep_taint(v))


#: Python's HTML escaper, whose `quote=False` leaves quotes as they are.
_HTML_ESCAPE = "html.escape"


def _quote_off(argv: list[Val], kwv: dict[str, Val]) -> bool:
    """Whether `html.escape`'s `quote` (its second argument) is the constant False."""
    quote = kwv.get("quote", argv[1] if len(argv) > 1 else None)
    return quote is not None and quote.consts == frozenset({False})


def _filtered_list(e: Any) -> tuple[str, Any, Any] | None:
    """`[u for u in urls if test]` (one `for` over a name, one condition): the
    element's name, the list's expression and the condition; None otherwise."""
    if not (isinstance(e, list) and e and e[0] == ir.COMP and len(e[2]) == 1):
        return None
    target, seq, conds = e[2][0]
    if not (isinstance(target, list) and target[0] == ir.NAME) or len(conds) != 1:
        return None
    if not (isinstance(seq, list) and (seq[0] == ir.NAME or _field_parts(seq) is not None)):
        return None
    return target[1], seq, conds[0]


def _lambda_body(v: Val) -> ir.FlowFunction | None:
    """The body of a function value written with a body of its own (an object
    literal's method, a `function` expression), in the file it was written in."""
    if v.fn is None or v.fn[0] != "lambda":
        return None
    body = v.fn[2][2]
    if not (isinstance(body, list) and body and body[0] == ir.FUNC):
        return None
    owner: Interp = v.fn[3]
    return owner.ff.bodies.get(body[1])


def _made_function_fields(v: Val) -> frozenset[str]:
    """The fields of an object holding an object with functions made in it
    (`this.dao` of `this.dao = new CouponDao(collection)`), or such a function."""
    out = set()
    for k, f in (v.fields or {}).items():
        if not isinstance(k, str):
            continue
        # (Or a list or a table of them: `this.renderers`, `this.#jobs`.)
        inner = [
            f,
            *(f.fields or {}).values(),
            *((f.elems,) if f.elems is not None else ()),
            *(f.seq or ()),
        ]
        if any(_made_function(x) or _made_functions(x) for x in inner):
            out.add(k)
    return frozenset(out)


def _made_functions(v: Val) -> bool:
    """One of several functions, some made by the code (`UNION`)."""
    return (
        v.fn is not None and v.fn[0] == _UNION and any(f[0] in ("lambda", "def") for f in v.fn[1])
    )


def _captured_in_call(made: tuple[Any, ...], sub: _Subst, depth: int = 0) -> tuple[Any, ...]:
    """A function a callee made (a nested `def`, a lambda) with what it captured
    (`_with_captured`) in the call's terms (`make_client(req.query.url)`).
    A function it captured stays one (`withRetry((url) => client.get(url))`:
    the wrapper calls that function, not an unknown one)."""
    at = 2 if made[0] == "def" else 4
    if len(made) != at + 2:
        return made  # (it captured nothing)
    captured = tuple(
        (
            k,
            v.replace(fn=_captured_in_call(_params_captured(v.fn, sub), sub, depth + 1))
            if v.fn is not None and v.fn[0] in ("lambda", "def") and depth < 2 and not v.fields
            else sub.val(v),
        )
        for k, v in made[at]
    )
    return (*made[:at], captured, made[at + 1])


def _captured_functions(captured: tuple[Any, ...]) -> frozenset[tuple[Any, ...]]:
    """What names the functions among a made function's captures (`_captured`:
    names and values, the body that made it)."""
    if len(captured) != 2:
        return frozenset()
    return frozenset(
        v.fn[:2] for _, v in captured[0] if v.fn is not None and v.fn[0] in ("lambda", "def")
    )


def _params_captured(made: tuple[Any, ...], sub: _Subst) -> tuple[Any, ...]:
    """A function the called body wrote (a lambda, a nested `def`) and handed on
    as it was (`withRetry((url) => client.get(url))` in a constructor), with
    the parameters of that body it reads bound to what this call passed them
    (`client`): it runs after the call is over, where they are unknown."""
    if sub.callee is None:
        return made
    ff, callee = sub.callee
    if made[0] == "lambda" and len(made) == 4:
        node = made[2]
        if not isinstance(node, list) or len(node) < 3:
            return made
        if isinstance(node[2], list) and node[2][:1] == [ir.FUNC]:
            body = ff.bodies.get(node[2][1])
            if body is None:
                return made
            own = {*body.bound, *(p[0].lstrip("*.") for p in body.params)}
            words: set[str] = set(body.words)
        else:
            # An expression body (a Python lambda): the names it reads.
            own = {str(p).lstrip("*.") for p in node[1]}
            words = _names_read(node[2], set(), 0)
    elif made[0] == "def" and len(made) == 2 and made[1].rpartition(".")[0] == callee.path:
        body = ff.bodies.get(made[1])
        if body is None:
            return made
        own = {*body.bound, *(p[0].lstrip("*.") for p in body.params)}
        words = set(body.words)
    else:
        return made
    captured = tuple(
        (name, sub.actual[i])
        for i, p in enumerate(callee.params)
        if (name := p[0].lstrip("*.")) in words and name not in own and i in sub.actual
    )
    return (*made, captured, callee.path) if captured else made


def _inherited_constructor(ff: FileFlows, name: str) -> str:
    """The constructor function `util.inherits(name, Base)` at the module's top
    level makes `name`'s prototype inherit from (its methods are the object's
    where `name`'s prototype has none of its own), or ""."""
    module = ff.bodies.get("")
    for st in module.body if module is not None else ():
        e = st[1] if st[0] == ir.EXPR else None
        if not (isinstance(e, list) and len(e) == 5 and e[0] == ir.CALL):
            continue
        func, args = e[2], e[3]
        called = func[1] if func[0] == ir.NAME else func[2] if func[0] == ir.ATTR else None
        if (
            called == "inherits"
            and len(args) == 2
            and args[0] == [ir.NAME, name]
            and isinstance(args[1], list)
            and args[1][0] == ir.NAME
        ):
            return str(args[1][1])
    return ""


def _super_method_call(func: Any, js: bool) -> bool:
    """`super().m` (Python), `super.m` or a constructor's `super` (JavaScript)."""
    if js:
        return func == [ir.NAME, "super"] or (
            isinstance(func, list) and func[0] == ir.ATTR and func[1] == [ir.NAME, "super"]
        )
    return _calls_super(func, js)


def _same_items(a: list[Any], b: list[Any]) -> bool:
    """Whether two lists hold the very same objects, in order."""
    return len(a) == len(b) and all(x is y for x, y in zip(a, b))


#: Pure paths whose `parts` are a path's pieces between its slashes.
_PURE_PATHS = frozenset(
    {"pathlib.Path", "pathlib.PurePath", "pathlib.PurePosixPath", "pathlib.PosixPath"}
)


def _dots_test(e: Any, target: list[Any], depth: int = 0) -> bool:
    """Whether `e` is `target == ".."` (or `===`, either way round), or an `or` of
    tests one of which is (`s === "" || s === ".."`): true wherever it is `..`."""
    if not (isinstance(e, list) and len(e) == 4 and e[0] == ir.BIN) or depth > MAX_NEST:
        return False
    if e[1] in ("or", "||"):
        return _dots_test(e[2], target, depth + 1) or _dots_test(e[3], target, depth + 1)
    return e[1] in ("==", "===") and (
        (e[2] == target and e[3] == "..") or (e[3] == target and e[2] == "..")
    )


def _method_call(e: Any, names: tuple[str, ...]) -> bool:
    """Whether `e` (IR) calls a method of one of `names` on something (`x.split(...)`)."""
    return (
        isinstance(e, list)
        and len(e) == 5
        and e[0] == ir.CALL
        and isinstance(e[2], list)
        and e[2][0] == ir.ATTR
        and e[2][2] in names
    )


def _is_ajv(v: Val) -> bool:
    """Whether `v` is an Ajv validator (`new Ajv(...)`, as ajv's default export
    or its named class)."""
    return v.qn is not None and v.qn.split(".", 1)[0].replace("()", "") == "ajv"


def _path_key(e: list[Any], depth: int = 0) -> str | None:
    """`x.k.j` for a chain of properties read from a name (None: not one). A
    subscript at a constant name is a property here (`payload["url"]` is
    `payload.url`): a check of one proves what the other reads, as both read
    the same field of an object the analysis models."""
    parts = _field_parts(e)
    if parts is None or depth > 3:
        return None
    base, key = parts
    if base[0] == ir.NAME:
        return f"{base[1]}.{key}"
    inner = _path_key(base, depth + 1)
    return f"{inner}.{key}" if inner is not None else None


def _field_parts(e: Any) -> tuple[list[Any], str] | None:
    """The object and the name of a field read: `o.k`, `o["k"]` at a constant
    name, or `o.get("k")` (with a constant default, or none: where the key is
    missing the default is no data)."""
    if not isinstance(e, list) or len(e) < 3:
        return None
    op = e[0]
    if op == ir.ATTR or op == ir.SUB:
        key, base = e[2], e[1]
        if (
            isinstance(key, str)
            and (op == ir.ATTR or key.isidentifier())
            and isinstance(base, list)
            and base
        ):
            return base, key
        return None
    if op == ir.CALL and len(e) == 5 and not e[4] and 1 <= len(e[3]) <= 2:
        func, args = e[2], e[3]
        if (
            isinstance(func, list)
            and func[0] == ir.ATTR
            and func[2] == "get"
            and isinstance(func[1], list)
            and func[1]
            and isinstance(args[0], str)
            and args[0].isidentifier()
            and (len(args) == 1 or not isinstance(args[1], list))
        ):
            return func[1], args[0]
    return None


def _is_field(e: Any) -> bool:
    """`o.k`, `o["k"]` or `o.get("k")` (see `_field_parts`)."""
    return _field_parts(e) is not None


#: How deep the functions a nested function reads keep what they captured in turn
#: (`_captured_names`).
_CAPTURE_LEVELS = 3
#: A table of texts a function captures where it is made, at most this many keys
#: (HTML's entities, a few more; a bigger object is no escape table).
_MAX_TEXT_TABLE = 64
#: Marks a key a parameter's object holds no data at, beside unknown keys that do.
_CLEAN_KEY = "clean"
#: A field of an argument's field holding data (`this.filters.status`), when that
#: field is an object whose other fields are clean.
_NESTED_KEY = "nested"
#: Joins a field and its field in a parameter origin (`P|-1|filters\x1estatus`).
_PATH_SEP = "\x1e"
#: Marks a container (the argument itself: "", or one of its fields) whose elements
#: are all tuples of one length, some positions of which hold no data:
#: (_ELEM_SEQ_KEY, field or "", a "0"/"1" mask by position). `self._order` of
#: `(column, "DESC")` pairs: the callee's `for col, direction in self._order`
#: reads `direction` clean.
_ELEM_SEQ_KEY = "elem-seq"
#: Fields of one field described apart, at most.
_MAX_NESTED = 4
#: A field an argument's elements all hold clean (`[{name: req.body.name, pattern: P}]`:
#: the callee's `for (const v of list)` reads `v.pattern` clean).
_ELEM_CLEAN_KEY = "elem-clean"
#: Marks a key a parameter's object holds a source's value at as it came (`raw_taint`);
#: the name such a value has in the callee is `values.RAW_QN`.
_RAW_KEY = "raw"
#: Marks a key a parameter's object holds a value made of a source's at (`String(x)`,
#: a validated DTO's text field), which an object it is read from as it came (a
#: NestJS `@Body()`, `?dto`) does not make a value as it came; and that value's
#: name in the callee (no model matches it; a call's, as `raw_taint` reads it).
_MADE_KEY = "made"
_MADE_QN = "?made()"
#: Marks a key a parameter's object holds a known library object or a flagged
#: value at: (_KNOWN_KEY, key, its qualified name, its flags, whether it holds data).
_KNOWN_KEY = "known"
#: Marks a key a parameter's object holds an object of a workspace class at, which
#: keeps known objects (their `_KNOWN_KEY`s follow): (_OBJECT_KEY, key, class id).
_OBJECT_KEY = "object"
#: A key of a calling context: the argument is an object of one of a few workspace
#: classes (`MatchStrategy.from(mode)` returning a `PrefixMatch` or a
#: `ContainsMatch`): ("classes", (class id, ...)), its methods each class's; at a
#: field of it (`this.probe`): ("classes", field, (class id, ...)).
_CLASSES_KEY = "one-of-classes"
#: Marks the constant text an argument starts with, data after it (`f"OPS-{n}"`:
#: the callee's `ref.substring(0, 3)` or `spec.split(">=")[0]` is that text's):
#: (_PREFIX_KEY, the text).
_PREFIX_KEY = "prefix"
#: Starts the flag a JS regular expression's value carries: its flags, "/", its
#: pattern (`_regex_literal` reads it back).
_REGEX_FLAG = "regex:"
#: The name a receiver that is one of several library objects takes, in turn, as
#: each of them (`_each_alternative`); no program's name.
_EITHER_NAME = "\x00either"
#: The parameter index of a calling context's part that is no parameter's: what
#: the route's validation proved (`_validated_description`).
_VALIDATED_AT = -2
#: A `_NESTED_KEY`'s sub-key for what a field's object holds at keys it does not name.
_ANY_KEY = "\x1e*"
#: Marks a container (the argument itself: "", or one of its fields) whose elements
#: holding data are objects of one workspace class, with the fields that hold it:
#: (_ELEM_OBJECT_KEY, field or "", class id, field names). `Simulator(rules)` of
#: `[Rule(c) for c in body["rules"]]`: the callee's `for rule in self.rules:
#: rule.check()` runs `Rule.check` on an object whose `condition` holds data.
_ELEM_OBJECT_KEY = "elem-object"
#: Starts the key of such an element's field in a parameter origin
#: (`P|-1|\x1drules\x1econdition`: `condition` of an element of `this.rules`).
_ELEM_OBJECT_MARK = "\x1d"
#: Marks a sequence position in a parameter origin (`P|0|\x1f1`), apart from field keys.
_SEQ_MARK = "\x1f"
#: Marks a key a parameter's object holds a constant flag at, or the field of a
#: field that does: (_FLAG_KEY, key, its field or "", its constants). The options
#: an object keeps for itself (`this.o = {noent: true}`, `self.shell = True`)
#: decide a sink's condition in its methods.
_FLAG_KEY = "flag"
#: Constant flags described per argument, at most (after every other key).
_MAX_FLAGS = 3
#: Marks a parameter (key "") or a key of its object (or a key of an object of a
#: workspace class kept there: `banner\x1eformatter`) that holds a function of
#: the workspace (`Banner(format_notice)` calling `self.formatter(m)`):
#: (_FUNCTION_KEY, key, the function's id).
_FUNCTION_KEY = "function"
#: Marks a parameter (key "") or a key of its object that holds a library
#: function with constant arguments bound (`partial(subprocess.run, shell=True)`
#: handed to a helper or kept as `self.runner`): (_PARTIAL_KEY, key, the
#: function's qualified name, the bound keywords' constants, how many clean
#: positional arguments it puts first).
_PARTIAL_KEY = "partial"
#: Marks a key of a parameter's object that holds a table of workspace classes
#: (`this.strategies`, a `Map` of strategy classes handed to a constructor), one
#: picked and made in a method: (_CLASS_TABLE_KEY, key, ((its key, class id), ...)),
#: a Map's or a list's classes at key None.
_CLASS_TABLE_KEY = "classes"
#: Marks a parameter (key "") or a key of its object holding a short sequence of
#: functions (`PAGE_STEPS = (str.strip, int)` handed to `pipe(value, steps)`):
#: (_FUNCTION_SEQ_KEY, key, one part per position: ("ref", workspace function id),
#: ("qn", a library function a model names) or None for one not described). The
#: callee's `reduce(lambda acc, step: step(acc), steps, value)` runs each in turn.
_FUNCTION_SEQ_KEY = "function-seq"


def _nested_statements(body: list[Any], depth: int = 0) -> Iterator[list[Any] | None]:
    """Every statement of `body`, its branches', loops' and handlers' included;
    None where the nesting is too deep to walk (the caller gives up)."""
    if depth > MAX_DEPTH_GUARD:
        yield None
        return
    for st in body:
        yield st
        op = st[0]
        if op == ir.IF or op == ir.LOOP:
            yield from _nested_statements(st[2], depth + 1)
            yield from _nested_statements(st[3], depth + 1)
        elif op == ir.TRY:
            for block in (st[1], *st[2], st[3], st[4]):
                yield from _nested_statements(block, depth + 1)


def _stored_into(body: list[Any]) -> frozenset[str]:
    """The names whose items or attributes `body` writes (`CACHE[k] = v`, `REG.x = v`,
    `CACHE.update(...)`, `LOG.append(v)`), its branches, loops and handlers included."""
    out: set[str] = set()
    for st in _nested_statements(body):
        if st is None:
            continue
        target: Any = None
        if st[0] in (ir.ASSIGN, ir.AUG):
            target = st[1] if st[0] == ir.ASSIGN else st[2]
            target = (
                target[1] if isinstance(target, list) and target[0] in (ir.SUB, ir.ATTR) else None
            )
        elif st[0] == ir.STORE:
            target = st[2][1] if isinstance(st[2], list) and st[2][0] in (ir.SUB, ir.ATTR) else None
        elif st[0] == ir.EXPR and isinstance(st[1], list) and st[1][0] == ir.CALL:
            func = st[1][2]
            if isinstance(func, list) and func[0] == ir.ATTR and func[2] in _CHANGES_IN_PLACE:
                target = func[1]
        if isinstance(target, list) and target[:1] == [ir.NAME]:
            out.add(str(target[1]))
    return frozenset(out)


def _writes_of(body: list[Any], name: str) -> int:
    """How many statements of `body` (its branches, loops and handlers included)
    bind `name`; a deep nesting counts as many (the caller gives up)."""
    count = 0
    for st in _nested_statements(body):
        if st is None:
            return 2
        op = st[0]
        if op == ir.ASSIGN or op == ir.AUG:
            count += _binds(st[1] if op == ir.ASSIGN else st[2], name, 0)
    return count


def _binds(target: Any, name: str, depth: int) -> int:
    if not isinstance(target, list) or not target or depth > MAX_DEPTH_GUARD:
        return 0
    if target[0] == ir.NAME:
        return int(target[1] == name)
    if target[0] == ir.SEQ:
        return sum(_binds(t, name, depth + 1) for t in target[2])
    if target[0] == ir.STAR:
        return _binds(target[1], name, depth + 1)
    if target[0] == ir.DICT:
        return sum(_binds(t, name, depth + 1) for _, t in target[1])
    return 0


def _has_walrus(e: list[Any], name: str, depth: int = 0) -> bool:
    """Whether `(name := ...)` is anywhere in `e` (a nesting too deep to walk
    counts as one: the caller gives up)."""
    if depth > 40:
        return True
    if len(e) > 2 and e[0] == ir.WALRUS and e[1] == [ir.NAME, name]:
        return True
    return any(_has_walrus(x, name, depth + 1) for x in e if isinstance(x, list))


def _chain_root(expr: Any) -> Any:
    """The object a chain of method calls starts from (`reply` of `reply.header(k,
    v).type(t)`): a flag model's pattern naming the chain (`fastify.Reply.**.type`)
    says each call gives back the object it was called on, as a builder's do."""
    for _ in range(_MAX_CHAIN):
        if not (
            isinstance(expr, list)
            and expr[0] == ir.CALL
            and isinstance(expr[2], list)
            and expr[2][0] == ir.ATTR
        ):
            break
        expr = expr[2][1]
    return expr


#: JavaScript's `??=`, `||=`, `&&=` (their operator, as the front end keeps it).
_LOGICAL_ASSIGNMENTS = frozenset({"??", "||", "&&"})
#: Calls of a chain `_chain_root` walks down, at most.
_MAX_CHAIN = 16


def _without_constants(ctx: tuple[Any, ...]) -> tuple[Any, ...]:
    """A call's context with no parameter's constants (`_symbolic_param`'s `cvals`)."""
    return tuple(
        (*d[:3], None, *d[4:])
        if len(d) == 8 and isinstance(d[0], int) and d[0] >= 0 and d[3] is not None
        else d
        for d in ctx
    )


def _symbolic_param(i: int, desc: tuple[Any, ...] | None) -> Val:
    """A parameter's value while its function's summary is computed."""
    if desc is None:
        return EMPTY
    _, whole, keys, cvals, qn, cls, flags, is_class = desc
    safe_for = frozenset(whole) if isinstance(whole, tuple) else frozenset()
    taint: Taint = {(f"P|{i}", safe_for): ()} if whole else {}
    fields: dict[Any, Val] | None = None
    elems = None
    seq: tuple[Val, ...] | None = None
    elem_clean: list[Any] = []
    partial: tuple[Any, ...] | None = None
    prefix: Prefix | None = None
    for k in keys:
        if isinstance(k, tuple) and k[0] == _CLEAN_KEY:
            fields = fields or {}
            fields[k[1]] = EMPTY
            continue
        if isinstance(k, tuple) and k[0] == _PREFIX_KEY:
            prefix = (k[1], {(f"P|{i}", frozenset()): ()})
            continue
        if isinstance(k, tuple) and k[0] == _ELEM_CLEAN_KEY:
            elem_clean.append(k[1])
            continue
        if isinstance(k, tuple) and k[0] == _NESTED_KEY:
            fields = fields or {}
            outer = fields.get(k[1]) or Val(fields={})
            sub = Val(
                {(f"P|{i}|{k[1]}{_PATH_SEP}{k[2]}", frozenset()): ()},
                qn=_RAW_QN if len(k) > 3 and k[3] else None,
            )
            if k[2] == _ANY_KEY:
                fields[k[1]] = outer.replace(elems=sub)
            else:
                fields[k[1]] = outer.replace(fields={**(outer.fields or {}), k[2]: sub})
            continue
        if isinstance(k, tuple) and k[0] == _ELEM_SEQ_KEY:
            row = Val(
                seq=tuple(
                    Val({(f"P|{i}|{k[1]}{_PATH_SEP}{_SEQ_MARK}{j}", frozenset()): ()})
                    if bit == "1"
                    else EMPTY
                    for j, bit in enumerate(k[2])
                )
            )
            if k[1]:
                fields = fields or {}
                fields[k[1]] = Val(elems=row)
            else:
                elems = row
            continue
        if k == (_RAW_KEY, "*"):
            elems = Val({(f"P|{i}|*", frozenset()): ()}, qn=_RAW_QN)
            continue
        if isinstance(k, tuple) and k[0] in (_RAW_KEY, _MADE_KEY):
            fields = fields or {}
            named = _RAW_QN if k[0] == _RAW_KEY else _MADE_QN
            fields[k[1]] = Val({(f"P|{i}|{k[1]}", frozenset()): ()}, qn=named)
            continue
        if isinstance(k, tuple) and k[0] == _FUNCTION_SEQ_KEY:
            if k[1]:
                fields = fields or {}
                fields[k[1]] = _function_seq_val(k[2])
            else:
                seq = _function_seq_val(k[2]).seq
            continue
        if isinstance(k, tuple) and k[0] == _ELEM_OBJECT_KEY:
            item = Val(
                fields={
                    name: Val(
                        {(f"P|{i}|{_ELEM_OBJECT_MARK}{k[1]}{_PATH_SEP}{name}", frozenset()): ()}
                    )
                    for name in k[3]
                },
                cls=k[2],
            )
            if k[1]:
                fields = fields or {}
                fields[k[1]] = Val(elems=item)
            else:
                elems = item
            continue
        if isinstance(k, tuple) and k[0] == _FLAG_KEY:
            fields = fields or {}
            # (`holder\x1eoptions`: the options of an object a field holds.)
            holder_key, nested, key = k[1].rpartition(_PATH_SEP)
            holder = dict(((fields.get(holder_key) or Val()).fields or {}) if nested else fields)
            flag = Val(consts=frozenset(k[3]))
            if k[2]:
                outer = holder.get(key) or Val(fields={})
                flag = Val(fields={**(outer.fields or {}), k[2]: flag})
            holder[key] = flag
            if nested:
                fields[holder_key] = (fields.get(holder_key) or Val()).replace(fields=holder)
            else:
                fields = holder
            continue
        if isinstance(k, tuple) and k[0] == _KNOWN_KEY:
            fields = fields or {}
            given: Taint = {(f"P|{i}|{k[1]}", frozenset()): ()} if k[4] else {}
            # A field's known object (`this.directory.client`), in the field's
            # object of a workspace class if it is one (`_OBJECT_KEY`).
            _place_at(fields, k[1], Val(given, qn=k[2], flags=frozenset(k[3])))
            continue
        if isinstance(k, tuple) and k[0] == _OBJECT_KEY:
            fields = fields or {}
            fields[k[1]] = (fields.get(k[1]) or Val()).replace(cls=k[2])
            continue
        if isinstance(k, tuple) and k[0] == _PARTIAL_KEY:
            if k[1]:
                fields = fields or {}
                fields[k[1]] = _partial_val(k)
            else:
                partial = _partial_val(k).fn
            continue
        if isinstance(k, tuple) and k[0] == _FUNCTION_KEY:
            if k[1]:
                fields = fields or {}
                _place_at(fields, k[1], _function_key_val(k[2]))
            else:
                partial = _function_key_val(k[2]).fn
            continue
        if isinstance(k, tuple) and k[0] == _CLASSES_KEY:
            if len(k) == 3:
                fields = fields or {}
                _place_at(fields, k[1], Val(fn=(_CLASSES, k[2])))
            else:
                partial = (_CLASSES, k[1])
            continue
        if isinstance(k, tuple) and k[0] == _CLASS_TABLE_KEY:
            table = _class_table_val(k[2])
            if k[1]:
                fields = fields or {}
                fields[k[1]] = table
            else:
                fields = {**(fields or {}), **(table.fields or {})} or None
                elems = table.elems if table.elems is not None else elems
            continue
        if isinstance(k, tuple):
            # A sequence of known length (`*args`): each position its own origin.
            seq = tuple(
                Val({(f"P|{i}|{_SEQ_MARK}{j}", frozenset()): ()}) if bit == "1" else EMPTY
                for j, bit in enumerate(k[1])
            )
            continue
        inner = Val({(f"P|{i}|{k}", frozenset()): ()})
        if k == "*":
            elems = inner
        else:
            fields = fields or {}
            fields[k] = inner
    if elem_clean:
        # Each element: the named fields clean, any other part its data.
        clean = dict.fromkeys(elem_clean, EMPTY)
        if elems is not None:
            elems = Val(fields=clean, elems=elems)
        if seq is not None:
            seq = tuple(Val(fields=clean, elems=x) if x.taint else x for x in seq)
    # A class handed in (a classmethod's `cls`): calling it makes an instance.
    fn = ("ref", cls) if is_class and cls is not None else partial
    return Val(taint, cvals, fields, elems, seq, qn, cls, frozenset(flags), fn, prefix)


def _place_at(fields: dict[Any, Val], key: str, value: Val) -> None:
    """`fields[key] = value`, or for `outer\x1esub` (`_PATH_SEP`) the field `sub`
    of the object at `outer`."""
    outer_key, sep, sub_key = key.partition(_PATH_SEP)
    if not sep:
        fields[key] = value
        return
    outer = fields.get(outer_key) or Val(fields={})
    fields[outer_key] = outer.replace(fields={**(outer.fields or {}), sub_key: value})


@dataclass(frozen=True)
class _PatternModels:
    """Parameter source models, split by the parameter name they need: the entry
    test asks every parameter of every body of an edited file, and most models
    name one parameter exactly."""

    #: Exact parameter name -> the models naming it.
    by_name: dict[str, tuple[SourceModel, ...]]
    #: Models with no name or a glob: any parameter may match.
    any_name: tuple[SourceModel, ...]

    @classmethod
    def of(cls, models: Iterable[SourceModel]) -> _PatternModels:
        by_name: dict[str, list[SourceModel]] = {}
        any_name: list[SourceModel] = []
        for m in models:
            if m.name and "*" not in m.name:
                by_name.setdefault(m.name, []).append(m)
            else:
                any_name.append(m)
        return cls({k: tuple(v) for k, v in by_name.items()}, tuple(any_name))

    @property
    def any(self) -> bool:
        return bool(self.by_name or self.any_name)


def _pattern_source_param(
    body: ir.FlowFunction, models: _PatternModels, declared: Collection[str] = ()
) -> bool:
    """Whether a parameter of `body` matches a source by its place: a destructured
    one a glob name matches (and the parameter after it is named as the model's
    `before` says), one after the parameter an `after` model names, or one of a
    body a model names (`on_message`, `resolve_*`: its class is checked later).
    `declared`: the GraphQL arguments the module's schema declares
    (`_schema_resolver_param`)."""
    params = body.params
    if not params:
        return False
    # (A model for functions of other names is none of this body's.)
    any_name = [m for m in models.any_name if not m.function or _function_named(m, body.path)]
    for i, p in enumerate(params):
        name = p[0].lstrip("*")
        named = name.isidentifier()
        for m in (*models.by_name.get(name, ()), *any_name):
            if not _param_named(m, params, i):
                continue
            if m.function and not _function_named(m, body.path):
                continue
            if m.after:
                if _after_param(m, body.kind, params, i) or (
                    m.graphql and _schema_resolver_param(params, i, declared)
                ):
                    return True
            elif not named or m.function:
                return True
    return False


def _may_be_resolver(params: list[list[Any]]) -> bool:
    """Whether a body's parameters look like a GraphQL resolver's, its arguments
    second (`args`, or destructured)."""
    if len(params) < 2:
        return False
    second = str(params[1][0])
    return second == "args" or second.startswith("{")


def _schema_resolver_param(params: list[list[Any]], i: int, declared: Collection[str]) -> bool:
    """Whether parameter `i` is a GraphQL resolver's arguments by what the module's
    schema declares, whatever its parent is called (`file: (project, { path }) =>
    ...` of `type Project { file(path: String!): Blob }`): the second parameter,
    named `args` or destructuring only arguments the schema declares."""
    if i != 1 or not declared or len(params) < 2:
        return False
    name = str(params[1][0])
    if name == "args":
        return True
    if not (name.startswith("{") and name.endswith("}")):
        return False
    keys = [k.split(":")[0].split("=")[0].strip() for k in name[1:-1].split(",")]
    keys = [k for k in keys if k]
    return bool(keys) and all(k in declared for k in keys)


def _after_param(m: SourceModel, kind: str, params: list[list[Any]], i: int) -> bool:
    """Whether parameter `i` of a function or callback is one an `after` source
    names: after a first parameter so named (in a method of a class-based model,
    the one after `self`, unless `after` names `self`), positional, without a
    default or a declared number."""
    if "," in m.after:
        # `after = "req,resp"`: the parameters after these, in this order, first
        # (after `self` in a method): Falcon's responders `on_get(self, req, resp, uid)`.
        leading = [_alternatives(a) for a in m.after.split(",")]
        start = 1 if kind == "METHOD" else 0 if kind in ("FUNCTION", "LAMBDA") else -1
        entry = params[i]
        return (
            start >= 0
            and len(params) > start + len(leading)
            and all(params[start + j][0] in names for j, names in enumerate(leading))
            and i >= start + len(leading)
            and entry[1] == ir.P_POSITIONAL
            and (len(entry) == 2 or entry[2] == ir.P_NO_FLAG)
        )
    names = _alternatives(m.after)
    if kind in ("FUNCTION", "LAMBDA"):
        first = 0
    elif kind == "METHOD" and m.base:
        first = 0 if "self" in names else 1
    else:
        return False
    entry = params[i]
    return (
        i > first
        and len(params) > first
        and params[first][0] in names
        and entry[1] == ir.P_POSITIONAL
        and (len(entry) == 2 or entry[2] == ir.P_NO_FLAG)
    )


def _owner_path(path: str) -> str:
    """The body a callback belongs to (`view.λ1.λ2` -> `view`; "" for the module)."""
    parts = path.split(".") if path else []
    while parts and parts[-1].startswith("λ"):
        parts.pop()
    return ".".join(parts)


def _param_before(params: list[list[Any]], name: str, before: str) -> bool:
    """Whether parameter `name` is followed by one named in `before` (`a|b`)."""
    names = [p[0] for p in params]
    return name in names[:-1] and names[names.index(name) + 1] in before.split("|")


@functools.lru_cache(maxsize=256)
def _alternatives(patterns: str) -> frozenset[str]:
    """The names of a `a|b` list, as a set."""
    return frozenset(patterns.split("|"))


#: A Python annotation's sequence types (as `erase_py` leaves them).
_SEQUENCE_TYPES = frozenset(
    {"list", "List", "set", "Set", "frozenset", "FrozenSet", "tuple", "Tuple", "Sequence"}
)
_SEQUENCE_ANNOTATION = re.compile(
    r"(?:typing\.)?(?:" + "|".join(sorted(_SEQUENCE_TYPES)) + r")\[(.*)\]", re.S
)


def _plus_operands(e: Any, depth: int) -> list[Any]:
    """The operands of a chain of `+` (`a + b + c`), in order."""
    if isinstance(e, list) and e[:2] == [ir.BIN, "+"] and len(e) >= 4 and depth < MAX_NEST:
        return [*_plus_operands(e[2], depth + 1), *_plus_operands(e[3], depth + 1)]
    return [e]


def _text_like(v: Val) -> bool:
    """A value that can only be text here: no container, function or object, and
    no constant but strings."""
    return (
        v.seq is None
        and not v.fields
        and v.elems is None
        and v.fn is None
        and v.cls is None
        and not (v.qn is not None and v.qn in _MARKUP)
        and (v.consts is None or all(isinstance(c, str) for c in v.consts))
    )


def _restx_payload(qn: str) -> bool:
    """Whether a qualified name is Flask-RESTX's request body (`api.payload`, a
    namespace's; the flask pack names it a source)."""
    return qn.startswith(("flask_restx.", "flask_restplus.")) and qn.endswith(".payload")


#: `@ns.expect(model, validate=True)` (the model's name, as written).
_RESTX_EXPECT = re.compile(r"[\w.]+\.expect\((\w+)(?:,[^)]*)?,validate=True[^)]*\)")
#: Flask-RESTX field types whose values are no text of the request's.
_RESTX_SCALAR_FIELDS = frozenset(
    {"Integer", "Float", "Boolean", "Date", "DateTime", "Fixed", "Arbitrary"}
)


def _constant_keys(e: Any, env: Env, depth: int) -> Any:
    """`e` with each key of a subscript or a `get` that is a name holding one text
    (`body[name]`, `body.get(name)` where `name` is "code") written as that text."""
    if not isinstance(e, list) or not e or depth > MAX_NEST or not env:
        return e
    if not any(isinstance(x, list) for x in e):
        return e
    out = [_constant_keys(x, env, depth + 1) for x in e]
    if out[0] == ir.SUB and len(out) == 3:
        out[2] = _constant_key(out[2], env)
    elif (
        out[0] == ir.CALL
        and len(out) == 5
        and isinstance(out[2], list)
        and out[2][0] == ir.ATTR
        and out[2][2] == "get"
        and out[3]
    ):
        key = _constant_key(out[3][0], env)
        if key is not out[3][0]:
            out[3] = [key, *out[3][1:]]
    # (Unchanged, the expression itself: what is keyed by it stays found.)
    return e if all(a is b for a, b in zip(out, e, strict=True)) else out


def _has_name_key(e: Any, depth: int) -> bool:
    """Whether `e` holds a subscript or a `get` whose key is a name (what
    `_constant_keys` may rewrite), looked for without building anything."""
    if not isinstance(e, list) or not e or depth > MAX_NEST:
        return False
    if e[0] == ir.SUB and len(e) == 3 and isinstance(e[2], list) and e[2][:1] == [ir.NAME]:
        return True
    if (
        e[0] == ir.CALL
        and len(e) == 5
        and isinstance(e[2], list)
        and e[2][:1] == [ir.ATTR]
        and e[2][2] == "get"
        and e[3]
        and isinstance(e[3][0], list)
        and e[3][0][:1] == [ir.NAME]
    ):
        return True
    return any(isinstance(x, list) and _has_name_key(x, depth + 1) for x in e)


def _with_constant_key(e: list[Any], env: Env) -> list[Any]:
    """A subscript or `get` call `e` with its key, a name holding one text, written
    as that text (only its own key: `_constant_keys` rewrites a whole test)."""
    if e[0] == ir.SUB:
        key = _constant_key(e[2], env)
        return e if key is e[2] else [e[0], e[1], key]
    if e[3]:
        key = _constant_key(e[3][0], env)
        if key is not e[3][0]:
            return [e[0], e[1], e[2], [key, *e[3][1:]], e[4]]
    return e


def _constant_key(key: Any, env: Env) -> Any:
    """A key that is a name holding one text: that text; else the key as it is."""
    if isinstance(key, list) and len(key) == 2 and key[0] == ir.NAME and key[1] in env:
        value = single_const(env[key[1]])
        if isinstance(value, str) and not deep_taint(env[key[1]]):
            return value
    return key


def _walrus_as_names(e: Any, depth: int = 0) -> Any:
    """A test with each `(name := value)` in it read as `name` (the test bound it)."""
    if not isinstance(e, list) or not e or depth > MAX_NEST:
        return e
    if e[0] == ir.WALRUS and isinstance(e[1], list) and e[1][:1] == [ir.NAME]:
        return e[1]
    if not any(isinstance(x, list) for x in e):
        return e
    return [_walrus_as_names(x, depth + 1) for x in e]


def _params_named(params: list[list[Any]], names: str) -> bool:
    """Whether a body's first parameters have the names `names` lists in order
    (`event,context`; `a|b` for either)."""
    wanted = names.split(",")
    return len(params) >= len(wanted) and all(
        str(p[0]).lstrip("*") in w.split("|") for p, w in zip(params, wanted, strict=False)
    )


def _function_named(m: SourceModel, path: str) -> bool:
    """Whether the body at `path` (`Echo.get`) has a name `m.function` names."""
    return _globs(m.function).match(path.rsplit(".", 1)[-1]) is not None


@functools.lru_cache(maxsize=1024)
def _globs(patterns: str) -> re.Pattern[str]:
    """One compiled pattern for globs joined by `|` (`get|post|*_view`), matched as
    `fnmatch.fnmatchcase` matches each: the entry test asks this of every body."""
    return re.compile("|".join(f"(?:{fnmatch.translate(p)})" for p in patterns.split("|")))


def _param_named(m: SourceModel, params: list[list[Any]], i: int) -> bool:
    """Whether parameter `i` is the one a parameter source names: its name (or a
    glob for it) and, with `before`, the name of the parameter after it."""
    return _named_by(m, params[i][0].lstrip("*")) and _before_matches(m, params, i)


def _named_by(m: SourceModel, name: str) -> bool:
    """Whether a parameter source's name (or glob), and `not_named`, let `name` through."""
    if m.name and m.name != name and not ("*" in m.name and fnmatch.fnmatchcase(name, m.name)):
        return False
    return not (m.not_named and _globs(m.not_named).match(name) is not None)


def _before_matches(m: SourceModel, params: list[list[Any]], i: int) -> bool:
    """Whether the parameter after `i` is named as a source's `before` says (if it says)."""
    if m.before:
        return i + 1 < len(params) and params[i + 1][0] in m.before.split("|")
    return True


def _generated(it: Interp) -> Val:
    """What a generator function's call gives: its yields in order where that
    order is fixed (`next(gen())` is the first), else any of them."""
    if it.yields_ordered and len(it.yields) <= _MAX_SEQ_DESCRIBED:
        return Val(seq=tuple(it.yields))
    out = it.yields[0]
    for v in it.yields[1:]:
        out = join(out, v)
    return Val(elems=out)


def _declared_words(params: list[list[Any]]) -> frozenset[str]:
    """The names in the classes parameters are declared (`web.Request`: web, Request)."""
    out: set[str] = set()
    for entry in params:
        declared = entry[3] if len(entry) > 3 else None
        if (
            isinstance(declared, str)
            and declared != ir.RAW_OBJECT
            and not declared.startswith(ir.DEPENDS)
        ):
            out.update(w for w in re.split(r"\W+", declared) if w)
    return frozenset(out)


def _read_from(origin: str, requests: Iterable[str]) -> bool:
    """Whether a source origin (`S|label|qn|call`) is a read of a request object's
    data (`HttpRequest.GET`), not data a call made from it (`ModelForm(...)`)."""
    parts = origin.split("|")
    return (
        len(parts) > 2 and parts[0] == "S" and any(parts[2].startswith(r + ".") for r in requests)
    )


def _wraps_in_call(args: list[Any]) -> bool:
    """Whether a call's arguments (or an options object's values among them) make a
    function by calling another with a function (`withSession(store, (req, h) =>
    ...)`): a handler a wrapper makes."""
    for a in args:
        values = [v for _, v in a[1]] if isinstance(a, list) and a and a[0] == ir.DICT else [a]
        for v in values:
            if (
                isinstance(v, list)
                and len(v) == 5
                and v[0] == ir.CALL
                and any(isinstance(x, list) and x and x[0] in (ir.LAMBDA, ir.CALL) for x in v[3])
            ):
                return True
    return False


def _validated_description(validated: dict[str, frozenset[str]]) -> tuple[Any, ...]:
    """A calling context's part saying what the route's validation proved of the
    request's fields (`Interp.validated`), shaped as a parameter's (`_describe`)
    at `_VALIDATED_AT`, the fields in its flags' place."""
    fields = tuple(sorted((qn, tuple(sorted(classes))) for qn, classes in validated.items()))
    return (_VALIDATED_AT, False, (), None, None, None, fields, False)


def _hands_validated(ctx: tuple[Any, ...], proved: dict[str, frozenset[str]]) -> bool:
    """Whether a calling context hands the callee an object whose fields a route's
    validation proved something of (`matchedData(req)`, its fields'
    `express-validator.matchedData().comment`)."""
    held = {d[4] for d in ctx if d[4] is not None}
    return any(qn.rpartition(".")[0] in held for qn in proved)


def _hands_request(ctx: tuple[Any, ...], requests: frozenset[str]) -> bool:
    """Whether a calling context hands the callee a request object, itself, a part
    of it (`readBody(ctx.req)`, Node's request under a Koa context, iterated for
    its body) or in a field (`LoginFlow(request)`'s `self.request`)."""
    for d in ctx:
        if d[4] in requests or _part_of(d[4], requests):
            return True
        for k in d[2]:
            if isinstance(k, tuple) and k[0] == _KNOWN_KEY and k[2] in requests:
                return True
    return False


def _calls_methods_of(fn: ir.FlowFunction, param: str) -> bool:
    """Whether a body calls a method of its parameter `param` (`frame.query(x)`:
    its call table names the call by its text)."""
    prefix = param.lstrip("*") + "."
    return any(c.rpartition("->")[2].startswith(prefix) for c in fn.calls)


def _no_errors_branch(test: Any) -> tuple[Any, bool] | None:
    """A test of a list of errors by its length (`errors.length > 0`, `!errors.length`,
    `errors.length === 0`, `len(errors) > 0`, `validate(x).length`): (the list's
    name, or the call that made it; whether the test being true means there are
    none)."""
    name = _length_of(test)
    if name is not None:
        return name, False
    if not (isinstance(test, list) and test[:1] == [ir.BIN] and len(test) == 4):
        return None
    name, right = _length_of(test[2]), test[3]
    if name is None:
        return None
    if (test[1] in (">", "!==", "!=") and right == 0) or (test[1] == ">=" and right == 1):
        return name, False
    if (test[1] in ("===", "==") and right == 0) or (test[1] == "<" and right == 1):
        return name, True
    return None


def _length_of(e: Any) -> Any:
    """The name whose length `e` reads (`errors.length`, `len(errors)`), or the call
    (`validate(x).length`), if any."""
    if not isinstance(e, list) or not e:
        return None
    if e[0] == ir.ATTR and e[2] == "length":
        inner = e[1]
    elif e[0] == ir.CALL and e[2] == [ir.NAME, "len"] and len(e[3]) == 1 and not e[4]:
        inner = e[3][0]
    else:
        return None
    if isinstance(inner, list) and inner[:1] == [ir.NAME]:
        return inner[1]
    return inner if isinstance(inner, list) and inner[:1] == [ir.CALL] else None


def _is_separator(v: Val) -> bool:
    """A path separator: `"/"`, `path.sep`, `os.sep`."""
    return v.consts in (frozenset({"/"}), frozenset({"\\"})) or v.qn in _SEPARATORS


_SEPARATORS = frozenset({"path.sep", "path.posix.sep", "os.sep", "os.path.sep", "posixpath.sep"})


def _domain_suffix(text: object) -> bool:
    """`.slack.com`: a dot, then a domain of two labels or more (a host ending so is
    under that domain; `.com` alone is every `.com` host)."""
    return (
        isinstance(text, str)
        and text.startswith(".")
        and "." in text[1:].strip(".")
        and all(c.isalnum() or c in ".-" for c in text)
    )


def _lambda_test(ff: FileFlows, lam: Any) -> tuple[str, Any] | None:
    """A JS function that returns an expression (`(d) => host === d`, or a body that
    is one `return`): (its first parameter, the expression)."""
    if not (isinstance(lam, list) and lam and lam[0] == ir.LAMBDA and lam[1]):
        return None
    param = lam[1][0]
    if not isinstance(param, str):
        return None
    body = lam[2]
    if isinstance(body, list) and body and body[0] == ir.FUNC:
        found = ff.bodies.get(body[1])
        stmts = found.body if found is not None else []
        if not (len(stmts) == 1 and stmts[0][0] == ir.RETURN):
            return None
        body = stmts[0][1]
    return param, body


class _Replace:
    """A change that replaces what it is handed (`_narrow_path` of a field with what
    a check proved of its copy)."""

    def __init__(self, v: Val) -> None:
        self.v = v

    def __call__(self, _old: Val) -> Val:
        return self.v


def _grown_list(then: list[Any]) -> tuple[str, str] | None:
    """A branch that adds to a list named by a local or a parameter, as one of its
    own statements (`errors.append("bad name")`, `problems.push(msg)`): (the name, a
    record id, the call's)."""
    for st in then:
        if st[0] != ir.EXPR:
            continue
        e = st[1]
        if not (isinstance(e, list) and e[:1] == [ir.CALL]):
            continue
        func = e[2]
        if (
            isinstance(func, list)
            and func[0] == ir.ATTR
            and func[2] in _GROWS
            and isinstance(func[1], list)
            and func[1][:1] == [ir.NAME]
        ):
            return func[1][1], str(e[1])
    return None


def _shrinks(e: Any, name: str, depth: int) -> bool:
    """Whether `e` (a body, a statement, an expression) takes something out of the
    list `name` or sets its length (`errors.pop()`, `errors.length = 0`)."""
    if not isinstance(e, list) or depth > MAX_DEPTH_GUARD:
        return False
    if len(e) == 3 and e[0] == ir.ATTR and e[1] == [ir.NAME, name] and e[2] in _SHRINKS:
        return True
    if (
        len(e) >= 3
        and e[0] == ir.ASSIGN
        and isinstance(e[1], list)
        and len(e[1]) >= 2
        and e[1][1] == [ir.NAME, name]
        and (e[1][0] == ir.SUB or (e[1][:1] == [ir.ATTR] and e[1][2] == "length"))
    ):
        # `errors[:] = []`, `errors.length = 0` (a statement: an expression
        # `[NAME, n]` has two items, an assignment three or four).
        return True
    return any(_shrinks(x, name, depth + 1) for x in e if isinstance(x, list))


def _hands_library_object(ctx: tuple[Any, ...], matcher: Matcher) -> bool:
    """Whether a calling context hands the callee an object a library call made
    (`pd.read_csv(path)`, `ldap.initialize(url)`), itself or in a field."""
    for d in ctx:
        if isinstance(d[4], str) and _library_qn(d[4], matcher.model_roots):
            return True
        for k in d[2]:
            if (
                isinstance(k, tuple)
                and k[0] == _KNOWN_KEY
                and isinstance(k[2], str)
                and _library_qn(k[2], matcher.model_roots)
            ):
                return True
    return False


def _required(call: list[Any]) -> bool:
    """Whether an IR call is `require("m")` of a constant (no CALL node: an import)."""
    return (
        call[1] == -1
        and call[2] == [ir.NAME, "require"]
        and len(call[3]) == 1
        and isinstance(call[3][0], str)
    )


def _known_object(qn: str | None, matcher: Matcher) -> bool:
    """Whether a qualified name names an object a callee needs to know: one a
    library call made (`_library_qn`), a library's module itself (`axios` handed
    to `new Preview(axios)`, whose methods call `this.http.get(url)`), or a
    request object (`self.request`), or a module's object a store sink names
    (Flask's `session`, kept by `Preferences(session)`, whose methods write
    into it; a part of a request, Koa's `ctx.session`, is `_request_part`'s)."""
    return qn is not None and (
        _library_qn(qn, matcher.model_roots)
        or qn in matcher.model_roots
        or qn in matcher.request_qns
        or (
            bool(
                matcher.store_sinks.find(qn, "python") or matcher.store_sinks.find(qn, "javascript")
            )
            and not _request_part(qn, matcher)
        )
    )


def _partial_key(key: str, v: Val, matcher: Matcher) -> tuple[Any, ...] | None:
    """`v` as a `_PARTIAL_KEY` at `key`: a library function a sink model names,
    its bound keywords single constants and its bound positions clean; None for
    anything else."""
    if v.fn is None or v.fn[0] != _PARTIAL:
        return None
    inner, keywords, positional = v.fn[1], v.fn[2], v.fn[3]
    if inner.fn is not None or not _sink_function(inner.qn, matcher):
        return None
    if any(deep_taint(x) for x in positional):
        return None
    kept: list[tuple[str, tuple[Any, ...]]] = []
    for name, value in keywords:
        if deep_taint(value) or value.consts is None or len(value.consts) != 1:
            return None
        kept.append((name, tuple(value.consts)))
    return (_PARTIAL_KEY, key, inner.qn, tuple(kept), len(positional))


def _class_table(v: Val) -> tuple[tuple[str | None, str], ...] | None:
    """`v`'s classes when it is a table of workspace classes and nothing else
    (`{docs: DocsReturn}`, `new Map([["docs", DocsReturn]])`): (key, class id)
    pairs, a Map's or a list's elements at key None."""
    if v.fn is not None or deep_taint(v) or not (v.fields or v.elems is not None):
        return None
    entries: list[tuple[str | None, str]] = []
    for key, f in (v.fields or {}).items():
        if not (isinstance(key, str) and _is_class_ref(f)):
            return None
        entries.append((key, str(f.cls)))
    if v.elems is not None:
        if not _is_class_ref(v.elems):
            return None
        entries.append((None, str(v.elems.cls)))
    return tuple(sorted(entries, key=repr))


def _class_table_val(entries: tuple[tuple[str | None, str], ...]) -> Val:
    """The table a `_CLASS_TABLE_KEY` describes."""
    fields = {key: Val(fn=("ref", cls), cls=cls) for key, cls in entries if key is not None}
    elems = [Val(fn=("ref", cls), cls=cls) for key, cls in entries if key is None]
    return Val(fields=fields or None, elems=elems[0] if elems else None)


def _function_key(key: str, v: Val) -> tuple[Any, ...] | None:
    """`v` as a `_FUNCTION_KEY` at `key`, when it is a function of the workspace,
    or one of several (`FILTERS.get(kind)` of a module's table of them); at a
    field, a class too (`self.factory = factory` of `Service(UnitOfWork)`: the
    methods call it to make one)."""
    if deep_taint(v) or v.fn is None:
        return None
    if v.cls is not None:
        return (_FUNCTION_KEY, key, v.cls) if key and _is_class_ref(v) else None
    if v.fn[0] == _UNION:
        refs = tuple(sorted({f[1] for f in v.fn[1] if f[0] == "ref"}))
        if refs and len(refs) == len(v.fn[1]):
            return (_FUNCTION_KEY, key, refs)
        return None
    ref = _ref(v)
    return (_FUNCTION_KEY, key, ref) if ref is not None else None


def _function_seq_key(key: str, v: Val, matcher: Matcher) -> tuple[Any, ...] | None:
    """`v` as a `_FUNCTION_SEQ_KEY` at `key`: a sequence of known length holding no
    data, one of whose positions at least is a workspace function or a library
    function a model names (a sanitizer, a sink); None otherwise."""
    if v.taint or v.fields or v.elems is not None or not v.seq or len(v.seq) > _MAX_SEQ_DESCRIBED:
        return None
    parts: list[tuple[str, str] | None] = []
    for x in v.seq:
        if deep_taint(x):
            return None
        ref = _ref(x) if x.cls is None else None
        if ref is not None:
            parts.append(("ref", ref))
        elif x.fn is None and (_named_by_models(x.qn, matcher) or _sink_function(x.qn, matcher)):
            parts.append(("qn", str(x.qn)))
        else:
            parts.append(None)
    return (_FUNCTION_SEQ_KEY, key, tuple(parts)) if any(parts) else None


def _function_seq_val(parts: tuple[tuple[str, str] | None, ...]) -> Val:
    """The sequence of functions a `_FUNCTION_SEQ_KEY` describes."""
    return Val(
        seq=tuple(
            EMPTY if p is None else Val(fn=("ref", p[1])) if p[0] == "ref" else Val(qn=p[1])
            for p in parts
        )
    )


def _function_key_val(ids: str | tuple[str, ...]) -> Val:
    """The function (or one of the functions, or the class) a `_FUNCTION_KEY`
    describes."""
    if isinstance(ids, str):
        return Val(fn=("ref", ids), cls=ids if parse_id(ids).kind == NodeType.CLASS else None)
    return Val(fn=(_UNION, tuple(("ref", i) for i in ids)))


def _partial_val(k: tuple[Any, ...]) -> Val:
    """The function value a `_PARTIAL_KEY` describes."""
    _, _, qn, keywords, positional = k
    bound = tuple((name, Val(consts=frozenset(values))) for name, values in keywords)
    return Val(fn=(_PARTIAL, Val(qn=qn), bound, (EMPTY,) * positional))


def _sink_function(qn: str | None, matcher: Matcher) -> bool:
    """Whether a qualified name names a library's function a sink model names
    (`child_process.exec` handed to a constructor: `this.runner(cmd)` calls it)."""
    return (
        qn is not None
        and not qn.endswith(")")
        and bool(matcher.call_sinks.find(qn, "javascript") or matcher.call_sinks.find(qn, "python"))
    )


def _named_by_models(qn: str | None, matcher: Matcher) -> bool:
    """Whether a qualified name names a library's function a sanitizer model names
    (`html.escape` handed to `Banner(html.escape)`: `self.formatter(m)` escapes)
    or a name a sink's condition asks for (`yaml.SafeLoader` kept as
    `self.loader`, then `yaml.load(text, Loader=self.loader)`)."""
    if qn is None or qn.endswith(")"):
        return False
    return qn in matcher.condition_names or bool(
        matcher.sanitizers.find(qn, "python") or matcher.sanitizers.find(qn, "javascript")
    )


def _parsed_data(qn: str) -> bool:
    """Whether a qualified name is what parsing text gave, or a property of it
    (`jwt.decode(t, { complete: true }).header`): plain data all through."""
    return qn in _PARSED_DATA or any(qn.startswith(p + ".") for p in _PARSED_DATA)


def _request_part(qn: str | None, matcher: Matcher) -> bool:
    """Whether a qualified name names a part of a request object (`request.session`,
    kept by `self.session = request.session`): where a sink writes into it, the
    callee must know it is that part, also once an earlier call stored data into it
    (`prefs.theme = a; prefs.setLocale(b)`)."""
    return _part_of(qn, matcher.request_qns)


def _part_of(qn: str | None, requests: frozenset[str]) -> bool:
    """Whether a qualified name names a part of one of `requests` (`koa.Context.req`)."""
    return qn is not None and any(qn.startswith(r + ".") for r in requests)


def _made_by(e: Any) -> list[Any] | None:
    """The call an object stored is made by, through the attributes and constant
    keys read off its result (`AsyncIOMotorClient(url).shop.orders`,
    `MongoClient(url)["shop"]["orders"]`): a client's collection is that client's.
    Two members at most, as `_library_qn` names such an object."""
    for _ in range(3):
        if not isinstance(e, list) or not e:
            return None
        if e[0] == ir.CALL:
            return e
        if e[0] == ir.ATTR or (e[0] == ir.SUB and not isinstance(e[2], list)):
            e = e[1]
            continue
        return None
    return None


#: One or two members read off an object (`.shop.orders`, `["shop"]["users"]`).
_MEMBERS = re.compile(r"(?:\.\w+|\[\]){1,2}")


def _library_qn(qn: str | None, roots: frozenset[str]) -> bool:
    """Whether a qualified name names an object a call of a library the models
    speak of made (`pg.Pool()`, `sqlite3.connect()`): not an unknown receiver's
    member (`?.x`), nor a request's field (`express.Request.body.q`, data), nor a
    module's attribute (keeping those made Django's own analysis a tenth longer).
    A member or two read off such an object is one too (a database client's
    collection, `AsyncIOMotorClient().shop.orders`)."""
    if qn is None or qn.split(".", 1)[0].replace("()", "") not in roots:
        return False
    if qn.endswith(")"):
        return True
    made, _, rest = qn.rpartition(")")
    return bool(made) and _MEMBERS.fullmatch(rest) is not None


def _one_of(a: Val, b: Val) -> Val:
    """`c ? a : b`, `a if c else b`: as `a || b` (`_either`), either way round
    (`Array.isArray(req.body.items) ? req.body.items : []` is the request's
    list as it came, whose items may be objects, or nothing)."""
    out = _either(a, b)
    return _either(b, a) if out.qn is None and b.qn is not None else out


def _either(a: Val, b: Val) -> Val:
    """`a || b`, `a ?? b`: one of the two. A constant default leaves the data
    what it was (`req.query.name ?? "anon"` is still the request's value as it
    came, which may be an object: `raw_taint` reads that from its name)."""
    out = join(a, b)
    if out.qn is None and a.qn is not None and b.qn is None and not deep_taint(b) and not b.fn:
        return out.replace(qn=a.qn)
    if out.qn is None and a.qn is not None and b.qn is not None:
        # `req.query.key ?? req.get("x-key")`: one may be an object as it came.
        for side in (a, b):
            if raw_taint(side, _NOSQL):
                return out.replace(qn=side.qn)
    return out


def _describe(
    i: int,
    v: Val,
    matcher: Matcher,
    constructor: bool = False,
    holds_made: Callable[[str], bool] | None = None,
) -> tuple[Any, ...] | None:
    """A parameter's part of a calling context (None: nothing worth passing).
    `constructor`: the callee makes an object, which may keep a function handed
    to it (`Banner(format_notice)`). `holds_made`: whether objects of a class
    hold a library object its class body makes (`World.makes_class_attribute_object`)."""
    whole: bool | tuple[str, ...] = bool(v.taint)
    if v.taint:
        # Data every part of which was made safe for some classes (a slug that
        # passed `/^[a-z0-9-]+$/`): the callee sees a parameter safe for them
        # (a directory built from it is a prefix its checks can trust).
        common = frozenset.intersection(*(san for _, san in v.taint))
        if common:
            whole = tuple(sorted(common))
    keys: list[Any] = []
    held_objects: list[tuple[Any, ...]] = []
    # (A function handed to a function is run where the callee calls it:
    # `summary.param_calls`.)
    own = _partial_key("", v, matcher) or (_function_key("", v) if constructor else None)
    if own is not None:
        keys.append(own)
    elif constructor and (table := _class_table(v)) is not None:
        # The table itself, handed to a constructor that keeps it.
        keys.append((_CLASS_TABLE_KEY, "", table))
    for k, f in sorted((v.fields or {}).items(), key=lambda kv: repr(kv[0])):
        tainted = bool(deep_taint(f))
        if (
            isinstance(k, str)
            and (held_fn := _partial_key(k, f, matcher) or _function_key(k, f)) is not None
        ):
            keys.append(held_fn)
        elif isinstance(k, str) and (table := _class_table(f)) is not None:
            keys.append((_CLASS_TABLE_KEY, k, table))
        elif (
            isinstance(k, str)
            and f.fn is not None
            and f.fn[0] == _CLASSES
            and f.cls is None
            and not deep_taint(f)
        ):
            # An object of one of some classes (`this.probe`, an `HttpProbe` or a
            # `DisabledProbe` as configured): a method called on it runs each's.
            keys.append((_CLASSES_KEY, k, tuple(f.fn[1])))
        elif (
            isinstance(k, str)
            and f.fn is None
            and (
                f.flags
                or _known_object(f.qn, matcher)
                or (not tainted and _request_part(f.qn, matcher))
                or _sink_function(f.qn, matcher)
                or _named_by_models(f.qn, matcher)
                # A model's Pydantic URL (its `host` check proves the URL's).
                or f.qn in _PYDANTIC_URLS
            )
        ):
            # An object holding a library object (`this.db`, a `pg.Pool()` handed to
            # its constructor, even one configured from the environment: what its
            # methods' calls are) or a configured one (`self.parser`, made with
            # `resolve_entities=True`: the flags a sink asks for).
            keys.append(_known_key(k, f, tainted))
        elif tainted and isinstance(k, str) and (items := _element_object_key(k, f)) is not None:
            keys.append(items)
        elif tainted:
            nested = _nested_fields(f)
            rows = _row_mask(f)
            if rows:
                keys.append((_ELEM_SEQ_KEY, k, rows))
            elif nested:
                # An object of the caller's own (`this.filters = {status, sortBy}`):
                # which of its fields hold data, so `this.filters.sortBy` is clean.
                # A field of it holding a library's object stays that object
                # (`this.directory.client`, an LDAP client made from the
                # environment's URL).
                if isinstance(k, str) and f.fn is None and _request_part(f.qn, matcher):
                    # A part of the request an earlier call stored data into
                    # (`prefs.theme = a` before `prefs.setLocale(b)`): still that
                    # part, with which of its keys hold data.
                    keys.append((_KNOWN_KEY, k, f.qn, (), False))
                for sub in nested:
                    inner = (f.fields or {})[sub]
                    if inner.fn is None and _known_object(inner.qn, matcher):
                        keys.append(_known_key(f"{k}{_PATH_SEP}{sub}", inner, True))
                    elif came_as_it_is(inner):
                        # (`self.criteria["assignee"]` of a JSON body's value as it
                        # came: an object a NoSQL filter reads as operators.)
                        keys.append((_NESTED_KEY, k, sub, True))
                    else:
                        keys.append((_NESTED_KEY, k, sub))
                if nested and f.elems is not None and deep_taint(f.elems):
                    keys.append((_NESTED_KEY, k, _ANY_KEY))
                if nested and isinstance(k, str) and f.fn is None and _workspace_object(f):
                    # An object of a workspace class holding data (`self.spec`, a
                    # `SearchSpec(payload)`): its class, whose `__getitem__` or
                    # `__getattr__` reads the data for the callee.
                    keys.append((_OBJECT_KEY, k, f.cls))
            else:
                # A request's value as it came (`{email: req.body.email}`: it may be
                # an object, which a NoSQL filter reads as operators) stays so in
                # the callee.
                keys.append(
                    (_RAW_KEY, k)
                    if came_as_it_is(f)
                    else (_MADE_KEY, k)
                    if f.qn is not None and f.fn is None and not raw_taint(f, "")
                    else k
                )
        elif isinstance(k, str) and f.fn is None and f.cls is not None and f.fields:
            # An object of the workspace kept in a field (`self.client`, a
            # `WebhookClient(requests.Session())`): its class, which its methods
            # dispatch on, and the library objects it keeps (`self.client.session`)
            # or the library names a model asks for (`self.config_loader.loader`
            # holding `yaml.SafeLoader`).
            held = [
                (sub, inner)
                for sub, inner in sorted(f.fields.items(), key=lambda kv: repr(kv[0]))
                if isinstance(sub, str)
                and (
                    _function_ref(inner)
                    or (
                        inner.fn is None
                        and (
                            _known_object(inner.qn, matcher)
                            or _named_by_models(inner.qn, matcher)
                            # (`self.settings.session`: a `SessionSettings(
                            # request.session)` kept by the caller's object.)
                            or (not deep_taint(inner) and _request_part(inner.qn, matcher))
                        )
                    )
                )
            ]
            if held:
                keys.append((_OBJECT_KEY, k, f.cls))
                keys.extend(
                    _function_key(f"{k}{_PATH_SEP}{sub}", inner)
                    or _known_key(f"{k}{_PATH_SEP}{sub}", inner, False)
                    for sub, inner in held[:_MAX_NESTED]
                )
            elif not f.taint:
                # (Its class alone, as for an object holding nothing, below, with
                # the options it keeps: `this.parser.options.noent`.)
                made = holds_made is not None and holds_made(f.cls)
                keys.extend(
                    (_FLAG_KEY, f"{k}{_PATH_SEP}{flag[1]}", *flag[2:])
                    for flag in _constant_flags(f)
                )
                (keys if made else held_objects).append((_OBJECT_KEY, k, f.cls))
        elif (
            isinstance(k, str)
            and f.fn is None
            and f.cls is not None
            and holds_made is not None
            and holds_made(f.cls)
        ):
            # An object of the workspace whose class makes what it holds
            # (`self.parser`, a `FeedParser()` whose class body assigns `parser =
            # etree.XMLParser(resolve_entities=True)`): its class.
            keys.append((_OBJECT_KEY, k, f.cls))
        elif isinstance(k, str) and f.fn is None and f.cls is not None and not f.taint:
            # Any other object of the workspace it holds (`self.runner`, a
            # `ProbeRunner()` handed to the service's constructor): its class, so
            # `self.runner.ping(host)` runs `ProbeRunner.ping`. After the rest: a
            # context keeps at most 8 keys.
            held_objects.append((_OBJECT_KEY, k, f.cls))
    rows = _row_mask(v)
    qn = v.qn
    if (items := _element_object_key("", v)) is not None:
        keys.append(items)
        # (`rules.map(...)` of the request's list: its objects, not a request part.)
        qn = None
    elif (steps := _function_seq_key("", v, matcher)) is not None:
        keys.append(steps)
    elif (
        v.seq is not None
        and v.elems is None
        and not v.fields
        and len(v.seq) <= _MAX_SEQ_DESCRIBED
        and not (rows and all(deep_taint(x) for x in v.seq))
    ):
        # `f(x, "ls")` into `def f(*args)`: which positions carry data, so that
        # `args[1]` in f is not x. (Rows each holding data are described by
        # their columns instead, below.)
        mask = "".join("1" if deep_taint(x) else "0" for x in v.seq)
        if "1" in mask:
            keys.append(("seq", mask))
            keys.extend(_elements_clean(v))
    elif (v.elems is not None and deep_taint(v.elems)) or any(deep_taint(x) for x in v.seq or ()):
        # (`{ tenantId, ...args.where }`: its other keys hold the request's object
        # as it came, whose values may be objects: `_RAW_KEY`.)
        raw = v.elems is not None and came_as_it_is(v.elems)
        keys.append((_ELEM_SEQ_KEY, "", rows) if rows else (_RAW_KEY, "*") if raw else "*")
        keys.extend(_elements_clean(v))
        # `{...req.query, orderBy: "id"}`: its unknown keys hold data, the keys it
        # names after them do not (the callee reads `options.orderBy` clean).
        keys.extend(
            (_CLEAN_KEY, k)
            for k, f in sorted((v.fields or {}).items(), key=lambda kv: repr(kv[0]))
            if not deep_taint(f)
        )
    if v.prefix is not None and v.prefix[0] and v.taint and v.fn is None and not keys:
        keys.append((_PREFIX_KEY, v.prefix[0]))
    if i >= 0 and v.fn is not None and v.fn[0] == _CLASSES and v.cls is None:
        # (Not the receiver's: a method called on such an object runs each class's.)
        keys.append((_CLASSES_KEY, tuple(v.fn[1])))
    keys.extend(_constant_flags(v)[: max(0, 8 - len(keys))])
    keys.extend(held_objects[: max(0, 8 - len(keys))])
    cvals = v.consts if v.consts is not None and len(v.consts) <= 3 else None
    if not whole and not keys and cvals is None and qn is None and v.cls is None and not v.flags:
        return None
    return (
        i,
        whole,
        tuple(keys[:8]),
        cvals,
        qn,
        v.cls,
        tuple(sorted(v.flags)),
        _is_class_ref(v),
    )


def _element_object_key(k: str, v: Val) -> tuple[Any, ...] | None:
    """`_ELEM_OBJECT_KEY` for `v` (at field `k`, or "" for the argument) when every
    element of it holding data is an object of one workspace class holding it only
    in named fields (at most `_MAX_NESTED` of them), or a record of no class
    (`namedtuple`'s, a dict of constant keys) holding nothing at other keys; None
    otherwise."""
    if v.taint or v.fn is not None or v.fields or (v.elems is None and not v.seq):
        return None
    items = [
        x for x in ((v.elems,) if v.elems is not None else ()) + (v.seq or ()) if deep_taint(x)
    ]
    if not items:
        return None
    cls = items[0].cls
    if any(
        x.cls != cls
        or x.taint
        or x.fn is not None
        or not x.fields
        or (cls is None and (x.qn is not None or (x.elems is not None and deep_taint(x.elems))))
        for x in items
    ):
        return None
    names = sorted(
        {
            n
            for x in items
            for n, f in (x.fields or {}).items()
            if isinstance(n, str) and deep_taint(f)
        }
    )
    if not names or len(names) > _MAX_NESTED:
        return None
    return (_ELEM_OBJECT_KEY, k, cls, tuple(names))


def _row_mask(v: Val) -> str:
    """For a container of data whose elements are all tuples of one length (a
    list of `(column, "DESC")` rows), which positions hold data ("10"), when some
    do not; "" otherwise."""
    if v.taint or v.fields or (v.elems is None and not v.seq):
        return ""
    row = element(v)
    if (
        row.taint
        or row.seq is None
        or not row.seq
        or row.fields
        or row.elems is not None
        or len(row.seq) > _MAX_SEQ_DESCRIBED
    ):
        return ""
    mask = "".join("1" if deep_taint(x) else "0" for x in row.seq)
    return mask if "0" in mask and "1" in mask else ""


def _constant_flags(v: Val) -> list[tuple[Any, ...]]:
    """The clean fields of `v` that are a constant flag (`self.shell = True`), or
    an object of options holding some (`this.o = {noent: true}`): what a sink's
    condition reads in a method; and those holding a URL's scheme and host with
    no path yet (`self.base_url = "https://api.example.com"`), which text
    appended to them can complete into another host (`url_prefix`). Only these,
    so that a description does not vary with every constant an object keeps."""
    out: list[tuple[Any, ...]] = []
    for k, f in sorted((v.fields or {}).items(), key=lambda kv: repr(kv[0])):
        if not isinstance(k, str) or f.fn is not None or f.qn is not None or deep_taint(f):
            continue
        if _boolean(f) or url_prefix.open_origin(f):
            out.append((_FLAG_KEY, k, "", tuple(sorted(f.consts or ()))))
        for sub, x in sorted((f.fields or {}).items(), key=lambda kv: repr(kv[0])):
            if isinstance(sub, str) and (_boolean(x) or url_prefix.open_origin(x)):
                out.append((_FLAG_KEY, k, sub, tuple(sorted(x.consts or ()))))
        if len(out) >= _MAX_FLAGS:
            break
    return out[:_MAX_FLAGS]


def _stored_on_self(fn: ir.FlowFunction) -> list[Any]:
    """What a body's own statements assign to attributes of its object
    (`self.x = ...`, `this.x = ...`), in order."""
    return [
        st[2]
        for st in fn.body
        if st[0] == ir.ASSIGN
        and isinstance(st[1], list)
        and st[1][0] == ir.ATTR
        and st[1][1] in ([ir.NAME, "self"], [ir.NAME, "this"])
    ]


def _known_key(key: str, v: Val, holds_data: bool) -> tuple[Any, ...]:
    """A `_KNOWN_KEY` entry: the library object `v` a field (`key`) holds."""
    return (_KNOWN_KEY, key, v.qn, tuple(sorted(v.flags)), holds_data)


def _constant_flag_value(e: Any) -> bool:
    """Whether an expression is a boolean literal, or an object literal with one
    (`{noent: true}`): the values `_constant_flags` describes."""
    if isinstance(e, bool):
        return True
    return (
        isinstance(e, list)
        and len(e) > 1
        and e[0] == ir.DICT
        and any(isinstance(pair, list) and isinstance(pair[-1], bool) for pair in e[1])
    )


def _boolean(v: Val) -> bool:
    return bool(v.consts) and not v.fields and all(isinstance(c, bool) for c in v.consts or ())


def _nested_fields(f: Val) -> list[str]:
    """The fields holding data of an object `f` made of named fields (and of
    data at unknown keys, `_ANY_KEY`: a form's `cleaned_data`), when they are
    few; [] otherwise."""
    if f.taint or not f.fields or f.seq is not None or f.fn is not None:
        return []
    if f.elems is not None and (f.elems.fields or f.elems.seq is not None or f.elems.elems):
        return []
    if not all(isinstance(k, str) and _PATH_SEP not in k for k in f.fields):
        return []
    subs = sorted(k for k, x in f.fields.items() if deep_taint(x))
    return subs if 0 < len(subs) <= _MAX_NESTED else []


def _constant_pairs(v: Val) -> dict[Any, Val] | None:
    """`[["a", 1], ["b", 2]]`: key -> value, when every key is one constant."""
    if v.taint or v.seq is None or not v.seq or len(v.seq) > consts.MAX_VALUES:
        return None
    out: dict[Any, Val] = {}
    for pair in v.seq:
        if pair.seq is None or len(pair.seq) != 2 or pair.taint:
            return None
        key = single_const(pair.seq[0])
        if key is NO_CONST or not isinstance(key, (str, int)) or isinstance(key, bool):
            return None
        out[key] = pair.seq[1]
    return out


def _map_entries(v: Val) -> dict[Any, Val] | None:
    """A Map's keys and values when the code wrote every key, or those of `[key,
    value]` pairs of constant keys (`_constant_pairs`, or pairs of unknown number
    whose key is one of a few constants)."""
    if v.qn == "Map" and v.fields is not None and not v.taint and v.elems is None:
        return dict(v.fields)
    pair = v.elems
    if (
        pair is not None
        and v.seq is None
        and not v.taint
        and not v.fields
        and pair.seq is not None
        and len(pair.seq) == 2
        and not pair.taint
        and not pair.seq[0].taint
        and pair.seq[0].consts
        and len(pair.seq[0].consts) <= consts.MAX_VALUES
        and all(isinstance(k, str) for k in pair.seq[0].consts)
    ):
        # `Object.entries({ status, owner }).map(([k, v]) => [k, String(v)])`: pairs
        # whose key is one of the code's texts, each (as far as is known) holding
        # any of the values.
        return {k: pair.seq[1] for k in sorted(pair.seq[0].consts)}
    return _constant_pairs(v)


def _elements_clean(v: Val) -> list[tuple[str, str]]:
    """The fields every element of container `v` holds clean (or made safe for every
    class: one of an allow-list's texts), as keys of its description."""
    el = element(Val(elems=v.elems, seq=v.seq))
    if el.taint or not el.fields:
        return []
    return [
        (_ELEM_CLEAN_KEY, k)
        for k, f in sorted(el.fields.items(), key=lambda kv: repr(kv[0]))
        if isinstance(k, str) and all("*" in san for _, san in deep_taint(f))
    ]


_WORLDS: weakref.WeakKeyDictionary[OpenEnvironment, World] = weakref.WeakKeyDictionary()
_WORLD_LOCK = threading.Lock()


#: Statements between two calls of `World.interrupt`. (At 256 a cancelled cycle
#: ran on for up to 50 ms: a statement computing a callee's summary takes a tenth
#: of a millisecond and more, while the next edit waits for it to stop.)
_INTERRUPT_STEPS = 32


def forget_world(snap: Snapshot) -> None:
    """Drop the world of this snapshot's store: an analysis stopped halfway through a
    body (`World.interrupt` raised) may have left memos half made."""
    with _WORLD_LOCK:
        _WORLDS.pop(snap.store, None)


def world_for(snap: Snapshot, idx: WorkspaceIndex, matcher: Matcher) -> World:
    """The world of this snapshot's revision (built once per revision and models, and
    again after `DATAFLOW_WORLD_FILES` files)."""
    with _WORLD_LOCK:
        w = _WORLDS.get(snap.store)
        if (
            w is None
            or w.revision != snap.revision
            or w.matcher is not matcher
            or w.files_analysed >= defaults.DATAFLOW_WORLD_FILES
        ):
            w = World(snap.revision, matcher)
            _WORLDS[snap.store] = w
    w.bind(snap, idx)
    return w


#: Decoded flow facts by (file, content hash), least recently used first, with the
#: size of their encoding. Bounded by that size, not by a count: a decoded file
#: takes about four times its encoding (Django: 33.5 MB encoded, 126 MB decoded,
#: the largest file 0.9 MB encoded), so a count let a long session grow by
#: megabytes at every branch switch until some thousands of files were held.
#: This is the only place decoded flows live: a World holding its own would
#: keep every file of a cold index (140 MB a worker on Django).
FlowsCache = LRUCache[tuple[str, str], tuple[FileFlows | None, int]]


def _flows_cache(encoded_bytes: int) -> FlowsCache:
    return LRUCache(maxsize=encoded_bytes, getsizeof=lambda entry: max(1, entry[1]))


_FLOWS: FlowsCache = _flows_cache(defaults.FLOW_CACHE_ENCODED_BYTES)
_FLOWS_LOCK = threading.Lock()
#: The last file too big for `_FLOWS` to hold, beside it (one at most).
_OVERSIZE: tuple[tuple[str, str], FileFlows | None] | None = None


def bound_flow_cache(encoded_bytes: int) -> None:
    """Keep decoded flow facts of at most `encoded_bytes` of encoding from now on
    (an enrichment worker keeps fewer than an editing process: `defaults`)."""
    global _FLOWS
    with _FLOWS_LOCK:
        if _FLOWS.maxsize != encoded_bytes:
            _FLOWS = _flows_cache(encoded_bytes)


def file_flows(snap: Snapshot, file: str, content_hash: str) -> FileFlows | None:
    """A file's decoded flow facts, cached by its content hash in `snap` (they are a
    pure function of it)."""
    global _OVERSIZE
    key = (file, content_hash)
    with _FLOWS_LOCK:
        got = _FLOWS.get(key)
        if got is not None:
            return got[0]
        if _OVERSIZE is not None and _OVERSIZE[0] == key:
            return _OVERSIZE[1]
    blob = snap.summary(file)
    flow = summary_flow(blob) if blob is not None else None
    out: FileFlows | None = None
    if flow is not None:
        bodies = {f.path: f for f in ir.decode_flow(flow)}
        js = not is_python(file)
        out = FileFlows(file, js, "javascript" if js else "python", bodies)
    size = len(flow) if flow is not None else 0
    if content_hash:
        with _FLOWS_LOCK:
            if size <= _FLOWS.maxsize:
                _FLOWS[key] = (out, size)
            else:
                # Bigger than the whole cache (a worker's is smaller): kept alone,
                # since its analysis reads its bodies again and again.
                _OVERSIZE = (key, out)
    return out


# -- the interpreter ----------------------------------------------------------------------


class _Stop(Exception):
    """The step budget ran out."""


class EntryStopped(Exception):
    """The running entry ran out of its statement budget (`analyse_file`; not a
    `_Stop`: it passes the handlers of the summaries and calls it is inside). A
    summary the memo gives counts what computing it cost, so whether an entry
    stops does not depend on what ran before it."""


_NO_DEADLINE = 1 << 62
_T = TypeVar("_T")


Env = dict[str, Val]


class Interp:
    """Runs one body: collects its return value, sink hits and the state at its end."""

    def __init__(
        self,
        world: World,
        ff: FileFlows,
        fn: ir.FlowFunction,
        params: list[Val],
        *,
        depth: int,
        summary: bool,
        parent: Interp | None = None,
        closure: Env | None = None,
    ) -> None:
        self.world = world
        self.ff = ff
        self.fn = fn
        self.file = ff.file
        self.js = ff.js
        self.matcher = world.matcher
        self.depth = depth
        self.summary = summary
        self.parent = parent
        #: The view this body wraps (`_route_wrappers`): it calls it with the sources.
        self.wraps: str | None = None
        #: The inner wrappers between this one and the view (stacked decorators):
        #: each runs as part of the entry, and keeps `wraps`.
        self.wrappers: frozenset[str] = frozenset()
        #: The functions this one (a wrapper a factory made: `withRetry(fn)`'s
        #: `(...args) => fn(...args)`) captured where it was made: calling one
        #: is the wrapped call itself, on this level, not a call deeper.
        self.wrapped: frozenset[tuple[Any, ...]] = frozenset()
        self.closure = closure
        self.module_mode = False
        #: JS `this` while a method's summary is computed.
        self.this_val: Val | None = None
        self.kind = NodeType(fn.kind) if fn.kind != "LAMBDA" else NodeType.FUNCTION
        self.func_id = (
            f"{self.file}->MODULE"
            if fn.kind == "MODULE"
            else definition_id(self.file, NodeType(fn.kind), fn.path)
            if fn.kind != "LAMBDA"
            else ""
        )
        self.scope = fn.path or MODULE_SCOPE
        #: The node a store or return of this body is reported at (a callback's: its owner's).
        self.site_node = self.func_id or self._owner_id()
        self.bound = set(fn.bound)
        #: The call table the call expressions being run index: this body's, or
        #: that of the body a lambda run here was written in (see `inline`).
        self.calls: list[str] = fn.calls
        self.param_names = [p[0].lstrip("*") for p in fn.params]
        self.params = list(params)
        self.ret: Val | None = None
        #: The state at the `return` statements met (summaries: what a call leaves
        #: in its arguments when it returns normally).
        self.return_env: Env | None = None
        #: An entry whose state at its returns matters (a view's `dispatch`,
        #: `_prepared_view`: what it stored into `self` before `return
        #: super().dispatch(...)`), as a summary's and a nested function's does.
        self.keeps_returns = False
        #: Summaries: each `return`'s expression, value and state, for `check_facts`.
        self.return_checks: list[tuple[Any, Val, Env]] = []
        #: Calls of check functions met: call id -> variable -> value (true, false).
        #: (A field checked is named by its path, `req.query.sort`, as `guard` names it.)
        self.call_checks: dict[str, tuple[dict[str, Val], dict[str, Val]]] = {}
        #: Calls of check functions met that allow a host: call id -> the host reads
        #: (`urlparse(u).hostname`) whose URL is allowed where it is true, false.
        self.host_checks: dict[str, tuple[list[Any], list[Any]]] = {}
        #: `ok = check(u)`: name -> (the call, the value assigned, the values of the
        #: call's name arguments then): `if ok:` proves what `if check(u):` would,
        #: while both are still those very values.
        self.stored_tests: dict[str, tuple[list[Any], Val, dict[str, Val]]] = {}
        #: A list of problems that grew under a condition (`if not RE.fullmatch(x):
        #: errors.append(...)`): record (the grow call's id) -> the condition. Where
        #: the list is empty the condition was false, while the state holds the
        #: record's key (`_PROBLEMS`): binding a name the condition read drops it,
        #: as it drops a narrowed property of the name (`path_keys`).
        self.problem_conds: dict[str, Any] = {}
        #: `name = obj.get("k")`: name -> (the field read, at a constant key; the
        #: value assigned; the object's name and value then): a check of `name`
        #: narrows the field too, while both hold those values (`_narrow_copies`).
        self.field_copies: dict[str, tuple[list[Any], Val, dict[str, Val]]] = {}
        self._problems_read: set[str] = set()
        #: A value a condition narrowed (by id) -> it and the value it narrowed
        #: (`_unchanged`; both kept, so that no id is reused).
        self._narrowed: dict[int, tuple[Val, Val]] = {}
        #: `calls` patterns of parameter sources -> whether this body makes such a call.
        self._calls_memo: dict[str, bool] = {}
        self.hits: list[Hit] = parent.hits if parent is not None else []
        self.tainted: dict[str, tuple[str, tuple[str, ...]]] = (
            parent.tainted if parent is not None else {}
        )
        self.deps: set[str] = parent.deps if parent is not None else set()
        if parent is None:
            world.entry_reads.append(self.deps)
        #: Summaries: the calls of a parameter met (`cb(data)`): index, arguments.
        self.param_calls: list[tuple[int, tuple[Val, ...]]] = []
        #: A body run inline inside a summary (`setImmediate(() => cb(name))`):
        #: the enclosing summaries' parameters it can call, by name -> (their
        #: `param_calls`, the parameter's index).
        self.outer_params: dict[str, tuple[list[tuple[int, tuple[Val, ...]]], int]] = {}
        if parent is not None and summary:
            self.outer_params = dict(parent.outer_params)
            if parent.summary:
                for i, n in enumerate(parent.param_names):
                    if n not in parent.bound:
                        self.outer_params[n] = (parent.param_calls, i)
            for n in (*self.param_names, *self.bound):
                self.outer_params.pop(n, None)
        #: What a middleware stored on the request (`req.user = ...`), for the
        #: handlers that run after it in this analysis.
        self.request_attrs: dict[str, Val] = parent.request_attrs if parent is not None else {}
        #: While a route's middleware of this module runs (`call`, among a route
        #: call's arguments): the path of its body and, at each `next()` it calls,
        #: what it proved then (`_proved_fields`).
        self.next_proofs: tuple[str, list[dict[str, frozenset[str]]]] | None = (
            parent.next_proofs if parent is not None else None
        )
        #: Request fields the route's validator chains proved safe, by qualified name
        #: (route_validators.py), for the handlers of the route being run.
        self.validated: dict[str, frozenset[str]] = parent.validated if parent is not None else {}
        #: Those the chains' validators prove, which count once the errors are read
        #: (`_validated_read`).
        self.validated_checked: dict[str, frozenset[str]] = (
            parent.validated_checked if parent is not None else {}
        )
        #: Bodies of which only identifiers and calls were read (may they read a source?).
        self.word_deps: set[str] = parent.word_deps if parent is not None else set()
        if parent is None:
            world.entry_reads.append(self.word_deps)
        #: Entries: module globals (`global X; X = ...`) and class attributes
        #: (`Cls.x = ...`) written with data, by name (`Cls.x`: class id, ".", x) ...
        self.state_writes: dict[str, Val] = parent.state_writes if parent is not None else {}
        #: A summary's writes into its module's variables (`Summary.global_writes`).
        self.global_writes: dict[str, Val] = parent.global_writes if parent is not None else {}
        #: ... and those the file's entries wrote, which this one reads as they left
        #: them (state kept between requests: `analyse_file`'s second round).
        self.stored_state: dict[str, Val] = parent.stored_state if parent is not None else {}
        #: The names whose items or attributes this body writes (`_stored_into`).
        self._stored_names: frozenset[str] | None = None
        #: Whether a qualified name is a session's (`_session`), asked once each.
        self._sessions: dict[str, bool] = parent._sessions if parent is not None else {}
        #: How deep `_nested_model` is in a validated model's fields.
        self._nesting = 0
        #: The module of the schema `_schema_validated` reads, when another one's.
        self._schema_home: str | None = None
        self.steps = 0
        #: A generator's yields in the order they ran, and whether that order is
        #: the order of every run (no yield under a branch, a loop or a `try`).
        self.yields: list[Val] = []
        self.yields_ordered = True
        self._nested = 0
        #: What the statements run so far raised, not yet caught here.
        self.raised: Val | None = None
        #: What the handlers being run caught (innermost last).
        self.caught: list[Val] = []
        #: The loops being run (innermost last): the states at their `continue`s
        #: and at their `break`s.
        self.jumps: list[tuple[list[Env], list[Env]]] = []
        self.final_env: Env | None = None
        #: An entry's names assigned one of a few objects or functions (`renderer
        #: = RENDERERS.get(kind)`): name -> the alternatives (see `_split_confirmed`);
        #: and, in a run that follows one alternative, the one each name keeps.
        self.splittable: dict[tuple[str, str], int] = {}
        self.forced: dict[tuple[str, str], int] = {}
        #: The entry whose `splittable` and `forced` a body run inline in it shares.
        self.entry: Interp = parent.entry if parent is not None and not summary else self
        #: An entry's names assigned what a helper returned, not worked out yet
        #: (`renderer = current_renderer()`): one of a few objects, maybe.
        self.returned_names: dict[tuple[str, str], tuple[str, tuple[Any, ...]]] = {}
        #: A nested Python definition run inline: the enclosing names it starts
        #: with in its state, so that its `nonlocal` writes can be read back.
        self.seeded: Env = {}
        self.final_params: Env = {}
        #: The parameters' fields a check narrowed (`x.k`, as `guard` names them),
        #: as they are wherever the body ends normally.
        self.final_fields: Env = {}
        self._hit_keys: set[tuple[str, str, str, int]] = (
            parent._hit_keys if parent is not None else set()
        )
        #: The property paths a check narrowed (`x.k`, kept in the state under that
        #: name until `x` or its fields change): see `guard`.
        self.path_keys: dict[str, set[str]] = parent.path_keys if parent is not None else {}

    # -- driver -----------------------------------------------------------------------------

    def entry_params(self) -> list[Val]:
        """The parameters' values as the body would start with them (the models'
        sources bound), without running it."""
        env: Env = dict(zip(self.param_names, self.params))
        self._param_sources(env)
        return [env.get(name, EMPTY) for name in self.param_names]

    def run(self) -> None:
        env: Env = dict(self.seeded) if self.seeded else {}
        for name, val in zip(self.param_names, self.params):
            env[name] = val
        if self.this_val is not None:
            env["this"] = self.this_val
        self._param_sources(env)
        self._express_error(env)
        self._page_props(env)
        self._graphql_context_request(env)
        self._typed_params(env)
        try:
            out = self.block(self.fn.body, env, 0)
        except _Stop:
            out = env
        if out is not None:
            self.final_env = out
        if not self.summary and not self.js and self.raised is not None:
            self._run_error_handlers(self.raised, env)
        # Where the body ends normally: falling off its end or at a `return`.
        ends = join_env(out, self.return_env)
        last = ends if ends is not None else env
        for name in (*self.param_names, "this"):
            v = last.get(name)
            if v is not None:
                keys = self.path_keys.get(name) if self.path_keys else None
                for key in keys or ():
                    narrowed = last.get(key)
                    if narrowed is not None:
                        # A property of a wholly tainted object (a JSON body) is
                        # told apart by its name only.
                        self.final_fields[key] = narrowed
                # A property checked (and replaced where the check failed) holds
                # what the check left at every end.
                self.final_params[name] = self._with_narrowed(v, keys, last) if keys else v

    def _run_error_handlers(self, raised: Val, env: Env) -> None:
        """An exception an entry raises holding the request's data (`raise
        UnknownSku(sku)`, through a helper too) goes to the handler the module
        registers for its class (Flask's `@app.errorhandler(UnknownSku)`, a
        blueprint's `app_errorhandler`): it runs with that exception."""
        if raised.cls is None or not deep_taint(raised):
            return
        name = parse_id(raised.cls).path.rpartition(".")[2]
        for path, body in self.ff.bodies.items():
            if body.kind != "FUNCTION" or "." in path or len(body.params) != 1:
                continue
            handler = definition_id(self.file, NodeType.FUNCTION, path)
            handled = (
                _ERROR_HANDLER.fullmatch(text.replace(" ", ""))
                for text in self.world.decorators(self.file, handler)
            )
            if any(m is not None and m.group(1) == name for m in handled):
                self.inline(Val(fn=("def", path)), None, [raised], {}, env, "")

    def _with_narrowed(self, v: Val, keys: set[str], env: Env, prefix: str = "") -> Val:
        """An object whose properties a check narrowed (`if (!RE.test(hook.url))
        return`), as a whole (`deliver(hook)`): those properties, and properties of
        its properties (`cfg.target.url`), hold what the check left."""
        for key in sorted(keys):
            narrowed = env.get(key)
            if prefix:
                # Fields of a property (`req.body.code` for `req.body`).
                if not key.startswith(prefix + "."):
                    continue
                field_path = key[len(prefix) + 1 :]
            else:
                field_path = key.partition(".")[2]
            if narrowed is not None and field_path:
                v = self._narrowed_field(v, field_path.split("."), narrowed)
        return v

    def _narrowed_field(self, v: Val, names: list[str], narrowed: Val) -> Val:
        if (
            self.js
            and v.taint
            and v.seq is None
            and (
                v.qn is None
                or v.qn.startswith("?")
                or _parsed_data(v.qn)
                or _request_part(v.qn, self.matcher)
            )
        ):
            # An object of data that came whole from a source (`const dto =
            # req.body`): its other keys keep the data, the checked one holds only
            # what the check left (its own taint is the whole's, narrowed). (A JS
            # object's unknown keys are its `elems`; a Python object's attributes
            # are not, `attribute`. A library's object, a `URL`, is more than its
            # fields: it stays whole.)
            rest = (
                Val(v.taint)
                if v.elems is None
                else v.elems.replace(taint=merge_taint(v.elems.taint, v.taint))
            )
            v = v.replace(taint={}, elems=rest)
        if len(names) > 1:
            if v.taint:
                # A field below a field of an object that stays whole.
                return v
            narrowed = self._narrowed_field(get_key(v, names[0]), names[1:], narrowed)
        return _set_key(v, names[0], narrowed)

    def check_facts(self, params: list[Val]) -> tuple[dict[ParamPath, Val], dict[ParamPath, Val]]:
        """What the function's result proves about its parameters and their fields (a
        check function: `return RE.fullmatch(x) is not None`, `return
        RE.test(req.params.id)`): where the result is true, and where it is false. A
        parameter the body rebinds proves nothing."""
        if not self.return_checks or len(self.return_checks) >= MAX_RETURN_CHECKS:
            return {}, {}
        when_true: Env | None = None
        when_false: Env | None = self.final_env if self.final_env else None
        for e, v, env in self.return_checks:
            truth = consts.truth(v.consts, self.js)
            t_env, f_env = dict(env), dict(env)
            if e is not None:
                self.guard(e, t_env, f_env)
            if truth is not False:
                when_true = join_env(when_true, t_env)
            if truth is not True:
                when_false = join_env(when_false, f_env)
        out: tuple[dict[ParamPath, Val], dict[ParamPath, Val]] = ({}, {})
        index = {name: i for i, name in enumerate(self.param_names) if i < len(params)}
        copies = self._field_aliases()
        whole = self._param_copies()
        for facts, table in ((when_true, out[0]), (when_false, out[1])):
            for key, fact in (facts or {}).items():
                name, _, path = key.partition(".")
                i = index.get(name)
                if i is None or name in self.fn.bound:
                    continue
                if not path and not same(fact, params[i]):
                    table[(i, "")] = fact
                elif path and key in self.path_keys.get(name, ()):
                    # A field the check narrowed (`req.params.id`, as `guard` names it).
                    table[(i, path)] = fact
            for key, fact in (facts or {}).items():
                name, _, path = key.partition(".")
                root = whole.get(name)
                i = index.get(root) if root is not None else None
                if i is not None and (not path or key in self.path_keys.get(name, ())):
                    # `const c = value as Partial<Body>; return typeof c?.email ===
                    # "string"`: a check of the copy is one of the parameter.
                    table.setdefault((i, path), fact)
            for name, (root, path) in copies.items():
                copied = facts.get(name) if facts is not None else None
                i = index.get(root)
                if copied is not None and i is not None:
                    # `const id = req.params.id; return RE.test(id)`: the check of
                    # the copy is one of the field (the caller keeps what narrows).
                    table.setdefault((i, path), copied)
            for name, root in self._case_copies().items():
                copied = facts.get(name) if facts is not None else None
                i = index.get(root)
                if copied is not None and i is not None and _allowed_host(copied):
                    # `const h = host.toLowerCase(); return HOSTS.includes(h)`: the
                    # parameter, as a host name, is an allowed one (a host's case
                    # does not matter; its text may, so only the mark goes back).
                    table.setdefault((i, ""), guards.mark(params[i], guards.ALLOWED_HOST))
        return out

    def _case_copies(self) -> dict[str, str]:
        """Locals that are a parameter with its case changed for the whole body
        (`h = host.toLowerCase()`) -> the parameter (`_top_level_copies`); and a
        parameter whose one rebinding, at the body's top level, changes its case
        (`host = host.lower()`) -> itself: before and after it the name holds the
        parameter up to case, which is all an allowed host's mark needs."""

        def case_changed(source: Any, params: set[str]) -> str | None:
            folded = _folded_once(source)
            if folded is not source and isinstance(folded, list) and folded[0] == ir.NAME:
                return str(folded[1]) if folded[1] in params else None
            return None

        out = self._top_level_copies(case_changed)
        for st in self.fn.body:
            if st[0] != ir.ASSIGN or not isinstance(st[1], list) or st[1][0] != ir.NAME:
                continue
            name = st[1][1]
            if (
                name in self.param_names
                and case_changed(st[2], {name}) == name
                and _writes_of(self.fn.body, name) == 1
                and not _has_walrus(self.fn.body, name)
            ):
                out[name] = name
        return out

    def _param_copies(self) -> dict[str, str]:
        """Locals that are a parameter itself for the whole body (`c = value`, a
        TypeScript `value as T`) -> the parameter (`_top_level_copies`)."""

        def param_of(source: Any, params: set[str]) -> str | None:
            if isinstance(source, list) and source[0] == ir.NAME and source[1] in params:
                return str(source[1])
            return None

        return self._top_level_copies(param_of)

    def _field_aliases(self) -> dict[str, tuple[str, str]]:
        """Locals that are copies of a parameter's field for the whole body (`id =
        req.params.id`, JavaScript's `const { id } = req.params`) -> (the parameter,
        the field's path below it) (`_top_level_copies`)."""

        def field_of(source: Any, params: set[str]) -> tuple[str, str] | None:
            key = _path_key(source) if _is_field(source) else None
            if key is None:
                return None
            root, _, path = key.partition(".")
            return (root, path) if root in params else None

        return self._top_level_copies(field_of)

    def _top_level_copies(self, copy_of: Callable[[Any, set[str]], _T | None]) -> dict[str, _T]:
        """Locals bound once, at the body's top level, from what `copy_of` makes
        something of (given the parameters the body never rebinds), and written
        nowhere else: they hold it for the whole body -> what `copy_of` made."""
        out: dict[str, _T] = {}
        params = set(self.param_names) - self.bound
        for st in self.fn.body:
            if st[0] != ir.ASSIGN or not isinstance(st[1], list):
                continue
            target, value = st[1], st[2]
            pairs: list[tuple[Any, Any]] = []
            if target[0] == ir.NAME:
                pairs.append((target[1], value))
            elif target[0] == ir.DICT and self.js:
                for key, inner in target[1]:
                    if isinstance(key, str) and isinstance(inner, list) and inner[0] == ir.NAME:
                        pairs.append((inner[1], [ir.ATTR, value, key]))
            for name, source in pairs:
                if name in params:
                    continue
                made = copy_of(source, params)
                if (
                    made is not None
                    and _writes_of(self.fn.body, name) == 1
                    and not _has_walrus(self.fn.body, name)
                ):
                    out[name] = made
        return out

    def _piped(self, value: Val, pipes: list[str], env: Env) -> Val:
        """What a NestJS parameter's pipes (`@Param("slug", SlugPipe)`) hand the
        handler: each workspace pipe class's `transform` of what the one before
        gave, as a call of it would return (a pipe that throws unless the value
        matches a pattern returns it checked); an unknown pipe leaves it as is."""
        for pipe in pipes:
            cls = _ref(self.lookup(pipe, env))
            if cls is None or parse_id(cls).kind != NodeType.CLASS:
                continue
            method = self._method_of(cls, "transform")
            if method is None:
                continue
            got = self.apply(method, [ir.NAME, pipe], [], Val(cls=cls), [value], {}, env, "", None)
            if got is not None:
                value = got
        return value

    def _typed_params(self, env: Env) -> None:
        """A parameter declared a library's class (`session: aiohttp.ClientSession`,
        `conn: sqlite3.Connection`) and handed nothing known is that library's
        object: its methods are the library's (`session.get(url)` is a request)."""
        if self.fn.kind == "MODULE":
            return
        for entry in self.fn.params:
            if len(entry) < 4 or entry[2] not in (ir.P_NO_FLAG, ir.P_DEFAULTED) or entry[3] is None:
                continue
            declared = str(entry[3])
            if declared == ir.RAW_OBJECT:
                continue
            name = entry[0].lstrip("*")
            current = env.get(name, EMPTY)
            if (
                current.taint
                or current.fields
                or current.fn is not None
                or current.cls is not None
                or _known_object(current.qn, self.matcher)
            ):
                continue  # data, or an object we know better than its declaration
            made = self._declared_library_object(declared, env)
            if made is not None:
                env[name] = made

    def _declared_library_object(self, declared: str, env: Env) -> Val | None:
        """An object of the library class a declared type names by the imports
        (`aiohttp.ClientSession`, ldapjs's `Client`), or None."""
        qn = self.expr(_dotted_expr(declared), env, 0).qn
        roots = self.matcher.model_roots
        if qn is not None and qn.split(".", 1)[0] in roots and not qn.endswith(")"):
            return Val(qn=qn + "()")
        return None

    def _path_segment(self, name: str) -> bool:
        """Whether a route decorator of the body captures `name` so that it cannot
        start with a slash: one segment of the path (FastAPI's and Starlette's
        `{name}`, not `{name:path}`; Flask's `<name>`), or Flask's `<path:name>`,
        whose converter refuses a leading slash."""
        one = re.escape(name)
        segment = re.compile(r"\{" + one + r"(?::(?!path\b)\w+)?\}|<(?:\w+:)?" + one + ">")
        return any(segment.search(text) for text in self.world.decorators(self.file, self.func_id))

    def _express_error(self, env: Env) -> None:
        """An Express error middleware (`(err, req, res, next) => ...`) gets what
        the app's handlers handed `next(err)` (`_hands_error_on`)."""
        kept = self.stored_state.get(_NEXT_ERROR) if self.js and not self.summary else None
        if kept is not None and len(self.param_names) == 4 and _express_order(self.param_names, 1):
            self._seed_param(0, kept, env)

    def _page_props(self, env: Env) -> None:
        """A Next.js page's component (`export default function Preview({ bodyHtml
        })`, a function of the module named in capitals) gets the props its
        module's `getServerSideProps` returned."""
        kept = self.stored_state.get(_PAGE_PROPS) if self.js and not self.summary else None
        if kept is not None and _page_component(self.fn):
            self._seed_param(0, kept, env)

    def _seed_param(self, i: int, kept: Val, env: Env) -> None:
        """Parameter `i` holds what other entries stored for it (`kept`), too."""
        name = self.param_names[i]
        env[name] = join(env.get(name, EMPTY), kept)
        if not name.isidentifier():
            # A destructured parameter: its pattern is assigned from the value.
            self.params[i] = env[name]

    def _hands_error_on(self, name: str, argv: list[Val]) -> None:
        """`next(new HttpError(404, `No page ${slug}`))` in an Express handler: the
        app's error middleware gets the error (`_express_error`)."""
        names = self.param_names
        if (
            self.js
            and not self.summary
            and argv
            and len(names) >= 3
            and names.index(name) == 2
            and _express_order(names, 0)
        ):
            self._write_state(_NEXT_ERROR, argv[0], self.state_writes)

    def _param_sources(self, env: Env) -> None:
        """Parameters the models name (Django's `request`, a FastAPI route's)."""
        if self.fn.kind == "MODULE" or not self.fn.params:
            return
        if self.parent is not None and self.parent.wraps == self.fn.path:
            # A view called by its route's wrapper: the wrapper's arguments are
            # what it gets (checked or converted there), not the sources again.
            return
        lang = self.ff.language
        for i, entry in enumerate(self.fn.params):
            raw = entry[0]
            name = raw.lstrip("*")
            # A route parameter declared a number (`item_id: int`) is converted
            # by the framework, which answers 422 to anything else.
            scalar = len(entry) > 2 and entry[2] == ir.P_SCALAR
            # An object the framework hands in (`request: Request`, a `Depends`).
            injected = len(entry) > 2 and entry[2] == ir.P_INJECTED
            if injected and len(entry) > 3 and str(entry[3]).startswith(ir.DEPENDS):
                if not self.summary and env.get(name, EMPTY).empty:
                    got = self._dependency(str(entry[3])[len(ir.DEPENDS) :], env, name)
                    if got is not None:
                        env[name] = got
                continue
            for m in self.world.param_models_named(lang, name):
                if not _before_matches(m, self.fn.params, i):
                    continue
                if m.directive and (
                    self.summary or not self.world.under_directive(self.ff, self.fn, m.directive)
                ):
                    continue
                if m.qn == "HttpRequest" and _client_request(entry):
                    # `request: PreparedRequest` of a requests transport adapter:
                    # a request this program sends, not one it serves.
                    continue
                if m.function and not _function_named(m, self.fn.path):
                    continue
                if m.base and not self._method_of_class_based_on(m.base):
                    continue
                if (
                    m.after
                    and not _after_param(m, self.fn.kind, self.fn.params, i)
                    and not (
                        m.graphql
                        and self.js
                        and _schema_resolver_param(
                            self.fn.params, i, self.world.graphql_arguments(self.file)
                        )
                    )
                ):
                    continue
                if m.calls and not self._calls_any(m.calls):
                    continue
                if m.after and self.world.called_in_file(self.file, self._owner_id()):
                    # Called by its own module: a helper handed objects, not a view.
                    continue
                if (
                    self.js
                    and m.qn == _EXPRESS_REQUEST
                    and not self.summary
                    and self.fn.kind in ("FUNCTION", "METHOD")
                    and len(self.fn.params) == 1
                    and self.world.called_in_file(self.file, self._owner_id())
                ):
                    # (So is a function of one parameter named `request` that its
                    # module calls: `openHelpWindow(request)` of a queued message.
                    # A handler its module calls gets the request from its caller.)
                    continue
                if m.decorator and not (
                    self.fn.kind != "LAMBDA"
                    and self.world.decorated(self.file, self.func_id, m.decorator)
                ):
                    continue
                if m.not_on and self.world.decorated_on(self.file, self.func_id, m.not_on):
                    continue
                if m.on and not self.world.decorated_on(self.file, self.func_id, m.on):
                    continue
                current = env.get(name, EMPTY)
                if m.qn:
                    # (A function handed in is no framework object: a wrapper's
                    # `(h) => (req, res) => h(req, res)` calls the handler it got.)
                    if current.qn is None and current.fn is None:
                        env[name] = current.replace(qn=m.qn)
                        if not name.isidentifier():
                            # A destructured parameter (`({ query }, res)`): its
                            # pattern is assigned from the value (`[PARAM, i]`).
                            self.params.extend([EMPTY] * (i + 1 - len(self.params)))
                            self.params[i] = env[name]
                    continue
                if self.summary and current.taint:
                    continue
                if m.decorator and self.param_names and i == 0 and name in ("self", "cls"):
                    continue
                if m.decorator and (
                    scalar
                    or injected
                    or self._converted_to_number(name)
                    or self._typed_option(name)
                ):
                    continue
                # What the routes handing this view over let through (any module's).
                routed = self._routed(name) if m.after and not self.js else None
                if routed == ALL:
                    continue
                if routed is None and m.after and not self.js and self._converted_to_number(name):
                    # A capture this module's routes convert, its view not known.
                    continue
                pid = self.param_id(raw)
                origin = f"S|{m.label}|{name}|{pid}"
                taint: Taint = {(origin, frozenset()): (pid,)}
                declared = entry[3] if len(entry) > 3 else None
                model = (
                    self._validated_model(declared, taint)
                    if declared is not None and declared != ir.RAW_OBJECT
                    else None
                )
                if model is not None and not current.taint:
                    env[name] = model
                else:
                    env[name] = current.replace(taint=merge_taint(current.taint, taint))
                if isinstance(declared, str) and declared.startswith(ir.PATTERN):
                    classes = self._param_pattern_classes(declared[len(ir.PATTERN) :])
                    if classes:
                        env[name] = sanitize_val(env[name], classes)
                if routed:
                    env[name] = sanitize_val(env[name], routed)
                if declared == ir.PATH_TEXT:
                    # A path segment: no operator object (`{"$ne": null}`) fits in one.
                    env[name] = sanitize_val(env[name], _NOSQL_CLASSES)
                if m.decorator and not self.js and self._path_segment(name):
                    # Captured from the route's path (`/files/{name}`, `<name>`):
                    # no absolute path (a join keeps its root).
                    env[name] = guards.mark(env[name], guards.NOT_ABSOLUTE)
                if declared == ir.RAW_OBJECT and env[name].qn is None:
                    # `payload: dict[str, Any] = Body(...)`: its values may be objects.
                    env[name] = env[name].replace(qn=_RAW_OBJECT_QN + name)
                if len(entry) > 4 and entry[4] == ir.PIPES and not self.summary:
                    env[name] = self._piped(env[name], entry[5:], env)
                if m.data_object:
                    env[name] = self._bound_form(name, env[name])
                if entry[1] == ir.P_KWARGS and not self.js:
                    typed = self.world.typed_options(self.file)
                    if typed:
                        # A management command's `options["days"]` of
                        # `add_argument("--days", type=int)`: argparse's number.
                        env[name] = Val(fields=dict(typed), elems=Val(env[name].taint))
                if self.js and env[name].qn is None:
                    # A request's object as it came (a NestJS `@Body()`, GraphQL
                    # `args`): its values may be objects (`{"$ne": null}`), as
                    # `req.body.x` is; a name says so to `raw_taint`.
                    env[name] = env[name].replace(qn="?" + name)
                if m.graphql:
                    # `teammate(email: String!)` in the module's schema: a string.
                    declared = self.world.graphql_arguments(self.file)
                    if declared:
                        env[name] = self._with_checked_fields(env[name], declared)
                    if self.js and not self.summary and i + 1 < len(self.fn.params):
                        # The resolver's context, after its arguments.
                        made = self._graphql_context(env)
                        if made is not None:
                            self.params.extend([EMPTY] * (i + 2 - len(self.params)))
                            self._seed_param(i + 1, made, env)
                if m.function and not self.js and self._declared_scalar_argument(name):
                    # `first=graphene.Int()` on the field it resolves: Graphene
                    # hands it a number, or refuses the query.
                    env[name] = sanitize_val(env[name], ALL)
                if not name.isidentifier():
                    # A destructured parameter (`(_, { host }) => ...`): its pattern
                    # is assigned from the value (`[PARAM, i]`).
                    self.params.extend([EMPTY] * (i + 1 - len(self.params)))
                    self.params[i] = env[name]
                break

    def _python_broker_call(
        self, qn: str, name: str, argv: list[Val], kwv: dict[str, Val], env: Env, call_id: str
    ) -> Val | None:
        """A broker's publishing and consuming calls in Python (`_BROKER_MESSAGE`): a
        route's `producer.send_and_wait(topic, value)`, Redis `publish(channel, m)`,
        pika `basic_publish(body=...)` keep what they publish; the same module's
        consumer gets it (`AIOKafkaConsumer(...)` iterated, `pubsub.listen()`, a
        `basic_consume` callback). None: not one of those."""
        published: Val | None = None
        if name == "send_and_wait" or (name == "send" and qn.startswith(("aiokafka.", "kafka."))):
            published = kwv.get("value") or (argv[1] if len(argv) > 1 else None)
        elif name == "publish" and qn.startswith("redis.") and len(argv) > 1:
            published = argv[1]
        elif name == "basic_publish":
            published = kwv.get("body") or (argv[2] if len(argv) > 2 else None)
        if published is not None:
            if not self.summary:
                self._write_state(_BROKER_MESSAGE, published, self.state_writes)
            return None
        kept = self.stored_state.get(_BROKER_MESSAGE) if not self.summary else None
        if kept is None:
            return None
        if qn in ("aiokafka.AIOKafkaConsumer", "kafka.KafkaConsumer"):
            # `async for record in consumer`: records whose `value` is the message.
            return Val(qn=f"{qn}()", elems=Val(fields={"value": kept}))
        if name == "listen":
            return Val(elems=Val(fields={"data": kept}))
        if name == "get_message":
            return Val(fields={"data": kept})
        handler = kwv.get("on_message_callback") or (argv[1] if len(argv) > 1 else None)
        if name == "basic_consume" and handler is not None and handler.fn is not None:
            handed = [EMPTY, EMPTY, EMPTY, kept]
            if handler.fn[0] == _METHOD and self.depth < MAX_CALL_DEPTH:
                method, obj = handler.fn[1], handler.fn[2]
                self.apply(method, [ir.NAME, "?"], [], obj, handed, {}, env, call_id, None)
            elif handler.fn[0] in ("lambda", "def", "ref"):
                self._run_callback(handler, handed, env)
        return None

    def _graphql_context(self, env: Env) -> Val | None:
        """What the module's GraphQL server hands its resolvers as their context:
        what the `context` function of its options returns for a request
        (`startStandaloneServer(server, { context: async ({ req }) => ({ base:
        req.headers["x-base"] }) })`); None when the module has none."""
        makers = self.world.graphql_contexts(self.ff)
        if not makers or self.depth >= MAX_CALL_DEPTH:
            return None
        made, handed = makers[0]
        maker = self.expr(made, env, 0)
        if maker.fn is None:
            return maker if maker.fields else None  # (a context object)
        got = self._run_callback(maker, [_handed_request(handed)], env)
        return got if got is not None and not got.empty else None

    def _graphql_context_request(self, env: Env) -> None:
        """A GraphQL server's `context` function is handed the request."""
        if not self.js or self.summary or not self.fn.params:
            return
        for made, handed in self.world.graphql_contexts(self.ff):
            if _made_body(made) == self.fn.path:
                self.params.extend([EMPTY] * (1 - len(self.params)))
                self._seed_param(0, _handed_request(handed), env)
                return

    def _post_init(self, cls_id: str, record: Val, env: Env, call_id: str) -> Val:
        """A dataclass's new object after its `__post_init__` ran on it: what that
        stores into `self` (a field normalised, checked or replaced) is what the
        object holds."""
        post = self._method_of(cls_id, "__post_init__")
        if post is None or self.depth >= MAX_CALL_DEPTH:
            return record
        env[_POST_INIT] = record
        self.apply(
            post,
            [ir.ATTR, [ir.NAME, _POST_INIT], "__post_init__"],
            [],
            record,
            [],
            {},
            env,
            call_id,
            None,
        )
        return env.pop(_POST_INIT, record)

    def _dependency(self, fn_name: str, env: Env, param: str) -> Val | None:
        """What a FastAPI dependency (`term: str = Depends(search_term)`) returns for
        this request: its parameters are the request's data (but for those declared
        numbers or handed in), as a route's are."""
        if self.depth >= MAX_CALL_DEPTH:
            return None
        ref = _ref(self.lookup(fn_name, env))
        if ref is not None and parse_id(ref).kind == NodeType.CLASS:
            # `target: Webhook = Depends()`: an object of the class, made from the
            # request's data its constructor declares.
            ctor = self._constructor_of(ref)
            made = self.world.body(ctor) if ctor is not None else None
            pydantic = ctor is None and self._pydantic_model(ref)
            if ctor is None and not self.js and (pydantic or self._record_class(ref)):
                # A dataclass or a Pydantic model (`query: ExportQuery = Depends()`):
                # FastAPI validates its fields from the request's query.
                pid = scoped_id(self.file, NodeType.PARAMETER, self.fn.path, param)
                origin = f"S|{_FASTAPI_PARAM_LABEL}|{param}|{pid}"
                model = self._validated_model(fn_name, {(origin, frozenset()): (pid,)}, self.file)
                if model is None or pydantic:
                    return model
                return self._post_init(ref, model, env, "")
            if ctor is None or made is None:
                return None
            self.deps.add(ctor)
            argv = self._dependency_values(*made)[1:]
            return self.apply(ref, [ir.NAME, fn_name], [], None, argv, {}, env, "", None)
        found = self.world.body(ref) if ref is not None else None
        if found is None or ref is None:
            return None
        ff, fn = found
        self.deps.add(ref)
        child = Interp(
            self.world,
            ff,
            fn,
            self._dependency_values(ff, fn),
            depth=self.depth + 1,
            summary=False,
            parent=self,
        )
        child.run()
        got = child.ret or EMPTY
        # (Another module's dependency: the finding's path passes this route.)
        return hop_val(got, self.site_node) if ff.file != self.file else got

    def _dependency_values(self, ff: FileFlows, fn: ir.FlowFunction) -> list[Val]:
        """What FastAPI hands a dependency (`_dependency_args`), each parameter
        declared as a class it validates being that class's value (an Enum's
        member, a Pydantic model's typed fields)."""
        args = _dependency_args(ff, fn)
        for i, p in enumerate(fn.params):
            declared = p[3] if len(p) > 3 else None
            if (
                i < len(args)
                and args[i].taint
                and isinstance(declared, str)
                and declared != ir.RAW_OBJECT
            ):
                model = self._validated_model(declared, args[i].taint, ff.file)
                if model is not None:
                    args[i] = model
        return args

    def _validated_model(
        self, annotation: str, taint: Taint, file: str | None = None
    ) -> Val | None:
        """A route parameter declared as a workspace class that the framework
        validates (a Pydantic model; a NestJS DTO with class-validator decorators):
        its fields declared numbers, booleans, dates, UUIDs or `Literal`s (TypeScript:
        validated as such, `@IsInt()`) hold such values; every other field holds the
        request's data."""
        cls_id = self._class_named(annotation, file)
        if cls_id is None:
            return None
        return self._validated_class(cls_id, taint)

    def _validated_class(self, cls_id: str, taint: Taint) -> Val | None:
        """`_validated_model` of the workspace class `cls_id`."""
        self._note_class(cls_id)
        if not self.js and self.world.based_on(file_of_id(cls_id), cls_id, _ENUM_BASES):
            # `service: Service` of a `str` Enum: the framework answers 422 to
            # anything but a member's value; the parameter is the member.
            return Val(cls=cls_id)
        fields: dict[Any, Val] = {}
        checked = False
        for c in self._class_chain(cls_id):
            validators = self._field_validators(c) if not self.js else {}
            for field_name, n in self._class_fields(c):
                if field_name in fields:
                    continue  # a subclass's declaration wins over its base's
                # A field's declared type may change without its class's signature.
                self.deps.add(n.id)
                text = url = False
                if self.js:
                    # TypeScript types are not checked at run time; validators are.
                    raw = n.attrs.get("decorators")
                    decorators = (
                        [d for d in raw if isinstance(d, str)] if isinstance(raw, list) else []
                    )
                    typed = any(_SCALAR_VALIDATORS.match(d) for d in decorators)
                    # `@IsString()`, `@IsEmail()`: text, never an object (`{"$ne": 1}`).
                    text = any(_TEXT_VALIDATORS.match(d) for d in decorators)
                else:
                    declared = str_attr(n.attrs, "declared_type") or ""
                    declared = self._type_alias(file_of_id(c), declared) or declared
                    typed = declared in ir.SCALAR_ANNOTATIONS or declared == "Literal"
                    url = _is_pydantic_url(declared)
                    if not typed and declared in _SEQUENCE_TYPES:
                        # `columns: list[Column]` of a `Literal` alias: each one of its
                        # constants (the framework answers 422 to anything else).
                        annotation = str_attr(n.attrs, "annotation") or ""
                        typed = self._scalar_elements(annotation, file_of_id(c))
                    member = self._enum_named(declared, file_of_id(c)) if not typed else None
                    if member is not None:
                        # `metric: Metric` of a `str` Enum: one of its members.
                        fields[field_name] = Val(cls=member)
                        checked = True
                        continue
                nested = (
                    self._nested_model(c, n, decorators if self.js else None, taint)
                    if not typed and not text
                    else None
                )
                if nested is None and not typed and not self.js and declared in _SEQUENCE_TYPES:
                    # `metrics: list[DerivedMetric]`: each element that model's object.
                    nested = self._nested_model_elements(c, n, taint)
                if nested is not None:
                    # `@ValidateNested() @Type(() => SortDto) sort`, `period: Period`:
                    # an object of that model, validated as one.
                    fields[field_name] = nested
                    checked = True
                    continue
                fields[field_name] = (
                    EMPTY
                    if typed
                    else Val(taint, qn=_VALIDATED_TEXT)
                    if text
                    else Val(taint, qn=_PYDANTIC_URL)
                    if url
                    else Val(taint)
                )
                classes = (
                    None
                    if typed
                    else _matches_decorator_classes(decorators)
                    if self.js
                    else self._declared_pattern_classes(n)
                )
                if classes:
                    # `slug: str = Field(pattern=r"^[a-z-]+$")`: what the pattern lets through.
                    fields[field_name] = sanitize_val(fields[field_name], classes)
                    text = True
                if not typed and not self.js:
                    # `tenant: Annotated[str, AfterValidator(check_tenant)]` (or an
                    # alias of it): the field holds what the function returns.
                    for func_id in self._annotated_validators(file_of_id(c), n):
                        got = self.apply(
                            func_id,
                            [ir.NAME, "_"],
                            [],
                            None,
                            [fields[field_name]],
                            {},
                            {},
                            "",
                            None,
                        )
                        if got is not None:
                            fields[field_name] = got
                            checked = True
                    # A Pydantic `@field_validator("host")`: the field holds what it returns.
                    for hook in validators.get(field_name, ()):
                        got = self._validated_by(
                            hook, Val(fn=("ref", cls_id), cls=cls_id), fields[field_name]
                        )
                        if got is not None:
                            fields[field_name] = got
                            checked = True
                checked = checked or typed or text
        if not self.js and fields:
            # A Pydantic `@model_validator(mode="after")` that raises unless the made
            # object passes (`if self.url.host not in ALLOWED: raise ValueError`): the
            # object holds what the validator proved of it where it returns.
            made = Val(fields=fields, elems=Val(taint), cls=cls_id)
            for hook in self._model_validators(cls_id):
                if self.depth >= MAX_CALL_DEPTH:
                    break
                name = parse_id(hook).path.rsplit(".", 1)[-1]
                # (What it proves of `self` comes back as its effect on the object.)
                scratch: Env = {"_": made}
                self.apply(
                    hook, [ir.ATTR, [ir.NAME, "_"], name], [], made, [], {}, scratch, "", None
                )
                got = scratch["_"]
                if got.fields:
                    fields = {k: got.fields.get(k, v) for k, v in fields.items()}
                    made = made.replace(fields=fields)
                    checked = True
        if checked:
            # (Its methods read those fields: `query.to_sql()`.)
            return Val(fields=fields, elems=Val(taint), cls=cls_id)
        if not fields:
            return None  # no field known: the whole object is the request's data
        # Nothing validated: every field holds the request's data, field by
        # field, so that a check made of one (`urlparse(body.url).netloc in
        # ALLOWED`) holds for it alone; an instance of its class (its
        # properties and methods read those fields).
        return Val(fields=fields, elems=Val(taint), cls=cls_id)

    def _nested_model(
        self, owner: str, n: SummaryNode, decorators: list[str] | None, taint: Taint
    ) -> Val | None:
        """A field of a validated model that is a validated model itself: in
        TypeScript `@ValidateNested()` with `@Type(() => Dto)` (class-transformer
        makes the `Dto`, class-validator checks it); in Python a field declared a
        Pydantic model of the workspace (`period: Period`). At most
        `_MAX_NESTED_MODELS` deep (a model may hold itself)."""
        if self._nesting >= _MAX_NESTED_MODELS:
            return None
        if decorators is not None:
            if not any(d.startswith("ValidateNested(") for d in decorators):
                return None
            named = next(
                (m.group(1) for d in decorators if (m := _TRANSFORMED_TYPE.match(d))), None
            )
        else:
            named = str_attr(n.attrs, "declared_type") or None
        if not named:
            return None
        cls_id = self._class_named(named, file_of_id(owner))
        if cls_id is None or (not self.js and not self._pydantic_model(cls_id)):
            return None
        self._nesting += 1
        try:
            return self._validated_class(cls_id, taint)
        finally:
            self._nesting -= 1

    def _nested_model_elements(self, owner: str, n: SummaryNode, taint: Taint) -> Val | None:
        """A Pydantic model's field declared a sequence of a Pydantic model of the
        workspace (`metrics: list[DerivedMetric]`): its elements, each validated
        as that model (`_nested_model`)."""
        annotation = (str_attr(n.attrs, "annotation") or "").strip()
        generic = _SEQUENCE_ANNOTATION.fullmatch(annotation)
        elements = split_top(generic.group(1), ",") if generic is not None else []
        if (
            len(elements) != 1
            or not elements[0].isidentifier()
            or self._nesting >= _MAX_NESTED_MODELS
        ):
            return None
        cls_id = self._class_named(elements[0], file_of_id(owner))
        if cls_id is None or not self._pydantic_model(cls_id):
            return None
        self._nesting += 1
        try:
            made = self._validated_class(cls_id, taint)
        finally:
            self._nesting -= 1
        return Val(elems=made) if made is not None else None

    def _enum_named(self, declared: str, file: str) -> str | None:
        """The workspace Enum class a declared type names, if it is one."""
        if not declared or not declared.replace(".", "").isidentifier():
            return None
        cls_id = self._class_named(declared, file)
        if cls_id is None or not self.world.based_on(file_of_id(cls_id), cls_id, _ENUM_BASES):
            return None
        self._note_class(cls_id)
        return cls_id

    def _declared_scalar_argument(self, param: str) -> bool:
        """Whether the field a Graphene resolver resolves (`resolve_recent_orders` of
        `Query`: `Query.recent_orders`) declares its argument `param` a number,
        boolean or date (`graphene.List(Order, first=graphene.Int())`:
        languages/python.py's `argument_types`)."""
        owner, _, method = self.fn.path.rpartition(".")
        if self.fn.kind != "METHOD" or not owner or not method.startswith("resolve_"):
            return False
        field = definition_id(self.file, NodeType.VARIABLE, f"{owner}.{method[len('resolve_') :]}")
        node = self.world.file_summary(self.file).get(field)
        for entry in (str_list_attr(node.attrs, "argument_types") or []) if node else []:
            name, _, declared = entry.partition(":")
            if name == param and declared.rpartition(".")[2] in _GRAPHQL_SCALARS:
                return True
        return False

    def _declared_checks(self, n: SummaryNode, v: Val) -> Val:
        """What a declared field (an attrs class's, a marshmallow schema's) holds
        once made from `v`: its converter (`attrs.field(converter=int)`) or
        validators (`validators.in_(...)`, `instance_of(int)`, a pattern:
        `matches_re(...)`, `validate.Regexp(...)`) ran on it, or nothing was made."""
        if not deep_taint(v):
            return v
        checks = str_list_attr(n.attrs, "checks") or []
        for check in checks:
            kind, _, name = check.partition(":")
            if (
                (kind == "converter" and name in _SCALAR_CONVERTERS)
                or kind == "in"
                or (kind == "instance_of" and name in _SCALAR_CONVERTERS)
            ):
                return Val(consts=v.consts)
        if all(c.startswith("instance_of:") for c in checks) and "instance_of:str" in checks:
            v = sanitize_val(v, _NOSQL_CLASSES)
        classes = self._declared_pattern_classes(n)
        return sanitize_val(v, classes) if classes else v

    def _scalar_elements(self, annotation: str, file: str) -> bool:
        """Whether a sequence annotation (`list[Column]`, `Optional[set[int]]`,
        `tuple[int, ...]`) holds only numbers, booleans or listed constants."""
        t = annotation.strip()
        if t.endswith("| None"):
            t = t[: -len("| None")].strip()
        optional = re.fullmatch(r"(?:typing\.)?Optional\[(.*)\]", t, re.S)
        if optional is not None:
            t = optional.group(1).strip()
        generic = _SEQUENCE_ANNOTATION.fullmatch(t)
        if generic is None:
            return False
        elements = [a for a in split_top(generic.group(1), ",") if a != "..."]
        if not elements:
            return False
        for one in elements:
            if re.match(r"(?:typing\.|typing_extensions\.)?Literal\[", one):
                continue
            if not one.isidentifier():
                return False
            named = self._type_alias(file, one) or one
            if named not in ir.SCALAR_ANNOTATIONS and named != "Literal":
                return False
        return True

    def _annotated_validators(self, file: str, n: SummaryNode) -> list[str]:
        """The functions of `file` a field's `Annotated[...]` type runs on its value
        after Pydantic's own checks (`AfterValidator(check)`, `BeforeValidator`,
        `PlainValidator`: the front end's `annotated_validators`), written in its
        annotation or in the module-level alias it names (`TenantId =
        Annotated[str, AfterValidator(check_tenant)]`)."""
        names = n.attrs.get("annotated_validators")
        annotation = str_attr(n.attrs, "annotation") or ""
        if not names and annotation.isidentifier():
            alias = self.world.file_summary(file).top.get(annotation)
            if alias is not None and alias.type == NodeType.VARIABLE:
                self.deps.add(alias.id)
                names = alias.attrs.get("annotated_validators")
        out = []
        for name in names if isinstance(names, list) else ():
            func_id = str(definition_id(file, NodeType.FUNCTION, str(name)))
            if self.world.body(func_id) is not None:
                out.append(func_id)
        return out

    def _type_alias(self, file: str, name: str) -> str | None:
        """What a module-level type alias of `file` names (`Region =
        Literal["emea", "apac"]`: `Literal`), when it is one."""
        if not name.isidentifier():
            return None
        value = self._top_level_definition(file, name)
        if isinstance(value, list) and value[0] == ir.SUB:
            value = value[1]
        if isinstance(value, list) and value[0] == ir.NAME:
            return str(value[1])
        return None

    def _declared_pattern_classes(self, n: SummaryNode) -> frozenset[str] | None:
        """The classes a class-level field's declared pattern (`pattern`, or the
        module constant `pattern_name` names) makes its value safe for:
        validators search it, so it must anchor itself."""
        pattern: Any = str_attr(n.attrs, "pattern")
        name = str_attr(n.attrs, "pattern_name")
        if not pattern and name:
            self.deps.add(n.id)
            pattern = single_const(self.world.module_values(file_of_id(n.id)).get(name, EMPTY))
        if not isinstance(pattern, str) or not pattern:
            return None
        return guards.regex_classes(pattern, False, True)

    def _param_pattern_classes(self, pattern: str) -> frozenset[str] | None:
        """The classes a parameter's declared pattern (`Query(pattern=...)`, or the
        module constant it names after NUL) makes its value safe for: the
        framework searches it, so it must anchor itself."""
        if pattern.startswith("\x00"):
            found = single_const(self.world.module_values(self.file).get(pattern[1:], EMPTY))
            pattern = found if isinstance(found, str) else ""
        return guards.regex_classes(pattern, False, True) if pattern else None

    def _splat_key(self, data: Val, key: str) -> Val:
        """What `f(**data)` hands the keyword `key`: `data[key]`, read as a subscript
        reads it (a request's JSON object's value by name is still as it came)."""
        if data.qn is not None and key not in (data.fields or {}):
            return self.attribute(data, key)
        return get_key(data, key)

    def _pydantic_model(self, cls_id: str) -> bool:
        """Whether a workspace class is a Pydantic model (through its workspace bases)."""
        return not self.js and any(
            self.world.based_on(file_of_id(c), c, _PYDANTIC_BASES)
            for c in self._class_chain(cls_id)
        )

    def _dumps_declared_fields(self, cls_id: str) -> bool:
        """Whether a Pydantic model of `cls_id` dumps its declared fields only: no
        class of it says anything but `extra="ignore"` (Pydantic's default) or
        `"forbid"` in a way read here (`model_config = ConfigDict(extra=...)` with
        a literal; v1 `class Config: extra = "forbid"` or `Extra.forbid`). A
        configuration written otherwise (`ConfigDict(extra=MODE)`, a dict) may
        allow them: no."""
        if not self._pydantic_model(cls_id):
            return False
        for c in self._class_chain(cls_id):
            file, path = file_of_id(c), parse_id(c).path
            by_id = self.world.file_summary(file).by_id
            config = by_id.get(definition_id(file, NodeType.VARIABLE, f"{path}.model_config"))
            if config is not None:
                self.deps.add(config.id)
                given = config.attrs.get("assigned_consts")
                made_by = str_attr(config.attrs, "assigned_call") or ""
                extra = given.get("extra") if isinstance(given, dict) else None
                if not made_by.endswith("ConfigDict") or extra not in ("ignore", "forbid"):
                    return False
            old = by_id.get(definition_id(file, NodeType.VARIABLE, f"{path}.Config.extra"))
            if old is not None:
                self.deps.add(old.id)
                said = old.attrs.get("assigned_literal", old.attrs.get("assigned_name"))
                if not isinstance(said, str) or said.rpartition(".")[2] not in ("ignore", "forbid"):
                    return False
        return True

    def _pydantic_made(self, cls_id: str, given: dict[str, Val], rest: Val | None) -> Val:
        """A Pydantic model made from data (`Query(**request.args)`, `Query(region=r)`,
        `Query.model_validate(data)`): Pydantic validates each field as it is
        declared (`_validated_model`: a number, a `Literal`, a pattern, a
        `field_validator`), from the value given for it or found at its key of
        `rest`; a field given no data holds what it was given."""
        fields: dict[Any, Val] = {}
        for c in self._class_chain(cls_id):
            for name, _ in self._class_fields(c):
                if name in fields:
                    continue
                value = given.get(name)
                if value is None:
                    value = self._splat_key(rest, name) if rest is not None else EMPTY
                data = deep_taint(value)
                if not data:
                    fields[name] = value
                    continue
                validated = self._validated_class(cls_id, data)
                got = (validated.fields or {}).get(name) if validated is not None else None
                fields[name] = got if got is not None else value
        return Val(fields=fields or None, cls=cls_id)

    def _class_named(self, name: str, file: str | None = None) -> str | None:
        """The workspace class a module-level name of this file (or of `file`) is
        (defined there or imported from a workspace module)."""
        file = file or self.file
        fs = self.world.file_summary(file)
        node = fs.top.get(name)
        if node is not None:
            return node.id if node.type == NodeType.CLASS else None
        imp = fs.by_id.get(scoped_id(file, NodeType.IMPORT, MODULE_SCOPE, name))
        if imp is None:
            return None
        dst = self.world.imported_from(imp.id)
        return dst if dst is not None and parse_id(dst).kind == NodeType.CLASS else None

    def _calls_any(self, patterns: str) -> bool:
        """Whether this body calls something whose qualified name matches `patterns`
        (its calls' text, resolved through the file's imports: no interpretation),
        asked once per body and patterns whatever the number of parameters."""
        got = self._calls_memo.get(patterns)
        if got is None:
            got = self._calls_memo[patterns] = self._calls_matching(patterns)
        return got

    def _calls_matching(self, patterns: str) -> bool:
        alts = patterns.split("|")
        for local in self.fn.calls:
            text = _call_text(local)
            head, _, rest = text.partition(".")
            if not head.isidentifier():
                continue
            qn = self.lookup(head, {}).qn
            if qn is None:
                continue
            full = f"{qn}.{rest}" if rest else qn
            if any(pattern_matches(p, full) for p in alts):
                return True
        return False

    def _method_of_class_based_on(self, patterns: str) -> bool:
        """Whether this body is a method of a class with a base matching `patterns`
        (through the workspace's classes it extends too)."""
        if self.fn.kind != "METHOD":
            return False
        if self.world.in_class_based_on(self.file, self.fn.path, patterns, self.deps):
            return True
        me = self.this_val if self.js else (self.params[0] if self.params else None)
        if me is None or me.cls is None or file_of_id(me.cls) != self.file:
            return False
        # A mixin's method run for a subclass of the file (`_overriding_subclasses`):
        # that class's bases decide (`ProductSearchView(SearchContextMixin,
        # TemplateView)`).
        sub_path = parse_id(me.cls).path
        return self.world.in_class_based_on(
            self.file, f"{sub_path}.{self.fn.path.rpartition('.')[2]}", patterns, self.deps
        )

    def _bound_form(self, name: str, data: Val) -> Val:
        """A form or serializer a view's hook is handed (`form_valid(self, form)`):
        the request's data in its data attributes (`cleaned_data`, typed by the
        class its view's `form_class` names; `data`), not in what its methods
        return (`form.get_user()` is the database's)."""
        made = self._declared_class_of(name)
        cleaned: Val | None = None
        if made is not None:
            typed = self._typed_form(made, Val(cls=made, elems=data))
            cleaned = (typed.fields or {}).get("cleaned_data")
        if cleaned is None:
            cleaned = Val(elems=data)
        return Val(
            cls=made,
            fields={
                "cleaned_data": cleaned,
                "validated_data": cleaned,
                "data": data,
                "initial_data": data,
            },
        )

    def _field_validators(self, cls_id: str) -> dict[str, list[str]]:
        """A Pydantic model's methods validating its fields, by field name
        (`@field_validator("host", "port")`, v1's `@validator("host")`)."""
        out: dict[str, list[str]] = {}
        for method_id, d in self._method_decorators(cls_id):
            if d.startswith(_FIELD_VALIDATORS):
                for field_name in _QUOTED.findall(d[: d.find(")") + 1]):
                    out.setdefault(field_name, []).append(method_id)
        return out

    def _render_properties(self, values: list[Val], env: Env, call_id: str) -> None:
        """Run the properties of the workspace objects a template is handed (in a
        context dict, or as keywords), on those objects."""
        objects = [
            v
            for a in values
            for v in (a, *((a.fields or {}).values()))
            if v.cls is not None and v.fields and v.fn is None and deep_taint(v)
        ]
        for obj in objects[:_MAX_RENDERED_OBJECTS]:
            assert obj.cls is not None
            # (Its methods decide what runs: a change of the class runs this again.)
            self._note_class(obj.cls)
            for method_id, d in self._method_decorators(obj.cls):
                if d.rsplit(".", 1)[-1] not in _PROPERTY_DECORATORS:
                    continue
                name = parse_id(method_id).path.rsplit(".", 1)[-1]
                self.apply(
                    method_id, [ir.ATTR, [ir.NAME, "_"], name], [], obj, [], {}, env, call_id, None
                )

    def _method_decorators(self, cls_id: str) -> list[tuple[str, str]]:
        """(method id, decorator as written) of each decorator of a class's own methods."""
        file = file_of_id(cls_id)
        prefix = f"{file}->METHOD->{parse_id(cls_id).path}."
        out = []
        for n in self.world.file_summary(file).nodes:
            if n.type != NodeType.METHOD or not n.id.startswith(prefix):
                continue
            decorators = n.attrs.get("decorators")
            for d in decorators if isinstance(decorators, list) else ():
                if isinstance(d, str):
                    out.append((n.id, d))
        return out

    def _model_validators(self, cls_id: str) -> list[str]:
        """A Pydantic model's `@model_validator(mode="after")` methods (which get the
        made object as `self`), in id order."""
        return sorted(
            method_id
            for method_id, d in self._method_decorators(cls_id)
            if _AFTER_MODEL_VALIDATOR.match(d.replace(" ", ""))
        )

    def _validated_by(self, hook: str, recv: Val, value: Val) -> Val | None:
        """What a validator method (`validate_<field>(self, value)`, a Pydantic field
        validator) returns for `value`: a check that raises, a conversion."""
        if self.depth >= MAX_CALL_DEPTH:
            return None
        name = parse_id(hook).path.rsplit(".", 1)[-1]
        return self.apply(
            hook, [ir.ATTR, [ir.NAME, "_"], name], [], recv, [value], {}, {}, "", None
        )

    def _declared_class_of(self, name: str) -> str | None:
        """The workspace class this method's class names for `name` in a class
        attribute `<name>_class` (`form_class = ContactForm`), if any."""
        owner = definition_id(self.file, NodeType.CLASS, self.fn.path.rsplit(".", 1)[0])
        for field_name, n in self._class_fields(owner):
            if field_name == f"{name}_class":
                self.deps.add(n.id)
                named = str_attr(n.attrs, "assigned_name")
                return self._class_named(named) if named else None
        return None

    def _typed_option(self, name: str) -> bool:
        """A click option or argument declared a number, a flag or a choice
        (`type=click.Choice([...])`, `type=int`, `is_flag=True`): click converts
        the command line's text or refuses it."""
        for deco in self.world.decorators(self.file, self.func_id):
            if (
                deco.startswith(("click.option(", "click.argument("))
                and _CLICK_TYPED.search(deco) is not None
                and name in _click_param_names(deco)
            ):
                return True
        return False

    def _routed(self, name: str) -> frozenset[str] | None:
        """The classes a view's URL capture `name` is safe for by what every route
        handing the view over lets through (`<int:pk>`: all of them), recording
        the routes' modules as read; None when no route is known."""
        if self.fn.kind == "METHOD" and not self.js:
            return self._tornado_routed(name)
        if self.fn.kind != "FUNCTION":
            return None
        captures = self.world.route_captures(self.func_id)
        if captures is None:
            return None
        self.deps.update(captures.tables)
        return captures.classes.get(name, frozenset())

    def _tornado_routed(self, name: str) -> frozenset[str] | None:
        """A Tornado handler method's URL capture (`get(self, log_name)`): the
        classes every URL spec of this file naming its class lets through by
        the group at its place (`(r"/logs/([a-z0-9_-]+\\.log)", LogHandler)`);
        None when no spec is known, or one is not a constant."""
        names = [p[0] for p in self.fn.params[1:]]
        if name not in names:
            return None
        at = names.index(name)
        patterns = _url_spec_patterns(self.ff, self.fn.path.rsplit(".", 1)[0])
        if not patterns:
            return None
        classes: frozenset[str] | None = None
        for pattern in patterns:
            groups = guards.capture_groups(pattern)
            # (Tornado hands named groups as keywords: the places are not known.)
            if groups is None or at >= len(groups) or any(named for _, named in groups):
                return None
            lets = guards.regex_classes(groups[at][0], True, False) or frozenset()
            classes = lets if classes is None else classes & lets
        return classes

    def _converted_to_number(self, name: str) -> bool:
        """A route parameter its URL rule converts (`<int:id>`, `<float:x>`, `<uuid:u>`;
        Sanic writes `<id:int>`, and has `<name:slug>`): a number, a UUID or a
        word whatever the request says, so no source."""
        marks = tuple(f"<{conv}:{name}>" for conv in _NUMBER_CONVERTERS) + tuple(
            f"<{name}:{conv}>" for conv in (*_NUMBER_CONVERTERS, *_SANIC_WORD_TYPES)
        )
        return name in self.world.url_converted(self.file) or any(
            mark in deco
            for deco in self.world.decorators(self.file, self.func_id)
            for mark in marks
        )

    def _owner_id(self) -> str:
        path = _owner_path(self.fn.path)
        if not path:
            return f"{self.file}->MODULE"
        owner = self.ff.bodies.get(path)
        kind = (
            NodeType(owner.kind)
            if owner is not None and owner.kind in ("FUNCTION", "METHOD")
            else NodeType.FUNCTION
        )
        return definition_id(self.file, kind, path)

    def param_id(self, raw: str) -> str:
        if self.fn.kind == "LAMBDA":
            return ""
        return scoped_id(self.file, NodeType.PARAMETER, self.fn.path, raw)

    def var_id(self, name: str) -> str | None:
        if name not in self.bound:
            return None
        if self.fn.kind == "MODULE":
            return definition_id(self.file, NodeType.VARIABLE, name)
        return definition_id(self.file, NodeType.VARIABLE, f"{self.fn.path}.{name}")

    def call_id(self, i: int) -> str:
        calls = self.calls
        return f"{self.file}->CALL->{calls[i]}" if 0 <= i < len(calls) else ""

    def step(self) -> None:
        self.steps += 1
        if self.steps > STEP_BUDGET:
            raise _Stop
        world = self.world
        world.ticks += 1
        if world.ticks > world.deadline:
            raise EntryStopped
        if world.interrupt is not None and not world.ticks % _INTERRUPT_STEPS:
            # One body of a big module can take a hundred milliseconds: a
            # cancelled cycle stops inside it.
            world.interrupt()

    # -- statements -----------------------------------------------------------------------

    def block(self, stmts: list[Any], env: Env | None, depth: int) -> Env | None:
        if depth > MAX_NEST:
            return env
        for s in stmts:
            if env is None:
                return None
            env = self.stmt(s, env, depth)
        return env

    def stmt(self, s: list[Any], env: Env, depth: int) -> Env | None:
        self.step()
        op = s[0]
        if op == ir.ASSIGN:
            val = self.expr(s[2], env, 0)
            self.assign(s[1], val, env, s[3] if len(s) > 3 else -1)
            self._store_test(s[1], s[2], env)
            self._note_copy(s[1], s[2], env)
            if (
                not self.js
                and isinstance(s[2], list)
                and s[2][:1] == [ir.FUNC]
                and self.world.decorated(
                    self.file,
                    definition_id(self.file, NodeType.FUNCTION, s[2][1]),
                    "after_this_request|flask.after_this_request|quart.after_this_request",
                )
            ):
                # `@after_this_request def hook(response)`: Flask runs it on this
                # view's response, with the names around it as the view left them.
                self.inline(val, None, [Val(qn="flask.Response()")], {}, env, "")
            return env
        if op == ir.EXPR:
            self.expr(s[1], env, 0)
            e = s[1]
            if isinstance(e, list) and e and e[0] == ir.CALL and self._stops(e[2], env):
                return None
            return env
        if op == ir.IF:
            self._nested += 1
            try:
                return self.branch(s[1], s[2], s[3], env, depth)
            finally:
                self._nested -= 1
        if op == ir.RETURN or op == ir.YIELD:
            val = self.expr(s[1], env, 0) if s[1] is not None else EMPTY
            if op == ir.YIELD:
                self.yields.append(val)
                self.yields_ordered = self.yields_ordered and not self._nested
            if val.fn is not None and op == ir.RETURN:
                # A factory's nested function (also one run in place, an IIFE's).
                val = self._with_captured(val, env)
            elif self.js and op == ir.RETURN and val.fields and _made_function_fields(val):
                # A factory's object of functions (`return { deliver(url) {
                # http.post(url) } }`): each with what it captured (`http`).
                val = val.replace(
                    fields={
                        k: self._with_captured(f, env) if _made_function(f) else f
                        for k, f in val.fields.items()
                    }
                )
            plain = env.get(_PLAIN_RESPONSE)
            self.returned(
                val, s[2], plain is not None and consts.truth(plain.consts, self.js) is True
            )
            if op == ir.RETURN and (self.summary or self.parent is not None or self.keeps_returns):
                # A nested function run in place also hands its writes to the names
                # around it back from a `return` (`(c) => chunks.push(c)`).
                self.return_env = join_env(self.return_env, dict(env))
            if op == ir.RETURN and self.summary and len(self.return_checks) < MAX_RETURN_CHECKS:
                self.return_checks.append((s[1], val, dict(env)))
            return None if op == ir.RETURN else env
        if op == ir.AUG:
            if s[1] in _LOGICAL_ASSIGNMENTS and s[2][0] in (ir.NAME, ir.ATTR, ir.SUB):
                # `browser ??= puppeteer.launch()`: `browser ?? puppeteer.launch()`, the
                # value of one side or the other (a library's object stays one).
                self.assign(s[2], self.expr([ir.BIN, s[1], s[2], s[3]], env, 0), env, -1)
                return env
            current = self.expr(s[2], env, 0) if s[2][0] in (ir.NAME, ir.ATTR, ir.SUB) else EMPTY
            val = self.binop(s[1], current, self.expr(s[3], env, 0))
            self.assign(s[2], val, env, -1)
            return env
        if op == ir.LOOP or op == ir.TRY:
            self._nested += 1
            try:
                return self.loop(s, env, depth) if op == ir.LOOP else self.try_(s, env, depth)
            finally:
                self._nested -= 1
        if op == ir.STOP:
            if len(s) > 1:
                self.raise_(self.expr(s[1], env, 0))
            return None
        if op == ir.JUMP and self.jumps:
            # The loop goes on from here (`continue`) or after it (`break`):
            # nothing after it in this branch runs.
            self.jumps[-1][0 if s[1] == "continue" else 1].append(dict(env))
            return None
        return env

    def branch(
        self, test: Any, then: list[Any], other: list[Any], env: Env, depth: int
    ) -> Env | None:
        tv = self.expr(test, env, 0)
        truth = consts.truth(tv.consts, self.js)
        if truth is None:
            truth = self._short_circuit_truth(test, env)
        if truth is True:
            return self.block(then, env, depth + 1)
        if truth is False:
            return self.block(other, env, depth + 1)
        then_env, else_env = self.guard(test, dict(env), dict(env))
        a = self.block(then, then_env, depth + 1)
        b = self.block(other, else_env, depth + 1)
        joined = join_env(a, b)
        if a is not None and b is not None and joined is not None:
            self._note_joined_narrowings(env, a, b, joined)
        grown = _grown_list(then) if joined is not None else None
        if grown is not None and joined is not None:
            self._note_problem(test, grown, b, joined)
        return joined

    def _note_problem(self, test: Any, grown: tuple[str, str], other: Env | None, env: Env) -> None:
        """`if cond: problems.append(...)` ran (`env`, after it): where `problems` is
        still empty, `cond` was false (`_problems_empty`)."""
        name, record = grown
        if len(self.problem_conds) >= _MAX_STORED_TESTS and record not in self.problem_conds:
            return
        prefix = f"{_PROBLEMS}{name}."
        if other is not None:
            # `if a: p.append(1) elif b: p.append(2)`: an empty list went the other
            # way, where `b` was false too.
            for key, v in other.items():
                if key.startswith(prefix) and key not in env:
                    env[key] = v
        self.problem_conds[record] = test
        key = prefix + record
        env[key] = EMPTY
        for read in _names_read(test, set(), 0):
            if read != name:
                self.path_keys.setdefault(read, set()).add(key)

    def _problems_empty(self, name: str, env: Env) -> None:
        """In `env`, the list `name` is empty: each condition it grew under was false
        (while the names it read hold what they held)."""
        if not self.problem_conds:
            return
        prefix = f"{_PROBLEMS}{name}."
        records = [k[len(prefix) :] for k in env if k.startswith(prefix)]
        if not records or name in self._problems_read or not self._only_grows(name):
            return
        # (A condition reading the list itself, `if not errors: errors.append(...)`,
        # must not come back here.)
        self._problems_read.add(name)
        try:
            for record in sorted(records):
                test = self.problem_conds.get(record)
                if test is not None:
                    # (As a branch's test: a field checked, `form["name"]`, is named.)
                    self.guard(test, dict(env), env)
        finally:
            self._problems_read.discard(name)

    def _only_grows(self, name: str) -> bool:
        """Whether this body binds `name` at most once and takes nothing out of it
        (no `pop`, `clear`, `splice`, `length = 0`): empty then means it never grew."""
        if _writes_of(self.fn.body, name) > 1:
            return False
        return not _shrinks(self.fn.body, name, 0)

    def _short_circuit_truth(self, test: Any, env: Env) -> bool | None:
        """The truth of `a and FLAG` / `a or FLAG` fixed by one side alone (`name
        == "expression" and EXPRESSION_RULES_ENABLED` with the flag a constant
        False), whatever the other side; the sides read are names and constants
        only, which reading again cannot change."""
        if isinstance(test, list) and test and test[0] == ir.UN and test[1] in ("not", "!"):
            inner = self._short_circuit_truth(test[2], env)
            return None if inner is None else not inner
        if not (isinstance(test, list) and test and test[0] == ir.BIN):
            return None
        o = test[1]
        if o not in _SHORT_CIRCUITS:
            return None
        decisive = o in ("or", "||")
        for side in (test[2], test[3]):
            if isinstance(side, list) and side and side[0] == ir.BIN and side[1] in _SHORT_CIRCUITS:
                t = self._short_circuit_truth(side, env)
            else:
                # (`ALLOW_CUSTOM == "on"` of a module's constant too.)
                quiet = self._quiet_value(side, env)
                t = consts.truth(quiet.consts, self.js) if quiet is not None else None
            if t is decisive:
                return decisive
        return None

    def _note_narrowed(self, before: dict[str, Val], env: Env) -> None:
        """Remember which values of `env` a condition narrowed from those `before` it
        (`_unchanged`)."""
        for name, old in before.items():
            new = env.get(name)
            if new is not None and new is not old:
                self._narrowed[id(new)] = (new, old)

    def _unchanged(self, env: Env, held: dict[str, Val]) -> bool:
        """Whether each name of `held` still holds the value it held then: the same
        value, or one a condition narrowed from it since (a check changes what the
        analysis knows of a text, never the text: `"\\\\" not in u` and then
        `urlparse(u).netloc in HOSTS` is a check of the URL `u` still holds)."""
        return all(self._narrowing_of(env.get(name), then) for name, then in held.items())

    def _narrowing_of(self, now: Val | None, then: Val) -> bool:
        """Whether `now` is `then`, or a value conditions narrowed from it."""
        for _ in range(_MAX_NARROWINGS):
            if now is then or now is None:
                break
            got = self._narrowed.get(id(now))
            now = got[1] if got is not None and got[0] is now else None
        return now is then

    def _note_joined_narrowings(self, before: Env, a: Env, b: Env, joined: Env) -> None:
        """Remember the values of `joined` (two branches met) that join narrowings of
        one value `before` the test: `if (!ok) console.warn(...)` after `ok =
        LIST.includes(x)` leaves the text `x` held (`_unchanged`)."""
        for name, old in before.items():
            new = joined.get(name)
            if (
                new is not None
                and new is not old
                and self._narrowing_of(a.get(name), old)
                and self._narrowing_of(b.get(name), old)
            ):
                self._narrowed[id(new)] = (new, old)

    def guard(self, test: Any, then_env: Env, else_env: Env) -> tuple[Env, Env]:
        """What a condition proves about a name in each branch (guards, allowlists).

        A property checked (`if (!RE.test(opts.ref)) throw ...`, `if lang not in
        ALLOWED: abort()` on `self.lang`) is narrowed as a name is: the checks
        see it as a name `x.k`, which the state keeps while neither `x` nor its
        fields are assigned (`expr` reads it for `x.k`)."""
        test = self._keys_named(test, then_env, 0)
        held = _values_of(test, then_env)
        for name in list(held):
            # `if (!ok)` of `ok = LIST.includes(x)`: what it narrows is `x`.
            for read in self.stored_tests[name][2] if name in self.stored_tests else ():
                if read in then_env:
                    held.setdefault(read, then_env[read])
        self._facts(test, then_env, else_env)
        self._note_narrowed(held, then_env)
        self._note_narrowed(held, else_env)
        seeded: dict[str, Val] = {}
        present: set[str] = set()
        exprs: dict[str, Any] = {}
        named = self._path_names(test, then_env, seeded, 0, present, exprs)
        if not seeded:
            self._narrow_copies(test, then_env, else_env)
            return then_env, else_env
        # Again, the properties as names (the checks above read `urlparse(u).netloc`
        # and the like as the properties they are). Each branch's as its own state
        # reads it: the checks above may have narrowed the object in one branch
        # (`if (u.origin !== ORIGIN || u.pathname.startsWith("//")) return`: past
        # it, `u` is on this origin, and so is its `pathname`).
        seeded_else: dict[str, Val] = {}
        for key, v in seeded.items():
            then_env.setdefault(key, v)
            seeded_else[key] = v
            if key not in else_env:
                root = key.partition(".")[0]
                if key in present or else_env.get(root) is not then_env.get(root):
                    # (Held by this branch only: the checks above narrowed it there,
                    # `urlparse(body["url"]).hostname in BLOCKED`; the other branch
                    # reads the property as its state holds it.)
                    seeded_else[key] = self.expr(exprs[key], else_env, 0)
                else_env[key] = seeded_else[key]
        self._facts(named, then_env, else_env)
        for key, before in seeded.items():
            if key in present:
                # Narrowed before (an earlier check, or a check function's facts
                # just now): the state keeps it.
                continue
            for env, seeded_there in ((then_env, before), (else_env, seeded_else[key])):
                if env.get(key) is seeded_there:
                    del env[key]
                else:
                    self.path_keys.setdefault(key.partition(".")[0], set()).add(key)
        self._narrow_copies(test, then_env, else_env)
        return then_env, else_env

    def _note_copy(self, target: Any, value: Any, env: Env) -> None:
        """Keep `name = obj.get("k")` (`obj["k"]`, `obj.k`; the key may be a name
        holding one text, a decorator factory's `param`) for a check of `name`,
        which proves the same of the field (`_narrow_copies`)."""
        if not (isinstance(target, list) and target[0] == ir.NAME):
            return
        name = target[1]
        if self.field_copies:
            self.field_copies.pop(name, None)
        field = self._constant_field(value, env)
        if field is None or name not in env or len(self.field_copies) >= _MAX_STORED_TESTS:
            return
        root = _path_key(field)
        if root is None:
            return
        root = root.partition(".")[0]
        held = {root: env[root]} if root in env else {}
        self.field_copies[name] = (field, env[name], held)

    def _keys_named(self, e: Any, env: Env, depth: int) -> Any:
        """`e` with each field read at a key a name holds as one text written with
        that text (`kwargs.get(param, "")` of a decorator factory's `param`), so a
        check of it is one of the field; `e` itself when there is none."""
        if not isinstance(e, list) or not e or depth > MAX_DEPTH_GUARD:
            return e
        op = e[0]
        if op not in (ir.CALL, ir.SUB, ir.BIN, ir.UN):
            return e
        if op in (ir.BIN, ir.UN):
            parts = [self._keys_named(x, env, depth + 1) for x in e[2:]]
            return e if _same_items(parts, e[2:]) else [op, e[1], *parts]
        field = self._constant_field(e, env)
        if field is not None and field is not e:
            if op == ir.SUB:
                return field
            # (`.get` keeps its default: the check reads it where the key is missing.)
            return [ir.CALL, e[1], e[2], [field[2], *e[3][1:]], e[4]]
        if op == ir.CALL:
            args = [self._keys_named(a, env, depth + 1) for a in e[3]]
            return e if _same_items(args, e[3]) else [ir.CALL, e[1], e[2], args, e[4]]
        return e

    def _constant_field(self, e: Any, env: Env) -> Any:
        """`e` as a field read at a constant key (`_field_parts`), a key a name holds
        read as that text (`kwargs.get(param)` with `param` "version"); else None."""
        if _is_field(e):
            return e
        if not (isinstance(e, list) and e and e[0] in (ir.CALL, ir.SUB)):
            return None
        if e[0] == ir.SUB:
            base, key = e[1], e[2]
        elif (
            1 <= len(e[3]) <= 2
            and not e[4]
            and isinstance(e[2], list)
            and e[2][0] == ir.ATTR
            and e[2][2] == "get"
            and (len(e[3]) == 1 or not isinstance(e[3][1], list))
        ):
            base, key = e[2][1], e[3][0]
        else:
            return None
        if not (isinstance(key, list) and key[0] == ir.NAME):
            return None
        text = single_const(self.expr(key, env, 0))
        if not (isinstance(text, str) and text.isidentifier()):
            return None
        return [ir.SUB, base, text]

    def _narrow_copies(self, test: Any, then_env: Env, else_env: Env) -> None:
        """A copy of a field checked (`value = kwargs.get(param)`, then `if not
        RE.fullmatch(value): abort(400)`): the field holds what the copy holds
        where the check narrowed it, while the object is the one copied from (a
        wrapper handing the view `**kwargs` hands it the field checked)."""
        if not self.field_copies:
            return
        for name in sorted(_names_read(test, set(), 0) & self.field_copies.keys()):
            field, assigned, held = self.field_copies[name]
            for env in (then_env, else_env):
                now = env.get(name)
                if (
                    now is None
                    or now is assigned
                    or not self._unchanged(env, {name: assigned})
                    or not self._unchanged(env, held)
                ):
                    continue
                self._narrow_path(field, env, _Replace(now))

    def _path_names(
        self,
        e: Any,
        env: Env,
        seeded: dict[str, Val],
        depth: int,
        present: set[str],
        exprs: dict[str, Any],
    ) -> Any:
        """`e` with each `x.k` (a name's property) read as the name `x.k`; `present`:
        those `env` already holds."""
        if not isinstance(e, list) or not e or depth > MAX_DEPTH_GUARD:
            return e
        op = e[0]
        if _is_field(e):
            key = _path_key(e)
            if key is not None and self._path_root(key.partition(".")[0], env):
                if key not in seeded:
                    got = env.get(key)
                    seeded[key] = got if got is not None else self.expr(e, env, 0)
                    exprs[key] = e
                    if got is not None:
                        present.add(key)
                return [ir.NAME, key]
            if op != ir.CALL:
                if key is not None:
                    return e
                # A property of what a call made (`urlparse(payload["url"]).netloc`):
                # the call's arguments may be fields.
                obj = self._path_names(e[1], env, seeded, depth + 1, present, exprs)
                return e if obj is e[1] else [e[0], obj, e[2]]
            # `x.get("k")` of a name not in the state: its arguments, as any call's.
        d = depth + 1
        # Children first; a node is copied only when one of them was renamed (most
        # tests read no property: they come back as they were).
        if op == ir.CALL:
            func = e[2]
            if isinstance(func, list) and func and func[0] == ir.ATTR:
                # The method's object (`opts.ref.startsWith(...)`), not the method.
                obj = self._path_names(func[1], env, seeded, d, present, exprs)
                func = func if obj is func[1] else [ir.ATTR, obj, func[2]]
            args = [self._path_names(a, env, seeded, d, present, exprs) for a in e[3]]
            kwargs = [self._path_names(v, env, seeded, d, present, exprs) for _, v in e[4]]
            if (
                func is e[2]
                and _same_items(args, e[3])
                and _same_items(kwargs, [v for _, v in e[4]])
            ):
                return e
            return [ir.CALL, e[1], func, args, [[k, v] for (k, _), v in zip(e[4], kwargs)]]
        if op in (ir.BIN, ir.UN):
            parts = [self._path_names(x, env, seeded, d, present, exprs) for x in e[2:]]
            return e if _same_items(parts, e[2:]) else [op, e[1], *parts]
        return e

    def _path_root(self, name: str, env: Env) -> bool:
        """Whether a field path may start at `name` (`x.k` kept as a name): a name
        of the state, or a module-level import this body does not rebind (Flask's
        `request`: `request.args.get("next")` checked, then read again)."""
        if name in env:
            return True
        if name in self.bound or name in self.param_names or self.js:
            return False
        fs = self.world.file_summary(self.file)
        return fs.by_id.get(scoped_id(self.file, NodeType.IMPORT, MODULE_SCOPE, name)) is not None

    def _forget_paths(self, env: Env, name: str) -> None:
        """`name` or one of its fields changed: its narrowed properties are stale."""
        keys = self.path_keys.get(name) if self.path_keys else None
        if keys:
            for key in keys:
                env.pop(key, None)

    def _facts(self, test: Any, true_env: Env, false_env: Env, depth: int = 0) -> None:
        """Record in `true_env` what `test` being true proves, in `false_env` what its
        being false proves (guards.py says which checks prove what)."""
        while isinstance(test, list) and test and test[0] == ir.UN and test[1] in ("not", "!"):
            true_env, false_env = false_env, true_env
            test = test[2]
        if not isinstance(test, list) or not test or depth > MAX_DEPTH_GUARD:
            return
        if depth == 0 and not self.js:
            # `if (d := order.lower()) not in ("asc", "desc")`: the test ran (and
            # bound the name); what it proves, it proves of the name.
            test = _walrus_as_names(test)
        if depth == 0 and _has_name_key(test, 0):
            # `isinstance(body.get(name), str)` with `name` one constant (a loop's
            # round over field names): a test of that field, `body.get("code")`.
            test = _constant_keys(test, true_env or false_env, 0)
        op = test[0]
        if (passed := _no_errors_branch(test)) is not None:
            # `const errors = await validate(dto); if (errors.length > 0) throw ...`:
            # where there are none, the object is what its class's validators admit,
            # and each condition the list grew under was false.
            name, none_when_true = passed
            empty = true_env if none_when_true else false_env
            if not isinstance(name, str):
                # `if (lint(x, []).length > 0) return`: none is its false result.
                self._facts(name, {}, empty, depth + 1)
                name = ""
            elif self.js:
                self._class_validated(name, empty)
            self._problems_empty(name, empty)
            stored = self.stored_tests.get(name)
            if stored is not None and name in empty:
                # `errors = validate(form)`: none is the check function's false result.
                call, assigned, args = stored
                if empty[name] is assigned and self._unchanged(empty, args):
                    self._facts(call, {}, empty, depth + 1)
        if self.js and op == ir.BIN and (index_test := _index_of_test(test)) is not None:
            # `ALLOWED.indexOf(ext) === -1` (ES5's `includes`): where it is found,
            # and where it is not.
            receiver, arg, found_when_true = index_test
            if found_when_true:
                self._includes_check(receiver, arg, true_env, false_env)
            else:
                self._includes_check(receiver, arg, false_env, true_env)
            return
        if (
            op == ir.CALL
            and len(test[3]) == 1
            and not test[4]
            and test[2] == [ir.NAME, "Boolean" if self.js else "bool"]
            and test[2][1] not in true_env
        ):
            # `bool(RE.fullmatch(u))`, `Boolean(m)`: the truth of what it converts.
            self._facts(test[3][0], true_env, false_env, depth + 1)
        elif op == ir.CALL:
            self._guard_call(test, true_env, false_env, depth)
        elif op == ir.BIN and test[1] in ("and", "&&"):
            # Both hold where the whole holds; where it does not, one of them fails.
            before = _values_of(test[2], true_env)
            self._facts(test[2], true_env, {}, depth + 1)
            self._note_narrowed(before, true_env)
            self._facts(test[3], true_env, {}, depth + 1)
            self._either(test[2], test[3], false_env, holds=False, depth=depth)
        elif op == ir.BIN and test[1] in ("or", "||"):
            # Neither holds where the whole does not; where it does, one of them holds.
            # (The second is a test of what the first left: `"\\" in u or
            # urlparse(u).hostname not in HOSTS` checks the URL `u` still holds.)
            before = _values_of(test[2], false_env)
            self._facts(test[2], {}, false_env, depth + 1)
            self._note_narrowed(before, false_env)
            self._facts(test[3], {}, false_env, depth + 1)
            self._either(test[2], test[3], true_env, holds=True, depth=depth)
        elif op == ir.COMP and (filtered := _filtered_list(test)) is not None:
            # `[u for u in urls if not ok(u)]` empty: no element passed the filter.
            name, seq, cond = filtered
            self._elements_checked(seq, name, cond, false_env, False, depth)
        elif op == ir.NAME and test[1] in self.stored_tests and test[1] in (true_env or false_env):
            # `ok = check(u)` ... `if ok:` (or `u if ok else ""`; `if (bad || n > 9)`,
            # whose false branch alone is known: of a check function's call only).
            call, assigned, args = self.stored_tests[test[1]]
            state = true_env or false_env
            if (
                (true_env or call[0] == ir.CALL)
                and state[test[1]] is assigned
                and self._unchanged(state, args)
            ):
                self._facts(call, true_env, false_env, depth + 1)
        if op == ir.NAME and test[1] in true_env:
            # `if x` true (`if (!base) return` past it): of its constants, only the
            # truthy ones remain (`TABLE[key]` is no longer undefined).
            held = true_env[test[1]]
            if held.consts is not None:
                truthy = frozenset(c for c in held.consts if consts.truthy(c, self.js))
                if truthy and truthy != held.consts:
                    true_env[test[1]] = held.replace(consts=truthy)
        if op == ir.NAME and test[1] in false_env:
            # `if not x: ...` / `if x` false: x is empty, so it carries no data (and of
            # its constants, only the falsy ones remain); a list of problems empty
            # proves what each of its conditions failing proves (a JavaScript array
            # is never falsy: a check function's `return errors` says so here).
            self._problems_empty(test[1], false_env)
            known = false_env[test[1]].consts
            falsy = (
                frozenset(c for c in known if not consts.truthy(c, self.js))
                if known is not None
                else None
            )
            false_env[test[1]] = Val(consts=falsy or None)
        elif op == ir.BIN and test[1] in ("is", "isnot") and test[3] is None:
            # `m is None` holds where `m` is falsy (a failed match), `is not` where it is not.
            if test[1] == "is":
                self._facts(test[2], false_env, true_env, depth + 1)
            else:
                self._facts(test[2], true_env, false_env, depth + 1)
        elif op == ir.BIN and test[1] in ("==", "===", "in"):
            if test[1] != "in":
                self._equal_to_checked(test, true_env)
            self._typeof_check(test, true_env)
            self._origin_check(test, true_env)
            # (Before the allow-list narrows a name holding a host: `host in HOSTS`.)
            self._netloc_check(test[2], true_env)
            self._allowlist(test, true_env)
            self._substring_check(test, false_env)
            if test[1] != "in":
                self._netloc_check(test[3], true_env)
                self._common_path_check(test, true_env)
                self._parent_dir_check(test, true_env)
        elif op == ir.BIN and test[1] in ("!=", "!==", "notin"):
            if test[1] != "notin":
                self._equal_to_checked(test, false_env)
            self._typeof_check(test, false_env)
            self._origin_check(test, false_env)
            self._netloc_check(test[2], false_env)
            self._allowlist(test, false_env)
            self._substring_check(test, true_env)
            if test[1] != "notin":
                self._netloc_check(test[3], false_env)
                self._common_path_check(test, false_env)
                self._parent_dir_check(test, false_env)
        elif op == ir.BIN and test[1] == "instanceof":
            self._instance_check(test[2], test[3], true_env)
        elif op == ir.ATTR:
            # `if urlparse(u).netloc:` false: no host of its own.
            self._netloc_check(test, false_env)
            if self.js and test[2] == "success":
                self._schema_success(test[1], true_env)

    def _equal_to_checked(self, test: list[Any], env: Env) -> None:
        """`name === basename(name)` where it holds (`env`): the name is that very
        text, so what made the other side safe holds for it (the same data,
        made safe for more)."""
        for a, b in ((test[2], test[3]), (test[3], test[2])):
            if not (isinstance(a, list) and a[0] == ir.NAME and a[1] in env):
                continue
            va = env[a[1]]
            if va.fields or va.elems is not None or va.seq is not None:
                continue
            ta, tb = va.taint, deep_taint(self.expr(b, env, 0))
            if not ta or not tb or {o for o, _ in ta} != {o for o, _ in tb}:
                continue
            mine = {o: s for o, s in ta}
            if all(s >= mine[o] for o, s in tb) and any(s > mine[o] for o, s in tb):
                env[a[1]] = va.replace(taint=tb)
                return

    def _instance_check(self, subject: Any, cls: Any, true_env: Env) -> None:
        """`value instanceof SafeHtml` true: an object of that class of the
        workspace, not the text the name may otherwise hold (`value.text` reads
        what its constructor stored, not a string's data); its fields stay."""
        if not (isinstance(subject, list) and subject[0] == ir.NAME and subject[1] in true_env):
            return
        ref = self.expr(cls, true_env, 0)
        if not _is_class_ref(ref):
            return
        v = true_env[subject[1]]
        if v.cls != ref.cls:
            true_env[subject[1]] = Val(fields=v.fields, elems=v.elems, cls=ref.cls)

    def _class_validated(self, errors: str, env: Env) -> None:
        """In `env`, where `errors` (`= await validate(dto)`, class-validator's, kept in
        `stored_tests`) is empty: `dto`, an object of a DTO class
        (`plainToInstance(Dto, raw)`), holds what the class's validators admit."""
        stored = self.stored_tests.get(errors)
        if stored is None or errors not in env:
            return
        call, assigned, names = stored
        if env[errors] is not assigned or not self._unchanged(env, names):
            return
        if not (call[0] == ir.CALL and len(call[3]) >= 1):
            return
        if self.callee_qn(call[2], env) not in _CLASS_VALIDATE:
            return
        target = call[3][0]
        if not (isinstance(target, list) and target[0] == ir.NAME and target[1] in env):
            return
        obj = env[target[1]]
        if obj.cls is None or parse_id(obj.cls).kind != NodeType.CLASS:
            return
        validated = self._validated_class(obj.cls, deep_taint(obj))
        if validated is not None:
            # (A field no validator types is still a value as it came, `{"$ne": 1}`:
            # the object is named as a NestJS `@Body()` DTO is.)
            env[target[1]] = validated.replace(qn=obj.qn or "?" + target[1])

    def _store_test(self, target: Any, value: Any, env: Env) -> None:
        """Keep `name = call(...)` for a later `if name:` (see `stored_tests`)."""
        if isinstance(target, list) and target[0] == ir.DICT and isinstance(target[1], list):
            # `const { protocol, hostname } = new URL(base)`: each host part read
            # into a name, as `hostname = new URL(base).hostname` would.
            for pair in target[1]:
                if (
                    isinstance(pair, list)
                    and len(pair) == 2
                    and isinstance(pair[0], str)
                    and pair[0] in _HOST_PARTS
                ):
                    self._store_test(pair[1], [ir.ATTR, value, pair[0]], env)
            return
        if not (isinstance(target, list) and target[0] == ir.NAME):
            return
        name = target[1]
        self.stored_tests.pop(name, None)
        if name not in env:
            return
        # (Or a list of what failed a check, `bad = [u for u in urls if not ok(u)]`,
        # for a later `if bad:`.)
        if _filtered_list(value) is None and (
            (
                not (isinstance(value, list) and value and value[0] in (ir.CALL, ir.BIN, ir.UN))
                and _host_read(value) is None
            )
            or (value[0] != ir.CALL and not _is_test(value) and _host_read(value) is None)
        ):
            return
        if len(self.stored_tests) >= _MAX_STORED_TESTS:
            return
        # The names the test reads (`urlparse(urljoin(base, target))`, `raw.startsWith("/")
        # && !raw.startsWith("//")`): it proves something of them while they are unchanged.
        names = _names_read(value, set(), 0)
        self.stored_tests[name] = (value, env[name], {n: env[n] for n in sorted(names) if n in env})

    def _either(self, a: Any, b: Any, env: Env, holds: bool, depth: int) -> None:
        """`env` where `a` or `b` is `holds` (at least one): what each proves, joined."""
        if not env:
            return
        env_a, env_b = dict(env), dict(env)
        if holds:
            self._facts(a, env_a, {}, depth + 1)
            self._facts(b, env_b, {}, depth + 1)
        else:
            self._facts(a, {}, env_a, depth + 1)
            self._facts(b, {}, env_b, depth + 1)
        joined = join_env(env_a, env_b)
        if joined is not None:
            env.update(joined)

    def _typeof_check(self, test: list[Any], env: Env) -> None:
        """`typeof x === "number"` holds (`env`): x is a number or a boolean, no class's
        data; `=== "string"`: a string, so no NoSQL operator object."""
        for probe, kind in ((test[2], test[3]), (test[3], test[2])):
            if not (
                isinstance(probe, list)
                and len(probe) == 3
                and probe[0] == ir.UN
                and probe[1] == "typeof"
                and isinstance(kind, str)
            ):
                continue
            subject = probe[2]
            if isinstance(subject, list) and subject[0] == ir.NAME and subject[1] in env:
                name = subject[1]
                if kind in _TYPEOF_SCALAR:
                    env[name] = Val(consts=env[name].consts)
                elif kind == "string":
                    env[name] = _checked_string(env[name])
            return

    def _isinstance_check(self, subject: Any, types: Any, env: Env) -> None:
        """`isinstance(x, int)` holds (`env`): x is a number or a boolean, no class's
        data (Python's `typeof x === "number"`); `isinstance(x, str)`: a string, so no
        NoSQL operator object. A tuple of types proves what every member does."""
        if not (isinstance(subject, list) and subject[0] == ir.NAME and subject[1] in env):
            return
        named = [types] if not (isinstance(types, list) and types[0] == ir.SEQ) else types[2]
        kinds = set()
        for t in named:
            if not (isinstance(t, list) and t[0] == ir.NAME and t[1] not in env):
                return  # a class of the program's, or a variable: proves nothing known
            kinds.add(t[1])
        name = subject[1]
        if kinds and kinds <= _ISINSTANCE_SCALAR:
            env[name] = Val(consts=env[name].consts)
        elif kinds and kinds <= _ISINSTANCE_SCALAR | {"str"}:
            env[name] = _checked_string(env[name])

    def _origin_check(self, test: list[Any], env: Env) -> None:
        """`event.origin === "https://widgets.example.com"` where it holds: the posted
        message comes from that origin, whose data the page trusts (its own
        widget's); an origin that is not a constant URL proves nothing."""
        if not self.js or test[1] == "in":
            return
        for subject, other in ((test[2], test[3]), (test[3], test[2])):
            if not (
                isinstance(subject, list)
                and subject[0] == ir.ATTR
                and subject[2] == "origin"
                and isinstance(subject[1], list)
                and subject[1][0] == ir.NAME
                and subject[1][1] in env
            ):
                continue
            allowed = self.expr(other, env, 0)
            origin = single_const(allowed)
            trusted = isinstance(origin, str) and origin.startswith(("https://", "http://"))
            if trusted and not deep_taint(allowed):
                env[subject[1][1]] = sanitize_val(env[subject[1][1]], None)
            elif self._own_origin(other):
                # `target.origin === new URL(request.url).origin`: the URL stays on
                # the site the request came to (a same-origin redirect).
                env[subject[1][1]] = sanitize_val(env[subject[1][1]], url_prefix.URL_CLASSES)
            return

    def _own_url(self, e: Any) -> bool:
        """Whether `e` is the request's own URL or origin (`request.url`, `req.url`,
        `request.nextUrl`, `url.origin` of `url = new URL(request.url)`)."""
        return _request_url(e, ("url", "nextUrl")) or self._own_origin(e)

    def _own_origin(self, e: Any) -> bool:
        """Whether `e` is the origin of the request's own URL: `url.origin` of `url =
        new URL(request.url)` (or `req.nextUrl.origin`, `new URL(request.url).origin`)."""
        if not (isinstance(e, list) and e[0] == ir.ATTR and e[2] == "origin"):
            return False
        base = e[1]
        if isinstance(base, list) and base[0] == ir.NAME:
            base = self._definition(str(base[1]))
        if isinstance(base, list) and base[0] == ir.ATTR and base[2] == "nextUrl":
            return True
        if not (isinstance(base, list) and base[0] == ir.CALL and base[3]):
            return False
        return base[2] in ([ir.NAME, "URL"], [ir.ATTR, [ir.NAME, "url"], "URL"]) and _request_url(
            base[3][0], ("url",)
        )

    def _allowlist(self, test: list[Any], env: Env, own: bool = False) -> None:
        """`x == CONST`, `x in ("a", "b")`, `x in ALLOWED`: in that branch x is one of them
        (`own`: one of a JS object's own keys, as `Object.hasOwn` says; `in` lets
        inherited ones through)."""
        subject = test[2]
        folded = _case_folded(subject)
        if folded is not subject:
            # `host.lower() in ALLOWED_HOSTS`: x is one of them but for its case,
            # which changes no host and adds no character an attack needs.
            if isinstance(folded, list) and folded[0] == ir.ATTR and folded[2] in _HOST_PARTS:
                if not _untrusted(deep_taint(self.expr(test[3], env, 0))):
                    self._netloc_check(folded, env)
            elif isinstance(folded, list) and folded[0] == ir.NAME and folded[1] in env:
                probe: Env = dict(env)
                self._allowlist([test[0], test[1], folded, test[3]], probe, own)
                if not deep_taint(probe[folded[1]]):
                    env[folded[1]] = sanitize_val(env[folded[1]], ALL)
            return
        if not (isinstance(subject, list) and subject[0] == ir.NAME and subject[1] in env):
            return
        other = self.expr(test[3], env, 0)
        values: frozenset[Any] | None = None
        if _untrusted(deep_taint(other)):
            values = None
        elif test[1] not in _MEMBERSHIP and other.consts is not None:
            values = other.consts
        elif test[1] in _MEMBERSHIP and other.seq is not None:
            items = [single_const(x) for x in other.seq]
            if all(x is not NO_CONST for x in items) and len(items) <= consts.MAX_VALUES:
                values = frozenset(items)
        elif (
            test[1] in _MEMBERSHIP
            and other.fields
            and other.elems is None
            and other.seq is None
            and len(other.fields) <= consts.MAX_VALUES
        ):
            # `x in TABLE` for a dict the code wrote: x is one of its keys (a plain
            # JS object's inherited ones too: `"constructor" in {}` holds, and
            # `TABLE["constructor"](v)` is `Object(v)`, `v` itself).
            values = frozenset(other.fields)
            if self.js and test[1] == "in" and not own and other.qn is None:
                values |= _OBJECT_PROTOTYPE_KEYS
        elif (
            test[1] in _MEMBERSHIP
            and other.elems is not None
            and other.seq is None
            and not other.fields
            and other.elems.consts is not None
            and not deep_taint(other.elems)
        ):
            # `x in frozenset({"a", "b"})`: one of the constants it was made of.
            values = other.elems.consts
        if values is not None:
            env[subject[1]] = Val(consts=values)
        elif (
            test[1] in _MEMBERSHIP
            and not _untrusted(deep_taint(other))
            and deep_taint(env[subject[1]])
        ):
            # `x in self._allowed` (a collection the code built, not the request):
            # x is one of its members, whatever they are.
            env[subject[1]] = Val()
        elif test[1] not in _MEMBERSHIP and other.fn is None and deep_taint(env[subject[1]]):
            # `target === base` (a root the code made, a stored name): where it
            # holds, x is that value, with what the analysis knows of it.
            env[subject[1]] = other

    def _substring_check(self, test: list[Any], env: Env) -> None:
        """`".." in name` false (`env`): the name climbs no directory. And a piece
        of a path split at its slashes that is not `..` (`seg == ".."` false, `seg
        in ("", ".", "..")` false) is a file name: it climbs none either."""
        self._segment_check(test, env)
        needle, hay = test[2], test[3]
        if (
            test[1] in _MEMBERSHIP
            and isinstance(needle, str)
            and len(needle) == 1
            and isinstance(hay, list)
            and hay[0] == ir.NAME
            and hay[1] in env
            and deep_taint(env[hay[1]])
        ):
            # `"'" in value` false: the text holds no such character.
            env[hay[1]] = guards.take_out(env[hay[1]], frozenset(needle))
            return
        if test[1] not in _MEMBERSHIP or not isinstance(needle, str) or ".." not in needle:
            return
        if isinstance(hay, list) and hay[0] == ir.NAME and hay[1] in env:
            env[hay[1]] = sanitize_val(env[hay[1]], guards.NO_PARENT_STEPS)
        if needle == "..":
            # `".." in PurePosixPath(name).parts`, `".." in name.split("/")` false.
            self._no_dots_in_pieces(hay, env)

    def _suffix_check(self, receiver: Any, arg: Any, env: Env) -> None:
        """`x.endsWith(suffix)` holds (`env`)."""
        suffix = self.expr(arg, env, 0)
        if _is_separator(suffix):
            # `root.endsWith(path.sep) ? root : root + path.sep`: the directory ends
            # with its separator, a prefix only what is inside it has.
            if isinstance(receiver, list) and receiver[0] == ir.NAME and receiver[1] in env:
                root = env[receiver[1]]
                env[receiver[1]] = root.replace(
                    flags=root.flags - {guards.NORMALIZED_PATH, guards.JOINED_PATH}
                )
            return
        if not _domain_suffix(single_const(suffix)):
            return
        # `url.hostname.endsWith(".slack.com")`: a host under that domain, which only
        # its owner names (a suffix without its dot, "slack.com", admits `evilslack.com`).
        host = _host_read(receiver)
        if host is not None or (isinstance(receiver, list) and receiver[:1] == [ir.NAME]):
            self._netloc_check(host if host is not None else receiver, env)
        named = _case_folded(receiver) if host is None else None
        if isinstance(named, list) and named[0] == ir.NAME and named[1] in env:
            # A check function's `host.endsWith(".cdn.example")` (of its parameter):
            # the caller that handed it `url.hostname` checked that URL (`guard`).
            env[named[1]] = guards.mark(env[named[1]], guards.ALLOWED_HOST)

    def _some_constant(self, items: Any, lam: Any, env: Env) -> None:
        """`DOMAINS.some((d) => host === d || host.endsWith(`.${d}`))` holds (`env`),
        over a list of the code's texts: the test held for one of them; what each
        proves, joined."""
        test = _lambda_test(self.ff, lam)
        if test is None:
            return
        param, body = test
        held = self.expr(items, env, 0)
        texts = [single_const(x) for x in held.seq] if held.seq is not None else []
        if not texts or len(texts) > consts.MAX_VALUES or NO_CONST in texts:
            return
        joined: Env | None = None
        for text in sorted(set(texts), key=repr):
            if not isinstance(text, str):
                return
            test = _substituted(body, {param: text}, 0)
            if test is None:
                return
            one = dict(env)
            self._facts(test, one, {}, 1)
            joined = join_env(joined, one)
        if joined is not None:
            env.update(joined)

    def _tests_dots(self, lam: Any) -> bool:
        """Whether a JS function is `(s) => s === ".."` (its parameter is `..`)."""
        test = _lambda_test(self.ff, lam)
        return test is not None and _dots_test(test[1], [ir.NAME, test[0]])

    def _no_dots_in_pieces(self, pieces: Any, env: Env) -> None:
        """`pieces` (a path split at its slashes) holds no `..`: the path it was
        split from climbs no directory."""
        name = self._split_path_of(pieces, env, 0)
        if name is not None and name in env:
            env[name] = sanitize_val(env[name], guards.NO_PARENT_STEPS)
        held_path = pieces[1] if _attr_named(pieces, "parts") and not self.js else None
        if (
            isinstance(held_path, list)
            and held_path[0] == ir.NAME
            and held_path[1] in env
            and _writes_of(self.fn.body, held_path[1]) == 1
            and self.callee_qn(_made_by_call(self._definition(held_path[1])), env) in _PURE_PATHS
        ):
            # `".." in candidate.parts` of `candidate = PurePosixPath(raw)`: the path
            # object climbs no directory.
            kept = env[held_path[1]]
            env[held_path[1]] = sanitize_val(kept, guards.NO_PARENT_STEPS).replace(flags=kept.flags)
        if (
            isinstance(pieces, list)
            and pieces[0] == ir.NAME
            and pieces[1] in env
            and self._split_path_of(pieces, env, 0, text_only=False) is not None
        ):
            # The pieces too (`path.join(root, ...segments)`), bound once to them.
            held = env[pieces[1]]
            env[pieces[1]] = held.replace(
                taint=sanitize(held.taint, guards.NO_PARENT_STEPS),
                elems=sanitize_val(element(held), guards.NO_PARENT_STEPS),
            )

    def _split_path_of(self, e: Any, env: Env, depth: int, text_only: bool = True) -> str | None:
        """The name of the path whose pieces `e` is: `name.split("/")` (or at a
        pattern of slashes), `Path(name).parts`, or a name bound once to either;
        for a name bound to them, the path's name must be bound once too (a
        parameter: never), so the pieces are still its pieces. Without `text_only`, the pieces of any
        text (`String(p).split("/")`): "" when not a name's."""
        if not isinstance(e, list) or not e:
            return None
        if e[0] == ir.NAME and depth == 0:
            if not text_only and _writes_of(self.fn.body, e[1]) != 1:
                return None
            bound = self._definition(e[1])
            return self._split_path_of(bound, env, 1, text_only) if bound is not None else None
        whole: Any = None
        if _method_call(e, ("split",)) and e[3]:
            sep = e[3][0]
            if (isinstance(sep, str) and "/" in sep) or (
                guards.is_regex_literal(sep) and "/" in sep[2]
            ):
                whole = e[2][1]
        elif (
            not self.js
            and e[0] == ir.ATTR
            and e[2] == "parts"
            and isinstance(e[1], list)
            and e[1][0] == ir.CALL
            and len(e[1][3]) == 1
            and self.callee_qn(e[1][2], env) in _PURE_PATHS
        ):
            whole = e[1][3][0]
        if whole is not None and not text_only:
            return "" if not (isinstance(whole, list) and whole[0] == ir.NAME) else str(whole[1])
        if not (isinstance(whole, list) and whole[0] == ir.NAME):
            return None
        name = str(whole[1])
        if depth == 0 and text_only:
            # Split where it is tested (`".." in PurePosixPath(path).parts`): the
            # pieces of what the name holds there, however often it was written.
            return name
        writes = _writes_of(self.fn.body, name)
        if (name in self.param_names and writes == 0) or (
            name not in self.param_names and writes == 1
        ):
            return name
        return None

    def _segment_check(self, test: list[Any], env: Env) -> None:
        op, a, b = test[1], test[2], test[3]
        if op in _MEMBERSHIP:
            name = a
            dots = isinstance(b, list) and b[0] == ir.SEQ and ".." in b[2]
        else:
            name, other = (a, b) if isinstance(a, list) else (b, a)
            dots = other == ".."
        if not dots or not (isinstance(name, list) and name[0] == ir.NAME and name[1] in env):
            return
        body = self.fn.body
        if _writes_of(body, name[1]) == 1 and _split_at_slashes(body, name[1]):
            env[name[1]] = sanitize_val(env[name[1]], guards.NO_PARENT_STEPS)

    def _holds_host_read(self, name: str, env: Env) -> bool:
        """Whether a name holds the host a URL's read gave it, unchanged since
        (`host = (parts.hostname or "").lower()`: `_netloc_check` of the name)."""
        if not self._host_name([ir.NAME, name]):
            return False
        _, held_then, read_names = self.stored_tests[name]
        return self._unchanged(env, {name: held_then, **read_names})

    def _netloc_check(
        self, e: Any, env: Env, classes: frozenset[str] = url_prefix.URL_CLASSES
    ) -> None:
        """`urlparse(u).netloc` (falsy, or equal to a host the code names): u stays
        here. The same through a name (`parts = urlparse(u)` ... `parts.hostname`),
        and for a JS `URL` object checked by its host or origin (`url.origin`).
        `classes`: what that proves (on a condition, `_trust_marks`)."""
        if isinstance(e, list) and e[0] == ir.NAME and e[1] in self.stored_tests:
            # `host = (parts.hostname or "").lower()` ... `host in HOSTS`: the
            # host read into a name, unchanged since, is the URL's.
            if self._holds_host_read(e[1], env):
                self._netloc_check(_host_read(self.stored_tests[e[1]][0]), env, classes)
            return
        if not (isinstance(e, list) and e[0] == ir.ATTR and e[2] in _HOST_PARTS):
            return
        call = e[1]
        if isinstance(call, list) and call[0] == ir.NAME and call[1] in env:
            held = env[call[1]]
            stored = self.stored_tests.get(call[1])
            if self.js and held.qn in _URL_OBJECTS:
                env[call[1]] = sanitize_val(held, classes)
                made, assigned, names = stored if stored is not None else (None, None, {})
                if (
                    made is not None
                    and assigned is held
                    and made[3]
                    and self.callee_qn(made[2], env) in ("URL", "url.URL")
                    and self._unchanged(env, names)
                ):
                    # `u = new URL(target)`: the text it was parsed from, unchanged
                    # since, is on that host too (`fetch(target)`).
                    self._narrow_path(made[3][0], env, lambda v: sanitize_val(v, classes))
                return
            if not self.js and self._declared_url(call[1], env):
                # `v.host in ALLOWED` of `v: HttpUrl` (a Pydantic validator's): the
                # URL object is the text it was parsed from.
                env[call[1]] = sanitize_val(held, classes)
                return
            if stored is None or stored[1] is not held:
                return
            if not self._unchanged(env, stored[2]):
                return  # the URL was parsed from a value since replaced
            parsed: str | None = call[1]
            call = stored[0]
        elif (
            not self.js
            and isinstance(call, list)
            and call[0] == ir.ATTR
            and self.expr(call, env, 0).qn == _PYDANTIC_URL
        ):
            # `body.url.host in ALLOWED` of a validated model's `url: HttpUrl`: the
            # field is the URL it was parsed from.
            self._narrow_path(call, env, lambda v: sanitize_val(v, classes))
            return
        else:
            parsed = None
        if not (isinstance(call, list) and call[0] == ir.CALL and call[3]):
            return
        qn = self.callee_qn(call[2], env)
        if self.js and qn in ("URL", "url.URL") and parsed is None:
            # `new URL(raw).hostname`: the text it parses is on that host.
            self._narrow_path(call[3][0], env, lambda v: sanitize_val(v, classes))
            return
        if qn not in _PY_URL_PARSERS:
            return
        if parsed is not None:
            # The parsed URL too (`redirect(parts.geturl())`).
            env[parsed] = sanitize_val(env[parsed], classes)
        target = call[3][0]
        if (
            isinstance(target, list)
            and target[0] == ir.CALL
            and len(target[3]) == 2
            and self.callee_qn(target[2], env) in ("urllib.parse.urljoin", "urlparse.urljoin")
        ):
            # `urlparse(urljoin(request.host_url, target)).netloc == ...`: the
            # joined URL's host is the target's own when it names one.
            target = target[3][1]
        while (
            isinstance(target, list)
            and target[0] == ir.CALL
            and len(target[3]) == 1
            and not target[4]
            and self.callee_qn(target[2], env) in _SAME_TEXT
        ):
            # `urlparse(str(u or ""))`: the text of `u` is `u`.
            target = _checked_name(target[3][0])
        # (`urlparse(u or "")` too.)
        target = _checked_name(target)
        self._narrow_path(target, env, lambda v: sanitize_val(v, classes))

    def _declared_url(self, name: str, env: Env) -> bool:
        """Whether a parameter of this body is declared a Pydantic URL (`v: HttpUrl`)."""
        for entry in self.fn.params:
            if entry[0].lstrip("*") != name or len(entry) < 4:
                continue
            declared = entry[3]
            if not isinstance(declared, str) or declared == ir.RAW_OBJECT:
                return False
            return self.expr(_dotted_expr(declared), env, 0).qn in _PYDANTIC_URLS
        return False

    def _narrow_path(self, e: Any, env: Env, change: Callable[[Val], Val], depth: int = 0) -> None:
        """Apply what a check proved to the name it checked, or to a field of an
        object a name holds (`urlparse(body.url).netloc in ALLOWED` proves it of
        `body.url`), in this branch's environment. A field of an object whose data
        is all of it (the holder's own taint, which every field read carries)
        cannot be told apart: nothing is narrowed then."""
        if depth > 4 or not isinstance(e, list):
            return
        if e[0] == ir.NAME:
            if e[1] in env:
                env[e[1]] = change(env[e[1]])
            return
        parts = _field_parts(e)
        if parts is None:
            return
        obj, key = parts
        path = _path_key(e) if depth == 0 else None
        if path is not None and self._path_root(path.partition(".")[0], env):
            # Also as a name `x.k` (see `guard`): the only way to tell apart a
            # field of an object that is all request data (a JSON body).
            current = env.get(path)
            env[path] = change(current if current is not None else self.expr(e, env, 0))
            self.path_keys.setdefault(path.partition(".")[0], set()).add(path)

        def change_field(o: Val) -> Val:
            if o.taint:
                return o
            return _set_key(o, key, change(get_key(o, key)))

        self._narrow_path(obj, env, change_field, depth + 1)

    def _guard_call(self, call: list[Any], true_env: Env, false_env: Env, depth: int = 0) -> None:
        func = call[2]
        body = self._check_lambda(call, true_env)
        if body is not None:
            # `is_safe = lambda s: RE.fullmatch(s) is not None`, then `if not
            # is_safe(x)`: what its expression proves with `x` for `s`.
            self._facts(body, true_env, false_env, depth + 1)
            return
        each = self._each_tested(call, true_env)
        if each is not None:
            # `all(isinstance(v, str) for v in (email, token))` holds: each test
            # holds of its item; `any(...)` fails: each fails.
            holds, tests = each
            for test in tests:
                if holds:
                    self._facts(test, true_env, {}, depth + 1)
                else:
                    self._facts(test, {}, false_env, depth + 1)
            return
        if (
            self.js
            and _method_call(call, ("some",))
            and len(call[3]) == 1
            and self._tests_dots(call[3][0])
        ):
            # `segments.some((s) => s === ".." || s.includes("\\"))` false
            # (whatever else it proves of each piece, below).
            self._no_dots_in_pieces(call[2][1], false_env)
        if self._each_element(call, true_env, false_env, depth):
            return
        for reads, env in zip(
            self.host_checks.get(self.call_id(call[1]), ()), (true_env, false_env)
        ):
            for read in reads:
                self._netloc_check(read, env)
        checked = self.call_checks.get(self.call_id(call[1]))
        if checked is not None:
            # A check function of the workspace (its summary says what it proves).
            for facts, env in ((checked[0], true_env), (checked[1], false_env)):
                for path, v in facts.items():
                    owner, _, part = path.rpartition(".")
                    if _allowed_host(v):
                        if part in _HOST_PARTS and owner.isidentifier() and owner in env:
                            # `isPartnerHost(url.hostname)` holds: the URL object stays
                            # on those hosts, as `HOSTS.has(url.hostname)` would say.
                            url = env[owner]
                            self._netloc_check([ir.ATTR, [ir.NAME, owner], part], env)
                            if env[owner] is not url:
                                # (The field, read back into the URL, is one too.)
                                v = sanitize_val(v, url_prefix.URL_CLASSES)
                        elif not owner and self._holds_host_read(path, env):
                            # `const host = url.hostname; if (!isPartnerHost(host))`
                            # (before the name takes the fact: it must be the read).
                            self._netloc_check([ir.NAME, path], env)
                            v = sanitize_val(v, url_prefix.URL_CLASSES)
                    # A field checked is a name here (`guard` reads `x.k` as `x.k`).
                    if path in env:
                        env[path] = v
                    elif "." in path and self._path_root(root := path.partition(".")[0], env):
                        # A field the callee read from its argument (`hasNumericId(req)`
                        # checking `req.params.id`).
                        env[path] = v
                        self.path_keys.setdefault(root, set()).add(path)
        qn = self.callee_qn(func, true_env)
        if qn is None:
            return
        if self.js and qn in _OWN_KEY_CHECKS and len(call[3]) == 2:
            # `Object.prototype.hasOwnProperty.call(FORMATS, x)`, `Object.hasOwn(T, x)`:
            # x is one of the object's keys, as `x in T` says.
            self._allowlist(
                [ir.BIN, "in", call[3][1], call[3][0]], true_env, own=qn != "Reflect.has"
            )
        elif self.js and isinstance(func, list) and func[2:] == ["hasOwnProperty"] and call[3]:
            self._allowlist([ir.BIN, "in", call[3][0], func[1]], true_env, own=True)
        self._checks(call, qn, true_env, false_env)
        if self.js:
            self._json_schema_check(call, true_env)
        else:
            self._form_validated(func, true_env)
        if qn == _ERRORS_EMPTY:
            # `if (!validationResult(req).isEmpty()) return ...`: past it, the
            # route's validators held (`_validated_read`).
            true_env[_VALIDATION_PASSED] = EMPTY
        if qn in _DIGEST_COMPARISONS:
            # `hmac.compare_digest(sign(blob), signature)`: where it holds, `blob`
            # is what this server signed with its key (a cookie it set), not an
            # attacker's choice.
            for name in sorted(self._signed_names(call[3], true_env, 0)):
                true_env[name] = sanitize_val(true_env[name], _SIGNED)
        if not self.js and qn in ("isinstance", "builtins.isinstance") and len(call[3]) == 2:
            self._isinstance_check(call[3][0], call[3][1], true_env)
        for m in self.matcher.guards.find(qn, self.ff.language):
            if m.when:
                # A check that holds only with some options (`isURL(u, { host_whitelist:
                # [...] })`).
                argv = [self.expr(a, true_env, 0) for a in call[3]]
                kwv = {k: self.expr(v, true_env, 0) for k, v in call[4]}
                if not all(self.condition(c, argv, kwv) for c in m.when):
                    continue
            for a in m.args:
                target = None
                if a == "receiver" and isinstance(func, list) and func[0] == ir.ATTR:
                    target = func[1]
                elif a.isdigit() and int(a) < len(call[3]):
                    target = call[3][int(a)]
                else:
                    target = next((v for k, v in call[4] if k == a), None)
                target = _checked_name(target)
                if isinstance(target, list) and target[0] == ir.NAME and target[1] in true_env:
                    v = true_env[target[1]]
                    true_env[target[1]] = (
                        sanitize_val(v, m.classes)
                        if m.classes is not None
                        else Val(consts=v.consts)
                    )

    def _form_validated(self, func: Any, env: Env) -> None:
        """`form.validate_on_submit()` (or `validate()`) of a Flask-WTF form holds
        (`env`): each field that converts or chooses (`IntegerField`,
        `SelectField`) holds a value it admits, whatever the code stored into its
        `data` before (`form.return_to.data = request.args.get(...)` to prefill)."""
        if not (
            isinstance(func, list)
            and func[0] == ir.ATTR
            and func[2] in ("validate_on_submit", "validate")
            and isinstance(func[1], list)
            and func[1][0] == ir.NAME
            and func[1][1] in env
        ):
            return
        form = env[func[1][1]]
        if form.cls is None or not form.fields or not self._binds_request_form(form.cls):
            return
        fields = dict(form.fields)
        for name, n in self._class_fields(form.cls):
            made_by = (str_attr(n.attrs, "assigned_call") or "").rsplit(".", 1)[-1]
            field = fields.get(name)
            if field is not None and (
                made_by in _TYPED_FORM_FIELDS or made_by in _TYPED_WTFORMS_FIELDS
            ):
                fields[name] = field.replace(fields={**(field.fields or {}), "data": EMPTY})
        env[func[1][1]] = form.replace(fields=fields)

    def _schema_success(self, e: Any, env: Env) -> None:
        """`SCHEMA.safeParse(x).success` holds (`env`): x is what the zod schema
        admits (`_schema_validated`), as `.data` would be; also through a name
        holding the result (`const r = S.safeParse(x); if (!r.success) ...`)."""
        if isinstance(e, list) and e[0] == ir.NAME and e[1] in self.stored_tests:
            call, assigned, names = self.stored_tests[e[1]]
            if env.get(e[1]) is not assigned or not self._unchanged(env, names):
                return
            e = call
        if not (
            _method_call(e, ("safeParse", "safeParseAsync"))
            and len(e[3]) == 1
            and isinstance(e[3][0], list)
        ):
            return
        data = e[3][0]
        passed = self._schema_validated(e[2], self.expr(e[2][1], env, 0), self.expr(data, env, 0))
        if passed is None or passed.fields is None or "data" not in passed.fields:
            return
        parsed = passed.fields["data"]
        # (The keys the schema names are as it says; the object itself still has
        # the others the request sent, `req.body.token`, which `.data` drops.)
        self._narrow_path(
            data,
            env,
            lambda v: (
                parsed
                if parsed.fields is None or parsed.elems is not None
                else parsed.replace(elems=v)
            ),
        )

    def _json_schema_check(self, call: list[Any], env: Env) -> None:
        """`validate(req.body)` with `const validate = ajv.compile(SCHEMA)`, or
        `ajv.validate(SCHEMA, req.body)`, holds (`env`): the object's properties
        are what the schema says of them (`route_validators.properties_of`), as
        a Fastify route's schema makes them."""
        func, args = call[2], call[3]
        schema = data = None
        if isinstance(func, list) and func[0] == ir.NAME and len(args) == 1:
            made = self._definition(func[1])
            if (
                _method_call(made, ("compile",))
                and made[3]
                and _is_ajv(self.expr(made[2][1], env, 0))
            ):
                schema, data = made[3][0], args[0]
        elif (
            isinstance(func, list)
            and func[0] == ir.ATTR
            and func[2] == "validate"
            and len(args) == 2
            and _is_ajv(self.expr(func[1], env, 0))
        ):
            schema, data = args[0], args[1]
        if schema is None or not isinstance(data, list):
            return
        checked = route_validators.properties_of(schema, self._definition)
        if checked:
            self._narrow_path(data, env, lambda v: self._with_checked_fields(v, checked))

    def _with_checked_fields(self, v: Val, checked: dict[str, frozenset[str]]) -> Val:
        """`v` (an object of data) with each key of `checked` safe for its classes
        (a schema's properties). The object's own data moves to its other keys
        (`elems`: what reading a key the schema does not name gives), so that
        reading a checked one does not add it back."""
        fields = dict(v.fields or {})
        inner: dict[str, dict[str, frozenset[str]]] = {}
        for key, classes in checked.items():
            outer, dot, field = key.partition(".")
            if dot:
                # A field of an object it holds (a GraphQL input's, `pairing.code`).
                inner.setdefault(outer, {})[field] = classes
            else:
                fields[key] = sanitize_val(self.attribute(v, key), classes)
        for outer, fields_checked in inner.items():
            if outer not in checked:
                fields[outer] = self._with_checked_fields(self.attribute(v, outer), fields_checked)
        rest = Val(v.taint) if v.taint else None
        if v.elems is not None:
            rest = v.elems if rest is None else join(v.elems, rest)
        return v.replace(taint={}, fields=fields, elems=rest)

    def _each_tested(self, call: list[Any], env: Env) -> tuple[bool, list[Any]] | None:
        """`all(test for v in (a, b))` / `any(...)` over a display of a few items:
        whether it is `all`, and the test with each item for `v`."""
        func, args = call[2], call[3]
        if (
            self.js
            or call[4]
            or len(args) != 1
            or not (isinstance(func, list) and func[0] == ir.NAME and func[1] in ("all", "any"))
            or func[1] in env
            or func[1] in self.bound
        ):
            return None
        comp = args[0]
        if not (isinstance(comp, list) and comp[0] == ir.COMP and len(comp[2]) == 1):
            return None
        target, iterable, conds = comp[2][0]
        if (
            conds
            or not (isinstance(target, list) and target[0] == ir.NAME)
            or not (isinstance(iterable, list) and iterable[0] == ir.SEQ)
            or not 0 < len(iterable[2]) <= consts.MAX_VALUES
        ):
            return None
        tests = [_substituted(comp[1], {target[1]: item}, 0) for item in iterable[2]]
        if any(t is None for t in tests):
            return None
        return func[1] == "all", tests

    def _each_element(self, call: list[Any], true_env: Env, false_env: Env, depth: int) -> bool:
        """`all(ok(u) for u in urls)` true, `any(not ok(u) for u in urls)` false (a
        JS `urls.every((u) => ok(u))`, `urls.some(...)` false): what the test
        proves of `u`, it proves of each element of the list `urls` names, which
        is read on as a list of such elements. Whether it proved something so."""
        func, args = call[2], call[3]
        if call[4] or len(args) != 1 or not isinstance(func, list):
            return False
        if not self.js and func[0] == ir.NAME and func[1] in ("all", "any"):
            if func[1] in true_env or func[1] in self.bound:
                return False
            comp = args[0]
            if not (isinstance(comp, list) and comp[0] == ir.COMP and len(comp[2]) == 1):
                return False
            target, seq, conds = comp[2][0]
            if conds or not (isinstance(target, list) and target[0] == ir.NAME):
                return False
            name, test, every = target[1], comp[1], func[1] == "all"
        elif self.js and func[0] == ir.ATTR and func[2] in ("every", "some"):
            lam = args[0]
            if not (isinstance(lam, list) and lam[0] == ir.LAMBDA and lam[1]):
                return False
            name, seq, every = lam[1][0], func[1], func[2] == "every"
            test = self._lambda_result(Val(fn=("lambda", None, lam)))
            if not isinstance(name, str) or test is None:
                return False
        else:
            return False
        return self._elements_checked(
            seq, name, test, true_env if every else false_env, every, depth
        )

    def _elements_checked(
        self, seq: Any, name: str, test: Any, env: Env, holds: bool, depth: int
    ) -> bool:
        """`test` (of `name`, one element of `seq`) is `holds` for every element of
        the list `seq` (a name, or a field of one: `body.urls`) is in `env`: that
        list is now one of such elements. Whether the test proved something of it."""
        split = _split_pieces(seq)
        if split is not None:
            return self._pieces_checked(split[0], split[1], seq, name, test, env, holds, depth)
        if not (isinstance(seq, list) and (seq[0] == ir.NAME or _field_parts(seq) is not None)):
            return False
        narrowed = self._element_narrowed(seq, name, test, env, holds, depth)
        if narrowed is None:
            return False
        self._narrow_path(seq, env, lambda _: Val(elems=narrowed))
        return True

    def _element_narrowed(
        self, seq: Any, name: str, test: Any, env: Env, holds: bool, depth: int
    ) -> Val | None:
        """An element of `seq` as `test` (of `name`) being `holds` leaves it; None
        when the test proves nothing of it."""
        elem = self.iterated(self.expr(seq, env, 0))
        probe = dict(env)
        probe[name] = elem
        # (Its calls again, with the element for the name: a check function's
        # facts are those of its call here.)
        self.expr(test, probe, 0)
        if holds:
            self._facts(test, probe, {}, depth + 1)
        else:
            self._facts(test, {}, probe, depth + 1)
        narrowed = probe.get(name)
        return None if narrowed is None or narrowed is elem else narrowed

    def _pieces_checked(
        self,
        text: Any,
        sep: str,
        seq: Any,
        name: str,
        test: Any,
        env: Env,
        holds: bool,
        depth: int,
    ) -> bool:
        """`test` is `holds` for every piece of `text.split(sep)` (`for label of
        host.split(".")`, each label checked against `^[a-z0-9-]+$`): `text` is
        those pieces and the separator, safe for what both are."""
        narrowed = self._element_narrowed(seq, name, test, env, holds, depth)
        if narrowed is None or not narrowed.taint:
            return False
        proved = frozenset.intersection(*(san for _, san in narrowed.taint))
        between = guards.match_classes(re.escape(sep) + "+")
        classes = (between if "*" in proved else proved & between) if between else frozenset()
        if not classes:
            return False
        self._narrow_path(text, env, lambda v: sanitize_val(v, classes))
        return True

    def _check_lambda(self, call: list[Any], env: Env) -> Any:
        """The expression of a Python lambda a name holds, called here with one
        plain argument per parameter, its parameters replaced by the arguments; None
        when the call is not that, or when a name the lambda reads besides its
        parameters is bound here (the lambda would read another variable)."""
        func, args = call[2], call[3]
        if self.js or call[4] or not (isinstance(func, list) and func[0] == ir.NAME):
            return None
        v = env.get(func[1])
        if v is None:
            v = self.lookup(func[1], env)
        made = v.fn
        if made is None or made[0] != "lambda" or len(made) != 4:
            return None
        lam = made[2]
        if not (isinstance(lam, list) and lam[0] == ir.LAMBDA and len(lam[1]) == len(args)):
            return None
        if any(isinstance(a, list) and a and a[0] == ir.STAR for a in args):
            return None
        names = dict(zip(lam[1], args))
        free = _names_read(lam[2], set(), 0) - names.keys()
        if any(n in env or n in self.bound or n in self.param_names for n in free):
            return None
        return _substituted(lam[2], names, 0)

    def _own_method_body(self, func: Any) -> ir.FlowFunction | None:
        """The body of `self.name(...)` called in a method: its own class's method
        `name` (`self.sign(blob)`), if the class defines it."""
        if not (
            isinstance(func, list)
            and func[0] == ir.ATTR
            and isinstance(func[2], str)
            and self.fn.kind == "METHOD"
            and self.param_names
            and func[1] == [ir.NAME, self.param_names[0]]
        ):
            return None
        return self.ff.bodies.get(f"{self.fn.path.rsplit('.', 1)[0]}.{func[2]}")

    def _signed_names(self, exprs: list[Any], env: Env, depth: int) -> set[str]:
        """The names an HMAC is computed over in `exprs`: the message arguments of
        `hmac.new(key, msg, ...)` / `crypto.createHmac(alg, key).update(msg)`, or
        the arguments of a function of this module that computes one."""
        out: set[str] = set()
        if depth > 6:
            return out
        for e in exprs:
            if not isinstance(e, list) or not e:
                continue
            if e[0] == ir.CALL:
                func, args = e[2], e[3]
                qn = self.callee_qn(func, env) or ""
                body = (
                    self.ff.bodies.get(func[1])
                    if isinstance(func, list) and func[0] == ir.NAME and func[1] not in env
                    else self._own_method_body(func)
                )
                if body is None and self.js and isinstance(func, list) and func[0] == ir.ATTR:
                    # An object literal's method (`this.sign(body)`).
                    body = _lambda_body(self.expr(func, env, depth))
                messages: list[Any] = []
                if qn in ("hmac.new", "hmac.digest"):
                    messages = args[1:2]
                elif qn.endswith(".update") and "createHmac" in qn:
                    messages = args[:1]
                elif body is not None and not body.words.isdisjoint(_HMAC_WORDS):
                    messages = list(args)
                for m in messages:
                    signed = {n for n in _names_read(m, set(), 0) if n in env}
                    # `update(body.snapshot)` of a field a check narrowed before
                    # (`typeof body.snapshot !== "string"`).
                    signed |= {k for k in _path_keys_read(m, set(), 0) if k in env}
                    for n in sorted(signed):
                        # `message = f"{account}|{issued_at}".encode()`: what the
                        # message was built of is signed too (one step: not what
                        # those were read from, `form` of `form.get("account")`).
                        bound = self._definition(n)
                        if _built_text(bound):
                            out |= {w for w in _names_read(bound, set(), 0) if w in env}
                    out |= signed
                out |= self._signed_names([func, *args], env, depth + 1)
            elif e[0] == ir.NAME:
                # `mac = hmac.new(KEY, blob, sha256).hexdigest()`, compared later.
                bound = self._definition(e[1])
                if bound is not None:
                    out |= self._signed_names([bound], env, depth + 1)
            else:
                out |= self._signed_names([x for x in e[1:] if isinstance(x, list)], env, depth + 1)
        return out

    def _checks(self, call: list[Any], qn: str, true_env: Env, false_env: Env) -> None:
        """The hand-written checks of guards.py: regular expressions, path and URL prefixes."""
        func, args = call[2], call[3]
        method = func[2] if isinstance(func, list) and func[0] == ir.ATTR else None
        receiver = func[1] if method is not None else None
        subject: Any = None
        classes: frozenset[str] | None = None
        #: A match proves the value starts with `/` (`re.match(r"/[\w/-]*", u)`).
        slash_first = False
        #: A search for one character the value must not hold (`/[^a-z0-9.-]/i`,
        #: `[<>"']`): where it finds none, what is left is what the class allows.
        denied: str | None = None
        if not self.js and qn in guards.REGEX_CALLS:
            at, full = guards.REGEX_CALLS[qn]
            if len(args) > at:
                pattern = single_const(self.expr(args[0], true_env, 0))
                subject = args[at]
                text = pattern if isinstance(pattern, str) else None
                search = qn.endswith("search")
                classes = guards.regex_classes(text, full, search)
                slash_first = guards.starts_with_slash(text, not search)
                denied = text if search and len(args) == 2 else None
        elif (
            not self.js
            and method in guards.REGEX_METHODS
            and qn.startswith(("re.compile()", "regex.compile()"))
        ):
            if args:
                subject = args[0]
                const = single_const(get_key(self.expr(receiver, true_env, 0), "pattern"))
                text = const if isinstance(const, str) else None
                classes = guards.regex_classes(
                    text, guards.REGEX_METHODS[method], method == "search"
                )
                slash_first = guards.starts_with_slash(text, method != "search")
                denied = text if method == "search" and len(args) == 1 else None
        elif self.js and method == "test" and args:
            # `/^[a-z]+$/.test(x)`, or `HOST_RE.test(x)` with `const HOST_RE = /.../`
            # here or in the module: a search; `m` makes `^`/`$` match at any line.
            literal = self._regex_literal(receiver, true_env)
            if literal is not None:
                subject = args[0]
                if "m" not in literal[3]:
                    classes = guards.regex_classes(literal[2], False, True)
                    slash_first = guards.starts_with_slash(literal[2], False)
                if not set(literal[3]) & {"g", "y"}:
                    # (With `g` or `y`, a test starts where the last one stopped. With
                    # `i`, the other case of a class's letters passes too: letters,
                    # which no class's attack needs.)
                    denied = literal[2]
        elif method in guards.PREFIX_METHODS and len(args) == 1:
            self._prefix_check(method, receiver, args[0], true_env, false_env)
            return
        elif method in ("endsWith", "endswith") and len(args) == 1:
            self._suffix_check(receiver, args[0], true_env)
            return
        elif self.js and method in ("includes", "has") and len(args) == 1:
            self._includes_check(receiver, args[0], true_env, false_env)
            return
        elif method == "get" and len(args) == 1 and _truthy_table(self.expr(receiver, true_env, 0)):
            # `TYPES.get(asset)` truthy, of a table whose values all are (`if
            # (!contentType) throw`): `asset` is one of its keys.
            if self.js:
                self._includes_check(receiver, args[0], true_env, false_env)
            else:
                self._allowlist([ir.BIN, "in", args[0], receiver], true_env)
            return
        elif self.js and method == "some" and len(args) == 1:
            # `segments.some((s) => s === "..")` false.
            if self._tests_dots(args[0]):
                self._no_dots_in_pieces(receiver, false_env)
            else:
                self._some_constant(receiver, args[0], true_env)
            return
        elif not self.js and qn in ("os.path.isabs", "posixpath.isabs") and len(args) == 1:
            # `os.path.isabs(name)` false: no absolute path (a join keeps its root).
            name = _checked_name(args[0])
            if isinstance(name, list) and name[0] == ir.NAME and name[1] in false_env:
                false_env[name[1]] = guards.mark(false_env[name[1]], guards.NOT_ABSOLUTE)
            return
        elif (
            not self.js
            and method == "is_absolute"
            and not args
            and isinstance(receiver, list)
            and receiver[0] == ir.NAME
            and receiver[1] in false_env
            and (false_env[receiver[1]].qn or "").startswith("pathlib.")
        ):
            # `candidate.is_absolute()` false, of a `PurePosixPath(name)`: likewise.
            false_env[receiver[1]] = guards.mark(false_env[receiver[1]], guards.NOT_ABSOLUTE)
            return
        elif not self.js and qn == "any" and len(args) == 1 and not call[4]:
            # `any(p == ".." for p in name.split("/"))` false.
            gen = args[0]
            if (
                isinstance(gen, list)
                and gen[0] == ir.COMP
                and len(gen[2]) == 1
                and not gen[2][0][2]
                and _dots_test(gen[1], gen[2][0][0])
            ):
                self._no_dots_in_pieces(gen[2][0][1], false_env)
            return
        subject = _checked_name(subject)
        if not (isinstance(subject, list) and subject[0] == ir.NAME):
            return
        allowed = guards.removal_classes(denied) if denied is not None else None
        if allowed is not None and (held := false_env.get(subject[1])) is not None:
            false_env[subject[1]] = sanitize_val(held, allowed)
        if classes is None and not slash_first:
            return
        v = true_env.get(subject[1])
        if v is not None:
            if classes is not None:
                v = guards.checked(v, classes)
            if slash_first:
                # With `not u.startswith("//")` too, a path of this site (guards.py).
                v = guards.after_startswith(v, frozenset({"/"}), True)
            true_env[subject[1]] = v

    def _element_made(self, argv: list[Val], env: Env, site: str) -> Val:
        """`React.createElement(type, props, ...children)`, as JSX is: React escapes
        the text and attributes it renders, so the element holds no HTML of the
        data; only `props.dangerouslySetInnerHTML` is set as HTML (the sink). A
        component of the workspace (`h(ProfileCard, {bio})`) renders with the
        props (and the children) it is given."""
        props = argv[1] if len(argv) > 1 else EMPTY
        raw = (props.fields or {}).get("dangerouslySetInnerHTML")
        if raw is not None:
            html = (raw.fields or {}).get("__html", raw)
            for m in self.matcher.attribute_sinks.find("?.dangerouslySetInnerHTML", "javascript"):
                self.sink_hits(m, deep_taint(html), site or self.site_node, -1)
        component = argv[0] if argv else EMPTY
        if len(argv) > 2:
            props = _set_key(props, "children", Val(seq=tuple(argv[2:])))
        if component.fn is not None and component.fn[0] in ("lambda", "def"):
            self.inline(component, None, [props], {}, env, site)
        elif _function_ref(component) and self.depth < MAX_CALL_DEPTH:
            ref = _ref(component)
            assert ref is not None
            self.apply(ref, [ir.NAME, ""], [], None, [props], {}, env, site, None)
        return EMPTY

    def _each_alternative(self, e: list[Any], recv: Val, env: Env, depth: int) -> Val:
        """`(secure ? https : http).get(url)`, `(shell ? exec : execFile)(cmd)`: the
        method (or function) of each library object the receiver (or callee) may be,
        called with the same arguments; what it returns is either's. So for an
        object of one of a few workspace classes (`strategy.clause(column)`), and
        for one of a few classes themselves (`PROBES.get(kind).from_payload(b)`)."""
        _, i, func, args, kwargs = e
        either = [ir.NAME, _EITHER_NAME]
        callee = [ir.ATTR, either, func[2]] if func[0] == ir.ATTR else either
        out: Val | None = None
        assert recv.fn is not None
        of_class = recv.fn[0] == _CLASSES
        class_refs = recv.fn[0] == _UNION
        for one in recv.fn[1]:
            inner = dict(env)
            inner[_EITHER_NAME] = (
                Val(fn=one, cls=one[1])
                if class_refs
                else recv.replace(cls=one, fn=None)
                if of_class
                else recv.replace(qn=one, fn=None)
            )
            got = self.call([ir.CALL, i, callee, args, kwargs], inner, depth)
            inner.pop(_EITHER_NAME, None)
            env.update(inner)
            out = got if out is None else join(out, got)
        return out if out is not None else EMPTY

    def _matched_pattern(
        self, qn: str | None, func: Any, recv: Val | None, args: list[Any], argv: list[Val]
    ) -> str | None:
        """The pattern whose match (or found texts) a call returns: `re.match(P, s)`,
        `re.findall(P, s)`, `re.compile(P).search(s)`, `RE.exec(s)`, `s.match(RE)`."""
        method = func[2] if isinstance(func, list) and func[0] == ir.ATTR else None
        if self.js:
            literal = self._js_matched_literal(func, args)
            return literal[2] if literal is not None else None
        if qn is None:
            return None
        pattern: object = None
        if qn.startswith(("re.", "regex.")) and qn.split(".", 1)[1] in _MATCH_FUNCTIONS:
            pattern = single_const(argv[0]) if argv else None
        elif (
            qn.startswith(("re.compile().", "regex.compile()."))
            and method in _MATCH_FUNCTIONS
            and recv is not None
        ):
            pattern = single_const(get_key(recv, "pattern"))
        return pattern if isinstance(pattern, str) else None

    def _js_matched_literal(self, func: Any, args: list[Any]) -> list[Any] | None:
        """The regular-expression literal a JS match call uses: `RE.exec(s)`,
        `s.match(RE)`, `s.matchAll(RE)`."""
        if not (isinstance(func, list) and func[0] == ir.ATTR):
            return None
        if func[2] == "exec":
            return self._regex_literal(func[1])
        if func[2] in ("match", "matchAll") and len(args) == 1:
            return self._regex_literal(args[0])
        return None

    def _exec_groups(self, func: Any, args: list[Any]) -> list[frozenset[str] | None]:
        """The classes of each group of a JS match array (`RE.exec(s)`, or `s.match(RE)`
        without the `g` flag, which gives every match instead); [] otherwise."""
        if not self.js or func[2:3] == ["matchAll"]:
            return []
        literal = self._js_matched_literal(func, args)
        if literal is None or "g" in literal[3]:
            return []
        return guards.group_classes(literal[2])

    def _regex_literal(self, e: Any, env: Env | None = None) -> list[Any] | None:
        """The regular-expression literal `e` is, or a name holds: assigned it once,
        at the top of this body or (not bound here) of the module, and nothing
        else there; or, in `env`, the one regular expression its value is (a
        parameter, a name a closure captured)."""
        if guards.is_regex_literal(e):
            return list(e)
        value = None
        if env is not None and isinstance(e, list) and e[0] == ir.NAME:
            value = env.get(e[1]) or (self.closure or {}).get(e[1])
        if value is not None:
            held = [f for f in value.flags if f.startswith(_REGEX_FLAG)]
            if len(held) == 1:
                flags, _, pattern = held[0][len(_REGEX_FLAG) :].partition("/")
                return [ir.OPAQUE, ir.REGEX, pattern, flags]
        if (
            self.js
            and isinstance(e, list)
            and e[0] == ir.ATTR
            and e[1] == [ir.NAME, "this"]
            and self.fn.kind == "METHOD"
        ):
            return self._field_regex(self.fn.path.rpartition(".")[0], e)
        if not (isinstance(e, list) and e[0] == ir.NAME):
            return None
        name = e[1]
        local = name in self.bound or name in self.param_names
        owner = self.fn if local else self.ff.bodies.get("")
        target = [ir.NAME, name]
        writes = [
            s
            for s in (owner.body if owner is not None else ())
            if (s[0] == ir.ASSIGN and s[1] == target) or (s[0] == ir.AUG and s[2] == target)
        ]
        if len(writes) == 1 and writes[0][0] == ir.ASSIGN and guards.is_regex_literal(writes[0][2]):
            return list(writes[0][2])
        return None

    def _field_regex(self, cls: str, target: list[Any]) -> list[Any] | None:
        """`this.pattern` of a class whose field is a regular-expression literal
        (`private readonly pattern = /^[a-z]+$/`) that no method of it assigns."""
        prefix = cls + "."
        writes: list[list[Any]] = []
        for path, b in self.ff.bodies.items():
            if not path.startswith(prefix) or "." in path[len(prefix) :]:
                continue
            for st in _nested_statements(b.body):
                if st is None:
                    return None
                if (st[0] == ir.ASSIGN and st[1] == target) or (
                    st[0] == ir.AUG and st[2] == target
                ):
                    writes.append(st)
        if len(writes) == 1 and writes[0][0] == ir.ASSIGN and guards.is_regex_literal(writes[0][2]):
            return list(writes[0][2])
        return None

    def _prefix_check(
        self, method: str, name: Any, arg: Any, true_env: Env, false_env: Env
    ) -> None:
        """`x.startswith(P)` / `x.startsWith(P)` / `x.is_relative_to(P)`, both ways."""
        if (
            isinstance(name, list)
            and name[0] == ir.CALL
            and method != "is_relative_to"
            and self.expr(arg, true_env, 0).consts == frozenset({".."})
            and self._relative_call(name, None, false_env)
        ):
            # `os.path.relpath(full, ROOT).startswith("..")` written inline.
            return
        inner = _first_name_argument(name)
        if inner is not None:
            # `os.path.realpath(target).startswith(ROOT + os.sep)`: what the check
            # proves of the path made normal holds for `target`, which the system
            # resolves the same way when it is opened.
            self._normalized_prefix_check(method, name, inner, arg, true_env, false_env)
            return
        if not (isinstance(name, list) and name[0] == ir.NAME):
            return
        prefix = self.expr(arg, true_env, 0)
        texts = prefix.consts
        if prefix.seq is not None:
            items = [single_const(x) for x in prefix.seq]
            texts = frozenset(items) if NO_CONST not in items else None
        if method != "is_relative_to" and (
            texts == frozenset({".."})
            or (texts and texts <= _PARENT_PREFIXES)
            or self._parent_and_separator(arg, true_env)
        ):
            # (`rel.startsWith(".." + path.sep)`: the parent or above.)
            self._relative_check(name[1], false_env)
        under_code_dir = texts is None and not _untrusted(
            self._not_own_state(prefix), "path-traversal"
        )
        #: In a summary, a directory handed in (`root = realpath(dest)` of a
        #: parameter): the check holds on the condition that the caller's is the
        #: code's (`_Subst.settled_marks`), the environment's included.
        marks: frozenset[str] = frozenset()
        if texts is None and not under_code_dir and self.summary:
            got = _trust_marks(self._not_own_state(prefix))
            if got:
                under_code_dir, marks = True, got
        for env, holds in ((true_env, True), (false_env, False)):
            v = env.get(name[1])
            if v is None:
                continue
            if method == "is_relative_to" or under_code_dir:
                # Under a directory the code names (not a constant: `BASE + os.sep`);
                # for a prefix of the text, not one made normal or joined, which ends
                # without its separator (`path.resolve(ROOT)`: `/srv/exports-old/...`
                # starts with it). `is_relative_to` compares whole parts.
                if (
                    holds
                    and guards.NORMALIZED_PATH in v.flags
                    and (
                        method == "is_relative_to"
                        or not (
                            self._flagged(guards.NORMALIZED_PATH, prefix)
                            or self._flagged(guards.JOINED_PATH, prefix)
                        )
                    )
                ):
                    env[name[1]] = sanitize_val(v, _marked(guards.PATH_CLASSES, marks))
                continue
            env[name[1]] = guards.after_startswith(v, texts, holds)
        checked = [env.get(name[1]) for env in (true_env, false_env)]
        if any(v is not None and guards.NORMALIZED_PATH in v.flags for v in checked):
            # `real = os.path.realpath(candidate)`, then `real.startswith(...)`:
            # what it proves of `real` holds for `candidate`. (The body is looked
            # at only for a path made normal.)
            source = self._normalized_from(name[1])
            if source is not None:
                self._carry_path_check(true_env, checked[0], source)
                self._carry_path_check(false_env, checked[1], source)

    def _carry_path_check(self, env: Env, checked: Val | None, source: str) -> None:
        """`source` made safe for paths in `env` when `checked`, the path made normal
        from it, was proved inside a directory (and `source` was not already)."""
        held = env.get(source)
        if (
            checked is not None
            and held is not None
            and guards.NORMALIZED_PATH in checked.flags
            and not _untrusted(deep_taint(checked), "path-traversal")
            and _untrusted(deep_taint(held), "path-traversal")
        ):
            env[source] = sanitize_val(held, guards.PATH_CLASSES)

    def _normalized_from(self, name: str) -> str | None:
        """The name `name` was made from by a call of it, assigned once at the top
        of this body and never rebound there (`real = os.path.realpath(candidate)`)."""
        writes = [
            s
            for s in self.fn.body
            if (s[0] == ir.ASSIGN and s[1] == [ir.NAME, name])
            or (s[0] == ir.AUG and s[2] == [ir.NAME, name])
        ]
        if len(writes) != 1 or writes[0][0] != ir.ASSIGN:
            return None
        source = _first_name_argument(writes[0][2])
        if source is None:
            return None
        rebound = any(
            st is None or (st[0] in (ir.ASSIGN, ir.AUG) and [ir.NAME, source] in st[1:3])
            for st in _nested_statements(self.fn.body)
        )
        return None if rebound or source == name else source

    def _normalized_prefix_check(
        self, method: str, call: Any, inner: str, arg: Any, true_env: Env, false_env: Env
    ) -> None:
        """`_prefix_check` of a normalizing call of a name, carried back to the name
        where it proves the path inside a directory."""
        before = true_env.get(inner)
        if before is None or not _untrusted(deep_taint(before), "path-traversal"):
            return
        normal = self.expr(call, true_env, 0)
        if guards.NORMALIZED_PATH not in normal.flags:
            return
        # The check runs on the value made normal under a name no body has.
        probe = "\x00normal"
        checked_true: Env = {**true_env, probe: normal}
        checked_false: Env = {**false_env, probe: normal}
        self._prefix_check(method, [ir.NAME, probe], arg, checked_true, checked_false)
        self._carry_path_check(true_env, checked_true[probe], inner)
        self._carry_path_check(false_env, checked_false[probe], inner)

    def _parent_and_separator(self, e: Any, env: Env) -> bool:
        """`".." + path.sep` (`os.sep`): the parent directory and a separator."""
        if not (isinstance(e, list) and e[0] == ir.BIN and e[1] == "+" and e[2] == ".."):
            return False
        return self.expr(e[3], env, 0).qn in _SEPARATORS

    def _relative_check(self, rel: str, env: Env) -> None:
        """Where `rel` does not start with `..` and is `path.relative(ROOT, full)`
        (Python: `os.path.relpath(full, ROOT)`): `full` lies under ROOT, and `rel`
        is a path inside it."""
        self._relative_call(self._definition(rel), rel, env)

    def _relative_call(self, bound: Any, rel: str | None, env: Env) -> bool:
        """`_relative_check` of the call `path.relative(ROOT, full)` (`os.path.
        relpath(full, ROOT)`), bound to `rel` or written inline: whether it is one."""
        if not (isinstance(bound, list) and bound[0] == ir.CALL and len(bound[3]) >= 2):
            return False
        qn = self.callee_qn(bound[2], env)
        if self.js and qn in ("path.relative", "path.posix.relative"):
            under = bound[3][1]
        elif not self.js and qn in ("os.path.relpath", "posixpath.relpath"):
            under = bound[3][0]
        else:
            return False
        for n in (under[1] if isinstance(under, list) and under[0] == ir.NAME else None, rel):
            if n is not None and n in env:
                env[n] = sanitize_val(env[n], guards.PATH_CLASSES)
        return True

    def _not_own_state(self, v: Val) -> Taint:
        """The data of `v` but what a method's own object holds (`this.root`,
        `self.base`: the state its constructor was given, the deployment's
        configuration as often as not; a summary sees it as a parameter's)."""
        own = "P|-1" if self.js else "P|0"
        if not self.summary or self.fn.kind != "METHOD" or (not self.js and not self.fn.params):
            return deep_taint(v)
        return {
            k: h for k, h in deep_taint(v).items() if k[0] != own and not k[0].startswith(own + "|")
        }

    def _common_path_check(self, test: list[Any], env: Env) -> None:
        """`os.path.commonpath([p, BASE]) == BASE` where it holds: a normalised `p`
        lies under BASE (as `p.startswith(BASE)` says), so no path traversal."""
        for call, other in ((test[2], test[3]), (test[3], test[2])):
            if not (isinstance(call, list) and call and call[0] == ir.CALL and call[3]):
                continue
            if self.callee_qn(call[2], env) not in guards.COMMON_PATH:
                continue
            if not _path_safe(self.expr(other, env, 0)):
                return
            paths = call[3][0]
            if not (isinstance(paths, list) and paths and paths[0] == ir.SEQ):
                return
            for item in paths[2]:
                if isinstance(item, list) and item[0] == ir.NAME and item[1] in env:
                    v = env[item[1]]
                    if guards.NORMALIZED_PATH in v.flags:
                        env[item[1]] = sanitize_val(v, guards.PATH_CLASSES)
            return

    def _parent_dir_check(self, test: list[Any], env: Env) -> None:
        """`os.path.dirname(p) == BASE` (`path.dirname(p) === ROOT`, pathlib's
        `p.parent == BASE`) where it holds, with `p` normalised and BASE not the
        request's: `p` names an entry right inside BASE, so no path traversal."""
        for side, other in ((test[2], test[3]), (test[3], test[2])):
            if not isinstance(side, list) or not side:
                continue
            if (
                side[0] == ir.CALL
                and side[3]
                and self.callee_qn(side[2], env) in guards.PATH_DIRNAMES
            ):
                path = side[3][0]
            elif side[0] == ir.ATTR and side[2] == "parent" and not self.js:
                path = side[1]
            else:
                continue
            if not (isinstance(path, list) and path[0] == ir.NAME and path[1] in env):
                return
            if not _path_safe(self.expr(other, env, 0)):
                return
            v = env[path[1]]
            if guards.NORMALIZED_PATH in v.flags:
                env[path[1]] = sanitize_val(v, guards.PATH_CLASSES)
            return

    def _host_name(self, e: Any) -> bool:
        """Whether `e` is a name that holds a URL's host as it was read (`host =
        new URL(u).hostname`, `const { hostname } = new URL(u)`)."""
        return (
            isinstance(e, list)
            and e[0] == ir.NAME
            and e[1] in self.stored_tests
            and _host_read(self.stored_tests[e[1]][0]) is not None
        )

    def _includes_check(self, receiver: Any, arg: Any, true_env: Env, false_env: Env) -> None:
        """JS `name.includes("..")` false: no climbing; `ALLOWED.includes(x)` true: x is one of them."""
        folded = _case_folded(arg)
        if folded is not arg and not isinstance(receiver, str):
            # `HOSTS.has(url.hostname.toLowerCase())`: x is one of them but for its
            # case, which changes no host and adds no character an attack needs.
            if (isinstance(folded, list) and folded[0] == ir.ATTR and folded[2] in _HOST_PARTS) or (
                self._host_name(folded)
            ):
                self._includes_check(receiver, folded, true_env, false_env)
            elif isinstance(folded, list) and (
                folded[0] == ir.NAME or _field_parts(folded) is not None
            ):
                # (What the list proves of the value as written, checked on a copy:
                # the value itself is not one of them, so it keeps no constant.)
                probe: Env = dict(true_env)
                self._includes_check(receiver, folded, probe, {})
                if not deep_taint(self.expr(folded, probe, 0)):
                    self._narrow_path(folded, true_env, lambda v: sanitize_val(v, ALL))
            return
        if isinstance(arg, str) and ".." in arg:
            if isinstance(receiver, list) and receiver[0] == ir.NAME and receiver[1] in false_env:
                v = false_env[receiver[1]]
                false_env[receiver[1]] = sanitize_val(v, guards.NO_PARENT_STEPS)
            if arg == "..":
                # `name.split("/").includes("..")` false.
                self._no_dots_in_pieces(receiver, false_env)
            return
        if isinstance(arg, str) and len(arg) == 1:
            # `value.includes("'")` false: the text holds no such character (a
            # literal quoted with it cannot be left: `_joined_taint`).
            if isinstance(receiver, list) and receiver[0] == ir.NAME and receiver[1] in false_env:
                v = false_env[receiver[1]]
                if deep_taint(v):
                    false_env[receiver[1]] = guards.take_out(v, frozenset(arg))
            return
        # (`const host = new URL(u).hostname` ... `ALLOWED.has(host)` too.)
        host_name = self._host_name(arg)
        if host_name or (isinstance(arg, list) and arg[0] == ir.ATTR and arg[2] in _HOST_PARTS):
            # `ALLOWED_HOSTS.has(url.hostname)` true: the URL stays on those hosts.
            allowed = self.expr(receiver, true_env, 0)
            marks = _trust_marks(deep_taint(allowed))
            if marks is not None and allowed.fn is None and allowed.consts is None:
                # (A list of the code's, the deployment's, or the caller's: not a
                # string, whose substrings `includes` would let through.)
                self._netloc_check(arg, true_env, _marked(url_prefix.URL_CLASSES, marks))
            if not host_name:
                return
        if not (isinstance(arg, list) and (arg[0] == ir.NAME or _field_parts(arg) is not None)):
            return
        allowed = self.expr(receiver, true_env, 0)
        taint = deep_taint(allowed)
        # (Only data needs narrowing: a checked constant keeps what it is.)
        checked_data = bool(deep_taint(self.expr(arg, true_env, 0)))
        one_of: Val | None = None
        if taint:
            marks = _trust_marks(taint)
            if marks is None or not checked_data:
                return
            if marks:
                # A list the caller handed (`check(raw, ALLOWED)`): one of its
                # members if the caller's list is the code's (`_Subst.settled_marks`).
                every = _marked(frozenset({"*"}), marks)
                self._narrow_path(arg, true_env, lambda v: sanitize_val(v, every))
                return
            # A list the deployment configured (`process.env.HOSTS.split(",")`).
            one_of = Val()
        elif allowed.seq is None:
            # `new Set(["a", "b"]).has(x)`: a set keeps its elements' values.
            known = allowed.elems.consts if allowed.elems is not None else None
            if known is not None and allowed.fields is None:
                one_of = Val(consts=known)
            elif allowed.qn == "Map" and allowed.fields and allowed.elems is None:
                # `new Map([["a", 1]]).has(x)`: x is one of its keys.
                one_of = Val(consts=frozenset(allowed.fields))
        else:
            items = [single_const(x) for x in allowed.seq]
            if NO_CONST not in items and len(items) <= consts.MAX_VALUES:
                one_of = Val(consts=frozenset(items))
        if one_of is None and allowed.fn is None and checked_data:
            # `TIMEZONES.includes(prefs.timezone)` of a list the code made, not
            # the request (`Intl.supportedValuesOf("timeZone")`, a table read
            # at start-up): the value is one of its members, whatever they are.
            one_of = Val()
        if one_of is not None:
            self._narrow_path(arg, true_env, lambda _: one_of)

    def loop(self, s: list[Any], env: Env, depth: int) -> Env | None:
        test, body, orelse = s[1], s[2], s[3]
        # Whether the body certainly runs once: a test true on entry (`while n < 3`
        # with `n = 0`), or a loop over a literal list or a constant `range(k)`.
        runs = False
        if test is not None:
            truth = consts.truth(self.expr(test, env, 0).consts, self.js)
            if truth is False:
                return self.block(orelse, env, depth + 1)
            runs = truth is True
        else:
            items = self._known_items(body, env)
            if items is not None:
                return self._past_element_checks(body, self._unrolled(s, items, env, depth), depth)
            runs = _constant_range(body)
        state: Env = env
        breaks: list[Env] = []
        for round_ in range(LOOP_ROUNDS):
            self.jumps.append(([], []))
            try:
                after = self.block(body, dict(state), depth + 1)
            finally:
                continues, broken = self.jumps.pop()
            for c in continues:
                after = join_env(after, c)
            breaks.extend(broken)
            if round_ == 0 and runs and after is not None:
                # The state before the body is gone once it ran.
                state = after
                continue
            joined = join_env(state, after)
            if joined is None or same_env(joined, state):
                state = joined if joined is not None else state
                break
            state = joined
        out = self.block(orelse, state, depth + 1)
        for b in breaks:
            # `for ...: if match: found = x; break`: after the loop (not its `else`).
            out = join_env(out, b)
        if test is None:
            out = self._past_element_checks(body, out, depth)
        pieces = _pieces_refused(body) if test is None and out is not None else None
        if pieces is not None and out is not None:
            # `for segment in name.split("/"): if segment == "..": raise ...`: past
            # the loop, no piece of the name climbs a directory.
            self._no_dots_in_pieces(pieces, out)
        return out

    def _past_element_checks(self, body: list[Any], out: Env | None, depth: int) -> Env | None:
        """`out` past a `for` loop whose body leaves where its element fails a check
        (`for target of targets: if (!HOST.test(target)) return reject(...)`):
        every element of the container passed it."""
        if out is None:
            return out
        stops = functools.partial(self._stops, env=out)
        for seq, name, refused in _elements_refused(body, stops):
            self._elements_checked(seq, name, refused, out, False, depth)
        return out

    def _stops(self, func: Any, env: Env) -> bool:
        """Whether calling `func` ends the branch, as `raise` does: `abort(403)`,
        `sys.exit()`, or a module function that always exits or throws
        (`usage("bad width")`)."""
        return self.callee_qn(func, env) in guards.NO_RETURN or self._never_returns(func, env)

    def _known_items(self, body: list[Any], env: Env) -> list[Val] | None:
        """The items a `for ... in/of` loop runs over, in order, when they are known:
        a literal list or tuple of constants and names, or a name holding one
        (nothing appended since: its positions are all it holds)."""
        it = _loop_iterable(body)
        if _slice_of_name(it):
            # `for host in HOSTS[1:]`, `HOSTS.slice(1)`: a part of one (no call
            # that could do anything but slice runs twice).
            v = self.expr(it, env, 0)
            if v.seq is not None and v.elems is None and 0 < len(v.seq) <= _UNROLL_ITEMS:
                return list(v.seq)
            return None
        if isinstance(it, list) and len(it) == 2 and it[0] == ir.NAME:
            name = it[1]
            if name in env:
                v = env[name]
            elif name not in self.bound and name not in self.param_names:
                # A module's list (`for step in PIPELINE:`), as the module made it.
                v = self.lookup(name, env)
            else:
                return None
            if v.seq is not None and v.elems is None and 0 < len(v.seq) <= _UNROLL_ITEMS:
                return list(v.seq)
            return None
        items = _literal_items(body)
        return [self.expr(item, env, 0) for item in items] if items is not None else None

    def _unrolled(self, s: list[Any], items: list[Val], env: Env, depth: int) -> Env | None:
        """`for x in [a, "b"]:`: the body once per item, in order (the last one's
        assignments are what follows sees, with what a `break` left)."""
        target, rest, orelse = s[2][0][1], s[2][1:], s[3]
        # `for value in (self.database, self.label): if not NAME.fullmatch(value):
        # raise ...`: what a round's checks proved of its item holds of what the
        # item was read from (the name is not bound again in the body).
        paths = _literal_items(s[2])
        name = target[1] if isinstance(target, list) and target[0] == ir.NAME else None
        if paths is None or len(paths) != len(items) or name is None or _writes_of(rest, name):
            paths = None
        state: Env | None = env
        breaks: list[Env] = []
        for n, item in enumerate(items):
            if state is None:
                break
            self.jumps.append(([], []))
            try:
                round_env = dict(state)
                self.assign(target, item, round_env, -1)
                bound = round_env.get(name) if name is not None else None
                after = self.block(rest, round_env, depth + 1)
            finally:
                continues, broken = self.jumps.pop()
            for c in continues:
                after = join_env(after, c)
            breaks.extend(broken)
            if (
                paths is not None
                and after is not None
                and isinstance(paths[n], list)
                and name is not None
                and (checked := after.get(name)) is not None
                and checked is not bound
            ):
                self.assign(paths[n], checked, after, -1)
            state = after
        out = self.block(orelse, state, depth + 1) if state is not None else None
        for b in breaks:
            out = join_env(out, b)
        return out

    def raise_(self, v: Val) -> None:
        self.raised = v if self.raised is None else join(self.raised, v)

    def _swap_raised(self, v: Val | None) -> Val | None:
        """What was raised so far, replaced by `v` (a `try` body starts afresh)."""
        old, self.raised = self.raised, v
        return old

    def try_(self, s: list[Any], env: Env, depth: int) -> Env | None:
        body, handlers, orelse, final = s[1], s[2], s[3], s[4]
        outer = self._swap_raised(None)
        after = self.block(body, dict(env), depth + 1)
        caught = self._swap_raised(outer)
        if (handlers or caught is not None) and after is not None and self._quiet(body, dict(env)):
            # Nothing in the body can raise (`limit = int("12")`, a `raise` under a
            # condition that is false): no handler runs, nothing leaves it raised.
            handlers, caught = [], None
        if after is not None and orelse:
            after = self.block(orelse, after, depth + 1)
        if not handlers and caught is not None:
            self.raise_(caught)
        # An exception may leave the body anywhere: handlers start from either state.
        start = join_env(env, after) or env
        out = after
        # Any handler may be the one that catches what the body raised.
        self.caught.append(caught or EMPTY)
        try:
            for h in handlers:
                out = join_env(out, self.block(h, dict(start), depth + 1))
        finally:
            self.caught.pop()
        if final:
            if out is None:
                self.block(final, dict(start), depth + 1)
                return None
            out = self.block(final, out, depth + 1)
        return out

    def _quiet(self, body: list[Any], env: Env) -> bool:
        """Whether statements can raise nothing: names bound to what cannot raise
        (`limit = int("12")`), and conditions whose constant value picks a branch
        that can raise nothing (`if LIMIT > 10: raise ...` of a constant LIMIT).
        `env` is a copy, bound as the statements run."""
        for st in body:
            if not isinstance(st, list) or not st:
                return False
            if st[0] == ir.ASSIGN and isinstance(st[1], list) and st[1][:1] == [ir.NAME]:
                value = self._quiet_value(st[2], env)
                if value is None:
                    return False
                env[st[1][1]] = value
                continue
            if st[0] == ir.IF:
                test = self._quiet_value(st[1], env)
                truth = consts.truth(test.consts, self.js) if test is not None else None
                if truth is None or not self._quiet(st[2] if truth else st[3], env):
                    return False
                continue
            return False
        return True

    def _quiet_value(self, e: Any, env: Env) -> Val | None:
        """The value of an expression that cannot raise (None: it may): a constant, a
        name, operators on those that fold to constants (`(7 * 42) - 106 > 200`: an
        operation that would raise does not fold), Python's `int()`, `float()` or
        `str()` of a literal they take."""
        if not isinstance(e, list):
            return self.expr(e, env, 0)
        if not e:
            return None
        if e[0] == ir.NAME:
            return self.expr(e, env, 0)
        if e[0] in (ir.BIN, ir.UN):
            operands = e[2:] if e[0] == ir.BIN else e[2:3]
            if any(self._quiet_value(x, env) is None for x in operands):
                return None
            v = self.expr(e, env, 0)
            return v if v.consts is not None else None
        if e[0] == ir.CALL and not self.js and not e[4] and len(e[3]) == 1:
            func, arg = e[2], e[3][0]
            convert = _QUIET_CONVERSIONS.get(
                func[1] if isinstance(func, list) and func[:1] == [ir.NAME] else ""
            )
            if convert is None or isinstance(arg, list | bool) or arg is None:
                return None
            try:
                return const_val(convert(arg))
            except (TypeError, ValueError, OverflowError):
                return None
        return None

    def returned(self, val: Val, site: int, plain_response: bool = False) -> None:
        """A value the body returns (`site`: its statement); `plain_response`: every
        path to it declared a content type that is not HTML (Bottle's global
        `response.content_type = "application/json"`: `_PLAIN_RESPONSE`)."""
        if (
            self.js
            and not self.summary
            and self.fn.kind == "FUNCTION"
            and self.fn.path in _PROPS_MAKERS
        ):
            # `return { props: { bodyHtml } }`: what the page renders.
            self._write_state(_PAGE_PROPS, get_key(val, "props"), self.state_writes)
        if (
            not self.summary
            and self.fn.kind in ("FUNCTION", "METHOD", "LAMBDA")
            and self.matcher.return_sinks
        ):
            for m in self.matcher.return_sinks:
                if m.language not in ("any", self.ff.language):
                    continue
                if m.params:
                    if _params_named(self.fn.params, m.params):
                        self._returned_response(m, val, site)
                    continue
                if self.fn.kind == "LAMBDA":
                    continue
                if m.function and m.args and not m.base:
                    # A function a framework calls by its name and reads the parts
                    # of what it returns (Next.js's `getServerSideProps` returning
                    # `{ redirect: { destination } }`).
                    if _globs(m.function).match(self.fn.path.rsplit(".", 1)[-1]):
                        self._returned_response(m, val, site)
                    continue
                if m.decorator and not self.world.decorated(self.file, self.func_id, m.decorator):
                    continue
                if m.base and not (
                    self.fn.kind == "METHOD"
                    and (
                        not m.function or _globs(m.function).match(self.fn.path.rsplit(".", 1)[-1])
                    )
                    and self.world.in_class_based_on(self.file, self.fn.path, m.base, self.deps)
                ):
                    continue
                if m.not_on and self.world.decorated_on(self.file, self.func_id, m.not_on):
                    continue
                if m.on and not self.world.decorated_on(self.file, self.func_id, m.on):
                    continue
                if m.starts_page and plain_response:
                    continue
                if m.own_taint:
                    # The value itself, or a `(body, status)` tuple's body: a
                    # dict returned is JSON, not the attacker's HTML.
                    taint = val.taint
                    if val.seq and not any(_plain_content_type(h) for h in val.seq[1:]):
                        taint = merge_taint(taint, val.seq[0].taint)
                else:
                    taint = deep_taint(val)
                self.sink_hits(m, taint, self.func_id, site)
        self.ret = val if self.ret is None else join(self.ret, val)

    def _returned_response(self, m: SinkModel, val: Val, site: int) -> None:
        """A response a handler returns as data (a Lambda's `{"statusCode": 302,
        "headers": {"Location": u}}`): the parts the sink names, when its
        conditions hold of the value."""
        if m.when and not all(self.condition(c, [val], {}, cls=m.cls) for c in m.when):
            return
        taint: Taint = {}
        for a in m.args:
            v = self._arg(a, None, [val], {})
            if v is not None:
                taint = merge_taint(taint, v.taint if m.own_taint else deep_taint(v))
        self.sink_hits(m, taint, self.func_id, site)

    # -- assignment ------------------------------------------------------------------------

    def _alternative(self, name: str, val: Val) -> Val:
        """An entry's name given one of a few objects or functions: noted as a
        name to split on, and, in a run that follows one alternative, that one
        (by its place: a lambda's value differs from run to run)."""
        entry = self.entry
        key = (self.scope, name)
        fn = val.fn
        if fn is not None and fn[0] == _RETURNED and val.cls is None:
            if key in entry.forced:
                val = _with_fields_of(self._returned_object(fn[1], fn[2]), val)
                fn = val.fn
            else:
                entry.returned_names.setdefault(key, (fn[1], fn[2]))
                return val
        if fn is None or (fn[0] != _CLASSES and fn[0] != _UNION):
            return val
        alternatives = tuple(fn[1])
        at = entry.forced.get(key)
        if at is not None:
            if at >= len(alternatives):
                return val
            one = alternatives[at]
            if fn[0] == _CLASSES:
                return val.replace(fn=None, cls=one)
            if one[0] == _LIBRARY_FUNCTION:
                return val.replace(fn=None, qn=one[1])
            if one[0] == "ref" and parse_id(one[1]).kind == NodeType.CLASS:
                # (A class of a table of them: the class, as its name reads.)
                return val.replace(fn=one, cls=one[1])
            return val.replace(fn=one)
        if len(alternatives) > 1:
            entry.splittable[key] = max(entry.splittable.get(key, 0), len(alternatives))
        return val

    def assign(self, target: Any, val: Val, env: Env, site: int) -> None:
        if not isinstance(target, list):
            return
        op = target[0]
        if op == ir.NAME:
            name = target[1]
            hop = self.var_id(name)
            if hop is not None:
                val = hop_val(val, hop)
            if val.fn is not None and not self.entry.summary:
                val = self._alternative(name, val)
            env[name] = val
            self._forget_paths(env, name)
            if not self.summary and hop is not None:
                self._note_tainted(hop, val)
            if not self.js:
                # Not bound here: a `global` (the front end binds no such name).
                self._write_global(name, val)
            return
        if op == ir.ATTR or op == ir.SUB:
            obj_expr = target[1]
            obj = self.expr(obj_expr, env, 0)
            if op == ir.ATTR:
                key: Any = target[2]
                stored = val
                setter = self._setter(obj, key)
                if setter is not None:
                    # `probe.host = v` through `@host.setter` (a JS `set host(v)`):
                    # what the setter stores is what the object holds.
                    self.apply(setter, target, [], obj, [val], {}, env, "", None)
                    return
            else:
                kv = self.expr(target[2], env, 0)
                key = single_const(kv)
                # session[name] = value: a name from the user crosses the boundary too.
                stored = val.replace(taint=merge_taint(val.taint, kv.taint)) if kv.taint else val
            self._store_sinks(obj, stored, site, key if op == ir.SUB else None)
            if _response_type_store(obj, key):
                # Bottle's `response.content_type = "text/plain"`: what the route
                # returns after it goes out as that, not as HTML (a branch that
                # did not set it joins as unknown: `returned` then reports).
                plain = _plain_content_type(Val(fields={"content-type": val}))
                env[_PLAIN_RESPONSE] = const_val(plain)
            owner = _state_owner(obj) if op == ir.ATTR and not self.summary else None
            if owner is None and not self.summary and isinstance(key, str) and self._session(obj):
                # `session["next"] = nxt`, `req.session.returnTo = r`: a later
                # request of the same client reads what this one stored.
                owner = f"{obj.qn}{_KEPT_ITEMS}"
            if owner is not None:
                self._write_state(f"{owner}.{key}", val, self.state_writes)
            elif (
                op == ir.SUB
                and not self.summary
                and isinstance(obj_expr, list)
                and obj_expr[0] == ir.ATTR
                and isinstance(obj_expr[2], str)
                and (cls_owner := _state_owner(self.expr(obj_expr[1], env, 0))) is not None
            ):
                # `DraftStore.drafts[name] = body`: an item of a class's table, which
                # the class keeps for the next request (`DraftStore.drafts.get(n)`).
                self._write_state(
                    f"{cls_owner}.{obj_expr[2]}", Val(elems=stored), self.state_writes
                )
            if self.js and not self.summary and op == ir.ATTR:
                self._run_exported(obj, key, val, env)
                if obj.qn in _REQUEST_OBJECTS and isinstance(key, str):
                    # A middleware's `req.expr = req.query.e` (`res.locals.host = ...`):
                    # what later handlers read.
                    at = f"{obj.qn}.{key}"
                    old = self.request_attrs.get(at)
                    self.request_attrs[at] = val if old is None else join(old, val)
            if op == ir.ATTR and obj.qn is not None and isinstance(key, str):
                # `ctx.type = "text/plain"`: a flag model of the attribute counts the
                # assignment as a call with the value assigned.
                self.flag_models(f"{obj.qn}.{key}", obj, [val], {}, [ir.ATTR, obj_expr, key], env)
            attr_sinks = self.matcher.attribute_sinks
            if op == ir.ATTR and attr_sinks:
                # `el.innerHTML = v`, `location.href = v`: the attribute is the sink.
                attr_qn = f"{obj.qn or '?'}.{key}"
                for m in attr_sinks.find(attr_qn, self.ff.language):
                    if m.flag.startswith("!") and m.flag[1:] in obj.flags:
                        # Not once the object was marked (`ctx.type = "text/plain"`).
                        continue
                    # own_taint: an object assigned (`ctx.body = {...}`) is JSON.
                    taint = val.taint if m.own_taint else deep_taint(val)
                    self.sink_hits(m, taint, self.site_node, site)
            if op == ir.SUB and key is NO_CONST and _string_keys(kv):
                # `for k in ("tags", "author"): q[k] = v`: one of those keys holds
                # `v`; an unknown key could be any (a NoSQL `$where`).
                assert kv.consts is not None
                keys = kv.consts
                self._update(obj_expr, env, lambda o: _set_one_of(o, keys, val), depth=0)
                return
            written = kv if op == ir.SUB and key is NO_CONST else EMPTY
            at = key
            chosen = (
                _trust_marks(deep_taint(kv))
                if op == ir.SUB and key is NO_CONST and kv.fn is None and kv.consts is None
                else None
            )
            if chosen == frozenset():
                # `query[name] = value` of a name the code or its configuration
                # chose (`for name in SEARCHABLE`): not one the request can make
                # an operator (`$where`); read as any key of the object's, not
                # as each.
                at = _CODE_CHOSEN_KEY
            elif chosen:
                # ... of a name a caller handed (`for name in tenant.fields`):
                # no operator if the caller's name is the code's.
                val = sanitize_val(val, _marked(_OPERATOR_CLASSES, chosen))

            def store(o: Val) -> Val:
                if at is _CODE_CHOSEN_KEY:
                    before = (o.fields or {}).get(at)
                    return with_keys(
                        _set_key(o, at, val if before is None else join(before, val)), written
                    )
                return with_keys(_set_key(o, at, val), written)

            stored_path = _path_key(target) if self.path_keys else None
            siblings: Env = {}
            if stored_path is not None:
                # `self.path = ...` leaves a check of `self.host` standing (not one of
                # `self.path`, of its fields, or of what holds it).
                for k in self.path_keys.get(stored_path.partition(".")[0], ()):
                    if k in env and not (
                        k == stored_path
                        or k.startswith(stored_path + ".")
                        or stored_path.startswith(k + ".")
                    ):
                        siblings[k] = env[k]
            self._update(obj_expr, env, store, depth=0)
            env.update(siblings)
            if self.path_keys and _is_field(target):
                path = _path_key(target)
                if path is not None and path in self.path_keys.get(path.partition(".")[0], ()):
                    # `x.k = v` after a check of `x.k`: the property holds `v` now,
                    # so a branch that replaced what failed the check joins with it.
                    env[path] = val
            return
        if op == ir.SEQ:
            items = target[2]
            if (
                val.seq is not None
                # JS destructuring may take fewer than there are: `[a] = [x, y]`.
                and (len(val.seq) == len(items) or (self.js and len(items) < len(val.seq)))
                and not any(isinstance(t, list) and t[0] == ir.STAR for t in items)
            ):
                for t, v in zip(items, val.seq):
                    self.assign(t, v, env, site)
                return
            stars = [j for j, t in enumerate(items) if isinstance(t, list) and t[0] == ir.STAR]
            if val.seq is not None and len(stars) == 1 and len(items) - 1 <= len(val.seq):
                # `head, *rest = [a, b, c]`: the starred target takes what the others
                # leave, each other its own position.
                j = stars[0]
                after = len(items) - j - 1
                for t, v in zip(items[:j], val.seq[:j]):
                    self.assign(t, v, env, site)
                middle = val.seq[j : len(val.seq) - after]
                self.assign(items[j][1], Val(val.taint, seq=tuple(middle)), env, site)
                for t, v in zip(items[j + 1 :], val.seq[len(val.seq) - after :]):
                    self.assign(t, v, env, site)
                return
            el = element(val)
            # A list whose first positions are known (`f"job:{q}".split(":")`): each
            # target before a starred one at such a position takes that one.
            # (Not a dict with integer keys: unpacking one gives its keys.)
            head = list_head(val) if val.seq is None and val.elems is not None else ()
            for i, t in enumerate(items):
                if isinstance(t, list) and t[0] == ir.STAR:
                    self.assign(t[1], Val(elems=el), env, site)
                    head = ()
                else:
                    self.assign(t, head[i] if i < len(head) else el, env, site)
            return
        if op == ir.DICT:
            for key, t in target[1]:
                if key is None:
                    self.assign(t, val, env, site)
                elif (
                    isinstance(key, str)
                    and val.qn is not None
                    and (val.fields is None or key not in val.fields)
                ):
                    # `const { query } = req`: the attribute, as `req.query` reads it
                    # (its qualified name, and a source's data).
                    read = self._validated_read(self.attribute(val, key), env)
                    self.assign(t, read, env, site)
                else:
                    self.assign(t, get_key(val, key), env, site)
            return
        if op == ir.STAR:
            self.assign(target[1], val, env, site)

    def _write_global(self, name: str, val: Val) -> None:
        """An entry's write into a module-level variable (`global X; X = v`, `CACHE[k]
        = v`, `LOG.append(v)`): kept for the file's other entries."""
        if (
            name in self.bound
            or name in self.param_names
            or self.fn.kind == "MODULE"
            or self.module_mode
        ):
            return
        top = self.world.file_summary(self.file).top.get(name)
        if top is not None and top.type == NodeType.VARIABLE:
            # The module's variable is a hop of the path between handlers.
            if not self.summary:
                self._write_state(name, hop_val(val, top.id), self.state_writes)
            elif len(self.global_writes) < _MAX_GLOBAL_WRITES:
                # (In a summary's terms: its caller keeps it, `Summary.global_writes`.)
                self._write_state(name, hop_val(val, top.id), self.global_writes)

    def _set_context_var(self, func: Any, val: Val) -> None:
        """`CURRENT_LANG.set(v)` of a module's `contextvars.ContextVar`: what a
        hook sets (Flask's `before_request`), the request's handlers `get`, as a
        module variable's value."""
        holder = func[1] if isinstance(func, list) and func[0] == ir.ATTR else None
        if not (isinstance(holder, list) and holder[0] == ir.NAME) or holder[1] in self.bound:
            return
        made = self.world.module_values(self.file).get(holder[1])
        if made is not None and _request_context(made, self.js):
            self._write_global(holder[1], val)

    def _write_state(self, key: str, val: Val, into: dict[str, Val]) -> None:
        if deep_taint(val):
            # The value itself, not only its labels: `CACHE["a"] = data` leaves
            # `CACHE["b"]` as the module wrote it.
            old = into.get(key)
            into[key] = val if old is None else join(old, val)

    def _note_tainted(self, var: str, val: Val) -> None:
        if var in self.tainted:
            return
        for (origin, san), hops in deep_taint(val).items():
            if origin.startswith("S|") and "*" not in san:
                self.tainted[var] = (origin, hops)
                break

    def _update(self, expr: Any, env: Env, change: Any, depth: int) -> None:
        """Apply `change` to the value at an access path rooted at a name (obj.a[k] = ...)."""
        if depth > 8 or not isinstance(expr, list):
            return
        if expr[0] == ir.NAME:
            name = expr[1]
            current = env.get(name)
            if current is None:
                current = self.lookup(name, env)
            env[name] = change(current)
            self._forget_paths(env, name)
            self._write_global(name, env[name])
            return
        if expr[0] == ir.ATTR:
            key: Any = expr[2]
        elif expr[0] == ir.SUB:
            key = single_const(self.expr(expr[2], env, 0))
        else:
            return
        self._update(expr[1], env, lambda o: _set_key(o, key, change(get_key(o, key))), depth + 1)

    def _session(self, obj: Val) -> bool:
        """Whether `obj` is a session a trust-boundary sink names (Flask's `session`,
        Django's and Express's `request.session`): what a request stores in it,
        the client's next requests read."""
        if obj.qn is None:
            return False
        found = self._sessions.get(obj.qn)
        if found is None:
            found = self._sessions[obj.qn] = any(
                m.cls == "trust-boundary"
                for m in self.matcher.store_sinks.find(obj.qn, self.ff.language)
            )
        return found

    def _kept_in_session(self, obj: Val, key: Val) -> Val | None:
        """What another entry of the file stored in a session under this constant key
        (`session["next"]` in the handler after the one that wrote it)."""
        if not self.stored_state or self.summary or not self._session(obj):
            return None
        k = single_const(key)
        return self.stored_state.get(f"{obj.qn}{_KEPT_ITEMS}.{k}") if isinstance(k, str) else None

    def _kept_in_cache(self, qn: str, bucket: str) -> Val | None:
        """What another entry of the file stored in a cache under a key that may be
        the one read (`_cache_bucket`: the same constant, keys of one prefix, or a
        key not known)."""
        if not self.stored_state:
            return None
        owner = f"{qn}{_KEPT_ITEMS}."
        found: Val | None = None
        for key, v in self.stored_state.items():
            if key.startswith(owner) and _same_cache_key(key[len(owner) :], bucket):
                found = v if found is None else join(found, v)
        return found

    def _store_sinks(self, obj: Val, val: Val, site: int, key: object = None) -> None:
        """A store into an object a sink names (`session[k] = v`), or under a constant
        key a sink names with it (`resp.headers["Location"] = v` is
        `...headers.Location`; an attribute set is no such store: `request.session
        = store` writes nothing into a session)."""
        if obj.qn is None:
            return
        lang = self.ff.language
        for m in self.matcher.store_sinks.find(obj.qn, lang):
            self.sink_hits(m, deep_taint(val), self.site_node, site)
        if isinstance(key, str) and key.isidentifier():
            for m in self.matcher.store_sinks.find(f"{obj.qn}.{key}", lang):
                self.sink_hits(m, deep_taint(val), self.site_node, site)

    # -- expressions ------------------------------------------------------------------------

    def expr(self, e: Any, env: Env, depth: int) -> Val:
        if not isinstance(e, list):
            return const_val(e)
        if depth > MAX_NEST or not e:
            return EMPTY
        op = e[0]
        d = depth + 1
        if op == ir.NAME:
            v = env.get(e[1])
            if v is None:
                return self.lookup(e[1], env)
            keys = self.path_keys.get(e[1]) if self.path_keys else None
            return self._with_narrowed(v, keys, env) if keys else v
        if op == ir.ATTR:
            if self.path_keys:
                path = _path_key(e)
                narrowed = env.get(path) if path is not None else None
                if narrowed is not None:
                    return narrowed
                keys = self.path_keys.get(path.partition(".")[0]) if path is not None else None
                if path is not None and keys and any(k.startswith(path + ".") for k in keys):
                    # `service.resolve(req.body)` after a check of `req.body.code`.
                    whole = self._validated_read(self._attribute_read(e, env, d), env)
                    return self._with_narrowed(whole, keys, env, path)
            read = self._validated_read(self._attribute_read(e, env, d), env)
            if self.js and e[2] == "origin" and read.taint and self._own_origin(e):
                # The origin of the request's own URL is the site's: a URL made
                # on it (`new URL("/account", url.origin)`) stays there.
                return sanitize_val(read, url_prefix.URL_CLASSES)
            return read
        if op == ir.CALL:
            if (
                self.path_keys
                and isinstance(e[2], list)
                and e[2][0] == ir.ATTR
                and e[2][2] == "get"
            ):
                # `payload.get("url")` after a check of it (see `_field_parts`).
                path = _path_key(_with_constant_key(e, env))
                narrowed = env.get(path) if path is not None else None
                if narrowed is not None:
                    return narrowed
            return self.call(e, env, d)
        if op == ir.SUB:
            if self.path_keys and (
                isinstance(e[2], str) or (isinstance(e[2], list) and e[2][:1] == [ir.NAME])
            ):
                # (`body[name]` with `name` one text: `_constant_keys`.)
                path = _path_key(e if isinstance(e[2], str) else _with_constant_key(e, env))
                narrowed = env.get(path) if path is not None else None
                if narrowed is not None:
                    return narrowed
            obj = self.expr(e[1], env, d)
            k = e[2]
            if isinstance(k, list) and len(k) == 5 and k[0] == ir.OPAQUE and k[1] == ir.SLICE:
                return sliced(obj, k[2], k[3], k[4])
            if k == [ir.OPAQUE] and not self.js:
                # `paths[:MAX_URLS]`: a list of some of its items, as they were (a
                # text: a piece of it).
                if obj.seq is not None or obj.elems is not None:
                    return Val(obj.taint, elems=element(obj))
                # (What a library call returned stays its kind: `root.findall(p)[:n]`.)
                kept = obj.qn if obj.qn is not None and obj.qn.endswith("()") else None
                return obj.replace(qn=kept, fn=None, consts=None)
            key = self.expr(k, env, d)
            if obj.fn is not None and obj.fn[0] == _RETURNED and obj.cls is None:
                # `get_client()["shop"]["orders"]` (a helper not followed): an item of
                # the library object it returned, worked out now, as an attribute is.
                returned = self._returned_object(obj.fn[1], obj.fn[2])
                if (
                    returned.qn is not None or (self.js and _PROXY_GET in (returned.fields or {}))
                ) and (returned.cls is None and returned.fn is None):
                    # (Or a `Proxy` a factory made: `createRepository("users")`.)
                    obj = _with_fields_of(returned, obj)
            if self.js and obj.cls is not None:
                chosen = self._method_chosen(obj, e[1], k, key, env)
                if chosen is not None:
                    return chosen
            hook = self._dunder(obj, "__getitem__")
            if hook is not None:
                # `spec["term"]` of a class defining `__getitem__`: what it returns.
                got = self.apply(
                    hook, [ir.ATTR, e[1], "__getitem__"], [k], obj, [key], {}, env, "", None
                )
                if got is not None:
                    return got
            if (
                not self.js
                and obj.qn in _APPLICATION_OF_REQUEST
                and isinstance(single_const(key), str)
                and (item := self.world.app_items(self.file).get(str(single_const(key))))
                is not None
            ):
                # `request.app["previews"]`: what the module's startup hook stored.
                return item
            if obj.qn in _DJANGO_CAPTURES and single_const(key) in self.world.url_converted(
                self.file
            ):
                # `self.kwargs["year"]` for a `<int:year>` of this module's routes.
                return Val(qn=f"{obj.qn}[]")
            if (
                self.js
                and obj.fields
                and _PROXY_GET in obj.fields
                and not (isinstance(ck := single_const(key), str) and ck in obj.fields)
            ):
                # `users[finder]` of a `Proxy`: what its `get` trap returns for that key.
                return self._proxied(obj, key, env)
            item = subscript(obj, key)
            if (
                self.js
                and key.consts
                and "constructor" in key.consts
                and obj.qn is None
                and obj.fields
                and "constructor" not in obj.fields
            ):
                # `TABLE[k]` past `k in TABLE`, which lets an inherited key through:
                # `TABLE["constructor"]` is `Object`, which hands back its argument.
                item = join(item, Val(fn=(_LIBRARY_FUNCTION, "Object")))
            from_session = self._kept_in_session(obj, key)
            if from_session is not None:
                item = join(item, from_session)
            if (
                obj.qn is not None
                and item.qn is None
                and not item.taint
                and isinstance(ck := single_const(key), str)
                and f"{obj.qn}.{ck}" in self.matcher.model_prefixes
            ):
                # `self.scope["session"]` of a Channels consumer: an item a model
                # names, named as an attribute would be.
                item = self.attribute_source(item.replace(qn=f"{obj.qn}.{ck}"), f"{obj.qn}.{ck}")
            if (
                self.js
                and item.consts is not None
                and obj.fields
                and obj.elems is None
                and obj.seq is None
                and single_const(key) is NO_CONST
            ):
                # `LABELS[tab]` at a key the object may not have: undefined too.
                item = join(item, const_val(None))
            if (
                obj.qn is not None
                and item.qn is None
                and (not obj.qn.startswith("?") or obj.qn.startswith(_RAW_OBJECT_QN))
            ):
                # An item of a known object keeps a name models can match
                # (`request.files["f"].save` is `flask.request.files[].save`).
                item = item.replace(qn=f"{obj.qn}[]")
            return item
        if op == ir.BIN:
            o = e[1]
            if o == "+" and (text := self._concatenated(e, env, d)) is not None:
                return text
            a = self.expr(e[2], env, d)
            if o in ("and", "&&", "or", "||", "??"):
                t = consts.truth(a.consts, self.js)
                if o in ("and", "&&"):
                    if t is False:
                        return a
                    b = self.expr(e[3], env, d)
                    if t is True:
                        return b
                    # The left side comes out only when it is falsy (an empty
                    # string, a zero): it carries no data then.
                    falsy = (
                        frozenset(c for c in a.consts if not consts.truthy(c, self.js))
                        if a.consts is not None
                        else None
                    )
                    return join(Val(consts=falsy or None), b) if falsy else b.replace(consts=None)
                if o in ("or", "||"):
                    if t is True:
                        return a
                    b = self.expr(e[3], env, d)
                    return b if t is False else _either(a, b)
                b = self.expr(e[3], env, d)
                if a.consts is not None and None not in a.consts:
                    return a
                return _either(a, b)
            return self.binop(o, a, self.expr(e[3], env, d))
        if op == ir.UN:
            if (
                e[1] == "delete"
                and self.js
                and isinstance(e[2], list)
                and e[2][0] in (ir.ATTR, ir.SUB)
            ):
                # `delete settings.expr`: the key is gone after it.
                gone = e[2][2] if e[2][0] == ir.ATTR else single_const(self.expr(e[2][2], env, d))
                if gone is not NO_CONST:
                    self._update(e[2][1], env, lambda o: _without_key(o, gone), 0)
                return Val(consts=frozenset({True}))
            a = self.expr(e[2], env, d)
            c = consts.unop(e[1], a.consts, self.js)
            if e[1] in ("not", "!", "typeof", "void", "delete", "-", "+", "~"):
                # `-x`, `+x`, `~x` are numbers (or raise): no text of the data.
                return Val(consts=c)
            return Val(a.taint, c)
        if op == ir.JOIN:
            parts = [self._as_text(self.expr(p, env, d)) for p in e[1]]
            return _joined_text(parts, self.js)
        if op == ir.COND:
            tv = self.expr(e[1], env, d)
            truth = consts.truth(tv.consts, self.js)
            if truth is True:
                return self.expr(e[2], env, d)
            if truth is False:
                return self.expr(e[3], env, d)
            then_env, else_env = self.guard(e[1], dict(env), dict(env))
            if (
                len(then_env) != len(env)  # a property narrowed (`guard`)
                or len(else_env) != len(env)
                or any(then_env.get(k) is not v for k, v in env.items())
                or any(else_env.get(k) is not v for k, v in env.items())
            ):
                # `u if is_safe(u) else ""`: each side sees what the test proves.
                return _one_of(self.expr(e[2], then_env, d), self.expr(e[3], else_env, d))
            return _one_of(self.expr(e[2], env, d), self.expr(e[3], env, d))
        if op == ir.SEQ:
            items = []
            elems: Val | None = None
            spread = False
            for item in e[2]:
                if isinstance(item, list) and item and item[0] == ir.STAR:
                    inner = element(self.expr(item[1], env, d))
                    elems = inner if elems is None else join(elems, inner)
                    spread = True
                elif spread:
                    v = self.expr(item, env, d)
                    elems = v if elems is None else join(elems, v)
                else:
                    items.append(self.expr(item, env, d))
            if spread:
                # `[PROGRAM, *options, path]`: the items before the first spread keep
                # their positions (the head `list_head` reads), the rest is elements.
                return Val(fields=dict(enumerate(items)) or None, elems=elems)
            return Val(seq=tuple(items))
        if op == ir.DICT:
            fields: dict[Any, Val] = {}
            out_elems: Val | None = None
            taint: Taint = {}
            for k, v in e[1]:
                if k is None:
                    fields, out_elems = _spread_into(fields, out_elems, self.expr(v, env, d))
                    continue
                kv = self.expr(k, env, d) if isinstance(k, list) else const_val(k)
                vv = self.expr(v, env, d)
                c = single_const(kv)
                if c is NO_CONST and _string_keys(kv) and not deep_taint(kv) and kv.fn is None:
                    # `{**acc, field: body[field]}` of a `field` that is one of a few
                    # texts (`SEARCHABLE`'s): one of those keys holds it.
                    fields = dict(
                        _set_one_of(Val(fields=fields), kv.consts or frozenset(), vv).fields or {}
                    )
                    continue
                if c is NO_CONST or isinstance(c, list):
                    # A key the analysis does not know may be any of those before it.
                    fields = {fk: join(fv, vv) for fk, fv in fields.items()}
                    key_marks = (
                        _trust_marks(deep_taint(kv))
                        if kv.fn is None and kv.consts is None
                        else None
                    )
                    if key_marks == frozenset():
                        # `{query.field: query.value}` of a field declared a
                        # `Literal`: a key the code chose, never an operator
                        # (`$where`), as `q[name] = v` (`assign`).
                        before = fields.get(_CODE_CHOSEN_KEY)
                        fields[_CODE_CHOSEN_KEY] = vv if before is None else join(before, vv)
                        continue
                    if key_marks:
                        vv = sanitize_val(vv, _marked(_OPERATOR_CLASSES, key_marks))
                    out_elems = vv if out_elems is None else join(out_elems, vv)
                else:
                    fields[c] = vv
            return Val(taint, None, fields, out_elems)
        if op == ir.COMP:
            return self.comprehension(e, env, d)
        if op == ir.LAMBDA:
            return Val(fn=("lambda", id(e), e, self))
        if op == ir.FUNC:
            return Val(fn=("def", e[1]))
        if op == ir.PARAM:
            i = e[1]
            return self.params[i] if 0 <= i < len(self.params) else EMPTY
        if op == ir.WALRUS:
            v = self.expr(e[2], env, d)
            self.assign(e[1], v, env, e[3] if len(e) > 3 else -1)
            return v
        if op == ir.ELEM:
            return self.iterated(self.expr(e[1], env, d))
        if op == ir.STAR:
            return self.expr(e[1], env, d)
        if op == ir.OPAQUE and len(e) == 2 and e[1] == ir.CAUGHT:
            return self.caught[-1] if self.caught else EMPTY
        if guards.is_regex_literal(e):
            # A JS regular expression as a value: which one, so a check made with it
            # where it is handed (`matching(field, /^[a-z]+$/)`'s `pattern.test(v)`) counts.
            return Val(flags=frozenset({f"{_REGEX_FLAG}{e[3]}/{e[2]}"}))
        return EMPTY

    def comprehension(self, e: list[Any], env: Env, depth: int) -> Val:
        inner = dict(env)
        for target, it, conds in e[2]:
            self.assign(
                target,
                self.iterated(self.expr(it, inner, depth)),
                inner,
                -1,
            )
            for c in conds:
                # The condition runs (its calls' sinks: `if re.search(p, name)`), and
                # what it proves holds for the element.
                self.expr(c, inner, depth)
                then_env, _ = self.guard(c, inner, {})
                inner = then_env
        if isinstance(e[1], list) and e[1] and e[1][0] == ir.DICT:
            pairs = e[1][1]
            if len(pairs) == 1 and isinstance(pairs[0][0], list):
                # `{k: v for k, v in (("tags", t), ("author", a))}`: known keys.
                kv = self.expr(pairs[0][0], inner, depth)
                vv = self.expr(pairs[0][1], inner, depth)
                if _string_keys(kv):
                    return Val(fields=dict.fromkeys(sorted(kv.consts or ()), vv))
                # (Its keys are the data they were made of: `{t: 1 for t in tags}`.)
                return with_keys(Val(elems=vv), kv)
            return Val(elems=element(self.expr(e[1], inner, depth)), fields=None)
        return Val(elems=self.expr(e[1], inner, depth))

    def _concatenated(self, e: list[Any], env: Env, depth: int) -> Val | None:
        """`"ls '" + name + "'"`: text joined from three or more parts, one of them
        written as a literal, read as an f-string's parts are (`_joined_taint`: a
        part between two quotes, a URL's path after its host); None for anything
        else (each part is evaluated once either way)."""
        operands = _plus_operands(e, 0)
        if len(operands) < 3 or not any(isinstance(x, str) for x in operands):
            return None
        vals = [self.expr(x, env, depth) for x in operands]
        if all(_text_like(v) for v in vals):
            return _joined_text(vals, self.js)
        out = vals[0]
        for v in vals[1:]:
            out = self.binop("+", out, v)
        return out

    def binop(self, op: str, a: Val, b: Val) -> Val:
        c = consts.binop(op, a.consts, b.consts, self.js) if op in _FOLDABLE else None
        if c is None and op in ("in", "notin") and not self.js:
            c = _in_display(a, b, op == "notin")
        if (
            not self.js
            and op in ("+", "%")
            and (a.qn in _MARKUP or (op == "+" and b.qn in _MARKUP))
        ):
            # markupsafe escapes what a Markup is combined with (`Markup("<b>%s</b>") % x`,
            # `escape(a) + b`), and the result is Markup again.
            markup, other = (a, b) if a.qn in _MARKUP else (b, a)
            return _markup_with(markup, [other])
        if c is None and not self.js and op in _ORDERED:
            c = _sign_compared(op, a, b)
        if op in _COMPARISONS or self._numeric(op, a, b):
            return Val(consts=c)
        if op == "+" and not self.js:
            head = list_head(a)
            if head and (a.seq is None or b.seq is None) and b.consts is None:
                # `["git", "log"] + args`: the program stays known, the rest is not
                # (a list added to a list: `b` is one even when nothing is known of it).
                return with_tail(a, head, element(b))
        if op == "%" and not self.js and b.fields and b.seq is None and not b.elems:
            # `"... %(table)s ..." % params`: the keys it names, not the whole dict.
            parts = _named_format_parts(a, b)
            if parts is not None:
                return Val(_joined_taint(parts), c, prefix=None if c else leading_text(parts))
        if op == "%" and not self.js and (b.seq is not None or b.fields is None):
            # `"%s?next=%s" % (url, target)`: the parts in order, as an f-string's
            # (one value for a template with one directive: `"id=%d" % n`).
            parts = _format_parts(a, b.seq if b.seq is not None else (b,))
            if parts is not None:
                return Val(_joined_taint(parts), c, prefix=None if c else leading_text(parts))
        if op in ("+", "%", "*", "@"):
            tb = deep_taint(b)
            if tb and op in ("+", "%"):
                prefix = a if op == "+" else url_prefix.format_prefix(a)
                if prefix is not None and (
                    url_prefix.fixes_host(prefix)
                    or (
                        op == "+"
                        and guards.STARTS_WITH_SLASH in b.flags
                        and url_prefix.names_a_host(prefix)
                    )
                ):
                    # (`ORIGIN + path` of a path checked to start with `/`.)
                    tb = sanitize(tb, url_prefix.URL_CLASSES)
            if tb and op == "+":
                page = single_const(a)
                if isinstance(page, str):
                    if "<" in page:
                        # `"<p>" + escapeText(q)`, as in a template literal.
                        tb = _placed_in_page(page[-_PAGE_CONTEXT:], tb)
                elif not a.empty and a.seq is None:
                    # After text not known (`"<a title=" + u + " class=" + q`): it
                    # may sit inside a tag, whatever the whole starts as.
                    tb = guards.in_markup(tb)
            t = merge_taint(deep_taint(a), tb)
        else:
            t = merge_taint(a.taint, b.taint)
        if op == "+" and (a.seq is not None and b.seq is not None):
            return Val(t if (a.taint or b.taint) else {}, c, seq=a.seq + b.seq)
        if op == "/" and a.qn is not None and a.qn.startswith("pathlib."):
            # `Path(base) / name` is a path still: file methods on it are sinks;
            # an absolute `name` is where it starts again.
            return Val(self._restarted(t, set(deep_taint(b))), c, qn=a.qn)
        if (
            op == "/"
            and not self.js
            and not (a.qn is not None and a.qn.endswith("()"))
            and a.consts is None
            and b.taint
            and b.consts is None
        ):
            # `self.root / name` with a request's text: text divides nothing, so the
            # left side is a path (a class attribute `Path(...)` we do not read; a
            # library object's call, `URL(...) / name`, is what its library says).
            return Val(t, c, qn=_PATH_QN)
        if op == "+" and c is None:
            return Val(t, c, prefix=leading_text((a, b)))
        return Val(t, c)

    def _returned_constants(self, target: str, ctx: tuple[Any, ...]) -> Val:
        """The keys of the mapping a call of `target` returned, not followed for
        taint (`return {"resolve_entities": False, ...}`), that hold constants."""
        if self.depth >= MAX_CALL_DEPTH:
            return EMPTY
        summary = self._read_summary(target, ctx)
        ret = summary.ret if summary is not None else None
        if ret is None or not ret.fields:
            return EMPTY
        kept = {
            k: Val(consts=v.consts)
            for k, v in ret.fields.items()
            if isinstance(k, str) and v.consts is not None and not deep_taint(v)
        }
        return Val(fields=kept) if kept else EMPTY

    def _returned_object(self, target: str, ctx: tuple[Any, ...]) -> Val:
        """The class (or qualified name) of what a call of `target` returned, when
        the call was not followed for taint (a factory: `thing = make_thing()`)."""
        if self.depth >= MAX_CALL_DEPTH:
            return EMPTY
        for _ in range(MAX_CALL_DEPTH):
            summary = self._read_summary(target, ctx)
            if summary is None:
                return EMPTY
            ret = summary.ret
            if ret.cls is None and ret.fn is not None and ret.fn[0] == _RETURNED:
                # A factory returning another factory's object (`get_registry()`
                # returns `_cached()`, which builds the object): follow it.
                target, ctx = ret.fn[1], ret.fn[2]
                continue
            if ret.cls is None and ret.fn is not None and ret.fn[0] == _CLASSES:
                # One of a few workspace classes' objects (`RENDERERS.get(kind)`).
                return Val(flags=ret.flags, fn=ret.fn)
            if self.js and ret.fields and _PROXY_GET in ret.fields:
                # A `Proxy` (`createRepository("users")`): its trap, with what it captured.
                return Val(fields={_PROXY_GET: ret.fields[_PROXY_GET]})
            if ret.cls is None and ret.qn is None and not ret.fields:
                # A generator yielding a library's objects (a `@contextmanager`'s
                # `yield requests.Session()`, also in a `try`): what `with ... as s`
                # and a loop get.
                if ret.seq and all(map(_bare_object, ret.seq)):
                    return Val(seq=tuple(Val(qn=v.qn, cls=v.cls) for v in ret.seq))
                if not ret.seq and ret.elems is not None and _bare_object(ret.elems):
                    return Val(elems=Val(qn=ret.elems.qn, cls=ret.elems.cls))
            loaders = _batch_loaders(ret)
            if ret.cls is None and ret.qn is None and not ret.flags and loaders is None:
                return EMPTY
            # (A DataLoader keeps the workspace function its `load`s run, by name.)
            if loaders is None and ret.cls is not None and ret.fields:
                # `new CatalogStore(new SQL.Database(bytes))`: the library objects
                # the object was made holding are what its methods call.
                held = {
                    k: Val(qn=v.qn)
                    for k, v in ret.fields.items()
                    if isinstance(k, str) and v.qn is not None and _bare_object(v)
                }
                loaders = held or None
            return Val(qn=ret.qn, cls=ret.cls, flags=ret.flags, fields=loaders)
        return EMPTY

    def _injected_method(self, func: Any, name: str, qn: str) -> str | None:
        """The method `self.service.lookup(x)` calls when `service` was handed to the
        object (a constructor's or Tornado `initialize`'s argument, wired up where
        the analysis does not follow) and one class of this file alone has a method
        of that name. Request handlers' names (`get`, `post`) are never guessed
        (`self.cache.get(k)` is a dict's), nor a call a sink or sanitizer model
        names (`self.conn.execute(sql)`); a builtin type's method name (`search`,
        `parse`) only for an attribute the constructor took from its caller and a
        class this module makes (`_handed_in`)."""
        if (
            name in _HANDLER_METHOD_NAMES
            or name.startswith("_")
            or not isinstance(func, list)
            or func[0] != ir.ATTR
        ):
            return None
        holder = func[1]
        if not (
            isinstance(holder, list)
            and holder[0] == ir.ATTR
            and isinstance(holder[1], list)
            and holder[1][0] == ir.NAME
            and holder[1][1] == ("this" if self.js else "self")
        ):
            return None
        lang = self.ff.language
        modelled = bool(
            self.matcher.call_sinks.find(qn, lang) or self.matcher.sanitizers.find(qn, lang)
        )
        common = modelled or name in _COMMON_METHOD_NAMES
        if common and not self._handed_in(holder[2]):
            return None
        method = self.world.sole_method(self.file, name)
        if method is None or not common:
            return method
        # A builtin type's method name (`self.repo.search(q)`, `self.db.query(sql)`),
        # or one a model names (`this.directory.find(filter)`, a MongoDB method's
        # name): only on an attribute the object was handed, and of a class this
        # module makes (`AuditRepository(DB_PATH)`, wired up where the analysis
        # does not look).
        return method if self.world.called_in_file(self.file, _class_of_method(method)) else None

    def _stored_field_class(self, func: Any) -> str | None:
        """The workspace class of the object a method's own constructor stores in
        the field a call is made on (`this.files.resolve(p)`, `self.files...`),
        when it stores it once, at its top level, from a call of a class or of a
        function returning an object of one class (`this.files =
        ContainedPath.under(root)`, in another module too)."""
        if not (
            self.fn.kind == "METHOD"
            and isinstance(func, list)
            and func[0] == ir.ATTR
            and isinstance(func[1], list)
            and func[1][0] == ir.ATTR
            and func[1][1] == [ir.NAME, "this" if self.js else "self"]
            and isinstance(func[1][2], str)
        ):
            return None
        attr = func[1][2]
        ctor = self._constructor_of(_class_of_method(self.func_id))
        found = self.world.body(ctor) if ctor is not None and ctor != self.func_id else None
        if found is None:
            return None
        ctor_ff, made = found
        me = [ir.NAME, "this" if ctor_ff.js else "self"]
        stores = [
            st[2]
            for st in _nested_statements(made.body)
            if st is not None and st[0] == ir.ASSIGN and st[1] == [ir.ATTR, me, attr]
        ]
        if len(stores) != 1 or not any(
            st[0] == ir.ASSIGN and st[2] is stores[0] for st in made.body
        ):
            return None
        call = stores[0]
        if not (
            isinstance(call, list) and call and call[0] == ir.CALL and isinstance(call[1], int)
        ):
            return None
        if not 0 <= call[1] < len(made.calls):
            return None
        self.deps.add(str(ctor))
        target = self.world.targets(ctor_ff.file).get(
            f"{ctor_ff.file}->CALL->{made.calls[call[1]]}"
        )
        if target is None:
            return None
        kind = parse_id(target).kind
        if kind == NodeType.CLASS:
            return target
        if kind in (NodeType.FUNCTION, NodeType.METHOD):
            return self._returned_object(target, ()).cls
        return None

    def _handed_in(self, attr: str) -> bool:
        """Whether this method's class stores a parameter of its constructor or of
        Tornado's `initialize` as `self.<attr>` (`self.repo = repo`): a service
        handed to the object."""
        owner = _owner_path(self.fn.path)
        if "." not in owner:
            return False
        cls_path = owner.rsplit(".", 1)[0]
        me = "this" if self.js else "self"
        for init in _INJECTING_METHODS:
            body = self.ff.bodies.get(f"{cls_path}.{init}")
            if body is None:
                continue
            params = {p[0] for p in body.params}
            for st in body.body:
                if (
                    st[0] == ir.ASSIGN
                    and st[1] == [ir.ATTR, [ir.NAME, me], attr]
                    and isinstance(st[2], list)
                    and st[2][0] == ir.NAME
                    and st[2][1] in params
                ):
                    return True
        return False

    def _flagged(self, flag: str, v: Val) -> bool:
        """Whether `v` carries `flag`, also when it is what a helper returned
        (`parser = make_parser()`, its result not worked out until now)."""
        if flag in v.flags:
            return True
        if v.fn is not None and v.fn[0] == _RETURNED and v.cls is None:
            return flag in self._returned_object(v.fn[1], v.fn[2]).flags
        return False

    def _returned_function(self, target: str, ctx: tuple[Any, ...]) -> tuple[Any, ...] | None:
        """The nested function a call of `target` returned, if any (`_made_here`)."""
        if self.depth >= MAX_CALL_DEPTH:
            return None
        summary = self._read_summary(target, ctx)
        return self._made_here(target, summary) if summary is not None else None

    def _mixed_in(self, cls_id: str, name: str, env: Env) -> Val | None:
        """The method `name` that `Object.assign(Cls.prototype, Mixin, ...)` at the
        top level of the class's module copies from an object of functions onto
        the class (the last object that has one wins, as in JavaScript)."""
        file = file_of_id(cls_id)
        ff = self.ff if file == self.file else self.world.flows(file)
        module = ff.bodies.get("") if ff is not None else None
        if module is None:
            return None
        proto = [ir.ATTR, [ir.NAME, parse_id(cls_id).path], "prototype"]
        found: Val | None = None
        for st in module.body:
            e = st[1] if st[0] == ir.EXPR else None
            if not (
                isinstance(e, list)
                and len(e) == 5
                and e[0] == ir.CALL
                and e[2] == [ir.ATTR, [ir.NAME, "Object"], "assign"]
                and e[3][:1] == [proto]
            ):
                continue
            here = self.module_mode and file == self.file
            values = env if here else self.world.module_values(file)
            for arg in e[3][1:]:
                if not (isinstance(arg, list) and arg[0] == ir.NAME):
                    continue
                mixin = values.get(arg[1])
                method = (mixin.fields or {}).get(name) if mixin is not None else None
                if (
                    method is not None
                    and method.fn is not None
                    and method.fn[0] in ("lambda", "def")
                ):
                    found = method
        return found

    def constructed(self, target: str, result: Val | None, env: Env, call_id: str) -> Val | None:
        """What `new F(...)` of an ES5 constructor function gives, its call having
        given `result`: its prototype's methods, and what the constructor stored
        into `this` (`this.client = ldap.createClient(...)`); `result` when the
        module gives `F` no prototype."""
        made = self._prototype_object(target, env)
        if made is None:
            return result
        if result is not None and result.fields and result.fn is None:
            made = _with_own_fields(made, result)
        return hop_val(made, call_id)

    def _prototype_object(self, target: str, env: Env) -> Val | None:
        """The object `new F(...)` makes of a constructor function of the
        workspace whose prototype its module fills (`F.prototype.run = function
        (host) {...}`, ES5's classes): its methods, with those of the function
        `util.inherits(F, Base)` makes it inherit from. None when the module
        gives it no prototype."""
        file, name = file_of_id(target), parse_id(target).path
        if "." in name:
            return None
        here = self.module_mode and file == self.file
        values = env if here else self.world.module_values(file)
        ff = self.ff if file == self.file else self.world.flows(file)
        methods: dict[Any, Val] = {}
        seen: set[str] = set()
        while name and name not in seen:
            seen.add(name)
            holder = values.get(name)
            proto = holder.fields.get("prototype") if holder is not None and holder.fields else None
            for k, v in (proto.fields or {}).items() if proto is not None else ():
                methods.setdefault(k, v)
            name = _inherited_constructor(ff, name) if ff is not None else ""
        return Val(fields=methods) if methods else None

    def _read_summary(
        self, target: str, ctx: tuple[Any, ...], same_level: bool = False
    ) -> Summary | None:
        """`target`'s summary in calling context `ctx` (one level down, or at this
        body's when `same_level`), recorded as read by this result."""
        self.deps.add(target)
        summary = self.world.summary(target, ctx, self.depth if same_level else self.depth + 1)
        if summary is not None:
            self.deps.update(summary.deps)
            self.word_deps.update(summary.word_deps)
        return summary

    def _made_here(
        self, target: str, summary: Summary, functions_handed: bool = False
    ) -> tuple[Any, ...] | None:
        """The nested function of this file that `target` (of this file) returns:
        a factory's (`make_runner("ls")(x)`), which the caller can run; or one of
        several (`return TABLE[name]` of a module's table of function expressions),
        when each of them is one."""
        made = summary.ret.fn
        if made is None:
            return None
        if made[0] == _UNION:
            # (A function of the workspace by name stays one.)
            alternatives = [
                f if f[0] == "ref" else self._made_one(target, f, functions_handed) for f in made[1]
            ]
            if any(f is None for f in alternatives) or not any(
                f is not None and f[0] in ("lambda", "def") for f in alternatives
            ):
                return None
            return (_UNION, tuple(f for f in alternatives if f is not None))
        return self._made_one(target, made, functions_handed)

    def _made_one(
        self, target: str, made: tuple[Any, ...], functions_handed: bool
    ) -> tuple[Any, ...] | None:
        """`_made_here` of one function `target` returns."""
        if made[0] not in ("lambda", "def"):
            return None
        if file_of_id(target) != self.file:
            # Another file's factory: a lambda it made runs in that file (its
            # maker's), when it captured data or is handed functions.
            if (
                made[0] == "lambda"
                and isinstance(made[3], Interp)
                and made[3].ff.file != self.file
                and (len(made) > 4 or functions_handed)
            ):
                return made
            if made[0] == "def" and (len(made) > 2 or functions_handed):
                return self._def_elsewhere(target, made)
            return None
        if made[0] == "def" or (made[0] == "lambda" and len(made) > 4):
            # A nested function, or a JavaScript function expression that captured data.
            return made
        if functions_handed and made[0] == "lambda" and len(made) == 4:
            # A function expression (of a body of its own, or an expression) which
            # may call the functions handed to the factory (`logged(fn)`'s wrapper,
            # `mapValues(fn)`'s `(record) => ... fn(value)`).
            return made
        if made[0] == "lambda" and len(made) == 4 and self._reads_as_here(made[2]):
            # A JavaScript function expression that captured nothing (`return
            # (cmd) => cp.exec(cmd)`): the names it reads besides its parameters
            # are the module's, which no name of this body shadows.
            return made
        return None

    def _def_elsewhere(self, target: str, made: tuple[Any, ...]) -> tuple[Any, ...] | None:
        """A nested `def` another file's factory returned (`compose(*steps)`'s
        `composed`), as a function value written in that file: a lambda whose body
        is that def's, owned by a body of the factory's file (`Interp.inline` runs
        such a body there)."""
        found = self.world.body(target)
        nested = found[0].bodies.get(made[1]) if found is not None else None
        if found is None or nested is None:
            return None
        ff, factory = found
        owner = Interp(
            self.world, ff, factory, [EMPTY] * len(factory.params), depth=self.depth, summary=True
        )
        lam = [ir.LAMBDA, [p[0] for p in nested.params], [ir.FUNC, made[1]]]
        return ("lambda", f"{ff.file}:{made[1]}", lam, owner, *made[2:])

    def _reads_as_here(self, lam: list[Any]) -> bool:
        """Whether a lambda made in another body of this file reads no name this
        body binds (besides its own parameters), so it runs here as it would there."""
        body = lam[2]
        if isinstance(body, list) and body[:1] == [ir.FUNC]:
            found = self.ff.bodies.get(body[1])
            if found is None:
                return False
            own = {*found.bound, *(p[0].lstrip("*") for p in found.params)}
            read = set(found.words) - own
        else:
            params = {p for p in lam[1] if isinstance(p, str)}
            read = _names_read(body, set(), 0) - params
        return read.isdisjoint(self.fn.bound) and read.isdisjoint(self.param_names)

    def _numeric(self, op: str, a: Val, b: Val) -> bool:
        """Whether `a op b` is a number (or raises): it carries no text of the data.
        JavaScript's arithmetic and bitwise operators other than `+` always give
        numbers; Python's `x + 1`, `x - 1`, `x / 2` do too, as a string, a list
        or a set there raises (`*` repeats text and `%` formats it, so not those)."""
        if self.js:
            return op in _JS_NUMERIC_OPS
        return op in _PY_NUMERIC_OPS and (_is_number(a) or _is_number(b))

    def _validation_proved(self, env: Env) -> dict[str, frozenset[str]]:
        """What the route's schema or validators proved of the request's fields here:
        its schema's always; its validator chains' where `_validated_read` counts
        them (`buildListing(req.query)` past `validationResult(req).isEmpty()`)."""
        if not self.validated_checked or not (
            _VALIDATION_PASSED in env or "validationResult" not in self.fn.words
        ):
            return self.validated
        proved = dict(self.validated)
        for qn, classes in self.validated_checked.items():
            proved[qn] = proved.get(qn, frozenset()) | classes
        return proved

    def _validated_read(self, v: Val, env: Env) -> Val:
        """A request field a route's validator chain checks (`query("n").isInt()`),
        read where the check counts: past a test that the errors are empty
        (`if (!validationResult(req).isEmpty()) return ...`, `.throw()`), or in a
        handler that does not read the errors itself (a middleware of the route
        does). A handler that reads them and goes on anyway gets the field as it
        came."""
        classes = self.validated_checked.get(v.qn) if v.taint and v.qn is not None else None
        if classes is None:
            return v
        if _VALIDATION_PASSED in env or "validationResult" not in self.fn.words:
            return sanitize_val(v, classes)
        return v

    def _forget_listener_writes(self, f: Val, env: Env) -> None:
        """A listener runs once per event, each run seeing what the ones before
        stored (`ws.on("message", ...)` setting `ws.boardId` on a "join" message,
        reading it on the next): a field of a name around it that it assigns is
        no longer the constant it held when the listener was added (`ws.boardId =
        null`)."""
        body = _lambda_body(f)
        if body is None:
            return
        for st in _nested_statements(body.body):
            if st is None:
                return
            target = st[1] if st[0] == ir.ASSIGN else None
            if not (
                isinstance(target, list)
                and target[0] == ir.ATTR
                and isinstance(target[1], list)
                and target[1][0] == ir.NAME
                and isinstance(target[2], str)
            ):
                continue
            holder, key = target[1][1], target[2]
            held = env.get(holder)
            if holder in body.bound or held is None or not held.fields or key not in held.fields:
                continue
            if held.fields[key].consts is not None:
                fields = {**held.fields, key: held.fields[key].replace(consts=None)}
                env[holder] = held.replace(fields=fields)

    def _proxied(self, proxy: Val, name: str | Val, env: Env) -> Val:
        """A property a `Proxy` makes (`where.email` of a `get` trap returning
        `(value) => ({ [name]: value })`): what its trap returns for the name (a
        text, or the value of a computed key)."""
        assert proxy.fields is not None
        key = const_val(name) if isinstance(name, str) else name
        got = self._run_callback(proxy.fields[_PROXY_GET], [proxy, key, proxy], env)
        return got if got is not None else EMPTY

    def _attribute_read(self, e: list[Any], env: Env, d: int) -> Val:
        """`o.k`: the object's field, a class attribute naming a class or a
        library's object, a property, or the attribute as models name it."""
        obj = self.expr(e[1], env, d)
        if (
            obj.fn is not None
            and obj.fn[0] == _RETURNED
            and obj.cls is None
            and not (obj.fields and e[2] in obj.fields)
        ):
            # `search = conn.search_s` of `conn = connect()` (a helper not followed):
            # the attribute of the library object it returned, worked out now (or
            # of the object of DataLoaders: `loaders().author`).
            returned = self._returned_object(obj.fn[1], obj.fn[2])
            if (
                (returned.qn is not None or returned.fields)
                and returned.cls is None
                and returned.fn is None
            ):
                obj = _with_fields_of(returned, obj)
        if (
            self.js
            and obj.fields
            and _PROXY_GET in obj.fields
            and isinstance(e[2], str)
            and e[2] not in obj.fields
        ):
            return self._proxied(obj, e[2], env)
        if self.js and e[2] in _PAGE_ORIGIN_PARTS and obj.qn in _PAGE_LOCATIONS:
            # `new URL(path, window.location.origin)`: the page's own origin, which
            # a link to the page cannot choose (its path, query and hash it can).
            return Val(qn=f"{obj.qn}.{e[2]}")
        if self.js and e[2] == "length" and not (obj.fields and "length" in obj.fields):
            # `MODES.length`, `"abc".length` of what is known: a number that decides
            # the branch it is compared in.
            sizes = _known_sizes(obj)
            if sizes is not None:
                return Val(consts=sizes)
            if obj.fields is None and obj.qn is None and obj.elems is not None and not obj.taint:
                # `entries.length` of an array this code fills (`entries.push({ name
                # })`): a number, whatever its items hold (parsed data's `length`
                # may be the sender's text: that value is tainted itself).
                return EMPTY
        if (
            isinstance(e[2], str)
            and e[2].endswith(_CLASS_SUFFIXES)
            and not (obj.fields and e[2] in obj.fields)
        ):
            # `self.repository_class` of `repository_class = RefundRepository`: the
            # class, which calling makes an instance of.
            named = self._class_attribute_class(self._class_of(obj, e[1]), e[2])
            if named is not None:
                return Val(fn=("ref", named), cls=named)
        own_field = e[2] in (obj.fields or {})
        owner = _state_owner(obj) if self.stored_state and not self.summary else None
        if owner is None and self.stored_state and not self.summary and self._session(obj):
            owner = f"{obj.qn}{_KEPT_ITEMS}"
        if owner is not None and (not own_field or _is_class_ref(obj)):
            # (A class's table the module made, `_class_tables`, holds what
            # another request stored in it too.)
            kept = self.stored_state.get(f"{owner}.{e[2]}")
            if kept is not None:
                here = self.attribute(obj, e[2])
                if owner == _REQUEST_OBJECT and here.qn is not None:
                    # A request's own attribute a middleware replaced (`request.session
                    # = SessionStore(key)`) stays the framework's object, with what
                    # was stored as its data.
                    return here.replace(taint=merge_taint(here.taint, deep_taint(kept)))
                if here.replace(qn=None).empty:
                    # `g.body` of `g.body = request.get_json()`: what was stored, as
                    # it came (an object the sender chose stays one).
                    return kept
                return join(here, kept)
        if not own_field:
            # A method's `self` the analysis started from (a view's) is of the
            # class the method is written in: its properties run too.
            cls = self._class_of(obj, e[1])
            got = (
                self._method_read(obj if obj.cls == cls else obj.replace(cls=cls), e, env)
                if cls is not None
                else None
            )
            if got is not None:
                return got
            hook = self._dunder(obj.replace(cls=cls), "__getattr__") if cls is not None else None
            if hook is not None and cls is not None and not self._has_member(cls, e[2]):
                # `params.folder` of a class whose `__getattr__` answers for what it
                # does not have (`return self._source.get(name)`).
                name_val = Val(consts=consts.const(e[2]))
                got = self.apply(
                    hook,
                    [ir.ATTR, e[1], "__getattr__"],
                    [e[2]],
                    obj.replace(cls=cls),
                    [name_val],
                    {},
                    env,
                    "",
                    None,
                )
                if got is not None:
                    return got
            if not self.js and not obj.taint and cls is not None:
                # `self.loader` of `loader = yaml.SafeLoader`: the library's object.
                spelled = self._class_attribute_library(cls, e[2])
                if spelled is not None:
                    return Val(qn=spelled)
                got = self.attribute(obj, e[2])
                # A form's field (`project = StringField(...)`) of an object holding
                # what it was given (`ArchiveForm(request.form)`) is that data.
                # (A view's `self`, `DjangoClassView`, names its attributes but
                # holds nothing in them: `self.environment` of `environment =
                # Environment()` is the library's object.)
                unknown = got.empty or (got.qn == f"{obj.qn}.{e[2]}" and got.replace(qn=None).empty)
                made = self._class_attribute_made(cls, e[2]) if unknown else None
                if made is None and unknown:
                    made = self._class_attribute_literal(cls, e[2])
                if made is None and unknown:
                    # `codec = SnapshotCodec`: the class, its classmethods called on it.
                    named = self._class_attribute_class(cls, e[2])
                    if named is not None:
                        made = Val(fn=("ref", named), cls=named)
                return made if made is not None else got
        return self.attribute(obj, e[2])

    def attribute(self, obj: Val, name: str) -> Val:
        if obj.fields is None and len(obj.taint) == 1 and not obj.qn:
            (origin, san), hops = next(iter(obj.taint.items()))
            if origin.startswith(_CONTEXT_ORIGIN):
                # A field of what a summary read from a request-context holder:
                # that field of what the calling entry finds stored (`_Subst.source`).
                sep = _PATH_SEP if origin.count("|") > 1 else "|"
                return Val({(f"{origin}{sep}{name}", san): hops})
        got = self._attribute_of(obj, name)
        if got.taint and got.qn in _PARSED_URL_QUERIES:
            # `url.parse(req.url, true).query` of a URL whose start the code
            # checked (`req.url.startsWith("/avatar")`): its values are text the
            # request chose, whatever the URL's host is.
            return _url_classes_unsafe(got, 0)
        if self.request_attrs and got.qn in _REQUEST_OBJECTS and got.fields is None:
            # `res.locals` handed on whole (`renderer.render(res.locals)`): with what
            # the middlewares stored in it (`res.locals.displayName = name`).
            prefix = f"{got.qn}."
            stored = {
                k[len(prefix) :]: v
                for k, v in self.request_attrs.items()
                if k.startswith(prefix) and "." not in k[len(prefix) :]
            }
            if stored:
                got = got.replace(fields=stored)
        return got

    def _attribute_of(self, obj: Val, name: str) -> Val:
        if name == "wfile" and obj.qn == _HTTP_SERVER_HANDLER and obj.flags:
            # The handler's output stream: what its headers said of the body.
            return Val(qn=f"{obj.qn}.wfile", flags=obj.flags)
        if obj.qn in _APPLICATION_OF_REQUEST and name == "state" and not self.js:
            # `request.app.state.pool`: the module's application's state, which a
            # startup hook or lifespan set (`module_object_fields`).
            app = self.world.module_values(self.file).get(_APP_PARAM)
            if app is not None and app.qn is not None and app.qn.endswith(")") and not app.taint:
                return self.attribute(app, name)
        qn = f"{obj.qn}.{name}" if obj.qn is not None else None
        inner = (obj.fields or {}).get(name)
        if inner is None and obj.qn in _REQUEST_OBJECTS and qn in self.request_attrs:
            inner = self.request_attrs[qn]
        if (
            inner is None
            and obj.elems is not None
            and (obj.cls is not None or self.js or obj.qn == _PARSED_ARGS)
        ):
            # An object whose constructor we cannot read holds what it was given
            # (`form = ContactForm(request.POST)`; `form.cleaned_data`); a JS
            # object's unknown keys (`Object.assign({}, req.query).dir`) are its keys.
            inner = obj.elems
        if inner is None and qn is not None and not obj.taint and "()" in qn:
            # `app.state.pool`, set by a startup hook of the module to a library's object.
            made = self.world.module_object_fields(self.file).get(qn)
            if made is not None:
                inner = Val(qn=made)
        if inner is None and self.js and obj.cls is not None and not obj.taint and obj.qn is None:
            inner = self._declared_property(obj.cls, name)
        out = inner if inner is not None else EMPTY
        if obj.taint:
            out = out.replace(taint=merge_taint(out.taint, obj.taint))
        if qn is not None:
            out = out.replace(qn=qn) if out.qn is None else out
            out = self.attribute_source(out, qn)
        if out.taint and qn in self.validated:
            out = sanitize_val(out, self.validated[qn])
        if out.taint and qn is not None and not self.js and _restx_payload(qn):
            out = self._restx_validated(out)
        if out.taint:
            # A property that holds no text of the data (`s.length`).
            for m in self.matcher.sanitizers.find(qn or f"?.{name}", self.ff.language):
                if not m.when and m.kind != "result":  # conditions are on a call's arguments
                    out = sanitize_val(out, m.classes)
        return out

    def _declared_property(self, cls_id: str, name: str) -> Val | None:
        """A TypeScript parameter property declared a library's class (`constructor(
        private readonly client: Client)` with `Client` of ldapjs), read on an object
        of a class of this module whose constructor did not run here (a
        dependency-injection container made it): that library's object."""
        if file_of_id(cls_id) != self.file:
            return None
        path = f"{parse_id(cls_id).path}.constructor"
        ctor = self.ff.bodies.get(path)
        if ctor is None:
            return None
        self.deps.add(definition_id(self.file, NodeType.METHOD, path))
        for i, entry in enumerate(ctor.params):
            if entry[0] != name or len(entry) < 4 or entry[2] != ir.P_NO_FLAG or entry[3] is None:
                continue
            stored = [ir.ASSIGN, [ir.ATTR, [ir.NAME, "this"], name], [ir.PARAM, i]]
            if stored not in ctor.body:
                return None  # (a plain parameter, not kept as the property)
            return self._declared_library_object(str(entry[3]), {})
        return None

    def _restx_validated(self, payload: Val) -> Val:
        """Flask-RESTX's `api.payload` in a method declared `@ns.expect(model,
        validate=True)`: each field the model (`ns.model("X", {"n":
        fields.Integer(), "f": fields.String(enum=[...])})`) declares a number, a
        date, a boolean or one of listed strings holds only that; the other keys
        stay the request's."""
        if self.fn.kind != "METHOD":
            return payload
        me = definition_id(self.file, NodeType.METHOD, self.fn.path)
        for text in self.world.decorators(self.file, me):
            found = _RESTX_EXPECT.fullmatch(text.replace(" ", ""))
            if found is None:
                continue
            model = self._top_level_definition(self.file, found.group(1))
            if not (
                isinstance(model, list)
                and model[0] == ir.CALL
                and len(model[3]) == 2
                and isinstance(model[3][1], list)
                and model[3][1][0] == ir.DICT
            ):
                return payload
            fields: dict[Any, Val] = {}
            for key, value in model[3][1][1]:
                if not isinstance(key, str) or not _is_call(value):
                    continue
                kind = value[2][2] if value[2][0] == ir.ATTR else value[2][1]
                options = {k: v for k, v in value[4] if isinstance(k, str)}
                enum = options.get("enum")
                if kind in _RESTX_SCALAR_FIELDS:
                    fields[key] = EMPTY
                elif (
                    isinstance(enum, list)
                    and enum[0] == ir.SEQ
                    and enum[2]
                    and all(isinstance(x, str) for x in enum[2])
                ):
                    fields[key] = Val(consts=frozenset(enum[2]))
            if not fields:
                return payload
            rest = Val(payload.taint)
            return Val(fields={k: fields.get(k, rest) for k in fields}, elems=rest, qn=payload.qn)
        return payload

    def iterated(self, v: Val) -> Val:
        """What iterating `v` gives (`_iterated`); an item a model names is a
        source when the model says so (`for await (const chunk of req)`: the
        request's body)."""
        if v.fn is not None and v.fn[0] == _RETURNED and v.cls is None and not v.taint:
            # `for s in sessions()` of a generator not followed (nothing tainted went
            # in): what it yields, by class or library name (`_returned_object`).
            made = self._returned_object(v.fn[1], v.fn[2])
            if made.seq or made.elems is not None:
                v = made
        item = _iterated(v, self.matcher.model_roots, self.js)
        if item.qn is not None and item.qn != v.qn and item.qn.endswith("[]"):
            return self.attribute_source(item, item.qn)
        return item

    def attribute_source(self, v: Val, qn: str) -> Val:
        for m in self.matcher.attr_sources.find(qn, self.ff.language):
            if m.qn:
                # What the attribute is (a view's `self.request`), not data.
                return v.replace(qn=m.qn)
            origin = f"S|{m.label}|{qn}|"
            taint = merge_taint(v.taint, {(origin, frozenset()): ()})
            if qn.endswith(".match_info") and not self.js:
                routed = self._match_info(taint)
                if routed is not None:
                    return routed
            return v.replace(taint=taint)
        return v

    def _match_info(self, taint: Taint) -> Val | None:
        """An aiohttp handler's `request.match_info`, by what its routes let through
        (`{tenant:[a-z0-9-]+}`: `match_info["tenant"]` is safe for every class
        but the URL ones); None when its routes are not known."""
        if self.fn.kind not in ("FUNCTION", "METHOD"):
            return None
        captures = self.world.aiohttp_captures(self.func_id)
        if not captures:
            return None
        fields: dict[Any, Val] = {
            name: sanitize_val(Val(taint), classes) if classes else Val(taint)
            for name, classes in captures.items()
        }
        return Val(fields=fields, elems=Val(taint))

    # -- names ------------------------------------------------------------------------------

    def lookup(self, name: str, env: Env) -> Val:
        """A name not (yet) in the state: a closure's, an import, a module name, a builtin."""
        if name in self.bound or name in self.param_names:
            return EMPTY
        if self.closure is not None and name in self.closure:
            return self.closure[name]
        # Imports in this scope and the enclosing ones, then module names.
        fs = self.world.file_summary(self.file)
        imp = _import_in_scope(fs, self.file, self.fn.path, name)
        if imp is not None:
            return self.import_value(imp.attrs, imp.id)
        if self.fn.kind != "MODULE" and not self.module_mode:
            mod = self.world.module_values(self.file)
            v = mod.get(name)
            kept = self.stored_state.get(name) if not self.summary else None
            if kept is not None:
                return join(v, kept) if v is not None else kept
            if v is not None:
                return v
            node = fs.top.get(name)
            if node is not None:
                if node.type in (NodeType.FUNCTION, NodeType.CLASS):
                    return Val(
                        fn=("ref", node.id), cls=node.id if node.type == NodeType.CLASS else None
                    )
                return EMPTY
        top = fs.top.get(name)
        if top is not None:
            if (
                top.type == NodeType.FUNCTION
                and not self.module_mode
                and (self.js or self.fn.kind == "MODULE")
            ):
                # A module's own function handed on (`app.get(p, load, ...)`,
                # `app.router.add_get("/x", handler)`).
                return Val(fn=("ref", top.id))
            if top.type == NodeType.CLASS and not self.module_mode:
                # A module's own class, its classmethods called on it
                # (`BackupJob.from_env().run()` under `if __name__ == "__main__"`),
                # or put in a table (`const strategies = {docs: DocsReturn}`).
                return Val(fn=("ref", top.id), cls=top.id)
            if (
                self.module_mode
                and top.type in _DEFINITIONS
                and (not self.js or top.type == NodeType.CLASS)
            ):
                # A module's table of its functions or classes (`ACTIONS = {"restart":
                # restart}`, `new Map([["docs", DocsReturn]])`): a handler calls what
                # it reads there.
                return Val(fn=("ref", top.id), cls=top.id if top.type == NodeType.CLASS else None)
            return EMPTY
        return Val(qn=name)

    def _copied_into(
        self, qn: str, name: str, recv: Val | None, args: list[Any], argv: list[Val], env: Env
    ) -> None:
        """`upload.save(buffer)`, `shutil.copyfileobj(src, buffer)`: a buffer or a
        temporary file the body made then holds what was copied into it (an
        archive a request uploaded, opened from there)."""
        if name == "save" and recv is not None and argv:
            data, dst, into = deep_taint(recv), args[0], argv[0]
        elif qn == "shutil.copyfileobj" and len(argv) >= 2 and len(args) >= 2:
            data, dst, into = deep_taint(argv[0]), args[1], argv[1]
        else:
            return
        if data and into.qn in _FILE_BUFFERS and isinstance(dst, list) and dst[0] == ir.NAME:
            self._update(dst, env, lambda o: _add_elem(o, Val(data)), 0)

    def _captures_data(self, v: Val, env: Env) -> bool:
        """Whether `v` is a lambda or a nested function made here whose body reads
        a name that holds data here, or one a factory made capturing data."""
        made = v.fn
        if made is None or made[0] not in ("lambda", "def"):
            return False
        at = 2 if made[0] == "def" else 4
        if len(made) == at + 2 and any(deep_taint(held) for _, held in made[at]):
            # A factory's function, what it captured holding data (`make_step(
            # branch)` handed to `run_steps(steps)`).
            return True
        words: Iterable[str] = ()
        if made[0] == "lambda" and len(made) == 4 and isinstance(made[2], list):
            body = made[2][2] if len(made[2]) > 2 else None
            if isinstance(body, list) and body and body[0] == ir.FUNC:
                maker = made[3]
                nested = (maker.ff if isinstance(maker, Interp) else self.ff).bodies.get(body[1])
                words = nested.words if nested is not None else ()
            else:
                words = _names_read(body, set(), 0)
        elif made[0] == "def":
            nested = self.ff.bodies.get(made[1])
            words = nested.words if nested is not None else ()
        # (Or the request itself: `() => exec(req.query.dir)`, and Flask's
        # `lambda: request.form.get("next")` of `from flask import request`.)
        requests = self.matcher.request_qns
        imported = self.world.request_names(self.ff) if not self.js else frozenset()
        return any(
            (
                (w := env.get(n)) is not None
                and (deep_taint(w) or (w.qn is not None and w.qn in requests))
            )
            or (n in imported and n not in env)
            for n in words
        )

    def _default_name(self, file: str, path: str, text: str) -> Val | None:
        """A parameter default `a.b` of the function at `path` in `file`, when `a`
        is an import there and `a.b` a name the models ask for (`yaml.SafeLoader`:
        a sink's condition, `html.escape`: a sanitizer), or a workspace class
        (`uow_factory=UnitOfWork`: the body calls it to make one); None otherwise."""
        head, _, rest = text.partition(".")
        if not rest and (cls := self._class_named(head, file)) is not None:
            return Val(fn=("ref", cls), cls=cls)
        imp = _import_in_scope(self.world.file_summary(file), file, path, head)
        if imp is None:
            return None
        v = self.import_value(imp.attrs, imp.id)
        qn = v.qn if not rest or v.qn is None else f"{v.qn}.{rest}"
        qn = qn if v.fn is None else None
        return Val(qn=qn) if _named_by_models(qn, self.matcher) else None

    def import_value(self, attrs: dict[str, Any], imp_id: str) -> Val:
        """What an import binding holds: its qualified name, or a workspace module's value."""
        kind = str_attr(attrs, "kind") or ""
        imported = str_attr(attrs, "imported")
        qn = import_qn(attrs, self.js)
        # A constant or data from a workspace module (through its IMPORTS_FROM edge);
        # in JavaScript also what a module's `module.exports` is, required whole
        # (`const orders = require("./orders")` of `module.exports = new
        # OrderService(repo)`: an object, not a function, which ran there).
        whole = self.js and imported == "*" and kind == "require"
        if whole:
            dst = self.world.imported_from(imp_id)
            parts = parse_id(dst) if dst is not None else None
            if parts is not None and parts.kind == NodeType.EXPORT:
                self.deps.add(str(dst))
                module = self.world.module_values(parts.file).get("module")
                v = (module.fields or {}).get("exports") if module is not None else None
                if v is not None and (_made_object(v) or _constant_object(v)):
                    return v.replace(qn=v.qn or qn)
            elif parts is not None and parts.kind == NodeType.VARIABLE and parts.is_top_level:
                self.deps.add(str(dst))
                v = self.world.module_values(parts.file).get(parts.path)
                if v is not None and (_made_object(v) or _constant_object(v)):
                    return v.replace(qn=v.qn or qn)
            elif parts is not None and parts.kind == NodeType.MODULE:
                # `module.exports = { encode, decode }`: the functions it exports,
                # by name (what a function it is handed to calls on it).
                functions = self.world.exported_functions(parts.file)
                if functions:
                    self.deps.update(functions.values())
                    return Val(fields={k: Val(fn=("ref", f)) for k, f in functions.items()}, qn=qn)
        if imported not in (None, "*"):
            dst = self.world.imported_from(imp_id)
            if dst is not None:
                parts = parse_id(dst)
                if parts.kind == NodeType.VARIABLE and parts.is_top_level:
                    self.deps.add(dst)
                    v = self.world.module_values(parts.file).get(parts.path)
                    if v is not None:
                        return v.replace(qn=v.qn or qn)
                elif parts.kind in (NodeType.FUNCTION, NodeType.CLASS) and parts.is_top_level:
                    # A workspace function or class handed on as a value (`apply(fixed,
                    # v)`, `submit(task, v)`): the definition it names.
                    return Val(
                        qn=qn, fn=("ref", dst), cls=dst if parts.kind == NodeType.CLASS else None
                    )
                elif self.js and parts.kind == NodeType.EXPORT and imported:
                    # `module.exports = { ALLOWED: [...] }` / `exports.ALLOWED = [...]`:
                    # the data the module exported (not a function: it ran there).
                    self.deps.add(dst)
                    v = _cjs_export(self.world.module_values(parts.file), imported)
                    if v is not None and v.fn is None and not deep_taint(v):
                        return v.replace(qn=v.qn or qn)
        return Val(qn=qn)

    def _never_returns(self, func: Any, env: Env) -> bool:
        """Whether `func` names a function of this file that never returns
        (`_always_stops`). (Only this file's: another's body would be a dependency.)"""
        if not (isinstance(func, list) and func[0] == ir.NAME) or func[1] in env:
            return False
        v = self.lookup(func[1], env)
        if v.fn is None or v.fn[0] != "ref" or file_of_id(v.fn[1]) != self.file:
            return False
        found = self.ff.bodies.get(parse_id(v.fn[1]).path)
        return found is not None and found.kind != "MODULE" and _always_stops(found.body)

    def callee_qn(self, func: Any, env: Env) -> str | None:
        if not isinstance(func, list):
            return None
        if func[0] == ir.ATTR:
            recv = self.expr(func[1], env, 0)
            return f"{recv.qn or '?'}.{func[2]}"
        if func[0] == ir.NAME:
            v = env.get(func[1])
            if v is None:
                v = self.lookup(func[1], env)
            return v.qn or func[1]
        return None

    # -- calls ------------------------------------------------------------------------------

    def call(self, e: list[Any], env: Env, depth: int) -> Val:
        _, i, func, args, kwargs = e
        if (
            self.next_proofs is not None
            and func == [ir.NAME, "next"]
            and not args
            and self.fn.path == self.next_proofs[0]
        ):
            # (`next(err)` skips to the error handlers: the route's never run.)
            self.next_proofs[1].append(_proved_fields(env))
        if (
            isinstance(func, list)
            and func[0] == ir.CALL
            and func[2] == [ir.NAME, "getattr"]
            and len(func[3]) == 2
            and "getattr" not in env
        ):
            # `getattr(obj, "name")(x)`: a method call, when the name is a constant.
            names = self.expr(func[3][1], env, depth).consts or ()
            if (
                len(names) == 1
                and isinstance(attr := next(iter(names)), str)
                and attr.isidentifier()
            ):
                func = [ir.ATTR, func[3][0], attr]
            elif 1 < len(names) <= 4 and all(
                isinstance(a, str) and a.isidentifier() for a in names
            ):
                # (Or one of a few: `getattr(self, "search_" + mode)(term)` once
                # `mode` is one of a few constants: each method may be the one.)
                each = [
                    self.call([ir.CALL, i, [ir.ATTR, func[3][0], attr], args, kwargs], env, depth)
                    for attr in sorted(names)
                ]
                return functools.reduce(join, each)
        elif (
            not self.js
            and func == [ir.NAME, "getattr"]
            and len(args) == 2
            and not kwargs
            and "getattr" not in env
        ):
            # `runner = getattr(builtins, "exec")`: the attribute, when the name is
            # a constant (called later, it is `builtins.exec`).
            names = self.expr(args[1], env, depth).consts or ()
            if 0 < len(names) <= 4 and all(isinstance(a, str) and a.isidentifier() for a in names):
                # (Or one of a few: `getattr(self, "handle_" + action)` once `action`
                # is one of a few constants: either method.)
                got: Val | None = None
                for attr in sorted(names):
                    attribute = self.expr([ir.ATTR, args[0], attr], env, depth)
                    if attribute.qn is None and attribute.fn is None:
                        got = None
                        break
                    got = attribute if got is None else join(got, attribute)
                if got is not None:
                    return hop_val(got, self.call_id(i))
        if (
            self.js
            and isinstance(func, list)
            and func[0] == ir.ATTR
            and func[2] in ("call", "apply")
            and args
            and (self._is_function(func[1], env, depth) or self._param_called(func[1]))
        ):
            # `f.call(thisArg, a, b)` is `f(a, b)`; `f.apply(thisArg, [a, b])` too.
            rest = args[1:] if func[2] == "call" else [[ir.STAR, a] for a in args[1:2]]
            func, args = func[1], rest
        elif (
            self.js
            and isinstance(func, list)
            and func[0] == ir.ATTR
            and func[2] == "bind"
            and len(args) == 1
            and isinstance(func[1], list)
            and func[1][0] in (ir.ATTR, ir.CALL)
            and (member := self.expr(func[1], env, depth)).qn is not None
            and member.fn is None
            and not member.qn.startswith("?")
            # (A client made with the deployment's settings, `createClient({ url:
            # process.env.LDAP_URL })`, is still the library's.)
            and not _untrusted(deep_taint(member))
        ):
            # `db.all.bind(db)` of a library's object: that method, as a value
            # (`promisify(db.all.bind(db))(sql)` is `db.all(sql)`; so is
            # `promisify(db.all).bind(db)`).
            return Val(qn=member.qn)
        elif (
            self.js
            and isinstance(func, list)
            and func[0] == ir.ATTR
            and func[2] == "bind"
            and args
            and self._is_function(func[1], env, depth)
        ):
            # `f.bind(thisArg, a)`: `f` with `a` before the arguments of each call,
            # and `thisArg` its `this` (an ES5 prototype's method, `store.byTag.
            # bind(store)`: a function of the object, not a method of a class).
            bound = self.expr(func[1], env, depth)
            first = tuple(self.expr(a, env, depth) for a in args[1:])
            method = bound.fn is not None and bound.fn[0] == _METHOD
            this = None if method else self.expr(args[0], env, depth)
            return Val(fn=(_BOUND, bound, first, this))
        call_id = self.call_id(i)
        recv: Val | None = None
        fval: Val
        if isinstance(func, list) and func and func[0] == ir.ATTR:
            recv = self.expr(func[1], env, depth)
            if recv.fn is not None and recv.fn[0] == _RETURNED and recv.cls is None:
                # (Fields a branch stored into it before its paths met stay.)
                recv = _with_fields_of(self._returned_object(recv.fn[1], recv.fn[2]), recv)
                if (
                    func[1][0] == ir.NAME
                    and env.get(func[1][1]) is not None
                    and (recv.cls is not None or recv.fields or recv.fn is not None)
                ):
                    # `q = Query("t").where(...)`, then `q.where(x)`: the object as
                    # worked out now, which the method's stores then change.
                    env[func[1][1]] = recv
            if recv.fn is not None and recv.fn[0] in (_LIBRARIES, _CLASSES):
                return self._each_alternative(e, recv, env, depth)
            if _class_refs(recv):
                # `PROBES.get(kind).from_payload(body)`: a classmethod (or static
                # method) of each class a table's entry may be.
                return self._each_alternative(e, recv, env, depth)
            name = func[2]
            if name == "__exit__" and i == -1 and not self.js:
                # The end of a `with` block: the class's `__exit__`, if it defines one.
                leave = self._method_of(recv.cls, name) if recv.cls is not None else None
                if leave is not None and self.depth < MAX_CALL_DEPTH:
                    nothing = [const_val(None)] * 3
                    self.apply(leave, func, [None] * 3, recv, nothing, {}, env, "", None)
                return EMPTY
            if name == "__enter__" and i == -1 and not self.js:
                if (
                    recv.cls is None
                    and (recv.seq or recv.elems is not None)
                    and self._generator_context(func[1])
                ):
                    # `with scope_of(payload) as scope` of a `@contextmanager`
                    # generator: what it yields first (any of its yields, when
                    # their order is not fixed: a yield in a `try`).
                    return recv.seq[0] if recv.seq else element(recv)
                # `with X(...) as x`: what the class's `__enter__` returns, else X itself.
                enter = self._method_of(recv.cls, name) if recv.cls is not None else None
                if enter is None or self.depth >= MAX_CALL_DEPTH:
                    return recv
                got = self.apply(enter, func, [], recv, [], {}, env, "", None)
                if got is None:
                    return recv
                if got.fn is not None and got.fn[0] == _RETURNED and got.cls is None:
                    # Not followed (nothing tainted went in): an object of its own
                    # class is the usual `return self`, the object with its fields,
                    # and with those `__enter__` stores into it (`self.members =
                    # MemberRepository(self.session)` of a unit of work): it runs here.
                    returned = self._returned_object(got.fn[1], got.fn[2])
                    if returned.cls is not None and returned.cls == recv.cls:
                        found = self.world.body(enter)
                        if found is not None and found[1].params and _stores_into(found[1]):
                            ran = self._run_method_here(
                                found[0], found[1], enter, None, {0: recv}, "", False
                            )
                            if ran is not None and ran.cls == recv.cls:
                                return ran
                        return recv
                return got
            if name == "__init_subclass__" and self.module_mode and _is_class_ref(recv):
                # `class PngConverter(Converter, fmt="png")` (the front end's call): the
                # base's hook runs here, on the class, where the module's names are
                # (`Converter.registry[fmt] = cls` fills the module's table).
                hook = self._method_of(recv.cls, name) if recv.cls is not None else None
                if hook is not None and file_of_id(hook) == self.file:
                    hook_kwargs = {k: self.expr(v, env, depth) for k, v in kwargs if k}
                    fn_val = Val(fn=("def", parse_id(hook).path))
                    self.inline(fn_val, None, [recv], hook_kwargs, env, call_id, same_level=True)
                return EMPTY
            if self.js and name == "getStore" and not args and _request_context(recv, True):
                # What a middleware stored in the module's AsyncLocalStorage
                # (`_set_context_var`), kept for the file's other entries (the
                # module's own callbacks hold its name as the module made it).
                holder = func[1]
                if holder[0] == ir.NAME and self.summary:
                    return _context_read(holder[1])
                if holder[0] == ir.NAME and holder[1] in self.stored_state:
                    recv = join(recv, self.stored_state[holder[1]])
                return Val(recv.taint, fields=recv.fields) if recv.fields else Val(recv.taint)
            if (
                not self.js
                and name == "get"
                and self.summary
                and func[1][0] == ir.NAME
                and func[1][1] not in env
                and _request_context(recv, False)
            ):
                # A module's ContextVar read in a helper: what the calling entry's
                # hooks set in it, in the caller's terms.
                return _context_read(func[1][1])
            qn = f"{recv.qn or '?'}.{name}"
            fval = (recv.fields or {}).get(name, EMPTY)
            if fval.empty and self.js and recv.fields and _PROXY_GET in recv.fields:
                # `where.email(x)` of a `Proxy` whose `get` trap makes the function.
                fval = self._proxied(recv, name, env)
            if fval.empty and self.js and recv.qn is None and func[1] == [ir.NAME, "this"]:
                # `this.runner(dir)` of `this.runner = (d) => exec(...)` in the class's
                # constructor: the function the constructor made.
                made_fn = self._constructor_function(name)
                if made_fn is not None:
                    fval = self.expr(made_fn, env, depth)
            if recv.qn is None and fval.qn is not None and fval.fn is None and not fval.taint:
                # `this.runner(cmd)` with `this.runner = exec` (handed in or made
                # here): a call of the library's function the field holds.
                qn = fval.qn
            if fval.empty and name.endswith(_CLASS_SUFFIXES):
                # `self.history_class()`: an instance of the class the attribute names.
                named = self._class_attribute_class(self._class_of(recv, func[1]), name)
                if named is not None:
                    fval, recv, func = Val(fn=("ref", named), cls=named), None, [ir.NAME, name]
        else:
            fval = self.expr(func, env, depth)
            if fval.fn is not None and fval.fn[0] == _LIBRARIES:
                return self._each_alternative(e, fval, env, depth)
            if fval.fn is not None and fval.fn[0] == _RETURNED and fval.cls is None:
                # `make_runner("ls")(x)`: the function the factory returned.
                fval = fval.replace(fn=self._returned_function(fval.fn[1], fval.fn[2]))
            name = func[1] if isinstance(func, list) and func and func[0] == ir.NAME else "?"
            qn = fval.qn or (name if name != "?" else "?")
            if isinstance(func, list) and func and func[0] == ir.CALL and fval.qn is None:
                qn = "?"
        argv: list[Val] = []
        spread: Val | None = None
        outer_validated = self.validated
        # What the route's validation proves (`_validated_by_chains`), when it was
        # needed before the arguments ran.
        route_checks: tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]] | None = None
        if self.js and len(args) > 0 and _wraps_in_call(args):
            # A route's handler made by a wrapper (`handler: withSession(store, (request,
            # h) => ...)`) runs as the wrapper is called, among the route call's
            # arguments: what the route's validation proves holds there already.
            route_checks = self._validated_by_chains(args, env, func)
            if route_checks[0]:
                self.validated = {**outer_validated, **route_checks[0]}
        for a in args:
            if isinstance(a, list) and a and a[0] == ir.STAR:
                sv = self.expr(a[1], env, depth)
                if sv.seq is not None and spread is None:
                    argv.extend(sv.seq)
                else:
                    spread = element(sv) if spread is None else join(spread, element(sv))
            else:
                argv.append(self.expr(a, env, depth))
        self.validated = outer_validated
        kwv: dict[str, Val] = {}
        # `f(**data)` of a mapping whose keys are not all known: what a
        # workspace function's keywords the call does not name read from it.
        splat: Val | None = None
        for k, v in kwargs:
            val = self.expr(v, env, depth)
            if k is None and val.fn is not None and val.fn[0] == _RETURNED and val.cls is None:
                # `XMLParser(**self.parser_options())` of a helper not followed (no
                # data went in): the constant keys of the mapping it returns.
                val = _with_fields_of(self._returned_constants(val.fn[1], val.fn[2]), val)
            if k is None:
                for fk, fv in (val.fields or {}).items():
                    if isinstance(fk, str):
                        kwv.setdefault(fk, fv)
                if val.taint or val.elems is not None:
                    splat = val if splat is None else join(splat, val)
            else:
                kwv[k] = val
        if fval.fn is not None and fval.fn[0] == _BOUND:
            argv = [*fval.fn[2], *argv]
            if fval.fn[3] is not None and fval.fn[3].fields:
                recv = fval.fn[3]
            fval = fval.fn[1]
        if self.js and recv is not None and argv and name in _SCHEMA_METHODS:
            passed = self._schema_validated(func, recv, argv[0])
            if passed is not None:
                return hop_val(passed, call_id)
        if self.js and qn in schema_validators.VALIBOT_PARSERS and len(args) >= 2:
            # `v.safeParse(Schema, data)`: what the schema admits of the data, in its
            # result's `output` (`v.parse` returns it).
            schema_e = args[0]
            schema = (
                self._definition(schema_e[1])
                if isinstance(schema_e, list) and schema_e[0] == ir.NAME
                else schema_e
            )
            admitted = self._schema_result("valibot", "parse", schema, argv[1])
            if admitted is not None:
                field = schema_validators.VALIBOT_PARSERS[qn]
                if field:
                    admitted = Val(fields={field: admitted, "success": EMPTY, "issues": EMPTY})
                return hop_val(admitted, call_id)
        if (
            not self.js
            and name in _PYDANTIC_VALIDATING
            and argv
            and recv is not None
            and recv.cls is not None
            and _is_class_ref(recv)
            and self._pydantic_model(recv.cls)
        ):
            # `Query.model_validate(request.args.to_dict())`: as `Query(**...)`.
            return hop_val(self._pydantic_made(recv.cls, {}, argv[0]), call_id)
        if (
            not self.js
            and name == "load"
            and argv
            and recv is not None
            and recv.cls is not None
            and self._is_marshmallow_schema(recv.cls)
        ):
            return hop_val(self._schema_loaded(recv.cls, argv[0]), call_id)
        if (
            recv is not None
            and name in ("get", "pop")
            and argv
            and (from_session := self._kept_in_session(recv, argv[0])) is not None
        ):
            # `session.get("next", "/")` after another entry stored it there.
            got = join(from_session, argv[1]) if len(argv) > 1 else from_session
            return hop_val(got, call_id)
        signed = _SIGNING.get(qn) if not self.summary and not self.js else None
        if signed is not None and argv:
            # `signer.dumps({"next": nxt})` in one handler, `signer.loads(state)` in
            # another: the token holds what this module signed (the client cannot
            # change it, but it may have chosen it).
            reader, writes = signed
            key = f"signed.{reader}{_KEPT_ITEMS}.*"
            if writes:
                self._write_state(key, argv[0], self.state_writes)
            elif (was_signed := self.stored_state.get(key)) is not None:
                return hop_val(was_signed, call_id)
        if recv is not None and recv.qn in _CACHES and argv:
            # `cache.set(f"probe:{user.pk}", host)` in one handler, `cache.get(...)` of
            # a key that may be the same in another: what was stored there (stored
            # by a helper: in its caller's terms, `Summary.global_writes`).
            bucket = _cache_bucket(args[0] if args else None, argv[0])
            at = _CACHE_WRITES.get(name)
            if at is not None and len(argv) > at:
                key = f"{recv.qn}{_KEPT_ITEMS}.{bucket}"
                if not self.summary:
                    self._write_state(key, argv[at], self.state_writes)
                elif len(self.global_writes) < _MAX_GLOBAL_WRITES:
                    self._write_state(key, argv[at], self.global_writes)
            elif (
                name in _CACHE_READS
                and not self.summary
                and (cached := self._kept_in_cache(recv.qn, bucket)) is not None
            ):
                return hop_val(join(cached, argv[1]) if len(argv) > 1 else cached, call_id)
        if fval.fn is not None and fval.fn[0] == _RESOLVER:
            # An executor's `resolve(v)`: `v` is the promise's value.
            fval.fn[1].add(argv[0] if argv else EMPTY)
            return EMPTY
        if fval.fn is not None and fval.fn[0] == _STEP_DONE:
            # A waterfall task's `done(err, a, b)`: the next task is handed `a, b`.
            fval.fn[1].add_all(argv[1:])
            return EMPTY
        if self.js and not self.summary and self.fn.kind == "MODULE":
            for a in argv:
                if _vue_bindings(a):
                    # `defineComponent({ ..., template: '<div v-html="x">' })`,
                    # `createApp({...})`, `new Vue({...})`.
                    self._run_component(a, env, call_id)
        if not self.js and qn in _TEMPLATE_RENDERS and self.depth < MAX_CALL_DEPTH:
            # `render(request, "card.html", {"card": card})`: the template reads the
            # properties of the objects it is handed (`{{ card.headline }}`), which
            # run then (a `mark_safe` in one is the template's HTML).
            self._render_properties([*argv, *kwv.values()], env, call_id)
        iterated = _COLLECTION_ITERATORS.get(qn) if self.js and qn is not None else None
        if iterated is not None and len(argv) > max(iterated[:2]):
            # `pMap(files, (name) => load(name))`, `async.each(files, (f, done) => ...)`:
            # the library calls the function with each item of the collection.
            at, fn_at, mapped = iterated
            f = argv[fn_at]
            if f.fn is not None and f.fn[0] in ("lambda", "def", "ref"):
                got = self._run_callback(f, [element(argv[at]), EMPTY], env)
                return hop_val(Val(elems=got or EMPTY), call_id) if mapped else EMPTY
        if (
            self.js
            and qn in _WATERFALLS
            and argv
            and argv[0].seq is not None
            and all(t.fn is not None and t.fn[0] in ("lambda", "def") for t in argv[0].seq)
        ):
            return self._waterfall(
                list(argv[0].seq), argv[1] if len(argv) > 1 else None, env, call_id
            )
        if (
            self.js
            and qn == "Promise"
            and recv is None
            and argv
            and argv[0].fn is not None
            and argv[0].fn[0] in ("lambda", "def")
        ):
            # `new Promise((resolve, reject) => ...)`: the executor runs now, and
            # the promise holds what it resolves with (`await`, `.then(cb)`).
            settled = _Settled()
            resolver = Val(fn=(_RESOLVER, settled))
            self.inline(argv[0], None, [resolver, EMPTY], {}, env, call_id, same_level=True)
            return settled.value if settled.value is not None else EMPTY
        if fval.fn is not None and fval.fn[0] == _PARTIAL:
            # `run = partial(subprocess.run, shell=True)`: `run(cmd)` is
            # `subprocess.run(cmd, shell=True)` (its own keywords win); bound
            # positional arguments come first (`partial(ping, host)()`).
            kwv = {**dict(fval.fn[2]), **kwv}
            argv = [*fval.fn[3], *argv]
            fval = fval.fn[1]
            qn = fval.qn or qn
        lang = self.ff.language
        if self.js and argv:
            if qn == "require" and recv is None and len(argv) == 1:
                # `require("sqlite3").verbose()`: the module, as an import binding is.
                module = single_const(argv[0])
                if isinstance(module, str) and module and not module.startswith("."):
                    return Val(qn=module)
            elif qn in _PROMISIFY:
                # `promisify(exec)` is `exec`, answering with a promise.
                return argv[0]
            elif qn in _CREATE_ELEMENT:
                return self._element_made(argv, env, call_id)
        elif qn == "next" and recv is None and argv and argv[0].seq is not None and args:
            # `next(it)` of a generator whose yields are known in order: the first,
            # and the iterator moves on (a name holding it keeps the rest).
            head = argv[0].seq[0] if argv[0].seq else (argv[1] if len(argv) > 1 else EMPTY)
            if isinstance(args[0], list) and args[0][0] == ir.NAME:
                self._update(args[0], env, lambda o: o.replace(seq=o.seq[1:]) if o.seq else o, 0)
            return head
        elif (
            qn == "len"
            and not self.js
            and recv is None
            and fval.fn is None
            and len(argv) == 1
            and not kwv
            and spread is None
        ):
            # `len(["name", "email"])`, `len(MODE)`: a number the analysis knows
            # decides the branch it is compared in.
            sizes = _known_sizes(argv[0])
            if sizes is not None:
                return Val(consts=sizes)
        elif qn == "functools.partial" and argv and spread is None:
            # `partial(os.system)` binds nothing: it is `os.system`; bound keywords
            # and positional arguments are added to each call.
            if not kwv and len(argv) == 1:
                return argv[0]
            return Val(fn=(_PARTIAL, argv[0], tuple(sorted(kwv.items())), tuple(argv[1:])))
        target = self.world.targets(self.file).get(call_id) if call_id else None
        if (
            target is not None
            and fval.fn is not None
            and fval.fn[0] == "ref"
            and parse_id(target).kind == NodeType.VARIABLE
        ):
            # A call of a variable holding a class (`self.history_class()`): the class.
            target = fval.fn[1]
        elif (
            target is not None
            and fval.fn is not None
            and fval.fn[0] == _UNION
            and parse_id(target).kind == NodeType.VARIABLE
        ):
            # A variable holding one of several functions (`self.build_filter` of
            # `FILTERS.get(kind)`): each may be the one called (below).
            target = None
        elif (
            target is not None
            and recv is not None
            and recv.cls is None
            and fval.fn is not None
            and fval.fn[0] in ("lambda", "def", _UNION)
            and parse_id(target).kind == NodeType.METHOD
        ):
            # `strategy.bucket(g)` resolved by a declared type (a TypeScript
            # interface's method) on an object literal, of no class, holding
            # functions (`{ bucket: (g) => ... }`): those are what run.
            target = None
        if (
            recv is not None
            and recv.cls is not None
            and (target is None or parse_id(target).kind == NodeType.METHOD)
            and isinstance(func, list)
            and func[0] == ir.ATTR
        ):
            # The method of the object's own class: an override in a subclass
            # (`self.arg(v)` written in the base, run on a subclass's object).
            own_method = self._method_of(recv.cls, name)
            if own_method is None and self.js and (fval.fn is None or target is not None):
                # A method a mixin object put on the class's prototype (also where
                # the graph took the call for another class's method of that name:
                # `this.repo.search(...)` in a controller's own `search`).
                mixed = self._mixed_in(recv.cls, name, env)
                if mixed is not None:
                    fval, target = mixed, None
            target = own_method or target
        if (
            target is None
            and recv is None
            and not self.js
            and fval.cls is not None
            and fval.fn is None
            and isinstance(func, list)
            and func[0] in (ir.NAME, ir.ATTR)
        ):
            # `namer(name)` of an object whose class defines `__call__`.
            target = self._method_of(fval.cls, "__call__")
            if target is not None:
                func, recv, name = [ir.ATTR, func, "__call__"], fval, "__call__"
        me = "this" if self.js else (self.param_names[0] if self.param_names else "")
        if (
            target is not None
            and self.js
            and me not in env
            and self.fn.kind == "METHOD"
            and _super_method_call(func, self.js)
            and func != [ir.NAME, "super"]
        ):
            # `super.handle(req, res)` in a method run with nothing known of `this`:
            # still an object of this class, whose overrides the base's method calls
            # (`this.resolve(url)` in the base is the subclass's).
            env[me] = Val(cls=_class_of_method(self.func_id))
        base_call = False
        if target is not None and me in env and _super_method_call(func, self.js):
            # `super().__init__(key)`, `super.save(x)`: the base's method, run on this
            # object (what it stores into `self` / `this` lands here). It is the rest
            # of this method, so it runs at this call depth: an override calling
            # its base takes no level from what the base calls.
            func = [ir.ATTR, [ir.NAME, me], name if name != "?" else "constructor"]
            recv = env[me]
            base_call = True
        elif (
            not self.js
            and target is not None
            and self.fn.kind == "METHOD"
            and args[:1] == [[ir.NAME, me]]
            and isinstance(func, list)
            and func[0] == ir.ATTR
            and isinstance(func[1], list)
            and func[1][0] == ir.NAME
            and parse_id(target).kind == NodeType.METHOD
            and parse_id(target).path == f"{func[1][1]}.{func[2]}"
            and func[1][1]
            in _classes_up(self.world, self.file, _owner_path(self.fn.path).rpartition(".")[0])[1:]
        ):
            # `Base.render(self, req)`: the base's method, called the old way.
            base_call = True
        if target is None and fval.fn is not None and fval.fn[0] == "ref":
            target = fval.fn[1]
        if (
            recv is None
            and fval.fn is not None
            and fval.fn[0] == _METHOD
            and (target is None or parse_id(target).kind == NodeType.VARIABLE)
        ):
            # `handler(target)` of `handler = self.handle_vacuum`: the method, on
            # the object it was read from (called as `obj.handle_vacuum(target)`).
            target, recv = fval.fn[1], fval.fn[2]
            func = _as_method_call(func, target)
        if target is None and recv is not None and recv.cls is None and recv.fn is None:
            stored = self._stored_field_class(func)
            if stored is not None:
                # `this.files.resolve(p)` of `this.files = ContainedPath.under(root)`
                # in the constructor: that class's method.
                target = self._method_of(stored, name)
        if target is None and recv is not None and recv.cls is None and recv.fn is None:
            target = self._injected_method(func, name, qn)
            if target is not None and not recv.fields:
                # The module's one object of that class (`const repo = new
                # CustomerRepository(pool)`) is the service handed in: its fields
                # (the pool) are what the method sees.
                made = self.world.sole_instance(self.file, _class_of_method(target))
                if made is not None:
                    recv = made
        if (
            target is not None
            and recv is not None
            # (Or an object of its class whose fields are not known: one a caller
            # handed in, described by its class alone, `_describe`'s held objects.)
            and (recv.cls is None or recv.fields is None)
            and recv.fn is None
            and not recv.fields
            and not recv.taint
            and parse_id(target).kind == NodeType.METHOD
            and isinstance(func, list)
            and func[0] == ir.ATTR
        ):
            made = self._made_unseen(target, env, call_id)
            if made is not None and made.fields:
                recv = made
        if (
            self.js
            and target is None
            and func == [ir.NAME, "super"]
            and self.fn.kind == "METHOD"
            and self.fn.path.endswith(".constructor")
            and "this" in env
            and self.depth < MAX_CALL_DEPTH
        ):
            # `super(...)` in a constructor: the base's constructor (its field
            # initializers, `http = axios.create()`) runs on this object.
            base_ctor = self._base_constructor()
            if base_ctor is not None:
                self.apply(
                    base_ctor,
                    [ir.ATTR, [ir.NAME, "this"], "constructor"],
                    args,
                    env["this"],
                    argv,
                    kwv,
                    env,
                    call_id,
                    spread,
                )
                return EMPTY
        if (
            target is None
            and _calls_super(func, self.js)
            and self._method_of_class_based_on(_EXCEPTION_BASES)
        ):
            # An exception class whose base the workspace does not define
            # (`Exception`, `Error`): what it is given is its message (`str(e)`,
            # `e.message`).
            me = "this" if self.js else (self.param_names[0] if self.param_names else "")
            if me in env and (self.js or name == "__init__"):
                given = argv[0] if self.js and argv else Val(seq=tuple(argv))
                key = "message" if self.js else "args"
                self._update([ir.NAME, me], env, lambda o, g=given, n=key: _set_key(o, n, g), 0)
        # One of several functions (`ACTIONS.get(name)` of a module's table of
        # them): each may be the one called.
        others: tuple[tuple[Any, ...], ...] = ()
        inline_others: tuple[tuple[Any, ...], ...] = ()
        methods: tuple[tuple[Any, ...], ...] = ()
        library_result: Val | None = None
        if (
            target is None
            and fval.fn is not None
            and fval.fn[0] == _UNION
            and (recv is None or (recv.fields or {}).get(name) is fval)
        ):
            # (Also a method an object of several shapes holds: `strategy.build(q)`
            # of `listings[kind] || listings.featured`.)
            refs = tuple(f for f in fval.fn[1] if f[0] == "ref")
            methods = tuple(f for f in fval.fn[1] if f[0] == _METHOD)
            library = tuple(f[1] for f in fval.fn[1] if f[0] == _LIBRARY_FUNCTION)
            inline_others = tuple(
                f for f in fval.fn[1] if f[0] not in ("ref", _METHOD, _LIBRARY_FUNCTION)
            )
            if refs:
                target, others = refs[0][1], refs[1:]
            for lib in library:
                # (A library's function among them, `pickle.loads`: called as itself.)
                inner = dict(env)
                inner[_EITHER_NAME] = Val(qn=lib)
                got = self.call([ir.CALL, e[1], [ir.NAME, _EITHER_NAME], e[3], e[4]], inner, depth)
                library_result = got if library_result is None else join(library_result, got)
        if target is not None and not self.js and parse_id(target).kind == NodeType.FUNCTION:
            # `render_cell(v)` of a `singledispatch` function: one of the
            # implementations registered for it may be the one that runs.
            others = (*others, *(("ref", i) for i in self.world.dispatched_to(target)))
        # Sinks, flags.
        queried = False
        if (recv is not None and (recv.taint or recv.fields or recv.elems)) or any(
            not v.empty for v in (*argv, *kwv.values())
        ):
            # (A function the code made, `engine.evaluate(src)` of a table of
            # lambdas, is no library's method either.)
            root = _chain_root(func[1]) if isinstance(func, list) and func[0] == ir.ATTR else None
            queried = self.call_sinks(
                qn,
                recv,
                argv,
                kwv,
                call_id,
                resolved=target is not None or (fval.fn is not None and fval.fn[0] in _MADE_HERE),
                named_import=self._named_import_called(func, env),
                root_flags=(
                    env[root[1]].flags
                    if isinstance(root, list)
                    and root[0] == ir.NAME
                    and root is not func[1]
                    and root[1] in env
                    else frozenset()
                ),
            )
        flagged = self.flag_models(qn, recv, argv, kwv, func, env)
        result: Val | None = None
        # A call of a plain name this body did not bind nor resolve: a parameter's.
        unbound = (
            recv is None
            and target is None
            and fval.fn is None
            and isinstance(func, list)
            and func[0] == ir.NAME
            and func[1] not in self.bound
        )
        if (
            unbound
            and self.summary
            and func[1] in self.param_names
            and len(self.param_calls) < _MAX_PARAM_CALLS
        ):
            # A callback handed in (`withName(req, cb)` calls `cb(req.query.name)`):
            # the caller runs what it passed with these arguments, and its result
            # is what that callback returns (a `C|k` origin the caller replaces).
            self.param_calls.append((self.param_names.index(func[1]), tuple(argv)))
            result = Val({(f"C|{len(self.param_calls) - 1}", frozenset()): ()})
        elif unbound and func[1] in self.param_names:
            self._hands_error_on(func[1], argv)
        elif (
            unbound
            and func[1] in self.outer_params
            and (func[1] not in env or env[func[1]] is self.seeded.get(func[1]))
        ):
            # ... or from a callback of its own (`setImmediate(() => cb(name))`).
            calls, i = self.outer_params[func[1]]
            if len(calls) < _MAX_PARAM_CALLS:
                calls.append((i, tuple(argv)))
        if self._registers_here(target, recv, argv):
            # The module's body calling one of its functions (`register("ping",
            # do_ping)`, a decorator filing what it decorates): it runs here too, as
            # a nested function does, so what it writes into the module's tables
            # (`ACTIONS[name] = fn`) is in them after the call. What it returns is
            # the call's as below (a wrapper keeps the function it was handed).
            assert target is not None
            holder = (
                func[1][1]
                if recv is not None and func[0] == ir.ATTR and func[1][0] == ir.NAME
                else None
            )
            handed = argv
            if recv is not None and not self.js:
                # (A classmethod is handed its class first; a staticmethod is not.)
                if "classmethod" in self.world.decorators(self.file, target):
                    handed = [recv, *argv]
                else:
                    holder = None
            self.inline(
                Val(fn=("def", parse_id(target).path)),
                recv if self.js else None,
                handed,
                kwv,
                env,
                "",
                this_into=holder,
            )
        if target is not None and not self.js and (recv is None or recv.cls is not None):
            # `lookup(name)` of `@with_db def lookup(conn, name)`: the call goes
            # through the wrappers this file's decorators put around it (one that
            # hands it a connection first, one that checks or converts); a
            # method's wrapper is handed the object first.
            wrapped = _decorated_call(
                self.world,
                self.ff,
                target,
                self.world.decorators(self.file, target),
                recv is not None,
            )
            if wrapped is not None:
                # (The path passes this call, as it passes a call of the function.)
                argv = [hop_val(a, call_id) for a in argv]
                kwv = {k: hop_val(v, call_id) for k, v in kwv.items()}
                if recv is not None:
                    argv, recv = [recv, *argv], None
                fval, target = wrapped, None
        if fval.fn is not None and fval.fn[0] in ("lambda", "def"):
            result = self.inline(fval, recv, argv, kwv, env, call_id, spread=spread)
            if call_id and any(deep_taint(a) for a in argv):
                self._in_place_checks(fval, recv, args, argv, env, call_id)
            proto = (fval.fields or {}).get("prototype") if self.js else None
            if proto is not None and proto.fields and _constructs(call_id):
                # `new NoticeBar(el)` of a constructor function of this body (an
                # IIFE's) whose prototype it filled: an object with those methods.
                result = hop_val(Val(fields=dict(proto.fields)), call_id)
        elif (target is not None or inline_others or methods) and (
            self.depth < MAX_CALL_DEPTH
            or (
                self.depth == MAX_CALL_DEPTH
                and target is not None
                and not (others or methods or inline_others)
                and (self.world.leaf(target) or self.world.recursing(target))
            )
        ):
            if splat is not None and not self.js:
                kwv = {**kwv, _SPLAT: splat}
            changed = self._module_state_read_by(target, env) if recv is None else []
            if target is not None and changed:
                # `cached("last")` after `_CACHE["last"] = v` in this body: the helper
                # reads the module's table as this request left it, so it runs here
                # with it (its summary reads the table as the module made it).
                held = {name: self._module_state(name, env) for name in changed}
                ran = self.inline(
                    Val(fn=("def", parse_id(target).path)), None, argv, kwv, held, call_id
                )
                if ran is not None:
                    env.update(held)
                    result = ran
                else:
                    changed = []  # (too deep to run here: its summary, as before)
            if target is not None and not changed:
                result = self.apply(
                    target, func, args, recv, argv, kwv, env, call_id, spread, same_level=base_call
                )
                if self.js and _constructs(call_id) and parse_id(target).kind == NodeType.FUNCTION:
                    result = self.constructed(target, result, env, call_id)
                if self.depth == MAX_CALL_DEPTH and not self.world.recursing(target):
                    # A leaf past the depth only narrows what the call would give
                    # unfollowed (`escapeRegExp(term)`: no longer the term's data);
                    # where that holds no data, it stays so (no new flows so deep).
                    unfollowed = self.default_call(
                        qn, name, recv, argv, kwv, spread, func, env, call_id
                    )
                    if result is None or not deep_taint(unfollowed):
                        result = unfollowed
            for other in others:
                got = self.apply(
                    other[1],
                    func,
                    args,
                    recv,
                    self._dispatched(other[1], argv),
                    kwv,
                    env,
                    call_id,
                    spread,
                )
                if got is not None:
                    result = got if result is None else join(result, got)
            # Methods of an object among them (`getattr(self, "handle_" + action)`).
            for _, method, obj in methods:
                called = _as_method_call(func, method)
                got = self.apply(method, called, args, obj, argv, kwv, env, call_id, spread)
                if got is not None:
                    result = got if result is None else join(result, got)
            # A table's lambdas and nested functions among what may be called.
            for other in inline_others:
                if other[0] == _RETURNED:
                    # A factory's function among them (`clamp(10, 100)`): the one it made.
                    factory_made = self._returned_function(other[1], other[2])
                    if factory_made is None or factory_made[0] not in ("lambda", "def"):
                        continue
                    other = factory_made
                got = self.inline(Val(fn=other), recv, argv, kwv, env, call_id, spread=spread)
                if got is not None:
                    result = got if result is None else join(result, got)
        elif target is None and self.depth < MAX_CALL_DEPTH:
            if self.js and name == "emit" and argv and recv is not None:
                self._emit(func, recv, argv, env, call_id)
            elif self.js and name in _JOB_PRODUCERS and recv is not None and recv.qn:
                self._run_queued_jobs(func, name, recv, argv, env, call_id)
            elif (
                self.js
                and name in ("postMessage", "send")
                and argv
                and recv is not None
                and (recv.qn or "").endswith(_WORKER_MAKERS)
            ):
                self._message_to_worker(recv, argv[0], env, call_id)
            elif not self.js and name in _PY_SEND_METHODS and recv is not None:
                self._send_to_receivers(func, name, recv, argv, kwv, env, call_id)
            elif not self.js and name == "set" and len(argv) == 1:
                self._set_context_var(func, argv[0])
            elif self.js and name in ("run", "enterWith") and argv:
                # `requestContext.run({ tenant }, next)` of a module's
                # AsyncLocalStorage: what the request's handlers `getStore()`.
                self._set_context_var(func, argv[0])
            if self.js and recv is not None and result is None:
                result = self._decorated(func, argv, env, call_id)
            later = _deferred(name, recv, argv, kwv)
            if (
                later is None
                and self.summary
                and name in _RUNS_FIRST_ARGUMENT
                and args
                and isinstance(args[0], list)
                and args[0][0] == ir.NAME
                and args[0][1] in self.param_names
                and len(self.param_calls) < _MAX_PARAM_CALLS
            ):
                # A function handed in, run later with the arguments after it
                # (`self._pool.submit(fn, *args)` in a runner's method): the caller
                # runs what it passed with them, as a call of it here (an argument
                # list spread is each of its items).
                handed_on = list(argv[1:])
                if spread is not None:
                    handed_on += [spread] * _SPREAD_POSITIONS
                self.param_calls.append((self.param_names.index(args[0][1]), tuple(handed_on)))
            at = 0 if name in _RUNS_FIRST_ARGUMENT else 1 if name == "run_in_executor" else -1
            if later is None and 0 <= at < len(args):
                # `asyncio.to_thread(directory.search, q)`, `loop.run_in_executor(None,
                # self._search, q)`: a method of an object whose class the workspace
                # defines, run with the arguments after it.
                fn_expr: Any = args[at]
                bound_args: list[Val] = []
                bound_kw: dict[str, Val] = {}
                if (
                    isinstance(fn_expr, list)
                    and fn_expr[0] == ir.CALL
                    and fn_expr[3]
                    and self.callee_qn(fn_expr[2], env) == "functools.partial"
                ):
                    # `run_in_executor(None, partial(directory.search, name))`: the
                    # method, with the arguments bound first.
                    made = argv[at] if at < len(argv) else EMPTY
                    if made.fn is not None and made.fn[0] == _PARTIAL:
                        bound_args, bound_kw = list(made.fn[3]), dict(made.fn[2])
                        fn_expr = fn_expr[3][0]
                method_of = self._bound_method(fn_expr, env)
                if method_of is not None:
                    method, obj = method_of
                    kw = {**bound_kw, **(dict(kwv) if at == 0 else {})}
                    ran = self.apply(
                        method,
                        fn_expr,
                        [],
                        obj,
                        [*bound_args, *argv[at + 1 :]],
                        kw,
                        env,
                        call_id,
                        None,
                    )
                    if ran is not None and bound_args:
                        result = ran
            if (
                later is None
                and not self.js
                and name in ("Thread", "Process")
                and (target_expr := next((x for k, x in kwargs if k == "target"), None)) is not None
                and (method_of := self._bound_method(target_expr, env)) is not None
            ):
                # `Thread(target=importer.run, args=(raw, partner))`: a method of an
                # object whose class the workspace defines, run on it with them.
                method, obj = method_of
                _, seq_args, kw_args = _run_with(EMPTY, kwv.get("args"), kwv.get("kwargs"))
                self.apply(method, target_expr, [], obj, seq_args, kw_args, env, call_id, None)
            if later is not None:
                # It runs later, with these arguments: its sinks are this call's.
                runs, later_args, later_kw = later
                if runs.fn is not None and runs.fn[0] == _PARTIAL:
                    # `run_in_executor(None, partial(scan, term))`: the function, with
                    # its bound arguments first and its bound keywords.
                    later_args = [*runs.fn[3], *later_args]
                    later_kw = {**dict(runs.fn[2]), **later_kw}
                    runs = runs.fn[1]
                ref = _ref(runs)
                if (
                    ref is not None
                    and name in ("delay", "apply_async")
                    and any(
                        "bind=True" in d.replace(" ", "")
                        for d in self.world.decorators(file_of_id(ref), ref)
                    )
                ):
                    # A bound Celery task (`@app.task(bind=True)`) gets the task
                    # itself first.
                    later_args = [EMPTY, *later_args]
                if ref is not None and name == "s":
                    # A Celery signature after the first of a chain gets the result
                    # before it first (`deliver.s(url)`: `deliver(payload, url)`).
                    self.apply(
                        ref,
                        [ir.NAME, ""],
                        [],
                        None,
                        [EMPTY, *later_args],
                        later_kw,
                        env,
                        call_id,
                        None,
                    )
                if ref is not None:
                    ran = self.apply(
                        ref, [ir.NAME, ""], [], None, later_args, later_kw, env, call_id, None
                    )
                    if ran is not None and (
                        name in _RUNS_FIRST_ARGUMENT or name == "run_in_executor"
                    ):
                        # What the function returns is what the future holds
                        # (`pool.submit(record, k).result()`, `await to_thread(f, x)`).
                        result = ran
                elif runs.fn is not None and runs.fn[0] in ("lambda", "def"):
                    # A function made here (a decorated one: `enqueue(report, region)`
                    # of `@with_db def report(conn, region)`), run with them.
                    self.inline(runs, None, later_args, later_kw, env, call_id)
                elif runs.qn is not None:
                    # A library's function (`executor.submit(requests.post, url)`).
                    self.call_sinks(runs.qn, None, later_args, later_kw, call_id, resolved=False)
        if library_result is not None:
            result = library_result if result is None else join(result, library_result)
        if result is None:
            if self.js and qn in ("URL", "url.URL") and len(args) > 1 and self._own_url(args[1]):
                # `new URL(path, request.url)`: the base is the site the request
                # came to; only an absolute first argument (its own data) leaves it.
                argv = [argv[0], sanitize_val(argv[1], url_prefix.URL_CLASSES), *argv[2:]]
            result = self.default_call(qn, name, recv, argv, kwv, spread, func, env, call_id)
            if (
                self.js
                and qn == "Buffer.from"
                and len(argv) > 1
                and single_const(argv[1]) in _BUFFER_DECODINGS
            ):
                # `Buffer.from(cookie, "base64")`: a check of the encoded text (its
                # alphabet) says nothing of the bytes it decodes to.
                result = result.replace(taint=_decoded_taint(deep_taint(result)))
            if not self.js and args:
                self._copied_into(qn, name, recv, args, argv, env)
            if qn == _ERRORS_THROWN:
                # `validationResult(req).throw()` raises unless the validators held.
                env[_VALIDATION_PASSED] = EMPTY
            if queried and target is None:
                # `coll.find_one({"code": code})`, `cur.execute(q, (x,))`: what a query
                # returns is the database's, not the filter's or parameters' data.
                result = Val(deep_taint(recv) if recv is not None else {}, qn=result.qn)
            if (
                self.js
                and qn in _ASSIGNS
                and args
                and isinstance(args[0], list)
                and args[0][0] in (ir.NAME, ir.ATTR, ir.SUB)
            ):
                # `Object.assign(opts, defaults, req.query)` fills `opts` itself.
                self._update(args[0], env, lambda _o, r=result: r, 0)
            if _ESCAPING_TEMPLATE in fval.flags:
                # A compiled template whose every tag escapes renders escaped HTML, but
                # for the values marked safe (`new Handlebars.SafeString(html)`) and
                # the fields its raw tags write (`div!= note`).
                result = _escaped_but_raw(fval.flags, argv[0] if argv else None, argv, result)
                raw = _marked_safe([*argv, *kwv.values()])
                if raw:
                    result = result.replace(taint=merge_taint(result.taint, raw))
            if qn in guards.REGEX_COMPILERS and argv and isinstance(single_const(argv[0]), str):
                # A compiled pattern keeps its text (`re.compile(P).pattern`): a later
                # `PATTERN.match(x)` is a guard as `re.match(P, x)` is.
                text = argv[0]
                if _multiline(args[1:], kwargs):
                    # `re.MULTILINE`: a final `$` ends a line, not the text (a second
                    # line is never checked by `match` or `search`).
                    text = const_val(guards.end_unanchored(str(single_const(text))))
                result = result.replace(fields={**(result.fields or {}), "pattern": text})
        if target is None and result.taint:
            matched = self._matched_pattern(qn, func, recv, args, argv)
            classes = guards.match_classes(matched) if matched is not None else None
            groups = self._exec_groups(func, args) if matched is not None else []
            if groups:
                # `RE.exec(s)`, `s.match(RE)`: an array of the match and each group,
                # each holding only what its part of the pattern lets through (`const
                # [, name, op] = m`); an unknown index or key (`m.groups.x`) reads any.
                whole = sanitize_val(result, classes) if classes is not None else result
                parts = [whole] + [
                    sanitize_val(result, c) if c is not None else result for c in groups
                ]
                result = Val(seq=tuple(parts), elems=functools.reduce(join, parts))
            elif classes is not None:
                # What a match found holds only what the pattern lets through (its
                # groups too; not followed: the text it searched, `m.string`).
                result = sanitize_val(result, classes)
                if not self.js and matched is not None:
                    # (Each group holds what its part lets through: `m.group(2)`.)
                    fields = {**(result.fields or {}), _MATCHED_PATTERN: const_val(matched)}
                    result = result.replace(fields=fields)
        # What a replacement function writes into the text (set below).
        written_by_callback: Val | None = None
        # Callbacks handed to code we do not see run with what we know.
        if target is None and not (recv is not None and name in _CALLBACK_METHODS):
            outer_validated = self.validated
            outer_checked = self.validated_checked
            if self.js and args:
                # `app.post(p, body("age").isInt(), handler)`: what the chains prove
                # holds in this route's handlers only (a Fastify route's schema too).
                always, checked = route_checks or self._validated_by_chains(args, env, func)
                if always:
                    self.validated = {**outer_validated, **always}
                if checked:
                    self.validated_checked = {**outer_checked, **checked}
            # (A list of middlewares, `app.get(p, [auth, load], handler)`, is each.)
            positional = _handler_lists(argv) if self.js else argv
            for at, a in enumerate((*positional, *kwv.values())):
                bound_to = _bound_function(a)
                bound_this, bound_first = (bound_to[1], bound_to[2]) if bound_to else (None, ())
                if bound_to is not None:
                    # A function bound to an object (`app.post(p, controller.update.
                    # bind(controller))` of an ES5 prototype's method): the function,
                    # run on that object with the arguments bound first.
                    a = bound_to[0]
                if (
                    self.js
                    and a.fn is not None
                    and a.fn[0] == "ref"
                    and file_of_id(a.fn[1]) == self.file
                    and parse_id(a.fn[1]).kind == NodeType.FUNCTION
                    and (
                        name in ("use", "register")
                        or any(b.fn is not None for b in positional if b is not a)
                    )
                ):
                    # A middleware of this module in a chain (`app.get(p, load,
                    # (req, res) => ...)`) or for every route (`app.use(load)`), a
                    # Fastify plugin (`app.register(authRoutes)`): it runs before
                    # the handlers after it.
                    a = a.replace(fn=("def", parse_id(a.fn[1]).path))
                elif (
                    a.fn is not None
                    and a.fn[0] == "ref"
                    and file_of_id(a.fn[1]) == self.file
                    and parse_id(a.fn[1]).kind == NodeType.FUNCTION
                    and self.matcher.callback_sources.find(qn, self.ff.language)
                ):
                    # A function of this module a route is made with
                    # (`app.router.add_get("/x", handler)`) or a listener given by
                    # name (`window.addEventListener("message", onMessage)`,
                    # `socket.on("message", onMessage)`): it runs with what the
                    # framework hands it.
                    a = a.replace(fn=("def", parse_id(a.fn[1]).path))
                # A handler the module registers at its top level (`app.get(p, (req,
                # res) => ...)`) is an entry, as a Python view is: it gets as many
                # levels of calls below it.
                top = self.js and self.fn.kind == "MODULE" and not self.depth
                registered = self._registered_elsewhere(a, name, positional) if top else None
                if registered is not None and not self.summary:
                    assert a.fn is not None
                    self._run_registered(
                        a.fn[1],
                        self._callback_args(qn, recv, argv, kwv, call_id),
                        call_id,
                        middleware=registered,
                    )
                elif self.js and top and (method := _bound_method(a)) is not None:
                    # A method bound to its object (`app.get(p,
                    # controller.list.bind(controller))`): a handler on that object.
                    # It runs as an entry would (its parameters are the request's
                    # by their names), with the fields of its object.
                    assert method.fn is not None and a.fn is not None
                    found = self.world.body(method.fn[1])
                    if found is not None:
                        self._run_method_here(
                            *found,
                            method.fn[1],
                            method.fn[2],
                            dict(enumerate(a.fn[2])),
                            call_id,
                            same_level=True,
                        )
                elif a.fn is not None and a.fn[0] in ("lambda", "def"):
                    middleware = (
                        self.js
                        and a.fn[0] == "def"
                        and any(b.fn is not None for b in positional[at + 1 :])
                    )
                    outer_proofs = self.next_proofs
                    if middleware:
                        self.next_proofs = (str(a.fn[1]), [])
                    if self.js and name in _LISTENER_METHODS:
                        self._forget_listener_writes(a, env)
                    got = self.inline(
                        a,
                        bound_this,
                        [*bound_first, *self._callback_args(qn, recv, argv, kwv, call_id)],
                        {},
                        env,
                        call_id,
                        # (A callback settling the Promise being made, `client.bind(dn,
                        # pw, (err) => resolve(client))`, is part of making it.)
                        same_level=top or _settles_promise(a, env),
                    )
                    if middleware and self.next_proofs is not None and self.next_proofs[1]:
                        # `app.get(p, requireTerm, handler)` of a `requireTerm` that
                        # answers 400 unless `req.query.q` matches: the handlers after
                        # it get what holds wherever it calls `next()`.
                        self.validated = {
                            **self.validated,
                            **_proved_everywhere(self.next_proofs[1]),
                        }
                    self.next_proofs = outer_proofs
                    if got is not None and qn in _RETURNS_CALLBACK_RESULT and self.js:
                        # `useMemo(() => params.get("flash"), [])` is what it computes
                        # (not what its list of dependencies holds).
                        result = got
                    if (
                        got is not None
                        and len(argv) > 1
                        and a is argv[1]
                        and (
                            (self.js and recv is not None and name in ("replace", "replaceAll"))
                            or (not self.js and qn in ("re.sub", "regex.sub"))
                        )
                    ):
                        # `page.replace("{{q}}", () => term)`, `re.sub(p, lambda m:
                        # name, s)`: what the function returns is written into the text.
                        written_by_callback = got
                elif self.js and a.fields:
                    # An options object's handlers (`server.route({ handler: (request, h)
                    # => ... })`, `new ApolloServer({ resolvers: { Query: { user: ... } } })`)
                    # run as callbacks do.
                    # A route's `handler` and a plugin's `register` (hapi, Fastify)
                    # are entries wherever the route is made: the calls below them
                    # get the levels a handler registered at the top would.
                    entries = {id(f) for f in _handlers_in(a, keys=_ENTRY_KEYS)}
                    for f in _handlers_in(a):
                        self.inline(
                            f, None, [], {}, env, call_id, same_level=top or id(f) in entries
                        )
            self.validated = outer_validated
            self.validated_checked = outer_checked
        if (
            self.js
            and name in ("replace", "replaceAll")
            and len(argv) == 2
            and recv is not None
            and argv[1].fn is not None
            and argv[1].fn[0] in ("lambda", "def", "ref")
            and deep_taint(recv)
        ):
            # `content.replace(SHORTCODE, (m, expr) => evaluate(expr))`: the callback
            # runs on each match, handed the match and its groups, text of the subject.
            text = Val(deep_taint(recv))
            handed = [text, text, text, text]
            regex = args[0] if args else None
            if isinstance(regex, list) and regex and regex[0] == ir.NAME:
                bound = self._definition(regex[1])
                regex = bound if guards.is_regex_literal(bound) else regex
            if guards.is_regex_literal(regex):
                # (A group holds only what its pattern matches: `(\w+)` a word.)
                for n, classes in enumerate(guards.group_classes(regex[2])[:3], start=1):
                    if classes:
                        handed[n] = sanitize_val(text, classes)
            self._run_callback(argv[1], handed, env)
        # A replacement call taken apart once, for what it takes out and writes back.
        rewrite = self._replacement(qn, name, recv, args, argv)
        if rewrite is None and name in ("replace", "replaceAll") and len(argv) == 2:
            # JS `replace` of a string pattern (its first occurrence): it still writes.
            written = self._written_back((None, True, argv[1]))
        else:
            written = self._written_back(rewrite) if rewrite is not None else frozenset()
        kept = self._made_safe_by_replace(rewrite) if rewrite is not None else None
        replaced = self._replaced_chars(rewrite) if rewrite is not None else frozenset()
        if written and deep_taint(result):
            # `title.replace("\u2019", "'")` after a check that `'` was not in it:
            # the character is back.
            result = guards.put_back(result, written)
        if replaced and deep_taint(result):
            # `s.replace(/&/g, "&amp;").replace(/</g, "&lt;")...`: each label keeps
            # the characters taken out of it; together they may be a class's need.
            result = guards.take_out(result, replaced)
        if result.taint and rewrite is not None and self._escapes_shell_quotes(rewrite):
            # `s.replace(/'/g, "'\\''")`: between single quotes, a shell's literal.
            result = guards.mark(result, guards.SHELL_QUOTE_ESCAPED)
        if kept is not None and deep_taint(result):
            # `re.sub(r"[^a-z0-9]", "", x)`: only the class's characters are left, as a
            # check of that class would prove; `replace(/[.*+?...]/g, "\\$&")` escapes.
            result = sanitize_val(result, kept)
        if written_by_callback is not None:
            # Only data from elsewhere: what the function makes of each match (`(c)
            # => "&#" + c.charCodeAt(0) + ";"`) is the text's own, which the pattern
            # decided about above.
            subject = recv if self.js else (argv[2] if len(argv) > 2 else None)
            own = {label[0] for label in deep_taint(subject)} if subject is not None else set()
            elsewhere = {
                label: hops
                for label, hops in deep_taint(written_by_callback).items()
                if label[0] not in own
            }
            if elsewhere:
                result = result.replace(taint=merge_taint(result.taint, elsewhere))
        # Sources, sanitizers. A method a source names (`request.get_data()`) reads it too.
        if recv is not None:
            for m in self.matcher.attr_sources.find(qn, lang):
                origin = f"S|{m.label}|{qn}|{call_id}"
                src: Taint = {(origin, frozenset()): (call_id,) if call_id else ()}
                result = result.replace(taint=merge_taint(result.taint, src))
                break
        for m in self.matcher.call_sources.find(qn, lang):
            origin = f"S|{m.label}|{qn}|{call_id}"
            source: Taint = {(origin, frozenset()): (call_id,) if call_id else ()}
            result = result.replace(taint=merge_taint(result.taint, source))
        if f"{qn}()" in _PARSED_ARGUMENTS and not self.js:
            typed = self.world.typed_options(self.file)
            if typed and result.taint:
                # `args.days` of `add_argument("--days", type=int)`: argparse's number
                # (reqparse's `args["page"]` of `add_argument("page", type=int)` too).
                result = Val(fields=dict(typed), elems=Val(result.taint), qn=_PARSED_ARGS)
        if qn in guards.SHELL_QUOTERS and result.taint:
            # (Its quotes make one shell word only where the word stands alone.)
            result = guards.mark(result, guards.SHELL_QUOTED)
        elif qn in guards.HTML_ESCAPERS and result.taint:
            # (Escaped markup is safe between tags and in a quoted attribute only.)
            result = guards.mark(result, guards.HTML_ESCAPED)
        elif qn in guards.HTML_CLEANERS and result.taint:
            result = guards.mark(result, guards.HTML_CLEANED)
        elif (
            self.js
            and qn in _MARKDOWN_IT_RENDERS
            and result.taint
            and not (recv is not None and _RAW_HTML in recv.flags)
        ):
            # markdown-it without `html: true` writes the text's `<` as `&lt;` and
            # renders no `javascript:` link: markup of its own, as a cleaner's.
            result = guards.mark(sanitize_val(result, _XSS), guards.HTML_CLEANED)
        elif qn in guards.URI_ENCODERS_KEEPING_QUOTE and result.taint and self.js:
            result = guards.mark(result, guards.URI_ENCODED)
        elif (
            not self.js
            and name == "to_html"
            and result.taint
            and recv is not None
            and (recv.qn or "").startswith("pandas.")
            and ("escape" not in kwv or single_const(kwv["escape"]) is not False)
        ):
            # pandas' `DataFrame.to_html()` escapes every cell and header
            # (`escape=True` by default): an escaper's output.
            result = guards.mark(sanitize_val(result, _XSS), guards.HTML_ESCAPED)
        for m in self.matcher.sanitizers.find(qn, lang):
            # As for sinks: a wildcard model (`*.find`, a string's method) does not
            # name a function the workspace defines.
            if target is not None and m.pattern.startswith("*"):
                continue
            if m.pattern == "*.find" and qn.startswith(_XML_TREES):
                # An XML element's `find` is its child element, not a string's index.
                continue
            if m.pattern == "*.escape" and qn in guards.HTML_ESCAPERS:
                # `he.escape`, `validator.escape` write HTML entities: no SQL quoting
                # (`WHERE id = ${validator.escape(id)}` takes `0 OR 1=1`).
                continue
            if m.when and not all(self.condition(c, argv, kwv) for c in m.when):
                continue
            if m.unless and any(self.condition(c, argv, kwv) for c in m.unless):
                continue
            if m.kind == "file-read":
                result = result.replace(taint=sanitize(deep_taint(result), _FILE_DATA))
                continue
            if qn == _HTML_ESCAPE and _quote_off(argv, kwv):
                # `html.escape(s, quote=False)`: `<`, `>` and `&` become entities,
                # quotes stay: HTML text, not an attribute's value (`value="..."`).
                result = guards.take_out(result, frozenset("<>&"))
                continue
            result = sanitize_val(result, m.classes)
        if target is not None and not self.js:
            for m in self.own_sanitizers(target, lang):
                result = sanitize_val(result, m.classes)
        if qn in guards.PATH_NORMALIZERS or (
            not self.js and recv is not None and name in guards.PATH_NORMALIZING_METHODS
        ):
            result = result.replace(flags=result.flags | {guards.NORMALIZED_PATH})
        if (
            not self.js
            and recv is not None
            and name in ("lstrip", "strip")
            and argv
            and "/" in str(single_const(argv[0]))
        ):
            # `path.lstrip("/")`: no absolute path (a join keeps its root).
            result = guards.mark(result, guards.NOT_ABSOLUTE)
        joinpath = not self.js and name == "joinpath" and (qn or "").startswith("pathlib.")
        if (qn in guards.RESTARTING_JOINS and len(argv) > 1) or (joinpath and argv):
            # A piece after the first only proved to climb no directory may be
            # absolute, and the join starts again there.
            restarted = {k for a in (argv if joinpath else argv[1:]) for k in deep_taint(a)}
            result = result.replace(taint=self._restarted(deep_taint(result), restarted))
        if qn in guards.PATH_JOINS and argv:
            last = single_const(argv[-1])
            if not (isinstance(last, str) and (last == "" or last.endswith(("/", "\\")))):
                result = result.replace(flags=result.flags | {guards.JOINED_PATH})
        if flagged:
            result = result.replace(flags=result.flags | flagged)
        if qn == "len" and not self.js and recv is None and result.consts is None:
            # A size: `len(t) > -1` holds whatever `t` is.
            result = result.replace(flags=result.flags | {_NON_NEGATIVE})
        if (
            self.js
            and recv is not None
            and recv.flags
            and name in _CHAINED_RESPONSE_METHODS
            and (recv.qn or "").startswith("express.Response")
        ):
            # `res.type("text/plain")` then `res.status(404).send(...)`: the
            # status, header and cookie setters return the response itself.
            result = result.replace(flags=result.flags | recv.flags)
        if qn in _RENDER_STRING_CALLS and argv:
            # Flask's `render_template_string(T, **values)` escapes (its sanitizer
            # model), but not what the template marks `|safe`.
            result = _with_raw_values(result, _raw_names(single_const(argv[0])), kwv)
        if argv and target is None:
            result = self._json_round_trip(qn, argv[0], result, call_id)
        return result

    def _json_round_trip(self, qn: str, arg: Val, result: Val, call_id: str) -> Val:
        """`json.loads(json.dumps(d))` is `d` again: the text an encoder makes keeps
        the object it was made from (in `fn`, a string is no function), and a
        decoder of that text gives it back, key by key."""
        if qn in _JSON_ENCODERS and result.taint:
            result = result.replace(taint=guards.json_encoded(result.taint))
        if (qn in _JSON_DECODERS or qn in _MAP_DECODERS) and result.taint:
            # What JSON text decodes to may be an object (`{"$ne": null}`), whatever
            # the text was (a form field, a string): what its values are checked
            # for after (`typeof email === "string"`) counts again.
            result = result.replace(
                taint={(o, san - _OBJECT_CLASSES): h for (o, san), h in result.taint.items()}
            )
        if qn in _JSON_ENCODERS and (arg.fields or arg.seq is not None) and result.fn is None:
            return result.replace(fn=(_SERIALIZED, arg))
        if qn in _JSON_DECODERS and arg.fn is not None and arg.fn[0] == _SERIALIZED:
            return hop_val(arg.fn[1], call_id)
        return result

    def _made_safe_by_replace(self, found: tuple[Any, bool, Val]) -> frozenset[str] | None:
        """The classes a replacement (`_replacement`) makes safe: the removal of every
        character outside a class (`re.sub("[^...]", "", x)`, JS `x.replace(/[^...]/g,
        "")`) or JS's escape of every regular-expression metacharacter (None: neither)."""
        if found[1]:
            return None
        pattern, _literal, replacement = found
        repl = single_const(replacement)
        if not isinstance(pattern, str):
            return None
        if self.js and repl == "\\$&":
            # `s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")`: every metacharacter escaped.
            return guards.REGEX_CLASSES if guards.escapes_regex(pattern) else None
        if isinstance(repl, str) and repl and "$" not in repl and "\\" not in repl:
            # A constant written for each match (`-` in a slug; no `$&` nor `\\1`
            # writing the match back).
            return guards.removal_classes(pattern, repl)
        if repl != "" and not self._encoding_callback(replacement):
            return None
        return guards.removal_classes(pattern)

    def _schema_validated(self, func: Any, recv: Val, data: Val) -> Val | None:
        """What a joi, zod or yup schema's validation returns for `data`: each field
        the schema names, as its chain proves it (schema_validators.py), in the
        shape the call returns (joi's `{ value, error }`, zod's `safeParse(...)`'s
        `{ success, data }`, the value itself); None: not such a call."""
        package = (recv.qn or "").split(".", 1)[0]
        if package not in schema_validators.PACKAGES or not isinstance(func[1], list):
            return None
        if func[1][0] != ir.NAME:
            return None
        schema = self._definition(func[1][1])
        home = self._imported_file(func[1][1])
        if home is not None:
            # A schema of another module reads that module's names (`.regex(SLUG)`).
            self._schema_home = home
        try:
            return self._schema_result(package, func[2], schema, data)
        finally:
            self._schema_home = None

    def _schema_result(self, package: str, method: Any, schema: Any, data: Val) -> Val | None:
        """`_schema_validated` of the schema `schema` (IR)."""
        checked_object = self._schema_object(schema, data, 0)
        if checked_object is not None:
            checked = checked_object
        else:
            # A schema of one value (`z.string().regex(/^[A-Za-z0-9]{40}$/)`).
            classes = schema_validators.field_classes(schema, self._definition)
            if not classes:
                return None
            checked = sanitize_val(data, classes)
        if package == "joi" and method == "validate":
            return Val(fields={"value": checked, "error": EMPTY})
        if method in ("safeParse", "safeParseAsync"):
            return Val(fields={"data": checked, "success": EMPTY, "error": EMPTY})
        return checked

    def _schema_object(self, schema: Any, data: Val, depth: int) -> Val | None:
        """What an object schema passes of `data`: each field it names as the
        field's chain proves it, a nested object schema's field by field (at
        most `_MAX_NESTED_MODELS` deep); the keys it keeps but does not name
        hold what `data` holds there. None: not an object schema."""
        shape = schema_validators.object_shape(schema, self._definition)
        if shape is None:
            return None
        keys, keeps_unknown = shape
        fields: dict[Any, Val] = {}
        for k, chain in keys.items():
            value = get_key(data, k)
            nested = (
                self._schema_object(chain, value, depth + 1)
                if depth + 1 < _MAX_NESTED_MODELS
                else None
            )
            fields[k] = (
                nested
                if nested is not None
                else _schema_field(
                    value, k, schema_validators.field_classes(chain, self._definition)
                )
            )
        if not keeps_unknown:
            return Val(fields=fields)
        if not data.fields:
            # (The request's object as it came: a key of it is the request's too,
            # maybe an object: `{"$ne": null}`.)
            return Val(fields=fields, elems=data)
        others = {k: v for k, v in data.fields.items() if k not in keys}
        return Val(fields=fields, elems=element(Val(data.taint, fields=others, elems=data.elems)))

    def _generator_context(self, e: Any) -> bool:
        """Whether `e` calls a function (or a method: `with self.bound() as conn`)
        of the workspace decorated `@contextmanager`."""
        if not (isinstance(e, list) and e and e[0] == ir.CALL):
            return False
        func = e[2]
        if isinstance(func, list) and func[0] == ir.NAME and func[1] not in self.bound:
            body = self.ff.bodies.get(func[1])
            if body is None or body.kind != "FUNCTION":
                return False
            func_id = str(definition_id(self.file, NodeType.FUNCTION, func[1]))
        elif isinstance(func, list) and func[0] == ir.ATTR:
            target = self.world.targets(self.file).get(self.call_id(e[1]))
            if target is None or parse_id(target).kind != NodeType.METHOD:
                return False
            func_id = target
        else:
            return False
        return any(
            d.rsplit(".", 1)[-1] in _CONTEXT_MANAGER_DECORATORS
            for d in self.world.decorators(file_of_id(func_id), func_id)
        )

    def _definition(self, name: str) -> Any:
        """The expression a name is bound to once, here or at the module's top level
        (a schema the module builds: `const schema = Joi.object({...})`), in a
        branch, loop or `try` of its body too (`mac = hmac.new(...)` in a `try`)."""
        for body in (self.fn, self.ff.bodies.get("")):
            if body is None or (body is not self.fn and name in self.bound):
                continue
            writes = _writes_of(body.body, name)
            if writes > 1:
                return None
            if writes == 1:
                found = [
                    st[2]
                    for st in _nested_statements(body.body)
                    if st is not None and st[0] == ir.ASSIGN and st[1] == [ir.NAME, name]
                ]
                return found[0] if len(found) == 1 else None
        if self.js:
            found = self._imported_definition(name)
            if found is None and self._schema_home is not None:
                found = self._top_level_definition(self._schema_home, name)
            return found
        return None

    def _imported_file(self, name: str) -> str | None:
        """The workspace module an import of this module named `name` reads."""
        imp_id = str(scoped_id(self.file, NodeType.IMPORT, MODULE_SCOPE, name))
        dst = self.world.imported_from(imp_id)
        return parse_id(dst).file if dst is not None else None

    def _top_level_definition(self, file: str, name: str) -> Any:
        """What `file`'s module body binds once to `name` (IR), if it does."""
        ff = self.world.flows(file)
        module = ff.bodies.get("") if ff is not None else None
        if module is None or _writes_of(module.body, name) != 1:
            return None
        found = [st[2] for st in module.body if st[0] == ir.ASSIGN and st[1] == [ir.NAME, name]]
        if len(found) != 1:
            return None
        self.deps.add(str(definition_id(file, NodeType.VARIABLE, name)))
        return found[0]

    def _imported_definition(self, name: str) -> Any:
        """What another workspace module binds once at its top level under the
        name an import of this module gives (`const { listUsersQuery } =
        require("./user_schemas")` of `const listUsersQuery = z.object({...})`):
        a schema kept in a module of its own. (Names inside it are read here.)"""
        imp_id = str(scoped_id(self.file, NodeType.IMPORT, MODULE_SCOPE, name))
        dst = self.world.imported_from(imp_id)
        if dst is None:
            return None
        parts = parse_id(dst)
        local: str | None = None
        if parts.kind == NodeType.VARIABLE and parts.is_top_level:
            local = parts.path
        elif parts.kind == NodeType.EXPORT:
            node = self.world.file_summary(parts.file).by_id.get(dst)
            local = str_attr(node.attrs, "local") if node is not None else None
        if not local:
            return None
        found = self._top_level_definition(parts.file, local)
        if found is not None:
            # (The definition changes without the export that names it.)
            self.deps.add(dst)
        return found

    def expr_of_body(self, body: ir.FlowFunction, e: Any, env: Env) -> Val:
        """An expression another body wrote (a table's lambda, the module's `new
        C(...)`), evaluated here: its call expressions index that body's calls."""
        saved = self.calls
        self.calls = body.calls
        try:
            return self.expr(e, env, 0)
        finally:
            self.calls = saved

    def _made_or_returned_function(self, v: Val) -> bool:
        """A lambda or nested function made here, or what a call of a factory of
        the workspace returned, unfollowed (`tenant_scope(t)` returning a lambda)."""
        if _made_function(v):
            return True
        if v.fn is None or v.fn[0] != _RETURNED or v.cls is not None:
            return False
        found = self.world.body(v.fn[1])
        return found is not None and _returns_function(found[1])

    def _param_called(self, e: Any) -> bool:
        """Whether `e` is a parameter of the function whose summary is being made
        (`evaluator.call(defaults, input)` of a callback handed in: the caller runs
        what it passed)."""
        return (
            self.summary
            and isinstance(e, list)
            and e[0] == ir.NAME
            and e[1] in self.param_names
            and e[1] not in self.bound
        )

    def _is_function(self, e: Any, env: Env, depth: int) -> bool:
        """Whether `e` is a function of the workspace (a name bound to one here, a
        definition of the file, a lambda): `e.call(...)` is then a call of it, not
        of a method named `call` (an RPC client's). A class is not: a class's
        constructor cannot be called without `new`, so `Normalizer.apply(v)` is
        its static method."""
        if not (isinstance(e, list) and e and e[0] in (ir.NAME, ir.ATTR)):
            return False
        v = self.expr(e, env, depth)
        if e[0] == ir.ATTR:
            # `store.read.bind(store)`: a method of a workspace object (a class's,
            # or a function its ES5 prototype holds).
            return v.fn is not None and v.fn[0] in (_METHOD, "def", "lambda", "ref")
        # (Or one of several: `handler = this["handle" + action]`; or a bound one.)
        return (
            v.fn is not None
            and v.fn[0] in ("def", "lambda", "ref", _METHOD, _UNION, _BOUND)
            and v.cls is None
        )

    def _replaced_chars(self, found: tuple[Any, bool, Val]) -> frozenset[str]:
        """The characters a replacement (`_replacement`) takes out of its subject, each
        match written as text that brings none back (`.replace(/</g, "&lt;")`,
        Python's `s.replace("<", "&lt;")`, `re.sub("[<>]", "", s)`, a callback
        looking the match up in a constant table of character references); empty
        if none."""
        pattern, literal, replacement = found
        removed = guards.replaced_chars(pattern, literal=literal)
        if not removed:
            return frozenset()
        texts = self._replacement_texts(replacement)
        if texts is None or not guards.brings_none_back(texts, removed):
            return frozenset()
        return removed

    def _escapes_shell_quotes(self, found: tuple[Any, bool, Val]) -> bool:
        """Whether a replacement (`_replacement`) writes every `'` of its subject as
        `'\\''` (or `'"'"'`), the POSIX shell's way to put one inside single quotes."""
        pattern, literal, replacement = found
        if guards.replaced_chars(pattern, literal=literal) != frozenset("'"):
            return False
        texts = self._replacement_texts(replacement)
        return bool(texts) and all(t in guards.SHELL_QUOTE_ESCAPES for t in texts or ())

    def _written_back(self, found: tuple[Any, bool, Val]) -> frozenset[str]:
        """The characters a replacement writes into its subject (its constant
        replacement text's), which a check before it may have proved absent."""
        texts = self._replacement_texts(found[2])
        # (Quotes only: those a literal is checked for; `&` an entity writes back is
        # not the `&` an escape took out, nor the `\` of a code escape, `\2a` for `*`
        # in an LDAP filter, the `\` a removal took out.)
        return (
            frozenset("".join(guards.without_escapes(t) for t in texts)) & _QUOTE_CHARS
            if texts
            else frozenset()
        )

    def _replacement(
        self, qn: str, name: str, recv: Val | None, args: list[Any], argv: list[Val]
    ) -> tuple[Any, bool, Val] | None:
        """A replacement call taken apart: (its pattern, whether the pattern is plain
        text rather than a regular expression, what replaces each match), for every
        occurrence only: a JS regex literal with `g`, JS `replaceAll` of a string,
        `re.sub`, Python's `str.replace`. None: another call (JS `replace` of a
        string pattern takes its first occurrence only)."""
        if self.js:
            if name not in ("replace", "replaceAll") or recv is None or len(args) != 2:
                return None
            regex = args[0]
            if isinstance(regex, list) and regex and regex[0] == ir.NAME:
                # `s.replace(FILTER_SPECIALS, ...)` of a regex literal bound once.
                bound = self._definition(regex[1])
                if guards.is_regex_literal(bound):
                    regex = bound
            if guards.is_regex_literal(regex):
                return (regex[2], False, argv[1]) if "g" in regex[3] else None
            if name == "replaceAll":
                return single_const(argv[0]), True, argv[1]
            return None
        if qn in ("re.sub", "regex.sub") and len(argv) == 3:
            return single_const(argv[0]), False, argv[1]
        if (
            name == "sub"
            and recv is not None
            and recv.fields
            and "pattern" in recv.fields
            and len(argv) == 2
        ):
            # `NOT_PLAIN.sub("", text)` of `NOT_PLAIN = re.compile(r"[^\w\s]")`.
            return single_const(recv.fields["pattern"]), False, argv[0]
        if name == "replace" and recv is not None and len(argv) == 2 and len(args) == 2:
            return single_const(argv[0]), True, argv[1]
        return None

    def _replacement_texts(self, v: Val) -> list[str] | None:
        """What a replacement writes: its constant(s), or the constant values of the
        table a callback looks each match up in (`(c) => ENTITIES[c]`); None: unknown."""
        consts = v.consts
        if consts and all(isinstance(c, str) for c in consts):
            return [str(c) for c in consts]
        body = self._lambda_result(v)
        local_table = None
        if body is None:
            body, local_table = self._table_made_in_callback(v)
        if (
            isinstance(body, list)
            and body
            and body[0] == ir.SUB
            and isinstance(body[1], list)
            and body[1][0] == ir.NAME
        ):
            name = body[1][1]
            table = local_table
            if table is None and self.closure is not None:
                # A table of the function this one is nested in (an IIFE's module
                # pattern: `const ENTITIES = {...}` beside `escapeText`).
                table = self.closure.get(name)
            if table is None:
                table = self.world.module_values(self.file).get(name)
            if table is not None and table.fields and table.elems is None:
                texts = [single_const(f) for f in table.fields.values()]
                if all(isinstance(t, str) for t in texts):
                    return [str(t) for t in texts]
        return None

    def _table_made_in_callback(self, f: Val) -> tuple[Any | None, Val | None]:
        """A callback that makes a table of constants and returns its entry for the
        match (`(ch) => { const map = { "&": "&amp;", ... }; return map[ch]; }`):
        its `return` expression and the table (None, None: another body)."""
        if f.fn is None or f.fn[0] != "lambda":
            return None, None
        ref = f.fn[2][2]
        if not (isinstance(ref, list) and ref and ref[0] == ir.FUNC):
            return None, None
        found = self.ff.bodies.get(ref[1])
        stmts = found.body if found is not None else []
        if not (
            len(stmts) == 2
            and stmts[0][0] == ir.ASSIGN
            and isinstance(stmts[0][1], list)
            and stmts[0][1][0] == ir.NAME
            and isinstance(stmts[0][2], list)
            and stmts[0][2][:1] == [ir.DICT]
            and stmts[1][0] == ir.RETURN
            and isinstance(stmts[1][1], list)
            and stmts[1][1][:2] == [ir.SUB, stmts[0][1]]
        ):
            return None, None
        return stmts[1][1], self.expr(stmts[0][2], {}, 0)

    def _encoding_callback(self, v: Val) -> bool:
        """Whether a replacement is a function writing each match as an escape
        sequence of its code (`(ch) => "\\" + ch.charCodeAt(0).toString(16)`): what
        the match was is gone, as if it were removed."""
        body = self._lambda_result(v)
        return body is not None and guards.encodes_each(body)

    def _lambda_result(self, f: Val) -> Any | None:
        """What a lambda returns, as IR: its expression, or its body's one `return`
        (None: not a lambda, or a body that does more)."""
        if f.fn is None or f.fn[0] != "lambda":
            return None
        body = f.fn[2][2]
        if isinstance(body, list) and body and body[0] == ir.FUNC:
            found = self.ff.bodies.get(body[1])
            stmts = found.body if found is not None else []
            if len(stmts) != 1 or stmts[0][0] != ir.RETURN:
                return None
            body = stmts[0][1]
        return body

    def own_sanitizers(self, target: str, lang: str) -> list[SanitizerModel]:
        """Sanitizer models that name workspace function `target` exactly: analysing
        a library, its own calls to `django.utils.html.conditional_escape` reach
        the definition, not the import the model was written for. Only an exact
        name counts (`*.find` is meant for a string method, not a user's `find`);
        a method is named as a model names it on an instance (`Template.render` of
        `django.template.base` is `django.template.base.Template().render`)."""
        parts = parse_id(target)
        if not parts.path:
            return []
        if parts.kind == NodeType.FUNCTION and "." not in parts.path:
            name = parts.path
        elif parts.kind == NodeType.METHOD and parts.path.count(".") == 1:
            cls, method = parts.path.split(".")
            name = f"{cls}().{method.split('#', 1)[0]}"
        else:
            return []
        module = self.world.idx.module_name(parts.file)
        if module is None:
            return []
        found = self.matcher.sanitizers.find(f"{module}.{name}", lang)
        return [m for m in found if "*" not in m.pattern]

    def _reduced(self, f: Val, items: Val, init: Val | None, env: Env) -> Val:
        """`reduce(f, items, init)` (JS `items.reduce(f, init)`): `f` run twice
        round, from the initial value (a sum of lengths stays a number); over a
        few items known in order, once per item (`steps.reduce((acc, step) =>
        step(acc), input)`: a pipeline whose second step checks what the first made)."""
        if (
            init is not None
            and items.seq is not None
            and items.elems is None
            and 0 < len(items.seq) <= _UNROLL_ITEMS
        ):
            acc = init
            for item in items.seq:
                got = self._run_callback(f, [acc, item], env)
                if got is None:
                    break
                acc = got
            else:
                return acc
        el = element(items)
        acc = init if init is not None else el
        first = self._run_callback(f, [acc, el], env) or EMPTY
        second = self._run_callback(f, [join(acc, first), el], env) or EMPTY
        return join(first, second)

    def _kept_by(self, f: Val, el: Val) -> Val | None:
        """An element `el` a one-parameter lambda test returned true for (`lambda s:
        s.isdigit()`, JS `(s) => /^\\d+$/.test(s)`): what its expression, or its
        body's one `return`, proves (None: not such a test)."""
        if f.fn is not None and f.fn[0] == "ref":
            return self._kept_by_function(f.fn[1], el)
        unpacked = self._unpacking_test(f, el)
        if unpacked is not None:
            # `([key]) => ALLOWED.includes(key)` on `Object.entries(q)`'s pairs: what
            # the test proves of each position it names.
            names, test = unpacked
            assert el.seq is not None
            positions: Env = dict(zip(names, el.seq))
            self._facts(test, positions, {})
            return Val(el.taint, seq=(*(positions[n] for n in names), *el.seq[len(names) :]))
        test = self._lambda_result(f)
        if test is None or f.fn is None or len(f.fn[2][1]) != 1:
            return None
        params = f.fn[2][1]
        kept: Env = {params[0]: el}
        self._facts(test, kept, {})
        return kept[params[0]]

    def _unpacking_test(self, f: Val, el: Val) -> tuple[list[str], Any] | None:
        """A JS test taking its one parameter apart by position (`([key]) => ...`,
        a body of that unpacking and one `return`) for an element whose positions
        are known: the names, in order, and the test."""
        if not self.js or el.seq is None or f.fn is None or f.fn[0] != "lambda":
            return None
        lam = f.fn[2]
        if len(lam[1]) != 1 or not (isinstance(lam[2], list) and lam[2][:1] == [ir.FUNC]):
            return None
        found = self.ff.bodies.get(lam[2][1])
        stmts = found.body if found is not None else []
        if len(stmts) != 2 or stmts[0][0] != ir.ASSIGN or stmts[1][0] != ir.RETURN:
            return None
        target, value = stmts[0][1], stmts[0][2]
        if value != [ir.PARAM, 0] or not (isinstance(target, list) and target[0] == ir.SEQ):
            return None
        names = [t[1] if isinstance(t, list) and t[0] == ir.NAME else None for t in target[2]]
        if None in names or len(names) > len(el.seq) or len(set(names)) != len(names):
            return None
        return [str(n) for n in names], stmts[1][1]

    def _kept_by_function(self, target: str, el: Val) -> Val | None:
        """An element a check function of the workspace returned true for
        (`tags.filter(isValidTag)`, `def is_slug(s): return RE.fullmatch(s) is not
        None`): what its summary says the result proves of its argument."""
        if self.depth >= MAX_CALL_DEPTH:
            return None
        env: Env = {_EITHER_NAME: el}
        # Applied as a call of no node (no hop of a path names it); what it proves
        # is kept under that empty id, cleared first.
        self.call_checks.pop("", None)
        self.apply(target, [ir.NAME, "?"], [[ir.NAME, _EITHER_NAME]], None, [el], {}, env, "", None)
        checked = self.call_checks.pop("", None)
        return checked[0].get(_EITHER_NAME) if checked is not None else None

    def _mapped(self, qn: str, f: Val, el: Val) -> Val:
        """An element of `map(f, xs)` / `filter(f, xs)` given an element `el` of xs:
        what a sanitizer `f` returns (`map(int, xs)`), what a check `f` lets through
        (`filter(str.isdigit, s)`), else `el` (and `f`'s own data, for a map)."""
        lang = self.ff.language
        if qn == "filter":
            # `filter(lambda s: s.isdigit(), xs)`: what the lambda's test proves.
            kept = self._kept_by(f, el)
            if kept is not None:
                return kept
        if f.qn is None:
            return el if qn == "filter" else join(el, Val(deep_taint(f)))
        if qn == "map":
            cleaned = el
            for m in self.matcher.sanitizers.find(f.qn, lang):
                if m.kind == "call" and not m.when:
                    cleaned = sanitize_val(cleaned, m.classes)
            return cleaned
        for m in self.matcher.guards.find(f.qn, lang):
            if not m.when:
                el = sanitize_val(el, m.classes) if m.classes is not None else Val(consts=el.consts)
        return el

    def _validated_by_chains(
        self, args: list[Any], env: Env, func: Any
    ) -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
        """What a route call's arguments prove of the request its handlers get (see
        `_validated_by_arguments`), and what its path's own parameter patterns
        do (Express's `/files/:name([a-z0-9_-]+)`: a request whose path does not
        match never reaches the handlers)."""
        always, checked = self._validated_by_arguments(args, env, func)
        patterns = self._path_parameter_checks(args)
        if patterns:
            always = {**always, **patterns}
        return always, checked

    def _path_parameter_checks(self, args: list[Any]) -> dict[str, frozenset[str]]:
        """A route path's parameters with a pattern (`:id(\\d+)`: Express, Fastify,
        koa-router): the classes each is safe for, keyed as the request's `params` are."""
        path = args[0] if args else None
        if not self.js or not isinstance(path, str) or ":" not in path or "(" not in path:
            return {}
        out: dict[str, frozenset[str]] = {}
        for found in _EXPRESS_PARAM_PATTERN.finditer(path):
            classes = guards.regex_classes(found.group(2), True, False)
            if classes:
                # Express's and Fastify's `req.params`, Koa's `ctx.params` (koa-router).
                for holder in _PATH_PARAMETER_HOLDERS:
                    out[f"{holder}.params.{found.group(1)}"] = classes
        return out

    def _validated_by_arguments(
        self, args: list[Any], env: Env, func: Any
    ) -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
        """What express-validator chains, a Fastify route's JSON schema or a hapi
        route's joi schemas among a
        route call's arguments prove (also a module's list of them, `const rules =
        [body("name").escape()]` handed in as `rules`): what holds always, and what
        the chains' validators prove once the errors are read (`_validated_read`)."""
        trpc = route_validators.trpc_input_fields(func, self._definition)
        if trpc is not None:
            return trpc, {}
        sources = self.world.import_sources(self.file)
        if route_validators.PACKAGE in sources and len(args) > 1:
            # Looked up only where express-validator is imported: every unresolved
            # call with arguments passes here.
            args = [_chains_named(a, self._definition) for a in args]
        kinds = {a[0] for a in args if isinstance(a, list) and a}
        chains = len(args) > 1 and not kinds.isdisjoint((ir.CALL, ir.SEQ))
        if not chains and ir.DICT not in kinds:
            return {}, {}
        if ir.DICT in kinds and (
            # A plugin's file imports `fastify-plugin` or nothing, and is handed
            # the instance (`async function routes(fastify) { fastify.route(...) }`).
            any(src == "fastify" or src.startswith(("fastify-", "@fastify/")) for src in sources)
            or (isinstance(func, list) and func[0] == ir.ATTR and func[1] == [ir.NAME, "fastify"])
        ):
            return route_validators.schema_fields(args, self._definition), {}
        if ir.DICT in kinds and (
            not sources.isdisjoint(("@hapi/hapi", "hapi"))
            # A plugin's file imports joi, not hapi, and is handed the server
            # (`register(server) { server.route({ options: { validate }, handler }) }`).
            or (
                not sources.isdisjoint(("joi", "@hapi/joi"))
                and isinstance(func, list)
                and func[0] == ir.ATTR
                and func[2] == "route"
            )
        ):
            return route_validators.hapi_fields(args, self._definition), {}
        if ir.DICT in kinds and "elysia" in sources:
            return route_validators.elysia_fields(args, self._definition), {}
        if chains and route_validators.HONO_ZOD_PACKAGE in sources:
            return route_validators.hono_zod_fields(args, self._definition), {}
        if not chains or route_validators.PACKAGE not in sources:
            return {}, {}
        always, checked = route_validators.validated_fields(
            args, lambda e: self.expr(e, env, 0).qn, self._definition
        )
        if not any("validationResult" in b.words for b in self.ff.bodies.values()):
            # The module never reads the errors: the validators prove nothing.
            return always, {}
        return always, checked

    def _registered_elsewhere(self, a: Val, name: str, argv: list[Val]) -> bool | None:
        """Is `a` another file's function a module registers with its app: a
        middleware (for every route, `app.use(readUser)`, or in a route's chain,
        `app.get(p, readUser, handler)`), or a route's handler (`app.get(p,
        controller.help)`) reading what such a middleware stored on the request
        (`req.user`)? Those run here, in the order the module registers them; a
        handler reading nothing stored runs in its own file. True for a
        middleware, False for a handler, None for neither."""
        if a.fn is None or a.fn[0] != "ref" or file_of_id(a.fn[1]) == self.file:
            return None
        if parse_id(a.fn[1]).kind != NodeType.FUNCTION:
            return None
        at = next((i for i, b in enumerate(argv) if b is a), len(argv))
        if name == "use" or any(b.fn is not None for b in argv[at + 1 :]):
            return True
        if not self.request_attrs:
            return None
        got = self.world.body(a.fn[1])
        stored = {k.rsplit(".", 1)[-1] for k in self.request_attrs}
        return False if got is not None and not stored.isdisjoint(got[1].words) else None

    def _run_registered(
        self, func_id: str, args: list[Val], call_id: str, *, middleware: bool
    ) -> None:
        """Run another file's middleware or handler as part of this module's
        entry (`_registered_elsewhere`): what it stores on the request, the
        handlers registered after it read."""
        got = self.world.body(func_id)
        if got is None:
            return
        stored = dict(self.request_attrs)
        if not middleware:
            # What the middlewares stored passes this module's route on the way
            # to the handler (a finding's path starts here).
            self.request_attrs.update({k: hop_val(v, call_id) for k, v in stored.items()})
        try:
            self._run_method_here(
                *got, func_id, None, dict(enumerate(args)), call_id, same_level=True
            )
        finally:
            if not middleware:
                self.request_attrs.clear()
                self.request_attrs.update(stored)

    def _callback_args(
        self, qn: str, recv: Val | None, argv: list[Val], kwv: dict[str, Val], call_id: str
    ) -> list[Val]:
        """What a callback handed to an unseen function receives: what a callback
        source says (`socket.on("m", (data) => ...)`), an element of the receiver
        (`xs.map(cb)`, `p.then(cb)`), else nothing known."""
        # (Several models may speak of one call's callback: `bot.onText(re, (msg,
        # match) => ...)`, a message object whose fields are the data, then the
        # match, all of it data.)
        handed: dict[int, Val] = {}
        for m in self.matcher.callback_sources.find(qn, self.ff.language):
            if m.when and not all(self.condition(c, argv, kwv) for c in m.when):
                continue
            origin = f"S|{m.label}|{qn}|{call_id}"
            data = Val({(origin, frozenset()): (call_id,) if call_id else ()})
            if m.qn:
                # A request object (`app.router.add_get("/", handler)`): its
                # attributes are the data.
                data = Val(qn=m.qn)
            elif m.objects:
                # Parsed from JSON: its values may be objects (`{"$ne": null}`),
                # as a request's body is; a name says so to `raw_taint`.
                data = data.replace(qn="?message")
            for i in [int(a) for a in m.args if a.isdigit()] or [0]:
                handed.setdefault(i, data)
        if handed:
            return [handed.get(i, EMPTY) for i in range(max(handed) + 1)]
        if self.js and qn in _TEMPLATE_CALLS and not _TEMPLATE_CALLS[qn][1] and len(argv) > 2:
            # `env.renderString(BANNER, ctx, (err, html) => res.send(html))`: the
            # callback is handed the page.
            rendered: Taint = {}
            for v in argv[1:-1]:
                rendered = merge_taint(rendered, deep_taint(v))
            return [EMPTY, _template_output(qn, recv, argv, Val(rendered))]
        if recv is not None and _job_queue(recv.qn):
            # `agenda.define(name, (job) => ...)`: a job queued (`_run_queued_jobs`),
            # not the queue's configuration (`new Agenda({ db: process.env.URL })`).
            return []
        if recv is not None and (
            recv.taint or recv.seq is not None or recv.elems is not None or recv.fields
        ):
            return [element(recv)]
        return []

    def _typed_form(self, cls_id: str, instance: Val) -> Val:
        """A Django form (or a DRF serializer) built from request data:
        `cleaned_data` (`validated_data`) holds, for a field declared as a number,
        date, boolean, UUID, slug, address or choice, a value of that type."""
        self._note_class(cls_id)
        typed: dict[Any, Val] = {}
        for name, n in self._class_fields(cls_id):
            made_by = str_attr(n.attrs, "assigned_call") or ""
            if made_by.rsplit(".", 1)[-1] in _TYPED_FORM_FIELDS:
                typed[name] = EMPTY
                continue
            classes = self._declared_pattern_classes(n)
            if classes and instance.elems is not None:
                # `RegexField(r"^[a-z]+$")`: the validator searches its pattern.
                typed[name] = sanitize_val(instance.elems, classes)
                continue
            # DRF's `validate_<field>(self, value)` returns what the field holds.
            hook = self._method_of(cls_id, f"validate_{name}")
            if hook is not None and instance.elems is not None:
                got = self._validated_by(hook, Val(cls=cls_id), instance.elems)
                if got is not None:
                    typed[name] = got
                continue
            # Django's `clean_<field>(self)` reads `self.cleaned_data[field]` and
            # returns what the field holds.
            hook = self._method_of(cls_id, f"clean_{name}")
            if hook is not None and instance.elems is not None and self.depth < MAX_CALL_DEPTH:
                cleaned_so_far = Val(fields={name: instance.elems}, elems=instance.elems)
                form = Val(fields={"cleaned_data": cleaned_so_far}, cls=cls_id)
                got = self.apply(
                    hook, [ir.ATTR, [ir.NAME, "_"], f"clean_{name}"], [], form, [], {}, {}, "", None
                )
                if got is not None:
                    typed[name] = got
        if not typed:
            return instance
        assert instance.elems is not None
        cleaned = Val(fields=typed, elems=instance.elems)
        return instance.replace(fields={"cleaned_data": cleaned, "validated_data": cleaned})

    def _note_class(self, cls_id: str) -> None:
        """Record a class this result read (its members, its bases' members): a
        change of its signature must re-run this file (body_dependents.py)."""
        if cls_id not in self.deps:
            self.deps.update(self._class_chain(cls_id))

    def _class_chain(self, cls_id: str) -> list[str]:
        return self.world.class_chain(cls_id)

    def _base_constructor(self) -> str | None:
        """The constructor `super(...)` runs in this JavaScript constructor: the
        nearest base's, written or made of its field initializers."""
        cls = definition_id(self.file, NodeType.CLASS, self.fn.path.rsplit(".", 1)[0])
        for base in self._class_chain(cls)[1:]:
            ctor = self._constructor_of(base)
            if ctor is not None:
                return ctor
        return None

    def _record_class(self, cls_id: str) -> bool:
        """A class whose constructor Python generates from its fields: a dataclass,
        an attrs class, a `typing.NamedTuple`, a `TypedDict` (a dict of those keys)."""
        file = file_of_id(cls_id)
        return self.world.decorated(file, cls_id, _RECORD_DECORATORS) or self.world.based_on(
            file, cls_id, _RECORD_BASES
        )

    def _class_of(self, obj: Val, e: Any) -> str | None:
        """The class of an object: its own, or for a method's `self` (a view's, which
        the analysis starts from its request) the class the method is written in."""
        if obj.cls is not None:
            return obj.cls
        if (
            self.fn.kind == "METHOD"
            and not self.js
            and self.param_names
            and e == [ir.NAME, self.param_names[0]]
        ):
            return definition_id(self.file, NodeType.CLASS, self.fn.path.rsplit(".", 1)[0])
        return None

    def _class_attribute_class(self, cls_id: str | None, name: str) -> str | None:
        """The workspace class a class attribute names (`form_class = ContactForm`)."""
        if cls_id is None or parse_id(cls_id).kind != NodeType.CLASS:
            return None
        file = file_of_id(cls_id)
        var_id = str(definition_id(file, NodeType.VARIABLE, f"{parse_id(cls_id).path}.{name}"))
        n = self.world.file_summary(file).by_id.get(var_id)
        if n is None:
            return None
        self.deps.add(n.id)
        named = str_attr(n.attrs, "assigned_name")
        return self._class_named(named, file) if named else None

    def _class_attribute_library(self, cls_id: str, name: str) -> str | None:
        """The qualified name of the library object a class attribute names through
        an import of its module (`loader = yaml.SafeLoader`), if it does."""
        found = self._class_attribute_imported(cls_id, name, "assigned_name")
        return found[1] if found is not None else None

    def _class_attribute_made(self, cls_id: str, name: str) -> Val | None:
        """The library object a class attribute is made by a call through an import
        of its module (`parser = etree.XMLParser(resolve_entities=True)`), with the
        flags its literal arguments, and its arguments made by calls of a library
        through an import (`autoescape=select_autoescape(["html"])`), set, as a
        call in a body would make it."""
        found = self._class_attribute_imported(cls_id, name, "assigned_call")
        if found is None:
            return None
        node, qn = found
        argv: list[Val] = []
        kwv: dict[str, Val] = {}

        def given(slot: str, v: Val) -> None:
            if slot.isdigit():
                argv.extend([EMPTY] * (int(slot) + 1 - len(argv)))
                argv[int(slot)] = v
            else:
                kwv[slot] = v

        literals = node.attrs.get("assigned_consts")
        for slot, literal in literals.items() if isinstance(literals, dict) else ():
            given(str(slot), const_val(literal))
        calls = node.attrs.get("assigned_arg_calls")
        for slot, callee in calls.items() if isinstance(calls, dict) else ():
            callee_qn = self._imported_qn(file_of_id(node.id), str(callee))
            if callee_qn is not None:
                given(str(slot), Val(qn=callee_qn + "()"))
        made = Val(qn=qn + "()", flags=self.flag_models(qn, None, argv, kwv, None, {}))
        made = _jinja_autoescape(qn, "", None, argv, kwv, made)
        if qn in guards.REGEX_COMPILERS and argv and isinstance(single_const(argv[0]), str):
            # `local_path = re.compile(r"/(?!/)...")`: its text, as a body's compile keeps it.
            made = made.replace(fields={"pattern": argv[0]})
        return made

    def _class_attribute_literal(self, cls_id: str, name: str) -> Val | None:
        """The literal a class body assigns an attribute no object of the file
        gets written (`resolve_external = True`; `assigned_literal`)."""
        n = self._class_attribute_variable(cls_id, name)
        literal = n.attrs.get("assigned_literal") if n is not None else None
        if n is None or literal is None:
            return None
        self.deps.add(n.id)
        if isinstance(literal, list):
            # `MODES = ("contains", "word")`: a display of its constants.
            return Val(seq=tuple(const_val(x) for x in literal))
        return const_val(literal)

    def _class_attribute_variable(self, cls_id: str, name: str) -> SummaryNode | None:
        """The variable of attribute `name` a class's body assigns, or the first of
        its bases' that does (`shell = False` in `CommandRunner`, read as
        `self.shell` on a `DiskUsage(CommandRunner)`), if any."""
        if parse_id(cls_id).kind != NodeType.CLASS:
            return None
        file = file_of_id(cls_id)
        own = self.world.file_summary(file).by_id.get(
            definition_id(file, NodeType.VARIABLE, f"{parse_id(cls_id).path}.{name}")
        )
        if own is not None:
            return own
        node = self.world.idx.node(self.world.snap, cls_id)
        if node is None or node.type != NodeType.CLASS:
            return None
        self._note_class(cls_id)
        found = lookup_member(self.world.snap, self.world.idx, node, name, skip_self=True)
        return found if found is not None and found.type == NodeType.VARIABLE else None

    def _class_attribute_imported(
        self, cls_id: str, name: str, spelled_by: str
    ) -> tuple[SummaryNode, str] | None:
        """A class attribute's variable whose `spelled_by` text (a name, a call's
        callee) starts with an import of its module, and the qualified name it
        spells (`etree.XMLParser`: `lxml.etree.XMLParser`)."""
        n = self._class_attribute_variable(cls_id, name)
        spelled = str_attr(n.attrs, spelled_by) if n is not None else None
        if n is None or not spelled:
            return None
        self.deps.add(n.id)
        # (The imports of the file that assigns it: a base's may be another's.)
        qn = self._imported_qn(file_of_id(n.id), spelled)
        return (n, qn) if qn is not None else None

    def _imported_qn(self, file: str, spelled: str) -> str | None:
        """The qualified name a dotted name of a module's top level spells through an
        import of that module (`etree.XMLParser`: `lxml.etree.XMLParser`), if it does."""
        if "(" in spelled:
            # `MongoClient(MONGO_URL).helpdesk.tickets`: what a call of an import
            # made, and the attributes read of it (no call after the first).
            callee, _, after = spelled.partition("(")
            depth, end = 1, -1
            for i, ch in enumerate(after):
                depth += 1 if ch == "(" else -1 if ch == ")" else 0
                if depth == 0:
                    end = i
                    break
            if end < 0:
                return None
            rest_after = after[end + 1 :]
            if "(" in rest_after or (rest_after and not rest_after.startswith(".")):
                return None
            made = self._imported_qn(file, callee) if callee else None
            return f"{made}(){rest_after}" if made is not None else None
        head, _, rest = spelled.partition(".")
        imp = self.world.file_summary(file).by_id.get(
            scoped_id(file, NodeType.IMPORT, MODULE_SCOPE, head)
        )
        if imp is None:
            return None
        self.deps.add(imp.id)
        qn = import_qn(imp.attrs, False)
        return f"{qn}.{rest}" if rest else qn

    def _binds_request_form(self, cls_id: str) -> bool:
        """A Flask-WTF form class (`class Upload(FlaskForm)`): made with no data, it
        reads the request's form and files itself."""
        return not self.js and self.world.based_on(file_of_id(cls_id), cls_id, _FLASK_WTF_FORMS)

    def _wtforms_form(self, cls_id: str) -> bool:
        """A WTForms form class of the workspace (`class Search(Form)` of `from
        wtforms import Form`, or a `FlaskForm`), through the bases it extends."""
        if self.js:
            return False
        for c in self._class_chain(cls_id):
            for base in self.world.base_texts(c):
                if self._imported_qn(file_of_id(c), base) in _WTFORMS_BASES:
                    self._note_class(cls_id)
                    return True
        return False

    def _request_form(self, cls_id: str, call_id: str, given: Val | None = None) -> Val:
        """A Flask-WTF form bound to the request (or a WTForms form of the data
        `given`): each field's `data` is the request's value, unless the field
        makes it a number, a date, a boolean or one of its choices (`IntegerField`,
        `SelectField`); `form.data` holds them all."""
        self._note_class(cls_id)
        if given is not None:
            data = Val(deep_taint(given))
            if not data.taint:
                return Val(cls=cls_id)
        else:
            origin = f"S|{_FLASK_FORM_LABEL}|flask.request.form|{call_id}"
            data = Val({(origin, frozenset()): (call_id,) if call_id else ()})
        fields: dict[Any, Val] = {}
        for name, n in self._class_fields(cls_id):
            made_by = (str_attr(n.attrs, "assigned_call") or "").rsplit(".", 1)[-1]
            if not made_by.endswith("Field"):
                continue
            typed = made_by in _TYPED_FORM_FIELDS or made_by in _TYPED_WTFORMS_FIELDS
            value = EMPTY if typed else data
            if made_by in _FILE_FORM_FIELDS and given is None:
                # Flask-WTF's `FileField`: an uploaded file (its `filename`, its
                # `save(path)`), as `request.files[name]` is.
                value = data.replace(qn=_UPLOADED_FILE)
                if made_by == "MultipleFileField":
                    value = Val(elems=value)
            fields[name] = Val(fields={"data": value, "raw_data": Val(elems=data)})
        fields.setdefault("data", Val(elems=data))
        return Val(cls=cls_id, fields=fields)

    def _is_marshmallow_schema(self, cls_id: str) -> bool:
        """A marshmallow schema of the workspace whose `load` is marshmallow's own."""
        return self._method_of(cls_id, "load") is None and self.world.based_on(
            file_of_id(cls_id), cls_id, _MARSHMALLOW_SCHEMAS
        )

    def _schema_loaded(self, cls_id: str, data: Val) -> Val:
        """What a marshmallow schema's `load(data)` returns: its declared fields only,
        a number, date, boolean or UUID field as that type (no text of the request)."""
        self._note_class(cls_id)
        fields: dict[Any, Val] = {}
        for name, n in self._class_fields(cls_id):
            made_by = str_attr(n.attrs, "assigned_call") or ""
            if not made_by.startswith(("fields.", "ma.fields.", "marshmallow.fields.")):
                continue
            typed = made_by.rsplit(".", 1)[-1] in _TYPED_MARSHMALLOW_FIELDS
            fields[name] = EMPTY if typed else self._declared_checks(n, get_key(data, name))
        return Val(fields=fields)

    def _class_fields(self, cls_id: str) -> list[tuple[str, SummaryNode]]:
        """The class-level variables a class declares (`limit: int`, `n =
        forms.IntegerField()`), by name."""
        file = file_of_id(cls_id)
        prefix = f"{file}->VARIABLE->{parse_id(cls_id).path}."
        return [
            (n.id[len(prefix) :], n)
            for n in self.world.file_summary(file).nodes
            if n.type == NodeType.VARIABLE
            and n.id.startswith(prefix)
            and "." not in n.id[len(prefix) :]
        ]

    def _setter(self, obj: Val, name: Any) -> str | None:
        """The setter of property `name` of the object's class, if it defines one."""
        if (
            obj.cls is None
            or _is_class_ref(obj)
            or not isinstance(name, str)
            or self.depth >= MAX_CALL_DEPTH
        ):
            return None
        found = self.world.setter_of(obj.cls, name)
        # (Found or not, what the class and its bases define decided it: a setter
        # a base gains later must run this again.)
        self._note_class(obj.cls)
        return found

    def _method_chosen(self, obj: Val, holder: Any, k: Any, key: Val, env: Env) -> Val | None:
        """`this[name]` (JavaScript) of an object of a workspace class, the name one
        of a few constants, or built on a constant prefix (`this["handle" +
        action]`, `` this[`handle${action}`] ``): the methods of its class it may
        be, on this object (None: not such a read)."""
        assert obj.cls is not None
        names = [n for n in key.consts or () if isinstance(n, str)]
        if not names or len(names) != len(key.consts or ()):
            prefix = _constant_prefix(k)
            if not prefix and isinstance(k, list) and k[0] == ir.NAME:
                # `const method = "by" + field; this[method]`: the name's one
                # assignment in this body.
                made = [
                    st[2]
                    for st in _nested_statements(self.fn.body)
                    if st is not None and st[0] == ir.ASSIGN and st[1] == k
                ]
                prefix = _constant_prefix(made[0]) if len(made) == 1 else ""
            if not prefix:
                return None
            file = file_of_id(obj.cls)
            own = f"{file}->METHOD->{parse_id(obj.cls).path}."
            names = sorted(
                n.id[len(own) :]
                for n in self.world.file_summary(file).nodes
                if n.type == NodeType.METHOD
                and n.id.startswith(own + prefix)
                and "." not in n.id[len(own) :]
            )
        if not 0 < len(names) <= _UNROLL_ITEMS or any(n in (obj.fields or {}) for n in names):
            # (A field of the object it holds is no method of its class.)
            return None
        got: Val | None = None
        for name in names:
            method = self._method_read(obj, [ir.ATTR, holder, name], env)
            if method is None:
                return None
            got = method if got is None else join(got, method)
        return got

    def _method_read(self, obj: Val, e: list[Any], env: Env) -> Val | None:
        """`obj.name` where the object's class defines `name` as a method: a property
        (Python `@property`, a JS `get` accessor) gives what its body returns for
        this object; a plain method not called where it is read (`handler =
        self.handle_vacuum`) is that method on this object (see `values.METHOD`)."""
        assert obj.cls is not None
        target = self._method_of(obj.cls, e[2])
        if target is None:
            return None
        method = target
        if not self.world.is_getter(target):
            # The setter of the same name came first (`set name(v)` before `get name()`).
            owner = definition_id(
                file_of_id(target), NodeType.CLASS, parse_id(target).path.rsplit(".", 1)[0]
            )
            target = self.world.getter_of(owner, e[2])
        if target is not None and self.world.is_getter(target):
            if self.depth >= MAX_CALL_DEPTH:
                return None
            return self.apply(target, e, [], obj, [], {}, env, "", None)
        if (
            self.js
            and _is_class_ref(obj)
            and isinstance(e[2], str)
            and e[2] not in (obj.fields or {})
            and parse_id(method).kind == NodeType.METHOD
        ):
            # `const e = HtmlView.escape`: a JavaScript class's static method,
            # called with no object.
            return Val(fn=("ref", method))
        if (
            _is_class_ref(obj)
            or not isinstance(e[2], str)
            or e[2] in (obj.fields or {})
            or parse_id(method).kind != NodeType.METHOD
        ):
            return None
        return Val(fn=(_METHOD, method, obj))

    def _as_text(self, v: Val) -> Val:
        """What `str(v)` or `f"{v}"` holds: an object of a workspace class with no
        `__str__`, `__repr__` or `__format__` of its own prints none of its fields,
        only an exception's message (what its constructor handed `super().__init__`,
        kept as `args`)."""
        if self.js or v.cls is None or not v.fields or _is_class_ref(v):
            return v
        cls = v.cls
        if self._record_class(cls) or any(
            self._method_of(cls, m) is not None for m in ("__str__", "__repr__", "__format__")
        ):
            return v
        args = v.fields.get("args")
        t = merge_taint(v.taint, deep_taint(args) if args is not None else {})
        if v.elems is not None:
            t = merge_taint(t, deep_taint(v.elems))
        return Val(t)

    def _constructor_function(self, name: str) -> list[Any] | None:
        """The arrow function a JavaScript method's class constructor assigns to
        `this.<name>` at its top level (`this.runner = (dir) => exec(...)`), when
        it reads no name the constructor or this body binds besides its own
        parameters (so it runs here as it would there)."""
        if self.fn.kind != "METHOD":
            return None
        cls = _class_of_method(self.func_id)
        self._note_class(cls)
        known = self.world._constructor_arrows
        if cls not in known:
            known[cls] = self._constructor_arrows(cls)
        found = known[cls]
        lam = found[1].get(name) if found is not None else None
        if found is None or lam is None or not self._reads_as_here(lam):
            return None
        self.deps.add(found[0])
        return lam

    def _constructor_arrows(self, cls: str) -> tuple[str, dict[str, list[Any] | None]] | None:
        """A class's constructor (of this file) and the arrow functions it assigns
        to `this` fields at its top level, each reading none of its names."""
        ctor = self._constructor_of(cls)
        found = self.world.body(ctor) if ctor is not None else None
        if ctor is None or found is None or found[0].file != self.file:
            return None
        made = found[1]
        ctor_names = {*made.bound, *(p[0].lstrip("*") for p in made.params)}
        arrows: dict[str, list[Any] | None] = {}
        for st in made.body:
            target, lam = (st[1], st[2]) if st[0] == ir.ASSIGN else (None, None)
            if not (
                isinstance(target, list)
                and target[:2] == [ir.ATTR, [ir.NAME, "this"]]
                and isinstance(lam, list)
                and lam[0] == ir.LAMBDA
                and isinstance(lam[2], list)
                and lam[2][:1] == [ir.FUNC]
            ):
                continue
            body = self.ff.bodies.get(lam[2][1])
            read = (
                set(body.words) - {*body.bound, *(p[0].lstrip("*") for p in body.params)}
                if body is not None
                else ctor_names
            )
            # (The first such assignment decides; one reading the constructor's
            # names is none.)
            arrows.setdefault(target[2], lam if read.isdisjoint(ctor_names) else None)
        return ctor, arrows

    def _constructor_of(self, cls_id: str) -> str | None:
        """A class's constructor: the one written (its own or a base's) or, in
        JavaScript, the one its field initializers make (no node of the graph)."""
        ctor = self._method_of(cls_id, "constructor" if self.js else "__init__")
        if ctor is None and self.js:
            # (A class that writes none gets its nearest base's: the field
            # initializers of `class Sender { http = axios.create() }` run for
            # an object of `class PartnerSender extends Sender {}` too.)
            for c in self.world.class_chain(cls_id):
                implicit = definition_id(
                    file_of_id(c), NodeType.METHOD, f"{parse_id(c).path}.constructor"
                )
                if self.world.body(implicit) is not None:
                    self.deps.add(c)
                    return implicit
        return ctor

    def _made_unseen(self, method: str, env: Env, call_id: str) -> Val | None:
        """The object a method is called on when its making is not seen (a service a
        framework injects, `constructor(private readonly directory: Directory)`):
        made by its class's constructor, if that takes no arguments (so what it
        stores, a library's client, is what every such object holds)."""
        if self.depth >= MAX_CALL_DEPTH:
            return None
        cls = _class_of_method(method)
        ctor = self._constructor_of(cls)
        found = self.world.body(ctor) if ctor is not None else None
        if found is None or ctor is None:
            return None
        ff, fn = found
        args: list[Val] = []
        wanted = len(fn.params) - (0 if self.js else 1)
        if wanted:
            # A constructor taking arguments the analysis does not see, which makes
            # a library's client from them (`self.conn = Connection(Server(url))`):
            # made with nothing known, its object holds that client.
            positional = all(p[1] == ir.P_POSITIONAL for p in fn.params)
            if not positional or not self.world.makes_library_object(ctor, ff, fn):
                return None
            args = [EMPTY] * wanted
        return self.apply(cls, [ir.NAME, "?"], [], None, args, {}, env, call_id, None)

    def _bound_method(self, e: Any, env: Env) -> tuple[str, Val] | None:
        """`obj.method` (not called) of an object of a workspace class: (the
        method's id, the object)."""
        if not (isinstance(e, list) and e[0] == ir.ATTR and isinstance(e[2], str)):
            return None
        obj = self.expr(e[1], env, 0)
        if obj.cls is None or _is_class_ref(obj):
            return None
        method = self._method_of(obj.cls, e[2])
        return (method, obj) if method is not None else None

    def _dunder(self, obj: Val, name: str) -> str | None:
        """The method `name` (`__getitem__`, `__getattr__`) of a Python object's
        workspace class, if it defines one (followed while calls may go deeper)."""
        if self.js or obj.fn is not None or self.depth >= MAX_CALL_DEPTH:
            return None
        if not _workspace_object(obj):
            return None
        assert obj.cls is not None
        return self._method_of(obj.cls, name)

    def _has_member(self, cls_id: str, name: str) -> bool:
        """Whether a class (or a base of the workspace) has a member `name`: a
        method, a class attribute, or an attribute its methods assign."""
        node = self.world.idx.node(self.world.snap, cls_id)
        return (
            node is None or lookup_member(self.world.snap, self.world.idx, node, name) is not None
        )

    def _method_of(self, cls_id: str, name: str) -> str | None:
        self._note_class(cls_id)
        node = self.world.idx.node(self.world.snap, cls_id)
        if node is None or node.type != NodeType.CLASS:
            return None
        m = lookup_member(self.world.snap, self.world.idx, node, name)
        if m is not None and m.type in (NodeType.METHOD, NodeType.FUNCTION):
            return m.id
        return None

    def _named_import_called(self, func: Any, env: Env) -> bool:
        """Whether a JavaScript call's callee is a name an import binds by name
        (`import { raw } from "hono/html"`, `const { find } = require("lodash")`)."""
        if not (self.js and isinstance(func, list) and func[0] == ir.NAME and func[1] not in env):
            return False
        name = func[1]
        if name in self.bound or name in self.param_names:
            return False
        imp = _import_in_scope(self.world.file_summary(self.file), self.file, self.fn.path, name)
        return imp is not None and str_attr(imp.attrs, "imported") not in (None, "*", "default")

    def call_sinks(
        self,
        qn: str,
        recv: Val | None,
        argv: list[Val],
        kwv: dict[str, Val],
        call_id: str,
        resolved: bool,
        root_flags: frozenset[str] = frozenset(),
        named_import: bool = False,
    ) -> bool:
        """Report the sinks this call is; True when one of them is a query (SQL,
        NoSQL, XPath, LDAP) whose arguments are the query's. `root_flags`: those
        of the object a chain of calls started from (`reply` of `reply.code(410)
        .send(page)`), which a sink naming the chain (`fastify.Reply.**.send`) reads.
        `named_import`: the call is of a name a JavaScript import binds."""
        if not call_id:
            return False
        queried = False
        builtin = self.js and qn.split(".", 1)[0] in _JS_BUILTIN_OBJECTS
        # A name called bare that no import binds (`find(q)` of `const find =
        # finders.author`): some function of the code's own, not a method of
        # whatever receiver `*.find` means; nor is a module's function imported
        # by name (`raw(text)` of `import { raw } from "hono/html"`, lodash's `find`).
        bare = "." not in qn or named_import
        # A method handed a function first is an array's (`xs.find((x) => ...)`),
        # not a query's: a filter is data.
        callback = self.js and bool(argv) and argv[0].fn is not None
        for m in self.matcher.call_sinks.find(qn, self.ff.language):
            if (resolved or builtin or bare or callback) and m.pattern.startswith(("*", "?")):
                # `*.raw` means a query builder's, not `String.raw` (and `?.evaluate`
                # an unknown object's, not the code's own `evaluate`).
                continue
            if resolved and "." not in qn and not named_import and "." not in m.pattern:
                # A function of the code's own that a framework's auto-imported name
                # (Nuxt's `sendRedirect`) spells: the code's runs, not the library's.
                continue
            if m.when and not all(self.condition(c, argv, kwv, cls=m.cls) for c in m.when):
                continue
            if m.unless and any(
                self.condition(c, argv, kwv, every=True, cls=m.cls) for c in m.unless
            ):
                continue
            if (
                m.not_on
                and recv is not None
                and recv.qn is not None
                and any(pattern_matches(p, recv.qn) for p in m.not_on.split("|"))
            ):
                continue
            flags = recv.flags if recv is not None else frozenset()
            if root_flags and "**" in m.pattern:
                flags = flags | root_flags
            if m.flag.startswith("!"):
                # `flag = "!name"`: not when the receiver carries the flag (a
                # response whose content type was set to something not HTML).
                if m.flag[1:] in flags:
                    continue
            elif m.flag and not (
                m.flag in flags
                or any(self._flagged(m.flag, a) for a in argv)
                or any(self._flagged(m.flag, a) for a in kwv.values())
            ):
                continue
            taint: Taint = {}
            for a in m.args:
                v = self._arg(a, recv, argv, kwv)
                if v is None:
                    continue
                if m.list_command:
                    arg_taint = command_taint(v)
                elif m.raw_value:
                    arg_taint = raw_taint(v, m.cls)
                else:
                    arg_taint = v.taint if m.own_taint else deep_taint(v)
                taint = merge_taint(taint, arg_taint)
            self.sink_hits(m, taint, call_id, -1)
            queried = queried or m.cls in _QUERY_CLASSES
        return queried

    def _arg(
        self,
        a: str,
        recv: Val | None,
        argv: list[Val],
        kwv: dict[str, Val],
        returned: bool = False,
    ) -> Val | None:
        """The argument a model names (`0`, `url`, `1.noent`, `receiver`, `*`);
        `returned`: an object a helper returned is worked out to read its property
        (`parseXml(x, parserOptions())`: the options' `noent`)."""
        if a == "receiver":
            return recv
        if a == "*":
            out: Val = EMPTY
            for v in (*argv, *kwv.values()):
                out = join(out, v) if not out.empty else v
            return out
        if a.isdigit():
            i = int(a)
            return argv[i] if i < len(argv) else None
        if "." in a:
            # `1.headers.Content-Type`: a property of a property of an argument.
            head, _, key = a.rpartition(".")
            base = self._arg(head, recv, argv, kwv, returned)
            if (
                returned
                and base is not None
                and base.fn is not None
                and base.fn[0] == _RETURNED
                and base.cls is None
                and self.depth < MAX_CALL_DEPTH
            ):
                summary = self._read_summary(base.fn[1], base.fn[2])
                if summary is not None:
                    base = summary.ret
            if (
                base is None
                or (base.fn is not None and not base.fields)
                # A constant or text made from data has no such property (the
                # file name `res.download(p, name)` is handed, not options).
                or (base.consts is not None and not base.fields)
                or (
                    base.taint
                    and not base.fields
                    and base.elems is None
                    # (What a sanitizer made is text too: `path.basename(name)`.)
                    and (base.qn is None or all(san for _, san in base.taint))
                )
                or (
                    # An object literal without the property (or a function, the
                    # callback of `res.sendFile(p, (err) => ...)`): no such argument.
                    base.fields is not None
                    and key not in base.fields
                    and base.elems is None
                    and not base.taint
                )
            ):
                return None
            return get_key(base, key)
        return kwv.get(a)

    def condition(
        self,
        c: Condition,
        argv: list[Val],
        kwv: dict[str, Val],
        every: bool = False,
        cls: str | None = None,
    ) -> bool:
        """Whether the argument `c` names matches one of its values (`every`: for an
        argument that is one of a few library objects, each of them must: an
        `unless` lifts a sink only when every one is safe; `cls`: the sink's
        class, which an option the request sets is checked for)."""
        v = self._arg(c.key, None, argv, kwv, returned=True)
        if v is None:
            return False
        if (
            cls is not None
            and "." in c.key
            and any(
                o.startswith("S|") and not _configuration(o) and not self.blocked(o, san, cls)
                for o, san in deep_taint(v)
            )
        ):
            # An option the request sets (`{...DEFAULTS, ...req.query}` handed to
            # `sendFile`, `merge({}, DEFAULTS, req.body.options)` to `parseXml`):
            # it proves nothing safe, and a flag it may turn on is on.
            return not every and any(w.lower() == "true" for w in c.values)
        if v.qn is None and v.consts is None and v.fn is not None and v.fn[0] == _LIBRARIES:
            # `LOADERS.get(name, yaml.SafeLoader)` of a table of loaders.
            held = [self._condition_texts(c, {qn}, v) for qn in v.fn[1]]
            return all(held) if every else any(held)
        texts: set[str] = set()
        if v.consts is not None:
            texts |= {consts.literal_text(x, self.js) for x in v.consts}
        if v.qn is not None:
            texts.add(v.qn)
        if v.cls is not None and _is_class_ref(v):
            # `Loader=PipelineLoader` of `class PipelineLoader(yaml.SafeLoader)`: the
            # library classes it extends (through the workspace's).
            for c_id in self._class_chain(v.cls):
                self.deps.add(c_id)
                texts.update(self.world.base_texts(c_id))
        return self._condition_texts(c, texts, v)

    def _condition_texts(self, c: Condition, texts: set[str], v: Val) -> bool:
        # A constant's text is plain text, where a dot is no segment of a name
        # (pg-format's `%I.%I` matches `*%I*`); a qualified name's dots are.
        literal = (
            {consts.literal_text(x, self.js) for x in v.consts} if v.consts is not None else set()
        )
        for want in c.values:
            if want.startswith("!"):
                # `!PATTERN`: the argument is given and is not known to match (an
                # HTML sink with a computed content type is not known to be HTML);
                # `!P+Q`: it matches neither (`!*htm*+*svg*`).
                given = texts - _ABSENT
                if (v.consts is None or given) and not any(
                    fnmatch.fnmatchcase(t.lower(), one)
                    for t in given
                    for one in want[1:].split("+")
                ):
                    return True
            elif want in texts or (
                "*" in want
                and any(
                    text_matches(want, t) if t in literal else pattern_matches(want, t)
                    for t in texts
                )
            ):
                return True
        return False

    def blocked(self, origin: str, san: frozenset[str], cls: str) -> bool:
        """Whether data from `origin`, made safe for `san`, is no finding of `cls`
        (remote data, or the environment, only named the file a value was read
        from: a cache folder the deployment configures holds what the server
        wrote; a file the command line names may be its user's own)."""
        if guards.safe_for(san, cls):
            return True
        if _FILE_DATA_MARK not in san or not origin.startswith("S|"):
            return False
        return origin.split("|", 2)[1] in self.matcher.remote_labels or _configuration(origin)

    def local_source(self, origin: str) -> bool:
        """Whether `origin` is a source outside the remote threat model (argv, the
        environment, a file)."""
        return origin.startswith("S|") and origin.split("|", 2)[1] not in self.matcher.remote_labels

    def _restarted(self, t: Taint, pieces: set[tuple[str, frozenset[str]]]) -> Taint:
        """`_restarted_labels`, and in a summary the mark on a parameter's label in a
        later piece (`os.path.join(ROOT, name)` in a helper): the caller's proof
        that what it passed climbs no directory does not hold here (`_Subst.origins`)."""
        t = _restarted_labels(t, pieces)
        if not self.summary:
            return t
        params = {origin for origin, _ in pieces if origin.startswith("P|")}
        if not params:
            return t
        out: Taint = {}
        for (origin, san), hops in t.items():
            out.setdefault((origin, san | _RESTARTED) if origin in params else (origin, san), hops)
        return out

    def _run_exported(self, obj: Val, key: Any, val: Val, env: Env) -> None:
        """`exports.handler = async (event) => ...`, `module.exports = { run: (req,
        res) => ... }`: whoever loads the module calls these (a Lambda runtime, an
        Express router in another file), so they run here as entry points."""
        if obj.qn not in _EXPORTS and not (obj.qn == "module" and key == "exports"):
            return
        if _vue_bindings(val):
            # `export default { data() {...}, template: '<p v-html="x">' }`.
            self._run_component(val, env, "")
            return
        handed = self.world.handed_by_framework(self.file, key)
        if handed is not None:
            # SvelteKit's form actions (`export const actions = { default: async
            # ({ request }) => ... }` of a `+page.server.ts`): each is handed the
            # request's event, as a route module's `load` is.
            for f in (val.fields or {}).values():
                if f.fn is not None and f.fn[0] == "lambda":
                    self.inline(f, None, [Val(qn=handed)], {}, env, "")
            return
        for v in (val, *_handlers_in(val)):
            if v.fn is not None and v.fn[0] == "lambda":
                self.inline(v, None, [], {}, env, "")

    def _run_component(self, comp: Val, env: Env, call_id: str) -> None:
        """A Vue component given as options (`data`, `computed`, `methods`, its
        lifecycle hooks and `watch`ers, and a `template` binding `v-html="name"`):
        its functions run on one component object, twice, so that what one
        stores (`this.slug = fromHash()`) the others read, and its computed
        properties' values are on it each round; then each name bound
        with `v-html` (a computed property's value, or the state's field) is
        HTML the page renders."""
        fields = comp.fields or {}
        bound = _vue_bindings(comp)

        def functions(v: Val | None) -> dict[str, Val]:
            return {
                k: f
                for k, f in ((v.fields or {}).items() if v is not None else ())
                if isinstance(k, str) and _made_function(f)
            }

        methods = functions(fields.get("methods"))
        computed = functions(fields.get("computed"))
        hooks = [fields[k] for k in _VUE_HOOKS if k in fields and _made_function(fields[k])]
        # (In their order, each once per round; the methods and watchers may run or
        # not, in any order.)
        runs = [
            *((f, True) for f in hooks),
            *((f, False) for f in methods.values()),
            *((f, False) for f in functions(fields.get("watch")).values()),
        ]
        state: dict[Any, Val] = dict(methods)
        data = fields.get("data")
        if data is not None and _made_function(data):
            made, _ = self._component_call(data, Val(fields=dict(state)), env, call_id)
            data = made
        if data is not None and data.fields:
            state.update(data.fields)
        this = Val(fields=state)

        def with_computed(this: Val) -> Val:
            # `this.promoCode` of a computed property read by another, or by a
            # hook: its value on the state as it is now.
            for name, f in computed.items():
                value, _ = self._component_call(f, this, env, call_id)
                if value is not None:
                    this = this.replace(fields={**(this.fields or {}), name: value})
            return this

        for _ in range(_VUE_ROUNDS):
            this = with_computed(this)
            for f, always in runs:
                # What a method stores joins what was there: `reset()` clearing a
                # field the `mounted` hook's listener fills does not clear it for good.
                _, after = self._component_call(f, this, env, call_id)
                this = after if always else join(this, after)
        this = with_computed(this)
        sinks = self.matcher.call_sinks.find(_VUE_HTML_SINK, "javascript")
        for name in bound:
            if name in computed:
                value, _ = self._component_call(computed[name], this, env, call_id)
            else:
                value = (this.fields or {}).get(name)
            if value is None:
                continue
            for m in sinks:
                self.sink_hits(m, deep_taint(value), call_id or self.site_node, -1)

    def _component_call(self, f: Val, this: Val, env: Env, call_id: str) -> tuple[Val | None, Val]:
        """Run a component's function (an object literal's method) with `this`:
        what it returns, and `this` as it left it."""
        assert f.fn is not None
        lam = f.fn[2] if f.fn[0] == "lambda" else None
        body = lam[2] if isinstance(lam, list) else None
        found = (
            self.ff.bodies.get(body[1])
            if isinstance(body, list) and body[:1] == [ir.FUNC]
            else None
        )
        if found is None or self.depth >= MAX_CALL_DEPTH:
            return None, this
        child = Interp(
            self.world,
            self.ff,
            found,
            [EMPTY] * len(found.params),
            depth=self.depth + 1,
            summary=self.summary,
            parent=self,
            closure=self._closure(f.fn[4:], env),
        )
        child.this_val = this
        child.run()
        after = child.final_params.get("this")
        return child.ret, after if after is not None else this

    def _reported(self, origin: str, san: frozenset[str], cls: str, remote_only: bool) -> bool:
        """Whether data of `origin` reaching a sink of class `cls` is a finding: not
        sanitized for it, of a threat model the sink counts, not a folder or host
        the deployment's environment names, and (outside summaries) a source's."""
        if self.blocked(origin, san, cls) or (remote_only and self.local_source(origin)):
            return False
        if cls in CONFIGURATION_HARMLESS and (_configuration(origin) or self.local_source(origin)):
            # The environment is the deployment's configuration, and the command
            # line's words and the terminal's input are its operator's: a file,
            # host or page they name is theirs to choose (a command, code or
            # query built from them still counts).
            return False
        return self.summary or origin.startswith("S|")

    def sink_hits(self, m: SinkModel, taint: Taint, sink: str, site: int) -> None:
        remote_only = m.threat == "remote"
        for (origin, san), hops in taint.items():
            if m.starts_page:
                san = guards.at_html_sink(san)
            if m.renders_html and guards.starts_no_element(san):
                continue
            if not self._reported(origin, san, m.cls, remote_only):
                continue
            key = (origin, m.cls, sink, site)
            if key in self._hit_keys:
                continue
            self._hit_keys.add(key)
            self.hits.append(Hit(origin, san, m.cls, sink, site, hops, m.label, remote_only))

    def flag_models(
        self,
        qn: str,
        recv: Val | None,
        argv: list[Val],
        kwv: dict[str, Val],
        func: Any,
        env: Env,
    ) -> frozenset[str]:
        out: set[str] = set()
        for m in self.matcher.flags.find(qn, self.ff.language):
            if m.when and not all(self.condition(c, argv, kwv) for c in m.when):
                continue
            if m.to == "receiver" and isinstance(func, list) and func[0] == ir.ATTR:
                flag = m.flag
                self._update(
                    _chain_root(func[1]), env, lambda o, f=flag: o.replace(flags=o.flags | {f}), 0
                )
            else:
                out.add(m.flag)
        return frozenset(out)

    # -- calls: into summaries ---------------------------------------------------------------

    def apply(
        self,
        target: str,
        func: Any,
        args: list[Any],
        recv: Val | None,
        argv: list[Val],
        kwv: dict[str, Val],
        env: Env,
        call_id: str,
        spread: Val | None,
        same_level: bool = False,
    ) -> Val | None:
        world = self.world
        kind = parse_id(target).kind
        instance: Val | None = None
        self_val: Val | None
        if kind == NodeType.CLASS:
            if not self.js and world.based_on(file_of_id(target), target, _ENUM_BASES):
                # `Field(raw)` of an Enum: one of its members (or a ValueError), whose
                # `value` and `name` the class declared.
                self._note_class(target)
                return Val(cls=target)
            ctor = self._constructor_of(target)
            instance = Val(cls=target)
            if ctor is None and not self.js and self._record_class(target):
                # A dataclass or NamedTuple: its generated constructor assigns its
                # fields in order (and by name), each what it was given.
                field_names = [n for n, _ in self._class_fields(target)]
                fields = dict(zip(field_names, argv))
                fields.update((k, v) for k, v in kwv.items() if k in field_names)
                splat = kwv.get(_SPLAT)
                if splat is not None:
                    # `Reset(**body)`: each field the call does not name, at its key.
                    for name in field_names:
                        if name not in fields:
                            fields[name] = self._splat_key(splat, name)
                for name, n in self._class_fields(target):
                    if name in fields:
                        fields[name] = self._declared_checks(n, fields[name])
                    elif (default := self._class_attribute_literal(target, name)) is not None:
                        # A field the call leaves out holds its default (what
                        # `asdict(options)` hands on: `resolve_entities: bool = True`).
                        fields[name] = default
                record = Val(fields=fields or None, cls=target)
                return hop_val(self._post_init(target, record, env, call_id), call_id)
            if ctor is None and self._pydantic_model(target):
                by_name = {k: v for k, v in kwv.items() if k != _SPLAT}
                return hop_val(self._pydantic_made(target, by_name, kwv.get(_SPLAT)), call_id)
            if ctor is None and not argv and not kwv and self._binds_request_form(target):
                return hop_val(self._request_form(target, call_id), call_id)
            if ctor is None and (argv or "formdata" in kwv) and self._wtforms_form(target):
                # `TeamForm(request.args)`: WTForms' form of the data it is handed.
                formdata = argv[0] if argv else kwv["formdata"]
                return hop_val(self._request_form(target, call_id, formdata), call_id)
            if ctor is None:
                for v in (*argv, *kwv.values()):
                    if deep_taint(v):
                        # No constructor we can read: the object holds what it was given.
                        t = merge_taint(instance.taint, deep_taint(v))
                        instance = instance.replace(elems=Val(t))
                if instance.elems is not None:
                    instance = self._typed_form(target, instance)
                return hop_val(instance, call_id)
            target, self_val = ctor, instance
        else:
            self_val = recv
        found = world.body(target)
        if found is None:
            return None if kind != NodeType.CLASS else instance
        ff, fn = found
        params = fn.params
        # Actual values per parameter index.
        actual: dict[int, Val] = {}
        bind_self = False
        if (params or self.js) and parse_id(target).kind == NodeType.METHOD:
            decos = world.decorators(ff.file, target)
            if "staticmethod" in decos:
                bind_self = False
            elif ("classmethod" in decos or target.endswith(".__init_subclass__")) and (
                recv is not None and recv.cls is not None
            ):
                # (`__init_subclass__` is a classmethod without the decorator.)
                # `cls` is the class (of the object it was called on), with the
                # tables the module filed in it (`_class_tables`).
                bind_self = True
                if recv.fn != ("ref", recv.cls):
                    self_val = Val(fn=("ref", recv.cls), cls=recv.cls)
            elif kind == NodeType.CLASS or (
                recv is not None
                and isinstance(func, list)
                and func
                and func[0] == ir.ATTR
                and not _is_class_ref(recv)
            ):
                bind_self = True
        pos = 0
        if bind_self and params and not self.js:
            actual[0] = self_val if self_val is not None else EMPTY
            pos = 1
        js_this = self_val if self.js and bind_self else None
        rest: list[Val] = []
        for v in argv:
            while pos < len(params) and params[pos][1] in (ir.P_KWARGS, ir.P_KEYWORD):
                pos += 1
            if pos < len(params) and params[pos][1] == ir.P_POSITIONAL:
                actual[pos] = v
                pos += 1
            else:
                rest.append(v)
        names = {p[0].lstrip("*"): i for i, p in enumerate(params)}
        extra: dict[str, Val] = {}
        splat = kwv.get(_SPLAT)
        for k, v in kwv.items():
            i = names.get(k)
            if k == _SPLAT:
                continue
            if i is not None and params[i][1] in (ir.P_POSITIONAL, ir.P_KEYWORD):
                actual[i] = v
            else:
                extra[k] = v
        if splat is not None:
            # `f(**data)`: each parameter the call does not give, at its key (the
            # first, `self`, is never one); the rest into `**kwargs`.
            for i, p in enumerate(params):
                if i not in actual and p[1] in (ir.P_POSITIONAL, ir.P_KEYWORD):
                    actual[i] = self._splat_key(splat, p[0])
        for i, p in enumerate(params):
            if p[1] == ir.P_VARARGS:
                actual[i] = Val(seq=tuple(rest)) if spread is None else Val(elems=spread)
            elif p[1] == ir.P_KWARGS and (extra or splat is not None):
                actual[i] = Val(
                    fields=dict(extra) or None, elems=element(splat) if splat is not None else None
                )
            elif spread is not None and i not in actual and p[1] == ir.P_POSITIONAL:
                actual[i] = spread
            elif i not in actual and p[0] in fn.defaults:
                # Left out: its literal default (`escape=True`, `shell = false`), or
                # the library name it reads (`loader=yaml.SafeLoader`).
                default = fn.defaults[p[0]]
                if not isinstance(default, list):
                    actual[i] = Val(consts=consts.const(default))
                elif (named := self._default_name(ff.file, fn.path, str(default[0]))) is not None:
                    actual[i] = named
        matcher = self.matcher
        for i, v in sorted(actual.items()):
            kept = kind == NodeType.CLASS
            if (
                v.fn is not None
                and v.fn[0] == _RETURNED
                and v.cls is None
                and i < len(params)
                and (kept or _calls_methods_of(fn, params[i][0]))
            ):
                # What an unfollowed call returned (`load_ledger(path)`), handed to
                # a callee that calls its methods (`frame.query(expr)`): the
                # library's object it is, if it is one, worked out now. A
                # constructor keeps it for its methods: so a workspace class's object
                # too (`new ProbeService(DigResolver.usingServer(ip))`).
                returned = self._returned_object(v.fn[1], v.fn[2])
                if returned.fn is None and (
                    _library_qn(returned.qn, matcher.model_roots)
                    or (kept and returned.cls is not None)
                ):
                    actual[i] = returned
        ctx = tuple(
            d
            for i in sorted(actual)
            if (
                d := _describe(
                    i,
                    actual[i],
                    matcher,
                    kind == NodeType.CLASS,
                    world.makes_class_attribute_object,
                )
            )
            is not None
        )
        if js_this is not None and (d := _describe(-1, js_this, matcher)) is not None:
            ctx = (*ctx, d)
        proved = self._validation_proved(env)
        if proved and (_hands_request(ctx, matcher.request_qns) or _hands_validated(ctx, proved)):
            # The route's schema or validators hold in what its handler calls with
            # the request (`onboarding.finish(request, h)` reading `request.query`),
            # or with what they made of it (`render(matchedData(req))`).
            ctx = (*ctx, _validated_description(proved))
        # (Keys are fields holding data or a known object: either needs the body; so
        # does a request object handed in, `complete(request)` reading `req.GET`.)
        tainted = any(d[1] or d[2] for d in ctx) or _hands_request(ctx, matcher.request_qns)
        receiver = js_this if self.js else actual.get(0) if bind_self else None
        if (
            (self.module_mode or self.fn.kind == "MODULE")
            and receiver is not None
            and receiver.cls is not None
            and kind == NodeType.METHOD
            and any(
                _made_function(v) or _function_ref(v)
                for i, v in actual.items()
                if i >= (0 if self.js or not bind_self else 1)
            )
        ):
            # A module filing its functions in an object of a workspace class
            # (`feed.subscribe((e) => ...)`, `jobs.register("x", run)`): the
            # method runs here, and the object keeps them, for the method that
            # calls them later (`feed.publish(event)`).
            return self._register_here(ff, fn, target, func, js_this, actual, env, call_id)
        # A workspace function handed to a factory (`logged(deliver)`) may be what
        # the function it returns calls: the caller needs that function.
        wraps = instance is None and any(
            _function_ref(f) for v in actual.values() for f in _handed_functions(v)
        )
        # So may a function made here reading a name that holds data (`retry(lambda:
        # fetch(url))`): the callee may call it.
        wraps = wraps or any(
            self._captures_data(f, env) for v in actual.values() for f in _handed_functions(v)
        )
        # And a function made here handed to a factory returning a function
        # (`asyncHandler(async (req, res) => ...)`): what it returns calls it.
        wraps = wraps or (
            instance is None
            and any(_made_function(v) for v in actual.values())
            and _returns_function(fn)
        )
        # `new StocksDAO(db)` of an ES5 constructor function storing its methods
        # into `this`: the object is what it stored (`Summary.made`), worked out now.
        constructing = (
            self.js and kind == NodeType.FUNCTION and _constructs(call_id) and _stores_into_this(fn)
        )
        if (
            not self.js
            and kind == NodeType.METHOD
            and recv is not None
            and _is_class_ref(recv)
            and recv.cls == _class_of_method(target)
            and "classmethod" in world.decorators(ff.file, target)
            and self._reads_kept_class_table(target, fn)
        ):
            # `ThemeRegistry.stylesheet_for(site)` reading `cls.active`, which
            # another handler filled: it runs here, where what that one kept is known.
            return self.inline(Val(fn=("def", fn.path)), None, [recv, *argv], kwv, env, call_id)
        if (
            instance is None
            and kind == NodeType.FUNCTION
            and (
                (not tainted and self._reads_kept_request_state(target, fn))
                or self._reads_kept_cache(target, fn)
            )
        ):
            # `email, token = _fields()` of a helper reading `g.body`, which a
            # `before_request` hook set: it runs here, where what the hook kept is
            # known (a summary holds no request's state).
            return self.inline(Val(fn=("def", fn.path)), None, argv, kwv, env, call_id)
        if not tainted and not wraps and not world.may_source(target, 2, self.word_deps):
            if instance is None and self._registers_module_handlers(target, fn):
                # It runs here, as part of the module's body: what the handlers it
                # registers reach is reported, as at the module's top level.
                return self.inline(Val(fn=("def", fn.path)), None, argv, kwv, env, call_id)
            if (
                instance is None
                and not constructing
                and not self.world.returns_flagged(ff, fn)
                and not (self.js and self.world.returns_functions_object(ff, fn))
            ):
                # Nothing tainted goes in or comes out; what object it returns is
                # worked out only if the result is used as one (`make().run(x)`).
                # (One making what a sink asks a flag of, `XMLParser(...)`, runs:
                # its result is handed to the sink as it is.)
                return Val(fn=(_RETURNED, target, ctx))
            if (
                instance is not None
                and not any(
                    _known_object(d[4], matcher)
                    or d[6]
                    # An object of the workspace it keeps (`FeedService(FeedParser())`,
                    # `DiagnosticsService(ProbeRunner())`): its methods run on it.
                    or d[5] is not None
                    or _sink_function(d[4], matcher)
                    or _named_by_models(d[4], matcher)
                    or _request_part(d[4], matcher)
                    # Options holding a constant flag (`new Importer({noent: true})`),
                    # an object keeping a library's (`new Tester(new Client(session))`).
                    or any(
                        isinstance(k, tuple)
                        and k[0]
                        in (_FLAG_KEY, _KNOWN_KEY, _PARTIAL_KEY, _FUNCTION_KEY, _CLASS_TABLE_KEY)
                        for k in d[2]
                    )
                    for d in ctx
                )
                and self.matcher.sink_flag_words.isdisjoint(fn.words)
                and not world.makes_library_object(target, ff, fn)
                and not world.keeps_constant_flags(target, fn)
                and not world.keeps_made_functions(target, ff, fn)
                # A module's own object (`const jobs = new JobRegistry()`): what
                # it keeps is worked out once, for the functions the module
                # files in it (`_register_here`).
                and not (self.fn.kind == "MODULE" and self.ff is ff)
            ):
                return hop_val(instance, call_id)
            # A constructor given a library object (`new Repo(pool)`) or making one
            # (`self.session = requests.Session()`), or given or making what a sink
            # asks a flag of (`self.p = XMLParser(resolve_entities=True)`) runs: its
            # object's fields keep them.
        if receiver is not None and kind == NodeType.METHOD:
            held = _made_function_fields(receiver)
            if held and not held.isdisjoint(fn.words):
                # An object keeping another's functions (`this.dao = new
                # CouponDao(collection)`, `self.fetch = with_retry(...)`) that the
                # method calls (`this.dao.findActive(code)`): no summary can name
                # them, so the method runs here.
                return self._run_method_here(ff, fn, target, js_this, actual, call_id, same_level)
        if (
            kind in (NodeType.METHOD, NodeType.FUNCTION)
            and not wraps
            and not (self.module_mode or self.fn.kind == "MODULE")
            and any(
                v is not receiver and not _made_function_fields(v).isdisjoint(fn.words)
                for v in actual.values()
            )
        ):
            # So for an object of functions made here handed in (`reports.usage(id,
            # STRATEGIES[calendar], g)` of `{ bucket: (g) => ... }`) that it calls
            # (`strategy.bucket(g)`); one capturing data (`enqueue({ run: () =>
            # exec(dir) })`) the callee's summary runs where it calls it.
            return self._run_method_here(ff, fn, target, js_this, actual, call_id, same_level)
        if (
            kind in (NodeType.METHOD, NodeType.FUNCTION)
            and not self.js
            and not (self.module_mode or self.fn.kind == "MODULE")
            and any(
                any(self._made_or_returned_function(f) for f in _list_items(v))
                for v in actual.values()
            )
        ):
            # So for a list of functions made here (`apply_all(q, [tenant_scope(t),
            # hide_deleted])`) that it calls in turn (`for enrich in enrichers: q =
            # enrich(q)`): a Python summary knows what it calls only as its
            # parameter. (A JavaScript summary is made knowing the functions it
            # is handed: `waterfall([task], done)`.)
            return self._run_method_here(ff, fn, target, js_this, actual, call_id, same_level)
        if kind == NodeType.CLASS and world.keeps_made_functions(target, ff, fn):
            # The factory it hands a function (`with_retry(go)`) runs a level
            # below it, even from a module's top level: the object keeps what
            # the factory makes.
            same_level = True
        if (
            kind == NodeType.FUNCTION
            and ff is self.ff
            and "." not in fn.path
            and _forwards_everything(fn)
            and self.depth < MAX_CALL_DEPTH
        ):
            # `def forward(*args, **kwargs): return query(*args, **kwargs)`: the
            # callee runs with what was handed here (a summary would know the
            # arguments only as data, not which object each is).
            ran = self.inline(
                Val(fn=("def", fn.path)), None, argv, kwv, env, call_id, spread=spread
            )
            if ran is not None:
                return ran
        summary = self._read_summary(target, ctx, same_level)
        if summary is None:
            return None
        pnodes = {
            i: str(scoped_id(ff.file, NodeType.PARAMETER, fn.path, p[0]))
            for i, p in enumerate(params)
        }
        sub = _Subst(actual, pnodes, call_id, js_this, (ff, fn))
        if not self.summary:
            sub.kept = self.stored_state
        if ff.file == self.file:
            # What it wrote into this module's variables (or a cache), in this
            # call's terms.
            for name, written in summary.global_writes.items():
                if _KEPT_ITEMS not in name:
                    self._write_global(name, sub.val(written))
                elif not self.summary:
                    self._write_state(name, sub.val(written), self.state_writes)
                elif len(self.global_writes) < _MAX_GLOBAL_WRITES:
                    self._write_state(name, sub.val(written), self.global_writes)
        # The callbacks it was handed, run with what it passes them: what each
        # returns is what the callee got back from it (`apply(fn, v)` returning
        # `fn(v)`); a callback not known here gives back what it was given.
        for nth, (at_param, passed) in enumerate(summary.param_calls):
            handed = actual.get(at_param)
            values = [sub.val(a) for a in passed]
            got: Val | None = None
            if handed is not None and handed.fn is not None:
                if handed.fn[0] in ("lambda", "def"):
                    got = self.inline(handed, None, values, {}, env, call_id)
                elif handed.fn[0] == "ref" and self.depth < MAX_CALL_DEPTH:
                    # A function of the workspace handed by name (`with_arg("cmd", run)`).
                    got = self.apply(handed.fn[1], None, [], None, values, {}, env, call_id, None)
            if got is None:
                given: Taint = {}
                for v in values:
                    given = merge_taint(given, deep_taint(v))
                got = Val(given)
            sub.calls[nth] = deep_taint(got)
        called = {at for at, _ in summary.param_calls}
        for i, handed in sorted(actual.items()):
            if i in called:
                continue
            # A callback reading the request's data through what it captured,
            # which the callee keeps rather than calls (`queue.push(async () =>
            # pool.query(...))`, drained later), or a list of such (the tasks a
            # hand-written `waterfall(tasks, done)` calls one after the other
            # through `task.apply(...)`): it runs, as it will.
            for f in _handed_functions(handed):
                if self._captures_data(f, env):
                    self.inline(f, None, [], {}, env, call_id)
        if not summary.raised.empty:
            self.raise_(hop_val(sub.val(summary.raised), call_id))
        for h in summary.hits:
            for origin, san, hops in sub.origins(h.origin, h.sanitized, h.hops):
                if not self._reported(origin, san, h.cls, h.remote_only):
                    continue
                key = (origin, h.cls, h.sink, h.site)
                if key in self._hit_keys:
                    continue
                self._hit_keys.add(key)
                self.hits.append(
                    Hit(origin, san, h.cls, h.sink, h.site, hops, h.label, h.remote_only)
                )
        # Stores into the arguments (and into `self`).
        for i, eff in summary.effects.items():
            new = sub.val(eff)
            expr = None
            self_param = i == -1 or (i == 0 and bind_self and not self.js)
            if self_param and kind == NodeType.CLASS:
                # A constructor's stores into `self` / `this` are the new object's
                # fields (an object of an ES5 constructor function with its functions).
                new = _object_in_call(eff, sub)
                instance = new.replace(cls=instance.cls if instance is not None else None)
                continue
            if i == -1 and isinstance(func, list) and func[0] == ir.ATTR:
                expr = func[1]
            elif i == 0 and bind_self and not self.js:
                if isinstance(func, list) and func[0] == ir.ATTR:
                    expr = func[1]
            else:
                at = i - (1 if bind_self and not self.js else 0)
                if 0 <= at < len(args) and isinstance(args[at], list) and args[at][0] != ir.STAR:
                    expr = args[at]
            if expr is None:
                continue
            before = actual.get(i)
            name = params[i][0].lstrip("*") if 0 <= i < len(params) else ""
            if name in fn.bound and new.fields is None and new.elems is None:
                # A parameter the callee rebound to a plain value (`host =
                # host.lower()`) stored nothing into the caller's argument.
                continue
            if (
                not self_param
                and expr[0] == ir.NAME
                and expr[1] in env
                and before is not None
                and name not in fn.bound
                and (narrowed := _narrowed(before, new)) is not None
            ):
                # A check the callee makes of its argument (`if not name.isalnum():
                # raise`) holds for the caller's variable once the call returns.
                env[expr[1]] = narrowed
            elif (
                not self_param
                and _is_field(expr)
                and before is not None
                and name not in fn.bound
                and (narrowed := _narrowed(before, new)) is not None
            ):
                # The same of an object's field handed over (`ensure_allowed(body.url)`,
                # `check_target(ctx["url"])`).
                self._narrow_path(expr, env, functools.partial(_replaced_by, narrowed))
            else:
                self._update(expr, env, lambda o, n=new: _merge_obj(o, n), 0)
        shift = 1 if bind_self and not self.js else 0
        for (i, below), checked in summary.field_effects.items():
            field_at = self._argument_field(args, i - shift, below, env)
            if field_at is not None:
                path, field_before = field_at
                narrowed = _narrowed(field_before, sub.val(checked))
                if narrowed is not None:
                    # The caller's `payload["url"]` is what the callee's check left.
                    env[path] = narrowed
                    self.path_keys.setdefault(path.partition(".")[0], set()).add(path)
        if summary.when_true or summary.when_false:
            self._note_check(call_id, args, actual, params, shift, sub, summary, env)
        if instance is not None:
            return hop_val(instance, call_id)
        ret = (
            # A factory's object of functions made in it (`createUserService(db)`
            # returning `{ findByEmail(email) { ... db.query(...) } }`): kept.
            _object_in_call(summary.ret, sub)
            if self.js and _made_function_fields(summary.ret)
            else sub.val(summary.ret)
        )
        if constructing and summary.made is not None:
            # (What it returns is the object a call without `new` makes: `if
            # (!(this instanceof StocksDAO)) return new StocksDAO(db)`.)
            return hop_val(_constructed(summary.made, sub), call_id)
        # Functions of the workspace handed to a factory (`logged(deliver)`): what
        # it returns calls them (`fn(...args)`), which its summary cannot name.
        functions_in = {
            params[i][0].lstrip("*."): v
            for i, v in sorted(actual.items())
            if 0 <= i < len(params)
            # (Or a list of them: `pipe(...fns)` composing the steps it is handed.)
            and any(_function_ref(f) or _made_function(f) for f in _handed_functions(v))
        }
        made = self._made_here(target, summary, bool(functions_in))
        if made is not None:
            # What it captured, in this call's terms (`make_client(req.query.url)`).
            made = (
                (_UNION, tuple(self._in_call(f, sub, functions_in, target) for f in made[1]))
                if made[0] == _UNION
                else self._in_call(made, sub, functions_in, target)
            )
            ret = ret.replace(fn=made)
        elif ret.fn is None and (methods := _methods_in_call(summary.ret.fn, sub)) is not None:
            # A method of an object it was handed, bound (`getattr(actions,
            # f"action_{name}")` returned by a dispatch helper): on the caller's object.
            ret = ret.replace(fn=methods)
        return hop_val(ret, call_id)

    def _in_call(
        self, made: tuple[Any, ...], sub: _Subst, functions_in: dict[str, Val], target: str
    ) -> tuple[Any, ...]:
        """A function a callee made, with what it captured in the call's terms and
        the functions it was handed."""
        if made[0] not in ("lambda", "def"):
            return made
        at = 2 if made[0] == "def" else 4
        made = _captured_in_call(made, sub)
        if functions_in:
            made = self._with_functions(made, at, functions_in, parse_id(target).path)
        return made

    def _dispatched(self, impl: str, argv: list[Val]) -> list[Val]:
        """The arguments a `singledispatch` implementation runs with: only a
        value of the type its first parameter declares reaches it (`value: int`
        is a number, whatever the call was handed)."""
        found = self.world.body(impl)
        if found is None or not argv or not found[1].params:
            return argv
        first = found[1].params[0]
        if (
            len(first) > 2
            and first[2] == ir.P_SCALAR
            and self.world.decorated(found[0].file, impl, r"*.register|*.register(*)")
        ):
            return [EMPTY, *argv[1:]]
        return argv

    def _register_here(
        self,
        ff: FileFlows,
        fn: ir.FlowFunction,
        target: str,
        func: Any,
        this: Val | None,
        actual: dict[int, Val],
        env: Env,
        call_id: str,
    ) -> Val | None:
        """Run a method handed functions on a module's object (`_run_method_here`,
        at this level) and keep what it made of the object: its own name's value
        (`feed`), and what it returns when that is the object (`register(...)`
        returning `this`, chained)."""
        child = self._ran_here(ff, fn, target, this, actual, self.depth)
        me = "this" if self.js else (fn.params[0][0] if fn.params else "")
        before = this if self.js else actual.get(0)
        after = child.final_params.get(me)
        ret = child.ret or EMPTY
        if after is None or before is None:
            return hop_val(ret, call_id)
        after = after.replace(cls=before.cls)
        holder = func[1] if isinstance(func, list) and func[0] == ir.ATTR else None
        if isinstance(holder, list) and holder[0] == ir.NAME and holder[1] in env:
            env[holder[1]] = after
        if ret.cls == before.cls:
            # `return this` (a fluent registry).
            ret = after
        return hop_val(ret, call_id)

    def _run_method_here(
        self,
        ff: FileFlows,
        fn: ir.FlowFunction,
        target: str,
        this: Val | None,
        actual: dict[int, Val],
        call_id: str,
        same_level: bool,
    ) -> Val | None:
        """Run another body (a JavaScript method on `this`, a function of another
        file) as part of this one: a call deeper, or at this level."""
        if self.depth >= MAX_CALL_DEPTH and not same_level:
            return None
        if ff is not self.ff:
            # What it is handed passes this file's call on the way.
            actual = {i: hop_val(v, call_id) for i, v in actual.items()}
        level = self.depth if same_level else self.depth + 1
        child = self._ran_here(ff, fn, target, this, actual, level)
        return hop_val(child.ret or EMPTY, call_id)

    def _ran_here(
        self,
        ff: FileFlows,
        fn: ir.FlowFunction,
        target: str,
        this: Val | None,
        actual: dict[int, Val],
        level: int,
    ) -> Interp:
        """Another body run as part of this one, at call depth `level`, on `this`
        with the arguments `actual`: its interpreter, for what it left."""
        self.deps.add(target)
        child = Interp(
            self.world,
            ff,
            fn,
            [actual.get(i, EMPTY) for i in range(len(fn.params))],
            depth=level,
            summary=self.summary,
            parent=self,
        )
        child.this_val = this
        child.run()
        return child

    def _with_functions(
        self, made: tuple[Any, ...], at: int, handed: dict[str, Val], maker: str
    ) -> tuple[Any, ...]:
        """`made` (a factory's nested function) with the functions handed to the
        factory that it reads among what it captured."""
        body = made[2][2] if made[0] == "lambda" else None
        words: Iterable[str]
        if made[0] == "def" or (isinstance(body, list) and body[:1] == [ir.FUNC]):
            path = made[1] if made[0] == "def" else made[2][2][1]
            ff = made[3].ff if made[0] == "lambda" and isinstance(made[3], Interp) else self.ff
            found = ff.bodies.get(path)
            if found is None:
                return made
            own = {*found.bound, *(p[0].lstrip("*") for p in found.params)}
            words = found.words
        elif made[0] == "lambda" and isinstance(made[3], Interp):
            # A function expression (`(input) => steps.reduce(...)`).
            own = {p for p in made[2][1] if isinstance(p, str)}
            words = _names_read(body, set(), 0)
        else:
            return made
        pairs = dict(made[at]) if len(made) == at + 2 else {}
        for name, v in handed.items():
            # (What the summary captured of a parameter it could not know was a
            # function, a name a model gives an object, is the function handed.)
            if name in words and name not in own and (name not in pairs or pairs[name].fn is None):
                pairs[name] = v
        if not pairs:
            return made
        owner = made[at + 1] if len(made) == at + 2 else maker
        return (*made[:at], tuple(sorted(pairs.items())), owner)

    def _emit(self, func: Any, recv: Val, argv: list[Val], env: Env, call_id: str) -> None:
        """`jobs.emit("thumbnail", job)` of an EventEmitter the module made: the
        listeners its top level registered for that event (`jobs.on("thumbnail",
        (job) => ...)`) run with the arguments, as they would before `emit` returns."""
        event = single_const(argv[0])
        emitter = func[1] if isinstance(func, list) and func[0] == ir.ATTR else None
        if isinstance(event, str) and emitter == [ir.NAME, "this"] and self.fn.kind == "METHOD":
            self._emit_to_own_listeners(event, recv, argv[1:], env, call_id)
            return
        if isinstance(event, str) and _workspace_object(recv) and recv.fn is None:
            # `mailer.emit("test", job)` of an object of the workspace's EventEmitter
            # subclass: the listeners its constructor registered on itself, then
            # those the module registered on it (`mailer.on("sent", ...)`).
            self._emit_to_own_listeners(event, recv, argv[1:], env, call_id)
            if isinstance(emitter, list) and emitter[0] == ir.NAME and emitter[1] not in self.bound:
                for handed in _module_registrations(self.ff, emitter, _LISTEN_METHODS, event):
                    self._run_handed(handed, argv[1:], {}, env, call_id)
            return
        if (
            isinstance(event, str)
            and isinstance(emitter, list)
            and emitter[0] == ir.ATTR
            and emitter[1] == [ir.NAME, "this"]
            and recv.qn is None
            and recv.cls is None
        ):
            # `this.events.emit("export:requested", job)` of an object handed the
            # module's one emitter (`new ExportService(bus)`), not known here: the
            # listeners the module registered on it for that event.
            module = self.world.module_values(self.file)
            held = [
                name
                for name, v in module.items()
                if _emitter(v)
                and next(
                    _module_registrations(self.ff, [ir.NAME, name], _LISTEN_METHODS, event), None
                )
                is not None
            ]
            if len(held) == 1:
                emitter, recv = [ir.NAME, held[0]], module[held[0]]
        if (
            not isinstance(event, str)
            or not isinstance(emitter, list)
            or emitter[0] != ir.NAME
            or emitter[1] in self.bound
            or recv.qn is None
            # (`new EventEmitter()` of `require("events")`, the module being the class.)
            or not _emitter(recv)
        ):
            return
        for handed in _module_registrations(self.ff, emitter, _LISTEN_METHODS, event):
            self._run_handed(handed, argv[1:], {}, env, call_id)

    def _emit_to_own_listeners(
        self, event: str, this: Val, argv: list[Val], env: Env, call_id: str
    ) -> None:
        """`this.emit("enqueued", job)` in a method of an EventEmitter subclass: the
        listeners its constructor registered on itself (`this.on("enqueued", (job)
        => this.checkout(job))`) run with the arguments, on this object."""
        cls = this.cls or _class_of_method(self.func_id)
        if not self.world.based_on(file_of_id(cls), cls, _EMITTER_BASES):
            return
        ctor = self._constructor_of(cls)
        found = self.world.body(ctor) if ctor is not None else None
        if found is None or ctor is None:
            return
        ctor_ff, made = found
        handed = [
            call[3][1]
            for call in _module_calls(made.body)
            if isinstance(call[2], list)
            and call[2][0] == ir.ATTR
            and call[2][1] == [ir.NAME, "this"]
            and call[2][2] in _LISTEN_METHODS
            and len(call[3]) == 2
            and call[3][0] == event
        ]
        if not handed:
            return
        self.deps.add(ctor)
        # The listeners are read where they were written: the constructor's body.
        there = Interp(
            self.world, ctor_ff, made, [], depth=self.depth, summary=self.summary, parent=self
        )
        there.this_val = this
        for listener in handed:
            got = there.expr(listener, {"this": this}, 0)
            if got.fn is not None and got.fn[0] in ("lambda", "def"):
                self.inline(got, None, argv, {}, env, call_id)
            elif got.fn is not None and got.fn[0] == _METHOD and self.depth < MAX_CALL_DEPTH:
                method, obj = got.fn[1], got.fn[2]
                self.apply(
                    method,
                    _as_method_call([ir.NAME, "this"], method),
                    [],
                    obj,
                    argv,
                    {},
                    env,
                    call_id,
                    None,
                )

    def _run_handed(
        self, handed: Any, argv: list[Val], kwv: dict[str, Val], env: Env, call_id: str
    ) -> None:
        """Run a function the module handed a library to call later (a listener,
        a job's processor), written where it was handed or named, with what
        the library calls it with: its sinks are this call's."""
        handler = self.expr(handed, env, 0)
        ref = _ref(handler)
        if handler.fn is not None and handler.fn[0] in ("lambda", "def"):
            self.inline(handler, None, argv, dict(kwv), env, call_id)
        elif ref is not None:
            self.apply(ref, [ir.NAME, ""], [], None, argv, dict(kwv), env, call_id, None)

    def _message_to_worker(self, recv: Val, message: Val, env: Env, call_id: str) -> None:
        """`worker.postMessage(msg)` of a `new Worker(__filename)` (worker_threads),
        `child.send(msg)` of a `fork(__filename)`: the listeners the file's worker
        side registers (`parentPort.on("message", fn)`, `process.on("message",
        fn)`) run with the message, as it was sent (its sinks are this call's)."""
        module = self.ff.bodies.get("")
        if module is None or not any("__filename" in b.words for b in self.ff.bodies.values()):
            return  # (A worker of another file: its listeners are not this module's.)
        forked = (recv.qn or "").endswith("child_process.fork()")
        for handed in _worker_listeners(module.body, forked):
            self._run_handed(handed, [message], {}, env, call_id)

    def _run_queued_jobs(
        self, func: Any, name: str, recv: Val, argv: list[Val], env: Env, call_id: str
    ) -> None:
        """A job queued with this module's queue, and the processor this module
        gave it (it runs later, with the job: its sinks are this call's):
        BullMQ's `queue.add(name, data)` and `new Worker(queueName, (job) =>
        ...)` (the queue's name as its constructor was given it); Bull's
        `queue.add([name,] data)` and `queue.process([name,] fn)`; Agenda's
        `agenda.now(name, data)` / `schedule(when, name, data)` and
        `agenda.define(name, fn)`; Bee-Queue's `queue.createJob(data)` and
        `queue.process([concurrency,] fn)`."""
        holder = func[1] if isinstance(func, list) and func[0] == ir.ATTR else None
        if not (isinstance(holder, list) and holder[0] == ir.NAME) or holder[1] in self.bound:
            return
        qn = recv.qn or ""
        module = self.ff.bodies.get("")
        if module is None:
            return
        processors: list[Any] = []
        job: Val | None = None
        if qn.endswith("bullmq.Queue()") and name == "add" and len(argv) > 1:
            queue = _constructed_with(module.body, holder[1])
            job = Val(fields={"data": argv[1], "name": argv[0]})
            for call in _module_calls(module.body):
                if (
                    call[2] == [ir.NAME, "Worker"]
                    and len(call[3]) > 1
                    and (queue is None or call[3][0] == queue)
                    and (self.callee_qn(call[2], env) or "").startswith("bullmq")
                ):
                    processors.append(call[3][1])
        elif qn.endswith("bull()") and name == "add" and argv:
            named = len(argv) > 1 and isinstance(single_const(argv[0]), str)
            data = argv[1] if named else argv[0]
            job = Val(fields={"data": data})
            for call in _module_calls(module.body):
                if call[2] == [ir.ATTR, holder, "process"] and call[3]:
                    processors.append(call[3][-1])
        elif qn.endswith("bee-queue()") and name == "createJob" and argv:
            # (`queue.createJob(data).save()`: what `save` queues is this job.)
            job = Val(fields={"data": argv[0]})
            for call in _module_calls(module.body):
                if call[2] == [ir.ATTR, holder, "process"] and call[3]:
                    processors.append(call[3][-1])
        elif (qn.endswith("Agenda()") or qn in _AGENDA_MADE) and name in (
            "now",
            "schedule",
            "every",
        ):
            at = 0 if name == "now" else 1
            if len(argv) > at + 1:
                event = single_const(argv[at])
                job = Val(fields={"attrs": Val(fields={"data": argv[at + 1], "name": argv[at]})})
                for call in _module_calls(module.body):
                    if (
                        call[2] == [ir.ATTR, holder, "define"]
                        and len(call[3]) > 1
                        and call[3][0] == event
                    ):
                        processors.append(call[3][-1])
        if job is None:
            return
        for handed in processors:
            self._run_handed(handed, [job], {}, env, call_id)

    def _send_to_receivers(
        self,
        func: Any,
        name: str,
        recv: Val,
        argv: list[Val],
        kwv: dict[str, Val],
        env: Env,
        call_id: str,
    ) -> None:
        """`order_placed.send(sender=Order, order=o)` of a signal the module made
        (Django's `Signal()`, blinker's `signal("x")`), or `events.emit("search",
        q)` of a pyee `EventEmitter`: the receivers this file connected to it
        (`@receiver(order_placed)`, `@sig.connect`, `sig.connect(fn)`,
        `@events.on("search")`) run with what was sent, before `send` returns."""
        emitter = func[1] if isinstance(func, list) and func[0] == ir.ATTR else None
        qn = recv.qn or ""
        if not isinstance(emitter, list) or emitter[0] != ir.NAME or emitter[1] in self.bound:
            return
        event: str | None = None
        if name == "emit" and qn.endswith("EventEmitter()") and argv:
            const = single_const(argv[0])
            if not isinstance(const, str):
                return
            event, argv = const, argv[1:]
        elif name != "emit" and qn.endswith(("Signal()", "signal()")):
            if qn.startswith("django."):
                # A Django receiver gets the signal too (`signal=`).
                kwv = {**kwv, "signal": recv}
        else:
            return
        own = emitter[1]
        for path, body in self.ff.bodies.items():
            if body.kind != "FUNCTION" or "." in path:
                continue
            fid = definition_id(self.file, NodeType.FUNCTION, path)
            if any(_receives(d, own, event) for d in self.world.decorators(self.file, fid)):
                self.apply(fid, [ir.NAME, ""], [], None, argv, dict(kwv), env, call_id, None)
        methods = _CONNECT_METHODS if event is None else _PY_LISTEN_METHODS
        for handed in _module_registrations(self.ff, emitter, methods, event):
            self._run_handed(handed, argv, kwv, env, call_id)

    def _decorated(self, func: Any, argv: list[Val], env: Env, call_id: str) -> Val | None:
        """`fastify.renderCard(t, d)` where the module's top level did
        `fastify.decorate("renderCard", function (source, data) {...})`: that
        function, run with the arguments (None: no such decoration)."""
        owner = func[1] if isinstance(func, list) and func[0] == ir.ATTR else None
        if not (isinstance(owner, list) and owner[0] == ir.NAME) or owner[1] in self.bound:
            return None
        module = self.ff.bodies.get("")
        if module is None or "decorate" not in module.words or func[2] not in module.words:
            return None
        for handed in _module_registrations(self.ff, owner, frozenset({"decorate"}), func[2]):
            member = self.expr(handed, env, 0)
            ref = _ref(member)
            if member.fn is not None and member.fn[0] in ("lambda", "def"):
                return self.inline(member, None, argv, {}, env, call_id)
            if ref is not None:
                return self.apply(ref, [ir.NAME, ""], [], None, argv, {}, env, call_id, None)
        return None

    def _argument_field(
        self, args: list[Any], at: int, below: str, env: Env
    ) -> tuple[str, Val] | None:
        """The caller's name for argument `at` (a name, or a field of one:
        `isSortKey(req.query.sort)`), or for a field below it (`below`: `params.id`
        of `hasNumericId(req)`), and what the caller reads there now (a field below
        it only: EMPTY for the argument itself, whose value the call has)."""
        if not 0 <= at < len(args):
            return None
        arg = args[at]
        if not (isinstance(arg, list) and arg and (arg[0] == ir.NAME or _is_field(arg))):
            return None
        field_expr: Any = arg
        for part in below.split(".") if below else ():
            field_expr = [ir.ATTR, field_expr, part]
        path = field_expr[1] if field_expr[0] == ir.NAME else _path_key(field_expr)
        if not isinstance(path, str):
            return None
        if not below:
            return path, EMPTY
        before = env.get(path)
        return path, before if before is not None else self.expr(field_expr, env, 0)

    def _in_place_checks(
        self, fval: Val, recv: Val | None, args: list[Any], argv: list[Val], env: Env, call_id: str
    ) -> None:
        """What a check function run in place proves of the caller's variables
        (an object literal's method, `Redirects.isLocal(url)`; a nested `def`), as a
        summarised function's result would (`_note_check`): its body runs again
        on symbolic parameters, for the facts its returns prove."""
        fn_desc = fval.fn
        assert fn_desc is not None
        if self.depth >= MAX_CALL_DEPTH:
            # (A wrapper's lambda run as its route's handler is at the caller's
            # level, and may call the next wrapper's, and so on: the checks run
            # in place count as a level each.)
            return
        if fn_desc[0] == "lambda":
            found, at_ff, captured = _lambda_body(fval), fn_desc[3].ff, fn_desc[4:]
        else:
            at_ff, found, captured = self.ff, self.ff.bodies.get(fn_desc[1]), fn_desc[2:]
        if found is None or not any(
            st[0] == ir.RETURN
            and isinstance(st[1], list)
            and (_is_test(st[1]) or st[1][0] == ir.CALL)
            for st in found.body
        ):
            return
        params = [
            _symbolic_param(i, _describe(i, argv[i], self.matcher) if i < len(argv) else None)
            for i in range(len(found.params))
        ]
        it = Interp(
            self.world,
            at_ff,
            found,
            params,
            depth=self.depth + 1,
            summary=True,
            closure=self._closure(captured, env),
        )
        if self.js and recv is not None and recv.fields:
            it.this_val = recv.replace(fields={k: v for k, v in recv.fields.items() if _scalar(v)})
        it.seeded = {k: v for k, v in env.items() if k not in it.bound and k not in it.param_names}
        try:
            it.run()
        except _Stop:
            return
        when_true, when_false = it.check_facts(params)
        if not (when_true or when_false):
            return
        facts = Summary(EMPTY, [], {}, frozenset(), when_true=when_true, when_false=when_false)
        actual = dict(enumerate(argv))
        sub = _Subst(actual, {}, call_id, None)
        self._note_check(call_id, args, actual, found.params, 0, sub, facts, env)

    def _note_check(
        self,
        call_id: str,
        args: list[Any],
        actual: dict[int, Val],
        params: list[list[Any]],
        shift: int,
        sub: _Subst,
        summary: Summary,
        env: Env,
    ) -> None:
        """What this call's result proves about the caller's variables, for the branch
        that tests it (`if not is_safe(name):`, `if (!hasNumericId(req))`): variable
        or field path (`req.params.id`) -> value, true and false (`shift`: 1 where
        the callee's first parameter is the receiver, not an argument)."""
        facts: tuple[dict[str, Val], dict[str, Val]] = ({}, {})
        hosts: tuple[list[Any], list[Any]] = ([], [])
        for table, out, host_reads in (
            (summary.when_true, facts[0], hosts[0]),
            (summary.when_false, facts[1], hosts[1]),
        ):
            for (i, below), eff in table.items():
                before = actual.get(i)
                if before is None or i >= len(params):
                    continue
                found = self._argument_field(args, i - shift, below, env)
                if found is None:
                    # `is_ours(urlparse(u).hostname)`: that URL is on the hosts the
                    # function allows (a name's host read: `guard`, by its path).
                    arg = args[i - shift] if not below and 0 <= i - shift < len(args) else None
                    read = _host_read(arg)
                    if read is not None and _allowed_host(sub.val(eff)):
                        host_reads.append(read)
                    continue
                path, field_before = found
                narrowed = _narrowed(field_before if below else before, sub.val(eff))
                if narrowed is not None:
                    out[path] = narrowed
        if facts[0] or facts[1]:
            self.call_checks[call_id] = facts
        if hosts[0] or hosts[1]:
            self.host_checks[call_id] = hosts

    def _waterfall(self, tasks: list[Val], final: Val | None, env: Env, call_id: str) -> Val:
        """`async.waterfall([t1, t2], final)`: each task runs with what the one before
        passed its callback (`done(null, file)`) and a callback of its own; the
        final callback gets the last task's values."""
        handed: list[Val] = []
        for task in tasks:
            passed = _Handed()
            self.inline(
                task,
                None,
                [*handed, Val(fn=(_STEP_DONE, passed))],
                {},
                env,
                call_id,
                same_level=True,
            )
            handed = passed.values
        if final is not None and final.fn is not None and final.fn[0] in ("lambda", "def"):
            self.inline(final, None, [EMPTY, *handed], {}, env, call_id, same_level=True)
        return EMPTY

    def inline(
        self,
        fval: Val,
        recv: Val | None,
        argv: list[Val],
        kwv: dict[str, Val],
        env: Env,
        call_id: str,
        same_level: bool = False,
        spread: Val | None = None,
        this_into: str | None = None,
    ) -> Val | None:
        """Run a lambda or a nested definition here, with the caller's names around it
        (`same_level`: as part of this body, a Promise's executor, not a call deeper;
        `spread`: what a spread argument of unknown length holds; `this_into`: the
        name of this body holding `recv`, which gets what the function left in
        `this`)."""
        fn_desc = fval.fn
        assert fn_desc is not None
        # The view a route's wrapper calls runs as the entry it is, with every
        # level of calls below it.
        same_level = same_level or (
            fn_desc[0] == "def"
            and (
                fn_desc[1] == self.wraps
                or (fn_desc[1] in self.wrappers and fn_desc[1] != self.fn.path)
            )
        )
        same_level = same_level or fn_desc[:2] in self.wrapped
        if self.depth >= MAX_CALL_DEPTH and not same_level:
            return None
        level = self.depth if same_level else self.depth + 1
        if fn_desc[0] == "lambda":
            lam = fn_desc[2]
            owner: Interp = fn_desc[3]
            params, body = lam[1], lam[2]
            if isinstance(body, list) and body and body[0] == ir.FUNC:
                # (A function another file's body made: an object `new StocksDAO(db)`
                # of that file holds it.)
                lam_ff = owner.ff if owner.ff.file != self.ff.file else self.ff
                found = lam_ff.bodies.get(body[1])
                if found is None:
                    return None
                if lam_ff is not self.ff:
                    # What it is handed passes this file's call on the way (the
                    # finding's path starts here).
                    argv = [hop_val(a, call_id) for a in argv]
                child = Interp(
                    self.world,
                    lam_ff,
                    found,
                    self._bound_arguments(found, argv, kwv, spread),
                    depth=level,
                    summary=self.summary,
                    parent=self,
                    closure=self._closure(fn_desc[4:], env),
                )
                child.wrapped = _captured_functions(fn_desc[4:])
                # (A method another body wrote, a mixin object's put on a class's
                # prototype, runs on the object it is called on, not on this
                # body's `this`: `this.repo.search(q)` in a controller's method.)
                foreign_this = self.js and owner is not self and "this" in env
                if (
                    self.js
                    and recv is not None
                    and recv.fields
                    and ("this" not in env or foreign_this)
                ):
                    # An object literal's method (`service.track(slug)` reading
                    # `this.origin`): `this` is the object it was called on, its
                    # plain values, and the methods of a small object (a
                    # module's `storage` whose `read` calls `this.resolve`); a
                    # big one's methods and nested objects stay unknown:
                    # following a library object's methods into each other cost
                    # jQuery's analysis twice its time.
                    small = len(recv.fields) <= _SMALL_OBJECT_METHODS
                    child.this_val = recv.replace(
                        fields={
                            k: v
                            for k, v in recv.fields.items()
                            if _scalar(v)
                            or _scalar_record(v)
                            or (small and v.fn is not None and not v.fields)
                        }
                    )
                # (A name it captured where it was made is that one, not the
                # caller's of the same name: `make(mode)` returning `(id) => ...`.)
                held = (
                    frozenset(k for k, _ in fn_desc[4])
                    if len(fn_desc) == 6 and fn_desc[5] != self.fn.path
                    else None
                )
                if foreign_this and child.this_val is not None:
                    held = (held or frozenset()) | {"this"}
                self._run_writing_back(child, env, held)
                return hop_val(child.ret or EMPTY, call_id)
            inner = self._closure(fn_desc[4:], env)
            for j, p in enumerate(params):
                inner[p] = argv[j] if j < len(argv) else kwv.get(p, EMPTY)
            self.step()
            if owner is self:
                out = hop_val(self.expr(body, inner, 0), call_id)
                # What it did to the names around it (`(c) => chunks.push(c)` on a
                # request's `data`): a later callback reads `chunks` as it left it.
                for k, before in env.items():
                    after = inner.get(k)
                    if after is not None and after is not before and k not in params:
                        env[k] = after
                return out
            if owner.ff.file != self.ff.file:
                # A lambda another file's factory made (`pipe(...steps)` returning
                # `(input) => steps.reduce(...)`): it runs in that file, with what
                # it captured there and its arguments (the path starts here).
                child = Interp(
                    self.world,
                    owner.ff,
                    owner.fn,
                    [EMPTY] * len(owner.fn.params),
                    depth=level,
                    summary=self.summary,
                    parent=self,
                )
                there: Env = dict(fn_desc[4][0]) if len(fn_desc) == 6 else {}
                for j, p in enumerate(params):
                    there[p] = hop_val(argv[j], call_id) if j < len(argv) else kwv.get(p, EMPTY)
                self.step()
                return hop_val(child.expr(body, there, 0), call_id)
            # A lambda written in another body (a module's table of them): its
            # call expressions index that body's calls.
            return hop_val(self.expr_of_body(owner.fn, body, inner), call_id)
        path = fn_desc[1]
        found = self.ff.bodies.get(path)
        if found is None:
            return None
        child = Interp(
            self.world,
            self.ff,
            found,
            self._bound_arguments(found, argv, kwv, spread),
            depth=level,
            summary=self.summary,
            parent=self,
            closure=self._closure(fn_desc[2:], env),
        )
        child.wrapped = _captured_functions(fn_desc[2:])
        if self.js and recv is not None and "this" not in env:
            # (A static method run on its class: `this` is the class.)
            child.this_val = recv
        if path in self.wrappers:
            # An inner wrapper of stacked decorators: the view it calls is the
            # entry's, as for the outermost wrapper.
            child.wraps, child.wrappers = self.wraps, self.wrappers
        # What it captured where it was made is its, not the caller's names of the
        # same spelling (two decorators' `view`).
        own = fn_desc[2:]
        captured = (
            frozenset(k for k, _ in own[0]) if len(own) == 2 and own[1] != self.fn.path else None
        )
        self._run_writing_back(child, env, captured)
        # (A classmethod's class is its first parameter.)
        this = "this" if self.js else next(iter(child.param_names), None)
        after = child.final_params.get(this) if this_into is not None and this else None
        if this_into is not None and after is not None and after is not child.this_val:
            env[this_into] = after
        return hop_val(child.ret or EMPTY, call_id)

    def _bound_arguments(
        self, found: ir.FlowFunction, argv: list[Val], kwv: dict[str, Val], spread: Val | None
    ) -> list[Val]:
        """The values a nested function's parameters start with, in their order,
        from a call's arguments (`spread`: what a spread of unknown length holds,
        `fn(...items)`)."""
        bound_args: list[Val] = []
        pos = 0
        named = {p[0].lstrip("*.") for p in found.params}
        for p in found.params:
            name = p[0].lstrip("*.")
            if p[1] == ir.P_POSITIONAL and pos < len(argv):
                bound_args.append(argv[pos])
                pos += 1
            elif p[1] == ir.P_VARARGS:
                # `def inner(*args)`, `(...args) =>`: the positional arguments
                # left, in order.
                rest = tuple(argv[pos:])
                if spread is None:
                    bound_args.append(Val(seq=rest))
                else:
                    elems = spread
                    for v in rest:
                        elems = join(elems, v)
                    bound_args.append(Val(elems=elems))
                pos = len(argv)
            elif p[1] == ir.P_KWARGS:
                rest_kw = {k: v for k, v in kwv.items() if k not in named and k != _SPLAT}
                splat = kwv.get(_SPLAT)
                bound_args.append(
                    Val(fields=rest_kw or None, elems=element(splat) if splat is not None else None)
                    if rest_kw or splat is not None
                    else EMPTY
                )
            elif _SPLAT in kwv and name not in kwv:
                bound_args.append(self._splat_key(kwv[_SPLAT], name))
            elif p[1] == ir.P_POSITIONAL and spread is not None and name not in kwv:
                bound_args.append(spread)
            else:
                bound_args.append(kwv.get(name, EMPTY))
        return bound_args

    def _registers_here(self, target: str | None, recv: Val | None, argv: list[Val]) -> bool:
        """Whether a call from a module's top level (its values being worked out,
        or run as the entry it is, then handing a function: `onAfterLogin(hook)`)
        is of a top-level function of the same file: see `call`."""
        if target is None:
            return False
        if not self.module_mode and not (
            self.fn.kind == "MODULE" and any(_made_function(v) or _function_ref(v) for v in argv)
        ):
            return False
        parts = parse_id(target)
        if parts.file != self.file or parts.path not in self.ff.bodies:
            return False
        if recv is None:
            return parts.kind == NodeType.FUNCTION and "." not in parts.path
        # `Filters.register("cn", build)`: a static method (a classmethod) of one of
        # the module's classes, called on the class itself.
        return (
            parts.kind == NodeType.METHOD
            and recv.cls is not None
            and recv.fn == ("ref", recv.cls)
            and parse_id(recv.cls).path == parts.path.rpartition(".")[0]
            and "." not in parts.path.rpartition(".")[0]
        )

    def _module_state_read_by(self, target: str | None, env: Env) -> list[str]:
        """The module-level variables this body changed (`_CACHE["last"] = v` puts
        the table in `env`), or another request left changed (an entry run again
        with what the others stored), that `target`, a function of this file,
        reads."""
        if target is None or self.js or file_of_id(target) != self.file:
            # (A JavaScript body holds its module's names as a closure: being in
            # `env` says nothing of a change.)
            return []
        parts = parse_id(target)
        fn = self.ff.bodies.get(parts.path) if parts.kind == NodeType.FUNCTION else None
        kept = self.stored_state.keys() if not self.summary else set()
        if fn is None or "." in parts.path or (fn.words.isdisjoint(env) and not kept):
            return []
        if self._stored_names is None:
            self._stored_names = _stored_into(self.fn.body)
        changed = self._stored_names & env.keys()
        top = self.world.file_summary(self.file).top
        return sorted(
            name
            for name in fn.words & (changed | kept)
            if name not in self.bound
            and name not in self.param_names
            and name not in fn.bound
            and (node := top.get(name)) is not None
            and node.type == NodeType.VARIABLE
        )

    def _module_state(self, name: str, env: Env) -> Val:
        """A module-level variable as this body sees it: as it changed it, or as
        the module made it and other requests left it."""
        if name in env:
            return env[name]
        made = self.world.module_values(self.file).get(name)
        kept = self.stored_state[name]
        return join(made, kept) if made is not None else kept

    def _reads_kept_request_state(self, target: str, fn: ir.FlowFunction) -> bool:
        """Whether an entry calls a function of its file that reads an attribute of
        an object holding one request's data (Flask's `g`) that another function
        of the file stored (`_state_owner`)."""
        if self.summary or not self.stored_state or file_of_id(target) != self.file:
            return False
        if _BROKER_MESSAGE in self.stored_state and _registers_message_handler(fn):
            # (`startConsumer()` subscribing to what a route of the module published.)
            return True
        return any(
            key.rpartition(".")[2] in fn.words
            for key in self.stored_state
            if key.rpartition(".")[0] in _REQUEST_GLOBALS
        )

    def _reads_kept_class_table(self, target: str, fn: ir.FlowFunction) -> bool:
        """Whether an entry calls a classmethod of its file's class that reads a
        class attribute another handler of the file stored into
        (`PresetStore.presets[name] = ...`, then `cls.presets.get(name)`)."""
        if self.summary or not self.stored_state or file_of_id(target) != self.file:
            return False
        owner = _class_of_method(target)
        return any(
            key.rpartition(".")[0] == owner and key.rpartition(".")[2] in fn.words
            for key in self.stored_state
        )

    def _reads_kept_cache(self, target: str, fn: ir.FlowFunction) -> bool:
        """Whether an entry calls a function of its file that reads a cache another
        handler of the file stored into (`_avatar_name(uid)` reading `cache.get(
        f"avatar:{uid}")`: `_kept_in_cache`, which a summary cannot know)."""
        return (
            not self.summary
            and bool(self.stored_state)
            and file_of_id(target) == self.file
            and not _CACHE_READS.isdisjoint(fn.words)
            and any(
                _KEPT_ITEMS + "." in key and key.split(_KEPT_ITEMS, 1)[0] in _CACHES
                for key in self.stored_state
            )
        )

    def _registers_module_handlers(self, target: str, fn: ir.FlowFunction) -> bool:
        """Whether the JS module body calls a function of its own that reads a
        module-level object holding functions (`async function main() { new
        ApolloServer({ typeDefs, resolvers }) } main();`): the function registers
        them, and they run there, as they would at the module's top level."""
        if not self.js or self.fn.kind != "MODULE" or self.depth or self.summary:
            return False
        if file_of_id(target) != self.file:
            return False
        values = self.world.module_values(self.file)
        return any(_handlers_in(v) for name, v in values.items() if name in fn.words and v.fields)

    def _run_callback(self, f: Val, argv: list[Val], env: Env) -> Val | None:
        """What a function handed to `map`/`reduce`/`then`/... returns for `argv`
        (None: not run). A lambda written there runs as part of this body (the
        last level of helpers builds its result with `reduce` as often as with a
        loop); a named function is a call deeper."""
        assert f.fn is not None
        if f.fn[0] == "ref":
            if self.depth >= MAX_CALL_DEPTH:
                # A function handing itself on (`value.map(render)` in `render`): at
                # the last level its own returns already say what it gives back.
                return EMPTY if f.fn[1] == self.func_id else None
            return self.apply(f.fn[1], [ir.NAME, "?"], [], None, argv, {}, env, "", None)
        return self.inline(f, None, argv, {}, env, "", same_level=f.fn[0] == "lambda")

    def _with_captured(self, val: Val, env: Env) -> Val:
        """A nested function returned (a factory's): with what it captured."""
        fn = val.fn
        assert fn is not None
        if fn[0] == "def" and len(fn) == 2:
            return val.replace(fn=(*fn, *self._captured(fn[1], env)))
        lam = fn[2] if fn[0] == "lambda" and len(fn) == 4 else None
        if isinstance(lam, list) and isinstance(lam[2], list) and lam[2][:1] == [ir.FUNC]:
            return val.replace(fn=(*fn, *self._captured(lam[2][1], env)))
        if isinstance(lam, list) and not self.js:
            # A Python lambda's expression (`lambda acc, field: {**acc, field:
            # body[field]}` returned by `add_criterion(body)`): the names it reads.
            read = frozenset(x for x in _ir_strings(lam[2]) if x.isidentifier())
            return val.replace(fn=(*fn, *self._captured_names(read, set(lam[1]), env)))
        return val

    def _captured(self, path: str, env: Env, levels: int = _CAPTURE_LEVELS) -> tuple[Any, ...]:
        """The data, constants and library objects (a `requests.Session()`) a nested
        function reads from the names around it where it is made, for a caller it
        is handed to or returned to (`make_client(url)` returning `get`): (names
        and values, the body that made it); () if none."""
        found = self.ff.bodies.get(path)
        if found is None:
            return ()
        own = {*found.bound, *(p[0].lstrip("*") for p in found.params)}
        return self._captured_names(found.words, own, env, levels)

    def _captured_names(
        self, words: frozenset[str], own: set[str], env: Env, levels: int = _CAPTURE_LEVELS
    ) -> tuple[Any, ...]:
        """`_captured` of a function reading `words`, binding `own` itself. A function
        of this body it reads keeps what that one captured in turn, `levels` deep (an
        IIFE's `render` calling `current` calling `escapeText`, which reads the
        IIFE's `ENTITIES`)."""
        captured = tuple(
            (k, env[k])
            for k in sorted(words)
            if k in env
            and k not in own
            and (
                deep_taint(env[k])
                or env[k].qn is not None
                or env[k].consts is not None
                # The functions a composition was handed (`pipe(...fns)` returning
                # `(input) => fns.reduce(...)`): the steps it runs.
                or any(f.fn is not None for f in _handed_functions(env[k]))
                # (`compose(str.strip, html.escape)`: a library's functions.)
                or _function_seq_key("", env[k], self.world.matcher) is not None
                # (`matching(field, pattern)` returning `(v) => pattern.test(v)`.)
                or any(f.startswith(_REGEX_FLAG) for f in env[k].flags)
                # (A table of texts a replacement looks each match up in:
                # `(c) => ENTITIES[c]` beside an IIFE's `const ENTITIES = {...}`.)
                or _text_table(env[k])
            )
        )
        if levels > 1:
            captured = tuple(
                (k, v.replace(fn=(*v.fn, *self._captured(v.fn[1], env, levels - 1))))
                if v.fn is not None and v.fn[0] == "def" and len(v.fn) == 2
                else (k, v)
                for k, v in captured
            )
        return (captured, self.fn.path) if captured else ()

    def _closure(self, captured: tuple[Any, ...], env: Env) -> Env:
        """The names a nested function runs with: the caller's, and what it captured
        where it was made (which the body that made it sees as they are now)."""
        # (This body's own closure too: a callback made in a function another body
        # made, `(record) => entries.map(([k, v]) => [k, fn(v)])` reading its `fn`.)
        closure = {**self.closure, **env} if self.closure else dict(env)
        if len(captured) == 2 and captured[1] != self.fn.path:
            closure.update(captured[0])
        return closure

    def _run_writing_back(
        self, child: Interp, env: Env, captured: frozenset[str] | None = None
    ) -> None:
        """Run a nested function or callback here; its writes to this body's
        names (Python `nonlocal`, a JS closure assigning an outer `let`) reach
        them when it returns. (`captured`: names it holds from where it was made,
        which this body's do not replace.)"""
        child.seeded = {
            k: v
            for k, v in env.items()
            if k not in child.bound
            and k not in child.param_names
            and (captured is None or k not in captured)
        }
        child.run()
        if child.raised is not None:
            self.raise_(child.raised)
        ends = join_env(child.final_env, child.return_env)
        for k, before in child.seeded.items():
            after = ends.get(k) if ends is not None else None
            if after is not None and after is not before and k in env:
                env[k] = after

    def default_call(
        self,
        qn: str,
        name: str,
        recv: Val | None,
        argv: list[Val],
        kwv: dict[str, Val],
        spread: Val | None,
        func: Any,
        env: Env,
        call_id: str,
    ) -> Val:
        """A call into code the analysis does not see: models, containers, or data in -> out."""
        lang = self.ff.language
        props = self.matcher.propagators.find(qn, lang)
        result: Val
        # An unknown receiver's method says nothing, but an item read from a
        # request's object (`payload.get("code")`) is that object's value as it came.
        rqn = (
            f"{qn}()"
            if qn
            and (
                not qn.startswith("?")
                or (qn.startswith(_RAW_OBJECT_QN) and f"{qn}()".endswith(ITEM_GETTERS))
            )
            else None
        )
        first_safe = url_prefix.URL_FROM_PARTS.get(qn)
        if qn in _CONTAINER_RESOLVERS and argv and _class_ref(argv[0]) is not None:
            # `Container.get(ProfileCardRenderer)`: a dependency-injection container
            # hands back an object of the class it is given, whose methods run.
            return Val(cls=_class_ref(argv[0]))
        if self.js and name in ("catch", "finally") and recv is not None and recv.qn:
            # `puppeteer.launch(options).catch(onError)`: the same promise, resolved
            # to the same library object (what the handler returns is an error path).
            return recv
        if self.js and name in _CONTENT_NEGOTIATION and recv is not None and argv:
            # `ctx.acceptsLanguages("en", "de") || "en"`, `req.accepts(["json", "html"])`:
            # one of the types the code offers, or false, whatever the header said.
            offered = [x for a in argv for x in (a.seq if a.seq is not None else (a,))]
            if all(x.consts is not None and not deep_taint(x) for x in offered):
                return Val(consts=frozenset().union(*(x.consts or () for x in offered)) | {False})
        if self.js and qn.startswith(_BROKER_CLIENTS):
            published = _published_message(name, argv)
            if published is not None and not self.summary:
                # `producer.send({ topic, messages: [{ value }] })` in a route: what the
                # module's own consumer of the broker gets (`_BROKER_MESSAGE`).
                self._write_state(_BROKER_MESSAGE, published, self.state_writes)
            kept = self.stored_state.get(_BROKER_MESSAGE) if not self.summary else None
            if kept is not None and (handed := _message_handler(name, argv)) is not None:
                # `consumer.run({ eachMessage: ({ message }) => ... })`, `channel.consume(q,
                # (msg) => ...)`, `subscriber.subscribe(ch, (message) => ...)`: the
                # handler runs with what the module published.
                handler, shape = handed
                self._run_callback(handler, _message_arguments(shape, kept), env)
        if not self.js:
            consumed = self._python_broker_call(qn, name, argv, kwv, env, call_id)
            if consumed is not None:
                return consumed
        if self.js and qn in _ARCHIVE_READERS and argv and _uploaded_file_path(argv[0].qn):
            # `new AdmZip(req.file.path)`: the archive an upload stored (multer's own
            # name for it, a path the request did not choose) holds what the client
            # sent: its members' names (`entry.entryName`) are the client's.
            origin = f"S|{_UPLOADED_ARCHIVE_LABEL}|{argv[0].qn}|"
            return Val({(origin, frozenset()): ()}, qn=f"{qn}()")
        if self.js and qn in _DATA_LOADERS and argv and argv[0].fn is not None:
            # `new DataLoader(batchAuthors)`: what its `load`s run (`_BATCH_FUNCTION`).
            return Val(qn=f"{qn}()", fields={_BATCH_FUNCTION: argv[0]})
        batch = (recv.fields or {}).get(_BATCH_FUNCTION) if recv is not None else None
        if batch is not None and name in ("load", "loadMany") and argv and batch.fn is not None:
            # `loader.load(key)`: the batch function runs with the keys asked
            # for (one, in an array; `loadMany`: the array), and the promise
            # holds one of the values it gives back.
            keys = argv[0] if name == "loadMany" else Val(elems=argv[0])
            got = self._run_callback(batch, [keys], env)
            if got is not None:
                return got.elems if name == "load" and got.elems is not None else got
        if qn in _NAMEDTUPLE_MAKERS and not self.js and len(argv) >= 2:
            # `Entry = namedtuple("Entry", ["actor", "logfile"])`: a class of records,
            # its field names kept for the calls that make one.
            names = _record_field_names(argv[1])
            if names:
                spec = Val(seq=tuple(Val(consts=consts.const(n)) for n in names))
                return Val(qn=f"{qn}()", fields={_RECORD_FIELDS: spec})
        if qn in _NAMEDTUPLE_RECORDS and not self.js:
            # `Entry(actor=user, logfile=LOG)`: each field what it was given (by
            # position or by name), and the positions a tuple's unpacking reads.
            maker = self.expr(func, env, 0)
            fields_of = (maker.fields or {}).get(_RECORD_FIELDS)
            if fields_of is not None and fields_of.seq and spread is None:
                names = [str(single_const(v)) for v in fields_of.seq]
                given = dict(zip(names, argv))
                given.update((k, v) for k, v in kwv.items() if k in names)
                return hop_val(
                    Val(fields=given or None, seq=tuple(given.get(n, EMPTY) for n in names)),
                    call_id,
                )
        if qn == "str.maketrans" and not self.js:
            # The table `translate` reads (`_translation_table`).
            return Val(fields=_translation_table(argv), qn=qn + "()")
        if qn in _SEQUENCE_MAKERS and not self.js and (bound := _deque_bound(qn, argv, kwv)):
            # `list()`, `deque()`: empty, positions known; `deque(["a", x])` keeps them;
            # `deque(xs, maxlen=4)` drops its first when a fifth comes.
            bounds = frozenset({bound}) if bound != _UNBOUNDED else frozenset()
            if not argv:
                return hop_val(Val(seq=(), flags=bounds), call_id)
            if argv[0].seq is not None and not argv[0].taint:
                return hop_val(Val(seq=argv[0].seq, flags=bounds), call_id)
        if name == "format" and recv is not None and recv.qn in _MARKUP and not self.js:
            # `Markup("<b>{}</b>").format(x)` escapes its arguments.
            result = _markup_with(recv, [*argv, *kwv.values()])
        elif first_safe is not None and argv:
            result = url_prefix.url_from_parts(argv[0], first_safe).replace(qn=rqn)
        elif (
            name == "format"
            and recv is not None
            and not self.js
            and (parts := _str_format_parts(recv, argv, kwv)) is not None
        ):
            # `"<a href='/u/{id}'>{name}</a>".format(**row)`: the fields it names, in order.
            result = Val(_joined_taint(parts), qn=rqn, prefix=leading_text(parts))
        elif props:
            t: Taint = {}
            for m in props:
                for a in m.sources:
                    if a == "*":
                        for v in (*argv, *kwv.values()):
                            t = merge_taint(t, deep_taint(v))
                        if spread is not None:
                            t = merge_taint(t, deep_taint(spread))
                    else:
                        got = self._arg(a, recv, argv, kwv)
                        if got is not None:
                            t = merge_taint(t, deep_taint(got))
            if any(m.decodes for m in props):
                t = _decoded_taint(t)
            result = Val(t, qn=rqn)
            if (
                t
                and isinstance(func, list)
                and func[0] == ir.ATTR
                and all(m.to == "receiver" for m in props)
            ):
                # `parser.read_string(text)`: the object holds the data now (what
                # the call returns is not it).
                self._update(
                    _chain_root(func[1]),
                    env,
                    lambda o, t=t: o.replace(taint=merge_taint(o.taint, t)),
                    0,
                )
                result = Val(qn=rqn)
        elif self.js and qn == "Proxy" and len(argv) == 2:
            # `new Proxy(target, { get(t, name) { ... } })`: the target, whose
            # properties it does not hold the trap makes (`_attribute_read`).
            trap = (argv[1].fields or {}).get("get")
            result = argv[0]
            if trap is not None and trap.fn is not None:
                result = result.replace(fields={**(result.fields or {}), _PROXY_GET: trap})
        elif (
            self.js
            and qn == "Reflect.get"
            and len(argv) >= 2
            and isinstance(key := single_const(argv[1]), str)
        ):
            # `Reflect.get(state, "returnTo")`: `state.returnTo`.
            result = self.attribute(argv[0], key)
        elif qn in _PATH_GETTERS and len(argv) >= 2 and isinstance(single_const(argv[1]), str):
            # `_.get(req, "query.dir", d)`: the attribute path, read as written.
            got = argv[0]
            for seg in str(single_const(argv[1])).replace("[", ".").replace("]", "").split("."):
                if seg:
                    got = self.attribute(got, seg)
            result = join(got, argv[2]) if len(argv) > 2 else got
        elif qn == "functools.reduce" and len(argv) >= 2 and argv[0].fn is not None:
            result = self._reduced(argv[0], argv[1], argv[2] if len(argv) > 2 else None, env)
        elif qn == "dataclasses.asdict" and argv and argv[0].fields and not self.js:
            # A dict of the record's fields, each what it holds.
            result = Val(fields=dict(argv[0].fields))
        elif qn == "dataclasses.replace" and argv and argv[0].fields and not self.js:
            # A copy of the record with the fields named changed.
            result = argv[0].replace(fields={**argv[0].fields, **kwv})
        elif (
            qn in _PLAIN_TO_INSTANCE
            and self.js
            and len(argv) >= 2
            and (made_cls := _ref(argv[0])) is not None
            and parse_id(made_cls).kind == NodeType.CLASS
        ):
            # `plainToInstance(Dto, raw)`: an object of the DTO holding the data as it
            # came, until class-validator's `validate` says it passed.
            result = argv[1].replace(cls=made_cls, fn=None)
        elif qn in _SAME_OBJECT_CALLS and argv and self.js:
            # The same object, made read-only (`Object.freeze({ US: 5, CA: 9 })`
            # keeps its keys and values known), or a validated DTO as a plain
            # object (class-transformer's `instanceToPlain(dto)`).
            result = argv[0]
        elif qn == "lodash.pick" and len(argv) == 2 and self.js and argv[1].seq is not None:
            # `pick(options, ["noblanks"])`: an object of those keys only.
            picked = [single_const(k) for k in argv[1].seq]
            if all(isinstance(k, str) for k in picked):
                result = Val(fields={k: get_key(argv[0], k) for k in picked} or None)
            else:
                result = Val(deep_taint(argv[0]))
        elif qn in _STATE_HOOKS and self.js and argv:
            # `const [draft, setDraft] = useState(readSharedDraft)`: the state starts
            # as the value given, or as what the function given returns.
            start = argv[0]
            if start.fn is not None and start.fn[0] in ("lambda", "def"):
                start = self.inline(start, None, [], {}, env, call_id) or EMPTY
            elif start.fn is not None and start.fn[0] == "ref":
                start = (
                    self.apply(start.fn[1], [ir.NAME, "?"], [], None, [], {}, env, call_id, None)
                    or EMPTY
                )
            # And as what its setter is given, wherever the component calls it (an
            # effect's callback, a handler: `setToasts([{ message: flash }])`): the
            # file's entries that mention `useState` run again with that
            # (`_analyse_bodies`), as with a module's variable an entry wrote.
            slot = f"{call_id}.useState"
            kept = self.stored_state.get(slot) if not self.summary else None
            if kept is not None:
                start = join(start, kept)
            result = Val(seq=(start, Val(qn=_STATE_SETTER + slot)))
        elif qn is not None and qn.startswith(_STATE_SETTER) and self.js:
            if argv and not self.summary:
                set_to = argv[0]
                if set_to.fn is not None and set_to.fn[0] in ("lambda", "def"):
                    # `setToasts((all) => [...all, toast])`: what the updater returns.
                    set_to = self.inline(set_to, None, [EMPTY], {}, env, call_id) or EMPTY
                self._write_state(qn[len(_STATE_SETTER) :], set_to, self.state_writes)
            result = EMPTY
        elif qn in ("itertools.islice", "itertools.chain") and not self.js and argv:
            # Some of its iterables' elements, each as it is (`islice(sorted(c.items()),
            # 20)`: pairs of a tag and its count).
            iterables = argv[:1] if qn == "itertools.islice" else argv
            result = Val(elems=functools.reduce(join, (element(a) for a in iterables)))
        elif qn == "collections.Counter" and not self.js:
            # Counts of what it is given: the keys are its data (the elements, a
            # mapping's keys), the values numbers (`for tag, n in c.most_common()`).
            keys = EMPTY
            for a in argv:
                keys = join(keys, keys_of(a) if a.fields else element(a))
            result = Val(fields={KEYS: Val(deep_taint(keys))}) if deep_taint(keys) else EMPTY
        elif (qn in _ASSIGNS and self.js) or (qn == "collections.ChainMap" and not self.js):
            # Each source's keys replace the ones before, as a spread's do (a
            # ChainMap's first mapping is looked in first: the last spread).
            merged: dict[Any, Val] = {}
            unknown: Val | None = None
            for src in argv if self.js else reversed(argv):
                merged, unknown = _spread_into(merged, unknown, src)
            if spread is not None and self.js:
                # `Object.assign({}, ...parts)` of parts of unknown number: any of
                # them (each an object of its keys, as one source is).
                merged, unknown = _spread_into(merged, unknown, spread)
            result = Val(fields=merged or None, elems=unknown)
        elif (
            self.js
            and qn == "Object.fromEntries"
            and len(argv) == 1
            and (pairs := _map_entries(argv[0])) is not None
        ):
            # `Object.fromEntries(criteria)` of a Map whose keys the code set, or of
            # `[key, value]` pairs of constant keys: an object of those keys.
            result = Val(fields=pairs)
        elif (
            recv is not None
            and isinstance(func, list)
            and func
            and func[0] == ir.ATTR
            # `Object.values(x)`: a static function of a builtin, not a method of `Object`.
            and qn not in _PASS_THROUGH
        ):
            result = self.method(name, recv, argv, kwv, func, env)
            if result.qn is None and rqn is not None:
                result = result.replace(qn=rqn)
            if self.js and name in ("get", "getAll") and func[1][2:] == ["searchParams"]:
                # `url.searchParams.get("target")` of a URL whose host the code fixed
                # (`new URL(req.url, "http://localhost")` past `startsWith("/api")`): a
                # query value is text the request chose, whatever the host is.
                result = _url_classes_unsafe(result, 0)
        elif qn in ("map", "filter") and len(argv) >= 2 and not self.js:
            ran = (
                # `map(lambda t: f"<b>{escape(t)}</b>", xs)`: what the function makes of
                # an element.
                self._run_callback(argv[0], [element(a) for a in argv[1:]], env)
                if qn == "map" and _inlinable(argv[0])
                else None
            )
            result = Val(
                elems=ran if ran is not None else self._mapped(qn, argv[0], element(argv[1]))
            )
        elif (
            self.js
            and qn == "Map"
            and len(argv) == 1
            and (pairs := _constant_pairs(argv[0])) is not None
        ):
            # `new Map([["starter", 900], ...])`: its keys are known, as an object's
            # would be (`CATALOG.has(plan)` proves `plan` is one of them).
            result = Val(fields=pairs, qn="Map")
        else:
            t = {}
            if name in _PASS_THROUGH or qn in _PASS_THROUGH:
                v = argv[0] if argv else EMPTY
                if qn == "str" and argv:
                    v = self._as_text(v)
                    argv = [v, *argv[1:]]
                if qn in ("str", "String") and v.consts is not None:
                    texts = frozenset(consts.literal_text(x, self.js) for x in v.consts)
                    return hop_val(Val(deep_taint(v), texts), call_id)
                if qn == "enumerate" and not self.js:
                    # `for i, upload in enumerate(files)`: a count, then the item.
                    return hop_val(
                        Val(elems=Val(seq=(EMPTY, self.iterated(v)))),
                        call_id,
                    )
                if qn == "reversed" and v.seq is not None and not v.fields:
                    return hop_val(Val(v.taint, seq=v.seq[::-1]), call_id)
                if (
                    qn == "zip"
                    and not self.js
                    and argv
                    and not kwv
                    and all(a.seq is not None and not a.taint for a in argv)
                ):
                    # `zip(LABELS, values)`: tuples whose positions stay known.
                    width = min(len(a.seq or ()) for a in argv)
                    rows = tuple(
                        Val(seq=tuple((a.seq or ())[j] for a in argv)) for j in range(width)
                    )
                    return hop_val(Val(seq=rows), call_id)
                if qn == "zip" and not self.js and argv and not kwv and spread is None:
                    # `for field, value in zip(FIELDS, values)`: each tuple holds an
                    # element of each, in its place (`field` is one of FIELDS).
                    row = Val(seq=tuple(self.iterated(a) for a in argv))
                    return hop_val(Val(elems=row), call_id)
                if qn == "Object.entries" and self.js:
                    # `[key, value]` pairs: the object's keys (its data's, when the
                    # keys are the sender's), then its values.
                    keys = _dict_keys(v) or keys_of(v)
                    return hop_val(Val(elems=Val(seq=(keys, _values_as_they_came(v)))), call_id)
                if qn == "Object.values" and self.js and came_as_it_is(v):
                    # A request's object's values, each as it came (an object a NoSQL
                    # filter reads as operators: `{"$ne": null}`).
                    return hop_val(Val(elems=_values_as_they_came(v)), call_id)
                if qn == "Object.keys" and self.js and KEYS in (v.fields or {}):
                    return hop_val(Val(elems=keys_of(v)), call_id)
                if qn == "Promise.all" and self.js and v.seq is not None and not v.taint:
                    # `await Promise.all([a, b])`: the values in their places.
                    return hop_val(Val(seq=v.seq), call_id)
                if (
                    qn in ("Object.values", "Object.keys")
                    and self.js
                    and v.fields
                    and v.elems is None
                    and v.seq is None
                    and not v.taint
                    and len(v.fields) <= consts.MAX_VALUES
                ):
                    # `Object.values(SERVICES).includes(x)`: an object the code wrote
                    # has these values (keys), and no other.
                    items = (
                        tuple(v.fields.values())
                        if qn == "Object.values"
                        else tuple(Val(consts=consts.const(k)) for k in v.fields)
                    )
                    return hop_val(Val(seq=items), call_id)
                if qn == "Array.from" and self.js and len(argv) >= 2:
                    # `Array.from(xs, Number)`: a map; `Array.from({ length: n }, (_, i)
                    # => ...)`: what the callback makes (of the names it captured).
                    ran = (
                        self._run_callback(argv[1], [element(v), EMPTY], env)
                        if _inlinable(argv[1])
                        else None
                    )
                    made = ran if ran is not None else self._mapped("map", argv[1], element(v))
                    return hop_val(Val(elems=made), call_id)
                if qn in ("list", "tuple", "sorted", "reversed", "set", "frozenset", "Set"):
                    return hop_val(
                        Val(elems=element(v))
                        if not (v.seq is not None and qn in ("list", "tuple"))
                        else v,
                        call_id,
                    )
                if qn == "Promise.resolve" and self.js:
                    # The same value, awaited later (`.then((cat) => ...)`): a query
                    # value stays what the request sent (maybe an object).
                    return hop_val(v, call_id)
                if (qn in ("koa-compose", "fastify-plugin") or qn in _SAME_FUNCTION) and self.js:
                    # `compose([timing, readTarget])`: the middlewares, run in order
                    # where it is registered (`_handler_lists`); `fp(plugin)`: the
                    # plugin itself.
                    return v
                if qn == "dict":
                    if kwv and not self.js:
                        # `dict(DEFAULTS, url=link)`: the keywords are keys too.
                        base = Val(v.taint, elems=element(v)) if v.seq is not None else v
                        v = base.replace(fields={**(base.fields or {}), **kwv})
                    return hop_val(v, call_id)
            for v in (*argv, *kwv.values()):
                t = merge_taint(t, deep_taint(v))
            if spread is not None:
                t = merge_taint(t, deep_taint(spread))
            flags: frozenset[str] = frozenset()
            result = Val(t, qn=rqn, flags=flags)
        if not self.js:
            result = _jinja_autoescape(qn, name, recv, argv, kwv, result)
        elif argv and qn in _TEMPLATE_CALLS:
            result = _template_output(qn, recv, argv, result)
        if qn in _QUERY_PARSERS:
            # `querystring.parse(url.slice(i + 1))` of a URL whose start the code
            # checked (`req.url.startsWith("/sso")`): its values are text the
            # request chose, whatever the URL's host is.
            result = _url_classes_unsafe(result, 0)
        return hop_val(result, call_id)

    def _placed_in_template(self, name: str, recv: Val, argv: list[Val]) -> Val | None:
        """`PAGE.replace("%STATE%", state)` of a constant page: the value lands where
        the placeholder is (in a `<script>`, between tags, in an attribute), as if
        the page were built around it (`_joined_taint`). None: another call."""
        if name not in ("replace", "replaceAll") or len(argv) != 2 or argv[1].fn is not None:
            return None
        page, mark = single_const(recv), single_const(argv[0])
        value = deep_taint(argv[1])
        if not (isinstance(page, str) and isinstance(mark, str) and mark and value):
            return None
        if recv.taint or argv[0].taint or mark not in page:
            return None
        parts = page.split(mark)
        # JavaScript's `replace` of a string replaces the first occurrence only.
        places = 1 if self.js and name == "replace" else len(parts) - 1
        taint: Taint = {}
        for i in range(places):
            before = mark.join(parts[: i + 1])
            taint = merge_taint(taint, _joined_taint([const_val(before), argv[1]]))
        return Val(taint)

    def method(
        self, name: str, recv: Val, argv: list[Val], kwv: dict[str, Val], func: list[Any], env: Env
    ) -> Val:
        """Methods of containers and strings, by name (the receiver's type is unknown)."""
        obj_expr = func[1]
        if (
            self.js
            and name in ("set", "append")
            and argv
            and isinstance(obj_expr, list)
            and obj_expr[0] == ir.ATTR
            and obj_expr[2] == "searchParams"
        ):
            # `url.searchParams.set("ref", x)`: a query parameter, encoded; it
            # cannot move the URL to another host.
            argv = [*argv[:-1], sanitize_val(argv[-1], url_prefix.URL_CLASSES)]
        if (
            name == "relative_to"
            and not self.js
            and guards.NORMALIZED_PATH in recv.flags
            and isinstance(obj_expr, list)
            and obj_expr[0] == ir.NAME
            and obj_expr[1] in env
        ):
            # `target.relative_to(root)` raises unless a resolved `target` lies under
            # `root`: past the call (not in a handler of its error), it does.
            env[obj_expr[1]] = sanitize_val(recv, guards.PATH_CLASSES)
        matched = (recv.fields or {}).get(_MATCHED_PATTERN) if not self.js else None
        if name == "group" and matched is not None and len(argv) == 1:
            # `m.group(2)` of `re.fullmatch(r"(\w+)\s*(<|>|==)\s*(\d+)", s)`: what the
            # pattern's second group lets through (`(<|>|==)`: an operator).
            n, pattern = single_const(argv[0]), single_const(matched)
            groups = guards.group_classes(pattern) if isinstance(pattern, str) else []
            if isinstance(n, int) and not isinstance(n, bool) and 0 < n <= len(groups):
                part = groups[n - 1]
                return sanitize_val(Val(recv.taint), part) if part is not None else Val(recv.taint)
        if name == "next" and self.js and not argv and recv.seq is not None:
            # A generator's `it.next()`: its next yield, in `.value`.
            head = recv.seq[0] if recv.seq else EMPTY
            self._update(obj_expr, env, lambda o: o.replace(seq=o.seq[1:]) if o.seq else o, 0)
            return Val(fields={"value": head, "done": EMPTY})
        if (
            self.js
            and name == "includes"
            and len(argv) == 1
            and recv.qn is None
            and argv[0].consts is not None
            and all(isinstance(c, str) for c in argv[0].consts)
        ):
            # `["staging", "dev"].includes(DEPLOYMENT)` of constants: known.
            found = _in_display(argv[0], recv, False)
            if found is not None:
                return Val(consts=found)
        placed = self._placed_in_template(name, recv, argv)
        if placed is not None:
            return placed
        joined = _joined_constants(name, recv, argv, self.js)
        if joined is not None:
            return joined
        if recv.consts is not None and not recv.taint and not any(a.taint for a in argv):
            # `"ABC".charAt(1)`, `MODE.upper()`: a constant still.
            folded = consts.method(name, recv.consts, [a.consts for a in argv], self.js)
            if folded is not None:
                return Val(consts=folded)
        if recv.prefix is not None and not kwv:
            cut = _cut_in_prefix(name, recv, argv, self.js)
            if cut is not None:
                return cut
        if recv.qn in _FILE_BUFFERS and not self.js:
            if name in ("write", "writelines") and argv:
                item = argv[0] if name == "write" else element(argv[0])
                self._update(obj_expr, env, lambda o: _add_elem(o, item), 0)
                return EMPTY
            if name in ("getvalue", "read", "readline", "readlines"):
                return Val(deep_taint(recv))
        if recv.qn in _QUEUES and not self.js:
            # A queue a worker drains (`events.put(e)` in a handler, `events.get()`
            # in the thread's loop): what was put is what it gets.
            if name in ("put", "put_nowait") and argv:
                item = argv[0]
                self._update(obj_expr, env, lambda o: _add_elem(o, item), 0)
                return EMPTY
            if name in ("get", "get_nowait"):
                return element(recv)
        if name in _MUTATORS_STORE and argv:
            item = argv[-1]
            if name == "insert" and len(argv) >= 2:
                idx = single_const(argv[0])
                if recv.seq is not None and isinstance(idx, int) and not isinstance(idx, bool):
                    seq = list(recv.seq)
                    seq.insert(idx, item)
                    self._update(obj_expr, env, lambda o, s=tuple(seq): o.replace(seq=s), 0)
                    return EMPTY
            # (JavaScript's `push` and `unshift` take any number of items, in order.)
            items = tuple(argv) if self.js and name in ("push", "unshift") else (item,)
            if name in ("append", "push") and recv.seq is not None:
                self._update(
                    obj_expr,
                    env,
                    lambda o: (
                        _bounded(o.replace(seq=(*(o.seq or ()), *items)), keep_last=True)
                        if o.seq is not None
                        else functools.reduce(_append_elem, items, o)
                    ),
                    0,
                )
            elif name in ("append", "push"):
                self._update(obj_expr, env, lambda o: functools.reduce(_append_elem, items, o), 0)
            elif name in ("unshift", "appendleft") and recv.seq is not None:
                self._update(
                    obj_expr,
                    env,
                    lambda o: (
                        _bounded(o.replace(seq=(*items, *(o.seq or ()))), keep_last=False)
                        if o.seq is not None
                        else functools.reduce(_add_elem, items, o)
                    ),
                    0,
                )
            else:
                self._update(obj_expr, env, lambda o: _add_elem(o, item), 0)
            return EMPTY
        if name == "update" and not argv and kwv and not self.js:
            # `options.update(resolve_entities=True)`: the keywords are keys.
            kw_only = Val(fields=dict(kwv))
            self._update(obj_expr, env, lambda o: _merge_obj(o, kw_only), 0)
            return EMPTY
        if name in _MUTATORS_EXTEND and argv:
            other = argv[0]
            if name == "update" and (other.fields or not other.seq):
                if not self.js and other.taint and other.fn is None:
                    # `query.update(filters)` of an object of the request's: as
                    # `{**query, **filters}`, its keys and values as they came.
                    self._update(obj_expr, env, lambda o: _spread_merged(o, other), 0)
                else:
                    self._update(obj_expr, env, lambda o: _merge_obj(o, other), 0)
                if kwv:
                    kw_obj = Val(fields=dict(kwv))
                    self._update(obj_expr, env, lambda o: _merge_obj(o, kw_obj), 0)
                return EMPTY
            if name == "concat":
                return Val(
                    merge_taint(deep_taint(recv), deep_taint(other)),
                    elems=join(element(recv), element(other)),
                )
            if recv.seq is not None and other.seq is not None:
                self._update(
                    obj_expr,
                    env,
                    lambda o: (
                        _bounded(o.replace(seq=(*(o.seq or ()), *other.seq)), keep_last=True)
                        if o.seq is not None
                        else _add_elem(o, element(other))
                    ),
                    0,
                )
            elif name == "extend" and not self.js:
                self._update(obj_expr, env, lambda o: _append_elem(o, element(other)), 0)
            else:
                self._update(obj_expr, env, lambda o: _add_elem(o, element(other)), 0)
            return EMPTY
        if name == "set" and len(argv) == 2 and self.js:
            # Map.set(key, value) (and URLSearchParams, Headers): a value under a key.
            key1 = single_const(argv[0])
            value1 = argv[1]
            written = argv[0] if key1 is NO_CONST else EMPTY
            self._update(obj_expr, env, lambda o: with_keys(_set_key(o, key1, value1), written), 0)
            return EMPTY
        if name == "set" and len(argv) == 3 and not self.js:
            # ConfigParser.set(section, option, value): a value under two constant keys.
            k2 = (single_const(argv[0]), single_const(argv[1]))
            pair: Any = k2 if NO_CONST not in k2 else NO_CONST
            value = argv[2]
            self._update(obj_expr, env, lambda o: _set_key(o, pair, value), 0)
            return EMPTY
        if name in ("get", "getint", "getboolean", "getfloat") and len(argv) >= 2 and not self.js:
            k2 = (single_const(argv[0]), single_const(argv[1]))
            if NO_CONST not in k2 and any(isinstance(k, tuple) for k in recv.fields or {}):
                if k2 in (recv.fields or {}):
                    return get_key(recv, k2)
                fallback = kwv.get("fallback")
                return fallback if fallback is not None else Val(recv.taint)
        if (
            name in ("get", "pop", "setdefault", "getlist", "get_all", "getone", "__getitem__")
            and argv
        ):
            key = single_const(argv[0])
            default = argv[1] if len(argv) > 1 else kwv.get("default")
            if (
                name == "pop"
                and recv.seq is not None
                and isinstance(key, int)
                and not isinstance(key, bool)
            ):
                seq = list(recv.seq)
                if -len(seq) <= key < len(seq):
                    got = seq.pop(key)
                    self._update(
                        obj_expr,
                        env,
                        lambda o, s=tuple(seq): o.replace(seq=s) if o.seq is not None else o,
                        0,
                    )
                    return got
            present = key is not NO_CONST and recv.seq is None and key in (recv.fields or {})
            if name == "setdefault" and key is not NO_CONST and default is not None and not present:
                self._update(obj_expr, env, lambda o, d=default: _set_key(o, key, d), 0)
            out = get_key(recv, key) if key is not NO_CONST else element(recv)
            if name == "pop" and present and not self.js:
                # `chosen.pop("theme", None)`: the key is gone after it.
                self._update(obj_expr, env, lambda o: _without_key(o, key), 0)
            if name in ("getlist", "get_all"):
                out = Val(out.taint, elems=Val(out.taint))
            if default is not None and not (present and name in ("get", "setdefault")):
                # (A key the dict was written with: its value, never the default.)
                out = join(out, default)
            elif (
                default is None
                and name == "get"
                and not present
                and (not self.js or recv.qn == "Map")
                and out.consts is not None
                and not out.taint
            ):
                # `HOSTS.get(region)`: one of the table's values, or None (a JS
                # Map's: or undefined).
                out = join(out, const_val(None))
            return out
        if name == "pop" and not argv:
            if recv.seq:
                seq = list(recv.seq)
                got = seq.pop()
                self._update(
                    obj_expr,
                    env,
                    lambda o, s=tuple(seq): o.replace(seq=s) if o.seq is not None else o,
                    0,
                )
                return got
            return element(recv)
        if name == "splice" and self.js and recv.seq is not None and argv:
            # `xs.splice(start, n, ...items)` at constant positions: the elements
            # move as they would (an unknown start or count: as an unknown write).
            start, n = single_const(argv[0]), single_const(argv[1]) if len(argv) > 1 else None
            if isinstance(start, int) and (n is None or isinstance(n, int)) and start >= 0:
                seq = list(recv.seq)
                end = len(seq) if n is None else start + max(n, 0)
                removed = seq[start:end]
                seq[start:end] = argv[2:]
                self._update(
                    obj_expr,
                    env,
                    lambda o, s=tuple(seq): o.replace(seq=s) if o.seq is not None else o,
                    0,
                )
                return Val(seq=tuple(removed))
        if self.js and recv.seq is not None and recv.elems is None:
            if name == "reverse" and not argv:
                # In place, and the same array returned: `xs.reverse()[0]`.
                turned = tuple(reversed(recv.seq))
                self._update(
                    obj_expr,
                    env,
                    lambda o, s=turned: o.replace(seq=s) if o.seq is not None else o,
                    0,
                )
                return recv.replace(seq=turned)
            if name == "slice" and len(argv) <= 2:
                bounds = [single_const(a) for a in argv]
                if all(type(b) is int for b in bounds):
                    # `xs.slice(0, 1)` at constant positions: those elements only.
                    start, stop = [*bounds, None, None][:2]
                    return Val(seq=tuple(recv.seq[start:stop]))
        if name in ("shift", "popleft") and recv.seq:
            seq = list(recv.seq)
            got = seq.pop(0)
            self._update(
                obj_expr,
                env,
                lambda o, s=tuple(seq): o.replace(seq=s) if o.seq is not None else o,
                0,
            )
            return got
        if name in ("shift", "popleft") and not recv.seq and (known := list_head(recv)):
            # A list whose first positions are known though its tail is not (`[DEFAULT]`
            # and, on one branch, a `push` of the request's name): the first of them.
            self._update(obj_expr, env, lambda o: _without_first(o), 0)
            return known[0]
        if (
            name in ("shift", "popleft", "pop")
            and not argv
            and not recv.seq
            and recv.elems is not None
            and recv.elems.fields
        ):
            # A container of records (`outbox.shift()` of `[{endpoint: URL, payload}]`):
            # one of them, its fields apart.
            return element(recv)
        if name in ("remove", "discard", "clear", "sort", "reverse"):
            if name == "clear":
                self._update(
                    obj_expr, env, lambda o: o.replace(seq=(), fields={}, elems=None, taint={}), 0
                )
            elif recv.seq is not None and not self.js and name in ("remove", "sort", "reverse"):
                # Positions move: `remove(C)` drops the first element known to be C
                # (unknown: an element before it may be C too), `reverse` turns them.
                moved = _seq_after(name, recv.seq, argv)
                self._update(
                    obj_expr,
                    env,
                    lambda o, s=moved: (
                        o
                        if o.seq is None
                        else o.replace(seq=s)
                        if s is not None
                        else o.replace(seq=None, elems=element(Val(seq=o.seq, elems=o.elems)))
                    ),
                    0,
                )
            return EMPTY
        if (
            name in ("model_dump", "dict")
            and not self.js
            and not argv
            and recv.fields is not None
            and recv.cls is not None
        ):
            # A Pydantic model's fields as a dict (`flt.model_dump(include={"region"})`),
            # each what it holds, when `include` names them. Without it, its
            # declared fields but those `exclude` names, when no class of the
            # model allows extra fields (which it would dump too, keys and all).
            picked = _included_fields(recv.fields, kwv.get("include"))
            if picked is None and "include" not in kwv and self._dumps_declared_fields(recv.cls):
                dropped = _included_fields(recv.fields, kwv.get("exclude")) or {}
                picked = {k: f for k, f in recv.fields.items() if k not in dropped}
            if picked is not None:
                return Val(fields=picked)
        if (
            self.js
            and name in ("slice", "substring", "substr")
            and recv.seq is None
            and recv.elems is None
            and not recv.fields
            and recv.taint
        ):
            # `location.hash.slice(1)`: a piece of text (or of an array the analysis
            # holds as one value) is that value's data, its own; cut after its
            # start, not what a check of the start proved.
            if argv and single_const(argv[0]) != 0:
                return Val(guards.cut_from_start(recv.taint))
            if name == "slice":
                return Val(recv.taint)
        if name in (
            "items",
            "most_common",
            "values",
            "keys",
            "copy",
            "slice",
            "filter",
            "splice",
            "entries",
            "iterkeys",
            "itervalues",
            "iteritems",
            "toArray",
        ):
            if name == "copy":
                return recv
            if name in ("keys", "iterkeys"):
                return Val(elems=keys_of(recv))
            keys = _dict_keys(recv) if name == "items" and not self.js else None
            if keys is not None:
                # `for column, value in d.items()`: a constant key, then its value.
                return Val(elems=Val(seq=(keys, element(recv))))
            if KEYS in (recv.fields or {}) and name in (
                "items",
                "iteritems",
                "entries",
                "most_common",
            ):
                # Keys the data wrote (`counts[tag] += 1`), each with its value.
                return Val(elems=Val(seq=(keys_of(recv), element(recv))))
            if name == "filter" and argv and self.js:
                if _inlinable(argv[0]):
                    # The test runs on every element: what it calls runs too
                    # (`xs.filter((a) => new RegExp(term).test(a.title))`).
                    self._run_callback(argv[0], [element(recv)], env)
                # The elements the test lets through (`xs.filter((s) => /^\d+$/.test(s))`).
                kept = self._kept_by(argv[0], element(recv))
                if kept is not None:
                    return Val(elems=kept)
            return Val(elems=element(recv) if name != "items" else Val(elems=element(recv)))
        if name in ("join",):
            if self.js:
                return Val(
                    merge_taint(
                        _separated_taint(recv, argv[0] if argv else Val(consts=consts.const(","))),
                        deep_taint(argv[0]) if argv else {},
                    ),
                    None,
                )
            parts = argv[0] if argv else EMPTY
            t = merge_taint(recv.taint, _separated_taint(parts, recv))
            c = None
            if (
                recv.consts is not None
                and parts.seq is not None
                and all(p.consts is not None and len(p.consts) == 1 for p in parts.seq)
            ):
                sep = single_const(recv)
                vals = [single_const(p) for p in parts.seq]
                if isinstance(sep, str) and all(isinstance(v, str) for v in vals):
                    c = (
                        consts.const(sep.join(vals))
                        if len(sep.join(vals)) <= consts.MAX_STRING
                        else None
                    )
            return Val(t, c)
        if name == "reduce" and argv and argv[0].fn is not None:
            return self._reduced(argv[0], recv, argv[1] if len(argv) > 1 else None, env)
        if name == "reduceRight" and self.js and argv and argv[0].fn is not None:
            # (From the last item: `compose(...fns)` runs its steps right to left.)
            backwards = recv.replace(seq=tuple(reversed(recv.seq))) if recv.seq else recv
            return self._reduced(argv[0], backwards, argv[1] if len(argv) > 1 else None, env)
        if (
            name == "translate"
            and not self.js
            and len(argv) == 1
            and argv[0].qn == "str.maketrans()"
        ):
            # `text.translate(ESCAPES)`: what the table deletes or escapes is gone.
            table = {
                k: single_const(v) for k, v in (argv[0].fields or {}).items() if isinstance(k, str)
            }
            if table and all(isinstance(t, str) or t is None for t in table.values()):
                return guards.take_out(Val(deep_taint(recv)), guards.translated_out(table))
        if name in _CALLBACK_METHODS:
            out = EMPTY
            ran = False
            # Each item as a `for ... of` gives it (`req.body.parcels.map((q) => ...)`:
            # a request's item as it came, which a NoSQL filter reads as operators);
            # a Map's `forEach` hands its values.
            item = (
                self.iterated(recv)
                if self.js and KEYS not in (recv.fields or {})
                else element(recv)
            )
            for a in argv:
                if _inlinable(a):
                    ret = self._run_callback(a, [item if name not in ("then",) else recv], env)
                    if ret is not None:
                        ran = True
                        out = join(out, ret) if not out.empty else ret
            if name == "find" and self.js and argv:
                # `[q.author, q.writer].find((v) => typeof v === "string" && NAME.test(v))`:
                # the element the test returned true for (or undefined).
                kept = self._kept_by(argv[0], item)
                if kept is not None:
                    return kept
            if name in ("map", "flatMap") and not ran and argv:
                # `flags.map(String)`, `ids.map(Number)`, `xs.map(helper.clean)`: a
                # function that cannot run in place maps as `map(f, xs)` does.
                return Val(elems=self._mapped("map", argv[0], element(recv)))
            if name == "flatMap" and (out.seq is not None or out.elems is not None):
                # (Each array the callback returns is spread into the result:
                # `[{ label, value }]` or `[]` gives records, not arrays of them.)
                out = element(out)
            if name in ("map", "flatMap", "filter"):
                return Val(elems=out)
            return out if not out.empty else Val(deep_taint(recv))
        if not self.js and name in _LOOKUP_METHODS and kwv and not argv:
            # `Model._base_manager.using(db).get(pk=object_id)`: an ORM's lookup by
            # keywords (a dict's `get` takes none) returns a row, not its filter.
            return Val(deep_taint(recv))
        if self.js and _RECORD_LOOKUP.match(name) and argv and not deep_taint(recv):
            # `users.findByEmail(email)`, `accounts.getUserById(id)`: a repository's
            # lookup returns a stored record, not the key it was asked for.
            return Val()
        # Any other method: the receiver's and the arguments' data.
        t = deep_taint(recv)
        for v in (*argv, *kwv.values()):
            t = merge_taint(t, deep_taint(v))
        c = None
        if recv.consts is not None and not argv and name in _STR_METHODS:
            c = _fold_str_method(recv.consts, name)
        return Val(t, c)


_CALLBACK_METHODS = frozenset(
    {
        "then",
        "catch",
        "finally",
        "map",
        "forEach",
        "flatMap",
        "reduce",
        "reduceRight",
        "some",
        "every",
        "find",
        "filter",
    }
)
_FOLDABLE = frozenset(
    {
        "+",
        "-",
        "*",
        "/",
        "//",
        "%",
        "**",
        "==",
        "!=",
        "===",
        "!==",
        "<",
        "<=",
        ">",
        ">=",
        "in",
        "notin",
        "is",
        "isnot",
        "&",
        "|",
        "^",
        "<<",
        ">>",
    }
)
#: Val.fn kinds of a function the workspace's code made or defined.
_MADE_HERE = frozenset({"lambda", "def", "ref", _UNION})
#: React's (and Preact's) element factories, which JSX compiles to.
_CREATE_ELEMENT = frozenset(
    {"react.createElement", "React.createElement", "preact.h", "preact.createElement"}
)
#: JavaScript's key checks, (object, key): `x` is one of the object's keys (its own,
#: but for `Reflect.has`, which is `in`).
_OWN_KEY_CHECKS = frozenset(
    {"Object.prototype.hasOwnProperty.call", "Object.hasOwn", "Reflect.has"}
)
#: Definitions a module-level name can hold as a value.
_DEFINITIONS = frozenset({NodeType.FUNCTION, NodeType.CLASS})
#: Request handlers' method names: never a service's method guessed by name.
_HANDLER_METHOD_NAMES = frozenset({"get", "post", "put", "patch", "delete", "head", "options"})
#: Methods that take the services an object is handed.
_TORNADO_INITIALIZE = "initialize"
#: The parameter aiohttp's startup hooks and cleanup contexts take the application as.
_APP_PARAM = "app"
#: A request's application, as handlers read it (`request.app["db"]`,
#: `request.config_dict["db"]`).
_APPLICATION_OF_REQUEST = frozenset({"HttpRequest.app", "HttpRequest.config_dict"})
_INJECTING_METHODS = ("__init__", _TORNADO_INITIALIZE, "constructor")
#: Methods of the builtin types (dict, list, str, set, bytes, file, promise, Map,
#: array) and request handlers' names: a call of one on an object the analysis
#: does not know is guessed to be a workspace method only for a service the
#: object was handed (`_injected_method`).
_COMMON_METHOD_NAMES = _HANDLER_METHOD_NAMES | frozenset(
    {
        *("set", "has", "pop"),
        *("items", "keys", "values", "update", "setdefault", "copy", "clear", "append"),
        *("extend", "insert", "remove", "index", "count", "sort", "reverse", "add"),
        *("discard", "union", "intersection", "difference", "split", "join", "format"),
        *("strip", "replace", "encode", "decode", "lower", "upper", "startswith", "find"),
        *("endswith", "read", "write", "close", "open", "send", "then", "catch", "finally"),
        *("push", "shift", "unshift", "slice", "splice", "map", "filter", "forEach"),
        *("reduce", "some", "every", "includes", "concat", "toString", "json", "text"),
        *("match", "search", "sub", "test", "exec", "execute", "run", "call", "apply"),
        *("emit", "on", "once", "next", "render", "save", "load", "parse", "query"),
    }
)
#: JSON text made from a known object: (_SERIALIZED, the object) (`_json_round_trip`).
_SERIALIZED = "serialized"
_JSON_ENCODERS = frozenset({"json.dumps", "JSON.stringify", "simplejson.dumps", "orjson.dumps"})
_JSON_DECODERS = frozenset({"json.loads", "JSON.parse", "simplejson.loads", "orjson.loads"})
#: The characters that end a quoted literal, or escape its end.
_QUOTE_CHARS = frozenset("'\"`\\")
#: Python XML libraries, whose elements' `find` returns an element of the document.
_XML_TREES = ("xml.etree.", "defusedxml.", "lxml.", "xml.dom.")
#: Other decoders of structured data, whose maps may hold an operator object
#: (`{"$ne": null}`) whatever text they were decoded from.
_MAP_DECODERS = frozenset(
    {
        "msgpack.unpackb",
        "msgpack.loads",
        "bson.decode",
        "bson.loads",
        "cbor2.loads",
        "yaml.safe_load",
    }
)
#: The classes whose sinks count a value that may be an object (`raw_value`).
_OBJECT_CLASSES = frozenset({"nosql-injection"})
#: express-validator's test that a route's validators held, and its call raising
#: unless they did; where either passed, the state holds this key (with a dot:
#: a branch that did not pass drops it where the two meet, as `join_env` does).
_ERRORS_EMPTY = f"{route_validators.PACKAGE}.validationResult().isEmpty"
_ERRORS_THROWN = f"{route_validators.PACKAGE}.validationResult().throw"
_VALIDATION_PASSED = "\x00validation.passed"
#: A list of problems that grew under a condition (`if not RE.fullmatch(x):
#: errors.append("bad x")`) holds it on this path while the state holds
#: `_PROBLEMS + list + "." + record` (dotted: a path where the condition never
#: ran drops it where the two meet); `Interp.problem_conds` has the record.
_PROBLEMS = "\x00problems."
#: The methods that add to a list, a set or an array (not `insert`'s index).
_GROWS = frozenset({"append", "push", "add", "extend", "insert", "unshift", "appendleft"})
#: The methods that take something out: a list they may have emptied proves nothing.
_SHRINKS = frozenset(
    {"pop", "clear", "remove", "splice", "shift", "discard", "popitem", "popleft", "filter"}
)
#: The methods that change the container they are called on (`_stored_into`).
_CHANGES_IN_PLACE = _GROWS | _SHRINKS | {"update", "setdefault"}
#: In-memory and temporary files a body makes: what is written (or copied in,
#: `upload.save(buf)`) is what `getvalue()` and `read()` read.
_FILE_BUFFERS = frozenset(
    {"io.StringIO()", "io.BytesIO()"}
    | {"tempfile.SpooledTemporaryFile()", "tempfile.TemporaryFile()"}
    | {"tempfile.NamedTemporaryFile()"}
)
#: Enum classes: calling one gives one of its members (`_ENUM_BASES` as `based_on` reads it).
_ENUM_BASES = "Enum|IntEnum|StrEnum|Flag|IntFlag|enum.Enum|enum.IntEnum|enum.StrEnum"
#: Converters (and `isinstance` types) whose result carries no text of the data.
_SCALAR_CONVERTERS = frozenset(
    {"int", "float", "bool", "uuid.UUID", "UUID", "decimal.Decimal", "Decimal"}
    | {"datetime.date.fromisoformat", "date.fromisoformat", "ipaddress.ip_address"}
)
#: A Pydantic model's base as a class statement writes it.
_PYDANTIC_BASES = "BaseModel|pydantic.BaseModel|pydantic.main.BaseModel"
#: A Pydantic model's class methods that validate what they are handed.
_PYDANTIC_VALIDATING = frozenset(
    {"model_validate", "model_validate_json", "parse_obj", "parse_raw", "validate"}
)
#: The keyword a call's `**data` of unknown keys is handed to a workspace function
#: under (`apply` reads each parameter the call does not name from it); no
#: program's name.
_SPLAT = "\x00**"
#: Bases whose classes' constructors Python generates from their fields.
_RECORD_BASES = (
    "NamedTuple|typing.NamedTuple|TypedDict|typing.TypedDict|typing_extensions.TypedDict"
)
#: The name a dataclass's new object has in the state while its `__post_init__` runs.
_POST_INIT = "\x00post_init"
#: Class attributes named so hold a class by convention (`form_class`, `history_cls`).
_CLASS_SUFFIXES = ("_class", "_cls")
#: A validation schema's methods that return what passed (schema_validators.py).
_SCHEMA_METHODS = frozenset(
    {"validate", "validateAsync", "validateSync", "parse", "parseAsync", "safeParse"}
    | {"safeParseAsync", "cast"}
)
#: A function value `f.bind(thisArg, ...)` made: (marker, f, the arguments it put first,
#: `thisArg` when `f` is no method of a class, else None).
_BOUND = "bound"
#: A function with arguments bound (`partial(f, host, shell=True)`): (_PARTIAL,
#: f's value, the keywords, the positional arguments it puts first).
_PARTIAL = "partial"
#: A Promise executor's `resolve`: (_RESOLVER, the _Settled collecting what it is given).
_RESOLVER = "resolver"


#: A waterfall task's callback: (_STEP_DONE, the _Handed collecting what it is given).
_STEP_DONE = "step-done"
#: async's `waterfall` (each task hands its results to the next).
#: Calls that render a template with a context (Django's, Flask's): the objects
#: in it have their properties read (`_render_properties`).
_TEMPLATE_RENDERS = frozenset(
    {
        "django.shortcuts.render",
        "django.shortcuts.render_to_response",
        "django.template.loader.render_to_string",
        "django.template.response.TemplateResponse",
        "flask.render_template",
        "flask.templating.render_template",
    }
)
#: Decorators that make a method a property a template reads by name.
_PROPERTY_DECORATORS = frozenset({"property", "cached_property"})
#: Objects of one render call whose properties run, at most.
_MAX_RENDERED_OBJECTS = 8
#: The name the browser pack gives a Vue template's `v-html` binding (a sink).
_VUE_HTML_SINK = "vue.v-html"
#: A Vue component's lifecycle hooks, in the order they run.
_VUE_HOOKS = ("beforeCreate", "created", "beforeMount", "mounted", "activated", "updated")
#: How many times a component's functions run on its state (each may read what
#: another stored).
_VUE_ROUNDS = 2
#: A template's `v-html="name"` (a name only: an expression is not read).
_VHTML_BINDING = re.compile(r"""v-html\s*=\s*["']\s*([A-Za-z_$][\w$]*)\s*["']""")


def _vue_bindings(v: Val) -> list[str]:
    """The names a Vue component's options (`v`) bind with `v-html` in its
    `template`, in order; [] when `v` is no such object."""
    template = (v.fields or {}).get("template") if v.fields else None
    text = single_const(template) if template is not None else None
    if not isinstance(text, str) or "v-html" not in text:
        return []
    return list(dict.fromkeys(_VHTML_BINDING.findall(text)))


#: The object an http.server request handler's `self` is (the python pack's name).
_HTTP_SERVER_HANDLER = "HTTPServerHandler"
_WATERFALLS = frozenset({"async.waterfall", "async/waterfall", "async.default.waterfall"})

#: Library functions that call a function with each item of a collection: (the
#: collection's position, the function's, whether the result holds what the
#: function returned).
_COLLECTION_ITERATORS: dict[str, tuple[int, int, bool]] = {
    **{
        f"async.{n}": (0, 1, n.startswith("map"))
        for n in (
            "each",
            "eachSeries",
            "forEach",
            "forEachSeries",
            "map",
            "mapSeries",
            "concat",
            "filter",
        )
    },
    **{
        f"async.{n}": (0, 2, n.startswith("map")) for n in ("eachLimit", "forEachLimit", "mapLimit")
    },
    **{n: (0, 1, True) for n in ("p-map", "p-map.default", "bluebird.map", "bluebird.mapSeries")},
    **{n: (0, 1, False) for n in ("p-each-series", "bluebird.each", "bluebird.filter")},
    **{f"lodash.{n}": (0, 1, n == "map") for n in ("map", "forEach", "each")},
}


class _Handed:
    """What a waterfall task passed its callback after the error, by position
    (each call's values joined)."""

    __slots__ = ("values",)

    def __init__(self) -> None:
        self.values: list[Val] = []

    def add_all(self, given: list[Val]) -> None:
        for i, v in enumerate(given):
            if i < len(self.values):
                self.values[i] = join(self.values[i], v)
            else:
                self.values.append(v)


class _Settled:
    """What a `new Promise((resolve) => ...)` executor resolved with (its value)."""

    __slots__ = ("value",)

    def __init__(self) -> None:
        self.value: Val | None = None

    def add(self, v: Val) -> None:
        self.value = v if self.value is None else join(self.value, v)


def _decoded_taint(t: Taint) -> Taint:
    """Labels of what a decoder made of text (`unquote`, `atob`, `Buffer.from(s,
    "base64")`): what was checked of the encoded text is not known of the decoded.
    (Data read from a file stays file data.) Nor what a caller checked of a
    parameter (`_DECODED_MARK`)."""
    return {
        (
            o,
            san
            if _SIGNED_MARK in san
            else (san & _KEPT_BY_DECODING) | (_DECODED if o.startswith("P|") else frozenset()),
        ): h
        for (o, san), h in t.items()
    }


#: The mark of data this server signed (its HMAC checked): safe for every class,
#: and so is what it decodes to, unlike what a check of its alphabet proved.
_SIGNED_MARK = "@signed"
_SIGNED = ALL | {_SIGNED_MARK}
#: `Buffer.from(text, encoding)`'s encodings that decode the text to other bytes.
_BUFFER_DECODINGS = frozenset({"base64", "base64url", "hex"})
#: Marks data read from a file whose path the data chose (see `blocked`).
_FILE_DATA_MARK = "@file-data"
#: The marks of a label a decoder leaves (`decodes` propagators): none of a check.
_KEPT_BY_DECODING = frozenset({_FILE_DATA_MARK})
#: The mark a decoder leaves on a parameter's label in a summary: the caller's
#: checks of what it passed (`".." not in path`) do not hold of what the callee
#: decoded (`unquote(path)`).
_DECODED_MARK = "@decoded"
_DECODED = frozenset({_DECODED_MARK})
#: The mark a URL's query value leaves on a parameter's label in a summary: the
#: caller's proof that the URL's host is fixed does not hold of it
#: (`_url_classes_unsafe`).
_QUERY_VALUE_MARK = "@query-value"
_QUERY_VALUE = frozenset({_QUERY_VALUE_MARK})
#: The mark a join that starts again at an absolute piece leaves on a parameter's
#: label in a summary: the caller's proof that what it passed climbs no directory
#: (`".." not in name`) does not keep it under the first piece (`guards.restarted`).
_RESTARTED_MARK = "@restarted-join"
_RESTARTED = frozenset({_RESTARTED_MARK})
_FILE_DATA = frozenset({_FILE_DATA_MARK})
_PROMISIFY = frozenset({"util.promisify", "node:util.promisify", "bluebird.promisify"})
_JS_NUMERIC_OPS = frozenset({"-", "*", "/", "%", "**", "|", "&", "^", "<<", ">>", ">>>"})
_PY_NUMERIC_OPS = frozenset({"+", "-", "/", "//", "**", "<<", ">>"})
#: A value's flag: an integer that is 0 or more (what Python's `len` returns).
_NON_NEGATIVE = "non-negative"


#: Jinja2 environments and templates that take `autoescape`; the flags their
#: objects carry when it is on (`True`) or chosen by name (`select_autoescape()`:
#: on for templates from strings and for `.html`, `.htm` and `.xml` files).
_JINJA_AUTOESCAPING = frozenset(
    {
        "jinja2.Environment",
        "jinja2.environment.Environment",
        "jinja2.sandbox.SandboxedEnvironment",
        "jinja2.Template",
        "jinja2.environment.Template",
    }
)
_AUTOESCAPE_ON = "jinja2-autoescape"
_AUTOESCAPE_BY_NAME = "jinja2-autoescape-by-name"
_JINJA_LOADERS = frozenset({"get_template", "select_template", "get_or_select_template"})
_JINJA_RENDERS = frozenset({"render", "render_async", "generate", "stream"})
_ESCAPED_EXTENSIONS = (".html", ".htm", ".xml")


def _jinja_autoescape(
    qn: str, name: str, recv: Val | None, argv: list[Val], kwv: dict[str, Val], result: Val
) -> Val:
    """What Jinja2's autoescaping makes of a call's result: an environment (or a
    template) made with `autoescape` on carries it to the templates it loads, and
    what they render is escaped HTML. The remediation the XSS rule gives is this."""
    if qn in _JINJA_AUTOESCAPING:
        on = kwv.get("autoescape")
        if on is None:
            return result
        if single_const(on) is True:
            return result.replace(flags=result.flags | {_AUTOESCAPE_ON})
        if on.qn in ("jinja2.select_autoescape()", "jinja2.utils.select_autoescape()"):
            return result.replace(flags=result.flags | {_AUTOESCAPE_BY_NAME})
        return result
    if recv is None or not recv.flags & {_AUTOESCAPE_ON, _AUTOESCAPE_BY_NAME}:
        return result
    if name == "from_string":
        raw = _raw_names(single_const(argv[0])) if argv else frozenset()
        return result.replace(flags=result.flags | {_AUTOESCAPE_ON} | {_RAW_MARK + n for n in raw})
    if name in _JINJA_LOADERS:
        if _AUTOESCAPE_ON in recv.flags:
            return result.replace(flags=result.flags | {_AUTOESCAPE_ON})
        # By name: every template it may load is an HTML or XML file
        # (`LAYOUTS[key]` of a table of `.html` names).
        names = argv[0].consts if argv and not deep_taint(argv[0]) else None
        if names and all(
            isinstance(t, str) and t.lower().endswith(_ESCAPED_EXTENSIONS) for t in names
        ):
            return result.replace(flags=result.flags | {_AUTOESCAPE_ON})
        return result
    if name in _JINJA_RENDERS and _AUTOESCAPE_ON in recv.flags:
        raw = frozenset(f[len(_RAW_MARK) :] for f in recv.flags if f.startswith(_RAW_MARK))
        return _with_raw_values(sanitize_val(result, _XSS), raw, kwv)
    return result


#: Calls rendering a Jinja2 template given as text, escaping by default.
_RENDER_STRING_CALLS = frozenset(
    {
        "flask.render_template_string",
        "flask.templating.render_template_string",
        "quart.render_template_string",
        "quart.templating.render_template_string",
    }
)
#: A compiled template's flag naming a value it renders unescaped (`raw:body`).
_RAW_MARK = "raw:"
_RAW_TAG = re.compile(r"\{\{-?\s*([A-Za-z_]\w*)[^}]*?\|\s*safe\b")
_AUTOESCAPE_OFF = re.compile(r"\{%-?\s*autoescape\s+false\s*-?%\}")


def _raw_names(template: object) -> frozenset[str]:
    """The values a Jinja2 template's text renders unescaped: those it marks
    `|safe`, or every one (`*`) inside `{% autoescape false %}`."""
    if not isinstance(template, str):
        return frozenset()
    if _AUTOESCAPE_OFF.search(template):
        return frozenset({"*"})
    return frozenset(_RAW_TAG.findall(template))


def _with_raw_values(result: Val, raw: frozenset[str], kwv: dict[str, Val]) -> Val:
    """`result` with the data of the values a template renders raw, unescaped."""
    if not raw:
        return result
    t = result.taint
    for k, v in kwv.items():
        if "*" in raw or k in raw:
            t = merge_taint(t, deep_taint(v))
    return result.replace(taint=t) if t is not result.taint else result


#: JavaScript template engines' calls: qualified name -> (engine, whether the
#: call compiles a function, or renders at once).
_TEMPLATE_CALLS: dict[str, tuple[str, bool]] = {
    "lodash.template": ("lodash", True),
    "lodash.template.template": ("lodash", True),
    "underscore.template": ("lodash", True),
    "ejs.render": ("ejs", False),
    "ejs.compile": ("ejs", True),
    "handlebars.compile": ("handlebars", True),
    "handlebars.create().compile": ("handlebars", True),
    "mustache.render": ("handlebars", False),
    "pug.render": ("pug", False),
    "pug.compile": ("pug", True),
    "nunjucks.renderString": ("nunjucks", False),
    "nunjucks.Environment().renderString": ("nunjucks", False),
    "nunjucks.configure().renderString": ("nunjucks", False),
}
#: The flag of a template environment told not to escape (`new
#: nunjucks.Environment(loader, { autoescape: false })`: javascript.toml).
_RAW_TEMPLATES = "raw-templates"
#: A markdown-it renderer made with `html: true` (the javascript pack's flag):
#: the HTML in the text comes out as it was written.
_RAW_HTML = "raw-html"
_MARKDOWN_IT_RENDERS = frozenset({"markdown-it().render", "markdown-it().renderInline"})
_ESCAPING_TEMPLATE = "escaping-template"
#: The flag of a compiled template that writes this field of its data as it is
#: (`"raw-field:note"` for Pug's `div!= note`): `_ESCAPING_TEMPLATE` escapes the rest.
_RAW_FIELD = "raw-field:"
#: React's state hooks: `[value, setter]`, the value what the call was given.
_STATE_HOOKS = frozenset({"react.useState", "preact/hooks.useState", "React.useState"})
#: The name of a state hook's setter: this, then the state's slot (`_write_state`).
_STATE_SETTER = "?useState-setter:"
#: Functions that return what the callback handed to them returns.
_RETURNS_CALLBACK_RESULT = frozenset({"react.useMemo", "preact/hooks.useMemo", "vue.computed"})
#: What a template engine writes as it is, unescaped (Handlebars' `SafeString`).
_SAFE_STRINGS = frozenset({"handlebars.SafeString()", "hbs.handlebars.SafeString()"})


def _marked_safe(values: list[Val]) -> Taint:
    """The data of the values (or of their fields) a template engine was told not to
    escape (`{ label: new Handlebars.SafeString(html) }`)."""
    out: Taint = {}
    for v in values:
        for x in (v, *(v.fields or {}).values()):
            if x.qn in _SAFE_STRINGS:
                out = merge_taint(out, deep_taint(x))
    return out


def _template_output(qn: str, recv: Val | None, argv: list[Val], result: Val) -> Val:
    """What a JavaScript template engine's call (`qn` in `_TEMPLATE_CALLS`) makes of
    `argv`, `result` holding their data: escaped HTML when the template is one of
    known texts (`TEMPLATES.get(name)` of a constant table; a missing one renders
    nothing) whose every tag escapes, at once (`ejs.render`) or when the compiled
    function is called; else `result` as it is."""
    if recv is not None and _RAW_TEMPLATES in recv.flags:
        return result
    engine, compiles = _TEMPLATE_CALLS[qn]
    pages = {t for t in argv[0].consts or () if t is not None}
    if not pages or deep_taint(argv[0]):
        return result
    raw: set[str] = set()
    for page in pages:
        names = _raw_tag_fields(engine, page)
        if names is None:
            return result
        raw |= names
    flags = frozenset({_ESCAPING_TEMPLATE, *(_RAW_FIELD + n for n in raw)})
    if compiles:
        return result.replace(flags=result.flags | flags)
    # Rendered at once: the data is the argument after the template's text.
    return _escaped_but_raw(flags, argv[1] if len(argv) > 1 else None, argv[1:], result)


def _escaped_but_raw(flags: frozenset[str], data: Val | None, argv: list[Val], result: Val) -> Val:
    """What an escaping template (`flags`: its raw fields) renders of `argv` (`data`:
    the object its names read), `result` holding their data: escaped but for the
    fields its raw tags write; as it is when the data cannot be told apart (an
    object passed whole, `render(req.body)`)."""
    raw = [f[len(_RAW_FIELD) :] for f in flags if f.startswith(_RAW_FIELD)]
    if not raw:
        return sanitize_val(result, _XSS)
    if data is None or data.taint or data.fields is None:
        return result
    if any(deep_taint(v) for v in argv if v is not data):
        return result
    kept: Taint = {}
    for name in sorted(raw):
        kept = merge_taint(kept, _data_at(data, name.split(".")))
    out = sanitize_val(result, _XSS)
    return out.replace(taint=merge_taint(out.taint, kept)) if kept else out


def _data_at(data: Val, path: list[str]) -> Taint:
    """The data of what a template's name reads (`comments.body`: the field `body`
    of the items of `comments`, or of `comments` itself); where the path goes past
    what is known of it, all the data there."""
    v = data
    for part in path:
        if v.fields and part in v.fields:
            v = v.fields[part]
            continue
        # (The items of a list; an object's other fields are not its items.)
        item = element(v) if not v.fields else EMPTY
        if item.fields and part in item.fields:
            v = item.fields[part]
            continue
        return deep_taint(v) if v is not data else {}
    return deep_taint(v)


#: A name a raw tag writes (`note`, `post.body`: the field `post`).
_TAG_NAME = re.compile(r"\s*([A-Za-z_$][\w$]*)(?:\.[A-Za-z_$][\w$]*)*\s*")


def _raw_tag_fields(engine: str, text: object) -> frozenset[str] | None:
    """The fields of its data a template's text writes unescaped: Pug's `!{x}` and
    `!= x`; EJS's `<%- x %>`; Handlebars' and Mustache's `{{{x}}}` and `{{& x}}`;
    Nunjucks' `x | safe` (it escapes by default). Empty: every tag escapes.
    None when that cannot be told: a raw tag writes more than a name (`!{md(x)}`),
    Nunjucks with `autoescape false`, and lodash templates, whose `<%= x %>`,
    `${x}` and a code tag calling `print` write raw text (only `<%- x %>` escapes),
    with anything but escaping tags."""
    if not isinstance(text, str):
        return None
    if engine == "lodash":
        if "${" in text or "<%" not in text:
            return None
        # A code tag (`<% _.forEach(parts, function(p) { %>`) writes nothing unless
        # it calls `print`.
        escaping = all(
            tag.startswith("-") or (not tag.startswith("=") and "print" not in tag.split("%>")[0])
            for tag in text.split("<%")[1:]
        )
        return frozenset() if escaping else None
    if engine == "ejs":
        tags = [t.split("%>")[0][1:] for t in text.split("<%")[1:] if t.startswith("-")]
    elif engine == "handlebars":
        return _handlebars_raw_fields(text)
    elif engine == "pug":
        tags = re.findall(r"!\{(.*?)\}", text) + re.findall(r"!=(.*)$", text, re.M)
        if text.count("!{") + text.count("!=") != len(tags):
            return None
    elif engine == "nunjucks":
        if "autoescape false" in text:
            return None
        tags = re.findall(r"\{\{-?([^{}]*?)\|\s*safe\b", text)
        if len(re.findall(r"\|\s*safe\b", text)) != len(tags):
            return None
    else:
        return None
    names: set[str] = set()
    for tag in tags:
        found = _TAG_NAME.fullmatch(tag)
        if found is None or found.group(1) in ("this", "locals"):
            return None  # (not a name of the data handed to it)
        names.add(found.group(1))
    return frozenset(names)


#: A Handlebars (or Mustache) tag: `{{{x}}}` or `{{x}}`, its text between the braces.
_HANDLEBARS_TAG = re.compile(r"\{\{(\{?)~?\s*([^{}]*?)\s*~?\}\}(\}?)")
#: `as |item|` (`|item index|`) of an `{{#each list as |item|}}` block.
_BLOCK_ALIAS = re.compile(r"\bas\s*\|\s*([A-Za-z_$][\w$]*)")


def _handlebars_raw_fields(text: str) -> frozenset[str] | None:
    """`_raw_tag_fields` of a Handlebars or Mustache template: `{{{x}}}` and `{{&
    x}}`, each the field of the data it writes, through the blocks around it: in
    `{{#each comments}}` (or `{{#with c}}`, a Mustache section `{{#comments}}`,
    an alias `as |c|`) `{{{body}}}` writes `comments.body` (`_escaped_but_raw`
    reads such a path in the data's fields and items), and `body` too (Mustache
    looks a name up in the contexts around it as well)."""
    names: set[str] = set()
    #: The open blocks: the path of data each one's inside reads (None: the
    #: context does not change, `{{#if x}}`), and the aliases it names.
    blocks: list[tuple[str | None, dict[str, str]]] = []

    def context() -> str | None:
        return next((path for path, _ in reversed(blocks) if path is not None), None)

    def resolve(name: str) -> str:
        head, _, rest = name.partition(".")
        for _, aliases in reversed(blocks):
            if head in aliases:
                return ".".join(x for x in (aliases[head], rest) if x)
        inside = context()
        return f"{inside}.{name}" if inside else name

    for m in _HANDLEBARS_TAG.finditer(text):
        triple, body = m.group(1) == "{", m.group(2)
        if triple != (m.group(3) == "}"):
            return None
        if not triple and body.startswith("#"):
            words = body[1:].split()
            helper = words[0] if words else ""
            if helper in ("each", "with") and len(words) > 1:
                if _TAG_NAME.fullmatch(words[1]) is None:
                    return None
                subject = resolve(words[1])
                alias = _BLOCK_ALIAS.search(body)
                blocks.append((subject, {alias.group(1): subject} if alias else {}))
            elif helper in ("if", "unless") or len(words) > 1:
                blocks.append((None, {}))  # (a condition, or a helper of arguments)
            elif _TAG_NAME.fullmatch(helper) is not None:
                blocks.append((resolve(helper), {}))  # a Mustache section
            else:
                return None
            continue
        if not triple and body.startswith("^"):
            blocks.append((None, {}))
            continue
        if not triple and body.startswith("/"):
            if blocks:
                blocks.pop()
            continue
        if not triple and not body.startswith("&"):
            continue  # an escaping tag, a comment, `{{else}}`, a partial
        tag = body[1:].strip() if not triple else body
        if tag == "this" and context() is not None:
            names.add(str(context()))
            continue
        found = _TAG_NAME.fullmatch(tag)
        if found is None or found.group(1) in ("this", "locals"):
            return None  # (not a name of the data handed to it)
        name = tag.strip()
        names.add(found.group(1))
        resolved = resolve(name)
        if resolved != name:
            names.add(resolved)
    if len(names) == 0 and ("{{{" in text or "{{&" in text.replace(" ", "")):
        return None  # a raw tag this did not read
    return frozenset(names)


#: What markupsafe's `Markup` and `escape` return: text that escapes what it is
#: combined with (`+`, `%`, `.format`).
_MARKUP = frozenset(
    {
        "markupsafe.Markup()",
        "markupsafe.escape()",
        "markupsafe.escape_silent()",
        "flask.Markup()",
        "flask.escape()",
        "jinja2.Markup()",
        "jinja2.escape()",
    }
)
_XSS = frozenset({"xss"})
#: Methods that look a row up by keyword arguments (Django's managers and
#: querysets, SQLAlchemy's `filter_by`): what they return is the database's.
_LOOKUP_METHODS = frozenset(
    {"get", "filter", "filter_by", "exclude", "get_or_create", "update_or_create"}
)
#: JavaScript methods whose name says they look a stored record up by a key, or
#: check credentials and return the account (`findByEmail`, `getUserById`,
#: `findOneBy`, `lookupAccount`, `authenticate`).
_RECORD_LOOKUP = re.compile(
    r"^(?:find(?:One)?By[A-Z]\w*|get\w*By(?:Id|Email|Name|Key|Slug)|lookup[A-Z]\w*|authenticate)$"
)
#: Express response methods that return the response (`res.status(404).send(...)`).
_CHAINED_RESPONSE_METHODS = frozenset(
    {
        "status",
        "type",
        "contentType",
        "set",
        "header",
        "append",
        "cookie",
        "clearCookie",
        "vary",
        "location",
        "links",
        "attachment",
    }
)
#: The class whose sinks count a request's object as it came (`raw_taint`).
_NOSQL = "nosql-injection"
_NOSQL_CLASSES = frozenset({_NOSQL})
#: `typeof x` results that leave no room for any class's data.
_TYPEOF_SCALAR = frozenset({"number", "boolean", "bigint"})
#: Python's builtin types of the same kind, for `isinstance(x, ...)`.
_ISINSTANCE_SCALAR = frozenset({"int", "float", "bool", "complex"})


def _markup_with(markup: Val, others: list[Val]) -> Val:
    """A Markup combined with `others` (`+`, `%`, `.format`): they are escaped."""
    t = deep_taint(markup)
    for v in others:
        t = merge_taint(t, sanitize(deep_taint(v), _XSS))
    return Val(t, qn=markup.qn)


#: How many classes of a chain of bases a result records reading.
_MAX_CLASS_CHAIN = 16
#: An object literal of at most this many fields passes its methods on as
#: `this` to the one called (`inline`).
_SMALL_OBJECT_METHODS = 12
#: The most fields of an options object of plain values (`_scalar_record`) a
#: method's `this` keeps.
_OPTIONS_RECORD_FIELDS = 12

#: Functions reading an object at a path (`_.get(obj, "a.b")`).
_PATH_GETTERS = frozenset({"lodash.get", "lodash.result", "lodash/get", "lodash.get.get"})
#: Calls of parameters a summary keeps (`cb(x)` in a loop is one call site).
_MAX_PARAM_CALLS = 8
#: Comparisons of a digest in constant time: one holding proves the message an
#: HMAC was computed over is the server's own (`_signed_names`).
_DIGEST_COMPARISONS = frozenset(
    {"hmac.compare_digest", "secrets.compare_digest", "crypto.timingSafeEqual"}
)
#: Words of a function that computes an HMAC.
_HMAC_WORDS = frozenset({"hmac", "createHmac"})
#: The request object of Django, Starlette and the other Python frameworks the
#: packs name (`HttpRequest`).
_REQUEST_OBJECT = "HttpRequest"
#: Python's objects that hold data for one request, whatever function sets or
#: reads it: Flask's `g`, a Starlette request's `state`, attributes a Django
#: middleware sets on the request (`request.tenant = ...`). An entry's writes
#: into them are state the file's other entries read.
_REQUEST_GLOBALS = frozenset(
    {"flask.g", f"{_REQUEST_OBJECT}.state", _REQUEST_OBJECT, "FalconRequest.context"}
)
#: Request objects middlewares decorate for the handlers after them (`req.user`).
#: What the Express pack names a handler's request (`req`, `request`).
_EXPRESS_REQUEST = "express.Request"
_REQUEST_OBJECTS = frozenset({_EXPRESS_REQUEST, "express.Response.locals", "koa.Context.state"})
#: The state key of what a handler hands Express's `next(err)`: the app's error
#: middleware, `(err, req, res, next) => ...`, gets it (`_express_error`).
_NEXT_ERROR = "express.error-middleware.next"
#: An Agenda made of the package's default export (`const Agenda = require("agenda")`).
_AGENDA_MADE = frozenset({"agenda()", "agenda.default()"})
#: The state key of the props a Next.js page's `getServerSideProps` returns: the
#: page's component (the module's function named in capitals) is handed them.
_PAGE_PROPS = "next.page.props"
#: The function of a page module whose returned `props` the page gets.
_PROPS_MAKERS = frozenset({"getServerSideProps", "getStaticProps"})
#: A handler's parameters in the order Express hands them.
_EXPRESS_PARAMS = (("req", "request"), ("res", "response"))


def _express_order(names: list[str], at: int) -> bool:
    """Whether parameters `at` and `at + 1` are an Express handler's request and
    response, by their names (`_req`: one the handler does not use)."""
    return (
        names[at].lstrip("_") in _EXPRESS_PARAMS[0]
        and names[at + 1].lstrip("_") in _EXPRESS_PARAMS[1]
    )


#: Dependency-injection containers' look-ups by class: what they return is an
#: object of that class (typedi, tsyringe, inversify; Python's injector, punq).
_CONTAINER_RESOLVERS = frozenset(
    {
        "typedi.Container.get",
        "tsyringe.container.resolve",
        "inversify.Container().get",
        "inversify.Container().resolve",
        "injector.Injector().get",
        "punq.Container().resolve",
    }
)


def _class_ref(v: Val) -> str | None:
    """The workspace class a value names (`ProfileCardRenderer` itself, not an object)."""
    if v.fn is not None and v.fn[0] == "ref" and v.cls is not None and v.fn[1] == v.cls:
        return v.cls
    return None


#: What a CommonJS module exports through (`exports.f = ...`, `module.exports.f = ...`).
_EXPORTS = frozenset({"exports", "module.exports"})


@dataclass(frozen=True)
class _HandlerTable:
    """An object of functions a framework calls with its request's event: by the
    name a route module exports it under, in a module whose file name starts
    with `file_prefix` or that imports one of `imports` (the framework's types)."""

    exported: str
    file_prefix: str
    imports: frozenset[str]
    #: The qualified name of what each function is handed.
    handed: str


#: SvelteKit's form actions (`+page.server.ts`, typed with `./$types`).
_FRAMEWORK_HANDLER_TABLES = (
    _HandlerTable(
        "actions", "+page.server.", frozenset({"@sveltejs/kit", "./$types"}), "web.RequestEvent"
    ),
)
#: class-validator decorators that admit only numbers, booleans, dates, UUIDs,
#: ids, enum members or listed values (a DTO field's value under ValidationPipe).
#: class-validator decorators proving a field is text (a string, not an object).
#: class-validator's `@Matches(/pattern/flags)`: the pattern as written.
_MATCHES_DECORATOR = re.compile(r"Matches\(\s*/(.+)/([a-z]*)\s*[,)]", re.DOTALL)


def _matches_decorator_classes(decorators: list[str]) -> frozenset[str] | None:
    """The classes a DTO field's `@Matches(/^[a-z-]+$/)` makes its value safe for
    (class-validator tests the pattern: it must anchor itself)."""
    for d in decorators:
        m = _MATCHES_DECORATOR.match(d)
        if m is not None and set(m.group(2)) <= {"i", "u"}:
            return guards.regex_classes(m.group(1), False, True)
    return None


_TEXT_VALIDATORS = re.compile(
    r"(?:IsString|IsEmail|IsUrl|IsURL|IsAscii|Matches|Length|MinLength|MaxLength|IsPhoneNumber"
    r"|IsLowercase|IsUppercase|Contains|NotContains|IsFQDN|IsIP|IsJWT|IsSlug)\("
)
#: What a validated text field is made by, for `raw_taint` (a string: no operators).
_VALIDATED_TEXT = "String()"
#: Calls whose result holds what their first argument holds, field by field.
_SAME_OBJECT_CALLS = frozenset(
    {
        "Object.freeze",
        "class-transformer.instanceToPlain",
        "class-transformer.classToPlain",
        "class-transformer.instanceToInstance",
    }
)
#: class-transformer's calls making an object of a class from plain data.
_PLAIN_TO_INSTANCE = frozenset(
    {"class-transformer.plainToInstance", "class-transformer.plainToClass"}
)
#: class-validator's validation of an object, resolving to its errors.
_CLASS_VALIDATE = frozenset({"class-validator.validate", "class-validator.validateSync"})
#: class-transformer's `@Type(() => Dto)`: the class a nested field is made as.
_TRANSFORMED_TYPE = re.compile(r"Type\(\s*\(\)\s*=>\s*([A-Za-z_$][\w$.]*)\s*\)")
#: A nested model field's depth, at most (a model may hold itself).
_MAX_NESTED_MODELS = 3
_SCALAR_VALIDATORS = re.compile(
    r"(?:IsInt|IsNumber|IsPositive|IsNegative|Min|Max|IsBoolean|IsUUID|IsEnum|IsIn|IsDate"
    r"|IsNumberString|IsBooleanString|IsMongoId|IsAlphanumeric|IsAlpha|IsHexadecimal"
    r"|IsISO8601|IsPort|IsDecimal|IsLatitude|IsLongitude)\("
)
#: Django form fields whose cleaned value is no text of the request (a number, a
#: date, a boolean, a UUID, one of the declared choices, a model instance).
_TYPED_FORM_FIELDS = frozenset(
    {
        "IntegerField",
        "FloatField",
        "DecimalField",
        "BooleanField",
        "NullBooleanField",
        "DateField",
        "DateTimeField",
        "TimeField",
        "DurationField",
        "UUIDField",
        "ChoiceField",
        "TypedChoiceField",
        "MultipleChoiceField",
        "ModelChoiceField",
        "ModelMultipleChoiceField",
        # Letters, digits, `_` and `-` only; an IP address (DRF's and Django's).
        "SlugField",
        "IPAddressField",
        "GenericIPAddressField",
        # DRF's names for the same.
        "PrimaryKeyRelatedField",
    }
)

#: Flask-WTF's fields of uploaded files, and what their data is.
_FILE_FORM_FIELDS = frozenset({"FileField", "MultipleFileField"})
_UPLOADED_FILE = "flask.request.files[]"
#: Flask-WTF's form base, as written: its forms read the request themselves.
_FLASK_WTF_FORMS = "FlaskForm|*.FlaskForm"
_FLASK_FORM_LABEL = "Flask request data"
#: A FastAPI dependency's parameters are read from the request as a route's are
#: (the fastapi pack's label for those: a remote source).
_FASTAPI_PARAM_LABEL = "a FastAPI route parameter"
#: Pydantic's validator of a whole model, run on the made object (`self`).
_AFTER_MODEL_VALIDATOR = re.compile(r"(?:pydantic\.)?model_validator\(mode=['\"]after['\"]\)")
#: WTForms' form bases, qualified: a form made of data reads it field by field.
_WTFORMS_BASES = frozenset(
    {"wtforms.Form", "wtforms.form.Form", "flask_wtf.FlaskForm", "flask_wtf.Form"}
)
#: WTForms' fields that hold a number, a date, a boolean or one of their choices.
_TYPED_WTFORMS_FIELDS = frozenset(
    {
        *("IntegerRangeField", "DecimalRangeField", "DateTimeLocalField", "MonthField"),
        *("SelectField", "RadioField", "SelectMultipleField"),
    }
)

#: marshmallow's schema bases, as written (flask-marshmallow's `ma.Schema` too).
_MARSHMALLOW_SCHEMAS = "Schema|*.Schema|*.SQLAlchemySchema|*.SQLAlchemyAutoSchema"
#: marshmallow's fields that load a number, a date, a boolean or a UUID.
_TYPED_MARSHMALLOW_FIELDS = frozenset(
    {
        *("Int", "Integer", "Float", "Decimal", "Number", "Boolean", "Bool"),
        *("Date", "DateTime", "NaiveDateTime", "AwareDateTime", "Time", "TimeDelta", "UUID"),
    }
)

#: Calls that make a list-like sequence whose positions the analysis can follow.
_SEQUENCE_MAKERS = frozenset({"list", "collections.deque"})


#: `_deque_bound` of a sequence without a bound.
_UNBOUNDED = "unbounded"
#: The flag of a deque's bound (`maxlen=4`: "maxlen=4").
_MAXLEN = "maxlen="


def _deque_bound(qn: str, argv: list[Val], kwv: dict[str, Val]) -> str:
    """Whether a sequence maker's positions can be followed: "" if not (a keyword
    not known, a bound not constant), `_UNBOUNDED`, or the `_MAXLEN` flag of a
    deque's constant bound (`deque(xs, maxlen=4)`, `deque(xs, 4)`)."""
    bound = kwv.get("maxlen") if set(kwv) <= {"maxlen"} else None
    if kwv and bound is None:
        return ""
    if len(argv) == 2 and bound is None:
        bound = argv[1]
    elif len(argv) > 1:
        return ""
    if bound is None:
        return _UNBOUNDED
    n = single_const(bound)
    if qn != "collections.deque" or type(n) is not int or n < 0:
        return ""
    return f"{_MAXLEN}{n}"


def _bounded(v: Val, keep_last: bool) -> Val:
    """A bounded deque's positions after an element came in: those over its bound
    fall out at the other end (`append`: the first; `appendleft`: the last)."""
    bound = next((f for f in v.flags if f.startswith(_MAXLEN)), None)
    if bound is None or v.seq is None:
        return v
    n = int(bound[len(_MAXLEN) :])
    if len(v.seq) <= n:
        return v
    return v.replace(seq=v.seq[len(v.seq) - n :] if keep_last else v.seq[:n])


def _seq_after(name: str, seq: tuple[Val, ...], argv: list[Val]) -> tuple[Val, ...] | None:
    """A list's known positions after `remove(C)`, `sort()` or `reverse()` (None:
    no longer known)."""
    if name == "reverse":
        return seq[::-1]
    if name != "remove" or not argv:
        return None
    target = single_const(argv[0])
    if target is NO_CONST:
        return _seq_after_removing(seq, argv[0])
    for i, x in enumerate(seq):
        c = single_const(x)
        if c is NO_CONST:
            return None
        if c == target:
            return seq[:i] + seq[i + 1 :]
    return seq  # not there: `remove` raises, the list is unchanged


def _cut_in_prefix(name: str, recv: Val, argv: list[Val], js: bool) -> Val | None:
    """`text.split(sep)`, `partition(sep)`, JS `slice(a, b)` / `substring(a, b)` of a
    text whose start the code wrote (`recv.prefix`), where the pieces asked for lie
    in that start: those are constants (`("safe!" + q).split("!")[0]` is `safe`),
    the rest holds the text's data. None: not one of those."""
    prefix, data = recv.prefix or ("", {})
    given = [single_const(a) for a in argv]
    rest = Val(data)
    if name == "split" and given and isinstance(given[0], str) and given[0]:
        sep = given[0]
        if len(given) == 1:
            pieces = prefix.split(sep)
        elif not js and len(given) == 2 and type(given[1]) is int:
            pieces = prefix.split(sep, given[1])
        else:
            return None
        if len(pieces) < 2:
            return None  # (no separator in the start: every piece may hold data)
        return with_tail(Val(), tuple(const_val(p) for p in pieces[:-1]), rest)
    if name == "partition" and not js and len(given) == 1 and isinstance(given[0], str):
        sep = given[0]
        if not sep or sep not in prefix:
            return None
        return Val(seq=(const_val(prefix.partition(sep)[0]), const_val(sep), rest))
    if name in ("slice", "substring") and js and len(given) == 2:
        return _start_cut(prefix, given[0], given[1])
    return None


def _start_cut(prefix: str, start: Any, stop: Any) -> Val | None:
    """`text[start:stop]` of a text starting with `prefix`, when the cut lies in it
    (None: it may reach the data after it)."""
    # (JavaScript's numbers fold to floats: `PREFIX.length - 1` is `7.0`.)
    start, stop = _whole_number(start), _whole_number(stop)
    if start is not None and stop is not None and 0 <= start <= stop <= len(prefix):
        return const_val(prefix[start:stop])
    return None


def _whole_number(x: Any) -> int | None:
    """`x` as an index: an int, or a float with no fraction; else None."""
    if type(x) is int:
        return x
    if type(x) is float and x.is_integer():
        return int(x)
    return None


#: Python's conversions that raise nothing for a literal they take (`int("12")`).
_QUIET_CONVERSIONS: dict[str, Callable[[Any], Any]] = {"int": int, "float": float, "str": str}
#: What every plain JavaScript object inherits from `Object.prototype` (`k in obj`).
_OBJECT_PROTOTYPE_KEYS = frozenset(
    {
        "constructor",
        "hasOwnProperty",
        "isPrototypeOf",
        "propertyIsEnumerable",
        "toLocaleString",
        "toString",
        "valueOf",
        "__proto__",
        "__defineGetter__",
        "__defineSetter__",
        "__lookupGetter__",
        "__lookupSetter__",
    }
)
#: Comparisons of numbers by order and equality, and each with its sides swapped.
_ORDERED = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}


def _sign_compared(op: str, a: Val, b: Val) -> frozenset[bool] | None:
    """`len(t) > -1`, `0 <= len(t)`, `len(t) < 0`: decided by a size's sign alone
    (None: not decided)."""
    if _NON_NEGATIVE in b.flags and _NON_NEGATIVE not in a.flags:
        a, b, op = b, a, _ORDERED[op]
    if _NON_NEGATIVE not in a.flags:
        return None
    n = single_const(b)
    if isinstance(n, bool) or not isinstance(n, int | float):
        return None
    # Known for every size 0, 1, 2, ... only below zero (or at it, for `<`, `>=`).
    below = n < 0 or (n == 0 and op in ("<", ">="))
    holds = {"<": False, "<=": False, ">": True, ">=": True, "==": False, "!=": True}[op]
    return frozenset({holds}) if below else None


def _same_value(x: Val, item: Val) -> bool:
    """Whether `x` is the value `item` is, as a list holds it: the same object, or
    the same labels with the same paths, the list's variable added (`items = [d,
    q]` holds `q` with the hop `items`)."""
    if x is item:
        return True
    if not item.taint or x.taint.keys() != item.taint.keys() or not same(x, item):
        return False
    for label, hops in item.taint.items():
        held = x.taint[label]
        if held[: len(hops)] != hops or len(held) > len(hops) + 1:
            return False
    return True


def _seq_after_removing(seq: tuple[Val, ...], item: Val) -> tuple[Val, ...] | None:
    """A list's known positions after `remove(x)` of a value not known, added to
    the list as it is (`lst.append(q)`, then `lst.remove(q)`): the element removed
    is the first equal to it, that one or one before it, so each position before
    it holds what it held or what followed it (the value itself, only when equal
    to one of those before it), and those after it move up (None: the value is
    not one of the list's)."""
    found = [i for i, x in enumerate(seq) if _same_value(x, item)]
    if len(found) != 1:
        return None
    at = found[0]
    before = tuple(join(seq[k], seq[k + 1]) for k in range(at - 1))
    if at:
        # The value itself moves up only when one before it was equal to it, and
        # taken out: then it holds what that one held.
        equal = seq[0]
        for x in seq[1:at]:
            equal = join(equal, x)
        before += (equal,)
    return (*before, *seq[at + 1 :])


def _is_number(v: Val) -> bool:
    """A constant that is a number (and only numbers)."""
    return bool(v.consts) and all(
        isinstance(x, int | float) and not isinstance(x, bool) for x in v.consts or ()
    )


_COMPARISONS = frozenset(
    {"==", "!=", "===", "!==", "<", "<=", ">", ">=", "in", "notin", "is", "isnot", "instanceof"}
)
_STR_METHODS = frozenset(
    {
        "upper",
        "lower",
        "strip",
        "lstrip",
        "rstrip",
        "title",
        "capitalize",
        "casefold",
        "toUpperCase",
        "toLowerCase",
        "trim",
    }
)


def _without_key(o: Val, key: Any) -> Val:
    if o.fields is None or key not in o.fields:
        return o
    return o.replace(fields={k: v for k, v in o.fields.items() if k != key})


def _slice_of_name(e: Any) -> bool:
    """`NAME[a:b]` with constant bounds, or `NAME.slice(a, b)` of constants."""
    if not isinstance(e, list) or not e:
        return False
    if e[0] == ir.SUB:
        k = e[2]
        return (
            isinstance(e[1], list)
            and e[1][:1] == [ir.NAME]
            and isinstance(k, list)
            and len(k) == 5
            and k[:2] == [ir.OPAQUE, ir.SLICE]
        )
    if e[0] == ir.CALL:
        func, args = e[2], e[3]
        return (
            not e[4]
            and isinstance(func, list)
            and func[0] == ir.ATTR
            and func[2] == "slice"
            and isinstance(func[1], list)
            and func[1][:1] == [ir.NAME]
            and 0 < len(args) <= 2
            and all(isinstance(a, int) and not isinstance(a, bool) for a in args)
        )
    return False


def _known_sizes(v: Val) -> frozenset[Any] | None:
    """The lengths a display of known items or a constant string can have."""
    if v.seq is not None and v.fields is None and v.elems is None:
        return frozenset({len(v.seq)})
    if v.consts is not None and all(isinstance(c, str) for c in v.consts):
        return frozenset(len(c) for c in v.consts)
    return None


def _in_display(item: Val, items: Val, negated: bool) -> frozenset[Any] | None:
    """`mode in {"json", "ndjson"}` of a constant and a display of constants."""
    if items.seq is None or items.fields is not None or items.elems is not None:
        return None
    found = consts.membership(item.consts, [v.consts for v in items.seq])
    if found is None or not negated:
        return found
    return frozenset(not v for v in found)


def _fold_str_method(values: frozenset[Any], name: str) -> frozenset[Any] | None:
    out = set()
    for v in values:
        if not isinstance(v, str):
            return None
        f = {"toUpperCase": "upper", "toLowerCase": "lower", "trim": "strip"}.get(name, name)
        out.add(getattr(v, f)())
    return frozenset(out)


#: Calls that end the process, as written (`process.exit(2)`, `sys.exit(1)`).
_EXIT_CALLS = frozenset({"process.exit", "sys.exit", "os._exit", "exit", "quit"})
#: Methods that change only a text's case.
_CASE_METHODS = frozenset({"toLowerCase", "toUpperCase", "lower", "upper", "casefold"})


def _host_read(e: Any) -> Any:
    """The `x.hostname` (`netloc`, ...) an expression reads, as it is or case-folded,
    with an empty default (`(x.hostname or "").lower()`); None for anything else."""
    e = _case_folded(e)
    if (
        isinstance(e, list)
        and e[0] == ir.BIN
        and e[1] in ("or", "||", "??")
        and not isinstance(e[3], list)
    ):
        e = e[2]
    if isinstance(e, list) and e[0] == ir.ATTR and e[2] in _HOST_PARTS:
        return e
    return None


def _case_folded(e: Any) -> Any:
    """`x` of `x.toLowerCase()` (`x.lower()`; also `(x or "").lower()`, `(x ||
    "").toLowerCase()`: an empty default is no value an allow-list holds), and of
    its text (`String(x)`, `str(x)`, `x.toString()`: what a list admits of the
    text holds wherever `x` is written as text; a value that is no text, an
    operator object, is none of a list's texts as one), else `e` itself."""
    for _ in range(3):
        # (`String(x).toLowerCase()` and `String(x.toLowerCase())` alike.)
        unwrapped = _text_of(e)
        if unwrapped is e:
            unwrapped = _folded_once(e)
            if unwrapped is e:
                return e
        e = unwrapped
    return e


def _text_of(e: Any) -> Any:
    """`x` of `String(x)`, `str(x)`, `x.toString()`; else `e` itself."""
    if (
        isinstance(e, list)
        and e
        and e[0] == ir.CALL
        and isinstance(e[2], list)
        and not e[4]
        and (
            (e[2] in ([ir.NAME, "String"], [ir.NAME, "str"]) and len(e[3]) == 1)
            or (e[2][0] == ir.ATTR and e[2][2] == "toString" and not e[3])
        )
    ):
        return e[3][0] if e[3] else e[2][1]
    return e


def _allowed_host(v: Val) -> bool:
    """Whether a check function's fact says a host name is one the code allows:
    each of its labels is safe for the URL classes or marked an allowed host (a
    constant, with no label, is one of the code's)."""
    return all(
        "*" in san or san >= url_prefix.URL_CLASSES or guards.ALLOWED_HOST in san
        for _, san in deep_taint(v)
    )


def _folded_once(e: Any) -> Any:
    """`x` of `x.toLowerCase()` (see `_case_folded`); else `e` itself."""
    if (
        isinstance(e, list)
        and e
        and e[0] == ir.CALL
        and not e[3]
        and not e[4]
        and isinstance(e[2], list)
        and e[2][0] == ir.ATTR
        and e[2][2] in _CASE_METHODS
    ):
        inner = e[2][1]
        if (
            isinstance(inner, list)
            and inner[:2] in ([ir.BIN, "or"], [ir.BIN, "||"], [ir.BIN, "??"])
            and inner[3] == ""
        ):
            return inner[2]
        return inner
    return e


def _always_stops(stmts: list[Any]) -> bool:
    """Whether a body never returns: every path through it ends in a `raise` or
    `throw` or an exit call (`_EXIT_CALLS`), with no `return` on the way (a
    command-line tool's `usage(message)` that prints and exits)."""
    for st in stmts:
        op = st[0]
        if op == ir.RETURN:
            return False
        if op == ir.STOP:
            return True
        if op == ir.EXPR and _is_exit_call(st[1]):
            return True
        if op == ir.IF:
            if _always_stops(st[2]) and _always_stops(st[3]):
                return True
            if _has_return(st[2]) or _has_return(st[3]):
                return False
        elif op in (ir.LOOP, ir.TRY) and _has_return([st]):
            return False
    return False


def _has_return(stmts: list[Any]) -> bool:
    """Whether a `return` may be among the statements, at any depth of their blocks."""
    return any(st is None or st[0] == ir.RETURN for st in _nested_statements(stmts))


def _is_exit_call(e: Any) -> bool:
    """Whether `e` calls one of `_EXIT_CALLS`, as written."""
    if not (isinstance(e, list) and e and e[0] == ir.CALL and isinstance(e[2], list) and e[2]):
        return False
    func = e[2]
    if func[0] == ir.NAME:
        return func[1] in _EXIT_CALLS
    return (
        func[0] == ir.ATTR
        and isinstance(func[1], list)
        and func[1][0] == ir.NAME
        and f"{func[1][1]}.{func[2]}" in _EXIT_CALLS
    )


def _proved_fields(env: Env) -> dict[str, frozenset[str]]:
    """The request fields (by qualified name: `express.Request.query.q`) the values
    of a middleware's state were read from, and the classes every label of each is
    safe for there (`const term = req.query.q` after `if (!RE.test(term)) return`)."""
    proved: dict[str, frozenset[str]] = {}
    for v in env.values():
        if v.qn is None or not v.taint:
            continue
        for _, san in v.taint:
            proved[v.qn] = proved[v.qn] & san if v.qn in proved else san
    return {qn: classes for qn, classes in proved.items() if classes}


def _proved_everywhere(proofs: list[dict[str, frozenset[str]]]) -> dict[str, frozenset[str]]:
    """What holds at every `next()` a middleware calls (`_proved_fields` of each)."""
    out = dict(proofs[0])
    for proof in proofs[1:]:
        out = {qn: c & proof[qn] for qn, c in out.items() if qn in proof and c & proof[qn]}
    return out


#: Marks the state key of an item kept by key for a later request: a session's
#: (`flask.session[].next`, `express.Request.session[].returnTo`), a shared
#: cache's (`django.core.cache.cache[].^probe:`) or a signed token's
#: (`signed.loads[].*`). The entries that read it mention the object or the
#: reading method, not the key (which may be a string).
_KEPT_ITEMS = "[]"


#: A cache's (or Redis's) methods that store a value under a key: the value's place.
_CACHE_WRITES = {"set": 1, "add": 1, "setnx": 1, "getset": 1, "setex": 2, "psetex": 2}
#: Its methods that read the value under a key.
_CACHE_READS = frozenset({"get", "getdel", "getex"})
#: Caches a process's handlers share: what one stores, another reads (Django's
#: cache, Flask-Caching's, a Redis client's).
_CACHES = frozenset(
    {
        "django.core.cache.cache",
        "flask_caching.Cache()",
        "redis.Redis()",
        "redis.StrictRedis()",
        "redis.from_url()",
        # JavaScript: ioredis (`new Redis(url)`, `new Redis.Cluster(...)`), node-redis.
        "ioredis()",
        "ioredis.Redis()",
        "ioredis.default()",
        "ioredis.Cluster()",
        "redis.createClient()",
        "redis.createCluster()",
    }
)


def _signing_calls() -> dict[str, tuple[str, bool]]:
    """Signing calls by qualified name: (the method that reads what they sign, whether
    the call signs)."""
    out: dict[str, tuple[str, bool]] = {}
    serializers = ("Serializer()", "URLSafeSerializer()", "TimedSerializer()")
    for s in (*serializers, "URLSafeTimedSerializer()"):
        out[f"itsdangerous.{s}.dumps"] = ("loads", True)
        out[f"itsdangerous.{s}.loads"] = ("loads", False)
    out["django.core.signing.dumps"] = ("loads", True)
    out["django.core.signing.loads"] = ("loads", False)
    for signer in ("django.core.signing.Signer()", "django.core.signing.TimestampSigner()"):
        out[f"{signer}.sign"] = ("unsign", True)
        out[f"{signer}.unsign"] = ("unsign", False)
        out[f"{signer}.sign_object"] = ("unsign_object", True)
        out[f"{signer}.unsign_object"] = ("unsign_object", False)
    for signer in ("itsdangerous.Signer()", "itsdangerous.TimestampSigner()"):
        out[f"{signer}.sign"] = ("unsign", True)
        out[f"{signer}.unsign"] = ("unsign", False)
    return out


#: What a module signs, its handlers read back verified (the python pack's
#: sanitizers make the read clean otherwise: the server signed it).
_SIGNING = _signing_calls()


def _cache_bucket(arg: Any, key: Val) -> str:
    """A cache key as far as it is known: `=` and the key, `^` and the constant its
    text starts with (`f"probe:{user.pk}"`), or `*` (dots are written `:`, so a
    state key keeps one dot before it)."""
    known = single_const(key)
    if isinstance(known, str):
        return "=" + known.replace(".", ":")
    if isinstance(arg, list) and arg[:1] == [ir.JOIN] and arg[1] and isinstance(arg[1][0], str):
        return "^" + arg[1][0].replace(".", ":")
    return "*"


def _same_cache_key(written: str, read: str) -> bool:
    """Whether keys so known (`_cache_bucket`) may be the same key."""
    if "*" in (written, read):
        return True
    a, b = written[1:], read[1:]
    if written[0] == "=" and read[0] == "=":
        return a == b
    return a.startswith(b) or b.startswith(a)


def _state_owner(obj: Val) -> str | None:
    """Whose attributes an entry's writes keep for the file's other entries: a
    class's (`Cls.cache = v`), or an object that holds one request's data
    whatever function sets or reads it (Flask's `g`); None for another object."""
    if _is_class_ref(obj) and obj.cls is not None:
        return obj.cls
    return obj.qn if obj.qn in _REQUEST_GLOBALS else None


def _chains_named(a: Any, definition: Callable[[str], Any]) -> Any:
    """A route argument, or the list of calls a name it is bound to once holds."""
    if isinstance(a, list) and a and a[0] == ir.NAME and isinstance(a[1], str):
        found = definition(a[1])
        if (
            isinstance(found, list)
            and found
            and found[0] == ir.SEQ
            and found[2]
            and all(isinstance(x, list) and x and x[0] == ir.CALL for x in found[2])
        ):
            return found
    return a


def _is_class_ref(v: Val) -> bool:
    return v.fn is not None and v.fn[0] == "ref" and v.cls is not None


def _narrowed(before: Val, after: Val) -> Val | None:
    """`before` as a callee's check left it (`after`: its labels sanitized for more
    classes, or reduced to constants), or None if `after` is not such a narrowing
    (a store added data, a field changed). Fields the check reduced to constants
    (`url.host in ALLOWED`: the host is one of them) come along."""
    if (
        after.fields
        and after.elems is None
        and after.seq is None
        and before.fields is None
        and not any(deep_taint(f) for f in after.fields.values())
    ):
        got = _narrowed(before, after.replace(fields=None))
        return got.replace(fields=dict(after.fields)) if got is not None else None
    if after.fields is not None or after.elems is not None or after.seq is not None:
        return None
    if not before.taint:
        return None
    by_origin = {origin: classes for origin, classes in before.taint}
    for origin, classes in after.taint:
        old = by_origin.get(origin)
        if old is None or not old <= classes:
            return None
    if after.taint and set(after.taint) == set(before.taint):
        return None
    consts = after.consts if after.consts is not None else before.consts
    if before.elems is None and before.fields is None and before.seq is None:
        return before.replace(taint=after.taint, consts=consts)
    # `isValidLabel(label)` of a `label` that may also be an array (`req.body.label
    # || today.slice(0, 10)`): the callee saw one value and checked it whole, so what
    # it proved holds of the parts too.
    added: frozenset[str] | None = None
    for origin, classes in after.taint:
        extra = classes - by_origin[origin]
        added = extra if added is None else added & extra
    parts = deep_taint(before.replace(taint={}))
    if added:
        parts = sanitize(parts, added)
    return Val(
        merge_taint(after.taint, parts), consts, qn=before.qn, cls=before.cls, flags=before.flags
    )


def _append_elem(o: Val, item: Val) -> Val:
    """List `o` with `item` added at its end: a known head stays known."""
    head = list_head(o)
    return with_tail(o, head, item) if head else _add_elem(o, item)


def _add_elem(o: Val, item: Val) -> Val:
    elems = item if o.elems is None else join(o.elems, item)
    if o.seq is not None:
        return o.replace(seq=None, elems=_seq_join(o.seq, elems))
    return o.replace(elems=elems)


def _seq_join(seq: tuple[Val, ...], acc: Val) -> Val:
    for x in seq:
        acc = join(acc, x)
    return acc


def _merge_obj(o: Val, new: Val) -> Val:
    """An object after a call stored `new`'s fields and elements into it."""
    fields = dict(o.fields or {})
    for k, v in (new.fields or {}).items():
        fields[k] = v
    elems = o.elems
    if new.elems is not None:
        elems = new.elems if elems is None else join(elems, new.elems)
    seq = new.seq if new.seq is not None else o.seq
    return o.replace(
        taint=merge_taint(o.taint, new.taint),
        fields=fields or None,
        elems=elems,
        seq=seq,
        flags=o.flags | new.flags,
    )


def _spread_merged(o: Val, spread: Val) -> Val:
    """An object after `o.update(spread)`, as `{**o, **spread}` would be."""
    fields, elems = _spread_into(dict(o.fields or {}), o.elems, spread)
    return o.replace(fields=fields or None, elems=elems)


def _replaced_by(new: Val, _old: Val) -> Val:
    """What a check proved a value is (`_narrow_path`'s change, bound with `partial`)."""
    return new


#: What a value stored at an operator's key is (`$where`: JavaScript run by
#: the database), where the request chooses the key.
_OPERATOR_CLASSES = frozenset({"code-injection"})
#: The field of a Python match object holding the pattern it matched (`m.group(n)`).
_MATCHED_PATTERN = "\x00matched pattern"
#: The field of an object holding what was stored at keys the code chose but
#: the analysis cannot name (`query[name] = value`, `name` from configuration).
_CODE_CHOSEN_KEY = "\x00code-chosen key"
#: A JavaScript `Proxy`'s `get` trap, kept on the object it wraps: reading a
#: property the object does not hold runs it with the property's name.
_PROXY_GET = "\x00proxy get"


def _set_key(o: Val, key: Any, val: Val) -> Val:
    if key is NO_CONST:
        return _add_elem(o, val)
    if o.seq is not None and isinstance(key, int) and not isinstance(key, bool):
        seq = list(o.seq)
        if -len(seq) <= key < len(seq):
            seq[key] = val
            return o.replace(seq=tuple(seq))
        return _add_elem(o, val)
    fields = dict(o.fields or {})
    fields[key] = val
    return o.replace(fields=fields)


#: The qualified-name prefix of a request's JSON object handed to a Python
#: handler as a parameter (`payload: dict[str, Any]`): unknown, but what its
#: `get` returns is its value as it came (`raw_taint`).
_RAW_OBJECT_QN = "?object:"
#: The names a summary gives what it holds as it came whatever the caller's name.
_SUMMARY_RAW_QNS = (_RAW_QN, _RAW_OBJECT_QN)
#: Classes whose sinks are queries: their results are the store's data.
_QUERY_CLASSES = frozenset(
    {"sql-injection", "nosql-injection", "xpath-injection", "ldap-injection"}
)


def _emitter(v: Val) -> bool:
    """Whether a value is a Node EventEmitter (`new EventEmitter()`, of `require("events")`
    the module being the class)."""
    return v.qn is not None and (v.qn.endswith("EventEmitter()") or v.qn == "events()")


#: An EventEmitter's methods that register a listener.
_LISTEN_METHODS = frozenset({"on", "once", "addListener", "prependListener"})
#: The bases of a JavaScript class that emits events to its own listeners.
_EMITTER_BASES = "EventEmitter|events.EventEmitter|EventEmitter2|Emittery"
#: What sends a Python signal (Django, blinker) or emits a pyee event.
_PY_SEND_METHODS = frozenset({"send", "send_robust", "send_async", "emit"})
#: A pyee emitter's methods that register a listener.
_PY_LISTEN_METHODS = frozenset({"on", "once", "add_listener"})
#: A signal's methods that connect a receiver (Django, blinker).
_CONNECT_METHODS = frozenset({"connect", "connect_via"})

#: Calls whose result is their argument's text, when that is a string already.
_SAME_TEXT = frozenset({"str", "builtins.str", "String"})


def _checked_name(e: Any) -> Any:
    """The name a check of `e` checks (`e` itself when it is none of these).
    `x or ""` (`x || ""`, `x ?? ""`) checked is `x` checked: where `x` is empty
    the check saw the constant, and an empty `x` carries no data. So is its text
    (`String(x)`, `str(x)`, `x.toString()`): what a pattern proves of the text
    holds wherever `x` is written as text, and a value that is no text (a list
    of the query's repeated parameters) matches no strict pattern as one."""
    inner = _text_of(e)
    if inner is not e:
        if isinstance(inner, list) and inner[0] == ir.NAME:
            return inner
        e = inner
    if (
        isinstance(e, list)
        and e[0] == ir.BIN
        and e[1] in ("or", "||", "??")
        and isinstance(e[2], list)
        and e[2][0] == ir.NAME
        and not isinstance(e[3], list)
    ):
        return e[2]
    return e


def _iterated(v: Val, roots: frozenset[str], js: bool) -> Val:
    """What iterating `v` gives: a Python dict's keys (`_dict_keys`), else an
    element, named after the container when the
    models speak of its package (`for f in request.files.getlist("docs")`: each
    is `flask.request.files.getlist()[]`, whose `save` a model names). A name no
    model can match would only make new calling contexts: naming every loop's
    items made webpack's interpreter run 27 % more statements."""
    if not js:
        keys = _dict_keys(v)
        if keys is not None:
            return keys
    if KEYS in (v.fields or {}):
        # A dict (its keys) or a JS Map (`[key, value]` entries) some keys of
        # which the data wrote: what iterating it gives holds those keys.
        if js:
            return Val(seq=(keys_of(v), element(v))) if v.qn == "Map()" else element(v)
        return join(element(v), keys_of(v))
    item = element(v)
    # Not an item of an item (`node["all"]`'s children): a recursive walk of
    # nested data would make a new name, so a new calling context, at each level.
    if (
        v.qn is not None
        and item.qn is None
        and not v.qn.endswith("]")
        and (
            v.qn.split(".", 1)[0].replace("()", "") in roots
            # An XML element's children (`for item in channel.findall("item")`):
            # elements, whose `find` is no string's.
            or (not js and v.qn.startswith(_XML_TREES))
            # A request's list as it came (a NestJS `@Body()`'s `body.parcels`):
            # each item came as it is too (an object a NoSQL filter reads).
            or (js and item.taint and came_as_it_is(v))
        )
    ):
        if not js and v.qn.endswith((".values()", ".items()")):
            # A mapping's values are its items (`request.files.values()`: each is
            # `flask.request.files[]`); `.items()` pairs each with its key.
            container, _, view = v.qn.rpartition(".")
            if view == "items()":
                # (`items()` made each element a pair of a key and a value.)
                value = element(item)
                return Val(seq=(Val(value.taint), value.replace(qn=f"{container}[]")))
            return item.replace(qn=f"{container}[]")
        return item.replace(qn=f"{v.qn}[]")
    return item


def _values_as_they_came(v: Val) -> Val:
    """A value of a JS object (`Object.values`, `Object.entries`): one of a
    request's object as it came is a request's value as it came too (`raw_taint`),
    named as an item of it; so is one of an object the code made of such values."""
    item = element(v)
    if item.qn is None and item.taint and came_as_it_is(v):
        return item.replace(qn=f"{v.qn}[]")
    if (
        item.qn is None
        and item.taint
        and v.fields
        and all(came_as_it_is(f) for k, f in v.fields.items() if k != KEYS and f.taint)
    ):
        # `Object.entries({ status, owner })` of values each read from the body:
        # whichever it is, it came as it is.
        return item.replace(qn=_RAW_QN)
    return item


def _dict_keys(v: Val) -> Val | None:
    """A Python dict whose every key is a constant the program wrote (a literal,
    or filled at known keys: `d[field] = x` for `field` in a constant tuple):
    iterating it gives those keys, not its values. None for anything else (an
    object of a class, a request's part, a dict with unknown keys)."""
    if (
        not v.fields
        or v.taint
        or v.seq is not None
        or v.elems is not None
        or v.qn is not None
        or v.cls is not None
        or v.fn is not None
        or KEYS in v.fields
        or not all(isinstance(k, str) for k in v.fields)
    ):
        return None
    return Val(consts=frozenset(v.fields)) if len(v.fields) <= consts.MAX_VALUES else EMPTY


def _class_of_method(method_id: str) -> str:
    """The class a method id belongs to."""
    return definition_id(
        file_of_id(method_id), NodeType.CLASS, parse_id(method_id).path.rsplit(".", 1)[0]
    )


def _handler_lists(argv: list[Val]) -> list[Val]:
    """A call's arguments with each list of functions spread in its place
    (`app.get(p, [auth, load], handler)`, `compose([timing, readTarget])`)."""
    out: list[Val] = []
    for v in argv:
        if v.seq and all(x.fn is not None and x.fn[0] in ("lambda", "def", "ref") for x in v.seq):
            out.extend(v.seq)
        else:
            out.append(v)
    return out


def _bound_method(v: Val) -> Val | None:
    """The method of `obj.m.bind(obj, ...)` (a `values.METHOD` on its object)."""
    if v.fn is None or v.fn[0] != _BOUND:
        return None
    inner: Val = v.fn[1]
    return inner if inner.fn is not None and inner.fn[0] == _METHOD else None


def _class_refs(v: Val) -> bool:
    """Whether a value is one of a few workspace classes themselves (a table of
    classes read at an unknown key: `PROBES.get(kind)`)."""
    return (
        v.fn is not None
        and v.fn[0] == _UNION
        and all(f[0] == "ref" and parse_id(f[1]).kind == NodeType.CLASS for f in v.fn[1])
    )


def _bound_function(v: Val) -> tuple[Val, Val | None, tuple[Val, ...]] | None:
    """Of `f.bind(thisArg, a)` of a lambda or a function of the file: (`f`, the
    object it runs on if that has fields, the arguments bound first); None for
    another value."""
    if v.fn is None or v.fn[0] != _BOUND:
        return None
    inner: Val = v.fn[1]
    if inner.fn is None or inner.fn[0] not in ("lambda", "def"):
        return None
    this: Val | None = v.fn[3]
    return inner, (this if this is not None and this.fields else None), tuple(v.fn[2])


def _as_method_call(func: Any, method: str) -> list[Any]:
    """A call of a method taken as a value, written as a call on its object."""
    return [ir.ATTR, func, parse_id(method).path.rsplit(".", 1)[-1]]


def _inlinable(f: Val) -> bool:
    """A lambda or a function of this file the interpreter can run in place."""
    return f.fn is not None and f.fn[0] in ("lambda", "def", "ref")


def _string_keys(k: Val) -> bool:
    """A key that is one of a few known strings."""
    return bool(k.consts) and all(isinstance(c, str) for c in k.consts or ())


def _set_one_of(o: Val, keys: frozenset[Any], val: Val) -> Val:
    """`o[k] = val` for a key known to be one of `keys`: each may now hold `val`."""
    if o.seq is not None:
        return _add_elem(o, val)
    fields = dict(o.fields or {})
    for k in keys:
        fields[k] = join(fields[k], val) if k in fields else val
    return o.replace(fields=fields)


def _separated_taint(items: Val, sep: Val) -> Taint:
    """The taint of `sep.join(items)`: for a list of known positions, the text built
    in order (`"/".join([DOCS_ROOT, page])` fixes the URL's host, `_joined_taint`)."""
    if items.seq is None or not items.seq or items.fields or items.elems is not None:
        return deep_taint(items)
    parts: list[Val] = []
    for n, item in enumerate(items.seq):
        if n:
            parts.append(sep)
        parts.append(item)
    return merge_taint(items.taint, _joined_taint(parts))


#: The constant text of a page kept to tell where in it the next part lands.
_PAGE_CONTEXT = 4096


def _first_name_argument(e: Any) -> str | None:
    """The name a call's first argument is (`os.path.realpath(target)`: `target`)."""
    if (
        isinstance(e, list)
        and e[0] == ir.CALL
        and e[3][:1]
        and isinstance(e[3][0], list)
        and e[3][0][0] == ir.NAME
    ):
        name: str = e[3][0][1]
        return name
    return None


def _placed_in_page(page: str, pt: Taint) -> Taint:
    """Labels written after `page` (the constant HTML so far, holding a `<`):
    `<h1>${escapeText(q)}</h1>`: between tags, data without `<` is text; inside a
    tag (`value="${escapeText(q)}"`) it is not, wherever the whole lands later."""
    if guards.html_text_context(page):
        return guards.text_escaped(pt)
    pt = guards.uri_encoded_after_quote(pt, page)
    if guards.script_context(page):
        # `<script>window.__STATE__ = ${JSON.stringify(s).replace(/</g, "\\u003c")}`
        return guards.in_script(pt)
    return guards.in_markup(guards.in_attribute(pt, page))


def _request_url(e: Any, attrs: tuple[str, ...]) -> bool:
    """Whether `e` is one of `attrs` of the request (`request.url`, `req.nextUrl`)."""
    return (
        isinstance(e, list)
        and e[0] == ir.ATTR
        and e[2] in attrs
        and isinstance(e[1], list)
        and e[1][0] == ir.NAME
        and e[1][1] in ("request", "req")
    )


#: Graphene's scalar types whose values hold no text of the query's.
_GRAPHQL_SCALARS = frozenset(
    {"Int", "Float", "Boolean", "Decimal", "Date", "DateTime", "Time", "UUID", "BigInt"}
)
#: The constants a URL may start with that `_joined_taint` follows one by one.
_MAX_URL_STARTS = 16


def _joined_text(parts: list[Val], js: bool) -> Val:
    """Text joined from `parts` in order (an f-string, a template literal, `a + b + c`)."""
    joined = consts.join_strings((p.consts for p in parts), js)
    return Val(_joined_taint(parts), joined, prefix=leading_text(parts) if joined is None else None)


def _joined_taint(parts: list[Val]) -> Taint:
    """The taint of text built from `parts` in order: data after a start that fixes
    a URL's host (`url_prefix.py`) is safe for the URL classes."""
    joined: Taint = {}
    # The texts so far, while they are constants (one of a few where a part is
    # one of a few: `${SERVICES.get(name)}/${rest}`); then whether they fixed a
    # URL's host.
    texts: list[str] | None = [""]
    fixed = False
    # The constant text written so far: where in an HTML page a part lands.
    page = ""
    # The constant texts written so far, read for a shell's open quote only where
    # a shell-quoted word comes (rare: not on every page built).
    written: list[str] = []
    for n, p in enumerate(parts):
        pt = deep_taint(p)
        if (
            pt
            and written
            and any(guards.SHELL_QUOTED in san for _, san in pt)
            and guards.shell_quote_after("".join(written)) is not None
        ):
            # `f'tar -czf "{shlex.quote(name)}.tgz"'`: a shell-quoted word inside
            # quotes is no word of its own (`"'$(id)'"` runs `id`).
            pt = guards.requoted(pt)
        if (
            pt
            and not fixed
            and texts
            and all(texts)
            and guards.STARTS_WITH_SLASH in p.flags
            and url_prefix.names_a_host(Val(consts=frozenset(texts)))
        ):
            # `f"https://{HOST}{path}"` of a path known to start with `/`: it starts
            # the URL's path; the host stays the code's.
            fixed = True
        if pt and fixed:
            pt = sanitize(pt, url_prefix.URL_CLASSES)
        if pt and "<" in page:
            pt = _placed_in_page(page, pt)
        if pt and page[-1:] in ("'", '"'):
            after = single_const(parts[n + 1]) if n + 1 < len(parts) else NO_CONST
            if isinstance(after, str) and after[:1] == page[-1]:
                # `'${value}'` of a value without `'`: a literal it cannot leave.
                pt = guards.quoted(pt, page[-1])
        one_text = single_const(p)
        if isinstance(one_text, str):
            page = (page + one_text)[-_PAGE_CONTEXT:]
            written.append(one_text)
        joined = merge_taint(joined, pt)
        if not fixed:
            one = single_const(p)
            several = (
                sorted(p.consts)
                if one is NO_CONST
                and not pt
                and p.consts
                and all(isinstance(c, str) for c in p.consts)
                else None
            )
            if texts is not None and isinstance(one, str):
                texts = [t + one for t in texts]
                fixed = all(url_prefix.constant_fixes_host(t) for t in texts)
            elif texts is not None and any(texts) and several is not None:
                # One of a few hosts the code allows (`host in MONITORED`).
                # (A host of its own, its path still to come, fixes it as a host the
                # code computes does: `f"https://{settings.DOMAIN}{path}"`.)
                done = [t + c for t in texts for c in several]
                fixed = all(
                    url_prefix.constant_fixes_host(t) or url_prefix.constant_fixes_host(t + "/")
                    for t in done
                )
                texts = None
            elif texts == [""] and several is not None and len(several) <= _MAX_URL_STARTS:
                # The URL starts with one of a few constants (`SERVICES.get(name)`, a
                # table of origins): each goes on with what follows.
                texts = several
                fixed = all(url_prefix.constant_fixes_host(t) for t in texts)
            elif texts == [""] and _scheme_separator(parts[n + 1 : n + 2]) and not pt:
                # `f"{self.scheme}://{host}/"`: the code's part was only the scheme;
                # the host is still to come.
                texts = ["scheme"]
            else:
                # A part the code computes (`{settings.DOMAIN}`) fixes the host as
                # `fixes_host` says; a value it computes after known text only where
                # a host may be written: in the host after a scheme or `//`
                # (`https://api.{REGION}`), not after other text (`<p>{n:d}</p>
                # {comment}`: a number in a page is no URL's host). The attacker's
                # part starts no safe text.
                fixed = url_prefix.fixes_host(p) and (
                    p.consts is not None
                    # (Markup written before: a page, whose URLs are anywhere in it.)
                    or (texts is None and "<" not in page)
                    or (
                        texts is not None
                        and all(t in ("", "scheme") or _in_authority(t) for t in texts)
                    )
                )
                texts = None
    return joined


def _in_authority(text: str) -> bool:
    """Whether `text` ends inside a URL's host: after its `//`, before any `/`."""
    _, sep, after = text.partition("//")
    return bool(sep) and "/" not in after


def _scheme_separator(rest: list[Val]) -> bool:
    """Whether the next part of a URL is the constant `://` after a scheme."""
    nxt = single_const(rest[0]) if rest else None
    return isinstance(nxt, str) and nxt.startswith("://")


#: `%` conversions that format a number (a string given to one raises).
_NUMBER_DIRECTIVES = frozenset("diouxXeEfFgG")
#: A `%` directive (`%s`, `%-5d`, `%(name)s` is not handled: a dict is no tuple).
_PERCENT = re.compile(r"%[-#0 +]*\d*(?:\.\d+)?[a-zA-Z%]")


_NAMED_PERCENT = re.compile(r"%\(([^)]*)\)[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]|%%")


def _named_format_parts(template: Val, mapping: Val) -> list[Val] | None:
    """`template % {"k": v}` with `%(k)s` directives as its parts (None: not one
    constant template whose every directive names a key of `mapping`)."""
    text = single_const(template)
    if not isinstance(text, str) or deep_taint(template) or mapping.taint:
        return None
    fields = mapping.fields or {}
    parts: list[Val] = []
    at = 0
    for m in _NAMED_PERCENT.finditer(text):
        if m.group() == "%%":
            continue
        key = m.group(1)
        if key not in fields:
            return None
        parts.append(const_val(text[at : m.start()].replace("%%", "%")))
        parts.append(EMPTY if m.group()[-1] in _NUMBER_DIRECTIVES else fields[key])
        at = m.end()
    if not parts:
        return None
    parts.append(const_val(text[at:].replace("%%", "%")))
    return parts


def _str_format_parts(template: Val, argv: list[Val], kwv: dict[str, Val]) -> list[Val] | None:
    """`template.format(...)` as its parts in order (None: not one constant
    template whose every field the arguments give)."""
    text = single_const(template)
    if not isinstance(text, str) or deep_taint(template):
        return None
    try:
        pieces = list(string.Formatter().parse(text))
    except ValueError:
        return None
    parts: list[Val] = []
    auto = 0
    for literal, name, spec, _conv in pieces:
        parts.append(const_val(literal))
        if name is None:
            continue
        head = re.split(r"[.\[]", name, maxsplit=1)[0]
        if head == "":
            if auto >= len(argv):
                return None
            given = argv[auto]
            auto += 1
        elif head.isdigit():
            if int(head) >= len(argv):
                return None
            given = argv[int(head)]
        elif head in kwv:
            given = kwv[head]
        else:
            return None
        # `{score:.3f}`, `{n:d}`: a number's presentation (anything else raises).
        parts.append(EMPTY if spec and _NUMBER_SPEC.fullmatch(spec) else given)
    return parts


#: A format spec that presents a number (`.3f`, `>8d`, `,`, `%`): its value is one.
_NUMBER_SPEC = re.compile(r"[^{}]*[bcdoxXeEfFgGn%]")


def _format_parts(template: Val, values: tuple[Val, ...]) -> list[Val] | None:
    """`template % values` as its parts in order (None: not one constant template
    with exactly one directive per value)."""
    text = single_const(template)
    if not isinstance(text, str) or deep_taint(template):
        return None
    parts: list[Val] = []
    at = 0
    i = 0
    for m in _PERCENT.finditer(text):
        if m.group() == "%%":
            continue
        if i >= len(values):
            return None
        parts.append(const_val(text[at : m.start()].replace("%%", "%")))
        # `%d`, `%x`, `%f`...: a number (a string there raises), so no text of the data.
        parts.append(EMPTY if m.group()[-1] in _NUMBER_DIRECTIVES else values[i])
        i += 1
        at = m.end()
    if i != len(values):
        return None
    parts.append(const_val(text[at:].replace("%%", "%")))
    return parts


def _spread_into(
    fields: dict[Any, Val], elems: Val | None, spread: Val
) -> tuple[dict[Any, Val], Val | None]:
    """`{a: 1, ...obj}` (and `Object.assign`): obj's keys the analysis does not know
    may replace the keys before it, and are the result's unknown keys; its known
    keys replace theirs."""
    unknown = spread.elems
    if spread.taint:
        # Its name stays: a request's object spread whole still holds the
        # request's values as they came (`{...req.body.filter, deleted: false}`).
        own = Val(spread.taint, qn=spread.qn if spread.fn is None else None)
        unknown = own if unknown is None else join(unknown, own)
    if unknown is not None:
        fields = {fk: join(fv, unknown) for fk, fv in fields.items()}
        elems = unknown if elems is None else join(elems, unknown)
    return {**fields, **(spread.fields or {})}, elems


#: Methods that add a listener, which runs once per event (`_forget_listener_writes`).
_LISTENER_METHODS = frozenset({"on", "addListener", "addEventListener", "subscribe"})
#: How deep `_handlers_in` looks into objects an object literal holds.
_HANDLER_NESTING = 3


def _handlers_in(obj: Val, depth: int = 0, keys: frozenset[str] | None = None) -> list[Val]:
    """The functions an object literal holds, in it and in the objects it holds
    (four levels: `{ typeDefs, resolvers: { Subscription: { added: { subscribe:
    (parent, args) => ... } } } }`, a field's config object); with `keys`, only
    those held under one of these keys."""
    out: list[Val] = []
    for key, f in (obj.fields or {}).items():
        if f.fn is not None and f.fn[0] in ("lambda", "def"):
            if keys is None or key in keys:
                out.append(f)
        elif f.fields and depth < _HANDLER_NESTING:
            out.extend(_handlers_in(f, depth + 1, keys))
    return out


def _renders_markup(content_type: str) -> bool:
    """Whether a browser runs the script in a body of this type: HTML (and XHTML)
    or SVG opened as a page (`image/svg+xml`)."""
    lowered = content_type.lower()
    return "htm" in lowered or "svg" in lowered


#: The state's name for "the response's content type was set, not HTML".
_PLAIN_RESPONSE = "<plain response>"
#: Classes of a request a program sends (an HTTP client's), by their last name.
_CLIENT_REQUESTS = frozenset({"PreparedRequest", "ClientRequest"})
#: Modules of HTTP clients, whose `Request` is one a program sends.
_CLIENT_MODULES = ("requests.", "httpx.", "urllib.request.", "urllib3.", "aiohttp.client")


def _client_request(entry: list[Any]) -> bool:
    """Whether a parameter is declared an HTTP client's request (`PreparedRequest`,
    `httpx.Request`), not the request a server was sent."""
    declared = entry[3] if len(entry) > 3 else None
    if not isinstance(declared, str):
        return False
    return declared.rsplit(".", 1)[-1] in _CLIENT_REQUESTS or declared.startswith(_CLIENT_MODULES)


def _response_type_store(obj: Val, key: object) -> bool:
    """Whether a store sets the content type of the response a route returns:
    Bottle's global `response.content_type` or `response.headers["Content-Type"]`."""
    if obj.qn == "bottle.response":
        return key == "content_type"
    return (
        obj.qn == "bottle.response.headers"
        and isinstance(key, str)
        and (key.lower() == "content-type")
    )


def _plain_content_type(headers: Val) -> bool:
    """Whether a headers dict (`(body, 200, {"Content-Type": "text/plain"})`)
    declares a content type that is not HTML."""
    for key, v in (headers.fields or {}).items():
        if isinstance(key, str) and key.lower() == "content-type":
            return bool(v.consts) and all(
                isinstance(c, str) and not _renders_markup(c) for c in v.consts or ()
            )
    return False


def _origin_key(o: Val, key: str) -> Any:
    """A key as a label's origin spells it (text), as `o` holds it: a list's
    position is a number (`[src, DEFAULT]` joined with `[DEFAULT]` keeps `src`
    at field 0)."""
    if o.fields and key in o.fields:
        return key
    if key.isdigit() and (o.seq is not None or (o.fields and int(key) in o.fields)):
        return int(key)
    return key


def get_key(o: Val, key: Any) -> Val:
    """`o[key]` / `o.key` for a constant key."""
    inner = (o.fields or {}).get(key)
    if (
        inner is None
        and o.seq is not None
        and isinstance(key, int)
        and not isinstance(key, bool)
        and -len(o.seq) <= key < len(o.seq)
    ):
        inner = o.seq[key]
    if inner is None:
        if o.fields and key in o.fields:
            inner = o.fields[key]
        elif o.elems is not None:
            inner = o.elems
        elif o.seq is not None and not (isinstance(key, int) and not isinstance(key, bool)):
            inner = element(Val(seq=o.seq))
        else:
            inner = EMPTY
    if o.taint:
        inner = inner.replace(taint=merge_taint(inner.taint, o.taint))
    return inner


def subscript(o: Val, k: Val) -> Val:
    key = single_const(k)
    if key is NO_CONST:
        if (
            k.consts
            and o.fields
            and o.seq is None
            and o.elems is None
            and all(c in o.fields for c in k.consts)
        ):
            # `CODECS[name]` once `name` is one of "json" and "ndjson": those
            # entries, not every entry of the table.
            keys = sorted(k.consts, key=repr)
            either = get_key(o, keys[0])
            for c in keys[1:]:
                either = join(either, get_key(o, c))
            return either
        return element(o)
    if isinstance(key, float) and key.is_integer():
        # JavaScript's numbers (`xs[xs.length - 1]`): a whole one is an index.
        key = int(key)
    if o.consts is not None and isinstance(key, int) and not isinstance(key, bool):
        out = set()
        for s in o.consts:
            if isinstance(s, str) and -len(s) <= key < len(s):
                out.add(s[key])
            else:
                return get_key(o, key)
        return Val(o.taint, frozenset(out))
    return get_key(o, key)


#: JavaScript's own global objects: a method of one is never "any receiver's".
_JS_BUILTIN_OBJECTS = frozenset(
    {"String", "Object", "Array", "Math", "JSON", "Number", "Promise", "Reflect", "Symbol", "Date"}
)

#: Decorators that give a class a constructor made from its fields.
_RECORD_DECORATORS = (
    "dataclass|dataclass(*|dataclasses.dataclass|dataclasses.dataclass(*|attr.s|attr.s(*"
    "|attrs.define|attrs.define(*|attr.define|attr.define(*|attrs.frozen|attr.frozen"
    "|attrs.frozen(*|attr.frozen(*|attrs.mutable|attrs.mutable(*|attr.attrs|attr.attrs(*"
)

#: Decorators that make a method a property: reading the name runs the body.
_PROPERTY_DECORATORS = frozenset({"property", "cached_property", "cached_property_with_ttl"})

#: The parts of a parsed URL that name its host: one equal to a host the code
#: names (or empty) keeps the URL on that host.
_HOST_PARTS = frozenset({"netloc", "hostname", "host", "origin"})
#: The prefixes of a path that climbs out of its directory.
_PARENT_PREFIXES = frozenset({"../", "..\\"})
#: Python calls that parse a URL into an object whose host parts a check reads.
_PY_URL_PARSERS = frozenset(
    {
        "urllib.parse.urlparse",
        "urllib.parse.urlsplit",
        "urlparse.urlparse",
        "httpx.URL",
        "yarl.URL",
        "urllib3.util.parse_url",
        "urllib3.util.url.parse_url",
        "furl.furl",
    }
)


def _spelled(e: Any, imported: dict[str, str], depth: int = 0) -> str | None:
    """The qualified name an expression spells through the module's imports, as
    source paths spell it (`reqparse.RequestParser()` ->
    `flask_restful.reqparse.RequestParser`)."""
    if not isinstance(e, list) or not e or depth > 8:
        return None
    if e[0] == ir.NAME:
        return imported.get(e[1])
    if e[0] == ir.ATTR:
        inner = _spelled(e[1], imported, depth + 1)
        return f"{inner}.{e[2]}" if inner else None
    if e[0] == ir.CALL:
        if e[1] == -1 and e[2] == [ir.NAME, "require"] and e[3] and isinstance(e[3][0], str):
            # `require("passport-local")` read where it is (no import binding).
            return js_module(e[3][0])
        # Source paths name a call's result without its parentheses.
        return _spelled(e[2], imported, depth + 1)
    return None


def _cjs_export(env: Env, name: str) -> Val | None:
    """What a CommonJS module's body left under `name` of its exports."""
    module = env.get("module")
    for exports in ((module.fields or {}).get("exports") if module else None, env.get("exports")):
        got = (exports.fields or {}).get(name) if exports is not None else None
        if got is not None:
            return got
    return None


def _restarted_labels(t: Taint, pieces: set[tuple[str, frozenset[str]]]) -> Taint:
    """`t` with the labels of `pieces` (later pieces of a join that starts again at
    an absolute one) as `guards.restarted` leaves them."""
    if not pieces or not any(guards.NO_PARENT in san for _, san in pieces):
        return t
    out: Taint = {}
    for key, hops in t.items():
        if key in pieces:
            (key,) = guards.restarted({key: hops}).keys()
        out.setdefault(key, hops)
    return out


def _untrusted(t: Taint, cls: str | None = None) -> bool:
    """Whether some of the data is not the deployment's configuration (the
    environment): a directory or list it names is the code's to check against.
    With `cls`, data made safe for that class counts as the code's too (a folder
    named by a version the code checked, `v1.2`)."""
    return any(
        not _configuration(origin) and not (cls is not None and guards.safe_for(san, cls))
        for origin, san in t
    )


#: Marks a sanitization that holds when a parameter of the summary is the
#: code's (`?P|1:ssrf`: safe for SSRF if what the caller passed at 1 is).
_IF_PARAM = "?P|"


def _included_fields(fields: dict[Any, Val], include: Val | None) -> dict[Any, Val] | None:
    """The fields `model.model_dump(include=...)` keeps, when `include` holds
    constant field names (a set, or a dict's keys); None when it is not known."""
    if include is None:
        return None
    names = (
        include.seq
        if include.seq is not None
        else [Val(consts=frozenset({k})) for k in include.fields]
        if include.fields is not None and KEYS not in include.fields
        else None
    )
    picked = [single_const(n) for n in names] if names is not None else None
    if picked is None or not all(isinstance(n, str) for n in picked):
        return None
    return {k: f for k, f in fields.items() if k in picked}


def _trust_marks(t: Taint) -> frozenset[str] | None:
    """Whether a value holding `t` is the code's (an allow-list checked
    against, a key written with): frozenset() at once (no data, or the
    deployment's), the mark of the one parameter it came from
    (`resolve_target(raw, allowed)`: if the caller's value is the code's,
    `_Subst.settled_marks`), or None (the request's, or several parameters')."""
    params = set()
    for origin, _ in t:
        if _configuration(origin):
            continue
        if not origin.startswith("P|"):
            return None
        params.add(origin.split("|")[1])
    if len(params) > 1:
        return None
    return frozenset(f"{_IF_PARAM}{i}" for i in params)


def _marked(classes: frozenset[str], marks: frozenset[str]) -> frozenset[str]:
    """`classes`, each on the condition `marks` names (none: at once)."""
    if not marks:
        return classes
    return frozenset(f"{m}:{c}" for m in marks for c in classes)


def _without_taint(v: Val, depth: int = 0) -> Val:
    """`v` with no data in it (its fields, elements and positions too)."""
    if depth > 4:
        return v.replace(taint={}, fields=None, elems=None, seq=None)
    return v.replace(
        taint={},
        fields={k: _without_taint(f, depth + 1) for k, f in v.fields.items()}
        if v.fields
        else v.fields,
        elems=_without_taint(v.elems, depth + 1) if v.elems is not None else None,
        seq=tuple(_without_taint(x, depth + 1) for x in v.seq) if v.seq is not None else None,
    )


def _configuration(origin: str) -> bool:
    """Whether a source origin (`S|label|qn|...`) reads the environment."""
    parts = origin.split("|", 3)
    return len(parts) > 2 and parts[0] == "S" and parts[2].startswith(CONFIGURATION_SOURCES)


def _ref(v: Val | None) -> str | None:
    """The workspace function a value names (`run` of `submit(run, x)`), if any."""
    return v.fn[1] if v is not None and v.fn is not None and v.fn[0] == "ref" else None


def _function_ref(v: Val) -> bool:
    """A workspace function (not a class: a classmethod's `cls` is one too)."""
    return _ref(v) is not None and v.cls is None


def _module_registrations(
    ff: FileFlows, owner: list[Any], methods: frozenset[str], key: str | None
) -> Iterator[Any]:
    """What the module's top level hands `owner` under `key` with one of
    `methods` (`jobs.on("thumbnail", (job) => ...)`, `fastify.decorate("render",
    fn)`), or with no key (`order_placed.connect(fn, sender=Order)`): the IR of
    each value handed, in order."""
    module = ff.bodies.get("")
    for st in module.body if module is not None else ():
        call = st[1] if st[0] == ir.EXPR else None
        if not (
            isinstance(call, list)
            and call[0] == ir.CALL
            and isinstance(call[2], list)
            and call[2][0] == ir.ATTR
            and call[2][1] == owner
            and call[2][2] in methods
        ):
            continue
        if key is None and call[3]:
            yield call[3][0]
        elif key is not None and len(call[3]) == 2 and call[3][0] == key:
            yield call[3][1]


#: What makes a worker a message is posted to (`_message_to_worker`).
_WORKER_MAKERS = ("worker_threads.Worker()", "child_process.fork()")
#: What registers a listener of an emitter.
_LISTEN_METHODS_JS = frozenset({"on", "once", "addListener"})


def _worker_listeners(body: list[Any], forked: bool) -> list[Any]:
    """The functions a module's top level (its branches too: `if (isMainThread)
    ... else ...`) registers for the messages its parent posts: on `process` in a
    forked child, on worker_threads' `parentPort` (or a name bound to it) in a
    worker thread."""
    ports = {"process"} if forked else {"parentPort"}
    if not forked:
        stack: list[Any] = [body]
        while stack:
            x = stack.pop()
            if not isinstance(x, list):
                continue
            if (
                len(x) == 3
                and x[0] == ir.ASSIGN
                and isinstance(x[1], list)
                and x[1][:1] == [ir.NAME]
                and x[2] == [ir.NAME, "parentPort"]
            ):
                ports.add(x[1][1])  # `const port = parentPort!`
            stack.extend(x)
    return [
        call[3][1]
        for call in _ir_calls(body)
        if isinstance(call[2], list)
        and call[2][0] == ir.ATTR
        and call[2][2] in _LISTEN_METHODS_JS
        and isinstance(call[2][1], list)
        and call[2][1][:1] == [ir.NAME]
        and call[2][1][1] in ports
        and len(call[3]) == 2
        and call[3][0] == "message"
    ]


def _module_calls(body: list[Any]) -> Iterator[list[Any]]:
    """The calls a module's top level makes as statements or assigns
    (`new Worker("q", fn)`, `const w = new Worker(...)`, `agenda.define(...)`)."""
    for st in body:
        call = st[1] if st[0] == ir.EXPR else st[2] if st[0] == ir.ASSIGN else None
        if isinstance(call, list) and call and call[0] == ir.CALL:
            yield call


def _constructed_with(body: list[Any], name: str) -> Any:
    """The first argument of the call a module's top level assigns to `name`
    (`const q = new Queue("thumbs", ...)`: "thumbs"), when a constant; else None."""
    for st in body:
        if st[0] == ir.ASSIGN and st[1] == [ir.NAME, name]:
            call = st[2]
            if isinstance(call, list) and call and call[0] == ir.CALL and call[3]:
                first = call[3][0]
                return first if isinstance(first, str) else None
            return None
    return None


#: What queues a job (BullMQ, Bull: `add`; Agenda: `now`, `schedule`, `every`;
#: Bee-Queue: `createJob`).
_JOB_PRODUCERS = frozenset({"add", "now", "schedule", "every", "createJob"})


def _job_queue(qn: str | None) -> bool:
    """Whether a value is a job queue `_run_queued_jobs` knows (Bull, BullMQ,
    Agenda, Bee-Queue): its processors get the jobs queued, nothing of the queue."""
    return qn is not None and (
        qn.endswith(("bull()", "bullmq.Queue()", "Agenda()", "bee-queue()")) or qn in _AGENDA_MADE
    )


#: `@receiver(sig)`, `@receiver([a, sig], sender=X)` (Django), `@sig.connect`,
#: `@sig.connect_via(app)` (blinker), `@events.on("search")` (pyee): groups 1-2
#: the receiver's signals (a list, one), 3 the connected signal, 4-5 the
#: emitter and the event.
_RECEIVER_DECORATOR = re.compile(
    r"(?:[\w.]*\breceiver\(\s*(?:\[([^\]]*)\]|([\w.]+))\s*(?:,.*)?\)"
    r"|(\w+)\.(?:connect|connect_via\(.*\))"
    r"|(\w+)\.(?:on|once|listens_to)\(\s*[\"']([^\"']*)[\"']\s*\))$",
    re.S,
)


def _receives(decorator: str, signal: str, event: str | None) -> bool:
    """Whether a decorator connects its function to the module's `signal`
    (`event`: the pyee event it listens to, None for a signal)."""
    m = _RECEIVER_DECORATOR.match(decorator.strip())
    if m is None:
        return False
    if event is None:
        if m.group(1) is not None:
            return signal in (s.strip() for s in m.group(1).split(","))
        return signal in (m.group(2), m.group(3))
    return m.group(4) == signal and m.group(5) == event


def _batch_loaders(v: Val, depth: int = 0) -> dict[Any, Val] | None:
    """The fields of `v` that are DataLoaders of a workspace function (`{ author:
    new DataLoader(batchAuthors) }`), or hold some (two levels), alone; None if none."""
    if not v.fields or depth > 2:
        return None
    out: dict[Any, Val] = {}
    for k, f in v.fields.items():
        if k == _BATCH_FUNCTION and f.fn is not None and f.fn[0] == "ref":
            out[k] = f
        elif (inner := _batch_loaders(f, depth + 1)) is not None:
            out[k] = Val(qn=f.qn, fields=inner)
    return out or None


def _attr_named(e: Any, name: str) -> bool:
    """Whether `e` (IR) reads attribute `name` of something (`x.parts`)."""
    return isinstance(e, list) and len(e) == 3 and e[0] == ir.ATTR and e[2] == name


def _made_by_call(e: Any) -> Any:
    """The callee of `e` when `e` is a call (`PurePosixPath` of `PurePosixPath(x)`)."""
    return e[2] if isinstance(e, list) and len(e) == 5 and e[0] == ir.CALL else None


def _handed_request(handed: tuple[str, str]) -> Val:
    """The argument a GraphQL server hands its context function (`_GRAPHQL_CONTEXTS`)."""
    field, qn = handed
    request = Val(qn=qn)
    return Val(fields={field: request}) if field else request


def _made_body(e: Any) -> str | None:
    """The body a function expression is: an arrow's or a function's path, or a
    named function's name (its path at the module's level)."""
    if isinstance(e, list) and len(e) == 3 and e[0] == ir.LAMBDA:
        inner = e[2]
        if isinstance(inner, list) and len(inner) == 2 and inner[0] == ir.FUNC:
            return str(inner[1])
        return None
    if isinstance(e, list) and len(e) == 2 and e[0] in (ir.NAME, ir.FUNC):
        return str(e[1])
    return None


def _attr_chain(e: Any) -> list[str] | None:
    """`a.b.c` as ["a", "b", "c"] (a name, then attributes); None for anything else."""
    parts: list[str] = []
    while isinstance(e, list) and e and e[0] == ir.ATTR and isinstance(e[2], str):
        parts.append(e[2])
        e = e[1]
    if not (isinstance(e, list) and e and e[0] == ir.NAME and isinstance(e[1], str)):
        return None
    parts.append(e[1])
    parts.reverse()
    return parts


def _is_call(e: Any) -> bool:
    return isinstance(e, list) and len(e) == 5 and e[0] == ir.CALL


def _import_in_scope(fs: FileSummary, file: str, path: str, name: str) -> SummaryNode | None:
    """The import binding `name` in the body at `path` of `file`, or in the
    scopes around it up to the module's."""
    while True:
        imp = fs.by_id.get(scoped_id(file, NodeType.IMPORT, path or MODULE_SCOPE, name))
        if imp is not None or not path:
            return imp
        path = path.rsplit(".", 1)[0] if "." in path else ""


def _with_fields_of(made: Val, other: Val) -> Val:
    """`made` with the fields `other` holds joined into its own."""
    if not other.fields:
        return made
    fields = dict(made.fields or {})
    for k, v in other.fields.items():
        fields[k] = join(fields[k], v) if k in fields else v
    return made.replace(fields=fields)


def _with_own_fields(proto: Val, own: Val) -> Val:
    """An object of an ES5 constructor function: its prototype's methods (`proto`)
    and the fields the constructor stored (`own`), which shadow them, but for a
    method it stored as it did not know it (`this.greet = this.greet.bind(this)`:
    the constructor's summary does not see the prototype)."""
    fields = dict(proto.fields or {})
    for k, v in (own.fields or {}).items():
        method = fields.get(k)
        if method is not None and method.fn is not None and v.fn is None and not deep_taint(v):
            continue
        fields[k] = v
    return proto.replace(fields=fields)


def _workspace_object(v: Val) -> bool:
    """Whether `v` is an object of a workspace class (its class a CLASS id)."""
    return v.cls is not None and parse_id(v.cls).kind == NodeType.CLASS


def _made_function(v: Val) -> bool:
    """A lambda or a nested function (made by the caller, not named by an id)."""
    return v.fn is not None and v.fn[0] in ("lambda", "def") and v.cls is None


def _returns_function(fn: ir.FlowFunction) -> bool:
    """Whether a body returns a function it makes: a lambda or arrow function
    (`(fn) => (req, res, next) => ...`), or a function defined in it by name."""
    nested = {path.rsplit(".", 1)[-1] for path in fn.nested}
    return any(
        e[0] in (ir.LAMBDA, ir.FUNC) or (e[0] == ir.NAME and e[1] in nested)
        for e in _returned_expressions(fn)
    )


def _returned_expressions(fn: ir.FlowFunction) -> list[list[Any]]:
    """What a body's `return` statements give, as IR, in order, up to the first
    statement not known (`_nested_statements` gives None there)."""
    out: list[list[Any]] = []
    for st in _nested_statements(fn.body):
        if st is None:
            break
        if st[0] == ir.RETURN and isinstance(st[1], list) and st[1]:
            out.append(st[1])
    return out


def _returns_functions_object(fn: ir.FlowFunction) -> bool:
    """Whether a body returns an object literal of functions it makes (a factory's
    service: `return { findByEmail(email) { ... }, countActive }`), or a name its
    body bound to one: what they capture (`db`) is the caller's."""
    nested = {path.rsplit(".", 1)[-1] for path in fn.nested}
    objects = {
        st[1][1]: st[2]
        for st in fn.body
        if st[0] == ir.ASSIGN
        and isinstance(st[1], list)
        and st[1][0] == ir.NAME
        and isinstance(st[2], list)
        and st[2][:1] == [ir.DICT]
    }
    for e in _returned_expressions(fn):
        if e[0] == ir.NAME:
            e = objects.get(e[1], e)
        if e[0] == ir.DICT and any(
            isinstance(v, list)
            and v
            and (v[0] in (ir.LAMBDA, ir.FUNC) or (v[0] == ir.NAME and v[1] in nested))
            for _, v in e[1]
        ):
            return True
    return False


def _deferred(
    name: str, recv: Val | None, argv: list[Val], kwv: dict[str, Val]
) -> tuple[Val, list[Val], dict[str, Val]] | None:
    """A function handed to something that runs it later with the arguments it
    was given: a Celery task's `delay(...)` / `apply_async(args=...)` and a
    Dramatiq actor's `send(...)` / `send_with_options(args=...)` (a workspace
    function), `BackgroundTasks.add_task(fn, ...)`, `executor.submit(fn, ...)`,
    `loop.run_in_executor(ex, fn, ...)`, `asyncio.to_thread(fn, ...)` (and
    Starlette's `run_in_threadpool`, anyio's `run_sync`), `Thread(target=fn,
    args=(...))` (one of the workspace or a library's: `submit(requests.post, url)`).
    -> (the function, its positional and keyword arguments)."""
    if recv is not None and _ref(recv) is not None and name in ("delay", "send", "s", "si"):
        # (A function of the workspace has a `send` only as a Dramatiq actor, and
        # `s` / `si` only as a Celery task: a signature, made to be queued, in a
        # `chain(fetch.s(url), notify.s())` or a group, with its arguments.)
        return recv, list(argv), dict(kwv)
    if (
        name == "add_job"
        and recv is not None
        and (recv.qn or "").startswith("apscheduler.")
        and argv
        and _runnable(argv[0])
    ):
        # An APScheduler job (`scheduler.add_job(probe, "interval", args=[host])`):
        # the scheduler runs the function with those arguments.
        seq = argv[2] if len(argv) > 2 else kwv.get("args")
        kw = argv[3] if len(argv) > 3 else kwv.get("kwargs")
        return _run_with(argv[0], seq, kw)
    if (
        recv is not None
        and _ref(recv) is not None
        and name
        in (
            "apply_async",
            "send_with_options",
        )
    ):
        seq = argv[0] if argv and name == "apply_async" else kwv.get("args")
        kw = argv[1] if len(argv) > 1 else kwv.get("kwargs")
        return _run_with(recv, seq, kw)
    if name in _RUNS_FIRST_ARGUMENT and argv and _runnable(argv[0]):
        return argv[0], argv[1:], dict(kwv)
    if name == "run_in_executor" and len(argv) > 1 and _runnable(argv[1]):
        return argv[1], argv[2:], {}
    if name in ("call_soon", "call_soon_threadsafe") and argv and _runnable(argv[0]):
        # An event loop's `call_soon(start_probe, host)` (`call_later(delay, f, x)`).
        return argv[0], argv[1:], {}
    if name in ("call_later", "call_at") and len(argv) > 1 and _runnable(argv[1]):
        return argv[1], argv[2:], {}
    if (
        name in _POOL_MAPS
        and recv is not None
        and (recv.qn or "").startswith(_POOLS)
        and len(argv) > 1
        and _runnable(argv[0])
    ):
        # `pool.map(lookup, uids)`: the function runs on each item (`starmap`: with
        # each item's items).
        item = element(argv[1])
        return argv[0], [element(item)] * 4 if name == "starmap" else [item], {}
    if recv is not None and (recv.qn or "").startswith("rq.") and name in _RQ_ENQUEUE:
        # An RQ queue's `enqueue(fn, *args, **kwargs)` (`enqueue_in` / `enqueue_at`
        # after a time): its own options (`job_timeout=`) are not the function's.
        at = 1 if name in ("enqueue_in", "enqueue_at") else 0
        if len(argv) > at and _runnable(argv[at]):
            own = {k: v for k, v in kwv.items() if k not in _RQ_OPTIONS}
            return argv[at], argv[at + 1 :], own
        func = kwv.get("func")
        if name == "enqueue_call" and func is not None and _runnable(func):
            given = kwv.get("args")
            named = kwv.get("kwargs")
            keywords = (
                {k: v for k, v in (named.fields or {}).items() if isinstance(k, str)}
                if named
                else {}
            )
            return func, list(given.seq or ()) if given is not None else [], keywords
    target = kwv.get("target")
    if name in ("Thread", "Process") and target is not None and _runnable(target):
        return _run_with(target, kwv.get("args"), kwv.get("kwargs"))
    if name == "Timer" and len(argv) > 1 and _runnable(argv[1]):
        # `threading.Timer(delay, shutil.rmtree, args=[target])`: run after the delay.
        seq = argv[2] if len(argv) > 2 else kwv.get("args")
        kw = argv[3] if len(argv) > 3 else kwv.get("kwargs")
        return _run_with(argv[1], seq, kw)
    return None


def _run_with(
    func: Val, args: Val | None, kwargs: Val | None
) -> tuple[Val, list[Val], dict[str, Val]]:
    """`_deferred`'s answer for a runner handed the function's arguments as a list
    and a dict (`args=[...]`, `kwargs={...}` of `Thread`, `apply_async`, `add_job`)."""
    positional = list(args.seq or ()) if args is not None else []
    named = {k: v for k, v in (kwargs.fields or {}).items() if isinstance(k, str)} if kwargs else {}
    return func, positional, named


#: Calls whose sources' keys replace the ones before, into the first
#: (`Object.assign`, lodash's `merge`).
_ASSIGNS = frozenset({"Object.assign", "lodash.merge", "lodash.assign", "lodash.extend"})

#: Methods of a pool of threads or processes that run a function on each item.
_POOL_MAPS = frozenset({"map", "imap", "imap_unordered", "starmap", "map_async"})
#: The qualified names of such pools (an executor, `multiprocessing.Pool()`).
_POOLS = ("concurrent.futures.", "multiprocessing.", "multiprocessing.pool.")
#: An RQ queue's methods that queue a function to run later.
_RQ_ENQUEUE = frozenset({"enqueue", "enqueue_call", "enqueue_in", "enqueue_at"})
#: Keywords RQ's `enqueue` keeps for itself.
_RQ_OPTIONS = frozenset(
    {"job_timeout", "result_ttl", "ttl", "failure_ttl", "depends_on", "job_id", "at_front"}
    | {"meta", "description", "retry", "on_success", "on_failure", "on_stopped", "timeout"}
)

#: Calls that run their first argument with the arguments after it.
#: The module variables a summary keeps its writes into, at most.
_MAX_GLOBAL_WRITES = 8
#: The positions a spread argument list of unknown length fills in a call a
#: summary records (`submit(fn, *args)`).
_SPREAD_POSITIONS = 4
_RUNS_FIRST_ARGUMENT = frozenset(
    {"add_task", "submit", "to_thread", "run_in_threadpool", "run_sync"}
    # Starlette's `BackgroundTask(fn, *args)`, run once the response is sent.
    | {"BackgroundTask"}
    # RQ's `queue.enqueue(fn, *args)`: a worker runs it with them.
    | {"enqueue"}
)


def _runnable(v: Val) -> bool:
    """A workspace function, or a library's function by its qualified name, or
    either with arguments bound (`partial(subprocess.run, cmd, shell=True)`)."""
    if v.fn is not None and v.fn[0] == _PARTIAL:
        return isinstance(v.fn[1], Val) and _runnable(v.fn[1])
    if v.fn is not None and v.fn[0] in ("lambda", "def"):
        return True  # (a function made here: a decorated one, a lambda)
    return _ref(v) is not None or (v.qn is not None and v.fn is None and not v.qn.endswith(")"))


def sliced(o: Val, start: int | None, stop: int | None, step: int | None) -> Val:
    """`o[start:stop:step]` with constant bounds: a list's known positions stay
    known (`parts[:2]` leaves out a tainted third item), a string constant's
    text is cut; anything else is the whole value (a slice holds only what the
    value held)."""
    if step == 0:
        return EMPTY
    cut = slice(start, stop, step)
    if o.seq is not None and not o.fields:
        return Val(o.taint, seq=o.seq[cut])
    if o.consts is not None and all(isinstance(c, str) for c in o.consts):
        return Val(o.taint, frozenset(c[cut] for c in o.consts))
    first, end = start or 0, stop
    if (step is None or step > 0) and end is not None and 0 <= end <= first:
        # `a[:0]`, `a[3:2]`: nothing of it, whatever its length.
        return Val(seq=()) if o.seq is not None or o.elems is not None else const_val("")
    if o.prefix is not None and step in (None, 1):
        # `("safe!" + q)[:4]`: within the text the code wrote.
        in_start = _start_cut(o.prefix[0], first, end)
        if in_start is not None:
            return in_start
    return o.replace(qn=None, fn=None)


def command_taint(v: Val) -> Taint:
    """The data of an argument list that decides the command: its program, or the
    command a shell (`sh -c CMD`) runs. A string argument is the program itself."""
    tail: Val | None = None
    if v.seq is None:
        seq = list_head(v)
        if not seq:
            if v.elems is not None or v.fields:
                return merge_taint(v.taint, deep_taint(v.elems) if v.elems is not None else {})
            return deep_taint(v)
        # `[prog, ...] + args`: a known head, then elements not known one by one.
        tail = v.elems if v.elems is not None else EMPTY
    else:
        seq = v.seq
    if not seq:
        return v.taint
    t = merge_taint(v.taint, deep_taint(seq[0]))
    progs = seq[0].consts
    shells = {s.rsplit("/", 1)[-1] for s in _SHELLS}
    # `sh -c CMD`, also when the shell depends on the platform (`cmd.exe /c` or `sh -c`).
    if progs and all(isinstance(p, str) and p.rsplit("/", 1)[-1] in shells for p in progs):
        for i in range(1, len(seq) + 1):
            if i == len(seq):
                # The flags ran into the unknown tail: the command may be in it.
                if tail is not None:
                    t = merge_taint(t, deep_taint(tail))
                break
            flags = seq[i].consts
            if flags and all(isinstance(f, str) and f in _SHELL_FLAGS for f in flags):
                if i + 1 < len(seq):
                    t = merge_taint(t, deep_taint(seq[i + 1]))
                elif tail is not None:
                    t = merge_taint(t, deep_taint(tail))
                break
            if flags and all(isinstance(f, str) and f.startswith("-") for f in flags):
                continue
            break
    return t


def list_head(v: Val) -> tuple[Val, ...]:
    """The known first elements of a list: all of a literal's (`seq`), or the
    head an unknown tail was added to (kept as integer `fields` 0, 1, ...)."""
    if v.seq is not None:
        return v.seq
    fields = v.fields
    if not fields:
        return ()
    head: list[Val] = []
    while len(head) in fields:
        head.append(fields[len(head)])
    return tuple(head)


def _without_first(o: Val) -> Val:
    """List `o` after its known first element is taken (`shift`): the rest of its
    known head moves up a position."""
    head = list_head(o)
    if o.seq is not None or not head:
        return o
    fields = {k: v for k, v in (o.fields or {}).items() if not (type(k) is int and k < len(head))}
    fields.update(enumerate(head[1:]))
    return o.replace(fields=fields or None)


def with_tail(o: Val, head: tuple[Val, ...], tail: Val) -> Val:
    """List `o` (its known `head`) with elements `tail` added at its end.

    The head stays readable at its positions (`cmd[0]` is still the
    program); anything past it is `elems`.
    """
    fields = dict(o.fields or {})
    fields.update(enumerate(head))
    elems = tail if o.elems is None else join(o.elems, tail)
    return o.replace(seq=None, fields=fields, elems=elems)


def join_env(a: Env | None, b: Env | None) -> Env | None:
    if a is None:
        return b
    if b is None:
        return a
    if a is b:
        return a
    # Branches mostly leave a name's value as they found it (the same object):
    # only the names either branch rebound are joined. Big bodies keep hundreds
    # of names (a bundled JavaScript file's factory), and a join per name at
    # every branch was most of their analysis.
    out: Env = dict(a)
    get = b.get
    for k, v in a.items():
        w = get(k)
        if w is not v:
            if w is None and "." in k:
                # A property narrowed on one side only: the other holds what
                # the object holds.
                del out[k]
            else:
                out[k] = join(v, w if w is not None else EMPTY)
    if not b.keys() <= a.keys():
        for k, w in b.items():
            if k not in out and "." not in k:
                out[k] = join(EMPTY, w)
    return out


def same_env(a: Env, b: Env) -> bool:
    if a.keys() != b.keys():
        return False
    return all(same(a[k], b[k]) for k in a)


class _Subst:
    """Turns a summary's parameter origins into the caller's data."""

    def __init__(
        self,
        actual: dict[int, Val],
        pnodes: dict[int, str],
        call_id: str,
        js_this: Val | None,
        callee: tuple[FileFlows, ir.FlowFunction] | None = None,
    ) -> None:
        self.actual = actual
        self.pnodes = pnodes
        self.call_id = call_id
        self.js_this = js_this
        #: The body whose summary this call's terms are for.
        self.callee = callee
        #: The data each of the summary's callback calls gave back (`C|k` origins).
        self.calls: dict[int, Taint] = {}
        #: What the calling entry's file stored in its request-context holders
        #: (`G|name` origins: `_context_read`); None where the caller is a summary
        #: too, which keeps them for its own callers.
        self.kept: dict[str, Val] | None = None

    def field_at(self, origin: str) -> Val | None:
        """The caller's value a field origin stands for (`P|-1|doc\x1eemail`:
        `this.doc.email`), when the argument has that field."""
        parts = origin.split("|")
        if parts[0] != "P" or len(parts) != 3:
            return None
        i = int(parts[1])
        v = self.actual.get(i) if i >= 0 else self.js_this
        key = parts[2]
        if v is None or key == "*" or key.startswith(_SEQ_MARK):
            return None
        for k in key.split(_PATH_SEP):
            if k == _ELEM_OBJECT_MARK and (v.seq is not None or v.elems is not None):
                # A field of the argument's elements (`...parts` of objects).
                v = element(v)
                continue
            if k.startswith(_ELEM_OBJECT_MARK) and v.fields:
                # A field of the elements of its field (`P|0|\x1dclauses\x1estatus`:
                # `status` of an element of `self.clauses`, `_ELEM_OBJECT_KEY`).
                v = element(get_key(v, _origin_key(v, k[1:])))
                continue
            if k == _ANY_KEY or k.startswith(_SEQ_MARK) or not v.fields:
                return None
            v = get_key(v, _origin_key(v, k))
        return v

    def named_at(self, v: Val) -> str | None:
        """The name (`qn`) of a summary's value that is a field of an argument
        copied as it is: the caller's, which the summary's copy lacks or stands
        in for (`?dto.email`, read of a parameter the summary knows by its name
        only): `express.Request.body.email` may be an object (`raw_taint`), a
        validated DTO's `String()` field is text."""
        qn = v.qn
        if len(v.taint) != 1 or v.fields or v.elems is not None:
            return qn
        if qn is not None and (not qn.startswith("?") or qn.startswith(_SUMMARY_RAW_QNS)):
            return qn
        held = self.field_at(next(iter(v.taint))[0])
        if held is None or (held.qn is None and held.fn is None):
            # (Nameless there too: what the summary read it as, which reads
            # the caller's field of the same object alike.)
            return qn
        return held.qn if held.fn is None else None

    def source(self, origin: str) -> Taint | None:
        parts = origin.split("|")
        if parts[0] == "C":
            return self.calls.get(int(parts[1]), {})
        if parts[0] == "G":
            if self.kept is None:
                return None
            held = self.kept.get(parts[1])
            for key in parts[2].split(_PATH_SEP) if len(parts) > 2 else ():
                # (`getStore().tenant`: that field of what was stored.)
                held = get_key(held, key) if held is not None else None
            return deep_taint(held) if held is not None else {}
        if parts[0] != "P":
            return None
        i = int(parts[1])
        v = self.actual.get(i) if i >= 0 else self.js_this
        if v is None:
            return {}
        if len(parts) == 2:
            return v.taint
        key = parts[2]
        if key == "*":
            if v.elems is not None and v.seq is None and len(v.fields or {}) < 8:
                # `{ ...where, tenantId }`: its unknown keys are the spread's; the
                # keys it names are described on their own (`_describe`).
                return merge_taint(v.taint, deep_taint(v.elems))
            return deep_taint(element(v))
        if key.startswith(_SEQ_MARK):
            j = int(key[1:])
            return deep_taint(v.seq[j] if v.seq is not None and j < len(v.seq) else element(v))
        if key.startswith(_ELEM_OBJECT_MARK):
            # A field of the elements of the argument or of its field (`_ELEM_OBJECT_KEY`).
            field, _, name = key[1:].partition(_PATH_SEP)
            item = element(get_key(v, _origin_key(v, field)) if field else v)
            return deep_taint(get_key(item, _origin_key(item, name)))
        if _PATH_SEP in key:
            outer, sub = key.split(_PATH_SEP, 1)
            if sub == _ANY_KEY:
                # What the field holds at keys it does not name.
                held = get_key(v, _origin_key(v, outer))
                return deep_taint(held.elems) if held.elems is not None else deep_taint(held)
            if sub.startswith(_SEQ_MARK):
                # A position of each row of a container (`_ELEM_SEQ_KEY`).
                row = element(get_key(v, outer) if outer else v)
                j = int(sub[1:])
                return deep_taint(row.seq[j] if row.seq is not None and j < len(row.seq) else row)
            outer_val = get_key(v, _origin_key(v, outer))
            return deep_taint(get_key(outer_val, _origin_key(outer_val, sub)))
        return deep_taint(get_key(v, _origin_key(v, key)))

    def origins(
        self, origin: str, san: frozenset[str], hops: tuple[str, ...]
    ) -> list[tuple[str, frozenset[str], tuple[str, ...]]]:
        src = self.source(origin)
        if src is None:
            return [(origin, san, hops)]
        pnode = self.pnodes.get(int(origin.split("|")[1]), "") if origin.startswith("P|") else ""
        out = []
        inside = self.settled_marks(san)
        decoded = _DECODED_MARK in inside
        query_value = _QUERY_VALUE_MARK in inside
        restarted = _RESTARTED_MARK in inside
        inside = inside - _DECODED - _QUERY_VALUE - _RESTARTED
        for (o2, s2), h2 in src.items():
            # Data passed straight from a source (or from a parameter without a
            # node, a callback's: a "" hop): the call is where it enters the path.
            start = h2 if any(h2) else ((self.call_id,) if self.call_id else h2)
            path = start + ((pnode,) if pnode else ()) + hops
            # (What the callee decoded keeps none of the caller's checks; data the
            # caller decoded already came in with the mark.)
            before = s2 & _KEPT_BY_DECODING if decoded and _DECODED_MARK not in s2 else s2
            if query_value:
                before = before - url_prefix.URL_CLASSES
            if restarted:
                (before,) = {san for _, san in guards.restarted({(o2, before): ()})}
            out.append((o2, guards.after_call(before, inside), path[:64]))
        return out

    def settled_marks(self, san: frozenset[str]) -> frozenset[str]:
        """A summary's sanitizations in the call's terms: one on the condition
        that a parameter is the code's (`_trust_marks`) holds if what the
        call passed there is (no data, or the deployment's), is the caller's
        condition if that came from one parameter of the caller, else none."""
        if not any(m.startswith(_IF_PARAM) for m in san):
            return san
        out = set()
        for m in san:
            if not m.startswith(_IF_PARAM):
                out.add(m)
                continue
            at, _, cls = m[len(_IF_PARAM) :].partition(":")
            i = int(at)
            v = self.actual.get(i) if i >= 0 else self.js_this
            marks = _trust_marks(deep_taint(v)) if v is not None else frozenset()
            if marks is not None:
                out |= _marked(frozenset({cls}), marks)
        return frozenset(out)

    def taint(self, t: Taint) -> Taint:
        out: Taint = {}
        for (origin, san), hops in t.items():
            for o2, s2, h2 in self.origins(origin, san, hops):
                if (o2, s2) not in out:
                    out[(o2, s2)] = h2
        return out

    def val(self, v: Val, depth: int = 0) -> Val:
        if depth > 4:
            return Val(self.taint(deep_taint(v)))
        # A field of an argument copied as it is (`this.doc[field] = value`).
        qn = self.named_at(v)
        return Val(
            self.taint(v.taint),
            v.consts,
            {k: self.val(f, depth + 1) for k, f in v.fields.items()} if v.fields else None,
            self.val(v.elems, depth + 1) if v.elems is not None else None,
            tuple(self.val(x, depth + 1) for x in v.seq) if v.seq is not None else None,
            qn,
            v.cls,
            v.flags,
            # A function kept by name or with constants bound (`_FUNCTION_KEY`,
            # `_PARTIAL_KEY`) stays one (`self.runner = runner` in a constructor).
            v.fn
            if _kept_function(v)
            # A function it made, what it captured in the call's terms (the steps
            # `compose(withAuthor(a), withLimit(n))` keeps, each a factory's).
            else _captured_in_call(v.fn, self, 1)
            if v.fn is not None and v.fn[0] in ("lambda", "def") and depth < 2
            else None,
            # The text a helper's result starts with (`return "web:" + ref`): its
            # caller's `split(":")[0]` of it is that start's constant.
            (v.prefix[0], self.taint(v.prefix[1])) if v.prefix is not None else None,
        )


def _kept_function(v: Val) -> bool:
    """Whether `v` is a function a summary's value keeps: one of the workspace by
    name, or one with arguments bound (`partial`) none of which holds data (so
    nothing in it is a parameter's origin to substitute)."""
    if v.fn is not None and v.fn[0] == "ref":
        # (A class by name too: one kept in a table, which a method makes.)
        return True
    if v.fn is not None and v.fn[0] == _UNION:
        # One of several by name (`FILTERS.get(kind)`).
        return all(f[0] == "ref" for f in v.fn[1])
    if v.fn is not None and v.fn[0] in (_CLASSES, _LIBRARIES):
        # An object of one of a few classes (`RENDERERS.get(kind)`) or libraries
        # (`https if secure else http`), named.
        return True
    if v.fn is None or v.fn[0] != _PARTIAL:
        return False
    inner, keywords, positional = v.fn[1], v.fn[2], v.fn[3]
    return not (
        deep_taint(inner)
        or inner.fn is not None
        or any(deep_taint(x) for _, x in keywords)
        or any(deep_taint(x) for x in positional)
    )


# -- analysing a file ---------------------------------------------------------------------


@dataclass
class FileResult:
    """What the analysis of one file found."""

    hits: list[Hit] = field(default_factory=list)
    tainted: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    deps: set[str] = field(default_factory=set)
    #: Bodies of which only identifiers and calls were read.
    word_deps: set[str] = field(default_factory=set)
    entries: int = 0
    #: The entries that ran out of their statement budget (body paths, in order):
    #: what they would have found is missing.
    stopped: list[str] = field(default_factory=list)


def analyse_file(
    world: World,
    file: str,
    between_bodies: Callable[[], None] | None = None,
    budget: int = defaults.DATAFLOW_STATEMENT_BUDGET,
) -> FileResult:
    """Run every body of a file that may read user data, as an entry point.

    State kept between requests: when entries write data into module globals or
    class attributes, the bodies that mention them run again, reading them as
    the writers left them (a handler that stores the request's host, another
    that pings it). `between_bodies` is called before each body runs and every
    few hundred statements inside one (`World.interrupt`), and may raise to stop
    the file (its cycle was cancelled). An entry that runs `budget` statements
    (with its calls) stops, and finds nothing (`FileResult.stopped`)."""
    ff = world.flows(file)
    if ff is None:
        return FileResult()
    world.files_analysed += 1
    targets = world.targets(file)
    world.interrupt = between_bodies
    try:
        return _analyse_bodies(world, file, ff, targets, between_bodies, budget)
    finally:
        world.interrupt = None


def _analyse_bodies(
    world: World,
    file: str,
    ff: FileFlows,
    targets: dict[str, str],
    between_bodies: Callable[[], None] | None,
    budget: int,
) -> FileResult:
    """`analyse_file` of a file's flows."""
    bodies = [(path, fn) for path, fn in ff.bodies.items() if fn.kind != "LAMBDA"]
    runs: dict[str, tuple[set[str], Interp | None]] = {}
    stopped: set[str] = set()
    for path, fn in bodies:
        if between_bodies is not None:
            between_bodies()
        runs[path] = _budgeted(
            world, budget, path, stopped, functools.partial(_run_body, world, ff, fn, targets, {})
        )
    written: dict[str, Val] = {}
    for path, _ in bodies:
        it = runs[path][1]
        for key, v in it.state_writes.items() if it is not None else ():
            old = written.get(key)
            written[key] = v if old is None else join(old, v)
    if written:
        # The names a body must mention to read what was stored (`Cls.x`: x).
        words = frozenset(_state_word(k) for k in written)
        # A JavaScript module's route handlers are callbacks its top level runs:
        # what one stored in a session, the others read when it runs again.
        # (So is what one handed an error middleware: `next(err)`.)
        # (And what a middleware ran the rest of the request with, in an
        # AsyncLocalStorage, which the handlers `getStore()`.)
        module = world.module_values(file) if ff.js else {}
        in_session = ff.js and any(
            k.rpartition(".")[0].endswith(_KEPT_ITEMS)
            or k in (_NEXT_ERROR, _BROKER_MESSAGE)
            or (k in module and _request_context(module[k], True))
            for k in written
        )
        for path, fn in bodies:
            if (
                (
                    (fn.kind != "MODULE" or in_session)
                    and (not words.isdisjoint(fn.words) or _callee_reads(ff, fn, targets, words))
                )
                or (_PAGE_PROPS in written and _page_component(fn))
                or (_BROKER_MESSAGE in written and not ff.js and _consumes_messages(world, ff, fn))
                # (`consumer.run({ eachMessage: handle })` of a function given by
                # name, whose words are not the registering body's.)
                or (_BROKER_MESSAGE in written and ff.js and _registers_message_handler(fn))
            ):
                runs[path] = _budgeted(
                    world,
                    budget,
                    path,
                    stopped,
                    functools.partial(_run_body, world, ff, fn, targets, written),
                )
        for path, fn in sorted(ff.bodies.items()):
            if (
                fn.kind == "LAMBDA"
                and "." not in path
                and not fn.params
                and not words.isdisjoint(fn.words)
            ):
                # A callback the module's top level hands on, called with nothing
                # (`setInterval(() => drain(jobs))`, a cron job), runs later, reading
                # what the handlers stored. (Not a route's handler: it runs with the
                # request where the route's validation is known.)

                def run_later(fn: ir.FlowFunction = fn) -> tuple[set[str], Interp | None]:
                    # (Made inside the budget: what it reads counts if it stops.)
                    it = Interp(world, ff, fn, [EMPTY] * len(fn.params), depth=0, summary=False)
                    it.stored_state = written
                    it.run()
                    return set(), it

                ran = _budgeted(world, budget, path, stopped, run_later)
                later = ran[1]
                if later is None:
                    runs[path] = ran
                    bodies.append((path, fn))
                    continue
                # (Its findings pass through the module's variable the handlers
                # wrote: the first node of their path.)
                top = world.file_summary(file).top
                held = [top[k].id for k in sorted(written) if k in top and k in fn.words]
                if held:
                    later.hits[:] = [
                        replace(h, hops=(held[0], *h.hops)) if held[0] not in h.hops else h
                        for h in later.hits
                    ]
                runs[path] = (set(), later)
                bodies.append((path, fn))
    out = FileResult(stopped=[path for path, _ in bodies if path in stopped])
    for path, _ in bodies:
        deps, it = runs[path]
        if path in stopped:
            # What it read before it stopped decides where it stops: a change
            # there runs it again.
            out.deps |= deps
        else:
            out.word_deps |= deps
        if it is None:
            continue
        out.entries += 1
        out.hits.extend(it.hits)
        for var, info in it.tainted.items():
            out.tainted.setdefault(var, info)
        out.deps |= it.deps
        out.word_deps |= it.word_deps
    return out


def _holds_text(stmts: Any, needle: str) -> bool:
    """Whether a body's statements hold a string constant containing `needle`."""
    stack = [stmts]
    seen = 0
    while stack and seen < _MAX_HANDED_SCAN:
        x = stack.pop()
        seen += 1
        if isinstance(x, str):
            if needle in x:
                return True
        elif isinstance(x, list):
            stack.extend(x)
    return False


def _any_expression(stmts: Any, test: Callable[[list[Any]], bool]) -> bool:
    """Whether an expression of a body's statements passes `test` (at most
    `_MAX_HANDED_SCAN` of them looked at)."""
    stack = [stmts]
    seen = 0
    while stack and seen < _MAX_HANDED_SCAN:
        x = stack.pop()
        seen += 1
        if not isinstance(x, list) or not x:
            continue
        if test(x):
            return True
        stack.extend(y for y in x if isinstance(y, list))
    return False


def _hands_on_names(stmts: Any, names: set[str] | frozenset[str]) -> bool:
    """Whether a body's statements hand one of `names` itself (not a part of it)
    to a call as an argument (`load_cart(request)`)."""
    return _any_expression(
        stmts,
        lambda x: (
            x[0] == ir.CALL
            and len(x) == 5
            and any(
                isinstance(a, list) and a[:1] == [ir.NAME] and a[1] in names
                for a in (*x[3], *(v for _, v in x[4]))
            )
        ),
    )


def _iterated_names(stmts: Any) -> frozenset[str]:
    """The names a body's statements iterate themselves (`for (const c of req)`:
    `req`), among the expressions `_any_expression` would look at."""
    found: set[str] = set()

    def iterates(x: list[Any]) -> bool:
        inner = x[1] if x[0] == ir.ELEM and len(x) == 2 else None
        if isinstance(inner, list) and len(inner) == 2 and inner[0] == ir.NAME:
            found.add(str(inner[1]))
        return False

    _any_expression(stmts, iterates)
    return frozenset(found)


#: Expressions `_any_expression` looks at in one body, at most.
_MAX_HANDED_SCAN = 20_000


def _callee_reads(
    ff: FileFlows, fn: ir.FlowFunction, targets: dict[str, str], words: frozenset[str]
) -> bool:
    """Whether a top-level function of the file this body calls mentions one of
    `words` (a view calling `_fields()`, which reads the `g.body` a hook set)."""
    for local in fn.calls:
        callee = targets.get(f"{ff.file}->CALL->{local}")
        if callee is None or file_of_id(callee) != ff.file:
            continue
        parts = parse_id(callee)
        # (A class's method too: `ThemeRegistry.stylesheet_for(site)` reading the
        # class's table another handler stored into.)
        body = (
            ff.bodies.get(parts.path)
            if parts.kind in (NodeType.FUNCTION, NodeType.METHOD)
            else None
        )
        if body is not None and not words.isdisjoint(body.words):
            return True
    return False


def _page_component(fn: ir.FlowFunction) -> bool:
    """A module-level function named in capitals with a parameter: a React
    component (the page of a Next.js page module)."""
    return (
        fn.kind == "FUNCTION"
        and "." not in fn.path
        and fn.path[:1].isupper()
        and bool(fn.params)
        and fn.path not in _PROPS_MAKERS
    )


def _state_word(key: str) -> str:
    """The name a body must mention to read a state key (`Cls.x`: x; a session's
    item `flask.session[].next`: session)."""
    owner, _, last = key.rpartition(".")
    if owner.endswith(_KEPT_ITEMS):
        held_by = owner[: -len(_KEPT_ITEMS)].rsplit(".", 1)[-1]
        # (An object a library call made, `Cache(app)`, has the name of the module's
        # variable holding it, which this does not know: its readers call `get`.)
        return "get" if held_by.endswith(")") else held_by
    return last


def _run_body(
    world: World,
    ff: FileFlows,
    fn: ir.FlowFunction,
    targets: dict[str, str],
    stored: dict[str, Val],
) -> tuple[set[str], Interp | None]:
    """One body as an entry point, if it may read user data (or, `stored` given,
    what other entries stored): the bodies whose words it read to decide, and its
    finished interpreter."""
    file = ff.file
    func_id = (
        f"{file}->MODULE"
        if fn.kind == "MODULE"
        else definition_id(file, NodeType(fn.kind), fn.path)
    )
    deps: set[str] = set()
    world.entry_reads.append(deps)
    if _is_test_code(world, ff, fn, deps):
        return deps, None
    wrapping: _Wrapper | None = None
    if not (stored or _may_read_user_data(world, ff, fn, func_id, targets, deps)):
        wrapping = _source_wrapper(world, ff, fn, func_id, deps)
        if wrapping is None:
            return deps, None
    params = [EMPTY] * len(fn.params)
    prepared, prepared_deps = _prepared_view(world, ff, fn)
    if prepared is not None:
        params[0] = prepared
    handed_in = world.instances_handed_in(ff, fn, func_id)
    functions_in = world.functions_handed_in(ff, fn, func_id) if ff.js else {}

    def entry() -> Interp:
        it = Interp(world, ff, fn, list(params), depth=0, summary=False)
        it.deps |= prepared_deps
        it.stored_state = stored
        if ff.js and fn.kind == "METHOD":
            # A controller's route method (`this.client.search(...)` of a client its
            # constructor makes): on the object its constructor makes, when that
            # takes nothing the analysis cannot see, or else on the one object of
            # its class the module holds (what its constructor was handed there).
            made = it._made_unseen(func_id, {}, "")
            if made is None:
                made = world.module_instance(file, _class_of_method(func_id), it.deps)
            if made is None:
                made = _made_in_module(it, ff, _class_of_method(func_id), targets)
            # (Made of nothing the request sent: what it holds of the environment,
            # a client's URL, is the deployment's configuration, not data.)
            it.this_val = _without_taint(made) if made is not None else None
        for i, (cls_id, call_id, args) in handed_in.items():
            # `makeHandler(new CatalogService(doc))`: every call of this file hands the
            # factory a new object of one class, whose methods its handlers call
            # (or of an ES5 constructor function, `new CustomerDao(pool)`), made
            # with what its arguments hold when no call is needed to know it
            # (`new InvoiceImporter({ noent: true })`, `new WebhookService(request)`),
            # and objects made for them (`new ProbeService(new DigResolver(ip))`).
            if not cls_id:
                held = world.module_values(file).get(call_id)
                made = held if held is not None and _made_object(held) else None
            else:
                argv = [it.expr(a, {}, 0) for a in args]
                made = it.apply(cls_id, [ir.NAME, "?"], [], None, argv, {}, {}, call_id, None)
                if parse_id(cls_id).kind == NodeType.FUNCTION:
                    made = it.constructed(cls_id, made, {}, call_id)
            if made is not None:
                it.params[i] = made
        for i, handed in functions_in.items():
            # `withLayout("Bye", renderFarewell)`: the function its handler calls.
            it.params[i] = handed
        return it

    it = entry()
    chain = _route_wrappers(world, ff, fn, func_id)
    if not chain and wrapping is None:
        wrapping = _source_wrapper(world, ff, fn, func_id, deps)
    if wrapping is not None:
        # `@json_endpoint def report(environ)`, whose wrapper is the WSGI
        # application (`wrapper(environ, start_response)` calling `func(environ)`),
        # `@require_choice("theme", THEMES)` around a Django view, whose wrapper
        # reads `request.POST` and hands the view what it checked: the wrapper
        # runs as the entry it is, calling this function.
        chain = [wrapping]
    if chain:
        # The route registered the view as decorators of the file wrapped it
        # (a check, a conversion, an escape around the call): the outermost
        # wrapper is what the framework calls, with the view's sources; each
        # calls the next one in, the last calls the view.
        first, rest = chain[0], chain[1:]
        sources = it.entry_params()
        outer = Interp(
            world, ff, first.inner, _wrapper_args(first.inner, fn, sources), depth=0, summary=False
        )
        outer.seeded = {first.view_param: _wrapped(fn, rest), **dict(first.bound)}
        outer.wraps = fn.path
        outer.wrappers = frozenset(w.inner.path for w in rest)
        outer.stored_state = stored
        outer.run()
        return deps, outer
    it.run()
    if it.hits and (it.splittable or it.returned_names):
        it.hits[:] = _split_confirmed(it, entry)
    for sub in _overriding_subclasses(world, ff, fn):
        # `BasePanelView.get` calling `self.body_html()` for a `SearchPanelView`
        # (which the route serves): the method runs again on an object of each
        # subclass of this file that overrides a method it names.
        deps.add(sub)
        again = Interp(world, ff, fn, list(params), depth=0, summary=False)
        again.stored_state = stored
        if ff.js:
            again.this_val = Val(cls=sub)
        else:
            again.params[0] = Val(cls=sub)
        again.run()
        it.hits.extend(again.hits)
        for var, info in again.tainted.items():
            it.tainted.setdefault(var, info)
        it.deps |= again.deps
        it.word_deps |= again.word_deps
    handlers = _handlers_made(it) if fn.kind != "MODULE" else []
    if handlers:
        # A factory's handler (`const make = (svc) => (req, res) => ...`): the
        # function it returns is what a route gets, and runs as that entry would,
        # with the names it captured and the factory's parameters (an entry keeps
        # no state at a `return`).
        around = dict(zip(it.param_names, it.params))
        around.update(it.final_env or {})
        for handler in handlers:
            it.inline(handler, None, [], {}, around, "", same_level=True)
    return deps, it


def _made_in_module(it: Interp, ff: FileFlows, cls_id: str, targets: dict[str, str]) -> Val | None:
    """The one object of a class the module's top level makes without naming it
    (`app.post(p, new AvatarController(new AvatarService(dir)).importFromUrl)`),
    made as that call makes it, when the module's statements make one."""
    module = ff.bodies.get("")
    if module is None or parse_id(cls_id).path not in module.words:
        return None
    made = [
        call
        for call in _ir_calls(module.body)
        if (call_id := _call_id_in(module, ff.file, call)) is not None
        and _constructs(call_id)
        and targets.get(call_id) == cls_id
    ]
    if len(made) != 1:
        return None
    got = it.expr_of_body(module, made[0], {})
    return got if got.cls == cls_id and got.fn is None else None


def _values_of(test: Any, env: Env) -> dict[str, Val]:
    """The values `env` holds for the names a condition reads."""
    out: dict[str, Val] = {}
    stack = [test]
    while stack:
        x = stack.pop()
        if not isinstance(x, list) or not x:
            continue
        if x[0] == ir.NAME and len(x) == 2 and isinstance(x[1], str):
            v = env.get(x[1])
            if v is not None:
                out[x[1]] = v
            continue
        stack.extend(x)
    return out


def _budgeted(
    world: World,
    budget: int,
    path: str,
    stopped: set[str],
    run: Callable[[], tuple[set[str], Interp | None]],
) -> tuple[set[str], Interp | None]:
    """`run()` of an entry within `budget` statements; when it runs out, `path` joins
    `stopped`, and the entry gives what it read so far and no interpreter (no
    findings: a partial run's would be those of a path it did not finish)."""
    world.entry_reads = []
    world.deadline = world.ticks + budget
    stopped.discard(path)  # (the second round runs it again)
    try:
        return run()
    except EntryStopped:
        stopped.add(path)
        return set().union(*world.entry_reads), None
    finally:
        world.deadline = _NO_DEADLINE
        world.entry_reads = []


#: The most names an entry's findings are split on (each costs a run per alternative).
MAX_SPLIT_NAMES = 2


def _split_confirmed(it: Interp, entry: Callable[[], Interp]) -> list[Hit]:
    """The entry's findings that hold for one alternative at a time of each name
    it gave one of a few objects or functions (`renderer = RENDERERS.get(kind)`,
    then `renderer.render(msg)` and `renderer.content_type`): joined, the plain
    renderer's unescaped text would meet the HTML renderer's content type, which
    no run ever does. Runs again once per alternative, only where a finding is."""
    counts = dict(it.splittable)
    for key, (target, ctx) in it.returned_names.items():
        made = it._returned_object(target, ctx)
        if made.fn is not None and made.fn[0] == _CLASSES and len(made.fn[1]) > 1:
            counts[key] = max(counts.get(key, 0), len(made.fn[1]))
    hits = it.hits
    for key in sorted(counts)[:MAX_SPLIT_NAMES]:
        seen: set[tuple[str, str, str, int]] = set()
        for at in range(counts[key]):
            again = entry()
            again.forced = {key: at}
            again.run()
            seen.update((h.origin, h.cls, h.sink, h.site) for h in again.hits)
            # What decided these runs decides the findings kept.
            it.deps |= again.deps
            it.word_deps |= again.word_deps
        hits = [h for h in hits if (h.origin, h.cls, h.sink, h.site) in seen]
        if not hits:
            break
    return hits


def _joined_constants(name: str, recv: Val, argv: list[Val], js: bool) -> Val | None:
    """`[...lines].join("\n")` (Python: `"\n".join([...])`) of constant texts: the
    constant text (a template written as a list of its lines)."""
    if name != "join" or len(argv) > 1:
        return None
    items, sep = (
        (recv, argv[0] if argv else const_val(",")) if js else (argv[0] if argv else EMPTY, recv)
    )
    glue = single_const(sep)
    if items.seq is None or items.taint or items.fields or not isinstance(glue, str):
        return None
    texts = [single_const(x) for x in items.seq]
    if not all(isinstance(t, str) for t in texts) or any(deep_taint(x) for x in items.seq):
        return None
    return const_val(glue.join(texts))


def _multiline(args: list[Any], kwargs: list[Any]) -> bool:
    """Whether a regex call's flags (IR) name `re.M` / `re.MULTILINE`."""

    def names(e: Any) -> bool:
        if not isinstance(e, list) or not e:
            return False
        if e[0] == ir.ATTR and e[2] in ("M", "MULTILINE"):
            return True
        if e[0] == ir.NAME and e[1] in ("M", "MULTILINE"):
            return True
        return e[0] == ir.BIN and (names(e[2]) or names(e[3]))

    return any(names(a) for a in args) or any(names(v) for k, v in kwargs if k == "flags")


def _handlers_made(it: Interp) -> list[Val]:
    """The functions an entry hands out for a framework to call: the one it
    returns, those of an object it returns (`return { update: (req, res) =>
    ... }`), and, in JavaScript, those it keeps on `this` (`function
    ContributionsHandler(db) { this.update = (req, res, next) => ... }`, an
    object a route file makes and registers the methods of)."""
    out: list[Val] = []
    made: list[Val] = [it.ret] if it.ret is not None else []
    if it.js and it.final_env is not None:
        made += [v for v in it.final_env.values() if v.qn == "this"]
    for v in made:
        if v.fn is not None and v.fn[0] == "lambda":
            out.append(v)
        for key in sorted(v.fields or (), key=str):
            kept = v.fields[key] if v.fields is not None else None
            if (
                kept is not None
                and kept.fn is not None
                and kept.fn[0] == "lambda"
                and not any(kept is seen for seen in out)
            ):
                out.append(kept)
    return out


#: The bases of unittest's, Django's, DRF's, Tornado's and aiohttp's test cases
#: (`TestCase`, `SimpleTestCase`, `APITestCase`, `AsyncHTTPTestCase`, ...), as written.
_TEST_CASE_BASES = "*TestCase"


def _is_test_code(world: World, ff: FileFlows, fn: ir.FlowFunction, deps: set[str]) -> bool:
    """Whether a body is a method (or a callback in one) of a test case class.

    A test makes its own request (`self.factory.get("/?q=<b>")`) and reads what
    it wrote: no one else's data reaches it, so it is never an entry. (Django's
    tests are 2,000 of its 2,700 bodies that read request data.) Not a file's
    `test_*` functions by their names: `test_webhook` is as likely a route that
    sends a test delivery. The class chain read goes to `deps`."""
    if ff.js or fn.kind == "MODULE":
        return False
    return world.in_class_based_on(ff.file, fn.path, _TEST_CASE_BASES, deps)


def _may_read_user_data(
    world: World,
    ff: FileFlows,
    fn: ir.FlowFunction,
    func_id: str,
    targets: dict[str, str],
    deps: set[str],
) -> bool:
    """The cheap test that keeps the interpreter off a body: whether it may read
    user data as an entry (itself, through a callee, a module-level value, a
    hook of its class); what it read to decide goes to `deps`."""
    file = ff.file
    if world.reads_source(ff, func_id, fn, deps):
        return True
    # A function reading a module-level name that holds user data (`const hook
    # = params.get("done")` at the top of a page's script).
    if fn.kind != "MODULE" and world.reads_module_data(ff, fn, deps):
        return True
    # (And the callbacks written in it, which run there: `useEffect(() =>
    # setFlash(readFlash()))` in a component.)
    inline = world.inline_lambdas(ff, fn.path) if fn.kind != "MODULE" and ff.js else []
    if any(world.reads_source(ff, func_id, lam, deps) for lam in inline):
        return True
    for local in (*fn.calls, *(c for lam in inline for c in lam.calls)):
        callee = targets.get(f"{file}->CALL->{local}")
        if callee is None:
            continue
        kind = parse_id(callee).kind
        if kind in (NodeType.FUNCTION, NodeType.METHOD) and world.may_source(callee, 2, deps):
            return True
        if (
            kind == NodeType.CLASS
            and not ff.js
            and world.based_on(file_of_id(callee), callee, _FLASK_WTF_FORMS)
        ):
            # A Flask-WTF form made here reads the request's form itself.
            deps.add(callee)
            return True
    if ff.js and fn.kind == "MODULE" and _holds_text(fn.body, "v-html"):
        # A Vue component's options (`_run_component`): its functions run here.
        return True
    if (
        ff.js
        and fn.kind == "MODULE"
        and any(
            _exports_key(fn.body, t.exported) and world.handed_by_framework(file, t.exported)
            for t in _FRAMEWORK_HANDLER_TABLES
        )
    ):
        # SvelteKit's `export const actions = { default: async ({ url }) => ... }`:
        # the framework hands each the request's event (`_run_exported`).
        return True
    if ff.js and fn.kind == "MODULE":
        # A module handing its own middleware to a route (`app.post(p, load,
        # (req, res) => ...)`): what the middleware stores, the handlers read.
        for path, other in ff.bodies.items():
            if (
                other.kind == "FUNCTION"
                and "." not in path
                and path in fn.words
                and world.reads_source(
                    ff, definition_id(file, NodeType.FUNCTION, path), other, deps
                )
            ):
                return True
    # A handler whose class reads the request before it (`prepare(self)`
    # storing `self.host = self.get_argument("host")`).
    if any(
        world.reads_source(ff, definition_id(file, NodeType.METHOD, hook.path), hook, deps)
        for hook in _before_handler(world, ff, fn)
    ):
        return True
    # A base's handler calling a hook a subclass of the file overrides to read
    # the request (`self.render_fragment()`): it runs for that subclass too.
    for sub in _overriding_subclasses(world, ff, fn):
        prefix = parse_id(sub).path + "."
        for path, other in ff.bodies.items():
            if other.kind != "METHOD" or not path.startswith(prefix) or "." in path[len(prefix) :]:
                continue
            method_id = definition_id(file, NodeType.METHOD, path)
            if world.reads_source(ff, method_id, other, deps) or world.may_source(
                method_id, 2, deps
            ):
                deps.add(sub)
                return True
    return False


def _exports_key(body: list[Any], key: str) -> bool:
    """Whether a module's top level exports something as `key` (`export const
    actions = ...`, `exports.actions = ...`)."""
    target = [ir.ATTR, [ir.NAME, "exports"], key]
    return any(st[0] == ir.ASSIGN and st[1] == target for st in body)


def _overriding_subclasses(world: World, ff: FileFlows, fn: ir.FlowFunction) -> list[str]:
    """The classes of this file below a method's class (through EXTENDS edges)
    that do not define the method but override a method whose name it mentions
    (`self.body_html()`), or that a method of its class it mentions mentions, in
    id order; at most `_MAX_OVERRIDING_SUBCLASSES`.
    Only this file's: a change to one re-runs the file's data flow."""
    if fn.kind != "METHOD" or (not ff.js and not fn.params):
        return []
    if not ff.js and "staticmethod" in world.decorators(
        ff.file, str(definition_id(ff.file, NodeType.METHOD, fn.path))
    ):
        return []  # no object: nothing dispatches on it
    cls_path, _, name = fn.path.rpartition(".")
    if not cls_path:
        return []
    top = str(definition_id(ff.file, NodeType.CLASS, cls_path))
    below: set[str] = set()
    queue = [top]
    extended_by = world.extended_in_file(ff.file)
    while queue and len(below) < _MAX_CLASS_CHAIN:
        for sub in extended_by.get(queue.pop(), ()):
            if sub not in below and sub != top:
                below.add(sub)
                queue.append(sub)
    # The names it mentions, and those the class's methods it names mention in
    # turn (`get` calling `self.build_sql(ctx)`, which calls the overridden
    # `self.order_clause(ctx)`), two levels down.
    words = set(fn.words)
    frontier = set(fn.words)
    for _ in range(2):
        reached: set[str] = set()
        for w in sorted(frontier):
            body = ff.bodies.get(f"{cls_path}.{w}")
            if body is not None and w != name:
                reached |= set(body.words) - words
        words |= reached
        frontier = reached
    out: list[str] = []
    for sub in sorted(below):
        sub_path = parse_id(sub).path
        if f"{sub_path}.{name}" in ff.bodies:
            continue  # its own method runs as its own entry
        if any(f"{sub_path}.{w}" in ff.bodies for w in sorted(words) if w != name):
            out.append(sub)
    return out[:_MAX_OVERRIDING_SUBCLASSES]


#: Subclasses a base's method runs again for, at most (`_overriding_subclasses`).
_MAX_OVERRIDING_SUBCLASSES = 8


#: What makes a generator function a context manager (`with f(x) as v`: its first yield).
_CONTEXT_MANAGER_DECORATORS = frozenset({"contextmanager", "asynccontextmanager"})
#: Content negotiation of Express's and Koa's requests: each answers with one of
#: the values it is offered (or false).
_CONTENT_NEGOTIATION = frozenset(
    {
        *("accepts", "acceptsLanguages", "acceptsEncodings", "acceptsCharsets"),
        *("acceptsLanguage", "acceptsEncoding", "acceptsCharset"),
    }
)
#: `collections.namedtuple`: what makes a class of records, and what calling one is.
_NAMEDTUPLE_MAKERS = frozenset({"collections.namedtuple"})
#: GraphQL servers whose options' `context` makes the resolvers' context from
#: the request, by their last name: how the request is handed to it (a field
#: of its argument, or "" for the argument itself) and its class.
_GRAPHQL_CONTEXTS: dict[str, tuple[str, str]] = {
    "startStandaloneServer": ("req", "express.Request"),
    "expressMiddleware": ("req", "express.Request"),
    "ApolloServer": ("req", "express.Request"),
    "koaMiddleware": ("ctx", "koa.Context"),
    "createYoga": ("request", "express.Request"),
    "startServerAndCreateNextHandler": ("", "express.Request"),
    "createHandler": ("", "express.Request"),
}
#: Message brokers' clients (kafkajs, amqplib, node-redis, ioredis): what a route
#: publishes, a consumer of the same module gets (`_BROKER_MESSAGE`, the state's key).
_BROKER_CLIENTS = ("kafkajs.", "amqplib.", "amqplib/", "redis.", "ioredis")
_BROKER_MESSAGE = "broker.message"


def _published_message(name: str, argv: list[Val]) -> Val | None:
    """What a broker client's call publishes: kafkajs `send({ messages: [{ value
    }] })`, amqplib `sendToQueue(q, content)` / `publish(exchange, key, content)`,
    Redis `publish(channel, message)`; None for another call."""
    if name in ("send", "sendBatch") and argv and argv[0].fields:
        messages = argv[0].fields.get("messages")
        if messages is None:
            return None
        items = [*(messages.seq or ()), *((messages.elems,) if messages.elems else ())]
        values = [get_key(m, "value") for m in items]
        return functools.reduce(join, values) if values else None
    if name == "sendToQueue" and len(argv) > 1:
        return argv[1]
    if name == "publish" and len(argv) > 2:
        return argv[2]
    if name == "publish" and len(argv) == 2:
        return argv[1]
    return None


def _message_handler(name: str, argv: list[Val]) -> tuple[Val, str] | None:
    """The handler a broker client's call registers (a function value) and the
    shape of what it is handed (`_message_arguments`); None for another call."""
    handler: Val | None = None
    shape = "redis"
    if name == "run" and argv and argv[0].fields:
        handler, shape = argv[0].fields.get("eachMessage"), "kafka"
    elif name == "consume" and len(argv) > 1:
        handler, shape = argv[1], "amqp"
    elif name in ("subscribe", "pSubscribe") and len(argv) > 1:
        handler = argv[-1]
    elif name == "on" and len(argv) > 1 and single_const(argv[0]) == "message":
        handler, shape = argv[1], "redis-on"
    if handler is None or handler.fn is None or handler.fn[0] not in ("lambda", "def", "ref"):
        return None
    return handler, shape


def _consumes_messages(world: World, ff: FileFlows, fn: ir.FlowFunction) -> bool:
    """Whether a Python body consumes a broker's messages (`_python_broker_call`),
    by the names it calls (imported under another name too)."""
    fs = world.file_summary(ff.file)
    for c in fn.calls:
        name = _called_name(c)
        if name in _PY_CONSUMERS:
            return True
        imp = _import_in_scope(fs, ff.file, fn.path, name) if name.isidentifier() else None
        if imp is not None and import_qn(imp.attrs, False).rsplit(".", 1)[-1] in _PY_CONSUMERS:
            return True
    return False


def _call_text(call: str) -> str:
    """The callee of a body's call as written (`run->pubsub.listen#0`: `pubsub.listen`)."""
    return call.rsplit("->", 1)[-1].partition("#")[0]


def _called_name(call: str) -> str:
    """The last name a body's call calls (`run->pubsub.listen#0`: `listen`)."""
    return _call_text(call).rsplit(".", 1)[-1]


#: What a Python body calls to consume a broker's messages.
_PY_CONSUMERS = frozenset(
    {"AIOKafkaConsumer", "KafkaConsumer", "listen", "get_message", "basic_consume"}
)


def _registers_message_handler(fn: ir.FlowFunction) -> bool:
    """Whether a body calls what registers a broker's message handler."""
    return any(_called_name(c) in _HANDLER_REGISTRARS for c in fn.calls)


#: Methods that register a message handler (`consumer.run`, `channel.consume`,
#: `subscriber.subscribe`, `subscriber.on("message", ...)`).
_HANDLER_REGISTRARS = frozenset({"run", "consume", "subscribe", "pSubscribe", "on"})


def _message_arguments(shape: str, kept: Val) -> list[Val]:
    """What a handler of `shape` is handed for a message whose payload is `kept`."""
    if shape == "kafka":
        return [Val(fields={"message": Val(fields={"value": kept})})]
    if shape == "amqp":
        return [Val(fields={"content": kept})]
    if shape == "redis-on":
        return [EMPTY, kept]
    return [kept]


#: Libraries that read an archive from a path (`new AdmZip(path)`,
#: `unzipper.Open.file(path)`): an upload's stored file is the client's archive.
_ARCHIVE_READERS = frozenset({"adm-zip", "adm-zip.default", "unzipper.Open.file"})
#: (The request's data, as Express's models label it: a remote source.)
_UPLOADED_ARCHIVE_LABEL = "HTTP request data"


def _uploaded_file_path(qn: str | None) -> bool:
    """Whether `qn` names where an upload middleware stored a file (multer's
    `req.file.path`, formidable's and koa-body's `filepath`)."""
    if qn is None:
        return False
    return qn in ("express.Request.file.path", "express.Request.files[].path") or (
        qn.startswith(("formidable.Files", "koa.Context.request.files"))
        and qn.endswith((".filepath", ".path"))
    )


#: The DataLoader class (`new DataLoader(batchFn)`), and the field of its object
#: holding the batch function its `load(key)` and `loadMany(keys)` run.
_DATA_LOADERS = frozenset({"dataloader", "dataloader.default", "dataloader.DataLoader"})
_BATCH_FUNCTION = "<batch function>"
_NAMEDTUPLE_RECORDS = frozenset(f"{m}()" for m in _NAMEDTUPLE_MAKERS)
#: Where a record class's value keeps its field names (no attribute has this name).
_RECORD_FIELDS = "<record fields>"


def _record_field_names(v: Val) -> list[str] | None:
    """The field names `namedtuple` is given: a list of texts, or one text of names
    separated by commas or spaces; None when any is not a constant name."""
    if v.seq is not None:
        names = [single_const(x) for x in v.seq]
    else:
        text = single_const(v)
        names = text.replace(",", " ").split() if isinstance(text, str) else [None]
    if not names or not all(isinstance(n, str) and n.isidentifier() for n in names):
        return None
    return [str(n) for n in names]


def _built_text(e: Any) -> bool:
    """Whether an expression builds a text of its parts (an f-string, `a + "|" + b`,
    `"|".join(...)`, `"{}:{}".format(...)`, any of those `.encode()`d)."""
    if not isinstance(e, list) or not e:
        return False
    if e[0] in (ir.JOIN, ir.BIN):
        return True
    if e[0] == ir.CALL and isinstance(e[2], list) and e[2][0] == ir.ATTR:
        if e[2][2] == "encode":
            return _built_text(e[2][1])
        return e[2][2] in ("format", "join")
    return False


def _translation_table(argv: list[Val]) -> dict[Any, Val] | None:
    """`str.maketrans`'s table, character -> what it becomes (a constant text, or
    None: deleted), when its arguments are constants: a dict of characters (or
    their codes), or two texts of one length and the characters to delete."""
    if len(argv) == 1 and argv[0].fields:
        out: dict[Any, Val] = {}
        for k, v in argv[0].fields.items():
            key = chr(k) if isinstance(k, int) and 0 <= k < 0x110000 else k
            if not isinstance(key, str) or len(key) != 1:
                return None
            out[key] = v
        return out
    texts = [single_const(a) for a in argv]
    if 2 <= len(texts) <= 3 and all(isinstance(t, str) for t in texts):
        src, dst, *gone = (str(t) for t in texts)
        if len(src) != len(dst):
            return None
        table = {a: Val(consts=consts.const(b)) for a, b in zip(src, dst)}
        table.update((c, Val(consts=consts.const(None))) for c in (gone[0] if gone else ""))
        return table
    return None


#: argparse's actions that store no text (`--dry-run`, `-v -v`).
_NO_TEXT_ACTIONS = frozenset({"store_true", "store_false", "count", "store_const"})
#: What `parse_args()` returns: options by destination (`typed_options`).
_PARSED_ARGS = "argparse.ArgumentParser().parse_args()"
#: ... and what Flask-RESTful's and Flask-RESTX's request parsers return, read the same way.
_PARSED_ARGUMENTS = frozenset(
    {
        _PARSED_ARGS,
        "flask_restful.reqparse.RequestParser().parse_args()",
        "flask_restx.reqparse.RequestParser().parse_args()",
    }
)


def _typed_option(call: list[Any]) -> tuple[str, Val] | None:
    """(destination, value) of a `parser.add_argument("--days", type=int)` call
    whose option argparse converts or checks; None for another call."""
    func, args, kwargs = call[2], call[3], call[4]
    if (
        not (isinstance(func, list) and len(func) == 3 and func[0] == ir.ATTR)
        or func[2] != "add_argument"
    ):
        return None
    names = [a for a in args if isinstance(a, str)]
    if not names or len(names) != len(args):
        return None
    kw = {
        kv[0]: kv[1]
        for kv in kwargs
        if isinstance(kv, list) and len(kv) == 2 and isinstance(kv[0], str)
    }
    dest = kw.get("dest")
    if not isinstance(dest, str):
        longs = [n for n in names if n.startswith("--")]
        first = longs[0] if longs else names[0]
        dest = first.lstrip("-").replace("-", "_")
    if not dest.isidentifier():
        return None
    choices = kw.get("choices")
    if isinstance(choices, list) and len(choices) == 3 and choices[0] == ir.SEQ:
        items = choices[2]
        if items and all(isinstance(x, (str, int, float)) for x in items):
            return dest, Val(consts=frozenset(items))
    kind, action = kw.get("type"), kw.get("action")
    if kind in ([ir.NAME, "int"], [ir.NAME, "float"]) or (
        isinstance(action, str) and action in _NO_TEXT_ACTIONS
    ):
        return dest, Val()
    return None


def _dependency_args(ff: FileFlows, fn: ir.FlowFunction) -> list[Val]:
    """What FastAPI hands a dependency: the request's data for each parameter but
    those declared numbers or objects it injects."""
    args: list[Val] = []
    for p in fn.params:
        flag = p[2] if len(p) > 2 else None
        if flag in (ir.P_SCALAR, ir.P_INJECTED) or p[1] in (ir.P_VARARGS, ir.P_KWARGS):
            args.append(EMPTY)
            continue
        pid = scoped_id(ff.file, NodeType.PARAMETER, fn.path, p[0])
        origin = f"S|{_FASTAPI_PARAM_LABEL}|{p[0]}|{pid}"
        args.append(Val({(origin, frozenset()): (pid,)}))
    return args


def _instances_handed_in(
    file: str,
    fn: ir.FlowFunction,
    calls: list[tuple[ir.FlowFunction, list[Any]]],
    targets: dict[str, str],
) -> dict[int, _HandedObject]:
    """The parameters of a function to which every call of it in its own file
    (`calls`: each with the body it is in) hands the same new object
    (`makeHandler(new CatalogService(doc))`, `_new_object`): position -> that
    object. Empty when a call hands anything else."""
    return _same_at_every_call(
        calls, len(fn.params), lambda body, a: _new_object(a, body, file, targets)
    )


def _same_at_every_call(
    calls: list[tuple[ir.FlowFunction, list[Any]]],
    count: int,
    read: Callable[[ir.FlowFunction, Any], _T | None],
) -> dict[int, _T]:
    """Position -> what `read` makes of the argument there (with the body the
    call is in), for the first `count` positions where every call agrees on
    something (a missing argument reads as nothing)."""
    found: dict[int, _T | None] = {}
    for body, call in calls:
        args = call[3]
        for i in range(count):
            got = read(body, args[i]) if i < len(args) else None
            if i not in found:
                found[i] = got
            elif found[i] != got:
                found[i] = None
    return {i: v for i, v in found.items() if v is not None}


def _call_id_in(body: ir.FlowFunction, file: str, call: list[Any]) -> str | None:
    """The id of the CALL node a body's call expression stands for."""
    index = call[1]
    if not isinstance(index, int) or not 0 <= index < len(body.calls):
        return None
    return f"{file}->CALL->{body.calls[index]}"


class _HandedObject(NamedTuple):
    """A new object a call hands a function (`_new_object`)."""

    #: The class (or ES5 constructor function) it is made of; "" for an object
    #: the module holds under a name.
    maker: str
    #: The call that makes it; the module's name holding it when `maker` is "".
    call_id: str
    #: The arguments of the call that makes it, as written.
    args: tuple[Any, ...] = ()


def _new_object(
    arg: Any, body: ir.FlowFunction, file: str, targets: dict[str, str]
) -> _HandedObject | None:
    """The object an argument is, when it is a new object of a class the graph
    knows (`new Service(db)`, `Service(db)`), of a JavaScript function `new`
    makes an object of (an ES5 constructor, `new CustomerDao(pool)`), or (at the
    module's top level) a name the module holds an object under; else None."""
    if (
        body.kind == "MODULE"
        and isinstance(arg, list)
        and len(arg) == 2
        and arg[0] == ir.NAME
        and isinstance(arg[1], str)
    ):
        # `catalogRouter(repo)` at the top level after `var repo = new
        # CatalogRepository(...)`: the object the module holds.
        return _HandedObject("", arg[1])
    if not (isinstance(arg, list) and len(arg) == 5 and arg[0] == ir.CALL):
        return None
    call_id = _call_id_in(body, file, arg)
    if call_id is None:
        return None
    target = targets.get(call_id)
    if target is None:
        return None
    kind = parse_id(target).kind
    if kind == NodeType.CLASS or (kind == NodeType.FUNCTION and _constructs(call_id)):
        return _HandedObject(target, call_id, tuple(arg[3]))
    return None


def _ir_strings(node: Any) -> Iterator[str]:
    """Every string in a body's statements (constants, and names: the caller
    filters)."""
    stack = [node]
    while stack:
        x = stack.pop()
        if isinstance(x, str):
            yield x
        elif isinstance(x, list):
            stack.extend(x)


def _ir_calls(node: Any) -> Iterator[list[Any]]:
    """Every CALL expression in a body's statements, outer before inner."""
    stack = [node]
    while stack:
        x = stack.pop()
        if isinstance(x, list):
            if (
                len(x) == 5
                and x[0] == ir.CALL
                and isinstance(x[1], int)
                and isinstance(x[2], list)
                and isinstance(x[3], list)
                and isinstance(x[4], list)
            ):
                yield x
            stack.extend(reversed(x))


#: What a class-based view runs on its object before the handler, in order:
#: Django's `setup` and `dispatch`, DRF's `initial`, Tornado's `initialize`
#: (with the keyword arguments of the handler's URL spec) and `prepare`.
_BEFORE_HANDLER = ("setup", "dispatch", "initial", _TORNADO_INITIALIZE, "prepare")
#: The handlers they run before (HTTP methods, DRF's viewset actions).
_VIEW_HANDLERS = _HANDLER_METHOD_NAMES | frozenset(
    {"list", "create", "retrieve", "update", "partial_update", "destroy"}
)


def _prepared_view(world: World, ff: FileFlows, fn: ir.FlowFunction) -> tuple[Val | None, set[str]]:
    """The view object a Python handler method starts with when its class defines
    what runs first (`dispatch(self, request)` storing `self.target =
    request.GET["next"]`, read by `get`): what those methods left in its fields
    (None when the class defines none, or they store nothing), and the
    summaries they read."""
    view: Val | None = None
    deps: set[str] = set()
    for pre in _before_handler(world, ff, fn):
        args = [view if view is not None else EMPTY] + [EMPTY] * (len(pre.params) - 1)
        if pre.path.rpartition(".")[2] == _TORNADO_INITIALIZE:
            # Tornado calls it with the keyword arguments its URL spec gives
            # (`(r"/probe", ProbeHandler, {"probes": PROBES})`); a class no spec
            # of this file names is left as it is.
            given = _url_spec_arguments(world, ff, fn.path.rpartition(".")[0], deps)
            if not given:
                continue
            for i, (name, *_) in enumerate(pre.params[1:], 1):
                args[i] = given.get(name, EMPTY)
        run = Interp(world, ff, pre, args, depth=0, summary=False)
        run.keeps_returns = True
        run.run()
        deps |= run.deps
        after = run.final_params.get(pre.params[0][0].lstrip("*"))
        if after is not None and after.fields:
            view = after
    return view, deps


def _url_spec_arguments(
    world: World, ff: FileFlows, cls_path: str, deps: set[str]
) -> dict[str, Val]:
    """The keyword arguments Tornado's URL specs of this file hand class
    `cls_path`'s `initialize`: `(pattern, Handler, {"k": v})`, `url(pattern,
    Handler, {"k": v})` or `url(..., kwargs={...})`, each value as the body that
    writes the spec sees it (module names, constants), joined over the specs."""
    handler = [ir.NAME, cls_path]
    given: dict[str, Val] = {}
    for body in ff.bodies.values():
        if cls_path not in body.words:
            continue
        stack: list[Any] = [body.body]
        it: Interp | None = None
        while stack:
            x = stack.pop()
            if not isinstance(x, list):
                continue
            stack.extend(x)
            spec = _url_spec_dict(x, handler)
            if spec is None:
                continue
            if it is None:
                it = Interp(world, ff, body, [EMPTY] * len(body.params), depth=0, summary=False)
            # A spec at the top level reads the module's names as its body left them.
            env = dict(world.module_values(ff.file)) if body.kind == "MODULE" else {}
            for key, e in spec[1]:
                if isinstance(key, str):
                    v = it.expr(e, env, 0)
                    given[key] = join(given[key], v) if key in given else v
        if it is not None:
            deps |= it.deps
    return given


def _url_spec_patterns(ff: FileFlows, cls_path: str) -> list[str] | None:
    """The patterns of this file's Tornado URL specs naming class `cls_path`
    (`(r"/logs/(.*)", LogHandler)`, `url(pattern, LogHandler)`); None when one
    is not a constant."""
    handler = [ir.NAME, cls_path]
    found: list[str] = []
    for body in ff.bodies.values():
        if cls_path not in body.words:
            continue
        stack: list[Any] = [body.body]
        while stack:
            x = stack.pop()
            if not isinstance(x, list):
                continue
            stack.extend(x)
            items = _url_spec_items(x)
            if items is None or len(items) < 2 or items[1] != handler:
                continue
            if not isinstance(items[0], str):
                return None
            found.append(items[0])
    return found


def _url_spec_items(x: list[Any]) -> list[Any] | None:
    """A Tornado URL spec's pattern, handler and keyword arguments, in that order
    (`(pattern, Handler, {...})`, `url(pattern, Handler, kwargs={...})`); None
    when `x` is no spec."""
    if len(x) == 3 and x[0] == ir.SEQ and x[1] == 1 and isinstance(x[2], list):
        return x[2]
    if not (len(x) == 5 and x[0] == ir.CALL and isinstance(x[2], list) and isinstance(x[3], list)):
        return None
    func = x[2]
    name = func[1] if func[0] == ir.NAME else func[2] if func[0] == ir.ATTR else None
    if name not in ("url", "URLSpec"):
        return None
    items = x[3]
    for kw in x[4] if isinstance(x[4], list) else ():
        if isinstance(kw, list) and len(kw) == 2 and kw[0] == "kwargs":
            items = [*items[:2], kw[1]] if len(items) >= 2 else items
    return items


def _url_spec_dict(x: list[Any], handler: list[Any]) -> list[Any] | None:
    """The dict literal `x` hands `handler` if `x` is a Tornado URL spec naming it."""
    items = _url_spec_items(x) or []
    if len(items) < 3 or items[1] != handler:
        return None
    d = items[2]
    if isinstance(d, list) and len(d) == 5 and d[0] == ir.CALL and d[2] == [ir.NAME, "dict"]:
        # `dict(probes=PROBES)`: its keywords are the dict's items.
        return [ir.DICT, d[4]] if not d[3] and isinstance(d[4], list) else None
    return d if isinstance(d, list) and len(d) == 2 and d[0] == ir.DICT else None


def _schema_field(v: Val, key: str, classes: frozenset[str]) -> Val:
    """A field that passed a schema: safe for `classes`; one the schema does not
    type is the request's value as it came, maybe an object (`raw_taint`)."""
    if classes:
        return sanitize_val(v, classes)
    return v.replace(qn="?" + key) if v.qn is None and v.taint else v


def _before_handler(world: World, ff: FileFlows, fn: ir.FlowFunction) -> list[ir.FlowFunction]:
    """The methods of a Python handler's class that run on its object before it
    (`_BEFORE_HANDLER`, as the class or, nearest first, its bases in the same
    file define them: a mixin's `dispatch` storing `self.next_url`; a Falcon
    responder's constructor), in order."""
    if ff.js or fn.kind != "METHOD" or not fn.params:
        return []
    cls_path, _, name = fn.path.rpartition(".")
    if "." in cls_path:
        return []
    if name.startswith("on_"):
        # A Falcon resource's responder (`on_post(self, req, resp)`) runs on the
        # one object the app was handed, as its constructor made it
        # (`self.tickets = MongoClient(url).db.tickets`).
        hooks: tuple[str, ...] = ("__init__",)
    elif name in _VIEW_HANDLERS:
        hooks = _BEFORE_HANDLER
    else:
        return []
    chain = _classes_up(world, ff.file, cls_path)
    found: list[ir.FlowFunction] = []
    for hook in hooks:
        for c in chain:
            h = ff.bodies.get(f"{c}.{hook}")
            if h is not None and h.kind == "METHOD" and h.params:
                found.append(h)
                break
    return found


def _classes_up(world: World, file: str, cls_path: str) -> list[str]:
    """Top-level class `cls_path` and its bases defined in the same file, nearest
    first (a few: what a view's mixins are)."""
    by_id = world.file_summary(file).by_id
    chain = [cls_path]
    i = 0
    while i < len(chain) and len(chain) < 8:
        node = by_id.get(definition_id(file, NodeType.CLASS, chain[i]))
        bases = node.attrs.get("bases") if node is not None else None
        for b in bases if isinstance(bases, list) else ():
            short = str(b).rsplit(".", 1)[-1]
            if short not in chain and definition_id(file, NodeType.CLASS, short) in by_id:
                chain.append(short)
        i += 1
    return chain


def _route_wrappers(
    world: World, ff: FileFlows, fn: ir.FlowFunction, func_id: str
) -> list[_Wrapper]:
    """The wrappers decorators of this file put around a Python view between it and
    its route (`@app.route(p)` above `@require_key` above `@slug_only`, where `def
    slug_only(view)` returns its nested `inner`, which calls `view`), outermost
    first: (the wrapper's body, the decorator's parameter holding what it wraps).
    Each is written below the route's, as a plain name or a factory's call
    (`_decorator_wrappers`), and returns one nested function that mentions
    its parameter; one that returns none (`@traced`
    handing the view back) is not between them; if one may return several
    wrappers, the list is empty (the view then runs as it is)."""
    if ff.js or fn.kind != "FUNCTION":
        return []
    texts = world.decorators(ff.file, func_id)
    if len(texts) < 2:
        return []
    patterns = [
        p for m in world.matcher.param_sources if m.decorator for p in m.decorator.split("|")
    ]
    routes = [i for i, t in enumerate(texts) if any(text_matches(p, t) for p in patterns)]
    if not routes:
        return []
    chain: list[_Wrapper] = []
    for text in texts[max(routes) + 1 :]:
        found = world.decorator_wrappers(ff, text)
        if len(found) > 1:
            return []
        # (One returning no wrapper of its own, `@traced` handing the view back,
        # is not between them.)
        chain.extend(found)
    return chain


class _Wrapper(NamedTuple):
    """A wrapper a decorator of the file puts around a function."""

    #: The nested function the decorator returns, which calls the function.
    inner: ir.FlowFunction
    #: The decorator's parameter holding the function it wraps.
    view_param: str
    #: A decorator factory's parameters and what the decorator's text hands them
    #: (`require_choice("theme", THEMES)`: `field`, `allowed`), where known.
    bound: tuple[tuple[str, Val], ...] = ()


def _decorator_wrappers(world: World, ff: FileFlows, text: str) -> list[_Wrapper]:
    """The nested functions a decorator of this file, written as a plain name or
    as a call of a factory, returns that mention the function it decorates (`def
    slug_only(view)` returning its `inner`, which calls `view`)."""
    name, paren, _ = text.partition("(")
    dec = ff.bodies.get(name) if name.isidentifier() else None
    bound: tuple[tuple[str, Val], ...] = ()
    if dec is not None and paren:
        # `@single_upload("attachment")`: the decorator is the one nested function
        # the factory returns, holding what the factory was handed.
        bound = _factory_arguments(world, ff, dec, text)
        made = _returned_nested(ff, dec)
        dec = made[0] if len(made) == 1 else None
    if dec is None or dec.kind != "FUNCTION" or not dec.params:
        return []
    view_param = dec.params[0][0]
    return [
        _Wrapper(inner, view_param, bound)
        for inner in _returned_nested(ff, dec)
        if view_param in inner.words
    ]


def _factory_arguments(
    world: World, ff: FileFlows, factory: ir.FlowFunction, text: str
) -> tuple[tuple[str, Val], ...]:
    """What a decorator factory's call as written (`require_choice("theme",
    UI_THEMES)`) hands its parameters: literals, and the module's names (its
    constants); other arguments are left out (unknown)."""
    try:
        call = ast.parse(text, mode="eval").body
    except (SyntaxError, ValueError, RecursionError):
        return ()
    if not isinstance(call, ast.Call):
        return ()
    # (Positional parameters take the positional arguments; keyword-only ones
    # after `*names` only keywords; `*names` the rest, as a tuple.)
    positional = [p[0] for p in factory.params if p[1] == ir.P_POSITIONAL]
    named = [p[0] for p in factory.params if p[1] in (ir.P_POSITIONAL, ir.P_KEYWORD)]
    given: list[tuple[str, ast.expr]] = list(zip(positional, call.args))
    given += [(k.arg, k.value) for k in call.keywords if k.arg is not None and k.arg in named]
    module = world.module_values(ff.file)

    def value_of(node: ast.expr) -> Val | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str | int | float | bool):
            return const_val(node.value)
        if isinstance(node, ast.Name):
            return module.get(node.id)
        if isinstance(node, ast.Tuple | ast.List | ast.Set) and all(
            isinstance(x, ast.Constant) for x in node.elts
        ):
            return Val(
                seq=tuple(const_val(x.value) for x in node.elts if isinstance(x, ast.Constant))
            )
        return None

    out = []
    for param, node in given:
        value = value_of(node)
        if value is not None:
            out.append((param, value))
    varargs = next((p[0][1:] for p in factory.params if p[1] == ir.P_VARARGS), None)
    rest = call.args[len(positional) :]
    if varargs and not any(isinstance(a, ast.Starred) for a in rest):
        # `@json_fields("tracking_code", "email")` into `def json_fields(*names)`.
        values = [value_of(a) for a in rest]
        if all(v is not None for v in values):
            out.append((varargs, Val(seq=tuple(v for v in values if v is not None))))
    return tuple(sorted(out, key=lambda kv: kv[0]))


def _returned_nested(ff: FileFlows, fn: ir.FlowFunction) -> list[ir.FlowFunction]:
    """The nested functions `fn` returns by name (`return inner`), in order."""
    found = []
    for stmt in fn.body:
        ret = stmt[1] if stmt[0] == ir.RETURN else None
        inner = (
            ff.bodies.get(f"{fn.path}.{ret[1]}")
            if isinstance(ret, list) and ret[0] == ir.NAME
            else None
        )
        if inner is not None and inner.kind == "FUNCTION":
            found.append(inner)
    return found


def _decorated_call(
    world: World, ff: FileFlows, target: str, texts: list[str], method: bool
) -> Val | None:
    """What a call of a top-level function (`method`: of a method of a top-level
    class, on an object) of this file runs when decorators of this file wrap it
    (`_decorator_wrappers`): the outermost wrapper, holding the next one in, the
    last holding the function (None: no wrapper, or one that may return several)."""
    if not texts:
        return None
    parts = parse_id(target)
    kind, dots = (NodeType.METHOD, 1) if method else (NodeType.FUNCTION, 0)
    if parts.kind != kind or parts.file != ff.file or parts.path.count(".") != dots:
        return None
    if method and any(t in ("staticmethod", "classmethod") for t in texts):
        return None
    view = ff.bodies.get(parts.path)
    if view is None:
        return None
    chain: list[_Wrapper] = []
    for text in texts:
        found = world.decorator_wrappers(ff, text)
        if len(found) > 1:
            return None
        chain.extend(found)
    return _wrapped(view, chain) if chain else None


#: What parses a URL's query into its values (`_url_classes_unsafe`).
_QUERY_PARSERS = frozenset(
    {
        "querystring.parse",
        "querystring.decode",
        "qs.parse",
        "URLSearchParams",
        "url.URLSearchParams",
        "urllib.parse.parse_qs",
        "urllib.parse.parse_qsl",
    }
)
#: A parsed URL's query (Node's `url.parse(u, true).query`, Python's
#: `urlparse(u).query`), read as a query parser's.
_PARSED_URL_QUERIES = frozenset(
    {
        "url.parse().query",
        "urllib.parse.urlparse().query",
        "urllib.parse.urlsplit().query",
        "urlparse.urlparse().query",
        "urlparse.urlsplit().query",
    }
)


def _url_classes_unsafe(v: Val, depth: int) -> Val:
    """`v` (and what it holds) with no label made safe for the URL classes: a query
    value of a URL whose start fixed its host is not that URL's start."""
    if depth > 3:
        return v
    taint = {
        (
            (o, (san - url_prefix.URL_CLASSES) | _QUERY_VALUE)
            if o.startswith("P|")
            else (o, san - url_prefix.URL_CLASSES)
        ): h
        for (o, san), h in v.taint.items()
    }
    fields = (
        {k: _url_classes_unsafe(f, depth + 1) for k, f in v.fields.items()} if v.fields else None
    )
    elems = _url_classes_unsafe(v.elems, depth + 1) if v.elems is not None else None
    return v.replace(taint=taint, fields=fields or v.fields, elems=elems)


def _forwards_everything(fn: ir.FlowFunction) -> bool:
    """Whether a function's body is `return f(*args, **kwargs)` of its own
    `*args` and `**kwargs`, or `return f(...args)` of its own rest parameter
    (a forwarder: what it is handed goes on as it is)."""
    kinds = [p[1] for p in fn.params]
    names = [p[0].lstrip("*.") for p in fn.params]
    if kinds not in ([ir.P_VARARGS, ir.P_KWARGS], [ir.P_VARARGS]):
        return False
    body = [
        st
        for st in fn.body
        if not (st[0] == ir.EXPR and isinstance(st[1], str))
        # (JavaScript's rest parameter bound from its slot: `args = [PARAM, 0]`.)
        and not (st[0] == ir.ASSIGN and st[1] == [ir.NAME, names[0]] and st[2][:1] == [ir.PARAM])
    ]
    if len(body) != 1 or body[0][0] != ir.RETURN:
        return False
    call = body[0][1]
    if not (
        isinstance(call, list)
        and call[:1] == [ir.CALL]
        and call[3] == [[ir.STAR, [ir.NAME, names[0]]]]
    ):
        return False
    if len(names) == 1:
        return not call[4]
    return len(call[4]) == 1 and call[4][0][0] is None and call[4][0][1] == [ir.NAME, names[1]]


#: `x.indexOf(y) OP n` -> whether it says y is found, by the comparison and `n`.
_INDEX_FOUND: dict[tuple[str, int], bool] = {
    ("===", -1): False,
    ("==", -1): False,
    ("!==", -1): True,
    ("!=", -1): True,
    (">", -1): True,
    (">=", 0): True,
    ("<", 0): False,
    ("<=", -1): False,
}
#: The comparison with its operands swapped (`-1 === x.indexOf(y)`).
_SWAPPED = {
    "===": "===",
    "==": "==",
    "!==": "!==",
    "!=": "!=",
    ">": "<",
    ">=": "<=",
    "<": ">",
    "<=": ">=",
}


def _index_of_test(test: list[Any]) -> tuple[Any, Any, bool] | None:
    """(the receiver, the argument, whether the test being true means it was found)
    of a JavaScript `x.indexOf(y)` compared with -1 or 0 (`=== -1`, `!== -1`, `>= 0`,
    `< 0`), else None."""
    if len(test) != 4 or test[1] not in _SWAPPED:
        return None
    cmp, a, b = test[1], test[2], test[3]
    if not _index_of_call(a):
        cmp, a, b = _SWAPPED[cmp], b, a
    if not _index_of_call(a):
        return None
    n = b if type(b) in (int, float) else None
    if isinstance(b, list) and len(b) == 3 and b[0] == ir.UN and b[1] == "-":
        n = -b[2] if type(b[2]) in (int, float) else None
    found = _INDEX_FOUND.get((cmp, int(n))) if n is not None and float(n).is_integer() else None
    if found is None:
        return None
    return a[2][1], a[3][0], found


def _index_of_call(e: Any) -> bool:
    """Whether `e` is `x.indexOf(y)` with one argument."""
    return _method_call(e, ("indexOf",)) and len(e[3]) == 1 and not e[4]


def _split_pieces(seq: Any) -> tuple[Any, str] | None:
    """(the text, the separator) of `text.split(sep)` with a constant separator of a
    name or a field (`host.split(".")`), else None."""
    if not _method_call(seq, ("split",)):
        return None
    text, args = seq[2][1], seq[3]
    if not (isinstance(text, list) and (text[0] == ir.NAME or _field_parts(text) is not None)):
        return None
    if len(args) != 1 or not isinstance(args[0], str) or not args[0] or seq[4]:
        return None
    return text, args[0]


def _loop_exits(
    body: list[Any], stops: Callable[[Any], bool] | None = None
) -> tuple[Any, str, list[list[Any]]] | None:
    """A `for` loop's body (its first statement binds the element): the container
    it goes over, the element's name, and the `if` statements at its top level
    that leave the function (raise, return; a call `stops` says never returns:
    Flask's `abort(400)`); None for another loop."""
    if not body or body[0][0] != ir.ASSIGN:
        return None
    target, source = body[0][1], body[0][2]
    if not (
        isinstance(target, list)
        and target[0] == ir.NAME
        and isinstance(source, list)
        and source[0] == ir.ELEM
        and len(source) == 2
    ):
        return None
    exits = [
        stmt
        for stmt in body[1:]
        if stmt[0] == ir.IF
        and stmt[2]
        and (
            stmt[2][-1][0] in (ir.STOP, ir.RETURN)
            or (
                stops is not None
                and stmt[2][-1][0] == ir.EXPR
                and isinstance(call := stmt[2][-1][1], list)
                and call[:1] == [ir.CALL]
                and stops(call[2])
            )
        )
    ]
    return source[1], target[1], exits


def _elements_refused(
    body: list[Any], stops: Callable[[Any], bool] | None = None
) -> list[tuple[Any, str, Any]]:
    """(the container, the element's name, the test) of each check a `for` loop's
    body makes of the element at its top level, leaving the function (raising,
    returning, calling what `stops` says never returns) where it holds: every
    element the loop went over failed it."""
    found = _loop_exits(body, stops)
    if found is None or _writes_of(body[1:], found[1]):
        return []
    seq, var, exits = found
    return [
        (seq, var, stmt[1])
        for stmt in exits
        if not stmt[3] and var in _names_read(stmt[1], set(), 0)
    ]


def _pieces_refused(body: list[Any]) -> Any:
    """The pieces a `for` loop goes over when its body stops (raises, returns)
    at a piece that is `..` (`for seg in name.split("/"): if seg == "..": raise`),
    else None."""
    found = _loop_exits(body)
    if found is None:
        return None
    seq, var, exits = found
    for stmt in exits:
        test = stmt[1]
        if not (isinstance(test, list) and test[0] == ir.BIN):
            continue
        a, b = test[2], test[3]
        if test[1] in ("==", "==="):
            refused = (a == [ir.NAME, var] and b == "..") or (b == [ir.NAME, var] and a == "..")
        elif test[1] in _MEMBERSHIP:
            refused = (
                a == [ir.NAME, var] and isinstance(b, list) and b[0] == ir.SEQ and ".." in b[2]
            )
        else:
            refused = False
        if refused:
            return seq
    return None


_SHORT_CIRCUITS = frozenset({"and", "&&", "or", "||"})
#: A Flask error handler's decorator, naming the exception class it handles.
_ERROR_HANDLER = re.compile(r"[\w.]+\.(?:app_)?errorhandler\((\w+)\)")


def _truthy_table(v: Val) -> bool:
    """Whether `v` is a table of constant keys whose values are all truthy
    constants (a JS `Map` or object, a Python dict): its `get` is falsy only
    for a key it does not hold."""
    if not v.fields or v.taint or KEYS in v.fields or v.elems is not None:
        return False
    return all(
        isinstance(k, str) and f.consts and not f.taint and all(f.consts) and f.fields is None
        for k, f in v.fields.items()
    )


def _checked_string(v: Val) -> Val:
    """`v` once a test proved it a string (`typeof x === "string"`, `isinstance(x,
    str)`): no NoSQL operator object, also as a part of a parsed object
    (`qs.parse(q).t`, whose parts `raw_taint` otherwise reads as objects)."""
    return sanitize_val(v, _NOSQL_CLASSES | {STRING_CHECKED})


def _source_wrapper(
    world: World, ff: FileFlows, fn: ir.FlowFunction, func_id: str, deps: set[str]
) -> _Wrapper | None:
    """The wrapper a decorator of this file puts around a Python function that
    reads a source itself, by its parameters (`wrapper(environ, start_response)`
    of `@json_endpoint`, a WSGI application calling the function with `environ`;
    a Django view's `wrapper(request, *args)` reading `request.POST`), outermost
    first; None if there is none."""
    if ff.js or fn.kind != "FUNCTION" or "." in fn.path:
        return None
    for text in world.decorators(ff.file, func_id):
        found = world.decorator_wrappers(ff, text)
        if len(found) != 1:
            continue
        inner = found[0].inner
        inner_id = str(definition_id(ff.file, NodeType.FUNCTION, inner.path))
        if world.reads_source(ff, inner_id, inner, deps):
            return found[0]
    return None


def _wrapped(view: ir.FlowFunction, rest: list[_Wrapper]) -> Val:
    """What a wrapper of a stacked chain holds as the function it wraps: the next
    wrapper in, with the one after it (or the view) as what that one captured."""
    held = Val(fn=("def", view.path))
    for w in reversed(rest):
        # (Made by the decorator, not by the wrapper that calls it: `_closure`
        # adds what it captured, the factory's arguments too.)
        maker = w.inner.path.rsplit(".", 1)[0]
        held = Val(fn=("def", w.inner.path, ((w.view_param, held), *w.bound), maker))
    return held


def _wrapper_args(inner: ir.FlowFunction, view: ir.FlowFunction, sources: list[Val]) -> list[Val]:
    """What the framework hands the wrapper: the view's arguments by name (Flask
    passes a route's values as keywords), all of them in its `**kwargs`."""
    by_name = {p[0].lstrip("*"): v for p, v in zip(view.params, sources)}
    out = []
    for p in inner.params:
        raw = p[0]
        if raw.startswith("**"):
            out.append(Val(fields=dict(by_name)))
        elif raw.startswith("*"):
            out.append(EMPTY)
        else:
            out.append(by_name.get(raw, EMPTY))
    return out


__all__ = [
    "ALL",
    "FileResult",
    "Hit",
    "Interp",
    "SourceModel",
    "World",
    "analyse_file",
    "sanitize",
    "with_hop",
    "world_for",
]
