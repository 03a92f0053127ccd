"""`session_check` latency of `graphwarden mcp` on Django (issue #15, part 3: target < 300 ms).

Starts `python -I -m graphwarden mcp` on the Django corpus over stdio and
drives it with the MCP SDK's own client, as an agent host does. After the
server's index (warm when --store already holds Django), one session:
each sample applies a one-file patch to `django/utils/text.py` as a unified
diff (alternating a body edit, a new helper function and a new import, so
no two consecutive samples are the same change) and times `session_check`
from the client: the request, the what-if cycle, the guarantees and the
answer. The files on disk and the store's revision are checked unchanged at
the end.

    python benchmarks/mcp_latency.py [--corpus DIR] [--store DIR] [--samples 40]

Prints one JSON object: p50/p95/max of the client-side round trip and of
the server's own `seconds`, the machine's load average before and after.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from mcp.client.session import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client

FILE = "django/utils/text.py"
ANCHOR = "    return x[0].upper() + x[1:]\n"

PATCHES = [
    (ANCHOR, "    return x[0].upper() + x[1:] + ''\n"),
    (ANCHOR, ANCHOR + "\n\ndef agent_helper(value):\n    return capfirst(value)\n"),
    ("import re\n", "import re\nimport os.path\n"),
]


def unified_diff(path: str, old: str, new: str) -> str:
    import difflib

    return "".join(
        difflib.unified_diff(
            old.splitlines(keepends=True),
            new.splitlines(keepends=True),
            f"a/{path}",
            f"b/{path}",
        )
    )


async def call(client: ClientSession, tool: str, **args: Any) -> dict[str, Any]:
    result = await client.call_tool(tool, args)
    text = result.content[0].text  # type: ignore[union-attr]
    if result.is_error:
        raise SystemExit(f"{tool}: {text}")
    data: dict[str, Any] = json.loads(text)
    return data


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def run(corpus: Path, store: Path | None, samples: int) -> dict[str, Any]:
    args = ["-I", "-m", "graphwarden", "mcp", str(corpus)]
    if store is not None:
        args += ["--store", str(store)]
    params = StdioServerParameters(command=sys.executable, args=args, cwd=corpus)
    original = (corpus / FILE).read_text()
    load_before = os.getloadavg()
    t0 = time.perf_counter()
    async with (
        stdio_client(params) as (read, write),
        ClientSession(read, write, read_timeout_seconds=600) as client,
    ):
        await client.initialize()
        session = (await call(client, "session_begin"))["session"]
        ready = time.perf_counter() - t0
        revision = (await call(client, "check", limit=1))["revision"]
        client_ms: list[float] = []
        server_ms: list[float] = []
        introduced: list[int] = []
        current = original
        for i in range(samples):
            old, new = PATCHES[i % len(PATCHES)]
            # A diff against the session's own view of the file (its last change).
            patched = original.replace(old, new, 1)
            diff = unified_diff(FILE, current, patched)
            await call(client, "session_apply", session=session, diff=diff)
            current = patched
            t = time.perf_counter()
            report = await call(client, "session_check", session=session)
            client_ms.append((time.perf_counter() - t) * 1000)
            server_ms.append(report["seconds"] * 1000)
            introduced.append(report["introduced_total"])
            assert report["revision"] == revision
        await call(client, "session_abort", session=session)
        after = (await call(client, "check", limit=1))["revision"]
    assert (corpus / FILE).read_text() == original, "the file on disk changed"
    assert after == revision, "the store's revision changed"
    return {
        "corpus": str(corpus),
        "file": FILE,
        "samples": samples,
        "startup_to_first_session_s": round(ready, 2),
        "session_check_client_ms": {
            "p50": round(statistics.median(client_ms), 1),
            "p95": round(pct(client_ms, 0.95), 1),
            "max": round(max(client_ms), 1),
            "first": round(client_ms[0], 1),
        },
        "session_check_server_ms": {
            "p50": round(statistics.median(server_ms), 1),
            "p95": round(pct(server_ms, 0.95), 1),
        },
        "introduced_per_patch": sorted(set(introduced)),
        "loadavg_before": [round(x, 2) for x in load_before],
        "loadavg_after": [round(x, 2) for x in os.getloadavg()],
        "cpus": os.cpu_count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus",
        type=Path,
        default=Path.home() / ".cache/graphwarden-corpora/django",
    )
    parser.add_argument("--store", type=Path, default=None, help="store directory (--store)")
    parser.add_argument("--samples", type=int, default=40)
    ns = parser.parse_args()
    print(json.dumps(asyncio.run(run(ns.corpus, ns.store, ns.samples)), indent=2))


if __name__ == "__main__":
    main()
