-- ctg.msg.contain — the sentences of containment: what code and projects from others
-- (plans, custom rules, report scripts, avenants, cloned projects, hand-altered databases)
-- are refused, and why. Paths and names are given as they were written.
local fr = {
  ["contain.error-object"] = "(erreur sans message : une valeur de type {type})",
  ["lint.control-characters"] = "le champ « {field} » {of} contient des caractères de contrôle " ..
    "(séquences d'échappement, commandes du terminal ou inversions du sens d'écriture) : « {text} » ; " ..
    "ils sont montrés échappés dans la console, retirez-les du texte",
}

local en = {
  ["contain.error-object"] = "(error without a message: a {type} value)",
  ["lint.control-characters"] = "field '{field}' {of} holds control characters (escape sequences, " ..
    "terminal commands or reversed writing direction): '{text}'; they are shown escaped on the console, " ..
    "remove them from the text",
}

return { fr = fr, en = en }
