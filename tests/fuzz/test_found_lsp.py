"""Messages the LSP fuzzer found mishandled, each pinned with the answer it gets now.

The real server over stdio, spoken to in raw JSON-RPC frames (lsp_wire.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fuzz.lsp_wire import WireClient, probe_answer
from tests.lsp.conftest import PYTHON_FILES, write_repo


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return write_repo(tmp_path / "repo", PYTHON_FILES)


@pytest.fixture
def client(repo: Path) -> Iterator[WireClient]:
    with WireClient(repo) as wire:
        yield wire


def probe(client: WireClient, root: Path, id_: str = "probe") -> None:
    answer = client.call(id_, "workspace/symbol", {"query": "compute_total"})
    assert answer.get("result") == probe_answer(root), answer


def test_a_notification_sent_with_an_id_is_answered(client: WireClient, repo: Path) -> None:
    """Found by the LSP fuzzer: `initialized`, `textDocument/didSave` or `$/cancelRequest`
    sent with an id (a request, in JSON-RPC) were run as notifications and never
    answered: the client waited forever."""
    client.initialize(repo)
    client.wait_indexed()
    doc = (repo / "app/models.py").as_uri()
    client.request(24, "initialized", {})
    client.request("save", "textDocument/didSave", {"textDocument": {"uri": doc}})
    client.request("cancel", "$/cancelRequest", {"id": 1})
    assert client.answer(24) == {
        "jsonrpc": "2.0",
        "id": 24,
        "error": {
            "code": -32600,
            "message": "initialized is a notification: it is sent without an id",
        },
    }
    assert client.answer("save")["error"] == {
        "code": -32600,
        "message": "textDocument/didSave is a notification: it is sent without an id",
    }
    assert client.answer("cancel")["error"]["code"] == -32600
    probe(client, repo)
    assert client.shutdown() == 0


def test_messages_before_initialize(client: WireClient, repo: Path) -> None:
    """Found by the LSP fuzzer's batch before initialize: requests were answered as if the
    server were ready (an empty answer, "nothing found", on no workspace) and
    notifications were run. LSP: a request before initialize gets error -32002, a
    notification is dropped (exit excepted)."""
    doc = (repo / "app/models.py").as_uri()
    client.request(1, "workspace/symbol", {"query": "Repo"})
    client.request(
        "hover",
        "textDocument/hover",
        {"textDocument": {"uri": doc}, "position": {"line": 0, "character": 7}},
    )
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": doc, "languageId": "python", "version": 1, "text": "x = 1\n"}},
    )
    assert client.answer(1) == {
        "jsonrpc": "2.0",
        "id": 1,
        "error": {"code": -32002, "message": "workspace/symbol before initialize"},
    }
    assert client.answer("hover")["error"] == {
        "code": -32002,
        "message": "textDocument/hover before initialize",
    }
    client.initialize(repo)
    client.wait_indexed()
    # The didOpen was dropped: the document is not open, so a change to it is refused.
    client.notify(
        "textDocument/didChange",
        {"textDocument": {"uri": doc, "version": 2}, "contentChanges": [{"text": "y = 2\n"}]},
    )
    client.wait_notification(
        lambda method, params: (
            method == "window/logMessage"
            and params["type"] == 2  # a warning
            and params["message"].endswith(f": didChange for a document that is not open: {doc}")
        )
    )
    probe(client, repo)
    assert client.shutdown() == 0


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_a_second_initialize_is_refused(client: WireClient, repo: Path) -> None:
    """Found by the LSP fuzzer: a second initialize was answered like the first and
    renegotiated the position encoding (here to UTF-8) in the middle of the session,
    so the client's UTF-16 columns were read as UTF-8 ones."""
    client.initialize(repo)  # offers UTF-16 only
    client.wait_indexed()
    again = client.call(
        "again",
        "initialize",
        {
            "processId": None,
            "rootUri": repo.as_uri(),
            "capabilities": {"general": {"positionEncodings": ["utf-8"]}},
        },
    )
    assert again["error"] == {"code": -32600, "message": "initialize may only be sent once"}
    line = (repo / "app/text.py").read_text(encoding="utf-8").splitlines()[4]
    start = utf16(line[: line.index("shout")])
    hover = client.call(
        "hover",
        "textDocument/hover",
        {
            "textDocument": {"uri": (repo / "app/text.py").as_uri()},
            "position": {"line": 4, "character": start + 1},
        },
    )
    assert hover["result"]["range"] == {
        "start": {"line": 4, "character": start},
        "end": {"line": 4, "character": start + len("shout")},
    }
    assert client.shutdown() == 0


def test_a_request_after_shutdown_is_answered(client: WireClient, repo: Path) -> None:
    """Found while fixing the notification-with-an-id case (pygls's dispatch drops it too):
    a request after shutdown was never answered. LSP: Invalid Request; exit still ends
    the server with code 0."""
    client.initialize(repo)
    client.wait_indexed()
    assert client.call("bye", "shutdown")["result"] is None
    late = client.call("late", "workspace/symbol", {"query": "compute_total"})
    assert late["error"] == {
        "code": -32600,
        "message": "workspace/symbol after shutdown: only exit is accepted",
    }
    client.notify("exit")
    assert client.proc.wait(timeout=60) == 0


@pytest.mark.parametrize("kind", ["nul", "loop"])
def test_uris_that_name_no_file(client: WireClient, repo: Path, kind: str) -> None:
    """Found by the LSP fuzzer's odd URIs: a URI whose path holds a NUL (`%00`) or runs
    through a symlink loop made `Path.resolve` raise, and every request on it was an
    internal error (-32603) with a traceback. Such a URI names no file of the workspace:
    answered like any document outside it."""
    (repo / "loop").symlink_to(repo / "loop")
    uri = {"nul": repo.as_uri() + "/app/a%00b.py", "loop": repo.as_uri() + "/loop/x.py"}[kind]
    client.initialize(repo)
    client.wait_indexed()
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": "x = 1\n"}},
    )
    at = {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}
    assert client.call("hover", "textDocument/hover", at) == {
        "jsonrpc": "2.0",
        "id": "hover",
        "result": None,
    }
    assert client.call("definition", "textDocument/definition", at)["result"] is None
    assert (
        client.call("symbols", "textDocument/documentSymbol", {"textDocument": {"uri": uri}})[
            "result"
        ]
        is None
    )
    probe(client, repo)
    assert client.shutdown() == 0


def test_a_store_path_setting_with_a_nul_is_refused(client: WireClient, repo: Path) -> None:
    """Found by the LSP fuzzer: `storePath: "\\u0000"` from the editor was taken, the
    store could not be reopened there ("embedded null byte") and the folder answered
    nothing from then on. The setting is refused with a warning, like a number."""
    client.initialize(repo)
    client.wait_indexed()
    client.notify(
        "workspace/didChangeConfiguration", {"settings": {"graphwarden": {"storePath": "\x00"}}}
    )
    client.wait_notification(
        lambda method, params: (
            method == "window/logMessage"
            and params["message"]
            == "WARNING graphwarden.lsp_server.settings: setting storePath must be a path "
            "string (no NUL), got '\\x00'"
        )
    )
    probe(client, repo)
    assert client.shutdown() == 0


def test_an_added_workspace_folder_that_does_not_exist_is_not_created(
    client: WireClient, repo: Path, tmp_path: Path
) -> None:
    """Found by the LSP fuzzer (nothing may be written beside the workspace): a folder
    added by didChangeWorkspaceFolders was opened without looking, so a missing folder,
    or a file's URI, got its directories created with a store inside
    (`outside.py/.graphwarden/data.mdb`). At initialize such folders were already
    skipped."""
    beside = tmp_path / "beside"
    beside.mkdir()
    (beside / "a-file.py").write_text("x = 1\n")
    client.initialize(repo)
    client.wait_indexed()
    missing, a_file = (beside / "not-a-folder").as_uri(), (beside / "a-file.py").as_uri()
    # A name too long for the filesystem: is_dir() itself raised (found next).
    too_long = (beside / ("x" * 5000)).as_uri()
    client.notify(
        "workspace/didChangeWorkspaceFolders",
        {
            "event": {
                "added": [
                    {"uri": missing, "name": "x"},
                    {"uri": a_file, "name": "y"},
                    {"uri": too_long, "name": "z"},
                ],
                "removed": [],
            }
        },
    )
    for uri in (missing, a_file, too_long):
        client.wait_notification(
            lambda method, params, uri=uri: (
                method == "window/logMessage"
                and params["message"]
                == f"WARNING graphwarden.lsp: workspace folder {uri} is not a directory: not indexed"
            )
        )
    probe(client, repo)
    assert [line for line in client.stderr_lines() if "Error" in line] == []
    assert client.shutdown() == 0
    assert sorted(p.name for p in beside.iterdir()) == ["a-file.py"]


@pytest.mark.parametrize(
    ("command", "arguments", "message"),
    [
        ("graphwarden.query", [5, None], "graphwarden.query expects [datalog text]"),
        ("graphwarden.query", None, "graphwarden.query expects [datalog text]"),
        (
            "graphwarden.blastRadius",
            ["?- path(A, B)."],
            "graphwarden.blastRadius expects [uri, {line, character}]",
        ),
    ],
)
def test_commands_with_wrong_arguments_are_invalid_params(
    client: WireClient, repo: Path, command: str, arguments: object, message: str
) -> None:
    """Found by the LSP fuzzer: a command given arguments of the wrong kind raised
    ValueError, answered as an internal error (-32603) with the server's traceback."""
    client.initialize(repo)
    client.wait_indexed()
    params: dict[str, object] = {"command": command}
    if arguments is not None:
        params["arguments"] = arguments
    answer = client.call("cmd", "workspace/executeCommand", params)
    assert answer["error"] == {"code": -32602, "message": message}
    probe(client, repo)
    assert client.shutdown() == 0


def test_requests_without_params_or_with_a_method_not_a_string(
    client: WireClient, repo: Path
) -> None:
    """Found by the LSP fuzzer (no answer may be an internal error): a request for an
    unknown method without params (JSON-RPC makes params optional) failed to structure
    and was answered -32603; so was a method that is not a string."""
    client.initialize(repo)
    client.wait_indexed()
    client.send({"jsonrpc": "2.0", "id": 22, "method": ""})
    client.send({"jsonrpc": "2.0", "id": 5, "method": "foo/bar"})
    client.send({"jsonrpc": "2.0", "id": "m", "method": 5})
    assert client.answer(22)["error"] == {"code": -32601, "message": "Method Not Found: "}
    assert client.answer(5)["error"] == {"code": -32601, "message": "Method Not Found: foo/bar"}
    assert client.answer("m")["error"] == {
        "code": -32600,
        "message": "a message's method must be a string",
    }
    probe(client, repo)
    assert client.shutdown() == 0


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            "?- node(X, ",
            "graphwarden.query: line 1: expected a variable or a string, found end of input",
        ),
        ("?- node(X, Y) :: 1", "graphwarden.query: line 1: unexpected character ':'"),
        (
            "\n?- nope(X).",
            "graphwarden.query: line 2: unknown predicate 'nope' "
            "(known: arg, attr, edge, flows, name_word, node, path, taint, value)",
        ),
    ],
)
def test_a_malformed_query_is_invalid_params_at_its_line(
    client: WireClient, repo: Path, query: str, message: str
) -> None:
    """Found by the LSP fuzzer (no answer may be an internal error): a query that does
    not parse raised DatalogError through the command, answered -32603 with the
    server's traceback; the line and the reason are the answer now."""
    client.initialize(repo)
    client.wait_indexed()
    answer = client.call(
        "q", "workspace/executeCommand", {"command": "graphwarden.query", "arguments": [query]}
    )
    assert answer["error"] == {"code": -32602, "message": message}
    probe(client, repo)
    assert client.shutdown() == 0


def test_a_query_too_broad_is_request_failed(client: WireClient, repo: Path) -> None:
    """Same cause: LimitExceeded was an internal error too."""
    client.initialize(repo)
    client.wait_indexed()
    query = "?- node(A, _), node(B, _), node(C, _), node(D, _), node(E, _)."
    answer = client.call(
        "q", "workspace/executeCommand", {"command": "graphwarden.query", "arguments": [query]}
    )
    assert answer["error"]["code"] == -32803
    assert answer["error"]["message"].startswith("graphwarden.query: too broad: ")
    probe(client, repo)
    assert client.shutdown() == 0


def test_a_buffer_with_a_path_too_long_for_the_store_fails_no_cycle(
    client: WireClient, repo: Path
) -> None:
    """Found by the LSP fuzzer: a buffer at a 5,000-character path made its cycle fail
    (MDB_BAD_VALSIZE, logged as an error), losing the other changes of that cycle
    and failing a re-index waiting for it. Such a path is not analysed."""
    client.initialize(repo)
    client.wait_indexed()
    long_uri = repo.as_uri() + "/" + "x" * 5000 + ".py"
    marker = (repo / "app" / "marker.py").as_uri()
    for uri, text in (
        (long_uri, "y = 1\n"),
        # The marker's syntax error is published once its cycle is over.
        (marker, "def edit_reached_the_graph():\n    return 1\n\n\nclass Unfinished(:\n"),
    ):
        client.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": text}},
        )
    client.wait_notification(
        lambda method, params: (
            method == "textDocument/publishDiagnostics"
            and params["uri"] == marker
            and any(d.get("source") == "graphwarden-parse" for d in params["diagnostics"])
        )
    )
    found = client.call("symbols", "workspace/symbol", {"query": "edit_reached"})
    assert [s["name"] for s in found["result"]] == ["edit_reached_the_graph"]
    # The cycles that took both buffers are over: none logged an error.
    errors = [
        p["message"] for m, p in client.notifications if m == "window/logMessage" and p["type"] == 1
    ]
    assert errors == []
    assert client.shutdown() == 0


def test_a_buffer_whose_file_name_is_too_long_for_the_filesystem(
    client: WireClient, repo: Path
) -> None:
    """Found by the LSP fuzzer: a buffer named with 300 characters (under the store's
    400 bytes, over the filesystem's 255 per name) made didOpen and didChange raise
    OSError ENAMETOOLONG when they looked for a symlink, logged as errors."""
    client.initialize(repo)
    client.wait_indexed()
    uri = repo.as_uri() + "/" + "x" * 300 + ".py"
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": "y = 1\n"}},
    )
    client.notify(
        "textDocument/didChange",
        {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": "y = 2\n"}]},
    )
    assert (
        client.call(
            "hover",
            "textDocument/hover",
            {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}},
        )["result"]
        is None
    )
    probe(client, repo)
    errors = [
        p["message"] for m, p in client.notifications if m == "window/logMessage" and p["type"] == 1
    ]
    assert errors == []
    assert client.shutdown() == 0


def test_cancellations_whose_id_is_neither_a_number_nor_a_string(
    client: WireClient, repo: Path
) -> None:
    """Found by the LSP fuzzer (no notification handler may raise): lsprotocol lets a
    list or an object through where an id or a progress token is `int | str`, and
    pygls then looked it up in a dict: TypeError (unhashable) for
    `window/workDoneProgress/cancel` with token [] and `$/cancelRequest` with id {}."""
    client.initialize(repo)
    client.wait_indexed()
    client.notify("window/workDoneProgress/cancel", {"token": []})
    client.notify("$/cancelRequest", {"id": {"a": 1}})
    for expected in (
        ": progress cancel with a token that is no int or string: []",
        ": $/cancelRequest with an id that is no int or string: {'a': 1}",
    ):
        client.wait_notification(
            lambda method, params, expected=expected: (
                method == "window/logMessage"
                and params["type"] == 2  # a warning
                and params["message"].endswith(expected)
            )
        )
    probe(client, repo)
    assert [line for line in client.stderr_lines() if "Error" in line] == []
    assert client.shutdown() == 0


def test_a_workspace_folder_named_too_long_does_not_stop_the_others(
    client: WireClient, repo: Path
) -> None:
    """Found by the LSP fuzzer (a second `initialized` re-read the folders): at
    `initialized`, Path.is_dir() raised ENAMETOOLONG for a folder named with 5,000
    characters, and the handler failed before opening any folder: nothing was
    indexed, no request answered anything."""
    too_long = repo.parent.as_uri() + "/" + "x" * 5000
    answer = client.call(
        "init",
        "initialize",
        {
            "processId": None,
            "rootUri": repo.as_uri(),
            "workspaceFolders": [
                {"uri": too_long, "name": "long"},
                {"uri": repo.as_uri(), "name": "repo"},
            ],
            "capabilities": {"window": {"workDoneProgress": True}},
        },
    )
    assert "capabilities" in answer["result"]
    client.notify("initialized", {})
    client.wait_indexed()
    probe(client, repo)
    assert [line for line in client.stderr_lines() if "Error" in line] == []
    assert client.shutdown() == 0


def test_a_request_whose_id_is_an_object_or_a_list_is_invalid(
    client: WireClient, repo: Path
) -> None:
    """Found by the LSP fuzzer (its server log): a request with the id {"id": 1} or [1]
    was run, and then pygls could not file its answer (TypeError: unhashable type,
    logged as an error): the client got no answer at all. JSON-RPC: an id is a string,
    a number or null; anything else is an Invalid Request, answered to id null."""
    client.initialize(repo)
    client.wait_indexed()
    for odd in ({"id": 1}, [1]):
        client.request(odd, "workspace/symbol", {"query": "compute_total"})
        assert client.answer(None) == {
            "jsonrpc": "2.0",
            "id": None,
            "error": {
                "code": -32600,
                "message": "a message's id must be a string, a number or null",
            },
        }
    probe(client, repo)
    assert [line for line in client.stderr_lines() if "unhashable" in line] == []
    assert client.shutdown() == 0
