"""Which build of the analysis made a store: a digest of the code that makes records.

A store is a cache of what this code makes from the workspace's bytes, and
a warm index re-analyses only the files that changed. Records made by
another build (an upgrade, a grammar update, a checkout of graphwarden's own
repository at another commit) would be mixed with this build's: a fixed
front end or a new taint model would reach only the files edited since.
`SCHEMA_VERSION` catches layout changes someone remembered to bump; this
catches every change: the digest covers the analysis package's sources and
built-in packs (graphwarden's version among them, in `__init__.py`), and
the versions of tree-sitter and its grammars. A store built by another build is rebuilt
(`GraphStore._check_schema`).

Computed once per process (about 5 ms: some 250 files); `__pycache__` is
left out (it is written lazily, so it would change the digest by itself).
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import metadata
from pathlib import Path

#: Distributions whose versions change what the front ends see.
_PARSERS = ("tree-sitter", "tree-sitter-python", "tree-sitter-javascript", "tree-sitter-typescript")
_SUFFIXES = (".py", ".toml", ".scm")


@cache
def analysis_build_id() -> str:
    """A short hex digest naming this build of the analysis (stable within a build)."""
    versions = []
    for dist in _PARSERS:
        try:
            versions.append(f"{dist}={metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{dist}=-")
    # graphwarden's version is in the sources (analysis/__init__.py): importing
    # it here would make the store depend on the package that imports the store.
    return code_digest(Path(__file__).resolve().parent, versions)


def code_digest(root: Path, versions: list[str]) -> str:
    """The digest of `versions` and the sources under `root` (paths and bytes, sorted)."""
    h = hashlib.blake2b(digest_size=12)
    for v in versions:
        h.update(v.encode() + b"\0")
    files = sorted(
        p
        for p in root.rglob("*")
        if p.suffix in _SUFFIXES and "__pycache__" not in p.parts and p.is_file()
    )
    for p in files:
        h.update(b"\0" + p.relative_to(root).as_posix().encode() + b"\0")
        try:
            h.update(p.read_bytes())
        except OSError:
            h.update(b"?")
    return h.hexdigest()
