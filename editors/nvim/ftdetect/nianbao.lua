-- Loaded by Neovim from 'runtimepath': registers the `nianbao` filetype.
require('nianbao.ftdetect').setup()
