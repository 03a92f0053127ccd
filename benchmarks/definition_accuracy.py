"""Go-to-definition accuracy against a reference language server, per construct.

Positions are sampled (seeded) from each corpus with tree-sitter alone, so
the sample does not depend on what graphwarden's front ends make of the
code: the name of a method call (`obj.m()`), of another call (`f()`,
`new C()`), an imported name (`from m import x`, `import {x}`,
`const {x} = require(...)`), and a base class. A reference server
(typescript-language-server for JS/TS, basedpyright for Python: see
reference_lsp.py, installed from the registries into a cache folder)
answers definition at each; `--record` writes those answers to
``benchmarks/reference/{corpus}.json``, and every later run compares
graphwarden with the recorded answers without the reference server.

    python benchmarks/definition_accuracy.py --record [--only rxjs]   # ask the reference
    python benchmarks/definition_accuracy.py [--only django,rxjs]     # compare (JSON out)

Scoring, per construct: **recall** = positions where graphwarden's answer
includes a reference location / positions where the reference answers
inside the workspace; **precision** = positions where graphwarden answers
and one of its answers is a reference location / positions where
graphwarden answers anything (a reference answering nothing or only outside
the workspace makes any graphwarden answer wrong). Not counted as answers:
an import binding answered by itself, and the import statement graphwarden
answers for a name imported from outside the workspace where the reference
answers outside it too (no workspace definition either way). A location matches when it is in the same file on
the same line, or when the reference stops short of what graphwarden
follows: a TypeScript overload signature of the same name above the
implementation, a CommonJS `module.exports.X = X` line for X, a module's
first lines for the module (`_matches`). Only files of the reference's
language are sampled (Django ships jQuery). Also reported: CALL nodes
resolved to a workspace definition, definition latency in the library
(p50/p99 of `definitions_at` on a file whose nodes are decoded, and p99 of
the first request on each file at a revision, which decodes them), and the
method calls still unresolved, counted by the shape of their receiver.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import tree_sitter as ts

CORPORA = Path.home() / ".cache" / "graphwarden-corpora"
REFERENCE_DIR = Path(__file__).resolve().parent / "reference"
SEED = 12
#: Positions sampled per construct and corpus (before the reference filters them).
SAMPLES = {"method call": 240, "other call": 110, "imported name": 90, "base class": 40}
LinesOf = Callable[[str], list[str]]


@dataclass(frozen=True)
class Corpus:
    name: str
    #: Folder under the corpora root the reference server opens.
    folder: str
    #: Subfolder graphwarden indexes ("" = the folder itself).
    index: str
    #: Positions are sampled from files under this prefix (relative to `folder`).
    sample: str
    language: str  # "python" | "js"
    #: Files whose path contains this are not sampled (test suites calling a test library).
    skip: str = "\0"


CORPUS_TABLE = {
    c.name: c
    for c in (
        Corpus("django", "django", "", "django/", "python"),
        Corpus("httpx", "httpx", "", "httpx/", "python"),
        Corpus("webpack", "webpack", "lib", "lib/", "js"),
        Corpus("rxjs", "rxjs", "src", "src/", "js"),
        Corpus("query-core", "query-core", "src", "src/", "js", skip="__tests__"),
    )
}

# -- sampling (tree-sitter only) --------------------------------------------------------

_PY_QUERY = """
(call function: (attribute attribute: (identifier) @method_call))
(call function: (identifier) @other_call)
(import_from_statement name: (dotted_name . (identifier) @imported_name .))
(import_from_statement name: (aliased_import name: (dotted_name . (identifier) @imported_name .)))
(class_definition superclasses: (argument_list (identifier) @base_class))
(class_definition superclasses: (argument_list (attribute attribute: (identifier) @base_class)))
"""
_JS_QUERY = """
(call_expression function: (member_expression property: (property_identifier) @method_call))
(call_expression function: (identifier) @other_call)
(new_expression constructor: (identifier) @other_call)
(import_specifier name: (identifier) @imported_name)
(import_clause (identifier) @imported_name)
(variable_declarator
  name: (object_pattern (shorthand_property_identifier_pattern) @imported_name)
  value: (call_expression function: (identifier) @_req))
(variable_declarator name: (identifier) @imported_name value: (call_expression function: (identifier) @_req))
"""
_JS_BASES = """
(class_heritage (identifier) @base_class)
(class_heritage (member_expression property: (property_identifier) @base_class))
"""
_TS_BASES = """
(extends_clause value: (identifier) @base_class)
(extends_clause value: (member_expression property: (property_identifier) @base_class))
"""
_CONSTRUCTS = {
    "method_call": "method call",
    "other_call": "other call",
    "imported_name": "imported name",
    "base_class": "base class",
}
_SKIP_CALLS = {"require", "super", "import"}


def _query(path: str) -> tuple[ts.Language, ts.Query]:
    from graphwarden.analysis.languages import javascript, python

    if path.endswith(".py"):
        key, lang, text = "python", python.LANGUAGE, _PY_QUERY
    else:
        key = javascript.dialect_for(path)
        lang = javascript.DIALECTS[key]
        text = _JS_QUERY + (_JS_BASES if key == "javascript" else _TS_BASES)
    if key not in _QUERIES:
        _QUERIES[key] = (lang, ts.Query(lang, text))
    return _QUERIES[key]


_QUERIES: dict[str, tuple[ts.Language, ts.Query]] = {}


def _source_files(corpus: Corpus, root: Path) -> list[str]:
    from graphwarden.analysis.discovery import discover

    index_root = root / corpus.index if corpus.index else root
    prefix = f"{corpus.index}/" if corpus.index else ""
    files = [prefix + f for f in discover(index_root).files]
    return sorted(
        f
        for f in files
        if f.startswith(corpus.sample) and corpus.skip not in f and _in_language(corpus, f)
    )


def _in_language(corpus: Corpus, file: str) -> bool:
    """Whether the reference server of `corpus` reads `file` (Django ships jQuery)."""
    return file.endswith((".py", ".pyi")) == (corpus.language == "python")


def sample_positions(corpus: Corpus, root: Path) -> list[tuple[str, int, int, str, str]]:
    """(file, line, code-point column, construct, word), seeded, per-construct quotas."""
    found: dict[str, list[tuple[str, int, int, str, str]]] = {c: [] for c in SAMPLES}
    for rel in _source_files(corpus, root):
        data = (root / rel).read_bytes()
        if len(data) > 400_000:
            continue
        lang, query = _query(rel)
        tree = ts.Parser(lang).parse(data)
        lines = data.decode("utf-8", errors="replace").split("\n")
        for capture, nodes in ts.QueryCursor(query).captures(tree.root_node).items():
            construct = _CONSTRUCTS.get(capture)
            if construct is None:
                continue
            for node in nodes:
                word = node.text.decode("utf-8", errors="replace") if node.text else ""
                if construct == "other call" and word in _SKIP_CALLS:
                    continue
                if construct == "imported name" and node.parent is not None:
                    decl = node.parent
                    if decl.type == "object_pattern":
                        decl = decl.parent
                    if decl is not None and decl.type == "variable_declarator":
                        value = decl.child_by_field_name("value")
                        fn = value.child_by_field_name("function") if value else None
                        if fn is None or fn.text != b"require":
                            continue
                line, byte_col = node.start_point
                text = lines[line] if line < len(lines) else ""
                col = len(text.encode()[:byte_col].decode("utf-8", errors="replace"))
                found[construct].append((rel, line, col, construct, word))
    rng = random.Random(f"{SEED}:{corpus.name}")
    out = []
    for construct, quota in SAMPLES.items():
        items = sorted(set(found[construct]))
        rng.shuffle(items)
        out += sorted(items[:quota])
    return out


# -- recording the reference ------------------------------------------------------------


def _utf16(text: str, col: int) -> int:
    return len(text[:col].encode("utf-16-le")) // 2


def _from_utf16(text: str, col16: int) -> int:
    units = 0
    for i, ch in enumerate(text):
        if units >= col16:
            return i
        units += 2 if ord(ch) > 0xFFFF else 1
    return len(text)


def record(corpus: Corpus, root: Path) -> dict[str, object]:
    from reference_lsp import LspClient, ensure_basedpyright, ensure_typescript

    spec = ensure_basedpyright() if corpus.language == "python" else ensure_typescript()
    positions = sample_positions(corpus, root)
    client = LspClient(spec, root)
    client.initialize()
    rows: list[list[object]] = []
    by_file: dict[str, list[tuple[str, int, int, str, str]]] = {}
    for p in positions:
        by_file.setdefault(p[0], []).append(p)
    resolved_root = str(root.resolve())
    try:
        for rel, items in sorted(by_file.items()):
            path = root / rel
            lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
            client.open(path)
            # The first file waits for the whole project to load.
            client.wait_checked(path, timeout=600 if not rows else 120)
            for _, line, col, construct, word in items:
                answers = client.definition(path, line, _utf16(lines[line], col))
                inside: list[list[object]] = []
                outside = 0
                for target, tline, tcol16 in answers:
                    real = str(Path(target).resolve())
                    if real.startswith(resolved_root + "/"):
                        trel = real[len(resolved_root) + 1 :]
                        ttext = (root / trel).read_text(encoding="utf-8", errors="replace")
                        tlines = ttext.split("\n")
                        tcol = _from_utf16(tlines[tline] if tline < len(tlines) else "", tcol16)
                        inside.append([trel, tline, tcol])
                    else:
                        outside += 1
                rows.append([rel, line, col, construct, word, sorted(inside), outside])
            client.close(path)
    finally:
        client.shutdown()
    data = {"corpus": corpus.name, "server": spec.name, "seed": SEED, "positions": rows}
    REFERENCE_DIR.mkdir(exist_ok=True)
    out = REFERENCE_DIR / f"{corpus.name}.json"
    # One position per line: compact, and a re-record diffs line by line.
    body = ",\n".join(json.dumps(r, separators=(",", ":")) for r in rows)
    header = json.dumps({k: v for k, v in data.items() if k != "positions"})[:-1]
    out.write_text(f'{header}, "positions": [\n{body}\n]}}\n')
    return {"corpus": corpus.name, "positions": len(rows), "file": str(out)}


# -- comparing graphwarden with the recorded answers ------------------------------------


def _receiver_shape(line_text: str, col: int) -> str:
    """The shape of a method call's receiver, for the unresolved list."""
    before = line_text[:col].rstrip()
    if before.endswith("?."):
        before = before[:-2]
    elif before.endswith("."):
        before = before[:-1]
    expr = ""
    depth = 0
    for ch in reversed(before):
        if ch in ")]":
            depth += 1
        elif ch in "([":
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and not (ch.isalnum() or ch in "_$.#?"):
            break
        expr = ch + expr
    expr = expr.replace("?.", ".")
    if not expr:
        return "receiver on an earlier line"
    if expr.endswith(")"):
        return "call result: f().m()"
    if expr.endswith("]"):
        return "subscript: a[i].m()"
    parts = expr.split(".")
    head = parts[0]
    if head in ("self", "this", "cls"):
        return (
            "self/this"
            if len(parts) == 1
            else ("self.x/this.x" if len(parts) == 2 else "self.x.y...")
        )
    if head in ("super()", "super"):
        return "super"
    return "name" if len(parts) == 1 else ("name.x" if len(parts) == 2 else "name.x.y...")


def _matches(
    ours: list[tuple[str, int, str, int]], theirs: list[list[object]], lines_of: LinesOf
) -> bool:
    """Whether one of graphwarden's answers (file, line, name, container start line) is
    one of the reference's locations: the same line; an overload signature of the
    same name above it in the same class or module; a CommonJS export of it
    (`module.exports.X = X`, `module.exports = X`: the reference stops at the
    export, graphwarden follows it to X); or, for a whole module answered (its
    MODULE node, line 0), the reference's answer in that file's first lines."""
    for file, line, name, container in ours:
        for tfile, tline, tcol in theirs:
            if tfile != file or not isinstance(tline, int) or not isinstance(tcol, int):
                continue
            if tline == line:
                return True
            text = lines_of(tfile)[tline] if tline < len(lines_of(tfile)) else ""
            if container <= tline < line and text[tcol : tcol + len(name)] == name:
                return True
            export = _CJS_EXPORT.match(text.strip())
            if export is not None and export.group(1) == name:
                return True
            if line == 0 and container == 0 and name == _module_name(file) and tline < 10:
                return True
    return False


_CJS_EXPORT = re.compile(r"(?:module\.)?exports(?:\.[\w$]+)?\s*=\s*([\w$]+)\s*;?\Z")


def _module_name(file: str) -> str:
    stem = file.rsplit("/", 1)[-1]
    return stem.rsplit(".", 1)[0]


def compare(corpus: Corpus, root: Path, workers: int | None) -> dict[str, object]:
    from graphwarden.analysis.model import EdgeType, NodeType
    from graphwarden.analysis.navigation import container_of, definitions_at, selection
    from graphwarden.analysis.orchestrator import Orchestrator

    ref = json.loads((REFERENCE_DIR / f"{corpus.name}.json").read_text())
    index_root = root / corpus.index if corpus.index else root
    prefix = f"{corpus.index}/" if corpus.index else ""
    cache: dict[str, list[str]] = {}

    def lines_of(rel: str) -> list[str]:
        if rel not in cache:
            cache[rel] = (root / rel).read_text(encoding="utf-8", errors="replace").split("\n")
        return cache[rel]

    per: dict[str, Counter[str]] = {c: Counter() for c in SAMPLES}
    unresolved: Counter[str] = Counter()
    wrong: list[list[object]] = []
    missed: list[list[object]] = []
    timings: list[float] = []
    first: list[float] = []
    cpu: list[float] = []
    with tempfile.TemporaryDirectory(prefix="gw-accuracy-") as store:
        orch = Orchestrator(index_root, store_path=store, workers=workers)
        try:
            stats = orch.index_repository()
            with orch.snapshot() as snap:
                calls = resolved_calls = typed_calls = 0
                for call in snap.nodes_of_type(NodeType.CALL):
                    calls += 1
                    out = [
                        e
                        for e in snap.edges_out(call.id, EdgeType.CALLS)
                        if not e.dst.startswith("EXTERNAL_MODULE->")
                    ]
                    if out:
                        resolved_calls += 1
                        if any((e.attrs or {}).get("via") for e in out):
                            typed_calls += 1
                for rel, line, col, construct, word, theirs, _outside in ref["positions"]:
                    if not rel.startswith(prefix) or not _in_language(corpus, rel):
                        continue
                    text = lines_of(rel)[line]
                    t0 = time.perf_counter()
                    nodes = definitions_at(snap, rel[len(prefix) :], line, col, text)
                    first.append(time.perf_counter() - t0)
                    # Again, as every request after the first on a file at one
                    # revision: its nodes are decoded once per revision.
                    t0, c0 = time.perf_counter(), time.process_time()
                    definitions_at(snap, rel[len(prefix) :], line, col, text)
                    timings.append(time.perf_counter() - t0)
                    # CPU time too: on a shared machine the wall time's tail
                    # is other processes' (both are reported).
                    cpu.append(time.process_time() - c0)
                    ours = []
                    for n in nodes:
                        if not n.file or (prefix + n.file == rel and selection(n)[0] == line):
                            continue  # an import answered by itself: not resolved
                        if (
                            not theirs
                            and n.type == NodeType.IMPORT
                            and not snap.edges_out(n.id, EdgeType.IMPORTS_FROM)
                        ):
                            # The import statement of a name from outside the
                            # workspace, where the reference leaves the workspace.
                            continue
                        parent = container_of(snap, n)
                        start = parent.range[0] if parent is not None else 0
                        ours.append((prefix + n.file, selection(n)[0], n.name, start))
                    c = per[construct]
                    if theirs:
                        c["reference"] += 1
                    if ours:
                        c["answered"] += 1
                    ok = bool(ours) and _matches(ours, theirs, lines_of)
                    if ok:
                        c["right"] += 1
                    elif ours:
                        wrong.append([rel, line + 1, word, ours[0][0], ours[0][1] + 1, theirs])
                    if theirs and not ok:
                        if construct == "method call":
                            unresolved[_receiver_shape(text, col)] += 1
                        missed.append([rel, line + 1, construct, word])
        finally:
            orch.close()
    rows = {}
    total: Counter[str] = Counter()
    for construct, c in per.items():
        total.update(c)
        rows[construct] = _rates(c)
    timings.sort()
    first.sort()
    cpu.sort()
    return {
        "corpus": corpus.name,
        "server": ref["server"],
        "files": stats.files,
        "index_seconds": round(stats.seconds, 2),
        "enricher_errors": len(stats.enricher_errors),
        "all": _rates(total),
        "by_construct": rows,
        "calls": calls,
        "calls_resolved_to_workspace": resolved_calls,
        "call_resolution_rate": round(resolved_calls / calls, 3) if calls else None,
        "calls_resolved_through_types": typed_calls,
        "definition_ms_p50": round(statistics.median(timings) * 1000, 2) if timings else None,
        "definition_ms_p99": round(timings[int(len(timings) * 0.99) - 1] * 1000, 2)
        if timings
        else None,
        "first_request_on_file_ms_p99": round(first[int(len(first) * 0.99) - 1] * 1000, 2)
        if first
        else None,
        "definition_cpu_ms_p99": round(cpu[int(len(cpu) * 0.99) - 1] * 1000, 2) if cpu else None,
        "unresolved_method_calls_by_receiver": dict(unresolved.most_common()),
        "wrong": wrong,
        "missed": missed,
    }


def _rates(c: Counter[str]) -> dict[str, object]:
    return {
        "reference": c["reference"],
        "answered": c["answered"],
        "right": c["right"],
        "recall": round(c["right"] / c["reference"], 3) if c["reference"] else None,
        "precision": round(c["right"] / c["answered"], 3) if c["answered"] else None,
    }


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpora", type=Path, default=CORPORA)
    ap.add_argument("--only", default="", help="comma-separated corpus names")
    ap.add_argument("--record", action="store_true", help="ask the reference server, write JSON")
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--details", action="store_true", help="keep the wrong and missed lists")
    args = ap.parse_args(argv)
    names = [n for n in args.only.split(",") if n] or list(CORPUS_TABLE)
    results = []
    for name in names:
        corpus = CORPUS_TABLE[name]
        root = args.corpora / corpus.folder
        if not root.is_dir():
            print(f"{name}: no corpus at {root} (benchmarks/fetch_corpora.sh)", file=sys.stderr)
            continue
        if args.record:
            results.append(record(corpus, root))
        else:
            r = compare(corpus, root, args.workers)
            if not args.details:
                r["wrong"] = r["wrong"][:20]
                r.pop("missed")
            results.append(r)
    print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
