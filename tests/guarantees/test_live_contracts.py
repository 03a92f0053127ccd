"""Contracts kept up to date edit by edit: what a developer sees while typing.

The checker keeps the import graph and each contract's searches between
cycles (contracts/live_graph.py, chains.py, cycles.py). These tests edit the
SHOP package the way an editor would and check the verdicts, chains and
locations after each cycle; the property test in
test_incremental_equivalence.py checks that they always equal a check from
scratch.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from graphwarden.analysis.guarantees.checker import GuaranteeChecker
from graphwarden.analysis.orchestrator import FileChange, Orchestrator
from tests.guarantees.conftest import SHOP

Run = Callable[..., tuple[Orchestrator, GuaranteeChecker]]

CONFIG = """
[[contracts]]
name = "services-not-ui"
type = "forbidden"
source_modules = ["shop.services"]
forbidden_modules = ["shop.ui"]

[[contracts]]
name = "no-cycles"
type = "acyclic"
packages = ["shop"]
"""


@pytest.fixture
def shop(check_workspace: Run) -> tuple[Orchestrator, GuaranteeChecker]:
    return check_workspace({**SHOP, "graphwarden.toml": CONFIG})


def _messages(checker: GuaranteeChecker, rule: str) -> list[str]:
    return sorted(v.message for v in checker.violations if v.rule == rule)


def _edit(orch: Orchestrator, path: str, text: str) -> None:
    orch.apply_changes([FileChange(path, text.encode())])


def test_breaking_import_shows_with_its_chain_and_its_undo_clears_it(
    shop: tuple[Orchestrator, GuaranteeChecker],
) -> None:
    orch, checker = shop
    before = _messages(checker, "services-not-ui")
    assert before == [
        "shop.services must not import shop.ui: shop.services.orders -> shop.data.models"
        " -> shop.util.helpers -> shop.ui.widgets"
    ]
    broken = SHOP["shop/services/orders.py"] + "from shop.ui import views\n"
    _edit(orch, "shop/services/orders.py", broken)
    direct = "shop.services must not import shop.ui: shop.services.orders -> shop.ui.views"
    assert _messages(checker, "services-not-ui") == [*before, direct]
    v = next(v for v in checker.violations if v.message == direct)
    assert (v.file, v.range[0]) == ("shop/services/orders.py", 2)
    # The new import also closes a cycle: ui.views imports services.orders.
    assert _messages(checker, "no-cycles") == [
        "import cycle: shop.services.orders -> shop.ui.views -> shop.services.orders"
    ]
    _edit(orch, "shop/services/orders.py", SHOP["shop/services/orders.py"])
    assert _messages(checker, "services-not-ui") == before
    assert _messages(checker, "no-cycles") == []


def test_chain_follows_its_import_statement_when_lines_move(
    shop: tuple[Orchestrator, GuaranteeChecker],
) -> None:
    orch, checker = shop
    # Two lines above the import: no import changed, the chain's first hop moved.
    _edit(orch, "shop/data/models.py", '"""Models."""\n\n' + SHOP["shop/data/models.py"])
    v = next(v for v in checker.violations if v.rule == "services-not-ui")
    assert v.related[1].file == "shop/data/models.py"
    assert v.related[1].range[0] == 2


def test_body_only_edit_checks_no_contract(shop: tuple[Orchestrator, GuaranteeChecker]) -> None:
    orch, checker = shop
    _edit(orch, "shop/ui/widgets.py", "X = 2\n")
    # Only a rule that reads variables runs again (the security pack's weak-random).
    assert set(checker.last.per_rule_seconds) == {"weak-random"}


def test_new_module_rebuilds_the_graph_and_keeps_verdicts(
    shop: tuple[Orchestrator, GuaranteeChecker],
) -> None:
    orch, checker = shop
    _edit(orch, "shop/services/extra.py", "from shop.ui import widgets\n")
    assert _messages(checker, "services-not-ui") == [
        "shop.services must not import shop.ui: shop.services.extra -> shop.ui.widgets",
        "shop.services must not import shop.ui: shop.services.orders -> shop.data.models"
        " -> shop.util.helpers -> shop.ui.widgets",
    ]
    orch.apply_changes([FileChange("shop/services/extra.py", deleted=True)])
    assert len(_messages(checker, "services-not-ui")) == 1
