/* The judge of observation rows without Lua (host/core/judge.h), on a plan of its own: an
 * intercommunal plan with three communes, a count with two dimensions, a ratio and a score.
 * Rows refused with the right code and field, rows normalised (period, territory by name,
 * dimensions sorted and escaped), a warning that keeps the row, and the spec's own errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "core/judge.h"

static int resolved; /* calls of the resolver */

/* "Le Quesnoy" is the commune lq; anything else names none. */
static int resolve(void *ctx, const struct ctg_rval *name, const char **code, size_t *len)
{
    (void)ctx;
    resolved++;
    if (name->type == CTG_R_STR && strcmp(name->s, "Le Quesnoy") == 0) {
        *code = "lq", *len = 2;
        return 1;
    }
    return 0;
}

static struct ctg_judge_core *plan(void)
{
    struct ctg_judge_core *j = ctg_judge_core_new("pays-de-mormal", 2018, 2030);
    assert_non_null(j);
    const char *communes[] = {"cc-mormal", "lq", "bavay", "jolimetz"};
    for (int i = 0; i < 4; i++)
        assert_int_equal(ctg_judge_core_territory(j, communes[i], strlen(communes[i])), CTG_OK);
    assert_int_equal(ctg_judge_core_city(j, "cc-mormal", 9), CTG_OK);
    assert_int_equal(ctg_judge_core_step(j, "2-B", 3), CTG_OK);
    int at;
    assert_int_equal(ctg_judge_core_indicator(j, "enfants", 7, "count", CTG_ROWS_VALUE, 1, &at), CTG_OK);
    assert_int_equal(ctg_judge_core_dimension(j, at, "age", 3), CTG_OK);
    assert_int_equal(ctg_judge_core_dimension(j, at, "site", 4), CTG_OK);
    assert_int_equal(ctg_judge_core_indicator(j, "couverture", 10, "ratio", CTG_ROWS_RATIO, 0, &at), CTG_OK);
    assert_int_equal(ctg_judge_core_indicator(j, "satisfaction", 12, "score", CTG_ROWS_SCORE, 0, &at), CTG_OK);
    ctg_judge_core_resolver(j, resolve, NULL);
    return j;
}

static void str(struct ctg_rval *v, const char *s)
{
    v->type = CTG_R_STR, v->s = s, v->n = strlen(s);
}

static void num(struct ctg_rval *v, double d)
{
    v->type = CTG_R_FLOAT, v->d = d, v->s = NULL;
}

static void integer(struct ctg_rval *v, long long i)
{
    v->type = CTG_R_INT, v->i = i;
}

static void a_count_with_a_fraction_is_refused_on_its_value(void **state)
{
    (void)state;
    struct ctg_judge_core *j = plan();
    struct ctg_raw raw;
    ctg_raw_clear(&raw);
    str(&raw.f[CTG_F_INDICATOR], "enfants");
    integer(&raw.f[CTG_F_PERIOD], 2024);
    str(&raw.f[CTG_F_TERRITORY], "bavay");
    num(&raw.f[CTG_F_VALUE], 12.5);
    assert_int_equal(ctg_judge_row(j, &raw), CTG_OK);
    struct ctg_verdict v = ctg_judge_core_verdict(j);
    assert_int_equal(v.nerrors, 1);
    assert_int_equal(v.errors[0].code, CTG_J_COUNT_WHOLE);
    assert_string_equal(ctg_judge_code_name(v.errors[0].code), "count-whole");
    assert_string_equal(v.errors[0].field, "value");
    assert_true(v.errors[0].value.d == 12.5);
    assert_string_equal(v.indicator, "enfants");
    assert_string_equal(v.kind, "count");
    ctg_judge_core_free(j);
}

static void unknown_names_are_refused_each_with_its_code(void **state)
{
    (void)state;
    struct ctg_judge_core *j = plan();
    struct ctg_raw raw;
    ctg_raw_clear(&raw);
    str(&raw.f[CTG_F_INDICATOR], "enfant");
    str(&raw.f[CTG_F_PERIOD], "2031");
    str(&raw.f[CTG_F_TERRITORY], "maubeuge");
    integer(&raw.f[CTG_F_VALUE], 4);
    assert_int_equal(ctg_judge_row(j, &raw), CTG_OK);
    struct ctg_verdict v = ctg_judge_core_verdict(j);
    assert_int_equal(v.nerrors, 3);
    assert_int_equal(v.errors[0].code, CTG_J_UNKNOWN_INDICATOR);
    assert_string_equal(v.errors[0].value.s, "enfant");
    assert_int_equal(v.errors[1].code, CTG_J_PERIOD_OUTSIDE);
    assert_string_equal(v.errors[1].value.s, "2031");
    assert_int_equal(v.errors[2].code, CTG_J_TERRITORY);
    assert_string_equal(v.errors[2].field, "territory");
    assert_null(v.indicator);
    /* a month 13 is not a period */
    str(&raw.f[CTG_F_INDICATOR], "enfants");
    str(&raw.f[CTG_F_PERIOD], "2024-13");
    str(&raw.f[CTG_F_TERRITORY], "lq");
    assert_int_equal(ctg_judge_row(j, &raw), CTG_OK);
    v = ctg_judge_core_verdict(j);
    assert_int_equal(v.nerrors, 1);
    assert_int_equal(v.errors[0].code, CTG_J_BAD_PERIOD);
    ctg_judge_core_free(j);
}

static void a_row_is_normalised_for_the_store(void **state)
{
    (void)state;
    struct ctg_judge_core *j = plan();
    struct ctg_raw raw;
    ctg_raw_clear(&raw);
    str(&raw.f[CTG_F_INDICATOR], "enfants");
    num(&raw.f[CTG_F_PERIOD], 2024.0);
    str(&raw.f[CTG_F_TERRITORY], "Le Quesnoy");
    integer(&raw.f[CTG_F_VALUE], 31);
    raw.ndims = 2;
    raw.dims[0].name = "site";
    str(&raw.dims[0].v, "halte;bourg");
    raw.dims[1].name = "age";
    integer(&raw.dims[1].v, 3);
    resolved = 0;
    assert_int_equal(ctg_judge_row(j, &raw), CTG_OK);
    struct ctg_verdict v = ctg_judge_core_verdict(j);
    assert_int_equal(v.nerrors, 0);
    assert_int_equal(v.nwarnings, 0);
    const struct ctg_obs *o = ctg_judge_core_obs(j);
    assert_string_equal(o->key[0], "pays-de-mormal");
    assert_string_equal(o->key[1], "value");
    assert_string_equal(o->key[2], "enfants");
    assert_string_equal(o->key[3], "2024"); /* the float 2024.0 as the year's text */
    assert_string_equal(o->key[4], "lq");   /* the name resolved to its code */
    /* sorted by name, ';' escaped in a value, a number as Lua writes it */
    assert_string_equal(o->key[5], "age=3;site=halte%3Bbourg");
    assert_int_equal(o->key_len[5], strlen("age=3;site=halte%3Bbourg"));
    assert_true(o->has_number[0] && o->number[0] == 31);
    assert_int_equal(resolved, 1);
    /* the name is remembered: a second row does not ask again */
    assert_int_equal(ctg_judge_row(j, &raw), CTG_OK);
    assert_int_equal(resolved, 1);
    /* no territory: the plan's root */
    raw.f[CTG_F_TERRITORY].type = CTG_R_ABSENT;
    raw.ndims = 0;
    assert_int_equal(ctg_judge_row(j, &raw), CTG_OK);
    assert_string_equal(ctg_judge_core_obs(j)->key[4], "cc-mormal");
    ctg_judge_core_free(j);
}

static void dimensions_and_content_follow_the_indicator(void **state)
{
    (void)state;
    struct ctg_judge_core *j = plan();
    struct ctg_raw raw;
    ctg_raw_clear(&raw);
    str(&raw.f[CTG_F_INDICATOR], "couverture");
    integer(&raw.f[CTG_F_PERIOD], 2022);
    str(&raw.f[CTG_F_TERRITORY], "jolimetz");
    integer(&raw.f[CTG_F_NUMERATOR], 40);
    integer(&raw.f[CTG_F_DENOMINATOR], 25);
    /* a share above one: stored, with a warning */
    assert_int_equal(ctg_judge_row(j, &raw), CTG_OK);
    struct ctg_verdict v = ctg_judge_core_verdict(j);
    assert_int_equal(v.nerrors, 0);
    assert_int_equal(v.nwarnings, 1);
    assert_int_equal(v.warnings[0].code, CTG_J_SHARE);
    assert_int_equal(v.warnings[0].value.i, 40);
    assert_int_equal(v.warnings[0].value2.i, 25);
    /* a numerator alone is a part of its own record */
    raw.f[CTG_F_DENOMINATOR].type = CTG_R_ABSENT;
    assert_int_equal(ctg_judge_row(j, &raw), CTG_OK);
    assert_int_equal(ctg_judge_core_verdict(j).nerrors, 0);
    assert_string_equal(ctg_judge_core_obs(j)->key[1], "numerator");
    /* a dimension the ratio does not have; a negative numerator */
    integer(&raw.f[CTG_F_NUMERATOR], -1);
    raw.ndims = 1;
    raw.dims[0].name = "age";
    str(&raw.dims[0].v, "0-2");
    assert_int_equal(ctg_judge_row(j, &raw), CTG_OK);
    v = ctg_judge_core_verdict(j);
    assert_int_equal(v.nerrors, 2);
    assert_int_equal(v.errors[0].code, CTG_J_NO_DIMENSION);
    assert_string_equal(v.errors[0].field, "age");
    assert_int_equal(v.errors[1].code, CTG_J_NEGATIVE);
    assert_string_equal(v.errors[1].field, "numerator");
    /* a score's respondents that contradict its denominator */
    ctg_raw_clear(&raw);
    str(&raw.f[CTG_F_INDICATOR], "satisfaction");
    str(&raw.f[CTG_F_PERIOD], "2023-2024");
    num(&raw.f[CTG_F_VALUE], 4.2);
    integer(&raw.f[CTG_F_DENOMINATOR], 30);
    integer(&raw.f[CTG_F_RESPONDENTS], 28);
    assert_int_equal(ctg_judge_row(j, &raw), CTG_OK);
    v = ctg_judge_core_verdict(j);
    assert_int_equal(v.nerrors, 1);
    assert_int_equal(v.errors[0].code, CTG_J_SCORE_RESPONDENTS);
    ctg_judge_core_free(j);
}

static void a_spec_naming_what_is_not_there_is_refused(void **state)
{
    (void)state;
    struct ctg_judge_core *j = ctg_judge_core_new("p", 2020, 2025);
    assert_non_null(j);
    assert_int_equal(ctg_judge_core_territory(j, "a", 1), CTG_OK);
    assert_int_equal(ctg_judge_core_territory(j, "a", 1), CTG_OK); /* kept once */
    assert_int_equal(ctg_judge_core_city(j, "b", 1), CTG_ERR_SPEC);
    assert_int_equal(ctg_judge_core_dimension(j, 0, "age", 3), CTG_ERR_SPEC); /* no indicator 0 */
    /* no city: a row without territory is refused */
    int at;
    assert_int_equal(ctg_judge_core_indicator(j, "n", 1, "count", CTG_ROWS_VALUE, 1, &at), CTG_OK);
    struct ctg_raw raw;
    ctg_raw_clear(&raw);
    str(&raw.f[CTG_F_INDICATOR], "n");
    integer(&raw.f[CTG_F_PERIOD], 2021);
    integer(&raw.f[CTG_F_VALUE], 1);
    assert_int_equal(ctg_judge_row(j, &raw), CTG_OK);
    struct ctg_verdict v = ctg_judge_core_verdict(j);
    assert_int_equal(v.nerrors, 1);
    assert_int_equal(v.errors[0].code, CTG_J_MISSING_TERRITORY);
    /* without a resolver, a name that is no code names nothing */
    str(&raw.f[CTG_F_TERRITORY], "A");
    assert_int_equal(ctg_judge_row(j, &raw), CTG_OK);
    assert_int_equal(ctg_judge_core_verdict(j).errors[0].code, CTG_J_TERRITORY);
    ctg_judge_core_free(j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_count_with_a_fraction_is_refused_on_its_value),
        cmocka_unit_test(unknown_names_are_refused_each_with_its_code),
        cmocka_unit_test(a_row_is_normalised_for_the_store),
        cmocka_unit_test(dimensions_and_content_follow_the_indicator),
        cmocka_unit_test(a_spec_naming_what_is_not_there_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
