-- ctg.msg.check — words of the plan checks that other messages embed.
local fr = {
  -- the keys plan.labels accepts (French first, English accepted)
  ["check.levels"] = "{french} (ou en anglais {english})",
}

local en = {
  ["check.levels"] = "{english} (or in French {french})",
}

return { fr = fr, en = en }
