/* ctg.store — what other native modules may use of an open database. */
#ifndef CTG_STORE_H
#define CTG_STORE_H

#include <lua.h>
#include <sqlite3.h>

/* The SQLite handle of the store at idx; raises if it is not an open store. */
sqlite3 *ctg_store_handle(lua_State *L, int idx);

/* Raise "DB: what: sqlite message" for the store at idx. */
int ctg_store_fail(lua_State *L, int idx, const char *what);

/* One observation row to store; text fields NULL when absent. */
struct ctg_row {
    const char *key[6];   /* plan_id, record, subject, period, territory, dims */
    size_t key_len[6];
    int has_number[3];    /* value, numerator, denominator */
    double number[3];
    const char *text, *missing, *status, *note, *source;
    sqlite3_int64 import_id, line;
};

/* Store row as the next revision of its key and return that revision (>= 1); return 0 and
 * set *first_line when the same import already wrote the key. Raises on SQLite errors.
 * The strings must stay alive during the call (they are bound without copying). */
lua_Integer ctg_store_put(lua_State *L, int idx, const struct ctg_row *row, lua_Integer *first_line);

/* Add store.fast_rows (fastrow.c) to the module table on top of the stack. */
void ctg_fastrow_register(lua_State *L);

#endif
