/* ctg.model — the plan tree: an index of every declared node by kind and code, and the
 * invariants a usable plan must satisfy.
 *
 * The descriptive content of a node (titles, diagnostic, pilots, ...) stays in the Lua table
 * the vocabulary built for it; the model keeps, per node, its kind, code, parent and source
 * location, and a hash index over (kind, code) so that plan:action(7) or
 * plan:step("5-E") is a constant-time lookup. The node tables live in the userdata's user
 * value, in declaration order, so traversal is ordered and the garbage collector owns them.
 *
 * Invariants checked here (an error each, with the node's file and line):
 *   - codes are unique per kind;
 *   - a node's parent exists (objective -> axis, action -> objective or axis, step -> action,
 *     indicator -> sheet unless plan-wide), and a step's code belongs to its action ("5-E" under action 5),
 *     an objective's code to its axis ("1-2" under axis 1);
 *   - every reference resolves (sheet.actions, sheet.stakes, territory.parent,
 *     group.territories, rule.indicator, indicator.sheet);
 *   - years lie inside the plan period (step years, funding years; indicator targets: ctg.crosscheck);
 *     an indicator's baseline may precede the period but not follow it. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lauxlib.h>

#include "core/hash.h"
#include "ctg.h"
#include "lua/error.h"
#include "model.h"

#define PLAN_MT "ctg.Plan"

static const char *const kind_names[CTG_KIND_COUNT + 1] = {
    "stake", "territory", "group", "committee", "funding", "axis", "objective",
    "action", "step", "sheet", "indicator", "rule", NULL,
};

/* The kinds a node of each kind may hang under, the first being the default; -1 ends the
 * list (top-level kinds have none). An action sits in an objective or directly in an axis
 * (the objective level is optional). */
#define NO_KIND {-1, -1}
static const int parent_kinds[CTG_KIND_COUNT][2] = {
    [CTG_STAKE] = NO_KIND,     [CTG_TERRITORY] = NO_KIND,  [CTG_GROUP] = NO_KIND,
    [CTG_COMMITTEE] = NO_KIND, [CTG_FUNDING] = NO_KIND,    [CTG_AXIS] = NO_KIND,
    [CTG_OBJECTIVE] = {CTG_AXIS, -1}, [CTG_ACTION] = {CTG_OBJECTIVE, CTG_AXIS},
    [CTG_STEP] = {CTG_ACTION, -1},    [CTG_SHEET] = NO_KIND,
    [CTG_INDICATOR] = {CTG_SHEET, -1}, [CTG_RULE] = NO_KIND,
};

/* Kinds whose parent may be absent: a plan-wide indicator belongs to no sheet. */
static int parent_optional(int kind) { return kind == CTG_INDICATOR; }

static int may_hang_under(int kind, int parent)
{
    for (int i = 0; i < 2; i++)
        if (parent_kinds[kind][i] == parent)
            return parent >= 0;
    return 0;
}

/* Fields of a node's table that name other nodes. */
struct reference {
    int kind;
    const char *field;
    int target;
    int many; /* a list of codes rather than one code */
};

static const struct reference references[] = {
    {CTG_SHEET, "actions", CTG_ACTION, 1},
    {CTG_SHEET, "stakes", CTG_STAKE, 1},
    {CTG_TERRITORY, "parent", CTG_TERRITORY, 0},
    {CTG_GROUP, "territories", CTG_TERRITORY, 1},
    {CTG_RULE, "indicator", CTG_INDICATOR, 0},
    /* rule territories may name groups too: checked by ctg.dsl */
};

struct node {
    int kind;
    int parent; /* index of the parent node, or -1 */
    char *code;
    char *file;
    int line;
};

struct plan {
    struct node *nodes;
    int count, capacity;
    struct ctg_hash index; /* (kind, code) -> node */
    int first_year, last_year;
    int has_period; /* 0 when the plan's period is invalid: year checks are skipped */
    int per_kind[CTG_KIND_COUNT];
};

int ctg_kind_from_name(const char *name)
{
    for (int k = 0; k < CTG_KIND_COUNT; k++)
        if (strcmp(kind_names[k], name) == 0)
            return k;
    return -1;
}

const char *ctg_kind_name(int kind)
{
    return kind >= 0 && kind < CTG_KIND_COUNT ? kind_names[kind] : "?";
}

/* The hash of (kind, code): the code's, told apart by kind (a step and an objective may
 * share a code). */
static uint32_t hash_key(int kind, const char *code)
{
    return ctg_hash_bytes(code, strlen(code)) ^ (uint32_t)kind * 0x9E3779B9u;
}

/* What a lookup compares: a node of kind with code. */
struct node_key {
    int kind;
    const char *code;
};

static int node_eq(const void *ctx, uint32_t item, const void *key)
{
    const struct node *n = &((const struct plan *)ctx)->nodes[item];
    const struct node_key *k = key;
    return n->kind == k->kind && strcmp(n->code, k->code) == 0;
}

/* The index of the node (kind, code), or -1. */
static int lookup(const struct plan *p, int kind, const char *code)
{
    struct node_key k = {kind, code};
    uint32_t i = ctg_hash_find(&p->index, hash_key(kind, code), &k, node_eq, p);
    return i == CTG_HASH_NONE ? -1 : (int)i;
}

static char *copy_string(lua_State *L, const char *s)
{
    char *c = strdup(s ? s : "");
    if (!c)
        ctg_lua_raise(L, CTG_ERR_NOMEM, NULL);
    return c;
}

static struct plan *check_plan(lua_State *L)
{
    return luaL_checkudata(L, 1, PLAN_MT);
}

/* Codes are strings; an integer (action 7, stake 4) is its decimal form. Pushes nothing;
 * writes into buf and returns it, or NULL when the value is not a code. */
static const char *code_of(lua_State *L, int idx, char *buf, size_t len)
{
    if (lua_type(L, idx) == LUA_TSTRING)
        return lua_tostring(L, idx);
    if (lua_type(L, idx) == LUA_TNUMBER) {
        lua_Integer n;
        if (lua_isinteger(L, idx))
            n = lua_tointeger(L, idx);
        else if (!lua_numbertointeger(lua_tonumber(L, idx), &n))
            return NULL;
        snprintf(buf, len, "%lld", (long long)n);
        return buf;
    }
    return NULL;
}

static int check_kind(lua_State *L, int idx)
{
    const char *name = luaL_checkstring(L, idx);
    int kind = ctg_kind_from_name(name);
    if (kind < 0)
        luaL_argerror(L, idx, lua_pushfstring(L, "unknown kind '%s'", name));
    return kind;
}

/* model.new([first_year, last_year]) -> plan; without a period, years are not checked */
static int model_new(lua_State *L)
{
    int has_period = !lua_isnoneornil(L, 1);
    lua_Integer first = has_period ? luaL_checkinteger(L, 1) : 0;
    lua_Integer last = has_period ? luaL_checkinteger(L, 2) : 0;
    struct plan *p = lua_newuserdatauv(L, sizeof *p, 1);
    memset(p, 0, sizeof *p);
    p->has_period = has_period;
    p->first_year = (int)first;
    p->last_year = (int)last;
    luaL_setmetatable(L, PLAN_MT);
    lua_newtable(L);
    lua_setiuservalue(L, -2, 1);
    return 1;
}

static int plan_gc(lua_State *L)
{
    struct plan *p = check_plan(L);
    for (int i = 0; i < p->count; i++) {
        free(p->nodes[i].code);
        free(p->nodes[i].file);
    }
    free(p->nodes);
    ctg_hash_free(&p->index);
    memset(p, 0, sizeof *p);
    return 0;
}

/* The words of a mistake, for ctg.dsl to say it in the user's language through ctg.msg:
 * {key = "duplicate", kind = "action", code = "1", …} from NULL-terminated name/value pairs.
 * The English message beside it stays for the callers that read ctg.model directly. */
static void push_words(lua_State *L, const char *key, const char *const *vars)
{
    lua_newtable(L);
    lua_pushstring(L, key);
    lua_setfield(L, -2, "key");
    for (; vars && vars[0]; vars += 2) {
        lua_pushstring(L, vars[1]);
        lua_setfield(L, -2, vars[0]);
    }
}

/* nil, "file:line: message", words: a refused add. */
static int fail(lua_State *L, const char *file, int line, const char *key, const char *const *vars,
                const char *fmt, ...)
{
    lua_pushnil(L);
    if (file && *file)
        lua_pushfstring(L, "%s:%d: ", file, line);
    else
        lua_pushliteral(L, "");
    va_list ap;
    va_start(ap, fmt);
    lua_pushvfstring(L, fmt, ap);
    va_end(ap);
    lua_concat(L, 2);
    push_words(L, key, vars);
    return 3;
}

/* "5-E" under action 5: the part before the dash must be the parent's code. */
static int code_belongs_to(const char *code, const char *parent_code)
{
    size_t n = strlen(parent_code);
    return strncmp(code, parent_code, n) == 0 && code[n] == '-' && code[n + 1] != '\0';
}

/* plan:add(kind, code, node, parent_code, file, line [, parent_kind]) -> index | nil, message
 * (parent_kind: when the kind may hang under several, e.g. "axis" for an action) */
static int plan_add(lua_State *L)
{
    struct plan *p = check_plan(L);
    int kind = check_kind(L, 2);
    char buf[32], pbuf[32];
    const char *code = code_of(L, 3, buf, sizeof buf);
    luaL_argcheck(L, code != NULL, 3, "code must be a string or an integer");
    luaL_checktype(L, 4, LUA_TTABLE);
    const char *parent_code = lua_isnoneornil(L, 5) ? NULL : code_of(L, 5, pbuf, sizeof pbuf);
    const char *file = luaL_optstring(L, 6, "");
    int line = (int)luaL_optinteger(L, 7, 0);
    int pkind = parent_kinds[kind][0];
    if (!lua_isnoneornil(L, 8)) {
        pkind = check_kind(L, 8);
        luaL_argcheck(L, may_hang_under(kind, pkind), 8, "not a parent kind of this kind");
    }

    if (*code == '\0')
        return fail(L, file, line, "empty-code", (const char *[]){"kind", kind_names[kind], NULL},
                    "%s has an empty code", kind_names[kind]);
    int existing = lookup(p, kind, code);
    if (existing >= 0) {
        const struct node *e = &p->nodes[existing];
        char at[16];
        snprintf(at, sizeof at, "%d", e->line);
        return fail(L, file, line, "duplicate",
                    (const char *[]){"kind", kind_names[kind], "code", code, "file", e->file, "line", at, NULL},
                    "duplicate %s %s (first declared at %s:%d)", kind_names[kind], code, e->file,
                    e->line);
    }
    int parent = -1;
    if (pkind >= 0 && (parent_code || !parent_optional(kind))) {
        if (!parent_code)
            return fail(L, file, line, "outside",
                        (const char *[]){"kind", kind_names[kind], "code", code, "parent_kind",
                                         kind_names[pkind], NULL},
                        "%s %s must be declared inside a %s", kind_names[kind], code,
                        kind_names[pkind]);
        parent = lookup(p, pkind, parent_code);
        if (parent < 0)
            return fail(L, file, line, "unknown-parent",
                        (const char *[]){"kind", kind_names[kind], "code", code, "parent_kind",
                                         kind_names[pkind], "parent_code", parent_code, NULL},
                        "%s %s names %s %s, which is not declared", kind_names[kind], code,
                        kind_names[pkind], parent_code);
        if ((kind == CTG_STEP || kind == CTG_OBJECTIVE) && !code_belongs_to(code, parent_code))
            return fail(L, file, line, "code-not-in-parent",
                        (const char *[]){"kind", kind_names[kind], "code", code, "parent_kind",
                                         kind_names[pkind], "parent_code", parent_code, NULL},
                        "%s code '%s' does not belong to %s %s (expected '%s-…')",
                        kind_names[kind], code, kind_names[pkind], parent_code, parent_code);
    }
    if (p->count == p->capacity) {
        int cap = p->capacity ? p->capacity * 2 : 64;
        struct node *nodes = realloc(p->nodes, (size_t)cap * sizeof *nodes);
        if (!nodes)
            return ctg_lua_raise(L, CTG_ERR_NOMEM, NULL);
        p->nodes = nodes;
        p->capacity = cap;
    }
    /* room in the index first: once the node is written, indexing it cannot fail */
    if (ctg_hash_reserve(&p->index, (uint32_t)p->count + 1) != 0)
        return ctg_lua_raise(L, CTG_ERR_NOMEM, NULL);
    struct node *n = &p->nodes[p->count];
    n->kind = kind;
    n->parent = parent;
    n->line = line;
    n->code = copy_string(L, code);
    n->file = strdup(file);
    if (!n->file) {
        free(n->code);
        return ctg_lua_raise(L, CTG_ERR_NOMEM, NULL);
    }
    (void)ctg_hash_add(&p->index, hash_key(kind, code), (uint32_t)p->count);
    p->per_kind[kind]++;
    p->count++;
    lua_getiuservalue(L, 1, 1);
    lua_pushvalue(L, 4);
    lua_rawseti(L, -2, p->count);
    lua_pushinteger(L, p->count);
    return 1;
}

/* The node named by arguments 2 (kind) and 3 (code) of a method call, or -1. */
static int node_argument(lua_State *L, const struct plan *p)
{
    int kind = check_kind(L, 2);
    char buf[32];
    const char *code = code_of(L, 3, buf, sizeof buf);
    return code ? lookup(p, kind, code) : -1;
}

/* Push the node table at index i, or nil when i < 0. */
static int push_node(lua_State *L, int i)
{
    if (i < 0) {
        lua_pushnil(L);
        return 1;
    }
    lua_getiuservalue(L, 1, 1);
    lua_rawgeti(L, -1, i + 1);
    return 1;
}

/* plan:get(kind, code) -> node table | nil */
static int plan_get(lua_State *L)
{
    struct plan *p = check_plan(L);
    return push_node(L, node_argument(L, p));
}

/* plan:list(kind) -> array of node tables in declaration order */
static int plan_list(lua_State *L)
{
    struct plan *p = check_plan(L);
    int kind = check_kind(L, 2);
    lua_getiuservalue(L, 1, 1);
    lua_createtable(L, p->per_kind[kind], 0);
    int n = 0;
    for (int i = 0; i < p->count; i++) {
        if (p->nodes[i].kind != kind)
            continue;
        lua_rawgeti(L, -2, i + 1);
        lua_rawseti(L, -2, ++n);
    }
    return 1;
}

/* plan:parent(kind, code) -> parent node table | nil */
static int plan_parent(lua_State *L)
{
    struct plan *p = check_plan(L);
    int i = node_argument(L, p);
    return push_node(L, i < 0 ? -1 : p->nodes[i].parent);
}

/* plan:location(kind, code) -> file, line */
static int plan_location(lua_State *L)
{
    struct plan *p = check_plan(L);
    int i = node_argument(L, p);
    if (i < 0)
        return 0;
    lua_pushstring(L, p->nodes[i].file);
    lua_pushinteger(L, p->nodes[i].line);
    return 2;
}

/* plan:counts() -> {action = 15, ...} (every kind present, zero included) */
static int plan_counts(lua_State *L)
{
    struct plan *p = check_plan(L);
    lua_createtable(L, 0, CTG_KIND_COUNT);
    for (int k = 0; k < CTG_KIND_COUNT; k++) {
        lua_pushinteger(L, p->per_kind[k]);
        lua_setfield(L, -2, kind_names[k]);
    }
    return 1;
}

static int plan_period(lua_State *L)
{
    struct plan *p = check_plan(L);
    if (!p->has_period)
        return 0;
    lua_pushinteger(L, p->first_year);
    lua_pushinteger(L, p->last_year);
    return 2;
}

/* ---- validation ------------------------------------------------------------------- */

/* Append an error finding {code, message, file, line} to the table at `findings`. */
/* An error finding of plan:validate(): its code, its English message, its words (the node's
 * kind and code, then vars; see push_words), file and line. */
static void add_finding(lua_State *L, int findings, const struct node *n, const char *code,
                        const char *key, const char *const *vars, const char *fmt, ...)
{
    lua_createtable(L, 0, 6);
    push_words(L, key, vars);
    if (*n->code) {
        lua_pushstring(L, kind_names[n->kind]);
        lua_setfield(L, -2, "kind");
        lua_pushstring(L, n->code);
        lua_setfield(L, -2, "code");
    }
    lua_setfield(L, -2, "words");
    lua_pushliteral(L, "error");
    lua_setfield(L, -2, "severity");
    lua_pushstring(L, code);
    lua_setfield(L, -2, "code");
    va_list ap;
    va_start(ap, fmt);
    lua_pushvfstring(L, fmt, ap);
    va_end(ap);
    lua_setfield(L, -2, "message");
    lua_pushstring(L, n->file);
    lua_setfield(L, -2, "file");
    lua_pushinteger(L, n->line);
    lua_setfield(L, -2, "line");
    lua_rawseti(L, findings, (lua_Integer)luaL_len(L, findings) + 1);
}

static void check_one_reference(lua_State *L, const struct plan *p, int findings,
                                const struct node *n, const struct reference *r, int value)
{
    char buf[32];
    const char *target = code_of(L, value, buf, sizeof buf);
    if (!target) {
        add_finding(L, findings, n, "bad-reference", "bad-reference",
                    (const char *[]){"field", r->field, "target_kind", kind_names[r->target], NULL},
                    "%s %s: '%s' must name a %s by its code", kind_names[n->kind], n->code,
                    r->field, kind_names[r->target]);
        return;
    }
    if (lookup(p, r->target, target) < 0)
        add_finding(L, findings, n, "unknown-reference", "unknown-reference",
                    (const char *[]){"field", r->field, "target_kind", kind_names[r->target],
                                     "target", target, NULL},
                    "%s %s names %s %s in '%s', which is not declared", kind_names[n->kind],
                    n->code, kind_names[r->target], target, r->field);
}

static void check_references(lua_State *L, const struct plan *p, int nodes, int findings)
{
    for (int i = 0; i < p->count; i++) {
        const struct node *n = &p->nodes[i];
        for (size_t r = 0; r < sizeof references / sizeof references[0]; r++) {
            if (references[r].kind != n->kind)
                continue;
            lua_rawgeti(L, nodes, i + 1);
            lua_getfield(L, -1, references[r].field);
            int value = lua_gettop(L);
            if (!lua_isnil(L, value)) {
                if (references[r].many && lua_istable(L, value)) {
                    lua_Integer len = luaL_len(L, value);
                    for (lua_Integer j = 1; j <= len; j++) {
                        lua_rawgeti(L, value, j);
                        check_one_reference(L, p, findings, n, &references[r], lua_gettop(L));
                        lua_pop(L, 1);
                    }
                } else {
                    check_one_reference(L, p, findings, n, &references[r], value);
                }
            }
            lua_pop(L, 2);
        }
    }
}

/* The first year a period names: 2022, "2022", "2021-2022" (school year), "2022-09". */
static int period_year(lua_State *L, int idx, int *year)
{
    if (lua_isinteger(L, idx)) {
        *year = (int)lua_tointeger(L, idx);
        return 1;
    }
    if (lua_type(L, idx) != LUA_TSTRING)
        return 0;
    const char *s = lua_tostring(L, idx);
    if (strlen(s) < 4)
        return 0;
    for (int k = 0; k < 4; k++)
        if (s[k] < '0' || s[k] > '9')
            return 0;
    *year = atoi(s);
    return 1;
}

static void check_year(lua_State *L, const struct plan *p, int findings, const struct node *n,
                       const char *field, int idx, int allow_before)
{
    int year;
    if (!period_year(L, idx, &year)) {
        const char *value = luaL_tolstring(L, idx, NULL);
        add_finding(L, findings, n, "bad-period", "bad-period",
                    (const char *[]){"what", field, "value", value, NULL},
                    "%s %s: '%s' holds '%s', not a period", kind_names[n->kind], n->code, field,
                    value);
        lua_pop(L, 1);
        return;
    }
    if (year > p->last_year || (!allow_before && year < p->first_year)) {
        char y[16], first[16], last[16];
        snprintf(y, sizeof y, "%d", year);
        snprintf(first, sizeof first, "%d", p->first_year);
        snprintf(last, sizeof last, "%d", p->last_year);
        add_finding(L, findings, n, "outside-period", "outside-period",
                    (const char *[]){"what", field, "year", y, "first", first, "last", last, NULL},
                    "%s %s: %s %d lies outside the plan period %d-%d", kind_names[n->kind],
                    n->code, field, year, p->first_year, p->last_year);
    }
}

/* Years of steps and funding are a list; a baseline is one period. */
static void check_years(lua_State *L, const struct plan *p, int nodes, int findings)
{
    for (int i = 0; i < p->count; i++) {
        const struct node *n = &p->nodes[i];
        lua_rawgeti(L, nodes, i + 1);
        int t = lua_gettop(L);
        if (n->kind == CTG_STEP || n->kind == CTG_FUNDING) {
            if (lua_getfield(L, t, "years") == LUA_TTABLE) {
                lua_Integer len = luaL_len(L, -1);
                for (lua_Integer j = 1; j <= len; j++) {
                    lua_rawgeti(L, -1, j);
                    check_year(L, p, findings, n, "year", lua_gettop(L), 0);
                    lua_pop(L, 1);
                }
            }
            lua_pop(L, 1);
        }
        if (n->kind == CTG_INDICATOR) {
            /* targets: their periods are checked by the schema, their years (the plan and its
             * renewal year) by ctg.crosscheck, which knows yearly from cumulative ones */
            if (lua_getfield(L, t, "baseline") != LUA_TNIL)
                check_year(L, p, findings, n, "baseline", lua_gettop(L), 1);
            lua_pop(L, 1);
        }
        lua_settop(L, t - 1);
    }
}

/* plan:validate() -> array of error findings (empty when the plan is usable) */
static int plan_validate(lua_State *L)
{
    struct plan *p = check_plan(L);
    lua_getiuservalue(L, 1, 1);
    int nodes = lua_gettop(L);
    lua_newtable(L);
    int findings = lua_gettop(L);
    if (p->first_year > p->last_year) {
        struct node whole = {.code = "", .file = "", .line = 0};
        char first[16], last[16];
        snprintf(first, sizeof first, "%d", p->first_year);
        snprintf(last, sizeof last, "%d", p->last_year);
        add_finding(L, findings, &whole, "bad-period", "plan-period",
                    (const char *[]){"first", first, "last", last, NULL},
                    "plan period %d-%d ends before it starts", p->first_year, p->last_year);
    }
    check_references(L, p, nodes, findings);
    if (p->has_period)
        check_years(L, p, nodes, findings);
    return 1;
}

static int plan_tostring(lua_State *L)
{
    struct plan *p = check_plan(L);
    lua_pushfstring(L, "ctg.model plan %d-%d (%d nodes)", p->first_year, p->last_year, p->count);
    return 1;
}

static const luaL_Reg plan_methods[] = {
    {"add", plan_add},           {"get", plan_get},         {"list", plan_list},
    {"parent", plan_parent},     {"location", plan_location}, {"counts", plan_counts},
    {"period", plan_period},     {"validate", plan_validate}, {NULL, NULL},
};

static const luaL_Reg plan_meta[] = {
    {"__gc", plan_gc},
    {"__close", plan_gc},
    {"__tostring", plan_tostring},
    {NULL, NULL},
};

static const luaL_Reg model_functions[] = {
    {"new", model_new},
    {NULL, NULL},
};

int luaopen_ctg_model(lua_State *L)
{
    if (luaL_newmetatable(L, PLAN_MT)) {
        luaL_setfuncs(L, plan_meta, 0);
        luaL_newlib(L, plan_methods);
        lua_setfield(L, -2, "__index");
    }
    lua_pop(L, 1);
    luaL_newlib(L, model_functions);
    ctg_eval_register(L);
    ctg_engine_register(L);
    lua_createtable(L, CTG_KIND_COUNT, 0);
    for (int k = 0; k < CTG_KIND_COUNT; k++) {
        lua_pushstring(L, kind_names[k]);
        lua_rawseti(L, -2, k + 1);
    }
    lua_setfield(L, -2, "kinds");
    return 1;
}
