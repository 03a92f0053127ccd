"""A starting configuration, written from what a project holds (`graphwarden init`).

It looks, the way indexing does (discovery.py, modules.py), for the
project's top-level Python packages and the folders holding JS/TS, and
proposes: the built-in rules with their defaults, one `acyclic` contract
over those packages (the contract nearly every codebase wants first), and
commented examples of a layers contract and a Datalog rule to adapt. The
text is valid configuration as written: `graphwarden check` loads it.

The acyclic contract starts at severity "warning", so a first check shows
existing cycles without failing the build; the comment says to raise it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from graphwarden.analysis.config import read_package_dirs
from graphwarden.analysis.discovery import discover
from graphwarden.analysis.guarantees.rules import BUILTIN_RULES
from graphwarden.analysis.importlinter import importlinter_files
from graphwarden.analysis.modules import ModuleNaming, is_javascript, is_python

#: Packages left out of the proposed contract: tests often import everything.
_TEST_PACKAGES = frozenset({"test", "tests", "testing"})


@dataclass
class ProjectShape:
    """What the starting configuration is written from."""

    python_packages: list[str] = field(default_factory=list)
    #: Top-level folders holding JS/TS files ("" when files sit at the root).
    js_folders: list[str] = field(default_factory=list)
    files: int = 0
    #: An import-linter configuration found beside (its contracts are read too).
    importlinter_file: str = ""


def project_shape(root: Path) -> ProjectShape:
    """The packages and folders of the project at `root`."""
    files = discover(root, [], []).files
    naming = ModuleNaming.for_workspace(files, (), read_package_dirs(root))
    packages: set[str] = set()
    folders: set[str] = set()
    for f in files:
        if is_python(f) and f.rsplit("/", 1)[-1] == "__init__.py":
            name = naming.python_name(f)
            if name:
                packages.add(name.split(".", 1)[0])
        elif is_javascript(f):
            folders.add(f.split("/", 1)[0] if "/" in f else "")
    linter = importlinter_files(root)
    return ProjectShape(
        sorted(packages),
        sorted(folders),
        len(files),
        linter[0].name if linter else "",
    )


def _toml_list(items: list[str]) -> str:
    return "[" + ", ".join(f'"{i}"' for i in items) + "]"


def starting_configuration(shape: ProjectShape) -> str:
    """The text of a graphwarden.toml for a project of this shape."""
    found = []
    if shape.python_packages:
        found.append(f"Python packages {', '.join(shape.python_packages)}")
    js = [f"{f}/" if f else "the root" for f in shape.js_folders]
    if js:
        found.append(f"JavaScript/TypeScript in {', '.join(js)}")
    lines = [
        "# graphwarden configuration, written by `graphwarden init` from what it found here:",
        f"# {'; '.join(found) or 'no Python package or JS/TS folder yet'} ({shape.files} files).",
        "# Every key is optional; README.md (Configuration, Guarantees) explains each.",
    ]
    if shape.importlinter_file:
        lines.append(
            f"# The contracts in {shape.importlinter_file} (import-linter's) are checked too."
        )
    switches = ", ".join(
        f"{name} = {'true' if rule.default_on else 'false'}" for name, rule in BUILTIN_RULES.items()
    )
    lines += [
        "",
        "# Files to leave out, as gitignore-style globs (.gitignore is honoured already).",
        "exclude = []",
        "",
        "# The built-in rules (`graphwarden rules` lists them), with their defaults.",
        f"builtin_rules = {{ {switches} }}",
        "",
    ]
    targets = [p for p in shape.python_packages if p not in _TEST_PACKAGES]
    targets += [f"{f}/**" if f else "./**" for f in shape.js_folders]
    if targets:
        lines += [
            "# No import cycles inside each package. It starts as a warning so the first",
            "# check shows today's cycles without failing; make it an error once they are gone.",
            "[[contracts]]",
            'name = "no-import-cycles"',
            'type = "acyclic"',
            f"packages = {_toml_list(targets)}",
            'severity = "warning"',
            'description = "Modules inside a package import in one direction only."',
            'remediation = "Move what both modules need into a third, or import lazily."',
            "",
        ]
    example = shape.python_packages[0] if shape.python_packages else "mypackage"
    lines += [
        "# Examples to adapt:",
        "# [[contracts]]",
        '# name = "layers"',
        '# type = "layers"',
        f'# containers = ["{example}"]',
        '# layers = ["ui", "services", "data"]   # higher layers may import lower ones only',
        "#",
        "# [[guarantees]]",
        '# name = "no-eval"',
        '# rule = \'violation(X) :- node(X, "CALL"), attr(X, "name", "eval").\'',
        "",
    ]
    return "\n".join(lines)
