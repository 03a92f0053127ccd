"""The language server honours inline suppressions and shows a contract's instructions.

The suppression is typed into an open buffer (never saved): the diagnostics
follow what the editor holds, as `graphwarden check` follows the disk.
"""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types

from tests.lsp.conftest import (
    PYTHON_FILES,
    diagnostics_of,
    open_doc,
    replace_all,
    session,
    wait_for,
    write_repo,
)

RULE = "core-independent-of-web"
INSTRUCTIONS = "Talk to the platform team before crossing this boundary."


async def test_a_typed_suppression_hides_the_diagnostic(tmp_path: Path) -> None:
    config = PYTHON_FILES["graphwarden.toml"] + f'instructions = "{INSTRUCTIONS}"\n'
    repo = write_repo(tmp_path / "repo", {**PYTHON_FILES, "graphwarden.toml": config})
    async with session([repo]) as client:
        rel = "app/core/service.py"
        text = (repo / rel).read_text()
        doc = open_doc(client, repo, rel, text)

        async def codes() -> list[str]:
            return sorted(str(d.code) for d in await diagnostics_of(client, doc, False))

        await wait_for(lambda: RULE in [str(d.code) for d in client.diagnostics.get(doc, [])])
        diag = next(d for d in await diagnostics_of(client, doc, False) if d.code == RULE)
        assert diag.range.start.line == 0
        assert f"Instructions: {INSTRUCTIONS}" in diag.message

        first, rest = text.split("\n", 1)
        suppressed = f"{first}  # graphwarden: ignore[{RULE}] -- migrating\n{rest}"
        replace_all(client, doc, text, suppressed, 2)
        await wait_for(lambda: RULE not in [str(d.code) for d in client.diagnostics.get(doc, [])])
        assert await codes() == []

        # A suppression of the wrong rule hides nothing and says so.
        wrong = f"{first}  # graphwarden: ignore[core-independent-of-wbe]\n{rest}"
        replace_all(client, doc, suppressed, wrong, 3)
        await wait_for(
            lambda: "unused-suppression" in [str(d.code) for d in client.diagnostics.get(doc, [])]
        )
        assert await codes() == [RULE, "unused-suppression"]
        unused = next(
            d for d in await diagnostics_of(client, doc, False) if d.code == "unused-suppression"
        )
        assert unused.severity == types.DiagnosticSeverity.Warning
        assert f"did you mean '{RULE}'?" in unused.message
