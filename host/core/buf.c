/* The core's byte buffer (see buf.h). */
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"

enum ctg_error ctg_buf_add(struct ctg_buf *b, const char *s, size_t n)
{
    if (n >= UINT32_MAX - b->len)
        return CTG_ERR_NOMEM;
    uint32_t need = b->len + (uint32_t)n + 1;
    if (need > b->cap) {
        uint32_t cap = b->cap ? b->cap : 64;
        while (cap < need)
            cap = cap > UINT32_MAX / 2 ? need : cap * 2;
        char *p = realloc(b->s, cap);
        if (!p)
            return CTG_ERR_NOMEM;
        b->s = p, b->cap = cap;
    }
    if (n)
        memcpy(b->s + b->len, s, n);
    b->len += (uint32_t)n;
    b->s[b->len] = '\0';
    b->set = 1;
    return CTG_OK;
}

void ctg_buf_free(struct ctg_buf *b)
{
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
    b->set = 0;
}
