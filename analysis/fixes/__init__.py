"""Fixes as text edits: what an editor's code actions apply, computed without an editor.

Each function here takes a file's text and returns `TextEdit`s (0-based
lines, code-point columns, like every position of the graph), or nothing
when it cannot place the change safely; adapters convert the positions and
wrap them (the language server in a `WorkspaceEdit`). Nothing here reads or
writes a file.

- `suppress.py`: an inline suppression of a rule on a line, merged into the
  suppression comment that already covers it;
- `contract_ignore.py`: an `ignore_imports` entry added to a contract of the
  TOML configuration, comments and layout kept, the result checked by
  parsing it again.
"""

from graphwarden.analysis.fixes.contract_ignore import add_ignore_import, ignore_entry_of
from graphwarden.analysis.fixes.edits import TextEdit, apply_edits
from graphwarden.analysis.fixes.suppress import suppress_on_line

__all__ = ["TextEdit", "add_ignore_import", "apply_edits", "ignore_entry_of", "suppress_on_line"]
