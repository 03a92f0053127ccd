"""Editing sessions over MCP: what-if checks that write nothing, commits, and conflicts."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from typing import Any

from tests.mcp.conftest import (
    DOMAIN,
    FORBIDDEN_DIFF,
    FORBIDDEN_LINE,
    RULE,
    call,
    call_error,
    mcp_session,
    store_revision,
)

WEB = "app/web.py"


async def test_a_forbidden_import_is_seen_before_commit_and_nothing_changes(repo: Path) -> None:
    before = (repo / DOMAIN).read_bytes()
    async with mcp_session(repo) as client:
        for how in ("diff", "files"):
            session = (await call(client, "session_begin"))["session"]
            if how == "diff":
                await call(client, "session_apply", session=session, diff=FORBIDDEN_DIFF)
            else:
                new = FORBIDDEN_LINE + before.decode()
                await call(client, "session_apply", session=session, files={DOMAIN: new})
            revision = store_revision(repo)
            report = await call(client, "session_check", session=session)
            assert [(v["rule"], v["file"], v["line"]) for v in report["introduced"]] == [
                (RULE, DOMAIN, 1)
            ], how
            assert report["errors"] == 1 and report["revision"] == revision
            assert report["reenriched_files"] >= 1
            # Nothing on disk, nothing in the store.
            assert (repo / DOMAIN).read_bytes() == before
            assert store_revision(repo) == revision
            assert (await call(client, "check"))["violations"] == []
            await call(client, "session_abort", session=session)
            assert "no session" in await call_error(client, "session_check", session=session)


async def test_a_commit_writes_the_file_and_check_shows_it(repo: Path) -> None:
    async with mcp_session(repo) as client:
        session = (await call(client, "session_begin"))["session"]
        await call(client, "session_apply", session=session, diff=FORBIDDEN_DIFF)
        revision = store_revision(repo)
        done = await call(client, "session_commit", session=session)
        assert done["ok"] is True and done["written"] == [DOMAIN]
        assert [v["rule"] for v in done["violations_in_files"]] == [RULE]
        assert (repo / DOMAIN).read_text().startswith(FORBIDDEN_LINE)
        assert store_revision(repo) > revision
        found = await call(client, "check")
        assert [(v["rule"], v["file"]) for v in found["violations"]] == [(RULE, DOMAIN)]
        # The session is over.
        assert "no session" in await call_error(client, "session_commit", session=session)


async def test_two_sessions_on_one_file_the_second_conflicts(repo: Path) -> None:
    async with mcp_session(repo) as client:
        first = (await call(client, "session_begin"))["session"]
        second = (await call(client, "session_begin"))["session"]
        original = (repo / WEB).read_text()
        await call(client, "session_apply", session=first, files={WEB: original + "\nA = 1\n"})
        await call(client, "session_apply", session=second, files={WEB: original + "\nB = 2\n"})
        assert (await call(client, "session_commit", session=first))["ok"] is True
        refused = await call(client, "session_commit", session=second)
        assert refused["ok"] is False
        assert [c["path"] for c in refused["conflicts"]] == [WEB]
        assert refused["conflicts"][0]["source"] == "graph"
        assert WEB in refused["message"]
        assert (repo / WEB).read_text() == original + "\nA = 1\n"


async def test_sessions_in_two_servers_conflict(repo: Path) -> None:
    """The second server learns of the first's commit from the store, not from memory."""
    async with mcp_session(repo) as one, mcp_session(repo) as two:
        a = (await call(one, "session_begin"))["session"]
        b = (await call(two, "session_begin"))["session"]
        original = (repo / WEB).read_text()
        await call(one, "session_apply", session=a, files={WEB: original + "\nA = 1\n"})
        await call(two, "session_apply", session=b, files={WEB: original + "\nB = 2\n"})
        assert (await call(one, "session_commit", session=a))["ok"] is True
        refused = await call(two, "session_commit", session=b)
        assert refused["ok"] is False and [c["path"] for c in refused["conflicts"]] == [WEB]
        assert (repo / WEB).read_text() == original + "\nA = 1\n"


async def test_a_file_changed_on_disk_after_begin_conflicts(repo: Path) -> None:
    async with mcp_session(repo) as client:
        session = (await call(client, "session_begin"))["session"]
        await call(client, "session_apply", session=session, diff=FORBIDDEN_DIFF)
        # An editor saves the file meanwhile.
        saved = (repo / DOMAIN).read_text() + "\n# saved in an editor\n"
        (repo / DOMAIN).write_text(saved)
        refused = await call(client, "session_commit", session=session)
        assert refused["ok"] is False
        assert refused["conflicts"] == [
            {
                "path": DOMAIN,
                "source": "disk",
                "message": f"{DOMAIN} changed on disk since the session began",
            }
        ]
        assert (repo / DOMAIN).read_text() == saved


async def test_new_and_deleted_files(repo: Path) -> None:
    async with mcp_session(repo) as client:
        session = (await call(client, "session_begin"))["session"]
        await call(
            client,
            "session_apply",
            session=session,
            files={"app/extra.py": "def extra():\n    return 1\n", "app/web.py": None},
        )
        report = await call(client, "session_check", session=session)
        assert report["files"] == ["app/extra.py", "app/web.py"]
        assert (await call(client, "session_commit", session=session))["ok"] is True
        assert (repo / "app/extra.py").exists() and not (repo / "app/web.py").exists()
        found = await call(client, "symbols", query="extra")
        assert "app/extra.py->FUNCTION->extra" in {s["id"] for s in found["symbols"]}


async def test_symlinks_out_of_the_workspace_are_refused(repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (repo / "app/link").symlink_to(outside, target_is_directory=True)
    async with mcp_session(repo) as client:
        session = (await call(client, "session_begin"))["session"]
        message = await call_error(
            client, "session_apply", session=session, files={"app/link/evil.py": "x = 1\n"}
        )
        assert "symbolic link" in message
    assert list(outside.iterdir()) == []


async def test_session_check_reports_parse_errors_of_the_changes(repo: Path) -> None:
    async with mcp_session(repo) as client:
        session = (await call(client, "session_begin"))["session"]
        await call(client, "session_apply", session=session, files={WEB: "def broken(:\n"})
        report = await call(client, "session_check", session=session)
        assert [(e["file"], e["line"]) for e in report["parse_errors"]] == [(WEB, 1)]
        assert (repo / WEB).read_text().startswith("from app.domain import total")


async def test_open_sessions_are_capped(repo: Path) -> None:
    async with mcp_session(repo) as client:
        opened = [(await call(client, "session_begin"))["session"] for _ in range(16)]
        assert "sessions are open" in await call_error(client, "session_begin")
        await call(client, "session_abort", session=opened[0])
        await call(client, "session_begin")


async def test_a_directory_turned_symlink_before_commit_is_refused(
    repo: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (repo / "app/sub").mkdir()
    async with mcp_session(repo) as client:
        session = (await call(client, "session_begin"))["session"]
        await call(client, "session_apply", session=session, files={"app/sub/x.py": "X = 1\n"})
        (repo / "app/sub").rmdir()
        (repo / "app/sub").symlink_to(outside, target_is_directory=True)
        assert "symbolic link" in await call_error(client, "session_commit", session=session)
    assert list(outside.iterdir()) == []


async def test_a_watch_committing_the_file_conflicts(repo: Path) -> None:
    """`graphwarden watch` (another process) commits a saved file: the session learns it
    from the store."""
    watch = await asyncio.create_subprocess_exec(
        sys.executable,
        "-I",
        "-m",
        "graphwarden",
        "watch",
        str(repo),
        "--format",
        "json",
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
    )
    stdout = watch.stdout
    assert stdout is not None

    async def next_event() -> dict[str, Any]:
        line = await asyncio.wait_for(stdout.readline(), 120)
        assert line, "watch exited"
        event: dict[str, Any] = json.loads(line)
        return event

    try:
        assert "watching" in await next_event()
        async with mcp_session(repo) as client:
            session = (await call(client, "session_begin"))["session"]
            original = (repo / WEB).read_text()
            await call(client, "session_apply", session=session, files={WEB: original + "A = 1\n"})
            (repo / WEB).write_text(original + "SAVED = 1\n")
            while WEB not in (await next_event()).get("changed", []):
                pass
            refused = await call(client, "session_commit", session=session)
            assert refused["ok"] is False
            assert [(c["path"], c["source"]) for c in refused["conflicts"]] == [(WEB, "graph")]
            assert (repo / WEB).read_text() == original + "SAVED = 1\n"
    finally:
        watch.terminate()
        await watch.wait()
