"""When a workspace's next cycle runs: one scheduler for the language server and `graphwarden watch`.

Both adapters face the same problem: changes arrive in bursts (keystrokes, a
branch switch), a cycle takes a while, and the graph should catch up with
the newest state as soon as it can without running a cycle per event. The
rules, in one place so the adapters cannot drift apart:

* **Debounce**: a change waits `debounce` seconds of quiet before its cycle.
* **Leading edge for edits**: an edit (`change(..., leading=True)`: a
  keystroke in a buffer) that finds the scheduler quiet (nothing queued,
  armed or running, and no change for `debounce` seconds) starts its cycle
  at once: the first edit after a pause, which is often the only one (a
  pasted import, an undo), is checked without waiting. A further change
  within the debounce cancels that cycle and waits as before, so a burst
  costs at most one extra, cancelled cycle. Disk events never lead: a
  branch switch arrives as a stream of them, and the first alone would be a
  half-switched tree.
* **Maximum wait**: while changes keep coming, the first of them never waits
  more than `max_wait` seconds (typing does not starve the graph).
* **Stale cycles are cancelled**: a change to a workspace whose edit cycle is
  running asks that cycle to stop (`CycleOwner.cancel_running`); when it
  reports itself cancelled, its changes are queued again and join the next
  cycle, keeping how long they have waited. A full (index) cycle is never
  cancelled by an edit: only its owner or the user stops one, and it then
  waits for the next change to resume.
* **Typing finishes cycles too**: a cycle whose oldest change has waited
  `max_wait` is not cancelled; newer changes wait for the next one. Without
  this, edits coming faster than a cycle runs would cancel every cycle and
  the results would not move until the typing stopped. Once the running
  cycle has reported its changes' results (`results_reported`: the language
  server publishes the edited files' results before the callers' data flow
  and the global passes), what is left of it serves no waiting change: a
  newer change cancels it whatever its age, and its changes come back as new.
* **Settled**: nothing queued, armed or running; callers may wait for it
  (`when_settled`), e.g. a pull for diagnostics right after an edit.

Threading: every method is called on one thread, the owner's (the server's
event loop, the watch loop). Timers fire there and the executor hands
results back there, so the scheduler needs no lock. Only the job itself runs
elsewhere, through a pluggable `JobExecutor`: a thread for `graphwarden
watch` (`ThreadExecutor`), the workspace's cycle worker process, which owns
the LMDB writer, for the language server (`cycle_worker.CycleWorker`). That
is why a job is a value the owner prepares (`prepare`), not a closure over
the owner's objects.

Time is injected (`Timers`, `clock`), so the scheduler is tested without an
event loop and without sleeping (tests/test_scheduler.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Mapping
from concurrent.futures import CancelledError, Executor, Future
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar

log = logging.getLogger(__name__)

J = TypeVar("J")
R = TypeVar("R")
J_co = TypeVar("J_co", covariant=True)
J_contra = TypeVar("J_contra", contravariant=True)
R_co = TypeVar("R_co", covariant=True)
R_contra = TypeVar("R_contra", contravariant=True)


@dataclass
class Batch:
    """What one cycle is asked to do.

    `changes` maps a workspace-relative path to a tag saying where its new
    content comes from (the server's "buffer" or "disk"); the scheduler only
    carries the tags. A full batch (`index` or `reindex`) brings the whole
    workspace up to date first; a batch with neither and no changes only asks
    the owner to recompute what it derives from the graph (`request_collect`).
    """

    changes: dict[str, str] = field(default_factory=dict)
    index: bool = False
    reindex: bool = False

    @property
    def full(self) -> bool:
        return self.index or self.reindex


@dataclass(frozen=True)
class Outcome(Generic[R_co]):
    """How a job ended: its result, or the error it raised; `cancelled` as the owner judged it."""

    result: R_co | None = None
    error: BaseException | None = None
    cancelled: bool = False


class Cancellable(Protocol):
    def cancel(self) -> None: ...


class Timers(Protocol):
    """Calls a function after a delay on the owner's thread (asyncio's `call_later`)."""

    def call_later(self, delay: float, callback: Callable[[], None]) -> Cancellable: ...


class JobExecutor(Protocol[J_contra, R_co]):
    """Runs a prepared job away from the owner's thread and hands back how it ended.

    `done` must be called on the owner's thread, exactly once per job.
    """

    def submit(self, job: J_contra, done: Callable[[Outcome[R_co]], None]) -> None: ...


class CycleOwner(Protocol[J_co, R_contra]):
    """What the scheduler asks of whoever owns the workspace (all on the owner's thread)."""

    def prepare(self, batch: Batch) -> J_co:
        """Turn a batch into a job (read buffers, start progress). May add paths to
        `batch.changes`: they are queued again with the rest if the cycle is cancelled."""
        ...

    def was_cancelled(self, result: R_contra) -> bool:
        """Whether a job's result says its cycle stopped early."""
        ...

    def cancel_running(self) -> None:
        """Ask the running cycle to stop at its next checkpoint."""
        ...

    def finished(self, batch: Batch, outcome: Outcome[R_contra]) -> None:
        """A job ended (publish its results, report progress)."""
        ...


class CycleScheduler(Generic[J, R]):
    """Decides when a workspace's next cycle starts (see the module docstring)."""

    def __init__(
        self,
        owner: CycleOwner[J, R],
        executor: JobExecutor[J, R],
        timers: Timers,
        *,
        debounce: float,
        max_wait: float,
        clock: Callable[[], float] = time.monotonic,
        name: str = "workspace",
    ) -> None:
        self.owner = owner
        self.executor = executor
        self.timers = timers
        self.clock = clock
        self.name = name
        #: Seconds of quiet after a change before its cycle (adapters may change it).
        self.debounce = debounce
        #: Longest the first of a burst of changes waits for its cycle.
        self.max_wait = max_wait
        self._pending: dict[str, str] = {}
        self._first_pending: float | None = None
        self._want_index = False
        #: A full cycle was cancelled or failed: it resumes with the next change.
        self._index_held = False
        self._want_reindex = False
        self._want_collect = False
        self._running: Batch | None = None
        #: When the oldest change of the running batch was made.
        self._running_since: float | None = None
        #: The running cycle has reported its changes' results (`results_reported`).
        self._running_reported = False
        self._timer: Cancellable | None = None
        self._ready = False
        self._closed = False
        self._settled = True
        self._settled_callbacks: list[Callable[[], None]] = []
        #: When the last change was queued (the leading edge needs `debounce` of quiet).
        self._last_change: float | None = None

    # -- state ---------------------------------------------------------------------

    @property
    def pending(self) -> Mapping[str, str]:
        """Changes waiting for a cycle (path -> tag)."""
        return self._pending

    @property
    def running(self) -> Batch | None:
        """The batch whose job is running, if any."""
        return self._running

    @property
    def settled(self) -> bool:
        """Nothing queued, armed or running."""
        return self._settled

    @property
    def wants_index(self) -> bool:
        return self._want_index or self._want_reindex

    def when_settled(self, callback: Callable[[], None]) -> None:
        """Call `callback` once the scheduler is settled (now, if it is)."""
        if self._settled:
            callback()
        else:
            self._settled_callbacks.append(callback)

    # -- what the owner asks for -----------------------------------------------------------

    def start(self) -> None:
        """The workspace can run cycles (its store is open): start what is queued."""
        self._ready = True
        if self._timer is None:
            self._kick()

    def pause(self) -> None:
        """No cycle starts until `start` (the store is being replaced); changes keep queueing."""
        self._ready = False
        self._settled = False

    def change(
        self, path: str, tag: str, *, immediate: bool = False, leading: bool = False
    ) -> None:
        """Queue a change to `path`; its cycle starts after the debounce (now if
        `immediate`, or if `leading` and the scheduler is quiet: see the module docstring)."""
        if self._closed:
            return
        now = self.clock()
        quiet = (
            not self._pending
            # (A cycle past its results is cancelled below: the edit leads once it stops.)
            and (self._running is None or self._running_reported)
            and self._timer is None
            and (self._last_change is None or now - self._last_change >= self.debounce)
        )
        self._last_change = now
        self._pending[path] = tag
        self._index_held = False
        if self._first_pending is None:
            self._first_pending = now
        self._settled = False
        if self._running is not None and not self._running.full and not self._overdue(now):
            # The running cycle works on an older text: stop it; its changes
            # are queued again when it reports itself cancelled.
            self.owner.cancel_running()
        delay = 0.0 if immediate or (leading and quiet) else self.debounce
        waited = now - self._first_pending
        delay = max(0.0, min(delay, self.max_wait - waited))
        log.debug(
            "%s: cycle for %s in %d ms (debounce %d ms)",
            self.name,
            path,
            round(delay * 1000),
            round(self.debounce * 1000),
        )
        if leading and quiet and not immediate:
            # The keystroke after a pause starts its cycle now, not on the
            # loop's next turn (behind whatever else is ready there: the
            # client's pull for this very edit), or as soon as the cancelled
            # rest of the running cycle stops (`_finished` kicks). Immediate
            # changes keep the zero timer: files opened together make one cycle.
            self._kick()
            return
        self._arm(delay)

    def results_reported(self) -> None:
        """The running cycle's changes have their results (the rest of it runs for the
        workspace): it no longer counts as overdue or as busy (an edit after a
        pause cancels it and leads), and if a newer change cancels it, its
        changes are queued again as new ones."""
        if self._running is not None:
            self._running_since = None
            self._running_reported = True

    def request_index(self) -> None:
        """Bring the whole workspace up to date (a warm index) before the next changes."""
        self._want_index = True
        self._index_held = False
        self._settled = False
        self._kick_soon()

    def request_reindex(self) -> None:
        """Drop the graph and index from scratch, after the running job if there is one."""
        self._want_reindex = True
        self._index_held = False
        self._settled = False
        self._kick_soon()

    def request_collect(self) -> None:
        """Run a job without a cycle (the owner recomputes what it derives from the graph)."""
        self._want_collect = True
        self._settled = False
        self._kick_soon()

    def close(self) -> None:
        """Start nothing more; ask the running cycle to stop."""
        if self._closed:
            return
        self._closed = True
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._running is not None:
            self.owner.cancel_running()

    # -- internals ----------------------------------------------------------------------

    def _arm(self, delay: float) -> None:
        if self._timer is not None:
            self._timer.cancel()
        self._timer = self.timers.call_later(delay, self._kick)

    def _overdue(self, now: float) -> bool:
        """Whether the running batch holds a change that has waited `max_wait` already."""
        since = self._running_since
        return since is not None and now - since >= self.max_wait

    def _kick_soon(self) -> None:
        # Now if idle; otherwise the running job's end or the armed timer kicks.
        if self._running is None and self._timer is None:
            self._kick()

    def _has_work(self) -> bool:
        return bool(
            self._pending
            or self._want_collect
            or self._want_reindex
            or (self._want_index and not self._index_held)
        )

    def _kick(self) -> None:
        """Start the next job if there is work and nothing is running."""
        self._timer = None
        if self._closed or self._running is not None or not self._ready:
            return
        if not self._has_work():
            self._settle()
            return
        batch = Batch(
            changes=dict(self._pending),
            index=self._want_index and not self._want_reindex,
            reindex=self._want_reindex,
        )
        self._pending.clear()
        self._running_since = self._first_pending
        self._running_reported = False
        self._first_pending = None
        self._want_collect = False
        self._want_reindex = False
        self._running = batch
        try:
            job = self.owner.prepare(batch)
        except Exception as exc:  # a broken owner must not wedge the scheduler
            log.exception("%s: could not prepare a cycle", self.name)
            self._finished(batch, Outcome(error=exc))
            return
        self.executor.submit(job, lambda outcome: self._finished(batch, outcome))

    def _finished(self, batch: Batch, outcome: Outcome[R]) -> None:
        self._running = None
        self._running_reported = False
        since, self._running_since = self._running_since, None
        cancelled = outcome.error is None and (
            outcome.result is not None and self.owner.was_cancelled(outcome.result)
        )
        if cancelled:
            outcome = Outcome(outcome.result, None, cancelled=True)
        if self._closed:
            self.owner.finished(batch, outcome)
            return
        if batch.full:
            if cancelled or outcome.error is not None:
                # Stopped by the user or the owner, or broken: resume with the
                # next change (which re-reads the disk and the buffers anyway).
                self._want_index = True
                self._index_held = True
                self._pending.clear()
                self._first_pending = None
            else:
                self._want_index = False
        elif cancelled:
            for path, tag in batch.changes.items():
                self._pending.setdefault(path, tag)
            if self._pending:
                # The requeued changes keep their age: the maximum wait counts
                # from the oldest of them, not from the cancellation.
                ages = [t for t in (self._first_pending, since) if t is not None]
                self._first_pending = min(ages) if ages else self.clock()
        self.owner.finished(batch, outcome)
        if self._timer is None:
            self._kick()

    def _settle(self) -> None:
        self._settled = True
        callbacks, self._settled_callbacks = self._settled_callbacks, []
        for callback in callbacks:
            try:
                callback()
            except Exception:
                log.exception("%s: a settled callback failed", self.name)


# -- the executor and timers of today: a thread, and an asyncio event loop ---------------


class ThreadExecutor(Generic[J, R]):
    """Runs jobs with `run` on a `concurrent.futures` executor (one thread per workspace).

    `deliver` moves a callback onto the owner's thread (asyncio's
    `loop.call_soon_threadsafe`); a result that can no longer be delivered (the
    loop is closed) is dropped.
    """

    def __init__(
        self,
        run: Callable[[J], R],
        executor: Executor,
        deliver: Callable[[Callable[[], None]], object],
    ) -> None:
        self.run = run
        self.executor = executor
        self.deliver = deliver

    def submit(self, job: J, done: Callable[[Outcome[R]], None]) -> None:
        def ended(fut: Future[R]) -> None:
            if fut.cancelled():
                outcome: Outcome[R] = Outcome(error=CancelledError())
            elif (exc := fut.exception()) is not None:
                outcome = Outcome(error=exc)
            else:
                outcome = Outcome(result=fut.result())
            with contextlib.suppress(RuntimeError):  # the loop is closed: nobody listens
                self.deliver(lambda: done(outcome))

        try:
            fut = self.executor.submit(self.run, job)
        except RuntimeError as exc:  # the executor was shut down
            done(Outcome(error=exc))
            return
        fut.add_done_callback(ended)


class AsyncioTimers:
    """`Timers` on an asyncio event loop (the owner's thread is the loop's)."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop

    def call_later(self, delay: float, callback: Callable[[], None]) -> Cancellable:
        return self.loop.call_later(delay, callback)


async def wait_settled(scheduler: CycleScheduler[J, R], timeout: float) -> bool:
    """Wait (at most `timeout` seconds) until `scheduler` is settled; True if it is."""
    if scheduler.settled:
        return True
    settled = asyncio.get_running_loop().create_future()

    def wake() -> None:
        if not settled.done():
            settled.set_result(None)

    scheduler.when_settled(wake)
    try:
        await asyncio.wait_for(settled, timeout)
    except TimeoutError:
        return False
    return True
