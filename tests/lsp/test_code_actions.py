"""Code actions on graphwarden's diagnostics, code lenses, and the graph page, end to end.

Each action's edit is applied as an editor applies it; then the files still
load (the configuration through the project's own loader) and `graphwarden
check` (the command line, in a subprocess, with a store of its own) or the
server's next diagnostics no longer report the violation.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Union

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient
from pytest_lsp.client import make_test_lsp_client

from graphwarden.analysis import defaults
from graphwarden.analysis.config import load_config
from tests.lsp.conftest import (
    PYTHON_FILES,
    index_done,
    open_doc,
    replace_all,
    session,
    uri,
    wait_for,
    write_repo,
)

RULE = "core-independent-of-web"
SERVICE = "app/core/service.py"


def check(repo: Path, tmp_path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """`graphwarden check` on the repository as it is on disk (JSON), with its own store."""
    return subprocess.run(
        [
            sys.executable,
            "-I",
            "-m",
            "graphwarden",
            "check",
            str(repo),
            "--format",
            "json",
            "--store",
            str(tmp_path / "cli-store"),
            *extra,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=repo,
    )


def rules_reported(proc: subprocess.CompletedProcess[str]) -> list[str]:
    return sorted(v["rule"] for v in json.loads(proc.stdout)["violations"])


def apply_text_edits(text: str, edits: list[types.TextEdit]) -> str:
    """LSP text edits applied to a text (the fixture is ASCII: UTF-16 units are characters)."""
    lines = text.split("\n")

    def offset(p: types.Position) -> int:
        return sum(len(s) + 1 for s in lines[: p.line]) + p.character

    for e in sorted(edits, key=lambda e: offset(e.range.start), reverse=True):
        text = text[: offset(e.range.start)] + e.new_text + text[offset(e.range.end) :]
    return text


def apply_workspace_edit(edit: types.WorkspaceEdit) -> None:
    """Write a WorkspaceEdit's changes to disk."""
    assert edit.changes
    for file_uri, edits in edit.changes.items():
        path = Path(file_uri.removeprefix("file://"))
        path.write_text(apply_text_edits(path.read_text(), edits))


async def violation_diagnostic(client: LanguageClient, doc: str) -> types.Diagnostic:
    await wait_for(lambda: RULE in [d.code for d in client.diagnostics.get(doc, [])])
    return next(d for d in client.diagnostics[doc] if d.code == RULE)


def structure_code_actions(client: LanguageClient) -> None:
    """lsprotocol takes every answer with a `command` key for a Command, even a CodeAction
    whose `command` is a Command object (as VS Code tells them apart: by its type)."""
    converter = client.protocol._converter

    def hook(obj: Any, _: type) -> types.Command | types.CodeAction:
        if isinstance(obj.get("command"), str):
            return converter.structure(obj, types.Command)
        return converter.structure(obj, types.CodeAction)

    converter.register_structure_hook(Union[types.Command, types.CodeAction], hook)  # noqa: UP007


async def actions_for(
    client: LanguageClient, doc: str, diag: types.Diagnostic
) -> dict[str, types.CodeAction]:
    structure_code_actions(client)
    found = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=doc),
            range=diag.range,
            context=types.CodeActionContext(diagnostics=[diag]),
        )
    )
    assert found is not None
    out = {}
    for action in found:
        assert isinstance(action, types.CodeAction)
        out[action.title.split(" ", 2)[1]] = action
    return out


async def test_the_actions_on_a_contract_violation(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "repo", PYTHON_FILES)
    assert rules_reported(check(repo, tmp_path)) == [RULE]
    async with session([repo]) as client:
        doc = open_doc(client, repo, SERVICE)
        diag = await violation_diagnostic(client, doc)
        assert diag.data["ignore"] == "app.core.service -> app.web.views"
        actions = await actions_for(client, doc, diag)
        assert sorted(a.title for a in actions.values()) == [
            "graphwarden: add this violation to the baseline",
            f"graphwarden: ignore app.core.service -> app.web.views in contract {RULE} (graphwarden.toml)",
            "graphwarden: show the chain in the graph",
            f"graphwarden: suppress {RULE} on this line",
        ]
        # Diagnostics of other sources (or none) get no action.
        other = types.Diagnostic(range=diag.range, message="x", source="pyright")
        assert await actions_for(client, doc, other) == {}

        # Ignore the import in the contract: the config still loads, the check passes.
        # Checked on a copy: the folder the server watches keeps its configuration
        # (a reload racing the next step's edit would be another test).
        config_before = (repo / "graphwarden.toml").read_text()
        ignore = actions["ignore"]
        config_uri = uri(repo, "graphwarden.toml")
        assert ignore.edit is not None and list(ignore.edit.changes or {}) == [config_uri]
        config = apply_text_edits(config_before, ignore.edit.changes[config_uri])
        assert config == config_before + 'ignore_imports = ["app.core.service -> app.web.views"]\n'
        copy = tmp_path / "with-ignore"
        shutil.copytree(repo, copy, ignore=shutil.ignore_patterns(defaults.STORE_DIR))
        (copy / "graphwarden.toml").write_text(config)
        settings, errors = load_config(copy)
        assert errors == []
        assert settings.contracts[0]["ignore_imports"] == ["app.core.service -> app.web.views"]
        (tmp_path / "copy-check").mkdir()
        assert rules_reported(check(copy, tmp_path / "copy-check")) == []

        # Suppress on this line: in the buffer, the server's diagnostics drop it...
        suppress = actions["suppress"]
        assert suppress.edit is not None and suppress.edit.changes is not None
        text = (repo / SERVICE).read_text()
        suppressed = apply_text_edits(text, suppress.edit.changes[doc])
        assert suppressed.split("\n")[0] == (
            f"from app.web import views  # graphwarden: ignore[{RULE}]"
        )
        replace_all(client, doc, text, suppressed, 2)
        await wait_for(lambda: RULE not in [d.code for d in client.diagnostics.get(doc, [])])
        assert list(client.diagnostics[doc]) == []
        # ... and on disk, the check does too.
        (repo / SERVICE).write_text(suppressed)
        assert rules_reported(check(repo, tmp_path)) == []
        (repo / SERVICE).write_text(text)
        replace_all(client, doc, suppressed, text, 3)
        diag = await violation_diagnostic(client, doc)

        # Add to the baseline: the file is written, the diagnostic goes, the check
        # with that baseline passes.
        command = actions["add"].command
        assert command is not None and command.command == "graphwarden.addToBaseline"
        result = await client.workspace_execute_command_async(
            types.ExecuteCommandParams(command=command.command, arguments=command.arguments)
        )
        baseline = repo / defaults.BASELINE_FILE
        assert result == {"added": 1, "path": str(baseline)}
        await wait_for(lambda: RULE not in [d.code for d in client.diagnostics.get(doc, [])])
        assert diag.data["fingerprint"] in json.loads(baseline.read_text())["violations"]
        assert rules_reported(check(repo, tmp_path, "--baseline", str(baseline))) == []
        # The file is the truth: removed on disk, the violation is shown again.
        baseline.unlink()
        diag = await violation_diagnostic(client, doc)

        # Show the chain: the page is written in the store, opened on the chain.
        command = actions["show"].command
        assert command is not None and command.command == "graphwarden.showChain"
        page = await client.workspace_execute_command_async(
            types.ExecuteCommandParams(command=command.command, arguments=command.arguments)
        )
        path = Path(page["path"])
        assert path == repo / defaults.STORE_DIR / "graph.html"
        assert page["uri"] == path.as_uri() + "#path=" + diag.data["fingerprint"]
        assert f'"path":"{diag.data["fingerprint"]}"' in path.read_text()


async def test_the_ignore_action_edits_pyproject_and_keeps_its_comments(tmp_path: Path) -> None:
    contract = PYTHON_FILES["graphwarden.toml"].replace(
        "[[contracts]]", "[[tool.graphwarden.contracts]]"
    )
    pyproject = (
        '[project]\nname = "app"  # the app\n\n[tool.graphwarden]\nexclude = []\n\n'
        f"# Keep the web out of the core.\n{contract}"
        'ignore_imports = [\n    "app.core.x -> app.web",  # an old one\n]\n\n# The end.\n'
    )
    files = {k: v for k, v in PYTHON_FILES.items() if k != "graphwarden.toml"}
    repo = write_repo(tmp_path / "repo", {**files, "pyproject.toml": pyproject})
    async with session([repo]) as client:
        doc = open_doc(client, repo, SERVICE)
        diag = await violation_diagnostic(client, doc)
        actions = await actions_for(client, doc, diag)
        assert actions["ignore"].edit is not None
        apply_workspace_edit(actions["ignore"].edit)
    after = (repo / "pyproject.toml").read_text()
    assert after == pyproject.replace(
        "  # an old one\n]", '  # an old one\n    "app.core.service -> app.web.views",\n]'
    )
    assert load_config(repo)[1] == []
    # The violation is gone; the old entry, which matches no import, is still warned about.
    proc = check(repo, tmp_path)
    assert [(v["rule"], v["severity"]) for v in json.loads(proc.stdout)["violations"]] == [
        (RULE, "warning")
    ], proc.stdout
    assert "app.core.x -> app.web" in proc.stdout


async def test_code_lenses_count_references_and_the_blast_radius(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "repo", PYTHON_FILES)
    async with session([repo]) as client:
        doc = open_doc(client, repo, "app/models.py")
        lenses = await client.text_document_code_lens_async(
            types.CodeLensParams(text_document=types.TextDocumentIdentifier(uri=doc))
        )
        assert lenses is not None
        assert [(lens.range.start.line, lens.command) for lens in lenses] == [
            (0, None),
            (3, None),
            (7, None),
            (8, None),
        ]
        titles = []
        for lens in lenses:
            resolved = await client.code_lens_resolve_async(lens)
            assert resolved.command is not None
            assert resolved.command.command == "graphwarden.showReferences"
            titles.append(resolved.command.title)
        assert titles == [
            "1 reference · blast radius 2 files",  # Base: Repo extends it
            "1 reference · blast radius 1 file",  # Base.save: Repo.load calls it
            "2 references · blast radius 1 file",  # Repo: imported and made in service
            "0 references · blast radius 0 files",  # Repo.load
        ]
        refs = await client.workspace_execute_command_async(
            types.ExecuteCommandParams(
                command="graphwarden.showReferences",
                arguments=[doc, {"line": 7, "character": 6}],
            )
        )
        assert sorted(r["uri"].rsplit("/", 1)[1] for r in refs) == ["service.py", "service.py"]


async def test_lenses_asked_before_the_index_are_asked_for_again_after_it(
    tmp_path: Path,
) -> None:
    """A document opened while the index runs gets no lenses; the server then asks
    the client (which declared refreshSupport) to request them again."""
    refreshes: list[None] = []

    def counting_client() -> LanguageClient:
        client = make_test_lsp_client()

        @client.feature(types.WORKSPACE_CODE_LENS_REFRESH)
        def lens_refresh(params: None) -> None:
            refreshes.append(params)

        return client

    repo = write_repo(tmp_path / "repo", PYTHON_FILES)
    async with session([repo], client_factory=counting_client, wait_index=False) as client:
        doc = open_doc(client, repo, "app/models.py")
        await wait_for(lambda: index_done(client), timeout=120)
        await wait_for(lambda: len(refreshes) >= 1)
        lenses = await client.text_document_code_lens_async(
            types.CodeLensParams(text_document=types.TextDocumentIdentifier(uri=doc))
        )
        assert [lens.range.start.line for lens in lenses or []] == [0, 3, 7, 8]


async def test_the_graph_page_of_a_module_and_its_mermaid(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "repo", PYTHON_FILES)
    async with session([repo]) as client:
        doc = uri(repo, SERVICE)

        async def page(options: dict[str, Any]) -> Any:
            return await client.workspace_execute_command_async(
                types.ExecuteCommandParams(
                    command="graphwarden.graphPage", arguments=[doc, options]
                )
            )

        html = await page({})
        assert html["module"] == "app.core.service"
        assert html["uri"].endswith("/.graphwarden/graph.html#focus=app.core.service")
        assert '"focus":["app.core.service"]' in Path(html["path"]).read_text()
        mermaid = await page({"format": "mermaid"})
        text = Path(mermaid["path"]).read_text()
        assert mermaid["path"] == str(repo / ".graphwarden" / "graph.mmd")
        assert text.startswith("flowchart") and '"app.web.views"' in text
        assert '"app.text"' not in text  # cut to the module's neighbourhood
        with pytest.raises(Exception, match="format must be one of html, mermaid"):
            await page({"format": "svg"})
