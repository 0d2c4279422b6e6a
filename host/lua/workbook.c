/* ctg.workbook — the Lua binding of the workbook reader (host/read/workbook.c).
 *
 *   local workbook = require("ctg.workbook")
 *   local wb, code, detail = workbook.open("tableau.xlsx")   -- nil, code, detail on failure
 *   wb:format()            -- "xlsx" | "ods"
 *   wb:sheets()            -- { "Feuille1", "Notes" }
 *   assert(wb:select(1))   -- read the first sheet from its first row (nil, code, detail)
 *   for cells, row, types in wb.row, wb do … end
 *       -- cells[j] is column j's value: a number (an integer when integral), a string, a
 *       -- boolean, a date as ISO text, an error value as its text ("#DIV/0!"); nil when
 *       -- empty. types[j] says which: "number", "text", "bool", "date", "error".
 *   wb:observations(judge, keys, territory, budget) -- as csv.observations (host/read/csv.c)
 *   wb:close()
 *
 * Codes: "open", "encrypted", "xls", "not-zip", "corrupt", "not-workbook", "xml", "no-sheet",
 * "limit", "memory"; the detail is the reader's English words. An error while rows are read
 * is raised as a table { code =, detail =, row = } whose __tostring is "NAME: detail". */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "csv.h"
#include "ctg.h"
#include "judge.h"
#include "lua/error.h"
#include "workbook.h"

#define WB_MT "ctg.workbook"
#define WB_ERROR_MT "ctg.workbook.error"

struct lwb {
    struct ctg_wb *wb;
    char *scratch; /* a row's converted texts */
    size_t scratch_len, scratch_cap;
    size_t cached; /* bytes of shared strings kept as Lua strings by wb:row */
};

/* wb:row keeps the Lua string of each shared string it pushed (in the userdata's user value,
 * by index), up to this many bytes: a column of repeated names (indicators, territories)
 * costs one string, not one a row. */
#define SHARED_CACHE_BYTES (8u << 20)

static const char *const CODES[] = {
    [CTG_WB_OK] = "ok",
    [CTG_WB_E_OPEN] = "open",
    [CTG_WB_E_ENCRYPTED] = "encrypted",
    [CTG_WB_E_XLS] = "xls",
    [CTG_WB_E_NOT_ZIP] = "not-zip",
    [CTG_WB_E_CORRUPT] = "corrupt",
    [CTG_WB_E_NOT_WORKBOOK] = "not-workbook",
    [CTG_WB_E_XML] = "xml",
    [CTG_WB_E_NO_SHEET] = "no-sheet",
    [CTG_WB_E_LIMIT] = "limit",
    [CTG_WB_E_MEMORY] = "memory",
};

static struct lwb *check(lua_State *L)
{
    struct lwb *u = luaL_checkudata(L, 1, WB_MT);
    if (!u->wb)
        luaL_error(L, "workbook: the workbook is closed");
    return u;
}

static int l_close(lua_State *L)
{
    struct lwb *u = luaL_checkudata(L, 1, WB_MT);
    ctg_wb_close(u->wb);
    u->wb = NULL;
    free(u->scratch);
    u->scratch = NULL;
    u->scratch_len = u->scratch_cap = 0;
    return 0;
}

static int error_tostring(lua_State *L)
{
    lua_getfield(L, 1, "message");
    return 1;
}

/* Raise the reader's error as a table. */
static int raise(lua_State *L, struct ctg_wb *wb, long row)
{
    lua_createtable(L, 0, 4);
    lua_pushstring(L, CODES[ctg_wb_error_code(wb)]);
    lua_setfield(L, -2, "code");
    lua_pushstring(L, ctg_wb_error_detail(wb));
    lua_setfield(L, -2, "detail");
    lua_pushstring(L, ctg_wb_error(wb));
    lua_setfield(L, -2, "message");
    lua_pushinteger(L, row);
    lua_setfield(L, -2, "row");
    luaL_setmetatable(L, WB_ERROR_MT);
    return lua_error(L);
}

static int l_open(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    struct lwb *u = lua_newuserdatauv(L, sizeof *u, 1);
    memset(u, 0, sizeof *u);
    luaL_setmetatable(L, WB_MT);
    lua_newtable(L); /* the shared strings' cache */
    lua_setiuservalue(L, -2, 1);
    enum ctg_wb_error code = CTG_WB_OK;
    char err[700];
    u->wb = ctg_wb_open(path, &code, err, sizeof err);
    if (!u->wb) {
        lua_pushnil(L);
        lua_pushstring(L, CODES[code]);
        size_t n = strlen(path);
        /* the detail without the "NAME: " the message starts with */
        lua_pushstring(L, strncmp(err, path, n) == 0 && err[n] == ':' ? err + n + 2 : err);
        return 3;
    }
    return 1;
}

static int l_format(lua_State *L)
{
    struct lwb *u = check(L);
    lua_pushstring(L, ctg_wb_format(u->wb) == CTG_WB_XLSX ? "xlsx" : "ods");
    return 1;
}

static int l_sheets(lua_State *L)
{
    struct lwb *u = check(L);
    int n = ctg_wb_sheet_count(u->wb);
    lua_createtable(L, n, 0);
    for (int i = 0; i < n; i++) {
        lua_pushstring(L, ctg_wb_sheet_name(u->wb, i));
        lua_rawseti(L, -2, i + 1);
    }
    return 1;
}

static int l_select(lua_State *L)
{
    struct lwb *u = check(L);
    lua_Integer i = luaL_checkinteger(L, 2);
    if (i < 1 || i > ctg_wb_sheet_count(u->wb))
        return luaL_argerror(L, 2, "no such sheet");
    if (ctg_wb_select(u->wb, (int)i - 1) != 0) {
        lua_pushnil(L);
        lua_pushstring(L, CODES[ctg_wb_error_code(u->wb)]);
        lua_pushstring(L, ctg_wb_error_detail(u->wb));
        return 3;
    }
    lua_pushboolean(L, 1);
    return 1;
}

static const char *const TYPES[] = {
    [CTG_WB_EMPTY] = NULL,      [CTG_WB_NUMBER] = "number", [CTG_WB_TEXT] = "text",
    [CTG_WB_BOOL] = "bool",     [CTG_WB_DATE] = "date",     [CTG_WB_ERROR] = "error",
};

static void push_number(lua_State *L, double d)
{
    if (d == floor(d) && fabs(d) < 9007199254740992.0)
        lua_pushinteger(L, (lua_Integer)d);
    else
        lua_pushnumber(L, d);
}

/* wb:row() → cells, row, types; nil at the end of the sheet. The types' names are the
 * closure's upvalues (CTG_WB_NUMBER..CTG_WB_ERROR), pushed without being hashed again for
 * every cell. */
_Static_assert(CTG_WB_NUMBER == 1 && CTG_WB_ERROR == 5, "the types are upvalues 1 to 5");

static int l_row(lua_State *L)
{
    struct lwb *u = check(L);
    long row;
    size_t n;
    const struct ctg_wb_cell *cells;
    int rc = ctg_wb_next(u->wb, &row, &n, &cells);
    if (rc < 0)
        return raise(L, u->wb, 0);
    if (rc == 0)
        return 0;
    lua_getiuservalue(L, 1, 1);
    int cache = lua_gettop(L);
    lua_createtable(L, (int)n, 1);
    lua_createtable(L, (int)n, 0);
    for (size_t j = 0; j < n; j++) {
        const struct ctg_wb_cell *c = &cells[j];
        if (c->type == CTG_WB_EMPTY)
            continue;
        if (c->type == CTG_WB_NUMBER) {
            push_number(L, c->number);
        } else if (c->type == CTG_WB_BOOL) {
            lua_pushboolean(L, c->number != 0);
        } else if (c->shared >= 0) {
            if (lua_rawgeti(L, cache, (lua_Integer)c->shared + 1) == LUA_TNIL) {
                lua_pop(L, 1);
                lua_pushlstring(L, c->text, c->len);
                if (u->cached + c->len <= SHARED_CACHE_BYTES) {
                    u->cached += c->len;
                    lua_pushvalue(L, -1);
                    lua_rawseti(L, cache, (lua_Integer)c->shared + 1);
                }
            }
        } else {
            lua_pushlstring(L, c->text, c->len);
        }
        lua_rawseti(L, -3, (lua_Integer)j + 1);
        lua_pushvalue(L, lua_upvalueindex(c->type));
        lua_rawseti(L, -2, (lua_Integer)j + 1);
    }
    lua_pushinteger(L, (lua_Integer)n);
    lua_setfield(L, -3, "n");
    lua_pushinteger(L, row);
    lua_insert(L, -2); /* cells, row, types */
    return 3;
}

/* ---- observations: the rows after the header straight into the judge */

struct column {
    enum ctg_field field; /* CTG_F_COUNT: a dimension */
    const char *name;
    int numeric;
};

static int is_space(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* Room for n more bytes of converted text in the row's scratch buffer: its offset, or
 * (size_t)-1 when memory runs out. Texts are placed by offset: the buffer may move. */
static size_t scratch(struct lwb *u, size_t n)
{
    if (u->scratch_len + n > u->scratch_cap) {
        size_t cap = u->scratch_cap ? u->scratch_cap : 1024;
        while (cap < u->scratch_len + n)
            cap *= 2;
        char *s = realloc(u->scratch, cap);
        if (!s)
            return (size_t)-1;
        u->scratch = s;
        u->scratch_cap = cap;
    }
    size_t off = u->scratch_len;
    u->scratch_len += n;
    return off;
}

/* A cell as a row value: numbers stay numbers in numeric columns; text there is read as a
 * French or international number; elsewhere numbers become their text ("59012"), so that a
 * code typed as a number still names its territory. Returns 0, 1 (not a number: *bad) or -1
 * (memory). v->s is an offset into the scratch buffer until the row is whole (*off). */
static int cell_rval(struct lwb *u, const struct column *col, const struct ctg_wb_cell *c,
                     struct ctg_rval *v, size_t *off)
{
    memset(v, 0, sizeof *v);
    *off = (size_t)-1;
    if (c->type == CTG_WB_NUMBER && (col->numeric || col->field == CTG_F_PERIOD)) {
        if (c->number == floor(c->number) && fabs(c->number) < 9223372036854775808.0) {
            v->type = CTG_R_INT;
            v->i = (long long)c->number;
        } else {
            v->type = CTG_R_FLOAT;
            v->d = c->number;
        }
        return 0;
    }
    char num[40];
    const char *s = c->text;
    size_t n = c->len;
    if (c->type == CTG_WB_NUMBER) {
        if (c->number == floor(c->number) && fabs(c->number) < 1e15)
            snprintf(num, sizeof num, "%.0f", c->number);
        else
            snprintf(num, sizeof num, "%.17g", c->number);
        s = num, n = strlen(num);
    } else if (c->type == CTG_WB_BOOL) {
        if (col->numeric)
            return 1;
        s = c->number != 0 ? "true" : "false", n = strlen(s);
    } else if (c->type == CTG_WB_DATE && col->numeric) {
        return 1;
    }
    while (n > 0 && is_space((unsigned char)*s))
        s++, n--;
    while (n > 0 && is_space((unsigned char)s[n - 1]))
        n--;
    if (n == 0)
        return 0; /* blank: absent */
    if (col->numeric) {
        char tmp[96];
        double d;
        if (n >= sizeof tmp)
            return 1;
        memcpy(tmp, s, n);
        tmp[n] = '\0';
        if (!ctg_csv_parse_number(CTG_CSV_FRENCH, tmp, &d) &&
            !ctg_csv_parse_number(CTG_CSV_INTL, tmp, &d))
            return 1;
        if (d == floor(d) && fabs(d) < 9223372036854775808.0) {
            v->type = CTG_R_INT;
            v->i = (long long)d;
        } else {
            v->type = CTG_R_FLOAT;
            v->d = d;
        }
        return 0;
    }
    if (col->field == CTG_F_PERIOD && n == 4 && s[0] >= '0' && s[0] <= '9' && s[1] >= '0' &&
        s[1] <= '9' && s[2] >= '0' && s[2] <= '9' && s[3] >= '0' && s[3] <= '9') {
        v->type = CTG_R_INT;
        v->i = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
        return 0;
    }
    size_t at = scratch(u, n + 1);
    if (at == (size_t)-1)
        return -1;
    memcpy(u->scratch + at, s, n);
    u->scratch[at + n] = '\0';
    v->type = CTG_R_STR;
    v->n = n;
    *off = at;
    return 0;
}

/* Append {column =, key =, text =} to the list at the top of the stack (made when first). */
static void push_bad_cell(lua_State *L, int *count, size_t j, const char *key, const char *text,
                          size_t len)
{
    if (!(*count)++)
        lua_newtable(L);
    lua_createtable(L, 0, 3);
    lua_pushinteger(L, (lua_Integer)j + 1);
    lua_setfield(L, -2, "column");
    lua_pushstring(L, key);
    lua_setfield(L, -2, "key");
    lua_pushlstring(L, text, len);
    lua_setfield(L, -2, "text");
    lua_rawseti(L, -2, *count);
}

static int l_observations(lua_State *L)
{
    struct lwb *u = check(L);
    ctg_judge_check(L, 2);
    luaL_checktype(L, 3, LUA_TTABLE);
    size_t territory_len = 0;
    const char *territory = luaL_optlstring(L, 4, NULL, &territory_len);
    lua_Integer budget = luaL_optinteger(L, 5, 4096);
    lua_settop(L, 5);
    lua_Integer ncols = luaL_len(L, 3);
    if (ncols > CTG_WB_MAX_COLS)
        return luaL_error(L, "workbook.observations: too many columns");
    struct column *cols = lua_newuserdatauv(L, sizeof *cols * (size_t)(ncols ? ncols : 1), 0);
    int has_territory = 0;
    for (lua_Integer i = 0; i < ncols; i++) {
        lua_geti(L, 3, i + 1);
        if (lua_type(L, -1) == LUA_TSTRING) {
            size_t len;
            cols[i].name = lua_tolstring(L, -1, &len);
            cols[i].field = ctg_field_of(cols[i].name, len);
        } else { /* false: a column that is not read (a label beside its code) */
            cols[i].name = NULL;
            cols[i].field = CTG_F_COUNT;
        }
        lua_pop(L, 1); /* the keys table keeps it alive */
        cols[i].numeric = cols[i].field == CTG_F_VALUE || cols[i].field == CTG_F_NUMERATOR ||
                          cols[i].field == CTG_F_DENOMINATOR || cols[i].field == CTG_F_RESPONDENTS;
        has_territory |= cols[i].field == CTG_F_TERRITORY;
    }
    lua_Integer stored = 0;
    struct ctg_raw raw;
    size_t offs[CTG_F_COUNT + CTG_RAW_MAX_DIMS];
    for (;;) {
        long row;
        size_t n;
        const struct ctg_wb_cell *cells;
        int rc = ctg_wb_next(u->wb, &row, &n, &cells);
        if (rc < 0)
            return raise(L, u->wb, 0);
        if (rc == 0) {
            lua_pushinteger(L, stored);
            lua_pushliteral(L, "end");
            return 2;
        }
        /* a value right of the header: a column without a name */
        for (size_t j = (size_t)ncols; j < n; j++)
            if (cells[j].type != CTG_WB_EMPTY) {
                lua_pushinteger(L, stored);
                lua_pushliteral(L, "width");
                lua_pushinteger(L, row);
                lua_pushinteger(L, (lua_Integer)j + 1);
                return 4;
            }
        ctg_raw_clear(&raw);
        u->scratch_len = 0;
        int bad_numbers = 0, errors = 0;
        for (size_t j = 0; j < n && j < (size_t)ncols; j++) {
            if (cells[j].type == CTG_WB_EMPTY || !cols[j].name)
                continue;
            if (cells[j].type == CTG_WB_ERROR) {
                if (bad_numbers) /* one list at a time: errors say more */
                    continue;
                push_bad_cell(L, &errors, j, cols[j].name, cells[j].text, cells[j].len);
                continue;
            }
            struct ctg_rval v;
            size_t off;
            int bad = cell_rval(u, &cols[j], &cells[j], &v, &off);
            if (bad < 0)
                return ctg_lua_raise(L, CTG_ERR_NOMEM, NULL);
            if (bad) {
                if (!errors)
                    push_bad_cell(L, &bad_numbers, j, cols[j].name, cells[j].text, cells[j].len);
                continue;
            }
            if (v.type == CTG_R_ABSENT)
                continue;
            if (cols[j].field < CTG_F_COUNT) {
                raw.f[cols[j].field] = v;
                offs[cols[j].field] = off;
            } else if (raw.ndims < CTG_RAW_MAX_DIMS) {
                offs[CTG_F_COUNT + raw.ndims] = off;
                raw.dims[raw.ndims].name = cols[j].name;
                raw.dims[raw.ndims++].v = v;
            } else if (!raw.extra_dim) {
                raw.extra_dim = cols[j].name;
            }
        }
        if (errors || bad_numbers) {
            lua_pushinteger(L, stored);
            lua_pushstring(L, errors ? "error" : "number");
            lua_pushinteger(L, row);
            lua_rotate(L, -4, -1); /* the list of cells last */
            return 4;
        }
        /* the scratch buffer is whole: texts from their offsets */
        for (int f = 0; f < CTG_F_COUNT; f++)
            if (raw.f[f].type == CTG_R_STR)
                raw.f[f].s = u->scratch + offs[f];
        for (int d = 0; d < raw.ndims; d++)
            if (raw.dims[d].v.type == CTG_R_STR)
                raw.dims[d].v.s = u->scratch + offs[CTG_F_COUNT + d];
        ctg_raw_default_territory(&raw, has_territory, territory, territory_len);
        int pushed = ctg_judge_step(L, 2, &raw, (lua_Integer)row, &stored, budget);
        if (pushed)
            return pushed;
    }
}

/* workbook.column_name(3) → "C" */
static int l_column_name(lua_State *L)
{
    lua_Integer col = luaL_checkinteger(L, 1);
    char buf[8];
    ctg_wb_column_name(col > 0 && col <= CTG_WB_MAX_COLS ? (long)col : 0, buf, sizeof buf);
    lua_pushstring(L, buf);
    return 1;
}

int luaopen_ctg_workbook(lua_State *L)
{
    static const luaL_Reg methods[] = {
        {"format", l_format}, {"sheets", l_sheets}, {"select", l_select},
        {"row", l_row},       {"observations", l_observations}, {"close", l_close},
        {NULL, NULL},
    };
    static const luaL_Reg functions[] = {
        {"open", l_open},
        {"column_name", l_column_name},
        {NULL, NULL},
    };
    ctg_new_class(L, WB_MT, methods, l_close);
    luaL_getmetatable(L, WB_MT);
    lua_getfield(L, -1, "__index");
    for (int t = CTG_WB_NUMBER; t <= CTG_WB_ERROR; t++)
        lua_pushstring(L, TYPES[t]);
    lua_pushcclosure(L, l_row, CTG_WB_ERROR - CTG_WB_NUMBER + 1);
    lua_setfield(L, -2, "row");
    lua_pop(L, 2);
    if (luaL_newmetatable(L, WB_ERROR_MT)) {
        lua_pushcfunction(L, error_tostring);
        lua_setfield(L, -2, "__tostring");
    }
    lua_pop(L, 1);
    luaL_newlib(L, functions);
    return 1;
}
