"""The editor-side settings of a workspace folder, and how a client's JSON becomes them.

Plain data with no pygls or server import, so the workspace state, the
server and the configuration feature can all use it without importing each
other (which once made workspace_state and features.configuration a cycle).
How the values are fetched from the client (initializationOptions,
workspace/configuration, didChangeConfiguration) is
`features/configuration.py`'s job.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace

log = logging.getLogger(__name__)

#: The settings section clients keep our values under ({"graphwarden": {...}}).
SECTION = "graphwarden"
#: logLevel values and the logging levels they set.
LOG_LEVELS = {
    "error": logging.ERROR,
    "warning": logging.WARNING,
    "info": logging.INFO,
    "debug": logging.DEBUG,
}
#: Kinds of diagnostics a client can switch off one by one.
DIAGNOSTIC_KINDS = ("guarantees", "coverage", "parseErrors")


@dataclass(frozen=True)
class ServerSettings:
    """The editor-side settings of one workspace folder (see docs/lsp.md)."""

    store_path: str | None = None
    enrichers: tuple[tuple[str, bool], ...] = ()
    #: None: not set in the editor, the workspace's `debounce_ms` decides.
    debounce_ms: int | None = None
    diagnostics: tuple[tuple[str, bool], ...] = field(
        default=tuple((k, True) for k in DIAGNOSTIC_KINDS)
    )
    log_level: str = "info"

    def shows(self, kind: str) -> bool:
        """Whether diagnostics of `kind` (guarantees, coverage, parseErrors) are wanted."""
        return dict(self.diagnostics).get(kind, True)

    def summary(self) -> str:
        """The settings in one line, for the log (a user checks what reached the server)."""
        enrichers = ", ".join(f"{k}={v}" for k, v in self.enrichers) or "as configured"
        off = [k for k, on in self.diagnostics if not on]
        return (
            f"storePath={self.store_path or '(workspace)'}, enrichers: {enrichers}, "
            f"debounceMs={self.debounce_ms if self.debounce_ms is not None else '(workspace)'}, "
            f"diagnostics off: {', '.join(off) or 'none'}, logLevel={self.log_level}"
        )

    def store_affecting(self) -> tuple[str | None, tuple[tuple[str, bool], ...]]:
        """What needs a new Orchestrator (and a re-index) when it changes."""
        return (self.store_path, self.enrichers)

    def merged(self, raw: object) -> ServerSettings:
        """These settings updated from a client's JSON object; bad values are logged, skipped."""
        if not isinstance(raw, dict):
            return self
        section: dict[str, object] = raw
        if isinstance(section.get(SECTION), dict):
            # {"graphwarden": {...}} as well as the bare section.
            section = raw[SECTION]
        out = self
        if "storePath" in section:
            value = section["storePath"]
            if value is None or value == "":
                out = replace(out, store_path=None)  # unset: the workspace decides
            elif isinstance(value, str) and "\0" not in value:
                out = replace(out, store_path=value)
            else:
                log.warning("setting storePath must be a path string (no NUL), got %r", value)
        if "enrichers" in section:
            value = section["enrichers"]
            if isinstance(value, dict) and all(isinstance(v, bool) for v in value.values()):
                out = replace(
                    out, enrichers=tuple(sorted({**dict(out.enrichers), **value}.items()))
                )
            else:
                log.warning(
                    "setting enrichers must be an object of name: true/false, got %r", value
                )
        if "debounceMs" in section:
            value = section["debounceMs"]
            if value is None:
                out = replace(out, debounce_ms=None)  # unset: the workspace decides
            elif isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 60_000:
                out = replace(out, debounce_ms=value)
            else:
                log.warning("setting debounceMs must be an integer 0..60000, got %r", value)
        if "diagnostics" in section:
            value = section["diagnostics"]
            if isinstance(value, dict):
                kinds = dict(out.diagnostics)
                for k, v in value.items():
                    if k in DIAGNOSTIC_KINDS and isinstance(v, bool):
                        kinds[k] = v
                    else:
                        log.warning("ignoring diagnostics.%s = %r", k, v)
                out = replace(out, diagnostics=tuple(kinds.items()))
            else:
                log.warning("setting diagnostics must be an object, got %r", value)
        if "logLevel" in section:
            value = section["logLevel"]
            if isinstance(value, str) and value.lower() in LOG_LEVELS:
                out = replace(out, log_level=value.lower())
            else:
                log.warning(
                    "setting logLevel must be one of %s, got %r", ", ".join(LOG_LEVELS), value
                )
        return out


def apply_log_level(level: str) -> None:
    """Set the server's log level (one per process: the last folder's setting wins)."""
    logging.getLogger().setLevel(LOG_LEVELS.get(level, logging.INFO))
