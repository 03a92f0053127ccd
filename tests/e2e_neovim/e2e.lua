-- End-to-end check of editors/neovim against the real graphwarden server.
--
-- nvim --headless --clean -l e2e.lua PLUGIN_DIR ROOT OUT_JSON SERVER_CMD...
--
-- Every check is recorded in OUT_JSON as { ok = bool, detail = string } as
-- soon as it finishes, so a run killed from outside still reports how far it
-- got. Every wait is bounded.

local plugin_dir, root, out_path = arg[1], arg[2], arg[3]
local server_cmd = vim.list_slice(arg, 4)
assert(plugin_dir and root and out_path and #server_cmd > 0, 'usage: PLUGIN_DIR ROOT OUT CMD...')

local results = { checks = {}, order = {}, messages = {}, finished = false }

local function save()
  local f = assert(io.open(out_path, 'w'))
  f:write(vim.json.encode(results))
  f:close()
end

---@param name string
---@param ok boolean
---@param detail string
local function record(name, ok, detail)
  results.checks[name] = { ok = ok, detail = detail }
  table.insert(results.order, name)
  save()
end

--- Run a check; it returns ok, detail. An error counts as a failure.
---@param name string
---@param fn fun(): boolean, any
local function check(name, fn)
  local started = vim.uv.hrtime()
  local ok, passed, detail = xpcall(fn, debug.traceback)
  if not ok then
    passed, detail = false, 'error: ' .. tostring(passed)
  end
  if type(detail) ~= 'string' then
    detail = vim.inspect(detail)
  end
  local ms = (vim.uv.hrtime() - started) / 1e6
  record(name, passed == true, ('%s [%.0f ms]'):format(detail, ms))
  return passed == true
end

-- Capture notifications (the plugin's commands report through vim.notify).
vim.notify = function(msg, level)
  table.insert(results.messages, { msg = msg, level = level })
end

vim.opt.runtimepath:prepend(plugin_dir)
vim.cmd('filetype plugin on')

local gw = require('graphwarden')
gw.setup({
  cmd = server_cmd,
  settings = { debounceMs = 50, logLevel = 'debug' },
})

local service = vim.fs.joinpath(root, 'app/core/service.py')
vim.cmd.edit(vim.fn.fnameescape(service))
local bufnr = vim.api.nvim_get_current_buf()

---@return vim.lsp.Client?
local function client()
  return vim.lsp.get_clients({ bufnr = bufnr, name = 'graphwarden' })[1]
end

--- Put the cursor on the first occurrence of `text` after line `after` (1-based), plus `offset` bytes.
---@return integer row 1-based
local function cursor_on(text, offset, after)
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  for row = (after or 1), #lines do
    local col = lines[row]:find(text, 1, true)
    if col then
      vim.api.nvim_win_set_cursor(0, { row, col - 1 + (offset or 0) })
      return row
    end
  end
  error(('%q not found in the buffer'):format(text))
end

--- A request for the current buffer (default params: the cursor position).
---@param method string
---@param params? table
---@return any result
---@param timeout_ms? integer
local function request(method, params, timeout_ms)
  local c = assert(client(), 'no client')
  params = params or vim.lsp.util.make_position_params(0, c.offset_encoding)
  local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, timeout_ms or 5000)
  assert(responses, ('%s: %s'):format(method, tostring(err)))
  local response = responses[c.id] or {}
  assert(not response.err, vim.inspect(response.err))
  return response.result
end

local CONTRACT = 'core-independent-of-web'
local IMPORT = '^from app.web import views$'

local function violations()
  return vim.tbl_filter(function(d)
    return d.source == 'graphwarden' and d.code == CONTRACT
  end, vim.diagnostic.get(bufnr))
end

local function diagnostics_summary()
  return vim.tbl_map(function(d)
    return ('%d:%d %s %s %s'):format(d.lnum, d.col, d.source, d.code, d.message)
  end, vim.diagnostic.get(bufnr))
end

check('attach', function()
  local attached = vim.wait(20000, function()
    return client() ~= nil and client().initialized
  end, 50)
  local c = client()
  return attached,
    c and ('client %d, root %s, encoding %s'):format(c.id, c.root_dir, c.offset_encoding)
      or 'no client attached within 20 s'
end)

if not client() then
  results.finished = true
  save()
  return
end

check('root_dir', function()
  return client().root_dir == root, client().root_dir
end)

check('violation', function()
  local found = vim.wait(45000, function()
    return #violations() > 0
  end, 50)
  if not found then
    return false, { 'no violation within 45 s; diagnostics:', diagnostics_summary() }
  end
  local d = violations()[1]
  local import_row = vim.fn.match(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), IMPORT)
  return d.lnum == import_row and d.severity == vim.diagnostic.severity.ERROR,
    ('%d:%d severity %d: %s (import on line %d)'):format(
      d.lnum,
      d.col,
      d.severity,
      d.message,
      import_row
    )
end)

check('codelens', function()
  -- Refreshed on attach by setup(); Neovim resolves the lenses it shows.
  local titles = {}
  local got = vim.wait(20000, function()
    titles = {}
    for _, lens in ipairs(vim.lsp.codelens.get(bufnr)) do
      if lens.command and lens.command.title then
        table.insert(titles, ('%d: %s'):format(lens.range.start.line, lens.command.title))
      end
    end
    for _, t in ipairs(titles) do
      if t:find('references? · blast radius %d+ files?') then
        return true
      end
    end
    vim.lsp.codelens.refresh({ bufnr = bufnr })
    return false
  end, 200)
  return got, titles
end)

check('hover', function()
  -- `compute_total` after a non-ASCII character on the same line (positions
  -- must survive the encoding conversion).
  cursor_on('compute_total(prices)}', 3, 9)
  local text = ''
  local got = vim.wait(10000, function()
    local result = request('textDocument/hover')
    local contents = result and result.contents
    text = type(contents) == 'table' and (contents.value or vim.inspect(contents)) or ''
    return text:find('app.core.service.compute_total', 1, true) ~= nil
  end, 200)
  return got and text:find('Sum the prices and apply a discount.', 1, true) ~= nil, text
end)

check('definition', function()
  cursor_on('round_price(sum', 2)
  local result = request('textDocument/definition')
  if result and (result.uri or result.targetUri) then
    result = { result }
  end
  local loc = result and result[1]
  if not loc then
    return false, 'no definition'
  end
  local uri = loc.uri or loc.targetUri
  local range = loc.range or loc.targetSelectionRange
  local expected = vim.uri_from_fname(vim.fs.joinpath(root, 'app/util.py'))
  return uri == expected and range.start.line == 0,
    ('%s:%d:%d'):format(uri, range.start.line, range.start.character)
end)

--- Run the code action whose title contains `needle`, through Neovim's own
--- vim.lsp.buf.code_action (the diagnostics under the cursor, the server's actions).
local function run_action(needle)
  local row = vim.fn.match(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), IMPORT)
  assert(row >= 0, 'import not found')
  vim.api.nvim_win_set_cursor(0, { row + 1, 0 })
  local titles = {}
  vim.lsp.buf.code_action({
    apply = true,
    filter = function(action)
      table.insert(titles, action.title)
      return action.title:find(needle, 1, true) ~= nil
    end,
  })
  return titles
end

check('code_action_suppress', function()
  local titles = run_action('suppress ' .. CONTRACT)
  local row = vim.fn.match(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), IMPORT)
  local want = 'from app.web import views  # graphwarden: ignore[' .. CONTRACT .. ']'
  local edited = vim.wait(10000, function()
    return vim.list_contains(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), want)
  end, 50)
  local gone = edited and vim.wait(30000, function()
    return #violations() == 0
  end, 50)
  -- Undo: the violation is back for the next checks.
  vim.cmd('silent undo')
  local back = vim.wait(30000, function()
    return #violations() > 0
  end, 50)
  return edited and gone and back and #titles == 4,
    { titles = titles, import_row = row, diagnostics = diagnostics_summary() }
end)

check('graph_html', function()
  local opened
  gw.open = function(target)
    opened = target
  end
  vim.cmd('GraphwardenGraph')
  vim.wait(20000, function()
    return opened ~= nil
  end, 50)
  local page = vim.fs.joinpath(root, '.graphwarden', 'graph.html')
  local ok = opened == vim.uri_from_fname(page) .. '#focus=app.core.service'
    and vim.fn.filereadable(page) == 1
  return ok, tostring(opened)
end)

check('graph_mermaid', function()
  local win = vim.api.nvim_get_current_win()
  vim.cmd('GraphwardenGraph mermaid')
  local mmd = vim.fs.joinpath(root, '.graphwarden', 'graph.mmd')
  local shown = vim.wait(20000, function()
    return vim.api.nvim_buf_get_name(0) == mmd
  end, 50)
  local text = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n')
  if shown then
    vim.cmd('close')
  end
  vim.api.nvim_set_current_win(win)
  return shown and text:find('flowchart', 1, true) ~= nil and text:find('app.web.views', 1, true) ~= nil,
    text
end)

check('code_action_chain', function()
  local opened
  gw.open = function(target)
    opened = target
  end
  local titles = run_action('show the chain')
  vim.wait(20000, function()
    return opened ~= nil
  end, 50)
  return opened ~= nil and opened:find('graph.html#path=', 1, true) ~= nil,
    { opened = opened, titles = titles }
end)

check('fix_violation', function()
  local row = vim.fn.match(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), IMPORT)
  assert(row >= 0, 'import not found')
  vim.api.nvim_buf_set_lines(bufnr, row, row + 1, false, {})
  vim.cmd('silent write')
  local gone = vim.wait(30000, function()
    return #violations() == 0
  end, 50)
  -- The server agrees: a fresh pull has no violation either. (Neovim cancels
  -- its pending pulls for a buffer on every didChange, so retry a lost one.)
  local server_codes, kind
  local server_clean = vim.wait(10000, function()
    local ok, pulled = pcall(request, 'textDocument/diagnostic', {
      textDocument = vim.lsp.util.make_text_document_params(bufnr),
    }, 2000)
    if not ok or not pulled then
      return false
    end
    kind = pulled.kind
    server_codes = vim.tbl_map(function(d)
      return d.code
    end, pulled.items or {})
    return not vim.list_contains(server_codes, CONTRACT)
  end, 100)
  return gone and server_clean and not vim.bo[bufnr].modified,
    { client = diagnostics_summary(), server = server_codes, kind = kind }
end)

check('blast_radius', function()
  -- round_price <- compute_total <- describe (same file), summary (app/report.py)
  cursor_on('round_price(sum', 2)
  vim.fn.setqflist({}, 'r', { items = {}, title = '' })
  vim.cmd('GraphwardenBlastRadius')
  local filled = vim.wait(10000, function()
    return #vim.fn.getqflist() > 0
  end, 50)
  local qf = vim.fn.getqflist({ items = 1, title = 1 })
  local entries = vim.tbl_map(function(item)
    return ('%s:%d:%d %s'):format(
      vim.fs.relpath(root, vim.api.nvim_buf_get_name(item.bufnr)) or item.bufnr,
      item.lnum,
      item.col,
      item.text
    )
  end, qf.items)
  local text = table.concat(entries, '\n')
  local want = {
    'app/core/service.py:6:5 [Function] compute_total',
    'app/core/service.py:11:5 [Function] describe',
    'app/report.py:4:5 [Function] summary',
  }
  for _, w in ipairs(want) do
    if not text:find(w, 1, true) then
      filled = false
    end
  end
  return filled, { title = qf.title, entries = entries }
end)

check('reindex', function()
  local before = #results.messages
  vim.cmd('GraphwardenReindex')
  local files, seconds
  vim.wait(30000, function()
    for i = before + 1, #results.messages do
      local f, s = results.messages[i].msg:match('re%-indexed (%d+) files in ([%d.]+) s')
      if f then
        files, seconds = tonumber(f), tonumber(s)
        return true
      end
    end
    return false
  end, 50)
  return files ~= nil and files >= 6 and seconds >= 0,
    ('files=%s seconds=%s'):format(files, seconds)
end)

check('health', function()
  vim.cmd('checkhealth graphwarden')
  local lines = vim.api.nvim_buf_get_lines(0, 0, -1, false)
  local text = table.concat(lines, '\n')
  results.health = lines
  return text:find('OK server executable found', 1, true) ~= nil, text
end)

check('health_client', function()
  local text = table.concat(results.health or {}, '\n')
  return text:find('OK client %d+ attached to %d+ buffer') ~= nil and text:find(
    'store: ' .. vim.fs.joinpath(root, '.graphwarden'),
    1,
    true
  ) ~= nil,
    text
end)

check('shutdown', function()
  for _, c in ipairs(vim.lsp.get_clients({ name = 'graphwarden' })) do
    c:stop()
  end
  local stopped = vim.wait(15000, function()
    return #vim.lsp.get_clients({ name = 'graphwarden' }) == 0
  end, 50)
  return stopped, stopped and 'all clients stopped' or 'clients still running after 15 s'
end)

results.finished = true
save()
