"""Regular expressions Python declarations constrain a value to: a field's
(`Field(pattern=...)`, `RegexValidator(...)`, `constr(regex=...)`) and a FastAPI
parameter's (`q: str = Query(pattern=...)`, `Annotated[str, Query(pattern=...)]`).
Read by the graph's front end (a class field's `pattern` attribute) and by the
data-flow front end (a parameter's declared pattern)."""

from __future__ import annotations

import ast
from collections.abc import Mapping

import tree_sitter as ts

from graphwarden.analysis.languages.source import SourceText

#: Calls whose first argument is the pattern a field's value must match.
_PATTERN_CALLS = frozenset({"RegexField", "Regexp", "RegexValidator"})
#: attrs's validator of a pattern: it matches the whole value (`re.fullmatch`)
#: unless handed another `func`.
_FULL_PATTERN_CALLS = frozenset({"matches_re"})
#: Marks a declared pattern given by a name (`pattern_name`), not a literal.
NAMED = "\x00"
#: Keywords naming that pattern (`Field(pattern=...)`, `constr(regex=...)`).
_PATTERN_KEYWORDS = frozenset({"regex", "pattern"})


def declared_pattern(
    node: ts.Node | None, src: SourceText, aliases: Mapping[str, str] | None = None
) -> str | None:
    """The pattern a declaration (a call, an annotation) constrains its value to:
    the regular expression, or `NAMED` and the module constant's name; None when
    there is none (or two). `aliases`: the module's type aliases that declare one
    (`pattern_aliases`), for a type annotation only (a default value named like
    one is no type)."""
    return _declared_pattern(node, src, 0, aliases or {})


def pattern_aliases(root: ts.Node, src: SourceText) -> dict[str, str]:
    """The module's type aliases that constrain a value to a pattern, by name:
    `ProjectName = Annotated[str, StringConstraints(pattern=r"...")]`,
    `Slug = constr(pattern=r"...")` (a field or parameter declared `ProjectName`
    holds what the pattern matches). Only literal patterns, each name assigned once."""
    found: dict[str, str | None] = {}
    for stmt in root.named_children:
        if stmt.type != "expression_statement" or stmt.named_child_count != 1:
            continue
        node = stmt.named_children[0]
        if node.type != "assignment":
            continue
        left = node.child_by_field_name("left")
        if left is None or left.type != "identifier":
            continue
        name = src.text(left)
        right = node.child_by_field_name("right")
        if not _is_type_expression(right, src):
            continue  # `SLUG = re.compile(pattern=...)` declares no type
        pattern = _declared_pattern(right, src, 0, {})
        # Assigned twice: which one a declaration means depends on the order.
        found[name] = None if name in found else pattern
    return {k: v for k, v in found.items() if v is not None and not v.startswith(NAMED)}


#: Calls that make a constrained string type (`Slug = constr(pattern=...)`).
_TYPE_CALLS = frozenset({"constr"})


def _is_type_expression(node: ts.Node | None, src: SourceText) -> bool:
    """Whether an assigned value is a type: `Annotated[str, ...]` or `constr(...)`."""
    if node is None:
        return False
    if node.type in ("subscript", "generic_type"):
        head = node.named_children[0] if node.named_child_count else None
        return head is not None and src.folded(head).rpartition(".")[2] == "Annotated"
    if node.type == "call":
        callee = src.folded(node.child_by_field_name("function")).rpartition(".")[2]
        return callee in _TYPE_CALLS
    return False


def _declared_pattern(
    node: ts.Node | None, src: SourceText, depth: int, aliases: Mapping[str, str]
) -> str | None:
    """The regular expression a class-level field declaration constrains its value
    to, when written as a constant: `serializers.RegexField(r"^[a-z]+$")`,
    `CharField(validators=[RegexValidator(r"...")])`, `Field(pattern=r"...")`,
    `constr(pattern=...)` as an annotation, or a type alias of one. None when there
    is none (or two)."""
    if node is None or depth > 5:
        return None
    if node.type == "identifier":
        return aliases.get(src.text(node))
    if node.type == "call":
        callee = src.folded(node.child_by_field_name("function")).rpartition(".")[2]
        args = node.child_by_field_name("arguments")
        if callee in _FULL_PATTERN_CALLS:
            given = args.named_children if args is not None else []
            if (
                not given
                or len(given) > 2
                or any(
                    a.type == "keyword_argument"
                    and src.text(a.child_by_field_name("name")) == "func"
                    for a in given
                )
            ):
                return None  # another matching function (`func=re.search`), or none
            pattern = _string_constant(given[0], src)
            if pattern is None:
                return None
            # As searched: anchored at both ends (a group only around alternatives).
            return f"\\A(?:{pattern})\\Z" if "|" in pattern else f"\\A{pattern}\\Z"
        found: list[str] = []
        for i, a in enumerate(args.named_children if args is not None else ()):
            if a.type == "keyword_argument":
                key = src.text(a.child_by_field_name("name"))
                value = a.child_by_field_name("value")
                got = (
                    _pattern_text(value, src)
                    if key in _PATTERN_KEYWORDS
                    else _declared_pattern(value, src, depth + 1, aliases)
                )
            elif i == 0 and callee in _PATTERN_CALLS:
                got = _pattern_text(a, src)
            else:
                got = _declared_pattern(a, src, depth + 1, aliases)
            if got is not None:
                found.append(got)
        return found[0] if len(found) == 1 else None
    if node.type in ("list", "tuple", "subscript", "generic_type", "type", "type_parameter"):
        found = [
            got
            for c in node.named_children
            if (got := _declared_pattern(c, src, depth + 1, aliases)) is not None
        ]
        return found[0] if len(found) == 1 else None
    return None


def _pattern_text(node: ts.Node | None, src: SourceText) -> str | None:
    """A pattern written as a string literal, or a module constant's name after
    `NAMED` (`regex=LOCAL_PATH`: the engine reads the constant's value)."""
    if node is not None and node.type == "identifier":
        return NAMED + src.text(node)
    return _string_constant(node, src)


def _string_constant(node: ts.Node | None, src: SourceText) -> str | None:
    """A plain string literal's value (`r"^\\d+$"`); None for anything else."""
    if node is None or node.type != "string":
        return None
    if any(c.type == "interpolation" for c in node.named_children):
        return None
    try:
        value = ast.literal_eval(src.text(node))
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None
    return value if isinstance(value, str) else None
