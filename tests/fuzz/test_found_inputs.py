"""Inputs the fuzzers found, each pinned with its fixed outcome.

One test per finding, with the concrete input (shrunk by hypothesis, or
the smallest one that shows the same bug) and the outcome it has now.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from graphwarden.analysis.config import load_config, read_package_dirs
from graphwarden.analysis.discovery import FileFilter, discover
from graphwarden.analysis.guarantees.checker import GuaranteeChecker
from graphwarden.analysis.guarantees.datalog import DatalogError, parse_query
from graphwarden.analysis.languages import analyse_bytes, language_of
from graphwarden.analysis.model import EdgeType, NodeType, parse_id
from tests.fuzz.graph_checks import graph_problems
from tests.helpers import write_files

BIN = Path(sys.executable).parent

# -- front ends ---------------------------------------------------------------------


def test_computed_and_quoted_member_names_keep_their_owner_in_the_id() -> None:
    """Found by the JavaScript front-end fuzzer on webpack's `[Symbol.iterator]()`.

    The member's name went into its id path as written, so the dot inside
    `[Symbol.iterator]` made its owner `Set.[Symbol` (a class that does not
    exist: the workspace summary filed the method there), and `->` inside
    `'a->b'` split the ids of its parameters and calls at the wrong place.
    """
    source = (
        b"class Set {\n"
        b"  [Symbol.iterator]() { return helper(); }\n"
        b"  'a->b'(x) { return helper(x); }\n"
        b"  '100%'() {}\n"
        b"}\n"
        b'export { helper as "a.b" };\n'
    )
    fa = analyse_bytes("lib/set.js", source)
    ids = [n.id for n in fa.nodes]
    assert ids == [
        "lib/set.js->MODULE",
        "lib/set.js->CLASS->Set",
        "lib/set.js->METHOD->Set.[Symbol%2Eiterator]",
        "lib/set.js->CALL->Set.[Symbol%2Eiterator]->helper#0",
        "lib/set.js->METHOD->Set.'a-%3Eb'",
        "lib/set.js->PARAMETER->Set.'a-%3Eb'->x",
        "lib/set.js->CALL->Set.'a-%3Eb'->helper#0",
        "lib/set.js->METHOD->Set.'100%25'",
        'lib/set.js->EXPORT->"a%2Eb"',
    ]
    by_id = {n.id: n for n in fa.nodes}
    assert by_id["lib/set.js->METHOD->Set.[Symbol%2Eiterator]"].name == "[Symbol.iterator]"
    assert by_id["lib/set.js->METHOD->Set.[Symbol%2Eiterator]"].attrs["qualname"] == (
        "Set.[Symbol.iterator]"
    )
    assert parse_id("lib/set.js->METHOD->Set.[Symbol%2Eiterator]").owner_path == "Set"
    param = parse_id("lib/set.js->PARAMETER->Set.'a-%3Eb'->x")
    assert (param.kind, param.path, param.leaf) == (NodeType.PARAMETER, "Set.'a-%3Eb'", "x")
    assert parse_id('lib/set.js->EXPORT->"a%2Eb"').is_top_level
    assert graph_problems("lib/set.js", source) == []


def test_plain_names_keep_their_ids() -> None:
    """The escape touches only names no identifier can spell: ordinary ids are unchanged."""
    fa = analyse_bytes("pkg/m.py", b"class A:\n    def m(self, x):\n        f()\n")
    assert [n.id for n in fa.nodes] == [
        "pkg/m.py->MODULE",
        "pkg/m.py->CLASS->A",
        "pkg/m.py->METHOD->A.m",
        "pkg/m.py->PARAMETER->A.m->self",
        "pkg/m.py->PARAMETER->A.m->x",
        "pkg/m.py->CALL->A.m->f#0",
    ]


# -- paths ---------------------------------------------------------------------------


def _arrow_workspace(root: Path) -> Path:
    write_files(
        root,
        {
            "pkg/__init__.py": "",
            "pkg/a->b.py": "def f():\n    return g()\n\n\ndef g():\n    return 1\n",
            "odd->dir/m.py": "x = 1\n",
            "pkg/ok.py": "from pkg import helper\n\n\ndef run():\n    return helper.go()\n",
            "pkg/helper.py": "def go():\n    return 1\n",
        },
    )
    return root


def test_a_source_path_holding_the_id_separator_is_skipped_with_a_reason(tmp_path: Path) -> None:
    """Found by the LSP fuzzer's document URIs: a buffer named `a->b.py` broke every cycle.

    Every id of a file starts with its path and "->": `parse_id` took the
    module id of `pkg/a->b.py` apart as file "pkg/a", kind "b.py" and
    raised, so the calls enricher failed on the file in `graphwarden check`
    and the server's cycles failed while the buffer was open.
    """
    root = _arrow_workspace(tmp_path / "ws")
    found = discover(root)
    assert found.files == ["pkg/__init__.py", "pkg/helper.py", "pkg/ok.py"]
    assert found.skipped == {
        "odd->dir/m.py": "its path holds '->', which graph ids use to separate their parts",
        "pkg/a->b.py": "its path holds '->', which graph ids use to separate their parts",
    }
    assert FileFilter(root).reason("pkg/a->b.py") == (
        "its path holds '->', which graph ids use to separate their parts"
    )
    assert language_of("pkg/a->b.py") is None
    done = subprocess.run(
        [str(BIN / "graphwarden"), "check", str(root), "--no-color"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    # Nothing on stderr but the note that the workspace has no configuration.
    assert [line for line in done.stderr.splitlines() if "note: no configuration" not in line] == []
    assert "no violations" in done.stdout


def test_an_arrow_functions_bare_parameter_is_a_parameter() -> None:
    """Found by the front-end checks (graph_checks) on the repository's own vendored
    d3.min.js: `t => f(t)` made no PARAMETER node (the parameter is the arrow's
    `parameter` field, no list), while its data flow went from that parameter's id:
    an edge from a node that does not exist."""
    bare = analyse_bytes("m.js", b"const z = t => f(t);\n")
    listed = analyse_bytes("m.js", b"const z = (t) => f(t);\n")
    assert (
        [n.id for n in bare.nodes]
        == [n.id for n in listed.nodes]
        == [
            "m.js->MODULE",
            "m.js->FUNCTION->z",
            "m.js->PARAMETER->z->t",
            "m.js->CALL->z->f#0",
        ]
    )
    assert graph_problems("m.js", b"var a, z = async t => t;\n") == []


def test_an_untyped_this_attribute_gets_no_edge_to_a_missing_node() -> None:
    """Same finding: `this.coords = t` in a JavaScript method makes a VARIABLE node only
    when the value is typed (or the field declared), but its data flow always made an
    ASSIGNED_FROM edge from `A.coords`: an edge from a node that does not exist."""
    untyped = b"class A {\n  constructor(t) {\n    this.coords = t;\n  }\n}\n"
    fa = analyse_bytes("m.js", untyped)
    ids = {n.id for n in fa.nodes}
    assert "m.js->VARIABLE->A.coords" not in ids
    assert [e for e in fa.edges if e.src not in ids or e.dst not in ids] == []
    assert graph_problems("m.js", untyped) == []
    # Declared, it is a node, and the value still flows into it.
    declared = b"class A {\n  coords = 1;\n  constructor(t) {\n    this.coords = t;\n  }\n}\n"
    flows = [
        (e.src, e.dst)
        for e in analyse_bytes("m.js", declared).edges
        if e.type == EdgeType.ASSIGNED_FROM
    ]
    assert flows == [("m.js->VARIABLE->A.coords", "m.js->PARAMETER->A.constructor->t")]
    assert graph_problems("m.js", declared) == []


def test_a_walrus_in_an_elif_condition_is_a_local_of_that_clause() -> None:
    """Found by the Python front-end fuzzer on the repository's own analysis/scheduler.py
    (`elif (exc := fut.exception()) is not None:`): the local `exc` took its range from
    the statement that ended the suite above the `elif`, a line before its own name,
    so its name lay outside its range (an editor drops such a document symbol)."""
    source = (
        b"def f(a):\n    if a:\n        b = 1\n    elif (c := g()) is not None:\n        b = c\n"
    )
    by_id = {n.id: n for n in analyse_bytes("m.py", source).nodes}
    c = by_id["m.py->VARIABLE->f.c"]
    assert (c.range, c.attrs["sel"]) == ((3, 4, 4, 13), [3, 10, 3, 11])
    assert graph_problems("m.py", source) == []
    scheduler = Path(__file__).resolve().parents[2] / "analysis" / "scheduler.py"
    assert graph_problems("analysis/scheduler.py", scheduler.read_bytes()) == []


def test_jsdoc_typedefs_are_made_in_file_order() -> None:
    """Found by the JavaScript front-end fuzzer on webpack's lib/Dependency.js: a blank
    line above the file changed the order of its `@typedef {object}` classes. The
    comments came from tree-sitter's capture lists, which are not in file order, so
    which of two typedefs of one name took the `#1` id, and which `@typedef` of a name
    the module's `typedefs` kept, changed with lines that did not touch them."""
    names = [f"T{i}" for i in range(12)]
    parts = [
        f"// note {i}\n/**\n * @typedef {{object}} {name}\n * @property {{string}} p{i}\n */\n"
        f"/* x */ const v{i} = {i};\n"
        for i, name in enumerate(names)
    ]
    parts.append("/**\n * @typedef {object} T3\n * @property {number} again\n */\n")
    parts.append("/** @typedef {string} Dup */\n/** @typedef {number} Dup */\n")
    source = "".join(parts).encode()
    want = [f"m.js->CLASS->{name}" for name in names] + ["m.js->CLASS->T3#1"]
    for blank in range(8):
        fa = analyse_bytes("m.js", b"\n" * blank + source)
        assert [n.id for n in fa.nodes if n.type == NodeType.CLASS] == want, blank
        module = fa.nodes[0]
        assert module.attrs["typedefs"]["Dup"] == "string", blank
    assert graph_problems("m.js", source) == []


def test_names_bound_in_a_for_loops_header_are_locals_of_the_loop() -> None:
    """Found by the generated-JavaScript fuzzer (a longer run, seed 3; shrunk by hand to
    valid code): a name first assigned in a `for` loop's condition or increment took
    its range from the initializer or from the body's last statement, which the
    conversion had seen last: its name lay outside its range."""
    source = b"function f(n) {\n  for (let i = 0; (k = n); j = i) {\n    g();\n  }\n}\n"
    by_id = {n.id: n for n in analyse_bytes("m.js", source).nodes}
    loop = (1, 2, 3, 3)
    assert (by_id["m.js->VARIABLE->f.k"].range, by_id["m.js->VARIABLE->f.k"].attrs["sel"]) == (
        loop,
        [1, 19, 1, 20],
    )
    assert (by_id["m.js->VARIABLE->f.j"].range, by_id["m.js->VARIABLE->f.j"].attrs["sel"]) == (
        loop,
        [1, 27, 1, 28],
    )
    assert graph_problems("m.js", source) == []


# -- configuration ------------------------------------------------------------------


def config_errors(root: Path, name: str, text: str) -> list[str]:
    """Every problem the loader reports for `text` as the workspace's `name`, as printed."""
    for other in ("graphwarden.toml", "pyproject.toml"):
        (root / other).unlink(missing_ok=True)
    (root / name).write_text(text, encoding="utf-8")
    settings, errors = load_config(root)
    return [str(e) for e in [*errors, *GuaranteeChecker(settings).load_errors]]


ENRICHERS = "imports, inheritance, instances, types, calls, dataflow, unreferenced"
TOP_KEYS = (
    "builtin_rules, contracts, debounce_ms, enrichers, exclude, guarantees, importlinter, "
    "include, max_file_bytes, python_roots, store, taint"
)
#: The predicates a guarantee's rule may use besides its own.
RULE_PREDICATES = "arg, attr, edge, flows, name_word, node, path, taint, value, violation"


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        # A table header, not `key = ...`: was at no line.
        (
            "graphwarden.toml",
            'include = []\n\n[project]\nname = "sample"\n',
            f"graphwarden.toml:3: unknown key 'project' (known: {TOP_KEYS})",
        ),
        # A key inside an inline table (the README's own form): was at no line.
        (
            "graphwarden.toml",
            "include = []\nenrichers = { calls = true, unreferennced = false }\n",
            f"graphwarden.toml:2: unknown enricher 'unreferennced' (known: {ENRICHERS})",
        ),
        # A dotted key in pyproject.toml: was at no line.
        (
            "pyproject.toml",
            '[project]\nname = "x"\n\n[tool.graphwarden]\nexclude = []\nenrichers.cals = true\n',
            f"pyproject.toml:6: unknown enricher 'cals' (known: {ENRICHERS})",
        ),
        # A "\n" escape in a one-line rule: line 2 of the rule is still line 3 of
        # the file; was line 4, past the end of the file.
        (
            "graphwarden.toml",
            '[[guarantees]]\nname = "g"\nrule = "a(X) :- node(X, _).\\nviolation(X) :- b(X)."\n',
            f"graphwarden.toml:3: guarantee 'g': unknown predicate 'b' "
            f"(known: a, {RULE_PREDICATES})",
        ),
        # A line-ending backslash drops a line of the rule: was line 4.
        (
            "graphwarden.toml",
            '[[guarantees]]\nname = "g"\nrule = """\\\n   a(X) :- node(X, _).\n'
            'violation(X) :- b(X)."""\n',
            f"graphwarden.toml:5: guarantee 'g': unknown predicate 'b' "
            f"(known: a, {RULE_PREDICATES})",
        ),
        # Contracts as an array of inline tables: was at no line.
        (
            "graphwarden.toml",
            "contracts = [\n"
            '  {name = "c", type = "acyclic", packages = ["a"]},\n'
            '  {name = "d", type = "acyclic", packages = 5},\n'
            "]\n",
            "graphwarden.toml:3: contract 'd': 'packages' must be a list of non-empty strings",
        ),
        # A guarantee named like a built-in rule: was at line 0.
        (
            "graphwarden.toml",
            "builtin_rules = { import-cycle = true }\n\n[[guarantees]]\n"
            'name = "import-cycle"\nrule = "violation(X) :- node(X, _)."\n',
            "graphwarden.toml:4: guarantee name 'import-cycle' is the name of a built-in rule",
        ),
    ],
)
def test_config_errors_point_at_the_line_written(
    tmp_path: Path, name: str, text: str, expected: str
) -> None:
    """Found by the configuration fuzzer: errors at no line, or at a line past the file."""
    assert config_errors(tmp_path, name, text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # TypeError: unhashable type 'dict' (the table was a list of tables).
        (
            '[[tool.graphwarden]]\nname = "x"\n',
            ["pyproject.toml:1: [tool.graphwarden] must be a table"],
        ),
        # AttributeError: 'int' object has no attribute 'get' (found by the
        # header's text inside a string).
        ('tool = 1\nx = """\n[tool.graphwarden]\n"""\n', []),
        # The header only inside a string, below a real [tool] table: no
        # configuration (was "[tool.graphwarden] must be a table" for a moment).
        ('[tool]\nx = """\n[tool.graphwarden]\n"""\n', []),
        # AttributeError in reading [tool.setuptools.package-dir].
        ("[tool]\nsetuptools = 5\n", []),
        ("[tool.setuptools]\npackage-dir = 5\n[tool.graphwarden]\n", []),
    ],
)
def test_a_pyproject_whose_tables_are_not_tables(
    tmp_path: Path, text: str, expected: list[str]
) -> None:
    """Found by the configuration fuzzer: `tool`, `tool.graphwarden` or `tool.setuptools`
    that are not tables crashed the loader (and `graphwarden check` with a traceback)."""
    assert config_errors(tmp_path, "pyproject.toml", text) == expected


def test_check_reports_a_pyproject_whose_table_is_an_array(tmp_path: Path) -> None:
    write_files(
        tmp_path, {"a.py": "x = 1\n", "pyproject.toml": '[[tool.graphwarden]]\nname = "x"\n'}
    )
    done = subprocess.run(
        [str(BIN / "graphwarden"), "check", str(tmp_path), "--no-color"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 2
    assert (
        done.stderr.strip()
        .splitlines()[-1]
        .endswith("pyproject.toml:1: [tool.graphwarden] must be a table")
    )


def test_toml_nested_past_the_stack_is_an_error_at_its_line(tmp_path: Path) -> None:
    """Found by the configuration fuzzer: tomllib parses nested arrays recursively, so
    5,000 levels raised RecursionError out of the loader (a traceback from `check`)."""
    deep = "[" * 5000 + "]" * 5000
    assert config_errors(tmp_path, "graphwarden.toml", f"include = []\nx = {deep}\n") == [
        "graphwarden.toml:2: arrays and tables nested deeper than 100 levels"
    ]
    text = f'[tool.graphwarden]\ns = "[[[["\nx = {"{a=" * 101}1{"}" * 101}\n'
    assert config_errors(tmp_path, "pyproject.toml", text) == [
        "pyproject.toml:3: arrays and tables nested deeper than 100 levels"
    ]
    # 100 levels are read (and `x` is then an unknown key, at its line).
    shallow = "[" * 100 + "]" * 100
    assert config_errors(tmp_path, "graphwarden.toml", f"x = {shallow}\n") == [
        f"graphwarden.toml:1: unknown key 'x' (known: {TOP_KEYS})"
    ]
    # A pyproject.toml read only for [tool.setuptools.package-dir] never raises either.
    (tmp_path / "pyproject.toml").write_text(f"x = {deep}\n")
    assert read_package_dirs(tmp_path) == {}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("include = []\nx = [1,\n", "graphwarden.toml:2: TOML syntax error: Invalid value"),
        (
            "[[guarantees]]\nname = \"g\"\nrule = '''\nviolation(X)\n",
            "graphwarden.toml:4: TOML syntax error: Expected \"'''\"",
        ),
    ],
)
def test_a_syntax_error_at_the_end_of_the_file_is_at_its_last_line(
    tmp_path: Path, text: str, expected: str
) -> None:
    """Found by the configuration fuzzer: tomllib says "at end of document" for an
    unclosed array or string, with no line number, and the error had line 0."""
    assert config_errors(tmp_path, "graphwarden.toml", text) == [f"{expected} (at end of document)"]


def test_a_store_path_with_a_nul_character_is_an_error_at_its_line(tmp_path: Path) -> None:
    """Found by the configuration fuzzer: `store = "a\\u0000b"` raised ValueError
    ("embedded null byte") out of the loader when it checked where the store goes."""
    assert config_errors(tmp_path, "graphwarden.toml", 'include = []\nstore = "a\\u0000b"\n') == [
        "graphwarden.toml:2: 'store' must be a non-empty path string (no NUL character)"
    ]


# -- Datalog ------------------------------------------------------------------------


def test_query_errors_count_lines_from_the_start_of_the_text() -> None:
    """Found by the Datalog query fuzzer: the text was stripped before its lines were
    counted, so an error under blank lines was reported lines too high."""
    with pytest.raises(DatalogError) as err:
        parse_query("\n\n?- nope(X).")
    assert (err.value.line, err.value.message) == (
        3,
        "unknown predicate 'nope' (known: arg, attr, edge, flows, name_word, node, path, taint, value)",
    )


@pytest.mark.parametrize(
    "text", ['?- node(X, "CLASS"). % is this a class?-', '?- attr(X, "name", "a?-b").']
)
def test_a_query_mark_in_a_comment_or_a_string_is_text(text: str) -> None:
    """Same cause: the text was split at its last "?-" found by a text search, inside a
    comment or a string, and a valid query was rejected."""
    _program, names = parse_query(text)
    assert names == ["X"]


def test_a_source_path_too_long_for_a_store_key_is_skipped_with_a_reason(
    tmp_path: Path,
) -> None:
    """Found by the LSP fuzzer's long document URIs, then on disk: a path is an LMDB key
    (files, owner), and LMDB keys hold 511 bytes. A file 12 folders of 50 characters
    deep made every commit raise MDB_BAD_VALSIZE: `graphwarden index` and `check`
    died with a traceback on every run."""
    root = tmp_path / "ws"
    deep = "/".join(["d" * 50] * 12)
    write_files(root, {f"{deep}/m.py": "def f():\n    return 1\n", "ok.py": "x = 1\n"})
    found = discover(root)
    assert found.files == ["ok.py"]
    assert found.skipped == {
        f"{deep}/m.py": "its path is 616 bytes long, over the 400 the store can key"
    }
    assert language_of(f"{deep}/m.py") is None
    done = subprocess.run(
        [str(BIN / "graphwarden"), "check", str(root), "--no-color"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    # Nothing on stderr but the note that the workspace has no configuration.
    assert [line for line in done.stderr.splitlines() if "note: no configuration" not in line] == []
    assert "no violations" in done.stdout


# -- the store ------------------------------------------------------------------------


def test_a_reindex_leaves_open_snapshots_readable(make_workspace, open_orch) -> None:
    """Found by the LSP fuzzer: a graphwarden.query running while a re-index started
    was answered "lmdb.Error: Attempt to operate on closed/deleted/dropped object".
    The re-index deleted the store and opened a new one, so a reader holding a
    snapshot, or taking one in between, met a closed environment."""
    root = make_workspace({"pkg/__init__.py": "", "pkg/a.py": "def keep():\n    return 1\n"})
    orch = open_orch(root)
    orch.index_repository()
    held = orch.snapshot()
    before = held.revision
    orch.reindex()
    # The snapshot taken before still reads its own revision...
    assert held.node("pkg/a.py->FUNCTION->keep") is not None
    assert [f.path for f in held.files()] == ["pkg/__init__.py", "pkg/a.py"]
    held.close()
    # ...and the store is the same one, refilled, at a later revision.
    with orch.snapshot() as snap:
        assert snap.node("pkg/a.py->FUNCTION->keep") is not None
        assert snap.revision > before


def test_a_name_too_long_for_the_filesystem_is_not_indexed(tmp_path: Path) -> None:
    """Found by the LSP fuzzer's buffers (300-character names, under the store's 400
    bytes): looking for a symlink at such a path raised ENAMETOOLONG out of the file
    filter, which the server asks about every buffer and every change on disk."""
    root = tmp_path / "ws"
    write_files(root, {"ok.py": "x = 1\n"})
    rel = "x" * 300 + ".py"
    assert FileFilter(root).reason(rel) == ("the filesystem refuses its path (File name too long)")
    assert FileFilter(root).accepts("ok.py")
