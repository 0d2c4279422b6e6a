-- ctg.xlsx_write — a list of sheets written as an .xlsx workbook (libxlsxwriter, ctg.xlsx):
-- header row frozen, column widths set, long texts wrapped and whole, numbers as numbers.
-- Lowest layer: a datatable (t:write("x.xlsx")) and the report renderer (ctg.render.xlsx)
-- write through it.
--
-- A sheet is { name, caption?, columns = { "…" }, rows = { { cell, … } }, notes? } where a
-- cell is a string, a number, nil, or { value = number, format = "#,##0" }. The file is
-- written next to its target under a temporary name and renamed, so that a failure never
-- leaves half a workbook under the target's name.
local xlsx_write = {}

local MAX_WIDTH, MIN_WIDTH = 60, 6
local HEADER_FILL = 0xE4EAF3

--- A sheet name Excel accepts: at most 31 characters (cut on a character, never inside
--- one), none of []:*?/\, unique in the workbook (" (2)", " (3)"… on repeats).
function xlsx_write.sheet_name(title, used)
  local clean = title:gsub("[%[%]:%*%?/\\]", " "):gsub("%s+", " "):gsub("^ ", ""):gsub(" $", "")
  if clean == "" or clean:lower() == "history" then clean = "Tableau" end
  local function cut(s, n)
    if utf8.len(s) <= n then return s end
    return s:sub(1, utf8.offset(s, n + 1) - 1)
  end
  local name, k = cut(clean, 31), 1
  while used[name:lower()] do
    k = k + 1
    local suffix = " (" .. k .. ")"
    name = cut(clean, 31 - #suffix) .. suffix
  end
  used[name:lower()] = true
  return name
end

local function text_length(v)
  if type(v) == "table" then v = v.value end
  if v == nil then return 0 end
  local s = type(v) == "number" and string.format("%.2f", v) or tostring(v)
  return utf8.len(s) or #s
end

--- Writes sheets to path; created (seconds since the epoch, optional) fixes the date the
--- file records. Raises "xlsx: …" on failure, leaving nothing at path.
function xlsx_write.write(path, sheets, created)
  -- libxlsxwriter writes into a private temporary file (os.tmpname: created exclusively,
  -- never a planted link); the result reaches path the all-or-nothing way of every output
  local tmp = os.tmpname()
  local wb = require("ctg.xlsx").workbook(tmp, { created = created })
  local ok, err = pcall(function()
    local formats = {}
    local function format_of(code, wrap)
      local key = (code or "") .. (wrap and "|wrap" or "")
      if not formats[key] then formats[key] = wb:format { num = code, wrap = wrap, top = true } end
      return formats[key]
    end
    local header = wb:format { bold = true, wrap = true, fill = HEADER_FILL, top = true }
    local title = wb:format { bold = true }
    local used = {}
    for _, s in ipairs(sheets) do
      local ws = wb:sheet(xlsx_write.sheet_name(s.name, used))
      local row = 0
      if s.caption then
        ws:write(0, 0, s.caption, title)
        row = 1
      end
      local widths = {}
      for j, c in ipairs(s.columns) do
        ws:write(row, j - 1, c, header)
        widths[j] = math.max(MIN_WIDTH, math.min(text_length(c), 24))
      end
      ws:freeze(row + 1, 1)
      for _, r in ipairs(s.rows) do
        for j = 1, #s.columns do widths[j] = math.max(widths[j], text_length(r[j])) end
      end
      for i, r in ipairs(s.rows) do
        for j = 1, #s.columns do
          local v = r[j]
          if type(v) == "table" then
            ws:write(row + i, j - 1, v.value, format_of(v.format))
          elseif type(v) == "number" then
            ws:write(row + i, j - 1, v, format_of(math.type(v) == "integer" and "#,##0" or "#,##0.00"))
          elseif v ~= nil then
            ws:write(row + i, j - 1, v, format_of(nil, widths[j] > MAX_WIDTH))
          end
        end
      end
      for j, w in ipairs(widths) do ws:column(j - 1, math.min(w, MAX_WIDTH) + 2) end
      if s.notes then
        local at = row + #s.rows + 2
        ws:write(at, 0, "Notes", title)
        for i, n in ipairs(s.notes) do ws:write(at + i, 0, i .. ". " .. n) end
      end
    end
  end)
  if not ok then
    wb = nil
    collectgarbage()
    os.remove(tmp)
    error(err, 0)
  end
  local closed, why = wb:close()
  if not closed then
    os.remove(tmp)
    error("xlsx: cannot write " .. path .. ": " .. tostring(why), 0)
  end
  local f = io.open(tmp, "rb")
  local bytes = f and f:read("a")
  if f then f:close() end
  os.remove(tmp)
  local written, werr = require("ctg.sys").write_file(path, bytes or "")
  if not bytes or not written then
    error("xlsx: " .. (werr or ("cannot write " .. path)), 0)
  end
end

return xlsx_write
