/* The SQLite engine: the database of plans and observations, its open and its schema.
 *
 * One file holds every plan version and every observation ever imported. Nothing is
 * overwritten: a correction is a new revision of the same key, and queries read the latest
 * revision. The schema is versioned with PRAGMA user_version and upgraded by forward
 * migrations, all of them in one transaction; a database written by a newer ctg is refused
 * rather than guessed at. No Lua here: open, the migrations and the checks return their
 * failures as struct ctg_engine_error, which the binding (lua/store.c) raises.
 *
 * DESIGN of the observations (schema 3; schema 4 adds plan_version.outline; schema 5 the
 * withdrawals, the fingerprint and commit of an import, the deliveries; schema 6 the parts
 * of a ratio — record numerator or denominator, a key of its own beside the value's, paired
 * by the evaluation (eval.c) — and the column of a row's cell). A key is
 * (plan, record, subject, period, territory, dims); each of its six parts is a small integer
 * into a dictionary table (obs_plan, obs_record, obs_subject, obs_period, obs_territory,
 * obs_dims: each text once). obs_revision
 * is the log of every revision ever stored, in import order, with its provenance (import_id,
 * line, col), its values and texts, and a `latest` flag: 1 on the latest revision of its key, set
 * to 0 in the same transaction that stores the next one. What was measured and chosen (200 000
 * generated rows, the shared floor's libyaml loop, CPU seconds):
 *   the floor (one text table, no index)                          1,06
 *   obs_revision alone (integer keys, no index)                   1,12
 *   + the latest flag (the design kept)                           1,12
 *   + a table of current rows, rowid, pointer to the log          1,44
 *   + a WITHOUT ROWID table of current rows keyed by the 6 ids    1,57 – 1,80
 *   + the same through an UPSERT … RETURNING                      2,44
 * so the latest revision is a flag in the log, not a second table: an import writes one row
 * per observation, and a revision also clears the flag of the row it supersedes (a rowid
 * update, in place). There is no index on the keys: during an import the keys of the plan are
 * loaded once into a C hash map (with the dictionaries), so a new key costs no B-tree probe
 * and a known one no search; outside an import (db:put) a lookup scans the plan's latest rows.
 * The evaluation reads view obs_current (the latest rows: no search, integer columns) in rowid
 * order and turns the dictionaries into strings once. The views observation (every revision)
 * and current_observation (the latest) give the columns of schema 2 as text, for db:query,
 * history, exports and report scripts. DB:known_at shadows obs_current, observation and
 * current_observation with temporary views of the revisions imported up to a moment. A
 * withdrawal (ctg build: a row removed from its data file) is a revision with withdrawn = 1
 * and no value, latest like any other: obs_current (and so the evaluation) leaves it out.
 *
 * SQL is never built from data: every value is a bound parameter. Every return code is
 * checked, and errors name the database file, in French through the catalogue (ctg.msg,
 * domain store). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>

#include "bigmem.h"
#include "store/sqlite.h"
#include "store/sqlite_check.h"
#include "store/sqlite_fingerprint.h"

#define DEFAULT_BUSY_TIMEOUT_MS 5000

/* The columns of schema 2's observation table, as views give them over a relation r of
 * obs_revision rows (the dictionaries turned back into text). */
#define OBS_COLUMNS                                                                               \
    "r.id, p.plan_id, k.name AS record, s.name AS subject, e.period, t.code AS territory, d.dims, " \
    "r.revision, r.value, r.numerator, r.denominator, r.text, r.missing, r.status, r.note, "       \
    "r.source, r.import_id, r.line"
/* Schema 5's: a withdrawal shows as withdrawn = 1 in the log (history). */
#define OBS_COLUMNS_5 OBS_COLUMNS ", r.withdrawn"
/* Schema 6's: the spreadsheet column of the cell a row came from, beside its line. */
#define OBS_COLUMNS_6 OBS_COLUMNS_5 ", r.col AS column_number"
#define OBS_JOINS                                                                                  \
    " r JOIN obs_plan p ON p.id = r.plan JOIN obs_record k ON k.id = r.record "                    \
    "JOIN obs_subject s ON s.id = r.subject JOIN obs_period e ON e.id = r.period "                 \
    "JOIN obs_territory t ON t.id = r.territory JOIN obs_dims d ON d.id = r.dims"

/* Migrations: entry i upgrades a database from user_version i to i + 1. Append only. */
static const char *const migrations[] = {
    /* 0 -> 1: plans, imports, observations */
    "CREATE TABLE plan_version (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  plan_id TEXT NOT NULL,\n"
    "  version INTEGER NOT NULL,\n"
    "  hash TEXT NOT NULL,\n"
    "  label TEXT,\n"
    "  date TEXT,\n"
    "  file TEXT,\n"
    "  content TEXT NOT NULL,\n"
    /* the plan file as written (Lua): custom rules are functions, which the YAML content
     * cannot hold; the plan is rebuilt from it, with its own file:line locations */
    "  source_text TEXT,\n"
    "  imported_at TEXT NOT NULL,\n"
    "  imported_by TEXT NOT NULL,\n"
    "  UNIQUE (plan_id, version)\n"
    ");\n"
    "CREATE TABLE import (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  plan_version INTEGER NOT NULL REFERENCES plan_version(id),\n"
    "  file TEXT NOT NULL,\n"
    "  source TEXT,\n"
    "  imported_at TEXT NOT NULL,\n"
    "  imported_by TEXT NOT NULL,\n"
    "  rows INTEGER NOT NULL DEFAULT 0\n"
    ");\n"
    "CREATE TABLE observation (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  plan_id TEXT NOT NULL,\n"
    "  record TEXT NOT NULL CHECK (record IN ('value', 'progress', 'meeting', 'funding')),\n"
    "  subject TEXT NOT NULL,\n"
    "  period TEXT NOT NULL,\n"
    "  territory TEXT NOT NULL DEFAULT '',\n"
    "  dims TEXT NOT NULL DEFAULT '',\n"
    "  revision INTEGER NOT NULL CHECK (revision >= 1),\n"
    "  value REAL,\n"
    "  numerator REAL,\n"
    "  denominator REAL,\n"
    "  text TEXT,\n"
    "  missing TEXT,\n"
    "  status TEXT,\n"
    "  note TEXT,\n"
    "  source TEXT,\n"
    "  import_id INTEGER NOT NULL REFERENCES import(id),\n"
    "  line INTEGER NOT NULL,\n"
    "  key INTEGER NOT NULL\n"
    ");\n"
    "CREATE INDEX observation_key ON observation(key, revision);\n"
    "CREATE INDEX observation_import ON observation(import_id);\n"
    "CREATE VIEW current_observation AS\n"
    "  SELECT o.* FROM observation o\n"
    "  WHERE NOT EXISTS (SELECT 1 FROM observation n\n"
    "    WHERE n.key = o.key AND n.revision > o.revision AND n.plan_id = o.plan_id\n"
    "      AND n.record = o.record AND n.subject = o.subject AND n.period = o.period\n"
    "      AND n.territory = o.territory AND n.dims = o.dims);\n",
    /* 1 -> 2: a version applies from its effective date, not from its import order; an
     * avenant keeps its council vote and its signature apart, and names the version it
     * amends. Versions stored before have only `date` (given on import, an avenant's): it
     * becomes their effective date; without it, the plan's own dates in the stored content
     * (effective, else the signature, else the council's vote: what ctg import sets today),
     * else the day they were imported. */
    "ALTER TABLE plan_version ADD COLUMN effective TEXT;\n"
    "ALTER TABLE plan_version ADD COLUMN council_date TEXT;\n"
    "ALTER TABLE plan_version ADD COLUMN signed TEXT;\n"
    "ALTER TABLE plan_version ADD COLUMN amends INTEGER REFERENCES plan_version(id);\n"
    "UPDATE plan_version SET council_date = ctg_plan_date(content, 'council_date'),\n"
    "  signed = ctg_plan_date(content, 'signed') WHERE date IS NULL;\n"
    "UPDATE plan_version SET effective = coalesce(date, ctg_plan_date(content, 'effective'),\n"
    "  signed, council_date, substr(imported_at, 1, 10));\n",
    /* 2 -> 3: dictionaries, the log of revisions with its latest flag, and views with the
     * columns of the table they replace (see DESIGN at the top). Ids of the rows are kept,
     * so that the order of revisions and every reference to a row stay as they were. */
    "CREATE TABLE obs_plan (id INTEGER PRIMARY KEY, plan_id TEXT NOT NULL UNIQUE);\n"
    "CREATE TABLE obs_record (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);\n"
    "INSERT INTO obs_record VALUES (1, 'value'), (2, 'progress'), (3, 'meeting'), (4, 'funding');\n"
    "CREATE TABLE obs_subject (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);\n"
    "CREATE TABLE obs_period (id INTEGER PRIMARY KEY, period TEXT NOT NULL UNIQUE);\n"
    "CREATE TABLE obs_territory (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE);\n"
    "CREATE TABLE obs_dims (id INTEGER PRIMARY KEY, dims TEXT NOT NULL UNIQUE);\n"
    /* the columns the evaluation reads come first (a row is decoded up to the last one read);
     * no REFERENCES: the store writes the ids it has just looked up, and a foreign-key probe
     * per row would cost what the dictionaries save */
    "CREATE TABLE obs_revision (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  plan INTEGER NOT NULL,\n"
    "  record INTEGER NOT NULL,\n"
    "  latest INTEGER NOT NULL,\n"
    "  subject INTEGER NOT NULL,\n"
    "  period INTEGER NOT NULL,\n"
    "  territory INTEGER NOT NULL,\n"
    "  dims INTEGER NOT NULL,\n"
    "  value REAL,\n"
    "  numerator REAL,\n"
    "  denominator REAL,\n"
    "  missing TEXT,\n"
    "  text TEXT,\n"
    "  revision INTEGER NOT NULL,\n"
    "  status TEXT,\n"
    "  note TEXT,\n"
    "  source TEXT,\n"
    "  import_id INTEGER NOT NULL,\n"
    "  line INTEGER NOT NULL\n"
    ");\n"
    "INSERT INTO obs_plan (plan_id) SELECT plan_id FROM observation GROUP BY plan_id ORDER BY min(id);\n"
    "INSERT INTO obs_subject (name) SELECT subject FROM observation GROUP BY subject ORDER BY min(id);\n"
    "INSERT INTO obs_period (period) SELECT period FROM observation GROUP BY period ORDER BY min(id);\n"
    "INSERT INTO obs_territory (code) SELECT territory FROM observation GROUP BY territory ORDER BY min(id);\n"
    "INSERT INTO obs_dims (dims) SELECT dims FROM observation GROUP BY dims ORDER BY min(id);\n"
    "INSERT INTO obs_revision SELECT o.id, p.id, k.id,\n"
    "    NOT EXISTS (SELECT 1 FROM observation n WHERE n.key = o.key AND n.revision > o.revision\n"
    "      AND n.plan_id = o.plan_id AND n.record = o.record AND n.subject = o.subject\n"
    "      AND n.period = o.period AND n.territory = o.territory AND n.dims = o.dims),\n"
    "    s.id, e.id, t.id, d.id, o.value, o.numerator, o.denominator, o.missing, o.text,\n"
    "    o.revision, o.status, o.note, o.source, o.import_id, o.line\n"
    "  FROM observation o JOIN obs_plan p ON p.plan_id = o.plan_id JOIN obs_record k ON k.name = o.record\n"
    "  JOIN obs_subject s ON s.name = o.subject JOIN obs_period e ON e.period = o.period\n"
    "  JOIN obs_territory t ON t.code = o.territory JOIN obs_dims d ON d.dims = o.dims\n"
    "  ORDER BY o.id;\n"
    /* a row the joins would drop (a record kind no CHECK let in, by hand) fails the migration:
     * every revision is kept, or nothing changes */
    "CREATE TEMP TABLE migration_check (every_revision_kept INTEGER CHECK (every_revision_kept));\n"
    "INSERT INTO migration_check\n"
    "  SELECT (SELECT count(*) FROM obs_revision) = (SELECT count(*) FROM observation);\n"
    "DROP TABLE temp.migration_check;\n"
    "DROP VIEW current_observation;\n"
    "DROP TABLE observation;\n"
    "CREATE VIEW obs_current AS SELECT * FROM obs_revision WHERE latest = 1;\n"
    "CREATE VIEW observation AS SELECT " OBS_COLUMNS " FROM obs_revision" OBS_JOINS ";\n"
    "CREATE VIEW current_observation AS SELECT " OBS_COLUMNS " FROM obs_current" OBS_JOINS ";\n",
    /* 3 -> 4: the outline of each version (ctg.rows.outline, as YAML): what judging rows needs
     * of the plan, so that an import does not rebuild the plan from its source. NULL for the
     * versions stored before: ctg computes it from the plan when it needs it. */
    "ALTER TABLE plan_version ADD COLUMN outline TEXT;\n",
    /* 4 -> 5: a project that keeps its history (ctg build appends, never recreates). A
     * withdrawal is a revision like any other, with withdrawn = 1 and no value: the key's row
     * removed from its data file; it is the key's latest revision (the latest flag keeps one
     * latest row a key), and obs_current leaves it out, so the key has no observation. Each
     * import records the content hash of its file and the git commit it was built from (NULL
     * for ctg import and db:put); delivery records every report ctg build wrote. Rows stored
     * before keep withdrawn = 0 and NULL hash and commit. */
    "ALTER TABLE obs_revision ADD COLUMN withdrawn INTEGER NOT NULL DEFAULT 0;\n"
    "ALTER TABLE import ADD COLUMN hash TEXT;\n"
    "ALTER TABLE import ADD COLUMN git_commit TEXT;\n"
    "CREATE TABLE delivery (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  path TEXT NOT NULL,\n"
    "  format TEXT NOT NULL,\n"
    "  script TEXT NOT NULL,\n"
    "  script_hash TEXT NOT NULL,\n"
    "  period TEXT NOT NULL,\n"
    "  arguments TEXT NOT NULL,\n"
    "  file_hash TEXT NOT NULL,\n"
    "  content_hash TEXT NOT NULL,\n"
    "  as_of TEXT NOT NULL,\n"
    "  known_at TEXT NOT NULL,\n"
    "  known_import INTEGER NOT NULL,\n"
    "  plan_version INTEGER NOT NULL REFERENCES plan_version(id),\n"
    "  git_commit TEXT,\n"
    "  delivered_at TEXT NOT NULL\n"
    ");\n"
    "DROP VIEW current_observation;\n"
    "DROP VIEW observation;\n"
    "DROP VIEW obs_current;\n"
    "CREATE VIEW obs_current AS SELECT * FROM obs_revision WHERE latest = 1 AND withdrawn = 0;\n"
    "CREATE VIEW observation AS SELECT " OBS_COLUMNS_5 " FROM obs_revision" OBS_JOINS ";\n"
    "CREATE VIEW current_observation AS SELECT " OBS_COLUMNS_5 " FROM obs_current" OBS_JOINS ";\n",
    /* 5 -> 6: a rate from two files (issue 22). A part of a ratio's observation, its
     * numerator alone or its denominator alone, is a record of its own (numerator = 5,
     * denominator = 6), with its own revisions, source and import: places from the CNAF and
     * children from INSEE arrive in different files; the evaluation pairs the two parts of a
     * key. col is the spreadsheet column of the cell an observation came from (1 = A), kept
     * with its line as its provenance; NULL when the reader gives none (and for every row
     * stored before). A partial index tells whether a plan has parts. */
    "INSERT INTO obs_record VALUES (5, 'numerator'), (6, 'denominator');\n"
    "ALTER TABLE obs_revision ADD COLUMN col INTEGER;\n"
    /* whether a plan has parts at all: one probe (eval.c), and a row of another record
     * costs the index nothing (partial) */
    "CREATE INDEX obs_revision_part ON obs_revision(plan) WHERE record >= 5;\n"
    "DROP VIEW current_observation;\n"
    "DROP VIEW observation;\n"
    "DROP VIEW obs_current;\n"
    "CREATE VIEW obs_current AS SELECT * FROM obs_revision WHERE latest = 1 AND withdrawn = 0;\n"
    "CREATE VIEW observation AS SELECT " OBS_COLUMNS_6 " FROM obs_revision" OBS_JOINS ";\n"
    "CREATE VIEW current_observation AS SELECT " OBS_COLUMNS_6 " FROM obs_current" OBS_JOINS ";\n",
    /* 6 -> 7: the data fingerprint kept at import (store/sqlite_fingerprint.h). Each write
     * transaction that changes a plan's current observations appends a link: the sum of the
     * hashes of its current rows after the transaction's imports first_import..import_id.
     * Reading it, now or as known at a past import, is one probe instead of a read of every
     * row; migrate() writes each plan's first link from the rows already stored.
     * A link also names the rowid range of obs_revision its transaction wrote (first_row ..
     * last_row): every current row of a plan lies in one of its links' ranges, so that the
     * evaluation reads a plan's slice as rowid ranges (store/sqlite_engine.c) — a clustering
     * that costs an import nothing, where an index on (plan, subject, …) would cost a B-tree
     * insert a row and its delete at each superseding revision. */
    "CREATE TABLE obs_fingerprint (\n"
    "  plan INTEGER NOT NULL,\n"
    "  import_id INTEGER NOT NULL,\n"
    "  first_import INTEGER NOT NULL,\n"
    "  hash INTEGER NOT NULL,\n"
    "  first_row INTEGER NOT NULL,\n"
    "  last_row INTEGER NOT NULL,\n"
    "  PRIMARY KEY (plan, import_id)\n"
    ") WITHOUT ROWID;\n",
};
/* The migration after which the fingerprints' chain starts (ctg_fp_seed). */
#define FINGERPRINT_VERSION 7

#define SCHEMA_VERSION ((int)(sizeof migrations / sizeof migrations[0]))
_Static_assert(CTG_SQLITE_SCHEMA_VERSION == SCHEMA_VERSION, "sqlite.h's schema version is the migrations' count");

/* The dictionaries of a key, in key order after the record (whose ids are fixed). */
enum { DICT_PLAN, DICT_SUBJECT, DICT_PERIOD, DICT_TERRITORY, DICT_DIMS, NDICTS };
static const char *const dict_table[NDICTS] = {"obs_plan", "obs_subject", "obs_period",
                                               "obs_territory", "obs_dims"};
static const char *const dict_column[NDICTS] = {"plan_id", "name", "period", "code", "dims"};
/* the part of struct ctg_row's key each dictionary holds */
static const int dict_key[NDICTS] = {0, 2, 3, 4, 5};
static const char *const record_names[] = {"value", "progress", "meeting", "funding",
                                           "numerator", "denominator"};

/* text -> id of one dictionary, during an import: loaded whole on first use */
struct dict_map {
    struct dict_entry {
        char *text;
        size_t len;
        sqlite3_int64 id;
    } *items;
    uint32_t count, capacity;
    uint32_t *slots; /* index + 1, 0 = empty */
    uint32_t nslots;
    uint32_t last;   /* index + 1 of the entry found last, 0 = none */
    int loaded;
};

/* The latest revision of each key of the loaded plans, during an import: open addressing
 * over 8-byte slots, each the upper 32 bits of its key's hash (which also place it) and the
 * obs_revision id of the key's latest row (0: empty). A slot whose hash matches is confirmed
 * by reading that row by its rowid, so only a key already stored costs a probe, a new key
 * none; and a million keys take 16 MB (24 while the table doubles). */
struct key_map {
    uint64_t *slots;
    size_t slots_bytes;
    uint32_t nslots, count;
    sqlite3_int64 *plans;  /* plans whose keys are loaded */
    uint32_t nplans;
};

/* what a key's latest revision is */
struct latest {
    sqlite3_int64 row, import;
    uint32_t revision;
};

/* What a bulk import caches; freed by end_bulk before its transaction ends, so that a
 * rollback never leaves ids in memory that the database no longer has. */
struct bulk {
    struct dict_map dicts[NDICTS];
    struct key_map keys;
};

struct store {
    struct bulk *bulk;     /* while a bulk import runs, else NULL */
    int readonly;          /* opened read-only: the authorizer refuses every change */
    int guarded;           /* > 0 while db:query prepares: the same refusal on a writer */
    int joined_read;       /* the statement being prepared reads through a view that joins
                            * the dictionaries (observation, current_observation) */
    sqlite3 *db;
    sqlite3_stmt *latest;  /* the latest revision of a key, outside a bulk import */
    sqlite3_stmt *insert;  /* a revision */
    sqlite3_stmt *supersede;  /* clear the latest flag of a row */
    sqlite3_stmt *line_of; /* the line of a row */
    sqlite3_stmt *row_key; /* the key, revision and import of a row */
    sqlite3_stmt *dict_find[NDICTS], *dict_add[NDICTS];
    char *path;
    struct ctg_sqlite engine; /* what the kernel reads through (ctg_store_engine) */
};

/* ---- failures ------------------------------------------------------------------------- */

/* The store whose engine is e (the engine is embedded in it). */
static struct store *store_of(struct ctg_engine *e)
{
    return (struct store *)(void *)((char *)e - offsetof(struct store, engine));
}

/* Fail about what with the handle's current error (no handle: it could not be opened). */
static int fail_db(const struct store *s, const char *what, struct ctg_engine_error *err)
{
    return ctg_sqlite_error(s->db, what, err);
}

/* Fail about what after undoing the transaction: the error is read before the ROLLBACK,
 * which would replace it by "not an error". */
static int fail_rollback(struct store *s, const char *what, struct ctg_engine_error *err)
{
    ctg_sqlite_error(s->db, what, err);
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return err->status;
}

static int exec_or_fail(struct store *s, const char *sql, const char *what, struct ctg_engine_error *err)
{
    if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return fail_db(s, what, err);
    return CTG_ENGINE_OK;
}

/* The engine's view of s after its handle changed (a read-only open that falls back to an
 * immutable one, a migration's reopen). */
static void sync_engine(struct store *s)
{
    s->engine.base.ops = &ctg_sqlite_ops;
    s->engine.base.path = s->path;
    s->engine.db = s->db;
}

/* ---- what a bulk import caches ----------------------------------------------------------- */

static uint64_t hash_text(const char *s, size_t n)
{
    uint64_t h = 14695981039346656037ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static uint64_t hash_ids(const uint32_t id[6])
{
    uint64_t h = 0x9E3779B97F4A7C15ULL;
    for (int i = 0; i < 6; i++) {
        h ^= id[i];
        h *= 0xBF58476D1CE4E5B9ULL;
        h ^= h >> 31;
    }
    return h;
}

static void dict_free(struct dict_map *d)
{
    for (uint32_t i = 0; i < d->count; i++)
        free(d->items[i].text);
    free(d->items);
    free(d->slots);
    memset(d, 0, sizeof *d);
}

/* A slot array of nslots (a power of two) rebuilt from the items' hashes. */
static uint32_t *rehash_dict(const struct dict_map *d, uint32_t nslots)
{
    uint32_t *slots = calloc(nslots, sizeof *slots);
    if (!slots)
        return NULL;
    for (uint32_t k = 0; k < d->count; k++) {
        uint32_t i = (uint32_t)hash_text(d->items[k].text, d->items[k].len) & (nslots - 1);
        while (slots[i])
            i = (i + 1) & (nslots - 1);
        slots[i] = k + 1;
    }
    return slots;
}

/* The id of text in d, or 0 when absent. */
static sqlite3_int64 dict_lookup(struct dict_map *d, const char *text, size_t len)
{
    if (!d->nslots)
        return 0;
    /* rows come in runs (one plan, one territory, one indicator after another): the entry
     * the previous row found is compared before anything is hashed */
    if (d->last) {
        const struct dict_entry *e = &d->items[d->last - 1];
        if (e->len == len && memcmp(e->text, text, len) == 0)
            return e->id;
    }
    uint32_t i = (uint32_t)hash_text(text, len) & (d->nslots - 1);
    while (d->slots[i]) {
        const struct dict_entry *e = &d->items[d->slots[i] - 1];
        if (e->len == len && memcmp(e->text, text, len) == 0) {
            d->last = d->slots[i];
            return e->id;
        }
        i = (i + 1) & (d->nslots - 1);
    }
    return 0;
}

/* Add text -> id (absent); 0 on success, -1 when out of memory. */
static int dict_put(struct dict_map *d, const char *text, size_t len, sqlite3_int64 id)
{
    if ((d->count + 1) * 2 > d->nslots) {
        uint32_t nslots = d->nslots ? d->nslots * 2 : 256;
        uint32_t *slots = rehash_dict(d, nslots);
        if (!slots)
            return -1;
        free(d->slots);
        d->slots = slots;
        d->nslots = nslots;
    }
    if (d->count == d->capacity) {
        uint32_t cap = d->capacity ? d->capacity * 2 : 128;
        struct dict_entry *items = realloc(d->items, cap * sizeof *items);
        if (!items)
            return -1;
        d->items = items;
        d->capacity = cap;
    }
    char *copy = malloc(len + 1);
    if (!copy)
        return -1;
    memcpy(copy, text, len);
    copy[len] = '\0';
    uint32_t i = (uint32_t)hash_text(text, len) & (d->nslots - 1);
    while (d->slots[i])
        i = (i + 1) & (d->nslots - 1);
    d->items[d->count] = (struct dict_entry){copy, len, id};
    d->slots[i] = ++d->count;
    return 0;
}

static void keys_free(struct key_map *k)
{
    ctg_big_free(k->slots, k->slots_bytes);
    free(k->plans);
    memset(k, 0, sizeof *k);
}

static uint32_t key_tag(const uint32_t id[6])
{
    return (uint32_t)(hash_ids(id) >> 32);
}

/* Room for one more key (the table at most half full); 0, or -1 when out of memory. */
static int keys_reserve(struct key_map *k)
{
    if ((k->count + 1) * 2 <= k->nslots)
        return 0;
    uint32_t nslots = k->nslots ? k->nslots * 2 : 4096;
    /* in huge pages past a few megabytes: a million keys fault a dozen pages, not 4 000 */
    size_t bytes = 0;
    uint64_t *slots = ctg_big_grow(NULL, &bytes, (size_t)nslots * sizeof *slots);
    if (!slots)
        return -1;
    for (uint32_t n = 0; n < k->nslots; n++) {
        if (!k->slots[n])
            continue;
        uint32_t i = (uint32_t)(k->slots[n] >> 32) & (nslots - 1);
        while (slots[i])
            i = (i + 1) & (nslots - 1);
        slots[i] = k->slots[n];
    }
    ctg_big_free(k->slots, k->slots_bytes);
    k->slots = slots;
    k->slots_bytes = bytes;
    k->nslots = nslots;
    return 0;
}

static void bulk_free(struct bulk *b)
{
    if (!b)
        return;
    for (int i = 0; i < NDICTS; i++)
        dict_free(&b->dicts[i]);
    keys_free(&b->keys);
    free(b);
}

/* Free everything s holds, the handle closed (a transaction left open is rolled back). */
static void release(struct store *s)
{
    bulk_free(s->bulk);
    s->bulk = NULL;
    sqlite3_stmt **stmts[] = {&s->latest, &s->insert, &s->supersede, &s->line_of, &s->row_key};
    for (size_t i = 0; i < sizeof stmts / sizeof stmts[0]; i++) {
        sqlite3_finalize(*stmts[i]);
        *stmts[i] = NULL;
    }
    for (int i = 0; i < NDICTS; i++) {
        sqlite3_finalize(s->dict_find[i]);
        sqlite3_finalize(s->dict_add[i]);
        s->dict_find[i] = s->dict_add[i] = NULL;
    }
    if (s->db && !sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    if (s->db)
        sqlite3_close_v2(s->db);
    s->db = NULL;
    free(s->path);
    s->path = NULL;
    free(s->engine.moment);
    s->engine.moment = NULL;
    s->engine.base.known_at = NULL;
}

/* ---- schema ------------------------------------------------------------------------------ */

/* The engine's schema_version (store/engine.h): PRAGMA user_version. */
int ctg_sqlite_schema_version(struct ctg_engine *e, int *version, struct ctg_engine_error *err)
{
    sqlite3 *db = ((struct ctg_sqlite *)e)->db;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
        return ctg_sqlite_error(db, "store.schema-read", err);
    int rc = sqlite3_step(st);
    *version = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW)
        return ctg_sqlite_error(db, "store.schema-read", err);
    return CTG_ENGINE_OK;
}

static int user_version(struct store *s, int *version, struct ctg_engine_error *err)
{
    sync_engine(s);
    return ctg_sqlite_schema_version(&s->engine.base, version, err);
}

/* The schema version, refusing a database written by a newer ctg rather than guessing. */
static int known_version(struct store *s, int *version, struct ctg_engine_error *err)
{
    int rc = user_version(s, version, err);
    if (rc == CTG_ENGINE_OK && *version > SCHEMA_VERSION) {
        memset(err, 0, sizeof *err);
        err->status = CTG_ENGINE_NEWER;
        err->version = *version;
        err->known = SCHEMA_VERSION;
        return err->status;
    }
    return rc;
}

/* Whether text[0..n) is a date as plans write them: YYYY, YYYY-MM or YYYY-MM-DD. */
static int is_plan_date(const char *t, size_t n)
{
    static const char *const forms[] = {"dddd", "dddd-dd", "dddd-dd-dd"};
    for (int f = 0; f < 3; f++) {
        if (strlen(forms[f]) != n)
            continue;
        size_t i = 0;
        while (i < n && (forms[f][i] == 'd' ? t[i] >= '0' && t[i] <= '9' : t[i] == '-'))
            i++;
        if (i == n)
            return 1;
    }
    return 0;
}

/* SQL ctg_plan_date(content, key), for migration 1 -> 2: the date under key in the `plan:`
 * mapping of a stored version's content (the YAML ctg export writes: two-space keys under a
 * first line "plan:"), quotes removed; NULL when absent or not a date. */
static void sql_plan_date(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const char *text = (const char *)sqlite3_value_text(argv[0]);
    const char *key = (const char *)sqlite3_value_text(argv[1]);
    if (!text || !key) {
        sqlite3_result_null(ctx);
        return;
    }
    size_t klen = strlen(key);
    const char *line = text;
    int in_plan = 0;
    while (*line) {
        const char *end = strchr(line, '\n');
        size_t n = end ? (size_t)(end - line) : strlen(line);
        if (n > 0 && line[0] != ' ' && line[0] != '#')
            in_plan = n == 5 && memcmp(line, "plan:", 5) == 0;
        else if (in_plan && n > klen + 3 && line[0] == ' ' && line[1] == ' ' && line[2] != ' ' &&
                 memcmp(line + 2, key, klen) == 0 && line[2 + klen] == ':') {
            const char *v = line + 3 + klen;
            size_t vn = n - 3 - klen;
            while (vn && *v == ' ')
                v++, vn--;
            while (vn && (v[vn - 1] == ' ' || v[vn - 1] == '\r'))
                vn--;
            if (vn >= 2 && (v[0] == '"' || v[0] == '\'') && v[vn - 1] == v[0])
                v++, vn -= 2;
            if (is_plan_date(v, vn))
                sqlite3_result_text(ctx, v, (int)vn, SQLITE_TRANSIENT);
            else
                sqlite3_result_null(ctx);
            return;
        }
        if (!end)
            break;
        line = end + 1;
    }
    sqlite3_result_null(ctx);
}

/* The SQL functions the migrations call, on db: a migration runs on the database upgraded and
 * on the in-memory database of the schema expected (expected_schema), so both get them here. */
static int register_migration_functions(sqlite3 *db)
{
    return sqlite3_create_function(db, "ctg_plan_date", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                                   sql_plan_date, NULL, NULL);
}

/* Bring the schema up to date in one transaction: all migrations or none. */
static int migrate(struct store *s, struct ctg_engine_error *err)
{
    int version;
    if (known_version(s, &version, err) != CTG_ENGINE_OK)
        return err->status;
    if (version == SCHEMA_VERSION)
        return CTG_ENGINE_OK;
    if (register_migration_functions(s->db) != SQLITE_OK)
        return fail_db(s, "store.migrate-begin", err);
    if (exec_or_fail(s, "BEGIN IMMEDIATE", "store.migrate-begin", err) != CTG_ENGINE_OK)
        return err->status;
    /* another process may have migrated while we waited for the lock */
    if (user_version(s, &version, err) != CTG_ENGINE_OK) {
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        return err->status;
    }
    for (int v = version; v < SCHEMA_VERSION; v++) {
        char pragma[64];
        if (sqlite3_exec(s->db, migrations[v], NULL, NULL, NULL) != SQLITE_OK ||
            (v + 1 == FINGERPRINT_VERSION && ctg_fp_seed(s->db) != SQLITE_OK)) {
            fail_rollback(s, "store.migrate", err);
            err->var = "version";
            snprintf(err->var_value, sizeof err->var_value, "%d", v + 1);
            return err->status;
        }
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v + 1);
        if (sqlite3_exec(s->db, pragma, NULL, NULL, NULL) != SQLITE_OK)
            return fail_rollback(s, "store.migrate-record", err);
    }
    if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        return fail_rollback(s, "store.migrate-commit", err);
    return CTG_ENGINE_OK;
}

/* ---- the schema and rows as ctg wrote them (store/sqlite_check.c) ------------------------ */

/* An in-memory database with the schema ctg's migrations give at version: what a database
 * of that version must hold, object for object, text for text. Built at each open (about 20
 * statements on empty tables: well under a millisecond) rather than kept as a second copy
 * of the migrations' text. NULL with err filled on a failure. */
static sqlite3 *expected_schema(int version, struct ctg_engine_error *err)
{
    sqlite3 *mem = NULL;
    int ok = sqlite3_open_v2(":memory:", &mem, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
             register_migration_functions(mem) == SQLITE_OK;
    for (int v = 0; ok && v < version; v++)
        ok = sqlite3_exec(mem, migrations[v], NULL, NULL, NULL) == SQLITE_OK;
    if (!ok) {
        ctg_sqlite_error_code(SQLITE_ERROR, mem ? sqlite3_errmsg(mem) : "out of memory",
                              "store.schema-expected", err);
        sqlite3_close(mem);
        return NULL;
    }
    return mem;
}

/* A database of user_version 0 is empty (a new file) or not ctg's: its tables are another
 * program's, and ctg's migrations must not be written among them. */
static int check_foreign(struct store *s, struct ctg_engine_error *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT type, name FROM main.sqlite_master ORDER BY name LIMIT 1", -1, &st,
                           NULL) != SQLITE_OK)
        return fail_db(s, "store.schema-objects", err);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        memset(err, 0, sizeof *err);
        err->status = CTG_ENGINE_FOREIGN;
        /* the object's kind and name, kept in the error (the statement is finalized) */
        snprintf(err->detail, sizeof err->detail, "%s", (const char *)sqlite3_column_text(st, 0));
        snprintf(err->var_value, sizeof err->var_value, "%s", (const char *)sqlite3_column_text(st, 1));
        err->table = err->detail;
        err->column = err->var_value;
        sqlite3_finalize(st);
        return err->status;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return fail_db(s, "store.schema-objects", err);
    return CTG_ENGINE_OK;
}

/* Every schema object as the migrations up to version wrote it, nothing more, to each; then
 * the fixed rows of obs_record. *count: the findings. */
static int diff_schema(struct store *s, int version, ctg_schema_finding_fn each, void *ud, int *count,
                       struct ctg_engine_error *err)
{
    sqlite3 *expected = expected_schema(version, err);
    if (!expected)
        return err->status;
    int n = ctg_schema_diff(s->db, expected, version, each, ud);
    if (n >= 0 && version >= 3) {
        /* -1: obs_record dropped or changed, which the schema's findings say already */
        int m = ctg_records_diff(s->db, expected, each, ud);
        if (m > 0)
            n += m;
        else if (m < 0 && n == 0)
            n = -1;
    }
    sqlite3_close(expected);
    if (n < 0)
        return fail_db(s, "store.schema-objects", err);
    *count = n;
    return CTG_ENGINE_OK;
}

/* What open checks before writing anything: another program's tables at version 0, else
 * the schema object for object. A difference: CTG_ENGINE_ALTERED (each has said them). */
static int ignore_finding(void *ud, const struct ctg_schema_finding *f)
{
    (void)ud, (void)f;
    return 0;
}

static int check_schema(struct store *s, int version, ctg_schema_finding_fn each, void *ud,
                        struct ctg_engine_error *err)
{
    if (!each)
        each = ignore_finding;
    if (version == 0)
        return check_foreign(s, err);
    int n;
    if (diff_schema(s, version, each, ud, &n, err) != CTG_ENGINE_OK)
        return err->status;
    if (n > 0) {
        memset(err, 0, sizeof *err);
        err->status = CTG_ENGINE_ALTERED;
        err->what = "contain.db.altered";
        return err->status;
    }
    return CTG_ENGINE_OK;
}

/* The engine's check_schema (store/engine.h): what open would refuse, every difference. */
int ctg_sqlite_check_schema(struct ctg_engine *e, ctg_schema_finding_fn each, void *ud, int *version, int *count,
                               struct ctg_engine_error *err)
{
    struct store *s = store_of(e);
    *count = 0;
    if (user_version(s, version, err) != CTG_ENGINE_OK)
        return err->status;
    if (*version < 1 || *version > SCHEMA_VERSION)
        return CTG_ENGINE_OK;
    return diff_schema(s, *version, each, ud, count, err);
}

/* The engine's check_rows: every row's dictionary ids and numbers (a row an inner JOIN
 * would drop, a text sum() would count as 0). */
int ctg_sqlite_check_rows(struct ctg_engine *e, const char *plan_id, struct ctg_engine_error *err)
{
    sqlite3 *db = store_of(e)->db;
    sqlite3_int64 plan = 0;
    if (plan_id) {
        /* one plan: the rows the evaluation of that plan reads (its writes' ranges and the
         * rows past every range), not the file's — a base of tens of CTGs */
        sqlite3_stmt *st = NULL;
        if (sqlite3_prepare_v2(db, "SELECT id FROM main.obs_plan WHERE plan_id = ?1", -1, &st, NULL) != SQLITE_OK ||
            sqlite3_bind_text(st, 1, plan_id, -1, SQLITE_STATIC) != SQLITE_OK) {
            sqlite3_finalize(st);
            return ctg_sqlite_error(db, "store.read", err);
        }
        int rc = sqlite3_step(st);
        if (rc == SQLITE_ROW)
            plan = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return ctg_sqlite_error(db, "store.read", err);
        if (rc == SQLITE_DONE)
            return CTG_ENGINE_OK; /* a plan without rows: nothing to check */
    }
    int rc = ctg_rows_check(db, plan, err);
    return rc == 0 ? CTG_ENGINE_OK : err->status;
}

static int prepare(struct store *s, const char *sql, sqlite3_stmt **st, struct ctg_engine_error *err)
{
    if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) != SQLITE_OK)
        return fail_db(s, "store.prepare", err);
    return CTG_ENGINE_OK;
}

static int prepare_row_statements(struct store *s, struct ctg_engine_error *err)
{
    /* outside a bulk import: no index on the keys, a scan of the latest rows (db:put) */
    if (prepare(s,
                "SELECT id, revision, import_id FROM obs_revision WHERE latest = 1 AND plan = ?1 AND "
                "record = ?2 AND subject = ?3 AND period = ?4 AND territory = ?5 AND dims = ?6",
                &s->latest, err) ||
        prepare(s,
                "INSERT INTO obs_revision (plan, record, latest, subject, period, territory, dims, "
                "value, numerator, denominator, missing, text, revision, status, note, source, "
                "import_id, line, col) VALUES (?1, ?2, 1, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
                "?13, ?14, ?15, ?16, ?17, ?18)",
                &s->insert, err) ||
        prepare(s, "UPDATE obs_revision SET latest = 0 WHERE id = ?1", &s->supersede, err) ||
        prepare(s, "SELECT line FROM obs_revision WHERE id = ?1", &s->line_of, err) ||
        prepare(s,
                "SELECT plan, record, subject, period, territory, dims, revision, import_id "
                "FROM obs_revision WHERE id = ?1",
                &s->row_key, err))
        return err->status;
    for (int i = 0; i < NDICTS; i++) {
        char sql[128];
        snprintf(sql, sizeof sql, "SELECT id FROM %s WHERE %s = ?1", dict_table[i], dict_column[i]);
        if (prepare(s, sql, &s->dict_find[i], err))
            return err->status;
        snprintf(sql, sizeof sql, "INSERT INTO %s (%s) VALUES (?1)", dict_table[i], dict_column[i]);
        if (prepare(s, sql, &s->dict_add[i], err))
            return err->status;
    }
    return CTG_ENGINE_OK;
}

/* PRAGMAs a read-only handle may run: they only read (and only without an argument). */
static const char *const reading_pragmas[] = {
    "user_version", "schema_version", "data_version", "table_info", "table_xinfo",
    "index_list", "index_info", "index_xinfo", "foreign_key_list", "compile_options",
    "database_list", "collation_list", "function_list", "page_count", "page_size",
    "integrity_check", "quick_check", "foreign_key_check", "freelist_count", "encoding", NULL,
};

static int is_reading_pragma(const char *name, const char *arg)
{
    for (const char *const *p = reading_pragmas; *p; p++)
        if (sqlite3_stricmp(name, *p) == 0)
            /* table_info(T) names a table; user_version = 5 would write */
            return arg == NULL || strncmp(*p, "table", 5) == 0 || strncmp(*p, "index", 5) == 0 ||
                   strcmp(*p, "foreign_key_list") == 0 || strstr(*p, "_check") != NULL;
    return 0;
}

/* The authorizer of read-only access (a read-only handle, and db:query on any handle):
 * SELECT and reading only. Writes, schema changes, ATTACH/DETACH, transactions and
 * savepoints (which would make a later write of ctg's own report success and store
 * nothing), and PRAGMAs other than the reading ones (PRAGMA optimize writes) are refused
 * when the statement is prepared. */
static int readonly_authorizer(void *ud, int action, const char *a3, const char *a4,
                               const char *db, const char *trigger)
{
    struct store *s = ud;
    /* the innermost view of an access: an inner JOIN of these views would drop a row whose
     * dictionary id does not resolve, so their readers check every row once (storecheck.c) */
    if (trigger && (strcmp(trigger, "observation") == 0 || strcmp(trigger, "current_observation") == 0))
        s->joined_read = 1;
    if (!s->readonly && s->guarded <= 0)
        return SQLITE_OK;
    /* ctg's own statements on a read-only handle may keep temporary views and tables (the
     * --known-at view of the observations) and read in a transaction */
    if (s->guarded <= 0 && ((db && strcmp(db, "temp") == 0) || action == SQLITE_TRANSACTION ||
                            action == SQLITE_CREATE_TEMP_VIEW || action == SQLITE_DROP_TEMP_VIEW ||
                            action == SQLITE_CREATE_TEMP_TABLE || action == SQLITE_DROP_TEMP_TABLE))
        return SQLITE_OK;
    switch (action) {
    case SQLITE_SELECT:
    case SQLITE_READ:
    case SQLITE_FUNCTION:
    case SQLITE_RECURSIVE:
        return SQLITE_OK;
    case SQLITE_PRAGMA:
        return is_reading_pragma(a3, a4) ? SQLITE_OK : SQLITE_DENY;
    default:
        return SQLITE_DENY;
    }
}

/* A URI for path ("file:" + percent-escapes) with immutable=1: a read-only open that needs
 * neither -shm nor -wal, for a database in a directory the user cannot write. */
static char *immutable_uri(const char *path)
{
    size_t n = strlen(path);
    char *uri = malloc(3 * n + 32);
    if (!uri)
        return NULL;
    char *o = uri;
    o += sprintf(o, "file:");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (*p == '%' || *p == '?' || *p == '#' || *p <= ' ' || *p >= 0x7f)
            o += sprintf(o, "%%%02X", *p);
        else
            *o++ = (char)*p;
    }
    strcpy(o, "?immutable=1");
    return uri;
}

/* Open read-only; in a directory without write access, where SQLite cannot create the WAL
 * index, fall back to an immutable open (nobody can be writing there either). */
static int open_readonly(struct store *s, const char *path)
{
    int rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READONLY, NULL);
    if (rc == SQLITE_OK) {
        /* the first read shows whether the WAL index could be opened */
        rc = sqlite3_exec(s->db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
        if (rc == SQLITE_OK)
            return SQLITE_OK;
    }
    int code = rc & 0xff;
    if (code != SQLITE_CANTOPEN && code != SQLITE_READONLY && code != SQLITE_BUSY)
        return rc;
    char *uri = immutable_uri(path);
    if (!uri)
        return SQLITE_NOMEM;
    sqlite3_close_v2(s->db);
    s->db = NULL;
    rc = sqlite3_open_v2(uri, &s->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
    free(uri);
    return rc;
}

/* What every handle gets: the busy timeout, extended error codes, a first read (a file that
 * is not SQLite fails there, with a clear message), foreign keys, then the authorizer that
 * keeps a read-only handle (and db:query on any handle) from changing anything. */
static int configure_handle(struct store *s, int busy, int readonly, struct ctg_engine_error *err)
{
    int version;
    sqlite3_busy_timeout(s->db, busy);
    sqlite3_extended_result_codes(s->db, 1);
    if (user_version(s, &version, err) != CTG_ENGINE_OK ||
        exec_or_fail(s, "PRAGMA foreign_keys = ON", "store.open", err) != CTG_ENGINE_OK)
        return err->status;
    /* reads through a memory map: a plan version's megabyte texts and the evaluation's scan
     * are read without a system call and a copy a page */
    if (ctg_sqlite_map_reads(s->db, 1) != SQLITE_OK)
        return fail_db(s, "store.open", err);
    s->readonly = readonly;
    sqlite3_set_authorizer(s->db, readonly_authorizer, s);
    return CTG_ENGINE_OK;
}

/* Whether a file is at path (reading never creates a database: a mistyped --db is an
 * error, not an empty file). */
static int file_exists(const char *path)
{
    FILE *probe = fopen(path, "rb");
    if (probe)
        fclose(probe);
    return probe != NULL;
}

/* A database written by an older ctg, opened read-only: upgraded in place once (a write
 * handle, the migrations), then read as asked. */
static int upgrade_then_read(struct store *s, int busy, struct ctg_engine_error *err)
{
    sqlite3_close_v2(s->db);
    s->db = NULL;
    if (sqlite3_open_v2(s->path, &s->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
        return fail_db(s, "store.reopen", err);
    if (configure_handle(s, busy, 0, err) || exec_or_fail(s, "PRAGMA journal_mode = WAL", "store.wal", err) ||
        migrate(s, err))
        return err->status;
    sqlite3_close_v2(s->db);
    s->db = NULL;
    if (open_readonly(s, s->path) != SQLITE_OK)
        return fail_db(s, "store.open", err);
    return configure_handle(s, busy, 1, err);
}

/* The steps of open once the handle is there: the checks, WAL and the migrations (a
 * writer), the row statements. */
static int open_steps(struct store *s, const struct ctg_open_options *o, struct ctg_engine_error *err)
{
    int busy = o->busy_timeout_ms >= 0 ? o->busy_timeout_ms : DEFAULT_BUSY_TIMEOUT_MS;
    if (configure_handle(s, busy, o->readonly, err))
        return err->status;
    if (o->raw)
        return CTG_ENGINE_OK;
    /* what the file holds is checked before anything is written into it (WAL, migrations) */
    int version;
    if (known_version(s, &version, err) || check_schema(s, version, o->finding, o->finding_ud, err))
        return err->status;
    if (!o->readonly) {
        if (exec_or_fail(s, "PRAGMA journal_mode = WAL", "store.wal", err) ||
            exec_or_fail(s, "PRAGMA synchronous = NORMAL", "store.wal", err) || migrate(s, err) ||
            prepare_row_statements(s, err))
            return err->status;
    } else if (version != SCHEMA_VERSION && upgrade_then_read(s, busy, err)) {
        return err->status;
    }
    return CTG_ENGINE_OK;
}

/* The engine's open (store/engine.h): a file path. */
int ctg_sqlite_open(const char *path, const struct ctg_open_options *o, struct ctg_engine **out,
                       struct ctg_engine_error *err)
{
    *out = NULL;
    if ((o->readonly || !o->create) && strcmp(path, ":memory:") != 0 && !file_exists(path)) {
        memset(err, 0, sizeof *err);
        err->status = CTG_ENGINE_NOT_FOUND;
        return err->status;
    }
    struct store *s = calloc(1, sizeof *s);
    if (!s || !(s->path = strdup(path))) {
        free(s);
        memset(err, 0, sizeof *err);
        err->status = CTG_ENGINE_NOMEM;
        return err->status;
    }
    int rc;
    if (o->readonly)
        rc = open_readonly(s, path);
    else
        rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    rc = rc != SQLITE_OK ? fail_db(s, "store.open", err) : open_steps(s, o, err);
    if (rc != CTG_ENGINE_OK) {
        release(s);
        free(s);
        return err->status;
    }
    sync_engine(s);
    *out = &s->engine.base;
    return CTG_ENGINE_OK;
}

/* The engine's close: a transaction left open is rolled back. */
void ctg_sqlite_close(struct ctg_engine *e)
{
    if (!e)
        return;
    struct store *s = store_of(e);
    release(s);
    free(s);
}

/* ---- read-only query with a cursor (the engine's side of db:query, db:rows) ---------- */


/* The handle of e: what every operation but prepare (the store's authorizer flags) needs, so
 * that they work on a bare struct ctg_sqlite too. */
static sqlite3 *handle_of(struct ctg_engine *e) { return ((struct ctg_sqlite *)e)->db; }

/* A statement is the SQLite engine's cursor. */
static sqlite3_stmt *stmt_of(struct ctg_cursor *c) { return (sqlite3_stmt *)(void *)c; }

int ctg_sqlite_prepare(struct ctg_engine *e, const char *sql, int require_readonly,
                       struct ctg_prepared *out, struct ctg_engine_error *err)
{
    struct store *s = store_of(e);
    sqlite3_stmt *st = NULL;
    const char *tail;
    memset(out, 0, sizeof *out);
    /* read-only statements: the authorizer refuses the rest while they are prepared */
    s->guarded += require_readonly != 0;
    s->joined_read = 0;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, &tail);
    s->guarded -= require_readonly != 0;
    if (rc != SQLITE_OK)
        return ctg_sqlite_error(s->db, "store.query-invalid", err);
    while (*tail == ' ' || *tail == '\n' || *tail == '\t' || *tail == ';' || *tail == '\r')
        tail++;
    out->cursor = (struct ctg_cursor *)(void *)st;
    out->tail = tail;
    out->readonly = st ? sqlite3_stmt_readonly(st) : 1;
    out->nparams = st ? sqlite3_bind_parameter_count(st) : 0;
    out->joined_read = s->joined_read;
    return CTG_ENGINE_OK;
}

int ctg_sqlite_bind(struct ctg_engine *e, struct ctg_cursor *c, int param, const struct ctg_value *v,
                    struct ctg_engine_error *err)
{
    sqlite3_stmt *st = stmt_of(c);
    int rc;
    switch (v->type) {
    case CTG_VALUE_NULL: rc = sqlite3_bind_null(st, param); break;
    case CTG_VALUE_INTEGER: rc = sqlite3_bind_int64(st, param, (sqlite3_int64)v->integer); break;
    case CTG_VALUE_REAL: rc = sqlite3_bind_double(st, param, v->real); break;
    default: rc = sqlite3_bind_text(st, param, v->text, (int)v->len, SQLITE_TRANSIENT); break;
    }
    if (rc != SQLITE_OK)
        return ctg_sqlite_error(handle_of(e), "store.bind", err);
    return CTG_ENGINE_OK;
}

int ctg_sqlite_step(struct ctg_engine *e, struct ctg_cursor *c, int *row, struct ctg_engine_error *err)
{
    int rc = sqlite3_step(stmt_of(c));
    *row = rc == SQLITE_ROW;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return ctg_sqlite_error(handle_of(e), "store.query-failed", err);
    return CTG_ENGINE_OK;
}

int ctg_sqlite_ncolumns(struct ctg_cursor *c) { return sqlite3_column_count(stmt_of(c)); }

const char *ctg_sqlite_column_name(struct ctg_cursor *c, int i) { return sqlite3_column_name(stmt_of(c), i); }

void ctg_sqlite_column(struct ctg_cursor *c, int i, struct ctg_value *out)
{
    sqlite3_stmt *st = stmt_of(c);
    memset(out, 0, sizeof *out);
    switch (sqlite3_column_type(st, i)) {
    case SQLITE_INTEGER:
        out->type = CTG_VALUE_INTEGER, out->integer = sqlite3_column_int64(st, i);
        break;
    case SQLITE_FLOAT:
        out->type = CTG_VALUE_REAL, out->real = sqlite3_column_double(st, i);
        break;
    case SQLITE_NULL:
        out->type = CTG_VALUE_NULL;
        break;
    default:
        out->type = CTG_VALUE_TEXT;
        out->text = (const char *)sqlite3_column_text(st, i);
        out->len = (size_t)sqlite3_column_bytes(st, i);
        break;
    }
}

void ctg_sqlite_finalize(struct ctg_cursor *c) { sqlite3_finalize(stmt_of(c)); }

int64_t ctg_sqlite_changes(struct ctg_engine *e) { return sqlite3_changes(handle_of(e)); }

static int exec_as(struct ctg_engine *e, const char *sql, const char *what, struct ctg_engine_error *err);

int ctg_sqlite_exec(struct ctg_engine *e, const char *sql, struct ctg_engine_error *err)
{
    return exec_as(e, sql, "store.exec", err);
}

size_t ctg_sqlite_limit_length(struct ctg_engine *e, size_t max)
{
    sqlite3 *db = handle_of(e);
    int previous = sqlite3_limit(db, SQLITE_LIMIT_LENGTH, max > 0 ? (max > INT32_MAX ? INT32_MAX : (int)max) : -1);
    return (size_t)previous;
}

/* exec's statement, its failure about what */
static int exec_as(struct ctg_engine *e, const char *sql, const char *what, struct ctg_engine_error *err)
{
    sqlite3 *db = handle_of(e);
    if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return ctg_sqlite_error(db, what, err);
    return CTG_ENGINE_OK;
}

/* Fail about what after undoing the transaction: the error is read before the ROLLBACK,
 * which would replace it by "not an error". */
static int rollback_error(struct ctg_sqlite *q, const char *what, struct ctg_engine_error *err)
{
    ctg_sqlite_error(q->db, what, err);
    sqlite3_exec(q->db, "ROLLBACK", NULL, NULL, NULL);
    q->fp.active = 0;
    return err->status;
}

int ctg_sqlite_begin(struct ctg_engine *e, int write, struct ctg_engine_error *err)
{
    struct ctg_sqlite *q = (struct ctg_sqlite *)e;
    if (write && sqlite3_db_readonly(q->db, "main") == 1) {
        memset(err, 0, sizeof *err);
        err->status = CTG_ENGINE_REFUSED;
        err->what = "store.readonly";
        return err->status;
    }
    int rc = exec_as(e, write ? "BEGIN IMMEDIATE" : "BEGIN", "store.begin", err);
    /* a write keeps the data fingerprint: what it changes is tracked (store/sqlite_fingerprint.h) */
    if (rc == CTG_ENGINE_OK && write && ctg_fp_begin(q->db, &q->fp) != SQLITE_OK)
        return rollback_error(q, "store.fingerprint", err);
    return rc;
}

int ctg_sqlite_commit(struct ctg_engine *e, struct ctg_engine_error *err)
{
    struct ctg_sqlite *q = (struct ctg_sqlite *)e;
    /* the fingerprint's links of the plans the write changed, then COMMIT; on a failure
     * nothing is kept (the transaction is rolled back, the error returned) */
    if (q->fp.active && !sqlite3_get_autocommit(q->db) && ctg_fp_seal(q->db, &q->fp) != SQLITE_OK)
        return rollback_error(q, "store.fingerprint", err);
    q->fp.active = 0;
    return exec_as(e, "COMMIT", "store.commit", err);
}

int ctg_sqlite_rollback(struct ctg_engine *e, struct ctg_engine_error *err)
{
    ((struct ctg_sqlite *)e)->fp.active = 0;
    return exec_as(e, "ROLLBACK", "store.rollback", err);
}

int ctg_sqlite_in_transaction(struct ctg_engine *e) { return !sqlite3_get_autocommit(handle_of(e)); }

int64_t ctg_sqlite_last_insert_id(struct ctg_engine *e) { return sqlite3_last_insert_rowid(handle_of(e)); }


/* ---- storing an observation -------------------------------------------------------------- */

/* Bind text without copying (the caller keeps it alive), or NULL. */
static int bind_text(sqlite3_stmt *st, int param, const char *text, size_t len)
{
    if (!text)
        return sqlite3_bind_null(st, param);
    return sqlite3_bind_text(st, param, text, (int)len, SQLITE_STATIC);
}

static int bind_optional_text(sqlite3_stmt *st, int param, const char *text)
{
    return bind_text(st, param, text, text ? strlen(text) : 0);
}

/* A refusal about the database itself, "path : sentence" once raised (no engine's words):
 * key is the catalogue's (store.*). */
static int refuse(const char *key, struct ctg_engine_error *err)
{
    memset(err, 0, sizeof *err);
    err->status = CTG_ENGINE_REFUSED;
    err->what = key;
    return err->status;
}

/* Load dictionary i whole into the bulk cache (once per import). */
static int load_dict(struct store *s, int i, struct ctg_engine_error *err)
{
    struct dict_map *d = &s->bulk->dicts[i];
    char sql[96];
    snprintf(sql, sizeof sql, "SELECT id, %s FROM %s", dict_column[i], dict_table[i]);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return ctg_sqlite_error(s->db, "store.keys", err);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *text = (const char *)sqlite3_column_text(st, 1);
        size_t len = (size_t)sqlite3_column_bytes(st, 1);
        if (dict_put(d, text ? text : "", len, sqlite3_column_int64(st, 0)) != 0) {
            sqlite3_finalize(st);
            return refuse("store.nomem", err);
        }
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return ctg_sqlite_error(s->db, "store.keys", err);
    d->loaded = 1;
    return CTG_ENGINE_OK;
}

/* The id of text in dictionary i into *out, added to it when new. */
static int dict_id(struct store *s, int i, const char *text, size_t len, uint32_t *out,
                   struct ctg_engine_error *err)
{
    sqlite3_int64 id = 0;
    if (s->bulk) {
        if (!s->bulk->dicts[i].loaded && load_dict(s, i, err) != CTG_ENGINE_OK)
            return err->status;
        id = dict_lookup(&s->bulk->dicts[i], text, len);
    } else {
        sqlite3_stmt *find = s->dict_find[i];
        sqlite3_reset(find);
        if (bind_text(find, 1, text, len) != SQLITE_OK)
            return ctg_sqlite_error(s->db, "store.bind", err);
        int rc = sqlite3_step(find);
        if (rc == SQLITE_ROW)
            id = sqlite3_column_int64(find, 0);
        sqlite3_reset(find);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return ctg_sqlite_error(s->db, "store.lookup", err);
    }
    if (id == 0) {
        sqlite3_stmt *add = s->dict_add[i];
        sqlite3_reset(add);
        if (bind_text(add, 1, text, len) != SQLITE_OK)
            return ctg_sqlite_error(s->db, "store.bind", err);
        int rc = sqlite3_step(add);
        sqlite3_reset(add);
        if (rc != SQLITE_DONE)
            return ctg_sqlite_error(s->db, "store.put", err);
        id = sqlite3_last_insert_rowid(s->db);
        if (s->bulk && dict_put(&s->bulk->dicts[i], text, len, id) != 0)
            return refuse("store.nomem", err);
    }
    if (id <= 0 || id > (sqlite3_int64)UINT32_MAX)
        return refuse("store.too-many", err);
    *out = (uint32_t)id;
    return CTG_ENGINE_OK;
}

/* The id of a record kind into *out: fixed (obs_record), checked here rather than by a
 * CHECK; an unknown one is named (err->var). */
static int record_id(const char *name, size_t len, uint32_t *out, struct ctg_engine_error *err)
{
    for (size_t i = 0; i < sizeof record_names / sizeof record_names[0]; i++)
        if (strlen(record_names[i]) == len && memcmp(record_names[i], name, len) == 0) {
            *out = (uint32_t)i + 1;
            return CTG_ENGINE_OK;
        }
    refuse("store.unknown-record", err);
    err->var = "record";
    snprintf(err->var_value, sizeof err->var_value, "%.*s", (int)(len < 200 ? len : 200), name);
    return err->status;
}

/* Point slot pos of the key map at row for a key of hash tag (a new key when empty). */
static int keys_set(struct store *s, uint32_t pos, uint32_t tag, sqlite3_int64 row,
                    struct ctg_engine_error *err)
{
    struct key_map *k = &s->bulk->keys;
    if (row <= 0 || row > (sqlite3_int64)UINT32_MAX)
        return refuse("store.too-many", err);
    if (!k->slots[pos])
        k->count++;
    k->slots[pos] = ((uint64_t)tag << 32) | (uint64_t)row;
    return CTG_ENGINE_OK;
}

/* Load the latest revision of every key of plan into the bulk cache (once per import); the
 * keys of obs_current are unique, so each goes to the first free slot of its chain. */
static int load_plan_keys(struct store *s, uint32_t plan, struct ctg_engine_error *err)
{
    struct key_map *k = &s->bulk->keys;
    for (uint32_t i = 0; i < k->nplans; i++)
        if (k->plans[i] == plan)
            return CTG_ENGINE_OK;
    sqlite3_int64 *plans = realloc(k->plans, (k->nplans + 1) * sizeof *plans);
    if (!plans)
        return refuse("store.nomem", err);
    k->plans = plans;
    k->plans[k->nplans++] = plan;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db,
                           /* withdrawals too: a key withdrawn comes back as its next revision */
                           "SELECT record, subject, period, territory, dims, id FROM obs_revision "
                           "WHERE latest = 1 AND plan = ?1",
                           -1, &st, NULL) != SQLITE_OK ||
        sqlite3_bind_int64(st, 1, plan) != SQLITE_OK) {
        ctg_sqlite_error(s->db, "store.keys", err);
        sqlite3_finalize(st);
        return err->status;
    }
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        uint32_t id[6] = {plan};
        for (int c = 0; c < 5; c++)
            id[c + 1] = (uint32_t)sqlite3_column_int64(st, c);
        if (keys_reserve(k) != 0) {
            sqlite3_finalize(st);
            return refuse("store.nomem", err);
        }
        uint32_t tag = key_tag(id), pos = tag & (k->nslots - 1);
        while (k->slots[pos])
            pos = (pos + 1) & (k->nslots - 1);
        sqlite3_int64 row = sqlite3_column_int64(st, 5);
        if (keys_set(s, pos, tag, row, err) != CTG_ENGINE_OK) {
            sqlite3_finalize(st);
            return err->status;
        }
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return ctg_sqlite_error(s->db, "store.keys", err);
    return CTG_ENGINE_OK;
}

/* Whether stored row holds key id[] (*same); its revision and import into *latest when it
 * does. */
static int row_has_key(struct store *s, sqlite3_int64 row, const uint32_t id[6], struct latest *latest,
                       int *same, struct ctg_engine_error *err)
{
    sqlite3_stmt *st = s->row_key;
    sqlite3_reset(st);
    if (sqlite3_bind_int64(st, 1, row) != SQLITE_OK)
        return ctg_sqlite_error(s->db, "store.bind", err);
    int rc = sqlite3_step(st);
    *same = rc == SQLITE_ROW;
    for (int c = 0; c < 6 && *same; c++)
        *same = sqlite3_column_int64(st, c) == (sqlite3_int64)id[c];
    if (*same) {
        latest->row = row;
        latest->revision = (uint32_t)sqlite3_column_int64(st, 6);
        latest->import = sqlite3_column_int64(st, 7);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW)
        return ctg_sqlite_error(s->db, "store.lookup", err); /* the cache names a row the log lacks */
    return CTG_ENGINE_OK;
}

/* The latest revision of key id[] (of hash tag) into *latest, from the bulk cache; *known 0
 * when the key is new. *pos is its slot, or the free slot where it goes. */
static int cached_latest(struct store *s, const uint32_t id[6], uint32_t tag, uint32_t *pos,
                         struct latest *latest, int *known, struct ctg_engine_error *err)
{
    struct key_map *k = &s->bulk->keys;
    if (load_plan_keys(s, id[0], err) != CTG_ENGINE_OK)
        return err->status;
    if (keys_reserve(k) != 0)
        return refuse("store.nomem", err);
    uint32_t i = tag & (k->nslots - 1);
    *known = 0;
    for (; k->slots[i]; i = (i + 1) & (k->nslots - 1))
        if ((uint32_t)(k->slots[i] >> 32) == tag) {
            if (row_has_key(s, (sqlite3_int64)(k->slots[i] & 0xFFFFFFFFu), id, latest, known, err) != CTG_ENGINE_OK)
                return err->status;
            if (*known)
                break;
        }
    *pos = i;
    return CTG_ENGINE_OK;
}

/* The latest revision of key id[] into *latest, outside a bulk import (a scan of the latest
 * rows: there is no index on the keys); *known 0 when the key is new. */
static int stored_latest(struct store *s, const uint32_t id[6], struct latest *latest, int *known,
                         struct ctg_engine_error *err)
{
    sqlite3_stmt *st = s->latest;
    sqlite3_reset(st);
    for (int i = 0; i < 6; i++)
        if (sqlite3_bind_int64(st, i + 1, id[i]) != SQLITE_OK)
            return ctg_sqlite_error(s->db, "store.bind", err);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        latest->row = sqlite3_column_int64(st, 0);
        latest->revision = (uint32_t)sqlite3_column_int64(st, 1);
        latest->import = sqlite3_column_int64(st, 2);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return ctg_sqlite_error(s->db, "store.lookup", err);
    *known = rc == SQLITE_ROW;
    return CTG_ENGINE_OK;
}

/* The line of stored row id (the first of a key given twice in one import) into *line. */
static int line_of(struct store *s, sqlite3_int64 row, int64_t *line, struct ctg_engine_error *err)
{
    sqlite3_stmt *st = s->line_of;
    sqlite3_reset(st);
    if (sqlite3_bind_int64(st, 1, row) != SQLITE_OK)
        return ctg_sqlite_error(s->db, "store.bind", err);
    int rc = sqlite3_step(st);
    *line = rc == SQLITE_ROW ? (int64_t)sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW)
        return ctg_sqlite_error(s->db, "store.lookup", err);
    return CTG_ENGINE_OK;
}

/* Bind row's columns of the insert of a revision of key id[], all but its revision number
 * (which the key's latest revision decides). */
static int bind_revision(struct store *s, const uint32_t id[6], const struct ctg_row *row,
                         struct ctg_engine_error *err)
{
    sqlite3_stmt *st = s->insert;
    sqlite3_reset(st);
    int rc = SQLITE_OK;
    for (int i = 0; i < 6 && rc == SQLITE_OK; i++)
        rc = sqlite3_bind_int64(st, i + 1, id[i]);
    for (int i = 0; i < 3 && rc == SQLITE_OK; i++)
        rc = row->has_number[i] ? sqlite3_bind_double(st, 7 + i, row->number[i])
                                : sqlite3_bind_null(st, 7 + i);
    if (rc == SQLITE_OK)
        rc = bind_optional_text(st, 10, row->missing);
    if (rc == SQLITE_OK)
        rc = bind_optional_text(st, 11, row->text);
    if (rc == SQLITE_OK)
        rc = bind_optional_text(st, 13, row->status);
    if (rc == SQLITE_OK)
        rc = bind_optional_text(st, 14, row->note);
    if (rc == SQLITE_OK)
        rc = bind_optional_text(st, 15, row->source);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(st, 16, row->import_id);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(st, 17, row->line);
    if (rc == SQLITE_OK)
        rc = row->column > 0 ? sqlite3_bind_int64(st, 18, row->column) : sqlite3_bind_null(st, 18);
    if (rc != SQLITE_OK)
        return ctg_sqlite_error(s->db, "store.bind", err);
    return CTG_ENGINE_OK;
}

/* Insert the bound row (bind_revision) as revision number revision (latest = 1); its id
 * into *stored. */
static int insert_revision(struct store *s, uint32_t revision, sqlite3_int64 *stored,
                           struct ctg_engine_error *err)
{
    sqlite3_stmt *st = s->insert;
    if (sqlite3_bind_int64(st, 12, revision) != SQLITE_OK)
        return ctg_sqlite_error(s->db, "store.bind", err);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return ctg_sqlite_error(s->db, "store.put", err);
    *stored = sqlite3_last_insert_rowid(s->db);
    return CTG_ENGINE_OK;
}

/* Clear the latest flag of row (superseded by the revision stored next). */
static int supersede(struct store *s, sqlite3_int64 row, struct ctg_engine_error *err)
{
    sqlite3_stmt *st = s->supersede;
    sqlite3_reset(st);
    if (sqlite3_bind_int64(st, 1, row) != SQLITE_OK)
        return ctg_sqlite_error(s->db, "store.bind", err);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return ctg_sqlite_error(s->db, "store.put", err);
    return CTG_ENGINE_OK;
}

/* The engine's put (store/engine.h). */
int ctg_sqlite_put(struct ctg_engine *e, const struct ctg_row *row, int64_t *revision_out,
                   int64_t *first_line, struct ctg_engine_error *err)
{
    struct store *s = store_of(e);
    if (s->readonly)
        return refuse("store.readonly", err);
    uint32_t id[6];
    /* the record kind first: a row refused adds nothing to the dictionaries */
    if (record_id(row->key[1], row->key_len[1], &id[1], err) != CTG_ENGINE_OK)
        return err->status;
    for (int i = 0; i < NDICTS; i++)
        if (dict_id(s, i, row->key[dict_key[i]], row->key_len[dict_key[i]], &id[dict_key[i]], err) != CTG_ENGINE_OK)
            return err->status;
    struct latest latest;
    uint32_t revision = 1, tag = key_tag(id), pos = 0;
    /* the key's slot is at a random place of megabytes: fetched while the row is bound */
    if (s->bulk && s->bulk->keys.nslots)
        __builtin_prefetch(&s->bulk->keys.slots[tag & (s->bulk->keys.nslots - 1)]);
    if (bind_revision(s, id, row, err) != CTG_ENGINE_OK)
        return err->status;
    int known = 0;
    if ((s->bulk ? cached_latest(s, id, tag, &pos, &latest, &known, err) : stored_latest(s, id, &latest, &known, err)) !=
        CTG_ENGINE_OK)
        return err->status;
    if (known) {
        if (latest.import == row->import_id) {
            sqlite3_reset(s->insert);
            *revision_out = 0;
            return line_of(s, latest.row, first_line, err);
        }
        revision = latest.revision + 1;
        if (supersede(s, latest.row, err) != CTG_ENGINE_OK)
            return err->status;
    }
    sqlite3_int64 stored = 0;
    if (insert_revision(s, revision, &stored, err) != CTG_ENGINE_OK)
        return err->status;
    if (s->bulk && keys_set(s, pos, tag, stored, err) != CTG_ENGINE_OK)
        return err->status;
    *revision_out = revision;
    return CTG_ENGINE_OK;
}

/* The engine's begin_bulk: the import that follows caches the dictionaries and the keys of
 * the plans it writes (inside its transaction, so no other writer can add keys meanwhile). */
int ctg_sqlite_begin_bulk(struct ctg_engine *e, struct ctg_engine_error *err)
{
    struct store *s = store_of(e);
    if (sqlite3_get_autocommit(s->db))
        return refuse("store.bulk-outside", err);
    bulk_free(s->bulk);
    s->bulk = calloc(1, sizeof *s->bulk);
    if (!s->bulk)
        return refuse("store.nomem", err);
    return CTG_ENGINE_OK;
}

/* The engine's end_bulk: drop the caches (before the transaction commits or rolls back). */
void ctg_sqlite_end_bulk(struct ctg_engine *e)
{
    struct store *s = store_of(e);
    bulk_free(s->bulk);
    s->bulk = NULL;
}

/* The engine's known_at (store/engine.h): temporary views obs_current, observation and
 * current_observation shadow the stored ones with the revisions of the imports up to moment
 * (and up to import last), the latest of them being the current one (none when it is a
 * withdrawal). moment is checked by the caller to be a YYYY-MM-DDTHH:MM:SSZ of digits and
 * separators: it is written into the views. */
int ctg_sqlite_known_at(struct ctg_engine *e, const char *moment, int64_t last, struct ctg_engine_error *err)
{
    struct ctg_sqlite *q = (struct ctg_sqlite *)e;
#define KNOWN "(SELECT id FROM main.import WHERE imported_at <= '%s' AND id <= %lld)"
    /* the revisions known are found once, into a temporary table of their ids (in a file of
     * its own, not in memory): the evaluation may read obs_current several times (windows
     * of indicators), and a join on rowids costs little beside a GROUP BY each time */
    static const char *const sql =
        "DROP VIEW IF EXISTS temp.current_observation; DROP VIEW IF EXISTS temp.observation;\n"
        "DROP VIEW IF EXISTS temp.obs_current; DROP TABLE IF EXISTS temp.known_revision;\n"
        "CREATE TEMP TABLE known_revision (id INTEGER PRIMARY KEY);\n"
        "INSERT INTO temp.known_revision SELECT known FROM\n"
        "  (SELECT id AS known, max(revision) FROM main.obs_revision WHERE import_id IN " KNOWN "\n"
        "   GROUP BY plan, record, subject, period, territory, dims) ORDER BY known;\n"
        "CREATE TEMP VIEW obs_current AS SELECT r.* FROM temp.known_revision k\n"
        "  JOIN main.obs_revision r ON r.id = k.id WHERE r.withdrawn = 0;\n"
        "CREATE TEMP VIEW observation AS SELECT " OBS_COLUMNS_6 " FROM main.obs_revision" OBS_JOINS
        " WHERE r.import_id IN " KNOWN ";\n"
        "CREATE TEMP VIEW current_observation AS SELECT " OBS_COLUMNS_6 " FROM temp.obs_current" OBS_JOINS ";\n";
#undef KNOWN
    size_t size = strlen(sql) + 2 * (strlen(moment) + 24);
    char *text = malloc(size), *copy = strdup(moment);
    if (!text || !copy) {
        free(text), free(copy);
        memset(err, 0, sizeof *err);
        err->status = CTG_ENGINE_NOMEM;
        err->what = "store.nomem";
        return err->status;
    }
    snprintf(text, size, sql, moment, (long long)last, moment, (long long)last);
    int rc = sqlite3_exec(q->db, text, NULL, NULL, NULL);
    free(text);
    if (rc != SQLITE_OK) {
        free(copy);
        ctg_sqlite_error(q->db, "store.known-at", err);
        /* the temporary views may be gone (dropped first): no moment is claimed any more */
        free(q->moment);
        q->moment = NULL;
        e->known_at = NULL;
        return err->status;
    }
    /* the last import known: where the fingerprint's chain is read (ctg_sqlite_fingerprint) */
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(q->db, "SELECT coalesce(max(id), 0) FROM main.import WHERE imported_at <= ?1 AND id <= ?2",
                           -1, &st, NULL) != SQLITE_OK ||
        sqlite3_bind_text(st, 1, copy, -1, SQLITE_STATIC) != SQLITE_OK ||
        sqlite3_bind_int64(st, 2, (sqlite3_int64)last) != SQLITE_OK || sqlite3_step(st) != SQLITE_ROW) {
        ctg_sqlite_error(q->db, "store.known-at", err);
        sqlite3_finalize(st);
        free(copy);
        return err->status;
    }
    q->known_import = sqlite3_column_int64(st, 0);
    q->known_set = 1;
    sqlite3_finalize(st);
    /* what the engine's scans read from now on (struct ctg_slice's known_at) */
    free(q->moment);
    q->moment = copy;
    e->known_at = copy;
    return CTG_ENGINE_OK;
}

/* ---- the fingerprint of the observations ------------------------------------------------ */

/* The engine's fingerprint (store/engine.h): the sum of one hash per current row of the plan
 * (as known at the engine's moment when set), each from its key's six texts and what it says
 * (value, numerator, denominator, text, missing, status, note): store/sqlite_fingerprint.h.
 * The same data gives the same fingerprint in any database whatever the history and the
 * order of the imports that led to it (a project's base and a fresh clone's), and any change
 * of a figure changes it; a correction that restates a figure does not. Read from the chain
 * kept at import (one probe); recomputed from every row when the chain cannot say (a write
 * transaction under way, a moment inside a transaction of several imports) or when recompute
 * is set (ctg verifier: a stored fingerprint that lies). The caller has checked the rows. */
int ctg_sqlite_fingerprint(struct ctg_engine *e, const char *plan_id, int recompute, char out[17],
                           struct ctg_engine_error *err)
{
    struct ctg_sqlite *q = (struct ctg_sqlite *)e;
    uint64_t h = 0;
    int found = 0, rc;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(q->db, "SELECT id FROM main.obs_plan WHERE plan_id = ?1", -1, &st, NULL) != SQLITE_OK ||
        sqlite3_bind_text(st, 1, plan_id, -1, SQLITE_STATIC) != SQLITE_OK) {
        ctg_sqlite_error(q->db, "store.read", err);
        sqlite3_finalize(st);
        return err->status;
    }
    rc = sqlite3_step(st);
    sqlite3_int64 plan = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        ctg_sqlite_error(q->db, "store.read", err);
        sqlite3_finalize(st);
        return err->status;
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW) {
        int writing = q->fp.active && !sqlite3_get_autocommit(q->db);
        if (!recompute && !writing &&
            ctg_fp_read(q->db, plan, q->known_set ? q->known_import : INT64_MAX, &h, &found) != SQLITE_OK)
            return ctg_sqlite_error(q->db, "store.read", err);
        if (!found && ctg_fp_recompute(q->db, plan, &h) != SQLITE_OK)
            return ctg_sqlite_error(q->db, "store.read", err);
    }
    snprintf(out, 17, "%016llx", (unsigned long long)h);
    return CTG_ENGINE_OK;
}
