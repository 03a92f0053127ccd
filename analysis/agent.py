"""The agent interface as a library: every question and session an agent asks, as JSON data.

The MCP server (`graphwarden.mcp_server`) is a thin adapter over this class:
each tool is one method here, taking plain arguments and returning a
JSON-able dict. Nothing here knows MCP; a test or another protocol can
drive it the same way.

- Questions: `query` (Datalog), `symbols`, `definition`, `references`,
  `callers`, `callees`, `blast_radius`, `check`. A symbol is named by its
  graph id (`pkg/mod.py->FUNCTION->f`), its qualified name (`pkg.mod.f`) or
  its bare name, or by a place (`file`, 1-based `line` and `column`).
- Sessions: `session_begin`, `session_apply` (new contents or a unified
  diff), `session_check` (the results the changes would produce:
  analysis/what_if.py), `session_commit` (conflicts decided against the
  store and the disk, analysis/sessions.py; then the files are written and
  one cycle commits them), `session_abort`.

Invariants: every list in a result is bounded (`limit`, at most MAX_LIMIT)
and says `truncated` with its `total` when cut; a bad argument raises
`AgentError` with one line; workspace code is never run; files are written
only by `session_commit`, only inside the workspace (`patches.workspace_path`).
One operation runs at a time (a lock): the store's read transactions and the
speculative write transaction belong to the thread that opened them.
"""

from __future__ import annotations

import itertools
import threading
import uuid
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from graphwarden.analysis.cycle.stats import FileChange
from graphwarden.analysis.guarantees.datalog import DatalogError, LimitExceeded, parse_query
from graphwarden.analysis.guarantees.results import Violation
from graphwarden.analysis.model import Node
from graphwarden.analysis.navigation import (
    blast_radius,
    definitions_at,
    search_symbols,
)
from graphwarden.analysis.navigation.hierarchy import incoming_calls, outgoing_calls
from graphwarden.analysis.navigation.names import module_naming, qualified_name
from graphwarden.analysis.navigation.references import references
from graphwarden.analysis.patches import (
    PatchError,
    apply_unified_diff,
    workspace_path,
    write_files,
)
from graphwarden.analysis.safe_read import read_text
from graphwarden.analysis.sessions import Session
from graphwarden.analysis.store import Snapshot
from graphwarden.analysis.what_if import what_if
from graphwarden.analysis.workspace import OpenWorkspace

#: Items per list when the caller gives no limit, and the most it may ask for.
DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
#: Open sessions at once: each pins its base revision's pages in the store.
MAX_SESSIONS = 16
#: A diff or a file's new contents larger than this is refused.
MAX_CONTENT_BYTES = 4 << 20

T = TypeVar("T")


class AgentError(ValueError):
    """A bad request: an unknown symbol or session, a diff that does not apply, a bad path."""


def bounded(items: Sequence[T], limit: int | None) -> tuple[list[T], dict[str, Any]]:
    """At most `limit` items (DEFAULT_LIMIT when None, never above MAX_LIMIT), and
    `{"total": n, "truncated": bool}` to put beside them."""
    cap = check_limit(limit)
    return list(items[:cap]), {"total": len(items), "truncated": len(items) > cap}


def check_limit(limit: int | None) -> int:
    if limit is None:
        return DEFAULT_LIMIT
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise AgentError(f"limit must be a positive integer, not {limit!r}")
    return min(limit, MAX_LIMIT)


class AgentWorkspace:
    """One workspace as an agent sees it (see the module docstring)."""

    def __init__(self, ws: OpenWorkspace) -> None:
        self.ws = ws
        self.root = ws.orchestrator.root
        self._lock = threading.RLock()
        self._ids = itertools.count(1)

    def close(self) -> None:
        with self._lock:
            self.ws.close()

    def sync(self) -> dict[str, Any]:
        """Bring the graph up to date with the files on disk (a warm index)."""
        with self._lock:
            stats = self.ws.orchestrator.index_repository()
            return {"revision": stats.revision, "changed_files": stats.changed_paths}

    # -- questions ---------------------------------------------------------------------

    def query(self, datalog: str, limit: int | None = None) -> dict[str, Any]:
        _need_str("datalog", datalog)
        try:
            parse_query(datalog)
        except DatalogError as exc:
            raise AgentError(f"query error: {_one_line(exc)}") from exc
        with self._lock:
            try:
                rows = self.ws.orchestrator.query(datalog)
            except LimitExceeded as exc:
                raise AgentError(f"query stopped: {_one_line(exc)}") from exc
        items, meta = bounded(rows, limit)
        return {"rows": items, **meta}

    def symbols(self, query: str, limit: int | None = None) -> dict[str, Any]:
        _need_str("query", query)
        cap = check_limit(limit)
        with self._lock, self._snapshot() as snap:
            # The search itself is bounded: past MAX_LIMIT matches the total is
            # only known to be larger (`total_at_least`).
            found = search_symbols(snap, query, limit=MAX_LIMIT + 1)
            items, meta = bounded(found, cap)
            if len(found) > MAX_LIMIT:
                meta["total"] = None
                meta["total_at_least"] = MAX_LIMIT + 1
            return {"symbols": [self._node(snap, n) for n in items], **meta}

    def definition(self, limit: int | None = None, **where: Any) -> dict[str, Any]:
        with self._lock, self._snapshot() as snap:
            nodes = self._resolve(snap, where)
            items, meta = bounded(nodes, limit)
            return {"definitions": [self._node(snap, n) for n in items], **meta}

    def references(self, limit: int | None = None, **where: Any) -> dict[str, Any]:
        cap = check_limit(limit)
        with self._lock, self._snapshot() as snap:
            nodes = self._resolve(snap, where)
            found = references(snap, nodes, limit=MAX_LIMIT + 1)
            items, meta = bounded(found, cap)
            return {
                "symbol": [n.id for n in nodes],
                "references": [
                    {"file": loc.file, **_place(loc.range), "id": loc.node.id} for loc in items
                ],
                **meta,
            }

    def callers(self, limit: int | None = None, **where: Any) -> dict[str, Any]:
        return self._calls(incoming_calls, "callers", limit, where)

    def callees(self, limit: int | None = None, **where: Any) -> dict[str, Any]:
        return self._calls(outgoing_calls, "callees", limit, where)

    def _calls(
        self,
        fn: Callable[[Snapshot, str], list[Any]],
        key: str,
        limit: int | None,
        where: dict[str, Any],
    ) -> dict[str, Any]:
        with self._lock, self._snapshot() as snap:
            nodes = self._resolve(snap, where)
            found = [c for n in nodes for c in fn(snap, n.id)]
            items, meta = bounded(found, limit)
            return {
                "symbol": [n.id for n in nodes],
                key: [
                    {
                        **self._node(snap, c.node),
                        "sites": [{"file": s.file, **_place(s.range)} for s in c.sites[:20]],
                    }
                    for c in items
                ],
                **meta,
            }

    def blast_radius(
        self, limit: int | None = None, file: str | None = None, **where: Any
    ) -> dict[str, Any]:
        """What depends on a symbol, or on every definition of a file."""
        with self._lock, self._snapshot() as snap:
            if file is not None and not where:
                rel = self._path(file)
                if snap.file(rel) is None:
                    raise AgentError(f"{rel} is not in the graph")
                roots = [n for n in snap.context_nodes(rel) if n.file]
            else:
                roots = self._resolve(snap, {**where, **({"file": file} if file else {})})
            radius = blast_radius(snap, roots)
            items, meta = bounded(radius.dependents, limit)
            files, files_meta = bounded(radius.files, limit)
            # The walk has its own bound (MAX_BLAST_SYMBOLS): past it, more depends.
            meta["truncated"] = meta["truncated"] or radius.truncated
            return {
                "roots": len(roots),
                "dependents": [self._node(snap, n) for n in items],
                "files": files,
                "files_total": files_meta["total"],
                **meta,
            }

    def check(self, files: list[str] | None = None, limit: int | None = None) -> dict[str, Any]:
        """Every violation and taint finding of the workspace (after bringing the graph up
        to date with the disk), or of `files` only."""
        wanted = None if files is None else {self._path(f) for f in _need_list("files", files)}
        with self._lock:
            self.ws.orchestrator.index_repository()
            found = self.ws.checker.violations
            revision = self.ws.orchestrator.store.revision
        if wanted is not None:
            found = [v for v in found if v.file in wanted]
        items, meta = bounded(found, limit)
        return {
            "revision": revision,
            "violations": [_violation(v) for v in items],
            "errors": sum(v.severity == "error" for v in found),
            **meta,
        }

    # -- sessions ------------------------------------------------------------------------

    def session_begin(self) -> dict[str, Any]:
        """A new session on the graph as it is now (brought up to date with the disk first)."""
        with self._lock:
            if len(self.ws.orchestrator.sessions) >= MAX_SESSIONS:
                raise AgentError(
                    f"{MAX_SESSIONS} sessions are open: commit or abort one first "
                    "(each keeps its revision's pages in the store)"
                )
            self.ws.orchestrator.index_repository()
            name = f"s{next(self._ids)}-{uuid.uuid4().hex[:8]}"
            session = self.ws.orchestrator.begin_session(name)
            return {"session": name, "base_revision": session.base_revision}

    def session_apply(
        self,
        session: str,
        files: dict[str, str | None] | None = None,
        diff: str | None = None,
    ) -> dict[str, Any]:
        """Add changes: `files` maps paths to new contents (None or absent key: delete),
        `diff` is a unified diff against the session's current view of the files."""
        if (files is None) == (diff is None):
            raise AgentError("give exactly one of 'files' (new contents) or 'diff'")
        with self._lock:
            s = self._session(session)
            if files is not None:
                if not isinstance(files, dict) or not files:
                    raise AgentError("'files' must be an object of path -> new contents")
                new: dict[str, bytes | None] = {}
                for path, text in files.items():
                    if text is not None and not isinstance(text, str):
                        raise AgentError(f"contents of {path!r} must be a string or null")
                    data = None if text is None else text.encode("utf-8")
                    if data is not None and len(data) > MAX_CONTENT_BYTES:
                        raise AgentError(f"{path}: contents over {MAX_CONTENT_BYTES} bytes")
                    new[self._path(path)] = data
            else:
                _need_str("diff", diff)
                assert diff is not None
                if len(diff) > MAX_CONTENT_BYTES:
                    raise AgentError(f"diff over {MAX_CONTENT_BYTES} bytes")
                try:
                    patched = apply_unified_diff(diff, lambda p: self._current(s, self._path(p)))
                except (PatchError, UnicodeDecodeError) as exc:
                    raise AgentError(_one_line(exc)) from exc
                new = {self._path(p): data for p, data in patched.items()}
            for path, data in new.items():
                change = FileChange(path, deleted=True) if data is None else FileChange(path, data)
                self.ws.orchestrator.sessions.add_change(session, change, self.root)
            return {"session": session, "files": sorted(s.changes), "applied": sorted(new)}

    def session_check(self, session: str, limit: int | None = None) -> dict[str, Any]:
        """The results the session's changes would produce, committing nothing."""
        with self._lock:
            s = self._session(session)
            if not s.changes:
                raise AgentError(f"session {session!r} has no changes yet (session_apply first)")
            result = what_if(self.ws.orchestrator, self.ws.checker, list(s.changes.values()))
        introduced = result.introduced
        items, meta = bounded(result.violations, limit)
        new_items, new_meta = bounded(introduced, limit)
        gone, gone_meta = bounded(result.resolved, limit)
        return {
            "session": session,
            "revision": result.base_revision,
            "files": sorted(s.changes),
            "violations": [_violation(v) for v in items],
            "introduced": [_violation(v) for v in new_items],
            "introduced_total": new_meta["total"],
            "resolved": [_violation(v) for v in gone],
            "resolved_total": gone_meta["total"],
            "errors": sum(v.severity == "error" for v in result.violations),
            "parse_errors": [
                {"file": e.file, **_place(e.range), "message": e.message}
                for e in result.parse_errors[: check_limit(limit)]
            ],
            # What the change reached: unchanged files re-resolved because of it.
            "blast_radius_files": result.stats.blast_radius_files,
            "reenriched_files": result.stats.reenriched_files,
            "seconds": round(result.seconds, 4),
            **meta,
        }

    def session_commit(self, session: str) -> dict[str, Any]:
        """Write the session's files and commit them as one cycle, unless any changed
        since the session began (then nothing is written: a conflict report)."""
        with self._lock:
            orch = self.ws.orchestrator
            s = self._session(session)
            with orch.cycle_lock():
                with orch.snapshot() as now:
                    conflicts = orch.sessions.conflicts(s, now, self.root)
                orch.sessions.end(session)
                if conflicts:
                    return {
                        "ok": False,
                        "session": session,
                        "conflicts": [c.to_json() for c in conflicts],
                        "message": "nothing was written: "
                        + "; ".join(c.message for c in conflicts),
                    }
                changes = list(s.changes.values())
                # Checked again: a directory may have become a symbolic link since.
                for c in changes:
                    self._path(c.path)
                write_files(self.root, {c.path: None if c.deleted else c.content for c in changes})
                stats = orch.run_cycle_locked(changes)
            found = self.ws.checker.violations
            touched = {c.path for c in changes}
            mine, meta = bounded([v for v in found if v.file in touched], None)
            return {
                "ok": True,
                "session": session,
                "revision": stats.revision,
                "written": sorted(touched),
                "violations_in_files": [_violation(v) for v in mine],
                "violations_in_files_total": meta["total"],
                "truncated": meta["truncated"],
                "errors": sum(v.severity == "error" for v in found),
            }

    def session_abort(self, session: str) -> dict[str, Any]:
        with self._lock:
            try:
                self.ws.orchestrator.sessions.end(session)
            except KeyError as exc:
                raise AgentError(f"no session {session!r}") from exc
            return {"session": session, "aborted": True}

    # -- helpers ---------------------------------------------------------------------------

    def _snapshot(self) -> Snapshot:
        return self.ws.orchestrator.snapshot()

    def _session(self, name: str) -> Session:
        _need_str("session", name)
        try:
            return self.ws.orchestrator.sessions.get(name)
        except KeyError as exc:
            raise AgentError(f"no session {name!r} (begin one with session_begin)") from exc

    def _path(self, path: str) -> str:
        try:
            return workspace_path(self.root, path, self.ws.orchestrator.store.path)
        except PatchError as exc:
            raise AgentError(_one_line(exc)) from exc

    def _current(self, s: Session, path: str) -> bytes | None:
        """A file as the session sees it: its own latest change, else the disk."""
        change = s.changes.get(path)
        if change is not None:
            return None if change.deleted else change.content
        try:
            return (self.root / path).read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise AgentError(f"{path}: cannot read ({exc.strerror})") from exc

    def _resolve(self, snap: Snapshot, where: dict[str, Any]) -> list[Node]:
        """The definitions a `symbol`, or a `file` + `line` + `column`, stands for."""
        symbol = where.get("symbol")
        file, line, column = where.get("file"), where.get("line"), where.get("column")
        unknown = set(where) - {"symbol", "file", "line", "column"}
        if unknown:
            raise AgentError(f"unknown argument(s): {', '.join(sorted(unknown))}")
        if symbol is not None:
            _need_str("symbol", symbol)
            nodes = self._by_name(snap, symbol)
            if not nodes:
                raise AgentError(f"no symbol {symbol!r} in the graph (try the symbols tool)")
            return nodes
        if file is None or line is None:
            raise AgentError("name a 'symbol', or a 'file' with a 1-based 'line' (and 'column')")
        rel = self._path(file)
        for name, value in (("line", line), ("column", column if column is not None else 1)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise AgentError(f"{name} must be a positive integer (1-based)")
        col = (column or 1) - 1
        try:
            text = read_text(self.root / rel)
        except OSError as exc:
            raise AgentError(f"{rel}: cannot read ({exc.strerror})") from exc
        lines = text.splitlines()
        if line > len(lines):
            raise AgentError(f"{rel} has {len(lines)} lines, not {line}")
        nodes = definitions_at(snap, rel, line - 1, col, lines[line - 1])
        if not nodes:
            raise AgentError(f"no symbol at {rel}:{line}:{col + 1}")
        return nodes

    def _by_name(self, snap: Snapshot, symbol: str) -> list[Node]:
        node = snap.node(symbol)
        if node is not None:
            return [node]
        last = symbol.rsplit(".", 1)[-1]
        candidates = search_symbols(snap, last, limit=MAX_LIMIT)
        naming = module_naming(snap, self.ws.settings)
        exact = [n for n in candidates if qualified_name(n, naming) == symbol]
        if exact:
            return exact
        if "." in symbol:
            # A qualified name ending with `symbol` (`Model.save`, `models.Model`).
            return [
                n
                for n in candidates
                if qualified_name(n, naming).endswith("." + symbol) and n.name == last
            ]
        return [n for n in candidates if n.name == symbol]

    def _node(self, snap: Snapshot, n: Node) -> dict[str, Any]:
        naming = module_naming(snap, self.ws.settings)
        return {
            "id": n.id,
            "name": n.name,
            "kind": str(n.type.value if hasattr(n.type, "value") else n.type),
            "qualified_name": qualified_name(n, naming),
            "file": n.file,
            **_place(n.range),
        }


def _place(r: tuple[int, int, int, int]) -> dict[str, int]:
    """A range as 1-based line and column (code points), start and end."""
    return {"line": r[0] + 1, "column": r[1] + 1, "end_line": r[2] + 1, "end_column": r[3] + 1}


def _violation(v: Violation) -> dict[str, Any]:
    out: dict[str, Any] = {
        "rule": v.rule,
        "severity": v.severity,
        "message": v.message,
        "file": v.file,
        **_place(v.range),
        "fingerprint": v.fingerprint,
    }
    if v.related:
        out["related"] = [
            {"file": r.file, **_place(r.range), "message": r.message} for r in v.related[:10]
        ]
    return out


def _need_str(name: str, value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise AgentError(f"'{name}' must be a non-empty string")


def _need_list(name: str, value: object) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        raise AgentError(f"'{name}' must be a list of paths")
    return value


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
