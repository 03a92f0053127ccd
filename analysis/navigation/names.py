"""The names users write for graph nodes: `pkg.mod.Class.method`, `src/app:Class.m`.

Module names come from `analysis.modules.ModuleNaming`, the one naming
function the enrichers and the contracts use too, so hover and a `forbidden`
contract always name a src-layout module alike (`requests.sessions`, never
`src.requests.sessions`).
"""

from __future__ import annotations

import threading

from cachetools import LRUCache

from graphwarden.analysis.config import Settings
from graphwarden.analysis.model import Node, NodeType
from graphwarden.analysis.modules import ModuleNaming
from graphwarden.analysis.store import Snapshot
from graphwarden.analysis.store.snapshot import OpenEnvironment

_Key = tuple[int, int, tuple[str, ...], tuple[tuple[str, str], ...]]
_cache: LRUCache[_Key, tuple[OpenEnvironment, ModuleNaming]] = LRUCache(maxsize=16)
_lock = threading.Lock()


def module_naming(snap: Snapshot, settings: Settings | None) -> ModuleNaming:
    """How the workspace of `snap` names its modules (its roots depend on its files).

    Cached per (store, files generation, configured roots): the roots only
    change when a file is added or removed (a `src/` appearing) or the
    configuration changes, not on every edit. The entry holds its store, so
    the store's id cannot be reused while the entry lives.
    """
    python_roots = tuple(settings.python_roots) if settings is not None else ()
    package_dirs = tuple(sorted(settings.package_dirs.items())) if settings is not None else ()
    key = (id(snap.store), snap.files_generation, python_roots, package_dirs)
    with _lock:
        hit = _cache.get(key)
    if hit is not None:
        return hit[1]
    naming = ModuleNaming.for_workspace(
        (rec.path for rec in snap.files()), python_roots, dict(package_dirs)
    )
    with _lock:
        _cache[key] = (snap.store, naming)
    return naming


def qualified_name(node: Node, naming: ModuleNaming) -> str:
    """The dotted name a user would write: the module's name plus the qualname."""
    if node.type == NodeType.EXTERNAL_MODULE:
        return node.name
    if node.type == NodeType.MODULE:
        return naming.module_name(node.file)
    qual = node.attrs.get("qualname") or node.name
    return naming.qualified_name(node.file, str(qual))
