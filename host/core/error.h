/* What the core says went wrong: a code and its detail, never a Lua error. The core's
 * functions return an enum ctg_error (CTG_OK: done) and, where a detail helps, fill a
 * struct ctg_fault; the binding (host/lua/error.c, ctg_lua_raise) is the one place that turns
 * them into the catalogue's sentence and raises it into Lua — as Tarantool's lbox_error does
 * for its box errors. */
#ifndef CTG_CORE_ERROR_H
#define CTG_CORE_ERROR_H

enum ctg_error {
    CTG_OK = 0,
    CTG_ERR_NOMEM,   /* out of memory: nothing half-done is kept */
    CTG_ERR_SPEC,    /* a caller's description is wrong (detail: the field, as "spec.field") */
    CTG_ERR_WRITE,   /* an output could not be written (number: errno) */
    CTG_ERR_CALLBACK, /* a callback of the binding failed: the binding keeps why, and says it */
    CTG_ERR_COUNT
};

/* An error with what explains it: detail a static or caller-owned text (NULL: none), number a
 * count or an errno value (0: none). */
struct ctg_fault {
    enum ctg_error code;
    const char *detail;
    long long number;
};

#endif
