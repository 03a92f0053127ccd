--- :checkhealth graphwarden
local M = {}

local NAME = 'graphwarden'
local DEFAULT_STORE = '.graphwarden'
local INSTALL_ADVICE = {
  'Install it: `pip install graphwarden` (or `pip install .` from a checkout)',
  "or point `cmd` at it: require('graphwarden').setup({ cmd = { '/path/to/graphwarden', 'serve' } })",
}

--- `{ ..., 'serve' }` -> `{ ..., '--version' }`; nil when cmd is not the graphwarden CLI.
---@param cmd string[]
---@return string[]?
local function version_cmd(cmd)
  if cmd[#cmd] ~= 'serve' then
    return nil
  end
  local out = vim.list_slice(cmd, 1, #cmd - 1)
  out[#out + 1] = '--version'
  return out
end

---@param config vim.lsp.Config
local function check_executable(config)
  local cmd = config.cmd
  if type(cmd) ~= 'table' or not cmd[1] then
    vim.health.info('`cmd` is a function: the executable cannot be checked')
    return
  end
  local exe = vim.fn.exepath(cmd[1])
  if exe == '' then
    vim.health.error(('server executable `%s` not found'):format(cmd[1]), INSTALL_ADVICE)
    return
  end
  vim.health.ok(('server executable found: %s'):format(exe))
  vim.health.info(('command: `%s`'):format(table.concat(cmd, ' ')))

  local vcmd = version_cmd(cmd)
  if not vcmd then
    return
  end
  local ok, res = pcall(function()
    return vim.system(vcmd, { text = true }):wait(10000)
  end)
  if ok and res.code == 0 then
    vim.health.ok(('version: %s'):format(vim.trim(res.stdout)))
  else
    local why = ok and vim.trim((res.stderr or '') .. ' (exit ' .. tostring(res.code) .. ')')
      or tostring(res)
    vim.health.warn(('`%s` failed: %s'):format(table.concat(vcmd, ' '), why))
  end
end

--- The store directory a folder uses: storePath from the settings, else `.graphwarden`.
---@param root string
---@param settings table
---@return string path, boolean from_settings
local function store_path(root, settings)
  local configured = settings.storePath
  local from_settings = type(configured) == 'string' and configured ~= ''
  local path = from_settings and configured or DEFAULT_STORE
  if not vim.startswith(path, '/') and not path:match('^%a:[/\\]') then
    path = vim.fs.joinpath(root, path)
  end
  return vim.fs.normalize(path), from_settings
end

---@param root string
---@param settings table
local function check_store(root, settings)
  local path, from_settings = store_path(root, settings)
  local origin = from_settings and 'storePath setting'
    or 'default; a `store` key in graphwarden.toml overrides it'
  if vim.fn.isdirectory(path) == 1 then
    vim.health.ok(('store: %s (%s)'):format(path, origin))
  else
    vim.health.info(
      ('store: %s (%s), not created yet: it is written on the first index'):format(path, origin)
    )
  end
end

function M.check()
  vim.health.start('graphwarden: server')
  if vim.fn.has('nvim-0.11') == 0 then
    vim.health.error('Neovim 0.11 or newer is required (vim.lsp.config / vim.lsp.enable)')
    return
  end
  local config = vim.lsp.config[NAME]
  if not config then
    vim.health.error('no `graphwarden` LSP configuration found', {
      "Put editors/neovim on 'runtimepath' (it provides lsp/graphwarden.lua)",
      "or call require('graphwarden').setup()",
    })
    return
  end
  check_executable(config)

  vim.health.start('graphwarden: clients')
  local clients = vim.lsp.get_clients({ name = NAME })
  if #clients == 0 then
    vim.health.warn('no graphwarden client is running', {
      'Open a Python, JavaScript or TypeScript file under a project root ('
        .. table.concat(config.root_markers or {}, ', ')
        .. ')',
      "Check that vim.lsp.enable('graphwarden') ran, then see :LspLog",
    })
    local root = vim.fs.root(vim.fn.getcwd(), config.root_markers or {})
    if root then
      check_store(root, vim.tbl_get(config, 'settings', NAME) or {})
    end
    return
  end
  for _, client in ipairs(clients) do
    local info = client.server_info or {}
    local buffers = vim.tbl_count(client.attached_buffers)
    local msg = ('client %d attached to %d buffer(s), root %s'):format(
      client.id,
      buffers,
      client.root_dir or '(none)'
    )
    if buffers > 0 then
      vim.health.ok(msg)
    else
      vim.health.warn(msg)
    end
    if info.version then
      vim.health.info(
        ('running server: %s %s, position encoding %s'):format(
          info.name or NAME,
          info.version,
          client.offset_encoding
        )
      )
    end
    if client.root_dir then
      check_store(client.root_dir, vim.tbl_get(client.config, 'settings', NAME) or {})
    end
  end
end

return M
