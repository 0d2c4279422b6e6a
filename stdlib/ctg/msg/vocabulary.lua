-- ctg.msg.vocabulary — what every declaration and field of the plan vocabulary means
-- (ctg.schema): `ctg help vocabulary` and the editor's hover texts (ctg.luals) print them.
-- Keys: vocabulary.KIND for a declaration, vocabulary.KIND.FIELD for a field,
-- vocabulary.common.* for the words several fields share. The French texts name fields and
-- values by their French names (the aliases of ctg.schema), the English ones by theirs.
-- tests/lua/vocabulary_spec.lua checks that every kind and field of the schema has its text.
local fr = {
  ["vocabulary.common.note"] = "note libre",
  ["vocabulary.common.printed"] = "titre tel qu'imprimé",
  ["vocabulary.common.name"] = "son nom",
  ["vocabulary.own-sheet"] = "{doc} (fait la fiche propre de l'action)",
  ["vocabulary.required"] = "(obligatoire)",
  -- an avenant file (ctg.amend): its first line, its header, remove { … }
  ["vocabulary.amendment"] = "Un avenant écrit comme ses changements : la première ligne de son fichier",
  ["vocabulary.amendment.plan_id"] = "l'identifiant du plan qu'il modifie",
  ["vocabulary.amendment.amends"] = "le fichier de plan (ou la version enregistrée) que cet avenant modifie",
  ["vocabulary.amendment.label"] = "son nom, par ex. \"Avenant n°1\"",
  ["vocabulary.amendment.council_date"] = "date de la délibération du conseil",
  ["vocabulary.amendment.signed"] = "date de signature",
  ["vocabulary.amendment.effective"] = "date de son entrée en vigueur",
  ["vocabulary.amendment.period"] = "la période du plan, quand l'avenant la change",
  ["vocabulary.amendment.note"] = "note libre",
  ["vocabulary.remove"] = "Dans un avenant : ce qu'il retire, par nature et code : {action = 7, indicateur = \"x\"}",

  ["vocabulary.plan"] = "La convention : son identité, sa période et ses signataires (une par fichier).",
  ["vocabulary.plan.id"] = "identifiant, par ex. \"ctg-clermont-2021-2025\"",
  ["vocabulary.plan.title"] = "titre complet de la convention",
  ["vocabulary.plan.period"] = "première et dernière années couvertes",
  ["vocabulary.plan.council_date"] = "date de la délibération du conseil",
  ["vocabulary.plan.signed"] = "date de signature de la convention",
  ["vocabulary.plan.effective"] = "date à partir de laquelle cette version s'applique (défaut : date_signature, " ..
    "sinon date_deliberation, sinon le jour de l'import ; voir ctg help time)",
  ["vocabulary.plan.certified"] = "date à laquelle la délibération a été certifiée (ampliation certifiée conforme)",
  ["vocabulary.plan.signatories"] = "les parties signataires : un texte, ou {nom = \"…\", role = \"…\"}",
  ["vocabulary.plan.labels"] = "comment le plan nomme ses niveaux : {axe = \"Thématique\", objectif = \"Orientation\", " ..
    "action = \"Fiche\", etape = \"Sous-action\"} (défauts : Axe, Objectif, Action, Étape)",
  ["vocabulary.plan.vision"] = "l'énoncé « Vision/Finalité »",
  ["vocabulary.plan.challenge"] = "l'« Enjeu » d'ensemble du plan",
  ["vocabulary.plan.edition"] = "date d'édition du document du plan d'action",
  ["vocabulary.plan.amendments"] = "les avenants que cette version comprend",

  ["vocabulary.stake"] = "Un « enjeu de progrès » numéroté.",
  ["vocabulary.stake.number"] = "son numéro dans le document",
  ["vocabulary.stake.title"] = "son libellé",

  ["vocabulary.territory"] = "Un lieu sur lequel le plan est évalué, dans un arbre de toute profondeur " ..
    "(epci > commune > quartier…) ; le territoire sans parent est la racine.",
  ["vocabulary.territory.code"] = "code court, par ex. \"nord\"",
  ["vocabulary.territory.title"] = "nom tel que le document l'écrit",
  ["vocabulary.territory.level"] = "niveau dans la hiérarchie, un mot libre en minuscules : region, departement, " ..
    "epci, commune, quartier, iris…",
  ["vocabulary.territory.parent"] = "code du territoire qui le contient (aucun : la racine)",
  ["vocabulary.territory.insee"] = "code officiel géographique : commune (5 caractères, \"59601\", \"2A004\") " ..
    "ou EPCI (SIREN, 9 chiffres)",
  ["vocabulary.territory.qpv"] = "quartier prioritaire de la politique de la ville (absent : inconnu)",
  ["vocabulary.territory.rep_plus"] = "dans un réseau d'éducation prioritaire REP+ (absent : inconnu)",
  ["vocabulary.territory.note"] = "note libre, par ex. la source d'un indicateur qpv ou rep_plus",

  ["vocabulary.group"] = "Un ensemble de territoires qui n'est pas un niveau de l'arbre (QPV, REP+, villages " ..
    "ruraux) : son code s'emploie partout où s'emploie un code de territoire ; un taux sur un groupe vaut " ..
    "Σ numérateurs / Σ dénominateurs de ses membres.",
  ["vocabulary.group.code"] = "code court, par ex. \"villages\" (distinct de tout code de territoire)",
  ["vocabulary.group.territories"] = "les codes des territoires qui en sont membres",

  ["vocabulary.committee"] = "Une instance de gouvernance et le rythme de ses réunions.",
  ["vocabulary.committee.code"] = "code court, par ex. \"copil\"",
  ["vocabulary.committee.members"] = "qui y siège",
  ["vocabulary.committee.meetings_per_year"] = "réunions que le plan prévoit chaque année : 2, ou par année " ..
    "{defaut = 1, [2030] = 3}",

  ["vocabulary.funding"] = "L'engagement d'un financeur : un plancher garanti et des montants prévus.",
  ["vocabulary.funding.code"] = "code court, par ex. \"caf\"",
  ["vocabulary.funding.title"] = "le financeur",
  ["vocabulary.funding.floor_per_year"] = "minimum garanti par an, en euros",
  ["vocabulary.funding.years"] = "les années que couvre l'engagement",
  ["vocabulary.funding.amounts"] = "montant prévu par année, en euros",
  ["vocabulary.funding.note"] = "note libre (les termes du document)",

  ["vocabulary.axis"] = "Un axe stratégique (ou thématique, enjeu… : voir libelles) ; il contient des objectifs, " ..
    "ou directement des actions.",
  ["vocabulary.axis.number"] = "numéro de l'axe",

  ["vocabulary.objective"] = "Un objectif opérationnel, codé \"<axe>-<n>\" (niveau facultatif).",
  ["vocabulary.objective.code"] = "code tel que \"1-1\"",

  ["vocabulary.action"] = "Une action (ou fiche : voir libelles), numérotée sur tout le plan, dans un objectif ou " ..
    "directement dans un axe. Les champs d'une fiche et des déclarations indicateur peuvent s'y donner : " ..
    "ils font sa fiche propre (fiche \"<numéro>\").",
  ["vocabulary.action.number"] = "numéro de l'action (1…15 dans le plan de référence)",
  ["vocabulary.action.merges"] = "les actions du programme précédent que cette action reprend",
  ["vocabulary.action.pilots"] = "les pilotes de cette action (sinon ceux de la fiche)",

  ["vocabulary.step"] = "Une sous-action (\"1-A\"), avec les années où elle est prévue.",
  ["vocabulary.step.letter"] = "sa lettre dans la liste de l'action (A, B, …)",
  ["vocabulary.step.code"] = "code tel qu'imprimé, par défaut \"<action>-<lettre>\"",
  ["vocabulary.step.years"] = "années prévues (absent : calendrier inconnu)",

  ["vocabulary.sheet"] = "Une « fiche action » : un diagnostic et un jeu d'indicateurs pour une action ou plusieurs.",
  ["vocabulary.sheet.code"] = "déduit de ses actions (\"1+2\") ; vérifié s'il est donné",
  ["vocabulary.sheet.actions"] = "les actions qu'elle couvre",
  ["vocabulary.sheet.stakes"] = "les enjeux de progrès qu'elle sert",
  ["vocabulary.sheet.diagnostic"] = "diagnostic initial",
  ["vocabulary.sheet.public"] = "public visé",
  ["vocabulary.sheet.pilots"] = "les pilotes (quand ils ne sont pas donnés par action)",
  ["vocabulary.sheet.followed_by"] = "l'instance de suivi : un code d'instance (vérifié) ou un texte libre",
  ["vocabulary.sheet.partners"] = "les autres partenaires et collaborateurs",
  ["vocabulary.sheet.human_means"] = "moyens humains",
  ["vocabulary.sheet.financial_means"] = "moyens financiers",
  ["vocabulary.sheet.expected_results"] = "résultats attendus",

  ["vocabulary.indicator"] = "Un indicateur d'évaluation d'une fiche ou d'une action, ou de tout le plan quand il " ..
    "est déclaré au premier niveau (par ex. un taux de couverture suivi sur chaque commune).",
  ["vocabulary.indicator.id"] = "identifiant, par ex. \"places_100\"",
  ["vocabulary.indicator.label"] = "libellé tel qu'imprimé",
  ["vocabulary.indicator.sheet"] = "sa fiche (implicite quand il est déclaré dans une fiche ou une action ; " ..
    "aucune : un indicateur de tout le plan)",
  ["vocabulary.indicator.unit"] = "unité de la valeur",
  ["vocabulary.indicator.numerator"] = "taux : ce qui est compté au-dessus de la barre",
  ["vocabulary.indicator.denominator"] = "taux : ce qui est compté au-dessous de la barre",
  ["vocabulary.indicator.scale"] = "taux : 1 (part) ou 100 (pour cent, pour 100)",
  ["vocabulary.indicator.base"] = "evolution : la grandeur suivie",
  ["vocabulary.indicator.baseline"] = "evolution : la période de référence (elle peut précéder le plan)",
  ["vocabulary.indicator.scale_min"] = "score : la plus basse réponse possible",
  ["vocabulary.indicator.scale_max"] = "score : la plus haute réponse possible",
  ["vocabulary.indicator.threshold"] = "score : les réponses égales ou supérieures comptent comme satisfaites",
  ["vocabulary.indicator.time"] = "comment les valeurs se cumulent dans le temps : somme (flux), " ..
    "dernier/moyenne/max (stocks)",
  ["vocabulary.indicator.direction"] = "le sens qui vaut mieux",
  ["vocabulary.indicator.by"] = "les dimensions selon lesquelles il se ventile (etape, categorie, …)",
  ["vocabulary.indicator.targets"] = "valeur cible par période d'échéance ; le statut (atteint, en bonne voie, en retard, en recul, non atteint) suit le sens de l'indicateur (ctg help eval). La cible d'un comptage est le total du territoire du plan (pas celle de chaque commune ou quartier) ; celle d'un taux, d'un score ou d'une évolution vaut pour chaque territoire. Sans autre précision une cible vaut pour son année ; un flux (cumul = \"somme\") dit si sa cible est annuelle (annuel = {…} : la valeur de l'année) ou cumulée (cumul = {…} : le total depuis la première année du plan ou depuis debut), sinon ctg check le signale",
  ["vocabulary.indicator.start"] = "première année du total d'une cible cumulée (par défaut la première année du plan)",
  ["vocabulary.indicator.rollup"] = "agrégation sur les territoires : partiel (par défaut : un agrégat calculé sur les membres qui ont des chiffres, qui dit lesquels manquent) ou complet (non disponible dès qu'un membre n'a pas de chiffres)",
  ["vocabulary.indicator.national_reference"] = "la mesure nationale qu'il suit, partagée par d'autres CTG " ..
    "(\"cnaf:taux_couverture\") : le rapport portefeuille (scripts/portefeuille.lua) compare les plans par ce code",
  ["vocabulary.indicator.note"] = "note libre (comment la formule a été lue)",

  ["vocabulary.rule"] = "Une règle que l'évaluation vérifie (voir `ctg help eval`).",
  ["vocabulary.rule.type"] = "ce qu'elle vérifie (défaut : personnalisee avec verification, tendance avec " ..
    "attendu, seuil avec operateur)",
  ["vocabulary.rule.indicator"] = "l'indicateur qu'elle surveille",
  ["vocabulary.rule.territory"] = "le territoire ou le groupe qu'elle regarde (défaut : le territoire racine)",
  ["vocabulary.rule.territories"] = "seuil : les territoires ou groupes vérifiés chacun (un constat par territoire " ..
    "en défaut), ou \"all\" ; completude : les territoires qui doivent déclarer (défaut : tous sauf la racine)",
  ["vocabulary.rule.from"] = "completude : la première année attendue (défaut : la première du plan)",
  ["vocabulary.rule.expect"] = "la tendance attendue",
  ["vocabulary.rule.op"] = "seuil : ce qui doit être vrai, par ex. operateur = \">=\", valeur = 15 " ..
    "(se déclenche quand ce n'est pas le cas)",
  ["vocabulary.rule.value"] = "la valeur du seuil",
  ["vocabulary.rule.periods"] = "tendance : nombre d'évolutions annuelles récentes prises en compte (défaut 2)",
  ["vocabulary.rule.severity"] = "info, attention (défaut) ou critique",
  ["vocabulary.rule.message"] = "le texte affiché quand elle se déclenche",
  ["vocabulary.rule.check"] = "règle personnalisée : function(ctx) qui renvoie des constats",
}

local en = {
  ["vocabulary.common.note"] = "free note",
  ["vocabulary.common.printed"] = "title as printed",
  ["vocabulary.common.name"] = "its name",
  ["vocabulary.own-sheet"] = "{doc} (makes the action's own fiche)",
  ["vocabulary.required"] = "(required)",
  ["vocabulary.amendment"] = "An avenant written as its changes: the first line of its file",
  ["vocabulary.amendment.plan_id"] = "the id of the plan it amends",
  ["vocabulary.amendment.amends"] = "the plan file (or stored version) this avenant amends",
  ["vocabulary.amendment.label"] = "its name, e.g. \"Avenant n°1\"",
  ["vocabulary.amendment.council_date"] = "date of the council's deliberation",
  ["vocabulary.amendment.signed"] = "signature date",
  ["vocabulary.amendment.effective"] = "the date it takes effect",
  ["vocabulary.amendment.period"] = "the plan's period, when the avenant changes it",
  ["vocabulary.amendment.note"] = "free note",
  ["vocabulary.remove"] = "In an avenant: what it removes, by kind and code: {action = 7, indicator = \"x\"}",

  ["vocabulary.plan"] = "The convention: its identity, period and signatories (one per file).",
  ["vocabulary.plan.id"] = "identifier, e.g. \"ctg-clermont-2021-2025\"",
  ["vocabulary.plan.title"] = "full title of the convention",
  ["vocabulary.plan.period"] = "first and last year covered",
  ["vocabulary.plan.council_date"] = "date of the council's deliberation",
  ["vocabulary.plan.signed"] = "signature date of the convention",
  ["vocabulary.plan.effective"] = "date from which this version applies (default: signed, else council_date, " ..
    "else the day it is imported; see ctg help time)",
  ["vocabulary.plan.certified"] = "date the deliberation was certified (ampliation certifiée conforme)",
  ["vocabulary.plan.signatories"] = "signing parties: text, or {name = \"…\", role = \"…\"}",
  ["vocabulary.plan.labels"] = "how the plan names its levels: {axis = \"Thématique\", objective = \"Orientation\", " ..
    "action = \"Fiche\", step = \"Sous-action\"} (defaults Axe, Objectif, Action, Étape)",
  ["vocabulary.plan.vision"] = "\"Vision/Finalité\" statement",
  ["vocabulary.plan.challenge"] = "the plan's overall \"Enjeu\"",
  ["vocabulary.plan.edition"] = "edition date of the action plan document",
  ["vocabulary.plan.amendments"] = "amendments (avenants) this version includes",

  ["vocabulary.stake"] = "A numbered \"enjeu de progrès\".",
  ["vocabulary.stake.number"] = "its number in the document",
  ["vocabulary.stake.title"] = "its wording",

  ["vocabulary.territory"] = "A place the plan is evaluated on, in a tree of any depth (epci > commune > " ..
    "quartier …); the territory without parent is the root.",
  ["vocabulary.territory.code"] = "short code, e.g. \"nord\"",
  ["vocabulary.territory.title"] = "name as the document writes it",
  ["vocabulary.territory.level"] = "level in the hierarchy, a free lowercase word: region, departement, epci, " ..
    "commune, quartier, iris, city, territory, neighbourhood…",
  ["vocabulary.territory.parent"] = "code of the enclosing territory (none: the root)",
  ["vocabulary.territory.insee"] = "code officiel géographique: commune (5 characters, \"59601\", \"2A004\") " ..
    "or EPCI (SIREN, 9 digits)",
  ["vocabulary.territory.qpv"] = "quartier prioritaire de la politique de la ville (absent: unknown)",
  ["vocabulary.territory.rep_plus"] = "in a REP+ education network (absent: unknown)",
  ["vocabulary.territory.note"] = "free note, e.g. the source of a qpv or rep_plus flag",

  ["vocabulary.group"] = "A set of territories that is not a level of the tree (QPV, REP+, rural villages): its " ..
    "code may be given wherever a territory code is; a ratio over it is Σnumerator / Σdenominator of its members.",
  ["vocabulary.group.code"] = "short code, e.g. \"villages\" (distinct from every territory code)",
  ["vocabulary.group.territories"] = "codes of its member territories",

  ["vocabulary.committee"] = "A governance body and how often it meets.",
  ["vocabulary.committee.code"] = "short code, e.g. \"copil\"",
  ["vocabulary.committee.members"] = "who sits on it",
  ["vocabulary.committee.meetings_per_year"] = "meetings the plan expects each year: 2, or per year " ..
    "{default = 1, [2030] = 3}",

  ["vocabulary.funding"] = "A funder's commitment: a guaranteed floor and planned amounts.",
  ["vocabulary.funding.code"] = "short code, e.g. \"caf\"",
  ["vocabulary.funding.title"] = "the funder",
  ["vocabulary.funding.floor_per_year"] = "guaranteed minimum per year, in euros",
  ["vocabulary.funding.years"] = "years the commitment covers",
  ["vocabulary.funding.amounts"] = "planned amount per year, in euros",
  ["vocabulary.funding.note"] = "free note (the document's wording)",

  ["vocabulary.axis"] = "A strategic axis (or thématique, enjeu…: see labels); holds objectives, or actions directly.",
  ["vocabulary.axis.number"] = "axis number",

  ["vocabulary.objective"] = "An operational objective, coded \"<axis>-<n>\" (optional level).",
  ["vocabulary.objective.code"] = "code such as \"1-1\"",

  ["vocabulary.action"] = "An action (or fiche: see labels), numbered across the plan, inside an objective or " ..
    "directly inside an axis. The fields of a sheet and indicator declarations may be given in it: they make " ..
    "its own fiche (sheet \"<number>\").",
  ["vocabulary.action.number"] = "action number (1…15 in the reference plan)",
  ["vocabulary.action.merges"] = "earlier programme actions this action takes over",
  ["vocabulary.action.pilots"] = "pilots of this action (else the sheet's)",

  ["vocabulary.step"] = "A sub-action (\"1-A\"), with the years it is planned for.",
  ["vocabulary.step.letter"] = "letter in the action's list (A, B, …)",
  ["vocabulary.step.code"] = "code as printed, default \"<action>-<letter>\"",
  ["vocabulary.step.years"] = "years planned (absent: calendar unknown)",

  ["vocabulary.sheet"] = "A \"fiche action\": one diagnostic and one set of indicators for one or more actions.",
  ["vocabulary.sheet.code"] = "derived from its actions (\"1+2\"); checked if given",
  ["vocabulary.sheet.actions"] = "the actions it covers",
  ["vocabulary.sheet.stakes"] = "the enjeux de progrès it serves",
  ["vocabulary.sheet.diagnostic"] = "initial diagnostic",
  ["vocabulary.sheet.public"] = "target public",
  ["vocabulary.sheet.pilots"] = "pilots (when not given per action)",
  ["vocabulary.sheet.followed_by"] = "follow-up body (instance de suivi): a committee code (checked) or free text",
  ["vocabulary.sheet.partners"] = "other partners and collaborators",
  ["vocabulary.sheet.human_means"] = "human means",
  ["vocabulary.sheet.financial_means"] = "financial means",
  ["vocabulary.sheet.expected_results"] = "expected results",

  ["vocabulary.indicator"] = "An evaluation indicator of a sheet or an action, or of the whole plan when declared " ..
    "at the top level (e.g. a taux de couverture followed on every commune).",
  ["vocabulary.indicator.id"] = "identifier, e.g. \"places_100\"",
  ["vocabulary.indicator.label"] = "label as printed",
  ["vocabulary.indicator.sheet"] = "its sheet (implicit when declared inside a sheet or an action; none: a " ..
    "plan-wide indicator)",
  ["vocabulary.indicator.unit"] = "unit of the value",
  ["vocabulary.indicator.numerator"] = "ratio: what is counted above the line",
  ["vocabulary.indicator.denominator"] = "ratio: what is counted below the line",
  ["vocabulary.indicator.scale"] = "ratio: 1 (share) or 100 (per cent, per 100)",
  ["vocabulary.indicator.base"] = "evolution: the quantity followed",
  ["vocabulary.indicator.baseline"] = "evolution: the reference period (may precede the plan)",
  ["vocabulary.indicator.scale_min"] = "score: lowest possible answer",
  ["vocabulary.indicator.scale_max"] = "score: highest possible answer",
  ["vocabulary.indicator.threshold"] = "score: answers at or above count as satisfied",
  ["vocabulary.indicator.time"] = "how values combine over time: sum (flows), last/mean/max (stocks)",
  ["vocabulary.indicator.direction"] = "which way is better",
  ["vocabulary.indicator.by"] = "dimensions it is broken down by (step, categorie, …)",
  ["vocabulary.indicator.targets"] = "target value per due period; the status (achieved, on track, behind, receding, not achieved) follows the indicator's direction (ctg help eval). A count's target is the plan territory's total (not each commune's or quarter's); a rate's, a score's or an evolution's holds for every territory. Unless said otherwise a target is for its year; a flow (time = \"sum\") says whether its target is yearly (yearly = {…}: the year's value) or cumulative (cumulative = {…}: the total since the plan's first year or since start), else ctg check warns",
  ["vocabulary.indicator.start"] = "first year of a cumulative target's running total (default: the plan's first year)",
  ["vocabulary.indicator.rollup"] = "roll-up over territories: partial (default: computed over the members with figures, naming the missing ones) or complete (not available as soon as a member lacks figures)",
  ["vocabulary.indicator.national_reference"] = "the national measure it follows, shared with other CTGs " ..
    "(\"cnaf:taux_couverture\"): the portfolio report (scripts/portefeuille.lua) compares the plans by this code",
  ["vocabulary.indicator.note"] = "free note (how the formula was read)",

  ["vocabulary.rule"] = "A rule the evaluation checks (see `ctg help eval`).",
  ["vocabulary.rule.type"] = "what it checks (default: custom with check, trend with expect, threshold with op)",
  ["vocabulary.rule.indicator"] = "indicator it watches",
  ["vocabulary.rule.territory"] = "territory or group it looks at (default: the root territory)",
  ["vocabulary.rule.territories"] = "threshold: territories or groups each checked (one finding per one that " ..
    "fails), or \"all\"; completeness: territories expected to report (default: all but the root)",
  ["vocabulary.rule.from"] = "completeness: first year expected (default: the plan's first)",
  ["vocabulary.rule.expect"] = "trend expected",
  ["vocabulary.rule.op"] = "threshold: what must hold, e.g. op = \">=\", value = 15 (fires when it does not)",
  ["vocabulary.rule.value"] = "threshold value",
  ["vocabulary.rule.periods"] = "trend: number of recent year-on-year changes considered (default 2)",
  ["vocabulary.rule.severity"] = "info, warning (default) or critical",
  ["vocabulary.rule.message"] = "text shown when it fires",
  ["vocabulary.rule.check"] = "custom rule: function(ctx) returning findings",
}

return { fr = fr, en = en }
