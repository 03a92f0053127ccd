"""Add an `ignore_imports` entry to a contract of the TOML configuration, keeping its layout.

The contract is found by name among the `[[contracts]]` tables (under the
configuration's table prefix: `tool.graphwarden.` in `pyproject.toml`). An
existing `ignore_imports` array gets the entry as its last element (on a
line of its own, indented like the others, when the array spans lines); a
contract without one gets `ignore_imports = ["a -> b"]` after its last
key. Comments and the rest of the file are untouched. The result is parsed
again and must hold the same document plus the entry, or no edit is
offered (a contract written as an inline table, say).
"""

from __future__ import annotations

import json
import tomllib
from typing import Any

from graphwarden.analysis.config_locations import KeyPath, locate
from graphwarden.analysis.fixes.edits import TextEdit, apply_edits
from graphwarden.analysis.guarantees.results import Violation

KEY = "ignore_imports"


def ignore_entry_of(v: Violation) -> str | None:
    """The `ignore_imports` entry that takes a contract violation's first import out
    ("importer -> imported"), or None for other results."""
    if v.kind != "contract" or not v.related:
        return None
    importer, sep, imported = v.related[0].message.partition(" imports ")
    if not sep or not importer or not imported:
        return None
    return f"{importer} -> {imported}"


def _contracts(data: dict[str, Any], prefix: tuple[str, ...]) -> list[Any]:
    table: Any = data
    for part in prefix:
        table = table.get(part) if isinstance(table, dict) else None
    found = table.get("contracts") if isinstance(table, dict) else None
    return found if isinstance(found, list) else []


def add_ignore_import(
    text: str, table_prefix: str, contract: str, entry: str
) -> list[TextEdit] | None:
    """Edits adding `entry` to `contract`'s `ignore_imports` in the configuration `text`
    (`table_prefix`: "tool.graphwarden." in pyproject.toml, "" in graphwarden.toml).

    None when the contract is not there, already ignores the entry, or the edit
    cannot be placed so that the file parses to the same document plus the entry."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return None
    prefix = tuple(p for p in table_prefix.split(".") if p)
    contracts = _contracts(data, prefix)
    index = next(
        (i for i, c in enumerate(contracts) if isinstance(c, dict) and c.get("name") == contract),
        None,
    )
    if index is None:
        return None
    current = contracts[index].get(KEY)
    if current is not None and (not isinstance(current, list) or entry in current):
        return None
    lines = text.split("\n")
    keys = locate(text).keys
    table: KeyPath = (*prefix, "contracts", index)
    key_path: KeyPath = (*table, KEY)
    literal = json.dumps(entry, ensure_ascii=False)
    if key_path in keys:
        edits = _append(text, lines, keys[key_path] - 1, literal)
    else:
        edits = _add_key(lines, keys, table, literal)
    if edits is None or not _checks(text, edits, prefix, index, entry, data):
        return None
    return edits


def _checks(
    text: str,
    edits: list[TextEdit],
    prefix: tuple[str, ...],
    index: int,
    entry: str,
    before: dict[str, Any],
) -> bool:
    """The edited text parses to `before` with `entry` added, and nothing else changed."""
    try:
        after = tomllib.loads(apply_edits(text, edits))
    except tomllib.TOMLDecodeError:
        return False
    contracts = _contracts(before, prefix)
    old = contracts[index]
    contracts[index] = {**old, KEY: [*old.get(KEY, []), entry]}
    try:
        return after == before
    finally:
        contracts[index] = old


def _add_key(
    lines: list[str], keys: dict[KeyPath, int], table: KeyPath, literal: str
) -> list[TextEdit] | None:
    header = keys[table] - 1
    if not lines[header].lstrip().startswith("[["):
        return None  # an inline table in an array: not edited
    # The table runs to the next key written outside it (the next table's header).
    after = [
        line - 1 for path, line in keys.items() if line - 1 > header and path[: len(table)] != table
    ]
    end = min(after) if after else len(lines)
    last = header
    for i in range(header + 1, end):
        stripped = lines[i].strip()
        if stripped and not stripped.startswith("#"):
            last = i
    if last + 1 >= len(lines):  # the table's last line ends the file, without a newline
        return [TextEdit.insert(last, len(lines[last]), f"\n{KEY} = [{literal}]")]
    return [TextEdit.insert(last + 1, 0, f"{KEY} = [{literal}]\n")]


def _append(text: str, lines: list[str], key_line: int, literal: str) -> list[TextEdit] | None:
    """Edits adding `literal` as the last element of the array whose key is on `key_line`."""
    start = sum(len(s) + 1 for s in lines[:key_line])
    i = text.find("=", start)
    if i < 0:
        return None
    i += 1
    while i < len(text) and text[i] in " \t":
        i += 1
    if i >= len(text) or text[i] != "[":
        return None
    opening = i
    last_significant = i  # the last character of an element or separator
    depth = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c == "#":
            while i < n and text[i] != "\n":
                i += 1
            continue
        if c in "\"'":
            triple = text.startswith(c * 3, i)
            quote = c * 3 if triple else c
            j = i + len(quote)
            while j < n:
                if c == '"' and text[j] == "\\":
                    j += 2
                    continue
                if text.startswith(quote, j):
                    break
                j += 1
            i = j + len(quote)
            last_significant = i - 1
            continue
        if c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
            if depth == 0:
                break
        if not c.isspace():
            last_significant = i
        i += 1
    else:
        return None
    closing = i
    pos = _position(text, closing)
    last_pos = _position(text, last_significant)
    empty = last_significant == opening
    needs_comma = not empty and text[last_significant] != ","
    closing_line = lines[pos[0]]
    if pos[0] != _position(text, opening)[0] and not closing_line[: pos[1]].strip():
        # `]` on a line of its own: the entry goes on a new line above it.
        if empty:
            indent = closing_line[: pos[1]] + "    "
        else:
            element = lines[last_pos[0]]
            indent = element[: len(element) - len(element.lstrip())]
        edits = [TextEdit.insert(pos[0], 0, f"{indent}{literal},\n")]
        if needs_comma:
            edits.insert(0, TextEdit.insert(last_pos[0], last_pos[1] + 1, ","))
        return edits
    at = (last_pos[0], last_pos[1] + 1)
    if empty:
        return [TextEdit.insert(at[0], at[1], literal)]
    text_after = f"{',' if needs_comma else ''} {literal}"
    return [TextEdit.insert(at[0], at[1], text_after)]


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset)
    return line, offset - (text.rfind("\n", 0, offset) + 1)
