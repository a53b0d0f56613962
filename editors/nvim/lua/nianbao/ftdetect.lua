-- Filetype detection for 政府信息公开工作年度报告 (annual government-information-disclosure reports).
--
-- `*.nianbao` files are reports; a `*.txt` file is one when its first lines name the report
-- (`……政府信息公开工作年度报告`) or its name says so (`…年度报告….txt`, `…年报….txt`).

local M = {}

--- Does the start of the buffer look like an annual disclosure report?
---@param bufnr integer
---@return boolean
function M.looks_like_report(bufnr)
  local ok, lines = pcall(vim.api.nvim_buf_get_lines, bufnr, 0, 20, false)
  if not ok then
    return false
  end
  for _, line in ipairs(lines) do
    if line:find('政府信息公开', 1, true) and line:find('年度报告', 1, true) then
      return true
    end
  end
  return false
end

local function detect_txt(path, bufnr)
  local name = vim.fn.fnamemodify(path or '', ':t')
  if name:find('年度报告', 1, true) or name:find('年报', 1, true) then
    return 'nianbao'
  end
  if bufnr and M.looks_like_report(bufnr) then
    return 'nianbao'
  end
  return nil -- fall through to the usual detection (`text`)
end

local done = false

function M.setup()
  if done then
    return
  end
  done = true
  -- vim.filetype.add drives detection from Neovim 0.8 on (0.7 only with g:do_filetype_lua).
  if vim.fn.has('nvim-0.8') == 1 and vim.filetype and vim.filetype.add then
    vim.filetype.add({
      extension = { nianbao = 'nianbao' },
      pattern = {
        -- Non-negative priority: checked before the `txt` extension rule.
        ['.*%.txt'] = { detect_txt, { priority = 10 } },
      },
    })
  else
    -- Neovim 0.7.
    vim.cmd([[
      augroup nianbao_ftdetect
        autocmd!
        autocmd BufRead,BufNewFile *.nianbao setfiletype nianbao
        autocmd BufRead *.txt lua if require('nianbao.ftdetect').looks_like_report(0) then vim.bo.filetype = 'nianbao' end
      augroup END
    ]])
  end
end

return M
