"""Language-server latency on Django and webpack, over stdio, with a real client process.

The server is `python -I -m graphwarden serve` on a copy of the corpus (with
one `forbidden` contract added), driven by pytest-lsp's pygls client
announcing pull diagnostics with refresh support, as VS Code does (Neovim's
capabilities otherwise: no file watchers, so the server watches); default
settings (the 150 ms debounce included). Measures, and prints as JSON:

* **idle requests**: definition and hover over 400 positions (call sites,
  method calls, imported names, base classes) across the corpus, p50/p99;
* **body-only edit -> diagnostics**: a didChange to a leaf module's function
  body after a pause, then a pull (answered once the edit's results are
  known), p50/p95 (the first edit after a pause does not wait for the
  debounce: the scheduler's leading edge). Two kinds: a comment at the end
  of a `return` line (`body_only`: no fact of the file changes, so the
  cycle stops after its commit) and a value added to a `return` (`body_value`:
  `return x` -> `return x or ""`, new flow facts, the file enriched again);
* **typing under load**: a full-text didChange every 50 ms into a hub
  module for 10 s (serialized beforehand, so the client's own JSON work does
  not count in what it times) while hover and definition are asked every
  100 ms (p50/p99), then a contract-breaking import inserted into that hub and
  undone, N times: edit -> the diagnostic pulled, undo -> cleared, p50/p95;
* **server memory**: peak PSS of the server and every process it started
  (cycle worker, analysis pool), during the initial index and after it;
* **where a contract edit's time goes**: the same edit and undo through an
  orchestrator with a results hook, as the cycle worker runs them: time to
  the results, the whole cycle, each stage.

The load average is recorded beside every phase: on a shared machine the
figures are upper bounds.

Usage: python benchmarks/lsp_latency.py [--corpus django|webpack|all]
       [--positions 400] [--typing-seconds 10] [--contract-samples 20] [--jedi]
       [--server-python PATH] [--no-profile]
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import MemoryPeaks, sample_memory

CORPORA = Path.home() / ".cache" / "graphwarden-corpora"
DEBOUNCE_S = 0.150  # graphwarden's default (analysis/defaults.py)


@dataclass(frozen=True)
class Corpus:
    name: str
    path: Path
    contract: str
    rule: str
    #: The hub module typed into, and where the contract-breaking line goes.
    hub: str
    breaking_line: str
    #: The first line matching this gets the breaking line inserted before it.
    insert_before: str
    #: A leaf module for body-only edits, and how to find an editable body line.
    leaf: str
    body_line: str
    #: A `return NAME` line of the leaf, and what it becomes in a value edit.
    value_line: str
    value_edit: str
    #: A helper module whose callers' data flow reads what its function returns:
    #: the same value edit there sends them to be enriched again (after the
    #: edited file's results are out).
    helper: str
    comment: str
    #: Files the idle positions are drawn from (a regex on the relative path).
    position_files: str
    extensions: tuple[str, ...]
    language_id: str


DJANGO = Corpus(
    name="django",
    path=CORPORA / "django",
    contract="""\
[[contracts]]
name = "db-independent-of-contrib"
type = "forbidden"
source_modules = ["django.db"]
forbidden_modules = ["django.contrib"]
severity = "error"
""",
    rule="db-independent-of-contrib",
    hub="django/db/models/query.py",
    breaking_line="from django.contrib.auth import models as _m",
    insert_before=r"^import copy$",
    leaf="django/utils/text.py",
    body_line=r"^\s+return \w",
    value_line=r"^(\s+return [\w.]+)$",
    value_edit=r'\1 or ""',
    helper="django/urls/base.py",
    comment="#",
    position_files=r"^django/(db|http|forms|core|utils|template|contrib/auth|views|urls)/",
    extensions=(".py",),
    language_id="python",
)

WEBPACK = Corpus(
    name="webpack",
    path=CORPORA / "webpack",
    # lib/util/ reaches no lib/optimize/ module but through
    # internalSerializables.js; the hub, util/runtime.js (60 importers),
    # reaches none.
    contract="""\
[[contracts]]
name = "util-independent-of-optimize"
type = "forbidden"
source_modules = ["lib/util/**"]
forbidden_modules = ["lib/optimize/**"]
severity = "error"
""",
    rule="util-independent-of-optimize",
    hub="lib/util/runtime.js",
    breaking_line='const _m = require("../optimize/ConcatenatedModule");',
    insert_before=r'^const SortableSet = require\("\./SortableSet"\);$',
    leaf="lib/util/identifier.js",
    body_line=r"^\s+return \w",
    value_line=r"^(\s+return [\w.]+);$",
    value_edit=r'\1 || "";',
    helper="lib/util/propertyAccess.js",
    comment="//",
    position_files=r"^lib/",
    extensions=(".js",),
    language_id="javascript",
)

CORPUS_BY_NAME = {"django": DJANGO, "webpack": WEBPACK}


# -- figures --------------------------------------------------------------------------------


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
        out["max_ms"] = round(max(values) * 1000, 2)
    return out


def load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def stage(name: str) -> None:
    """Progress on stderr (the JSON result goes to stdout)."""
    print(f"[lsp_latency] {time.strftime('%H:%M:%S')} {name} (load {load()})", file=sys.stderr)


# -- positions --------------------------------------------------------------------------------

_PY_KINDS = {
    "call": re.compile(r"(?<![.\w])([A-Za-z_]\w*)\("),
    "method": re.compile(r"\.([A-Za-z_]\w*)\("),
    "import": re.compile(r"^from [\w.]+ import \(?([A-Za-z_]\w*)"),
    "base": re.compile(r"^\s*class \w+\(([A-Za-z_][\w.]*)"),
}
_JS_KINDS = {
    "call": re.compile(r"(?<![.\w$])([A-Za-z_$][\w$]*)\("),
    "method": re.compile(r"\.([A-Za-z_$][\w$]*)\("),
    "import": re.compile(r"^const (?:\{ )?([A-Za-z_$][\w$]*)[ ,}].*= require\("),
    "base": re.compile(r"^\s*class \w+ extends ([A-Za-z_$][\w$.]*)"),
}
_SKIP = re.compile(r"^\s*(#|//|\*|/\*|def |class \w+[:(]?\s*$|function |if |elif |while |for )")


def positions(root: Path, corpus: Corpus, total: int) -> list[tuple[str, types.Position, str]]:
    """`total` positions, a quarter of each kind, spread over the corpus's files (ASCII
    lines only, so every position encoding agrees)."""
    kinds = _PY_KINDS if corpus.language_id == "python" else _JS_KINDS
    files = sorted(
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.suffix in corpus.extensions
        and re.search(corpus.position_files, p.relative_to(root).as_posix())
    )
    rng = random.Random(10)
    rng.shuffle(files)
    found: dict[str, list[tuple[str, types.Position, str]]] = {k: [] for k in kinds}
    per_kind = total // len(kinds)
    for rel in files:
        if all(len(v) >= per_kind for v in found.values()):
            break
        try:
            lines = (root / rel).read_text(encoding="utf-8").split("\n")
        except (OSError, UnicodeDecodeError):
            continue
        taken = {k: 0 for k in kinds}
        for i, line in enumerate(lines):
            if not line.isascii():
                continue
            for kind, rx in kinds.items():
                if len(found[kind]) >= per_kind or taken[kind] >= 4:
                    continue
                if kind in ("call", "method") and _SKIP.match(line):
                    continue
                m = rx.search(line)
                if m:
                    found[kind].append((rel, types.Position(i, m.start(1) + 1), kind))
                    taken[kind] += 1
    out = [p for v in found.values() for p in v]
    rng.shuffle(out)
    return out


# -- the client -----------------------------------------------------------------------------


#: The interpreter the server runs in (`--server-python`: another installation,
#: for a before/after comparison in the same conditions).
SERVER_PYTHON = [sys.executable]


async def start(root: Path, init: dict[str, Any] | None = None) -> LanguageClient:
    command = [*SERVER_PYTHON, "-I", "-m", "graphwarden", "serve"]
    client = await ClientServerConfig(server_command=command).start()
    # Neovim's capabilities (pull diagnostics, no file watching: the server
    # watches the disk itself) with refresh support, as VS Code has: the server
    # answers a pull once the edit's results are known, which is what we time.
    capabilities = client_capabilities("neovim")
    assert capabilities.workspace is not None
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


def open_doc(client: LanguageClient, root: Path, rel: str, language_id: str) -> tuple[str, str]:
    uri = (root / rel).as_uri()
    text = (root / rel).read_text()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id=language_id, version=1, text=text)
        )
    )
    return uri, text


class Document:
    """An open document the harness edits with full-text didChange."""

    def __init__(self, client: LanguageClient, uri: str, text: str) -> None:
        self.client, self.uri, self.text, self.version = client, uri, text, 1

    def frame(self, text: str) -> bytes:
        """A full-text didChange for the next version, serialized now (see `send`)."""
        self.version += 1
        self.text = text
        body = json.dumps(
            {
                "jsonrpc": "2.0",
                "method": "textDocument/didChange",
                "params": {
                    "textDocument": {"uri": self.uri, "version": self.version},
                    "contentChanges": [{"text": text}],
                },
            }
        ).encode()
        return b"Content-Length: %d\r\n\r\n" % len(body) + body

    def send(self, frame: bytes) -> None:
        """Write a prepared message: serializing 100 kB in the client's loop would add
        to the latency of the requests the client times meanwhile."""
        writer = self.client.protocol.writer
        assert writer is not None
        writer.write(frame)

    def set(self, text: str) -> None:
        self.version += 1
        self.text = text
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(
                    uri=self.uri, version=self.version
                ),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )


async def pull(client: LanguageClient, uri: str) -> list[types.Diagnostic]:
    report = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=tdi(uri))
    )
    return list(getattr(report, "items", []) or [])


async def until_pulled(
    client: LanguageClient, uri: str, want: Callable[[list[types.Diagnostic]], bool]
) -> float:
    """Seconds from now until a pull answers what `want` accepts (pulling again if not)."""
    t0 = time.perf_counter()
    for _ in range(200):
        if want(await pull(client, uri)):
            return time.perf_counter() - t0
        await asyncio.sleep(0.01)
    raise AssertionError("the expected diagnostics never came")


async def timed(coro: Any) -> float:
    t0 = time.perf_counter()
    await coro
    return time.perf_counter() - t0


async def hover(client: LanguageClient, uri: str, p: types.Position) -> Any:
    return await client.text_document_hover_async(
        types.HoverParams(text_document=tdi(uri), position=p)
    )


async def definition(client: LanguageClient, uri: str, p: types.Position) -> Any:
    return await client.text_document_definition_async(
        types.DefinitionParams(text_document=tdi(uri), position=p)
    )


# -- the phases ----------------------------------------------------------------------------


async def idle_requests(
    client: LanguageClient, root: Path, pos: list[tuple[str, types.Position, str]]
) -> dict[str, Any]:
    hovers, defs = [], []
    answered = {"hover": 0, "definition": 0}
    by_kind: dict[str, list[float]] = {}
    for rel, p, kind in pos:
        uri = (root / rel).as_uri()
        t0 = time.perf_counter()
        d = await definition(client, uri, p)
        defs.append(time.perf_counter() - t0)
        by_kind.setdefault(kind, []).append(defs[-1])
        answered["definition"] += bool(d)
        t0 = time.perf_counter()
        h = await hover(client, uri, p)
        hovers.append(time.perf_counter() - t0)
        answered["hover"] += h is not None
    return {
        "definition": summary(defs, (0.5, 0.99)),
        "hover": summary(hovers, (0.5, 0.99)),
        "answered": answered,
        "definition_by_kind": {k: summary(v, (0.5, 0.99)) for k, v in by_kind.items()},
    }


async def body_only_edits(
    client: LanguageClient, root: Path, corpus: Corpus, samples: int
) -> dict[str, dict[str, Any]]:
    """Edit one line of a body and back, `samples` times for each kind: in the leaf,
    a comment at its end (`body_only`) and a value added to what a `return` gives
    (`body_value`); the same value edit in the helper, whose callers are enriched
    again (`helper_value`)."""
    docs: dict[str, tuple[str, Document, list[str]]] = {}
    results: dict[str, dict[str, Any]] = {}
    for kind, rel, pattern in (
        ("body_only", corpus.leaf, corpus.body_line),
        ("body_value", corpus.leaf, corpus.value_line),
        ("helper_value", corpus.helper, corpus.value_line),
    ):
        if rel not in docs:
            uri, text = open_doc(client, root, rel, corpus.language_id)
            await pull(client, uri)
            docs[rel] = (uri, Document(client, uri, text), text.split("\n"))
        uri, doc, lines = docs[rel]
        line_no = next(i for i, ln in enumerate(lines) if re.match(pattern, ln) and ln.isascii())
        original = lines[line_no]
        times = []
        for i in range(samples):
            # A pause longer than the debounce before each edit, as a developer
            # makes between edits: the edit leads (its cycle starts at once).
            await asyncio.sleep(2 * DEBOUNCE_S)
            if i % 2:
                lines[line_no] = original
            elif kind != "body_only":
                lines[line_no] = re.sub(corpus.value_line, corpus.value_edit, original)
            else:
                lines[line_no] = f"{original}  {corpus.comment} edit {i}"
            doc.set("\n".join(lines))
            times.append(await timed(pull(client, uri)))
        lines[line_no] = original
        results[kind] = {
            "file": rel,
            "line": line_no + 1,
            "edit_to_diagnostics": summary(times, (0.5, 0.95)),
            "load": load(),
        }
    return results


async def typing_under_load(
    client: LanguageClient, root: Path, corpus: Corpus, seconds: float, contract_samples: int
) -> dict[str, Any]:
    uri, text = open_doc(client, root, corpus.hub, corpus.language_id)
    await pull(client, uri)
    doc = Document(client, uri, text)
    lines = text.split("\n")
    # Typing goes into a comment line at the end of the file: every position
    # asked about stays where it was.
    typed_at = len(lines)
    lines.append(f"{corpus.comment} ")
    hub_pos = [(p, kind) for rel, p, kind in positions_in(root, corpus, corpus.hub, 40)]
    typing_hovers: list[float] = []
    typing_defs: list[float] = []
    stop = False

    frames = []
    for n in range(int(seconds / 0.050)):
        lines[typed_at] += "abcdefghij"[n % 10]
        frames.append(doc.frame("\n".join(lines)))

    async def typist() -> int:
        t0 = time.perf_counter()
        for n, frame in enumerate(frames):
            doc.send(frame)
            await asyncio.sleep(max(0.0, t0 + (n + 1) * 0.050 - time.perf_counter()))
        return len(frames)

    async def asker() -> None:
        t0 = time.perf_counter()
        n = 0
        while not stop:
            p, _kind = hub_pos[n % len(hub_pos)]
            n += 1
            typing_hovers.append(await timed(hover(client, uri, p)))
            typing_defs.append(await timed(definition(client, uri, p)))
            await asyncio.sleep(max(0.0, t0 + n * 0.100 - time.perf_counter()))

    asking = asyncio.ensure_future(asker())
    edits = await typist()
    stop = True
    await asking
    out: dict[str, Any] = {
        "typing": {
            "seconds": seconds,
            "edits_sent": edits,
            "hover": summary(typing_hovers, (0.5, 0.99)),
            "definition": summary(typing_defs, (0.5, 0.99)),
            "load": load(),
        }
    }
    # The contract-breaking edit and its undo, on top of what was typed.
    before = next(i for i, ln in enumerate(lines) if re.match(corpus.insert_before, ln))
    broken = [*lines[:before], corpus.breaking_line, *lines[before:]]
    breaks, fixes = [], []

    def has_rule(ds: list[types.Diagnostic]) -> bool:
        return any(d.code == corpus.rule for d in ds)

    await until_pulled(client, uri, lambda ds: not has_rule(ds))
    for _ in range(contract_samples):
        doc.set("\n".join(broken))
        breaks.append(await until_pulled(client, uri, has_rule))
        await asyncio.sleep(0.5)  # the cycle's global pass, as a developer would pause
        doc.set("\n".join(lines))
        fixes.append(await until_pulled(client, uri, lambda ds: not has_rule(ds)))
        await asyncio.sleep(0.5)
    if not breaks:
        return out
    out["contract_break_to_diagnostic"] = summary(breaks, (0.5, 0.95))
    out["contract_undo_to_cleared"] = summary(fixes, (0.5, 0.95))
    out["contract_load"] = load()
    return out


def positions_in(
    root: Path, corpus: Corpus, rel: str, limit: int
) -> list[tuple[str, types.Position, str]]:
    only = dataclasses.replace(corpus, position_files="^" + re.escape(rel) + "$")
    return positions(root, only, limit)


async def run_corpus(corpus: Corpus, args: argparse.Namespace) -> dict[str, Any]:
    tmp = Path(tempfile.mkdtemp(prefix=f"gw-lsp-{corpus.name}-"))
    root = tmp / corpus.name
    shutil.copytree(corpus.path, root, ignore=shutil.ignore_patterns(".graphwarden", ".git"))
    config = root / "graphwarden.toml"
    config.write_text(corpus.contract)
    result: dict[str, Any] = {"corpus": str(corpus.path), "load_at_start": load()}
    stage(f"{corpus.name}: initial index")
    client = await start(root)
    pid = client._server.pid  # type: ignore[union-attr]
    index_peaks = MemoryPeaks()
    try:
        with sample_memory(pid) as index_peaks:
            t0 = time.perf_counter()
            while not any(
                r and isinstance(r[-1], types.WorkDoneProgressEnd)
                for r in client.progress_reports.values()
            ):
                await asyncio.sleep(0.1)
            result["initial_index_seconds"] = round(time.perf_counter() - t0, 2)
        result["memory_during_initial_index"] = index_peaks.as_mb()
        with sample_memory(pid) as peaks:
            stage(f"{corpus.name}: idle requests")
            pos = positions(root, corpus, args.positions)
            result["idle"] = await idle_requests(client, root, pos)
            result["idle"]["load"] = load()
            stage(f"{corpus.name}: idle requests, again (warm caches)")
            result["idle_second_pass"] = await idle_requests(client, root, pos)
            stage(f"{corpus.name}: body-only edits")
            result.update(await body_only_edits(client, root, corpus, args.body_samples))
            stage(f"{corpus.name}: typing under load, then contract edits")
            result["typing_under_load"] = await typing_under_load(
                client, root, corpus, args.typing_seconds, args.contract_samples
            )
        result["memory_after_index"] = peaks.as_mb()
        result["load_at_end"] = load()
    finally:
        try:
            await asyncio.wait_for(client.shutdown_session(), 60)
        finally:
            await client.stop()
    if not args.no_profile:
        stage(f"{corpus.name}: the contract edit's cycle, stage by stage")
        result["contract_edit_cycle_profile"] = cycle_profile(root, corpus, args.contract_samples)
    if args.jedi and corpus.language_id == "python":
        stage("jedi-language-server")
        try:
            result["jedi_language_server_definition"] = await asyncio.wait_for(
                jedi_definitions(root, positions(root, corpus, args.positions)), 600
            )
        except Exception as exc:  # report, do not lose the graphwarden figures
            result["jedi_language_server_definition"] = {"error": repr(exc)}
    shutil.rmtree(tmp, ignore_errors=True)
    return result


def cycle_profile(root: Path, corpus: Corpus, samples: int) -> dict[str, Any]:
    """Where a contract edit's cycle spends its time: the same edit and undo through an
    orchestrator with a results hook (as the cycle worker runs it), in this process."""
    from graphwarden.analysis.cycle.stats import FileChange
    from graphwarden.analysis.workspace import UserChoices, open_workspace

    ws = open_workspace(root, UserChoices())
    orch = ws.orchestrator
    early: list[float] = []
    orch.results_hook = lambda stats: early.append(time.perf_counter())
    try:
        orch.index_repository()
        text = (root / corpus.hub).read_text()
        lines = text.split("\n")
        before = next(i for i, ln in enumerate(lines) if re.match(corpus.insert_before, ln))
        broken = "\n".join([*lines[:before], corpus.breaking_line, *lines[before:]])
        to_early, totals = [], []
        stages: dict[str, list[float]] = {}
        last: dict[str, Any] = {}
        for _ in range(samples):
            for content in (broken, text):
                early.clear()
                t0 = time.perf_counter()
                st = orch.apply_changes([FileChange(corpus.hub, content.encode())])
                totals.append(st.seconds)
                to_early.append(early[0] - t0 if early else float("nan"))
                for k, v in st.stage_seconds.items():
                    stages.setdefault(k, []).append(v)
                last = {
                    "blast_radius_files": st.blast_radius_files,
                    "reenriched_by_enricher": st.reenriched_by_enricher,
                    "rules_evaluated": st.guarantees_checked,
                }
        return {
            "results_reported": summary(to_early, (0.5, 0.95)),
            "whole_cycle": summary(totals, (0.5, 0.95)),
            "stage_ms_p50": {k: pct(v, 0.5) for k, v in stages.items()},
            **last,
            "load": load(),
        }
    finally:
        ws.close()


async def jedi_definitions(
    root: Path, pos: list[tuple[str, types.Position, str]]
) -> dict[str, Any]:
    """jedi-language-server's definition latency on the same positions (after one warm-up)."""
    exe = shutil.which("jedi-language-server") or str(
        Path(sys.executable).parent / "jedi-language-server"
    )
    jedi = await ClientServerConfig(server_command=[exe]).start()
    await jedi.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual_studio_code"),
            root_uri=root.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name=root.name)],
        )
    )
    try:
        defs = []
        for rel, p, _kind in pos:
            defs.append(await timed(definition(jedi, (root / rel).as_uri(), p)))
        return summary(defs, (0.5, 0.99))
    finally:
        try:
            await asyncio.wait_for(jedi.shutdown_session(), 30)
        finally:
            await jedi.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=[*CORPUS_BY_NAME, "all"], default="all")
    parser.add_argument("--positions", type=int, default=400)
    parser.add_argument("--body-samples", type=int, default=40)
    parser.add_argument("--typing-seconds", type=float, default=10.0)
    parser.add_argument("--contract-samples", type=int, default=20)
    parser.add_argument("--jedi", action="store_true", help="also time jedi-language-server")
    parser.add_argument(
        "--server-python",
        help="run the server with this interpreter (another graphwarden installation)",
    )
    parser.add_argument(
        "--no-profile", action="store_true", help="skip the in-process cycle profile"
    )
    args = parser.parse_args()
    if args.server_python:
        SERVER_PYTHON[:] = [args.server_python]
    names = list(CORPUS_BY_NAME) if args.corpus == "all" else [args.corpus]
    out = {"cpus": os.cpu_count(), "python": sys.version.split()[0]}
    for name in names:
        out[name] = asyncio.run(run_corpus(CORPUS_BY_NAME[name], args))
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
