"""Violation records: what every checker produces and every reporter prints."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from graphwarden.analysis.model import Node, Range

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True, slots=True)
class RelatedLocation:
    """A secondary location of a violation: one hop of an import chain, say."""

    file: str
    range: Range
    message: str
    #: The node it points at, so the place follows the code when lines move.
    node_id: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "range": list(self.range),
            "message": self.message,
            "node_id": self.node_id,
        }


def location_of(node: Node) -> Range:
    """Where a result at a node is shown: its name (`sel`) where it has one, else the node."""
    sel = node.attrs.get("sel")
    if isinstance(sel, list):
        ints = [x for x in sel if isinstance(x, int)]
        if len(ints) == 4 == len(sel):
            return (ints[0], ints[1], ints[2], ints[3])
    return node.range


@dataclass(slots=True)
class Violation:
    """One broken guarantee at one place.

    `file` is workspace-relative (POSIX), `range` 0-based with code-point
    columns like everything in the graph. The fingerprint identifies the
    violation across edits: it is built from the rule, the semantic node id
    (or file) and the message, never from line numbers, so a baseline keeps
    hiding a known violation when code above it moves.
    """

    rule: str
    severity: str
    message: str
    file: str
    range: Range = (0, 0, 0, 0)
    related: list[RelatedLocation] = field(default_factory=list)
    description: str = ""
    remediation: str = ""
    node_id: str = ""
    #: "datalog" | "contract" | "builtin" | "config" | "suppression" | "taint"
    kind: str = "datalog"
    fingerprint: str = ""
    #: What the team tells whoever breaks the rule (import-linter's
    #: broken_contract_guidance): shown in every report and diagnostic.
    instructions: str = ""

    def __post_init__(self) -> None:
        if not self.fingerprint:
            self.fingerprint = fingerprint(self.rule, self.node_id or self.file, self.message)

    @property
    def rank(self) -> int:
        return SEVERITY_RANK.get(self.severity, 2)

    def sort_key(self) -> tuple[Any, ...]:
        return (self.file, self.range, self.rule, self.message)

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "file": self.file,
            "range": list(self.range),
            "related": [r.to_json() for r in self.related],
            "description": self.description,
            "remediation": self.remediation,
            "node_id": self.node_id,
            "kind": self.kind,
            "fingerprint": self.fingerprint,
            "instructions": self.instructions,
        }


def violation_from_json(d: dict[str, Any]) -> Violation:
    """The inverse of `Violation.to_json` (for cached results)."""
    return Violation(
        rule=d["rule"],
        severity=d["severity"],
        message=d["message"],
        file=d["file"],
        range=tuple(d["range"]),
        related=[RelatedLocation(r["file"], tuple(r["range"]), r["message"]) for r in d["related"]],
        description=d["description"],
        remediation=d["remediation"],
        node_id=d["node_id"],
        kind=d["kind"],
        fingerprint=d["fingerprint"],
        instructions=d.get("instructions", ""),
    )


def fingerprint(rule: str, where: str, message: str) -> str:
    """A stable 32-hex-digit identity of a violation (no line numbers in it)."""
    h = hashlib.blake2b(digest_size=16)
    for part in (rule, where, message):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


@dataclass(slots=True)
class RuleInfo:
    """Metadata of one guarantee, contract or built-in rule (for SARIF's rule table)."""

    name: str
    severity: str
    description: str = ""
    remediation: str = ""
    kind: str = "datalog"
    #: The rule text or a one-line summary of the contract.
    summary: str = ""
    #: Instructions to whoever breaks the rule (see `Violation.instructions`).
    instructions: str = ""
    #: Labels for reports (SARIF ``properties.tags``): ``security``,
    #: ``external/cwe/cwe-89`` for a rule about a CWE.
    tags: list[str] = field(default_factory=list)
    #: A CVSS-like score code scanning ranks security alerts by (0-10).
    security_severity: float | None = None
