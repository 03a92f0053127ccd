"""JavaScript and TypeScript front end (one module: the grammars share their shapes).

Covers classes and fields (TypeScript interfaces, type aliases and enums as
class-like definitions), functions, named function expressions and arrow
functions bound to a name, methods, calls and `new`; imports and exports,
ES modules and CommonJS, are javascript_imports.py's. Anonymous callbacks
are not scopes of their own: their calls belong to the enclosing named
function, which is where a reader looks for them.

It reads the grammar and nothing else: every record is made by a
`GraphBuilder` method (languages/base.py), the same ones the Python front
end uses.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import tree_sitter as ts
import tree_sitter_javascript
import tree_sitter_typescript

from graphwarden.analysis.dataflow.switch import flow_for
from graphwarden.analysis.languages import javascript_imports
from graphwarden.analysis.languages.base import GraphBuilder, Scope, pop_scopes, sorted_captures
from graphwarden.analysis.languages.javascript_flow import JsFlowCollector
from graphwarden.analysis.languages.javascript_types import VARIABLE, JsTypes
from graphwarden.analysis.languages.source import SourceText, collect_parse_errors
from graphwarden.analysis.model import FileAnalysis, NodeAttrs, NodeType

DIALECTS: dict[str, ts.Language] = {
    "javascript": ts.Language(tree_sitter_javascript.language()),
    "typescript": ts.Language(tree_sitter_typescript.language_typescript()),
    "tsx": ts.Language(tree_sitter_typescript.language_tsx()),
}

_COMMON = """
(function_declaration) @function
(generator_function_declaration) @function
(class_declaration) @class
(method_definition) @method
(variable_declarator) @declarator
(call_expression) @call
(new_expression) @call
(import_statement) @import
(export_statement) @export
(assignment_expression) @assign
(comment) @comment
(arrow_function) @anon
(function_expression) @anon
(for_in_statement) @for_in
(class) @class_expression
"""
_JS_ONLY = "(field_definition) @field"
_TS_ONLY = """
(public_field_definition) @field
(abstract_class_declaration) @class
(interface_declaration) @type
(type_alias_declaration) @type
(enum_declaration) @type
(method_signature) @member_signature
(abstract_method_signature) @member_signature
(property_signature) @member_signature
"""

_FUNCTION_VALUES = javascript_imports.FUNCTION_VALUES


@cache
def _query(dialect: str) -> ts.Query:
    extra = _JS_ONLY if dialect == "javascript" else _TS_ONLY
    return ts.Query(DIALECTS[dialect], _COMMON + extra)


def dialect_for(path: str) -> str:
    if path.endswith(".tsx"):
        return "tsx"
    if path.endswith((".ts", ".mts", ".cts")):
        return "typescript"
    return "javascript"


def analyse(file: str, data: bytes, parser: ts.Parser | None = None) -> FileAnalysis:
    """Parse one JavaScript/TypeScript file and return its nodes, edges and parse errors."""
    dialect = dialect_for(file)
    parser = parser or ts.Parser(DIALECTS[dialect])
    tree = parser.parse(data)
    root = tree.root_node
    src = SourceText(data)
    captures = ts.QueryCursor(_query(dialect)).captures(root)
    # In file order: the capture dict's lists are not (JSDoc typedefs are made,
    # and a name's first one wins, in the order of the comments).
    comments = sorted(captures.pop("comment", []), key=lambda c: c.start_byte)
    language = "typescript" if dialect != "javascript" else "javascript"
    b = GraphBuilder(file, language, src, comments)
    module = b.add_module(root)
    types = JsTypes(b, comments)
    module.attrs.update(types.module_attrs(comments))
    module_scope = Scope(root.end_byte, "module", "", module.id)
    stack = [module_scope]
    flow = JsFlowCollector(b, DIALECTS[dialect])  # data flow: javascript_flow.py

    for kind, node in sorted_captures(captures):
        scope = pop_scopes(stack, node.start_byte)
        types.at(node.start_byte)
        new_scope: Scope | None = None
        if kind == "function":
            new_scope = _function_declaration(b, types, node, scope)
        elif kind == "class":
            new_scope = _class(b, types, node, scope)
        elif kind == "class_expression" and (
            node.child_by_field_name("name") is not None
            or (scope.kind == "function" and returned_class(node))
        ):
            # A named class expression (`module.exports = class X {...}`) is a class;
            # so is one a function returns (a mixin, `(Base) => class extends Base
            # {...}`: `<anonymous>` below the function, which bases written
            # `Mixin(Base)` extend).
            new_scope = _class(b, types, node, scope)
        elif kind == "type":
            new_scope = _class(b, types, node, scope, kind=node.type.removesuffix("_declaration"))
        elif kind == "method":
            new_scope = _method(b, types, node, scope)
        elif kind == "member_signature":
            new_scope = _member_signature(b, types, node, scope)
        elif kind == "field":
            new_scope = _field(b, types, node, scope)
            if new_scope is None and scope.kind == "class":
                flow.field(node, scope)
        elif kind == "declarator":
            if not javascript_imports.on_require_declarator(b, node, scope):
                new_scope = _declarator(b, types, node, scope)
        elif kind == "call":
            if not javascript_imports.on_require_call(b, node, scope):
                _call(b, types, node, scope)
        elif kind == "import":
            javascript_imports.on_import(b, node, scope)
        elif kind == "export":
            javascript_imports.on_export(b, node, module_scope)
        elif kind == "assign":
            _assignment(b, types, node, stack, module_scope)
        elif kind == "anon":
            exported = _exported_name(b, node) if scope is module_scope else None
            if exported is not None:
                # `exports.f = (h) => ...`, `module.exports = { f: (h) => ... }`:
                # a FUNCTION of the module, as `const f = ...` would be.
                new_scope = _function(
                    b, types, exported[1], node, exported[0], exported[2], scope, NodeType.FUNCTION
                )
            else:
                types.enter_function(node)
        elif kind == "for_in":
            types.for_of(node)
        if new_scope is not None:
            stack.append(new_scope)
            if new_scope.kind == "function":
                flow.function(node, new_scope, scope)

    types.object_typedefs(comments, module_scope)
    flow_facts = flow.finish(root, module_scope) if flow_for(file, data) else None
    result = b.finish(module, collect_parse_errors(file, root, src))
    result.flow = flow_facts
    return result


# -- definitions ------------------------------------------------------------------------


def _function(
    b: GraphBuilder,
    types: JsTypes,
    outer: ts.Node,
    fn: ts.Node,
    name: str,
    name_node: ts.Node | None,
    scope: Scope,
    kind: NodeType,
    extra: NodeAttrs | None = None,
    decorators: Sequence[str] = (),
) -> Scope:
    """A FUNCTION or METHOD: `outer` is the whole construct, `fn` the function itself."""
    src = b.src
    params = fn.child_by_field_name("parameters")
    if params is None and fn.type == "arrow_function":
        params = fn.child_by_field_name("parameter")
    ret = fn.child_by_field_name("return_type")
    signature = src.folded(params) if params is not None else "()"
    if params is not None and params.type == "identifier":
        signature = f"({signature})"
    if ret is not None:
        signature += src.folded(ret)
    extra = {**(extra or {}), **types.function_attrs(outer, fn)}
    if _returns_class(fn):
        # (In the signature: a class that extends `Mixin(Base)` resolves through it.)
        extra["returns_class"] = True
    scope_of_fn = b.add_definition(
        kind,
        name,
        outer,
        scope,
        selection=name_node or fn,
        signature=(signature, tuple(sorted(extra.items())), tuple(decorators)),
        signature_text=signature,
        attrs=extra,
        decorators=decorators,
        is_async=bool(fn.children) and fn.children[0].type == "async",
    )
    # `t => ...`: the parameter is the identifier itself, not a list of them.
    param_nodes = [params] if params is not None and params.type == "identifier" else []
    if params is not None and not param_nodes:
        param_nodes = params.named_children
    for p in param_nodes:
        target = p
        if p.type in ("required_parameter", "optional_parameter"):
            target = p.child_by_field_name("pattern") or p
        if target.type == "assignment_pattern":
            target = target.child_by_field_name("left") or target
        if target.type == "comment":
            continue
        pname = src.folded(target)
        if pname:
            b.add_parameter(scope_of_fn, pname, p)
    types.enter_function(
        fn,
        "method" if kind == NodeType.METHOD else None,
        doc_anchor=outer,
        named=True,
    )
    if kind == NodeType.METHOD and name == "constructor":
        # `constructor(private x: T)` declares a field `x` of type T.
        for name_node, field_name, declared in types.parameter_properties(fn):
            b.add_variable(
                name_node,
                name_node,
                scope,
                field_name,
                {"declared_type": declared, "via_self": True} if declared else {"via_self": True},
            )
    return scope_of_fn


def _function_declaration(b: GraphBuilder, types: JsTypes, node: ts.Node, scope: Scope) -> Scope:
    name_node = node.child_by_field_name("name")
    name = b.src.text(name_node) or "<anonymous>"
    return _function(b, types, node, node, name, name_node, scope, NodeType.FUNCTION)


def _class(
    b: GraphBuilder, types: JsTypes, node: ts.Node, scope: Scope, kind: str | None = None
) -> Scope:
    """A class, or a TypeScript interface / type alias / enum (`kind` says which)."""
    src = b.src
    name_node = node.child_by_field_name("name")
    name = src.text(name_node) or "<anonymous>"
    bases: list[str] = []
    implements: list[str] = []
    for child in node.children:
        if child.type == "class_heritage":
            for h in child.named_children:
                if h.type == "extends_clause":
                    bases.extend(src.folded(v) for v in h.children_by_field_name("value"))
                elif h.type == "implements_clause":
                    implements.extend(src.folded(v) for v in h.named_children)
                else:  # JavaScript: the heritage is the base expression itself
                    bases.append(src.folded(h))
        elif child.type == "extends_type_clause":  # interface I extends A, B
            bases.extend(src.folded(v) for v in child.named_children)
    decorators = [src.folded(d).lstrip("@") for d in node.children if d.type == "decorator"]
    attrs: NodeAttrs = {}
    if bases:
        attrs["bases"] = bases
    if implements:
        attrs["implements"] = implements
    attrs.update(types.class_attrs(node))
    modifiers: NodeAttrs = {}
    if kind:
        modifiers["kind"] = kind
    if node.type == "abstract_class_declaration":
        modifiers["abstract"] = True
    return b.add_definition(
        NodeType.CLASS,
        name,
        node,
        scope,
        selection=name_node or node,
        signature=(tuple(bases), tuple(implements), tuple(decorators), kind, attrs.get("alias_of")),
        attrs=attrs,
        decorators=decorators,
        modifiers=modifiers,
    )


def _method(b: GraphBuilder, types: JsTypes, node: ts.Node, scope: Scope) -> Scope | None:
    if scope.kind != "class":  # object-literal methods: not class members
        return None
    name_node = node.child_by_field_name("name")
    name = b.src.text(name_node) or "<anonymous>"
    extra: NodeAttrs = {}
    for c in node.children:
        if c.type in ("get", "set"):
            extra["accessor"] = c.type
        elif c.type == "static":
            extra["static"] = True
    return _function(
        b, types, node, node, name, name_node, scope, NodeType.METHOD, extra, _decorators(b, node)
    )


def _decorators(b: GraphBuilder, method: ts.Node) -> list[str]:
    """A TypeScript method's decorators (`@Get("ping")` -> `Get("ping")`): the class
    body's decorator nodes right before it, or its own children (grammars differ)."""
    found = [d for d in method.children if d.type == "decorator"]
    before: list[ts.Node] = []
    sib = method.prev_named_sibling
    while sib is not None and sib.type in ("decorator", "comment"):
        if sib.type == "decorator":
            before.append(sib)
        sib = sib.prev_named_sibling
    return [b.src.folded(d).lstrip("@") for d in (*reversed(before), *found)]


def _member_signature(b: GraphBuilder, types: JsTypes, node: ts.Node, scope: Scope) -> Scope | None:
    """An interface's method or property signature, or an abstract method: a member.

    Only members of an interface body or an abstract class: a method
    signature in a class body is an overload, whose implementation follows.
    """
    parent = node.parent
    in_interface = parent is not None and parent.type in ("interface_body", "object_type")
    if scope.kind != "class" or not (in_interface or node.type == "abstract_method_signature"):
        return None
    if node.type == "property_signature":
        name_node = node.child_by_field_name("name")
        name = b.src.text(name_node)
        if not name:
            return None
        declared = types.variable_type(node, node, None)
        b.add_variable(
            node, name_node or node, scope, name, {"declared_type": declared} if declared else {}
        )
        return None
    return _method(b, types, node, scope)


def _field(b: GraphBuilder, types: JsTypes, node: ts.Node, scope: Scope) -> Scope | None:
    """A class field: a METHOD when it holds a function, else a VARIABLE."""
    if scope.kind != "class":
        return None
    src = b.src
    name_node = node.child_by_field_name("property") or node.child_by_field_name("name")
    name = src.text(name_node)
    if not name:
        return None
    value = node.child_by_field_name("value")
    if value is not None and value.type in _FUNCTION_VALUES:
        return _function(b, types, node, value, name, name_node, scope, NodeType.METHOD)
    attrs: NodeAttrs = {}
    if value is not None and value.type == "new_expression":
        attrs["assigned_call"] = src.folded(value.child_by_field_name("constructor"))
    annotation = node.child_by_field_name("type")
    if annotation is not None:
        attrs["annotation"] = src.folded(annotation).lstrip(": ")
    declared = types.variable_type(node, node, value)
    if declared:
        attrs["declared_type"] = declared
    if any(c.type == "static" for c in node.children):
        attrs["static"] = True
    decorators = _decorators(b, node)
    if decorators:
        # A validated DTO's field (`@IsInt() limit: number`): dataflow reads them.
        attrs["decorators"] = decorators
    b.add_variable(node, name_node or node, scope, name, attrs)
    return None


def _default_made(right: ts.Node | None) -> ts.Node | None:
    """The `new` making a default object (`repository || new Repository()`, `??`)."""
    if right is None or right.type != "binary_expression":
        return None
    op = right.child_by_field_name("operator")
    made = right.child_by_field_name("right")
    if op is None or op.type not in ("||", "??") or made is None or made.type != "new_expression":
        return None
    return made


def _declarator(b: GraphBuilder, types: JsTypes, node: ts.Node, scope: Scope) -> Scope | None:
    """`const f = () => ...` (a FUNCTION), `let x = new C()` (a VARIABLE)..."""
    src = b.src
    name_node = node.child_by_field_name("name")
    value = node.child_by_field_name("value")
    if name_node is None:
        return None
    if name_node.type != "identifier":
        types.bind_pattern(name_node, value)  # `const {a, b} = ...`
        return None
    name = src.text(name_node)
    stmt = node.parent if node.parent is not None else node
    if value is not None and value.type in _FUNCTION_VALUES:
        return _function(b, types, stmt, value, name, name_node, scope, NodeType.FUNCTION)
    attrs: NodeAttrs = {}
    if value is not None and value.type in ("new_expression", "call_expression"):
        fn = value.child_by_field_name("constructor") or value.child_by_field_name("function")
        attrs["assigned_call"] = src.folded(fn)
    annotation = node.child_by_field_name("type")
    if annotation is not None:
        attrs["annotation"] = src.folded(annotation).lstrip(": ")
    declared = types.variable_type(node, node, value)
    if declared:
        attrs["declared_type"] = declared
    # A local of a callback (an anonymous function: not a scope of its own)
    # gets no VARIABLE, which would be found from anywhere in the enclosing
    # function; the lexical facts of the calls on it carry what is known.
    in_callback = types.in_callback()
    callee = attrs.get("assigned_call")
    if declared:
        types.bind(name, declared)
        types.bind_element(name, node, node)
    elif isinstance(callee, str):
        # Typed through its call: the VARIABLE's, or (in a callback) the call's own.
        types.bind(name, "&" + callee if in_callback else VARIABLE)
    else:
        types.bind(name, types.local_type(value))  # else shadows outer bindings
    if scope.kind == "module":
        b.add_variable(stmt, name_node, scope, name, attrs)
    elif ("assigned_call" in attrs or declared) and not in_callback:
        b.add_variable(stmt, name_node, scope, name, {**attrs, "local": True})
    return None


def returned_class(node: ts.Node) -> bool:
    """Whether a class expression is what a function returns: an arrow's body, or
    a `return` at the function's top level (`(Base) => class extends Base {}`,
    `function Timestamped(Base) { return class extends Base {} }`)."""
    parent = node.parent
    while parent is not None and parent.type == "parenthesized_expression":
        node, parent = parent, parent.parent
    if parent is None:
        return False
    if parent.type == "arrow_function":
        return parent.child_by_field_name("body") == node
    block = parent.parent if parent.type == "return_statement" else None
    owner = block.parent if block is not None and block.type == "statement_block" else None
    return owner is not None and (
        owner.type in _FUNCTION_VALUES or owner.type == "function_declaration"
    )


def _returns_class(fn: ts.Node) -> bool:
    """Whether the function `fn` returns a class expression (`returned_class`)."""
    body = fn.child_by_field_name("body")
    if body is None:
        return False
    if body.type != "statement_block":
        while body.type == "parenthesized_expression" and body.named_child_count:
            body = body.named_children[0]
        return body.type == "class"
    for st in body.named_children:
        if st.type == "return_statement":
            value = next(iter(st.named_children), None)
            while value is not None and value.type == "parenthesized_expression":
                value = next(iter(value.named_children), None)
            if value is not None and value.type == "class":
                return True
    return False


def _exported_name(b: GraphBuilder, fn: ts.Node) -> tuple[str, ts.Node, ts.Node] | None:
    """The name a function expression is exported under at module level
    (`exports.f = ...`, `module.exports.f = ...`, `module.exports = { f: ... }`):
    (name, the construct, the name's node)."""
    parent = fn.parent
    if parent is None:
        return None
    if parent.type == "assignment_expression" and parent.child_by_field_name("right") == fn:
        left = parent.child_by_field_name("left")
        if left is not None and left.type == "member_expression":
            obj = b.src.folded(left.child_by_field_name("object"))
            prop = left.child_by_field_name("property")
            if obj in ("exports", "module.exports") and prop is not None:
                stmt = parent.parent if parent.parent is not None else parent
                return b.src.text(prop), stmt, prop
        return None
    if parent.type == "pair" and parent.child_by_field_name("value") == fn:
        literal = parent.parent
        assign = literal.parent if literal is not None else None
        key = parent.child_by_field_name("key")
        if (
            assign is not None
            and assign.type == "assignment_expression"
            and b.src.folded(assign.child_by_field_name("left")) == "module.exports"
            and key is not None
            and key.type in ("property_identifier", "string")
        ):
            return b.src.text(key).strip("\"'"), parent, key
    return None


def _assignment(
    b: GraphBuilder, types: JsTypes, node: ts.Node, stack: list[Scope], module: Scope
) -> None:
    """CommonJS exports (javascript_imports.py), else `this.x = new C()` or a typed
    `this.x = ...` (JSDoc `@type`, a cast, a typed parameter) in a method: a
    class attribute holding an instance."""
    if javascript_imports.on_exports_assignment(b, node, module):
        return
    left = node.child_by_field_name("left")
    right = node.child_by_field_name("right")
    if left is None or left.type != "member_expression":
        return
    if b.src.folded(left.child_by_field_name("object")) == "this" and len(stack) >= 3:
        owner = stack[-2]
        attrs: NodeAttrs = {}
        made = _default_made(right)
        if right is not None and right.type == "new_expression":
            attrs["assigned_call"] = b.src.folded(right.child_by_field_name("constructor"))
        elif made is not None:
            # `this.repository = repository || new CourseRepository(pool)`: the
            # object made when nothing is passed, whose methods its calls reach.
            attrs["assigned_call"] = b.src.folded(made.child_by_field_name("constructor"))
        elif right is not None and right.type == "call_expression":
            # `this.logger = this.getLogger()`: typed by what the call returns.
            attrs["assigned_call"] = b.src.folded(right.child_by_field_name("function"))
        declared = types.variable_type(node, node, right)
        if declared:
            attrs["declared_type"] = declared
        if owner.kind == "class" and attrs:
            prop_node = left.child_by_field_name("property") or left
            b.add_variable(
                node,
                prop_node,
                owner,
                b.src.text(left.child_by_field_name("property")),
                {**attrs, "via_self": True},
            )


# -- calls ------------------------------------------------------------------------------


def _call(b: GraphBuilder, types: JsTypes, node: ts.Node, scope: Scope) -> None:
    src = b.src
    is_new = node.type == "new_expression"
    fn = node.child_by_field_name("constructor" if is_new else "function")
    callee = src.folded(fn)
    receiver = None
    if fn is not None and fn.type == "member_expression":
        name = src.text(fn.child_by_field_name("property"))
        receiver = src.folded(fn.child_by_field_name("object"))
    else:
        name = callee
    args_node = node.child_by_field_name("arguments")
    if args_node is None:
        args: list[ts.Node] = []
    elif args_node.type == "template_string":
        args = [args_node]
    else:
        args = [a for a in args_node.named_children if a.type != "comment"]
    made = b.add_call(
        node,
        scope,
        name=name,
        callee=callee,
        args=args,
        receiver=receiver,
        signature=(callee, len(args), is_new),
        is_new=is_new,
        extra=types.call_attrs(fn),
    )
    types.made_call(node, made.id)
