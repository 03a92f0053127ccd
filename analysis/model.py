"""The graph's vocabulary: node and edge types, records, semantic ids and hashes.

Everything that crosses a module boundary inside `analysis/` is one of these
records. They are plain data: front ends produce them, the store persists
them, enrichers read and produce them, guarantees and adapters read them.

Positions: lines are 0-based; columns are 0-based and counted in Unicode code
points of the line (Python ``str`` indices). Adapters convert to UTF-16 or
UTF-8 where a protocol needs it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any


class NodeType:
    """Node types. Codes are persisted in the store: append, never renumber."""

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

    ALL: tuple[str, ...] = (
        MODULE,
        CLASS,
        FUNCTION,
        METHOD,
        VARIABLE,
        PARAMETER,
        IMPORT,
        EXPORT,
        CALL,
        EXTERNAL_MODULE,
    )
    #: Types a user can navigate to by name (workspace symbols, hover targets).
    DEFINITIONS: frozenset[str] = frozenset({MODULE, CLASS, FUNCTION, METHOD, VARIABLE})


class EdgeType:
    """Edge types. Codes are persisted in the store: append, never renumber."""

    CONTAINS = "CONTAINS"
    DECLARES = "DECLARES"
    HAS_PARAMETER = "HAS_PARAMETER"
    IMPORTS = "IMPORTS"
    IMPORTS_FROM = "IMPORTS_FROM"
    CALLS = "CALLS"
    EXTENDS = "EXTENDS"
    INSTANCE_OF = "INSTANCE_OF"
    ASSIGNED_FROM = "ASSIGNED_FROM"
    FLOWS_INTO = "FLOWS_INTO"
    PASSES_ARGUMENT = "PASSES_ARGUMENT"
    EXPORTS = "EXPORTS"
    UNREFERENCED = "UNREFERENCED"

    ALL: tuple[str, ...] = (
        CONTAINS,
        DECLARES,
        HAS_PARAMETER,
        IMPORTS,
        IMPORTS_FROM,
        CALLS,
        EXTENDS,
        INSTANCE_OF,
        ASSIGNED_FROM,
        FLOWS_INTO,
        PASSES_ARGUMENT,
        EXPORTS,
        UNREFERENCED,
    )
    #: Edges produced by the front ends (the analysis of one file).
    STRUCTURAL: frozenset[str] = frozenset({CONTAINS, DECLARES, HAS_PARAMETER})


NODE_TYPE_CODE: dict[str, int] = {t: i for i, t in enumerate(NodeType.ALL)}
EDGE_TYPE_CODE: dict[str, int] = {t: i for i, t in enumerate(EdgeType.ALL)}
NODE_TYPE_BY_CODE: dict[int, str] = {i: t for t, i in NODE_TYPE_CODE.items()}
EDGE_TYPE_BY_CODE: dict[int, str] = {i: t for t, i in EDGE_TYPE_CODE.items()}


Range = tuple[int, int, int, int]
"""(start_line, start_column, end_line, end_column), 0-based, code-point columns."""


@dataclass(slots=True)
class Node:
    """One node of the code graph.

    ``content_hash`` hashes the node's normalised source (comments and
    formatting do not count); ``signature_hash`` hashes only what other files
    can resolve against (name, parameters, decorators, bases, exported names).
    """

    id: str
    type: str
    name: str
    file: str
    range: Range
    content_hash: str = ""
    signature_hash: str = ""
    attrs: dict[str, Any] = field(default_factory=dict)

    def to_record(self) -> list[Any]:
        return [
            self.id,
            self.type,
            self.name,
            self.file,
            list(self.range),
            self.content_hash,
            self.signature_hash,
            self.attrs,
        ]

    @classmethod
    def from_record(cls, rec: list[Any]) -> Node:
        return cls(rec[0], rec[1], rec[2], rec[3], tuple(rec[4]), rec[5], rec[6], rec[7])  # type: ignore[arg-type]


@dataclass(slots=True, frozen=True)
class Edge:
    """A directed, typed edge between two node ids, with optional attributes."""

    src: str
    type: str
    dst: str
    attrs: dict[str, Any] | None = field(default=None, compare=False, hash=False)


@dataclass(slots=True)
class ParseError:
    """A region the parser could not make sense of (an ERROR or MISSING node)."""

    file: str
    range: Range
    message: str


@dataclass(slots=True)
class FileAnalysis:
    """What a front end produced for one file: the file's shard of the graph."""

    file: str
    language: str
    nodes: list[Node]
    edges: list[Edge]
    parse_errors: list[ParseError] = field(default_factory=list)
    #: Set when the file was skipped or only partly indexed (binary, too large...).
    skipped_reason: str | None = None


# --- semantic ids -----------------------------------------------------------
#
# Ids name a thing by where it lives, never by line number, so an edit above
# a function does not change its id. Grammar:
#   "{file}->MODULE"
#   "{file}->{TYPE}->{qualified name}"               CLASS, FUNCTION, METHOD, VARIABLE...
#   "{file}->PARAMETER->{owner qualname}->{name}"
#   "{file}->CALL->{scope qualname or <module>}->{callee}#{n}"
#   "{file}->IMPORT->{scope}->{local name}"
#   "EXTERNAL_MODULE->{module specifier}"
# Repeated definitions of one name in one scope get "#1", "#2"... by order of
# appearance, so ids stay unique without mentioning lines.

ID_SEP = "->"


def module_id(file: str) -> str:
    return f"{file}{ID_SEP}{NodeType.MODULE}"


def node_id(file: str, type_: str, *parts: str) -> str:
    return ID_SEP.join((file, type_, *parts))


def external_module_id(specifier: str) -> str:
    return f"{NodeType.EXTERNAL_MODULE}{ID_SEP}{specifier}"


def file_of_id(id_: str) -> str:
    """The workspace file a semantic id belongs to ('' for external nodes)."""
    if id_.startswith(NodeType.EXTERNAL_MODULE + ID_SEP):
        return ""
    return id_.split(ID_SEP, 1)[0]


# --- hashes -----------------------------------------------------------------


def normalise_source(text: bytes) -> bytes:
    """Drop all whitespace, so only token changes alter a content hash.

    Comments are removed by the caller (it knows where they are from the
    syntax tree). Re-wrapping, re-indenting and adding or removing spaces
    never change the result. What this cannot see, by design: whitespace
    between two words (``not x`` vs ``notx``), inside string literals, and
    Python indentation that moves a statement between blocks. Such an edit
    is not reported as a coverage gap. It is one C-level pass (``split``),
    where regular expressions cost a Python call per match.
    """
    return b"".join(text.split())


def short_hash(data: bytes) -> str:
    """A 16-hex-digit digest: enough to tell versions of one node apart."""
    return hashlib.blake2b(data, digest_size=8).hexdigest()


def hash_fields(*values: object) -> str:
    return short_hash(repr(values).encode("utf-8", "surrogatepass"))
