"""The picture tests' repository (`fixture/`), copied and indexed once per module."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from graphwarden.analysis.pictures import GraphOptions, ModuleGraph, workspace_picture
from graphwarden.analysis.pictures.builder import DEFAULT_OPTIONS
from graphwarden.analysis.pictures.model import HighlightedPath
from graphwarden.analysis.workspace import OpenWorkspace, UserChoices, open_workspace

FIXTURE = Path(__file__).parent / "fixture"


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the fixture repository: indexing writes its store inside the workspace."""
    root = tmp_path_factory.mktemp("pictures") / "shop-repo"
    shutil.copytree(FIXTURE, root)
    return root


@pytest.fixture(scope="module")
def workspace(repo: Path) -> Iterator[OpenWorkspace]:
    ws = open_workspace(repo, UserChoices(workers=1))
    assert not ws.config_errors, ws.config_errors
    ws.orchestrator.index_repository()
    yield ws
    ws.close()


def draw(
    ws: OpenWorkspace,
    options: GraphOptions = DEFAULT_OPTIONS,
    *,
    layers: str | None = None,
    extra_paths: tuple[HighlightedPath, ...] = (),
) -> ModuleGraph:
    with ws.orchestrator.snapshot() as snap:
        return workspace_picture(
            snap,
            ws.settings,
            ws.checker.rules,
            ws.checker.violations,
            options,
            layers=layers,
            extra_paths=extra_paths,
        )
