"""Front ends: which language a path is, and bytes -> FileAnalysis for it.

`analyse_bytes` is the one entry point the indexer and the orchestrator call.
It never raises for bad input: a file it cannot index comes back with
`skipped_reason` set (and just a MODULE node, so the file still exists in
the graph); a file that half-parses comes back with `parse_errors`.
"""

from __future__ import annotations

from collections.abc import Callable

from graphwarden.analysis import defaults
from graphwarden.analysis.languages import javascript, python
from graphwarden.analysis.languages.registry import EXTENSIONS, language_of
from graphwarden.analysis.model import (
    FileAnalysis,
    Node,
    NodeType,
    ParseError,
    module_id,
    short_hash,
)

__all__ = ["DEFAULT_MAX_FILE_BYTES", "EXTENSIONS", "analyse_bytes", "content_digest", "language_of"]

_ANALYSERS: dict[str, Callable[[str, bytes], FileAnalysis]] = {
    "python": python.analyse,
    "javascript": javascript.analyse,
    "typescript": javascript.analyse,
}

#: Files larger than this are skipped (with a reason): they are almost always
#: generated or minified bundles, and parsing them would stall a cycle.
DEFAULT_MAX_FILE_BYTES = defaults.MAX_FILE_BYTES

_BOM = b"\xef\xbb\xbf"


def _skipped(file: str, language: str, reason: str) -> FileAnalysis:
    module = Node(module_id(file), NodeType.MODULE, file.rsplit("/", 1)[-1], file, (0, 0, 0, 0))
    module.attrs["skipped"] = reason
    return FileAnalysis(file, language, [module], [], [], skipped_reason=reason)


def analyse_bytes(file: str, data: bytes, max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> FileAnalysis:
    """Analyse one file's content. `file` is the workspace-relative POSIX path."""
    language = language_of(file) or "unknown"
    analyser = _ANALYSERS.get(language)
    if analyser is None:
        return _skipped(file, language, "not a supported source file")
    if len(data) > max_bytes:
        return _skipped(
            file, language, f"file is {len(data):,} bytes, over the {max_bytes:,}-byte limit"
        )
    nul = data.find(b"\x00", 0, 8192)
    if nul == -1 and len(data) > 8192:
        nul = data.find(b"\x00")
    if nul != -1:
        return _skipped(file, language, f"binary content (NUL byte at offset {nul})")
    if data.startswith(_BOM):
        # Keep byte offsets aligned with what editors show: they hide the BOM.
        data = data[len(_BOM) :]
    decode_error: ParseError | None = None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # Index what parses; names with bad bytes get U+FFFD.
        line = data.count(b"\n", 0, exc.start)
        decode_error = ParseError(file, (line, 0, line, 0), f"invalid UTF-8 at byte {exc.start}")
    try:
        result = analyser(file, data)
    except RecursionError:  # pragma: no cover - the front ends do not recurse
        return _skipped(file, language, "nesting too deep to analyse")
    if decode_error is not None:
        result.parse_errors.insert(0, decode_error)
    return result


def content_digest(data: bytes) -> str:
    """The file-level content hash the files table keeps (raw bytes)."""
    return short_hash(data)
