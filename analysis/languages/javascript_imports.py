"""JavaScript/TypeScript imports and exports: what crosses a module's boundary.

ES modules (``import`` and ``export`` in all their forms) and CommonJS
(``require``, ``module.exports = ...``, ``exports.x = ...``) become the same
records: one IMPORT node per binding and one EXPORT node per exported name,
with the attributes the imports enricher resolves (``source``,
``imported``, ``alias``, ``local``, ``kind``: "esm", "require", "cjs").

Invariant: a ``require('x')`` call is one IMPORT, never also a CALL: bound by
a declarator (``const m = require('x')``, ``const {a} = require('x')``) it
is that declarator's binding(s); anywhere else it is a side-effect import
named after its specifier.
"""

from __future__ import annotations

import tree_sitter as ts

from graphwarden.analysis.languages.base import GraphBuilder, Scope
from graphwarden.analysis.model import NodeAttrs

# -- ES modules -------------------------------------------------------------------------


def string_value(b: GraphBuilder, node: ts.Node | None) -> str | None:
    """The content of a string literal node (quotes removed), else None."""
    if node is None or node.type != "string":
        return None
    return b.src.text(node)[1:-1]


def on_import(b: GraphBuilder, node: ts.Node, scope: Scope) -> None:
    """``import ... from 'x'``: one IMPORT per binding (the specifier for a bare import)."""
    src = b.src
    source = string_value(b, node.child_by_field_name("source")) or ""
    base: NodeAttrs = {"source": source, "kind": "esm"}
    clause = next((c for c in node.named_children if c.type == "import_clause"), None)
    required = next((c for c in node.named_children if c.type == "import_require_clause"), None)
    if required is not None and required.named_child_count:
        # TypeScript's `import ldap = require("ldapjs")`: CommonJS's `const ldap =
        # require("ldapjs")`, written as an import.
        source = string_value(b, required.child_by_field_name("source")) or ""
        local = src.text(required.named_children[0])
        b.add_import(required, scope, local, {"source": source, "imported": "*", "kind": "require"})
        return
    if clause is None:  # import './side-effect'
        b.add_import(node, scope, source, base)
        return
    for c in clause.named_children:
        if c.type == "identifier":
            b.add_import(c, scope, src.text(c), {**base, "imported": "default"})
        elif c.type == "namespace_import":
            local = src.text(c.named_children[-1]) if c.named_child_count else "*"
            b.add_import(c, scope, local, {**base, "imported": "*"})
        elif c.type == "named_imports":
            for spec in c.named_children:
                if spec.type != "import_specifier":
                    continue
                imported = src.text(spec.child_by_field_name("name"))
                alias_node = spec.child_by_field_name("alias")
                local = src.text(alias_node) if alias_node else imported
                b.add_import(
                    spec,
                    scope,
                    local,
                    {**base, "imported": imported, "alias": src.text(alias_node) or None},
                )


def on_export(b: GraphBuilder, node: ts.Node, module: Scope) -> None:
    """``export ...``: one EXPORT per exported name (re-exports keep their source)."""
    src = b.src
    source = string_value(b, node.child_by_field_name("source"))
    is_default = any(c.type == "default" for c in node.children)
    decl = node.child_by_field_name("declaration")
    value = node.child_by_field_name("value")
    if decl is not None:
        names: list[str] = []
        name_node = decl.child_by_field_name("name")
        if name_node is not None:
            names.append(src.text(name_node))
        elif decl.type in ("lexical_declaration", "variable_declaration"):
            for d in decl.named_children:
                n = d.child_by_field_name("name") if d.type == "variable_declarator" else None
                if n is not None and n.type == "identifier":
                    names.append(src.text(n))
        for local in names:
            b.add_export(node, module, "default" if is_default else local, {"local": local})
        if is_default and not names:
            b.add_export(node, module, "default", {})
        return
    if is_default:
        exported = src.text(value) if value is not None and value.type == "identifier" else None
        b.add_export(node, module, "default", {"local": exported})
        return
    clause = next((c for c in node.named_children if c.type == "export_clause"), None)
    if clause is not None:
        for spec in clause.named_children:
            if spec.type != "export_specifier":
                continue
            local = src.text(spec.child_by_field_name("name"))
            alias_node = spec.child_by_field_name("alias")
            exported = src.text(alias_node) if alias_node else local
            if source is not None:
                b.add_export(spec, module, exported, {"source": source, "imported": local})
            else:
                b.add_export(spec, module, exported, {"local": local})
        return
    ns = next((c for c in node.named_children if c.type == "namespace_export"), None)
    if ns is not None and source is not None:
        alias = src.text(ns.named_children[-1]) if ns.named_child_count else "*"
        b.add_export(node, module, alias, {"source": source, "imported": "*"})
    elif source is not None:  # export * from './x'
        b.add_export(node, module, "*", {"source": source, "imported": "*"})


# -- CommonJS ---------------------------------------------------------------------------


def require_source(b: GraphBuilder, node: ts.Node | None) -> str | None:
    """'x' for a `require('x')` call node, else None."""
    if node is None or node.type != "call_expression":
        return None
    fn = node.child_by_field_name("function")
    if fn is None or fn.type != "identifier" or b.src.text(fn) != "require":
        return None
    args = node.child_by_field_name("arguments")
    if args is None or args.named_child_count != 1:
        return None
    return string_value(b, args.named_children[0])


def _declarator_of(call: ts.Node) -> ts.Node | None:
    """The named variable declarator whose value `call` is, if any."""
    parent = call.parent
    if parent is None or parent.type != "variable_declarator":
        return None
    if parent.child_by_field_name("name") is None or parent.child_by_field_name("value") != call:
        return None
    return parent


def on_require_declarator(b: GraphBuilder, node: ts.Node, scope: Scope) -> bool:
    """``const m = require('x')`` / ``const {a, b: c} = require('x')``: its bindings.

    True if the declarator binds a require (handled here), False otherwise.
    """
    name_node = node.child_by_field_name("name")
    if name_node is None:
        return False
    source = require_source(b, node.child_by_field_name("value"))
    if source is None:
        return False
    src = b.src
    if name_node.type == "identifier":
        b.add_import(
            node,
            scope,
            src.text(name_node),
            {"source": source, "imported": "*", "kind": "require"},
        )
    elif name_node.type == "object_pattern":
        for prop in name_node.named_children:
            if prop.type == "shorthand_property_identifier_pattern":
                local = src.text(prop)
                b.add_import(
                    prop, scope, local, {"source": source, "imported": local, "kind": "require"}
                )
            elif prop.type == "pair_pattern":
                key = src.text(prop.child_by_field_name("key"))
                local = src.folded(prop.child_by_field_name("value"))
                b.add_import(
                    prop,
                    scope,
                    local,
                    {"source": source, "imported": key, "alias": local, "kind": "require"},
                )
    return True


def on_require_call(b: GraphBuilder, node: ts.Node, scope: Scope) -> bool:
    """A ``require('x')`` call: True if it is one (it is then no CALL).

    One a declarator binds was recorded with the declarator; any other is a
    side-effect import named after its specifier.
    """
    if node.type == "new_expression":
        return False
    source = require_source(b, node)
    if source is None:
        return False
    if _declarator_of(node) is None:
        b.add_import(node, scope, source, {"source": source, "kind": "require"})
    return True


#: Syntax of a function expression (`const f = ...`, `exports.f = ...`).
FUNCTION_VALUES = frozenset(
    {"arrow_function", "function_expression", "function", "generator_function"}
)


def on_exports_assignment(b: GraphBuilder, node: ts.Node, module: Scope) -> bool:
    """``module.exports = ...`` / ``exports.x = ...``: EXPORTs of kind "cjs".

    True if the assignment was one (handled here), False otherwise.
    """
    src = b.src
    left = node.child_by_field_name("left")
    right = node.child_by_field_name("right")
    if left is None or left.type != "member_expression":
        return False
    right_ident = src.text(right) if right is not None and right.type == "identifier" else None
    if right is not None and right.type == "class":
        # `module.exports = class X {...}`: the class (javascript.py makes it) is exported.
        right_ident = src.text(right.child_by_field_name("name")) or None
    if src.folded(left) == "module.exports":
        if right is not None and right.type == "object":
            for p in right.named_children:
                if p.type == "shorthand_property_identifier":
                    name = src.text(p)
                    b.add_export(p, module, name, {"local": name, "kind": "cjs"})
                elif p.type == "pair":
                    key = src.text(p.child_by_field_name("key")).strip("\"'")
                    val = p.child_by_field_name("value")
                    local = src.text(val) if val is not None and val.type == "identifier" else None
                    if val is not None and val.type in FUNCTION_VALUES:
                        local = key  # a FUNCTION of that name (javascript.py makes it)
                    b.add_export(p, module, key, {"local": local, "kind": "cjs"})
        else:
            b.add_export(node, module, "default", {"local": right_ident, "kind": "cjs"})
        return True
    if src.folded(left.child_by_field_name("object")) in ("exports", "module.exports"):
        prop = src.text(left.child_by_field_name("property"))
        if right is not None and right.type in FUNCTION_VALUES:
            right_ident = prop  # a FUNCTION of that name (javascript.py makes it)
        b.add_export(node, module, prop, {"local": right_ident, "kind": "cjs"})
        return True
    return False
