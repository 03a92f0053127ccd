-- User commands for setups that only put this directory on 'runtimepath'
-- and call vim.lsp.enable('graphwarden') (no require('graphwarden').setup()).
if vim.g.loaded_graphwarden then
  return
end
vim.g.loaded_graphwarden = true

require('graphwarden').create_commands()
