"""The cycle with a results hook (the language server's): results first, then the global passes.

With `Orchestrator.results_hook` set, a cycle checks the guarantees after the
file-scoped enrichers, tells the hook, and only then runs the global passes
(the unreferenced enricher), which a cancel may stop. Whatever the order, the
graph and the guarantee results after each cycle must be what a cycle
without a hook (and a from-scratch index) gives.
"""

from __future__ import annotations

import inspect
import shutil
from pathlib import Path

from graphwarden.analysis.cycle.stats import CycleStats, FileChange
from graphwarden.analysis.model import EdgeType, module_id
from graphwarden.analysis.workspace import OpenWorkspace, UserChoices, open_workspace
from tests.helpers import graph_dump, write_files

CONTRACT = """\
[[contracts]]
name = "core-independent-of-web"
type = "forbidden"
source_modules = ["app.core"]
forbidden_modules = ["app.web"]
"""

FILES: dict[str, str | bytes] = {
    "graphwarden.toml": CONTRACT,
    "app/__init__.py": "",
    "app/core/__init__.py": "",
    "app/core/service.py": "from app.util import helper\n\n\ndef total(x):\n    return helper(x)\n",
    "app/web/__init__.py": "",
    "app/web/views.py": "def index():\n    return 'hi'\n",
    "app/util.py": "def helper(x):\n    return x\n\n\ndef spare():\n    return 0\n",
}

#: Edits, one per cycle: (path, new content or None to delete).
EDITS: list[tuple[str, str | None]] = [
    # Breaks the contract and references `spare` (no longer unreferenced).
    (
        "app/core/service.py",
        "from app.util import helper, spare\nfrom app.web import views\n\n\n"
        "def total(x):\n    return helper(x) + spare() + len(views.index())\n",
    ),
    # A body-only edit.
    ("app/util.py", "def helper(x):\n    return x * 1\n\n\ndef spare():\n    return 0\n"),
    # Fixes the contract; `spare` is unreferenced again.
    (
        "app/core/service.py",
        "from app.util import helper\n\n\ndef total(x):\n    return helper(x)\n",
    ),
    ("app/web/views.py", None),
]


def _open(root: Path) -> OpenWorkspace:
    return open_workspace(root, UserChoices(workers=1))


def _apply(ws: OpenWorkspace, root: Path, path: str, content: str | None) -> CycleStats:
    if content is None:
        (root / path).unlink()
        return ws.orchestrator.apply_changes([FileChange(path, deleted=True)])
    (root / path).write_text(content)
    return ws.orchestrator.apply_changes([FileChange(path, content.encode())])


def _violations(ws: OpenWorkspace) -> list[tuple[str, str, str]]:
    return [(v.rule, v.file, v.message) for v in ws.checker.violations]


def _unreferenced(ws: OpenWorkspace, file: str) -> set[str]:
    with ws.orchestrator.snapshot() as snap:
        return {e.dst for e in snap.edges_out(module_id(file), EdgeType.UNREFERENCED)}


def _fresh(tmp_path: Path, root: Path, name: str) -> tuple[list[str], list[tuple[str, str, str]]]:
    copy = tmp_path / name
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns(".graphwarden"))
    ws = _open(copy)
    try:
        ws.orchestrator.index_repository()
        return graph_dump(ws.orchestrator), _violations(ws)
    finally:
        ws.close()


def test_with_a_hook_every_cycle_ends_where_a_cycle_without_one_does(tmp_path: Path) -> None:
    hooked_root, plain_root = tmp_path / "hooked", tmp_path / "plain"
    write_files(hooked_root, FILES)
    write_files(plain_root, FILES)
    hooked, plain = _open(hooked_root), _open(plain_root)
    told: list[CycleStats] = []
    hooked.orchestrator.results_hook = told.append
    try:
        hooked.orchestrator.index_repository()
        plain.orchestrator.index_repository()
        for i, (path, content) in enumerate(EDITS):
            told.clear()
            stats = _apply(hooked, hooked_root, path, content)
            _apply(plain, plain_root, path, content)
            assert not stats.cancelled and len(told) == 1
            assert graph_dump(hooked.orchestrator) == graph_dump(plain.orchestrator), i
            assert _violations(hooked) == _violations(plain), i
            assert (graph_dump(hooked.orchestrator), _violations(hooked)) == _fresh(
                tmp_path, hooked_root, f"fresh{i}"
            )
    finally:
        hooked.close()
        plain.close()


def test_the_hook_is_told_before_the_global_pass(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    write_files(root, FILES)
    ws = _open(root)
    seen: dict[str, object] = {}

    def hook(stats: CycleStats) -> None:
        # The edited file's violation is known; the global pass has not run.
        seen["violations"] = _violations(ws)
        seen["unreferenced"] = _unreferenced(ws, "app/util.py")

    try:
        ws.orchestrator.index_repository()
        spare = "app/util.py->FUNCTION->spare"
        assert spare in _unreferenced(ws, "app/util.py")
        ws.orchestrator.results_hook = hook
        _apply(ws, root, *EDITS[0])
        assert any(rule == "core-independent-of-web" for rule, _, _ in seen["violations"])  # type: ignore[attr-defined]
        assert spare in seen["unreferenced"]  # type: ignore[operator]
        assert spare not in _unreferenced(ws, "app/util.py")
    finally:
        ws.close()


def _cancel_the_global_pass(ws: OpenWorkspace, root: Path) -> dict[str, bool]:
    """Index, then apply EDITS[0] while a newer edit arrives as its results go out:
    the cycle stops before its global pass. Set the switch returned to False to
    stop cancelling."""
    cancel = {"now": False}
    orch = ws.orchestrator
    orch.cancel_signal = lambda: cancel["now"]

    def hook(stats: CycleStats) -> None:
        cancel["now"] = True  # a newer edit arrives as the results go out

    orch.index_repository()
    orch.results_hook = hook
    stats = _apply(ws, root, *EDITS[0])
    assert stats.cancelled and "global" not in stats.stages_completed
    return cancel


def test_a_cancelled_global_pass_is_run_by_the_next_cycle(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    write_files(root, FILES)
    ws = _open(root)
    orch = ws.orchestrator
    try:
        cancel = _cancel_the_global_pass(ws, root)
        # Cancelled after the results: the violation is there, the global
        # pass's output is not yet.
        assert any(rule == "core-independent-of-web" for rule, _, _ in _violations(ws))
        assert "app/util.py->FUNCTION->spare" in _unreferenced(ws, "app/util.py")
        cancel["now"] = False
        orch.results_hook = None
        stats = orch.apply_changes([])
        assert not stats.cancelled
        assert "app/util.py->FUNCTION->spare" not in _unreferenced(ws, "app/util.py")
        assert (graph_dump(orch), _violations(ws)) == _fresh(tmp_path, root, "fresh")
    finally:
        ws.close()


def test_a_global_pass_another_orchestrator_left_unfinished_runs_in_full(tmp_path: Path) -> None:
    """A process that stopped in its global pass hands nothing on: the store says so,
    and the next cycle of another orchestrator decides every definition again."""
    root = tmp_path / "ws"
    write_files(root, FILES)
    ws = _open(root)
    try:
        _cancel_the_global_pass(ws, root)
        assert "app/util.py->FUNCTION->spare" in _unreferenced(ws, "app/util.py")
    finally:
        ws.close()
    # Another orchestrator (the next language server, a what-if store) edits an
    # unrelated file: its own delta does not name the call of `spare`.
    other = _open(root)
    try:
        stats = _apply(
            other,
            root,
            "app/web/views.py",
            "def index():\n    return 'hi'\n\n\ndef more():\n    return 1\n",
        )
        assert not stats.cancelled
        assert "app/util.py->FUNCTION->spare" not in _unreferenced(other, "app/util.py")
        assert (graph_dump(other.orchestrator), _violations(other)) == _fresh(
            tmp_path, root, "fresh"
        )
    finally:
        other.close()


#: A helper whose body decides two findings: one in its own file, one in a caller's.
TAINT_FILES: dict[str, str | bytes] = {
    "app/__init__.py": "",
    "app/util.py": (
        "import os\nimport shlex\n\nfrom flask import request\n\n\n"
        "def helper(x):\n    return x\n\n\n"
        'def run():\n    os.system("ls " + helper(request.args["c"]))\n'
    ),
    "app/views.py": (
        "import subprocess\n\nfrom flask import request\n\nfrom app.util import helper\n\n\n"
        "def index():\n"
        '    return subprocess.check_output("cat " + helper(request.args["f"]), shell=True)\n'
    ),
}
#: The helper quotes what it is handed: neither finding stands.
QUOTING_HELPER = str(TAINT_FILES["app/util.py"]).replace("return x", "return shlex.quote(x)")


def _findings(ws: OpenWorkspace) -> set[tuple[str, str]]:
    return {(v.rule, v.file) for v in ws.checker.violations if v.rule == "command-injection"}


def test_the_callers_data_flow_waits_until_the_edited_files_results_are_out(
    tmp_path: Path,
) -> None:
    """A body edit that changes what its callers' data flow finds: the edited file's
    results go out first; the callers are enriched after (`CycleState.deferred`),
    and the cycle ends where a from-scratch index does."""
    root = tmp_path / "ws"
    write_files(root, TAINT_FILES)
    ws = _open(root)
    seen: list[set[tuple[str, str]]] = []
    try:
        ws.orchestrator.index_repository()
        both = {("command-injection", "app/util.py"), ("command-injection", "app/views.py")}
        assert _findings(ws) == both
        ws.orchestrator.results_hook = lambda stats: seen.append(_findings(ws))
        stats = _apply(ws, root, "app/util.py", QUOTING_HELPER)
        assert not stats.cancelled
        # When told: the edited file's finding is gone, the caller's not yet decided again.
        assert seen == [{("command-injection", "app/views.py")}]
        assert "deferred enrichment" in stats.stages_completed
        assert _findings(ws) == set()
        assert (graph_dump(ws.orchestrator), _violations(ws)) == _fresh(tmp_path, root, "fresh")
    finally:
        ws.close()


def test_deferred_enrichment_a_newer_edit_cancels_is_deferred_by_the_next_cycle(
    tmp_path: Path,
) -> None:
    root = tmp_path / "ws"
    write_files(root, TAINT_FILES)
    ws = _open(root)
    orch = ws.orchestrator
    cancel = {"now": False}

    def hook(stats: CycleStats) -> None:
        cancel["now"] = True  # a newer edit arrives as the results go out

    try:
        orch.index_repository()
        orch.cancel_signal = lambda: cancel["now"]
        orch.results_hook = hook
        stats = _apply(ws, root, "app/util.py", QUOTING_HELPER)
        assert stats.cancelled and "deferred enrichment" not in stats.stages_completed
        # The caller's data flow was not run again: its finding is the old one.
        assert _findings(ws) == {("command-injection", "app/views.py")}
        cancel["now"] = False
        seen: list[set[tuple[str, str]]] = []
        orch.results_hook = lambda stats: seen.append(_findings(ws))
        stats = orch.apply_changes([])
        assert not stats.cancelled
        # Deferred again: the next cycle's results do not wait for it either.
        assert seen == [{("command-injection", "app/views.py")}]
        assert _findings(ws) == set()
        assert (graph_dump(orch), _violations(ws)) == _fresh(tmp_path, root, "fresh")
    finally:
        ws.close()


def test_a_newer_edit_stops_the_callers_data_flow_between_two_bodies(tmp_path: Path) -> None:
    """A caller's data flow (a big module's takes hundreds of milliseconds) stops at
    its next body once a newer edit arrives, instead of finishing the file first;
    the next cycle runs it again."""
    root = tmp_path / "ws"
    write_files(root, TAINT_FILES)
    ws = _open(root)
    orch = ws.orchestrator
    state = {"armed": False, "stopped": 0}

    def cancel_signal() -> bool:
        # The newer edit arrives once the results are out; it is seen where a
        # file's data flow asks, between two of its bodies.
        if state["armed"] and _in_file_data_flow():
            state["stopped"] += 1
            return True
        return False

    try:
        orch.index_repository()
        orch.cancel_signal = cancel_signal
        orch.results_hook = lambda stats: state.update(armed=True)
        stats = _apply(ws, root, "app/util.py", QUOTING_HELPER)
        assert stats.cancelled and state["stopped"] == 1
        # The caller's finding is the old one: its data flow did not finish.
        assert _findings(ws) == {("command-injection", "app/views.py")}
        state["armed"] = False
        _next_cycle_ends_fresh(ws, tmp_path, root)
    finally:
        ws.close()


def _next_cycle_ends_fresh(ws: OpenWorkspace, tmp_path: Path, root: Path) -> None:
    """The next cycle runs what a cancelled one left: both findings are gone, and the
    graph and results are a from-scratch index's."""
    orch = ws.orchestrator
    orch.results_hook = lambda stats: None
    stats = orch.apply_changes([])
    assert not stats.cancelled
    assert _findings(ws) == set()
    assert (graph_dump(orch), _violations(ws)) == _fresh(tmp_path, root, "fresh")


def _in_file_data_flow() -> bool:
    """Whether the cancel signal is asked from between two bodies of a file's data flow."""
    return any(f.function == "between_bodies" for f in inspect.stack(0)[1:6])


def test_a_newer_edit_stops_the_callers_data_flow_inside_a_long_body(tmp_path: Path) -> None:
    """One body of a big module can take tens of milliseconds: the interpreter asks
    every few hundred statements too (`World.interrupt`), and the next cycle,
    with a fresh world, ends where a from-scratch index does."""
    files = dict(TAINT_FILES)
    counting = "".join("    n = n + 1\n" for _ in range(600))
    files["app/views.py"] = str(files["app/views.py"]).replace(
        "def index():\n", "def index():\n    n = 0\n" + counting
    )
    root = tmp_path / "ws"
    write_files(root, files)
    ws = _open(root)
    orch = ws.orchestrator
    state = {"armed": False, "inside": 0}

    def cancel_signal() -> bool:
        # The newer edit is seen only where the interpreter asks from inside a
        # body (between two statements), not between bodies.
        if not (state["armed"] and _in_file_data_flow()):
            return False
        if not any(f.function == "step" for f in inspect.stack(0)[1:8]):
            return False
        state["inside"] += 1
        return True

    try:
        orch.index_repository()
        orch.cancel_signal = cancel_signal
        orch.results_hook = lambda stats: state.update(armed=True)
        stats = _apply(ws, root, "app/util.py", QUOTING_HELPER)
        assert stats.cancelled and state["inside"] == 1
        assert _findings(ws) == {("command-injection", "app/views.py")}
        state["armed"] = False
        _next_cycle_ends_fresh(ws, tmp_path, root)
    finally:
        ws.close()
