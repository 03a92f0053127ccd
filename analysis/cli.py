"""The `graphwarden` command line: a thin adapter over the analysis library.

Exit codes: 0 success (for `check`: no violation at or above --fail-on),
1 violations, 2 usage or configuration error (with a one-line reason on
stderr).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from graphwarden.analysis import __version__

log = logging.getLogger("graphwarden")


class UsageError(Exception):
    """A problem with how graphwarden was invoked: exit 2 with this one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line, not argparse's usage block: CI logs show the reason.
        self.exit(2, f"graphwarden: error: {message} (see graphwarden --help)\n")


def _workspace(path: str) -> Path:
    root = Path(path)
    if not root.exists():
        raise UsageError(f"path does not exist: {path}")
    if not root.is_dir():
        raise UsageError(f"not a directory: {path}")
    return root.resolve()


def user_store(flag: str | None) -> Path | None:
    """The store directory the user chose: --store, else $GRAPHWARDEN_STORE, else none.

    Only these may put the store outside the workspace (a workspace's own
    configuration may not); relative paths are taken from the current directory.
    """
    chosen = flag or os.environ.get("GRAPHWARDEN_STORE")
    return Path(chosen).resolve() if chosen else None


def open_orchestrator(
    path: str, store: str | None = None, workers: int | None = None, strict_config: bool = True
) -> Any:
    """An Orchestrator for a workspace, or a UsageError for a bad path or config."""
    from graphwarden.analysis.config import ConfigError, load_config
    from graphwarden.analysis.enrichers import EnricherCycleError
    from graphwarden.analysis.orchestrator import Orchestrator
    from graphwarden.analysis.store import ForeignStoreError

    root = _workspace(path)
    settings, errors = load_config(root)
    if errors and strict_config:
        first = errors[0]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise UsageError(f"configuration error: {first}{more}")
    settings.store_override = user_store(store)
    try:
        orch = Orchestrator(root, settings, workers=workers)
    except (EnricherCycleError, ConfigError, ForeignStoreError) as exc:
        raise UsageError(str(exc)) from exc
    except Exception as exc:
        if exc.__class__.__module__.startswith("lmdb"):
            raise UsageError(
                f"cannot open the graph store at {settings.store_path}: {exc}"
            ) from exc
        raise
    orch.config_errors = errors
    return orch


class ProgressReporter:
    """A progress bar on a terminal; nothing (or plain lines) otherwise."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self._progress: Any = None
        self._tasks: dict[str, Any] = {}

    def __enter__(self) -> ProgressReporter:
        if self.enabled:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
            )

            self._progress = Progress(
                TextColumn("[bold]{task.description:<10}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                transient=True,
            )
            self._progress.start()
        return self

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self._progress is None:
            return
        task = self._tasks.get(stage)
        if task is None:
            task = self._tasks[stage] = self._progress.add_task(stage, total=total)
        self._progress.update(task, completed=done, total=total)

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()


# -- commands ----------------------------------------------------------------------


def cmd_index(args: argparse.Namespace) -> int:
    orch = open_orchestrator(args.path, args.store, args.workers)
    try:
        with ProgressReporter(not args.json) as progress:
            stats = orch.index_repository(progress=progress)
    finally:
        orch.close()
    data = stats.to_json()
    if args.json:
        print(json.dumps(data, indent=2))
        return 0
    print(
        f"indexed {stats.files} files ({stats.changed_files} analysed, {stats.deleted_files} removed): "
        f"{stats.nodes} nodes, {stats.edges} edges, {stats.parse_errors} parse errors, "
        f"{stats.skipped_files} skipped in {stats.seconds:.2f}s"
    )
    stages = ", ".join(f"{k} {v:.2f}s" for k, v in stats.stage_seconds.items())
    print(f"stages: {stages}")
    for err in stats.enricher_errors[:10]:
        print(f"enricher error: {err}", file=sys.stderr)
    return 0


def _existing_store(args: argparse.Namespace) -> tuple[Any, Path]:
    """The workspace's store, opened for reading what is there (never indexes)."""
    from graphwarden.analysis.config import load_config
    from graphwarden.analysis.store import ForeignStoreError, GraphStore

    root = _workspace(args.path)
    settings, _errors = load_config(root)
    settings.store_override = user_store(args.store)
    outside = settings.store_location_error()
    if outside is not None:
        raise UsageError(str(outside))
    store_path = settings.store_path
    if not (store_path / "data.mdb").exists():
        raise UsageError(
            f"no graph store at {store_path}: run `graphwarden index {args.path}` first"
        )
    try:
        return GraphStore(store_path), store_path
    except ForeignStoreError as exc:
        raise UsageError(str(exc)) from exc


def cmd_stats(args: argparse.Namespace) -> int:
    from graphwarden.analysis.model import NodeType

    store, store_path = _existing_store(args)
    try:
        with store.snapshot() as snap:
            counts = snap.counts()
            by_type = {t: snap.count_of_type(t) for t in NodeType}
            languages: dict[str, int] = {}
            parse_errors = 0
            skipped = 0
            for rec in snap.files():
                languages[rec.language] = languages.get(rec.language, 0) + 1
                parse_errors += len(rec.parse_errors)
                skipped += rec.skipped_reason is not None
            data = {
                "store": str(store_path),
                "revision": snap.revision,
                **counts,
                "parse_errors": parse_errors,
                "skipped_files": skipped,
                "nodes_by_type": {k: v for k, v in by_type.items() if v},
                "files_by_language": languages,
            }
    finally:
        store.close()
    if args.json:
        print(json.dumps(data, indent=2))
    else:
        for key, value in data.items():
            print(f"{key}: {value}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from graphwarden.analysis.export import export_lines

    store, _store_path = _existing_store(args)
    try:
        with store.snapshot() as snap, contextlib.ExitStack() as stack:
            out = (
                stack.enter_context(open(args.output, "w", encoding="utf-8"))
                if args.output
                else sys.stdout
            )
            for line in export_lines(snap):
                out.write(line + "\n")
    finally:
        store.close()
    return 0


def cmd_watch(args: argparse.Namespace) -> int:
    from graphwarden.analysis.watch import watch_workspace

    orch = open_orchestrator(args.path, args.store, args.workers)
    try:
        # Flushed line by line: watch output is read live (a pipe to grep, tee, a test).
        return watch_workspace(
            orch,
            debounce_ms=args.debounce_ms
            if args.debounce_ms is not None
            else orch.settings.debounce_ms,
            echo=lambda line: print(line, flush=True),
        )
    finally:
        orch.close()


def cmd_serve(args: argparse.Namespace) -> int:
    from graphwarden.lsp_server.server import main as serve_main

    serve_main()
    return 0


# -- wiring --------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="graphwarden",
        description="A live code graph of your repository, and the guarantees it keeps.",
    )
    parser.add_argument("--version", action="version", version=f"graphwarden {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def add(
        name: str, func: Callable[[argparse.Namespace], int], help_: str, path: str | None = "."
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_)
        if path is not None:
            p.add_argument(
                "path", nargs="?" if path else None, default=path or None, metavar="PATH"
            )
        p.add_argument("--store", help="graph store directory (default: PATH/.graphwarden)")
        p.set_defaults(func=func)
        return p

    p = add("index", cmd_index, "index a repository into its graph store (incremental)")
    p.add_argument("--json", action="store_true", help="print one JSON object with the figures")
    p.add_argument("--workers", type=int, default=None, help="analysis processes (default: cores)")

    p = add("stats", cmd_stats, "print what the graph store holds, without indexing")
    p.add_argument("--json", action="store_true")

    p = add("export", cmd_export, "write the stored graph as sorted JSON lines")
    p.add_argument("--output", "-o", help="file to write (default: stdout)")

    p = add("watch", cmd_watch, "re-run the cycle whenever files change")
    p.add_argument(
        "--debounce-ms",
        type=int,
        default=None,
        help="quiet time before a cycle (default: debounce_ms of the configuration, else 150)",
    )
    p.add_argument("--workers", type=int, default=None)

    p = sub.add_parser("serve", help="run the language server on stdio")
    p.set_defaults(func=cmd_serve)

    try:
        from graphwarden.analysis.check_command import register as register_check
    except ImportError:  # pragma: no cover - during development only
        pass
    else:
        register_check(sub, add)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.WARNING - 10 * min(args.verbose, 2),
        format="graphwarden: %(levelname)s: %(message)s",
        stream=sys.stderr,
    )
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return args.func(args)
    except UsageError as exc:
        print(f"graphwarden: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("graphwarden: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
