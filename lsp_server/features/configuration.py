"""Settings: initializationOptions, workspace/configuration and didChangeConfiguration.

Precedence, lowest first: defaults, `initializationOptions`, the client's
`workspace/configuration` answer for section "graphwarden" (per workspace
folder). A client that never answers workspace/configuration is given
CONFIGURATION_TIMEOUT seconds, then the server carries on with what it has.
The settings themselves, and how a client's JSON is parsed into them, are
`lsp_server/settings.py`.
"""

from __future__ import annotations

import asyncio
import logging

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from graphwarden.lsp_server.settings import SECTION
from graphwarden.lsp_server.workspaces import Workspaces

log = logging.getLogger(__name__)

#: How long to wait for workspace/configuration before using initializationOptions.
CONFIGURATION_TIMEOUT = 2.0


async def fetch_configuration(server: LanguageServer, scope_uris: list[str]) -> list[object] | None:
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


async def refresh_configuration(server: LanguageServer, workspaces: Workspaces) -> None:
    """Ask the client for the "graphwarden" section again, for every folder."""
    states = workspaces.states()
    answers = await fetch_configuration(server, [s.uri for s in states])
    if answers is None:
        return
    for state, raw in zip(states, answers):
        state.apply_settings(workspaces.initial_settings.merged(raw))


def register(server: LanguageServer, workspaces: Workspaces) -> None:
    """didChangeConfiguration: re-read settings and apply them per workspace folder."""

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def did_change_configuration(params: types.DidChangeConfigurationParams) -> None:
        pushed = params.settings
        if isinstance(pushed, dict) and pushed.get(SECTION) is not None:
            # The client pushed the values: use them for every folder.
            for state in workspaces.states():
                state.apply_settings(state.settings.merged(pushed))
            return
        # Otherwise (null settings, the "pull" style) ask again.
        await refresh_configuration(server, workspaces)
