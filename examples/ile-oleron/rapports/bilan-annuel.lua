-- Le bilan annuel fourni par ctg, tel quel (le taux de l'EPCI avec ses communes, les cibles,
-- les constats) : copiez le script de ctg (scripts/bilan-annuel.lua) ici pour l'adapter.
---@type ctg.ReportContext
local ctx = ...
return ctx.stock("bilan-annuel")
