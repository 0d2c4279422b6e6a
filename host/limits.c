/* ctg.limits — time and memory limits for code from others (plan files, custom rules,
 * report scripts).
 *
 * Memory: the Lua state allocates through limited_alloc, which counts every byte; while a
 * limited run is active, an allocation that would take the state past the cap is refused
 * (Lua raises "not enough memory") and the run is marked as over its limit.
 * Time: a count hook checks a monotonic deadline every HOOK_COUNT instructions.
 * Once a run is over a limit, the hook fires on every instruction and raises again, so a
 * pcall inside the script cannot swallow the error: the first instruction after the pcall
 * raises anew, up to limits.run, which reports the limit in French ("le plan dépasse la
 * limite de temps de 30 s").
 * The hook only runs between Lua instructions: a long call into C (a pattern that
 * backtracks, string building) or a finalizer stuck in one is not seen by it. Behind it, a
 * watchdog thread ends the process when a run outlives its budget plus WATCHDOG_GRACE,
 * whatever is running: it writes the French message (naming the file) and calls _exit(1).
 * Nothing is half-written: outputs are written after the sandboxed runs, through a
 * temporary file renamed into place, and SQLite rolls back an unfinished transaction; the
 * database lock goes with the process.
 * An error raised by the code is turned into text within the limits (its __tostring is the
 * code's own), so that ctg never calls the code's metamethods after the run. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <lauxlib.h>

#include "ctg.h"
#include "embedded.h"
#include "msg.h"

#define HOOK_COUNT 1000
/* seconds a run may outlive its time limit before the watchdog ends the process */
#define WATCHDOG_GRACE 1.0
/* hooks between two updates of the place the watchdog names */
#define WHERE_EVERY 64
/* after a run went over its memory cap: room to build the error and unwind */
#define MEMORY_SLACK (1u << 20)

enum trip { TRIP_NONE, TRIP_TIME, TRIP_MEMORY };

struct ctg_limits {
    size_t used;         /* bytes the state holds */
    size_t cap;          /* bytes allowed during the current limited run (0: no run) */
    int active;          /* a limited run is in progress */
    enum trip tripped;   /* why the current run must stop */
    double deadline;     /* monotonic seconds */
    double timeout;      /* seconds allowed to one run */
    size_t max_memory;   /* bytes allowed to the whole state during one run */
    lua_State *L;        /* the state of the current limited run */
    char what[160];      /* what runs: "le plan", "la règle « … »", "le script de rapport" */
    char message[1024];  /* the error of a tripped run */
    unsigned hooks;      /* hook calls since the place was last noted */
};

/* ---- the watchdog ------------------------------------------------------------------- */

static struct {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int started;             /* the thread runs */
    int quit;                /* the process ends: the thread returns, to be joined */
    int armed;               /* a limited run is in progress */
    unsigned long generation; /* changes at every arm and disarm */
    struct timespec deadline; /* CLOCK_MONOTONIC */
    double timeout;          /* the run's limit, for the message */
    char what[160];
    char where[256];         /* "file:line: " or "file: " of the user's code, or "" */
    pthread_t thread;
} watchdog = {.mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER};

static void format_seconds(char *buf, size_t size, double s);

/* Write the message and end the process: the run outlived its limit and its grace. */
static void watchdog_fire(void)
{
    char amount[64], text[1024];
    format_seconds(amount, sizeof amount, watchdog.timeout);
    int n = snprintf(text, sizeof text,
                     "ctg: %s%s dépasse la limite de temps de %s et ne rend pas la main (un appel "
                     "long, arrêté par le chien de garde) ; rien n'a été écrit\n",
                     watchdog.where, watchdog.what, amount);
    if (n > 0) {
        size_t len = (size_t)n < sizeof text ? (size_t)n : sizeof text - 1;
        ssize_t w = write(STDERR_FILENO, text, len);
        (void)w;
    }
    _exit(CTG_EXIT_SCRIPT);
}

static void *watchdog_main(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&watchdog.mu);
    while (!watchdog.quit) {
        while (!watchdog.armed && !watchdog.quit)
            pthread_cond_wait(&watchdog.cv, &watchdog.mu);
        unsigned long gen = watchdog.generation;
        int rc = 0;
        while (watchdog.armed && !watchdog.quit && watchdog.generation == gen && rc != ETIMEDOUT)
            rc = pthread_cond_timedwait(&watchdog.cv, &watchdog.mu, &watchdog.deadline);
        if (rc == ETIMEDOUT && watchdog.armed && !watchdog.quit && watchdog.generation == gen)
            watchdog_fire();
    }
    pthread_mutex_unlock(&watchdog.mu);
    return NULL;
}

/* At exit: the thread returns and is joined, so that nothing of it outlives the process's
 * own cleanup (its stack and thread-local storage, which valgrind would count as lost). */
static void watchdog_stop(void)
{
    pthread_mutex_lock(&watchdog.mu);
    watchdog.quit = 1;
    pthread_cond_signal(&watchdog.cv);
    pthread_mutex_unlock(&watchdog.mu);
    pthread_join(watchdog.thread, NULL);
}

/* Start the thread once, with every signal blocked in it (they stay the main thread's). */
static int watchdog_start(void)
{
    if (watchdog.started)
        return 0;
    pthread_condattr_t attr;
    if (pthread_condattr_init(&attr) != 0 ||
        pthread_condattr_setclock(&attr, CLOCK_MONOTONIC) != 0 ||
        pthread_cond_init(&watchdog.cv, &attr) != 0)
        return -1;
    pthread_condattr_destroy(&attr);
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    int rc = pthread_create(&watchdog.thread, NULL, watchdog_main, NULL);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (rc != 0)
        return -1;
    watchdog.started = 1;
    atexit(watchdog_stop);
    return 0;
}

static void watchdog_arm(const char *what, const char *where, double timeout)
{
    if (watchdog_start() != 0)
        return; /* no thread: the hook still bounds the Lua instructions */
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    double end = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9 + timeout + WATCHDOG_GRACE;
    pthread_mutex_lock(&watchdog.mu);
    watchdog.deadline.tv_sec = (time_t)end;
    watchdog.deadline.tv_nsec = (long)((end - (double)(time_t)end) * 1e9);
    watchdog.timeout = timeout;
    snprintf(watchdog.what, sizeof watchdog.what, "%s", what);
    snprintf(watchdog.where, sizeof watchdog.where, "%s", where);
    watchdog.armed = 1;
    watchdog.generation++;
    pthread_cond_signal(&watchdog.cv);
    pthread_mutex_unlock(&watchdog.mu);
}

static void watchdog_disarm(void)
{
    if (!watchdog.started)
        return;
    pthread_mutex_lock(&watchdog.mu);
    watchdog.armed = 0;
    watchdog.generation++;
    pthread_cond_signal(&watchdog.cv);
    pthread_mutex_unlock(&watchdog.mu);
}

static void watchdog_where(const char *where)
{
    if (!watchdog.started || !where[0])
        return;
    pthread_mutex_lock(&watchdog.mu);
    snprintf(watchdog.where, sizeof watchdog.where, "%s", where);
    pthread_mutex_unlock(&watchdog.mu);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void describe_trip(struct ctg_limits *lim, lua_State *L);

static void *limited_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    struct ctg_limits *lim = ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        lim->used -= old;
        return NULL;
    }
    if (lim->active && nsize > old) {
        size_t limit = lim->cap + (lim->tripped ? MEMORY_SLACK : 0);
        if (lim->used - old > limit || nsize > limit - (lim->used - old)) {
            if (!lim->tripped) {
                lim->tripped = TRIP_MEMORY;
                /* say where now: a memory error unwinds without a message handler. Reading
                 * the call stack allocates nothing. */
                describe_trip(lim, lim->L);
            }
            return NULL;
        }
    }
    void *p = realloc(ptr, nsize);
    if (!p)
        return NULL;
    lim->used = lim->used - old + nsize;
    return p;
}

static int panic(lua_State *L)
{
    const char *msg = lua_tostring(L, -1);
    fprintf(stderr, "ctg: erreur Lua non protégée : %s\n", msg ? msg : "(objet d'erreur)");
    return 0;
}

lua_State *ctg_limits_newstate(void)
{
    struct ctg_limits *lim = calloc(1, sizeof *lim);
    if (!lim)
        return NULL;
    lim->timeout = CTG_DEFAULT_TIMEOUT;
    lim->max_memory = (size_t)CTG_DEFAULT_MAX_MEMORY_MB << 20;
    lua_State *L = lua_newstate(limited_alloc, lim);
    if (!L) {
        free(lim);
        return NULL;
    }
    lua_atpanic(L, panic);
    return L;
}

static struct ctg_limits *limits_of(lua_State *L)
{
    void *ud;
    lua_Alloc f = lua_getallocf(L, &ud);
    return f == limited_alloc ? ud : NULL;
}

void ctg_limits_close(lua_State *L)
{
    struct ctg_limits *lim = limits_of(L);
    lua_close(L);
    free(lim);
}

size_t ctg_limits_active_memory(lua_State *L)
{
    struct ctg_limits *lim = limits_of(L);
    return lim && lim->active ? lim->max_memory : 0;
}

void ctg_limits_set(lua_State *L, double timeout, size_t max_memory_mb)
{
    struct ctg_limits *lim = limits_of(L);
    if (!lim)
        return;
    if (timeout > 0)
        lim->timeout = timeout;
    if (max_memory_mb > 0)
        lim->max_memory = max_memory_mb << 20;
}

/* "12 s", "0,5 s": the timeout as users wrote it, in French. */
static void format_seconds(char *buf, size_t size, double s)
{
    if (s == (double)(long long)s)
        snprintf(buf, size, "%lld s", (long long)s);
    else {
        snprintf(buf, size, "%g s", s);
        char *dot = strchr(buf, '.');
        if (dot)
            *dot = ',';
    }
}

/* "file:line: " of the innermost frame that is not ctg's own code, or "". */
static void user_location(lua_State *L, char *buf, size_t size)
{
    lua_Debug ar;
    buf[0] = '\0';
    for (int level = 0; lua_getstack(L, level, &ar); level++) {
        if (!lua_getinfo(L, "Sl", &ar) || ar.currentline <= 0)
            continue;
        if (ctg_embedded_is_stdlib_source(ar.source))
            continue;
        snprintf(buf, size, "%s:%d: ", ar.short_src, ar.currentline);
        return;
    }
}

/* The message of a run over its limit, located at the user's line L is running. */
static void describe_trip(struct ctg_limits *lim, lua_State *L)
{
    char where[256], amount[64];
    where[0] = '\0';
    if (L)
        user_location(L, where, sizeof where);
    if (lim->tripped == TRIP_TIME) {
        format_seconds(amount, sizeof amount, lim->timeout);
        snprintf(lim->message, sizeof lim->message,
                 "%s%s dépasse la limite de temps de %s (arrêté ; --timeout SECONDES "
                 "pour la changer)",
                 where, lim->what, amount);
    } else {
        snprintf(lim->message, sizeof lim->message,
                 "%s%s dépasse la limite de mémoire de %zu Mo (arrêté ; --max-memory Mo "
                 "pour la changer)",
                 where, lim->what, lim->max_memory >> 20);
    }
}

static void limit_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    struct ctg_limits *lim = limits_of(L);
    if (!lim || !lim->active)
        return;
    if (!lim->tripped && now() > lim->deadline)
        lim->tripped = TRIP_TIME;
    if (!lim->tripped) {
        /* note where the user's code is, for the watchdog's message */
        if (++lim->hooks >= WHERE_EVERY) {
            char where[256];
            lim->hooks = 0;
            user_location(L, where, sizeof where);
            watchdog_where(where);
        }
        return;
    }
    if (!lim->message[0])
        describe_trip(lim, L);
    /* from now on every instruction raises: no pcall in the script can go on */
    lua_sethook(L, limit_hook, LUA_MASKCOUNT, 1);
    lua_pushstring(L, lim->message);
    lua_error(L);
}

/* "file: " of the first function among the arguments of limits.run (3..top) that is the
 * user's code (the plan, the script, the rule's check), or "": what the watchdog names
 * until the hook notes a line. */
static void file_of_arguments(lua_State *L, char *buf, size_t size)
{
    buf[0] = '\0';
    for (int i = 3; i <= lua_gettop(L); i++) {
        if (lua_type(L, i) != LUA_TFUNCTION || lua_iscfunction(L, i))
            continue;
        lua_Debug ar;
        lua_pushvalue(L, i);
        if (lua_getinfo(L, ">S", &ar) && !ctg_embedded_is_stdlib_source(ar.source) &&
            ar.source[0] == '@') {
            snprintf(buf, size, "%s: ", ar.short_src);
            return;
        }
    }
}

static int tostring_raw(lua_State *L)
{
    luaL_tolstring(L, 1, NULL);
    return 1;
}

/* The error on top of the stack, from code under the limits: a string, a number or ctg's
 * own exit error stays; anything else becomes its text now, while the limits still hold
 * (its __tostring is the code's), or a plain description if that fails. */
static void error_to_text(lua_State *L)
{
    int t = lua_type(L, -1);
    if (t == LUA_TSTRING || t == LUA_TNUMBER || ctg_runtime_is_exit_error(L, -1))
        return;
    lua_pushcfunction(L, tostring_raw);
    lua_pushvalue(L, -2);
    if (lua_pcall(L, 1, 1, 0) == LUA_OK && lua_type(L, -1) == LUA_TSTRING) {
        lua_replace(L, -2);
        return;
    }
    lua_pop(L, 1);
    const char *vars[] = {"type", luaL_typename(L, -1), NULL};
    ctg_msg_push(L, "contain.error-object", vars, "(erreur sans message)");
    lua_replace(L, -2);
}

/* limits.run(what, handler, fn, ...) -> fn's results
 * Call fn(...) within the time and memory limits; what names it in the error. handler
 * (may be nil: ctg's own, which locates errors in the user's file) is the message handler
 * of the protected call, so that it sees the stack where an error was raised. Errors are
 * raised again; a run over a limit raises the limit's message. A nested run stays within
 * the limits of the outer one. */
static int limits_run(lua_State *L)
{
    struct ctg_limits *lim = limits_of(L);
    const char *what = luaL_checkstring(L, 1);
    luaL_checktype(L, 3, LUA_TFUNCTION);
    if (!lim || lim->active) {
        lua_call(L, lua_gettop(L) - 3, LUA_MULTRET);
        return lua_gettop(L) - 2;
    }
    if (lua_isnil(L, 2)) {
        lua_pushcfunction(L, ctg_runtime_message_handler);
        lua_replace(L, 2);
    }
    snprintf(lim->what, sizeof lim->what, "%s", what);
    lim->message[0] = '\0';
    lim->tripped = TRIP_NONE;
    lim->deadline = now() + lim->timeout;
    /* the cap bounds the whole state: what ctg holds already counts */
    lim->cap = lim->max_memory;
    lim->L = L;
    lim->active = 1;
    /* the first hook already notes the place: a run stuck early is named by its line */
    lim->hooks = WHERE_EVERY - 1;
    char where[256];
    file_of_arguments(L, where, sizeof where);
    watchdog_arm(what, where, lim->timeout);
    lua_sethook(L, limit_hook, LUA_MASKCOUNT, HOOK_COUNT);
    int status = lua_pcall(L, lua_gettop(L) - 3, LUA_MULTRET, 2);
    if (status != LUA_OK)
        error_to_text(L);
    lua_sethook(L, NULL, 0, 0);
    watchdog_disarm();
    lim->active = 0;
    lim->L = NULL;
    enum trip tripped = lim->tripped;
    lim->tripped = TRIP_NONE;
    if (tripped != TRIP_NONE) {
        if (!lim->message[0]) {
            lim->tripped = tripped;
            describe_trip(lim, NULL);
            lim->tripped = TRIP_NONE;
        }
        lua_pushstring(L, lim->message);
        return lua_error(L);
    }
    if (status != LUA_OK)
        return lua_error(L);
    return lua_gettop(L) - 2;
}

/* limits.configure{timeout = seconds, max_memory = megabytes} */
static int limits_configure(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    double timeout = 0;
    lua_Integer mb = 0;
    if (lua_getfield(L, 1, "timeout") != LUA_TNIL)
        timeout = luaL_checknumber(L, -1);
    if (lua_getfield(L, 1, "max_memory") != LUA_TNIL)
        mb = luaL_checkinteger(L, -1);
    lua_pop(L, 2);
    if (timeout < 0 || mb < 0)
        return luaL_error(L, "limits.configure: negative limit");
    ctg_limits_set(L, timeout, (size_t)mb);
    return 0;
}

/* limits.get() -> {timeout = seconds, max_memory = megabytes, used = bytes} */
static int limits_get(lua_State *L)
{
    struct ctg_limits *lim = limits_of(L);
    lua_createtable(L, 0, 3);
    if (lim) {
        lua_pushnumber(L, lim->timeout);
        lua_setfield(L, -2, "timeout");
        lua_pushinteger(L, (lua_Integer)(lim->max_memory >> 20));
        lua_setfield(L, -2, "max_memory");
        lua_pushinteger(L, (lua_Integer)lim->used);
        lua_setfield(L, -2, "used");
    }
    return 1;
}

/* limits.apply(timeout_text, max_memory_text) -> true | nil, French message
 * The command-line forms (either may be nil), checked and put in force. */
static int limits_apply(lua_State *L)
{
    const char *timeout = luaL_optstring(L, 1, NULL);
    const char *memory = luaL_optstring(L, 2, NULL);
    char err[256];
    double s = 0;
    size_t mb = 0;
    if ((timeout && ctg_limits_parse_timeout(timeout, &s, err, sizeof err) != 0) ||
        (memory && ctg_limits_parse_memory(memory, &mb, err, sizeof err) != 0)) {
        lua_pushnil(L);
        lua_pushstring(L, err);
        return 2;
    }
    ctg_limits_set(L, s, mb);
    lua_pushboolean(L, 1);
    return 1;
}

int luaopen_ctg_limits(lua_State *L)
{
    static const luaL_Reg functions[] = {
        {"apply", limits_apply},
        {"run", limits_run},
        {"configure", limits_configure},
        {"get", limits_get},
        {NULL, NULL},
    };
    luaL_newlib(L, functions);
    return 1;
}

int ctg_limits_parse_timeout(const char *text, double *out, char *err, size_t errsize)
{
    char *end;
    double s = strtod(text, &end);
    if (end == text || *end != '\0' || !(s > 0) || s > 86400) {
        snprintf(err, errsize,
                 "--timeout attend un nombre de secondes entre 0 et 86400, par exemple 30 "
                 "(reçu '%s')",
                 text);
        return -1;
    }
    *out = s;
    return 0;
}

int ctg_limits_parse_memory(const char *text, size_t *out_mb, char *err, size_t errsize)
{
    char *end;
    unsigned long long n = strtoull(text, &end, 10);
    unsigned long long scale = 1;
    if (*end == 'M' || *end == 'm')
        end++;
    else if (*end == 'G' || *end == 'g') {
        scale = 1024;
        end++;
    }
    if (end == text || text[0] == '-' || *end != '\0' || n == 0 || n > (1ULL << 20) / scale) {
        snprintf(err, errsize,
                 "--max-memory attend une taille en Mo (512, ou 2G), au moins 1 Mo (reçu '%s')",
                 text);
        return -1;
    }
    *out_mb = (size_t)(n * scale);
    return 0;
}
