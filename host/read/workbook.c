/* Workbooks (.xlsx, .ods) as streams of rows (see workbook.h).
 *
 * One expat parser reads the selected sheet's XML from libzip in 64 KiB pieces; its handlers
 * build the current row into a reused buffer and suspend the parser (XML_StopParser,
 * resumable) when the row ends, so that rows come one at a time without holding the sheet.
 * That parse runs in a thread of its own (reading ahead, below), a few batches of rows ahead
 * of ctg_wb_next, or in the caller's thread when no thread can be made. An .xlsx sheet's
 * names are read without namespace processing, by their local names (x:c is c); the other
 * parts and the .ods content through it ("URI|local"), so a prefix a writer chose
 * (table:table-cell) does not matter. */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <expat.h>
#include <zip.h>

#include "workbook.h"

#define WB_CHUNK 65536
#define WB_MAX_TEXT (1L << 20)          /* one cell's text */
#define WB_MAX_SST (256L << 20)         /* the shared strings, in all */
#define WB_MAX_REPEAT_EMITTED 1048576L  /* a repeated .ods row with values, at most */

#define NS_CALCEXT "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"
#define NS_OFFICE "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define NS_TABLE "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define NS_TEXT "urn:oasis:names:tc:opendocument:xmlns:text:1.0"

struct sheet {
    char *name;
    char *part; /* .xlsx: the worksheet's part name in the archive */
};

/* A cell of the row being built; its text is at off in the row's text buffer, or at ext when
 * it lives elsewhere for the workbook's life (a shared string: not copied per cell). */
struct pcell {
    enum ctg_wb_type type;
    double number;
    size_t off, len;
    const char *ext;
    long sst; /* 1 + the index of the shared string at ext; 0 for any other cell */
};

/* What an .xlsx cell's t attribute says its <v> holds (absent or unknown: a number). */
enum xlsx_t { XT_NUMBER, XT_SHARED, XT_STR, XT_INLINE, XT_BOOL, XT_ERROR, XT_DATE };

struct ctg_wb {
    zip_t *zip;
    zip_source_t *src; /* over memory: owned by zip once opened */
    enum ctg_wb_format format;
    int date1904;
    struct sheet *sheets;
    int nsheets;

    /* .xlsx: shared strings (each NUL-terminated, one after the other in one arena: string i
     * is sst_text + sst_off[i]), and which cell styles (xf index) are dates */
    char *sst_text;
    size_t *sst_off, *sst_len;
    size_t nsst, sst_cap, sst_bytes, sst_text_cap;
    unsigned char *xf_date;
    size_t nxf;

    /* the sheet being read */
    struct ahead *ahead; /* the thread reading it ahead, while there is one */
    int read_ahead;      /* whether to start one (ctg_wb_read_ahead) */
    int selected;
    zip_file_t *zf;
    XML_Parser parser;
    int suspended, eof, done;
    long long zdone, ztotal;

    /* the row being built */
    struct pcell *cells;
    size_t ncells, cells_cap;
    struct ctg_wb_cell *out;
    size_t out_cap;
    char *text;
    size_t text_len, text_cap;
    long row;          /* its number */
    long next_row;     /* the number the next row gets when it does not say */
    int row_ready;
    long repeat_left;  /* .ods: times the ready row is given again */

    /* the cell being parsed */
    int in_cell, collect, skip_depth;
    size_t formula_off, formula_len; /* .xlsx: the cell's formula, when it has one */
    int has_formula;
    long col, next_col, col_repeat;
    enum xlsx_t cell_t;
    long cell_style;
    size_t val_off;
    int has_value, paragraphs;
    /* .ods attributes of the cell */
    char vtype[16], calc_type[16], value[64], date_value[64], bool_value[8], time_value[64];
    int has_string_value;
    size_t string_value_off, string_value_len;
    long row_repeat;
    int table_index, in_table, table_depth;

    enum ctg_wb_error code;
    char err[640];
    char detail[512];
    char name[];
};

/* ---------------------------------------------------------------- errors */

static int fail(struct ctg_wb *wb, enum ctg_wb_error code, const char *fmt, ...)
{
    if (wb->code != CTG_WB_OK)
        return -1; /* the first error stays */
    wb->code = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(wb->detail, sizeof wb->detail, fmt, ap);
    va_end(ap);
    snprintf(wb->err, sizeof wb->err, "%s: %s", wb->name, wb->detail);
    return -1;
}

/* ---------------------------------------------------------------- small helpers */

/* "URI|local" (namespace processing), "x:local" or "local" (without) → "local" */
static const char *local_name(const char *name)
{
    const char *bar = strrchr(name, '|');
    if (!bar)
        bar = strrchr(name, ':');
    return bar ? bar + 1 : name;
}

static int is(const char *name, const char *local)
{
    return strcmp(local_name(name), local) == 0;
}

/* The .ods vocabularies ctg reads, and which one a name of namespace processing ("URI|local")
 * is in: its URI compared once, rather than once for every name it might be. */
enum ods_ns { ODS_OTHER, ODS_OFFICE, ODS_TABLE, ODS_TEXT, ODS_CALCEXT };

static enum ods_ns ods_ns(const char *name, const char **local)
{
    const char *bar = strchr(name, '|');
    if (!bar) {
        *local = name;
        return ODS_OTHER;
    }
    *local = bar + 1;
    size_t n = (size_t)(bar - name);
#define URI_IS(uri) (n == sizeof(uri) - 1 && memcmp(name, uri, n) == 0)
    if (URI_IS(NS_TABLE))
        return ODS_TABLE;
    if (URI_IS(NS_OFFICE))
        return ODS_OFFICE;
    if (URI_IS(NS_TEXT))
        return ODS_TEXT;
    if (URI_IS(NS_CALCEXT))
        return ODS_CALCEXT;
#undef URI_IS
    return ODS_OTHER;
}

/* Whether name is local in the namespace ns ("URI|local"). */
static int is_ns(const char *name, enum ods_ns ns, const char *local)
{
    const char *l;
    return ods_ns(name, &l) == ns && strcmp(l, local) == 0;
}

static const char *attr(const char **atts, const char *local)
{
    for (int i = 0; atts[i]; i += 2)
        if (is(atts[i], local))
            return atts[i + 1];
    return NULL;
}

static const char *attr_ns(const char **atts, enum ods_ns ns, const char *local)
{
    for (int i = 0; atts[i]; i += 2)
        if (is_ns(atts[i], ns, local))
            return atts[i + 1];
    return NULL;
}

static void copy_attr(char *dst, size_t size, const char *value)
{
    size_t n = value ? strlen(value) : 0;
    if (n >= size)
        n = size - 1;
    if (n)
        memcpy(dst, value, n);
    dst[n] = '\0';
}

void ctg_wb_column_name(long col, char *buf, size_t size)
{
    char tmp[16];
    int n = 0;
    while (col > 0 && n < (int)sizeof tmp) {
        col--;
        tmp[n++] = (char)('A' + col % 26);
        col /= 26;
    }
    size_t i = 0;
    while (n > 0 && i + 1 < size)
        buf[i++] = tmp[--n];
    if (size)
        buf[i] = '\0';
}

/* "C17" → 3 (its row, 17, in *row when given); 0 when it is not a reference. */
static long column_of_ref(const char *ref, long *row)
{
    long col = 0;
    const char *p = ref;
    while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')) {
        col = col * 26 + ((*p | 0x20) - 'a' + 1);
        if (col > CTG_WB_MAX_COLS)
            return 0;
        p++;
    }
    if (row) {
        char *end;
        long r = strtol(p, &end, 10);
        *row = end != p && *end == '\0' ? r : 0;
    }
    return col;
}

static long positive(const char *s, long fallback)
{
    if (!s)
        return fallback;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (end == s || *end != '\0' || errno || v < 1)
        return fallback;
    return v;
}

static int parse_double(const char *s, double *out)
{
    char *end;
    while (*s == ' ')
        s++;
    if (!*s)
        return 0;
    double v = strtod(s, &end);
    while (*end == ' ')
        end++;
    if (*end != '\0' || !isfinite(v))
        return 0;
    *out = v;
    return 1;
}

/* ---------------------------------------------------------------- dates */

/* days since 1970-01-01 to civil (Howard Hinnant's algorithm) */
static void civil(long long z, long *y, int *m, int *d)
{
    z += 719468;
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    long long doe = z - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long yy = yoe + era * 400;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (long)(yy + (*m <= 2));
}

int ctg_wb_serial_date(double serial, int date1904, char *buf, size_t size)
{
    if (!isfinite(serial) || serial < 0 || serial > 2958466.0)
        return 0;
    long long days = (long long)floor(serial);
    long long secs = llround((serial - (double)days) * 86400.0);
    if (secs >= 86400)
        days++, secs -= 86400;
    if (date1904) {
        days += 1462; /* 1904-01-01 is serial 1462 in the 1900 system */
    } else if (days < 61) {
        /* Excel counts a 29 February 1900 that never was: serials before 61 are a day
         * late; 60 itself is that day, shown here as 1900-02-28 */
        if (days == 0)
            return 0;
        days++;
        if (days == 61)
            days = 60;
    }
    long y;
    int m, d;
    civil(days - 25569, &y, &m, &d); /* serial 25569 is 1970-01-01 */
    if (secs == 0)
        snprintf(buf, size, "%04ld-%02d-%02d", y, m, d);
    else
        snprintf(buf, size, "%04ld-%02d-%02dT%02lld:%02lld:%02lld", y, m, d, secs / 3600,
                 secs / 60 % 60, secs % 60);
    return 1;
}

/* Whether an Excel number format shows a date or a time: a d, m, y, h or s outside quoted
 * text, escapes and [colour] or [$-locale] brackets ([h] and [mm] count). */
static int is_date_format(const char *code)
{
    for (const char *p = code; *p; p++) {
        switch (*p) {
        case '"':
            p = strchr(p + 1, '"');
            if (!p)
                return 0;
            break;
        case '\\':
        case '_':
        case '*':
            if (p[1])
                p++;
            break;
        case '[':
            if (p[1] == 'h' || p[1] == 'H' || p[1] == 'm' || p[1] == 'M' || p[1] == 's' ||
                p[1] == 'S')
                return 1;
            p = strchr(p, ']');
            if (!p)
                return 0;
            break;
        case 'd': case 'D': case 'm': case 'M': case 'y': case 'Y':
        case 'h': case 'H': case 's': case 'S':
            return 1;
        case 'e': case 'E':
            /* "0.00E+00" is scientific, "e" alone a year in some locales: only the former */
            if (p[1] == '+' || p[1] == '-')
                p++;
            else
                return 1;
            break;
        case 'G': /* General */
            if (strncmp(p, "General", 7) == 0)
                p += 6;
            break;
        }
    }
    return 0;
}

/* Built-in number formats that are dates or times (ECMA-376, 18.8.30). */
static int is_builtin_date(long id)
{
    return (id >= 14 && id <= 22) || (id >= 45 && id <= 47) || (id >= 27 && id <= 36) ||
           (id >= 50 && id <= 58);
}

/* ---------------------------------------------------------------- reading parts */

/* Parse a whole (small) part with the handlers given; 0, or -1 with the error set. A
 * missing part is 1 when optional. */
static int parse_part(struct ctg_wb *wb, const char *part, int optional, void *data,
                      XML_StartElementHandler start, XML_EndElementHandler end,
                      XML_CharacterDataHandler chars)
{
    zip_file_t *zf = zip_fopen(wb->zip, part, 0);
    if (!zf) {
        if (optional && zip_name_locate(wb->zip, part, 0) < 0)
            return 1;
        return fail(wb, CTG_WB_E_CORRUPT, "cannot read %s: %s", part,
                    zip_error_strerror(zip_get_error(wb->zip)));
    }
    XML_Parser p = XML_ParserCreateNS(NULL, '|');
    if (!p) {
        zip_fclose(zf);
        return fail(wb, CTG_WB_E_MEMORY, "out of memory");
    }
    XML_SetUserData(p, data);
    XML_SetElementHandler(p, start, end);
    XML_SetCharacterDataHandler(p, chars);
    wb->parser = p; /* for the handlers that stop it */
    int rc = 0;
    for (;;) {
        void *buf = XML_GetBuffer(p, WB_CHUNK); /* inflated into expat's buffer: no copy */
        if (!buf) {
            rc = fail(wb, CTG_WB_E_MEMORY, "out of memory");
            break;
        }
        zip_int64_t n = zip_fread(zf, buf, WB_CHUNK);
        if (n < 0) {
            rc = fail(wb, CTG_WB_E_CORRUPT, "cannot read %s: %s", part,
                      zip_error_strerror(zip_file_get_error(zf)));
            break;
        }
        if (XML_ParseBuffer(p, (int)n, n == 0) == XML_STATUS_ERROR) {
            if (wb->code == CTG_WB_OK)
                fail(wb, CTG_WB_E_XML, "%s:%lu: %s", part,
                     (unsigned long)XML_GetCurrentLineNumber(p),
                     XML_ErrorString(XML_GetErrorCode(p)));
            rc = -1;
            break;
        }
        if (wb->code != CTG_WB_OK) {
            rc = -1;
            break;
        }
        if (n == 0)
            break;
    }
    XML_ParserFree(p);
    wb->parser = NULL;
    zip_fclose(zf);
    return rc;
}

/* Character data into the row's text buffer (also used while reading shared strings). */
static int text_append(struct ctg_wb *wb, const char *s, size_t n)
{
    if (wb->text_len + n + 1 > wb->text_cap) {
        size_t cap = wb->text_cap ? wb->text_cap : 1024;
        while (cap < wb->text_len + n + 1)
            cap *= 2;
        char *t = realloc(wb->text, cap);
        if (!t)
            return fail(wb, CTG_WB_E_MEMORY, "out of memory");
        wb->text = t;
        wb->text_cap = cap;
    }
    memcpy(wb->text + wb->text_len, s, n);
    wb->text_len += n;
    wb->text[wb->text_len] = '\0';
    return 0;
}

static void on_chars(void *data, const XML_Char *s, int len)
{
    struct ctg_wb *wb = data;
    if (!wb->collect || wb->skip_depth)
        return;
    if (wb->text_len - wb->val_off + (size_t)len > (size_t)WB_MAX_TEXT) {
        fail(wb, CTG_WB_E_LIMIT, "a cell's text is longer than 1 MiB");
        XML_StopParser(wb->parser, XML_FALSE);
        return;
    }
    text_append(wb, s, (size_t)len);
}

/* ---- .xlsx: workbook.xml, its relationships, styles, shared strings */

struct rel {
    char *id, *target;
};
struct xlsx_open {
    struct ctg_wb *wb;
    char **rids; /* per sheet, its r:id */
    struct rel *rels;
    int nrels;
    /* styles */
    long *fmt_ids;
    char **fmt_codes;
    int nfmts;
    int in_cellxfs;
};

static int add_sheet(struct ctg_wb *wb, const char *name)
{
    struct sheet *s = realloc(wb->sheets, sizeof *s * (size_t)(wb->nsheets + 1));
    if (!s)
        return fail(wb, CTG_WB_E_MEMORY, "out of memory");
    wb->sheets = s;
    s[wb->nsheets].name = strdup(name ? name : "");
    s[wb->nsheets].part = NULL;
    if (!s[wb->nsheets].name)
        return fail(wb, CTG_WB_E_MEMORY, "out of memory");
    wb->nsheets++;
    return 0;
}

static void workbook_start(void *data, const XML_Char *name, const XML_Char **atts)
{
    struct xlsx_open *x = data;
    if (is(name, "workbookPr")) {
        const char *v = attr(atts, "date1904");
        x->wb->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
    } else if (is(name, "sheet")) {
        if (x->wb->nsheets >= 4096) /* Excel's own limit is far below */
            return;
        char **r = realloc(x->rids, sizeof *r * (size_t)(x->wb->nsheets + 1));
        if (!r) {
            fail(x->wb, CTG_WB_E_MEMORY, "out of memory");
            return;
        }
        x->rids = r;
        const char *rid = attr(atts, "id");
        r[x->wb->nsheets] = strdup(rid ? rid : "");
        if (!r[x->wb->nsheets] || add_sheet(x->wb, attr(atts, "name")))
            fail(x->wb, CTG_WB_E_MEMORY, "out of memory");
    }
}

static void rels_start(void *data, const XML_Char *name, const XML_Char **atts)
{
    struct xlsx_open *x = data;
    if (!is(name, "Relationship") || x->nrels >= 8192)
        return;
    const char *id = attr(atts, "Id"), *target = attr(atts, "Target");
    if (!id || !target)
        return;
    struct rel *r = realloc(x->rels, sizeof *r * (size_t)(x->nrels + 1));
    if (!r) {
        fail(x->wb, CTG_WB_E_MEMORY, "out of memory");
        return;
    }
    x->rels = r;
    r[x->nrels].id = strdup(id);
    r[x->nrels].target = strdup(target);
    x->nrels++;
}

static void styles_start(void *data, const XML_Char *name, const XML_Char **atts)
{
    struct xlsx_open *x = data;
    struct ctg_wb *wb = x->wb;
    if (is(name, "numFmt") && x->nfmts < 4096) {
        long *ids = realloc(x->fmt_ids, sizeof *ids * (size_t)(x->nfmts + 1));
        if (ids)
            x->fmt_ids = ids;
        char **codes = realloc(x->fmt_codes, sizeof *codes * (size_t)(x->nfmts + 1));
        if (codes)
            x->fmt_codes = codes;
        if (!ids || !codes) {
            fail(wb, CTG_WB_E_MEMORY, "out of memory");
            return;
        }
        const char *id = attr(atts, "numFmtId"), *code = attr(atts, "formatCode");
        ids[x->nfmts] = id ? strtol(id, NULL, 10) : -1;
        codes[x->nfmts] = strdup(code ? code : "");
        x->nfmts++;
    } else if (is(name, "cellXfs")) {
        x->in_cellxfs = 1;
    } else if (is(name, "xf") && x->in_cellxfs && wb->nxf < 65536) {
        unsigned char *d = realloc(wb->xf_date, wb->nxf + 1);
        if (!d) {
            fail(wb, CTG_WB_E_MEMORY, "out of memory");
            return;
        }
        wb->xf_date = d;
        const char *v = attr(atts, "numFmtId");
        long id = v ? strtol(v, NULL, 10) : 0;
        int date = is_builtin_date(id);
        for (int i = 0; i < x->nfmts; i++)
            if (x->fmt_ids[i] == id)
                date = x->fmt_codes[i] && is_date_format(x->fmt_codes[i]);
        d[wb->nxf++] = (unsigned char)date;
    }
}

static void styles_end(void *data, const XML_Char *name)
{
    struct xlsx_open *x = data;
    if (is(name, "cellXfs"))
        x->in_cellxfs = 0;
}

/* sharedStrings.xml: each <si> is one string, the text of its <t> (rich text: every run's
 * <t>), phonetic runs (<rPh>) left out. */
static void sst_start(void *data, const XML_Char *name, const XML_Char **atts)
{
    struct ctg_wb *wb = data;
    (void)atts;
    if (is(name, "si")) {
        wb->text_len = 0;
        wb->val_off = 0;
        if (wb->text)
            wb->text[0] = '\0';
    } else if (is(name, "rPh")) {
        wb->skip_depth++;
    } else if (is(name, "t")) {
        wb->collect = 1;
    }
}

static void sst_end(void *data, const XML_Char *name)
{
    struct ctg_wb *wb = data;
    if (is(name, "t")) {
        wb->collect = 0;
    } else if (is(name, "rPh")) {
        wb->skip_depth--;
    } else if (is(name, "si")) {
        if (wb->sst_bytes + wb->text_len > (size_t)WB_MAX_SST) {
            fail(wb, CTG_WB_E_LIMIT, "the shared strings are larger than 256 MiB");
            return;
        }
        if (wb->nsst == wb->sst_cap) {
            size_t cap = wb->sst_cap ? wb->sst_cap * 2 : 256;
            size_t *o = realloc(wb->sst_off, sizeof *o * cap);
            if (o)
                wb->sst_off = o;
            size_t *l = realloc(wb->sst_len, sizeof *l * cap);
            if (l)
                wb->sst_len = l;
            if (!o || !l) {
                fail(wb, CTG_WB_E_MEMORY, "out of memory");
                return;
            }
            wb->sst_cap = cap;
        }
        /* into the arena (its NUL included): one allocation for all the strings, not one each */
        size_t used = wb->sst_bytes + wb->nsst, need = used + wb->text_len + 1;
        if (need > wb->sst_text_cap) {
            size_t cap = wb->sst_text_cap ? wb->sst_text_cap : 4096;
            while (cap < need)
                cap *= 2;
            char *t = realloc(wb->sst_text, cap);
            if (!t) {
                fail(wb, CTG_WB_E_MEMORY, "out of memory");
                return;
            }
            wb->sst_text = t;
            wb->sst_text_cap = cap;
        }
        memcpy(wb->sst_text + used, wb->text ? wb->text : "", wb->text_len);
        wb->sst_text[used + wb->text_len] = '\0';
        wb->sst_off[wb->nsst] = used;
        wb->sst_len[wb->nsst++] = wb->text_len;
        wb->sst_bytes += wb->text_len;
    }
}

/* "worksheets/sheet1.xml" (relative to xl/) or "/xl/worksheets/sheet1.xml" → part name */
static char *part_of_target(const char *target)
{
    size_t n = strlen(target);
    char *part = malloc(n + 4);
    if (!part)
        return NULL;
    if (target[0] == '/')
        memcpy(part, target + 1, n);
    else
        snprintf(part, n + 4, "xl/%s", target);
    return part;
}

static int open_xlsx(struct ctg_wb *wb)
{
    struct xlsx_open x = {.wb = wb};
    int rc = parse_part(wb, "xl/workbook.xml", 0, &x, workbook_start, NULL, NULL);
    if (rc == 0)
        rc = parse_part(wb, "xl/_rels/workbook.xml.rels", 0, &x, rels_start, NULL, NULL);
    for (int i = 0; rc == 0 && i < wb->nsheets; i++) {
        for (int j = 0; j < x.nrels; j++)
            if (x.rels[j].id && x.rels[j].target && strcmp(x.rels[j].id, x.rids[i]) == 0) {
                wb->sheets[i].part = part_of_target(x.rels[j].target);
                if (!wb->sheets[i].part)
                    rc = fail(wb, CTG_WB_E_MEMORY, "out of memory");
                break;
            }
    }
    if (rc == 0 && parse_part(wb, "xl/styles.xml", 1, &x, styles_start, styles_end, NULL) < 0)
        rc = -1;
    if (rc == 0 && parse_part(wb, "xl/sharedStrings.xml", 1, wb, sst_start, sst_end, on_chars) < 0)
        rc = -1;
    wb->text_len = 0;
    wb->collect = wb->skip_depth = 0;
    for (int i = 0; i < wb->nsheets; i++)
        free(x.rids[i]);
    free(x.rids);
    for (int j = 0; j < x.nrels; j++)
        free(x.rels[j].id), free(x.rels[j].target);
    free(x.rels);
    for (int i = 0; i < x.nfmts; i++)
        free(x.fmt_codes[i]);
    free(x.fmt_codes);
    free(x.fmt_ids);
    return rc;
}

/* ---- .ods: the sheets' names, from content.xml's tables (a pass that keeps nothing else) */

struct ods_list {
    struct ctg_wb *wb;
    int depth; /* of nested tables */
};

static void ods_list_start(void *data, const XML_Char *name, const XML_Char **atts)
{
    struct ods_list *o = data;
    if (!is_ns(name, ODS_TABLE, "table"))
        return;
    if (o->depth++ == 0 && o->wb->nsheets < 4096)
        add_sheet(o->wb, attr_ns(atts, ODS_TABLE, "name"));
}

static void ods_list_end(void *data, const XML_Char *name)
{
    struct ods_list *o = data;
    if (is_ns(name, ODS_TABLE, "table"))
        o->depth--;
}

static int open_ods(struct ctg_wb *wb)
{
    struct ods_list o = {.wb = wb};
    return parse_part(wb, "content.xml", 0, &o, ods_list_start, ods_list_end, NULL);
}

/* ---------------------------------------------------------------- opening */

static struct ctg_wb *wb_new(const char *name)
{
    size_t n = strlen(name);
    struct ctg_wb *wb = calloc(1, sizeof *wb + n + 1);
    if (!wb)
        return NULL;
    memcpy(wb->name, name, n + 1);
    wb->selected = -1;
    wb->read_ahead = 1;
    return wb;
}

/* An OLE compound file (CFB): an encrypted OOXML workbook holds an "EncryptionInfo" stream,
 * named in UTF-16LE in the directory; an old .xls does not. */
static int cfb_has_encryption(const unsigned char *data, size_t len)
{
    static const char name[] = "E\0n\0c\0r\0y\0p\0t\0i\0o\0n\0I\0n\0f\0o\0";
    size_t n = sizeof name - 1;
    for (size_t i = 0; i + n <= len; i++)
        if (data[i] == 'E' && memcmp(data + i, name, n) == 0)
            return 1;
    return 0;
}

static const unsigned char CFB_MAGIC[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

/* Words for what a zip archive that is not a workbook holds. */
static void not_a_workbook(struct ctg_wb *wb)
{
    if (zip_name_locate(wb->zip, "word/document.xml", 0) >= 0)
        fail(wb, CTG_WB_E_NOT_WORKBOOK, "a Word document (.docx), not a workbook");
    else if (zip_name_locate(wb->zip, "ppt/presentation.xml", 0) >= 0)
        fail(wb, CTG_WB_E_NOT_WORKBOOK, "a PowerPoint presentation (.pptx), not a workbook");
    else if (zip_name_locate(wb->zip, "content.xml", 0) >= 0)
        fail(wb, CTG_WB_E_NOT_WORKBOOK, "an OpenDocument file that is not a spreadsheet");
    else {
        zip_int64_t n = zip_get_num_entries(wb->zip, 0);
        const char *first = n > 0 ? zip_get_name(wb->zip, 0, 0) : NULL;
        fail(wb, CTG_WB_E_NOT_WORKBOOK, "a zip archive of %lld files (%s…), not a workbook",
             (long long)n, first ? first : "");
    }
}

/* The mimetype entry of an OpenDocument file says which kind it is. */
static int ods_mimetype(struct ctg_wb *wb)
{
    zip_file_t *zf = zip_fopen(wb->zip, "mimetype", 0);
    if (!zf)
        return 0;
    char buf[128] = "";
    zip_int64_t n = zip_fread(zf, buf, sizeof buf - 1);
    zip_fclose(zf);
    if (n < 0)
        return 0;
    buf[n] = '\0';
    return strstr(buf, "opendocument.spreadsheet") != NULL;
}

static const unsigned char ZIP_MAGIC[4] = {'P', 'K', 3, 4};

/* zip_local: the file starts as a zip archive does (then an archive libzip cannot open is
 * damaged or cut short, not something else). */
static struct ctg_wb *finish_open(struct ctg_wb *wb, zip_t *zip, int zerr, int zip_local,
                                  enum ctg_wb_error *code, char *err, size_t err_len)
{
    if (zip && !zip_local) {
        /* every .xlsx and .ods starts with a zip entry: an empty file or text that libzip
         * would take for an empty archive is not one */
        zip_discard(zip); /* with the source it owns */
        wb->src = NULL;
        zip = NULL;
        zerr = ZIP_ER_NOZIP;
    }
    if (!zip) {
        if (zerr == ZIP_ER_NOZIP && zip_local)
            fail(wb, CTG_WB_E_CORRUPT, "a damaged or truncated workbook (the zip archive's "
                                       "directory is missing)");
        else if (zerr == ZIP_ER_NOZIP)
            fail(wb, CTG_WB_E_NOT_ZIP, "not a workbook (neither .xlsx nor .ods: not a zip archive)");
        else if (zerr == ZIP_ER_OPEN || zerr == ZIP_ER_READ || zerr == ZIP_ER_NOENT)
            fail(wb, CTG_WB_E_OPEN, "cannot open: %s", strerror(errno ? errno : EIO));
        else if (zerr == ZIP_ER_MEMORY)
            fail(wb, CTG_WB_E_MEMORY, "out of memory");
        else {
            zip_error_t ze;
            zip_error_init_with_code(&ze, zerr);
            fail(wb, CTG_WB_E_CORRUPT, "a damaged or truncated workbook (%s)", zip_error_strerror(&ze));
            zip_error_fini(&ze);
        }
    } else {
        wb->zip = zip;
        wb->src = NULL; /* the archive owns it now */
        int rc;
        if (zip_name_locate(zip, "xl/workbook.xml", 0) >= 0) {
            wb->format = CTG_WB_XLSX;
            rc = open_xlsx(wb);
        } else if (zip_name_locate(zip, "content.xml", 0) >= 0 && ods_mimetype(wb)) {
            wb->format = CTG_WB_ODS;
            rc = open_ods(wb);
        } else {
            not_a_workbook(wb);
            rc = -1;
        }
        if (rc == 0 && wb->nsheets == 0)
            fail(wb, CTG_WB_E_NO_SHEET, "the workbook has no sheet");
    }
    if (wb->code == CTG_WB_OK)
        return wb;
    if (code)
        *code = wb->code;
    if (err && err_len)
        snprintf(err, err_len, "%s", wb->err);
    ctg_wb_close(wb);
    return NULL;
}

static struct ctg_wb *open_failed(const char *name, enum ctg_wb_error c, const char *what,
                                  enum ctg_wb_error *code, char *err, size_t err_len)
{
    if (code)
        *code = c;
    if (err && err_len)
        snprintf(err, err_len, "%s: %s", name, what);
    return NULL;
}

#define ENCRYPTED_WORDS "an encrypted workbook: save it without a password"
#define XLS_WORDS "an old Excel workbook (.xls): save it as .xlsx"

struct ctg_wb *ctg_wb_open(const char *path, enum ctg_wb_error *code, char *err, size_t err_len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        char why[256];
        snprintf(why, sizeof why, "cannot open: %s", strerror(errno));
        return open_failed(path, CTG_WB_E_OPEN, why, code, err, err_len);
    }
    unsigned char magic[8] = {0};
    size_t got = fread(magic, 1, sizeof magic, fp);
    if (got == sizeof magic && memcmp(magic, CFB_MAGIC, 8) == 0) {
        /* the directory sits anywhere in the container: look through it all, in pieces
         * that overlap by the name's length */
        unsigned char *buf = malloc(WB_CHUNK + 32);
        int encrypted = 0;
        size_t keep = 0, n;
        rewind(fp);
        while (buf && !encrypted && (n = fread(buf + keep, 1, WB_CHUNK, fp)) > 0) {
            size_t have = keep + n;
            encrypted = cfb_has_encryption(buf, have);
            keep = have < 32 ? have : 32;
            memmove(buf, buf + have - keep, keep);
        }
        free(buf);
        fclose(fp);
        return open_failed(path, encrypted ? CTG_WB_E_ENCRYPTED : CTG_WB_E_XLS,
                           encrypted ? ENCRYPTED_WORDS : XLS_WORDS, code, err, err_len);
    }
    fclose(fp);
    struct ctg_wb *wb = wb_new(path);
    if (!wb)
        return open_failed(path, CTG_WB_E_MEMORY, "out of memory", code, err, err_len);
    int zerr = 0;
    errno = 0;
    zip_t *zip = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
    return finish_open(wb, zip, zerr, got >= 4 && memcmp(magic, ZIP_MAGIC, 4) == 0, code, err,
                       err_len);
}

struct ctg_wb *ctg_wb_open_buffer(const char *name, const void *data, size_t len,
                                  enum ctg_wb_error *code, char *err, size_t err_len)
{
    if (len >= 8 && memcmp(data, CFB_MAGIC, 8) == 0) {
        int encrypted = cfb_has_encryption(data, len);
        return open_failed(name, encrypted ? CTG_WB_E_ENCRYPTED : CTG_WB_E_XLS,
                           encrypted ? ENCRYPTED_WORDS : XLS_WORDS, code, err, err_len);
    }
    struct ctg_wb *wb = wb_new(name);
    if (!wb)
        return open_failed(name, CTG_WB_E_MEMORY, "out of memory", code, err, err_len);
    zip_error_t ze;
    zip_error_init(&ze);
    wb->src = zip_source_buffer_create(len ? data : "", len, 0, &ze);
    zip_t *zip = NULL;
    int zerr = ZIP_ER_MEMORY;
    if (wb->src) {
        zip = zip_open_from_source(wb->src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
        zerr = zip_error_code_zip(&ze);
        if (!zip) {
            zip_source_free(wb->src);
            wb->src = NULL;
        }
    }
    zip_error_fini(&ze);
    return finish_open(wb, zip, zerr, len >= 4 && memcmp(data, ZIP_MAGIC, 4) == 0, code, err,
                       err_len);
}

/* ---------------------------------------------------------------- rows */

/* The cell at column col of the row being built (columns before it empty). */
static struct pcell *cell_at(struct ctg_wb *wb, long col)
{
    if (col < 1 || col > CTG_WB_MAX_COLS) {
        fail(wb, CTG_WB_E_LIMIT, "a cell beyond column %ld", CTG_WB_MAX_COLS);
        return NULL;
    }
    size_t need = (size_t)col;
    if (need > wb->cells_cap) {
        size_t cap = wb->cells_cap ? wb->cells_cap : 16;
        while (cap < need)
            cap *= 2;
        struct pcell *c = realloc(wb->cells, sizeof *c * cap);
        if (!c) {
            fail(wb, CTG_WB_E_MEMORY, "out of memory");
            return NULL;
        }
        wb->cells = c;
        wb->cells_cap = cap;
    }
    while (wb->ncells < need)
        wb->cells[wb->ncells++] = (struct pcell){.type = CTG_WB_EMPTY};
    return &wb->cells[col - 1];
}

static void start_row(struct ctg_wb *wb, long number)
{
    wb->ncells = 0;
    wb->text_len = 0;
    wb->row = number;
    wb->next_col = 1;
}

/* The row is whole: give it to ctg_wb_next (the parser stops after this handler). */
static void end_row(struct ctg_wb *wb)
{
    while (wb->ncells > 0 && wb->cells[wb->ncells - 1].type == CTG_WB_EMPTY)
        wb->ncells--;
    if (wb->ncells == 0)
        return;
    if (wb->row > CTG_WB_MAX_ROWS) {
        fail(wb, CTG_WB_E_LIMIT, "a row beyond row %ld", CTG_WB_MAX_ROWS);
        XML_StopParser(wb->parser, XML_FALSE);
        return;
    }
    wb->row_ready = 1;
    XML_StopParser(wb->parser, XML_TRUE);
}

/* Store a value whose text is at off in the text buffer. */
static void set_cell(struct ctg_wb *wb, long col, enum ctg_wb_type type, double number,
                     size_t off, size_t len)
{
    struct pcell *c = cell_at(wb, col);
    if (!c) {
        XML_StopParser(wb->parser, XML_FALSE);
        return;
    }
    c->type = type;
    c->number = number;
    c->off = off;
    c->len = len;
    c->ext = NULL;
    c->sst = 0;
}

/* Append text as the cell's own (a date, a formula) and store it. */
static void set_cell_text(struct ctg_wb *wb, long col, enum ctg_wb_type type, double number,
                          const char *s, size_t n)
{
    size_t off = wb->text_len;
    if (text_append(wb, s, n) == 0 && text_append(wb, "", 0) == 0) {
        wb->text_len++; /* keep the NUL: the next text starts after it */
        set_cell(wb, col, type, number, off, n);
    } else {
        XML_StopParser(wb->parser, XML_FALSE);
    }
}

/* ---- .xlsx sheet
 *
 * These handlers run for every element of the sheet, a few hundred thousand times for a
 * sheet of 50 000 rows: names are told apart by their first letters rather than by strcmp,
 * the cell's attributes are looked at once, and the common forms of numbers ("30", "0.316",
 * "45366") are read without strtol or strtod, falling back to them for everything else so
 * that every value reads as it always did. */

/* A worksheet element's or attribute's local name: "c" or "x:c" (the sheet is parsed without
 * namespace processing; ':' cannot end a name). */
static const char *sheet_local(const char *name)
{
    const char *local = name;
    for (const char *p = name; *p; p++)
        if (*p == ':')
            local = p + 1;
    return local;
}

/* Whether s is the name n; ONE(s, c) for the one-letter names of cells (c, v, t, f, r). */
#define NAME_IS(s, n) (strcmp((s), (n)) == 0)
#define ONE(s, c) ((s)[0] == (c) && (s)[1] == '\0')

/* "123" → 123: a string of 1 to 9 digits and nothing else, the form nearly every index,
 * style and row number has; -1 for anything else (the caller then asks strtol). */
static long plain_digits(const char *s)
{
    long v = 0;
    int n = 0;
    for (; *s >= '0' && *s <= '9'; s++, n++) {
        if (n == 9)
            return -1;
        v = v * 10 + (*s - '0');
    }
    return n > 0 && *s == '\0' ? v : -1;
}

/* A cell's style index as strtol(s, NULL, 10) reads it (garbage is 0, "1x" is 1). */
static long style_index(const char *s)
{
    if (!s)
        return 0;
    long v = plain_digits(s);
    return v >= 0 ? v : strtol(s, NULL, 10);
}

/* A number as parse_double reads it. "-12", "0.316": at most 15 significant digits and 22
 * decimals, both the integer and the power of ten exact in a double, so one division rounds
 * correctly, to the very double strtod gives (Clinger's fast path); anything else (spaces,
 * exponents, long mantissas, "+") goes to parse_double. */
static int cell_number(const char *s, double *out)
{
    static const double pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                   1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                   1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    const char *p = s;
    int neg = *p == '-';
    p += neg;
    long long m = 0;
    int digits = 0, decimals = -1;
    for (;; p++) {
        if (*p >= '0' && *p <= '9') {
            if (digits == 15)
                return parse_double(s, out);
            m = m * 10 + (*p - '0');
            if (m)
                digits++; /* leading zeros are not significant */
            if (decimals >= 0 && ++decimals > 22)
                return parse_double(s, out);
        } else if (*p == '.' && decimals < 0) {
            decimals = 0;
        } else {
            break;
        }
    }
    /* at least one digit, before or after the point; nothing after */
    if (*p != '\0' || p == s + neg || (decimals >= 0 && p == s + neg + 1))
        return parse_double(s, out);
    double d = (double)m;
    if (decimals > 0)
        d /= pow10[decimals];
    *out = neg ? -d : d;
    return 1;
}

static enum xlsx_t xlsx_type(const char *t)
{
    if (!t)
        return XT_NUMBER;
    switch (t[0]) {
    case 's': return t[1] == '\0' ? XT_SHARED : NAME_IS(t, "str") ? XT_STR : XT_NUMBER;
    case 'i': return NAME_IS(t, "inlineStr") ? XT_INLINE : XT_NUMBER;
    case 'b': return t[1] == '\0' ? XT_BOOL : XT_NUMBER;
    case 'e': return t[1] == '\0' ? XT_ERROR : XT_NUMBER;
    case 'd': return t[1] == '\0' ? XT_DATE : XT_NUMBER;
    default: return XT_NUMBER;
    }
}

/* <c r="C17" s="3" t="s">: the column, the style and the type, in one pass over the
 * attributes (the first of each name counts, as attr() would have it). */
static void xlsx_cell_start(struct ctg_wb *wb, const char **atts)
{
    const char *ref = NULL, *style = NULL, *type = NULL;
    for (int i = 0; atts[i]; i += 2) {
        const char *a = atts[i][1] == '\0' ? atts[i] : sheet_local(atts[i]);
        if (a[0] == '\0' || a[1] != '\0')
            continue;
        if (a[0] == 'r' && !ref)
            ref = atts[i + 1];
        else if (a[0] == 's' && !style)
            style = atts[i + 1];
        else if (a[0] == 't' && !type)
            type = atts[i + 1];
    }
    long col = ref ? column_of_ref(ref, NULL) : 0;
    wb->col = col ? col : wb->next_col;
    wb->next_col = wb->col + 1;
    wb->cell_t = xlsx_type(type);
    wb->cell_style = style_index(style);
    wb->in_cell = 1;
    wb->val_off = wb->text_len;
    wb->skip_depth = 0;
    wb->has_formula = 0;
}

static void xlsx_start(void *data, const XML_Char *name, const XML_Char **atts)
{
    struct ctg_wb *wb = data;
    const char *local = name[1] == '\0' ? name : sheet_local(name);
    if (wb->in_cell) {
        if (ONE(local, 'v') || ONE(local, 't')) {
            wb->collect = 1;
        } else if (ONE(local, 'f')) {
            wb->formula_off = wb->text_len;
            wb->collect = 1;
        } else if (NAME_IS(local, "rPh")) {
            wb->skip_depth++;
        }
        return;
    }
    if (ONE(local, 'c')) {
        xlsx_cell_start(wb, atts);
    } else if (local[0] == 'r' && NAME_IS(local, "row")) {
        const char *ref = NULL;
        for (int i = 0; atts[i] && !ref; i += 2)
            if (ONE(atts[i][1] == '\0' ? atts[i] : sheet_local(atts[i]), 'r'))
                ref = atts[i + 1];
        long r = ref ? plain_digits(ref) : -1;
        if (r < 1)
            r = positive(ref, wb->next_row);
        start_row(wb, r);
        wb->next_row = r + 1;
    }
}

/* A formula without its cached value (written by a library that does not compute, such as
 * openpyxl): an error cell "=FORMULA", never an empty cell that would hide it. */
static void xlsx_uncomputed(struct ctg_wb *wb)
{
    size_t n = wb->formula_len;
    char *copy = malloc(n + 2);
    if (!copy) {
        fail(wb, CTG_WB_E_MEMORY, "out of memory");
        XML_StopParser(wb->parser, XML_FALSE);
        return;
    }
    copy[0] = '=';
    memcpy(copy + 1, wb->text + wb->formula_off, n);
    copy[n + 1] = '\0';
    wb->text_len = wb->formula_off;
    set_cell_text(wb, wb->col, CTG_WB_ERROR, 0, copy, n + 1);
    free(copy);
}

/* <c t="s"><v>17</v>: the shared string 17, pointed at in the arena, not copied. */
static void xlsx_shared(struct ctg_wb *wb, const char *v)
{
    long i = plain_digits(v);
    if (i < 0) {
        char *end;
        i = strtol(v, &end, 10);
        if (end == v || *end)
            i = -1;
    }
    if (i < 0 || (size_t)i >= wb->nsst) {
        fail(wb, CTG_WB_E_XML, "a shared string index out of range (%s)", v);
        XML_StopParser(wb->parser, XML_FALSE);
        return;
    }
    struct pcell *c = cell_at(wb, wb->col);
    if (!c) {
        XML_StopParser(wb->parser, XML_FALSE);
        return;
    }
    c->type = CTG_WB_TEXT;
    c->number = 0;
    c->off = 0;
    c->len = wb->sst_len[i];
    c->ext = wb->sst_text + wb->sst_off[i];
    c->sst = i + 1;
}

static void xlsx_cell(struct ctg_wb *wb)
{
    size_t off = wb->val_off, len = wb->text_len - off;
    const char *v = wb->text ? wb->text + off : "";
    enum xlsx_t t = wb->cell_t;
    if (len == 0 && wb->has_formula && t != XT_STR) {
        xlsx_uncomputed(wb);
        return;
    }
    if (len == 0 && t != XT_INLINE && t != XT_STR) {
        wb->text_len = off; /* no value: an empty (perhaps styled) cell */
        return;
    }
    if (text_append(wb, "", 0))
        return;
    wb->text_len++; /* the value's NUL stays */
    v = wb->text + off; /* the buffer may have moved */
    switch (t) {
    case XT_SHARED:
        xlsx_shared(wb, v);
        wb->text_len = off;
        break;
    case XT_STR:
    case XT_INLINE:
        set_cell(wb, wb->col, CTG_WB_TEXT, 0, off, len);
        break;
    case XT_BOOL:
        set_cell(wb, wb->col, CTG_WB_BOOL, strcmp(v, "1") == 0 || strcmp(v, "true") == 0, off, len);
        break;
    case XT_ERROR:
        set_cell(wb, wb->col, CTG_WB_ERROR, 0, off, len);
        break;
    case XT_DATE:
        set_cell(wb, wb->col, CTG_WB_DATE, 0, off, len);
        break;
    case XT_NUMBER: {
        double d;
        if (!cell_number(v, &d)) {
            fail(wb, CTG_WB_E_XML, "a number cell holds '%.40s'", v);
            XML_StopParser(wb->parser, XML_FALSE);
            return;
        }
        char iso[40];
        if (wb->cell_style >= 0 && (size_t)wb->cell_style < wb->nxf && wb->xf_date[wb->cell_style] &&
            ctg_wb_serial_date(d, wb->date1904, iso, sizeof iso)) {
            wb->text_len = off;
            set_cell_text(wb, wb->col, CTG_WB_DATE, d, iso, strlen(iso));
        } else {
            set_cell(wb, wb->col, CTG_WB_NUMBER, d, off, len);
        }
        break;
    }
    }
}

static void xlsx_end(void *data, const XML_Char *name)
{
    struct ctg_wb *wb = data;
    const char *local = name[1] == '\0' ? name : sheet_local(name);
    if (wb->in_cell) {
        if (ONE(local, 'v') || ONE(local, 't')) {
            wb->collect = 0;
        } else if (ONE(local, 'c')) {
            wb->in_cell = 0;
            xlsx_cell(wb);
        } else if (ONE(local, 'f')) {
            /* the value, if any, comes after the formula */
            wb->collect = 0;
            wb->has_formula = 1;
            wb->formula_len = wb->text_len - wb->formula_off;
            if (text_append(wb, "", 0) == 0)
                wb->text_len++;
            wb->val_off = wb->text_len;
        } else if (NAME_IS(local, "rPh")) {
            wb->skip_depth--;
        }
        return;
    }
    if (local[0] == 'r' && NAME_IS(local, "row"))
        end_row(wb);
    else if (NAME_IS(local, "sheetData"))
        wb->done = 1;
}

/* ---- .ods sheet */

/* <table:table-cell …>: where it starts, the columns it spans, its value's attributes. */
static void ods_cell_start(struct ctg_wb *wb, const char **atts)
{
    wb->in_cell = 1;
    wb->col = wb->next_col;
    wb->val_off = wb->text_len;
    wb->paragraphs = 0;
    wb->skip_depth = 0;
    /* the attributes read, in one pass (the first of each name counts) */
    const char *repeat = NULL, *vtype = NULL, *calc_type = NULL, *value = NULL, *date = NULL,
               *boolean = NULL, *time = NULL, *sv = NULL;
    for (int i = 0; atts[i]; i += 2) {
        const char *local, *v = atts[i + 1];
        enum ods_ns ns = ods_ns(atts[i], &local);
        if (ns == ODS_OFFICE) {
            if (!vtype && strcmp(local, "value-type") == 0)
                vtype = v;
            else if (!value && strcmp(local, "value") == 0)
                value = v;
            else if (!date && strcmp(local, "date-value") == 0)
                date = v;
            else if (!boolean && strcmp(local, "boolean-value") == 0)
                boolean = v;
            else if (!time && strcmp(local, "time-value") == 0)
                time = v;
            else if (!sv && strcmp(local, "string-value") == 0)
                sv = v;
        } else if (ns == ODS_CALCEXT) {
            if (!calc_type && strcmp(local, "value-type") == 0)
                calc_type = v;
        } else if (ns == ODS_TABLE) {
            if (!repeat && strcmp(local, "number-columns-repeated") == 0)
                repeat = v;
        }
    }
    wb->col_repeat = positive(repeat, 1);
    copy_attr(wb->vtype, sizeof wb->vtype, vtype);
    copy_attr(wb->calc_type, sizeof wb->calc_type, calc_type);
    copy_attr(wb->value, sizeof wb->value, value);
    copy_attr(wb->date_value, sizeof wb->date_value, date);
    copy_attr(wb->bool_value, sizeof wb->bool_value, boolean);
    copy_attr(wb->time_value, sizeof wb->time_value, time);
    wb->has_string_value = sv != NULL;
    if (sv) {
        /* kept before the cell's paragraphs, which it replaces */
        wb->string_value_off = wb->text_len;
        wb->string_value_len = strlen(sv);
        text_append(wb, sv, wb->string_value_len);
        text_append(wb, "", 0);
        wb->text_len++;
        wb->val_off = wb->text_len;
    }
}

static void ods_start(void *data, const XML_Char *name, const XML_Char **atts)
{
    struct ctg_wb *wb = data;
    const char *local;
    enum ods_ns ns = ods_ns(name, &local);
    if ((ns == ODS_TABLE && strcmp(local, "table") == 0)) {
        if (wb->table_depth++ == 0 && wb->table_index++ == wb->selected)
            wb->in_table = 1;
        return;
    }
    if (!wb->in_table || wb->table_depth != 1)
        return;
    if (wb->in_cell) {
        if ((ns == ODS_OFFICE && strcmp(local, "annotation") == 0)) {
            wb->skip_depth++;
        } else if (wb->skip_depth) {
            return;
        } else if ((ns == ODS_TEXT && strcmp(local, "p") == 0)) {
            if (wb->paragraphs++ > 0)
                text_append(wb, "\n", 1);
            wb->collect = 1;
        } else if ((ns == ODS_TEXT && strcmp(local, "s") == 0) && wb->collect) {
            long n = positive(attr_ns(atts, ODS_TEXT, "c"), 1);
            for (long i = 0; i < n && i < 1024; i++)
                text_append(wb, " ", 1);
        } else if ((ns == ODS_TEXT && strcmp(local, "tab") == 0) && wb->collect) {
            text_append(wb, "\t", 1);
        } else if ((ns == ODS_TEXT && strcmp(local, "line-break") == 0) && wb->collect) {
            text_append(wb, "\n", 1);
        }
        return;
    }
    if ((ns == ODS_TABLE && strcmp(local, "table-row") == 0)) {
        start_row(wb, wb->next_row);
        wb->row_repeat = positive(attr_ns(atts, ODS_TABLE, "number-rows-repeated"), 1);
    } else if (ns == ODS_TABLE &&
               (strcmp(local, "table-cell") == 0 || strcmp(local, "covered-table-cell") == 0)) {
        ods_cell_start(wb, atts);
    }
}

/* "2023-05-12T00:00:00" → "2023-05-12": a date without its time of day when it is midnight. */
static size_t trim_midnight(char *s)
{
    size_t n = strlen(s);
    const char *t = strchr(s, 'T');
    if (t && (strcmp(t, "T00:00:00") == 0 || strcmp(t, "T00:00:00.000") == 0 || strcmp(t, "T00:00") == 0))
        n = (size_t)(t - s), s[n] = '\0';
    return n;
}

/* "PT12H30M00S" → "12:30:00" */
static void ods_time(const char *v, char *buf, size_t size)
{
    long h = 0, m = 0;
    double s = 0;
    if (sscanf(v, "PT%ldH%ldM%lfS", &h, &m, &s) == 3)
        snprintf(buf, size, "%02ld:%02ld:%02ld", h, m, (long)s);
    else
        snprintf(buf, size, "%s", v);
}

static void ods_cell(struct ctg_wb *wb)
{
    size_t off = wb->val_off, len = wb->text_len - off;
    long col = wb->col, repeat = wb->col_repeat;
    wb->next_col = col + repeat > CTG_WB_MAX_COLS + 1 ? CTG_WB_MAX_COLS + 1 : col + repeat;
    enum ctg_wb_type type = CTG_WB_EMPTY;
    double number = 0;
    char buf[64];
    const char *s = NULL;
    size_t n = 0;
    if (strcmp(wb->calc_type, "error") == 0) {
        type = CTG_WB_ERROR;
    } else if (strcmp(wb->vtype, "boolean") == 0 || strcmp(wb->calc_type, "boolean") == 0) {
        /* LibreOffice writes booleans as floats 0 and 1 with calcext:value-type="boolean" */
        type = CTG_WB_BOOL;
        number = strcmp(wb->bool_value, "true") == 0 ||
                 (wb->bool_value[0] == '\0' && strcmp(wb->value, "0") != 0 && wb->value[0]);
    } else if (strcmp(wb->vtype, "float") == 0 || strcmp(wb->vtype, "percentage") == 0 ||
               strcmp(wb->vtype, "currency") == 0) {
        if (!parse_double(wb->value, &number)) {
            fail(wb, CTG_WB_E_XML, "a number cell holds '%.40s'", wb->value);
            XML_StopParser(wb->parser, XML_FALSE);
            return;
        }
        type = CTG_WB_NUMBER;
    } else if (strcmp(wb->vtype, "date") == 0) {
        type = CTG_WB_DATE;
        snprintf(buf, sizeof buf, "%s", wb->date_value);
        n = trim_midnight(buf);
        s = buf;
    } else if (strcmp(wb->vtype, "time") == 0) {
        type = CTG_WB_TEXT;
        ods_time(wb->time_value, buf, sizeof buf);
        s = buf, n = strlen(buf);
    } else if (strcmp(wb->vtype, "boolean") == 0) {
        type = CTG_WB_BOOL;
        number = strcmp(wb->bool_value, "true") == 0;
    } else if (strcmp(wb->vtype, "string") == 0) {
        type = CTG_WB_TEXT;
        if (wb->has_string_value)
            off = wb->string_value_off, len = wb->string_value_len;
    }
    if (type == CTG_WB_EMPTY)
        return; /* the columns it spans stay empty */
    if (s) {
        wb->text_len = wb->val_off;
        if (text_append(wb, s, n))
            return;
        off = wb->val_off, len = n;
    }
    if (text_append(wb, "", 0))
        return;
    wb->text_len++;
    if (col + repeat - 1 > CTG_WB_MAX_COLS) {
        fail(wb, CTG_WB_E_LIMIT, "a cell beyond column %ld", CTG_WB_MAX_COLS);
        XML_StopParser(wb->parser, XML_FALSE);
        return;
    }
    for (long i = 0; i < repeat && wb->code == CTG_WB_OK; i++)
        set_cell(wb, col + i, type, number, off, len);
}

static void ods_end(void *data, const XML_Char *name)
{
    struct ctg_wb *wb = data;
    const char *local;
    enum ods_ns ns = ods_ns(name, &local);
    if ((ns == ODS_TABLE && strcmp(local, "table") == 0)) {
        if (--wb->table_depth == 0 && wb->in_table) {
            wb->in_table = 0;
            wb->done = 1;
            XML_StopParser(wb->parser, XML_FALSE); /* the rest of the file is other sheets */
        }
        return;
    }
    if (!wb->in_table || wb->table_depth != 1)
        return;
    if (wb->in_cell) {
        if ((ns == ODS_OFFICE && strcmp(local, "annotation") == 0))
            wb->skip_depth--;
        else if ((ns == ODS_TEXT && strcmp(local, "p") == 0))
            wb->collect = 0;
        else if ((ns == ODS_TABLE && strcmp(local, "table-cell") == 0) || (ns == ODS_TABLE && strcmp(local, "covered-table-cell") == 0)) {
            wb->in_cell = 0;
            wb->collect = 0;
            ods_cell(wb);
        }
        return;
    }
    if ((ns == ODS_TABLE && strcmp(local, "table-row") == 0)) {
        long repeat = wb->row_repeat;
        wb->next_row = wb->row + (repeat > CTG_WB_MAX_ROWS ? CTG_WB_MAX_ROWS : repeat);
        end_row(wb);
        if (wb->row_ready) {
            if (repeat > WB_MAX_REPEAT_EMITTED)
                repeat = WB_MAX_REPEAT_EMITTED;
            wb->repeat_left = repeat - 1;
        }
    }
}

/* ---------------------------------------------------------------- the sheet stream */

static void ahead_stop(struct ctg_wb *wb);
static void ahead_start(struct ctg_wb *wb);

static void close_stream(struct ctg_wb *wb)
{
    ahead_stop(wb);
    if (wb->parser)
        XML_ParserFree(wb->parser);
    wb->parser = NULL;
    if (wb->zf)
        zip_fclose(wb->zf);
    wb->zf = NULL;
}

int ctg_wb_select(struct ctg_wb *wb, int index)
{
    close_stream(wb);
    if (wb->code != CTG_WB_OK)
        return -1;
    if (index < 0 || index >= wb->nsheets)
        return fail(wb, CTG_WB_E_NO_SHEET, "no sheet number %d", index + 1);
    const char *part = wb->format == CTG_WB_XLSX ? wb->sheets[index].part : "content.xml";
    if (!part)
        return fail(wb, CTG_WB_E_CORRUPT, "the sheet '%s' has no part in the archive",
                    wb->sheets[index].name);
    zip_stat_t st;
    zip_stat_init(&st);
    wb->ztotal = zip_stat(wb->zip, part, 0, &st) == 0 && (st.valid & ZIP_STAT_COMP_SIZE)
                     ? (long long)st.comp_size : 0;
    wb->zf = zip_fopen(wb->zip, part, 0);
    if (!wb->zf)
        return fail(wb, CTG_WB_E_CORRUPT, "cannot read %s: %s", part,
                    zip_error_strerror(zip_get_error(wb->zip)));
    /* A worksheet's elements have their own names (c, row, v…): read without namespace
     * processing, which costs a third of the parse, by their local names. An .ods sheet
     * mixes vocabularies (office:value-type, calcext:value-type): namespaces decide there. */
    wb->parser = wb->format == CTG_WB_XLSX ? XML_ParserCreate(NULL) : XML_ParserCreateNS(NULL, '|');
    if (!wb->parser)
        return fail(wb, CTG_WB_E_MEMORY, "out of memory");
    XML_SetUserData(wb->parser, wb);
    if (wb->format == CTG_WB_XLSX)
        XML_SetElementHandler(wb->parser, xlsx_start, xlsx_end);
    else
        XML_SetElementHandler(wb->parser, ods_start, ods_end);
    XML_SetCharacterDataHandler(wb->parser, on_chars);
    wb->selected = index;
    wb->suspended = wb->eof = wb->done = wb->row_ready = 0;
    wb->repeat_left = 0;
    wb->in_cell = wb->collect = wb->skip_depth = 0;
    wb->table_index = wb->in_table = wb->table_depth = 0;
    wb->next_row = 1;
    wb->zdone = 0;
    start_row(wb, 1);
    ahead_start(wb);
    return 0;
}

/* Cells into the caller's view: texts at their offsets in text, or where ext says. */
static int give_row(struct ctg_wb *wb, const struct pcell *pc, size_t n, const char *text,
                    long number, long *row, size_t *ncells, const struct ctg_wb_cell **cells)
{
    if (n > wb->out_cap) {
        struct ctg_wb_cell *o = realloc(wb->out, sizeof *o * n);
        if (!o) {
            ahead_stop(wb); /* wb->code is the caller's again */
            return fail(wb, CTG_WB_E_MEMORY, "out of memory");
        }
        wb->out = o;
        wb->out_cap = n;
    }
    for (size_t i = 0; i < n; i++) {
        const struct pcell *c = &pc[i];
        wb->out[i].type = c->type;
        wb->out[i].number = c->number;
        int has_text = c->type == CTG_WB_TEXT || c->type == CTG_WB_DATE || c->type == CTG_WB_ERROR;
        wb->out[i].text = !has_text ? "" : c->ext ? c->ext : text ? text + c->off : "";
        wb->out[i].len = has_text ? c->len : 0;
        wb->out[i].shared = c->sst - 1;
    }
    if (row)
        *row = number;
    if (ncells)
        *ncells = n;
    if (cells)
        *cells = wb->out;
    return 1;
}

/* Parse up to the next row with a value: 1 and the row in wb->cells, wb->text, wb->row (and
 * wb->repeat_left, the times an .ods row is given again); 0 at the end; -1 on error. */
static int parse_row(struct ctg_wb *wb)
{
    for (;;) {
        if (wb->done && !wb->suspended)
            return 0;
        enum XML_Status st;
        if (wb->suspended) {
            wb->suspended = 0;
            st = XML_ResumeParser(wb->parser);
        } else if (wb->eof) {
            wb->done = 1;
            return 0;
        } else {
            /* inflated straight into expat's own buffer: no copy */
            void *buf = XML_GetBuffer(wb->parser, WB_CHUNK);
            if (!buf)
                return fail(wb, CTG_WB_E_MEMORY, "out of memory");
            zip_int64_t n = zip_fread(wb->zf, buf, WB_CHUNK);
            if (n < 0)
                return fail(wb, CTG_WB_E_CORRUPT, "a damaged or truncated workbook (%s)",
                            zip_error_strerror(zip_file_get_error(wb->zf)));
            wb->zdone += n;
            wb->eof = n == 0;
            st = XML_ParseBuffer(wb->parser, (int)n, n == 0);
        }
        if (wb->code != CTG_WB_OK)
            return -1;
        if (st == XML_STATUS_ERROR) {
            if (XML_GetErrorCode(wb->parser) == XML_ERROR_ABORTED && wb->done)
                return 0; /* stopped at the end of the .ods sheet */
            return fail(wb, CTG_WB_E_XML, "the sheet's XML is damaged after row %ld (line %lu: %s)",
                        wb->row, (unsigned long)XML_GetCurrentLineNumber(wb->parser),
                        XML_ErrorString(XML_GetErrorCode(wb->parser)));
        }
        if (st == XML_STATUS_SUSPENDED)
            wb->suspended = 1;
        if (wb->row_ready) {
            wb->row_ready = 0;
            return 1;
        }
    }
}

/* ---- reading ahead
 *
 * Inflating and parsing the sheet (zlib and expat: two thirds of an import's time) run in a
 * thread of their own while the caller judges and stores the rows before: the thread copies
 * rows into batches, a few batches ahead at most (memory stays bounded), and the caller takes
 * them in order. Nothing the caller sees changes: the same rows, the same error after the
 * same last row. While the thread runs it alone touches the parser, the row being built and
 * wb->code; the caller reads wb->code only once it has joined the thread (an error the thread
 * met beyond the rows the caller took is forgotten when the sheet is left, as it would never
 * have been met). When no thread can be made, the sheet is read in the caller's thread. */

/* The caller, faster than the thread, waits for each batch: batches of 1 024 rows make 200
 * waits of 200 000 rows, not 800, each a wake-up that costs most on a busy machine (with 256,
 * the import took 1,4 times as long there, the peak 2 MB less). */
#define AHEAD_ROWS 1024           /* rows in a batch, at most */
#define AHEAD_TEXT (1L << 20)     /* a batch's text beyond which it is handed over */
#define AHEAD_BATCHES 4           /* batches handed over and not yet taken, at most */

struct batch_row {
    long number, repeat;
    size_t first, ncells; /* its cells: cells[first .. first + ncells) */
};

struct batch {
    struct batch *next;
    struct batch_row *rows;
    size_t nrows, rows_cap;
    struct pcell *cells;
    size_t ncells, cells_cap;
    char *text;
    size_t text_len, text_cap;
    long long zdone; /* compressed bytes read when it was handed over */
};

struct ahead {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    struct batch *head, *tail; /* handed over, in order */
    int queued;
    struct batch *spare;       /* taken and given back, for reuse */
    int stop;                  /* the caller leaves the sheet */
    int ended, end_rc;         /* the thread is done: 0 at the end of the sheet, -1 on error */
    /* the caller's side */
    struct batch *cur;
    size_t cur_row;
    long number, repeat_left;
    long long zdone;
};

static void batch_free(struct batch *b)
{
    while (b) {
        struct batch *next = b->next;
        free(b->rows);
        free(b->cells);
        free(b->text);
        free(b);
        b = next;
    }
}

/* Grow *p (of *cap elements of size) to hold need; 0, or -1 when memory runs out. */
static int grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap : 64;
    while (c < need)
        c *= 2;
    void *q = realloc(*p, c * size);
    if (!q)
        return -1;
    *p = q;
    *cap = c;
    return 0;
}

/* The row the parser just built, copied into the batch: its text whole, its cells' offsets
 * moved by where the text lands. */
static int batch_add(struct batch *b, struct ctg_wb *wb)
{
    if (grow((void **)&b->rows, &b->rows_cap, b->nrows + 1, sizeof *b->rows) ||
        grow((void **)&b->cells, &b->cells_cap, b->ncells + wb->ncells, sizeof *b->cells) ||
        grow((void **)&b->text, &b->text_cap, b->text_len + wb->text_len + 1, 1))
        return fail(wb, CTG_WB_E_MEMORY, "out of memory");
    size_t base = b->text_len;
    if (wb->text_len)
        memcpy(b->text + base, wb->text, wb->text_len);
    b->text_len += wb->text_len;
    for (size_t i = 0; i < wb->ncells; i++) {
        b->cells[b->ncells + i] = wb->cells[i];
        b->cells[b->ncells + i].off += base;
    }
    b->rows[b->nrows++] = (struct batch_row){.number = wb->row, .repeat = wb->repeat_left + 1,
                                             .first = b->ncells, .ncells = wb->ncells};
    b->ncells += wb->ncells;
    wb->repeat_left = 0; /* the caller gives the repeats */
    return 0;
}

/* Hand a batch over, waiting while the caller is AHEAD_BATCHES behind; 0, or -1 when the
 * caller left the sheet (the batch is then freed). */
static int hand_over(struct ahead *a, struct batch *b)
{
    pthread_mutex_lock(&a->mu);
    while (a->queued >= AHEAD_BATCHES && !a->stop)
        pthread_cond_wait(&a->cv, &a->mu);
    int stop = a->stop;
    if (!stop) {
        b->next = NULL;
        if (a->tail)
            a->tail->next = b;
        else
            a->head = b;
        a->tail = b;
        a->queued++;
        pthread_cond_broadcast(&a->cv);
    }
    pthread_mutex_unlock(&a->mu);
    if (stop)
        batch_free(b);
    return stop ? -1 : 0;
}

static void *ahead_main(void *arg)
{
    struct ctg_wb *wb = arg;
    struct ahead *a = wb->ahead;
    struct batch *b = NULL;
    int rc = 1;
    while (rc == 1) {
        if (!b) {
            pthread_mutex_lock(&a->mu);
            b = a->spare;
            if (b)
                a->spare = b->next;
            pthread_mutex_unlock(&a->mu);
            if (!b)
                b = calloc(1, sizeof *b);
            if (!b) {
                rc = fail(wb, CTG_WB_E_MEMORY, "out of memory");
                break;
            }
            b->nrows = b->ncells = b->text_len = 0;
        }
        rc = parse_row(wb);
        if (rc == 1 && batch_add(b, wb) < 0)
            rc = -1;
        if (b->nrows > 0 && (rc != 1 || b->nrows >= AHEAD_ROWS || b->text_len >= (size_t)AHEAD_TEXT)) {
            b->zdone = wb->zdone;
            if (hand_over(a, b) < 0)
                return NULL;
            b = NULL;
        }
    }
    batch_free(b);
    pthread_mutex_lock(&a->mu);
    a->ended = 1;
    a->end_rc = rc;
    pthread_cond_broadcast(&a->cv);
    pthread_mutex_unlock(&a->mu);
    return NULL;
}

static void ahead_start(struct ctg_wb *wb)
{
    if (!wb->read_ahead)
        return;
    struct ahead *a = calloc(1, sizeof *a);
    if (!a)
        return;
    if (pthread_mutex_init(&a->mu, NULL) != 0) {
        free(a);
        return;
    }
    if (pthread_cond_init(&a->cv, NULL) != 0) {
        pthread_mutex_destroy(&a->mu);
        free(a);
        return;
    }
    wb->ahead = a;
    /* signals go to the caller's thread, whose handlers expect it */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    int rc = pthread_create(&a->thread, NULL, ahead_main, wb);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (rc != 0) { /* read in the caller's thread instead: the same rows */
        wb->ahead = NULL;
        pthread_cond_destroy(&a->cv);
        pthread_mutex_destroy(&a->mu);
        free(a);
    }
}

/* The thread is done (joined): wb->code and the parser are the caller's again. */
static void ahead_join(struct ctg_wb *wb)
{
    struct ahead *a = wb->ahead;
    pthread_join(a->thread, NULL);
    batch_free(a->head);
    batch_free(a->spare);
    batch_free(a->cur);
    pthread_cond_destroy(&a->cv);
    pthread_mutex_destroy(&a->mu);
    free(a);
    wb->ahead = NULL;
}

/* Stop the thread before the caller has taken its last row (the caller leaves the sheet, or
 * meets an error of its own first): an error the thread met further on is not the caller's. */
static void ahead_stop(struct ctg_wb *wb)
{
    struct ahead *a = wb->ahead;
    if (!a)
        return;
    pthread_mutex_lock(&a->mu);
    a->stop = 1;
    pthread_cond_broadcast(&a->cv);
    pthread_mutex_unlock(&a->mu);
    ahead_join(wb);
    wb->code = CTG_WB_OK;
    wb->err[0] = wb->detail[0] = '\0';
}

static int ahead_next(struct ctg_wb *wb, long *row, size_t *ncells, const struct ctg_wb_cell **cells)
{
    struct ahead *a = wb->ahead;
    if (a->cur && a->repeat_left > 0) { /* an .ods row repeated: the same cells, the next number */
        a->repeat_left--;
        if (++a->number > CTG_WB_MAX_ROWS) {
            ahead_stop(wb);
            return fail(wb, CTG_WB_E_LIMIT, "a row beyond row %ld", CTG_WB_MAX_ROWS);
        }
    } else if (a->cur && a->cur_row + 1 < a->cur->nrows) {
        a->cur_row++;
        a->number = a->cur->rows[a->cur_row].number;
        a->repeat_left = a->cur->rows[a->cur_row].repeat - 1;
    } else {
        pthread_mutex_lock(&a->mu);
        if (a->cur) { /* given back: the rows it held are no longer the caller's */
            a->cur->next = a->spare;
            a->spare = a->cur;
            a->cur = NULL;
        }
        while (!a->head && !a->ended)
            pthread_cond_wait(&a->cv, &a->mu);
        if (a->head) {
            a->cur = a->head;
            a->head = a->cur->next;
            a->cur->next = NULL; /* the caller's alone */
            if (!a->head)
                a->tail = NULL;
            a->queued--;
            pthread_cond_broadcast(&a->cv);
        }
        int end_rc = a->end_rc;
        pthread_mutex_unlock(&a->mu);
        if (!a->cur) {
            /* the end of the sheet, or the error after the last row: from now on the parser's
             * state (done, or wb->code) answers, as without the thread */
            ahead_join(wb);
            return end_rc;
        }
        a->cur_row = 0;
        a->zdone = a->cur->zdone;
        a->number = a->cur->rows[0].number;
        a->repeat_left = a->cur->rows[0].repeat - 1;
    }
    const struct batch_row *r = &a->cur->rows[a->cur_row];
    return give_row(wb, a->cur->cells + r->first, r->ncells, a->cur->text, a->number, row, ncells,
                    cells);
}

int ctg_wb_next(struct ctg_wb *wb, long *row, size_t *ncells, const struct ctg_wb_cell **cells)
{
    if (wb->ahead)
        return ahead_next(wb, row, ncells, cells);
    if (wb->code != CTG_WB_OK)
        return -1;
    if (!wb->parser)
        return fail(wb, CTG_WB_E_NO_SHEET, "no sheet selected");
    if (wb->repeat_left > 0) { /* an .ods row repeated: the same cells, the next number */
        wb->repeat_left--;
        wb->row++;
        if (wb->row > CTG_WB_MAX_ROWS)
            return fail(wb, CTG_WB_E_LIMIT, "a row beyond row %ld", CTG_WB_MAX_ROWS);
        return give_row(wb, wb->cells, wb->ncells, wb->text, wb->row, row, ncells, cells);
    }
    int rc = parse_row(wb);
    if (rc != 1)
        return rc;
    return give_row(wb, wb->cells, wb->ncells, wb->text, wb->row, row, ncells, cells);
}

void ctg_wb_read_ahead(struct ctg_wb *wb, int on)
{
    wb->read_ahead = on;
}

/* ---------------------------------------------------------------- the rest */

enum ctg_wb_format ctg_wb_format(const struct ctg_wb *wb)
{
    return wb->format;
}

int ctg_wb_sheet_count(const struct ctg_wb *wb)
{
    return wb->nsheets;
}

const char *ctg_wb_sheet_name(const struct ctg_wb *wb, int index)
{
    return index >= 0 && index < wb->nsheets ? wb->sheets[index].name : NULL;
}

/* While a thread reads ahead, wb->code is its own: the caller has met no error yet. */
enum ctg_wb_error ctg_wb_error_code(const struct ctg_wb *wb)
{
    return wb->ahead ? CTG_WB_OK : wb->code;
}

const char *ctg_wb_error(const struct ctg_wb *wb)
{
    return wb->ahead || wb->code == CTG_WB_OK ? "" : wb->err;
}

const char *ctg_wb_error_detail(const struct ctg_wb *wb)
{
    return wb->ahead || wb->code == CTG_WB_OK ? "" : wb->detail;
}

void ctg_wb_progress(const struct ctg_wb *wb, long long *done, long long *total)
{
    if (done)
        *done = wb->ahead ? wb->ahead->zdone : wb->zdone;
    if (total)
        *total = wb->ztotal;
}

void ctg_wb_close(struct ctg_wb *wb)
{
    if (!wb)
        return;
    close_stream(wb);
    if (wb->zip)
        zip_discard(wb->zip);
    if (wb->src)
        zip_source_free(wb->src);
    for (int i = 0; i < wb->nsheets; i++)
        free(wb->sheets[i].name), free(wb->sheets[i].part);
    free(wb->sheets);
    free(wb->sst_text);
    free(wb->sst_off);
    free(wb->sst_len);
    free(wb->xf_date);
    free(wb->cells);
    free(wb->out);
    free(wb->text);
    free(wb);
}
