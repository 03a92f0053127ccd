"""Collapsing modules to packages or directories at a chosen depth.

Depth counts name segments the way users write them: at depth 2 the Python
module ``django.db.models.base`` is drawn as ``django.db`` and the JS/TS file
``web/src/lib/a.ts`` as the directory ``web/src/`` (the trailing ``/`` keeps
a directory apart from a file of the same name). Names no deeper than the
depth stay as they are; external packages are already top-level names.
"""

from __future__ import annotations

from graphwarden.analysis.pictures.model import Language


class DepthError(ValueError):
    """A depth that collapses nothing sensible (below 1)."""


def check_depth(depth: int | None) -> None:
    if depth is not None and depth < 1:
        raise DepthError(f"depth must be 1 or more, not {depth}")


def group_name(module: str, language: Language, depth: int | None) -> str:
    """The node a module is drawn as at `depth` (None: the module itself)."""
    if depth is None or language == "external":
        return module
    if language == "python":
        parts = module.split(".")
        return module if len(parts) <= depth else ".".join(parts[:depth])
    parts = module.split("/")
    return module if len(parts) <= depth else "/".join(parts[:depth]) + "/"


def contains(group: str, language: Language, module: str) -> bool:
    """Whether `module` is `group` itself or one of its descendants (a package's, a folder's)."""
    if module == group:
        return True
    if language == "python":
        return module.startswith(group + ".")
    if language == "javascript":
        return module.startswith(group if group.endswith("/") else group + "/")
    return False
