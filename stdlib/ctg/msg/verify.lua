-- ctg.msg.verify — the sentences of ctg verifier: the whole invariant check of a database,
-- check by check, and each row or object altered outside ctg.
local fr = {
  ["verify.title"] = "Base {path} : schéma {version} ; révisions d'observations : {revisions} ; imports : {imports}",
  ["verify.title.bare"] = "Base {path} : schéma {version}",
  ["verify.check.integrity"] = "intégrité du fichier (SQLite)",
  ["verify.check.schema"] = "tables, vues et index tels que ctg les a créés",
  ["verify.check.references"] = "identifiants des dictionnaires et des imports",
  ["verify.check.numbers"] = "nombres et entiers là où ctg en écrit",
  ["verify.check.revisions"] = "révisions 1 à n par clé, une seule en vigueur, la dernière",
  ["verify.check.links"] = "imports, versions de plan et livraisons référencés",
  ["verify.check.fingerprints"] = "empreinte de chaque plan égale à celle recalculée, ses lignes dans ses plages",
  ["verify.skipped-rows"] = "non vérifiée : des lignes ci-dessus ne contiennent pas ce que ctg y écrit",
  ["verify.fingerprint"] = "plan {plan} : l'empreinte des données enregistrée ({stored}) n'est pas celle de ses observations " ..
    "en vigueur ({computed}) : une observation a été modifiée hors de ctg",
  ["verify.fingerprint-missing"] = "plan {plan} : des observations en vigueur mais aucune empreinte enregistrée " ..
    "(table obs_fingerprint) ; recalculée : {computed}",
  ["verify.fingerprint-range"] = "plan {plan} : l'observation en vigueur {row} (table obs_revision) n'est dans aucune " ..
    "des plages de lignes de ses empreintes (table obs_fingerprint) : l'évaluation ne la lirait pas",
  ["verify.count"] = "{n} constats",
  ["verify.count.one"] = "{n} constat",
  ["verify.findings"] = "{n} constats",
  ["verify.findings.one"] = "{n} constat",
  ["verify.skipped"] = "vérifié après la mise à jour du schéma {version} (à la prochaine ouverture par ctg)",
  ["verify.clean"] = "Base intacte : rien n'y a été modifié hors de ctg.",
  ["verify.altered"] = "Base altérée : {findings}.",
  ["verify.more"] = "(les {n} premiers de cette vérification ; d'autres peuvent suivre)",
  ["verify.advice"] = "Une base modifiée hors de ctg peut donner des chiffres faux : reconstruisez-la avec ctg " ..
    "import ou ctg build, ou reprenez une copie faite avant la modification.",
  ["verify.empty-or-foreign"] = "{path} n'est pas une base de ctg (aucun numéro de schéma : un fichier vide ou la " ..
    "base d'un autre programme)",
  ["verify.newer"] = "{path} est au schéma {version}, écrit par un ctg plus récent (celui-ci connaît le schéma " ..
    "{known}) : mettez ctg à jour pour la vérifier",
  ["verify.sqlite"] = "SQLite trouve le fichier abîmé : {detail}",
  ["verify.failed"] = "vérification impossible sur cette base : {detail}",
  ["verify.foreign-key"] = "la table {table}, ligne id {row}, renvoie à une ligne de {parent} qui n'existe pas",
  ["verify.what.reference"] = "un identifiant de {table}",
  ["verify.what.number"] = "un nombre",
  ["verify.what.integer"] = "un entier",
  ["verify.what.flag"] = "0 ou 1",
  ["verify.what.one-latest"] = "une seule révision en vigueur par clé ; la ligne id {other} l'est aussi",
  ["verify.what.no-latest"] = "une révision en vigueur pour chaque clé ; aucune de cette clé ne l'est",
  ["verify.what.latest-last"] = "la dernière révision de la clé en vigueur ; la révision {revision} l'est, la " ..
    "dernière est la {high}",
  ["verify.what.numbering"] = "les révisions de la clé numérotées de 1 à {n} sans trou ; trouvé {found}",
}

local en = {
  ["verify.title"] = "Database {path}: schema {version}; observation revisions: {revisions}; imports: {imports}",
  ["verify.title.bare"] = "Database {path}: schema {version}",
  ["verify.check.integrity"] = "file integrity (SQLite)",
  ["verify.check.schema"] = "tables, views and indexes as ctg created them",
  ["verify.check.references"] = "ids of the dictionaries and imports",
  ["verify.check.numbers"] = "numbers and integers where ctg writes them",
  ["verify.check.revisions"] = "revisions 1 to n per key, one latest, the last",
  ["verify.check.links"] = "imports, plan versions and deliveries referenced",
  ["verify.check.fingerprints"] = "each plan's fingerprint equal to the one recomputed, its rows within its ranges",
  ["verify.skipped-rows"] = "not checked: rows above do not hold what ctg writes there",
  ["verify.fingerprint"] = "plan {plan}: the stored data fingerprint ({stored}) is not that of its current " ..
    "observations ({computed}): an observation was changed outside ctg",
  ["verify.fingerprint-missing"] = "plan {plan}: current observations but no stored fingerprint " ..
    "(table obs_fingerprint); recomputed: {computed}",
  ["verify.fingerprint-range"] = "plan {plan}: current observation {row} (table obs_revision) lies in none of the " ..
    "row ranges of its fingerprints (table obs_fingerprint): the evaluation would not read it",
  ["verify.count"] = "{n} findings",
  ["verify.count.one"] = "{n} finding",
  ["verify.findings"] = "{n} findings",
  ["verify.findings.one"] = "{n} finding",
  ["verify.skipped"] = "checked once schema {version} is upgraded (at ctg's next open)",
  ["verify.clean"] = "Intact database: nothing in it was changed outside ctg.",
  ["verify.altered"] = "Altered database: {findings}.",
  ["verify.more"] = "(the first {n} of this check; more may follow)",
  ["verify.advice"] = "A database changed outside ctg may give wrong figures: rebuild it with ctg import or ctg " ..
    "build, or take a copy made before the change.",
  ["verify.empty-or-foreign"] = "{path} is not a ctg database (no schema number: an empty file or another " ..
    "program's database)",
  ["verify.newer"] = "{path} is at schema {version}, written by a newer ctg (this one knows schema {known}): " ..
    "update ctg to check it",
  ["verify.sqlite"] = "SQLite finds the file damaged: {detail}",
  ["verify.failed"] = "cannot check this database: {detail}",
  ["verify.foreign-key"] = "table {table}, row id {row}, refers to a row of {parent} that does not exist",
  ["verify.what.reference"] = "an id of {table}",
  ["verify.what.number"] = "a number",
  ["verify.what.integer"] = "an integer",
  ["verify.what.flag"] = "0 or 1",
  ["verify.what.one-latest"] = "one latest revision per key; row id {other} is latest too",
  ["verify.what.no-latest"] = "one latest revision for each key; none of this key is",
  ["verify.what.latest-last"] = "the key's last revision latest; revision {revision} is, the last is {high}",
  ["verify.what.numbering"] = "the key's revisions numbered 1 to {n} without a gap; found {found}",
}

return { fr = fr, en = en }
