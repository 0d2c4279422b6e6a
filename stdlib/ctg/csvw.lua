-- ctg.csvw — CSV out: French spreadsheet dialect (";", decimal comma, UTF-8 BOM, CRLF: what
-- Excel FR opens as is) or international (",", ".", LF).
local csvw = {}

--- One cell: numbers in the dialect's decimal mark (shortest exact form), quoted when needed.
function csvw.cell(v, dialect)
  if v == nil then return "" end
  local s
  if type(v) == "number" then
    if math.type(v) == "integer" then
      s = tostring(v)
    else
      s = string.format("%.15g", v)
      if tonumber(s) ~= v then s = string.format("%.17g", v) end
    end
    if dialect == "french" then s = s:gsub("%.", ",") end
  else
    s = tostring(v)
  end
  local sep = dialect == "french" and ";" or ","
  if s:find('[' .. sep .. '"\r\n]') or s:match("^%s") or s:match("%s$") then
    s = '"' .. s:gsub('"', '""') .. '"'
  end
  return s
end

--- A whole document: header (list of names) and rows (lists of values, same length).
function csvw.document(header, rows, dialect)
  local sep = dialect == "french" and ";" or ","
  local eol = dialect == "french" and "\r\n" or "\n"
  local lines = { (dialect == "french" and "\239\187\191" or "") .. table.concat(header, sep) }
  for _, r in ipairs(rows) do
    local cells = {}
    for i = 1, #header do cells[i] = csvw.cell(r[i], dialect) end
    lines[#lines + 1] = table.concat(cells, sep)
  end
  return table.concat(lines, eol) .. eol
end

return csvw
