/* Large growing arrays in huge pages (see bigmem.h). */
#define _GNU_SOURCE /* mremap */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bigmem.h"

#if defined(__linux__) && !defined(__SANITIZE_ADDRESS__) && !defined(CTG_NO_BIGMEM)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#define BIG_MAPPED 1
#else
#define BIG_MAPPED 0
#endif

/* Arrays of at least this size are mapped (a huge page is 2 MB on x86-64 and arm64) */
#define BIG_THRESHOLD ((size_t)4 << 20)
#define HUGE_PAGE ((size_t)2 << 20)

#if BIG_MAPPED
static size_t round_up(size_t n, size_t to) { return (n + to - 1) / to * to; }

/* A fresh zeroed mapping of size bytes (a multiple of HUGE_PAGE), or NULL. */
static void *map_new(size_t size)
{
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    (void)madvise(p, size, MADV_HUGEPAGE); /* advice only: without it, small pages */
    return p;
}
#endif

void *ctg_big_grow(void *p, size_t *bytes, size_t need)
{
    size_t old = p ? *bytes : 0;
    if (need <= old)
        return p;
    if (need > SIZE_MAX / 2)
        return NULL; /* no doubling reaches it */
    size_t size = need; /* the callers double what they ask for */
#if BIG_MAPPED
    if (size >= BIG_THRESHOLD) {
        size = round_up(size, HUGE_PAGE);
        void *q;
        if (old >= BIG_THRESHOLD) {
            /* already mapped: the kernel moves the pages, nothing is copied; the new part
             * is zero, and keeps the huge-page advice of its mapping */
            q = mremap(p, old, size, MREMAP_MAYMOVE);
            if (q == MAP_FAILED)
                return NULL;
            (void)madvise(q, size, MADV_HUGEPAGE);
        } else {
            q = map_new(size);
            if (!q)
                return NULL;
            if (old)
                memcpy(q, p, old);
            free(p);
        }
        *bytes = size;
        return q;
    }
#endif
    void *q = realloc(p, size);
    if (!q)
        return NULL;
    memset((char *)q + old, 0, size - old);
    *bytes = size;
    return q;
}

void ctg_big_free(void *p, size_t bytes)
{
    if (!p)
        return;
#if BIG_MAPPED
    if (bytes >= BIG_THRESHOLD) {
        munmap(p, bytes);
        return;
    }
#else
    (void)bytes;
#endif
    free(p);
}

void ctg_big_heap_policy(void)
{
#if BIG_MAPPED && defined(M_MMAP_THRESHOLD)
    /* a megabyte plan text read from the database, a Lua string of it: from the heap, whose
     * pages stay mapped once touched, and not given back while the process runs */
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    /* the heap's first extension made 32 MB long (address space, not memory: a page is only
     * backed once touched) and advised into huge pages; the kernel does not carry the advice
     * over to later extensions, which come in small pages */
    mallopt(M_TOP_PAD, 32 << 20);
    char *first = malloc(1);
    char *brk_now = sbrk(0);
    if (first && brk_now != (char *)-1 && brk_now > first) {
        char *start = (char *)(((uintptr_t)first + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1));
        if (start < brk_now)
            (void)madvise(start, (size_t)(brk_now - start), MADV_HUGEPAGE);
    }
    free(first);
    mallopt(M_TOP_PAD, 4 << 20);
#endif
}
