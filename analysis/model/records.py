"""The records that cross module boundaries: nodes, edges, parse errors, a file's analysis.

Positions: lines are 0-based; columns are 0-based and counted in Unicode code
points of the line (Python ``str`` indices). Adapters convert to UTF-16 or
UTF-8 where a protocol needs it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graphwarden.analysis.model.attributes import POSITION_KEYS, AttrValue, NodeAttrs
from graphwarden.analysis.model.types import EdgeType, NodeType

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
    type: NodeType
    name: str
    file: str
    range: Range
    content_hash: str = ""
    signature_hash: str = ""
    attrs: NodeAttrs = field(default_factory=dict)


@dataclass(slots=True, frozen=True)
class Edge:
    """A directed, typed edge between two node ids, with optional attributes."""

    src: str
    type: EdgeType
    dst: str
    attrs: dict[str, AttrValue] | None = field(default=None, compare=False, hash=False)


@dataclass(slots=True)
class ParseError:
    """A region the parser could not make sense of (an ERROR or MISSING node)."""

    file: str
    range: Range
    message: str


@dataclass(slots=True, frozen=True)
class Suppression:
    """An inline `# graphwarden: ignore[rule]` (or `// graphwarden-ignore rule`) comment.

    It hides the named rules' violations that start on `target`: the comment's
    own line when it follows code, else the next line that is not only a
    comment.
    """

    #: 0-based line the suppression applies to.
    target: int
    rules: tuple[str, ...]
    #: Why (the text after `--`), "" when none was given.
    reason: str
    #: Where the comment is (for the warning when it suppresses nothing).
    range: Range


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
    #: Inline suppressions found in the file's comments.
    suppressions: list[Suppression] = field(default_factory=list)
    #: The data-flow facts of the file's bodies, encoded (analysis/dataflow/ir.py):
    #: kept in the file's summary for the dataflow enricher.
    flow: bytes | None = None


NodeFacts = tuple[str, str, str, tuple[tuple[str, AttrValue], ...]]


def node_facts(node: Node) -> NodeFacts:
    """What a node says about the code, positions left out.

    Two versions of a node with equal facts differ only in where they are:
    the coverage canary compares facts, and nothing a rule can see changed.
    """
    attrs = tuple(sorted((k, v) for k, v in node.attrs.items() if k not in POSITION_KEYS))
    return (node.type, node.name, node.signature_hash, attrs)


def fact_attrs(attrs: NodeAttrs) -> NodeAttrs:
    """The attributes that are facts (positions removed)."""
    return {k: v for k, v in attrs.items() if k not in POSITION_KEYS}
