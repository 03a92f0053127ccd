"""Diagnostics: guarantee violations, coverage gaps, parse and configuration errors.

`DiagnosticsEngine.collect` runs in the folder's worker thread right after a
cycle and returns every file's diagnostics; `publish` (on the event loop)
sends only the files whose list changed, and an empty list for files that
were fixed. Clients that pull (`textDocument/diagnostic`) get the same lists
for their open documents, which are then not pushed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lsprotocol import types

from graphwarden.lsp_server.lines import LineCache
from graphwarden.lsp_server.positions import LineConverter, split_lines

if TYPE_CHECKING:
    from graphwarden.analysis import CycleStats, Orchestrator
    from graphwarden.lsp_server.server import GraphwardenServer
    from graphwarden.lsp_server.workspace_state import WorkspaceState

log = logging.getLogger(__name__)

SOURCE = "graphwarden"
SOURCE_COVERAGE = "graphwarden-coverage"
SOURCE_PARSE = "graphwarden-parse"
SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
    "information": types.DiagnosticSeverity.Information,
    "hint": types.DiagnosticSeverity.Hint,
}
#: How long a pull request waits for queued edits to reach the graph.
PULL_WAIT = 5.0


def _get(obj: Any, name: str, default: Any = None) -> Any:
    """Read a field of a violation-like record, whether an object, a dict or a tuple."""
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _range(value: Any) -> tuple[int, int, int, int]:
    try:
        sl, sc, el, ec = (int(v) for v in value)
        return sl, sc, el, ec
    except (TypeError, ValueError):
        return 0, 0, 0, 0


class DiagnosticsEngine:
    """Computes one workspace folder's diagnostics after each cycle."""

    def __init__(self, server: GraphwardenServer, state: WorkspaceState) -> None:
        self.server = server
        self.state = state
        self.parse_errors: dict[str, list[Any]] = {}
        self.lines = LineCache()

    def collect(
        self,
        orch: Orchestrator,
        checker: Any,
        stats: CycleStats | None,
        texts: dict[str, str],
        full: bool,
    ) -> dict[str, list[types.Diagnostic]]:
        """Every file's diagnostics after a cycle (runs in the worker thread)."""
        settings = self.state.settings
        raw: dict[str, list[tuple[tuple[int, int, int, int], dict[str, Any]]]] = {}

        def add(file: str, r: tuple[int, int, int, int], **kw: Any) -> None:
            raw.setdefault(file, []).append((r, kw))

        with orch.snapshot() as snap:
            if full:
                self.parse_errors = {
                    rec.path: list(rec.parse_errors) for rec in snap.files() if rec.parse_errors
                }
            elif stats is not None:
                for path in stats.changed_paths:
                    rec = snap.file(path)
                    if rec is not None and rec.parse_errors:
                        self.parse_errors[path] = list(rec.parse_errors)
                    else:
                        self.parse_errors.pop(path, None)
        if settings.shows("parseErrors"):
            for path, errors in self.parse_errors.items():
                for pe in errors:
                    add(
                        path,
                        _range(pe.range),
                        severity=types.DiagnosticSeverity.Warning,
                        source=SOURCE_PARSE,
                        message=pe.message,
                    )
        if settings.shows("coverage"):
            for gap in list(orch.coverage_gaps.values()):
                add(
                    gap.file,
                    _range(gap.range),
                    severity=types.DiagnosticSeverity.Information,
                    source=SOURCE_COVERAGE,
                    message=gap.message,
                    code="coverage-gap",
                )
        if settings.shows("guarantees") and checker is not None:
            for v in list(_get(checker, "violations", None) or []):
                self._violation(v, add)
        config_file = orch.settings.config_file
        config_rel = config_file.name if config_file is not None else "graphwarden.toml"
        for err in [*orch.config_errors, *(_get(checker, "load_errors", None) or [])]:
            file = _get(err, "file", None) or config_rel
            line = max(0, int(_get(err, "line", 0) or 0) - 1)
            add(
                file,
                (line, 0, line, 10_000),
                severity=types.DiagnosticSeverity.Error,
                source=SOURCE,
                message=str(_get(err, "message", err)),
                code="config",
            )
        return {file: self._convert(file, items, texts) for file, items in raw.items()}

    def _violation(self, v: Any, add: Any) -> None:
        file = _get(v, "file")
        if not file:
            return
        message = str(_get(v, "message", "guarantee violated"))
        description = _get(v, "description")
        if description and description not in message:
            message = f"{message}\n{description}"
        remediation = _get(v, "remediation")
        if remediation:
            message = f"{message}\nFix: {remediation}"
        instructions = _get(v, "instructions")
        if instructions:
            message = f"{message}\nInstructions: {instructions}"
        related = []
        for loc in _get(v, "related", None) or _get(v, "related_locations", None) or []:
            if isinstance(loc, tuple | list) and len(loc) >= 2:
                rfile, rrange = loc[0], loc[1]
                rmsg = loc[2] if len(loc) > 2 else ""
            else:
                rfile, rrange, rmsg = (
                    _get(loc, "file"),
                    _get(loc, "range"),
                    _get(loc, "message", ""),
                )
            if rfile:
                related.append((str(rfile), _range(rrange), str(rmsg or "")))
        add(
            str(file),
            _range(_get(v, "range")),
            severity=SEVERITY.get(
                str(_get(v, "severity", "error")).lower(), types.DiagnosticSeverity.Error
            ),
            source=SOURCE,
            message=message,
            code=str(_get(v, "rule", "") or "guarantee"),
            related=related,
        )

    def _converter(self, file: str, texts: dict[str, str]) -> LineConverter:
        text = texts.get(file)
        if text is None:
            uri = self.state.open_docs.get(file)
            text = self.server.buffer_text(uri) if uri else None
        lines = split_lines(text) if text is not None else self.lines.get(self.state.root / file)
        return LineConverter(lines, self.server.position_encoding)

    def _convert(
        self,
        file: str,
        items: Iterable[tuple[tuple[int, int, int, int], dict[str, Any]]],
        texts: dict[str, str],
    ) -> list[types.Diagnostic]:
        conv = self._converter(file, texts)
        out = []
        for r, kw in items:
            related_info = None
            if kw.get("related"):
                related_info = []
                for rfile, rrange, rmsg in kw["related"]:
                    rconv = conv if rfile == file else self._converter(rfile, texts)
                    related_info.append(
                        types.DiagnosticRelatedInformation(
                            location=types.Location(
                                uri=Path(self.state.root / rfile).as_uri(),
                                range=rconv.range(rrange),
                            ),
                            message=rmsg or rfile,
                        )
                    )
            out.append(
                types.Diagnostic(
                    range=conv.range(r),
                    message=kw["message"],
                    severity=kw["severity"],
                    source=kw["source"],
                    code=kw.get("code"),
                    related_information=related_info,
                )
            )
        out.sort(key=lambda d: (d.range.start.line, d.range.start.character, d.message))
        return out


def register(server: GraphwardenServer) -> None:
    """textDocument/diagnostic (pull), for clients that announce support."""

    @server.feature(
        types.TEXT_DOCUMENT_DIAGNOSTIC,
        types.DiagnosticOptions(
            identifier="graphwarden", inter_file_dependencies=True, workspace_diagnostics=False
        ),
    )
    async def pull_diagnostics(
        ls: GraphwardenServer, params: types.DocumentDiagnosticParams
    ) -> types.DocumentDiagnosticReport:
        found = ls.workspaces.locate(params.text_document.uri)
        if found is None or not ls.pull_diagnostics:
            # Without refresh support we push instead; an empty pull report
            # keeps the client from showing every diagnostic twice.
            return types.RelatedFullDocumentDiagnosticReport(items=[], result_id="none")
        state, rel = found
        if state.pending or state.running is not None:
            # The client pulls right after an edit; let the edit reach the graph first.
            await state.settled(PULL_WAIT)
        items, result_id = ls.pulled_diagnostics(state, rel)
        if params.previous_result_id == result_id:
            return types.RelatedUnchangedDocumentDiagnosticReport(result_id=result_id)
        return types.RelatedFullDocumentDiagnosticReport(items=items, result_id=result_id)
