"""Machine-readable results: one JSON document with the violations and a summary.

Positions are the graph's own: `range` is [start line, start column, end
line, end column], all 0-based, columns counted in Unicode code points (the
text, GitHub and SARIF reports print 1-based lines and columns). The document
says so itself in `positions`, so a consumer never has to guess.
"""

from __future__ import annotations

import json
from typing import Any

from graphwarden.analysis.guarantees.results import Violation

#: How to read every `range` in the document.
POSITIONS = {"base": 0, "columns": "unicode-code-points"}


def render_json(
    violations: list[Violation], *, hidden: int = 0, extra: dict[str, object] | None = None
) -> str:
    """`{"version": 1, "violations": [...], "summary": {...}}` (positions 0-based)."""
    data: dict[str, Any] = {
        "version": 1,
        "positions": POSITIONS,
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
