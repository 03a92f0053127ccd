"""The Orchestrator API: sessions, start-up checks, coverage canary, cancellation, health."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphwarden.analysis.config import load_config
from graphwarden.analysis.enrichers import (
    Enricher,
    EnricherCycleError,
    EnricherFileResult,
    EnricherMetadata,
)
from graphwarden.analysis.orchestrator import FileChange, Orchestrator
from tests.helpers import graph_dump, write_files

APP = {
    "app/__init__.py": "",
    "app/models.py": "class Repo:\n    def save(self, item):\n        return item\n",
    "app/service.py": (
        "import importlib\n"
        "from app.models import Repo\n\n"
        "def run(obj):\n"
        "    repo = Repo()\n"
        "    repo.save(1)  # persist\n"
        '    handler = getattr(obj, "on_save")\n'
        "    return handler\n"
    ),
    "app/other.py": "def other():\n    return 1\n",
}


@pytest.fixture
def app(make_workspace, open_orch) -> Orchestrator:
    orch = open_orch(make_workspace(APP))
    orch.index_repository()
    return orch


def edit(orch: Orchestrator, path: str, old: str, new: str):
    text = (orch.root / path).read_text().replace(old, new)
    (orch.root / path).write_text(text)
    return orch.apply_changes([FileChange(path, text.encode())])


# -- sessions -----------------------------------------------------------------------


def test_sessions_on_disjoint_files_both_commit(app: Orchestrator) -> None:
    app.begin_session("agent-a")
    app.begin_session("agent-b")
    app.add_change("agent-a", FileChange("app/other.py", b"def other():\n    return 2\n"))
    app.add_change("agent-b", FileChange("app/models.py", b"class Repo:\n    pass\n"))
    a = app.commit("agent-a")
    b = app.commit("agent-b")
    assert a.ok and b.ok and not a.conflicts and not b.conflicts
    with app.snapshot() as snap:
        assert snap.node("app/models.py->METHOD->Repo.save") is None


def test_second_session_on_the_same_file_conflicts_and_changes_nothing(app: Orchestrator) -> None:
    app.begin_session("agent-a")
    app.begin_session("agent-b")
    app.add_change("agent-a", FileChange("app/other.py", b"def other():\n    return 2\n"))
    app.add_change("agent-b", FileChange("app/other.py", b"def renamed():\n    return 3\n"))
    app.add_change("agent-b", FileChange("app/models.py", b"class Gone:\n    pass\n"))
    assert app.commit("agent-a").ok
    before = graph_dump(app)
    result = app.commit("agent-b")
    assert not result.ok
    assert result.conflicts == ["app/other.py"]
    assert graph_dump(app) == before, "a conflicting commit must change nothing"
    with pytest.raises(KeyError):
        app.add_change("nobody", FileChange("x.py", b""))


# -- start-up -------------------------------------------------------------------------


class _Produces(Enricher):
    def __init__(self, settings, name: str, consumes: set[str], produces: set[str]) -> None:
        super().__init__(settings)
        self.metadata = EnricherMetadata(name, frozenset(consumes), frozenset(produces))  # type: ignore[misc]

    def process_file(self, file, snapshot, cancelled=None) -> EnricherFileResult:
        return EnricherFileResult()


def test_enricher_dependency_cycle_fails_at_startup_naming_them(tmp_path: Path) -> None:
    settings, _ = load_config(tmp_path)
    enrichers = [
        _Produces(settings, "alpha", {"BETA_EDGE"}, {"ALPHA_EDGE"}),
        _Produces(settings, "beta", {"ALPHA_EDGE"}, {"BETA_EDGE"}),
        _Produces(settings, "free", set(), {"CALLS"}),
    ]
    with pytest.raises(EnricherCycleError) as err:
        Orchestrator(tmp_path, settings, enrichers=enrichers, workers=1)
    assert err.value.names == ["alpha", "beta"]
    assert "alpha" in str(err.value) and "beta" in str(err.value) and "free" not in str(err.value)


def test_enrichers_can_be_switched_off_in_config(make_workspace, open_orch) -> None:
    root = make_workspace({**APP, "graphwarden.toml": "[enrichers]\ncalls = false\n"})
    orch = open_orch(root)
    assert "calls" not in [e.metadata.name for e in orch.enrichers]
    stats = orch.index_repository()
    assert "calls" not in stats.reenriched_by_enricher
    with orch.snapshot() as snap:
        assert list(snap.edges("CALLS")) == []


# -- coverage canary ----------------------------------------------------------------------


def test_comment_and_formatting_edits_raise_no_gap(app: Orchestrator) -> None:
    stats = edit(app, "app/service.py", "repo.save(1)  # persist", "repo.save( 1 )   # store it")
    assert stats.new_coverage_gaps == []
    assert app.coverage_gaps == {}


def test_edit_in_unmodelled_construct_raises_gap_and_undo_clears_it(app: Orchestrator) -> None:
    # A getattr with a constant name is modelled (its constant argument is a fact)...
    stats = edit(app, "app/service.py", '"on_save"', '"on_delete"')
    assert stats.new_coverage_gaps == []
    stats = edit(app, "app/service.py", '"on_delete"', '"on_save"')
    # ... one with a name the value domains cannot tell is a gap at the call.
    stats = edit(app, "app/service.py", '"on_save"', "name_of(obj)")
    gaps = stats.new_coverage_gaps
    assert [g.node_id for g in gaps] == ["app/service.py->CALL->run->getattr#0"]
    gap = gaps[0]
    assert gap.file == "app/service.py" and gap.range[0] == 6
    assert "invisible to the code graph" in gap.message
    # The enclosing function is explained by its changed child: no gap there.
    assert "app/service.py->FUNCTION->run" not in app.coverage_gaps

    # Editing elsewhere keeps the gap; undoing the edit clears it.
    edit(app, "app/other.py", "return 1", "return 1")
    assert list(app.coverage_gaps) == ["app/service.py->CALL->run->getattr#0"]
    stats = edit(app, "app/service.py", "name_of(obj)", '"on_save"')
    assert [g.node_id for g in stats.fixed_coverage_gaps] == [
        "app/service.py->CALL->run->getattr#0"
    ]
    assert app.coverage_gaps == {}


def test_modelled_change_is_no_gap(app: Orchestrator) -> None:
    stats = edit(app, "app/service.py", "repo.save(1)", "repo.save(1, 2)")
    assert stats.new_coverage_gaps == []
    stats = edit(app, "app/service.py", "def run(obj):", "def run(obj, extra):")
    assert stats.new_coverage_gaps == []


# -- cancellation ---------------------------------------------------------------------------


def test_cancelled_cycle_hands_its_changes_to_the_next(make_workspace, open_orch, tmp_path) -> None:
    files = {
        f"pkg/m{i}.py": f"from pkg.m{(i + 1) % 30} import f{(i + 1) % 30}\n\ndef f{i}():\n    return f{(i + 1) % 30}()\n"
        for i in range(30)
    }
    files["pkg/__init__.py"] = ""
    root = make_workspace(files)
    orch = open_orch(root)
    orch.index_repository()
    edited = {
        p: c.replace("return", "x = 1\n    return")
        for p, c in files.items()
        if p != "pkg/__init__.py"
    }
    fired = []

    def cancel_on_first_tick(stage: str, done: int, total: int) -> None:
        if not fired:
            fired.append(stage)
            orch.request_cancel()  # a newer edit arrived

    stats = orch.apply_changes(
        [FileChange(p, c.encode()) for p, c in edited.items()], progress=cancel_on_first_tick
    )
    assert stats.cancelled
    # The next cycle (here: an unrelated edit) completes the cancelled one's work.
    stats = orch.apply_changes([FileChange("pkg/__init__.py", b"# package\n")])
    assert not stats.cancelled
    assert set(stats.changed_paths) >= set(edited)

    fresh_root = tmp_path / "fresh"
    write_files(fresh_root, {**edited, "pkg/__init__.py": "# package\n"})
    fresh = open_orch(fresh_root)
    fresh.index_repository()
    assert graph_dump(orch) == graph_dump(fresh)


# -- health -----------------------------------------------------------------------------------


def test_health_reports_state(app: Orchestrator) -> None:
    health = app.health()
    assert health["status"] == "ok"
    assert health["files"] == 4 and health["nodes"] > 10
    # The shipped enrichers in dependency order (imports before what resolves through them).
    assert health["enrichers"] == [
        "imports",
        "inheritance",
        "instances",
        "types",
        "calls",
        "dataflow",
        "unreferenced",
    ]
    assert health["last_cycle"]["changed_files"] == 4
    assert health["cycle_running"] is False
