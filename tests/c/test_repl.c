/* The REPL: telling unfinished input from complete input and real syntax errors, and the
 * non-interactive loop over streams (evaluation, printing, errors, exit code). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <lauxlib.h>
#include <lualib.h>

#include "ctg.h"
#include "repl.h"

static int setup(void **state)
{
    lua_State *L = luaL_newstate();
    luaL_openlibs(L);
    *state = L;
    return 0;
}

static int teardown(void **state)
{
    lua_close(*state);
    return 0;
}

static void assert_incomplete(lua_State *L, const char *chunk)
{
    if (!ctg_repl_is_incomplete(L, chunk))
        fail_msg("should be incomplete: %s", chunk);
    assert_int_equal(lua_gettop(L), 0);
}

static void assert_complete(lua_State *L, const char *chunk)
{
    if (ctg_repl_is_incomplete(L, chunk))
        fail_msg("should be complete: %s", chunk);
    assert_int_equal(lua_gettop(L), 0);
}

static void open_blocks_are_incomplete(void **state)
{
    lua_State *L = *state;
    assert_incomplete(L, "function f()");
    assert_incomplete(L, "local function f(a, b)");
    assert_incomplete(L, "f = function()");
    assert_incomplete(L, "if x then");
    assert_incomplete(L, "if x then y() else");
    assert_incomplete(L, "for i = 1, 3 do");
    assert_incomplete(L, "while true do");
    assert_incomplete(L, "repeat");
    assert_incomplete(L, "do");
    assert_incomplete(L, "function f()\n  return 1");
}

static void open_expressions_are_incomplete(void **state)
{
    lua_State *L = *state;
    assert_incomplete(L, "{");
    assert_incomplete(L, "t = {1, 2,");
    assert_incomplete(L, "{a = {b = 1}");
    assert_incomplete(L, "f(1,");
    assert_incomplete(L, "f(1, {a = 2,");
    assert_incomplete(L, "db:query([[SELECT 1");
    assert_incomplete(L, "ctg.evaluate(p, db, {");
    /* brackets inside strings and comments do not count */
    assert_complete(L, "x = 1 -- (");
    assert_complete(L, "x = '(' x");
}

/* A line that ends on an operator, an assignment without its value or a value alone: no
 * next line is meant to finish it. Reading on would swallow the next command. */
static void dangling_lines_are_errors_at_once(void **state)
{
    lua_State *L = *state;
    assert_complete(L, "x =");
    assert_complete(L, "1 +");
    assert_complete(L, "=1 +");
    assert_complete(L, "local x =");
    assert_complete(L, "x = 1 x");
    assert_complete(L, "x");
    assert_complete(L, "x = 1; x");
    assert_complete(L, "t.");
}

static void long_strings_and_comments_are_incomplete(void **state)
{
    lua_State *L = *state;
    assert_incomplete(L, "s = [[abc");
    assert_incomplete(L, "[==[abc]]");
    assert_incomplete(L, "--[[ a comment");
    assert_incomplete(L, "x = 1 --[==[ comment ]]");
    /* a backslash at the end of a line continues a short string */
    assert_incomplete(L, "s = \"abc\\");
}

static void complete_chunks(void **state)
{
    lua_State *L = *state;
    assert_complete(L, "x = 1");
    assert_complete(L, "1 + 1");
    assert_complete(L, "=1 + 1");
    assert_complete(L, "=");
    assert_complete(L, "");
    assert_complete(L, "-- just a comment");
    assert_complete(L, "function f() end");
    assert_complete(L, "print('hi')");
    assert_complete(L, "{1, 2}");
    assert_complete(L, "s = [[a\nb]]");
    assert_complete(L, "--[[ a\ncomment ]]");
    assert_complete(L, "function f()\n  return 1\nend");
}

static void syntax_errors_are_complete(void **state)
{
    lua_State *L = *state;
    assert_complete(L, "x = = 1");
    assert_complete(L, "1 +* 2");
    assert_complete(L, "end");
    assert_complete(L, "local 1 = 2");
    assert_complete(L, "for i = 1 do");
    /* an unclosed short string is an error, not an invitation to read more lines */
    assert_complete(L, "\"abc");
    assert_complete(L, "x = 'abc");
    assert_complete(L, "f(\"abc");
}

/* ---- The loop over streams ------------------------------------------------------------- */

struct session {
    int rc;
    char *out, *err;
    size_t outlen, errlen;
};

static void run_session(lua_State *L, const char *input, struct session *s)
{
    FILE *in = fmemopen((void *)input, strlen(input), "r");
    FILE *out = open_memstream(&s->out, &s->outlen);
    FILE *err = open_memstream(&s->err, &s->errlen);
    assert_non_null(in);
    assert_non_null(out);
    assert_non_null(err);
    s->rc = ctg_repl_run_stream(L, in, out, err);
    fclose(in);
    fclose(out);
    fclose(err);
    assert_int_equal(lua_gettop(L), 0);
}

static void end_session(struct session *s)
{
    free(s->out);
    free(s->err);
}

/* Run input; check stdout, stderr and the exit code exactly. */
static void expect_session(lua_State *L, const char *input, const char *out, const char *err,
                           int rc)
{
    struct session s;
    run_session(L, input, &s);
    assert_string_equal(s.out, out);
    assert_string_equal(s.err, err);
    assert_int_equal(s.rc, rc);
    end_session(&s);
}

static void expressions_print_their_values(void **state)
{
    lua_State *L = *state;
    expect_session(L, "x = 40\nx + 2\n", "42\n", "", 0);
    expect_session(L, "=1+1\n", "2\n", "", 0);
    expect_session(L, "  = 'a' .. 'b'\n", "\"ab\"\n", "", 0);
    expect_session(L, "{b = 2, a = {1, 2}}\n", "{a = {1, 2}, b = 2}\n", "", 0);
    expect_session(L, "1, 'x', nil\n", "1\t\"x\"\tnil\n", "", 0);
    expect_session(L, "nil\n", "nil\n", "", 0);
    expect_session(L, "1+1", "2\n", "", 0);  /* no final newline */
}

static void statements_print_non_nil_results(void **state)
{
    lua_State *L = *state;
    expect_session(L, "local y = 1\n", "", "", 0);
    expect_session(L, "return nil\n", "", "", 0);
    expect_session(L, "return nil, nil\n", "", "", 0);
    expect_session(L, "return nil, 2\n", "nil\t2\n", "", 0);
    expect_session(L, "(function() end)()\n", "", "", 0);
    expect_session(L, "\n\n   \n", "", "", 0);
}

static void chunks_span_lines(void **state)
{
    lua_State *L = *state;
    expect_session(L, "function f(a)\n  return a * 2\nend\nf(21)\n", "42\n", "", 0);
    expect_session(L, "{\n  1,\n  2}\n", "{1, 2}\n", "", 0);
    expect_session(L, "s = [[a\nb]]\ns\n", "\"a\\nb\"\n", "", 0);
    expect_session(L, "=1 +\n2\n", "2\n", "erreur : [saisie]:1: unexpected symbol near <eof>\n", 1);
}

/* `x = 1; x`: the statements run, then the expression's value is shown. */
static void statements_then_an_expression(void **state)
{
    lua_State *L = *state;
    expect_session(L, "x = 1; x\n", "1\n", "", 0);
    expect_session(L, "local t = {}; t[1] = 'a'; #t, t[1]\n", "1\t\"a\"\n", "", 0);
    expect_session(L, "s = 'a;b'; s\n", "\"a;b\"\n", "", 0);
    /* a call last shows its results, as a call alone does; an assignment last shows nothing */
    expect_session(L, "function f() return 7 end; f()\n", "7\n", "", 0);
    expect_session(L, "a = 1; b = a + 1\nb\n", "2\n", "", 0);
    /* a value alone after a statement is an error at its line; the next line runs */
    expect_session(L, "x = 1 x\n'next'\n", "\"next\"\n",
                   "erreur : [saisie]:1: syntax error near <eof>\n", 1);
}

static void errors_are_reported_and_the_loop_goes_on(void **state)
{
    lua_State *L = *state;
    expect_session(L, "error('boom')\nx = = 1\n1 + 1\n", "2\n",
                   "erreur : [saisie]:1: boom\nerreur : [saisie]:2: unexpected symbol near '='\n", 1);
    expect_session(L, "error({})\n", "", "erreur : (error object is a table value)\n", 1);
    expect_session(L, "error(setmetatable({}, {__tostring = function() return 'E!' end}))\n",
                   "", "erreur : E!\n", 1);
    expect_session(L, "nope()\n", "",
                   "erreur : [saisie]:1: attempt to call a nil value (global 'nope')\n", 1);
}

/* Errors name the input's line: a function defined in an earlier chunk keeps its own lines;
 * a message that only looks like a chunk name is left as it is. */
static void errors_name_the_input_line(void **state)
{
    lua_State *L = *state;
    expect_session(L, "x = 1\nfunction f()\n  error('in f')\nend\n\nf()\n", "",
                   "erreur : [saisie]:3: in f\n", 1);
    expect_session(L, "error('[saisie@x] [saisie@2]:y', 0)\n", "",
                   "erreur : [saisie@x] [saisie@2]:y\n", 1);
}

static void unclosed_string_does_not_swallow_lines(void **state)
{
    lua_State *L = *state;
    expect_session(L, "\"abc\n1\n", "1\n",
                   "erreur : [saisie]:1: unfinished string near '\"abc'\n", 1);
}

static void input_ending_inside_a_chunk(void **state)
{
    lua_State *L = *state;
    expect_session(L, "1\nfor i = 1, 2 do\n", "1\n",
                   "erreur : [saisie]:3: 'end' expected (to close 'for' at line 1) near <eof>\n",
                   1);
    expect_session(L, "{1\n", "",
                   "erreur : [saisie]:2: '}' expected (to close '{' at line 1) near <eof>\n", 1);
}

static void tostring_errors_do_not_fail_printing(void **state)
{
    lua_State *L = *state;
    expect_session(L, "setmetatable({}, {__tostring = function() error('no', 0) end})\n",
                   "<error in __tostring: no>\n", "", 0);
}

/* ---- Completion ------------------------------------------------------------------------ */

/* The completions of text, joined by spaces. */
static const char *completions(lua_State *L, const char *text)
{
    static char joined[4096];
    int n = ctg_repl_complete(L, text);
    joined[0] = '\0';
    for (int i = 1; i <= n; i++) {
        lua_rawgeti(L, -1, i);
        if (i > 1)
            strcat(joined, " ");
        strncat(joined, lua_tostring(L, -1), sizeof joined - strlen(joined) - 2);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    assert_int_equal(lua_gettop(L), 0);
    return joined;
}

static void run_lua(lua_State *L, const char *code)
{
    if (luaL_dostring(L, code) != LUA_OK)
        fail_msg("%s", lua_tostring(L, -1));
    lua_settop(L, 0);
}

static void completes_globals_and_keywords(void **state)
{
    lua_State *L = *state;
    run_lua(L, "plot_one, plot_two = 1, 2");
    assert_string_equal(completions(L, "plot_"), "plot_one plot_two");
    assert_string_equal(completions(L, "strin"), "string");
    assert_string_equal(completions(L, "fun"), "function");
    assert_string_equal(completions(L, "no_such_thing"), "");
}

static void completes_field_paths(void **state)
{
    lua_State *L = *state;
    run_lua(L, "p = {axes = {{}, {title = 't', tick = 1, [3] = 0, ['not id'] = 1}}}");
    assert_string_equal(completions(L, "p.ax"), "p.axes");
    assert_string_equal(completions(L, "p.axes[2].ti"), "p.axes[2].tick p.axes[2].title");
    assert_string_equal(completions(L, "p.axes[2]."), "p.axes[2].tick p.axes[2].title");
    assert_string_equal(completions(L, "p['axes'][2].t"),
                        "p['axes'][2].tick p['axes'][2].title");
    assert_string_equal(completions(L, "p.axes[9].t"), "");
    assert_string_equal(completions(L, "string.up"), "string.upper");
    assert_string_equal(completions(L, "_G.p.ax"), "_G.p.axes");
}

static void completes_methods_through_index_chains(void **state)
{
    lua_State *L = *state;
    run_lua(L, "local Base = {activate = function() end, accent = 1}\n"
               "local Mid = setmetatable({access = function() end}, {__index = Base})\n"
               "p = setmetatable({acme = 2}, {__index = Mid})\n"
               "s = 'text'");
    assert_string_equal(completions(L, "p:ac"), "p:access p:activate");
    assert_string_equal(completions(L, "p.ac"), "p.accent p.access p.acme p.activate");
    assert_string_equal(completions(L, "s:up"), "s:upper");
    assert_string_equal(completions(L, "io.stdout:wr"), "io.stdout:write");
}

static void never_runs_code_nor_fails(void **state)
{
    lua_State *L = *state;
    run_lua(L, "called = false\n"
               "lazy = setmetatable({}, {__index = function() called = true; return {} end})\n"
               "loop = setmetatable({}, {}) getmetatable(loop).__index = loop");
    assert_string_equal(completions(L, "lazy.x"), "");
    assert_string_equal(completions(L, "lazy.a.b"), "");
    assert_string_equal(completions(L, "loop.x"), "");
    run_lua(L, "assert(called == false)");
    assert_non_null(strstr(completions(L, ""), "print"));  /* everything */
    assert_string_equal(completions(L, "p:go."), "");
    assert_string_equal(completions(L, "x["), "");
    assert_string_equal(completions(L, "1."), "");
    assert_string_equal(completions(L, ".."), "");
    assert_string_equal(completions(L, "string.format."), "");
    assert_string_equal(completions(L, "t[99999999999999999999999]."), "");
}

/* The objects analysts explore: a loaded plan, its nodes, through the real runtime. */
static void completes_plan_objects(void **state)
{
    (void)state;
    lua_State *L = ctg_runtime_new(NULL);
    run_lua(L, "p = ctg.load('examples/clermont-ferrand/plan.lua')");
    assert_string_equal(completions(L, "p:acti"), "p:action");
    assert_string_equal(completions(L, "p:indic"), "p:indicator");
    assert_string_equal(completions(L, "p.axes[2].ti"), "p.axes[2].title");
    assert_string_equal(completions(L, "p:action(7)"), "");
    run_lua(L, "a = p:action(7)");
    assert_string_equal(completions(L, "a:she"), "a:sheet");
    assert_string_equal(completions(L, "a.ste"), "a.steps");
    ctg_runtime_close(L);
}

#define TEST(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(open_blocks_are_incomplete),
        TEST(open_expressions_are_incomplete),
        TEST(dangling_lines_are_errors_at_once),
        TEST(statements_then_an_expression),
        TEST(long_strings_and_comments_are_incomplete),
        TEST(complete_chunks),
        TEST(syntax_errors_are_complete),
        TEST(expressions_print_their_values),
        TEST(statements_print_non_nil_results),
        TEST(chunks_span_lines),
        TEST(errors_are_reported_and_the_loop_goes_on),
        TEST(errors_name_the_input_line),
        TEST(unclosed_string_does_not_swallow_lines),
        TEST(input_ending_inside_a_chunk),
        TEST(tostring_errors_do_not_fail_printing),
        TEST(completes_globals_and_keywords),
        TEST(completes_field_paths),
        TEST(completes_methods_through_index_chains),
        TEST(never_runs_code_nor_fails),
        cmocka_unit_test(completes_plan_objects),
    };
    return cmocka_run_group_tests_name("repl", tests, NULL, NULL);
}
