"""Hypothesis strategies of hostile input: mutated seeds, generated JavaScript, paths.

Mutation works on bytes or text with a dictionary of tokens of the target
language (so a mutation makes syntax, not only noise): delete, duplicate,
splice from another seed, insert a token or random bytes, flip a byte,
swap lines, re-indent, cut. Hypothesis shrinks a failing input to few,
small mutations of one seed.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from hypothesis import strategies as st

from tests.fuzz.budget import ENV

SEEDS_DIR = Path(__file__).parent / "seeds"
REPO = Path(__file__).resolve().parents[2]
#: Corpora fetched by benchmarks/fetch_corpora.sh: more seeds for a run given a budget
#: (GRAPHWARDEN_FUZZ_SECONDS) when present, never needed. The bounded run leaves them
#: out: its inputs are the same on every machine.
CORPORA = Path.home() / ".cache" / "graphwarden-corpora"
#: Seed files larger than this are left out: mutations of small files find as much, faster.
MAX_SEED_BYTES = 48 * 1024

PYTHON_EXTENSIONS = (".py", ".pyi")
JS_EXTENSIONS = (".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx")


def seed_files(extensions: Sequence[str], *, corpora: tuple[str, ...] = ()) -> list[bytes]:
    """Seeds: the shipped ones, the repository's own sources, and (in a run given a
    budget) the `corpora` found on this machine."""
    roots = [SEEDS_DIR, REPO / "analysis", REPO / "lsp_server", REPO / "cli"]
    if os.environ.get(ENV):
        roots += [CORPORA / name for name in corpora if (CORPORA / name).is_dir()]
    found: list[bytes] = []
    for root in roots:
        for path in sorted(root.rglob("*")):
            if (
                path.suffix in extensions
                and path.is_file()
                and not path.is_symlink()
                and path.stat().st_size <= MAX_SEED_BYTES
            ):
                found.append(path.read_bytes())
    assert found, f"no seed files for {extensions} under {SEEDS_DIR}"
    return found


# -- tokens ---------------------------------------------------------------------------

_COMMON_TOKENS = [
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ".",
    ":",
    ";",
    "=",
    "==",
    "->",
    "=>",
    "*",
    "**",
    "@",
    "#",
    "\\",
    "'",
    '"',
    '"""',
    "`",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "    ",
    " ",
    "\x0b",
    "\x0c",
    "\u2028",
    "\u0085",
    "\ufeff",
    "é",
    "漢字",
    "😀",
    "\U0010ffff",
    "#1",
    "a.b",
    "%",
    "<module>",
    "MODULE",
    "CLASS",
    "->METHOD->",
    "0",
    "-1",
    "1e309",
    "0x_",
]
PYTHON_TOKENS = [
    *_COMMON_TOKENS,
    "def ",
    "class ",
    "async ",
    "await ",
    "lambda ",
    "return ",
    "yield ",
    "import ",
    "from ",
    " as ",
    "global ",
    "nonlocal ",
    "self.",
    "cls.",
    "super()",
    "__all__",
    "__all__ += ",
    "if ",
    "else:",
    "elif ",
    "match ",
    "case ",
    "with ",
    "try:",
    "except* ",
    "finally:",
    "for ",
    "while ",
    "pass",
    "...",
    ":=",
    "->",
    "**kwargs",
    "*args",
    "/",
    "f'{",
    "}'",
    "rb'",
    "u'",
    "# comment",
    "#!",
    "# -*- coding: latin-1 -*-",
]
JS_TOKENS = [
    *_COMMON_TOKENS,
    "function ",
    "function* ",
    "class ",
    "extends ",
    "implements ",
    "interface ",
    "type ",
    "enum ",
    "abstract ",
    "static ",
    "get ",
    "set ",
    "async ",
    "await ",
    "new ",
    "this.",
    "super(",
    "return ",
    "yield* ",
    "import ",
    "export ",
    "export default ",
    "from ",
    " as ",
    "require(",
    "module.exports",
    "exports.",
    "const ",
    "let ",
    "var ",
    "=>",
    "...",
    "?.",
    "??",
    "${",
    "`",
    "/*",
    "*/",
    "//",
    "#!",
    "#priv",
    "<div>",
    "</div>",
    "<>",
    "</>",
    "[Symbol.iterator]",
    "'a.b'",
    '"a->b"',
    "declare ",
    "namespace ",
    "readonly ",
    "satisfies ",
    "as const",
    "<T>",
    "@decorator ",
    "/re+/g",
]


# -- mutation -------------------------------------------------------------------------


@st.composite
def mutated(
    draw: st.DrawFn, seeds: Sequence[bytes], tokens: Sequence[str], max_mutations: int = 8
) -> bytes:
    """A seed with a few mutations applied (shrinks towards fewer, smaller ones)."""
    data = bytearray(draw(st.sampled_from(seeds)))
    token_bytes = [t.encode("utf-8") for t in tokens]
    for _ in range(draw(st.integers(0, max_mutations))):
        n = len(data)
        at = draw(st.integers(0, n))
        span = draw(st.sampled_from((1, 2, 8, 64, 512)))
        end = min(n, at + span)
        op = draw(
            st.sampled_from(
                (
                    "insert-token",
                    "delete",
                    "duplicate",
                    "splice",
                    "insert-bytes",
                    "flip",
                    "swap-lines",
                    "indent",
                    "cut",
                )
            )
        )
        if op == "insert-token":
            data[at:at] = draw(st.sampled_from(token_bytes)) * draw(st.sampled_from((1, 1, 3, 50)))
        elif op == "delete":
            del data[at:end]
        elif op == "duplicate":
            data[at:at] = data[at:end] * draw(st.integers(1, 40))
        elif op == "splice":
            other = draw(st.sampled_from(seeds))
            k = draw(st.integers(0, len(other)))
            data[at:end] = other[k : k + draw(st.integers(0, 400))]
        elif op == "insert-bytes":
            data[at:at] = draw(st.binary(min_size=1, max_size=12))
        elif op == "flip" and n:
            data[min(at, n - 1)] = draw(st.integers(0, 255))
        elif op == "swap-lines":
            lines = bytes(data).split(b"\n")
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            data = bytearray(b"\n".join(lines))
        elif op == "indent":
            lines = bytes(data).split(b"\n")
            i = draw(st.integers(0, len(lines) - 1))
            count = draw(st.integers(1, len(lines) - i))
            pad = draw(st.sampled_from((b" ", b"    ", b"\t", b"  \t")))
            for k in range(i, i + count):
                lines[k] = pad + lines[k]
            data = bytearray(b"\n".join(lines))
        elif op == "cut":
            del data[at:]
    return bytes(data)


@st.composite
def mutated_text(
    draw: st.DrawFn, seeds: Sequence[str], tokens: Sequence[str], max_mutations: int = 6
) -> str:
    """A text seed with token-level mutations (for rules and configuration)."""
    text = draw(st.sampled_from(seeds))
    for _ in range(draw(st.integers(0, max_mutations))):
        n = len(text)
        at = draw(st.integers(0, n))
        end = min(n, at + draw(st.sampled_from((1, 3, 12, 80))))
        op = draw(st.sampled_from(("insert", "delete", "replace", "duplicate", "swap-lines")))
        if op == "insert":
            text = text[:at] + draw(st.sampled_from(tokens)) + text[at:]
        elif op == "delete":
            text = text[:at] + text[end:]
        elif op == "replace":
            filler = (
                draw(st.sampled_from(tokens)) if draw(st.booleans()) else draw(st.text(max_size=6))
            )
            text = text[:at] + filler + text[end:]
        elif op == "duplicate":
            text = text[:at] + text[at:end] * draw(st.integers(1, 5)) + text[at:]
        else:
            lines = text.split("\n")
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
    return text


# -- paths ----------------------------------------------------------------------------


@st.composite
def source_paths(draw: st.DrawFn, extensions: Sequence[str]) -> str:
    """A workspace-relative path with one of `extensions`, of the kinds real trees hold."""
    folder = draw(
        st.sampled_from(
            (
                "",
                "pkg/",
                "src/app/",
                "a/b/c/d/e/f/g/h/",
                "é/漢字/",
                "with space/",
                "dots.in.name/",
                "#hash/",
                "-dash/",
                "__pycache__x/",
                "😀/",
            )
        )
    )
    stem = draw(st.sampled_from(("mod", "__init__", "index", "a.b", "x y", "é", "MOD", "_", "1")))
    ext = draw(st.sampled_from(extensions))
    upper = draw(st.booleans())
    return f"{folder}{stem}{ext.upper() if upper else ext}"


# -- generated JavaScript / TypeScript ------------------------------------------------

_IDENT = st.sampled_from(
    (
        "a",
        "b",
        "x",
        "Foo",
        "Bar",
        "_p",
        "$",
        "$el",
        "é",
        "constructor",
        "default",
        "async",
        "get",
        "set",
        "of",
        "require",
        "exports",
        "module",
        "this",
        "Symbol",
    )
)
_MEMBER_NAME = st.one_of(
    _IDENT,
    st.sampled_from(
        (
            "'quoted'",
            '"a.b"',
            "'a->b'",
            "[Symbol.iterator]",
            "[a.b.c]",
            "[`t${x}`]",
            "#priv",
            "42",
            "'%2E'",
            "[a-->b]",
        )
    ),
)


_REQUIRED = st.sampled_from(('"./a"', "'x'", "x", "`t`", "'a.b->c'"))
_IMPORT_CLAUSE = st.sampled_from(("x", "{ a, b as c }", "* as ns", "def, { a }", "{ 'q' as r }"))
_SPECIFIER = st.sampled_from(('"./m"', "'../n.js'", "'pkg'", "'a->b'", "'./x.y'"))
_EXPORT_CLAUSE = st.sampled_from(
    ("{ a, b as c }", '* from "./m"', '* as ns from "./m"', "default a", '{ a as "s.t" }')
)


def _join(parts: list[str], sep: str = ", ") -> str:
    return sep.join(parts)


@st.composite
def _expression(draw: st.DrawFn, depth: int = 0) -> str:
    leaf = st.one_of(
        _IDENT,
        st.sampled_from(("1", "0x1f", "1n", "'s'", '"d"', "`t`", "null", "undefined", "/re/g")),
    )
    if depth >= 3 or draw(st.integers(0, 3)) == 0:
        return draw(leaf)
    sub = _expression(depth + 1)
    kind = draw(st.integers(0, 11))
    if kind == 0:
        return f"{draw(sub)}({_join(draw(st.lists(sub, max_size=3)))})"
    if kind == 1:
        return f"new {draw(_IDENT)}({_join(draw(st.lists(sub, max_size=2)))})"
    if kind == 2:
        return f"{draw(sub)}.{draw(_IDENT)}"
    if kind == 3:
        if draw(st.booleans()):
            return f"{draw(_IDENT)} => {draw(sub)}"
        return f"({_join(draw(st.lists(_IDENT, max_size=3)))}) => {draw(sub)}"
    if kind == 4:
        return f"function {draw(_IDENT)}() {{ return {draw(sub)}; }}"
    if kind == 5:
        return f"`${{{draw(sub)}}}`"
    if kind == 6:
        return f"{draw(sub)} {draw(st.sampled_from(('+', '??', '&&', '-->', '>>>', 'instanceof')))} {draw(sub)}"
    if kind == 7:
        return f"require({draw(_REQUIRED)})"
    if kind == 8:
        return f"{{ {draw(_MEMBER_NAME)}: {draw(sub)}, {draw(_IDENT)} }}"
    if kind == 9:
        return f"[{_join(draw(st.lists(sub, max_size=3)))}]"
    if kind == 10:
        return f"await {draw(sub)}"
    return f"{draw(sub)}?.[{draw(sub)}]"


@st.composite
def _class_body(draw: st.DrawFn, depth: int) -> str:
    members = []
    for _ in range(draw(st.integers(0, 4))):
        mods = draw(
            st.sampled_from(("", "static ", "async ", "get ", "set ", "*", "static async "))
        )
        name = draw(_MEMBER_NAME)
        kind = draw(st.integers(0, 2))
        if kind == 0:
            params = _join(draw(st.lists(_IDENT, max_size=3)))
            body = draw(_block(depth + 1))
            members.append(f"{mods}{name}({params}) {body}")
        elif kind == 1:
            members.append(f"{name} = {draw(_expression(depth + 1))};")
        else:
            members.append(f"{name} = ({draw(_IDENT)}) => {draw(_expression(depth + 1))};")
    return "{\n" + "\n".join(members) + "\n}"


@st.composite
def _statement(draw: st.DrawFn, depth: int = 0) -> str:
    kind = draw(st.integers(0, 13 if depth < 3 else 4))
    if kind == 0:
        return f"{draw(_expression(depth))};"
    if kind == 1:
        decl = draw(st.sampled_from(("const", "let", "var")))
        target = draw(st.one_of(_IDENT, st.just("{ a, b: c }"), st.just("[x, ...y]")))
        return f"{decl} {target} = {draw(_expression(depth))};"
    if kind == 2:
        return f"import {draw(_IMPORT_CLAUSE)} from {draw(_SPECIFIER)};"
    if kind == 3:
        return f"export {draw(_EXPORT_CLAUSE)};"
    if kind == 4:
        return f"{draw(st.sampled_from(('module.exports', 'exports.x', 'module.exports.y', 'this.z')))} = {draw(_expression(depth))};"
    if kind == 5:
        name = draw(_IDENT)
        params = _join(draw(st.lists(_IDENT, max_size=3)))
        prefix = draw(st.sampled_from(("", "async ", "export ", "export default ")))
        return f"{prefix}function {name}({params}) {draw(_block(depth + 1))}"
    if kind == 6:
        heritage = draw(
            st.sampled_from(("", " extends Base", " extends a.b.C", " extends mix(A, B)"))
        )
        prefix = draw(st.sampled_from(("", "export ", "export default ", "@dec ")))
        return f"{prefix}class {draw(_IDENT)}{heritage} {draw(_class_body(depth + 1))}"
    if kind == 7:
        return f"if ({draw(_expression(depth))}) {draw(_block(depth + 1))} else {draw(_block(depth + 1))}"
    if kind == 8:
        if draw(st.booleans()):
            # Assignments in the header bind names too (`j = i`).
            header = f"let {draw(_IDENT)} = 0; {draw(_IDENT)} = {draw(_expression(depth))}; {draw(_IDENT)} = 1"
            return f"for ({header}) {draw(_block(depth + 1))}"
        return f"for (const {draw(_IDENT)} of {draw(_expression(depth))}) {draw(_block(depth + 1))}"
    if kind == 9:
        return f"try {draw(_block(depth + 1))} catch ({draw(_IDENT)}) {draw(_block(depth + 1))}"
    if kind == 10:
        return (
            f"interface {draw(_IDENT)} extends {draw(_IDENT)} {{ {draw(_MEMBER_NAME)}: string; }}"
        )
    if kind == 11:
        return f"type {draw(_IDENT)}<T> = {{ [k: string]: T }} | {draw(_IDENT)};"
    if kind == 12:
        return f"enum {draw(_IDENT)} {{ A = 1, B = 'b', {draw(_MEMBER_NAME)} }}"
    return f"const {draw(_IDENT)} = <div a={{{draw(_expression(depth))}}}>{{x}}</div>;"


@st.composite
def _block(draw: st.DrawFn, depth: int) -> str:
    return "{\n" + "\n".join(draw(st.lists(_statement(depth), max_size=3))) + "\n}"


@st.composite
def javascript_programs(draw: st.DrawFn) -> str:
    """A JavaScript/TypeScript-like program: plausible syntax, not always valid."""
    return "\n".join(draw(st.lists(_statement(), min_size=1, max_size=12))) + "\n"
