/* The evaluation engine of ctg.model: every value ctg computes (ev:value, ev:series,
 * ev:breakdown, the rules, the reports, `ctg eval`) comes from here.
 *
 *   model.engine(store, plan_id, spec, ev) -> engine
 *   engine:value(indicator, period, territory [, dim, dim_value [, unassessed]]) -> result
 *   engine:write_csv(file, header, indicators, periods, territories, dim, dialect, plan)
 *   engine:sources(indicator, period, territory, dim, dim_value, with_base) -> {{territory, period}…}
 *   engine:first_year([indicator]) / engine:last_year() -> year of the cells, or nil
 *   engine:dim_values(indicator, dim) -> sorted values of one dimension
 *   engine:windows() -> how many windows of indicators were read (0: one pass held all)
 *
 * The kernel (eval.c) gives the cells, latest revisions summed by (indicator, period,
 * territory): they are copied here into one array indexed by a hash of small integer ids,
 * the kernel's rows freed. A value rolls its territory up from its sub-territories (a group:
 * from its members) and combines periods by the indicator's `time`, then applies the formula
 * of its kind (its accumulator, core/kinds.c) and judges it against its target. Roll-ups are memoised per (indicator,
 * period, slice) in a few slots, so that evaluating every territory of a period costs one
 * pass over the territory tree, and evaluating one territory touches only its subtree.
 *
 * The engine holds about max_cells kernel cells at most (spec.max_cells, else 250 000): past
 * it, the kernel's first pass keeps the cells of the first indicators in plan order (the
 * first window) and its count of rows by indicator, and the cells are read again by windows
 * of indicators (a run in plan order whose rows fit the bound) when a value needs one
 * outside the window — so that memory stays bounded whatever the number of
 * observations, and a caller going through the indicators in plan order reads each window
 * once. The years and the subjects come from the counts, whatever window is held.
 *
 * Nothing is built per value but what is printed: write_csv writes each row as computed
 * (no Lua value at all), value builds one table for its caller, and sources (the cells a
 * value reads, for explanations) are only listed when asked.
 *
 * The arithmetic follows the order of the former Lua implementation exactly (sums start
 * from 0 and add children in plan order, months in period order), and keeps apart what
 * Lua would hold as integers (sums of integral figures) and floats (any division), so that
 * every printed value is bit for bit the same. The French words (reasons, notes, statuses)
 * come from the spec: ctg.eval owns them. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lauxlib.h>
#include <lualib.h>

#include "core/csvcell.h"
#include "core/hash.h"
#include "core/kinds.h"
#include "ctg.h"
#include "lua/error.h"
#include "lua/kernel.h"
#include "model.h"
#include "store.h"

#define ENGINE "ctg.Engine"
/* The cells the kernel holds at most before reading by windows of indicators: about 100
 * bytes each with their indexes, so some 25 MB whatever the number of observations. */
#define DEFAULT_MAX_CELLS 250000
#define NONE UINT32_MAX

/* ---- a map from 4 small integers to one, over the core's hash index ------------------- */

struct map {
    uint32_t (*keys)[4];    /* the keys in the order they came, with their values */
    uint32_t *vals;
    uint32_t count, cap;
    struct ctg_hash index;  /* key -> position in keys */
};

static int map_key_eq(const void *ctx, uint32_t item, const void *key)
{
    const struct map *m = ctx;
    return memcmp(m->keys[item], key, sizeof m->keys[item]) == 0;
}

static void map_free(struct map *m)
{
    free(m->keys);
    free(m->vals);
    ctg_hash_free(&m->index);
    memset(m, 0, sizeof *m);
}

/* The value of key, or NONE. */
static uint32_t map_get(const struct map *m, uint32_t a, uint32_t b, uint32_t c, uint32_t d)
{
    const uint32_t k[4] = {a, b, c, d};
    uint32_t at = ctg_hash_find(&m->index, ctg_hash_bytes(k, sizeof k), k, map_key_eq, m);
    return at == CTG_HASH_NONE ? NONE : m->vals[at];
}

/* Sets key to value (a new key or an existing one); -1 when out of memory. */
static int map_put(struct map *m, uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t value)
{
    const uint32_t k[4] = {a, b, c, d};
    uint32_t hash = ctg_hash_bytes(k, sizeof k);
    uint32_t at = ctg_hash_find(&m->index, hash, k, map_key_eq, m);
    if (at != CTG_HASH_NONE) {
        m->vals[at] = value;
        return 0;
    }
    if (m->count == m->cap) {
        uint32_t cap = m->cap ? m->cap * 2 : 512;
        uint32_t (*keys)[4] = realloc(m->keys, cap * sizeof *keys);
        if (!keys)
            return -1;
        m->keys = keys;
        uint32_t *vals = realloc(m->vals, cap * sizeof *vals);
        if (!vals)
            return -1;
        m->vals = vals, m->cap = cap;
    }
    if (ctg_hash_add(&m->index, hash, m->count) != 0)
        return -1;
    memcpy(m->keys[m->count], k, sizeof k);
    m->vals[m->count++] = value;
    return 0;
}

/* ---- growable arrays and text ---------------------------------------------------------- */

static int grow(void **items, uint32_t *capacity, uint32_t need, size_t size)
{
    if (need <= *capacity)
        return 0;
    uint32_t cap = *capacity ? *capacity : 64;
    while (cap < need)
        cap *= 2;
    void *p = realloc(*items, (size_t)cap * size);
    if (!p)
        return -1;
    *items = p;
    *capacity = cap;
    return 0;
}

/* The engine's texts are the core's buffers (core/buf.h); out of memory raised through the
 * binding. */
static void sb_reset(struct ctg_buf *b) { ctg_buf_reset(b); }

static void sb_addn(lua_State *L, struct ctg_buf *b, const char *s, size_t n)
{
    ctg_lua_check(L, ctg_buf_add(b, s, n), NULL);
}

static void sb_add(lua_State *L, struct ctg_buf *b, const char *s) { sb_addn(L, b, s, strlen(s)); }

/* ---- the engine ------------------------------------------------------------------------ */

/* the shape of a kind's figures (core/kinds.h): what the engine does around its accumulator */
enum kind { K_VALUE = CTG_SHAPE_VALUE, K_RATIO = CTG_SHAPE_RATIO, K_EVOLUTION = CTG_SHAPE_EVOLUTION,
            K_SCORE = CTG_SHAPE_SCORE, K_QUALITATIVE = CTG_SHAPE_TEXT };
enum timefn { T_SUM, T_LAST, T_MEAN, T_MAX };
/* which sums a cell or acc holds */
enum { F_VALUE = CTG_ACC_VALUE, F_NUM = CTG_ACC_NUM, F_DEN = CTG_ACC_DEN, F_WEIGHTED = CTG_ACC_WEIGHTED };
enum reason { R_NONE, R_NO_OBSERVATION, R_MISSING, R_ZERO_DENOMINATOR, R_NO_BASELINE, R_ZERO_BASELINE,
              R_NOT_STARTED, R_INCOMPLETE_RATIO, R_NOT_DEFINED, R_UNAGGREGABLE, R_PUBLISHED_ONLY,
              R_INCOMPLETE_ROLLUP, R_COUNT };
static const char *const REASON_NAMES[R_COUNT] = {
    "", "no_observation", "missing", "zero_denominator", "no_baseline", "zero_baseline",
    "not_started", "incomplete_ratio", "not_defined", "unaggregable", "published_only", "incomplete_rollup"};
/* One rule judges a value against its target (ctg help eval): the status, and the code of
 * the branch of the rule that gave it (status_rule), so that every status can be explained. */
enum status { S_NONE, S_ACHIEVED, S_ON_TRACK, S_BEHIND, S_RECEDING, S_NOT_ACHIEVED, S_NOT_AVAILABLE, S_COUNT };
static const char *const STATUS_NAMES[S_COUNT] = {"", "achieved", "on track", "behind", "receding", "not achieved",
                                                  "not available"};
enum rule { U_NONE, U_MET, U_NO_BASELINE, U_MOVED_AWAY, U_STRAIGHT_PATH, U_DUE_PASSED, U_NO_VALUE, U_COUNT };
static const char *const RULE_NAMES[U_COUNT] = {"", "met", "no_baseline", "moved_away", "straight_path",
                                                "due_passed", "no_value"};
/* the texts of the spec (French, from ctg.eval), by these names */
enum text { X_UNAGGREGABLE, X_UNAGGREGABLE_MANY, X_PUBLISHED, X_UNWEIGHTED, X_NO_PROGRESS_BASELINE,
            X_NO_BASELINE_PERIOD, X_PARTIAL, X_COUNT };
static const char *const TEXT_NAMES[X_COUNT] = {"unaggregable", "unaggregable_many", "published", "unweighted",
                                                "no_progress_baseline", "no_baseline_period", "partial"};

struct ecell {
    uint32_t ind, period, territory, slice; /* interned ids; slice 0: every dimension value */
    struct ctg_sums s;
    uint8_t ints; /* F_*: the sums Lua holds as integers */
};

struct target {
    uint32_t key;   /* the key as text */
    int32_t year;
    uint8_t exact;  /* a text key, that a period matches as it is */
    uint8_t is_int;
    double value;
};

struct indicator {
    uint32_t name, unit; /* unit NONE when none */
    enum kind kind;               /* the shape of its accumulator's figures */
    const struct ctg_kind_ops *ops; /* its kind's accumulator (core/kinds.c), by the registry's name */
    uint8_t root_target;          /* its target is the plan territory's only (a count's total) */
    uint8_t no_target;            /* its kind has no target (a text) */
    enum timefn time;
    double scale;
    uint8_t scale_is_int, defined, lower, has_baseline;
    uint8_t cumulative; /* its targets are running totals since start (a flow's) */
    uint8_t complete;   /* rollup = "complete": a roll-up with a member without figures is n.d. */
    int32_t start;      /* the first year of a running total */
    uint32_t baseline; /* period text id */
    uint32_t first_target, ntargets;
};

struct place {
    uint32_t name, title; /* title NONE: the code */
    uint32_t first, count; /* members[first .. first+count) */
};

/* The memoised roll-ups of one (indicator, period, slice): state 0 to do, 1 under way, 2 done */
#define SLOTS 8
struct slot {
    uint32_t ind, period, slice, size;
    uint64_t used;
    uint8_t *state;
    struct ctg_acc *accs;
    uint32_t *own;  /* slice 0: the kernel cell of each territory in this period, NONE */
    uint8_t months; /* the period is a year some territory has months of */
};

struct dimset {
    uint32_t ind, dim;
    uint32_t first, count; /* dim_values[first .. first+count): pairs (value id, slice id) */
};

struct result {
    enum reason reason;
    enum status status;
    struct ctg_buf reason_text, text, text_source, text_date;
    double value, numerator, denominator, change, share, respondents, target, progress, base_value, expected;
    uint8_t has_value, has_num, has_den, has_change, has_share, has_respondents, has_target, has_progress,
        has_base_value, has_expected;
    uint8_t value_int, num_int, den_int, respondents_int, target_int, base_value_int;
    uint8_t value_is_text, published, unweighted, note; /* note: 0, X_PUBLISHED + 1, X_UNWEIGHTED + 1 */
    uint32_t n, note_count;
    enum rule rule;           /* the branch of the status rule */
    uint8_t target_cumulative, has_cumulative, cumulative_int, rollup, partial, has_own, own_int;
    double cumulative, own;   /* the running total judged; the parent's own figure beside its roll-up */
    uint32_t cumulative_gaps; /* years of the running total without a figure */
    uint32_t members, with_data; /* a roll-up: its members, those with figures */
    /* a place's own figure taken as its value while some members lack figures: the roll-up
     * of those that have them, shown beside it (never silently left out) */
    uint8_t has_members_value, members_value_int;
    double members_value;
    uint32_t baseline;        /* evolution: the baseline period, NONE */
    uint32_t target_period;   /* NONE */
    uint32_t base_period;     /* assess: NONE */
    struct ctg_acc acc;       /* the roll-up the value comes from (present = 0: none) */
};

struct engine {
    struct kernel *k;       /* the strings (its cells and facts are freed once copied) */
    struct ecell *cells;
    uint32_t ncells, cells_cap;
    struct map cell_of;     /* (ind, period, territory, slice) -> cell */
    struct map months_of;   /* (ind, year, territory, slice) -> first month, in month_cells */
    uint32_t *month_cells;  /* runs of cell indexes, each ending with NONE, in period order */
    uint32_t nmonth_cells, month_cells_cap;
    struct indicator *inds;
    uint32_t ninds;
    struct target *targets;
    uint32_t ntargets;
    struct place *places;
    uint32_t nplaces;
    uint32_t *members;
    uint32_t nmembers;
    uint32_t nnames;        /* strings known when the engine was built: the arrays below */
    int32_t *place_of, *ind_of;
    struct map after_as_of; /* (period) -> 0 | 1, once asked */
    struct dimset *dimsets;
    uint32_t ndimsets, dimsets_cap;
    struct map dimset_of;   /* (ind, dim, NONE, NONE) -> dimset */
    uint32_t *dim_values;
    uint32_t ndim_values, dim_values_cap;
    struct slot slots[SLOTS];
    uint64_t clock;
    int32_t first_year;     /* the plan's first year */
    uint32_t plan_place;    /* the plan's own territory (its root), NONE when it has several */
    char *reasons[R_COUNT], *texts[X_COUNT], *statuses[S_COUNT];
    struct result res;      /* the result of the current value */
    struct ctg_buf line, scratch, names, found;
    struct month_entry *months_tmp;
    struct map pair_of;     /* (ind, period) -> pair: its kernel cells are pair_cells[pair_first[pair] ..] */
    uint32_t *pair_first, *pair_cells, *pair_tmp, npairs;
    struct map month_years; /* (ind, year, slice) with months */
    uint32_t nodims;        /* the id of "": the kernel's cells without dimensions */
    /* the window: past max_cells cells the kernel holds those of a run of indicators only
     * (plan order, [win_lo, win_hi) of inds), read again when a value needs another */
    uint32_t max_cells;
    int windowed;
    uint32_t win_lo, win_hi, windows; /* windows: how many were read */
    uint32_t *window_of;    /* by indicator (inds order): the first indicator of its window */
    uint8_t *admit;         /* by interned id: the indicators of the window being read */
    lua_State *L;
    int self;               /* the engine's stack index during a call */
};

static void result_free(struct result *r)
{
    free(r->reason_text.s);
    free(r->text.s);
    free(r->text_source.s);
    free(r->text_date.s);
}

static int engine_gc(lua_State *L)
{
    struct engine *E = luaL_checkudata(L, 1, ENGINE);
    free(E->cells);
    map_free(&E->cell_of);
    map_free(&E->months_of);
    free(E->month_cells);
    free(E->inds);
    free(E->targets);
    free(E->places);
    free(E->members);
    free(E->place_of);
    free(E->ind_of);
    map_free(&E->after_as_of);
    free(E->dimsets);
    map_free(&E->dimset_of);
    free(E->dim_values);
    for (int i = 0; i < SLOTS; i++) {
        free(E->slots[i].state);
        free(E->slots[i].accs);
        free(E->slots[i].own);
    }
    for (int i = 0; i < R_COUNT; i++)
        free(E->reasons[i]);
    for (int i = 0; i < X_COUNT; i++)
        free(E->texts[i]);
    for (int i = 0; i < S_COUNT; i++)
        free(E->statuses[i]);
    result_free(&E->res);
    free(E->line.s);
    free(E->scratch.s);
    free(E->names.s);
    free(E->found.s);
    free(E->months_tmp);
    map_free(&E->pair_of);
    map_free(&E->month_years);
    free(E->pair_first);
    free(E->pair_cells);
    free(E->pair_tmp);
    free(E->window_of);
    free(E->admit);
    memset(E, 0, sizeof *E);
    return 0;
}

static void oom(lua_State *L) { ctg_lua_raise(L, CTG_ERR_NOMEM, NULL); }

static uint32_t name_of(struct engine *E, const char *s, size_t n)
{
    int64_t id = ctg_kernel_intern(E->k, s, n);
    if (id < 0)
        oom(E->L);
    return (uint32_t)id;
}

static uint32_t name_at(struct engine *E, int idx)
{
    size_t n;
    const char *s = luaL_checklstring(E->L, idx, &n);
    return name_of(E, s, n);
}

static const char *text_of(const struct engine *E, uint32_t id) { return ctg_kernel_string(E->k, id); }

static int32_t year_of(const char *period) { return ctg_period_year(period); }

static int is_month(const char *p)
{
    return year_of(p) != INT32_MIN && p[4] == '-' && p[5] >= '0' && p[5] <= '9' && p[6] >= '0' && p[6] <= '9' &&
           p[7] == '\0';
}

/* What Lua makes of a stored figure: an integer when it is integral (see set_number in eval.c). */
static int integral(double v)
{
    return v >= -9223372036854775808.0 && v < 9223372036854775808.0 && floor(v) == v;
}

/* ---- cells ----------------------------------------------------------------------------- */

/* A cell is referred to by its index among the kernel's cells (every dimension value
 * summed), or with DIMCELL set by its index among the engine's (one dimension value). */
#define DIMCELL 0x80000000u

static void cell_at(const struct engine *E, uint32_t ref, struct ecell *out)
{
    if (ref & DIMCELL) {
        *out = E->cells[ref & ~DIMCELL];
        return;
    }
    uint32_t key[4];
    ctg_kernel_cell(E->k, ref, key, &out->s);
    out->ind = key[0], out->period = key[1], out->territory = key[2], out->slice = 0;
    out->ints = (uint8_t)((integral(out->s.value) ? F_VALUE : 0) | (integral(out->s.numerator) ? F_NUM : 0) |
                          (integral(out->s.denominator) ? F_DEN : 0) | (integral(out->s.weighted) ? F_WEIGHTED : 0));
}

static uint32_t find_cell(const struct engine *E, uint32_t ind, uint32_t period, uint32_t t, uint32_t slice)
{
    if (slice == 0)
        return ctg_kernel_find(E->k, ind, period, t, E->nodims);
    uint32_t i = map_get(&E->cell_of, ind, period, t, slice);
    return i == NONE ? NONE : i | DIMCELL;
}

static uint32_t cell_new(struct engine *E, uint32_t ind, uint32_t period, uint32_t territory, uint32_t slice)
{
    if (grow((void **)&E->cells, &E->cells_cap, E->ncells + 1, sizeof *E->cells) != 0 ||
        map_put(&E->cell_of, ind, period, territory, slice, E->ncells) != 0)
        oom(E->L);
    struct ecell *c = &E->cells[E->ncells];
    memset(c, 0, sizeof *c);
    c->ind = ind, c->period = period, c->territory = territory, c->slice = slice;
    return E->ncells++;
}

/* The months: for each (indicator, year, territory, slice), its monthly cells in period
 * order, so that a year without its own figure sums them. */
struct month_entry {
    uint32_t ind, year, territory, slice, period, cell;
};
static const struct engine *sort_engine; /* qsort has no user data in C11 */

static int cmp_month_entries(const void *pa, const void *pb)
{
    const struct month_entry *a = pa, *b = pb;
    if (a->ind != b->ind) return a->ind < b->ind ? -1 : 1;
    if (a->slice != b->slice) return a->slice < b->slice ? -1 : 1;
    if (a->territory != b->territory) return a->territory < b->territory ? -1 : 1;
    if (a->year != b->year) return a->year < b->year ? -1 : 1;
    return strcmp(text_of(sort_engine, a->period), text_of(sort_engine, b->period));
}

/* Adds cell ref to the list when it is a month's. */
static void month_entry(struct engine *E, struct month_entry **list, uint32_t *n, uint32_t *cap, uint32_t ref,
                        const struct ecell *c)
{
    const char *p = text_of(E, c->period);
    if (!is_month(p))
        return;
    uint32_t year = name_of(E, p, 4);
    if (grow((void **)list, cap, *n + 1, sizeof **list) != 0)
        oom(E->L);
    (*list)[(*n)++] = (struct month_entry){c->ind, year, c->territory, c->slice, c->period, ref};
}

static void index_months(struct engine *E, struct month_entry *list, uint32_t n)
{
    if (n == 0)
        return;
    sort_engine = E;
    qsort(list, n, sizeof *list, cmp_month_entries);
    /* each run: its cells, then NONE */
    if (grow((void **)&E->month_cells, &E->month_cells_cap, E->nmonth_cells + 2 * n, sizeof(uint32_t)) != 0)
        oom(E->L);
    for (uint32_t i = 0; i < n; i++) {
        const struct month_entry *m = &list[i];
        if (i == 0 || m->ind != list[i - 1].ind || m->slice != list[i - 1].slice ||
            m->territory != list[i - 1].territory || m->year != list[i - 1].year) {
            if (i > 0)
                E->month_cells[E->nmonth_cells++] = NONE;
            if (map_put(&E->months_of, m->ind, m->year, m->territory, m->slice, E->nmonth_cells) != 0 ||
                map_put(&E->month_years, m->ind, m->year, m->slice, 0, 0) != 0)
                oom(E->L);
        }
        E->month_cells[E->nmonth_cells++] = m->cell;
    }
    E->month_cells[E->nmonth_cells++] = NONE;
}

/* The months of the kernel's cells; the months list lives in E->months_tmp (freed by __gc
 * if anything fails) */
static void index_main_months(struct engine *E)
{
    uint32_t n = 0, cap = 0;
    for (uint32_t i = 0; i < ctg_kernel_ncells(E->k); i++) {
        struct ecell c;
        cell_at(E, i, &c);
        month_entry(E, &E->months_tmp, &n, &cap, i, &c);
    }
    index_months(E, E->months_tmp, n);
    free(E->months_tmp);
    E->months_tmp = NULL;
}

/* The kernel's cells grouped by (indicator, period), so that a slot finds the cells of its
 * period by territory in an array rather than by a hash probe per territory. */
static void index_pairs(struct engine *E)
{
    uint32_t n = ctg_kernel_ncells(E->k), cap = 0, *count = NULL;
    E->pair_tmp = malloc((n ? n : 1) * sizeof *E->pair_tmp);
    if (!E->pair_tmp)
        oom(E->L);
    for (uint32_t i = 0; i < n; i++) {
        uint32_t key[4];
        struct ctg_sums sums;
        ctg_kernel_cell(E->k, i, key, &sums);
        uint32_t pair = map_get(&E->pair_of, key[0], key[1], 0, 0);
        if (pair == NONE) {
            pair = E->npairs++;
            if (map_put(&E->pair_of, key[0], key[1], 0, 0, pair) != 0 ||
                grow((void **)&E->pair_first, &cap, E->npairs + 1, sizeof *E->pair_first) != 0)
                oom(E->L);
            E->pair_first[pair] = 0;
        }
        E->pair_first[pair]++;
        E->pair_tmp[i] = pair;
    }
    if (grow((void **)&E->pair_first, &cap, E->npairs + 1, sizeof *E->pair_first) != 0)
        oom(E->L);
    uint32_t at = 0; /* counts -> starts */
    for (uint32_t p = 0; p < E->npairs; p++) {
        uint32_t c = E->pair_first[p];
        E->pair_first[p] = at;
        at += c;
    }
    E->pair_first[E->npairs] = at;
    E->pair_cells = malloc((n ? n : 1) * sizeof *E->pair_cells);
    count = calloc(E->npairs ? E->npairs : 1, sizeof *count);
    if (!E->pair_cells || !count) {
        free(count);
        oom(E->L);
    }
    for (uint32_t i = 0; i < n; i++)
        E->pair_cells[E->pair_first[E->pair_tmp[i]] + count[E->pair_tmp[i]]++] = i;
    free(count);
    free(E->pair_tmp);
    E->pair_tmp = NULL;
}

/* ---- dimension slices: the cells of one indicator by the values of one dimension ------- */

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* s[0..n) with %XX decoded, into b (rows.decode_dims' unescape) */
static void unescape_into(lua_State *L, struct ctg_buf *b, const char *s, size_t n)
{
    sb_reset(b);
    sb_addn(L, b, "", 0);
    for (size_t i = 0; i < n; i++) {
        int h, l;
        if (s[i] == '%' && i + 2 < n && (h = hexval(s[i + 1])) >= 0 && (l = hexval(s[i + 2])) >= 0) {
            char c = (char)(h * 16 + l);
            sb_addn(L, b, &c, 1);
            i += 2;
        } else {
            sb_addn(L, b, s + i, 1);
        }
    }
}

/* The value of dim in the canonical dimensions text, into E->scratch; 0 when absent. */
static int dim_value(struct engine *E, const char *dims, const char *dim, struct ctg_buf *found)
{
    int has = 0;
    const char *p = dims;
    while (*p) {
        const char *end = strchr(p, ';');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        const char *eq = memchr(p, '=', n);
        if (n > 0 && eq) {
            unescape_into(E->L, &E->scratch, p, (size_t)(eq - p));
            if (strcmp(E->scratch.s, dim) == 0) {
                unescape_into(E->L, found, eq + 1, n - (size_t)(eq - p) - 1);
                has = 1; /* a name given twice: the last one, as decode_dims */
            }
        }
        p += n;
        if (*p == ';')
            p++;
    }
    return has;
}

static const struct engine *sort_values_engine;
static int cmp_values(const void *pa, const void *pb)
{
    const uint32_t *a = pa, *b = pb;
    return strcmp(text_of(sort_values_engine, a[0]), text_of(sort_values_engine, b[0]));
}

/* The dimension set of (ind, dim), read on first use: one more kernel pass over the
 * indicator's rows by dimension values, merged by the value of dim (the others summed). */
static const struct dimset *dimset_get(struct engine *E, uint32_t ind, const char *dim)
{
    uint32_t dimid = name_of(E, dim, strlen(dim));
    uint32_t d = map_get(&E->dimset_of, ind, dimid, NONE, NONE);
    if (d != NONE)
        return &E->dimsets[d];
    lua_State *L = E->L;
    lua_getiuservalue(L, E->self, 2); /* the store */
    struct ctg_engine *db = ctg_store_engine(L, -1);
    lua_getiuservalue(L, E->self, 3); /* the plan id */
    const char *plan_id = lua_tostring(L, -1);
    int top = lua_gettop(L);
    struct kernel *k = ctg_kernel_new(L);
    lua_toclose(L, -1);
    ctg_kernel_read(L, k, db, plan_id, text_of(E, ind), 1);
    uint32_t from = E->ncells;
    uint32_t first = E->ndim_values, count = 0;
    struct ctg_buf *value = &E->found;
    for (uint32_t i = 0; i < ctg_kernel_ncells(k); i++) {
        uint32_t key[4];
        struct ctg_sums s;
        ctg_kernel_cell(k, i, key, &s);
        if (!dim_value(E, ctg_kernel_string(k, key[3]), dim, value))
            continue;
        uint32_t vid = name_of(E, value->s, value->len);
        /* the slice: "\1dim\1value", an id no dimensions text can take */
        sb_reset(&E->scratch);
        sb_add(L, &E->scratch, "\1");
        sb_add(L, &E->scratch, dim);
        sb_add(L, &E->scratch, "\1");
        sb_addn(L, &E->scratch, value->s, value->len);
        uint32_t slice = name_of(E, E->scratch.s, E->scratch.len);
        uint32_t j;
        for (j = first; j < first + count; j++)
            if (E->dim_values[2 * j] == vid)
                break;
        if (j == first + count) {
            if (grow((void **)&E->dim_values, &E->dim_values_cap, 2 * (first + count + 1), sizeof(uint32_t)) != 0)
                oom(L);
            E->dim_values[2 * j] = vid, E->dim_values[2 * j + 1] = slice;
            count++;
        }
        uint32_t period = name_of(E, ctg_kernel_string(k, key[1]), strlen(ctg_kernel_string(k, key[1])));
        uint32_t territory = name_of(E, ctg_kernel_string(k, key[2]), strlen(ctg_kernel_string(k, key[2])));
        uint32_t ci = map_get(&E->cell_of, ind, period, territory, slice);
        if (ci == NONE) {
            ci = cell_new(E, ind, period, territory, slice);
            E->cells[ci].ints = F_VALUE | F_NUM | F_DEN | F_WEIGHTED;
        }
        /* the merge of the former dimension_index: sums, no text or missing rows */
        struct ecell *m = &E->cells[ci];
        m->s.n += s.n, m->s.missing += s.missing, m->s.texts += s.texts;
        m->s.values += s.values, m->s.ratios += s.ratios, m->s.weighted_values += s.weighted_values;
        if (s.weighted_values) {
            m->s.weighted += s.weighted;
            if (!integral(s.weighted)) m->ints &= ~F_WEIGHTED;
        }
        if (s.values) {
            int had = m->s.values > s.values;
            m->s.max = had ? fmax(m->s.max, s.max) : s.max;
            m->s.value += s.value;
            if (!integral(s.value)) m->ints &= ~F_VALUE;
        }
        if (s.has_numerator) {
            m->s.numerator += s.numerator, m->s.has_numerator = 1;
            if (!integral(s.numerator)) m->ints &= ~F_NUM;
        }
        if (s.has_denominator) {
            m->s.denominator += s.denominator, m->s.has_denominator = 1;
            if (!integral(s.denominator)) m->ints &= ~F_DEN;
        }
    }
    lua_settop(L, top); /* closes the kernel */
    E->ndim_values += count;
    sort_values_engine = E;
    if (count > 0)
        qsort(E->dim_values + 2 * first, count, 2 * sizeof(uint32_t), cmp_values);
    uint32_t nm = 0, cap = 0;
    for (uint32_t i = from; i < E->ncells; i++) {
        struct ecell c = E->cells[i];
        month_entry(E, &E->months_tmp, &nm, &cap, i | DIMCELL, &c);
    }
    index_months(E, E->months_tmp, nm);
    free(E->months_tmp);
    E->months_tmp = NULL;
    if (grow((void **)&E->dimsets, &E->dimsets_cap, E->ndimsets + 1, sizeof *E->dimsets) != 0 ||
        map_put(&E->dimset_of, ind, dimid, NONE, NONE, E->ndimsets) != 0)
        oom(L);
    E->dimsets[E->ndimsets] = (struct dimset){ind, dimid, first, count};
    return &E->dimsets[E->ndimsets++];
}

/* The slice of (ind, dim = value): NONE when the value has no cell (nothing to roll up). */
static uint32_t slice_of(struct engine *E, uint32_t ind, const char *dim, const char *value)
{
    const struct dimset *ds = dimset_get(E, ind, dim);
    for (uint32_t j = ds->first; j < ds->first + ds->count; j++)
        if (strcmp(text_of(E, E->dim_values[2 * j]), value) == 0)
            return E->dim_values[2 * j + 1];
    return NONE;
}

/* ---- roll-up --------------------------------------------------------------------------- */

/* A cell into a running value, by the kind's accumulator. */
static void add_cell(const struct ctg_kind_ops *ops, struct ctg_acc *a, const struct ecell *c)
{
    const struct ctg_sums *s = &c->s;
    const struct ctg_kind_cell in = {s->n, s->values, s->missing, s->texts, s->weighted_values, s->text_row,
                                     s->missing_row, s->value, s->numerator, s->denominator, s->weighted,
                                     s->has_numerator, s->has_denominator, c->ints};
    ops->accumulate(a, &in);
}

/* The cells of territory t in period: the period's own cell, else for a year its months in
 * order (a yearly figure takes precedence over monthly ones). Returns how many, in *list
 * (a single cell in *one). */
static uint32_t own_cells(const struct engine *E, const struct slot *sl, uint32_t t, const uint32_t **list,
                          uint32_t *one)
{
    *one = sl->own && sl->slice == 0 && t < sl->size ? sl->own[t] : find_cell(E, sl->ind, sl->period, t, sl->slice);
    if (*one != NONE) {
        *list = one;
        return 1;
    }
    uint32_t first = sl->months ? map_get(&E->months_of, sl->ind, sl->period, t, sl->slice) : NONE;
    if (first == NONE)
        return 0;
    *list = E->month_cells + first;
    uint32_t n = 0;
    while ((*list)[n] != NONE)
        n++;
    return n;
}

/* Which of n cells a time combination reads: all (sum, mean), the last, or the one with the
 * highest figure (max). Returns the index of the one, or -1 for all. */
static int64_t over_time_pick(const struct engine *E, const uint32_t *list, uint32_t n, enum timefn time)
{
    if (n == 1 || time == T_SUM || time == T_MEAN)
        return -1;
    if (time == T_LAST)
        return n - 1;
    int64_t best = -1;
    double best_max = 0;
    for (uint32_t i = 0; i < n; i++) {
        struct ecell c;
        cell_at(E, list[i], &c);
        if (c.s.values && (best < 0 || c.s.max > best_max))
            best = i, best_max = c.s.max;
    }
    return best >= 0 ? best : n - 1;
}

static void over_time(const struct engine *E, const uint32_t *list, uint32_t n, const struct indicator *ind,
                      struct ctg_acc *a)
{
    enum timefn time = ind->time;
    memset(a, 0, sizeof *a);
    int64_t pick = over_time_pick(E, list, n, time);
    struct ecell c;
    if (pick >= 0) {
        cell_at(E, list[pick], &c);
        add_cell(ind->ops, a, &c);
    } else {
        uint32_t with_value = 0;
        for (uint32_t i = 0; i < n; i++) {
            cell_at(E, list[i], &c);
            add_cell(ind->ops, a, &c);
            with_value += c.s.values > 0;
        }
        if (n > 1 && time == T_MEAN) { /* the mean of each period's figures */
            if (with_value > 0 && (a->has & F_VALUE)) a->value /= with_value, a->ints &= ~F_VALUE;
            if (a->has & F_NUM) a->numerator /= n, a->ints &= ~F_NUM;
            if (a->has & F_DEN) a->denominator /= n, a->ints &= ~F_DEN;
            if (a->has & F_WEIGHTED) a->weighted /= n, a->ints &= ~F_WEIGHTED;
        }
    }
    a->present = 1, a->own = 1;
}

/* ---- the window: a run of indicators whose cells the kernel holds ---------------------- */

/* Indexes the kernel's cells (pairs, months) and the months of the dimension cells afresh,
 * every memoised roll-up forgotten: after the kernel has read another window. */
static void reindex(struct engine *E)
{
    map_free(&E->pair_of);
    free(E->pair_first);
    free(E->pair_cells);
    E->pair_first = E->pair_cells = NULL;
    E->npairs = 0;
    map_free(&E->months_of);
    map_free(&E->month_years);
    E->nmonth_cells = 0;
    index_main_months(E);
    uint32_t n = 0, cap = 0;
    for (uint32_t i = 0; i < E->ncells; i++)
        month_entry(E, &E->months_tmp, &n, &cap, i | DIMCELL, &E->cells[i]);
    index_months(E, E->months_tmp, n);
    free(E->months_tmp);
    E->months_tmp = NULL;
    index_pairs(E);
    for (int i = 0; i < SLOTS; i++) {
        struct slot *sl = &E->slots[i];
        sl->ind = NONE, sl->used = 0;
    }
}

/* Makes the kernel hold the cells of indicator ind (an interned id): when the engine is
 * windowed and ind is not in the window, the kernel reads the observations again, keeping
 * the window of ind: the plan's indicators cut once, in plan order, into runs whose rows fit
 * max_cells (an indicator alone when it has more). Evaluating indicators in plan order reads
 * each window once, and a report that goes through them several times reads the same
 * windows again rather than overlapping ones. */
static void load_window(struct engine *E, uint32_t ind)
{
    if (!E->windowed || ind >= E->nnames || E->ind_of[ind] < 0)
        return;
    uint32_t at = (uint32_t)E->ind_of[ind];
    if (at >= E->win_lo && at < E->win_hi)
        return;
    uint32_t lo = E->window_of[at], hi = lo;
    while (hi < E->ninds && E->window_of[hi] == lo)
        hi++;
    uint32_t nadmit = ctg_kernel_nstrings(E->k);
    free(E->admit);
    if (!(E->admit = calloc(nadmit ? nadmit : 1, 1))) oom(E->L);
    for (uint32_t i = lo; i < hi; i++) E->admit[E->inds[i].name] = 1;
    lua_State *L = E->L;
    lua_getiuservalue(L, E->self, 2); /* the store */
    lua_getiuservalue(L, E->self, 3); /* the plan id */
    struct ctg_window w = {E->admit, nadmit, 0, NULL, 0};
    E->win_lo = E->win_hi = 0; /* nothing held while reading: a failure leaves no stale window */
    ctg_kernel_read_window(L, E->k, ctg_store_engine(L, -2), lua_tostring(L, -1), &w);
    lua_pop(L, 2);
    free(E->admit);
    E->admit = NULL;
    reindex(E);
    E->win_lo = lo, E->win_hi = hi, E->windows++;
}

/* The windows of the indicators: from the kernel's count of rows by subject, the plan's
 * indicators cut in plan order into runs whose rows fit max_cells. */
static void cut_windows(struct engine *E)
{
    uint32_t n = E->ninds ? E->ninds : 1;
    uint32_t *rows = calloc(n, sizeof *rows);
    E->window_of = malloc(n * sizeof *E->window_of);
    if (!rows || !E->window_of) {
        free(rows);
        oom(E->L);
    }
    for (uint32_t i = 0; i < ctg_kernel_nsubjects(E->k); i++) {
        struct ctg_subject sub = ctg_kernel_subject(E->k, i);
        if (sub.rows && sub.name < E->nnames && E->ind_of[sub.name] >= 0)
            rows[E->ind_of[sub.name]] = sub.rows;
    }
    uint64_t held = 0;
    for (uint32_t i = 0, lo = 0; i < E->ninds; i++) {
        if (i > lo && held + rows[i] > E->max_cells)
            lo = i, held = 0;
        held += rows[i];
        E->window_of[i] = lo;
    }
    free(rows);
}

static struct slot *slot_for(struct engine *E, uint32_t ind, uint32_t period, uint32_t slice)
{
    load_window(E, ind);
    struct slot *lru = &E->slots[0];
    for (int i = 0; i < SLOTS; i++) {
        struct slot *s = &E->slots[i];
        if (s->state && s->ind == ind && s->period == period && s->slice == slice) {
            s->used = ++E->clock;
            return s;
        }
        if (s->used < lru->used)
            lru = s;
    }
    if (lru->size < E->nnames) {
        free(lru->state);
        free(lru->accs);
        free(lru->own);
        lru->own = NULL;
        lru->state = calloc(E->nnames, 1);
        lru->accs = malloc(E->nnames * sizeof *lru->accs);
        if (!lru->state || !lru->accs) {
            free(lru->state), free(lru->accs);
            memset(lru, 0, sizeof *lru);
            oom(E->L);
        }
        lru->size = E->nnames;
    } else {
        memset(lru->state, 0, lru->size);
    }
    lru->ind = ind, lru->period = period, lru->slice = slice, lru->used = ++E->clock;
    lru->months = map_get(&E->month_years, ind, period, slice, 0) != NONE;
    if (slice == 0) { /* the cells of the period, by territory */
        if (!lru->own && !(lru->own = malloc(lru->size * sizeof *lru->own)))
            oom(E->L);
        memset(lru->own, 0xFF, lru->size * sizeof *lru->own);
        uint32_t pair = map_get(&E->pair_of, ind, period, 0, 0);
        for (uint32_t i = pair == NONE ? 0 : E->pair_first[pair]; pair != NONE && i < E->pair_first[pair + 1]; i++) {
            uint32_t key[4];
            struct ctg_sums sums;
            ctg_kernel_cell(E->k, E->pair_cells[i], key, &sums);
            lru->own[key[2]] = E->pair_cells[i];
        }
    }
    return lru;
}

static const struct place *place_at(const struct engine *E, uint32_t name)
{
    return name < E->nnames && E->place_of[name] >= 0 ? &E->places[E->place_of[name]] : NULL;
}

static void sum_members(struct engine *E, struct slot *sl, const struct indicator *ind, uint32_t t, struct ctg_acc *a);

/* The roll-up of territory t: its own cells, else the sum of its sub-territories (a group:
 * of its members) that have any. NULL when none has anything. */
static const struct ctg_acc *accumulate(struct engine *E, struct slot *sl, const struct indicator *ind, uint32_t t,
                                    struct ctg_acc *scratch)
{
    struct ctg_acc *a = t < sl->size ? &sl->accs[t] : scratch;
    if (t < sl->size) {
        if (sl->state[t] == 2) return a->present ? a : NULL;
        if (sl->state[t] == 1) return NULL; /* a cycle of groups: not counted twice */
        sl->state[t] = 1;
    }
    const uint32_t *list;
    uint32_t one, n = own_cells(E, sl, t, &list, &one);
    if (n > 0) {
        over_time(E, list, n, ind, a);
        /* a ratio's value without its figures: a rate as published (CNAF, INSEE) */
        if (ind->kind == K_RATIO && a->values > 0) a->published = 1;
    } else {
        sum_members(E, sl, ind, t, a);
    }
    if (t < sl->size) sl->state[t] = 2;
    return a->present ? a : NULL;
}

/* The sum of the members of t (sub-territories, a group's territories) that have anything,
 * into *a: what t's own figure, when it has one, is shown beside. */
static void sum_members(struct engine *E, struct slot *sl, const struct indicator *ind, uint32_t t, struct ctg_acc *a)
{
    memset(a, 0, sizeof *a);
    const struct place *p = place_at(E, t);
    for (uint32_t i = 0; p && i < p->count; i++) {
        struct ctg_acc child;
        const struct ctg_acc *sub = accumulate(E, sl, ind, E->members[p->first + i], &child);
        if (sub && sub->n > 0) {
            a->present = 1;
            ind->ops->merge(a, sub);
        }
    }
}

/* The roll-up of (ind, period, t, slice) into *out (present = 0: nothing). */
static void raw(struct engine *E, const struct indicator *ind, uint32_t period, uint32_t t, uint32_t slice,
                struct ctg_acc *out)
{
    if (slice == NONE) { /* a dimension value without any cell */
        memset(out, 0, sizeof *out);
        return;
    }
    struct slot *sl = slot_for(E, ind->name, period, slice);
    struct ctg_acc scratch;
    const struct ctg_acc *a = accumulate(E, sl, ind, t, &scratch);
    if (a) *out = *a; else memset(out, 0, sizeof *out);
}

/* ---- the formulas ---------------------------------------------------------------------- */

static const struct indicator *indicator_at(lua_State *L, struct engine *E, int idx)
{
    size_t n;
    const char *s = luaL_checklstring(L, idx, &n);
    uint32_t id = name_of(E, s, n);
    if (id >= E->nnames || E->ind_of[id] < 0)
        luaL_error(L, "indicateur inconnu '%s'", s);
    return &E->inds[E->ind_of[id]];
}

/* Whether period starts after the as-of date (then, with nothing stored, it is not started):
 * asked once per period of ev:after_as_of. */
static int after_as_of(struct engine *E, uint32_t period)
{
    uint32_t known = map_get(&E->after_as_of, period, 0, 0, 0);
    if (known != NONE)
        return (int)known;
    lua_State *L = E->L;
    lua_getiuservalue(L, E->self, 1);
    lua_getfield(L, -1, "after_as_of");
    lua_insert(L, -2);
    lua_pushstring(L, text_of(E, period));
    lua_call(L, 2, 1);
    int after = lua_toboolean(L, -1);
    lua_pop(L, 1);
    if (map_put(&E->after_as_of, period, 0, 0, 0, (uint32_t)after) != 0)
        oom(L);
    return after;
}

/* ev:METHOD(row) -> its result on the stack (the reason of a missing row, the text row of a
 * qualitative one: the store knows how to read them) */
static void call_ev(struct engine *E, const char *method, int64_t row)
{
    lua_State *L = E->L;
    lua_getiuservalue(L, E->self, 1);
    lua_getfield(L, -1, method);
    lua_insert(L, -2);
    if (row) lua_pushinteger(L, (lua_Integer)row); else lua_pushnil(L);
    lua_call(L, 2, 1);
}

static void copy_string_field(lua_State *L, int idx, const char *field, struct ctg_buf *b)
{
    sb_reset(b);
    if (lua_getfield(L, idx, field) == LUA_TSTRING) {
        size_t n;
        const char *s = lua_tolstring(L, -1, &n);
        sb_addn(L, b, s, n);
    } else if (!lua_isnil(L, -1)) {
        size_t n;
        const char *s = luaL_tolstring(L, -1, &n);
        sb_addn(L, b, s, n);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}

/* Fills r->reason_text with REASONS[reason] and " (detail)" when a detail is given. */
static void not_available(struct engine *E, struct result *r, enum reason reason, const char *detail, int want_text)
{
    r->has_value = 0, r->value_is_text = 0;
    r->status = S_NOT_AVAILABLE;
    r->reason = reason;
    if (!want_text) return;
    sb_reset(&r->reason_text);
    sb_add(E->L, &r->reason_text, E->reasons[reason]);
    if (detail) {
        sb_add(E->L, &r->reason_text, " (");
        sb_add(E->L, &r->reason_text, detail);
        sb_add(E->L, &r->reason_text, ")");
    }
}

/* The places of a roll-up whose figure is a published rate (in plan order, depth first). */
static void unaggregable_titles(struct engine *E, struct slot *sl, const struct indicator *ind, uint32_t t,
                                struct ctg_buf *out)
{
    const struct place *p = place_at(E, t);
    for (uint32_t i = 0; p && i < p->count; i++) {
        uint32_t child = E->members[p->first + i];
        struct ctg_acc scratch;
        const struct ctg_acc *sub = accumulate(E, sl, ind, child, &scratch);
        if (!sub || sub->n == 0) continue;
        if (sub->published) {
            const struct place *cp = place_at(E, child);
            if (out->len > 0) sb_add(E->L, out, ", ");
            sb_add(E->L, out, text_of(E, cp && cp->title != NONE ? cp->title : child));
        } else if (sub->unaggregable) {
            unaggregable_titles(E, sl, ind, child, out);
        }
    }
}

/* text with its %s replaced by the arguments in turn */
static void format_text(struct engine *E, struct ctg_buf *out, const char *text, const char *a, const char *b)
{
    sb_reset(out);
    sb_addn(E->L, out, "", 0);
    const char *args[2] = {a, b};
    int next = 0;
    for (const char *p = text; *p; p++) {
        if (p[0] == '%' && p[1] == 's' && next < 2) {
            sb_add(E->L, out, args[next++] ? args[next - 1] : "");
            p++;
        } else {
            sb_addn(E->L, out, p, 1);
        }
    }
}

static void assess(struct engine *E, const struct indicator *ind, uint32_t period, uint32_t territory,
                   struct result *r, int want_text);

static void result_reset(struct result *r)
{
    struct ctg_buf keep[4] = {r->reason_text, r->text, r->text_source, r->text_date};
    memset(r, 0, sizeof *r);
    r->reason_text = keep[0], r->text = keep[1], r->text_source = keep[2], r->text_date = keep[3];
    sb_reset(&r->reason_text), sb_reset(&r->text), sb_reset(&r->text_source), sb_reset(&r->text_date);
    r->baseline = r->target_period = r->base_period = NONE;
}

/* Why a member of a roll-up gives it no figure: R_NONE when it gives one. A rate published
 * without its figures is not summed (R_PUBLISHED_ONLY): the roll-up is partial. */
static enum reason member_gap(const struct indicator *ind, const struct ctg_acc *sub)
{
    if (!sub || sub->n == 0) return R_NO_OBSERVATION;
    if (sub->n == sub->missing) return R_MISSING;
    if (ind->kind == K_RATIO) {
        if (sub->published) return R_PUBLISHED_ONLY;
        if ((sub->has & (F_NUM | F_DEN)) != (F_NUM | F_DEN))
            return sub->unaggregable ? R_PUBLISHED_ONLY : R_INCOMPLETE_RATIO;
        return R_NONE;
    }
    if (ind->kind == K_QUALITATIVE) return sub->texts ? R_NONE : R_NO_OBSERVATION;
    return (sub->has & F_VALUE) ? R_NONE : R_NO_OBSERVATION;
}

/* The members of t (its sub-territories, a group's territories) and how many give figures. */
static void count_members(struct engine *E, struct slot *sl, const struct indicator *ind, uint32_t t,
                          uint32_t *members, uint32_t *with_data)
{
    const struct place *p = place_at(E, t);
    *members = p ? p->count : 0, *with_data = 0;
    for (uint32_t i = 0; p && i < p->count; i++) {
        struct ctg_acc scratch;
        if (member_gap(ind, accumulate(E, sl, ind, E->members[p->first + i], &scratch)) == R_NONE) (*with_data)++;
    }
}

static void compute(struct engine *E, const struct indicator *ind, uint32_t period, uint32_t territory,
                    uint32_t slice, int want_text, struct result *r);
static void finish(struct engine *E, const struct indicator *ind, int want_text, const struct ctg_kind_param *param,
                   struct result *r);

/* The roll-up of the members of territory that have figures (with_data of members) into
 * r->members_value, when it has a value. */
static void members_beside(struct engine *E, const struct indicator *ind, uint32_t period, uint32_t territory,
                           uint32_t slice, uint32_t members, uint32_t with_data, struct result *r)
{
    struct result sum;
    memset(&sum, 0, sizeof sum);
    result_reset(&sum);
    sum_members(E, slot_for(E, ind->name, period, slice), ind, territory, &sum.acc);
    compute(E, ind, period, territory, slice, 0, &sum);
    if (sum.has_value) {
        r->has_members_value = 1, r->members_value = sum.value, r->members_value_int = sum.value_int;
        r->members = members, r->with_data = with_data;
    }
    result_free(&sum);
}

/* A place with members: its roll-up says how many members give figures (partial when some
 * do not; n.d. when the indicator wants it complete), and a figure stored for the place
 * itself (the CNAF's EPCI rate) is kept beside the roll-up of its members when every member
 * has figures, else it is the value (the roll-up would leave some out); a place's own text
 * (qualitative) is always its value. Returns 0 when the value is decided (n.d.). */
static int rollup_or_own(struct engine *E, const struct indicator *ind, uint32_t period, uint32_t territory,
                         uint32_t slice, int want_text, struct result *r)
{
    const struct place *p = place_at(E, territory);
    if (!p || p->count == 0 || slice == NONE || !r->acc.present || (ind->kind == K_RATIO && !ind->defined)) return 1;
    uint32_t members, with_data;
    count_members(E, slot_for(E, ind->name, period, slice), ind, territory, &members, &with_data);
    if (r->acc.own) {
        /* a text is the place's own assessment, never its members' */
        if (ind->kind == K_QUALITATIVE) return 1;
        if (with_data < members) {
            /* the own figure is the value (the roll-up would leave some members out), the
             * partial roll-up of the others beside it */
            if (with_data > 0) members_beside(E, ind, period, territory, slice, members, with_data, r);
            return 1;
        }
        struct result own;
        memset(&own, 0, sizeof own);
        result_reset(&own);
        own.acc = r->acc;
        compute(E, ind, period, territory, slice, 0, &own);
        result_free(&own);
        /* own rows that only say "missing" leave the complete roll-up alone; an own figure
         * not available for another reason (its baseline, its denominator) is the value */
        if (own.has_value) r->has_own = 1, r->own = own.value, r->own_int = own.value_int;
        else if (r->acc.n != r->acc.missing) return 1;
        sum_members(E, slot_for(E, ind->name, period, slice), ind, territory, &r->acc);
    }
    r->rollup = 1, r->members = members, r->with_data = with_data, r->partial = with_data < members;
    if (ind->complete && r->partial) {
        char detail[48];
        snprintf(detail, sizeof detail, "%u/%u", (unsigned)with_data, (unsigned)members);
        not_available(E, r, R_INCOMPLETE_ROLLUP, detail, want_text);
        return 0;
    }
    return 1;
}

/* The value of ind at (period, territory, slice) into r: the former Ev:value, step by step,
 * then judged against its target (unless unassessed). want_text: compose the reasons and
 * read the texts (a baseline looked up by assess only needs its number). */
static void value(struct engine *E, const struct indicator *ind, uint32_t period, uint32_t territory, uint32_t slice,
                  int unassessed, int want_text, struct result *r)
{
    result_reset(r);
    raw(E, ind, period, territory, slice, &r->acc);
    if (rollup_or_own(E, ind, period, territory, slice, want_text, r)) compute(E, ind, period, territory, slice, want_text, r);
    if (!unassessed) assess(E, ind, period, territory, r, want_text);
}

/* The formula of ind's kind on the roll-up r->acc, into r. */
static void compute(struct engine *E, const struct indicator *ind, uint32_t period, uint32_t territory,
                    uint32_t slice, int want_text, struct result *r)
{
    if (ind->kind == K_RATIO && !ind->defined) {
        /* the plan itself gives no formula: say so rather than compute anything */
        const struct ctg_acc *a = &r->acc;
        if (!a->present || (!(a->has & (F_NUM | F_DEN)) && !a->published && !a->unaggregable)) {
            r->acc.present = 0; /* no sources, no missing territories */
            not_available(E, r, R_NOT_DEFINED, NULL, want_text);
            return;
        }
    }
    const struct ctg_acc *a = &r->acc;
    /* a stored value is shown whatever the date: "not started" only says why nothing is there */
    if (!a->present || a->n == 0) {
        not_available(E, r, after_as_of(E, period) ? R_NOT_STARTED : R_NO_OBSERVATION, NULL, want_text);
        return;
    }
    if (a->n == a->missing) {
        if (!want_text) {
            not_available(E, r, R_MISSING, NULL, 0);
            return;
        }
        call_ev(E, "missing_reason", a->missing_row);
        const char *why = lua_tostring(E->L, -1);
        if (why) {
            sb_reset(&E->scratch);
            sb_add(E->L, &E->scratch, why);
        }
        lua_pop(E->L, 1);
        not_available(E, r, R_MISSING, why ? E->scratch.s : NULL, 1);
        return;
    }
    r->n = a->n;
    struct ctg_kind_param param = {ind->scale, 0, 0, 0};
    switch (ind->kind) {
    case K_QUALITATIVE:
        if (!want_text) { /* never asked: qualitative values have no target */
            r->value_is_text = 1;
            return;
        }
        call_ev(E, "text_row", a->text_row);
        if (!lua_istable(E->L, -1)) {
            lua_pop(E->L, 1);
            not_available(E, r, R_NO_OBSERVATION, NULL, 1);
            return;
        }
        copy_string_field(E->L, -1, "text", &r->text);
        copy_string_field(E->L, -1, "source", &r->text_source);
        copy_string_field(E->L, -1, "imported_at", &r->text_date);
        lua_pop(E->L, 1);
        r->value_is_text = r->text.set;
        return; /* no target for a text */
    case K_RATIO:
        r->has_num = (a->has & F_NUM) != 0, r->numerator = a->numerator, r->num_int = (a->ints & F_NUM) != 0;
        r->has_den = (a->has & F_DEN) != 0, r->denominator = a->denominator, r->den_int = (a->ints & F_DEN) != 0;
        if (a->unaggregable && (a->has & (F_NUM | F_DEN)) != (F_NUM | F_DEN)) {
            r->has_num = r->has_den = 0; /* nothing but published rates */
            not_available(E, r, R_UNAGGREGABLE, NULL, 0);
            if (want_text) {
                struct ctg_buf *names = &E->names;
                sb_reset(names);
                unaggregable_titles(E, slot_for(E, ind->name, period, slice), ind, territory, names);
                format_text(E, &r->reason_text, E->texts[X_UNAGGREGABLE], names->s ? names->s : "", NULL);
            }
            return;
        }
        if (a->published) {
            /* shown for its own territory as published; several can only be summed as figures */
            if (a->values != 1 || (a->has & (F_NUM | F_DEN))) {
                not_available(E, r, R_UNAGGREGABLE, NULL, 0);
                if (want_text) {
                    const struct place *p = place_at(E, territory);
                    format_text(E, &r->reason_text, E->texts[X_UNAGGREGABLE_MANY],
                                text_of(E, p && p->title != NONE ? p->title : territory), text_of(E, period));
                }
                return;
            }
            r->has_value = 1, r->value = a->value, r->value_int = (a->ints & F_VALUE) != 0;
            r->published = 1, r->note = X_PUBLISHED + 1;
            return;
        }
        break;
    case K_EVOLUTION:
        /* the value at the baseline period, for the accumulator to divide by */
        if ((a->has & F_VALUE) && ind->has_baseline) {
            struct ctg_acc base;
            raw(E, ind, ind->baseline, territory, slice, &base);
            param.has_base = base.present && (base.has & F_VALUE);
            param.base = base.value, param.base_int = (base.ints & F_VALUE) != 0;
        }
        break;
    default:
        break;
    }
    finish(E, ind, want_text, &param, r);
}

/* The accumulator's value of r->acc into r, or why there is none. */
static void finish(struct engine *E, const struct indicator *ind, int want_text, const struct ctg_kind_param *param,
                   struct result *r)
{
    struct ctg_kind_out o;
    enum ctg_kind_why why = ind->ops->finish(&r->acc, param, &o);
    r->has_num = o.has_num, r->numerator = o.numerator, r->num_int = o.num_int;
    r->has_den = o.has_den, r->denominator = o.denominator, r->den_int = o.den_int;
    switch (why) {
    case CTG_KIND_OK:
        break;
    case CTG_KIND_NO_BASELINE:
        not_available(E, r, R_NO_BASELINE,
                      ind->has_baseline ? text_of(E, ind->baseline) : E->texts[X_NO_BASELINE_PERIOD], want_text);
        return;
    case CTG_KIND_ZERO_BASELINE:
        not_available(E, r, R_ZERO_BASELINE, text_of(E, ind->baseline), want_text);
        return;
    case CTG_KIND_INCOMPLETE_RATIO:
        not_available(E, r, R_INCOMPLETE_RATIO, NULL, want_text);
        return;
    case CTG_KIND_ZERO_DENOMINATOR:
        not_available(E, r, R_ZERO_DENOMINATOR, NULL, want_text);
        return;
    default: /* no observation; a text is read by compute, never finished */
        not_available(E, r, R_NO_OBSERVATION, NULL, want_text);
        return;
    }
    r->has_value = o.has_value, r->value = o.value, r->value_int = o.value_int;
    r->has_change = o.has_change, r->change = o.change;
    r->has_share = o.has_share, r->share = o.share;
    r->has_respondents = o.has_respondents, r->respondents = o.respondents, r->respondents_int = o.respondents_int;
    if (o.unweighted) r->unweighted = 1, r->note = X_UNWEIGHTED + 1, r->note_count = o.unweighted;
    if (ind->kind == K_EVOLUTION) r->baseline = ind->baseline;
}

/* The target to judge period against: the period's own, else the next one due, else (past
 * the last one) the last one. */
static const struct target *target_for(const struct engine *E, const struct indicator *ind, uint32_t period)
{
    if (ind->ntargets == 0) return NULL;
    const struct target *best = NULL, *last = NULL;
    for (uint32_t i = 0; i < ind->ntargets; i++) {
        const struct target *t = &E->targets[ind->first_target + i];
        if (t->exact && t->key == period) return t;
    }
    int32_t y = year_of(text_of(E, period));
    for (uint32_t i = 0; i < ind->ntargets; i++) {
        const struct target *t = &E->targets[ind->first_target + i];
        if (t->year >= y && (!best || t->year < best->year)) best = t;
        if (!last || t->year > last->year) last = t;
    }
    return best ? best : last;
}

static uint32_t year_name(struct engine *E, int32_t y)
{
    char year[16];
    snprintf(year, sizeof year, "%d", (int)y);
    return name_of(E, year, strlen(year));
}

/* The baseline of a yearly target for territory, before year: the value at the indicator's
 * reference period when it has one there, else the earliest value from the year before the
 * plan. 0 when there is none (the first year with data). */
static int baseline_of(struct engine *E, const struct indicator *ind, int32_t year, uint32_t territory, double *base,
                       int *base_int, uint32_t *base_period)
{
    struct result sub;
    memset(&sub, 0, sizeof sub);
    int found = 0;
    if (ind->kind == K_EVOLUTION) { /* a value relative to its reference period: 1 there */
        if (ind->has_baseline && year_of(text_of(E, ind->baseline)) < year)
            found = 1, *base = 1, *base_int = 1, *base_period = ind->baseline;
        return found;
    }
    if (ind->has_baseline && year_of(text_of(E, ind->baseline)) < year) {
        value(E, ind, ind->baseline, territory, 0, 1, 0, &sub);
        if (sub.has_value) found = 1, *base = sub.value, *base_int = sub.value_int, *base_period = ind->baseline;
    }
    for (int32_t y = E->first_year - 1; !found && y < year; y++) {
        uint32_t yp = year_name(E, y);
        value(E, ind, yp, territory, 0, 1, 0, &sub);
        if (sub.has_value) found = 1, *base = sub.value, *base_int = sub.value_int, *base_period = yp;
    }
    result_free(&sub);
    return found;
}

/* The running total of a flow from the indicator's start to period (the period's own value
 * included) into r->cumulative; the years without a figure are counted, not guessed. */
static void running_total(struct engine *E, const struct indicator *ind, uint32_t period, uint32_t territory,
                          struct result *r)
{
    struct result sub;
    memset(&sub, 0, sizeof sub);
    double total = r->value;
    int is_int = r->value_int;
    uint32_t gaps = 0;
    for (int32_t y = ind->start, last = year_of(text_of(E, period)); y < last; y++) {
        value(E, ind, year_name(E, y), territory, 0, 1, 0, &sub);
        if (sub.has_value) total += sub.value, is_int = is_int && sub.value_int;
        else gaps++;
    }
    result_free(&sub);
    r->has_cumulative = 1, r->cumulative = total, r->cumulative_int = (uint8_t)is_int, r->cumulative_gaps = gaps;
}

/* The status against the target, by one rule (ctg help eval). The direction is the
 * indicator's, never the sign of target - baseline:
 *   achieved      the value (a flow's running total for a cumulative target) meets the target;
 *   not achieved  it does not, and there is no baseline to measure progress from;
 *   receding      it moved away from the target since the baseline;
 *   on track      the progress from the baseline toward the target is at least the share of
 *                 time elapsed from the baseline's year to the target's (a straight path);
 *   behind        otherwise, and whenever the target's year has passed.
 * Without a value the target is still given (status not available). */
static void assess(struct engine *E, const struct indicator *ind, uint32_t period, uint32_t territory,
                   struct result *r, int want_text)
{
    (void)want_text;
    if (ind->no_target) return; /* a kind without targets (a text) */
    /* a count adds up over territories: its target is the plan territory's total, never each
     * member's (12 places to create in the EPCI are not 12 in each commune); a rate, a score
     * or an evolution holds for every territory */
    if (ind->root_target && E->plan_place != NONE && territory != E->plan_place) return;
    const struct target *t = target_for(E, ind, period);
    if (!t) return;
    r->has_target = 1, r->target = t->value, r->target_int = t->is_int, r->target_period = t->key;
    r->target_cumulative = ind->cumulative;
    if (!r->has_value || r->value_is_text) {
        r->rule = U_NO_VALUE;
        return;
    }
    int32_t year = year_of(text_of(E, period));
    double v = r->value, base = 0, target = t->value;
    int base_int = 0, has_base;
    uint32_t base_period = NONE;
    if (ind->cumulative) {
        running_total(E, ind, period, territory, r);
        v = r->cumulative;
        has_base = 1, base = 0, base_int = 1, base_period = year_name(E, ind->start - 1);
    } else {
        has_base = baseline_of(E, ind, year, territory, &base, &base_int, &base_period);
    }
    double sign = ind->lower ? -1 : 1;
    if (has_base) r->has_base_value = 1, r->base_value = base, r->base_value_int = (uint8_t)base_int, r->base_period = base_period;
    if (has_base && sign * (base - target) < 0) r->has_progress = 1, r->progress = (v - base) / (target - base);
    if (sign * (v - target) >= 0) {
        r->status = S_ACHIEVED, r->rule = U_MET;
        return;
    }
    if (!has_base) {
        r->status = S_NOT_ACHIEVED, r->rule = U_NO_BASELINE;
        return;
    }
    if (sign * (v - base) < 0) {
        r->status = S_RECEDING, r->rule = U_MOVED_AWAY;
        return;
    }
    /* not met, not receding: the baseline was short of the target too, so progress is set */
    int32_t from = year_of(text_of(E, base_period));
    double expected = t->year > from ? (double)(year - from) / (t->year - from) : 1;
    expected = fmax(0, fmin(1, expected));
    r->has_expected = 1, r->expected = expected;
    if (year > t->year) {
        r->status = S_BEHIND, r->rule = U_DUE_PASSED;
        return;
    }
    r->rule = U_STRAIGHT_PATH;
    r->status = r->progress >= expected ? S_ON_TRACK : S_BEHIND;
}

/* ---- results as Lua tables -------------------------------------------------------------- */

static void push_num(lua_State *L, double v, int is_int)
{
    if (is_int) lua_pushinteger(L, (lua_Integer)v); else lua_pushnumber(L, v);
}

static void set_num(lua_State *L, const char *field, int has, double v, int is_int)
{
    if (!has) return;
    push_num(L, v, is_int);
    lua_setfield(L, -2, field);
}

static void set_text(lua_State *L, const char *field, const struct ctg_buf *b)
{
    if (!b->set) return;
    lua_pushlstring(L, b->s, b->len);
    lua_setfield(L, -2, field);
}

static void set_str(lua_State *L, const char *field, const char *s)
{
    lua_pushstring(L, s);
    lua_setfield(L, -2, field);
}

/* The note of a result (a published rate, an unweighted mean, else a partial roll-up: "partiel :
 * 11 sur 12 territoires"), into b; 0 when none. */
static int note_text(struct engine *E, const struct result *r, struct ctg_buf *b)
{
    char a[24], of[24];
    if (r->note) {
        snprintf(a, sizeof a, "%u", (unsigned)r->note_count);
        format_text(E, b, E->texts[r->note - 1], a, NULL);
        return 1;
    }
    if (!r->partial || !r->has_value) return 0;
    snprintf(a, sizeof a, "%u", (unsigned)r->with_data);
    snprintf(of, sizeof of, "%u", (unsigned)r->members);
    format_text(E, b, E->texts[X_PARTIAL], a, of);
    return 1;
}

/* What each_member_without_data does with the n-th member (from 1) it finds. */
typedef void (*member_fn)(struct engine *E, void *ctx, uint32_t member, int n);

/* Calls fn for each sub-territory of a roll-up without any data (what the value leaves out),
 * in plan order; returns how many. */
static int each_member_without_data(struct engine *E, const struct indicator *ind, uint32_t period,
                                    uint32_t territory, uint32_t slice, member_fn fn, void *ctx)
{
    const struct place *p = place_at(E, territory);
    if (!p || slice == NONE) return 0;
    struct slot *sl = slot_for(E, ind->name, period, slice);
    int n = 0;
    for (uint32_t i = 0; i < p->count; i++) {
        uint32_t child = E->members[p->first + i];
        struct ctg_acc scratch;
        const struct ctg_acc *sub = accumulate(E, sl, ind, child, &scratch);
        if (sub && sub->n > 0) continue;
        fn(E, ctx, child, ++n);
    }
    return n;
}

static void push_member_code(struct engine *E, void *ctx, uint32_t member, int n)
{
    (void)ctx;
    if (n == 1) lua_newtable(E->L);
    lua_pushstring(E->L, text_of(E, member));
    lua_rawseti(E->L, -2, n);
}

/* The sub-territories of a roll-up without any data, as the list missing_territories. */
static void push_missing_territories(struct engine *E, const struct indicator *ind, uint32_t period,
                                     uint32_t territory, uint32_t slice)
{
    if (each_member_without_data(E, ind, period, territory, slice, push_member_code, NULL))
        lua_setfield(E->L, -2, "missing_territories");
}

/* The members of a roll-up that give it no figure, with why: {{territory, title, reason,
 * reason_code}…} into field missing. */
static void push_missing(struct engine *E, const struct indicator *ind, uint32_t period, uint32_t territory,
                         uint32_t slice)
{
    lua_State *L = E->L;
    const struct place *p = place_at(E, territory);
    lua_newtable(L);
    int n = 0;
    for (uint32_t i = 0; p && i < p->count; i++) {
        uint32_t child = E->members[p->first + i];
        struct slot *sl = slot_for(E, ind->name, period, slice);
        struct ctg_acc scratch;
        const struct ctg_acc *sub = accumulate(E, sl, ind, child, &scratch);
        enum reason why = member_gap(ind, sub);
        if (why == R_NONE) continue;
        const struct place *cp = place_at(E, child);
        lua_createtable(L, 0, 4);
        set_str(L, "territory", text_of(E, child));
        set_str(L, "title", text_of(E, cp && cp->title != NONE ? cp->title : child));
        set_str(L, "reason_code", REASON_NAMES[why]);
        sb_reset(&E->scratch);
        sb_add(L, &E->scratch, E->reasons[why]);
        if (why == R_MISSING) {
            int64_t row = sub->missing_row;
            call_ev(E, "missing_reason", row);
            const char *detail = lua_tostring(L, -1);
            if (detail) {
                sb_add(L, &E->scratch, " (");
                sb_add(L, &E->scratch, detail);
                sb_add(L, &E->scratch, ")");
            }
            lua_pop(L, 1);
        }
        set_text(L, "reason", &E->scratch);
        lua_rawseti(L, -2, ++n);
    }
    lua_setfield(L, -2, "missing");
}

static void push_result(struct engine *E, const struct indicator *ind, uint32_t period, uint32_t territory,
                        uint32_t slice, const struct result *r)
{
    lua_State *L = E->L;
    lua_createtable(L, 0, 16);
    if (r->acc.present && !r->acc.own)
        push_missing_territories(E, ind, period, territory, slice);
    if (r->n) {
        lua_pushinteger(L, r->n);
        lua_setfield(L, -2, "n");
    }
    if (r->value_is_text) {
        set_text(L, "value", &r->text);
        set_text(L, "text", &r->text);
        set_text(L, "text_source", &r->text_source);
        set_text(L, "text_date", &r->text_date);
    }
    set_num(L, "value", r->has_value, r->value, r->value_int);
    set_num(L, "numerator", r->has_num, r->numerator, r->num_int);
    set_num(L, "denominator", r->has_den, r->denominator, r->den_int);
    if (r->status) set_str(L, "status", STATUS_NAMES[r->status]);
    if (r->rule) set_str(L, "status_rule", RULE_NAMES[r->rule]);
    if (r->reason_text.set) set_text(L, "reason", &r->reason_text);
    if (r->reason) set_str(L, "reason_code", REASON_NAMES[r->reason]);
    if (r->baseline != NONE) set_str(L, "baseline", text_of(E, r->baseline));
    set_num(L, "change", r->has_change, r->change, 0);
    set_num(L, "share", r->has_share, r->share, 0);
    set_num(L, "respondents", r->has_respondents, r->respondents, r->respondents_int);
    if (r->unweighted) {
        lua_pushboolean(L, 1);
        lua_setfield(L, -2, "unweighted");
    }
    if (r->published) {
        lua_pushboolean(L, 1);
        lua_setfield(L, -2, "published");
    }
    if (note_text(E, r, &E->scratch)) set_text(L, "note", &E->scratch);
    set_num(L, "target", r->has_target, r->target, r->target_int);
    if (r->target_period != NONE) set_str(L, "target_period", text_of(E, r->target_period));
    set_num(L, "progress", r->has_progress, r->progress, 0);
    set_num(L, "baseline_value", r->has_base_value, r->base_value, r->base_value_int);
    if (r->has_base_value && r->base_period != NONE) set_str(L, "baseline_period", text_of(E, r->base_period));
    set_num(L, "expected_progress", r->has_expected, r->expected, 0);
    if (r->has_target) set_str(L, "target_kind", r->target_cumulative ? "cumulative" : "yearly");
    set_num(L, "cumulative_value", r->has_cumulative, r->cumulative, r->cumulative_int);
    if (r->has_cumulative) {
        lua_pushinteger(L, (lua_Integer)r->cumulative_gaps);
        lua_setfield(L, -2, "cumulative_gaps");
    }
    if (r->rollup) {
        lua_pushboolean(L, r->partial);
        lua_setfield(L, -2, "partial");
        lua_pushinteger(L, (lua_Integer)r->members);
        lua_setfield(L, -2, "members");
        lua_pushinteger(L, (lua_Integer)r->with_data);
        lua_setfield(L, -2, "with_data");
        push_missing(E, ind, period, territory, slice);
    }
    set_num(L, "published_value", r->has_own, r->own, r->own_int);
    if (r->has_members_value) {
        set_num(L, "members_value", 1, r->members_value, r->members_value_int);
        lua_pushinteger(L, (lua_Integer)r->members);
        lua_setfield(L, -2, "members");
        lua_pushinteger(L, (lua_Integer)r->with_data);
        lua_setfield(L, -2, "with_data");
    }
}

static struct engine *enter(lua_State *L)
{
    struct engine *E = luaL_checkudata(L, 1, ENGINE);
    if (!E->k) luaL_error(L, "engine closed");
    E->L = L, E->self = 1;
    return E;
}

/* The slice of the optional (dim, dim_value) at idx, idx + 1: 0 (every value) without a
 * dimension, NONE (nothing) for a dimension without a value. */
static uint32_t slice_arg(struct engine *E, const struct indicator *ind, int idx)
{
    if (lua_isnoneornil(E->L, idx)) return 0;
    const char *dim = luaL_checkstring(E->L, idx);
    if (lua_isnoneornil(E->L, idx + 1)) return NONE;
    const char *v = luaL_checkstring(E->L, idx + 1);
    return slice_of(E, ind->name, dim, v);
}

/* engine:value(indicator, period, territory [, dim, dim_value [, unassessed]]) -> fields */
static int engine_value(lua_State *L)
{
    struct engine *E = enter(L);
    const struct indicator *ind = indicator_at(L, E, 2);
    uint32_t period = name_at(E, 3), territory = name_at(E, 4);
    uint32_t slice = slice_arg(E, ind, 5);
    value(E, ind, period, territory, slice, lua_toboolean(L, 7), 1, &E->res);
    push_result(E, ind, period, territory, slice, &E->res);
    return 1;
}

/* engine:sources(indicator, period, territory, dim, dim_value, with_base): the (territory,
 * period) of every cell the value reads (its baseline's too for an evolution). */
static void push_sources(struct engine *E, struct slot *sl, const struct indicator *ind, uint32_t t, int *n)
{
    lua_State *L = E->L;
    const uint32_t *list;
    uint32_t one, count = own_cells(E, sl, t, &list, &one);
    if (count > 0) {
        int64_t pick = over_time_pick(E, list, count, ind->time);
        for (uint32_t i = 0; i < count; i++) {
            if (pick >= 0 && (int64_t)i != pick) continue;
            struct ecell c;
            cell_at(E, list[i], &c);
            lua_createtable(L, 0, 2);
            set_str(L, "territory", text_of(E, t));
            set_str(L, "period", text_of(E, c.period));
            lua_rawseti(L, -2, ++*n);
        }
        return;
    }
    const struct place *p = place_at(E, t);
    for (uint32_t i = 0; p && i < p->count; i++) {
        uint32_t child = E->members[p->first + i];
        struct ctg_acc scratch;
        const struct ctg_acc *sub = accumulate(E, sl, ind, child, &scratch);
        if (sub && sub->n > 0) push_sources(E, sl, ind, child, n);
    }
}

static int engine_sources(lua_State *L)
{
    struct engine *E = enter(L);
    const struct indicator *ind = indicator_at(L, E, 2);
    uint32_t period = name_at(E, 3), territory = name_at(E, 4);
    uint32_t slice = slice_arg(E, ind, 5);
    int n = 0;
    lua_newtable(L);
    if (slice == NONE) return 1;
    push_sources(E, slot_for(E, ind->name, period, slice), ind, territory, &n);
    if (lua_toboolean(L, 7) && ind->has_baseline)
        push_sources(E, slot_for(E, ind->name, ind->baseline, slice), ind, territory, &n);
    return 1;
}

/* engine:first_year([indicator]) -> the earliest year of the rows (of one indicator), nil:
 * from the kernel's count by subject, whatever cells it holds */
static int engine_first_year(lua_State *L)
{
    struct engine *E = enter(L);
    uint32_t ind = lua_isnoneornil(L, 2) ? NONE : indicator_at(L, E, 2)->name;
    int32_t best = INT32_MAX;
    for (uint32_t i = 0; i < ctg_kernel_nsubjects(E->k); i++) {
        struct ctg_subject sub = ctg_kernel_subject(E->k, i);
        if (sub.rows && (ind == NONE || sub.name == ind) && sub.first_year < best) best = sub.first_year;
    }
    if (best == INT32_MAX) lua_pushnil(L); else lua_pushinteger(L, best);
    return 1;
}

static int engine_last_year(lua_State *L)
{
    struct engine *E = enter(L);
    int32_t best = INT32_MIN;
    for (uint32_t i = 0; i < ctg_kernel_nsubjects(E->k); i++) {
        struct ctg_subject sub = ctg_kernel_subject(E->k, i);
        if (sub.rows && sub.last_year > best) best = sub.last_year;
    }
    if (best == INT32_MIN) lua_pushnil(L); else lua_pushinteger(L, best);
    return 1;
}

/* engine:subjects() -> {{subject, n}…}: every indicator id stored for the plan (in the plan
 * or not) with its number of current rows, sorted by id */
static int engine_subjects(lua_State *L)
{
    struct engine *E = enter(L);
    /* pairs (subject id, rows) in the engine's found buffer, sorted by text as dim_values are */
    struct ctg_buf *ids = &E->found;
    sb_reset(ids);
    uint32_t count = 0;
    for (uint32_t i = 0; i < ctg_kernel_nsubjects(E->k); i++) {
        struct ctg_subject sub = ctg_kernel_subject(E->k, i);
        if (!sub.rows) continue;
        uint32_t pair[2] = {sub.name, sub.rows};
        sb_addn(L, ids, (const char *)pair, sizeof pair);
        count++;
    }
    uint32_t *pairs = (uint32_t *)(void *)ids->s;
    sort_values_engine = E;
    if (count > 0) qsort(pairs, count, 2 * sizeof *pairs, cmp_values);
    lua_createtable(L, (int)count, 0);
    for (uint32_t i = 0; i < count; i++) {
        lua_createtable(L, 0, 2);
        set_str(L, "subject", text_of(E, pairs[2 * i]));
        lua_pushinteger(L, (lua_Integer)pairs[2 * i + 1]);
        lua_setfield(L, -2, "n");
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* engine:windows() -> how many times the kernel read a window of indicators (0: it holds
 * every cell), for tests and `ctg help store` */
static int engine_windows(lua_State *L)
{
    struct engine *E = enter(L);
    lua_pushinteger(L, (lua_Integer)E->windows);
    return 1;
}

/* engine:dim_values(indicator, dim) -> the values of dim, sorted */
static int engine_dim_values(lua_State *L)
{
    struct engine *E = enter(L);
    const struct indicator *ind = indicator_at(L, E, 2);
    const struct dimset *ds = dimset_get(E, ind->name, luaL_checkstring(L, 3));
    lua_createtable(L, (int)ds->count, 0);
    for (uint32_t j = 0; j < ds->count; j++) {
        lua_pushstring(L, text_of(E, E->dim_values[2 * (ds->first + j)]));
        lua_rawseti(L, -2, (lua_Integer)j + 1);
    }
    return 1;
}

/* ---- CSV out, row by row ---------------------------------------------------------------- */

struct csv {
    FILE *f;
    int french;
    char sep;
    const char *eol;
    struct ctg_buf *line;
    const char *plan; /* the plan id, the last cell of every row; NULL: none */
    size_t plan_len;
};

static void csv_text(lua_State *L, struct csv *c, const char *s, size_t n)
{
    ctg_lua_check(L, ctg_csv_text(c->line, s, n, c->sep), NULL);
}

static void csv_number(lua_State *L, struct csv *c, double v, int is_int)
{
    ctg_lua_check(L, ctg_csv_number(c->line, v, is_int, c->french), NULL);
}

static void csv_sep(lua_State *L, struct csv *c) { sb_addn(L, c->line, &c->sep, 1); }

static void csv_flush(lua_State *L, struct csv *c)
{
    sb_add(L, c->line, c->eol);
    if (fwrite(c->line->s, 1, c->line->len, c->f) != c->line->len) {
        struct ctg_fault fault = {CTG_ERR_WRITE, NULL, errno};
        ctg_lua_raise_fault(L, &fault);
    }
    sb_reset(c->line);
}

static void csv_name(lua_State *L, struct engine *E, struct csv *c, uint32_t id)
{
    const char *s = text_of(E, id);
    csv_text(L, c, s, strlen(s));
}

static void csv_row(struct engine *E, struct csv *c, const struct indicator *ind, uint32_t period,
                    uint32_t territory, uint32_t dim_value)
{
    lua_State *L = E->L;
    const struct result *r = &E->res;
    csv_name(L, E, c, ind->name), csv_sep(L, c);
    csv_name(L, E, c, period), csv_sep(L, c);
    csv_name(L, E, c, territory), csv_sep(L, c);
    if (dim_value != NONE) csv_name(L, E, c, dim_value), csv_sep(L, c);
    if (r->value_is_text) csv_text(L, c, r->text.s, r->text.len);
    else if (r->has_value) csv_number(L, c, r->value, r->value_int);
    csv_sep(L, c);
    if (r->has_num) csv_number(L, c, r->numerator, r->num_int);
    csv_sep(L, c);
    if (r->has_den) csv_number(L, c, r->denominator, r->den_int);
    csv_sep(L, c);
    if (r->has_target) csv_number(L, c, r->target, r->target_int);
    csv_sep(L, c);
    if (r->status) csv_text(L, c, E->statuses[r->status], strlen(E->statuses[r->status]));
    csv_sep(L, c);
    if (r->reason_text.set) csv_text(L, c, r->reason_text.s, r->reason_text.len);
    else if (note_text(E, r, &E->scratch)) csv_text(L, c, E->scratch.s, E->scratch.len);
    if (c->plan) csv_sep(L, c), csv_text(L, c, c->plan, c->plan_len);
    csv_flush(L, c);
}

/* The periods (list at pi) then the territories (list at ti) once as name ids, in a userdata
 * left on the stack (freed with it): what the views of every cell walk. */
static uint32_t *grid_ids(struct engine *E, int pi, int ti)
{
    lua_State *L = E->L;
    lua_Integer np = luaL_len(L, pi), nt = luaL_len(L, ti);
    uint32_t *ids = lua_newuserdatauv(L, (size_t)(np + nt + 1) * sizeof *ids, 0);
    for (lua_Integer i = 0; i < np; i++) {
        lua_rawgeti(L, pi, i + 1);
        ids[i] = name_at(E, -1);
        lua_pop(L, 1);
    }
    for (lua_Integer i = 0; i < nt; i++) {
        lua_rawgeti(L, ti, i + 1);
        ids[np + i] = name_at(E, -1);
        lua_pop(L, 1);
    }
    return ids;
}

/* What each_value does with every value it computed (in E->res). */
typedef void (*value_fn)(struct engine *E, void *ctx, const struct indicator *ind, uint32_t period,
                         uint32_t territory, uint32_t slice, uint32_t dim_value);

/* Every value of the indicators listed at index inds (their ids), for the periods then the
 * territories of ids (grid_ids: np periods, nt territories), computed in turn into E->res
 * and handed to fn: by indicator, then period, then territory, and with dim, one per value
 * of the dimension (dim_value NONE without). The order of `ctg eval --format csv`. */
static void each_value(struct engine *E, int inds, const uint32_t *ids, lua_Integer np, lua_Integer nt,
                       const char *dim, value_fn fn, void *ctx)
{
    lua_State *L = E->L;
    lua_Integer ni = luaL_len(L, inds);
    for (lua_Integer i = 1; i <= ni; i++) {
        lua_rawgeti(L, inds, i);
        const struct indicator *ind = indicator_at(L, E, -1);
        lua_pop(L, 1);
        const struct dimset *ds = dim ? dimset_get(E, ind->name, dim) : NULL;
        for (lua_Integer p = 0; p < np; p++) {
            for (lua_Integer t = 0; t < nt; t++) {
                if (!ds) {
                    value(E, ind, ids[p], ids[np + t], 0, 0, 1, &E->res);
                    fn(E, ctx, ind, ids[p], ids[np + t], 0, NONE);
                    continue;
                }
                for (uint32_t j = 0; j < ds->count; j++) {
                    uint32_t v = E->dim_values[2 * (ds->first + j)], slice = E->dim_values[2 * (ds->first + j) + 1];
                    value(E, ind, ids[p], ids[np + t], slice, 0, 1, &E->res);
                    fn(E, ctx, ind, ids[p], ids[np + t], slice, v);
                }
            }
        }
    }
}

static void write_csv_row(struct engine *E, void *ctx, const struct indicator *ind, uint32_t period,
                          uint32_t territory, uint32_t slice, uint32_t dim_value)
{
    (void)slice;
    csv_row(E, ctx, ind, period, territory, dim_value);
}

/* engine:write_csv(file, header, indicators, periods, territories, dim, dialect, plan): the
 * values table as `ctg eval --format csv` writes it, each row written as it is computed. With
 * dim, one row per value of the dimension (the indicators given all have it). With plan, its
 * id ends every row (the header names that column): a database holds several plans. */
static int engine_write_csv(lua_State *L)
{
    struct engine *E = enter(L);
    luaL_Stream *out = luaL_checkudata(L, 2, LUA_FILEHANDLE);
    if (!out->closef) return luaL_error(L, "attempt to use a closed file");
    luaL_checktype(L, 3, LUA_TTABLE);
    luaL_checktype(L, 4, LUA_TTABLE);
    luaL_checktype(L, 5, LUA_TTABLE);
    luaL_checktype(L, 6, LUA_TTABLE);
    const char *dim = luaL_optstring(L, 7, NULL);
    const char *dialect = luaL_optstring(L, 8, "french");
    size_t plan_len = 0;
    const char *plan = luaL_optlstring(L, 9, NULL, &plan_len);
    struct csv c = {out->f, strcmp(dialect, "french") == 0, 0, NULL, &E->line, plan, plan_len};
    c.sep = c.french ? ';' : ',', c.eol = c.french ? "\r\n" : "\n";
    sb_reset(c.line);
    if (c.french) sb_add(L, c.line, "\xEF\xBB\xBF");
    lua_Integer nh = luaL_len(L, 3);
    for (lua_Integer i = 1; i <= nh; i++) {
        lua_rawgeti(L, 3, i);
        size_t n;
        const char *h = luaL_checklstring(L, -1, &n);
        if (i > 1) csv_sep(L, &c);
        csv_text(L, &c, h, n);
        lua_pop(L, 1);
    }
    csv_flush(L, &c);
    lua_Integer np = luaL_len(L, 5), nt = luaL_len(L, 6);
    uint32_t *ids = grid_ids(E, 5, 6);
    each_value(E, 4, ids, np, nt, dim, write_csv_row, &c);
    return 0;
}

/* One value of engine:values (computed in E->res): the result with where it stands
 * (indicator, period, territory, its title, the dimension's value under its name),
 * appended to the list at the top. */
struct rows_ctx {
    const char *dim; /* the dimension's name, or NULL */
    lua_Integer n;   /* the rows made */
};

static void push_row(struct engine *E, void *ctx, const struct indicator *ind, uint32_t period,
                     uint32_t territory, uint32_t slice, uint32_t dim_value)
{
    lua_State *L = E->L;
    struct rows_ctx *rc = ctx;
    push_result(E, ind, period, territory, slice, &E->res);
    set_str(L, "indicator", text_of(E, ind->name));
    set_str(L, "period", text_of(E, period));
    set_str(L, "territory", text_of(E, territory));
    const struct place *place = place_at(E, territory);
    set_str(L, "territory_title", text_of(E, place && place->title != NONE ? place->title : territory));
    lua_createtable(L, 0, rc->dim ? 1 : 0);
    if (rc->dim) set_str(L, rc->dim, text_of(E, dim_value));
    lua_setfield(L, -2, "dimensions");
    if (rc->dim) set_str(L, rc->dim, text_of(E, dim_value));
    lua_rawseti(L, -2, ++rc->n);
}

/* engine:values(indicators, periods, territories [, dim]) -> list of results
 * Every value of the grid in one pass, in the order of `ctg eval --format csv` (indicator,
 * then period, then territory; with dim, one row per value of the dimension): the fields of
 * engine:value plus indicator, period, territory, territory_title, dimensions ({} or
 * {dim = value}) and, with dim, the dimension's value under its name too. What ev:table reads, at the cost of the CSV view plus a table a row. */
static int engine_values(lua_State *L)
{
    struct engine *E = enter(L);
    luaL_checktype(L, 2, LUA_TTABLE);
    luaL_checktype(L, 3, LUA_TTABLE);
    luaL_checktype(L, 4, LUA_TTABLE);
    const char *dim = luaL_optstring(L, 5, NULL);
    lua_Integer np = luaL_len(L, 3), nt = luaL_len(L, 4), ni = luaL_len(L, 2);
    uint32_t *ids = grid_ids(E, 3, 4);
    lua_createtable(L, (int)(ni * np * nt < INT_MAX ? ni * np * nt : 0), 0);
    struct rows_ctx ctx = {dim, 0};
    each_value(E, 2, ids, np, nt, dim, push_row, &ctx);
    return 1;
}

/* ---- any table's rows as CSV text ----------------------------------------------------------- */

#define CSVBUF "ctg.csvbuf"

/* the text being built, freed with its userdata whatever happens (an error, a full memory) */
static int csvbuf_gc(lua_State *L)
{
    struct ctg_buf *b = luaL_checkudata(L, 1, CSVBUF);
    free(b->s);
    b->s = NULL;
    return 0;
}

/* A CSV written into a text buffer pushed on the stack (a userdata freed with it whatever
 * happens), in dialect ("french": ';', CRLF and a BOM; else ',' and LF), with no plan column. */
static struct csv csv_buffer(lua_State *L, const char *dialect)
{
    struct ctg_buf *b = lua_newuserdatauv(L, sizeof *b, 0);
    memset(b, 0, sizeof *b);
    if (luaL_newmetatable(L, CSVBUF)) {
        lua_pushcfunction(L, csvbuf_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_setmetatable(L, -2);
    struct csv c = {NULL, strcmp(dialect, "french") == 0, 0, NULL, b, NULL, 0};
    c.sep = c.french ? ';' : ',', c.eol = c.french ? "\r\n" : "\n";
    if (c.french) sb_add(L, b, "\xEF\xBB\xBF");
    return c;
}

/* Hands the text built in b to the function at index sink (0: none, the text is kept whole)
 * once it holds at least min bytes, then empties b: a large table goes to its file by
 * pieces of a megabyte. */
static void csv_drain(lua_State *L, struct ctg_buf *b, int sink, size_t min)
{
    if (!sink || b->len < min || b->len == 0) return;
    lua_pushvalue(L, sink);
    lua_pushlstring(L, b->s, b->len);
    lua_call(L, 1, 0);
    b->len = 0;
}

#define CSV_PIECE ((size_t)1 << 20)

/* The value at the top of the stack as one cell, as ctg.csvw.safe_cell writes it after
 * ctg.datatable's file_cell: numbers in the dialect (nothing for NaN and ±inf), a list joined
 * with ", ", a text translated by `words` (the column's table at index words, or none). */
static void csv_cell(lua_State *L, struct csv *c, int words)
{
    int t = lua_type(L, -1);
    if (t == LUA_TNIL) return;
    if (t == LUA_TNUMBER) {
        if (lua_isinteger(L, -1)) {
            char s[32];
            snprintf(s, sizeof s, "%lld", (long long)lua_tointeger(L, -1));
            sb_add(L, c->line, s);
        } else {
            double v = lua_tonumber(L, -1);
            if (isfinite(v)) csv_number(L, c, v, 0);
        }
        return;
    }
    if (t == LUA_TTABLE) {
        luaL_Buffer b;
        lua_Integer n = luaL_len(L, -1);
        int list = lua_gettop(L);
        luaL_buffinit(L, &b);
        for (lua_Integer i = 1; i <= n; i++) {
            if (i > 1) luaL_addstring(&b, ", ");
            lua_rawgeti(L, list, i);
            luaL_tolstring(L, -1, NULL);
            lua_remove(L, -2);
            luaL_addvalue(&b);
        }
        luaL_pushresult(&b);
        size_t len;
        const char *joined = lua_tolstring(L, -1, &len);
        csv_text(L, c, joined, len);
        lua_pop(L, 1);
        return;
    }
    if (t == LUA_TSTRING && words && lua_type(L, words) == LUA_TTABLE) {
        lua_pushvalue(L, -1);
        if (lua_rawget(L, words) == LUA_TSTRING) {
            size_t len;
            const char *w = lua_tolstring(L, -1, &len);
            csv_text(L, c, w, len);
            lua_pop(L, 1);
            return;
        }
        lua_pop(L, 1);
    }
    size_t len;
    if (t == LUA_TSTRING) {
        const char *text = lua_tolstring(L, -1, &len);
        csv_text(L, c, text, len);
        return;
    }
    const char *text = luaL_tolstring(L, -1, &len);
    csv_text(L, c, text, len);
    lua_pop(L, 1);
}

/* model.csv_rows(header, columns, rows, dialect [, words [, sink]]) -> text (or nothing, the
 * text handed to sink(piece) by pieces)
 * The CSV document of rows (tables keyed by the names in columns), under header, in the
 * dialect ("french": BOM, ";", decimal comma, CRLF; "intl": ",", ".", LF), cells as
 * ctg.csvw.safe_cell writes them (formulas neutralised); words[column] translates that
 * column's texts (statuses in French). What ctg.datatable's t:write runs for a .csv: a
 * table of 400 000 values in a few tenths of a second. */
static int model_csv_rows(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_checktype(L, 2, LUA_TTABLE);
    luaL_checktype(L, 3, LUA_TTABLE);
    const char *dialect = luaL_checkstring(L, 4);
    int has_words = lua_type(L, 5) == LUA_TTABLE;
    int sink = lua_isfunction(L, 6) ? 6 : 0;
    struct csv c = csv_buffer(L, dialect);
    struct ctg_buf *b = c.line;
    int buf = lua_gettop(L);
    lua_Integer nh = luaL_len(L, 1), nc = luaL_len(L, 2), nr = luaL_len(L, 3);
    for (lua_Integer i = 1; i <= nh; i++) {
        if (i > 1) csv_sep(L, &c);
        lua_rawgeti(L, 1, i);
        csv_cell(L, &c, 0);
        lua_pop(L, 1);
    }
    sb_add(L, b, c.eol);
    /* the columns' names and their words once, on the stack above buf */
    luaL_checkstack(L, 2 * (int)nc + 8, "csv_rows");
    int names = buf + 1;
    for (lua_Integer j = 1; j <= nc; j++) {
        lua_rawgeti(L, 2, j);
        if (has_words) {
            lua_pushvalue(L, -1);
            lua_gettable(L, 5);
        } else {
            lua_pushnil(L);
        }
    }
    for (lua_Integer r = 1; r <= nr; r++) {
        if (lua_rawgeti(L, 3, r) != LUA_TTABLE) luaL_error(L, "row %d is not a table", (int)r);
        int row = lua_gettop(L);
        for (lua_Integer j = 0; j < nc; j++) {
            if (j > 0) csv_sep(L, &c);
            lua_pushvalue(L, names + 2 * (int)j);
            lua_gettable(L, row);
            csv_cell(L, &c, names + 2 * (int)j + 1);
            lua_pop(L, 1);
        }
        sb_add(L, b, c.eol);
        lua_pop(L, 1);
        csv_drain(L, b, sink, CSV_PIECE);
    }
    if (sink) {
        csv_drain(L, b, sink, 0);
        return 0;
    }
    lua_pushlstring(L, b->s ? b->s : "", b->len);
    return 1;
}

/* ---- a table of values as CSV, straight from the engine ------------------------------------ */

enum vcol { V_INDICATOR, V_PERIOD, V_TERRITORY, V_TITLE, V_DIM, V_VALUE, V_NUMERATOR, V_DENOMINATOR, V_TARGET,
            V_STATUS, V_REASON, V_NOTE, V_MISSING, V_OTHER };
static const char *const VCOL_NAMES[] = {"indicator", "period", "territory", "territory_title", "", "value",
    "numerator", "denominator", "target", "status", "reason", "note", "missing_territories", NULL};

static void add_member_code(struct engine *E, void *ctx, uint32_t member, int n)
{
    struct ctg_buf *b = ctx;
    if (n > 1) sb_add(E->L, b, ", ");
    sb_add(E->L, b, text_of(E, member));
}

/* The sub-territories of a roll-up without any data, joined with ", " into b (as
 * push_missing_territories lists them); 0 when none. */
static int missing_text(struct engine *E, const struct indicator *ind, uint32_t period, uint32_t territory,
                        uint32_t slice, const struct result *r, struct ctg_buf *b)
{
    sb_reset(b);
    if (!(r->acc.present && !r->acc.own)) return 0;
    return each_member_without_data(E, ind, period, territory, slice, add_member_code, b);
}

/* One row of engine:csv_values: the cells of the columns kinds[0 .. nc) of the value in E->res
 * (V_OTHER: the field of that name of the result as engine:value gives it). */
struct columns_ctx {
    struct csv *c;
    const enum vcol *kinds;
    int names, nc; /* the stack index of the first column's name, the number of columns */
    int sink;      /* the stack index of the function the text goes to, or 0 */
};

static void csv_value_row(struct engine *E, void *ctx, const struct indicator *ind, uint32_t period,
                          uint32_t territory, uint32_t slice, uint32_t dim_value)
{
    lua_State *L = E->L;
    const struct columns_ctx *cc = ctx;
    struct csv *c = cc->c;
    const enum vcol *kinds = cc->kinds;
    int names = cc->names, nc = cc->nc;
    const struct result *r = &E->res;
    int pushed = 0; /* the result as a table, made only for a column of another name */
    for (int j = 0; j < nc; j++) {
        if (j > 0) csv_sep(L, c);
        switch (kinds[j]) {
        case V_INDICATOR: csv_name(L, E, c, ind->name); break;
        case V_PERIOD: csv_name(L, E, c, period); break;
        case V_TERRITORY: csv_name(L, E, c, territory); break;
        case V_TITLE: {
            const struct place *p = place_at(E, territory);
            csv_name(L, E, c, p && p->title != NONE ? p->title : territory);
            break;
        }
        case V_DIM: if (dim_value != NONE) csv_name(L, E, c, dim_value); break;
        case V_VALUE:
            if (r->value_is_text) csv_text(L, c, r->text.s, r->text.len);
            else if (r->has_value) csv_number(L, c, r->value, r->value_int);
            break;
        case V_NUMERATOR: if (r->has_num) csv_number(L, c, r->numerator, r->num_int); break;
        case V_DENOMINATOR: if (r->has_den) csv_number(L, c, r->denominator, r->den_int); break;
        case V_TARGET: if (r->has_target) csv_number(L, c, r->target, r->target_int); break;
        case V_STATUS:
            if (r->status) {
                const char *w = c->french ? E->statuses[r->status] : STATUS_NAMES[r->status];
                csv_text(L, c, w, strlen(w));
            }
            break;
        case V_REASON: if (r->reason_text.set) csv_text(L, c, r->reason_text.s, r->reason_text.len); break;
        case V_NOTE: if (note_text(E, r, &E->scratch)) csv_text(L, c, E->scratch.s, E->scratch.len); break;
        case V_MISSING:
            if (missing_text(E, ind, period, territory, slice, r, &E->scratch))
                csv_text(L, c, E->scratch.s, E->scratch.len);
            break;
        case V_OTHER:
            if (!pushed) {
                push_result(E, ind, period, territory, slice, r);
                pushed = lua_gettop(L);
            }
            lua_pushvalue(L, names + j);
            lua_rawget(L, pushed);
            csv_cell(L, c, 0);
            lua_pop(L, 1);
            break;
        }
    }
    if (pushed) lua_pop(L, 1);
    sb_add(L, c->line, c->eol);
    csv_drain(L, c->line, cc->sink, CSV_PIECE);
}

/* engine:csv_values(header, columns, indicators, periods, territories, dim, dialect [, sink])
 *   -> text (or nothing, the text handed to sink(piece) by pieces)
 * The CSV document of the table ev:table{…} would hold (the same values, columns and cells as
 * its t:write after model.csv_rows), each value computed and written in turn, no table a
 * row: what makes writing every value of every territory and period cost what ctg eval's
 * CSV costs. Statuses in French in the French dialect, codes in the international one. */
static int engine_csv_values(lua_State *L)
{
    struct engine *E = enter(L);
    luaL_checktype(L, 2, LUA_TTABLE);
    luaL_checktype(L, 3, LUA_TTABLE);
    luaL_checktype(L, 4, LUA_TTABLE);
    luaL_checktype(L, 5, LUA_TTABLE);
    luaL_checktype(L, 6, LUA_TTABLE);
    const char *dim = luaL_optstring(L, 7, NULL);
    const char *dialect = luaL_checkstring(L, 8);
    int sink = lua_isfunction(L, 9) ? 9 : 0;
    lua_Integer nh = luaL_len(L, 2), nc = luaL_len(L, 3);
    lua_Integer np = luaL_len(L, 5), nt = luaL_len(L, 6);
    if (nc > 1000) return luaL_error(L, "too many columns");
    uint32_t *ids = grid_ids(E, 5, 6);
    enum vcol *kinds = lua_newuserdatauv(L, (size_t)(nc + 1) * sizeof *kinds, 0);
    struct csv c = csv_buffer(L, dialect);
    struct ctg_buf *b = c.line;
    for (lua_Integer i = 1; i <= nh; i++) {
        if (i > 1) csv_sep(L, &c);
        lua_rawgeti(L, 2, i);
        csv_cell(L, &c, 0);
        lua_pop(L, 1);
    }
    sb_add(L, b, c.eol);
    /* the columns' names on the stack (for V_OTHER) and their kinds */
    luaL_checkstack(L, (int)nc + 8, "csv_values");
    int names = lua_gettop(L) + 1;
    for (lua_Integer j = 0; j < nc; j++) {
        lua_rawgeti(L, 3, j + 1);
        const char *name = luaL_checkstring(L, -1);
        kinds[j] = V_OTHER;
        if (dim && strcmp(name, dim) == 0) kinds[j] = V_DIM;
        for (int k = 0; kinds[j] == V_OTHER && VCOL_NAMES[k]; k++)
            if (VCOL_NAMES[k][0] && strcmp(name, VCOL_NAMES[k]) == 0) kinds[j] = (enum vcol)k;
    }
    struct columns_ctx ctx = {&c, kinds, names, (int)nc, sink};
    each_value(E, 4, ids, np, nt, dim, csv_value_row, &ctx);
    if (sink) {
        csv_drain(L, b, sink, 0);
        return 0;
    }
    lua_pushlstring(L, b->s ? b->s : "", b->len);
    return 1;
}

/* ---- building the engine from the plan --------------------------------------------------- */

static char *dup_field(lua_State *L, int idx, const char *field)
{
    lua_getfield(L, idx, field);
    const char *s = lua_tostring(L, -1);
    char *copy = strdup(s ? s : "");
    lua_pop(L, 1);
    if (!copy) oom(L);
    return copy;
}

static uint32_t opt_name(struct engine *E, int idx, const char *field)
{
    uint32_t id = NONE;
    if (lua_getfield(E->L, idx, field) != LUA_TNIL) {
        size_t n;
        const char *s = luaL_tolstring(E->L, -1, &n);
        id = name_of(E, s, n);
        lua_pop(E->L, 1);
    }
    lua_pop(E->L, 1);
    return id;
}

static const char *const TIMES[] = {"sum", "last", "mean", "max", NULL};

/* The time combination the spec gives (the indicator's, else its kind's: ctg.kinds). */
static enum timefn time_of(lua_State *L, const char *s)
{
    if (!s) luaL_error(L, "indicator without time in the engine's spec");
    for (int i = 0; TIMES[i]; i++)
        if (strcmp(s, TIMES[i]) == 0) return (enum timefn)i;
    return T_MEAN; /* any other: the mean, as the former Lua did */
}

static void read_indicators(struct engine *E, int spec)
{
    lua_State *L = E->L;
    lua_getfield(L, spec, "indicators");
    int list = lua_gettop(L);
    E->ninds = (uint32_t)luaL_len(L, list);
    E->inds = calloc(E->ninds ? E->ninds : 1, sizeof *E->inds);
    if (!E->inds) oom(L);
    uint32_t cap = 0;
    for (uint32_t i = 0; i < E->ninds; i++) {
        lua_rawgeti(L, list, i + 1);
        int t = lua_gettop(L);
        struct indicator *ind = &E->inds[i];
        ind->name = opt_name(E, t, "id");
        ind->unit = opt_name(E, t, "unit");
        /* the kind's accumulator, by the name its declaration gives (ctg.kinds) */
        lua_getfield(L, t, "accumulator");
        size_t an;
        const char *acc = lua_tolstring(L, -1, &an);
        if (!(ind->ops = ctg_kind_find(acc, an)))
            luaL_error(L, "indicator %s: unknown accumulator '%s'", text_of(E, ind->name), acc ? acc : "nil");
        ind->kind = (enum kind)ind->ops->shape;
        lua_getfield(L, t, "time");
        ind->time = time_of(L, lua_tostring(L, -1));
        lua_getfield(L, t, "root_target");
        ind->root_target = (uint8_t)lua_toboolean(L, -1);
        lua_getfield(L, t, "no_target");
        ind->no_target = (uint8_t)lua_toboolean(L, -1);
        lua_getfield(L, t, "scale");
        ind->scale = lua_isnumber(L, -1) ? lua_tonumber(L, -1) : 1;
        lua_getfield(L, t, "defined");
        ind->defined = (uint8_t)lua_toboolean(L, -1);
        lua_getfield(L, t, "lower");
        ind->lower = (uint8_t)lua_toboolean(L, -1);
        lua_getfield(L, t, "cumulative");
        ind->cumulative = (uint8_t)lua_toboolean(L, -1);
        lua_getfield(L, t, "complete");
        ind->complete = (uint8_t)lua_toboolean(L, -1);
        lua_getfield(L, t, "start");
        ind->start = lua_isinteger(L, -1) ? (int32_t)lua_tointeger(L, -1) : E->first_year;
        lua_pop(L, 10);
        ind->baseline = opt_name(E, t, "baseline");
        ind->has_baseline = ind->baseline != NONE;
        ind->first_target = E->ntargets;
        lua_getfield(L, t, "targets");
        lua_Integer nt = lua_istable(L, -1) ? luaL_len(L, -1) : 0;
        for (lua_Integer j = 1; j <= nt; j++) {
            if (grow((void **)&E->targets, &cap, E->ntargets + 1, sizeof *E->targets) != 0) oom(L);
            lua_rawgeti(L, -1, j);
            struct target *tg = &E->targets[E->ntargets++];
            tg->key = opt_name(E, lua_gettop(L), "key");
            lua_getfield(L, -1, "exact");
            tg->exact = (uint8_t)lua_toboolean(L, -1);
            lua_getfield(L, -2, "value");
            tg->value = lua_tonumber(L, -1);
            tg->is_int = (uint8_t)lua_isinteger(L, -1);
            lua_pop(L, 3);
            tg->year = year_of(text_of(E, tg->key));
        }
        lua_pop(L, 2);
        ind->ntargets = E->ntargets - ind->first_target;
    }
    lua_pop(L, 1);
}

static void read_places(struct engine *E, int spec)
{
    lua_State *L = E->L;
    lua_getfield(L, spec, "places");
    int list = lua_gettop(L);
    E->nplaces = (uint32_t)luaL_len(L, list);
    E->places = calloc(E->nplaces ? E->nplaces : 1, sizeof *E->places);
    if (!E->places) oom(L);
    uint32_t cap = 0;
    for (uint32_t i = 0; i < E->nplaces; i++) {
        lua_rawgeti(L, list, i + 1);
        int t = lua_gettop(L);
        struct place *p = &E->places[i];
        p->name = opt_name(E, t, "code");
        p->title = opt_name(E, t, "title");
        p->first = E->nmembers;
        lua_getfield(L, t, "members");
        lua_Integer n = lua_istable(L, -1) ? luaL_len(L, -1) : 0;
        for (lua_Integer j = 1; j <= n; j++) {
            if (grow((void **)&E->members, &cap, E->nmembers + 1, sizeof *E->members) != 0) oom(L);
            lua_rawgeti(L, -1, j);
            E->members[E->nmembers++] = name_at(E, -1);
            lua_pop(L, 1);
        }
        lua_pop(L, 2);
        p->count = E->nmembers - p->first;
    }
    lua_pop(L, 1);
}

static void read_texts(struct engine *E, int spec)
{
    lua_State *L = E->L;
    lua_getfield(L, spec, "reasons");
    luaL_checktype(L, -1, LUA_TTABLE);
    E->reasons[0] = strdup("");
    if (!E->reasons[0]) oom(L);
    for (int i = 1; i < R_COUNT; i++) E->reasons[i] = dup_field(L, -1, REASON_NAMES[i]);
    lua_getfield(L, spec, "texts");
    luaL_checktype(L, -1, LUA_TTABLE);
    for (int i = 0; i < X_COUNT; i++) E->texts[i] = dup_field(L, -1, TEXT_NAMES[i]);
    lua_getfield(L, spec, "statuses");
    luaL_checktype(L, -1, LUA_TTABLE);
    E->statuses[0] = strdup("");
    if (!E->statuses[0]) oom(L);
    for (int i = 1; i < S_COUNT; i++) E->statuses[i] = dup_field(L, -1, STATUS_NAMES[i]);
    lua_pop(L, 3);
}

/* model.engine(store, plan_id, spec, ev): spec = {first_year, places = {{code, title,
 * members}…} (territories and groups: a territory's members are its sub-territories, a
 * group's its territories), indicators = {{id, kind, accumulator, time, root_target, no_target,
 * scale, defined, lower, baseline, unit, cumulative, complete, start, targets = {{key, exact,
 * value}…}}…} (accumulator, time and the target's scope from the kind's declaration,
 * ctg.kinds: the accumulator is found in core/kinds.c by that name), reasons, texts,
 * statuses}; ev answers
 * after_as_of(period), missing_reason(row) and text_row(row). */
static int model_engine(lua_State *L)
{
    struct ctg_engine *db = ctg_store_engine(L, 1);
    const char *plan_id = luaL_checkstring(L, 2);
    luaL_checktype(L, 3, LUA_TTABLE);
    luaL_checktype(L, 4, LUA_TTABLE);
    struct engine *E = lua_newuserdatauv(L, sizeof *E, 4);
    memset(E, 0, sizeof *E);
    luaL_setmetatable(L, ENGINE);
    E->L = L, E->self = lua_gettop(L);
    lua_pushvalue(L, 4);
    lua_setiuservalue(L, E->self, 1);
    lua_pushvalue(L, 1);
    lua_setiuservalue(L, E->self, 2);
    lua_pushvalue(L, 2);
    lua_setiuservalue(L, E->self, 3);
    E->k = ctg_kernel_new(L);
    lua_setiuservalue(L, E->self, 4); /* the kernel lives as long as the engine */
    lua_getfield(L, 3, "max_cells");
    lua_Integer max_cells = lua_isinteger(L, -1) ? lua_tointeger(L, -1) : DEFAULT_MAX_CELLS;
    lua_pop(L, 1);
    E->max_cells = max_cells <= 0 ? DEFAULT_MAX_CELLS : max_cells < (lua_Integer)UINT32_MAX ? (uint32_t)max_cells : UINT32_MAX - 1;
    lua_getfield(L, 3, "first_year");
    E->first_year = (int32_t)luaL_checkinteger(L, -1);
    lua_pop(L, 1);
    E->plan_place = opt_name(E, 3, "plan_place");
    read_texts(E, 3);
    read_indicators(E, 3);
    read_places(E, 3);
    /* the indicators in plan order: past the bound, the scan keeps the first of them (the
     * first window, read in this same pass) */
    uint32_t *order = lua_newuserdatauv(L, (E->ninds ? E->ninds : 1) * sizeof *order, 0);
    for (uint32_t i = 0; i < E->ninds; i++) order[i] = E->inds[i].name;
    struct ctg_window all = {NULL, 0, E->max_cells, order, E->ninds};
    ctg_kernel_read_window(L, E->k, db, plan_id, &all);
    lua_pop(L, 1);
    if ((E->windowed = ctg_kernel_overflowed(E->k)))
        E->win_lo = 0, E->win_hi = ctg_kernel_prefix(E->k);
    E->nodims = name_of(E, "", 0);
    index_main_months(E);
    index_pairs(E);
    E->nnames = ctg_kernel_nstrings(E->k);
    E->place_of = malloc(E->nnames * sizeof *E->place_of);
    E->ind_of = malloc(E->nnames * sizeof *E->ind_of);
    if (!E->place_of || !E->ind_of) oom(L);
    for (uint32_t i = 0; i < E->nnames; i++) E->place_of[i] = E->ind_of[i] = -1;
    for (uint32_t i = 0; i < E->nplaces; i++)
        E->place_of[E->places[i].name] = (int32_t)i;
    for (uint32_t i = 0; i < E->ninds; i++) E->ind_of[E->inds[i].name] = (int32_t)i;
    cut_windows(E);
    return 1;
}

void ctg_engine_register(lua_State *L)
{
    static const luaL_Reg methods[] = {
        {"value", engine_value},         {"sources", engine_sources},       {"write_csv", engine_write_csv},
        {"first_year", engine_first_year}, {"last_year", engine_last_year}, {"dim_values", engine_dim_values},
        {"subjects", engine_subjects},   {"windows", engine_windows},   {"values", engine_values},
        {"csv_values", engine_csv_values},
        {NULL, NULL}};
    if (luaL_newmetatable(L, ENGINE)) {
        luaL_newlib(L, methods);
        lua_setfield(L, -2, "__index");
        lua_pushcfunction(L, engine_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_pop(L, 1);
    lua_pushcfunction(L, model_engine);
    lua_setfield(L, -2, "engine");
    lua_pushcfunction(L, model_csv_rows);
    lua_setfield(L, -2, "csv_rows");
}
