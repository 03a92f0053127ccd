"""The interactive HTML page of the module graph: one self-contained file, works offline.

Everything is inlined: the vendored d3 (`assets/d3.min.js`, d3 7.9.2, ISC
licence in `assets/d3.LICENSE.txt`: d3-force lays the graph out, d3-zoom pans
and zooms, d3-selection draws SVG), the page's own script and style, and the
graph as JSON. The page's Content-Security-Policy admits only those scripts
(by hash) and no connection at all: module names come from the repository,
and a page that cannot load anything cannot leak anything either.

Names reach the page only as JSON in a non-executed script element (with
``<`` escaped, so no name can close it) and are set as text by the script.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from graphwarden.analysis import __version__
from graphwarden.analysis.pictures.model import ModuleGraph
from graphwarden.analysis.pictures.page_data import page_data

#: Opens the file at the line in VS Code. `{path}` is absolute and starts with `/`
#: (`/C:/x` on Windows), `{file}` is workspace-relative; both percent-encoded.
DEFAULT_LINK_TEMPLATE = "vscode://file{path}:{line}:{column}"
LINK_FIELDS = ("path", "file", "line", "column")
#: The vendored d3 (assets/README.md): version and sha256 of the file, checked by the tests.
D3_VERSION = "7.9.2"
D3_SHA256 = "912111098ea99503a6f4967361d2bbdc9dbf58cf9c678c8e27e5b02d1a07f0c1"


class LinkTemplateError(ValueError):
    """A link template with a placeholder the page cannot fill."""


def check_link_template(template: str) -> None:
    for name in re.findall(r"\{([^{}]*)\}", template):
        if name not in LINK_FIELDS:
            raise LinkTemplateError(
                f"unknown placeholder {{{name}}} in the link template "
                f"(use {', '.join('{' + f + '}' for f in LINK_FIELDS)})"
            )


@dataclass(frozen=True)
class PageOptions:
    #: The workspace root, absolute: `{path}` in links is this joined with the file.
    root: Path
    title: str = "graphwarden: module graph"
    link_template: str = DEFAULT_LINK_TEMPLATE
    #: The highlighted path (a violation's fingerprint) the page opens on, if any.
    path: str | None = None


@cache
def asset(name: str) -> str:
    return (
        resources.files("graphwarden.analysis.pictures")
        .joinpath("assets", name)
        .read_text(encoding="utf-8")
    )


def _script_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _json_for_script(value: object) -> str:
    # `<` escaped: no module name can end the script element or open a comment.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def _escape_text(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def render_graph_page(graph: ModuleGraph, options: PageOptions, *, findings_html: str = "") -> str:
    """The page; `findings_html` (already escaped markup) adds the report's findings pane."""
    check_link_template(options.link_template)
    data = page_data(
        graph,
        title=options.title,
        root=options.root.as_posix(),
        link_template=options.link_template,
        path=options.path,
    )
    d3, app = asset("d3.min.js"), asset("graph_view.js")
    csp = (
        f"default-src 'none'; script-src {_script_hash(d3)} {_script_hash(app)}; "
        "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    )
    parts = {
        "csp": csp,
        "version": __version__,
        "title": _escape_text(options.title),
        "style": asset("graph_view.css"),
        "mode": "report" if findings_html else "graph",
        "findings": findings_html,
        "data": _json_for_script(data),
        "d3": d3,
        "app": app,
    }
    # One pass over the template: inserted text is never searched for markers again.
    return re.sub(r"\{\{(\w+)\}\}", lambda m: parts[m.group(1)], asset("page.html"))
