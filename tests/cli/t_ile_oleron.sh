# examples/ile-oleron, the second example: an EPCI and its communes by INSEE code, fed by CNAF
# and INSEE files in their published shapes through the stock mappings of its sources/; built
# in a copy, as a user would (the example itself is never written into).
cp -r "$ROOT/examples/ile-oleron" ol
rm -f ol/ctg.db
ev() { "$CTG" --db ol/ctg.db eval --indicator "$1" --period "$2" --territory "$3" --format csv | sed -n 2p | cut -d';' -f4-6; }

t "the example's plan and mappings check without error or warning"
cd ol && run "$CTG" check && cd ..
expect_rc 0; expect_out "plan.lua: ctg-ile-oleron-2022-2026"
expect_out "sources/cnaf.lua:8: source « cnaf-nbpla-com »"; expect_out "sources/insee.lua:22: source « insee-pop-age-2022 »"
case "$out" in *"1 erreur"*|*"avertissements"*|*"1 avertissement"*) _fail "an error or a warning";; esac

t "ctg build reads every file through its mapping, with its account"
run "$CTG" build ol
expect_rc 0; expect_out "6 fichiers"
expect_out "donnees/TAUXCOUV2020.csv (converti depuis Windows-1252) : bilan (source « cnaf-tauxcouv-ancien ») : 11 lignes lues, 8 observations enregistrées"
expect_out "donnees/txcouv_pe_epci.csv : bilan (source « cnaf-txcouv-epci ») : 10 lignes lues, 2 observations enregistrées, ignorées (règle ignorer) : 0, hors du plan : 8 (241700624, 200041689, 200041762, XX)"
expect_out "donnees/nbpla_pe_com.csv : bilan (source « cnaf-nbpla-com ») : 22 lignes lues, 48 observations enregistrées"

t "the EPCI's taux de couverture is Σplaces (CNAF) / Σchildren (INSEE) of its eight communes"
# 2022: places 90 + 61 + 43 + 39 + 10 + 9 + 7 + 3 = 262 (nbpla_pe_com, tot_offre_com);
# children 115,024411 + 90,55203 + 73,104989 + 62,880042 + 18,94112 + 16,200733 + 15,950004
# + 7,310982 = 399,964311 (P22_POP0002): 65,51 %
[ "$(ev taux_couverture 2022 oleron | cut -d';' -f2)" = "262" ] || _fail "Σplaces: $(ev taux_couverture 2022 oleron)"
ev taux_couverture 2022 oleron | grep -q "^65,50[0-9]*;262;399,96431" || _fail "the EPCI: $(ev taux_couverture 2022 oleron)"
ev taux_couverture 2022 saint-pierre | grep -q "^78,24[0-9]*;90;115,024411" || _fail "Saint-Pierre: $(ev taux_couverture 2022 saint-pierre)"
# 2021 from the other vintage of each file
# (2021: 82 + 59 + 42 + 38 + 11 + 9 + 6 + 3 = 250 places)
ev taux_couverture 2021 oleron | grep -q "^61,35[0-9]*;250;407,4735" || _fail "2021: $(ev taux_couverture 2021 oleron)"

t "the CNAF's published rates are kept as they are published, the EPCI's its own (never a mean of its communes')"
# txcouv_pe_epci.csv, 2022;241700640;…;63.6 ; TAUXCOUV2020.csv (Windows-1252), 17486;La Brée-les-Bains;…;23,8
[ "$(ev taux_couverture_cnaf 2022 oleron)" = "63,6;;" ] || _fail "EPCI 2022: $(ev taux_couverture_cnaf 2022 oleron)"
[ "$(ev taux_couverture_cnaf 2020 la-bree)" = "23,8;;" ] || _fail "the Windows-1252 file's decimal comma: $(ev taux_couverture_cnaf 2020 la-bree)"
[ "$(ev places_eaje 2022 saint-pierre)" = "40;;" ] || _fail "places_eaje: $(ev places_eaje 2022 saint-pierre)"

t "ctg build writes the annual report of ctg.yaml, the EPCI's rate with its two parts"
[ -s ol/sortie/bilan-annuel-2022.html ] || _fail "no sortie/bilan-annuel-2022.html"
grep -qF "| Communauté de communes de l'Île d'Oléron (référence) | 262 | 400,0 | 65,5${NB}% |" ol/sortie/bilan-annuel-2022.md ||
  _fail "the EPCI's row: $(grep -n "Oléron (référence)" ol/sortie/bilan-annuel-2022.md)"

t "the example is left as it was: no database, no output written into it"
[ -e "$ROOT/examples/ile-oleron/ctg.db" ] && _fail "examples/ile-oleron/ctg.db exists"
[ -e "$ROOT/examples/ile-oleron/sortie" ] && _fail "examples/ile-oleron/sortie exists"
