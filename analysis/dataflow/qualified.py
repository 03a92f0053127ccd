"""Qualified names of import bindings: what models match values by.

Shared by the front ends (a call's ``qualified`` callee) and the interpreter
(an imported name's value).
"""

from __future__ import annotations

from typing import Any


def import_qn(attrs: dict[str, Any], js: bool) -> str:
    """The qualified name an import binding stands for (``flask.request``, ``child_process``)."""
    source = str(attrs.get("source") or "")
    kind = attrs.get("kind") or ""
    imported = attrs.get("imported")
    alias = attrs.get("alias")
    if js:
        spec = source[5:] if source.startswith("node:") else source
        if imported in (None, "*", "default"):
            return spec
        return f"{spec}.{imported}"
    if kind == "import":
        return source if alias else source.split(".")[0]
    level = int(attrs.get("level") or 0)
    base = "." * level + source
    if not imported:
        return base
    return f"{base}.{imported}" if base and not base.endswith(".") else f"{base}{imported}"
