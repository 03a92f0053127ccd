"""The HTML pages in real headless Chromium: they load clean, draw, and answer clicks.

Every wait is for an event (the page's ready mark, a selector); nothing
sleeps. Pages are opened from `file://` URLs, the way a user opens the file.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from PIL import Image, ImageStat
from playwright.sync_api import Browser, Page

from graphwarden.cli.main import main
from tests.pictures.chromium import chromium, open_page

CHAIN = [
    ("shop.common.bridge", "shop.ui.widgets"),
    ("shop.util.helpers", "shop.common.bridge"),
]
ALL_MODULES = [
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
HIGHLIGHT_RGB = (0xD6, 0x27, 0x28)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def pages(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The pages under test, written by the command line."""
    out = tmp_path_factory.mktemp("pages")
    made = {
        "graph": ["graph", "--format", "html"],
        "depth2-focus": ["graph", "--format", "html", "--depth", "2", "--focus", "shop.common"],
        "idea-links": [
            "graph",
            "--format",
            "html",
            "--link-template",
            "idea://open?file={path}&line={line}",
        ],
        "report": ["report", "--html"],
    }
    for name, args in made.items():
        target = out / f"{name}.html"
        assert main([args[0], str(repo), "--workers", "1", *args[1:], "-o", str(target)]) == 0
    return {name: out / f"{name}.html" for name in made}


def ids(page: Page, selector: str) -> list[str]:
    return page.eval_on_selector_all(selector, "els => els.map(e => e.dataset.id)")


def edges(page: Page, selector: str) -> list[tuple[str, str]]:
    pairs = page.eval_on_selector_all(
        selector, "els => els.map(e => [e.dataset.source, e.dataset.target])"
    )
    return sorted((s, t) for s, t in pairs)


def test_graph_page_loads_clean_with_nodes_and_the_violation(
    browser: Browser, pages: dict[str, Path]
) -> None:
    url = pages["graph"].as_uri()
    page, log = open_page(browser, url)
    assert log.errors == []
    assert log.requests == [url]  # offline: the file itself and nothing else
    assert sorted(ids(page, "#nodes g.node")) == ALL_MODULES
    assert edges(page, "#edges path.edge.violating") == CHAIN
    assert sorted(ids(page, "#nodes g.node.in-violation")) == [
        "shop.common.bridge",
        "shop.ui.widgets",
        "shop.util.helpers",
    ]
    assert page.eval_on_selector_all(
        "#bands g.band text", "els => els.map(e => e.textContent)"
    ) == [
        "layer 1: ui",
        "layer 2: services",
        "layer 3: data",
        "layer 4: util",
        "outside the layers",
    ]
    assert page.inner_text("#path-list").count("shop-layers") == 1
    page.close()


def test_layers_are_drawn_as_bands(browser: Browser, pages: dict[str, Path]) -> None:
    page, _ = open_page(browser, pages["graph"].as_uri())
    # Each node's centre lies inside its own band's rectangle (screen coordinates).
    placed = page.evaluate(
        """() => {
          const bands = [...document.querySelectorAll('#bands g.band rect')]
            .map(r => r.getBoundingClientRect());
          return [...document.querySelectorAll('#nodes g.node')].map(g => {
            const c = g.querySelector('circle').getBoundingClientRect();
            const y = c.top + c.height / 2;
            return [g.dataset.id, bands.findIndex(b => b.top <= y && y <= b.bottom)];
          });
        }"""
    )
    band = dict(placed)
    assert band["shop.ui.views"] == band["shop.ui.widgets"] == 0
    assert band["shop.services.orders"] == 1
    assert band["shop.data.models"] == 2
    assert band["shop.util.helpers"] == 3
    assert band["shop.common.bridge"] == band["web/src/main.ts"] == 4  # outside the layers
    page.close()


def test_screenshot_is_not_blank(browser: Browser, pages: dict[str, Path]) -> None:
    page, _ = open_page(browser, pages["graph"].as_uri())
    shot = Image.open(io.BytesIO(page.locator("#graph").screenshot())).convert("RGB")
    variance = ImageStat.Stat(shot).var
    assert min(variance) > 50, variance  # a blank or single-colour area has ~0
    # The violating edges are drawn in the highlight colour.
    colours = shot.getcolors(maxcolors=shot.width * shot.height) or []
    red = sum(
        count
        for count, (r, g, b) in colours
        if max(abs(r - HIGHLIGHT_RGB[0]), abs(g - HIGHLIGHT_RGB[1]), abs(b - HIGHLIGHT_RGB[2])) < 24
    )
    assert red > 40, red
    page.close()


def test_click_focuses_a_module_with_its_dependencies_and_dependents(
    browser: Browser, pages: dict[str, Path], repo: Path
) -> None:
    page, log = open_page(browser, pages["graph"].as_uri())
    page.click("g.node[data-id='shop.common.bridge'] circle")
    page.wait_for_selector("g.node.focus[data-id='shop.common.bridge']")
    assert ids(page, "g.node.dependency") == ["shop.ui.widgets"]
    assert ids(page, "g.node.dependent") == ["shop.util.helpers"]
    assert "shop.data.models" in ids(page, "g.node.faded")
    assert page.evaluate("location.hash") == "#focus=shop.common.bridge"
    assert page.inner_text("#details h3") == "shop.common.bridge"
    # The file opens at its first line in the editor (vscode:// by default).
    link = page.get_attribute("#details a.source-link", "href")
    assert link == f"vscode://file{repo.resolve().as_posix()}/shop/common/bridge.py:1:1"
    # Clicking a dependency in the panel moves the focus there.
    page.click("#details button[data-node='shop.ui.widgets']")
    page.wait_for_selector("g.node.focus[data-id='shop.ui.widgets']")
    page.keyboard.press("Escape")
    page.wait_for_selector("g.node.focus", state="detached")
    assert ids(page, "g.node.faded") == []
    assert log.errors == []
    page.close()


def test_search(browser: Browser, pages: dict[str, Path]) -> None:
    page, _ = open_page(browser, pages["graph"].as_uri())
    page.fill("#search", "WIDG")
    page.wait_for_selector("g.node.match")
    assert ids(page, "g.node.match") == ["shop.ui.widgets"]
    assert page.inner_text("#search-results ul") == "shop.ui.widgets"
    page.press("#search", "Enter")
    page.wait_for_selector("g.node.focus[data-id='shop.ui.widgets']")
    page.close()


def test_selected_chain_and_its_hops(browser: Browser, pages: dict[str, Path], repo: Path) -> None:
    page, _ = open_page(browser, pages["graph"].as_uri())
    page.click("#path-list details[data-rule='shop-layers'] li button")
    page.wait_for_selector("#edges path.edge.on-path")
    assert edges(page, "#edges path.edge.on-path") == CHAIN
    assert page.evaluate("location.hash").startswith("#path=")
    hops = page.eval_on_selector_all(
        "#details ol.hops a.source-link", "els => els.map(e => e.href)"
    )
    root = repo.resolve().as_posix()
    assert hops == [
        f"vscode://file{root}/shop/util/helpers.py:1:25",
        f"vscode://file{root}/shop/common/bridge.py:3:21",
    ]
    page.close()


def test_edge_lists_its_import_statements(browser: Browser, pages: dict[str, Path]) -> None:
    page, _ = open_page(browser, pages["graph"].as_uri())
    page.dispatch_event("path.edge[data-source='shop.services.orders']", "click")
    page.wait_for_selector("path.edge.selected")
    assert page.inner_text("#details h3") == "shop.services.orders → shop.data.models"
    assert page.eval_on_selector_all(
        "#details ol.hops a.source-link", "els => els.map(e => e.textContent)"
    ) == ["shop/services/orders.py:3:23", "shop/services/orders.py:4:30"]
    page.close()


def test_focus_from_the_command_line_and_a_custom_link_template(
    browser: Browser, pages: dict[str, Path], repo: Path
) -> None:
    page, log = open_page(browser, pages["depth2-focus"].as_uri())
    assert sorted(ids(page, "#nodes g.node")) == [
        "shop",
        "shop.common",
        "shop.data",
        "shop.services",
        "shop.ui",
        "shop.util",
        "web/src/",
    ]
    assert ids(page, "g.node.focus") == ["shop.common"]
    assert edges(page, "#edges path.edge.violating") == [
        ("shop.common", "shop.ui"),
        ("shop.util", "shop.common"),
    ]
    assert log.errors == []
    page.close()
    page, _ = open_page(browser, pages["idea-links"].as_uri() + "#focus=shop.ui.views")
    page.wait_for_selector("g.node.focus[data-id='shop.ui.views']")
    href = page.get_attribute("#details a.source-link", "href")
    assert href == f"idea://open?file={repo.resolve().as_posix()}/shop/ui/views.py&line=1"
    page.close()


def test_report_findings_link_into_the_graph(
    browser: Browser, pages: dict[str, Path], repo: Path
) -> None:
    url = pages["report"].as_uri()
    page, log = open_page(browser, url)
    assert log.errors == []
    assert log.requests == [url]
    rules = page.eval_on_selector_all(
        "#findings section.rule-group", "els => els.map(e => e.dataset.rule)"
    )
    assert rules == ["shop-layers", "no-eval"]
    root = repo.resolve().as_posix()
    # The editor links the page's script fills in, the same way as the graph's.
    assert page.eval_on_selector_all(
        "#findings li.finding[data-rule='shop-layers'] ol.chain a.source-link",
        "els => els.map(e => e.href)",
    ) == [
        f"vscode://file{root}/shop/util/helpers.py:1:25",
        f"vscode://file{root}/shop/common/bridge.py:3:21",
    ]
    page.click("#findings li.finding[data-rule='shop-layers'] a.graph-link")
    page.wait_for_selector("#edges path.edge.on-path")
    assert edges(page, "#edges path.edge.on-path") == CHAIN
    # A finding with no chain selects the module it is in.
    page.click("#findings li.finding[data-rule='no-eval'] a.graph-link")
    page.wait_for_selector("#edges path.edge.on-path", state="detached")
    assert ids(page, "g.node.on-path") == ["shop.util.helpers"]
    assert log.errors == []
    page.close()


def test_links_encode_odd_file_names(browser: Browser, tmp_path: Path) -> None:
    """A space or a `#` in a path stays part of the path in the editor link."""
    root = tmp_path / "ws"
    (root / "a b").mkdir(parents=True)
    (root / "a b" / "c#d.ts").write_text("export const a = 1;\n", encoding="utf-8")
    target = tmp_path / "odd.html"
    assert main(["graph", str(root), "--workers", "1", "-o", str(target)]) == 0
    page, log = open_page(browser, target.as_uri() + "#focus=" + quote("a b/c#d.ts", safe=""))
    page.wait_for_selector("g.node.focus")
    href = page.get_attribute("#details a.source-link", "href")
    assert href == f"vscode://file{quote(root.resolve().as_posix())}/a%20b/c%23d.ts:1:1"
    assert log.errors == []
    page.close()
