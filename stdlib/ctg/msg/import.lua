-- ctg.msg.import — what `ctg import` says: the judge's row findings (rows.*, one message a
-- code of host/fastrow.c, and the progress, meeting and funding checks of ctg.rows), and the
-- file-level errors, progress and summary of an import (import.*).
local fr = {
  -- ---- words shared by the row messages
  ["rows.hint"] = " (vouliez-vous dire '{hint}' ?)",
  ["rows.got.string"] = "le texte {text}",
  ["rows.got.number"] = "le nombre {number}",
  ["rows.got.table"] = "une table",
  ["rows.got.other"] = "{type} {value}",
  ["rows.got.nan"] = "NaN (.nan)",
  ["rows.got.inf"] = "l'infini (.inf)",
  ["rows.got.neg-inf"] = "moins l'infini (-.inf)",
  ["rows.kind.count"] = "comptage", ["rows.kind.ratio"] = "taux", ["rows.kind.evolution"] = "évolution",
  ["rows.kind.score"] = "score", ["rows.kind.qualitative"] = "qualitatif",
  ["rows.record.progress"] = "suivi d'étape (progress)", ["rows.record.meeting"] = "réunion (meetings)",
  ["rows.record.funding"] = "financement (funding)",
  -- ---- indicator observation rows: the judge's codes
  ["rows.missing-indicator"] = "indicateur absent : donnez indicator (l'identifiant d'un indicateur du plan)",
  ["rows.unknown-indicator"] = "indicateur inconnu '{id}'{hint}",
  ["rows.missing-period"] = "période absente : donnez period (2022, \"2021-2022\" ou \"2022-09\")",
  ["rows.bad-period"] = "la période doit être une année (2022), une année scolaire (\"2021-2022\") ou un mois " ..
    "(\"2022-09\"), reçu {got}",
  ["rows.period-outside"] = "la période {period} est hors du plan ({first}-{last}){baselines}",
  ["rows.period-outside.baselines"] = " et de ses périodes de référence (depuis {earliest})",
  ["rows.missing-territory"] = "territoire absent : donnez territory (le plan a plusieurs territoires racines)",
  ["rows.territory-named"] = "{code} (« {title} »)",
  ["rows.territory-ambiguous"] = "territoire « {name} » ambigu : il désigne {list} ; écrivez le code du territoire voulu",
  ["rows.territory-group"] = "« {name} » est un groupe de territoires : enregistrez les chiffres sur ses " ..
    "territoires ({list}), sa valeur en découle",
  ["rows.unknown-territory"] = "territoire inconnu '{name}'{hint}",
  ["rows.no-dimension"] = "l'indicateur {indicator} n'a pas de dimension '{field}'{hint}{dims}",
  ["rows.no-dimension.list"] = " (ses dimensions : {list})",
  ["rows.no-dimension.none"] = " (il n'a pas de dimension)",
  ["rows.too-many-dimensions"] = "trop de dimensions dans la ligne (plus de 32) : '{field}' et les suivantes",
  ["rows.dimension-type"] = "la dimension '{field}' doit être un texte ou un nombre, reçu {got}",
  ["rows.unknown-step"] = "étape inconnue '{value}'{hint}",
  ["rows.unknown-action"] = "action inconnue {action}",
  ["rows.not-finite"] = "{field} doit être un nombre fini, reçu {got}",
  ["rows.not-number"] = "{field} doit être un nombre, reçu {got}",
  ["rows.too-big"] = "{field} est trop grand pour être gardé exactement (au plus 9 007 199 254 740 992), reçu {got}",
  ["rows.negative"] = "{field} ne doit pas être négatif, reçu {got}",
  ["rows.respondents-type"] = "respondents (nombre de répondants) doit être un entier ≥ 0, reçu {got}",
  ["rows.text-type"] = "text doit être un texte, reçu {got}",
  ["rows.missing-type"] = "missing doit donner, en texte, la raison pour laquelle la valeur manque",
  ["rows.field-text"] = "{field} doit être un texte, reçu {got}",
  ["rows.missing-with-value"] = "une ligne marquée missing (valeur manquante) ne donne ni value, ni numerator, " ..
    "ni denominator, ni text",
  ["rows.respondents-kind"] = "respondents (nombre de répondants) ne vaut que pour un indicateur de nature score ; " ..
    "{indicator} est de nature {kind}",
  ["rows.ratio-text"] = "l'indicateur {indicator} est un taux : donnez value (un taux publié) ou numerator et " ..
    "denominator, pas text",
  ["rows.ratio-both"] = "l'indicateur {indicator} est un taux : donnez numerator et denominator",
  ["rows.ratio-value"] = "l'indicateur {indicator} est un taux : donnez numerator et denominator, ou value seule " ..
    "(un taux publié)",
  ["rows.qualitative"] = "l'indicateur {indicator} est qualitatif : donnez text (une appréciation)",
  ["rows.score-value"] = "l'indicateur {indicator} est un score : donnez value (le score moyen), et si besoin " ..
    "numerator (les réponses au seuil ou au-dessus) et denominator (les réponses)",
  ["rows.score-text"] = "l'indicateur {indicator} est un score : text n'est pas admis",
  ["rows.score-denominator"] = "indicateur {indicator} : numerator (les réponses au seuil ou au-dessus) demande " ..
    "denominator (les réponses, ou respondents)",
  ["rows.score-respondents"] = "respondents ({respondents}) et denominator ({denominator}) disent tous deux le " ..
    "nombre de répondants : n'en donnez qu'un",
  ["rows.kind-ratio"] = "l'indicateur {indicator} est de nature {kind} : donnez value, pas numerator et denominator",
  ["rows.kind-value"] = "l'indicateur {indicator} est de nature {kind} : donnez value",
  ["rows.kind-only"] = "l'indicateur {indicator} est de nature {kind} : donnez seulement value",
  ["rows.count-whole"] = "l'indicateur {indicator} compte : value doit être un nombre entier, reçu {got}",
  ["rows.share"] = "numerator {numerator} dépasse denominator {denominator} pour l'indicateur {indicator} : " ..
    "est-ce bien une part ?",
  -- ---- progress, meeting and funding rows
  ["rows.missing-field"] = "{field} absent",
  ["rows.unknown-committee"] = "instance inconnue '{value}'{hint}",
  ["rows.unknown-funder"] = "financeur inconnu '{value}'{hint}",
  ["rows.status"] = "status doit être l'un de {list}, reçu {got}{hint}",
  ["rows.unknown-key"] = "clé inconnue '{key}' dans une ligne de {record}{hint}",
  ["rows.date-outside"] = "la date {date} est hors du plan ({first}-{last})",
  ["rows.bad-year"] = "year doit être une année, telle que 2022",
  ["rows.amount"] = "amount doit être un montant en euros ≥ 0, reçu {got}",
  -- ---- files
  ["import.cannot-open"] = "impossible d'ouvrir le fichier",
  ["import.empty-file"] = "fichier vide (0 octet)",
  ["import.unknown-type"] = "type de fichier inconnu : attendu un plan (.lua, .yaml), des observations " ..
    "(.yaml, .json) ou un fichier CSV (.csv)",
  ["import.unknown-plan"] = "le fichier est pour le plan '{plan}', qui n'est pas dans la base : importez d'abord " ..
    "le plan (ctg import plan.lua)",
  ["import.plan-type"] = "plan doit être l'identifiant du plan (un texte)",
  ["import.source-type"] = "source doit dire d'où viennent les chiffres (un texte)",
  ["import.section-type"] = "'{key}' doit être une liste de lignes",
  ["import.unknown-key"] = "clé inconnue '{key}'{hint}",
  ["import.unknown-list"] = "liste inconnue '{key}'{hint}",
  ["import.allowed"] = " (possibles : {list})",
  ["import.header-first"] = "'plan:' et 'source:' doivent précéder les lignes (le plan auquel les chiffres se " ..
    "rapportent, et leur provenance)",
  ["import.row-mapping"] = "chaque ligne doit être un ensemble de clés et de valeurs, tel que " ..
    "{indicator: …, period: …, …}",
  ["import.missing-plan"] = "'plan:' absent (l'identifiant du plan auquel les chiffres se rapportent)",
  ["import.missing-source"] = "'source:' absent (d'où viennent les chiffres)",
  ["import.duplicate"] = "{same} que la ligne {line} ({key}) : une clé ne se donne qu'une fois par import ; " ..
    "une correction s'importe dans un autre fichier",
  ["import.same.value"] = "la même observation", ["import.same.progress"] = "le même suivi d'étape",
  ["import.same.meeting"] = "la même réunion", ["import.same.funding"] = "le même financement",
  ["import.other-version"] = "l'indicateur {indicator} n'est pas dans la version {version} du plan, en vigueur " ..
    "pour la période {period} ({since}) : {versions} (voir ctg plans)",
  ["import.other-version.one"] = "seule la version {list} l'a",
  ["import.other-version.many"] = "seules les versions {list} l'ont",
  ["import.amendment-lua-rule"] = "un avenant écrit comme ses changements ne peut pas encore porter sur un plan " ..
    "dont une règle est écrite en Lua (règle « {rule} ») : importez le plan entier modifié",
  ["import.amendment-no-date"] = "l'avenant n'a pas de date : donnez effective (ou signed, council_date) dans " ..
    "amendment { … }",
  ["import.version-clash"] = "la version {version} a la même date d'effet ({date}) que la version {other} : la " ..
    "version {version}, importée plus tard, s'applique à partir de cette date",
  -- CSV files
  ["import.csv-empty-column"] = "nom de colonne vide dans l'en-tête",
  ["import.csv-twice"] = "la colonne '{name}' apparaît deux fois (aussi en colonne {other})",
  ["import.csv-no-column"] = "l'en-tête n'a pas de colonne '{name}' (attendu indicateur;periode;territoire;valeur;" ..
    "numerateur;denominateur;… ou indicator;period;territory;value;…)",
  ["import.csv-no-territory"] = "l'en-tête n'a pas de colonne 'territoire' (territory) : ajoutez-la, ou donnez le " ..
    "territoire de toutes les lignes avec --territory CODE",
  ["import.csv-width.one"] = "la ligne a {n} champ, l'en-tête en a {header} (une colonne manquante, ou un " ..
    "séparateur différent)",
  ["import.csv-width.many"] = "la ligne a {n} champs, l'en-tête en a {header} (une colonne manquante ou en trop, " ..
    "ou un séparateur dans une cellule sans guillemets)",
  ["import.csv-number"] = "{key} doit être un nombre{hint}, reçu '{text}'",
  ["import.csv-number.french"] = " (virgule décimale : 13,5)",
  ["import.csv-number.intl"] = " (point décimal : 13.5)",
  ["import.csv-empty"] = "fichier vide : une ligne d'en-tête est attendue",
  -- progress on a terminal, and the summary
  ["import.progress"] = "{file} : {n} lignes…",
  ["import.warning"] = "attention : {text}",
  ["import.error"] = "erreur : {text}",
  ["import.more-warnings"] = "attention : … et {n} autres avertissements",
  ["import.more-errors"] = "erreur : … et {n} autres erreurs",
  ["import.failed"] = "{count} : rien n'a été importé (la base est inchangée)",
  ["import.plan-stored"] = "{file} : plan {plan} enregistré comme version {version} (en vigueur {since})",
  ["import.plan-checked"] = "{file} : plan {plan} vérifié, il serait la version {version} (en vigueur {since})",
  ["import.plan-unchanged"] = "{file} : plan {plan} inchangé (version {version})",
  ["import.rows-imported.one"] = "{file} : {n} ligne importée",
  ["import.rows-imported.many"] = "{file} : {n} lignes importées",
  ["import.rows-checked.one"] = "{file} : {n} ligne vérifiée",
  ["import.rows-checked.many"] = "{file} : {n} lignes vérifiées",
  ["import.dry-run"] = "essai (--dry-run) : rien n'a été enregistré",
}

local en = {
  ["rows.hint"] = " (did you mean '{hint}'?)",
  ["rows.got.string"] = "string {text}",
  ["rows.got.number"] = "number {number}",
  ["rows.got.table"] = "a table",
  ["rows.got.other"] = "{type} {value}",
  ["rows.got.nan"] = "NaN (.nan)",
  ["rows.got.inf"] = "infinity (.inf)",
  ["rows.got.neg-inf"] = "minus infinity (-.inf)",
  ["rows.kind.count"] = "count", ["rows.kind.ratio"] = "ratio", ["rows.kind.evolution"] = "evolution",
  ["rows.kind.score"] = "score", ["rows.kind.qualitative"] = "qualitative",
  ["rows.record.progress"] = "progress", ["rows.record.meeting"] = "meeting", ["rows.record.funding"] = "funding",
  ["rows.missing-indicator"] = "missing indicator: give indicator (the id of one of the plan's indicators)",
  ["rows.unknown-indicator"] = "unknown indicator '{id}'{hint}",
  ["rows.missing-period"] = "missing period: give period (2022, \"2021-2022\" or \"2022-09\")",
  ["rows.bad-period"] = "period must be a year (2022), a school year (\"2021-2022\") or a month (\"2022-09\"), got {got}",
  ["rows.period-outside"] = "period {period} is outside the plan ({first}-{last}){baselines}",
  ["rows.period-outside.baselines"] = " and its baselines (from {earliest})",
  ["rows.missing-territory"] = "missing territory: give territory (the plan has several root territories)",
  ["rows.territory-named"] = "{code} ('{title}')",
  ["rows.territory-ambiguous"] = "territory '{name}' is ambiguous: it names {list}; write the code of the one meant",
  ["rows.territory-group"] = "'{name}' is a group of territories: record the figures on its territories ({list}), " ..
    "its value follows from them",
  ["rows.unknown-territory"] = "unknown territory '{name}'{hint}",
  ["rows.no-dimension"] = "indicator {indicator} has no dimension '{field}'{hint}{dims}",
  ["rows.no-dimension.list"] = " (its dimensions: {list})",
  ["rows.no-dimension.none"] = " (it has no dimensions)",
  ["rows.too-many-dimensions"] = "too many dimensions in the row (more than 32): '{field}' and the rest",
  ["rows.dimension-type"] = "dimension '{field}' must be a text or a number, got {got}",
  ["rows.unknown-step"] = "unknown step '{value}'{hint}",
  ["rows.unknown-action"] = "unknown action {action}",
  ["rows.not-finite"] = "{field} must be a finite number, got {got}",
  ["rows.not-number"] = "{field} must be a number, got {got}",
  ["rows.too-big"] = "{field} is too large to be kept exactly (at most 9,007,199,254,740,992), got {got}",
  ["rows.negative"] = "{field} must not be negative, got {got}",
  ["rows.respondents-type"] = "respondents (the number of respondents) must be an integer ≥ 0, got {got}",
  ["rows.text-type"] = "text must be text, got {got}",
  ["rows.missing-type"] = "missing must give the reason the value is not available, as text",
  ["rows.field-text"] = "{field} must be text, got {got}",
  ["rows.missing-with-value"] = "a row marked missing must give no value, numerator, denominator or text",
  ["rows.respondents-kind"] = "respondents (the number of respondents) only applies to a score indicator; " ..
    "{indicator} is a {kind}",
  ["rows.ratio-text"] = "indicator {indicator} is a ratio: give value (a published rate) or numerator and " ..
    "denominator, not text",
  ["rows.ratio-both"] = "indicator {indicator} is a ratio: give both numerator and denominator",
  ["rows.ratio-value"] = "indicator {indicator} is a ratio: give numerator and denominator, or value alone " ..
    "(a published rate)",
  ["rows.qualitative"] = "indicator {indicator} is qualitative: give text (an assessment)",
  ["rows.score-value"] = "indicator {indicator} is a score: give value (the mean score), optionally numerator " ..
    "(answers at or above the threshold) and denominator (answers)",
  ["rows.score-text"] = "indicator {indicator} is a score: text is not allowed",
  ["rows.score-denominator"] = "indicator {indicator}: numerator (answers at or above the threshold) needs " ..
    "denominator (the answers, or respondents)",
  ["rows.score-respondents"] = "respondents ({respondents}) and denominator ({denominator}) both give the number " ..
    "of respondents: give only one",
  ["rows.kind-ratio"] = "indicator {indicator} is a {kind}: give value, not numerator and denominator",
  ["rows.kind-value"] = "indicator {indicator} is a {kind}: give value",
  ["rows.kind-only"] = "indicator {indicator} is a {kind}: give only value",
  ["rows.count-whole"] = "indicator {indicator} counts: value must be a whole number, got {got}",
  ["rows.share"] = "numerator {numerator} is above denominator {denominator} for indicator {indicator}: " ..
    "is it really a share?",
  ["rows.missing-field"] = "missing {field}",
  ["rows.unknown-committee"] = "unknown committee '{value}'{hint}",
  ["rows.unknown-funder"] = "unknown funder '{value}'{hint}",
  ["rows.status"] = "status must be one of {list}, got {got}{hint}",
  ["rows.unknown-key"] = "unknown key '{key}' in a {record} row{hint}",
  ["rows.date-outside"] = "date {date} is outside the plan ({first}-{last})",
  ["rows.bad-year"] = "year must be a year such as 2022",
  ["rows.amount"] = "amount must be a number of euros ≥ 0, got {got}",
  ["import.cannot-open"] = "cannot open the file",
  ["import.empty-file"] = "empty file (0 bytes)",
  ["import.unknown-type"] = "unknown file type: expected a plan (.lua, .yaml), observations (.yaml, .json) or " ..
    "a CSV file (.csv)",
  ["import.unknown-plan"] = "the file is for plan '{plan}', which is not in the database: import the plan first " ..
    "(ctg import plan.lua)",
  ["import.plan-type"] = "plan must be the plan's id (text)",
  ["import.source-type"] = "source must say where the figures come from (text)",
  ["import.section-type"] = "'{key}' must be a list of rows",
  ["import.unknown-key"] = "unknown key '{key}'{hint}",
  ["import.unknown-list"] = "unknown list '{key}'{hint}",
  ["import.allowed"] = " (allowed: {list})",
  ["import.header-first"] = "'plan:' and 'source:' must come before the rows (which plan the figures are for, " ..
    "and where they come from)",
  ["import.row-mapping"] = "each row must be a mapping such as {indicator: …, period: …, …}",
  ["import.missing-plan"] = "missing 'plan:' (the id of the plan these figures are for)",
  ["import.missing-source"] = "missing 'source:' (where the figures come from)",
  ["import.duplicate"] = "{same} as line {line} ({key}): give it once, or import a correction in another file",
  ["import.same.value"] = "the same observation", ["import.same.progress"] = "the same progress",
  ["import.same.meeting"] = "the same meeting", ["import.same.funding"] = "the same funding",
  ["import.other-version"] = "indicator {indicator} is not in version {version} of the plan, in force for " ..
    "period {period} ({since}): {versions} (see ctg plans)",
  ["import.other-version.one"] = "only version {list} has it",
  ["import.other-version.many"] = "only versions {list} have it",
  ["import.amendment-lua-rule"] = "an amendment written as its changes cannot yet apply to a plan with a rule " ..
    "written in Lua (rule '{rule}'): import the whole amended plan",
  ["import.amendment-no-date"] = "the amendment has no date: give effective (or signed, council_date) in " ..
    "amendment { … }",
  ["import.version-clash"] = "version {version} has the same effective date ({date}) as version {other}: " ..
    "version {version}, imported later, applies from that date",
  ["import.csv-empty-column"] = "empty column name in the header",
  ["import.csv-twice"] = "column '{name}' appears twice (also column {other})",
  ["import.csv-no-column"] = "the header has no '{name}' column (expected indicator;period;territory;value;" ..
    "numerator;denominator;… or indicateur;periode;territoire;valeur;…)",
  ["import.csv-no-territory"] = "the header has no 'territory' column: add it, or give the territory of every " ..
    "row with --territory CODE",
  ["import.csv-width.one"] = "the row has {n} field, the header has {header} (a missing column, or another " ..
    "separator)",
  ["import.csv-width.many"] = "the row has {n} fields, the header has {header} (a missing or extra column, or a " ..
    "separator inside an unquoted cell)",
  ["import.csv-number"] = "{key} must be a number{hint}, got '{text}'",
  ["import.csv-number.french"] = " (decimal comma: 13,5)",
  ["import.csv-number.intl"] = " (13.5)",
  ["import.csv-empty"] = "empty file: expected a header line",
  ["import.progress"] = "{file}: {n} rows…",
  ["import.warning"] = "warning: {text}",
  ["import.error"] = "error: {text}",
  ["import.more-warnings"] = "warning: … and {n} more warnings",
  ["import.more-errors"] = "error: … and {n} more errors",
  ["import.failed"] = "{count}: nothing was imported (the database is unchanged)",
  ["import.plan-stored"] = "{file}: plan {plan} stored as version {version} (in force {since})",
  ["import.plan-checked"] = "{file}: plan {plan} checked, it would be version {version} (in force {since})",
  ["import.plan-unchanged"] = "{file}: plan {plan} unchanged (version {version})",
  ["import.rows-imported.one"] = "{file}: {n} row imported",
  ["import.rows-imported.many"] = "{file}: {n} rows imported",
  ["import.rows-checked.one"] = "{file}: {n} row checked",
  ["import.rows-checked.many"] = "{file}: {n} rows checked",
  ["import.dry-run"] = "dry run: nothing was stored",
}

return { fr = fr, en = en }
