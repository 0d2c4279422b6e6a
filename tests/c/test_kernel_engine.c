/* The evaluation kernel (core/kernel.c) through the storage engine interface
 * (store/engine.h), with no Lua and no SQLite: a fake engine of rows in memory — the shape a
 * second engine (PostgreSQL) gives — shows what the kernel asks (the slice) and what it makes
 * of what it is given (cells, the parts of ratios paired, errors as values). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/kernel.h"

#include "fake_store.h"

static const char *const PLANS[] = {"ctg-vallee-2022-2026", NULL};
static const char *const SUBJECTS[] = {"creches_places", "taux_acces", NULL};
static const char *const PERIODS[] = {"2023", "2024-2025", NULL};
static const char *const TERRITORIES[] = {"bourg", "hameau", NULL};
static const char *const DIMS[] = {"", "public=ados", NULL};

static void fake_init(struct fake *f)
{
    memset(f, 0, sizeof *f);
    f->base.ops = &FAKE_OPS;
    f->base.path = "fake.db";
    f->dict[CTG_DICT_PLAN] = PLANS;
    f->dict[CTG_DICT_SUBJECT] = SUBJECTS;
    f->dict[CTG_DICT_PERIOD] = PERIODS;
    f->dict[CTG_DICT_TERRITORY] = TERRITORIES;
    f->dict[CTG_DICT_DIMS] = DIMS;
}

/* The cell of (indicator, period, territory) by text, its sums in *s; 0 when absent. */
static int cell_of(struct kernel *k, const char *ind, const char *per, const char *ter, struct ctg_sums *s)
{
    for (uint32_t i = 0; i < ctg_kernel_ncells(k); i++) {
        uint32_t key[4];
        ctg_kernel_cell(k, i, key, s);
        if (strcmp(ctg_kernel_string(k, key[0]), ind) == 0 && strcmp(ctg_kernel_string(k, key[1]), per) == 0 &&
            strcmp(ctg_kernel_string(k, key[2]), ter) == 0)
            return 1;
    }
    return 0;
}

/* ---- the tests ------------------------------------------------------------------------ */

static void sums_values_and_pairs_parts(void **state)
{
    (void)state;
    struct fake f;
    fake_init(&f);
    /* two dimension values of one count summed; a ratio given by its two parts; a part alone */
    struct ctg_scan_row values[] = {value_row(1, 1, 1, 1, 1, 7), value_row(2, 1, 1, 1, 2, 5),
                                    value_row(3, 1, 2, 2, 1, 3)};
    struct ctg_scan_row parts[] = {part_row(4, 2, 1, 1, 5, 30), part_row(5, 2, 1, 1, 6, 120),
                                   part_row(6, 2, 1, 2, 6, 80)};
    f.values = values, f.nvalues = 3, f.parts = parts, f.nparts = 3;
    struct kernel *k = ctg_kernel_create();
    assert_non_null(k);
    struct ctg_engine_error err;
    assert_int_equal(ctg_kernel_scan(k, &f.base, "ctg-vallee-2022-2026", NULL, 0, &err), CTG_ENGINE_OK);
    assert_int_equal(f.last.plan, 1);
    assert_null(f.last.subjects.ids); /* every indicator */
    assert_int_equal(f.last.records, CTG_RECORDS_VALUES);
    assert_int_equal(f.scans, 2);     /* the parts, then the values */
    struct ctg_sums s;
    assert_true(cell_of(k, "creches_places", "2023", "bourg", &s));
    assert_int_equal(s.n, 2);
    assert_true(s.value == 12);
    assert_true(cell_of(k, "creches_places", "2024-2025", "hameau", &s));
    assert_true(s.value == 3);
    assert_true(cell_of(k, "taux_acces", "2023", "bourg", &s));
    assert_int_equal(s.ratios, 1);
    assert_true(s.numerator == 30 && s.denominator == 120);
    assert_true(cell_of(k, "taux_acces", "2023", "hameau", &s));
    assert_int_equal(s.missing, 1);   /* a denominator without its numerator */
    assert_int_equal(s.missing_row, 6);
    assert_int_equal(ctg_kernel_ncells(k), 4);
    /* the rows counted by subject, with their years */
    struct ctg_subject sub = ctg_kernel_subject(k, 1);
    assert_string_equal(ctg_kernel_string(k, sub.name), "creches_places");
    assert_int_equal(sub.rows, 3);
    assert_int_equal(sub.first_year, 2023);
    assert_int_equal(sub.last_year, 2024);
    ctg_kernel_destroy(k);
}

static void one_indicator_is_a_slice(void **state)
{
    (void)state;
    struct fake f;
    fake_init(&f);
    struct ctg_scan_row values[] = {value_row(1, 1, 1, 1, 1, 7), value_row(2, 2, 1, 1, 1, 9)};
    f.values = values, f.nvalues = 2;
    struct kernel *k = ctg_kernel_create();
    struct ctg_engine_error err;
    assert_int_equal(ctg_kernel_scan(k, &f.base, "ctg-vallee-2022-2026", "taux_acces", 1, &err), CTG_ENGINE_OK);
    assert_non_null(f.last.subjects.ids);
    assert_int_equal(f.last.subjects.n, 1);
    assert_int_equal(f.last_subject, 2);
    assert_null(f.last.known_at);
    struct ctg_sums s;
    assert_false(cell_of(k, "creches_places", "2023", "bourg", &s));
    assert_true(cell_of(k, "taux_acces", "2023", "bourg", &s));
    assert_true(s.value == 9);
    /* a plan or an indicator the engine does not know: no scan, no cell, no error */
    f.scans = 0;
    assert_int_equal(ctg_kernel_scan(k, &f.base, "ctg-autre", NULL, 0, &err), CTG_ENGINE_OK);
    assert_int_equal(ctg_kernel_scan(k, &f.base, "ctg-vallee-2022-2026", "inconnu", 0, &err), CTG_ENGINE_OK);
    assert_int_equal(f.scans, 0);
    assert_int_equal(ctg_kernel_ncells(k), 0);
    ctg_kernel_destroy(k);
}

static void an_engine_failure_is_returned(void **state)
{
    (void)state;
    struct fake f;
    fake_init(&f);
    f.fail_scan = 1;
    struct kernel *k = ctg_kernel_create();
    struct ctg_engine_error err;
    assert_int_equal(ctg_kernel_scan(k, &f.base, "ctg-vallee-2022-2026", NULL, 0, &err), CTG_ENGINE_FAILED);
    assert_int_equal(err.code, 10);
    assert_string_equal(err.what, "store.read");
    assert_string_equal(err.detail, "connexion perdue");
    ctg_kernel_destroy(k);
}

/* Rows that break the store's invariants are named (row, column, what was expected), never
 * summed. */
static void altered_rows_are_named(void **state)
{
    (void)state;
    struct fake f;
    fake_init(&f);
    struct kernel *k = ctg_kernel_create();
    struct ctg_engine_error err;
    /* text where a value is */
    struct ctg_scan_row text_value = value_row(41, 1, 1, 1, 1, NAN);
    text_value.type[0] = CTG_CELL_OTHER;
    f.values = &text_value, f.nvalues = 1;
    assert_int_equal(ctg_kernel_scan(k, &f.base, "ctg-vallee-2022-2026", NULL, 0, &err), CTG_ENGINE_ALTERED);
    assert_int_equal(err.row, 41);
    assert_string_equal(err.column, "value");
    assert_string_equal(err.expected, "un nombre");
    /* a territory id no dictionary entry has */
    struct ctg_scan_row stray = value_row(42, 1, 1, 9, 1, 4);
    f.values = &stray;
    assert_int_equal(ctg_kernel_scan(k, &f.base, "ctg-vallee-2022-2026", NULL, 0, &err), CTG_ENGINE_ALTERED);
    assert_int_equal(err.row, 42);
    assert_string_equal(err.column, "territory");
    assert_string_equal(err.expected, "un identifiant de obs_territory");
    /* a period stored as text */
    struct ctg_scan_row untyped = value_row(43, 1, 1, 1, 1, 4);
    untyped.ids_typed &= ~2u;
    f.values = &untyped;
    assert_int_equal(ctg_kernel_scan(k, &f.base, "ctg-vallee-2022-2026", NULL, 0, &err), CTG_ENGINE_ALTERED);
    assert_string_equal(err.column, "period");
    /* two latest revisions of one key */
    struct ctg_scan_row twice[] = {value_row(44, 1, 1, 1, 2, 4), value_row(45, 1, 1, 1, 2, 5)};
    f.values = twice, f.nvalues = 2;
    assert_int_equal(ctg_kernel_scan(k, &f.base, "ctg-vallee-2022-2026", NULL, 0, &err), CTG_ENGINE_ALTERED);
    assert_int_equal(err.row, 45);
    assert_string_equal(err.column, "latest");
    /* a part without its number */
    struct ctg_scan_row empty_part = part_row(46, 2, 1, 1, 6, 1);
    empty_part.type[2] = CTG_CELL_NULL;
    f.values = NULL, f.nvalues = 0, f.parts = &empty_part, f.nparts = 1;
    assert_int_equal(ctg_kernel_scan(k, &f.base, "ctg-vallee-2022-2026", NULL, 0, &err), CTG_ENGINE_ALTERED);
    assert_int_equal(err.row, 46);
    assert_string_equal(err.column, "denominator");
    /* a dictionary entry whose id ctg never writes (negative, by hand) */
    f.parts = NULL, f.nparts = 0, f.stray_period = -3;
    assert_int_equal(ctg_kernel_scan(k, &f.base, "ctg-vallee-2022-2026", NULL, 0, &err), CTG_ENGINE_ALTERED);
    assert_string_equal(err.table, "obs_period");
    assert_int_equal(err.row, -3);
    assert_string_equal(err.column, "id");
    ctg_kernel_destroy(k);
}

/* Thousands of cells and strings: the kernel's tables (core/hash.h) grow many times, and
 * every cell is still found by its key, every string keeps its id; a scan bounded by
 * max_cells keeps the first indicator's cells (re-indexed) and drops the other's. */
#define MANY 2000
static void many_cells_found_after_growth(void **state)
{
    (void)state;
    static char names[MANY][16];
    static const char *territories[MANY + 1];
    static struct ctg_scan_row rows[2 * MANY];
    for (int i = 0; i < MANY; i++) {
        snprintf(names[i], sizeof names[i], "c%05d", i);
        territories[i] = names[i];
        rows[2 * i] = value_row(2 * i + 1, 1, 1, i + 1, 1, i);
        rows[2 * i + 1] = value_row(2 * i + 2, 2, 2, i + 1, 1, 1000 + i);
    }
    territories[MANY] = NULL;
    struct fake f;
    fake_init(&f);
    f.dict[CTG_DICT_TERRITORY] = territories;
    f.values = rows, f.nvalues = 2 * MANY;
    struct kernel *k = ctg_kernel_create();
    assert_non_null(k);
    int64_t creches = ctg_kernel_intern(k, "creches_places", 14), taux = ctg_kernel_intern(k, "taux_acces", 10);
    struct ctg_engine_error err;
    assert_int_equal(ctg_kernel_scan(k, &f.base, "ctg-vallee-2022-2026", NULL, 0, &err), CTG_ENGINE_OK);
    assert_int_equal(ctg_kernel_ncells(k), 2 * MANY);
    int64_t y2023 = ctg_kernel_intern(k, "2023", 4), y2024 = ctg_kernel_intern(k, "2024-2025", 9);
    int64_t none = ctg_kernel_intern(k, "", 0);
    for (int i = 0; i < MANY; i++) {
        int64_t t = ctg_kernel_intern(k, names[i], strlen(names[i]));
        assert_true(t >= 0);
        assert_int_equal(ctg_kernel_intern(k, names[i], strlen(names[i])), t); /* the same id again */
        assert_string_equal(ctg_kernel_string(k, (uint32_t)t), names[i]);
        uint32_t key[4];
        struct ctg_sums s;
        uint32_t at = ctg_kernel_find(k, (uint32_t)creches, (uint32_t)y2023, (uint32_t)t, (uint32_t)none);
        assert_int_not_equal(at, UINT32_MAX);
        ctg_kernel_cell(k, at, key, &s);
        assert_true(s.value == i);
        at = ctg_kernel_find(k, (uint32_t)taux, (uint32_t)y2024, (uint32_t)t, (uint32_t)none);
        assert_int_not_equal(at, UINT32_MAX);
        ctg_kernel_cell(k, at, key, &s);
        assert_true(s.value == 1000 + i);
        /* a key of another period: none */
        assert_int_equal(ctg_kernel_find(k, (uint32_t)creches, (uint32_t)y2024, (uint32_t)t, (uint32_t)none),
                         UINT32_MAX);
    }
    /* bounded: the first indicator in plan order fits, the second is dropped */
    const uint32_t order[2] = {(uint32_t)creches, (uint32_t)taux};
    struct ctg_window w = {NULL, 0, MANY + MANY / 2, order, 2};
    assert_int_equal(ctg_kernel_scan_window(k, &f.base, "ctg-vallee-2022-2026", &w, &err), CTG_ENGINE_OK);
    assert_true(ctg_kernel_overflowed(k));
    assert_int_equal(ctg_kernel_prefix(k), 1);
    assert_int_equal(ctg_kernel_ncells(k), MANY);
    for (int i = 0; i < MANY; i += 97) {
        uint32_t t = (uint32_t)ctg_kernel_intern(k, names[i], strlen(names[i]));
        uint32_t at = ctg_kernel_find(k, (uint32_t)creches, (uint32_t)y2023, t, (uint32_t)none);
        assert_int_not_equal(at, UINT32_MAX);
        uint32_t key[4];
        struct ctg_sums s;
        ctg_kernel_cell(k, at, key, &s);
        assert_true(s.value == i);
        assert_int_equal(ctg_kernel_find(k, (uint32_t)taux, (uint32_t)y2024, t, (uint32_t)none), UINT32_MAX);
    }
    ctg_kernel_destroy(k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sums_values_and_pairs_parts),
        cmocka_unit_test(one_indicator_is_a_slice),
        cmocka_unit_test(an_engine_failure_is_returned),
        cmocka_unit_test(altered_rows_are_named),
        cmocka_unit_test(many_cells_found_after_growth),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
