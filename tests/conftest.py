"""Shared fixtures: real workspaces in tmp dirs, real LMDB stores, real orchestrators."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from graphwarden.analysis.orchestrator import Orchestrator
from tests.helpers import Checkpoints, write_files


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The long tests (`slow(seconds=...)`, the longest first) start before the
    rest: with several workers (pytest-xdist's `-n auto`, which the test command
    uses) they run side by side, and the short ones fill in around them."""

    def order(item: pytest.Item) -> tuple[int, float]:
        slow = item.get_closest_marker("slow")
        return (1, 0.0) if slow is None else (0, -float(slow.kwargs.get("seconds", 1)))

    items.sort(key=order)


@pytest.fixture
def make_workspace(tmp_path: Path) -> Callable[[dict[str, str | bytes]], Path]:
    def make(files: dict[str, str | bytes]) -> Path:
        root = tmp_path / "ws"
        root.mkdir(exist_ok=True)
        write_files(root, files)
        return root

    return make


@pytest.fixture
def open_orch() -> Iterator[Callable[..., Orchestrator]]:
    """Open orchestrators (workers=1: no process pool in unit tests); closed after the test."""
    opened: list[Orchestrator] = []

    def open_(root: Path, **kwargs: object) -> Orchestrator:
        kwargs.setdefault("workers", 1)
        orch = Orchestrator(root, **kwargs)  # type: ignore[arg-type]
        opened.append(orch)
        return orch

    yield open_
    for orch in opened:
        with contextlib.suppress(Exception):  # a test may have closed it already
            orch.close()


@pytest.fixture
def checkpoints(tmp_path: Path) -> Checkpoints:
    """Named points where a child process started with `checkpoints.env` can be held."""
    return Checkpoints(tmp_path / "checkpoints")
