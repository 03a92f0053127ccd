"""Settings: initializationOptions, workspace/configuration and didChangeConfiguration.

Precedence, lowest first: defaults, `initializationOptions`, the client's
`workspace/configuration` answer for section "graphwarden" (per workspace
folder). A client that never answers workspace/configuration is given
CONFIGURATION_TIMEOUT seconds, then the server carries on with what it has.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from lsprotocol import types

from graphwarden.analysis import defaults

if TYPE_CHECKING:
    from graphwarden.lsp_server.server import GraphwardenServer

log = logging.getLogger(__name__)

SECTION = "graphwarden"
#: How long to wait for workspace/configuration before using initializationOptions.
CONFIGURATION_TIMEOUT = 2.0
LOG_LEVELS = {
    "error": logging.ERROR,
    "warning": logging.WARNING,
    "info": logging.INFO,
    "debug": logging.DEBUG,
}
DIAGNOSTIC_KINDS = ("guarantees", "coverage", "parseErrors")


@dataclass(frozen=True)
class ServerSettings:
    """The editor-side settings of one workspace folder (see docs/lsp.md)."""

    store_path: str | None = None
    enrichers: tuple[tuple[str, bool], ...] = ()
    debounce_ms: int = defaults.DEBOUNCE_MS
    diagnostics: tuple[tuple[str, bool], ...] = field(
        default=tuple((k, True) for k in DIAGNOSTIC_KINDS)
    )
    log_level: str = "info"

    def shows(self, kind: str) -> bool:
        """Whether diagnostics of `kind` (guarantees, coverage, parseErrors) are wanted."""
        return dict(self.diagnostics).get(kind, True)

    def store_affecting(self) -> tuple[Any, ...]:
        """What needs a new Orchestrator (and a re-index) when it changes."""
        return (self.store_path, self.enrichers)

    def merged(self, raw: Any) -> ServerSettings:
        """These settings updated from a client's JSON object; bad values are logged, skipped."""
        if not isinstance(raw, dict):
            return self
        if isinstance(raw.get(SECTION), dict):
            # {"graphwarden": {...}} as well as the bare section.
            raw = raw[SECTION]
        out = self
        if "storePath" in raw:
            value = raw["storePath"]
            if value is None or value == "":
                out = replace(out, store_path=None)  # unset: the workspace decides
            elif isinstance(value, str):
                out = replace(out, store_path=value)
            else:
                log.warning("setting storePath must be a path string, got %r", value)
        if "enrichers" in raw:
            value = raw["enrichers"]
            if isinstance(value, dict) and all(isinstance(v, bool) for v in value.values()):
                out = replace(
                    out, enrichers=tuple(sorted({**dict(out.enrichers), **value}.items()))
                )
            else:
                log.warning(
                    "setting enrichers must be an object of name: true/false, got %r", value
                )
        if "debounceMs" in raw:
            value = raw["debounceMs"]
            if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 60_000:
                out = replace(out, debounce_ms=value)
            else:
                log.warning("setting debounceMs must be an integer 0..60000, got %r", value)
        if "diagnostics" in raw:
            value = raw["diagnostics"]
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
        if "logLevel" in raw:
            value = raw["logLevel"]
            if isinstance(value, str) and value.lower() in LOG_LEVELS:
                out = replace(out, log_level=value.lower())
            else:
                log.warning(
                    "setting logLevel must be one of %s, got %r", ", ".join(LOG_LEVELS), value
                )
        return out


async def fetch_configuration(server: GraphwardenServer, scope_uris: list[str]) -> list[Any] | None:
    """Ask the client for section "graphwarden" per folder; None if it cannot or will not answer."""
    caps = server.client_capabilities.workspace
    if not (caps and caps.configuration):
        return None
    params = types.ConfigurationParams(
        items=[types.ConfigurationItem(scope_uri=uri, section=SECTION) for uri in scope_uris]
    )
    try:
        return list(
            await asyncio.wait_for(
                server.workspace_configuration_async(params), timeout=CONFIGURATION_TIMEOUT
            )
        )
    except TimeoutError:
        log.warning(
            "the client did not answer workspace/configuration within %.0f s; "
            "using initializationOptions",
            CONFIGURATION_TIMEOUT,
        )
    except Exception as exc:  # a client error must not stop the server starting
        log.warning("workspace/configuration failed (%s); using initializationOptions", exc)
    return None


def register(server: GraphwardenServer) -> None:
    """didChangeConfiguration: re-read settings and apply them per workspace folder."""

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def did_change_configuration(
        ls: GraphwardenServer, params: types.DidChangeConfigurationParams
    ) -> None:
        pushed = params.settings
        if isinstance(pushed, dict) and pushed.get(SECTION) is not None:
            # The client pushed the values: use them for every folder.
            for state in ls.workspaces.states():
                ls.apply_settings(state, state.settings.merged(pushed))
            return
        # Otherwise (null settings, the "pull" style) ask again.
        await ls.refresh_configuration()
