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
#: Longest workspace path analysed, in UTF-8 bytes. A path is an LMDB key of
#: the store (`files`; `owner`, after "__enrichment__/{enricher}/"), and an
#: LMDB key holds at most 511 bytes (store/keys.py).
MAX_PATH_BYTES = 400


def language_by_extension(path: str) -> str | None:
    """The language a path's extension says, whatever else the path holds."""
    dot = path.rfind(".")
    if dot == -1:
        return None
    return EXTENSIONS.get(path[dot:].lower())


def unanalysable(path: str) -> str | None:
    """Why a source file (by its extension) is not analysed all the same: the graph
    cannot name its path. None when it can, or when it is no source file."""
    if language_by_extension(path) is None:
        return None
    if SEP in path:
        # Every id of a file starts with its path and "->": its ids could not be
        # taken apart.
        return UNNAMEABLE_REASON
    size = len(path.encode("utf-8", "surrogatepass"))
    if size > MAX_PATH_BYTES:
        return f"its path is {size:,} bytes long, over the {MAX_PATH_BYTES} the store can key"
    return None


def language_of(path: str) -> str | None:
    """The language a workspace path is analysed as, or None if it is not analysed
    (no source file, or one whose path the graph cannot name: `unanalysable`)."""
    language = language_by_extension(path)
    if language is None or unanalysable(path) is not None:
        return None
    return language
