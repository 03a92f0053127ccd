"""The module graph as data: collapsing, weights and sites, bands, highlighted paths, focus."""

from __future__ import annotations

import pytest

from graphwarden.analysis.pictures import (
    DepthError,
    GraphOptions,
    UnknownContract,
    UnknownFocus,
    restrict_to_focus,
)
from graphwarden.analysis.pictures.grouping import group_name
from graphwarden.analysis.pictures.model import EdgeSite, HighlightedPath, PathHop
from graphwarden.analysis.pictures.page_data import page_data
from graphwarden.analysis.workspace import OpenWorkspace
from tests.pictures.conftest import draw

CHAIN_MESSAGE = (
    "shop.util must not import shop.ui: shop.util.helpers -> shop.common.bridge -> shop.ui.widgets"
)


def test_group_names_by_depth() -> None:
    assert group_name("django.db.models.base", "python", 2) == "django.db"
    assert group_name("django.db", "python", 2) == "django.db"
    assert group_name("django", "python", 2) == "django"
    assert group_name("web/src/lib/a.ts", "javascript", 2) == "web/src/"
    assert group_name("web/src/lib/a.ts", "javascript", 4) == "web/src/lib/a.ts"
    assert group_name("os", "external", 1) == "os"
    assert group_name("django.db.models", "python", None) == "django.db.models"


def test_modules_not_collapsed(workspace: OpenWorkspace) -> None:
    g = draw(workspace)
    assert [n.id for n in g.nodes] == [
        "shop",
        "shop.common",
        "shop.common.bridge",
        "shop.data",
        "shop.data.models",
        "shop.services",
        "shop.services.orders",
        "shop.ui",
        "shop.ui.views",
        "shop.ui.widgets",
        "shop.util",
        "shop.util.helpers",
        "web/src/lib/a.ts",
        "web/src/main.ts",
    ]
    assert {n.kind for n in g.nodes} == {"module"}
    assert [(e.source, e.target, e.weight) for e in g.edges] == [
        ("shop.common.bridge", "shop.ui.widgets", 1),
        ("shop.data.models", "shop.util.helpers", 1),
        ("shop.services.orders", "shop.data.models", 2),
        ("shop.ui.views", "shop.services.orders", 1),
        ("shop.util.helpers", "shop.common.bridge", 1),
        ("web/src/main.ts", "web/src/lib/a.ts", 1),
    ]
    orders = next(e for e in g.edges if e.source == "shop.services.orders")
    assert orders.sites == (
        EdgeSite(
            "shop.services.orders", "shop.data.models", "shop/services/orders.py", (2, 22, 2, 28)
        ),
        EdgeSite(
            "shop.services.orders", "shop.data.models", "shop/services/orders.py", (3, 29, 3, 34)
        ),
    )
    assert g.files["shop.util.helpers"] == "shop/util/helpers.py"


def test_layers_are_bands(workspace: OpenWorkspace) -> None:
    g = draw(workspace)
    assert g.band_contract == "shop-layers"
    assert [(b.index, b.name) for b in g.bands] == [
        (0, "ui"),
        (1, "services"),
        (2, "data"),
        (3, "util"),
    ]
    band = {n.id: n.band for n in g.nodes}
    assert band["shop.ui.views"] == 0
    assert band["shop.services.orders"] == 1
    assert band["shop.data.models"] == 2
    assert band["shop.util.helpers"] == 3
    assert band["shop.common.bridge"] is None  # not a layer: the way round the contract
    assert band["shop"] is None
    assert band["web/src/main.ts"] is None


def test_violation_chain_is_a_highlighted_path(workspace: OpenWorkspace) -> None:
    g = draw(workspace)
    layers, no_eval = sorted(g.paths, key=lambda p: p.path.rule, reverse=True)
    assert layers.path.rule == "shop-layers"
    assert layers.path.message == CHAIN_MESSAGE
    assert [(h.source, h.target, h.file, h.range[0]) for h in layers.path.hops] == [
        ("shop.util.helpers", "shop.common.bridge", "shop/util/helpers.py", 0),
        ("shop.common.bridge", "shop.ui.widgets", "shop/common/bridge.py", 2),
    ]
    assert layers.nodes == ("shop.util.helpers", "shop.common.bridge", "shop.ui.widgets")
    assert layers.edges == (
        ("shop.util.helpers", "shop.common.bridge"),
        ("shop.common.bridge", "shop.ui.widgets"),
    )
    # A Datalog result has no chain: it marks the module it is reported in.
    assert no_eval.path.rule == "no-eval"
    assert no_eval.path.hops == ()
    assert no_eval.nodes == ("shop.util.helpers",)
    assert no_eval.edges == ()
    assert g.highlighted_edges() == set(layers.edges)


def test_collapsed_to_depth_two(workspace: OpenWorkspace) -> None:
    g = draw(workspace, GraphOptions(depth=2))
    assert [(n.id, n.kind, n.band, n.file) for n in g.nodes] == [
        ("shop", "module", None, "shop/__init__.py"),
        ("shop.common", "package", None, "shop/common/__init__.py"),
        ("shop.data", "package", 2, "shop/data/__init__.py"),
        ("shop.services", "package", 1, "shop/services/__init__.py"),
        ("shop.ui", "package", 0, "shop/ui/__init__.py"),
        ("shop.util", "package", 3, "shop/util/__init__.py"),
        ("web/src/", "directory", None, None),
    ]
    ui = next(n for n in g.nodes if n.id == "shop.ui")
    assert ui.members == ("shop.ui", "shop.ui.views", "shop.ui.widgets")
    # web/src/main.ts -> web/src/lib/a.ts is inside one directory now: no edge.
    assert [(e.source, e.target, e.weight) for e in g.edges] == [
        ("shop.common", "shop.ui", 1),
        ("shop.data", "shop.util", 1),
        ("shop.services", "shop.data", 2),
        ("shop.ui", "shop.services", 1),
        ("shop.util", "shop.common", 1),
    ]
    layers = next(p for p in g.paths if p.path.rule == "shop-layers")
    assert layers.nodes == ("shop.util", "shop.common", "shop.ui")
    assert layers.edges == (("shop.util", "shop.common"), ("shop.common", "shop.ui"))


def test_depth_one_mixes_layers(workspace: OpenWorkspace) -> None:
    g = draw(workspace, GraphOptions(depth=1))
    assert [(n.id, n.kind, n.band) for n in g.nodes] == [
        ("shop", "package", None),  # holds every layer: in no band
        ("web/", "directory", None),
    ]
    assert g.edges == []
    layers = next(p for p in g.paths if p.path.rule == "shop-layers")
    assert layers.nodes == ("shop",)
    assert layers.edges == ()  # every hop is inside the one node


def test_externals(workspace: OpenWorkspace) -> None:
    g = draw(workspace, GraphOptions(depth=2, externals=True))
    externals = [(n.id, n.kind, n.language) for n in g.nodes if n.kind == "external"]
    assert externals == [("json", "external", "external"), ("react", "external", "external")]
    assert ("shop.services", "json") in {e.key for e in g.edges}
    assert ("web/src/", "react") in {e.key for e in g.edges}
    assert "json" not in draw(workspace, GraphOptions(depth=2)).node_ids()


def test_focus(workspace: OpenWorkspace) -> None:
    assert draw(workspace, GraphOptions(focus="shop.data.models")).focus == ("shop.data.models",)
    # A module inside a collapsed package focuses the package's node.
    assert draw(workspace, GraphOptions(depth=2, focus="shop.data.models")).focus == ("shop.data",)
    # A folder or package that is no node focuses every node it holds.
    assert draw(workspace, GraphOptions(depth=2, focus="web/src/main.ts")).focus == ("web/src/",)
    assert draw(workspace, GraphOptions(focus="web/src")).focus == (
        "web/src/lib/a.ts",
        "web/src/main.ts",
    )
    with pytest.raises(UnknownFocus, match=r"no module 'shop\.nowhere'"):
        draw(workspace, GraphOptions(focus="shop.nowhere"))


def test_restrict_to_focus(workspace: OpenWorkspace) -> None:
    g = restrict_to_focus(draw(workspace, GraphOptions(depth=2, focus="shop.common")))
    assert [n.id for n in g.nodes] == ["shop.common", "shop.ui", "shop.util"]
    assert [e.key for e in g.edges] == [("shop.common", "shop.ui"), ("shop.util", "shop.common")]
    layers = next(p for p in g.paths if p.path.rule == "shop-layers")
    assert layers.edges == (("shop.util", "shop.common"), ("shop.common", "shop.ui"))
    # Edges between two neighbours (ui -> services) are not the focus's: left out.
    g = restrict_to_focus(draw(workspace, GraphOptions(depth=2, focus="shop.ui")))
    assert [e.key for e in g.edges] == [("shop.common", "shop.ui"), ("shop.ui", "shop.services")]


def test_bad_options(workspace: OpenWorkspace) -> None:
    with pytest.raises(DepthError):
        draw(workspace, GraphOptions(depth=0))
    with pytest.raises(UnknownContract, match="layers contracts: shop-layers"):
        draw(workspace, layers="no-such-contract")
    assert draw(workspace, layers="shop-layers").band_contract == "shop-layers"


def test_extra_paths_draw_edges_no_import_makes(workspace: OpenWorkspace) -> None:
    """Room for taint paths: a hop between modules no import joins is still drawn."""
    taint = HighlightedPath(
        id="taint-1",
        kind="taint",
        rule="user-input-to-eval",
        severity="error",
        message="request data reaches eval",
        file="web/src/main.ts",
        range=(3, 0, 3, 10),
        hops=(
            PathHop("web/src/main.ts", "shop.util.helpers", "web/src/main.ts", (3, 0, 3, 10), "x"),
        ),
        modules=("web/src/main.ts", "shop.util.helpers"),
    )
    g = draw(workspace, GraphOptions(depth=2), extra_paths=(taint,))
    drawn = next(p for p in g.paths if p.path.id == "taint-1")
    assert drawn.nodes == ("web/src/", "shop.util")
    assert drawn.edges == (("web/src/", "shop.util"),)
    edge = next(e for e in g.edges if e.key == ("web/src/", "shop.util"))
    assert edge.weight == 0  # no import statement behind it


def test_page_data_is_compact_and_one_based(workspace: OpenWorkspace) -> None:
    g = draw(workspace, GraphOptions(depth=2))
    data = page_data(g, title="t", root="/r", link_template="x")
    names = [m[0] for m in data["modules"]]
    services = next(e for e in data["edges"] if e["s"] == "shop.services")
    assert services["w"] == 2
    assert [(names[i], names[j], line) for i, j, line, _col in services["sites"]] == [
        ("shop.services.orders", "shop.data.models", 3),
        ("shop.services.orders", "shop.data.models", 4),
    ]
    assert data["modules"][names.index("shop.ui.views")] == ("shop.ui.views", "shop/ui/views.py")
    layers = next(p for p in data["paths"] if p["rule"] == "shop-layers")
    assert [(h["file"], h["line"], h["column"]) for h in layers["hops"]] == [
        ("shop/util/helpers.py", 1, 25),
        ("shop/common/bridge.py", 3, 21),
    ]
