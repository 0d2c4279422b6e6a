/* The evaluation kernel of eval.c as the roll-up (rollup.c) reads it: one pass over the
 * stored observations into cells (latest revisions summed by indicator, period, territory
 * and, when asked, dimension values), the strings of those cells interned once. */
#ifndef CTG_KERNEL_H
#define CTG_KERNEL_H

#include <stdint.h>
#include <lua.h>
#include <sqlite3.h>

/* What a cell sums, as model.cells gives it to Lua (see eval.c). */
struct ctg_sums {
    uint32_t n, values, ratios, missing, texts, weighted_values;
    int64_t text_row, missing_row;
    double value, numerator, denominator, max, weighted;
    uint8_t has_numerator, has_denominator;
};

struct kernel;

/* A new kernel, pushed on the stack as a userdata that frees everything on __close/__gc. */
struct kernel *ctg_kernel_new(lua_State *L);

/* Reads the observations of plan_id (of one indicator when not NULL) into cells, by
 * dimension values too when by_dims; raises a Lua error on a SQLite failure or OOM. */
void ctg_kernel_scan(lua_State *L, struct kernel *k, sqlite3 *db, const char *plan_id,
                     const char *indicator, int by_dims);

/* The cells: key = {indicator, period, territory, dims} as interned string ids (dims is the
 * id of "" without by_dims). */
uint32_t ctg_kernel_ncells(const struct kernel *k);
void ctg_kernel_cell(const struct kernel *k, uint32_t i, uint32_t key[4], struct ctg_sums *sums);
/* The index of the cell of key, UINT32_MAX when there is none. */
uint32_t ctg_kernel_find(const struct kernel *k, uint32_t ind, uint32_t per, uint32_t ter, uint32_t dims);

/* Interned strings: the id of s (added on first sight; -1 when out of memory), the text of
 * an id, how many there are. */
int64_t ctg_kernel_intern(struct kernel *k, const char *s, size_t n);
const char *ctg_kernel_string(const struct kernel *k, uint32_t id);
uint32_t ctg_kernel_nstrings(const struct kernel *k);

#endif
