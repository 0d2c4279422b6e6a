/* SHA-256 (FIPS 180-4), incremental: the checksum of a dump (ctg dump / ctg restore) is a
 * standard one that any tool (sha256sum) can recompute over the same bytes. No Lua here. */
#ifndef CTG_CORE_SHA256_H
#define CTG_CORE_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct ctg_sha256 {
    uint32_t state[8];
    uint64_t length;       /* bytes hashed so far */
    unsigned char block[64];
    size_t used;           /* bytes waiting in block */
};

void ctg_sha256_init(struct ctg_sha256 *h);
void ctg_sha256_update(struct ctg_sha256 *h, const void *data, size_t len);
/* the 32-byte digest; h is spent (init it again to reuse it) */
void ctg_sha256_final(struct ctg_sha256 *h, unsigned char digest[32]);

#endif
