"""The MCP server's tools over stdio, with the SDK's client: schemas, fixed answers, errors."""

from __future__ import annotations

from pathlib import Path

import jsonschema

from tests.mcp.conftest import RULE, call, call_error, mcp_session

TOOLS = {
    "query",
    "symbols",
    "definition",
    "references",
    "callers",
    "callees",
    "blast_radius",
    "check",
    "session_begin",
    "session_apply",
    "session_check",
    "session_commit",
    "session_abort",
}


async def test_every_tool_has_a_schema(repo: Path) -> None:
    async with mcp_session(repo) as client:
        tools = (await client.list_tools()).tools
    assert {t.name for t in tools} == TOOLS
    for tool in tools:
        assert tool.description
        jsonschema.Draft202012Validator.check_schema(tool.input_schema)
        assert tool.input_schema["type"] == "object"
        assert tool.input_schema["additionalProperties"] is False
        if "limit" in tool.input_schema["properties"]:
            assert tool.input_schema["properties"]["limit"]["maximum"] == 1000
    writes = {t.name for t in tools if t.annotations and not t.annotations.read_only_hint}
    assert writes == {"session_commit"}


async def test_questions_have_fixed_answers(repo: Path) -> None:
    async with mcp_session(repo) as client:
        found = await call(client, "symbols", query="total")
        assert [s["id"] for s in found["symbols"]] == ["app/domain.py->FUNCTION->total"]
        assert found["truncated"] is False

        definition = await call(client, "definition", symbol="app.domain.total")
        assert definition["definitions"] == [
            {
                "id": "app/domain.py->FUNCTION->total",
                "name": "total",
                "kind": "FUNCTION",
                "qualified_name": "app.domain.total",
                "file": "app/domain.py",
                "line": 5,
                "column": 1,
                "end_line": 6,
                "end_column": 40,
            }
        ]
        # The same symbol by its place: `total` called on line 5 of app/web.py.
        at = await call(client, "definition", file="app/web.py", line=5, column=13)
        assert [d["id"] for d in at["definitions"]] == ["app/domain.py->FUNCTION->total"]

        refs = await call(client, "references", symbol="total")
        assert sorted((r["file"], r["line"]) for r in refs["references"]) == [
            ("app/web.py", 1),
            ("app/web.py", 5),
        ]

        callers = await call(client, "callers", symbol="app.domain.price")
        assert [c["id"] for c in callers["callers"]] == ["app/domain.py->FUNCTION->total"]
        assert callers["callers"][0]["sites"] == [
            {"file": "app/domain.py", "line": 6, "column": 16, "end_line": 6, "end_column": 21}
        ]

        callees = await call(client, "callees", symbol="app/web.py->FUNCTION->page")
        assert [c["id"] for c in callees["callees"]] == ["app/web.py->FUNCTION->handler"]

        radius = await call(client, "blast_radius", symbol="app.domain.price")
        assert {d["id"] for d in radius["dependents"]} >= {
            "app/domain.py->FUNCTION->total",
            "app/web.py->FUNCTION->handler",
            "app/web.py->FUNCTION->page",
        }
        assert radius["files"] == ["app/domain.py", "app/web.py"]
        of_file = await call(client, "blast_radius", file="app/web.py")
        assert of_file["dependents"] == [] and of_file["files"] == []

        rows = await call(
            client, "query", datalog='?- node(X, "FUNCTION"), attr(X, "name", "price").'
        )
        assert rows == {
            "rows": [{"X": "app/domain.py->FUNCTION->price"}],
            "total": 1,
            "truncated": False,
        }

        clean = await call(client, "check")
        assert clean["violations"] == [] and clean["errors"] == 0


async def test_limits_cut_and_say_so(repo: Path) -> None:
    async with mcp_session(repo) as client:
        rows = await call(
            client, "query", datalog='?- node(X, "FUNCTION"), attr(X, "name", N).', limit=1
        )
        assert len(rows["rows"]) == 1
        assert rows["truncated"] is True and rows["total"] == 4
        found = await call(client, "symbols", query="a", limit=1)
        assert len(found["symbols"]) == 1 and found["truncated"] is True


async def test_check_reports_violations_for_some_files(repo: Path) -> None:
    domain = repo / "app/domain.py"
    domain.write_text("from app.web import handler\n" + domain.read_text())
    async with mcp_session(repo) as client:
        everything = await call(client, "check")
        assert [(v["rule"], v["file"], v["line"]) for v in everything["violations"]] == [
            (RULE, "app/domain.py", 1)
        ]
        assert everything["errors"] == 1
        only_web = await call(client, "check", files=["app/web.py"])
        assert only_web["violations"] == [] and only_web["total"] == 0


async def test_bad_arguments_are_one_line_tool_errors(repo: Path) -> None:
    async with mcp_session(repo) as client:
        assert "no symbol 'nope'" in await call_error(client, "definition", symbol="nope")
        assert "query error" in await call_error(client, "query", datalog="?- nonsense(")
        assert "bad arguments for symbols" in await call_error(client, "symbols")
        assert "bad arguments for check" in await call_error(client, "check", limit=0)
        assert "bad arguments for query" in await call_error(
            client, "query", datalog="?- x.", extra=1
        )
        assert "unknown tool" in await call_error(client, "rm_rf")
        assert "no session" in await call_error(client, "session_check", session="nope")
        session = (await call(client, "session_begin"))["session"]
        for bad in ("../outside.py", "/etc/passwd", ".git/hooks/pre-commit", "a/../../b.py"):
            message = await call_error(client, "session_apply", session=session, files={bad: "x"})
            assert "not allowed" in message or "may not" in message, message
        assert "does not apply" in await call_error(
            client,
            "session_apply",
            session=session,
            diff="--- a/app/web.py\n+++ b/app/web.py\n@@ -1,1 +1,1 @@\n-nothing like this\n+x\n",
        )
        # The server is still there.
        assert (await call(client, "symbols", query="price"))["total"] == 1


async def test_check_reports_taint_findings(repo: Path) -> None:
    (repo / "app/views.py").write_text(
        "from flask import request\nimport os\n\n\ndef run():\n    os.system(request.args['cmd'])\n"
    )
    async with mcp_session(repo) as client:
        found = await call(client, "check", files=["app/views.py"])
        assert [(v["rule"], v["file"], v["line"]) for v in found["violations"]] == [
            ("command-injection", "app/views.py", 6)
        ]
