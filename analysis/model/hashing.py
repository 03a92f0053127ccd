"""Content and signature hashing: pure functions of bytes."""

from __future__ import annotations

import hashlib


def normalise_source(text: bytes) -> bytes:
    """Drop all whitespace, so only token changes alter a content hash.

    Comments are removed by the caller (it knows where they are from the
    syntax tree). Re-wrapping, re-indenting and adding or removing spaces
    never change the result. What this cannot see, by design: whitespace
    between two words (``not x`` vs ``notx``), inside string literals, and
    Python indentation that moves a statement between blocks. Such an edit
    is not reported as a coverage gap. It is one C-level pass (``split``),
    where regular expressions cost a Python call per match.
    """
    return b"".join(text.split())


def short_hash(data: bytes) -> str:
    """A 16-hex-digit digest: enough to tell versions of one node apart."""
    return hashlib.blake2b(data, digest_size=8).hexdigest()


def hash_fields(*values: object) -> str:
    """A hash of a tuple of plain values: str, int, None and tuples/lists of them.

    Pass an enum member's `.value`, not the member: its repr names the enum
    class (and this runs for every node, so it does not convert for you).
    """
    return short_hash(repr(values).encode("utf-8", "surrogatepass"))
