"""Random LSP traffic: malformed, out-of-order and hostile messages, from a seeded generator.

`MessageFuzzer(rng, docs).batch(n)` gives n framed messages (bytes). They
are built from the shapes of the methods the server handles, then bent:
params of the wrong type, missing or extra fields, positions negative,
huge or fractional, ranges outside the text, URIs that are odd (NUL,
`..`, other schemes, outside the workspace, a symlink loop), huge and
many content changes, requests with notification methods and the other
way round, unknown methods, envelopes that are not JSON-RPC, bodies that
are not JSON or not UTF-8, JSON nested past any stack. Framing stays
valid: a wrong Content-Length would only resynchronise the stream, which
tests the test, not the server.

What the generator never sends, because a real client could mean it and
the checks afterwards rely on it: `shutdown` and `exit`, the removal of
the workspace folder, a `storePath` that is a real path, changes to the
file the probes read (`PROBE_FILE`), the cancellation of a re-index (the
re-index goes on, and the probe after it would meet the graph refilling).
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from typing import Any

from tests.fuzz.lsp_wire import encode, frame

REQUESTS = (
    "textDocument/hover",
    "textDocument/definition",
    "textDocument/references",
    "textDocument/documentSymbol",
    "textDocument/prepareCallHierarchy",
    "callHierarchy/incomingCalls",
    "callHierarchy/outgoingCalls",
    "textDocument/prepareTypeHierarchy",
    "typeHierarchy/supertypes",
    "typeHierarchy/subtypes",
    "textDocument/diagnostic",
    "workspace/symbol",
    "workspace/executeCommand",
    "initialize",
)
NOTIFICATIONS = (
    "textDocument/didOpen",
    "textDocument/didChange",
    "textDocument/didClose",
    "textDocument/didSave",
    "workspace/didChangeWatchedFiles",
    "workspace/didChangeConfiguration",
    "workspace/didChangeWorkspaceFolders",
    "$/cancelRequest",
    "$/setTrace",
    "initialized",
    "window/workDoneProgress/cancel",
)
UNKNOWN = ("foo/bar", "textDocument/nope", "$/unknownNotification", "", "exit ", "SHUTDOWN")

TEXTS = (
    "def fuzzed():\n    return helper()\n",
    "class Broken(:\n    def\n",
    "x = 1\r\ny = 2\rz = 3\u2028w = 4\n",
    "😀 = '漢字'\nclass É:\n    pass\n",
    "export class A { m() { return f(); } }\n",
    "\x00\x01binary\n",
    "",
    "(" * 3000 + ")" * 3000 + "\n",
)


@dataclass
class MessageFuzzer:
    rng: random.Random
    #: URIs the fuzzer may open and change (workspace files other than the probe's,
    #: new files, untitled buffers, files outside the workspace).
    docs: list[str]
    #: URIs of odd kinds (bad schemes, NUL, `..`, loops...).
    odd_uris: list[str]
    ids: int = 0
    #: Ids of the requests sent with a string or integer id: each must be answered.
    expected: list[object] = field(default_factory=list)
    #: Every usable id sent so far.
    used: set[object] = field(default_factory=set)
    #: Ids of the re-index requests: never cancelled.
    reindexes: set[int] = field(default_factory=set)

    # -- pieces ---------------------------------------------------------------------

    def choice(self, seq: Any) -> Any:
        return seq[self.rng.randrange(len(seq))]

    def uri(self) -> Any:
        r = self.rng.random()
        if r < 0.6:
            return self.choice(self.docs)
        if r < 0.9:
            return self.choice(self.odd_uris)
        return self.choice((5, None, [], {"uri": "x"}, "", "file://", "%"))

    def cancellable(self) -> int:
        """The last id sent, unless it is a re-index's."""
        return self.ids if self.ids not in self.reindexes else -1

    def number(self) -> Any:
        r = self.rng.random()
        if r < 0.6:
            return self.rng.randrange(0, 40)
        return self.choice((-1, -(2**31), 2**31 - 1, 2**31, 2**53, 10**30, 1.5, "3", None, True))

    def position(self) -> Any:
        if self.rng.random() < 0.05:
            return self.choice(({}, [], "0:0", None, {"line": 0}))
        return {"line": self.number(), "character": self.number()}

    def range(self) -> Any:
        return {"start": self.position(), "end": self.position()}

    def text(self) -> str:
        r = self.rng.random()
        if r < 0.03:
            # 0.4-1.2 MB of definitions: each one a node of the graph.
            return "def big():\n    pass\n" * self.rng.randrange(20_000, 60_000)
        if r < 0.05:
            # Over the 4 MB a file may have (skipped with a reason), on one line.
            return "x = 1; " * 650_000
        return self.choice(TEXTS)

    def item(self) -> Any:
        """A call or type hierarchy item, often made up."""
        return {
            "name": self.choice(("compute_total", "Repo", "x", "")),
            "kind": self.choice((5, 12, 6, 0, 99, "x")),
            "uri": self.uri(),
            "range": self.range(),
            "selectionRange": self.range(),
            "data": self.choice((None, {"id": "app/models.py->CLASS->Repo"}, "garbage", 5, [])),
        }

    # -- messages -------------------------------------------------------------------

    def params(self, method: str) -> Any:
        doc = {"uri": self.uri()}
        at = self.position()
        shapes: dict[str, Any] = {
            "textDocument/hover": {"textDocument": doc, "position": at},
            "textDocument/definition": {"textDocument": doc, "position": at},
            "textDocument/references": {
                "textDocument": doc,
                "position": at,
                "context": self.choice(({"includeDeclaration": True}, None, {}, 1)),
            },
            "textDocument/documentSymbol": {"textDocument": doc},
            "textDocument/prepareCallHierarchy": {"textDocument": doc, "position": at},
            "callHierarchy/incomingCalls": {"item": self.item()},
            "callHierarchy/outgoingCalls": {"item": self.item()},
            "textDocument/prepareTypeHierarchy": {"textDocument": doc, "position": at},
            "typeHierarchy/supertypes": {"item": self.item()},
            "typeHierarchy/subtypes": {"item": self.item()},
            "textDocument/diagnostic": {
                "textDocument": doc,
                "previousResultId": self.choice((None, "1", 5)),
            },
            "workspace/symbol": {"query": self.choice(("", "Repo", "*", "a" * 10_000, 5))},
            "workspace/executeCommand": {
                "command": self.choice(
                    ("graphwarden.blastRadius", "graphwarden.query", "graphwarden.reindex", "x")
                ),
                "arguments": self.choice(
                    (
                        [],
                        [self.uri(), at],
                        ['?- node(X, "CLASS").'],
                        ["?- broken("],
                        ["?- path(A, B)."],
                        [5, None],
                        None,
                        "not a list",
                    )
                ),
            },
            "initialize": {
                "processId": self.choice((None, 1, "x")),
                "rootUri": self.uri(),
                "capabilities": self.choice(
                    ({}, {"general": {"positionEncodings": ["utf-8"]}}, None, [])
                ),
            },
            "textDocument/didOpen": {
                "textDocument": {
                    "uri": self.uri(),
                    "languageId": self.choice(("python", "typescript", "", 5)),
                    "version": self.number(),
                    "text": self.text(),
                }
            },
            "textDocument/didChange": {
                "textDocument": {"uri": self.uri(), "version": self.number()},
                "contentChanges": self.changes(),
            },
            "textDocument/didClose": {"textDocument": doc},
            "textDocument/didSave": {"textDocument": doc, "text": self.choice((None, "x = 1\n"))},
            "workspace/didChangeWatchedFiles": {
                "changes": [
                    {"uri": self.uri(), "type": self.choice((1, 2, 3, 0, 7, "x"))}
                    for _ in range(self.rng.randrange(0, 5))
                ]
            },
            "workspace/didChangeConfiguration": {
                "settings": self.choice(
                    (
                        None,
                        {"graphwarden": {"storePath": self.choice((5, [], "", "\x00", None))}},
                        {"graphwarden": {"debounceMs": self.choice((-1, 10**12, "x", 50))}},
                        {"graphwarden": {"enrichers": self.choice(({"calls": 5}, [], None))}},
                        {"graphwarden": {"diagnostics": self.choice(({"x": 1}, "y", None))}},
                        {"graphwarden": {"logLevel": self.choice(("debug", "nope", 3))}},
                        "settings",
                    )
                )
            },
            "workspace/didChangeWorkspaceFolders": {
                "event": {
                    "added": [
                        {"uri": self.choice(self.odd_uris), "name": "x"}
                        for _ in range(self.rng.randrange(0, 2))
                    ],
                    "removed": [{"uri": self.choice(self.odd_uris), "name": "y"}],
                }
            },
            "$/cancelRequest": {"id": self.choice((self.cancellable(), -1, "x", None, {}))},
            "$/setTrace": {"value": self.choice(("off", "verbose", "loud", 3))},
            "initialized": {},
            "window/workDoneProgress/cancel": {"token": self.choice(("graphwarden-index-1", 5))},
        }
        params = shapes.get(method, {})
        return self.bend(params)

    def changes(self) -> Any:
        r = self.rng.random()
        if r < 0.1:
            return [{"text": "x = 1\n"} for _ in range(self.rng.randrange(100, 2000))]
        if r < 0.15:
            return [{"text": self.text(), "range": self.range()}]
        if r < 0.2:
            return self.choice((None, {}, "text", [None], [{"range": self.range()}]))
        return [
            self.choice(({"text": self.text()}, {"range": self.range(), "text": self.text()}))
            for _ in range(self.rng.randrange(1, 4))
        ]

    def bend(self, params: Any) -> Any:
        """Sometimes break the params: drop or retype a field, or replace them outright."""
        r = self.rng.random()
        if r < 0.1 and isinstance(params, dict) and params:
            params = dict(params)
            del params[self.choice(sorted(params))]
        elif r < 0.15 and isinstance(params, dict) and params:
            params = dict(params)
            params[self.choice(sorted(params))] = self.choice((None, 5, "x", [], {}, 1.5))
        elif r < 0.2:
            params = self.choice((None, [], [params], "params", 0, {"extra": True}))
        return params

    def next_id(self) -> Any:
        self.ids += 1
        r = self.rng.random()
        if r < 0.85:
            return self.ids if r < 0.5 else f"fuzz-{self.ids}"
        return self.choice((None, 1.5, True, {"id": 1}, [1], 2**70, -5))

    def message(self, *, initialize: bool = True) -> bytes:
        r = self.rng.random()
        if r < 0.45:
            method = self.choice(REQUESTS if initialize else REQUESTS[:-1])
        elif r < 0.85:
            method = self.choice(NOTIFICATIONS)
        elif r < 0.9:
            method = self.choice(UNKNOWN)
        else:
            return self.envelope()
        msg: dict[str, Any] = {"jsonrpc": "2.0", "method": method}
        params = self.params(method)
        # Mostly as the protocol says; sometimes a request of a notification and back.
        as_request = (method in REQUESTS or method in UNKNOWN) != (self.rng.random() < 0.1)
        # A re-index drops the store and answers from the new one as it fills (by
        # design): always a request whose answer is awaited before the next probe.
        reindex = isinstance(params, dict) and params.get("command") == "graphwarden.reindex"
        if reindex:
            self.ids += 1
            self.reindexes.add(self.ids)
            msg["id"] = self.ids
            self.expected.append(self.ids)
            self.used.add(self.ids)
        elif as_request:
            msg["id"] = id_ = self.next_id()
            # Answers are expected for usable ids, once each: a reused id (the odd
            # ones recur) is the client's error, and which request it answers is moot.
            usable = isinstance(id_, int | str) and not isinstance(id_, bool)
            if usable and id_ not in self.used:
                self.expected.append(id_)
            if usable:
                self.used.add(id_)
        if reindex or self.rng.random() < 0.95:
            msg["params"] = params
        return encode(msg)

    def envelope(self) -> bytes:
        """A body that is not a well-formed JSON-RPC message."""
        kind = self.rng.randrange(9)
        if kind == 0:
            return frame(b"{this is not json")
        if kind == 1:
            return frame(b'{"jsonrpc": "2.0", "id": 1, "method": "x", "params": "\xff\xfe"}')
        if kind == 2:
            return frame(b"[" * 100_000 + b"]" * 100_000)
        if kind == 3:
            return encode([{"jsonrpc": "2.0", "method": "initialized", "params": {}}])
        if kind == 4:
            return encode({"id": "no-version", "method": "workspace/symbol"})
        if kind == 5:
            return encode({"jsonrpc": "2.0", "id": 999_999, "result": {"unasked": True}})
        if kind == 6:
            return encode({"jsonrpc": "2.0", "method": 5, "id": "method-not-a-string"})
        if kind == 7:
            return encode(self.choice((5, "text", None, [], {})))
        return frame(json.dumps({"jsonrpc": "2.0", "method": "textDocument/hover"}).encode())

    def batch(self, n: int, *, initialize: bool = True) -> list[bytes]:
        """n messages; with `initialize` False, no initialize request among them (a
        well-formed one before the test's own would be the session's)."""
        return [self.message(initialize=initialize) for _ in range(n)]
