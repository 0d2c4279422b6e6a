/* The embedded stdlib: every stdlib file is in the binary and require finds it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <lauxlib.h>
#include <lualib.h>

#include "ctg.h"
#include "embedded.h"

static void modules_are_named_from_their_paths(void **state)
{
    (void)state;
    const struct ctg_embedded *fmt = ctg_embedded_find("ctg.fmt");
    assert_non_null(fmt);
    assert_string_equal(fmt->path, "stdlib/ctg/fmt.lua");
    assert_true(fmt->length > 100);
    const struct ctg_embedded *init = ctg_embedded_find("ctg");
    assert_non_null(init);
    assert_string_equal(init->path, "stdlib/ctg/init.lua");
    assert_null(ctg_embedded_find("ctg.nonexistent"));
    assert_null(ctg_embedded_find("ctg.init"));
}

static void require_loads_embedded_source_with_its_path(void **state)
{
    (void)state;
    lua_State *L = ctg_runtime_new(NULL);
    assert_non_null(L);
    assert_int_equal(luaL_dostring(L, "return require('ctg.fmt').number(1234)"), LUA_OK);
    assert_string_equal(lua_tostring(L, -1), "1\xE2\x80\xAF" "234");
    lua_settop(L, 0);
    /* the chunk name of an embedded module is its source path */
    assert_int_equal(luaL_dostring(L, "return debug.getinfo(require('ctg.suggest').distance, 'S').source"),
                     LUA_OK);
    assert_string_equal(lua_tostring(L, -1), "@stdlib/ctg/suggest.lua");
    lua_settop(L, 0);
    assert_int_not_equal(luaL_dostring(L, "require('ctg.nope')"), LUA_OK);
    assert_non_null(strstr(lua_tostring(L, -1), "no embedded module 'ctg.nope'"));
    ctg_runtime_close(L);
}

static void stdlib_sources_are_recognised(void **state)
{
    (void)state;
    assert_true(ctg_embedded_is_stdlib_source("@stdlib/ctg/dsl.lua"));
    assert_false(ctg_embedded_is_stdlib_source("@plan.lua"));
    assert_false(ctg_embedded_is_stdlib_source("=stdin"));
    assert_false(ctg_embedded_is_stdlib_source(NULL));
}

/* An error raised in a stdlib function is reported at the user's line. */
static void errors_point_at_the_user_frame(void **state)
{
    (void)state;
    lua_State *L = ctg_runtime_new(NULL);
    const char *code = "local fmt = require('ctg.fmt')\n"
                       "local s = fmt.number('x')\nreturn s\n";
    assert_int_equal(luaL_loadbuffer(L, code, strlen(code), "@user.lua"), LUA_OK);
    assert_int_not_equal(ctg_runtime_pcall(L, 0, 0), LUA_OK);
    const char *msg = lua_tostring(L, -1);
    assert_non_null(msg);
    assert_memory_equal(msg, "user.lua:2: ", strlen("user.lua:2: "));
    ctg_runtime_close(L);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(modules_are_named_from_their_paths),
        cmocka_unit_test(require_loads_embedded_source_with_its_path),
        cmocka_unit_test(stdlib_sources_are_recognised),
        cmocka_unit_test(errors_point_at_the_user_frame),
    };
    return cmocka_run_group_tests_name("embedded", tests, NULL, NULL);
}
