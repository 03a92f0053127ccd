"""graphwarden: a code-graph language server and CI checker.

This package is only the distribution's namespace. Its subpackages live in
the repository's top-level folders and are installed under this name (see
``setup.py``): ``graphwarden.analysis`` (the library, folder ``analysis/``),
``graphwarden.lsp_server`` (folder ``lsp_server/``) and ``graphwarden.cli``
(the command line, folder ``cli/``). Installing them under one
distinctive prefix means a workspace or another distribution that has its own
``analysis`` or ``lsp_server`` package can neither shadow nor collide with
ours (ARCHITECTURE.md, "Installed names").
"""

from graphwarden.analysis import __version__

__all__ = ["__version__"]
