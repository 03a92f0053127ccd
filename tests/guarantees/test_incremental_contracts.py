"""Contract searches updated from graph changes equal a check from scratch.

The property test draws an import graph and a sequence of edits to it
(statements added and removed, type-only or not, as the live graph sees a
cycle's files), and after each edit compares every contract's updated
state (contracts/incremental.py) with `Contract.check` on the same graph:
the same violations, in the same order, with the same chains and
locations. The contracts cover each incremental type with the options that
change the graph it searches (root packages, externals, type-only imports,
ignored imports). The targeted tests below pin how little an edit searches.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphwarden.analysis.guarantees.checker import GuaranteeChecker
from graphwarden.analysis.guarantees.contracts import CONTRACT_TYPES, ConfigLocation, Contract
from graphwarden.analysis.guarantees.contracts.graph import ImportGraph, ImportSite, Pair
from graphwarden.analysis.guarantees.contracts.incremental import (
    MAX_TOUCHED_IMPORTERS,
    ContractState,
)
from graphwarden.analysis.guarantees.contracts.live_graph import GraphChange
from graphwarden.analysis.guarantees.results import RuleInfo
from graphwarden.analysis.guarantees.rules.contract_rule import ContractRuleState
from graphwarden.analysis.orchestrator import FileChange, Orchestrator

MODULES = [
    "p",
    "p.a",
    "p.a.x",
    "p.a.y",
    "p.b",
    "p.b.x",
    "p.b._y",
    "p.c",
    "p.c.x",
    "p.d",
    "q",
    "q.z",
]
EXTERNALS = ["os", "ext"]
TARGETS = MODULES + EXTERNALS


def contract(type_: str, origin: str = "graphwarden", **options: Any) -> Contract:
    cls = CONTRACT_TYPES[type_]
    table = {"name": "c", "type": type_, **options}
    validated = cls.validate_options(table)
    info = RuleInfo("c", "error", "desc", "fix", kind="contract", instructions="do")
    return cls(info, validated, ConfigLocation("graphwarden.toml", 3, origin))


SCOPES: list[dict[str, Any]] = [
    {},
    {"include_external_packages": False},
    {"exclude_type_checking_imports": True},
    {"root_packages": ["p"]},
    {"root_packages": ["p"], "include_external_packages": False},
    {"root_packages": ["p"], "exclude_type_checking_imports": True},
    {"root_packages": ["p", "q"], "exclude_type_checking_imports": True},
]

CONTRACTS: list[tuple[str, dict[str, Any]]] = [
    ("forbidden", {"source_modules": ["p.a"], "forbidden_modules": ["p.c", "os"]}),
    (
        "forbidden",
        {
            "source_modules": ["p.*"],
            "forbidden_modules": ["q", "p.c.x", "ext"],
            "ignore_imports": ["p.b.** -> p.c.x", "p.d -> os", "p.a -> nowhere"],
        },
    ),
    (
        "forbidden",
        {
            "source_modules": ["p.a", "p.b"],
            "forbidden_modules": ["p.c", "p.d"],
            "allow_indirect_imports": True,
            "unmatched_ignore_imports_alerting": "error",
            "ignore_imports": ["p.a.x -> p.c"],
        },
    ),
    (
        "forbidden",
        {"source_modules": ["p.a"], "forbidden_modules": ["p.b"], "as_packages": False},
    ),
    (
        "layers",
        {
            "containers": ["p"],
            "layers": ["a", "b | (zz)", "c : d"],
            "ignore_imports": ["p.b -> p.a.*"],
            "unmatched_ignore_imports_alerting": "none",
        },
    ),
    (
        "layers",
        {
            "containers": ["p", "nope"],
            "layers": ["d", "c", "b", "a"],
            "closed_layers": ["b"],
            "exhaustive": True,
        },
    ),
    ("layers", {"layers": ["q", "p.d", "p.a | p.b", "ext"]}),
    ("independence", {"modules": ["p.a", "p.b", "p.c", "q"]}),
    ("independence", {"modules": ["p.a.x", "p.a.y", "p.b", "gone"]}),
    ("acyclic", {"packages": ["p"], "ignore_imports": ["p.a -> p.b"]}),
    ("acyclic", {"packages": ["p.a", "p.b", "q"]}),
]

ALL = [
    contract(type_, **{**options, **scope})
    for type_, options in CONTRACTS
    for scope in SCOPES
    if not (scope.get("root_packages") == ["p"] and "q" in str(options))
]


def site(importer: str, n: int, type_checking: bool) -> ImportSite:
    return ImportSite(
        f"{importer}->IMPORT->{n}",
        importer.replace(".", "/") + ".py",
        (n % 7, 0, n % 7, 9),
        type_checking,
    )


def base_graph() -> ImportGraph:
    python = set(MODULES)
    return ImportGraph(
        {m: m.replace(".", "/") + ".py" for m in MODULES},
        set(EXTERNALS),
        python=python,
        js=set(),
    )


Statement = tuple[str, str, int, bool]

# One statement is one IMPORT node: whether it sits under `if TYPE_CHECKING:`
# is a property of the node (its number), never two answers for one node id.
statements = (
    st.tuples(st.sampled_from(MODULES), st.sampled_from(TARGETS), st.integers(0, 9))
    .filter(lambda s: s[0] != s[1])
    .map(lambda s: (s[0], s[1], s[2], s[2] % 3 == 0))
)


def apply(graph: ImportGraph, add: list[Statement], remove: list[Statement]) -> GraphChange:
    """Edit `graph` as the live graph does, and say how (live_graph.py's GraphChange)."""
    before: dict[Pair, list[ImportSite]] = {}
    for stmts, step in ((remove, -1), (add, 1)):
        for a, b, n, tc in stmts:
            before.setdefault((a, b), list(graph.imports.get(a, {}).get(b, ())))
            s = site(a, n, tc)
            if step < 0:
                graph.remove(a, b, s)
            elif s not in graph.imports.get(a, {}).get(b, ()):
                graph.add(a, b, s)
    change = GraphChange()
    for pair, old in before.items():
        change.record(pair, set(old), set(graph.imports.get(pair[0], {}).get(pair[1], ())))
    return change


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.data())
def test_updated_contracts_equal_a_check_from_scratch(data: st.DataObject) -> None:
    graph = base_graph()
    present: list[Statement] = []
    for stmt in data.draw(st.lists(statements, max_size=25)):
        apply(graph, [stmt], [])
        present.append(stmt)
    states = [ContractState(c, graph) for c in ALL]
    for c, state in zip(ALL, states, strict=True):
        assert state.violations() == c.check(graph)
    updated = 0
    for _ in range(data.draw(st.integers(1, 8))):
        add = data.draw(st.lists(statements, max_size=3))
        remove = (
            data.draw(st.lists(st.sampled_from(present), max_size=3, unique=True))
            if present
            else []
        )
        change = apply(graph, add, remove)
        present = [s for s in present if s not in remove] + add
        for i, c in enumerate(ALL):
            if states[i].update(graph, change):
                updated += 1
            else:
                states[i] = ContractState(c, graph)
            assert states[i].scoped.graph.imports == c.scoped(graph).imports
            assert states[i].violations() == c.check(graph), (c.type_name, c.options)
    assert updated  # the incremental path ran (scoped names may still start again)


# -- how much an edit searches ----------------------------------------------------------


def _chain_graph(length: int) -> ImportGraph:
    """p.a.x -> p.m0 -> ... -> p.c.x; p.a.y, p.a.z and p.e importing nothing yet."""
    g = ImportGraph()
    mods = ["p", "p.a.x", "p.a.y", "p.a.z", "p.c.x", "p.e"] + [f"p.m{i}" for i in range(length)]
    g.modules = {m: m + ".py" for m in mods}
    g.python = set(mods)
    hops = ["p.a.x"] + [f"p.m{i}" for i in range(length)] + ["p.c.x"]
    for i, (a, b) in enumerate(itertools.pairwise(hops)):
        g.add(a, b, site(a, i, False))
    return g


def test_a_new_import_searches_only_from_the_modules_that_reach_it() -> None:
    graph = _chain_graph(5)
    c = contract("forbidden", source_modules=["p.a"], forbidden_modules=["p.c"])
    state = ContractState(c, graph)
    assert state.searches == 1  # p.a.x only: p.a.y and p.a.z reach nothing
    # An import that leads nowhere near p.c: nothing to search.
    assert state.update(graph, apply(graph, [("p.a.y", "p.e", 1, False)], []))
    assert state.searches == 1
    # p.e -> p.m3: p.a.y reaches p.c through it; p.a.x does not reach p.e.
    assert state.update(graph, apply(graph, [("p.e", "p.m3", 2, False)], []))
    assert state.searches == 2
    # p.a.z -> p.e: p.a.z only (p.a.y's chain is not through p.a.z).
    assert state.update(graph, apply(graph, [("p.a.z", "p.e", 3, False)], []))
    assert state.searches == 3
    # An import inside p.a does not count (import-linter): nothing to search.
    assert state.update(graph, apply(graph, [("p.a.x", "p.a.z", 4, False)], []))
    assert state.searches == 3
    assert [v.message for v in state.violations()] == [
        "p.a must not import p.c: p.a.x -> p.m0 -> p.m1 -> p.m2 -> p.m3 -> p.m4 -> p.c.x",
        "p.a must not import p.c: p.a.y -> p.e -> p.m3 -> p.m4 -> p.c.x",
        "p.a must not import p.c: p.a.z -> p.e -> p.m3 -> p.m4 -> p.c.x",
    ]
    assert state.violations() == c.check(graph)


def test_a_removed_import_searches_only_from_the_chains_that_used_it() -> None:
    graph = _chain_graph(3)
    edges = [("p.a.y", "p.m2", 1, False), ("p.a.z", "p.e", 2, False), ("p.e", "p.m2", 3, False)]
    apply(graph, edges, [])
    c = contract("forbidden", source_modules=["p.a"], forbidden_modules=["p.c"])
    state = ContractState(c, graph)
    assert state.searches == 3
    # p.m0 -> p.m1 is on p.a.x's chain only.
    assert state.update(graph, apply(graph, [], [("p.m0", "p.m1", 1, False)]))
    assert state.searches == 4
    assert [v.message for v in state.violations()] == [
        "p.a must not import p.c: p.a.y -> p.m2 -> p.c.x",
        "p.a must not import p.c: p.a.z -> p.e -> p.m2 -> p.c.x",
    ]
    assert state.violations() == c.check(graph)
    # A moved statement searches nothing; the chain is reported at its new line.
    change = apply(graph, [("p.a.y", "p.m2", 5, False)], [("p.a.y", "p.m2", 1, False)])
    assert change.moved == {("p.a.y", "p.m2")}
    assert state.update(graph, change)
    assert state.searches == 4
    assert state.violations()[0].range == (5, 0, 5, 9)
    assert state.violations() == c.check(graph)


def test_layers_and_acyclic_search_only_what_an_edit_can_change() -> None:
    graph = _chain_graph(2)
    layers = contract("layers", containers=["p"], layers=["c", "m0", "m1", "a"])
    acyclic = contract("acyclic", packages=["p.m0", "p.m1", "p.c"])
    ls, cs = ContractState(layers, graph), ContractState(acyclic, graph)
    # (a, m0) from p.a.x, (m1, c) from p.m1; the other pairs' upstream layers
    # are reached by no module once the other layers are taken out.
    assert (ls.searches, cs.searches) == (2, 1)
    # p.c.x -> p.a.y: layer c (highest) may import a (lowest); no cycle among
    # the acyclic contract's modules (p.a.y is not one of them).
    change = apply(graph, [("p.c.x", "p.a.y", 1, False)], [])
    assert ls.update(graph, change) and cs.update(graph, change)
    assert (ls.searches, cs.searches) == (2, 1)
    # p.m1 -> p.m0 closes a cycle and breaks the layers: m1 must not import
    # m0 (one search, from p.m1); the cycle search runs once more.
    change = apply(graph, [("p.m1", "p.m0", 2, False)], [])
    assert ls.update(graph, change) and cs.update(graph, change)
    assert (ls.searches, cs.searches) == (3, 2)
    assert ls.violations() == layers.check(graph)
    assert cs.violations() == acyclic.check(graph)
    assert [v.message for v in cs.violations()] == ["import cycle: p.m0 -> p.m1 -> p.m0"]


# -- through the checker ----------------------------------------------------------------

CONFIG = """
[[contracts]]
name = "services-not-ui"
type = "forbidden"
source_modules = ["shop.services"]
forbidden_modules = ["shop.ui"]
"""

SHOP = {
    "shop/__init__.py": "",
    "shop/ui/__init__.py": "",
    "shop/ui/views.py": "X = 1\n",
    "shop/services/__init__.py": "",
    "shop/services/orders.py": "from shop.data import models\n",
    "shop/services/billing.py": "from shop.data import models\n",
    "shop/services/mail.py": "import shop.util\n",
    "shop/data/__init__.py": "",
    "shop/data/models.py": "X = 1\n",
    "shop/util/__init__.py": "",
    "graphwarden.toml": CONFIG,
}


def _searches(checker: GuaranteeChecker) -> int:
    state = checker._states["services-not-ui"]
    assert isinstance(state, ContractRuleState)
    return state.contract.searches


def test_checker_searches_again_only_from_modules_that_reach_the_new_import(
    check_workspace: Callable[..., tuple[Orchestrator, GuaranteeChecker]], tmp_path: Path
) -> None:
    orch, checker = check_workspace(SHOP)
    assert [v.message for v in checker.violations] == []
    assert _searches(checker) == 0  # nothing in shop.services reaches shop.ui
    # shop.data.models now imports shop.ui.views: orders and billing reach it.
    orch.apply_changes([FileChange("shop/data/models.py", b"from shop.ui import views\n")])
    assert _searches(checker) == 2
    assert [v.message for v in checker.violations] == [
        "shop.services must not import shop.ui: shop.services.billing -> shop.data.models"
        " -> shop.ui.views",
        "shop.services must not import shop.ui: shop.services.orders -> shop.data.models"
        " -> shop.ui.views",
    ]
    # The undo: only the two chains that used the import are searched again.
    orch.apply_changes([FileChange("shop/data/models.py", b"X = 1\n")])
    assert _searches(checker) == 4
    assert checker.violations == []


@pytest.mark.parametrize("edit", ["import shop.ui.views\n", "import os\n"])
def test_checker_keeps_the_state_when_the_module_map_stays(
    check_workspace: Callable[..., tuple[Orchestrator, GuaranteeChecker]], edit: str
) -> None:
    orch, checker = check_workspace(SHOP)
    state = checker._states["services-not-ui"]
    orch.apply_changes([FileChange("shop/services/mail.py", edit.encode())])
    # A new external package (os) starts the searches again; a new import does not.
    assert (checker._states["services-not-ui"] is state) == (edit != "import os\n")


def test_a_scoped_graph_starts_again_when_most_importers_changed() -> None:
    """Past MAX_TOUCHED_IMPORTERS, building the scoped graph again is cheaper."""
    graph = ImportGraph()
    mods = ["p", "p.c"] + [f"p.m{i}" for i in range(MAX_TOUCHED_IMPORTERS + 1)]
    graph.modules = {m: m + ".py" for m in mods}
    graph.python = set(mods)
    c = contract(
        "forbidden", source_modules=["p.m0"], forbidden_modules=["p.c"], root_packages=["p"]
    )
    state = ContractState(c, graph)
    few = [(f"p.m{i}", "p.c", 1, False) for i in range(MAX_TOUCHED_IMPORTERS)]
    assert state.update(graph, apply(graph, few, []))
    moved = [(f"p.m{i}", "p.c", 2, False) for i in range(MAX_TOUCHED_IMPORTERS + 1)]
    assert not state.update(graph, apply(graph, moved, []))
    assert ContractState(c, graph).violations() == c.check(graph)
