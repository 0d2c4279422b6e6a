-- ctg.msg.contain — the sentences of containment: what code and projects from others
-- (plans, custom rules, report scripts, avenants, cloned projects, hand-altered databases)
-- are refused, and why. Paths and names are given as they were written.
local fr = {
  ["contain.error-object"] = "(erreur sans message : une valeur de type {type})",
}

local en = {
  ["contain.error-object"] = "(error without a message: a {type} value)",
}

return { fr = fr, en = en }
