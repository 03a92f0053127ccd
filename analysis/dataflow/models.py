"""Taint specifications as data: vulnerability classes, sources, sinks, sanitizers, propagators.

Models come from the built-in packs (`packs/*.toml`, on by default) and
from the workspace's ``[tool.graphwarden.taint]`` (or ``[taint]`` of
graphwarden.toml), in the same format::

    [tool.graphwarden.taint]
    packs = { django = false }                     # switch a pack off
    threat_models = ["remote"]                     # only request data (default: also "local":
                                                   # argv, environment, stdin, files)
    statement_budget = 100000                      # statements one entry's data flow may run
    classes = { xss = false, sql-injection = { severity = "warning" } }

    [[tool.graphwarden.taint.sources]]
    pattern = "mycorp.web.param"                   # calling it gives user data
    kind = "call"                                  # call | attribute | parameter
    label = "mycorp request parameter"

    [[tool.graphwarden.taint.sinks]]
    pattern = "mycorp.db.raw"
    class = "sql-injection"
    args = ["0", "query"]                          # positions and keywords that matter

    [[tool.graphwarden.taint.sanitizers]]
    pattern = "mycorp.web.clean"
    classes = ["xss"]                              # default: every class

A pattern is a qualified name as the analysis spells values: the import
path of what is called or read (``subprocess.run``, ``flask.request.args``),
``()`` after a call (``sqlite3.connect().cursor().execute``), ``?`` for a
receiver it cannot name. A pattern is matched segment by segment: ``*``
inside a segment matches within it (``os.popen*``, ``hashlib.*``), ``**``
any number of segments (``ldap.**.search_s``), and a leading ``*`` any
receiver (``*.execute``). Parameter
sources name the parameter (``name = "request"``), its decorator
(``decorator = "*.get"``) or both; ``qn`` gives the parameter a qualified
name instead of tainting it (Django's ``request``: its ``GET`` is the source).

Every table is validated on load: an unknown key, a missing or malformed
field, an unknown class or pack is a `ConfigError` with the file and line,
like every other rule, and that model is skipped.

Size: one module, because the model format is one schema: the TOML tables,
their validation with file and line, the built-in packs' loading and the
matching of qualified names all read the same field definitions, and
splitting them would spread one format over several files.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import hashlib
import json
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, NamedTuple

from graphwarden.analysis import defaults
from graphwarden.analysis.config import SEVERITIES, ConfigError, Settings


@dataclass(frozen=True)
class VulnClass:
    """A vulnerability class: one rule, with its CWE."""

    name: str
    cwe: tuple[int, ...]
    title: str
    severity: str
    #: CVSS-like score GitHub code scanning ranks alerts by (`security-severity`).
    security_severity: float
    description: str
    remediation: str


#: Every class a sink may name, in report order.
CLASSES: dict[str, VulnClass] = {
    c.name: c
    for c in (
        VulnClass(
            "sql-injection",
            (89,),
            "SQL injection",
            "error",
            8.8,
            "Untrusted data reaches the text of an SQL query.",
            "Pass the data as query parameters (`execute(sql, params)`), never in the SQL text.",
        ),
        VulnClass(
            "command-injection",
            (78,),
            "OS command injection",
            "error",
            9.8,
            "Untrusted data reaches a command a shell runs.",
            "Pass an argument list without a shell (`subprocess.run([prog, arg])`), "
            "or quote with `shlex.quote`.",
        ),
        VulnClass(
            "code-injection",
            (94, 95),
            "Code injection",
            "error",
            9.3,
            "Untrusted data is evaluated as code.",
            "Never evaluate input; parse it (`ast.literal_eval`, `json.loads`) instead.",
        ),
        VulnClass(
            "path-traversal",
            (22,),
            "Path traversal",
            "error",
            7.5,
            "Untrusted data names a file the program opens, writes or deletes.",
            "Reduce the name to a base name (`os.path.basename`, `secure_filename`) "
            "and check the resolved path stays in the intended directory.",
        ),
        VulnClass(
            "xss",
            (79,),
            "Cross-site scripting",
            "error",
            6.1,
            "Untrusted data is written into an HTML response without escaping.",
            "Escape it (`html.escape`, `markupsafe.escape`) or render it through an "
            "autoescaping template.",
        ),
        VulnClass(
            "xpath-injection",
            (643,),
            "XPath injection",
            "error",
            7.5,
            "Untrusted data reaches the text of an XPath query.",
            "Pass the data as an XPath variable (`root.xpath(q, name=value)`).",
        ),
        VulnClass(
            "nosql-injection",
            (943,),
            "NoSQL injection",
            "error",
            8.8,
            "Untrusted data is used as it came (an object that may hold query operators "
            "such as `$ne` or `$gt`) in a NoSQL query's filter.",
            "Convert the value to the type the field holds (`String(x)`, `Number(x)`) or "
            "strip operator keys (`mongo-sanitize`) before it reaches the query.",
        ),
        VulnClass(
            "ldap-injection",
            (90,),
            "LDAP injection",
            "error",
            7.5,
            "Untrusted data reaches an LDAP search filter or DN.",
            "Escape it (`ldap3.utils.conv.escape_filter_chars`, `ldap.filter.escape_filter_chars`).",
        ),
        VulnClass(
            "regex-injection",
            (730, 1333),
            "Regular expression injection",
            "warning",
            7.5,
            "Untrusted data is used as a regular expression: a pattern such as `(a+)+$` "
            "makes matching take exponential time (ReDoS).",
            "Escape it (`re.escape`, `_.escapeRegExp`) to match it literally, or do not "
            "build patterns from input.",
        ),
        VulnClass(
            "open-redirect",
            (601,),
            "Open redirect",
            "warning",
            6.1,
            "Untrusted data chooses where a redirect goes.",
            "Redirect only to relative URLs or hosts you allow "
            "(`url_has_allowed_host_and_scheme`).",
        ),
        VulnClass(
            "ssrf",
            (918,),
            "Server-side request forgery",
            "error",
            9.1,
            "Untrusted data chooses the host a request made by the server goes to.",
            "Build the URL from a fixed scheme and host and put the data in its path "
            "or query, or check the host against an allowlist.",
        ),
        VulnClass(
            "trust-boundary",
            (501,),
            "Trust boundary violation",
            "warning",
            4.3,
            "Untrusted request data is stored in the session, next to trusted data.",
            "Validate the data before it crosses into the session.",
        ),
        VulnClass(
            "unsafe-deserialization",
            (502,),
            "Unsafe deserialization",
            "error",
            9.8,
            "Untrusted data is deserialized by a loader that can build arbitrary objects.",
            "Use a data-only format (`json`, `yaml.safe_load`).",
        ),
        VulnClass(
            "xxe",
            (611,),
            "XML external entities",
            "error",
            7.5,
            "Untrusted XML is parsed with external entities enabled.",
            "Leave external entities off (`resolve_entities=False`, no "
            "`feature_external_ges`), or use defusedxml.",
        ),
    )
}

#: The environment's variables (qualified names of the sources that read them):
#: in a server, they are its deployment's configuration ...
CONFIGURATION_SOURCES = ("os.environ", "os.environb", "os.getenv", "process.env")
#: ... so for these classes, whose harm is to a server's users or its
#: boundary, a value from them is no finding (a `DOCS_ROOT` folder, an OAuth
#: client id in a redirect); a command, code or query built from one still is.
#: The same holds for every source of the local threat model (the command
#: line, the terminal: the operator's own choice of file or host).
CONFIGURATION_HARMLESS = frozenset(
    {
        "path-traversal",
        "open-redirect",
        "ssrf",
        "xss",
        "trust-boundary",
        "nosql-injection",
        "ldap-injection",
        "xpath-injection",
        # A pattern or an XML document the operator chose slows or reads only
        # what the operator could already (the README: the local threat model
        # counts for command, code, SQL and deserialization sinks only).
        "regex-injection",
        "xxe",
    }
)

#: The built-in packs, by file under packs/, in load order.
PACKS: dict[str, str] = {
    "python": "Python standard library: input(), sys.argv, environment, files; sinks (HTTP clients too) and sanitizers",
    "flask": "Flask and Werkzeug request data, responses, redirects, session",
    "django": "Django request data, responses, raw SQL, redirects, session",
    "fastapi": "FastAPI and Starlette route parameters and request data",
    "pyweb": "aiohttp, Tornado, Bottle, Pyramid, Sanic and Falcon request data and responses",
    "javascript": "Node.js: process.argv, child_process, fs, eval, vm, HTTP clients",
    "express": "Express request data, responses and redirects",
    "koa": "Koa context: request data, response bodies, redirects, session",
    "fastify": "Fastify replies: HTML sent, redirects",
    "hapi": "hapi request payloads, HTML responses, redirects",
    "browser": "Browser DOM: the page's URL into innerHTML, document.write, jQuery, eval, location",
    "serverless": "AWS Lambda handlers: the API Gateway event's request data",
}
#: The Datalog security pack (guarantees/rules/security_pack.py) switches with the same table.
EXTRA_PACKS = {
    "security": "Datalog security rules: weak hash, weak randomness, insecure cookies, "
    "unverified TLS"
}
#: Its rules, by name -> (CWE, title, security-severity): switched and graded like classes.
SECURITY_RULES: dict[str, tuple[int, str, float]] = {
    "weak-hash": (328, "Weak hash for a security use", 7.5),
    "weak-random": (330, "Weak randomness for a secret", 7.5),
    "insecure-cookie": (614, "Cookie without secure or httponly", 5.0),
    "tls-unverified": (295, "Certificate validation disabled", 7.5),
    "weak-cipher": (327, "Broken or risky cipher", 7.5),
}

_SECTIONS = ("sources", "sinks", "sanitizers", "propagators", "flags")
_SECTIONS_SET = frozenset(_SECTIONS)
_TABLE_KEYS = {"packs", "classes", "threat_models", "statement_budget", *_SECTIONS}
_SOURCE_KEYS = {
    "pattern",
    "kind",
    "label",
    "name",
    "decorator",
    "qn",
    "language",
    "args",
    "threat",
    "base",
    "before",
    "after",
    "calls",
    "not_named",
    "function",
    "when",
    "data_object",
    "objects",
    "not_on",
    "on",
    "graphql",
    "directive",
}
#: Threat models a source belongs to: "remote" (what a request carries) and
#: "local" (program arguments, the environment, standard input, files).
THREATS = ("remote", "local")
_SINK_KEYS = {
    "pattern",
    "class",
    "kind",
    "args",
    "when",
    "unless",
    "label",
    "decorator",
    "flag",
    "list_command",
    "own_taint",
    "raw_value",
    "not_on",
    "on",
    "threat",
    "language",
    "starts_page",
    "renders_html",
    "params",
    "base",
    "function",
}
_SANITIZER_KEYS = {"pattern", "classes", "kind", "args", "when", "unless", "language"}
_PROPAGATOR_KEYS = {"pattern", "from", "to", "language", "decodes"}
_FLAG_KEYS = {"pattern", "flag", "when", "to", "language"}
_CLASS_KEYS = {"enabled", "severity"}
_LANGUAGES = ("python", "javascript", "any")


@dataclass(frozen=True)
class Condition:
    """`key=VALUE` on a call: an argument (position or keyword, `n.prop` for an
    object literal's property, `n.prop.inner` for one of its own) holds this
    constant or qualified name."""

    key: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class SourceModel:
    pattern: str
    #: call | attribute | parameter | callback (the parameters, at `args`, of a
    #: callback handed to the function the pattern names: `socket.on("m", (data)
    #: => ...)`)
    kind: str
    label: str
    language: str = "any"
    #: Parameter sources: the parameter's name and / or its function's decorator.
    name: str = ""
    decorator: str = ""
    #: Parameter and attribute sources: give the value this qualified name
    #: instead of taint (Django's `request` is `HttpRequest`).
    qn: str = ""
    #: Call sources: only these arguments' values are the data (empty: the result).
    args: tuple[str, ...] = ()
    #: "remote" (request data) or "local" (argv, environment, stdin, files).
    threat: str = "remote"
    #: Parameter sources: only in methods of a class with a base matching this
    #: (`*View`: Django's class-based views, whose `self` holds the request).
    base: str = ""
    #: Parameter sources: only when the next parameter is named one of these
    #: (`before = "res|response"`: the request of an Express handler, even
    #: destructured, `({ query }, res) => ...`). `name` may then be a glob.
    before: str = ""
    #: Parameter sources: only parameters after a first one named one of these
    #: (`after = "request"`), positional and without a default: a Django view's
    #: URL captures (`def download(request, filename)`). In a method (a model with
    #: `base`), the first is the one after `self` unless `after` names `self`.
    after: str = ""
    #: Parameter sources: only in a function that calls one of these qualified
    #: names (`a|b`, globs): a view builds a response.
    calls: str = ""
    #: Parameter sources: not parameters named one of these (`a|b`, globs): what
    #: a framework passes that is no request data (a Django error handler's
    #: `exception`).
    not_named: str = ""
    #: Parameter sources: only in a function or method so named (`a|b`, globs):
    #: a class-based view's handlers (`get|post`), not its helpers.
    function: str = ""
    #: Callback sources: only when the call's arguments say so
    #: (`addEventListener("message", cb)`: `when = ["0=message"]`).
    when: tuple[Condition, ...] = ()
    #: Parameter sources: the parameter is an object holding the data in its data
    #: attributes (`cleaned_data`, `validated_data`, `data`), of the class its
    #: method's class names in `<name>_class` (a bound form, a serializer); what
    #: its methods return is not the data.
    data_object: bool = False
    #: Callback sources: what the callback receives may be objects as a client
    #: sent them (socket.io's JSON payloads), which `raw_value` sinks count; a
    #: `ws` message is text or bytes, no operator.
    objects: bool = False
    #: Parameter sources chosen by a decorator: not when the decorator's object
    #: is known to be one of these (`aiohttp.*`: an aiohttp route table's
    #: `@routes.get(...)` hands its handler the request object, not data).
    not_on: str = ""
    #: Parameter sources chosen by a decorator: only when the decorator's object is
    #: known to be one of these (`aiohttp.**`: a route table's handler is handed
    #: the request object).
    on: str = ""
    #: Parameter sources: a GraphQL resolver's arguments, each as the module's
    #: schema declares it (`graphql_schema.py`: `email: String!` is a string).
    graphql: bool = False
    #: Parameter sources: only in a function whose prologue has this directive,
    #: or one its module exports when the module's has it (`"use server"`: a
    #: Next.js server action, whose arguments any client sends).
    directive: str = ""


@dataclass(frozen=True)
class SinkModel:
    pattern: str
    cls: str
    #: call | return | store (a store into the object the pattern names:
    #: `session["k"] = v`) | attribute (an assignment to the attribute the
    #: pattern names: `el.innerHTML = v`)
    kind: str
    args: tuple[str, ...]
    label: str
    when: tuple[Condition, ...] = ()
    unless: tuple[Condition, ...] = ()
    decorator: str = ""
    #: The receiver or an argument must carry this flag (flags models set them);
    #: `!name`: the receiver must not carry it.
    flag: str = ""
    #: An argument list `[shell, "-c", command]`: its program or shell command matters.
    list_command: bool = False
    language: str = "any"
    #: Only the arguments' own data counts, not their fields': `http.get(url)`
    #: with an untrusted URL is a hit, `http.get({host: "h", path: p})` is not
    #: (list `0.host` for an options object's host).
    own_taint: bool = False
    #: Only data used as it came from a source counts, not text built from it:
    #: a request's JSON or query-string value may be an object (`{"$ne": null}`)
    #: that a NoSQL filter takes as an operator; a string built from it cannot be.
    raw_value: bool = False
    #: Return sinks chosen by a decorator: not when the decorator's object (`app`
    #: of `@app.get(...)`) is known to be one of these qualified names (`a|b`):
    #: Flask and FastAPI both write `@app.get`, and only Flask's string is HTML.
    #: Call sinks: not when the call's receiver is known to be one of them (a
    #: DOM element's `append` adds text, jQuery's parses HTML).
    not_on: str = ""
    #: "remote": only sources of the remote threat model count (a command-line
    #: tool loading the plugin its user names is no finding); "any": every source.
    threat: str = "any"
    #: What reaches it starts an HTML document or fragment (a response's whole
    #: body, `innerHTML`): it is parsed as text first, so data with `<` taken out
    #: that no markup around it put inside a tag is safe there. Not for a sink
    #: that adds to a page written before (`res.write`, `document.write`) or marks
    #: text to be placed in one later (`mark_safe`).
    starts_page: bool = False
    #: Return sinks: only in a function whose first parameters have these names
    #: (`event,context`; alternatives `a|b`): an AWS Lambda handler returning
    #: its HTTP response (`{"statusCode": 302, "headers": {"Location": u}}`),
    #: whose `args` (`0.headers.Location`) and `when` read the returned value.
    params: str = ""
    #: What reaches it is HTML a renderer loads the resources of (a headless
    #: browser's `setContent`, WeasyPrint's `string`): data escaped for HTML, or
    #: with `<` taken out, that no markup around it put inside a tag starts no
    #: element, so names nothing to load.
    renders_html: bool = False
    #: Return sinks: only in methods of a class with a base matching this (`a|b`,
    #: globs, as written: `MethodView|*.MethodView`), named as `function` says
    #: (`get|post`): a class-based view's handlers, which no decorator marks.
    base: str = ""
    function: str = ""
    #: Return sinks chosen by a decorator: only when the decorator's object is
    #: known to be one of these (`bottle.**`: a `Bottle()` app's `@app.post(...)`).
    on: str = ""


@dataclass(frozen=True)
class SanitizerModel:
    pattern: str
    classes: frozenset[str] | None  # None: every class
    #: call | guard | file-read (the result is a file's data: the request that
    #: named the file did not write it; the local threat model's user may have)
    #: | result (only a call's result, never an attribute of that name: a
    #: query's rows, `User.objects.filter(...)`, are the database's)
    kind: str
    args: tuple[str, ...] = ("0",)
    language: str = "any"
    #: A call sanitizes (a guard proves) only when these hold (`request.args.get(k,
    #: type=int)`, `validator.isURL(u, { host_whitelist: [...] })`).
    when: tuple[Condition, ...] = ()
    #: ... and not when one of these does (PyJWT's `jwt.decode` told
    #: `options={"verify_signature": False}` checks no signature).
    unless: tuple[Condition, ...] = ()


@dataclass(frozen=True)
class PropagatorModel:
    pattern: str
    sources: tuple[str, ...]  # "receiver", positions, keywords, "*"
    to: str  # return | receiver
    language: str = "any"
    #: It decodes (`decodeURIComponent`, `unquote`): what was checked or escaped
    #: in its argument's text may come back, so no check of it holds for the result.
    decodes: bool = False


@dataclass(frozen=True)
class FlagModel:
    """A call that marks a value (a parser with external entities on)."""

    pattern: str
    flag: str
    to: str  # return | receiver
    when: tuple[Condition, ...] = ()
    language: str = "any"


@dataclass
class ClassSetting:
    enabled: bool = True
    severity: str | None = None


@dataclass
class TaintSpec:
    """The models in force for a workspace, and the class switches."""

    sources: list[SourceModel] = field(default_factory=list)
    sinks: list[SinkModel] = field(default_factory=list)
    sanitizers: list[SanitizerModel] = field(default_factory=list)
    propagators: list[PropagatorModel] = field(default_factory=list)
    flags: list[FlagModel] = field(default_factory=list)
    classes: dict[str, ClassSetting] = field(default_factory=dict)
    packs: dict[str, bool] = field(default_factory=dict)
    #: The threat models whose sources count (both by default).
    threat_models: frozenset[str] = frozenset(THREATS)
    #: Statements one entry's data flow may run (`defaults.DATAFLOW_STATEMENT_BUDGET`).
    statement_budget: int = defaults.DATAFLOW_STATEMENT_BUDGET
    #: A digest of the models (not the class switches): enrichment depends on it.
    digest: str = ""

    def class_enabled(self, name: str) -> bool:
        setting = self.classes.get(name)
        return setting.enabled if setting is not None else True

    def pack_enabled(self, name: str) -> bool:
        return self.packs.get(name, True)

    def matcher(self) -> Matcher:
        return Matcher.of(self)


# -- loading ------------------------------------------------------------------------------


class _Reader:
    """Reads one source of models (a pack or the user's table), collecting errors."""

    def __init__(
        self,
        spec: TaintSpec,
        errors: list[ConfigError],
        where: str,
        settings: Settings | None,
        base: tuple[str, ...] = (),
    ) -> None:
        self.spec = spec
        self.errors = errors
        self.where = where
        self.settings = settings
        #: Where the table read is inside the configuration (("taint",)).
        self.base = base

    def at(self, *path: str | int) -> int:
        """1-based line of a key path inside the table read (`"classes", "xss",
        "severity"`; `"sinks", 2, "class"`), else of its nearest written ancestor
        (0 for a pack, which is no file of the workspace)."""
        if self.settings is None:
            return 0
        return self.settings.locate(*self.base, *path)

    def error(self, line: int, message: str) -> None:
        self.errors.append(ConfigError(self.where, line, message))

    def read(self, table: dict[str, Any], prefix: str, language: str = "any") -> None:
        self.default_language = language
        for section in _SECTIONS:
            items = table.get(section, [])
            if not isinstance(items, list) or not all(isinstance(x, dict) for x in items):
                self.error(
                    self.at(section),
                    f"taint '{section}' must be an array of tables ([[{prefix}{section}]])",
                )
                continue
            for n, item in enumerate(items):
                self._model(section, n, item, prefix)

    def _model(self, section: str, n: int, item: dict[str, Any], prefix: str) -> None:
        header = self.at(section, n)
        what = section.rstrip("s")

        def err(key: str, message: str) -> None:
            self.error(
                self.at(section, n, key) if key else header, f"taint {what} #{n + 1}: {message}"
            )

        keys = {
            "sources": _SOURCE_KEYS,
            "sinks": _SINK_KEYS,
            "sanitizers": _SANITIZER_KEYS,
            "propagators": _PROPAGATOR_KEYS,
            "flags": _FLAG_KEYS,
        }[section]
        for key in sorted(set(item) - keys):
            err(key, f"unknown key {key!r} (known: {', '.join(sorted(keys))})")
            return
        pattern = item.get("pattern", "" if section == "sources" else None)
        if isinstance(pattern, list) and pattern and all(isinstance(p, str) for p in pattern):
            for one in pattern:
                self._model_one(section, n, {**item, "pattern": one}, prefix, err)
            return
        self._model_one(section, n, item, prefix, err)

    def _model_one(self, section: str, n: int, item: dict[str, Any], prefix: str, err: Any) -> None:
        pattern = item.get("pattern", "" if section == "sources" else None)
        if not isinstance(pattern, str) or (section != "sources" and not pattern.strip()):
            err(
                "pattern" if "pattern" in item else "",
                "'pattern' must be a non-empty string (or a list of them)",
            )
            return
        language = item.get("language", getattr(self, "default_language", "any"))
        if language not in _LANGUAGES:
            err("language", f"'language' must be one of {', '.join(_LANGUAGES)}")
            return
        strs = _StrReader(item, err)
        if section == "sources":
            kind = strs.choice("kind", ("call", "attribute", "parameter", "callback"), "attribute")
            threat = strs.choice("threat", THREATS, "remote")
            if kind is None or threat is None:
                return
            name, decorator, qn = strs.text("name"), strs.text("decorator"), strs.text("qn")
            args, base = strs.list("args"), strs.text("base")
            before, after, calls = strs.text("before"), strs.text("after"), strs.text("calls")
            not_named, function = strs.text("not_named"), strs.text("function")
            when = strs.conditions("when")
            data_object = strs.flag("data_object")
            objects = strs.flag("objects")
            graphql = strs.flag("graphql")
            source_not_on, source_on = strs.text("not_on"), strs.text("on")
            directive = strs.text("directive")
            if (
                directive is None
                or graphql is None
                or source_not_on is None
                or source_on is None
                or data_object is None
                or objects is None
                or when is None
                or function is None
                or name is None
                or decorator is None
                or qn is None
                or args is None
                or base is None
                or before is None
                or after is None
                or calls is None
                or not_named is None
            ):
                return
            if kind == "parameter" and not (name or decorator or after):
                err("", "a parameter source needs 'name', 'decorator' or 'after'")
                return
            if kind != "parameter" and not pattern:
                err("", "'pattern' must be a non-empty string")
                return
            label = strs.text("label") or pattern or name or decorator
            self.spec.sources.append(
                SourceModel(
                    pattern,
                    kind,
                    label,
                    language,
                    name,
                    decorator,
                    qn,
                    tuple(args),
                    threat,
                    base,
                    before,
                    after,
                    calls,
                    not_named,
                    function or "",
                    tuple(when),
                    data_object,
                    objects,
                    source_not_on,
                    source_on,
                    graphql,
                    directive,
                )
            )
        elif section == "sinks":
            cls = item.get("class")
            if not isinstance(cls, str) or cls not in CLASSES:
                err(
                    "class",
                    f"unknown class {cls!r} (known: {', '.join(CLASSES)})"
                    if isinstance(cls, str)
                    else "'class' must name a vulnerability class",
                )
                return
            kind = strs.choice("kind", ("call", "return", "store", "attribute"), "call")
            args = strs.list("args")
            when, unless = strs.conditions("when"), strs.conditions("unless")
            decorator, flag = strs.text("decorator"), strs.text("flag")
            listc = strs.flag("list_command")
            own = strs.flag("own_taint")
            raw = strs.flag("raw_value")
            not_on, on = strs.text("not_on"), strs.text("on")
            threat = strs.choice("threat", ("any", "remote"), "any")
            page = strs.flag("starts_page")
            renders = strs.flag("renders_html")
            params = strs.text("params")
            base, function = strs.text("base"), strs.text("function")
            if (base or function) and kind != "return":
                err("base", "'base' and 'function' choose the methods of a return sink only")
                return
            if None in (
                base,
                function,
                params,
                kind,
                args,
                when,
                unless,
                decorator,
                flag,
                listc,
                own,
                raw,
                not_on,
                on,
                threat,
                page,
                renders,
            ):
                return
            assert kind is not None and args is not None and when is not None
            assert unless is not None and decorator is not None and flag is not None
            self.spec.sinks.append(
                SinkModel(
                    pattern,
                    cls,
                    kind,
                    tuple(args or (["0"] if kind == "call" else [])),
                    strs.text("label") or pattern,
                    when,
                    unless,
                    decorator,
                    flag,
                    bool(listc),
                    language,
                    bool(own),
                    bool(raw),
                    not_on or "",
                    threat or "any",
                    bool(page),
                    params or "",
                    bool(renders),
                    base or "",
                    function or "",
                    on=on or "",
                )
            )
        elif section == "sanitizers":
            classes = strs.list("classes")
            kind = strs.choice("kind", ("call", "guard", "file-read", "result"), "call")
            args = strs.list("args")
            when = strs.conditions("when")
            unless = strs.conditions("unless")
            if classes is None or kind is None or args is None or when is None or unless is None:
                return
            for c in classes:
                if c not in CLASSES:
                    err("classes", f"unknown class {c!r} (known: {', '.join(CLASSES)})")
                    return
            self.spec.sanitizers.append(
                SanitizerModel(
                    pattern,
                    frozenset(classes) if classes else None,
                    kind,
                    tuple(args or ["0"]),
                    language,
                    when,
                    unless,
                )
            )
        elif section == "propagators":
            sources = strs.list("from")
            to = strs.choice("to", ("return", "receiver"), "return")
            decodes = strs.flag("decodes")
            if sources is None or to is None or decodes is None:
                return
            self.spec.propagators.append(
                PropagatorModel(pattern, tuple(sources or ["*"]), to, language, bool(decodes))
            )
        else:
            flag = strs.text("flag")
            to = strs.choice("to", ("return", "receiver"), "return")
            when = strs.conditions("when")
            if not flag or to is None or when is None:
                if flag == "":
                    err("flag", "'flag' must be a non-empty string")
                return
            self.spec.flags.append(FlagModel(pattern, flag, to, when, language))


class _StrReader:
    """Typed reads of one model table's optional fields (errors reported once)."""

    def __init__(self, item: dict[str, Any], err: Any) -> None:
        self.item = item
        self.err = err

    def text(self, key: str) -> str | None:
        v = self.item.get(key, "")
        if not isinstance(v, str):
            self.err(key, f"{key!r} must be a string")
            return None
        return v

    def flag(self, key: str) -> bool | None:
        v = self.item.get(key, False)
        if not isinstance(v, bool):
            self.err(key, f"{key!r} must be true or false")
            return None
        return v

    def choice(self, key: str, choices: tuple[str, ...], default: str) -> str | None:
        v = self.item.get(key, default)
        if v not in choices:
            self.err(key, f"{key!r} must be one of {', '.join(choices)}")
            return None
        return str(v)

    def list(self, key: str) -> list[str] | None:
        v = self.item.get(key, [])
        if isinstance(v, int) and not isinstance(v, bool):
            v = [v]
        if not isinstance(v, list) or not all(
            isinstance(x, str) or (isinstance(x, int) and not isinstance(x, bool)) for x in v
        ):
            self.err(key, f"{key!r} must be a list of strings (or positions)")
            return None
        return [str(x) for x in v]

    def conditions(self, key: str) -> tuple[Condition, ...] | None:
        raw = self.list(key)
        if raw is None:
            return None
        out = []
        for c in raw:
            k, sep, vals = c.partition("=")
            if not sep or not k.strip() or not vals:
                self.err(key, f"condition {c!r} must be written 'argument=VALUE' (or A|B)")
                return None
            out.append(Condition(k.strip(), tuple(v.strip() for v in vals.split("|"))))
        return tuple(out)


@cache
def _pack_table(name: str) -> dict[str, Any]:
    text = (
        resources.files("graphwarden.analysis.dataflow.packs")
        .joinpath(f"{name}.toml")
        .read_text(encoding="utf-8")
    )
    return tomllib.loads(text)


def builtin_pack_errors() -> list[ConfigError]:
    """Problems in the shipped packs (a test keeps this empty)."""
    errors: list[ConfigError] = []
    spec = TaintSpec()
    for name in PACKS:
        table = _pack_table(name)
        reader = _Reader(spec, errors, f"packs/{name}.toml", None)
        reader.read(table, "", table.get("language", "any"))
        for key in sorted(set(table) - _SECTIONS_SET - {"language", "description"}):
            reader.error(0, f"unknown pack key {key!r}")
    return errors


def load_spec(settings: Settings | None) -> tuple[TaintSpec, list[ConfigError]]:
    """The taint models for a workspace: the enabled packs, then the user's models."""
    key = id(settings)
    hit = _SPECS.get(key)
    if hit is not None and hit[0] is settings:
        return hit[1], hit[2]
    spec = TaintSpec()
    errors: list[ConfigError] = []
    table: dict[str, Any] = settings.taint if settings is not None else {}
    where = "graphwarden.toml"
    prefix = "taint."
    if settings is not None and settings.config_file is not None:
        where = settings.config_file.name
    user = _Reader(spec, errors, where, settings, base=("taint",))
    packs = table.get("packs", {})
    if not isinstance(packs, dict):
        user.error(user.at("packs"), "taint 'packs' must be a table of pack = true/false")
        packs = {}
    for name, on in packs.items():
        if name not in PACKS and name not in EXTRA_PACKS:
            known = ", ".join([*PACKS, *EXTRA_PACKS])
            user.error(user.at("packs", name), f"unknown taint pack {name!r} (known: {known})")
        elif not isinstance(on, bool):
            user.error(user.at("packs", name), f"taint pack {name!r} must be true or false")
        else:
            spec.packs[name] = on
    classes = table.get("classes", {})
    if not isinstance(classes, dict):
        user.error(user.at("classes"), "taint 'classes' must be a table")
        classes = {}
    for name, value in classes.items():
        if name not in CLASSES and name not in SECURITY_RULES:
            known = ", ".join([*CLASSES, *SECURITY_RULES])
            user.error(user.at("classes", name), f"unknown taint class {name!r} (known: {known})")
            continue
        setting = ClassSetting()
        if isinstance(value, bool):
            setting.enabled = value
        elif isinstance(value, dict):
            for k in sorted(set(value) - _CLASS_KEYS):
                user.error(
                    user.at("classes", name, k),
                    f"taint class {name!r}: unknown key {k!r} (known: enabled, severity)",
                )
            enabled = value.get("enabled", True)
            severity = value.get("severity")
            if not isinstance(enabled, bool):
                user.error(
                    user.at("classes", name, "enabled"),
                    f"taint class {name!r}: 'enabled' must be true or false",
                )
            else:
                setting.enabled = enabled
            if severity is not None and severity not in SEVERITIES:
                user.error(
                    user.at("classes", name, "severity"),
                    f"taint class {name!r}: bad severity {severity!r} (use {', '.join(SEVERITIES)})",
                )
            else:
                setting.severity = severity
        else:
            user.error(
                user.at("classes", name), f"taint class {name!r} must be true, false or a table"
            )
            continue
        spec.classes[name] = setting
    threats = table.get("threat_models", list(THREATS))
    if not isinstance(threats, list) or not all(t in THREATS for t in threats):
        user.error(
            user.at("threat_models"),
            f"taint 'threat_models' must be a list of {', '.join(map(repr, THREATS))}",
        )
    else:
        spec.threat_models = frozenset(threats)
    budget = table.get("statement_budget", defaults.DATAFLOW_STATEMENT_BUDGET)
    if isinstance(budget, bool) or not isinstance(budget, int) or budget < 1:
        user.error(
            user.at("statement_budget"),
            "taint 'statement_budget' must be a positive whole number of statements",
        )
    else:
        spec.statement_budget = budget
    for name in PACKS:
        if spec.pack_enabled(name):
            pack = _pack_table(name)
            _Reader(spec, [], f"packs/{name}.toml", None).read(
                pack, "", pack.get("language", "any")
            )
    for unknown in sorted(set(table) - _TABLE_KEYS):
        user.error(
            user.at(unknown),
            f"unknown taint key {unknown!r} (known: {', '.join(sorted(_TABLE_KEYS))})",
        )
    user.read(table, prefix)
    spec.digest = _digest(spec)
    _SPECS.clear()
    _SPECS[key] = (settings, spec, errors)
    return spec, errors


_SPECS: dict[int, tuple[Settings | None, TaintSpec, list[ConfigError]]] = {}


def _canonical(value: Any) -> Any:
    """Plain, ordered data (sets sorted): the same in every process (no hash order)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [
            type(value).__name__,
            *(_canonical(getattr(value, f.name)) for f in dataclasses.fields(value)),
        ]
    if isinstance(value, frozenset | set):
        return sorted(_canonical(v) for v in value)
    if isinstance(value, tuple | list):
        return [_canonical(v) for v in value]
    return value


def _digest(spec: TaintSpec) -> str:
    data = [
        _canonical(spec.sources),
        _canonical(spec.sinks),
        _canonical(spec.sanitizers),
        _canonical(spec.propagators),
        _canonical(spec.flags),
        sorted(spec.threat_models),
        spec.statement_budget,
    ]
    return hashlib.blake2b(json.dumps(data).encode(), digest_size=12).hexdigest()


# -- matching -----------------------------------------------------------------------------


def _compile(pattern: str) -> re.Pattern[str]:
    """A pattern to a regular expression, segment by segment (split on dots).

    ``**`` is any number of segments (``lxml.**.xpath``); a leading ``*`` is
    the same, for "any receiver" (``*.execute``); elsewhere ``*`` stays inside
    one segment (``os.popen*``, ``hashlib.*``: a function of the module, not
    a method of what it returns).
    """
    segs = pattern.split(".")
    out = []
    for i, seg in enumerate(segs):
        last = i == len(segs) - 1
        if i == 0 and seg in ("*", "**") and not last:
            # Any receiver, a relative import's too (`.models.User.objects.raw`
            # for `from .models import User`: its first segments are empty).
            out.append(r"(?:[^.]*\.)*")
            continue
        if seg == "**" or (i == 0 and seg == "*"):
            out.append(".*" if last else r"(?:[^.]+\.)*")
            continue
        piece = "".join(
            "[^.]*" if ch == "*" else "[^.]" if ch == "?" else re.escape(ch) for ch in seg
        )
        if not last and segs[i + 1] == "**":
            # Any number of segments includes items (`MongoClient()["app"].notes`
            # is `pymongo.MongoClient()[].notes`).
            piece += r"(?:\[\])*"
        out.append(piece if last else piece + r"\.")
    return re.compile("".join(out) + r"\Z")


def _last(pattern: str) -> str | None:
    """The literal last segment of a pattern ("execute" of "*.execute"), if any."""
    tail = pattern.rsplit(".", 1)[-1]
    return None if any(ch in tail for ch in "*?[") else tail


class _Index:
    """Models of one kind, found by a qualified name (indexed by its last segment)."""

    def __init__(self, items: list[Any]) -> None:
        #: (qualified name, language) -> models: names repeat a lot in a workspace.
        self._memo: dict[tuple[str, str], list[Any]] = {}
        self.by_last: dict[str, list[tuple[re.Pattern[str], Any]]] = {}
        self.other: list[tuple[re.Pattern[str], Any]] = []
        for m in items:
            entry = (_compile(m.pattern), m)
            last = _last(m.pattern)
            if last is None:
                self.other.append(entry)
            else:
                self.by_last.setdefault(last, []).append(entry)

    def __bool__(self) -> bool:
        """Whether the index holds any model (a caller may skip building names)."""
        return bool(self.by_last or self.other)

    def find(self, qn: str, language: str) -> list[Any]:
        key = (qn, language)
        got = self._memo.get(key)
        if got is None:
            got = self._memo[key] = self._find(qn, language)
            if len(self._memo) > 200_000:
                self._memo.clear()
        return got

    def _find(self, qn: str, language: str) -> list[Any]:
        last = qn.rsplit(".", 1)[-1]
        out = []
        for rx, m in self.by_last.get(last, ()):
            if (m.language == "any" or m.language == language) and rx.match(qn):
                out.append(m)
        for rx, m in self.other:
            if (m.language == "any" or m.language == language) and rx.match(qn):
                out.append(m)
        return out


class ParamRead(NamedTuple):
    """How a parameter source's model is read (see `Matcher.param_reads`)."""

    language: str
    base: str
    attrs: frozenset[str] | None
    #: The model's `before`: the next parameter's names (`context`).
    before: str = ""
    #: The model's `after` (read by its place, not by its name's words).
    after: str = ""


@dataclass
class Matcher:
    """The spec's models, indexed for look-up by qualified name."""

    spec: TaintSpec
    call_sources: _Index
    attr_sources: _Index
    param_sources: list[SourceModel]
    call_sinks: _Index
    return_sinks: list[SinkModel]
    store_sinks: _Index
    attribute_sinks: _Index
    sanitizers: _Index
    guards: _Index
    propagators: _Index
    flags: _Index
    #: Identifiers a body must mention to read a source (the enricher skips the others).
    source_words: frozenset[str]
    #: The sources' qualified names as segments (to the first wildcard): a body
    #: reads one only if it names the binding of a prefix and the rest.
    source_paths: tuple[tuple[str, ...], ...] = ()
    #: Parameter names that carry user data or name a request object.
    param_names: frozenset[str] = frozenset()

    #: Whether some parameter source is chosen by a decorator, by the parameter
    #: before it (`after`) or by a directive: the cheap syntactic entry test
    #: cannot see those.
    decorator_sources: bool = False
    #: Per parameter name a source names: how each such model is read, as
    #: (language, base, the first attributes of its sources; None: the parameter
    #: itself is the data). A body that mentions the name but none of the
    #: attributes (and does not pass the parameter on), or a method of a class
    #: no `base` matches, reads no user data through it.
    param_reads: dict[str, tuple[ParamRead, ...]] = field(default_factory=dict)
    #: Labels of the remote threat model's sources only (a file's data carries
    #: none of them: see the `file-read` sanitizers).
    remote_labels: frozenset[str] = frozenset()
    #: Callback sources, by the function the callback is handed to.
    callback_sources: _Index = field(default_factory=lambda: _Index([]))
    #: The last names of the calls that set a flag some sink requires (`XMLParser`
    #: for `flag = "xxe"`): a constructor mentioning one may configure its object.
    sink_flag_words: frozenset[str] = frozenset()
    #: The packages the models name (`pg`, `lxml`, `subprocess`): an object of one
    #: may be what a sink, a sanitizer or a flag is about.
    model_roots: frozenset[str] = frozenset()
    #: What the parameter sources name a request (`HttpRequest`, `express.Request`):
    #: an object holding one (`self.request = request`) passes it on.
    request_qns: frozenset[str] = frozenset()
    #: The libraries' names a sink's condition asks an argument to hold
    #: (`yaml.SafeLoader` of `unless = ["Loader=yaml.SafeLoader|..."]`): an object
    #: keeping one in a field hands it to the sink.
    condition_names: frozenset[str] = frozenset()
    #: Every dotted name a source, sink or sanitizer pattern starts with, to its
    #: first wildcard (`ChannelsConsumer.scope.session`, `ChannelsConsumer.scope`):
    #: an item a constant subscript reads of a modelled object is named as an
    #: attribute is only where a model speaks of it (`self.scope["session"]`).
    model_prefixes: frozenset[str] = frozenset()

    @classmethod
    def of(cls, spec: TaintSpec) -> Matcher:
        enabled_sinks = [s for s in spec.sinks if spec.class_enabled(s.cls)]
        sources = [s for s in spec.sources if s.threat in spec.threat_models or s.qn]
        attr_call = [s for s in sources if s.kind != "parameter"]
        words: set[str] = set()
        for s in sources:
            if s.kind == "parameter":
                if s.name:
                    words.add(s.name)
                continue
            for seg in s.pattern.replace("()", "").split("."):
                if seg and not any(ch in seg for ch in "*?[<"):
                    words.add(seg)
        # A root like "flask" or "os" says little: the last segment must be mentioned.
        last_words = {
            s.pattern.replace("()", "").rsplit(".", 1)[-1] for s in sources if s.kind != "parameter"
        }
        return cls(
            spec,
            _Index([s for s in sources if s.kind == "call"]),
            _Index([s for s in sources if s.kind == "attribute"]),
            [s for s in sources if s.kind == "parameter"],
            _Index([s for s in enabled_sinks if s.kind == "call"]),
            [s for s in enabled_sinks if s.kind == "return"],
            _Index([s for s in enabled_sinks if s.kind == "store"]),
            _Index([s for s in enabled_sinks if s.kind == "attribute"]),
            _Index([s for s in spec.sanitizers if s.kind in ("call", "file-read", "result")]),
            _Index([s for s in spec.sanitizers if s.kind == "guard"]),
            _Index(spec.propagators),
            _Index(spec.flags),
            frozenset(w for w in last_words | {s.name for s in sources if s.name} if w),
            tuple(sorted({p for p in (_segments(s.pattern) for s in attr_call) if p})),
            frozenset(
                s.name
                for s in sources
                if s.kind == "parameter"
                and s.name
                and (not s.qn or any(a.pattern.startswith(s.qn + ".") for a in attr_call))
            ),
            any(s.kind == "parameter" and (s.decorator or s.after or s.directive) for s in sources),
            _param_reads(sources, attr_call),
            frozenset(s.label for s in sources if s.threat == "remote")
            - frozenset(s.label for s in sources if s.threat != "remote"),
            _Index([s for s in sources if s.kind == "callback"]),
            frozenset(
                f.pattern.replace("()", "").rsplit(".", 1)[-1]
                for f in spec.flags
                if any(k.flag == f.flag for k in enabled_sinks)
            ),
            frozenset(
                root
                for pattern in (
                    *(m.pattern for m in enabled_sinks),
                    *(m.pattern for m in spec.sanitizers),
                    *(m.pattern for m in spec.flags),
                )
                if (root := pattern.split(".", 1)[0].replace("()", ""))
                and not any(ch in root for ch in "*?[")
            ),
            frozenset(s.qn for s in sources if s.kind in ("parameter", "callback") and s.qn)
            | _module_requests(attr_call),
            frozenset(
                value
                for m in enabled_sinks
                for c in (*m.when, *m.unless)
                for value in c.values
                if "." in value and not any(ch in value for ch in "*?[")
            ),
            _model_prefixes(
                [
                    *(m.pattern for m in attr_call),
                    *(m.pattern for m in enabled_sinks),
                    *(m.pattern for m in spec.sanitizers),
                ]
            ),
        )


def _module_requests(attr_sources: list[SourceModel]) -> frozenset[str]:
    """The request objects attribute sources read (`flask.request` of
    `flask.request.args`): a function handed one (`load_cart(request)`) reads
    the request's data, as one handed a request parameter does."""
    out = set()
    for s in attr_sources:
        segs = s.pattern.split(".")
        if "request" in segs[1:-1]:
            prefix = ".".join(segs[: segs.index("request", 1) + 1])
            if not any(ch in prefix for ch in "*?[("):
                out.add(prefix)
    return frozenset(out)


def _model_prefixes(patterns: list[str]) -> frozenset[str]:
    """Each pattern's dotted prefixes of two segments or more, to its first wildcard
    (calls' `()` kept: `pg.Pool().query` gives `pg.Pool()` too)."""
    out: set[str] = set()
    for pattern in patterns:
        parts = pattern.split(".")
        for n in range(2, len(parts) + 1):
            if any(ch in parts[n - 1] for ch in "*?["):
                break
            out.add(".".join(parts[:n]))
    return frozenset(out)


def _param_reads(
    sources: list[SourceModel], attr_call: list[SourceModel]
) -> dict[str, tuple[ParamRead, ...]]:
    """Per parameter name a source names: each model's language, base and the
    first attributes of its sources (None for a model that taints the parameter)."""
    out: dict[str, list[ParamRead]] = {}
    for s in sources:
        if s.kind != "parameter" or not s.name:
            continue
        attrs: frozenset[str] | None = None
        if s.qn:
            n = len(s.qn.split("."))
            attrs = frozenset(
                _segments(a.pattern)[n]
                for a in attr_call
                if a.pattern.startswith(s.qn + ".") and len(_segments(a.pattern)) > n
            )
        out.setdefault(s.name, []).append(ParamRead(s.language, s.base, attrs, s.before, s.after))
    return {k: tuple(v) for k, v in out.items()}


def _segments(pattern: str) -> tuple[str, ...]:
    """A pattern's literal leading segments (calls' ``()`` dropped)."""
    out = []
    for seg in pattern.split("."):
        if any(ch in seg for ch in "*?["):
            break
        out.append(seg.replace("()", ""))
    return tuple(out)


def pattern_matches(pattern: str, text: str) -> bool:
    return bool(_compile_cached(pattern).match(text))


@cache
def _text_pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(fnmatch.translate(pattern))


def text_matches(pattern: str, text: str) -> bool:
    """A shell-style match over plain text (decorators, where dots are not segments)."""
    return bool(_text_pattern(pattern).match(text))


@cache
def _compile_cached(pattern: str) -> re.Pattern[str]:
    return _compile(pattern)
