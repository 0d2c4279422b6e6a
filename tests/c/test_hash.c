/* The core's hash index (host/core/hash.h): items found by their keys across growth, keys
 * that collide (same hash, same slot) told apart by the caller's equality, absent keys not
 * found, clearing, and the one hash function's spread. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/hash.h"

/* Items: strings in an array of the test's own. */
struct words {
    char text[64][16];
    uint32_t n;
};

static int word_eq(const void *ctx, uint32_t item, const void *key)
{
    const struct words *w = ctx;
    return strcmp(w->text[item], key) == 0;
}

static uint32_t word_hash(const char *s) { return ctg_hash_bytes(s, strlen(s)); }

static void add_word(struct ctg_hash *h, struct words *w, const char *s)
{
    snprintf(w->text[w->n], sizeof w->text[w->n], "%s", s);
    assert_int_equal(ctg_hash_add(h, word_hash(s), w->n), 0);
    w->n++;
}

static void finds_what_was_added_and_nothing_else(void **state)
{
    (void)state;
    struct ctg_hash h = {0};
    struct words w = {0};
    assert_int_equal(ctg_hash_find(&h, word_hash("avesnes"), "avesnes", word_eq, &w), CTG_HASH_NONE);
    add_word(&h, &w, "fourmies");
    add_word(&h, &w, "trelon");
    add_word(&h, &w, "glageon");
    assert_int_equal(h.count, 3);
    assert_int_equal(ctg_hash_find(&h, word_hash("trelon"), "trelon", word_eq, &w), 1);
    assert_int_equal(ctg_hash_find(&h, word_hash("glageon"), "glageon", word_eq, &w), 2);
    assert_int_equal(ctg_hash_find(&h, word_hash("fourmies"), "fourmies", word_eq, &w), 0);
    assert_int_equal(ctg_hash_find(&h, word_hash("ohain"), "ohain", word_eq, &w), CTG_HASH_NONE);
    /* a prefix is another key */
    assert_int_equal(ctg_hash_find(&h, word_hash("trelo"), "trelo", word_eq, &w), CTG_HASH_NONE);
    ctg_hash_free(&h);
    assert_null(h.slots);
    assert_int_equal(h.count, 0);
}

/* Keys of four integers, as the engine's cells: 100 000 of them, far past the first size. */
struct quads {
    uint32_t (*keys)[4];
};

static int quad_eq(const void *ctx, uint32_t item, const void *key)
{
    const struct quads *q = ctx;
    return memcmp(q->keys[item], key, sizeof q->keys[item]) == 0;
}

static void grows_and_keeps_every_item(void **state)
{
    (void)state;
    enum { N = 100000 };
    struct quads q = {malloc(N * sizeof *q.keys)};
    assert_non_null(q.keys);
    struct ctg_hash h = {0};
    for (uint32_t i = 0; i < N; i++) {
        uint32_t k[4] = {i % 37, i / 37, 7, i};
        memcpy(q.keys[i], k, sizeof k);
        assert_int_equal(ctg_hash_add(&h, ctg_hash_bytes(k, sizeof k), i), 0);
    }
    assert_int_equal(h.count, N);
    assert_true(h.nslots >= 2 * N); /* at most half full */
    for (uint32_t i = 0; i < N; i++) {
        uint32_t k[4] = {i % 37, i / 37, 7, i};
        if (ctg_hash_find(&h, ctg_hash_bytes(k, sizeof k), k, quad_eq, &q) != i)
            fail_msg("item %u lost after growing", i);
    }
    uint32_t absent[4] = {1, 2, 8, 3};
    assert_int_equal(ctg_hash_find(&h, ctg_hash_bytes(absent, sizeof absent), absent, quad_eq, &q), CTG_HASH_NONE);
    ctg_hash_free(&h);
    free(q.keys);
}

/* Every key given the same hash: one run of slots, told apart by the equality alone. */
static void colliding_keys_are_told_apart(void **state)
{
    (void)state;
    struct ctg_hash h = {0};
    struct words w = {0};
    const uint32_t same = 0xDEADBEEFu;
    const char *names[] = {"anor", "wignehies", "sains-du-nord", "wallers", "moustier"};
    for (uint32_t i = 0; i < 5; i++) {
        snprintf(w.text[i], sizeof w.text[i], "%s", names[i]);
        assert_int_equal(ctg_hash_add(&h, same, i), 0);
    }
    for (uint32_t i = 0; i < 5; i++)
        assert_int_equal(ctg_hash_find(&h, same, names[i], word_eq, &w), i);
    assert_int_equal(ctg_hash_find(&h, same, "ohain", word_eq, &w), CTG_HASH_NONE);
    /* the same key under another hash is not found: the hash is compared first */
    assert_int_equal(ctg_hash_find(&h, same + 1, "anor", word_eq, &w), CTG_HASH_NONE);
    ctg_hash_free(&h);
}

static void clear_forgets_and_reserve_grows_once(void **state)
{
    (void)state;
    struct ctg_hash h = {0};
    struct words w = {0};
    assert_int_equal(ctg_hash_reserve(&h, 1000), 0);
    uint32_t nslots = h.nslots;
    assert_true(nslots >= 2000);
    add_word(&h, &w, "avesnelles");
    assert_int_equal(h.nslots, nslots);
    ctg_hash_clear(&h);
    assert_int_equal(h.count, 0);
    assert_int_equal(ctg_hash_find(&h, word_hash("avesnelles"), "avesnelles", word_eq, &w), CTG_HASH_NONE);
    /* an item number that is the "none" value, or a size past what 32 bits index, refused */
    assert_int_equal(ctg_hash_add(&h, 1, CTG_HASH_NONE), -1);
    assert_int_equal(ctg_hash_reserve(&h, UINT32_MAX / 2), -1);
    assert_int_equal(h.nslots, nslots);
    ctg_hash_free(&h);
}

/* Small integer keys that differ in one byte land in distinct low bits: 4096 consecutive
 * ids over 8192 slots fill most of them (a hash keeping only high bits would not). */
static void the_hash_spreads_small_integers(void **state)
{
    (void)state;
    static uint8_t used[8192];
    uint32_t distinct = 0;
    for (uint32_t i = 0; i < 4096; i++) {
        uint32_t k[4] = {i, 0, 0, 0};
        uint32_t s = ctg_hash_bytes(k, sizeof k) & 8191;
        distinct += !used[s];
        used[s] = 1;
    }
    assert_true(distinct > 3000);
    /* every byte counts, the length too */
    assert_int_not_equal(ctg_hash_bytes("ab", 2), ctg_hash_bytes("ba", 2));
    assert_int_not_equal(ctg_hash_bytes("a\0", 2), ctg_hash_bytes("a", 1));
    assert_int_equal(ctg_hash_bytes("fourmies", 8), ctg_hash_bytes("fourmies", 8));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(finds_what_was_added_and_nothing_else),
        cmocka_unit_test(grows_and_keeps_every_item),
        cmocka_unit_test(colliding_keys_are_told_apart),
        cmocka_unit_test(clear_forgets_and_reserve_grows_once),
        cmocka_unit_test(the_hash_spreads_small_integers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
