"""MVCC sessions: agents buffer changes and commit them as one cycle, or conflict.

An agent (an AI assistant, a refactoring tool) begins a session on the
current revision, adds changes, and commits them. The commit succeeds only if
no file it touches changed after the session began; otherwise nothing is
applied and the conflicting files are returned with what changed them.
Readers never wait for any of this: they read snapshots.

One source of truth, persistent and shared by every process: the store. A
session keeps the snapshot it began on (an LMDB read transaction, so it pins
that revision's pages until the session ends); a file conflicts when its
content hash in the graph now differs from the one in that snapshot (another
session, a language server committing an editor buffer, a `watch`, in this
process or any other), or, when the caller names the workspace root, when
its bytes on disk differ from what the graph held at the start (an editor
saved it, a tool rewrote it). A file the graph does not hold (not a source
file) is compared with its bytes on disk when the session first touched it.

Invariant: a session is removed from the registry (its snapshot closed) when
its commit is decided, whether it conflicts or not; a conflicting commit
changes nothing. The caller decides conflicts under the cycle lock, so no
commit lands between the check and its own cycle.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from graphwarden.analysis.cycle.stats import CycleStats, FileChange
from graphwarden.analysis.languages import content_digest
from graphwarden.analysis.store import Snapshot

#: What changed a conflicting file.
GRAPH = "graph"
DISK = "disk"


class ConflictError(Exception):
    """A session's commit touches files that changed since it began.

    `commit` reports conflicts in its `CommitResult` rather than raising this;
    it is here for callers that prefer an exception.
    """

    def __init__(self, agent_id: str, files: Iterable[str]) -> None:
        self.agent_id = agent_id
        self.files = sorted(files)
        super().__init__(
            f"session {agent_id!r} conflicts on {', '.join(self.files)}: "
            "changed since the session began"
        )


@dataclass(frozen=True)
class Conflict:
    """One file a session may not commit, and why."""

    path: str
    #: GRAPH (committed by someone else since) or DISK (its bytes changed).
    source: str
    message: str

    def to_json(self) -> dict[str, str]:
        return {"path": self.path, "source": self.source, "message": self.message}


@dataclass
class Session:
    """One agent's buffered changes, based on the snapshot it began on."""

    agent_id: str
    base_revision: int
    #: The graph when the session began (closed when the session ends).
    base: Snapshot | None = None
    #: The last change to each path.
    changes: dict[str, FileChange] = field(default_factory=dict)
    #: Bytes on disk of files the graph does not hold, when first touched
    #: (None: absent).
    disk_at_touch: dict[str, str | None] = field(default_factory=dict)
    begun_at: float = field(default_factory=time.time)

    def close(self) -> None:
        if self.base is not None:
            self.base.close()
            self.base = None


@dataclass
class CommitResult:
    """The outcome of a session's commit: the cycle's stats, or the conflicts."""

    ok: bool
    agent_id: str
    conflicts: list[str] = field(default_factory=list)
    stats: CycleStats | None = None
    #: Each conflict with what changed the file.
    details: list[Conflict] = field(default_factory=list)


def disk_digest(root: Path, path: str) -> str | None:
    """The content hash of a workspace file's bytes (None: absent or unreadable)."""
    try:
        return content_digest((root / path).read_bytes())
    except OSError:
        return None


def graph_digest(snap: Snapshot, path: str) -> str | None:
    rec = snap.file(path)
    return rec.content_hash if rec is not None else None


class SessionRegistry:
    """The open sessions of one workspace."""

    def __init__(self) -> None:
        self._sessions: dict[str, Session] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        """The number of open sessions."""
        return len(self._sessions)

    def begin(self, agent_id: str, base: Snapshot) -> Session:
        """Start (or restart) buffering changes for one agent, on `base` (the registry owns it)."""
        with self._lock:
            old = self._sessions.pop(agent_id, None)
            if old is not None:
                old.close()
            session = Session(agent_id, base.revision, base)
            self._sessions[agent_id] = session
            return session

    def get(self, agent_id: str) -> Session:
        with self._lock:
            session = self._sessions.get(agent_id)
        if session is None:
            raise KeyError(f"no session {agent_id!r}: begin one first")
        return session

    def add_change(self, agent_id: str, change: FileChange, root: Path | None = None) -> None:
        session = self.get(agent_id)
        with self._lock:
            if (
                root is not None
                and change.path not in session.disk_at_touch
                and session.base is not None
                and session.base.file(change.path) is None
            ):
                session.disk_at_touch[change.path] = disk_digest(root, change.path)
            session.changes[change.path] = change

    def end(self, agent_id: str) -> Session:
        """Remove a session (its commit was decided, or it was aborted)."""
        with self._lock:
            session = self._sessions.pop(agent_id, None)
        if session is None:
            raise KeyError(f"no session {agent_id!r}")
        session.close()
        return session

    def close_all(self) -> None:
        """End every session (the store is closing)."""
        with self._lock:
            sessions, self._sessions = list(self._sessions.values()), {}
        for session in sessions:
            session.close()

    def conflicts(self, session: Session, now: Snapshot, root: Path | None) -> list[Conflict]:
        """The files of `session` that changed since it began (`root`: check the disk too)."""
        base = session.base
        if base is None:
            raise KeyError(f"session {session.agent_id!r} has ended")
        out: list[Conflict] = []
        for path in sorted(session.changes):
            before = graph_digest(base, path)
            if graph_digest(now, path) != before:
                out.append(
                    Conflict(
                        path,
                        GRAPH,
                        f"{path} was committed by someone else since the session began "
                        "(another session, an editor buffer, or a watch)",
                    )
                )
                continue
            if root is None:
                continue
            expected = before if before is not None else session.disk_at_touch.get(path)
            if disk_digest(root, path) != expected:
                out.append(Conflict(path, DISK, f"{path} changed on disk since the session began"))
        return out

    def commit(
        self,
        agent_id: str,
        now: Callable[[], Snapshot],
        run_cycle: Callable[[list[FileChange]], CycleStats],
    ) -> CommitResult:
        """Commit a session's changes to the graph through `run_cycle`, unless they conflict.

        The caller holds the cycle lock, so nothing commits between the check and the cycle.
        """
        session = self.get(agent_id)
        try:
            with now() as snap:
                found = self.conflicts(session, snap, None)
        finally:
            self.end(agent_id)
        if found:
            return CommitResult(False, agent_id, [c.path for c in found], details=found)
        stats = run_cycle(list(session.changes.values()))
        return CommitResult(True, agent_id, [], stats)
