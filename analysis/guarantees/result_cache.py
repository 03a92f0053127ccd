"""Results of a check saved in the store, so a later process at the same revision reuses them.

`graphwarden check` in CI or a pre-commit hook often runs on a store nothing
changed since the last run: with the results cached under the store's
revision, a warm check evaluates no rule. Invariant: a cached result is
served only for the same store revision and the same rule definition
(`definition_key`: graphwarden's version, the rule's table and its place),
and a cache that cannot be read or written never breaks a check: it is
ignored and the rules are evaluated.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Mapping
from typing import Any

from graphwarden.analysis import __version__
from graphwarden.analysis.guarantees.results import Violation, violation_from_json
from graphwarden.analysis.store import Snapshot

log = logging.getLogger(__name__)

#: Store meta key of the last results.
RESULTS_META_KEY = "guarantee_results"


def definition_key(table: Mapping[str, Any], line: int, name: str) -> str:
    """Hash of everything a rule's results depend on besides the graph."""
    data = [__version__, table, line, name]
    blob = json.dumps(data, sort_keys=True, default=str).encode()
    return hashlib.blake2b(blob, digest_size=12).hexdigest()


def load_results(snapshot: Snapshot) -> dict[str, list[Violation]]:
    """Results cached for the snapshot's revision, by rule key (empty when there are none)."""
    try:
        data = snapshot.store.get_meta(RESULTS_META_KEY)
        if not isinstance(data, dict) or data.get("revision") != snapshot.revision:
            return {}
        return {k: [violation_from_json(v) for v in vs] for k, vs in data["rules"].items()}
    except Exception:  # a cache must never break a check: evaluate instead
        log.debug("ignoring unreadable cached guarantee results", exc_info=True)
        return {}


def save_results(snapshot: Snapshot, results: Mapping[str, list[Violation]]) -> None:
    """Cache results (by rule key) for the snapshot's revision, replacing earlier ones."""
    rules = {key: [v.to_json() for v in vs] for key, vs in results.items()}
    try:
        snapshot.store.set_meta(RESULTS_META_KEY, {"revision": snapshot.revision, "rules": rules})
    except Exception:  # a cache must never break a check
        log.debug("could not cache guarantee results", exc_info=True)
