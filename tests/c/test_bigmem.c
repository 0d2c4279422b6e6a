/* Large growing arrays (bigmem.h): contents kept and the new part zero across every way an
 * array grows — within malloc, from malloc into a mapping, and from mapping to mapping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "bigmem.h"

/* Fills [from, to) of a with a pattern of its index */
static void fill(uint32_t *a, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        a[i] = (uint32_t)(i * 2654435761u);
}

static void assert_filled(const uint32_t *a, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i] != (uint32_t)(i * 2654435761u))
            fail_msg("element %zu lost: %u", i, a[i]);
}

static void assert_zero(const uint32_t *a, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (a[i] != 0)
            fail_msg("element %zu of the new part not zero: %u", i, a[i]);
}

static void grows_by_doubling_and_keeps_its_contents(void **state)
{
    (void)state;
    uint32_t *a = NULL;
    size_t bytes = 0, n = 0;
    /* 1 KB to 64 MB: through the malloc range, the threshold and mremap */
    for (size_t need = 1024; need <= ((size_t)64 << 20); need *= 4) {
        uint32_t *b = ctg_big_grow(a, &bytes, need);
        assert_non_null(b);
        assert_true(bytes >= need);
        a = b;
        assert_filled(a, n);
        assert_zero(a, n, bytes / sizeof *a);
        fill(a, n, bytes / sizeof *a);
        n = bytes / sizeof *a;
    }
    assert_filled(a, n);
    ctg_big_free(a, bytes);
}

static void smaller_need_changes_nothing(void **state)
{
    (void)state;
    size_t bytes = 0;
    uint32_t *a = ctg_big_grow(NULL, &bytes, (size_t)8 << 20);
    assert_non_null(a);
    size_t before = bytes;
    fill(a, 0, bytes / sizeof *a);
    assert_ptr_equal(ctg_big_grow(a, &bytes, 100), a);
    assert_int_equal(bytes, before);
    assert_filled(a, bytes / sizeof *a);
    ctg_big_free(a, bytes);
    ctg_big_free(NULL, 0);
}

static void impossible_size_fails_and_keeps_the_array(void **state)
{
    (void)state;
    size_t bytes = 0;
    uint32_t *a = ctg_big_grow(NULL, &bytes, 4096);
    assert_non_null(a);
    fill(a, 0, bytes / sizeof *a);
    size_t before = bytes;
    assert_null(ctg_big_grow(a, &bytes, SIZE_MAX / 4));
    assert_int_equal(bytes, before);
    assert_filled(a, bytes / sizeof *a);
    ctg_big_free(a, bytes);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(grows_by_doubling_and_keeps_its_contents),
        cmocka_unit_test(smaller_need_changes_nothing),
        cmocka_unit_test(impossible_size_fails_and_keeps_the_array),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
