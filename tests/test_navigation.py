"""Navigation in the library: answers in graph nodes and code-point ranges, no LSP involved."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from graphwarden.analysis import navigation as nav
from graphwarden.analysis.orchestrator import Orchestrator
from graphwarden.analysis.workspace import UserChoices, open_workspace

MakeWorkspace = Callable[[dict[str, str | bytes]], Path]
OpenOrch = Callable[..., Orchestrator]

FILES = {
    "app/__init__.py": "",
    "app/models.py": (
        "class Base:\n"
        '    """The base model."""\n'
        "\n"
        "    def save(self):\n"
        "        return 1\n"
        "\n"
        "\n"
        "class Repo(Base):\n"
        "    def load(self):\n"
        "        return self.save()\n"
    ),
    "app/service.py": (
        "from app.models import Repo\n"
        "\n"
        "\n"
        "def make():\n"
        "    return Repo()\n"
        "\n"
        "\n"
        "def use():\n"
        "    return make()\n"
    ),
}


def _index(make_workspace: MakeWorkspace, open_orch: OpenOrch) -> Orchestrator:
    orch = open_orch(make_workspace(dict(FILES)))
    orch.index_repository()
    return orch


def _line(orch: Orchestrator, file: str, needle: str) -> tuple[int, int, str]:
    for i, text in enumerate((orch.root / file).read_text().split("\n")):
        col = text.find(needle)
        if col >= 0:
            return i, col, text
    raise AssertionError(needle)


def test_definitions_references_and_hierarchies(
    make_workspace: MakeWorkspace, open_orch: OpenOrch
) -> None:
    orch = _index(make_workspace, open_orch)
    with orch.snapshot() as snap:
        line, col, text = _line(orch, "app/service.py", "make()")
        (make,) = nav.definitions_at(snap, "app/service.py", line + 0, col + 1, text)
        assert make.name == "make" and make.file == "app/service.py"
        assert make.id == "app/service.py->FUNCTION->make"

        refs = nav.references(snap, [make], include_declaration=True)
        assert [(r.file, r.range[0]) for r in refs] == [
            ("app/service.py", 3),
            ("app/service.py", 8),
        ]

        (callers,) = nav.incoming_calls(snap, make.id)
        assert callers.node.name == "use" and [s.range[0] for s in callers.sites] == [8]
        assert [c.node.name for c in nav.outgoing_calls(snap, callers.node.id)] == ["make"]

        repo = next(n for n in snap.context_nodes("app/models.py") if n.name == "Repo")
        assert [n.name for n in nav.supertypes(snap, repo.id)] == ["Base"]
        assert [n.name for n in nav.subtypes(snap, nav.supertypes(snap, repo.id)[0].id)] == ["Repo"]


def test_blast_radius_walks_dependents_transitively(
    make_workspace: MakeWorkspace, open_orch: OpenOrch
) -> None:
    orch = _index(make_workspace, open_orch)
    with orch.snapshot() as snap:
        base = next(n for n in snap.context_nodes("app/models.py") if n.name == "Base")
        radius = nav.blast_radius(snap, [base])
        assert {"Repo", "make", "use"} <= {d.name for d in radius.dependents}
        assert radius.files == ["app/models.py", "app/service.py"]
        assert not radius.truncated
        small = nav.blast_radius(snap, [base], limit=2)
        assert small.truncated and len(small.dependents) == 1


def test_the_code_lens_counts_equal_the_full_walks(
    make_workspace: MakeWorkspace, open_orch: OpenOrch
) -> None:
    # radius_files and reference_count walk keys without decoding nodes; they must
    # answer what blast_radius and references answer, for every definition and limit.
    orch = _index(make_workspace, open_orch)
    with orch.snapshot() as snap:
        defs = [
            n
            for file in ("app/models.py", "app/service.py")
            for n in snap.context_nodes(file)
            if n.type in ("CLASS", "FUNCTION", "METHOD", "MODULE")
        ]
        assert len(defs) >= 7
        for node in defs:
            assert nav.reference_count(snap, node) == len(nav.references(snap, [node])), node.id
            for limit in (1, 2, 3, 500):
                radius = nav.blast_radius(snap, [node], limit=limit)
                assert nav.radius_files(snap, [node], limit=limit) == (
                    radius.files,
                    radius.truncated,
                ), (node.id, limit)
        base = next(n for n in defs if n.name == "Base")
        assert nav.radius_files(snap, [base]) == (["app/models.py", "app/service.py"], False)


def test_symbol_search_ranks_prefixes_before_subsequences(
    make_workspace: MakeWorkspace, open_orch: OpenOrch
) -> None:
    orch = _index(make_workspace, open_orch)
    with orch.snapshot() as snap:
        assert [n.name for n in nav.search_symbols(snap, "lo")] == ["load"]
        assert [n.name for n in nav.search_symbols(snap, "ld")][:1] == ["load"]
        outline = nav.outline(snap, "app/models.py")
        assert [(e.node.name, [c.node.name for c in e.children]) for e in outline] == [
            ("Base", ["save"]),
            ("Repo", ["load"]),
        ]


def test_qualified_names_follow_the_workspace_module_naming(tmp_path: Path) -> None:
    """src layout: `requests.sessions.Session`, the name a `forbidden` contract uses."""
    root = tmp_path / "ws"
    (root / "src/requests").mkdir(parents=True)
    (root / "src/requests/__init__.py").write_text("")
    (root / "src/requests/sessions.py").write_text('class Session:\n    """A session."""\n')
    ws = open_workspace(root, UserChoices(workers=1))
    try:
        ws.orchestrator.index_repository()
        with ws.orchestrator.snapshot() as snap:
            session = next(
                n for n in snap.context_nodes("src/requests/sessions.py") if n.name == "Session"
            )
            naming = nav.module_naming(snap, ws.settings)
            assert nav.qualified_name(session, naming) == "requests.sessions.Session"
            summary = nav.describe(snap, session, naming)
            assert summary.qualified_name == "requests.sessions.Session"
            assert summary.kind == "class" and summary.doc == "A session." and summary.line == 1
    finally:
        ws.close()
