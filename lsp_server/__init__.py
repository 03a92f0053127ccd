"""graphwarden's language server: an LSP adapter over `analysis` (see server.py)."""
