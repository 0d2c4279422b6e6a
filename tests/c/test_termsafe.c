/* Text bound for a terminal (termsafe.h): what is escaped, what stays, and how. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "termsafe.h"

struct out {
    char buf[512];
    size_t len;
};

static void sink(void *ud, const char *s, size_t n)
{
    struct out *o = ud;
    assert_true(o->len + n < sizeof o->buf);
    memcpy(o->buf + o->len, s, n);
    o->len += n;
    o->buf[o->len] = '\0';
}

static const char *escaped(const char *s, size_t n)
{
    static struct out o;
    o.len = 0;
    o.buf[0] = '\0';
    ctg_term_escape(s, n, sink, &o);
    return o.buf;
}

static void test_plain_text_stays(void **state)
{
    (void)state;
    const char *s = "Clermont-Ferrand\t13,5\xe2\x80\xaf%\nCrèche « Les Petits »";
    assert_false(ctg_term_unsafe(s, strlen(s)));
    assert_string_equal(escaped(s, strlen(s)), s);
}

static void test_c0_del_and_stray_bytes(void **state)
{
    (void)state;
    const char s[] = "a\033]0;x\007b\rc\177d\x9b" "e\xc3";
    assert_true(ctg_term_unsafe(s, sizeof s - 1));
    assert_string_equal(escaped(s, sizeof s - 1), "a\\x1b]0;x\\x07b\\x0dc\\x7fd\\x9be\\xc3");
    /* a NUL inside the text is escaped too, not an end */
    assert_string_equal(escaped("x\0y", 3), "x\\x00y");
}

static void test_c1_and_bidi(void **state)
{
    (void)state;
    /* U+0085 NEL, U+009B CSI, U+202E RLO, U+2066 LRI, U+2069 PDI; U+202F (a French space) stays */
    const char s[] = "\xc2\x85\xc2\x9b\xe2\x80\xae" "abc\xe2\x81\xa6" "d\xe2\x81\xa9\xe2\x80\xaf";
    assert_string_equal(escaped(s, sizeof s - 1), "\\u{85}\\u{9b}\\u{202e}abc\\u{2066}d\\u{2069}\xe2\x80\xaf");
    assert_true(ctg_is_bidi_control(0x202A));
    assert_false(ctg_is_bidi_control(0x202F));
    assert_false(ctg_is_bidi_control(0x2065));
}

static void test_overlong_and_surrogate_are_stray(void **state)
{
    (void)state;
    /* an overlong ESC (C0 9B) and an encoded surrogate (ED A0 80) are bytes, escaped one by one */
    assert_string_equal(escaped("\xc0\x9b", 2), "\\xc0\\x9b");
    assert_string_equal(escaped("\xed\xa0\x80", 3), "\\xed\\xa0\\x80");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_text_stays),
        cmocka_unit_test(test_c0_del_and_stray_bytes),
        cmocka_unit_test(test_c1_and_bidi),
        cmocka_unit_test(test_overlong_and_surrogate_are_stray),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
