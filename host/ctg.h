/* ctg — shared declarations of the host: exit codes, the Lua runtime, native modules. */
#ifndef CTG_H
#define CTG_H

#include <lua.h>
#include <lauxlib.h>

#ifndef CTG_VERSION
#define CTG_VERSION "0.0.0"
#endif

/* Process exit codes, documented in `ctg --help`. */
enum ctg_exit {
    CTG_EXIT_OK = 0,       /* success */
    CTG_EXIT_SCRIPT = 1,   /* a Lua error in a script or expression */
    CTG_EXIT_USAGE = 2,    /* bad command line: unknown option or subcommand, missing argument */
    CTG_EXIT_DATA = 3,     /* invalid input: a plan or data file with errors */
    CTG_EXIT_RULES = 4,    /* a rule with severity "critical" fired */
    CTG_EXIT_OUTPUT = 5,   /* an output could not be written (disk full, permissions) */
    CTG_EXIT_BUSY = 6,     /* the database stayed locked by another program */
};

/* Options shared by every subcommand, parsed before and after the subcommand name. */
struct ctg_options {
    const char *db;        /* --db FILE, else NULL (then $CTG_DB, then ./ctg.db) */
    int traceback;         /* --traceback: print Lua tracebacks with errors */
    const char *timeout;   /* --timeout SECONDS, else NULL (CTG_DEFAULT_TIMEOUT) */
    const char *max_memory; /* --max-memory MB, else NULL (CTG_DEFAULT_MAX_MEMORY_MB) */
};

/* Limits of code from others (plan files, custom rules, report scripts): ctg.limits. */
#define CTG_DEFAULT_TIMEOUT 30
#define CTG_DEFAULT_MAX_MEMORY_MB 512

/* The runtime: a Lua state with the standard libraries, the embedded stdlib searcher,
 * the native modules preloaded and a lazy global `ctg`. Defined in runtime.c. */
lua_State *ctg_runtime_new(const struct ctg_options *opts);
void ctg_runtime_close(lua_State *L);

/* Registers the metatable name once (luaL_newmetatable): its methods as __index when given
 * (NULL: none), close as __close and __gc when given (the resource freed when a to-be-closed
 * variable goes out of scope, else when collected). In runtime.c. */
void ctg_new_class(lua_State *L, const char *name, const luaL_Reg *methods, lua_CFunction close);

/* lua_pcall with ctg's message handler: the error location is moved from stdlib frames to
 * the user's file and line; a traceback is kept for --traceback. */
int ctg_runtime_pcall(lua_State *L, int nargs, int nresults);

/* ctg's message handler (for lua_pcall): locates the error in the user's file. */
int ctg_runtime_message_handler(lua_State *L);

/* A Lua state whose allocator counts and caps memory during limited runs; closed by
 * ctg_limits_close. ctg_limits_set changes the limits (0 keeps one). In limits.c. */
lua_State *ctg_limits_newstate(void);
void ctg_limits_close(lua_State *L);
void ctg_limits_set(lua_State *L, double timeout, size_t max_memory_mb);
/* The memory cap of the limited run under way (bytes), 0 outside one: what SQLite may build
 * for the code running (its heap is not counted by the Lua allocator). */
size_t ctg_limits_active_memory(lua_State *L);

/* Parse a --timeout (seconds, > 0) or --max-memory (megabytes, or with a M/G suffix) value;
 * 0 on success, else -1 with a French message in err. In limits.c. */
int ctg_limits_parse_timeout(const char *text, double *out, char *err, size_t errsize);
int ctg_limits_parse_memory(const char *text, size_t *out_mb, char *err, size_t errsize);

/* ctg's own errors that stop a command with an exit code: {exit = CODE, message = TEXT}
 * with a private metatable, so that nothing a script raises or returns can choose an exit
 * code (a table with a field "exit" is just an error). ctg_runtime_exit_error is the Lua
 * function sys.exit_error(code, message); ctg_runtime_is_exit_error tells one at idx. */
int ctg_runtime_exit_error(lua_State *L);
int ctg_runtime_is_exit_error(lua_State *L, int idx);

/* Print the error on top of the stack as "ctg: file:line: message" and return the exit code
 * it maps to (an error raised through ctg.cli.fail carries its own code; any other value
 * is a script error, exit 1, read without calling its metamethods). Pops the error. */
int ctg_runtime_report(lua_State *L, int status);

/* From now on, what print and io writes send to a terminal has its control characters
 * escaped (ctg.terminal.guard): ctg's commands and the REPL. */
void ctg_runtime_guard_terminal(lua_State *L);

/* Run a stdlib command module ("ctg.cli.check") with argv[first..argc-1] as its arguments
 * and return its exit code. Used by subcommands that are written in Lua. */
int ctg_runtime_run_command(lua_State *L, const char *module, int argc, char **argv, int first);

/* Write len bytes to path all or nothing (temporary file beside it, fsync, rename); 0, or
 * -1 with *err the errno value (an earlier file at path is then left intact). In sys.c. */
int ctg_write_file(const char *path, const char *data, size_t len, int *err);

/* A French description of an errno value, for the messages users read. In sys.c. */
const char *ctg_errno_text(int err);

/* Native modules. */
int luaopen_ctg_model(lua_State *L);
int luaopen_ctg_yaml(lua_State *L);
int luaopen_ctg_store(lua_State *L);
int luaopen_ctg_sys(lua_State *L);
int luaopen_ctg_xlsx(lua_State *L);
int luaopen_ctg_workbook(lua_State *L); /* lua/workbook.c */
int luaopen_ctg_limits(lua_State *L);
int luaopen_ctg_mapped(lua_State *L); /* read/mapped.c */
int luaopen_ctg_sha256(lua_State *L); /* lua/lsha256.c */
int luaopen_ctg_pg_schema(lua_State *L); /* lua/lpg_schema.c */

#endif
