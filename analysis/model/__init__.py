"""The graph's vocabulary: node and edge types, records, semantic ids, hashes.

Everything that crosses a module boundary inside `analysis/` is one of these
records. They are plain data: front ends produce them, the store persists
them, enrichers read and produce them, guarantees and adapters read them.

- `types`: `NodeType`, `EdgeType` (StrEnums) and their persisted codes;
- `ids`: semantic ids (`SemanticId`, `IdParts`, `parse_id` and constructors);
- `attributes`: the attribute keys each node type declares;
- `records`: `Node`, `Edge`, `ParseError`, `Suppression`, `FileAnalysis`, `node_facts`;
- `hashing`: content and signature hashes.
"""

from graphwarden.analysis.model.attributes import (
    ATTRIBUTE_DOCS,
    ATTRIBUTE_KEYS,
    NODE_FIELD_DOCS,
    POSITION_KEYS,
    AttrValue,
    NodeAttrs,
    base_order,
    int_attr,
    str_attr,
    str_list_attr,
)
from graphwarden.analysis.model.hashing import hash_fields, normalise_source, short_hash
from graphwarden.analysis.model.ids import (
    MODULE_SCOPE,
    SEP,
    IdParts,
    SemanticId,
    definition_id,
    external_module_id,
    file_of_id,
    id_path,
    id_segment,
    module_id,
    parse_id,
    scoped_id,
)
from graphwarden.analysis.model.records import (
    Edge,
    FileAnalysis,
    Node,
    NodeFacts,
    ParseError,
    Range,
    Suppression,
    fact_attrs,
    node_facts,
)
from graphwarden.analysis.model.types import (
    DEFINITION_TYPES,
    EDGE_TYPE_BY_CODE,
    EDGE_TYPE_CODE,
    EDGE_TYPE_DOCS,
    FLOW_EDGES,
    NODE_TYPE_BY_CODE,
    NODE_TYPE_CODE,
    NODE_TYPE_DOCS,
    STRUCTURAL_EDGES,
    EdgeType,
    NodeType,
)

__all__ = [
    "ATTRIBUTE_DOCS",
    "ATTRIBUTE_KEYS",
    "DEFINITION_TYPES",
    "EDGE_TYPE_BY_CODE",
    "EDGE_TYPE_CODE",
    "EDGE_TYPE_DOCS",
    "FLOW_EDGES",
    "MODULE_SCOPE",
    "NODE_FIELD_DOCS",
    "NODE_TYPE_BY_CODE",
    "NODE_TYPE_CODE",
    "NODE_TYPE_DOCS",
    "POSITION_KEYS",
    "SEP",
    "STRUCTURAL_EDGES",
    "AttrValue",
    "Edge",
    "EdgeType",
    "FileAnalysis",
    "IdParts",
    "Node",
    "NodeAttrs",
    "NodeFacts",
    "NodeType",
    "ParseError",
    "Range",
    "SemanticId",
    "Suppression",
    "base_order",
    "definition_id",
    "external_module_id",
    "fact_attrs",
    "file_of_id",
    "hash_fields",
    "id_path",
    "id_segment",
    "int_attr",
    "module_id",
    "node_facts",
    "normalise_source",
    "parse_id",
    "scoped_id",
    "short_hash",
    "str_attr",
    "str_list_attr",
]
