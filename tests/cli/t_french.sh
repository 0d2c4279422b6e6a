# French for French analysts (issue 13): every help text, every usage error and the plan's
# field errors are French; CTG_LANG=en gives them in English. The check looks for words
# that betray an English sentence, outside code spans (`…`), quoted strings ("…"), option
# names (--period), identifiers (expected_results) and finding codes ([unknown-field]), which
# stay as they are in both languages.

# Words of an English sentence that no French text of ctg contains: distinctive ones in any
# case, and the small words of every English sentence in lower case (SQL keywords such as
# FROM or INTO, quoted in help store, are upper case).
ENGLISH=' the |^the | must | of the |unknown|expected|allowed|did you mean| is not |cannot| got |missing argument|should | try '
SMALL=' if | has | and | with | when | every | each | are | this | its | from | into | which | for | or | not | to | by | in | it | is | be | was '

# The lines of stdout and stderr that read as English: code spans, quoted strings, option
# names, identifiers, finding codes and the lines of Lua examples (… do, … then …, … end)
# left out.
english_lines() {
  prose=$(printf '%s\n%s\n' "$out" "$err" |
    sed -E 's/`[^`]*`//g; s/"[^"]*"//g; s/--[a-z][a-z-]*//g; s/ \[[a-z-]+\]$//; s/[A-Za-z0-9]*_[A-Za-z0-9_]*//g' |
    grep -vE ' do$| then | end$')
  { printf '%s\n' "$prose" | grep -iE "$ENGLISH"; printf '%s\n' "$prose" | grep -E "$SMALL"; } | head -5
}
expect_french() {
  leaks=$(english_lines)
  [ -z "$leaks" ] || _fail "English in the output: $leaks"
}

SUBCOMMANDS="repl help check export diff import plans history eval rules report init build livraisons verifier"
TOPICS="vocabulary shapes store observations sources eval tables time report"

t "the leak check itself: an English sentence is caught, code, quotes and options are not"
out="erreur : le champ 'x' doit être un entier (\`the value\`, \"the text\", --the-option, the_field) [unknown-x]"; err=""
[ -z "$(english_lines)" ] || _fail "a French line with code, quotes and an option was taken for English"
out="field 'x' must be an integer"
[ -n "$(english_lines)" ] || _fail "an English line went unnoticed"
out="plans differ; 3 if either plan has errors"
[ -n "$(english_lines)" ] || _fail "an English line of small words went unnoticed"

t "ctg --help and ctg help are French"
run "$CTG" --help
expect_rc 0; expect_out "Sous-commandes :"; expect_french
run "$CTG" help
expect_rc 0; expect_out "Sujets d'aide"; expect_french

t "every help topic is French"
for topic in $TOPICS; do
  run "$CTG" help "$topic"
  expect_rc 0; [ -n "$out" ] || _fail "help $topic is empty"; expect_french
done

t "ctg help SUBCOMMAND and SUBCOMMAND --help are French, for every subcommand"
for sub in $SUBCOMMANDS; do
  run "$CTG" help "$sub"
  expect_rc 0; expect_out "usage"; expect_french
  run "$CTG" "$sub" --help
  expect_rc 0; expect_out "usage"; expect_french
done

t "help vocabulary: French names first, French docs, types and values; the editor definitions too"
run "$CTG" help vocabulary
expect_rc 0; expect_out "periode (period)"; expect_out "{première année, dernière année}, obligatoire"; expect_out ", obligatoire — "
expect_out "nature (kind)                        une valeur parmi comptage, taux, evolution, score, qualitatif"
expect_out "note libre"; expect_no_out "free note"; expect_french
run "$CTG" help vocabulary --format luals
expect_rc 0; expect_out "---@field periode? integer[] première et dernière années couvertes (obligatoire)"
expect_out "---@field period? integer[] première et dernière années couvertes (obligatoire) (= periode)"
expect_out "---Charge un fichier de plan"; expect_french

t "a usage error of every subcommand is French, with its hint"
for sub in check export diff import plans history eval rules report init build help; do
  run "$CTG" "$sub" --bogus
  expect_rc 2; expect_err "option inconnue '--bogus'"; expect_err "(voir 'ctg help $sub')"; expect_french
done
run "$CTG" check --frmat text
expect_rc 2; expect_err "check : option inconnue '--frmat' (vouliez-vous dire '--format' ?)"; expect_french
run "$CTG" check
expect_rc 2; expect_err "check : nommez le plan ou la correspondance à vérifier"; expect_french
run "$CTG" diff a.lua
expect_rc 2; expect_err "diff : argument manquant"; expect_french
run "$CTG" plans --format xml
expect_rc 2; expect_err "l'option '--format' prend l'une des valeurs text, json (reçu 'xml')"; expect_french
run "$CTG" repl extra
expect_rc 2; expect_err "repl ne prend pas d'argument"; expect_french
run "$CTG" chek
expect_rc 2; expect_err "sous-commande inconnue 'chek' (vouliez-vous dire 'check' ?)"; expect_french
run "$CTG" --bogus
expect_rc 2; expect_err "option inconnue '--bogus' (voir 'ctg --help')"; expect_french
run "$CTG" help nothing
expect_rc 2; expect_err "pas d'aide sur 'nothing'"; expect_french
run "$CTG" report script.lua
expect_rc 2; expect_err "donnez le fichier de sortie avec -o"; expect_french

cat > fr.lua <<'PLAN'
plan "mini" { titre = "Mini",
  periode = "2021" }
territoire("v", "Ville") { niveau = "commune" }
axe(1, "Axe") {
  action(1, "Action") { pilote = {"x"} },
}
PLAN

t "a plan's wrong-type and unknown-field errors are French, at the line, naming the field as written"
run "$CTG" check fr.lua
expect_rc 3
expect_out "fr.lua:2: le champ 'periode' du plan mini doit être une paire d'années {première, dernière}, pas le texte \"2021\""
expect_out "fr.lua:5: champ inconnu 'pilote' dans l'action 1 (vouliez-vous dire 'pilotes' ?)"
expect_french

t "what the plan's model refuses is French: a declaration given twice, a year outside the period"
cat > model.lua <<'PLAN'
plan "mini" { titre = "Mini", periode = {2021, 2025} }
territoire("v", "Ville") { niveau = "commune" }
axe(1, "Axe") {
  action(1, "Action") { etape("A", "Étape") { annees = {2027} } },
  action(1, "Encore") {},
}
PLAN
run "$CTG" check model.lua
expect_rc 3; expect_out "model.lua:5: l'action 1 est en double (première déclaration à model.lua:4)"; expect_french
sed -i 's/^  action(1, "Encore") {},$//' model.lua
run "$CTG" check model.lua
expect_rc 3; expect_out "model.lua:4: l'étape 1-A : l'année 2027 est hors de la période du plan 2021-2025"; expect_french

t "a YAML plan's shape errors are French"
printf 'plan: {id: p, titre: P, periode: [2021, 2025]}\nterritoires: 3\nenjeus: []\n' > p.yaml
run "$CTG" check p.yaml
expect_rc 3; expect_out "p.yaml:2: 'territoires' doit être une liste"
expect_out "p.yaml:3: clé inconnue 'enjeus' au premier niveau du plan (vouliez-vous dire 'enjeux' ?)"; expect_french

t "CTG_LANG=en: help vocabulary, usage errors and plan errors in English"
CTG_LANG=en run "$CTG" help vocabulary
expect_rc 0; expect_out "The plan vocabulary"; expect_out "period (periode)                     {first year, last year}, required — first and last year covered"
expect_no_out "obligatoire"; expect_no_out "note libre"
CTG_LANG=en run "$CTG" check --frmat text
expect_rc 2; expect_err "check: unknown option '--frmat' (did you mean '--format'?) (try 'ctg help check')"
CTG_LANG=en run "$CTG" chek
expect_rc 2; expect_err "unknown subcommand 'chek' (did you mean 'check'?)"
CTG_LANG=en run "$CTG" --bogus
expect_rc 2; expect_err "unknown option '--bogus' (try 'ctg --help')"
CTG_LANG=en run "$CTG" check fr.lua
expect_rc 3; expect_out "fr.lua:2: field 'periode' of plan mini must be a pair of years {first, last}, got string \"2021\""
expect_out "fr.lua:5: unknown field 'pilote' in action 1 (did you mean 'pilotes'?)"
CTG_LANG=en run "$CTG" check model.lua
expect_rc 3; expect_out "model.lua:4: step 1-A: year 2027 lies outside the plan period 2021-2025"
