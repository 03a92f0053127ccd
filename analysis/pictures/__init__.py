"""Pictures of the module dependency graph.

`workspace_picture` builds the `ModuleGraph` (model.py) from a snapshot and
the guarantee checker's rules and results: the contracts' import graph
collapsed to a depth (grouping.py, builder.py), the layers of a `layers`
contract as bands (bands.py), every violation's chain as a highlighted path
(paths.py).
"""

from graphwarden.analysis.pictures.bands import UnknownContract
from graphwarden.analysis.pictures.builder import GraphOptions, UnknownFocus, build_module_graph
from graphwarden.analysis.pictures.focus import restrict_to_focus
from graphwarden.analysis.pictures.grouping import DepthError
from graphwarden.analysis.pictures.model import HighlightedPath, ModuleGraph, PathHop
from graphwarden.analysis.pictures.workspace_picture import workspace_picture

__all__ = [
    "DepthError",
    "GraphOptions",
    "HighlightedPath",
    "ModuleGraph",
    "PathHop",
    "UnknownContract",
    "UnknownFocus",
    "build_module_graph",
    "restrict_to_focus",
    "workspace_picture",
]
