"""Per-revision lookup tables the enrichers share: module maps and file summaries.

Enrichers resolve names against other files many times per cycle. Reading
and decoding a target file's nodes once per revision, instead of once per
import or call, is what keeps cold enrichment of a large repository within
seconds. Every table here is keyed by the snapshot's revision: a table
built for revision N is never used to answer a snapshot of revision N+1
(the cache is dropped as soon as a newer revision asks).

Module naming:

* Python: a file's dotted names under every root that contains it. Roots,
  in priority order: ``settings.python_roots``, then ``src`` (src-layout,
  found automatically when a top-level ``src/`` holds Python files), then
  the workspace root. ``pkg/__init__.py`` is ``pkg``; ``.py`` wins over
  ``.pyi`` for the same name.
* JavaScript/TypeScript: files are resolved by path; the canonical key of a
  path is ``./`` + the workspace-relative path without its extension
  (``./src/util``), and an ``index`` file also answers to its directory
  (``./src/util/index`` and ``./src/util``).
"""

from __future__ import annotations

import json
import re
import threading
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from graphwarden.analysis import defaults
from graphwarden.analysis.generational_cache import GenerationalCache
from graphwarden.analysis.model import (
    MODULE_SCOPE,
    SEP,
    NodeType,
    definition_id,
    file_of_id,
    id_path,
    parse_id,
    str_list_attr,
)
from graphwarden.analysis.modules import (
    ALL_JS_EXTS,
    JS_EXTS,
    JS_TO_TS,
    PY_EXTS,
    ModuleNaming,
    PythonRoot,
    is_python,
    js_key,
    strip_js_ext,
)
from graphwarden.analysis.safe_read import read_text
from graphwarden.analysis.summaries import (
    SummaryNode,
    decode_calls,
    decode_summary_but_calls,
    encode_summary,
)

if TYPE_CHECKING:
    from graphwarden.analysis.config import Settings
    from graphwarden.analysis.store import Snapshot
    from graphwarden.analysis.store.snapshot import OpenEnvironment

__all__ = [
    "ALL_JS_EXTS",
    "JS_EXTS",
    "JS_TO_TS",
    "PY_EXTS",
    "FileSummary",
    "WorkspaceIndex",
    "is_python",
    "js_key",
    "python_module_names",
    "strip_js_ext",
    "workspace_index",
]

_DEF_TYPES = (NodeType.CLASS, NodeType.FUNCTION, NodeType.METHOD, NodeType.VARIABLE)
#: What a summary was built from: the file record's (content hash, size, skip reason).
_FileStamp = tuple[str, int, str | None]
#: (baseUrl relative to the root, [(paths pattern, targets)]) of a tsconfig.json.
TsconfigPaths = tuple[str, list[tuple[str, list[str]]]]


def python_module_names(file: str, roots: list[str]) -> list[str]:
    """Dotted module names of a Python file under each of `roots` (folders)."""
    return ModuleNaming(tuple(PythonRoot(r) for r in roots)).python_names(file)


@dataclass
class FileSummary:
    """What other files resolve against in one file, decoded once per revision."""

    file: str
    module: SummaryNode | None
    #: The file's summary nodes but its calls (`calls()`), in commit order.
    nodes: list[SummaryNode]
    by_id: dict[str, SummaryNode]
    #: Module-level definitions (class, function, variable) by name.
    top: dict[str, SummaryNode] = field(default_factory=dict)
    #: Module-level IMPORT bindings by local name (Python and JS).
    imports: dict[str, SummaryNode] = field(default_factory=dict)
    #: Star imports at module level (Python `from x import *`).
    star_imports: list[SummaryNode] = field(default_factory=list)
    #: JS EXPORT nodes by exported name ("default", "*" for `export *`, ...).
    exports: dict[str, list[SummaryNode]] = field(default_factory=dict)
    #: Definitions by id path ("Repo", "Repo.save", "outer.inner").
    by_path: dict[str, SummaryNode] = field(default_factory=dict)
    #: Class id -> member name -> member node (methods and class variables).
    members: dict[str, dict[str, SummaryNode]] = field(default_factory=dict)
    #: The file's CALL nodes, still packed (`decode_summary_but_calls`) ...
    packed_calls: bytes = b""
    #: ... or decoded, when the summary was made from nodes in hand.
    given_calls: list[SummaryNode] = field(default_factory=list)
    #: Facts derived from this file's content alone, kept with the summary
    #: (which later revisions share while the file is unchanged), by the
    #: enricher that derived them: the names a file's calls look up, say.
    derived: dict[str, frozenset[str]] = field(default_factory=dict)

    def calls(self) -> list[SummaryNode]:
        """The file's CALL nodes in commit order (decoded on demand, briefly cached:
        only the enrichment of the file itself reads them)."""
        if not self.packed_calls:
            return self.given_calls
        return _decoded_calls(self.file, self.packed_calls)[0]

    def get(self, node_id: str) -> SummaryNode | None:
        """A summary node of this file by id, calls included."""
        node = self.by_id.get(node_id)
        if node is None and _CALL_MARK in node_id:
            if not self.packed_calls:
                return next((c for c in self.given_calls if c.id == node_id), None)
            node = _decoded_calls(self.file, self.packed_calls)[1].get(node_id)
        return node

    @property
    def all_names(self) -> list[str] | None:
        if self.module is None:
            return None
        value = str_list_attr(self.module.attrs, "all")
        return list(value) if value is not None else None


def _rank(member: SummaryNode) -> tuple[bool, bool]:
    """Which of a class's same-named members a lookup answers (lowest first): an
    instance member before a static one (rxjs's `static now` and `now`), a
    method before a `self.x = ...` / `this.x = ...` attribute of that name."""
    return (bool(member.attrs.get("static")), member.type != NodeType.METHOD)


_CALL_MARK = f"{SEP}{NodeType.CALL}{SEP}"
#: Decoded calls by (file, packed rows): the few files being enriched right now.
_CALLS: GenerationalCache[tuple[str, bytes], tuple[list[SummaryNode], dict[str, SummaryNode]]] = (
    GenerationalCache(defaults.DECODED_CALLS_FILES)
)


def _decoded_calls(file: str, packed: bytes) -> tuple[list[SummaryNode], dict[str, SummaryNode]]:
    key = (file, packed)
    got = _CALLS.get(key)
    if got is None:
        calls = decode_calls(file, packed)
        got = (calls, {c.id: c for c in calls})
        _CALLS.put(key, got)
    return got


def summarise(file: str, nodes: list[SummaryNode], packed_calls: bytes = b"") -> FileSummary:
    """A file's lookup tables from its summary nodes (what resolvers read of it).

    Its calls are either packed in `packed_calls` or among `nodes`."""
    given_calls = [n for n in nodes if n.type == NodeType.CALL]
    if given_calls:
        nodes = [n for n in nodes if n.type != NodeType.CALL]
    module = next((n for n in nodes if n.type == NodeType.MODULE), None)
    s = FileSummary(
        file,
        module,
        nodes,
        {n.id: n for n in nodes},
        packed_calls=packed_calls,
        given_calls=given_calls,
    )
    for n in nodes:
        t = n.type
        if t in _DEF_TYPES:
            path = id_path(n.id)
            s.by_path.setdefault(path, n)
            if "." not in path and "#" not in path:
                if t != NodeType.VARIABLE or not n.attrs.get("local"):
                    s.top.setdefault(n.name, n)
            else:
                owner = path.rsplit(".", 1)[0]
                cls_id = definition_id(file, NodeType.CLASS, owner)
                if t in (NodeType.METHOD, NodeType.VARIABLE) and not n.attrs.get("local"):
                    members = s.members.setdefault(cls_id, {})
                    first = members.get(n.name)
                    if first is None or _rank(n) < _rank(first):
                        members[n.name] = n
        elif t == NodeType.IMPORT:
            if parse_id(n.id).path == MODULE_SCOPE:
                if n.attrs.get("imported") == "*" and n.attrs.get("kind") == "from":
                    s.star_imports.append(n)
                else:
                    s.imports.setdefault(n.name, n)
        elif t == NodeType.EXPORT:
            s.exports.setdefault(n.name, []).append(n)
    return s


def stored_summary(snapshot: Snapshot, file: str) -> FileSummary:
    """A file's summary from its stored blob, or (a store written without
    summaries: tests committing nodes directly) from its nodes read in full."""
    blob = snapshot.summary(file)
    if blob is None:
        blob = encode_summary(file, snapshot.context_nodes(file))
    nodes, packed_calls = decode_summary_but_calls(file, blob)
    return summarise(file, nodes, packed_calls)


class WorkspaceIndex:
    """Tables for one snapshot revision (module maps, summaries, tsconfig)."""

    def __init__(
        self, snapshot: Snapshot, settings: Settings | None, base: WorkspaceIndex | None = None
    ) -> None:
        self.revision = snapshot.revision
        self.files_generation = snapshot.files_generation
        self.settings = settings
        self._summaries: GenerationalCache[str, FileSummary] = GenerationalCache(
            _summary_cache_files
        )
        #: Class id -> its bases' linearisation, for this revision only.
        self.mro_cache: dict[str, list[SummaryNode]] = {}
        #: Summaries carried over from earlier revisions, validated by file record.
        self._shared: GenerationalCache[str, tuple[_FileStamp, FileSummary]] = GenerationalCache(
            _summary_cache_files
        )
        self._tsconfig: TsconfigPaths | None = None
        #: File -> its dotted module name (None: not a Python module).
        self._module_names: dict[str, str | None] = {}
        self.files: set[str]
        self.naming: ModuleNaming
        #: Dotted name -> file; priority: root order, then .py over .pyi.
        self.py_modules: dict[str, str]
        #: Dotted names of packages (every proper prefix of a module's name).
        self.py_packages: set[str]
        #: First components of every module and package name.
        self.py_top_level: set[str]
        if base is not None and base.files_generation == snapshot.files_generation:
            # Same set of files: module maps are unchanged, only reuse them
            # (rebuilding costs ~50 ms on Django, once per enricher commit).
            self.files = base.files
            self.naming = base.naming
            self.py_modules = base.py_modules
            self.py_packages = base.py_packages
            self.py_top_level = base.py_top_level
            self._shared = base._shared
            self._module_names = base._module_names
            return
        files = sorted(r.path for r in snapshot.files())
        self.files = set(files)
        self.naming = ModuleNaming.for_workspace(
            files,
            settings.python_roots if settings is not None else (),
            settings.package_dirs if settings is not None else None,
        )
        self.py_packages = set()
        ranked: dict[str, tuple[int, int, str]] = {}
        for f in files:
            if not f.endswith(PY_EXTS):
                continue
            for i, root in enumerate(self.naming.roots):
                for name in ModuleNaming((root,)).python_names(f):
                    rank = (i, 1 if f.endswith(".pyi") else 0, f)
                    if name not in ranked or rank < ranked[name]:
                        ranked[name] = rank
                    parts = name.split(".")
                    for j in range(1, len(parts)):
                        self.py_packages.add(".".join(parts[:j]))
        self.py_modules = {name: rank[2] for name, rank in ranked.items()}
        self.py_top_level = {n.split(".")[0] for n in self.py_modules} | {
            p.split(".")[0] for p in self.py_packages
        }
        if base is not None:
            self._shared = base._shared

    # -- files ---------------------------------------------------------------------

    def summary(self, snapshot: Snapshot, file: str) -> FileSummary:
        s = self._summaries.get(file)
        if s is None:
            # A file's own nodes change only with its file record (they are
            # committed together), so a summary built at an earlier revision
            # is reused when the snapshot's record still has the same hash.
            rec = snapshot.file(file)
            stamp: _FileStamp | None = (
                (rec.content_hash, rec.size, rec.skipped_reason) if rec is not None else None
            )
            shared = self._shared.get(file)
            if shared is not None and stamp is not None and shared[0] == stamp:
                s = shared[1]
            else:
                s = stored_summary(snapshot, file)
            if stamp is not None and stamp[0]:
                self._shared.put(file, (stamp, s))
            self._summaries.put(file, s)
        return s

    def node(self, snapshot: Snapshot, node_id: str) -> SummaryNode | None:
        """A node as enrichers see it, by id: from its file's summary.

        Nodes without a file (external modules and unresolved-import
        placeholders) are read from the store; they carry no attributes
        enrichers need beyond their name.
        """
        file = file_of_id(node_id)
        if file:
            return self.summary(snapshot, file).get(node_id)
        full = snapshot.node(node_id)
        if full is None:
            return None
        return SummaryNode(full.id, full.type, full.name, full.file, full.attrs)

    # -- Python -----------------------------------------------------------------------

    def module_name(self, file: str) -> str | None:
        """The file's dotted name under its most specific root."""
        try:
            return self._module_names[file]
        except KeyError:
            name = self._module_names[file] = self.naming.python_name(file)
            return name

    def in_workspace_python(self, dotted: str) -> bool:
        return dotted.split(".")[0] in self.py_top_level

    # -- JavaScript / TypeScript --------------------------------------------------------

    def resolve_js_path(self, path: str) -> str | None:
        """A workspace file for a normalised path (extension and index resolution)."""
        files = self.files
        dot = path.rfind(".")
        slash = path.rfind("/")
        if dot > slash:
            ext = path[dot:]
            if path in files and ext in ALL_JS_EXTS:
                return path
            for alt in JS_TO_TS.get(ext, ()):
                cand = path[:dot] + alt
                if cand in files:
                    return cand
        for ext in JS_EXTS:
            if path + ext in files:
                return path + ext
        for ext in JS_EXTS:
            cand = f"{path}/index{ext}" if path else f"index{ext}"
            if cand in files:
                return cand
        return None

    def tsconfig(self) -> TsconfigPaths:
        """(baseUrl relative to the root, [(pattern, targets)]) from ./tsconfig.json."""
        if self._tsconfig is None:
            self._tsconfig = read_tsconfig(self.settings.root if self.settings else None)
        return self._tsconfig


_INDEX_LOCK = threading.Lock()
_INDEX: weakref.WeakKeyDictionary[OpenEnvironment, tuple[int, WorkspaceIndex]] = (
    weakref.WeakKeyDictionary()
)


#: File summaries an index keeps decoded: `defaults.SUMMARY_CACHE_FILES`, or the
#: enrichment workers' own bound once `in_enrichment_worker` says so.
_summary_cache_files = defaults.SUMMARY_CACHE_FILES


def in_enrichment_worker() -> None:
    """This process is an enrichment worker (big cycles only): indexes made from now
    on keep `defaults.WORKER_SUMMARY_CACHE_FILES` summaries."""
    global _summary_cache_files
    _summary_cache_files = defaults.WORKER_SUMMARY_CACHE_FILES


def workspace_index(snapshot: Snapshot, settings: Settings | None) -> WorkspaceIndex:
    """The index for this snapshot's revision (built once, shared by the enrichers).

    Keyed by (store, revision): an index is never served to a snapshot of
    another revision.
    """
    key = snapshot.store
    with _INDEX_LOCK:
        hit = _INDEX.get(key)
        if hit is None:
            # A speculative store (store/speculative.py) starts from its real
            # store's index: the same graph until its first commit, and its
            # revisions are never real ones, so nothing is mistaken later.
            parent = getattr(key, "cache_parent", None)
            hit = _INDEX.get(parent) if parent is not None else None
        if hit is not None and hit[0] == snapshot.revision and hit[1].settings is settings:
            return hit[1]
    base = hit[1] if hit is not None and hit[1].settings is settings else None
    idx = WorkspaceIndex(snapshot, settings, base)
    with _INDEX_LOCK:
        _INDEX[key] = (snapshot.revision, idx)
    return idx


# --- tsconfig.json (data only: JSON with comments and trailing commas) ----------------

_TSCONFIG_CACHE: dict[str, tuple[float, TsconfigPaths]] = {}


def _strip_jsonc(text: str) -> str:
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append(text[i : j + 1])
            i = j + 1
        elif text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j == -1 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            i = n if j == -1 else j + 2
        else:
            out.append(c)
            i += 1
    return re.sub(r",(\s*[}\]])", r"\1", "".join(out))


def read_tsconfig(root: Path | None) -> TsconfigPaths:
    if root is None:
        return "", []
    path = Path(root) / "tsconfig.json"
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return "", []
    cached = _TSCONFIG_CACHE.get(str(path))
    if cached is not None and cached[0] == mtime:
        return cached[1]
    result: TsconfigPaths = ("", [])
    try:
        data: object = json.loads(_strip_jsonc(read_text(path)))
        opts = data.get("compilerOptions", {}) if isinstance(data, dict) else {}
        base = opts.get("baseUrl") if isinstance(opts, dict) else None
        base = base if isinstance(base, str) else ""
        base = base.strip().removeprefix("./").strip("/")
        if base == ".":
            base = ""
        paths = opts.get("paths", {}) if isinstance(opts, dict) else {}
        rules: list[tuple[str, list[str]]] = []
        if isinstance(paths, dict):
            for pattern, targets in paths.items():
                if isinstance(pattern, str) and isinstance(targets, list):
                    rules.append((pattern, [t for t in targets if isinstance(t, str)]))
        # Longest prefix first, as TypeScript matches.
        rules.sort(key=lambda r: -len(r[0].split("*")[0]))
        result = (base, rules)
    except (ValueError, OSError, AttributeError):
        result = ("", [])
    _TSCONFIG_CACHE[str(path)] = (mtime, result)
    return result
