"""The MCP server: the official SDK's low-level server on stdio, over one `AgentWorkspace`.

Every tool call is validated against its schema (tools.py), then run on one
worker thread (the store's transactions belong to the thread that opened
them, and the workspace does one thing at a time anyway); the event loop
stays free to read the next message. The workspace is opened and brought up
to date with the disk on that thread as soon as the server starts, so the
handshake never waits for an index; the first call waits for it instead.

Errors: a bad argument or request (`AgentError`, a schema violation) is a
tool error of one line; anything else is logged with its traceback and
answered as a tool error naming the exception; the server keeps running.
Results are JSON text (and the same object as structured content), never
larger than MAX_RESULT_CHARS.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import jsonschema
import mcp_types as types
from mcp.server.context import ServerRequestContext
from mcp.server.lowlevel import Server
from mcp.server.stdio import stdio_server

from graphwarden.analysis import __version__
from graphwarden.analysis.agent import AgentError, AgentWorkspace
from graphwarden.analysis.workspace import OpenWorkspace
from graphwarden.mcp_server.tools import BY_NAME, TOOLS

log = logging.getLogger("graphwarden.mcp")

#: A result serialised larger than this is replaced by a note to ask for less.
MAX_RESULT_CHARS = 512 * 1024

INSTRUCTIONS = """\
graphwarden: the code graph of this workspace and its architecture guarantees
(contracts, Datalog rules, taint analysis). Ask about code with symbols,
definition, references, callers, callees, blast_radius, query; see what is
broken with check. To edit safely: session_begin, session_apply (new contents
or a unified diff), session_check (the violations your edit would introduce,
before anything is written), then session_commit (writes the files; refused
with a conflict report if they changed meanwhile) or session_abort.
"""


class McpApp:
    """The server's state: the workspace (opened on the worker thread) and the tools."""

    def __init__(self, open_workspace: Callable[[], OpenWorkspace]) -> None:
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="graphwarden-mcp")
        self._agent: Future[AgentWorkspace] = self._executor.submit(self._open, open_workspace)

    @staticmethod
    def _open(open_workspace: Callable[[], OpenWorkspace]) -> AgentWorkspace:
        agent = AgentWorkspace(open_workspace())
        stats = agent.sync()
        log.info("graphwarden mcp: %s at revision %s", agent.root, stats["revision"])
        return agent

    def close(self) -> None:
        def shut() -> None:
            if self._agent.done() and self._agent.exception() is None:
                self._agent.result().close()

        self._executor.submit(shut).result()
        self._executor.shutdown()

    async def list_tools(
        self, ctx: ServerRequestContext[Any], params: types.PaginatedRequestParams | None
    ) -> types.ListToolsResult:
        return types.ListToolsResult(
            tools=[
                types.Tool(
                    name=t.name,
                    description=t.description,
                    input_schema=t.schema,
                    annotations=types.ToolAnnotations(
                        read_only_hint=not t.writes,
                        destructive_hint=False,
                        open_world_hint=False,
                    ),
                )
                for t in TOOLS
            ]
        )

    async def call_tool(
        self, ctx: ServerRequestContext[Any], params: types.CallToolRequestParams
    ) -> types.CallToolResult:
        tool = BY_NAME.get(params.name)
        if tool is None:
            return _error(f"unknown tool {params.name!r} (tools: {', '.join(BY_NAME)})")
        args = dict(params.arguments or {})
        try:
            jsonschema.validate(args, tool.schema)
        except jsonschema.ValidationError as exc:
            where = ".".join(str(p) for p in exc.absolute_path)
            return _error(
                f"bad arguments for {tool.name}: {where + ': ' if where else ''}{exc.message}"
            )
        loop = asyncio.get_running_loop()

        def run() -> dict[str, Any]:
            return tool.run(self._agent.result(), args)

        try:
            result = await loop.run_in_executor(self._executor, run)
        except AgentError as exc:
            return _error(str(exc).splitlines()[0] if str(exc) else "bad request")
        except Exception as exc:
            log.exception("tool %s failed", tool.name)
            return _error(
                f"{tool.name} failed: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
            )
        text = json.dumps(result, ensure_ascii=False, separators=(",", ":"))
        if len(text) > MAX_RESULT_CHARS:
            result = {
                "truncated": True,
                "message": f"the result is over {MAX_RESULT_CHARS} characters: "
                "ask again with a smaller limit",
            }
            text = json.dumps(result)
        return types.CallToolResult(
            content=[types.TextContent(type="text", text=text)],
            structured_content=result,
        )


def _error(message: str) -> types.CallToolResult:
    return types.CallToolResult(
        content=[types.TextContent(type="text", text=message)], is_error=True
    )


def build_server(app: McpApp) -> Server[Any]:
    return Server(
        "graphwarden",
        version=__version__,
        instructions=INSTRUCTIONS,
        on_list_tools=app.list_tools,
        on_call_tool=app.call_tool,
    )


async def serve_stdio(open_workspace: Callable[[], OpenWorkspace]) -> None:
    """Serve MCP on stdin/stdout until the client closes the connection."""
    app = McpApp(open_workspace)
    server = build_server(app)
    try:
        async with stdio_server() as (read_stream, write_stream):
            await server.run(read_stream, write_stream, server.create_initialization_options())
    finally:
        await asyncio.get_running_loop().run_in_executor(None, app.close)


def main(open_workspace: Callable[[], OpenWorkspace]) -> None:
    asyncio.run(serve_stdio(open_workspace))
