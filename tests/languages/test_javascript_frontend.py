"""The JavaScript/TypeScript front end: ES modules, CommonJS, classes, TSX."""

from __future__ import annotations

from graphwarden.analysis.languages import analyse_bytes, language_of
from graphwarden.analysis.model import FileAnalysis, NodeType


def analyse(src: str, path: str = "src/mod.js") -> FileAnalysis:
    return analyse_bytes(path, src.encode())


def of_type(fa: FileAnalysis, type_: str) -> dict[str, dict]:
    return {n.id: n.attrs for n in fa.nodes if n.type == type_}


def test_extensions_map_to_languages() -> None:
    for ext in (".js", ".mjs", ".cjs", ".jsx"):
        assert language_of("a" + ext) == "javascript"
    for ext in (".ts", ".mts", ".cts", ".tsx"):
        assert language_of("a" + ext) == "typescript"
    assert language_of("a.py") == language_of("a.pyi") == "python"
    assert language_of("README.md") is None


def test_es_imports_default_named_namespace_side_effect() -> None:
    fa = analyse(
        'import def1, { a, b as c } from "./x";\nimport * as ns from "../y";\nimport "./side";\n'
    )
    imports = {n.name: n.attrs for n in fa.nodes if n.type == NodeType.IMPORT}
    assert imports["def1"] == {"source": "./x", "kind": "esm", "imported": "default"}
    assert imports["a"]["imported"] == "a"
    assert imports["c"] == {"source": "./x", "kind": "esm", "imported": "b", "alias": "c"}
    assert imports["ns"]["imported"] == "*"
    assert imports["./side"] == {"source": "./side", "kind": "esm"}


def test_exports_all_forms() -> None:
    fa = analyse(
        'export { a as z } from "./q";\n'
        'export * from "./all";\n'
        'export * as nsx from "./ns";\n'
        "export const helper = (a, b) => a + b;\n"
        "export default class Repo {}\n"
        "const p = 1, q = 2;\nexport { p, q as qq };\n"
    )
    exports = {n.name: n.attrs for n in fa.nodes if n.type == NodeType.EXPORT}
    assert exports["z"] == {"source": "./q", "imported": "a"}
    assert exports["*"] == {"source": "./all", "imported": "*"}
    assert exports["nsx"] == {"source": "./ns", "imported": "*"}
    assert exports["helper"] == {"local": "helper"}
    assert exports["default"] == {"local": "Repo"}
    assert exports["qq"] == {"local": "q"}


def test_commonjs_require_and_exports() -> None:
    fa = analyse(
        'const fs = require("fs"), { join, resolve: r } = require("path");\n'
        'require("./side-effect");\n'
        "function local() {}\n"
        "module.exports = { local, other: local };\n"
        "exports.thing = local;\n"
    )
    imports = {n.name: n.attrs for n in fa.nodes if n.type == NodeType.IMPORT}
    assert imports["fs"] == {"source": "fs", "imported": "*", "kind": "require"}
    assert imports["join"]["imported"] == "join"
    assert imports["r"] == {
        "source": "path",
        "imported": "resolve",
        "alias": "r",
        "kind": "require",
    }
    assert imports["./side-effect"]["kind"] == "require"
    exports = {n.name: n.attrs for n in fa.nodes if n.type == NodeType.EXPORT}
    assert exports["local"]["local"] == "local" and exports["other"]["local"] == "local"
    assert exports["thing"] == {"local": "local", "kind": "cjs"}
    # `require` itself is an import, not a call.
    assert not any(n.name == "require" for n in fa.nodes if n.type == NodeType.CALL)


def test_classes_fields_methods_arrow_functions() -> None:
    fa = analyse(
        "class Repo extends Base {\n"
        "  field = new Store();\n"
        "  handler = (e) => this.save(e);\n"
        "  constructor(x) { super(x); this.db = new Db(); }\n"
        "  async save(item, opts = {}) { validate(item); items.forEach(i => log(i)); }\n"
        "  static get size() { return 1; }\n"
        "}\n"
    )
    classes = of_type(fa, NodeType.CLASS)
    assert classes["src/mod.js->CLASS->Repo"]["bases"] == ["Base"]
    methods = of_type(fa, NodeType.METHOD)
    assert set(methods) == {
        "src/mod.js->METHOD->Repo.handler",
        "src/mod.js->METHOD->Repo.constructor",
        "src/mod.js->METHOD->Repo.save",
        "src/mod.js->METHOD->Repo.size",
    }
    assert methods["src/mod.js->METHOD->Repo.save"]["async"] is True
    assert methods["src/mod.js->METHOD->Repo.size"] | {} == {
        **methods["src/mod.js->METHOD->Repo.size"],
        "static": True,
        "accessor": "get",
    }
    variables = of_type(fa, NodeType.VARIABLE)
    assert variables["src/mod.js->VARIABLE->Repo.field"]["assigned_call"] == "Store"
    assert variables["src/mod.js->VARIABLE->Repo.db"]["via_self"] is True
    calls = of_type(fa, NodeType.CALL)
    assert calls["src/mod.js->CALL->Repo.handler->this.save#0"]["receiver"] == "this"
    assert calls["src/mod.js->CALL->Repo.constructor->new Db#0"]["new"] is True
    # Calls in anonymous callbacks belong to the named method around them.
    assert "src/mod.js->CALL->Repo.save->log#0" in calls


def test_typescript_types_and_tsx() -> None:
    fa = analyse(
        "interface I extends A { x: number }\n"
        "type T = string;\n"
        "enum E { A }\n"
        "abstract class C<T> extends B<T> implements I {\n"
        "  private x: Foo = new Foo();\n"
        "  m(a: number, b?: string): void { this.n(); }\n"
        "}\n"
        "export function f(...rest: any[]): JSX.Element { return <div onClick={() => g()} />; }\n",
        path="src/c.tsx",
    )
    assert fa.language == "typescript" and not fa.parse_errors
    classes = of_type(fa, NodeType.CLASS)
    assert classes["src/c.tsx->CLASS->I"]["kind"] == "interface"
    assert classes["src/c.tsx->CLASS->C"]["bases"] == ["B"]
    assert classes["src/c.tsx->CLASS->C"]["implements"] == ["I"]
    method = of_type(fa, NodeType.METHOD)["src/c.tsx->METHOD->C.m"]
    assert method["signature"] == "(a: number, b?: string): void"
    assert "src/c.tsx->CALL->f->g#0" in of_type(fa, NodeType.CALL)


def test_js_syntax_error_partial() -> None:
    fa = analyse("function ok() { return 1 }\nfunction bad( { \nclass Later {}\n")
    assert fa.parse_errors
    assert "src/mod.js->FUNCTION->ok" in {n.id for n in fa.nodes}


def test_functions_exported_as_expressions_are_functions() -> None:
    fa = analyse(
        "exports.internalUrl = (host) => 'http://status';\n"
        "module.exports.hostUrl = function (host) { return host; };\n"
        "exports.value = 42;\n"
    )
    functions = {n.name for n in fa.nodes if n.type == NodeType.FUNCTION}
    assert functions == {"internalUrl", "hostUrl"}
    exports = {n.name: n.attrs for n in fa.nodes if n.type == NodeType.EXPORT}
    assert exports["internalUrl"] == {"local": "internalUrl", "kind": "cjs"}
    assert exports["hostUrl"] == {"local": "hostUrl", "kind": "cjs"}
    assert exports["value"] == {"kind": "cjs"}
    literal = analyse("module.exports = { strip: (s) => s.trim(), keep };\n")
    assert {n.name for n in literal.nodes if n.type == NodeType.FUNCTION} == {"strip"}
    assert {n.name: n.attrs["local"] for n in literal.nodes if n.type == NodeType.EXPORT} == {
        "strip": "strip",
        "keep": "keep",
    }
