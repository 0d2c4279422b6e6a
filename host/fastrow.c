/* The judge of indicator observation rows: every observation row, whichever way it arrives
 * (YAML read event by event in yaml.c, CSV in csv.c, a Lua table from db:put, the REPL or
 * a file read as tables), is checked here against the plan, normalised (period text,
 * territory code, dimension text) and stored through ctg_store_put. What is wrong comes
 * back as codes — which rule, which field, which values — that ctg.rows writes as
 * sentences through the message catalogue: one rule set, so that two checkers can never
 * disagree, and one place for the words.
 *
 *   local judge = store.judge(spec)     -- spec compiled by ctg.rows from the plan
 *   judge:bind(db.store, import_id)     -- where judge:put and the readers store rows
 *   judge:check(row) -> normalised row [, verdict] | nil, verdict
 *   judge:put(row, line [, column]) -> revision [, verdict] | nil, verdict
 *
 * spec = {plan_id, city, earliest, latest (the years of observations), first, last,
 *         indicators = {id = {kind = "count", rows = "value", whole = true, by = {"step", …}}},
 *         territories = {code = true}, steps = {code = true}, actions = {["7"] = true},
 *         territory = function(name) -> code | nil}  -- names that are not a code
 * verdict = {errors = {{code, field, value, value2, indicator, kind}}, warnings = {…},
 *            duplicate = {line, subject, period, territory, dims}}
 *
 * Lookups are C hash maps; a territory named otherwise than by its code (its title, folded
 * case and accents) is resolved once by spec.territory and remembered. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lauxlib.h>

#include "ctg.h"
#include "judge.h"
#include "store.h"

#define MAX_ERRORS 48
#define MAX_WARNINGS 4
/* names other than codes remembered per judge: bounded, a hostile file cannot grow it */
#define MAX_ALIASES 65536
/* the largest integer a double (the database's REAL) holds exactly */
#define EXACT 9007199254740992.0
#define EXACT_INT (1LL << 53)

/* ---------------------------------------------------------------- string maps */

struct slot {
    const char *key; /* NULL: empty */
    size_t len;
    unsigned hash;
    int value;
};

struct smap {
    struct slot *slots;
    size_t mask, count;
    size_t last; /* 1 + the slot found last, 0: none (rows come in runs of one territory) */
};

static unsigned hash_bytes(const char *s, size_t n)
{
    unsigned h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

/* The slot of key, or -1. */
static long smap_slot(const struct smap *m, const char *key, size_t len)
{
    if (!m->slots)
        return -1;
    unsigned h = hash_bytes(key, len);
    for (size_t i = h & m->mask;; i = (i + 1) & m->mask) {
        const struct slot *s = &m->slots[i];
        if (!s->key)
            return -1;
        if (s->hash == h && s->len == len && memcmp(s->key, key, len) == 0)
            return (long)i;
    }
}

/* The value of key, or -1. */
static int smap_find(const struct smap *m, const char *key, size_t len)
{
    long i = smap_slot(m, key, len);
    return i < 0 ? -1 : m->slots[i].value;
}

/* The same, for the maps every row asks (indicators, territories): the slot found last is
 * compared first, before any hashing, for rows come in runs of one territory. */
static int smap_get(struct smap *m, const char *key, size_t len)
{
    if (m->last) {
        const struct slot *s = &m->slots[m->last - 1];
        if (s->len == len && memcmp(s->key, key, len) == 0)
            return s->value;
    }
    long i = smap_slot(m, key, len);
    if (i < 0)
        return -1;
    m->last = (size_t)i + 1;
    return m->slots[i].value;
}

static int smap_grow(struct smap *m)
{
    size_t cap = m->slots ? (m->mask + 1) * 2 : 64;
    struct slot *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; m->slots && i <= m->mask; i++) {
        const struct slot *s = &m->slots[i];
        if (!s->key)
            continue;
        size_t j = s->hash & (cap - 1);
        while (slots[j].key)
            j = (j + 1) & (cap - 1);
        slots[j] = *s;
    }
    free(m->slots);
    m->slots = slots;
    m->mask = cap - 1;
    m->last = 0; /* the slots moved */
    return 0;
}

/* Add key (kept by the caller, alive as long as the map) -> value; -1 when out of memory. */
static int smap_put(struct smap *m, const char *key, size_t len, int value)
{
    if ((!m->slots || (m->count + 1) * 2 > m->mask + 1) && smap_grow(m) != 0)
        return -1;
    unsigned h = hash_bytes(key, len);
    size_t i = h & m->mask;
    while (m->slots[i].key) {
        struct slot *s = &m->slots[i];
        if (s->hash == h && s->len == len && memcmp(s->key, key, len) == 0) {
            s->value = value;
            return 0;
        }
        i = (i + 1) & m->mask;
    }
    m->slots[i] = (struct slot){key, len, h, value};
    m->count++;
    return 0;
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
    free(ns->map.slots);
    memset(ns, 0, sizeof *ns);
}

/* ---------------------------------------------------------------- the judge */

/* The figures a row of an indicator gives, as its kind declares them (ctg.kinds: rows): a
 * value, a ratio's numerator and denominator, a score's value and respondents, a text. */
enum kind { K_VALUE, K_RATIO, K_SCORE, K_TEXT };

struct indicator {
    enum kind kind;
    uint8_t whole;   /* its value is a whole number (a count) */
    char *kind_name; /* the kind, for the messages */
    struct names by; /* its dimensions */
};

/* What is wrong, one code a rule (ctg.rows words them: message rows.CODE). */
enum code {
    E_MISSING_INDICATOR, E_UNKNOWN_INDICATOR, E_MISSING_PERIOD, E_BAD_PERIOD,
    E_PERIOD_OUTSIDE, E_MISSING_TERRITORY, E_TERRITORY, E_NO_DIMENSION, E_DIM_TYPE,
    E_UNKNOWN_STEP, E_UNKNOWN_ACTION, E_NOT_FINITE, E_NOT_NUMBER, E_TOO_BIG, E_NEGATIVE,
    E_RESPONDENTS_TYPE, E_TEXT_TYPE, E_MISSING_TYPE, E_NOTE_TYPE, E_SOURCE_TYPE,
    E_MISSING_WITH, E_RESPONDENTS_KIND, E_RATIO_TEXT, E_RATIO_BOTH, E_RATIO_VALUE,
    E_QUALITATIVE, E_SCORE_VALUE, E_SCORE_TEXT, E_SCORE_DENOMINATOR, E_SCORE_RESPONDENTS,
    E_KIND_RATIO, E_KIND_VALUE, E_KIND_ONLY, E_COUNT_WHOLE, E_TOO_MANY_DIMS, W_SHARE
};

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

struct finding {
    enum code code;
    const char *field; /* a field_names entry or a dimension's name */
    struct ctg_rval value, value2;
};

struct ctg_judge {
    int earliest, latest, first, last; /* observations: earliest..latest (ctg.rows.observation_years) */
    char *plan_id;
    int city; /* index in territories, -1 when the plan has several roots */
    struct names indicators;
    struct indicator *ind; /* parallel to indicators.items */
    struct names territories, steps, actions;
    struct names aliases;   /* names resolved by spec.territory -> territory index */
    sqlite3_int64 import_id;
    /* the verdict of the last row */
    struct finding errors[MAX_ERRORS], warnings[MAX_WARNINGS];
    int nerrors, nwarnings;
    lua_Integer duplicate_line; /* > 0 when the last row repeated a key */
    lua_Integer revision;       /* of the last row stored */
    const struct indicator *row_ind;
    const char *row_id;
    /* the normalised row */
    struct ctg_row out;
    char period[32];
    char *dims;
    size_t dims_cap;
    char note[48], source[48];
};

static const char *const row_shapes[] = {"value", "ratio", "score", "text", NULL};

struct ctg_judge *ctg_judge_check(lua_State *L, int idx)
{
    return luaL_checkudata(L, idx, CTG_JUDGE_MT);
}

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

static void add_finding(struct ctg_judge *j, int warning, enum code code, const char *field,
                        const struct ctg_rval *value, const struct ctg_rval *value2)
{
    struct finding *list = warning ? j->warnings : j->errors;
    int *n = warning ? &j->nwarnings : &j->nerrors;
    if (*n >= (warning ? MAX_WARNINGS : MAX_ERRORS))
        return;
    struct finding *f = &list[(*n)++];
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
static int period_text(struct ctg_judge *j, const struct ctg_rval *v, int *year)
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

/* The index of the territory a row names: its code, else what spec.territory says of the
 * name (remembered for the next rows); -1 when it names none. */
static int territory_of(lua_State *L, struct ctg_judge *j, int judge_idx, const struct ctg_rval *v)
{
    if (v->type == CTG_R_STR) {
        int i = smap_get(&j->territories.map, v->s, v->n);
        if (i >= 0)
            return i;
        i = smap_get(&j->aliases.map, v->s, v->n);
        if (i >= 0)
            return i;
    }
    lua_getiuservalue(L, judge_idx, 2);
    lua_getfield(L, -1, "territory");
    lua_remove(L, -2);
    switch (v->type) {
    case CTG_R_STR: lua_pushlstring(L, v->s, v->n); break;
    case CTG_R_INT: lua_pushinteger(L, (lua_Integer)v->i); break;
    case CTG_R_FLOAT: lua_pushnumber(L, v->d); break;
    case CTG_R_BOOL: lua_pushboolean(L, (int)v->i); break;
    default: lua_newtable(L); break;
    }
    lua_call(L, 1, 1);
    int code = -1;
    if (lua_type(L, -1) == LUA_TSTRING) {
        size_t n;
        const char *s = lua_tolstring(L, -1, &n);
        code = smap_get(&j->territories.map, s, n);
    }
    lua_pop(L, 1);
    if (code >= 0 && v->type == CTG_R_STR && j->aliases.n < MAX_ALIASES) {
        /* the map's value: the territory's index (names_add set the name's own) */
        if (names_add(&j->aliases, v->s, v->n) != 0 ||
            smap_put(&j->aliases.map, j->aliases.items[j->aliases.n - 1], v->n, code) != 0)
            luaL_error(L, "out of memory");
    }
    return code;
}

/* ---------------------------------------------------------------- dimensions */

static int compare_dims(const void *a, const void *b)
{
    return strcmp(((const struct ctg_raw_dim *)a)->name, ((const struct ctg_raw_dim *)b)->name);
}

static int dims_reserve(struct ctg_judge *j, size_t need)
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
static int dims_append(struct ctg_judge *j, size_t *used, const char *s, size_t n, int escaped)
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
static void check_dimensions(lua_State *L, struct ctg_judge *j, const struct ctg_raw *raw,
                             const struct indicator *ind)
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
            ERR(j, E_NO_DIMENSION, d->name, NULL, NULL);
        else if (!text)
            ERR(j, E_DIM_TYPE, d->name, &d->v, NULL);
        else if (strcmp(d->name, "step") == 0 && smap_get(&j->steps.map, text, len) < 0)
            ERR(j, E_UNKNOWN_STEP, d->name, &d->v, NULL);
        else if (strcmp(d->name, "action") == 0 && smap_get(&j->actions.map, text, len) < 0)
            ERR(j, E_UNKNOWN_ACTION, d->name, &d->v, NULL);
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
        ERR(j, E_TOO_MANY_DIMS, raw->extra_dim, NULL, NULL);
    qsort(kept, (size_t)n, sizeof *kept, compare_dims);
    size_t used = 0;
    if (dims_reserve(j, 1) != 0)
        luaL_error(L, "out of memory");
    j->dims[0] = '\0';
    for (int i = 0; i < n; i++) {
        if ((i > 0 && dims_append(j, &used, ";", 1, 0) != 0) ||
            dims_append(j, &used, kept[i].name, strlen(kept[i].name), 1) != 0 ||
            dims_append(j, &used, "=", 1, 0) != 0 ||
            dims_append(j, &used, kept[i].v.s, kept[i].v.n, 1) != 0)
            luaL_error(L, "out of memory");
    }
    j->out.key[5] = j->dims;
    j->out.key_len[5] = used;
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
static void check_number(struct ctg_judge *j, const struct ctg_raw *raw, enum ctg_field f)
{
    const struct ctg_rval *v = &raw->f[f];
    int slot = f - CTG_F_VALUE;
    if (v->type == CTG_R_ABSENT)
        return;
    if (v->type == CTG_R_FLOAT && !isfinite(v->d))
        ERR(j, E_NOT_FINITE, field_names[f], v, NULL);
    else if (!is_number(v))
        ERR(j, E_NOT_NUMBER, field_names[f], v, NULL);
    else if (v->type == CTG_R_INT ? (v->i > EXACT_INT || v->i < -EXACT_INT)
                                  : (fabs(v->d) >= EXACT && !text_is_exact_limit(v)))
        /* beyond 2^53 an integer would silently become another one: decided from the
         * number's text when the reader kept it (9007199254740993 reads as 2^53) */
        ERR(j, E_TOO_BIG, field_names[f], v, NULL);
    else if (number_of(v) < 0)
        ERR(j, E_NEGATIVE, field_names[f], v, NULL);
    else {
        j->out.has_number[slot] = 1;
        j->out.number[slot] = number_of(v);
    }
}

/* note and source: text, or a number or boolean written as Lua writes it. */
static const char *optional_text(struct ctg_judge *j, const struct ctg_raw *raw, enum ctg_field f,
                                 char *buf, size_t size)
{
    const struct ctg_rval *v = &raw->f[f];
    if (v->type == CTG_R_ABSENT)
        return NULL;
    size_t len;
    const char *s = text_of(v, buf, size, &len);
    if (!s)
        ERR(j, f == CTG_F_NOTE ? E_NOTE_TYPE : E_SOURCE_TYPE, field_names[f], v, NULL);
    return s;
}

/* What the row gives must fit the indicator's kind: exactly one of value, numerator +
 * denominator, text, missing (a score may add numerator/denominator to its value); a
 * ratio's numerator alone or denominator alone is a part (record numerator, denominator). */
static void check_content(struct ctg_judge *j, const struct ctg_raw *raw, const struct indicator *ind)
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
            ERR(j, E_MISSING_WITH, F[CTG_F_MISSING], NULL, NULL);
    } else if (has_resp && kind != K_SCORE) {
        ERR(j, E_RESPONDENTS_KIND, F[CTG_F_RESPONDENTS], NULL, NULL);
    } else if (kind == K_RATIO) {
        if (has_value && !has_ratio) {
            /* a rate published without its figures (CNAF, INSEE): stored as it is */
            if (has_text)
                ERR(j, E_RATIO_TEXT, F[CTG_F_TEXT], NULL, NULL);
        } else if (!has_num || !has_den) {
            /* a part: places from the CNAF, children from INSEE, in two files (issue 22).
             * Stored as a record of its own, paired with the other part by the evaluation;
             * beside a value or a text it is a mistake, not a part */
            if (has_value || has_text)
                ERR(j, E_RATIO_BOTH, F[has_value ? CTG_F_VALUE : CTG_F_TEXT], NULL, NULL);
            else
                j->out.key[1] = has_num ? "numerator" : "denominator", j->out.key_len[1] = strlen(j->out.key[1]);
        } else if (has_value || has_text) {
            ERR(j, E_RATIO_VALUE, F[has_value ? CTG_F_VALUE : CTG_F_TEXT], NULL, NULL);
        } else if (number_of(&f[CTG_F_NUMERATOR]) > number_of(&f[CTG_F_DENOMINATOR]) &&
                   number_of(&f[CTG_F_DENOMINATOR]) > 0) {
            add_finding(j, 1, W_SHARE, F[CTG_F_NUMERATOR], &f[CTG_F_NUMERATOR], &f[CTG_F_DENOMINATOR]);
        }
    } else if (kind == K_TEXT) {
        if (!has_text || has_value || has_ratio)
            ERR(j, E_QUALITATIVE, F[has_text ? CTG_F_VALUE : CTG_F_TEXT], NULL, NULL);
    } else if (kind == K_SCORE) {
        if (!has_value)
            ERR(j, E_SCORE_VALUE, F[CTG_F_VALUE], NULL, NULL);
        else if (has_text)
            ERR(j, E_SCORE_TEXT, F[CTG_F_TEXT], NULL, NULL);
        else if (has_num && !has_den && !has_resp)
            /* the denominator alone is the number of respondents (what respondents says) */
            ERR(j, E_SCORE_DENOMINATOR, F[CTG_F_DENOMINATOR], NULL, NULL);
        else if (has_resp && has_den &&
                 number_of(&f[CTG_F_RESPONDENTS]) != number_of(&f[CTG_F_DENOMINATOR]))
            ERR(j, E_SCORE_RESPONDENTS, F[CTG_F_RESPONDENTS], &f[CTG_F_RESPONDENTS],
                &f[CTG_F_DENOMINATOR]);
    } else { /* a value: count, evolution, max */
        if (has_ratio && !has_value)
            ERR(j, E_KIND_RATIO, F[CTG_F_NUMERATOR], NULL, NULL);
        else if (!has_value)
            ERR(j, E_KIND_VALUE, F[CTG_F_VALUE], NULL, NULL);
        else if (has_ratio || has_text)
            ERR(j, E_KIND_ONLY, F[has_text ? CTG_F_TEXT : CTG_F_NUMERATOR], NULL, NULL);
        else if (ind->whole && f[CTG_F_VALUE].type == CTG_R_FLOAT &&
                 f[CTG_F_VALUE].d != floor(f[CTG_F_VALUE].d))
            ERR(j, E_COUNT_WHOLE, F[CTG_F_VALUE], &f[CTG_F_VALUE], NULL);
    }
}

/* Judge raw into j->out and the verdict (j->errors, j->warnings). */
static void judge_row(lua_State *L, struct ctg_judge *j, int judge_idx, const struct ctg_raw *raw)
{
    const struct ctg_rval *f = raw->f;
    const char *const *F = field_names;
    j->nerrors = j->nwarnings = 0;
    j->duplicate_line = 0;
    memset(&j->out, 0, sizeof j->out);
    j->out.key[0] = j->plan_id;
    j->out.key_len[0] = strlen(j->plan_id);
    j->out.key[1] = "value";
    j->out.key_len[1] = 5;
    /* indicator */
    const struct indicator *ind = NULL;
    j->row_id = NULL;
    if (f[CTG_F_INDICATOR].type == CTG_R_ABSENT) {
        ERR(j, E_MISSING_INDICATOR, F[CTG_F_INDICATOR], NULL, NULL);
    } else {
        int i = f[CTG_F_INDICATOR].type == CTG_R_STR
                    ? smap_get(&j->indicators.map, f[CTG_F_INDICATOR].s, f[CTG_F_INDICATOR].n)
                    : -1;
        if (i < 0) {
            ERR(j, E_UNKNOWN_INDICATOR, F[CTG_F_INDICATOR], &f[CTG_F_INDICATOR], NULL);
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
        ERR(j, E_MISSING_PERIOD, F[CTG_F_PERIOD], NULL, NULL);
    } else {
        int year;
        if (!period_text(j, &f[CTG_F_PERIOD], &year)) {
            ERR(j, E_BAD_PERIOD, F[CTG_F_PERIOD], &f[CTG_F_PERIOD], NULL);
        } else if (year < j->earliest || year > j->latest) {
            struct ctg_rval text = {CTG_R_STR, j->period, strlen(j->period), 0, 0};
            ERR(j, E_PERIOD_OUTSIDE, F[CTG_F_PERIOD], &text, NULL);
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
            ERR(j, E_MISSING_TERRITORY, F[CTG_F_TERRITORY], NULL, NULL);
    } else {
        t = territory_of(L, j, judge_idx, &f[CTG_F_TERRITORY]);
        if (t < 0)
            ERR(j, E_TERRITORY, F[CTG_F_TERRITORY], &f[CTG_F_TERRITORY], NULL);
    }
    if (t >= 0) {
        j->out.key[4] = j->territories.items[t];
        j->out.key_len[4] = strlen(j->territories.items[t]);
    }
    check_dimensions(L, j, raw, ind);
    for (int k = CTG_F_VALUE; k <= CTG_F_DENOMINATOR; k++)
        check_number(j, raw, (enum ctg_field)k);
    if (f[CTG_F_RESPONDENTS].type != CTG_R_ABSENT) {
        long long n;
        if (!integral(&f[CTG_F_RESPONDENTS], &n) || n < 0) {
            ERR(j, E_RESPONDENTS_TYPE, F[CTG_F_RESPONDENTS], &f[CTG_F_RESPONDENTS], NULL);
        } else if (!j->out.has_number[2]) {
            /* the answers a mean is taken over: what weights it in a roll-up */
            j->out.has_number[2] = 1;
            j->out.number[2] = (double)n;
        }
    }
    if (f[CTG_F_TEXT].type != CTG_R_ABSENT && f[CTG_F_TEXT].type != CTG_R_STR)
        ERR(j, E_TEXT_TYPE, F[CTG_F_TEXT], &f[CTG_F_TEXT], NULL);
    else
        j->out.text = f[CTG_F_TEXT].type == CTG_R_STR ? f[CTG_F_TEXT].s : NULL;
    if (f[CTG_F_MISSING].type != CTG_R_ABSENT &&
        (f[CTG_F_MISSING].type != CTG_R_STR || f[CTG_F_MISSING].n == 0))
        ERR(j, E_MISSING_TYPE, F[CTG_F_MISSING], &f[CTG_F_MISSING], NULL);
    else
        j->out.missing = f[CTG_F_MISSING].type == CTG_R_STR ? f[CTG_F_MISSING].s : NULL;
    j->out.note = optional_text(j, raw, CTG_F_NOTE, j->note, sizeof j->note);
    j->out.source = optional_text(j, raw, CTG_F_SOURCE, j->source, sizeof j->source);
    if (ind && j->nerrors == 0)
        check_content(j, raw, ind);
}

/* ---------------------------------------------------------------- verdicts to Lua */

static void push_rval(lua_State *L, const struct ctg_rval *v)
{
    switch (v->type) {
    case CTG_R_STR: lua_pushlstring(L, v->s, v->n); break;
    case CTG_R_INT: lua_pushinteger(L, (lua_Integer)v->i); break;
    case CTG_R_FLOAT:
        /* a number beyond 2^53 is quoted as written, not as the double it rounds to */
        if (v->s)
            lua_pushlstring(L, v->s, v->n);
        else
            lua_pushnumber(L, v->d);
        break;
    case CTG_R_BOOL: lua_pushboolean(L, (int)v->i); break;
    case CTG_R_TABLE: lua_newtable(L); break;
    default: lua_pushnil(L); break;
    }
}

static void push_findings(lua_State *L, const struct ctg_judge *j, const struct finding *list, int n)
{
    lua_createtable(L, n, 0);
    for (int i = 0; i < n; i++) {
        const struct finding *e = &list[i];
        lua_createtable(L, 0, 6);
        lua_pushstring(L, code_names[e->code]);
        lua_setfield(L, -2, "code");
        lua_pushstring(L, e->field);
        lua_setfield(L, -2, "field");
        push_rval(L, &e->value);
        lua_setfield(L, -2, "value");
        push_rval(L, &e->value2);
        lua_setfield(L, -2, "value2");
        if (j->row_ind) {
            lua_pushstring(L, j->row_id);
            lua_setfield(L, -2, "indicator");
            lua_pushstring(L, j->row_ind->kind_name);
            lua_setfield(L, -2, "kind");
        }
        lua_rawseti(L, -2, i + 1);
    }
}

void ctg_judge_push_verdict(lua_State *L, int judge_idx)
{
    const struct ctg_judge *j = ctg_judge_check(L, judge_idx);
    lua_createtable(L, 0, 3);
    push_findings(L, j, j->errors, j->nerrors);
    lua_setfield(L, -2, "errors");
    push_findings(L, j, j->warnings, j->nwarnings);
    lua_setfield(L, -2, "warnings");
    if (j->duplicate_line > 0) {
        const char *names[] = {"subject", "period", "territory", "dims"};
        lua_createtable(L, 0, 5);
        lua_pushinteger(L, j->duplicate_line);
        lua_setfield(L, -2, "line");
        for (int i = 0; i < 4; i++) {
            lua_pushlstring(L, j->out.key[2 + i], j->out.key_len[2 + i]);
            lua_setfield(L, -2, names[i]);
        }
        lua_setfield(L, -2, "duplicate");
    }
}

int ctg_judge_step(lua_State *L, int judge_idx, const struct ctg_raw *raw, lua_Integer line,
                   lua_Integer *stored, lua_Integer budget)
{
    judge_idx = lua_absindex(L, judge_idx);
    enum ctg_judged verdict = ctg_judge_put(L, judge_idx, raw, line);
    if (verdict == CTG_JUDGED_STORED) {
        if (++*stored < budget)
            return 0;
        lua_pushinteger(L, *stored);
        lua_pushliteral(L, "budget");
        return 2;
    }
    if (verdict == CTG_JUDGED_WARNED)
        ++*stored;
    lua_pushinteger(L, *stored);
    lua_pushliteral(L, "verdict");
    lua_pushinteger(L, line);
    ctg_judge_push_verdict(L, judge_idx);
    return 4;
}

/* ---------------------------------------------------------------- storing */

enum ctg_judged ctg_judge_put(lua_State *L, int judge_idx, const struct ctg_raw *raw,
                              lua_Integer line)
{
    return ctg_judge_put_at(L, judge_idx, raw, line, 0);
}

enum ctg_judged ctg_judge_put_at(lua_State *L, int judge_idx, const struct ctg_raw *raw,
                                 lua_Integer line, lua_Integer column)
{
    judge_idx = lua_absindex(L, judge_idx);
    struct ctg_judge *j = ctg_judge_check(L, judge_idx);
    if (lua_getiuservalue(L, judge_idx, 1) != LUA_TUSERDATA)
        luaL_error(L, "the judge is not bound to a database (judge:bind)");
    int store = lua_gettop(L);
    judge_row(L, j, judge_idx, raw);
    if (j->nerrors > 0) {
        lua_settop(L, store - 1);
        return CTG_JUDGED_REFUSED;
    }
    j->out.import_id = j->import_id;
    j->out.line = (sqlite3_int64)line;
    j->out.column = column > 0 ? (sqlite3_int64)column : 0;
    lua_Integer first_line = 0;
    lua_Integer revision = ctg_store_put(L, store, &j->out, &first_line);
    lua_settop(L, store - 1);
    if (revision == 0) {
        j->duplicate_line = first_line > 0 ? first_line : 1;
        return CTG_JUDGED_DUPLICATE;
    }
    j->revision = revision;
    return j->nwarnings > 0 ? CTG_JUDGED_WARNED : CTG_JUDGED_STORED;
}

/* ---------------------------------------------------------------- rows as Lua tables */

void ctg_rval_from_lua(lua_State *L, int idx, struct ctg_rval *v)
{
    memset(v, 0, sizeof *v);
    switch (lua_type(L, idx)) {
    case LUA_TNIL: v->type = CTG_R_ABSENT; break;
    case LUA_TSTRING: v->type = CTG_R_STR; v->s = lua_tolstring(L, idx, &v->n); break;
    case LUA_TBOOLEAN: v->type = CTG_R_BOOL; v->i = lua_toboolean(L, idx); break;
    case LUA_TNUMBER:
        if (lua_isinteger(L, idx)) {
            v->type = CTG_R_INT;
            v->i = (long long)lua_tointeger(L, idx);
        } else {
            v->type = CTG_R_FLOAT;
            v->d = (double)lua_tonumber(L, idx);
        }
        break;
    default: v->type = CTG_R_TABLE; break;
    }
}

/* Fill raw from the table at idx, whose keys are all strings (text_keys); the table keeps
 * the strings alive while raw is used. */
static void raw_from_table(lua_State *L, int idx, struct ctg_raw *raw)
{
    ctg_raw_clear(raw);
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        size_t len;
        const char *name = lua_tolstring(L, -2, &len);
        enum ctg_field f = ctg_field_of(name, len);
        if (f < CTG_F_COUNT) {
            ctg_rval_from_lua(L, -1, &raw->f[f]);
        } else if (raw->ndims < CTG_RAW_MAX_DIMS) {
            raw->dims[raw->ndims].name = name;
            ctg_rval_from_lua(L, -1, &raw->dims[raw->ndims].v);
            raw->ndims++;
        } else if (!raw->extra_dim) {
            raw->extra_dim = name;
        }
        lua_pop(L, 1);
    }
}

/* Copy the table at idx into a new table with text keys only (numbers written as Lua
 * writes them), so that raw_from_table can iterate it without converting keys in place. */
static int text_keys(lua_State *L, int idx)
{
    int plain = 1;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING)
            plain = 0;
    }
    if (plain)
        return idx;
    lua_newtable(L);
    int copy = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        luaL_tolstring(L, -2, NULL);
        lua_insert(L, -2);
        lua_rawset(L, copy);
    }
    return copy;
}

static void push_number_slot(lua_State *L, const struct ctg_raw *raw, const struct ctg_judge *j,
                             int slot, const char *name)
{
    if (!j->out.has_number[slot])
        return;
    const struct ctg_rval *v = &raw->f[CTG_F_VALUE + slot];
    if (v->type == CTG_R_INT || v->type == CTG_R_FLOAT)
        push_rval(L, v);
    else /* the denominator a score's respondents give */
        lua_pushinteger(L, (lua_Integer)j->out.number[slot]);
    lua_setfield(L, -2, name);
}

static void push_optional(lua_State *L, const char *s, const char *name)
{
    if (!s)
        return;
    lua_pushstring(L, s);
    lua_setfield(L, -2, name);
}

/* The normalised row, as ctg.rows returned it: {record, subject, period, territory, dims,
 * value, numerator, denominator, text, missing, note, source}. */
static void push_checked(lua_State *L, const struct ctg_judge *j, const struct ctg_raw *raw)
{
    lua_createtable(L, 0, 12);
    lua_pushlstring(L, j->out.key[1], j->out.key_len[1]); /* value, or a part: numerator, denominator */
    lua_setfield(L, -2, "record");
    const char *keys[] = {"subject", "period", "territory", "dims"};
    for (int i = 0; i < 4; i++) {
        lua_pushlstring(L, j->out.key[2 + i], j->out.key_len[2 + i]);
        lua_setfield(L, -2, keys[i]);
    }
    push_number_slot(L, raw, j, 0, "value");
    push_number_slot(L, raw, j, 1, "numerator");
    push_number_slot(L, raw, j, 2, "denominator");
    push_optional(L, j->out.text, "text");
    push_optional(L, j->out.missing, "missing");
    push_optional(L, j->out.note, "note");
    push_optional(L, j->out.source, "source");
}

/* judge:check(row) -> normalised row [, verdict with warnings] | nil, verdict */
static int judge_check_row(lua_State *L)
{
    struct ctg_judge *j = ctg_judge_check(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_settop(L, 2);
    int row = text_keys(L, 2);
    struct ctg_raw raw;
    raw_from_table(L, row, &raw);
    judge_row(L, j, 1, &raw);
    if (j->nerrors > 0) {
        lua_pushnil(L);
        ctg_judge_push_verdict(L, 1);
        return 2;
    }
    push_checked(L, j, &raw);
    if (j->nwarnings == 0)
        return 1;
    ctg_judge_push_verdict(L, 1);
    return 2;
}

/* judge:put(row, line [, column]) -> revision [, verdict with warnings] | nil, verdict
 * (column: the spreadsheet column of the row's cell, 1 = A, kept as its provenance) */
static int judge_put_row(lua_State *L)
{
    ctg_judge_check(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_Integer line = luaL_optinteger(L, 3, 0);
    lua_Integer column = luaL_optinteger(L, 4, 0);
    luaL_argcheck(L, column >= 0, 4, "column >= 1");
    lua_settop(L, 4);
    int row = text_keys(L, 2);
    struct ctg_raw raw;
    raw_from_table(L, row, &raw);
    enum ctg_judged r = ctg_judge_put_at(L, 1, &raw, line, column);
    if (r == CTG_JUDGED_REFUSED || r == CTG_JUDGED_DUPLICATE) {
        lua_pushnil(L);
        ctg_judge_push_verdict(L, 1);
        return 2;
    }
    lua_pushinteger(L, ctg_judge_check(L, 1)->revision);
    if (r == CTG_JUDGED_STORED)
        return 1;
    ctg_judge_push_verdict(L, 1);
    return 2;
}

/* judge:bind(store, import_id): where judge:put and the readers store rows */
static int judge_bind(lua_State *L)
{
    struct ctg_judge *j = ctg_judge_check(L, 1);
    ctg_store_handle(L, 2);
    j->import_id = (sqlite3_int64)luaL_checkinteger(L, 3);
    lua_pushvalue(L, 2);
    lua_setiuservalue(L, 1, 1);
    return 0;
}

static void judge_release(struct ctg_judge *j)
{
    for (int i = 0; i < j->indicators.n; i++) {
        names_free(&j->ind[i].by);
        free(j->ind[i].kind_name);
    }
    free(j->ind);
    j->ind = NULL;
    names_free(&j->indicators);
    names_free(&j->territories);
    names_free(&j->steps);
    names_free(&j->actions);
    names_free(&j->aliases);
    free(j->plan_id);
    free(j->dims);
    j->plan_id = NULL;
    j->dims = NULL;
    j->dims_cap = 0;
}

static int judge_gc(lua_State *L)
{
    judge_release(luaL_checkudata(L, 1, CTG_JUDGE_MT));
    return 0;
}

static void nomem(lua_State *L)
{
    luaL_error(L, "out of memory");
}

/* The keys of spec[name] (a set or a list of strings) into ns. */
static void spec_names(lua_State *L, int tbl, const char *name, struct names *ns)
{
    if (lua_getfield(L, tbl, name) == LUA_TTABLE) {
        int t = lua_gettop(L);
        lua_pushnil(L);
        while (lua_next(L, t)) {
            int item = lua_type(L, -2) == LUA_TSTRING ? -2 : -1; /* a set's key, a list's value */
            if (lua_type(L, item) == LUA_TSTRING) {
                size_t len;
                const char *s = lua_tolstring(L, item, &len);
                if (smap_get(&ns->map, s, len) < 0 && names_add(ns, s, len) != 0)
                    nomem(L);
            }
            lua_pop(L, 1);
        }
    }
    lua_pop(L, 1);
}

static int spec_integer(lua_State *L, int spec, const char *name)
{
    lua_getfield(L, spec, name);
    int isnum;
    lua_Integer v = lua_tointegerx(L, -1, &isnum);
    if (!isnum)
        luaL_error(L, "judge spec: %s must be an integer", name);
    lua_pop(L, 1);
    return (int)v;
}

static char *spec_strdup(lua_State *L, int spec, const char *name)
{
    lua_getfield(L, spec, name);
    const char *s = lua_tostring(L, -1);
    if (!s)
        luaL_error(L, "judge spec: %s must be a string", name);
    char *copy = strdup(s);
    if (!copy)
        nomem(L);
    lua_pop(L, 1);
    return copy;
}

/* store.judge(spec) -> judge */
static int judge_new(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    struct ctg_judge *j = lua_newuserdatauv(L, sizeof *j, 2);
    memset(j, 0, sizeof *j);
    luaL_setmetatable(L, CTG_JUDGE_MT);
    lua_pushvalue(L, 1);
    lua_setiuservalue(L, -2, 2);
    j->city = -1;
    j->earliest = spec_integer(L, 1, "earliest");
    j->first = spec_integer(L, 1, "first");
    j->last = spec_integer(L, 1, "last");
    j->latest = spec_integer(L, 1, "latest");
    j->plan_id = spec_strdup(L, 1, "plan_id");
    spec_names(L, 1, "territories", &j->territories);
    spec_names(L, 1, "steps", &j->steps);
    spec_names(L, 1, "actions", &j->actions);
    if (lua_getfield(L, 1, "city") == LUA_TSTRING) {
        size_t len;
        const char *s = lua_tolstring(L, -1, &len);
        j->city = smap_get(&j->territories.map, s, len);
        if (j->city < 0)
            luaL_error(L, "judge spec: the city %s is not a territory", s);
    }
    lua_pop(L, 1);
    if (lua_getfield(L, 1, "territory") != LUA_TFUNCTION)
        luaL_error(L, "judge spec: territory must be a function");
    lua_pop(L, 1);
    luaL_checktype(L, 1, LUA_TTABLE);
    if (lua_getfield(L, 1, "indicators") != LUA_TTABLE)
        luaL_error(L, "judge spec: indicators must be a table");
    int inds = lua_gettop(L);
    int count = 0;
    lua_pushnil(L);
    while (lua_next(L, inds)) {
        count++;
        lua_pop(L, 1);
    }
    j->ind = calloc((size_t)(count ? count : 1), sizeof *j->ind);
    if (!j->ind)
        nomem(L);
    lua_pushnil(L);
    while (lua_next(L, inds)) {
        size_t len;
        const char *id = luaL_checklstring(L, -2, &len);
        if (names_add(&j->indicators, id, len) != 0)
            nomem(L);
        struct indicator *ind = &j->ind[j->indicators.n - 1];
        int spec = lua_gettop(L);
        lua_getfield(L, spec, "kind");
        const char *kind = luaL_optstring(L, -1, "");
        ind->kind_name = strdup(kind);
        if (!ind->kind_name)
            nomem(L);
        /* the row checks of its kind, from the kind's declaration (ctg.kinds) */
        lua_getfield(L, spec, "rows");
        ind->kind = (enum kind)luaL_checkoption(L, -1, NULL, row_shapes);
        lua_getfield(L, spec, "whole");
        ind->whole = (uint8_t)lua_toboolean(L, -1);
        lua_pop(L, 3);
        spec_names(L, spec, "by", &ind->by);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    return 1;
}

void ctg_fastrow_register(lua_State *L)
{
    static const luaL_Reg methods[] = {
        {"check", judge_check_row},
        {"put", judge_put_row},
        {"bind", judge_bind},
        {NULL, NULL},
    };
    if (luaL_newmetatable(L, CTG_JUDGE_MT)) {
        luaL_newlib(L, methods);
        lua_setfield(L, -2, "__index");
        lua_pushcfunction(L, judge_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_pop(L, 1);
    lua_pushcfunction(L, judge_new);
    lua_setfield(L, -2, "judge");
}
