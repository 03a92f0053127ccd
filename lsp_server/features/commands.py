"""workspace/executeCommand: graphwarden.blastRadius, graphwarden.reindex, graphwarden.query.

pygls reads the handlers' annotations at run time to structure the
arguments, so every name in them is imported for real (no TYPE_CHECKING).
The arguments are typed `Any`, not `object`: pygls passes the server as the
first argument of a handler whose first parameter's annotation the server's
class is a subclass of, and every class is a subclass of `object`.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer

from graphwarden.analysis.guarantees.datalog import DatalogError, LimitExceeded, run_query
from graphwarden.analysis.navigation import blast_radius, selection
from graphwarden.analysis.store.graph_store import StoreReader
from graphwarden.lsp_server.convert import json_range, symbol_kind
from graphwarden.lsp_server.requests import DocumentReading, Requests
from graphwarden.lsp_server.workspace_state import WorkspaceState
from graphwarden.lsp_server.workspaces import Workspaces

BLAST_RADIUS = "graphwarden.blastRadius"
REINDEX = "graphwarden.reindex"
QUERY = "graphwarden.query"
#: LSP's RequestFailed: the request was well-formed, and could not be answered.
REQUEST_FAILED = -32803


def _position(arg: object) -> types.Position | None:
    if isinstance(arg, dict):
        try:
            return types.Position(int(arg["line"]), int(arg["character"]))
        except (KeyError, TypeError, ValueError):
            return None
    return None


def blast_radius_json(r: DocumentReading, position: types.Position) -> dict[str, object] | None:
    """The blast radius of the symbol at `position` as the command's JSON (None: no symbol)."""
    roots = r.definitions_at(position)
    if not roots:
        return None
    radius = blast_radius(r.snap, roots)
    return {
        "symbol": roots[0].id,
        "files": radius.files,
        "symbols": [
            {
                "name": d.name,
                "kind": int(symbol_kind(d)),
                "uri": r.uri_of(d.file),
                "range": json_range(r.range(d.file, selection(d))),
            }
            for d in radius.dependents
        ],
        "truncated": radius.truncated,
    }


def _query(reader: StoreReader, text: str) -> list[dict[str, str]]:
    with reader.snapshot() as snap:
        return run_query(text, snap)


def _folders(workspaces: Workspaces, uri: object) -> list[WorkspaceState]:
    """The folder holding `uri`, or every folder when no URI was given."""
    if not isinstance(uri, str):
        return workspaces.states()
    found = workspaces.locate(uri)
    return [found[0]] if found else []


def register(server: LanguageServer, requests: Requests, workspaces: Workspaces) -> None:
    def blast_radius_command(*args: Any) -> dict[str, object]:
        position = _position(args[1]) if len(args) >= 2 else None
        if position is None or not isinstance(args[0], str):
            raise JsonRpcInvalidParams("graphwarden.blastRadius expects [uri, {line, character}]")
        answer = requests.document(BLAST_RADIUS, args[0], lambda r: blast_radius_json(r, position))
        return answer or {"symbol": None, "files": [], "symbols": []}

    async def reindex_command(*args: Any) -> dict[str, object]:
        t0 = time.perf_counter()
        files = 0
        for state in _folders(workspaces, args[0] if args else None):
            stats = await state.run_reindex()
            if stats is not None:
                files += stats.files
        return {"files": files, "seconds": round(time.perf_counter() - t0, 3)}

    async def query_command(*args: Any) -> dict[str, object]:
        if not args or not isinstance(args[0], str):
            raise JsonRpcInvalidParams("graphwarden.query expects [datalog text]")
        bindings: list[dict[str, str]] = []
        loop = asyncio.get_running_loop()
        for state in _folders(workspaces, args[1] if len(args) > 1 else None):
            reader = state.reader
            if reader is not None:
                # A query can scan the whole graph: not on the event loop (and
                # never behind a cycle: it reads a snapshot like every request).
                try:
                    bindings.extend(await loop.run_in_executor(None, _query, reader, args[0]))
                except DatalogError as exc:  # the query's own fault, at its line
                    raise JsonRpcInvalidParams(f"graphwarden.query: {exc}") from None
                except LimitExceeded as exc:
                    raise JsonRpcException(
                        f"graphwarden.query: too broad: {exc}", code=REQUEST_FAILED
                    ) from None
        return {"bindings": bindings}

    # Registered by call, not as decorators: pygls's `command` is untyped.
    server.command(BLAST_RADIUS)(blast_radius_command)
    server.command(REINDEX)(reindex_command)
    server.command(QUERY)(query_command)
