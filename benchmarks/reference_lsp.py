"""The reference language servers of the definition-accuracy benchmark, and a small client.

`definition_accuracy.py --record` asks typescript-language-server (JS/TS) or
basedpyright (Python) where the symbol at each sampled position is defined.
Both are installed here, on first use, into a cache folder
(``$GRAPHWARDEN_REFERENCE`` or ``~/.cache/graphwarden-reference``) from the
package registries (npm, PyPI), never into the project or its virtualenv.

The client is a synchronous JSON-RPC over stdio with Content-Length frames:
enough for initialize, didOpen/didClose and definition, answering the
requests the servers send back (configuration, registrations, progress)
with empty results so they never wait on us.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

CACHE = Path(os.environ.get("GRAPHWARDEN_REFERENCE", Path.home() / ".cache/graphwarden-reference"))
#: Pinned reference versions (the issue's measurements used these majors).
TS_LANGUAGE_SERVER = "typescript-language-server@5.3.0"
TYPESCRIPT = "typescript@5.9.3"
BASEDPYRIGHT = "basedpyright==1.40.2"

JsonObject = dict[str, object]


@dataclass(frozen=True)
class ServerSpec:
    """How to start one reference server, and what it is called in the records."""

    name: str
    command: list[str]
    language_id: dict[str, str]


def ensure_typescript() -> ServerSpec:
    """typescript-language-server + TypeScript, npm-installed into the cache on first use."""
    folder = CACHE / "npm"
    exe = folder / "node_modules" / ".bin" / "typescript-language-server"
    if not exe.exists():
        folder.mkdir(parents=True, exist_ok=True)
        if not (folder / "package.json").exists():
            (folder / "package.json").write_text('{"private": true}\n')
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", TS_LANGUAGE_SERVER, TYPESCRIPT],
            cwd=folder,
            check=True,
        )
    version = _npm_version(folder, "typescript-language-server")
    ts_version = _npm_version(folder, "typescript")
    return ServerSpec(
        f"typescript-language-server {version} (TypeScript {ts_version})",
        [str(exe), "--stdio"],
        {
            ".ts": "typescript",
            ".tsx": "typescriptreact",
            ".js": "javascript",
            ".mjs": "javascript",
            ".cjs": "javascript",
        },
    )


def ensure_basedpyright() -> ServerSpec:
    """basedpyright, pip-installed into its own virtualenv in the cache on first use."""
    venv = CACHE / "pyvenv"
    exe = venv / "bin" / "basedpyright-langserver"
    if not exe.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", BASEDPYRIGHT], check=True)
    out = subprocess.run(
        [str(venv / "bin" / "pip"), "show", "basedpyright"], capture_output=True, text=True
    ).stdout
    version = next((ln.split()[-1] for ln in out.splitlines() if ln.startswith("Version:")), "?")
    return ServerSpec(f"basedpyright {version}", [str(exe), "--stdio"], {".py": "python"})


def _npm_version(folder: Path, package: str) -> str:
    data = json.loads((folder / "node_modules" / package / "package.json").read_text())
    return str(data.get("version", "?"))


class LspClient:
    """One reference server over stdio (synchronous requests, server requests answered)."""

    def __init__(self, spec: ServerSpec, root: Path) -> None:
        self.spec = spec
        self.root = root
        self.proc = subprocess.Popen(
            spec.command,
            cwd=root,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self._next_id = 0
        self._answers: queue.Queue[JsonObject] = queue.Queue()
        self._lock = threading.Lock()
        #: URIs the server has published diagnostics for: it has checked them,
        #: so their project is loaded (answers before that can be partial).
        self._checked: set[str] = set()
        self._checked_cv = threading.Condition()
        self._reader = threading.Thread(target=self._read_loop, daemon=True)
        self._reader.start()

    # -- framing ---------------------------------------------------------------------

    def _send(self, message: JsonObject) -> None:
        body = json.dumps(message).encode()
        assert self.proc.stdin is not None
        with self._lock:
            self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            self.proc.stdin.flush()

    def _read_loop(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            length = 0
            while True:
                line = out.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            message = json.loads(out.read(length))
            if "method" in message and "id" in message:
                self._answer_server_request(message)
            elif "id" in message:
                self._answers.put(message)
            elif message.get("method") == "textDocument/publishDiagnostics":
                params = message.get("params")
                if isinstance(params, dict):
                    with self._checked_cv:
                        self._checked.add(str(params.get("uri")))
                        self._checked_cv.notify_all()

    def _answer_server_request(self, message: JsonObject) -> None:
        result: object = None
        if message["method"] == "workspace/configuration":
            params = message.get("params")
            items = params.get("items", []) if isinstance(params, dict) else []
            result = [None for _ in items]
        self._send({"jsonrpc": "2.0", "id": message["id"], "result": result})

    # -- protocol --------------------------------------------------------------------

    def request(self, method: str, params: object, timeout: float = 120.0) -> object:
        self._next_id += 1
        rid = self._next_id
        self._send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        while True:
            answer = self._answers.get(timeout=timeout)
            if answer.get("id") == rid:
                if "error" in answer:
                    return None
                return answer.get("result")

    def notify(self, method: str, params: object) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def initialize(self) -> None:
        uri = self.root.as_uri()
        self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": uri,
                "workspaceFolders": [{"uri": uri, "name": self.root.name}],
                "capabilities": {
                    "textDocument": {
                        "definition": {"linkSupport": False},
                        "publishDiagnostics": {"relatedInformation": False},
                        "synchronization": {"didSave": False},
                    },
                    "workspace": {"configuration": True, "workspaceFolders": True},
                },
                "initializationOptions": {},
            },
        )
        self.notify("initialized", {})

    def open(self, path: Path) -> None:
        self.notify(
            "textDocument/didOpen",
            {
                "textDocument": {
                    "uri": path.as_uri(),
                    "languageId": self.spec.language_id.get(path.suffix, "plaintext"),
                    "version": 1,
                    "text": path.read_text(encoding="utf-8", errors="replace"),
                }
            },
        )

    def wait_checked(self, path: Path, timeout: float) -> bool:
        """Wait until the server published diagnostics for `path` (its project is loaded)."""
        uri = path.as_uri()
        with self._checked_cv:
            return self._checked_cv.wait_for(lambda: uri in self._checked, timeout=timeout)

    def close(self, path: Path) -> None:
        self.notify("textDocument/didClose", {"textDocument": {"uri": path.as_uri()}})

    def definition(self, path: Path, line: int, utf16_col: int) -> list[tuple[str, int, int]]:
        """(absolute path, line, UTF-16 column) of each definition answered."""
        result = self.request(
            "textDocument/definition",
            {
                "textDocument": {"uri": path.as_uri()},
                "position": {"line": line, "character": utf16_col},
            },
        )
        items = result if isinstance(result, list) else [result] if result else []
        out = []
        for item in items:
            if not isinstance(item, dict):
                continue
            uri = item.get("targetUri", item.get("uri"))
            rng = item.get("targetSelectionRange", item.get("range"))
            if not isinstance(uri, str) or not isinstance(rng, dict):
                continue
            start = rng.get("start")
            if not isinstance(start, dict) or not uri.startswith("file://"):
                continue
            from urllib.parse import unquote

            out.append(
                (unquote(uri[len("file://") :]), int(start["line"]), int(start["character"]))
            )
        return out

    def shutdown(self) -> None:
        try:
            self.request("shutdown", None, timeout=20)
            self.notify("exit", None)
            self.proc.wait(timeout=20)
        except Exception:  # a reference server that will not stop is killed
            self.proc.kill()
            self.proc.wait()
