"""A raw JSON-RPC client for the real server: bytes on its stdin, messages off its stdout.

No LSP library on this side: the point is to send what a library would
refuse to (bad JSON, wrong types, out-of-order messages). A reader thread
parses the server's messages into a queue and answers the server's own
requests (configuration, progress, registrations) with null results, as a
minimal client would; another thread drains stderr, so a chatty server
never blocks on a full pipe, and keeps it for the failure report.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

SERVER = [sys.executable, "-I", "-m", "graphwarden", "serve"]
#: A file of tests/lsp/conftest.py's PYTHON_FILES whose symbol the probes ask for.
PROBE_FILE = "app/core/service.py"
#: Bound on waiting for one answer: a hung server fails the test instead of
#: blocking it, never a measure of speed.
ANSWER_TIMEOUT = 120.0


def _key(id_: object) -> str:
    return json.dumps(id_, sort_keys=True)


def frame(body: bytes) -> bytes:
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def encode(message: object) -> bytes:
    """A message as one framed JSON body (bytes are sent as they are)."""
    return frame(message if isinstance(message, bytes) else json.dumps(message).encode())


class ServerDied(AssertionError):
    """The server exited, or stopped answering, while the test still needed it."""


class WireClient:
    """The server in a subprocess, spoken to in raw frames."""

    def __init__(self, cwd: Path, env: dict[str, str] | None = None) -> None:
        self.proc = subprocess.Popen(
            SERVER,
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, **(env or {})},
        )
        assert self.proc.stdin and self.proc.stdout and self.proc.stderr
        self._stdin: IO[bytes] = self.proc.stdin
        self.messages: queue.Queue[dict[str, Any] | None] = queue.Queue()
        #: Every notification the server sent, in order (method, params).
        self.notifications: list[tuple[str, Any]] = []
        #: Responses by their id's JSON (ids may be lists, or True beside 1).
        self._answers: dict[str, dict[str, Any]] = {}
        self._lock = threading.Lock()
        self._stderr: list[bytes] = []
        #: Why the server's output could not be read (None while it can).
        self.wire_error: str | None = None
        #: Frames to write, in order: one writer thread, so neither the test nor the
        #: reader (answering the server) ever blocks on a full pipe, and frames
        #: from both never interleave.
        self._outbox: queue.Queue[bytes | None] = queue.Queue()
        #: Why the server's input could not be written (None while it can).
        self.write_error: str | None = None
        self._reader = threading.Thread(target=self._read, args=(self.proc.stdout,), daemon=True)
        self._drain = threading.Thread(target=self._drain_stderr, daemon=True)
        self._writer = threading.Thread(target=self._write, daemon=True)
        self._reader.start()
        self._drain.start()
        self._writer.start()

    # -- the wire -------------------------------------------------------------------

    def send_raw(self, data: bytes) -> None:
        """Queue bytes for the server's input (written in order by the writer thread)."""
        if self.write_error is not None:
            raise ServerDied(f"the server closed its input: {self.report()}")
        self._outbox.put(data)

    def _write(self) -> None:
        while (data := self._outbox.get()) is not None:
            try:
                self._stdin.write(data)
                self._stdin.flush()
            except (BrokenPipeError, ValueError, OSError) as exc:
                self.write_error = f"cannot write to the server: {exc!r}"
                return

    def send(self, message: object) -> None:
        self.send_raw(encode(message))

    def request(self, id_: object, method: str, params: object = None) -> None:
        msg: dict[str, Any] = {"jsonrpc": "2.0", "id": id_, "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)

    def notify(self, method: str, params: object = None) -> None:
        msg: dict[str, Any] = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)

    def answer(self, id_: object, timeout: float = ANSWER_TIMEOUT) -> dict[str, Any]:
        """The server's response to request `id_` (waiting for it)."""
        deadline = _Deadline(timeout)
        while True:
            with self._lock:
                if _key(id_) in self._answers:
                    return self._answers.pop(_key(id_))
            try:
                msg = self.messages.get(timeout=deadline.left())
            except queue.Empty:
                raise ServerDied(f"no answer to request {id_!r}: {self.report()}") from None
            if msg is None:
                raise ServerDied(f"the server exited before answering {id_!r}: {self.report()}")

    def call(self, id_: object, method: str, params: object = None) -> dict[str, Any]:
        self.request(id_, method, params)
        return self.answer(id_)

    def _read(self, stream: IO[bytes]) -> None:
        try:
            while True:
                try:
                    msg = _read_message(stream)
                except Exception as exc:  # what the server wrote is no message: the finding
                    self.wire_error = f"unreadable output from the server: {exc!r}"
                    raise
                if msg is None:
                    break
                if "method" in msg and "id" in msg:  # the server asks us something
                    self._answer_server(msg)
                elif "method" in msg:
                    self.notifications.append((msg["method"], msg.get("params")))
                else:
                    with self._lock:
                        self._answers[_key(msg.get("id"))] = msg
                self.messages.put(msg)
        finally:
            self.messages.put(None)

    def _answer_server(self, msg: dict[str, Any]) -> None:
        result: Any = None
        if msg["method"] == "workspace/configuration":
            result = [None for _ in msg.get("params", {}).get("items", [])]
        with contextlib.suppress(ServerDied):
            self.send({"jsonrpc": "2.0", "id": msg["id"], "result": result})

    def _drain_stderr(self) -> None:
        assert self.proc.stderr
        for line in self.proc.stderr:
            self._stderr.append(line)

    # -- lifecycle -------------------------------------------------------------------

    def initialize(self, root: Path, id_: object = "init") -> dict[str, Any]:
        answer = self.call(
            id_,
            "initialize",
            {
                "processId": None,
                "rootUri": root.as_uri(),
                "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
                "capabilities": {
                    "general": {"positionEncodings": ["utf-16"]},
                    "window": {"workDoneProgress": True},
                },
            },
        )
        self.notify("initialized", {})
        return answer

    def indexed(self, runs: int = 1) -> bool:
        """Whether `runs` indexing runs have ended ($/progress "end" of an index token)."""
        ends = [
            p
            for method, p in list(self.notifications)
            if method == "$/progress"
            and isinstance(p, dict)
            and str(p.get("token", "")).startswith("graphwarden-index")
            and isinstance(p.get("value"), dict)
            and p["value"].get("kind") == "end"
        ]
        return len(ends) >= runs

    def wait_indexed(self, runs: int = 1, timeout: float = ANSWER_TIMEOUT) -> None:
        """Wait for the end of `runs` indexing runs (the server reports them as progress)."""
        deadline = _Deadline(timeout)
        while not self.indexed(runs):
            try:
                msg = self.messages.get(timeout=deadline.left())
            except queue.Empty:
                raise ServerDied(f"indexing never ended: {self.report()}") from None
            if msg is None:
                raise ServerDied(f"the server exited while indexing: {self.report()}")

    def wait_notification(
        self, predicate: Callable[[str, Any], bool], timeout: float = ANSWER_TIMEOUT
    ) -> tuple[str, Any]:
        """The first notification (method, params) the server sent that satisfies `predicate`."""
        deadline = _Deadline(timeout)
        while True:
            for method, params in list(self.notifications):
                if predicate(method, params):
                    return method, params
            try:
                msg = self.messages.get(timeout=deadline.left())
            except queue.Empty:
                raise ServerDied(f"no such notification: {self.report()}") from None
            if msg is None:
                raise ServerDied(f"the server exited: {self.report()}")

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stderr_lines(self) -> list[str]:
        return [line.decode("utf-8", "replace") for line in list(self._stderr)]

    def stderr_text(self) -> str:
        return b"".join(self._stderr).decode("utf-8", "replace")

    def report(self) -> str:
        code = self.proc.poll()
        state = "running" if code is None else f"exited with {code}"
        wire = "".join(f"; {e}" for e in (self.wire_error, self.write_error) if e)
        tail = self.stderr_text()[-4000:]
        return f"server {state}{wire}; stderr (last 4000 characters):\n{tail}"

    def shutdown(self) -> int:
        """The orderly end: shutdown, exit; the exit code."""
        self.call("shutdown", "shutdown")
        self.notify("exit")
        return self.proc.wait(timeout=ANSWER_TIMEOUT)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        self._outbox.put(None)
        self._writer.join(timeout=10)
        self._reader.join(timeout=10)
        self._drain.join(timeout=10)
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if stream:
                with contextlib.suppress(OSError):
                    stream.close()

    def __enter__(self) -> WireClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def probe_answer(root: Path) -> list[dict[str, Any]]:
    """The one right answer to workspace/symbol "compute_total" in a PYTHON_FILES repository."""
    return [
        {
            "location": {
                "uri": (root / PROBE_FILE).as_uri(),
                "range": {
                    "start": {"line": 4, "character": 4},
                    "end": {"line": 4, "character": 17},
                },
            },
            "name": "compute_total",
            "kind": 12,
            "containerName": "app.core.service.compute_total",
        }
    ]


def _read_message(stream: IO[bytes]) -> dict[str, Any] | None:
    """One framed message (None at the end of the stream)."""
    length = None
    while True:
        line = stream.readline()
        if not line:
            return None
        if line in (b"\r\n", b"\n"):
            if length is None:
                continue
            break
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
    body = stream.read(length)
    if len(body) < length:
        return None
    value = json.loads(body)
    assert isinstance(value, dict), f"the server sent a non-object message: {value!r}"
    return value


class _Deadline:
    def __init__(self, seconds: float) -> None:
        import time

        self._end = time.monotonic() + seconds
        self._now = time.monotonic

    def left(self) -> float:
        return max(self._end - self._now(), 0.0)
