"""JavaScript / TypeScript data flow: every body to the IR of analysis/dataflow/ir.py.

Hooked into javascript.py with three calls, like python_flow.py: a
`JsFlowCollector`, `.function(...)` for each function the sweep opens,
`.finish(...)` before the builder's. What the two languages share (edges,
VARIABLE nodes, constants) is flow_common.py's; this module reads the
grammar:

* declarations (``const``/``let``/``var``) with object and array
  destructuring, defaults and rest elements; assignments, compound
  assignments and ``x++``;
* template literals, ``+``, ``??``, ``&&``/``||``, ternaries, spread in
  arrays, objects and calls, ``await``, optional chaining, TypeScript's
  ``as``/``!``/``satisfies`` (the value inside);
* ``if``, ``switch`` (each case a branch; a constant discriminant picks its
  case), ``for``/``for...of``/``for...in``, ``while``/``do``, ``try``,
  ``throw``;
* callbacks: an anonymous function or arrow handed to a call
  (``app.get("/", (req, res) => {...})``, ``promise.then(v => ...)``) is a
  body of its own (kind LAMBDA), run where it is handed over; its calls are
  the enclosing function's CALL nodes, as the sweep counts them;
* dynamic calls: ``require(NAME)`` / ``import(NAME)`` with a constant
  specifier get ``imports``, ``obj["name"](...)`` gets ``target``
  ``obj.name``; with a value that is not constant, ``dynamic``.

Size: one module, the JavaScript/TypeScript syntax's cases of one sweep
(declarations, destructuring, callbacks to flow facts); each case is short,
and they share the collector's state.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

import tree_sitter as ts

from graphwarden.analysis.dataflow import ir
from graphwarden.analysis.dataflow.consts import Domain
from graphwarden.analysis.languages.base import GraphBuilder, Scope
from graphwarden.analysis.languages.flow_common import (
    MAX_DEPTH,
    Body,
    ConstWalker,
    FlowBuilder,
    dotted,
    fold,
    has_call,
)
from graphwarden.analysis.languages.javascript_types import (
    constructor_dependencies,
    decorator_arguments,
    injected_class,
)
from graphwarden.analysis.model import Node, NodeType, definition_id, parse_id, scoped_id

#: A class field whose initializer is no constant (`JsFlowCollector._field_constants`).
_NOT_CONSTANT = object()
#: Node types of literal default values (`shell = false`, `dir = "/srv"`).
_LITERAL_TYPES = frozenset({"string", "number", "true", "false", "null"})
_FUNCTIONS = frozenset({"arrow_function", "function_expression", "function", "generator_function"})
_DECLS = frozenset({"lexical_declaration", "variable_declaration"})
_WRAPPERS = frozenset(
    {
        "parenthesized_expression",
        "as_expression",
        "non_null_expression",
        "satisfies_expression",
        "type_assertion",
    }
)
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", "'": "'", '"': '"', "0": "\0", "`": "`"}


def _escape(text: str) -> str:
    body = text[1:]
    if body in _ESCAPES:
        return _ESCAPES[body]
    try:
        if body[:1] == "x":
            code = int(body[1:3], 16)
        elif body[:1] == "u":
            code = int(body[1:].strip("{}"), 16)
        else:
            return body
    except ValueError:
        return text
    # A lone surrogate cannot be stored (UTF-8): keep the escape as written.
    return text if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF else chr(code)


class _Fields:
    """A grammar's field ids (a field looked up by id, not by name: no string search);
    the three dialects number their fields differently."""

    __slots__ = (
        "alias",
        "alternative",
        "argument",
        "arguments",
        "body",
        "condition",
        "consequence",
        "constructor",
        "declaration",
        "finalizer",
        "function",
        "handler",
        "increment",
        "index",
        "initializer",
        "key",
        "label",
        "left",
        "name",
        "object",
        "operator",
        "parameter",
        "parameters",
        "pattern",
        "property",
        "right",
        "value",
    )

    def __init__(self, language: ts.Language) -> None:
        for name in self.__slots__:
            fid = language.field_id_for_name(name)
            assert fid is not None, name
            setattr(self, name, fid)

    alias: int
    alternative: int
    argument: int
    arguments: int
    body: int
    condition: int
    consequence: int
    constructor: int
    declaration: int
    finalizer: int
    function: int
    handler: int
    increment: int
    index: int
    initializer: int
    key: int
    label: int
    left: int
    name: int
    object: int
    operator: int
    parameter: int
    parameters: int
    pattern: int
    property: int
    right: int
    value: int


_FIELDS: dict[int, _Fields] = {}


def _fields(language: ts.Language) -> _Fields:
    got = _FIELDS.get(id(language))
    if got is None:
        got = _FIELDS[id(language)] = _Fields(language)
    return got


#: Declarations of functions with scopes of their own (besides function expressions).
_SCOPES = frozenset({"function_declaration", "generator_function_declaration", "method_definition"})

_CASE_ENDS = frozenset(
    {"break_statement", "return_statement", "throw_statement", "continue_statement"}
)


_LOOPS = frozenset({"for_statement", "for_in_statement", "while_statement", "do_statement"})
#: Where the search for the statement a `break` leaves stops: a function's
#: body (its own, or a callback's), a class body, the module.
_FUNCTION_BOUNDARIES = _FUNCTIONS | _SCOPES | {"class_body", "program"}


def _in_loop(node: ts.Node, kind: str) -> bool:
    """Whether an unlabelled `break` (or `continue`) leaves a loop: its nearest
    enclosing loop, before any `switch` (a `break` there leaves the switch)."""
    up = node.parent
    while up is not None and up.type not in _FUNCTION_BOUNDARIES:
        if up.type in _LOOPS:
            return True
        if up.type == "switch_statement" and kind == "break_statement":
            return False
        up = up.parent
    return False


#: Operators and methods whose result is a boolean.
_BOOLEAN_OPS = frozenset({"===", "!==", "==", "!=", "<", "<=", ">", ">=", "in", "instanceof"})
_BOOLEAN_METHODS = frozenset({"test", "includes", "startsWith", "endsWith", "has", "every", "some"})


def _boolean(e: Any) -> bool:
    """Whether an expression's value is a boolean (`!x`, `a === b`, `re.test(s)`,
    `a && b` of such)."""
    if not isinstance(e, list) or not e:
        return isinstance(e, bool)
    if e[0] == ir.UN:
        return bool(e[1] == "!")
    if e[0] == ir.BIN:
        if e[1] in ("&&", "||", "and", "or"):
            return _boolean(e[2]) and _boolean(e[3])
        return e[1] in _BOOLEAN_OPS
    if e[0] == ir.CALL:
        func = e[2]
        return isinstance(func, list) and func[0] == ir.ATTR and func[2] in _BOOLEAN_METHODS
    return False


#: A `break` that leaves a `switch` (not a loop), while its case is lowered.
_SWITCH_BREAK: list[Any] = [ir.JUMP, "switch"]


def _fall_into(stmts: list[Any], following: list[Any]) -> list[Any]:
    """A case's statements with what runs after them on each path that does not
    leave the switch (`following`: the next case's, when it falls through): a
    `break` inside an `if` (`case "search": if (term) { ...; break; }` falling
    into `default`) ends its branch, the rest and `following` run on the other.
    A `break` anywhere else (inside a `try`) is read as not there."""
    out: list[Any] = []
    for i, stmt in enumerate(stmts):
        if stmt == _SWITCH_BREAK:
            return out
        if stmt[0] == ir.IF and _holds_switch_break(stmt):
            rest = [*stmts[i + 1 :], *following]
            out.append([ir.IF, stmt[1], _fall_into(stmt[2], rest), _fall_into(stmt[3], rest)])
            return out
        out.append(_without_switch_breaks(stmt) if _holds_switch_break(stmt) else stmt)
    return out + following


def _holds_switch_break(x: Any) -> bool:
    return x == _SWITCH_BREAK or (isinstance(x, list) and any(_holds_switch_break(y) for y in x))


def _without_switch_breaks(x: Any) -> Any:
    if not isinstance(x, list):
        return x
    return [_without_switch_breaks(y) for y in x if y != _SWITCH_BREAK]


def _ends_case(parts: list[ts.Node]) -> bool:
    """Whether a `case`'s statements end by leaving it (the last one, or the last of a
    block that is the last one)."""
    last = next((p for p in reversed(parts) if p.type != "comment"), None)
    while last is not None and last.type == "statement_block":
        inner = [c for c in last.named_children if c.type != "comment"]
        last = inner[-1] if inner else None
    return last is not None and last.type in _CASE_ENDS


def _reads_names(e: Any, depth: int = 0) -> bool:
    """Whether an expression's IR reads a name or calls something (not a constant
    or a literal made of constants)."""
    if not isinstance(e, list) or not e or depth > 40:
        return False
    if e[0] in (ir.NAME, ir.CALL):
        return True
    return any(_reads_names(x, depth + 1) for x in e[1:] if isinstance(x, list))


def _declared_outside(body: Body, name: str) -> bool:
    """Whether an enclosing body (a function, a callback, the module) declares `name`."""
    outer = body.parent
    while outer is not None:
        if name in outer.bound or name in outer.params:
            return True
        outer = outer.parent
    return False


class JsFlowCollector(FlowBuilder):
    """Gathers the bodies during the sweep; converts them all in `finish`."""

    js = True

    def __init__(self, b: GraphBuilder, language: ts.Language) -> None:
        super().__init__(b)
        self._f = _fields(language)
        self.functions: list[tuple[ts.Node, Scope, Scope]] = []
        #: A function's span -> the path of its body (`run` of `const run = () =>
        #: ...` inside a callback: a callback opens no scope of definitions).
        self._paths: dict[tuple[int, int], str] = {}
        #: Callbacks converted so far, by span, for the functions written inside
        #: one (their names' enclosing body is the callback's).
        self._lambdas: dict[tuple[int, int], Body] = {}
        #: Callbacks written as arguments, by their byte range: (call id, slot).
        self._handed: dict[tuple[int, int], tuple[str, str]] = {}
        #: Class path -> (its scope, its instance fields with an initializer).
        self._fields: dict[str, tuple[Scope, list[tuple[str, ts.Node, ts.Node]]]] = {}
        #: Paths of the classes that extend another.
        self._derived: set[str] = set()
        #: (class path, field) -> the constant an instance field is initialized to
        #: (`algorithm = "md5"`), or `_NOT_CONSTANT` (another value, or twice).
        self._field_constants: dict[tuple[str, str], Any] = {}
        #: Static field initializers of the module's classes, by the class's syntax:
        #: (field name, value). A class declared as a statement of the module stores
        #: them where it stands; the others' are `Body.default_stmts`.
        self._statics: dict[tuple[int, int], list[tuple[str, ts.Node]]] = {}
        #: Field names some class of the file declares (how many times).
        self._field_names: dict[str, int] = {}
        #: Field names the file may write (`.name = ...`), found once per name.
        self._written: dict[str, bool] = {}

    def field(self, node: ts.Node, scope: Scope) -> None:
        """The sweep met a class field that holds no function (`client = make()`):
        an instance's field is initialized when the object is made.

        A value with a function written in it that may bind names (a callback
        with a block body) is left out: those names would belong to a
        constructor that may exist only here (`_implicit_constructor`). An
        arrow with an expression body binds none (`validateStatus: () => true`)."""
        F = self._f
        value = node.child_by_field_id(F.value)
        name_node = node.child_by_field_name("property") or node.child_by_field_name("name")
        if value is None or name_node is None:
            return
        if any(c.type == "static" for c in node.children):
            if "." not in scope.id_path and not _writes_binding_function(value):
                # Initialized once, where the class is defined (`static agent = new
                # https.Agent({ rejectUnauthorized: false })`): its calls' constants,
                # and `Cls.name` holds it (`static builders = { ... }`).
                owner = node.parent.parent if node.parent is not None else None
                where = (owner.start_byte, owner.end_byte) if owner is not None else (0, 0)
                self._statics.setdefault(where, []).append((self._text(name_node), value))
            return
        if _writes_binding_function(value):
            return
        name = self._text(name_node)
        if not name:
            return
        key = (scope.id_path, name)
        self._field_names[name] = self._field_names.get(name, 0) + 1
        constant = self._literal(value)
        self._field_constants[key] = _NOT_CONSTANT if key in self._field_constants else constant
        self._fields.setdefault(scope.id_path, (scope, []))[1].append((name, node, value))
        cls = node.parent.parent if node.parent is not None else None
        if cls is not None and any(
            # `extends` (JS: the keyword; TS: an `extends_clause`), not only `implements`.
            c.type == "class_heritage"
            and any(h.type in ("extends", "extends_clause") for h in c.children)
            for c in cls.children
        ):
            self._derived.add(scope.id_path)

    def _literal(self, value: ts.Node) -> Any:
        """The constant a literal is (a string without substitutions, a number, a
        boolean), else `_NOT_CONSTANT`."""
        if value.type in ("true", "false"):
            return value.type == "true"
        if value.type == "number":
            got = self._number(value)
            return _NOT_CONSTANT if got is None else got
        if value.type == "string":
            text = self._string(None, value, 0)
            return text if isinstance(text, str) else _NOT_CONSTANT
        return _NOT_CONSTANT

    def attribute_constant(self, body: Body, e: list[Any]) -> Any:
        """`this.algorithm` in a method of a class whose field `algorithm = "md5"`
        is that constant: when no other class of the file declares the field (a
        subclass's own value), and the file writes no attribute of that name and
        no computed key or `Object.assign` of `this`."""
        attr = e[2]
        if body.kind != "METHOD" or not isinstance(attr, str) or self._field_names.get(attr) != 1:
            return None
        value = self._field_constants.get((body.id_path.rsplit(".", 1)[0], attr), _NOT_CONSTANT)
        if value is _NOT_CONSTANT or self._may_write(attr):
            return None
        return frozenset((value,))

    def _may_write(self, attr: str) -> bool:
        got = self._written.get(attr)
        if got is None:
            name = re.escape(attr.encode())
            got = self._written[attr] = (
                re.search(
                    rb"\.\s*" + name + rb"\s*(?:[-+*/%&|^]|\*\*|<<|>>>?|\?\?|\|\||&&)?=(?!=)",
                    self.data,
                )
                is not None
                or re.search(rb"\bthis\s*\[|Object\.(?:assign|defineProperty)\s*\(", self.data)
                is not None
            )
        return got

    def function(self, node: ts.Node, scope: Scope, parent: Scope) -> None:
        """The sweep opened function `scope` (its syntax `node`: the function,
        or a declarator / field holding it) inside `parent`."""
        F = self._f
        if node.type in ("variable_declarator", "field_definition", "public_field_definition"):
            value = node.child_by_field_id(F.value)
            if value is None:
                return
            node = value
        self.functions.append((node, scope, parent))
        self._paths[(node.start_byte, node.end_byte)] = scope.id_path

    def _enclosing_callback(self, node: ts.Node) -> Body | None:
        """The callback a function is written in, nearer than any other function
        around it (a callback opens no scope of definitions, so the sweep gives
        the function the scope outside it; its names are the callback's)."""
        up = node.parent
        while up is not None:
            if up.type in _FUNCTIONS or up.type in _SCOPES:
                return self._lambdas.get((up.start_byte, up.end_byte))
            up = up.parent
        return None

    # -- driver -----------------------------------------------------------------------------

    def finish(self, root: ts.Node, module: Scope) -> bytes | None:
        F = self._f
        mod = Body(module, "MODULE", None)
        self.bodies[module.id_path] = mod
        mod.words |= self._directive_words(root)
        stmts = self._block(mod, root, 0)
        for statics in self._statics.values():
            for _, value in statics:
                self.detached(mod, functools.partial(self._expr, mod, value, 0))
        self.emit(mod, stmts)
        for node, scope, parent in self.functions:
            owner = (
                self._class_owner(parent.id_path)
                if parent.kind == "class"
                else self.bodies.get(parent.id_path)
            )
            owner = self._enclosing_callback(node) or owner or mod
            fb = Body(scope, str(parse_id(scope.node_id).kind), owner)
            self.bodies[scope.id_path] = fb
            if owner is not mod:
                owner.nested.append(scope.id_path)
            prologue = self._params(fb, node, scope.id_path)
            if parent.kind == "class" and scope.id_path == parent.id_path + ".constructor":
                # Its class's fields are initialized before its body runs.
                prologue += self._field_stores(
                    fb, self._fields.pop(parent.id_path, (parent, []))[1]
                )
            body = node.child_by_field_id(F.body)
            stmts = prologue + self._function_body(fb, body)
            self.emit(fb, stmts)
        for path, (cls, fields) in sorted(self._fields.items()):
            if path not in self._derived:
                self._implicit_constructor(cls, fields, mod)
        return self.encoded()

    def _class_owner(self, class_path: str) -> Body | None:
        """The body whose names a class's methods see: the nearest enclosing one
        (a class body's own names are not in their scope, as in Python)."""
        owner: Body | None = None
        path = class_path
        while owner is None and "." in path:
            path = path.rsplit(".", 1)[0]
            owner = self.bodies.get(path)
        return owner

    def _field_stores(self, fb: Body, fields: list[tuple[str, ts.Node, ts.Node]]) -> list[ir.Stmt]:
        """`this.name = value` for each field initializer of a class, in order."""
        out: list[ir.Stmt] = []
        for name, node, value in fields:
            fb.stmt = node
            self.begin_stmt(fb)
            start = len(out)
            right = self._expr(fb, value, 0)
            # No site: the field is written outside the constructor's range (a
            # store into a field reaches no sink a site would place).
            out.append([ir.ASSIGN, [ir.ATTR, [ir.NAME, "this"], name], right])
            self.end_stmt(fb, out, start)
        return out

    def _enum_members(self, node: ts.Node) -> list[list[Any]] | None:
        """A TypeScript enum's members and their constant values, in order (a member
        without one counts on from the last number, as TypeScript does); None when
        a value is not a literal."""
        body = node.child_by_field_name("body")
        if body is None:
            return None
        out: list[list[Any]] = []
        following = 0
        for m in body.named_children:
            if m.type == "enum_assignment":
                key_node = m.child_by_field_name("name")
                value_node = m.child_by_field_name("value")
                value: Any = None
                if value_node is not None and value_node.type == "number":
                    text = self._text(value_node)
                    value = int(text) if text.isdigit() else None
                elif value_node is not None and value_node.type == "string":
                    value = self._text(value_node)[1:-1]
                if key_node is None or value is None or "\\" in str(value):
                    return None
                if isinstance(value, int):
                    following = value + 1
            elif m.type == "property_identifier":
                key_node, value = m, following
                following += 1
            else:
                return None
            key = self._text(key_node)
            if key_node.type == "string":
                key = key[1:-1]
            out.append([key, value])
        return out

    def _implicit_constructor(
        self, cls: Scope, fields: list[tuple[str, ts.Node, ts.Node]], mod: Body
    ) -> None:
        """A class with field initializers and no constructor of its own: its implicit
        constructor's body (no node of the graph: the interpreter runs it when the
        class is instantiated), which initializes them.

        Not for a class that extends another (`finish` leaves those out): its
        implicit constructor first runs the base's, which the interpreter finds
        by its node."""
        owner = self._class_owner(cls.id_path) or mod
        ctor_path = cls.child_path("constructor")
        scope = Scope(
            cls.end_byte,
            "function",
            cls.child_qualname("constructor"),
            str(definition_id(self.b.file, NodeType.METHOD, ctor_path)),
            ctor_path,
        )
        fb = Body(scope, str(NodeType.METHOD), owner)
        self.bodies[ctor_path] = fb
        if owner is not mod:
            owner.nested.append(ctor_path)
        fb.param_list = []
        self.emit(fb, self._field_stores(fb, fields))

    def _function_body(self, fb: Body, body: ts.Node | None) -> list[ir.Stmt]:
        if body is None:
            return []
        if body.type == "statement_block":
            fb.words |= self._directive_words(body)
            return self._block(fb, body, 0)
        # An arrow function's expression body: its value is returned.
        self.begin_stmt(fb)
        e = self._expr(fb, body, 0)
        self.returns(fb, e)
        out: list[ir.Stmt] = [[ir.RETURN, e, self.site(fb, body)]]
        self.end_stmt(fb, out, 0)
        return out

    def _params(self, fb: Body, node: ts.Node, owner_path: str | None) -> list[ir.Stmt]:
        """Parameters (named as the PARAMETER nodes are) and the prologue of their patterns."""
        F = self._f
        params = node.child_by_field_id(F.parameters)
        if params is None and node.type == "arrow_function":
            params = node.child_by_field_id(F.parameter)
        out: list[list[Any]] = []
        prologue: list[ir.Stmt] = []
        bound = self._bound_decorators(node)
        injected = constructor_dependencies(node, self._text)
        items = (
            [params]
            if params is not None and params.type == "identifier"
            else (params.named_children if params is not None else [])
        )
        for p in items:
            target = p
            if p.type in ("required_parameter", "optional_parameter"):
                target = p.child_by_field_id(F.pattern) or p
            default: ts.Node | None = None
            if target.type == "assignment_pattern":
                default = target.child_by_field_id(F.right)
                target = target.child_by_field_id(F.left) or target
            if target.type in ("comment", "this"):
                continue
            name = self.src.folded(target)
            if not name:
                continue
            i = len(out)
            kind = ir.P_VARARGS if target.type == "rest_pattern" else ir.P_POSITIONAL
            entry: list[Any] = [name, kind]
            if p.type in ("required_parameter", "optional_parameter"):
                self._typed_param(p, entry)
                value = p.child_by_field_id(F.value)
                default = value if value is not None else default
            if (
                len(entry) == 2
                and i < len(bound)
                # NestJS in JavaScript: `@Bind(Param("id"), Body())` decorates the
                # parameters in order, as TypeScript's `@Param("id") id` would.
                and not self._decorated_kind([bound[i]], entry)
                and (pipes := self._pipes(bound[i]))
            ):
                entry.extend((ir.P_NO_FLAG, None, ir.PIPES, *pipes))
            if len(entry) == 2 and i < len(injected):
                # `@Dependencies(Storage)` on the class: the constructor's parameters
                # are those classes' objects, as `constructor(storage: Storage)` says.
                entry.extend((ir.P_NO_FLAG, injected[i]))
            if (
                p.type in ("required_parameter", "optional_parameter")
                and target.type == "identifier"
                and fb.id_path.rpartition(".")[2] == "constructor"
                and any(c.type in ("accessibility_modifier", "readonly") for c in p.children)
            ):
                # A TypeScript parameter property (`constructor(private repo: Repo)`)
                # is stored on the object, as `this.repo = repo` would be.
                prologue.append([ir.ASSIGN, [ir.ATTR, [ir.NAME, "this"], name], [ir.PARAM, i]])
            # A callback's parameters have no PARAMETER node ("").
            param_id = (
                scoped_id(self.b.file, NodeType.PARAMETER, owner_path, name) if owner_path else ""
            )
            if default is not None and default.type in _LITERAL_TYPES:
                literal = self._expr(fb, default, 0)
                if not isinstance(literal, list):
                    # `escape = true`: what a call that leaves it out gives it.
                    fb.defaults[name] = literal
            elif default is not None and target.type == "identifier":
                made = self.parameter_default(
                    fb, param_id, functools.partial(self._expr, fb, default, 0)
                )
                if _reads_names(made):
                    # `destination = requested || "/home"`: evaluated at the call, from
                    # what the call passed before it (or what the function reads).
                    prologue.append(
                        [ir.ASSIGN, [ir.NAME, name], [ir.BIN, "??", [ir.NAME, name], made]]
                    )
            out.append(entry)
            fb.params[name] = param_id
            if target.type != "identifier":
                inner = target
                if target.type == "rest_pattern" and target.named_child_count:
                    inner = target.named_children[0]
                t = self._target(fb, inner, [ir.PARAM, i], p)
                prologue.append([ir.ASSIGN, t, [ir.PARAM, i]])
        fb.param_list = out
        return prologue

    def _typed_param(self, p: ts.Node, entry: list[Any]) -> None:
        """TypeScript: a parameter a NestJS pipe (`@Param("id", ParseIntPipe)`) or a
        LoopBack decorator (`@param.path.number("id")`) converts
        is a number; one declared as a class (`@Body() dto: PageDto`) keeps the
        class's name, whose fields' validators the interpreter reads; a
        workspace pipe (`@Param("slug", SlugPipe)`) is named after all that
        (`ir.PIPES`)."""
        self._typed_param_kind(p, entry)
        pipes = [
            name
            for d in p.children
            if d.type == "decorator" and d.named_child_count
            for name in self._pipes(d.named_children[0])
        ]
        if pipes and len(entry) > 2 and entry[2] == ir.P_SCALAR:
            return  # (converted to a number first: nothing is left for a pipe to check)
        if pipes:
            while len(entry) < 4:
                entry.append(ir.P_NO_FLAG if len(entry) == 2 else None)
            entry.extend((ir.PIPES, *pipes))

    def _pipes(self, call: ts.Node) -> list[str]:
        """The classes a NestJS parameter decorator's call hands the value to
        (`@Query("q", TrimPipe, new SlugPipe())`), but for the framework's own
        (converting ones are `_SCALAR_PIPES`; `ValidationPipe` is a DTO's, read
        from its class)."""
        if call.type != "call_expression":
            return []
        head = call.child_by_field_name("function")
        args = call.child_by_field_name("arguments")
        if head is None or args is None or self._text(head) not in _PARAM_DECORATORS:
            return []
        out = []
        for a in args.named_children:
            if a.type == "new_expression":
                a = a.child_by_field_name("constructor") or a
            name = self._text(a)
            if a.type == "identifier" and name not in _FRAMEWORK_PIPES:
                out.append(name)
        return out

    def _decorated_kind(self, calls: list[ts.Node], entry: list[Any]) -> bool:
        """What NestJS parameter decorators' calls (`Param("id")`, `Query("n",
        ParseIntPipe)`) say a parameter holds, added to its `entry`: a number, or
        text (a path segment, a named header); False when they say neither."""
        for call in calls:
            text = self._text(call)
            if _SCALAR_PIPES.search(text):
                entry.append(ir.P_SCALAR)
                return True
            if _TEXT_PARAM.match(text):
                # `@Param("key") key: string`: a segment of the path, always text;
                # so is one header's value (`@Headers("x-tenant")`).
                entry.extend((ir.P_NO_FLAG, ir.PATH_TEXT))
                return True
        return False

    def _bound_decorators(self, node: ts.Node) -> list[ts.Node]:
        """The parameter decorators' calls a method's `@Bind(Param("id"), Body())`
        lists, in its parameters' order (NestJS in JavaScript)."""
        return decorator_arguments(_decorators_of(node), "Bind", self._text) or []

    def _typed_param_kind(self, p: ts.Node, entry: list[Any]) -> None:
        calls = [
            d.named_children[0] for d in p.children if d.type == "decorator" and d.named_child_count
        ]
        if self._decorated_kind(calls, entry):
            return
        if (injected := injected_class(p, self._text)) is not None:
            # `@inject(LocalFileStore) store: FileStore`: the token's class's object.
            entry.extend((ir.P_NO_FLAG, injected))
            return
        ann = p.child_by_field_name("type")
        named = ann.named_children[0] if ann is not None and ann.named_child_count else None
        if named is not None and named.type == "type_identifier":
            entry.extend((ir.P_NO_FLAG, self._text(named)))
        elif (
            named is not None
            and named.type == "predefined_type"
            and any(d.type == "decorator" and _GRAPHQL_ARG.match(self._text(d)) for d in p.children)
        ):
            # A GraphQL argument declared a scalar (`@Args("sku") sku: string`, type-
            # graphql's `@Arg`): the schema made of it has the server check its type.
            scalar = self._text(named)
            if scalar in ("number", "boolean"):
                entry.append(ir.P_SCALAR)
            elif scalar == "string":
                entry.extend((ir.P_NO_FLAG, ir.PATH_TEXT))

    # -- callbacks --------------------------------------------------------------------------

    def _lambda(self, body: Body, node: ts.Node, depth: int) -> Any:
        """An anonymous function value: a LAMBDA body of its own, run where it is used."""
        F = self._f
        # Named by order inside the enclosing scope (ids never hold line numbers):
        # its variables are `{file}->VARIABLE->handler.λ1.cmd`.
        seg = f"λ{body.scope.ordinal('λ') + 1}"
        path = f"{body.id_path}.{seg}" if body.id_path else seg
        scope = Scope(
            node.end_byte,
            "function",
            f"{body.scope.qualname}.{seg}" if body.scope.qualname else seg,
            body.scope.node_id,
            path,
        )
        lb = Body(scope, "LAMBDA", body, id_path=path)
        self._lambdas[(node.start_byte, node.end_byte)] = lb
        lb.handed_to = self._handed.pop((node.start_byte, node.end_byte), None)
        prologue = self._params(lb, node, None)
        fbody = node.child_by_field_id(F.body)
        if fbody is not None and fbody.type == "statement_block" and depth <= MAX_DEPTH:
            lb.words |= self._directive_words(fbody)
            stmts = prologue + self._block(lb, fbody, depth + 1)
        elif fbody is not None:
            self.begin_stmt(lb)
            e = self._expr(lb, fbody, depth + 1)
            self.returns(lb, e)
            ret = [ir.RETURN, e, -1]
            self.end_stmt(lb, [ret], 0)
            stmts = [*prologue, ret]
        else:
            stmts = prologue
        # The lambda's names are its own, but its edges go to the enclosing body's nodes.
        self.emit(lb, stmts)
        # (Not its directives: `"use server"` makes it a server action, not its host.)
        body.words |= {w for w in lb.words if not ir.is_directive_word(w)}
        return [ir.LAMBDA, [p[0] for p in lb.param_list], [ir.FUNC, path]]

    # -- dynamic calls --------------------------------------------------------------------------

    def dynamic_call(
        self,
        node: Node,
        call: list[Any],
        lookup: Callable[[str], Domain],
        body: Body,
        walker: ConstWalker,
        callee: str | None,
    ) -> None:
        _, _, func, args, _kwargs = call
        if callee in ("require", "import") and not _bound(body, callee):
            first = fold(args[0], lookup, True) if args else None
            if first is not None and len(first) == 1:
                value = next(iter(first))
                if isinstance(value, str) and value:
                    node.attrs["imports"] = value
                    return
            node.attrs["dynamic"] = True
            return
        if isinstance(func, list) and func and func[0] == ir.SUB:
            obj = dotted(func[1])
            key = fold(func[2], lookup, True)
            if key is None or len(key) != 1:
                node.attrs["dynamic"] = True
                return
            value = next(iter(key))
            if obj is not None and isinstance(value, str) and value.isidentifier():
                self.retarget(node, f"{obj}.{value}", value, obj)

    # -- statements ---------------------------------------------------------------------------

    def _block(self, body: Body, block: ts.Node, depth: int) -> list[ir.Stmt]:
        out: list[ir.Stmt] = []
        if depth > MAX_DEPTH:
            return out
        for stmt in block.named_children:
            self._stmt(body, stmt, out, depth)
        return out

    def _stmt(self, body: Body, node: ts.Node, out: list[ir.Stmt], depth: int) -> None:
        self.begin_stmt(body)
        start = len(out)
        try:
            self._statement(body, node, out, depth)
        finally:
            self.end_stmt(body, out, start)

    def _statement(self, body: Body, node: ts.Node, out: list[ir.Stmt], depth: int) -> None:
        F = self._f
        t = node.type
        body.stmt = node
        d = depth + 1
        if t == "expression_statement":
            for child in node.named_children:
                self._expression_statement(body, child, out, depth)
        elif t in _DECLS:
            for decl in node.named_children:
                if decl.type == "variable_declarator":
                    self._declarator(body, decl, node, out, depth)
        elif t == "return_statement":
            value = node.named_children[0] if node.named_child_count else None
            e = self._expr(body, value, depth) if value is not None else None
            self.returns(body, e)
            out.append([ir.RETURN, e, self.site(body, node)])
        elif t == "if_statement":
            test = self._expr(body, node.child_by_field_id(F.condition), depth)
            then = self._suite(body, node.child_by_field_id(F.consequence), d)
            alt = node.child_by_field_id(F.alternative)
            other: list[ir.Stmt] = []
            if alt is not None:
                for c in alt.named_children:
                    self._stmt(body, c, other, d)
            out.append([ir.IF, test, then, other])
        elif t == "statement_block":
            out.extend(self._block(body, node, d))
        elif t == "for_in_statement":
            left: ts.Node | None = node.child_by_field_id(F.left)
            it = self._expr(body, node.child_by_field_id(F.right), depth)
            if left is not None and left.type in _DECLS:
                declarator = next(
                    (c for c in left.named_children if c.type == "variable_declarator"), None
                )
                left = declarator.child_by_field_id(F.name) if declarator is not None else None
            target = self._target(body, left, [ir.ELEM, it], left)
            inner = [
                [ir.ASSIGN, target, [ir.ELEM, it]],
                *self._suite(body, node.child_by_field_id(F.body), d),
            ]
            out.append([ir.LOOP, None, inner, []])
        elif t == "for_statement":
            init = node.child_by_field_id(F.initializer)
            if init is not None:
                self._stmt(body, init, out, d)
            # What the condition and the increment bind (`(k = next())`, `j = i`)
            # belongs to the loop, not to the initializer or the body's last
            # statement, which the conversion saw last.
            body.stmt = node
            cond = node.child_by_field_id(F.condition)
            test = (
                self._expr(body, cond, depth)
                if cond is not None and cond.type != "empty_statement"
                else None
            )
            if isinstance(test, list) and test and test[0] == ir.OPAQUE:
                test = None
            inner = self._suite(body, node.child_by_field_id(F.body), d)
            inc = node.child_by_field_id(F.increment)
            if inc is not None:
                body.stmt = node
                self._expression_statement(body, inc, inner, d)
            out.append([ir.LOOP, test, inner, []])
        elif t == "while_statement":
            test = self._expr(body, node.child_by_field_id(F.condition), depth)
            out.append([ir.LOOP, test, self._suite(body, node.child_by_field_id(F.body), d), []])
        elif t == "do_statement":
            inner = self._suite(body, node.child_by_field_id(F.body), d)
            out.extend(inner)
            out.append([ir.LOOP, None, inner, []])
        elif t == "try_statement":
            main = self._suite(body, node.child_by_field_id(F.body), d)
            handlers: list[list[ir.Stmt]] = []
            handler = node.child_by_field_id(F.handler)
            if handler is not None:
                h: list[ir.Stmt] = []
                param = handler.child_by_field_id(F.parameter)
                if param is not None:
                    caught = [ir.OPAQUE, ir.CAUGHT]
                    h.append([ir.ASSIGN, self._target(body, param, caught, handler), caught])
                h.extend(self._suite(body, handler.child_by_field_id(F.body), d))
                handlers.append(h)
            final: list[ir.Stmt] = []
            fin = node.child_by_field_id(F.finalizer)
            if fin is not None:
                final = self._suite(body, fin.child_by_field_id(F.body), d)
            out.append([ir.TRY, main, handlers, [], final])
        elif t == "switch_statement":
            out.append(self._switch(body, node, depth))
        elif t in ("break_statement", "continue_statement"):
            if node.child_by_field_id(F.label) is None and _in_loop(node, t):
                out.append([ir.JUMP, "break" if t == "break_statement" else "continue"])
            elif t == "break_statement" and node.child_by_field_id(F.label) is None:
                out.append(_SWITCH_BREAK)  # (`_switch` takes it out)
        elif t == "throw_statement":
            thrown = [self._expr(body, child, depth) for child in node.named_children[:1]]
            out.append([ir.STOP, *thrown])
        elif t == "function_declaration" or t == "generator_function_declaration":
            name_node = node.child_by_field_id(F.name)
            if name_node is not None and body.kind not in ("MODULE",):
                name = self._text(name_node)
                path = (
                    f"{body.id_path}.{name}"
                    if body.kind != "LAMBDA"
                    else self._paths.get((node.start_byte, node.end_byte))
                )
                if path is not None:
                    # Called by name in this body, it runs with this body's names.
                    out.append([ir.ASSIGN, [ir.NAME, name], [ir.FUNC, path]])
        elif t in ("class_declaration", "abstract_class_declaration") and body.kind == "MODULE":
            class_name = node.child_by_field_id(F.name)
            statics = self._statics.pop((node.start_byte, node.end_byte), [])
            if class_name is not None:
                # `class Registry { static builders = {} }`: `Registry.builders`
                # holds the table from where the class is defined on.
                for name, value in statics:
                    target = [ir.ATTR, [ir.NAME, self._text(class_name)], name]
                    out.append([ir.ASSIGN, target, self._expr(body, value, depth)])
        elif t == "enum_declaration":
            members = self._enum_members(node)
            enum_name = node.child_by_field_name("name")
            if members is not None and enum_name is not None:
                # `enum Service { Nginx = "nginx" }`: an object of its members' values
                # (what `Object.values(Service)` and `Service.Nginx` read).
                out.append([ir.ASSIGN, [ir.NAME, self._text(enum_name)], [ir.DICT, members]])
        elif t == "labeled_statement":
            inner_stmt = node.child_by_field_id(F.body)
            if inner_stmt is not None:
                self._stmt(body, inner_stmt, out, d)
        elif t == "export_statement":
            exported = node.child_by_field_id(F.declaration)
            if exported is not None:
                start = len(out)
                self._stmt(body, exported, out, d)
                if body.kind == "MODULE":
                    # `export const resolvers = { Query: { user: (parent, args) => ...
                    # } }` is `exports.resolvers = resolvers`, as CommonJS writes it:
                    # whoever loads the module calls the functions it holds.
                    self._exported_objects(body, node, out, start, len(out), None)
            elif body.kind == "MODULE":
                # `export { resolvers }`: the names declared before.
                names = {
                    self._text(n): self._text(spec.child_by_field_id(F.alias) or n)
                    for clause in node.named_children
                    if clause.type == "export_clause"
                    for spec in clause.named_children
                    if (n := spec.child_by_field_id(F.name)) is not None
                }
                if names:
                    self._exported_objects(body, node, out, 0, len(out), names)
            value = node.child_by_field_id(F.value)
            if value is not None:
                e = self._expr(body, value, depth)
                if isinstance(e, list) and e and (e[0] == ir.LAMBDA or _holds_function(e, 0)):
                    # `export default (req, res) => ...` is `exports.default = ...`
                    # (what a transpiler writes): the interpreter runs what a module
                    # exports as an entry point (an object's functions too).
                    target = [ir.ATTR, [ir.NAME, "exports"], "default"]
                    out.append([ir.ASSIGN, target, e, self.site(body, node)])
                elif body.kind == "MODULE" and isinstance(e, list) and e and e[0] == ir.CALL:
                    # `export default new PeopleDirectory()`: the object a module
                    # importing it gets (`import people from "./people"`).
                    target = [ir.ATTR, [ir.NAME, "exports"], "default"]
                    out.append([ir.ASSIGN, target, e, self.site(body, node)])
                elif has_call(e):
                    out.append([ir.EXPR, e])

    def _exported_objects(
        self,
        body: Body,
        node: ts.Node,
        out: list[ir.Stmt],
        start: int,
        end: int,
        names: dict[str, str] | None,
    ) -> None:
        """`exports.<name> = <name>` for each module-level object of functions that
        `out[start:end]` binds and the export names (`names`: local -> exported;
        None: every name bound there)."""
        for st in out[start:end]:
            if not (
                st[0] == ir.ASSIGN
                and isinstance(st[1], list)
                and st[1][0] == ir.NAME
                and _holds_function(st[2], 0)
            ):
                continue
            local = st[1][1]
            exported = local if names is None else names.get(local)
            if exported is not None:
                target = [ir.ATTR, [ir.NAME, "exports"], exported]
                out.append([ir.ASSIGN, target, [ir.NAME, local], self.site(body, node)])

    def _suite(self, body: Body, node: ts.Node | None, depth: int) -> list[ir.Stmt]:
        if node is None or depth > MAX_DEPTH:
            return []
        if node.type == "statement_block":
            return self._block(body, node, depth)
        out: list[ir.Stmt] = []
        self._stmt(body, node, out, depth)
        return out

    def _switch(self, body: Body, node: ts.Node, depth: int) -> ir.Stmt:
        F = self._f
        value = self._expr(body, node.child_by_field_id(F.value), depth)
        block = node.child_by_field_id(F.body)
        cases = block.named_children if block is not None else []
        chain: list[ir.Stmt] = []
        # What runs from the start of the next case on: a case that does not end
        # in `break`, `return`, `throw` or `continue` falls through into it (an
        # empty `case "a": case "b": ...` shares the next one's statements).
        following: list[ir.Stmt] = []
        for case in reversed([c for c in cases if c.type in ("switch_case", "switch_default")]):
            stmts: list[ir.Stmt] = []
            parts = case.children_by_field_id(F.body)
            for part in parts:
                self._stmt(body, part, stmts, depth + 1)
            stmts = _fall_into(stmts, [] if _ends_case(parts) else following)
            following = stmts
            if case.type == "switch_default":
                chain = stmts
                continue
            label = self._expr(body, case.child_by_field_id(F.value), depth)
            test = (
                # `switch (true) { case !/^\w+$/.test(name): ... }`: each case is the
                # condition it writes (one that is a boolean: `true === x` is `x`).
                label if value is True and _boolean(label) else [ir.BIN, "===", value, label]
            )
            chain = [[ir.IF, test, stmts, chain]]
        return chain[0] if len(chain) == 1 else [ir.IF, True, chain, []]

    def _declarator(
        self, body: Body, decl: ts.Node, stmt: ts.Node, out: list[ir.Stmt], depth: int
    ) -> None:
        F = self._f
        name = decl.child_by_field_id(F.name)
        value = decl.child_by_field_id(F.value)
        if name is None:
            return
        if value is not None and value.type in _FUNCTIONS and name.type == "identifier":
            # `const f = () => ...` is a FUNCTION of its own (the sweep's scope).
            fname = self._text(name)
            if body.kind == "LAMBDA":
                own = self._paths.get((value.start_byte, value.end_byte))
                if own is not None:
                    out.append([ir.ASSIGN, [ir.NAME, fname], [ir.FUNC, own]])
            elif body.kind != "MODULE":
                out.append([ir.ASSIGN, [ir.NAME, fname], [ir.FUNC, f"{body.id_path}.{fname}"]])
            return
        if value is None:
            e: Any = None
        else:
            inner = _unwrap(value)
            if (
                inner.type == "call_expression"
                and self._text(inner.child_by_field_id(F.function)) == "require"
            ) and (inner.start_byte, inner.end_byte) not in self.b.call_ids:
                return  # `const m = require("m")`: an IMPORT binding (javascript_imports.py)
            e = self._expr(body, value, depth)
        target = self._target(body, name, e if e is not None else None, stmt)
        out.append([ir.ASSIGN, target, e])

    def _expression_statement(
        self, body: Body, node: ts.Node, out: list[ir.Stmt], depth: int
    ) -> None:
        F = self._f
        node = _unwrap(node)
        t = node.type
        if t == "assignment_expression":
            left = node.child_by_field_id(F.left)
            right = self._expr(body, node.child_by_field_id(F.right), depth)
            target = self._target(body, left, right, body.stmt, assigning=True)
            if target and target[0] in (ir.ATTR, ir.SUB):
                out.append([ir.ASSIGN, target, right, self.site(body, node)])
            else:
                out.append([ir.ASSIGN, target, right])
        elif t == "augmented_assignment_expression":
            left = node.child_by_field_id(F.left)
            right = self._expr(body, node.child_by_field_id(F.right), depth)
            op_node = node.child_by_field_id(F.operator)
            op = self._text(op_node)[:-1] if op_node is not None else "+"
            # Declares nothing, as `=` does not: `raw += chunk` in a callback
            # appends to the `let raw` around it.
            target = self._target(body, left, right, body.stmt, assigning=True)
            out.append([ir.AUG, op, target, right])
        elif t == "update_expression":
            arg = node.child_by_field_id(F.argument)
            if arg is not None and arg.type == "identifier":
                name = self._text(arg)
                out.append([ir.AUG, "+", [ir.NAME, name], 1])
        elif t == "sequence_expression":
            for c in node.named_children:
                self._expression_statement(body, c, out, depth)
        elif t == "yield_expression":
            # A generator's `yield v` (`yield* it`: each of its elements) is what a
            # `for (const x of gen())` over it reads, as Python's yield is.
            value = node.named_children[0] if node.named_child_count else None
            e = self._expr(body, value, depth) if value is not None else None
            if e is not None and any(c.type == "*" for c in node.children):
                e = [ir.ELEM, e]
            self.returns(body, e)
            out.append([ir.YIELD, e, self.site(body, node)])
        else:
            e = self._expr(body, node, depth)
            if isinstance(e, list) and e and e[0] not in (ir.NAME, ir.OPAQUE):
                out.append([ir.EXPR, e])

    # -- targets ----------------------------------------------------------------------------------

    def _target(
        self,
        body: Body,
        node: ts.Node | None,
        value: Any,
        stmt: ts.Node | None,
        assigning: bool = False,
    ) -> Any:
        F = self._f
        if node is None:
            return ir.UNKNOWN
        node = _unwrap(node)
        t = node.type
        if t in ("identifier", "shorthand_property_identifier_pattern"):
            name = self._text(node)
            if (
                assigning
                and name not in body.bound
                and name not in body.params
                and _declared_outside(body, name)
            ):
                # `target = req.query.f` in a closure, for a `let target` of an
                # enclosing function or of the module: that variable, not a new one.
                body.globals.add(name)
            self.bind(body, name, node, stmt, value)
            return [ir.NAME, name]
        if t == "array_pattern":
            items = []
            # Positions count the commas: `[, second] = pair` skips a hole, which
            # takes a target that binds nothing.
            i = 0
            filled = False
            for c in node.children:
                if c.type == ",":
                    if not filled:
                        items.append(ir.UNKNOWN)
                    i += 1
                    filled = False
                    continue
                if not c.is_named or c.type == "comment":
                    continue
                filled = True
                if c.type == "rest_pattern":
                    inner = c.named_children[0] if c.named_child_count else None
                    items.append([ir.STAR, self._target(body, inner, [ir.ELEM, value], stmt)])
                else:
                    sub = value[2][i] if _seq_at(value, i) else [ir.ELEM, value]
                    items.append(self._target(body, c, sub, stmt))
            return [ir.SEQ, 1, items]
        if t == "object_pattern":
            pairs: list[list[Any]] = []
            for c in node.named_children:
                if c.type == "shorthand_property_identifier_pattern":
                    key = self._text(c)
                    pairs.append([key, self._target(body, c, [ir.ATTR, value, key], stmt)])
                elif c.type == "pair_pattern":
                    knode = c.child_by_field_id(F.key)
                    key = self._prop_key(knode)
                    v = c.child_by_field_id(F.value)
                    sub = [ir.ATTR, value, key] if isinstance(key, str) else [ir.ELEM, value]
                    pairs.append(
                        [key if isinstance(key, str) else None, self._target(body, v, sub, stmt)]
                    )
                elif c.type == "object_assignment_pattern":
                    left = c.child_by_field_id(F.left)
                    key = self._text(left) if left is not None else ""
                    pairs.append([key, self._target(body, left, [ir.ATTR, value, key], stmt)])
                elif c.type == "rest_pattern" and c.named_child_count:
                    pairs.append([None, self._target(body, c.named_children[0], value, stmt)])
            return [ir.DICT, pairs]
        if t == "assignment_pattern":
            left = node.child_by_field_id(F.left)
            return self._target(body, left, value, stmt)
        if t == "member_expression":
            obj = self._expr(body, node.child_by_field_id(F.object), 0)
            prop = self._text(node.child_by_field_id(F.property))
            body.words.add(prop)
            self.store_edges(body, obj, prop, value)
            return [ir.ATTR, obj, prop]
        if t == "subscript_expression":
            obj = self._expr(body, node.child_by_field_id(F.object), 0)
            key = self._expr(body, node.child_by_field_id(F.index), 0)
            self.store_edges(body, obj, None, value, key)
            return [ir.SUB, obj, key]
        return ir.UNKNOWN

    def _prop_key(self, node: ts.Node | None) -> Any:
        if node is None:
            return None
        if node.type in ("property_identifier", "identifier", "shorthand_property_identifier"):
            return self._text(node)
        if node.type == "string":
            v = self._string(None, node, 0)
            return v if isinstance(v, str) else None
        if node.type == "number":
            return self._number(node)
        return None

    # -- expressions ----------------------------------------------------------------------------

    def _expr(self, body: Body, node: ts.Node | None, depth: int) -> Any:
        if node is None or depth > MAX_DEPTH:
            return ir.UNKNOWN
        t = node.type
        if t == "identifier":
            name = self.data[node.start_byte : node.end_byte].decode("utf-8", "replace")
            if name == "undefined":
                return None
            body.words.add(name)
            return [ir.NAME, name]
        if t == "member_expression":
            F = self._f
            prop = self._text(node.child_by_field_id(F.property))
            body.words.add(prop)
            return [ir.ATTR, self._expr(body, node.child_by_field_id(F.object), depth + 1), prop]
        if t == "call_expression" or t == "new_expression":
            return self._call(body, node, depth + 1)
        convert = _EXPRS.get(t)
        return convert(self, body, node, depth + 1) if convert is not None else ir.UNKNOWN

    # One method per other kind of expression (`_EXPRS`); `d` is the depth inside it.

    def _x_this(self, body: Body, node: ts.Node, d: int) -> Any:
        return [ir.NAME, "this"]

    def _x_super(self, body: Body, node: ts.Node, d: int) -> Any:
        # `super(message)` in a constructor: the interpreter keeps what a base it
        # cannot read (`Error`) is given.
        return [ir.NAME, "super"]

    def _x_subscript(self, body: Body, node: ts.Node, d: int) -> Any:
        F = self._f
        return [
            ir.SUB,
            self._expr(body, node.child_by_field_id(F.object), d),
            self._expr(body, node.child_by_field_id(F.index), d),
        ]

    def _x_string(self, body: Body, node: ts.Node, d: int) -> Any:
        return self._string(body, node, d)

    def _x_regex(self, body: Body, node: ts.Node, d: int) -> Any:
        # Kept as text for the checks a pattern proves (`/^[a-z]+$/.test(x)`); an
        # opaque value otherwise, never a string (`s.replace(/-/g, "_")` folds nothing).
        pattern = node.child_by_field_name("pattern")
        flags = node.child_by_field_name("flags")
        return [
            ir.OPAQUE,
            ir.REGEX,
            self._text(pattern) if pattern is not None else "",
            self._text(flags) if flags is not None else "",
        ]

    def _x_number(self, body: Body, node: ts.Node, d: int) -> Any:
        v = self._number(node)
        return ir.UNKNOWN if v is None else v

    def _x_true(self, body: Body, node: ts.Node, d: int) -> Any:
        return True

    def _x_false(self, body: Body, node: ts.Node, d: int) -> Any:
        return False

    def _x_null(self, body: Body, node: ts.Node, d: int) -> Any:
        return None

    def _x_binary(self, body: Body, node: ts.Node, d: int) -> Any:
        F = self._f
        op_node = node.child_by_field_id(F.operator)
        op = self._text(op_node) if op_node is not None else "?"
        return [
            ir.BIN,
            op,
            self._expr(body, node.child_by_field_id(F.left), d),
            self._expr(body, node.child_by_field_id(F.right), d),
        ]

    def _x_unary(self, body: Body, node: ts.Node, d: int) -> Any:
        F = self._f
        op_node = node.child_by_field_id(F.operator)
        op = self._text(op_node) if op_node is not None else "!"
        return [ir.UN, op, self._expr(body, node.child_by_field_id(F.argument), d)]

    def _x_ternary(self, body: Body, node: ts.Node, d: int) -> Any:
        F = self._f
        return [
            ir.COND,
            self._expr(body, node.child_by_field_id(F.condition), d),
            self._expr(body, node.child_by_field_id(F.consequence), d),
            self._expr(body, node.child_by_field_id(F.alternative), d),
        ]

    def _x_inner(self, body: Body, node: ts.Node, d: int) -> Any:
        inner = [c for c in node.named_children if c.type != "comment"]
        return self._expr(body, inner[0], d) if inner else ir.UNKNOWN

    def _x_array(self, body: Body, node: ts.Node, d: int) -> Any:
        items = []
        for c in node.named_children:
            ct = c.type
            if ct == "spread_element" and c.named_child_count:
                items.append([ir.STAR, self._expr(body, c.named_children[0], d)])
            elif ct != "comment":
                items.append(self._expr(body, c, d))
        return [ir.SEQ, 0, items]

    def _x_object(self, body: Body, node: ts.Node, d: int) -> Any:
        F = self._f
        pairs: list[list[Any]] = []
        for c in node.named_children:
            ct = c.type
            if ct == "pair":
                knode = c.child_by_field_id(F.key)
                if knode is not None and knode.type == "computed_property_name":
                    key: Any = (
                        self._expr(body, knode.named_children[0], d)
                        if knode.named_child_count
                        else ir.UNKNOWN
                    )
                else:
                    key = self._prop_key(knode)
                pairs.append([key, self._expr(body, c.child_by_field_id(F.value), d)])
            elif ct == "shorthand_property_identifier":
                name = self._text(c)
                body.words.add(name)
                pairs.append([name, [ir.NAME, name]])
            elif ct == "spread_element" and c.named_child_count:
                pairs.append([None, self._expr(body, c.named_children[0], d)])
            elif ct == "method_definition" and not any(
                k.type in ("get", "set") for k in c.children
            ):
                # `{ track(slug) { return `${this.origin}/${slug}`; } }`: a function
                # held at its name, called with the object as `this`.
                key = self._prop_key(c.child_by_field_id(F.name))
                if isinstance(key, str):
                    pairs.append([key, self._x_function(body, c, d)])
        return [ir.DICT, pairs]

    def _x_function(self, body: Body, node: ts.Node, d: int) -> Any:
        own = self._paths.get((node.start_byte, node.end_byte))
        if own is not None:
            # A FUNCTION of its own (`exports.f = (h) => ...`): its body is
            # converted once, as that function's.
            return [ir.FUNC, own]
        return self._lambda(body, node, d)

    def _x_assignment(self, body: Body, node: ts.Node, d: int) -> Any:
        """`(raw = raw + c)`, `(raw += c)` as an expression (an arrow's body): the
        assignment, and its value. Like the statements, it declares nothing."""
        F = self._f
        right = self._expr(body, node.child_by_field_id(F.right), d)
        left = node.child_by_field_id(F.left)
        if node.type == "augmented_assignment_expression":
            op_node = node.child_by_field_id(F.operator)
            op = self._text(op_node)[:-1] if op_node is not None else "+"
            right = [ir.BIN, op, self._expr(body, left, d), right]
        target = self._target(body, left, right, body.stmt, assigning=True)
        return [ir.WALRUS, target, right]

    def _x_jsx(self, body: Body, node: ts.Node, d: int) -> Any:
        """A JSX element: React escapes its text and attributes, so only
        `dangerouslySetInnerHTML={...}` (in it or in elements inside it, not in
        callbacks) is kept, as a store of its value at its own place."""
        stores: list[Any] = []
        todo = [node]
        while todo:
            n = todo.pop()
            if n.type == "jsx_attribute":
                parts = n.named_children
                if (
                    len(parts) == 2
                    and parts[1].type == "jsx_expression"
                    and self._text(parts[0]) == "dangerouslySetInnerHTML"
                    and parts[1].named_child_count
                ):
                    value = self._expr(body, parts[1].named_children[0], d)
                    target = [ir.ATTR, ir.UNKNOWN, "dangerouslySetInnerHTML"]
                    stores.append([ir.WALRUS, target, value, self.site(body, n)])
                continue
            if n.type in _FUNCTIONS:
                continue
            todo.extend(reversed(n.named_children))
        if not stores:
            return ir.UNKNOWN
        return stores[0] if len(stores) == 1 else [ir.SEQ, 1, stores]

    def _x_sequence(self, body: Body, node: ts.Node, d: int) -> Any:
        parts = [c for c in node.named_children if c.type != "comment"]
        return self._expr(body, parts[-1], d) if parts else ir.UNKNOWN

    def _x_spread(self, body: Body, node: ts.Node, d: int) -> Any:
        if node.named_child_count:
            return [ir.STAR, self._expr(body, node.named_children[0], d)]
        return ir.UNKNOWN

    def _call(self, body: Body, node: ts.Node, depth: int) -> Any:
        F = self._f
        is_new = node.type == "new_expression"
        fn_node = node.child_by_field_id(F.constructor if is_new else F.function)
        call_id = self.b.call_ids.get((node.start_byte, node.end_byte))
        args_node = node.child_by_field_id(F.arguments)
        if (
            not is_new
            and fn_node is not None
            and fn_node.type == "identifier"
            and self._text(fn_node) == "await"
            and args_node is not None
            and args_node.type == "arguments"
            and args_node.named_child_count == 1
        ):
            # `await (await puppeteer.launch()).newPage()`: the grammar reads
            # `await (x)` as a call of a function named `await`; it is `x` awaited.
            return self._expr(body, args_node.named_children[0], depth)
        if fn_node is not None and fn_node.type == "import":
            func: Any = [ir.NAME, "import"]
        else:
            func = self._expr(body, fn_node, depth)
        args: list[Any] = []
        if args_node is not None:
            if args_node.type == "template_string":
                # A tagged template (html`<p>${name}</p>`): the tag gets the literal
                # chunks as an array, then each substituted value.
                args.extend(self._tagged_args(body, args_node, depth))
            else:
                data = self.data
                for a in args_node.named_children:
                    at = a.type
                    if at == "identifier" and depth <= MAX_DEPTH:
                        # `_expr`'s first case, inline: most arguments are names.
                        name = data[a.start_byte : a.end_byte].decode("utf-8", "replace")
                        if name == "undefined":
                            args.append(None)
                        else:
                            body.words.add(name)
                            args.append([ir.NAME, name])
                    elif at == "spread_element" and a.named_child_count:
                        args.append([ir.STAR, self._expr(body, a.named_children[0], depth)])
                    elif at != "comment":
                        if at in _FUNCTIONS and call_id is not None:
                            self._handed[(a.start_byte, a.end_byte)] = (call_id, str(len(args)))
                        args.append(self._expr(body, a, depth))
        if call_id is None:
            if (
                not is_new
                and func == [ir.NAME, "require"]
                and len(args) == 1
                and isinstance(args[0], str)
                and args[0]
                and not args[0].startswith(".")
            ):
                # `require("sqlite3").verbose()`: the require is an import, not a
                # CALL node; the engine reads it as the module (index -1: no node).
                return [ir.CALL, -1, func, args, []]
            return ir.UNKNOWN
        if is_new and isinstance(func, list) and func and func[0] == ir.NAME:
            func = [ir.NAME, func[1]]
        idx = self.call_index(body, call_id)
        self.call_edges(body, call_id, func, args, [])
        return self.note_call(body, [ir.CALL, idx, func, args, []])

    # -- literals ---------------------------------------------------------------------------------

    def _template_parts(
        self, body: Body | None, node: ts.Node, depth: int
    ) -> tuple[list[str], list[Any]] | None:
        """A string's or template literal's literal chunks (one more than its
        substitutions) and the substitutions' values; None for a substitution
        where there is no body to hold its value."""
        chunks: list[str] = []
        values: list[Any] = []
        text: list[str] = []
        data = self.data
        for c in node.named_children:
            ct = c.type
            if ct == "string_fragment":
                text.append(data[c.start_byte : c.end_byte].decode("utf-8", "replace"))
            elif ct == "escape_sequence":
                text.append(_escape(data[c.start_byte : c.end_byte].decode("utf-8", "replace")))
            elif ct == "template_substitution":
                if body is None:
                    return None
                chunks.append("".join(text))
                text = []
                inner = c.named_children[0] if c.named_child_count else None
                values.append(self._expr(body, inner, depth))
        chunks.append("".join(text))
        return chunks, values

    def _directive_words(self, block: ts.Node) -> set[str]:
        """The directives of a program's or function's prologue (`"use server";`:
        a Next.js server action, callable by any client), as words (`ir.directive_word`)."""
        out: set[str] = set()
        for child in block.named_children:
            if child.type == "comment":
                continue
            first = child.named_children[0] if child.named_children else None
            if child.type != "expression_statement" or first is None or first.type != "string":
                break
            text = self._string(None, first, 0)
            if isinstance(text, str):
                out.add(ir.directive_word(text))
        return out

    def _string(self, body: Body | None, node: ts.Node, depth: int) -> Any:
        parts = self._template_parts(body, node, depth)
        if parts is None:
            return ir.UNKNOWN
        chunks, values = parts
        if not values:
            return chunks[0]
        pieces: list[Any] = []
        for chunk, value in zip(chunks, values):
            if chunk:
                pieces.append(chunk)
            pieces.append(value)
        if chunks[-1]:
            pieces.append(chunks[-1])
        return [ir.JOIN, pieces]

    def _tagged_args(self, body: Body, node: ts.Node, depth: int) -> list[Any]:
        """A tagged template's arguments: the array of its literal chunks, then
        each substituted value (what the tag function is called with)."""
        parts = self._template_parts(body, node, depth)
        assert parts is not None  # a body is given
        chunks, values = parts
        return [[ir.SEQ, 0, chunks], *values]

    def _number(self, node: ts.Node) -> Any:
        text = self._text(node).replace("_", "")
        try:
            if text.lower().startswith(("0x", "0o", "0b")):
                v: Any = int(text, 0)
            elif text.endswith("n"):
                v = int(text[:-1])
            else:
                f = float(text)
                integral = f.is_integer() and "." not in text and "e" not in text.lower()
                v = int(f) if integral else f
        except (ValueError, OverflowError):
            return None
        if isinstance(v, int) and not -(1 << 63) <= v < (1 << 63):
            return None  # past what the facts can store: not a constant we keep
        return v

    def _text(self, node: ts.Node | None) -> str:
        if node is None:
            return ""
        return self.data[node.start_byte : node.end_byte].decode("utf-8", "replace")


#: Expression kinds (other than identifiers, member expressions and calls) -> their conversion.
_EXPRS: dict[str, Callable[[JsFlowCollector, Body, ts.Node, int], Any]] = {
    "this": JsFlowCollector._x_this,
    "super": JsFlowCollector._x_super,
    "subscript_expression": JsFlowCollector._x_subscript,
    "string": JsFlowCollector._x_string,
    "template_string": JsFlowCollector._x_string,
    "number": JsFlowCollector._x_number,
    "regex": JsFlowCollector._x_regex,
    "true": JsFlowCollector._x_true,
    "false": JsFlowCollector._x_false,
    "null": JsFlowCollector._x_null,
    "undefined": JsFlowCollector._x_null,
    "binary_expression": JsFlowCollector._x_binary,
    "unary_expression": JsFlowCollector._x_unary,
    "ternary_expression": JsFlowCollector._x_ternary,
    **dict.fromkeys(_WRAPPERS, JsFlowCollector._x_inner),
    "await_expression": JsFlowCollector._x_inner,
    "array": JsFlowCollector._x_array,
    "object": JsFlowCollector._x_object,
    **dict.fromkeys(_FUNCTIONS, JsFlowCollector._x_function),
    "assignment_expression": JsFlowCollector._x_assignment,
    "augmented_assignment_expression": JsFlowCollector._x_assignment,
    "sequence_expression": JsFlowCollector._x_sequence,
    "jsx_element": JsFlowCollector._x_jsx,
    "jsx_self_closing_element": JsFlowCollector._x_jsx,
    "spread_element": JsFlowCollector._x_spread,
}


#: NestJS pipes that turn a route parameter into a number, boolean, UUID or enum
#: member (or answer 400), and LoopBack's parameter decorators that do
#: (`@param.query.number("limit")`, `@param.path.integer("id")`).
_SCALAR_PIPES = re.compile(
    r"\bParse(?:Int|Float|Bool|UUID|Enum)Pipe\b"
    r"|\bparam\.(?:path|query|header)\.(?:number|integer|boolean)\b"
)
#: The decorators of a code-first GraphQL resolver's argument (NestJS's `@Args`,
#: type-graphql's `@Arg`).
_GRAPHQL_ARG = re.compile(r"@Args?\(")
#: NestJS's decorators of a parameter that holds text: a path segment, one
#: header's value (`@Headers("x-tenant")`; `@Headers()` is all of them).
_TEXT_PARAM = re.compile(r"""(?:Param\(|Headers\(\s*["'`])""")
#: NestJS's decorators of a request's parts, which take pipes after the key.
_PARAM_DECORATORS = frozenset({"Param", "Query", "Body", "Headers"})
#: NestJS's own pipes: those that convert (`_SCALAR_PIPES`) and those whose
#: checks are read elsewhere (a DTO's class-validator decorators) or none.
_FRAMEWORK_PIPES = frozenset(
    {
        "ParseIntPipe",
        "ParseFloatPipe",
        "ParseBoolPipe",
        "ParseUUIDPipe",
        "ParseEnumPipe",
        "ParseArrayPipe",
        "ValidationPipe",
        "DefaultValuePipe",
    }
)


def _writes_binding_function(node: ts.Node) -> bool:
    """Whether a function that may bind names of its own is written anywhere in an
    expression: a class, a function with a block body, an assignment inside an
    arrow's expression body."""
    stack = [(node, False)]
    while stack:
        n, in_function = stack.pop()
        t = n.type
        if t == "class" or (t in _FUNCTIONS and t != "arrow_function"):
            return True
        if t == "arrow_function":
            body = n.child_by_field_name("body")
            if body is None or body.type == "statement_block":
                return True
            in_function = True
        elif in_function and t in ("assignment_expression", "augmented_assignment_expression"):
            return True
        stack.extend((c, in_function) for c in n.named_children)
    return False


def _unwrap(node: ts.Node) -> ts.Node:
    while node.type in _WRAPPERS and node.named_child_count:
        node = node.named_children[0]
    return node


def _seq_at(value: Any, i: int) -> bool:
    return (
        isinstance(value, list)
        and bool(value)
        and value[0] == ir.SEQ
        and i < len(value[2])
        and not any(isinstance(x, list) and x and x[0] == ir.STAR for x in value[2])
    )


def _bound(body: Body, name: str) -> bool:
    b: Body | None = body
    while b is not None and b.kind != "MODULE":
        if name in b.bound or name in b.params:
            return True
        b = b.parent
    return False


def _holds_function(e: Any, depth: int) -> bool:
    """Whether `e` is an object literal holding a function, in a nested object
    literal too (a GraphQL resolver map, a table of handlers)."""
    if not (isinstance(e, list) and e and e[0] == ir.DICT) or depth > 3:
        return False
    for _key, v in e[1]:
        if isinstance(v, list) and v and (v[0] == ir.LAMBDA or _holds_function(v, depth + 1)):
            return True
    return False


def _decorators_of(node: ts.Node) -> list[ts.Node]:
    """A method's decorators: its own children (JavaScript's grammar), or the
    class body's decorators right before it (TypeScript's)."""
    own = [c for c in node.children if c.type == "decorator"]
    before: list[ts.Node] = []
    prev = node.prev_named_sibling
    while prev is not None and prev.type == "decorator":
        before.append(prev)
        prev = prev.prev_named_sibling
    return [*reversed(before), *own]
