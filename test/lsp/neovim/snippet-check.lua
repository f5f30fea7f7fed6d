-- Checks an init.lua snippet of the documentation (README.md, docs/editors.md), run by
-- test/lsp/neovim.test.ts as Neovim's whole configuration: once the file given on the
-- command line is open, waits for the diagnostics the snippet's client receives, runs
-- :HardenConfigPatch when the snippet defines it, and writes what happened as JSON to
-- HC_REPORT. Exits with status 0 when it ran to its end, 1 on an error, which the report
-- then names.

local report = {}
local bufnr = vim.api.nvim_get_current_buf()

local function main()
  if not vim.wait(20000, function() return #vim.diagnostic.get(bufnr) > 0 end, 20) then error('no diagnostics') end
  report.codes = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do table.insert(report.codes, d.code) end
  table.sort(report.codes)
  if vim.fn.exists(':HardenConfigPatch') == 2 then
    vim.cmd('HardenConfigPatch')
    if not vim.wait(20000, function() return vim.bo.filetype == 'diff' end, 20) then error('no patch buffer') end
    report.patch = vim.api.nvim_buf_get_lines(0, 0, -1, false)
  end
end

local ok, err = pcall(main)
if not ok then report.error = tostring(err) end
local file = assert(io.open(os.getenv('HC_REPORT'), 'w'))
file:write(vim.fn.json_encode(report))
file:close()
for _, client in ipairs(vim.lsp.get_active_clients()) do client.stop() end
vim.wait(5000, function() return #vim.lsp.get_active_clients() == 0 end, 20)
if ok then vim.cmd('qa!') else vim.cmd('cquit 1') end
