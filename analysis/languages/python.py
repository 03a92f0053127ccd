"""Python front end: one `.py`/`.pyi` file to its shard of the code graph.

It reads the grammar and nothing else: every record is made by a
`GraphBuilder` method (languages/base.py), the same ones the JavaScript
front end uses. Inside function bodies it keeps only what resolution
needs: calls, local imports, ``x = Cls()`` (instance-of) and
``self.x = ...`` (class attributes). An import made under
``if TYPE_CHECKING:`` is marked ``type_checking`` (import-linter's
`exclude_type_checking_imports` leaves those out, as grimp does).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import tree_sitter as ts
import tree_sitter_python

from graphwarden.analysis.dataflow.switch import flow_for
from graphwarden.analysis.languages.base import GraphBuilder, Scope, pop_scopes, sorted_captures
from graphwarden.analysis.languages.py_patterns import NAMED, declared_pattern, pattern_aliases
from graphwarden.analysis.languages.python_flow import FlowCollector
from graphwarden.analysis.languages.python_types import PyTypes
from graphwarden.analysis.languages.source import (
    SourceText,
    collect_parse_errors,
    first_doc_line,
)
from graphwarden.analysis.model import FileAnalysis, Node, NodeAttrs, NodeType

LANGUAGE = ts.Language(tree_sitter_python.language())

_QUERY = ts.Query(
    LANGUAGE,
    """
    (function_definition) @function
    (class_definition) @class
    (call) @call
    (import_statement) @import
    (import_from_statement) @import_from
    (assignment) @assign
    (augmented_assignment) @augassign
    (comment) @comment
    (lambda) @lambda
    (list_comprehension) @comprehension
    (set_comprehension) @comprehension
    (dictionary_comprehension) @comprehension
    (generator_expression) @comprehension
    (for_statement) @for
    (as_pattern) @as
    """,
)

_PARAM_NAME_TYPES = {
    "identifier",
    "typed_parameter",
    "default_parameter",
    "typed_default_parameter",
    "list_splat_pattern",
    "dictionary_splat_pattern",
}


def analyse(file: str, data: bytes, parser: ts.Parser | None = None) -> FileAnalysis:
    """Parse one Python file and return its nodes, edges and parse errors."""
    parser = parser or ts.Parser(LANGUAGE)
    tree = parser.parse(data)
    root = tree.root_node
    src = SourceText(data)
    captures = ts.QueryCursor(_QUERY).captures(root)
    # In file order: the capture dict's lists are not (JSDoc typedefs are made,
    # and a name's first one wins, in the order of the comments).
    comments = sorted(captures.pop("comment", []), key=lambda c: c.start_byte)
    b = GraphBuilder(file, "python", src, comments)
    doc = _docstring(root, src)
    module = b.add_module(root, attrs={"doc": doc} if doc else {})
    stack = [Scope(root.end_byte, "module", "", module.id)]
    types = PyTypes(b)
    # `ProjectName = Annotated[str, StringConstraints(pattern=...)]`, for fields and
    # parameters declared with it.
    aliases = pattern_aliases(root, src)
    flow = FlowCollector(b, aliases)  # data flow: python_flow.py

    for kind, node in sorted_captures(captures):
        scope = pop_scopes(stack, node.start_byte)
        types.at(node.start_byte)
        if kind == "function":
            stack.append(_function(b, types, node, scope))
            flow.function(node, stack[-1], scope)
        elif kind == "class":
            stack.append(_class(b, node, scope))
        elif kind == "call":
            _call(b, types, node, scope)
        elif kind == "import":
            _import(b, node, scope)
        elif kind == "import_from":
            _import_from(b, node, scope)
        elif kind == "assign":
            _assignment(b, types, node, scope, stack, module, aliases)
            flow.assignment(node, scope, stack)
        elif kind == "augassign":
            flow.assignment(node, scope, stack)
            if scope.kind == "module":
                _augmented_all(module.attrs, node, src)
        elif kind == "lambda":
            types.enter_lambda(node)
        elif kind == "comprehension":
            types.enter_comprehension(node)
        elif kind == "for":
            types.for_loop(node)
        elif kind == "as":
            types.as_pattern(node)

    flow_facts = flow.finish(root, stack[0]) if flow_for(file) else None
    result = b.finish(module, collect_parse_errors(file, root, src))
    result.flow = flow_facts
    return result


# -- definitions ------------------------------------------------------------------------


def _docstring(body_owner: ts.Node, src: SourceText) -> str:
    """First line of the docstring of a module, class or function ("" if none)."""
    body = body_owner if body_owner.type == "module" else body_owner.child_by_field_name("body")
    if body is None or body.named_child_count == 0:
        return ""
    first = body.named_children[0]
    if first.type == "expression_statement" and first.named_child_count:
        lit = first.named_children[0]
        if lit.type == "string":
            return first_doc_line(src.text(lit))
    return ""


def _decorators(node: ts.Node, src: SourceText) -> tuple[ts.Node, list[str]]:
    """The node whose text includes the decorators, and the decorator texts."""
    parent = node.parent
    if parent is not None and parent.type == "decorated_definition":
        decos = [
            " ".join(src.text(d).lstrip("@").split())
            for d in parent.children
            if d.type == "decorator"
        ]
        return parent, decos
    return node, []


def _param_name(p: ts.Node, src: SourceText) -> str | None:
    t = p.type
    if t == "identifier":
        return src.text(p)
    if t in ("default_parameter", "typed_default_parameter"):
        return src.text(p.child_by_field_name("name"))
    if t == "typed_parameter":
        inner = p.named_children[0] if p.named_child_count else None
        return _param_name(inner, src) if inner is not None else None
    if t == "list_splat_pattern":
        return "*" + src.text(p.named_children[0]) if p.named_child_count else None
    if t == "dictionary_splat_pattern":
        return "**" + src.text(p.named_children[0]) if p.named_child_count else None
    return None


def _function(b: GraphBuilder, types: PyTypes, node: ts.Node, scope: Scope) -> Scope:
    src = b.src
    name_node = node.child_by_field_name("name")
    name = src.text(name_node) or "<anonymous>"
    kind = NodeType.METHOD if scope.kind == "class" else NodeType.FUNCTION
    outer, decorators = _decorators(node, src)
    params_node = node.child_by_field_name("parameters")
    ret = node.child_by_field_name("return_type")
    params_text = src.folded(params_node) if params_node else "()"
    signature = params_text + (f" -> {src.text(ret)}" if ret else "")
    fn = b.add_definition(
        kind,
        name,
        outer,
        scope,
        selection=name_node or node,
        signature=(signature, tuple(decorators)),
        signature_text=signature,
        attrs=types.function_attrs(node),
        decorators=decorators,
        is_async=bool(node.children) and node.children[0].type == "async",
        doc=_docstring(node, src),
    )
    types.enter_function(node, kind == NodeType.METHOD, decorators)
    for p in params_node.named_children if params_node else ():
        if p.type not in _PARAM_NAME_TYPES:
            continue
        pname = _param_name(p, src)
        if pname:
            b.add_parameter(fn, pname, p)
    return fn


def _class(b: GraphBuilder, node: ts.Node, scope: Scope) -> Scope:
    src = b.src
    name_node = node.child_by_field_name("name")
    name = src.text(name_node) or "<anonymous>"
    outer, decorators = _decorators(node, src)
    bases: list[str] = []
    keywords: dict[str, str] = {}
    supers = node.child_by_field_name("superclasses")
    for arg in supers.named_children if supers else ():
        if arg.type == "keyword_argument":
            keywords[src.text(arg.child_by_field_name("name"))] = src.text(
                arg.child_by_field_name("value")
            )
        elif arg.type not in ("comment", "list_splat", "dictionary_splat"):
            bases.append(src.folded(arg))
    attrs: NodeAttrs = {}
    if bases:
        attrs["bases"] = bases
    if keywords:
        attrs["keywords"] = keywords
    return b.add_definition(
        NodeType.CLASS,
        name,
        outer,
        scope,
        selection=name_node or node,
        signature=(tuple(bases), tuple(sorted(keywords.items())), tuple(decorators)),
        attrs=attrs,
        decorators=decorators,
        doc=_docstring(node, src),
    )


# -- calls ------------------------------------------------------------------------------


def _call(b: GraphBuilder, types: PyTypes, node: ts.Node, scope: Scope) -> None:
    src = b.src
    fn = node.child_by_field_name("function")
    callee = src.folded(fn)
    receiver = None
    if fn is not None and fn.type == "attribute":
        name = src.text(fn.child_by_field_name("attribute"))
        receiver = src.folded(fn.child_by_field_name("object"))
    else:
        name = callee
    args_node = node.child_by_field_name("arguments")
    args = [a for a in args_node.named_children if a.type != "comment"] if args_node else []
    b.add_call(
        node,
        scope,
        name=name,
        callee=callee,
        args=args,
        receiver=receiver,
        signature=(callee, len(args)),
        extra=types.call_attrs(callee),
    )


# -- imports ----------------------------------------------------------------------------


def _type_checking_only(node: ts.Node, src: SourceText) -> bool:
    """Whether a statement sits in the body of `if TYPE_CHECKING:` (or `if typing.TYPE_CHECKING:`).

    Walks up the parents (a loop, not recursion); `elif`/`else` branches run
    at run time and do not count.
    """
    child, parent = node, node.parent
    while parent is not None:
        if parent.type == "if_statement" and child == parent.child_by_field_name("consequence"):
            condition = parent.child_by_field_name("condition")
            text = "".join(src.text(condition).split()) if condition is not None else ""
            if text == "TYPE_CHECKING" or text.endswith(".TYPE_CHECKING"):
                return True
        child, parent = parent, parent.parent
    return False


def _import(b: GraphBuilder, node: ts.Node, scope: Scope) -> None:
    src = b.src
    marks: NodeAttrs = {"type_checking": True} if _type_checking_only(node, src) else {}
    for child in node.named_children:
        if child.type == "dotted_name":
            source = src.text(child)
            b.add_import(
                child,
                scope,
                source.split(".")[0],
                {"source": source, "level": 0, "kind": "import", **marks},
            )
        elif child.type == "aliased_import":
            source = src.text(child.child_by_field_name("name"))
            alias = src.text(child.child_by_field_name("alias"))
            b.add_import(
                child,
                scope,
                alias,
                {"source": source, "alias": alias, "level": 0, "kind": "import", **marks},
            )


def _import_from(b: GraphBuilder, node: ts.Node, scope: Scope) -> None:
    src = b.src
    module = node.child_by_field_name("module_name")
    level = 0
    source = ""
    if module is not None and module.type == "relative_import":
        for c in module.children:
            if c.type == "import_prefix":
                level = src.text(c).count(".")
            elif c.type == "dotted_name":
                source = src.text(c)
    elif module is not None:
        source = src.text(module)
    base: NodeAttrs = {"source": source, "level": level, "kind": "from"}
    if _type_checking_only(node, src):
        base["type_checking"] = True
    for child in node.children_by_field_name("name"):
        if child.type == "aliased_import":
            imported = src.text(child.child_by_field_name("name"))
            alias = src.text(child.child_by_field_name("alias"))
            b.add_import(child, scope, alias, {**base, "imported": imported, "alias": alias})
        else:
            imported = src.text(child)
            b.add_import(child, scope, imported, {**base, "imported": imported})
    for child in node.named_children:
        if child.type == "wildcard_import":
            b.add_import(child, scope, "*", {**base, "imported": "*"})


# -- variables and __all__ --------------------------------------------------------------


def _targets(left: ts.Node | None) -> list[ts.Node]:
    """Identifiers bound by an assignment's left side (tuples unpacked, iteratively)."""
    out: list[ts.Node] = []
    todo = [left] if left is not None else []
    while todo:
        n = todo.pop()
        if n.type == "identifier":
            out.append(n)
        elif n.type in ("pattern_list", "tuple_pattern", "list_pattern"):
            todo.extend(reversed(n.named_children))
    return out


#: The calls declaring an attrs field, whose `converter` and `validator` run when
#: an object is made (`attrs.field(converter=int)`, `attr.ib(validator=...)`).
_ATTRS_FIELDS = frozenset({"field", "ib", "attrib"})
#: Keywords handing a field its validators (attrs, marshmallow, WTForms).
_VALIDATOR_KEYWORDS = frozenset({"validator", "validate", "validators"})
#: Validators admitting only values they list.
_ONE_OF_CALLS = frozenset({"in_", "OneOf", "AnyOf"})


#: Calls that declare a GraphQL field with arguments (Graphene's `Field`, `List`,
#: `ConnectionField`, graphene-django's `DjangoFilterConnectionField`).
_GRAPHQL_FIELDS = ("Field", "List", "ConnectionField")
#: Calls that wrap an argument's type (`graphene.Argument(graphene.Int)`,
#: `graphene.NonNull(graphene.Int)`): the type is their first argument.
_TYPE_WRAPPERS = frozenset({"Argument", "NonNull"})


def _argument_types(node: ts.Node | None, src: SourceText) -> list[str]:
    """The types a class-level GraphQL field's declaration gives its keyword
    arguments, as `name:type` (`graphene.List(Order, first=graphene.Int(default_value=20))`:
    `first:graphene.Int`, also through `Argument(...)` and `NonNull(...)`): the
    arguments its resolver is handed, as Graphene converts them."""
    if node is None or node.type != "call":
        return []
    if not src.folded(node.child_by_field_name("function")).endswith(_GRAPHQL_FIELDS):
        return []
    args = node.child_by_field_name("arguments")
    out: list[str] = []
    for a in args.named_children if args is not None else ():
        if a.type != "keyword_argument":
            continue
        key = src.text(a.child_by_field_name("name"))
        value = a.child_by_field_name("value")
        for _ in range(3):
            if value is None or value.type != "call":
                break
            callee = src.folded(value.child_by_field_name("function"))
            given = value.child_by_field_name("arguments")
            first = (
                given.named_children[0] if given is not None and given.named_child_count else None
            )
            if callee.rpartition(".")[2] not in _TYPE_WRAPPERS or first is None:
                out.append(f"{key}:{callee}")
                break
            if first.type in ("identifier", "attribute"):
                out.append(f"{key}:{src.folded(first)}")
                break
            value = first
    return out


def _field_checks(node: ts.Node | None, src: SourceText) -> list[str]:
    """What a class-level field's declaration converts or checks its value with,
    as `converter:<name>` (`attrs.field(converter=int)`), `in` (one of listed
    values: attrs's `validators.in_(...)`, marshmallow's `validate.OneOf(...)`,
    WTForms's `AnyOf(...)`) or `instance_of:<type>` (attrs); the validators are a
    call or a list of them; empty for anything else."""
    if node is None or node.type != "call":
        return []
    callee = src.folded(node.child_by_field_name("function")).rpartition(".")[2]
    args = node.child_by_field_name("arguments")
    if args is None:
        return []
    out: set[str] = set()
    for a in args.named_children:
        if a.type != "keyword_argument":
            continue
        key = src.text(a.child_by_field_name("name"))
        value = a.child_by_field_name("value")
        if value is None:
            continue
        if (
            key == "converter"
            and callee in _ATTRS_FIELDS
            and value.type in ("identifier", "attribute")
        ):
            out.add("converter:" + src.folded(value))
        elif key in _VALIDATOR_KEYWORDS:
            calls = [value] if value.type == "call" else value.named_children
            if value.type not in ("call", "list", "tuple"):
                continue
            for call in calls:
                if call.type != "call":
                    continue
                name = src.folded(call.child_by_field_name("function")).rpartition(".")[2]
                given = call.child_by_field_name("arguments")
                first = given.named_children[0] if given and given.named_child_count else None
                if name in _ONE_OF_CALLS:
                    out.add("in")
                elif name == "instance_of" and first is not None:
                    types = first.named_children if first.type == "tuple" else [first]
                    out.update("instance_of:" + src.folded(t) for t in types)
    return sorted(out)


def _string_list(node: ts.Node | None, src: SourceText) -> list[str] | None:
    if node is None or node.type not in ("list", "tuple"):
        return None
    names = []
    for item in node.named_children:
        if item.type != "string":
            return None
        names.append(src.text(item).strip("\"'"))
    return names


def _augmented_all(module_attrs: NodeAttrs, node: ts.Node, src: SourceText) -> None:
    """`__all__ += [...]` extends the module's `all`."""
    left = node.child_by_field_name("left")
    if left is not None and src.text(left) == "__all__":
        extra = _string_list(node.child_by_field_name("right"), src)
        if extra is not None:
            current = module_attrs.get("all")
            module_attrs["all"] = [*(current if isinstance(current, list) else []), *extra]


#: Pydantic's validators an `Annotated[...]` type runs on a value, handed a
#: function by name (`AfterValidator(check_tenant)`).
_ANNOTATED_VALIDATOR = re.compile(
    r"\b(?:AfterValidator|BeforeValidator|PlainValidator)\(\s*([A-Za-z_]\w*)\s*\)"
)


def _annotated_validators(node: ts.Node | None, src: SourceText) -> list[str]:
    """The functions an `Annotated[...]` type (`Annotated[str,
    AfterValidator(check_tenant)]`) runs on a value, by name, in order."""
    if node is None or node.type not in ("subscript", "generic_type", "type"):
        return []
    text = src.text(node)
    if not text.startswith(("Annotated[", "typing.Annotated[", "typing_extensions.Annotated[")):
        return []
    return _ANNOTATED_VALIDATOR.findall(text)


def _default_made(right: ts.Node | None) -> ts.Node | None:
    """The call making a default object (`repository or SalesRepository()`): what
    the name holds when nothing is passed, whose methods its calls reach."""
    if right is None or right.type != "boolean_operator":
        return None
    op = right.child_by_field_name("operator")
    made = right.child_by_field_name("right")
    if op is None or op.type != "or" or made is None or made.type != "call":
        return None
    return made


def _assignment(
    b: GraphBuilder,
    types: PyTypes,
    node: ts.Node,
    scope: Scope,
    stack: list[Scope],
    module: Node,
    aliases: Mapping[str, str],
) -> None:
    src = b.src
    left = node.child_by_field_name("left")
    right = node.child_by_field_name("right")
    while right is not None and right.type == "assignment":  # a = b = value
        right = right.child_by_field_name("right")
    attrs: NodeAttrs = {}
    made = right if right is not None and right.type == "call" else _default_made(right)
    if made is not None:
        attrs["assigned_call"] = src.folded(made.child_by_field_name("function"))
    annotation = node.child_by_field_name("type")
    if annotation is not None:
        attrs["annotation"] = src.text(annotation)
    # `tenant: Annotated[str, AfterValidator(check)]`, or an alias of such a type.
    validators = _annotated_validators(annotation, src) or _annotated_validators(right, src)
    if validators:
        attrs["annotated_validators"] = validators
    declared = types.assignment(left, right, annotation)
    if declared:
        attrs["declared_type"] = declared

    if scope.kind == "class" and right is not None and right.type in ("identifier", "attribute"):
        # `form_class = ContactForm`: which class a view's hook receives.
        attrs["assigned_name"] = src.folded(right)
    if scope.kind == "class":
        pattern = declared_pattern(right, src) or declared_pattern(annotation, src, aliases)
        if pattern is not None and pattern.startswith(NAMED):
            attrs["pattern_name"] = pattern[len(NAMED) :]
        elif pattern is not None:
            attrs["pattern"] = pattern
        checks = _field_checks(right, src)
        if checks:
            attrs["checks"] = checks
        argument_types = _argument_types(right, src)
        if argument_types:
            attrs["argument_types"] = argument_types
    if scope.kind in ("module", "class"):
        for target in _targets(left):
            name = src.text(target)
            if scope.kind == "module" and name == "__all__":
                names = _string_list(right, src)
                if names is not None:
                    module.attrs["all"] = names
            b.add_variable(node, target, scope, name, attrs)
        return

    # Inside a function: only what resolution needs. `x = Cls()` (instance-of
    # for later `x.m()` calls) and `self.attr = ...` (a class attribute).
    if left is None:
        return
    if left.type == "identifier" and ("assigned_call" in attrs or declared):
        b.add_variable(node, left, scope, src.text(left), {**attrs, "local": True})
    elif left.type == "attribute" and len(stack) >= 3:
        obj = left.child_by_field_name("object")
        owner = stack[-2]
        if owner.kind == "class" and obj is not None and src.text(obj) in ("self", "cls"):
            attr_node = left.child_by_field_name("attribute")
            if attr_node is not None:
                b.add_variable(
                    node, attr_node, owner, src.text(attr_node), {**attrs, "via_self": True}
                )
