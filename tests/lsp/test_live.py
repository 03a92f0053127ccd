"""The server while cycles run: requests never wait, results go out first, the worker can die.

Every cycle runs in the folder's cycle worker, a process of its own; these
tests hold that process at named points of a cycle (tests/helpers.py
`Checkpoints`) and check the order of what the client sees, never how long
anything took.
"""

from __future__ import annotations

import os
import re
import signal
from pathlib import Path

from lsprotocol import types
from pytest_lsp import LanguageClient

from tests.helpers import Checkpoints
from tests.lsp.conftest import (
    PULL_CLIENT,
    diagnostics_of,
    eventually,
    index_done,
    open_doc,
    replace_all,
    session,
    uri,
    wait_for,
    write_big_repo,
)

RULE = "core-independent-of-web"
SERVICE = "app/core/service.py"


def rules_at(client: LanguageClient, doc_uri: str) -> set[str]:
    return {str(d.code) for d in client.diagnostics.get(doc_uri, [])}


def fixed_text(text: str) -> str:
    """service.py without its forbidden import (the contract holds)."""
    return text.replace("from app.web import views\n", "").replace("views.index()", "None")


def worker_pid(client: LanguageClient) -> int | None:
    """The pid of the (latest) cycle worker, from the server's log."""
    pids = [
        int(m.group(1))
        for msg in client.log_messages
        if (m := re.search(r"cycle worker of .* started \(pid (\d+)\)", msg.message))
    ]
    return pids[-1] if pids else None


def hover_params(doc_uri: str, line: int, character: int) -> types.HoverParams:
    return types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=doc_uri),
        position=types.Position(line, character),
    )


def definition_params(doc_uri: str, line: int, character: int) -> types.DefinitionParams:
    return types.DefinitionParams(
        text_document=types.TextDocumentIdentifier(uri=doc_uri),
        position=types.Position(line, character),
    )


async def open_fixed(client: LanguageClient, repo: Path) -> tuple[str, str, str]:
    """service.py opened without its forbidden import, once the index and the open's
    diagnostics are out: its text, the fixed text, and its URI."""
    text = (repo / SERVICE).read_text()
    fixed = fixed_text(text)
    doc = open_doc(client, repo, SERVICE, fixed)
    await wait_for(lambda: index_done(client))
    await wait_for(lambda: RULE not in rules_at(client, doc) and doc in client.diagnostics)
    return text, fixed, doc


async def edit_held_at(
    client: LanguageClient,
    checkpoints: Checkpoints,
    doc: str,
    old: str,
    new: str,
    version: int,
    point: str,
) -> None:
    """Replace the document's text and hold the edit's cycle at `point`.

    Cycles run one at a time: the edit's cycle reaching its start proves the
    one before (and its global pass) is over, so the hold can only catch it."""
    checkpoints.hold("cycle")
    replace_all(client, doc, old, new, version)
    await wait_for(lambda: checkpoints.reached("cycle"), timeout=60)
    checkpoints.hold(point)
    checkpoints.release("cycle")


async def test_requests_answered_while_a_cycle_is_held(
    python_repo: Path, checkpoints: Checkpoints
) -> None:
    """Hover and definition come back while the edit's cycle is held in its worker,
    before the cycle's result (the cleared diagnostic) reaches the client."""
    async with session([python_repo], env=checkpoints.env) as client:
        text = (python_repo / SERVICE).read_text()
        doc = open_doc(client, python_repo, SERVICE, text)
        await wait_for(lambda: RULE in rules_at(client, doc))
        checkpoints.hold("enrichment")
        replace_all(client, doc, text, fixed_text(text), 2)
        await wait_for(lambda: checkpoints.reached("enrichment"), timeout=60)
        models = uri(python_repo, "app/models.py")
        for _ in range(3):
            hover = await client.text_document_hover_async(hover_params(models, 7, 7))
            assert hover is not None and "Repo" in hover.contents.value  # type: ignore[union-attr]
            found = await client.text_document_definition_async(definition_params(models, 9, 20))
            assert found, "definition answered from the committed graph"
        # The cycle has not finished: its diagnostics (the fix) are not out yet.
        assert checkpoints.reached("enrichment")
        assert RULE in rules_at(client, doc)
        checkpoints.release("enrichment")
        await wait_for(lambda: RULE not in rules_at(client, doc))


async def test_contract_diagnostic_before_the_global_pass(
    python_repo: Path, checkpoints: Checkpoints
) -> None:
    """The edited file's violation is published while its cycle's global pass is held."""
    async with session([python_repo], env=checkpoints.env) as client:
        text, fixed, doc = await open_fixed(client, python_repo)
        await edit_held_at(client, checkpoints, doc, fixed, text, 2, "global")
        # Published first: the violation arrives while the worker waits before
        # the global (unreferenced) pass of the very cycle that found it.
        await wait_for(lambda: RULE in rules_at(client, doc), timeout=60)
        await wait_for(lambda: checkpoints.reached("global"), timeout=60)
        checkpoints.release("global")
        # The end of the cycle changes nothing that was published.
        models = uri(python_repo, "app/models.py")
        assert await client.text_document_hover_async(hover_params(models, 7, 7)) is not None
        assert RULE in rules_at(client, doc)


async def test_contract_diagnostic_before_enrichment(
    python_repo: Path, checkpoints: Checkpoints
) -> None:
    """A broken contract is published while its cycle waits before enrichment (the
    import graph is made of the committed import statements), and so is its fix."""
    async with session([python_repo], env=checkpoints.env) as client:
        text, fixed, doc = await open_fixed(client, python_repo)
        for new, old, version, broken in ((text, fixed, 2, True), (fixed, text, 3, False)):
            await edit_held_at(client, checkpoints, doc, old, new, version, "import-rules")
            await wait_for(lambda: checkpoints.reached("import-rules"), timeout=60)
            # Published while the worker waits before the enrichment of this cycle.
            await wait_for(lambda b=broken: (RULE in rules_at(client, doc)) == b, timeout=60)
            assert checkpoints.reached("import-rules")
            checkpoints.release("import-rules")
            await wait_for(lambda: not checkpoints.reached("import-rules"), timeout=60)
        # The rest of the last cycle changes nothing that was published.
        models = uri(python_repo, "app/models.py")
        assert await client.text_document_hover_async(hover_params(models, 7, 7)) is not None
        assert RULE not in rules_at(client, doc)


async def test_a_pull_after_a_contract_edit_is_answered_before_enrichment(
    python_repo: Path, checkpoints: Checkpoints
) -> None:
    """A client that pulls right after the edit gets the broken contract while the
    cycle waits before enrichment (the pull waits for what the edit did to the rules)."""
    async with session([python_repo], PULL_CLIENT, env=checkpoints.env) as client:
        text = (python_repo / SERVICE).read_text()
        fixed = fixed_text(text)
        doc = open_doc(client, python_repo, SERVICE, fixed)
        await wait_for(lambda: index_done(client))
        pulled = await diagnostics_of(client, doc, pull=True)
        assert RULE not in {str(d.code) for d in pulled}
        await edit_held_at(client, checkpoints, doc, fixed, text, 2, "import-rules")
        await wait_for(lambda: checkpoints.reached("import-rules"), timeout=60)
        pulled = await diagnostics_of(client, doc, pull=True)
        assert RULE in {str(d.code) for d in pulled}
        assert checkpoints.reached("import-rules")  # answered before enrichment began
        checkpoints.release("import-rules")


async def test_disk_changes_reach_the_graph_without_client_watchers(python_repo: Path) -> None:
    """A client that cannot watch files (Neovim 0.11): the server watches the disk itself."""
    async with session([python_repo], "neovim") as client:
        service = uri(python_repo, SERVICE)
        await wait_for(lambda: RULE in rules_at(client, service))
        await wait_for(
            lambda: any("for changes on disk" in m.message for m in client.log_messages),
            timeout=60,
        )
        # A `git checkout` in a terminal: a new file, a changed one, a deleted one.
        (python_repo / "app/extra.py").write_text("def written_on_disk():\n    return 1\n")
        path = python_repo / SERVICE
        path.write_text(fixed_text(path.read_text()))
        (python_repo / "app/text.py").unlink()

        async def names(q: str) -> list[str]:
            found = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query=q))
            return [s.name for s in found or []]

        async def checked_out() -> bool:
            return bool(await names("written_on_disk")) and not await names("shout")

        await eventually(checked_out)
        assert await names("written_on_disk") == ["written_on_disk"]
        await wait_for(lambda: RULE not in rules_at(client, service))


async def test_a_killed_worker_is_replaced(python_repo: Path, checkpoints: Checkpoints) -> None:
    """SIGKILL the cycle worker in the middle of a cycle: requests keep being answered,
    a new worker takes over, the edit is retried, and diagnostics come back."""
    async with session([python_repo], env=checkpoints.env) as client:
        text = (python_repo / SERVICE).read_text()
        doc = open_doc(client, python_repo, SERVICE, text)
        await wait_for(lambda: RULE in rules_at(client, doc))
        first = worker_pid(client)
        assert first is not None
        checkpoints.hold("enrichment")
        fixed = fixed_text(text)
        replace_all(client, doc, text, fixed, 2)
        await wait_for(lambda: checkpoints.reached("enrichment"), timeout=60)
        os.kill(first, signal.SIGKILL)
        checkpoints.release("enrichment")
        models = uri(python_repo, "app/models.py")
        assert await client.text_document_hover_async(hover_params(models, 7, 7)) is not None
        await wait_for(lambda: (worker_pid(client) or first) != first, timeout=60)
        # The edit made while the worker died reaches the graph...
        await wait_for(lambda: RULE not in rules_at(client, doc), timeout=120)
        # ... and the new worker runs the next cycles.
        replace_all(client, doc, fixed, text, 3)
        await wait_for(lambda: RULE in rules_at(client, doc), timeout=60)
        assert any("ended unexpectedly" in m.message for m in client.log_messages)


async def test_edits_during_the_initial_index_are_kept(
    tmp_path: Path, checkpoints: Checkpoints
) -> None:
    """Edits made while the initial index runs are answered from what is committed,
    then join the graph once it is done."""
    repo = write_big_repo(tmp_path / "big", modules=120)
    checkpoints.hold("enrichment")
    async with session([repo], wait_index=False, env=checkpoints.env) as client:
        await wait_for(lambda: checkpoints.reached("enrichment"), timeout=120)
        rel = "gen/m7.py"
        text = (repo / rel).read_text()
        doc = open_doc(client, repo, rel, text)
        edited = text + "\n\ndef typed_during_the_index():\n    return 7\n"
        replace_all(client, doc, text, edited, 2)
        # Answered from what the index has committed so far (its analysis).
        hover = await client.text_document_hover_async(hover_params(doc, 3, 5))
        assert hover is not None and "helper" in hover.contents.value  # type: ignore[union-attr]
        assert not index_done(client)
        checkpoints.release("enrichment")
        await wait_for(lambda: index_done(client), timeout=120)

        async def found() -> bool:
            symbols = await client.workspace_symbol_async(
                types.WorkspaceSymbolParams(query="typed_during_the_index")
            )
            return bool(symbols)

        await eventually(found)


async def test_a_file_whose_enrichment_kills_its_worker_is_marked(
    tmp_path: Path, checkpoints: Checkpoints
) -> None:
    """The first index of a folder of 300 files runs its enrichers in the pool's
    processes. A file whose data flow kills its worker every time (memory it
    cannot have) is shown as a warning on that file, which `check` would fail
    on; the folder's other results still come (the file's own violation)."""
    root = tmp_path / "ws"
    files = {f"pkg/m{i}.py": f"def f{i}():\n    return {i}\n" for i in range(300)}
    files["pkg/m7.py"] = "def f7():\n    return eval('7')\n"
    files["pkg/__init__.py"] = ""
    files["graphwarden.toml"] = (
        '[[guarantees]]\nname = "no-eval"\n'
        'rule = \'violation(X) :- node(X, "CALL"), attr(X, "name", "eval").\'\n'
    )
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    killed_at = "enrich-dataflow-pkg-m7.py"
    checkpoints.hold(killed_at)
    at = checkpoints.directory / f"at-{killed_at}"
    async with session([root], env=checkpoints.env, wait_index=False) as client:
        m7 = uri(root, "pkg/m7.py")

        def codes() -> set[str]:
            return {str(d.code) for d in client.diagnostics.get(m7, [])}

        kills = 0

        async def failed() -> bool:
            nonlocal kills
            if at.exists():
                # Each time the file is enriched again (its chunk, the chunk
                # alone, the file alone), its worker process is killed.
                pid = int(at.read_text())
                at.unlink()
                os.kill(pid, signal.SIGKILL)
                kills += 1
            return "analysis-failed" in codes()

        await eventually(failed, timeout=180, what="the failure shown on pkg/m7.py")
        assert kills >= 2
        [warning] = [d for d in client.diagnostics[m7] if d.code == "analysis-failed"]
        assert warning.severity == types.DiagnosticSeverity.Warning
        assert warning.range.start.line == 0
        assert warning.message.startswith(
            "graphwarden could not analyse this file (dataflow on pkg/m7.py: the "
            "enrichment process died on this file"
        )
        await wait_for(lambda: "no-eval" in codes(), timeout=60)
