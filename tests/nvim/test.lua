-- Headless Neovim as the LSP client of `nianbao lsp`, through the plugin in editors/nvim:
--   filetype detection → server attached → diagnostics arrive → hover on a clause reference
--   shows the Regulation's text → a quick fix is applied and its diagnostic goes away.
--
-- Run (tests/nvim/run.sh does this):
--   NIANBAO_BIN=… REPORT_FILE=… PLUGIN_DIR=editors/nvim \
--     nvim --headless --clean -u tests/nvim/test.lua
-- Prints `ok: …` lines and `PASS`; exits 1 (`cquit`) on the first failure.

local function out(s)
  io.stdout:write(s .. '\n')
end

local function fail(msg)
  out('FAIL: ' .. msg)
  vim.cmd('cquit 1')
end

local server = os.getenv('NIANBAO_BIN') or fail('set NIANBAO_BIN to the nianbao binary')
local file = os.getenv('REPORT_FILE') or fail('set REPORT_FILE to a report (it is edited)')
local plugin = os.getenv('PLUGIN_DIR') or fail('set PLUGIN_DIR to editors/nvim')
local timeout = tonumber(os.getenv('NVIM_TEST_TIMEOUT_MS') or '20000')

local ok_run, err = pcall(function()
  vim.opt.runtimepath:prepend(plugin)
  vim.o.swapfile = false
  vim.cmd('filetype on')
  require('nianbao').setup({
    cmd = { server, 'lsp' },
    -- Fixed "today" so that the date rules are deterministic.
    settings = { today = '2026-11-30' },
  })

  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  -- Filetype detection: older Neovim versions need the ftdetect autocommand to run.
  if vim.bo[bufnr].filetype ~= 'nianbao' then
    vim.cmd('filetype detect')
  end
  if vim.bo[bufnr].filetype ~= 'nianbao' then
    fail('filetype is ' .. vim.bo[bufnr].filetype .. ', expected nianbao')
  end
  out('ok: filetype nianbao')

  local get_clients = vim.lsp.get_clients or vim.lsp.get_active_clients
  local client
  vim.wait(timeout, function()
    client = get_clients({ bufnr = bufnr, name = 'nianbao' })[1]
    return client ~= nil and client.initialized ~= false
  end, 50)
  if not client then
    fail('the nianbao server did not attach')
  end
  out('ok: attached, position encoding ' .. tostring(client.offset_encoding))

  -- Diagnostics (pushed or pulled: Neovim 0.10+ pulls when the server offers it).
  local got = vim.wait(timeout, function()
    return #vim.diagnostic.get(bufnr) > 0
  end, 50)
  if not got then
    fail('no diagnostics within ' .. timeout .. ' ms')
  end
  local diagnostics = vim.diagnostic.get(bufnr)
  for _, d in ipairs(diagnostics) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or '?'
    out(string.format('diag %d:%d [%s] %s', d.lnum + 1, d.col, tostring(code), (d.message:gsub('\n', ' '))))
    if d.source ~= 'nianbao' then
      fail('diagnostic source is ' .. tostring(d.source))
    end
  end
  out('ok: ' .. #diagnostics .. ' diagnostics')

  -- Byte column → the server's encoding.
  local function lsp_col(line_text, byte_col)
    if client.offset_encoding == 'utf-8' then
      return byte_col
    end
    local ok, col = pcall(vim.str_utfindex, line_text, client.offset_encoding, byte_col)
    if ok and col then
      return col
    end
    local u32, u16 = vim.str_utfindex(line_text, byte_col) -- Neovim < 0.11
    return client.offset_encoding == 'utf-32' and u32 or u16
  end

  -- Hover on a clause reference: the exact text of the Regulation.
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  local hover_line, hover_col
  for i, l in ipairs(lines) do
    local s = l:find('第二十条第（一）项', 1, true)
    if s then
      hover_line, hover_col = i - 1, s - 1
      break
    end
  end
  if not hover_line then
    fail('no 第二十条第（一）项 in the report')
  end
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = { line = hover_line, character = lsp_col(lines[hover_line + 1], hover_col + 3) },
  }
  local replies = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, timeout) or {}
  local hover_text
  for _, r in pairs(replies) do
    if r.result and r.result.contents then
      hover_text = r.result.contents.value or vim.inspect(r.result.contents)
    end
  end
  if not hover_text or not hover_text:find('行政法规、规章和规范性文件', 1, true) then
    fail('hover on 第二十条第（一）项 lacks the clause text: ' .. tostring(hover_text))
  end
  out('ok: hover shows ' .. (hover_text:match('%*%*(.-)%*%*') or 'the clause'))

  -- A quick fix: the preferred code action of a diagnostic that has one.
  local applied
  for _, d in ipairs(diagnostics) do
    local line_text = lines[d.lnum + 1] or ''
    local end_text = lines[(d.end_lnum or d.lnum) + 1] or ''
    local lsp_diag = d.user_data and d.user_data.lsp
    local range = {
      start = { line = d.lnum, character = lsp_col(line_text, d.col) },
      ['end'] = { line = d.end_lnum or d.lnum, character = lsp_col(end_text, d.end_col or d.col) },
    }
    local ca_params = {
      textDocument = { uri = vim.uri_from_bufnr(bufnr) },
      range = range,
      -- (Neovim 0.7 keeps only part of the LSP diagnostic in user_data: rebuild it.)
      context = {
        diagnostics = { { range = range, message = d.message, source = d.source, code = lsp_diag and lsp_diag.code or d.code } },
        only = { 'quickfix' },
      },
    }
    local res = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', ca_params, timeout) or {}
    for _, r in pairs(res) do
      for _, action in ipairs(r.result or {}) do
        if action.isPreferred and action.edit and not applied then
          local code = lsp_diag and lsp_diag.code or d.code
          vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
          applied = { title = action.title, code = code, line = d.lnum, before = line_text }
        end
      end
    end
    if applied then
      break
    end
  end
  if not applied then
    fail('no diagnostic offers a preferred quick fix')
  end
  local after_line = vim.api.nvim_buf_get_lines(bufnr, applied.line, applied.line + 1, false)[1]
  out('ok: applied "' .. applied.title .. '" for ' .. tostring(applied.code))
  out('   before: ' .. applied.before)
  out('   after:  ' .. tostring(after_line))
  if after_line == applied.before then
    fail('the quick fix did not change its line')
  end
  -- The diagnostic it fixed goes away once the server has re-checked the edit.
  local function count(code)
    local n = 0
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      local c = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
      if c == code and d.lnum == applied.line then
        n = n + 1
      end
    end
    return n
  end
  local before_count = 0
  for _, d in ipairs(diagnostics) do
    local c = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    if c == applied.code and d.lnum == applied.line then
      before_count = before_count + 1
    end
  end
  local gone = vim.wait(timeout, function()
    return count(applied.code) < before_count
  end, 50)
  if not gone then
    fail('the diagnostic ' .. tostring(applied.code) .. ' is still reported after its fix')
  end
  out('ok: ' .. tostring(applied.code) .. ' fixed')

  -- Shut the server down cleanly.
  local id = client.id
  vim.lsp.stop_client(id)
  vim.wait(5000, function()
    return vim.lsp.get_client_by_id(id) == nil
  end, 50)
  out('PASS')
end)

if not ok_run then
  fail(tostring(err))
end
vim.cmd('qa!')
