-- nianbao: the language server for 政府信息公开工作年度报告, in Neovim.
--
--   require('nianbao').setup({
--     cmd = { 'nianbao', 'lsp' },              -- the server
--     settings = { rules = { ['stale-year'] = 'off' } },  -- as in nianbao.toml
--   })
--
-- Neovim 0.11+: uses vim.lsp.config + vim.lsp.enable. 0.8–0.10: vim.lsp.start on FileType.
-- 0.7: vim.lsp.start_client + buf_attach_client.

local M = {}

M.defaults = {
  cmd = { 'nianbao', 'lsp' },
  filetypes = { 'nianbao' },
  root_markers = { 'nianbao.toml', '.git' },
  --- Settings (the keys of nianbao.toml): locale, today, level, deadline, rules.
  settings = {},
}

M.options = vim.deepcopy(M.defaults)

--- The LSP client configuration (a `vim.lsp.Config` on 0.11+).
---@param opts? table
---@return table
function M.config(opts)
  local o = vim.tbl_deep_extend('force', M.options, opts or {})
  return {
    name = 'nianbao',
    cmd = o.cmd,
    filetypes = o.filetypes,
    root_markers = o.root_markers,
    -- The server reads its settings from initializationOptions and didChangeConfiguration.
    init_options = o.settings,
    settings = { nianbao = o.settings },
  }
end

local function root_dir(bufnr, markers)
  local path = vim.api.nvim_buf_get_name(bufnr)
  local dir = vim.fn.fnamemodify(path, ':p:h')
  if vim.fs and vim.fs.find then
    local found = vim.fs.find(markers, { upward = true, path = dir })[1]
    if found then
      return vim.fn.fnamemodify(found, ':h')
    end
  end
  return dir
end

local legacy_clients = {} -- root → client id (Neovim 0.7)

--- Starts (or reuses) the server for a buffer on Neovim < 0.11.
---@param bufnr integer
function M.start(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local c = M.config()
  local root = root_dir(bufnr, c.root_markers)
  local conf = {
    name = c.name,
    cmd = c.cmd,
    root_dir = root,
    init_options = c.init_options,
    settings = c.settings,
  }
  if vim.lsp.start then
    return vim.lsp.start(conf, { bufnr = bufnr })
  end
  local id = legacy_clients[root]
  if not id or not vim.lsp.get_client_by_id(id) then
    id = vim.lsp.start_client(conf)
    legacy_clients[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
  return id
end

--- Registers the filetype, the server and the commands.
---@param opts? table  fields of M.defaults
function M.setup(opts)
  M.options = vim.tbl_deep_extend('force', M.defaults, opts or {})
  require('nianbao.ftdetect').setup()
  if vim.lsp.config and vim.lsp.enable then
    vim.lsp.config('nianbao', M.config())
    vim.lsp.enable('nianbao')
  else
    local group = vim.api.nvim_create_augroup('nianbao_lsp', { clear = true })
    vim.api.nvim_create_autocmd('FileType', {
      group = group,
      pattern = M.options.filetypes,
      callback = function(args)
        M.start(args.buf)
      end,
    })
    -- Buffers already open.
    for _, b in ipairs(vim.api.nvim_list_bufs()) do
      if vim.api.nvim_buf_is_loaded(b) and vim.tbl_contains(M.options.filetypes, vim.bo[b].filetype) then
        M.start(b)
      end
    end
  end
  require('nianbao.commands').setup()
end

return M
