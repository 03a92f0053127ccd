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
-- storePath and enrichers are left unset on purpose: the workspace's
-- graphwarden.toml decides them unless the editor overrides them.

---@type table<string, any>
local settings = {
  debounceMs = 150,
  diagnostics = { guarantees = true, coverage = true, parseErrors = true },
  logLevel = 'info',
}

-- Neovim 0.11 pulls diagnostics (textDocument/diagnostic) only on didOpen
-- and didChange, and does not implement workspace/diagnostic/refresh. The
-- server computes diagnostics after a (debounced) analysis cycle and then asks
-- the client to pull again: without the refresh the buffer would keep the
-- diagnostics of the previous cycle. Handle the refresh by re-pulling for every
-- buffer the client is attached to (newer Neovims do this themselves).
local REFRESH = 'workspace/diagnostic/refresh'

---@type lsp.Handler
local function diagnostic_refresh(_, _, ctx)
  local client = vim.lsp.get_client_by_id(ctx.client_id)
  for bufnr in pairs(client and client.attached_buffers or {}) do
    if vim.api.nvim_buf_is_loaded(bufnr) then
      local params = { textDocument = vim.lsp.util.make_text_document_params(bufnr) }
      client:request('textDocument/diagnostic', params, nil, bufnr)
    end
  end
  return vim.NIL
end

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

if vim.lsp.handlers[REFRESH] == nil then
  config.capabilities = { workspace = { diagnostics = { refreshSupport = true } } }
  config.handlers = { [REFRESH] = diagnostic_refresh }
end

return config
