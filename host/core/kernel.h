/* The evaluation kernel (core/kernel.c) as the evaluation engine (core/engine.c) reads it: one pass over the
 * stored observations into cells (latest revisions summed by indicator, period, territory
 * and, when asked, dimension values), the strings of those cells interned once. */
#ifndef CTG_KERNEL_H
#define CTG_KERNEL_H

#include <stddef.h>
#include <stdint.h>

#include "store/engine.h"

/* What a cell sums, as model.cells gives it to Lua (see lua/kernel.c). */
struct ctg_sums {
    uint32_t n, values, ratios, missing, texts, weighted_values;
    int64_t text_row, missing_row;
    double value, numerator, denominator, max, weighted;
    uint8_t has_numerator, has_denominator;
};

struct kernel;

/* A new kernel (NULL when out of memory), and its end (k may be NULL). */
struct kernel *ctg_kernel_create(void);
void ctg_kernel_destroy(struct kernel *k);

/* Reads the observations of plan_id (of one indicator when not NULL) through engine e into
 * cells, by dimension values too when by_dims. Returns CTG_ENGINE_OK, or a status with err
 * filled (the engine's failure, out of memory, a row that breaks the store's invariants). The
 * cells of a previous scan are dropped first (the strings stay). */
int ctg_kernel_scan(struct kernel *k, struct ctg_engine *e, const char *plan_id, const char *indicator,
                    int by_dims, struct ctg_engine_error *err);

/* What a windowed scan keeps: the cells of the admitted indicators only (admit[id] for an
 * interned id below nadmit; admit NULL: all), and about max_cells cells at most (0: any
 * number) — past it the cells of some indicators are dropped and ctg_kernel_overflowed
 * says so, so that memory stays bounded whatever the number of observations. Either way
 * every row is counted in the subjects' statistics. */
struct ctg_window {
    const uint8_t *admit;
    uint32_t nadmit;
    uint32_t max_cells;
    /* with max_cells: the indicators in plan order (interned ids); past the bound the scan
     * keeps the cells of the longest prefix of them within it (one indicator at
     * least, whatever its size) rather than none: ctg_kernel_prefix says how many */
    const uint32_t *order;
    uint32_t norder;
};
int ctg_kernel_scan_window(struct kernel *k, struct ctg_engine *e, const char *plan_id,
                           const struct ctg_window *w, struct ctg_engine_error *err);
int ctg_kernel_overflowed(const struct kernel *k);
uint32_t ctg_kernel_prefix(const struct kernel *k);

/* The rows of the last scan by subject (indicator id, in the plan or not): its interned
 * name, its number of current rows and the first and last year of their periods
 * (INT32_MAX and INT32_MIN when no period starts with a year). i < ctg_kernel_nsubjects;
 * a subject without rows has rows 0. */
struct ctg_subject {
    uint32_t name, rows;
    int32_t first_year, last_year;
};
uint32_t ctg_kernel_nsubjects(const struct kernel *k);
struct ctg_subject ctg_kernel_subject(const struct kernel *k, uint32_t i);

/* The cells: key = {indicator, period, territory, dims} as interned string ids (dims is the
 * id of "" without by_dims). */
uint32_t ctg_kernel_ncells(const struct kernel *k);
void ctg_kernel_cell(const struct kernel *k, uint32_t i, uint32_t key[4], struct ctg_sums *sums);
/* The index of the cell of key, UINT32_MAX when there is none. */
uint32_t ctg_kernel_find(const struct kernel *k, uint32_t ind, uint32_t per, uint32_t ter, uint32_t dims);

/* The year a period starts in ("2021-2022" -> 2021): its first four characters when they
 * are digits, else INT32_MIN. */
int32_t ctg_period_year(const char *period);

/* Interned strings: the id of s (added on first sight; -1 when out of memory), the text of
 * an id, how many there are. */
int64_t ctg_kernel_intern(struct kernel *k, const char *s, size_t n);
const char *ctg_kernel_string(const struct kernel *k, uint32_t id);
uint32_t ctg_kernel_nstrings(const struct kernel *k);

#endif
