"""Front-end analysis in a child process, each file under a bound.

The fuzz tests hand every input to one long-lived child (`python -m
tests.fuzz.bounded`), which runs `graph_problems` on it and answers with
the problems found or the exception raised. The parent waits at most
`FILE_BOUND` seconds per file: a parser that hangs, or a crash in C code
(a segmentation fault would take pytest down with it), becomes a failed
example naming its input, and the child is started again for the next one.

The bound is a hang detector, two orders of magnitude above what the
largest fuzz input takes: never a measure of speed.

Wire format, both ways: a 4-byte big-endian length, then the payload. A
request is the path (UTF-8), a NUL byte, and the file's bytes; an answer is
a JSON object {"problems": [...]} or {"error": "traceback"}.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import struct
import subprocess
import sys
import traceback
from pathlib import Path
from typing import IO

REPO = Path(__file__).resolve().parents[2]
#: Seconds one file may take before it counts as a hang.
FILE_BOUND = 60.0


class AnalysisHung(AssertionError):
    pass


class AnalysisCrashed(AssertionError):
    pass


def _write(stream: IO[bytes], payload: bytes) -> None:
    stream.write(struct.pack(">I", len(payload)) + payload)
    stream.flush()


def _read_exact(stream: IO[bytes], n: int) -> bytes | None:
    chunks = []
    while n:
        chunk = stream.read(n)
        if not chunk:
            return None
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def _read(stream: IO[bytes]) -> bytes | None:
    head = _read_exact(stream, 4)
    if head is None:
        return None
    return _read_exact(stream, struct.unpack(">I", head)[0])


class BoundedAnalyser:
    """The parent's side: `problems(file, data)`, each call bounded by `FILE_BOUND`."""

    def __init__(self) -> None:
        self._proc: subprocess.Popen[bytes] | None = None

    def _start(self) -> subprocess.Popen[bytes]:
        if self._proc is None or self._proc.poll() is not None:
            self._proc = subprocess.Popen(
                [sys.executable, "-m", "tests.fuzz.bounded"],
                cwd=REPO,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                env={**os.environ, "PYTHONPATH": str(REPO)},
            )
        return self._proc

    def problems(self, file: str, data: bytes) -> list[str]:
        """What `graph_problems(file, data)` found; AssertionError on a hang or a crash."""
        proc = self._start()
        assert proc.stdin and proc.stdout
        with contextlib.suppress(BrokenPipeError):  # it died: reported below
            _write(proc.stdin, file.encode("utf-8", "surrogatepass") + b"\0" + data)
        ready, _, _ = select.select([proc.stdout], [], [], FILE_BOUND)
        if not ready:
            self.close()
            raise AnalysisHung(f"analysing {file!r} ({len(data)} bytes) took over {FILE_BOUND} s")
        answer = _read(proc.stdout)
        if answer is None:
            code = proc.wait()
            self._proc = None
            raise AnalysisCrashed(f"the analysis of {file!r} killed its process (exit {code})")
        result = json.loads(answer)
        if "error" in result:
            raise AssertionError(f"analysing {file!r} raised:\n{result['error']}")
        problems: list[str] = result["problems"]
        return problems

    def close(self) -> None:
        if self._proc is not None:
            if self._proc.poll() is None:
                self._proc.kill()
            self._proc.wait()
            for stream in (self._proc.stdin, self._proc.stdout):
                if stream:
                    stream.close()
            self._proc = None


def _serve() -> None:
    from tests.fuzz.graph_checks import graph_problems

    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    while (request := _read(stdin)) is not None:
        raw_file, _, data = request.partition(b"\0")
        file = raw_file.decode("utf-8", "surrogatepass")
        try:
            answer = {"problems": graph_problems(file, data)}
        except BaseException:  # everything the front end raises is the finding
            answer = {"error": traceback.format_exc()}
        _write(stdout, json.dumps(answer).encode())


if __name__ == "__main__":
    _serve()
