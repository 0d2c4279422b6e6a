# ctg eval and ctg rules on the example plan and its illustrative data.
EX="$ROOT/examples/clermont-ferrand"
export CTG_DB="$TMP/ctg.db"
"$CTG" import "$EX/plan.lua" "$EX"/data/2020.yaml "$EX"/data/2021.yaml "$EX"/data/2022.yaml \
  "$EX"/data/2023.yaml "$EX"/data/2023-petite-enfance.csv >/dev/null
"$CTG" import "$EX"/data/corrections-2022.yaml >/dev/null

t "eval: the values table in French formats, for the last year with data, at the city"
run "$CTG" eval --as-of 2024-06-01
expect_rc 0
expect_out "Indicateurs, période 2023 : Clermont-Ferrand"
expect_out "Indicateur"; expect_out "Statut"
expect_out "places_100                       14,6"
expect_out "evol_capacite_accueil            +6,5${NB}%"
expect_out "taux_mixite_sociale              n.d."
expect_out "indicateur sans"; expect_no_out "non disponible"
widest=$(printf '%s\n' "$out" | python3 -c "import sys; print(max(len(l.rstrip(chr(10))) for l in sys.stdin))")
[ "$widest" -le 100 ] || _fail "a line of $widest characters (a terminal has 100)"

t "eval: a long text wraps within 100 columns, --format json has it in full"
run "$CTG" eval --period all --territory all --as-of 2024-06-01
expect_rc 0
expect_out "Période  Territoire"; expect_out "Territoire"; expect_out "Nord"
widest=$(printf '%s\n' "$out" | python3 -c "import sys; print(max(len(l.rstrip(chr(10))) for l in sys.stdin))")
[ "$widest" -le 100 ] || _fail "a line of $widest characters (a terminal has 100)"
run "$CTG" eval --period 2023 --indicator taux_mixite_sociale --format json --as-of 2024-06-01
expect_out '"reason": "indicateur sans formule (numérateur et dénominateur à définir)"'

t "eval --format json rows have the documented fields"
run "$CTG" eval --indicator places_100 --period 2022 --format json --as-of 2024-06-01
expect_rc 0
expect_out '"indicator": "places_100",'; expect_out '"period": "2022",'; expect_out '"territory": "clermont-ferrand",'
expect_out '"dimensions": {},'; expect_out '"numerator": 768,'; expect_out '"denominator": 5450'
expect_out '"value": 14.09174311'

t "eval: the 2021 zero denominator is not available, not inf"
run "$CTG" eval --indicator taux_evolution_accueils --period 2021 --format json --as-of 2024-06-01
expect_out '"reason": "dénominateur nul"'; expect_no_out "inf"; expect_no_out ": nan"; expect_no_out ": -nan"

t "eval --territory all rolls territories up to the city"
run "$CTG" eval --indicator tps_accueillies --period 2023 --territory all --format csv --as-of 2024-06-01
expect_rc 0
expect_out "tps_accueillies;2023;clermont-ferrand;129;"
expect_out "tps_accueillies;2023;nord;"

t "eval --by step breaks an indicator down"
run "$CTG" eval --indicator projets_lieux_ressources --by step --territory nord --period 2022 --as-of 2024-06-01
expect_rc 0; expect_out "4-A"; expect_out "4-E"

t "eval --explain shows the formula and every revision with its provenance"
run "$CTG" eval --explain agents_formes --period 2022 --as-of 2024-06-01
expect_rc 0
expect_out "formule : somme des valeurs"
expect_out "valeur : 41"
expect_out "[categorie=accueil] révision 1 : 12"
expect_out "[categorie=accueil] révision 2 : 14 — Correction du tableau de bord 2022 (fictif)"
expect_out "corrections-2022.yaml:9"

t "eval --explain of a ratio names numerator and denominator"
run "$CTG" eval --explain places_100 --period 2023 --as-of 2024-06-01
expect_out "Σ numérateur / Σ dénominateur × 100"; expect_out "2023-petite-enfance.csv:"

t "eval with an unknown indicator or territory is a usage error"
run "$CTG" eval --indicator places_10
expect_rc 2; expect_err "indicateur inconnu 'places_10' (vouliez-vous dire 'places_100' ?)"
run "$CTG" eval --territory Nrod
expect_rc 2; expect_err "territoire inconnu 'Nrod'"

t "rules: the funding floor is critical (exit 4), missed meetings are warnings"
run "$CTG" rules --as-of 2024-06-01
expect_rc 4
expect_out "critique  CAF du Puy-de-Dôme : 1${NB}540${NB}000${NB}€ reçus en 2022, sous le plancher garanti de 1${NB}600${NB}000${NB}€"
expect_out "Comité de pilotage : 0 réunion en 2022 pour 1 prévue"
expect_out "Comité technique : 1 réunion en 2023 pour 2 prévues (25 mai 2023)"
CTG_LANG=en run "$CTG" rules --as-of 2024-06-01
expect_rc 4; expect_out "critical  CAF du Puy-de-Dôme: 1${NB}540${NB}000${NB}€ received in 2022"
expect_out "Comité de pilotage: 0 meetings in 2022 against 1 planned"
expect_out "Comité technique: 1 meeting in 2023 against 2 planned (2023-05-25)"
expect_out "1 critical, 2 warnings, 1 info"; expect_no_out "réunion"; expect_no_out "attention"

t "rules --format json carries the evidence"
run "$CTG" rules --format json --as-of 2024-06-01
expect_rc 4
expect_out '"severity": "critical",'; expect_out '"type": "funding",'; expect_out '"amount": 1540000,'; expect_out '"floor": 1600000'

t "a rules file: its findings, and a failing custom rule reported at its line (exit 1)"
cat > extra.lua <<'RULES'
rule "tps au moins 200" { indicator = "tps_accueillies", op = ">=", value = 200 }
rule "sur mesure" { check = function(ctx)
  local v = ctx:value("inconnu")
  return v
end }
RULES
run "$CTG" rules extra.lua --period 2023 --as-of 2024-06-01
expect_out "tps_accueillies (Nombre de TPS accueillies) vaut 129 en 2023"
expect_out "erreur    la règle « sur mesure » a échoué : extra.lua:3: indicateur inconnu 'inconnu'"
expect_rc 4

t "a rules file with a mistake is refused"
printf 'rule "x" { indicator = "places_100", opp = ">" }\n' > bad_rules.lua
run "$CTG" rules bad_rules.lua
expect_rc 3; expect_err "bad_rules.lua:1: champ inconnu 'opp' dans la règle x (vouliez-vous dire 'op' ?)"

t "explain(v) in the REPL shows the formula and the revisions behind a value"
run_in 'ev = ctg.evaluate(nil, ctg.open(), {period = 2022, as_of = "2024-06-01"})
v = ev:value("agents_formes")
v.value
explain(v)
' "$CTG" repl
expect_rc 0
expect_out "41"
expect_out "formule : somme des valeurs"
expect_out "[categorie=accueil] révision 2 : 14 — Correction du tableau de bord 2022 (fictif)"

# ctg eval --format csv is written by the engine row by row (host/core/engine.c); the same rows
# through ev:value and csvw, the Lua path of scripts, must give the same bytes.
cat > csv_by_lua.lua <<'LUA'
local d = ctg.open(arg[1])
local ev = require("ctg.timeline").evaluate(d, { period = "all", as_of = "2030-01-01" })
local STATUS = require("ctg.present").STATUS
local places = {}
for _, x in ipairs(ev.plan.territories) do places[#places + 1] = x.code end
for _, g in ipairs(ev.plan.groups) do places[#places + 1] = g.code end
local lines = {}
for _, ind in ipairs(ev.plan.indicators) do
  for y = ev:first_year(), tonumber(ev.period) do
    for _, place in ipairs(places) do
      local r = ev:value(ind.id, { period = y, territory = place })
      lines[#lines + 1] = { r.indicator, r.period, r.territory, r.value, r.numerator, r.denominator, r.target,
                            r.status and STATUS[r.status], r.reason or r.note, ev.plan.id }
    end
  end
end
io.write(require("ctg.csvw").document({ "Indicateur", "Période", "Territoire", "Valeur", "Numérateur",
  "Dénominateur", "Cible", "Statut", "Motif", "Plan" }, lines, arg[2]))
LUA
cat > texts.yaml <<'YAML'
plan: ctg-clermont-2021-2025
source: "Comité ; bilan"
observations:
  - {indicator: evaluation_laep, period: 2024, territory: clermont-ferrand, text: '=SOMME(A1) "deux" ; trois'}
  - {indicator: evaluation_laep, period: 2024, territory: nord, text: " espace devant"}
  - {indicator: diversite_acteurs, period: 2024, territory: nord, text: "-moins, virgule"}
YAML
"$CTG" import texts.yaml > /dev/null

t "eval --format csv: the engine's rows are csvw's cells of ev:value, in both dialects"
for dialect in french intl; do
  "$CTG" csv_by_lua.lua "$CTG_DB" "$dialect" > by_lua.csv
  run "$CTG" eval --period all --territory all --format csv --csv-dialect "$dialect" --as-of 2030-01-01
  expect_rc 0
  printf '%s' "$out" > by_engine.csv
  # $out loses the final newline: compare without it
  head -c -1 by_lua.csv | sed 's/\r$//' > a.txt; sed 's/\r$//' by_engine.csv > b.txt
  cmp -s a.txt b.txt || _fail "$dialect: $(diff a.txt b.txt | head -4)"
  [ "$(wc -l < by_lua.csv)" -gt 1500 ] || _fail "$dialect: only $(wc -l < by_lua.csv) rows"
done
"$CTG" eval --indicator evaluation_laep --period 2024 --territory all --format csv --as-of 2030-01-01 > laep.csv
grep -qa "^evaluation_laep;2024;clermont-ferrand;\"'=SOMME(A1) \"\"deux\"\" ; trois\";" laep.csv || _fail "neutralised, quoted text: $(cat laep.csv)"
grep -qa '^evaluation_laep;2024;nord;" espace devant";' laep.csv || _fail "leading space not quoted: $(cat laep.csv)"
"$CTG" eval --indicator diversite_acteurs --period 2024 --territory nord --format csv --csv-dialect intl --as-of 2030-01-01 > div.csv
grep -qa "^diversite_acteurs,2024,nord,\"'-moins, virgule\"," div.csv || _fail "intl: $(cat div.csv)"

t "eval --format csv --by: one row per value of the dimension, only for the indicators that have it"
run "$CTG" eval --by categorie --period 2022 --territory all --format csv --as-of 2030-01-01
expect_rc 0
expect_out "Indicateur;Période;Territoire;categorie;Valeur"
expect_out "agents_formes;2022;clermont-ferrand;accueil;14;"
expect_no_out "places_100;"

t "eval --format json streams the same document: provenance, then every value"
run "$CTG" eval --period all --territory all --format json --as-of 2030-01-01
expect_rc 0
printf '%s\n' "$out" > all.json
python3 -c "
import json, sys
d = json.load(open('all.json'))
assert list(d) == ['provenance', 'values'], list(d)
assert len(d['values']) == $(($(wc -l < by_lua.csv) - 1)), len(d['values'])
v = [x for x in d['values'] if x['indicator'] == 'agents_formes' and x['period'] == '2022' and x['territory'] == 'clermont-ferrand'][0]
assert v['value'] == 41 and v['dimensions'] == {}, v
" || _fail "the JSON document is not the values"
# a breakdown with no value at all: an empty array (ctg.json wrote an empty object)
run "$CTG" eval --indicator participants_sante --by action --format json --as-of 2030-01-01
expect_rc 0; expect_out '"values": []'
