/* The fast path of an import: an indicator row that is plainly right is checked and stored
 * here, in C, without the Lua checker's tables and messages. Anything else — a mistake, a
 * warning, a rare form — is declined, and ctg.import runs the full checker (ctg.rows),
 * which stays the one place where rows are judged and messages are written. So the fast
 * path may decline too much, never accept a row the checker would refuse; the Lua specs
 * import the same rows both ways and compare.
 *
 *   local fast = store.fast_rows(db.store, spec)
 *   fast:put(row, line) -> revision | false (declined) | nil, first_line (duplicate)
 *
 * spec = {plan_id, import_id, source, city, earliest, first, last,
 *         indicators = {id = {kind = "count", by = {step = true}}},
 *         territories = {code_or_lowercase = code}, steps = {code = true},
 *         actions = {["7"] = true}} — compiled by ctg.rows from the plan. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lauxlib.h>

#include "ctg.h"
#include "store.h"

#define FAST_MT "ctg.FastRows"
#define MAX_DIMS 8

/* uservalues of the userdata: 1 the store, 2 the spec */
struct fast {
    int earliest, first, last;
    sqlite3_int64 import_id;
};

enum kind { COUNT, RATIO, EVOLUTION, SCORE, QUALITATIVE, OTHER };

static enum kind kind_of(const char *s)
{
    if (strcmp(s, "count") == 0) return COUNT;
    if (strcmp(s, "ratio") == 0) return RATIO;
    if (strcmp(s, "evolution") == 0) return EVOLUTION;
    if (strcmp(s, "score") == 0) return SCORE;
    if (strcmp(s, "qualitative") == 0) return QUALITATIVE;
    return OTHER;
}

static int digits(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* The period as ctg.rows.period_text writes it, into buf; 0 to decline. */
static int period_text(lua_State *L, int idx, const struct fast *f, char *buf, size_t len)
{
    int year;
    if (lua_type(L, idx) == LUA_TNUMBER) {
        lua_Integer y;
        if (!lua_isinteger(L, idx) || (y = lua_tointeger(L, idx)) < 1900 || y > 2200)
            return 0;
        year = (int)y;
        snprintf(buf, len, "%d", year);
    } else if (lua_type(L, idx) == LUA_TSTRING) {
        size_t n;
        const char *s = lua_tolstring(L, idx, &n);
        if (n == 4 && digits(s, 4)) {
            year = atoi(s);
        } else if (n == 7 && digits(s, 4) && s[4] == '-' && digits(s + 5, 2)) {
            int month = atoi(s + 5);
            if (month < 1 || month > 12)
                return 0;
            year = atoi(s);
        } else if (n == 9 && digits(s, 4) && s[4] == '-' && digits(s + 5, 4)) {
            year = atoi(s);
            if (atoi(s + 5) != year + 1)
                return 0;
        } else {
            return 0;
        }
        if (n >= len)
            return 0;
        memcpy(buf, s, n + 1);
    } else {
        return 0;
    }
    return year >= f->earliest && year >= 1900 && year <= f->last;
}

/* A non-negative finite number at idx into *out; 0 to decline. */
static int number(lua_State *L, int idx, double *out)
{
    if (lua_type(L, idx) != LUA_TNUMBER)
        return 0;
    /* compare integers as integers: 2^53 + 1 converts to the double 2^53 */
    if (lua_isinteger(L, idx) && lua_tointeger(L, idx) > ((lua_Integer)1 << 53))
        return 0;
    double d = lua_tonumber(L, idx);
    /* beyond 2^53 an integer is not exact as a double: the checker refuses it */
    if (d != d || d < 0 || d > 9007199254740992.0)
        return 0;
    *out = d;
    return 1;
}

/* Look up key (a string) in the spec's sub-table `name`: pushes the value. */
static int spec_lookup(lua_State *L, const char *name, const char *key)
{
    lua_getiuservalue(L, 1, 2);
    lua_getfield(L, -1, name);
    lua_remove(L, -2);
    lua_getfield(L, -1, key);
    lua_remove(L, -2);
    return lua_type(L, -1);
}

struct dim {
    const char *name, *value;
};

static int compare_dims(const void *a, const void *b)
{
    return strcmp(((const struct dim *)a)->name, ((const struct dim *)b)->name);
}

/* "a=b;c=d" sorted by name, as ctg.rows.encode_dims; 0 to decline (characters it escapes). */
static int encode_dims(struct dim *dims, int n, char *buf, size_t len)
{
    qsort(dims, (size_t)n, sizeof *dims, compare_dims);
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < n; i++) {
        if (strpbrk(dims[i].name, "%;=") || strpbrk(dims[i].value, "%;="))
            return 0;
        int w = snprintf(buf + used, len - used, "%s%s=%s", i ? ";" : "", dims[i].name, dims[i].value);
        if (w < 0 || (size_t)w >= len - used)
            return 0;
        used += (size_t)w;
    }
    return 1;
}

static int decline(lua_State *L)
{
    lua_pushboolean(L, 0);
    return 1;
}

/* fast:put(row, line) */
static int fast_put(lua_State *L)
{
    struct fast *f = luaL_checkudata(L, 1, FAST_MT);
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_Integer line = luaL_checkinteger(L, 3);
    lua_settop(L, 3);
    /* the row's fields, left on the stack from index 4 on while the table holds them */
    int indicator = 0, period = 0, territory = 0, num[3] = {0, 0, 0}, text = 0, missing = 0,
        note = 0, source = 0;
    struct dim dims[MAX_DIMS];
    int ndims = 0;
    static const char *const numbers[3] = {"value", "numerator", "denominator"};
    lua_pushnil(L);
    while (lua_next(L, 2)) {
        if (lua_type(L, -2) != LUA_TSTRING) {
            lua_pop(L, 2);
            return decline(L);
        }
        const char *k = lua_tostring(L, -2);
        int slot = lua_gettop(L); /* the value */
        int *field = NULL;
        if (strcmp(k, "indicator") == 0) field = &indicator;
        else if (strcmp(k, "period") == 0) field = &period;
        else if (strcmp(k, "territory") == 0) field = &territory;
        else if (strcmp(k, "text") == 0) field = &text;
        else if (strcmp(k, "missing") == 0) field = &missing;
        else if (strcmp(k, "note") == 0) field = &note;
        else if (strcmp(k, "source") == 0) field = &source;
        else
            for (int i = 0; i < 3; i++)
                if (strcmp(k, numbers[i]) == 0)
                    field = &num[i];
        if (!field) {
            /* a dimension: a text value (numbers would need Lua's tostring: decline) */
            if (ndims == MAX_DIMS || lua_type(L, slot) != LUA_TSTRING) {
                lua_pop(L, 2);
                return decline(L);
            }
            dims[ndims].name = k;
            dims[ndims].value = lua_tostring(L, slot);
            ndims++;
        } else {
            *field = slot;
        }
        lua_pushvalue(L, -2); /* keep key and value on the stack; iterate with a copy */
        luaL_checkstack(L, 4, "row");
    }
    struct ctg_row row;
    memset(&row, 0, sizeof row);
    char period_buf[16], dims_buf[512];
    /* indicator and its kind */
    if (!indicator || lua_type(L, indicator) != LUA_TSTRING)
        return decline(L);
    const char *id = lua_tostring(L, indicator);
    if (spec_lookup(L, "indicators", id) != LUA_TTABLE)
        return decline(L);
    int spec_ind = lua_gettop(L);
    lua_getfield(L, spec_ind, "kind");
    enum kind kind = kind_of(luaL_optstring(L, -1, ""));
    lua_getfield(L, spec_ind, "by");
    int by = lua_gettop(L);
    /* period and territory */
    if (!period || !period_text(L, period, f, period_buf, sizeof period_buf))
        return decline(L);
    const char *territory_code;
    if (!territory) {
        lua_getiuservalue(L, 1, 2);
        lua_getfield(L, -1, "city");
        if (lua_type(L, -1) != LUA_TSTRING)
            return decline(L);
        territory_code = lua_tostring(L, -1);
    } else {
        if (lua_type(L, territory) != LUA_TSTRING ||
            spec_lookup(L, "territories", lua_tostring(L, territory)) != LUA_TSTRING)
            return decline(L);
        territory_code = lua_tostring(L, -1);
    }
    /* dimensions: declared by the indicator; steps and actions must exist */
    for (int i = 0; i < ndims; i++) {
        if (lua_type(L, by) != LUA_TTABLE || lua_getfield(L, by, dims[i].name) != LUA_TBOOLEAN)
            return decline(L);
        if (strcmp(dims[i].name, "step") == 0 && spec_lookup(L, "steps", dims[i].value) != LUA_TBOOLEAN)
            return decline(L);
        if (strcmp(dims[i].name, "action") == 0 && spec_lookup(L, "actions", dims[i].value) != LUA_TBOOLEAN)
            return decline(L);
    }
    if (!encode_dims(dims, ndims, dims_buf, sizeof dims_buf))
        return decline(L);
    /* what the row says, by kind (the same rules as ctg.rows; anything doubtful declines) */
    for (int i = 0; i < 3; i++) {
        row.has_number[i] = num[i] != 0;
        if (num[i] && !number(L, num[i], &row.number[i]))
            return decline(L);
    }
    if ((text && lua_type(L, text) != LUA_TSTRING) || (note && lua_type(L, note) != LUA_TSTRING) ||
        (source && lua_type(L, source) != LUA_TSTRING))
        return decline(L);
    int has_value = num[0] != 0, has_ratio = num[1] || num[2];
    if (missing) {
        if (lua_type(L, missing) != LUA_TSTRING || lua_rawlen(L, missing) == 0 || has_value ||
            has_ratio || text)
            return decline(L);
    } else if (kind == RATIO) {
        if (!num[1] || !num[2] || has_value || text || row.number[1] > row.number[2])
            return decline(L); /* a numerator above its denominator: the checker warns */
    } else if (kind == QUALITATIVE) {
        if (!text || has_value || has_ratio)
            return decline(L);
    } else if (kind == SCORE) {
        if (!has_value || text || (has_ratio && !(num[1] && num[2])))
            return decline(L);
    } else if (kind == COUNT || kind == EVOLUTION) {
        if (!has_value || has_ratio || text)
            return decline(L);
        if (kind == COUNT && row.number[0] != (double)(long long)row.number[0])
            return decline(L);
    } else {
        return decline(L);
    }
    /* store it */
    lua_getiuservalue(L, 1, 2);
    int spec = lua_gettop(L);
    lua_getfield(L, spec, "plan_id");
    row.key[0] = luaL_checklstring(L, spec + 1, &row.key_len[0]);
    row.key[1] = "value", row.key_len[1] = 5;
    row.key[2] = id, row.key_len[2] = strlen(id);
    row.key[3] = period_buf, row.key_len[3] = strlen(period_buf);
    row.key[4] = territory_code, row.key_len[4] = strlen(territory_code);
    row.key[5] = dims_buf, row.key_len[5] = strlen(dims_buf);
    row.text = text ? lua_tostring(L, text) : NULL;
    row.missing = missing ? lua_tostring(L, missing) : NULL;
    row.note = note ? lua_tostring(L, note) : NULL;
    row.source = source ? lua_tostring(L, source) : NULL; /* else the import's */
    row.import_id = f->import_id;
    row.line = (sqlite3_int64)line;
    lua_getiuservalue(L, 1, 1);
    int store = lua_gettop(L);
    lua_Integer first_line = 0;
    lua_Integer revision = ctg_store_put(L, store, &row, &first_line);
    if (revision == 0) {
        lua_pushnil(L);
        lua_pushinteger(L, first_line);
        return 2;
    }
    lua_pushinteger(L, revision);
    return 1;
}

static int spec_integer(lua_State *L, int spec, const char *name)
{
    lua_getfield(L, spec, name);
    int v = (int)luaL_checkinteger(L, -1);
    lua_pop(L, 1);
    return v;
}

/* store.fast_rows(store, spec) -> fast */
static int fast_new(lua_State *L)
{
    ctg_store_handle(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    struct fast *f = lua_newuserdatauv(L, sizeof *f, 2);
    f->earliest = spec_integer(L, 2, "earliest");
    f->first = spec_integer(L, 2, "first");
    f->last = spec_integer(L, 2, "last");
    lua_getfield(L, 2, "import_id");
    f->import_id = (sqlite3_int64)luaL_checkinteger(L, -1);
    lua_pop(L, 1);
    luaL_setmetatable(L, FAST_MT);
    lua_pushvalue(L, 1);
    lua_setiuservalue(L, -2, 1);
    lua_pushvalue(L, 2);
    lua_setiuservalue(L, -2, 2);
    return 1;
}

void ctg_fastrow_register(lua_State *L)
{
    if (luaL_newmetatable(L, FAST_MT)) {
        lua_newtable(L);
        lua_pushcfunction(L, fast_put);
        lua_setfield(L, -2, "put");
        lua_setfield(L, -2, "__index");
    }
    lua_pop(L, 1);
    lua_pushcfunction(L, fast_new);
    lua_setfield(L, -2, "fast_rows");
}
