/* ctg — shared declarations of the host: exit codes, the Lua runtime, native modules. */
#ifndef CTG_H
#define CTG_H

#include <lua.h>

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
};

/* The runtime: a Lua state with the standard libraries, the embedded stdlib searcher,
 * the native modules preloaded and a lazy global `ctg`. Defined in runtime.c. */
lua_State *ctg_runtime_new(const struct ctg_options *opts);
void ctg_runtime_close(lua_State *L);

/* lua_pcall with ctg's message handler: the error location is moved from stdlib frames to
 * the user's file and line; a traceback is kept for --traceback. */
int ctg_runtime_pcall(lua_State *L, int nargs, int nresults);

/* Print the error on top of the stack as "ctg: file:line: message" and return the exit code
 * it maps to (an error raised through ctg.cli.fail carries its own code). Pops the error. */
int ctg_runtime_report(lua_State *L, int status);

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

#endif
