"""Bad input, load and lifecycle: the server keeps running and logs what was wrong."""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

from graphwarden.analysis.store.mapped_pages import mapped_bytes
from tests.lsp.conftest import (
    CLIENTS,
    SERVER,
    diagnostics_of,
    index_done,
    open_doc,
    pulls,
    replace_all,
    session,
    uri,
    wait_for,
    write_big_repo,
)

RULE = "core-independent-of-web"


def hover_params(doc_uri: str, line: int, character: int) -> types.HoverParams:
    return types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=doc_uri),
        position=types.Position(line, character),
    )


@pytest.mark.parametrize("client_name", CLIENTS)
async def test_untitled_foreign_and_outside_uris(
    python_repo: Path, tmp_path: Path, client_name: str
) -> None:
    outside = tmp_path / "outside.py"
    outside.write_text("def lonely():\n    pass\n")
    async with session([python_repo], client_name) as client:
        for doc_uri in ("untitled:Untitled-1", "http://example.com/x.py", outside.as_uri()):
            client.text_document_did_open(
                types.DidOpenTextDocumentParams(
                    text_document=types.TextDocumentItem(
                        uri=doc_uri, language_id="python", version=1, text="x = 1\n"
                    )
                )
            )
            assert await client.text_document_hover_async(hover_params(doc_uri, 0, 0)) is None
            assert (
                await client.text_document_definition_async(
                    types.DefinitionParams(
                        text_document=types.TextDocumentIdentifier(uri=doc_uri),
                        position=types.Position(0, 0),
                    )
                )
                is None
            )
            assert (
                await client.text_document_document_symbol_async(
                    types.DocumentSymbolParams(
                        text_document=types.TextDocumentIdentifier(uri=doc_uri)
                    )
                )
                is None
            )
        # Still serving the workspace.
        doc = uri(python_repo, "app/models.py")
        assert await client.text_document_hover_async(hover_params(doc, 0, 7)) is not None


@pytest.mark.parametrize("client_name", CLIENTS)
async def test_positions_past_end(python_repo: Path, client_name: str) -> None:
    async with session([python_repo], client_name) as client:
        doc = open_doc(client, python_repo, "app/models.py")
        for line, ch in ((0, 999), (999, 0), (999, 999), (3, 10_000)):
            await client.text_document_hover_async(hover_params(doc, line, ch))
            await client.text_document_definition_async(
                types.DefinitionParams(
                    text_document=types.TextDocumentIdentifier(uri=doc),
                    position=types.Position(line, ch),
                )
            )
            await client.text_document_references_async(
                types.ReferenceParams(
                    text_document=types.TextDocumentIdentifier(uri=doc),
                    position=types.Position(line, ch),
                    context=types.ReferenceContext(include_declaration=True),
                )
            )
        assert await client.text_document_hover_async(hover_params(doc, 0, 7)) is not None


async def test_requests_before_initial_index_finished(tmp_path: Path, checkpoints) -> None:
    repo = write_big_repo(tmp_path / "big", modules=150)
    # The initial index is held at its start: every request below is certainly
    # answered before anything is indexed.
    checkpoints.hold("cycle")
    async with session(
        [repo], "visual_studio_code", wait_index=False, env=checkpoints.env
    ) as client:
        await wait_for(lambda: checkpoints.reached("cycle"), timeout=60)
        doc = open_doc(client, repo, "gen/m149.py")
        # Answered from what is indexed (nothing yet), never an error.
        for _ in range(5):
            assert await client.text_document_hover_async(hover_params(doc, 3, 5)) is None
            await client.text_document_document_symbol_async(
                types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=doc))
            )
            found = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="helper"))
            assert not found
        assert not index_done(client)
        checkpoints.release("cycle")
        await wait_for(lambda: index_done(client), timeout=120)
        hover = await client.text_document_hover_async(hover_params(doc, 3, 5))
        assert hover is not None and "helper" in hover.contents.value  # type: ignore[union-attr]


@pytest.mark.parametrize("client_name", CLIENTS)
async def test_flood_of_changes(python_repo: Path, client_name: str) -> None:
    """200 didChange, 100 a second: hovers keep answering meanwhile, the end state is right."""
    pull = pulls(client_name)
    async with session([python_repo], client_name) as client:
        rel = "app/core/service.py"
        text = (python_repo / rel).read_text()
        fixed = text.replace("from app.web import views\n", "").replace("views.index()", "None")
        # The last text is recognisable in the graph: when its symbol shows up,
        # the server has taken the end of the flood into a cycle.
        final = fixed + "\n\ndef flood_is_over():\n    return 0\n"
        doc = open_doc(client, python_repo, rel, text)

        async def rules() -> set[str]:
            return {str(d.code) for d in await diagnostics_of(client, doc, pull)}

        async def until(expected: bool) -> None:
            for _ in range(600):
                if (RULE in await rules()) == expected:
                    return
                await asyncio.sleep(0.05)
            raise AssertionError(f"contract diagnostic present={expected} never happened")

        await until(True)  # the violation is seen before the flood: its absence will mean something
        models = uri(python_repo, "app/models.py")
        answered_during_flood = 0
        flooding = True
        hovers_answered: list[bool] = []

        async def hovers() -> None:
            nonlocal answered_during_flood
            while flooding:
                hover = await client.text_document_hover_async(hover_params(models, 0, 7))
                hovers_answered.append(hover is not None)
                if flooding:
                    answered_during_flood += 1
                await asyncio.sleep(0.05)

        hover_task = asyncio.create_task(hovers())
        current, version = text, 1
        for i in range(200):
            new = fixed if i % 2 == 0 else text
            version += 1
            replace_all(client, doc, current, new, version)
            current = new
            await asyncio.sleep(0.01)
        version += 1
        replace_all(client, doc, current, final, version)
        flooding = False
        await hover_task  # the last hover is awaited, never cancelled
        # Requests were answered while the edits were still being sent.
        assert answered_during_flood >= 3, answered_during_flood
        assert all(hovers_answered)

        async def final_indexed() -> bool:
            found = await client.workspace_symbol_async(
                types.WorkspaceSymbolParams(query="flood_is_over")
            )
            return bool(found)

        for _ in range(600):
            if await final_indexed():
                break
            await asyncio.sleep(0.05)
        assert await final_indexed()
        await until(False)


async def test_did_change_for_unopened_document(python_repo: Path) -> None:
    async with session([python_repo]) as client:
        doc = uri(python_repo, "app/models.py")
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=doc, version=7),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text="broken = (\n")],
            )
        )
        assert await client.text_document_hover_async(hover_params(doc, 0, 7)) is not None
        await wait_for(lambda: any("not open" in m.message for m in client.log_messages))


def _frame(obj: object) -> bytes:
    body = json.dumps(obj).encode() if not isinstance(obj, bytes) else obj
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def _read_message(stream) -> dict:  # type: ignore[no-untyped-def]
    length = 0
    while True:
        line = stream.readline()
        if not line:
            raise EOFError
        if line in (b"\r\n", b"\n"):
            break
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    return json.loads(stream.read(length))


@contextlib.contextmanager
def _raw_server() -> Iterator[subprocess.Popen[bytes]]:
    """The server on pipes, for tests that write the protocol's bytes themselves;
    killed and its pipes closed whatever the test did."""
    proc = subprocess.Popen(
        SERVER, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        for stream in (proc.stdin, proc.stdout, proc.stderr):
            if stream:
                stream.close()


def test_malformed_json_rpc(python_repo: Path) -> None:
    with _raw_server() as proc:
        assert proc.stdin and proc.stdout

        def send(obj: object) -> None:
            proc.stdin.write(_frame(obj))  # type: ignore[union-attr]
            proc.stdin.flush()  # type: ignore[union-attr]

        def response(id_: int) -> dict:
            while True:
                msg = _read_message(proc.stdout)
                if msg.get("id") == id_ and "method" not in msg:
                    return msg

        send(
            {
                "jsonrpc": "2.0",
                "id": 1,
                "method": "initialize",
                "params": {"processId": None, "rootUri": python_repo.as_uri(), "capabilities": {}},
            }
        )
        assert "result" in response(1)
        send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
        send(b"{this is not json")
        send(b"[1, 2, 3]")
        send({"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover"})  # no params
        send(
            {"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover", "params": {"position": {}}}
        )
        send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {}}})
        send({"jsonrpc": "2.0", "id": 4, "method": "no/suchMethod", "params": {}})
        send({"jsonrpc": "2.0", "id": 5, "method": "workspace/symbol", "params": {"query": "Repo"}})
        for id_ in (2, 3, 4):
            assert "error" in response(id_)
        result = response(5)
        assert "result" in result and proc.poll() is None
        send({"jsonrpc": "2.0", "id": 6, "method": "shutdown"})
        response(6)
        send({"jsonrpc": "2.0", "method": "exit"})
        # Drain the pipes while waiting: a server blocked writing its log to a
        # full stderr pipe must not pass for one that does not exit.
        _out, err = proc.communicate(timeout=30)
        assert proc.returncode == 0, err[-4000:]


def test_stdin_from_a_file_and_messages_split_across_writes(
    python_repo: Path, tmp_path: Path
) -> None:
    # stdin is read on the event loop when it is a pipe (lsp_server/stdio.py),
    # in a thread when it is a regular file: both answer the same.
    def initialize(id_: int) -> dict[str, Any]:
        params = {"processId": None, "rootUri": python_repo.as_uri(), "capabilities": {}}
        return {"jsonrpc": "2.0", "id": id_, "method": "initialize", "params": params}

    script = tmp_path / "messages"
    script.write_bytes(
        _frame(initialize(1))
        + _frame({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
        + _frame({"jsonrpc": "2.0", "method": "exit"})
    )
    with script.open("rb") as stdin:
        done = subprocess.run(SERVER, stdin=stdin, capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr[-4000:]
    out = io.BytesIO(done.stdout)
    answers = {}
    with contextlib.suppress(EOFError):
        while True:
            msg = _read_message(out)
            answers[msg.get("id")] = msg
    assert "capabilities" in answers[1]["result"] and "result" in answers[2]
    # A pipe: one message written in pieces (header and body cut mid-way).
    with _raw_server() as proc:
        assert proc.stdin and proc.stdout
        frame = _frame(initialize(7))
        for piece in (frame[:9], frame[9:40], frame[40:-5], frame[-5:]):
            proc.stdin.write(piece)
            proc.stdin.flush()
        msg = _read_message(proc.stdout)
        while msg.get("id") != 7:
            msg = _read_message(proc.stdout)
        assert "capabilities" in msg["result"]
        proc.stdin.write(_frame({"jsonrpc": "2.0", "id": 8, "method": "shutdown"}))
        proc.stdin.write(_frame({"jsonrpc": "2.0", "method": "exit"}))
        proc.stdin.flush()
        _out, err = proc.communicate(timeout=30)
        assert proc.returncode == 0, err[-4000:]


def _late_configuration_client(release: asyncio.Event) -> LanguageClient:
    """A client that holds its workspace/configuration answer until `release` is set."""
    client = LanguageClient(converter_factory=default_converter)
    features = {
        m: f for m, f in DEFAULT_CLIENT_FEATURES.items() if m != types.WORKSPACE_CONFIGURATION
    }
    register_lsp_features(client, features)

    @client.feature(types.WORKSPACE_CONFIGURATION)
    async def answer_late(ls: LanguageClient, params: types.ConfigurationParams) -> list[Any]:
        await release.wait()
        return [None for _ in params.items]

    return client


async def test_client_never_answers_configuration(python_repo: Path) -> None:
    """The server goes on without an answer to workspace/configuration (it waits 2 s)."""
    release = asyncio.Event()
    async with session(
        [python_repo],
        init_options={"diagnostics": {"coverage": False}},
        client_factory=lambda: _late_configuration_client(release),
        wait_index=False,
    ) as client:
        service = uri(python_repo, "app/core/service.py")
        # Positive signals that it went on: the initial index ran and the broken
        # contract was published, all while the configuration answer was held.
        await wait_for(lambda: index_done(client), timeout=120)
        await wait_for(lambda: any(d.code == RULE for d in client.diagnostics.get(service, [])))
        assert any(
            "did not answer workspace/configuration" in m.message for m in client.log_messages
        )
        assert not release.is_set()
        release.set()  # let the held handler finish, so the session ends cleanly


@pytest.mark.parametrize("client_name", CLIENTS)
async def test_configuration_changes(python_repo: Path, client_name: str) -> None:
    async with session([python_repo], client_name, configuration={"debounceMs": 50}) as client:
        service = uri(python_repo, "app/core/service.py")
        await wait_for(lambda: any(d.code == RULE for d in client.diagnostics.get(service, [])))
        client.set_configuration({"diagnostics": {"guarantees": False}}, section="graphwarden")
        client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
        await wait_for(lambda: not any(d.code == RULE for d in client.diagnostics.get(service, [])))
        client.workspace_did_change_configuration(
            types.DidChangeConfigurationParams(
                settings={"graphwarden": {"diagnostics": {"guarantees": True}}}
            )
        )
        await wait_for(lambda: any(d.code == RULE for d in client.diagnostics.get(service, [])))
        # A new store path re-opens the store and re-indexes.
        client.workspace_did_change_configuration(
            types.DidChangeConfigurationParams(settings={"graphwarden": {"storePath": ".gw-other"}})
        )
        await wait_for(lambda: index_done(client, 2))
        assert (python_repo / ".gw-other").is_dir()


async def test_config_file_errors_and_reload(python_repo: Path) -> None:
    async with session([python_repo]) as client:
        config = python_repo / "graphwarden.toml"
        config.write_text(config.read_text() + "\nunknown_key = 1\n")
        client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)]
            )
        )
        await wait_for(lambda: index_done(client, 2))
        diags = await wait_for(lambda: client.diagnostics.get(config.as_uri()))
        assert any("unknown_key" in d.message and d.range.start.line == 7 for d in diags)


async def test_watched_files_and_branch_switch(python_repo: Path) -> None:
    async with session([python_repo], "visual_studio_code") as client:
        (python_repo / "app/extra.py").write_text("def brand_new_function():\n    pass\n")
        (python_repo / "app/web/views.py").unlink()
        (python_repo / "app/models.py").write_text("class Other:\n    pass\n")
        client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                changes=[
                    types.FileEvent(
                        uri=uri(python_repo, "app/extra.py"), type=types.FileChangeType.Created
                    ),
                    types.FileEvent(
                        uri=uri(python_repo, "app/web/views.py"), type=types.FileChangeType.Deleted
                    ),
                    types.FileEvent(
                        uri=uri(python_repo, "app/models.py"), type=types.FileChangeType.Changed
                    ),
                ]
            )
        )

        async def names(q: str) -> list[str]:
            return [
                s.name
                for s in await client.workspace_symbol_async(types.WorkspaceSymbolParams(query=q))
                or []
            ]

        for _ in range(200):
            if await names("brand_new") and not await names("Base"):
                break
            await asyncio.sleep(0.05)
        assert await names("brand_new") == ["brand_new_function"]
        assert await names("Base") == []
        assert await names("index") == []


async def test_closing_a_buffer_returns_to_disk(python_repo: Path) -> None:
    async with session([python_repo], "visual_studio_code") as client:
        rel = "app/core/service.py"
        text = (python_repo / rel).read_text()
        doc = open_doc(client, python_repo, rel, text)
        await wait_for(lambda: any(d.code == RULE for d in client.diagnostics.get(doc, [])))
        fixed = text.replace("from app.web import views\n", "").replace("views.index()", "None")
        replace_all(client, doc, text, fixed, 2)
        await wait_for(lambda: not any(d.code == RULE for d in client.diagnostics.get(doc, [])))
        client.text_document_did_close(
            types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=doc))
        )
        await wait_for(lambda: any(d.code == RULE for d in client.diagnostics.get(doc, [])))


async def test_multi_root(python_repo: Path, ts_repo: Path) -> None:
    async with session([python_repo, ts_repo]) as client:
        py = uri(python_repo, "app/models.py")
        ts = uri(ts_repo, "src/dog.ts")
        assert await client.text_document_hover_async(hover_params(py, 0, 7)) is not None
        assert await client.text_document_hover_async(hover_params(ts, 2, 14)) is not None
        assert (python_repo / ".graphwarden").is_dir() and (ts_repo / ".graphwarden").is_dir()


async def test_hover_answers_during_a_long_cycle(tmp_path: Path, checkpoints) -> None:
    repo = write_big_repo(tmp_path / "big", modules=150)
    async with session([repo], env=checkpoints.env) as client:
        doc = uri(repo, "gen/m3.py")
        checkpoints.hold("enrichment")
        reindex = asyncio.ensure_future(
            client.workspace_execute_command_async(
                types.ExecuteCommandParams(command="graphwarden.reindex")
            )
        )
        # The re-index is certainly running: it announced itself and waits.
        await wait_for(lambda: checkpoints.reached("enrichment"), timeout=120)
        await client.text_document_hover_async(hover_params(doc, 3, 5))
        symbols = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="helper"))
        assert symbols, "answered from what the re-index has committed so far"
        assert not reindex.done(), "the requests came back while the re-index still ran"
        assert not index_done(client, 2)
        checkpoints.release("enrichment")
        result = await reindex
        assert result["files"] > 150


async def test_shutdown_during_a_cycle(tmp_path: Path, checkpoints) -> None:
    import lmdb

    repo = write_big_repo(tmp_path / "big", modules=150)
    checkpoints.hold("enrichment")
    async with session([repo], wait_index=False, env=checkpoints.env) as client:
        await wait_for(lambda: checkpoints.reached("enrichment"), timeout=120)
        # Inside the initial index: analysis committed, enrichment about to start.
        shutdown = asyncio.ensure_future(client.shutdown_session())
        checkpoints.release("enrichment")
        await asyncio.wait_for(shutdown, 120)
    assert client._server is not None and client._server.returncode == 0
    env = lmdb.open(str(repo / ".graphwarden"), max_dbs=16, readonly=True, lock=True)
    try:
        assert "(no active readers)" in env.readers()
    finally:
        env.close()


async def test_notifications_are_forgotten_once_handled(tmp_path: Path) -> None:
    """pygls files each generator-handled notification's future and never takes it
    out: a leak of about 2 KB per keystroke (the soak's server grew 2 MB a minute).
    The real server object, fed over its JSON-RPC entry point (its output bytes go
    to a sink), must hold no future once the edits have been applied."""
    from graphwarden.lsp_server.server import create_server

    class Sink:
        def write(self, data: bytes) -> None:
            pass

        def close(self) -> None:
            pass

    server = create_server()
    protocol = server.protocol
    protocol.set_writer(Sink())

    def send(message: dict[str, Any]) -> None:
        protocol.handle_message(protocol.structure_message(message))

    # No workspace folder: nothing to index, only the documents.
    send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}})
    uri = (tmp_path / "scratch.py").as_uri()
    send(
        {
            "jsonrpc": "2.0",
            "method": "textDocument/didOpen",
            "params": {
                "textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": ""}
            },
        }
    )
    for version in range(2, 52):
        send(
            {
                "jsonrpc": "2.0",
                "method": "textDocument/didChange",
                "params": {
                    "textDocument": {"uri": uri, "version": version},
                    "contentChanges": [{"text": f"x = {version}\n"}],
                },
            }
        )
    # Every edit was applied (the handlers ran)...
    assert protocol.workspace.get_text_document(uri).source == "x = 51\n"
    # ...and none of the 51 notifications left its future behind.
    assert protocol._request_futures == {}


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        out += [int(c) for c in (task / "children").read_text().split()]
    return out


def _unmapped_kib(client: LanguageClient, why: str) -> int | None:
    for m in client.log_messages:
        if f"{why}: unmapped " in m.message:
            return int(m.message.split(f"{why}: unmapped ")[1].split()[0])
    return None


async def test_store_pages_are_unmapped_after_requests_and_when_idle(python_repo: Path) -> None:
    # The server's requests and the cycle worker's cycles map the store's
    # pages as they read them; a little after the requests, and once the worker
    # is idle, each lets go of them (the page cache keeps them).
    async with session([python_repo], init_options={"logLevel": "debug"}) as client:
        assert client._server is not None
        server = client._server.pid
        store = python_repo / ".graphwarden" / "data.mdb"
        assert store.is_file()
        await wait_for(lambda: _unmapped_kib(client, "idle") is not None)
        assert _unmapped_kib(client, "idle")  # the worker had read the store (its cycle)
        (worker,) = [  # the child that maps the store: the cycle worker
            p
            for p in _children(server)
            if any(
                line.endswith("/data.mdb")
                for line in Path(f"/proc/{p}/maps").read_text().splitlines()
            )
        ]
        await wait_for(lambda: mapped_bytes(store, worker) == 0)  # as below: logged, then let go
        client.log_messages.clear()
        doc = uri(python_repo, "app/core/service.py")
        hover = await client.text_document_hover_async(hover_params(doc, 4, 8))
        assert hover is not None and "compute_total" in str(hover.contents)
        await wait_for(lambda: _unmapped_kib(client, "after requests") is not None)
        assert _unmapped_kib(client, "after requests")  # the hover had mapped some
        # The release logs what it found mapped, then lets it go: the message can
        # reach the client a moment before the pages leave.
        await wait_for(lambda: mapped_bytes(store, server) == 0)
        assert mapped_bytes(store, worker) == 0
