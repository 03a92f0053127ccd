"""End-to-end fixtures: the real server over stdio, driven by pytest-lsp's client.

Every session runs `python -I -m graphwarden serve` in a subprocess, with the client
capabilities of a real editor (Neovim or VS Code, as pytest-lsp ships them)
against a small repository written to tmp_path.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import textwrap
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities
from pytest_lsp.client import make_test_lsp_client

SERVER = [sys.executable, "-I", "-m", "graphwarden", "serve"]
CLIENTS = ["neovim", "visual_studio_code"]
#: A pull-diagnostics client that can also be asked to pull again (as VS Code
#: with vscode-languageclient 9 is): the only kind the server lets pull.
PULL_CLIENT = "neovim+refresh"


def pulls(client_name: str) -> bool:
    """Whether the server serves this client's diagnostics by pull (else by push)."""
    return client_name == PULL_CLIENT


CONTRACT = """\
[[contracts]]
name = "core-independent-of-web"
type = "forbidden"
source_modules = ["app.core"]
forbidden_modules = ["app.web"]
severity = "error"
"""

PYTHON_FILES = {
    "graphwarden.toml": CONTRACT,
    "app/__init__.py": "",
    "app/core/__init__.py": "",
    "app/core/service.py": '''\
        from app.web import views
        from app.models import Repo


        def compute_total(prices, discount=0.0):
            """Sum the prices and apply a discount."""
            return sum(prices) * (1.0 - discount)


        def describe(prices):
            return f"{len(prices)} items, total {compute_total(prices):.2f}"


        def render():
            return views.index()


        def make():
            return Repo()
        ''',
    "app/web/__init__.py": "",
    "app/web/views.py": """\
        def index():
            return "hi"
        """,
    "app/models.py": '''\
        class Base:
            """The base model."""

            def save(self):
                return 1


        class Repo(Base):
            def load(self):
                return self.save()
        ''',
    "app/text.py": """\
        def shout(x):
            return x


        value = "😀漢字"; loud = shout(value)
        """,
}

TS_FILES = {
    "tsconfig.json": '{"compilerOptions": {"strict": true}}\n',
    "src/base.ts": """\
        export class Animal {
          speak(): string {
            return "...";
          }
        }

        export function greet(name: string): string {
          return "hi " + name;
        }
        """,
    "src/dog.ts": """\
        import { Animal, greet } from "./base";

        export class Dog extends Animal {
          bark(): string {
            return greet("dog");
          }
        }
        """,
}


def write_repo(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


@pytest.fixture
def python_repo(tmp_path: Path) -> Path:
    return write_repo(tmp_path / "pyrepo", PYTHON_FILES)


@pytest.fixture
def ts_repo(tmp_path: Path) -> Path:
    return write_repo(tmp_path / "tsrepo", TS_FILES)


async def wait_for(
    predicate: Callable[[], Any], timeout: float = 20.0, interval: float = 0.02
) -> Any:
    """Poll until `predicate()` is truthy; fail the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {predicate}")
        await asyncio.sleep(interval)


async def eventually(
    check: Callable[[], Awaitable[bool]], timeout: float = 60.0, what: str = ""
) -> None:
    """Ask `check` again and again (a request each time) until it says yes;
    fail the test after `timeout` seconds. `wait_for` is its synchronous twin,
    for what the client already received."""
    deadline = time.monotonic() + timeout
    while not await check():
        assert time.monotonic() < deadline, f"{what or check} never became true"
        await asyncio.sleep(0.05)


def index_runs(client: LanguageClient) -> list[list[Any]]:
    """The progress reports of every indexing run so far."""
    return [
        r for tok, r in client.progress_reports.items() if str(tok).startswith("graphwarden-index")
    ]


def index_done(client: LanguageClient, runs: int = 1) -> bool:
    done = [r for r in index_runs(client) if r and isinstance(r[-1], types.WorkDoneProgressEnd)]
    return len(done) >= runs


def uri(root: Path, rel: str) -> str:
    return (root / rel).as_uri()


@contextlib.asynccontextmanager
async def session(
    roots: list[Path],
    client_name: str = "visual_studio_code",
    *,
    init_options: dict[str, Any] | None = None,
    configuration: dict[str, Any] | None = None,
    client_factory: Callable[[], LanguageClient] = make_test_lsp_client,
    wait_index: bool = True,
    server_command: list[str] | None = None,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> AsyncIterator[LanguageClient]:
    """A started, initialized server on `roots` (workspace folders).

    `server_command` and `cwd` start the server the way a launcher would
    (another executable, the workspace as working directory).
    """
    client = client_factory()
    await client.start_io(
        *(server_command or SERVER), cwd=cwd, env={**os.environ, **env} if env else None
    )
    if configuration is not None:
        client.set_configuration(configuration, section="graphwarden")
    caps = client_capabilities(client_name.split("+")[0])
    if client_name == PULL_CLIENT:
        assert caps.workspace is not None
        caps.workspace.diagnostics = types.DiagnosticWorkspaceClientCapabilities(
            refresh_support=True
        )
    await client.initialize_session(
        types.InitializeParams(
            capabilities=caps,
            root_uri=roots[0].as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=r.as_uri(), name=r.name) for r in roots],
            initialization_options=init_options or {},
        )
    )
    try:
        if wait_index:
            await wait_for(lambda: index_done(client, len(roots)), timeout=60)
        yield client
    finally:
        with contextlib.suppress(Exception):
            await asyncio.wait_for(client.shutdown_session(), 30)
        await client.stop()


def open_doc(
    client: LanguageClient, root: Path, rel: str, text: str | None = None, version: int = 1
) -> str:
    doc_uri = uri(root, rel)
    lang = "python" if rel.endswith(".py") else "typescript"
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=doc_uri,
                language_id=lang,
                version=version,
                text=text if text is not None else (root / rel).read_text(encoding="utf-8"),
            )
        )
    )
    return doc_uri


def replace_all(client: LanguageClient, doc_uri: str, old: str, new: str, version: int) -> None:
    """An incremental didChange replacing the whole of `old` (a document's text) with `new`."""
    lines = old.split("\n")
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=doc_uri, version=version),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(
                        start=types.Position(0, 0),
                        end=types.Position(len(lines) - 1, len(lines[-1].encode("utf-16-le")) // 2),
                    ),
                    text=new,
                )
            ],
        )
    )


async def diagnostics_of(
    client: LanguageClient, doc_uri: str, pull: bool
) -> list[types.Diagnostic]:
    """The document's current diagnostics, pulled or as last pushed."""
    if pull:
        report = await client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=doc_uri))
        )
        return list(getattr(report, "items", []) or [])
    return list(client.diagnostics.get(doc_uri, []))


def write_big_repo(root: Path, modules: int = 1500) -> Path:
    """A generated repository big enough that a re-index takes a noticeable while."""
    files = dict(PYTHON_FILES)
    for i in range(modules):
        prev = f"from gen.m{i - 1} import f{i - 1}_0\n" if i else ""
        body = "".join(
            f"\n\nclass C{i}_{j}:\n    def method(self, a, b):\n        return f{i}_{j}(a) + helper(b)\n"
            f"\n\ndef f{i}_{j}(x):\n    return helper(x) * {j}\n"
            for j in range(12)
        )
        files[f"gen/m{i}.py"] = f"{prev}\n\ndef helper(v):\n    return v\n{body}"
    files["gen/__init__.py"] = ""
    root.mkdir(parents=True, exist_ok=True)
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text) if rel in PYTHON_FILES else text, encoding="utf-8")
    return root
