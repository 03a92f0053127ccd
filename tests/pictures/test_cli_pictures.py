"""`graphwarden graph` and `graphwarden report` through the CLI's main(): fixed expected text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from graphwarden.cli.main import main

EXPECTED = Path(__file__).parent / "expected"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((), "modules.dot"),
        (("--depth", "2", "--format", "dot"), "depth2.dot"),
        (("--depth", "2", "--focus", "shop.common"), "depth2-focus.dot"),
        (("--format", "mermaid", "--depth", "2", "--externals"), "depth2-externals.mmd"),
        (("--format", "mermaid", "--focus", "shop.common.bridge"), "focus.mmd"),
    ],
)
def test_text_formats(
    repo: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], expected: str
) -> None:
    code, out, err = run(capsys, "graph", str(repo), "--workers", "1", *args)
    assert (code, err) == (0, "")
    assert out == (EXPECTED / expected).read_text(encoding="utf-8")


def test_format_from_output_suffix(
    repo: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    mmd = tmp_path / "graph.mmd"
    assert run(
        capsys,
        "graph",
        str(repo),
        "--workers",
        "1",
        "--focus",
        "shop.common.bridge",
        "-o",
        str(mmd),
    ) == (0, "", "")
    assert mmd.read_text(encoding="utf-8") == (EXPECTED / "focus.mmd").read_text(encoding="utf-8")
    page = tmp_path / "graph.html"
    assert run(capsys, "graph", str(repo), "--workers", "1", "-o", str(page))[0] == 0
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def _page_data(page: str) -> dict[str, object]:
    m = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S)
    assert m is not None
    data: dict[str, object] = json.loads(m.group(1))
    return data


def test_html_is_self_contained(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, page, _ = run(
        capsys,
        "graph",
        str(repo),
        "--workers",
        "1",
        "--format",
        "html",
        "--depth",
        "2",
        "--link-template",
        "idea://open?file={path}&line={line}",
    )
    assert code == 0
    # Nothing is fetched: no external script, style or font, and a policy that forbids it.
    assert re.search(r"<script[^>]*\bsrc=", page) is None
    assert re.search(r"<link[^>]*stylesheet", page) is None
    assert "default-src 'none'" in page
    assert "https://d3js.org v7.9.2" in page  # the vendored build's own banner
    data = _page_data(page)
    assert data["root"] == repo.resolve().as_posix()
    assert data["linkTemplate"] == "idea://open?file={path}&line={line}"
    assert data["depth"] == 2
    assert [n["id"] for n in data["nodes"]] == [  # type: ignore[attr-defined]
        "shop",
        "shop.common",
        "shop.data",
        "shop.services",
        "shop.ui",
        "shop.util",
        "web/src/",
    ]
    assert [b["name"] for b in data["bands"]] == ["ui", "services", "data", "util"]  # type: ignore[attr-defined]


def test_names_cannot_break_out_of_the_page(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Module names come from file names: `</script>` in one stays data."""
    root = tmp_path / "ws"
    # A folder `a<` holding `script><script>alert(1).ts`: the module `a</script><script>...`.
    (root / "a<").mkdir(parents=True)
    (root / "a<" / "script><script>alert(1).ts").write_text(
        "export const a = 1;\n", encoding="utf-8"
    )
    code, page, _ = run(capsys, "graph", str(root), "--workers", "1", "--format", "html")
    assert code == 0
    assert "</script><script>alert(1)" not in page
    names = [n["id"] for n in _page_data(page)["nodes"]]  # type: ignore[attr-defined]
    assert names == ["a</script><script>alert(1).ts"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("graph", "--focus", "shop.nowhere"), "no module 'shop.nowhere' in the graph"),
        (("graph", "--depth", "0"), "--depth must be 1 or more, not 0"),
        (
            ("graph", "--layers", "nope"),
            "no layers contract named 'nope' (layers contracts: shop-layers)",
        ),
        (
            ("graph", "--link-template", "x://{where}"),
            "unknown placeholder {where} in the link template",
        ),
        (("report",), "report needs a format: --html"),
    ],
)
def test_usage_errors(
    repo: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    command, *rest = args
    code, out, err = run(capsys, command, str(repo), "--workers", "1", *rest)
    assert code == 2
    assert out == ""
    assert err.startswith("graphwarden: error: ")
    assert message in err


def test_report_groups_findings_by_rule_and_file(
    repo: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "report.html"
    code, out, _ = run(capsys, "report", str(repo), "--workers", "1", "--html", "-o", str(target))
    assert (code, out) == (0, "")
    page = target.read_text(encoding="utf-8")
    findings = page[page.index('<section id="findings"') : page.index('<div id="graph"')]
    # Errors first, then warnings; each rule's findings under their file.
    groups = re.findall(
        r'<section class="(rule|file)-group" data-(?:rule|file)="([^"]+)"', findings
    )
    assert groups == [
        ("rule", "shop-layers"),
        ("file", "shop/util/helpers.py"),
        ("rule", "no-eval"),
        ("file", "shop/util/helpers.py"),
    ]
    assert '<p class="totals">1 error, 1 warning</p>' in findings
    assert "Higher layers import lower ones, never the reverse." in findings
    data = _page_data(page)
    ids = {p["rule"]: p["id"] for p in data["paths"]}  # type: ignore[attr-defined]
    # Each finding links into the graph by its path's id, and to its file at the line.
    assert f'href="#path={ids["shop-layers"]}"' in findings
    assert f'href="#path={ids["no-eval"]}"' in findings
    assert (
        '<a class="source-link" data-file="shop/common/bridge.py" data-line="3" data-column="21">'
        "shop/common/bridge.py:3:21</a>"
    ) in findings
