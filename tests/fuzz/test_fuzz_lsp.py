"""Fuzzing the language server over stdio: hostile traffic, then it must still serve.

The real server (`python -I -m graphwarden serve`) on a small repository
gets random batches of malformed and out-of-order messages
(lsp_messages.py), some before `initialize`, for the fuzz budget. After
every batch:

- every request sent with a usable id (a string or an integer) has been
  answered, with a result or an error (JSON-RPC: a request is never left
  waiting), and never with an internal error (-32603: an exception no
  handler expected); no notification handler raised either (pygls logs a
  FeatureNotificationError);
- a probe request gets the one right answer (the symbol of a file the
  fuzzer never touches);
- the process is alive.

At the end an edit made through the protocol still reaches the graph (the
cycles run), the server shuts down with exit code 0, and nothing was
written outside the workspace (odd URIs point at folders beside it).

The generator is seeded with `GRAPHWARDEN_FUZZ_SEED` (0 unless set: the
same traffic on every run, more of it the longer the budget); a failure
names its seed and saves the messages sent. The server's answers may come
in another order from run to run (its cycles run on their own threads);
what is checked holds whatever the order.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

from tests.fuzz.budget import SEED_ENV, base_seed, budget_seconds, record
from tests.fuzz.lsp_messages import MessageFuzzer
from tests.fuzz.lsp_wire import ServerDied, WireClient, probe_answer
from tests.lsp.conftest import PYTHON_FILES, TS_FILES, write_repo

#: What pygls logs when a notification's handler raises.
UNHANDLED = "FeatureNotificationError"
#: Errors logged by these (window/logMessage, "LEVEL logger: message") are findings.
UNEXPECTED = ("ERROR graphwarden.", "ERROR asyncio", "ERROR concurrent.futures")
BATCH = 40
#: Opened after the fuzzing: a function to find, and a syntax error to be published.
AFTER_FUZZ = "def after_the_fuzz():\n    return 1\n\n\nclass Unfinished(:\n"


def odd_uris(tmp_path: Path, root: Path) -> list[str]:
    beside = tmp_path / "beside"
    loop = root / "loop"
    if not loop.is_symlink():
        loop.symlink_to(loop)  # a symlink to itself: resolving it loops
    return [
        "untitled:Untitled-1",
        "http://example.com/app/models.py",
        (beside / "outside.py").as_uri(),
        (beside / "not-a-folder").as_uri(),
        root.as_uri() + "/app/../../beside/x.py",
        root.as_uri() + "/app/a%00b.py",
        root.as_uri() + "/app/%ZZ.py",
        root.as_uri() + "/app/a->b.py",
        root.as_uri() + "/loop/x.py",
        root.as_uri() + "/.graphwarden/data.py",
        root.as_uri() + "/" + "deep/" * 200 + "x.py",
        root.as_uri() + "/" + "x" * 5000 + ".py",
        "file://host/share/x.py",
        "file:relative/x.py",
    ]


def files_under(path: Path) -> set[str]:
    return {p.relative_to(path).as_posix() for p in path.rglob("*")} if path.exists() else set()


def test_server_survives_hostile_traffic(tmp_path: Path) -> None:
    root = write_repo(tmp_path / "repo", {**PYTHON_FILES, **TS_FILES})
    (tmp_path / "beside").mkdir()
    seed = base_seed()
    docs = [
        (root / rel).as_uri()
        for rel in ("app/models.py", "app/web/views.py", "app/new_file.py", "src/base.ts")
    ]
    fuzzer = MessageFuzzer(random.Random(seed), docs, odd_uris(tmp_path, root))
    sent: list[bytes] = []
    transcript = tmp_path / "sent.jsonl"

    server_log = tmp_path / "server.log"

    def fail(why: str) -> None:
        transcript.write_bytes(b"\n".join(sent))
        server_log.write_text(client.stderr_text())
        raise AssertionError(
            f"{why}\nseed {seed} ({SEED_ENV}={seed} replays it); messages sent: {transcript}; "
            f"the server's log: {server_log}"
        )

    with WireClient(root) as client:
        try:
            # Out of order: a batch before initialize.
            for message in fuzzer.batch(BATCH // 2, initialize=False):
                sent.append(message)
                client.send_raw(message)
            answer = client.initialize(root)
            assert "capabilities" in answer.get("result", {}), answer
            client.wait_indexed()
            start = time.monotonic()
            end = start + budget_seconds()
            probe = 0
            while True:
                for message in fuzzer.batch(BATCH):
                    sent.append(message)
                    client.send_raw(message)
                for id_ in fuzzer.expected:
                    answer = client.answer(id_)
                    # An internal error is an exception no handler expected: the
                    # input should have been refused (-32602, -32600) or answered.
                    if answer.get("error", {}).get("code") == -32603:
                        fail(f"request {id_!r} raised inside the server: {answer['error']}")
                fuzzer.expected.clear()
                probe += 1
                got = client.call(f"probe-{probe}", "workspace/symbol", {"query": "compute_total"})
                if got.get("result") != probe_answer(root):
                    fail(f"probe {probe} answered {got!r}")
                # A notification's handler raised: what would be -32603 for a request.
                raised = [line for line in client.stderr_lines() if UNHANDLED in line]
                if raised:
                    fail(f"a notification handler raised: {raised[0]}")
                # Nothing the library or the server's folders logged as an error (a
                # failed cycle, a worker that died), and no exception escaped into
                # asyncio or a future's callback. Errors answered to the client are
                # logged as well, by pygls and by the server's own logger
                # (graphwarden.lsp): those are checked above, by their answers.
                errors = [
                    p["message"]
                    for m, p in list(client.notifications)
                    if m == "window/logMessage"
                    and p.get("type") == 1
                    and str(p.get("message")).startswith(UNEXPECTED)
                    and not str(p.get("message")).startswith("ERROR graphwarden.lsp: ")
                ]
                if errors:
                    fail(f"the server logged an error: {errors[0]}")
                if time.monotonic() >= end:
                    break
            record(
                "lsp_messages",
                rounds=probe,
                inputs=len(sent),
                seconds=time.monotonic() - start,
            )
            # The cycles still run: a new file reaches the graph. Its syntax error is
            # published as a diagnostic once its cycle is over: the event waited for.
            marker = (root / "app" / "after_fuzz.py").as_uri()
            client.notify(
                "textDocument/didOpen",
                {
                    "textDocument": {
                        "uri": marker,
                        "languageId": "python",
                        "version": 1,
                        "text": AFTER_FUZZ,
                    }
                },
            )
            client.wait_notification(
                lambda method, params: (
                    method == "textDocument/publishDiagnostics"
                    and params["uri"] == marker
                    and any(d.get("source") == "graphwarden-parse" for d in params["diagnostics"])
                )
            )
            found = client.call("after", "workspace/symbol", {"query": "after_the"})
            assert [s["name"] for s in found["result"]] == ["after_the_fuzz"], found
            assert client.shutdown() == 0
        except ServerDied as exc:
            fail(str(exc))
    assert files_under(tmp_path / "beside") == set(), "the server wrote outside the workspace"
