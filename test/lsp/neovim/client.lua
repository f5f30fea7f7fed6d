-- Neovim (0.7 or later, headless) as the language client of harden-config, driven by
-- test/lsp/neovim.test.ts. Everything goes through Neovim's own LSP client: it starts the
-- server, opens the file, receives the diagnostics, asks for the quick fixes, applies them
-- with its own workspace-edit code, and writes the buffers out.
--
-- Input, from the environment:
--   HC_SERVER  the server command, words separated by tabs
--   HC_ROOT    the root setting (a system under a folder)
--   HC_FILE    the file to open
--   HC_OUT     where to write the file's buffer after the fixes
--   HC_OUT2    where to write the buffer of the included file the second fix edits
--   HC_REPORT  where to write what happened, as JSON
-- Neovim exits with status 0 when the script ran to its end, 1 (cquit) on an error, which
-- the report then names.

local report = {steps = {}}

local function save_report()
  local file = assert(io.open(os.getenv('HC_REPORT'), 'w'))
  file:write(vim.fn.json_encode(report))
  file:close()
end

local function step(name)
  table.insert(report.steps, name)
end

local function wait_for(what, predicate)
  if not vim.wait(20000, predicate, 20) then error('timed out waiting for ' .. what) end
end

local function codes(bufnr)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do table.insert(found, d.code) end
  table.sort(found)
  return found
end

local function diagnostic_of(bufnr, code)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == code then return d end
  end
end

-- The quick fix of a rule at its diagnostic, asked for through Neovim's client.
local function quick_fix(bufnr, code)
  local d = assert(diagnostic_of(bufnr, code), 'no diagnostic ' .. code)
  local range = {start = {line = d.lnum, character = d.col}, ['end'] = {line = d.end_lnum, character = d.end_col}}
  local lsp_diagnostic = vim.tbl_extend('keep', {range = range, message = d.message, severity = d.severity, code = d.code, source = d.source}, d.user_data.lsp)
  local params = {textDocument = {uri = vim.uri_from_bufnr(bufnr)}, range = range, context = {diagnostics = {lsp_diagnostic}, only = {'quickfix'}}}
  local responses = assert(vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 20000), 'no answer to codeAction')
  for _, response in pairs(responses) do
    assert(not response.err, vim.inspect(response.err))
    for _, action in ipairs(response.result or {}) do
      table.insert(report.titles, action.title)
      if action.title:find('(' .. code .. ')', 1, true) then return action end
    end
  end
  error('no quick fix for ' .. code)
end

local function main()
  local cmd = vim.split(os.getenv('HC_SERVER'), '\t', {plain = true})
  local client_id = assert(vim.lsp.start_client({
    name = 'harden-config',
    cmd = cmd,
    init_options = {root = os.getenv('HC_ROOT')},
    on_exit = function(code) report.server_exit = code end,
  }), 'the server did not start')
  step('started')

  vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('HC_FILE')))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(bufnr, client_id)
  wait_for('diagnostics', function() return #vim.diagnostic.get(bufnr) > 0 end)
  report.codes = codes(bufnr)
  local password = diagnostic_of(bufnr, 'sshd/password-authentication')
  report.password = {message = password.message, lnum = password.lnum, severity = password.severity, href = password.user_data.lsp.codeDescription.href}
  step('diagnostics')

  report.titles = {}
  local x11 = quick_fix(bufnr, 'sshd/x11-forwarding')
  vim.lsp.util.apply_workspace_edit(x11.edit, 'utf-16')
  -- Neovim sends the change; the server checks again, and the finding goes.
  wait_for('the X11 finding to go', function() return diagnostic_of(bufnr, 'sshd/x11-forwarding') == nil end)
  report.codes_after = codes(bufnr)
  step('x11 fixed')

  -- A fix in another file: the drop-in, opened by Neovim's own workspace-edit code.
  local drop_in_fix = quick_fix(bufnr, 'sshd/password-authentication')
  report.drop_in_fix_title = drop_in_fix.title
  vim.lsp.util.apply_workspace_edit(drop_in_fix.edit, 'utf-16')
  local drop_in_uri = next(drop_in_fix.edit.changes)
  local drop_in_buf = vim.uri_to_bufnr(drop_in_uri)
  vim.api.nvim_buf_call(drop_in_buf, function() vim.cmd('silent write! ' .. vim.fn.fnameescape(os.getenv('HC_OUT2'))) end)
  step('drop-in fixed')

  vim.api.nvim_buf_call(bufnr, function() vim.cmd('silent write! ' .. vim.fn.fnameescape(os.getenv('HC_OUT'))) end)
  step('written')

  vim.lsp.stop_client(client_id)
  wait_for('the server to exit', function() return report.server_exit ~= nil end)
  step('stopped')
end

local ok, err = pcall(main)
if not ok then report.error = tostring(err) end
save_report()
vim.cmd(ok and 'qa!' or 'cquit 1')
