"""workspace/executeCommand: graphwarden.blastRadius, graphwarden.reindex, graphwarden.query."""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer

from graphwarden.analysis.guarantees.datalog import DatalogError, LimitExceeded
from graphwarden.analysis.model import NodeType
from graphwarden.lsp_server.lookup import (
    DEPENDENCY_EDGES,
    enclosing_definition,
    selection,
    symbol_kind,
)

log = logging.getLogger(__name__)

BLAST_RADIUS = "graphwarden.blastRadius"
REINDEX = "graphwarden.reindex"
QUERY = "graphwarden.query"
#: LSP's RequestFailed: the request was well-formed, and could not be answered.
REQUEST_FAILED = -32803
#: Symbols visited by one blast radius (a hub symbol reaches most of a repository).
MAX_BLAST_SYMBOLS = 500


def _position(arg: Any) -> types.Position | None:
    if isinstance(arg, dict):
        try:
            return types.Position(int(arg["line"]), int(arg["character"]))
        except (KeyError, TypeError, ValueError):
            return None
    return None


def blast_radius(ls: Any, uri: str, position: types.Position) -> dict[str, Any]:
    """Files and symbols depending (transitively) on the symbol at a position."""
    empty: dict[str, Any] = {"symbol": None, "files": [], "symbols": []}
    with ls.reading(uri) as r:
        if r is None:
            return empty
        roots = r.definitions_at(position)
        if not roots:
            return empty
        seen = {n.id for n in roots}
        queue = deque(roots)
        dependents = []
        truncated = False
        while queue:
            node = queue.popleft()
            for etype in DEPENDENCY_EDGES:
                for e in r.snap.edges_in(node.id, etype):
                    src = r.snap.node(e.src)
                    if src is None or not src.file:
                        continue
                    # A call or import site stands for the definition around it.
                    dep = src
                    if src.type in (NodeType.CALL, NodeType.IMPORT, NodeType.EXPORT):
                        dep = enclosing_definition(r.snap, src) or src
                    if dep.id in seen:
                        continue
                    if len(seen) >= MAX_BLAST_SYMBOLS:
                        truncated = True
                        continue
                    seen.add(dep.id)
                    dependents.append(dep)
                    queue.append(dep)
        symbols = [
            {
                "name": d.name,
                "kind": int(symbol_kind(d)),
                "uri": ls.uri_of(r.state, d.file),
                "range": ls.converter(r.state, d.file).range(selection(d)),
            }
            for d in dependents
        ]
        return {
            "symbol": roots[0].id,
            "files": sorted({d.file for d in dependents}),
            "symbols": symbols,
            "truncated": truncated,
        }


def register(server: Any) -> None:
    """Register the commands (annotations are runtime types: pygls inspects them)."""

    @server.command(BLAST_RADIUS)
    def blast_radius_command(ls: LanguageServer, *args: Any) -> dict[str, Any]:
        if len(args) < 2 or not isinstance(args[0], str) or _position(args[1]) is None:
            raise JsonRpcInvalidParams("graphwarden.blastRadius expects [uri, {line, character}]")
        position = _position(args[1])
        assert position is not None
        result = blast_radius(ls, args[0], position)
        # Ranges as plain JSON (the command result is untyped).
        for s in result["symbols"]:
            rng = s["range"]
            s["range"] = {
                "start": {"line": rng.start.line, "character": rng.start.character},
                "end": {"line": rng.end.line, "character": rng.end.character},
            }
        return result

    @server.command(REINDEX)
    async def reindex_command(ls: LanguageServer, *args: Any) -> dict[str, Any]:
        t0 = time.perf_counter()
        files = 0
        states = ls.workspaces.states()  # type: ignore[attr-defined]
        if args and isinstance(args[0], str):
            found = ls.workspaces.locate(args[0])  # type: ignore[attr-defined]
            states = [found[0]] if found else []
        for state in states:
            stats = await state.run_reindex()
            if stats is not None:
                files += stats.files
        return {"files": files, "seconds": round(time.perf_counter() - t0, 3)}

    @server.command(QUERY)
    async def query_command(ls: LanguageServer, *args: Any) -> dict[str, Any]:
        if not args or not isinstance(args[0], str):
            raise JsonRpcInvalidParams("graphwarden.query expects [datalog text]")
        text = args[0]
        states = ls.workspaces.states()  # type: ignore[attr-defined]
        if len(args) > 1 and isinstance(args[1], str):
            found = ls.workspaces.locate(args[1])  # type: ignore[attr-defined]
            states = [found[0]] if found else []
        bindings: list[dict[str, str]] = []
        loop = asyncio.get_running_loop()
        for state in states:
            orch = state.orch
            if orch is None:
                continue
            # A query can scan the whole graph: not on the event loop, and not
            # in the cycle executor (it must not wait for a cycle).
            try:
                bindings.extend(await loop.run_in_executor(None, orch.query, text))
            except DatalogError as exc:  # the query's own fault, at its line
                raise JsonRpcInvalidParams(f"graphwarden.query: {exc}") from None
            except LimitExceeded as exc:
                raise JsonRpcException(
                    f"graphwarden.query: too broad: {exc}", code=REQUEST_FAILED
                ) from None
        return {"bindings": bindings}
