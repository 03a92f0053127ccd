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
  ``@typedef {import("./Compilation")} Compilation`` style);
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
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

import tree_sitter as ts

from graphwarden.analysis.languages.base import GraphBuilder
from graphwarden.analysis.languages.type_text import erase_ts, split_top
from graphwarden.analysis.model import NodeAttrs

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
    #: `@param {function(A, B): void} name`: name -> the callback's parameter types.
    callbacks: dict[str, list[str | None]] = field(default_factory=dict)
    type: str | None = None
    returns: str | None = None
    this: str | None = None
    typedefs: dict[str, str] = field(default_factory=dict)


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
            if nm is not None and erased is not None:
                doc.params[nm.group(1)] = erased
            callback = _jsdoc_function_params(type_text)
            if nm is not None and callback is not None:
                doc.callbacks[nm.group(1)] = callback
        elif tag == "type":
            doc.type = erased
        elif tag in ("returns", "return"):
            doc.returns = erased
        elif tag == "this":
            doc.this = erased
        elif tag == "typedef":
            nm = _NAME.match(body, after)
            if nm is not None and erased is not None:
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


class JsTypes:
    """Declared-type facts of one JS/TS file, made during the front end's sweep."""

    def __init__(self, b: GraphBuilder, comments: list[ts.Node]) -> None:
        self.b = b
        self._frames: list[_Frame] = []
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

    def at(self, start_byte: int) -> None:
        """Leave the frames that end before `start_byte`."""
        frames = self._frames
        while frames and frames[-1].end_byte <= start_byte:
            frames.pop()

    def _lookup(self, name: str) -> str | None:
        """The type bound to `name` by an enclosing function (UNKNOWN: bound, untyped)."""
        frame = self._binder(name)
        return frame.names[name] if frame is not None else None

    def _binder(self, name: str) -> _Frame | None:
        for frame in reversed(self._frames):
            if name in frame.names:
                return frame
        return None

    def in_callback(self) -> bool:
        """Inside an anonymous function (its locals are not the enclosing scope's)."""
        return bool(self._frames) and not self._frames[-1].named

    def bind(self, name: str, erased: str | None) -> None:
        """A local binding in the innermost function (nothing at module level)."""
        if self._frames:
            self._frames[-1].names[name] = erased or UNKNOWN

    def bind_pattern(self, pattern: ts.Node | None, value: ts.Node | None = None) -> None:
        """Locals bound by a pattern (`const {a, b} = x`, `for (const x of xs)`): of unknown
        type, except the members taken from `this` (`const {a, b: c} = this`)."""
        if pattern is None:
            return
        from_this = value is not None and value.type == "this" and pattern.type == "object_pattern"
        taken: dict[str, str] = {}
        if from_this:
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
            self.bind(name, f"%this.{member}" if member else None)

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
        for j, (name, erased) in enumerate(self._parameters(params, doc)):
            if not erased and context is not None:
                erased = f"@{context}.{j}"  # typed by the callee's callback_params
            frame.names[name] = erased or UNKNOWN
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
    ) -> list[tuple[str, str | None]]:
        if params is None:
            return []
        if params.type == "identifier":  # `x => ...`
            name = self.b.src.text(params)
            return [(name, doc.params.get(name) if doc else None)]
        out: list[tuple[str, str | None]] = []
        for p in params.named_children:
            target = p.child_by_field_name("pattern") or p
            if target.type == "assignment_pattern":
                target = target.child_by_field_name("left") or target
            if target.type == "rest_pattern" and target.named_child_count:
                target = target.named_children[0]
            names = self._pattern_names(target)
            annotation = p.child_by_field_name("type")
            erased = erase_ts(self.b.src.text(annotation)) if annotation is not None else None
            for name in names:
                # A destructured name is a property of the annotated type, not of it.
                typed = erased if target.type == "identifier" else None
                if typed is None and doc is not None:
                    typed = doc.params.get(name)
                out.append((name, typed))
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
        """What a local is bound to: its value's declared type, or ``%this.a.b`` for a
        member chain of `this` (typed by the enricher, like `const {a} = this`)."""
        declared = self.value_type(value)
        if declared is None and value is not None and value.type == "member_expression":
            text = self.b.src.folded(value)
            if text.startswith("this.") and all(
                part and (part[0] == "#" or part.replace("$", "_").isidentifier())
                for part in text[len("this.") :].split(".")
            ):
                return "%" + text
        return declared

    def value_type(self, value: ts.Node | None) -> str | None:
        """The declared type a value expression carries: a cast, or a typed name in scope."""
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
            erased = erase_ts(self.b.src.text(annotation)) if annotation is not None else None
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
            for frame in reversed(self._frames):
                if frame.this_kind == "function":
                    return (
                        {"head_type": frame.this_type} if frame.this_type else {"head_local": True}
                    )
                if frame.this_kind == "method":
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
