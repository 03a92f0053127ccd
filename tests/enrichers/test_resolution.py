"""Per-feature resolution fixtures (Python and TS/JS), asserting exact edges."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphwarden.analysis.orchestrator import FileChange, Orchestrator


def index(tmp_path: Path, files: dict[str, str]) -> Orchestrator:
    root = tmp_path / "ws"
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    orch = Orchestrator(root, workers=1, store_path=tmp_path / "store")
    stats = orch.index_repository()
    assert not stats.enricher_errors
    return orch


def edges(orch: Orchestrator, type_: str) -> set[tuple[str, str]]:
    with orch.snapshot() as snap:
        return {(e.src, e.dst) for e in snap.edges(type_)}


@pytest.fixture
def py(tmp_path: Path):
    orch = index(
        tmp_path,
        {
            "pkg/__init__.py": "from .mod import helper\nfrom .base import *\n__all__ = ['helper', 'Base']\n",
            "pkg/base.py": "class Base:\n    def save(self):\n        pass\n    def load(self):\n        pass\n"
            "class Loop(Loop):\n    def x(self):\n        self.nothing()\n",
            "pkg/mod.py": (
                "import os\nfrom pkg.base import Base\nfrom . import base as b\n"
                "from .missing import thing\nfrom pkg.base import nothere\n"
                "def helper():\n    def inner():\n        pass\n    inner()\n"
                "class Repo(b.Base):\n    def __init__(self):\n        self.store = Store()\n"
                "    def save(self):\n        super().save()\n        self.load()\n        self.store.put()\n"
                "class Store:\n    def put(self):\n        pass\n"
                "def main():\n    r = Repo()\n    r.save()\n    helper()\n"
            ),
            "pkg/use.py": "import pkg.mod\nimport pkg.mod as m\nfrom pkg import helper, Base\n"
            "pkg.mod.helper()\nm.Repo()\nhelper()\n",
            "src/lib/core.py": "def api():\n    pass\n",
            "app.py": "from lib.core import api\napi()\n",
        },
    )
    yield orch
    orch.close()


def test_python_imports(py: Orchestrator) -> None:
    imports_from = edges(py, "IMPORTS_FROM")
    assert (
        "pkg/__init__.py->IMPORT-><module>->helper",
        "pkg/mod.py->FUNCTION->helper",
    ) in imports_from
    # re-export through __init__ to the final definition
    assert ("pkg/use.py->IMPORT-><module>->helper", "pkg/mod.py->FUNCTION->helper") in imports_from
    assert ("pkg/use.py->IMPORT-><module>->Base", "pkg/base.py->CLASS->Base") in imports_from
    assert ("pkg/use.py->IMPORT-><module>->m", "pkg/mod.py->MODULE") in imports_from
    assert ("pkg/mod.py->IMPORT-><module>->b", "pkg/base.py->MODULE") in imports_from
    # star import honours __all__-less public names
    assert ("pkg/__init__.py->IMPORT-><module>->*", "pkg/base.py->CLASS->Loop") in imports_from
    # src layout
    assert ("app.py->IMPORT-><module>->api", "src/lib/core.py->FUNCTION->api") in imports_from
    imports = edges(py, "IMPORTS")
    assert ("pkg/mod.py->MODULE", "EXTERNAL_MODULE->os") in imports
    assert ("pkg/mod.py->MODULE", "pkg/base.py->MODULE") in imports
    assert ("pkg/mod.py->IMPORT-><module>->thing", "EXTERNAL_MODULE->pkg.missing") in imports
    assert ("pkg/mod.py->IMPORT-><module>->nothere", "EXTERNAL_MODULE->pkg.base.nothere") in imports
    assert (
        "pkg/use.py->IMPORT-><module>->helper",
        "pkg/__init__.py->IMPORT-><module>->helper",
    ) in imports
    with py.snapshot() as snap:
        node = snap.node("EXTERNAL_MODULE->pkg.missing")
        assert node is not None and node.attrs == {"unresolved": True} and node.file == ""
        assert snap.node("EXTERNAL_MODULE->os").attrs == {}


def test_python_calls_inheritance_instances(py: Orchestrator) -> None:
    assert edges(py, "EXTENDS") == {
        ("pkg/mod.py->CLASS->Repo", "pkg/base.py->CLASS->Base"),
        ("pkg/base.py->CLASS->Loop", "pkg/base.py->CLASS->Loop"),
    }
    assert edges(py, "INSTANCE_OF") == {
        ("pkg/mod.py->VARIABLE->Repo.store", "pkg/mod.py->CLASS->Store"),
        ("pkg/mod.py->VARIABLE->main.r", "pkg/mod.py->CLASS->Repo"),
    }
    calls = edges(py, "CALLS")
    for src, dst in [
        ("pkg/mod.py->CALL->helper->inner#0", "pkg/mod.py->FUNCTION->helper.inner"),
        ("pkg/mod.py->CALL->Repo.save->super().save#0", "pkg/base.py->METHOD->Base.save"),
        ("pkg/mod.py->CALL->Repo.save->self.load#0", "pkg/base.py->METHOD->Base.load"),
        ("pkg/mod.py->CALL->Repo.save->self.store.put#0", "pkg/mod.py->METHOD->Store.put"),
        ("pkg/mod.py->CALL->main->r.save#0", "pkg/mod.py->METHOD->Repo.save"),
        ("pkg/mod.py->CALL->main->Repo#0", "pkg/mod.py->CLASS->Repo"),
        ("pkg/use.py->CALL-><module>->pkg.mod.helper#0", "pkg/mod.py->FUNCTION->helper"),
        ("pkg/use.py->CALL-><module>->m.Repo#0", "pkg/mod.py->CLASS->Repo"),
        ("pkg/use.py->CALL-><module>->helper#0", "pkg/mod.py->FUNCTION->helper"),
        ("app.py->CALL-><module>->api#0", "src/lib/core.py->FUNCTION->api"),
    ]:
        assert (src, dst) in calls, src
    # a class inheriting from itself terminates, and its unknown method stays unresolved
    assert not any(s.startswith("pkg/base.py->CALL->Loop.x") for s, _ in calls)


def test_unreferenced(py: Orchestrator) -> None:
    unref = edges(py, "UNREFERENCED")
    assert ("pkg/base.py->MODULE", "pkg/base.py->METHOD->Loop.x") in unref
    dsts = {d for _, d in unref}
    assert "pkg/mod.py->FUNCTION->helper" not in dsts  # imported and called
    assert "pkg/mod.py->FUNCTION->main" not in dsts  # entry point
    assert "pkg/mod.py->METHOD->Repo.__init__" not in dsts  # dunder


def test_typescript_and_commonjs(tmp_path: Path) -> None:
    orch = index(
        tmp_path,
        {
            "tsconfig.json": '{\n // c\n "compilerOptions": {"baseUrl": ".", "paths": {"@app/*": ["src/*"],},},\n}\n',
            "src/util/index.ts": "export function fmt(x: string) { return x; }\n"
            "export default class Helper { run() { return fmt('a'); } }\n",
            "src/repo.ts": (
                "import Helper, { fmt as f } from './util';\nimport * as U from './util/index.js';\n"
                "import { missing } from './nope';\nimport React from 'react';\n"
                "export * from './util';\nexport { fmt as format } from './util';\n"
                "export class Repo extends Helper {\n  store = new Helper();\n"
                "  save() { this.run(); f('x'); U.fmt('y'); this.store.run(); super.run(); }\n}\n"
            ),
            "src/app.ts": "import { Repo, format, fmt } from '@app/repo';\n"
            "const r = new Repo();\nr.save();\nformat('a');\nfmt('b');\n",
            "lib/c.js": "const x = require('./d');\nconst { g } = require('./d');\nx();\ng();\n",
            "lib/d.js": "function main2() {}\nfunction g() {}\nmodule.exports = main2;\nexports.g = g;\n",
        },
    )
    try:
        imports_from = edges(orch, "IMPORTS_FROM")
        for pair in [
            ("src/repo.ts->IMPORT-><module>->Helper", "src/util/index.ts->CLASS->Helper"),
            ("src/repo.ts->IMPORT-><module>->f", "src/util/index.ts->FUNCTION->fmt"),
            ("src/repo.ts->IMPORT-><module>->U", "src/util/index.ts->MODULE"),
            ("src/repo.ts->EXPORT->format", "src/util/index.ts->FUNCTION->fmt"),
            ("src/app.ts->IMPORT-><module>->Repo", "src/repo.ts->CLASS->Repo"),
            ("src/app.ts->IMPORT-><module>->format", "src/util/index.ts->FUNCTION->fmt"),
            ("src/app.ts->IMPORT-><module>->fmt", "src/util/index.ts->FUNCTION->fmt"),
            ("lib/c.js->IMPORT-><module>->x", "lib/d.js->FUNCTION->main2"),
            ("lib/c.js->IMPORT-><module>->g", "lib/d.js->FUNCTION->g"),
        ]:
            assert pair in imports_from, pair
        imports = edges(orch, "IMPORTS")
        assert ("src/repo.ts->IMPORT-><module>->missing", "EXTERNAL_MODULE->./src/nope") in imports
        assert ("src/repo.ts->MODULE", "EXTERNAL_MODULE->react") in imports
        calls = edges(orch, "CALLS")
        for pair in [
            ("src/repo.ts->CALL->Repo.save->this.run#0", "src/util/index.ts->METHOD->Helper.run"),
            ("src/repo.ts->CALL->Repo.save->super.run#0", "src/util/index.ts->METHOD->Helper.run"),
            ("src/repo.ts->CALL->Repo.save->U.fmt#0", "src/util/index.ts->FUNCTION->fmt"),
            (
                "src/repo.ts->CALL->Repo.save->this.store.run#0",
                "src/util/index.ts->METHOD->Helper.run",
            ),
            ("src/app.ts->CALL-><module>->new Repo#0", "src/repo.ts->CLASS->Repo"),
            ("src/app.ts->CALL-><module>->r.save#0", "src/repo.ts->METHOD->Repo.save"),
            ("lib/c.js->CALL-><module>->x#0", "lib/d.js->FUNCTION->main2"),
        ]:
            assert pair in calls, pair
        assert ("src/repo.ts->CLASS->Repo", "src/util/index.ts->CLASS->Helper") in edges(
            orch, "EXTENDS"
        )
    finally:
        orch.close()


def test_typescript_mixins_applied_to_a_base(tmp_path: Path) -> None:
    """`class R extends Searchable(Timestamped(Base))`: R extends each mixin's class
    expression, outermost first, then Base; a mixin's method and Base's resolve."""
    orch = index(
        tmp_path,
        {
            "src/mixins.ts": (
                "export const Timestamped = (B: any) =>\n  class extends B { touch() { return 1; } };\n"
                "export function Searchable(B: any) {\n"
                "  return class extends B { search() { return 2; } touch() { return 3; } };\n}\n"
            ),
            "src/repo.ts": (
                "import { Searchable, Timestamped } from './mixins';\n"
                "class Base { save() { return 0; } }\n"
                "export class Repo extends Searchable(Timestamped(Base)) {\n"
                "  run() { this.touch(); this.search(); this.save(); }\n}\n"
            ),
        },
    )
    try:
        with orch.snapshot() as snap:
            bases = [
                (e.dst, e.attrs) for e in snap.edges_out("src/repo.ts->CLASS->Repo", "EXTENDS")
            ]
        assert sorted(bases, key=lambda b: b[1]["applied"]) == [
            ("src/mixins.ts->CLASS->Searchable.<anonymous%3E", {"index": 0, "applied": 0}),
            ("src/mixins.ts->CLASS->Timestamped.<anonymous%3E", {"index": 0, "applied": 1}),
            ("src/repo.ts->CLASS->Base", {"index": 0, "applied": 2}),
        ]
        calls = edges(orch, "CALLS")
        for pair in [
            # (The outermost mixin's `touch` overrides the inner one's.)
            (
                "src/repo.ts->CALL->Repo.run->this.touch#0",
                "src/mixins.ts->METHOD->Searchable.<anonymous%3E.touch",
            ),
            (
                "src/repo.ts->CALL->Repo.run->this.search#0",
                "src/mixins.ts->METHOD->Searchable.<anonymous%3E.search",
            ),
            ("src/repo.ts->CALL->Repo.run->this.save#0", "src/repo.ts->METHOD->Base.save"),
        ]:
            assert pair in calls, pair
    finally:
        orch.close()


def test_a_function_becoming_a_mixin_reaches_the_classes_applying_it(tmp_path: Path) -> None:
    """A function that starts (or stops) returning a class expression changes what
    a class of another file written `extends Mixin(Base)` extends, and what its
    calls resolve to, as a fresh index has it."""
    user = (
        "import { Mx } from './m0';\nclass Base { w() { return 1; } }\n"
        "export class User extends Mx(Base) { run() { return this.q() + this.w(); } }\n"
    )
    orch = index(tmp_path, {"m0.ts": "export function Mx(B: any) { return B; }\n", "m1.ts": user})
    mixed = ("m1.ts->CLASS->User", "m0.ts->CLASS->Mx.<anonymous%3E")
    called = ("m1.ts->CALL->User.run->this.q#0", "m0.ts->METHOD->Mx.<anonymous%3E.q")
    try:
        assert mixed not in edges(orch, "EXTENDS")
        orch.apply_changes(
            [
                FileChange(
                    "m0.ts",
                    b"export const Mx = (B: any) => class extends B { q() { return 2; } };\n",
                )
            ]
        )
        assert mixed in edges(orch, "EXTENDS")
        assert ("m1.ts->CLASS->User", "m1.ts->CLASS->Base") in edges(orch, "EXTENDS")
        assert called in edges(orch, "CALLS")
        orch.apply_changes([FileChange("m0.ts", b"export function Mx(B: any) { return B; }\n")])
        assert mixed not in edges(orch, "EXTENDS")
        assert called not in edges(orch, "CALLS")
    finally:
        orch.close()


def test_adding_missing_module_resolves_importer_same_cycle(tmp_path: Path) -> None:
    orch = index(tmp_path, {"pkg/__init__.py": "", "pkg/a.py": "from pkg.b import f\nf()\n"})
    try:
        stats = orch.apply_changes([FileChange("pkg/b.py", b"def f():\n    pass\n")])
        assert stats.blast_radius_files == 1
        assert ("pkg/a.py->IMPORT-><module>->f", "pkg/b.py->FUNCTION->f") in edges(
            orch, "IMPORTS_FROM"
        )
        assert ("pkg/a.py->CALL-><module>->f#0", "pkg/b.py->FUNCTION->f") in edges(orch, "CALLS")
        with orch.snapshot() as snap:
            assert snap.node("EXTERNAL_MODULE->pkg.b") is None
    finally:
        orch.close()


def test_callbacks_are_passed_arguments_not_unreferenced(tmp_path: Path) -> None:
    orch = index(
        tmp_path,
        {
            "sig.py": (
                "from hooks import on_save\n\n"
                "def local_handler(event):\n    return event\n\n"
                "def orphan():\n    return 1\n\n"
                "def wire(bus):\n"
                "    bus.connect(on_save)\n"
                "    bus.connect(local_handler)\n"
            ),
            "hooks.py": "def on_save(event):\n    return event\n",
        },
    )
    passed = edges(orch, "PASSES_ARGUMENT")
    assert ("sig.py->CALL->wire->bus.connect#0", "hooks.py->FUNCTION->on_save") in passed
    assert ("sig.py->CALL->wire->bus.connect#1", "sig.py->FUNCTION->local_handler") in passed
    unref = {dst for _src, dst in edges(orch, "UNREFERENCED")}
    assert "sig.py->FUNCTION->orphan" in unref
    assert "sig.py->FUNCTION->wire" in unref
    assert not unref & {"hooks.py->FUNCTION->on_save", "sig.py->FUNCTION->local_handler"}
