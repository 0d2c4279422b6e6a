/* One hash function and one hash index for every table of the core (the engine's cells and
 * memo keys, the judge's names, the plan tree's nodes).
 *
 * The index holds no key: the caller keeps its items in an array of its own (in the order
 * it added them, so that nothing printed depends on the hash) and the index maps a key's
 * hash to the item's position. It is open addressing with linear probing over 8-byte slots,
 * each the key's 32-bit hash in its upper half and the item + 1 in the lower (0: empty), so
 * that a probe compares hashes in the slot array and reads an item only when they match;
 * growing re-places the slots from their stored hashes without reading any key. It stays at
 * most half full.
 *
 * No Lua header here: the core is used by the binding (host/lua/) and by tests/c alone. */
#ifndef CTG_CORE_HASH_H
#define CTG_CORE_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* No item: what ctg_hash_find returns for an absent key. */
#define CTG_HASH_NONE UINT32_MAX

struct ctg_hash {
    uint64_t *slots;
    uint32_t nslots; /* a power of two, 0 before the first add */
    uint32_t count;
};

/* The one hash function: n bytes at p, 8 at a time, finished by a full 64-bit mix (so that
 * the low bits that place a slot depend on every byte). Keys of integers are hashed as their
 * bytes; the value may differ between byte orders, and only lookups depend on it. */
static inline uint32_t ctg_hash_bytes(const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ (uint64_t)n;
    for (; n >= 8; s += 8, n -= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xBF58476D1CE4E5B9ULL;
        h ^= h >> 31;
    }
    if (n) {
        uint64_t w = 0;
        memcpy(&w, s, n);
        h = (h ^ w) * 0x94D049BB133111EBULL;
    }
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ULL;
    h ^= h >> 32;
    return (uint32_t)h;
}

/* Whether item of the caller's array (ctx) has key. */
typedef int (*ctg_hash_eq)(const void *ctx, uint32_t item, const void *key);

/* The item whose key is key (of hash hash), or CTG_HASH_NONE. Inline: the engine asks it in
 * its inner loops, and eq is then inlined too. */
static inline uint32_t ctg_hash_find(const struct ctg_hash *h, uint32_t hash, const void *key, ctg_hash_eq eq,
                                     const void *ctx)
{
    if (!h->nslots)
        return CTG_HASH_NONE;
    uint32_t mask = h->nslots - 1;
    for (uint32_t i = hash & mask;; i = (i + 1) & mask) {
        uint64_t s = h->slots[i];
        if (!s)
            return CTG_HASH_NONE;
        if ((uint32_t)(s >> 32) == hash && eq(ctx, (uint32_t)s - 1, key))
            return (uint32_t)s - 1;
    }
}

/* Index item (< CTG_HASH_NONE) under hash; the caller has checked that its key is absent.
 * 0, or -1 when out of memory (the index is then unchanged). */
int ctg_hash_add(struct ctg_hash *h, uint32_t hash, uint32_t item);

/* Room for n items without growing; 0, or -1 when out of memory. */
int ctg_hash_reserve(struct ctg_hash *h, uint32_t n);

/* Forget every item (the slots kept for reuse). */
void ctg_hash_clear(struct ctg_hash *h);

/* Free the slots; the index is empty again. */
void ctg_hash_free(struct ctg_hash *h);

#endif
