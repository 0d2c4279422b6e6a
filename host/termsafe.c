/* Text bound for a terminal, escaped (see termsafe.h). */
#include <stdio.h>

#include "termsafe.h"

size_t ctg_utf8_sequence(const unsigned char *s, size_t n, unsigned long *cp)
{
    size_t len;
    unsigned long c, min;
    if (s[0] >= 0xC2 && s[0] <= 0xDF) { len = 2; c = s[0] & 0x1F; min = 0x80; }
    else if (s[0] >= 0xE0 && s[0] <= 0xEF) { len = 3; c = s[0] & 0x0F; min = 0x800; }
    else if (s[0] >= 0xF0 && s[0] <= 0xF4) { len = 4; c = s[0] & 0x07; min = 0x10000; }
    else return 0;
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return len;
}

int ctg_is_bidi_control(unsigned long cp)
{
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* How the character at s[i] is written: 0 as it is (*len bytes), 1 escaped as a byte,
 * 2 escaped as a code point (*cp). */
static int classify(const unsigned char *s, size_t n, size_t *len, unsigned long *cp)
{
    unsigned char c = s[0];
    *len = 1;
    if (c == '\n' || c == '\t' || (c >= 0x20 && c < 0x7F))
        return 0;
    if (c < 0x80)
        return 1;
    size_t l = ctg_utf8_sequence(s, n, cp);
    if (l == 0)
        return 1;
    *len = l;
    if (*cp < 0xA0 || ctg_is_bidi_control(*cp))
        return 2;
    return 0;
}

int ctg_term_unsafe(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        size_t len;
        unsigned long cp = 0;
        if (classify(u + i, n - i, &len, &cp) != 0)
            return 1;
        i += len;
    }
    return 0;
}

void ctg_term_escape(const char *s, size_t n, ctg_sink sink, void *ud)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t run = 0; /* start of the bytes written as they are */
    for (size_t i = 0; i < n;) {
        size_t len;
        unsigned long cp = 0;
        int how = classify(u + i, n - i, &len, &cp);
        if (how == 0) {
            i += len;
            continue;
        }
        if (i > run)
            sink(ud, s + run, i - run);
        char esc[16];
        int k = how == 1 ? snprintf(esc, sizeof esc, "\\x%02x", u[i])
                         : snprintf(esc, sizeof esc, "\\u{%lx}", cp);
        sink(ud, esc, (size_t)k);
        i += len;
        run = i;
    }
    if (n > run)
        sink(ud, s + run, n - run);
}
