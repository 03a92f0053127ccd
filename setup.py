"""Package layout: the repository's top-level folders installed under one name.

The design fixes the folders (``analysis/``, ``lsp_server/``); their installed
import names are ``graphwarden.analysis`` and ``graphwarden.lsp_server`` so
that nothing in a user's environment or workspace can shadow them. The list of
packages is derived from the folders here, so a new subpackage is never left
out of a wheel. Everything else about the distribution is in pyproject.toml.
"""

from setuptools import find_packages, setup

PACKAGE_DIRS = {
    "graphwarden": "graphwarden",
    "graphwarden.analysis": "analysis",
    "graphwarden.lsp_server": "lsp_server",
}


def _packages() -> list[str]:
    found = []
    for name, folder in PACKAGE_DIRS.items():
        found.append(name)
        found.extend(f"{name}.{sub}" for sub in find_packages(folder))
    return found


setup(package_dir=PACKAGE_DIRS, packages=_packages())
