"""Machine-readable results: one JSON document with the violations and a summary."""

from __future__ import annotations

import json
from typing import Any

from graphwarden.analysis.guarantees.results import Violation


def render_json(
    violations: list[Violation], *, hidden: int = 0, extra: dict[str, Any] | None = None
) -> str:
    """`{"version": 1, "violations": [...], "summary": {...}}` (positions 0-based)."""
    data: dict[str, Any] = {
        "version": 1,
        "violations": [v.to_json() for v in sorted(violations, key=Violation.sort_key)],
        "summary": {
            "error": sum(v.severity == "error" for v in violations),
            "warning": sum(v.severity == "warning" for v in violations),
            "info": sum(v.severity == "info" for v in violations),
            "hidden_by_baseline": hidden,
        },
    }
    if extra:
        data.update(extra)
    return json.dumps(data, indent=2) + "\n"
