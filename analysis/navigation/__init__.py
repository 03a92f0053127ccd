"""Navigation over the graph: what a cursor is on, and where it leads.

The questions an editor, the command line or an agent asks about code, each
answered from one `Snapshot` with library types (graph `Node`s, ranges in
code points); adapters only convert the answers to their protocol.

- `cursor`: what is under a (line, column): `target_at`, `Target`, the
  ranges to point at (`selection`, `use_range`);
- `definitions`: where a cursor's symbol is defined (`definitions_at`), the
  definition around a use (`enclosing_definition`);
- `references`: where a definition is used (`references`, `Location`);
- `hierarchy`: incoming and outgoing calls, supertypes and subtypes;
- `blast_radius`: everything depending on a symbol, transitively;
- `symbols`: a file's outline and workspace-wide name search;
- `names`: qualified names through the workspace's `ModuleNaming`;
- `describe`: the facts behind a hover (`SymbolSummary`).
"""

from graphwarden.analysis.navigation.blast_radius import (
    MAX_BLAST_SYMBOLS,
    BlastRadius,
    blast_radius,
    radius_files,
    reference_count,
)
from graphwarden.analysis.navigation.cursor import (
    Target,
    file_nodes,
    selection,
    target_at,
    use_range,
    warm_file_nodes,
    word_at,
)
from graphwarden.analysis.navigation.definitions import (
    container_of,
    definitions,
    definitions_at,
    enclosing_definition,
    follow,
    lookup_name,
)
from graphwarden.analysis.navigation.describe import (
    SymbolSummary,
    TaintOrigin,
    TypeNote,
    describe,
    taint_origins,
    type_note,
    violations_about,
)
from graphwarden.analysis.navigation.hierarchy import (
    Calls,
    callables,
    classes,
    incoming_calls,
    outgoing_calls,
    subtypes,
    supertypes,
)
from graphwarden.analysis.navigation.names import module_naming, qualified_name
from graphwarden.analysis.navigation.references import (
    DEPENDENCY_EDGES,
    MAX_REFERENCES,
    Location,
    references,
)
from graphwarden.analysis.navigation.symbols import (
    MAX_SYMBOLS,
    OutlineEntry,
    outline,
    search_symbols,
)

__all__ = [
    "DEPENDENCY_EDGES",
    "MAX_BLAST_SYMBOLS",
    "MAX_REFERENCES",
    "MAX_SYMBOLS",
    "BlastRadius",
    "Calls",
    "Location",
    "OutlineEntry",
    "SymbolSummary",
    "TaintOrigin",
    "Target",
    "TypeNote",
    "blast_radius",
    "callables",
    "classes",
    "container_of",
    "definitions",
    "definitions_at",
    "describe",
    "enclosing_definition",
    "file_nodes",
    "follow",
    "incoming_calls",
    "lookup_name",
    "module_naming",
    "outgoing_calls",
    "outline",
    "qualified_name",
    "radius_files",
    "reference_count",
    "references",
    "search_symbols",
    "selection",
    "subtypes",
    "supertypes",
    "taint_origins",
    "target_at",
    "type_note",
    "use_range",
    "violations_about",
    "warm_file_nodes",
    "word_at",
]
