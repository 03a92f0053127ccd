#!/usr/bin/env python3
"""A stand-in for `graphwarden serve` (stdlib only) to exercise the e2e harness
before the real server exists: it reports an `app.core` -> `app.web` import as a
violation of the fixture's contract, answers hovers, and sends indexing progress.

Usage: fake_graphwarden.py serve
"""

import json
import re
import sys
import threading
import time

RULE = "core-independent-of-web"
FORBIDDEN = re.compile(r"^\s*(from\s+app\.web(\.|\s)|import\s+app\.web)")
docs: dict[str, str] = {}
out_lock = threading.Lock()
next_id = [1000]
init_options = [None]


def send(msg):
    msg["jsonrpc"] = "2.0"
    body = json.dumps(msg).encode()
    with out_lock:
        sys.stdout.buffer.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        sys.stdout.buffer.flush()


def read():
    headers = {}
    while True:
        line = sys.stdin.buffer.readline()
        if not line:
            return None
        line = line.strip()
        if not line:
            break
        k, _, v = line.decode().partition(":")
        headers[k.strip().lower()] = v.strip()
    return json.loads(sys.stdin.buffer.read(int(headers["content-length"])))


def publish(uri):
    text = docs.get(uri, "")
    diags = []
    if "/app/core/" in uri:
        for i, line in enumerate(text.splitlines()):
            if FORBIDDEN.match(line):
                diags.append(
                    {
                        "range": {
                            "start": {"line": i, "character": 0},
                            "end": {"line": i, "character": len(line)},
                        },
                        "severity": 1,
                        "source": "graphwarden",
                        "code": RULE,
                        "message": "app.core must not import app.web (contract core-independent-of-web)",
                    }
                )
    send(
        {"method": "textDocument/publishDiagnostics", "params": {"uri": uri, "diagnostics": diags}}
    )


def word_at(uri, pos):
    lines = docs.get(uri, "").splitlines()
    if pos["line"] >= len(lines):
        return None
    line = lines[pos["line"]]
    for m in re.finditer(r"[A-Za-z_][A-Za-z0-9_]*", line):
        if m.start() <= pos["character"] <= m.end():
            return m.group(0)
    return None


def progress():
    token = "gw-index"
    send({"id": next_id[0], "method": "window/workDoneProgress/create", "params": {"token": token}})
    next_id[0] += 1
    time.sleep(0.2)
    send(
        {
            "method": "$/progress",
            "params": {
                "token": token,
                "value": {"kind": "begin", "title": "graphwarden: indexing", "percentage": 0},
            },
        }
    )
    for pct in (25, 50, 75, 100):
        time.sleep(0.3)
        send(
            {
                "method": "$/progress",
                "params": {
                    "token": token,
                    "value": {
                        "kind": "report",
                        "percentage": pct,
                        "message": f"{pct // 25} of 4 files",
                    },
                },
            }
        )
    send({"method": "$/progress", "params": {"token": token, "value": {"kind": "end"}}})


def main():
    while True:
        msg = read()
        if msg is None:
            return
        method, params, mid = msg.get("method"), msg.get("params") or {}, msg.get("id")
        if method == "initialize":
            init_options[0] = params.get("initializationOptions")
            send(
                {
                    "id": mid,
                    "result": {
                        "capabilities": {
                            "textDocumentSync": {
                                "openClose": True,
                                "change": 1,
                                "save": {"includeText": False},
                            },
                            "hoverProvider": True,
                            "executeCommandProvider": {
                                "commands": [
                                    "graphwarden.blastRadius",
                                    "graphwarden.reindex",
                                    "graphwarden.query",
                                ]
                            },
                        },
                        "serverInfo": {"name": "fake-graphwarden", "version": "0"},
                    },
                }
            )
        elif method == "initialized":
            print(
                f"fake: initializationOptions={json.dumps(init_options[0])}",
                file=sys.stderr,
                flush=True,
            )
            send(
                {
                    "id": "cfg-1",
                    "method": "workspace/configuration",
                    "params": {"items": [{"section": "graphwarden"}]},
                }
            )
            threading.Thread(target=progress, daemon=True).start()
        elif method is None and mid is not None:
            print(
                f"fake: response {mid}: {json.dumps(msg.get('result', msg.get('error')))}",
                file=sys.stderr,
                flush=True,
            )
        elif method == "workspace/didChangeConfiguration":
            print(f"fake: didChangeConfiguration {json.dumps(params)}", file=sys.stderr, flush=True)
        elif method == "textDocument/didOpen":
            td = params["textDocument"]
            docs[td["uri"]] = td["text"]
            publish(td["uri"])
        elif method == "textDocument/didChange":
            uri = params["textDocument"]["uri"]
            docs[uri] = params["contentChanges"][-1]["text"]
            publish(uri)
        elif method == "textDocument/didClose":
            docs.pop(params["textDocument"]["uri"], None)
        elif method == "textDocument/hover":
            w = word_at(params["textDocument"]["uri"], params["position"])
            result = (
                {
                    "contents": {
                        "kind": "markdown",
                        "value": f"**{w}** — graphwarden (fake): 1 dependent",
                    }
                }
                if w
                else None
            )
            send({"id": mid, "result": result})
        elif method == "workspace/executeCommand":
            cmd = params.get("command")
            if cmd == "graphwarden.reindex":
                result = {"files": len(docs), "seconds": 0.01}
            elif cmd == "graphwarden.blastRadius":
                uri, pos = params["arguments"]
                result = {"symbol": word_at(uri, pos), "files": [], "symbols": []}
            else:
                result = {"bindings": []}
            send({"id": mid, "result": result})
        elif method == "shutdown":
            send({"id": mid, "result": None})
        elif method == "exit":
            return
        elif mid is not None and method is not None:
            send({"id": mid, "error": {"code": -32601, "message": f"unhandled {method}"}})


if __name__ == "__main__":
    main()
