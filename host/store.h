/* ctg.store — what other native modules may use of an open database. */
#ifndef CTG_STORE_H
#define CTG_STORE_H

#include <lua.h>
#include <sqlite3.h>

/* The SQLite handle of the store at idx; raises if it is not an open store. */
sqlite3 *ctg_store_handle(lua_State *L, int idx);

/* Raise "DB: what: sqlite message" for the store at idx. */
int ctg_store_fail(lua_State *L, int idx, const char *what);

#endif
