-- graphwarden language server configuration for Neovim 0.11+.
--
-- Found on 'runtimepath' by `vim.lsp.enable('graphwarden')`; override any
-- field with `vim.lsp.config('graphwarden', { ... })`.
--
-- Settings (section "graphwarden", see docs/lsp.md):
--   storePath    string   store directory (default: `.graphwarden` under the root)
--   enrichers    table    { imports, inheritance, instances, calls, unreferenced = bool }
--   debounceMs   integer  delay between an edit and its re-analysis
--   diagnostics  table    { guarantees, coverage, parseErrors = bool }
--   logLevel     string   "error" | "warning" | "info" | "debug"
--
-- storePath, enrichers and debounceMs are left unset on purpose: the
-- workspace's graphwarden.toml decides them (debounce_ms, store, enrichers)
-- unless the user sets them here.

---@type table<string, any>
local settings = {
  diagnostics = { guarantees = true, coverage = true, parseErrors = true },
  logLevel = 'info',
}

-- Diagnostics: Neovim 0.11 pulls them only on open and edit (it has no
-- workspace/diagnostic/refresh), so the server pushes them to it instead.

---@type vim.lsp.Config
local config = {
  cmd = { 'graphwarden', 'serve' },
  filetypes = { 'python', 'javascript', 'javascriptreact', 'typescript', 'typescriptreact' },
  root_markers = { 'graphwarden.toml', 'pyproject.toml', 'package.json', 'tsconfig.json', '.git' },
  init_options = vim.deepcopy(settings),
  settings = { graphwarden = vim.deepcopy(settings) },
  -- The server reads the same section from initializationOptions (before the
  -- first workspace/configuration answer): keep the two in step when
  -- `settings` is overridden later through vim.lsp.config().
  before_init = function(params, client_config)
    local section = vim.tbl_get(client_config, 'settings', 'graphwarden')
    if type(section) == 'table' then
      params.initializationOptions =
        vim.tbl_deep_extend('force', params.initializationOptions or {}, section)
    end
  end,
}

return config
