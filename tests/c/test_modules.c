/* The one table of native modules (host/lua/modules.c): the runtime preloads exactly what it
 * lists, each name once, and every module opens into a table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>
#include <lauxlib.h>
#include <lualib.h>

#include "ctg.h"
#include "lua/modules.h"

static void names_are_ctg_modules_listed_once(void **state)
{
    (void)state;
    int n = 0;
    for (const luaL_Reg *m = ctg_native_modules; m->name; m++, n++) {
        assert_non_null(m->func);
        assert_int_equal(strncmp(m->name, "ctg.", 4), 0);
        for (const luaL_Reg *o = ctg_native_modules; o != m; o++)
            if (strcmp(o->name, m->name) == 0)
                fail_msg("%s listed twice", m->name);
    }
    assert_true(n >= 10);
}

static void the_runtime_preloads_exactly_the_table(void **state)
{
    (void)state;
    struct ctg_options opts = {0};
    lua_State *L = ctg_runtime_new(&opts);
    assert_non_null(L);
    int listed = 0;
    for (const luaL_Reg *m = ctg_native_modules; m->name; m++, listed++) {
        luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_PRELOAD_TABLE);
        lua_getfield(L, -1, m->name);
        if (lua_tocfunction(L, -1) != m->func)
            fail_msg("%s is not preloaded with its luaopen", m->name);
        lua_pop(L, 2);
        /* require opens it into a table */
        lua_getglobal(L, "require");
        lua_pushstring(L, m->name);
        if (lua_pcall(L, 1, 1, 0) != LUA_OK)
            fail_msg("require %s: %s", m->name, lua_tostring(L, -1));
        assert_int_equal(lua_type(L, -1), LUA_TTABLE);
        lua_pop(L, 1);
    }
    /* nothing preloaded in C that the table does not list */
    luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_PRELOAD_TABLE);
    int preloaded = 0;
    lua_pushnil(L);
    while (lua_next(L, -2)) {
        preloaded += lua_iscfunction(L, -1);
        lua_pop(L, 1);
    }
    assert_int_equal(preloaded, listed);
    ctg_runtime_close(L);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(names_are_ctg_modules_listed_once),
        cmocka_unit_test(the_runtime_preloads_exactly_the_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
