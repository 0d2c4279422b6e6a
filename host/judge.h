/* The judge of indicator observation rows (host/lua/judge.c): the one place where an
 * observation row is checked against a plan, whichever way it arrives (a YAML file read
 * event by event, a CSV file, a Lua table from db:put or the REPL). It returns a verdict of
 * codes (which rule, which field, which values); ctg.rows turns codes into sentences
 * through the message catalogue, so the rules are written once, in C, and the words once,
 * in Lua.
 *
 * Readers fill a struct ctg_raw (the row's fields as typed scalars, strings owned by the
 * reader) and call ctg_judge_put; the judge normalises the row (period text, territory code,
 * dimension text), stores it through ctg_store_put and reports what went wrong, if anything,
 * as a verdict the caller pushes to Lua with ctg_judge_push_verdict. */
#ifndef CTG_JUDGE_H
#define CTG_JUDGE_H

#include <lua.h>
#include <stddef.h>

#define CTG_JUDGE_MT "ctg.Judge"
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

/* Judge raw (line: where it is, for the store) against the judge at judge_idx and store it
 * with the store and import the judge was bound to (judge:bind). Raises on SQLite errors. */
/* A Lua value (at idx) as a row field: nil absent, strings kept alive by the caller's stack. */
void ctg_rval_from_lua(lua_State *L, int idx, struct ctg_rval *v);

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

#endif
