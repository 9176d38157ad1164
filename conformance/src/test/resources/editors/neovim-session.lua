-- An editing session in Neovim's built-in LSP client against `lumen lsp`, run headless by NeovimLspTest:
-- open the document, wait for the server's diagnostics, go to the definition of the name under the cursor,
-- format the document. What it saw is written as JSON to $LUMEN_E2E_OUT; then Neovim quits.
-- Written for Neovim 0.7 (Debian 12's), whose API lacks vim.lsp.start and vim.lsp.buf.format.
local out = vim.env.LUMEN_E2E_OUT
local seen = { steps = {} }

local function finish()
  local file = io.open(out, 'w')
  file:write(vim.fn.json_encode(seen))
  file:close()
  vim.cmd('qa!')
end

local function step(name, fn)
  local ok, err = pcall(fn)
  table.insert(seen.steps, { name = name, ok = ok, error = ok and vim.NIL or tostring(err) })
  return ok
end

local function run()
  vim.cmd('edit ' .. vim.fn.fnameescape(vim.env.LUMEN_E2E_DOC))
  local buf = vim.api.nvim_get_current_buf()
  local client = vim.lsp.start_client({
    name = 'lumen',
    cmd = { vim.env.LUMEN_E2E_LUMEN, 'lsp' },
    root_dir = vim.fn.fnamemodify(vim.env.LUMEN_E2E_DOC, ':h'),
  })
  assert(client, 'the client did not start')
  assert(vim.lsp.buf_attach_client(buf, client), 'the client did not attach')

  if not step('diagnostics', function()
    assert(vim.wait(60000, function() return #vim.diagnostic.get(buf) > 0 end, 50), 'no diagnostics within 60 s')
    seen.diagnostics = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      table.insert(seen.diagnostics, { lnum = d.lnum, col = d.col, code = d.code, message = d.message,
        severity = d.severity })
    end
  end) then return end

  step('definition', function()
    local line, col = tonumber(vim.env.LUMEN_E2E_DEF_LINE), tonumber(vim.env.LUMEN_E2E_DEF_COL)
    vim.api.nvim_win_set_cursor(0, { line + 1, col })
    vim.lsp.buf.definition()
    assert(vim.wait(20000, function()
      local pos = vim.api.nvim_win_get_cursor(0)
      return pos[1] ~= line + 1 or pos[2] ~= col
    end, 50), 'the cursor did not move within 20 s')
    local pos = vim.api.nvim_win_get_cursor(0)
    seen.definition = { lnum = pos[1] - 1, col = pos[2], buffer = vim.api.nvim_buf_get_name(0) }
  end)

  step('formatting', function()
    vim.lsp.buf.formatting_sync(nil, 20000)
    seen.formatted = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n') .. '\n'
  end)
end

local ok, err = pcall(run)
if not ok then
  table.insert(seen.steps, { name = 'session', ok = false, error = tostring(err) })
end
finish()
