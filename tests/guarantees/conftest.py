"""Fixtures for guarantee tests: a layered fixture package indexed end to end."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from graphwarden.analysis.guarantees.checker import GuaranteeChecker
from graphwarden.analysis.orchestrator import Orchestrator

#: A small package with known import-contract breaks:
#: util (lowest layer) imports ui (highest), data imports services.
SHOP = {
    "shop/__init__.py": "",
    "shop/ui/__init__.py": "",
    "shop/ui/views.py": "from shop.services import orders\n",
    "shop/ui/widgets.py": "X = 1\n",
    "shop/services/__init__.py": "",
    "shop/services/orders.py": "from shop.data import models\nimport shop.util\n",
    "shop/data/__init__.py": "",
    "shop/data/models.py": "from shop.util import helpers\n",
    "shop/data/cache.py": "import shop.services.orders\n",
    "shop/util/__init__.py": "",
    "shop/util/helpers.py": "from shop.ui import widgets\n",
}


@pytest.fixture
def check_workspace(
    make_workspace: Callable[[dict[str, str | bytes]], Path],
    open_orch: Callable[..., Orchestrator],
) -> Callable[..., tuple[Orchestrator, GuaranteeChecker]]:
    """Write files (config included), index with the checker hooked in."""

    def run(files: dict[str, str | bytes]) -> tuple[Orchestrator, GuaranteeChecker]:
        root = make_workspace(files)
        orch = open_orch(root)
        checker = GuaranteeChecker(orch.settings)
        assert not orch.config_errors, orch.config_errors
        assert not checker.load_errors, checker.load_errors
        orch.guarantee_hook = checker
        orch.index_repository()
        return orch, checker

    return run
