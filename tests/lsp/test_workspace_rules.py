"""The server follows the workspace's own rules: what is indexed, module names, debounce_ms."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types
from pytest_lsp import LanguageClient

from tests.lsp.conftest import (
    PYTHON_FILES,
    eventually,
    open_doc,
    session,
    wait_for,
    write_repo,
)


async def _symbols(client: LanguageClient, query: str) -> list[str]:
    found = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query=query))
    return [s.name for s in found or []]


async def _until_symbol(client: LanguageClient, query: str) -> None:
    """Wait until a workspace-symbol search finds `query` (an edit reached the graph)."""

    async def found() -> bool:
        return query in await _symbols(client, query)

    await eventually(found, what=f"{query} in the graph")


def _close(client: LanguageClient, doc_uri: str) -> None:
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=doc_uri))
    )


async def test_ignored_files_opened_in_the_editor_stay_out_of_the_graph(tmp_path: Path) -> None:
    """A gitignored, an excluded and a build/ file never enter the graph, as with `graphwarden index`."""
    files = {
        **PYTHON_FILES,
        # Top-level keys before the [[contracts]] table of the fixture's config.
        "graphwarden.toml": 'exclude = ["scratch/**"]\n' + PYTHON_FILES["graphwarden.toml"],
        ".gitignore": "generated/\n",
        "generated/out.py": "def generated_on_disk():\n    pass\n",
        "scratch/tmp.py": "def scratch_on_disk():\n    pass\n",
        "build/lib/app.py": "def built_on_disk():\n    pass\n",
    }
    repo = write_repo(tmp_path / "repo", files)
    ignored = {
        "generated/out.py": "gitignored_buffer_symbol",
        "scratch/tmp.py": "excluded_buffer_symbol",
        "build/lib/app.py": "build_buffer_symbol",
    }
    async with session([repo]) as client:
        docs = [
            open_doc(client, repo, rel, f"def {name}():\n    pass\n")
            for rel, name in ignored.items()
        ]
        # Opened after the ignored ones: once its symbol is in the graph, so
        # would theirs be, had the server taken them.
        open_doc(client, repo, "app/fresh.py", "def normal_buffer_symbol():\n    pass\n")
        await _until_symbol(client, "normal_buffer_symbol")
        for name in [*ignored.values(), "generated_on_disk", "scratch_on_disk", "built_on_disk"]:
            assert await _symbols(client, name) == [], name

        # Closing an ignored buffer does not bring its disk content in either.
        for doc in docs:
            _close(client, doc)
        open_doc(client, repo, "app/later.py", "def later_buffer_symbol():\n    pass\n")
        await _until_symbol(client, "later_buffer_symbol")
        for name in ("generated_on_disk", "scratch_on_disk", "built_on_disk"):
            assert await _symbols(client, name) == [], name


SRC_LAYOUT = {
    "graphwarden.toml": """\
        [[contracts]]
        name = "sessions-without-adapters"
        type = "forbidden"
        source_modules = ["requests.sessions"]
        forbidden_modules = ["requests.adapters"]
        """,
    "src/requests/__init__.py": "",
    "src/requests/adapters.py": "class HTTPAdapter:\n    pass\n",
    "src/requests/sessions.py": """\
        from requests.adapters import HTTPAdapter


        class Session:
            \"\"\"A user session.\"\"\"

            def mount(self):
                return HTTPAdapter()
        """,
}


async def test_hover_names_modules_as_the_contracts_do(tmp_path: Path) -> None:
    """src layout: the contract says `requests.sessions`, and so does hover (not `src.requests`)."""
    repo = write_repo(tmp_path / "srclayout", SRC_LAYOUT)
    async with session([repo]) as client:
        doc = open_doc(client, repo, "src/requests/sessions.py")
        diags = await wait_for(
            lambda: [
                d for d in client.diagnostics.get(doc, []) if d.code == "sessions-without-adapters"
            ]
        )
        assert "requests.sessions" in diags[0].message
        hover = await client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=doc),
                position=types.Position(3, 7),  # class Session
            )
        )
        assert hover is not None
        text = hover.contents.value  # type: ignore[union-attr]
        assert "`requests.sessions.Session`" in text
        assert "src.requests" not in text


async def test_debounce_ms_of_the_workspace_config_is_honoured(tmp_path: Path) -> None:
    """graphwarden.toml's debounce_ms sets the wait; the editor's debounceMs overrides it only when set."""
    files = {
        **PYTHON_FILES,
        "graphwarden.toml": "debounce_ms = 345\n" + PYTHON_FILES["graphwarden.toml"],
    }
    repo = write_repo(tmp_path / "repo", files)
    rel = "app/models.py"
    async with session([repo], init_options={"logLevel": "debug"}) as client:
        doc = open_doc(client, repo, rel)
        version = 1

        async def edit_scheduled_with(debounce_ms: int) -> None:
            nonlocal version
            version += 1
            client.text_document_did_change(
                types.DidChangeTextDocumentParams(
                    text_document=types.VersionedTextDocumentIdentifier(uri=doc, version=version),
                    content_changes=[
                        types.TextDocumentContentChangePartial(
                            range=types.Range(types.Position(0, 0), types.Position(0, 0)),
                            text="# edit\n",
                        )
                    ],
                )
            )
            expected = f"cycle for {rel} in "
            await wait_for(
                lambda: any(
                    expected in m.message and f"(debounce {debounce_ms} ms)" in m.message
                    for m in client.log_messages
                )
            )
            client.log_messages.clear()

        async def configure(debounce: int | None, shown: str) -> None:
            # The server asks the client for its settings, then applies them: an
            # edit sent before they are applied is scheduled with the old ones.
            push = types.DidChangeConfigurationParams(
                settings={"graphwarden": {"debounceMs": debounce}}
            )
            client.workspace_did_change_configuration(push)
            await wait_for(
                lambda: any(
                    "settings of" in m.message and f"debounceMs={shown}," in m.message
                    for m in client.log_messages
                )
            )

        await edit_scheduled_with(345)
        await configure(40, "40")
        await edit_scheduled_with(40)
        await configure(None, "(workspace)")
        await edit_scheduled_with(345)
