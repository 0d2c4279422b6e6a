/* ctg.sys — the few facts about the process that Lua's standard library does not give:
 * whether a stream is a terminal (progress lines only go to one), a monotonic clock, and
 * the directories a project is made of (ctg init creates them, ctg build lists them). */
#include <dirent.h>
#include <errno.h>
#include <pwd.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <lauxlib.h>

#include "ctg.h"
#include "embedded.h"

/* nil, "path: reason" — the Lua convention for a failed system call */
static int fail_errno(lua_State *L, const char *path)
{
    int e = errno;
    lua_pushnil(L);
    lua_pushfstring(L, "%s: %s", path, strerror(e));
    return 2;
}

/* sys.kind(path) -> "file" | "directory" | "other", or nil when nothing is there */
static int sys_kind(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    struct stat st;
    if (stat(path, &st) != 0)
        return 0;
    lua_pushstring(L, S_ISREG(st.st_mode) ? "file" : S_ISDIR(st.st_mode) ? "directory" : "other");
    return 1;
}

/* sys.mkdir(path) -> true (also when the directory exists), or nil, message */
static int sys_mkdir(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    struct stat st;
    if (mkdir(path, 0777) != 0 && !(errno == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode)))
        return fail_errno(L, path);
    lua_pushboolean(L, 1);
    return 1;
}

/* sys.list(path) -> {names…} of a directory's entries but "." and "..", in no particular
 * order (the caller sorts); or nil, message */
static int sys_list(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    DIR *dir = opendir(path);
    if (!dir)
        return fail_errno(L, path);
    lua_newtable(L);
    lua_Integer n = 0;
    const struct dirent *e;
    errno = 0;
    while ((e = readdir(dir)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        lua_pushstring(L, e->d_name);
        lua_rawseti(L, -2, ++n);
    }
    int e_read = errno;
    closedir(dir);
    if (e_read != 0) {
        errno = e_read;
        return fail_errno(L, path);
    }
    return 1;
}

/* sys.chdir(path) -> true, or nil, message (ctg build works from its project's folder, so
 * that every path it stores or prints is relative to the project) */
static int sys_chdir(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    if (chdir(path) != 0)
        return fail_errno(L, path);
    lua_pushboolean(L, 1);
    return 1;
}

/* sys.embedded(path) -> the text of a file compiled into the binary ("scripts/x.lua"), or nil */
static int sys_embedded(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    for (const struct ctg_embedded *e = ctg_embedded; e->module; e++) {
        if (strcmp(e->path, path) == 0) {
            lua_pushlstring(L, e->source, e->length);
            return 1;
        }
    }
    return 0;
}

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
        {"kind", sys_kind},
        {"mkdir", sys_mkdir},
        {"list", sys_list},
        {"embedded", sys_embedded},
        {"chdir", sys_chdir},
        {NULL, NULL},
    };
    luaL_newlib(L, functions);
    lua_pushliteral(L, CTG_VERSION);
    lua_setfield(L, -2, "version");
    return 1;
}
