"""`graphwarden stats`: what the graph store holds, read without indexing."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from graphwarden.analysis.model import NodeType
from graphwarden.cli.arguments import add_command
from graphwarden.cli.workspace import open_existing_store

if TYPE_CHECKING:
    from graphwarden.cli.arguments import Subcommands


def register(sub: Subcommands) -> None:
    p = add_command(sub, "stats", run, "print what the graph store holds, without indexing")
    p.add_argument("--json", action="store_true")


def run(args: argparse.Namespace) -> int:
    store, store_path = open_existing_store(args.path, args.store)
    try:
        with store.snapshot() as snap:
            counts = snap.counts()
            by_type = {t: snap.count_of_type(t) for t in NodeType}
            languages: dict[str, int] = {}
            parse_errors = 0
            skipped = 0
            for rec in snap.files():
                languages[rec.language] = languages.get(rec.language, 0) + 1
                parse_errors += len(rec.parse_errors)
                skipped += rec.skipped_reason is not None
            data: dict[str, Any] = {
                "store": str(store_path),
                "revision": snap.revision,
                **counts,
                "parse_errors": parse_errors,
                "skipped_files": skipped,
                # Plain names: NodeType's repr would leak into the text output.
                "nodes_by_type": {t.value: n for t, n in by_type.items() if n},
                "files_by_language": languages,
            }
    finally:
        store.close()
    if args.json:
        print(json.dumps(data, indent=2))
    else:
        print("\n".join(describe(data)))
    return 0


def _breakdown(counts: dict[str, int]) -> str:
    """`python 3, typescript 2`: largest first, then by name."""
    return ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def describe(data: dict[str, Any]) -> list[str]:
    """The figures as sentences a person reads, one topic per line."""
    languages = data["files_by_language"]
    by_type = data["nodes_by_type"]
    files = f"files: {data['files']}"
    if languages:
        files += f" ({_breakdown(languages)})"
    nodes = f"nodes: {data['nodes']}"
    if by_type:
        nodes += f" ({_breakdown(by_type)})"
    return [
        f"store: {data['store']} (revision {data['revision']})",
        files,
        f"parse errors: {data['parse_errors']}; skipped files: {data['skipped_files']}",
        nodes,
        f"edges: {data['edges']}",
    ]
