/* ctg.yaml: decoding (scalar resolution, lines, errors and their positions, the limits
 * that protect against hostile input) and encoding (quoting, floats, key order, round trip). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>
#include <lauxlib.h>
#include <lualib.h>

#include "ctg.h"

/* ---------------------------------------------------------------- helpers */

/* A fresh state per test, with the module required and also bound to the global `yaml`
 * for the checks written in Lua. */
static int setup(void **state)
{
    lua_State *L = luaL_newstate();
    if (!L)
        return -1;
    luaL_openlibs(L);
    luaL_requiref(L, "ctg.yaml", luaopen_ctg_yaml, 0);
    lua_setglobal(L, "yaml");
    *state = L;
    return 0;
}

static int teardown(void **state)
{
    lua_close(*state);
    return 0;
}

/* Run Lua code that must not raise (its asserts are the checks). */
static void lua_ok(lua_State *L, const char *code)
{
    if (luaL_dostring(L, code) != LUA_OK)
        fail_msg("%s", lua_tostring(L, -1));
    lua_settop(L, 0);
}

/* yaml.decode(text, "plan.yaml"): on success the stack holds value and lines. */
static int decode(lua_State *L, const char *text, size_t len)
{
    lua_settop(L, 0);
    lua_getglobal(L, "yaml");
    lua_getfield(L, -1, "decode");
    lua_remove(L, -2);
    lua_pushlstring(L, text, len);
    lua_pushliteral(L, "plan.yaml");
    return lua_pcall(L, 2, 2, 0);
}

static void decode_ok(lua_State *L, const char *text)
{
    if (decode(L, text, strlen(text)) != LUA_OK)
        fail_msg("decode(%s): %s", text, lua_tostring(L, -1));
}

/* The error message of a decode that must fail. */
static const char *decode_error(lua_State *L, const char *text)
{
    assert_int_equal(decode(L, text, strlen(text)), LUA_ERRRUN);
    assert_int_equal(lua_type(L, -1), LUA_TSTRING);
    return lua_tostring(L, -1);
}

/* yaml.encode(value at the top of the stack), which is popped; returns the text (kept on
 * the stack) or fails the test. */
static const char *encode_top(lua_State *L)
{
    lua_getglobal(L, "yaml");
    lua_getfield(L, -1, "encode");
    lua_remove(L, -2);
    lua_insert(L, -2);
    if (lua_pcall(L, 1, 1, 0) != LUA_OK)
        fail_msg("encode: %s", lua_tostring(L, -1));
    return lua_tostring(L, -1);
}

/* The text yaml.encode gives for the Lua expression `expr`. */
static const char *encode_expr(lua_State *L, const char *expr)
{
    lua_settop(L, 0);
    lua_pushfstring(L, "return %s", expr);
    if (luaL_dostring(L, lua_tostring(L, -1)) != LUA_OK)
        fail_msg("%s", lua_tostring(L, -1));
    return encode_top(L);
}

/* ---------------------------------------------------------------- scalars */

enum expect { NUL, BOOL, INT, FLT, STR };

struct scalar_case {
    const char *yaml;   /* the node, written after "- " */
    enum expect kind;
    lua_Integer i;      /* BOOL and INT */
    double d;           /* FLT */
    const char *s;      /* STR */
};

static const struct scalar_case scalar_cases[] = {
    /* null */
    {"~", NUL, 0, 0, NULL}, {"null", NUL, 0, 0, NULL}, {"Null", NUL, 0, 0, NULL},
    {"NULL", NUL, 0, 0, NULL}, {"", NUL, 0, 0, NULL},
    /* booleans: YAML 1.2 core only */
    {"true", BOOL, 1, 0, NULL}, {"True", BOOL, 1, 0, NULL}, {"TRUE", BOOL, 1, 0, NULL},
    {"false", BOOL, 0, 0, NULL}, {"False", BOOL, 0, 0, NULL}, {"FALSE", BOOL, 0, 0, NULL},
    {"yes", STR, 0, 0, "yes"}, {"no", STR, 0, 0, "no"}, {"on", STR, 0, 0, "on"},
    {"off", STR, 0, 0, "off"}, {"Yes", STR, 0, 0, "Yes"}, {"tRUE", STR, 0, 0, "tRUE"},
    {"nULL", STR, 0, 0, "nULL"},
    /* decimal integers; too large ones become floats */
    {"0", INT, 0, 0, NULL}, {"-12", INT, -12, 0, NULL}, {"+3", INT, 3, 0, NULL},
    {"007", INT, 7, 0, NULL}, {"9223372036854775807", INT, LUA_MAXINTEGER, 0, NULL},
    {"-9223372036854775808", INT, LUA_MININTEGER, 0, NULL},
    {"9223372036854775808", FLT, 0, 9223372036854775808.0, NULL},
    {"100000000000000000000", FLT, 0, 1e20, NULL},
    /* floats */
    {"1.5", FLT, 0, 1.5, NULL}, {"-0.5e3", FLT, 0, -500.0, NULL}, {"1e3", FLT, 0, 1000.0, NULL},
    {"2E-2", FLT, 0, 0.02, NULL}, {".5", FLT, 0, 0.5, NULL}, {"1.", FLT, 0, 1.0, NULL},
    {"-0.0", FLT, 0, -0.0, NULL}, {".inf", FLT, 0, HUGE_VAL, NULL},
    {".Inf", FLT, 0, HUGE_VAL, NULL}, {"+.INF", FLT, 0, HUGE_VAL, NULL},
    {"-.inf", FLT, 0, -HUGE_VAL, NULL}, {".nan", FLT, 0, NAN, NULL},
    {".NaN", FLT, 0, NAN, NULL}, {".NAN", FLT, 0, NAN, NULL},
    /* everything else is a string */
    {"0x1F", STR, 0, 0, "0x1F"}, {"0o17", STR, 0, 0, "0o17"}, {"1_000", STR, 0, 0, "1_000"},
    {"1.2.3", STR, 0, 0, "1.2.3"}, {"inf", STR, 0, 0, "inf"}, {"nan", STR, 0, 0, "nan"},
    {"-.nan", STR, 0, 0, "-.nan"}, {".", STR, 0, 0, "."}, {"e3", STR, 0, 0, "e3"},
    {"1e", STR, 0, 0, "1e"}, {"12 apples", STR, 0, 0, "12 apples"}, {"é", STR, 0, 0, "é"},
    {"2024-01-31", STR, 0, 0, "2024-01-31"},
    /* quoted, block and !!str scalars are strings whatever they say */
    {"'12'", STR, 0, 0, "12"}, {"\"true\"", STR, 0, 0, "true"}, {"''", STR, 0, 0, ""},
    {"\"~\"", STR, 0, 0, "~"}, {"!!str 12", STR, 0, 0, "12"}, {"!!str ~", STR, 0, 0, "~"},
    {"!!str", STR, 0, 0, ""}, {"! 12", STR, 0, 0, "12"}, {"|\n  12", STR, 0, 0, "12\n"},
    {">-\n  1.5", STR, 0, 0, "1.5"}, {"\"a\\tb\"", STR, 0, 0, "a\tb"},
    /* other core tags must fit their value */
    {"!!int 12", INT, 12, 0, NULL}, {"!!float 3", FLT, 0, 3.0, NULL},
    {"!!bool true", BOOL, 1, 0, NULL}, {"!!null ~", NUL, 0, 0, NULL},
};

static void check_scalar(lua_State *L, const struct scalar_case *c)
{
    char text[128];
    snprintf(text, sizeof text, "- %s\n", c->yaml);
    decode_ok(L, text);
    lua_rawgeti(L, 1, 1);
    int t = lua_type(L, -1);
    switch (c->kind) {
    case NUL:
        /* in a sequence, null keeps its place as yaml.null */
        if (t != LUA_TLIGHTUSERDATA)
            fail_msg("%s: expected yaml.null, got %s", c->yaml, lua_typename(L, t));
        lua_getglobal(L, "yaml");
        lua_getfield(L, -1, "null");
        assert_true(lua_rawequal(L, -1, -3));
        break;
    case BOOL:
        if (t != LUA_TBOOLEAN || lua_toboolean(L, -1) != c->i)
            fail_msg("%s: expected boolean %d", c->yaml, (int)c->i);
        break;
    case INT:
        if (!lua_isinteger(L, -1) || lua_tointeger(L, -1) != c->i)
            fail_msg("%s: expected integer %lld, got %s", c->yaml, (long long)c->i,
                     luaL_tolstring(L, -1, NULL));
        break;
    case FLT: {
        if (t != LUA_TNUMBER || lua_isinteger(L, -1))
            fail_msg("%s: expected a float, got %s", c->yaml, luaL_tolstring(L, -1, NULL));
        double d = lua_tonumber(L, -1);
        if (isnan(c->d) ? !isnan(d) : (d != c->d || signbit(d) != signbit(c->d)))
            fail_msg("%s: expected %.17g, got %.17g", c->yaml, c->d, d);
        break;
    }
    case STR:
        if (t != LUA_TSTRING || strcmp(lua_tostring(L, -1), c->s) != 0)
            fail_msg("%s: expected string \"%s\", got %s", c->yaml, c->s,
                     luaL_tolstring(L, -1, NULL));
        break;
    }
    lua_settop(L, 0);
}

static void scalars_resolve_by_the_core_schema(void **state)
{
    lua_State *L = *state;
    for (size_t i = 0; i < sizeof scalar_cases / sizeof scalar_cases[0]; i++)
        check_scalar(L, &scalar_cases[i]);
}

static void null_mapping_values_leave_the_key_absent(void **state)
{
    lua_State *L = *state;
    decode_ok(L, "a: ~\nb:\nc: 1\n");
    lua_getfield(L, 1, "a");
    assert_true(lua_isnil(L, -1));
    lua_getfield(L, 1, "b");
    assert_true(lua_isnil(L, -1));
    lua_getfield(L, 1, "c");
    assert_int_equal(lua_tointeger(L, -1), 1);
    lua_settop(L, 0);
    /* a top-level null is nil */
    decode_ok(L, "~\n");
    assert_true(lua_isnil(L, 1));
    lua_settop(L, 0);
}

static void bad_tags_are_refused(void **state)
{
    lua_State *L = *state;
    assert_string_equal(decode_error(L, "x: !!int abc\n"), "plan.yaml:1:4: 'abc' is not a valid !!int");
    assert_string_equal(decode_error(L, "x: !include other.yaml\n"),
                        "plan.yaml:1:4: unsupported tag !include");
    assert_string_equal(decode_error(L, "x: !!set {a: ~}\n"),
                        "plan.yaml:1:4: unsupported tag tag:yaml.org,2002:set");
}

/* ---------------------------------------------------------------- structures and lines */

static const char plan[] =
    "plan:\n"                       /* 1 */
    "  title: Plan climat\n"        /* 2 */
    "  year: 2024\n"                /* 3 */
    "axes:\n"                       /* 4 */
    "  - code: A1\n"                /* 5 */
    "    tags: [energy, ~, 3]\n"    /* 6 */
    "    objectives:\n"             /* 7 */
    "      - code: O1\n"            /* 8 */
    "        target: 0.5\n"         /* 9 */
    "        note:\n"               /* 10 */
    "  - code: A2\n"                /* 11 */
    "    objectives: []\n"          /* 12 */
    "empty: {}\n";                  /* 13 */

static void nested_structures_decode(void **state)
{
    lua_State *L = *state;
    lua_pushstring(L, plan);
    lua_setglobal(L, "text");
    lua_ok(L, "local v = yaml.decode(text)\n"
              "assert(v.plan.title == 'Plan climat' and math.type(v.plan.year) == 'integer')\n"
              "assert(#v.axes == 2 and v.axes[1].code == 'A1' and v.axes[2].code == 'A2')\n"
              "local tags = v.axes[1].tags\n"
              "assert(#tags == 3 and tags[1] == 'energy' and tags[2] == yaml.null and tags[3] == 3)\n"
              "local o = v.axes[1].objectives[1]\n"
              "assert(o.code == 'O1' and o.target == 0.5 and o.note == nil)\n"
              "assert(next(v.axes[2].objectives) == nil and next(v.empty) == nil)\n");
}

static void lines_give_each_node_and_key(void **state)
{
    lua_State *L = *state;
    lua_pushstring(L, plan);
    lua_setglobal(L, "text");
    lua_ok(L, "local v, lines = yaml.decode(text)\n"
              "local function eq(a, b) assert(a == b, tostring(a) .. ' ~= ' .. tostring(b)) end\n"
              "eq(lines[v][0], 1); eq(lines[v].plan, 1); eq(lines[v].axes, 4); eq(lines[v].empty, 13)\n"
              "eq(lines[v.plan][0], 2); eq(lines[v.plan].title, 2); eq(lines[v.plan].year, 3)\n"
              "eq(lines[v.axes][0], 5); eq(lines[v.axes][1], 5); eq(lines[v.axes][2], 11)\n"
              "local a1 = v.axes[1]\n"
              "eq(lines[a1][0], 5); eq(lines[a1].code, 5); eq(lines[a1].tags, 6); eq(lines[a1].objectives, 7)\n"
              "eq(lines[a1.tags][0], 6); eq(lines[a1.tags][2], 6)\n"
              "local o1 = a1.objectives[1]\n"
              "eq(lines[o1][0], 8); eq(lines[o1].target, 9)\n"
              "eq(lines[o1].note, 10) -- null values are absent but their keys keep a line\n"
              "eq(lines[v.axes[2].objectives][0], 12); eq(lines[v.empty][0], 13)\n"
              "local n = 0; for _ in pairs(lines) do n = n + 1 end; eq(n, 10)\n");
}

static void keys_are_resolved_scalars(void **state)
{
    lua_State *L = *state;
    lua_ok(L, "local v = yaml.decode('1: a\\n\"1\": b\\ntrue: c\\n1.5: d\\n')\n"
              "assert(v[1] == 'a' and v['1'] == 'b' and v[true] == 'c' and v[1.5] == 'd')\n");
    assert_string_equal(decode_error(L, "a: 1\n~: 2\n"), "plan.yaml:2:1: a mapping key cannot be null");
    assert_string_equal(decode_error(L, ".nan: 1\n"), "plan.yaml:1:1: a mapping key cannot be NaN");
    assert_string_equal(decode_error(L, "? [a]\n: 1\n"),
                        "plan.yaml:1:3: a mapping key must be a scalar, not a sequence");
    assert_string_equal(decode_error(L, "{a: 1}: 2\n"),
                        "plan.yaml:1:1: a mapping key must be a scalar, not a mapping");
}

/* ---------------------------------------------------------------- errors */

static void duplicate_keys_are_refused(void **state)
{
    lua_State *L = *state;
    assert_string_equal(decode_error(L, "a: 1\nb: 2\na: 3\n"),
                        "plan.yaml:3:1: duplicate key \"a\" (first at line 1)");
    /* also when the first value was null, and between 1 and 1.0, which Lua cannot tell */
    assert_string_equal(decode_error(L, "x:\n  a:\n  a: 1\n"),
                        "plan.yaml:3:3: duplicate key \"a\" (first at line 2)");
    assert_string_equal(decode_error(L, "1: a\n1.0: b\n"),
                        "plan.yaml:2:1: duplicate key \"1.0\" (first at line 1)");
    /* "1" and 1 are different keys */
    decode_ok(L, "1: a\n'1': b\n");
}

static void aliases_are_refused(void **state)
{
    lua_State *L = *state;
    assert_string_equal(decode_error(L, "a: &x 1\nb: *x\n"),
                        "plan.yaml:2:4: aliases are not supported (*x)");
    /* an anchor alone is harmless */
    decode_ok(L, "a: &x 1\nb: &y [1, 2]\n");
    lua_getfield(L, 1, "a");
    assert_int_equal(lua_tointeger(L, -1), 1);
    lua_settop(L, 0);
}

/* "Billion laughs": nine levels of nine aliases would expand to 10^9 strings. The first
 * alias stops the decoder, so time and memory stay those of reading two lines. */
static void alias_bomb_is_refused_quickly(void **state)
{
    lua_State *L = *state;
    char text[4096];
    size_t len = (size_t)snprintf(text, sizeof text, "a: &a [\"lol\"%s]\n",
                                  ", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"");
    for (char c = 'b'; c <= 'i'; c++)
        len += (size_t)snprintf(text + len, sizeof text - len,
                                "%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n",
                                c, c, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1);
    lua_gc(L, LUA_GCCOLLECT);
    int kb_before = lua_gc(L, LUA_GCCOUNT);
    clock_t start = clock();
    assert_int_equal(decode(L, text, len), LUA_ERRRUN);
    double seconds = (double)(clock() - start) / CLOCKS_PER_SEC;
    assert_string_equal(lua_tostring(L, -1), "plan.yaml:2:8: aliases are not supported (*a)");
    assert_true(seconds < 0.5);
    assert_true(lua_gc(L, LUA_GCCOUNT) - kb_before < 256);
    lua_settop(L, 0);
}

static void tab_indentation_error_has_its_position(void **state)
{
    lua_State *L = *state;
    assert_string_equal(decode_error(L, "a: 1\nb:\n\tc: 3\n"),
                        "plan.yaml:3:1: found character that cannot start any token "
                        "(while scanning for the next token)");
    assert_string_equal(decode_error(L, "a:\n  b: 1\n\tc: 2\n"),
                        "plan.yaml:3:1: found a tab character that violates indentation "
                        "(while scanning a plain scalar)");
}

static void truncated_document_is_an_error(void **state)
{
    lua_State *L = *state;
    /* libyaml puts the end of a file without final newline on a line of its own; the
     * message points at the end of the last line instead */
    assert_string_equal(decode_error(L, "a: [1, 2"),
                        "plan.yaml:1:9: did not find expected ',' or ']' (while parsing a flow sequence)");
    assert_string_equal(decode_error(L, "a: {b: 1\n"),
                        "plan.yaml:2:1: did not find expected ',' or '}' (while parsing a flow mapping)");
    assert_string_equal(decode_error(L, "a: \"abc"),
                        "plan.yaml:1:8: found unexpected end of stream (while scanning a quoted scalar)");
}

static void encoding_errors_have_a_position(void **state)
{
    lua_State *L = *state;
    assert_string_equal(decode_error(L, "a: 1\nb: \xff\n"),
                        "plan.yaml:2:4: invalid leading UTF-8 octet (value 0xFF)");
    assert_string_equal(decode_error(L, "a: é\x01\n"),
                        "plan.yaml:1:5: control characters are not allowed (value 0x1)");
}

static void name_defaults_to_yaml(void **state)
{
    lua_State *L = *state;
    lua_ok(L, "local ok, err = pcall(yaml.decode, 'a: b: c')\n"
              "assert(err == 'yaml:1:5: mapping values are not allowed in this context', err)\n");
}

static void empty_input_is_nil(void **state)
{
    lua_State *L = *state;
    static const char *const empties[] = {"", "\n", "# only a comment\n", "---\n", "--- ~\n...\n"};
    for (size_t i = 0; i < sizeof empties / sizeof empties[0]; i++) {
        decode_ok(L, empties[i]);
        assert_int_equal(lua_gettop(L), 2);
        assert_true(lua_isnil(L, 1));
        assert_true(lua_istable(L, 2));
        lua_pushnil(L);
        assert_int_equal(lua_next(L, 2), 0);
        lua_settop(L, 0);
    }
}

static void two_documents_are_refused(void **state)
{
    lua_State *L = *state;
    assert_string_equal(decode_error(L, "a: 1\n---\nb: 2\n"),
                        "plan.yaml:2:1: more than one document (expected one)");
    assert_string_equal(decode_error(L, "a: 1\n...\n--- b\n"),
                        "plan.yaml:3:1: more than one document (expected one)");
}

static void nesting_is_limited(void **state)
{
    lua_State *L = *state;
    char text[1024] = "";
    memset(text, '[', 200);
    memset(text + 200, ']', 200);
    decode_ok(L, text);
    lua_settop(L, 0);
    memset(text, '[', 201);
    memset(text + 201, ']', 201);
    assert_string_equal(decode_error(L, text), "plan.yaml:1:201: nesting deeper than 200 levels");
    /* far deeper input stops at the same place */
    size_t deep_len = 1000000;
    char *deep = malloc(deep_len);
    assert_non_null(deep);
    memset(deep, '[', deep_len);
    int status = decode(L, deep, deep_len);
    free(deep);
    assert_int_equal(status, LUA_ERRRUN);
    assert_string_equal(lua_tostring(L, -1), "plan.yaml:1:201: nesting deeper than 200 levels");
    /* block mappings count too */
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (int i = 0; i < 201; i++) {
        for (int j = 0; j < i; j++)
            luaL_addchar(&b, ' ');
        luaL_addstring(&b, "k:\n");
    }
    luaL_pushresult(&b);
    assert_int_equal(decode(L, lua_tostring(L, -1), lua_rawlen(L, -1)), LUA_ERRRUN);
    assert_string_equal(lua_tostring(L, -1), "plan.yaml:201:201: nesting deeper than 200 levels");
    lua_settop(L, 0);
}

/* ---------------------------------------------------------------- encode */

struct string_case {
    const char *value;
    const char *yaml; /* the encoding of {value} */
};

static void tricky_strings_are_quoted(void **state)
{
    lua_State *L = *state;
    static const struct string_case cases[] = {
        {"yes", "- \"yes\"\n"}, {"No", "- \"No\"\n"}, {"1.0", "- \"1.0\"\n"}, {"12", "- \"12\"\n"},
        {"", "- \"\"\n"}, {" x", "- \" x\"\n"}, {"x ", "- \"x \"\n"}, {"a: b", "- \"a: b\"\n"},
        {"a:", "- \"a:\"\n"}, {"#", "- \"#\"\n"}, {"a #b", "- \"a #b\"\n"},
        {"null", "- \"null\"\n"}, {"~", "- \"~\"\n"}, {"true", "- \"true\"\n"},
        {".inf", "- \".inf\"\n"}, {"-", "- \"-\"\n"}, {"- x", "- \"- x\"\n"},
        {"*x", "- \"*x\"\n"}, {"&x", "- \"&x\"\n"}, {"!x", "- \"!x\"\n"}, {"[x]", "- \"[x]\"\n"},
        {"{x}", "- \"{x}\"\n"}, {"'x'", "- \"'x'\"\n"}, {"\"x\"", "- \"\\\"x\\\"\"\n"},
        {"---", "- \"---\"\n"}, {"%x", "- \"%x\"\n"}, {"@x", "- \"@x\"\n"},
        {"a\tb", "- \"a\\tb\"\n"}, {"a\rb", "- \"a\\rb\"\n"},
        {"2024-01-31", "- \"2024-01-31\"\n"},
        /* plain when it reads back the same */
        {"é", "- é\n"}, {"plain text", "- plain text\n"}, {"a:b", "- a:b\n"}, {"a#b", "- a#b\n"},
        {"--verbose", "- --verbose\n"}, {"x, y [z]", "- x, y [z]\n"}, {"y", "- y\n"},
        /* multi-line: a literal block */
        {"one\ntwo", "- |-\n  one\n  two\n"}, {"one\ntwo\n", "- |\n  one\n  two\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        lua_settop(L, 0);
        lua_createtable(L, 1, 0);
        lua_pushstring(L, cases[i].value);
        lua_rawseti(L, -2, 1);
        const char *text = encode_top(L);
        if (strcmp(text, cases[i].yaml) != 0)
            fail_msg("encode {\"%s\"}: got [%s], expected [%s]", cases[i].value, text, cases[i].yaml);
        /* and back */
        decode_ok(L, text);
        lua_rawgeti(L, 1, 1);
        assert_string_equal(lua_tostring(L, -1), cases[i].value);
    }
    lua_settop(L, 0);
}

static void floats_round_trip_exactly(void **state)
{
    lua_State *L = *state;
    static const struct { double d; const char *yaml; } cases[] = {
        {0.1, "0.1\n"}, {1e300, "1e+300\n"}, {-0.0, "-0.0\n"}, {1.0, "1.0\n"}, {-2.5, "-2.5\n"},
        {1e15, "1e+15\n"}, {123456789.0, "123456789.0\n"}, {0.30000000000000004, "0.30000000000000004\n"},
        {5e-324, "4.94065645841247e-324\n"}, {HUGE_VAL, ".inf\n"}, {-HUGE_VAL, "-.inf\n"},
        {NAN, ".nan\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        lua_settop(L, 0);
        lua_pushnumber(L, cases[i].d);
        const char *text = encode_top(L);
        if (strcmp(text, cases[i].yaml) != 0)
            fail_msg("encode %.17g: got [%s], expected [%s]", cases[i].d, text, cases[i].yaml);
        decode_ok(L, text);
        assert_false(lua_isinteger(L, 1));
        double back = lua_tonumber(L, 1);
        if (isnan(cases[i].d))
            assert_true(isnan(back));
        else
            assert_memory_equal(&back, &cases[i].d, sizeof back);
    }
    lua_settop(L, 0);
    assert_string_equal(encode_expr(L, "{math.maxinteger, math.mininteger, 0, -7}"),
                        "- 9223372036854775807\n- -9223372036854775808\n- 0\n- -7\n");
}

static void nested_structure_round_trips(void **state)
{
    lua_State *L = *state;
    const char *value =
        "{ plan = { title = 'Plan climat', year = 2024, ratio = 0.25, draft = false },\n"
        "  axes = { { code = 'A1', tags = { 'x', 'yes', '3' }, objectives = {} },\n"
        "           { code = 'A2', notes = 'line 1\\nline 2', [10] = 'ten', [2.5] = true } },\n"
        "  ['key with: colon'] = { yaml.null, 1 } }";
    assert_string_equal(encode_expr(L, value),
                        "axes:\n"
                        "- code: A1\n"
                        "  objectives: []\n"
                        "  tags:\n"
                        "  - x\n"
                        "  - \"yes\"\n"
                        "  - \"3\"\n"
                        "- 2.5: true\n"
                        "  10: ten\n"
                        "  code: A2\n"
                        "  notes: |-\n"
                        "    line 1\n"
                        "    line 2\n"
                        "\"key with: colon\":\n"
                        "- null\n"
                        "- 1\n"
                        "plan:\n"
                        "  draft: false\n"
                        "  ratio: 0.25\n"
                        "  title: Plan climat\n"
                        "  year: 2024\n");
    lua_pushfstring(L, "local v = %s\n"
                       "local function same(a, b)\n"
                       "  if type(a) ~= 'table' or type(b) ~= 'table' then\n"
                       "    return a == b and math.type(a) == math.type(b)\n"
                       "  end\n"
                       "  for k, x in pairs(a) do if not same(x, b[k]) then return false end end\n"
                       "  for k in pairs(b) do if a[k] == nil then return false end end\n"
                       "  return true\n"
                       "end\n"
                       "assert(same(yaml.decode(yaml.encode(v)), v))\n", value);
    lua_ok(L, lua_tostring(L, -1));
}

static void options_order_keys_and_shape_output(void **state)
{
    lua_State *L = *state;
    assert_string_equal(encode_expr(L, "{}"), "[]\n");
    lua_ok(L, "assert(yaml.encode({}, {empty = 'map'}) == '{}\\n')\n"
              "assert(yaml.encode({a = {}}, {empty = 'map'}) == 'a: {}\\n')\n"
              "assert(yaml.encode({a = 1}, {document_start = true}) == '---\\na: 1\\n')\n"
              "local order = function(t) if t.code then return {'code', 'absent', 'title'} end end\n"
              "local text = yaml.encode({z = 1, b = {title = 'T', code = 'C', x = 1, a = 2}}, {order = order})\n"
              "assert(text == 'b:\\n  code: C\\n  title: T\\n  a: 2\\n  x: 1\\nz: 1\\n', text)\n"
              "-- numbers before strings before booleans\n"
              "text = yaml.encode({[true] = 1, b = 2, [3] = 3, [-1.5] = 4, [false] = 5})\n"
              "assert(text == '-1.5: 4\\n3: 3\\nb: 2\\nfalse: 5\\ntrue: 1\\n', text)\n"
              "assert(yaml.encode('x') == 'x\\n' and yaml.encode(yaml.null) == 'null\\n')\n");
}

static void unencodable_values_name_their_path(void **state)
{
    lua_State *L = *state;
    lua_ok(L, "local function err(v, o) local ok, e = pcall(yaml.encode, v, o); assert(not ok); return e end\n"
              "local e = err({axes = {{title = print}}})\n"
              "assert(e == 'cannot encode function at axes[1].title', e)\n"
              "e = err({['a b'] = {[2.5] = {x = io.stdout}}})\n"
              "assert(e == 'cannot encode userdata at [\"a b\"][2.5].x', e)\n"
              "e = err(print)\n"
              "assert(e == 'cannot encode function', e)\n"
              "e = err({a = {[{}] = 1}})\n"
              "assert(e == 'cannot encode a table as a mapping key at a', e)\n"
              "e = err({s = {'ok', '\\xff'}})\n"
              "assert(e == 'cannot encode a string that is not valid UTF-8 at s[2]', e)\n"
              "local t = {}; t.self = {t}\n"
              "e = err(t)\n"
              "assert(e == 'cannot encode a table that contains itself at self[1]', e)\n"
              "local deep = {}; for _ = 1, 300 do deep = {deep} end\n"
              "e = err(deep)\n"
              "assert(e:find('^cannot encode tables nested deeper than 200 levels at %[1%]'), e)\n"
              "e = err({a = 1}, {order = function() return 'a' end})\n"
              "assert(e == 'opts.order returned a string, not a table', e)\n"
              "assert(not pcall(yaml.encode, {}, {empty = 'list'}))\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(scalars_resolve_by_the_core_schema, setup, teardown),
        cmocka_unit_test_setup_teardown(null_mapping_values_leave_the_key_absent, setup, teardown),
        cmocka_unit_test_setup_teardown(bad_tags_are_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(nested_structures_decode, setup, teardown),
        cmocka_unit_test_setup_teardown(lines_give_each_node_and_key, setup, teardown),
        cmocka_unit_test_setup_teardown(keys_are_resolved_scalars, setup, teardown),
        cmocka_unit_test_setup_teardown(duplicate_keys_are_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(aliases_are_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(alias_bomb_is_refused_quickly, setup, teardown),
        cmocka_unit_test_setup_teardown(tab_indentation_error_has_its_position, setup, teardown),
        cmocka_unit_test_setup_teardown(truncated_document_is_an_error, setup, teardown),
        cmocka_unit_test_setup_teardown(encoding_errors_have_a_position, setup, teardown),
        cmocka_unit_test_setup_teardown(name_defaults_to_yaml, setup, teardown),
        cmocka_unit_test_setup_teardown(empty_input_is_nil, setup, teardown),
        cmocka_unit_test_setup_teardown(two_documents_are_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(nesting_is_limited, setup, teardown),
        cmocka_unit_test_setup_teardown(tricky_strings_are_quoted, setup, teardown),
        cmocka_unit_test_setup_teardown(floats_round_trip_exactly, setup, teardown),
        cmocka_unit_test_setup_teardown(nested_structure_round_trips, setup, teardown),
        cmocka_unit_test_setup_teardown(options_order_keys_and_shape_output, setup, teardown),
        cmocka_unit_test_setup_teardown(unencodable_values_name_their_path, setup, teardown),
    };
    return cmocka_run_group_tests_name("yaml", tests, NULL, NULL);
}
