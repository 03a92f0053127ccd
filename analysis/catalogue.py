"""Everything a rule can be written against, in one listing (`graphwarden rules`).

A rule author needs the graph's vocabulary: node types, edge types,
attribute keys and which node types carry them, the Datalog predicates,
the contract types, the built-in rules (and, once taint analysis exists,
its vulnerability classes). Each entry's one-line description comes from
where the thing is defined (model/types.py, model/attributes.py, each
predicate's and contract's docstring, each built-in's RuleInfo), so this
listing cannot drift from the code that the Datalog loader validates against.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

from graphwarden.analysis.guarantees.contracts import CONTRACT_TYPES
from graphwarden.analysis.guarantees.datalog import PREDICATES
from graphwarden.analysis.guarantees.rules import BUILTIN_RULES
from graphwarden.analysis.guarantees.suppressions import UNUSED_DESCRIPTION, UNUSED_SUPPRESSION
from graphwarden.analysis.model import (
    ATTRIBUTE_DOCS,
    ATTRIBUTE_KEYS,
    EDGE_TYPE_DOCS,
    NODE_FIELD_DOCS,
    NODE_TYPE_DOCS,
    POSITION_KEYS,
)


@dataclass(frozen=True)
class Entry:
    """One name a rule can use, what it means, and extra facts about it."""

    name: str
    description: str
    #: For attribute keys: the node types that carry it. For built-ins: "on"/"off".
    detail: str = ""


@dataclass
class Catalogue:
    node_types: list[Entry] = field(default_factory=list)
    edge_types: list[Entry] = field(default_factory=list)
    attribute_keys: list[Entry] = field(default_factory=list)
    predicates: list[Entry] = field(default_factory=list)
    contract_types: list[Entry] = field(default_factory=list)
    builtin_rules: list[Entry] = field(default_factory=list)
    #: Taint analysis's vulnerability classes (none yet: taint analysis is not built).
    taint_classes: list[Entry] = field(default_factory=list)


def _first_line(doc: str | None) -> str:
    for line in (doc or "").splitlines():
        if line.strip():
            return line.strip()
    return ""


def catalogue() -> Catalogue:
    """The whole vocabulary, each part in a stable order."""
    out = Catalogue()
    out.node_types = [Entry(t, NODE_TYPE_DOCS[t]) for t in NODE_TYPE_DOCS]
    out.edge_types = [Entry(t, EDGE_TYPE_DOCS[t]) for t in EDGE_TYPE_DOCS]
    carriers: dict[str, list[str]] = {}
    for node_type, keys in ATTRIBUTE_KEYS.items():
        for key in keys - POSITION_KEYS:
            carriers.setdefault(key, []).append(node_type)
    out.attribute_keys = [Entry(k, d, "every node") for k, d in NODE_FIELD_DOCS.items()]
    out.attribute_keys += [
        Entry(key, ATTRIBUTE_DOCS[key], ", ".join(carriers[key])) for key in sorted(carriers)
    ]
    out.predicates = [
        Entry(f"{name}/{arity}", _first_line(type(p).__doc__))
        for (name, arity), p in sorted(PREDICATES.items())
    ]
    out.contract_types = [
        Entry(name, _first_line(_contract_doc(cls.__module__)))
        for name, cls in sorted(CONTRACT_TYPES.items())
    ]
    out.builtin_rules = [
        Entry(name, rule.info.description, "on" if rule.default_on else "off")
        for name, rule in sorted(BUILTIN_RULES.items())
    ]
    out.builtin_rules.append(Entry(UNUSED_SUPPRESSION, UNUSED_DESCRIPTION, "always"))
    return out


def _contract_doc(module: str) -> str:
    """A contract type's summary: the first line of its module's docstring, after the name."""
    doc = sys.modules[module].__doc__ or ""
    line = _first_line(doc)
    # "`forbidden`: source modules must not ..." -> "source modules must not ..."
    return line.split(": ", 1)[1] if line.startswith("`") and ": " in line else line
