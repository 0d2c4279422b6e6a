-- ctg.csvw — CSV out: French spreadsheet dialect (";", decimal comma, UTF-8 BOM, CRLF: what
-- Excel FR opens as is) or international (",", ".", LF).
local csvw = {}

--- One cell: numbers in the dialect's decimal mark (shortest exact form); text neutralised
--- against formula injection (csvw.neutralise: every CSV ctg writes goes through here),
--- quoted when needed.
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
    return s -- digits, sign, mark, exponent: never quoted
  else
    s = csvw.neutralise(tostring(v))
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
  local function line(r)
    local cells = {}
    for i = 1, #header do cells[i] = csvw.cell(r[i], dialect) end
    return table.concat(cells, sep)
  end
  local lines = { (dialect == "french" and "\239\187\191" or "") .. line(header) }
  for _, r in ipairs(rows) do lines[#lines + 1] = line(r) end
  return table.concat(lines, eol) .. eol
end

--- The dialects by name: "french" (";", decimal comma, BOM, CRLF) and "intl" (",", ".", LF).
csvw.DIALECTS = { "french", "intl" }

--- Checks a dialect name (nil means "french"); returns it. Raises on anything else.
function csvw.dialect(name)
  if name == nil then return "french" end
  if name == "french" or name == "intl" then return name end
  error("csvw: unknown CSV dialect " .. (type(name) == "string" and string.format("%q", name) or type(name))
        .. " (expected french or intl)", 2)
end

--- Neutralises text against formula injection: a text starting with "=", "+", "-", "@", a tab
-- or a carriage return is prefixed with "'" so that a spreadsheet shows it instead of
-- evaluating it (OWASP "CSV injection"). Numbers written by csvw.cell are never passed here.
function csvw.neutralise(s)
  if s:match("^[=+%-@\t\r]") then return "'" .. s end
  return s
end

--- One cell as csvw.cell writes it (text neutralised, numbers as numbers: a raw -2 stays
-- -2), except that NaN and ±inf, like nil, are empty.
function csvw.safe_cell(v, dialect)
  if type(v) == "number" and (v ~= v or v == math.huge or v == -math.huge) then return "" end
  return csvw.cell(v, dialect)
end

--- A whole document like csvw.document, every cell (header included) through csvw.safe_cell;
-- rows may have holes (nil cells are empty). dialect: "french" (default) or "intl".
function csvw.safe_document(header, rows, dialect)
  dialect = csvw.dialect(dialect)
  local sep = dialect == "french" and ";" or ","
  local eol = dialect == "french" and "\r\n" or "\n"
  local function line(r)
    local cells = {}
    for i = 1, #header do cells[i] = csvw.safe_cell(r[i], dialect) end
    return table.concat(cells, sep)
  end
  local lines = { (dialect == "french" and "\239\187\191" or "") .. line(header) }
  for _, r in ipairs(rows) do lines[#lines + 1] = line(r) end
  return table.concat(lines, eol) .. eol
end

return csvw
