"""Qualified names of import bindings: what models match values by.

Shared by the front ends (a call's ``qualified`` callee) and the interpreter
(an imported name's value).
"""

from __future__ import annotations

import re
from typing import Any

#: Deno's standard library path module (`jsr:@std/path`, `@std/path/posix`, a
#: `deno.land/std` URL): Node's `path`, as the models name it.
_DENO_STD_PATH = re.compile(
    r"(?:jsr:)?@std/path(?:@[^/]+)?(?:/posix)?(?:/mod\.ts)?"
    r"|https://deno\.land/std(?:@[^/]+)?/path/(?:posix/)?mod\.ts"
)
#: Names such a module exports under another name than Node's (its `SEPARATOR`
#: is `path.sep`).
_RENAMED = {("path", "SEPARATOR"): "sep"}


#: Deno's `npm:` and `jsr:` specifiers: the package (`npm:express@4.18` is `express`,
#: `npm:@hono/node-server@1/x` is `@hono/node-server/x`), its version left out.
_REGISTRY_SPEC = re.compile(r"(?:npm|jsr):(@[^/@]+/[^/@]+|[^/@]+)(?:@[^/]*)?(/.*)?")
#: Packages JSR publishes under a scope of their own: their npm names.
_JSR_NAMES = {"@hono/hono": "hono", "@oak/oak": "oak"}


def js_module(source: str) -> str:
    """The name models give a JavaScript module specifier: `node:fs` is `fs`,
    Deno's standard path module is `path`, and Deno's `npm:express@4` and
    `jsr:@hono/hono` are `express` and `hono`."""
    spec = source.removeprefix("node:")
    if _DENO_STD_PATH.fullmatch(spec):
        return "path"
    registry = _REGISTRY_SPEC.fullmatch(spec)
    if registry is not None:
        package = registry.group(1)
        return _JSR_NAMES.get(package, package) + (registry.group(2) or "")
    return spec


def import_qn(attrs: dict[str, Any], js: bool) -> str:
    """The qualified name an import binding stands for (``flask.request``, ``child_process``)."""
    source = str(attrs.get("source") or "")
    kind = attrs.get("kind") or ""
    imported = attrs.get("imported")
    alias = attrs.get("alias")
    if js:
        spec = js_module(source)
        if imported in (None, "*", "default"):
            return spec
        return f"{spec}.{_RENAMED.get((spec, str(imported)), imported)}"
    if kind == "import":
        return source if alias else source.split(".")[0]
    level = int(attrs.get("level") or 0)
    base = "." * level + source
    if not imported:
        return base
    return f"{base}.{imported}" if base and not base.endswith(".") else f"{base}{imported}"
