"""Name-level blast radius: an edit to a module reaches the files that use a name it rebinds.

Each test indexes a small project, edits one module the way a developer
would (a helper added to a hub, a name removed, a re-export shadowed by a
definition) and checks how many other files the cycle re-enriched, and
what they resolve to afterwards. The property test in
test_incremental_equivalence.py checks that these choices never lose an
update; these pin that they stay small.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from graphwarden.analysis.model import EdgeType
from graphwarden.analysis.orchestrator import FileChange, Orchestrator

HUB = "def f():\n    pass\nclass A:\n    def run(self):\n        pass\n"
USER = "from pkg.hub import f\nimport pkg.hub as hub\ndef go():\n    f()\n    hub.A()\n"


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Orchestrator]:
    """pkg/hub.py used by five modules, one module waiting for `helper`, one star importer."""
    files = {"pkg/__init__.py": "", "pkg/hub.py": HUB}
    files.update({f"pkg/user{i}.py": USER for i in range(5)})
    files["pkg/waiting.py"] = "from pkg.hub import helper\ndef go():\n    helper()\n"
    files["pkg/star.py"] = "from pkg.hub import *\n"
    with _indexed(tmp_path, files) as orch:
        yield orch


@contextmanager
def _indexed(tmp_path: Path, files: dict[str, str]) -> Iterator[Orchestrator]:
    """A project of `files`, indexed in one cycle; closed after the block."""
    orch = Orchestrator(tmp_path, workers=1, store_path=tmp_path / ".store")
    try:
        orch.apply_changes([FileChange(p, c.encode()) for p, c in sorted(files.items())])
        yield orch
    finally:
        orch.close()


def _edit(orch: Orchestrator, path: str, text: str) -> tuple[int, int]:
    stats = orch.apply_changes([FileChange(path, text.encode())])
    assert not stats.enricher_errors
    return stats.blast_radius_files, stats.reenriched_files


def _targets(orch: Orchestrator, node_id: str, edge_type: EdgeType) -> list[str]:
    with orch.snapshot() as snap:
        return sorted(e.dst for e in snap.edges_out(node_id, edge_type))


def test_new_helper_in_a_hub_reaches_only_the_file_waiting_for_it_and_star_importers(
    project: Orchestrator,
) -> None:
    radius, reenriched = _edit(project, "pkg/hub.py", HUB + "def helper():\n    pass\n")
    assert (radius, reenriched) == (2, 3)  # waiting.py and star.py, plus hub.py itself
    assert _targets(project, "pkg/waiting.py->IMPORT-><module>->helper", EdgeType.IMPORTS_FROM) == [
        "pkg/hub.py->FUNCTION->helper"
    ]


def test_new_private_name_in_a_hub_reaches_no_other_file(project: Orchestrator) -> None:
    # Not public, so not even a star import brings it.
    assert _edit(project, "pkg/hub.py", HUB + "_cache = {}\n") == (0, 1)


def test_new_import_in_a_hub_reaches_no_other_file(project: Orchestrator) -> None:
    assert _edit(project, "pkg/hub.py", "import os as _os\n" + HUB) == (0, 1)


def test_removed_name_reaches_its_users_only(project: Orchestrator) -> None:
    radius, _ = _edit(project, "pkg/hub.py", HUB.replace("def f():\n    pass\n", ""))
    assert radius == 6  # the five users of f, and the star importer
    assert _targets(project, "pkg/user0.py->IMPORT-><module>->f", EdgeType.IMPORTS) == [
        "EXTERNAL_MODULE->pkg.hub.f"
    ]


def test_class_used_through_the_module_is_followed_by_name(project: Orchestrator) -> None:
    radius, _ = _edit(project, "pkg/hub.py", HUB.replace("class A:", "class B:"))
    assert radius == 6  # `hub.A()` in the five users, and the star importer
    assert _targets(project, "pkg/user0.py->CALL->go->hub.A#0", EdgeType.CALLS) == []


def test_definition_shadowing_a_reexport_reaches_the_files_that_import_through_it(
    tmp_path: Path,
) -> None:
    files = {
        "pkg/__init__.py": "from .core import helper\n",
        "pkg/core.py": "def helper():\n    pass\ndef other():\n    pass\n",
        "pkg/through.py": "from pkg import helper\n",
        "pkg/direct.py": "from pkg.core import other\n",
    }
    with _indexed(tmp_path, files) as orch:
        shadow = "from .core import helper\ndef helper():\n    pass\n"
        assert _edit(orch, "pkg/__init__.py", shadow) == (1, 2)  # through.py only
        assert _targets(
            orch, "pkg/through.py->IMPORT-><module>->helper", EdgeType.IMPORTS_FROM
        ) == ["pkg/__init__.py->FUNCTION->helper"]


def test_typescript_named_import_waiting_for_an_export(tmp_path: Path) -> None:
    files = {
        "src/hub.ts": "export function f() {}\n",
        "src/user.ts": "import { f } from './hub';\nf();\n",
        "src/waiting.ts": "import { h } from './hub';\nh();\n",
    }
    with _indexed(tmp_path, files) as orch:
        hub = "export function f() {}\nexport function h() {}\n"
        assert _edit(orch, "src/hub.ts", hub) == (1, 2)  # waiting.ts, not user.ts
        assert _targets(orch, "src/waiting.ts->IMPORT-><module>->h", EdgeType.IMPORTS_FROM) == [
            "src/hub.ts->FUNCTION->h"
        ]


def test_variable_reached_through_its_module_follows_its_new_class(tmp_path: Path) -> None:
    """`m.obj.run()` holds no edge into `obj`: its module's name use carries the change."""
    files = {
        "pkg/__init__.py": "",
        "pkg/classes.py": "class A:\n    def run(self):\n        pass\n"
        "class B:\n    def run(self):\n        pass\n",
        "pkg/m.py": "from pkg.classes import A as K\nobj = K()\n",
        "pkg/user.py": "import pkg.m as m\ndef go():\n    m.obj.run()\n",
    }
    with _indexed(tmp_path, files) as orch:
        call = "pkg/user.py->CALL->go->m.obj.run#0"
        assert _targets(orch, call, EdgeType.CALLS) == ["pkg/classes.py->METHOD->A.run"]
        orch.apply_changes([FileChange("pkg/m.py", b"from pkg.classes import B as K\nobj = K()\n")])
        assert _targets(orch, call, EdgeType.CALLS) == ["pkg/classes.py->METHOD->B.run"]


def test_removed_name_reenriches_its_importers_bindings_not_their_calls(tmp_path: Path) -> None:
    """A decorator's import must resolve again; calls that never name it need not."""
    files = {
        "pkg/__init__.py": "",
        "pkg/deco.py": "class cached:\n    pass\n",
        "pkg/user.py": "from pkg.deco import cached\nclass A:\n    @cached\n    def f(self):\n"
        "        return len('x')\n",
        "pkg/caller.py": "from pkg.deco import cached\nvalue = cached()\n",
    }
    with _indexed(tmp_path, files) as orch:
        stats = orch.apply_changes([FileChange("pkg/deco.py", b"class renamed:\n    pass\n")])
        assert stats.blast_radius_files == 2
        assert stats.reenriched_by_enricher["imports"] == 3
        # deco.py, and caller.py, whose call and variable read the binding.
        assert stats.reenriched_by_enricher["calls"] == 2
        assert stats.reenriched_by_enricher["instances"] == 2
        # Data flow reads the binding where a body names it (caller.py), not
        # where a decorator without a call is text (user.py).
        assert stats.reenriched_by_enricher["dataflow"] == 2
        # Renamed back: the unresolved imports waiting on `pkg.deco.cached` are
        # the imports enricher's; the rest follows only where its output is read.
        stats = orch.apply_changes([FileChange("pkg/deco.py", files["pkg/deco.py"].encode())])
        assert stats.reenriched_by_enricher["imports"] == 3
        assert stats.reenriched_by_enricher["calls"] == 2
        assert stats.reenriched_by_enricher["dataflow"] == 2
        assert _targets(orch, "pkg/user.py->IMPORT-><module>->cached", EdgeType.IMPORTS_FROM) == [
            "pkg/deco.py->CLASS->cached"
        ]


def test_new_parameter_of_a_hub_method_reenriches_its_callers_calls_not_their_bindings(
    tmp_path: Path,
) -> None:
    """A caller of a method whose parameters changed resolves its calls and types
    again; its imports, bases and instances do not read a method's parameters,
    nor do the hub's own (its definitions are as they were)."""
    files = {
        "pkg/__init__.py": "",
        "pkg/hub.py": "class Field:\n    def __init__(self, name):\n        self.name = name\n",
        "pkg/sub.py": "from pkg.hub import Field\nclass Char(Field):\n"
        "    def __init__(self, name):\n        super().__init__(name)\n",
    }
    with _indexed(tmp_path, files) as orch:
        wider = files["pkg/hub.py"].replace("self, name", "self, label, name")
        stats = orch.apply_changes([FileChange("pkg/hub.py", wider.encode())])
        assert stats.blast_radius_files == 1
        # The caller's calls and types read the hub's; the hub's own summary
        # rows (a parameter is none) are as they were, so none runs there but
        # data flow.
        assert stats.reenriched_by_enricher["calls"] == 1
        assert stats.reenriched_by_enricher["types"] == 1
        assert stats.reenriched_by_enricher["imports"] == 0
        assert stats.reenriched_by_enricher["inheritance"] == 0
        assert stats.reenriched_by_enricher["instances"] == 0
        call = "pkg/sub.py->CALL->Char.__init__->super().__init__#0"
        assert _targets(orch, call, EdgeType.CALLS) == ["pkg/hub.py->METHOD->Field.__init__"]
        assert _targets(orch, "pkg/sub.py->CLASS->Char", EdgeType.EXTENDS) == [
            "pkg/hub.py->CLASS->Field"
        ]


def test_method_added_to_a_hub_class_reenriches_its_users_calls_not_their_imports(
    tmp_path: Path,
) -> None:
    """A new member can make `obj.member()` resolve in a file that holds the class;
    what the file's imports bind does not change."""
    files = {
        "pkg/__init__.py": "",
        "pkg/hub.py": "class Hub:\n    def run(self):\n        pass\n",
        "pkg/use.py": "from pkg.hub import Hub\ndef go():\n    h = Hub()\n    h.extra()\n",
    }
    with _indexed(tmp_path, files) as orch:
        call = "pkg/use.py->CALL->go->h.extra#0"
        assert _targets(orch, call, EdgeType.CALLS) == []
        wider = files["pkg/hub.py"] + "    def extra(self):\n        pass\n"
        stats = orch.apply_changes([FileChange("pkg/hub.py", wider.encode())])
        assert stats.blast_radius_files == 1
        assert stats.reenriched_by_enricher["calls"] == 2
        assert stats.reenriched_by_enricher["imports"] == 1
        assert _targets(orch, call, EdgeType.CALLS) == ["pkg/hub.py->METHOD->Hub.extra"]


def test_binding_passed_as_an_argument_follows_a_shadowing_definition(tmp_path: Path) -> None:
    files = {
        "pkg/__init__.py": "from .core import helper\n",
        "pkg/core.py": "def helper():\n    pass\n",
        "pkg/user.py": "from pkg import helper\ndef go():\n    run(helper)\n",
    }
    with _indexed(tmp_path, files) as orch:
        call = "pkg/user.py->CALL->go->run#0"
        assert _targets(orch, call, EdgeType.PASSES_ARGUMENT) == ["pkg/core.py->FUNCTION->helper"]
        shadow = "from .core import helper\ndef helper():\n    pass\n"
        orch.apply_changes([FileChange("pkg/__init__.py", shadow.encode())])
        assert _targets(orch, call, EdgeType.PASSES_ARGUMENT) == [
            "pkg/__init__.py->FUNCTION->helper"
        ]


def test_body_edit_that_keeps_definitions_runs_only_the_enrichers_that_read_bodies(
    tmp_path: Path,
) -> None:
    """A call's argument changed (or a comment typed) in a body: imports, bases,
    instances and declared types read none of it and keep their results; calls
    and data flow run again. A new local variable is a definition: all run."""
    files = {
        "pkg/__init__.py": "",
        "pkg/base.py": "class Base:\n    def run(self, n):\n        return n\n",
        "pkg/use.py": "from pkg.base import Base\nclass Sub(Base):\n    pass\n"
        "def go(x: int):\n    return Sub().run(1)\n",
    }
    with _indexed(tmp_path, files) as orch:
        call = "pkg/use.py->CALL->go->Sub().run#0"
        edited = files["pkg/use.py"].replace("run(1)", "run(x)  # typed")
        stats = orch.apply_changes([FileChange("pkg/use.py", edited.encode())])
        assert stats.reenriched_by_enricher["calls"] == 1
        assert stats.reenriched_by_enricher["dataflow"] == 1
        for name in ("imports", "inheritance", "instances", "types"):
            assert stats.reenriched_by_enricher[name] == 0, name
        # What they wrote before still holds, and the calls resolve as before.
        assert _targets(orch, "pkg/use.py->CLASS->Sub", EdgeType.EXTENDS) == [
            "pkg/base.py->CLASS->Base"
        ]
        assert _targets(orch, call, EdgeType.CALLS) == ["pkg/base.py->METHOD->Base.run"]
        with_local = edited.replace("    return Sub()", "    y = x\n    return Sub()")
        stats = orch.apply_changes([FileChange("pkg/use.py", with_local.encode())])
        for name in ("imports", "inheritance", "instances", "types", "calls", "dataflow"):
            assert stats.reenriched_by_enricher[name] == 1, name


def test_value_edit_that_keeps_every_summary_row_runs_only_data_flow(tmp_path: Path) -> None:
    """A returned value changed in a body, with no new call or local: the calls
    enricher reads only the summary's definitions and call sites, which the
    edit keeps, so only data flow runs again; a new call sends calls there too."""
    files = {
        "pkg/__init__.py": "",
        "pkg/base.py": "class Base:\n    def run(self, n):\n        return n\n",
        "pkg/use.py": "from pkg.base import Base\ndef go(x):\n    Base().run(1)\n    return x\n",
    }
    with _indexed(tmp_path, files) as orch:
        call = "pkg/use.py->CALL->go->Base().run#0"
        edited = files["pkg/use.py"].replace("return x\n", 'return x or ""\n')
        stats = orch.apply_changes([FileChange("pkg/use.py", edited.encode())])
        assert stats.reenriched_by_enricher["dataflow"] == 1
        for name in ("imports", "inheritance", "instances", "types", "calls"):
            assert stats.reenriched_by_enricher[name] == 0, name
        assert _targets(orch, call, EdgeType.CALLS) == ["pkg/base.py->METHOD->Base.run"]
        with_call = edited.replace('return x or ""', 'return Base().run(x) or ""')
        stats = orch.apply_changes([FileChange("pkg/use.py", with_call.encode())])
        assert stats.reenriched_by_enricher["calls"] == 1
        assert stats.reenriched_by_enricher["imports"] == 0
        assert _targets(orch, "pkg/use.py->CALL->go->Base().run#1", EdgeType.CALLS) == [
            "pkg/base.py->METHOD->Base.run"
        ]


def test_body_edit_of_a_file_another_edit_reaches_still_enriches_it(tmp_path: Path) -> None:
    """The same body edit in one cycle with a rename in the module it imports
    from: its import must resolve again, whatever its own edit kept."""
    files = {
        "pkg/__init__.py": "",
        "pkg/base.py": "class Base:\n    pass\n",
        "pkg/use.py": "from pkg.base import Base\ndef go():\n    return Base(1)\n",
    }
    with _indexed(tmp_path, files) as orch:
        binding = "pkg/use.py->IMPORT-><module>->Base"
        assert _targets(orch, binding, EdgeType.IMPORTS_FROM) == ["pkg/base.py->CLASS->Base"]
        assert _targets(orch, binding, EdgeType.IMPORTS) == []
        stats = orch.apply_changes(
            [
                FileChange("pkg/base.py", b"class Other:\n    pass\n"),
                FileChange("pkg/use.py", files["pkg/use.py"].replace("(1)", "(2)").encode()),
            ]
        )
        assert stats.reenriched_by_enricher["imports"] == 2
        # The name is gone from pkg.base: the binding waits for it.
        assert _targets(orch, binding, EdgeType.IMPORTS) == ["EXTERNAL_MODULE->pkg.base.Base"]
