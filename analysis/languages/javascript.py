"""JavaScript and TypeScript front end (one module: the grammars share their shapes).

Covers ES modules (import/export in all their forms), CommonJS (`require`,
`module.exports`, `exports.x`), classes and fields, named function
expressions and arrow functions bound to a name, calls and `new`.
Anonymous callbacks are not scopes of their own: their calls belong to the
enclosing named function, which is where a reader looks for them.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import tree_sitter as ts
import tree_sitter_javascript
import tree_sitter_typescript

from graphwarden.analysis.languages.base import (
    GraphBuilder,
    Scope,
    SourceText,
    callee_id_part,
    collect_parse_errors,
    pop_scopes,
    sorted_captures,
)
from graphwarden.analysis.model import (
    EdgeType,
    FileAnalysis,
    NodeType,
    definition_id,
    id_path,
    scoped_id,
)

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
"""
_JS_ONLY = "(field_definition) @field"
_TS_ONLY = """
(public_field_definition) @field
(abstract_class_declaration) @class
(interface_declaration) @type
(type_alias_declaration) @type
(enum_declaration) @type
"""

_FUNCTION_VALUES = {"arrow_function", "function_expression", "function", "generator_function"}


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


class _JsAnalysis:
    """State of one file's sweep."""

    def __init__(self, b: GraphBuilder, module_id: str) -> None:
        self.b = b
        self.src = b.src
        self.module_id = module_id
        #: Start bytes of `require(...)` calls already turned into IMPORT nodes.
        self.requires_done: set[int] = set()
        self.seen_vars: set[str] = set()

    # -- helpers --------------------------------------------------------------

    def text(self, node: ts.Node | None) -> str:
        return " ".join(self.src.text(node).split())

    def string_value(self, node: ts.Node | None) -> str | None:
        if node is None or node.type != "string":
            return None
        return self.src.text(node)[1:-1]

    def require_source(self, node: ts.Node | None) -> str | None:
        """'x' for `require('x')`, else None."""
        if node is None or node.type != "call_expression":
            return None
        fn = node.child_by_field_name("function")
        if fn is None or fn.type != "identifier" or self.src.text(fn) != "require":
            return None
        args = node.child_by_field_name("arguments")
        if args is None or args.named_child_count != 1:
            return None
        return self.string_value(args.named_children[0])

    def add_export(self, node: ts.Node, name: str, attrs: dict[str, Any]) -> None:
        attrs = {k: v for k, v in attrs.items() if v is not None}
        self.b.add_node(
            definition_id(self.b.file, NodeType.EXPORT, name),
            NodeType.EXPORT,
            name,
            node,
            signature=tuple(sorted(attrs.items())),
            attrs=attrs,
            parent=self.module_id,
            edge_type=EdgeType.DECLARES,
        )
        self.b.top_level_names.add("export:" + name)

    def params(self, fn_id: str, owner_path: str, params: ts.Node | None) -> None:
        for p in params.named_children if params else ():
            target = p
            if p.type in ("required_parameter", "optional_parameter"):
                target = p.child_by_field_name("pattern") or p
            if target.type == "assignment_pattern":
                target = target.child_by_field_name("left") or target
            if target.type == "comment":
                continue
            pname = self.text(target)
            if not pname:
                continue
            self.b.add_node(
                scoped_id(self.b.file, NodeType.PARAMETER, owner_path, pname),
                NodeType.PARAMETER,
                pname,
                p,
                parent=fn_id,
                edge_type=EdgeType.HAS_PARAMETER,
            )

    def function(
        self,
        outer: ts.Node,
        fn: ts.Node,
        name: str,
        name_node: ts.Node | None,
        scope: Scope,
        kind: str,
        extra: dict[str, Any] | None = None,
    ) -> Scope:
        params = fn.child_by_field_name("parameters")
        if params is None and fn.type == "arrow_function":
            params = fn.child_by_field_name("parameter")
        ret = fn.child_by_field_name("return_type")
        signature = self.text(params) if params is not None else "()"
        if params is not None and params.type == "identifier":
            signature = f"({signature})"
        if ret is not None:
            signature += self.text(ret)
        attrs: dict[str, Any] = {
            "qualname": scope.child_qualname(name),
            "signature": signature,
            "sel": list(self.src.range_of(name_node or fn)),
            **(extra or {}),
        }
        if fn.children and fn.children[0].type == "async":
            attrs["async"] = True
        node = self.b.add_node(
            definition_id(self.b.file, kind, scope.child_path(name)),
            kind,
            name,
            outer,
            signature=(signature, tuple(sorted((extra or {}).items()))),
            attrs=attrs,
            parent=scope.node_id,
        )
        if scope.kind == "module":
            self.b.top_level_names.add(name)
        path = id_path(node.id)
        self.params(node.id, path, params)
        return Scope(outer.end_byte, "function", attrs["qualname"], node.id, path)

    # -- constructs -------------------------------------------------------------

    def on_function(self, node: ts.Node, scope: Scope) -> Scope:
        name_node = node.child_by_field_name("name")
        name = self.src.text(name_node) or "<anonymous>"
        return self.function(node, node, name, name_node, scope, NodeType.FUNCTION)

    def on_class(self, node: ts.Node, scope: Scope, kind: str | None = None) -> Scope:
        name_node = node.child_by_field_name("name")
        name = self.src.text(name_node) or "<anonymous>"
        bases: list[str] = []
        implements: list[str] = []
        for child in node.children:
            if child.type == "class_heritage":
                for h in child.named_children:
                    if h.type == "extends_clause":
                        bases.extend(self.text(v) for v in h.children_by_field_name("value"))
                    elif h.type == "implements_clause":
                        implements.extend(self.text(v) for v in h.named_children)
                    else:  # JavaScript: the heritage is the base expression itself
                        bases.append(self.text(h))
            elif child.type == "extends_type_clause":  # interface I extends A, B
                bases.extend(self.text(v) for v in child.named_children)
        decorators = [self.text(d).lstrip("@") for d in node.children if d.type == "decorator"]
        attrs: dict[str, Any] = {
            "qualname": scope.child_qualname(name),
            "sel": list(self.src.range_of(name_node or node)),
        }
        if bases:
            attrs["bases"] = bases
        if implements:
            attrs["implements"] = implements
        if decorators:
            attrs["decorators"] = decorators
        if kind:
            attrs["kind"] = kind
        if node.type == "abstract_class_declaration":
            attrs["abstract"] = True
        cls = self.b.add_node(
            definition_id(self.b.file, NodeType.CLASS, scope.child_path(name)),
            NodeType.CLASS,
            name,
            node,
            signature=(tuple(bases), tuple(implements), tuple(decorators), kind),
            attrs=attrs,
            parent=scope.node_id,
        )
        if scope.kind == "module":
            self.b.top_level_names.add(name)
        return Scope(node.end_byte, "class", attrs["qualname"], cls.id, id_path(cls.id))

    def on_method(self, node: ts.Node, scope: Scope) -> Scope | None:
        if scope.kind != "class":  # object-literal methods: not class members
            return None
        name_node = node.child_by_field_name("name")
        name = self.src.text(name_node) or "<anonymous>"
        extra: dict[str, Any] = {}
        for c in node.children:
            if c.type in ("get", "set"):
                extra["accessor"] = c.type
            elif c.type == "static":
                extra["static"] = True
        return self.function(node, node, name, name_node, scope, NodeType.METHOD, extra)

    def on_field(self, node: ts.Node, scope: Scope) -> Scope | None:
        if scope.kind != "class":
            return None
        name_node = node.child_by_field_name("property") or node.child_by_field_name("name")
        name = self.src.text(name_node)
        if not name:
            return None
        value = node.child_by_field_name("value")
        if value is not None and value.type in _FUNCTION_VALUES:
            return self.function(node, value, name, name_node, scope, NodeType.METHOD)
        attrs: dict[str, Any] = {}
        if value is not None and value.type == "new_expression":
            attrs["assigned_call"] = self.text(value.child_by_field_name("constructor"))
        annotation = node.child_by_field_name("type")
        if annotation is not None:
            attrs["annotation"] = self.text(annotation).lstrip(": ")
        self.b.add_variable(node, name_node or node, scope, name, attrs, self.seen_vars)
        return None

    def on_declarator(self, node: ts.Node, scope: Scope) -> Scope | None:
        name_node = node.child_by_field_name("name")
        value = node.child_by_field_name("value")
        if name_node is None:
            return None
        source = self.require_source(value)
        if source is not None and value is not None:
            self.requires_done.add(value.start_byte)
            if name_node.type == "identifier":
                self.b.add_import(
                    node,
                    scope,
                    self.src.text(name_node),
                    {"source": source, "imported": "*", "kind": "require"},
                )
            elif name_node.type == "object_pattern":
                for prop in name_node.named_children:
                    if prop.type == "shorthand_property_identifier_pattern":
                        local = self.src.text(prop)
                        self.b.add_import(
                            prop,
                            scope,
                            local,
                            {"source": source, "imported": local, "kind": "require"},
                        )
                    elif prop.type == "pair_pattern":
                        key = self.src.text(prop.child_by_field_name("key"))
                        local = self.text(prop.child_by_field_name("value"))
                        self.b.add_import(
                            prop,
                            scope,
                            local,
                            {"source": source, "imported": key, "alias": local, "kind": "require"},
                        )
            return None
        if name_node.type != "identifier":
            return None
        name = self.src.text(name_node)
        stmt = node.parent if node.parent is not None else node
        if value is not None and value.type in _FUNCTION_VALUES:
            return self.function(stmt, value, name, name_node, scope, NodeType.FUNCTION)
        attrs: dict[str, Any] = {}
        if value is not None and value.type in ("new_expression", "call_expression"):
            fn = value.child_by_field_name("constructor") or value.child_by_field_name("function")
            attrs["assigned_call"] = self.text(fn)
        annotation = node.child_by_field_name("type")
        if annotation is not None:
            attrs["annotation"] = self.text(annotation).lstrip(": ")
        if scope.kind == "module":
            self.b.add_variable(stmt, name_node, scope, name, attrs, self.seen_vars)
        elif "assigned_call" in attrs:
            self.b.add_variable(
                stmt, name_node, scope, name, {**attrs, "local": True}, self.seen_vars
            )
        return None

    def on_call(self, node: ts.Node, scope: Scope) -> None:
        is_new = node.type == "new_expression"
        fn = node.child_by_field_name("constructor" if is_new else "function")
        src_str = None if is_new else self.require_source(node)
        if src_str is not None:
            if node.start_byte not in self.requires_done:
                self.b.add_import(node, scope, src_str, {"source": src_str, "kind": "require"})
            return
        callee = self.text(fn)
        receiver = None
        if fn is not None and fn.type == "member_expression":
            name = self.src.text(fn.child_by_field_name("property"))
            receiver = self.text(fn.child_by_field_name("object"))
        else:
            name = callee
        args_node = node.child_by_field_name("arguments")
        if args_node is None:
            args: list[ts.Node] = []
        elif args_node.type == "template_string":
            args = [args_node]
        else:
            args = [a for a in args_node.named_children if a.type != "comment"]
        attrs: dict[str, Any] = {"callee": callee, "args": len(args)}
        if receiver is not None:
            attrs["receiver"] = receiver
        if is_new:
            attrs["new"] = True
        arg_names = [self.src.text(a) for a in args if a.type == "identifier"]
        if arg_names:
            attrs["arg_names"] = arg_names
        part = ("new " if is_new else "") + callee_id_part(callee)
        n = scope.ordinal("call:" + part)
        self.b.add_node(
            scoped_id(self.b.file, NodeType.CALL, scope.call_scope, f"{part}#{n}"),
            NodeType.CALL,
            name,
            node,
            signature=(callee, len(args), is_new),
            attrs=attrs,
            parent=scope.node_id,
        )

    def on_import(self, node: ts.Node, scope: Scope) -> None:
        source = self.string_value(node.child_by_field_name("source")) or ""
        base = {"source": source, "kind": "esm"}
        clause = next((c for c in node.named_children if c.type == "import_clause"), None)
        if clause is None:  # import './side-effect'
            self.b.add_import(node, scope, source, base)
            return
        for c in clause.named_children:
            if c.type == "identifier":
                self.b.add_import(c, scope, self.src.text(c), {**base, "imported": "default"})
            elif c.type == "namespace_import":
                local = self.src.text(c.named_children[-1]) if c.named_child_count else "*"
                self.b.add_import(c, scope, local, {**base, "imported": "*"})
            elif c.type == "named_imports":
                for spec in c.named_children:
                    if spec.type != "import_specifier":
                        continue
                    imported = self.src.text(spec.child_by_field_name("name"))
                    alias_node = spec.child_by_field_name("alias")
                    local = self.src.text(alias_node) if alias_node else imported
                    self.b.add_import(
                        spec,
                        scope,
                        local,
                        {**base, "imported": imported, "alias": self.src.text(alias_node) or None},
                    )

    def on_export(self, node: ts.Node) -> None:
        source = self.string_value(node.child_by_field_name("source"))
        is_default = any(c.type == "default" for c in node.children)
        decl = node.child_by_field_name("declaration")
        value = node.child_by_field_name("value")
        if decl is not None:
            names: list[str] = []
            name_node = decl.child_by_field_name("name")
            if name_node is not None:
                names.append(self.src.text(name_node))
            elif decl.type in ("lexical_declaration", "variable_declaration"):
                for d in decl.named_children:
                    n = d.child_by_field_name("name") if d.type == "variable_declarator" else None
                    if n is not None and n.type == "identifier":
                        names.append(self.src.text(n))
            for local in names:
                self.add_export(node, "default" if is_default else local, {"local": local})
            if is_default and not names:
                self.add_export(node, "default", {})
            return
        if is_default:
            local = (
                self.src.text(value) if value is not None and value.type == "identifier" else None
            )
            self.add_export(node, "default", {"local": local})
            return
        clause = next((c for c in node.named_children if c.type == "export_clause"), None)
        if clause is not None:
            for spec in clause.named_children:
                if spec.type != "export_specifier":
                    continue
                local = self.src.text(spec.child_by_field_name("name"))
                alias_node = spec.child_by_field_name("alias")
                exported = self.src.text(alias_node) if alias_node else local
                if source is not None:
                    self.add_export(spec, exported, {"source": source, "imported": local})
                else:
                    self.add_export(spec, exported, {"local": local})
            return
        ns = next((c for c in node.named_children if c.type == "namespace_export"), None)
        if ns is not None and source is not None:
            alias = self.src.text(ns.named_children[-1]) if ns.named_child_count else "*"
            self.add_export(node, alias, {"source": source, "imported": "*"})
        elif source is not None:  # export * from './x'
            self.add_export(node, "*", {"source": source, "imported": "*"})

    def on_assign(self, node: ts.Node, scope: Scope, stack: list[Scope]) -> None:
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        if left is None or left.type != "member_expression":
            return
        lhs = self.text(left)
        obj = self.text(left.child_by_field_name("object"))
        prop = self.src.text(left.child_by_field_name("property"))
        right_ident = (
            self.src.text(right) if right is not None and right.type == "identifier" else None
        )
        if lhs == "module.exports":
            if right is not None and right.type == "object":
                for p in right.named_children:
                    if p.type == "shorthand_property_identifier":
                        name = self.src.text(p)
                        self.add_export(p, name, {"local": name, "kind": "cjs"})
                    elif p.type == "pair":
                        key = self.src.text(p.child_by_field_name("key")).strip("\"'")
                        val = p.child_by_field_name("value")
                        local = (
                            self.src.text(val)
                            if val is not None and val.type == "identifier"
                            else None
                        )
                        self.add_export(p, key, {"local": local, "kind": "cjs"})
            else:
                self.add_export(node, "default", {"local": right_ident, "kind": "cjs"})
        elif obj in ("exports", "module.exports"):
            self.add_export(node, prop, {"local": right_ident, "kind": "cjs"})
        elif (
            obj == "this"
            and right is not None
            and right.type == "new_expression"
            and len(stack) >= 3
        ):
            owner = stack[-2]
            if owner.kind == "class":
                ctor = self.text(right.child_by_field_name("constructor"))
                prop_node = left.child_by_field_name("property") or left
                self.b.add_variable(
                    node,
                    prop_node,
                    owner,
                    prop,
                    {"assigned_call": ctor, "via_self": True},
                    self.seen_vars,
                )


def analyse(file: str, data: bytes, parser: ts.Parser | None = None) -> FileAnalysis:
    """Parse one JavaScript/TypeScript file and return its nodes, edges and parse errors."""
    dialect = dialect_for(file)
    parser = parser or ts.Parser(DIALECTS[dialect])
    tree = parser.parse(data)
    root = tree.root_node
    src = SourceText(data)
    captures = ts.QueryCursor(_query(dialect)).captures(root)
    comments = captures.pop("comment", [])
    language = "typescript" if dialect != "javascript" else "javascript"
    b = GraphBuilder(file, language, src, comments)
    module = b.add_module(root)
    st = _JsAnalysis(b, module.id)
    stack = [Scope(root.end_byte, "module", "", module.id)]

    for kind, node in sorted_captures(captures):
        scope = pop_scopes(stack, node.start_byte)
        new_scope: Scope | None = None
        if kind == "function":
            new_scope = st.on_function(node, scope)
        elif kind == "class":
            new_scope = st.on_class(node, scope)
        elif kind == "type":
            new_scope = st.on_class(node, scope, kind=node.type.removesuffix("_declaration"))
        elif kind == "method":
            new_scope = st.on_method(node, scope)
        elif kind == "field":
            new_scope = st.on_field(node, scope)
        elif kind == "declarator":
            new_scope = st.on_declarator(node, scope)
        elif kind == "call":
            st.on_call(node, scope)
        elif kind == "import":
            st.on_import(node, scope)
        elif kind == "export":
            st.on_export(node)
        elif kind == "assign":
            st.on_assign(node, scope, stack)
        if new_scope is not None:
            stack.append(new_scope)

    return b.finish(module, collect_parse_errors(file, root, src))
