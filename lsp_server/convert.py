"""Conversions shared by the feature modules: graph node types to LSP symbol kinds, item data."""

from __future__ import annotations

from typing import Protocol

from lsprotocol import types

from graphwarden.analysis.model import Node, NodeType

SYMBOL_KIND = {
    NodeType.MODULE: types.SymbolKind.Module,
    NodeType.CLASS: types.SymbolKind.Class,
    NodeType.FUNCTION: types.SymbolKind.Function,
    NodeType.METHOD: types.SymbolKind.Method,
    NodeType.VARIABLE: types.SymbolKind.Variable,
    NodeType.PARAMETER: types.SymbolKind.Variable,
    NodeType.IMPORT: types.SymbolKind.Namespace,
    NodeType.EXPORT: types.SymbolKind.Key,
    NodeType.CALL: types.SymbolKind.Event,
    NodeType.EXTERNAL_MODULE: types.SymbolKind.Package,
}


def symbol_kind(node: Node) -> types.SymbolKind:
    return SYMBOL_KIND.get(node.type, types.SymbolKind.Object)


class _HasData(Protocol):
    @property
    def data(self) -> object: ...


def item_data(node: Node) -> dict[str, str]:
    """What a hierarchy item carries so the follow-up request finds its node again."""
    return {"id": node.id}


def node_id_of(item: _HasData) -> str | None:
    """The node id a hierarchy item carries (None when a client dropped or mangled it)."""
    data = item.data
    node_id = data.get("id") if isinstance(data, dict) else None
    return node_id if isinstance(node_id, str) else None


def json_range(r: types.Range) -> dict[str, dict[str, int]]:
    """An LSP range as plain JSON (a command's result is untyped)."""
    return {
        "start": {"line": r.start.line, "character": r.start.character},
        "end": {"line": r.end.line, "character": r.end.character},
    }
