"""`graphwarden rules`: what a rule can be written against, with one line on each.

Node types, edge types, attribute keys (and which node types carry them),
Datalog predicates, contract types, built-in rules and taint classes, read
from the library's catalogue (graphwarden.analysis.catalogue), so the list
is exactly what the Datalog loader accepts.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from typing import TYPE_CHECKING

from graphwarden.analysis.catalogue import Catalogue, Entry, catalogue
from graphwarden.cli.arguments import add_parser

if TYPE_CHECKING:
    from graphwarden.cli.arguments import Subcommands

#: Section titles, in the order printed.
SECTIONS = (
    ("node_types", "Node types (node(X, TYPE))"),
    ("edge_types", "Edge types (edge(A, B, TYPE), path(A, B, TYPE))"),
    ("attribute_keys", "Attribute keys (attr(X, KEY, VALUE)), and the node types that carry them"),
    ("predicates", "Datalog predicates"),
    ("contract_types", "Contract types ([[contracts]] type = ...)"),
    ("builtin_rules", "Built-in rules (builtin_rules = { name = true/false }), and their default"),
    ("taint_classes", "Taint classes"),
)


def register(sub: Subcommands) -> None:
    p = add_parser(sub, "rules", "list node and edge types, attribute keys and built-in rules")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=run)


def describe(cat: Catalogue) -> list[str]:
    lines: list[str] = []
    for attr, title in SECTIONS:
        entries: list[Entry] = getattr(cat, attr)
        lines.append(title)
        if not entries:
            lines.append("  (none yet: taint analysis is not part of this version)")
        width = max((len(e.name) for e in entries), default=0)
        for e in entries:
            detail = f"  [{e.detail}]" if e.detail else ""
            lines.append(f"  {e.name:<{width}}  {e.description}{detail}")
        lines.append("")
    return lines


def run(args: argparse.Namespace) -> int:
    cat = catalogue()
    if args.json:
        print(json.dumps(asdict(cat), indent=2))
    else:
        print("\n".join(describe(cat)).rstrip())
    return 0
