"""The module graph page for the editor: `graphwarden.graphPage` and `graphwarden.showChain`.

`graphwarden.graphPage [uri?, {module?, fingerprint?, format?}]` draws the
folder's module graph as `graphwarden graph --format html` does
(`analysis.pictures`, the same page) into `graph.html` in the store
directory, opened focused on `module` (default: the module of `uri`) or on
the chain of the violation whose fingerprint is given, and answers where it
is: `{path, uri, module, pathId}` (`uri` carries the page's
`#path=`/`#focus=` address). With `format: "mermaid"` it writes `graph.mmd`
instead, cut to the focus as `graph --format mermaid --focus` does. The VS
Code extension shows the page in a webview; Neovim opens it in the browser,
or the Mermaid file in a window.

`graphwarden.showChain` is the code action's command: clients with a graph
view handle it themselves; sent to the server, it writes the page and asks
the client to open it (`window/showDocument`, external) when it can.

Drawing reads a snapshot in a thread: never on the event loop, never behind
a cycle.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any
from urllib.parse import quote

from lsprotocol import types
from pygls.exceptions import JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer

from graphwarden.analysis.guarantees.checker import GuaranteeChecker
from graphwarden.analysis.guarantees.results import Violation
from graphwarden.analysis.navigation import module_naming
from graphwarden.analysis.pictures import (
    GraphOptions,
    PageOptions,
    UnknownFocus,
    render_graph_page,
    render_mermaid,
    restrict_to_focus,
    workspace_picture,
)
from graphwarden.lsp_server.workspace_state import WorkspaceState
from graphwarden.lsp_server.workspaces import Workspaces

log = logging.getLogger(__name__)

GRAPH_PAGE = "graphwarden.graphPage"
SHOW_CHAIN = "graphwarden.showChain"
PAGE_NAME = "graph.html"
MERMAID_NAME = "graph.mmd"
FORMATS = ("html", "mermaid")


def write_page(
    state: WorkspaceState,
    violations: list[Violation],
    file: str | None,
    module: str | None,
    path_id: str | None,
    fmt: str = "html",
) -> dict[str, object]:
    """Draw the folder's page (or Mermaid) into its store directory; where it is and what
    it opens on."""
    opened = state.snapshot()
    info = state.info
    if opened is None or info is None:
        raise JsonRpcInvalidParams(f"{state.root} has no graph yet")
    snap, settings = opened
    try:
        if module is None and file is not None:
            module = module_naming(snap, settings).module_name(file)
        rules = GuaranteeChecker(settings).rules
        try:
            graph = workspace_picture(snap, settings, rules, violations, GraphOptions(focus=module))
        except UnknownFocus:
            module = None
            graph = workspace_picture(snap, settings, rules, violations)
    finally:
        snap.close()
    if fmt == "mermaid":
        target = Path(info.store_path) / MERMAID_NAME
        target.write_text(render_mermaid(restrict_to_focus(graph)), encoding="utf-8")
        return {"path": str(target), "uri": target.as_uri(), "module": module, "pathId": None}
    page = render_graph_page(
        graph, PageOptions(root=state.root, title=f"graphwarden: {state.root.name}", path=path_id)
    )
    target = Path(info.store_path) / PAGE_NAME
    target.write_text(page, encoding="utf-8")
    fragment = ""
    if path_id is not None and any(p.path.id == path_id for p in graph.paths):
        fragment = f"#path={quote(path_id, safe='')}"
    elif module is not None:
        fragment = f"#focus={quote(module, safe='')}"
    return {
        "path": str(target),
        "uri": target.as_uri() + fragment,
        "module": module,
        "pathId": path_id,
    }


def _options(args: tuple[Any, ...]) -> tuple[str | None, dict[str, Any]]:
    uri = args[0] if args and isinstance(args[0], str) else None
    opts = args[1] if len(args) > 1 and isinstance(args[1], dict) else {}
    return uri, opts


def register(server: LanguageServer, workspaces: Workspaces) -> None:
    async def graph_page(*args: Any) -> dict[str, object]:
        uri, opts = _options(args)
        if uri is not None:
            found = workspaces.locate(uri)
            if found is None:
                raise JsonRpcInvalidParams(f"{GRAPH_PAGE}: {uri} is in no workspace folder")
            state, rel = found
        else:
            states = workspaces.states()
            if not states:
                raise JsonRpcInvalidParams(f"{GRAPH_PAGE}: no workspace folder")
            state, rel = states[0], None
        module = opts.get("module") if isinstance(opts.get("module"), str) else None
        path_id = opts.get("fingerprint") if isinstance(opts.get("fingerprint"), str) else None
        fmt = opts.get("format", "html")
        if fmt not in FORMATS:
            raise JsonRpcInvalidParams(f"{GRAPH_PAGE}: format must be one of {', '.join(FORMATS)}")
        # Every violation's chain, as `graphwarden graph` draws them (baselined ones too).
        return await asyncio.get_running_loop().run_in_executor(
            None, write_page, state, list(state.violations), rel, module, path_id, fmt
        )

    async def show_chain(*args: Any) -> dict[str, object]:
        answer = await graph_page(*args)
        window = server.client_capabilities.window
        if window is not None and window.show_document is not None:
            try:
                await server.window_show_document_async(
                    types.ShowDocumentParams(uri=str(answer["uri"]), external=True)
                )
            except Exception as exc:  # the client could not open it: the answer says where
                log.info("the client did not open %s: %r", answer["uri"], exc)
        return answer

    server.command(GRAPH_PAGE)(graph_page)
    server.command(SHOW_CHAIN)(show_chain)
