-- Drives a real Neovim (headless) against the language server: open a draft, start the
-- server the way a user's config would, wait for diagnostics, ask for a completion and a
-- code action, write what the editor holds as JSON, quit. Works with Neovim 0.7 and later.
local draft = os.getenv('RATSFEDER_DRAFT')
local out = os.getenv('RATSFEDER_OUT')
local cmd = vim.fn.json_decode(os.getenv('RATSFEDER_CMD'))

local function finish(result)
  local file = io.open(out, 'w')
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.cmd('qa!')
end

vim.cmd('edit ' .. vim.fn.fnameescape(draft))
local bufnr = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({ name = 'ratsfeder', cmd = cmd, root_dir = vim.fn.fnamemodify(draft, ':h') })
if not client_id then
  return finish({ error = 'the server did not start' })
end
vim.lsp.buf_attach_client(bufnr, client_id)

local ok = vim.wait(20000, function()
  return #vim.diagnostic.get(bufnr) > 0
end, 50)
if not ok then
  return finish({ error = 'no diagnostics within 20 s' })
end

local diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  table.insert(diagnostics, { lnum = d.lnum, col = d.col, severity = d.severity, message = d.message, code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) })
end

-- Completion on the last line, which holds an unfinished heading "## Beg".
local last = vim.api.nvim_buf_line_count(bufnr) - 1
local line = vim.api.nvim_buf_get_lines(bufnr, last, last + 1, false)[1]
local completion = vim.lsp.buf_request_sync(bufnr, 'textDocument/completion', {
  textDocument = { uri = vim.uri_from_bufnr(bufnr) },
  position = { line = last, character = #line },
}, 10000)
local labels = {}
for _, response in pairs(completion or {}) do
  local items = response.result and (response.result.items or response.result) or {}
  for _, item in ipairs(items) do
    table.insert(labels, item.label)
  end
end

-- The quick fix for the nummer-form finding, asked for over its whole line and applied.
local fixed = nil
for _, d in ipairs(diagnostics) do
  if d.code == 'nummer-form' then
    local actions = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', {
      textDocument = { uri = vim.uri_from_bufnr(bufnr) },
      range = { start = { line = d.lnum, character = 0 }, ['end'] = { line = d.lnum, character = 10000 } },
      context = { diagnostics = {} },
    }, 10000)
    for _, response in pairs(actions or {}) do
      for _, action in ipairs(response.result or {}) do
        if action.edit and action.title:find('VIII%-DS%-00815') then
          vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16')
          fixed = vim.api.nvim_buf_get_lines(bufnr, d.lnum, d.lnum + 1, false)[1]
        end
      end
    end
    break
  end
end

finish({ diagnostics = diagnostics, completion = labels, fixed = fixed })
