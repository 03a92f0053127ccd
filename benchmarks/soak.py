"""Soak: the language server driven for a long time; does anything grow without bound?

A real client (pytest-lsp's pygls client over stdio, loopback only) works a
copy of a corpus for `--minutes` (default 30):

* typing: a full-text didChange into an open module every 100 ms, with a
  didSave every 20 edits;
* a "branch switch" every 5 minutes: `--switch-files` files (default 500)
  rewritten on disk (a trailing comment or its removal, so the graph changes
  only in hashes) and announced with didChangeWatchedFiles;
* hover, definition and references at a fixed set of positions, round robin,
  every 50 ms.

Every minute it samples the PSS of the server and all its processes, the
store's file size, its LMDB readers, and the p50/p99 of the minute's
requests; a row per minute is printed as JSON at the end, and the verdict
(first vs last minutes) for memory, store size and p99.

    python benchmarks/soak.py [--corpus DIR] [--minutes 30] [--switch-files 500]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from lsprotocol import types
from measure import pss_kb, tree_pids
from pytest_lsp import LanguageClient, client_capabilities
from pytest_lsp.client import make_test_lsp_client

SERVER = [sys.executable, "-I", "-m", "graphwarden", "serve"]
EDIT_FILE = "django/utils/text.py"


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return round(values[min(len(values) - 1, int(q * len(values)))] * 1000, 2)


def word_positions(
    root: Path, rels: list[str], per_file: int = 25
) -> list[tuple[str, types.Position]]:
    """Positions on identifiers of a few files (every 7th line's first word)."""
    out = []
    for rel in rels:
        lines = (root / rel).read_text(encoding="utf-8").splitlines()
        taken = 0
        for i, line in enumerate(lines):
            if i % 7 or not line.strip():
                continue
            stripped = line.lstrip()
            col = len(line) - len(stripped)
            if stripped[:1].isalpha():
                out.append((rel, types.Position(line=i, character=col + 1)))
                taken += 1
                if taken >= per_file:
                    break
    return out


async def start(root: Path) -> LanguageClient:
    client = make_test_lsp_client()
    await client.start_io(*SERVER, cwd=root)
    caps = client_capabilities("visual_studio_code")
    await client.initialize_session(
        types.InitializeParams(
            capabilities=caps,
            root_uri=root.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name=root.name)],
        )
    )
    return client


def server_pid(client: LanguageClient) -> int:
    proc = getattr(client, "_server", None)
    assert proc is not None, "no server process"
    return int(proc.pid)


def lmdb_readers(store: Path) -> int:
    """Reader slots in use (a long-lived read transaction pins old pages)."""
    import lmdb

    env = lmdb.open(str(store), readonly=True, lock=True, max_dbs=32)
    try:
        return sum(1 for line in env.readers().splitlines()[1:] if line.strip())
    finally:
        env.close()


async def soak(corpus: Path, minutes: float, switch_files: int) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="gw-soak-"))
    root = work / corpus.name
    shutil.copytree(corpus, root)
    store = root / ".graphwarden"
    py_files = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.py"))
    switched = py_files[:switch_files]
    positions = word_positions(root, [EDIT_FILE, *py_files[100:104]])
    client = await start(root)
    try:
        # Wait for the initial index: the first workspace/symbol answer with results.
        while not await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="slugify")):
            await asyncio.sleep(0.5)
        edit_uri = (root / EDIT_FILE).as_uri()
        base_text = (root / EDIT_FILE).read_text(encoding="utf-8")
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(
                    uri=edit_uri, language_id="python", version=1, text=base_text
                )
            )
        )
        rows: list[dict[str, Any]] = []
        t_end = time.monotonic() + minutes * 60
        minute_times: list[float] = []
        version = 1
        stop = asyncio.Event()

        async def typing() -> None:
            nonlocal version
            n = 0
            while not stop.is_set():
                n += 1
                version += 1
                text = base_text + f"\n# edit {n % 50}\n"
                client.text_document_did_change(
                    types.DidChangeTextDocumentParams(
                        text_document=types.VersionedTextDocumentIdentifier(
                            uri=edit_uri, version=version
                        ),
                        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
                    )
                )
                if n % 20 == 0:
                    client.text_document_did_save(
                        types.DidSaveTextDocumentParams(
                            text_document=types.TextDocumentIdentifier(uri=edit_uri)
                        )
                    )
                await asyncio.sleep(0.1)

        async def requesting() -> None:
            i = 0
            while not stop.is_set():
                rel, pos = positions[i % len(positions)]
                doc = types.TextDocumentIdentifier(uri=(root / rel).as_uri())
                kind = i % 3
                t0 = time.perf_counter()
                if kind == 0:
                    await client.text_document_hover_async(
                        types.HoverParams(text_document=doc, position=pos)
                    )
                elif kind == 1:
                    await client.text_document_definition_async(
                        types.DefinitionParams(text_document=doc, position=pos)
                    )
                else:
                    await client.text_document_references_async(
                        types.ReferenceParams(
                            text_document=doc,
                            position=pos,
                            context=types.ReferenceContext(include_declaration=False),
                        )
                    )
                minute_times.append(time.perf_counter() - t0)
                i += 1
                await asyncio.sleep(0.05)

        async def switching() -> None:
            flip = False
            while not stop.is_set():
                await asyncio.sleep(300)
                if stop.is_set():
                    return
                flip = not flip
                events = []
                for rel in switched:
                    path = root / rel
                    text = path.read_text(encoding="utf-8")
                    text = text + "# switched\n" if flip else text.removesuffix("# switched\n")
                    path.write_text(text, encoding="utf-8")
                    events.append(
                        types.FileEvent(uri=path.as_uri(), type=types.FileChangeType.Changed)
                    )
                client.workspace_did_change_watched_files(
                    types.DidChangeWatchedFilesParams(changes=events)
                )

        tasks = [asyncio.create_task(t()) for t in (typing, requesting, switching)]
        minute = 0
        while time.monotonic() < t_end:
            await asyncio.sleep(60)
            minute += 1
            pid = server_pid(client)
            pids = tree_pids(pid)
            times, minute_times[:] = list(minute_times), []
            rows.append(
                {
                    "minute": minute,
                    "pss_mb_all": round(sum(pss_kb(p) for p in pids) / 1024, 1),
                    "processes": len(pids),
                    "store_mb": round((store / "data.mdb").stat().st_size / 2**20, 1),
                    "lmdb_readers": lmdb_readers(store),
                    "requests": len(times),
                    "p50_ms": pct(times, 0.5),
                    "p99_ms": pct(times, 0.99),
                    "load_1m": round(os.getloadavg()[0], 2),
                }
            )
            print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
        stop.set()
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    finally:
        # The figures are in `rows` already: a slow or failed shutdown under
        # load is reported, not allowed to lose them.
        try:
            await asyncio.wait_for(client.shutdown_session(), 120)
            await asyncio.wait_for(client.stop(), 60)
        except (Exception, asyncio.CancelledError) as exc:
            print(f"shutdown did not finish cleanly: {exc!r}", file=sys.stderr, flush=True)
        shutil.rmtree(work, ignore_errors=True)
    first, last = rows[: max(1, len(rows) // 5)], rows[-max(1, len(rows) // 5) :]

    def mean(key: str, part: list[dict[str, Any]]) -> float:
        return round(statistics.mean(float(r[key]) for r in part), 1)

    return {
        "corpus": corpus.name,
        "minutes": minutes,
        "switch_files": switch_files,
        "rows": rows,
        "first_fifth": {k: mean(k, first) for k in ("pss_mb_all", "store_mb", "p99_ms")},
        "last_fifth": {k: mean(k, last) for k in ("pss_mb_all", "store_mb", "p99_ms")},
    }


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--corpus",
        default=str(
            Path(os.environ.get("GRAPHWARDEN_CORPORA", Path.home() / ".cache/graphwarden-corpora"))
            / "django"
        ),
    )
    ap.add_argument("--minutes", type=float, default=30)
    ap.add_argument("--switch-files", type=int, default=500)
    args = ap.parse_args()
    result = asyncio.run(soak(Path(args.corpus), args.minutes, args.switch_files))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
