"""`python -I -m graphwarden.lsp_server`: run the language server on stdio (prefer `python -I -m graphwarden serve`)."""

from graphwarden.lsp_server.server import main

# The guard matters: the analysis process pool (forkserver) re-imports the
# main module in its workers, which must not start a second server.
if __name__ == "__main__":
    main()
