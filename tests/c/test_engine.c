/* The evaluation engine's core (core/engine.c) with no Lua: a plan of our own (an EPCI,
 * "cc-des-lacs", of three communes), rows given by a fake storage engine in memory, the
 * engine's callbacks answered in C. It shows the roll-up over the tree (a ratio as
 * Σ numerators / Σ denominators, a count with a member without rows: partial, naming it; a
 * max kind), a target's status (on track, behind) and that a callback's failure comes back
 * as its code. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/engine.h"

#include "fake_store.h"

static const char *const PLANS[] = {"ctg-lacs-2023-2026", NULL};
enum { S_TAUX = 1, S_PLACES, S_GRANDE, S_ACCUEILS_A, S_ACCUEILS_B };
static const char *const SUBJECTS[] = {"taux_couverture", "places_creche", "plus_grande_structure",
                                       "accueils_a", "accueils_b", NULL};
enum { P_2022 = 1, P_2024 };
static const char *const PERIODS[] = {"2022", "2024", NULL};
enum { T_EPCI = 1, T_A, T_B, T_C };
static const char *const TERRITORIES[] = {"cc-des-lacs", "lac-amont", "lac-bleu", "lac-clair", NULL};
static const char *const DIMS[] = {"", NULL};

static struct ctg_scan_row values[16], parts[6];

static void rows_init(struct fake *f)
{
    int n = 0; /* places_creche in 2024: lac-clair has no row */
    values[n++] = value_row(1, S_PLACES, P_2024, T_A, 1, 24);
    values[n++] = value_row(2, S_PLACES, P_2024, T_B, 1, 18);
    values[n++] = value_row(3, S_GRANDE, P_2024, T_A, 1, 12);
    values[n++] = value_row(4, S_GRANDE, P_2024, T_B, 1, 40);
    values[n++] = value_row(5, S_GRANDE, P_2024, T_C, 1, 25);
    /* accueils_a: 100 in 2022, 130 in 2024, toward 160 in 2026 (half the way, half the time) */
    values[n++] = value_row(6, S_ACCUEILS_A, P_2022, T_A, 1, 60);
    values[n++] = value_row(7, S_ACCUEILS_A, P_2022, T_B, 1, 40);
    values[n++] = value_row(8, S_ACCUEILS_A, P_2024, T_A, 1, 75);
    values[n++] = value_row(9, S_ACCUEILS_A, P_2024, T_B, 1, 55);
    /* accueils_b: 100 in 2022, 110 in 2024, toward 160: a sixth of the way at half the time */
    values[n++] = value_row(10, S_ACCUEILS_B, P_2022, T_C, 1, 100);
    values[n++] = value_row(11, S_ACCUEILS_B, P_2024, T_C, 1, 110);
    f->values = values, f->nvalues = (size_t)n;
    int m = 0;
    parts[m++] = part_row(20, S_TAUX, P_2024, T_A, 5, 30);
    parts[m++] = part_row(21, S_TAUX, P_2024, T_A, 6, 100);
    parts[m++] = part_row(22, S_TAUX, P_2024, T_B, 5, 10);
    parts[m++] = part_row(23, S_TAUX, P_2024, T_B, 6, 50);
    parts[m++] = part_row(24, S_TAUX, P_2024, T_C, 5, 20);
    parts[m++] = part_row(25, S_TAUX, P_2024, T_C, 6, 150);
    f->parts = parts, f->nparts = (size_t)m;
}

/* ---- the binding's side, in C ------------------------------------------------------------ */

struct host {
    struct fake store;
    int fail_after_as_of, asked_after_as_of;
};

static enum ctg_error read_window(void *ud, struct kernel *k, const struct ctg_window *w)
{
    struct host *h = ud;
    struct ctg_engine_error err;
    return ctg_kernel_scan_window(k, &h->store.base, "ctg-lacs-2023-2026", w, &err) == CTG_ENGINE_OK
               ? CTG_OK : CTG_ERR_CALLBACK;
}

static enum ctg_error read_dims(void *ud, struct kernel *k, const char *indicator)
{
    struct host *h = ud;
    struct ctg_engine_error err;
    return ctg_kernel_scan(k, &h->store.base, "ctg-lacs-2023-2026", indicator, 1, &err) == CTG_ENGINE_OK
               ? CTG_OK : CTG_ERR_CALLBACK;
}

static enum ctg_error after_as_of(void *ud, const char *period, int *after)
{
    struct host *h = ud;
    h->asked_after_as_of++;
    if (h->fail_after_as_of) return CTG_ERR_CALLBACK;
    *after = strcmp(period, "2025") >= 0;
    return CTG_OK;
}

static enum ctg_error missing_reason(void *ud, int64_t row, struct ctg_buf *why)
{
    (void)ud, (void)row, (void)why;
    return CTG_OK;
}

static enum ctg_error text_row(void *ud, int64_t row, int *found, struct ctg_buf *text, struct ctg_buf *source,
                               struct ctg_buf *date)
{
    (void)ud, (void)row, (void)text, (void)source, (void)date;
    *found = 0;
    return CTG_OK;
}

static const char *const REASONS[R_COUNT] = {"", "aucune donnée", "manquant", "dénominateur nul", "pas de base",
                                             "base nulle", "pas commencé", "ratio incomplet", "non défini",
                                             "non agrégeable", "publié seulement", "agrégation incomplète"};
static const char *const TEXTS[X_COUNT] = {"%s", "%s %s", "publié", "non pondéré %s", "sans base", "sans période",
                                           "partiel : %s sur %s territoires"};
static const char *const STATUSES[S_COUNT] = {"", "atteint", "en bonne voie", "en retard", "en recul",
                                              "non atteint", "non disponible"};

static uint32_t id(struct ctg_eng *E, const char *s) { return ctg_eng_intern(E, s, strlen(s)); }

static void add(struct ctg_eng *E, const char *name, const char *acc, const struct ctg_eng_target *targets,
                uint32_t ntargets)
{
    struct ctg_eng_indicator ind;
    memset(&ind, 0, sizeof ind);
    ind.name = id(E, name), ind.unit = CTG_ENG_NONE, ind.baseline = CTG_ENG_NONE;
    ind.ops = ctg_kind_find(acc, strlen(acc));
    ind.time = T_SUM, ind.scale = 100, ind.defined = 1, ind.start = 2023;
    ind.root_target = strcmp(acc, "sum") == 0;
    assert_int_equal(ctg_eng_add_indicator(E, &ind, targets, ntargets), CTG_OK);
}

/* The engine over the plan of the lakes, loaded; NULL when loading failed (code in *code). */
static void store_init(struct host *h)
{
    memset(h, 0, sizeof *h);
    h->store.base.ops = &FAKE_OPS;
    h->store.base.path = "fake.db";
    h->store.dict[CTG_DICT_PLAN] = PLANS;
    h->store.dict[CTG_DICT_SUBJECT] = SUBJECTS;
    h->store.dict[CTG_DICT_PERIOD] = PERIODS;
    h->store.dict[CTG_DICT_TERRITORY] = TERRITORIES;
    h->store.dict[CTG_DICT_DIMS] = DIMS;
    rows_init(&h->store);
}

static struct ctg_eng *lakes(struct host *h, enum ctg_error *code)
{
    store_init(h);
    struct ctg_engine_env env = {h, read_window, read_dims, after_as_of, missing_reason, text_row};
    struct ctg_eng *E = ctg_eng_create(&env, 0);
    assert_non_null(E);
    assert_int_equal(ctg_eng_set_words(E, REASONS, TEXTS, STATUSES), CTG_OK);
    uint32_t epci = id(E, "cc-des-lacs");
    add(E, "taux_couverture", "ratio", NULL, 0);
    add(E, "places_creche", "sum", NULL, 0);
    add(E, "plus_grande_structure", "max", NULL, 0);
    struct ctg_eng_target t160 = {id(E, "2026"), 0, 0, 1, 160};
    add(E, "accueils_a", "sum", &t160, 1);
    add(E, "accueils_b", "sum", &t160, 1);
    uint32_t communes[3] = {id(E, "lac-amont"), id(E, "lac-bleu"), id(E, "lac-clair")};
    assert_int_equal(ctg_eng_add_place(E, epci, id(E, "CC des Lacs"), communes, 3), CTG_OK);
    *code = ctg_eng_load(E, 2023, epci);
    if (*code != CTG_OK) {
        ctg_eng_destroy(E);
        return NULL;
    }
    return E;
}

static const struct ctg_eng_result *value_of(struct ctg_eng *E, const char *ind, const char *period,
                                             const char *territory)
{
    const struct ctg_eng_indicator *in = ctg_eng_indicator(E, id(E, ind));
    assert_non_null(in);
    assert_int_equal(ctg_eng_value(E, in, id(E, period), id(E, territory), 0, 0, &E->res), CTG_OK);
    return &E->res;
}

/* ---- the tests ------------------------------------------------------------------------- */

static void ratio_is_sum_over_sum(void **state)
{
    (void)state;
    struct host h;
    enum ctg_error code;
    struct ctg_eng *E = lakes(&h, &code);
    assert_non_null(E);
    const struct ctg_eng_result *r = value_of(E, "taux_couverture", "2024", "cc-des-lacs");
    assert_true(r->has_value && r->has_num && r->has_den);
    assert_true(r->numerator == 60 && r->denominator == 300);
    /* 60 / 300 = 20 %, not the mean of the communes' 30 %, 20 % and 13,3 % (21,1 %) */
    assert_true(fabs(r->value - 20) < 1e-9);
    assert_true(r->rollup && !r->partial);
    assert_int_equal(r->members, 3);
    r = value_of(E, "taux_couverture", "2024", "lac-bleu");
    assert_true(fabs(r->value - 20) < 1e-9);
    ctg_eng_destroy(E);
}

static void count_with_a_missing_member_is_partial(void **state)
{
    (void)state;
    struct host h;
    enum ctg_error code;
    struct ctg_eng *E = lakes(&h, &code);
    const struct ctg_eng_result *r = value_of(E, "places_creche", "2024", "cc-des-lacs");
    assert_true(r->has_value);
    assert_true(r->value == 42 && r->value_int);
    assert_true(r->rollup && r->partial);
    assert_int_equal(r->members, 3);
    assert_int_equal(r->with_data, 2);
    int has;
    assert_int_equal(ctg_eng_note(E, r, &E->scratch, &has), CTG_OK);
    assert_true(has);
    assert_string_equal(E->scratch.s, "partiel : 2 sur 3 territoires");
    const struct ctg_eng_indicator *in = ctg_eng_indicator(E, id(E, "places_creche"));
    const struct ctg_eng_gap *gaps;
    uint32_t n;
    assert_int_equal(ctg_eng_gaps(E, in, id(E, "2024"), id(E, "cc-des-lacs"), 0, &gaps, &n), CTG_OK);
    assert_int_equal(n, 1);
    assert_string_equal(ctg_eng_text(E, gaps[0].member), "lac-clair");
    assert_int_equal(gaps[0].why, R_NO_OBSERVATION);
    const uint32_t *list;
    assert_int_equal(ctg_eng_without_data(E, in, id(E, "2024"), id(E, "cc-des-lacs"), 0, &list, &n), CTG_OK);
    assert_int_equal(n, 1);
    assert_string_equal(ctg_eng_text(E, list[0]), "lac-clair");
    ctg_eng_destroy(E);
}

static void max_kind_takes_the_highest(void **state)
{
    (void)state;
    struct host h;
    enum ctg_error code;
    struct ctg_eng *E = lakes(&h, &code);
    const struct ctg_eng_result *r = value_of(E, "plus_grande_structure", "2024", "cc-des-lacs");
    assert_true(r->has_value && r->value == 40);
    assert_false(r->partial);
    ctg_eng_destroy(E);
}

static void target_on_track_and_behind(void **state)
{
    (void)state;
    struct host h;
    enum ctg_error code;
    struct ctg_eng *E = lakes(&h, &code);
    const struct ctg_eng_result *r = value_of(E, "accueils_a", "2024", "cc-des-lacs");
    assert_true(r->value == 130 && r->has_target && r->target == 160);
    assert_true(r->has_base_value && r->base_value == 100);
    assert_string_equal(ctg_eng_text(E, r->base_period), "2022");
    assert_true(fabs(r->progress - 0.5) < 1e-9 && fabs(r->expected - 0.5) < 1e-9);
    assert_int_equal(r->status, S_ON_TRACK);
    assert_int_equal(r->rule, U_STRAIGHT_PATH);
    assert_string_equal(E->statuses[r->status], "en bonne voie");
    r = value_of(E, "accueils_b", "2024", "cc-des-lacs");
    assert_true(r->value == 110);
    assert_int_equal(r->status, S_BEHIND);
    assert_string_equal(E->statuses[r->status], "en retard");
    /* a count's target is the EPCI's total: a commune is not judged against it */
    r = value_of(E, "accueils_a", "2024", "lac-amont");
    assert_false(r->has_target);
    assert_int_equal(r->status, S_NONE);
    ctg_eng_destroy(E);
}

static void failing_callback_returns_its_code(void **state)
{
    (void)state;
    struct host h;
    enum ctg_error code;
    struct ctg_eng *E = lakes(&h, &code);
    /* nothing stored in 2025: the engine asks whether it has started, and the answer fails */
    h.fail_after_as_of = 1;
    const struct ctg_eng_indicator *in = ctg_eng_indicator(E, id(E, "places_creche"));
    code = ctg_eng_value(E, in, id(E, "2025"), id(E, "lac-amont"), 0, 0, &E->res);
    assert_int_equal(code, CTG_ERR_CALLBACK);
    assert_int_equal(h.asked_after_as_of, 1);
    /* the engine is still usable: the next value is right */
    h.fail_after_as_of = 0;
    const struct ctg_eng_result *r = value_of(E, "places_creche", "2025", "lac-amont");
    assert_false(r->has_value);
    assert_int_equal(r->reason, R_NOT_STARTED);
    assert_string_equal(r->reason_text.s, "pas commencé");
    ctg_eng_destroy(E);
}

static void failing_read_at_load_returns_its_code(void **state)
{
    (void)state;
    struct host h;
    store_init(&h);
    h.store.fail_scan = 1;
    struct ctg_engine_env env = {&h, read_window, read_dims, after_as_of, missing_reason, text_row};
    struct ctg_eng *E = ctg_eng_create(&env, 0);
    assert_non_null(E);
    assert_int_equal(ctg_eng_set_words(E, REASONS, TEXTS, STATUSES), CTG_OK);
    add(E, "places_creche", "sum", NULL, 0);
    assert_int_equal(ctg_eng_load(E, 2023, CTG_ENG_NONE), CTG_ERR_CALLBACK);
    ctg_eng_destroy(E);
}

static void unknown_accumulator_is_refused(void **state)
{
    (void)state;
    struct host h;
    memset(&h, 0, sizeof h);
    struct ctg_engine_env env = {&h, read_window, read_dims, after_as_of, missing_reason, text_row};
    struct ctg_eng *E = ctg_eng_create(&env, 0);
    struct ctg_eng_indicator ind;
    memset(&ind, 0, sizeof ind);
    ind.name = id(E, "mediane_revenus"), ind.baseline = CTG_ENG_NONE;
    ind.ops = ctg_kind_find("median", 6); /* no such accumulator */
    assert_null(ind.ops);
    assert_int_equal(ctg_eng_add_indicator(E, &ind, NULL, 0), CTG_ERR_SPEC);
    assert_string_equal(ctg_eng_fault(E)->detail, "indicator.accumulator");
    ctg_eng_destroy(E);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ratio_is_sum_over_sum),
        cmocka_unit_test(count_with_a_missing_member_is_partial),
        cmocka_unit_test(max_kind_takes_the_highest),
        cmocka_unit_test(target_on_track_and_behind),
        cmocka_unit_test(failing_callback_returns_its_code),
        cmocka_unit_test(failing_read_at_load_returns_its_code),
        cmocka_unit_test(unknown_accumulator_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
