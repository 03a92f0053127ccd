"""Name-level dependencies: which names of other modules a file's resolution looked up,
and which names of a module changed what they are bound to.

A file depends on another module through the names it looks up there:
``from hub import helper`` reads what ``helper`` is bound to in ``hub``,
``hub.f()`` reads ``f``, a re-export chain reads one name in each module it
passes through, and a star import reads the whole list of public names. The
resolvers record each such look-up as a `NameUse` ``(module file, name)``
(`STAR` for "every public name"), whether it found something or not; the
enrichers return them with their results and the store keeps them per shard
with a reverse index (who uses this name of that file).

A module's side is its `BindingTable`, built from its summary (what the
resolvers read, nothing else): for each name, everything the look-up of
that name reads in the module. Two tables of the same file give the names
whose binding changed (`changed_names`); the cycle's blast radius is the
files that use one of them. Adding a helper to a module imported by 300
files reaches only the files that looked that name up (none, or those
waiting for it), not the 300.

What a look-up of name N in module M reads (and so what N's entry holds):

* Python: M's module-level definitions and import bindings named N (ids,
  kinds and the attributes enrichers read), in file order (the first one
  wins); when none binds N, M's star imports and their targets'
  ``__all__`` (the table's `fallback`, which changes every name);
* JS/TS: M's EXPORT nodes named N, and for each the local definitions or
  import bindings it exports; when none, M's ``export *`` list (`fallback`).

`STAR`'s entry is the list of public names a star import of M brings.
Invariant: a look-up's result is a function of its name's entry, the
fallback and the set of files (which the blast radius handles apart), so a
file whose used names are all unchanged resolves exactly as before.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from graphwarden.analysis.enrichers.workspace import FileSummary, summarise
from graphwarden.analysis.model import AttrValue, Node, NodeType
from graphwarden.analysis.modules import is_python
from graphwarden.analysis.summaries import SUMMARY_ATTRS, SummaryNode

#: One name looked up in one module: (the module's file, the name).
NameUse = tuple[str, str]
#: The name that stands for "the list of public names" (star imports).
STAR = "*"

#: A node as a look-up sees it: id, kind and the attributes enrichers read.
_NodeFacts = tuple[str, str, tuple[tuple[str, AttrValue], ...]]
#: Everything a look-up of one name reads (compared, never taken apart).
_Entry = tuple[object, ...]


def _facts(node: SummaryNode | None) -> _NodeFacts | None:
    if node is None:
        return None
    return (node.id, node.type, tuple(sorted(node.attrs.items(), key=lambda kv: kv[0])))


@dataclass(frozen=True)
class BindingTable:
    """What each name of one module is bound to, as the resolvers see it."""

    #: Name -> everything a look-up of that name reads.
    entries: dict[str, _Entry]
    #: What a look-up of a name bound by none of `entries` falls back on.
    fallback: _Entry


def binding_table(summary: FileSummary) -> BindingTable:
    """The binding table of a file's summary."""
    entries: dict[str, _Entry] = {}
    module_facts = _facts(summary.module)
    if is_python(summary.file):
        for name, node in summary.top.items():
            entries[name] = (_facts(node), _facts(summary.imports.get(name)))
        for name, imp in summary.imports.items():
            if name not in entries:
                entries[name] = (None, _facts(imp))
        all_names = summary.all_names
        public = (
            sorted(set(all_names))
            if all_names is not None
            else sorted(n for n in entries if not n.startswith("_"))
        )
        entries[STAR] = tuple(public)
        fallback: _Entry = (
            module_facts,
            tuple(_facts(s) for s in summary.star_imports),
        )
        return BindingTable(entries, fallback)
    for name, exports in summary.exports.items():
        if name == STAR:
            continue
        parts: list[object] = []
        for exp in exports:
            parts.append(_facts(exp))
            local = exp.attrs.get("local")
            if isinstance(local, str) and local:
                parts.append(_facts(summary.top.get(local)))
                parts.append(_facts(summary.imports.get(local)))
        entries[name] = tuple(parts)
    stars = tuple(_facts(e) for e in summary.exports.get(STAR, ()))
    return BindingTable(entries, (module_facts, stars))


def changed_names(old: BindingTable, new: BindingTable) -> set[str] | None:
    """Names whose binding differs between two tables of one file; None: every name."""
    if old.fallback != new.fallback:
        return None
    return {
        name
        for name in old.entries.keys() | new.entries.keys()
        if old.entries.get(name) != new.entries.get(name)
    }


#: The node types a binding table reads (calls, parameters and methods,
#: most of a file, bind no module-level name).
_BINDING_TYPES = (
    NodeType.MODULE,
    NodeType.CLASS,
    NodeType.FUNCTION,
    NodeType.VARIABLE,
    NodeType.IMPORT,
    NodeType.EXPORT,
)


def table_of(file: str, nodes: Iterable[Node]) -> BindingTable:
    """The binding table of a file from its nodes (as its summary would hold them)."""
    summary_nodes: list[SummaryNode] = []
    for n in nodes:
        if n.type not in _BINDING_TYPES:
            continue
        keys = SUMMARY_ATTRS[n.type]
        attrs = {k: n.attrs[k] for k in keys if n.attrs.get(k) is not None}
        summary_nodes.append(SummaryNode(n.id, n.type, n.name, n.file, attrs))
    return binding_table(summarise(file, summary_nodes))


def foreign_uses(file: str, uses: Iterable[NameUse]) -> list[NameUse]:
    """A file's uses of other files, sorted (its own names change only with itself)."""
    return sorted({u for u in uses if u[0] != file})
