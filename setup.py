"""Package layout: the repository's top-level folders installed under one name.

The folders are fixed by the design (``analysis/``, ``lsp_server/``,
``mcp_server/``, ``cli/``); their installed import names are
``graphwarden.analysis``, ``graphwarden.lsp_server``, ``graphwarden.mcp_server``
and ``graphwarden.cli`` (``[tool.setuptools.package-dir]`` in
pyproject.toml), so nothing in a user's environment or workspace can shadow
them. The list of packages is derived from the folders here, so a new
subpackage is never left out of a wheel.
"""

import tomllib
from pathlib import Path

from setuptools import find_packages, setup

HERE = Path(__file__).parent
PACKAGE_DIRS: dict[str, str] = tomllib.loads((HERE / "pyproject.toml").read_text())["tool"][
    "setuptools"
]["package-dir"]


def _packages() -> list[str]:
    found = []
    for name, folder in PACKAGE_DIRS.items():
        found.append(name)
        found.extend(f"{name}.{sub}" for sub in find_packages(str(HERE / folder)))
    return found


setup(packages=_packages())
