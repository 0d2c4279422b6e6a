#!/bin/sh
# `make demo`: the main job on the example plan, as far as ctg does it today —
# check the Clermont-Ferrand plan, export it, import it with the illustrative data into a
# fresh database, correct a figure and show its history, evaluate the indicators and print
# the findings of the rules, and write the reports for the comité de pilotage; then the
# second example, an intercommunality fed by open data: examples/ile-oleron built with one
# command (ctg build: each CNAF and INSEE file read through its stock mapping, with its
# account), and its taux de couverture, the EPCI's being Σplaces / Σchildren of its communes.
set -e
CTG=${1:-./ctg}
EX=examples/clermont-ferrand
OUT=out/demo
DB=$OUT/ctg.db
mkdir -p "$OUT"
rm -f "$DB" "$DB-wal" "$DB-shm"

echo "== ctg check : vérification du plan $EX/plan.lua"
"$CTG" check "$EX/plan.lua"

echo
echo "== ctg export : le plan en YAML et en JSON dans $OUT/ (le YAML se relit comme le même plan)"
"$CTG" export "$EX/plan.lua" --format yaml -o "$OUT/plan.yaml"
"$CTG" export "$EX/plan.lua" --format json -o "$OUT/plan.json"
"$CTG" check "$OUT/plan.yaml" | sed -n 2p

echo
echo "== ctg import : le plan et les données illustratives 2020-2023 dans une base neuve $DB"
"$CTG" --db "$DB" import "$EX/plan.lua" "$EX"/data/2020.yaml "$EX"/data/2021.yaml \
  "$EX"/data/2022.yaml "$EX"/data/2023.yaml "$EX"/data/2023-petite-enfance.csv \
  --source "Tableau de bord Petite Enfance 2023 (fictif)"

echo
echo "== une correction des chiffres 2022 : une deuxième révision, rien n'est écrasé"
"$CTG" --db "$DB" import "$EX"/data/corrections-2022.yaml
"$CTG" --db "$DB" history --indicator agents_formes --period 2022 --territory clermont-ferrand | head -3

echo
echo "== ctg plans : les versions enregistrées du plan"
"$CTG" --db "$DB" plans

echo
echo "== ctg export observations : $OUT/observations.csv (CSV pour tableur français)"
"$CTG" --db "$DB" export observations --format csv -o "$OUT/observations.csv"
wc -l "$OUT/observations.csv"

echo
echo "== ctg eval : les indicateurs en 2023 (premières lignes), puis le calcul d'une valeur"
"$CTG" --db "$DB" eval --period 2023 | head -14
"$CTG" --db "$DB" eval --explain places_100 --period 2023

echo
echo "== ctg rules : les constats sur l'exemple (code de sortie 4 quand l'un est critique)"
rc=0
"$CTG" --db "$DB" rules --period 2023 || rc=$?
echo "(ctg rules a terminé avec le code $rc)"

echo
echo "== ctg report : le bilan annuel pour le comité de pilotage"
"$CTG" --db "$DB" report scripts/bilan-annuel.lua --period 2023 -o "$OUT/bilan-annuel-2023.html"
"$CTG" --db "$DB" report scripts/bilan-annuel.lua --period 2023 -o "$OUT/bilan-annuel-2023.md"
"$CTG" --db "$DB" report scripts/tableau-de-bord.lua --period 2023 -o "$OUT/tableau-de-bord-2023.html"
"$CTG" --db "$DB" report scripts/calendrier.lua --period 2023 -o "$OUT/calendrier.html"
"$CTG" --db "$DB" report scripts/couverture-enjeux.lua -o "$OUT/couverture-enjeux.html"
echo "Bilan annuel : $OUT/bilan-annuel-2023.html (et .md) ; aussi tableau-de-bord-2023.html, calendrier.html, couverture-enjeux.html"

echo
echo "== second exemple : la CTG de l'Île d'Oléron, alimentée par les données ouvertes de la CNAF et de l'INSEE"
OL=$OUT/ile-oleron
rm -rf "$OL"
cp -r examples/ile-oleron "$OL"
rm -f "$OL/ctg.db" "$OL/ctg.db-wal" "$OL/ctg.db-shm"
echo "   les fichiers, tels que téléchargés : $(cd "$OL/donnees" && echo *)"
echo "   les correspondances de ctg.yaml (sources:) : $(cd "$OL" && echo sources/*.lua)"
echo
echo "== ctg build : chaque fichier lu par sa correspondance, et le bilan de ce qui est entré"
"$CTG" build "$OL"

echo
echo "== ctg eval : le taux de couverture en 2022, l'EPCI et ses communes"
"$CTG" --db "$OL/ctg.db" eval --indicator taux_couverture --period 2022 --territory all
"$CTG" --db "$OL/ctg.db" eval --explain taux_couverture --period 2022 --territory oleron | head -5
"$CTG" --db "$OL/ctg.db" -e '
  local ev = ctg.evaluate(nil, ctg.open(), { period = 2022 })
  local t = ev:table { indicators = "taux_couverture", territories = "members" }
  local places, enfants = 0, 0
  for _, r in ipairs(t) do places = places + r.numerator; enfants = enfants + r.denominator end
  print(("   Σ places des communes = %s, Σ enfants de moins de 3 ans = %s : %s, le taux de l'"'"'EPCI"):format(
    ctg.fmt.number(places), ctg.fmt.number(enfants, 1), ctg.fmt.points(100 * places / enfants, 1)))'
echo "Le second exemple : $OL, son bilan annuel $OL/sortie/bilan-annuel-2022.html (examples/ile-oleron/README.md dit comment le rejouer l'an prochain)"
