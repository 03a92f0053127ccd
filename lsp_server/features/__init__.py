"""LSP features, one module each; `register(server)` adds a module's handlers."""
