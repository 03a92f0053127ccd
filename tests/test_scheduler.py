"""The cycle scheduler, without pygls and without sleeping: a fake clock and a hand-driven executor."""

from __future__ import annotations

import asyncio
import heapq
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest

from graphwarden.analysis.scheduler import (
    AsyncioTimers,
    Batch,
    CycleScheduler,
    Outcome,
    ThreadExecutor,
    wait_settled,
)


class FakeTimers:
    """Timers on a clock that only moves when the test says so."""

    def __init__(self) -> None:
        self.now = 0.0
        self._heap: list[tuple[float, int, FakeTimer]] = []
        self._seq = itertools.count()

    def clock(self) -> float:
        return self.now

    def call_later(self, delay: float, callback: Callable[[], None]) -> FakeTimer:
        timer = FakeTimer(self.now + delay, callback)
        heapq.heappush(self._heap, (timer.when, next(self._seq), timer))
        return timer

    def advance(self, seconds: float) -> None:
        """Move the clock, firing every timer that falls due, in order."""
        end = self.now + seconds
        while self._heap and self._heap[0][0] <= end:
            when, _, timer = heapq.heappop(self._heap)
            self.now = max(self.now, when)
            if not timer.cancelled:
                timer.callback()
        self.now = end

    def armed(self) -> list[float]:
        """When the live timers fall due."""
        return sorted(t.when for _, _, t in self._heap if not t.cancelled)


@dataclass
class FakeTimer:
    when: float
    callback: Callable[[], None]
    cancelled: bool = False

    def cancel(self) -> None:
        self.cancelled = True


@dataclass
class Result:
    cancelled: bool = False


@dataclass
class Owner:
    """Records what the scheduler asks; jobs are held until the test finishes them."""

    jobs: list[tuple[Batch, Callable[[Outcome[Result]], None]]] = field(default_factory=list)
    finished_batches: list[tuple[Batch, Outcome[Result]]] = field(default_factory=list)
    cancel_requests: int = 0
    extra_on_index: dict[str, str] = field(default_factory=dict)

    # CycleOwner
    def prepare(self, batch: Batch) -> Batch:
        if batch.full:
            batch.changes.update(self.extra_on_index)
        return batch

    def was_cancelled(self, result: Result) -> bool:
        return result.cancelled

    def cancel_running(self) -> None:
        self.cancel_requests += 1

    def finished(self, batch: Batch, outcome: Outcome[Result]) -> None:
        self.finished_batches.append((batch, outcome))

    # JobExecutor
    def submit(self, job: Batch, done: Callable[[Outcome[Result]], None]) -> None:
        self.jobs.append((job, done))

    def complete(self, cancelled: bool = False, error: BaseException | None = None) -> Batch:
        batch, done = self.jobs.pop(0)
        done(Outcome(error=error) if error else Outcome(result=Result(cancelled)))
        return batch


def make(
    debounce: float = 0.15, max_wait: float = 1.0
) -> tuple[CycleScheduler[Batch, Result], Owner, FakeTimers]:
    timers = FakeTimers()
    owner = Owner()
    scheduler: CycleScheduler[Batch, Result] = CycleScheduler(
        owner, owner, timers, debounce=debounce, max_wait=max_wait, clock=timers.clock
    )
    scheduler.start()
    return scheduler, owner, timers


def test_a_change_waits_for_the_debounce_then_runs_once() -> None:
    s, owner, timers = make(debounce=0.2)
    s.change("a.py", "buffer")
    s.change("b.py", "disk")
    assert not s.settled
    timers.advance(0.19)
    assert owner.jobs == []
    timers.advance(0.01)
    assert [b.changes for b, _ in owner.jobs] == [{"a.py": "buffer", "b.py": "disk"}]
    owner.complete()
    assert s.settled and not s.pending


def test_the_first_edit_after_a_pause_runs_at_once() -> None:
    s, owner, timers = make(debounce=0.2)
    s.change("a.py", "buffer", leading=True)
    timers.advance(0)
    assert [b.changes for b, _ in owner.jobs] == [{"a.py": "buffer"}]
    owner.complete()
    assert s.settled
    # Another edit within the debounce of the first waits for quiet.
    timers.advance(0.1)
    s.change("a.py", "buffer", leading=True)
    timers.advance(0.19)
    assert len(owner.jobs) == 0
    timers.advance(0.01)
    assert len(owner.jobs) == 1
    owner.complete()
    # After a pause as long as the debounce, the next edit leads again.
    timers.advance(0.2)
    s.change("b.py", "buffer", leading=True)
    timers.advance(0)
    assert [b.changes for b, _ in owner.jobs] == [{"b.py": "buffer"}]


def test_a_burst_of_edits_cancels_the_leading_cycle_and_waits_for_quiet() -> None:
    s, owner, timers = make(debounce=0.15, max_wait=1.0)
    s.change("a.py", "buffer", leading=True)
    timers.advance(0)
    assert len(owner.jobs) == 1
    for _ in range(3):  # keystrokes every 50 ms while the leading cycle runs
        timers.advance(0.05)
        s.change("a.py", "buffer", leading=True)
    assert owner.cancel_requests == 3  # each edit asks the stale cycle to stop
    owner.complete(cancelled=True)
    assert len(owner.jobs) == 0  # requeued, waiting for the debounce of the last edit
    timers.advance(0.15)
    assert [b.changes for b, _ in owner.jobs] == [{"a.py": "buffer"}]


def test_disk_changes_and_changes_into_a_busy_scheduler_never_lead() -> None:
    s, owner, timers = make(debounce=0.2)
    s.change("a.py", "disk")  # not an edit: a branch switch's first event
    timers.advance(0.19)
    assert owner.jobs == []
    timers.advance(0.01)
    assert len(owner.jobs) == 1
    # Quiet for longer than the debounce, but a cycle is running: wait for it.
    timers.advance(0.5)
    s.change("b.py", "buffer", leading=True)
    owner.complete(cancelled=True)
    timers.advance(0.19)
    assert len(owner.jobs) == 0
    timers.advance(0.01)
    assert [b.changes for b, _ in owner.jobs] == [{"a.py": "disk", "b.py": "buffer"}]


def test_debounce_restarts_with_every_change_but_not_past_the_maximum_wait() -> None:
    s, owner, timers = make(debounce=0.3, max_wait=1.0)
    for _ in range(5):  # a change every 0.25 s: the debounce alone would never fire
        s.change("a.py", "buffer")
        timers.advance(0.25)
    # 1.25 s after the first change: the maximum wait (1 s) started a cycle.
    assert len(owner.jobs) == 1


def test_immediate_changes_do_not_wait() -> None:
    s, owner, timers = make(debounce=5.0)
    s.change("a.py", "buffer", immediate=True)
    timers.advance(0)
    assert len(owner.jobs) == 1


def test_a_new_change_cancels_the_stale_cycle_and_its_changes_are_requeued() -> None:
    s, owner, timers = make()
    s.change("a.py", "buffer")
    timers.advance(0.5)  # the cycle started at 0.15; a.py waited less than max_wait
    assert len(owner.jobs) == 1
    s.change("b.py", "buffer")
    assert owner.cancel_requests == 1
    owner.complete(cancelled=True)
    assert owner.finished_batches[-1][1].cancelled
    # Requeued, and the new change's debounce is still armed: one cycle for both.
    assert dict(s.pending) == {"a.py": "buffer", "b.py": "buffer"}
    timers.advance(1)
    assert [b.changes for b, _ in owner.jobs] == [{"a.py": "buffer", "b.py": "buffer"}]


def test_a_newer_tag_wins_over_a_requeued_one() -> None:
    s, owner, timers = make()
    s.change("a.py", "buffer")
    timers.advance(1)
    s.change("a.py", "disk")  # the buffer was closed meanwhile
    owner.complete(cancelled=True)
    assert dict(s.pending) == {"a.py": "disk"}


def test_a_full_cycle_is_not_cancelled_by_changes() -> None:
    s, owner, timers = make()
    s.request_index()
    assert owner.jobs and owner.jobs[0][0].index
    s.change("a.py", "buffer")
    assert owner.cancel_requests == 0
    owner.complete()
    timers.advance(1)
    assert [b.changes for b, _ in owner.jobs] == [{"a.py": "buffer"}]
    assert not s.wants_index


def test_a_cancelled_index_waits_for_the_next_change() -> None:
    s, owner, timers = make()
    owner.extra_on_index = {"open.py": "buffer"}
    s.request_index()
    owner.complete(cancelled=True)  # the user cancelled the progress
    timers.advance(10)
    assert owner.jobs == [] and s.settled and s.wants_index
    s.change("a.py", "buffer")
    timers.advance(1)
    batch = owner.jobs[0][0]
    assert batch.index and batch.changes == {"a.py": "buffer", "open.py": "buffer"}


def test_nothing_starts_before_start_or_while_paused() -> None:
    timers = FakeTimers()
    owner = Owner()
    s: CycleScheduler[Batch, Result] = CycleScheduler(
        owner, owner, timers, debounce=0.1, max_wait=1.0, clock=timers.clock
    )
    s.request_index()
    s.change("a.py", "buffer")
    timers.advance(5)
    assert owner.jobs == []
    s.start()
    assert owner.jobs[0][0].index and owner.jobs[0][0].changes == {"a.py": "buffer"}
    owner.complete()
    s.pause()
    s.change("b.py", "buffer")
    timers.advance(5)
    assert owner.jobs == [] and not s.settled
    s.request_index()
    s.start()
    assert owner.jobs[0][0].index and owner.jobs[0][0].changes == {"b.py": "buffer"}


def test_reindex_and_collect_run_after_the_running_job() -> None:
    s, owner, timers = make()
    s.change("a.py", "buffer", immediate=True)
    timers.advance(0)
    s.request_reindex()
    s.request_collect()
    assert len(owner.jobs) == 1
    owner.complete()
    assert owner.jobs[0][0].reindex
    owner.complete()
    assert not owner.jobs and s.settled


def test_collect_alone_runs_an_empty_batch() -> None:
    s, owner, _ = make()
    s.request_collect()
    batch = owner.complete()
    assert batch == Batch()


def test_settled_callbacks_fire_once_work_is_done() -> None:
    s, owner, timers = make()
    calls: list[str] = []
    s.when_settled(lambda: calls.append("idle"))
    assert calls == ["idle"]
    s.change("a.py", "buffer")
    s.when_settled(lambda: calls.append("after"))
    timers.advance(1)
    assert calls == ["idle"]
    owner.complete()
    assert calls == ["idle", "after"]


def test_a_failing_job_is_reported_and_the_scheduler_goes_on() -> None:
    s, owner, timers = make()
    s.change("a.py", "buffer", immediate=True)
    timers.advance(0)
    owner.complete(error=RuntimeError("boom"))
    outcome = owner.finished_batches[-1][1]
    assert isinstance(outcome.error, RuntimeError) and not outcome.cancelled
    s.change("b.py", "buffer", immediate=True)
    timers.advance(0)
    assert [b.changes for b, _ in owner.jobs] == [{"b.py": "buffer"}]


def test_close_cancels_the_running_cycle_and_starts_nothing_more() -> None:
    s, owner, timers = make()
    s.change("a.py", "buffer", immediate=True)
    timers.advance(0)
    s.change("b.py", "buffer")
    s.close()
    assert owner.cancel_requests == 2  # the change, then close
    owner.complete(cancelled=True)
    timers.advance(5)
    assert owner.jobs == []
    assert len(owner.finished_batches) == 1


async def test_thread_executor_and_asyncio_timers_deliver_on_the_loop() -> None:
    """The executor of today: a thread runs the job, the loop gets the outcome."""
    from concurrent.futures import ThreadPoolExecutor

    loop = asyncio.get_running_loop()
    pool = ThreadPoolExecutor(max_workers=1)
    ran: list[dict[str, str]] = []
    owner = Owner()

    def run(job: Batch) -> Result:
        ran.append(job.changes)
        return Result()

    executor: ThreadExecutor[Batch, Result] = ThreadExecutor(run, pool, loop.call_soon_threadsafe)
    s: CycleScheduler[Batch, Result] = CycleScheduler(
        owner, executor, AsyncioTimers(loop), debounce=0.01, max_wait=1.0
    )
    s.start()
    s.change("a.py", "buffer")
    assert await wait_settled(s, timeout=30)
    pool.shutdown()
    assert ran == [{"a.py": "buffer"}]
    assert [b.changes for b, _ in owner.finished_batches] == [{"a.py": "buffer"}]


@pytest.mark.parametrize("debounce", [0.0, 0.4])
def test_the_scheduled_delay_is_logged(debounce: float, caplog: pytest.LogCaptureFixture) -> None:
    s, _, _ = make(debounce=debounce)
    with caplog.at_level("DEBUG", logger="graphwarden.analysis.scheduler"):
        s.change("a.py", "buffer")
    assert f"in {round(debounce * 1000)} ms" in caplog.text


def test_edits_faster_than_a_cycle_still_let_one_finish_every_maximum_wait() -> None:
    """A change every 0.1 s, a cycle that takes 0.5 s: without a limit every cycle
    would be cancelled by the next keystroke and the results would never move."""
    s, owner, timers = make(debounce=0.15, max_wait=1.0)
    finished = []
    for step in range(60):  # 6 s of typing
        s.change("a.py", "buffer")
        timers.advance(0.1)
        if owner.jobs and step % 5 == 4:  # each job ends 0.5 s after it starts, or so
            cancelled = owner.cancel_requests > len(owner.finished_batches)
            owner.complete(cancelled=cancelled)
            if not cancelled:
                finished.append(timers.now)
    # Cycles completed while the typing went on, at most ~max_wait + a cycle apart.
    assert len(finished) >= 3, finished
    gaps = [b - a for a, b in itertools.pairwise(finished)]
    assert max(gaps) <= 2.0, gaps


def test_a_cancelled_batch_keeps_the_age_of_its_changes() -> None:
    s, owner, timers = make(debounce=0.3, max_wait=1.0)
    s.change("a.py", "buffer")
    timers.advance(0.3)  # the debounce starts a cycle for a change made at t=0
    assert len(owner.jobs) == 1
    timers.advance(0.2)
    s.change("b.py", "buffer")  # t=0.5: the cycle is stale, cancelled
    assert owner.cancel_requests == 1
    owner.complete(cancelled=True)
    # a.py was changed at t=0: the next cycle starts at t=1.0 at the latest,
    # although b.py's debounce would run until t=0.8 and keep restarting.
    timers.advance(0.25)
    s.change("b.py", "buffer")  # t=0.75
    timers.advance(0.26)  # t=1.01
    assert len(owner.jobs) == 1
    # And that cycle, overdue, is not cancelled by the next keystroke.
    s.change("c.py", "buffer")
    assert owner.cancel_requests == 1


def test_a_cycle_whose_results_are_out_is_cancelled_by_a_newer_change_whatever_its_age() -> None:
    """Past its results (the language server's early results), the rest of a cycle
    (callers' data flow, global passes) holds no change: the next keystroke
    cancels it although its oldest change has waited `max_wait`, and that
    change counts as new again."""
    s, owner, timers = make(debounce=0.3, max_wait=1.0)
    s.change("a.py", "buffer")
    timers.advance(0.3)
    assert len(owner.jobs) == 1
    timers.advance(1.0)  # t=1.3: a.py has waited past max_wait
    s.change("b.py", "buffer")
    assert owner.cancel_requests == 0  # overdue: not cancelled
    s.results_reported()
    s.change("b.py", "buffer")
    assert owner.cancel_requests == 1
    owner.complete(cancelled=True)
    # The requeued a.py waits as b.py does, from t=1.3: the debounce, not at once.
    assert not owner.jobs
    timers.advance(0.29)
    assert not owner.jobs
    timers.advance(0.02)
    assert len(owner.jobs) == 1
    assert set(owner.jobs[0][0].changes) == {"a.py", "b.py"}


def test_an_edit_after_a_pause_leads_once_the_cycle_past_its_results_stops() -> None:
    s, owner, timers = make(debounce=0.15, max_wait=1.0)
    s.change("a.py", "buffer", leading=True)
    assert len(owner.jobs) == 1  # the edit after a pause leads
    s.results_reported()
    timers.advance(0.3)  # the cycle runs on (the callers' data flow)
    s.change("a.py", "buffer", leading=True)
    assert owner.cancel_requests == 1 and not timers.armed()
    owner.complete(cancelled=True)
    assert len(owner.jobs) == 1  # no debounce: it starts as the cancelled one stops
