"""The one extension table: which language a path is analysed as.

Kept free of parser imports, so that discovery, module naming and adapters
can ask "is this a source file?" without loading tree-sitter.
"""

from __future__ import annotations

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


def language_of(path: str) -> str | None:
    """The language a workspace path is analysed as, or None if none."""
    dot = path.rfind(".")
    if dot == -1:
        return None
    return EXTENSIONS.get(path[dot:].lower())
