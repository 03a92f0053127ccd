"""Finding the project from anywhere inside it, the summary line, `init` and `rules`.

Real processes in real directory trees (a git repository made in the test
where the VCS root matters), as a user runs them from a subdirectory.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from graphwarden.analysis.catalogue import catalogue
from graphwarden.analysis.guarantees.datalog import parse_program
from graphwarden.analysis.model import ATTRIBUTE_KEYS, POSITION_KEYS, EdgeType, NodeType
from graphwarden.analysis.project import find_project_root
from tests.helpers import write_files

CMD = [sys.executable, "-I", "-m", "graphwarden"]
NO_EVAL = """
[[guarantees]]
name = "no-eval"
rule = 'violation(X) :- node(X, "CALL"), attr(X, "name", "eval").'
"""
PACKAGE = {
    "src/shop/__init__.py": "",
    "src/shop/orders.py": "from shop import billing\n\ndef total(x):\n    return eval(x)\n",
    "src/shop/billing.py": "from shop import orders\n",
    "src/shop/web/__init__.py": "",
    "src/shop/web/views.py": "from shop.orders import total\n",
    "tests/__init__.py": "",
    "tests/test_orders.py": "from shop.orders import total\n",
    "web/app.ts": "import { x } from './util';\nexport const y = x;\n",
    "web/util.ts": "export const x = 1;\n",
}


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CMD, *args], capture_output=True, text=True, cwd=cwd, timeout=300, env=os.environ.copy()
    )


def git_init(root: Path) -> None:
    subprocess.run(["git", "init", "-q", str(root)], check=True)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    write_files(root, {**PACKAGE, "graphwarden.toml": NO_EVAL})
    git_init(root)
    return root


def test_check_from_a_subdirectory_checks_the_project(project: Path) -> None:
    at_root = run("check", cwd=project)
    inside = run("check", cwd=project / "src" / "shop" / "web")
    assert inside.returncode == at_root.returncode == 1
    # The same project, the same findings: the summary counts every file.
    assert inside.stdout.splitlines()[-1].startswith("checked 9 files against 21 rules in ")
    assert inside.stdout.splitlines()[-1].endswith(": 1 error(s), 0 warning(s), 0 info")
    assert "src/shop/orders.py:4:12: error [no-eval]" in inside.stdout
    # One store, at the root; none was made where the command ran.
    assert (project / ".graphwarden" / "data.mdb").is_file()
    assert not list(project.glob("src/**/.graphwarden"))
    # A file inside the project is a fine PATH too.
    by_file = run("check", "src/shop/orders.py", cwd=project)
    assert by_file.returncode == 1
    assert by_file.stdout.splitlines()[:-1] == at_root.stdout.splitlines()[:-1]


def test_the_nearest_configuration_wins_over_the_vcs_root(project: Path) -> None:
    sub = project / "services" / "api"
    write_files(sub, {"graphwarden.toml": "", "api/__init__.py": "", "api/m.py": "x = eval('1')\n"})
    found = find_project_root(sub / "api")
    assert (found.root, found.marker) == (sub, "graphwarden.toml")
    assert find_project_root(project / "src" / "shop").marker == "graphwarden.toml"
    bare = project.parent / "bare"
    write_files(bare, {"a/b.py": ""})
    git_init(bare)
    assert find_project_root(bare / "a") == find_project_root(bare / "a").__class__(
        bare, ".git", bare / "a"
    )
    out = run("check", cwd=sub / "api")
    # Its own (empty) configuration: only the built-in rule, and no eval rule.
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.splitlines()[-1].startswith("checked 2 files against 20 rules in ")


def test_no_configuration_is_said_on_every_check(tmp_path: Path) -> None:
    root = tmp_path / "plain"
    write_files(root, {"pkg/__init__.py": "", "pkg/m.py": "x = eval('1')\n"})
    git_init(root)
    out = run("check", cwd=root / "pkg")
    assert out.returncode == 0
    assert out.stdout.splitlines()[-1].startswith("checked 2 files against 20 rules in ")
    assert out.stdout.splitlines()[-1].endswith(": no violations")
    assert f"graphwarden: note: no configuration found for {root} " in out.stderr
    assert "`graphwarden init` writes a starting configuration" in out.stderr
    # Machine formats keep stdout clean: the summary goes to stderr.
    json_out = run("check", "--format", "json", cwd=root)
    assert json.loads(json_out.stdout)["violations"] == []
    assert "graphwarden: checked 2 files against 20 rules in " in json_out.stderr


def test_both_configuration_files_warn_and_graphwarden_toml_wins(tmp_path: Path) -> None:
    root = tmp_path / "both"
    pyproject = '[project]\nname = "x"\n\n[tool.graphwarden]\nexclude = ["pkg/**"]\n'
    write_files(
        root,
        {"graphwarden.toml": NO_EVAL, "pyproject.toml": pyproject, "pkg/m.py": "eval('1')\n"},
    )
    out = run("check", cwd=root)
    assert out.returncode == 1  # graphwarden.toml's rule ran; pyproject's exclude did not apply
    assert (
        "graphwarden: WARNING: pyproject.toml:4: [tool.graphwarden] is ignored: "
        "graphwarden.toml in the same directory takes precedence (keep one of the two)"
    ) in out.stderr


def test_init_writes_a_configuration_check_loads(tmp_path: Path) -> None:
    root = tmp_path / "fresh"
    write_files(root, PACKAGE)
    git_init(root)
    out = run("init", cwd=root / "src")
    assert out.returncode == 0, out.stderr
    config = (root / "graphwarden.toml").read_text()
    assert "# Python packages shop, tests; JavaScript/TypeScript in web/ (9 files)." in config
    assert 'packages = ["shop", "web/**"]' in config
    assert "builtin_rules = { unresolved-import = true, import-cycle = false }" in config
    checked = run("check", cwd=root)
    # The acyclic contract finds the orders <-> billing cycle, as a warning.
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert (
        "warning [no-import-cycles] import cycle: shop.billing -> shop.orders -> shop.billing"
        in (checked.stdout)
    )
    assert "against 21 rules" in checked.stdout.splitlines()[-1]
    again = run("init", cwd=root)
    assert again.returncode == 2
    assert again.stderr.startswith(f"graphwarden: error: {root / 'graphwarden.toml'} already ")
    assert run("init", "--stdout", cwd=root).stdout == config


def test_rules_lists_the_vocabulary() -> None:
    out = run("rules", cwd=Path.cwd())
    assert out.returncode == 0
    text = out.stdout
    for title in ("Node types", "Edge types", "Attribute keys", "Built-in rules", "Taint classes"):
        assert title in text
    assert "  CALL             a call site (also `new X()`)" in text
    assert (
        "  unresolved-import   An import inside the workspace resolves to no module or name.  [on]"
        in text
    )
    assert "(none yet: taint analysis is not part of this version)" in text
    data = json.loads(run("rules", "--json", cwd=Path.cwd()).stdout)
    assert {e["name"] for e in data["edge_types"]} == set(EdgeType)


def test_every_name_the_loader_accepts_is_listed_with_a_description() -> None:
    cat = catalogue()
    assert [e.name for e in cat.node_types] == list(NodeType)
    assert [e.name for e in cat.edge_types] == list(EdgeType)
    keys = {e.name for e in cat.attribute_keys}
    assert keys == {"name", "file", "type"} | (
        frozenset().union(*ATTRIBUTE_KEYS.values()) - POSITION_KEYS
    )
    for part in (cat.node_types, cat.edge_types, cat.attribute_keys, cat.predicates):
        assert all(e.description for e in part)
    # Everything listed is accepted by the Datalog loader.
    for e in cat.node_types:
        parse_program(f'violation(X) :- node(X, "{e.name}").')
    for e in cat.edge_types:
        parse_program(f'violation(X) :- edge(X, _, "{e.name}").')
    for e in cat.attribute_keys:
        parse_program(f'violation(X) :- attr(X, "{e.name}", _).')
