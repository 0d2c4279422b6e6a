-- ctg.suggest — "did you mean …?" for misspelt field names, codes and territories.
local suggest = {}

-- Accented letters of French names and their base letter (upper case folds the same way).
local FOLD = {}
for base, letters in pairs({ a = "àâäáãåÀÂÄÁÃÅ", c = "çÇ", e = "éèêëÉÈÊË", i = "îïíìÎÏÍÌ", o = "ôöóòõÔÖÓÒÕ",
                             u = "ûüùúÛÜÙÚ", y = "ÿýŸÝ", n = "ñÑ", oe = "œŒ", ae = "æÆ" }) do
  for _, cp in utf8.codes(letters) do FOLD[utf8.char(cp)] = base end
end

--- A name folded for matching: lower case, without accents, one space for any run of spaces,
--- hyphens, apostrophes or dots ("Trélon", "TRELON", "trelon" fold alike; so do
--- "Saint-Hilaire" and "saint hilaire").
function suggest.fold(s)
  s = tostring(s):gsub("[\xC3\xC5\xC5][\x80-\xBF]", function(c) return FOLD[c] end)
  s = s:gsub("\xE2\x80\x99", "'")
  s = s:lower():gsub("[%s%-'%.]+", " ")
  return (s:gsub("^ ", ""):gsub(" $", ""))
end

--- A place name folded for matching (suggest.fold), its abbreviated "St"/"Ste" words read
--- as "Saint"/"Sainte": sources write "St-Amand-les-Eaux" where the plan says
--- "Saint-Amand-les-Eaux", and both must name the same commune.
function suggest.place(s)
  local key = " " .. suggest.fold(s) .. " "
  key = key:gsub(" st ", " saint "):gsub(" st ", " saint "):gsub(" ste ", " sainte "):gsub(" ste ", " sainte ")
  return (key:sub(2, -2))
end

--- A word without its accents, its case kept otherwise ("période" -> "periode",
--- "réunions_par_an" -> "reunions_par_an"): how an accented French name is matched to the
--- ASCII name the vocabulary declares.
function suggest.unaccent(s)
  s = tostring(s)
  if not s:find("[\xC3\xC5]") then return s end -- most names: nothing to fold, no new string
  return (s:gsub("[\xC3\xC5][\x80-\xBF]", function(c) return FOLD[c] end))
end

--- Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), on bytes.
function suggest.distance(a, b)
  local la, lb = #a, #b
  if la == 0 then return lb end
  if lb == 0 then return la end
  local prev2, prev = {}, {}
  for j = 0, lb do prev[j] = j end
  for i = 1, la do
    local cur = { [0] = i }
    local ca = a:byte(i)
    for j = 1, lb do
      local cb = b:byte(j)
      local cost = ca == cb and 0 or 1
      local v = math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
      if i > 1 and j > 1 and ca == b:byte(j - 1) and a:byte(i - 1) == cb then
        v = math.min(v, prev2[j - 2] + 1)
      end
      cur[j] = v
    end
    prev2, prev = prev, cur
  end
  return prev[lb]
end

-- Names this long are not typos of a name: no suggestion, and the work stays bounded
-- (at most MAX_LENGTH² steps per candidate), whatever a hostile file holds.
suggest.MAX_LENGTH = 100

--- The candidate closest to word, if close enough to be a plausible typo (case-insensitive);
--- ties go to the first candidate in sorted order, so the answer is deterministic.
function suggest.closest(word, candidates)
  if type(word) ~= "string" or #word >= suggest.MAX_LENGTH then return nil end
  local lw = word:lower()
  local limit = math.max(1, math.min(3, #word // 3))
  local best, best_d
  local sorted = {}
  for _, c in ipairs(candidates) do sorted[#sorted + 1] = tostring(c) end
  table.sort(sorted)
  for _, c in ipairs(sorted) do
    -- lengths further apart than the limit cannot be within it
    if #c < suggest.MAX_LENGTH and math.abs(#c - #lw) <= limit then
      local d = suggest.distance(lw, c:lower())
      if d <= limit and (not best_d or d < best_d) then best, best_d = c, d end
    end
  end
  return best
end

return suggest
