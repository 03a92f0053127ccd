"""Pictures of the module dependency graph: DOT, Mermaid, an interactive HTML page, a report.

`workspace_picture` builds the `ModuleGraph` (model.py) from a snapshot and
the guarantee checker's rules and results: the contracts' import graph
collapsed to a depth (grouping.py, builder.py), the layers of a `layers`
contract as bands (bands.py), every violation's chain as a highlighted path
(paths.py). Renderers turn it into text and never print: `render_dot`,
`render_mermaid`, `render_graph_page` (html_page.py, with the vendored d3 and
the page's script in assets/) and `render_report_page`.
"""

from graphwarden.analysis.pictures.bands import UnknownContract
from graphwarden.analysis.pictures.builder import GraphOptions, UnknownFocus, build_module_graph
from graphwarden.analysis.pictures.dot import render_dot
from graphwarden.analysis.pictures.focus import restrict_to_focus
from graphwarden.analysis.pictures.grouping import DepthError
from graphwarden.analysis.pictures.html_page import (
    DEFAULT_LINK_TEMPLATE,
    LinkTemplateError,
    PageOptions,
    check_link_template,
    render_graph_page,
)
from graphwarden.analysis.pictures.mermaid import render_mermaid
from graphwarden.analysis.pictures.model import HighlightedPath, ModuleGraph, PathHop
from graphwarden.analysis.pictures.report_page import render_report_page
from graphwarden.analysis.pictures.workspace_picture import workspace_picture

__all__ = [
    "DEFAULT_LINK_TEMPLATE",
    "DepthError",
    "GraphOptions",
    "HighlightedPath",
    "LinkTemplateError",
    "ModuleGraph",
    "PageOptions",
    "PathHop",
    "UnknownContract",
    "UnknownFocus",
    "build_module_graph",
    "check_link_template",
    "render_dot",
    "render_graph_page",
    "render_mermaid",
    "render_report_page",
    "restrict_to_focus",
    "workspace_picture",
]
