"""MVCC sessions: agents buffer changes and commit them as one cycle, or conflict.

An agent (an AI assistant, a refactoring tool) begins a session at the
current revision, adds changes, and commits them. The commit succeeds only if
no file it touches was changed by another commit after the session began;
otherwise nothing is applied and the conflicting files are returned. Readers
never wait for any of this: they read snapshots.

`SessionRegistry` keeps the open sessions and the revision at which each
file's analysis was last committed (the cycle reports it through
`record_committed`).

Invariant: a session is removed from the registry when its commit is
decided, whether it conflicts or not; a conflicting commit changes nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from graphwarden.analysis.cycle.stats import CycleStats, FileChange


class ConflictError(Exception):
    """A session's commit touches files another commit changed since it began.

    `commit` reports conflicts in its `CommitResult` rather than raising this;
    it is here for callers that prefer an exception.
    """

    def __init__(self, agent_id: str, files: Iterable[str]) -> None:
        self.agent_id = agent_id
        self.files = sorted(files)
        super().__init__(
            f"session {agent_id!r} conflicts on {', '.join(self.files)}: "
            "changed by another commit since the session began"
        )


@dataclass
class Session:
    """One agent's buffered changes, based on the revision it began at."""

    agent_id: str
    base_revision: int
    #: The last change to each path.
    changes: dict[str, FileChange] = field(default_factory=dict)


@dataclass
class CommitResult:
    """The outcome of a session's commit: the cycle's stats, or the conflicts."""

    ok: bool
    agent_id: str
    conflicts: list[str] = field(default_factory=list)
    stats: CycleStats | None = None


class SessionRegistry:
    """The open sessions of one workspace, and when each file last changed."""

    def __init__(self) -> None:
        self._sessions: dict[str, Session] = {}
        #: File -> the revision that last committed its analysis.
        self._changed_at: dict[str, int] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        """The number of open sessions."""
        return len(self._sessions)

    def begin(self, agent_id: str, base_revision: int) -> Session:
        """Start (or restart) buffering changes for one agent."""
        with self._lock:
            session = Session(agent_id, base_revision)
            self._sessions[agent_id] = session
            return session

    def add_change(self, agent_id: str, change: FileChange) -> None:
        with self._lock:
            session = self._sessions.get(agent_id)
            if session is None:
                raise KeyError(f"no session for agent {agent_id!r}: call begin_session first")
            session.changes[change.path] = change

    def commit(
        self, agent_id: str, run_cycle: Callable[[list[FileChange]], CycleStats]
    ) -> CommitResult:
        """Commit a session's changes through `run_cycle`, unless another commit got there first."""
        with self._lock:
            session = self._sessions.pop(agent_id, None)
            if session is None:
                raise KeyError(f"no session for agent {agent_id!r}")
            conflicts = [
                f for f in session.changes if self._changed_at.get(f, 0) > session.base_revision
            ]
        if conflicts:
            return CommitResult(False, agent_id, sorted(conflicts))
        # Outside the lock: a cycle takes long, and other agents may begin meanwhile.
        stats = run_cycle(list(session.changes.values()))
        return CommitResult(True, agent_id, [], stats)

    def record_committed(self, files: Iterable[str], revision: int) -> None:
        """Files whose analysis `revision` committed (called by the cycle)."""
        with self._lock:
            for f in files:
                self._changed_at[f] = revision
