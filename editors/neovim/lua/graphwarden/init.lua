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
local GRAPH_PAGE = 'graphwarden.graphPage'
local SHOW_CHAIN = 'graphwarden.showChain'
local SHOW_REFERENCES = 'graphwarden.showReferences'

---@class graphwarden.Opts
---@field cmd? string[] Command starting the server (default: `{ 'graphwarden', 'serve' }`).
---@field settings? table The "graphwarden" settings section (also sent as init_options).
---@field config? vim.lsp.Config Any other `vim.lsp.Config` fields (filetypes, root_markers, ...).
---@field enable? boolean Enable the server for its filetypes (default: true).
---@field codelens? boolean Show the reference / blast radius lenses (default: true).

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

--- Open a file or URL with the system's handler (`vim.ui.open`; tests replace it).
---@param target string
function M.open(target)
  local _, err = vim.ui.open(target)
  if err then
    notify(('cannot open %s: %s'):format(target, err), vim.log.levels.ERROR)
  end
end

--- Draw the module graph (`graphwarden.graphPage`) focused on the current buffer's
--- module, or on `target` ({ fingerprint?, module? }): `format` 'html' (default) writes
--- the interactive page in the store directory and opens it in the browser; 'mermaid'
--- writes `graph.mmd` there, cut to the module's neighbourhood, and opens it in a split.
---@param format? 'html'|'mermaid'
---@param target? table
---@param on_done? fun(result: { path: string, uri: string, module: string?, pathId: string? })
function M.graph(format, target, on_done)
  format = format or 'html'
  if format ~= 'html' and format ~= 'mermaid' then
    notify(('unknown format %q: html or mermaid'):format(format), vim.log.levels.ERROR)
    return
  end
  local bufnr = vim.api.nvim_get_current_buf()
  local client = M.client(bufnr)
  if not client then
    return
  end
  local uri = vim.api.nvim_buf_get_name(bufnr) ~= '' and vim.uri_from_bufnr(bufnr) or vim.NIL
  local options = vim.tbl_extend('force', target or {}, { format = format })
  client:exec_cmd(
    { title = 'Graph', command = GRAPH_PAGE, arguments = { uri, options } },
    { bufnr = bufnr },
    function(err, result)
      if err or type(result) ~= 'table' then
        notify('cannot draw the graph: ' .. (err and err.message or 'no answer'), vim.log.levels.ERROR)
        return
      end
      if format == 'mermaid' then
        vim.cmd('split ' .. vim.fn.fnameescape(result.path))
      else
        M.open(result.uri)
      end
      notify(('graph written to %s'):format(result.path))
      if on_done then
        on_done(result)
      end
    end
  )
end

--- Client-side handlers of the commands the server's code actions and lenses carry.
function M.register_command_handlers()
  -- "Show the chain in the graph": the page opened on the violation's chain.
  vim.lsp.commands[SHOW_CHAIN] = function(command)
    local args = command.arguments or {}
    M.graph('html', type(args[2]) == 'table' and args[2] or {})
  end
  -- A lens's "N references": the references of the definition it stands over.
  vim.lsp.commands[SHOW_REFERENCES] = function(command)
    local args = command.arguments or {}
    local pos = args[2]
    if type(args[1]) ~= 'string' or type(pos) ~= 'table' then
      return
    end
    local bufnr = vim.uri_to_bufnr(args[1])
    local win = vim.fn.bufwinid(bufnr)
    if win == -1 then
      return
    end
    local client = vim.lsp.get_clients({ bufnr = bufnr, name = NAME })[1]
    local line = vim.api.nvim_buf_get_lines(bufnr, pos.line, pos.line + 1, false)[1] or ''
    local col = vim.str_byteindex(line, client and client.offset_encoding or 'utf-16', pos.character, false)
    vim.api.nvim_win_set_cursor(win, { pos.line + 1, col })
    vim.lsp.buf.references()
  end
end

--- Refresh code lenses of the buffers graphwarden attaches to.
function M.enable_codelens()
  local group = vim.api.nvim_create_augroup('graphwarden.codelens', { clear = true })
  vim.api.nvim_create_autocmd('LspAttach', {
    group = group,
    callback = function(args)
      local client = vim.lsp.get_client_by_id(args.data.client_id)
      if not client or client.name ~= NAME then
        return
      end
      vim.lsp.codelens.refresh({ bufnr = args.buf })
      vim.api.nvim_create_autocmd({ 'BufEnter', 'InsertLeave', 'BufWritePost' }, {
        group = group,
        buffer = args.buf,
        callback = function()
          vim.lsp.codelens.refresh({ bufnr = args.buf })
        end,
      })
    end,
  })
end

--- Create :GraphwardenBlastRadius, :GraphwardenReindex and :GraphwardenGraph (idempotent).
function M.create_commands()
  vim.api.nvim_create_user_command('GraphwardenBlastRadius', function()
    M.blast_radius()
  end, { desc = 'graphwarden: dependents of the symbol under the cursor (quickfix)' })
  vim.api.nvim_create_user_command('GraphwardenReindex', function()
    M.reindex()
  end, { desc = 'graphwarden: rebuild the graph' })
  vim.api.nvim_create_user_command('GraphwardenGraph', function(args)
    M.graph(args.fargs[1] or 'html')
  end, {
    nargs = '?',
    complete = function()
      return { 'html', 'mermaid' }
    end,
    desc = 'graphwarden: the module graph around this module (html: browser; mermaid: a split)',
  })
  M.register_command_handlers()
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
  if opts.codelens ~= false then
    M.enable_codelens()
  end
  if opts.enable ~= false then
    vim.lsp.enable(NAME)
  end
  M.create_commands()
end

return M
