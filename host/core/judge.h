/* The judge of indicator observation rows, without Lua: the one place where an observation
 * row is checked against a plan, whichever way it arrives (a YAML file read event by event,
 * a CSV file, a workbook, a Lua table). It normalises the row (period text, territory code,
 * dimension text) into a struct ctg_obs and says what is wrong as findings: a code (which
 * rule), a field, the values at fault. ctg.rows turns codes into sentences through the message
 * catalogue, so the rules are written once, in C, and the words once, in Lua.
 *
 * Readers fill a struct ctg_raw (the row's fields as typed scalars, strings owned by the
 * reader). The binding (host/lua/judge.c, judge.h) builds a judge from ctg.rows' spec,
 * resolves names that are not territory codes through spec.territory, stores the rows and
 * pushes verdicts to Lua. */
#ifndef CTG_CORE_JUDGE_H
#define CTG_CORE_JUDGE_H

#include <stddef.h>

#include "core/error.h"

#define CTG_RAW_MAX_DIMS 32

/* How a scalar was written (YAML core schema, CSV cell, Lua value). */
enum ctg_rtype { CTG_R_ABSENT = 0, CTG_R_STR, CTG_R_INT, CTG_R_FLOAT, CTG_R_BOOL, CTG_R_TABLE };

struct ctg_rval {
    enum ctg_rtype type;
    const char *s; /* CTG_R_STR: NUL-terminated text, n bytes; CTG_R_FLOAT of 2^53 or more: the
                    * number as written, when the reader has it (it decides exactness) */
    size_t n;
    long long i;   /* CTG_R_INT, CTG_R_BOOL */
    double d;      /* CTG_R_FLOAT */
};

/* The fields of an indicator row that are not dimensions, in rows.RESERVED's order. */
enum ctg_field {
    CTG_F_INDICATOR, CTG_F_PERIOD, CTG_F_TERRITORY, CTG_F_VALUE, CTG_F_NUMERATOR,
    CTG_F_DENOMINATOR, CTG_F_RESPONDENTS, CTG_F_TEXT, CTG_F_MISSING, CTG_F_NOTE, CTG_F_SOURCE,
    CTG_F_COUNT
};

struct ctg_raw_dim {
    const char *name; /* NUL-terminated */
    struct ctg_rval v;
};

struct ctg_raw {
    struct ctg_rval f[CTG_F_COUNT];
    int ndims;
    struct ctg_raw_dim dims[CTG_RAW_MAX_DIMS];
    const char *extra_dim; /* the first key beyond CTG_RAW_MAX_DIMS dimensions, else NULL */
};

/* The field a key names (CTG_F_COUNT for a dimension). */
enum ctg_field ctg_field_of(const char *key, size_t len);

/* Empty raw for the next row. */
void ctg_raw_clear(struct ctg_raw *raw);

/* A row of a file without a territory column takes the territory given for the whole file
 * (ctg import --territory): territory, len bytes, or NULL for none. */
static inline void ctg_raw_default_territory(struct ctg_raw *raw, int has_territory, const char *territory,
                                             size_t len)
{
    if (has_territory || !territory) return;
    raw->f[CTG_F_TERRITORY].type = CTG_R_STR;
    raw->f[CTG_F_TERRITORY].s = territory;
    raw->f[CTG_F_TERRITORY].n = len;
}

/* What is wrong with a row, one code a rule (ctg.rows words them: message rows.NAME, NAME
 * from ctg_judge_code_name). All are errors but CTG_J_SHARE, a warning. */
enum ctg_judge_code {
    CTG_J_MISSING_INDICATOR, CTG_J_UNKNOWN_INDICATOR, CTG_J_MISSING_PERIOD, CTG_J_BAD_PERIOD,
    CTG_J_PERIOD_OUTSIDE, CTG_J_MISSING_TERRITORY, CTG_J_TERRITORY, CTG_J_NO_DIMENSION, CTG_J_DIM_TYPE,
    CTG_J_UNKNOWN_STEP, CTG_J_UNKNOWN_ACTION, CTG_J_NOT_FINITE, CTG_J_NOT_NUMBER, CTG_J_TOO_BIG, CTG_J_NEGATIVE,
    CTG_J_RESPONDENTS_TYPE, CTG_J_TEXT_TYPE, CTG_J_MISSING_TYPE, CTG_J_NOTE_TYPE, CTG_J_SOURCE_TYPE,
    CTG_J_MISSING_WITH, CTG_J_RESPONDENTS_KIND, CTG_J_RATIO_TEXT, CTG_J_RATIO_BOTH, CTG_J_RATIO_VALUE,
    CTG_J_QUALITATIVE, CTG_J_SCORE_VALUE, CTG_J_SCORE_TEXT, CTG_J_SCORE_DENOMINATOR, CTG_J_SCORE_RESPONDENTS,
    CTG_J_KIND_RATIO, CTG_J_KIND_VALUE, CTG_J_KIND_ONLY, CTG_J_COUNT_WHOLE, CTG_J_TOO_MANY_DIMS, CTG_J_SHARE,
    CTG_J_COUNT
};

/* "missing-indicator", …: the code's name as ctg.rows and the catalogue know it. */
const char *ctg_judge_code_name(enum ctg_judge_code code);

/* One finding: its code, the field (a field's name or a dimension's), the values at fault
 * (CTG_R_ABSENT when none). */
struct ctg_finding {
    enum ctg_judge_code code;
    const char *field;
    struct ctg_rval value, value2;
};

/* The row normalised: key = plan_id, record (value, numerator, denominator), subject, period,
 * territory, dims; the numbers value, numerator, denominator (a score's respondents as its
 * denominator); the texts (NULL when absent). Valid until the next row. */
struct ctg_obs {
    const char *key[6];
    size_t key_len[6];
    int has_number[3];
    double number[3];
    const char *text, *missing, *note, *source;
};

/* The verdict of the last row: errors (the row is refused), warnings; the indicator's id and
 * kind when the row named a known one (else NULL). */
struct ctg_verdict {
    const struct ctg_finding *errors, *warnings;
    int nerrors, nwarnings;
    const char *indicator, *kind;
};

struct ctg_judge_core;

/* A territory named otherwise than by its code (its title, folded case and accents): fn says
 * which territory code it names (*code, *len: alive until the next call) and returns 1, or
 * returns 0 when it names none. The judge remembers the answer for the next rows. */
typedef int (*ctg_territory_fn)(void *ctx, const struct ctg_rval *name, const char **code, size_t *len);

/* A new judge of plan_id whose observations fall in the years earliest..latest, no
 * territory, indicator, step or action yet; NULL when out of memory. */
struct ctg_judge_core *ctg_judge_core_new(const char *plan_id, int earliest, int latest);
void ctg_judge_core_free(struct ctg_judge_core *j);

/* What the plan declares (a name already there is kept once): territories (by code), steps,
 * actions; the territory of rows that name none (the plan's only root: CTG_ERR_SPEC when it
 * is not a territory added before). */
enum ctg_error ctg_judge_core_territory(struct ctg_judge_core *j, const char *code, size_t len);
enum ctg_error ctg_judge_core_step(struct ctg_judge_core *j, const char *code, size_t len);
enum ctg_error ctg_judge_core_action(struct ctg_judge_core *j, const char *code, size_t len);
enum ctg_error ctg_judge_core_city(struct ctg_judge_core *j, const char *code, size_t len);

/* The figures a row of an indicator gives, as its kind declares them (ctg.kinds: rows). */
enum ctg_row_shape { CTG_ROWS_VALUE, CTG_ROWS_RATIO, CTG_ROWS_SCORE, CTG_ROWS_TEXT };

/* An indicator (id, its kind's name for the messages, the shape of its rows, whether its value
 * is whole: a count) and its dimensions. *at: the indicator's number, for
 * ctg_judge_core_dimension. */
enum ctg_error ctg_judge_core_indicator(struct ctg_judge_core *j, const char *id, size_t len, const char *kind,
                                        enum ctg_row_shape rows, int whole, int *at);
enum ctg_error ctg_judge_core_dimension(struct ctg_judge_core *j, int at, const char *name, size_t len);

/* How names that are not codes are resolved (without it, they name no territory). */
void ctg_judge_core_resolver(struct ctg_judge_core *j, ctg_territory_fn fn, void *ctx);

/* Judge raw: the normalised row and the verdict (ctg_judge_core_obs, _verdict). CTG_OK, or
 * CTG_ERR_NOMEM (the verdict then says nothing). */
enum ctg_error ctg_judge_row(struct ctg_judge_core *j, const struct ctg_raw *raw);

const struct ctg_obs *ctg_judge_core_obs(const struct ctg_judge_core *j);
struct ctg_verdict ctg_judge_core_verdict(const struct ctg_judge_core *j);

#endif
