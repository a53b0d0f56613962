-- Nothing starts by itself: call require('nianbao').setup() from your config (see README.md).
if vim.g.loaded_nianbao then
  return
end
vim.g.loaded_nianbao = 1
