/* A growing byte buffer, always NUL-terminated once written to: the texts the core builds
 * (the engine's notes and reasons, a CSV row). Out of memory is returned, never raised: the
 * binding decides what to say. */
#ifndef CTG_CORE_BUF_H
#define CTG_CORE_BUF_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

struct ctg_buf {
    char *s;      /* NULL until the first write */
    uint32_t len, cap;
    int set;      /* a text was given (even empty): Lua's nil vs "" */
};

/* Append n bytes of s. CTG_OK, or CTG_ERR_NOMEM (the buffer then unchanged). */
enum ctg_error ctg_buf_add(struct ctg_buf *b, const char *s, size_t n);

/* Empty the buffer (its memory kept for the next text). */
static inline void ctg_buf_reset(struct ctg_buf *b) { b->len = 0, b->set = 0; }

void ctg_buf_free(struct ctg_buf *b);

#endif
