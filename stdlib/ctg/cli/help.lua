-- ctg help TOPIC: documentation generated from the code it documents.
local args = require("ctg.cli.args")
local suggest = require("ctg.suggest")
local msg = require("ctg.msg")

local topics = {}

-- The vocabulary is shown in the messages' language: French names first (the one a French
-- analyst types), the other one in parentheses; English first with CTG_LANG=en.
local function english_first() return msg.lang() == "en" end

-- The name to show first of a French / English pair.
local function first(french, english)
  if english_first() or not french then return english end
  return french
end

-- "nature (kind)": a name in the messages' language, the other one after it when it differs.
local function both(french, english)
  if not french or french == english then return english end
  if english_first() then return english .. " (" .. french .. ")" end
  return french .. " (" .. english .. ")"
end

-- "comptage (count), taux (ratio), evolution, …": an enumerated field's values.
local function values_text(f)
  local fr = {}
  for french, english in pairs(f.french_values or {}) do fr[english] = french end
  local out = {}
  for i, v in ipairs(f.type.values) do out[i] = both(fr[v], tostring(v)) end
  return table.concat(out, ", ")
end

-- "action(numero, titre) { … }": how a declaration is written, in its first-shown names.
local function shape_of(schema, name)
  local k = schema.kinds[name]
  local word = first(k.french, name)
  if name == "sheet" then return word .. " { … }" end
  local code_field = k.fields[k.code]
  local code = first(code_field.french, k.code)
  if not k.title then return word .. " \"" .. code .. "\" { … }" end
  return word .. "(" .. code .. ", " .. first(k.fields[k.title].french, k.title) .. ") { … }"
end

--- Every declaration and field, straight from ctg.schema, in the messages' language.
function topics.vocabulary()
  local schema = require("ctg.schema")
  local function say(key, vars) return msg.text("cli.vocabulary." .. key, vars) end
  local out = { say("intro"), "" }
  local function names(kinds)
    local list = {}
    for i, k in ipairs(kinds) do list[i] = first(schema.kinds[k].french, k) end
    return table.concat(list, ", ")
  end
  for _, name in ipairs(schema.order) do
    local k = schema.kinds[name]
    local other = english_first() and k.french or name
    out[#out + 1] = shape_of(schema, name) .. (other and other ~= first(k.french, name) and "  (" .. other .. ")" or "") ..
      (name ~= "plan" and say("yaml", { plural = both(k.french_plural, k.plural) }) or "")
    out[#out + 1] = "  " .. k.doc()
    if k.parent then
      out[#out + 1] = say("parent", { kinds = names(k.parent), top = k.top_level and say("top-level") or "" })
    end
    if k.children then out[#out + 1] = say("children", { kinds = names(k.children) }) end
    for _, f in ipairs(k.field_list) do
      out[#out + 1] = string.format("  %-36s %s%s — %s", both(f.french, f.name), f.type.doc(),
        f.required and say("required") or "", f.doc())
      if f.french_values then out[#out + 1] = string.rep(" ", 39) .. say("values", { values = values_text(f) }) end
      if f.french_keys then
        local keys = {}
        for fr_key, en_key in pairs(f.french_keys) do keys[#keys + 1] = both(fr_key, en_key) end
        table.sort(keys)
        out[#out + 1] = string.rep(" ", 39) .. say("keys", { keys = table.concat(keys, ", ") })
      end
    end
    out[#out + 1] = ""
  end
  -- the two words of an avenant file (ctg.amend), with their French names
  local A = schema.AMENDMENT
  local header = {}
  for fr_key, en_key in pairs(A.fields) do header[#header + 1] = both(fr_key, en_key) end
  table.sort(header)
  local function pair(french, english)
    return { word = first(french, english), other = english_first() and french or english }
  end
  out[#out + 1] = say("amendment", pair(A.amendment, "amendment"))
  out[#out + 1] = say("amendment-header", { keys = table.concat(header, ", ") })
  out[#out + 1] = say("remove", pair(A.remove, "remove"))
  out[#out + 1] = ""
  -- the shapes of convention, written in French (ctg help shapes)
  out[#out + 1] = english_first() and say("shapes") or topics.shapes()
  return table.concat(out, "\n")
end

--- Every shape of convention, and one intercommunal plan written in the vocabulary.
function topics.shapes()
  return [[Toutes les formes de convention

Territoires : un arbre de toute profondeur ; le niveau est un mot libre en minuscules
(region, departement, epci, commune, quartier, iris…) ; le territoire sans parent est la
racine (le territoire par défaut des lignes, des évaluations et des règles). insee donne le
code officiel (commune sur 5 caractères, EPCI par son SIREN). Une boucle de parents est une
erreur. Un groupe (QPV, REP+, villages ruraux) n'est pas un niveau de l'arbre : son code
s'emploie partout où s'emploie un code de territoire (ctg eval --territory, règles,
rapports) et un taux sur un groupe vaut Σ numérateurs / Σ dénominateurs de ses membres.
Les chiffres s'enregistrent sur les territoires, jamais sur un groupe.
Dans les fichiers d'observations (YAML, CSV, classeurs), un territoire se nomme par son code,
par son titre, sans égard à la casse ni aux accents ("Trélon", "TRELON", "trelon"), ou par
son code insee déclaré ("59601") ; "St" et "Ste" valent "Saint" et "Sainte"
("St-Hilaire-sur-Helpe" pour Saint-Hilaire-sur-Helpe) ; un nom qui désigne plusieurs
territoires est refusé avec la liste des candidats.

Niveaux : seuls le plan et ses actions sont obligatoires. Une action se déclare dans un
objectif ou directement dans un axe ; les étapes sont facultatives. labels nomme les
niveaux comme le plan les nomme (défauts : Axe, Objectif, Action, Étape) ; les rapports et
les résumés n'emploient que ces mots et n'affichent que les niveaux que le plan a
(plan:label("axis"), plan:levels(), plan:has_level("objective") dans les scripts).
Une fiche est une action, sauf si l'on dit autrement : les champs d'une fiche (diagnostic,
public, followed_by, partners, …) et des indicator se donnent dans l'action, qui a alors sa
propre fiche (code "<numéro>") ; sheet { actions = {…} } reste pour une fiche couvrant
plusieurs actions. Un indicator déclaré au premier niveau est un indicateur de tout le plan.

Gouvernance : meetings_per_year vaut un entier ou une table {default = 1, [2027] = 3} ; la
règle des réunions prend le chiffre de l'année. followed_by qui a la forme d'un code
d'instance ("copil") doit en nommer une ; un texte libre reste permis. Un signataire est un
texte ou {name = "…", role = "…"}.

Dates : "2024", "2024-06" ou "2024-06-15", partout (council_date, signed, certified,
edition, dates de réunion, --date) ; elles restent aussi précises qu'écrites.

Taux publiés : une observation d'un taux peut ne donner que value (un taux publié par la
CNAF ou l'INSEE sans ses places ni ses enfants) ; il s'affiche pour son territoire, et un
agrégat qui l'inclut le calcule sur les autres membres et le dit (« 38,1 % — partiel : 11 sur
12 territoires ; manque Moustier-en-Fagne : taux publié seul ») au lieu de faire une moyenne ;
un taux publié pour l'EPCI lui-même s'affiche à côté de l'agrégat de ses communes (ctg help
eval).
Scores : une observation porte ses répondants (respondents: 30, ou denominator) ; un score
sur plusieurs territoires est la moyenne pondérée Σ moyenne × répondants / Σ répondants ;
sans effectifs, la moyenne des moyennes, et la valeur le signale.

Exemple : une communauté de communes, ses communes, des thématiques qui tiennent leurs fiches

  plan "ctg-sud-avesnois-2023-2027" {
    title = "Convention Territoriale Globale de la Communauté de communes du Sud-Avesnois",
    period = {2023, 2027}, council_date = "2023-06", signed = "2023-09",
    signatories = {{name = "Communauté de communes du Sud-Avesnois", role = "Président"},
                   "CAF du Nord"},
    labels = {axis = "Thématique", action = "Fiche"},
  }
  territory("ccsa", "Communauté de communes du Sud-Avesnois") { level = "epci", insee = "245900758" }
  territory("trelon", "Trélon") { level = "commune", parent = "ccsa", insee = "59601" }
  territory("moustier-en-fagne", "Moustier-en-Fagne") { level = "commune", parent = "ccsa" }
  group("villages", "Villages de la Fagne") { territories = {"moustier-en-fagne"} }
  committee("copil", "Comité de pilotage") { meetings_per_year = {default = 1, [2027] = 3} }
  indicator "taux_couverture" { label = "Taux de couverture", kind = "ratio", scale = 100,
    numerator = "places", denominator = "enfants de moins de 3 ans" }   -- de tout le plan
  axis(1, "Petite enfance") {
    action(1, "Développer l'accueil dans les villages") {
      diagnostic = "…", pilots = {"Coordinatrice petite enfance"}, followed_by = "copil",
      indicator "places_creees" { label = "Places créées", kind = "count" },
    },
  }
  rule "couverture" { indicator = "taux_couverture", op = ">=", value = 20,
                      territories = {"villages", "trelon"} }   -- ou territories = "all"

et un CSV qui nomme les communes par leur titre, avec un taux publié seul :
  indicateur;période;territoire;valeur;numérateur;dénominateur
  taux_couverture;2024;TRELON;;31;92
  taux_couverture;2024;Moustier-en-Fagne;18,2;;

Le plan complet : tests/fixtures/sud-avesnois/ (illustratif).]]
end

--- The database and its Lua API (the text shows SQL: it lives in ctg.db.help_store).
function topics.store() return require("ctg.db.help_store").text() end

-- "  comptage     somme sur …": how each kind of the registry combines, its plan word in a
-- column and its words (kind.ID.combines) wrapped under it.
local function kinds_combine()
  local out = {}
  for _, k in ipairs(require("ctg.kinds").list) do
    local word = k.french or k.id
    local text = msg.text("kind." .. k.id .. ".combines"):gsub("\n", "\n" .. string.rep(" ", 15))
    out[#out + 1] = "  " .. word .. string.rep(" ", math.max(1, 13 - utf8.len(word))) .. text
  end
  return table.concat(out, "\n")
end

-- "comptage, evolution, score, maximum": the plan words of the kinds whose rows give the
-- figures named (ctg.kinds rows), in the registry's order.
local function plan_words(...)
  local wanted, out = {}, {}
  for _, rows in ipairs({ ... }) do wanted[rows] = true end
  for _, k in ipairs(require("ctg.kinds").list) do
    if wanted[k.rows] then out[#out + 1] = k.french or k.id end
  end
  return table.concat(out, ", ")
end

--- The evaluation and the rules, from scripts.
function topics.eval()
  return [[L'évaluation — la valeur de chaque indicateur par période, territoire et valeur de dimension.

  local db <close> = ctg.open("ctg.db")
  local ev = ctg.evaluate(db:plan(), db, {period = 2023, territory = "clermont-ferrand"})
  local r = ev:value("places_100")                    -- la période et le territoire de l'évaluation
  local r = ev:value("places_100", {period = 2022, territory = "nord"})
  -- r.value, r.numerator, r.denominator, r.status ("achieved" | "on track" | "behind" |
  -- "receding" | "not achieved" | "not available" : atteint, en bonne voie, en retard, en
  -- recul, non atteint, non disponible), r.status_rule (la branche de la règle ci-dessous :
  -- met, no_baseline, moved_away, straight_path, due_passed, no_value), r.reason (pourquoi
  -- non disponible), r.target, r.target_period, r.target_kind ("yearly" | "cumulative"),
  -- r.target_source (la version ou l'avenant qui l'a fixée), r.baseline_value,
  -- r.baseline_period, r.progress, r.expected_progress, r.cumulative_value (cible cumulée),
  -- r.change (evolution : +12,5 % vaut 0.125), r.share (score), r.text (qualitatif),
  -- r.sources (les territoires et périodes lus, listés quand on les lit), pour un agrégat
  -- r.partial, r.members, r.with_data, r.missing ({territory, title, reason}…) et
  -- r.missing_territories (sous-territoires sans aucune donnée), et pour un territoire qui a
  -- son propre chiffre r.published_value, r.published_source (ou, des membres manquant,
  -- r.members_value : l'agrégat partiel de ceux qui ont des chiffres, à côté de sa valeur)
  ev:series("places_100", {territory = "nord"})        -- un résultat par année
  ev:breakdown("projets_lieux_ressources", "step")     -- un résultat par valeur d'étape
  ev:explain("places_100", {period = 2022})            -- formule + observations + révisions
  ev:findings()                                        -- les constats des règles
  ev:table{territories = "all", periods = "all"}       -- toutes les valeurs en un tableau
                                                       -- (ctg help tables : trier, filtrer,
                                                       -- regrouper, écrire ; ctg.stats, ctg.csv)
  ev:periods_with_data("places_100", {territory = "nord"})  -- {"2020", "2021", …} : les périodes
                                     -- où le territoire, ou un de ceux qui le composent, a des données

Les options de ctg.evaluate(plan, db, options) — plan nil : la version en vigueur à la date :
  period     (periode)   la période évaluée : 2023, "2021-2022", "2023-09" (défaut : la
                         dernière année qui a des données)
  territory  (territoire) le territoire par défaut des valeurs (défaut : la racine)
  as_of      (au)        la date de situation (défaut : le dernier jour de la période)
  known_at   (connu_au)  les données telles que connues ce jour-là : ni dans le futur, ni
                         avant la première importation de la base
  plan                   l'identifiant du plan (quand la base en a plusieurs)
ev:value et ev:explain prennent period, territory, dim, dim_value, unassessed ; ev:series
territory, dim, dim_value, until_period ; ev:breakdown period, territory ; db:observations et
db:history indicator, period, territory, record, plan.

Des appels stricts : chaque table d'options est vérifiée. Une clé inconnue, un type faux, un
territoire ou un indicateur que le plan n'a pas, une période hors du plan et de ses données
(de l'année avant la première à la dernière), une date impossible sont une erreur à la ligne
du script, en français :
  script.lua:12: ev:value : option inconnue 'teritory' (vouliez-vous dire 'territory' ?)
Les noms français valent partout (territoire, periode, connu_au, au ;
avec accent en clé texte : ["période"]). Un territoire se donne par son code, son nom ou son
code INSEE (majuscules et accents indifférents, comme à l'import), ou comme objet
(plan:root(), plan:territory("Nord")) ; un groupe par son code.

Naviguer dans le plan :
  plan:root()                 le territoire racine (objet : .code, .title, .level, .insee)
  plan:territory("Nord")      un territoire par code, nom ou code INSEE (nil s'il n'existe pas)
  territory:children()        les territoires qu'il contient ; territory:members() de même,
                              territory:groups() les groupes dont il est membre
  group:members()             les territoires d'un groupe (plan:group("qpv"))
  axis:indicators()           les indicateurs des fiches des actions d'un axe
  objective:indicators(), action:indicators()   de même pour un objectif, une action
Les périodes qui ont des données se demandent à la base ou à l'évaluation (un plan ne connaît
pas de base) : db:periods_with_data(id), ev:periods_with_data(id, {territory = …}).
--db FICHIER et $CTG_DB valent pour ctg.open() dans ctg script.lua, ctg -e, les rapports et la
console, comme pour les commandes.

Comment les valeurs se combinent :
]] .. kinds_combine() .. [[

Un territoire sans chiffre propre est la somme de ses sous-territoires, un groupe la somme de
ses membres (--territory prend un code de groupe). Un chiffre annuel l'emporte sur des
chiffres mensuels. Une donnée manquante est non disponible, avec sa raison (pas de donnée,
dénominateur nul, référence manquante, période non commencée) — jamais 0, inf ni NaN.

Agrégats partiels. Un agrégat dont des membres n'ont pas de chiffres est calculé sur ceux qui
en ont et le dit partout où on le lit : « 38,1 % — partiel : 11 sur 12 territoires ; manque
Moustier-en-Fagne : taux publié seul » (ctg eval, --explain, les constats des règles ; en JSON
partial, members, with_data, missing). agregation = "complet" sur un indicateur : non
disponible dès qu'un membre manque (pour un comptage, une somme partielle sous-compte : c'est
là que « complet » sert ; sur un indicateur qualitatif, c'est une erreur). Un chiffre enregistré
pour le territoire lui-même (le taux de l'EPCI publié par la CNAF) est gardé : quand tous ses
membres ont des chiffres, la valeur est leur agrégat et le chiffre publié s'affiche à côté
(published_value) ; un écart de plus d'un dixième est un constat qui nomme les deux sources
(et un avertissement de ctg import, pour les indicateurs et périodes qu'il touche).
Sinon (agrégat partiel), la valeur est le chiffre publié, et l'agrégat de ceux qui ont des
chiffres s'affiche à côté (members_value, avec members et with_data) : aucun n'est écarté
en silence.

La règle des statuts (une seule, pour ctg eval, les règles et les rapports). À la période P,
pour une cible T due l'année Y (la cible de P, sinon la prochaine ; après la dernière, la
dernière) et la référence B (la valeur du même territoire à la période de référence de
l'indicateur, sinon sa première valeur depuis l'année d'avant le plan) :
  atteint        la valeur atteint T dans le sens de l'indicateur (sens = "hausse" : ≥ T ;
                 "baisse" : ≤ T), quelle que soit B — le sens vient toujours de l'indicateur,
                 jamais du signe de T − B
  non atteint    elle ne l'atteint pas et il n'y a pas de B (la première année avec des données)
  en recul       elle s'est éloignée de T depuis B (en baisse quand plus haut vaut mieux)
  en bonne voie  progress = (valeur − B) / (T − B) ≥ la part du temps écoulé entre l'année de
                 B et Y (un chemin en ligne droite)
  en retard      sinon, et toujours une fois Y passée sans avoir atteint T
  non disponible pas de valeur : la cible s'affiche quand même (cible, année, avenant)
Cibles d'un flux (un comptage additionné dans le temps) : annuelles, cibles = {annuel =
{[2026] = 12}}, la valeur de l'année ; cumulées, cibles = {cumul = {[2026] = 40}}, le total
depuis la première année du plan (ou debut = 2024) comparé à T, avec B = 0 l'année d'avant.
Une cible de flux qui ne dit ni l'un ni l'autre est lue comme annuelle, et ctg check le signale.

Exemple (un plan 2022-2026 ; taux de couverture, sens = "hausse", cible 58 en 2024, référence 2022) :
  commune   2022   2023   statut en 2023
  A         76,8   78,9   atteint (78,9 ≥ 58, même au-dessus de sa référence)
  B         66,7   61,5   atteint (61,5 ≥ 58) ; à 55,0 elle serait en recul (66,7 → 55,0)
  C         50,0   54,0   en bonne voie : (54 − 50) / (58 − 50) = 50 % du chemin pour
                          (2023 − 2022) / (2024 − 2022) = 50 % du temps
  D         50,0   52,0   en retard : 25 % du chemin pour 50 % du temps
  E         n.d.   57,0   non atteint (pas de référence : jugé sur la cible seule)
Et un flux, places créées 0, 12, 10 en 2022, 2023, 2024 avec cibles = {cumul = {[2024] = 20}} :
22 places cumulées en 2024, atteint ; la même cible annuelle ({annuel = {[2024] = 20}}) serait
en retard (10 cette année-là). Le tableau de ctg eval et ceux du bilan annuel donnent le
cumul à côté de la valeur de l'année : « 10 (cumul 22) ».
ctg eval --explain ID écrit ce raisonnement pour une valeur ; le JSON en donne les éléments
(status_rule, target, target_period, target_kind, baseline_value, baseline_period, progress,
expected_progress, cumulative_value).
Un seul moteur en C (ctg.model, host/core/engine.c) calcule chaque valeur, pour ev:value, les
règles, les rapports et ctg eval ; ctg eval --format csv et json écrivent chaque valeur dès
qu'elle est calculée : --period all --territory all ne garde aucune valeur en mémoire.
Le moteur garde les sommes des observations par indicateur, période et territoire (ses
cellules) ; au-delà de 250 000 cellules (CTG_EVAL_CELLS en fixe une autre borne), il relit les
observations par fenêtres d'indicateurs, dans l'ordre du plan, quand une valeur en demande un
autre : sa mémoire reste la même quel que soit leur nombre, et les valeurs sont identiques.
La vue --period all --territory all, qui écrit une ligne par cellule, les garde toutes ; un
rapport, ctg rules et ctg build, qui parcourent les indicateurs plusieurs fois, jusqu'à
1 000 000 (une centaine de Mo).

Règles (regle "nom" { … } dans le plan, ou dans un fichier de règles donné à `ctg rules`) :
  seuil        {indicateur = "places_100", operateur = ">=", valeur = 15}   se déclenche quand ce
               n'est pas vrai
  tendance     {indicateur = "places_100", attendu = "hausse", periodes = 2}
  cible        {type = "cible", indicateur = "places_100"}
  completude   {type = "completude", indicateur = "tps_accueillies", territoires = {…}, depuis = 2021}
  personnalisee {verification = function(ctx) … return {message = "…", evidence = {…}} end}
               ctx:value(id, opts), ctx:series(id, opts), ctx:plan(), ctx:db(), ctx:period()
               (des vues en lecture seule : une règle enregistrée avec un plan tourne pour
               chaque utilisateur suivant, dans --timeout et --max-memory, et ne peut ni écrire
               la base ni changer le plan)
  gravite = "info" | "attention" (défaut) | "critique"
Toujours vérifiés, d'après le plan lui-même : les réunions tenues par instance et par an, le
plancher de financement par an (critique), les étapes commencées l'année prévue, les
indicateurs qui ont des cibles.]]
end

--- Tables of values and the analyst's helpers, from scripts.
function topics.tables()
  return [[Tableaux de valeurs — plusieurs valeurs à la fois, triées, filtrées, regroupées, écrites.

  local db <close> = ctg.open("ctg.db")
  local ev = ctg.evaluate(nil, db, {period = 2024})
  local t = ev:table{indicators = "taux_couverture", territories = "members", periods = "all"}
  print(t)                                   -- une grille, en-têtes et nombres en français

ev:table{…} évalue en une passe du moteur ; ses options (en français aussi) :
  indicators   un identifiant ou une liste (défaut : tous les indicateurs du plan)
  territories  "all" (tous les territoires et groupes), "members" (les sous-territoires du
               territoire de l'évaluation, ou les membres d'un groupe), un code, un nom
               (« Trélon ») ou une liste (défaut : le territoire de l'évaluation)
  periods      "all" (de la première année avec des données à la période de l'évaluation),
               une période ou une liste (défaut : la période de l'évaluation)
  par (by)     une dimension (step, categorie…) : une ligne par valeur de la dimension
Chaque ligne : indicator, period, territory, territory_title, dimensions, value, numerator,
denominator, target, status ("achieved", "on track", "behind", "not available"), reason
(pourquoi non disponible), note (taux publié, moyenne non pondérée), missing_territories (les
sous-territoires sans donnée d'un agrégat partiel), et tous les champs de ev:value.
Écrit tel quel en CSV (t:write("valeurs.csv")), le tableau va du moteur au fichier sans une
table Lua par valeur : tout un département au prix de ctg eval --format csv.

Les méthodes (chacune renvoie un nouveau tableau ; t reste tel qu'il était) :
  t:columns()                            les noms des colonnes, dans l'ordre
  t:columns("territory", "value")        un tableau de ces colonnes seulement
  t:column("value")                      les valeurs présentes, et combien de lignes n'en ont pas
  t:sort{par = "value", decroissant = true}    ou par = {"period", "-value"} : « - » pour
                                         décroissant ; textes dans l'ordre français (« Étigny »
                                         avant « Villeneuve »), valeurs manquantes en dernier
  t:filter{period = "2024"}              les lignes de 2024 ; une fonction aussi :
  local f = function(r) return r.value ~= nil end
  t:filter(f)                            les lignes pour lesquelles f(r) est vrai
  t:head(5)                              les 5 premières lignes
  t:group{par = "period", moyenne = "value", mediane = "value", quantile = {"value", 0.9}}
                                         une ligne par groupe : count (ses lignes), sum_, mean_,
                                         median_, min_, max_, p90_value… et missing_value (ses
                                         lignes sans valeur, laissées de côté, jamais comptées 0) ;
                                         somme, moyenne, mediane, min, max, quantile, nombre
  t:write("valeurs.csv")                 CSV français (« ; », virgule décimale, BOM, en-têtes
                                         et statuts en français) ; {dialect = "intl"} : « , »,
                                         « . », noms de colonnes et codes ; aussi .xlsx, .json
  for i, r in ipairs(t) do print(i, r.value) end
                                         les lignes, une à une ; #t : leur nombre
db:query(sql, …) renvoie un tel tableau (colonnes dans l'ordre du SELECT) ; ctg.table(lignes)
en fait un d'une liste de lignes {colonne = valeur}.

Exemple : les 5 communes au meilleur taux, puis la moyenne et la médiane par année.
  local top = ev:table{indicators = "taux_couverture", territories = "members"}
    :sort{par = "value", decroissant = true}:head(5)
  for i, r in ipairs(top) do print(i, r.territory_title, ctg.fmt.points(r.value, 1)) end
  print(ev:table{indicators = "taux_couverture", territories = "members", periods = "all"}
    :group{par = "period", moyenne = "value", mediane = "value"})

Statistiques (ctg.stats, sur une liste de nombres : t:column("value")) :
  ctg.stats.mean(l), ctg.stats.median(l), ctg.stats.sum(l)
  ctg.stats.quantile(l, 0.9)             p de 0 à 1, interpolé entre les rangs (comme R,
                                         pandas et CENTILE.INCLURE d'Excel) ; hors de 0-1 : erreur
  ctg.stats.weighted_mean(valeurs, poids)   Σ valeur × poids / Σ poids
Une liste vide n'a pas de moyenne : nil (non disponible), jamais 0.

Ordre français : table.sort(noms, ctg.fmt.compare) ; ctg.fmt.sort_key(texte) donne la clé
(casse et accents ignorés d'abord, puis les accents, puis octet par octet : deux textes
différents ne sont jamais ex aequo).

Fichiers CSV :
  local p = ctg.csv.read("population.csv")   -- en-tête → colonnes ; dialecte détecté ;
                                             -- nombres convertis ({numbers = false} : textes)
  ctg.csv.write("sortie.csv", t, {dialect = "intl", columns = {"commune", "taux"}})
Le lecteur est celui de ctg import (erreurs en français avec fichier:ligne:colonne), l'écrivain
celui de ctg export (formules neutralisées), écrit en entier ou pas du tout.

Une erreur (option, colonne, indicateur, territoire mal écrits, quantile hors de 0-1, dossier
inexistant) est signalée à la ligne de votre script, avec « vouliez-vous dire … ? ».
Dans un script de rapport partagé (sans --trust), t:write et ctg.csv.write sont refusés.]]
end

--- Observation files.
-- Import mappings: ctg.cli.help_sources (the guide, and the fields from ctg.source_schema).
function topics.sources() return require("ctg.cli.help_sources").text() end

function topics.observations()
  return [[Les fichiers d'observations (ctg import FICHIER…)

YAML, lu au fil de l'eau (de toute taille) :
  plan: ctg-clermont-2021-2025                 le plan dont ce sont les chiffres
  source: "Direction Petite Enfance, tableau de bord 2022"
  observations:
    - {indicator: places_100, period: 2022, territory: nord, numerator: 45, denominator: 300}
    - {indicator: agents_formes, period: 2022, territory: clermont-ferrand, categorie: accueil, value: 12}
    - {indicator: evaluation_laep, period: 2022, text: "Deux associations…"}
    - {indicator: tps_accueillies, period: 2021-2022, territory: sud, missing: "comptage non réalisé"}
  progress:  [{step: 3-C, period: 2022, status: started}]    planned | started | done | dropped
  meetings:  [{committee: copil, date: 2022-06-14}]
  funding:   [{funder: caf, year: 2022, amount: 1650000, action: 7}]

Une ligne donne exactement l'un de : value (]] .. plan_words("value", "score") .. [[ ; le taux
d'un taux tel que publié, sans ses chiffres), numerator + denominator (taux ; un score peut les donner
comme réponses satisfaites / réponses, et ses répondants en respondents ou denominator),
numerator seul ou denominator seul (une part d'un taux : les places d'un fichier, les enfants
d'un autre, importés dans la même commande ou l'un après l'autre ; la valeur existe quand les
deux parts sont connues, voir ctg help eval ; un numérateur d'un indicateur dont aucun
dénominateur n'a jamais été importé est refusé),
text (qualitatif), missing (non disponible : la raison — n'écrivez jamais 0 pour un chiffre
manquant). Périodes : 2022, "2021-2022" (année scolaire), "2022-09" (mois) ; dates de
réunion "2024", "2024-06" ou "2024-06-15". Le territoire (un code, un titre quelles que
soient sa casse et ses accents : "TRELON" pour Trélon, quand un seul territoire le porte, son
code insee "59601" ; "St"/"Ste" valent "Saint"/"Sainte") vaut par défaut le territoire
racine. Une instance (committee) ou un financeur (funder) se nomme de même par son code ou
son titre : "comité de pilotage" pour copil, "CAF" pour caf. Toute autre clé est une dimension et doit être l'une
des dimensions (par) de l'indicateur. note et source sont facultatives.

CSV (valeurs d'indicateurs) : une ligne d'en-tête nomme les colonnes, en français ou en anglais —
  indicateur;periode;territoire;valeur;numerateur;denominateur;repondants;texte;manquant;note
  indicator;period;territory;value;numerator;denominator;respondents;text;missing;note;source;<dims>
  (la colonne note peut aussi s'intituler commentaire ou comment)
Format de tableur français (« ; », virgule décimale 13,5, milliers 1 250) ou international
(« , », « . »), reconnu à l'en-tête. --source et --plan donnent ce que donne l'en-tête YAML.
Un montant peut porter le signe euro : « 1 300 000 € », « 1 300 000,50 € ».

CSV (réunions, financements) : un en-tête qui a une colonne instance (committee) se lit comme
des réunions, un en-tête qui a une colonne financeur (funder) comme des financements —
  instance;date;note;source                  (committee;date;note;source)
  financeur;annee;montant;action;note;source (funder;year;amount;action;note;source)
note, source et action sont facultatives ; commentaire vaut note. Une date s'écrit
15/06/2023 ou 2023-06-15 (2023-06, 2023 : le mois, l'année) ; l'instance et le financeur
se nomment par leur code ou leur titre. --territory ne s'y applique pas (refusé).

Encodages du CSV : UTF-8 (avec ou sans BOM), Windows-1252 (le « CSV (séparateur : point-virgule) »
d'Excel), ISO-8859-15, UTF-16 avec BOM (le « texte Unicode » d'Excel) : convertis en UTF-8 à la
lecture, et le bilan le dit (« converti depuis Windows-1252 »). L'encodage est reconnu sur tout
le fichier : de l'UTF-8 valide reste de l'UTF-8 ; sinon un octet de 0x80 à 0x9F désigne
Windows-1252 (€ y vaut 0x80, ’ 0x92, œ 0x9C) ; sans eux, l'un des octets 0xA4 0xA6 0xA8 0xB4
0xB8 0xBC 0xBD 0xBE désigne ISO-8859-15 (€ y vaut 0xA4, œ 0xBD) ; sinon Windows-1252 (les
deux s'accordent sur tous les autres octets). Un fichier qui mêle UTF-8 et un autre encodage est
refusé au premier octet fautif (ligne:colonne). --encoding utf-8 | windows-1252 | iso-8859-15 |
utf-16 impose l'encodage (les octets qu'il ne connaît pas sont des erreurs situées).

Classeurs (.xlsx d'Excel, .ods de LibreOffice) : une feuille au format long ci-dessus (mêmes
noms de colonnes, en français ou en anglais) s'importe comme son CSV. ctg lit les valeurs des
cellules, pas leur affichage : un nombre reste un nombre (une cellule au format % vaut sa
valeur enregistrée : 0,316 pour « 31,6 % »), une date devient 2024-03-15, une formule vaut son
dernier résultat calculé ; un nombre saisi comme texte (« 13,5 ») est lu comme dans un CSV
français. La première feuille par défaut ; --sheet NOM (casse et accents indifférents) ou
--sheet N (à partir de 1) en choisit une autre. Les lignes vides sont sautées. Les erreurs
nomment la cellule comme le tableur : tableau.xlsx:Feuille1!C17 (le nom entre apostrophes
s'il a des espaces : 'Données 2024'!C17). Un classeur écrit par ctg export observations
--format xlsx se relit entier (valeurs, avancement, réunions, financements) : exporter,
importer dans une base neuve et exporter redonne le même classeur. Refusés avec leur raison :
un classeur chiffré (enregistrez-le sans mot de passe), un ancien .xls, une archive zip qui
n'est pas un classeur (un .docx renommé), un fichier tronqué, une cellule en erreur (#DIV/0!)
ou une formule jamais calculée (classeur écrit par un programme qui ne calcule pas : ouvrez-le
et enregistrez-le). Le classeur est lu au fil de l'eau : la mémoire ne grandit pas avec le
nombre de lignes.

Vraisemblance. Une fois les lignes enregistrées, l'import relit celles qu'il vient d'écrire
(quel que soit le format du fichier) et avertit, sans s'arrêter, à la ligne en cause :
  un taux en pourcentage (échelle 100, ou unité "%") sous 1 quand les autres territoires sont
  tous au-dessus de 5 pour le même indicateur et la même période : « 0,316 ressemble à une
  fraction : 31,6 % ? » (une cellule % d'Excel contient 0,316) ;
  un chiffre enregistré pour un territoire qui a des membres (l'EPCI, un groupe) à plus d'un
  dixième de l'agrégat de ses membres : les deux chiffres et leurs sources ; ctg eval et
  --explain montrent le chiffre publié à côté de l'agrégat, sans jamais préférer l'un en
  silence.]]
end

--- Dates, versions and avenants (ctg help time).
function topics.time()
  return [[Le temps dans ctg : dates, versions du plan, avenants

Aucun résultat ne dépend de l'horloge. Une évaluation, une vérification de règles ou un
rapport est calculé « à la date » --as-of (défaut : le dernier jour de la période
demandée ; --period 2023 → 31 décembre 2023 ; --period all → la fin du plan). Une valeur
enregistrée est toujours montrée ; « période non commencée » ne dit que pourquoi rien n'est
enregistré pour une période postérieure à cette date.

Dates : AAAA, AAAA-MM ou AAAA-MM-JJ (2024, 2024-06, 2024-06-15), gardées telles qu'écrites ;
une date partielle vaut du premier au dernier jour qu'elle couvre.

--known-at DATE (eval, rules, report, export observations, build) : les données telles
qu'elles étaient connues ce jour-là ; les révisions importées après sont ignorées, et une clé
dont la dernière révision connue est un retrait (une ligne ôtée de son fichier, ctg build) n'a
pas d'observation. Le rapport présenté au COPIL le 15 mars 2024 se refait à l'identique :
ctg report … --known-at 2024-03-15. Une date et une heure, en UTC (2024-03-15T10:30, les
secondes permises), distinguent deux imports du même jour : les imports jusqu'à cette minute.
Dans un projet, ctg build enregistre chaque rapport livré ; ctg build --known-at MOMENT les
refait tous tels qu'ils étaient connus à ce moment, et ctg livraisons refait et compare chacun.

Chaque sortie JSON de eval et rules, et chaque rapport, porte sa provenance : date de
situation (as_of), known_at, période, plan et version, date d'effet, empreintes du plan et
des données, script, empreinte et arguments du script, avenants en vigueur, version de ctg.
L'empreinte des données est celle de ce que disent les observations en vigueur (clés, valeurs,
numérateurs, dénominateurs, textes, manques, notes), non de leur histoire : la base d'un projet
et celle de son clone frais donnent les mêmes rapports, quel que soit l'ordre des imports ; une
correction qui change un chiffre la change. C'est la somme d'une empreinte par observation en
vigueur : chaque import l'enregistre (table obs_fingerprint), en ajoutant les observations
qu'il rend en vigueur et en retirant celles qu'il remplace ou retire ; la lire ne relit aucune
observation, et --known-at donne celle de ce moment.

Versions du plan : chacune a une date d'effet (effective ; défaut : signed, sinon
council_date, sinon le jour de l'import ; ctg import --effective/--signed/--council-date).
La version en vigueur à une date est la dernière entrée en vigueur ce jour-là ou avant
(à date d'effet égale, la plus récemment importée, avec un avertissement). Réimporter un
fichier plus ancien ne déplace jamais une version postérieure. ctg plans liste les versions,
leurs dates et celle en vigueur aujourd'hui et à la fin du plan. Une observation est vérifiée
contre la version en vigueur pendant sa période.

Même identifiant, autre convention : une base peut tenir les CTG de tout un portefeuille, et
deux auteurs peuvent donner le même identifiant à deux conventions. Un fichier de plan dont
l'identifiant est déjà dans la base est une nouvelle version de ce plan quand il couvre les
mêmes territoires racines (un avenant, un fichier corrigé, une nouvelle construction les
gardent : le chemin du fichier, lui, change d'un clone à l'autre et ne dit rien) ; s'il en
couvre d'autres, c'est une autre CTG : l'import est refusé (code 3, la base inchangée) et dit
quels territoires chacun couvre. Donnez-lui son propre identifiant ; ou, si c'est bien une
nouvelle version (une ville dont la CTG devient intercommunale), ctg import --new-version.

Avenant écrit comme ses changements (fichier .lua) :
  amendment "ctg-clermont-2021-2025" {
    amends = "plan.lua",          -- ou absent : la version de la base en vigueur la veille
    label = "Avenant n°1",        --   de son entrée en vigueur ; ou un numéro de version
    council_date = "2023-06-12", signed = "2023-07-03", effective = "2023-07-01",
  }
  action(7) { step("F", "Nouvelle étape") }              -- ajoute à l'action 7
  indicator "nouveau" { label = "…", sheet = "7", kind = "count" }   -- nouveau code : ajouté
  objective("2-1") { title = "Nouveau titre" }           -- code existant : champs remplacés
  remove { indicator = "ancien", step = {"5-E"}, rule = "règle" }
Retirer une action retire sa fiche propre et ses indicateurs (refusé si une règle les
utilise encore). ctg check avenant.lua vérifie le plan obtenu et affiche ses changements ;
ctg import avenant.lua l'enregistre comme nouvelle version, avec les dates de l'avenant ;
ctg export avenant.lua (ou PLAN-ID@N) écrit le plan entier obtenu. Dans un projet, les
avenants se listent dans ctg.yaml (avenants: [avenant-1.lua], dans l'ordre) : ctg build les
applique chacun à partir de sa date, au plan tel qu'il est ; chacun nomme le fichier qu'il
modifie (le plan, ou un avenant listé avant lui) et prend effet après lui.

ctg diff PLAN-ID@1 PLAN-ID@2 compare deux versions enregistrées (PLAN-ID@2023-07-01 : la
version en vigueur ce jour-là ; un fichier de plan peut remplacer l'une ou l'autre).
Un indicateur retiré par la version en vigueur alors qu'il a des observations est signalé
par import, eval et rules ; ses observations restent dans ctg history et ctg export observations.]]
end

--- The guide of report scripts: the context, every builder method and field, every chart
--- kind, the outputs, and a complete example (the tests run it).
function topics.report()
  local report = require("ctg.report")
  local kinds = {}
  for _, k in ipairs(report.CHART_KINDS) do kinds[#kinds + 1] = k end
  return [[
usage : ctg report SCRIPT -o SORTIE.(html|md|csv|xlsx|pdf) [--plan ID|all] [--period P]
                   [--as-of DATE] [--known-at DATE] [--date AAAA-MM-JJ]
                   [--csv-dialect french|intl] [ARGS…]

Exécute SCRIPT (un fichier .lua, ou le nom d'un script fourni : bilan-annuel) et écrit le
document qu'il rend, au format de l'extension de SORTIE. Rien n'est écrit si le script échoue
(son fichier et sa ligne sont donnés). Scripts fournis avec ctg, par leur nom (ctg report
bilan-annuel -o bilan.html), ou à copier et adapter depuis le dossier scripts/ du dépôt :
bilan-annuel (bilan annuel), tableau-de-bord (tous les indicateurs, deux années), calendrier
(Gantt des étapes), couverture-enjeux (enjeux × actions), portefeuille (les CTG d'une base
côte à côte). Ils marchent sur tout plan valide : ils nomment les niveaux comme le plan
(plan:label) et omettent ce qu'il n'a pas. Le bilan annuel d'une intercommunalité montre, pour
chaque indicateur suivi par territoire, le tableau de l'EPCI (la référence), de ses groupes
(QPV, villages…) et de chaque commune (numérateur, dénominateur, écart à la référence, cible,
statut), et le graphique des communes avec la valeur de l'EPCI et la cible ; un agrégat
incomplet dit quelles communes manquent.

PLUSIEURS PLANS
Une base peut tenir plusieurs plans (le portefeuille d'une CAF) : --plan ID dit lequel ;
sans --plan, une base de plusieurs plans est une erreur (code 2) qui les liste. --plan all
donne au script chaque plan : ctx.evaluations (un élément par plan, dans l'ordre des
identifiants : ev.plan, ev.version, ev.period) ; ctx.plan, ctx.evaluation et ctx.plan_version
sont alors une erreur qui le dit. portefeuille.lua compare les indicateurs qui portent la même
reference_nationale (« cnaf:taux_couverture ») : valeur, cible et statut par plan et par
territoire racine, un tableau et un graphique des statuts ; il dit quand la base n'a qu'un
plan ou qu'aucune référence n'est partagée. La provenance nomme chaque plan, sa version, ses
empreintes et, quand elles diffèrent, sa période et sa date de situation.
  ctg report scripts/portefeuille.lua --plan all --period 2024 -o portefeuille.html

SORTIES
  .html  un fichier autonome (CSS et graphiques SVG intégrés, ni script ni réseau), mis en
         page pour l'A4 portrait (colonne de 680 px) : à l'impression, titre et date en haut
         de page, « page N / total » en bas, en-têtes de tableaux répétés.
  .pdf   le HTML imprimé par Chromium (headless).
  .md    Markdown ; chaque graphique y devient le tableau de ses valeurs.
  .csv   un fichier par tableau : SORTIE-<nom>.csv ; les cellules de `raw` (nombres en
         nombres, arrondis comme affichés), dialecte français par défaut (;  13,5  BOM).
  .xlsx  un classeur : une feuille « Provenance », puis une feuille par tableau ; nombres en
         nombres avec formats français (# ##0, 0,0 %, € — le format vient de la cellule
         affichée), libellés, ligne d'en-tête figée, largeurs réglées, textes entiers.
L'en-tête de chaque rendu donne la période, la date de situation (--as-of, défaut : fin
de la période), la date de connaissance (--known-at), les avenants en vigueur et la date
d'édition (--date ; sans --date, aucune date du jour : le rapport se refait à l'octet près).
Chaque rendu se termine par sa provenance (plan et empreintes, script, version de ctg).

LE SCRIPT
Un morceau Lua : `local ctx = ...`, puis `return ctx.report.new { … }` garni de sections.
ctx contient :
  plan        le plan en vigueur : plan.title, plan.period ({2021, 2025}), plan.axes,
              plan.objectives, plan.actions, plan.steps, plan.indicators, plan.committees,
              plan.funding, plan.territories, plan.stakes, plan.vision (ou nil) ;
              plan:label("axis"|"objective"|"action"|"step") (« Thématique », « Fiche »…),
              plan:levels(), plan:root(), plan:territory(code), plan:place(code),
              plan:sheet_of(numéro), plan:plan_indicators(), plan:meetings_expected(c, année),
              plan:signatory_names() ; un axe : axis.number, .title, .objectives, .actions
              (actions directes) ; une action : a.number, .title, .steps, a:indicators().
  evaluation  ev:value(id, {period =, territory =, dim =, dim_value =}) -> {value,
              numerator, denominator, change, share, status ("achieved", "on track",
              "behind", "receding", "not achieved", "not available"), reason (pourquoi n.d.),
              target, target_period, target_kind, partial, members, with_data, missing,
              published_value… : ctg help eval} ; present.verdict(r, ind) et
              present.partial(r) les disent en une phrase ; ev:series(id) ;
              ev:breakdown(id, dim) ; ev:findings() -> {{severity, message}} ; ev.period,
              ev.territory (le territoire racine).
  db          la base, en lecture : db:step_progress{jusqu_a = ctx.period} (l'avancement
              des étapes : {step, period, status}), db:funding_totals() ({funder, period,
              total}), db:meetings_per_year() ({committee, year, held}), db:observations{…},
              db:history{…} (ctg help store) ; db:query(sql, …) -> lignes : le SQL du moteur
              pour qui en a besoin, par ex. sur current_observation (record = 'value' |
              'progress' | 'meeting' | 'funding', subject, period, …).
  present     les valeurs comme le comité les lit : present.value(r, ind),
              present.number(x), present.level(plan, niveau), present.level_lower(plan,
              niveau), present.count(n, "étape", "étapes", true) (« aucune étape »),
              present.axis_actions(axis), present.plotted(r, ind), present.chart_format(ind),
              present.chart_axis(ind) (unité, échelle d'un score), present.STATUS,
              present.STEP_STATUS ; present.figure(x, ind) (un nombre aux décimales de
              l'indicateur : 60,0 %), present.target(r, ind) (« 50,0 % (2027) », même quand
              la valeur est n.d.), present.target_due(r, ind) (« cible 50,0 % en 2027 »),
              present.status(r) (le statut, ou pourquoi n.d.), present.coverage(r, plan)
              (ce qu'un agrégat laisse de côté : « 11 communes sur 12 ; manque Féron : non
              communiqué », nil s'il est complet), present.value_partial(r, ind, plan),
              present.members(plan, code) (communes d'un EPCI, territoires d'un groupe).
  fmt         formats français : fmt.number(x, d), fmt.percent(ratio, d), fmt.points(x, d),
              fmt.euros(x), fmt.date("2024-03-15"), fmt.NA (« n.d. »).
  report      ce module (report.new) ; svg : le moteur des graphiques ;
              stock("bilan-annuel") : le document d'un rapport fourni, à compléter.
  evaluations la liste des évaluations lues : la seule, ou chaque plan avec --plan all.
  period      la période (--period, « 2023 ») ; date : --date ou nil ; args : les ARGS.
  read_csv    ctx.read_csv("fichier.csv") : {header = {…}, rows = {{…}}}, les textes d'un
              CSV du dossier du script : un fichier ordinaire (ni tube, ni périphérique),
              atteint sans chemin absolu, sans « .. » ni lien symbolique, de 64 Mo au plus.

LE BAC À SABLE
Un script de rapport voyage (courriel, git) : il s'exécute dans un bac à sable. Il a les
fonctions pures de Lua et ses propres copies de string, table, math et utf8 (les changer ne
change rien pour ctg) ; ni os.execute, ni io, ni require, ni load, ni debug, ni bytecode ;
ctx.db et les modules de ctx sont en lecture seule. Un nom refusé est une erreur à la ligne
du script : « script.lua:4: io.open n'est pas permis dans un script de rapport : … ».
Limites : --timeout SECONDES (30 par défaut) et --max-memory Mo (512), qu'un pcall du
script ne peut pas contourner ; elles couvrent tout ce que le script fait faire à ctg (un
motif qui n'en finit pas, les métaméthodes de ses valeurs, une erreur à __tostring). Un
appel qui ne rend pas la main est arrêté par un chien de garde une seconde après la limite :
code 1, le fichier nommé, rien d'écrit. Pas de __gc (un finaliseur tournerait après le
script). Ce que le script affiche (print) va sur la sortie d'erreur, précédé de sa ligne :
il ne se fait pas passer pour ctg. Le code de sortie et la provenance sont ceux de ctg :
une erreur qui imite les siennes reste une erreur du script (code 1), la provenance est
calculée après le script et remplace toute autre, et le document rendu doit être fait par
ctx.report.new, de données simples (pas de métatable à soi). Pour vos propres scripts :
ctg report SCRIPT --trust -o … donne tout Lua.

LE DOCUMENT
report.new { title, subtitle?, organisation?, date? (édition), period?, as_of? }
Chaque méthode ajoute un bloc et rend son propriétaire (les appels s'enchaînent) ;
section rend la sous-section créée. Sur un document ou une section :
  :section(titre, { page_break = true? })   une section (jusqu'à 5 niveaux)
  :paragraph(texte)                          une ligne vide sépare les paragraphes
  :figures { { label, value, note?, status? } }
                                             chiffres clés ; value est un texte déjà
                                             formaté ; status "ok" | "warning" | "critical"
                                             (Conforme, Attention, Critique : une légende
                                             les explique sous le bloc)
  :table { caption, name?, columns, align?, rows, raw?, notes? }
                                             rows : textes affichés, une cellule par colonne ;
                                             align : "left" | "right" | "center" par colonne
                                             (défaut : à droite les colonnes de nombres) ;
                                             raw : mêmes lignes en données (nombres, textes
                                             entiers) pour CSV et XLSX ; notes : textes entiers
                                             numérotés sous le tableau (« note 1 » dans une
                                             cellule) ; name : le nom du fichier CSV ; une
                                             colonne entièrement vide n'est pas imprimée
  :chart { kind, title, … }                  un graphique (ci-dessous)
  :findings { { severity, message } }        constats : "critical" | "error" | "warning" | "info"
  :list { texte, … }                         une liste à puces
Une erreur d'argument (champ inconnu, valeur mal formée, graphique impossible) arrête le
script à sa ligne : jamais de trou dans le rapport.

LES GRAPHIQUES (kind = ]] .. table.concat(kinds, ", ") .. [[)
Champs communs : title, desc? (une phrase pour qui ne voit pas le graphique), size?
("normal" ou "small" : deux petits graphiques par ligne), format? ("number", "percent"
(un ratio 0,135 -> 13,5 %), "points" (déjà en %), "euros"), decimals?, id?.
Les valeurs se donnent par clé de catégorie, jamais par position : une valeur absente ne
décale pas les autres, et une clé qui n'est pas une catégorie est une erreur.
  values = { ["2021"] = 12, ["2023"] = 14 }                      (une table clé -> valeur)
  values = { { category = "fourmies", value = 55.8 }, … }         (ou une liste)
Une catégorie est un libellé (« 2021 », ou le nombre 2021) ou { key = "fourmies", label =
"Fourmies" } (la clé sert aux valeurs, le libellé est affiché).
  line     x = { catégories }, series = { { name, values } } (8 au plus) ; y_label? (l'unité),
           y_min?, y_max? (l'échelle déclarée : un score « sur 5 » : y_min = 0, y_max = 5),
           lines? ; l'axe part de 0 ; une année sans valeur est une coupure marquée « n.d. »
  bars     categories, et values (une barre par catégorie) ou series = { { name, values } }
           (barres groupées : années ou territoires côte à côte) ; y_label?, y_min?, y_max?,
           orientation? ("vertical" | "horizontal", choisie sinon), lines?
  stacked  categories, stacks = { { name, values } } (barres empilées, parts ≥ 0)
  gantt    years = { 2021, … }, rows = { { label, planned? = { années }, actual? = { [année]
           = "planned" | "started" | "done" | "dropped" } } } (planned absent : « calendrier
           inconnu »)
  lines = { { value, label, kind = "target" | "floor" | "reference" } } : lignes nommées dans
  la légende avec leur valeur : la cible (tiretée), le plancher (une barre sous le plancher
  est marquée ▼), la référence (pointillée : la valeur de l'ensemble dont les barres sont des
  parties, par ex. le taux de l'EPCI derrière les barres de ses communes).
Un graphique n'est jamais coupé par un saut de page : 40 barres tiennent sur une page A4 ;
au-delà, il se poursuit en plusieurs figures de même échelle, titre et axe répétés
(« (suite) »).

EXEMPLE COMPLET
-- début de l'exemple
local ctx = ...
local plan, ev, fmt = ctx.plan, ctx.evaluation, ctx.fmt
local doc = ctx.report.new { title = "Synthèse " .. ctx.period, subtitle = plan.title, date = ctx.date }
local s = doc:section("Indicateurs renseignés")
local rows, raw, x, values = {}, {}, {}, {}
for _, ind in ipairs(plan.indicators) do
  local r = ev:value(ind.id)
  rows[#rows + 1] = { ind.label, ctx.present.value(r, ind) }
  raw[#raw + 1] = { ind.label, r.value }
end
s:table { caption = "Valeurs " .. ctx.period, name = "valeurs", columns = { "Indicateur", ctx.period },
          rows = rows, raw = raw }
for y = plan.period[1], tonumber(ctx.period) do
  local n = 0
  for _, ind in ipairs(plan.indicators) do
    if ev:value(ind.id, { period = y }).value ~= nil then n = n + 1 end
  end
  x[#x + 1] = tostring(y)
  values[tostring(y)] = n
end
s:chart { kind = "bars", title = "Indicateurs renseignés par année", categories = x, values = values,
          y_label = "indicateurs", desc = "Nombre d'indicateurs ayant une valeur, par année." }
s:paragraph("Au total : " .. fmt.number(#plan.indicators, 0) .. " indicateurs.")
return doc
-- fin de l'exemple
(ctg report exemple.lua --period 2023 -o synthese.html)]]
end

return function(argv)
  local opts, pos = args.parse(argv, { command = "help", usage = "ctg help SUJET [--format text|luals]", min = 1, max = 1,
    options = { format = { values = { "text", "luals" }, default = "text" } } })
  local name = pos[1]
  if opts.format == "luals" then
    if name ~= "vocabulary" then
      args.fail(args.EXIT.USAGE, msg.text("cli.help.luals-only"))
    end
    io.stdout:write(require("ctg.luals").definitions())
    return args.EXIT.OK
  end
  local topic = topics[name]
  if not topic then
    local names = { "vocabulary", "shapes", "store", "observations", "sources", "eval", "tables", "time", "rules", "repl", "help", "check", "export", "diff",
                    "import", "plans", "history", "init", "build", "report" }
    local hint = suggest.closest(name, names)
    args.fail(args.EXIT.USAGE, msg.text("cli.help.unknown", { name = tostring(name),
      hint = hint and msg.text("cli.hint", { hint = hint }) or
        msg.text("cli.help.topics", { topics = "vocabulary, shapes, store, observations, sources, eval, tables, time, report" }) }))
  end
  io.stdout:write(topic(), "\n")
  return args.EXIT.OK
end
