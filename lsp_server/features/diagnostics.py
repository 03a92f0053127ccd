"""Diagnostics: guarantee violations, coverage gaps, parse and configuration errors; push and pull.

All of it is here, on the event loop. A folder's worker reports its results
as plain data (`WorkspaceState.results`: violations, gaps, parse errors in
graph coordinates), early (the edited files' results, before the cycle's
global passes) and when the cycle ends; `refresh` turns them into each
file's diagnostics, converting positions again only for files whose items
or text changed, and `publish` sends only the files whose list changed (an
empty list for files that were fixed). Clients that pull
(`textDocument/diagnostic`) and can be asked to pull again get the same
lists for their open documents, which are then not pushed; a document they
close is pushed what it has.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from graphwarden.analysis.fixes import ignore_entry_of
from graphwarden.analysis.guarantees.results import Violation
from graphwarden.analysis.model import Range
from graphwarden.lsp_server.editor import Editor
from graphwarden.lsp_server.positions import LineConverter
from graphwarden.lsp_server.workspace_state import FileDiagnostics, WorkspaceState
from graphwarden.lsp_server.workspaces import Workspaces

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


@dataclass
class _Item:
    """A diagnostic in graph coordinates (code points), before conversion for the client."""

    range: Range
    message: str
    severity: types.DiagnosticSeverity
    source: str
    code: str | None = None
    related: list[tuple[str, Range, str]] = field(default_factory=list)
    #: What the code actions need (`violation_data`): the diagnostic's `data`.
    data: dict[str, object] | None = None


@dataclass
class _Folder:
    """What one folder last computed and published."""

    #: Per file: the items in graph coordinates, and their conversion.
    raw: dict[str, list[_Item]] = field(default_factory=dict)
    converted: FileDiagnostics = field(default_factory=dict)
    published: FileDiagnostics = field(default_factory=dict)
    result_ids: dict[str, str] = field(default_factory=dict)
    #: Files whose last push was not empty. A client keeps pushed and pulled
    #: diagnostics apart, so a file that is opened (and from then on pulled)
    #: after a push must have its pushed copy cleared, or the client shows the
    #: old push beside every later pull, fixed or not.
    pushed: set[str] = field(default_factory=set)
    #: The guarantee items by file, and the violations and baseline they were
    #: made from: a cycle that changes no violation (a body edit's) reuses
    #: them, the same objects, so comparing a file's items is an identity check.
    violation_items: dict[str, list[_Item]] = field(default_factory=dict)
    violation_source: tuple[list[Violation], frozenset[str]] | None = None


class Diagnostics:
    """Computes, publishes and serves (pull) the diagnostics of every folder."""

    def __init__(self, server: LanguageServer, editor: Editor) -> None:
        self.server = server
        self.editor = editor
        self._folders: dict[Path, _Folder] = {}
        self._result_ids = itertools.count(1)

    def _folder(self, state: WorkspaceState) -> _Folder:
        return self._folders.setdefault(state.root, _Folder())

    # -- what the client can do ---------------------------------------------------------------

    @property
    def pull(self) -> bool:
        """Open documents' diagnostics are pulled by the client (textDocument/diagnostic).

        Only if the client can also be told to pull again (refresh support):
        a client that pulls only on open and edit would never learn that a
        cycle changed a file's results (Neovim 0.11.4), so those get pushes.
        """
        td = self.server.client_capabilities.text_document
        return bool(td and td.diagnostic is not None and self._refresh_supported())

    def _refresh_supported(self) -> bool:
        ws = self.server.client_capabilities.workspace
        return bool(ws and ws.diagnostics and ws.diagnostics.refresh_support)

    # -- computing --------------------------------------------------------------------------

    def refresh(self, state: WorkspaceState, changed: list[str], texts: dict[str, str]) -> None:
        """The folder's results changed: convert what changed, publish what differs.

        `changed`: files the cycle read anew (their text, so their positions,
        may differ); `texts`: the buffer texts the cycle read.
        """
        folder = self._folder(state)
        raw = self._raw(state, folder)
        changed_files = set(changed)
        converter = self._converters(state, texts)
        diagnostics: FileDiagnostics = {}
        for file, items in raw.items():
            old = folder.converted.get(file)
            if (
                old is not None
                and file not in changed_files
                and folder.raw.get(file) == items
                and not any(r[0] in changed_files for item in items for r in item.related)
            ):
                diagnostics[file] = old
            else:
                diagnostics[file] = _convert(file, items, converter, state)
        folder.raw, folder.converted = raw, diagnostics
        self.publish(state, diagnostics)

    def _raw(self, state: WorkspaceState, folder: _Folder) -> dict[str, list[_Item]]:
        """Every file's diagnostics in graph coordinates, as the settings want them."""
        results, settings = state.results, state.settings
        raw: dict[str, list[_Item]] = {}

        def add(file: str, item: _Item) -> None:
            raw.setdefault(file, []).append(item)

        if settings.shows("parseErrors"):
            warning = types.DiagnosticSeverity.Warning
            for path, errors in sorted(results.parse_errors.items()):
                for pe in errors:
                    add(path, _Item(pe.range, pe.message, warning, SOURCE_PARSE))
        if settings.shows("coverage"):
            info = types.DiagnosticSeverity.Information
            for gap in results.coverage_gaps:
                add(gap.file, _Item(gap.range, gap.message, info, SOURCE_COVERAGE, "coverage-gap"))
        if settings.shows("guarantees"):
            for file, items in _violation_items(results.violations, state, folder).items():
                raw.setdefault(file, []).extend(items)
            # What the guarantees could not see: said where, as `check` says it.
            warning = types.DiagnosticSeverity.Warning
            for f in results.enricher_failures:
                if f.file:
                    message = (
                        f"graphwarden could not analyse this file ({f}): the violations "
                        "read from what it contributes are missing; this is a "
                        "graphwarden bug, please report it"
                    )
                    add(
                        f.file,
                        _Item((0, 0, 0, 10_000), message, warning, SOURCE, "analysis-failed"),
                    )
            info = types.DiagnosticSeverity.Information
            for s in results.stopped:
                add(
                    s.file,
                    _Item((s.line, 0, s.line, 10_000), str(s), info, SOURCE, "dataflow-budget"),
                )
        ws = state.settings_of_workspace
        config_file = ws.config_file if ws is not None else None
        config_rel = config_file.name if config_file is not None else "graphwarden.toml"
        error = types.DiagnosticSeverity.Error
        for err in results.config_errors:
            line = max(0, err.line - 1)
            add(
                err.file or config_rel,
                _Item((line, 0, line, 10_000), err.message, error, SOURCE, "config"),
            )
        return raw

    def _converters(
        self, state: WorkspaceState, texts: dict[str, str]
    ) -> Callable[[str], LineConverter]:
        def converter(file: str) -> LineConverter:
            # The text the cycle read for a buffer, else the buffer now, else the disk.
            return self.editor.converter(
                state.root / file, state.open_docs.get(file), texts.get(file)
            )

        return converter

    # -- publishing (event loop) ----------------------------------------------------------------

    def publish(self, state: WorkspaceState, diagnostics: FileDiagnostics) -> None:
        """Send the files whose diagnostics changed (an empty list clears a fixed file)."""
        folder = self._folder(state)
        pull = self.pull
        changed_open = False
        for rel in sorted(set(folder.published) | set(diagnostics)):
            new = diagnostics.get(rel, [])
            if folder.published.get(rel, []) == new:
                continue
            folder.result_ids[rel] = str(next(self._result_ids))
            if pull and rel in state.open_docs:
                changed_open = True  # the client pulls these
                self._clear_push(state, folder, rel)
                continue
            self._push(state, rel, new)
        folder.published = {rel: d for rel, d in diagnostics.items() if d}
        if changed_open:
            with contextlib.suppress(Exception):  # the client may have gone
                self.server.workspace_diagnostic_refresh(None)

    def document_opened(self, state: WorkspaceState, rel: str) -> None:
        """A document was opened: a client that pulls gets it by pull, not by an old push."""
        if self.pull:
            self._clear_push(state, self._folder(state), rel)

    def document_closed(self, state: WorkspaceState, rel: str) -> None:
        """A pulled document was closed: push what it has (nobody pulls it any more)."""
        if self.pull:
            self._push(state, rel, self._folder(state).published.get(rel, []))

    def forget(self, state: WorkspaceState) -> None:
        """The folder was removed: clear its files in the client."""
        folder = self._folders.pop(state.root, None)
        for rel in sorted(set(folder.published) | folder.pushed) if folder is not None else ():
            self.server.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=state.uri_of(rel), diagnostics=[])
            )

    def _push(self, state: WorkspaceState, rel: str, items: list[types.Diagnostic]) -> None:
        pushed = self._folder(state).pushed
        if items:
            pushed.add(rel)
        else:
            pushed.discard(rel)
        self.server.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=state.uri_of(rel), diagnostics=items)
        )

    def _clear_push(self, state: WorkspaceState, folder: _Folder, rel: str) -> None:
        if rel in folder.pushed:
            self._push(state, rel, [])

    def pulled(self, state: WorkspaceState, rel: str) -> tuple[list[types.Diagnostic], str]:
        """A document's current diagnostics and their result id (for a pull)."""
        folder = self._folder(state)
        return folder.published.get(rel, []), folder.result_ids.setdefault(rel, "0")


def _violation_items(
    violations: list[Violation], state: WorkspaceState, folder: _Folder
) -> dict[str, list[_Item]]:
    """The violations' items by file, the baseline's left out; made again only
    when the worker reported other violations or the baseline changed."""
    known = state.baseline.known()
    source = folder.violation_source
    if source is None or source[0] is not violations or source[1] != known:
        items: dict[str, list[_Item]] = {}
        for v in violations:
            if v.file and v.fingerprint not in known:
                items.setdefault(v.file, []).append(_violation(v))
        folder.violation_items = items
        folder.violation_source = (violations, known)
    return folder.violation_items


def _violation(v: Violation) -> _Item:
    message = v.message
    if v.description and v.description not in message:
        message = f"{message}\n{v.description}"
    if v.remediation:
        message = f"{message}\nFix: {v.remediation}"
    if v.instructions:
        message = f"{message}\nInstructions: {v.instructions}"
    severity = SEVERITY.get(v.severity.lower(), types.DiagnosticSeverity.Error)
    related = [(r.file, r.range, r.message) for r in v.related if r.file]
    return _Item(
        v.range, message, severity, SOURCE, v.rule or "guarantee", related, violation_data(v)
    )


def violation_data(v: Violation) -> dict[str, object]:
    """A violation's diagnostic `data`: what its code actions act on (`code_actions.py`)."""
    return {
        "fingerprint": v.fingerprint,
        "rule": v.rule,
        "kind": v.kind,
        # The first import of a contract's chain, as an ignore_imports entry.
        "ignore": ignore_entry_of(v),
    }


def _convert(
    file: str,
    items: list[_Item],
    converter: Callable[[str], LineConverter],
    state: WorkspaceState,
) -> list[types.Diagnostic]:
    conv = converter(file)
    out = []
    for item in items:
        related_info = None
        if item.related:
            related_info = [
                types.DiagnosticRelatedInformation(
                    location=types.Location(
                        uri=(state.root / rfile).as_uri(),
                        range=(conv if rfile == file else converter(rfile)).range(rrange),
                    ),
                    message=rmsg or rfile,
                )
                for rfile, rrange, rmsg in item.related
            ]
        out.append(
            types.Diagnostic(
                range=conv.range(item.range),
                message=item.message,
                severity=item.severity,
                source=item.source,
                code=item.code,
                related_information=related_info,
                data=item.data,
            )
        )
    out.sort(key=lambda d: (d.range.start.line, d.range.start.character, d.message))
    return out


def register(server: LanguageServer, diagnostics: Diagnostics, workspaces: Workspaces) -> None:
    """textDocument/diagnostic (pull), for clients that announce support."""

    @server.feature(
        types.TEXT_DOCUMENT_DIAGNOSTIC,
        types.DiagnosticOptions(
            identifier="graphwarden", inter_file_dependencies=True, workspace_diagnostics=False
        ),
    )
    async def pull_diagnostics(
        params: types.DocumentDiagnosticParams,
    ) -> types.DocumentDiagnosticReport:
        found = workspaces.locate(params.text_document.uri)
        if found is None or not diagnostics.pull:
            # Without refresh support we push instead; an empty pull report
            # keeps the client from showing every diagnostic twice.
            return types.RelatedFullDocumentDiagnosticReport(items=[], result_id="none")
        state, rel = found
        if state.busy:
            # The client pulls right after an edit: answer once the edit's results
            # are known (not after the rest of its cycle, the global passes).
            await state.current(PULL_WAIT)
        items, result_id = diagnostics.pulled(state, rel)
        if params.previous_result_id == result_id:
            return types.RelatedUnchangedDocumentDiagnosticReport(result_id=result_id)
        return types.RelatedFullDocumentDiagnosticReport(items=items, result_id=result_id)
