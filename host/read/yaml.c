/* ctg.yaml — YAML (1.2 core schema) for plans and exports, over libyaml's event API.
 *
 *   value, lines = yaml.decode(text [, name])
 *     One document; an empty stream gives nil. Mappings become tables, sequences arrays,
 *     quoted scalars strings; plain scalars resolve to nil (~, null, Null, NULL, empty),
 *     booleans (true/True/TRUE, false/False/FALSE — not yes/no/on/off), integers (decimal;
 *     a float when too large), floats (1.5, -0.5e3, .inf, -.inf, .nan) or strings. `!!str`
 *     forces a string. A null mapping value leaves its key absent; a null sequence element
 *     becomes yaml.null so that positions are kept.
 *     `lines` maps each table t of the value to {[0] = line of t, [key] = line of that key}
 *     (for sequences [i] = line of element i; keys with a null value are listed too).
 *     Errors read "NAME:LINE:COLUMN: problem (context)"; NAME defaults to "yaml". Aliases
 *     are refused (no "billion laughs"), anchors ignored, nesting limited to YAML_MAX_DEPTH.
 *
 *   text = yaml.encode(value [, opts])
 *     Block style, UTF-8. Tables with keys 1..n are sequences, other tables mappings; an
 *     empty table is [] (or {} with opts.empty = "map"). Keys are sorted (numbers, strings,
 *     booleans) after those listed by opts.order(tbl), if given. Strings are quoted whenever
 *     the plain form would read back as something else, so decode(encode(v)) equals v.
 *     opts.document_start = true writes a leading "---".
 *
 *   yaml.null
 *     A lightuserdata: null in a sequence when decoding; written as null when encoding.
 *
 * The decoder is split in two so that a streaming reader can reuse the first half: the
 * event source (struct reader, reader_next: parsing, alias and depth policy, error
 * messages) and the Lua value builder (build_*), which pulls events from it. libyaml state
 * lives in userdata closed by __close, so a Lua error never leaks the parser or emitter. */
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <yaml.h>

#include "ctg.h"
#include "judge.h"
#include "msg.h"

/* Deep enough for any plan, shallow enough for the C stack and to stop hostile input. */
#define YAML_MAX_DEPTH 200
#define YAML_MAX_DEPTH_TEXT "200"

#define READER_MT "ctg.yaml.reader"
#define WRITER_MT "ctg.yaml.writer"

#define TAG_PREFIX "tag:yaml.org,2002:"

/* Its address is yaml.null. */
static const char null_sentinel = 0;

/* ---------------------------------------------------------------- scalar resolution */

enum plain_kind { PLAIN_NULL, PLAIN_TRUE, PLAIN_FALSE, PLAIN_INT, PLAIN_FLOAT, PLAIN_INF,
                  PLAIN_NEG_INF, PLAIN_NAN, PLAIN_STRING };

static int is_one_of(const char *s, size_t n, const char *const *words)
{
    for (; *words; words++)
        if (strlen(*words) == n && memcmp(s, *words, n) == 0)
            return 1;
    return 0;
}

static size_t skip_digits(const char *s, size_t i, size_t n)
{
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++;
    return i;
}

/* [-+]? ( [0-9]+ ( \. [0-9]* )? | \. [0-9]+ ) ( [eE] [-+]? [0-9]+ )? — PLAIN_INT when it
 * is only sign and digits, PLAIN_FLOAT otherwise, PLAIN_STRING when it does not match. */
static enum plain_kind classify_number(const char *s, size_t n)
{
    size_t i = (n > 0 && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
    size_t start = i;
    i = skip_digits(s, i, n);
    size_t int_digits = i - start;
    int is_float = 0;
    if (i < n && s[i] == '.') {
        size_t frac = i + 1;
        i = skip_digits(s, frac, n);
        if (int_digits == 0 && i == frac)
            return PLAIN_STRING;
        is_float = 1;
    } else if (int_digits == 0) {
        return PLAIN_STRING;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        size_t exp = ++i;
        if (i < n && (s[i] == '-' || s[i] == '+'))
            exp = ++i;
        i = skip_digits(s, i, n);
        if (i == exp)
            return PLAIN_STRING;
        is_float = 1;
    }
    if (i != n)
        return PLAIN_STRING;
    return is_float ? PLAIN_FLOAT : PLAIN_INT;
}

/* What a plain scalar means under the core schema (restricted to decimal integers). */
static enum plain_kind classify_plain(const char *s, size_t n)
{
    static const char *const nulls[] = {"~", "null", "Null", "NULL", NULL};
    static const char *const trues[] = {"true", "True", "TRUE", NULL};
    static const char *const falses[] = {"false", "False", "FALSE", NULL};
    static const char *const infs[] = {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", NULL};
    static const char *const neg_infs[] = {"-.inf", "-.Inf", "-.INF", NULL};
    static const char *const nans[] = {".nan", ".NaN", ".NAN", NULL};
    /* every word below starts with one of "~nNtTfF.+-": the rest (digits above all, the
     * common case of observation files) can only be a number or a string */
    if (n > 0 && !strchr("~nNtTfF.+-", s[0]))
        return classify_number(s, n);
    /* nor can a word longer than the longest of them ("false", "+.inf": 5 bytes), such as
     * the keys "territory" and "numerator" of every row */
    if (n > 5)
        return classify_number(s, n);
    if (n == 0 || is_one_of(s, n, nulls))
        return PLAIN_NULL;
    if (is_one_of(s, n, trues))
        return PLAIN_TRUE;
    if (is_one_of(s, n, falses))
        return PLAIN_FALSE;
    if (is_one_of(s, n, infs))
        return PLAIN_INF;
    if (is_one_of(s, n, neg_infs))
        return PLAIN_NEG_INF;
    if (is_one_of(s, n, nans))
        return PLAIN_NAN;
    return classify_number(s, n);
}

/* Push the value of a plain scalar (nil for null). s is NUL-terminated, as libyaml's are. */
static void push_plain(lua_State *L, const char *s, size_t n, enum plain_kind kind)
{
    switch (kind) {
    case PLAIN_NULL: lua_pushnil(L); return;
    case PLAIN_TRUE: lua_pushboolean(L, 1); return;
    case PLAIN_FALSE: lua_pushboolean(L, 0); return;
    case PLAIN_INF: lua_pushnumber(L, (lua_Number)HUGE_VAL); return;
    case PLAIN_NEG_INF: lua_pushnumber(L, -(lua_Number)HUGE_VAL); return;
    case PLAIN_NAN: lua_pushnumber(L, (lua_Number)NAN); return;
    case PLAIN_INT:
    case PLAIN_FLOAT:
        /* Lua's own conversion: integer overflow becomes a float, and it copes with the
         * locale's decimal point. The syntax was already checked, so it cannot fail. */
        if (lua_stringtonumber(L, s) == n + 1)
            return;
        break;
    case PLAIN_STRING: break;
    }
    lua_pushlstring(L, s, n);
}

/* ---------------------------------------------------------------- event source */

struct reader {
    yaml_parser_t parser;
    yaml_event_t event;       /* the current event, when has_event */
    int has_parser, has_event;
    int depth;                /* mappings and sequences open */
    const char *input;        /* the whole input when it is a string, else NULL: libyaml */
    size_t input_len;         /* places encoding errors by byte offset only */
    FILE *file;               /* the input of a stream reader, closed with it */
    char name[];              /* for messages */
};

static void reader_release(struct reader *r)
{
    if (r->has_event)
        yaml_event_delete(&r->event);
    if (r->has_parser)
        yaml_parser_delete(&r->parser);
    r->has_event = r->has_parser = 0;
    if (r->file)
        fclose(r->file);
    r->file = NULL;
}

static int reader_close(lua_State *L)
{
    reader_release(luaL_checkudata(L, 1, READER_MT));
    return 0;
}

/* Push a reader userdata with the given metatable; the caller sets its input. */
static struct reader *reader_alloc(lua_State *L, const char *name, const char *metatable)
{
    size_t len = strlen(name);
    struct reader *r = lua_newuserdatauv(L, sizeof *r + len + 1, 0);
    memset(r, 0, sizeof *r);
    memcpy(r->name, name, len + 1);
    luaL_setmetatable(L, metatable);
    if (!yaml_parser_initialize(&r->parser))
        luaL_error(L, "%s: out of memory", name);
    r->has_parser = 1;
    return r;
}

/* Push a reader that is closed when the calling C function returns or raises, so that an
 * error never leaks the parser. The caller sets its input. */
static struct reader *reader_new(lua_State *L, const char *name)
{
    struct reader *r = reader_alloc(L, name, READER_MT);
    lua_toclose(L, -1);
    return r;
}

/* Raise "NAME:LINE:COLUMN: message"; line and column are 0-based as in yaml_mark_t. */
static int reader_fail(lua_State *L, const struct reader *r, size_t line, size_t column,
                       const char *fmt, ...)
{
    va_list ap;
    lua_pushfstring(L, "%s:%I:%I: ", r->name, (lua_Integer)line + 1, (lua_Integer)column + 1);
    va_start(ap, fmt);
    lua_pushvfstring(L, fmt, ap);
    va_end(ap);
    lua_concat(L, 2);
    return lua_error(L);
}

#define reader_fail_at(L, r, mark, ...) \
    reader_fail((L), (r), (mark).line, (mark).column, __VA_ARGS__)

/* Raise "NAME:LINE:COLUMN: sentence" with the catalogue's sentence for key (yaml.*, in the
 * user's language; vars: name/value pairs) or, without a catalogue, english. */
static int reader_fail_msg(lua_State *L, const struct reader *r, size_t line, size_t column,
                           const char *key, const char *const *vars, const char *english)
{
    lua_pushfstring(L, "%s:%I:%I: ", r->name, (lua_Integer)line + 1, (lua_Integer)column + 1);
    ctg_msg_push(L, key, vars, english);
    lua_concat(L, 2);
    return lua_error(L);
}

/* The same with one placeholder, its English sentence written from fmt and value. */
static int reader_fail_one(lua_State *L, const struct reader *r, yaml_mark_t mark, const char *key,
                           const char *name, const char *value, const char *fmt)
{
    char english[512];
    snprintf(english, sizeof english, fmt, value);
    const char *vars[] = {name, value, NULL};
    return reader_fail_msg(L, r, mark.line, mark.column, key, vars, english);
}

/* "'abc' is not a valid !!int" */
static int reader_fail_tag_value(lua_State *L, const struct reader *r, yaml_mark_t mark,
                                 const char *value, const char *tag)
{
    char english[512];
    snprintf(english, sizeof english, "'%s' is not a valid !!%s", value, tag);
    const char *vars[] = {"value", value, "tag", tag, NULL};
    return reader_fail_msg(L, r, mark.line, mark.column, "yaml.tag-value", vars, english);
}

/* "duplicate key "a" (first at line 3)" */
static int reader_fail_duplicate(lua_State *L, const struct reader *r, yaml_mark_t mark,
                                 const char *key, lua_Integer first)
{
    char english[512], line[32];
    snprintf(line, sizeof line, "%lld", (long long)first);
    snprintf(english, sizeof english, "duplicate key \"%s\" (first at line %s)", key, line);
    const char *vars[] = {"key", key, "line", line, NULL};
    return reader_fail_msg(L, r, mark.line, mark.column, "yaml.duplicate-key", vars, english);
}

/* The 0-based line and column (in characters) of byte `end` of the input. */
static void input_position(const struct reader *r, size_t end, size_t *line, size_t *column)
{
    *line = *column = 0;
    for (size_t i = 0; i < end && i < r->input_len; i++) {
        unsigned char c = (unsigned char)r->input[i];
        if (c == '\n' || (c == '\r' && (i + 1 == r->input_len || r->input[i + 1] != '\n')))
            ++*line, *column = 0;
        else if ((c & 0xC0) != 0x80 && c != '\r')
            ++*column;
    }
}

/* The same for a file input (a stream reader): read it again from the start up to byte
 * end; the parser stopped at an error, so its position no longer matters. 0 if unreadable. */
static int file_position(FILE *f, size_t end, size_t *line, size_t *column)
{
    *line = *column = 0;
    if (!f || fseek(f, 0, SEEK_SET) != 0)
        return 0;
    int prev = -1;
    for (size_t i = 0; i < end; i++) {
        int c = getc(f);
        if (c == EOF)
            break;
        if (c == '\n') {
            if (prev != '\r')
                ++*line;
            *column = 0;
        } else if (c == '\r') {
            ++*line, *column = 0;
        } else if ((c & 0xC0) != 0x80) {
            ++*column;
        }
        prev = c;
    }
    return 1;
}

/* Raise at a mark. At the end of an input without a final newline libyaml counts one
 * line more than the input has; point at the end of the last line instead. */
static int reader_fail_mark(lua_State *L, const struct reader *r, yaml_mark_t mark,
                            const char *problem, const char *context)
{
    size_t line = mark.line, column = mark.column;
    if (r->input) {
        size_t last_line, last_column;
        input_position(r, r->input_len, &last_line, &last_column);
        if (line > last_line)
            line = last_line, column = last_column;
    }
    /* libyaml's own English words: the catalogue has the common ones (yaml.libyaml.WORDS) */
    char key[256];
    snprintf(key, sizeof key, "yaml.libyaml.%s", problem);
    ctg_msg_push(L, key, NULL, problem);
    if (context) {
        snprintf(key, sizeof key, "yaml.libyaml.%s", context);
        lua_pushliteral(L, " (");
        ctg_msg_push(L, key, NULL, context);
        lua_pushliteral(L, ")");
        lua_concat(L, 4);
    }
    return reader_fail(L, r, line, column, "%s", lua_tostring(L, -1));
}

/* Encoding errors come with a byte offset only. */
static int reader_fail_at_offset(lua_State *L, const struct reader *r, const char *problem)
{
    const yaml_parser_t *p = &r->parser;
    char value[64] = "";
    if (p->problem_value != -1) {
        char hex[16];
        snprintf(hex, sizeof hex, "%X", (unsigned)p->problem_value);
        snprintf(value, sizeof value, " (value 0x%s)", hex);
        const char *vars[] = {"hex", hex, NULL};
        snprintf(value, sizeof value, "%s", ctg_msg_push(L, "yaml.byte", vars, value));
        lua_pop(L, 1);
    }
    size_t line, column;
    if (r->input)
        input_position(r, p->problem_offset, &line, &column);
    else if (!file_position(r->file, p->problem_offset, &line, &column))
        return luaL_error(L, "%s: %s%s at byte %I", r->name, problem, value,
                          (lua_Integer)p->problem_offset);
    char key[256];
    snprintf(key, sizeof key, "yaml.libyaml.%s", problem);
    return reader_fail(L, r, line, column, "%s%s", ctg_msg_push(L, key, NULL, problem), value);
}

static int parser_fail(lua_State *L, const struct reader *r)
{
    const yaml_parser_t *p = &r->parser;
    const char *problem = p->problem ? p->problem : "invalid YAML";
    switch (p->error) {
    case YAML_MEMORY_ERROR:
        return luaL_error(L, "%s: out of memory", r->name);
    case YAML_READER_ERROR:
        return reader_fail_at_offset(L, r, problem);
    default:
        return reader_fail_mark(L, r, p->problem_mark, problem, p->context);
    }
}

/* Advance to the next event, freeing the previous one. The policy every consumer gets:
 * aliases are refused at once (expanding them is how "billion laughs" documents exhaust
 * memory) and nesting is bounded (it costs C and Lua stack in the builder). */
static const yaml_event_t *reader_next(lua_State *L, struct reader *r)
{
    if (r->has_event) {
        yaml_event_delete(&r->event);
        r->has_event = 0;
    }
    if (!yaml_parser_parse(&r->parser, &r->event))
        parser_fail(L, r);
    r->has_event = 1;
    const yaml_event_t *ev = &r->event;
    switch (ev->type) {
    case YAML_ALIAS_EVENT:
        reader_fail_one(L, r, ev->start_mark, "yaml.alias", "anchor",
                        (const char *)ev->data.alias.anchor, "aliases are not supported (*%s)");
        break;
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT:
        if (++r->depth > YAML_MAX_DEPTH)
            reader_fail_one(L, r, ev->start_mark, "yaml.nesting", "n", YAML_MAX_DEPTH_TEXT,
                            "nesting deeper than %s levels");
        break;
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        r->depth--;
        break;
    default:
        break;
    }
    return ev;
}

/* ---------------------------------------------------------------- Lua value builder */

/* Builds Lua values from the reader's events; `lines` is the stack slot of the lines table,
 * or 0 to record no lines. */
struct builder {
    struct reader *r;
    int lines;
};

static void build_node(lua_State *L, struct builder *b);

static int is_core_tag(const char *tag, const char *name)
{
    size_t n = sizeof TAG_PREFIX - 1;
    return strncmp(tag, TAG_PREFIX, n) == 0 && strcmp(tag + n, name) == 0;
}

/* Whether a plain scalar of this kind may carry the explicit core tag. */
static int kind_fits_tag(enum plain_kind kind, const char *tag)
{
    if (is_core_tag(tag, "null"))
        return kind == PLAIN_NULL;
    if (is_core_tag(tag, "bool"))
        return kind == PLAIN_TRUE || kind == PLAIN_FALSE;
    if (is_core_tag(tag, "int"))
        return kind == PLAIN_INT;
    if (is_core_tag(tag, "float"))
        return kind == PLAIN_INT || kind == PLAIN_FLOAT || kind == PLAIN_INF ||
               kind == PLAIN_NEG_INF || kind == PLAIN_NAN;
    return -1; /* not a scalar tag we know */
}

/* Push the current scalar event's value: nil for null. */
static void build_scalar(lua_State *L, struct builder *b)
{
    const yaml_event_t *ev = &b->r->event;
    const char *s = (const char *)ev->data.scalar.value;
    size_t n = ev->data.scalar.length;
    const char *tag = (const char *)ev->data.scalar.tag;
    if (!tag) {
        if (ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE)
            push_plain(L, s, n, classify_plain(s, n));
        else
            lua_pushlstring(L, s, n);
        return;
    }
    /* "!" is the non-specific tag (`! 12`): a string, as is `!!str` */
    if (strcmp(tag, "!") == 0 || is_core_tag(tag, "str")) {
        lua_pushlstring(L, s, n);
        return;
    }
    enum plain_kind kind = classify_plain(s, n);
    int fits = kind_fits_tag(kind, tag);
    if (fits < 0)
        reader_fail_one(L, b->r, ev->start_mark, "yaml.tag", "tag", tag, "unsupported tag %s");
    if (!fits)
        reader_fail_tag_value(L, b->r, ev->start_mark, s, tag + sizeof TAG_PREFIX - 1);
    push_plain(L, s, n, kind);
    if (is_core_tag(tag, "float") && lua_isinteger(L, -1)) {
        lua_pushnumber(L, (lua_Number)lua_tointeger(L, -1));
        lua_remove(L, -2);
    }
}

static void check_collection_tag(lua_State *L, struct builder *b, const yaml_char_t *tag,
                                 const char *core)
{
    if (tag && !is_core_tag((const char *)tag, core))
        reader_fail_one(L, b->r, b->r->event.start_mark, "yaml.tag", "tag", (const char *)tag,
                        "unsupported tag %s");
}

/* Stack: table, its line table. Record the table's own line, file the line table in
 * `lines` and pop it. A mapping key 0 shares [0] with the node's line, which wins. */
static void finish_collection(lua_State *L, struct builder *b, size_t line)
{
    if (!b->lines) { /* a stream reader keeps no line tables: only each record's line */
        lua_pop(L, 1);
        return;
    }
    lua_pushinteger(L, (lua_Integer)line);
    lua_rawseti(L, -2, 0);
    lua_pushvalue(L, -2);
    lua_pushvalue(L, -2);
    lua_rawset(L, b->lines);
    lua_pop(L, 1);
}

static void build_sequence(lua_State *L, struct builder *b)
{
    struct reader *r = b->r;
    size_t line = r->event.start_mark.line + 1;
    check_collection_tag(L, b, r->event.data.sequence_start.tag, "seq");
    lua_newtable(L);
    lua_newtable(L);
    for (lua_Integer i = 1;; i++) {
        const yaml_event_t *ev = reader_next(L, r);
        if (ev->type == YAML_SEQUENCE_END_EVENT)
            break;
        lua_Integer item_line = (lua_Integer)ev->start_mark.line + 1;
        build_node(L, b);
        if (lua_isnil(L, -1)) { /* keep the position: a hole would end the array */
            lua_pop(L, 1);
            lua_pushlightuserdata(L, (void *)&null_sentinel);
        }
        lua_rawseti(L, -3, i);
        lua_pushinteger(L, item_line);
        lua_rawseti(L, -2, i);
    }
    finish_collection(L, b, line);
}

/* Push the key of a mapping entry from the current event. Lua cannot hold nil or NaN keys,
 * and a collection key has no useful Lua form. */
static void build_key(lua_State *L, struct builder *b)
{
    const yaml_event_t *ev = &b->r->event;
    if (ev->type != YAML_SCALAR_EVENT)
        reader_fail_msg(L, b->r, ev->start_mark.line, ev->start_mark.column,
                        ev->type == YAML_MAPPING_START_EVENT ? "yaml.key-mapping" : "yaml.key-sequence", NULL,
                        ev->type == YAML_MAPPING_START_EVENT ? "a mapping key must be a scalar, not a mapping"
                                                             : "a mapping key must be a scalar, not a sequence");
    build_scalar(L, b);
    if (lua_isnil(L, -1))
        reader_fail_msg(L, b->r, ev->start_mark.line, ev->start_mark.column, "yaml.key-null", NULL,
                        "a mapping key cannot be null");
    if (lua_type(L, -1) == LUA_TNUMBER && lua_tonumber(L, -1) != lua_tonumber(L, -1))
        reader_fail_msg(L, b->r, ev->start_mark.line, ev->start_mark.column, "yaml.key-nan", NULL,
                        "a mapping key cannot be NaN");
}

static void build_mapping(lua_State *L, struct builder *b)
{
    struct reader *r = b->r;
    size_t line = r->event.start_mark.line + 1;
    check_collection_tag(L, b, r->event.data.mapping_start.tag, "map");
    lua_newtable(L);
    int map = lua_gettop(L);
    lua_newtable(L);
    int map_lines = lua_gettop(L);
    for (;;) {
        const yaml_event_t *ev = reader_next(L, r);
        if (ev->type == YAML_MAPPING_END_EVENT)
            break;
        yaml_mark_t mark = ev->start_mark;
        build_key(L, b);
        lua_pushvalue(L, -1);
        /* keys with a null value are absent from the map, but not from its line table */
        if (lua_rawget(L, map_lines) != LUA_TNIL)
            reader_fail_duplicate(L, r, mark, (const char *)ev->data.scalar.value, lua_tointeger(L, -1));
        lua_pop(L, 1);
        lua_pushvalue(L, -1);
        lua_pushinteger(L, (lua_Integer)mark.line + 1);
        lua_rawset(L, map_lines);
        reader_next(L, r);
        build_node(L, b);
        if (lua_isnil(L, -1))
            lua_pop(L, 2);
        else
            lua_rawset(L, map);
    }
    finish_collection(L, b, line);
}

/* Push the value of the node whose first event is the current one. */
static void build_node(lua_State *L, struct builder *b)
{
    luaL_checkstack(L, 8, "YAML nesting");
    const yaml_event_t *ev = &b->r->event;
    switch (ev->type) {
    case YAML_SCALAR_EVENT: build_scalar(L, b); break;
    case YAML_SEQUENCE_START_EVENT: build_sequence(L, b); break;
    case YAML_MAPPING_START_EVENT: build_mapping(L, b); break;
    default: reader_fail_at(L, b->r, ev->start_mark, "unexpected YAML event %d", ev->type);
    }
}

static void expect_event(lua_State *L, struct reader *r, yaml_event_type_t type)
{
    const yaml_event_t *ev = reader_next(L, r);
    if (ev->type != type)
        reader_fail_at(L, r, ev->start_mark, "unexpected YAML event %d", ev->type);
}

/* Push the value of a stream holding at most one document (nil when it holds none). */
static void build_single_document(lua_State *L, struct builder *b)
{
    struct reader *r = b->r;
    expect_event(L, r, YAML_STREAM_START_EVENT);
    const yaml_event_t *ev = reader_next(L, r);
    if (ev->type == YAML_STREAM_END_EVENT) {
        lua_pushnil(L);
        return;
    }
    if (ev->type != YAML_DOCUMENT_START_EVENT)
        reader_fail_at(L, r, ev->start_mark, "unexpected YAML event %d", ev->type);
    reader_next(L, r);
    build_node(L, b);
    expect_event(L, r, YAML_DOCUMENT_END_EVENT);
    ev = reader_next(L, r);
    if (ev->type == YAML_DOCUMENT_START_EVENT)
        reader_fail_msg(L, r, ev->start_mark.line, ev->start_mark.column, "yaml.documents", NULL,
                        "more than one document (expected one)");
    if (ev->type != YAML_STREAM_END_EVENT)
        reader_fail_at(L, r, ev->start_mark, "unexpected YAML event %d", ev->type);
}

/* yaml.decode(text [, name]) -> value, lines */
static int yaml_decode(lua_State *L)
{
    size_t len;
    const char *text = luaL_checklstring(L, 1, &len);
    const char *name = luaL_optstring(L, 2, "yaml");
    lua_settop(L, 2);
    struct reader *r = reader_new(L, name);
    r->input = text; /* kept alive by argument 1 */
    r->input_len = len;
    yaml_parser_set_input_string(&r->parser, (const unsigned char *)text, len);
    lua_newtable(L);
    struct builder b = {r, lua_gettop(L)};
    build_single_document(L, &b);
    lua_pushvalue(L, b.lines);
    return 2;
}

/* ---------------------------------------------------------------- stream reader */

/* yaml.stream(path [, name]) reads a file whose top level is a mapping, one record at a
 * time, so memory stays flat whatever the file's size (observation files of a million rows):
 *   for key, value, line, index in yaml.stream(path) do … end
 * gives (key, scalar or collection, line) for each top-level entry, except that a top-level
 * sequence is given item by item: (key, item, line of the item, index in the sequence). */
#define STREAM_MT "ctg.yaml.stream"

enum stream_state { STREAM_START, STREAM_TOP, STREAM_SEQUENCE, STREAM_DONE };

struct stream {
    enum stream_state state;
    lua_Integer index;
    int key_ref;   /* registry reference of the current sequence's key */
    char *arena;   /* the scalars of the row yaml.observations is reading */
    size_t arena_len, arena_cap;
};

static int stream_close(lua_State *L)
{
    struct stream *st = luaL_checkudata(L, 1, STREAM_MT);
    if (st->key_ref != LUA_NOREF) {
        luaL_unref(L, LUA_REGISTRYINDEX, st->key_ref);
        st->key_ref = LUA_NOREF;
    }
    st->state = STREAM_DONE;
    free(st->arena);
    st->arena = NULL;
    st->arena_len = st->arena_cap = 0;
    if (lua_getiuservalue(L, 1, 1) == LUA_TUSERDATA)
        reader_release(lua_touserdata(L, -1));
    return 0;
}

/* Read past the stream and document start up to the top-level mapping. */
static void stream_begin(lua_State *L, struct reader *r)
{
    expect_event(L, r, YAML_STREAM_START_EVENT);
    const yaml_event_t *ev = reader_next(L, r);
    if (ev->type == YAML_STREAM_END_EVENT)
        reader_fail_msg(L, r, 0, 0, "yaml.empty", NULL,
                        "empty file: expected a mapping (plan: …, source: …, observations: …)");
    if (ev->type != YAML_DOCUMENT_START_EVENT)
        reader_fail_at(L, r, ev->start_mark, "unexpected YAML event %d", ev->type);
    ev = reader_next(L, r);
    if (ev->type != YAML_MAPPING_START_EVENT)
        reader_fail_msg(L, r, ev->start_mark.line, ev->start_mark.column, "yaml.top-mapping", NULL,
                        "the top of the file must be a mapping (plan: …, source: …, observations: …)");
}

/* After the top-level mapping: the document and the stream must end there. */
static void stream_end(lua_State *L, struct reader *r)
{
    expect_event(L, r, YAML_DOCUMENT_END_EVENT);
    const yaml_event_t *ev = reader_next(L, r);
    if (ev->type == YAML_DOCUMENT_START_EVENT)
        reader_fail_msg(L, r, ev->start_mark.line, ev->start_mark.column, "yaml.documents", NULL,
                        "more than one document (expected one)");
    if (ev->type != YAML_STREAM_END_EVENT)
        reader_fail_at(L, r, ev->start_mark, "unexpected YAML event %d", ev->type);
}

static int stream_next(lua_State *L)
{
    struct stream *st = luaL_checkudata(L, 1, STREAM_MT);
    lua_settop(L, 1);
    lua_getiuservalue(L, 1, 1);
    struct reader *r = lua_touserdata(L, 2);
    struct builder b = {r, 0};
    if (st->state == STREAM_DONE || !r->has_parser)
        return 0;
    if (st->state == STREAM_START) {
        stream_begin(L, r);
        st->state = STREAM_TOP;
    }
    for (;;) {
        const yaml_event_t *ev = reader_next(L, r);
        if (st->state == STREAM_SEQUENCE) {
            if (ev->type == YAML_SEQUENCE_END_EVENT) {
                luaL_unref(L, LUA_REGISTRYINDEX, st->key_ref);
                st->key_ref = LUA_NOREF;
                st->state = STREAM_TOP;
                continue;
            }
            lua_Integer line = (lua_Integer)ev->start_mark.line + 1;
            lua_rawgeti(L, LUA_REGISTRYINDEX, st->key_ref);
            build_node(L, &b);
            if (lua_isnil(L, -1)) {
                lua_pop(L, 1);
                lua_pushlightuserdata(L, (void *)&null_sentinel);
            }
            lua_pushinteger(L, line);
            lua_pushinteger(L, ++st->index);
            return 4;
        }
        if (ev->type == YAML_MAPPING_END_EVENT) {
            stream_end(L, r);
            st->state = STREAM_DONE;
            reader_release(r);
            return 0;
        }
        lua_Integer line = (lua_Integer)ev->start_mark.line + 1;
        yaml_mark_t key_mark = ev->start_mark;
        build_key(L, &b);
        /* a repeated top-level key would silently replace the first one */
        lua_getiuservalue(L, 1, 2);
        lua_pushvalue(L, -2);
        if (lua_rawget(L, -2) != LUA_TNIL)
            reader_fail_duplicate(L, r, key_mark, luaL_tolstring(L, -3, NULL), lua_tointeger(L, -1));
        lua_pop(L, 1);
        lua_pushvalue(L, -2);
        lua_pushinteger(L, line);
        lua_rawset(L, -3);
        lua_pop(L, 1);
        ev = reader_next(L, r);
        if (ev->type == YAML_SEQUENCE_START_EVENT) {
            check_collection_tag(L, &b, ev->data.sequence_start.tag, "seq");
            st->key_ref = luaL_ref(L, LUA_REGISTRYINDEX);
            st->state = STREAM_SEQUENCE;
            st->index = 0;
            continue;
        }
        build_node(L, &b);
        lua_pushinteger(L, line);
        return 3;
    }
}

static int yaml_stream(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    const char *name = luaL_optstring(L, 2, path);
    struct stream *st = lua_newuserdatauv(L, sizeof *st, 2);
    st->state = STREAM_START;
    st->index = 0;
    st->key_ref = LUA_NOREF;
    st->arena = NULL;
    st->arena_len = st->arena_cap = 0;
    luaL_setmetatable(L, STREAM_MT);
    struct reader *r = reader_alloc(L, name, READER_MT);
    lua_setiuservalue(L, -2, 1);
    lua_newtable(L); /* the top-level keys seen, and their lines */
    lua_setiuservalue(L, -2, 2);
    r->file = fopen(path, "rb");
    if (!r->file)
        return luaL_error(L, "%s: cannot open: %s", name, strerror(errno));
    yaml_parser_set_input_file(&r->parser, r->file);
    lua_pushcfunction(L, stream_next);
    lua_insert(L, -2);
    lua_pushnil(L);
    lua_pushvalue(L, -2); /* the closing value of a generic for */
    return 4;
}

/* ---------------------------------------------------------------- observation rows */

/* yaml.observations(stream, judge [, budget]) -> stored, status [, line [, verdict]]
 * Reads the items of the sequence the stream is in (it has just given one of its items)
 * straight from libyaml's events into the judge (host/lua/judge.c), which checks and stores
 * each row: no Lua table per row. It returns to Lua when there is something to say:
 *   "end"      the sequence ended (the stream goes on with the next top-level key)
 *   "budget"   budget rows were stored (default 4096): the caller may show progress
 *   "verdict"  the row at line has errors, warnings or repeats a key: verdict as
 *              judge:put gives it (a row with warnings only is stored, and counted)
 *   "mapping"  the item at line is not a mapping
 * stored counts the rows stored by this call. YAML errors raise as yaml.stream's do. */

/* Copy n bytes (and a NUL) into the row's arena; returns their offset. */
static size_t arena_copy(lua_State *L, struct stream *st, const char *s, size_t n)
{
    if (st->arena_len + n + 1 > st->arena_cap) {
        size_t cap = st->arena_cap ? st->arena_cap : 1024;
        while (cap < st->arena_len + n + 1)
            cap *= 2;
        char *a = realloc(st->arena, cap);
        if (!a)
            luaL_error(L, "out of memory");
        st->arena = a;
        st->arena_cap = cap;
    }
    size_t off = st->arena_len;
    memcpy(st->arena + off, s, n);
    st->arena[off + n] = '\0';
    st->arena_len += n + 1;
    return off;
}

/* Skip the node whose first event is the current one (a collection as a field's value). */
static void skip_node(lua_State *L, struct reader *r)
{
    int type = r->event.type;
    if (type != YAML_MAPPING_START_EVENT && type != YAML_SEQUENCE_START_EVENT)
        return;
    int depth = 1;
    while (depth > 0) {
        const yaml_event_t *ev = reader_next(L, r);
        if (ev->type == YAML_MAPPING_START_EVENT || ev->type == YAML_SEQUENCE_START_EVENT)
            depth++;
        else if (ev->type == YAML_MAPPING_END_EVENT || ev->type == YAML_SEQUENCE_END_EVENT)
            depth--;
    }
}

/* The current scalar event as a judge value, resolved as build_scalar resolves it (its
 * text copied into the arena: v->i holds the offset until the row is complete). */
static void scalar_rval(lua_State *L, struct reader *r, struct stream *st, struct ctg_rval *v)
{
    const yaml_event_t *ev = &r->event;
    const char *s = (const char *)ev->data.scalar.value;
    size_t n = ev->data.scalar.length;
    const char *tag = (const char *)ev->data.scalar.tag;
    enum plain_kind kind;
    memset(v, 0, sizeof *v);
    if (!tag) {
        kind = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE ? classify_plain(s, n) : PLAIN_STRING;
    } else if (strcmp(tag, "!") == 0 || is_core_tag(tag, "str")) {
        kind = PLAIN_STRING;
    } else {
        kind = classify_plain(s, n);
        int fits = kind_fits_tag(kind, tag);
        if (fits < 0)
            reader_fail_one(L, r, ev->start_mark, "yaml.tag", "tag", tag, "unsupported tag %s");
        if (!fits)
            reader_fail_tag_value(L, r, ev->start_mark, s, tag + sizeof TAG_PREFIX - 1);
        if (is_core_tag(tag, "float") && kind == PLAIN_INT)
            kind = PLAIN_FLOAT;
    }
    switch (kind) {
    case PLAIN_NULL: v->type = CTG_R_ABSENT; return;
    case PLAIN_TRUE: v->type = CTG_R_BOOL; v->i = 1; return;
    case PLAIN_FALSE: v->type = CTG_R_BOOL; v->i = 0; return;
    case PLAIN_INF: v->type = CTG_R_FLOAT; v->d = HUGE_VAL; return;
    case PLAIN_NEG_INF: v->type = CTG_R_FLOAT; v->d = -HUGE_VAL; return;
    case PLAIN_NAN: v->type = CTG_R_FLOAT; v->d = NAN; return;
    case PLAIN_INT:
        if (n <= 18 && s[0] >= '0' && s[0] <= '9') {
            /* up to 18 digits cannot overflow: the common case, without Lua's conversion */
            long long i = 0;
            for (size_t k = 0; k < n; k++)
                i = i * 10 + (s[k] - '0');
            v->type = CTG_R_INT;
            v->i = i;
            return;
        }
        /* fall through */
    case PLAIN_FLOAT: {
        /* Lua's own conversion, as push_plain: an integer overflow becomes a float */
        lua_Number d;
        if (lua_stringtonumber(L, s) == n + 1) {
            if (lua_isinteger(L, -1)) {
                v->type = CTG_R_INT;
                v->i = (long long)lua_tointeger(L, -1);
            } else {
                d = lua_tonumber(L, -1);
                v->type = CTG_R_FLOAT;
                v->d = (double)d;
            }
            lua_pop(L, 1);
            if (kind == PLAIN_FLOAT && v->type == CTG_R_INT) {
                v->type = CTG_R_FLOAT;
                v->d = (double)v->i;
            }
            if (v->type == CTG_R_FLOAT && fabs(v->d) >= 9007199254740992.0) {
                /* the text decides whether the number is exact (host/lua/judge.c): kept in the
                 * arena like a string's (v->i its offset, v->s set with the row's) */
                v->n = n;
                v->i = (long long)arena_copy(L, st, s, n) + 1;
            }
            return;
        }
        break;
    }
    case PLAIN_STRING: break;
    }
    v->type = CTG_R_STR;
    v->n = n;
    v->i = (long long)arena_copy(L, st, s, n);
}

/* Read one row mapping (the current event is its start) into raw; its strings are in the
 * arena, whose offsets are turned into pointers once the row is complete. */
static void read_row(lua_State *L, struct reader *r, struct stream *st, struct ctg_raw *raw)
{
    size_t key_off[CTG_F_COUNT + CTG_RAW_MAX_DIMS + 1];
    size_t key_line[CTG_F_COUNT + CTG_RAW_MAX_DIMS + 1];
    size_t key_len[CTG_F_COUNT + CTG_RAW_MAX_DIMS + 1];
    size_t dim_name[CTG_RAW_MAX_DIMS];
    size_t extra = (size_t)-1;
    int nkeys = 0;
    ctg_raw_clear(raw);
    st->arena_len = 0;
    struct builder b = {r, 0};
    check_collection_tag(L, &b, r->event.data.mapping_start.tag, "map");
    for (;;) {
        const yaml_event_t *ev = reader_next(L, r);
        if (ev->type == YAML_MAPPING_END_EVENT)
            break;
        yaml_mark_t mark = ev->start_mark;
        if (ev->type != YAML_SCALAR_EVENT)
            reader_fail_msg(L, r, mark.line, mark.column,
                            ev->type == YAML_MAPPING_START_EVENT ? "yaml.key-mapping" : "yaml.key-sequence", NULL,
                            ev->type == YAML_MAPPING_START_EVENT ? "a mapping key must be a scalar, not a mapping"
                                                                 : "a mapping key must be a scalar, not a sequence");
        struct ctg_rval key;
        scalar_rval(L, r, st, &key);
        if (key.type == CTG_R_ABSENT)
            reader_fail_msg(L, r, mark.line, mark.column, "yaml.key-null", NULL, "a mapping key cannot be null");
        if (key.type == CTG_R_FLOAT && key.d != key.d)
            reader_fail_msg(L, r, mark.line, mark.column, "yaml.key-nan", NULL, "a mapping key cannot be NaN");
        /* the key's text: a scalar key other than a string is named by its text */
        const char *text = (const char *)ev->data.scalar.value;
        size_t len = ev->data.scalar.length;
        size_t off = key.type == CTG_R_STR ? (size_t)key.i : arena_copy(L, st, text, len);
        for (int i = 0; i < nkeys; i++)
            if (key_len[i] == len && memcmp(st->arena + key_off[i], st->arena + off, len) == 0)
                reader_fail_duplicate(L, r, mark, text, (lua_Integer)key_line[i]);
        if (nkeys < (int)(sizeof key_off / sizeof key_off[0])) {
            key_off[nkeys] = off;
            key_len[nkeys] = len;
            key_line[nkeys++] = mark.line + 1;
        }
        reader_next(L, r);
        struct ctg_rval value;
        if (r->event.type == YAML_SCALAR_EVENT) {
            scalar_rval(L, r, st, &value);
        } else {
            struct builder cb = {r, 0};
            check_collection_tag(L, &cb, r->event.type == YAML_MAPPING_START_EVENT
                                             ? r->event.data.mapping_start.tag
                                             : r->event.data.sequence_start.tag,
                                 r->event.type == YAML_MAPPING_START_EVENT ? "map" : "seq");
            skip_node(L, r);
            memset(&value, 0, sizeof value);
            value.type = CTG_R_TABLE;
        }
        if (value.type == CTG_R_ABSENT) /* a null value leaves its key absent */
            continue;
        enum ctg_field f = ctg_field_of(st->arena + off, len);
        if (f < CTG_F_COUNT) {
            raw->f[f] = value;
        } else if (raw->ndims < CTG_RAW_MAX_DIMS) {
            dim_name[raw->ndims] = off;
            raw->dims[raw->ndims++].v = value;
        } else if (extra == (size_t)-1) {
            extra = off;
        }
    }
    for (int f = 0; f < CTG_F_COUNT; f++) {
        if (raw->f[f].type == CTG_R_STR)
            raw->f[f].s = st->arena + raw->f[f].i;
        else if (raw->f[f].type == CTG_R_FLOAT && raw->f[f].i > 0) /* a number's text, + 1 */
            raw->f[f].s = st->arena + raw->f[f].i - 1;
    }
    for (int i = 0; i < raw->ndims; i++) {
        raw->dims[i].name = st->arena + dim_name[i];
        if (raw->dims[i].v.type == CTG_R_STR)
            raw->dims[i].v.s = st->arena + raw->dims[i].v.i;
    }
    if (extra != (size_t)-1)
        raw->extra_dim = st->arena + extra;
}

static int yaml_observations(lua_State *L)
{
    struct stream *st = luaL_checkudata(L, 1, STREAM_MT);
    ctg_judge_check(L, 2);
    lua_Integer budget = luaL_optinteger(L, 3, 4096);
    lua_settop(L, 3);
    lua_getiuservalue(L, 1, 1);
    struct reader *r = lua_touserdata(L, 4);
    if (st->state != STREAM_SEQUENCE || !r || !r->has_parser)
        return luaL_error(L, "yaml.observations: the stream is not in a sequence");
    lua_Integer stored = 0;
    struct ctg_raw raw;
    for (;;) {
        const yaml_event_t *ev = reader_next(L, r);
        if (ev->type == YAML_SEQUENCE_END_EVENT) {
            luaL_unref(L, LUA_REGISTRYINDEX, st->key_ref);
            st->key_ref = LUA_NOREF;
            st->state = STREAM_TOP;
            lua_pushinteger(L, stored);
            lua_pushliteral(L, "end");
            return 2;
        }
        lua_Integer line = (lua_Integer)ev->start_mark.line + 1;
        st->index++;
        if (ev->type != YAML_MAPPING_START_EVENT) {
            skip_node(L, r);
            lua_pushinteger(L, stored);
            lua_pushliteral(L, "mapping");
            lua_pushinteger(L, line);
            return 3;
        }
        read_row(L, r, st, &raw);
        int pushed = ctg_judge_step(L, 2, &raw, line, &stored, budget);
        if (pushed)
            return pushed;
    }
}

/* ---------------------------------------------------------------- encoder */

/* The emitter and the text it writes, in userdata closed like the reader. */
struct writer {
    yaml_emitter_t emitter;
    int has_emitter;
    char *out;
    size_t len, cap;
};

static int writer_close(lua_State *L)
{
    struct writer *w = luaL_checkudata(L, 1, WRITER_MT);
    if (w->has_emitter)
        yaml_emitter_delete(&w->emitter);
    w->has_emitter = 0;
    free(w->out);
    w->out = NULL;
    w->len = w->cap = 0;
    return 0;
}

/* libyaml's output handler: append to a buffer that doubles as it fills. */
static int write_output(void *data, unsigned char *buffer, size_t size)
{
    struct writer *w = data;
    if (size > w->cap - w->len) {
        size_t cap = w->cap ? w->cap : 1024;
        while (size > cap - w->len) {
            if (cap > SIZE_MAX / 2)
                return 0;
            cap *= 2;
        }
        char *out = realloc(w->out, cap);
        if (!out)
            return 0;
        w->out = out;
        w->cap = cap;
    }
    memcpy(w->out + w->len, buffer, size);
    w->len += size;
    return 1;
}

static struct writer *writer_new(lua_State *L)
{
    struct writer *w = lua_newuserdatauv(L, sizeof *w, 0);
    memset(w, 0, sizeof *w);
    luaL_setmetatable(L, WRITER_MT);
    lua_toclose(L, -1);
    if (!yaml_emitter_initialize(&w->emitter))
        luaL_error(L, "yaml.encode: out of memory");
    w->has_emitter = 1;
    yaml_emitter_set_output(&w->emitter, write_output, w);
    yaml_emitter_set_encoding(&w->emitter, YAML_UTF8_ENCODING);
    yaml_emitter_set_unicode(&w->emitter, 1);
    yaml_emitter_set_width(&w->emitter, -1); /* never fold long lines */
    yaml_emitter_set_indent(&w->emitter, 2);
    yaml_emitter_set_break(&w->emitter, YAML_LN_BREAK);
    return w;
}

struct encoder {
    struct writer *w;
    int order;                    /* stack slot of opts.order, 0 when absent */
    int empty_map;                /* opts.empty == "map" */
    int visiting;                 /* stack slot of the set of tables being written */
    int depth;                    /* keys on the path to the value being written */
    int path[YAML_MAX_DEPTH + 1]; /* their stack slots */
};

static void encode_value(lua_State *L, struct encoder *e, int idx);

static int is_identifier(const char *s)
{
    if (!(*s == '_' || (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
        return 0;
    for (s++; *s; s++)
        if (!(*s == '_' || (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
              (*s >= '0' && *s <= '9')))
            return 0;
    return 1;
}

/* Push the path of the value being written, as Lua would index it: axes[1].title */
static void push_path(lua_State *L, const struct encoder *e)
{
    luaL_Buffer buf;
    luaL_buffinit(L, &buf);
    for (int i = 0; i < e->depth; i++) {
        int key = e->path[i];
        if (lua_type(L, key) == LUA_TSTRING && is_identifier(lua_tostring(L, key))) {
            if (i > 0)
                luaL_addchar(&buf, '.');
            luaL_addstring(&buf, lua_tostring(L, key));
        } else if (lua_type(L, key) == LUA_TSTRING) {
            lua_pushfstring(L, "[\"%s\"]", lua_tostring(L, key));
            luaL_addvalue(&buf);
        } else {
            luaL_addchar(&buf, '[');
            luaL_tolstring(L, key, NULL);
            luaL_addvalue(&buf);
            luaL_addchar(&buf, ']');
        }
    }
    luaL_pushresult(&buf);
}

/* Raise "message at path" (no path for the top-level value). */
static int encode_fail(lua_State *L, const struct encoder *e, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    lua_pushvfstring(L, fmt, ap);
    va_end(ap);
    if (e->depth > 0) {
        lua_pushliteral(L, " at ");
        push_path(L, e);
        lua_concat(L, 3);
    }
    return lua_error(L);
}

/* Emit an event whose initialisation returned `initialized` (0: out of memory, since
 * strings are checked for UTF-8 beforehand). libyaml owns the event afterwards. */
static void emit(lua_State *L, struct encoder *e, yaml_event_t *ev, int initialized)
{
    if (!initialized)
        luaL_error(L, "yaml.encode: out of memory");
    if (!yaml_emitter_emit(&e->w->emitter, ev)) {
        const yaml_emitter_t *em = &e->w->emitter;
        if (em->error == YAML_MEMORY_ERROR || em->error == YAML_WRITER_ERROR)
            luaL_error(L, "yaml.encode: out of memory");
        encode_fail(L, e, "yaml.encode: %s", em->problem ? em->problem : "emitter error");
    }
}

static void emit_scalar(lua_State *L, struct encoder *e, const char *s, size_t n,
                        yaml_scalar_style_t style)
{
    yaml_event_t ev;
    if (n > INT_MAX)
        encode_fail(L, e, "cannot encode a string longer than %d bytes", INT_MAX);
    emit(L, e, &ev, yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s, (int)n,
                                                 1, 1, style));
}

/* Length of the UTF-8 sequence at s (n > 0 bytes left) and its code point in *cp;
 * 0 when invalid: overlong, a surrogate, beyond U+10FFFF — what libyaml refuses too. */
static size_t utf8_decode(const unsigned char *s, size_t n, unsigned long *cp)
{
    static const unsigned long min[] = {0, 0, 0x80, 0x800, 0x10000};
    size_t len = s[0] < 0x80 ? 1 : (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3
               : (s[0] & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 0 || len > n)
        return 0;
    unsigned long c = len == 1 ? s[0] : s[0] & (0x3F >> (len - 1));
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if (c < min[len] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return len;
}

/* Characters that only a double-quoted scalar keeps intact: controls (tab and CR too),
 * the Unicode line breaks, the BOM and the non-characters YAML calls unprintable. */
static int is_special_char(unsigned long c)
{
    return (c < 0x20 && c != '\n') || (c >= 0x7F && c <= 0x9F) || c == 0x2028 ||
           c == 0x2029 || c == 0xFEFF || c == 0xFFFE || c == 0xFFFF;
}

/* Would another YAML reader (1.1 ones above all) take this plain scalar for a non-string?
 * yes/no/on/off, merge keys, numbers in other notations, dates, sexagesimals: quote them.
 * (y and n are left plain: PyYAML and libyaml-based readers do not resolve them.) */
static int looks_typed_elsewhere(const char *s, size_t n)
{
    static const char *const words[] = {"yes", "Yes", "YES", "no", "No", "NO", "on", "On",
                                        "ON", "off", "Off", "OFF", "<<", "=", NULL};
    if (is_one_of(s, n, words))
        return 1;
    if (s[0] >= '0' && s[0] <= '9')
        return 1;
    return n > 1 && (s[0] == '-' || s[0] == '+' || s[0] == '.') &&
           ((s[1] >= '0' && s[1] <= '9') || s[1] == '.');
}

/* Whether s, written plain in block context, reads back as this very string. */
static int plain_is_safe(const char *s, size_t n)
{
    if (n == 0 || classify_plain(s, n) != PLAIN_STRING || looks_typed_elsewhere(s, n))
        return 0;
    if (s[0] == ' ' || s[n - 1] == ' ' || strchr("?:,[]{}#&*!|>'\"%@`", s[0]))
        return 0;
    if (s[0] == '-' && (n == 1 || s[1] == ' '))
        return 0; /* a sequence entry */
    if (n >= 3 && (memcmp(s, "---", 3) == 0 || memcmp(s, "...", 3) == 0))
        return 0; /* document markers */
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ':' && (i + 1 == n || s[i + 1] == ' '))
            return 0; /* a mapping value */
        if (s[i] == '#' && s[i - 1] == ' ')
            return 0; /* a comment (s[0] == '#' was refused above) */
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7F)
            return 0;
    }
    return 1;
}

static void encode_string(lua_State *L, struct encoder *e, int idx)
{
    size_t n;
    const char *s = lua_tolstring(L, idx, &n);
    int special = 0;
    unsigned long c = 0;
    for (size_t i = 0, len; i < n; i += len) {
        len = utf8_decode((const unsigned char *)s + i, n - i, &c);
        if (len == 0)
            encode_fail(L, e, "cannot encode a string that is not valid UTF-8");
        special |= is_special_char(c);
    }
    yaml_scalar_style_t style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    if (!special && plain_is_safe(s, n))
        style = YAML_PLAIN_SCALAR_STYLE;
    else if (!special && memchr(s, '\n', n))
        style = YAML_LITERAL_SCALAR_STYLE; /* libyaml falls back to double quotes if needed */
    emit_scalar(L, e, s, n, style);
}

/* Replace the locale's decimal point, which printf uses, with '.'. */
static void use_decimal_dot(char *buf)
{
    const char *dp = localeconv()->decimal_point;
    if (!dp || (dp[0] == '.' && dp[1] == '\0'))
        return;
    char *at = strstr(buf, dp);
    if (at) {
        size_t dlen = strlen(dp);
        *at = '.';
        memmove(at + 1, at + dlen, strlen(at + dlen) + 1);
    }
}

/* The shortest text that reads back as the same double, always recognisable as a float. */
static void format_float(char *buf, size_t size, double d)
{
    if (isnan(d)) {
        snprintf(buf, size, ".nan");
        return;
    }
    if (isinf(d)) {
        snprintf(buf, size, "%s", d > 0 ? ".inf" : "-.inf");
        return;
    }
    for (int precision = 15; precision <= 17; precision++) {
        snprintf(buf, size, "%.*g", precision, d);
        if (strtod(buf, NULL) == d)
            break;
    }
    use_decimal_dot(buf);
    if (!strpbrk(buf, ".e"))
        strncat(buf, ".0", size - strlen(buf) - 1);
}

static void encode_number(lua_State *L, struct encoder *e, int idx)
{
    char buf[64];
    if (lua_isinteger(L, idx))
        snprintf(buf, sizeof buf, LUA_INTEGER_FMT, (LUAI_UACINT)lua_tointeger(L, idx));
    else
        format_float(buf, sizeof buf, (double)lua_tonumber(L, idx));
    emit_scalar(L, e, buf, strlen(buf), YAML_PLAIN_SCALAR_STYLE);
}

/* Write the value at `value` under the key at `key`, which joins the error path. */
static void encode_child(lua_State *L, struct encoder *e, int key, int value)
{
    e->path[e->depth++] = key;
    encode_value(L, e, value);
    e->depth--;
}

/* Count the table's entries; true when its keys are exactly 1..count. */
static int is_sequence(lua_State *L, int idx, lua_Integer *count)
{
    lua_Integer n = 0, max = 0;
    int integers = 1;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        n++;
        if (integers && lua_isinteger(L, -1) && lua_tointeger(L, -1) >= 1) {
            if (lua_tointeger(L, -1) > max)
                max = lua_tointeger(L, -1);
        } else {
            integers = 0;
        }
    }
    *count = n;
    return integers && max == n; /* n distinct keys in 1..max, max == n: all of 1..n */
}

static void encode_sequence(lua_State *L, struct encoder *e, int idx, lua_Integer n)
{
    yaml_event_t ev;
    emit(L, e, &ev,
         yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE));
    for (lua_Integer i = 1; i <= n; i++) {
        lua_pushinteger(L, i);
        lua_rawgeti(L, idx, i);
        encode_child(L, e, lua_gettop(L) - 1, lua_gettop(L));
        lua_pop(L, 2);
    }
    emit(L, e, &ev, yaml_sequence_end_event_initialize(&ev));
}

/* A mapping key, as sorted: numbers, then strings (bytewise), then false and true. */
struct map_key {
    int rank, is_int;
    lua_Integer i;
    lua_Number d;
    const char *s;
    size_t len;
    lua_Integer slot; /* position in the Lua array that keeps the key alive */
};

static int compare_keys(const void *pa, const void *pb)
{
    const struct map_key *a = pa, *b = pb;
    if (a->rank != b->rank)
        return a->rank - b->rank;
    if (a->rank == 1) {
        int c = memcmp(a->s, b->s, a->len < b->len ? a->len : b->len);
        return c ? c : (a->len > b->len) - (a->len < b->len);
    }
    if (a->is_int && b->is_int)
        return (a->i > b->i) - (a->i < b->i);
    lua_Number x = a->is_int ? (lua_Number)a->i : a->d;
    lua_Number y = b->is_int ? (lua_Number)b->i : b->d;
    if (x != y)
        return x < y ? -1 : 1;
    return b->is_int - a->is_int;
}

/* Push an array of the table's keys and return them sorted, in userdata left on the stack
 * below the array. Keys that cannot be written raise. */
static struct map_key *sorted_keys(lua_State *L, struct encoder *e, int idx, lua_Integer n)
{
    if ((size_t)n > SIZE_MAX / sizeof(struct map_key))
        luaL_error(L, "yaml.encode: out of memory");
    struct map_key *keys = lua_newuserdatauv(L, (size_t)n * sizeof *keys, 0);
    lua_createtable(L, (int)(n < INT_MAX ? n : INT_MAX), 0);
    lua_Integer k = 0;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        struct map_key *key = &keys[k];
        memset(key, 0, sizeof *key);
        switch (lua_type(L, -1)) {
        case LUA_TNUMBER:
            key->is_int = lua_isinteger(L, -1);
            key->i = lua_tointeger(L, -1);
            key->d = lua_tonumber(L, -1);
            break;
        case LUA_TSTRING:
            key->rank = 1;
            key->s = lua_tolstring(L, -1, &key->len);
            break;
        case LUA_TBOOLEAN:
            key->rank = 2;
            key->i = lua_toboolean(L, -1);
            key->is_int = 1;
            break;
        default:
            encode_fail(L, e, "cannot encode a %s as a mapping key", luaL_typename(L, -1));
        }
        key->slot = ++k;
        lua_pushvalue(L, -1);
        lua_rawseti(L, -3, k);
    }
    qsort(keys, (size_t)n, sizeof *keys, compare_keys);
    return keys;
}

/* Whether the key at `key` is in the set `done`; adds it. */
static int already_written(lua_State *L, int done, int key)
{
    lua_pushvalue(L, key);
    if (lua_rawget(L, done) != LUA_TNIL) {
        lua_pop(L, 1);
        return 1;
    }
    lua_pop(L, 1);
    lua_pushvalue(L, key);
    lua_pushboolean(L, 1);
    lua_rawset(L, done);
    return 0;
}

/* Write tbl[key] (key on top of the stack, popped) unless nil or already written. */
static void encode_entry(lua_State *L, struct encoder *e, int tbl, int done)
{
    int key = lua_gettop(L);
    lua_pushvalue(L, key);
    if (lua_rawget(L, tbl) != LUA_TNIL && !(done && already_written(L, done, key))) {
        e->path[e->depth++] = key;
        encode_value(L, e, key);
        encode_value(L, e, key + 1);
        e->depth--;
    }
    lua_pop(L, 2);
}

/* First the keys opts.order(tbl) lists, in its order. Returns the stack slot of the set
 * of keys written. */
static int encode_ordered_entries(lua_State *L, struct encoder *e, int tbl)
{
    lua_newtable(L);
    int done = lua_gettop(L);
    lua_pushvalue(L, e->order);
    lua_pushvalue(L, tbl);
    lua_call(L, 1, 1);
    if (lua_isnil(L, -1))
        return done;
    if (!lua_istable(L, -1))
        encode_fail(L, e, "opts.order returned a %s, not a table", luaL_typename(L, -1));
    int list = lua_gettop(L);
    for (lua_Integer i = 1; lua_rawgeti(L, list, i) != LUA_TNIL; i++)
        encode_entry(L, e, tbl, done);
    lua_pop(L, 2);
    return done;
}

static void encode_mapping(lua_State *L, struct encoder *e, int idx, lua_Integer n)
{
    yaml_event_t ev;
    struct map_key *keys = sorted_keys(L, e, idx, n);
    int key_array = lua_gettop(L);
    emit(L, e, &ev,
         yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE));
    int done = e->order ? encode_ordered_entries(L, e, idx) : 0;
    for (lua_Integer i = 0; i < n; i++) {
        lua_rawgeti(L, key_array, keys[i].slot);
        encode_entry(L, e, idx, done);
    }
    emit(L, e, &ev, yaml_mapping_end_event_initialize(&ev));
    lua_settop(L, key_array - 2);
}

static void encode_empty(lua_State *L, struct encoder *e)
{
    yaml_event_t ev;
    if (e->empty_map) {
        emit(L, e, &ev, yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
                                                            YAML_FLOW_MAPPING_STYLE));
        emit(L, e, &ev, yaml_mapping_end_event_initialize(&ev));
    } else {
        emit(L, e, &ev, yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
                                                             YAML_FLOW_SEQUENCE_STYLE));
        emit(L, e, &ev, yaml_sequence_end_event_initialize(&ev));
    }
}

static void encode_table(lua_State *L, struct encoder *e, int idx)
{
    luaL_checkstack(L, 16, "yaml.encode");
    lua_pushvalue(L, idx);
    if (lua_rawget(L, e->visiting) != LUA_TNIL)
        encode_fail(L, e, "cannot encode a table that contains itself");
    lua_pop(L, 1);
    if (e->depth >= YAML_MAX_DEPTH)
        encode_fail(L, e, "cannot encode tables nested deeper than %d levels", YAML_MAX_DEPTH);
    lua_pushvalue(L, idx);
    lua_pushboolean(L, 1);
    lua_rawset(L, e->visiting);
    lua_Integer n;
    int sequence = is_sequence(L, idx, &n);
    if (n == 0)
        encode_empty(L, e);
    else if (sequence)
        encode_sequence(L, e, idx, n);
    else
        encode_mapping(L, e, idx, n);
    lua_pushvalue(L, idx);
    lua_pushnil(L);
    lua_rawset(L, e->visiting);
}

static void encode_value(lua_State *L, struct encoder *e, int idx)
{
    switch (lua_type(L, idx)) {
    case LUA_TNIL:
        emit_scalar(L, e, "null", 4, YAML_PLAIN_SCALAR_STYLE);
        return;
    case LUA_TBOOLEAN:
        if (lua_toboolean(L, idx))
            emit_scalar(L, e, "true", 4, YAML_PLAIN_SCALAR_STYLE);
        else
            emit_scalar(L, e, "false", 5, YAML_PLAIN_SCALAR_STYLE);
        return;
    case LUA_TNUMBER:
        encode_number(L, e, idx);
        return;
    case LUA_TSTRING:
        encode_string(L, e, idx);
        return;
    case LUA_TTABLE:
        encode_table(L, e, idx);
        return;
    case LUA_TLIGHTUSERDATA:
        if (lua_touserdata(L, idx) == &null_sentinel) {
            emit_scalar(L, e, "null", 4, YAML_PLAIN_SCALAR_STYLE);
            return;
        }
        break;
    default:
        break;
    }
    encode_fail(L, e, "cannot encode %s", luaL_typename(L, idx));
}

/* Read opts into e; returns whether to write "---". Leaves opts.order in slot 3. */
static int read_options(lua_State *L, struct encoder *e)
{
    lua_settop(L, 2);
    if (lua_isnil(L, 2)) {
        lua_pushnil(L);
        return 0;
    }
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_getfield(L, 2, "order");
    if (!lua_isnil(L, 3)) {
        luaL_argcheck(L, lua_isfunction(L, 3), 2, "opts.order must be a function");
        e->order = 3;
    }
    lua_getfield(L, 2, "empty");
    const char *empty = lua_tostring(L, -1);
    luaL_argcheck(L, lua_isnil(L, -1) || (lua_type(L, -1) == LUA_TSTRING &&
                                          (strcmp(empty, "map") == 0 || strcmp(empty, "seq") == 0)),
                  2, "opts.empty must be \"map\" or \"seq\"");
    e->empty_map = empty && strcmp(empty, "map") == 0;
    lua_getfield(L, 2, "document_start");
    int document_start = lua_toboolean(L, -1);
    lua_settop(L, 3);
    return document_start;
}

/* yaml.encode(value [, opts]) -> text */
static int yaml_encode(lua_State *L)
{
    struct encoder e;
    memset(&e, 0, sizeof e);
    luaL_checkany(L, 1);
    int document_start = read_options(L, &e);
    lua_newtable(L);
    e.visiting = lua_gettop(L);
    e.w = writer_new(L);
    yaml_event_t ev;
    emit(L, &e, &ev, yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING));
    emit(L, &e, &ev, yaml_document_start_event_initialize(&ev, NULL, NULL, NULL,
                                                          !document_start));
    encode_value(L, &e, 1);
    emit(L, &e, &ev, yaml_document_end_event_initialize(&ev, 1));
    emit(L, &e, &ev, yaml_stream_end_event_initialize(&ev));
    if (!yaml_emitter_flush(&e.w->emitter))
        luaL_error(L, "yaml.encode: out of memory");
    lua_pushlstring(L, e.w->out, e.w->len);
    return 1;
}

/* ---------------------------------------------------------------- module */

int luaopen_ctg_yaml(lua_State *L)
{
    static const luaL_Reg functions[] = {
        {"decode", yaml_decode},
        {"encode", yaml_encode},
        {"stream", yaml_stream},
        {"observations", yaml_observations},
        {NULL, NULL},
    };
    ctg_new_class(L, READER_MT, NULL, reader_close);
    ctg_new_class(L, STREAM_MT, NULL, stream_close);
    ctg_new_class(L, WRITER_MT, NULL, writer_close);
    luaL_newlib(L, functions);
    lua_pushlightuserdata(L, (void *)&null_sentinel);
    lua_setfield(L, -2, "null");
    return 1;
}
