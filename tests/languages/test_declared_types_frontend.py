"""Declared-type facts the front ends record: erasure, JSDoc, lexical bindings of call heads."""

from __future__ import annotations

import pytest

from graphwarden.analysis.languages import analyse_bytes
from graphwarden.analysis.languages.javascript_types import parse_jsdoc
from graphwarden.analysis.languages.type_text import element_py, element_ts, erase_py, erase_ts
from graphwarden.analysis.model import NodeAttrs, NodeType


@pytest.mark.parametrize(
    ("written", "erased"),
    [
        ("Subscriber<T>", "Subscriber"),
        (": Foo | null", "Foo"),
        ("Promise<Foo> | undefined", "Promise"),
        ("ns.Foo<T>", "ns.Foo"),
        ("?Foo", "Foo"),
        ("Foo=", "Foo"),
        ("(Foo | null)", "Foo"),
        ("readonly Foo", "Foo"),
        ('import("./Compilation")', 'import("./Compilation")'),
        ("import('./x').T", 'import("./x").T'),
        ("A | B", None),
        ("A & B", None),
        ("Foo[]", None),
        ("{ a: Foo }", None),
        ("(a: X) => Y", None),
        ("typeof Foo", None),
        ("null", None),
    ],
)
def test_erase_ts(written: str, erased: str | None) -> None:
    assert erase_ts(written) == erased


@pytest.mark.parametrize(
    ("written", "erased"),
    [
        ("Optional[Repo]", "Repo"),
        ("Repo | None", "Repo"),
        ('"Repo"', "Repo"),
        ("Optional['models.Model']", "models.Model"),
        ("Union[Repo, None]", "Repo"),
        ("Annotated[Repo, 'meta']", "Repo"),
        ("ClassVar[Repo]", "Repo"),
        ("List[Repo]", "List"),
        ("Union[Repo, Other]", None),
        ("Repo | Other", None),
        ("None", None),
    ],
)
def test_erase_py(written: str, erased: str | None) -> None:
    assert erase_py(written) == erased


def test_element_types() -> None:
    assert element_ts("Module[]") == "Module"
    assert element_ts("Iterable<Module> | undefined") == "Module"
    assert element_ts("Map<string, Module>") is None
    assert element_py("list[Repo]") == "Repo"
    assert element_py("Optional[Sequence['Repo']]") == "Repo"
    assert element_py("tuple[Repo, ...]") == "Repo"
    assert element_py("dict[str, Repo]") is None


def test_parse_jsdoc() -> None:
    doc = parse_jsdoc(
        "/**\n"
        " * @param {Compilation} compilation the compilation\n"
        " * @param {Set<Module>=} [modules] modules\n"
        " * @param {function(Error=, Stats=): void} callback done\n"
        ' * @returns {import("./Logger")} a logger\n'
        " * @this {Parser}\n"
        " */"
    )
    assert doc.params == {"compilation": "Compilation", "modules": "Set"}
    assert doc.callbacks == {"callback": ["Error", "Stats"]}
    assert doc.returns == 'import("./Logger")'
    assert doc.this == "Parser"


def _attrs(file: str, text: str) -> dict[str, NodeAttrs]:
    result = analyse_bytes(file, text.encode())
    return {
        n.id.split("->", 1)[1]: {k: v for k, v in n.attrs.items() if k not in ("sel", "qualname")}
        for n in result.nodes
        if n.type != NodeType.PARAMETER
    }


def test_typescript_facts() -> None:
    got = _attrs(
        "a.ts",
        "interface I { next(v: number): void; dest: Sink | null; }\n"
        "type Alias = Sub<number>;\n"
        "class C {\n"
        "  private foo?: Foo | null;\n"
        "  constructor(private readonly bar: Bar) {}\n"
        "  make(): Promise<Foo> { const x = y as Foo; return x; }\n"
        "  run(a: A, { b }: B, cb: (s: Sub) => void) {\n"
        "    a.go(); b.go(); cb(1); [1].map((s) => s.go());\n"
        "    const { sink } = this; sink.write();\n"
        "  }\n"
        "}\n",
    )
    assert got["VARIABLE->I.dest"]["declared_type"] == "Sink"
    assert got["METHOD->I.next"] == {"signature": "(v: number): void"}
    assert got["CLASS->Alias"]["alias_of"] == "Sub"
    assert got["VARIABLE->C.foo"]["declared_type"] == "Foo"
    assert got["VARIABLE->C.bar"] == {"declared_type": "Bar", "via_self": True}
    assert got["METHOD->C.make"]["returns"] == "Promise"
    assert got["VARIABLE->C.make.x"]["declared_type"] == "Foo"
    assert got["METHOD->C.run"]["callback_params"] == {"2.0": "Sub"}
    calls = {k.split("->")[-1]: v for k, v in got.items() if k.startswith("CALL->")}
    assert calls["a.go#0"]["head_type"] == "A"
    assert calls["b.go#0"]["head_type"] == "%(B).b"  # a member of B, not a B
    assert calls["cb#0"] == {
        "callee": "cb",
        "args": 1,
        "head_local": True,
        "head_param": True,
        "const_args": ["0=1"],  # value domains: the constant argument
    }
    # The callback's own `s`, typed (if at all) by what `map` declares for it.
    assert calls["s.go#0"]["head_type"] == "@C.run->[1].map#0:0.0"
    assert calls["sink.write#0"]["head_type"] == "%this.sink"


def test_python_facts() -> None:
    got = _attrs(
        "m.py",
        "class S:\n"
        "    repo: 'Repo'\n"
        "    def __init__(self, main: Optional[Repo], x):\n"
        "        self.main = main\n"
        "        self.y: Why = x\n"
        "    def run(self, r: Repo, rs: list[Repo]) -> Result:\n"
        "        r.save()\n"
        "        for each in rs:\n"
        "            each.save()\n"
        "        (lambda r: r.save())\n"
        "        x = make()\n"
        "        x = other()\n"
        "        x.save()\n"
        "        try:\n"
        "            pass\n"
        "        except Err as e:\n"
        "            e.show()\n",
    )
    assert got["VARIABLE->S.repo"]["declared_type"] == "Repo"
    assert got["VARIABLE->S.main"]["declared_type"] == "Repo"
    assert got["VARIABLE->S.y"]["declared_type"] == "Why"
    assert got["METHOD->S.run"]["returns"] == "Result"
    calls = {k.split("->")[-1]: v for k, v in got.items() if k.startswith("CALL->")}
    assert calls["r.save#0"]["head_type"] == "Repo"
    assert calls["each.save#0"]["head_type"] == "Repo"
    assert calls["r.save#1"]["head_local"] is True  # the lambda's `r`
    assert calls["x.save#0"]["head_local"] is True  # bound twice
    assert calls["e.show#0"]["head_type"] == "Err"
