/* The judge of indicator observation rows as the readers and Lua see it (host/lua/judge.c,
 * over the Lua-free judge of core/judge.h, which holds the rules and the row types).
 *
 * Readers fill a struct ctg_raw (the row's fields as typed scalars, strings owned by the
 * reader) and call ctg_judge_put; the judge normalises the row (period text, territory code,
 * dimension text), stores it through ctg_store_put and reports what went wrong, if anything,
 * as a verdict the caller pushes to Lua with ctg_judge_push_verdict. */
#ifndef CTG_JUDGE_H
#define CTG_JUDGE_H

#include <lua.h>
#include <stddef.h>

#include "core/judge.h"

#define CTG_JUDGE_MT "ctg.Judge"

struct ctg_judge;

/* The judge at idx (raises if it is not one). */
struct ctg_judge *ctg_judge_check(lua_State *L, int idx);

/* What ctg_judge_put did. */
enum ctg_judged {
    CTG_JUDGED_STORED,   /* stored, nothing to say */
    CTG_JUDGED_WARNED,   /* stored, with warnings: push the verdict */
    CTG_JUDGED_REFUSED,  /* errors, not stored: push the verdict */
    CTG_JUDGED_DUPLICATE /* the same key as an earlier row of this import: push the verdict */
};

/* A Lua value (at idx) as a row field: nil absent, strings kept alive by the caller's stack. */
void ctg_rval_from_lua(lua_State *L, int idx, struct ctg_rval *v);

/* Judge raw (line: where it is, for the store) against the judge at judge_idx and store it
 * with the store and import the judge was bound to (judge:bind). Raises on SQLite errors. */
enum ctg_judged ctg_judge_put(lua_State *L, int judge_idx, const struct ctg_raw *raw,
                              lua_Integer line);

/* The same, with the spreadsheet column of the cell the row came from (1 = A; 0: none),
 * stored beside its line as its provenance (obs_revision.col, schema 6). */
enum ctg_judged ctg_judge_put_at(lua_State *L, int judge_idx, const struct ctg_raw *raw,
                                 lua_Integer line, lua_Integer column);

/* Push the verdict of the last ctg_judge_put or check:
 *   {errors = {{code =, field =, value =, …}}, warnings = {…}, duplicate = {line =, …}} */
void ctg_judge_push_verdict(lua_State *L, int judge_idx);

/* One row of a native reader's loop (yaml.observations, csv.observations): judge and store
 * raw, count it in *stored, and return 0 to go on with the next row, or the number of
 * values pushed for the reader to return to Lua: (stored, "budget") once budget rows are
 * stored, (stored, "verdict", line, verdict) when the row has something to say. */
int ctg_judge_step(lua_State *L, int judge_idx, const struct ctg_raw *raw, lua_Integer line,
                   lua_Integer *stored, lua_Integer budget);

#endif
