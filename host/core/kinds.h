/* The arithmetic of the indicator kinds, without Lua: what a kind does with the figures the
 * evaluation kernel sums, as a table of small functions found by name. The registry of kinds
 * (stdlib/ctg/kinds.lua) declares each kind once and names its accumulator here; the engine
 * (rollup.c) looks it up when it reads the plan's indicators and calls it:
 *
 *   accumulate  a kernel cell (one period, one territory) into a running value;
 *   merge       a member's running value into its territory's (over territories);
 *   finish      the value of a running value and, when there is none, the reason.
 *
 * How periods combine (sum, last, mean, max) is the indicator's `time`, the same for every
 * kind: the engine picks the cells, the kind adds them. Adding a kind is a line in the
 * registry and, when no accumulator here fits, one more entry in the table of kinds.c. */
#ifndef CTG_CORE_KINDS_H
#define CTG_CORE_KINDS_H

#include <stddef.h>
#include <stdint.h>

/* Which figures a cell or a running value holds (has), and which of them are integers (ints):
 * sums of integral figures print as integers, as Lua would hold them. */
enum { CTG_ACC_VALUE = 1, CTG_ACC_NUM = 2, CTG_ACC_DEN = 4, CTG_ACC_WEIGHTED = 8 };

/* One kernel cell as the kinds read it: the latest revisions of its rows summed. */
struct ctg_kind_cell {
    uint32_t n, values, missing, texts, weighted_values;
    int64_t text_row, missing_row; /* the latest text row, missing row (0: none) */
    double value, numerator, denominator, weighted;
    uint8_t has_numerator, has_denominator;
    uint8_t ints; /* CTG_ACC_*: the sums that are integers */
};

/* A running value: the cells of a period and territory, then the members of a territory. */
struct ctg_acc {
    uint32_t n, missing, values, texts, weighted_values;
    int64_t text_row, missing_row;
    double value, numerator, denominator, weighted;
    uint8_t has, ints; /* CTG_ACC_* */
    uint8_t present, own, published, unaggregable;
};

/* The shape of a kind's figures, for what the engine does around the arithmetic: a ratio's
 * rates published without their figures, an evolution's baseline, a text read from the store. */
enum ctg_kind_shape { CTG_SHAPE_VALUE, CTG_SHAPE_RATIO, CTG_SHAPE_EVOLUTION, CTG_SHAPE_SCORE, CTG_SHAPE_TEXT };

/* Why finish gives no value (CTG_KIND_TEXT: the value is the latest text, for the engine to read). */
enum ctg_kind_why { CTG_KIND_OK, CTG_KIND_NO_OBSERVATION, CTG_KIND_INCOMPLETE_RATIO, CTG_KIND_ZERO_DENOMINATOR,
                    CTG_KIND_NO_BASELINE, CTG_KIND_ZERO_BASELINE, CTG_KIND_TEXT };

/* What finish reads besides the running value. */
struct ctg_kind_param {
    double scale;         /* a ratio's: 1 or 100 */
    int has_base;         /* an evolution's: its baseline period has a value */
    double base;
    uint8_t base_int;
};

/* What finish gives: the value and the figures shown beside it. */
struct ctg_kind_out {
    double value, numerator, denominator, change, share, respondents;
    uint8_t has_value, has_num, has_den, has_change, has_share, has_respondents;
    uint8_t value_int, num_int, den_int, respondents_int;
    uint32_t unweighted; /* a score's mean of several means without their respondents: how many */
};

struct ctg_kind_ops {
    const char *name; /* the accumulator's name, as the registry gives it */
    enum ctg_kind_shape shape;
    void (*accumulate)(struct ctg_acc *a, const struct ctg_kind_cell *c);
    void (*merge)(struct ctg_acc *a, const struct ctg_acc *sub);
    enum ctg_kind_why (*finish)(const struct ctg_acc *a, const struct ctg_kind_param *p, struct ctg_kind_out *out);
};

/* The accumulator named name (n bytes), or NULL. */
const struct ctg_kind_ops *ctg_kind_find(const char *name, size_t n);
/* The names of the accumulators, NULL-terminated (for an error message). */
const char *const *ctg_kind_names(void);

#endif
