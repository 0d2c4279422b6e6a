/* ctg.csv — streaming CSV reader (see csv.h for the input rules and the API).
 *
 * Bytes come from a fixed chunk (a 64 KiB buffer refilled with fread, or the caller's
 * memory). get_char() turns them into a checked stream: line endings folded to '\n', UTF-8
 * validated across chunk boundaries, NUL refused, line and column (in characters) tracked.
 * ctg_csv_next() runs a small state machine over that stream and writes the fields of one
 * record, NUL-separated, into a buffer that is reused from record to record. */
#include <errno.h>
#include <limits.h>
#include <strings.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <lauxlib.h>

#include "csv.h"
#include "ctg.h"
#include "judge.h"

#define CSV_CHUNK 65536
#define CSV_MT "ctg.csv.reader"

/* get_char() results besides bytes */
#define CH_EOF (-1)
#define CH_ERR (-2)

struct field {
    size_t off; /* in rec */
    long line, col;
};

struct ctg_csv {
    FILE *fp;                  /* NULL over a memory buffer */
    int own_fp;
    const unsigned char *buf;  /* the current chunk: the memory buffer or `chunk` */
    size_t len, pos;
    unsigned char *chunk;
    long long base;            /* bytes before buf */
    long long total;
    int at_eof;

    char sep;
    enum ctg_csv_dialect dialect;

    /* Conversion to UTF-8 (enc other than CTG_ENC_UTF8): the raw bytes are taken from `in`
     * (the caller's memory, or `raw` refilled with fread) and decoded into `chunk`, which
     * the rest of the reader reads as if the file were UTF-8. A byte the encoding lacks
     * is decoded as 0xFF (never in UTF-8) and a code byte, so that get_char reports it at
     * its line and column. */
    enum ctg_csv_encoding enc;
    int conv;
    int mixed;                 /* the sniff saw valid and invalid UTF-8: say so */
    const unsigned char *in;
    size_t in_len, in_pos;
    unsigned char *raw;
    long long raw_done;        /* raw bytes before `in` */
    int raw_eof;

    long line, col;            /* position of the next character */
    long cline, ccol;          /* position of the character last returned */
    int need;                  /* UTF-8 continuation bytes still expected */
    int lo, hi;                /* range of the next continuation byte */
    int lead;                  /* lead byte of the sequence being read */
    long uline, ucol;          /* its position */

    char *rec;                 /* fields of the record, each NUL-terminated */
    size_t rec_len, rec_cap;
    struct field *fields;
    const char **ptrs;
    size_t nf, fcap;
    long rec_line;

    int failed;
    char *err;
    size_t err_size;
    char name[];
};

/* ---------------------------------------------------------------- errors */

static void write_err(char *err, size_t err_len, const char *fmt, ...)
{
    if (!err || err_len == 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, err_len, fmt, ap);
    va_end(ap);
}

/* Record "NAME:LINE:COLUMN: problem" (or "NAME: problem" when line is 0); returns -1. */
static int fail_at(struct ctg_csv *r, long line, long col, const char *fmt, ...)
{
    if (r->failed)
        return -1; /* keep the first message */
    int n = line > 0 ? snprintf(r->err, r->err_size, "%s:%ld:%ld: ", r->name, line, col)
                     : snprintf(r->err, r->err_size, "%s: ", r->name);
    if (n > 0 && (size_t)n < r->err_size) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(r->err + n, r->err_size - (size_t)n, fmt, ap);
        va_end(ap);
    }
    r->failed = 1;
    return -1;
}

#define HINT_CSV_UTF8 "save it as \"CSV UTF-8\""

/* Bytes Windows-1252 leaves undefined: a file holding them is something else. */
static int is_cp1252_byte(int c)
{
    return c >= 0x80 && c != 0x81 && c != 0x8D && c != 0x8F && c != 0x90 && c != 0x9D;
}

/* What a sentinel's code byte says (see struct ctg_csv). */
enum { BAD_SINGLE = 1, BAD_UTF16_ODD, BAD_UTF16_SURROGATE };

static int fail_encoding(struct ctg_csv *r, long line, long col, int byte)
{
    if (r->conv && byte == 0xFF) {
        int code = r->pos < r->len ? r->buf[r->pos] : 0;
        int orig = r->pos + 1 < r->len ? r->buf[r->pos + 1] : 0;
        if (code == BAD_UTF16_ODD)
            return fail_at(r, line, col, "invalid UTF-16 (the file ends in the middle of a "
                                         "character: an odd number of bytes)");
        if (code == BAD_UTF16_SURROGATE)
            return fail_at(r, line, col, "invalid UTF-16 (an unpaired surrogate)");
        /* only Windows-1252 leaves bytes undefined (ISO-8859-15 defines all 256) */
        return fail_at(r, line, col, "the byte 0x%02X is not a character in Windows-1252", orig);
    }
    if (r->mixed)
        return fail_at(r, line, col,
                       "the file mixes UTF-8 and another encoding (byte 0x%02X is not UTF-8): "
                       "declare its encoding or " HINT_CSV_UTF8, byte);
    if (is_cp1252_byte(byte))
        return fail_at(r, line, col,
                       "the file is not UTF-8 (it looks like Windows-1252, Excel's default): "
                       HINT_CSV_UTF8 " or convert it with iconv -f WINDOWS-1252 -t UTF-8");
    return fail_at(r, line, col, "the file is not UTF-8 (byte 0x%02X): " HINT_CSV_UTF8, byte);
}

/* ---------------------------------------------------------------- byte stream */

static int refill_converted(struct ctg_csv *r);

static int refill(struct ctg_csv *r)
{
    if (r->conv)
        return refill_converted(r);
    if (!r->fp || r->at_eof)
        return 0;
    r->base += (long long)r->len;
    r->pos = r->len = 0;
    size_t n = fread(r->chunk, 1, CSV_CHUNK, r->fp);
    if (n == 0) {
        r->at_eof = 1;
        if (ferror(r->fp))
            fail_at(r, 0, 0, "read error: %s", strerror(errno));
        return 0;
    }
    r->buf = r->chunk;
    r->len = n;
    return 1;
}

static inline int raw_byte(struct ctg_csv *r)
{
    if (r->pos == r->len && !refill(r))
        return r->failed ? CH_ERR : CH_EOF;
    return r->buf[r->pos++];
}

/* The next character byte: '\n' for any line ending, bytes of multibyte characters one by
 * one (already validated as they come), CH_EOF, or CH_ERR with the error recorded. */
static inline int get_char(struct ctg_csv *r)
{
    int c = raw_byte(r);
    if (r->need) {
        if (c < r->lo || c > r->hi) {
            if (c == CH_ERR)
                return CH_ERR;
            fail_encoding(r, r->uline, r->ucol, r->lead);
            return CH_ERR;
        }
        r->need--;
        r->lo = 0x80, r->hi = 0xBF;
        return c;
    }
    if (c < 0)
        return c;
    r->cline = r->line, r->ccol = r->col;
    if (c < 0x80) {
        if (c == '\n' || c == '\r') {
            if (c == '\r') { /* CRLF or a lone CR */
                if (r->pos == r->len)
                    refill(r);
                if (r->pos < r->len && r->buf[r->pos] == '\n')
                    r->pos++;
                else if (r->failed)
                    return CH_ERR;
            }
            r->line++, r->col = 1;
            return '\n';
        }
        if (c == 0) {
            fail_at(r, r->line, r->col,
                    "unexpected NUL byte (a binary or UTF-16 file?): " HINT_CSV_UTF8);
            return CH_ERR;
        }
        r->col++;
        return c;
    }
    r->lo = 0x80, r->hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF)
        r->need = 1;
    else if (c >= 0xE0 && c <= 0xEF) {
        r->need = 2;
        if (c == 0xE0)
            r->lo = 0xA0; /* no overlong forms */
        else if (c == 0xED)
            r->hi = 0x9F; /* no surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        r->need = 3;
        if (c == 0xF0)
            r->lo = 0x90;
        else if (c == 0xF4)
            r->hi = 0x8F; /* nothing above U+10FFFF */
    } else {
        fail_encoding(r, r->line, r->col, c);
        return CH_ERR;
    }
    r->lead = c, r->uline = r->line, r->ucol = r->col;
    r->col++;
    return c;
}

/* ---------------------------------------------------------------- encodings */

static const struct {
    const char *name;
    enum ctg_csv_encoding enc;
} encoding_names[] = {
    {"auto", CTG_ENC_AUTO},           {"utf-8", CTG_ENC_UTF8},
    {"utf8", CTG_ENC_UTF8},           {"windows-1252", CTG_ENC_CP1252},
    {"cp1252", CTG_ENC_CP1252},       {"win1252", CTG_ENC_CP1252},
    {"iso-8859-15", CTG_ENC_ISO8859_15}, {"iso8859-15", CTG_ENC_ISO8859_15},
    {"latin9", CTG_ENC_ISO8859_15},   {"latin-9", CTG_ENC_ISO8859_15},
    {"utf-16le", CTG_ENC_UTF16LE},    {"utf-16be", CTG_ENC_UTF16BE},
    {"utf-16", CTG_ENC_UTF16LE},
};

const char *ctg_csv_encoding_name(enum ctg_csv_encoding e)
{
    switch (e) {
    case CTG_ENC_AUTO: return "auto";
    case CTG_ENC_UTF8: return "UTF-8";
    case CTG_ENC_CP1252: return "Windows-1252";
    case CTG_ENC_ISO8859_15: return "ISO-8859-15";
    case CTG_ENC_UTF16LE: return "UTF-16LE";
    case CTG_ENC_UTF16BE: return "UTF-16BE";
    }
    return "?";
}

int ctg_csv_encoding_of(const char *name)
{
    for (size_t i = 0; name && i < sizeof encoding_names / sizeof *encoding_names; i++)
        if (strcasecmp(name, encoding_names[i].name) == 0)
            return (int)encoding_names[i].enc;
    return -1;
}

/* Windows-1252's 0x80–0x9F (0: undefined); 0xA0–0xFF are Latin-1's. */
static const unsigned short cp1252_c1[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
    0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

/* ISO-8859-15's code point for byte c, where it differs from Latin-1; else c. */
static unsigned latin9(int c)
{
    switch (c) {
    case 0xA4: return 0x20AC;
    case 0xA6: return 0x0160;
    case 0xA8: return 0x0161;
    case 0xB4: return 0x017D;
    case 0xB8: return 0x017E;
    case 0xBC: return 0x0152;
    case 0xBD: return 0x0153;
    case 0xBE: return 0x0178;
    }
    return (unsigned)c;
}

void ctg_csv_sniff_init(struct ctg_csv_sniff *s)
{
    memset(s, 0, sizeof *s);
    s->lo = 0x80, s->hi = 0xBF;
}

void ctg_csv_sniff_feed(struct ctg_csv_sniff *s, const unsigned char *data, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        int c = data[i];
        if (c >= 0x80 && c <= 0x9F)
            s->c1++;
        else if (c >= 0xA0 && latin9(c) != (unsigned)c)
            s->latin9++;
        if (s->need) {
            if (c >= s->lo && c <= s->hi) {
                s->lo = 0x80, s->hi = 0xBF;
                if (--s->need == 0)
                    s->multibyte++;
                continue;
            }
            s->invalid++; /* the sequence broke off: c starts afresh */
            s->need = 0, s->lo = 0x80, s->hi = 0xBF;
        }
        if (c < 0x80)
            continue;
        /* the same ranges as get_char: no overlong forms, surrogates, nor above U+10FFFF */
        if (c >= 0xC2 && c <= 0xDF)
            s->need = 1;
        else if (c >= 0xE0 && c <= 0xEF)
            s->need = 2, s->lo = c == 0xE0 ? 0xA0 : 0x80, s->hi = c == 0xED ? 0x9F : 0xBF;
        else if (c >= 0xF0 && c <= 0xF4)
            s->need = 3, s->lo = c == 0xF0 ? 0x90 : 0x80, s->hi = c == 0xF4 ? 0x8F : 0xBF;
        else
            s->invalid++;
    }
}

enum ctg_csv_encoding ctg_csv_sniff_result(const struct ctg_csv_sniff *s, int complete)
{
    long long invalid = s->invalid + (complete && s->need ? 1 : 0);
    if (invalid == 0 || s->multibyte > 0)
        return CTG_ENC_UTF8;
    if (s->c1 > 0)
        return CTG_ENC_CP1252;
    if (s->latin9 > 0)
        return CTG_ENC_ISO8859_15;
    return CTG_ENC_CP1252;
}

/* At least want raw bytes in in[in_pos..in_len) when the input has them: the rest of the
 * window moves to the start of `raw` and fread fills the rest. Returns the bytes there. */
static size_t raw_window(struct ctg_csv *r, size_t want)
{
    size_t avail = r->in_len - r->in_pos;
    if (avail >= want || !r->fp || r->raw_eof)
        return avail;
    memmove(r->raw, r->in + r->in_pos, avail);
    r->raw_done += (long long)r->in_pos;
    r->in = r->raw, r->in_pos = 0, r->in_len = avail;
    while (r->in_len < want && !r->raw_eof) {
        size_t n = fread(r->raw + r->in_len, 1, CSV_CHUNK - r->in_len, r->fp);
        if (n == 0) {
            r->raw_eof = 1;
            if (ferror(r->fp))
                fail_at(r, 0, 0, "read error: %s", strerror(errno));
        }
        r->in_len += n;
    }
    return r->in_len;
}

static size_t put_utf8(unsigned char *o, unsigned cp)
{
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | cp >> 6);
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | cp >> 12);
        o[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | cp >> 18);
    o[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
    o[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Decode the next raw bytes into `chunk`. Returns 0 at the end of the input. */
static int refill_converted(struct ctg_csv *r)
{
    if (r->failed)
        return 0;
    r->base += (long long)r->len;
    r->pos = r->len = 0;
    int utf16 = r->enc == CTG_ENC_UTF16LE || r->enc == CTG_ENC_UTF16BE;
    size_t out = 0;
    unsigned char *o = r->chunk;
    while (out + 8 <= CSV_CHUNK) {
        size_t avail = raw_window(r, 4);
        if (r->failed)
            return 0;
        if (avail == 0)
            break;
        const unsigned char *p = r->in + r->in_pos;
        unsigned cp;
        if (!utf16) {
            r->in_pos++;
            if (p[0] < 0x80)
                cp = p[0];
            else if (r->enc == CTG_ENC_ISO8859_15)
                cp = latin9(p[0]);
            else if (p[0] >= 0xA0)
                cp = p[0];
            else if (!(cp = cp1252_c1[p[0] - 0x80])) {
                o[out++] = 0xFF, o[out++] = BAD_SINGLE, o[out++] = p[0];
                continue;
            }
            out += put_utf8(o + out, cp);
            continue;
        }
        if (avail < 2) {
            r->in_pos += avail;
            o[out++] = 0xFF, o[out++] = BAD_UTF16_ODD;
            continue;
        }
        int le = r->enc == CTG_ENC_UTF16LE;
        unsigned u = le ? (unsigned)(p[0] | p[1] << 8) : (unsigned)(p[0] << 8 | p[1]);
        r->in_pos += 2;
        if (u >= 0xD800 && u <= 0xDBFF && avail >= 4) {
            unsigned u2 = le ? (unsigned)(p[2] | p[3] << 8) : (unsigned)(p[2] << 8 | p[3]);
            if (u2 >= 0xDC00 && u2 <= 0xDFFF) {
                r->in_pos += 2;
                out += put_utf8(o + out, 0x10000 + ((u - 0xD800) << 10) + (u2 - 0xDC00));
                continue;
            }
        }
        if (u >= 0xD800 && u <= 0xDFFF) {
            o[out++] = 0xFF, o[out++] = BAD_UTF16_SURROGATE;
            continue;
        }
        out += put_utf8(o + out, u);
    }
    if (out == 0) {
        r->at_eof = 1;
        return 0;
    }
    r->buf = r->chunk;
    r->len = out;
    return 1;
}

/* From here on, decode the bytes left in the current chunk and the rest of the input. */
static int start_converting(struct ctg_csv *r, enum ctg_csv_encoding enc)
{
    r->enc = enc;
    r->conv = 1;
    if (r->fp) {
        r->raw = malloc(CSV_CHUNK);
        if (!r->raw)
            return fail_at(r, 0, 0, "out of memory");
        r->in_len = r->len - r->pos;
        memcpy(r->raw, r->buf + r->pos, r->in_len);
        r->in = r->raw;
        r->raw_done = r->base + (long long)r->pos;
    } else {
        r->in = r->buf + r->pos;
        r->in_len = r->len - r->pos;
        r->chunk = malloc(CSV_CHUNK);
        if (!r->chunk)
            return fail_at(r, 0, 0, "out of memory");
    }
    r->in_pos = 0;
    r->base = 0;
    r->len = r->pos = 0;
    r->at_eof = 0;
    refill(r);
    return r->failed ? -1 : 0;
}

/* The sniff over the input from the current position: the whole of a regular file (read
 * once, then the stream goes back to where it was), else what the current chunk holds. */
static enum ctg_csv_encoding sniff(struct ctg_csv *r, struct ctg_csv_sniff *s)
{
    ctg_csv_sniff_init(s);
    ctg_csv_sniff_feed(s, r->buf + r->pos, r->len - r->pos);
    if (!r->fp || feof(r->fp))
        return ctg_csv_sniff_result(s, 1);
    struct stat st;
    long here = ftell(r->fp);
    if (here < 0 || fstat(fileno(r->fp), &st) != 0 || !S_ISREG(st.st_mode))
        return ctg_csv_sniff_result(s, 0);
    unsigned char *tmp = malloc(CSV_CHUNK);
    if (!tmp)
        return ctg_csv_sniff_result(s, 0);
    size_t n;
    while ((n = fread(tmp, 1, CSV_CHUNK, r->fp)) > 0)
        ctg_csv_sniff_feed(s, tmp, n);
    free(tmp);
    int complete = !ferror(r->fp);
    clearerr(r->fp);
    if (fseek(r->fp, here, SEEK_SET) != 0) /* then the reader's own read says what is wrong */
        complete = 0;
    return ctg_csv_sniff_result(s, complete);
}

/* ---------------------------------------------------------------- opening */

/* Choose the separator from the header line: the first line with something other than
 * spaces and tabs, read from the current chunk. Returns 0 when the input has no such line
 * (as far as the chunk shows: a header longer than the chunk is judged on its start). */
static int detect_separator(struct ctg_csv *r)
{
    size_t semi = 0, comma = 0, tab = 0;
    int in_quote = 0, nonblank = 0;
    for (size_t i = r->pos; i < r->len; i++) {
        int c = r->buf[i];
        if (in_quote) {
            in_quote = c != '"';
            continue;
        }
        if (c == '\n' || c == '\r') {
            if (nonblank)
                break;
            tab = 0;
        } else if (c == '\t') {
            tab++;
        } else if (c != ' ') {
            nonblank = 1;
            if (c == '"')
                in_quote = 1;
            else if (c == ';')
                semi++;
            else if (c == ',')
                comma++;
        }
    }
    if (!nonblank)
        return 0;
    if (semi >= tab && semi >= comma)
        r->sep = ';';
    else if (tab >= comma)
        r->sep = '\t';
    else
        r->sep = ',';
    r->dialect = r->sep == ';' ? CTG_CSV_FRENCH : CTG_CSV_INTL;
    return 1;
}

static int starts_with(const struct ctg_csv *r, const char *magic, size_t n)
{
    return r->len - r->pos >= n && memcmp(r->buf + r->pos, magic, n) == 0;
}

/* Whether input may remain after the current chunk. */
static int more_input(const struct ctg_csv *r)
{
    if (r->conv)
        return !r->at_eof;
    return r->fp && !feof(r->fp);
}

/* Look at the start of the input: refuse what is not text, choose the encoding (declared
 * in r->enc, or detected), skip a BOM, detect the separator. */
static int start(struct ctg_csv *r)
{
    enum ctg_csv_encoding want = r->enc;
    r->enc = CTG_ENC_UTF8;
    if (r->fp && !refill(r) && r->failed)
        return -1;
    if (r->len == 0)
        return fail_at(r, 0, 0, "empty file, expected a header line");
    int le = starts_with(r, "\xFF\xFE", 2), be = starts_with(r, "\xFE\xFF", 2);
    int utf16 = want == CTG_ENC_UTF16LE || want == CTG_ENC_UTF16BE;
    if ((le || be) && (want == CTG_ENC_AUTO || utf16)) {
        r->pos += 2; /* the byte order is the BOM's */
        if (start_converting(r, le ? CTG_ENC_UTF16LE : CTG_ENC_UTF16BE))
            return -1;
    } else if (le || be) {
        return fail_at(r, 0, 0, "the file is UTF-16 (Excel's \"Unicode text\"): " HINT_CSV_UTF8
                                " or convert it with iconv -f UTF-16 -t UTF-8");
    } else if (utf16) {
        return fail_at(r, 0, 0, "the file has no UTF-16 byte order mark: it is not UTF-16");
    } else {
        if (starts_with(r, "PK\x03\x04", 4) || starts_with(r, "\xD0\xCF\x11\xE0", 4))
            return fail_at(r, 0, 0, "this is a spreadsheet file (.xlsx, .ods or .xls), not CSV: "
                                    "open it and " HINT_CSV_UTF8);
        if (starts_with(r, "\xEF\xBB\xBF", 3)) {
            if (want != CTG_ENC_AUTO && want != CTG_ENC_UTF8)
                return fail_at(r, 0, 0, "the file starts with a UTF-8 BOM: it is UTF-8, not %s",
                               ctg_csv_encoding_name(want));
            r->pos += 3;
        } else if (want == CTG_ENC_AUTO) {
            struct ctg_csv_sniff s;
            want = sniff(r, &s);
            /* UTF-8 with invalid bytes: two encodings in one file (said at the first one) */
            r->mixed = want == CTG_ENC_UTF8 && s.invalid > 0;
        }
        if (want != CTG_ENC_AUTO && want != CTG_ENC_UTF8 && start_converting(r, want))
            return -1;
    }
    if (!detect_separator(r)) {
        if (!more_input(r))
            return fail_at(r, 0, 0, "empty file, expected a header line");
        r->sep = ';', r->dialect = CTG_CSV_FRENCH;
    }
    return 0;
}

static struct ctg_csv *reader_new(const char *name, char *err, size_t err_len)
{
    size_t name_len = strlen(name);
    struct ctg_csv *r = calloc(1, sizeof *r + name_len + 1);
    if (!r) {
        write_err(err, err_len, "%s: out of memory", name);
        return NULL;
    }
    memcpy(r->name, name, name_len + 1);
    r->err_size = name_len + 512;
    r->err = malloc(r->err_size);
    r->rec_cap = 4096;
    r->rec = malloc(r->rec_cap);
    r->fcap = 64;
    r->fields = malloc(r->fcap * sizeof *r->fields);
    r->ptrs = malloc(r->fcap * sizeof *r->ptrs);
    if (!r->err || !r->rec || !r->fields || !r->ptrs) {
        write_err(err, err_len, "%s: out of memory", name);
        ctg_csv_close(r);
        return NULL;
    }
    r->err[0] = '\0';
    r->line = r->col = 1;
    r->sep = ';';
    return r;
}

/* Finish opening: on failure hand the message over and free the reader. */
static struct ctg_csv *opened(struct ctg_csv *r, char *err, size_t err_len)
{
    if (start(r) == 0)
        return r;
    write_err(err, err_len, "%s", r->err);
    ctg_csv_close(r);
    return NULL;
}

static struct ctg_csv *open_fp(const char *name, FILE *fp, int own, enum ctg_csv_encoding enc,
                               char *err, size_t err_len)
{
    struct stat st;
    if (fstat(fileno(fp), &st) != 0) {
        write_err(err, err_len, "%s: cannot open: %s", name, strerror(errno));
        goto fail;
    }
    if (S_ISDIR(st.st_mode)) {
        write_err(err, err_len, "%s: cannot open: %s", name, strerror(EISDIR));
        goto fail;
    }
    struct ctg_csv *r = reader_new(name, err, err_len);
    if (!r)
        goto fail;
    r->fp = fp;
    r->own_fp = own;
    r->enc = enc;
    r->total = S_ISREG(st.st_mode) ? (long long)st.st_size : 0;
    r->chunk = malloc(CSV_CHUNK);
    if (!r->chunk) {
        write_err(err, err_len, "%s: out of memory", name);
        ctg_csv_close(r);
        return NULL;
    }
    return opened(r, err, err_len);
fail:
    if (own)
        fclose(fp);
    return NULL;
}

struct ctg_csv *ctg_csv_open_encoded(const char *path, enum ctg_csv_encoding enc, char *err,
                                     size_t err_len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        write_err(err, err_len, "%s: cannot open: %s", path, strerror(errno));
        return NULL;
    }
    return open_fp(path, fp, 1, enc, err, err_len);
}

struct ctg_csv *ctg_csv_open(const char *path, char *err, size_t err_len)
{
    return ctg_csv_open_encoded(path, CTG_ENC_UTF8, err, err_len);
}

struct ctg_csv *ctg_csv_open_stream_encoded(const char *name, FILE *fp,
                                            enum ctg_csv_encoding enc, char *err,
                                            size_t err_len)
{
    return open_fp(name, fp, 0, enc, err, err_len);
}

struct ctg_csv *ctg_csv_open_stream(const char *name, FILE *fp, char *err, size_t err_len)
{
    return open_fp(name, fp, 0, CTG_ENC_UTF8, err, err_len);
}

struct ctg_csv *ctg_csv_open_buffer(const char *name, const char *data, size_t len,
                                    char *err, size_t err_len)
{
    return ctg_csv_open_buffer_encoded(name, data, len, CTG_ENC_UTF8, err, err_len);
}

struct ctg_csv *ctg_csv_open_buffer_encoded(const char *name, const char *data, size_t len,
                                            enum ctg_csv_encoding enc, char *err,
                                            size_t err_len)
{
    struct ctg_csv *r = reader_new(name, err, err_len);
    if (!r)
        return NULL;
    r->enc = enc;
    r->buf = (const unsigned char *)data;
    r->len = data ? len : 0;
    r->total = (long long)r->len;
    return opened(r, err, err_len);
}

void ctg_csv_close(struct ctg_csv *r)
{
    if (!r)
        return;
    if (r->fp && r->own_fp)
        fclose(r->fp);
    free(r->chunk);
    free(r->raw);
    free(r->rec);
    free(r->fields);
    free(r->ptrs);
    free(r->err);
    free(r);
}

enum ctg_csv_encoding ctg_csv_encoding(const struct ctg_csv *r)
{
    return r->enc;
}

enum ctg_csv_dialect ctg_csv_dialect(const struct ctg_csv *r)
{
    return r->dialect;
}

void ctg_csv_set_separator(struct ctg_csv *r, char sep)
{
    r->sep = sep;
    r->dialect = sep == ';' ? CTG_CSV_FRENCH : CTG_CSV_INTL;
}

char ctg_csv_separator(const struct ctg_csv *r)
{
    return r->sep;
}

const char *ctg_csv_error(const struct ctg_csv *r)
{
    return r->err;
}

void ctg_csv_progress(const struct ctg_csv *r, long long *done, long long *total)
{
    if (done)
        *done = r->conv ? r->raw_done + (long long)r->in_pos : r->base + (long long)r->pos;
    if (total)
        *total = r->total;
}

long ctg_csv_column(const struct ctg_csv *r, size_t field)
{
    return field < r->nf ? r->fields[field].col : 0;
}

long ctg_csv_field_line(const struct ctg_csv *r, size_t field)
{
    return field < r->nf ? r->fields[field].line : 0;
}

/* ---------------------------------------------------------------- records */

static int grow_record(struct ctg_csv *r)
{
    if (r->rec_cap >= (size_t)CTG_CSV_MAX_RECORD)
        return fail_at(r, r->rec_line, 1, "record longer than 1 MiB");
    size_t cap = r->rec_cap * 2;
    if (cap > (size_t)CTG_CSV_MAX_RECORD)
        cap = (size_t)CTG_CSV_MAX_RECORD;
    char *rec = realloc(r->rec, cap);
    if (!rec)
        return fail_at(r, r->rec_line, 1, "out of memory");
    r->rec = rec;
    r->rec_cap = cap;
    return 0;
}

static inline int put(struct ctg_csv *r, int c)
{
    if (r->rec_len == r->rec_cap && grow_record(r))
        return -1;
    r->rec[r->rec_len++] = (char)c;
    return 0;
}

/* Start a field at the position of the next character. */
static int begin_field(struct ctg_csv *r)
{
    if (r->nf == r->fcap) {
        if (r->fcap >= CTG_CSV_MAX_FIELDS)
            return fail_at(r, r->rec_line, 1, "more than %d fields", CTG_CSV_MAX_FIELDS);
        size_t cap = r->fcap * 2;
        struct field *fields = realloc(r->fields, cap * sizeof *fields);
        if (!fields)
            return fail_at(r, r->rec_line, 1, "out of memory");
        r->fields = fields;
        const char **ptrs = realloc(r->ptrs, cap * sizeof *ptrs);
        if (!ptrs)
            return fail_at(r, r->rec_line, 1, "out of memory");
        r->ptrs = ptrs;
        r->fcap = cap;
    }
    struct field *f = &r->fields[r->nf++];
    f->off = r->rec_len;
    f->line = r->line;
    f->col = r->col;
    return 0;
}

enum field_state { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED, AFTER_QUOTED };

int ctg_csv_next(struct ctg_csv *r, size_t *nfields, const char *const **fields, long *line)
{
    if (r->failed)
        return -1;
    for (;;) {
        r->rec_len = r->nf = 0;
        r->rec_line = r->line;
        if (begin_field(r))
            return -1;
        enum field_state st = FIELD_START;
        int nonblank = 0, c;
        long quote_line = 0, quote_col = 0;
        for (;;) {
            c = get_char(r);
            if (c == CH_ERR)
                return -1;
            if (c != ' ' && c != '\t' && c != '\n' && c != CH_EOF)
                nonblank = 1;
            switch (st) {
            case FIELD_START:
                if (c == '"') { /* spaces before the opening quote are dropped */
                    r->rec_len = r->fields[r->nf - 1].off;
                    quote_line = r->cline, quote_col = r->ccol;
                    st = QUOTED;
                    continue;
                }
                if (c == ' ' || (c == '\t' && r->sep != '\t')) {
                    if (put(r, c))
                        return -1;
                    continue;
                }
                st = UNQUOTED;
                /* fall through */
            case UNQUOTED:
                break;
            case QUOTED:
                if (c == CH_EOF)
                    return fail_at(r, quote_line, quote_col,
                                   "unterminated quoted field (opened here)");
                if (c == '"')
                    st = QUOTE_IN_QUOTED;
                else if (put(r, c))
                    return -1;
                continue;
            case QUOTE_IN_QUOTED:
                if (c == '"') { /* "" */
                    st = QUOTED;
                    if (put(r, c))
                        return -1;
                    continue;
                }
                st = AFTER_QUOTED;
                /* fall through */
            case AFTER_QUOTED:
                if (c == r->sep || c == '\n' || c == CH_EOF)
                    break;
                if (c == ' ' || c == '\t')
                    continue;
                return fail_at(r, r->cline, r->ccol,
                               "unexpected text after the closing quote of a field "
                               "(inside quotes, write a quote as \"\")");
            }
            /* UNQUOTED, or the end of a quoted field */
            if (c == r->sep) {
                if (put(r, '\0') || begin_field(r))
                    return -1;
                st = FIELD_START;
            } else if (c == '\n' || c == CH_EOF) {
                break;
            } else if (put(r, c)) {
                return -1;
            }
        }
        if (put(r, '\0'))
            return -1;
        if (!nonblank) {
            if (c == CH_EOF) {
                r->nf = 0;
                return 0;
            }
            continue; /* a blank line */
        }
        for (size_t i = 0; i < r->nf; i++)
            r->ptrs[i] = r->rec + r->fields[i].off;
        if (nfields)
            *nfields = r->nf;
        if (fields)
            *fields = (const char *const *)r->ptrs;
        if (line)
            *line = r->rec_line;
        return 1;
    }
}

/* ---------------------------------------------------------------- numbers */

/* Length of a thousands separator at p (' ', U+00A0, U+202F), else 0. */
static size_t thousands_sep(const unsigned char *p, const unsigned char *end)
{
    if (*p == ' ')
        return 1;
    if (end - p >= 2 && p[0] == 0xC2 && p[1] == 0xA0)
        return 2;
    if (end - p >= 3 && p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0xAF)
        return 3;
    return 0;
}

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}

/* Check the text and write it in C syntax ("-1250.5e3") to buf; *integral tells whether
 * it was written without decimal mark nor exponent. Returns 1 when it is a number. */
static int normalize_number(enum ctg_csv_dialect d, const char *text, char *buf, size_t size,
                            int *integral)
{
    const unsigned char *p = (const unsigned char *)text, *end = p + strlen(text);
    for (;;) { /* trim */
        if (p < end && (*p == ' ' || *p == '\t'))
            p++;
        else if (p < end && *p != ' ' && thousands_sep(p, end))
            p += thousands_sep(p, end);
        else
            break;
    }
    /* an amount as a spreadsheet shows it: "1 300 000 €", "1 300 000,50 €" (one euro sign,
     * after the digits: the unit is the one amounts are stored in) */
    int euro = 0;
    for (;;) {
        if (end > p && (end[-1] == ' ' || end[-1] == '\t'))
            end--;
        else if (!euro && end - p >= 4 && end[-3] == 0xE2 && end[-2] == 0x82 && end[-1] == 0xAC)
            end -= 3, euro = 1;
        else if (end - p >= 2 && end[-2] == 0xC2 && end[-1] == 0xA0)
            end -= 2;
        else if (end - p >= 3 && end[-3] == 0xE2 && end[-2] == 0x80 && end[-1] == 0xAF)
            end -= 3;
        else
            break;
    }
    size_t n = 0;
#define PUT(ch) do { if (n + 1 >= size) return 0; buf[n++] = (char)(ch); } while (0)
    if (p < end && (*p == '+' || *p == '-')) {
        if (*p == '-')
            PUT('-');
        p++;
    }
    /* integer part, grouped by thousands in French */
    const unsigned char *int_start = p;
    size_t int_digits = 0, group = 0;
    int grouped = 0;
    while (p < end) {
        if (is_digit(*p)) {
            PUT(*p++);
            int_digits++, group++;
            continue;
        }
        size_t sep = d == CTG_CSV_FRENCH && int_digits > 0 ? thousands_sep(p, end) : 0;
        if (!sep)
            break;
        if (grouped ? group != 3 : group > 3)
            return 0;
        grouped = 1, group = 0;
        p += sep;
        if (p == end || !is_digit(*p))
            return 0;
    }
    if (grouped && group != 3)
        return 0;
    /* decimal mark and fraction */
    int mark = 0;
    size_t frac_digits = 0;
    if (p < end && (*p == ',' || *p == '.')) {
        mark = *p++;
        if (mark == ',' ? d != CTG_CSV_FRENCH : d == CTG_CSV_FRENCH && grouped)
            return 0;
        PUT('.');
        while (p < end && is_digit(*p)) {
            PUT(*p++);
            frac_digits++;
        }
    }
    if (int_digits + frac_digits == 0)
        return 0;
    int exponent = 0;
    if (p < end && (*p == 'e' || *p == 'E')) {
        PUT('e');
        p++;
        if (p < end && (*p == '+' || *p == '-'))
            PUT(*p++);
        if (p == end || !is_digit(*p))
            return 0;
        while (p < end && is_digit(*p))
            PUT(*p++);
        exponent = 1;
    }
    if (p != end)
        return 0;
    /* French "1.250": a thousands dot rather than a decimal one? Refuse to guess. */
    if (d == CTG_CSV_FRENCH && mark == '.' && !exponent && int_digits >= 1 && int_digits <= 3 &&
        frac_digits == 3 && *int_start != '0')
        return 0;
#undef PUT
    buf[n] = '\0';
    *integral = !mark && !exponent;
    return 1;
}

/* strtod under any locale: the C-syntax text uses '.', the locale may want another mark. */
static int convert(const char *buf, double *out)
{
    char local[96];
    const char *dp = localeconv()->decimal_point;
    const char *dot = strchr(buf, '.');
    if (dot && dp && strcmp(dp, ".") != 0) {
        size_t before = (size_t)(dot - buf);
        int n = snprintf(local, sizeof local, "%.*s%s%s", (int)before, buf, dp, dot + 1);
        if (n < 0 || (size_t)n >= sizeof local)
            return 0;
        buf = local;
    }
    char *endp;
    errno = 0;
    double v = strtod(buf, &endp);
    if (*endp != '\0' || !isfinite(v) || (errno == ERANGE && fabs(v) > 1.0))
        return 0;
    if (out)
        *out = v;
    return 1;
}

int ctg_csv_parse_number(enum ctg_csv_dialect d, const char *text, double *out)
{
    char buf[80];
    int integral;
    return text && normalize_number(d, text, buf, sizeof buf, &integral) && convert(buf, out);
}

/* ---------------------------------------------------------------- Lua binding */

struct lreader {
    struct ctg_csv *r;
};

static int lreader_close(lua_State *L)
{
    struct lreader *u = luaL_checkudata(L, 1, CSV_MT);
    ctg_csv_close(u->r);
    u->r = NULL;
    return 0;
}

/* The encoding argument at idx (a name, default "auto"). */
static enum ctg_csv_encoding check_encoding(lua_State *L, int idx)
{
    const char *name = luaL_optstring(L, idx, "auto");
    int e = ctg_csv_encoding_of(name);
    if (e < 0)
        luaL_argerror(L, idx, lua_pushfstring(L, "unknown encoding '%s'", name));
    return (enum ctg_csv_encoding)e;
}

/* Open path into a new reader userdata (pushed) or raise the open error as it is. */
static struct lreader *lreader_open(lua_State *L, const char *path, enum ctg_csv_encoding enc)
{
    struct lreader *u = lua_newuserdatauv(L, sizeof *u, 0);
    u->r = NULL;
    luaL_setmetatable(L, CSV_MT);
    char err[1024];
    u->r = ctg_csv_open_encoded(path, enc, err, sizeof err);
    if (!u->r) {
        lua_pushstring(L, err);
        lua_error(L);
    }
    return u;
}

static int rows_next(lua_State *L)
{
    struct lreader *u = luaL_checkudata(L, lua_upvalueindex(1), CSV_MT);
    if (!u->r)
        return 0;
    size_t n;
    const char *const *fields;
    long line;
    int rc = ctg_csv_next(u->r, &n, &fields, &line);
    if (rc <= 0) {
        if (rc < 0)
            lua_pushstring(L, ctg_csv_error(u->r));
        ctg_csv_close(u->r);
        u->r = NULL;
        if (rc < 0)
            return lua_error(L);
        return 0;
    }
    lua_createtable(L, n > INT_MAX ? 0 : (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        lua_pushstring(L, fields[i]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_pushinteger(L, (lua_Integer)line);
    return 2;
}

/* csv.rows(path [, encoding [, separator]]) → iterator, nil, nil, reader (the closing value
 * of a generic for). A separator (";", "," or "\t") declared by an import mapping replaces
 * the one detected from the first line, which may be a title line above the header. */
static int l_rows(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    enum ctg_csv_encoding enc = check_encoding(L, 2);
    const char *sep = luaL_optstring(L, 3, NULL);
    if (sep && strcmp(sep, ";") != 0 && strcmp(sep, ",") != 0 && strcmp(sep, "\t") != 0)
        luaL_argerror(L, 3, "expected \";\", \",\" or a tab");
    char sepc = sep ? sep[0] : '\0'; /* (the string leaves the stack below) */
    lua_settop(L, 1);
    struct lreader *u = lreader_open(L, path, enc);
    if (sepc)
        ctg_csv_set_separator(u->r, sepc);
    lua_pushvalue(L, -1);
    lua_pushcclosure(L, rows_next, 1);
    lua_pushnil(L);
    lua_pushnil(L);
    lua_rotate(L, -4, -1); /* reader, iterator, nil, nil → iterator, nil, nil, reader */
    return 4;
}

/* csv.rows_text(name, text) → iterator, nil, nil, reader: csv.rows over text already read
 * (ctx.read_csv reads a file through ctg.sys.read_inside); name is used in messages. The
 * text is kept by the reader while it reads. */
static int l_rows_text(lua_State *L)
{
    const char *name = luaL_checkstring(L, 1);
    size_t len;
    const char *text = luaL_checklstring(L, 2, &len);
    struct lreader *u = lua_newuserdatauv(L, sizeof *u, 1);
    u->r = NULL;
    luaL_setmetatable(L, CSV_MT);
    lua_pushvalue(L, 2);
    lua_setiuservalue(L, -2, 1);
    char err[1024];
    u->r = ctg_csv_open_buffer(name, text, len, err, sizeof err);
    if (!u->r) {
        lua_pushstring(L, err);
        return lua_error(L);
    }
    lua_pushvalue(L, -1);
    lua_pushcclosure(L, rows_next, 1);
    lua_pushnil(L);
    lua_pushnil(L);
    lua_rotate(L, -4, -1);
    return 4;
}

/* csv.observations(reader, judge, keys [, territory [, budget [, plan]]])
 *   -> stored, status [, line [, info]]
 * Reads the records after the header straight into the judge (host/lua/judge.c), which checks
 * and stores each row: no Lua table per row. keys[i] is the row key of column i (indicator,
 * value, a dimension's name…), from the header; territory is the territory of rows whose
 * file has no territory column. A column whose key is "plan" names the plan of each row (as
 * ctg export observations writes it): not given to the judge, each non-empty cell must be
 * plan, else it is reported among the "number" cells (key "plan"). Cells are trimmed; an
 * empty cell is absent; value,
 * numerator, denominator and respondents are numbers in the file's dialect (integers when
 * integral), a period of four digits an integer, the rest text. Returns when there is
 * something to say:
 *   "end"      the file ended
 *   "budget"   budget rows were stored (default 4096)
 *   "verdict"  the row at line has errors, warnings or repeats a key: info is the verdict
 *   "width"    the row at line has info fields, not as many as the header
 *   "number"   cells of the row at line are not numbers: info = {{column =, key =, text =}}
 * Reader errors raise "FILE:LINE:COLUMN: problem", as csv.rows. */

struct column {
    enum ctg_field field; /* CTG_F_COUNT: a dimension */
    const char *name;
    int numeric;
    int plan; /* the plan column: checked against the plan imported into, not judged */
};

static int is_space(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static void csv_rval(struct ctg_rval *v, const struct column *c, const char *s, size_t n,
                     enum ctg_csv_dialect dialect, int *bad)
{
    memset(v, 0, sizeof *v);
    if (c->numeric) {
        double d;
        if (!ctg_csv_parse_number(dialect, s, &d)) {
            *bad = 1;
            return;
        }
        /* from 2^53 on, a double no longer holds every integer: the text decides (host/lua/judge.c) */
        if (fabs(d) >= 9007199254740992.0) {
            v->type = CTG_R_FLOAT;
            v->d = d;
            v->s = s;
            v->n = n;
            return;
        }
        /* as math.tointeger(n) or n: integral numbers are integers */
        if (d == floor(d) && fabs(d) < 9223372036854775808.0) {
            v->type = CTG_R_INT;
            v->i = (long long)d;
        } else {
            v->type = CTG_R_FLOAT;
            v->d = d;
        }
        return;
    }
    if (c->field == CTG_F_PERIOD && n == 4 && s[0] >= '0' && s[0] <= '9' && s[1] >= '0' &&
        s[1] <= '9' && s[2] >= '0' && s[2] <= '9' && s[3] >= '0' && s[3] <= '9') {
        v->type = CTG_R_INT;
        v->i = atoi(s);
        return;
    }
    v->type = CTG_R_STR;
    v->s = s;
    v->n = n;
}

static int l_observations(lua_State *L)
{
    struct lreader *u = luaL_checkudata(L, 1, CSV_MT);
    ctg_judge_check(L, 2);
    luaL_checktype(L, 3, LUA_TTABLE);
    size_t territory_len = 0;
    const char *territory = luaL_optlstring(L, 4, NULL, &territory_len);
    lua_Integer budget = luaL_optinteger(L, 5, 4096);
    size_t plan_len = 0;
    const char *plan = luaL_optlstring(L, 6, NULL, &plan_len);
    lua_settop(L, 6);
    lua_Integer ncols = luaL_len(L, 3);
    if (ncols > CTG_CSV_MAX_FIELDS)
        return luaL_error(L, "csv.observations: too many columns");
    struct column *cols = lua_newuserdatauv(L, sizeof *cols * (size_t)(ncols ? ncols : 1), 0);
    int has_territory = 0;
    for (lua_Integer i = 0; i < ncols; i++) {
        lua_geti(L, 3, i + 1);
        size_t len;
        const char *name = luaL_checklstring(L, -1, &len);
        lua_pop(L, 1); /* the keys table keeps it alive */
        cols[i].name = name;
        cols[i].field = ctg_field_of(name, len);
        cols[i].numeric = cols[i].field == CTG_F_VALUE || cols[i].field == CTG_F_NUMERATOR ||
                          cols[i].field == CTG_F_DENOMINATOR || cols[i].field == CTG_F_RESPONDENTS;
        cols[i].plan = len == 4 && memcmp(name, "plan", 4) == 0;
        has_territory |= cols[i].field == CTG_F_TERRITORY;
    }
    if (!u->r)
        return luaL_error(L, "csv.observations: the reader is closed");
    enum ctg_csv_dialect dialect = ctg_csv_dialect(u->r);
    lua_Integer stored = 0;
    struct ctg_raw raw;
    for (;;) {
        size_t n;
        const char *const *fields;
        long line;
        int rc = ctg_csv_next(u->r, &n, &fields, &line);
        if (rc < 0) {
            lua_pushstring(L, ctg_csv_error(u->r));
            ctg_csv_close(u->r);
            u->r = NULL;
            return lua_error(L);
        }
        if (rc == 0) {
            ctg_csv_close(u->r);
            u->r = NULL;
            lua_pushinteger(L, stored);
            lua_pushliteral(L, "end");
            return 2;
        }
        if ((lua_Integer)n != ncols) {
            lua_pushinteger(L, stored);
            lua_pushliteral(L, "width");
            lua_pushinteger(L, (lua_Integer)line);
            lua_pushinteger(L, (lua_Integer)n);
            return 4;
        }
        ctg_raw_clear(&raw);
        int bad_cells = 0;
        for (size_t i = 0; i < n; i++) {
            /* trimmed in place: the record's buffer is ours until the next record */
            char *s = (char *)fields[i];
            size_t len = strlen(s);
            while (len > 0 && is_space((unsigned char)s[len - 1]))
                s[--len] = '\0';
            while (*s && is_space((unsigned char)*s))
                s++, len--;
            if (len == 0)
                continue;
            int bad = 0;
            struct ctg_rval v;
            if (cols[i].plan)
                bad = !plan || len != plan_len || memcmp(s, plan, len) != 0;
            else
                csv_rval(&v, &cols[i], s, len, dialect, &bad);
            if (bad) {
                if (!bad_cells++)
                    lua_newtable(L);
                lua_createtable(L, 0, 3);
                lua_pushinteger(L, (lua_Integer)i + 1);
                lua_setfield(L, -2, "column");
                lua_pushstring(L, cols[i].name);
                lua_setfield(L, -2, "key");
                lua_pushlstring(L, s, len);
                lua_setfield(L, -2, "text");
                lua_rawseti(L, -2, bad_cells);
                continue;
            }
            if (cols[i].plan)
                continue;
            if (cols[i].field < CTG_F_COUNT) {
                raw.f[cols[i].field] = v;
            } else if (raw.ndims < CTG_RAW_MAX_DIMS) {
                raw.dims[raw.ndims].name = cols[i].name;
                raw.dims[raw.ndims++].v = v;
            } else if (!raw.extra_dim) {
                raw.extra_dim = cols[i].name;
            }
        }
        if (bad_cells) {
            lua_pushinteger(L, stored);
            lua_pushliteral(L, "number");
            lua_pushinteger(L, (lua_Integer)line);
            lua_rotate(L, -4, -1); /* the list of bad cells last */
            return 4;
        }
        ctg_raw_default_territory(&raw, has_territory, territory, territory_len);
        int pushed = ctg_judge_step(L, 2, &raw, (lua_Integer)line, &stored, budget);
        if (pushed)
            return pushed;
    }
}

static int l_dialect(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    enum ctg_csv_encoding enc = check_encoding(L, 2);
    struct lreader *u = lreader_open(L, path, enc);
    enum ctg_csv_dialect d = ctg_csv_dialect(u->r);
    enc = ctg_csv_encoding(u->r);
    ctg_csv_close(u->r);
    u->r = NULL;
    lua_pushstring(L, d == CTG_CSV_FRENCH ? "french" : "intl");
    lua_pushstring(L, ctg_csv_encoding_name(enc));
    return 2;
}

static int l_number(lua_State *L)
{
    static const char *const dialects[] = {"french", "intl", NULL};
    const char *text = luaL_checkstring(L, 1);
    enum ctg_csv_dialect d =
        luaL_checkoption(L, 2, "french", dialects) == 0 ? CTG_CSV_FRENCH : CTG_CSV_INTL;
    char buf[80];
    int integral;
    double v;
    if (!normalize_number(d, text, buf, sizeof buf, &integral) || !convert(buf, &v)) {
        lua_pushnil(L);
        return 1;
    }
    /* Lua's own conversion gives integers (floats when too large) for integral texts */
    if (!integral || lua_stringtonumber(L, buf) == 0)
        lua_pushnumber(L, (lua_Number)v);
    return 1;
}

int luaopen_ctg_csv(lua_State *L)
{
    static const luaL_Reg functions[] = {
        {"rows", l_rows},
        {"rows_text", l_rows_text},
        {"observations", l_observations},
        {"dialect", l_dialect},
        {"number", l_number},
        {NULL, NULL},
    };
    ctg_new_class(L, CSV_MT, NULL, lreader_close);
    luaL_newlib(L, functions);
    return 1;
}
