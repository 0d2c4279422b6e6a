/* ctg.csv: the streaming reader (dialects, quoting, line endings, positions, encoding and
 * structure errors, chunk boundaries, a large file read with reused buffers, progress),
 * number parsing in both dialects. The Lua binding is in tests/lua/csv_spec.lua. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "csv.h"

/* ---------------------------------------------------------------- helpers */

static char tmpdir[] = "/tmp/ctg-test-csv-XXXXXX";

static int group_setup(void **state)
{
    (void)state;
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    char cmd[sizeof tmpdir + 16];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Write a file in the temporary directory; returns its path (static storage, one per name). */
static const char *write_file(const char *name, const char *data, size_t len)
{
    static char paths[8][256];
    static int next;
    char *path = paths[next++ % 8];
    snprintf(path, sizeof paths[0], "%s/%s", tmpdir, name);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(data, 1, len, fp), len);
    assert_int_equal(fclose(fp), 0);
    return path;
}

static struct ctg_csv *open_text(const char *text)
{
    char err[512] = "";
    struct ctg_csv *r = ctg_csv_open_buffer("t.csv", text, strlen(text), err, sizeof err);
    if (!r)
        fail_msg("open: %s", err);
    return r;
}

/* The next record must be at `line` with exactly the n given fields. */
static void expect_record(struct ctg_csv *r, long line, size_t n, ...)
{
    size_t nf = 0;
    const char *const *fields = NULL;
    long at = 0;
    int rc = ctg_csv_next(r, &nf, &fields, &at);
    if (rc != 1)
        fail_msg("expected a record at line %ld, got %d (%s)", line, rc, ctg_csv_error(r));
    assert_int_equal(at, line);
    assert_int_equal(nf, n);
    va_list ap;
    va_start(ap, n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(fields[i], va_arg(ap, const char *));
    va_end(ap);
}

static void expect_end(struct ctg_csv *r)
{
    size_t nf = 99;
    assert_int_equal(ctg_csv_next(r, &nf, NULL, NULL), 0);
    assert_int_equal(ctg_csv_next(r, NULL, NULL, NULL), 0); /* and it stays there */
}

/* Read records until the error, which must be `message`; later calls fail the same way. */
static void expect_error(struct ctg_csv *r, const char *message)
{
    int rc;
    while ((rc = ctg_csv_next(r, NULL, NULL, NULL)) == 1)
        ;
    assert_int_equal(rc, -1);
    assert_string_equal(ctg_csv_error(r), message);
    assert_int_equal(ctg_csv_next(r, NULL, NULL, NULL), -1);
    assert_string_equal(ctg_csv_error(r), message);
}

static void expect_open_error(const char *data, size_t len, const char *message)
{
    char err[512] = "";
    struct ctg_csv *r = ctg_csv_open_buffer("t.csv", data, len, err, sizeof err);
    assert_null(r);
    assert_string_equal(err, message);
}

#define HINT_1252 "the file is not UTF-8 (it looks like Windows-1252, Excel's default): " \
                  "save it as \"CSV UTF-8\" or convert it with iconv -f WINDOWS-1252 -t UTF-8"

/* ---------------------------------------------------------------- dialects */

static void french_with_bom_and_crlf(void **state)
{
    (void)state;
    struct ctg_csv *r = open_text("\xEF\xBB\xBFindicateur;période;territoire;valeur\r\n"
                                  "places_100;2022;nord;13,5\r\n"
                                  "agents;2021-2022;sud;1 250\r\n");
    assert_int_equal(ctg_csv_dialect(r), CTG_CSV_FRENCH);
    assert_int_equal(ctg_csv_separator(r), ';');
    expect_record(r, 1, 4, "indicateur", "période", "territoire", "valeur");
    assert_int_equal(ctg_csv_column(r, 0), 1); /* the BOM is not a character of the line */
    assert_int_equal(ctg_csv_column(r, 1), 12);
    assert_int_equal(ctg_csv_column(r, 2), 20);
    expect_record(r, 2, 4, "places_100", "2022", "nord", "13,5");
    expect_record(r, 3, 4, "agents", "2021-2022", "sud", "1 250");
    expect_end(r);
    ctg_csv_close(r);
}

static void international_with_lf(void **state)
{
    (void)state;
    struct ctg_csv *r = open_text("indicator,period,territory,value\n"
                                  "places_100,2022,nord,13.5\n");
    assert_int_equal(ctg_csv_dialect(r), CTG_CSV_INTL);
    assert_int_equal(ctg_csv_separator(r), ',');
    expect_record(r, 1, 4, "indicator", "period", "territory", "value");
    expect_record(r, 2, 4, "places_100", "2022", "nord", "13.5");
    expect_end(r);
    ctg_csv_close(r);
}

static void tab_separated_is_international(void **state)
{
    (void)state;
    struct ctg_csv *r = open_text("indicator\tperiod\tvalue\nx\t2022\t1.5\n \"q\" \t\tz\n");
    assert_int_equal(ctg_csv_dialect(r), CTG_CSV_INTL);
    assert_int_equal(ctg_csv_separator(r), '\t');
    expect_record(r, 1, 3, "indicator", "period", "value");
    expect_record(r, 2, 3, "x", "2022", "1.5");
    expect_record(r, 3, 3, "q", "", "z");
    expect_end(r);
    ctg_csv_close(r);
}

static void separator_detection(void **state)
{
    (void)state;
    static const struct { const char *text; char sep; } cases[] = {
        {"a;b;c\n", ';'},
        {"a,b,c\n", ','},
        {"a\tb\tc\n", '\t'},
        {"\"x,y\";z\n", ';'},      /* separators inside quotes do not count */
        {"\"x;y;z\",w\n", ','},
        {"single\n1,5\n", ';'},    /* none: French */
        {"a;b,c,d\n", ','},        /* the most frequent */
        {"a;b,c\n", ';'},          /* ties: ';' then tab then ',' */
        {"a\tb,c\n", '\t'},
        {"\n  \n\t\t\na,b\n", ','}, /* blank lines before the header, tabs on them ignored */
        {"a,b\nc;d;e;f\n", ','},   /* the header decides */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct ctg_csv *r = open_text(cases[i].text);
        if (ctg_csv_separator(r) != cases[i].sep)
            fail_msg("%s: separator '%c', expected '%c'", cases[i].text, ctg_csv_separator(r),
                     cases[i].sep);
        assert_int_equal(ctg_csv_dialect(r), cases[i].sep == ';' ? CTG_CSV_FRENCH : CTG_CSV_INTL);
        ctg_csv_close(r);
    }
}

/* ---------------------------------------------------------------- records */

static void quoted_fields(void **state)
{
    (void)state;
    struct ctg_csv *r = open_text("indicateur;note;texte\n"
                                  "a;\"x;y\";\"il a dit \"\"oui\"\"\"\n"
                                  "b;\"ligne 1\nligne 2\r\nligne 3\";\"\"\n"
                                  "c; \"espaces autour\" ;\"\"\"\"\n"
                                  "d; non quoté ;5\" pouces\n");
    expect_record(r, 1, 3, "indicateur", "note", "texte");
    expect_record(r, 2, 3, "a", "x;y", "il a dit \"oui\"");
    expect_record(r, 3, 3, "b", "ligne 1\nligne 2\nligne 3", "");
    assert_int_equal(ctg_csv_field_line(r, 1), 3);
    assert_int_equal(ctg_csv_column(r, 1), 3);
    assert_int_equal(ctg_csv_field_line(r, 2), 5); /* after the embedded newlines */
    assert_int_equal(ctg_csv_column(r, 2), 10);
    expect_record(r, 6, 3, "c", "espaces autour", "\"");
    expect_record(r, 7, 3, "d", " non quoté ", "5\" pouces");
    expect_end(r);
    assert_int_equal(ctg_csv_column(r, 0), 0); /* no record any more */
    ctg_csv_close(r);
}

static void blank_lines_are_skipped(void **state)
{
    (void)state;
    struct ctg_csv *r = open_text("\n  \na;b\n\n \t \r\nc;d\n;\n\n  x;y\n   ");
    expect_record(r, 3, 2, "a", "b");
    expect_record(r, 6, 2, "c", "d");
    expect_record(r, 7, 2, "", ""); /* empty fields are a record */
    expect_record(r, 9, 2, "  x", "y");
    expect_end(r);
    ctg_csv_close(r);
}

static void last_line_without_newline(void **state)
{
    (void)state;
    struct ctg_csv *r = open_text("a,b\r\n1,2");
    expect_record(r, 1, 2, "a", "b");
    expect_record(r, 2, 2, "1", "2");
    expect_end(r);
    ctg_csv_close(r);
    r = open_text("a,b\n\"1\",\"x\ny\"");
    expect_record(r, 1, 2, "a", "b");
    expect_record(r, 2, 2, "1", "x\ny");
    expect_end(r);
    ctg_csv_close(r);
    r = open_text("a,b\n1,");
    expect_record(r, 1, 2, "a", "b");
    expect_record(r, 2, 2, "1", "");
    expect_end(r);
    ctg_csv_close(r);
}

static void cr_line_endings(void **state)
{
    (void)state;
    struct ctg_csv *r = open_text("a;b\rc;\"d\re\"\rf;g\r\r\nh;i\n");
    expect_record(r, 1, 2, "a", "b");
    expect_record(r, 2, 2, "c", "d\ne");
    expect_record(r, 4, 2, "f", "g");
    expect_record(r, 6, 2, "h", "i");
    expect_end(r);
    ctg_csv_close(r);
}

static void columns_count_characters(void **state)
{
    (void)state;
    /* é (2 bytes), ﬀ (3 bytes), 😀 (4 bytes) */
    struct ctg_csv *r = open_text("é;ü;x\nﬀ;😀;\"q\";z\n");
    expect_record(r, 1, 3, "é", "ü", "x");
    assert_int_equal(ctg_csv_column(r, 0), 1);
    assert_int_equal(ctg_csv_column(r, 1), 3);
    assert_int_equal(ctg_csv_column(r, 2), 5);
    assert_int_equal(ctg_csv_column(r, 3), 0);
    expect_record(r, 2, 4, "ﬀ", "😀", "q", "z");
    assert_int_equal(ctg_csv_column(r, 1), 3);
    assert_int_equal(ctg_csv_column(r, 2), 5);
    assert_int_equal(ctg_csv_column(r, 3), 9);
    assert_int_equal(ctg_csv_field_line(r, 3), 2);
    ctg_csv_close(r);
}

/* ---------------------------------------------------------------- errors */

static void unterminated_quote(void **state)
{
    (void)state;
    struct ctg_csv *r = open_text("a;b\nc;\"open\nmore;x\n");
    expect_record(r, 1, 2, "a", "b");
    expect_error(r, "t.csv:2:3: unterminated quoted field (opened here)");
    ctg_csv_close(r);
    r = open_text("é;\"");
    expect_error(r, "t.csv:1:3: unterminated quoted field (opened here)");
    ctg_csv_close(r);
}

static void text_after_closing_quote(void **state)
{
    (void)state;
    struct ctg_csv *r = open_text("a;b\n\"il a dit \"oui\"\";z\n");
    expect_record(r, 1, 2, "a", "b");
    expect_error(r, "t.csv:2:12: unexpected text after the closing quote of a field "
                    "(inside quotes, write a quote as \"\")");
    ctg_csv_close(r);
}

static void windows_1252_is_refused(void **state)
{
    (void)state;
    /* "é" written as 0xE9 in a row, in the header, at the very end, then other bytes */
    struct ctg_csv *r = open_text("indicateur;valeur\nplaces;caf\xE9\n");
    expect_record(r, 1, 2, "indicateur", "valeur");
    expect_error(r, "t.csv:2:11: " HINT_1252);
    ctg_csv_close(r);
    r = open_text("indicateur;p\xE9riode\n");
    expect_error(r, "t.csv:1:13: " HINT_1252);
    ctg_csv_close(r);
    r = open_text("a\n\"b\xE9");
    expect_error(r, "t.csv:2:3: " HINT_1252);
    ctg_csv_close(r);
    r = open_text("a;b\n1;\x80 5\n"); /* € as 0x80: a lone continuation byte */
    expect_error(r, "t.csv:2:3: " HINT_1252);
    ctg_csv_close(r);
    r = open_text("a;b\n1;\xC3\xA9\xC3\n"); /* a truncated sequence after a good one */
    expect_error(r, "t.csv:2:4: " HINT_1252);
    ctg_csv_close(r);
    r = open_text("a;b\n1;\xC0\xAF\n"); /* overlong */
    expect_error(r, "t.csv:2:3: " HINT_1252);
    ctg_csv_close(r);
    r = open_text("a;b\n\xED\xA0\x80\n"); /* a surrogate */
    expect_error(r, "t.csv:2:1: " HINT_1252);
    ctg_csv_close(r);
    r = open_text("a;b\n\xF4\x90\x80\x80\n"); /* above U+10FFFF */
    expect_error(r, "t.csv:2:1: " HINT_1252);
    ctg_csv_close(r);
    r = open_text("a;b\nx\x81\n"); /* undefined in Windows-1252 */
    expect_error(r, "t.csv:2:2: the file is not UTF-8 (byte 0x81): save it as \"CSV UTF-8\"");
    ctg_csv_close(r);
}

static void nul_byte_is_refused(void **state)
{
    (void)state;
    static const char data[] = "a;b\nx\0y;z\n";
    char err[256];
    struct ctg_csv *r = ctg_csv_open_buffer("t.csv", data, sizeof data - 1, err, sizeof err);
    assert_non_null(r);
    expect_record(r, 1, 2, "a", "b");
    expect_error(r, "t.csv:2:2: unexpected NUL byte (a binary or UTF-16 file?): "
                    "save it as \"CSV UTF-8\"");
    ctg_csv_close(r);
}

static void other_formats_are_refused(void **state)
{
    (void)state;
    expect_open_error("\xFF\xFEi\0n\0", 6,
                      "t.csv: the file is UTF-16 (Excel's \"Unicode text\"): save it as "
                      "\"CSV UTF-8\" or convert it with iconv -f UTF-16 -t UTF-8");
    expect_open_error("PK\x03\x04\x14\0", 6,
                      "t.csv: this is a spreadsheet file (.xlsx, .ods or .xls), not CSV: "
                      "open it and save it as \"CSV UTF-8\"");
}

static void empty_inputs(void **state)
{
    (void)state;
    const char *path = write_file("empty.csv", "", 0);
    char err[512];
    char expected[600];
    assert_null(ctg_csv_open(path, err, sizeof err));
    snprintf(expected, sizeof expected, "%s: empty file, expected a header line", path);
    assert_string_equal(err, expected);
    expect_open_error("", 0, "t.csv: empty file, expected a header line");
    expect_open_error(NULL, 0, "t.csv: empty file, expected a header line");
    expect_open_error("\xEF\xBB\xBF", 3, "t.csv: empty file, expected a header line");
    expect_open_error("\n \r\n\t\n", 6, "t.csv: empty file, expected a header line");
    /* a too small err buffer is cut, not overrun; none at all is fine */
    char small[8];
    assert_null(ctg_csv_open_buffer("t.csv", "", 0, small, sizeof small));
    assert_string_equal(small, "t.csv: ");
    assert_null(ctg_csv_open_buffer("t.csv", "", 0, NULL, 0));
}

static void header_only_file(void **state)
{
    (void)state;
    const char *path = write_file("header.csv", "indicator,period", 16);
    char err[512];
    struct ctg_csv *r = ctg_csv_open(path, err, sizeof err);
    assert_non_null(r);
    expect_record(r, 1, 2, "indicator", "period");
    expect_end(r);
    ctg_csv_close(r);
}

static void cannot_open(void **state)
{
    (void)state;
    char err[512], expected[600];
    char path[300];
    snprintf(path, sizeof path, "%s/missing.csv", tmpdir);
    assert_null(ctg_csv_open(path, err, sizeof err));
    snprintf(expected, sizeof expected, "%s: cannot open: No such file or directory", path);
    assert_string_equal(err, expected);
    assert_null(ctg_csv_open(tmpdir, err, sizeof err));
    snprintf(expected, sizeof expected, "%s: cannot open: Is a directory", tmpdir);
    assert_string_equal(err, expected);
}

static void record_and_field_limits(void **state)
{
    (void)state;
    size_t big = (size_t)CTG_CSV_MAX_RECORD + 10;
    char *data = malloc(big + 32);
    assert_non_null(data);
    strcpy(data, "a;b\nx;");
    size_t n = strlen(data);
    memset(data + n, 'y', big);
    memcpy(data + n + big, "\nz;w\n", 6);
    char err[256];
    struct ctg_csv *r = ctg_csv_open_buffer("t.csv", data, strlen(data), err, sizeof err);
    assert_non_null(r);
    expect_record(r, 1, 2, "a", "b");
    expect_error(r, "t.csv:2:1: record longer than 1 MiB");
    ctg_csv_close(r);
    /* just under the limit is fine */
    n = strlen("a;b\nx;");
    size_t ok = (size_t)CTG_CSV_MAX_RECORD - 4;
    memcpy(data + n + ok, "\nz;w\n", 6);
    r = ctg_csv_open_buffer("t.csv", data, strlen(data), err, sizeof err);
    assert_non_null(r);
    expect_record(r, 1, 2, "a", "b");
    size_t nf;
    const char *const *fields;
    assert_int_equal(ctg_csv_next(r, &nf, &fields, NULL), 1);
    assert_int_equal(strlen(fields[1]), ok);
    expect_record(r, 3, 2, "z", "w");
    ctg_csv_close(r);
    /* fields */
    n = 0;
    for (int i = 0; i < CTG_CSV_MAX_FIELDS + 1; i++)
        data[n++] = ';';
    data[n] = '\0';
    r = ctg_csv_open_buffer("t.csv", data, n, err, sizeof err);
    assert_non_null(r);
    expect_error(r, "t.csv:1:1: more than 16384 fields");
    ctg_csv_close(r);
    free(data);
}

/* ---------------------------------------------------------------- files and streams */

/* CRLF and multibyte characters cut by the 64 KiB read chunk. */
static void chunk_boundaries(void **state)
{
    (void)state;
    size_t chunk = 65536;
    char *data = malloc(chunk * 2);
    assert_non_null(data);
    /* "h\r\n", then x… so that '\r' is the chunk's last byte and '\n' the next one */
    memcpy(data, "h\r\n", 3);
    memset(data + 3, 'x', chunk - 1 - 3);
    memcpy(data + chunk - 1, "\r\nz\r\n", 5);
    const char *path = write_file("crlf.csv", data, chunk + 4);
    char err[512];
    struct ctg_csv *r = ctg_csv_open(path, err, sizeof err);
    assert_non_null(r);
    expect_record(r, 1, 1, "h");
    size_t nf;
    const char *const *fields;
    long line;
    assert_int_equal(ctg_csv_next(r, &nf, &fields, &line), 1);
    assert_int_equal(line, 2);
    assert_int_equal(strlen(fields[0]), chunk - 4);
    expect_record(r, 3, 1, "z");
    expect_end(r);
    ctg_csv_close(r);
    /* "é" across the boundary, then a quoted field across it with a newline */
    memcpy(data, "h;v\n", 4);
    memset(data + 4, 'x', chunk - 1 - 4);
    static const char tail[] = "\xC3\xA9;\"a\nb\"\n\xE2\x82\xAC;1\n";
    memcpy(data + chunk - 1, tail, sizeof tail - 1);
    path = write_file("utf8.csv", data, chunk - 1 + sizeof tail - 1);
    r = ctg_csv_open(path, err, sizeof err);
    assert_non_null(r);
    expect_record(r, 1, 2, "h", "v");
    assert_int_equal(ctg_csv_next(r, &nf, &fields, &line), 1);
    assert_int_equal(line, 2);
    assert_int_equal(nf, 2);
    assert_string_equal(fields[0] + chunk - 5, "\xC3\xA9");
    assert_string_equal(fields[1], "a\nb");
    assert_int_equal(ctg_csv_column(r, 1), (long)(chunk - 5 + 1 + 2));
    expect_record(r, 4, 2, "\xE2\x82\xAC", "1");
    expect_end(r);
    ctg_csv_close(r);
    /* a bad byte in the second chunk has the right position */
    memcpy(data, "h;v\n", 4);
    memset(data + 4, 'x', chunk - 4);
    memcpy(data + chunk, ";\n\xE9t\xE9;2\n", 8);
    path = write_file("cp1252.csv", data, chunk + 8);
    r = ctg_csv_open(path, err, sizeof err);
    assert_non_null(r);
    char expected[600];
    snprintf(expected, sizeof expected, "%s:3:1: " HINT_1252, path);
    expect_error(r, expected);
    ctg_csv_close(r);
    free(data);
}

static void large_file_reuses_its_buffers(void **state)
{
    (void)state;
    enum { ROWS = 200000 };
    char path[300];
    snprintf(path, sizeof path, "%s/large.csv", tmpdir);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_true(fputs("\xEF\xBB\xBFindicateur;période;territoire;valeur;note\r\n", fp) >= 0);
    for (int i = 0; i < ROWS; i++)
        assert_true(fprintf(fp, "places_%d;2022;nord;%d %03d,%d;\"une note; \"\"citée\"\"\"\r\n",
                            i % 7, i / 1000 + 1, i % 1000, i % 10) > 0);
    assert_int_equal(fclose(fp), 0);

    clock_t t0 = clock();
    char err[512];
    struct ctg_csv *r = ctg_csv_open(path, err, sizeof err);
    assert_non_null(r);
    size_t nf;
    const char *const *fields;
    long line, count = 0;
    const char *const *first_fields = NULL;
    const char *first_field0 = NULL;
    double sum = 0;
    int rc;
    while ((rc = ctg_csv_next(r, &nf, &fields, &line)) == 1) {
        assert_int_equal(nf, 5);
        if (count > 0) {
            double v;
            if (!ctg_csv_parse_number(CTG_CSV_FRENCH, fields[3], &v))
                fail_msg("line %ld: %s is not a number", line, fields[3]);
            sum += v;
            if (strcmp(fields[4], "une note; \"citée\"") != 0)
                fail_msg("line %ld: note %s", line, fields[4]);
        }
        if (count == 2) { /* from here on nothing is reallocated */
            first_fields = fields;
            first_field0 = fields[0];
        } else if (count > 2 && (fields != first_fields || fields[0] != first_field0)) {
            fail_msg("line %ld: the record buffers moved", line);
        }
        count++;
        assert_int_equal(line, count);
    }
    assert_int_equal(rc, 0);
    assert_int_equal(count, ROWS + 1);
    long long done, total;
    ctg_csv_progress(r, &done, &total);
    assert_true(total > 0);
    assert_int_equal(done, total);
    ctg_csv_close(r);
    double seconds = (double)(clock() - t0) / CLOCKS_PER_SEC;
    /* sum of (i/1000 + 1) * 1000 + i % 1000 + (i % 10) / 10 */
    double expected = 0;
    for (int i = 0; i < ROWS; i++)
        expected += (i / 1000 + 1) * 1000.0 + i % 1000 + (i % 10) / 10.0;
    assert_true(fabs(sum - expected) < 1e-3);
    if (seconds > 20)
        fail_msg("reading %d rows took %.1f s", ROWS, seconds);
}

static void progress_counters(void **state)
{
    (void)state;
    static const char text[] = "a;b\n1;2\n3;4\n";
    long long done = -1, total = -1;
    struct ctg_csv *r = open_text(text);
    ctg_csv_progress(r, &done, &total);
    assert_int_equal(done, 0);
    assert_int_equal(total, sizeof text - 1);
    expect_record(r, 1, 2, "a", "b");
    ctg_csv_progress(r, &done, NULL);
    assert_int_equal(done, 4);
    expect_record(r, 2, 2, "1", "2");
    expect_record(r, 3, 2, "3", "4");
    expect_end(r);
    ctg_csv_progress(r, &done, &total);
    assert_int_equal(done, total);
    ctg_csv_close(r);

    /* a file: total is its size, counted from the BOM on */
    const char *path = write_file("progress.csv", "\xEF\xBB\xBF" "a;b\n1;2\n", 11);
    char err[512];
    r = ctg_csv_open(path, err, sizeof err);
    assert_non_null(r);
    ctg_csv_progress(r, &done, &total);
    assert_int_equal(total, 11);
    assert_int_equal(done, 3);
    expect_record(r, 1, 2, "a", "b");
    ctg_csv_progress(r, &done, &total);
    assert_int_equal(done, 7);
    ctg_csv_close(r);
}

static void streams(void **state)
{
    (void)state;
    const char *path = write_file("stream.csv", "a,b\n1,2\n", 8);
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    char err[512];
    struct ctg_csv *r = ctg_csv_open_stream("<stdin>", fp, err, sizeof err);
    assert_non_null(r);
    long long done, total;
    ctg_csv_progress(r, &done, &total);
    assert_int_equal(total, 8);
    expect_record(r, 1, 2, "a", "b");
    expect_record(r, 2, 2, "1", "2");
    expect_end(r);
    ctg_csv_close(r);
    assert_int_equal(fclose(fp), 0); /* still the caller's */

    /* a pipe: total unknown */
    fp = popen("printf 'x;y\\n1;\"2\"\\n'", "r");
    assert_non_null(fp);
    r = ctg_csv_open_stream("<pipe>", fp, err, sizeof err);
    assert_non_null(r);
    ctg_csv_progress(r, &done, &total);
    assert_int_equal(total, 0);
    expect_record(r, 1, 2, "x", "y");
    expect_record(r, 2, 2, "1", "2");
    expect_end(r);
    ctg_csv_progress(r, &done, &total);
    assert_int_equal(done, 10);
    ctg_csv_close(r);
    assert_int_equal(pclose(fp), 0);

    fp = popen("printf ''", "r");
    assert_non_null(fp);
    assert_null(ctg_csv_open_stream("<pipe>", fp, err, sizeof err));
    assert_string_equal(err, "<pipe>: empty file, expected a header line");
    assert_int_equal(pclose(fp), 0);
    ctg_csv_close(NULL);
}

/* ---------------------------------------------------------------- numbers */

static void numbers(void **state)
{
    (void)state;
    static const struct { enum ctg_csv_dialect d; const char *text; double value; } good[] = {
        {CTG_CSV_FRENCH, "13,5", 13.5},
        {CTG_CSV_FRENCH, "-2,75", -2.75},
        {CTG_CSV_FRENCH, "+3", 3},
        {CTG_CSV_FRENCH, "0", 0},
        {CTG_CSV_FRENCH, "007", 7},
        {CTG_CSV_FRENCH, "1 250", 1250},
        {CTG_CSV_FRENCH, "1 250,5", 1250.5},
        {CTG_CSV_FRENCH, "-1 250 000,25", -1250000.25},
        {CTG_CSV_FRENCH, "1\xC2\xA0" "250", 1250},          /* U+00A0 */
        {CTG_CSV_FRENCH, "12\xE2\x80\xAF" "345,5", 12345.5}, /* U+202F */
        {CTG_CSV_FRENCH, "  42 \t", 42},
        {CTG_CSV_FRENCH, "\xC2\xA0" "42\xE2\x80\xAF", 42},
        {CTG_CSV_FRENCH, ",5", 0.5},
        {CTG_CSV_FRENCH, "5,", 5},
        {CTG_CSV_FRENCH, "1,5E+3", 1500},
        {CTG_CSV_FRENCH, "1e3", 1000},
        {CTG_CSV_FRENCH, "13.5", 13.5},     /* a point, when it cannot be thousands */
        {CTG_CSV_FRENCH, "0.125", 0.125},
        {CTG_CSV_FRENCH, "1.2500", 1.25},
        {CTG_CSV_FRENCH, "1250.5", 1250.5},
        {CTG_CSV_FRENCH, "1.250e3", 1250},
        {CTG_CSV_FRENCH, "-0.5", -0.5},
        {CTG_CSV_FRENCH, "12 \xE2\x82\xAC", 12},              /* an amount and its euro sign */
        {CTG_CSV_FRENCH, "1 300 000,50\xC2\xA0\xE2\x82\xAC", 1300000.5},
        {CTG_CSV_INTL, "13.5", 13.5},
        {CTG_CSV_INTL, "-1250.5", -1250.5},
        {CTG_CSV_INTL, "1e3", 1000},
        {CTG_CSV_INTL, "1E-2", 0.01},
        {CTG_CSV_INTL, ".5", 0.5},
        {CTG_CSV_INTL, "5.", 5},
        {CTG_CSV_INTL, " +7 ", 7},
        {CTG_CSV_INTL, "1.250", 1.25},
        {CTG_CSV_INTL, "1e-400", 0},
    };
    static const struct { enum ctg_csv_dialect d; const char *text; } bad[] = {
        {CTG_CSV_FRENCH, ""}, {CTG_CSV_FRENCH, "   "}, {CTG_CSV_FRENCH, "abc"},
        {CTG_CSV_FRENCH, "12 %"}, {CTG_CSV_FRENCH, "12%"}, {CTG_CSV_FRENCH, "\xE2\x82\xAC 12"},
        {CTG_CSV_FRENCH, "12 \xE2\x82\xAC \xE2\x82\xAC"}, {CTG_CSV_FRENCH, "\xE2\x82\xAC"},
        {CTG_CSV_FRENCH, "1.250"}, {CTG_CSV_FRENCH, "-12.500"}, {CTG_CSV_FRENCH, "125.000"},
        {CTG_CSV_FRENCH, "1 250.5"}, {CTG_CSV_FRENCH, "1,250.5"}, {CTG_CSV_FRENCH, "1.250,5"},
        {CTG_CSV_FRENCH, "12 50"}, {CTG_CSV_FRENCH, "1234 567"}, {CTG_CSV_FRENCH, "1  250"},
        {CTG_CSV_FRENCH, "1 2345"}, {CTG_CSV_FRENCH, "1 250 0"}, {CTG_CSV_FRENCH, "1 ,5"},
        {CTG_CSV_FRENCH, "1,5 0"}, {CTG_CSV_FRENCH, "13,5,2"}, {CTG_CSV_FRENCH, "1.2.3"},
        {CTG_CSV_FRENCH, "-"}, {CTG_CSV_FRENCH, ","}, {CTG_CSV_FRENCH, "+,"},
        {CTG_CSV_FRENCH, "e3"}, {CTG_CSV_FRENCH, "1e"}, {CTG_CSV_FRENCH, "1e+"},
        {CTG_CSV_FRENCH, "0x10"}, {CTG_CSV_FRENCH, "inf"}, {CTG_CSV_FRENCH, "nan"},
        {CTG_CSV_FRENCH, "1e999"}, {CTG_CSV_FRENCH, "--1"}, {CTG_CSV_FRENCH, "+-1"},
        {CTG_CSV_FRENCH, "(12)"}, {CTG_CSV_FRENCH, "1_000"}, {CTG_CSV_FRENCH, "- 5"},
        {CTG_CSV_FRENCH, "1\xC2"}, {CTG_CSV_FRENCH, "1\xE2\x80"},
        {CTG_CSV_INTL, ""}, {CTG_CSV_INTL, "13,5"}, {CTG_CSV_INTL, "1,250.5"},
        {CTG_CSV_INTL, "1,250"}, {CTG_CSV_INTL, "1 250"}, {CTG_CSV_INTL, "1\xC2\xA0" "250"},
        {CTG_CSV_INTL, "abc"}, {CTG_CSV_INTL, "12 %"}, {CTG_CSV_INTL, "1e999"},
        {CTG_CSV_INTL, "1.2.3"}, {CTG_CSV_INTL, "."}, {CTG_CSV_INTL, "Infinity"},
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        double v = -12345;
        if (!ctg_csv_parse_number(good[i].d, good[i].text, &v))
            fail_msg("'%s' (%s) is a number", good[i].text,
                     good[i].d == CTG_CSV_FRENCH ? "french" : "intl");
        if (v != good[i].value)
            fail_msg("'%s' read as %.17g, expected %.17g", good[i].text, v, good[i].value);
    }
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        double v = -12345;
        if (ctg_csv_parse_number(bad[i].d, bad[i].text, &v))
            fail_msg("'%s' (%s) is not a number, read as %g", bad[i].text,
                     bad[i].d == CTG_CSV_FRENCH ? "french" : "intl", v);
        assert_true(v == -12345); /* untouched */
    }
    /* out may be NULL; a very long number is refused rather than cut */
    assert_int_equal(ctg_csv_parse_number(CTG_CSV_INTL, "1.5", NULL), 1);
    char longer[200];
    memset(longer, '1', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    assert_int_equal(ctg_csv_parse_number(CTG_CSV_INTL, longer, NULL), 0);
    assert_int_equal(ctg_csv_parse_number(CTG_CSV_INTL, NULL, NULL), 0);
}

static enum ctg_csv_encoding sniffed(const char *data, int complete)
{
    struct ctg_csv_sniff s;
    ctg_csv_sniff_init(&s);
    ctg_csv_sniff_feed(&s, (const unsigned char *)data, strlen(data));
    return ctg_csv_sniff_result(&s, complete);
}

static void encoding_detection_rule(void **state)
{
    (void)state;
    assert_int_equal(sniffed("a;b\n1;2\n", 1), CTG_ENC_UTF8);
    assert_int_equal(sniffed("caf\xC3\xA9 \xE2\x82\xAC\n", 1), CTG_ENC_UTF8);
    /* a sequence cut at the end of what was read counts only when it is the whole file */
    assert_int_equal(sniffed("caf\xE2\x82", 0), CTG_ENC_UTF8);
    assert_int_equal(sniffed("caf\xE2\x82", 1), CTG_ENC_CP1252);
    /* valid and invalid UTF-8 together: UTF-8, and the reader stops at the bad byte */
    assert_int_equal(sniffed("\xC3\xA9t\xE9", 1), CTG_ENC_UTF8);
    /* 0x80-0x9F: Windows-1252 (€ is 0x80 there), even beside an ISO-8859-15 difference */
    assert_int_equal(sniffed("co\xFBt 3 \x80", 1), CTG_ENC_CP1252);
    assert_int_equal(sniffed("\x9C" "uvre \xA4", 1), CTG_ENC_CP1252);
    /* no 0x80-0x9F and a byte where the two differ: ISO-8859-15 (€ is 0xA4 there) */
    assert_int_equal(sniffed("prix 3 \xA4", 1), CTG_ENC_ISO8859_15);
    assert_int_equal(sniffed("\xBD" "uvre", 1), CTG_ENC_ISO8859_15);
    /* bytes both read alike: Windows-1252 */
    assert_int_equal(sniffed("d\xE9j\xE0 vu", 1), CTG_ENC_CP1252);
    /* names */
    assert_int_equal(ctg_csv_encoding_of("Windows-1252"), CTG_ENC_CP1252);
    assert_int_equal(ctg_csv_encoding_of("latin9"), CTG_ENC_ISO8859_15);
    assert_int_equal(ctg_csv_encoding_of("UTF-16"), CTG_ENC_UTF16LE);
    assert_int_equal(ctg_csv_encoding_of("ebcdic"), -1);
    assert_int_equal(ctg_csv_encoding_of(NULL), -1);
    assert_string_equal(ctg_csv_encoding_name(CTG_ENC_ISO8859_15), "ISO-8859-15");
}

static struct ctg_csv *open_encoded(const char *data, size_t len, enum ctg_csv_encoding enc)
{
    char err[512] = "";
    struct ctg_csv *r = ctg_csv_open_buffer_encoded("t.csv", data, len, enc, err, sizeof err);
    if (!r)
        fail_msg("open: %s", err);
    return r;
}

static void encodings_are_converted(void **state)
{
    (void)state;
    const char *w = "indicateur;p\xE9riode\r\n\x80;\x9C" "uvre\r\n";
    struct ctg_csv *r = open_encoded(w, strlen(w), CTG_ENC_AUTO);
    assert_int_equal(ctg_csv_encoding(r), CTG_ENC_CP1252);
    expect_record(r, 1, 2, "indicateur", "p\xC3\xA9riode");
    expect_record(r, 2, 2, "\xE2\x82\xAC", "\xC5\x93uvre");
    assert_int_equal(ctg_csv_column(r, 1), 3); /* columns count characters of the file */
    expect_end(r);
    ctg_csv_close(r);
    const char *l9 = "a;b\n\xA4;\xBD\n";
    r = open_encoded(l9, strlen(l9), CTG_ENC_AUTO);
    assert_int_equal(ctg_csv_encoding(r), CTG_ENC_ISO8859_15);
    expect_record(r, 1, 2, "a", "b");
    expect_record(r, 2, 2, "\xE2\x82\xAC", "\xC5\x93");
    expect_end(r);
    ctg_csv_close(r);
    /* declared: the same bytes as Windows-1252 */
    r = open_encoded(l9, strlen(l9), CTG_ENC_CP1252);
    expect_record(r, 1, 2, "a", "b");
    expect_record(r, 2, 2, "\xC2\xA4", "\xC2\xBD");
    ctg_csv_close(r);
    /* UTF-16 BE with a surrogate pair; LE with CR LF */
    static const char be[] = "\xFE\xFF\0a\0;\0b\0\n\0\xE9\0;\xD8\x3D\xDE\x00";
    r = open_encoded(be, sizeof be - 1, CTG_ENC_AUTO);
    assert_int_equal(ctg_csv_encoding(r), CTG_ENC_UTF16BE);
    expect_record(r, 1, 2, "a", "b");
    expect_record(r, 2, 2, "\xC3\xA9", "\xF0\x9F\x98\x80");
    expect_end(r);
    ctg_csv_close(r);
    static const char le[] = "\xFF\xFEx\0;\0y\0\r\0\n\0\x3D\xD8\n\0";
    r = open_encoded(le, sizeof le - 1, CTG_ENC_UTF16LE);
    expect_record(r, 1, 2, "x", "y");
    expect_error(r, "t.csv:2:1: invalid UTF-16 (an unpaired surrogate)");
    ctg_csv_close(r);
    /* a byte Windows-1252 lacks, where it is */
    r = open_encoded("a\nb\x8D\n", 5, CTG_ENC_CP1252);
    expect_record(r, 1, 1, "a");
    expect_error(r, "t.csv:2:2: the byte 0x8D is not a character in Windows-1252");
    ctg_csv_close(r);
    /* what a declaration cannot be */
    char err[512];
    assert_null(ctg_csv_open_buffer_encoded("t.csv", "a;b\n", 4, CTG_ENC_UTF16LE, err, sizeof err));
    assert_string_equal(err, "t.csv: the file has no UTF-16 byte order mark: it is not UTF-16");
    assert_null(ctg_csv_open_buffer_encoded("t.csv", "\xEF\xBB\xBF" "a\n", 5, CTG_ENC_ISO8859_15,
                                            err, sizeof err));
    assert_string_equal(err, "t.csv: the file starts with a UTF-8 BOM: it is UTF-8, not ISO-8859-15");
    assert_null(ctg_csv_open_buffer_encoded("t.csv", "\xFF\xFE" "a\0", 4, CTG_ENC_UTF8, err,
                                            sizeof err));
    /* mixed: valid UTF-8 first, then a Windows-1252 byte */
    r = open_encoded("\xC3\xA9;b\nx\xE9\n", 8, CTG_ENC_AUTO);
    assert_int_equal(ctg_csv_encoding(r), CTG_ENC_UTF8);
    expect_error(r, "t.csv:2:2: the file mixes UTF-8 and another encoding (byte 0xE9 is not "
                    "UTF-8): declare its encoding or save it as \"CSV UTF-8\"");
    ctg_csv_close(r);
}

/* Conversion through a file: the whole file decides (a byte past the first chunk), raw chunks
 * end inside a UTF-16 character, positions and progress stay right. */
static void encodings_over_chunks(void **state)
{
    (void)state;
    const size_t chunk = 65536, rows = 20000;
    /* Windows-1252: only ASCII in the first chunk, the € (0x80) near the end */
    size_t cap = rows * 16 + 64, n = 0;
    char *data = malloc(cap);
    assert_non_null(data);
    n += (size_t)sprintf(data + n, "h;v\n");
    for (size_t i = 0; i < rows; i++)
        n += (size_t)sprintf(data + n, "r%zu;%zu\n", i, i);
    assert_true(n > chunk);
    n += (size_t)sprintf(data + n, "\x80;\xE9t\xE9\n");
    const char *path = write_file("w1252-long.csv", data, n);
    char err[512];
    struct ctg_csv *r = ctg_csv_open_encoded(path, CTG_ENC_AUTO, err, sizeof err);
    assert_non_null(r);
    assert_int_equal(ctg_csv_encoding(r), CTG_ENC_CP1252);
    size_t nf;
    const char *const *fields;
    long line = 0, records = 0;
    char last[2][16] = {"", ""};
    while (ctg_csv_next(r, &nf, &fields, &line) == 1) {
        records++;
        snprintf(last[0], sizeof last[0], "%s", fields[0]);
        snprintf(last[1], sizeof last[1], "%s", nf > 1 ? fields[1] : "");
    }
    assert_int_equal(records, (long)rows + 2);
    assert_string_equal(ctg_csv_error(r), "");
    assert_string_equal(last[0], "\xE2\x82\xAC");
    assert_string_equal(last[1], "\xC3\xA9t\xC3\xA9");
    assert_int_equal(line, (long)rows + 2);
    long long done, total;
    ctg_csv_progress(r, &done, &total);
    assert_int_equal(done, (long long)n);
    assert_int_equal(total, (long long)n);
    ctg_csv_close(r);
    /* UTF-16LE: a BOM and an odd offset make the chunks end inside characters */
    size_t m = 0;
    char *u = malloc(2 * n + 8);
    assert_non_null(u);
    u[m++] = '\xFF', u[m++] = '\xFE';
    const char *text = "h;v\n";
    for (size_t i = 0; i < rows; i++) {
        const char *row = i == 0 ? text : (i % 1000 == 0 ? "\xF0\x9F\x98\x80;1\n" : "ab;1\n");
        for (const unsigned char *p = (const unsigned char *)row; *p; p++) {
            if (*p == 0xF0) { /* U+1F600 as a surrogate pair */
                memcpy(u + m, "\x3D\xD8\x00\xDE", 4);
                m += 4, p += 3;
                continue;
            }
            u[m++] = (char)*p, u[m++] = '\0';
        }
    }
    path = write_file("u16-long.csv", u, m);
    r = ctg_csv_open_encoded(path, CTG_ENC_AUTO, err, sizeof err);
    assert_non_null(r);
    assert_int_equal(ctg_csv_encoding(r), CTG_ENC_UTF16LE);
    records = 0;
    long smileys = 0;
    while (ctg_csv_next(r, &nf, &fields, &line) == 1) {
        records++;
        smileys += strcmp(fields[0], "\xF0\x9F\x98\x80") == 0;
    }
    assert_string_equal(ctg_csv_error(r), "");
    assert_int_equal(records, (long)rows);
    assert_int_equal(smileys, (long)(rows / 1000 - 1));
    ctg_csv_close(r);
    free(u);
    free(data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(french_with_bom_and_crlf),
        cmocka_unit_test(international_with_lf),
        cmocka_unit_test(tab_separated_is_international),
        cmocka_unit_test(separator_detection),
        cmocka_unit_test(quoted_fields),
        cmocka_unit_test(blank_lines_are_skipped),
        cmocka_unit_test(last_line_without_newline),
        cmocka_unit_test(cr_line_endings),
        cmocka_unit_test(columns_count_characters),
        cmocka_unit_test(unterminated_quote),
        cmocka_unit_test(text_after_closing_quote),
        cmocka_unit_test(windows_1252_is_refused),
        cmocka_unit_test(encoding_detection_rule),
        cmocka_unit_test(encodings_are_converted),
        cmocka_unit_test(encodings_over_chunks),
        cmocka_unit_test(nul_byte_is_refused),
        cmocka_unit_test(other_formats_are_refused),
        cmocka_unit_test(empty_inputs),
        cmocka_unit_test(header_only_file),
        cmocka_unit_test(cannot_open),
        cmocka_unit_test(record_and_field_limits),
        cmocka_unit_test(chunk_boundaries),
        cmocka_unit_test(large_file_reuses_its_buffers),
        cmocka_unit_test(progress_counters),
        cmocka_unit_test(streams),
        cmocka_unit_test(numbers),
    };
    return cmocka_run_group_tests_name("csv", tests, group_setup, group_teardown);
}
