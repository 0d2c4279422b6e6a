-- ctg.csv_words — the CSV reader's problems (host/read/csv.c writes them in English, for its C
-- callers too) in the user's language. Lowest layer: the import (ctg.import) and the
-- scripts' reader (ctg.csv.read, in ctg.csvfile) word them the same way.
local msg = require("ctg.msg")

local csv_words = {}

-- Each known problem of the reader and its catalogue message.
local CSV_WORDS = {
  { "^the file is not UTF%-8 %(it looks like Windows%-1252", "import.csv.cp1252" },
  { "^the file mixes UTF%-8 and another encoding %(byte 0x(%x+)", "import.csv.mixed", "byte" },
  { "^the byte 0x(%x+) is not a character in Windows%-1252", "import.csv.undefined-byte", "byte" },
  { "^invalid UTF%-16 %(the file ends in the middle", "import.csv.utf16-odd" },
  { "^invalid UTF%-16 %(an unpaired surrogate", "import.csv.utf16-surrogate" },
  { "^the file has no UTF%-16 byte order mark", "import.csv.no-bom" },
  { "^the file starts with a UTF%-8 BOM: it is UTF%-8, not (.*)$", "import.csv.utf8-bom", "encoding" },
  { "^the file is not UTF%-8 %(byte 0x(%x+)%)", "import.csv.not-utf8", "byte" },
  { "^unexpected NUL byte", "import.csv.nul" },
  { "^the file is UTF%-16", "import.csv.utf16" },
  { "^this is a spreadsheet file", "import.csv.spreadsheet" },
  { "^empty file, expected a header line", "import.csv-empty" },
  { "^record longer than 1 MiB", "import.csv.long" },
  { "^more than (%d+) fields", "import.csv.fields", "n" },
  { "^unterminated quoted field", "import.csv.unterminated" },
  { "^unexpected text after the closing quote", "import.csv.after-quote" },
  { "^out of memory", "import.csv.memory" },
  { "^read error: (.*)$", "import.csv.read", "reason" },
  { "^cannot open: (.*)$", "import.csv.open", "reason" },
}

-- the problems whose advice is --encoding: through a mapping (which refuses the option) the
-- advice is the mapping's dialect, named with its place
local MAPPED_WORDS = { ["import.csv.cp1252"] = true, ["import.csv.mixed"] = true, ["import.csv.undefined-byte"] = true }

--- A problem of the reader in the user's language: its catalogue message, else as written;
--- mapping (optional): the source the file was read through.
function csv_words.translate(problem, mapping)
  for _, w in ipairs(CSV_WORDS) do
    local found = problem:match(w[1])
    if found then
      local vars = w[3] and { [w[3]] = found } or {}
      if mapping and MAPPED_WORDS[w[2]] then
        vars.id, vars.where = mapping.id, mapping.file .. ":" .. mapping.line
        return msg.text(w[2] .. ".mapped", vars)
      end
      return msg.text(w[2], vars)
    end
  end
  return problem
end

return csv_words
