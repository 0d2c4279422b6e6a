/* The REPL: reads Lua chunks line by line, evaluates them and pretty-prints their results.
 *
 * A line is compiled first as `return <line>`, so that an expression shows its value, then
 * as a statement. When both fail and one failure is a syntax error at the end of the input
 * ("... near <eof>"), the chunk is unfinished: the next line is appended and it is tried
 * again. On a terminal, lines come from libedit (history, Tab completion of fields) and
 * Ctrl-C interrupts running code through a debug hook, the only thing a signal handler may
 * safely do to a Lua state.
 *
 * Errors name the line of the input, as the user counts them: each chunk is compiled under
 * the name "[saisie@N]" (N, the input line it starts at), and a location "[saisie@N]:L:" in
 * a message becomes "[saisie]:N+L-1:" when it is reported (a function defined in an earlier
 * chunk keeps its own chunk's N). */
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <lauxlib.h>
#include <editline/readline.h>

#include "ctg.h"
#include "repl.h"
#include "termsafe.h"

#define PROMPT "ctg> "
#define PROMPT_MORE "  … "
#define PROMPT_MORE_ASCII "  .. "   /* libedit cannot show "…" outside a UTF-8 locale */
#define CHUNK_TAG "[saisie@"     /* chunk names: "=[saisie@N]", N its first input line */
#define INPUT_NAME "[saisie]"    /* what a location calls the input without the guide */
#define EOF_MARK "<eof>"
#define HISTORY_MAX 1000

struct repl {
    lua_State *L;
    FILE *in, *out, *err;
    int interactive;
    int failed;             /* some chunk failed: the exit code of a piped session */
    long lines;             /* input lines read so far */
    long chunk_line;        /* the input line the chunk being read starts at */
    const char *prompt_more;
    char history[4096];     /* history file, or "" */
};

enum load_status { LOAD_OK, LOAD_INCOMPLETE, LOAD_ERROR };
enum read_status { READ_LINE, READ_EOF, READ_INTERRUPT };

/* ---- Compiling input ------------------------------------------------------------------ */

/* The length of a long bracket's level at s ("[[" 0, "[==[" 2), or -1 when s opens none. */
static int long_bracket(const char *s)
{
    if (*s != '[')
        return -1;
    int level = 0;
    while (s[1 + level] == '=')
        level++;
    return s[1 + level] == '[' ? level : -1;
}

/* How many brackets ( [ { the chunk leaves open, strings and comments aside: a call, a
 * table or an index still open at the end of a line is continued on the next one. (An
 * unclosed long string or comment is Lua's own "unfinished" error.) */
static int open_brackets(const char *p, size_t len)
{
    const char *end = p + len;
    int depth = 0;
    while (p < end) {
        int level;
        if (p[0] == '-' && p + 1 < end && p[1] == '-') {
            p += 2;
            if ((level = long_bracket(p)) < 0) {
                while (p < end && *p != '\n')
                    p++;
                continue;
            }
        } else if ((level = long_bracket(p)) < 0) {
            if (*p == '"' || *p == '\'') {
                char quote = *p++;
                while (p < end && *p != quote && *p != '\n')
                    p += (*p == '\\' && p + 1 < end) ? 2 : 1;
            } else if (*p == '(' || *p == '[' || *p == '{') {
                depth++;
            } else if (*p == ')' || *p == ']' || *p == '}') {
                depth--;
            }
            p++;
            continue;
        }
        /* a long string or comment: skip to its closing bracket of the same level */
        p += level + 2;
        while (p < end && !(*p == ']' && (size_t)(end - p) > (size_t)level + 1 &&
                            strspn(p + 1, "=") >= (size_t)level && p[1 + level] == ']'))
            p++;
        p += level + 2;
    }
    return depth;
}

/* A syntax error at the end of the input that another line completes: a block waiting for
 * its "end" or "until", a bracket left open, a long string or comment, a short string
 * continued by a backslash. Anything else at the end of a line — `x = 1 x`, `x =`, `1 +` —
 * is an error at once: reading on would swallow the next command into this one. */
static int is_unfinished(lua_State *L, int status, const char *chunk, size_t chunk_len)
{
    static const char *const open_ends[] = {"'end' expected", "'until' expected", "'}' expected",
                                            "')' expected", "']' expected", "unfinished ", NULL};
    size_t len;
    const char *msg;
    if (status != LUA_ERRSYNTAX)
        return 0;
    msg = lua_tolstring(L, -1, &len);
    if (len < strlen(EOF_MARK) || strcmp(msg + len - strlen(EOF_MARK), EOF_MARK) != 0)
        return 0;
    for (const char *const *e = open_ends; *e; e++)
        if (strstr(msg, *e))
            return 1;
    return open_brackets(chunk, chunk_len) > 0;
}

/* Compile prefix .. code .. "\n"; push the function or the error message. The newline
 * makes an unclosed short string the error it is ("unfinished string near '"abc'") rather
 * than an unfinished chunk that would swallow the next lines. */
static int load_code(lua_State *L, const char *prefix, const char *code, size_t len,
                     long first_line)
{
    size_t n;
    lua_pushfstring(L, "=" CHUNK_TAG "%I]", (LUAI_UACINT)first_line);
    lua_pushstring(L, prefix);
    lua_pushlstring(L, code, len);
    lua_pushliteral(L, "\n");
    lua_concat(L, 3);
    code = lua_tolstring(L, -1, &n);
    int status = luaL_loadbuffer(L, code, n, lua_tostring(L, -2));
    lua_remove(L, -2);
    lua_remove(L, -2);
    return status;
}

/* Lua counts the newline load_code appends: an error at the end of the input is said to be
 * on the line after the last one typed. Put it back on that last line. */
static void eof_on_last_line(lua_State *L, const char *chunk, size_t len)
{
    size_t mlen;
    const char *msg = lua_tolstring(L, -1, &mlen);
    const char *at = msg ? strstr(msg, "]:") : NULL;
    if (!at || mlen < strlen(EOF_MARK) || strcmp(msg + mlen - strlen(EOF_MARK), EOF_MARK) != 0)
        return;
    char *after;
    long line = strtol(at + 2, &after, 10), lines = 1;
    for (size_t i = 0; i < len; i++)
        lines += chunk[i] == '\n';
    if (line != lines + 1 || *after != ':')
        return;
    lua_pushlstring(L, msg, (size_t)(at + 2 - msg));
    lua_pushfstring(L, "%I%s", (LUAI_UACINT)lines, after);
    lua_concat(L, 2);
    lua_replace(L, -2);
}

/* Statements then an expression on one line, `x = 1; x`: compiled as `x = 1; return x`
 * at the last ";" that makes a valid chunk, so that the expression's value is shown. Pushes
 * the function and returns 1, or pushes nothing and returns 0. */
static int load_with_last_expression(lua_State *L, const char *chunk, size_t len, long first_line)
{
    for (size_t i = len; i > 0; i--) {
        if (chunk[i - 1] != ';' || strspn(chunk + i, " \t\n") == len - i)
            continue;
        lua_pushlstring(L, chunk, i);
        lua_pushliteral(L, " return ");
        lua_pushlstring(L, chunk + i, len - i);
        lua_concat(L, 3);
        size_t n;
        const char *code = lua_tolstring(L, -1, &n);
        int status = load_code(L, "", code, n, first_line);
        lua_remove(L, -2);
        if (status == LUA_OK)
            return 1;
        lua_pop(L, 1);
    }
    return 0;
}

/* Compile an input chunk. LOAD_OK pushes the function and sets *expr when it is an
 * expression (or ends with one, `x = 1; x`); LOAD_ERROR pushes the error message;
 * LOAD_INCOMPLETE pushes nothing. A chunk starting with "=" is an expression only. The
 * statement's error is the one reported: it is what the user most likely meant. */
static enum load_status load_input(lua_State *L, const char *chunk, size_t len, int *expr,
                                   long first_line)
{
    size_t skip = strspn(chunk, " \t");
    int forced = skip < len && chunk[skip] == '=';
    const char *code = forced ? chunk + skip + 1 : chunk;
    size_t code_len = len - (size_t)(code - chunk);
    int status = load_code(L, "return ", code, code_len, first_line);
    *expr = 1;
    if (status == LUA_OK)
        return LOAD_OK;
    int unfinished = is_unfinished(L, status, code, code_len);
    if (forced) {
        if (unfinished)
            lua_pop(L, 1);
        else
            eof_on_last_line(L, code, code_len);
        return unfinished ? LOAD_INCOMPLETE : LOAD_ERROR;
    }
    lua_pop(L, 1);
    /* `db = ctg.open(); db:plans()` shows the plans, as `db:plans()` alone would */
    if (!unfinished && load_with_last_expression(L, chunk, len, first_line))
        return LOAD_OK;
    *expr = 0;
    status = load_code(L, "", chunk, len, first_line);
    if (status == LUA_OK)
        return LOAD_OK;
    if (unfinished || is_unfinished(L, status, chunk, len)) {
        lua_pop(L, 1);
        return LOAD_INCOMPLETE;
    }
    eof_on_last_line(L, chunk, len);
    return LOAD_ERROR;
}

int ctg_repl_is_incomplete(lua_State *L, const char *chunk)
{
    int top = lua_gettop(L), expr;
    enum load_status status = load_input(L, chunk, strlen(chunk), &expr, 1);
    lua_settop(L, top);
    return status == LOAD_INCOMPLETE;
}

/* ---- Ctrl-C ---------------------------------------------------------------------------- */

static lua_State *interrupt_target;
static volatile sig_atomic_t interrupted_at_prompt;
static struct sigaction saved_sigint;

static void stop_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    lua_sethook(L, NULL, 0, 0);
    luaL_error(L, "interrupted");
}

/* While code runs: make the state stop at its next instruction. SA_RESETHAND resets the
 * handler, so a second Ctrl-C kills code that is stuck in C and never reaches the hook. */
static void on_sigint_running(int sig)
{
    (void)sig;
    lua_sethook(interrupt_target, stop_hook, LUA_MASKCALL | LUA_MASKRET | LUA_MASKCOUNT, 1);
}

static void on_sigint_prompt(int sig)
{
    (void)sig;
    interrupted_at_prompt = 1;
}

static void catch_sigint(void (*handler)(int), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
}

/* A Ctrl-C that came after the code finished must not stop the next chunk. */
static void clear_stop_hook(lua_State *L)
{
    if (lua_gethook(L) == stop_hook)
        lua_sethook(L, NULL, 0, 0);
}

/* ---- The guide (stdlib/ctg/repl.lua) -------------------------------------------------- */

/* The Lua side of the REPL lives in ctg.repl: help, quit, the display of results and the
 * location of errors. It is loaded once per session into the registry; a state without the
 * stdlib (the C tests) runs the plain loop. */
#define GUIDE_KEY "ctg.repl.guide"

static int load_guide(lua_State *L)
{
    lua_getglobal(L, "require");
    lua_pushliteral(L, "ctg.repl");
    lua_call(L, 1, 1);
    lua_getfield(L, -1, "install");
    lua_call(L, 0, 0);
    lua_setfield(L, LUA_REGISTRYINDEX, GUIDE_KEY);
    return 0;
}

static void open_guide(lua_State *L)
{
    lua_pushnil(L);
    lua_setfield(L, LUA_REGISTRYINDEX, GUIDE_KEY);
    lua_pushcfunction(L, load_guide);
    if (lua_pcall(L, 0, 0, 0) != LUA_OK)
        lua_pop(L, 1);
}

/* Push field name of the guide; returns its type (LUA_TNIL without a guide). */
static int guide_field(lua_State *L, const char *name)
{
    if (lua_getfield(L, LUA_REGISTRYINDEX, GUIDE_KEY) != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_pushnil(L);
        return LUA_TNIL;
    }
    int type = lua_getfield(L, -1, name);
    lua_remove(L, -2);
    return type;
}

/* Tell the guide the input line of the chunk about to run: an error raised inside the
 * library with no frame of the user's left (a tail call) is located there. */
static void set_chunk_line(lua_State *L, long line)
{
    if (lua_getfield(L, LUA_REGISTRYINDEX, GUIDE_KEY) == LUA_TTABLE) {
        lua_pushinteger(L, (lua_Integer)line);
        lua_setfield(L, -2, "chunk_line");
    }
    lua_pop(L, 1);
}

/* The user typed quit or exit (or called them). */
static int guide_leaving(lua_State *L)
{
    guide_field(L, "leaving");
    int leaving = lua_toboolean(L, -1);
    lua_pop(L, 1);
    return leaving;
}

/* ---- Evaluating ------------------------------------------------------------------------ */

/* Push msg with each location "[saisie@N]:L:" as the input line it names, "NAME:N+L-1:"
 * (NAME: the guide's input_name, in the messages' language). */
static void push_relocated(lua_State *L, const char *msg)
{
    const char *name = INPUT_NAME;
    if (guide_field(L, "input_name") == LUA_TSTRING)
        name = lua_tostring(L, -1);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    const char *p = msg, *tag;
    while ((tag = strstr(p, CHUNK_TAG)) != NULL) {
        char *end;
        long first = strtol(tag + strlen(CHUNK_TAG), &end, 10);
        long line = 0;
        int located = end[0] == ']' && end[1] == ':' && end[2] >= '0' && end[2] <= '9';
        if (located)
            line = strtol(end + 2, &end, 10);
        luaL_addlstring(&b, p, (size_t)(tag - p));
        if (located && *end == ':') {
            char num[32];
            snprintf(num, sizeof num, ":%ld:", first + line - 1);
            luaL_addstring(&b, name);
            luaL_addstring(&b, num);
            p = end + 1;
        } else {
            luaL_addstring(&b, CHUNK_TAG);
            p = tag + strlen(CHUNK_TAG);
        }
    }
    luaL_addstring(&b, p);
    luaL_pushresult(&b);
    lua_remove(L, -2);  /* the name */
}

static void file_sink(void *ud, const char *s, size_t n)
{
    fwrite(s, 1, n, (FILE *)ud);
}

/* Write text bound for the console: on a terminal, control characters from plans and data
 * are escaped (termsafe.h); to a file or a pipe, the bytes go as they are. */
static void term_write(FILE *f, const char *s, size_t n)
{
    if (isatty(fileno(f)))
        ctg_term_escape(s, n, file_sink, f);
    else
        fwrite(s, 1, n, f);
}

static void term_line(FILE *f, const char *prefix, const char *s)
{
    fputs(prefix, f);
    term_write(f, s, strlen(s));
    fputc('\n', f);
}

/* Report an error: located at the input's line, then put in words by the guide (its
 * report(msg): "erreur : …" in the messages' language), or prefixed by "erreur : ". */
static void report_error(struct repl *R, const char *msg)
{
    lua_State *L = R->L;
    fflush(R->out);
    push_relocated(L, msg);
    if (guide_field(L, "report") == LUA_TFUNCTION) {
        lua_pushvalue(L, -2);
        lua_pushinteger(L, (lua_Integer)R->chunk_line);
        if (lua_pcall(L, 2, 1, 0) == LUA_OK && lua_type(L, -1) == LUA_TSTRING)
            term_line(R->err, "", lua_tostring(L, -1));
        else
            term_line(R->err, "erreur : ", lua_tostring(L, -2));
    } else
        term_line(R->err, "erreur : ", lua_tostring(L, -2));
    lua_pop(L, 2);
    fflush(R->err);
    R->failed = 1;
}

/* Message handler: error objects that are not strings become text here, while their
 * __tostring can still run. */
static int error_message(lua_State *L)
{
    if (lua_type(L, 1) != LUA_TSTRING) {
        if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
            return 1;
        lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
        return 1;
    }
    /* while the stack is still there: the guide moves a location inside stdlib/ to the
     * user's line */
    if (guide_field(L, "message") == LUA_TFUNCTION) {
        lua_pushvalue(L, 1);
        if (lua_pcall(L, 1, 1, 0) == LUA_OK && lua_type(L, -1) == LUA_TSTRING)
            return 1;
    }
    lua_settop(L, 1);
    return 1;
}

static int any_non_nil(lua_State *L, int first, int last)
{
    for (int i = first; i <= last; i++)
        if (!lua_isnil(L, i))
            return 1;
    return 0;
}

/* One result through the guide: a bare quit leaves (returns 1), a value the guide shows
 * (a summary, a grid) is written; returns 0 when the guide has nothing to say. */
static int show_one(lua_State *L, FILE *out, int idx)
{
    if (guide_field(L, "is_leave") == LUA_TFUNCTION) {
        lua_pushvalue(L, idx);
        lua_call(L, 1, 1);
        int leave = lua_toboolean(L, -1);
        lua_pop(L, 1);
        if (leave) {
            lua_getfield(L, LUA_REGISTRYINDEX, GUIDE_KEY);
            lua_pushboolean(L, 1);
            lua_setfield(L, -2, "leaving");
            lua_pop(L, 1);
            return 1;
        }
    } else
        lua_pop(L, 1);
    if (guide_field(L, "show") != LUA_TFUNCTION) {
        lua_pop(L, 1);
        return 0;
    }
    lua_pushvalue(L, idx);
    lua_call(L, 1, 1);
    size_t len;
    const char *s = lua_tolstring(L, -1, &len);
    if (s) {
        term_write(out, s, len);
        fputc('\n', out);
        fflush(out);
    }
    lua_pop(L, 1);
    return s != NULL;
}

/* Write the values from index first to the top on one line, separated by tabs. */
static void print_values(lua_State *L, FILE *out, int first)
{
    int last = lua_gettop(L);
    if (first == last && show_one(L, out, first))
        return;
    for (int i = first; i <= last; i++) {
        size_t len;
        ctg_pretty_push(L, i, NULL);
        const char *s = lua_tolstring(L, -1, &len);
        if (i > first)
            fputc('\t', out);
        term_write(out, s, len);
        lua_pop(L, 1);
    }
    fputc('\n', out);
    fflush(out);
}

/* run(out, expr, f): call f and print its results: all of them for an expression, for a
 * statement only when one is not nil. Printing is protected too, since it may run
 * __tostring metamethods (though those errors are caught) and allocate. */
static int run_chunk(lua_State *L)
{
    FILE *out = lua_touserdata(L, 1);
    int expr = lua_toboolean(L, 2);
    lua_call(L, 0, LUA_MULTRET);
    int n = lua_gettop(L) - 2;
    if (n > 0 && (expr || any_non_nil(L, 3, lua_gettop(L))))
        print_values(L, out, 3);
    return 0;
}

/* Run the compiled chunk on top of the stack (popping it) and print its results. */
static void evaluate(struct repl *R, int expr)
{
    lua_State *L = R->L;
    int base = lua_gettop(L);  /* the chunk */
    lua_pushcfunction(L, error_message);
    lua_pushcfunction(L, run_chunk);
    lua_pushlightuserdata(L, R->out);
    lua_pushboolean(L, expr);
    lua_pushvalue(L, base);
    if (R->interactive) {
        interrupt_target = L;
        catch_sigint(on_sigint_running, SA_RESETHAND);
    }
    int status = lua_pcall(L, 3, 0, base + 1);
    if (R->interactive) {
        catch_sigint(on_sigint_prompt, 0);
        clear_stop_hook(L);
    }
    if (status != LUA_OK)
        report_error(R, lua_tostring(L, -1));
    lua_settop(L, base - 1);
}

/* ---- Reading lines --------------------------------------------------------------------- */

/* A line from a stream, without its newline, pushed as a string. */
static enum read_status read_stream_line(lua_State *L, FILE *in)
{
    luaL_Buffer b;
    int c = getc(in);
    if (c == EOF)
        return READ_EOF;
    luaL_buffinit(L, &b);
    for (; c != EOF && c != '\n'; c = getc(in))
        luaL_addchar(&b, (char)c);
    luaL_pushresult(&b);
    return READ_LINE;
}

/* A line from libedit, pushed as a string. Ctrl-C makes readline return early (the handler
 * has no SA_RESTART); the flag it sets tells that apart from Ctrl-D. */
static enum read_status read_terminal_line(lua_State *L, const char *prompt)
{
    interrupted_at_prompt = 0;
    char *line = readline(prompt);
    if (interrupted_at_prompt) {
        free(line);
        fputc('\n', stdout);
        fflush(stdout);
        return READ_INTERRUPT;
    }
    if (!line)
        return READ_EOF;
    lua_pushstring(L, line);
    free(line);
    return READ_LINE;
}

static enum read_status read_line(struct repl *R, int first)
{
    enum read_status rs = R->interactive ? read_terminal_line(R->L, first ? PROMPT : R->prompt_more)
                                         : read_stream_line(R->L, R->in);
    if (rs == READ_LINE)
        R->lines++;
    return rs;
}

/* ---- History --------------------------------------------------------------------------- */

static void history_open(struct repl *R)
{
    const char *path = getenv("CTG_HISTORY");
    const char *home = getenv("HOME");
    R->history[0] = '\0';
    if (path && *path)
        snprintf(R->history, sizeof R->history, "%s", path);
    else if (home && *home)
        snprintf(R->history, sizeof R->history, "%s/.ctg_history", home);
    using_history();
    stifle_history(HISTORY_MAX);
    if (R->history[0])
        read_history(R->history);
}

/* Add a chunk (all of its lines, as one entry) and save at once, so that the history
 * survives os.exit and crashes. A new file is made private: it may hold secrets. */
static void history_add(struct repl *R, const char *chunk)
{
    if (!R->interactive || chunk[strspn(chunk, " \t\n")] == '\0')
        return;
    HIST_ENTRY *last = history_get(history_base + history_length - 1);
    if (last && last->line && strcmp(last->line, chunk) == 0)
        return;
    add_history(chunk);
    if (!R->history[0])
        return;
    int fd = open(R->history, O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd >= 0)
        close(fd);
    write_history(R->history);
}

/* ---- Completion ------------------------------------------------------------------------ */

static lua_State *completion_state;
static int completion_list;   /* stack index of the sorted candidates during a completion */

/* Characters that end the word being completed. '.', ':', '[' and ']' are absent so that
 * the word is a whole field path: "p.axes[2].ti". */
static char word_breaks[] = " \t\n\"\\'`@$><=;|&{}()+-*/%^~#,!?";

static int is_name_start(char c)
{
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_name_char(char c)
{
    return is_name_start(c) || (c >= '0' && c <= '9');
}

/* Push the __index of the value at idx when it is a table (raw access: no code runs) and
 * return 1; push nothing and return 0 otherwise. Completion follows these chains. */
static int push_index_table(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    if (!lua_getmetatable(L, idx))
        return 0;
    lua_pushliteral(L, "__index");
    if (lua_rawget(L, -2) != LUA_TTABLE) {
        lua_pop(L, 2);
        return 0;
    }
    lua_remove(L, -2);
    return 1;
}

/* value[key] without running code: raw lookups, following __index while it is a table.
 * Replaces [value][key] on the stack with the result (nil when not found). */
static void peek_field(lua_State *L)
{
    for (int hops = 0; hops < 32; hops++) {
        if (lua_istable(L, -2)) {
            lua_pushvalue(L, -1);
            if (lua_rawget(L, -3) != LUA_TNIL) {
                lua_replace(L, -3);
                lua_pop(L, 1);
                return;
            }
            lua_pop(L, 1);
        }
        if (!push_index_table(L, -2))
            break;
        lua_replace(L, -3);
    }
    lua_pop(L, 2);
    lua_pushnil(L);
}

/* Parse the literal of a "[...]" index (an integer, a short string, true or false) at *p,
 * push its value and move *p past the "]". */
static int parse_index(lua_State *L, const char **p)
{
    const char *s = *p;
    char *end;
    if (*s == '"' || *s == '\'') {
        const char *close = strchr(s + 1, *s);
        if (!close || close[1] != ']' || memchr(s + 1, '\\', (size_t)(close - s - 1)))
            return 0;
        lua_pushlstring(L, s + 1, (size_t)(close - s - 1));
        *p = close + 2;
        return 1;
    }
    if (strncmp(s, "true]", 5) == 0 || strncmp(s, "false]", 6) == 0) {
        lua_pushboolean(L, *s == 't');
        *p = s + (*s == 't' ? 5 : 6);
        return 1;
    }
    long long n = strtoll(s, &end, 10);
    if (end == s || *end != ']')
        return 0;
    lua_pushinteger(L, (lua_Integer)n);
    *p = end + 1;
    return 1;
}

/* Add to the set at index `set` the identifier keys of the value on top (and of its
 * __index tables) that start with partial; only functions when methods is set. */
static void add_fields(lua_State *L, int set, const char *partial, int methods)
{
    size_t plen = strlen(partial);
    lua_pushvalue(L, -1);
    for (int hops = 0; hops < 32; hops++) {
        if (lua_istable(L, -1)) {
            lua_pushnil(L);
            while (lua_next(L, -2)) {
                size_t len;
                int wanted = lua_type(L, -2) == LUA_TSTRING &&
                             (!methods || lua_type(L, -1) == LUA_TFUNCTION);
                const char *k = wanted ? lua_tolstring(L, -2, &len) : NULL;
                lua_pop(L, 1);
                if (k && strncmp(k, partial, plen) == 0 && is_name_start(k[0]) &&
                    strspn(k, "_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                              "0123456789") == len) {
                    lua_pushvalue(L, -1);
                    lua_pushboolean(L, 1);
                    lua_rawset(L, set);
                }
            }
        }
        if (!push_index_table(L, -1))
            break;
        lua_replace(L, -2);
    }
    lua_pop(L, 1);
}

static void add_keywords(lua_State *L, int set, const char *partial)
{
    static const char *const keywords[] = {
        "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto",
        "if", "in", "local", "nil", "not", "or", "repeat", "return", "then", "true",
        "until", "while", NULL};
    for (const char *const *k = keywords; *k; k++)
        if (strncmp(*k, partial, strlen(partial)) == 0) {
            lua_pushstring(L, *k);
            lua_pushboolean(L, 1);
            lua_rawset(L, set);
        }
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Turn the set on top into a sorted array of prefix .. name, replacing it. */
static void sorted_candidates(lua_State *L, const char *prefix, size_t plen)
{
    int n = 0;
    lua_pushnil(L);
    while (lua_next(L, -2)) {
        lua_pop(L, 1);
        n++;
    }
    const char **names = lua_newuserdatauv(L, (size_t)n * sizeof *names + 1, 0);
    int i = 0;
    lua_pushnil(L);
    while (lua_next(L, -3)) {
        lua_pop(L, 1);
        names[i++] = lua_tostring(L, -1);  /* anchored in the set */
    }
    qsort(names, (size_t)n, sizeof *names, compare_strings);
    lua_createtable(L, n, 0);
    for (i = 0; i < n; i++) {
        lua_pushlstring(L, prefix, plen);
        lua_pushstring(L, names[i]);
        lua_concat(L, 2);
        lua_rawseti(L, -2, i + 1);
    }
    lua_replace(L, -3);
    lua_pop(L, 1);
}

/* Walk the field path at the start of text ("p.axes[2].ti", "p:ac", "pri") with raw lookups
 * only, so that no user code runs. Push the value whose fields complete it and return the
 * partial name at its end, or return NULL (pushing nothing) when text is no such path. */
static const char *walk_path(lua_State *L, const char *text, int *methods)
{
    const char *p = text, *partial = text;
    int top = lua_gettop(L), ok = 1;
    *methods = 0;
    if (*p && !is_name_start(*p))
        return NULL;
    while (is_name_char(*p))
        p++;
    lua_pushglobaltable(L);
    lua_pushlstring(L, text, (size_t)(p - text));  /* [value][pending key] */
    while (ok && *p) {
        if (*methods) {  /* a ':' must be the last separator */
            ok = 0;
        } else if (*p == '[') {
            peek_field(L);
            p++;
            ok = parse_index(L, &p) && (*p == '.' || *p == ':' || *p == '[');
        } else if (*p == '.' || *p == ':') {
            *methods = *p == ':';
            peek_field(L);
            partial = ++p;
            while (is_name_char(*p))
                p++;
            lua_pushlstring(L, partial, (size_t)(p - partial));
        } else {
            ok = 0;
        }
    }
    if (!ok) {
        lua_settop(L, top);
        return NULL;
    }
    lua_pop(L, 1);  /* the partial name: matched as a prefix instead */
    return partial;
}

/* collect(text): the sorted completions of text, a global name or a field path. */
static int collect_completions(lua_State *L)
{
    const char *text = lua_touserdata(L, 1);
    int methods;
    lua_newtable(L);
    int set = lua_gettop(L);
    const char *partial = walk_path(L, text, &methods);
    if (partial) {
        add_fields(L, set, partial, methods);
        if (partial == text)
            add_keywords(L, set, partial);
        lua_settop(L, set);
    } else {
        partial = text;
    }
    sorted_candidates(L, text, (size_t)(partial - text));
    return 1;
}

static char *next_candidate(const char *text, int state)
{
    static int index;
    lua_State *L = completion_state;
    char *s = NULL;
    (void)text;
    index = state == 0 ? 1 : index + 1;
    if (lua_rawgeti(L, completion_list, index) == LUA_TSTRING)
        s = strdup(lua_tostring(L, -1));
    lua_pop(L, 1);
    return s;
}

int ctg_repl_complete(lua_State *L, const char *text)
{
    lua_pushcfunction(L, collect_completions);
    lua_pushlightuserdata(L, (void *)text);
    if (lua_pcall(L, 1, 1, 0) != LUA_OK) {
        lua_pop(L, 1);
        lua_pushnil(L);
        return 0;
    }
    return (int)lua_rawlen(L, -1);
}

/* libedit's completion hook. Lua errors must not unwind through libedit: the candidates
 * are collected in a protected call. */
static char **complete(const char *text, int start, int end)
{
    lua_State *L = completion_state;
    char **matches = NULL;
    (void)start;
    (void)end;
    rl_attempted_completion_over = 1;  /* never fall back to file names */
    if (!lua_checkstack(L, 4))
        return NULL;
    if (ctg_repl_complete(L, text) > 0) {
        completion_list = lua_gettop(L);
        matches = rl_completion_matches(text, next_candidate);
    }
    lua_pop(L, 1);
    return matches;
}

/* ---- The loop -------------------------------------------------------------------------- */

/* The input ended inside a chunk: report the error of the form that was unfinished. */
static void report_unfinished(struct repl *R, const char *chunk, size_t len)
{
    lua_State *L = R->L;
    size_t skip = strspn(chunk, " \t");
    int forced = skip < len && chunk[skip] == '=';
    const char *code = forced ? chunk + skip + 1 : chunk;
    size_t code_len = len - (size_t)(code - chunk);
    int status = load_code(L, "return ", code, code_len, R->chunk_line);
    if (!forced && !is_unfinished(L, status, code, code_len)) {
        lua_pop(L, 1);
        status = load_code(L, "", chunk, len, R->chunk_line);
    }
    if (status != LUA_OK)
        report_error(R, lua_tostring(L, -1));
    lua_pop(L, 1);
}

/* Read lines until they make a complete chunk, then evaluate it. Returns 0 at the end of
 * the input. */
static int read_eval_print(struct repl *R)
{
    lua_State *L = R->L;
    R->chunk_line = R->lines + 1;
    enum read_status rs = read_line(R, 1);
    if (rs != READ_LINE)
        return rs == READ_INTERRUPT;
    set_chunk_line(L, R->chunk_line);
    for (;;) {
        size_t len;
        int expr;
        const char *chunk = lua_tolstring(L, -1, &len);
        enum load_status status = load_input(L, chunk, len, &expr, R->chunk_line);
        if (status != LOAD_INCOMPLETE) {
            history_add(R, chunk);
            if (status == LOAD_OK)
                evaluate(R, expr);
            else
                report_error(R, lua_tostring(L, -1));
            lua_pop(L, status == LOAD_OK ? 1 : 2);
            return 1;
        }
        rs = read_line(R, 0);
        if (rs != READ_LINE) {
            /* Ctrl-C drops the unfinished chunk; the end of the input reports it, and
             * a terminal then gets its prompt back */
            if (rs == READ_EOF) {
                if (R->interactive)
                    fputc('\n', R->out);  /* past the "^D" */
                history_add(R, chunk);     /* to be recalled and finished */
                report_unfinished(R, chunk, len);
            }
            lua_pop(L, 1);
            return rs == READ_INTERRUPT || R->interactive;
        }
        lua_pushliteral(L, "\n");
        lua_insert(L, -2);
        lua_concat(L, 3);
    }
}

static int repl_main(lua_State *L)
{
    struct repl *R = lua_touserdata(L, 1);
    lua_settop(L, 0);
    open_guide(L);
    while (read_eval_print(R) && !guide_leaving(L))
        lua_settop(L, 0);
    return 0;
}

/* Run the loop protected, so that even a memory error ends the session cleanly. */
static int run(struct repl *R)
{
    lua_State *L = R->L;
    lua_pushcfunction(L, repl_main);
    lua_pushlightuserdata(L, R);
    if (lua_pcall(L, 1, 0, 0) != LUA_OK) {
        report_error(R, lua_tostring(L, -1));
        lua_pop(L, 1);
    }
    return R->failed ? CTG_EXIT_SCRIPT : CTG_EXIT_OK;
}

int ctg_repl_run_stream(lua_State *L, FILE *in, FILE *out, FILE *err)
{
    struct repl R;
    memset(&R, 0, sizeof R);
    R.L = L;
    R.in = in;
    R.out = out;
    R.err = err;
    return run(&R);
}

/* The global `ctg` loads lazily, through an __index function that completion will not
 * call: touch it once so that it reads through a table of fields instead. */
static int resolve_ctg(lua_State *L)
{
    lua_getglobal(L, "require");
    lua_pushliteral(L, "ctg");
    lua_call(L, 1, 0);
    if (lua_getglobal(L, "ctg") == LUA_TTABLE)
        lua_getfield(L, -1, "_");
    return 0;
}

/* Failure is ignored: the REPL works without it. */
static void preload_ctg(lua_State *L)
{
    lua_pushcfunction(L, resolve_ctg);
    if (lua_pcall(L, 0, 0, 0) != LUA_OK)
        lua_pop(L, 1);
}

static void setup_terminal(struct repl *R)
{
    completion_state = R->L;
    rl_readline_name = "ctg";  /* for ~/.editrc */
    /* libedit's own SIGINT handler re-raises the signal to the whole process group and
     * then retries; ours alone makes readline return, with the flag telling why */
    rl_catch_signals = 0;
    rl_basic_word_break_characters = word_breaks;
    rl_completer_word_break_characters = word_breaks;
    rl_attempted_completion_function = complete;
    rl_completion_append_character = '\0';
    history_open(R);
    /* from now on until the end of the session, Ctrl-C never kills the REPL: it clears the
     * line at the prompt and interrupts running code */
    sigaction(SIGINT, NULL, &saved_sigint);
    catch_sigint(on_sigint_prompt, 0);
}

/* libedit decodes the prompt and the keyboard by the locale's character set: use the user's
 * for the session (Lua itself does not depend on LC_CTYPE), then put the caller's back. */
static void use_user_ctype(struct repl *R, char *saved, size_t size)
{
    const char *current = setlocale(LC_CTYPE, NULL);
    snprintf(saved, size, "%s", current ? current : "C");
    setlocale(LC_CTYPE, "");
    R->prompt_more = strcmp(nl_langinfo(CODESET), "UTF-8") == 0 ? PROMPT_MORE
                                                                 : PROMPT_MORE_ASCII;
}

int ctg_repl_run(lua_State *L)
{
    struct repl R;
    char ctype[256];
    ctg_runtime_guard_terminal(L);
    if (!isatty(STDIN_FILENO))
        return ctg_repl_run_stream(L, stdin, stdout, stderr);
    memset(&R, 0, sizeof R);
    R.L = L;
    R.in = stdin;
    R.out = stdout;
    R.err = stderr;
    R.interactive = 1;
    use_user_ctype(&R, ctype, sizeof ctype);
    preload_ctg(L);
    setup_terminal(&R);
    open_guide(L);
    if (guide_field(L, "banner") == LUA_TFUNCTION) {
        lua_pushstring(L, CTG_VERSION);
        lua_pushstring(L, LUA_RELEASE);
        if (lua_pcall(L, 2, 1, 0) == LUA_OK && lua_type(L, -1) == LUA_TSTRING)
            printf("%s\n", lua_tostring(L, -1));
        else
            printf("ctg %s (%s)\n", CTG_VERSION, LUA_RELEASE);
    } else
        printf("ctg %s (%s)\n", CTG_VERSION, LUA_RELEASE);
    lua_pop(L, 1);
    fflush(stdout);
    run(&R);
    if (R.history[0])
        write_history(R.history);
    fputc('\n', stdout);
    sigaction(SIGINT, &saved_sigint, NULL);
    setlocale(LC_CTYPE, ctype);
    return CTG_EXIT_OK;
}
