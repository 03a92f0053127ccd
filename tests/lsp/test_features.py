"""Features end to end, for Neovim-like and VS Code-like clients, on Python and TypeScript."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types

from tests.helpers import LONG_ROUTE
from tests.lsp.conftest import (
    CLIENTS,
    PULL_CLIENT,
    diagnostics_of,
    eventually,
    index_runs,
    open_doc,
    pulls,
    replace_all,
    session,
    uri,
    wait_for,
)

RULE = "core-independent-of-web"


def tdi(doc_uri: str) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri=doc_uri)


def pos_of(
    root: Path, rel: str, needle: str, offset: int = 0, encoding: str = "utf-16"
) -> types.Position:
    """The client position of `needle` in a file, counted in `encoding`."""
    for i, line in enumerate((root / rel).read_text(encoding="utf-8").split("\n")):
        col = line.find(needle)
        if col >= 0:
            prefix = line[: col + offset]
            units = (
                len(prefix.encode("utf-16-le")) // 2
                if encoding == "utf-16"
                else len(prefix.encode())
            )
            return types.Position(i, units)
    raise AssertionError(f"{needle!r} not in {rel}")


def encoding_of(client_name: str) -> str:
    # Neovim offers UTF-8 (negotiated); VS Code 1.65 offers nothing (UTF-16).
    return "utf-8" if client_name == "neovim" else "utf-16"


@pytest.mark.parametrize("client_name", [*CLIENTS, PULL_CLIENT])
async def test_contract_diagnostics_appear_disappear_reappear(
    python_repo: Path, client_name: str
) -> None:
    pull = pulls(client_name)
    async with session([python_repo], client_name) as client:
        rel = "app/core/service.py"
        text = (python_repo / rel).read_text()
        doc = open_doc(client, python_repo, rel, text)

        async def rules() -> set[str]:
            return {str(d.code) for d in await diagnostics_of(client, doc, pull)}

        async def shown(expected: bool) -> None:
            async def check() -> bool:
                return (RULE in await rules()) == expected

            await eventually(check, what=f"contract diagnostic present={expected}")

        await shown(True)
        diag = next(d for d in await diagnostics_of(client, doc, pull) if d.code == RULE)
        assert diag.severity == types.DiagnosticSeverity.Error
        assert diag.source == "graphwarden"
        assert diag.range.start.line == 0
        assert diag.related_information, "the import chain is attached"

        fixed = text.replace("from app.web import views\n", "").replace("views.index()", "None")
        replace_all(client, doc, text, fixed, 2)
        await shown(False)
        replace_all(client, doc, fixed, text, 3)
        await shown(True)


async def test_pulled_document_drops_its_earlier_push(python_repo: Path) -> None:
    """A file pushed before it was opened is then pulled: the push is cleared.

    Otherwise the client keeps both and shows the violation twice, and a fix
    clears only the pulled copy (VS Code under load, where the first cycle
    finishes before the editor opens the file).
    """
    async with session([python_repo], PULL_CLIENT) as client:
        rel = "app/core/service.py"
        doc = uri(python_repo, rel)
        # Not open yet: the index pushes the file's violation.
        pushed = await wait_for(lambda: client.diagnostics.get(doc))
        assert RULE in {str(d.code) for d in pushed}
        open_doc(client, python_repo, rel)
        await wait_for(lambda: len(client.diagnostics[doc]) == 0)
        assert RULE in {str(d.code) for d in await diagnostics_of(client, doc, pull=True)}


@pytest.mark.parametrize("client_name", CLIENTS)
async def test_hover_definition_references(python_repo: Path, client_name: str) -> None:
    enc = encoding_of(client_name)
    async with session([python_repo], client_name) as client:
        rel = "app/core/service.py"
        doc = open_doc(client, python_repo, rel)
        use = pos_of(python_repo, rel, "compute_total(prices)", 3, enc)
        hover = await client.text_document_hover_async(
            types.HoverParams(text_document=tdi(doc), position=use)
        )
        assert hover is not None
        value = hover.contents.value  # type: ignore[union-attr]
        assert "app.core.service.compute_total" in value
        assert "def compute_total(prices, discount=0.0)" in value
        assert "Sum the prices and apply a discount." in value
        assert "app/core/service.py:5" in value
        assert "1 caller" in value

        defs = await client.text_document_definition_async(
            types.DefinitionParams(text_document=tdi(doc), position=use)
        )
        assert defs and defs[0].uri == doc and defs[0].range.start.line == 4

        # An import resolves to the definition in the other module.
        imp = pos_of(python_repo, rel, "Repo", 1, enc)
        defs = await client.text_document_definition_async(
            types.DefinitionParams(text_document=tdi(doc), position=imp)
        )
        assert defs and defs[0].uri == uri(python_repo, "app/models.py")

        decl = pos_of(python_repo, rel, "def compute_total", 5, enc)
        refs = await client.text_document_references_async(
            types.ReferenceParams(
                text_document=tdi(doc),
                position=decl,
                context=types.ReferenceContext(include_declaration=False),
            )
        )
        assert refs and [(r.uri, r.range.start.line) for r in refs] == [(doc, 10)]


@pytest.mark.parametrize("client_name", CLIENTS)
async def test_non_ascii_positions(python_repo: Path, client_name: str) -> None:
    """Emoji (a surrogate pair in UTF-16, 4 bytes in UTF-8) and CJK before the cursor."""
    enc = encoding_of(client_name)
    async with session([python_repo], client_name) as client:
        rel = "app/text.py"
        doc = open_doc(client, python_repo, rel)
        use = pos_of(python_repo, rel, "shout(value)", 2, enc)
        hover = await client.text_document_hover_async(
            types.HoverParams(text_document=tdi(doc), position=use)
        )
        assert hover is not None and "text.shout" in hover.contents.value  # type: ignore[union-attr]
        start = pos_of(python_repo, rel, "shout(value)", 0, enc)
        assert hover.range is not None and hover.range.start == start
        assert hover.range.end.character == start.character + len("shout")
        refs = await client.text_document_references_async(
            types.ReferenceParams(
                text_document=tdi(doc),
                position=types.Position(0, 5),
                context=types.ReferenceContext(include_declaration=True),
            )
        )
        assert refs is not None
        assert {(r.range.start.line, r.range.start.character) for r in refs} == {
            (0, 4),
            (start.line, start.character),
        }


@pytest.mark.parametrize("client_name", CLIENTS)
async def test_symbols(python_repo: Path, client_name: str) -> None:
    async with session([python_repo], client_name) as client:
        doc = open_doc(client, python_repo, "app/models.py")
        symbols = await client.text_document_document_symbol_async(
            types.DocumentSymbolParams(text_document=tdi(doc))
        )
        assert symbols is not None
        outline = {s.name: [c.name for c in (s.children or [])] for s in symbols}  # type: ignore[union-attr]
        assert outline == {"Base": ["save"], "Repo": ["load"]}
        base = symbols[0]
        assert base.selection_range.start == types.Position(0, 6)  # type: ignore[union-attr]

        found = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="compute"))
        assert found and found[0].name == "compute_total"
        fuzzy = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="cmpttl"))
        assert fuzzy and [s.name for s in fuzzy] == ["compute_total"]


@pytest.mark.parametrize("client_name", CLIENTS)
async def test_call_and_type_hierarchy(python_repo: Path, client_name: str) -> None:
    async with session([python_repo], client_name) as client:
        doc = open_doc(client, python_repo, "app/core/service.py")
        items = await client.text_document_prepare_call_hierarchy_async(
            types.CallHierarchyPrepareParams(text_document=tdi(doc), position=types.Position(4, 6))
        )
        assert items and items[0].name == "compute_total"
        incoming = await client.call_hierarchy_incoming_calls_async(
            types.CallHierarchyIncomingCallsParams(item=items[0])
        )
        assert [c.from_.name for c in incoming or []] == ["describe"]
        describe = incoming[0].from_  # type: ignore[index]
        outgoing = await client.call_hierarchy_outgoing_calls_async(
            types.CallHierarchyOutgoingCallsParams(item=describe)
        )
        assert "compute_total" in [c.to.name for c in outgoing or []]

        models = open_doc(client, python_repo, "app/models.py")
        items = await client.text_document_prepare_type_hierarchy_async(
            types.TypeHierarchyPrepareParams(
                text_document=tdi(models), position=types.Position(7, 7)
            )
        )
        assert items and items[0].name == "Repo"
        supers = await client.type_hierarchy_supertypes_async(
            types.TypeHierarchySupertypesParams(item=items[0])
        )
        assert [s.name for s in supers or []] == ["Base"]
        subs = await client.type_hierarchy_subtypes_async(
            types.TypeHierarchySubtypesParams(item=supers[0])
        )  # type: ignore[index]
        assert [s.name for s in subs or []] == ["Repo"]


@pytest.mark.parametrize("client_name", CLIENTS)
async def test_typescript_repository(ts_repo: Path, client_name: str) -> None:
    async with session([ts_repo], client_name) as client:
        doc = open_doc(client, ts_repo, "src/dog.ts")
        # greet("dog") -> the function in base.ts
        defs = await client.text_document_definition_async(
            types.DefinitionParams(text_document=tdi(doc), position=types.Position(4, 12))
        )
        assert defs and defs[0].uri == uri(ts_repo, "src/base.ts") and defs[0].range.start.line == 6
        hover = await client.text_document_hover_async(
            types.HoverParams(text_document=tdi(doc), position=types.Position(4, 12))
        )
        assert hover is not None and "greet" in hover.contents.value  # type: ignore[union-attr]
        items = await client.text_document_prepare_type_hierarchy_async(
            types.TypeHierarchyPrepareParams(text_document=tdi(doc), position=types.Position(2, 14))
        )
        assert items and items[0].name == "Dog"
        supers = await client.type_hierarchy_supertypes_async(
            types.TypeHierarchySupertypesParams(item=items[0])
        )
        assert [s.name for s in supers or []] == ["Animal"]


@pytest.mark.parametrize("client_name", CLIENTS)
async def test_commands_and_progress(python_repo: Path, client_name: str) -> None:
    async with session([python_repo], client_name) as client:
        runs = index_runs(client)
        assert runs, "indexing reported progress"
        begin = runs[0][0]
        assert isinstance(begin, types.WorkDoneProgressBegin)
        assert begin.title == "graphwarden: indexing" and begin.cancellable
        assert any(isinstance(r, types.WorkDoneProgressReport) and r.percentage for r in runs[0])
        assert isinstance(runs[0][-1], types.WorkDoneProgressEnd)

        models = uri(python_repo, "app/models.py")
        result = await client.workspace_execute_command_async(
            types.ExecuteCommandParams(
                command="graphwarden.blastRadius", arguments=[models, {"line": 0, "character": 7}]
            )
        )
        assert result["symbol"] == "app/models.py->CLASS->Base"
        assert "app/core/service.py" in result["files"]
        assert {"Repo", "make"} <= {s["name"] for s in result["symbols"]}

        result = await client.workspace_execute_command_async(
            types.ExecuteCommandParams(command="graphwarden.query", arguments=['node(X, "CLASS").'])
        )
        assert len(result["bindings"]) == 2

        result = await client.workspace_execute_command_async(
            types.ExecuteCommandParams(command="graphwarden.reindex", arguments=[])
        )
        assert result["files"] == 7 and result["seconds"] >= 0
        await wait_for(lambda: len(index_runs(client)) == 2)


@pytest.mark.parametrize("client_name", [CLIENTS[0], PULL_CLIENT])
async def test_an_entry_past_the_statement_budget_is_shown_where_it_is(
    tmp_path: Path, client_name: str
) -> None:
    """The editor says where the data flow stopped at its budget (what `check`
    warns of), on the entry's line, and the note goes once an edit lets the
    entry finish, whose finding then shows."""
    pull = pulls(client_name)
    root = tmp_path / "budget"
    root.mkdir()
    (root / "pyproject.toml").write_text("[tool.graphwarden.taint]\nstatement_budget = 100\n")
    (root / "app.py").write_text(LONG_ROUTE)
    async with session([root], client_name) as client:
        doc = open_doc(client, root, "app.py", LONG_ROUTE)

        async def codes() -> dict[str, list[types.Diagnostic]]:
            out: dict[str, list[types.Diagnostic]] = {}
            for d in await diagnostics_of(client, doc, pull):
                out.setdefault(str(d.code), []).append(d)
            return out

        async def budget_note() -> bool:
            return "dataflow-budget" in await codes()

        await eventually(budget_note, what="the budget note")
        [note] = (await codes())["dataflow-budget"]
        assert note.severity == types.DiagnosticSeverity.Information
        assert note.range.start.line == 204
        assert note.message == (
            "data flow of search in app.py stopped after 100 statements: "
            "taint findings through it may be missing"
        )
        assert "xss" not in await codes()
        # The helper made short: the route finishes, and its finding shows.
        short = LONG_ROUTE.replace("".join(f"    x = x + '{i}'\n" for i in range(1, 200)), "")
        replace_all(client, doc, LONG_ROUTE, short, 2)

        async def finished() -> bool:
            got = await codes()
            return "xss" in got and "dataflow-budget" not in got

        await eventually(finished, what="the finding, without the note")
        [xss] = (await codes())["xss"]
        assert xss.range.start.line == 7
