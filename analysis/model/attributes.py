"""The attribute keys each node type carries: declared once, here.

Front ends fill these keys, the store persists them, enrichers and rules
read them, and the Datalog loader rejects a key no node type declares. A
key's meaning is the same for every node type that has it.
"""

from __future__ import annotations

from typing import TypedDict, cast

from graphwarden.analysis.model.types import NodeType

AttrValue = str | int | bool | list[str] | list[int] | dict[str, str] | None
#: A node's attributes as stored: keys from the TypedDicts below.
NodeAttrs = dict[str, AttrValue]


class _Located(TypedDict, total=False):
    #: Range of the name token (line, column, line, column): where a cursor
    #: lands for go-to-definition. A position: never a Datalog fact.
    sel: list[int]


class ModuleAttrs(TypedDict, total=False):
    #: First line of the module docstring.
    doc: str
    #: Python `__all__` (names a star import takes).
    all: list[str]
    #: Why the file was not (fully) analysed: binary, too large, unreadable...
    skipped: str
    #: JSDoc `@typedef {T} Name` of the module: name -> erased type.
    typedefs: dict[str, str]
    #: Data-flow sites of module-level code (see DefinitionAttrs). A position.
    sites: list[int]


class DefinitionAttrs(_Located, total=False):
    """CLASS, FUNCTION and METHOD."""

    #: Dotted name inside the file (`Repo.save`), without `#n` suffixes.
    qualname: str
    #: Parameter list (and return annotation) as written, whitespace folded.
    signature: str
    decorators: list[str]
    doc: str
    #: `async def` / `async function`.
    async_: bool
    #: Classes: base expressions as written (`models.Model`).
    bases: list[str]
    #: Python class keywords (`metaclass=...`).
    keywords: dict[str, str]
    #: TypeScript `implements` clauses.
    implements: list[str]
    #: JS/TS class-like kind: "interface", "type", "enum".
    kind: str
    abstract: bool
    #: JS methods: `static`.
    static: bool
    #: JS methods: "get" / "set" for accessors.
    accessor: str
    #: Functions and methods: the declared return type, erased to one class
    #: name (annotation, JSDoc `@returns`; languages/type_text.py).
    returns: str
    #: TypeScript `type X = Y`: Y erased to one class name.
    alias_of: str
    #: Functions: for a parameter of function type, its own parameters'
    #: declared types: "{parameter}.{callback parameter}" -> erased type.
    callback_params: dict[str, str]
    #: JS/TS functions that return a class expression (a mixin, `(Base) =>
    #: class extends Base {...}`): a base written `Mixin(Base)` extends it.
    returns_class: bool
    #: Functions: where their data-flow sites are (return statements, stores
    #: to objects that outlive the call), flattened ranges, 4 ints a site, in
    #: the order the data-flow facts number them. A position: never a fact.
    sites: list[int]


class VariableAttrs(_Located, total=False):
    qualname: str
    #: Callee text of the call assigned (`x = Repo()` -> "Repo").
    assigned_call: str
    #: Declared type as written.
    annotation: str
    #: Bound inside a function body.
    local: bool
    #: `self.x = ...` / `this.x = ...` inside a method.
    via_self: bool
    #: JS/TS class fields: `static`.
    static: bool
    #: TypeScript class fields: decorators as written (`IsInt()`).
    decorators: list[str]
    #: The declared type erased to one class name: annotation, JSDoc
    #: `@type`, a cast, or the typed parameter it is assigned from.
    declared_type: str
    #: The constant values the variable can take (its value domain), as
    #: Python or JS literal text (`'md5'`, `3`, `True`); absent when any
    #: assignment is not constant.
    values: list[str]
    #: The constant keys and attribute names the value is stored under in
    #: an object (`session["otp"] = code`, `user.reset_token = t`).
    stored_under: list[str]
    #: Class-level fields: the regular expression their declaration makes the
    #: value match (`RegexField(r"^[a-z]+$")`, `Field(pattern=...)`).
    pattern: str


class ParameterAttrs(TypedDict, total=False):
    annotation: str
    #: As a variable's.
    stored_under: list[str]


class ImportAttrs(TypedDict, total=False):
    #: The module specifier as written (`pkg.mod`, `./util`).
    source: str
    #: Python relative-import level (number of leading dots).
    level: int
    #: "import" | "from" (Python), "esm" | "require" (JS).
    kind: str
    #: The imported name (`from m import x` -> "x"; "*" for star, "default").
    imported: str
    alias: str
    #: Python: made under `if TYPE_CHECKING:` (never runs; a type checker reads it).
    type_checking: bool


class ExportAttrs(TypedDict, total=False):
    #: The local binding exported.
    local: str
    #: Re-exports: the module re-exported from, and the name taken.
    source: str
    imported: str
    #: "cjs" for `module.exports` / `exports.x`.
    kind: str


class CallAttrs(TypedDict, total=False):
    #: The callee expression as written (`self.repo.save`).
    callee: str
    #: The receiver of a method call (`self.repo`).
    receiver: str
    #: Number of arguments.
    args: int
    #: Arguments that are plain names (for callbacks passed by name).
    arg_names: list[str]
    #: Arguments that name a module constant (`AES.MODE_ECB`): rules about modes and flags.
    arg_consts: list[str]
    #: As a variable's: the keys its result is stored under (`data["token"] = f()`).
    stored_under: list[str]
    #: `new X()`.
    new: bool
    #: The first name of the callee is a parameter or local of an enclosing
    #: function with this declared type (erased)...
    head_type: str
    #: ...or a local of an enclosing function whose type is unknown: it
    #: must not resolve through a same-named binding further out.
    head_local: bool
    #: That binding is a parameter of the innermost named function (a
    #: PARAMETER node: what go-to-definition answers for `callback()`).
    head_param: bool
    #: Constant arguments after constant propagation, as ``pos=value`` or
    #: ``keyword=value`` (``0=md5``, ``shell=True``, ``2.secure=false`` for a
    #: property of an object-literal argument); several entries for one
    #: argument that can take several values.
    const_args: list[str]
    #: The callee through the import its first name binds (``hashlib.new`` for
    #: ``from hashlib import new; new(...)``, ``subprocess.run``).
    qualified: str
    #: What the call really calls, when value domains tell: ``obj.name`` for
    #: ``getattr(obj, "name")(...)`` and JS ``obj["name"](...)``.
    target: str
    #: The module a dynamic import loads, when its specifier is constant:
    #: ``importlib.import_module("pkg.mod")``, ``__import__``, ``require(NAME)``,
    #: ``import(NAME)``.
    imports: str
    #: A dynamic import, ``getattr`` or computed call whose name is not
    #: constant: the graph cannot see what it reaches (a coverage gap).
    dynamic: bool


class ExternalModuleAttrs(TypedDict, total=False):
    #: A placeholder for an import that should resolve inside the workspace.
    unresolved: bool


#: Python keyword-safe spelling in the TypedDicts -> the stored key.
_RENAMED = {"async_": "async"}


def _keys(*dicts: type) -> frozenset[str]:
    # A TypedDict's __annotations__ include the keys it inherits.
    return frozenset(_RENAMED.get(k, k) for d in dicts for k in d.__annotations__)


#: Declared attribute keys per node type.
ATTRIBUTE_KEYS: dict[NodeType, frozenset[str]] = {
    NodeType.MODULE: _keys(ModuleAttrs),
    NodeType.CLASS: _keys(DefinitionAttrs),
    NodeType.FUNCTION: _keys(DefinitionAttrs),
    NodeType.METHOD: _keys(DefinitionAttrs),
    NodeType.VARIABLE: _keys(VariableAttrs),
    NodeType.PARAMETER: _keys(ParameterAttrs),
    NodeType.IMPORT: _keys(ImportAttrs),
    NodeType.EXPORT: _keys(ExportAttrs),
    NodeType.CALL: _keys(CallAttrs),
    NodeType.EXTERNAL_MODULE: _keys(ExternalModuleAttrs),
}
#: Attributes that are positions: stored, never facts (rules, canary, equality of facts).
POSITION_KEYS = frozenset({"sel", "sites"})

#: What every node carries besides its attributes, as attr/3 sees it.
NODE_FIELD_DOCS: dict[str, str] = {
    "name": "the node's name (a call's name is its callee's last part)",
    "file": 'the workspace-relative file ("" for external modules)',
    "type": "the node type",
}
#: One line per attribute key (the TypedDicts above say which node types have it),
#: for `graphwarden rules` and documentation.
ATTRIBUTE_DOCS: dict[str, str] = {
    "doc": "first line of the docstring",
    "all": "Python `__all__` (the names a star import takes)",
    "skipped": "why the file was not (fully) analysed",
    "qualname": "dotted name inside the file (`Repo.save`)",
    "signature": "parameter list and return annotation as written",
    "decorators": "decorators as written, one fact each",
    "async": "`async def` / `async function`",
    "bases": "base class expressions as written, one fact each",
    "keywords": "Python class keywords: `keywords.metaclass` and so on",
    "implements": "TypeScript `implements` clauses",
    "kind": "class-like kind (interface, type, enum), import kind, or `cjs` export",
    "abstract": "an abstract class or method",
    "static": "a static method",
    "assigned_call": "callee of the call assigned (`x = Repo()` gives `Repo`)",
    "annotation": "the declared type as written",
    "local": "bound inside a function body (variables); the local binding (exports)",
    "via_self": "assigned as `self.x` / `this.x` in a method",
    "source": "the module specifier as written (`pkg.mod`, `./util`)",
    "level": "Python relative-import level (leading dots)",
    "imported": "the imported name (`*` for a star import, `default`)",
    "alias": "the name an import is bound to with `as`",
    "type_checking": "a Python import under `if TYPE_CHECKING:`",
    "callee": "the callee expression as written (`self.repo.save`)",
    "receiver": "the receiver of a method call (`self.repo`)",
    "args": "the number of arguments",
    "arg_names": "arguments that are plain names, one fact each",
    "arg_consts": "arguments that name a module constant (`AES.MODE_ECB`), one fact each",
    "new": "`new X()`",
    "unresolved": "a placeholder for an import that should resolve inside the workspace",
    # Declared types (front ends' python_types.py / javascript_types.py).
    "typedefs": "JSDoc `@typedef {T} Name` of the module: name to erased type",
    "accessor": "JS methods: `get` / `set` for accessors",
    "returns": "the declared return type, erased to one class name",
    "alias_of": "TypeScript `type X = Y`: Y erased to one class name",
    "callback_params": "declared types of a function-typed parameter's own parameters",
    "returns_class": "a JS/TS function returning a class expression (a mixin: `extends Mixin(Base)`)",
    "declared_type": "the declared type erased to one class name (annotation, `@type`, cast)",
    "head_type": "the declared type of the binding the callee's first name refers to",
    "head_local": "the callee's first name is a local of unknown type in an enclosing function",
    "head_param": "the callee's first name is a parameter of the enclosing function",
    # Value domains (front ends' data flow).
    "values": "the constant values a variable can take (its value domain), as literal text",
    "pattern": 'a class-level field\'s declared pattern (`RegexField(r"^[a-z]+$")`, `Field(pattern=...)`)',
    "pattern_name": "the module constant naming a class-level field's declared pattern (`RegexField(regex=LOCAL_PATH)`)",
    "checks": "what an attrs field's declaration converts or checks its value with (`converter:int`, `in`, `instance_of:str`)",
    "stored_under": 'the constant key or attribute name a value is stored under (`session["otp"] = code`)',
    "const_args": "constant arguments after constant propagation (`0=md5`, `shell=True`)",
    "qualified": "the callee through the import its first name binds (`subprocess.run`)",
    "target": "what a dynamic call calls when value domains tell (`obj.name` for getattr)",
    "imports": "the module a dynamic import loads when its specifier is constant",
    "dynamic": "a dynamic import, getattr or computed call whose name is not constant",
}


# -- typed reads ------------------------------------------------------------------------
# Stored attributes are a union (`AttrValue`); readers that need one type go
# through these, which answer None for a missing key or a value of another
# type instead of letting a malformed record raise deep inside resolution.


def str_attr(attrs: NodeAttrs, key: str) -> str | None:
    """`attrs[key]` if it is a string, else None."""
    value = attrs.get(key)
    return value if isinstance(value, str) else None


def int_attr(attrs: NodeAttrs, key: str) -> int | None:
    """`attrs[key]` if it is an integer (not a bool), else None."""
    value = attrs.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def base_order(attrs: NodeAttrs | None) -> tuple[int, int]:
    """Where an EXTENDS edge's base comes in member lookup: the base's position
    among those the class wrote (`index`), then, in a base written as mixins
    applied to a class (`Filterable(Countable(Base))`), the mixins' classes
    outermost first and the class they were given last (`applied`)."""
    a = attrs or {}
    return (int_attr(a, "index") or 0, int_attr(a, "applied") or 0)


def str_list_attr(attrs: NodeAttrs, key: str) -> list[str] | None:
    """`attrs[key]` if it is a list of strings, else None."""
    value = attrs.get(key)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        # Every item was just checked; a copy would cost on hot paths.
        return cast(list[str], value)
    return None
