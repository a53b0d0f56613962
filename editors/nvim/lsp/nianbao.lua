-- Configuration for Neovim 0.11+ (`vim.lsp.config` / `vim.lsp.enable('nianbao')`), found on
-- 'runtimepath' as `lsp/nianbao.lua`. Override any field with `vim.lsp.config('nianbao', {...})`.
return require('nianbao').config()
