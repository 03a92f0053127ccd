"""The one extension table: which language a path is analysed as.

Kept free of parser imports, so that discovery, module naming and adapters
can ask "is this a source file?" without loading tree-sitter.
"""

from __future__ import annotations

from graphwarden.analysis.model.ids import SEP

PYTHON = "python"
JAVASCRIPT = "javascript"
TYPESCRIPT = "typescript"

EXTENSIONS: dict[str, str] = {
    ".py": PYTHON,
    ".pyi": PYTHON,
    ".js": JAVASCRIPT,
    ".mjs": JAVASCRIPT,
    ".cjs": JAVASCRIPT,
    ".jsx": JAVASCRIPT,
    ".ts": TYPESCRIPT,
    ".mts": TYPESCRIPT,
    ".cts": TYPESCRIPT,
    ".tsx": TYPESCRIPT,
}


#: Why a source file whose path holds the ids' separator is not analysed.
UNNAMEABLE_REASON = f"its path holds {SEP!r}, which graph ids use to separate their parts"


def language_by_extension(path: str) -> str | None:
    """The language a path's extension says, whatever else the path holds."""
    dot = path.rfind(".")
    if dot == -1:
        return None
    return EXTENSIONS.get(path[dot:].lower())


def language_of(path: str) -> str | None:
    """The language a workspace path is analysed as, or None if it is not analysed.

    None for a path holding "->" (`unnameable`): every id of a file starts
    with its path and "->", so such a file's ids could not be taken apart.
    """
    if SEP in path:
        return None
    return language_by_extension(path)


def unnameable(path: str) -> bool:
    """A source file by its extension whose path graph ids cannot name."""
    return SEP in path and language_by_extension(path) is not None
