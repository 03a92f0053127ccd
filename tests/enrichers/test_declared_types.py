"""Method calls resolved through declared types: one fixture per construct, exact CALLS.

Each construct is asserted with the edge it must produce and, where a wrong
answer is possible, with the absence of that edge next to a positive control
showing the same construct resolves when the type is known.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graphwarden.analysis.model import EdgeType, NodeType
from graphwarden.analysis.navigation import definitions_at, describe, module_naming
from graphwarden.analysis.orchestrator import Orchestrator
from tests.enrichers.test_resolution import index


def calls(orch: Orchestrator, file: str) -> dict[str, set[str]]:
    """Callee text (with `#n` when repeated in the file) -> ids of what it CALLS."""
    out: dict[str, set[str]] = {}
    with orch.snapshot() as snap:
        for n in snap.context_nodes(file):
            if n.type != NodeType.CALL:
                continue
            key = str(n.attrs["callee"])
            while key in out:
                key += "'"
            out[key] = {e.dst for e in snap.edges_out(n.id, EdgeType.CALLS)}
    return out


# -- TypeScript ---------------------------------------------------------------------


@pytest.fixture
def ts(tmp_path: Path):
    orch = index(
        tmp_path,
        {
            "src/types.ts": (
                "export interface Observer<T> { next(v: T): void; error(e: unknown): void; }\n"
                "export type SubscriberAlias = Subscriber<number>;\n"
                "import { Subscriber } from './sub';\n"
            ),
            "src/sub.ts": (
                "import { Observer } from './types';\n"
                "export class Sink { write(v: unknown) {} static make() {} }\n"
                "export class Subscriber<T> {\n"
                "  protected destination: Observer<T> | null = null;\n"
                "  owner?: Subscriber<T>;\n"
                "  constructor(private readonly sink: Sink) {}\n"
                "  next(v: T): void {\n"
                "    this.destination!.next(v);\n"
                "    this.sink.write(v);\n"
                "    this.owner?.sink.write(v);\n"
                "  }\n"
                "}\n"
                "export class Other { next() {} }\n"
                "export function make(): Subscriber<number> { return new Subscriber(new Sink()); }\n"
                "export function operate(init: (source: Sink, subscriber: Subscriber<number>) => void) {}\n"
                "export function within(init: (this: Sink) => void) {}\n"
            ),
            "src/use.ts": (
                "import { Subscriber, Sink, Other, make, operate, within } from './sub';\n"
                "import { SubscriberAlias } from './types';\n"
                "const s = new Other();\n"
                "s.next();\n"
                "function typed(s: Subscriber<number>, a: SubscriberAlias, u: Sink | Other) {\n"
                "  s.next(1);\n"
                "  a.next(2);\n"
                "  u.write(3);\n"
                "  (u as Sink).write(4);\n"
                "  make().next(5);\n"
                "  const m = make();\n"
                "  m.next(6);\n"
                "  [1].forEach((s) => s.next(7));\n"
                "  operate((source, subscriber) => { subscriber.next(8); source.write(9); });\n"
                "}\n"
                "function untyped(s) { s.next(10); }\n"
                "function lifted(this: Sink) { this.write(11); }\n"
                "within(function () { this.write(12); });\n"
                "class Host { go() { within(function () { this.go(); }); this.go(); } }\n"
            ),
        },
    )
    yield orch
    orch.close()


SUB = "src/sub.ts->"


def test_field_parameter_property_and_chain_types(ts: Orchestrator) -> None:
    got = calls(ts, "src/sub.ts")
    assert got["this.destination!.next"] == {"src/types.ts->METHOD->Observer.next"}
    assert got["this.sink.write"] == {SUB + "METHOD->Sink.write"}
    assert got["this.owner?.sink.write"] == {SUB + "METHOD->Sink.write"}


def test_parameters_aliases_returns_casts_and_callbacks(ts: Orchestrator) -> None:
    got = calls(ts, "src/use.ts")
    nxt = {SUB + "METHOD->Subscriber.next"}
    assert got["s.next"] == {SUB + "METHOD->Other.next"}  # module-level `s = new Other()`
    assert got["s.next'"] == nxt  # the parameter `s: Subscriber<number>` shadows it
    assert got["a.next"] == nxt  # through `type SubscriberAlias = Subscriber<number>`
    assert got["make().next"] == nxt
    assert got["m.next"] == nxt
    assert got["(u as Sink).write"] == {SUB + "METHOD->Sink.write"}
    assert got["subscriber.next"] == nxt  # typed by operate's callback parameter
    assert got["source.write"] == {SUB + "METHOD->Sink.write"}
    # `this` declared by a `this:` parameter, or by the callee for a `function` callback.
    assert got["this.write"] == {SUB + "METHOD->Sink.write"}
    assert got["this.write'"] == {SUB + "METHOD->Sink.write"}
    # A `function` callback rebinds `this`: not the class around it.
    assert got["this.go"] == set()
    assert got["this.go'"] == {"src/use.ts->METHOD->Host.go"}


def test_unknown_or_ambiguous_types_answer_nothing(ts: Orchestrator) -> None:
    got = calls(ts, "src/use.ts")
    assert got["u.write"] == set()  # `Sink | Other`: two classes, no guess
    assert got["s.next''"] == set()  # the callback's own untyped `s`, not the outer one
    assert got["s.next'''"] == set()  # an untyped parameter


def test_typed_edges_carry_the_type_and_its_declaration(ts: Orchestrator) -> None:
    with ts.snapshot() as snap:
        edges = {
            e.src.rsplit("->", 1)[-1]: e.attrs
            for e in snap.edges(EdgeType.CALLS)
            if e.src.startswith(SUB + "CALL->Subscriber.next")
        }
        has_type = {(e.src, e.dst) for e in snap.edges(EdgeType.HAS_TYPE)}
        returns = {(e.src, e.dst) for e in snap.edges(EdgeType.RETURNS_TYPE)}
    assert edges["this.destination!.next#0"] == {
        "via": "type",
        "type": "src/types.ts->CLASS->Observer",
        "declared_by": SUB + "VARIABLE->Subscriber.destination",
    }
    assert (SUB + "VARIABLE->Subscriber.sink", SUB + "CLASS->Sink") in has_type
    assert (SUB + "FUNCTION->make", SUB + "CLASS->Subscriber") in returns


# -- JavaScript with JSDoc ---------------------------------------------------------


@pytest.fixture
def jsdoc(tmp_path: Path):
    orch = index(
        tmp_path,
        {
            "lib/Compilation.js": (
                'const Logger = require("./Logger");\n'
                "class Compilation {\n"
                "  seal() {}\n"
                "  /** @returns {Logger} a logger */\n"
                "  getLogger() { return new Logger(); }\n"
                "}\n"
                "module.exports = Compilation;\n"
            ),
            "lib/Logger.js": "class Logger { log() {} }\nmodule.exports = Logger;\n",
            "lib/Template.js": (
                "/**\n"
                " * @typedef {Object} RenderContext\n"
                " * @property {import('./Compilation')} compilation the compilation\n"
                " */\n"
            ),
            "lib/Plugin.js": (
                '/** @typedef {import("./Compilation")} Compilation */\n'
                '/** @typedef {import("./Logger")} Logger */\n'
                '/** @typedef {import("./Template").RenderContext} RenderContext */\n'
                "class Plugin {\n"
                "  /** @param {Compilation} compilation the compilation */\n"
                "  constructor(compilation) {\n"
                "    /** @type {Logger} */\n"
                "    this.logger = compilation.getLogger();\n"
                "  }\n"
                "  /**\n"
                "   * @param {Compilation} compilation the compilation\n"
                "   * @param {RenderContext} context the context\n"
                "   * @param {function(Error=): void} callback done\n"
                "   */\n"
                "  apply(compilation, context, callback) {\n"
                "    compilation.seal();\n"
                "    this.logger.log();\n"
                "    compilation.getLogger().log();\n"
                "    context.compilation.seal();\n"
                "    const { compilation: c } = context;\n"
                "    c.seal();\n"
                "    callback();\n"
                "    run((err, callback) => { callback(); });\n"
                "  }\n"
                "}\n"
                "function callback() {}\n"
                "function run(f) {}\n"
            ),
        },
    )
    yield orch
    orch.close()


def test_jsdoc_param_type_returns_typedef_and_object_typedef(jsdoc: Orchestrator) -> None:
    got = calls(jsdoc, "lib/Plugin.js")
    seal = {"lib/Compilation.js->METHOD->Compilation.seal"}
    log = {"lib/Logger.js->METHOD->Logger.log"}
    assert got["compilation.seal"] == seal
    assert got["this.logger.log"] == log
    assert got["compilation.getLogger().log"] == log
    assert got["context.compilation.seal"] == seal
    assert got["c.seal"] == seal


def test_callback_parameters_are_scoped_to_their_function(jsdoc: Orchestrator) -> None:
    """`callback()` never jumps to a same-named function or parameter outside it."""
    got = calls(jsdoc, "lib/Plugin.js")
    # The module-level `function callback` is shadowed in both places.
    assert got["callback"] == set()
    assert got["callback'"] == set()
    root = jsdoc.root
    lines = (root / "lib/Plugin.js").read_text().split("\n")
    with jsdoc.snapshot() as snap:
        outer = lines.index("    callback();")
        found = definitions_at(snap, "lib/Plugin.js", outer, 5, lines[outer])
        assert [n.id for n in found] == ["lib/Plugin.js->PARAMETER->Plugin.apply->callback"]
        inner = next(i for i, t in enumerate(lines) if "(err, callback) =>" in t)
        col = lines[inner].index("callback();")
        assert definitions_at(snap, "lib/Plugin.js", inner, col, lines[inner]) == []


# -- Python --------------------------------------------------------------------------


@pytest.fixture
def py(tmp_path: Path):
    orch = index(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/models.py": (
                "class Repo:\n    def save(self):\n        pass\n"
                "class Other:\n    def save(self):\n        pass\n"
            ),
            "app/service.py": (
                "from __future__ import annotations\n"
                "from dataclasses import dataclass\n"
                "from typing import TYPE_CHECKING, Optional, Union\n"
                "if TYPE_CHECKING:\n"
                "    from app.models import Repo, Other\n"
                "@dataclass\n"
                "class Service:\n"
                "    repo: Repo\n"
                "    backup: Optional['Repo'] = None\n"
                "    def __init__(self, main: Repo, other: Other | None):\n"
                "        self.main = main\n"
                "        self.other: Other = other\n"
                "    @property\n"
                "    def current(self) -> Repo:\n"
                "        return self.repo\n"
                "    def make(self) -> 'Repo':\n"
                "        return self.repo\n"
                "    def run(self, r: Repo, either: Union[Repo, Other], repos: list[Repo]):\n"
                "        r.save()\n"
                "        self.repo.save()\n"
                "        self.backup.save()\n"
                "        self.main.save()\n"
                "        self.other.save()\n"
                "        self.current.save()\n"
                "        self.make().save()\n"
                "        either.save()\n"
                "        for each in repos:\n"
                "            each.save()\n"
                "        x = self.make()\n"
                "        x.save()\n"
                "        y = self.make()\n"
                "        y = either\n"
                "        y.save()\n"
            ),
        },
    )
    yield orch
    orch.close()


def test_python_hints(py: Orchestrator) -> None:
    got = calls(py, "app/service.py")
    repo = {"app/models.py->METHOD->Repo.save"}
    for callee in (
        "r.save",
        "self.repo.save",  # dataclass field
        "self.backup.save",  # Optional['Repo']
        "self.main.save",  # self.main = main, main: Repo
        "self.current.save",  # @property -> Repo
        "self.make().save",  # return annotation (a string)
        "each.save",  # for over list[Repo]
        "x.save",  # a local bound to a call with a declared return type
    ):
        assert got[callee] == repo, callee
    assert got["self.other.save"] == {"app/models.py->METHOD->Other.save"}  # self.x: T


def test_python_ambiguous_or_rebound_answers_nothing(py: Orchestrator) -> None:
    got = calls(py, "app/service.py")
    assert got["either.save"] == set()  # Union[Repo, Other]
    assert got["y.save"] == set()  # bound twice: the first binding would be a guess


# -- hover ---------------------------------------------------------------------------


def test_hover_facts_name_the_type_and_its_declaration(ts: Orchestrator) -> None:
    with ts.snapshot() as snap:
        naming = module_naming(snap, None)
        use = next(
            n
            for n in snap.context_nodes("src/sub.ts")
            if n.type == NodeType.CALL and n.attrs["callee"] == "this.destination!.next"
        )
        target = snap.node("src/types.ts->METHOD->Observer.next")
        assert target is not None
        note = describe(snap, target, naming, use=use).via_type
        assert note is not None
        assert note.type_node.id == "src/types.ts->CLASS->Observer"
        assert note.declaration is not None
        assert note.declaration.id == SUB + "VARIABLE->Subscriber.destination"
        assert note.declaration_line == 4
        param_use = next(
            n
            for n in snap.context_nodes("src/use.ts")
            if n.type == NodeType.CALL
            and n.attrs["callee"] == "s.next"
            and n.attrs.get("head_type")
        )
        sub_next = snap.node(SUB + "METHOD->Subscriber.next")
        assert sub_next is not None
        note = describe(snap, sub_next, naming, use=param_use).via_type
        assert note is not None and note.declaration is not None
        assert note.declaration.id == "src/use.ts->PARAMETER->typed->s"
        assert describe(snap, sub_next, naming).via_type is None


def test_hover_markdown_says_why(ts: Orchestrator) -> None:
    from graphwarden.lsp_server.features.hover import markdown

    with ts.snapshot() as snap:
        naming = module_naming(snap, None)
        use = next(
            n
            for n in snap.context_nodes("src/sub.ts")
            if n.type == NodeType.CALL and n.attrs["callee"] == "this.sink.write"
        )
        target = snap.node(SUB + "METHOD->Sink.write")
        assert target is not None
        text = markdown(describe(snap, target, naming, use=use))
    assert (
        "resolved through the declared type `src/sub:Sink` of variable "
        "`Subscriber.sink` (`src/sub.ts:6`)" in text
    )
