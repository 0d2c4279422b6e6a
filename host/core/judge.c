/* The judge of observation rows without Lua (see core/judge.h): the rules of a row — its
 * indicator, period, territory, dimensions, numbers and what its kind takes — as findings of
 * codes, and the row normalised for the store. Lookups are the core's hash maps; a territory
 * named otherwise than by its code is resolved once by the caller's resolver and
 * remembered. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/hash.h"
#include "core/judge.h"

#define MAX_ERRORS 48
#define MAX_WARNINGS 4
/* names other than codes remembered per judge: bounded, a hostile file cannot grow it */
#define MAX_ALIASES 65536
/* the largest integer a double (the database's REAL) holds exactly */
#define EXACT 9007199254740992.0
#define EXACT_INT (1LL << 53)

/* ---------------------------------------------------------------- string maps */

struct smap_item {
    const char *key; /* kept by the caller, alive as long as the map */
    size_t len;
    int value;
};

/* Strings -> int: the items in the order they came, indexed by the core's hash index. */
struct smap {
    struct smap_item *items;
    uint32_t count, cap;
    struct ctg_hash index;
    uint32_t last; /* 1 + the item found last, 0: none (rows come in runs of one territory) */
};

/* The key of a lookup: the bytes and their length (keys are not NUL-terminated). */
struct skey {
    const char *s;
    size_t len;
};

static int smap_item_eq(const void *ctx, uint32_t item, const void *key)
{
    const struct smap_item *it = &((const struct smap *)ctx)->items[item];
    const struct skey *k = key;
    return it->len == k->len && memcmp(it->key, k->s, k->len) == 0;
}

/* The item of key, or CTG_HASH_NONE. */
static uint32_t smap_item(const struct smap *m, const char *key, size_t len)
{
    struct skey k = {key, len};
    return ctg_hash_find(&m->index, ctg_hash_bytes(key, len), &k, smap_item_eq, m);
}

/* The value of key, or -1. */
static int smap_find(const struct smap *m, const char *key, size_t len)
{
    uint32_t i = smap_item(m, key, len);
    return i == CTG_HASH_NONE ? -1 : m->items[i].value;
}

/* The same, for the maps every row asks (indicators, territories): the item found last is
 * compared first, before any hashing, for rows come in runs of one territory. */
static int smap_get(struct smap *m, const char *key, size_t len)
{
    if (m->last) {
        const struct smap_item *it = &m->items[m->last - 1];
        if (it->len == len && memcmp(it->key, key, len) == 0)
            return it->value;
    }
    uint32_t i = smap_item(m, key, len);
    if (i == CTG_HASH_NONE)
        return -1;
    m->last = i + 1;
    return m->items[i].value;
}

/* Add key (kept by the caller, alive as long as the map) -> value, or set the value of a
 * key already there; -1 when out of memory. */
static int smap_put(struct smap *m, const char *key, size_t len, int value)
{
    uint32_t hash = ctg_hash_bytes(key, len);
    struct skey k = {key, len};
    uint32_t i = ctg_hash_find(&m->index, hash, &k, smap_item_eq, m);
    if (i != CTG_HASH_NONE) {
        m->items[i].value = value;
        return 0;
    }
    if (m->count == m->cap) {
        uint32_t cap = m->cap ? m->cap * 2 : 32;
        struct smap_item *items = realloc(m->items, cap * sizeof *items);
        if (!items)
            return -1;
        m->items = items, m->cap = cap;
    }
    if (ctg_hash_add(&m->index, hash, m->count) != 0)
        return -1;
    m->items[m->count++] = (struct smap_item){key, len, value};
    return 0;
}

static void smap_free(struct smap *m)
{
    free(m->items);
    ctg_hash_free(&m->index);
    memset(m, 0, sizeof *m);
}

/* A list of owned strings with a map from each to its index. */
struct names {
    char **items;
    int n, cap;
    struct smap map;
};

static int names_add(struct names *ns, const char *s, size_t len)
{
    if (ns->n == ns->cap) {
        int cap = ns->cap ? ns->cap * 2 : 16;
        char **items = realloc(ns->items, (size_t)cap * sizeof *items);
        if (!items)
            return -1;
        ns->items = items;
        ns->cap = cap;
    }
    char *copy = malloc(len + 1);
    if (!copy)
        return -1;
    memcpy(copy, s, len);
    copy[len] = '\0';
    if (smap_put(&ns->map, copy, len, ns->n) != 0) {
        free(copy);
        return -1;
    }
    ns->items[ns->n++] = copy;
    return 0;
}

static void names_free(struct names *ns)
{
    for (int i = 0; i < ns->n; i++)
        free(ns->items[i]);
    free(ns->items);
    smap_free(&ns->map);
    memset(ns, 0, sizeof *ns);
}


/* The figures a row of an indicator gives, as its kind declares them (ctg.kinds: rows): a
 * value, a ratio's numerator and denominator, a score's value and respondents, a text. */
enum kind { K_VALUE = CTG_ROWS_VALUE, K_RATIO = CTG_ROWS_RATIO, K_SCORE = CTG_ROWS_SCORE,
            K_TEXT = CTG_ROWS_TEXT };


static const char *const code_names[] = {
    "missing-indicator", "unknown-indicator", "missing-period", "bad-period",
    "period-outside", "missing-territory", "territory", "no-dimension", "dimension-type",
    "unknown-step", "unknown-action", "not-finite", "not-number", "too-big", "negative",
    "respondents-type", "text-type", "missing-type", "note-type", "source-type",
    "missing-with-value", "respondents-kind", "ratio-text", "ratio-both", "ratio-value",
    "qualitative", "score-value", "score-text", "score-denominator", "score-respondents",
    "kind-ratio", "kind-value", "kind-only", "count-whole", "too-many-dimensions", "share",
};

static const char *const field_names[CTG_F_COUNT] = {
    "indicator", "period", "territory", "value", "numerator", "denominator", "respondents",
    "text", "missing", "note", "source",
};


struct indicator {
    enum kind kind;
    uint8_t whole;   /* its value is a whole number (a count) */
    char *kind_name; /* the kind, for the messages */
    struct names by; /* its dimensions */
};

struct ctg_judge_core {
    int earliest, latest; /* observations: earliest..latest (ctg.rows.observation_years) */
    char *plan_id;
    int city; /* index in territories, -1 when the plan has several roots */
    struct names indicators;
    struct indicator *ind; /* parallel to indicators.items */
    int ind_cap;
    struct names territories, steps, actions;
    struct names aliases;   /* names resolved by the resolver -> territory index */
    ctg_territory_fn resolve;
    void *resolve_ctx;
    /* the verdict of the last row */
    struct ctg_finding errors[MAX_ERRORS], warnings[MAX_WARNINGS];
    int nerrors, nwarnings;
    const struct indicator *row_ind;
    const char *row_id;
    /* the normalised row */
    struct ctg_obs out;
    char period[32];
    char *dims;
    size_t dims_cap;
    char note[48], source[48];
};

enum ctg_field ctg_field_of(const char *key, size_t len)
{
    static size_t lengths[CTG_F_COUNT];
    if (!lengths[0])
        for (int f = 0; f < CTG_F_COUNT; f++)
            lengths[f] = strlen(field_names[f]);
    for (int f = 0; f < CTG_F_COUNT; f++)
        if (lengths[f] == len && key[0] == field_names[f][0] && memcmp(field_names[f], key, len) == 0)
            return (enum ctg_field)f;
    return CTG_F_COUNT;
}

/* An empty row: the fields absent, no dimension (the dimensions' slots are not cleared). */
void ctg_raw_clear(struct ctg_raw *raw)
{
    memset(raw->f, 0, sizeof raw->f);
    raw->ndims = 0;
    raw->extra_dim = NULL;
}

static void add_finding(struct ctg_judge_core *j, int warning, enum ctg_judge_code code, const char *field,
                        const struct ctg_rval *value, const struct ctg_rval *value2)
{
    struct ctg_finding *list = warning ? j->warnings : j->errors;
    int *n = warning ? &j->nwarnings : &j->nerrors;
    if (*n >= (warning ? MAX_WARNINGS : MAX_ERRORS))
        return;
    struct ctg_finding *f = &list[(*n)++];
    memset(f, 0, sizeof *f);
    f->code = code;
    f->field = field;
    if (value)
        f->value = *value;
    if (value2)
        f->value2 = *value2;
}

#define ERR(j, code, field, v, v2) add_finding((j), 0, (code), (field), (v), (v2))

/* ---------------------------------------------------------------- values */

static int is_number(const struct ctg_rval *v)
{
    return v->type == CTG_R_INT || (v->type == CTG_R_FLOAT && isfinite(v->d));
}

static double number_of(const struct ctg_rval *v)
{
    return v->type == CTG_R_INT ? (double)v->i : v->d;
}

/* The integer a number stands for (an integral float below 2^53 too), as ctg.schema's
 * integral(); 0 when it has none. */
static int integral(const struct ctg_rval *v, long long *out)
{
    if (v->type == CTG_R_INT) {
        *out = v->i;
        return 1;
    }
    if (v->type == CTG_R_FLOAT && v->d == floor(v->d) && fabs(v->d) < EXACT) {
        *out = (long long)v->d;
        return 1;
    }
    return 0;
}

/* A scalar as Lua's tostring writes it, into buf; NULL for a table. */
static const char *text_of(const struct ctg_rval *v, char *buf, size_t size, size_t *len)
{
    switch (v->type) {
    case CTG_R_STR:
        *len = v->n;
        return v->s;
    case CTG_R_INT:
        *len = (size_t)snprintf(buf, size, "%lld", v->i);
        return buf;
    case CTG_R_FLOAT: {
        int n = snprintf(buf, size, "%.14g", v->d);
        /* Lua marks a float that looks like an integer: 3.0, not 3 */
        if (n > 0 && (size_t)n + 2 < size && buf[strspn(buf, "-0123456789")] == '\0') {
            buf[n++] = '.';
            buf[n++] = '0';
            buf[n] = '\0';
        }
        *len = (size_t)n;
        return buf;
    }
    case CTG_R_BOOL:
        *len = v->i ? 4 : 5;
        return v->i ? "true" : "false";
    default:
        return NULL;
    }
}

static int digits(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* A year of 1900 to 2200 (four digits) as text into out: what every row's period is, so
 * without snprintf. */
static void year_text(char out[5], int year)
{
    out[0] = (char)('0' + year / 1000 % 10);
    out[1] = (char)('0' + year / 100 % 10);
    out[2] = (char)('0' + year / 10 % 10);
    out[3] = (char)('0' + year % 10);
    out[4] = '\0';
}

/* The period as ctg.rows.period_text writes it, into j->period, and its first year;
 * 0 when it is not a period. */
static int period_text(struct ctg_judge_core *j, const struct ctg_rval *v, int *year)
{
    long long y;
    if (v->type == CTG_R_STR) {
        const char *s = v->s;
        size_t n = v->n;
        if (n == 4 && digits(s, 4)) {
            *year = atoi(s);
            if (s[0] != '0')
                memcpy(j->period, s, 5); /* four digits and the NUL: the year's own text */
            else
                snprintf(j->period, sizeof j->period, "%d", *year); /* "0123" is year 123 */
            return 1;
        }
        int ok = 0;
        if (n == 9 && digits(s, 4) && s[4] == '-' && digits(s + 5, 4))
            ok = atoi(s + 5) == atoi(s) + 1;
        else if (n == 7 && digits(s, 4) && s[4] == '-' && digits(s + 5, 2))
            ok = atoi(s + 5) >= 1 && atoi(s + 5) <= 12;
        if (!ok)
            return 0;
        memcpy(j->period, s, n + 1);
        *year = atoi(s);
        return 1;
    }
    if (integral(v, &y) && y >= 1900 && y <= 2200) {
        *year = (int)y;
        year_text(j->period, *year);
        return 1;
    }
    return 0;
}

/* ---------------------------------------------------------------- territory */

/* The index of the territory a row names into *t: its code, else what the resolver says of
 * the name (remembered for the next rows); -1 when it names none. */
static enum ctg_error territory_of(struct ctg_judge_core *j, const struct ctg_rval *v, int *t)
{
    if (v->type == CTG_R_STR) {
        if ((*t = smap_get(&j->territories.map, v->s, v->n)) >= 0)
            return CTG_OK;
        if ((*t = smap_get(&j->aliases.map, v->s, v->n)) >= 0)
            return CTG_OK;
    }
    const char *code;
    size_t len;
    *t = -1;
    if (!j->resolve || !j->resolve(j->resolve_ctx, v, &code, &len))
        return CTG_OK;
    *t = smap_get(&j->territories.map, code, len);
    if (*t >= 0 && v->type == CTG_R_STR && j->aliases.n < MAX_ALIASES) {
        /* the map's value: the territory's index (names_add set the name's own) */
        if (names_add(&j->aliases, v->s, v->n) != 0 ||
            smap_put(&j->aliases.map, j->aliases.items[j->aliases.n - 1], v->n, *t) != 0)
            return CTG_ERR_NOMEM;
    }
    return CTG_OK;
}

/* ---------------------------------------------------------------- dimensions */

static int compare_dims(const void *a, const void *b)
{
    return strcmp(((const struct ctg_raw_dim *)a)->name, ((const struct ctg_raw_dim *)b)->name);
}

static int dims_reserve(struct ctg_judge_core *j, size_t need)
{
    if (need <= j->dims_cap)
        return 0;
    size_t cap = j->dims_cap ? j->dims_cap : 256;
    while (cap < need)
        cap *= 2;
    char *d = realloc(j->dims, cap);
    if (!d)
        return -1;
    j->dims = d;
    j->dims_cap = cap;
    return 0;
}

/* Append s to the dimension text at *used; escaped: '%', ';' and '=' percent-encoded so
 * that the text splits back unambiguously (as ctg.rows.encode_dims). */
static int dims_append(struct ctg_judge_core *j, size_t *used, const char *s, size_t n, int escaped)
{
    if (dims_reserve(j, *used + 3 * n + 1) != 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (escaped && (c == '%' || c == ';' || c == '='))
            *used += (size_t)snprintf(j->dims + *used, 4, "%%%02X", c);
        else
            j->dims[(*used)++] = (char)c;
    }
    j->dims[*used] = '\0';
    return 0;
}

/* Check the row's dimensions against its indicator (ind NULL: unknown indicator, checked
 * for what can be) and write their canonical text "a=b;c=d", sorted by name. */
static enum ctg_error check_dimensions(struct ctg_judge_core *j, const struct ctg_raw *raw, const struct indicator *ind)
{
    struct ctg_raw_dim kept[CTG_RAW_MAX_DIMS];
    char numbers[CTG_RAW_MAX_DIMS][48];
    int n = 0;
    for (int i = 0; i < raw->ndims; i++) {
        const struct ctg_raw_dim *d = &raw->dims[i];
        char buf[48];
        size_t len = 0;
        const char *text = NULL;
        if (d->v.type == CTG_R_STR || d->v.type == CTG_R_INT || d->v.type == CTG_R_FLOAT)
            text = text_of(&d->v, buf, sizeof buf, &len);
        if (ind && smap_find(&ind->by.map, d->name, strlen(d->name)) < 0)
            ERR(j, CTG_J_NO_DIMENSION, d->name, NULL, NULL);
        else if (!text)
            ERR(j, CTG_J_DIM_TYPE, d->name, &d->v, NULL);
        else if (strcmp(d->name, "step") == 0 && smap_get(&j->steps.map, text, len) < 0)
            ERR(j, CTG_J_UNKNOWN_STEP, d->name, &d->v, NULL);
        else if (strcmp(d->name, "action") == 0 && smap_get(&j->actions.map, text, len) < 0)
            ERR(j, CTG_J_UNKNOWN_ACTION, d->name, &d->v, NULL);
        else {
            kept[n] = *d;
            if (text == buf) {
                memcpy(numbers[n], buf, len + 1);
                text = numbers[n];
            }
            kept[n].v.type = CTG_R_STR;
            kept[n].v.s = text;
            kept[n].v.n = len;
            n++;
        }
    }
    if (raw->extra_dim)
        ERR(j, CTG_J_TOO_MANY_DIMS, raw->extra_dim, NULL, NULL);
    qsort(kept, (size_t)n, sizeof *kept, compare_dims);
    size_t used = 0;
    if (dims_reserve(j, 1) != 0)
        return CTG_ERR_NOMEM;
    j->dims[0] = '\0';
    for (int i = 0; i < n; i++) {
        if ((i > 0 && dims_append(j, &used, ";", 1, 0) != 0) ||
            dims_append(j, &used, kept[i].name, strlen(kept[i].name), 1) != 0 ||
            dims_append(j, &used, "=", 1, 0) != 0 ||
            dims_append(j, &used, kept[i].v.s, kept[i].v.n, 1) != 0)
            return CTG_ERR_NOMEM;
    }
    j->out.key[5] = j->dims;
    j->out.key_len[5] = used;
    return CTG_OK;
}

/* ---------------------------------------------------------------- what the row says */

/* Does the text of a number of 2^53 or more (v->s) stand exactly for ±2^53, the largest
 * integer a double holds with all those below it? Without its text, the double decides. */
static int text_is_exact_limit(const struct ctg_rval *v)
{
    if (!v->s)
        return fabs(v->d) == EXACT;
    const char *p = v->s, *end = v->s + v->n;
    if (p < end && (*p == '-' || *p == '+'))
        p++;
    while (p < end - 1 && *p == '0' && p[1] != '.' && p[1] != ',')
        p++;
    static const char limit[] = "9007199254740992";
    size_t len = sizeof limit - 1;
    if ((size_t)(end - p) < len || memcmp(p, limit, len) != 0)
        return 0;
    p += len;
    if (p < end && (*p == '.' || *p == ','))
        p++;
    for (; p < end; p++)
        if (*p != '0')
            return 0;
    return 1;
}

/* A number field: finite, exact as a double, not negative. */
static void check_number(struct ctg_judge_core *j, const struct ctg_raw *raw, enum ctg_field f)
{
    const struct ctg_rval *v = &raw->f[f];
    int slot = f - CTG_F_VALUE;
    if (v->type == CTG_R_ABSENT)
        return;
    if (v->type == CTG_R_FLOAT && !isfinite(v->d))
        ERR(j, CTG_J_NOT_FINITE, field_names[f], v, NULL);
    else if (!is_number(v))
        ERR(j, CTG_J_NOT_NUMBER, field_names[f], v, NULL);
    else if (v->type == CTG_R_INT ? (v->i > EXACT_INT || v->i < -EXACT_INT)
                                  : (fabs(v->d) >= EXACT && !text_is_exact_limit(v)))
        /* beyond 2^53 an integer would silently become another one: decided from the
         * number's text when the reader kept it (9007199254740993 reads as 2^53) */
        ERR(j, CTG_J_TOO_BIG, field_names[f], v, NULL);
    else if (number_of(v) < 0)
        ERR(j, CTG_J_NEGATIVE, field_names[f], v, NULL);
    else {
        j->out.has_number[slot] = 1;
        j->out.number[slot] = number_of(v);
    }
}

/* note and source: text, or a number or boolean written as Lua writes it. */
static const char *optional_text(struct ctg_judge_core *j, const struct ctg_raw *raw, enum ctg_field f,
                                 char *buf, size_t size)
{
    const struct ctg_rval *v = &raw->f[f];
    if (v->type == CTG_R_ABSENT)
        return NULL;
    size_t len;
    const char *s = text_of(v, buf, size, &len);
    if (!s)
        ERR(j, f == CTG_F_NOTE ? CTG_J_NOTE_TYPE : CTG_J_SOURCE_TYPE, field_names[f], v, NULL);
    return s;
}

/* What the row gives must fit the indicator's kind: exactly one of value, numerator +
 * denominator, text, missing (a score may add numerator/denominator to its value); a
 * ratio's numerator alone or denominator alone is a part (record numerator, denominator). */
static void check_content(struct ctg_judge_core *j, const struct ctg_raw *raw, const struct indicator *ind)
{
    enum kind kind = ind->kind;
    const struct ctg_rval *f = raw->f;
    int has_value = f[CTG_F_VALUE].type != CTG_R_ABSENT;
    int has_num = f[CTG_F_NUMERATOR].type != CTG_R_ABSENT;
    int has_den = f[CTG_F_DENOMINATOR].type != CTG_R_ABSENT;
    int has_ratio = has_num || has_den;
    int has_text = f[CTG_F_TEXT].type != CTG_R_ABSENT;
    int has_resp = f[CTG_F_RESPONDENTS].type != CTG_R_ABSENT;
    const char *const *F = field_names;
    if (f[CTG_F_MISSING].type != CTG_R_ABSENT) {
        if (has_value || has_ratio || has_text)
            ERR(j, CTG_J_MISSING_WITH, F[CTG_F_MISSING], NULL, NULL);
    } else if (has_resp && kind != K_SCORE) {
        ERR(j, CTG_J_RESPONDENTS_KIND, F[CTG_F_RESPONDENTS], NULL, NULL);
    } else if (kind == K_RATIO) {
        if (has_value && !has_ratio) {
            /* a rate published without its figures (CNAF, INSEE): stored as it is */
            if (has_text)
                ERR(j, CTG_J_RATIO_TEXT, F[CTG_F_TEXT], NULL, NULL);
        } else if (!has_num || !has_den) {
            /* a part: places from the CNAF, children from INSEE, in two files (issue 22).
             * Stored as a record of its own, paired with the other part by the evaluation;
             * beside a value or a text it is a mistake, not a part */
            if (has_value || has_text)
                ERR(j, CTG_J_RATIO_BOTH, F[has_value ? CTG_F_VALUE : CTG_F_TEXT], NULL, NULL);
            else
                j->out.key[1] = has_num ? "numerator" : "denominator", j->out.key_len[1] = strlen(j->out.key[1]);
        } else if (has_value || has_text) {
            ERR(j, CTG_J_RATIO_VALUE, F[has_value ? CTG_F_VALUE : CTG_F_TEXT], NULL, NULL);
        } else if (number_of(&f[CTG_F_NUMERATOR]) > number_of(&f[CTG_F_DENOMINATOR]) &&
                   number_of(&f[CTG_F_DENOMINATOR]) > 0) {
            add_finding(j, 1, CTG_J_SHARE, F[CTG_F_NUMERATOR], &f[CTG_F_NUMERATOR], &f[CTG_F_DENOMINATOR]);
        }
    } else if (kind == K_TEXT) {
        if (!has_text || has_value || has_ratio)
            ERR(j, CTG_J_QUALITATIVE, F[has_text ? CTG_F_VALUE : CTG_F_TEXT], NULL, NULL);
    } else if (kind == K_SCORE) {
        if (!has_value)
            ERR(j, CTG_J_SCORE_VALUE, F[CTG_F_VALUE], NULL, NULL);
        else if (has_text)
            ERR(j, CTG_J_SCORE_TEXT, F[CTG_F_TEXT], NULL, NULL);
        else if (has_num && !has_den && !has_resp)
            /* the denominator alone is the number of respondents (what respondents says) */
            ERR(j, CTG_J_SCORE_DENOMINATOR, F[CTG_F_DENOMINATOR], NULL, NULL);
        else if (has_resp && has_den &&
                 number_of(&f[CTG_F_RESPONDENTS]) != number_of(&f[CTG_F_DENOMINATOR]))
            ERR(j, CTG_J_SCORE_RESPONDENTS, F[CTG_F_RESPONDENTS], &f[CTG_F_RESPONDENTS],
                &f[CTG_F_DENOMINATOR]);
    } else { /* a value: count, evolution, max */
        if (has_ratio && !has_value)
            ERR(j, CTG_J_KIND_RATIO, F[CTG_F_NUMERATOR], NULL, NULL);
        else if (!has_value)
            ERR(j, CTG_J_KIND_VALUE, F[CTG_F_VALUE], NULL, NULL);
        else if (has_ratio || has_text)
            ERR(j, CTG_J_KIND_ONLY, F[has_text ? CTG_F_TEXT : CTG_F_NUMERATOR], NULL, NULL);
        else if (ind->whole && f[CTG_F_VALUE].type == CTG_R_FLOAT &&
                 f[CTG_F_VALUE].d != floor(f[CTG_F_VALUE].d))
            ERR(j, CTG_J_COUNT_WHOLE, F[CTG_F_VALUE], &f[CTG_F_VALUE], NULL);
    }
}

enum ctg_error ctg_judge_row(struct ctg_judge_core *j, const struct ctg_raw *raw)
{
    const struct ctg_rval *f = raw->f;
    const char *const *F = field_names;
    j->nerrors = j->nwarnings = 0;
    memset(&j->out, 0, sizeof j->out);
    j->out.key[0] = j->plan_id;
    j->out.key_len[0] = strlen(j->plan_id);
    j->out.key[1] = "value";
    j->out.key_len[1] = 5;
    /* indicator */
    const struct indicator *ind = NULL;
    j->row_id = NULL;
    if (f[CTG_F_INDICATOR].type == CTG_R_ABSENT) {
        ERR(j, CTG_J_MISSING_INDICATOR, F[CTG_F_INDICATOR], NULL, NULL);
    } else {
        int i = f[CTG_F_INDICATOR].type == CTG_R_STR
                    ? smap_get(&j->indicators.map, f[CTG_F_INDICATOR].s, f[CTG_F_INDICATOR].n)
                    : -1;
        if (i < 0) {
            ERR(j, CTG_J_UNKNOWN_INDICATOR, F[CTG_F_INDICATOR], &f[CTG_F_INDICATOR], NULL);
        } else {
            ind = &j->ind[i];
            j->row_id = j->indicators.items[i];
            j->out.key[2] = j->row_id;
            j->out.key_len[2] = f[CTG_F_INDICATOR].n;
        }
    }
    j->row_ind = ind;
    /* period: a year, school year or month, within the years around the plan */
    if (f[CTG_F_PERIOD].type == CTG_R_ABSENT) {
        ERR(j, CTG_J_MISSING_PERIOD, F[CTG_F_PERIOD], NULL, NULL);
    } else {
        int year;
        if (!period_text(j, &f[CTG_F_PERIOD], &year)) {
            ERR(j, CTG_J_BAD_PERIOD, F[CTG_F_PERIOD], &f[CTG_F_PERIOD], NULL);
        } else if (year < j->earliest || year > j->latest) {
            struct ctg_rval text = {CTG_R_STR, j->period, strlen(j->period), 0, 0};
            ERR(j, CTG_J_PERIOD_OUTSIDE, F[CTG_F_PERIOD], &text, NULL);
        } else {
            j->out.key[3] = j->period;
            j->out.key_len[3] = strlen(j->period);
        }
    }
    /* territory: the root's when the row names none and the plan has one root */
    int t = -1;
    if (f[CTG_F_TERRITORY].type == CTG_R_ABSENT) {
        t = j->city;
        if (t < 0)
            ERR(j, CTG_J_MISSING_TERRITORY, F[CTG_F_TERRITORY], NULL, NULL);
    } else {
        enum ctg_error e = territory_of(j, &f[CTG_F_TERRITORY], &t);
        if (e != CTG_OK)
            return e;
        if (t < 0)
            ERR(j, CTG_J_TERRITORY, F[CTG_F_TERRITORY], &f[CTG_F_TERRITORY], NULL);
    }
    if (t >= 0) {
        j->out.key[4] = j->territories.items[t];
        j->out.key_len[4] = strlen(j->territories.items[t]);
    }
    enum ctg_error e = check_dimensions(j, raw, ind);
    if (e != CTG_OK)
        return e;
    for (int k = CTG_F_VALUE; k <= CTG_F_DENOMINATOR; k++)
        check_number(j, raw, (enum ctg_field)k);
    if (f[CTG_F_RESPONDENTS].type != CTG_R_ABSENT) {
        long long n;
        if (!integral(&f[CTG_F_RESPONDENTS], &n) || n < 0) {
            ERR(j, CTG_J_RESPONDENTS_TYPE, F[CTG_F_RESPONDENTS], &f[CTG_F_RESPONDENTS], NULL);
        } else if (!j->out.has_number[2]) {
            /* the answers a mean is taken over: what weights it in a roll-up */
            j->out.has_number[2] = 1;
            j->out.number[2] = (double)n;
        }
    }
    if (f[CTG_F_TEXT].type != CTG_R_ABSENT && f[CTG_F_TEXT].type != CTG_R_STR)
        ERR(j, CTG_J_TEXT_TYPE, F[CTG_F_TEXT], &f[CTG_F_TEXT], NULL);
    else
        j->out.text = f[CTG_F_TEXT].type == CTG_R_STR ? f[CTG_F_TEXT].s : NULL;
    if (f[CTG_F_MISSING].type != CTG_R_ABSENT &&
        (f[CTG_F_MISSING].type != CTG_R_STR || f[CTG_F_MISSING].n == 0))
        ERR(j, CTG_J_MISSING_TYPE, F[CTG_F_MISSING], &f[CTG_F_MISSING], NULL);
    else
        j->out.missing = f[CTG_F_MISSING].type == CTG_R_STR ? f[CTG_F_MISSING].s : NULL;
    j->out.note = optional_text(j, raw, CTG_F_NOTE, j->note, sizeof j->note);
    j->out.source = optional_text(j, raw, CTG_F_SOURCE, j->source, sizeof j->source);
    if (ind && j->nerrors == 0)
        check_content(j, raw, ind);
    return CTG_OK;
}


/* ---------------------------------------------------------------- building a judge */

const char *ctg_judge_code_name(enum ctg_judge_code code)
{
    return code >= 0 && code < CTG_J_COUNT ? code_names[code] : "?";
}

struct ctg_judge_core *ctg_judge_core_new(const char *plan_id, int earliest, int latest)
{
    struct ctg_judge_core *j = calloc(1, sizeof *j);
    if (!j)
        return NULL;
    if (!(j->plan_id = strdup(plan_id))) {
        free(j);
        return NULL;
    }
    j->earliest = earliest, j->latest = latest, j->city = -1;
    return j;
}

void ctg_judge_core_free(struct ctg_judge_core *j)
{
    if (!j)
        return;
    for (int i = 0; i < j->indicators.n; i++) {
        names_free(&j->ind[i].by);
        free(j->ind[i].kind_name);
    }
    free(j->ind);
    names_free(&j->indicators);
    names_free(&j->territories);
    names_free(&j->steps);
    names_free(&j->actions);
    names_free(&j->aliases);
    free(j->plan_id);
    free(j->dims);
    free(j);
}

/* Add a name to a set once. */
static enum ctg_error add_name(struct names *ns, const char *s, size_t len)
{
    if (smap_get(&ns->map, s, len) >= 0)
        return CTG_OK;
    return names_add(ns, s, len) == 0 ? CTG_OK : CTG_ERR_NOMEM;
}

enum ctg_error ctg_judge_core_territory(struct ctg_judge_core *j, const char *code, size_t len)
{
    return add_name(&j->territories, code, len);
}

enum ctg_error ctg_judge_core_step(struct ctg_judge_core *j, const char *code, size_t len)
{
    return add_name(&j->steps, code, len);
}

enum ctg_error ctg_judge_core_action(struct ctg_judge_core *j, const char *code, size_t len)
{
    return add_name(&j->actions, code, len);
}

enum ctg_error ctg_judge_core_city(struct ctg_judge_core *j, const char *code, size_t len)
{
    int t = smap_get(&j->territories.map, code, len);
    if (t < 0)
        return CTG_ERR_SPEC;
    j->city = t;
    return CTG_OK;
}

enum ctg_error ctg_judge_core_indicator(struct ctg_judge_core *j, const char *id, size_t len, const char *kind,
                                        enum ctg_row_shape rows, int whole, int *at)
{
    int known = smap_get(&j->indicators.map, id, len);
    if (known >= 0) {
        *at = known;
        return CTG_OK;
    }
    if (j->indicators.n == j->ind_cap) {
        int cap = j->ind_cap ? j->ind_cap * 2 : 16;
        struct indicator *ind = realloc(j->ind, (size_t)cap * sizeof *ind);
        if (!ind)
            return CTG_ERR_NOMEM;
        j->ind = ind, j->ind_cap = cap;
    }
    struct indicator *ind = &j->ind[j->indicators.n];
    memset(ind, 0, sizeof *ind);
    if (!(ind->kind_name = strdup(kind)))
        return CTG_ERR_NOMEM;
    if (names_add(&j->indicators, id, len) != 0) {
        free(ind->kind_name);
        return CTG_ERR_NOMEM;
    }
    ind->kind = (enum kind)rows;
    ind->whole = whole != 0;
    *at = j->indicators.n - 1;
    return CTG_OK;
}

enum ctg_error ctg_judge_core_dimension(struct ctg_judge_core *j, int at, const char *name, size_t len)
{
    if (at < 0 || at >= j->indicators.n)
        return CTG_ERR_SPEC;
    return add_name(&j->ind[at].by, name, len);
}

void ctg_judge_core_resolver(struct ctg_judge_core *j, ctg_territory_fn fn, void *ctx)
{
    j->resolve = fn, j->resolve_ctx = ctx;
}

const struct ctg_obs *ctg_judge_core_obs(const struct ctg_judge_core *j)
{
    return &j->out;
}

struct ctg_verdict ctg_judge_core_verdict(const struct ctg_judge_core *j)
{
    struct ctg_verdict v = {j->errors, j->warnings, j->nerrors, j->nwarnings, NULL, NULL};
    if (j->row_ind)
        v.indicator = j->row_id, v.kind = j->row_ind->kind_name;
    return v;
}
