/* The evaluation engine (core/engine.c), Lua-free: every value ctg computes comes from here.
 *
 * The binding (lua/engine.c) builds one from the plan (ctg_eng_create, ctg_eng_add_*,
 * ctg_eng_load), asks values (ctg_eng_value, a grid with ctg_eng_grid_next) and turns the
 * results (struct ctg_eng_result) into Lua tables. What the engine needs from the outside
 * mid-computation — reading kernel cells again (a window of indicators, an indicator by
 * dimension values), whether a period starts after the as-of date, the reason of a missing
 * row, a text row — it asks through the callbacks of struct ctg_engine_env, never Lua.
 *
 * Errors are codes (core/error.h): every public function returns CTG_OK or a code, the
 * detail in ctg_eng_fault. A callback that fails returns a code (CTG_ERR_CALLBACK when the
 * binding keeps the reason itself); the engine stops the value and returns that code.
 *
 * The structs are public so that the binding reads the plan's settings and the results
 * without an accessor a field; only the engine writes them. */
#ifndef CTG_CORE_ENGINE_H
#define CTG_CORE_ENGINE_H

#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/hash.h"
#include "core/kernel.h"
#include "core/kinds.h"

#define CTG_ENG_NONE UINT32_MAX

/* the shape of a kind's figures (core/kinds.h): what the engine does around its accumulator */
enum ctg_eng_kind { K_VALUE = CTG_SHAPE_VALUE, K_RATIO = CTG_SHAPE_RATIO, K_EVOLUTION = CTG_SHAPE_EVOLUTION,
                    K_SCORE = CTG_SHAPE_SCORE, K_QUALITATIVE = CTG_SHAPE_TEXT };
/* how periods combine (an indicator's `time`) */
enum ctg_eng_time { T_SUM, T_LAST, T_MEAN, T_MAX, T_COUNT };
extern const char *const CTG_ENG_TIMES[T_COUNT];

/* Why a value is not available (reason_code) */
enum ctg_eng_reason { R_NONE, R_NO_OBSERVATION, R_MISSING, R_ZERO_DENOMINATOR, R_NO_BASELINE, R_ZERO_BASELINE,
                      R_NOT_STARTED, R_INCOMPLETE_RATIO, R_NOT_DEFINED, R_UNAGGREGABLE, R_PUBLISHED_ONLY,
                      R_INCOMPLETE_ROLLUP, R_COUNT };
extern const char *const CTG_ENG_REASONS[R_COUNT];
/* One rule judges a value against its target (ctg help eval): the status, and the code of
 * the branch of the rule that gave it (status_rule), so that every status can be explained. */
enum ctg_eng_status { S_NONE, S_ACHIEVED, S_ON_TRACK, S_BEHIND, S_RECEDING, S_NOT_ACHIEVED, S_NOT_AVAILABLE,
                      S_COUNT };
extern const char *const CTG_ENG_STATUSES[S_COUNT];
enum ctg_eng_rule { U_NONE, U_MET, U_NO_BASELINE, U_MOVED_AWAY, U_STRAIGHT_PATH, U_DUE_PASSED, U_NO_VALUE,
                    U_COUNT };
extern const char *const CTG_ENG_RULES[U_COUNT];
/* the texts of the spec (French, from ctg.eval), by these names */
enum ctg_eng_text { X_UNAGGREGABLE, X_UNAGGREGABLE_MANY, X_PUBLISHED, X_UNWEIGHTED, X_NO_PROGRESS_BASELINE,
                    X_NO_BASELINE_PERIOD, X_PARTIAL, X_COUNT };
extern const char *const CTG_ENG_TEXTS[X_COUNT];

/* What the engine asks the outside mid-computation. Each returns CTG_OK or a code (the
 * engine stops and returns it). ud is the binding's. */
struct ctg_engine_env {
    void *ud;
    /* Reads the plan's cells into k as ctg_kernel_scan_window does with w. */
    enum ctg_error (*read_window)(void *ud, struct kernel *k, const struct ctg_window *w);
    /* Reads the cells of one indicator by dimension values into k (a fresh kernel). */
    enum ctg_error (*read_dims)(void *ud, struct kernel *k, const char *indicator);
    /* *after = whether period starts after the as-of date. */
    enum ctg_error (*after_as_of)(void *ud, const char *period, int *after);
    /* The reason a missing row gives into why (why->set 0: none); row 0: no row. */
    enum ctg_error (*missing_reason)(void *ud, int64_t row, struct ctg_buf *why);
    /* The text row of a qualitative value: *found 0 when there is none, else its text,
     * source and import date (each set only when given). */
    enum ctg_error (*text_row)(void *ud, int64_t row, int *found, struct ctg_buf *text, struct ctg_buf *source,
                               struct ctg_buf *date);
};

/* ---- the plan, as the binding gives it (interned ids: ctg_eng_intern) --------------------- */

struct ctg_eng_target {
    uint32_t key;   /* the key as text */
    int32_t year;
    uint8_t exact;  /* a text key, that a period matches as it is */
    uint8_t is_int;
    double value;
};

struct ctg_eng_indicator {
    uint32_t name, unit; /* unit CTG_ENG_NONE when none */
    enum ctg_eng_kind kind;          /* the shape of its accumulator's figures */
    const struct ctg_kind_ops *ops;  /* its kind's accumulator (core/kinds.c) */
    uint8_t root_target;             /* its target is the plan territory's only (a count's total) */
    uint8_t no_target;               /* its kind has no target (a text) */
    enum ctg_eng_time time;
    double scale;
    uint8_t scale_is_int, defined, lower, has_baseline;
    uint8_t cumulative; /* its targets are running totals since start (a flow's) */
    uint8_t complete;   /* rollup = "complete": a roll-up with a member without figures is n.d. */
    int32_t start;      /* the first year of a running total */
    uint32_t baseline;  /* period text id, CTG_ENG_NONE */
    uint32_t first_target, ntargets;
};

struct ctg_eng_place {
    uint32_t name, title;  /* title CTG_ENG_NONE: the code */
    uint32_t first, count; /* members[first .. first+count) */
};

/* ---- results ------------------------------------------------------------------------------ */

struct ctg_eng_result {
    enum ctg_eng_reason reason;
    enum ctg_eng_status status;
    struct ctg_buf reason_text, text, text_source, text_date;
    double value, numerator, denominator, change, share, respondents, target, progress, base_value, expected;
    uint8_t has_value, has_num, has_den, has_change, has_share, has_respondents, has_target, has_progress,
        has_base_value, has_expected;
    uint8_t value_int, num_int, den_int, respondents_int, target_int, base_value_int;
    uint8_t value_is_text, published, unweighted, note; /* note: 0, X_PUBLISHED + 1, X_UNWEIGHTED + 1 */
    uint32_t n, note_count;
    enum ctg_eng_rule rule;   /* the branch of the status rule */
    uint8_t target_cumulative, has_cumulative, cumulative_int, rollup, partial, has_own, own_int;
    double cumulative, own;   /* the running total judged; the parent's own figure beside its roll-up */
    uint32_t cumulative_gaps; /* years of the running total without a figure */
    uint32_t members, with_data; /* a roll-up: its members, those with figures */
    /* a place's own figure taken as its value while some members lack figures: the roll-up
     * of those that have them, shown beside it (never silently left out) */
    uint8_t has_members_value, members_value_int;
    double members_value;
    uint32_t baseline;        /* evolution: the baseline period, CTG_ENG_NONE */
    uint32_t target_period;   /* CTG_ENG_NONE */
    uint32_t base_period;     /* assess: CTG_ENG_NONE */
    struct ctg_acc acc;       /* the roll-up the value comes from (present = 0: none) */
};

void ctg_eng_result_free(struct ctg_eng_result *r);

/* ---- the engine's state ------------------------------------------------------------------- */

/* a map from 4 small integers to one, over the core's hash index */
struct ctg_eng_map {
    uint32_t (*keys)[4];    /* the keys in the order they came, with their values */
    uint32_t *vals;
    uint32_t count, cap;
    struct ctg_hash index;  /* key -> position in keys */
};

struct ctg_eng_cell {
    uint32_t ind, period, territory, slice; /* interned ids; slice 0: every dimension value */
    struct ctg_sums s;
    uint8_t ints; /* CTG_ACC_*: the sums Lua holds as integers */
};

/* The memoised roll-ups of one (indicator, period, slice): state 0 to do, 1 under way, 2 done */
#define CTG_ENG_SLOTS 8
struct ctg_eng_slot {
    uint32_t ind, period, slice, size;
    uint64_t used;
    uint8_t *state;
    struct ctg_acc *accs;
    uint32_t *own;  /* slice 0: the kernel cell of each territory in this period, NONE */
    uint8_t months; /* the period is a year some territory has months of */
};

struct ctg_eng_dimset {
    uint32_t ind, dim;
    uint32_t first, count; /* dim_values[first .. first+count): pairs (value id, slice id) */
};

struct ctg_eng_month;

struct ctg_eng {
    struct ctg_engine_env env;
    struct kernel *k;       /* the strings, and the cells of the window held */
    struct ctg_eng_cell *cells; /* the cells by one dimension value */
    uint32_t ncells, cells_cap;
    struct ctg_eng_map cell_of;   /* (ind, period, territory, slice) -> cell */
    struct ctg_eng_map months_of; /* (ind, year, territory, slice) -> first month, in month_cells */
    uint32_t *month_cells;  /* runs of cell indexes, each ending with NONE, in period order */
    uint32_t nmonth_cells, month_cells_cap;
    struct ctg_eng_indicator *inds;
    uint32_t ninds, inds_cap;
    struct ctg_eng_target *targets;
    uint32_t ntargets, targets_cap;
    struct ctg_eng_place *places;
    uint32_t nplaces, places_cap;
    uint32_t *members;
    uint32_t nmembers, members_cap;
    uint32_t nnames;        /* strings known when the engine was loaded: the arrays below */
    int32_t *place_of, *ind_of;
    struct ctg_eng_map after_as_of; /* (period) -> 0 | 1, once asked */
    struct ctg_eng_dimset *dimsets;
    uint32_t ndimsets, dimsets_cap;
    struct ctg_eng_map dimset_of; /* (ind, dim, NONE, NONE) -> dimset */
    uint32_t *dim_values;
    uint32_t ndim_values, dim_values_cap;
    struct ctg_eng_slot slots[CTG_ENG_SLOTS];
    uint64_t clock;
    int32_t first_year;     /* the plan's first year */
    uint32_t plan_place;    /* the plan's own territory (its root), NONE when it has several */
    char *reasons[R_COUNT], *texts[X_COUNT], *statuses[S_COUNT];
    struct ctg_eng_result res; /* the result of the current value */
    struct ctg_buf scratch, names, found;
    struct ctg_buf line; /* the CSV row being written (the binding's write_csv) */
    struct ctg_buf list, details; /* what ctg_eng_gaps, _without_data, _sources hand back */
    struct ctg_eng_month *months_tmp;
    struct ctg_eng_map pair_of; /* (ind, period) -> pair: its kernel cells are pair_cells[pair_first[pair] ..] */
    uint32_t *pair_first, *pair_cells, *pair_tmp, npairs;
    struct ctg_eng_map month_years; /* (ind, year, slice) with months */
    uint32_t nodims;        /* the id of "": the kernel's cells without dimensions */
    /* the window: past max_cells cells the kernel holds those of a run of indicators only
     * (plan order, [win_lo, win_hi) of inds), read again when a value needs another */
    uint32_t max_cells;
    int windowed;
    uint32_t win_lo, win_hi, windows; /* windows: how many were read */
    uint32_t *window_of;    /* by indicator (inds order): the first indicator of its window */
    uint8_t *admit;         /* by interned id: the indicators of the window being read */
    struct kernel *dims_kernel; /* a kernel read by dimension values, while it is merged */
    /* a failure deep in a roll-up returns to the public function under way (no code a
     * frame to carry through the recursion): its jump buffer, and what failed */
    jmp_buf *jump;
    struct ctg_fault fault;
};

/* ---- building ----------------------------------------------------------------------------- */

/* A new engine with the binding's callbacks (copied), its kernel empty; NULL when out of
 * memory. max_cells: the cells the kernel holds at most before reading by windows (0: the
 * default, 250 000). ctg_eng_destroy frees everything (E may be NULL). */
struct ctg_eng *ctg_eng_create(const struct ctg_engine_env *env, uint32_t max_cells);
void ctg_eng_destroy(struct ctg_eng *E);

/* The id of a string (interned once in the kernel); CTG_ENG_NONE when out of memory. */
uint32_t ctg_eng_intern(struct ctg_eng *E, const char *s, size_t n);
/* The text of an id. */
const char *ctg_eng_text(const struct ctg_eng *E, uint32_t id);

/* The texts of the spec (French words of ctg.eval): the reason, text and status of each
 * code (copied). The empty reason and status are given. */
enum ctg_error ctg_eng_set_words(struct ctg_eng *E, const char *const reasons[R_COUNT],
                                 const char *const texts[X_COUNT], const char *const statuses[S_COUNT]);

/* An indicator (copied; first_target and ntargets set from the targets given) with its
 * targets, in plan order; a place with its members (sub-territories, a group's territories). */
enum ctg_error ctg_eng_add_indicator(struct ctg_eng *E, const struct ctg_eng_indicator *ind,
                                     const struct ctg_eng_target *targets, uint32_t ntargets);
enum ctg_error ctg_eng_add_place(struct ctg_eng *E, uint32_t name, uint32_t title, const uint32_t *members,
                                 uint32_t nmembers);

/* Reads the cells (env.read_window: every indicator, past max_cells the first window) and
 * indexes them, for the plan's first year and territory (plan_place, CTG_ENG_NONE: several). */
enum ctg_error ctg_eng_load(struct ctg_eng *E, int32_t first_year, uint32_t plan_place);

/* What failed, after a code other than CTG_OK. */
const struct ctg_fault *ctg_eng_fault(const struct ctg_eng *E);

/* ---- values ------------------------------------------------------------------------------- */

/* The indicator of an id, NULL when the plan has none of it. */
const struct ctg_eng_indicator *ctg_eng_indicator(const struct ctg_eng *E, uint32_t name);
/* The place of an id, NULL when it is none of the plan's. */
const struct ctg_eng_place *ctg_eng_place(const struct ctg_eng *E, uint32_t name);
/* The title of a territory (its code without one). */
uint32_t ctg_eng_title(const struct ctg_eng *E, uint32_t territory);

/* The slice of (indicator, dim = value) into *slice: 0 without dim, CTG_ENG_NONE for a dim
 * without a value or a value without cells. */
enum ctg_error ctg_eng_slice(struct ctg_eng *E, const struct ctg_eng_indicator *ind, const char *dim,
                             const char *value, uint32_t *slice);
/* The values of dim for ind, sorted (pairs value id, slice id), into *ds. */
enum ctg_error ctg_eng_dimset(struct ctg_eng *E, const struct ctg_eng_indicator *ind, const char *dim,
                              const struct ctg_eng_dimset **ds);

/* The value of ind at (period, territory, slice) into r: rolled up, combined over time, by
 * its kind's formula, judged against its target unless unassessed. */
enum ctg_error ctg_eng_value(struct ctg_eng *E, const struct ctg_eng_indicator *ind, uint32_t period,
                             uint32_t territory, uint32_t slice, int unassessed, struct ctg_eng_result *r);

/* The note of a result (a published rate, an unweighted mean, a partial roll-up), into b;
 * *has 0 when none. */
enum ctg_error ctg_eng_note(struct ctg_eng *E, const struct ctg_eng_result *r, struct ctg_buf *b, int *has);

/* The members of a roll-up that give it no figure, in plan order, with why (its reason code,
 * and for a missing row the reason it gives: detail, NULL when none). The list lives in the
 * engine until its next call. */
struct ctg_eng_gap {
    uint32_t member;
    enum ctg_eng_reason why;
    const char *detail;
};
enum ctg_error ctg_eng_gaps(struct ctg_eng *E, const struct ctg_eng_indicator *ind, uint32_t period,
                            uint32_t territory, uint32_t slice, const struct ctg_eng_gap **list, uint32_t *n);
/* The sub-territories of a roll-up without any data (what the value leaves out), in plan
 * order, into *list (living in the engine until its next call); *n how many. */
enum ctg_error ctg_eng_without_data(struct ctg_eng *E, const struct ctg_eng_indicator *ind, uint32_t period,
                                    uint32_t territory, uint32_t slice, const uint32_t **list, uint32_t *n);

/* Sorts n pairs (id, any) by the text of their first id. */
void ctg_eng_sort_by_text(const struct ctg_eng *E, uint32_t *pairs, uint32_t n);

/* The (territory, period) of every cell a value reads (with_base: its baseline's too), as
 * pairs of ids into *pairs (living in the engine until its next call); *n how many pairs. */
enum ctg_error ctg_eng_sources(struct ctg_eng *E, const struct ctg_eng_indicator *ind, uint32_t period,
                               uint32_t territory, uint32_t slice, int with_base, const uint32_t **pairs,
                               uint32_t *n);

/* Every value of a grid, one at a time, in the order of `ctg eval --format csv`: by
 * indicator (inds[]: interned ids), then period, then territory, and with dim, one per value
 * of the dimension. Set the first fields, zero the rest; ctg_eng_grid_next computes the next
 * value into E->res and says where it stands (*more 0: done). */
struct ctg_eng_grid {
    const uint32_t *inds, *periods, *territories;
    uint32_t ni, np, nt;
    const char *dim;
    /* where the grid stands: the value just computed */
    const struct ctg_eng_indicator *ind;
    uint32_t period, territory, slice, dim_value; /* dim_value CTG_ENG_NONE without dim */
    uint32_t i, p, t, j;
    const struct ctg_eng_dimset *ds;
    int started;
};
enum ctg_error ctg_eng_grid_next(struct ctg_eng *E, struct ctg_eng_grid *g, int *more);

/* ---- CSV out, row by row ------------------------------------------------------------------ */

struct ctg_eng_csv {
    FILE *f;         /* where rows go as written; NULL: kept in line */
    int french;
    char sep;
    const char *eol;
    struct ctg_buf *line;
    const char *plan; /* the plan id, the last cell of every row; NULL: none */
    size_t plan_len;
};
/* The CSV of dialect ("french": ';', CRLF and a BOM; else ',' and LF) into line (the BOM
 * written), then to f when given. */
enum ctg_error ctg_eng_csv_start(struct ctg_eng_csv *c, FILE *f, const char *dialect, struct ctg_buf *line);
enum ctg_error ctg_eng_csv_text(struct ctg_eng_csv *c, const char *s, size_t n);
enum ctg_error ctg_eng_csv_number(struct ctg_eng_csv *c, double v, int is_int);
enum ctg_error ctg_eng_csv_sep(struct ctg_eng_csv *c);
/* Ends the row; with f, writes it (CTG_ERR_WRITE, fault number errno) and empties the line. */
enum ctg_error ctg_eng_csv_end(struct ctg_eng_csv *c, struct ctg_fault *fault);
/* The grid's values as `ctg eval --format csv` writes them, each row written as computed. */
enum ctg_error ctg_eng_write_csv(struct ctg_eng *E, struct ctg_eng_csv *c, struct ctg_eng_grid *g);

#endif
