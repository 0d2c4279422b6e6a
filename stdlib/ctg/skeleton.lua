-- ctg.skeleton — the files `ctg init` writes: a CTG project that checks and builds as it is,
-- in the French vocabulary, for an intercommunality (EPCI and its communes) or a commune
-- (and its quartiers). Every file is a function of the options only (name, shape, first
-- year), so that two inits with the same options write the same bytes.
local skeleton = {}

--- The stock report scripts a project's thin scripts call (scripts/NAME.lua in ctg).
skeleton.STOCK = {
  { name = "bilan-annuel", title = "Bilan annuel pour le comité de pilotage", formats = { "html", "md" } },
  { name = "tableau-de-bord", title = "Tableau de bord des indicateurs", formats = { "html" } },
  { name = "calendrier", title = "Calendrier des étapes", formats = { "html" } },
  { name = "couverture-enjeux", title = "Couverture des enjeux par les actions", formats = { "html" } },
}

--- "CC du Pays de Trélon" -> "cc-du-pays-de-trelon": a plan id and territory code part.
function skeleton.slug(name)
  local s = require("ctg.suggest").fold(name):gsub("[^%w]+", "-"):gsub("^%-+", ""):gsub("%-+$", "")
  return s ~= "" and s or "projet"
end

-- A Lua string literal of text (quotes and backslashes escaped).
local function lit(text) return string.format("%q", text) end

local function plan_lua(o)
  local first, last = o.first, o.first + 4
  local root, places
  if o.shape == "epci" then
    root = "territoire(" .. lit(o.code) .. ", " .. lit(o.name) .. ") { niveau = \"epci\" }  -- insee = \"SIREN à 9 chiffres\""
    places = {
      "territoire(\"commune-a\", \"Commune A\") { niveau = \"commune\", parent = " .. lit(o.code) .. " }",
      "territoire(\"commune-b\", \"Commune B\") { niveau = \"commune\", parent = " .. lit(o.code) .. " }",
    }
  else
    root = "territoire(" .. lit(o.code) .. ", " .. lit(o.name) .. ") { niveau = \"commune\" }  -- insee = \"code commune à 5 caractères\""
    places = {
      "territoire(\"centre\", \"Centre\") { niveau = \"quartier\", parent = " .. lit(o.code) .. " }",
      "territoire(\"quartiers-est\", \"Quartiers Est\") { niveau = \"quartier\", parent = " .. lit(o.code) .. ", qpv = true }",
    }
  end
  return table.concat({
    "-- Convention Territoriale Globale — " .. o.name,
    "--",
    "-- Le plan tel que la convention le signe, dans le vocabulaire de ctg : `ctg help vocabulary`",
    "-- liste chaque déclaration et chaque champ (en français, avec leur nom anglais). Remplacez",
    "-- les exemples par les vôtres, puis : `ctg check plan.lua` (le plan), `ctg build` (les rapports).",
    "",
    "plan " .. lit(o.id) .. " {",
    "  titre = " .. lit("Convention Territoriale Globale — " .. o.name) .. ",",
    "  periode = {" .. first .. ", " .. last .. "},",
    "  date_signature = " .. lit(tostring(first)) .. ",  -- la date de signature, aussi précise qu'elle est connue : \"" .. first .. "-06-30\"",
    "  signataires = {" .. lit(o.name) .. ", \"Caisse d'Allocations Familiales\"},",
    "  -- libelles = {axe = \"Thématique\", action = \"Fiche\"},  -- si le document nomme ses niveaux autrement",
    "}",
    "",
    "-- Les enjeux de progrès, numérotés comme dans le document.",
    "enjeu(1, \"Rapprocher l'offre d'accueil du jeune enfant des familles\")",
    "enjeu(2, \"Accompagner les parents dans leur rôle\")",
    "",
    "-- Les territoires : la racine, puis ce qu'elle contient (niveaux libres).",
    root,
    places[1],
    places[2],
    "",
    "-- La gouvernance : les instances et le nombre de réunions prévues par an.",
    "instance(\"copil\", \"Comité de pilotage\") {",
    "  membres = {" .. lit(o.name) .. ", \"CAF\"},",
    "  reunions_par_an = 1,",
    "}",
    "",
    "-- Les financements : un plancher garanti par an se déclare ainsi (le bilan vérifie qu'il est tenu",
    "-- d'après les montants importés) :",
    "-- financement(\"caf\", \"CAF\") { plancher_par_an = 100000, annees = {" .. first .. ", " .. last .. "} }",
    "",
    "-- Les axes, leurs objectifs, leurs actions et les étapes de chaque action.",
    "axe(1, \"Petite enfance\") {",
    "  objectif(\"1-1\", \"Développer l'offre d'accueil\") {",
    "    action(1, \"Créer des places d'accueil du jeune enfant\") {",
    "      pilotes = {\"Service petite enfance\"},",
    "      etape(\"A\", \"Diagnostiquer les besoins par territoire\") { annees = {" .. first .. "} },",
    "      etape(\"B\", \"Ouvrir les places\") { annees = {" .. (first + 1) .. ", " .. (first + 2) .. "} },",
    "    },",
    "  },",
    "}",
    "axe(2, \"Parentalité\") {",
    "  action(2, \"Animer un lieu d'accueil enfants-parents\") {",
    "    pilotes = {\"Centre social\"},",
    "    etape(\"A\", \"Ouvrir le lieu d'accueil\") { annees = {" .. first .. "} },",
    "  },",
    "}",
    "",
    "-- Les fiches actions : pour quelles actions, quels enjeux, quels indicateurs.",
    "fiche {",
    "  actions = {1}, enjeux = {1}, instance_de_suivi = \"copil\",",
    "  public = \"Familles avec des enfants de moins de 3 ans\",",
    "  indicateur \"places_creees\" {",
    "    libelle = \"Places d'accueil créées\", nature = \"comptage\", cumul = \"somme\",",
    "    -- 20 places créées sur toute la convention (cumul) ; annuel = {…} : tant par année",
    "    sens = \"hausse\", cibles = {cumul = {[" .. last .. "] = 20}},",
    "  },",
    "  indicateur \"taux_couverture\" {",
    "    libelle = \"Taux de couverture de l'accueil du jeune enfant\", nature = \"taux\", echelle = 100, unite = \"%\",",
    "    numerateur = \"places d'accueil\", denominateur = \"enfants de moins de 3 ans\",",
    "    cumul = \"dernier\", sens = \"hausse\",",
    "  },",
    "}",
    "fiche {",
    "  actions = {2}, enjeux = {2}, instance_de_suivi = \"copil\",",
    "  indicateur \"familles_accueillies\" { libelle = \"Familles accueillies au lieu d'accueil\", nature = \"comptage\", cumul = \"somme\" },",
    "}",
    "",
    "-- Les règles que l'évaluation vérifie chaque année (ctg help eval).",
    "regle \"couverture en hausse\" { indicateur = \"taux_couverture\", attendu = \"hausse\", gravite = \"attention\" }",
    "",
  }, "\n")
end

local function observations_csv(o)
  local place = o.shape == "epci" and "commune-a" or "centre"
  return table.concat({
    "indicateur;periode;territoire;valeur;numerateur;denominateur;texte;manquant;note;source",
    "places_creees;" .. o.first .. ";" .. place .. ";;;;;à renseigner;une ligne par indicateur, année et territoire;",
    "taux_couverture;" .. o.first .. ";" .. place .. ";;;;;à renseigner;un taux se donne par numerateur et denominateur;",
    "familles_accueillies;" .. o.first .. ";" .. o.code .. ";;;;;à renseigner;valeur = le nombre, ou manquant = la raison;",
    "",
  }, "\n")
end

local function thin_script(stock)
  return table.concat({
    "-- " .. stock.title .. " : le rapport fourni avec ctg (scripts/" .. stock.name .. ".lua), appliqué",
    "-- à ce projet. Il suit les améliorations de ctg ; pour l'adapter, remplacez cette ligne par",
    "-- votre propre script (voir rapports/indicateurs.lua et `ctg help eval`).",
    "---@type ctg.ReportContext",
    "local ctx = ...",
    "return ctx.stock(" .. lit(stock.name) .. ")",
    "",
  }, "\n")
end

local OWN_SCRIPT = [[
-- Un rapport à vous : la valeur de chaque indicateur pour la période, par territoire. Les
-- rapports fournis (ctx.stock) en sont d'autres exemples ; `ctg help eval` décrit l'API.
--   ctx.plan, ctx.evaluation (ev:value, ev:findings), ctx.period, ctx.report, ctx.present
---@type ctg.ReportContext
local ctx = ...
local plan, ev, present = ctx.plan, ctx.evaluation, ctx.present

local doc = ctx.report.new {
  title = "Indicateurs " .. ctx.period,
  subtitle = plan.title,
  period = ctx.period,
}

local section = doc:section("Valeurs par territoire")
local rows = {}
for _, ind in ipairs(plan.indicators) do
  for _, t in ipairs(plan.territories) do
    local r = ev:value(ind.id, { territory = t.code })
    rows[#rows + 1] = { ind.label, t.title, r.value ~= nil and present.value(r, ind) or (r.reason or "non disponible") }
  end
end
section:table { caption = "Indicateurs en " .. ctx.period, name = "indicateurs",
                columns = { "Indicateur", "Territoire", "Valeur" }, rows = rows }
return doc
]]

local function project_yaml(o)
  local out = {
    "# Le projet ctg : ce que construit `ctg build` (voir README.md).",
    "nom: " .. require("ctg.json").encode(o.name),
    "plan: plan.lua",
    "# les avenants, écrits comme ce qu'ils changent (amendment \"ID\" { amends = \"plan.lua\", effective = … }),",
    "# appliqués dans cet ordre, chacun à partir de sa propre date (ctg help time) ; par exemple :",
    "#   avenants:",
    "#     - avenant-1.lua",
    "avenants:",
    "# les correspondances (source \"…\" { fichiers = \"txcouv_pe_epci*.csv\", … } : ctg help sources) ; chaque",
    "# fichier de donnees dont le nom répond au motif `fichiers` de l'une est lu par elle ; par exemple :",
    "#   sources:",
    "#     - sources/cnaf.lua",
    "sources:",
    "# les fichiers ou dossiers d'observations, importés dans cet ordre (un dossier : ses .csv, .yaml, .xlsx, .ods par nom)",
    "donnees:",
    "  - donnees",
    "# la base du projet (hors git) : ctg build la complète, sans jamais l'effacer (son historique)",
    "base: ctg.db",
    "sortie: sortie",
    "# chaque rapport : son script, ses périodes, ses formats (html, md, csv, xlsx, pdf)",
    "rapports:",
  }
  for _, s in ipairs(skeleton.STOCK) do
    out[#out + 1] = "  - script: rapports/" .. s.name .. ".lua"
    out[#out + 1] = "    periodes: [" .. o.first .. "]"
    out[#out + 1] = "    formats: [" .. table.concat(s.formats, ", ") .. "]"
  end
  out[#out + 1] = "  - script: rapports/indicateurs.lua"
  out[#out + 1] = "    periodes: [" .. o.first .. "]"
  out[#out + 1] = "    formats: [md, csv]"
  out[#out + 1] = ""
  return table.concat(out, "\n")
end

local GITIGNORE = [[
# la base du projet (son historique : ctg build la complète) et les rapports qu'il en tire
/ctg.db
/ctg.db-*
/ctg.db.*
/sortie/
]]

local function readme(o)
  return table.concat({
    "# " .. o.name .. " — Convention Territoriale Globale",
    "",
    "Ce dossier est un projet ctg : le plan de la convention, ses",
    "données et ses rapports, suivis dans git. La base de données et les rapports produits ne sont",
    "pas suivis : `ctg build` complète la base à partir des fichiers et en tire les rapports.",
    "",
    "## Les deux commandes",
    "",
    "```sh",
    "ctg check plan.lua   # le plan : ses erreurs et ses avertissements, chacun à sa ligne",
    "ctg build            # vérifie le plan, importe les données, applique les règles, écrit les rapports",
    "```",
    "",
    "`ctg build` complète la base (`ctg.db`) sans jamais l'effacer : un fichier nouveau ou modifié",
    "est lu, chaque ligne changée devient une révision (son fichier, sa ligne, le commit), une ligne",
    "ôtée d'un fichier devient un retrait (`ctg history` montre l'une et l'autre), un fichier",
    "inchangé n'est pas relu, le plan ne devient une nouvelle version que si son contenu a changé.",
    "Il écrit chaque rapport de `ctg.yaml` dans `sortie/`, l'enregistre comme livraison dans la base",
    "et termine par un résumé. Deux constructions du même commit donnent les mêmes octets ; la",
    "provenance de chaque rapport nomme le commit (« modifié » si des fichiers ne sont pas validés).",
    "",
    "- `ctg build --known-at 2025-03-15T10:30` refait les rapports tels qu'ils ont été livrés ce",
    "  jour-là (dans `sortie/connues-au-…/`) ; `ctg livraisons` liste les rapports livrés et vérifie",
    "  que chacun se refait à l'identique ;",
    "- un avenant s'ajoute à `avenants:` dans `ctg.yaml` ; il est en vigueur à partir de sa date ;",
    "- repartir de zéro : supprimer `ctg.db` puis `ctg build`. La nouvelle base ne tient que l'état",
    "  actuel des fichiers : l'historique des révisions et des retraits, les versions du plan",
    "  remplacées et les livraisons sont perdus (les rapports livrés ne se refont plus avec",
    "  `--known-at`). Un clone neuf du dépôt part de même.",
    "`ctg build --check` vérifie tout sans rien écrire (pour l'intégration continue) : code 3 si le",
    "plan ou une donnée est en erreur, 4 si une règle critique se déclenche.",
    "",
    "## Les fichiers",
    "",
    "- `plan.lua` : le plan (`ctg help vocabulary` pour chaque déclaration et chaque champ) ;",
    "- `donnees/` : les observations, en CSV comme les tableurs l'écrivent (`;`, virgule décimale) ou",
    "  en YAML (`ctg help observations`) ; `observations.csv` en est le modèle ;",
    "- `rapports/` : les scripts des rapports ; les quatre rapports fournis avec ctg, et",
    "  `indicateurs.lua`, un exemple de rapport à vous (`ctg help eval`) ;",
    "- `ctg.yaml` : ce que construit `ctg build` (plan, données, rapports, périodes, formats, sortie) ;",
    "- `.luarc.json` et `.ctg/ctg.lua` : la complétion et la vérification des types dans l'éditeur",
    "  (VS Code ou Neovim avec lua-language-server), régénérées par",
    "  `ctg help vocabulary --format luals > .ctg/ctg.lua`.",
    "",
  }, "\n")
end

local LUARC = [[
{
  "$schema": "https://raw.githubusercontent.com/LuaLS/vscode-lua/master/setting/schema.json",
  "runtime.version": "Lua 5.4",
  "workspace.library": [".ctg"],
  "workspace.checkThirdParty": false,
  "diagnostics.globals": ["ctg"]
}
]]

--- The files of a new project: a list of {path, text} (folders end in "/", with no text).
--- o: name, shape ("epci" | "commune"), first (first year).
function skeleton.files(o)
  o.code = skeleton.slug(o.name)
  o.id = "ctg-" .. o.code .. "-" .. o.first .. "-" .. (o.first + 4)
  local files = {
    { path = "plan.lua", text = plan_lua(o) },
    { path = "donnees/" },
    { path = "donnees/observations.csv", text = observations_csv(o) },
    { path = "rapports/" },
  }
  for _, s in ipairs(skeleton.STOCK) do
    files[#files + 1] = { path = "rapports/" .. s.name .. ".lua", text = thin_script(s) }
  end
  files[#files + 1] = { path = "rapports/indicateurs.lua", text = OWN_SCRIPT }
  files[#files + 1] = { path = "ctg.yaml", text = project_yaml(o) }
  files[#files + 1] = { path = ".gitignore", text = GITIGNORE }
  files[#files + 1] = { path = "README.md", text = readme(o) }
  files[#files + 1] = { path = ".luarc.json", text = LUARC }
  files[#files + 1] = { path = ".ctg/" }
  files[#files + 1] = { path = ".ctg/ctg.lua", text = require("ctg.luals").definitions() }
  return files
end

return skeleton
