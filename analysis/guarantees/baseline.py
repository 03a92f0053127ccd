"""Baselines: record today's violations so that only new ones fail CI.

A baseline is a JSON file of fingerprints (line-free, see
`graphwarden.analysis.guarantees.results`), with the rule, file and message
beside each for humans reviewing the diff. `apply_baseline` hides violations
whose fingerprint is recorded, so moving code around keeps them hidden and a
new violation still fails. The one definition of the format: the command
line (`check --baseline` / `--write-baseline`) and the language server (its
"add to the baseline" action, and hiding what the workspace's baseline
records) both read and write through here.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from graphwarden.analysis import defaults
from graphwarden.analysis.guarantees.results import Violation
from graphwarden.analysis.safe_read import read_regular

BASELINE_VERSION = 1
DEFAULT_BASELINE = defaults.BASELINE_FILE


class BaselineError(Exception):
    """The baseline file is missing or not a graphwarden baseline."""


def _entry(v: Violation) -> dict[str, Any]:
    return {"rule": v.rule, "file": v.file, "message": v.message}


def baseline_text(entries: dict[str, dict[str, Any]]) -> str:
    """A baseline file's text for `entries` (fingerprint -> rule, file, message)."""
    data = {"version": BASELINE_VERSION, "tool": "graphwarden", "violations": entries}
    return json.dumps(data, indent=2, sort_keys=True) + "\n"


def write_baseline(path: str | Path, violations: Iterable[Violation]) -> int:
    """Write the fingerprints of `violations` to `path`; returns how many."""
    entries: dict[str, dict[str, Any]] = {}
    for v in sorted(violations, key=Violation.sort_key):
        entries[v.fingerprint] = _entry(v)
    _write(Path(path), baseline_text(entries))
    return len(entries)


def add_to_baseline(path: str | Path, violations: Iterable[Violation]) -> int:
    """Record `violations` in the baseline at `path` beside what it holds (created when
    missing); returns how many were new. Raises `BaselineError` for a file that is not
    a baseline (it is left as it is)."""
    target = Path(path)
    entries = read_entries(target) if target.exists() else {}
    added = 0
    for v in violations:
        if v.fingerprint not in entries:
            entries[v.fingerprint] = _entry(v)
            added += 1
    _write(target, baseline_text(entries))
    return added


def _write(path: Path, text: str) -> None:
    # Replaced in one step: a reader (the other process) never sees half a file.
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def read_entries(path: str | Path) -> dict[str, dict[str, Any]]:
    """The entries of a baseline file: fingerprint -> rule, file, message."""
    try:
        # A regular file only: a FIFO named like a baseline must not block the reader.
        data = json.loads(read_regular(path)[0].decode("utf-8"))
    except FileNotFoundError as exc:
        raise BaselineError(f"baseline file does not exist: {path}") from exc
    except (OSError, ValueError) as exc:
        raise BaselineError(f"cannot read baseline {path}: {exc}") from exc
    if (
        not isinstance(data, dict)
        or data.get("version") != BASELINE_VERSION
        or not isinstance(data.get("violations"), dict)
    ):
        raise BaselineError(f"{path} is not a graphwarden baseline (version {BASELINE_VERSION})")
    entries: dict[str, dict[str, Any]] = data["violations"]
    return entries


def read_baseline(path: str | Path) -> set[str]:
    """The fingerprints recorded in a baseline file."""
    return set(read_entries(path))


def apply_baseline(violations: list[Violation], known: set[str]) -> tuple[list[Violation], int]:
    """(violations not in the baseline, number hidden)."""
    kept = [v for v in violations if v.fingerprint not in known]
    return kept, len(violations) - len(kept)
