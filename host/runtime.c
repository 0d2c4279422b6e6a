/* The Lua runtime ctg runs everything in: standard libraries, the embedded stdlib, the
 * native modules, and error reporting that points at the user's file rather than at the
 * stdlib frame that raised the error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <lauxlib.h>
#include <lualib.h>

#include "ctg.h"
#include "csv.h"
#include "embedded.h"
#include "msg.h"
#include "termsafe.h"
#include "repl.h"

/* Registry key of the last error's traceback, printed under --traceback. */
static const char TRACEBACK_KEY[] = "ctg.traceback";
/* Registry key of the options table given to command modules. */
static const char OPTIONS_KEY[] = "ctg.options";
/* Metatable of ctg's own exit errors (ctg.cli.args.fail). */
static const char EXIT_ERROR_MT[] = "ctg.exit_error";

/* __tostring of an exit error: its message (read raw: the table is ctg's). */
static int exit_error_tostring(lua_State *L)
{
    lua_pushliteral(L, "message");
    lua_rawget(L, 1);
    if (!lua_isstring(L, -1))
        lua_pushliteral(L, "");
    return 1;
}

int ctg_runtime_exit_error(lua_State *L)
{
    lua_Integer code = luaL_checkinteger(L, 1);
    luaL_argcheck(L, code >= CTG_EXIT_SCRIPT && code <= CTG_EXIT_BUSY, 1, "exit code 1..6");
    luaL_checkany(L, 2);
    lua_createtable(L, 0, 2);
    lua_pushinteger(L, code);
    lua_setfield(L, -2, "exit");
    lua_pushvalue(L, 2);
    lua_setfield(L, -2, "message");
    if (luaL_newmetatable(L, EXIT_ERROR_MT)) {
        lua_pushcfunction(L, exit_error_tostring);
        lua_setfield(L, -2, "__tostring");
        /* hidden from getmetatable: no script can make one */
        lua_pushboolean(L, 0);
        lua_setfield(L, -2, "__metatable");
    }
    lua_setmetatable(L, -2);
    return 1;
}

int ctg_runtime_is_exit_error(lua_State *L, int idx)
{
    if (lua_type(L, idx) != LUA_TTABLE || !lua_getmetatable(L, idx))
        return 0;
    luaL_getmetatable(L, EXIT_ERROR_MT);
    int same = lua_rawequal(L, -1, -2);
    lua_pop(L, 2);
    return same;
}

static const luaL_Reg native_modules[] = {
    {"ctg.model", luaopen_ctg_model},
    {"ctg.yaml", luaopen_ctg_yaml},
    {"ctg.store", luaopen_ctg_store},
    {"ctg.sys", luaopen_ctg_sys},
    {"ctg.csv", luaopen_ctg_csv},
    {"ctg.pretty", luaopen_ctg_pretty},
    {"ctg.xlsx", luaopen_ctg_xlsx},
    {"ctg.workbook", luaopen_ctg_workbook},
    {"ctg.limits", luaopen_ctg_limits},
    {"ctg.mapped", luaopen_ctg_mapped},
    {"ctg.sha256", luaopen_ctg_sha256},
    {"ctg.pg_schema", luaopen_ctg_pg_schema},
    {NULL, NULL},
};

static void preload_native_modules(lua_State *L)
{
    luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_PRELOAD_TABLE);
    for (const luaL_Reg *m = native_modules; m->name; m++) {
        lua_pushcfunction(L, m->func);
        lua_setfield(L, -2, m->name);
    }
    lua_pop(L, 1);
}

/* __index of the global `ctg` until first use: require "ctg" then read through it. Keeps
 * start-up as cheap as plain Lua's when a script never touches `ctg`. */
static int lazy_ctg_index(lua_State *L)
{
    lua_getglobal(L, "require");
    lua_pushliteral(L, "ctg");
    lua_call(L, 1, 1);
    lua_newtable(L);
    lua_pushvalue(L, -2);
    lua_setfield(L, -2, "__index");
    lua_setmetatable(L, 1);
    lua_getfield(L, -1, lua_tostring(L, 2));
    return 1;
}

static void install_lazy_ctg(lua_State *L)
{
    lua_newtable(L);
    lua_newtable(L);
    lua_pushcfunction(L, lazy_ctg_index);
    lua_setfield(L, -2, "__index");
    lua_setmetatable(L, -2);
    lua_setglobal(L, "ctg");
}

/* explain(v), for the REPL and scripts: how a value from ev:value was computed. */
static int global_explain(lua_State *L)
{
    lua_settop(L, 1);
    lua_getglobal(L, "require");
    lua_pushliteral(L, "ctg.eval");
    lua_call(L, 1, 1);
    lua_getfield(L, -1, "explain");
    lua_pushvalue(L, 1);
    lua_call(L, 1, 1);
    return 1;
}

static void store_options(lua_State *L, const struct ctg_options *opts)
{
    lua_newtable(L);
    if (opts && opts->db) {
        lua_pushstring(L, opts->db);
        lua_setfield(L, -2, "db");
    }
    lua_pushboolean(L, opts && opts->traceback);
    lua_setfield(L, -2, "traceback");
    lua_pushliteral(L, CTG_VERSION);
    lua_setfield(L, -2, "version");
    /* the same table as require("ctg.host"): ctg.open() in a script, -e, a report or the
     * console opens the --db given on the command line, as the subcommands do */
    luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
    lua_pushvalue(L, -2);
    lua_setfield(L, -2, "ctg.host");
    lua_pop(L, 1);
    lua_setfield(L, LUA_REGISTRYINDEX, OPTIONS_KEY);
}

/* load(chunk [, name [, mode [, env]]]) with mode forced to "t": ctg never needs bytecode,
 * and corrupted bytecode can crash the interpreter. The original load is upvalue 1. */
static int text_load(lua_State *L)
{
    int n = lua_gettop(L);
    if (n < 3)
        lua_settop(L, 3);
    lua_pushliteral(L, "t");
    lua_replace(L, 3);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, n < 3 ? 3 : n, LUA_MULTRET);
    return lua_gettop(L);
}

/* loadfile([file [, mode [, env]]]) as text only. */
static int text_loadfile(lua_State *L)
{
    const char *file = luaL_optstring(L, 1, NULL);
    int env = !lua_isnone(L, 3) ? 3 : 0;
    int status = luaL_loadfilex(L, file, "t");
    if (status != LUA_OK) {
        luaL_pushfail(L);
        lua_insert(L, -2);
        return 2;
    }
    if (env) {
        lua_pushvalue(L, env);
        if (!lua_setupvalue(L, -2, 1))
            lua_pop(L, 1);
    }
    return 1;
}

/* dofile([file]) as text only. */
static int text_dofile(lua_State *L)
{
    const char *file = luaL_optstring(L, 1, NULL);
    lua_settop(L, 1);
    if (luaL_loadfilex(L, file, "t") != LUA_OK)
        return lua_error(L);
    lua_call(L, 0, LUA_MULTRET);
    return lua_gettop(L) - 1;
}

/* The Lua file searcher of require, text only (package.searchers[2] in stock Lua). */
static int search_text_file(lua_State *L)
{
    const char *name = luaL_checkstring(L, 1);
    lua_getglobal(L, "package");
    lua_getfield(L, -1, "searchpath");
    lua_pushstring(L, name);
    lua_getfield(L, -3, "path");
    if (!lua_isstring(L, -1))
        return luaL_error(L, "'package.path' must be a string");
    lua_call(L, 2, 2);
    if (lua_isnil(L, -2))
        return 1; /* the "no file" message */
    const char *file = lua_tostring(L, -2);
    if (luaL_loadfilex(L, file, "t") != LUA_OK)
        return luaL_error(L, "error loading module '%s' from file '%s':\n\t%s", name, file,
                          lua_tostring(L, -1));
    lua_pushstring(L, file);
    return 2;
}

/* Everywhere, even with full Lua, chunks are text: load, loadfile, dofile and require. */
static void install_text_only_loaders(lua_State *L)
{
    lua_getglobal(L, "load");
    lua_pushcclosure(L, text_load, 1);
    lua_setglobal(L, "load");
    lua_register(L, "loadfile", text_loadfile);
    lua_register(L, "dofile", text_dofile);
    lua_getglobal(L, "package");
    lua_getfield(L, -1, "searchers");
    lua_pushcfunction(L, search_text_file);
    lua_rawseti(L, -2, 2);
    lua_pop(L, 2);
}

/* Apply --timeout and --max-memory given before the subcommand. Values were checked by
 * the argument parser. */
static void apply_limits(lua_State *L, const struct ctg_options *opts)
{
    double timeout = 0;
    size_t mb = 0;
    char err[256];
    if (opts && opts->timeout)
        ctg_limits_parse_timeout(opts->timeout, &timeout, err, sizeof err);
    if (opts && opts->max_memory)
        ctg_limits_parse_memory(opts->max_memory, &mb, err, sizeof err);
    ctg_limits_set(L, timeout, mb);
}

lua_State *ctg_runtime_new(const struct ctg_options *opts)
{
    lua_State *L = ctg_limits_newstate();
    if (!L)
        return NULL;
    luaL_openlibs(L);
    apply_limits(L, opts);
    /* before ctg's searcher is inserted at 2: the text-only file searcher replaces stock 2 */
    install_text_only_loaders(L);
    ctg_embedded_install(L, getenv("CTG_PATH"));
    preload_native_modules(L);
    install_lazy_ctg(L);
    lua_pushcfunction(L, global_explain);
    lua_setglobal(L, "explain");
    store_options(L, opts);
    return L;
}

void ctg_new_class(lua_State *L, const char *name, const luaL_Reg *methods, lua_CFunction close)
{
    if (luaL_newmetatable(L, name)) {
        if (methods) {
            lua_newtable(L);
            luaL_setfuncs(L, methods, 0);
            lua_setfield(L, -2, "__index");
        }
        if (close) {
            lua_pushcfunction(L, close);
            lua_setfield(L, -2, "__close");
            lua_pushcfunction(L, close);
            lua_setfield(L, -2, "__gc");
        }
    }
    lua_pop(L, 1);
}

void ctg_runtime_close(lua_State *L)
{
    if (L)
        ctg_limits_close(L);
}

/* Does msg start with "<stdlib source>:<line>:"? Returns the length of that prefix. */
static size_t stdlib_location_length(const char *msg)
{
    const char *colon = strchr(msg, ':');
    if (!colon)
        return 0;
    char source[512];
    size_t n = (size_t)(colon - msg);
    if (n + 2 > sizeof source)
        return 0;
    source[0] = '@';
    memcpy(source + 1, msg, n);
    source[n + 1] = '\0';
    if (!ctg_embedded_is_stdlib_source(source))
        return 0;
    const char *p = colon + 1;
    while (*p >= '0' && *p <= '9')
        p++;
    if (p == colon + 1 || *p != ':')
        return 0;
    p++;
    if (*p == ' ')
        p++;
    return (size_t)(p - msg);
}

/* Replace a stdlib location by the innermost caller frame that is the user's code. */
static void relocate_to_user_frame(lua_State *L, const char *msg)
{
    size_t skip = stdlib_location_length(msg);
    if (!skip)
        return;
    lua_Debug ar;
    for (int level = 1; lua_getstack(L, level, &ar); level++) {
        if (!lua_getinfo(L, "Sl", &ar) || ar.currentline <= 0)
            continue;
        if (ctg_embedded_is_stdlib_source(ar.source))
            continue;
        lua_pushfstring(L, "%s:%d: %s", ar.short_src, ar.currentline, msg + skip);
        lua_replace(L, 1);
        return;
    }
}

/* The text of an error object that is not a string (__tostring, run where the error was
 * raised: within the limits when the code is from others), located at the user's line. */
static void error_object_text(lua_State *L)
{
    int located = 0;
    if (luaL_getmetafield(L, 1, "__tostring") != LUA_TNIL) {
        lua_pushvalue(L, 1);
        if (lua_pcall(L, 1, 1, 0) == LUA_OK && lua_type(L, -1) == LUA_TSTRING)
            lua_replace(L, 1);
        else
            lua_pop(L, 1);
    }
    if (lua_type(L, 1) != LUA_TSTRING) {
        const char *vars[] = {"type", luaL_typename(L, 1), NULL};
        ctg_msg_push(L, "contain.error-object", vars, "(error object)");
        lua_replace(L, 1);
    }
    lua_Debug ar;
    for (int level = 1; !located && lua_getstack(L, level, &ar); level++) {
        if (!lua_getinfo(L, "Sl", &ar) || ar.currentline <= 0 || ctg_embedded_is_stdlib_source(ar.source))
            continue;
        lua_pushfstring(L, "%s:%d: %s", ar.short_src, ar.currentline, lua_tostring(L, 1));
        lua_replace(L, 1);
        located = 1;
    }
}

int ctg_runtime_message_handler(lua_State *L)
{
    const char *msg = lua_tostring(L, 1);
    /* ctg's own exit errors pass as they are; any other object becomes its text here */
    if (msg == NULL && !ctg_runtime_is_exit_error(L, 1)) {
        error_object_text(L);
        lua_settop(L, 1);
        msg = lua_tostring(L, 1);
    }
    luaL_traceback(L, L, msg ? msg : "error", 1);
    lua_setfield(L, LUA_REGISTRYINDEX, TRACEBACK_KEY);
    if (msg)
        relocate_to_user_frame(L, msg);
    lua_settop(L, 1);
    return 1;
}

int ctg_runtime_pcall(lua_State *L, int nargs, int nresults)
{
    int base = lua_gettop(L) - nargs;
    lua_pushcfunction(L, ctg_runtime_message_handler);
    lua_insert(L, base);
    int status = lua_pcall(L, nargs, nresults, base);
    lua_remove(L, base);
    return status;
}

static int want_traceback(lua_State *L)
{
    lua_getfield(L, LUA_REGISTRYINDEX, OPTIONS_KEY);
    lua_getfield(L, -1, "traceback");
    int on = lua_toboolean(L, -1);
    lua_pop(L, 2);
    return on;
}

static void stderr_sink(void *ud, const char *s, size_t n)
{
    fwrite(s, 1, n, (FILE *)ud);
}

/* An error message on stderr: escaped on a terminal (it may quote a plan or data). */
static void print_error(const char *msg)
{
    fputs("ctg: ", stderr);
    if (isatty(STDERR_FILENO))
        ctg_term_escape(msg, strlen(msg), stderr_sink, stderr);
    else
        fputs(msg, stderr);
    fputc('\n', stderr);
}

int ctg_runtime_report(lua_State *L, int status)
{
    if (status == LUA_OK)
        return CTG_EXIT_OK;
    int code = CTG_EXIT_SCRIPT;
    /* An error raised by ctg.cli.fail is {exit = CODE, message = TEXT}: already located.
     * Any other value is read raw: its metamethods are code from others, and a table with a
     * field "exit" chooses nothing. */
    if (ctg_runtime_is_exit_error(L, -1)) {
        lua_pushliteral(L, "exit");
        lua_rawget(L, -2);
        if (lua_isinteger(L, -1))
            code = (int)lua_tointeger(L, -1);
        lua_pop(L, 1);
        lua_pushliteral(L, "message");
        lua_rawget(L, -2);
        lua_replace(L, -2);
    }
    const char *msg = lua_type(L, -1) == LUA_TSTRING || lua_type(L, -1) == LUA_TNUMBER ? lua_tostring(L, -1) : NULL;
    if (msg && *msg)
        print_error(msg);
    else if (!msg)
        fprintf(stderr, "ctg: (erreur sans message : une valeur de type %s)\n", luaL_typename(L, -1));
    lua_pop(L, 1);
    if (want_traceback(L)) {
        lua_getfield(L, LUA_REGISTRYINDEX, TRACEBACK_KEY);
        if (lua_isstring(L, -1))
            fprintf(stderr, "%s\n", lua_tostring(L, -1));
        lua_pop(L, 1);
    }
    fflush(stderr);
    return code;
}

void ctg_runtime_guard_terminal(lua_State *L)
{
    lua_getglobal(L, "require");
    lua_pushliteral(L, "ctg.terminal");
    if (ctg_runtime_pcall(L, 1, 1) != LUA_OK) {
        lua_pop(L, 1);
        return;
    }
    lua_getfield(L, -1, "guard");
    if (ctg_runtime_pcall(L, 0, 0) != LUA_OK)
        lua_pop(L, 1);
    lua_pop(L, 1);
}

int ctg_runtime_run_command(lua_State *L, const char *module, int argc, char **argv, int first)
{
    ctg_runtime_guard_terminal(L);
    lua_getglobal(L, "require");
    lua_pushstring(L, module);
    int status = ctg_runtime_pcall(L, 1, 1);
    if (status != LUA_OK)
        return ctg_runtime_report(L, status);
    lua_createtable(L, argc - first, 0);
    for (int i = first; i < argc; i++) {
        lua_pushstring(L, argv[i]);
        lua_rawseti(L, -2, i - first + 1);
    }
    lua_getfield(L, LUA_REGISTRYINDEX, OPTIONS_KEY);
    status = ctg_runtime_pcall(L, 2, 1);
    if (status != LUA_OK)
        return ctg_runtime_report(L, status);
    int code = lua_isinteger(L, -1) ? (int)lua_tointeger(L, -1) : CTG_EXIT_OK;
    lua_pop(L, 1);
    return code;
}
