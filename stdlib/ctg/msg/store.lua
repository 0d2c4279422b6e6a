-- ctg.msg.store — what the database says (ctg.store, ctg.db): opening, the schema and its
-- migrations, queries, storing observations. A message about the file is prefixed by its
-- path ("ctg.db : …"); SQLite's own words follow in parentheses.
local fr = {
  ["store.closed"] = "la base est fermée",
  ["store.nomem"] = "mémoire insuffisante ; rien n'a été enregistré",
  ["store.not-found"] = "base de données introuvable (vérifiez --db ou $CTG_DB ; une base se crée par ctg import plan.lua --db {path})",
  ["store.no-engine-postgres"] = "cette version de ctg n'a pas encore de moteur PostgreSQL : une adresse " ..
    "postgresql:// ne peut pas être ouverte ; donnez un fichier SQLite (--db ctg.db), ou passez par " ..
    "ctg dump et ctg restore (ctg help store)",
  ["store.open"] = "impossible d'ouvrir la base",
  ["store.not-found-pg"] = "cette base PostgreSQL ne contient pas de base de ctg (une base s'y charge par " ..
    "ctg restore DUMP --db {path}, depuis le ctg dump d'une base SQLite)",
  ["store.pg-connect"] = "impossible de se connecter au serveur PostgreSQL",
  ["store.hint.pg-auth"] = "le serveur a refusé l'utilisateur ou le mot de passe (vérifiez l'adresse postgresql://, " ..
    "le fichier ~/.pgpass ou $PGPASSWORD)",
  ["store.hint.pg-unreachable"] = "serveur injoignable (vérifiez l'hôte et le port de l'adresse postgresql://, " ..
    "et que le serveur tourne)",
  ["store.pg-check"] = "la vérification du schéma d'une base PostgreSQL n'est pas encore possible : " ..
    "ctg dump puis ctg restore dans un fichier SQLite, et ctg verifier sur ce fichier",
  ["store.pg-import"] = "l'import dans une base PostgreSQL n'est pas encore possible : importez dans SQLite " ..
    "puis ctg dump / ctg restore (ctg help store) ; rien n'a été écrit",
  ["store.not-found-lua"] = "base de données introuvable (vérifiez --db ou $CTG_DB ; " ..
    "ctg.open(\"{path}\", { create = true }) la crée, pour un script qui écrit)",
  ["store.bad-path"] = "ctg.open attend le chemin d'un fichier de base, pas une valeur de type {got}",
  ["store.reopen"] = "impossible de mettre à jour le schéma de la base (ouvrez-la une fois en écriture)",
  ["store.wal"] = "impossible de configurer la base (journal WAL)",
  ["store.schema-read"] = "impossible de lire la version du schéma",
  ["store.schema-objects"] = "impossible de lire les tables et les vues de la base",
  ["store.schema-expected"] = "impossible de construire le schéma que ctg attend",
  ["store.newer"] = "base écrite par un ctg plus récent (schéma version {version}, ce ctg connaît jusqu'à la version {known}) : " ..
    "mettez ctg à jour pour l'utiliser",
  ["store.migrate-begin"] = "impossible de commencer la mise à jour du schéma",
  ["store.migrate"] = "impossible de mettre à jour le schéma vers la version {version} ; la base reste telle qu'elle était",
  ["store.migrate-record"] = "impossible d'enregistrer la version du schéma ; la base reste telle qu'elle était",
  ["store.migrate-commit"] = "impossible de valider la mise à jour du schéma ; la base reste telle qu'elle était",
  ["store.prepare"] = "impossible de préparer une requête",
  ["store.bind"] = "impossible de lier un paramètre de la requête",
  ["store.bind-type"] = "impossible d'enregistrer une valeur de type {type} (paramètre {param})",
  ["store.query-invalid"] = "requête invalide",
  ["store.query-empty"] = "requête vide",
  ["store.query-one"] = "une seule instruction à la fois (texte en trop : « {extra} »)",
  ["store.query-readonly"] = "db:query n'exécute que des lectures ; pour modifier les données, db:put ou une importation",
  ["store.query-params"] = "la requête attend {params} paramètres et en reçoit {values}",
  ["store.query-params.one"] = "la requête attend 1 paramètre et en reçoit {values}",
  ["store.query-failed"] = "la requête a échoué",
  ["store.exec"] = "échec de « {sql} »",
  ["store.keys"] = "impossible de lire les clés enregistrées",
  ["store.lookup"] = "impossible de retrouver l'observation enregistrée",
  ["store.put"] = "impossible d'enregistrer l'observation",
  ["store.read"] = "impossible de lire les observations",
  ["store.too-many"] = "trop d'entrées dans un dictionnaire de la base (plus de 4 294 967 295)",
  ["store.unknown-record"] = "type d'enregistrement inconnu « {record} » (attendu : value, progress, meeting ou funding)",
  ["store.readonly"] = "base ouverte en lecture seule (seule la commande ctg import y écrit)",
  ["store.bulk-outside"] = "begin_bulk s'appelle dans une transaction (BEGIN IMMEDIATE d'abord)",
  ["store.known-at"] = "impossible de voir les données telles que connues à cette date",
  ["store.begin"] = "impossible de commencer une transaction",
  ["store.commit"] = "impossible de valider la transaction ; annulez-la (db:rollback)",
  ["store.rollback"] = "impossible d'annuler la transaction",
  ["store.fingerprint"] = "impossible de tenir à jour l'empreinte des données ; rien n'a été enregistré",
  ["store.hint.busy"] = "un autre programme écrit dans la base ; réessayez quand il aura fini",
  ["store.hint.readonly"] = "le fichier ou son dossier est en lecture seule : vérifiez leurs droits",
  ["store.hint.notadb"] = "ce fichier n'est pas une base ctg",
  ["store.hint.corrupt"] = "le fichier est endommagé",
  ["store.hint.cantopen"] = "vérifiez que le dossier existe et qu'il est accessible en écriture",
  ["store.hint.full"] = "le disque est plein : libérez de la place ; rien n'a été enregistré",
  ["store.hint.ioerr"] = "écriture impossible sur le disque : plein, quota atteint ou défaillant ; rien n'a été enregistré",
  ["store.hint.nomem"] = "mémoire insuffisante ; rien n'a été enregistré",
  ["store.hint.toobig"] = "un texte ou un blob y dépasse la taille permise (pour un script de rapport ou une " ..
    "règle, le quart de --max-memory)",
  ["store.hint.auth"] = "accès en lecture seule : seule la commande ctg import écrit la base ; ni écriture, ni ATTACH, " ..
    "ni PRAGMA modifiant la base, ni transaction",
  -- ctg.db
  ["store.unknown-filter"] = "filtre inconnu « {filter} » (possibles : {allowed})",
  ["store.no-plan"] = "pas de plan « {plan} » dans {path} : importez-le d'abord (ctg import plan.lua)",
  ["store.no-plan-any"] = "aucun plan dans {path} : importez-en un d'abord (ctg import plan.lua)",
  ["store.plan-broken"] = "{name} : le plan enregistré ne se charge pas : {finding}",
  ["store.view-method"] = "la base est en lecture seule pour ce code ({method} n'est pas disponible ; lecture : {methods})",
  ["store.view-write"] = "la base est en lecture seule pour ce code",
}

local en = {
  ["store.closed"] = "the database is closed",
  ["store.nomem"] = "out of memory; nothing was stored",
  ["store.not-found-lua"] = "database not found (check --db or $CTG_DB; " ..
    "ctg.open(\"{path}\", { create = true }) creates it, for a script that writes)",
  ["store.bad-path"] = "ctg.open takes the path of a database file, not a {got} value",
  ["store.not-found"] = "database not found (check --db or $CTG_DB; a database is created by ctg import plan.lua --db {path})",
  ["store.no-engine-postgres"] = "this ctg has no PostgreSQL engine yet: a postgresql:// address cannot be " ..
    "opened; give a SQLite file (--db ctg.db), or go through ctg dump and ctg restore (ctg help store)",
  ["store.open"] = "cannot open the database",
  ["store.not-found-pg"] = "this PostgreSQL database holds no ctg base (one is loaded by " ..
    "ctg restore DUMP --db {path}, from the ctg dump of a SQLite base)",
  ["store.pg-connect"] = "cannot connect to the PostgreSQL server",
  ["store.hint.pg-auth"] = "the server refused the user or the password (check the postgresql:// address, " ..
    "~/.pgpass or $PGPASSWORD)",
  ["store.hint.pg-unreachable"] = "server out of reach (check the host and port of the postgresql:// address, " ..
    "and that the server runs)",
  ["store.pg-check"] = "checking the schema of a PostgreSQL database is not possible yet: " ..
    "ctg dump then ctg restore into a SQLite file, and ctg verifier on that file",
  ["store.pg-import"] = "importing into a PostgreSQL database is not possible yet: import into SQLite " ..
    "then ctg dump / ctg restore (ctg help store); nothing was written",
  ["store.reopen"] = "cannot upgrade the schema of the database (open it once read-write)",
  ["store.wal"] = "cannot configure the database (WAL journal)",
  ["store.schema-read"] = "cannot read the schema version",
  ["store.schema-objects"] = "cannot read the tables and views of the database",
  ["store.schema-expected"] = "cannot build the schema ctg expects",
  ["store.newer"] = "written by a newer ctg (schema version {version}, this ctg knows up to {known}): upgrade ctg to use it",
  ["store.migrate-begin"] = "cannot start the schema upgrade",
  ["store.migrate"] = "cannot upgrade the schema to version {version}; the database stays as it was",
  ["store.migrate-record"] = "cannot record the schema version; the database stays as it was",
  ["store.migrate-commit"] = "cannot commit the schema upgrade; the database stays as it was",
  ["store.prepare"] = "cannot prepare a statement",
  ["store.bind"] = "cannot bind a parameter of the query",
  ["store.bind-type"] = "cannot store a {type} (parameter {param})",
  ["store.query-invalid"] = "invalid query",
  ["store.query-empty"] = "empty query",
  ["store.query-one"] = "one statement at a time (extra text: '{extra}')",
  ["store.query-readonly"] = "db:query runs read-only statements; use db:put or an import to change data",
  ["store.query-params"] = "the query has {params} parameters, {values} given",
  ["store.query-params.one"] = "the query has 1 parameter, {values} given",
  ["store.query-failed"] = "query failed",
  ["store.exec"] = "'{sql}' failed",
  ["store.keys"] = "cannot read the stored keys",
  ["store.lookup"] = "cannot look up the stored observation",
  ["store.put"] = "cannot store the observation",
  ["store.read"] = "cannot read the observations",
  ["store.too-many"] = "too many entries in a dictionary of the database (over 4,294,967,295)",
  ["store.unknown-record"] = "unknown record kind '{record}' (expected value, progress, meeting or funding)",
  ["store.readonly"] = "database opened read-only (only ctg import writes to it)",
  ["store.bulk-outside"] = "begin_bulk must run inside a transaction (BEGIN IMMEDIATE first)",
  ["store.known-at"] = "cannot see the data as known at that date",
  ["store.begin"] = "cannot begin a transaction",
  ["store.commit"] = "cannot commit the transaction; roll it back (db:rollback)",
  ["store.rollback"] = "cannot roll the transaction back",
  ["store.fingerprint"] = "cannot keep the data fingerprint up to date; nothing was stored",
  ["store.hint.busy"] = "another program is writing to it; try again when it has finished",
  ["store.hint.readonly"] = "the file or its directory is read-only: check their permissions",
  ["store.hint.notadb"] = "this file is not a ctg database",
  ["store.hint.corrupt"] = "the file is damaged",
  ["store.hint.cantopen"] = "check that the directory exists and is writable",
  ["store.hint.full"] = "the disk is full: free some space; nothing was stored",
  ["store.hint.ioerr"] = "cannot write to the disk: full, over quota or failing; nothing was stored",
  ["store.hint.nomem"] = "out of memory; nothing was stored",
  ["store.hint.toobig"] = "a text or blob in it is larger than allowed (for a report script or a rule, a quarter of " ..
    "--max-memory)",
  ["store.hint.auth"] = "read-only access: only ctg import writes the database; no writes, ATTACH, PRAGMA changing " ..
    "the database or transactions",
  ["store.unknown-filter"] = "unknown filter '{filter}' (allowed: {allowed})",
  ["store.no-plan"] = "no plan '{plan}' in {path}: import it first (ctg import plan.lua)",
  ["store.no-plan-any"] = "no plan in {path}: import one first (ctg import plan.lua)",
  ["store.plan-broken"] = "{name}: the stored plan does not load: {finding}",
  ["store.view-method"] = "the database is read-only for this code ({method} is not available; reading: {methods})",
  ["store.view-write"] = "the database is read-only for this code",
}

return { fr = fr, en = en }
