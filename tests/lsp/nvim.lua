-- nvim.lua -- Neovim's own LSP client (0.7+) against pgtlslint lsp: open a
-- file, wait for the diagnostics, apply the quick fix as a user would,
-- see the buffer change and the diagnostics follow it; hover.
-- Run by tests/lsp/nvim.sh; writes "ok ..." or "FAIL ..." to $PGT_OUT.
local bin, out = os.getenv('PGT_BIN'), os.getenv('PGT_OUT')

local function finish(ok, msg)
  local f = io.open(out, 'w')
  f:write((ok and 'ok ' or 'FAIL ') .. msg .. '\n')
  f:close()
  vim.cmd(ok and 'qall!' or 'cquit!')
end

local function codes(buf)
  local c = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(c, tostring(d.code))
  end
  table.sort(c)
  return table.concat(c, ',')
end

local buf = vim.api.nvim_get_current_buf()
local id = vim.lsp.start_client({
  name = 'pgtlslint',
  cmd = { bin, 'lsp' },
  root_dir = vim.fn.getcwd(),
})
if not id then return finish(false, 'the client did not start') end
vim.lsp.buf_attach_client(buf, id)

if not vim.wait(15000, function() return codes(buf) ~= '' end, 20) then
  return finish(false, 'no diagnostics')
end
if codes(buf) ~= 'PGT301' then
  return finish(false, 'diagnostics ' .. codes(buf) .. ', want PGT301')
end
local d = vim.diagnostic.get(buf)[1]
local line = vim.api.nvim_buf_get_lines(buf, d.lnum, d.lnum + 1, true)[1]
if line:sub(d.col + 1, d.end_col) ~= 'disable' then
  return finish(false, 'the diagnostic marks "' ..
    line:sub(d.col + 1, d.end_col) .. '", not disable')
end

-- hover on the finding: the rule's explanation
local hover = vim.lsp.buf_request_sync(buf, 'textDocument/hover', {
  textDocument = vim.lsp.util.make_text_document_params(buf),
  position = { line = d.lnum, character = d.col },
}, 5000)
local value = hover and hover[id] and hover[id].result and
  hover[id].result.contents.value or ''
if not value:find('What it does', 1, true) then
  return finish(false, 'hover lacks the explanation: ' .. value)
end

-- the quick fix, applied as :lua vim.lsp.buf.code_action() would
local res = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', {
  textDocument = vim.lsp.util.make_text_document_params(buf),
  range = { start = { line = d.lnum, character = 0 },
            ['end'] = { line = d.lnum, character = 0 } },
  context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf, d.lnum) },
}, 5000)
local fix
for _, a in ipairs(res and res[id] and res[id].result or {}) do
  if a.title:find('^Fix PGT301') then fix = a end
end
if not fix then return finish(false, 'no quick fix offered') end
vim.lsp.util.apply_workspace_edit(fix.edit, 'utf-16')
line = vim.api.nvim_buf_get_lines(buf, d.lnum, d.lnum + 1, true)[1]
if not line:find('sslmode=verify-full', 1, true) then
  return finish(false, 'the buffer after the fix: ' .. line)
end
-- the edit reached the server as didChange: PGT301 gives way to PGT307
if not vim.wait(15000, function() return codes(buf) == 'PGT307' end, 20) then
  return finish(false, 'after the fix, diagnostics ' .. codes(buf))
end
local disk = io.open(vim.api.nvim_buf_get_name(buf)):read('*a')
if not disk:find('sslmode=disable', 1, true) then
  return finish(false, 'the file on disk was written')
end
vim.lsp.stop_client(id)
finish(true, 'diagnostics, hover and the quick fix in Neovim ' ..
  tostring(vim.version().major) .. '.' .. tostring(vim.version().minor))
