"""The MCP server beside a language server on the same workspace (two processes, one store).

An MCP commit reaches the editor's diagnostics (the language server watches
the disk); an editor buffer the language server committed makes an MCP
session on that file conflict.
"""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types
from pytest_lsp import LanguageClient

from tests.lsp.conftest import open_doc, replace_all, session, uri, wait_for
from tests.mcp.conftest import DOMAIN, FORBIDDEN_DIFF, FORBIDDEN_LINE, RULE, call, mcp_session


def rules_at(client: LanguageClient, doc_uri: str) -> set[str]:
    return {str(d.code) for d in client.diagnostics.get(doc_uri, [])}


def disk_watched(client: LanguageClient) -> bool:
    return any("for changes on disk" in m.message for m in client.log_messages)


async def test_after_an_mcp_commit_the_editor_shows_the_violation(repo: Path) -> None:
    async with session([repo], "neovim") as editor, mcp_session(repo) as agent:
        await wait_for(lambda: disk_watched(editor), timeout=60)
        domain = uri(repo, DOMAIN)
        assert RULE not in rules_at(editor, domain)
        s = (await call(agent, "session_begin"))["session"]
        await call(agent, "session_apply", session=s, diff=FORBIDDEN_DIFF)
        assert (await call(agent, "session_commit", session=s))["ok"] is True
        await wait_for(lambda: RULE in rules_at(editor, domain), timeout=60)


async def test_an_editor_buffer_conflicts_with_a_session(repo: Path) -> None:
    async with session([repo], "visual_studio_code") as editor, mcp_session(repo) as agent:
        s = (await call(agent, "session_begin"))["session"]
        await call(agent, "session_apply", session=s, diff=FORBIDDEN_DIFF)
        # The user types the same import into an unsaved buffer; the language
        # server commits the buffer to the graph (its diagnostic says so).
        text = (repo / DOMAIN).read_text()
        doc = open_doc(editor, repo, DOMAIN, text)
        replace_all(editor, doc, text, FORBIDDEN_LINE + text, 2)
        await wait_for(lambda: RULE in rules_at(editor, doc), timeout=60)
        refused = await call(agent, "session_commit", session=s)
        assert refused["ok"] is False
        assert [(c["path"], c["source"]) for c in refused["conflicts"]] == [(DOMAIN, "graph")]
        assert (repo / DOMAIN).read_text() == text
        editor.text_document_did_close(
            types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=doc))
        )
