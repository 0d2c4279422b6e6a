/* SHA-256 of core/sha256.c against the FIPS 180-4 examples and sha256sum, fed whole and in
 * pieces of every size (the padding's edge at 55, 56 and 64 bytes included). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/sha256.h"

static const char *hex_of(const void *data, size_t len, size_t piece)
{
    static char out[65];
    struct ctg_sha256 h;
    unsigned char d[32];
    const unsigned char *p = data;
    ctg_sha256_init(&h);
    for (size_t at = 0; at < len; at += piece)
        ctg_sha256_update(&h, p + at, len - at < piece ? len - at : piece);
    ctg_sha256_final(&h, d);
    for (int i = 0; i < 32; i++)
        snprintf(out + 2 * i, 3, "%02x", d[i]);
    return out;
}

static void test_fips_examples(void **state)
{
    (void)state;
    assert_string_equal(hex_of("", 0, 1), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assert_string_equal(hex_of("abc", 3, 3), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"; /* 56 bytes */
    for (size_t piece = 1; piece <= 57; piece++)
        assert_string_equal(hex_of(two, strlen(two), piece),
                            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void test_million_a(void **state)
{
    (void)state;
    static char a[1000000];
    memset(a, 'a', sizeof a);
    assert_string_equal(hex_of(a, sizeof a, 4099),
                        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

/* 55, 63 and 64 bytes: one block with the length, two blocks, a whole block then padding
 * (values from sha256sum) */
static void test_padding_edges(void **state)
{
    (void)state;
    char x[64];
    memset(x, 'x', sizeof x);
    for (size_t piece = 1; piece <= 64; piece += 9) {
        assert_string_equal(hex_of(x, 55, piece), "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072");
        assert_string_equal(hex_of(x, 63, piece), "75220b47218278e656f2013bb8f0c455a25eaf01e86c64924e9d48d89776d6f2");
        assert_string_equal(hex_of(x, 64, piece), "7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c");
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fips_examples),
        cmocka_unit_test(test_million_a),
        cmocka_unit_test(test_padding_edges),
    };
    return cmocka_run_group_tests_name("sha256", tests, NULL, NULL);
}
