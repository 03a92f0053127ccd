"""Baselines: record today's violations so that only new ones fail CI.

A baseline is a JSON file of fingerprints (line-free, see
`graphwarden.analysis.guarantees.results`), with the rule, file and message
beside each for humans reviewing the diff. `apply_baseline` hides violations
whose fingerprint is recorded, so moving code around keeps them hidden and a
new violation still fails. It lives with the command line because only
`check --baseline` / `--write-baseline` read and write these files; the
library's results carry the fingerprints.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from graphwarden.analysis import defaults
from graphwarden.analysis.guarantees.results import Violation

BASELINE_VERSION = 1
DEFAULT_BASELINE = defaults.BASELINE_FILE


class BaselineError(Exception):
    """The baseline file is missing or not a graphwarden baseline."""


def write_baseline(path: str | Path, violations: list[Violation]) -> int:
    """Write the fingerprints of `violations` to `path`; returns how many."""
    entries: dict[str, dict[str, Any]] = {}
    for v in sorted(violations, key=Violation.sort_key):
        entries[v.fingerprint] = {"rule": v.rule, "file": v.file, "message": v.message}
    data = {"version": BASELINE_VERSION, "tool": "graphwarden", "violations": entries}
    Path(path).write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return len(entries)


def read_baseline(path: str | Path) -> set[str]:
    """The fingerprints recorded in a baseline file."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
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
    return set(data["violations"])


def apply_baseline(violations: list[Violation], known: set[str]) -> tuple[list[Violation], int]:
    """(violations not in the baseline, number hidden)."""
    kept = [v for v in violations if v.fingerprint not in known]
    return kept, len(violations) - len(kept)
