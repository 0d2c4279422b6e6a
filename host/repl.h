/* ctg — the REPL (repl.c) and the pretty printer it prints results with (pretty.c). */
#ifndef CTG_REPL_H
#define CTG_REPL_H

#include <stdio.h>
#include <lua.h>

/* Run the REPL on a prepared state and return the process exit code. On a terminal: line
 * editing, history ($CTG_HISTORY, else ~/.ctg_history), Tab completion, Ctrl-C interrupts
 * running code; always 0. Otherwise reads stdin like ctg_repl_run_stream. */
int ctg_repl_run(lua_State *L);

/* The non-interactive REPL over streams: no prompts; each complete chunk is evaluated and its
 * results are written to out, errors as "error: <message>" to err. Returns 0, or 1
 * (CTG_EXIT_SCRIPT) when any chunk failed to compile or raised an error. */
int ctg_repl_run_stream(lua_State *L, FILE *in, FILE *out, FILE *err);

/* 1 when chunk is the beginning of a statement or expression that more lines could complete
 * (an open function, table, long string, long comment, block...); 0 when it is complete or
 * has a genuine syntax error. Leaves the stack as it was. */
int ctg_repl_is_incomplete(lua_State *L, const char *chunk);

/* Tab completion: push the sorted array of completions of text, a global name or a field
 * path ("p.axes[2].ti", "p:ac" for methods), and return how many there are. Fields are
 * found with raw lookups, following __index tables (never calling functions) for tables,
 * userdata and strings. Never raises: pushes nil and returns 0 on a memory error. */
int ctg_repl_complete(lua_State *L, const char *text);

/* Pretty printer options; ctg_pretty_defaults() gives depth 4, max_items 50, width 80. */
struct ctg_pretty_opts {
    int depth;       /* tables nested deeper than this print as {…} */
    int max_items;   /* entries shown per table before "… (N more)" */
    int width;       /* a table stays on one line when it fits in this many columns */
};

struct ctg_pretty_opts ctg_pretty_defaults(void);

/* Push the pretty form of the value at idx and return it. Never raises, except on memory
 * errors: an erroring __tostring prints as "<error in __tostring: msg>". opts may be NULL. */
const char *ctg_pretty_push(lua_State *L, int idx, const struct ctg_pretty_opts *opts);

/* The module ctg.pretty: { format = function(v [, opts]) -> string }. */
int luaopen_ctg_pretty(lua_State *L);

#endif
