"""Python data flow: every body to the IR of analysis/dataflow/ir.py, plus its graph edges.

Hooked into python.py with three calls: `FlowCollector(b, aliases)`, `.function(...)`
for each function the sweep opens, `.finish(...)` before the builder's.
After the sweep, each body (the module's, then every function's, outer
first) is converted once:

* the IR, kept in the file's summary (`FileAnalysis.flow`) for the dataflow
  enricher;
* a VARIABLE node (``local``) for every name a function binds (assignment,
  augmented assignment, walrus, ``for`` and ``with`` targets), so flows have
  ends with semantic ids;
* flow-insensitive edges between nodes: ``x ASSIGNED_FROM y`` for
  ``x = ...y...`` (string building, containers, attribute and subscript
  reads, calls' results), ``y FLOWS_INTO call`` for an argument or receiver
  (``{"arg": position | keyword | "receiver" | "*" | "**"}``), ``y RETURNS
  function`` for ``return``/``yield``; ``obj.x = y`` / ``obj[k] = y`` and
  mutating calls (``lst.append(y)``) flow into the object's variable, and
  ``self.x = y`` into the class attribute;
* value domains: a variable's constant values (``values``) and a call's
  constant arguments (``const_args``), folded through module constants;
  ``getattr(obj, "name")(...)`` gets ``target`` ``obj.name``,
  ``importlib.import_module("m")`` / ``__import__("m")`` get ``imports``;
  the same with a value that is not constant get ``dynamic`` (a coverage
  gap: the graph cannot see what they reach).

Expressions are converted recursively, but never deeper than `MAX_DEPTH`
levels (deeper: OPAQUE), so nesting costs bounded Python stack.

Size: one module, the Python syntax's cases of one sweep (statements and
expressions to flow facts); each case is short, and they share the
collector's state.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from typing import Any

import tree_sitter as ts
import tree_sitter_python

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
from graphwarden.analysis.languages.py_patterns import declared_pattern
from graphwarden.analysis.languages.type_text import erase_py, py_element_types
from graphwarden.analysis.model import Node, NodeType, definition_id, parse_id, scoped_id

#: The grammar's field ids (a field looked up by id, not by name: no string search).
_LANGUAGE = ts.Language(tree_sitter_python.language())


def _field(name: str) -> int:
    fid = _LANGUAGE.field_id_for_name(name)
    assert fid is not None, name
    return fid


_F_ALIAS = _field("alias")
_F_ALTERNATIVE = _field("alternative")
_F_ARGUMENT = _field("argument")
_F_ARGUMENTS = _field("arguments")
_F_ATTRIBUTE = _field("attribute")
_F_BODY = _field("body")
_F_CONDITION = _field("condition")
_F_CONSEQUENCE = _field("consequence")
_F_EXPRESSION = _field("expression")
_F_FUNCTION = _field("function")
_F_GUARD = _field("guard")
_F_DEFINITION = _field("definition")
_F_KEY = _field("key")
_F_LEFT = _field("left")
_F_NAME = _field("name")
_F_OBJECT = _field("object")
_F_OPERATOR = _field("operator")
_F_PARAMETERS = _field("parameters")
_F_RIGHT = _field("right")
_F_SUBJECT = _field("subject")
_F_SUBSCRIPT = _field("subscript")
_F_SUPERCLASSES = _field("superclasses")
_F_VALUE = _field("value")
_COMPARE = {"not in": "notin", "is not": "isnot"}
#: An f-string field's format that only a number takes (`:08d`, `:,.2f`, `:x`, `:>6.1%`):
#: its type letter, after a fill and alignment, sign, width, grouping, precision.
_NUMBER_FORMAT = re.compile(r":(?:.?[<>=^])?[+\- ]?z?#?0?\d*[,_]?(?:\.\d+)?[bdoxXneEfFgG%]")
#: Builtin classes whose class pattern's one positional capture is the subject.
_SELF_MATCHING = frozenset(
    {"str", "bytes", "bytearray", "list", "tuple", "dict", "set", "frozenset"}
    | {"int", "float", "bool", "complex"}
)
#: ... of those, the ones that hold a number (no text of the data).
_NUMBER_PATTERNS = frozenset({"int", "float", "bool", "complex"})
_SEQ_KIND = {"list": 0, "tuple": 1, "set": 2, "expression_list": 1}
_COMPS = frozenset({"list_comprehension", "set_comprehension", "generator_expression"})
_DYNAMIC_IMPORT = frozenset({"importlib.import_module", "import_module", "__import__"})
_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "\\": "\\",
    "'": "'",
    '"': '"',
    "0": "\0",
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "v": "\v",
    "\n": "",
}


def decode_escape(text: str) -> str | None:
    """The character a Python escape sequence stands for (None: not decoded)."""
    body = text[1:]
    if body in _ESCAPES:
        return _ESCAPES[body]
    try:
        if body[:1] in ("x", "u", "U"):
            code = int(body[1:], 16)
        elif body[:1].isdigit():
            code = int(body, 8)
        else:
            return None
    except ValueError:
        return None
    # A lone surrogate cannot be stored (UTF-8): keep the escape as written.
    return None if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF else chr(code)


class FlowCollector(FlowBuilder):
    """Gathers the bodies during the sweep; converts them all in `finish`."""

    def __init__(self, b: GraphBuilder, pattern_aliases: Mapping[str, str]) -> None:
        super().__init__(b)
        self.functions: list[tuple[ts.Node, Scope, Scope]] = []
        #: Module-level type aliases declaring a pattern (py_patterns.pattern_aliases).
        self._pattern_aliases = pattern_aliases
        #: Module-level names of a scalar type (`Region = Literal["eu", "us"]`).
        self._scalar_aliases: frozenset[str] = frozenset()
        #: (class path, name) -> what the class body assigns it: a literal, a dotted
        #: name (`_Dotted`), or `_NOT` (something else, or more than once).
        self._class_attrs: dict[tuple[str, str], Any] = {}
        #: Attribute names some statement of the file assigns to an object other
        #: than a method's `self` (`x.name = ...`), and (class path, name) for
        #: those a method assigns on its `self`.
        self._stored_attrs: set[str] = set()
        self._self_stores: set[tuple[str, str]] = set()
        #: Whether the file calls `setattr` (any attribute may then be written).
        self._setattr: bool | None = None
        #: (class path, name) -> the arguments of the call the class body assigns
        #: it once, by slot ("0", "resolve_entities"): the literal ones
        #: (`parser = etree.XMLParser(resolve_entities=True)`), and the callees of
        #: those that are calls (`autoescape=select_autoescape(["html"])`); None
        #: when assigned more than once.
        self._class_calls: dict[tuple[str, str], tuple[dict[str, Any], dict[str, str]] | None] = {}

    def function(self, node: ts.Node, scope: Scope, parent: Scope) -> None:
        """The sweep opened function `scope` (syntax `node`) inside `parent`."""
        self.functions.append((node, scope, parent))

    def assignment(self, node: ts.Node, scope: Scope, stack: list[Scope]) -> None:
        """The sweep met an assignment (or an augmented one) in `scope` (`stack`:
        the scopes around it): a class body's constants, and which attributes
        the file writes."""
        owner = stack[-2] if len(stack) >= 2 and scope.kind == "function" else None
        left = node.child_by_field_id(_F_LEFT)
        right = node.child_by_field_id(_F_RIGHT)
        if left is None:
            return
        targets = (
            [left]
            if left.type not in ("pattern_list", "tuple_pattern", "list_pattern")
            else left.named_children
        )
        simple = (
            len(targets) == 1
            and node.type == "assignment"
            and right is not None
            and right.type != "assignment"
        )
        for t in targets:
            if t.type == "attribute":
                attr = t.child_by_field_id(_F_ATTRIBUTE)
                obj = t.child_by_field_id(_F_OBJECT)
                if attr is None:
                    continue
                if (
                    owner is not None
                    and owner.kind == "class"
                    and obj is not None
                    and self._text(obj) == "self"
                ):
                    self._self_stores.add((owner.id_path, self._text(attr)))
                else:
                    self._stored_attrs.add(self._text(attr))
            elif t.type == "identifier" and scope.kind == "class":
                key = (scope.id_path, self._text(t))
                value = _NOT
                first = key not in self._class_attrs
                if simple and first and right is not None:
                    value = self._literal(right)
                    if value is _NOT and right.type == "attribute":
                        value = _Dotted(self._text(right))
                    elif value is _NOT and right.type in _DISPLAYS:
                        value = self._display(right)
                self._class_attrs[key] = value
                if simple and first and right is not None and right.type == "call":
                    self._class_calls[key] = self._call_arguments(right)
                elif key in self._class_calls:
                    self._class_calls[key] = None

    def _call_arguments(self, call: ts.Node) -> tuple[dict[str, Any], dict[str, str]]:
        """A call's arguments that are literals, and the callees (a name or a dotted
        name) of those that are calls, by slot (position or keyword)."""
        literals: dict[str, Any] = {}
        calls: dict[str, str] = {}
        args = call.child_by_field_id(_F_ARGUMENTS)
        position = 0
        for arg in args.named_children if args is not None else ():
            if arg.type == "comment":
                continue
            if arg.type == "keyword_argument":
                name = arg.child_by_field_id(_F_NAME)
                value = arg.child_by_field_id(_F_VALUE)
                slot = self._text(name) if name is not None else ""
            elif arg.type in ("list_splat", "dictionary_splat"):
                break  # the slots after it are unknown
            else:
                value, slot = arg, str(position)
                position += 1
            if value is None or not slot:
                continue
            literal = self._literal(value)
            if literal is not _NOT and literal is not None:
                literals[slot] = literal
            elif value.type == "call":
                callee = value.child_by_field_id(_F_FUNCTION)
                if callee is not None and callee.type in ("identifier", "attribute"):
                    calls[slot] = self._text(callee)
        return literals, calls

    def _class_attribute_values(self) -> None:
        """On each class attribute's variable assigned a call once: its literal
        arguments (`assigned_consts`) and the callees of its arguments that are
        calls (`assigned_arg_calls`), which decide what the object is (a parser
        resolving entities, a template environment escaping) where a method reads it. On one assigned a literal
        once, by one class of the file, and never written on an object
        (`self.x = ...`, `o.x = ...`, `setattr`): the literal (`assigned_literal`,
        `resolve_external = True`), which a sink's condition may read."""
        for (path, name), arguments in self._class_calls.items():
            if arguments is None or not any(arguments):
                continue
            var = self.node_by_id(definition_id(self.b.file, NodeType.VARIABLE, f"{path}.{name}"))
            if var is not None and "assigned_call" in var.attrs:
                consts, calls = arguments
                if consts:
                    var.attrs["assigned_consts"] = consts
                if calls:
                    var.attrs["assigned_arg_calls"] = calls
        if self._setattr is None:
            self._setattr = b"setattr" in self.b.src.data
        if self._setattr:
            return
        classes_by_name: dict[str, list[str]] = {}
        for path, name in self._class_attrs:
            classes_by_name.setdefault(name, []).append(path)
        for (path, name), value in self._class_attrs.items():
            if (
                value is _NOT
                or value is None
                or isinstance(value, _Dotted)
                or self._overridden_here(path, classes_by_name[name])
                or name in self._stored_attrs
                or any(stored == name for _, stored in self._self_stores)
            ):
                continue
            var = self.node_by_id(definition_id(self.b.file, NodeType.VARIABLE, f"{path}.{name}"))
            if var is not None:
                var.attrs["assigned_literal"] = (
                    list(value) if isinstance(value, _Display) else value
                )

    def _overridden_here(self, path: str, others: list[str]) -> bool:
        """Whether a class of the file that assigns the same attribute is a base or a
        subclass of class `path` (`shell = False` in a base, `True` in a subclass:
        a method of the base reads either). Unrelated classes that each assign
        it (`content_type` of two renderers) keep their own."""
        short = path.rsplit(".", 1)[-1]
        bases = self._bases(path)
        return any(
            other != path and (other.rsplit(".", 1)[-1] in bases or short in self._bases(other))
            for other in others
        )

    def attribute_constant(self, body: Body, e: list[Any]) -> Any:
        values = self._class_attribute(body, e)
        if values is None or any(isinstance(v, _Dotted | _Display) for v in values):
            return None
        return frozenset(values)

    def attribute_constant_name(self, body: Body, e: Any) -> str | None:
        if not (isinstance(e, list) and e and e[0] == ir.ATTR and e[1] == [ir.NAME, "self"]):
            return None
        values = self._class_attribute(body, e)
        if values is None or len(values) != 1 or not isinstance(values[0], _Dotted):
            return None
        return values[0].text

    def _class_attribute(self, body: Body, e: list[Any]) -> list[Any] | None:
        """`self.X` in a method of class C: what C's body assigns X (else the
        bases' of the file that assign it), joined with what the file's
        subclasses of C assign it. None when a method of C, of its bases or of
        those subclasses assigns `self.X`, when the file writes an attribute X
        of another object or calls `setattr`, or when a class assigns X otherwise."""
        attr = e[2]
        if body.kind != "METHOD" or attr in self._stored_attrs or not self._class_attrs:
            return None
        if self._setattr is None:
            self._setattr = b"setattr" in self.b.src.data
        if self._setattr:
            return None
        owner = body.id_path.rsplit(".", 1)[0]
        classes = [owner]
        if (owner, attr) not in self._class_attrs:
            classes = [b for b in self._bases(owner) if (b, attr) in self._class_attrs][:1]
            if not classes:
                return None
        short = owner.rsplit(".", 1)[-1]
        for (path, name), _ in self._class_attrs.items():
            if name == attr and path != owner and short in self._bases(path):
                classes.append(path)
        related = {*classes, owner, *self._bases(owner)}
        if any((c, attr) in self._self_stores for c in related):
            return None
        values: list[Any] = []
        for c in classes:
            v = self._class_attrs[(c, attr)]
            if v is _NOT:
                return None
            if v not in values:
                values.append(v)
        return values

    def _bases(self, path: str) -> list[str]:
        """The last names of class `path`'s bases."""
        node = self.node_by_id(definition_id(self.b.file, NodeType.CLASS, path))
        bases = node.attrs.get("bases") if node is not None else None
        return [str(x).rsplit(".", 1)[-1] for x in bases] if isinstance(bases, list) else []

    # -- driver -----------------------------------------------------------------------------

    def finish(self, root: ts.Node, module: Scope) -> bytes | None:
        """Convert every body; returns the file's encoded flow facts."""
        mod = Body(module, "MODULE", None)
        self.bodies[module.id_path] = mod
        self._scalar_aliases = self._scalar_aliases_of(root)
        self.emit(mod, self._block(mod, root, 0))
        for node, scope, parent in self.functions:
            # A method's free names skip the class body (as Python's do).
            owner = self.bodies.get(parent.id_path) if parent.kind != "class" else None
            if parent.kind == "class":
                path = parent.id_path
                while owner is None and "." in path:
                    path = path.rsplit(".", 1)[0]
                    owner = self.bodies.get(path)
            owner = owner or mod
            fb = Body(scope, str(parse_id(scope.node_id).kind), owner)
            self.bodies[scope.id_path] = fb
            if owner is not mod:
                owner.nested.append(scope.id_path)
            self._params(fb, node)
            block = node.child_by_field_id(_F_BODY)
            self.emit(fb, self._block(fb, block, 0) if block is not None else [])
        self._class_attribute_values()
        return self.encoded()

    def _scalar_aliases_of(self, root: ts.Node) -> frozenset[str]:
        """The module's type aliases of a scalar type (`Region = Literal["eu", "us"]`,
        `Region: TypeAlias = ...`, `type Region = ...`): a route parameter declared
        with one is that scalar too."""
        names: set[str] = set()
        for stmt in root.named_children:
            node = stmt
            if stmt.type == "expression_statement" and stmt.named_child_count:
                node = stmt.named_children[0]
            if node.type == "assignment":
                left, right = node.child_by_field_id(_F_LEFT), node.child_by_field_id(_F_RIGHT)
            elif node.type == "type_alias_statement":
                left = node.named_children[0] if node.named_child_count > 1 else None
                right = node.named_children[-1] if node.named_child_count > 1 else None
            else:
                continue
            if left is None or right is None or left.type not in ("identifier", "type"):
                continue
            if erase_py(self._text(right)) in ir.SCALAR_ANNOTATIONS:
                names.add(self._text(left))
        return frozenset(names)

    def _params(self, fb: Body, node: ts.Node) -> None:
        params = node.child_by_field_id(_F_PARAMETERS)
        file, path = self.b.file, fb.id_path
        out: list[list[Any]] = []
        keyword_only = False
        for p in params.named_children if params is not None else ():
            t = p.type
            kind = ir.P_KEYWORD if keyword_only else ir.P_POSITIONAL
            if t == "keyword_separator":
                keyword_only = True
                continue
            if t == "list_splat_pattern":
                name = "*" + self._text(p.named_children[0]) if p.named_child_count else ""
                kind, keyword_only = ir.P_VARARGS, True
            elif t == "dictionary_splat_pattern":
                name = "**" + self._text(p.named_children[0]) if p.named_child_count else ""
                kind = ir.P_KWARGS
            elif t == "identifier":
                name = self._text(p)
            elif t in ("default_parameter", "typed_default_parameter"):
                n = p.child_by_field_id(_F_NAME)
                name = self._text(n) if n is not None else ""
            elif t == "typed_parameter":
                inner = p.named_children[0] if p.named_child_count else None
                if inner is not None and inner.type == "list_splat_pattern":
                    name = "*" + self._text(inner.named_children[0])
                    kind, keyword_only = ir.P_VARARGS, True
                elif inner is not None and inner.type == "dictionary_splat_pattern":
                    name = "**" + self._text(inner.named_children[0])
                    kind = ir.P_KWARGS
                else:
                    name = self._text(inner) if inner is not None else ""
            else:
                continue
            if not name:
                continue
            entry: list[Any] = [name, kind]
            if t in ("typed_parameter", "typed_default_parameter") and kind in (
                ir.P_POSITIONAL,
                ir.P_KEYWORD,
            ):
                ann = p.child_by_field_name("type")
                ann_text = erase_py(self._text(ann)) if ann is not None else ""
                default = p.child_by_field_name("value")
                elements = py_element_types(self._text(ann)) if ann is not None else None
                if ann_text in ir.SCALAR_ANNOTATIONS or ann_text in self._scalar_aliases:
                    entry.append(ir.P_SCALAR)
                elif elements and all(
                    e in ir.SCALAR_ANNOTATIONS or e in self._scalar_aliases for e in elements
                ):
                    # `points: List[int] = Query([])`: the framework converts each
                    # element (422 otherwise); numbers carry no class's data.
                    entry.append(ir.P_SCALAR)
                elif (
                    ann_text in ir.INJECTED_ANNOTATIONS
                    or (
                        default is not None and self._text(default).startswith(ir.INJECTED_DEFAULTS)
                    )
                    or _annotated_dependency(ann, self._text) is not None
                ):
                    entry.append(ir.P_INJECTED)
            elif t == "default_parameter" and kind in (ir.P_POSITIONAL, ir.P_KEYWORD):
                default = p.child_by_field_name("value")
                if default is not None and self._text(default).startswith(ir.INJECTED_DEFAULTS):
                    entry.append(ir.P_INJECTED)
            if len(entry) == 3 and entry[2] == ir.P_INJECTED:
                dependency = self._dependency(p)
                if dependency:
                    entry.append(ir.DEPENDS + dependency)
            if len(entry) == 2 and t in ("default_parameter", "typed_default_parameter"):
                entry.append(ir.P_DEFAULTED)
            if t in ("default_parameter", "typed_default_parameter"):
                value = p.child_by_field_name("value")
                literal = self._literal(value) if value is not None else _NOT
                if literal is not _NOT:
                    fb.defaults[name] = literal
                elif value is not None and entry[2:3] != [ir.P_INJECTED]:
                    if value.type in ("attribute", "identifier") and _DOTTED_NAME.fullmatch(
                        self._text(value)
                    ):
                        # `loader=yaml.SafeLoader`: a library's name a sink's condition
                        # may ask for, which a call leaving the parameter out gives it
                        # (a one-item list: literals are never lists).
                        fb.defaults[name] = [self._text(value)]
                    self.parameter_default(
                        fb,
                        scoped_id(file, NodeType.PARAMETER, path, name),
                        functools.partial(self._expr, fb, value, 0),
                    )
            declared = p.child_by_field_name("type")
            if (
                t in ("typed_parameter", "typed_default_parameter")
                and kind in (ir.P_POSITIONAL, ir.P_KEYWORD)
                and (declared is None or self._text(declared) not in self._pattern_aliases)
            ):
                # (`name: Slug` of `Slug = Annotated[str, Query(pattern=...)]` is no class.)
                self._class_annotation(p, entry)
            if (
                len(entry) <= 3
                and entry[2:3] != [ir.P_INJECTED]
                and kind
                in (
                    ir.P_POSITIONAL,
                    ir.P_KEYWORD,
                )
            ):
                # `q: str = Query(pattern=r"^[a-z]+$")`, `Annotated[str, Query(...)]`:
                # the framework answers 422 to a value the pattern does not match.
                pattern = declared_pattern(
                    p.child_by_field_name("value"), self.b.src
                ) or declared_pattern(declared, self.b.src, self._pattern_aliases)
                if pattern is not None:
                    entry.extend([ir.P_NO_FLAG] * (3 - len(entry)))
                    entry.append(ir.PATTERN + pattern)
            out.append(entry)
            fb.params[name.lstrip("*")] = scoped_id(file, NodeType.PARAMETER, path, name)
        fb.param_list = out

    def _dependency(self, p: ts.Node) -> str:
        """The function or class a `Depends(fn)` default names (a plain name); for
        `Depends()`, the class the parameter is declared as (FastAPI calls it);
        else ""."""
        default = p.child_by_field_name("value")
        if (
            default is None
            or default.type != "call"
            or not self._text(default).startswith(ir.INJECTED_DEFAULTS)
        ):
            # `order_by: Annotated[str, Depends(ordering)]`: the call in the annotation.
            default = _annotated_dependency(p.child_by_field_name("type"), self._text)
        if default is None:
            return ""
        func = default.child_by_field_name("function")
        if func is None or self._text(func) not in ("Depends", "fastapi.Depends"):
            return ""
        args = default.child_by_field_name("arguments")
        first = args.named_children[0] if args is not None and args.named_child_count else None
        if first is None:
            # `Depends()`: the class declared (`card: Annotated[Card, Depends()]`: Card).
            ann = p.child_by_field_name("type")
            declared = erase_py(self._text(ann)) if ann is not None else None
            return declared if declared is not None and declared.isidentifier() else ""
        return self._text(first) if first.type == "identifier" else ""

    def _class_annotation(self, p: ts.Node, entry: list[Any]) -> None:
        """Keep a parameter's annotation when it names a class (`body: Order`): the
        interpreter reads the declared types of its fields (a validated model)."""
        if len(entry) > 2 and entry[2] not in (ir.P_DEFAULTED,):
            return  # a number, or an object the framework hands in
        ann = p.child_by_field_name("type")
        written = self._text(ann) if ann is not None else ""
        text = erase_py(written) or ""
        if text in ir.RAW_OBJECT_ANNOTATIONS and (
            "[" not in written
            or written.rstrip(" ]").endswith(ir.RAW_VALUE_TYPES)
            or text in ir.JSON_SCALARS
        ):
            # `payload: dict[str, Any]`: not `dict[str, str]`, whose values are text.
            text = ir.RAW_OBJECT
        elif not all(part.isidentifier() for part in text.split(".")) or not (
            text.rpartition(".")[2][:1].isupper()
        ):
            # A class, maybe a module's (`aiohttp.ClientSession`: the interpreter
            # gives a parameter so typed a library's object when nothing else).
            return
        if len(entry) == 2:
            entry.append(ir.P_NO_FLAG)
        entry.append(text)

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
        if callee is None:
            if isinstance(func, list) and func and func[0] == ir.CALL:
                self._getattr_target(node, func, lookup, body)
            elif isinstance(func, list) and func and func[0] == ir.SUB:
                self._dispatch_target(node, func, lookup, body)
            return
        if callee in _DYNAMIC_IMPORT and not _locally_bound(body, callee.split(".")[0]):
            first = fold(args[0], lookup) if args else None
            if first is not None and len(first) == 1:
                value = next(iter(first))
                if isinstance(value, str) and value and not value.startswith("."):
                    node.attrs["imports"] = value
                    return
            node.attrs["dynamic"] = True
        elif callee == "getattr" and not _locally_bound(body, "getattr") and len(args) >= 2:
            name = fold(args[1], lookup)
            if name is None or len(name) != 1 or not isinstance(next(iter(name)), str):
                node.attrs["dynamic"] = True

    def _getattr_target(
        self, node: Node, func: list[Any], lookup: Callable[[str], Domain], body: Body
    ) -> None:
        """`getattr(obj, "name")(...)`: the call calls `obj.name`."""
        inner_func, inner_args = func[2], func[3]
        if dotted(inner_func) != "getattr" or len(inner_args) < 2:
            return
        if _locally_bound(body, "getattr"):
            return
        obj = dotted(inner_args[0])
        name = fold(inner_args[1], lookup)
        if obj is None or name is None or len(name) != 1:
            return
        value = next(iter(name))
        if isinstance(value, str) and value.isidentifier():
            self.retarget(node, f"{obj}.{value}", value, obj)

    def _dispatch_target(
        self, node: Node, func: list[Any], lookup: Callable[[str], Domain], body: Body
    ) -> None:
        """`HANDLERS["key"](...)` on a module dict literal of names: the call calls the named one."""
        obj = func[1]
        if not (isinstance(obj, list) and obj and obj[0] == ir.NAME) or _locally_bound(
            body, obj[1]
        ):
            return
        table = self.module_dicts.get(obj[1])
        if table is None:
            return
        key = fold(func[2], lookup)
        if key is None or len(key) != 1:
            node.attrs["dynamic"] = True
            return
        target = table.get(next(iter(key)))
        if target is not None:
            self.retarget(node, target, target.rsplit(".", 1)[-1], None)

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
        t = node.type
        body.stmt = node
        if t == "expression_statement":
            for child in node.named_children:
                self._expression_statement(body, child, out, depth)
        elif t == "return_statement":
            value = node.named_children[0] if node.named_child_count else None
            e = self._expr(body, value, depth) if value is not None else None
            self.returns(body, e)
            out.append([ir.RETURN, e, self.site(body, node)])
        elif t == "if_statement":
            out.append(self._if(body, node, depth))
        elif t == "for_statement":
            target = node.child_by_field_id(_F_LEFT)
            it = self._expr(body, node.child_by_field_id(_F_RIGHT), depth)
            loop = [ir.ASSIGN, self._target(body, target, [ir.ELEM, it], target), [ir.ELEM, it]]
            inner = [loop, *self._suite(body, node.child_by_field_id(_F_BODY), depth)]
            out.append([ir.LOOP, None, inner, self._alternative(body, node, depth)])
        elif t == "while_statement":
            test = self._expr(body, node.child_by_field_id(_F_CONDITION), depth)
            inner = self._suite(body, node.child_by_field_id(_F_BODY), depth)
            out.append([ir.LOOP, test, inner, self._alternative(body, node, depth)])
        elif t == "try_statement":
            out.append(self._try(body, node, depth))
        elif t == "break_statement":
            out.append([ir.JUMP, "break"])
        elif t == "continue_statement":
            out.append([ir.JUMP, "continue"])
        elif t == "with_statement":
            self._with(body, node, out, depth)
        elif t == "match_statement":
            out.append(self._match(body, node, depth))
        elif t == "raise_statement":
            # `raise E(x) from cause`: the handler that catches it reads E(x).
            raised = node.named_children[:1]
            for child in node.named_children[1:]:
                e = self._expr(body, child, depth)
                if has_call(e):
                    out.append([ir.EXPR, e])
            out.append([ir.STOP, *(self._expr(body, c, depth) for c in raised)])
        elif t == "decorated_definition":
            self._decorated(body, node, out, depth)
        elif t == "class_definition" and body.kind == "MODULE":
            self._class_tables(body, node, out, depth)
        elif t == "function_definition":
            self._nested_def(body, node, out)
        elif t in ("global_statement", "nonlocal_statement"):
            for child in node.named_children:
                if child.type == "identifier":
                    body.globals.add(self._text(child))
        elif t == "assert_statement":
            for child in node.named_children:
                e = self._expr(body, child, depth)
                if has_call(e):
                    out.append([ir.EXPR, e])
        elif t == "delete_statement":
            self._delete(body, node, out)
        elif t == "print_statement" or t == "exec_statement":
            pass

    def _delete(self, body: Body, node: ts.Node, out: list[ir.Stmt]) -> None:
        """`del locations["custom"]`, `del items[0]`: what `pop` does to a dict or a
        list (a later `locations.get("custom", default)` reads no data; the
        items after it move up one place)."""
        for target in node.named_children:
            items = target.named_children if target.type == "expression_list" else [target]
            for item in items:
                keys = item.children_by_field_id(_F_SUBSCRIPT)
                if item.type != "subscript" or len(keys) != 1:
                    continue
                obj = self._expr(body, item.child_by_field_id(_F_VALUE), 0)
                key = self._expr(body, keys[0], 0)
                out.append([ir.EXPR, [ir.CALL, -1, [ir.ATTR, obj, "pop"], [key], []]])

    def _decorated(self, body: Body, node: ts.Node, out: list[ir.Stmt], depth: int) -> None:
        definition = node.child_by_field_id(_F_DEFINITION)
        name_node = definition.child_by_field_id(_F_NAME) if definition is not None else None
        # A module's own function or class handed to a decorator (`@action("ping")`,
        # `@command`): the call runs when the module loads, so a decorator that
        # files it in a module's table (`ACTIONS[name] = fn`, `COMMANDS.append(fn)`)
        # fills that table as a written `ACTIONS = {"ping": do_ping}` would.
        registers = body.kind == "MODULE" and name_node is not None
        for child in node.named_children:
            if child.type != "decorator" or not child.named_child_count:
                continue
            deco = child.named_children[0]
            if deco.type == "attribute" or (deco.type == "identifier" and not registers):
                # `@cached_property`, `@app.before_request`: no call runs here
                # that could file the function; the decorator is read as text.
                # Its words would make the body look as if it read the name's
                # import binding.
                continue
            e = self._expr(body, deco, depth)
            if registers:
                assert name_node is not None
                e = [ir.CALL, -1, e, [[ir.NAME, self._text(name_node)]], []]
            if has_call(e):
                out.append([ir.EXPR, e])
        if definition is not None and definition.type == "function_definition":
            self._nested_def(body, definition, out)

    def _class_tables(self, body: Body, node: ts.Node, out: list[ir.Stmt], depth: int) -> None:
        """`class Exporters: _table = {}` at a module's top level: `Exporters._table`
        holds the container from there on, so a classmethod called on the class
        (`Exporters.register("csv", to_csv)`) files into it what a request reads.
        (Only containers written as literals: the class's other attributes are
        read as constants, `_class_attribute`.)"""
        name_node = node.child_by_field_id(_F_NAME)
        block = node.child_by_field_id(_F_BODY)
        if name_node is None or block is None:
            return
        owner = [ir.NAME, self._text(name_node)]
        for stmt in block.named_children:
            assigned = stmt.named_children[0] if stmt.type == "expression_statement" else None
            if assigned is None or assigned.type != "assignment":
                continue
            left = assigned.child_by_field_id(_F_LEFT)
            right = assigned.child_by_field_id(_F_RIGHT)
            if (
                left is not None
                and left.type == "identifier"
                and right is not None
                and right.type in ("dictionary", "list", "set")
            ):
                value = self._expr(body, right, depth)
                out.append([ir.ASSIGN, [ir.ATTR, owner, self._text(left)], value])
        self._subclass_hook(body, node, owner, out, depth)

    def _subclass_hook(
        self, body: Body, node: ts.Node, owner: list[Any], out: list[ir.Stmt], depth: int
    ) -> None:
        """`class PngConverter(Converter, fmt="png")`: defining it runs its bases'
        `__init_subclass__(cls, fmt="png")` on it, which may file it in a table
        (`Converter.registry[fmt] = cls`) a request reads. Only a class given
        keywords (other than `metaclass`): a hook that takes none has nothing of
        the class's own but the class itself to file."""
        supers = node.child_by_field_id(_F_SUPERCLASSES)
        kwargs: list[list[Any]] = []
        for arg in supers.named_children if supers is not None else ():
            if arg.type != "keyword_argument":
                continue
            key = arg.child_by_field_id(_F_NAME)
            value = arg.child_by_field_id(_F_VALUE)
            if key is None or value is None or self._text(key) == "metaclass":
                continue
            kwargs.append([self._text(key), self._expr(body, value, depth)])
        if kwargs:
            hook = [ir.ATTR, owner, "__init_subclass__"]
            out.append([ir.EXPR, [ir.CALL, -1, hook, [], kwargs]])

    def _nested_def(self, body: Body, node: ts.Node, out: list[ir.Stmt]) -> None:
        name_node = node.child_by_field_id(_F_NAME)
        if name_node is None or body.kind == "MODULE":
            return
        name = self._text(name_node)
        out.append([ir.ASSIGN, [ir.NAME, name], [ir.FUNC, f"{body.id_path}.{name}"]])

    def _suite(self, body: Body, block: ts.Node | None, depth: int) -> list[ir.Stmt]:
        return self._block(body, block, depth + 1) if block is not None else []

    def _alternative(self, body: Body, node: ts.Node, depth: int) -> list[ir.Stmt]:
        alt = node.child_by_field_id(_F_ALTERNATIVE)
        if alt is None:
            return []
        return self._suite(body, alt.child_by_field_id(_F_BODY), depth)

    def _if(self, body: Body, node: ts.Node, depth: int) -> ir.Stmt:
        test = self._expr(body, node.child_by_field_id(_F_CONDITION), depth)
        then = self._suite(body, node.child_by_field_id(_F_CONSEQUENCE), depth)
        alts = node.children_by_field_id(_F_ALTERNATIVE)
        return [ir.IF, test, then, self._elifs(body, alts, 0, depth + 1)]

    def _elifs(self, body: Body, alts: list[ts.Node], i: int, depth: int) -> list[ir.Stmt]:
        if i >= len(alts) or depth > MAX_DEPTH:
            return []
        alt = alts[i]
        if alt.type == "else_clause":
            return self._suite(body, alt.child_by_field_id(_F_BODY), depth)
        # The clause holds what its condition binds (`elif (m := ...)`); the
        # statement seen last is the one that ended the suite above it.
        body.stmt = alt
        test = self._expr(body, alt.child_by_field_id(_F_CONDITION), depth)
        then = self._suite(body, alt.child_by_field_id(_F_CONSEQUENCE), depth)
        return [[ir.IF, test, then, self._elifs(body, alts, i + 1, depth + 1)]]

    def _try(self, body: Body, node: ts.Node, depth: int) -> ir.Stmt:
        main = self._suite(body, node.child_by_field_id(_F_BODY), depth)
        handlers: list[list[ir.Stmt]] = []
        orelse: list[ir.Stmt] = []
        final: list[ir.Stmt] = []
        for child in node.named_children:
            if child.type in ("except_clause", "except_group_clause"):
                h: list[ir.Stmt] = []
                for part in child.named_children:
                    if part.type == "as_pattern":
                        alias = part.child_by_field_id(_F_ALIAS)
                        if alias is not None and alias.named_child_count:
                            caught = [ir.OPAQUE, ir.CAUGHT]
                            target = self._target(body, alias.named_children[0], caught, child)
                            h.append([ir.ASSIGN, target, caught])
                    elif part.type == "block":
                        h.extend(self._block(body, part, depth + 1))
                handlers.append(h)
            elif child.type == "else_clause":
                orelse = self._suite(body, child.child_by_field_id(_F_BODY), depth)
            elif child.type == "finally_clause":
                for part in child.named_children:
                    if part.type == "block":
                        final = self._block(body, part, depth + 1)
        return [ir.TRY, main, handlers, orelse, final]

    def _with(self, body: Body, node: ts.Node, out: list[ir.Stmt], depth: int) -> None:
        # The names bound by `as` to an object the statement made: its `__exit__`
        # runs when the block ends (an audit trail writing its file there).
        exits: list[str] = []
        for clause in node.named_children:
            if clause.type != "with_clause":
                continue
            for item in clause.named_children:
                value = item.child_by_field_id(_F_VALUE)
                if value is None:
                    continue
                if value.type == "as_pattern":
                    inner = value.named_children[0] if value.named_child_count else None
                    e = self._expr(body, inner, depth)
                    alias = value.child_by_field_id(_F_ALIAS)
                    if alias is not None and alias.named_child_count:
                        target = self._target(body, alias.named_children[0], e, item)
                        # `as` binds what `__enter__` returns (the engine reads a
                        # call without a CALL node, index -1, as the object itself
                        # unless its class defines `__enter__`).
                        out.append(
                            [ir.ASSIGN, target, [ir.CALL, -1, [ir.ATTR, e, "__enter__"], [], []]]
                        )
                        if target[0] == ir.NAME and isinstance(e, list) and e[0] == ir.CALL:
                            exits.append(target[1])
                    else:
                        out.append([ir.EXPR, e])
                else:
                    out.append([ir.EXPR, self._expr(body, value, depth)])
        out.extend(self._suite(body, node.child_by_field_id(_F_BODY), depth))
        for name in reversed(exits):
            leave = [ir.ATTR, [ir.NAME, name], "__exit__"]
            out.append([ir.EXPR, [ir.CALL, -1, leave, [None, None, None], []]])

    def _match(self, body: Body, node: ts.Node, depth: int) -> ir.Stmt:
        subject = self._expr(body, node.child_by_field_id(_F_SUBJECT), depth)
        block = node.child_by_field_id(_F_BODY)
        cases = block.named_children if block is not None else []
        chain: list[ir.Stmt] = []
        for case in reversed([c for c in cases if c.type == "case_clause"]):
            consequence = self._suite(body, case.child_by_field_id(_F_CONSEQUENCE), depth)
            guard = case.child_by_field_id(_F_GUARD)
            if guard is not None and guard.named_child_count:
                # `case {"user": str(name)} if re.fullmatch(P, name):` the body runs
                # when the guard holds of what the pattern captured (when it fails,
                # a later case may match: the chain's other branch).
                # (Converted after the case's body: a walrus in it, `if (n :=
                # len(rest)) > 1`, is bound by the guard, not the body's last statement.)
                after_body, body.stmt = body.stmt, guard
                test_ir = self._expr(body, guard.named_children[0], depth)
                body.stmt = after_body
                # Where the guard fails the later cases are tried: a copy of them
                # (a small one: `case _: return error`; larger ones are left out,
                # as the copies would double with each guarded case).
                later = list(chain) if _ir_size(chain, 0) <= _MAX_COPIED_CASES else []
                consequence = [[ir.IF, test_ir, consequence, later]]
            patterns = [c for c in case.named_children if c.type == "case_pattern"]
            test: Any = ir.UNKNOWN
            # One pattern (`case a, b:` is one sequence pattern per item: not read).
            values, captured, wildcard = (
                self._case_pattern(patterns[0]) if len(patterns) == 1 else ([], [], False)
            )
            # A capture of literal alternatives (`case "a" | "b" as k`) is one of them.
            bound: Any = subject
            if values:
                bound = values[-1]
                for v in reversed(values[:-1]):
                    bound = [ir.COND, ir.UNKNOWN, v, bound]
            structured = self._structure_captures(patterns[0], subject, 0) if patterns else []
            consequence = (
                [[ir.ASSIGN, self._target(body, n, bound, case), bound] for n in captured]
                + [[ir.ASSIGN, self._target(body, n, at, case), at] for n, at in structured]
                + consequence
            )
            if wildcard and not case.child_by_field_id(_F_GUARD):
                chain = consequence
                continue
            if len(values) == 1:
                test = [ir.BIN, "==", subject, values[0]]
            elif values:
                # `case "a" | "b":` is an allow-list check of the subject.
                test = [ir.BIN, "in", subject, [ir.SEQ, 1, values]]
            chain = [[ir.IF, test, consequence, chain]]
        return chain[0] if len(chain) == 1 else [ir.IF, True, chain, []]

    def _structure_captures(self, p: ts.Node, at: Any, depth: int) -> list[tuple[ts.Node, Any]]:
        """The names a mapping or class pattern captures, each with the part of the
        subject it is (`case {"user": str(name)}`: name is `subject["user"]`;
        `case Backup(target=t)`: t is `subject.target`; `int(n)` holds a number)."""
        inner = p.named_children[0] if p.type == "case_pattern" and p.named_child_count else p
        if depth > 6:
            return []
        t = inner.type
        if t == "dotted_name" and inner.named_child_count == 1 and depth:
            name = inner.named_children[0]
            return [] if self._text(name) == "_" else [(name, at)]
        out: list[tuple[ts.Node, Any]] = []
        if t == "dict_pattern":
            keys = inner.children_by_field_id(_F_KEY)
            values = inner.children_by_field_id(_F_VALUE)
            for key, value in zip(keys, values):
                literal = self._literal(key)
                if literal is not _NOT:
                    out.extend(self._structure_captures(value, [ir.SUB, at, literal], depth + 1))
        elif t in ("list_pattern", "tuple_pattern"):
            # `case {"args": [service]}`: service is `subject["args"][0]`; after a
            # `*rest` items count from the end, and rest holds some of the items.
            items = inner.named_children
            after_splat = False
            for i, item in enumerate(items):
                sub = item.named_children[0] if item.named_child_count == 1 else item
                if sub.type == "splat_pattern":
                    after_splat = True
                    rest = sub.named_children[0] if sub.named_child_count else None
                    if rest is not None and rest.type == "identifier" and self._text(rest) != "_":
                        out.append((rest, at))
                    continue
                index = i - len(items) if after_splat else i
                out.extend(self._structure_captures(item, [ir.SUB, at, index], depth + 1))
        elif t == "class_pattern":
            cls = self._text(inner.named_children[0]) if inner.named_child_count else ""
            for arg in inner.named_children[1:]:
                sub = arg.named_children[0] if arg.named_child_count == 1 else arg
                if sub.type == "keyword_pattern" and sub.named_child_count == 2:
                    attr = self._text(sub.named_children[0])
                    out.extend(
                        self._structure_captures(
                            sub.named_children[1], [ir.ATTR, at, attr], depth + 1
                        )
                    )
                elif cls in _SELF_MATCHING:
                    # `str(name)` captures the subject itself, known to be text (never
                    # an object a NoSQL filter takes as operators); `int(n)` a number.
                    whole = (
                        ir.UNKNOWN
                        if cls in _NUMBER_PATTERNS
                        else [ir.CALL, -1, [ir.NAME, "str"], [at], []]
                        if cls == "str"
                        else at
                    )
                    out.extend(self._structure_captures(arg, whole, depth + 1))
        return out

    def _case_pattern(self, p: ts.Node) -> tuple[list[Any], list[ts.Node], bool]:
        """A `case` pattern's literal alternatives (`"a" | "b"`; [] if it is not made
        of literals), the names it captures (`case other`, `... as x`), and whether
        it matches anything (`_`, a capture)."""
        if self._text(p) == "_":
            return [], [], True
        captured: list[ts.Node] = []
        inner = p.named_children[0] if p.named_child_count == 1 else None
        if inner is not None and inner.type == "as_pattern":
            # `case str() as custom`: custom is the subject (what the pattern before
            # `as` proves, it proves of custom too).
            name = inner.named_children[-1]
            if name.type == "identifier":
                captured.append(name)
            first = inner.named_children[0] if inner.named_child_count > 1 else None
            inner = (
                first.named_children[0]
                if first is not None
                and first.type == "case_pattern"
                and first.named_child_count == 1
                else None
            )
        if inner is None:
            return [], captured, False
        if inner.type == "dotted_name" and inner.named_child_count == 1:
            # `case other:` captures whatever is left.
            return [], [*captured, inner.named_children[0]], True
        alts = inner.named_children if inner.type == "union_pattern" else [inner]
        values = [self._literal(alt) for alt in alts]
        return ([] if _NOT in values else values), captured, False

    def _expression_statement(
        self, body: Body, node: ts.Node, out: list[ir.Stmt], depth: int
    ) -> None:
        t = node.type
        if t == "assignment":
            self._assignment(body, node, out, depth)
        elif t == "augmented_assignment":
            left = node.child_by_field_id(_F_LEFT)
            right = self._expr(body, node.child_by_field_id(_F_RIGHT), depth)
            op_node = node.child_by_field_id(_F_OPERATOR)
            op = self._text(op_node)[:-1] if op_node is not None else "+"
            target = self._target(body, left, right, body.stmt)
            out.append([ir.AUG, op, target, right])
        elif t == "yield":
            # `yield log, cmd` yields a tuple (an expression_list: `_SEQ_KIND`).
            value = node.named_children[0] if node.named_child_count else None
            e = self._expr(body, value, depth) if value is not None else None
            if e is not None and any(c.type == "from" for c in node.children):
                # `yield from it`: each of its elements (JavaScript's `yield*`).
                e = [ir.ELEM, e]
            self.returns(body, e)
            out.append([ir.YIELD, e, self.site(body, node)])
        else:
            e = self._expr(body, node, depth)
            if isinstance(e, list) and e[0] != ir.NAME and e[0] != ir.OPAQUE:
                out.append([ir.EXPR, e])

    def _assignment(self, body: Body, node: ts.Node, out: list[ir.Stmt], depth: int) -> None:
        targets = [node.child_by_field_id(_F_LEFT)]
        right = node.child_by_field_id(_F_RIGHT)
        while right is not None and right.type == "assignment":  # a = b = value
            targets.append(right.child_by_field_id(_F_LEFT))
            right = right.child_by_field_id(_F_RIGHT)
        if right is None:
            return  # an annotation without a value
        if right.type == "yield":
            value = right.named_children[0] if right.named_child_count else None
            ye = self._expr(body, value, depth) if value is not None else None
            if ye is not None and any(c.type == "from" for c in right.children):
                ye = [ir.ELEM, ye]
            self.returns(body, ye)
            out.append([ir.YIELD, ye, self.site(body, right)])
            e: Any = ir.UNKNOWN
        else:
            e = self._expr(body, right, depth)
        for left in targets:
            if left is None:
                continue
            target = self._target(body, left, e, node)
            if target[0] in (ir.ATTR, ir.SUB):
                out.append([ir.ASSIGN, target, e, self.site(body, node)])
            else:
                out.append([ir.ASSIGN, target, e])

    # -- targets and their edges ----------------------------------------------------------------

    def _target(self, body: Body, node: ts.Node | None, value: Any, stmt: ts.Node | None) -> Any:
        """An assignment target's IR; binds its names and records its flow edges."""
        if node is None:
            return ir.UNKNOWN
        t = node.type
        if t == "identifier":
            name = self._text(node)
            self.bind(body, name, node, stmt, value)
            return [ir.NAME, name]
        if t in ("pattern_list", "tuple_pattern", "list_pattern", "tuple", "list"):
            items = [c for c in node.named_children if c.type != "comment"]
            pairwise = (
                isinstance(value, list)
                and value[0] == ir.SEQ
                and len(value[2]) == len(items)
                and not any(isinstance(v, list) and v[0] == ir.STAR for v in value[2])
            )
            out = []
            for i, item in enumerate(items):
                sub = value[2][i] if pairwise else [ir.ELEM, value]
                if item.type in ("list_splat_pattern", "list_splat"):
                    inner = item.named_children[0] if item.named_child_count else None
                    out.append([ir.STAR, self._target(body, inner, value, stmt)])
                else:
                    out.append(self._target(body, item, sub, stmt))
            return [ir.SEQ, 1, out]
        if t == "attribute":
            obj = self._expr(body, node.child_by_field_id(_F_OBJECT), 0)
            attr = self._text(node.child_by_field_id(_F_ATTRIBUTE))
            body.words.add(attr)
            self.store_edges(body, obj, attr, value)
            return [ir.ATTR, obj, attr]
        if t == "subscript":
            obj = self._expr(body, node.child_by_field_id(_F_VALUE), 0)
            keys = node.children_by_field_id(_F_SUBSCRIPT)
            key = self._expr(body, keys[0], 0) if len(keys) == 1 else ir.UNKNOWN
            self.store_edges(body, obj, None, value, key)
            return [ir.SUB, obj, key]
        if t == "parenthesized_expression" and node.named_child_count:
            return self._target(body, node.named_children[0], value, stmt)
        return ir.UNKNOWN

    # -- expressions ----------------------------------------------------------------------------

    def _expr(self, body: Body, node: ts.Node | None, depth: int) -> Any:
        if node is None or depth > MAX_DEPTH:
            return ir.UNKNOWN
        t = node.type
        if t == "identifier":
            name = self.data[node.start_byte : node.end_byte].decode("utf-8", "replace")
            body.words.add(name)
            return [ir.NAME, name]
        if t == "attribute":
            attr = self._text(node.child_by_field_id(_F_ATTRIBUTE))
            body.words.add(attr)
            return [ir.ATTR, self._expr(body, node.child_by_field_id(_F_OBJECT), depth + 1), attr]
        if t == "call":
            return self._call(body, node, depth + 1)
        convert = _EXPRS.get(t)
        return convert(self, body, node, depth + 1) if convert is not None else ir.UNKNOWN

    # One method per other kind of expression (`_EXPRS`); `d` is the depth inside it.

    def _x_string(self, body: Body, node: ts.Node, d: int) -> Any:
        return self._string(body, node, d)

    def _x_literal(self, body: Body, node: ts.Node, d: int) -> Any:
        v = self._literal(node)
        return ir.UNKNOWN if v is _NOT else v

    def _x_subscript(self, body: Body, node: ts.Node, d: int) -> Any:
        keys = node.children_by_field_id(_F_SUBSCRIPT)
        if len(keys) == 1:
            key = self._expr(body, keys[0], d) if keys[0].type != "slice" else self._slice(keys[0])
        else:
            key = ir.UNKNOWN
        return [ir.SUB, self._expr(body, node.child_by_field_id(_F_VALUE), d), key]

    def _slice(self, node: ts.Node) -> Any:
        """`[a:b:c]` with integer bounds (or none) as [OPAQUE, SLICE, a, b, c]; else opaque."""
        bounds: list[Any] = [None]
        for child in node.children:
            if child.type == ":":
                bounds.append(None)
                continue
            v = self._literal(child)
            if not isinstance(v, int) or isinstance(v, bool) or bounds[-1] is not None:
                return ir.UNKNOWN
            bounds[-1] = v
        if len(bounds) > 3:
            return ir.UNKNOWN
        bounds += [None] * (3 - len(bounds))
        return [ir.OPAQUE, ir.SLICE, *bounds]

    def _x_binary(self, body: Body, node: ts.Node, d: int) -> Any:
        op_node = node.child_by_field_id(_F_OPERATOR)
        op = self._text(op_node) if op_node is not None else "?"
        left = self._expr(body, node.child_by_field_id(_F_LEFT), d)
        right = self._expr(body, node.child_by_field_id(_F_RIGHT), d)
        return [ir.BIN, op, left, right]

    def _x_boolean(self, body: Body, node: ts.Node, d: int) -> Any:
        op_node = node.child_by_field_id(_F_OPERATOR)
        op = self._text(op_node) if op_node is not None else "and"
        left = self._expr(body, node.child_by_field_id(_F_LEFT), d)
        right = self._expr(body, node.child_by_field_id(_F_RIGHT), d)
        return [ir.BIN, op, left, right]

    def _x_not(self, body: Body, node: ts.Node, d: int) -> Any:
        return [ir.UN, "not", self._expr(body, node.child_by_field_id(_F_ARGUMENT), d)]

    def _x_unary(self, body: Body, node: ts.Node, d: int) -> Any:
        op_node = node.child_by_field_id(_F_OPERATOR)
        op = self._text(op_node) if op_node is not None else "-"
        return [ir.UN, op, self._expr(body, node.child_by_field_id(_F_ARGUMENT), d)]

    def _x_parenthesized(self, body: Body, node: ts.Node, d: int) -> Any:
        inner = [c for c in node.named_children if c.type != "comment"]
        return self._expr(body, inner[0], d) if len(inner) == 1 else ir.UNKNOWN

    def _x_conditional(self, body: Body, node: ts.Node, d: int) -> Any:
        parts = [c for c in node.named_children if c.type != "comment"]
        if len(parts) != 3:
            return ir.UNKNOWN
        if parts[0].type == "named_expression":
            # `(owner := a if c else b)`: tree-sitter-python reads it as `(owner :=
            # a) if c else b`, which Python does not (`:=` takes the whole
            # conditional; the other reading needs parentheses).
            name_node = parts[0].child_by_field_id(_F_NAME)
            a = self._expr(body, parts[0].child_by_field_id(_F_VALUE), d)
            test, b = (self._expr(body, p, d) for p in parts[1:])
            value = [ir.COND, test, a, b]
            if name_node is None:
                return value
            return [ir.WALRUS, self._target(body, name_node, value, body.stmt), value]
        a, test, b = (self._expr(body, p, d) for p in parts)
        return [ir.COND, test, a, b]

    def _x_seq(self, body: Body, node: ts.Node, d: int) -> Any:
        items = [self._item(body, c, d) for c in node.named_children if c.type != "comment"]
        return [ir.SEQ, _SEQ_KIND[node.type], items]

    def _x_dictionary(self, body: Body, node: ts.Node, d: int) -> Any:
        pairs: list[list[Any]] = []
        for c in node.named_children:
            ct = c.type
            if ct == "pair":
                k = self._expr(body, c.child_by_field_id(_F_KEY), d)
                v = self._expr(body, c.child_by_field_id(_F_VALUE), d)
                pairs.append([k, v])
            elif ct == "dictionary_splat" and c.named_child_count:
                pairs.append([None, self._expr(body, c.named_children[0], d)])
        return [ir.DICT, pairs]

    def _x_comprehension(self, body: Body, node: ts.Node, d: int) -> Any:
        return self._comprehension(body, node, d)

    def _x_lambda(self, body: Body, node: ts.Node, d: int) -> Any:
        return self._lambda(body, node, d)

    def _x_await(self, body: Body, node: ts.Node, d: int) -> Any:
        inner = [c for c in node.named_children if c.type != "comment"]
        return self._expr(body, inner[0], d) if inner else ir.UNKNOWN

    def _x_named(self, body: Body, node: ts.Node, d: int) -> Any:
        name_node = node.child_by_field_id(_F_NAME)
        value = self._expr(body, node.child_by_field_id(_F_VALUE), d)
        if name_node is None:
            return value
        target = self._target(body, name_node, value, body.stmt)
        return [ir.WALRUS, target, value]

    def _x_splat(self, body: Body, node: ts.Node, d: int) -> Any:
        if node.named_child_count:
            return [ir.STAR, self._expr(body, node.named_children[0], d)]
        return ir.UNKNOWN

    def _item(self, body: Body, node: ts.Node, depth: int) -> Any:
        if node.type == "list_splat" and node.named_child_count:
            return [ir.STAR, self._expr(body, node.named_children[0], depth)]
        return self._expr(body, node, depth)

    def _comparison(self, body: Body, node: ts.Node, depth: int) -> Any:
        operands_ = [c for c in node.named_children if c.type != "comment"]
        ops = []
        for c in node.children:
            if not c.is_named:
                ops.append(self._text(c))
        # "not in" / "is not" are one token (tree-sitter-python 0.23+) or two (older
        # grammars); the IR spells them `notin` / `isnot` either way.
        merged: list[str] = []
        for op in ops:
            if merged and (merged[-1], op) in (("not", "in"), ("is", "not")):
                merged[-1] = _COMPARE[f"{merged[-1]} {op}"]
            else:
                merged.append(_COMPARE.get(op, op))
        exprs = [self._expr(body, c, depth) for c in operands_]
        if len(exprs) < 2 or len(merged) != len(exprs) - 1:
            return ir.UNKNOWN
        out: Any = [ir.BIN, merged[0], exprs[0], exprs[1]]
        for i in range(1, len(merged)):
            out = [ir.BIN, "and", out, [ir.BIN, merged[i], exprs[i], exprs[i + 1]]]
        return out

    def _comprehension(self, body: Body, node: ts.Node, depth: int) -> Any:
        body_node = node.child_by_field_id(_F_BODY)
        if body_node is not None and body_node.type == "pair":
            elt: Any = [
                ir.DICT,
                [
                    [
                        self._expr(body, body_node.child_by_field_id(_F_KEY), depth),
                        self._expr(body, body_node.child_by_field_id(_F_VALUE), depth),
                    ]
                ],
            ]
        else:
            elt = self._expr(body, body_node, depth)
        gens: list[list[Any]] = []
        for c in node.named_children:
            if c.type == "for_in_clause":
                it = self._expr(body, c.child_by_field_id(_F_RIGHT), depth)
                target = _pattern(self, c.child_by_field_id(_F_LEFT))
                gens.append([target, it, []])
            elif c.type == "if_clause" and gens and c.named_child_count:
                gens[-1][2].append(self._expr(body, c.named_children[0], depth))
        return [ir.COMP, elt, gens]

    def _lambda(self, body: Body, node: ts.Node, depth: int) -> Any:
        params = node.child_by_field_id(_F_PARAMETERS)
        names = []
        for p in params.named_children if params is not None else ():
            if p.type == "identifier":
                names.append(self._text(p))
            elif p.type == "default_parameter":
                n = p.child_by_field_id(_F_NAME)
                if n is not None:
                    names.append(self._text(n))
        return [ir.LAMBDA, names, self._expr(body, node.child_by_field_id(_F_BODY), depth)]

    def _call(self, body: Body, node: ts.Node, depth: int) -> Any:
        call_id = self.b.call_ids.get((node.start_byte, node.end_byte))
        func = self._expr(body, node.child_by_field_id(_F_FUNCTION), depth)
        args_node = node.child_by_field_id(_F_ARGUMENTS)
        args: list[Any] = []
        kwargs: list[list[Any]] = []
        if args_node is not None:
            if args_node.type == "generator_expression":
                args.append(self._expr(body, args_node, depth))
            else:
                data = self.data
                for a in args_node.named_children:
                    at = a.type
                    if at == "identifier" and depth <= MAX_DEPTH:
                        # `_expr`'s first case, inline: most arguments are names.
                        name = data[a.start_byte : a.end_byte].decode("utf-8", "replace")
                        body.words.add(name)
                        args.append([ir.NAME, name])
                    elif at == "keyword_argument":
                        kw = self._text(a.child_by_field_id(_F_NAME))
                        kwargs.append([kw, self._expr(body, a.child_by_field_id(_F_VALUE), depth)])
                    elif at == "list_splat" and a.named_child_count:
                        args.append([ir.STAR, self._expr(body, a.named_children[0], depth)])
                    elif at == "dictionary_splat" and a.named_child_count:
                        kwargs.append([None, self._expr(body, a.named_children[0], depth)])
                    elif at != "comment":
                        args.append(self._expr(body, a, depth))
        if call_id is None:
            return ir.UNKNOWN
        idx = self.call_index(body, call_id)
        self.call_edges(body, call_id, func, args, kwargs)
        return self.note_call(body, [ir.CALL, idx, func, args, kwargs])

    # -- literals ---------------------------------------------------------------------------------

    def _string(self, body: Body | None, node: ts.Node, depth: int) -> Any:
        if node.type == "concatenated_string":
            parts = [
                self._string(body, c, depth) for c in node.named_children if c.type == "string"
            ]
            if all(not isinstance(p, list) for p in parts):
                if all(isinstance(p, str) for p in parts):
                    return "".join(parts)
                return ir.UNKNOWN
            flat: list[Any] = []
            for p in parts:
                if isinstance(p, list) and p[0] == ir.JOIN:
                    flat.extend(p[1])
                else:
                    flat.append(p)
            return [ir.JOIN, flat]
        start = node.children[0] if node.child_count else None
        prefix = self._text(start).lower() if start is not None else ""
        raw = "r" in prefix
        if "b" in prefix:
            return ir.UNKNOWN  # bytes: not a str constant
        pieces: list[Any] = []
        text: list[str] = []
        data = self.data
        for c in node.children:
            ct = c.type
            if ct == "string_content":
                if raw or not c.named_child_count:
                    text.append(data[c.start_byte : c.end_byte].decode("utf-8", "replace"))
                    continue
                pos = c.start_byte
                for esc in c.named_children:
                    text.append(data[pos : esc.start_byte].decode("utf-8", "replace"))
                    seq = data[esc.start_byte : esc.end_byte].decode("utf-8", "replace")
                    ch = decode_escape(seq) if esc.type == "escape_sequence" else None
                    text.append(ch if ch is not None else seq)
                    pos = esc.end_byte
                text.append(data[pos : c.end_byte].decode("utf-8", "replace"))
            elif ct == "interpolation":
                if body is None:
                    return ir.UNKNOWN
                if text:
                    pieces.append("".join(text))
                    text = []
                expr = c.child_by_field_id(_F_EXPRESSION)
                piece = self._expr(body, expr, depth)
                spec = next((x for x in c.named_children if x.type == "format_specifier"), None)
                if spec is not None and _NUMBER_FORMAT.fullmatch(self._text(spec)):
                    # `f"{invoice_id:08d}"`: a number's digits (a text raises), no data.
                    piece = [ir.UN, "+", piece]
                pieces.append(piece)
        if not pieces:
            return "".join(text)
        if text:
            pieces.append("".join(text))
        return [ir.JOIN, pieces]

    def _literal(self, node: ts.Node) -> Any:
        while node.type == "parenthesized_expression" and node.named_child_count == 1:
            # `template = ('<a href="{url}">' '{label}</a>')`: a text split over lines.
            node = node.named_children[0]
        t = node.type
        if t == "true":
            return True
        if t == "false":
            return False
        if t == "none":
            return None
        text = self._text(node).replace("_", "")
        try:
            if t == "integer":
                if text.lower().endswith(("j", "l")):
                    return _NOT
                v = int(text, 0) if text[:2].lower() in ("0x", "0o", "0b") else int(text)
                return v if -(1 << 63) <= v < (1 << 63) else _NOT
            if t == "float":
                if text.lower().endswith("j"):
                    return _NOT
                return float(text)
        except ValueError:
            return _NOT
        if t in ("string", "concatenated_string"):
            v = self._string(None, node, 0)
            return v if isinstance(v, str) else _NOT
        if t == "unary_operator" and node.named_child_count:
            inner = self._literal(node.named_children[-1])
            return (
                -inner if isinstance(inner, int | float) and self._text(node)[:1] == "-" else _NOT
            )
        return _NOT

    def _display(self, node: ts.Node) -> Any:
        """A tuple, list or set display of literals (`MODES = ("a", "b")`), or _NOT."""
        items: list[Any] = []
        for child in node.named_children:
            if child.type == "comment":
                continue
            v = self._literal(child)
            if v is _NOT or v is None or len(items) >= _MAX_DISPLAY:
                return _NOT
            items.append(v)
        return _Display(items) if items else _NOT

    def _text(self, node: ts.Node | None) -> str:
        if node is None:
            return ""
        return self.data[node.start_byte : node.end_byte].decode("utf-8", "replace")


#: "Not a literal" (None is a literal).
_NOT: Any = object()

#: `a`, `a.b` or `a.b.c`: a parameter default kept as the name it reads.
_DOTTED_NAME = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*")


class _Display(tuple[Any, ...]):
    """A class attribute assigned a display of literals (`MODES = ("a", "b")`),
    an allow-list a method's membership test reads (`mode in self.MODES`)."""


#: Class attribute displays, of these types and at most this many items, are kept.
_DISPLAYS = frozenset({"tuple", "list", "set"})
_MAX_DISPLAY = 64


class _Dotted:
    """A class attribute assigned a dotted name (`mode = AES.MODE_ECB`)."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Dotted) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)


#: Expression kinds (other than identifiers, attributes and calls) -> their conversion.
_EXPRS: dict[str, Callable[[FlowCollector, Body, ts.Node, int], Any]] = {
    "string": FlowCollector._x_string,
    "concatenated_string": FlowCollector._x_string,
    "integer": FlowCollector._x_literal,
    "float": FlowCollector._x_literal,
    "true": FlowCollector._x_literal,
    "false": FlowCollector._x_literal,
    "none": FlowCollector._x_literal,
    "subscript": FlowCollector._x_subscript,
    "binary_operator": FlowCollector._x_binary,
    "boolean_operator": FlowCollector._x_boolean,
    "comparison_operator": FlowCollector._comparison,
    "not_operator": FlowCollector._x_not,
    "unary_operator": FlowCollector._x_unary,
    "parenthesized_expression": FlowCollector._x_parenthesized,
    "conditional_expression": FlowCollector._x_conditional,
    **dict.fromkeys(_SEQ_KIND, FlowCollector._x_seq),
    "dictionary": FlowCollector._x_dictionary,
    **dict.fromkeys(_COMPS, FlowCollector._x_comprehension),
    "dictionary_comprehension": FlowCollector._x_comprehension,
    "lambda": FlowCollector._x_lambda,
    "await": FlowCollector._x_await,
    "named_expression": FlowCollector._x_named,
    "list_splat": FlowCollector._x_splat,
    "dictionary_splat": FlowCollector._x_splat,
}


def _pattern(fc: FlowCollector, node: ts.Node | None) -> Any:
    """A comprehension's loop target (binds no VARIABLE node: it lives in the comprehension)."""
    if node is None:
        return ir.UNKNOWN
    if node.type == "identifier":
        return [ir.NAME, fc._text(node)]
    if node.type in ("pattern_list", "tuple_pattern", "list_pattern", "tuple", "list"):
        return [ir.SEQ, 1, [_pattern(fc, c) for c in node.named_children if c.type != "comment"]]
    return ir.UNKNOWN


#: IR lists a match statement's later cases may hold to be copied where a guard fails.
_MAX_COPIED_CASES = 60


def _ir_size(e: Any, seen: int) -> int:
    """How many lists `e` holds (counting stops past `_MAX_COPIED_CASES`)."""
    if not isinstance(e, list):
        return seen
    seen += 1
    for x in e:
        if seen > _MAX_COPIED_CASES:
            break
        seen = _ir_size(x, seen)
    return seen


def _locally_bound(body: Body, name: str) -> bool:
    """Bound by a function around the call (module-level names do not count)."""
    b: Body | None = body
    while b is not None and b.kind != "MODULE":
        if name in b.bound or name in b.params:
            return True
        b = b.parent
    return False


def _annotated_dependency(ann: ts.Node | None, text: Callable[[ts.Node], str]) -> ts.Node | None:
    """The `Depends(...)` call of an `Annotated[T, Depends(fn)]` annotation (FastAPI
    calls `fn` for the parameter), if the annotation is one."""
    inner = ann.named_children[0] if ann is not None and ann.named_child_count else None
    if inner is None or inner.type != "generic_type" or inner.named_child_count < 2:
        return None
    if text(inner.named_children[0]) not in ("Annotated", "typing.Annotated"):
        return None
    params = inner.named_children[1]
    for extra in params.named_children[1:]:
        call = extra.named_children[0] if extra.named_child_count else None
        if call is not None and call.type == "call" and text(call).startswith(ir.INJECTED_DEFAULTS):
            return call
    return None
