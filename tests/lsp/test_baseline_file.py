"""The server's view of `graphwarden-baseline.json`: regular files only, never through a link."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from graphwarden.analysis.guarantees.baseline import BaselineError, read_baseline
from graphwarden.analysis.guarantees.results import Violation
from graphwarden.lsp_server.baseline import WorkspaceBaseline


def violation(message: str) -> Violation:
    return Violation(
        rule="r", severity="error", message=message, file="a.py", node_id="a.py->MODULE"
    )


def test_added_violations_are_known_and_kept(tmp_path: Path) -> None:
    baseline = WorkspaceBaseline(tmp_path)
    assert baseline.known() == frozenset()
    one, two = violation("one"), violation("two")
    assert baseline.add([one]) == 1
    assert baseline.known() == {one.fingerprint}
    assert baseline.add([one, two]) == 1
    assert baseline.known() == {one.fingerprint, two.fingerprint}
    assert read_baseline(baseline.path) == {one.fingerprint, two.fingerprint}
    baseline.path.write_text("not json")
    assert baseline.known() == frozenset()  # logged, nothing hidden
    with pytest.raises(BaselineError):
        baseline.add([one])  # a file that is not a baseline is left alone
    assert baseline.path.read_text() == "not json"


def test_a_fifo_is_never_read(tmp_path: Path) -> None:
    baseline = WorkspaceBaseline(tmp_path)
    os.mkfifo(baseline.path)
    assert baseline.known() == frozenset()  # returns: opening it would block
    with pytest.raises(BaselineError, match="not a regular file"):
        baseline.add([violation("one")])
    with pytest.raises(BaselineError):
        read_baseline(baseline.path)  # the command line's --baseline too


def test_a_symlink_is_neither_followed_nor_replaced(tmp_path: Path) -> None:
    outside = tmp_path / "outside.json"
    WorkspaceBaseline(tmp_path).add([violation("one")])
    (tmp_path / "graphwarden-baseline.json").rename(outside)
    folder = tmp_path / "ws"
    folder.mkdir()
    baseline = WorkspaceBaseline(folder)
    baseline.path.symlink_to(outside)
    assert baseline.known() == frozenset()
    before = outside.read_text()
    with pytest.raises(BaselineError, match="not a regular file"):
        baseline.add([violation("two")])
    assert baseline.path.is_symlink() and outside.read_text() == before
