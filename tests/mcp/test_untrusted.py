"""`graphwarden mcp` on a hostile workspace: no workspace code runs, whatever the launcher."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.mcp.conftest import call, mcp_session
from tests.test_untrusted_workspace import assert_payload_works, hostile_workspace

BIN = Path(sys.executable).parent
LAUNCHERS = {
    "console-script": [str(BIN / "graphwarden"), "mcp"],
    "python -I -m graphwarden": [sys.executable, "-I", "-m", "graphwarden", "mcp"],
}


@pytest.mark.parametrize("launcher", sorted(LAUNCHERS))
async def test_mcp_never_imports_workspace_code(tmp_path: Path, launcher: str) -> None:
    root, evidence = hostile_workspace(tmp_path)
    assert_payload_works(root, evidence)
    async with mcp_session(root, LAUNCHERS[launcher]) as client:
        found = await call(client, "symbols", query="hostile_marker_79")
        assert [s["name"] for s in found["symbols"]] == ["hostile_marker_79"]
        session = (await call(client, "session_begin"))["session"]
        await call(
            client,
            "session_apply",
            session=session,
            files={"app/m1.py": "import mcp\nimport anyio\n\n\ndef changed():\n    return 1\n"},
        )
        await call(client, "session_check", session=session)
        assert (await call(client, "session_commit", session=session))["ok"] is True
        assert (await call(client, "check"))["errors"] == 0
    assert sorted(p.name for p in evidence.iterdir()) == []
