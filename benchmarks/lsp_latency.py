"""LSP latency on Django, over stdio, with a real client process (pytest-lsp's pygls client).

Measures, and prints as JSON:

* edit-to-diagnostics latency (p50/p95) for body-only edits and for an edit
  that breaks a configured contract (the client pulls textDocument/diagnostic
  right after didChange; the server answers once the edit's cycle is done);
* hover and definition latency (p50/p99) while idle and while a hub-file cycle
  runs (a signature edit in django/db/models/fields/__init__.py);
* the server's peak RSS (VmHWM of the server and its analysis workers);
* jedi-language-server's definition latency on the same positions.

Usage: python benchmarks/lsp_latency.py [--django PATH] [--samples N]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

DJANGO = Path("/root/.cache/graphwarden-corpora/django")
CONTRACT = """\
[[contracts]]
name = "utils-independent-of-admin"
type = "forbidden"
source_modules = ["django.utils.text"]
forbidden_modules = ["django.contrib.admin"]
severity = "error"
"""
BODY_FILE = "django/utils/text.py"
HUB_FILE = "django/db/models/fields/__init__.py"
QUERY_FILE = "django/db/models/query.py"


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return round(values[min(len(values) - 1, int(q * len(values)))] * 1000, 2)


def summary(values: list[float], qs: tuple[float, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {"n": len(values)}
    for q in qs:
        out[f"p{int(q * 100)}_ms"] = pct(values, q)
    if values:
        out["mean_ms"] = round(statistics.mean(values) * 1000, 2)
    return out


def peak_rss_mb(pid: int) -> float:
    """VmHWM of a process and its children (the analysis pool), in MB."""
    total = 0
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(c) for c in children]
    except OSError:
        pass
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return round(total / 1024, 1)


def positions(root: Path, rel: str, limit: int) -> list[types.Position]:
    """Call sites (ASCII lines only, so every encoding agrees) in a file."""
    out = []
    for i, line in enumerate((root / rel).read_text().split("\n")):
        if not line.isascii() or line.lstrip().startswith(("#", "def ", "class ")):
            continue
        for m in re.finditer(r"\b([A-Za-z_]\w*)\(", line):
            out.append(types.Position(i, m.start(1) + 1))
            break
        if len(out) >= limit:
            break
    return out


async def start(
    command: list[str], caps: str, root: Path, init: dict[str, Any] | None = None
) -> LanguageClient:
    client = await ClientServerConfig(server_command=command).start()
    capabilities = client_capabilities(caps)
    if capabilities.workspace is not None:
        # Pull diagnostics as VS Code does (with refresh support): the server
        # answers a pull once the edit's cycle is done, which is what we time.
        capabilities.workspace.diagnostics = types.DiagnosticWorkspaceClientCapabilities(
            refresh_support=True
        )
    await client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities,
            root_uri=root.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name=root.name)],
            initialization_options=init or {},
        )
    )
    return client


def tdi(uri: str) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri=uri)


def open_doc(client: LanguageClient, root: Path, rel: str) -> tuple[str, str]:
    uri = (root / rel).as_uri()
    text = (root / rel).read_text()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id="python", version=1, text=text)
        )
    )
    return uri, text


def change(
    client: LanguageClient, uri: str, version: int, line: int, old_len: int, new: str
) -> None:
    """Replace line `line` (of old_len characters) with `new`."""
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(types.Position(line, 0), types.Position(line, old_len)),
                    text=new,
                )
            ],
        )
    )


async def pull(client: LanguageClient, uri: str) -> list[types.Diagnostic]:
    report = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=tdi(uri))
    )
    return list(getattr(report, "items", []) or [])


async def timed_requests(
    client: LanguageClient, uri: str, pos: list[types.Position]
) -> tuple[list[float], list[float]]:
    hovers, defs = [], []
    for p in pos:
        t0 = time.perf_counter()
        await client.text_document_hover_async(
            types.HoverParams(text_document=tdi(uri), position=p)
        )
        hovers.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        await client.text_document_definition_async(
            types.DefinitionParams(text_document=tdi(uri), position=p)
        )
        defs.append(time.perf_counter() - t0)
    return hovers, defs


async def run(django: Path, samples: int) -> dict[str, Any]:
    tmp = Path(tempfile.mkdtemp(prefix="gw-lsp-bench-"))
    root = tmp / "django"
    shutil.copytree(django, root, ignore=shutil.ignore_patterns(".graphwarden", ".git"))
    (root / "graphwarden.toml").write_text(CONTRACT)
    result: dict[str, Any] = {"corpus": str(django), "samples": samples}
    server = [sys.executable, "-I", "-m", "graphwarden", "serve"]
    client = await start(server, "neovim", root, {"debounceMs": 0})
    pid = client._server.pid  # type: ignore[union-attr]
    try:
        t0 = time.perf_counter()
        while not any(
            r and isinstance(r[-1], types.WorkDoneProgressEnd)
            for r in client.progress_reports.values()
        ):
            await asyncio.sleep(0.1)
        result["initial_index_seconds"] = round(time.perf_counter() - t0, 2)

        stage("idle requests")
        qpos = positions(root, QUERY_FILE, samples)
        quri, _ = open_doc(client, root, QUERY_FILE)
        await pull(client, quri)
        h, d = await timed_requests(client, quri, qpos)
        result["idle"] = {"hover": summary(h, (0.5, 0.99)), "definition": summary(d, (0.5, 0.99))}

        stage("body-only edits")
        # Body-only edits: a constant inside a function body.
        buri, btext = open_doc(client, root, BODY_FILE)
        await pull(client, buri)
        lines = btext.split("\n")
        line_no = next(
            i for i, ln in enumerate(lines) if ln.strip().startswith("return ") and ln.isascii()
        )
        original = lines[line_no]
        body_times = []
        version = 1
        current = original
        for i in range(samples):
            new = original + f"  # {i}" if i % 2 == 0 else original + f" or {i}"
            version += 1
            change(client, buri, version, line_no, len(current), new)
            current = new
            t0 = time.perf_counter()
            await pull(client, buri)
            body_times.append(time.perf_counter() - t0)
        result["edit_to_diagnostics_body_only"] = summary(body_times, (0.5, 0.95))

        stage("contract edits")
        # Contract-breaking edit: add / remove a forbidden import at the top.
        break_times, fix_times = [], []
        first = lines[0]
        for _ in range(max(4, samples // 5)):
            version += 1
            bad = "from django.contrib.admin import sites  # noqa"
            change(client, buri, version, 0, len(first), bad + "\n" + first)
            t0 = time.perf_counter()
            diags = await pull(client, buri)
            break_times.append(time.perf_counter() - t0)
            assert any(d.code == "utils-independent-of-admin" for d in diags), diags
            version += 1
            client.text_document_did_change(
                types.DidChangeTextDocumentParams(
                    text_document=types.VersionedTextDocumentIdentifier(uri=buri, version=version),
                    content_changes=[
                        types.TextDocumentContentChangePartial(
                            range=types.Range(types.Position(0, 0), types.Position(1, 0)), text=""
                        )
                    ],
                )
            )
            t0 = time.perf_counter()
            await pull(client, buri)
            fix_times.append(time.perf_counter() - t0)
        result["edit_to_diagnostics_contract_break"] = summary(break_times, (0.5, 0.95))
        result["edit_to_diagnostics_contract_fix"] = summary(fix_times, (0.5, 0.95))

        stage("hub cycle")
        # Hover / definition while a hub-file cycle runs.
        huri, htext = open_doc(client, root, HUB_FILE)
        await pull(client, huri)
        hlines = htext.split("\n")
        sig = next(i for i, ln in enumerate(hlines) if ln.strip().startswith("def __init__("))
        sig_text = hlines[sig]
        busy_h, busy_d, cycles = [], [], []
        for i in range(3):
            version += 1
            new = (
                sig_text.replace("def __init__(", f"def __init__(gw_extra{i}=None, ", 1)
                if i % 2 == 0
                else sig_text
            )
            change(client, huri, version, sig, len(hlines[sig]), new)
            hlines[sig] = new
            t0 = time.perf_counter()
            pulled = asyncio.ensure_future(pull(client, huri))
            while not pulled.done():
                h, d = await timed_requests(client, quri, qpos[:10])
                busy_h += h
                busy_d += d
            cycles.append(time.perf_counter() - t0)
        result["hub_signature_edit_cycle_seconds"] = [round(c, 2) for c in cycles]
        result["during_hub_cycle"] = {
            "hover": summary(busy_h, (0.5, 0.99)),
            "definition": summary(busy_d, (0.5, 0.99)),
        }
        result["server_peak_rss_mb"] = peak_rss_mb(pid)
    finally:
        try:
            await asyncio.wait_for(client.shutdown_session(), 60)
        finally:
            await client.stop()

    stage("jedi")
    try:
        result["jedi_language_server_definition"] = await asyncio.wait_for(
            jedi_definitions(root, qpos), 300
        )
    except Exception as exc:  # report, do not lose the graphwarden figures
        result["jedi_language_server_definition"] = {"error": repr(exc)}
    shutil.rmtree(tmp, ignore_errors=True)
    return result


async def jedi_definitions(root: Path, qpos: list[types.Position]) -> dict[str, Any]:
    """jedi-language-server's definition latency on the same positions (after one warm-up)."""
    jedi = await start(["/work/venv/bin/jedi-language-server"], "visual_studio_code", root)
    try:
        quri, _ = open_doc(jedi, root, QUERY_FILE)
        await jedi.text_document_definition_async(
            types.DefinitionParams(text_document=tdi(quri), position=qpos[0])
        )
        defs = []
        for p in qpos:
            t0 = time.perf_counter()
            await jedi.text_document_definition_async(
                types.DefinitionParams(text_document=tdi(quri), position=p)
            )
            defs.append(time.perf_counter() - t0)
        return summary(defs, (0.5, 0.99))
    finally:
        try:
            await asyncio.wait_for(jedi.shutdown_session(), 30)
        finally:
            await jedi.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--django", type=Path, default=DJANGO)
    parser.add_argument("--samples", type=int, default=100)
    args = parser.parse_args()
    print(json.dumps(asyncio.run(run(args.django, args.samples)), indent=2))


def stage(name: str) -> None:
    """Progress on stderr (the JSON result goes to stdout)."""
    print(f"[lsp_latency] {name}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
