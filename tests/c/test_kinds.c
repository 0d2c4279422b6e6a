/* The accumulators of the indicator kinds (host/core/kinds.c), without Lua: found by the
 * names the registry (stdlib/ctg/kinds.lua) gives, each kind's arithmetic over cells
 * (accumulate), territories (merge) and to a value or a reason (finish). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/kinds.h"

static const struct ctg_kind_ops *find(const char *name)
{
    const struct ctg_kind_ops *k = ctg_kind_find(name, strlen(name));
    if (!k) fail_msg("no accumulator '%s'", name);
    return k;
}

/* A running value of one cell holding value v (an integer or not). */
static struct ctg_acc one_value(const struct ctg_kind_ops *k, double v, int is_int)
{
    struct ctg_acc a;
    memset(&a, 0, sizeof a);
    struct ctg_kind_cell c;
    memset(&c, 0, sizeof c);
    c.n = 1, c.values = 1, c.value = v, c.ints = is_int ? CTG_ACC_VALUE : 0;
    k->accumulate(&a, &c);
    a.present = 1;
    return a;
}

static void every_registry_name_is_found_and_unknown_ones_are_not(void **state)
{
    (void)state;
    const char *names[] = {"sum", "ratio", "evolution", "score", "text", "max"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) assert_non_null(find(names[i]));
    assert_null(ctg_kind_find("median", 6));
    assert_null(ctg_kind_find("su", 2)); /* a prefix is not a name */
    assert_null(ctg_kind_find(NULL, 0));
    int n = 0;
    for (const char *const *p = ctg_kind_names(); *p; p++) n++;
    assert_int_equal(n, 6);
    assert_int_equal(find("max")->shape, CTG_SHAPE_VALUE);
    assert_int_equal(find("text")->shape, CTG_SHAPE_TEXT);
}

static void max_merges_to_the_highest_member_keeping_its_integer_flag(void **state)
{
    (void)state;
    const struct ctg_kind_ops *k = find("max");
    struct ctg_acc total;
    memset(&total, 0, sizeof total);
    struct ctg_acc a = one_value(k, 48, 1), b = one_value(k, 60.5, 0), c = one_value(k, 12, 1);
    k->merge(&total, &a);
    k->merge(&total, &b);
    k->merge(&total, &c);
    struct ctg_kind_out out;
    struct ctg_kind_param p = {1, 0, 0, 0};
    assert_int_equal(k->finish(&total, &p, &out), CTG_KIND_OK);
    assert_true(out.value == 60.5);
    assert_int_equal(out.value_int, 0);
    assert_int_equal(total.n, 3);
    /* an integer highest after a decimal one: the integer flag follows the winner */
    struct ctg_acc d = one_value(k, 70, 1);
    k->merge(&total, &d);
    k->finish(&total, &p, &out);
    assert_true(out.value == 70);
    assert_int_equal(out.value_int, 1);
}

static void sum_merges_to_the_total(void **state)
{
    (void)state;
    const struct ctg_kind_ops *k = find("sum");
    struct ctg_acc total;
    memset(&total, 0, sizeof total);
    struct ctg_acc a = one_value(k, 48, 1), b = one_value(k, 60, 1);
    k->merge(&total, &a);
    k->merge(&total, &b);
    struct ctg_kind_out out;
    struct ctg_kind_param p = {1, 0, 0, 0};
    assert_int_equal(k->finish(&total, &p, &out), CTG_KIND_OK);
    assert_true(out.value == 108);
    assert_int_equal(out.value_int, 1);
}

static void a_member_without_value_gives_no_observation(void **state)
{
    (void)state;
    struct ctg_acc empty;
    memset(&empty, 0, sizeof empty);
    struct ctg_kind_out out;
    struct ctg_kind_param p = {1, 0, 0, 0};
    assert_int_equal(find("max")->finish(&empty, &p, &out), CTG_KIND_NO_OBSERVATION);
    assert_int_equal(out.has_value, 0);
    assert_int_equal(find("score")->finish(&empty, &p, &out), CTG_KIND_NO_OBSERVATION);
    assert_int_equal(find("text")->finish(&empty, &p, &out), CTG_KIND_TEXT);
}

static void ratio_is_sums_over_sums_never_a_division_by_zero(void **state)
{
    (void)state;
    const struct ctg_kind_ops *k = find("ratio");
    struct ctg_acc total;
    memset(&total, 0, sizeof total);
    struct ctg_kind_cell c;
    memset(&c, 0, sizeof c);
    struct ctg_acc a, b;
    memset(&a, 0, sizeof a), memset(&b, 0, sizeof b);
    c.n = 1, c.has_numerator = 1, c.has_denominator = 1, c.numerator = 1, c.denominator = 1;
    c.ints = CTG_ACC_NUM | CTG_ACC_DEN;
    k->accumulate(&a, &c);
    c.numerator = 0, c.denominator = 99;
    k->accumulate(&b, &c);
    k->merge(&total, &a);
    k->merge(&total, &b);
    struct ctg_kind_out out;
    struct ctg_kind_param p = {100, 0, 0, 0};
    assert_int_equal(k->finish(&total, &p, &out), CTG_KIND_OK);
    assert_true(out.value == 1.0); /* 1 / 100 × 100, not the mean of 100 % and 0 % */
    assert_true(out.numerator == 1 && out.denominator == 100);
    struct ctg_acc zero;
    memset(&zero, 0, sizeof zero);
    c.numerator = 0, c.denominator = 0;
    k->accumulate(&zero, &c);
    assert_int_equal(k->finish(&zero, &p, &out), CTG_KIND_ZERO_DENOMINATOR);
    assert_int_equal(out.has_value, 0);
    struct ctg_acc part;
    memset(&part, 0, sizeof part);
    c.has_denominator = 0;
    k->accumulate(&part, &c);
    assert_int_equal(k->finish(&part, &p, &out), CTG_KIND_INCOMPLETE_RATIO);
}

static void a_published_rate_is_left_out_of_a_sum(void **state)
{
    (void)state;
    const struct ctg_kind_ops *k = find("ratio");
    struct ctg_acc total, published;
    memset(&total, 0, sizeof total);
    published = one_value(k, 38.5, 0);
    published.published = 1;
    k->merge(&total, &published);
    assert_int_equal(total.unaggregable, 1);
    assert_int_equal(total.has & CTG_ACC_VALUE, 0);
    assert_int_equal(total.n, 1);
}

static void evolution_needs_a_nonzero_baseline(void **state)
{
    (void)state;
    const struct ctg_kind_ops *k = find("evolution");
    struct ctg_acc a = one_value(k, 120, 1);
    struct ctg_kind_out out;
    struct ctg_kind_param p = {1, 0, 0, 0};
    assert_int_equal(k->finish(&a, &p, &out), CTG_KIND_NO_BASELINE);
    assert_int_equal(out.has_num, 1); /* the period's value is shown beside the reason */
    p.has_base = 1, p.base = 0;
    assert_int_equal(k->finish(&a, &p, &out), CTG_KIND_ZERO_BASELINE);
    p.base = 100, p.base_int = 1;
    assert_int_equal(k->finish(&a, &p, &out), CTG_KIND_OK);
    assert_true(out.value == 1.2 && out.has_change && out.change > 0.1999 && out.change < 0.2001);
}

static void score_is_weighted_by_respondents_else_says_unweighted(void **state)
{
    (void)state;
    const struct ctg_kind_ops *k = find("score");
    struct ctg_acc a;
    memset(&a, 0, sizeof a);
    struct ctg_kind_cell c;
    memset(&c, 0, sizeof c);
    c.n = 1, c.values = 1, c.value = 4, c.weighted_values = 1, c.weighted = 40, c.has_denominator = 1, c.denominator = 10;
    k->accumulate(&a, &c);
    c.value = 2, c.weighted = 60, c.denominator = 30;
    k->accumulate(&a, &c);
    struct ctg_kind_out out;
    struct ctg_kind_param p = {1, 0, 0, 0};
    assert_int_equal(k->finish(&a, &p, &out), CTG_KIND_OK);
    assert_true(out.value == 2.5); /* (40 + 60) / 40, not (4 + 2) / 2 */
    assert_int_equal(out.unweighted, 0);
    struct ctg_acc u;
    memset(&u, 0, sizeof u);
    memset(&c, 0, sizeof c);
    c.n = 1, c.values = 1, c.value = 4;
    k->accumulate(&u, &c);
    c.value = 2;
    k->accumulate(&u, &c);
    k->finish(&u, &p, &out);
    assert_true(out.value == 3);
    assert_int_equal(out.unweighted, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_registry_name_is_found_and_unknown_ones_are_not),
        cmocka_unit_test(max_merges_to_the_highest_member_keeping_its_integer_flag),
        cmocka_unit_test(sum_merges_to_the_total),
        cmocka_unit_test(a_member_without_value_gives_no_observation),
        cmocka_unit_test(ratio_is_sums_over_sums_never_a_division_by_zero),
        cmocka_unit_test(a_published_rate_is_left_out_of_a_sum),
        cmocka_unit_test(evolution_needs_a_nonzero_baseline),
        cmocka_unit_test(score_is_weighted_by_respondents_else_says_unweighted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
