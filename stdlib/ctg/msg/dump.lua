-- ctg.msg.dump — the sentences of ctg dump and ctg restore: what was written or loaded, and
-- each reason a dump is refused (nothing is loaded then).
local fr = {
  ["dump.written"] = "Dump écrit dans {path} : {total} lignes ({tables}).",
  ["dump.stdout"] = "la sortie standard",
  ["dump.restored"] = "{file} restauré dans {path} : {total} lignes ({tables}).",
  ["dump.missing"] = "{path} introuvable : le dump à restaurer (écrit par ctg dump)",
  ["dump.not-file"] = "{path} n'est pas un fichier ordinaire : un dump est un fichier écrit par ctg dump",
  ["dump.unreadable"] = "impossible de lire {path}",
  ["dump.crlf"] = "ses fins de ligne sont celles de Windows (CRLF) : le dump a été converti en route (courriel, " ..
    "copie par Windows), ses octets ne sont plus ceux écrits ; reprenez le fichier d'origine (ou dos2unix) ; rien n'est chargé",
  ["dump.altered-base"] = "base altérée : les observations du plan {plan} ne donnent plus l'empreinte enregistrée à " ..
    "leurs imports (un chiffre changé hors de ctg) ; rien n'est écrit — ctg verifier décrit la base, " ..
    "reconstruisez-en une nouvelle (ctg import ou ctg build dans une base vide)",
  ["dump.not-dump"] = "ce n'est pas un dump de ctg : sa première ligne devrait être « ctg-dump 1 schema N ctg VERSION » " ..
    "(un fichier écrit par ctg dump) ; rien n'est chargé",
  ["dump.newer-format"] = "dump au format {version}, écrit par un ctg plus récent (celui-ci lit le format {known}) : " ..
    "restaurez-le avec ce ctg plus récent ; rien n'est chargé",
  ["dump.newer-schema"] = "dump d'une base au schéma {schema}, écrit par un ctg plus récent (celui-ci connaît le schéma " ..
    "{known}) : restaurez-le avec ce ctg plus récent ; rien n'est chargé",
  ["dump.older-schema"] = "dump d'une base au schéma {schema}, ce ctg écrit le schéma {known} : restaurez-le avec le ctg " ..
    "qui l'a écrit, ouvrez la base avec celui-ci (elle est mise à jour) puis refaites le dump ; rien n'est chargé",
  ["dump.truncated"] = "dump tronqué : sa ligne de fin (« end … sha256 … ») manque, la copie a dû s'interrompre ; " ..
    "rien n'est chargé",
  ["dump.altered"] = "dump altéré : son empreinte SHA-256 ou ses nombres de lignes ne correspondent plus à son " ..
    "contenu ; rien n'est chargé",
  ["dump.after-end"] = "ligne {line} : du texte après la ligne de fin, dump altéré ; rien n'est chargé",
  ["dump.bad-line"] = "ligne {line} : ni « table NOM [colonnes] » ni une ligne de données, dump altéré ; rien n'est chargé",
  ["dump.bad-row"] = "ligne {line} (table {table}) : une ligne de données doit être un tableau JSON d'une valeur " ..
    "par colonne ; rien n'est chargé",
  ["dump.unknown-table"] = "la table {table} du dump n'existe pas dans la base ; rien n'est chargé",
  ["dump.missing-table"] = "la table {table} manque au dump (un dump de ce schéma les a toutes, même vides) ; " ..
    "rien n'est chargé",
  ["dump.columns"] = "les colonnes de la table {table} diffèrent : la base a {expected}, le dump {got} ; rien n'est chargé",
  ["dump.fixed-rows"] = "ligne {line} : la table {table}, que le schéma remplit lui-même, diffère du dump ; rien n'est chargé",
  ["dump.fixed-missing"] = "la table {table}, que le schéma remplit lui-même, a plus de lignes que le dump ; " ..
    "rien n'est chargé",
  ["dump.not-finite"] = "une valeur infinie ou NaN dans la base : elle a été modifiée hors de ctg (ctg verifier)",
  ["dump.not-empty"] = "{path} contient déjà des données (table {table} : {n} lignes) : ctg restore ne charge un " ..
    "dump que dans une base vide ou absente (--db NOUVELLE-BASE) ; rien n'est chargé",
}

local en = {
  ["dump.crlf"] = "its line ends are Windows' (CRLF): the dump was converted on the way (mail, copy through " ..
    "Windows), its bytes are no longer those written; take the original file (or dos2unix); nothing is loaded",
  ["dump.altered-base"] = "altered database: the observations of plan {plan} no longer give the fingerprint " ..
    "recorded at their imports (a figure changed outside ctg); nothing is written — ctg verifier describes the " ..
    "database, rebuild a new one (ctg import or ctg build into an empty database)",
  ["dump.written"] = "Dump written to {path}: {total} rows ({tables}).",
  ["dump.stdout"] = "the standard output",
  ["dump.restored"] = "{file} restored into {path}: {total} rows ({tables}).",
  ["dump.missing"] = "{path} not found: the dump to restore (written by ctg dump)",
  ["dump.not-file"] = "{path} is not a regular file: a dump is a file written by ctg dump",
  ["dump.unreadable"] = "cannot read {path}",
  ["dump.not-dump"] = "not a ctg dump: its first line should be \"ctg-dump 1 schema N ctg VERSION\" (a file " ..
    "written by ctg dump); nothing is loaded",
  ["dump.newer-format"] = "dump in format {version}, written by a newer ctg (this one reads format {known}): restore " ..
    "it with that newer ctg; nothing is loaded",
  ["dump.newer-schema"] = "dump of a database at schema {schema}, written by a newer ctg (this one knows schema " ..
    "{known}): restore it with that newer ctg; nothing is loaded",
  ["dump.older-schema"] = "dump of a database at schema {schema}, this ctg writes schema {known}: restore it with the " ..
    "ctg that wrote it, open the database with this one (it is upgraded), then dump again; nothing is loaded",
  ["dump.truncated"] = "truncated dump: its end line (\"end … sha256 …\") is missing, the copy must have been " ..
    "interrupted; nothing is loaded",
  ["dump.altered"] = "altered dump: its SHA-256 or its row counts no longer match its content; nothing is loaded",
  ["dump.after-end"] = "line {line}: text after the end line, altered dump; nothing is loaded",
  ["dump.bad-line"] = "line {line}: neither \"table NAME [columns]\" nor a data row, altered dump; nothing is loaded",
  ["dump.bad-row"] = "line {line} (table {table}): a data row must be a JSON array of one value per column; " ..
    "nothing is loaded",
  ["dump.unknown-table"] = "the dump's table {table} does not exist in the database; nothing is loaded",
  ["dump.missing-table"] = "table {table} is missing from the dump (a dump of this schema has them all, even empty); " ..
    "nothing is loaded",
  ["dump.columns"] = "the columns of table {table} differ: the database has {expected}, the dump {got}; nothing is loaded",
  ["dump.fixed-rows"] = "line {line}: table {table}, which the schema fills itself, differs from the dump; " ..
    "nothing is loaded",
  ["dump.fixed-missing"] = "table {table}, which the schema fills itself, has more rows than the dump; nothing is loaded",
  ["dump.not-finite"] = "an infinite or NaN value in the database: it was changed outside ctg (ctg verifier)",
  ["dump.not-empty"] = "{path} already holds data (table {table}: {n} rows): ctg restore loads a dump only into an " ..
    "empty or absent database (--db NEW-DATABASE); nothing is loaded",
}

return { fr = fr, en = en }
