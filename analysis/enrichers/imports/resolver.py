"""One resolver for every language family: the entry point outside the imports enricher.

Name lookup (enrichers/names.py) and the contracts' import graph resolve
modules and names exactly as the imports enricher does, so they go through
this class rather than a twin of it. Invariant: a file is resolved by its
own language family's resolver (`for_file`); resolution never crosses from
one family into the other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from graphwarden.analysis.enrichers.imports.javascript import JavaScriptResolver
from graphwarden.analysis.enrichers.imports.language import LanguageResolver
from graphwarden.analysis.enrichers.imports.python import PythonResolver
from graphwarden.analysis.enrichers.imports.resolution import Resolution
from graphwarden.analysis.enrichers.name_uses import NameUse
from graphwarden.analysis.enrichers.workspace import WorkspaceIndex
from graphwarden.analysis.modules import is_python

if TYPE_CHECKING:
    from graphwarden.analysis.store import Snapshot


class Resolver:
    """Resolves module specifiers and names against one snapshot revision."""

    def __init__(self, snapshot: Snapshot, index: WorkspaceIndex) -> None:
        #: The names both families looked up in other modules (name_uses.py).
        self.uses: set[NameUse] = set()
        self.python = PythonResolver(snapshot, index, self.uses)
        self.javascript = JavaScriptResolver(snapshot, index, self.uses)

    def for_file(self, file: str) -> LanguageResolver:
        """The resolver of `file`'s language family (anything not Python is JS/TS)."""
        return self.python if is_python(file) else self.javascript

    def py_module(self, importer: str, source: str, level: int) -> tuple[str | None, str | None]:
        """(file, dotted name) of a Python import's module (`PythonResolver.module`)."""
        return self.python.module(importer, source, level)

    def js_module(self, importer: str, spec: str) -> tuple[str | None, str | None]:
        """(file, placeholder key) of a JS/TS specifier (`JavaScriptResolver.module`)."""
        return self.javascript.module(importer, spec)

    def export(self, file: str, name: str, res: Resolution, seen: set[str]) -> None:
        """The final definition behind `name` as module `file` exports it, into `res`."""
        self.for_file(file).export(file, name, res, seen)
