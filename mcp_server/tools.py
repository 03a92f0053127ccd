"""The tools: name, description, input schema, and the `AgentWorkspace` method behind each.

The schemas are the contract an agent sees in `tools/list`; `server.py`
validates every call against them before the method runs, so a method only
ever gets the types its schema promises.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from graphwarden.analysis.agent import DEFAULT_LIMIT, MAX_LIMIT, AgentWorkspace

LIMIT = {
    "type": "integer",
    "minimum": 1,
    "maximum": MAX_LIMIT,
    "description": f"most items to return (default {DEFAULT_LIMIT}); "
    "results say truncated and total when cut",
}
_PATH = {"type": "string", "description": "workspace-relative path, e.g. pkg/mod.py"}
#: How a symbol is named: an id, a qualified or bare name, or a place in a file.
WHERE: dict[str, Any] = {
    "symbol": {
        "type": "string",
        "description": "graph id (pkg/mod.py->FUNCTION->f), qualified name (pkg.mod.f) "
        "or bare name (f); or give file + line + column instead",
    },
    "file": _PATH,
    "line": {"type": "integer", "minimum": 1, "description": "1-based line"},
    "column": {"type": "integer", "minimum": 1, "description": "1-based column (default 1)"},
}
SESSION = {"type": "string", "description": "the id session_begin returned"}


def _schema(properties: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": required or [],
        "additionalProperties": False,
    }


@dataclass(frozen=True)
class Tool:
    name: str
    description: str
    schema: dict[str, Any]
    #: Answers a call: the workspace and the validated arguments.
    run: Callable[[AgentWorkspace, dict[str, Any]], dict[str, Any]]
    #: Whether the tool changes files or the graph (an agent host may ask first).
    writes: bool = False


def _where(args: dict[str, Any]) -> dict[str, Any]:
    return {k: args[k] for k in ("symbol", "file", "line", "column") if k in args}


TOOLS: list[Tool] = [
    Tool(
        "query",
        "Run a Datalog query over the code graph (predicates: node/3, edge/3, attr/3, "
        "path/2... see `graphwarden rules`); returns the bindings.",
        _schema(
            {
                "datalog": {
                    "type": "string",
                    "description": '\'?- node(X, "CLASS"), attr(X, "name", N).\' or a bare body',
                },
                "limit": LIMIT,
            },
            ["datalog"],
        ),
        lambda ws, a: ws.query(a["datalog"], a.get("limit")),
    ),
    Tool(
        "symbols",
        "Search definitions (functions, classes, methods, modules...) by name: "
        "prefix matches first, then fuzzy.",
        _schema({"query": {"type": "string"}, "limit": LIMIT}, ["query"]),
        lambda ws, a: ws.symbols(a["query"], a.get("limit")),
    ),
    Tool(
        "definition",
        "Where a symbol is defined (by name, or the symbol at a file position).",
        _schema({**WHERE, "limit": LIMIT}),
        lambda ws, a: ws.definition(a.get("limit"), **_where(a)),
    ),
    Tool(
        "references",
        "Where a symbol is used (calls, imports, type uses, subclasses).",
        _schema({**WHERE, "limit": LIMIT}),
        lambda ws, a: ws.references(a.get("limit"), **_where(a)),
    ),
    Tool(
        "callers",
        "The definitions that call a function or method, with their call sites.",
        _schema({**WHERE, "limit": LIMIT}),
        lambda ws, a: ws.callers(a.get("limit"), **_where(a)),
    ),
    Tool(
        "callees",
        "The functions and methods a definition calls directly, with the call sites.",
        _schema({**WHERE, "limit": LIMIT}),
        lambda ws, a: ws.callees(a.get("limit"), **_where(a)),
    ),
    Tool(
        "blast_radius",
        "Everything that depends on a symbol, or on every definition of a file "
        "(give only 'file'), transitively: the definitions and their files.",
        _schema({**WHERE, "limit": LIMIT}),
        lambda ws, a: ws.blast_radius(a.get("limit"), **_where(a)),
    ),
    Tool(
        "check",
        "The guarantees' results (contract violations, Datalog rules, taint findings) "
        "for the workspace as it is on disk, or only for some files.",
        _schema(
            {"files": {"type": "array", "items": _PATH, "maxItems": MAX_LIMIT}, "limit": LIMIT}
        ),
        lambda ws, a: ws.check(a.get("files"), a.get("limit")),
    ),
    Tool(
        "session_begin",
        "Begin an editing session on the graph as it is now. Returns its id. Edits stay "
        "in the session until session_commit; nothing touches disk before.",
        _schema({}),
        lambda ws, a: ws.session_begin(),
    ),
    Tool(
        "session_apply",
        "Add changes to a session: 'files' (path -> new full contents; null deletes) "
        "or 'diff' (a unified diff, as git diff prints it).",
        _schema(
            {
                "session": SESSION,
                "files": {
                    "type": "object",
                    "additionalProperties": {"type": ["string", "null"]},
                    "maxProperties": MAX_LIMIT,
                },
                "diff": {"type": "string"},
            },
            ["session"],
        ),
        lambda ws, a: ws.session_apply(a["session"], a.get("files"), a.get("diff")),
    ),
    Tool(
        "session_check",
        "The guarantee results the session's changes would produce against the committed "
        "graph (introduced and resolved violations), without writing anything.",
        _schema({"session": SESSION, "limit": LIMIT}, ["session"]),
        lambda ws, a: ws.session_check(a["session"], a.get("limit")),
    ),
    Tool(
        "session_commit",
        "Write the session's files and commit them to the graph. Refused, with a "
        "conflict report and nothing written, if any of its files changed since "
        "session_begin (on disk, in an editor, or in another session). Ends the session.",
        _schema({"session": SESSION}, ["session"]),
        lambda ws, a: ws.session_commit(a["session"]),
        writes=True,
    ),
    Tool(
        "session_abort",
        "Drop a session and its changes.",
        _schema({"session": SESSION}, ["session"]),
        lambda ws, a: ws.session_abort(a["session"]),
    ),
]

BY_NAME = {t.name: t for t in TOOLS}
