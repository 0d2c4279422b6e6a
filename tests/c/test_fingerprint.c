/* The data fingerprint's hashing shared by the engines (core/fingerprint.h): FNV-1a as
 * published, a NULL told from "", -0 from nothing but 0, one field changed or two fields
 * swapped changing the row's hash, and two fixed rows whose values every engine must give
 * (the SQLite engine gives them today: a PostgreSQL engine that hashes differently fails
 * here before any fingerprint differs in a report). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/fingerprint.h"

/* FNV-1a 64 of bytes, written out here as the reference (not the code under test). */
static uint64_t fnv1a(const unsigned char *p, size_t n)
{
    uint64_t h = 14695981039346656037ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static void reference_is_fnv1a(void **state)
{
    (void)state;
    /* the published test vectors of FNV-1a 64 */
    assert_true(fnv1a((const unsigned char *)"", 0) == 0xcbf29ce484222325ULL);
    assert_true(fnv1a((const unsigned char *)"a", 1) == 0xaf63dc4c8601ec8cULL);
    assert_true(fnv1a((const unsigned char *)"foobar", 6) == 0x85944171f73967e8ULL);
}

static void texts_and_nulls(void **state)
{
    (void)state;
    /* a text: its bytes then a unit separator; NULL: a record separator alone */
    assert_true(ctg_fp_text(CTG_FP_START, "creche", 6) == fnv1a((const unsigned char *)"creche\x1f", 7));
    assert_true(ctg_fp_text(CTG_FP_START, NULL, 0) == fnv1a((const unsigned char *)"\x1e", 1));
    assert_true(ctg_fp_text(CTG_FP_START, "", 0) != ctg_fp_text(CTG_FP_START, NULL, 0));
    assert_true(ctg_fp_entry("maubeuge", 8) == ctg_fp_text(CTG_FP_START, "maubeuge", 8));
    /* "ab" then "c" is not "a" then "bc": the separator keeps fields apart */
    uint64_t x = ctg_fp_text(ctg_fp_text(CTG_FP_START, "ab", 2), "c", 1);
    uint64_t y = ctg_fp_text(ctg_fp_text(CTG_FP_START, "a", 1), "bc", 2);
    assert_true(x != y);
}

static void numbers_by_their_bits(void **state)
{
    (void)state;
    /* 1.5 is 0x3FF8000000000000: little end first */
    const unsigned char bits[8] = {0, 0, 0, 0, 0, 0, 0xf8, 0x3f};
    assert_true(ctg_fp_number(CTG_FP_START, 0, 1.5) == fnv1a(bits, 8));
    assert_true(ctg_fp_number(CTG_FP_START, 0, -0.0) == ctg_fp_number(CTG_FP_START, 0, 0.0));
    assert_true(ctg_fp_number(CTG_FP_START, 1, 0) != ctg_fp_number(CTG_FP_START, 0, 0.0));
    assert_true(ctg_fp_number(CTG_FP_START, 1, 123) == ctg_fp_number(CTG_FP_START, 1, 0));
    /* 0,1 + 0,2 is not 0,3 in IEEE: the hash tells them apart, as it should (no rounding) */
    assert_true(ctg_fp_number(CTG_FP_START, 0, 0.1 + 0.2) != ctg_fp_number(CTG_FP_START, 0, 0.3));
}

/* The content hash of a row: value, numerator, denominator, text, missing, status, note. */
static uint64_t content(int has_value, double value, const char *missing, const char *note)
{
    uint64_t h = CTG_FP_START;
    h = ctg_fp_number(h, !has_value, value);
    h = ctg_fp_number(h, 1, 0);
    h = ctg_fp_number(h, 1, 0);
    h = ctg_fp_text(h, NULL, 0);
    h = ctg_fp_text(h, missing, missing ? strlen(missing) : 0);
    h = ctg_fp_text(h, NULL, 0);
    h = ctg_fp_text(h, note, note ? strlen(note) : 0);
    return h;
}

static void rows(void **state)
{
    (void)state;
    const char *const texts[6] = {"ctg-val-de-sambre", "value", "places_creees", "2025", "hautmont", ""};
    uint64_t key[6];
    for (int i = 0; i < 6; i++)
        key[i] = ctg_fp_entry(texts[i], strlen(texts[i]));
    uint64_t a = ctg_fp_row(key, content(1, 12, NULL, NULL));
    /* two fixed values: what the SQLite engine stores for these rows (a change of the hashing
     * would change every kept fingerprint, and the two engines would disagree) */
    assert_true(a == 0xe67736e51eeec3dcULL);
    uint64_t b = ctg_fp_row(key, content(0, 0, "non transmis", "relance le 3 mars"));
    assert_true(b == 0xcffcf7e2ee3562a9ULL);
    /* one field changed, the territory and the period swapped: another hash */
    assert_true(ctg_fp_row(key, content(1, 13, NULL, NULL)) != a);
    uint64_t swapped[6];
    memcpy(swapped, key, sizeof key);
    swapped[3] = key[4], swapped[4] = key[3];
    assert_true(ctg_fp_row(swapped, content(1, 12, NULL, NULL)) != a);
    /* an id no dictionary holds hashes as 0, not as a crash */
    uint64_t unknown[6] = {0};
    assert_true(ctg_fp_row(unknown, content(1, 12, NULL, NULL)) != a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reference_is_fnv1a),
        cmocka_unit_test(texts_and_nulls),
        cmocka_unit_test(numbers_by_their_bits),
        cmocka_unit_test(rows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
