"""The cycle worker: a workspace's cycles in a process of their own, driven over a pipe.

Driven here the way the language server drives it, from an asyncio loop: jobs
in, results out, early results before the global pass, cancellation through
shared memory while a cycle is held at a checkpoint, a killed worker replaced.
"""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from graphwarden.analysis.checkpoints import ENV
from graphwarden.analysis.cycle.stats import FileChange
from graphwarden.analysis.cycle_worker import (
    CycleReport,
    CycleRequest,
    CycleWorker,
    WorkerDied,
    WorkerInfo,
    WorkspaceResults,
)
from graphwarden.analysis.scheduler import Outcome
from graphwarden.analysis.store.graph_store import StoreReader
from graphwarden.analysis.workspace import UserChoices
from tests.helpers import Checkpoints, write_files

CONTRACT = """\
[[contracts]]
name = "core-independent-of-web"
type = "forbidden"
source_modules = ["app.core"]
forbidden_modules = ["app.web"]
"""
FILES: dict[str, str | bytes] = {
    "graphwarden.toml": CONTRACT,
    "app/__init__.py": "",
    "app/core/__init__.py": "",
    "app/core/service.py": "def total(x):\n    return x\n",
    "app/web/__init__.py": "",
    "app/web/views.py": "def index():\n    return 'hi'\n",
}
BROKEN = "from app.web import views\n\n\ndef total(x):\n    return views.index()\n"


@dataclass
class Events:
    """What the worker told its owner, in order."""

    log: list[tuple[str, Any]] = field(default_factory=list)
    changed: asyncio.Event = field(default_factory=asyncio.Event)

    def add(self, kind: str, value: Any) -> None:
        self.log.append((kind, value))
        self.changed.set()

    def of(self, kind: str) -> list[Any]:
        return [v for k, v in self.log if k == kind]

    async def wait(self, predicate: Callable[[], bool], timeout: float = 60) -> None:
        async def loop() -> None:
            while not predicate():
                self.changed.clear()
                await self.changed.wait()

        await asyncio.wait_for(loop(), timeout)


@asynccontextmanager
async def running_worker(root: Path) -> AsyncIterator[tuple[CycleWorker, Events]]:
    loop = asyncio.get_running_loop()
    events = Events()
    worker = CycleWorker(
        root,
        UserChoices(workers=1),
        loop,
        on_opened=lambda info: events.add("opened", info),
        on_open_failed=lambda why: events.add("open-failed", why),
        on_early=lambda results: events.add("early", results),
        on_progress=lambda stage, done, total: events.add("progress", (stage, done, total)),
        on_committed=lambda paths: events.add("committed", paths),
        on_import_rules=lambda results: events.add("import-rules", results),
    )
    worker.start()
    try:
        await events.wait(lambda: bool(events.of("opened")))
        yield worker, events
    finally:
        await loop.run_in_executor(None, worker.close)


async def run_job(worker: CycleWorker, events: Events, job: CycleRequest) -> Outcome[CycleReport]:
    outcomes: list[Outcome[CycleReport]] = []

    def done(outcome: Outcome[CycleReport]) -> None:
        outcomes.append(outcome)
        events.add("done", outcome)

    worker.submit(job, done)
    await events.wait(lambda: bool(outcomes), timeout=120)
    return outcomes[0]


async def submit_held_in_enrichment(
    worker: CycleWorker, events: Events, checkpoints: Checkpoints
) -> tuple[CycleRequest, list[Outcome[CycleReport]]]:
    """Submit the contract-breaking edit and wait until its cycle is held before enrichment."""
    checkpoints.hold("enrichment")
    job = CycleRequest(changes=[FileChange("app/core/service.py", BROKEN.encode())])
    outcomes: list[Outcome[CycleReport]] = []
    worker.submit(job, lambda o: (outcomes.append(o), events.add("done", o)))
    await asyncio.wait_for(_reached(checkpoints, "enrichment"), 60)
    return job, outcomes


@asynccontextmanager
async def indexed_worker(
    tmp_path: Path, checkpoints: Checkpoints
) -> AsyncIterator[tuple[Path, CycleWorker, Events]]:
    """A worker over FILES after its first index, whose cycles stop at the
    checkpoints a test holds (the worker inherits the environment variable)."""
    root = tmp_path / "ws"
    write_files(root, FILES)
    os.environ[ENV] = str(checkpoints.directory)
    try:
        async with running_worker(root) as (worker, events):
            await run_job(worker, events, CycleRequest(index=True))
            yield root, worker, events
    finally:
        del os.environ[ENV]


def rules(results: WorkspaceResults | None) -> set[str]:
    assert results is not None and results.violations is not None
    return {v.rule for v in results.violations}


def current_rules(events: Events) -> set[str]:
    """The violations as the owner knows them: the last results that sent any."""
    sent: list[WorkspaceResults] = [
        r
        for kind, value in events.log
        for r in (
            [value]
            if kind in ("import-rules", "early")
            else [value.result.results]
            if kind == "done" and value.result
            else []
        )
        if r is not None and r.violations is not None
    ]
    return rules(sent[-1])


async def test_jobs_results_and_early_results(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    write_files(root, FILES)
    async with running_worker(root) as (worker, events):
        info: WorkerInfo = events.of("opened")[0]
        assert info.pid == worker.pid and info.store_path == root / ".graphwarden"
        outcome = await run_job(worker, events, CycleRequest(index=True, progress=True))
        assert outcome.error is None and outcome.result is not None
        report = outcome.result
        assert report.index_stats is not None and report.index_stats.files == 5
        # Sent early (before the global pass), not again at the end: unchanged.
        assert rules(events.of("early")[0]) == set()
        assert report.results is not None and report.results.violations is None
        assert report.results.all_parse_errors
        assert events.of("progress"), "an index reports its progress"
        events.log.clear()
        change = FileChange("app/core/service.py", BROKEN.encode())
        outcome = await run_job(worker, events, CycleRequest(changes=[change]))
        assert outcome.result is not None
        # The broken contract came right after the commit, the edited file's other
        # results before the end of the cycle.
        kinds = [k for k, _ in events.log]
        assert kinds.index("committed") < kinds.index("import-rules") < kinds.index("early")
        assert kinds.index("early") < kinds.index("done")
        assert rules(events.of("import-rules")[0]) == {"core-independent-of-web"}
        # Unchanged since: neither the early nor the final report sends them again.
        assert events.of("early")[0].violations is None
        final = outcome.result.results
        assert final is not None and final.violations is None
        assert final.changed_paths == ["app/core/service.py"]


async def test_the_commit_is_announced_before_enrichment(
    tmp_path: Path, checkpoints: Checkpoints
) -> None:
    """The server decodes an open document's new nodes when the cycle commits them
    (requests read that revision from then on), not when the results come."""
    async with indexed_worker(tmp_path, checkpoints) as (root, worker, events):
        events.log.clear()
        _job, outcomes = await submit_held_in_enrichment(worker, events, checkpoints)
        # Held before enrichment: the commit is announced, nothing else yet.
        await events.wait(lambda: bool(events.of("committed")))
        assert events.of("committed") == [["app/core/service.py"]]
        assert not events.of("import-rules") and not events.of("early") and not outcomes
        # ... and the committed revision is what a reader sees already.
        reader = StoreReader(str(root / ".graphwarden"))
        try:
            with reader.snapshot() as snap:
                names = {n.name for n in snap.context_nodes("app/core/service.py")}
            assert "views" in names
        finally:
            reader.close()
        checkpoints.release("enrichment")
        await events.wait(lambda: bool(outcomes))
        assert current_rules(events) == {"core-independent-of-web"}


async def test_cancel_reaches_a_held_cycle(tmp_path: Path, checkpoints: Checkpoints) -> None:
    async with indexed_worker(tmp_path, checkpoints) as (_root, worker, events):
        job, outcomes = await submit_held_in_enrichment(worker, events, checkpoints)
        worker.cancel()  # while the worker's main thread waits in the cycle
        checkpoints.release("enrichment")
        await events.wait(lambda: bool(outcomes))
        assert outcomes[0].result is not None and outcomes[0].result.cancelled
        # The next job applies it.
        outcome = await run_job(worker, events, job)
        assert outcome.result is not None and not outcome.result.cancelled
        assert current_rules(events) == {"core-independent-of-web"}


async def test_a_killed_worker_is_replaced(tmp_path: Path, checkpoints: Checkpoints) -> None:
    async with indexed_worker(tmp_path, checkpoints) as (_root, worker, events):
        first = worker.pid
        assert first is not None
        job, outcomes = await submit_held_in_enrichment(worker, events, checkpoints)
        os.kill(first, signal.SIGKILL)
        checkpoints.release("enrichment")
        await events.wait(lambda: bool(outcomes) and len(events.of("opened")) == 2)
        assert isinstance(outcomes[0].error, WorkerDied)
        assert worker.pid != first
        # The new worker runs jobs (the owner retries after a warm index).
        outcome = await run_job(worker, events, CycleRequest(index=True, changes=job.changes))
        assert outcome.result is not None
        assert current_rules(events) == {"core-independent-of-web"}


async def test_a_store_it_may_not_open_is_reported(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    # An LMDB environment graphwarden did not create: never opened.
    write_files(root, {**FILES, ".graphwarden/data.mdb": b"someone else's"})
    loop = asyncio.get_running_loop()
    events = Events()
    worker = CycleWorker(
        root,
        UserChoices(workers=1),
        loop,
        on_opened=lambda info: events.add("opened", info),
        on_open_failed=lambda why: events.add("open-failed", why),
        on_early=lambda results: None,
        on_import_rules=lambda results: None,
        on_progress=lambda stage, done, total: None,
    )
    worker.start()
    try:
        await events.wait(lambda: bool(events.of("open-failed")))
        assert "did not create" in events.of("open-failed")[0]
        with pytest.raises(WorkerDied):
            outcome = await run_job(worker, events, CycleRequest(index=True))
            raise outcome.error or AssertionError("a job ran without a workspace")
    finally:
        await loop.run_in_executor(None, worker.close)


async def _reached(checkpoints: Checkpoints, name: str) -> None:
    while not checkpoints.reached(name):
        await asyncio.sleep(0.01)
