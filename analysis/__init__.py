"""graphwarden's analysis library: the code graph, its store, the cycle, guarantees.

No LSP knowledge lives here; `lsp_server/` and the CLI are adapters over it.
The public API is the `Orchestrator` (open a workspace, index, apply changes,
snapshot, query, sessions, health) and the records in `analysis.model`.
"""

__version__ = "0.1.0"

from graphwarden.analysis.orchestrator import (
    CommitResult,
    CoverageGap,
    CycleStats,
    FileChange,
    Orchestrator,
)

__all__ = ["CommitResult", "CoverageGap", "CycleStats", "FileChange", "Orchestrator", "__version__"]
