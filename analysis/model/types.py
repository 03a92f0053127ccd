"""Node and edge types, and the codes the store persists for them.

Types are `StrEnum`s: a member *is* its name as a string, so records,
Datalog constants and JSON carry plain strings while code gets a closed set
a type checker can see. Codes are persisted in the store (one byte in keys):
a code is never renumbered or reused, so a type that is retired keeps its
code reserved in the tables below.
"""

from __future__ import annotations

from enum import StrEnum


class NodeType(StrEnum):
    MODULE = "MODULE"
    CLASS = "CLASS"
    FUNCTION = "FUNCTION"
    METHOD = "METHOD"
    VARIABLE = "VARIABLE"
    PARAMETER = "PARAMETER"
    IMPORT = "IMPORT"
    EXPORT = "EXPORT"
    CALL = "CALL"
    EXTERNAL_MODULE = "EXTERNAL_MODULE"


class EdgeType(StrEnum):
    # Structure, from the front ends.
    CONTAINS = "CONTAINS"
    DECLARES = "DECLARES"
    HAS_PARAMETER = "HAS_PARAMETER"
    # Resolution, from the enrichers.
    IMPORTS = "IMPORTS"
    IMPORTS_FROM = "IMPORTS_FROM"
    CALLS = "CALLS"
    EXTENDS = "EXTENDS"
    INSTANCE_OF = "INSTANCE_OF"
    PASSES_ARGUMENT = "PASSES_ARGUMENT"
    UNREFERENCED = "UNREFERENCED"
    # Declared types, from the types enricher.
    #: A variable or parameter -> the class its declared type names.
    HAS_TYPE = "HAS_TYPE"
    #: A function or method -> the class its declared return type names.
    RETURNS_TYPE = "RETURNS_TYPE"
    #: A call -> each class whose members its receiver was resolved through
    #: (what puts the call's file in the blast radius when they change).
    USES_TYPE = "USES_TYPE"
    # Data flow inside a function or module body, from the front ends
    # (FLOWS_INTO also from the dataflow enricher: an argument into the
    # parameter of the function a call resolves to).
    ASSIGNED_FROM = "ASSIGNED_FROM"
    FLOWS_INTO = "FLOWS_INTO"
    RETURNS = "RETURNS"
    # Taint, from the dataflow enricher.
    TAINT = "TAINT"
    TAINTED_BY = "TAINTED_BY"
    USES_SUMMARY = "USES_SUMMARY"
    #: A module -> a body of it whose data flow ran out of its work budget.
    ANALYSIS_STOPPED = "ANALYSIS_STOPPED"


#: One line per node type, for `graphwarden rules` and documentation.
NODE_TYPE_DOCS: dict[NodeType, str] = {
    NodeType.MODULE: "a source file (Python module, JS/TS module)",
    NodeType.CLASS: "a class; in TypeScript also an interface, type alias or enum",
    NodeType.FUNCTION: "a function defined outside a class (named arrow functions too)",
    NodeType.METHOD: "a function defined in a class",
    NodeType.VARIABLE: (
        "a module- or class-level variable, `self.x`/`this.x`, `x = Cls()`,"
        " or a local variable of a body (data flow)"
    ),
    NodeType.PARAMETER: "a parameter of a function or method",
    NodeType.IMPORT: "one name an import statement binds (or a require/ES import)",
    NodeType.EXPORT: "a name a JS/TS module exports (ES or CommonJS)",
    NodeType.CALL: "a call site (also `new X()`)",
    NodeType.EXTERNAL_MODULE: "a module outside the workspace, or an unresolved placeholder",
}
#: One line per edge type, for `graphwarden rules` and documentation.
EDGE_TYPE_DOCS: dict[EdgeType, str] = {
    EdgeType.CONTAINS: "a scope contains a definition or call (front ends)",
    EdgeType.DECLARES: "a scope declares a variable, import or export (front ends)",
    EdgeType.HAS_PARAMETER: "a function has a parameter (front ends)",
    EdgeType.IMPORTS: "an import resolves to a module (imports enricher)",
    EdgeType.IMPORTS_FROM: "an import resolves to a name inside a module (imports enricher)",
    EdgeType.CALLS: "a call resolves to the function or method it calls (calls enricher)",
    EdgeType.EXTENDS: "a class extends a base class (inheritance enricher)",
    EdgeType.INSTANCE_OF: "a variable holds an instance of a class (instances enricher)",
    EdgeType.PASSES_ARGUMENT: "a call passes a named function as an argument (calls enricher)",
    EdgeType.UNREFERENCED: "a module to each of its definitions nothing refers to (unreferenced enricher)",
    EdgeType.HAS_TYPE: "a variable or parameter to the class its declared type names (types enricher)",
    EdgeType.RETURNS_TYPE: "a function to the class its declared return type names (types enricher)",
    EdgeType.USES_TYPE: "a call to a class its receiver was resolved through (calls enricher)",
    EdgeType.ASSIGNED_FROM: "x = ...y...: the variable x to the value y it is assigned from (front ends)",
    EdgeType.FLOWS_INTO: "a value into a call as an argument or receiver, or into the parameter it binds (front ends, dataflow enricher)",
    EdgeType.RETURNS: "a value to the function that returns it (front ends)",
    EdgeType.TAINT: "a taint finding: the first hop of untrusted data in this file to the sink it reaches (dataflow enricher)",
    EdgeType.TAINTED_BY: "a variable or parameter holding untrusted data to the first hop it came through (dataflow enricher)",
    EdgeType.USES_SUMMARY: "a module to a body in another file whose data flow its results read (dataflow enricher)",
    EdgeType.ANALYSIS_STOPPED: "a module to a body of it whose data flow ran out of its statement budget: findings through it may be missing (dataflow enricher)",
}

#: Persisted one-byte codes. Retired codes stay reserved: 11 (EXPORTS) was
#: declared once and never produced. 8 (ASSIGNED_FROM) and 9 (FLOWS_INTO),
#: retired the same way, came back with the data-flow front ends.
NODE_TYPE_CODE: dict[NodeType, int] = {t: i for i, t in enumerate(NodeType)}
EDGE_TYPE_CODE: dict[EdgeType, int] = {
    EdgeType.CONTAINS: 0,
    EdgeType.DECLARES: 1,
    EdgeType.HAS_PARAMETER: 2,
    EdgeType.IMPORTS: 3,
    EdgeType.IMPORTS_FROM: 4,
    EdgeType.CALLS: 5,
    EdgeType.EXTENDS: 6,
    EdgeType.INSTANCE_OF: 7,
    EdgeType.ASSIGNED_FROM: 8,
    EdgeType.FLOWS_INTO: 9,
    EdgeType.PASSES_ARGUMENT: 10,
    EdgeType.UNREFERENCED: 12,
    EdgeType.RETURNS: 13,
    EdgeType.TAINT: 14,
    EdgeType.TAINTED_BY: 15,
    EdgeType.USES_SUMMARY: 16,
    EdgeType.HAS_TYPE: 20,
    EdgeType.RETURNS_TYPE: 21,
    EdgeType.USES_TYPE: 22,
    EdgeType.ANALYSIS_STOPPED: 23,
}
NODE_TYPE_BY_CODE: dict[int, NodeType] = {i: t for t, i in NODE_TYPE_CODE.items()}
EDGE_TYPE_BY_CODE: dict[int, EdgeType] = {i: t for t, i in EDGE_TYPE_CODE.items()}

#: Types a user can navigate to by name (workspace symbols, hover targets).
DEFINITION_TYPES: frozenset[NodeType] = frozenset(
    {NodeType.MODULE, NodeType.CLASS, NodeType.FUNCTION, NodeType.METHOD, NodeType.VARIABLE}
)
#: Edges produced by the front ends (the analysis of one file).
STRUCTURAL_EDGES: frozenset[EdgeType] = frozenset(
    {EdgeType.CONTAINS, EdgeType.DECLARES, EdgeType.HAS_PARAMETER}
)
#: Data-flow edges (front ends, within one body): `x ASSIGNED_FROM y` (x = ...y...),
#: `y FLOWS_INTO call` (an argument or receiver), `y RETURNS function`. The
#: dataflow enricher adds `argument FLOWS_INTO parameter` across calls.
FLOW_EDGES: frozenset[EdgeType] = frozenset(
    {EdgeType.ASSIGNED_FROM, EdgeType.FLOWS_INTO, EdgeType.RETURNS}
)
