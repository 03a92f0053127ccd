"""Contracts end to end (orchestrator + enrichers + checker), and agreement with import-linter."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from graphwarden.analysis.guarantees.checker import GuaranteeChecker
from graphwarden.analysis.orchestrator import Orchestrator
from tests.guarantees.conftest import SHOP

Run = Callable[..., tuple[Orchestrator, GuaranteeChecker]]


def toml_contract(name: str, type_: str, **opts: Any) -> str:
    lines = ["[[contracts]]", f'name = "{name}"', f'type = "{type_}"']
    for k, v in opts.items():
        if isinstance(v, bool):
            lines.append(f"{k} = {'true' if v else 'false'}")
        else:
            lines.append(f"{k} = [{', '.join(repr(x).replace(chr(39), chr(34)) for x in v)}]")
    return "\n".join(lines) + "\n"


CONTRACTS: list[tuple[str, str, dict[str, Any]]] = [
    (
        "data-not-ui",
        "forbidden",
        {"source_modules": ["shop.data"], "forbidden_modules": ["shop.ui"]},
    ),
    (
        "data-not-ui-direct",
        "forbidden",
        {
            "source_modules": ["shop.data"],
            "forbidden_modules": ["shop.ui"],
            "allow_indirect_imports": True,
        },
    ),
    (
        "util-not-data",
        "forbidden",
        {"source_modules": ["shop.util"], "forbidden_modules": ["shop.data"]},
    ),
    ("stack", "layers", {"layers": ["ui", "services", "data", "util"], "containers": ["shop"]}),
    ("ui-data-independent", "independence", {"modules": ["shop.ui", "shop.data"]}),
]


def chains_of(checker: GuaranteeChecker, rule: str) -> set[tuple[str, ...]]:
    out = set()
    for v in checker.violations:
        if v.rule == rule and v.kind == "contract":
            out.add(tuple(v.message.split(": ", 1)[1].split(" -> ")))
    return out


@pytest.fixture
def shop(check_workspace: Run) -> tuple[Orchestrator, GuaranteeChecker]:
    config = "\n".join(toml_contract(n, t, **o) for n, t, o in CONTRACTS)
    return check_workspace({**SHOP, "graphwarden.toml": config})


def test_forbidden_indirect_chain_with_locations(
    shop: tuple[Orchestrator, GuaranteeChecker],
) -> None:
    _orch, checker = shop
    assert chains_of(checker, "data-not-ui") == {
        # cache -> orders -> models -> ... contains this chain: import-linter drops it too.
        ("shop.data.models", "shop.util.helpers", "shop.ui.widgets"),
    }
    v = next(v for v in checker.violations if v.rule == "data-not-ui")
    assert v.file == "shop/data/models.py"
    assert v.range[0] == 0
    assert [r.file for r in v.related] == ["shop/data/models.py", "shop/util/helpers.py"]
    assert v.related[1].message == "shop.util.helpers imports shop.ui.widgets"


def test_forbidden_direct_only_and_kept(shop: tuple[Orchestrator, GuaranteeChecker]) -> None:
    _orch, checker = shop
    assert chains_of(checker, "data-not-ui-direct") == set()
    assert chains_of(checker, "util-not-data") == set()


def test_layers(shop: tuple[Orchestrator, GuaranteeChecker]) -> None:
    _orch, checker = shop
    assert chains_of(checker, "stack") == {
        ("shop.data.cache", "shop.services.orders"),
        ("shop.util.helpers", "shop.ui.widgets"),
    }


def test_independence(shop: tuple[Orchestrator, GuaranteeChecker]) -> None:
    _orch, checker = shop
    assert ("shop.data.models", "shop.util.helpers", "shop.ui.widgets") in chains_of(
        checker, "ui-data-independent"
    )


def test_acyclic_and_ignore_imports(check_workspace: Run) -> None:
    files = {
        "pkg/__init__.py": "",
        "pkg/a.py": "from pkg import b\n",
        "pkg/b.py": "from pkg import c\n",
        "pkg/c.py": "import pkg.a\n",
        "pkg/d.py": "import pkg.a\n",
        "graphwarden.toml": toml_contract("no-cycles", "acyclic", packages=["pkg"])
        + toml_contract(
            "no-cycles-ignored", "acyclic", packages=["pkg"], ignore_imports=["pkg.c -> pkg.a"]
        ),
    }
    _orch, checker = check_workspace(files)
    cyc = [v for v in checker.violations if v.rule == "no-cycles"]
    assert [v.message for v in cyc] == ["import cycle: pkg.a -> pkg.b -> pkg.c -> pkg.a"]
    assert len(cyc[0].related) == 3
    assert [v for v in checker.violations if v.rule == "no-cycles-ignored"] == []


def test_unmatched_ignore_and_missing_module_are_warnings(check_workspace: Run) -> None:
    files = {
        **SHOP,
        "graphwarden.toml": toml_contract(
            "ghost",
            "forbidden",
            source_modules=["shop.ghost"],
            forbidden_modules=["shop.ui"],
            ignore_imports=["shop.x -> shop.y"],
        ),
    }
    _orch, checker = check_workspace(files)
    msgs = sorted(v.message for v in checker.violations if v.rule == "ghost")
    assert msgs == [
        "contract 'ghost': ignore_imports entry 'shop.x -> shop.y' matches no import",
        "contract 'ghost': module 'shop.ghost' does not exist in the workspace",
    ]
    assert all(
        v.severity == "warning" and v.file == "graphwarden.toml"
        for v in checker.violations
        if v.rule == "ghost"
    )


def test_js_path_globs(check_workspace: Run) -> None:
    files = {
        "src/core/util.ts": "import { view } from '../ui/view';\nexport const u = view;\n",
        "src/ui/view.ts": "export const view = 1;\n",
        "graphwarden.toml": toml_contract(
            "core-not-ui", "forbidden", source_modules=["src/core/**"], forbidden_modules=["src/ui"]
        ),
    }
    _orch, checker = check_workspace(files)
    assert chains_of(checker, "core-not-ui") == {("src/core/util.ts", "src/ui/view.ts")}


# -- agreement with import-linter ----------------------------------------------------------


def _importlinter_chains(
    root: Path, type_: str, options: dict[str, Any]
) -> tuple[bool, set[tuple[str, ...]]]:
    grimp = pytest.importorskip("grimp")
    from importlinter.configuration import configure
    from importlinter.contracts.forbidden import ForbiddenContract
    from importlinter.contracts.independence import IndependenceContract
    from importlinter.contracts.layers import LayersContract

    configure()
    classes = {
        "forbidden": ForbiddenContract,
        "layers": LayersContract,
        "independence": IndependenceContract,
    }
    opts = {k: (str(v) if isinstance(v, bool) else v) for k, v in options.items()}
    sys.path.insert(0, str(root))
    try:
        graph = grimp.build_graph("shop", cache_dir=None)
    finally:
        sys.path.remove(str(root))
        for mod in [m for m in sys.modules if m == "shop" or m.startswith("shop.")]:
            del sys.modules[mod]
    contract = classes[type_](
        name="x", session_options={"root_packages": ["shop"]}, contract_options=opts
    )
    check = contract.check(graph, verbose=False)
    chains: set[tuple[str, ...]] = set()

    def mods(hops: list[dict[str, Any]]) -> list[str]:
        return [hops[0]["importer"], *(h["imported"] for h in hops)]

    for data in check.metadata.get("invalid_chains", []):
        for chain in data["chains"]:
            if isinstance(chain, dict):  # independence: routes, as layers
                chains |= _route_chains(chain, mods)
            else:
                chains.add(tuple(mods(chain)))
    for dep in check.metadata.get("invalid_dependencies", []):
        for route in dep["routes"]:
            chains |= _route_chains(route, mods)
    return check.kept, chains


def _route_chains(route: dict[str, Any], mods: Callable[..., list[str]]) -> set[tuple[str, ...]]:
    base = mods(route["chain"])
    out = {tuple(base)}
    for first in route["extra_firsts"]:
        out.add((first["importer"], *base[1:]))
    for last in route["extra_lasts"]:
        out.add((*base[:-1], last["imported"]))
    return out


@pytest.mark.parametrize(("name", "type_", "options"), CONTRACTS)
def test_agrees_with_import_linter(
    shop: tuple[Orchestrator, GuaranteeChecker], name: str, type_: str, options: dict[str, Any]
) -> None:
    orch, checker = shop
    kept, their_chains = _importlinter_chains(orch.root, type_, options)
    ours = chains_of(checker, name)
    assert (not ours) == kept
    assert ours == their_chains
