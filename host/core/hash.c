/* The hash index of hash.h: adding, growing, clearing. Lookups are inline in hash.h. */
#include <stdlib.h>

#include "core/hash.h"

/* The smallest index: 64 slots. */
#define MIN_SLOTS 64

/* Re-place every slot into a new array of nslots (a power of two) by its stored hash. */
static int rehash(struct ctg_hash *h, uint32_t nslots)
{
    uint64_t *slots = calloc(nslots, sizeof *slots);
    if (!slots)
        return -1;
    for (uint32_t i = 0; i < h->nslots; i++) {
        uint64_t s = h->slots[i];
        if (!s)
            continue;
        uint32_t j = (uint32_t)(s >> 32) & (nslots - 1);
        while (slots[j])
            j = (j + 1) & (nslots - 1);
        slots[j] = s;
    }
    free(h->slots);
    h->slots = slots;
    h->nslots = nslots;
    return 0;
}

int ctg_hash_reserve(struct ctg_hash *h, uint32_t n)
{
    if (n > UINT32_MAX / 4)
        return -1;
    uint32_t nslots = h->nslots ? h->nslots : MIN_SLOTS;
    while (nslots < 2 * n)
        nslots *= 2;
    return nslots == h->nslots ? 0 : rehash(h, nslots);
}

int ctg_hash_add(struct ctg_hash *h, uint32_t hash, uint32_t item)
{
    if (item == CTG_HASH_NONE || ctg_hash_reserve(h, h->count + 1) != 0)
        return -1;
    uint32_t mask = h->nslots - 1, i = hash & mask;
    while (h->slots[i])
        i = (i + 1) & mask;
    h->slots[i] = (uint64_t)hash << 32 | (item + 1u);
    h->count++;
    return 0;
}

void ctg_hash_clear(struct ctg_hash *h)
{
    if (h->slots)
        memset(h->slots, 0, h->nslots * sizeof *h->slots);
    h->count = 0;
}

void ctg_hash_free(struct ctg_hash *h)
{
    free(h->slots);
    h->slots = NULL;
    h->nslots = h->count = 0;
}
