/* ctg.xlsx — spreadsheet workbooks (.xlsx) through libxlsxwriter, for the reports' tables
 * and the observations export: numbers stay numbers (with a display format), text stays
 * text, one sheet per table.
 *
 *   local xlsx = require("ctg.xlsx")
 *   local wb = xlsx.workbook("out.xlsx.tmp", { created = 1710460800 })
 *   local bold = wb:format { bold = true, wrap = true, fill = 0xE4EAF3 }
 *   local ws = wb:sheet("Provenance")
 *   ws:write(0, 0, "Plan", bold); ws:write(0, 1, 1620000, wb:format { num = "#,##0 \"€\"" })
 *   ws:column(0, 30); ws:freeze(1, 0)
 *   assert(wb:close())
 *
 * Rows and columns count from 0, as in libxlsxwriter. `created` (seconds since the epoch)
 * fixes the creation date written in the file, so that the same report gives the same
 * workbook. Nothing is written until close(); a workbook collected without close() leaves
 * no file. Formats are small integers valid in their workbook only. */
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <lauxlib.h>
#include <xlsxwriter.h>

#include "ctg.h"
#include "msg.h"

/* ---- libxlsxwriter, opened on first use ----------------------------------------------- */

/* The library and what it brings (minizip, zlib and libcrypto, thousands of relocations)
 * cost every ctg command 4 ms at start-up when linked: it is opened when a workbook is
 * first created. Its functions are called through this table, typed by the header's own
 * declarations (the calls are checked as if linked). */
#ifndef CTG_XLSX_SONAME
#define CTG_XLSX_SONAME "libxlsxwriter.so"
#endif
#define XLSX_FUNCTIONS(X)                                                                     \
    X(workbook_new) X(workbook_set_properties) X(workbook_add_format) X(workbook_add_worksheet) \
    X(workbook_validate_sheet_name) X(workbook_close) X(lxw_workbook_free) X(lxw_strerror)      \
    X(format_set_num_format) X(format_set_bold) X(format_set_text_wrap) X(format_set_align)    \
    X(format_set_bg_color) X(worksheet_write_blank) X(worksheet_write_number)                  \
    X(worksheet_write_boolean) X(worksheet_write_string) X(worksheet_set_column)               \
    X(worksheet_freeze_panes)

static struct {
#define FIELD(name) __typeof__(&name) name;
    XLSX_FUNCTIONS(FIELD)
#undef FIELD
} lxw;
static int lxw_opened;

/* Opens libxlsxwriter once; raises the catalogue's error when it cannot. */
static void open_library(lua_State *L)
{
    if (lxw_opened)
        return;
    /* CTG_XLSX_LIBRARY: another build of the library, or a path to it */
    const char *name = getenv("CTG_XLSX_LIBRARY");
    if (!name || !*name)
        name = CTG_XLSX_SONAME;
    void *lib = dlopen(name, RTLD_NOW | RTLD_LOCAL);
    const char *missing = NULL;
#define LOOKUP(name)                                                                          \
    if (lib && !missing) {                                                                   \
        void *sym = dlsym(lib, #name);                                                       \
        if (sym)                                                                             \
            memcpy(&lxw.name, &sym, sizeof sym);                                             \
        else                                                                                 \
            missing = #name;                                                                 \
    }
    XLSX_FUNCTIONS(LOOKUP)
#undef LOOKUP
    if (!lib || missing) {
        const char *vars[] = {"library", name, "why", lib ? missing : dlerror(), NULL};
        ctg_msg_push(L, "xlsx.no-library", vars, "xlsx: cannot open libxlsxwriter");
        if (lib)
            dlclose(lib);
        lua_error(L);
    }
    lxw_opened = 1; /* never closed: workbooks may be open until the state closes */
}

#define WORKBOOK_MT "ctg.xlsx.workbook"
#define SHEET_MT "ctg.xlsx.sheet"
#define MAX_FORMATS 256

typedef struct {
    lxw_workbook *wb;
    lxw_format *formats[MAX_FORMATS];
    int nformats;
} Workbook;

typedef struct {
    lxw_worksheet *ws;
    Workbook *owner;
} Sheet;

static Workbook *check_open(lua_State *L, int idx)
{
    Workbook *w = luaL_checkudata(L, idx, WORKBOOK_MT);
    if (!w->wb)
        luaL_error(L, "xlsx: the workbook is already closed");
    return w;
}

static Sheet *check_sheet(lua_State *L, int idx)
{
    Sheet *s = luaL_checkudata(L, idx, SHEET_MT);
    if (!s->owner->wb)
        luaL_error(L, "xlsx: the sheet's workbook is already closed");
    return s;
}

/* The format of argument idx: nil (none) or an integer from wb:format. */
static lxw_format *opt_format(lua_State *L, Workbook *w, int idx)
{
    if (lua_isnoneornil(L, idx))
        return NULL;
    lua_Integer i = luaL_checkinteger(L, idx);
    luaL_argcheck(L, i >= 1 && i <= w->nformats, idx, "not a format of this workbook");
    return w->formats[i - 1];
}

/* xlsx.workbook(path [, {created = seconds}]) -> workbook */
static int xl_workbook(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    time_t created = 0;
    int has_created = 0;
    if (!lua_isnoneornil(L, 2)) {
        luaL_checktype(L, 2, LUA_TTABLE);
        if (lua_getfield(L, 2, "created") != LUA_TNIL) {
            created = (time_t)luaL_checkinteger(L, -1);
            has_created = 1;
        }
        lua_pop(L, 1);
    }
    open_library(L);
    Workbook *w = lua_newuserdatauv(L, sizeof *w, 0);
    memset(w, 0, sizeof *w);
    luaL_setmetatable(L, WORKBOOK_MT);
    w->wb = lxw.workbook_new(path);
    if (!w->wb)
        return luaL_error(L, "xlsx: cannot create a workbook for %s", path);
    lxw_doc_properties props;
    memset(&props, 0, sizeof props);
    props.created = has_created ? created : 0;
    props.author = "ctg";
    if (has_created && lxw.workbook_set_properties(w->wb, &props) != LXW_NO_ERROR)
        return luaL_error(L, "xlsx: cannot set the workbook's properties");
    return 1;
}

/* wb:format{num = "#,##0", bold = bool, wrap = bool, fill = 0xRRGGBB, top = bool} -> integer */
static int wb_format(lua_State *L)
{
    Workbook *w = check_open(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    if (w->nformats >= MAX_FORMATS)
        return luaL_error(L, "xlsx: at most %d formats in a workbook", MAX_FORMATS);
    lxw_format *f = lxw.workbook_add_format(w->wb);
    if (!f)
        return luaL_error(L, "xlsx: out of memory");
    if (lua_getfield(L, 2, "num") != LUA_TNIL)
        lxw.format_set_num_format(f, luaL_checkstring(L, -1));
    lua_pop(L, 1);
    if (lua_getfield(L, 2, "bold") != LUA_TNIL && lua_toboolean(L, -1))
        lxw.format_set_bold(f);
    lua_pop(L, 1);
    if (lua_getfield(L, 2, "wrap") != LUA_TNIL && lua_toboolean(L, -1))
        lxw.format_set_text_wrap(f);
    lua_pop(L, 1);
    if (lua_getfield(L, 2, "top") != LUA_TNIL && lua_toboolean(L, -1))
        lxw.format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    lua_pop(L, 1);
    if (lua_getfield(L, 2, "fill") != LUA_TNIL) {
        lua_Integer rgb = luaL_checkinteger(L, -1);
        luaL_argcheck(L, rgb >= 0 && rgb <= 0xFFFFFF, 2, "fill must be 0xRRGGBB");
        lxw.format_set_bg_color(f, (lxw_color_t)rgb);
    }
    lua_pop(L, 1);
    w->formats[w->nformats++] = f;
    lua_pushinteger(L, w->nformats);
    return 1;
}

/* wb:sheet(name) -> sheet (Excel's rules: at most 31 characters, none of []:*?/\, unique) */
static int wb_sheet(lua_State *L)
{
    Workbook *w = check_open(L, 1);
    const char *name = luaL_checkstring(L, 2);
    lxw_error err = lxw.workbook_validate_sheet_name(w->wb, name);
    if (err != LXW_NO_ERROR)
        return luaL_error(L, "xlsx: bad sheet name '%s': %s", name, lxw.lxw_strerror(err));
    Sheet *s = lua_newuserdatauv(L, sizeof *s, 1);
    s->ws = NULL;
    s->owner = w;
    luaL_setmetatable(L, SHEET_MT);
    lua_pushvalue(L, 1); /* the sheet keeps its workbook alive */
    lua_setiuservalue(L, -2, 1);
    s->ws = lxw.workbook_add_worksheet(w->wb, name);
    if (!s->ws)
        return luaL_error(L, "xlsx: cannot add the sheet '%s'", name);
    return 1;
}

/* wb:close() -> true | nil, message. Writes the file. */
static int wb_close(lua_State *L)
{
    Workbook *w = check_open(L, 1);
    lxw_error err = lxw.workbook_close(w->wb); /* frees the workbook, formats included */
    w->wb = NULL;
    w->nformats = 0;
    if (err != LXW_NO_ERROR) {
        lua_pushnil(L);
        lua_pushstring(L, lxw.lxw_strerror(err));
        return 2;
    }
    lua_pushboolean(L, 1);
    return 1;
}

/* Collected without close(): free everything, write nothing. */
static int wb_gc(lua_State *L)
{
    Workbook *w = luaL_checkudata(L, 1, WORKBOOK_MT);
    if (w->wb) {
        lxw.lxw_workbook_free(w->wb);
        w->wb = NULL;
    }
    return 0;
}

static lxw_row_t check_row(lua_State *L, int idx)
{
    lua_Integer r = luaL_checkinteger(L, idx);
    luaL_argcheck(L, r >= 0 && r < LXW_ROW_MAX, idx, "row out of range");
    return (lxw_row_t)r;
}

static lxw_col_t check_col(lua_State *L, int idx)
{
    lua_Integer c = luaL_checkinteger(L, idx);
    luaL_argcheck(L, c >= 0 && c < LXW_COL_MAX, idx, "column out of range");
    return (lxw_col_t)c;
}

/* ws:write(row, col, value [, format]): a number as a number, a string as text (UTF-8),
 * a boolean as a boolean; nil writes nothing (an empty cell). */
static int ws_write(lua_State *L)
{
    Sheet *s = check_sheet(L, 1);
    lxw_row_t row = check_row(L, 2);
    lxw_col_t col = check_col(L, 3);
    lxw_format *f = opt_format(L, s->owner, 5);
    lxw_error err = LXW_NO_ERROR;
    switch (lua_type(L, 4)) {
    case LUA_TNIL:
    case LUA_TNONE:
        if (f)
            err = lxw.worksheet_write_blank(s->ws, row, col, f);
        break;
    case LUA_TNUMBER:
        err = lxw.worksheet_write_number(s->ws, row, col, (double)lua_tonumber(L, 4), f);
        break;
    case LUA_TBOOLEAN:
        err = lxw.worksheet_write_boolean(s->ws, row, col, lua_toboolean(L, 4), f);
        break;
    case LUA_TSTRING: {
        size_t len;
        const char *text = lua_tolstring(L, 4, &len);
        if (strlen(text) != len)
            return luaL_argerror(L, 4, "text with a NUL byte");
        err = lxw.worksheet_write_string(s->ws, row, col, text, f);
        break;
    }
    default:
        return luaL_typeerror(L, 4, "number, string, boolean or nil");
    }
    if (err != LXW_NO_ERROR)
        return luaL_error(L, "xlsx: cannot write row %d, column %d: %s", (int)row + 1, (int)col + 1, lxw.lxw_strerror(err));
    return 0;
}

/* ws:column(col, width [, format]) */
static int ws_column(lua_State *L)
{
    Sheet *s = check_sheet(L, 1);
    lxw_col_t col = check_col(L, 2);
    lua_Number width = luaL_checknumber(L, 3);
    luaL_argcheck(L, width >= 0 && width <= 255, 3, "width from 0 to 255");
    lxw_format *f = opt_format(L, s->owner, 4);
    if (lxw.worksheet_set_column(s->ws, col, col, (double)width, f) != LXW_NO_ERROR)
        return luaL_error(L, "xlsx: cannot set the width of column %d", (int)col + 1);
    return 0;
}

/* ws:freeze(row, col): rows above `row` and columns left of `col` stay in view. */
static int ws_freeze(lua_State *L)
{
    Sheet *s = check_sheet(L, 1);
    lxw.worksheet_freeze_panes(s->ws, check_row(L, 2), check_col(L, 3));
    return 0;
}

int luaopen_ctg_xlsx(lua_State *L)
{
    static const luaL_Reg wb_methods[] = {
        {"format", wb_format},
        {"sheet", wb_sheet},
        {"close", wb_close},
        {NULL, NULL},
    };
    static const luaL_Reg ws_methods[] = {
        {"write", ws_write},
        {"column", ws_column},
        {"freeze", ws_freeze},
        {NULL, NULL},
    };
    static const luaL_Reg functions[] = {
        {"workbook", xl_workbook},
        {NULL, NULL},
    };
    ctg_new_class(L, WORKBOOK_MT, wb_methods, wb_gc);
    ctg_new_class(L, SHEET_MT, ws_methods, NULL);
    luaL_newlib(L, functions);
    return 1;
}
