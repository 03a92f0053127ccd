"""Code lens and code action latency on Django, over stdio, with a real client process.

The server is `python -I -m graphwarden serve` on a copy of the corpus with
two `forbidden` contracts added (so there are violations to act on), driven
by pytest-lsp's pygls client with Neovim's capabilities plus diagnostic
refresh (as `lsp_latency.py` does). After the initial index it measures,
each request timed from send to answer at the client:

* **textDocument/codeLens** on every Python file of a sample (the lenses,
  unresolved: the file's definitions), the first request on each file (its
  nodes decoded: what an editor pays when it opens a file) and again (cached
  per content hash: what it pays after an edit elsewhere);
* **codeLens/resolve** of a sample of those lenses, first resolve (counts
  computed: references and the blast radius's files) and again (cached per
  revision);
* **textDocument/codeAction** with one graphwarden diagnostic in its
  context, for a sample of the published violations (suppress, ignore in the
  contract, baseline, chain: the text edits computed, the TOML edit parsed
  back).

It prints JSON: p50/p99/max per request, the number of requests, and the
load average before and after each phase (a shared machine's figures are
upper bounds).

Usage: python benchmarks/lsp_actions_latency.py [--files 200] [--lenses 600]
       [--actions 300] [--seed 7]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from lsprotocol import types

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lsp_latency import DJANGO, load, start, summary  # the same client and figures

CONTRACTS = """\
[[contracts]]
name = "db-independent-of-contrib"
type = "forbidden"
source_modules = ["django.db"]
forbidden_modules = ["django.contrib"]

[[contracts]]
name = "forms-independent-of-db"
type = "forbidden"
source_modules = ["django.forms", "django.template"]
forbidden_modules = ["django.db"]
"""
QS = (0.5, 0.99)


def stage(name: str) -> None:
    print(f"[lsp_actions] {time.strftime('%H:%M:%S')} {name} (load {load()})", file=sys.stderr)


async def timed(coro: Any) -> tuple[float, Any]:
    t0 = time.perf_counter()
    result = await coro
    return time.perf_counter() - t0, result


async def run(args: argparse.Namespace) -> dict[str, Any]:
    rng = random.Random(args.seed)
    tmp = Path(tempfile.mkdtemp(prefix="gw-actions-django-"))
    root = tmp / "django"
    shutil.copytree(DJANGO.path, root, ignore=shutil.ignore_patterns(".graphwarden", ".git"))
    (root / "graphwarden.toml").write_text(CONTRACTS)
    result: dict[str, Any] = {
        "corpus": str(DJANGO.path),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "load_at_start": load(),
    }
    stage("initial index")
    client = await start(root)
    try:
        t0 = time.perf_counter()
        while not any(
            r and isinstance(r[-1], types.WorkDoneProgressEnd)
            for r in client.progress_reports.values()
        ):
            await asyncio.sleep(0.1)
        result["initial_index_seconds"] = round(time.perf_counter() - t0, 2)
        # Violations are pushed for files that are not open.
        while not any(
            d.source == "graphwarden" and d.data for ds in client.diagnostics.values() for d in ds
        ):
            await asyncio.sleep(0.1)
        await asyncio.sleep(1.0)  # the last pushes of the first publication

        files = sorted(p.relative_to(root).as_posix() for p in (root / "django").rglob("*.py"))
        sample = rng.sample(files, min(args.files, len(files)))
        stage(f"codeLens on {len(sample)} files")
        result["load_before_lenses"] = load()
        lens_times: list[float] = []
        lenses: list[types.CodeLens] = []
        for rel in sample:
            uri = (root / rel).as_uri()
            dt, found = await timed(
                client.text_document_code_lens_async(
                    types.CodeLensParams(text_document=types.TextDocumentIdentifier(uri=uri))
                )
            )
            lens_times.append(dt)
            lenses.extend(found or [])
        result["code_lens_first"] = {**summary(lens_times, QS), "lenses": len(lenses)}
        stage("codeLens on the same files again (their nodes decoded and cached)")
        again = []
        for rel in sample:
            uri = (root / rel).as_uri()
            dt, _ = await timed(
                client.text_document_code_lens_async(
                    types.CodeLensParams(text_document=types.TextDocumentIdentifier(uri=uri))
                )
            )
            again.append(dt)
        result["code_lens_again"] = summary(again, QS)

        picked = rng.sample(lenses, min(args.lenses, len(lenses)))
        stage(f"codeLens/resolve of {len(picked)} lenses, twice")
        for name in ("code_lens_resolve_first", "code_lens_resolve_again"):
            times = []
            titles = []
            for lens in picked:
                dt, resolved = await timed(client.code_lens_resolve_async(lens))
                times.append(dt)
                titles.append(resolved.command.title if resolved.command else "")
            result[name] = summary(times, QS)
        result["code_lens_resolve_first"]["example_titles"] = titles[:3]

        ours = [
            (uri, d)
            for uri, ds in sorted(client.diagnostics.items())
            for d in ds
            if d.source == "graphwarden" and d.data
        ]
        chosen = rng.sample(ours, min(args.actions, len(ours)))
        stage(f"codeAction on {len(chosen)} of {len(ours)} violations")
        result["load_before_actions"] = load()
        times = []
        counts: dict[int, int] = {}
        for uri, d in chosen:
            dt, actions = await timed(
                client.protocol.send_request_async(
                    types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionParams(
                        text_document=types.TextDocumentIdentifier(uri=uri),
                        range=d.range,
                        context=types.CodeActionContext(diagnostics=[d]),
                    ),
                )
            )
            times.append(dt)
            counts[len(actions or [])] = counts.get(len(actions or []), 0) + 1
        result["code_action"] = {
            **summary(times, QS),
            "violations_published": len(ours),
            "actions_per_request": counts,
        }
        result["load_at_end"] = load()
    finally:
        try:
            await asyncio.wait_for(client.shutdown_session(), 60)
        finally:
            await client.stop()
            shutil.rmtree(tmp, ignore_errors=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--lenses", type=int, default=600)
    parser.add_argument("--actions", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(json.dumps(asyncio.run(run(args)), indent=2))


if __name__ == "__main__":
    main()
