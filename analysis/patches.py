"""Agents' edits as data: unified diffs applied in memory, and workspace paths checked.

An agent sends new contents of files, or a unified diff (`git diff`,
`diff -u`). `apply_unified_diff` turns a diff into the new bytes of each
file it touches, reading the current ones through a callback (the session's
latest version, else the disk); nothing is written. `workspace_path` is the
one gate every path an agent names passes before anything reads or writes
it: relative, inside the workspace, no `..`, not under `.git` or the store,
no symbolic link on the way.

Invariant: a diff either applies whole or raises `PatchError` (one line
saying which file and hunk); there is no partial result.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath


class PatchError(ValueError):
    """A diff that does not parse or does not apply, or a path an agent may not use."""


#: Directories no agent edit may touch (`.git` holds hooks git would run).
FORBIDDEN_DIRS = frozenset({".git", ".hg", ".svn"})


def workspace_path(root: Path, path: str, store_dir: Path | None = None) -> str:
    """`path` as a normalised workspace-relative POSIX path, or PatchError.

    Refused: empty, absolute, `..` anywhere, a backslash or NUL, `.git`, the
    store directory, and any path whose existing prefix is a symbolic link
    (it could lead out of the workspace).
    """
    if not isinstance(path, str) or not path or "\x00" in path or "\\" in path:
        raise PatchError(f"invalid path {path!r}")
    pure = PurePosixPath(path)
    if pure.is_absolute() or os.path.isabs(path):
        raise PatchError(f"{path}: absolute paths are not allowed (use a workspace-relative path)")
    parts = [p for p in pure.parts if p != "."]
    if not parts or any(p == ".." for p in parts):
        raise PatchError(f"{path}: '..' is not allowed")
    if any(p in FORBIDDEN_DIRS for p in parts):
        raise PatchError(f"{path}: version-control directories may not be edited")
    rel = "/".join(parts)
    root = root.resolve()
    current = root
    for part in parts:
        current = current / part
        if current.is_symlink():
            raise PatchError(f"{rel}: goes through a symbolic link")
    if store_dir is not None:
        store = store_dir.resolve()
        if current == store or store in current.parents:
            raise PatchError(f"{rel}: inside the graph store")
    if root not in current.resolve().parents:
        raise PatchError(f"{rel}: outside the workspace")
    return rel


@dataclass
class FilePatch:
    """The hunks of one file in a diff."""

    old: str | None  # None: /dev/null (a new file)
    new: str | None  # None: /dev/null (a deleted file)
    hunks: list[Hunk] = field(default_factory=list)


@dataclass
class Hunk:
    old_start: int
    lines: list[str] = field(default_factory=list)  # each with its ' ', '-' or '+' marker
    #: The old (resp. new) side ends without a newline.
    old_no_eol: bool = False
    new_no_eol: bool = False


_HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


def _diff_path(text: str) -> str | None:
    name = text.split("\t", 1)[0].strip()
    if name == "/dev/null":
        return None
    if name.startswith(("a/", "b/")):
        name = name[2:]
    return name


def parse_unified_diff(diff: str) -> list[FilePatch]:
    """The files and hunks of a unified diff (git's or diff -u's)."""
    lines = diff.splitlines()
    out: list[FilePatch] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("--- ") and i + 1 < len(lines) and lines[i + 1].startswith("+++ "):
            out.append(FilePatch(_diff_path(line[4:]), _diff_path(lines[i + 1][4:])))
            i += 2
            continue
        m = _HUNK.match(line)
        if m:
            if not out:
                raise PatchError("a hunk before any '--- a/file' / '+++ b/file' header")
            old_len = int(m.group(2)) if m.group(2) is not None else 1
            new_len = int(m.group(4)) if m.group(4) is not None else 1
            hunk = Hunk(int(m.group(1)))
            i += 1
            seen_old = seen_new = 0
            while i < len(lines) and (seen_old < old_len or seen_new < new_len):
                body = lines[i]
                marker = body[:1] if body else " "
                if marker == "\\":
                    i += 1
                    continue
                if marker not in " -+":
                    raise PatchError(f"unexpected line in a hunk: {body[:60]!r}")
                hunk.lines.append(marker + body[1:])
                seen_old += marker in " -"
                seen_new += marker in " +"
                i += 1
            while i < len(lines) and lines[i].startswith("\\"):
                # "\ No newline at end of file" after the hunk's last line
                last = hunk.lines[-1][:1] if hunk.lines else " "
                if last in " -":
                    hunk.old_no_eol = True
                if last in " +":
                    hunk.new_no_eol = True
                i += 1
            if seen_old != old_len or seen_new != new_len:
                raise PatchError("a hunk is shorter than its header says")
            out[-1].hunks.append(hunk)
            continue
        i += 1
    if not out:
        raise PatchError("no file headers ('--- a/file', '+++ b/file') in the diff")
    return out


def apply_unified_diff(
    diff: str, current: Callable[[str], bytes | None]
) -> dict[str, bytes | None]:
    """Each file the diff touches, with its new bytes (None: deleted).

    `current(path)` gives a file's bytes before the diff (None: absent).
    Hunks must match their context exactly; a hunk may sit a few lines from
    where its header says (the nearest match wins), as `patch` allows.
    """
    out: dict[str, bytes | None] = {}
    for fp in parse_unified_diff(diff):
        path = fp.new if fp.new is not None else fp.old
        if path is None:
            raise PatchError("a file patch from /dev/null to /dev/null")
        if fp.old is None:
            before: list[str] = []
            had_eol = True
        else:
            data = out[fp.old] if fp.old in out else current(fp.old)
            if data is None:
                raise PatchError(f"{fp.old}: the diff changes a file that does not exist")
            text = data.decode("utf-8")
            had_eol = text.endswith("\n") or not text
            before = text.splitlines()
        after = _apply_hunks(path, before, fp.hunks)
        if fp.new is None:
            out[path] = None
            continue
        new_eol = had_eol
        if fp.hunks:
            last = fp.hunks[-1]
            touches_end = last.old_start - 1 + sum(1 for x in last.lines if x[0] in " -") >= len(
                before
            )
            if touches_end:
                new_eol = not last.new_no_eol
        body = "\n".join(after)
        out[path] = (body + ("\n" if new_eol and after else "")).encode("utf-8")
        if fp.old is not None and fp.old != fp.new:
            out[fp.old] = None  # a rename
    return out


def _apply_hunks(path: str, before: list[str], hunks: list[Hunk]) -> list[str]:
    result: list[str] = []
    pos = 0  # next line of `before` not yet copied
    for n, hunk in enumerate(hunks, 1):
        old = [x[1:] for x in hunk.lines if x[0] in " -"]
        new = [x[1:] for x in hunk.lines if x[0] in " +"]
        start = _find(before, old, max(hunk.old_start - 1, 0), pos)
        if start is None:
            raise PatchError(f"{path}: hunk {n} (at line {hunk.old_start}) does not apply")
        result.extend(before[pos:start])
        result.extend(new)
        pos = start + len(old)
    result.extend(before[pos:])
    return result


def _find(lines: list[str], block: list[str], hint: int, lowest: int) -> int | None:
    """Where `block` occurs in `lines` at or after `lowest`, nearest `hint` first."""
    if not block:
        return max(min(hint, len(lines)), lowest)
    last = len(lines) - len(block)
    for offset in range(0, len(lines) + 1):
        for cand in (hint - offset, hint + offset) if offset else (hint,):
            if lowest <= cand <= last and lines[cand : cand + len(block)] == block:
                return cand
    return None


def write_files(root: Path, files: dict[str, bytes | None]) -> None:
    """Write (or delete, for None) workspace files; every path passed `workspace_path`.

    In two steps: every new content goes to a temporary file beside its
    target first (a failure there removes them and writes nothing), then
    each replaces its target atomically, keeping the target's mode.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for rel, content in sorted(files.items()):
            if content is None:
                continue
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.graphwarden-tmp")
            with open(tmp, "wb") as fh:
                fh.write(content)
            staged.append((tmp, target))
            with contextlib.suppress(FileNotFoundError):
                os.chmod(tmp, target.stat().st_mode & 0o7777)
    except OSError:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, target in staged:
        os.replace(tmp, target)
    for rel, content in sorted(files.items()):
        if content is None:
            (root / rel).unlink(missing_ok=True)
