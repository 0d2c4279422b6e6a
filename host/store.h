/* ctg.store — what other native modules may use of an open database. */
#ifndef CTG_STORE_H
#define CTG_STORE_H

#include <stdint.h>
#include <lua.h>
#include <lauxlib.h>

#include "store/engine.h"

/* The engine of the store at idx (its reads: core/kernel.h); raises if it is not an open
 * store. */
struct ctg_engine *ctg_store_engine(lua_State *L, int idx);

/* The engine of the store at idx, NULL when it is closed (raises if idx is not a store). */
struct ctg_engine *ctg_store_open_engine(lua_State *L, int idx);

/* ctg_store_engine, after the store's check of every row's references and numbers (once a
 * connection): what a read through the views that join the dictionaries needs. */
struct ctg_engine *ctg_store_checked_engine(lua_State *L, int idx);
/* ctg_store_engine, after the check of the rows of plan_id's writes (the whole file's when
 * it was checked): what its kept fingerprint vouches for. */
struct ctg_engine *ctg_store_plan_checked_engine(lua_State *L, int idx, const char *plan_id);

/* Raise err (an engine's failure) as the catalogue's message: "path : what : hint (Engine :
 * its words)", "store.nomem"'s sentence, or contain.db.lie's for a row that breaks the
 * store's invariants (lua/engine_error.c). */
int ctg_engine_raise(lua_State *L, const struct ctg_engine *e, const struct ctg_engine_error *err);

/* Raise the catalogue's sentence for key (e.g. "store.nomem"), without a location. */
int ctg_store_raise(lua_State *L, const char *key);


/* Store row as the next revision of its key and return that revision (>= 1); return 0 and
 * set *first_line when the same import already wrote the key. Raises on SQLite errors.
 * The strings must stay alive during the call (they are bound without copying).
 * key[1] must be one of value, progress, meeting, funding, numerator, denominator (the parts
 * of a ratio, schema 6; raised otherwise); the
 * five other parts are looked up in (and added to) their dictionaries. Between begin_bulk
 * and end_bulk, the dictionaries and the keys of each plan written are cached in C hash
 * maps, loaded once: a new key costs no B-tree probe. Outside them, a key is looked up by a
 * scan of the plan's latest rows (no index): bulk imports should use begin_bulk. */
lua_Integer ctg_store_put(lua_State *L, int idx, const struct ctg_row *row, lua_Integer *first_line);

/* Add store.fast_rows (fastrow.c) to the module table on top of the stack. */
void ctg_fastrow_register(lua_State *L);

#endif
