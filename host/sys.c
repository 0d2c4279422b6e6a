/* ctg.sys — the few facts about the process that Lua's standard library does not give:
 * whether a stream is a terminal (progress lines only go to one), a monotonic clock, and
 * the directories a project is made of (ctg init creates them, ctg build lists them), and
 * the one safe way ctg writes an output file (sys.write_file, and sys.open_output for one
 * written piece by piece). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <lauxlib.h>

#include "ctg.h"
#include "embedded.h"
#include "pathguard.h"
#include "termsafe.h"

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

const char *ctg_errno_text(int err)
{
    switch (err) {
    case ENOSPC: return "plus de place sur le disque";
    case EDQUOT: return "quota de disque dépassé";
    case EFBIG: return "fichier trop grand (limite de taille atteinte)";
    case EACCES:
    case EPERM: return "permission refusée";
    case EROFS: return "système de fichiers en lecture seule";
    case ENOENT: return "répertoire inexistant";
    case ENOTDIR: return "un élément du chemin n'est pas un répertoire";
    case EISDIR: return "c'est un répertoire";
    case EIO: return "erreur d'entrée-sortie";
    case ENOMEM: return "mémoire insuffisante";
    case ELOOP: return "trop de liens symboliques";
    case ENAMETOOLONG: return "nom trop long";
    default: return strerror(err);
    }
}

/* Write all of buf to fd, retrying short writes; 0 or an errno value. */
static int write_all(int fd, const char *buf, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, buf, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

/* A new temporary file beside path (its name in *tmp, to free), created exclusively: the fd,
 * or -1 with *err set. The temporary lives in the target's directory, so that rename(2) is
 * atomic; mkstemp opens with O_CREAT|O_EXCL, so a name planted there (a symlink) is never
 * followed. */
static int temp_open(const char *path, char **tmp, int *err)
{
    size_t plen = strlen(path);
    const char *slash = strrchr(path, '/');
    size_t dlen = slash ? (size_t)(slash - path) + 1 : 0;
    *tmp = malloc(plen + 16);
    if (!*tmp) {
        *err = ENOMEM;
        return -1;
    }
    memcpy(*tmp, path, dlen);
    snprintf(*tmp + dlen, plen + 16 - dlen, ".%s.XXXXXX", path + dlen);
    int fd = mkstemp(*tmp);
    if (fd < 0) {
        *err = errno;
        free(*tmp);
        *tmp = NULL;
    }
    return fd;
}

/* Ends a temporary from temp_open: after an earlier error e, removed; else given the
 * umask's mode, flushed to disk and renamed over path. Frees tmp; 0 or an errno value. */
static int temp_finish(int fd, char *tmp, const char *path, int e)
{
    mode_t mask = umask(0);
    umask(mask);
    if (!e && fchmod(fd, 0666 & ~mask) != 0)
        e = errno;
    if (!e && fsync(fd) != 0 && errno != EINVAL)
        e = errno;
    if (close(fd) != 0 && !e)
        e = errno;
    if (!e && rename(tmp, path) != 0)
        e = errno;
    if (e)
        unlink(tmp);
    free(tmp);
    return e;
}

int ctg_write_file(const char *path, const char *data, size_t len, int *err)
{
    char *tmp;
    int fd = temp_open(path, &tmp, err);
    if (fd < 0)
        return -1;
    *err = temp_finish(fd, tmp, path, write_all(fd, data, len));
    return *err ? -1 : 0;
}

/* ---- an output written piece by piece, all or nothing ---------------------------------- */

/* sys.open_output(path) -> output: like sys.write_file, for a text too large to hold whole
 * (a million exported observations): out:write(text) appends (to a temporary beside path;
 * path nil or "-": standard output), out:commit() -> true | nil, message puts it in place;
 * closed or collected before commit, the temporary is removed and path left as it was. */
#define OUTPUT_MT "ctg.Output"

struct output {
    int fd;       /* -1 once ended */
    char *tmp;    /* NULL: standard output */
    char *path;
    int err;      /* the first write error, reported by commit */
};

static struct output *check_output(lua_State *L)
{
    struct output *o = luaL_checkudata(L, 1, OUTPUT_MT);
    if (o->fd < 0)
        luaL_error(L, "sortie déjà terminée");
    return o;
}

static void output_abort(struct output *o)
{
    if (o->fd >= 0 && o->tmp) {
        close(o->fd);
        unlink(o->tmp);
    }
    o->fd = -1;
    free(o->tmp);
    free(o->path);
    o->tmp = o->path = NULL;
}

static int output_gc(lua_State *L)
{
    output_abort(luaL_checkudata(L, 1, OUTPUT_MT));
    return 0;
}

static void stdout_sink(void *ud, const char *s, size_t n)
{
    (void)ud;
    fwrite(s, 1, n, stdout);
}

static int output_write(lua_State *L)
{
    struct output *o = check_output(L);
    size_t len;
    const char *data = luaL_checklstring(L, 2, &len);
    if (o->err)
        return 0;
    if (o->tmp)
        o->err = write_all(o->fd, data, len);
    else if (isatty(STDOUT_FILENO) && ctg_term_unsafe(data, len)) {
        /* a person reads it: control characters of plans and data escaped (a character cut
         * between two pieces shows as its bytes, escaped too) */
        errno = 0;
        ctg_term_escape(data, len, stdout_sink, NULL);
        if (ferror(stdout))
            o->err = errno ? errno : EIO;
    } else if (fwrite(data, 1, len, stdout) != len)
        o->err = errno ? errno : EIO;
    return 0;
}

static int output_commit(lua_State *L)
{
    struct output *o = check_output(L);
    int e = o->err;
    if (o->tmp) {
        e = temp_finish(o->fd, o->tmp, o->path, e);
        o->tmp = NULL; /* freed, and removed on error */
    } else if (!e && fflush(stdout) != 0) {
        e = errno ? errno : EIO;
    }
    o->fd = -1;
    if (!e) {
        output_abort(o);
        lua_pushboolean(L, 1);
        return 1;
    }
    lua_pushnil(L);
    if (o->path)
        lua_pushfstring(L, "impossible d'écrire %s : %s", o->path, ctg_errno_text(e));
    else
        lua_pushfstring(L, "impossible d'écrire la sortie standard : %s", ctg_errno_text(e));
    output_abort(o);
    return 2;
}

static int sys_open_output(lua_State *L)
{
    const char *path = luaL_optstring(L, 1, "-");
    struct output *o = lua_newuserdatauv(L, sizeof *o, 0);
    o->fd = -1, o->tmp = o->path = NULL, o->err = 0;
    luaL_setmetatable(L, OUTPUT_MT);
    if (strcmp(path, "-") == 0) {
        o->fd = STDOUT_FILENO;
        return 1;
    }
    int err = 0;
    if (!(o->path = strdup(path)) || (o->fd = temp_open(path, &o->tmp, &err)) < 0) {
        output_abort(o);
        lua_pushnil(L);
        lua_pushfstring(L, "impossible d'écrire %s : %s", path, ctg_errno_text(err ? err : ENOMEM));
        return 2;
    }
    return 1;
}

/* sys.write_file(path, text) -> true | nil, message
 * All or nothing: the text goes to a new temporary file beside path (created exclusively,
 * never through a symlink), is flushed to disk and renamed over path. On any error the
 * temporary is removed and an earlier file at path is left as it was. */
static int sys_write_file(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    size_t len;
    const char *data = luaL_checklstring(L, 2, &len);
    int err;
    if (ctg_write_file(path, data, len, &err) == 0) {
        lua_pushboolean(L, 1);
        return 1;
    }
    lua_pushnil(L);
    lua_pushfstring(L, "impossible d'écrire %s : %s", path, ctg_errno_text(err));
    return 2;
}

/* sys.write_stdout(text) -> true | nil, message: written and flushed, errors reported. */
static int sys_terminal_text(lua_State *L);

static int sys_write_stdout(lua_State *L)
{
    size_t len;
    const char *data = luaL_checklstring(L, 1, &len);
    /* on a terminal, a person reads it: control characters of plans and data escaped */
    if (isatty(STDOUT_FILENO) && ctg_term_unsafe(data, len)) {
        lua_pushcfunction(L, sys_terminal_text);
        lua_pushvalue(L, 1);
        lua_call(L, 1, 1);
        data = lua_tolstring(L, -1, &len);
    }
    errno = 0;
    if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
        lua_pushnil(L);
        lua_pushfstring(L, "impossible d'écrire la sortie standard : %s",
                        errno ? ctg_errno_text(errno) : "erreur d'écriture");
        return 2;
    }
    lua_pushboolean(L, 1);
    return 1;
}

/* sys.is_dir(path) -> boolean */
static int sys_is_dir(lua_State *L)
{
    struct stat st;
    lua_pushboolean(L, stat(luaL_checkstring(L, 1), &st) == 0 && S_ISDIR(st.st_mode));
    return 1;
}

/* sys.exists(path) -> boolean (anything: file, directory, even a dangling symlink) */
static int sys_exists(lua_State *L)
{
    struct stat st;
    lua_pushboolean(L, lstat(luaL_checkstring(L, 1), &st) == 0);
    return 1;
}

/* sys.is_stdlib_source(source) -> boolean: whether a function's debug source ("@stdlib/…",
 * or the CTG_PATH tree) is ctg's own library, so that an error is located at the caller's
 * line, the first frame outside it */
static int sys_is_stdlib_source(lua_State *L)
{
    lua_pushboolean(L, ctg_embedded_is_stdlib_source(luaL_checkstring(L, 1)));
    return 1;
}

/* sys.term_width() -> the columns of the terminal on standard output, or nil when it is
 * not a terminal (or says nothing) */
static int sys_term_width(lua_State *L)
{
    struct winsize ws;
    if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) {
        lua_pushinteger(L, ws.ws_col);
        return 1;
    }
    return 0;
}

static void buffer_sink(void *ud, const char *s, size_t n)
{
    luaL_addlstring((luaL_Buffer *)ud, s, n);
}

/* sys.terminal_text(s) -> s with its control characters escaped (termsafe.h): the form
 * text from plans and data takes on a terminal. */
static int sys_terminal_text(lua_State *L)
{
    size_t n;
    const char *s = luaL_checklstring(L, 1, &n);
    if (!ctg_term_unsafe(s, n)) {
        lua_settop(L, 1);
        return 1;
    }
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    ctg_term_escape(s, n, buffer_sink, &b);
    luaL_pushresult(&b);
    return 1;
}

/* sys.terminal_unsafe(s) -> does s hold a character a terminal must not receive raw? */
static int sys_terminal_unsafe(lua_State *L)
{
    size_t n;
    const char *s = luaL_checklstring(L, 1, &n);
    lua_pushboolean(L, ctg_term_unsafe(s, n));
    return 1;
}

static const char *const GUARD_REASONS[] = {
    "ok", "empty", "absolute", "dotdot", "symlink", "not-dir", "not-regular", "too-big", "missing", "io",
};

static int guard_failure(lua_State *L, enum ctg_guard g, int e)
{
    lua_pushnil(L);
    lua_pushstring(L, GUARD_REASONS[g]);
    lua_pushstring(L, g == CTG_GUARD_IO ? strerror(e) : "");
    return 3;
}

/* sys.check_inside(root, rel) -> true | nil, reason: is rel a relative path without ".."
 * that reaches no symbolic link from root? (pathguard.h; reasons: "empty", "absolute",
 * "dotdot", "symlink", "not-dir", "io") */
static int sys_check_inside(lua_State *L)
{
    const char *root = luaL_checkstring(L, 1);
    const char *rel = luaL_checkstring(L, 2);
    enum ctg_guard g = ctg_guard_check(root, rel);
    if (g != CTG_GUARD_OK)
        return guard_failure(L, g, errno);
    lua_pushboolean(L, 1);
    return 1;
}

/* sys.read_inside(root, rel, max_bytes) -> text | nil, reason, system message: the regular
 * file root/rel reached without a symbolic link, at most max_bytes (reasons as
 * sys.check_inside, and "not-regular", "too-big", "missing") */
static int sys_read_inside(lua_State *L)
{
    const char *root = luaL_checkstring(L, 1);
    const char *rel = luaL_checkstring(L, 2);
    lua_Integer max = luaL_checkinteger(L, 3);
    luaL_argcheck(L, max >= 0, 3, "a size");
    char *data;
    size_t len;
    enum ctg_guard g = ctg_guard_read(root, rel, (size_t)max, &data, &len);
    if (g != CTG_GUARD_OK)
        return guard_failure(L, g, errno);
    lua_pushlstring(L, data, len);
    free(data);
    return 1;
}

/* sys.lkind(path) -> "file" | "directory" | "symlink" | "other", or nil: what is at path
 * itself (a symbolic link is not followed) */
static int sys_lkind(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    struct stat st;
    if (lstat(path, &st) != 0)
        return 0;
    lua_pushstring(L, S_ISREG(st.st_mode) ? "file" : S_ISDIR(st.st_mode) ? "directory"
                      : S_ISLNK(st.st_mode) ? "symlink" : "other");
    return 1;
}

/* sys.is_exit_error(v) -> is v an error raised by ctg.cli.args.fail? */
static int sys_is_exit_error(lua_State *L)
{
    lua_pushboolean(L, ctg_runtime_is_exit_error(L, 1));
    return 1;
}

int luaopen_ctg_sys(lua_State *L)
{
    static const luaL_Reg functions[] = {
        {"write_file", sys_write_file},
        {"write_stdout", sys_write_stdout},
        {"open_output", sys_open_output},
        {"is_dir", sys_is_dir},
        {"exists", sys_exists},
        {"isatty", sys_isatty},
        {"clock", sys_clock},
        {"user", sys_user},
        {"kind", sys_kind},
        {"mkdir", sys_mkdir},
        {"list", sys_list},
        {"embedded", sys_embedded},
        {"chdir", sys_chdir},
        {"is_stdlib_source", sys_is_stdlib_source},
        {"term_width", sys_term_width},
        {"exit_error", ctg_runtime_exit_error},
        {"is_exit_error", sys_is_exit_error},
        {"terminal_text", sys_terminal_text},
        {"terminal_unsafe", sys_terminal_unsafe},
        {"check_inside", sys_check_inside},
        {"read_inside", sys_read_inside},
        {"lkind", sys_lkind},
        {NULL, NULL},
    };
    static const luaL_Reg output_methods[] = {{"write", output_write}, {"commit", output_commit}, {NULL, NULL}};
    ctg_new_class(L, OUTPUT_MT, output_methods, output_gc);
    luaL_newlib(L, functions);
    lua_pushliteral(L, CTG_VERSION);
    lua_setfield(L, -2, "version");
    return 1;
}
