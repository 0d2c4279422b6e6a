/* ctg_lua_raise: the core's error codes as catalogue sentences (see error.h). */
#include <lauxlib.h>

#include "ctg.h"
#include "lua/error.h"
#include "msg.h"

/* The catalogue key of each code, and its English words for a state without the catalogue
 * (the C unit tests' bare Lua states). */
static const struct {
    const char *key, *fallback;
} messages[CTG_ERR_COUNT] = {
    [CTG_OK] = {"core.spec", "ctg internal error: no error"},
    [CTG_ERR_NOMEM] = {"core.nomem", "out of memory"},
    [CTG_ERR_SPEC] = {"core.spec", "ctg internal error"},
    [CTG_ERR_WRITE] = {"core.write", "cannot write the values"},
    /* the binding raises its callback's own error; reaching here is a binding's bug */
    [CTG_ERR_CALLBACK] = {"core.spec", "ctg internal error"},
};

int ctg_lua_raise(lua_State *L, enum ctg_error code, const char *detail)
{
    if (code <= CTG_OK || code >= CTG_ERR_COUNT)
        code = CTG_ERR_SPEC;
    const char *vars[] = {"detail", detail ? detail : "?", NULL};
    if (code == CTG_ERR_WRITE) {
        /* an output that could not be written stops the command with its documented exit
         * code (ctg --help: 5), not as a script error */
        lua_pushcfunction(L, ctg_runtime_exit_error);
        lua_pushinteger(L, CTG_EXIT_OUTPUT);
        ctg_msg_push(L, messages[code].key, vars, messages[code].fallback);
        lua_call(L, 2, 1);
        return lua_error(L);
    }
    ctg_msg_push(L, messages[code].key, vars, messages[code].fallback);
    return lua_error(L);
}

int ctg_lua_raise_fault(lua_State *L, const struct ctg_fault *fault)
{
    const char *detail = fault->detail;
    if (fault->code == CTG_ERR_WRITE && fault->number)
        detail = ctg_errno_text((int)fault->number);
    return ctg_lua_raise(L, fault->code, detail);
}
