-- ctg.msg.import — what `ctg import` says: the judge's row findings (rows.*, one message a
-- code of host/lua/judge.c, and the progress, meeting and funding checks of ctg.rows), and the
-- file-level errors, progress and summary of an import (import.*), and the YAML reader's
-- errors (yaml.*: host/read/yaml.c, for observation files and plans alike).
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
  ["rows.record.progress"] = "suivi d'étape (progress)", ["rows.record.meeting"] = "réunion (meetings)",
  ["rows.record.funding"] = "financement (funding)",
  -- ---- indicator observation rows: the judge's codes
  ["rows.missing-indicator"] = "indicateur absent : donnez indicator (l'identifiant d'un indicateur du plan)",
  ["rows.unknown-indicator"] = "indicateur inconnu '{id}'{hint}",
  ["rows.missing-period"] = "période absente : donnez period (2022, \"2021-2022\" ou \"2022-09\")",
  ["rows.bad-period"] = "la période doit être une année (2022), une année scolaire (\"2021-2022\") ou un mois " ..
    "(\"2022-09\"), reçu {got}",
  ["rows.period-outside"] = "la période {period} est hors du plan ({first}-{last})",
  ["rows.period-far"] = "la période {period} est à plus de {around} ans du plan ({first}-{last}) : " ..
    "probablement une faute de frappe ; une observation peut aller de {earliest} à {latest} " ..
    "(diagnostic et référence avant le plan, renouvellement après)",
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
  ["rows.ratio-both"] = "l'indicateur {indicator} est un taux : donnez numerator et denominator, value seule " ..
    "(un taux publié), ou une seule part (numerator seul, denominator seul) sans value ni text",
  -- checks once the rows are stored (ctg.import_checks)
  ["import.part-alone"] = "{indicator} : un numérateur seul, et aucun dénominateur de cet indicateur " ..
    "n'a jamais été importé (ni dans cette commande, ni dans la base) : le taux ne pourrait jamais être calculé ; " ..
    "importez aussi le fichier des dénominateurs dans la même commande",
  ["import.plausible.gaps-bounded"] = "les chiffres des territoires qui ont des membres (EPCI, groupes) n'ont été " ..
    "comparés à l'agrégat de leurs membres que pour les {n} premiers sur {total} : ctg rules les compare tous",
  ["import.plausible.fraction"] = "{value} ressemble à une fraction : {percent} ? (les autres territoires sont " ..
    "tous au-dessus de {floor} pour {indicator} en {period}, de {low} à {high} ; écrivez le taux en pourcentage)",
  ["import.plausible.all-fractions"] = "les {n} valeurs de {indicator} en {period} sont toutes sous 1, de {low} à " ..
    "{high} : des fractions ({low_percent} à {high_percent}, ce que contient une cellule % d'Excel) ? écrivez les " ..
    "taux en pourcentage, ou, par une source, nombres = { pourcentage = \"fraction\" }",
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
  ["rows.share"] = "le numérateur {numerator} dépasse le dénominateur {denominator} pour l'indicateur {indicator} : " ..
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
    "(.yaml, .json), un fichier CSV (.csv) ou un classeur (.xlsx, .ods)",
  ["import.sheet-not-workbook"] = "--sheet ne vaut que pour un classeur (.xlsx, .ods) : importez ce fichier sans " ..
    "--sheet, dans une autre commande",
  ["import.encoding-not-csv"] = "--encoding ne vaut que pour un fichier CSV : importez ce fichier sans --encoding, " ..
    "dans une autre commande",
  -- workbooks (host/read/workbook.c's codes, by ctg.import_workbook.words)
  ["import.workbook.encrypted"] = "classeur chiffré : enregistrez-le sans mot de passe",
  ["import.workbook.xls"] = "ancien classeur Excel (.xls) : enregistrez-le au format .xlsx",
  ["import.workbook.not-zip"] = "ce n'est pas un classeur .xlsx ni .ods (le fichier n'est pas une archive zip) : " ..
    "vérifiez qu'il s'agit du bon fichier",
  ["import.workbook.corrupt"] = "classeur endommagé ou tronqué : rouvrez-le dans Excel ou LibreOffice " ..
    "et enregistrez-le à nouveau",
  ["import.workbook.not-workbook"] = "ce n'est pas un classeur mais {what}",
  ["import.workbook.docx"] = "un document Word (.docx)",
  ["import.workbook.pptx"] = "une présentation PowerPoint (.pptx)",
  ["import.workbook.odf"] = "un document OpenDocument qui n'est pas un tableur",
  ["import.workbook.zip"] = "une archive zip de {n} fichiers ({first}…)",
  ["import.workbook.xml"] = "classeur endommagé (XML invalide) : rouvrez-le et enregistrez-le à nouveau",
  ["import.workbook.xml-row"] = "classeur endommagé : le XML de la feuille est interrompu ou invalide après la " ..
    "ligne {row} : rouvrez-le et enregistrez-le à nouveau",
  ["import.workbook.xml-part"] = "classeur endommagé : XML invalide dans {part} : rouvrez-le et enregistrez-le à nouveau",
  ["import.workbook.limit"] = "classeur hors des limites de ctg (1 048 576 lignes, 16 384 colonnes, 1 Mio de " ..
    "texte par cellule)",
  ["import.workbook.memory"] = "mémoire insuffisante pour lire le classeur",
  ["import.workbook.no-sheet"] = "la feuille « {sheet} » n'existe pas{hint} ; feuilles du classeur : {list}",
  ["import.workbook.sheet-number"] = "--sheet {n} : le classeur a {count} feuille(s) : {list}",
  ["import.workbook.empty"] = "la feuille « {sheet} » est vide : une ligne d'en-tête est attendue",
  ["import.workbook.width"] = "une valeur à droite de la dernière colonne de l'en-tête (une colonne sans nom)",
  ["import.workbook.error-cell"] = "la cellule contient l'erreur {text} (une formule qui n'a pas pu être " ..
    "calculée) : corrigez-la dans le classeur",
  ["import.workbook.formula"] = "formule sans valeur calculée ({text}) : ouvrez le classeur dans Excel ou " ..
    "LibreOffice et enregistrez-le, pour que ses formules soient calculées",
  ["import.workbook.export-column"] = "colonne « {name} » attendue dans cette feuille d'un export de ctg, " ..
    "trouvé « {got} »",
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
  ["import.duplicate-mapped"] = "{same} que la ligne {line} ({key}) : une source ne fait pas de somme ; un " ..
    "tableau long (une ligne par âge, par sexe…) donne plusieurs fois la même observation : lisez le tableau qui a " ..
    "une colonne par tranche (P21_POP0002), ou distinguez ces lignes par une dimension de l'indicateur",
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
  ["import.no-territory"] = "aucun territoire",
  ["import.csv-plan"] = "la ligne est du plan « {text} », mais le fichier est importé dans le plan {plan} " ..
    "(--plan, ou la colonne plan de sa première ligne)",
  ["import.csv-number"] = "{key} doit être un nombre{hint}, reçu '{text}'",
  ["import.csv-number.french"] = " (virgule décimale : 13,5)",
  ["import.csv-record-no-column"] = "l'en-tête n'a pas de colonne '{name}' (un CSV de {what} a les colonnes {columns})",
  ["import.csv-record-column"] = "colonne '{name}' inconnue dans un CSV de {what}{hint}",
  ["import.csv-record-territory"] = "--territory ne vaut que pour les valeurs d'indicateurs : un CSV de {what} n'a pas de territoire",
  ["import.csv-record.meeting"] = "réunions",
  ["import.csv-record.funding"] = "financements",
  ["import.csv-number.intl"] = " (point décimal : 13.5)",
  ["import.csv-empty"] = "fichier vide : une ligne d'en-tête est attendue",
  -- the CSV reader's problems (host/read/csv.c), by ctg.csv_words
  ["import.csv.cp1252"] = "le fichier n'est pas en UTF-8 (il semble en Windows-1252, le format par défaut d'Excel) : " ..
    "importez-le avec --encoding windows-1252 (ou sans --encoding : il est alors détecté)",
  ["import.csv.mixed"] = "le fichier mêle UTF-8 et un autre encodage (l'octet 0x{byte} n'est pas de l'UTF-8) : " ..
    "déclarez son encodage (--encoding windows-1252, iso-8859-15) ou enregistrez-le au format « CSV UTF-8 »",
  ["import.csv.undefined-byte"] = "l'octet 0x{byte} n'est pas un caractère en Windows-1252 : le fichier est dans un " ..
    "autre encodage (--encoding iso-8859-15 ?) ou n'est pas du texte",
  -- the same read through a mapping, where --encoding is refused: the mapping's dialect says it
  ["import.csv.cp1252.mapped"] = "le fichier n'est pas en UTF-8 (il semble en Windows-1252, le format par défaut " ..
    "d'Excel) : dans la source « {id} » ({where}), écrivez dialecte = { encodage = \"windows-1252\" } (ou n'y " ..
    "donnez pas d'encodage : il est alors détecté)",
  ["import.csv.mixed.mapped"] = "le fichier mêle UTF-8 et un autre encodage (l'octet 0x{byte} n'est pas de l'UTF-8) : " ..
    "déclarez son encodage dans la source « {id} » ({where}) : dialecte = { encodage = \"windows-1252\" } (ou " ..
    "\"iso-8859-15\"), ou enregistrez-le au format « CSV UTF-8 »",
  ["import.csv.undefined-byte.mapped"] = "l'octet 0x{byte} n'est pas un caractère en Windows-1252 : le fichier est " ..
    "dans un autre encodage (dialecte = { encodage = \"iso-8859-15\" } dans la source « {id} », {where} ?) ou " ..
    "n'est pas du texte",
  ["import.csv.utf16-odd"] = "UTF-16 invalide : le fichier s'arrête au milieu d'un caractère (nombre d'octets impair)",
  ["import.csv.utf16-surrogate"] = "UTF-16 invalide : un demi-caractère (surrogate) isolé",
  ["import.csv.no-bom"] = "le fichier n'a pas de marque d'ordre des octets UTF-16 (BOM) : ce n'est pas de l'UTF-16 " ..
    "(essayez sans --encoding)",
  ["import.csv.utf8-bom"] = "le fichier commence par la marque UTF-8 (BOM) : il est en UTF-8, pas en {encoding} " ..
    "(essayez sans --encoding)",
  ["import.converted"] = " (converti depuis {encoding})",
  ["import.csv.not-utf8"] = "le fichier n'est pas en UTF-8 (octet 0x{byte}) : enregistrez-le au format « CSV UTF-8 »",
  ["import.csv.nul"] = "octet NUL inattendu (un fichier binaire ou UTF-16 ?) : enregistrez-le au format « CSV UTF-8 »",
  ["import.csv.utf16"] = "le fichier est en UTF-16 (le « texte Unicode » d'Excel) : enregistrez-le au format " ..
    "« CSV UTF-8 » ou convertissez-le avec iconv -f UTF-16 -t UTF-8",
  ["import.csv.spreadsheet"] = "c'est un classeur (.xlsx, .ods ou .xls), pas un CSV : ouvrez-le et enregistrez-le " ..
    "au format « CSV UTF-8 »",
  ["import.csv.long"] = "ligne de plus de 1 Mio",
  ["import.csv.fields"] = "plus de {n} champs dans une ligne",
  ["import.csv.unterminated"] = "guillemet ouvert ici et jamais refermé",
  ["import.csv.after-quote"] = "texte inattendu après le guillemet fermant d'un champ (entre guillemets, un " ..
    "guillemet s'écrit \"\")",
  ["import.csv.memory"] = "mémoire insuffisante",
  ["import.csv.read"] = "erreur de lecture : {reason}",
  ["import.csv.open"] = "impossible d'ouvrir le fichier : {reason}",
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
  -- the YAML reader (host/read/yaml.c): its own words, then libyaml's common ones (by their English)
  ["yaml.alias"] = "les alias ne sont pas acceptés (*{anchor}) : écrivez la valeur en entier",
  ["yaml.nesting"] = "imbrication de plus de {n} niveaux",
  ["yaml.byte"] = " (octet 0x{hex})",
  ["yaml.tag"] = "étiquette non prise en charge : {tag}",
  ["yaml.tag-value"] = "'{value}' n'est pas un !!{tag} valide",
  ["yaml.key-mapping"] = "une clé doit être une valeur simple, pas une table",
  ["yaml.key-sequence"] = "une clé doit être une valeur simple, pas une liste",
  ["yaml.key-null"] = "une clé ne peut pas être nulle",
  ["yaml.key-nan"] = "une clé ne peut pas être NaN",
  ["yaml.duplicate-key"] = "clé \"{key}\" en double (déjà à la ligne {line})",
  ["yaml.documents"] = "plus d'un document (un seul attendu)",
  ["yaml.empty"] = "fichier vide : attendu une table (plan: …, source: …, observations: …)",
  ["yaml.top-mapping"] = "le haut du fichier doit être une table (plan: …, source: …, observations: …)",
  ["yaml.libyaml.did not find expected <document start>"] = "début de document attendu",
  ["yaml.libyaml.did not find expected key"] = "clé attendue (une ligne mal indentée ?)",
  ["yaml.libyaml.did not find expected '-' indicator"] = "'-' attendu (une ligne de liste mal indentée ?)",
  ["yaml.libyaml.did not find expected ',' or ']'"] = "',' ou ']' attendu",
  ["yaml.libyaml.did not find expected ',' or '}'"] = "',' ou '}' attendu",
  ["yaml.libyaml.did not find expected node content"] = "valeur attendue",
  ["yaml.libyaml.mapping values are not allowed in this context"] = "« : » n'est pas permis ici (un texte contenant « : » s'écrit entre guillemets)",
  ["yaml.libyaml.block sequence entries are not allowed in this context"] = "un élément de liste « - » n'est pas permis ici",
  ["yaml.libyaml.found character that cannot start any token"] = "caractère qui ne peut commencer aucune valeur (un texte commençant par @, ` ou % s'écrit entre guillemets)",
  ["yaml.libyaml.could not find expected ':'"] = "':' attendu",
  ["yaml.libyaml.found unexpected end of stream"] = "fin du fichier inattendue (un guillemet non refermé ?)",
  ["yaml.libyaml.found a tab character that violates indentation"] = "tabulation dans l'indentation (YAML n'indente qu'avec des espaces)",
  ["yaml.libyaml.found unknown escape character"] = "caractère d'échappement inconnu après « \\\\ »",
  ["yaml.libyaml.found unexpected document indicator"] = "marque de document inattendue",
  ["yaml.libyaml.found undefined tag handle"] = "préfixe d'étiquette inconnu",
  ["yaml.libyaml.invalid leading UTF-8 octet"] = "le fichier n'est pas en UTF-8 : octet invalide",
  ["yaml.libyaml.incomplete UTF-8 octet sequence"] = "le fichier n'est pas en UTF-8 : séquence incomplète",
  ["yaml.libyaml.invalid trailing UTF-8 octet"] = "le fichier n'est pas en UTF-8 : octet invalide",
  ["yaml.libyaml.invalid length of a UTF-8 sequence"] = "le fichier n'est pas en UTF-8 : séquence trop longue",
  ["yaml.libyaml.invalid Unicode character"] = "caractère Unicode invalide",
  ["yaml.libyaml.control characters are not allowed"] = "caractère de contrôle interdit",
  ["yaml.libyaml.while parsing a block mapping"] = "dans une table",
  ["yaml.libyaml.while parsing a block collection"] = "dans une liste",
  ["yaml.libyaml.while parsing a flow sequence"] = "dans une liste […]",
  ["yaml.libyaml.while parsing a flow mapping"] = "dans une table {…}",
  ["yaml.libyaml.while parsing a flow node"] = "dans une valeur entre crochets ou accolades",
  ["yaml.libyaml.while parsing a block node"] = "dans une valeur",
  ["yaml.libyaml.while scanning a simple key"] = "en lisant une clé",
  ["yaml.libyaml.while scanning a quoted scalar"] = "en lisant un texte entre guillemets",
  ["yaml.libyaml.while scanning a plain scalar"] = "en lisant une valeur",
  ["yaml.libyaml.while scanning for the next token"] = "en cherchant la valeur suivante",
  ["yaml.libyaml.while parsing a quoted scalar"] = "en lisant un texte entre guillemets",
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
  ["rows.record.progress"] = "progress", ["rows.record.meeting"] = "meeting", ["rows.record.funding"] = "funding",
  ["rows.missing-indicator"] = "missing indicator: give indicator (the id of one of the plan's indicators)",
  ["rows.unknown-indicator"] = "unknown indicator '{id}'{hint}",
  ["rows.missing-period"] = "missing period: give period (2022, \"2021-2022\" or \"2022-09\")",
  ["rows.bad-period"] = "period must be a year (2022), a school year (\"2021-2022\") or a month (\"2022-09\"), got {got}",
  ["rows.period-outside"] = "period {period} is outside the plan ({first}-{last})",
  ["rows.period-far"] = "period {period} is more than {around} years from the plan ({first}-{last}): " ..
    "probably a typo; an observation may fall from {earliest} to {latest} " ..
    "(diagnostic and baseline before the plan, renewal after it)",
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
  ["rows.ratio-both"] = "indicator {indicator} is a ratio: give numerator and denominator, value alone " ..
    "(a published rate), or one part alone (numerator alone, denominator alone) without value or text",
  ["import.part-alone"] = "{indicator}: a numerator alone, and no denominator of this indicator was " ..
    "ever imported (neither in this command nor in the database): the rate could never be computed; import the " ..
    "file of the denominators in the same command too",
  ["import.plausible.gaps-bounded"] = "the figures of territories with members (EPCI, groups) were compared with " ..
    "their members' roll-up for the first {n} of {total} only: ctg rules compares them all",
  ["import.plausible.fraction"] = "{value} looks like a fraction: {percent}? (the other territories are all above " ..
    "{floor} for {indicator} in {period}, from {low} to {high}; write the rate as a percentage)",
  ["import.plausible.all-fractions"] = "the {n} values of {indicator} in {period} are all below 1, from {low} to " ..
    "{high}: fractions ({low_percent} to {high_percent}, what an Excel % cell holds)? write the rates as " ..
    "percentages, or, through a source, numbers = { percent = \"fraction\" }",
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
  ["import.unknown-type"] = "unknown file type: expected a plan (.lua, .yaml), observations (.yaml, .json), " ..
    "a CSV file (.csv) or a workbook (.xlsx, .ods)",
  ["import.sheet-not-workbook"] = "--sheet only applies to a workbook (.xlsx, .ods): import this file without " ..
    "--sheet, in another command",
  ["import.encoding-not-csv"] = "--encoding only applies to a CSV file: import this file without --encoding, " ..
    "in another command",
  ["import.workbook.encrypted"] = "encrypted workbook: save it without a password",
  ["import.workbook.xls"] = "old Excel workbook (.xls): save it as .xlsx",
  ["import.workbook.not-zip"] = "not an .xlsx nor an .ods workbook (the file is not a zip archive): check that " ..
    "it is the right file",
  ["import.workbook.corrupt"] = "damaged or truncated workbook: open it in Excel or LibreOffice and save it again",
  ["import.workbook.not-workbook"] = "not a workbook but {what}",
  ["import.workbook.docx"] = "a Word document (.docx)",
  ["import.workbook.pptx"] = "a PowerPoint presentation (.pptx)",
  ["import.workbook.odf"] = "an OpenDocument file that is not a spreadsheet",
  ["import.workbook.zip"] = "a zip archive of {n} files ({first}…)",
  ["import.workbook.xml"] = "damaged workbook (invalid XML): open it and save it again",
  ["import.workbook.xml-row"] = "damaged workbook: the sheet's XML is cut or invalid after row {row}: open it and " ..
    "save it again",
  ["import.workbook.xml-part"] = "damaged workbook: invalid XML in {part}: open it and save it again",
  ["import.workbook.limit"] = "workbook beyond ctg's limits (1,048,576 rows, 16,384 columns, 1 MiB of text a cell)",
  ["import.workbook.memory"] = "out of memory reading the workbook",
  ["import.workbook.no-sheet"] = "there is no sheet \"{sheet}\"{hint}; the workbook's sheets: {list}",
  ["import.workbook.sheet-number"] = "--sheet {n}: the workbook has {count} sheet(s): {list}",
  ["import.workbook.empty"] = "sheet \"{sheet}\" is empty: expected a header row",
  ["import.workbook.width"] = "a value right of the header's last column (a column without a name)",
  ["import.workbook.error-cell"] = "the cell holds the error {text} (a formula that could not be computed): fix " ..
    "it in the workbook",
  ["import.workbook.formula"] = "formula without a computed value ({text}): open the workbook in Excel or " ..
    "LibreOffice and save it, so that its formulas are computed",
  ["import.workbook.export-column"] = "expected column \"{name}\" in this sheet of a ctg export, got \"{got}\"",
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
  ["import.duplicate-mapped"] = "{same} as line {line} ({key}): a source makes no sums; a long table (a row " ..
    "per age, per sex…) gives the same observation several times: read the table with a column per age band " ..
    "(P21_POP0002), or tell these rows apart by a dimension of the indicator",
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
  ["import.no-territory"] = "no territory",
  ["import.csv-plan"] = "the row belongs to plan '{text}', but the file is imported into plan {plan} " ..
    "(--plan, or the plan column of its first row)",
  ["import.csv-number"] = "{key} must be a number{hint}, got '{text}'",
  ["import.csv-number.french"] = " (decimal comma: 13,5)",
  ["import.csv-record-no-column"] = "the header has no '{name}' column (a CSV of {what} has the columns {columns})",
  ["import.csv-record-column"] = "unknown column '{name}' in a CSV of {what}{hint}",
  ["import.csv-record-territory"] = "--territory is for indicator values only: a CSV of {what} has no territory",
  ["import.csv-record.meeting"] = "meetings",
  ["import.csv-record.funding"] = "funding",
  ["import.csv-number.intl"] = " (13.5)",
  ["import.csv-empty"] = "empty file: expected a header line",
  ["import.csv.mixed"] = "the file mixes UTF-8 and another encoding (byte 0x{byte} is not UTF-8): declare its " ..
    "encoding (--encoding windows-1252, iso-8859-15) or save it as \"CSV UTF-8\"",
  ["import.csv.undefined-byte"] = "byte 0x{byte} is not a character in Windows-1252: the file is in another " ..
    "encoding (--encoding iso-8859-15?) or is not text",
  ["import.csv.cp1252.mapped"] = "the file is not UTF-8 (it looks like Windows-1252, Excel's default): in the " ..
    "source \"{id}\" ({where}), write dialect = { encoding = \"windows-1252\" } (or give no encoding: it is detected)",
  ["import.csv.mixed.mapped"] = "the file mixes UTF-8 and another encoding (byte 0x{byte} is not UTF-8): declare its " ..
    "encoding in the source \"{id}\" ({where}): dialect = { encoding = \"windows-1252\" } (or \"iso-8859-15\"), " ..
    "or save it as \"CSV UTF-8\"",
  ["import.csv.undefined-byte.mapped"] = "byte 0x{byte} is not a character in Windows-1252: the file is in another " ..
    "encoding (dialect = { encoding = \"iso-8859-15\" } in the source \"{id}\", {where}?) or is not text",
  ["import.csv.utf16-odd"] = "invalid UTF-16: the file ends in the middle of a character (an odd number of bytes)",
  ["import.csv.utf16-surrogate"] = "invalid UTF-16: an unpaired surrogate",
  ["import.csv.no-bom"] = "the file has no UTF-16 byte order mark: it is not UTF-16 (try without --encoding)",
  ["import.csv.utf8-bom"] = "the file starts with a UTF-8 byte order mark: it is UTF-8, not {encoding} " ..
    "(try without --encoding)",
  ["import.converted"] = " (converted from {encoding})",
  ["import.csv.cp1252"] = "the file is not UTF-8 (it looks like Windows-1252, Excel's default): import it with " ..
    "--encoding windows-1252 (or without --encoding: it is then detected)",
  ["import.csv.not-utf8"] = "the file is not UTF-8 (byte 0x{byte}): save it as \"CSV UTF-8\"",
  ["import.csv.nul"] = "unexpected NUL byte (a binary or UTF-16 file?): save it as \"CSV UTF-8\"",
  ["import.csv.utf16"] = "the file is UTF-16 (Excel's \"Unicode text\"): save it as \"CSV UTF-8\" or convert it " ..
    "with iconv -f UTF-16 -t UTF-8",
  ["import.csv.spreadsheet"] = "this is a spreadsheet file (.xlsx, .ods or .xls), not CSV: open it and save it as " ..
    "\"CSV UTF-8\"",
  ["import.csv.long"] = "record longer than 1 MiB",
  ["import.csv.fields"] = "more than {n} fields",
  ["import.csv.unterminated"] = "unterminated quoted field (opened here)",
  ["import.csv.after-quote"] = "unexpected text after the closing quote of a field (inside quotes, write a quote " ..
    "as \"\")",
  ["import.csv.memory"] = "out of memory",
  ["import.csv.read"] = "read error: {reason}",
  ["import.csv.open"] = "cannot open: {reason}",
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
  ["yaml.alias"] = "aliases are not supported (*{anchor})",
  ["yaml.nesting"] = "nesting deeper than {n} levels",
  ["yaml.byte"] = " (value 0x{hex})",
  ["yaml.tag"] = "unsupported tag {tag}",
  ["yaml.tag-value"] = "'{value}' is not a valid !!{tag}",
  ["yaml.key-mapping"] = "a mapping key must be a scalar, not a mapping",
  ["yaml.key-sequence"] = "a mapping key must be a scalar, not a sequence",
  ["yaml.key-null"] = "a mapping key cannot be null",
  ["yaml.key-nan"] = "a mapping key cannot be NaN",
  ["yaml.duplicate-key"] = "duplicate key \"{key}\" (first at line {line})",
  ["yaml.documents"] = "more than one document (expected one)",
  ["yaml.empty"] = "empty file: expected a mapping (plan: …, source: …, observations: …)",
  ["yaml.top-mapping"] = "the top of the file must be a mapping (plan: …, source: …, observations: …)",
  ["yaml.libyaml.did not find expected <document start>"] = "did not find expected <document start>",
  ["yaml.libyaml.did not find expected key"] = "did not find expected key",
  ["yaml.libyaml.did not find expected '-' indicator"] = "did not find expected '-' indicator",
  ["yaml.libyaml.did not find expected ',' or ']'"] = "did not find expected ',' or ']'",
  ["yaml.libyaml.did not find expected ',' or '}'"] = "did not find expected ',' or '}'",
  ["yaml.libyaml.did not find expected node content"] = "did not find expected node content",
  ["yaml.libyaml.mapping values are not allowed in this context"] = "mapping values are not allowed in this context",
  ["yaml.libyaml.block sequence entries are not allowed in this context"] = "block sequence entries are not allowed in this context",
  ["yaml.libyaml.found character that cannot start any token"] = "found character that cannot start any token",
  ["yaml.libyaml.could not find expected ':'"] = "could not find expected ':'",
  ["yaml.libyaml.found unexpected end of stream"] = "found unexpected end of stream",
  ["yaml.libyaml.found a tab character that violates indentation"] = "found a tab character that violates indentation",
  ["yaml.libyaml.found unknown escape character"] = "found unknown escape character",
  ["yaml.libyaml.found unexpected document indicator"] = "found unexpected document indicator",
  ["yaml.libyaml.found undefined tag handle"] = "found undefined tag handle",
  ["yaml.libyaml.invalid leading UTF-8 octet"] = "invalid leading UTF-8 octet",
  ["yaml.libyaml.incomplete UTF-8 octet sequence"] = "incomplete UTF-8 octet sequence",
  ["yaml.libyaml.invalid trailing UTF-8 octet"] = "invalid trailing UTF-8 octet",
  ["yaml.libyaml.invalid length of a UTF-8 sequence"] = "invalid length of a UTF-8 sequence",
  ["yaml.libyaml.invalid Unicode character"] = "invalid Unicode character",
  ["yaml.libyaml.control characters are not allowed"] = "control characters are not allowed",
  ["yaml.libyaml.while parsing a block mapping"] = "while parsing a block mapping",
  ["yaml.libyaml.while parsing a block collection"] = "while parsing a block collection",
  ["yaml.libyaml.while parsing a flow sequence"] = "while parsing a flow sequence",
  ["yaml.libyaml.while parsing a flow mapping"] = "while parsing a flow mapping",
  ["yaml.libyaml.while parsing a flow node"] = "while parsing a flow node",
  ["yaml.libyaml.while parsing a block node"] = "while parsing a block node",
  ["yaml.libyaml.while scanning a simple key"] = "while scanning a simple key",
  ["yaml.libyaml.while scanning a quoted scalar"] = "while scanning a quoted scalar",
  ["yaml.libyaml.while scanning a plain scalar"] = "while scanning a plain scalar",
  ["yaml.libyaml.while scanning for the next token"] = "while scanning for the next token",
  ["yaml.libyaml.while parsing a quoted scalar"] = "while parsing a quoted scalar",
}

return { fr = fr, en = en }
