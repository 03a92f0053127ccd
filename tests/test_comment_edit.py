"""An edit of spaces and a trailing comment carries the file's last analysis over.

`languages/comment_edit.py` decides that an edit is only that and moves the
ends of the nodes that reach the comment; the in-process front end
(`indexer._RecentAnalyses`) then skips analysing the file again. Held to a
fresh analysis of the edited text: hand-written edits of each kind, edits
that must be refused, and comments of a real corpus (Flask, fetched by
benchmarks/fetch_corpora.sh), added, edited and removed.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from graphwarden.analysis.indexer import AnalysisPool, encode_analysis
from graphwarden.analysis.languages import analyse_bytes, language_of
from graphwarden.analysis.languages.comment_edit import carried_over, comment_edit
from graphwarden.analysis.model import FileAnalysis
from graphwarden.analysis.store import FileRecord
from tests.test_determinism import _corpus

PY = (
    "import os\n"
    "\n"
    "\n"
    "class Store:  # the store\n"
    "    def get(self, key):\n"
    "        path = os.path.join('/data', key)  # joined\n"
    "        return open(path).read()\n"
    "\n"
    "    # a note on its own line\n"
    "    def put(self, key, value):\n"
    "        if key:  # only named keys\n"
    "            self.items[key] = value\n"
    "        return value\n"
    "\n"
    "\n"
    "def helper(x):\n"
    "    return x + 1  # é\n"
)

TS = (
    "import { join } from 'path';\n"
    "\n"
    "export class Store {\n"
    "  get(key: string): string {\n"
    "    const path = join('/data', key); // joined\n"
    "    return path;\n"
    "  }\n"
    "}\n"
    "\n"
    "export function helper(x: number): number {\n"
    "  return x + 1;\n"
    "}\n"
    "// the end\n"
)


JS_CALLBACKS = (
    "const app = require('express')();\n"
    "app.get('/rows', async (req, res) => {\n"
    "  const rows = await db.all('SELECT 1');\n"
    "  res.send(rows);\n"
    "});\n"
    "module.exports = {\n"
    "  strategy: new Strategy(function (name, done) {\n"
    "    const user = find(name);\n"
    "    return done(null, user);\n"
    "  }),\n"
    "};\n"
    "const work = async (job) => {\n"
    "  log(job);\n"
    "  return run(job); // runs\n"
    "};\n"
)


def _encoded(analysis: FileAnalysis) -> tuple[object, ...]:
    record = FileRecord(
        analysis.file,
        "",
        0,
        0,
        analysis.language,
        analysis.parse_errors,
        analysis.skipped_reason,
        analysis.suppressions,
    )
    enc = encode_analysis(analysis, record)
    return enc.node_rows, enc.edge_rows, enc.summary, analysis.suppressions


def _carried(path: str, old: str, new: str) -> bool:
    """Whether the edit was carried over; when it was, it must equal a fresh analysis."""
    before, after = old.encode(), new.encode()
    language = language_of(path)
    assert language is not None
    edit = comment_edit(path, language, before, after)
    if edit is None:
        return False
    fast = carried_over(analyse_bytes(path, before), edit)
    assert _encoded(fast) == _encoded(analyse_bytes(path, after)), (old, new)
    return True


def _replace_line(text: str, line: int, new: str) -> str:
    lines = text.split("\n")
    lines[line] = new
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("path", "text", "line", "edited"),
    [
        # a comment added after the last statement of a method (which it then ends)
        ("pkg/store.py", PY, 6, "        return open(path).read()  # read it"),
        ("pkg/store.py", PY, 6, "        return open(path).read() #"),
        # a trailing comment edited, shortened, removed; spaces added before it
        ("pkg/store.py", PY, 5, "        path = os.path.join('/data', key)  # joined here"),
        ("pkg/store.py", PY, 5, "        path = os.path.join('/data', key)  # join"),
        ("pkg/store.py", PY, 5, "        path = os.path.join('/data', key)"),
        ("pkg/store.py", PY, 5, "        path = os.path.join('/data', key)     # joined"),
        # after a compound statement's colon, on a class line, on its own line
        ("pkg/store.py", PY, 10, "        if key:  # only keys with a name"),
        ("pkg/store.py", PY, 3, "class Store:  # the store of things"),
        ("pkg/store.py", PY, 8, "    # a longer note on its own line"),
        # the file's last line, with a wide character
        ("pkg/store.py", PY, 16, "    return x + 1  # éé→"),
        ("pkg/store.py", PY, 16, "    return x + 1"),
        # spaces at a line's end
        ("pkg/store.py", PY, 12, "        return value   "),
        ("pkg/store.ts", TS, 4, "    const path = join('/data', key); // joined here"),
        ("pkg/store.ts", TS, 5, "    return path; // the path"),
        ("pkg/store.ts", TS, 11, "} // helper"),
        ("pkg/store.ts", TS, 12, "// the very end"),
        # in a callback's body: handed to a call, kept in an object, bound to a name
        ("app.js", JS_CALLBACKS, 3, "  res.send(rows); // sent"),
        ("app.js", JS_CALLBACKS, 8, "    return done(null, user); // found"),
        ("app.js", JS_CALLBACKS, 13, "  return run(job); // ran it"),
        ("app.js", JS_CALLBACKS, 13, "  return run(job);"),
    ],
)
def test_an_edit_of_a_trailing_comment_is_carried_over_as_a_fresh_analysis_makes_it(
    path: str, text: str, line: int, edited: str
) -> None:
    assert _carried(path, text, _replace_line(text, line, edited))


@pytest.mark.parametrize(
    ("path", "text", "line", "edited", "why"),
    [
        ("pkg/store.py", PY, 6, "        return open(path).read(1)", "code changed"),
        (
            "pkg/store.py",
            PY,
            6,
            "        return open(path).read()  # graphwarden: ignore[x]",
            "a suppression",
        ),
        (
            "pkg/store.py",
            PY,
            5,
            "        path = os.path.join('/data', key)  # graphwarden-ignore x",
            "a suppression",
        ),
        ("pkg/store.py", PY, 0, "import os  # -*- coding: latin-1 -*-", "an encoding line"),
        ("pkg/store.py", PY, 13, "# a comment on a line with no code", "a body may end here"),
        (
            "pkg/store.py",
            PY,
            5,
            "        path = os.path.join('/data',  # where\n key)",
            "a line break",
        ),
        ("pkg/store.ts", TS, 5, "    return path; /** @type {number} */", "JSDoc"),
        ("pkg/store.ts", TS, 5, "    return path; /* x */", "a block comment"),
        (
            "pkg/store.ts",
            TS,
            4,
            "    const path = join('/data', key); // joined\u2028x",
            "a line separator",
        ),
    ],
)
def test_an_edit_that_may_be_more_than_a_comment_is_analysed_afresh(
    path: str, text: str, line: int, edited: str, why: str
) -> None:
    assert not _carried(path, text, _replace_line(text, line, edited)), why


def test_a_comment_inside_a_call_or_a_parameter_list_is_analysed_afresh() -> None:
    """Texts a record keeps as written (a signature, a call's callee) hold such a comment:
    between a call's arguments, in a parameter list, in a callback inside a callee."""
    text = "def f(a,  # first\n      b):\n    return g(a,  # one\n             b)\n"
    edited = text.replace("# first", "# the first").encode()
    assert comment_edit("m.py", "python", text.encode(), edited) is None
    edited = text.replace("# one", "# the one").encode()
    assert comment_edit("m.py", "python", text.encode(), edited) is None
    js = "load().then((rows) => {\n  show(rows); // shown\n}).catch((e) => e);\n"
    edited_js = js.replace("// shown", "// shown here").encode()
    assert comment_edit("a.js", "javascript", js.encode(), edited_js) is None


def test_the_in_process_front_end_reuses_the_analysis_and_makes_the_same_records(
    tmp_path: Path,
) -> None:
    """Through the pool a cycle uses: a comment edit, then a code edit, then the comment
    again; each result is byte for byte what a fresh analysis gives."""
    pool = AnalysisPool(workers=1)
    texts = [
        PY,
        _replace_line(PY, 6, "        return open(path).read()  # read"),
        _replace_line(PY, 6, "        return open(path).read(1)  # read"),
        _replace_line(PY, 6, "        return open(path).read(1)  # read it"),
        _replace_line(PY, 6, "        return open(path).read(1)"),
    ]
    for text in texts:
        (result,) = pool.analyse(tmp_path, ["pkg/store.py"], {"pkg/store.py": text.encode()})
        fresh = analyse_bytes("pkg/store.py", text.encode())
        assert (result.node_rows, result.edge_rows, result.summary) == _encoded(fresh)[:3]
        assert result.record.content_hash != ""
    pool.close()


@pytest.mark.slow(seconds=30)
@pytest.mark.parametrize(
    ("corpus", "pattern", "marker", "share"),
    [("flask", "*.py", "#", 2), ("rxjs", "*.ts", "//", 3)],
)
def test_comments_of_a_real_corpus_added_edited_and_removed(
    corpus: str, pattern: str, marker: str, share: int
) -> None:
    """Every Python file of Flask, every TypeScript file of rxjs (callbacks: operators
    are functions returning functions): comments edited in the middle and at the end,
    removed, and added at the end of code lines; each carried-over analysis must be
    a fresh one's, and most such edits must be carried over."""
    root = _corpus(corpus)
    rng = random.Random(7)
    carried = tried = 0
    for path in sorted(root.rglob(pattern)):
        rel = path.relative_to(root).as_posix()
        text = path.read_text(encoding="utf-8")
        if analyse_bytes(rel, text.encode()).parse_errors:
            continue
        lines = text.split("\n")
        picks = rng.sample(range(len(lines)), min(4 if marker == "#" else 2, len(lines)))
        for i in picks:
            line = lines[i]
            if not line.strip():
                continue
            variants = [line + f"  {marker} added", line + "   "]
            if marker in line:
                variants += [line + " more", line[:-1], line[: line.index(marker)].rstrip()]
            for variant in variants:
                tried += 1
                carried += _carried(rel, text, _replace_line(text, i, variant))
    assert tried > 300
    # Most lines are code at statement level (in rxjs, a third: the rest are types
    # and expressions over several lines): a positive signal that the comparison
    # above ran on many carried-over analyses.
    assert carried > tried // share, (carried, tried)
