/* ctg.sys — the few facts about the process that Lua's standard library does not give:
 * whether a stream is a terminal (progress lines only go to one) and a monotonic clock. */
#include <pwd.h>
#include <time.h>
#include <unistd.h>
#include <lauxlib.h>

#include "ctg.h"

/* sys.isatty(fd) -> boolean */
static int sys_isatty(lua_State *L)
{
    int fd = (int)luaL_checkinteger(L, 1);
    lua_pushboolean(L, isatty(fd));
    return 1;
}

/* sys.clock() -> seconds (monotonic, for timings in benchmarks) */
static int sys_clock(lua_State *L)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
        return luaL_error(L, "clock_gettime failed");
    lua_pushnumber(L, (lua_Number)ts.tv_sec + (lua_Number)ts.tv_nsec / 1e9);
    return 1;
}

/* sys.user() -> the login name of the effective user, or nil */
static int sys_user(lua_State *L)
{
    const struct passwd *pw = getpwuid(geteuid());
    if (!pw || !pw->pw_name)
        return 0;
    lua_pushstring(L, pw->pw_name);
    return 1;
}

int luaopen_ctg_sys(lua_State *L)
{
    static const luaL_Reg functions[] = {
        {"isatty", sys_isatty},
        {"clock", sys_clock},
        {"user", sys_user},
        {NULL, NULL},
    };
    luaL_newlib(L, functions);
    lua_pushliteral(L, CTG_VERSION);
    lua_setfield(L, -2, "version");
    return 1;
}
