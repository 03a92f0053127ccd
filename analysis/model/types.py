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
