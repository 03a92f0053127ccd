"""A switch for benchmarks: index without data flow (front-end facts and the dataflow enricher).

``GRAPHWARDEN_NO_DATAFLOW=1`` in the environment of the process (and so of
its analysis workers) makes the front ends skip the flow extraction and the
orchestrator leave the dataflow enricher out. benchmarks/index_corpora.py
uses it to measure what data flow and taint add to a cold index, in the
same run. It is not a user setting: ``enrichers = { dataflow = false }``
switches the enricher off in a workspace.
"""

from __future__ import annotations

import os


def dataflow_enabled() -> bool:
    return os.environ.get("GRAPHWARDEN_NO_DATAFLOW", "") not in ("1", "true", "yes")
