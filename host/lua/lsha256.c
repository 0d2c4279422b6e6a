/* ctg.sha256 — SHA-256 for Lua (core/sha256.c): the checksum a dump ends with.
 *   local h = sha256.new(); h:update(text) …; h:hex()  -- 64 hex digits, h spent after
 *   sha256.hex(text)                                     -- one text at once */
#include "ctg.h"
#include "core/sha256.h"

#include <lauxlib.h>

#define SHA256_META "ctg.Sha256"

struct lsha256 {
    struct ctg_sha256 h;
    int done; /* hex() was called: the state is spent */
};

static void push_hex(lua_State *L, struct ctg_sha256 *h)
{
    static const char digits[] = "0123456789abcdef";
    unsigned char d[32];
    char out[64];
    ctg_sha256_final(h, d);
    for (int i = 0; i < 32; i++) {
        out[2 * i] = digits[d[i] >> 4];
        out[2 * i + 1] = digits[d[i] & 15];
    }
    lua_pushlstring(L, out, sizeof out);
}

static struct lsha256 *check_live(lua_State *L)
{
    struct lsha256 *s = luaL_checkudata(L, 1, SHA256_META);
    if (s->done)
        luaL_error(L, "sha256: hex() already called");
    return s;
}

static int l_new(lua_State *L)
{
    struct lsha256 *s = lua_newuserdatauv(L, sizeof *s, 0);
    ctg_sha256_init(&s->h);
    s->done = 0;
    luaL_setmetatable(L, SHA256_META);
    return 1;
}

static int l_update(lua_State *L)
{
    struct lsha256 *s = check_live(L);
    size_t len;
    const char *p = luaL_checklstring(L, 2, &len);
    ctg_sha256_update(&s->h, p, len);
    lua_settop(L, 1);
    return 1;
}

static int l_digest(lua_State *L)
{
    struct lsha256 *s = check_live(L);
    s->done = 1;
    push_hex(L, &s->h);
    return 1;
}

static int l_hex(lua_State *L)
{
    size_t len;
    const char *p = luaL_checklstring(L, 1, &len);
    struct ctg_sha256 h;
    ctg_sha256_init(&h);
    ctg_sha256_update(&h, p, len);
    push_hex(L, &h);
    return 1;
}

int luaopen_ctg_sha256(lua_State *L)
{
    static const luaL_Reg methods[] = {{"update", l_update}, {"hex", l_digest}, {NULL, NULL}};
    static const luaL_Reg functions[] = {{"new", l_new}, {"hex", l_hex}, {NULL, NULL}};
    luaL_newmetatable(L, SHA256_META);
    luaL_newlib(L, methods);
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);
    luaL_newlib(L, functions);
    return 1;
}
