-- Calendrier : les étapes du plan, prévues et réalisées, année par année. Le calendrier
-- d'origine a pu être perdu (c'est le cas du plan de Clermont-Ferrand) : les étapes sans
-- années prévues sont montrées comme « calendrier inconnu », jamais inventées.
--
--   ctg report scripts/calendrier.lua --period 2023 -o calendrier.html
local ctx = ...
local present = ctx.present
local plan, db = ctx.plan, ctx.db
local years = {}
for y = plan.period[1], plan.period[2] do years[#years + 1] = y end

-- step code -> {[year] = status}: the latest status recorded for each year
local actual = {}
for _, r in ipairs(db:query([[SELECT subject, period, status FROM current_observation
    WHERE record = 'progress' ORDER BY period]])) do
  local y = tonumber(r.period:sub(1, 4))
  actual[r.subject] = actual[r.subject] or {}
  actual[r.subject][y] = r.status
end

local doc = ctx.report.new {
  title = "Calendrier des actions",
  subtitle = plan.title,
  organisation = table.concat(plan:signatory_names(), " – "),
  date = ctx.date,
}

local unknown = 0
for _, s in ipairs(plan.steps) do if not s.years or #s.years == 0 then unknown = unknown + 1 end end
local intro = doc:section("Lecture")
intro:paragraph(string.format("%d étapes ; années prévues connues pour %d, inconnues pour %d. " ..
  "Les états réalisés viennent du suivi importé (prévue, en cours, terminée, abandonnée).",
  #plan.steps, #plan.steps - unknown, unknown))

for _, axis in ipairs(plan.axes) do
  local section = doc:section("Axe " .. axis.number .. " — " .. axis.title, { page_break = axis.number > 1 })
  for _, o in ipairs(axis.objectives) do
    for _, a in ipairs(o.actions) do
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
        raw[#raw + 1] = { s.code, s.title, planned and table.concat(planned, ",") or nil, table.concat(done, ";") }
      end
      local sub = section:section("Action " .. a.number .. " — " .. a.title)
      sub:chart { kind = "gantt", id = "gantt-" .. a.number, title = "Action " .. a.number .. " : étapes prévues et réalisées",
                  desc = "Diagramme de Gantt des " .. #a.steps .. " étapes de l'action " .. a.number .. ", " ..
                    years[1] .. " à " .. years[#years], years = years, rows = rows }
      sub:table { caption = "Étapes de l'action " .. a.number, name = "action-" .. a.number,
                  columns = { "Étape", "Intitulé", "Prévu", "Réalisé" }, align = { "left", "left", "left", "left" },
                  rows = table_rows, raw = raw }
    end
  end
end

return doc
