/* The pretty printer: a readable, deterministic rendering of any Lua value, used by the REPL
 * to print results and exposed to Lua as ctg.pretty.format.
 *
 * Printing is done in two passes. The first builds a tree of nodes on the Lua stack: a leaf
 * is a string; a table node is a Lua table holding its head ("{" or "<Name> {"), its items
 * as alternating key prefixes and child nodes, an optional "… (N more)" and its whole
 * one-line form. The second lays the tree out: a node whose one-line form fits in the
 * remaining width is printed flat, otherwise one item per line, indented by two spaces.
 * Building first means every __tostring is called once, whatever the layout. The trees
 * live in Lua tables, so that a memory error raised half way leaks nothing. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lauxlib.h>

#include "repl.h"
#include "termsafe.h"

/* Recursion is bounded by the depth option; clamp it so no caller can overflow the C stack. */
#define MAX_DEPTH 100

struct printer {
    lua_State *L;
    struct ctg_pretty_opts opts;
    int path;     /* stack index: set of the tables being printed, to detect cycles */
    int pieces;   /* stack index: array of the output pieces of the layout pass */
    int npieces;
};

struct ctg_pretty_opts ctg_pretty_defaults(void)
{
    struct ctg_pretty_opts o = {4, 50, 80};
    return o;
}

/* ---- Leaves: strings, numbers, functions, __tostring ---------------------------------- */

static int short_escape(unsigned char c)
{
    switch (c) {
    case '"': return '"';
    case '\\': return '\\';
    case '\a': return 'a';
    case '\b': return 'b';
    case '\f': return 'f';
    case '\n': return 'n';
    case '\r': return 'r';
    case '\t': return 't';
    case '\v': return 'v';
    default: return 0;
    }
}

/* A string as a Lua literal that reads back to the same bytes. Unlike %q, newlines are
 * written \n and well-formed UTF-8 text stays as it is, so "é" prints as "é"; control
 * characters (C0, DEL, C1) and stray bytes are escaped. */
static void push_quoted(lua_State *L, int idx)
{
    size_t n;
    const unsigned char *s = (const unsigned char *)lua_tolstring(L, idx, &n);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    luaL_addchar(&b, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = s[i];
        unsigned long cp = 0;
        size_t len = c >= 0x80 ? ctg_utf8_sequence(s + i, n - i, &cp) : 0;
        int next_is_digit = i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9';
        char esc[16];
        if (short_escape(c)) {
            luaL_addchar(&b, '\\');
            luaL_addchar(&b, (char)short_escape(c));
        } else if (c >= 0x20 && c < 0x7F) {
            luaL_addchar(&b, (char)c);
        } else if (len > 0 && cp >= 0xA0 && !ctg_is_bidi_control(cp)) {
            luaL_addlstring(&b, (const char *)s + i, len);
            i += len - 1;
        } else if (len > 0) {  /* a C1 control character, a bidirectional control */
            snprintf(esc, sizeof esc, "\\u{%lX}", cp);
            luaL_addstring(&b, esc);
            i += len - 1;
        } else {
            /* a decimal escape takes up to three digits: pad it when a digit follows */
            snprintf(esc, sizeof esc, next_is_digit ? "\\%03d" : "\\%d", c);
            luaL_addstring(&b, esc);
        }
    }
    luaL_addchar(&b, '"');
    luaL_pushresult(&b);
}

/* Numbers as a person writes them: a float with no fractional part without its ".0" (729,
 * what SQLite and arithmetic hand back for a count, not 729.0), else as Lua's tostring
 * writes them, except that NaN is always "nan": its sign bit is an accident of the platform
 * and would make the output differ between machines. */
static void push_number(lua_State *L, int idx)
{
    if (!lua_isinteger(L, idx)) {
        lua_Number x = lua_tonumber(L, idx);
        if (isnan(x)) {
            lua_pushliteral(L, "nan");
            return;
        }
        if (x == floor(x) && fabs(x) < 1e15) {  /* exact in a double: no rounding shown */
            char buf[32];
            snprintf(buf, sizeof buf, "%.0f", x);
            lua_pushstring(L, buf);
            return;
        }
    }
    lua_pushvalue(L, idx);
    lua_tolstring(L, -1, NULL);  /* converts the copy in place */
}

/* Where a function was defined rather than its address, which changes from run to run. */
static void push_function(lua_State *L, int idx)
{
    lua_Debug ar;
    lua_pushvalue(L, idx);
    lua_getinfo(L, ">S", &ar);
    if (ar.what[0] == 'C')
        lua_pushliteral(L, "function: builtin");
    else
        lua_pushfstring(L, "function: %s:%d", ar.short_src, ar.linedefined);
}

static void push_error_message(lua_State *L, int idx)
{
    if (lua_type(L, idx) == LUA_TSTRING)
        lua_pushvalue(L, idx);
    else
        lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, idx));
}

/* When the value has a __tostring metamethod, push what it returns (or the error it raised,
 * as text) and return 1; else push nothing and return 0. */
static int push_tostring(lua_State *L, int idx)
{
    if (luaL_getmetafield(L, idx, "__tostring") == LUA_TNIL)
        return 0;
    lua_pushvalue(L, idx);
    if (lua_pcall(L, 1, 1, 0) != LUA_OK) {
        push_error_message(L, -1);
        lua_pushfstring(L, "<error in __tostring: %s>", lua_tostring(L, -1));
        lua_replace(L, -3);
        lua_pop(L, 1);
    } else if (!lua_isstring(L, -1)) {
        lua_pop(L, 1);
        lua_pushliteral(L, "<error in __tostring: '__tostring' must return a string>");
    } else {
        lua_tolstring(L, -1, NULL);
    }
    return 1;
}

/* Push the metatable's __name (as set by luaL_newmetatable) and return it; when there is
 * none, push nothing and return NULL. */
static const char *push_metatable_name(lua_State *L, int idx)
{
    int type = luaL_getmetafield(L, idx, "__name");
    if (type == LUA_TSTRING)
        return lua_tostring(L, -1);
    if (type != LUA_TNIL)
        lua_pop(L, 1);
    return NULL;
}

/* ---- Tables ------------------------------------------------------------------------- */

/* A key of the hash part, with what sorting it needs: numbers first in numeric order, then
 * strings in byte order, then other types by type name and rendering. */
struct entry {
    int rank;             /* 0 number, 1 string, 2 other */
    int isint;
    lua_Integer i;
    lua_Number n;
    const char *s;        /* string key, or type name */
    size_t len;
    const char *repr;     /* other keys: their rendering, for a deterministic order */
    int slot;             /* index of the key in the keys table */
};

static int compare_entries(const void *pa, const void *pb)
{
    const struct entry *a = pa, *b = pb;
    if (a->rank != b->rank)
        return a->rank < b->rank ? -1 : 1;
    if (a->rank == 0) {
        if (a->isint && b->isint)
            return a->i < b->i ? -1 : a->i > b->i;
        return a->n < b->n ? -1 : a->n > b->n;
    }
    size_t m = a->len < b->len ? a->len : b->len;
    int c = memcmp(a->s, b->s, m);
    if (c != 0 || a->len != b->len)
        return c != 0 ? c : (a->len < b->len ? -1 : 1);
    if (a->rank == 2) {
        c = strcmp(a->repr, b->repr);
        if (c != 0)
            return c;
    }
    return a->slot - b->slot;
}

static int is_identifier(const char *s, size_t len)
{
    static const char *const reserved[] = {
        "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto",
        "if", "in", "local", "nil", "not", "or", "repeat", "return", "then", "true",
        "until", "while", NULL};
    if (len == 0 || strlen(s) != len || (s[0] >= '0' && s[0] <= '9'))
        return 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9')))
            return 0;
    }
    for (const char *const *r = reserved; *r; r++)
        if (strcmp(s, *r) == 0)
            return 0;
    return 1;
}

/* Columns taken by UTF-8 text: one per code point, not per byte. */
static size_t display_width(const char *s, size_t len)
{
    size_t w = 0;
    for (size_t i = 0; i < len; i++)
        w += ((unsigned char)s[i] & 0xC0) != 0x80;
    return w;
}

static void build(struct printer *P, int idx, int level);

/* The one-line form of the node on top of the stack, replacing it. */
static void to_flat(lua_State *L)
{
    if (lua_type(L, -1) == LUA_TTABLE) {
        lua_getfield(L, -1, "flat");
        lua_remove(L, -2);
    }
}

/* "name = " for identifier keys, else "[key] = ". */
static void push_key_prefix(struct printer *P, int key, int level)
{
    lua_State *L = P->L;
    size_t len;
    if (lua_type(L, key) == LUA_TSTRING) {
        const char *s = lua_tolstring(L, key, &len);
        if (is_identifier(s, len)) {
            lua_pushfstring(L, "%s = ", s);
            return;
        }
    }
    lua_pushliteral(L, "[");
    build(P, key, level);
    to_flat(L);
    lua_pushliteral(L, "] = ");
    lua_concat(L, 3);
}

/* The length of the sequence t[1], t[2], ... up to the first nil. */
static lua_Integer sequence_length(lua_State *L, int t)
{
    lua_Integer n = 0;
    while (lua_rawgeti(L, t, n + 1) != LUA_TNIL) {
        lua_pop(L, 1);
        n++;
    }
    lua_pop(L, 1);
    return n;
}

static int in_sequence(lua_State *L, int key, lua_Integer seq)
{
    if (!lua_isinteger(L, key))
        return 0;
    lua_Integer k = lua_tointeger(L, key);
    return k >= 1 && k <= seq;
}

/* Push the keys of t outside its sequence, as an array. Only raw traversal here: user
 * code (a key's __tostring) must not run while lua_next walks the table. */
static int collect_keys(lua_State *L, int t, lua_Integer seq)
{
    int n = 0;
    lua_newtable(L);
    lua_pushnil(L);
    while (lua_next(L, t)) {
        lua_pop(L, 1);
        if (in_sequence(L, -1, seq))
            continue;
        lua_pushvalue(L, -1);
        lua_rawseti(L, -3, ++n);
    }
    return n;
}

/* Push the keys of t outside its sequence (an array) and, below it, a userdata holding
 * their entries, which are returned sorted. */
static struct entry *sorted_keys(struct printer *P, int t, lua_Integer seq, int *count,
                                 int level)
{
    lua_State *L = P->L;
    int n = collect_keys(L, t, seq);
    struct entry *e = lua_newuserdatauv(L, (size_t)n * sizeof *e + 1, 0);
    lua_insert(L, -2);
    int keys = lua_gettop(L);
    lua_newtable(L);  /* renderings of "other" keys, anchoring their strings */
    int reprs = lua_gettop(L);
    for (int i = 1; i <= n; i++) {
        struct entry *x = &e[i - 1];
        memset(x, 0, sizeof *x);
        x->slot = i;
        lua_rawgeti(L, keys, i);
        switch (lua_type(L, -1)) {
        case LUA_TNUMBER:
            x->isint = lua_isinteger(L, -1);
            x->i = lua_tointeger(L, -1);
            x->n = lua_tonumber(L, -1);
            break;
        case LUA_TSTRING:  /* the string stays anchored in keys */
            x->rank = 1;
            x->s = lua_tolstring(L, -1, &x->len);
            break;
        default:
            x->rank = 2;
            x->s = luaL_typename(L, -1);
            x->len = strlen(x->s);
            build(P, lua_gettop(L), level);
            to_flat(L);
            x->repr = lua_tostring(L, -1);
            lua_rawseti(L, reprs, i);
        }
        lua_pop(L, 1);
    }
    qsort(e, (size_t)n, sizeof *e, compare_entries);
    lua_pop(L, 1);  /* reprs: only the sort needed them */
    *count = n;
    return e;
}

/* The one-line form of a table node: head, items joined by ", ", more, "}". */
static void set_flat(lua_State *L, int node)
{
    luaL_Buffer b;
    size_t len;
    int n = (int)lua_rawlen(L, node) / 2;
    lua_getfield(L, node, "head");
    lua_getfield(L, node, "more");
    luaL_buffinit(L, &b);
    luaL_addstring(&b, lua_tostring(L, -3));
    for (int i = 1; i <= n; i++) {
        const char *s;
        if (i > 1)
            luaL_addstring(&b, ", ");
        lua_rawgeti(L, node, 2 * i - 1);  /* strings stay anchored in the node once popped */
        s = lua_tolstring(L, -1, &len);
        lua_pop(L, 1);
        luaL_addlstring(&b, s, len);
        lua_rawgeti(L, node, 2 * i);
        to_flat(L);
        s = lua_tolstring(L, -1, &len);
        lua_pop(L, 1);
        luaL_addlstring(&b, s, len);
    }
    if (lua_isstring(L, -2)) {  /* below the buffer's placeholder */
        if (n > 0)
            luaL_addstring(&b, ", ");
        luaL_addstring(&b, lua_tostring(L, -2));
    }
    luaL_addchar(&b, '}');
    luaL_pushresult(&b);
    lua_setfield(L, node, "flat");
    lua_pop(L, 2);
}

/* Add item number i: its key prefix and the node of its value, both on the stack. */
static void add_item(lua_State *L, int node, int i)
{
    lua_rawseti(L, node, 2 * i);
    lua_rawseti(L, node, 2 * i - 1);
}

static void build_items(struct printer *P, int t, int node, int level)
{
    lua_State *L = P->L;
    lua_Integer seq = sequence_length(L, t);
    int count;
    struct entry *e = sorted_keys(P, t, seq, &count, level + 1);
    int keys = lua_gettop(L);
    lua_Integer total = seq + count;
    lua_Integer shown = total < P->opts.max_items ? total : P->opts.max_items;
    for (lua_Integer i = 1; i <= shown; i++) {
        if (i <= seq) {
            lua_pushliteral(L, "");
            lua_rawgeti(L, t, i);
        } else {
            lua_rawgeti(L, keys, e[i - seq - 1].slot);
            push_key_prefix(P, lua_gettop(L), level + 1);
            lua_insert(L, -2);
            lua_rawget(L, t);
        }
        build(P, lua_gettop(L), level + 1);
        lua_remove(L, -2);
        add_item(L, node, (int)i);
    }
    if (total > shown) {
        lua_pushfstring(L, "… (%I more)", (LUAI_UACINT)(total - shown));
        lua_setfield(L, node, "more");
    }
    lua_pop(L, 2);  /* the keys and their entries */
}

static int is_empty(lua_State *L, int t)
{
    lua_pushnil(L);
    if (!lua_next(L, t))
        return 1;
    lua_pop(L, 2);
    return 0;
}

static void build_table(struct printer *P, int t, int level)
{
    lua_State *L = P->L;
    const char *name = push_metatable_name(L, t);
    if (name) {
        lua_pushfstring(L, "<%s> {", name);
        lua_remove(L, -2);
    } else {
        lua_pushliteral(L, "{");
    }
    lua_pushvalue(L, t);
    if (lua_rawget(L, P->path) != LUA_TNIL) {
        lua_pop(L, 2);
        lua_pushliteral(L, "<cycle>");
        return;
    }
    lua_pop(L, 1);
    if (is_empty(L, t) || level > P->opts.depth) {
        if (is_empty(L, t))
            lua_pushliteral(L, "}");
        else
            lua_pushliteral(L, "…}");
        lua_concat(L, 2);
        return;
    }
    lua_createtable(L, 8, 3);
    lua_insert(L, -2);
    int node = lua_gettop(L) - 1;
    lua_setfield(L, node, "head");
    lua_pushvalue(L, t);
    lua_pushboolean(L, 1);
    lua_rawset(L, P->path);
    build_items(P, t, node, level);
    lua_pushvalue(L, t);
    lua_pushnil(L);
    lua_rawset(L, P->path);
    set_flat(L, node);
}

static void build_userdata(lua_State *L, int idx)
{
    if (push_tostring(L, idx))
        return;
    const char *name = push_metatable_name(L, idx);
    if (name) {
        lua_pushfstring(L, "<%s>", name);
        lua_remove(L, -2);
    } else {
        lua_pushliteral(L, "<userdata>");
    }
}

/* Push the node of the value at idx, at nesting level `level` (the top value is level 1). */
static void build(struct printer *P, int idx, int level)
{
    lua_State *L = P->L;
    luaL_checkstack(L, 10, "pretty printer");
    switch (lua_type(L, idx)) {
    case LUA_TNIL:
        lua_pushliteral(L, "nil");
        break;
    case LUA_TBOOLEAN:
        lua_pushstring(L, lua_toboolean(L, idx) ? "true" : "false");
        break;
    case LUA_TNUMBER:
        push_number(L, idx);
        break;
    case LUA_TSTRING:
        push_quoted(L, idx);
        break;
    case LUA_TFUNCTION:
        push_function(L, idx);
        break;
    case LUA_TTABLE:
        if (!push_tostring(L, idx))
            build_table(P, idx, level);
        break;
    case LUA_TUSERDATA:
        build_userdata(L, idx);
        break;
    default:  /* threads and light userdata: nothing better than their address */
        lua_pushfstring(L, "%s: %p", luaL_typename(L, idx), lua_topointer(L, idx));
    }
}

/* ---- Layout ------------------------------------------------------------------------- */

static void emit(struct printer *P, const char *s, size_t len)
{
    lua_pushlstring(P->L, s, len);
    lua_rawseti(P->L, P->pieces, ++P->npieces);
}

static void emit_top(struct printer *P)
{
    lua_rawseti(P->L, P->pieces, ++P->npieces);
}

static void emit_newline(struct printer *P, int indent)
{
    char spaces[2 * MAX_DEPTH + 8];
    if (indent > (int)sizeof spaces - 2)
        indent = (int)sizeof spaces - 2;
    spaces[0] = '\n';
    memset(spaces + 1, ' ', (size_t)indent);
    emit(P, spaces, (size_t)indent + 1);
}

/* Lay out the node on top of the stack (and pop it), starting at column col, with trail
 * columns that must follow it on its last line (a comma). */
static void layout(struct printer *P, int indent, size_t col, size_t trail)
{
    lua_State *L = P->L;
    size_t len;
    if (lua_type(L, -1) == LUA_TSTRING) {
        emit_top(P);
        return;
    }
    int node = lua_gettop(L);
    lua_getfield(L, node, "flat");
    const char *flat = lua_tolstring(L, -1, &len);
    if (col + display_width(flat, len) + trail <= (size_t)P->opts.width) {
        emit_top(P);
        lua_pop(L, 1);
        return;
    }
    lua_pop(L, 1);
    int n = (int)lua_rawlen(L, node) / 2;
    int has_more = lua_getfield(L, node, "more") != LUA_TNIL;
    lua_getfield(L, node, "head");
    emit_top(P);
    size_t line = 0;   /* column reached by a line of packed list items, else 0 */
    for (int i = 1; i <= n; i++) {
        int last = i == n && !has_more;
        lua_rawgeti(L, node, 2 * i - 1);
        const char *prefix = lua_tolstring(L, -1, &len);
        size_t prefix_width = display_width(prefix, len);
        lua_rawgeti(L, node, 2 * i);
        if (len == 0 && lua_type(L, -1) == LUA_TSTRING) {
            /* list items that are plain values share lines, so long lists stay compact */
            const char *leaf = lua_tolstring(L, -1, &len);
            size_t w = display_width(leaf, len);
            if (line > 0 && line + 1 + w + !last <= (size_t)P->opts.width) {
                emit(P, " ", 1);
                line += 1 + w + !last;
            } else {
                emit_newline(P, indent + 2);
                line = (size_t)indent + 2 + w + !last;
            }
            emit_top(P);
            lua_pop(L, 1);
        } else {
            line = 0;
            emit_newline(P, indent + 2);
            lua_insert(L, -2);
            emit_top(P);
            layout(P, indent + 2, (size_t)indent + 2 + prefix_width, last ? 0 : 1);
        }
        if (!last)
            emit(P, ",", 1);
    }
    if (has_more) {
        emit_newline(P, indent + 2);
        lua_pushvalue(L, -1);
        emit_top(P);
    }
    emit_newline(P, indent);
    emit(P, "}", 1);
    lua_pop(L, 2);  /* more, node */
}

/* ---- API ---------------------------------------------------------------------------- */

static int clamp(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

const char *ctg_pretty_push(lua_State *L, int idx, const struct ctg_pretty_opts *opts)
{
    struct printer P;
    luaL_Buffer b;
    idx = lua_absindex(L, idx);
    P.L = L;
    P.opts = opts ? *opts : ctg_pretty_defaults();
    P.opts.depth = clamp(P.opts.depth, 0, MAX_DEPTH);
    P.opts.max_items = clamp(P.opts.max_items, 0, 1 << 30);
    P.opts.width = clamp(P.opts.width, 0, 1 << 30);
    P.npieces = 0;
    lua_newtable(L);
    P.path = lua_gettop(L);
    lua_newtable(L);
    P.pieces = lua_gettop(L);
    build(&P, idx, 1);
    layout(&P, 0, 0, 0);
    luaL_buffinit(L, &b);
    for (int i = 1; i <= P.npieces; i++) {
        lua_rawgeti(L, P.pieces, i);
        luaL_addvalue(&b);
    }
    luaL_pushresult(&b);
    lua_replace(L, P.path);
    lua_pop(L, 1);
    return lua_tostring(L, -1);
}

static int opt_field(lua_State *L, int opts, const char *field, int def)
{
    int isint, v = def;
    if (lua_getfield(L, opts, field) != LUA_TNIL) {
        lua_Integer i = lua_tointegerx(L, -1, &isint);
        if (!isint)
            return luaL_error(L, "bad option '%s' (integer expected, got %s)", field,
                              luaL_typename(L, -1));
        v = i < 0 ? 0 : i > (1 << 30) ? (1 << 30) : (int)i;
    }
    lua_pop(L, 1);
    return v;
}

/* format(v [, opts]) -> string */
static int pretty_format(lua_State *L)
{
    struct ctg_pretty_opts o = ctg_pretty_defaults();
    luaL_checkany(L, 1);
    if (!lua_isnoneornil(L, 2)) {
        luaL_checktype(L, 2, LUA_TTABLE);
        o.depth = opt_field(L, 2, "depth", o.depth);
        o.max_items = opt_field(L, 2, "max_items", o.max_items);
        o.width = opt_field(L, 2, "width", o.width);
    }
    ctg_pretty_push(L, 1, &o);
    return 1;
}

int luaopen_ctg_pretty(lua_State *L)
{
    static const luaL_Reg functions[] = {
        {"format", pretty_format},
        {NULL, NULL},
    };
    luaL_newlib(L, functions);
    return 1;
}
