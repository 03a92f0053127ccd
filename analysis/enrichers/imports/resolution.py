"""Following one import binding to what it names: the part both language families share.

A binding names a module and a name in it. The module either defines the
name (done), binds it by an import or a re-export of its own (follow that
binding: a *hop*), or re-exports everything of other modules (Python
``from x import *``, JS ``export *``: search each). `Resolution` records
where a binding ended, the hops on the way and what was missing;
`through_star` is the one search through a star re-export. Each language
family implements `LanguageResolver` (python.py, javascript.py).

Invariant: following always terminates. A binding is entered at most once
per resolution (`enter`, over the `seen` set), and a chain stops after
`MAX_CHAIN` bindings.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from graphwarden.analysis.summaries import SummaryNode

if TYPE_CHECKING:
    pass

#: How deep a re-export chain is followed before giving up.
MAX_CHAIN = 32

#: `export(file, name, res, seen)`: resolve `name` exported by module `file` into `res`.
ExportLookup = Callable[[str, str, "Resolution", set[str]], None]


class Resolution:
    """Where one binding leads: a node, hops on the way, or a missing key."""

    __slots__ = ("hops", "missing", "missing_stars", "node")

    def __init__(self) -> None:
        self.node: SummaryNode | None = None
        #: Re-export nodes and modules passed through (other files' ones become
        #: IMPORTS edges "via re-export": they put the importer in the blast radius).
        self.hops: list[SummaryNode] = []
        #: Placeholder key of what is missing, when the binding leads nowhere.
        self.missing: str | None = None
        #: Placeholder keys of star re-exports searched whose module is missing.
        self.missing_stars: list[str] = []


def enter(binding: SummaryNode, seen: set[str]) -> bool:
    """Mark `binding` as followed; False if it already was or the chain is too long."""
    if binding.id in seen or len(seen) > MAX_CHAIN:
        return False
    seen.add(binding.id)
    return True


def through_star(
    res: Resolution,
    star: SummaryNode,
    export: ExportLookup,
    target: str,
    name: str,
    seen: set[str],
) -> bool:
    """Resolve `name` in `target` through one `*` re-export; True (and `res` filled) if found."""
    sub = Resolution()
    export(target, name, sub, seen | {star.id})
    res.missing_stars.extend(sub.missing_stars)
    if sub.node is not None:
        res.hops.append(star)
        res.hops.extend(sub.hops)
        res.node = sub.node
        return True
    res.hops.extend(sub.hops)
    return False
