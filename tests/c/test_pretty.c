/* The pretty printer: exact renderings of values, tables and their layout. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>
#include <lauxlib.h>
#include <lualib.h>

#include "repl.h"

static int setup(void **state)
{
    lua_State *L = luaL_newstate();
    luaL_openlibs(L);
    luaL_requiref(L, "ctg.pretty", luaopen_ctg_pretty, 0);
    lua_setglobal(L, "pretty");
    *state = L;
    return 0;
}

static int teardown(void **state)
{
    lua_close(*state);
    return 0;
}

/* The rendering of the value returned by a Lua chunk; it stays on the stack until the next
 * call. */
static const char *render_with(lua_State *L, const char *chunk,
                               const struct ctg_pretty_opts *opts)
{
    lua_settop(L, 0);
    if (luaL_loadbuffer(L, chunk, strlen(chunk), "=test") != LUA_OK ||
        lua_pcall(L, 0, 1, 0) != LUA_OK)
        fail_msg("%s", lua_tostring(L, -1));
    return ctg_pretty_push(L, -1, opts);
}

static const char *render(lua_State *L, const char *chunk)
{
    return render_with(L, chunk, NULL);
}

/* Same through ctg.pretty.format: chunk is Lua code that returns the string. */
static const char *format(lua_State *L, const char *chunk)
{
    lua_settop(L, 0);
    if (luaL_dostring(L, chunk) != LUA_OK)
        fail_msg("%s", lua_tostring(L, -1));
    assert_int_equal(lua_type(L, -1), LUA_TSTRING);
    return lua_tostring(L, -1);
}

static void scalars(void **state)
{
    lua_State *L = *state;
    assert_string_equal(render(L, "return nil"), "nil");
    assert_string_equal(render(L, "return true"), "true");
    assert_string_equal(render(L, "return false"), "false");
}

static void numbers(void **state)
{
    lua_State *L = *state;
    assert_string_equal(render(L, "return 42"), "42");
    assert_string_equal(render(L, "return -7"), "-7");
    assert_string_equal(render(L, "return math.mininteger"), "-9223372036854775808");
    assert_string_equal(render(L, "return 1.5"), "1.5");
    /* a float with no fractional part reads as the user writes it */
    assert_string_equal(render(L, "return 3.0"), "3");
    assert_string_equal(render(L, "return 729.0"), "729");
    assert_string_equal(render(L, "return 1e14"), "100000000000000");
    assert_string_equal(render(L, "return 1e15"), "1e+15");
    assert_string_equal(render(L, "return 1e100"), "1e+100");
    assert_string_equal(render(L, "return 0.1"), "0.1");
    assert_string_equal(render(L, "return -0.0"), "-0");
    assert_string_equal(render(L, "return 1/0"), "inf");
    assert_string_equal(render(L, "return -1/0"), "-inf");
    assert_string_equal(render(L, "return 0/0"), "nan");
    assert_string_equal(render(L, "return -(0/0)"), "nan");
}

static void strings(void **state)
{
    lua_State *L = *state;
    assert_string_equal(render(L, "return 'abc'"), "\"abc\"");
    assert_string_equal(render(L, "return ''"), "\"\"");
    assert_string_equal(render(L, "return 'say \"hi\"\\\\'"), "\"say \\\"hi\\\"\\\\\"");
    assert_string_equal(render(L, "return 'a\\nb\\tc\\r'"), "\"a\\nb\\tc\\r\"");
    assert_string_equal(render(L, "return '\\a\\b\\f\\v'"), "\"\\a\\b\\f\\v\"");
    /* other control characters: decimal, padded to three digits when a digit follows */
    assert_string_equal(render(L, "return '\\27[0m'"), "\"\\27[0m\"");
    assert_string_equal(render(L, "return '\\0' .. '1'"), "\"\\0001\"");
    assert_string_equal(render(L, "return '\\0x'"), "\"\\0x\"");
    assert_string_equal(render(L, "return '\\127'"), "\"\\127\"");
}

static void utf8_text_stays_readable(void **state)
{
    lua_State *L = *state;
    assert_string_equal(render(L, "return 'é'"), "\"é\"");
    assert_string_equal(render(L, "return 'Zoë — 日本 🙂'"), "\"Zoë — 日本 🙂\"");
    /* stray bytes, overlong forms and surrogates are escaped; C1 controls too */
    assert_string_equal(render(L, "return 'a\\255b'"), "\"a\\255b\"");
    assert_string_equal(render(L, "return '\\xC3'"), "\"\\195\"");
    assert_string_equal(render(L, "return '\\xC0\\xAF'"), "\"\\192\\175\"");
    assert_string_equal(render(L, "return '\\xED\\xA0\\x80'"), "\"\\237\\160\\128\"");
    assert_string_equal(render(L, "return '\\u{85}'"), "\"\\u{85}\"");
}

static void empty_table_and_lists(void **state)
{
    lua_State *L = *state;
    assert_string_equal(render(L, "return {}"), "{}");
    assert_string_equal(render(L, "return {1, 2, 3}"), "{1, 2, 3}");
    assert_string_equal(render(L, "return {'a', true, 2.5}"), "{\"a\", true, 2.5}");
    /* a hole ends the list part: later integers get explicit keys */
    assert_string_equal(render(L, "return {1, 2, nil, 4}"), "{1, 2, [4] = 4}");
}

static void nested(void **state)
{
    lua_State *L = *state;
    assert_string_equal(render(L, "return {a = {b = {c = 1}}, list = {1, {2, 3}}}"),
                        "{a = {b = {c = 1}}, list = {1, {2, 3}}}");
    assert_string_equal(render(L, "return {{}, {{}}}"), "{{}, {{}}}");
}

static void sorted_mixed_keys(void **state)
{
    lua_State *L = *state;
    struct ctg_pretty_opts wide = ctg_pretty_defaults();
    wide.width = 200;
    assert_string_equal(
        render_with(L,
                    "return {[10] = 'ten', 1, 2, [-1] = 'neg', [2.5] = 'f', z = 1, a = 2,"
                    " ['with space'] = 3, ['end'] = 4, B = 0, [true] = 5, [false] = 6}",
                    &wide),
        "{1, 2, [-1] = \"neg\", [2.5] = \"f\", [10] = \"ten\", B = 0, a = 2, [\"end\"] = 4, "
        "[\"with space\"] = 3, z = 1, [false] = 6, [true] = 5}");
    /* table keys: after the others by type name, ordered by their rendering */
    assert_string_equal(render(L, "return {[{2}] = 'b', [{1}] = 'a', x = 0}"),
                        "{x = 0, [{1}] = \"a\", [{2}] = \"b\"}");
}

static void cycles(void **state)
{
    lua_State *L = *state;
    assert_string_equal(
        render(L, "local t = {name = 'root'}; t.self = t; t.kids = {t}; return t"),
        "{kids = {<cycle>}, name = \"root\", self = <cycle>}");
    /* a table seen twice without a cycle prints twice */
    assert_string_equal(render(L, "local s = {1}; return {a = s, b = s}"),
                        "{a = {1}, b = {1}}");
}

static void depth_cut(void **state)
{
    lua_State *L = *state;
    struct ctg_pretty_opts shallow = ctg_pretty_defaults();
    shallow.depth = 1;
    assert_string_equal(render(L, "return {{{{{1}}}}}"), "{{{{{…}}}}}");
    assert_string_equal(render(L, "return {{{{1}}}}"), "{{{{1}}}}");
    assert_string_equal(render_with(L, "return {a = {1}, b = 2, c = {}}", &shallow),
                        "{a = {…}, b = 2, c = {}}");
    shallow.depth = 0;
    assert_string_equal(render_with(L, "return {1}", &shallow), "{…}");
}

static void long_table_cut(void **state)
{
    lua_State *L = *state;
    struct ctg_pretty_opts few = ctg_pretty_defaults();
    few.max_items = 5;
    const char *sixty = "local t = {} for i = 1, 60 do t[i] = i end return t";
    assert_string_equal(render_with(L, sixty, &few), "{1, 2, 3, 4, 5, … (55 more)}");
    assert_string_equal(render_with(L, "return {1, 2, x = 1, y = 2, z = 3, w = 4}", &few),
                        "{1, 2, w = 4, x = 1, y = 2, … (1 more)}");
    /* the default, 50 items; plain list items fill the lines */
    assert_string_equal(
        render(L, sixty),
        "{\n"
        "  1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,\n"
        "  23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41,\n"
        "  42, 43, 44, 45, 46, 47, 48, 49, 50,\n"
        "  … (10 more)\n"
        "}");
}

static void layout_by_width(void **state)
{
    lua_State *L = *state;
    struct ctg_pretty_opts narrow = ctg_pretty_defaults();
    narrow.width = 40;
    assert_string_equal(
        render_with(L,
                    "return {alpha = {1, 2, 3}, beta = 'a long string value here',"
                    " gamma = {x = 1, y = {'nested', 'deeper'}}}",
                    &narrow),
        "{\n"
        "  alpha = {1, 2, 3},\n"
        "  beta = \"a long string value here\",\n"
        "  gamma = {\n"
        "    x = 1,\n"
        "    y = {\"nested\", \"deeper\"}\n"
        "  }\n"
        "}");
    /* exactly the width fits on one line; one more column does not */
    narrow.width = 9;
    assert_string_equal(render_with(L, "return {1, 2, 3}", &narrow), "{1, 2, 3}");
    narrow.width = 8;
    assert_string_equal(render_with(L, "return {1, 2, 3}", &narrow), "{\n  1, 2,\n  3\n}");
    narrow.width = 10;
    assert_string_equal(render_with(L, "return {1, 2, 3, {}}", &narrow),
                        "{\n  1, 2, 3,\n  {}\n}");
    /* "…" and "é" count as one column each */
    narrow.width = 7;
    assert_string_equal(render_with(L, "return {'éé'}", &narrow), "{\"éé\"}");
}

static void tostring_metamethod(void **state)
{
    lua_State *L = *state;
    assert_string_equal(
        render(L, "return setmetatable({}, {__tostring = function() return 'P(1, 2)' end})"),
        "P(1, 2)");
    assert_string_equal(
        render(L, "local p = setmetatable({}, {__tostring = function() return 'P' end})"
                  " return {p, at = p}"),
        "{P, at = P}");
    assert_string_equal(
        render(L, "return setmetatable({}, {__tostring = function() error('bad', 0) end})"),
        "<error in __tostring: bad>");
    assert_string_equal(
        render(L, "return setmetatable({}, {__tostring = function() error({}) end})"),
        "<error in __tostring: (error object is a table value)>");
    assert_string_equal(
        render(L, "return setmetatable({}, {__tostring = function() return {} end})"),
        "<error in __tostring: '__tostring' must return a string>");
}

static void named_tables(void **state)
{
    lua_State *L = *state;
    assert_string_equal(render(L, "return setmetatable({x = 1}, {__name = 'Axis'})"),
                        "<Axis> {x = 1}");
    assert_string_equal(render(L, "return {setmetatable({}, {__name = 'Axis'})}"),
                        "{<Axis> {}}");
    assert_string_equal(render(L, "return setmetatable({}, {__name = 42})"), "{}");
}

static void userdata(void **state)
{
    lua_State *L = *state;
    lua_settop(L, 0);
    lua_newuserdatauv(L, 8, 0);
    assert_string_equal(ctg_pretty_push(L, 1, NULL), "<userdata>");
    luaL_newmetatable(L, "Thing");
    lua_setmetatable(L, 1);
    assert_string_equal(ctg_pretty_push(L, 1, NULL), "<Thing>");
    lua_settop(L, 0);
}

static void functions(void **state)
{
    lua_State *L = *state;
    const char *code = "\n\nreturn function() end";
    assert_string_equal(render(L, "return print"), "function: builtin");
    lua_settop(L, 0);
    assert_int_equal(luaL_loadbuffer(L, code, strlen(code), "@plot.lua"), LUA_OK);
    lua_call(L, 0, 1);
    assert_string_equal(ctg_pretty_push(L, 1, NULL), "function: plot.lua:3");
    assert_string_equal(render(L, "return {f = string.len}"), "{f = function: builtin}");
}

static void threads_show_an_address(void **state)
{
    lua_State *L = *state;
    const char *s = render(L, "return coroutine.create(print)");
    assert_true(strncmp(s, "thread: 0x", 10) == 0);
}

static void deterministic(void **state)
{
    lua_State *L = *state;
    const char *chunk =
        "local t = {} for i = 1, 30 do t['k' .. i] = {i, [{i}] = i} end return t";
    char first[4096];
    snprintf(first, sizeof first, "%s", render(L, chunk));
    assert_string_equal(render(L, chunk), first);
    assert_null(strstr(first, "0x"));
}

static void lua_module(void **state)
{
    lua_State *L = *state;
    assert_string_equal(format(L, "return pretty.format({b = 1, a = 'x'})"),
                        "{a = \"x\", b = 1}");
    assert_string_equal(format(L, "return pretty.format({1, 2, 3}, {width = 8})"),
                        "{\n  1, 2,\n  3\n}");
    assert_string_equal(format(L, "return pretty.format({{1}}, {depth = 1})"), "{{…}}");
    assert_string_equal(format(L, "return pretty.format({1, 2, 3}, {max_items = 1})"),
                        "{1, … (2 more)}");
    assert_string_equal(format(L, "return pretty.format(nil)"), "nil");
    lua_settop(L, 0);
    assert_int_not_equal(luaL_dostring(L, "return pretty.format()"), LUA_OK);
    assert_non_null(strstr(lua_tostring(L, -1), "bad argument #1"));
    lua_settop(L, 0);
    assert_int_not_equal(luaL_dostring(L, "return pretty.format(1, {depth = 'x'})"), LUA_OK);
    assert_non_null(strstr(lua_tostring(L, -1), "bad option 'depth'"));
    lua_settop(L, 0);
}

static void stack_is_balanced(void **state)
{
    lua_State *L = *state;
    lua_settop(L, 0);
    assert_int_equal(luaL_dostring(L, "local t = {x = {1, 2}, [{}] = setmetatable({},"
                                      " {__name = 'N'})} t.t = t return t"),
                     LUA_OK);
    ctg_pretty_push(L, 1, NULL);
    assert_int_equal(lua_gettop(L), 2);
    lua_settop(L, 0);
}

#define TEST(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(scalars),
        TEST(numbers),
        TEST(strings),
        TEST(utf8_text_stays_readable),
        TEST(empty_table_and_lists),
        TEST(nested),
        TEST(sorted_mixed_keys),
        TEST(cycles),
        TEST(depth_cut),
        TEST(long_table_cut),
        TEST(layout_by_width),
        TEST(tostring_metamethod),
        TEST(named_tables),
        TEST(userdata),
        TEST(functions),
        TEST(threads_show_an_address),
        TEST(deterministic),
        TEST(lua_module),
        TEST(stack_is_balanced),
    };
    return cmocka_run_group_tests_name("pretty", tests, NULL, NULL);
}
