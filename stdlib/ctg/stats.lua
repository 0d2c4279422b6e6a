-- ctg.stats — the statistics an analyst expects in a script: mean, median, quantile, weighted
-- mean, over a list of numbers (a column of a table: t:column("value")). An empty list has
-- no mean: nil ("not available", as everywhere in ctg), never 0. A list that holds anything
-- but numbers is an error at the script's line naming the item; so is a quantile outside 0-1.
--
--   local stats = ctg.stats
--   stats.mean({12, 15, 9})                    --> 12
--   stats.median({12, 15, 9, 30})               --> 13.5
--   stats.quantile({1, 2, 3, 4, 5}, 0.9)        --> 4.6
--   stats.weighted_mean({10, 20}, {1, 3})       --> 17.5
local blame = require("ctg.blame")
local msg = require("ctg.msg")

local stats = {}

local function describe(v)
  if type(v) == "string" then return string.format("%q", v) end
  if type(v) == "number" then return require("ctg.fmt").number(v) end
  return tostring(v == nil and "nil" or type(v))
end

-- The numbers of list (a sequence), checked: an error at the script's line otherwise.
local function numbers(fn, list)
  if type(list) ~= "table" then
    blame.raise_user(msg.text("analysis.not-list", { fn = fn, got = describe(list) }))
  end
  local n = #list
  for i = 1, n do
    local x = list[i]
    if type(x) ~= "number" or x ~= x then
      blame.raise_user(msg.text("analysis.not-number", { fn = fn, i = i, got = describe(x) }))
    end
  end
  return n
end

--- The arithmetic mean of a list of numbers; nil for an empty list.
function stats.mean(list)
  local n = numbers("ctg.stats.mean", list)
  if n == 0 then return nil end
  local sum = 0
  for i = 1, n do sum = sum + list[i] end
  return sum / n
end

--- The sum of a list of numbers (0 for an empty list: a sum of nothing is nothing).
function stats.sum(list)
  local n = numbers("ctg.stats.sum", list)
  local sum = 0
  for i = 1, n do sum = sum + list[i] end
  return sum
end

-- The quantile p of list, already checked: linear interpolation between the two closest
-- ranks (R's type 7, pandas' and Excel's CENTILE.INCLURE): position (n - 1) p from 0.
local function quantile(list, n, p)
  if n == 0 then return nil end
  local sorted = table.move(list, 1, n, 1, {})
  table.sort(sorted)
  local h = (n - 1) * p
  local lo = math.floor(h)
  local below, above = sorted[lo + 1], sorted[math.min(lo + 2, n)]
  if h == lo then return below end
  return below + (h - lo) * (above - below)
end

--- The quantile p (0 to 1) of a list of numbers, interpolated between ranks as R (type 7),
--- pandas and Excel's CENTILE.INCLURE do; nil for an empty list. p outside 0-1 is an error.
function stats.quantile(list, p)
  local n = numbers("ctg.stats.quantile", list)
  if type(p) ~= "number" or p ~= p or p < 0 or p > 1 then
    blame.raise_user(msg.text("analysis.quantile-range", { fn = "ctg.stats.quantile", got = describe(p) }))
  end
  return quantile(list, n, p)
end

--- The median (the quantile 0.5) of a list of numbers; nil for an empty list.
function stats.median(list)
  return quantile(list, numbers("ctg.stats.median", list), 0.5)
end

--- The mean of values weighted by weights (two lists of the same length, weights ≥ 0):
--- Σ value × weight / Σ weight — the mean of scores weighted by their respondents, of rates
--- by their populations. nil when the weights sum to 0 (nothing to weigh).
function stats.weighted_mean(values, weights)
  local fn = "ctg.stats.weighted_mean"
  local n, m = numbers(fn, values), numbers(fn, weights)
  if n ~= m then blame.raise_user(msg.text("analysis.weights-length", { fn = fn, n = n, m = m })) end
  local sum, total = 0, 0
  for i = 1, n do
    local w = weights[i]
    if w < 0 then blame.raise_user(msg.text("analysis.weight-negative", { fn = fn, i = i, got = describe(w) })) end
    sum, total = sum + values[i] * w, total + w
  end
  if total == 0 then return nil end
  return sum / total
end

return stats
