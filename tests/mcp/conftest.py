"""End-to-end fixtures: `graphwarden mcp` over stdio, driven by the MCP SDK's own client.

Every test starts `python -I -m graphwarden mcp ROOT` in a subprocess and talks
to it with `mcp.client.stdio.stdio_client` and `ClientSession`, on a small
repository written to tmp_path with a `[tool.graphwarden]` forbidden contract.
"""

from __future__ import annotations

import contextlib
import json
import sys
import textwrap
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from mcp.client.session import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client
from mcp.types import TextContent

RULE = "domain-independent-of-web"

PYPROJECT = f"""\
[project]
name = "shop"
version = "0"

[tool.graphwarden]

[[tool.graphwarden.contracts]]
name = "{RULE}"
type = "forbidden"
source_modules = ["app.domain"]
forbidden_modules = ["app.web"]
severity = "error"
"""

FILES = {
    "pyproject.toml": PYPROJECT,
    "app/__init__.py": "",
    "app/domain.py": """\
        def price(x):
            return x * 2


        def total(items):
            return sum(price(i) for i in items)
        """,
    "app/web.py": """\
        from app.domain import total


        def handler(request):
            return total(request)


        def page(request):
            return handler(request)
        """,
}

#: app/domain.py with a forbidden import added, as full contents and as a diff.
DOMAIN = "app/domain.py"
FORBIDDEN_LINE = "from app.web import handler\n"
FORBIDDEN_DIFF = """\
--- a/app/domain.py
+++ b/app/domain.py
@@ -1,2 +1,4 @@
+from app.web import handler
+
 def price(x):
     return x * 2
"""


def write_repo(root: Path, files: dict[str, str] = FILES) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return write_repo(tmp_path / "shop")


@contextlib.asynccontextmanager
async def mcp_session(root: Path, command: list[str] | None = None) -> AsyncIterator[ClientSession]:
    """An initialised MCP client session on `graphwarden mcp root` (`command`: another launcher)."""
    argv = command or [sys.executable, "-I", "-m", "graphwarden", "mcp"]
    params = StdioServerParameters(command=argv[0], args=[*argv[1:], str(root)], cwd=root)
    async with (
        stdio_client(params) as (read, write),
        ClientSession(read, write, read_timeout_seconds=120) as client,
    ):
        await client.initialize()
        yield client


def _text(result: Any) -> str:
    """A tool result's one text block (graphwarden's tools answer with exactly one)."""
    block = result.content[0]
    assert isinstance(block, TextContent), block
    return block.text


async def call(client: ClientSession, tool: str, **arguments: Any) -> dict[str, Any]:
    """A tool's result as the JSON object it returned; fails the test on a tool error."""
    result = await client.call_tool(tool, arguments)
    text = _text(result)
    assert not result.is_error, f"{tool} failed: {text}"
    data: dict[str, Any] = json.loads(text)
    assert result.structured_content == data
    return data


async def call_error(client: ClientSession, tool: str, **arguments: Any) -> str:
    """The one-line message of a tool error (fails the test if the call succeeded)."""
    result = await client.call_tool(tool, arguments)
    text = _text(result)
    assert result.is_error, f"{tool} should have failed, gave {text}"
    assert "\n" not in text
    return text


def store_revision(root: Path) -> int:
    """The store's revision, read directly (no server involved)."""
    from graphwarden.analysis.store.graph_store import StoreReader

    reader = StoreReader(root / ".graphwarden")
    try:
        with reader.snapshot() as snap:
            return snap.revision
    finally:
        reader.close()
