"""Resolution rates of the enrichers on real corpora, printed as JSON.

For each corpus: cold index time (with stage_seconds), share of CALL nodes
with a CALLS edge to a workspace node, share of workspace imports resolved
(IMPORT nodes that are not external and have an IMPORTS_FROM edge, or whose
module resolved), and the enrichment seconds.

    python benchmarks/resolution_rates.py [corpus-root ...]

Defaults to the Django, webpack/lib and rxjs/src corpora under
~/.cache/graphwarden-corpora. Stores go to a temporary directory.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from graphwarden.analysis.model import EdgeType, NodeType
from graphwarden.analysis.orchestrator import Orchestrator

CORPORA = Path.home() / ".cache" / "graphwarden-corpora"
DEFAULT = [CORPORA / "django", CORPORA / "webpack" / "lib", CORPORA / "rxjs" / "src"]


def measure(root: Path) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="gw-rates-") as store:
        orch = Orchestrator(root, store_path=store)
        try:
            stats = orch.index_repository()
            with orch.snapshot() as snap:
                calls = resolved_calls = 0
                for call in snap.nodes_of_type(NodeType.CALL):
                    calls += 1
                    if any(
                        e.dst.split("->", 1)[0] != "EXTERNAL_MODULE"
                        for e in snap.edges_out(call.id, EdgeType.CALLS)
                    ):
                        resolved_calls += 1
                imports = workspace = resolved = unresolved = 0
                for imp in snap.nodes_of_type(NodeType.IMPORT):
                    imports += 1
                    out = snap.edges_out(imp.id)
                    ext = [
                        e
                        for e in out
                        if e.type == EdgeType.IMPORTS and e.dst.startswith("EXTERNAL_MODULE->")
                    ]
                    is_unresolved = any(
                        (snap.node(e.dst) or imp).attrs.get("unresolved") for e in ext
                    )
                    has_target = any(e.type == EdgeType.IMPORTS_FROM for e in out)
                    mod = snap.edges_out(f"{imp.file}->MODULE", EdgeType.IMPORTS)
                    if has_target:
                        workspace += 1
                        resolved += 1
                    elif is_unresolved:
                        workspace += 1
                        unresolved += 1
                    elif not ext and not has_target and imp.attrs.get("imported") is None and mod:
                        # side-effect import of a workspace module
                        pass
                unref = sum(1 for _ in snap.edges(EdgeType.UNREFERENCED))
        finally:
            orch.close()
    return {
        "root": str(root),
        "files": stats.files,
        "seconds": round(stats.seconds, 2),
        "stage_seconds": {k: round(v, 2) for k, v in stats.stage_seconds.items()},
        "enricher_errors": len(stats.enricher_errors),
        "calls": calls,
        "calls_resolved_to_workspace": resolved_calls,
        "call_resolution_rate": round(resolved_calls / calls, 3) if calls else None,
        "import_bindings": imports,
        "workspace_import_bindings": workspace,
        "workspace_imports_resolved": resolved,
        "workspace_imports_unresolved": unresolved,
        "import_resolution_rate": round(resolved / workspace, 3) if workspace else None,
        "unreferenced_definitions": unref,
    }


def main(argv: list[str]) -> int:
    roots = [Path(a) for a in argv] or DEFAULT
    out = [measure(r) for r in roots if r.is_dir()]
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
