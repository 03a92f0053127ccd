"""analysis/fixes: the text edits behind the editor's code actions, on texts alone.

Each edit applied must give a file that still loads (the TOML through the
project's own configuration loader) and says what the action promised.
"""

from __future__ import annotations

import textwrap
import tomllib
from pathlib import Path

import pytest

from graphwarden.analysis.config import load_config
from graphwarden.analysis.fixes import add_ignore_import, apply_edits, suppress_on_line
from graphwarden.analysis.languages.suppressions import parse_suppression

# -- suppressions --------------------------------------------------------------------------


def suppressed(text: str, file: str, line: int, rule: str) -> str:
    return apply_edits(text, suppress_on_line(text, file, line, rule))


def test_a_python_line_gets_a_trailing_comment() -> None:
    text = "from app.web import views\nx = 1\n"
    out = suppressed(text, "a.py", 0, "core-web")
    assert out == "from app.web import views  # graphwarden: ignore[core-web]\nx = 1\n"


def test_a_js_line_gets_the_slash_spelling() -> None:
    out = suppressed("import { a } from './web';   \n", "a.ts", 0, "no-web")
    assert out == "import { a } from './web';  // graphwarden-ignore no-web\n"


def test_an_existing_suppression_on_the_line_gets_the_rule_added() -> None:
    text = "x = eval(s)  # graphwarden: ignore[no-eval] -- a literal\n"
    out = suppressed(text, "a.py", 0, "no-exec")
    assert out == "x = eval(s)  # graphwarden: ignore[no-eval, no-exec] -- a literal\n"
    rules, reason = parse_suppression(out.split("#", 1)[1]) or ((), "")
    assert rules == ("no-eval", "no-exec") and reason == "a literal"
    # Already named: nothing to do.
    assert suppress_on_line(out, "a.py", 0, "no-exec") == []


def test_a_plain_suppression_above_the_line_gets_the_rule_added() -> None:
    text = "// graphwarden-ignore no-eval -- why\n// another comment\nconst f = eval(s);\n"
    out = suppressed(text, "a.js", 2, "no-web")
    assert out.splitlines()[0] == "// graphwarden-ignore no-eval, no-web -- why"
    assert out.splitlines()[2] == "const f = eval(s);"
    block = "/* graphwarden-ignore no-eval */ const g = eval(s);\n"
    assert suppressed(block, "a.js", 0, "x").startswith("/* graphwarden-ignore no-eval, x */")


def test_a_continued_python_line_gets_the_comment_above() -> None:
    text = "def f():\n    from app.web import \\\n        views\n"
    out = suppressed(text, "a.py", 1, "r")
    assert out.splitlines()[1] == "    # graphwarden: ignore[r]"
    assert out.splitlines()[2] == "    from app.web import \\"


def test_crlf_lines_keep_their_ending() -> None:
    out = suppressed("import os\r\nx = 1\r\n", "a.py", 0, "r")
    assert out == "import os  # graphwarden: ignore[r]\r\nx = 1\r\n"


# -- ignore_imports ------------------------------------------------------------------------

PYPROJECT = """\
[project]
name = "demo"

[tool.graphwarden]
exclude = []  # nothing

# The web layer stays out of the core.
[[tool.graphwarden.contracts]]
name = "core-independent-of-web"   # the one we edit
type = "forbidden"
source_modules = ["app.core"]
forbidden_modules = ["app.web"]
# trailing comment of the table

# The next contract.
[[tool.graphwarden.contracts]]
name = "layers"
type = "layers"
layers = [
    "app.web",  # top
    "app.core"  # bottom
]
"""


def edited(text: str, prefix: str, contract: str, entry: str) -> str:
    edits = add_ignore_import(text, prefix, contract, entry)
    assert edits is not None
    return apply_edits(text, edits)


def contracts(text: str, prefix: str = "tool.graphwarden.") -> list[dict[str, object]]:
    data = tomllib.loads(text)
    for part in filter(None, prefix.split(".")):
        data = data[part]
    return data["contracts"]


def loads_in_project(tmp_path: Path, name: str, text: str) -> None:
    """The configuration loader accepts the edited file without an error."""
    (tmp_path / name).write_text(text, encoding="utf-8")
    settings, errors = load_config(tmp_path)
    assert errors == []
    assert settings.config_file == tmp_path / name


def test_a_contract_without_ignores_gets_the_key_after_its_last_key(tmp_path: Path) -> None:
    out = edited(
        PYPROJECT, "tool.graphwarden.", "core-independent-of-web", "app.core.a -> app.web.b"
    )
    assert contracts(out)[0]["ignore_imports"] == ["app.core.a -> app.web.b"]
    assert (
        'forbidden_modules = ["app.web"]\nignore_imports = ["app.core.a -> app.web.b"]\n# trailing comment'
        in out
    )
    # Every comment is still there, and only one line was added.
    assert out.replace('ignore_imports = ["app.core.a -> app.web.b"]\n', "") == PYPROJECT
    loads_in_project(tmp_path, "pyproject.toml", out)


@pytest.mark.parametrize(
    ("array", "expected"),
    [
        ("[]", '["a -> b"]'),
        ('["x -> y"]', '["x -> y", "a -> b"]'),
        ('["x -> y", ]', '["x -> y", "a -> b" ]'),
        (
            '[\n    "x -> y",  # why\n]',
            '[\n    "x -> y",  # why\n    "a -> b",\n]',
        ),
        (
            '[\n  "x -> y"  # no comma\n]',
            '[\n  "x -> y",  # no comma\n  "a -> b",\n]',
        ),
        ("[\n]", '[\n    "a -> b",\n]'),
        ("[ # empty\n]", '[ # empty\n    "a -> b",\n]'),
        ('["x -> y",\n "z]# -> w"]', '["x -> y",\n "z]# -> w", "a -> b"]'),
        ("['lit -> x']", "['lit -> x', \"a -> b\"]"),
    ],
)
def test_an_existing_array_gets_the_entry_last(tmp_path: Path, array: str, expected: str) -> None:
    text = f'[[contracts]]\nname = "c"\ntype = "forbidden"\nsource_modules = ["a"]\nforbidden_modules = ["b"]\nignore_imports = {array}\n'
    out = edited(text, "", "c", "a -> b")
    assert out == text.replace(array, expected)
    assert contracts(out, "")[0]["ignore_imports"][-1] == "a -> b"
    loads_in_project(tmp_path, "graphwarden.toml", out)


def test_the_right_contract_of_several_and_a_file_without_final_newline() -> None:
    text = textwrap.dedent("""\
        [[contracts]]
        name = "one"
        type = "independence"
        modules = ["a", "b"]

        [[contracts]]
        name = "two"
        type = "independence"
        modules = ["c", "d"]""")
    out = edited(text, "", "two", "c -> d")
    assert [c.get("ignore_imports") for c in contracts(out, "")] == [None, ["c -> d"]]
    assert out.endswith('modules = ["c", "d"]\nignore_imports = ["c -> d"]')


def test_no_edit_where_none_can_be_placed_or_none_is_needed() -> None:
    assert add_ignore_import(PYPROJECT, "tool.graphwarden.", "missing", "a -> b") is None
    assert add_ignore_import("not [toml", "", "c", "a -> b") is None
    inline = 'contracts = [{ name = "c", type = "independence", modules = ["a", "b"] }]\n'
    assert add_ignore_import(inline, "", "c", "a -> b") is None
    done = '[[contracts]]\nname = "c"\nignore_imports = ["a -> b"]\n'
    assert add_ignore_import(done, "", "c", "a -> b") is None
