/* ctg.model: the index and the invariants, driven through its Lua API on a real state. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>
#include <lauxlib.h>
#include <lualib.h>

#include "ctg.h"
#include "model.h"

static lua_State *new_state(void)
{
    lua_State *L = luaL_newstate();
    luaL_openlibs(L);
    luaL_requiref(L, "ctg.model", luaopen_ctg_model, 0);
    lua_setglobal(L, "model");
    return L;
}

/* Run code that returns one string; compare it. */
static void expect_lua(lua_State *L, const char *code, const char *expected)
{
    if (luaL_dostring(L, code) != LUA_OK)
        fail_msg("Lua error: %s", lua_tostring(L, -1));
    assert_string_equal(lua_tostring(L, -1), expected);
    lua_settop(L, 0);
}

static const char *SETUP =
    "p = model.new(2021, 2025)\n"
    "assert(p:add('axis', 1, {number = 1}, nil, 'plan.lua', 10))\n"
    "assert(p:add('objective', '1-1', {code = '1-1'}, 1, 'plan.lua', 11))\n"
    "assert(p:add('action', 5, {number = 5, title = 'Favoriser le lien social'}, '1-1', 'plan.lua', 12))\n"
    "assert(p:add('step', '5-E', {letter = 'D', years = {2022}}, 5, 'plan.lua', 13))\n"
    "assert(p:add('stake', 4, {number = 4}, nil, 'plan.lua', 3))\n"
    "assert(p:add('sheet', '5', {actions = {5}, stakes = {4}}, nil, 'plan.lua', 20))\n"
    "assert(p:add('indicator', 'places_100', {id = 'places_100', targets = {[2023] = 21}, baseline = 2020}, '5', 'plan.lua', 21))\n";

static void lookups_are_by_kind_and_code(void **state)
{
    (void)state;
    lua_State *L = new_state();
    assert_int_equal(luaL_dostring(L, SETUP), LUA_OK);
    expect_lua(L, "return p:get('action', 5).title", "Favoriser le lien social");
    expect_lua(L, "return p:get('action', '5').title", "Favoriser le lien social");
    expect_lua(L, "return p:get('step', '5-E').letter", "D");
    expect_lua(L, "return tostring(p:get('step', '5-D'))", "nil");
    expect_lua(L, "return tostring(p:get('stake', 5))", "nil");
    expect_lua(L, "return p:parent('step', '5-E').title", "Favoriser le lien social");
    expect_lua(L, "local f, l = p:location('indicator', 'places_100') return f .. ':' .. l", "plan.lua:21");
    expect_lua(L, "local c = p:counts() return c.action .. ' ' .. c.step .. ' ' .. c.rule", "1 1 0");
    expect_lua(L, "return #p:list('step') .. ' ' .. p:list('axis')[1].number", "1 1");
    lua_close(L);
}

static void many_nodes_stay_reachable(void **state)
{
    (void)state;
    lua_State *L = new_state();
    expect_lua(L,
                  "local p = model.new(2021, 2025)\n"
                  "for i = 1, 5000 do assert(p:add('stake', i, {number = i})) end\n"
                  "for i = 1, 5000 do assert(p:get('stake', i).number == i) end\n"
                  "return tostring(#p:list('stake'))",
                  "5000");
    lua_close(L);
}

static void invariants_refuse_bad_nodes(void **state)
{
    (void)state;
    lua_State *L = new_state();
    assert_int_equal(luaL_dostring(L, SETUP), LUA_OK);
    expect_lua(L, "return (select(2, p:add('action', 5, {}, '1-1', 'plan.lua', 30)))",
                  "plan.lua:30: duplicate action 5 (first declared at plan.lua:12)");
    expect_lua(L, "return (select(2, p:add('step', '6-A', {}, 5, 'plan.lua', 31)))",
                  "plan.lua:31: step code '6-A' does not belong to action 5 (expected '5-…')");
    expect_lua(L, "return (select(2, p:add('step', '5-Z', {}, 9, 'plan.lua', 32)))",
                  "plan.lua:32: step 5-Z names action 9, which is not declared");
    expect_lua(L, "return (select(2, p:add('objective', '2-1', {}, nil, 'plan.lua', 33)))",
                  "plan.lua:33: objective 2-1 must be declared inside a axis");
    expect_lua(L, "return (select(2, p:add('objective', '2-1', {}, 1, 'plan.lua', 34)))",
                  "plan.lua:34: objective code '2-1' does not belong to axis 1 (expected '1-…')");
    /* the words of a refusal, for ctg.dsl to say it in the user's language */
    expect_lua(L, "local _, _, w = p:add('action', 5, {}, '1-1', 'plan.lua', 35)\n"
                  "return w.key .. ' ' .. w.kind .. ' ' .. w.code .. ' ' .. w.file .. ':' .. w.line",
                  "duplicate action 5 plan.lua:12");
    expect_lua(L, "local _, _, w = p:add('step', '5-Z', {}, 9, 'plan.lua', 36)\n"
                  "return w.key .. ' ' .. w.parent_kind .. ' ' .. w.parent_code",
                  "unknown-parent action 9");
    lua_close(L);
}

static void validate_checks_references_and_years(void **state)
{
    (void)state;
    lua_State *L = new_state();
    assert_int_equal(luaL_dostring(L, SETUP), LUA_OK);
    expect_lua(L, "return tostring(#p:validate())", "0");
    expect_lua(L,
                  "assert(p:add('sheet', '9', {actions = {9}, stakes = {4, 13}}, nil, 'plan.lua', 40))\n"
                  "assert(p:add('step', '5-F', {years = {2020, 2026}}, 5, 'plan.lua', 41))\n"
                  "assert(p:add('indicator', 'x', {targets = {['2027-09'] = 1}, baseline = 2026}, '9', 'plan.lua', 42))\n"
                  "local out = {}\n"
                  "for _, f in ipairs(p:validate()) do out[#out + 1] = f.line .. ' ' .. f.message end\n"
                  "return table.concat(out, '\\n')",
                  "40 sheet 9 names action 9 in 'actions', which is not declared\n"
                  "40 sheet 9 names stake 13 in 'stakes', which is not declared\n"
                  "41 step 5-F: year 2020 lies outside the plan period 2021-2025\n"
                  "41 step 5-F: year 2026 lies outside the plan period 2021-2025\n"
                  "42 indicator x: baseline 2026 lies outside the plan period 2021-2025");
    /* targets' years are ctg.crosscheck's (the plan and its renewal year, yearly or cumulative) */
    expect_lua(L,
                  "local f = p:validate()[3].words\n"
                  "return f.key .. ' ' .. f.kind .. ' ' .. f.code .. ' ' .. f.what .. ' ' .. f.year .. ' ' .. f.first .. '-' .. f.last",
                  "outside-period step 5-F year 2020 2021-2025");
    lua_close(L);
}

static void kinds_are_named(void **state)
{
    (void)state;
    assert_int_equal(ctg_kind_from_name("step"), CTG_STEP);
    assert_int_equal(ctg_kind_from_name("steps"), -1);
    assert_string_equal(ctg_kind_name(CTG_INDICATOR), "indicator");
    lua_State *L = new_state();
    assert_int_not_equal(luaL_dostring(L, "model.new(2021, 2025):get('acton', 1)"), LUA_OK);
    assert_non_null(strstr(lua_tostring(L, -1), "unknown kind 'acton'"));
    lua_close(L);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lookups_are_by_kind_and_code),
        cmocka_unit_test(many_nodes_stay_reachable),
        cmocka_unit_test(invariants_refuse_bad_nodes),
        cmocka_unit_test(validate_checks_references_and_years),
        cmocka_unit_test(kinds_are_named),
    };
    return cmocka_run_group_tests_name("model", tests, NULL, NULL);
}
