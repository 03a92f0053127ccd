"""textDocument/codeAction on graphwarden's own diagnostics, and the baseline command.

For a violation (its diagnostic's `data`, set by `diagnostics.violation_data`):

* suppress on this line: the inline comment, merged into the one already
  covering the line (`analysis.fixes.suppress_on_line`), as a WorkspaceEdit;
* add to the baseline: the `graphwarden.addToBaseline` command, which
  records the violation in `graphwarden-baseline.json` and publishes again
  (the server hides what the baseline records, as `check --baseline` does);
* for a contract's import chain, ignore its first import in the contract:
  an `ignore_imports` entry in the configuration file
  (`analysis.fixes.add_ignore_import`), as a WorkspaceEdit of that file;
* show the chain in the graph: `graphwarden.showChain` (`graph_view.py`),
  which clients with a graph view handle themselves.

Nothing here waits for a cycle: texts are the buffers' (else the disk's)
and the violation is the folder's latest result.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer

from graphwarden.analysis.fixes import TextEdit, add_ignore_import, suppress_on_line
from graphwarden.analysis.guarantees.baseline import BaselineError
from graphwarden.analysis.safe_read import read_regular
from graphwarden.lsp_server.editor import Editor
from graphwarden.lsp_server.features.commands import REQUEST_FAILED
from graphwarden.lsp_server.features.diagnostics import SOURCE
from graphwarden.lsp_server.features.graph_view import SHOW_CHAIN
from graphwarden.lsp_server.positions import LineConverter, split_lines
from graphwarden.lsp_server.requests import DocumentReading, Requests
from graphwarden.lsp_server.workspaces import Workspaces

ADD_TO_BASELINE = "graphwarden.addToBaseline"
#: Results a line comment or the baseline does not apply to (the configuration's own).
_NOT_SUPPRESSIBLE = ("config", "suppression")


def file_text(editor: Editor, path: Path, uri: str | None) -> str | None:
    """An open buffer's text, else the file's, line endings kept (None: unreadable)."""
    text = editor.buffer_text(uri) if uri else None
    if text is not None:
        return text
    try:
        # Regular files only: a FIFO must not block the event loop.
        return read_regular(path)[0].decode("utf-8", "surrogateescape")
    except OSError:
        return None


def _lsp_edits(text: str, edits: list[TextEdit], encoding: str) -> list[types.TextEdit]:
    conv = LineConverter(split_lines(text), encoding)
    return [
        types.TextEdit(
            range=types.Range(
                start=conv.to_client(e.start_line, e.start_col),
                end=conv.to_client(e.end_line, e.end_col),
            ),
            new_text=e.new_text,
        )
        for e in edits
    ]


def _quick_fix(
    title: str,
    d: types.Diagnostic,
    edit: types.WorkspaceEdit | None = None,
    command: types.Command | None = None,
) -> types.CodeAction:
    # Every action is a quick fix: editors list them together on the diagnostic.
    return types.CodeAction(
        title=title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[d],
        edit=edit,
        command=command,
    )


def _suppress(
    r: DocumentReading, uri: str, d: types.Diagnostic, text: str, rule: str
) -> types.CodeAction | None:
    edits = suppress_on_line(text, r.rel, d.range.start.line, rule)
    if not edits:
        return None
    changes = {uri: _lsp_edits(text, edits, r.editor.position_encoding)}
    return _quick_fix(
        f"graphwarden: suppress {rule} on this line", d, edit=types.WorkspaceEdit(changes=changes)
    )


def _ignore_in_contract(
    r: DocumentReading, d: types.Diagnostic, rule: str, entry: str
) -> types.CodeAction | None:
    config = r.settings.config_file
    if config is None:
        return None
    rel = r.state.relative(config)
    text = file_text(r.editor, config, r.state.open_docs.get(rel) if rel else None)
    edits = add_ignore_import(text, r.settings.table_prefix, rule, entry) if text else None
    if text is None or not edits:
        return None
    config_uri = r.state.uri_of(rel) if rel else config.as_uri()
    changes = {config_uri: _lsp_edits(text, edits, r.editor.position_encoding)}
    return _quick_fix(
        f"graphwarden: ignore {entry} in contract {rule} ({config.name})",
        d,
        edit=types.WorkspaceEdit(changes=changes),
    )


def _actions_for(
    r: DocumentReading, uri: str, d: types.Diagnostic, text: str
) -> list[types.CodeAction]:
    data = d.data
    if d.source != SOURCE or not isinstance(data, dict):
        return []
    fingerprint, rule, kind = data.get("fingerprint"), data.get("rule"), data.get("kind")
    if not isinstance(fingerprint, str) or not isinstance(rule, str) or kind in _NOT_SUPPRESSIBLE:
        return []
    entry = data.get("ignore")
    entry = entry if isinstance(entry, str) else None
    found = [
        _suppress(r, uri, d, text, rule),
        _ignore_in_contract(r, d, rule, entry) if entry else None,
        _quick_fix(
            "graphwarden: add this violation to the baseline",
            d,
            command=types.Command(
                title="Add to the baseline", command=ADD_TO_BASELINE, arguments=[uri, fingerprint]
            ),
        ),
    ]
    if entry:
        target = {"fingerprint": fingerprint, "module": entry.split(" -> ", 1)[0]}
        found.append(
            _quick_fix(
                "graphwarden: show the chain in the graph",
                d,
                command=types.Command(
                    title="Show the chain in the graph", command=SHOW_CHAIN, arguments=[uri, target]
                ),
            )
        )
    return [a for a in found if a is not None]


def code_actions(r: DocumentReading, params: types.CodeActionParams) -> list[types.CodeAction]:
    uri = params.text_document.uri
    ours = [d for d in params.context.diagnostics if d.source == SOURCE and d.data]
    if not ours:
        return []
    text = file_text(r.editor, r.state.root / r.rel, r.state.open_docs.get(r.rel) or uri)
    if text is None:
        return []
    return [a for d in ours for a in _actions_for(r, uri, d, text)]


def register(server: LanguageServer, requests: Requests, workspaces: Workspaces) -> None:
    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix], resolve_provider=False
        ),
    )
    def on_code_action(params: types.CodeActionParams) -> list[types.CodeAction] | None:
        return requests.document(
            "codeAction", params.text_document.uri, lambda r: code_actions(r, params)
        )

    def add_to_baseline(*args: Any) -> dict[str, object]:
        if len(args) < 2 or not isinstance(args[0], str) or not isinstance(args[1], str):
            raise JsonRpcInvalidParams("graphwarden.addToBaseline expects [uri, fingerprint]")
        found = workspaces.locate(args[0])
        if found is None:
            raise JsonRpcInvalidParams(f"graphwarden.addToBaseline: {args[0]} is in no folder")
        state = found[0]
        chosen = [v for v in state.violations if v.fingerprint == args[1]]
        try:
            added = state.baseline.add(chosen) if chosen else 0
        except BaselineError as exc:
            raise JsonRpcException(
                f"graphwarden.addToBaseline: {exc}", code=REQUEST_FAILED
            ) from None
        state.recollect()
        return {"added": added, "path": str(state.baseline.path)}

    server.command(ADD_TO_BASELINE)(add_to_baseline)
