"""JavaScript/TypeScript declared types: the facts the types and calls enrichers read.

What it records (every type erased by `type_text.erase_ts`):

* ``returns`` on functions and methods: the return annotation, else JSDoc
  ``@returns {T}`` / ``@return {T}``;
* ``declared_type`` on variables and class fields: the annotation, JSDoc
  ``@type {T}``, an ``as T`` / ``<T>x`` cast, or the declared type of the
  parameter or local it is assigned from (``this.x = x``); constructor
  parameter properties (``constructor(private x: T)``) become typed fields;
* interface members (``method_signature``, ``property_signature``) and
  abstract method signatures as methods and fields of their interface/class;
* ``alias_of`` on ``type X = Y`` aliases, and the module's JSDoc
  ``@typedef {T} Name`` as ``typedefs`` (webpack's
  ``@typedef {import("./Compilation")} Compilation`` style); an object
  typedef (``@typedef {Object} Name`` with ``@property {T} p`` tags) is a
  class-like definition of kind "typedef" with a field per property, like
  an interface;
* ``callback_params`` on functions and methods: for a parameter whose type
  is a function type (``init: (source: Observable<T>, s: Subscriber<R>) =>
  void``, JSDoc ``{function(Compilation): void}``), the declared types of
  that callback's parameters, keyed ``"{parameter index}.{callback
  parameter index}"``;
* on each call, what the first name of its callee is bound to *lexically*,
  which only the front end can see: ``head_type`` when it is a parameter
  (TypeScript or JSDoc ``@param``) or local with a declared type, and
  ``head_local`` when it is bound by an enclosing function (a parameter of
  a callback, a local) whose type is unknown, or is a ``this`` rebound by a
  ``function`` expression. A call whose head is local must never resolve
  through a same-named binding further out. The untyped parameters of a
  callback passed to a call are typed from the callee's
  ``callback_params`` by the enricher: their ``head_type`` is
  ``@{scope}->{callee#n}:{argument}.{parameter}``, naming the enclosing
  call (its id without the file) and the position; a ``function`` callback's
  ``this`` likewise (``{argument}.this``, from a ``this:`` parameter of the
  callback's type). A function's own ``this: T`` parameter types ``this``;
  ``const {a, b} = this`` binds `a` to ``%this.a`` (the member's type); a
  callback's local bound to a call, which gets no VARIABLE (it would be
  visible from the whole enclosing function), is ``&{callee}``: typed by
  what the calls of that callee text in the scope resolve to.

The lexical environment is a stack of frames, one per function (named or
anonymous), popped by position like the builder's scopes: no recursion.

Size: one module, because every fact above comes from one lexical
environment swept once alongside the scopes (the frames of functions and
callbacks); the pieces share its state and would otherwise pass it around.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

import tree_sitter as ts

from graphwarden.analysis.languages.base import GraphBuilder, Scope
from graphwarden.analysis.languages.type_frames import FrameStack
from graphwarden.analysis.languages.type_text import element_ts, erase_ts
from graphwarden.analysis.model import NodeAttrs, NodeType, Range
from graphwarden.analysis.text_split import split_top

#: Function nodes that open a frame.
FUNCTION_NODES = frozenset(
    {
        "arrow_function",
        "function_expression",
        "function",
        "generator_function",
        "function_declaration",
        "generator_function_declaration",
        "method_definition",
    }
)
#: Wrappers a JSDoc comment sits in front of (the comment precedes the wrapper).
_WRAPPERS = frozenset(
    {
        "export_statement",
        "expression_statement",
        "lexical_declaration",
        "variable_declaration",
        "variable_declarator",
        "assignment_expression",
        "pair",
    }
)
_OBJECT_TYPEDEF = re.compile(r"@typedef\s*\{\s*[Oo]bject\s*\}\s*([A-Za-z_$][\w$]*)")
_PROPERTY = re.compile(r"@prop(?:erty)?\s*\{")
_TAG = re.compile(r"@(param|arg|argument|type|returns?|typedef|template|this)\b")
_NAME = re.compile(r"\s*\[?\s*([A-Za-z_$][\w$]*)")
#: Expressions through which a callback is still the argument it is passed as.
_BRANCHES = frozenset({"ternary_expression", "parenthesized_expression", "binary_expression"})
#: Marks a binding whose type is unknown in a frame.
UNKNOWN = ""
#: Marks a local bound to a call: a VARIABLE node the enrichers type from it.
VARIABLE = "="


@dataclass
class JsDoc:
    """The tags of one JSDoc comment that carry types."""

    params: dict[str, str] = field(default_factory=dict)
    #: `@param {T} name` as written (for the element type of collections).
    raw_params: dict[str, str] = field(default_factory=dict)
    #: `@type {T}` as written.
    raw_type: str | None = None
    #: `@param {function(A, B): void} name`: name -> the callback's parameter types.
    callbacks: dict[str, list[str | None]] = field(default_factory=dict)
    type: str | None = None
    returns: str | None = None
    this: str | None = None
    typedefs: dict[str, str] = field(default_factory=dict)


def constructor_dependencies(fn: ts.Node, text: Callable[[ts.Node], str]) -> list[str]:
    """The classes NestJS's `@Dependencies(Storage, Clock)` on a JavaScript class
    injects into its constructor `fn`, in its parameters' order ("" for one that
    is no class's name): their declared types, as TypeScript's
    `constructor(storage: Storage)` declares them."""
    name = fn.child_by_field_name("name") if fn.type == "method_definition" else None
    if name is None or text(name) != "constructor":
        return []
    body = fn.parent
    cls = body.parent if body is not None else None
    if cls is None:
        return []
    decorators = list(cls.children)
    if cls.parent is not None and cls.parent.type == "export_statement":
        decorators += cls.parent.children  # (`@Dependencies(A) export class C`.)
    args = decorator_arguments(decorators, "Dependencies", text)
    return [text(a) if a.type == "identifier" else "" for a in args or ()]


#: Parameter decorators injecting an object by a token (tsyringe's and inversify's
#: `@inject(X)`, NestJS's and typedi's `@Inject(X)`).
_INJECT_DECORATORS = ("inject", "Inject")


def injected_class(param: ts.Node, text: Callable[[ts.Node], str]) -> str | None:
    """The class a dependency-injection decorator on a parameter names as its token
    (`@inject(LocalFileStore) store: FileStore`: an object of `LocalFileStore`), or
    None: none, or a token that names no class (`@inject(STORAGE_ROOT)`, a symbol;
    `@inject(TYPES.Store)`)."""
    for name in _INJECT_DECORATORS:
        args = decorator_arguments(param.children, name, text)
        if args is not None and len(args) == 1 and args[0].type == "identifier":
            token = text(args[0])
            if token[:1].isupper() and not token.isupper():
                return token
    return None


def decorator_arguments(
    nodes: Iterable[ts.Node], name: str, text: Callable[[ts.Node], str]
) -> list[ts.Node] | None:
    """The arguments of the first decorator `@name(...)` among `nodes` (None: none)."""
    for d in nodes:
        call = d.named_children[0] if d.type == "decorator" and d.named_child_count else None
        if call is None or call.type != "call_expression":
            continue
        head = call.child_by_field_name("function")
        args = call.child_by_field_name("arguments")
        if head is not None and args is not None and text(head) == name:
            return list(args.named_children)
    return None


def _braced(text: str, start: int) -> tuple[str, int] | None:
    """The `{...}` type expression at `start` (balanced), and the index after it."""
    i = text.find("{", start)
    if i == -1 or text[start:i].strip():
        return None
    depth = 0
    for j in range(i, len(text)):
        ch = text[j]
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return text[i + 1 : j], j + 1
    return None


def parse_jsdoc(comment: str) -> JsDoc:
    """The typed tags of a `/** ... */` comment (an untyped tag is ignored)."""
    doc = JsDoc()
    body = "\n".join(line.strip().lstrip("*") for line in comment.split("\n"))
    for m in _TAG.finditer(body):
        tag = m.group(1)
        braced = _braced(body, m.end())
        if tag == "template" or braced is None:
            continue
        type_text, after = braced
        erased = erase_ts(type_text)
        if tag in ("param", "arg", "argument"):
            nm = _NAME.match(body, after)
            if nm is not None:
                doc.raw_params[nm.group(1)] = type_text
            if nm is not None and erased is not None:
                doc.params[nm.group(1)] = erased
            callback = _jsdoc_function_params(type_text)
            if nm is not None and callback is not None:
                doc.callbacks[nm.group(1)] = callback
        elif tag == "type":
            doc.type = erased
            doc.raw_type = type_text
        elif tag in ("returns", "return"):
            doc.returns = erased
        elif tag == "this":
            doc.this = erased
        elif tag == "typedef":
            nm = _NAME.match(body, after)
            # `{Object}` typedefs are class-like definitions (`object_typedefs`).
            if nm is not None and erased is not None and erased not in ("Object", "object"):
                doc.typedefs[nm.group(1)] = erased
    return doc


def _jsdoc_function_params(type_text: str) -> list[str | None] | None:
    """`function(A, B=): void` -> [A, B] (erased); None if not a JSDoc function type."""
    t = type_text.strip()
    if not t.startswith("function("):
        return None
    end = len(t)
    depth = 0
    for i in range(len("function"), len(t)):
        if t[i] in "([{<":
            depth += 1
        elif t[i] in ")]}>":
            depth -= 1
            if depth == 0:
                end = i
                break
    params = [p for p in split_top(t[len("function(") : end], ",") if p]
    # `function(this: T, ...)` binds `this`, not a parameter.
    return [erase_ts(p) for p in params if not p.startswith(("this:", "new:"))]


ThisKind = Literal["arrow", "method", "function"]


@dataclass
class _Frame:
    end_byte: int
    #: What `this` is inside: the enclosing one ("arrow"), the class instance
    #: ("method", class fields holding functions too), or rebound ("function").
    this_kind: ThisKind
    names: dict[str, str] = field(default_factory=dict)
    #: A rebound `this` whose type is declared (`this: T`, or by the callee).
    this_type: str = ""
    #: Parameters of a named function (graph PARAMETER nodes); empty for callbacks.
    graph_params: frozenset[str] = frozenset()
    #: A named function (a graph scope), not a callback.
    named: bool = False
    #: Locals whose declared type is a collection: what iterating them gives.
    elements: dict[str, str] = field(default_factory=dict)


class JsTypes(FrameStack[_Frame]):
    """Declared-type facts of one JS/TS file, made during the front end's sweep."""

    def __init__(self, b: GraphBuilder, comments: list[ts.Node]) -> None:
        super().__init__()
        self.b = b
        #: Start bytes of the functions whose frame is open or was opened (a
        #: named function is seen twice: as a definition, then as a value).
        self._entered: set[int] = set()
        #: Start byte of each call node made so far -> the leaf of its CALL id.
        self._call_leaf: dict[int, str] = {}
        self._docs: dict[int, JsDoc] = {}
        self._comment_at_end: dict[int, ts.Node] = {
            c.end_byte: c for c in comments if b.src.text(c).startswith("/**")
        }

    # -- JSDoc -------------------------------------------------------------------------

    def jsdoc(self, node: ts.Node) -> JsDoc | None:
        """The JSDoc comment right before `node` (or before the statement wrapping it)."""
        current: ts.Node | None = node
        for _ in range(4):
            if current is None:
                return None
            prev = current.prev_sibling
            if prev is not None and prev.type == "comment":
                comment = self._comment_at_end.get(prev.end_byte)
                if comment is None:
                    return None
                doc = self._docs.get(comment.start_byte)
                if doc is None:
                    doc = self._docs[comment.start_byte] = parse_jsdoc(self.b.src.text(comment))
                return doc
            parent = current.parent
            if parent is None or parent.type not in _WRAPPERS or prev is not None:
                return None
            current = parent
        return None

    def object_typedefs(self, comments: list[ts.Node], module: Scope) -> None:
        """Each `@typedef {Object} Name` with `@property` tags: a CLASS of kind
        "typedef" and a VARIABLE per property (made after the sweep, so a class
        of the same name keeps its id and the typedef takes the `#n`)."""
        b = self.b
        for c in comments:
            text = b.src.text(c)
            if not text.startswith("/**"):
                continue
            for m in _OBJECT_TYPEDEF.finditer(text):
                end = text.find("@typedef", m.end())
                props = self._properties(text, m.end(), end if end != -1 else len(text))
                if not props:
                    continue
                scope = b.add_definition(
                    NodeType.CLASS,
                    m.group(1),
                    c,
                    module,
                    selection=c,
                    signature=tuple(props),
                    modifiers={"kind": "typedef"},
                )
                owner = scope
                for name, erased, offset in props:
                    b.add_variable(c, c, owner, name, {"declared_type": erased} if erased else {})
                    made = b.nodes[-1]
                    if made.name == name and made.file == b.file:
                        made.attrs["sel"] = list(self._position(c, text, offset, len(name)))
                self._point_at(scope.node_id, c, text, m.start(1), len(m.group(1)))

    def _properties(self, text: str, start: int, end: int) -> list[tuple[str, str | None, int]]:
        """(name, erased type, offset of the name) of the `@property` tags in text[start:end]."""
        out: list[tuple[str, str | None, int]] = []
        for m in _PROPERTY.finditer(text, start, end):
            braced = _braced(text, m.end() - 1)
            if braced is None:
                continue
            type_text, after = braced
            nm = _NAME.match(text, after)
            if nm is not None and "." not in text[nm.end(1) : nm.end(1) + 1]:
                out.append((nm.group(1), erase_ts(type_text), nm.start(1)))
        return out

    def _position(self, comment: ts.Node, text: str, offset: int, length: int) -> Range:
        """The code-point range of text[offset:offset+length] inside a comment."""
        sl, sc, _, _ = self.b.src.range_of(comment)
        before = text[:offset]
        line = sl + before.count("\n")
        col = (sc + len(before)) if "\n" not in before else len(before) - before.rfind("\n") - 1
        return (line, col, line, col + length)

    def _point_at(
        self, node_id: str, comment: ts.Node, text: str, offset: int, length: int
    ) -> None:
        for node in reversed(self.b.nodes):
            if node.id == node_id:
                node.attrs["sel"] = list(self._position(comment, text, offset, length))
                return

    def module_attrs(self, comments: list[ts.Node]) -> NodeAttrs:
        """``typedefs`` of the module: every JSDoc ``@typedef {T} Name`` in the file."""
        typedefs: dict[str, str] = {}
        for c in comments:
            text = self.b.src.text(c)
            if "@typedef" in text and text.startswith("/**"):
                for name, erased in parse_jsdoc(text).typedefs.items():
                    typedefs.setdefault(name, erased)
        for name, erased in sorted(typedefs.items()):
            # The module's signature: a typedef changed is a type other files resolve.
            self.b.top_level_names.add(f"typedef:{name}={erased}")
        return {"typedefs": typedefs} if typedefs else {}

    # -- frames ------------------------------------------------------------------------

    def bind_element(self, name: str, annotated: ts.Node, doc_anchor: ts.Node) -> None:
        """Remember what iterating a local declared as a collection gives."""
        if not self._frames:
            return
        annotation = annotated.child_by_field_name("type")
        raw = self.b.src.text(annotation) if annotation is not None else None
        if raw is None:
            doc = self.jsdoc(doc_anchor)
            raw = doc.raw_type if doc is not None else None
        element = element_ts(raw)
        if element:
            self._frames[-1].elements[name] = element

    def for_of(self, node: ts.Node) -> None:
        """`for (const x of xs)`: x is an element of xs when xs's type says which."""
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        is_of = any(c.type == "of" for c in node.children)
        element = None
        if is_of and right is not None and right.type == "identifier":
            frame = self._binder(self.b.src.text(right))
            element = frame.elements.get(self.b.src.text(right)) if frame else None
        if left is not None and left.type == "identifier" and element:
            self.bind(self.b.src.text(left), element)
        else:
            self.bind_pattern(left)

    def in_callback(self) -> bool:
        """Inside an anonymous function (its locals are not the enclosing scope's)."""
        return bool(self._frames) and not self._frames[-1].named

    def bind(self, name: str, erased: str | None) -> None:
        """A local binding in the innermost function (nothing at module level)."""
        if self._frames:
            self._frames[-1].names[name] = erased or UNKNOWN

    def bind_pattern(self, pattern: ts.Node | None, value: ts.Node | None = None) -> None:
        """Locals bound by a pattern (`const {a, b} = x`, `for (const x of xs)`): of unknown
        type, except members taken from a value whose class is known (`const {a, b: c}
        = this`, `= compilation` of a declared type, `= this.x`)."""
        if pattern is None:
            return
        base = self._member_base(value) if pattern.type == "object_pattern" else None
        taken: dict[str, str] = {}
        if base is not None:
            for prop in pattern.named_children:
                if prop.type == "shorthand_property_identifier_pattern":
                    name = self.b.src.text(prop)
                    taken[name] = name
                elif prop.type == "pair_pattern":
                    key, val = prop.child_by_field_name("key"), prop.child_by_field_name("value")
                    if key is not None and val is not None and val.type == "identifier":
                        taken[self.b.src.text(val)] = self.b.src.text(key)
        for name in self._pattern_names(pattern):
            member = taken.get(name)
            self.bind(name, f"%{base}.{member}" if member else None)

    def _member_base(self, value: ts.Node | None) -> str | None:
        """How the enricher finds `value`'s class: ``this``, ``this.a.b``, ``(T)`` for a
        value of declared type T (a typed local, a JSDoc cast), ``(T).a``; else None."""
        if value is None:
            return None
        if value.type == "this":
            return "this"
        declared = self.value_type(value)
        if declared is not None:
            return f"({declared})"
        if value.type != "member_expression":
            return None
        obj = value.child_by_field_name("object")
        prop = value.child_by_field_name("property")
        base = self._member_base(obj)
        name = self.b.src.text(prop) if prop is not None else ""
        if (
            base is None
            or not name
            or not (name[0] == "#" or name.replace("$", "_").isidentifier())
        ):
            return None
        return f"{base}.{name}"

    def enter_function(
        self,
        fn: ts.Node,
        this_kind: ThisKind | None = None,
        doc_anchor: ts.Node | None = None,
        named: bool = False,
    ) -> None:
        """Open the frame of a function: its parameters with their declared types."""
        if fn.start_byte in self._entered:
            return
        self._entered.add(fn.start_byte)
        if this_kind is None:
            this_kind = "arrow" if fn.type == "arrow_function" else "function"
        frame = _Frame(fn.end_byte, this_kind)
        doc = self.jsdoc(doc_anchor or fn)
        params = fn.child_by_field_name("parameters") or fn.child_by_field_name("parameter")
        context = self._callback_context(fn)
        injected = constructor_dependencies(fn, self.b.src.text)
        for j, (name, erased, element) in enumerate(self._parameters(params, doc)):
            if not erased and j < len(injected) and injected[j]:
                erased = injected[j]
            if not erased and context is not None:
                erased = f"@{context}.{j}"  # typed by the callee's callback_params
            frame.names[name] = erased or UNKNOWN
            if element:
                frame.elements[name] = element
        if named:
            frame.named = True
            frame.graph_params = frozenset(frame.names)
        if this_kind == "function":
            this_type = self._this_parameter(params)
            if this_type is None and doc is not None:
                this_type = doc.this
            if this_type is None and context is not None:
                this_type = f"@{context}.this"
            frame.this_type = this_type or ""
        self._frames.append(frame)

    def _this_parameter(self, params: ts.Node | None) -> str | None:
        """`function (this: T, ...)`: T."""
        first = (
            params.named_children[0] if params is not None and params.named_child_count else None
        )
        pattern = first.child_by_field_name("pattern") if first is not None else None
        if first is None or pattern is None or pattern.type != "this":
            return None
        annotation = first.child_by_field_name("type")
        return erase_ts(self.b.src.text(annotation)) if annotation is not None else None

    def made_call(self, node: ts.Node, call_id: str) -> None:
        """The CALL node made for a call expression (callbacks inside it name it)."""
        self._call_leaf[node.start_byte] = call_id.split("->", 2)[2]

    def _callback_context(self, fn: ts.Node) -> str | None:
        """`{scope}->{callee#n}:{argument index}` when `fn` is an argument of a call made
        here (directly, or as a branch of `a ? f : g`, `f || g`, `(f)`)."""
        arg: ts.Node = fn
        args = fn.parent
        while args is not None and args.type in _BRANCHES:
            arg, args = args, args.parent
        call = args.parent if args is not None and args.type == "arguments" else None
        if args is None or call is None or call.type not in ("call_expression", "new_expression"):
            return None
        leaf = self._call_leaf.get(call.start_byte)
        if leaf is None:
            return None
        starts = [a.start_byte for a in args.named_children if a.type != "comment"]
        return f"{leaf}:{starts.index(arg.start_byte)}"

    def _parameters(
        self, params: ts.Node | None, doc: JsDoc | None
    ) -> list[tuple[str, str | None, str | None]]:
        """(name, erased type, element type) of each parameter a function binds."""
        if params is None:
            return []
        if params.type == "identifier":  # `x => ...`
            name = self.b.src.text(params)
            raw = doc.raw_params.get(name) if doc else None
            return [(name, doc.params.get(name) if doc else None, element_ts(raw))]
        out: list[tuple[str, str | None, str | None]] = []
        documented = list(doc.raw_params.values()) if doc is not None else []
        children = [c for c in params.named_children if c.type != "comment"]
        for i, p in enumerate(children):
            target = p.child_by_field_name("pattern") or p
            if target.type == "assignment_pattern":
                target = target.child_by_field_name("left") or target
            if target.type == "rest_pattern" and target.named_child_count:
                target = target.named_children[0]
            names = self._pattern_names(target)
            annotation = p.child_by_field_name("type")
            raw = self.b.src.text(annotation) if annotation is not None else None
            erased = injected_class(p, self.b.src.text) or erase_ts(raw)
            if target.type == "object_pattern":
                # `{ a, b: c }: T` (or the i-th JSDoc @param): members of T.
                whole = erased
                if whole is None and len(documented) == len(children):
                    whole = erase_ts(documented[i])
                members = self._pattern_members(target)
                for name in names:
                    key = members.get(name)
                    out.append((name, f"%({whole}).{key}" if whole and key else None, None))
                continue
            for name in names:
                # A destructured name is a property of the annotated type, not of it.
                typed = erased if target.type == "identifier" else None
                element = element_ts(raw) if target.type == "identifier" else None
                if typed is None and doc is not None:
                    typed = doc.params.get(name)
                    element = element_ts(doc.raw_params.get(name))
                out.append((name, typed, element))
        return out

    def _pattern_members(self, pattern: ts.Node) -> dict[str, str]:
        """Local name -> the property it takes, for the top level of an object pattern."""
        src = self.b.src
        out: dict[str, str] = {}
        for prop in pattern.named_children:
            if prop.type == "shorthand_property_identifier_pattern":
                out[src.text(prop)] = src.text(prop)
            elif prop.type == "object_assignment_pattern":  # `{ a = 1 }`
                left = prop.child_by_field_name("left")
                if left is not None:
                    out[src.text(left)] = src.text(left)
            elif prop.type == "pair_pattern":
                key, val = prop.child_by_field_name("key"), prop.child_by_field_name("value")
                if key is not None and val is not None and val.type == "identifier":
                    out[src.text(val)] = src.text(key)
        return out

    def _pattern_names(self, target: ts.Node) -> list[str]:
        """Names a parameter pattern binds (`{a, b: c}` -> a, c), iteratively."""
        src = self.b.src
        if target.type == "identifier":
            return [src.text(target)]
        out: list[str] = []
        todo = [target]
        while todo:
            n = todo.pop()
            if n.type in ("identifier", "shorthand_property_identifier_pattern"):
                out.append(src.text(n))
            elif n.type == "pair_pattern":
                value = n.child_by_field_name("value")
                if value is not None:
                    todo.append(value)
            elif n.type in (
                "object_pattern",
                "array_pattern",
                "assignment_pattern",
                "rest_pattern",
            ):
                todo.extend(reversed(n.named_children))
        return out

    # -- definitions -------------------------------------------------------------------

    def function_attrs(self, outer: ts.Node, fn: ts.Node) -> NodeAttrs:
        """``returns`` (annotation, else JSDoc) and ``callback_params`` of a function."""
        ret = fn.child_by_field_name("return_type")
        erased = erase_ts(self.b.src.text(ret)) if ret is not None else None
        doc = self.jsdoc(outer)
        if erased is None and ret is None:
            erased = doc.returns if doc is not None else None
        attrs: NodeAttrs = {"returns": erased} if erased else {}
        callbacks = self._callback_params(fn, doc)
        if callbacks:
            attrs["callback_params"] = callbacks
        return attrs

    def _callback_params(self, fn: ts.Node, doc: JsDoc | None) -> dict[str, str]:
        params = fn.child_by_field_name("parameters")
        children = params.named_children if params is not None else []
        out: dict[str, str] = {}
        for i, p in enumerate(c for c in children if c.type != "comment"):
            annotation = p.child_by_field_name("type")
            ftype = annotation.named_children[0] if annotation is not None else None
            types: list[str | None] = []
            if ftype is not None and ftype.type == "function_type":
                inner = ftype.child_by_field_name("parameters")
                for q in inner.named_children if inner is not None else ():
                    pattern = q.child_by_field_name("pattern")
                    qtype = q.child_by_field_name("type")
                    erased = erase_ts(self.b.src.text(qtype)) if qtype is not None else None
                    if pattern is not None and pattern.type == "this":
                        if erased:
                            out[f"{i}.this"] = erased  # the callback's `this`
                    elif pattern is not None:
                        types.append(erased)
            elif doc is not None:
                target = p.child_by_field_name("pattern") or p
                if target.type == "assignment_pattern":
                    target = target.child_by_field_name("left") or target
                types = doc.callbacks.get(self.b.src.text(target), [])
            for j, t in enumerate(types):
                if t:
                    out[f"{i}.{j}"] = t
        return out

    def local_type(self, value: ts.Node | None) -> str | None:
        """What a local is bound to: its value's declared type, or ``%{base}.a.b`` for a
        member chain of a value whose class is known (typed by the enricher)."""
        declared = self.value_type(value)
        if declared is None and value is not None and value.type == "member_expression":
            base = self._member_base(value)
            return "%" + base if base is not None else None
        return declared

    def value_type(self, value: ts.Node | None) -> str | None:
        """The declared type a value expression carries: a cast, or a typed name in scope."""
        if value is not None and value.type == "parenthesized_expression":
            prev = value.prev_sibling
            comment = self._comment_at_end.get(prev.end_byte) if prev is not None else None
            if comment is not None and prev is not None and prev.start_byte == comment.start_byte:
                # `/** @type {T} */ (expr)`: JSDoc's cast.
                cast = parse_jsdoc(self.b.src.text(comment)).type
                if cast is not None:
                    return cast
        while value is not None and value.type in (
            "parenthesized_expression",
            "non_null_expression",
        ):
            value = value.named_children[0] if value.named_child_count else None
        if value is None:
            return None
        if value.type in ("as_expression", "satisfies_expression", "type_assertion"):
            kinds = [c for c in value.named_children if c.type != "comment"]
            type_node = kinds[-1] if value.type != "type_assertion" else kinds[0]
            return erase_ts(self.b.src.text(type_node))
        if value.type == "identifier":
            bound = self._lookup(self.b.src.text(value))
            # Only a declared type carries over, not the markers the enricher resolves.
            return bound if bound and bound[0] not in "=%@" else None
        return None

    def variable_type(
        self, annotated: ts.Node, doc_anchor: ts.Node, value: ts.Node | None
    ) -> str | None:
        """A declarator's or field's type: annotation, JSDoc ``@type``, else its value's."""
        annotation = annotated.child_by_field_name("type")
        if annotation is not None:
            return erase_ts(self.b.src.text(annotation))
        doc = self.jsdoc(doc_anchor)
        if doc is not None and doc.type:
            return doc.type
        return self.value_type(value)

    def parameter_properties(self, fn: ts.Node) -> list[tuple[ts.Node, str, str | None]]:
        """`constructor(private x: T)`: (name node, name, type) of each parameter property."""
        params = fn.child_by_field_name("parameters")
        out: list[tuple[ts.Node, str, str | None]] = []
        for p in params.named_children if params is not None else ():
            if not any(c.type in ("accessibility_modifier", "readonly") for c in p.children):
                continue
            target = p.child_by_field_name("pattern")
            if target is None or target.type != "identifier":
                continue
            annotation = p.child_by_field_name("type")
            erased = injected_class(p, self.b.src.text) or (
                erase_ts(self.b.src.text(annotation)) if annotation is not None else None
            )
            out.append((target, self.b.src.text(target), erased))
        return out

    def class_attrs(self, node: ts.Node) -> NodeAttrs:
        """``alias_of`` of `type X = Y` (None when Y is not one class)."""
        if node.type != "type_alias_declaration":
            return {}
        erased = erase_ts(self.b.src.text(node.child_by_field_name("value")))
        return {"alias_of": erased} if erased else {}

    # -- calls -------------------------------------------------------------------------

    def call_attrs(self, fn: ts.Node | None) -> NodeAttrs:
        """``head_type`` / ``head_local`` of a callee's first name (see module docstring)."""
        head = fn
        while head is not None and head.type in (
            "member_expression",
            "call_expression",
            "non_null_expression",
        ):
            head = head.child_by_field_name("object") or head.child_by_field_name("function")
            if head is not None and head.type == "non_null_expression" and head.named_child_count:
                head = head.named_children[0]
        if head is None:
            return {}
        if head.type == "this":
            for enclosing in reversed(self._frames):
                if enclosing.this_kind == "function":
                    this_type = enclosing.this_type
                    return {"head_type": this_type} if this_type else {"head_local": True}
                if enclosing.this_kind == "method":
                    break
            return {}
        if head.type == "parenthesized_expression":
            cast = self.value_type(head)
            return {"head_type": cast} if cast else {}
        if head.type != "identifier":
            return {}
        name = self.b.src.text(head)
        frame = self._binder(name)
        bound = frame.names[name] if frame is not None else None
        if frame is None or bound is None or bound == VARIABLE:
            return {}
        attrs: NodeAttrs = {"head_type": bound} if bound else {"head_local": True}
        if name in frame.graph_params:
            attrs["head_param"] = True
        return attrs
