"""Semantic ids: a thing named by where it lives, never by its line.

Grammar (``->`` separates the parts):

=================================================  =========================
``{file}->MODULE``                                  a module (one per file)
``{file}->{KIND}->{path}``                          CLASS, FUNCTION, METHOD,
                                                    VARIABLE, EXPORT
``{file}->PARAMETER->{owner path}->{name}``         a parameter
``{file}->CALL->{scope}->{callee}#{n}``             the n-th call of a callee
                                                    text in a scope
``{file}->IMPORT->{scope}->{local name}``           an import binding
``EXTERNAL_MODULE->{specifier}``                    an import leaving the
                                                    workspace (or a placeholder)
=================================================  =========================

``path`` is the dotted id path of a definition (``Repo.save``, with ``#n`` on
repeated names: ``f#1``); ``scope`` is the id path of the enclosing
definition, or ``<module>``. Each segment of a path is a name passed
through `id_segment`, so a dot in a path always separates an owner from a
member and ``->`` only ever separates parts: a JavaScript member named
``[Symbol.iterator]`` or ``'a->b'`` is ``Set.[Symbol%2Eiterator]``,
``A.'a-%3Eb'``. An edit above a function changes its range,
never its id. Ids are plain strings in records (``SemanticId`` is a typing
alias); `IdParts` is the one way code reads their parts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NewType

from graphwarden.analysis.model.types import NodeType

SemanticId = NewType("SemanticId", str)

SEP = "->"
MODULE_SCOPE = "<module>"
_EXTERNAL_PREFIX = NodeType.EXTERNAL_MODULE + SEP
#: Kinds whose id has a fourth part (scope/owner, then a leaf name).
_FOUR_PART = frozenset({NodeType.PARAMETER, NodeType.CALL, NodeType.IMPORT})
#: Kind text -> kind (an enum call by value costs a microsecond; ids are parsed a lot).
_KINDS: dict[str, NodeType] = {t.value: t for t in NodeType}


@dataclass(frozen=True, slots=True)
class IdParts:
    """A semantic id taken apart. `file` is "" for external modules."""

    file: str
    kind: NodeType
    #: Definitions: their id path. PARAMETER: the owner's id path. CALL and
    #: IMPORT: the enclosing scope's id path or "<module>". EXTERNAL_MODULE:
    #: the specifier. MODULE: "".
    path: str = ""
    #: PARAMETER: its name; CALL: "callee#n"; IMPORT: the local name.
    leaf: str = ""

    def format(self) -> SemanticId:
        if self.kind == NodeType.EXTERNAL_MODULE:
            return SemanticId(_EXTERNAL_PREFIX + self.path)
        if self.kind == NodeType.MODULE:
            return module_id(self.file)
        if self.kind in _FOUR_PART:
            return SemanticId(SEP.join((self.file, self.kind, self.path, self.leaf)))
        return SemanticId(SEP.join((self.file, self.kind, self.path)))

    @property
    def is_top_level(self) -> bool:
        """A module-level binding: a definition with an undotted path, or a module import."""
        if self.kind == NodeType.IMPORT:
            return self.path == MODULE_SCOPE
        return self.kind not in _FOUR_PART and self.kind != NodeType.MODULE and "." not in self.path

    @property
    def owner_path(self) -> str:
        """The id path of what contains this definition ("" at module level)."""
        return self.path.rsplit(".", 1)[0] if "." in self.path else ""


def parse_id(node_id: str) -> IdParts:
    """Take a semantic id apart (the inverse of `IdParts.format`)."""
    if node_id.startswith(_EXTERNAL_PREFIX):
        return IdParts("", NodeType.EXTERNAL_MODULE, node_id[len(_EXTERNAL_PREFIX) :])
    file, _, rest = node_id.partition(SEP)
    kind_text, _, rest = rest.partition(SEP)
    kind = _KINDS.get(kind_text)
    if kind is None:
        kind = NodeType(kind_text)  # raises ValueError, as for any text not a kind
    if kind in _FOUR_PART:
        path, _, leaf = rest.partition(SEP)
        return IdParts(file, kind, path, leaf)
    return IdParts(file, kind, rest)


#: What `id_segment` escapes, "%" first so that the escape is reversible.
_SEGMENT_ESCAPES = (("%", "%25"), (".", "%2E"), (">", "%3E"))


def id_segment(name: str) -> str:
    """`name` as one segment of an id path: "%", "." and ">" percent-escaped.

    Python and JavaScript identifiers hold none of them (their ids are
    unchanged); computed and quoted JavaScript member names can, and would
    otherwise name the wrong owner (`IdParts.owner_path`) or scope.
    """
    for raw, escaped in _SEGMENT_ESCAPES:
        if raw in name:
            name = name.replace(raw, escaped)
    return name


def module_id(file: str) -> SemanticId:
    return SemanticId(f"{file}{SEP}{NodeType.MODULE}")


def definition_id(file: str, kind: NodeType, path: str) -> SemanticId:
    """A CLASS, FUNCTION, METHOD, VARIABLE or EXPORT id."""
    return SemanticId(SEP.join((file, kind, path)))


def scoped_id(file: str, kind: NodeType, scope: str, leaf: str) -> SemanticId:
    """A PARAMETER (scope = owner path), CALL or IMPORT (scope or "<module>") id."""
    return SemanticId(SEP.join((file, kind, scope, leaf)))


def external_module_id(specifier: str) -> SemanticId:
    return SemanticId(_EXTERNAL_PREFIX + specifier)


def file_of_id(node_id: str) -> str:
    """The workspace file a semantic id belongs to ("" for external modules)."""
    if node_id.startswith(_EXTERNAL_PREFIX):
        return ""
    return node_id.split(SEP, 1)[0]


def id_path(node_id: str) -> str:
    """Everything after the kind: a definition's path (`a.py->METHOD->A.m` -> `A.m`)."""
    parts = node_id.split(SEP, 2)
    return parts[2] if len(parts) == 3 else ""
