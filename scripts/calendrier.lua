-- Calendrier : les étapes du plan, prévues et réalisées, année par année. Le calendrier
-- d'origine a pu être perdu (c'est le cas du plan de Clermont-Ferrand) : les étapes sans
-- années prévues sont montrées comme « calendrier inconnu », jamais inventées. Un plan sans
-- étapes le dit ; les niveaux sont nommés comme le plan les nomme.
--
--   ctg report scripts/calendrier.lua --period 2023 -o calendrier.html
local ctx = ...
local present = ctx.present
local plan, db = ctx.plan, ctx.db
local years = {}
for y = plan.period[1], plan.period[2] do years[#years + 1] = y end

-- step code -> {[year] = status}: the latest status recorded for each year
local actual = {}
for _, r in ipairs(db:step_progress{plan = plan.id}) do
  local y = tonumber(r.period:sub(1, 4))
  actual[r.step] = actual[r.step] or {}
  actual[r.step][y] = r.status
end

local L = function(level) return present.level(plan, level) end
local l = function(level) return present.level_lower(plan, level) end

local doc = ctx.report.new {
  title = "Calendrier des " .. l("action") .. "s",
  subtitle = plan.title,
  organisation = #plan:signatory_names() > 0 and table.concat(plan:signatory_names(), " – ") or nil,
  date = ctx.date,
  period = plan.period[1] .. "-" .. plan.period[2],
}

local steps = plan.steps or {}
local unknown = 0
for _, s in ipairs(steps) do if not s.years or #s.years == 0 then unknown = unknown + 1 end end
local intro = doc:section("Lecture")
if #steps == 0 then
  intro:paragraph("Le plan ne détaille pas ses " .. l("action") .. "s en " .. l("step") .. "s : il n'y a pas de calendrier à montrer.")
else
  intro:paragraph(present.count(#steps, l("step"), l("step") .. "s", true) .. " ; années prévues connues pour "
    .. (#steps - unknown) .. ", inconnues pour " .. unknown .. ". Les états réalisés viennent du suivi importé "
    .. "(prévue, en cours, terminée, abandonnée).")
end

for _, axis in ipairs(plan.axes) do
  local section
  for _, e in ipairs(present.axis_actions(axis)) do
    local a = e.action
    if a.steps and #a.steps > 0 then
      section = section or doc:section(L("axis") .. " " .. axis.number .. " — " .. axis.title, { page_break = axis.number > 1 })
      local rows, table_rows, raw = {}, {}, {}
      for _, s in ipairs(a.steps) do
        local planned = s.years and #s.years > 0 and s.years or nil
        rows[#rows + 1] = { label = s.code .. " " .. s.title, planned = planned, actual = actual[s.code] or {} }
        local done = {}
        for _, y in ipairs(years) do
          local st = (actual[s.code] or {})[y]
          if st then done[#done + 1] = y .. " : " .. present.STEP_STATUS[st] end
        end
        table_rows[#table_rows + 1] = { s.code, s.title, planned and table.concat(planned, ", ") or "calendrier inconnu",
                                        #done > 0 and table.concat(done, " ; ") or "non renseigné" }
        raw[#raw + 1] = { s.code, s.title, planned and table.concat(planned, ", ") or "calendrier inconnu",
                          #done > 0 and table.concat(done, " ; ") or "non renseigné" }
      end
      local sub = section:section(L("action") .. " " .. a.number .. " — " .. a.title)
      sub:chart { kind = "gantt", id = "gantt-" .. a.number,
                  title = L("action") .. " " .. a.number .. " : " .. l("step") .. "s prévues et réalisées",
                  desc = "Diagramme de Gantt : " .. present.count(#a.steps, l("step"), l("step") .. "s", true) .. " ("
                    .. l("action") .. " " .. a.number .. "), " .. years[1] .. " à " .. years[#years]
                    .. " ; les intitulés complets sont dans le tableau qui suit.",
                  years = years, rows = rows }
      sub:table { caption = L("step") .. "s (" .. l("action") .. " " .. a.number .. ")", name = "action-" .. a.number,
                  columns = { L("step"), "Intitulé", "Prévu", "Réalisé" }, align = { "left", "left", "left", "left" },
                  rows = table_rows, raw = raw }
    end
  end
end

return doc
