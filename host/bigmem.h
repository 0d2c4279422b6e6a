/* Large arrays that grow by doubling (the evaluation's cells and their hash slots): past a
 * few megabytes they live in their own anonymous mapping, advised into transparent huge
 * pages and grown by mremap. On a machine where every page fault costs microseconds, the
 * cells of 200 000 observations fault 5 000 small pages; in 2 MB pages they fault a dozen,
 * and growing never copies. Below the threshold, and under the sanitizers (which only see
 * malloc'd memory), plain malloc/realloc. */
#ifndef CTG_BIGMEM_H
#define CTG_BIGMEM_H

#include <stddef.h>

/* An array of *bytes bytes at p (NULL, 0: none yet) grown to at least need bytes (a mapping
 * is rounded up to whole huge pages; the caller doubles need as the array fills), its old
 * contents kept and the rest zeroed; *bytes is set to its new size. NULL when out of memory
 * (p is then still valid, *bytes unchanged). */
void *ctg_big_grow(void *p, size_t *bytes, size_t need);

/* Frees an array of ctg_big_grow (NULL is allowed). */
void ctg_big_free(void *p, size_t bytes);

/* The process's malloc heap in huge pages too (for what Lua, SQLite and libyaml allocate):
 * allocations of up to 32 MB come from the heap rather than from a mapping of their own
 * (which is faulted in anew each time), and the heap's mapping, as brk extends it, is advised
 * into transparent huge pages. Called once, first thing in main; a no-op where unsupported. */
void ctg_big_heap_policy(void);

#endif
