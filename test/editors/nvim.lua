-- Drives a real Neovim (headless) against the language server: load the configuration a user
-- would have (RATSFEDER_CONFIG, the snippet from README.md), open a draft, wait for
-- diagnostics, ask for completions and a code action, write what the editor holds as JSON to
-- RATSFEDER_OUT, quit. RATSFEDER_TYPE is a document-number prefix, typed once into the front
-- matter's `bezug:` and once into the text. Works with Neovim 0.7 and later.
local draft = os.getenv('RATSFEDER_DRAFT')
local out = os.getenv('RATSFEDER_OUT')
local typed = os.getenv('RATSFEDER_TYPE')

local function finish(result)
  local file = io.open(out, 'w')
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.cmd('qa!')
end

local loaded, problem = pcall(dofile, os.getenv('RATSFEDER_CONFIG'))
if not loaded then
  return finish({ error = 'the configuration failed: ' .. tostring(problem) })
end

vim.cmd('edit ' .. vim.fn.fnameescape(draft))
local bufnr = vim.api.nvim_get_current_buf()
local function clients()
  return vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = bufnr }) or vim.lsp.buf_get_clients(bufnr)
end
-- A client counts as attached once the server answered `initialize`.
if not vim.wait(20000, function() return next(clients()) ~= nil end, 50) then
  return finish({ error = 'no server attached within 20 s (filetype ' .. vim.bo[bufnr].filetype .. ')' })
end
local root_dir = nil
for _, client in pairs(clients()) do
  root_dir = client.config.root_dir
end

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

local function complete(line, character)
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/completion', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = { line = line, character = character },
  }, 10000)
  local items = {}
  for _, response in pairs(responses or {}) do
    for _, item in ipairs(response.result and (response.result.items or response.result) or {}) do
      table.insert(items, item)
    end
  end
  return items
end

-- Completion on the last line, which holds an unfinished heading "## Beg".
local last = vim.api.nvim_buf_line_count(bufnr) - 1
local line = vim.api.nvim_buf_get_lines(bufnr, last, last + 1, false)[1]
local labels = {}
for _, item in ipairs(complete(last, #line)) do
  table.insert(labels, item.label)
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

-- Document numbers from the register: type the prefix as a new last line of the front
-- matter and as a new last line of the text, and complete at its end. The server reads the
-- register after it started, so the first answers may still be empty.
local function complete_typed(at, text)
  vim.api.nvim_buf_set_lines(bufnr, at, at, false, { text })
  local deadline = vim.loop.now() + 20000
  local items = complete(at, #text)
  while #items == 0 and vim.loop.now() < deadline do
    vim.wait(100)
    items = complete(at, #text)
  end
  local found = {}
  for _, item in ipairs(items) do
    table.insert(found, { label = item.label, detail = item.detail, description = item.labelDetails and item.labelDetails.description, textEdit = item.textEdit })
  end
  return { line = text, items = found }
end
local fence = nil
for index, text in ipairs(vim.api.nvim_buf_get_lines(bufnr, 1, -1, false)) do
  if text == '---' then
    fence = index
    break
  end
end
local bezug = complete_typed(fence, 'bezug: ' .. typed)
local body = complete_typed(vim.api.nvim_buf_line_count(bufnr), 'Siehe auch ' .. typed)

finish({ root_dir = root_dir, diagnostics = diagnostics, completion = labels, fixed = fixed, bezug = bezug, body = body })
