--- graphwarden for Neovim 0.11+: server setup and the server's commands.
---
--- ```lua
--- require('graphwarden').setup({
---   cmd = { 'graphwarden', 'serve' },      -- optional
---   settings = { logLevel = 'debug' },     -- the "graphwarden" section, optional
--- })
--- ```
local M = {}

local NAME = 'graphwarden'
local BLAST_RADIUS = 'graphwarden.blastRadius'
local REINDEX = 'graphwarden.reindex'

---@class graphwarden.Opts
---@field cmd? string[] Command starting the server (default: `{ 'graphwarden', 'serve' }`).
---@field settings? table The "graphwarden" settings section (also sent as init_options).
---@field config? vim.lsp.Config Any other `vim.lsp.Config` fields (filetypes, root_markers, ...).
---@field enable? boolean Enable the server for its filetypes (default: true).

---@param msg string
---@param level? integer
local function notify(msg, level)
  vim.notify('graphwarden: ' .. msg, level or vim.log.levels.INFO)
end

--- The graphwarden client attached to `bufnr`, else any running graphwarden client.
---@param bufnr integer
---@return vim.lsp.Client?
function M.client(bufnr)
  local client = vim.lsp.get_clients({ bufnr = bufnr, name = NAME })[1]
    or vim.lsp.get_clients({ name = NAME })[1]
  if not client then
    notify('no graphwarden client is running (see :checkhealth graphwarden)', vim.log.levels.ERROR)
  end
  return client
end

--- Fill the quickfix list with everything that depends, transitively, on the
--- symbol under the cursor (`graphwarden.blastRadius`).
---@param on_done? fun(items: vim.quickfix.entry[]) Called with the quickfix items.
function M.blast_radius(on_done)
  local bufnr = vim.api.nvim_get_current_buf()
  local client = vim.lsp.get_clients({ bufnr = bufnr, name = NAME })[1]
  if not client then
    notify('no graphwarden client is attached to this buffer', vim.log.levels.ERROR)
    return
  end
  local params = vim.lsp.util.make_position_params(0, client.offset_encoding)
  local word = vim.fn.expand('<cword>')
  local command = {
    title = 'Blast radius',
    command = BLAST_RADIUS,
    arguments = { params.textDocument.uri, params.position },
  }
  client:exec_cmd(command, { bufnr = bufnr }, function(err, result)
    if err then
      notify('blast radius failed: ' .. err.message, vim.log.levels.ERROR)
      return
    end
    if not result or result.symbol == vim.NIL or result.symbol == nil then
      notify('no symbol of the graph under the cursor', vim.log.levels.WARN)
      return
    end
    -- Each symbol is a Location with a name and a kind: locations_to_items
    -- converts columns per file with the client's position encoding.
    local items = vim.lsp.util.locations_to_items(result.symbols or {}, client.offset_encoding)
    for _, item in ipairs(items) do
      local symbol = item.user_data
      local kind = vim.lsp.protocol.SymbolKind[symbol.kind] or 'Symbol'
      item.text = ('[%s] %s'):format(kind, symbol.name)
      item.user_data = nil
    end
    local title = ('Blast radius of %s: %d symbols in %d files%s'):format(
      word,
      #items,
      #(result.files or {}),
      result.truncated and ' (truncated)' or ''
    )
    vim.fn.setqflist({}, ' ', { title = title, items = items })
    if #items == 0 then
      notify(('nothing depends on %s'):format(word))
    else
      vim.cmd('botright copen')
    end
    if on_done then
      on_done(items)
    end
  end)
end

--- Rebuild the graph from scratch (`graphwarden.reindex`) and report how long it took.
---@param on_done? fun(result: { files: integer, seconds: number })
function M.reindex(on_done)
  local bufnr = vim.api.nvim_get_current_buf()
  local client = M.client(bufnr)
  if not client then
    return
  end
  notify('re-indexing…')
  client:exec_cmd(
    { title = 'Re-index', command = REINDEX },
    { bufnr = bufnr },
    function(err, result)
      if err then
        notify('re-index failed: ' .. err.message, vim.log.levels.ERROR)
        return
      end
      notify(('re-indexed %d files in %.2f s'):format(result.files, result.seconds))
      if on_done then
        on_done(result)
      end
    end
  )
end

--- Create :GraphwardenBlastRadius and :GraphwardenReindex (idempotent).
function M.create_commands()
  vim.api.nvim_create_user_command('GraphwardenBlastRadius', function()
    M.blast_radius()
  end, { desc = 'graphwarden: dependents of the symbol under the cursor (quickfix)' })
  vim.api.nvim_create_user_command('GraphwardenReindex', function()
    M.reindex()
  end, { desc = 'graphwarden: rebuild the graph' })
end

--- Configure the server (`vim.lsp.config`), enable it and create the user commands.
---@param opts? graphwarden.Opts
function M.setup(opts)
  opts = opts or {}
  local config = vim.deepcopy(opts.config or {})
  if opts.cmd then
    config.cmd = opts.cmd
  end
  if opts.settings then
    config.settings =
      vim.tbl_deep_extend('force', config.settings or {}, { [NAME] = opts.settings })
    config.init_options = vim.tbl_deep_extend('force', config.init_options or {}, opts.settings)
  end
  vim.lsp.config(NAME, config)
  if opts.enable ~= false then
    vim.lsp.enable(NAME)
  end
  M.create_commands()
end

return M
