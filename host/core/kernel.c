/* The evaluation kernel: one pass over the current observations of a plan, read through
 * the storage engine's scan (store/engine.h), summed into cells. It includes no Lua header
 * and no engine's: errors are returned as a struct ctg_engine_error, which the binding
 * (lua/kernel.c, where model.cells is) turns into a catalogue message.
 *
 * A cell is one (indicator, period, territory) — or (…, dims) with by_dims — with its
 * dimension values summed: counts and values add up, and a ratio keeps Σnumerator and
 * Σdenominator apart, so that any roll-up divides sums and never averages rates. Time
 * aggregation across periods, roll-up across territories and the formulas of each kind of
 * indicator are done on these cells by the engine of core/engine.c (kernel.h is its view).
 *
 * The engine gives the latest revisions (no revision is resolved here) in the order they were
 * stored, as dictionary ids; the dictionaries are turned into strings once per scan. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bigmem.h"
#include "core/hash.h"
#include "core/kernel.h"

/* ---- interned strings: each distinct text once, referred to by a small integer ------- */

struct interner {
    char **strings;   /* id -> text */
    uint32_t count, capacity;
    struct ctg_hash index; /* text -> id (core/hash.h) */
};

static void interner_free(struct interner *in)
{
    for (uint32_t i = 0; i < in->count; i++)
        free(in->strings[i]);
    free(in->strings);
    ctg_hash_free(&in->index);
    memset(in, 0, sizeof *in);
}

/* a text being looked up: its bytes and length */
struct text_key {
    const char *s;
    size_t n;
};

static int text_eq(const void *ctx, uint32_t item, const void *key)
{
    const struct interner *in = ctx;
    const struct text_key *k = key;
    const char *t = in->strings[item];
    return strlen(t) == k->n && memcmp(t, k->s, k->n) == 0;
}

/* The id of text (interned on first sight); -1 when out of memory. */
static int64_t intern(struct interner *in, const char *s, size_t n)
{
    const struct text_key key = {s, n};
    uint32_t hash = ctg_hash_bytes(s, n);
    uint32_t at = ctg_hash_find(&in->index, hash, &key, text_eq, in);
    if (at != CTG_HASH_NONE)
        return at;
    if (in->count == in->capacity) {
        uint32_t cap = in->capacity ? in->capacity * 2 : 256;
        char **strings = realloc(in->strings, cap * sizeof *strings);
        if (!strings)
            return -1;
        in->strings = strings;
        in->capacity = cap;
    }
    char *copy = malloc(n + 1);
    if (!copy)
        return -1;
    memcpy(copy, s, n);
    copy[n] = '\0';
    if (ctg_hash_add(&in->index, hash, in->count) != 0) {
        free(copy);
        return -1;
    }
    in->strings[in->count] = copy;
    return in->count++;
}

/* ---- one stored observation ----------------------------------------------------------- */

enum { HAS_VALUE = 1, HAS_NUMERATOR = 2, HAS_DENOMINATOR = 4, IS_MISSING = 8, HAS_TEXT = 16 };

struct fact {
    int64_t row;    /* its obs_revision id, to fetch its text or missing reason */
    uint32_t indicator, period, territory, dims; /* interned */
    uint8_t flags;
    double value, numerator, denominator;
};

/* ---- cells: facts summed by (indicator, period, territory[, dims]) --------------------- */

/* A cell: 72 bytes, what every cell sums; the sums few cells have (missing rows, texts,
 * values weighted by a denominator) are in a rare_sums of their own, so that a million cells
 * take 72 MB rather than 112 (a département's data under a 256 MB address-space limit). */
struct cell {
    uint32_t indicator, period, territory, dims;
    uint32_t n, values, ratios;
    uint32_t rare; /* 1 + its index in cells.rare, 0: none */
    uint32_t first_dims; /* 1 + the stored dims id of its first row: a second row with the same
                          * is a second latest revision of one key (a database altered by hand) */
    double value, numerator, denominator, max;
    uint8_t has_numerator, has_denominator;
};

struct rare_sums {
    uint32_t missing, texts, weighted_values;
    int64_t text_row, missing_row; /* the latest row with a text, with a missing reason */
    double weighted;
};

/* Cells in order of first sight (grown in huge pages, bigmem.h), found by their key through
 * the core's hash index (core/hash.h). */
struct cells {
    struct cell *items;
    uint32_t count, capacity;
    size_t items_bytes;
    struct rare_sums *rare;
    uint32_t nrare, rare_capacity;
    struct ctg_hash index; /* (indicator, period, territory, dims) -> cell */
};

static void cells_free(struct cells *c)
{
    ctg_big_free(c->items, c->items_bytes);
    ctg_hash_free(&c->index);
    free(c->rare);
    memset(c, 0, sizeof *c);
}

/* The hash of a key of four ids (a cell's, a part's). */
static inline uint32_t key_hash(uint32_t a, uint32_t b, uint32_t c, uint32_t d)
{
    const uint32_t k[4] = {a, b, c, d};
    return ctg_hash_bytes(k, sizeof k);
}

static int cell_eq(const void *ctx, uint32_t item, const void *key)
{
    const struct cell *x = &((const struct cells *)ctx)->items[item];
    const uint32_t *k = key;
    return x->indicator == k[0] && x->period == k[1] && x->territory == k[2] && x->dims == k[3];
}

/* The index of the cell of a key, CTG_HASH_NONE when there is none. */
static uint32_t cells_find(const struct cells *c, uint32_t hash, uint32_t ind, uint32_t per, uint32_t ter,
                           uint32_t dims)
{
    const uint32_t k[4] = {ind, per, ter, dims};
    return ctg_hash_find(&c->index, hash, k, cell_eq, c);
}

/* The cell of a key, made on first sight; NULL when out of memory. */
static struct cell *cells_get(struct cells *c, uint32_t ind, uint32_t per, uint32_t ter, uint32_t dims)
{
    uint32_t hash = key_hash(ind, per, ter, dims);
    uint32_t at = cells_find(c, hash, ind, per, ter, dims);
    if (at != CTG_HASH_NONE)
        return &c->items[at];
    if (c->count == c->capacity) {
        uint32_t cap = c->capacity ? c->capacity * 2 : 1024;
        struct cell *items = ctg_big_grow(c->items, &c->items_bytes, (size_t)cap * sizeof *items);
        if (!items)
            return NULL;
        c->items = items;
        c->capacity = (uint32_t)(c->items_bytes / sizeof *items);
    }
    if (ctg_hash_add(&c->index, hash, c->count) != 0)
        return NULL;
    struct cell *x = &c->items[c->count++];
    memset(x, 0, sizeof *x);
    x->indicator = ind, x->period = per, x->territory = ter, x->dims = dims;
    return x;
}

/* The rare sums of cell x, made on first need; NULL when out of memory. */
static struct rare_sums *rare_of(struct cells *c, struct cell *x)
{
    if (x->rare)
        return &c->rare[x->rare - 1];
    if (c->nrare == c->rare_capacity) {
        uint32_t cap = c->rare_capacity ? c->rare_capacity * 2 : 64;
        struct rare_sums *rare = realloc(c->rare, (size_t)cap * sizeof *rare);
        if (!rare)
            return NULL;
        c->rare = rare;
        c->rare_capacity = cap;
    }
    struct rare_sums *r = &c->rare[c->nrare];
    memset(r, 0, sizeof *r);
    x->rare = ++c->nrare;
    return r;
}

/* Adds fact f to cell x; -1 when out of memory. */
static int cell_add(struct cells *c, struct cell *x, const struct fact *f)
{
    x->n++;
    if (f->flags & IS_MISSING) {
        struct rare_sums *r = rare_of(c, x);
        if (!r)
            return -1;
        r->missing++;
        if (f->row > r->missing_row)
            r->missing_row = f->row;
        return 0;
    }
    if (f->flags & HAS_TEXT) {
        struct rare_sums *r = rare_of(c, x);
        if (!r)
            return -1;
        r->texts++;
        if (f->row > r->text_row)
            r->text_row = f->row;
    }
    if (f->flags & HAS_VALUE) {
        if (x->values == 0 || f->value > x->max)
            x->max = f->value;
        x->values++;
        x->value += f->value;
    }
    if (f->flags & (HAS_NUMERATOR | HAS_DENOMINATOR))
        x->ratios++;
    if (f->flags & HAS_NUMERATOR) {
        x->numerator += f->numerator;
        x->has_numerator = 1;
    }
    if (f->flags & HAS_DENOMINATOR) {
        x->denominator += f->denominator;
        x->has_denominator = 1;
    }
    if ((f->flags & HAS_VALUE) && (f->flags & HAS_DENOMINATOR)) {
        struct rare_sums *r = rare_of(c, x);
        if (!r)
            return -1;
        r->weighted += f->value * f->denominator;
        r->weighted_values++;
    }
    return 0;
}

/* The rare sums of cell x, zero when it has none. */
static struct rare_sums rare_sums_of(const struct cells *c, const struct cell *x)
{
    struct rare_sums none = {0};
    return x->rare ? c->rare[x->rare - 1] : none;
}

/* Keeps only the cells whose indicator is kept (keep[id], an interned id below nkeep), in
 * their order, with their rare sums; -1 when out of memory (c unchanged). */
static int cells_keep(struct cells *c, const uint8_t *keep, uint32_t nkeep)
{
    struct rare_sums *rare = malloc((c->nrare ? c->nrare : 1) * sizeof *rare);
    if (!rare)
        return -1;
    uint32_t n = 0, nrare = 0;
    for (uint32_t i = 0; i < c->count; i++) {
        struct cell x = c->items[i];
        if (x.indicator >= nkeep || !keep[x.indicator])
            continue;
        if (x.rare) {
            rare[nrare] = c->rare[x.rare - 1];
            x.rare = ++nrare;
        }
        c->items[n++] = x;
    }
    free(c->rare);
    c->rare = rare, c->nrare = nrare, c->rare_capacity = c->nrare ? c->nrare : 1;
    c->count = n;
    /* the kept cells indexed again (the index only shrinks: no memory to ask) */
    ctg_hash_clear(&c->index);
    for (uint32_t i = 0; i < n; i++) {
        const struct cell *x = &c->items[i];
        if (ctg_hash_add(&c->index, key_hash(x->indicator, x->period, x->territory, x->dims), i) != 0)
            return -1;
    }
    return 0;
}

/* ---- the parts of ratios (schema 6) ------------------------------------------------------ */

/* A ratio's numerator and its denominator may come from two files (places from the CNAF,
 * children from INSEE): each is stored as a record of its own (numerator = 5, denominator =
 * 6). Before the values are summed into cells, the parts of one key (subject, period,
 * territory, dims: stored ids) are paired here, so that a roll-up sums Σnumerator and
 * Σdenominator over the keys that have both; a key with one part is missing ("dénominateur
 * manquant"), and a value row of the same key (a rate with both figures, or a published
 * rate) takes precedence over its parts. Only a plan with parts pays for this. */
enum { PART_NUMERATOR = 1, PART_DENOMINATOR = 2, PART_SUPERSEDED = 4 };

struct part {
    uint32_t subject, period, territory, dims; /* stored dictionary ids */
    uint8_t has;
    double numerator, denominator;
    int64_t numerator_row, denominator_row;
};

struct parts {
    struct part *items; /* in order of first sight (rowid order) */
    uint32_t count, capacity;
    struct ctg_hash index; /* (subject, period, territory, dims) -> part */
};

static void parts_free(struct parts *p)
{
    free(p->items);
    ctg_hash_free(&p->index);
    memset(p, 0, sizeof *p);
}

static int part_eq(const void *ctx, uint32_t item, const void *key)
{
    const struct part *x = &((const struct parts *)ctx)->items[item];
    const uint32_t *k = key;
    return x->subject == k[0] && x->period == k[1] && x->territory == k[2] && x->dims == k[3];
}

/* The part of a key, NULL when it has none. */
static struct part *parts_find(const struct parts *p, uint32_t sub, uint32_t per, uint32_t ter, uint32_t dims)
{
    const uint32_t k[4] = {sub, per, ter, dims};
    uint32_t at = ctg_hash_find(&p->index, key_hash(sub, per, ter, dims), k, part_eq, p);
    return at == CTG_HASH_NONE ? NULL : &p->items[at];
}

/* The part of a key, made on first sight; NULL when out of memory. */
static struct part *parts_get(struct parts *p, uint32_t sub, uint32_t per, uint32_t ter, uint32_t dims)
{
    const uint32_t k[4] = {sub, per, ter, dims};
    uint32_t hash = key_hash(sub, per, ter, dims);
    uint32_t at = ctg_hash_find(&p->index, hash, k, part_eq, p);
    if (at != CTG_HASH_NONE)
        return &p->items[at];
    if (p->count == p->capacity) {
        uint32_t cap = p->capacity ? p->capacity * 2 : 64;
        struct part *items = realloc(p->items, (size_t)cap * sizeof *items);
        if (!items)
            return NULL;
        p->items = items, p->capacity = cap;
    }
    if (ctg_hash_add(&p->index, hash, p->count) != 0)
        return NULL;
    struct part *x = &p->items[p->count++];
    memset(x, 0, sizeof *x);
    x->subject = sub, x->period = per, x->territory = ter, x->dims = dims;
    return x;
}

/* ---- the kernel ------------------------------------------------------------------------ */

/* The dictionaries a scan turns into strings, indexed as the scan rows give their ids. */
enum { DICT_SUBJECT, DICT_PERIOD, DICT_TERRITORY, DICT_DIMS, NDICTS };
static const enum ctg_dict ENGINE_DICT[NDICTS] = {CTG_DICT_SUBJECT, CTG_DICT_PERIOD, CTG_DICT_TERRITORY,
                                                  CTG_DICT_DIMS};

/* What a scan counts of each subject, by its dictionary id. */
struct subject_count {
    uint32_t rows;
    int32_t first_year, last_year;
};

struct kernel {
    struct interner strings;
    uint32_t *dict[NDICTS];   /* dictionary id -> interned string */
    uint8_t *present[NDICTS]; /* dictionary id -> 1 when the dictionary has it */
    uint32_t dict_len[NDICTS];
    struct cells cells;
    int overflow;             /* the last scan had more than max_cells cells: it kept a prefix */
    uint32_t prefix;          /* then the cells of order[0 .. prefix) (0: none) */
    uint8_t *kept;            /* by interned id: the indicators of that prefix */
    uint32_t nkept;
    int32_t *period_year;     /* period dictionary id -> its year, INT32_MIN */
    struct subject_count *counts; /* subject dictionary id -> its rows (dict_len[DICT_SUBJECT]) */
    uint32_t ncounts;
    struct parts parts;       /* the parts of ratios of the last scan, by key */
};

struct kernel *ctg_kernel_create(void)
{
    return calloc(1, sizeof(struct kernel));
}

void ctg_kernel_destroy(struct kernel *k)
{
    if (!k)
        return;
    interner_free(&k->strings);
    for (int i = 0; i < NDICTS; i++) {
        free(k->dict[i]);
        free(k->present[i]);
    }
    cells_free(&k->cells);
    parts_free(&k->parts);
    free(k->kept);
    free(k->period_year);
    free(k->counts);
    free(k);
}

static int nomem(struct ctg_engine_error *err)
{
    memset(err, 0, sizeof *err);
    err->status = CTG_ENGINE_NOMEM;
    err->what = "store.nomem";
    return err->status;
}

/* A stored row that breaks what ctg keeps true (a database altered by hand): the error names
 * the table, the row and what is wrong, never a wrong sum. */
static int lying_row(struct ctg_engine_error *err, int64_t row, const char *column, const char *what)
{
    memset(err, 0, sizeof *err);
    err->status = CTG_ENGINE_ALTERED;
    err->what = "store.read";
    err->table = "obs_revision";
    err->row = row;
    err->column = column;
    err->expected = what;
    return err->status;
}

/* A dictionary being turned into interned strings (dict_each's callback). */
struct dict_load {
    struct kernel *k;
    int i;
    struct ctg_engine_error *err;
};

static int load_entry(void *ud, int64_t id, const char *text, size_t len)
{
    struct dict_load *d = ud;
    struct kernel *k = d->k;
    int i = d->i;
    if (id < 0 || id >= (int64_t)UINT32_MAX) {
        /* ctg numbers its dictionaries from 1: an id out of range was written by hand */
        static const char *const TABLES[NDICTS] = {"obs_subject", "obs_period", "obs_territory", "obs_dims"};
        lying_row(d->err, id, "id", "un identifiant entre 1 et 4\u202f294\u202f967\u202f294");
        d->err->table = TABLES[i];
        return d->err->status;
    }
    if ((uint32_t)id >= k->dict_len[i]) {
        uint32_t len_ = k->dict_len[i] ? k->dict_len[i] : 64;
        while (len_ <= (uint32_t)id)
            len_ = len_ > UINT32_MAX / 2 ? UINT32_MAX : len_ * 2;
        uint32_t *grown = realloc(k->dict[i], len_ * sizeof *grown);
        if (!grown)
            return nomem(d->err);
        memset(grown + k->dict_len[i], 0, (len_ - k->dict_len[i]) * sizeof *grown);
        k->dict[i] = grown;
        uint8_t *marks = realloc(k->present[i], len_);
        if (!marks)
            return nomem(d->err);
        memset(marks + k->dict_len[i], 0, len_ - k->dict_len[i]);
        k->present[i] = marks;
        k->dict_len[i] = len_;
    }
    int64_t interned = intern(&k->strings, text, len);
    if (interned < 0)
        return nomem(d->err);
    k->dict[i][id] = (uint32_t)interned;
    k->present[i][id] = 1;
    return 0;
}

/* Turn dictionary i into interned strings, once per scan. */
static int load_dictionary(struct kernel *k, struct ctg_engine *e, int i, struct ctg_engine_error *err)
{
    struct dict_load d = {k, i, err};
    return e->ops->dict_each(e, ENGINE_DICT[i], load_entry, &d, err);
}

static const char *const DICT_EXPECTED[] = {"un identifiant de obs_subject", "un identifiant de obs_period",
                                            "un identifiant de obs_territory", "un identifiant de obs_dims"};
static const char *const DICT_COLUMNS[] = {"subject", "period", "territory", "dims"};

/* The dictionary id i of row r (i: DICT_*), checked against its dictionary: a row naming no
 * entry is named. 0 and *out set, or the error's status. */
static int row_id(const struct kernel *k, const struct ctg_scan_row *r, int i, uint32_t *out,
                  struct ctg_engine_error *err)
{
    int64_t id = r->ids[i];
    if (!(r->ids_typed & (1u << i)) || id < 0 || id >= (int64_t)k->dict_len[i] || !k->present[i][id]) {
        return lying_row(err, r->id, DICT_COLUMNS[i], DICT_EXPECTED[i]);
    }
    *out = (uint32_t)id;
    return 0;
}

/* value, numerator, denominator (j = 0, 1, 2): a number or nothing; text in them would be
 * summed as 0. 1 with *out set, 0 when absent, or the error's status (negative). */
static const char *const NUMBER_COLUMNS[] = {"value", "numerator", "denominator"};
static int row_number(const struct ctg_scan_row *r, int j, double *out, struct ctg_engine_error *err)
{
    if (r->type[j] == CTG_CELL_NULL)
        return 0;
    if (r->type[j] != CTG_CELL_NUMBER)
        return -lying_row(err, r->id, NUMBER_COLUMNS[j], "un nombre");
    *out = r->number[j];
    return 1;
}

int32_t ctg_period_year(const char *period)
{
    if (strlen(period) < 4)
        return INT32_MIN;
    int32_t y = 0;
    for (int i = 0; i < 4; i++) {
        if (period[i] < '0' || period[i] > '9')
            return INT32_MIN;
        y = y * 10 + (period[i] - '0');
    }
    return y;
}

/* The year of every period of the dictionary, and a zeroed count for every subject: what
 * a scan tells of the rows it reads, whatever cells it keeps. */
static int prepare_counts(struct kernel *k, struct ctg_engine_error *err)
{
    free(k->period_year);
    free(k->counts);
    k->period_year = malloc((k->dict_len[DICT_PERIOD] ? k->dict_len[DICT_PERIOD] : 1) * sizeof *k->period_year);
    k->ncounts = k->dict_len[DICT_SUBJECT];
    k->counts = calloc(k->ncounts ? k->ncounts : 1, sizeof *k->counts);
    if (!k->period_year || !k->counts) {
        k->ncounts = 0;
        return nomem(err);
    }
    for (uint32_t id = 0; id < k->dict_len[DICT_PERIOD]; id++)
        k->period_year[id] = ctg_period_year(k->strings.strings[k->dict[DICT_PERIOD][id]]);
    for (uint32_t id = 0; id < k->ncounts; id++)
        k->counts[id].first_year = INT32_MAX, k->counts[id].last_year = INT32_MIN;
    return 0;
}

/* The cells past the bound: the longest prefix of w->order whose cells fit in it is
 * kept (the first indicator at least), so that a windowed evaluation's first window costs no
 * second pass; without an order, none. Called again when the prefix outgrows the bound, it
 * shortens it; a prefix of one indicator is kept whatever its size. */
static int shorten_prefix(struct kernel *k, const struct ctg_window *w, struct ctg_engine_error *err)
{
    if (!w->order || w->norder == 0) {
        cells_free(&k->cells);
        k->prefix = 0;
        return 0;
    }
    uint32_t nstrings = k->strings.count;
    uint32_t *cells_of = calloc(w->norder, sizeof *cells_of);
    int32_t *pos = malloc((nstrings ? nstrings : 1) * sizeof *pos);
    if (!cells_of || !pos) {
        free(cells_of), free(pos);
        return nomem(err);
    }
    for (uint32_t i = 0; i < nstrings; i++) pos[i] = -1;
    for (uint32_t j = w->norder; j-- > 0;)
        if (w->order[j] < nstrings) pos[w->order[j]] = (int32_t)j;
    for (uint32_t i = 0; i < k->cells.count; i++) {
        uint32_t ind = k->cells.items[i].indicator;
        if (ind < nstrings && pos[ind] >= 0) cells_of[pos[ind]]++;
    }
    uint32_t limit = k->overflow ? k->prefix : w->norder, n = 0;
    uint64_t held = 0;
    while (n < limit && (n == 0 || held + cells_of[n] <= w->max_cells))
        held += cells_of[n++];
    free(cells_of);
    free(pos);
    free(k->kept);
    k->nkept = 0;
    if (!(k->kept = calloc(nstrings ? nstrings : 1, 1)))
        return nomem(err);
    k->nkept = nstrings;
    for (uint32_t j = 0; j < n; j++)
        if (w->order[j] < nstrings) k->kept[w->order[j]] = 1;
    if (cells_keep(&k->cells, k->kept, k->nkept) != 0)
        return nomem(err);
    k->prefix = n;
    return 0;
}

/* Count a row of subject_id in period_id in the subjects' statistics. */
static void count_row(struct kernel *k, uint32_t subject_id, uint32_t period_id)
{
    struct subject_count *count = &k->counts[subject_id];
    int32_t year = k->period_year[period_id];
    count->rows++;
    if (year != INT32_MIN && year < count->first_year)
        count->first_year = year;
    if (year > count->last_year)
        count->last_year = year;
}

/* One scan under way: what admits a fact into the cells (the window, narrowed past its
 * bound), and what the scan's callbacks need. */
struct scan_state {
    struct kernel *k;
    const struct ctg_window *w;
    const uint8_t *admit;
    uint32_t nadmit;
    int by_dims;
    uint32_t no_dims;
    struct ctg_engine_error *err;
};

/* Whether f's indicator is admitted (before its fact is built: most rows are not, when a
 * window reads another indicator). */
static int admitted(const struct kernel *k, const struct scan_state *a, uint32_t indicator)
{
    if (k->overflow && k->prefix == 0)
        return 0;
    return !a->admit || (indicator < a->nadmit && a->admit[indicator]);
}

/* Sum fact f into its cell. stored_dims: 1 + the stored dims id of its row, to tell a
 * second latest revision of one key (a database altered by hand) from another dimension
 * value; 0 for a fact made of two parts (their keys are paired, unique). */
static int add_fact(struct kernel *k, struct scan_state *a, const struct fact *f, uint32_t stored_dims)
{
    const struct ctg_window *w = a->w;
    if (w && w->max_cells && k->cells.count >= w->max_cells && !(k->overflow && k->prefix == 1) &&
        ctg_kernel_find(k, f->indicator, f->period, f->territory, f->dims) == UINT32_MAX) {
        /* one cell too many: the cells of a prefix of the indicators are kept, the others
         * dropped (their rows still counted) */
        if (shorten_prefix(k, w, a->err) != 0)
            return a->err->status;
        k->overflow = 1;
        a->admit = k->kept, a->nadmit = k->nkept;
        if (k->prefix == 0 || f->indicator >= a->nadmit || !a->admit[f->indicator])
            return 0;
    }
    struct cell *x = cells_get(&k->cells, f->indicator, f->period, f->territory, f->dims);
    if (!x)
        return nomem(a->err);
    if (stored_dims) {
        if (x->n == 0)
            x->first_dims = stored_dims;
        else if (x->first_dims == stored_dims)
            return lying_row(a->err, f->row, "latest", "une seule révision en vigueur par clé, et une autre ligne "
                             "en vigueur a la même clé");
    }
    if (cell_add(&k->cells, x, f) != 0)
        return nomem(a->err);
    return 0;
}

/* A part of a ratio (scan callback): into k->parts by key, counted by subject. */
static int take_part(void *ud, const struct ctg_scan_row *r)
{
    struct scan_state *a = ud;
    struct kernel *k = a->k;
    uint32_t subject_id, period_id, territory_id, dims_id;
    if (row_id(k, r, DICT_SUBJECT, &subject_id, a->err) || row_id(k, r, DICT_PERIOD, &period_id, a->err) ||
        row_id(k, r, DICT_TERRITORY, &territory_id, a->err))
        return a->err->status;
    if (a->by_dims) {
        if (row_id(k, r, DICT_DIMS, &dims_id, a->err))
            return a->err->status;
    } else {
        dims_id = (uint32_t)r->ids[3];
    }
    count_row(k, subject_id, period_id);
    int numerator = r->record == 5;
    double v = 0;
    int got = row_number(r, numerator ? 1 : 2, &v, a->err);
    if (got < 0)
        return a->err->status;
    if (got == 0)
        return lying_row(a->err, r->id, numerator ? "numerator" : "denominator", "un nombre");
    struct part *pt = parts_get(&k->parts, subject_id, period_id, territory_id, dims_id);
    if (!pt)
        return nomem(a->err);
    if (numerator)
        pt->has |= PART_NUMERATOR, pt->numerator = v, pt->numerator_row = r->id;
    else
        pt->has |= PART_DENOMINATOR, pt->denominator = v, pt->denominator_row = r->id;
    return 0;
}

/* A value row (scan callback): counted by subject, summed into its cell when admitted. */
static int take_value(void *ud, const struct ctg_scan_row *r)
{
    struct scan_state *a = ud;
    struct kernel *k = a->k;
    uint32_t subject_id, period_id;
    if (row_id(k, r, DICT_SUBJECT, &subject_id, a->err) || row_id(k, r, DICT_PERIOD, &period_id, a->err))
        return a->err->status;
    count_row(k, subject_id, period_id);
    struct fact f;
    memset(&f, 0, sizeof f);
    f.indicator = k->dict[DICT_SUBJECT][subject_id];
    /* a value row of a key with parts: the parts are not counted again (checked before
     * the window's choice, which the parts' facts pass through too) */
    struct part *pt = parts_find(&k->parts, subject_id, period_id, (uint32_t)r->ids[2], (uint32_t)r->ids[3]);
    if (pt && (r->type[0] != CTG_CELL_NULL || (r->type[1] != CTG_CELL_NULL && r->type[2] != CTG_CELL_NULL)))
        pt->has |= PART_SUPERSEDED;
    if (!admitted(k, a, f.indicator))
        return 0;
    f.period = k->dict[DICT_PERIOD][period_id];
    uint32_t id;
    if (row_id(k, r, DICT_TERRITORY, &id, a->err))
        return a->err->status;
    f.territory = k->dict[DICT_TERRITORY][id];
    /* dimension values are only told apart when the cells keep them */
    if (a->by_dims) {
        if (row_id(k, r, DICT_DIMS, &id, a->err))
            return a->err->status;
        f.dims = k->dict[DICT_DIMS][id];
    } else {
        f.dims = a->no_dims;
    }
    static const uint8_t FLAG[3] = {HAS_VALUE, HAS_NUMERATOR, HAS_DENOMINATOR};
    double *number[3] = {&f.value, &f.numerator, &f.denominator};
    for (int j = 0; j < 3; j++) {
        int got = row_number(r, j, number[j], a->err);
        if (got < 0)
            return a->err->status;
        if (got)
            f.flags |= FLAG[j];
    }
    if (r->missing)
        f.flags |= IS_MISSING;
    if (r->text)
        f.flags |= HAS_TEXT;
    f.row = r->id;
    return add_fact(k, a, &f, (uint32_t)r->ids[3] + 1);
}

/* The parts no value row superseded, into the cells: the two parts of a key as one ratio
 * (its row: the later part's), one part alone as a missing row (its reason, "dénominateur
 * manquant", comes from the row: Ev:missing_reason). */
static int add_parts(struct kernel *k, struct scan_state *a)
{
    for (uint32_t i = 0; i < k->parts.count; i++) {
        const struct part *pt = &k->parts.items[i];
        if (pt->has & PART_SUPERSEDED)
            continue;
        struct fact f;
        memset(&f, 0, sizeof f);
        f.indicator = k->dict[DICT_SUBJECT][pt->subject];
        if (!admitted(k, a, f.indicator))
            continue;
        f.period = k->dict[DICT_PERIOD][pt->period];
        f.territory = k->dict[DICT_TERRITORY][pt->territory];
        f.dims = a->by_dims ? k->dict[DICT_DIMS][pt->dims] : a->no_dims;
        if ((pt->has & (PART_NUMERATOR | PART_DENOMINATOR)) == (PART_NUMERATOR | PART_DENOMINATOR)) {
            f.flags = HAS_NUMERATOR | HAS_DENOMINATOR;
            f.numerator = pt->numerator, f.denominator = pt->denominator;
            f.row = pt->numerator_row > pt->denominator_row ? pt->numerator_row : pt->denominator_row;
        } else {
            f.flags = IS_MISSING;
            f.row = pt->has & PART_NUMERATOR ? pt->numerator_row : pt->denominator_row;
        }
        int rc = add_fact(k, a, &f, 0);
        if (rc)
            return rc;
    }
    return 0;
}

/* Sum the latest revision of every value of plan_id (of one indicator when given) into
 * k->cells, those the window keeps: one scan of the engine's slice, no revision to resolve;
 * the parts of ratios paired by key first. Every row read is counted by subject. */
static int scan(struct kernel *k, struct ctg_engine *e, const char *plan_id, const char *indicator,
                int by_dims, const struct ctg_window *w, struct ctg_engine_error *err)
{
    cells_free(&k->cells);
    parts_free(&k->parts);
    k->overflow = 0, k->prefix = 0;
    k->ncounts = 0;
    free(k->kept);
    k->kept = NULL, k->nkept = 0;
    struct scan_state a = {k, w, w ? w->admit : NULL, w ? w->nadmit : 0, by_dims, 0, err};
    int64_t no_dims = intern(&k->strings, "", 0);
    if (no_dims < 0)
        return nomem(err);
    a.no_dims = (uint32_t)no_dims;
    int64_t subject = 0;
    struct ctg_slice slice = {0, CTG_RECORDS_PARTS, {NULL, 0}, {NULL, 0}, {NULL, 0}, NULL};
    int rc = e->ops->dict_id(e, CTG_DICT_PLAN, plan_id, &slice.plan, err);
    if (rc == 0 && indicator)
        rc = e->ops->dict_id(e, CTG_DICT_SUBJECT, indicator, &subject, err);
    if (rc)
        return rc;
    if (slice.plan == 0 || (indicator && subject == 0))
        return 0; /* nothing stored for them */
    if (indicator)
        slice.subjects = (struct ctg_id_set){&subject, 1};
    if ((rc = load_dictionary(k, e, DICT_SUBJECT, err)) || (rc = load_dictionary(k, e, DICT_PERIOD, err)) ||
        (rc = load_dictionary(k, e, DICT_TERRITORY, err)) || (by_dims && (rc = load_dictionary(k, e, DICT_DIMS, err))) ||
        (rc = prepare_counts(k, err)))
        return rc;
    if ((rc = e->ops->scan(e, &slice, take_part, &a, err)))
        return rc;
    slice.records = CTG_RECORDS_VALUES;
    if ((rc = e->ops->scan(e, &slice, take_value, &a, err)))
        return rc;
    return add_parts(k, &a);
}

int ctg_kernel_scan(struct kernel *k, struct ctg_engine *e, const char *plan_id, const char *indicator,
                    int by_dims, struct ctg_engine_error *err)
{
    return scan(k, e, plan_id, indicator, by_dims, NULL, err);
}

int ctg_kernel_scan_window(struct kernel *k, struct ctg_engine *e, const char *plan_id,
                           const struct ctg_window *w, struct ctg_engine_error *err)
{
    return scan(k, e, plan_id, NULL, 0, w, err);
}

int ctg_kernel_overflowed(const struct kernel *k) { return k->overflow; }

uint32_t ctg_kernel_prefix(const struct kernel *k) { return k->overflow ? k->prefix : 0; }

uint32_t ctg_kernel_nsubjects(const struct kernel *k) { return k->ncounts; }

struct ctg_subject ctg_kernel_subject(const struct kernel *k, uint32_t i)
{
    const struct subject_count *c = &k->counts[i];
    return (struct ctg_subject){k->dict[DICT_SUBJECT][i], c->rows, c->first_year, c->last_year};
}

uint32_t ctg_kernel_ncells(const struct kernel *k) { return k->cells.count; }

void ctg_kernel_cell(const struct kernel *k, uint32_t i, uint32_t key[4], struct ctg_sums *s)
{
    const struct cell *x = &k->cells.items[i];
    struct rare_sums r = rare_sums_of(&k->cells, x);
    key[0] = x->indicator, key[1] = x->period, key[2] = x->territory, key[3] = x->dims;
    s->n = x->n, s->values = x->values, s->ratios = x->ratios, s->missing = r.missing;
    s->texts = r.texts, s->weighted_values = r.weighted_values;
    s->text_row = r.text_row, s->missing_row = r.missing_row;
    s->value = x->value, s->numerator = x->numerator, s->denominator = x->denominator;
    s->max = x->max, s->weighted = r.weighted;
    s->has_numerator = x->has_numerator, s->has_denominator = x->has_denominator;
}

uint32_t ctg_kernel_find(const struct kernel *k, uint32_t ind, uint32_t per, uint32_t ter, uint32_t dims)
{
    return cells_find(&k->cells, key_hash(ind, per, ter, dims), ind, per, ter, dims);
}

int64_t ctg_kernel_intern(struct kernel *k, const char *s, size_t n) { return intern(&k->strings, s, n); }

const char *ctg_kernel_string(const struct kernel *k, uint32_t id) { return k->strings.strings[id]; }

uint32_t ctg_kernel_nstrings(const struct kernel *k) { return k->strings.count; }
