/* The data fingerprint's hashing (see core/fingerprint.h): FNV-1a over bytes, splitmix64's
 * finaliser over the sum's terms. */
#include <string.h>

#include "core/fingerprint.h"

#define FNV_PRIME 1099511628211ULL

static uint64_t fnv_bytes(uint64_t h, const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= FNV_PRIME;
    }
    return h;
}

uint64_t ctg_fp_text(uint64_t h, const char *t, size_t n)
{
    static const unsigned char us = 0x1f, rs = 0x1e;
    if (!t)
        return fnv_bytes(h, &rs, 1);
    h = fnv_bytes(h, (const unsigned char *)t, n);
    return fnv_bytes(h, &us, 1);
}

uint64_t ctg_fp_number(uint64_t h, int is_null, double v)
{
    static const unsigned char rs = 0x1e;
    if (is_null)
        return fnv_bytes(h, &rs, 1);
    if (v == 0)
        v = 0;
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    unsigned char b[8];
    for (int i = 0; i < 8; i++)
        b[i] = (unsigned char)(bits >> (8 * i));
    return fnv_bytes(h, b, sizeof b);
}

uint64_t ctg_fp_entry(const char *t, size_t n)
{
    return ctg_fp_text(CTG_FP_START, t, n);
}

/* splitmix64's finaliser: every input bit moves every output bit, so that a sum of hashes
 * does not cancel out rows that differ in one field */
static uint64_t mix(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

uint64_t ctg_fp_row(const uint64_t key[6], uint64_t content)
{
    uint64_t k = CTG_FP_START;
    for (int i = 0; i < 6; i++)
        k = (k ^ key[i]) * FNV_PRIME;
    return mix(mix(k) + content);
}
