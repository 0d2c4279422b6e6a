/* The evaluation engine, Lua-free (engine.h says how the binding drives it; lua/engine.c is
 * ctg.model's engine over it): every value ctg computes (ev:value, ev:series, ev:breakdown,
 * the rules, the reports, `ctg eval`) comes from here.
 *
 * The kernel (core/kernel.c) gives the cells, latest revisions summed by (indicator, period,
 * territory): they are copied here into one array indexed by a hash of small integer ids,
 * the kernel's rows freed. A value rolls its territory up from its sub-territories (a group:
 * from its members) and combines periods by the indicator's `time`, then applies the formula
 * of its kind (its accumulator, core/kinds.c) and judges it against its target. Roll-ups are memoised per (indicator,
 * period, slice) in a few slots, so that evaluating every territory of a period costs one
 * pass over the territory tree, and evaluating one territory touches only its subtree.
 *
 * The engine holds about max_cells kernel cells at most (ctg_eng_create's, else 250 000): past
 * it, the kernel's first pass keeps the cells of the first indicators in plan order (the
 * first window) and its count of rows by indicator, and the cells are read again by windows
 * of indicators (a run in plan order whose rows fit the bound) when a value needs one
 * outside the window — so that memory stays bounded whatever the number of
 * observations, and a caller going through the indicators in plan order reads each window
 * once. The years and the subjects come from the counts, whatever window is held.
 *
 * Nothing is built per value but what is printed: ctg_eng_write_csv writes each row as
 * computed, the binding builds one table a value for its caller, and sources (the cells a
 * value reads, for explanations) are only listed when asked.
 *
 * The arithmetic follows the order of the former Lua implementation exactly (sums start
 * from 0 and add children in plan order, months in period order), and keeps apart what
 * Lua would hold as integers (sums of integral figures) and floats (any division), so that
 * every printed value is bit for bit the same. The French words (reasons, notes, statuses)
 * come from the spec: ctg.eval owns them. What the engine needs from outside while it
 * computes (cells read again, the as-of date, a missing row's reason, a text row) it asks the
 * binding's callbacks (struct ctg_engine_env). */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csvcell.h"
#include "core/engine.h"
#include "core/hash.h"
#include "core/kinds.h"

/* The cells the kernel holds at most before reading by windows of indicators: about 100
 * bytes each with their indexes, so some 25 MB whatever the number of observations. */
#define DEFAULT_MAX_CELLS 250000
#define NONE CTG_ENG_NONE

/* which sums a cell or acc holds */
enum { F_VALUE = CTG_ACC_VALUE, F_NUM = CTG_ACC_NUM, F_DEN = CTG_ACC_DEN, F_WEIGHTED = CTG_ACC_WEIGHTED };

const char *const CTG_ENG_TIMES[T_COUNT] = {"sum", "last", "mean", "max"};
const char *const CTG_ENG_REASONS[R_COUNT] = {
    "", "no_observation", "missing", "zero_denominator", "no_baseline", "zero_baseline",
    "not_started", "incomplete_ratio", "not_defined", "unaggregable", "published_only", "incomplete_rollup"};
const char *const CTG_ENG_STATUSES[S_COUNT] = {"", "achieved", "on track", "behind", "receding", "not achieved",
                                               "not available"};
const char *const CTG_ENG_RULES[U_COUNT] = {"", "met", "no_baseline", "moved_away", "straight_path",
                                            "due_passed", "no_value"};
const char *const CTG_ENG_TEXTS[X_COUNT] = {"unaggregable", "unaggregable_many", "published", "unweighted",
                                            "no_progress_baseline", "no_baseline_period", "partial"};

/* ---- a map from 4 small integers to one, over the core's hash index ------------------- */

static int map_key_eq(const void *ctx, uint32_t item, const void *key)
{
    const struct ctg_eng_map *m = ctx;
    return memcmp(m->keys[item], key, sizeof m->keys[item]) == 0;
}

static void map_free(struct ctg_eng_map *m)
{
    free(m->keys);
    free(m->vals);
    ctg_hash_free(&m->index);
    memset(m, 0, sizeof *m);
}

/* The value of key, or NONE. */
static uint32_t map_get(const struct ctg_eng_map *m, uint32_t a, uint32_t b, uint32_t c, uint32_t d)
{
    const uint32_t k[4] = {a, b, c, d};
    uint32_t at = ctg_hash_find(&m->index, ctg_hash_bytes(k, sizeof k), k, map_key_eq, m);
    return at == CTG_HASH_NONE ? NONE : m->vals[at];
}

/* Sets key to value (a new key or an existing one); -1 when out of memory. */
static int map_put(struct ctg_eng_map *m, uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t value)
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

/* ---- failures --------------------------------------------------------------------------- */

/* A failure deep in a roll-up (out of memory, a callback's code) goes back to the public
 * function under way, which returns its code: the recursion over the territory tree carries
 * no code from frame to frame. What a value holds is in E (freed by ctg_eng_destroy), so
 * nothing leaks on the way. */
static _Noreturn void fail(struct ctg_eng *E, enum ctg_error code, const char *detail, long long number)
{
    E->fault = (struct ctg_fault){code, detail, number};
    longjmp(*E->jump, 1);
}

static void oom(struct ctg_eng *E) { fail(E, CTG_ERR_NOMEM, NULL, 0); }

/* A callback's code: a failure unless CTG_OK. */
static void check(struct ctg_eng *E, enum ctg_error code)
{
    if (code != CTG_OK) fail(E, code, NULL, 0);
}

/* The public functions run their body between ENTER and LEAVE: a failure comes back to ENTER's
 * setjmp, which returns its code. */
#define ENTER(E)                                                                                                  \
    jmp_buf jump_;                                                                                                \
    jmp_buf *volatile outer_ = (E)->jump;                                                                         \
    (E)->jump = &jump_;                                                                                           \
    if (setjmp(jump_)) {                                                                                          \
        (E)->jump = outer_;                                                                                       \
        return (E)->fault.code;                                                                                   \
    }
#define LEAVE(E) ((E)->jump = outer_, CTG_OK)

/* The engine's texts are the core's buffers (core/buf.h). */
static void sb_reset(struct ctg_buf *b) { ctg_buf_reset(b); }

static void sb_addn(struct ctg_eng *E, struct ctg_buf *b, const char *s, size_t n)
{
    if (ctg_buf_add(b, s, n) != CTG_OK) oom(E);
}

static void sb_add(struct ctg_eng *E, struct ctg_buf *b, const char *s) { sb_addn(E, b, s, strlen(s)); }

void ctg_eng_result_free(struct ctg_eng_result *r)
{
    free(r->reason_text.s);
    free(r->text.s);
    free(r->text_source.s);
    free(r->text_date.s);
}

static uint32_t name_of(struct ctg_eng *E, const char *s, size_t n)
{
    int64_t id = ctg_kernel_intern(E->k, s, n);
    if (id < 0)
        oom(E);
    return (uint32_t)id;
}

static const char *text_of(const struct ctg_eng *E, uint32_t id) { return ctg_kernel_string(E->k, id); }

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

static void cell_at(const struct ctg_eng *E, uint32_t ref, struct ctg_eng_cell *out)
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

static uint32_t find_cell(const struct ctg_eng *E, uint32_t ind, uint32_t period, uint32_t t, uint32_t slice)
{
    if (slice == 0)
        return ctg_kernel_find(E->k, ind, period, t, E->nodims);
    uint32_t i = map_get(&E->cell_of, ind, period, t, slice);
    return i == NONE ? NONE : i | DIMCELL;
}

static uint32_t cell_new(struct ctg_eng *E, uint32_t ind, uint32_t period, uint32_t territory, uint32_t slice)
{
    if (grow((void **)&E->cells, &E->cells_cap, E->ncells + 1, sizeof *E->cells) != 0 ||
        map_put(&E->cell_of, ind, period, territory, slice, E->ncells) != 0)
        oom(E);
    struct ctg_eng_cell *c = &E->cells[E->ncells];
    memset(c, 0, sizeof *c);
    c->ind = ind, c->period = period, c->territory = territory, c->slice = slice;
    return E->ncells++;
}

/* The months: for each (indicator, year, territory, slice), its monthly cells in period
 * order, so that a year without its own figure sums them. */
struct ctg_eng_month {
    uint32_t ind, year, territory, slice, period, cell;
};
static const struct ctg_eng *sort_engine; /* qsort has no user data in C11 */

static int cmp_month_entries(const void *pa, const void *pb)
{
    const struct ctg_eng_month *a = pa, *b = pb;
    if (a->ind != b->ind) return a->ind < b->ind ? -1 : 1;
    if (a->slice != b->slice) return a->slice < b->slice ? -1 : 1;
    if (a->territory != b->territory) return a->territory < b->territory ? -1 : 1;
    if (a->year != b->year) return a->year < b->year ? -1 : 1;
    return strcmp(text_of(sort_engine, a->period), text_of(sort_engine, b->period));
}

/* Adds cell ref to the list when it is a month's. */
static void month_entry(struct ctg_eng *E, struct ctg_eng_month **list, uint32_t *n, uint32_t *cap, uint32_t ref,
                        const struct ctg_eng_cell *c)
{
    const char *p = text_of(E, c->period);
    if (!is_month(p))
        return;
    uint32_t year = name_of(E, p, 4);
    if (grow((void **)list, cap, *n + 1, sizeof **list) != 0)
        oom(E);
    (*list)[(*n)++] = (struct ctg_eng_month){c->ind, year, c->territory, c->slice, c->period, ref};
}

static void index_months(struct ctg_eng *E, struct ctg_eng_month *list, uint32_t n)
{
    if (n == 0)
        return;
    sort_engine = E;
    qsort(list, n, sizeof *list, cmp_month_entries);
    /* each run: its cells, then NONE */
    if (grow((void **)&E->month_cells, &E->month_cells_cap, E->nmonth_cells + 2 * n, sizeof(uint32_t)) != 0)
        oom(E);
    for (uint32_t i = 0; i < n; i++) {
        const struct ctg_eng_month *m = &list[i];
        if (i == 0 || m->ind != list[i - 1].ind || m->slice != list[i - 1].slice ||
            m->territory != list[i - 1].territory || m->year != list[i - 1].year) {
            if (i > 0)
                E->month_cells[E->nmonth_cells++] = NONE;
            if (map_put(&E->months_of, m->ind, m->year, m->territory, m->slice, E->nmonth_cells) != 0 ||
                map_put(&E->month_years, m->ind, m->year, m->slice, 0, 0) != 0)
                oom(E);
        }
        E->month_cells[E->nmonth_cells++] = m->cell;
    }
    E->month_cells[E->nmonth_cells++] = NONE;
}

/* The months of the kernel's cells; the months list lives in E->months_tmp (freed by __gc
 * if anything fails) */
static void index_main_months(struct ctg_eng *E)
{
    uint32_t n = 0, cap = 0;
    for (uint32_t i = 0; i < ctg_kernel_ncells(E->k); i++) {
        struct ctg_eng_cell c;
        cell_at(E, i, &c);
        month_entry(E, &E->months_tmp, &n, &cap, i, &c);
    }
    index_months(E, E->months_tmp, n);
    free(E->months_tmp);
    E->months_tmp = NULL;
}

/* The kernel's cells grouped by (indicator, period), so that a slot finds the cells of its
 * period by territory in an array rather than by a hash probe per territory. */
static void index_pairs(struct ctg_eng *E)
{
    uint32_t n = ctg_kernel_ncells(E->k), cap = 0, *count = NULL;
    E->pair_tmp = malloc((n ? n : 1) * sizeof *E->pair_tmp);
    if (!E->pair_tmp)
        oom(E);
    for (uint32_t i = 0; i < n; i++) {
        uint32_t key[4];
        struct ctg_sums sums;
        ctg_kernel_cell(E->k, i, key, &sums);
        uint32_t pair = map_get(&E->pair_of, key[0], key[1], 0, 0);
        if (pair == NONE) {
            pair = E->npairs++;
            if (map_put(&E->pair_of, key[0], key[1], 0, 0, pair) != 0 ||
                grow((void **)&E->pair_first, &cap, E->npairs + 1, sizeof *E->pair_first) != 0)
                oom(E);
            E->pair_first[pair] = 0;
        }
        E->pair_first[pair]++;
        E->pair_tmp[i] = pair;
    }
    if (grow((void **)&E->pair_first, &cap, E->npairs + 1, sizeof *E->pair_first) != 0)
        oom(E);
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
        oom(E);
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
static void unescape_into(struct ctg_eng *E, struct ctg_buf *b, const char *s, size_t n)
{
    sb_reset(b);
    sb_addn(E, b, "", 0);
    for (size_t i = 0; i < n; i++) {
        int h, l;
        if (s[i] == '%' && i + 2 < n && (h = hexval(s[i + 1])) >= 0 && (l = hexval(s[i + 2])) >= 0) {
            char c = (char)(h * 16 + l);
            sb_addn(E, b, &c, 1);
            i += 2;
        } else {
            sb_addn(E, b, s + i, 1);
        }
    }
}

/* The value of dim in the canonical dimensions text, into E->scratch; 0 when absent. */
static int dim_value(struct ctg_eng *E, const char *dims, const char *dim, struct ctg_buf *found)
{
    int has = 0;
    const char *p = dims;
    while (*p) {
        const char *end = strchr(p, ';');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        const char *eq = memchr(p, '=', n);
        if (n > 0 && eq) {
            unescape_into(E, &E->scratch, p, (size_t)(eq - p));
            if (strcmp(E->scratch.s, dim) == 0) {
                unescape_into(E, found, eq + 1, n - (size_t)(eq - p) - 1);
                has = 1; /* a name given twice: the last one, as decode_dims */
            }
        }
        p += n;
        if (*p == ';')
            p++;
    }
    return has;
}

static const struct ctg_eng *sort_values_engine;
static int cmp_values(const void *pa, const void *pb)
{
    const uint32_t *a = pa, *b = pb;
    return strcmp(text_of(sort_values_engine, a[0]), text_of(sort_values_engine, b[0]));
}

/* The dimension set of (ind, dim), read on first use: one more kernel pass over the
 * indicator's rows by dimension values, merged by the value of dim (the others summed). */
static const struct ctg_eng_dimset *dimset_get(struct ctg_eng *E, uint32_t ind, const char *dim)
{
    uint32_t dimid = name_of(E, dim, strlen(dim));
    uint32_t d = map_get(&E->dimset_of, ind, dimid, NONE, NONE);
    if (d != NONE)
        return &E->dimsets[d];
    /* the kernel of this indicator by dimension values: kept in E while merged, so that a
     * failure frees it (ctg_eng_destroy) */
    ctg_kernel_destroy(E->dims_kernel);
    if (!(E->dims_kernel = ctg_kernel_create())) oom(E);
    struct kernel *k = E->dims_kernel;
    check(E, E->env.read_dims(E->env.ud, k, text_of(E, ind)));
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
        sb_add(E, &E->scratch, "\1");
        sb_add(E, &E->scratch, dim);
        sb_add(E, &E->scratch, "\1");
        sb_addn(E, &E->scratch, value->s, value->len);
        uint32_t slice = name_of(E, E->scratch.s, E->scratch.len);
        uint32_t j;
        for (j = first; j < first + count; j++)
            if (E->dim_values[2 * j] == vid)
                break;
        if (j == first + count) {
            if (grow((void **)&E->dim_values, &E->dim_values_cap, 2 * (first + count + 1), sizeof(uint32_t)) != 0)
                oom(E);
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
        struct ctg_eng_cell *m = &E->cells[ci];
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
    ctg_kernel_destroy(k);
    E->dims_kernel = NULL;
    E->ndim_values += count;
    sort_values_engine = E;
    if (count > 0)
        qsort(E->dim_values + 2 * first, count, 2 * sizeof(uint32_t), cmp_values);
    uint32_t nm = 0, cap = 0;
    for (uint32_t i = from; i < E->ncells; i++) {
        struct ctg_eng_cell c = E->cells[i];
        month_entry(E, &E->months_tmp, &nm, &cap, i | DIMCELL, &c);
    }
    index_months(E, E->months_tmp, nm);
    free(E->months_tmp);
    E->months_tmp = NULL;
    if (grow((void **)&E->dimsets, &E->dimsets_cap, E->ndimsets + 1, sizeof *E->dimsets) != 0 ||
        map_put(&E->dimset_of, ind, dimid, NONE, NONE, E->ndimsets) != 0)
        oom(E);
    E->dimsets[E->ndimsets] = (struct ctg_eng_dimset){ind, dimid, first, count};
    return &E->dimsets[E->ndimsets++];
}

/* The slice of (ind, dim = value): NONE when the value has no cell (nothing to roll up). */
static uint32_t slice_of(struct ctg_eng *E, uint32_t ind, const char *dim, const char *value)
{
    const struct ctg_eng_dimset *ds = dimset_get(E, ind, dim);
    for (uint32_t j = ds->first; j < ds->first + ds->count; j++)
        if (strcmp(text_of(E, E->dim_values[2 * j]), value) == 0)
            return E->dim_values[2 * j + 1];
    return NONE;
}

/* ---- roll-up --------------------------------------------------------------------------- */

/* A cell into a running value, by the kind's accumulator. */
static void add_cell(const struct ctg_kind_ops *ops, struct ctg_acc *a, const struct ctg_eng_cell *c)
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
static uint32_t own_cells(const struct ctg_eng *E, const struct ctg_eng_slot *sl, uint32_t t, const uint32_t **list,
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
static int64_t over_time_pick(const struct ctg_eng *E, const uint32_t *list, uint32_t n, enum ctg_eng_time time)
{
    if (n == 1 || time == T_SUM || time == T_MEAN)
        return -1;
    if (time == T_LAST)
        return n - 1;
    int64_t best = -1;
    double best_max = 0;
    for (uint32_t i = 0; i < n; i++) {
        struct ctg_eng_cell c;
        cell_at(E, list[i], &c);
        if (c.s.values && (best < 0 || c.s.max > best_max))
            best = i, best_max = c.s.max;
    }
    return best >= 0 ? best : n - 1;
}

static void over_time(const struct ctg_eng *E, const uint32_t *list, uint32_t n, const struct ctg_eng_indicator *ind,
                      struct ctg_acc *a)
{
    enum ctg_eng_time time = ind->time;
    memset(a, 0, sizeof *a);
    int64_t pick = over_time_pick(E, list, n, time);
    struct ctg_eng_cell c;
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
static void reindex(struct ctg_eng *E)
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
    for (int i = 0; i < CTG_ENG_SLOTS; i++) {
        struct ctg_eng_slot *sl = &E->slots[i];
        sl->ind = NONE, sl->used = 0;
    }
}

/* Makes the kernel hold the cells of indicator ind (an interned id): when the engine is
 * windowed and ind is not in the window, the kernel reads the observations again, keeping
 * the window of ind: the plan's indicators cut once, in plan order, into runs whose rows fit
 * max_cells (an indicator alone when it has more). Evaluating indicators in plan order reads
 * each window once, and a report that goes through them several times reads the same
 * windows again rather than overlapping ones. */
static void load_window(struct ctg_eng *E, uint32_t ind)
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
    if (!(E->admit = calloc(nadmit ? nadmit : 1, 1))) oom(E);
    for (uint32_t i = lo; i < hi; i++) E->admit[E->inds[i].name] = 1;
    struct ctg_window w = {E->admit, nadmit, 0, NULL, 0};
    E->win_lo = E->win_hi = 0; /* nothing held while reading: a failure leaves no stale window */
    check(E, E->env.read_window(E->env.ud, E->k, &w));
    free(E->admit);
    E->admit = NULL;
    reindex(E);
    E->win_lo = lo, E->win_hi = hi, E->windows++;
}

/* The windows of the indicators: from the kernel's count of rows by subject, the plan's
 * indicators cut in plan order into runs whose rows fit max_cells. */
static void cut_windows(struct ctg_eng *E)
{
    uint32_t n = E->ninds ? E->ninds : 1;
    uint32_t *rows = calloc(n, sizeof *rows);
    E->window_of = malloc(n * sizeof *E->window_of);
    if (!rows || !E->window_of) {
        free(rows);
        oom(E);
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

static struct ctg_eng_slot *slot_for(struct ctg_eng *E, uint32_t ind, uint32_t period, uint32_t slice)
{
    load_window(E, ind);
    struct ctg_eng_slot *lru = &E->slots[0];
    for (int i = 0; i < CTG_ENG_SLOTS; i++) {
        struct ctg_eng_slot *s = &E->slots[i];
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
            oom(E);
        }
        lru->size = E->nnames;
    } else {
        memset(lru->state, 0, lru->size);
    }
    lru->ind = ind, lru->period = period, lru->slice = slice, lru->used = ++E->clock;
    lru->months = map_get(&E->month_years, ind, period, slice, 0) != NONE;
    if (slice == 0) { /* the cells of the period, by territory */
        if (!lru->own && !(lru->own = malloc(lru->size * sizeof *lru->own)))
            oom(E);
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

static const struct ctg_eng_place *place_at(const struct ctg_eng *E, uint32_t name)
{
    return name < E->nnames && E->place_of[name] >= 0 ? &E->places[E->place_of[name]] : NULL;
}

static void sum_members(struct ctg_eng *E, struct ctg_eng_slot *sl, const struct ctg_eng_indicator *ind, uint32_t t, struct ctg_acc *a);

/* The roll-up of territory t: its own cells, else the sum of its sub-territories (a group:
 * of its members) that have any. NULL when none has anything. */
static const struct ctg_acc *accumulate(struct ctg_eng *E, struct ctg_eng_slot *sl, const struct ctg_eng_indicator *ind, uint32_t t,
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
static void sum_members(struct ctg_eng *E, struct ctg_eng_slot *sl, const struct ctg_eng_indicator *ind, uint32_t t, struct ctg_acc *a)
{
    memset(a, 0, sizeof *a);
    const struct ctg_eng_place *p = place_at(E, t);
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
static void raw(struct ctg_eng *E, const struct ctg_eng_indicator *ind, uint32_t period, uint32_t t, uint32_t slice,
                struct ctg_acc *out)
{
    if (slice == NONE) { /* a dimension value without any cell */
        memset(out, 0, sizeof *out);
        return;
    }
    struct ctg_eng_slot *sl = slot_for(E, ind->name, period, slice);
    struct ctg_acc scratch;
    const struct ctg_acc *a = accumulate(E, sl, ind, t, &scratch);
    if (a) *out = *a; else memset(out, 0, sizeof *out);
}

/* ---- the formulas ---------------------------------------------------------------------- */

/* Whether period starts after the as-of date (then, with nothing stored, it is not started):
 * asked once per period of ev:after_as_of. */
static int after_as_of(struct ctg_eng *E, uint32_t period)
{
    uint32_t known = map_get(&E->after_as_of, period, 0, 0, 0);
    if (known != NONE)
        return (int)known;
    int after = 0;
    check(E, E->env.after_as_of(E->env.ud, text_of(E, period), &after));
    after = after != 0;
    if (map_put(&E->after_as_of, period, 0, 0, 0, (uint32_t)after) != 0)
        oom(E);
    return after;
}

/* The reason a missing row gives, into E->scratch; NULL when none. */
static const char *missing_reason(struct ctg_eng *E, int64_t row)
{
    sb_reset(&E->scratch);
    check(E, E->env.missing_reason(E->env.ud, row, &E->scratch));
    if (!E->scratch.set) return NULL;
    sb_addn(E, &E->scratch, "", 0);
    return E->scratch.s;
}

/* Fills r->reason_text with REASONS[reason] and " (detail)" when a detail is given. */
static void not_available(struct ctg_eng *E, struct ctg_eng_result *r, enum ctg_eng_reason reason, const char *detail, int want_text)
{
    r->has_value = 0, r->value_is_text = 0;
    r->status = S_NOT_AVAILABLE;
    r->reason = reason;
    if (!want_text) return;
    sb_reset(&r->reason_text);
    sb_add(E, &r->reason_text, E->reasons[reason]);
    if (detail) {
        sb_add(E, &r->reason_text, " (");
        sb_add(E, &r->reason_text, detail);
        sb_add(E, &r->reason_text, ")");
    }
}

/* The places of a roll-up whose figure is a published rate (in plan order, depth first). */
static void unaggregable_titles(struct ctg_eng *E, struct ctg_eng_slot *sl, const struct ctg_eng_indicator *ind, uint32_t t,
                                struct ctg_buf *out)
{
    const struct ctg_eng_place *p = place_at(E, t);
    for (uint32_t i = 0; p && i < p->count; i++) {
        uint32_t child = E->members[p->first + i];
        struct ctg_acc scratch;
        const struct ctg_acc *sub = accumulate(E, sl, ind, child, &scratch);
        if (!sub || sub->n == 0) continue;
        if (sub->published) {
            const struct ctg_eng_place *cp = place_at(E, child);
            if (out->len > 0) sb_add(E, out, ", ");
            sb_add(E, out, text_of(E, cp && cp->title != NONE ? cp->title : child));
        } else if (sub->unaggregable) {
            unaggregable_titles(E, sl, ind, child, out);
        }
    }
}

/* text with its %s replaced by the arguments in turn */
static void format_text(struct ctg_eng *E, struct ctg_buf *out, const char *text, const char *a, const char *b)
{
    sb_reset(out);
    sb_addn(E, out, "", 0);
    const char *args[2] = {a, b};
    int next = 0;
    for (const char *p = text; *p; p++) {
        if (p[0] == '%' && p[1] == 's' && next < 2) {
            sb_add(E, out, args[next++] ? args[next - 1] : "");
            p++;
        } else {
            sb_addn(E, out, p, 1);
        }
    }
}

static void assess(struct ctg_eng *E, const struct ctg_eng_indicator *ind, uint32_t period, uint32_t territory,
                   struct ctg_eng_result *r, int want_text);

static void result_reset(struct ctg_eng_result *r)
{
    struct ctg_buf keep[4] = {r->reason_text, r->text, r->text_source, r->text_date};
    memset(r, 0, sizeof *r);
    r->reason_text = keep[0], r->text = keep[1], r->text_source = keep[2], r->text_date = keep[3];
    sb_reset(&r->reason_text), sb_reset(&r->text), sb_reset(&r->text_source), sb_reset(&r->text_date);
    r->baseline = r->target_period = r->base_period = NONE;
}

/* Why a member of a roll-up gives it no figure: R_NONE when it gives one. A rate published
 * without its figures is not summed (R_PUBLISHED_ONLY): the roll-up is partial. */
static enum ctg_eng_reason member_gap(const struct ctg_eng_indicator *ind, const struct ctg_acc *sub)
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
static void count_members(struct ctg_eng *E, struct ctg_eng_slot *sl, const struct ctg_eng_indicator *ind, uint32_t t,
                          uint32_t *members, uint32_t *with_data)
{
    const struct ctg_eng_place *p = place_at(E, t);
    *members = p ? p->count : 0, *with_data = 0;
    for (uint32_t i = 0; p && i < p->count; i++) {
        struct ctg_acc scratch;
        if (member_gap(ind, accumulate(E, sl, ind, E->members[p->first + i], &scratch)) == R_NONE) (*with_data)++;
    }
}

static void compute(struct ctg_eng *E, const struct ctg_eng_indicator *ind, uint32_t period, uint32_t territory,
                    uint32_t slice, int want_text, struct ctg_eng_result *r);
static void finish(struct ctg_eng *E, const struct ctg_eng_indicator *ind, int want_text, const struct ctg_kind_param *param,
                   struct ctg_eng_result *r);

/* The roll-up of the members of territory that have figures (with_data of members) into
 * r->members_value, when it has a value. */
static void members_beside(struct ctg_eng *E, const struct ctg_eng_indicator *ind, uint32_t period, uint32_t territory,
                           uint32_t slice, uint32_t members, uint32_t with_data, struct ctg_eng_result *r)
{
    struct ctg_eng_result sum;
    memset(&sum, 0, sizeof sum);
    result_reset(&sum);
    sum_members(E, slot_for(E, ind->name, period, slice), ind, territory, &sum.acc);
    compute(E, ind, period, territory, slice, 0, &sum);
    if (sum.has_value) {
        r->has_members_value = 1, r->members_value = sum.value, r->members_value_int = sum.value_int;
        r->members = members, r->with_data = with_data;
    }
    ctg_eng_result_free(&sum);
}

/* A place with members: its roll-up says how many members give figures (partial when some
 * do not; n.d. when the indicator wants it complete), and a figure stored for the place
 * itself (the CNAF's EPCI rate) is kept beside the roll-up of its members when every member
 * has figures, else it is the value (the roll-up would leave some out); a place's own text
 * (qualitative) is always its value. Returns 0 when the value is decided (n.d.). */
static int rollup_or_own(struct ctg_eng *E, const struct ctg_eng_indicator *ind, uint32_t period, uint32_t territory,
                         uint32_t slice, int want_text, struct ctg_eng_result *r)
{
    const struct ctg_eng_place *p = place_at(E, territory);
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
        struct ctg_eng_result own;
        memset(&own, 0, sizeof own);
        result_reset(&own);
        own.acc = r->acc;
        compute(E, ind, period, territory, slice, 0, &own);
        ctg_eng_result_free(&own);
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
static void value(struct ctg_eng *E, const struct ctg_eng_indicator *ind, uint32_t period, uint32_t territory, uint32_t slice,
                  int unassessed, int want_text, struct ctg_eng_result *r)
{
    result_reset(r);
    raw(E, ind, period, territory, slice, &r->acc);
    if (rollup_or_own(E, ind, period, territory, slice, want_text, r)) compute(E, ind, period, territory, slice, want_text, r);
    if (!unassessed) assess(E, ind, period, territory, r, want_text);
}

/* The formula of ind's kind on the roll-up r->acc, into r. */
static void compute(struct ctg_eng *E, const struct ctg_eng_indicator *ind, uint32_t period, uint32_t territory,
                    uint32_t slice, int want_text, struct ctg_eng_result *r)
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
        const char *why = missing_reason(E, a->missing_row);
        not_available(E, r, R_MISSING, why, 1);
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
        int found = 0;
        sb_reset(&r->text), sb_reset(&r->text_source), sb_reset(&r->text_date);
        check(E, E->env.text_row(E->env.ud, a->text_row, &found, &r->text, &r->text_source, &r->text_date));
        if (!found) {
            not_available(E, r, R_NO_OBSERVATION, NULL, 1);
            return;
        }
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
                    const struct ctg_eng_place *p = place_at(E, territory);
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
static void finish(struct ctg_eng *E, const struct ctg_eng_indicator *ind, int want_text, const struct ctg_kind_param *param,
                   struct ctg_eng_result *r)
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
static const struct ctg_eng_target *target_for(const struct ctg_eng *E, const struct ctg_eng_indicator *ind, uint32_t period)
{
    if (ind->ntargets == 0) return NULL;
    const struct ctg_eng_target *best = NULL, *last = NULL;
    for (uint32_t i = 0; i < ind->ntargets; i++) {
        const struct ctg_eng_target *t = &E->targets[ind->first_target + i];
        if (t->exact && t->key == period) return t;
    }
    int32_t y = year_of(text_of(E, period));
    for (uint32_t i = 0; i < ind->ntargets; i++) {
        const struct ctg_eng_target *t = &E->targets[ind->first_target + i];
        if (t->year >= y && (!best || t->year < best->year)) best = t;
        if (!last || t->year > last->year) last = t;
    }
    return best ? best : last;
}

static uint32_t year_name(struct ctg_eng *E, int32_t y)
{
    char year[16];
    snprintf(year, sizeof year, "%d", (int)y);
    return name_of(E, year, strlen(year));
}

/* The baseline of a yearly target for territory, before year: the value at the indicator's
 * reference period when it has one there, else the earliest value from the year before the
 * plan. 0 when there is none (the first year with data). */
static int baseline_of(struct ctg_eng *E, const struct ctg_eng_indicator *ind, int32_t year, uint32_t territory, double *base,
                       int *base_int, uint32_t *base_period)
{
    struct ctg_eng_result sub;
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
    ctg_eng_result_free(&sub);
    return found;
}

/* The running total of a flow from the indicator's start to period (the period's own value
 * included) into r->cumulative; the years without a figure are counted, not guessed. */
static void running_total(struct ctg_eng *E, const struct ctg_eng_indicator *ind, uint32_t period, uint32_t territory,
                          struct ctg_eng_result *r)
{
    struct ctg_eng_result sub;
    memset(&sub, 0, sizeof sub);
    double total = r->value;
    int is_int = r->value_int;
    uint32_t gaps = 0;
    for (int32_t y = ind->start, last = year_of(text_of(E, period)); y < last; y++) {
        value(E, ind, year_name(E, y), territory, 0, 1, 0, &sub);
        if (sub.has_value) total += sub.value, is_int = is_int && sub.value_int;
        else gaps++;
    }
    ctg_eng_result_free(&sub);
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
static void assess(struct ctg_eng *E, const struct ctg_eng_indicator *ind, uint32_t period, uint32_t territory,
                   struct ctg_eng_result *r, int want_text)
{
    (void)want_text;
    if (ind->no_target) return; /* a kind without targets (a text) */
    /* a count adds up over territories: its target is the plan territory's total, never each
     * member's (12 places to create in the EPCI are not 12 in each commune); a rate, a score
     * or an evolution holds for every territory */
    if (ind->root_target && E->plan_place != NONE && territory != E->plan_place) return;
    const struct ctg_eng_target *t = target_for(E, ind, period);
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

/* The note of a result (a published rate, an unweighted mean, else a partial roll-up: "partiel :
 * 11 sur 12 territoires"), into b; 0 when none. */
static int note_text(struct ctg_eng *E, const struct ctg_eng_result *r, struct ctg_buf *b)
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

/* ---- building ---------------------------------------------------------------------------- */

struct ctg_eng *ctg_eng_create(const struct ctg_engine_env *env, uint32_t max_cells)
{
    struct ctg_eng *E = calloc(1, sizeof *E);
    if (!E) return NULL;
    if (!(E->k = ctg_kernel_create())) {
        free(E);
        return NULL;
    }
    E->env = *env;
    E->max_cells = max_cells ? max_cells : DEFAULT_MAX_CELLS;
    E->plan_place = NONE;
    return E;
}

void ctg_eng_destroy(struct ctg_eng *E)
{
    if (!E) return;
    ctg_kernel_destroy(E->k);
    ctg_kernel_destroy(E->dims_kernel);
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
    for (int i = 0; i < CTG_ENG_SLOTS; i++) {
        free(E->slots[i].state);
        free(E->slots[i].accs);
        free(E->slots[i].own);
    }
    for (int i = 0; i < R_COUNT; i++) free(E->reasons[i]);
    for (int i = 0; i < X_COUNT; i++) free(E->texts[i]);
    for (int i = 0; i < S_COUNT; i++) free(E->statuses[i]);
    ctg_eng_result_free(&E->res);
    ctg_buf_free(&E->scratch);
    ctg_buf_free(&E->names);
    ctg_buf_free(&E->found);
    ctg_buf_free(&E->line);
    ctg_buf_free(&E->list);
    ctg_buf_free(&E->details);
    free(E->months_tmp);
    map_free(&E->pair_of);
    map_free(&E->month_years);
    free(E->pair_first);
    free(E->pair_cells);
    free(E->pair_tmp);
    free(E->window_of);
    free(E->admit);
    free(E);
}

uint32_t ctg_eng_intern(struct ctg_eng *E, const char *s, size_t n)
{
    int64_t id = ctg_kernel_intern(E->k, s, n);
    return id < 0 ? NONE : (uint32_t)id;
}

const char *ctg_eng_text(const struct ctg_eng *E, uint32_t id) { return text_of(E, id); }

const struct ctg_fault *ctg_eng_fault(const struct ctg_eng *E) { return &E->fault; }

static char *copy_text(const char *s) { return strdup(s ? s : ""); }

enum ctg_error ctg_eng_set_words(struct ctg_eng *E, const char *const reasons[R_COUNT],
                                 const char *const texts[X_COUNT], const char *const statuses[S_COUNT])
{
    for (int i = 0; i < R_COUNT; i++)
        if (!(E->reasons[i] = copy_text(i ? reasons[i] : ""))) return CTG_ERR_NOMEM;
    for (int i = 0; i < X_COUNT; i++)
        if (!(E->texts[i] = copy_text(texts[i]))) return CTG_ERR_NOMEM;
    for (int i = 0; i < S_COUNT; i++)
        if (!(E->statuses[i] = copy_text(i ? statuses[i] : ""))) return CTG_ERR_NOMEM;
    return CTG_OK;
}

enum ctg_error ctg_eng_add_indicator(struct ctg_eng *E, const struct ctg_eng_indicator *ind,
                                     const struct ctg_eng_target *targets, uint32_t ntargets)
{
    if (!ind->ops) {
        E->fault = (struct ctg_fault){CTG_ERR_SPEC, "indicator.accumulator", 0};
        return CTG_ERR_SPEC;
    }
    if (grow((void **)&E->inds, &E->inds_cap, E->ninds + 1, sizeof *E->inds) != 0 ||
        grow((void **)&E->targets, &E->targets_cap, E->ntargets + ntargets, sizeof *E->targets) != 0)
        return CTG_ERR_NOMEM;
    struct ctg_eng_indicator *in = &E->inds[E->ninds++];
    *in = *ind;
    in->kind = (enum ctg_eng_kind)ind->ops->shape;
    in->has_baseline = ind->baseline != NONE;
    in->first_target = E->ntargets, in->ntargets = ntargets;
    for (uint32_t j = 0; j < ntargets; j++) {
        struct ctg_eng_target *t = &E->targets[E->ntargets++];
        *t = targets[j];
        t->year = year_of(text_of(E, t->key));
    }
    return CTG_OK;
}

enum ctg_error ctg_eng_add_place(struct ctg_eng *E, uint32_t name, uint32_t title, const uint32_t *members,
                                 uint32_t nmembers)
{
    if (grow((void **)&E->places, &E->places_cap, E->nplaces + 1, sizeof *E->places) != 0 ||
        grow((void **)&E->members, &E->members_cap, E->nmembers + nmembers, sizeof *E->members) != 0)
        return CTG_ERR_NOMEM;
    E->places[E->nplaces++] = (struct ctg_eng_place){name, title, E->nmembers, nmembers};
    if (nmembers) memcpy(E->members + E->nmembers, members, nmembers * sizeof *members);
    E->nmembers += nmembers;
    return CTG_OK;
}

enum ctg_error ctg_eng_load(struct ctg_eng *E, int32_t first_year, uint32_t plan_place)
{
    ENTER(E);
    E->first_year = first_year, E->plan_place = plan_place;
    /* the indicators in plan order: past the bound, the scan keeps the first of them (the
     * first window, read in this same pass) */
    free(E->window_of); /* the order, until cut_windows makes it the windows */
    if (!(E->window_of = malloc((E->ninds ? E->ninds : 1) * sizeof *E->window_of))) oom(E);
    for (uint32_t i = 0; i < E->ninds; i++) E->window_of[i] = E->inds[i].name;
    struct ctg_window all = {NULL, 0, E->max_cells, E->window_of, E->ninds};
    check(E, E->env.read_window(E->env.ud, E->k, &all));
    free(E->window_of);
    E->window_of = NULL;
    if ((E->windowed = ctg_kernel_overflowed(E->k)))
        E->win_lo = 0, E->win_hi = ctg_kernel_prefix(E->k);
    E->nodims = name_of(E, "", 0);
    index_main_months(E);
    index_pairs(E);
    E->nnames = ctg_kernel_nstrings(E->k);
    E->place_of = malloc((E->nnames ? E->nnames : 1) * sizeof *E->place_of);
    E->ind_of = malloc((E->nnames ? E->nnames : 1) * sizeof *E->ind_of);
    if (!E->place_of || !E->ind_of) oom(E);
    for (uint32_t i = 0; i < E->nnames; i++) E->place_of[i] = E->ind_of[i] = -1;
    for (uint32_t i = 0; i < E->nplaces; i++) E->place_of[E->places[i].name] = (int32_t)i;
    for (uint32_t i = 0; i < E->ninds; i++) E->ind_of[E->inds[i].name] = (int32_t)i;
    cut_windows(E);
    return LEAVE(E);
}

/* ---- values ------------------------------------------------------------------------------ */

const struct ctg_eng_indicator *ctg_eng_indicator(const struct ctg_eng *E, uint32_t name)
{
    return name < E->nnames && E->ind_of[name] >= 0 ? &E->inds[E->ind_of[name]] : NULL;
}

const struct ctg_eng_place *ctg_eng_place(const struct ctg_eng *E, uint32_t name) { return place_at(E, name); }

uint32_t ctg_eng_title(const struct ctg_eng *E, uint32_t territory)
{
    const struct ctg_eng_place *p = place_at(E, territory);
    return p && p->title != NONE ? p->title : territory;
}

enum ctg_error ctg_eng_slice(struct ctg_eng *E, const struct ctg_eng_indicator *ind, const char *dim,
                             const char *value_text, uint32_t *slice)
{
    ENTER(E);
    *slice = !dim ? 0 : !value_text ? NONE : slice_of(E, ind->name, dim, value_text);
    return LEAVE(E);
}

enum ctg_error ctg_eng_dimset(struct ctg_eng *E, const struct ctg_eng_indicator *ind, const char *dim,
                              const struct ctg_eng_dimset **ds)
{
    ENTER(E);
    *ds = dimset_get(E, ind->name, dim);
    return LEAVE(E);
}

enum ctg_error ctg_eng_value(struct ctg_eng *E, const struct ctg_eng_indicator *ind, uint32_t period,
                             uint32_t territory, uint32_t slice, int unassessed, struct ctg_eng_result *r)
{
    ENTER(E);
    value(E, ind, period, territory, slice, unassessed, 1, r);
    return LEAVE(E);
}

enum ctg_error ctg_eng_note(struct ctg_eng *E, const struct ctg_eng_result *r, struct ctg_buf *b, int *has)
{
    ENTER(E);
    *has = note_text(E, r, b);
    return LEAVE(E);
}

enum ctg_error ctg_eng_gaps(struct ctg_eng *E, const struct ctg_eng_indicator *ind, uint32_t period,
                            uint32_t territory, uint32_t slice, const struct ctg_eng_gap **list, uint32_t *n)
{
    ENTER(E);
    const struct ctg_eng_place *p = place_at(E, territory);
    struct ctg_buf *gaps = &E->list, *details = &E->details;
    sb_reset(gaps), sb_reset(details);
    uint32_t count = 0;
    for (uint32_t i = 0; p && i < p->count; i++) {
        uint32_t child = E->members[p->first + i];
        struct ctg_eng_slot *sl = slot_for(E, ind->name, period, slice);
        struct ctg_acc scratch;
        const struct ctg_acc *sub = accumulate(E, sl, ind, child, &scratch);
        struct ctg_eng_gap gap = {child, member_gap(ind, sub), NULL};
        if (gap.why == R_NONE) continue;
        if (gap.why == R_MISSING) {
            const char *why = missing_reason(E, sub->missing_row);
            if (why) { /* its offset for now: details may move while it grows */
                gap.detail = (const char *)(uintptr_t)(details->len + 1);
                sb_addn(E, details, why, strlen(why) + 1);
            }
        }
        sb_addn(E, gaps, (const char *)&gap, sizeof gap);
        count++;
    }
    struct ctg_eng_gap *all = (struct ctg_eng_gap *)(void *)gaps->s;
    for (uint32_t i = 0; i < count; i++)
        if (all[i].detail) all[i].detail = details->s + ((uintptr_t)all[i].detail - 1);
    *list = all, *n = count;
    return LEAVE(E);
}

enum ctg_error ctg_eng_without_data(struct ctg_eng *E, const struct ctg_eng_indicator *ind, uint32_t period,
                                    uint32_t territory, uint32_t slice, const uint32_t **list, uint32_t *n)
{
    ENTER(E);
    const struct ctg_eng_place *p = place_at(E, territory);
    struct ctg_buf *out = &E->list;
    sb_reset(out);
    uint32_t count = 0;
    if (p && slice != NONE) {
        struct ctg_eng_slot *sl = slot_for(E, ind->name, period, slice);
        for (uint32_t i = 0; i < p->count; i++) {
            uint32_t child = E->members[p->first + i];
            struct ctg_acc scratch;
            const struct ctg_acc *sub = accumulate(E, sl, ind, child, &scratch);
            if (sub && sub->n > 0) continue;
            sb_addn(E, out, (const char *)&child, sizeof child);
            count++;
        }
    }
    *list = (const uint32_t *)(void *)out->s, *n = count;
    return LEAVE(E);
}

/* The (territory, period) of every cell the roll-up of t reads, appended to out. */
static void sources_of(struct ctg_eng *E, struct ctg_eng_slot *sl, const struct ctg_eng_indicator *ind, uint32_t t,
                       struct ctg_buf *out)
{
    const uint32_t *list;
    uint32_t one, count = own_cells(E, sl, t, &list, &one);
    if (count > 0) {
        int64_t pick = over_time_pick(E, list, count, ind->time);
        for (uint32_t i = 0; i < count; i++) {
            if (pick >= 0 && (int64_t)i != pick) continue;
            struct ctg_eng_cell c;
            cell_at(E, list[i], &c);
            uint32_t pair[2] = {t, c.period};
            sb_addn(E, out, (const char *)pair, sizeof pair);
        }
        return;
    }
    const struct ctg_eng_place *p = place_at(E, t);
    for (uint32_t i = 0; p && i < p->count; i++) {
        uint32_t child = E->members[p->first + i];
        struct ctg_acc scratch;
        const struct ctg_acc *sub = accumulate(E, sl, ind, child, &scratch);
        if (sub && sub->n > 0) sources_of(E, sl, ind, child, out);
    }
}

enum ctg_error ctg_eng_sources(struct ctg_eng *E, const struct ctg_eng_indicator *ind, uint32_t period,
                               uint32_t territory, uint32_t slice, int with_base, const uint32_t **pairs,
                               uint32_t *n)
{
    ENTER(E);
    struct ctg_buf *out = &E->list;
    sb_reset(out);
    if (slice != NONE) {
        sources_of(E, slot_for(E, ind->name, period, slice), ind, territory, out);
        if (with_base && ind->has_baseline)
            sources_of(E, slot_for(E, ind->name, ind->baseline, slice), ind, territory, out);
    }
    *pairs = (const uint32_t *)(void *)out->s, *n = out->len / (2 * sizeof(uint32_t));
    return LEAVE(E);
}

void ctg_eng_sort_by_text(const struct ctg_eng *E, uint32_t *pairs, uint32_t n)
{
    sort_values_engine = E;
    if (n > 0) qsort(pairs, n, 2 * sizeof *pairs, cmp_values);
}

/* The next value of the grid into E->res; 0 when done. */
static int grid_step(struct ctg_eng *E, struct ctg_eng_grid *g)
{
    if (!g->started) {
        g->started = 1, g->i = g->p = g->t = g->j = 0, g->ind = NULL;
    } else if (++g->j >= (g->ds ? g->ds->count : 1)) { /* next value, territory, period, indicator */
        g->j = 0;
        if (++g->t >= g->nt) {
            g->t = 0;
            if (++g->p >= g->np) g->p = 0, g->i++, g->ind = NULL;
        }
    }
    for (; g->i < g->ni; g->i++, g->ind = NULL) {
        if (!g->ind) {
            if (!(g->ind = ctg_eng_indicator(E, g->inds[g->i]))) fail(E, CTG_ERR_SPEC, "grid.indicator", 0);
            g->ds = g->dim ? dimset_get(E, g->ind->name, g->dim) : NULL;
            g->p = g->t = g->j = 0;
        }
        if (g->np > 0 && g->nt > 0 && (!g->ds || g->ds->count > 0)) break; /* else nothing to compute */
    }
    if (g->i >= g->ni) return 0;
    g->period = g->periods[g->p], g->territory = g->territories[g->t];
    if (g->ds) {
        g->dim_value = E->dim_values[2 * (g->ds->first + g->j)];
        g->slice = E->dim_values[2 * (g->ds->first + g->j) + 1];
    } else {
        g->dim_value = NONE, g->slice = 0;
    }
    value(E, g->ind, g->period, g->territory, g->slice, 0, 1, &E->res);
    return 1;
}

enum ctg_error ctg_eng_grid_next(struct ctg_eng *E, struct ctg_eng_grid *g, int *more)
{
    ENTER(E);
    *more = grid_step(E, g);
    return LEAVE(E);
}

/* ---- CSV out, row by row ----------------------------------------------------------------- */

enum ctg_error ctg_eng_csv_start(struct ctg_eng_csv *c, FILE *f, const char *dialect, struct ctg_buf *line)
{
    *c = (struct ctg_eng_csv){f, strcmp(dialect, "french") == 0, 0, NULL, line, NULL, 0};
    c->sep = c->french ? ';' : ',', c->eol = c->french ? "\r\n" : "\n";
    return c->french ? ctg_buf_add(line, "\xEF\xBB\xBF", 3) : CTG_OK;
}

enum ctg_error ctg_eng_csv_text(struct ctg_eng_csv *c, const char *s, size_t n)
{
    return ctg_csv_text(c->line, s, n, c->sep);
}

enum ctg_error ctg_eng_csv_number(struct ctg_eng_csv *c, double v, int is_int)
{
    return ctg_csv_number(c->line, v, is_int, c->french);
}

enum ctg_error ctg_eng_csv_sep(struct ctg_eng_csv *c) { return ctg_buf_add(c->line, &c->sep, 1); }

enum ctg_error ctg_eng_csv_end(struct ctg_eng_csv *c, struct ctg_fault *fault)
{
    if (ctg_buf_add(c->line, c->eol, strlen(c->eol)) != CTG_OK) return CTG_ERR_NOMEM;
    if (!c->f) return CTG_OK;
    if (fwrite(c->line->s, 1, c->line->len, c->f) != c->line->len) {
        *fault = (struct ctg_fault){CTG_ERR_WRITE, NULL, errno};
        return CTG_ERR_WRITE;
    }
    sb_reset(c->line);
    return CTG_OK;
}

/* A CSV step inside ENTER: a failure leaves by fail. */
static void csv_step(struct ctg_eng *E, enum ctg_error code)
{
    if (code != CTG_OK) fail(E, code, NULL, 0);
}

static void csv_text(struct ctg_eng *E, struct ctg_eng_csv *c, const char *s, size_t n)
{
    csv_step(E, ctg_csv_text(c->line, s, n, c->sep));
}

static void csv_number(struct ctg_eng *E, struct ctg_eng_csv *c, double v, int is_int)
{
    csv_step(E, ctg_csv_number(c->line, v, is_int, c->french));
}

static void csv_sep(struct ctg_eng *E, struct ctg_eng_csv *c) { sb_addn(E, c->line, &c->sep, 1); }

static void csv_name(struct ctg_eng *E, struct ctg_eng_csv *c, uint32_t id)
{
    const char *s = text_of(E, id);
    csv_text(E, c, s, strlen(s));
}

static void csv_row(struct ctg_eng *E, struct ctg_eng_csv *c, const struct ctg_eng_grid *g)
{
    const struct ctg_eng_result *r = &E->res;
    csv_name(E, c, g->ind->name), csv_sep(E, c);
    csv_name(E, c, g->period), csv_sep(E, c);
    csv_name(E, c, g->territory), csv_sep(E, c);
    if (g->dim_value != NONE) csv_name(E, c, g->dim_value), csv_sep(E, c);
    if (r->value_is_text) csv_text(E, c, r->text.s, r->text.len);
    else if (r->has_value) csv_number(E, c, r->value, r->value_int);
    csv_sep(E, c);
    if (r->has_num) csv_number(E, c, r->numerator, r->num_int);
    csv_sep(E, c);
    if (r->has_den) csv_number(E, c, r->denominator, r->den_int);
    csv_sep(E, c);
    if (r->has_target) csv_number(E, c, r->target, r->target_int);
    csv_sep(E, c);
    if (r->status) csv_text(E, c, E->statuses[r->status], strlen(E->statuses[r->status]));
    csv_sep(E, c);
    if (r->reason_text.set) csv_text(E, c, r->reason_text.s, r->reason_text.len);
    else if (note_text(E, r, &E->scratch)) csv_text(E, c, E->scratch.s, E->scratch.len);
    if (c->plan) csv_sep(E, c), csv_text(E, c, c->plan, c->plan_len);
    struct ctg_fault fault = {CTG_OK, NULL, 0};
    if (ctg_eng_csv_end(c, &fault) != CTG_OK) fail(E, fault.code ? fault.code : CTG_ERR_NOMEM, NULL, fault.number);
}

enum ctg_error ctg_eng_write_csv(struct ctg_eng *E, struct ctg_eng_csv *c, struct ctg_eng_grid *g)
{
    ENTER(E);
    while (grid_step(E, g)) csv_row(E, c, g);
    return LEAVE(E);
}
