/* The workbook reader (host/read/workbook.c) without Lua: dates from serial numbers, column
 * names, what an open tells apart (encrypted, .xls, not a zip, a cut archive), rows of the
 * fixtures written by openpyxl and LibreOffice (tests/fixtures/workbooks/make.py). The Lua
 * side is tests/lua/workbook_spec.lua. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>

#include "workbook.h"

static void expect_date(double serial, int date1904, const char *iso)
{
    char buf[40] = "";
    int ok = ctg_wb_serial_date(serial, date1904, buf, sizeof buf);
    if (!iso) {
        assert_int_equal(ok, 0);
        return;
    }
    assert_int_equal(ok, 1);
    assert_string_equal(buf, iso);
}

static void serial_dates(void **state)
{
    (void)state;
    expect_date(1, 0, "1900-01-01");
    expect_date(59, 0, "1900-02-28");
    expect_date(60, 0, "1900-02-28"); /* Excel's 29 February 1900 that never was */
    expect_date(61, 0, "1900-03-01");
    expect_date(45366, 0, "2024-03-15");
    expect_date(45366.5, 0, "2024-03-15T12:00:00");
    expect_date(45366.604166666664, 0, "2024-03-15T14:30:00");
    expect_date(2958465, 0, "9999-12-31");
    expect_date(0, 1, "1904-01-01");
    expect_date(43904, 1, "2024-03-15");
    expect_date(0, 0, NULL);
    expect_date(-1, 0, NULL);
    expect_date(3e6, 0, NULL);
}

static void column_names(void **state)
{
    (void)state;
    char buf[8];
    ctg_wb_column_name(1, buf, sizeof buf);
    assert_string_equal(buf, "A");
    ctg_wb_column_name(26, buf, sizeof buf);
    assert_string_equal(buf, "Z");
    ctg_wb_column_name(27, buf, sizeof buf);
    assert_string_equal(buf, "AA");
    ctg_wb_column_name(CTG_WB_MAX_COLS, buf, sizeof buf);
    assert_string_equal(buf, "XFD");
}

static void expect_refused(const void *data, size_t len, enum ctg_wb_error want, const char *words)
{
    enum ctg_wb_error code = CTG_WB_OK;
    char err[700] = "";
    assert_null(ctg_wb_open_buffer("t.xlsx", data, len, &code, err, sizeof err));
    assert_int_equal(code, want);
    if (!strstr(err, words))
        fail_msg("'%s' lacks '%s'", err, words);
}

static void what_open_tells_apart(void **state)
{
    (void)state;
    static const char cfb[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
    char buf[1024];
    memset(buf, 0, sizeof buf);
    memcpy(buf, cfb, 8);
    expect_refused(buf, sizeof buf, CTG_WB_E_XLS, "t.xlsx: an old Excel workbook (.xls)");
    memcpy(buf + 600, "E\0n\0c\0r\0y\0p\0t\0i\0o\0n\0I\0n\0f\0o\0", 28);
    expect_refused(buf, sizeof buf, CTG_WB_E_ENCRYPTED, "an encrypted workbook: save it without a password");
    expect_refused("a;b\n1;2\n", 8, CTG_WB_E_NOT_ZIP, "not a zip archive");
    expect_refused("", 0, CTG_WB_E_NOT_ZIP, "not a zip archive");
    expect_refused("PK\x03\x04 cut short", 14, CTG_WB_E_CORRUPT, "damaged or truncated");
}

static char *fixture(const char *name)
{
    /* the fixtures beside this file, from the folder make runs in */
    static char path[512];
    const char *here = __FILE__;
    const char *slash = strrchr(here, '/');
    int n = slash ? (int)(slash - here) : 1;
    snprintf(path, sizeof path, "%.*s/../fixtures/workbooks/%s", n, slash ? here : ".", name);
    return path;
}

static void rows_of_both_formats(void **state)
{
    (void)state;
    const char *files[] = {"tableau.xlsx", "tableau.ods"};
    for (int f = 0; f < 2; f++) {
        enum ctg_wb_error code;
        char err[700];
        struct ctg_wb *wb = ctg_wb_open(fixture(files[f]), &code, err, sizeof err);
        if (!wb)
            fail_msg("%s", err);
        assert_int_equal(ctg_wb_format(wb), f == 0 ? CTG_WB_XLSX : CTG_WB_ODS);
        assert_int_equal(ctg_wb_sheet_count(wb), 2);
        assert_string_equal(ctg_wb_sheet_name(wb, 1), "Notes");
        assert_null(ctg_wb_sheet_name(wb, 2));
        /* rows before a sheet is chosen: an error */
        assert_int_equal(ctg_wb_next(wb, NULL, NULL, NULL), -1);
        assert_int_equal(ctg_wb_error_code(wb), CTG_WB_E_NO_SHEET);
        ctg_wb_close(wb);
        wb = ctg_wb_open(fixture(files[f]), &code, err, sizeof err);
        assert_non_null(wb);
        assert_int_equal(ctg_wb_select(wb, 0), 0);
        long row, rows[8];
        size_t n;
        const struct ctg_wb_cell *cells;
        int count = 0;
        while (ctg_wb_next(wb, &row, &n, &cells) == 1 && count < 8) {
            rows[count++] = row;
            if (row == 4) {
                assert_int_equal(n, 7);
                assert_int_equal(cells[0].type, CTG_WB_TEXT);
                assert_string_equal(cells[0].text, "Anor");
                assert_int_equal(cells[3].type, CTG_WB_NUMBER);
                assert_true(cells[3].number == 0.316);
                assert_int_equal(cells[5].type, CTG_WB_DATE);
                assert_string_equal(cells[5].text, "2024-03-15");
                assert_true(cells[6].number == 82);
            }
            if (row == 3)
                assert_int_equal(cells[0].type, CTG_WB_EMPTY); /* under a vertical merge */
        }
        assert_string_equal(ctg_wb_error(wb), "");
        assert_int_equal(count, 6);
        assert_int_equal(rows[5], 7); /* row 6 is empty */
        /* the second sheet, then the first again from its start */
        assert_int_equal(ctg_wb_select(wb, 1), 0);
        count = 0;
        int errors = 0;
        while (ctg_wb_next(wb, &row, &n, &cells) == 1) {
            count++;
            errors += n > 1 && cells[1].type == CTG_WB_ERROR && strcmp(cells[1].text, "#DIV/0!") == 0;
        }
        assert_int_equal(count, 5);
        assert_int_equal(errors, 1);
        assert_int_equal(ctg_wb_select(wb, 0), 0);
        assert_int_equal(ctg_wb_next(wb, &row, &n, &cells), 1);
        assert_int_equal(row, 1);
        assert_int_equal(ctg_wb_select(wb, 5), -1);
        assert_int_equal(ctg_wb_error_code(wb), CTG_WB_E_NO_SHEET);
        ctg_wb_close(wb);
    }
    ctg_wb_close(NULL);
}

/* ---- every way a worksheet may write a cell, read as the reader always read it */

/* An .xlsx of the parts given (name, XML, …, NULL) written with libzip into a fresh file. */
static char *write_xlsx(const char *first, ...)
{
    static char path[64];
    snprintf(path, sizeof path, "/tmp/ctg-test-wb-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    int err = 0;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    assert_non_null(z);
    va_list ap;
    va_start(ap, first);
    for (const char *name = first; name; name = va_arg(ap, const char *)) {
        const char *xml = va_arg(ap, const char *);
        zip_source_t *src = zip_source_buffer(z, xml, strlen(xml), 0);
        assert_non_null(src);
        assert_true(zip_file_add(z, name, src, ZIP_FL_ENC_UTF_8) >= 0);
    }
    va_end(ap);
    assert_int_equal(zip_close(z), 0);
    return path;
}

#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
static const char WORKBOOK[] =
    "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\"><sheets>"
    "<sheet name=\"Cellules\" sheetId=\"1\" r:id=\"rId1\"/>"
    "<sheet name=\"Préfixes\" sheetId=\"2\" r:id=\"rId2\"/>"
    "<sheet name=\"Index\" sheetId=\"3\" r:id=\"rId3\"/>"
    "<sheet name=\"Nombre\" sheetId=\"4\" r:id=\"rId4\"/></sheets></workbook>";
static const char RELS[] =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Target=\"/xl/worksheets/sheet2.xml\"/>"
    "<Relationship Id=\"rId3\" Target=\"worksheets/sheet3.xml\"/>"
    "<Relationship Id=\"rId4\" Target=\"worksheets/sheet4.xml\"/></Relationships>";
/* style 1 is a built-in date (14), style 2 a format of its own that is a date */
static const char STYLES[] =
    "<styleSheet xmlns=\"" NS_MAIN "\"><numFmts><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/>"
    "</numFmts><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/></cellXfs>"
    "</styleSheet>";
static const char STRINGS[] =
    "<sst xmlns=\"" NS_MAIN "\"><si><t>zéro</t></si>"
    "<si><r><t>un</t></r><r><t xml:space=\"preserve\"> et demi</t></r><rPh><t>ウン</t></rPh></si>"
    "<si><t/></si></sst>";
static const char SHEET1[] =
    "<worksheet xmlns=\"" NS_MAIN "\"><sheetData>"
    "<row r=\"1\" spans=\"1:10\"><c r=\"A1\"><v>30</v></c><c r=\"B1\"><v>-7</v></c>"
    "<c r=\"C1\"><v>0012</v></c><c r=\"D1\"><v>1e3</v></c><c r=\"E1\"><v> 4 </v></c>"
    "<c r=\"F1\"><v>12345678901234567890</v></c><c r=\"G1\"><v>2.5</v></c>"
    "<c r=\"H1\" t=\"n\"><v>0.1</v></c><c r=\"I1\"><v>-0</v></c>"
    "<c r=\"J1\"><v>9007199254740993</v></c><c r=\"K1\"><v>+8</v></c>"
    "<c r=\"L1\"><v>123456789012345</v></c></row>"
    "<row r=\"3\"><c r=\"a3\" t=\"s\"><v>1</v></c><c r=\"C3\" t=\"inlineStr\"><is><t>en ligne</t></is></c>"
    "<c t=\"s\"><v> 0</v></c><c r=\"E3\" t=\"str\"><f>A1*2</f><v>60</v></c>"
    "<c r=\"F3\" t=\"b\"><v>1</v></c><c r=\"G3\" t=\"e\"><v>#N/A</v></c>"
    "<c r=\"H3\" t=\"d\"><v>2024-02-29</v></c><c r=\"I3\" t=\"zz\"><v>5</v></c>"
    "<c r=\"J3\" s=\"1\"><v>45366</v></c><c r=\"K3\" s=\" 2\"><v>45366.5</v></c>"
    "<c r=\"L3\" s=\"1x\"><v>45366</v></c><c r=\"M3\" s=\"99\"><v>45366</v></c>"
    "<c r=\"N3\" s=\"-1\"><v>7</v></c><c r=\"O3\"><f>SUM(A1)</f></c><c r=\"P3\" s=\"1\"/>"
    "<c r=\"Q3\" t=\"s\"><v>2</v></c><c r=\"R3\" t=\"b\"><v>0</v></c><c r=\"S3\" t=\"str\"></c>"
    "<c r=\"T3\" t=\"s\"><v>0</v></c></row>"
    "<row><c r=\"B4\"><v>1</v></c></row>"
    "<row r=\" 7\"><c><v>1</v></c><c><v>2</v></c></row>"
    "<row r=\"0\"><c r=\"XFD8\"><v>3</v></c></row>"
    "<row r=\"9\"><c r=\"A9\" s=\"1\"/></row>"
    "</sheetData></worksheet>";
static const char SHEET2[] =
    "<x:worksheet xmlns:x=\"" NS_MAIN "\"><x:sheetData><x:row x:r=\"2\">"
    "<x:c x:r=\"B2\" x:t=\"s\"><x:v>0</x:v></x:c><x:c x:r=\"C2\" x:s=\"1\"><x:v>45366</x:v></x:c>"
    "</x:row></x:sheetData></x:worksheet>";
static const char SHEET3[] =
    "<worksheet xmlns=\"" NS_MAIN "\"><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"
    "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>3</v></c></row></sheetData></worksheet>";
static const char SHEET4[] =
    "<worksheet xmlns=\"" NS_MAIN "\"><sheetData>"
    "<row r=\"1\"><c r=\"A1\"><v>12x</v></c></row></sheetData></worksheet>";

/* The next row: its number and its cells. */
static const struct ctg_wb_cell *next_row(struct ctg_wb *wb, long want_row, size_t want_n)
{
    long row;
    size_t n;
    const struct ctg_wb_cell *cells;
    int rc = ctg_wb_next(wb, &row, &n, &cells);
    if (rc != 1)
        fail_msg("row %ld: %d (%s)", want_row, rc, ctg_wb_error(wb));
    assert_int_equal(row, want_row);
    assert_int_equal(n, want_n);
    return cells;
}

static void expect_cell(const struct ctg_wb_cell *c, enum ctg_wb_type type, double number,
                        const char *text)
{
    assert_int_equal(c->type, type);
    if (type == CTG_WB_NUMBER || type == CTG_WB_BOOL)
        assert_memory_equal(&c->number, &number, sizeof number); /* -0 is not 0 */
    if (text) {
        assert_string_equal(c->text, text);
        assert_int_equal(c->len, strlen(text));
    }
}

static void cells_as_written(void **state)
{
    (void)state;
    char *path = write_xlsx("[Content_Types].xml", "<Types/>", "xl/workbook.xml", WORKBOOK,
                            "xl/_rels/workbook.xml.rels", RELS, "xl/styles.xml", STYLES,
                            "xl/sharedStrings.xml", STRINGS, "xl/worksheets/sheet1.xml", SHEET1,
                            "xl/worksheets/sheet2.xml", SHEET2, "xl/worksheets/sheet3.xml", SHEET3,
                            "xl/worksheets/sheet4.xml", SHEET4, NULL);
    enum ctg_wb_error code;
    char err[700];
    struct ctg_wb *wb = ctg_wb_open(path, &code, err, sizeof err);
    if (!wb)
        fail_msg("%s", err);
    assert_int_equal(ctg_wb_select(wb, 0), 0);
    const struct ctg_wb_cell *c = next_row(wb, 1, 12);
    expect_cell(&c[0], CTG_WB_NUMBER, 30, NULL);
    expect_cell(&c[1], CTG_WB_NUMBER, -7, NULL);
    expect_cell(&c[2], CTG_WB_NUMBER, 12, NULL);
    expect_cell(&c[3], CTG_WB_NUMBER, 1000, NULL);
    expect_cell(&c[4], CTG_WB_NUMBER, 4, NULL);
    expect_cell(&c[5], CTG_WB_NUMBER, 12345678901234567890.0, NULL);
    expect_cell(&c[6], CTG_WB_NUMBER, 2.5, NULL);
    expect_cell(&c[7], CTG_WB_NUMBER, 0.1, NULL);
    expect_cell(&c[8], CTG_WB_NUMBER, -0.0, NULL);
    expect_cell(&c[9], CTG_WB_NUMBER, 9007199254740993.0, NULL); /* rounded as strtod does */
    expect_cell(&c[10], CTG_WB_NUMBER, 8, NULL);
    expect_cell(&c[11], CTG_WB_NUMBER, 123456789012345.0, NULL);
    c = next_row(wb, 3, 20);
    expect_cell(&c[0], CTG_WB_TEXT, 0, "un et demi");
    expect_cell(&c[1], CTG_WB_EMPTY, 0, NULL);
    expect_cell(&c[2], CTG_WB_TEXT, 0, "en ligne");
    expect_cell(&c[3], CTG_WB_TEXT, 0, "zéro"); /* no reference: the column after */
    expect_cell(&c[4], CTG_WB_TEXT, 0, "60");
    expect_cell(&c[5], CTG_WB_BOOL, 1, NULL);
    expect_cell(&c[6], CTG_WB_ERROR, 0, "#N/A");
    expect_cell(&c[7], CTG_WB_DATE, 0, "2024-02-29");
    expect_cell(&c[8], CTG_WB_NUMBER, 5, NULL);
    expect_cell(&c[9], CTG_WB_DATE, 0, "2024-03-15");
    expect_cell(&c[10], CTG_WB_DATE, 0, "2024-03-15T12:00:00");
    expect_cell(&c[11], CTG_WB_DATE, 0, "2024-03-15");
    expect_cell(&c[12], CTG_WB_NUMBER, 45366, NULL);
    expect_cell(&c[13], CTG_WB_NUMBER, 7, NULL);
    expect_cell(&c[14], CTG_WB_ERROR, 0, "=SUM(A1)");
    expect_cell(&c[15], CTG_WB_EMPTY, 0, NULL);
    expect_cell(&c[16], CTG_WB_TEXT, 0, "");
    expect_cell(&c[17], CTG_WB_BOOL, 0, NULL);
    expect_cell(&c[18], CTG_WB_TEXT, 0, "");
    expect_cell(&c[19], CTG_WB_TEXT, 0, "zéro");
    /* which cells are shared strings, and which */
    assert_int_equal(c[0].shared, 1);
    assert_int_equal(c[3].shared, 0);
    assert_int_equal(c[16].shared, 2);
    assert_int_equal(c[19].shared, 0);
    assert_int_equal(c[2].shared, -1);  /* inline */
    assert_int_equal(c[4].shared, -1);  /* a formula's text */
    assert_int_equal(c[6].shared, -1);  /* an error */
    assert_int_equal(c[9].shared, -1);  /* a date */
    assert_int_equal(c[8].shared, -1);  /* a number */
    c = next_row(wb, 4, 2);
    expect_cell(&c[0], CTG_WB_EMPTY, 0, NULL);
    expect_cell(&c[1], CTG_WB_NUMBER, 1, NULL);
    c = next_row(wb, 7, 2);
    expect_cell(&c[1], CTG_WB_NUMBER, 2, NULL);
    c = next_row(wb, 8, CTG_WB_MAX_COLS); /* r="0" is no number: the row after */
    expect_cell(&c[CTG_WB_MAX_COLS - 1], CTG_WB_NUMBER, 3, NULL);
    assert_int_equal(ctg_wb_next(wb, NULL, NULL, NULL), 0); /* row 9 has no value */
    /* prefixed names, attributes included */
    assert_int_equal(ctg_wb_select(wb, 1), 0);
    c = next_row(wb, 2, 3);
    expect_cell(&c[1], CTG_WB_TEXT, 0, "zéro");
    expect_cell(&c[2], CTG_WB_DATE, 0, "2024-03-15");
    assert_int_equal(ctg_wb_next(wb, NULL, NULL, NULL), 0);
    /* a shared string that is not there, a number that is not one: errors that stay */
    assert_int_equal(ctg_wb_select(wb, 2), 0);
    c = next_row(wb, 1, 1);
    assert_int_equal(ctg_wb_next(wb, NULL, NULL, NULL), -1);
    assert_int_equal(ctg_wb_error_code(wb), CTG_WB_E_XML);
    assert_non_null(strstr(ctg_wb_error(wb), "a shared string index out of range (3)"));
    assert_int_equal(ctg_wb_next(wb, NULL, NULL, NULL), -1);
    ctg_wb_close(wb);
    wb = ctg_wb_open(path, &code, err, sizeof err);
    assert_non_null(wb);
    assert_int_equal(ctg_wb_select(wb, 3), 0);
    assert_int_equal(ctg_wb_next(wb, NULL, NULL, NULL), -1);
    assert_non_null(strstr(ctg_wb_error(wb), "a number cell holds '12x'"));
    ctg_wb_close(wb);
    unlink(path);
}

/* ---- reading ahead (a thread) or not: the same rows, the same errors after the same rows */

#define WORDS                                                                                    \
    "texte texte texte texte texte texte texte texte texte texte texte texte texte texte texte " \
    "texte texte texte texte texte texte texte texte texte texte texte texte texte texte texte " \
    "texte texte texte texte texte texte texte texte texte texte texte texte texte texte texte "

/* 3 000 rows: a number, a shared string, a text that grows, 600 000 bytes long in rows 100
 * and 101 (batches end by their rows and by their text); row 700 holds a number that is not
 * one. A second sheet of one row. */
static char *many_rows_xlsx(void)
{
    size_t cap = 4 << 20, n = 0;
    char *xml = malloc(cap);
    assert_non_null(xml);
    n += (size_t)snprintf(xml + n, cap - n, "<worksheet xmlns=\"" NS_MAIN "\"><sheetData>");
    for (int r = 1; r <= 3000; r++) {
        char number[16];
        snprintf(number, sizeof number, "%d", r);
        assert_true(cap - n > 400);
        n += (size_t)snprintf(xml + n, cap - n,
                              "<row r=\"%d\"><c r=\"A%d\"><v>%s</v></c><c r=\"B%d\" t=\"s\"><v>%d</v></c>"
                              "<c r=\"C%d\" t=\"inlineStr\"><is><t>%.*s",
                              r, r, r == 700 ? "x" : number, r, r % 2, r, r % 200, WORDS);
        if (r == 100 || r == 101) {
            memset(xml + n, 'x', 600000);
            n += 600000;
        }
        n += (size_t)snprintf(xml + n, cap - n, "</t></is></c></row>");
    }
    n += (size_t)snprintf(xml + n, cap - n, "</sheetData></worksheet>");
    static const char two[] =
        "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\"><sheets>"
        "<sheet name=\"Lignes\" sheetId=\"1\" r:id=\"rId1\"/>"
        "<sheet name=\"Une\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>";
    static const char rels[] =
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/>"
        "<Relationship Id=\"rId2\" Target=\"worksheets/sheet2.xml\"/></Relationships>";
    char *path = write_xlsx("xl/workbook.xml", two, "xl/_rels/workbook.xml.rels", rels,
                            "xl/sharedStrings.xml", STRINGS, "xl/worksheets/sheet1.xml", xml,
                            "xl/worksheets/sheet2.xml", SHEET3, NULL);
    free(xml);
    return path;
}

static void many_rows_either_way(void **state)
{
    (void)state;
    char *path = many_rows_xlsx();
    for (int ahead = 0; ahead < 2; ahead++) {
        enum ctg_wb_error code;
        char err[700];
        struct ctg_wb *wb = ctg_wb_open(path, &code, err, sizeof err);
        if (!wb)
            fail_msg("%s", err);
        ctg_wb_read_ahead(wb, ahead);
        assert_int_equal(ctg_wb_select(wb, 0), 0);
        for (long r = 1; r < 700; r++) {
            const struct ctg_wb_cell *c = next_row(wb, r, 3);
            expect_cell(&c[0], CTG_WB_NUMBER, (double)r, NULL);
            expect_cell(&c[1], CTG_WB_TEXT, 0, r % 2 ? "un et demi" : "zéro");
            assert_int_equal(c[1].shared, r % 2);
            assert_int_equal(c[2].shared, -1);
            size_t len = (size_t)(r % 200) + (r == 100 || r == 101 ? 600000 : 0);
            assert_int_equal(c[2].len, len);
            assert_int_equal(strlen(c[2].text), len);
            assert_memory_equal(c[2].text, WORDS, (size_t)(r % 200));
            if (r == 100 || r == 101)
                assert_int_equal(c[2].text[len - 1], 'x');
            assert_string_equal(ctg_wb_error(wb), "");
        }
        /* the error after the last good row, and it stays */
        assert_int_equal(ctg_wb_next(wb, NULL, NULL, NULL), -1);
        assert_int_equal(ctg_wb_error_code(wb), CTG_WB_E_XML);
        assert_non_null(strstr(ctg_wb_error(wb), "a number cell holds 'x'"));
        assert_int_equal(ctg_wb_next(wb, NULL, NULL, NULL), -1);
        assert_int_equal(ctg_wb_select(wb, 1), -1);
        ctg_wb_close(wb);
        /* a few rows, then another sheet: the error further on was never met */
        wb = ctg_wb_open(path, &code, err, sizeof err);
        assert_non_null(wb);
        ctg_wb_read_ahead(wb, ahead);
        assert_int_equal(ctg_wb_select(wb, 0), 0);
        next_row(wb, 1, 3);
        next_row(wb, 2, 3);
        /* time for the thread to reach row 700 (it may read six batches ahead): the outcome
         * is the same either way, only the path taken differs */
        nanosleep(&(struct timespec){.tv_nsec = 100000000}, NULL);
        assert_int_equal(ctg_wb_select(wb, 1), 0);
        assert_int_equal(ctg_wb_error_code(wb), CTG_WB_OK);
        next_row(wb, 1, 1);
        /* the first sheet again, from its start, then closed in the middle */
        assert_int_equal(ctg_wb_select(wb, 0), 0);
        const struct ctg_wb_cell *c = next_row(wb, 1, 3);
        expect_cell(&c[0], CTG_WB_NUMBER, 1, NULL);
        ctg_wb_close(wb);
    }
    unlink(path);
}

/* An .ods whose rows repeat (table:number-rows-repeated): the repeats are given one by one,
 * up to the spreadsheets' last row, and a row beyond it is an error after that row. */
static void repeated_rows_either_way(void **state)
{
    (void)state;
    static const char content[] =
        "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
        " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\""
        " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body>"
        "<office:spreadsheet><table:table table:name=\"Répétée\">"
        "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>titre</text:p>"
        "</table:table-cell></table:table-row>"
        "<table:table-row table:number-rows-repeated=\"3\"><table:table-cell/>"
        "<table:table-cell office:value-type=\"float\" office:value=\"7\"/></table:table-row>"
        "<table:table-row table:number-rows-repeated=\"2\"><table:table-cell/></table:table-row>"
        "<table:table-row table:number-rows-repeated=\"1048571\">"
        "<table:table-cell office:value-type=\"float\" office:value=\"1\"/></table:table-row>"
        "</table:table><table:table table:name=\"Seconde\"><table:table-row>"
        "<table:table-cell office:value-type=\"float\" office:value=\"2\"/></table:table-row>"
        "</table:table></office:spreadsheet></office:body></office:document-content>";
    char *path = write_xlsx("mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                            "content.xml", content, NULL);
    for (int ahead = 0; ahead < 2; ahead++) {
        enum ctg_wb_error code;
        char err[700];
        struct ctg_wb *wb = ctg_wb_open(path, &code, err, sizeof err);
        if (!wb)
            fail_msg("%s", err);
        ctg_wb_read_ahead(wb, ahead);
        assert_int_equal(ctg_wb_format(wb), CTG_WB_ODS);
        assert_int_equal(ctg_wb_select(wb, 0), 0);
        const struct ctg_wb_cell *c = next_row(wb, 1, 1);
        expect_cell(&c[0], CTG_WB_TEXT, 0, "titre");
        for (long r = 2; r <= 4; r++) {
            c = next_row(wb, r, 2);
            expect_cell(&c[1], CTG_WB_NUMBER, 7, NULL);
        }
        long row, last = 0, count = 0;
        size_t n;
        int rc;
        while ((rc = ctg_wb_next(wb, &row, &n, &c)) == 1) {
            assert_int_equal(row, 7 + count);
            last = row, count++;
        }
        assert_int_equal(rc, -1);
        assert_int_equal(last, CTG_WB_MAX_ROWS);
        assert_int_equal(ctg_wb_error_code(wb), CTG_WB_E_LIMIT);
        assert_non_null(strstr(ctg_wb_error(wb), "a row beyond row 1048576"));
        ctg_wb_close(wb);
        /* left after a few repeats: the next sheet reads */
        wb = ctg_wb_open(path, &code, err, sizeof err);
        assert_non_null(wb);
        ctg_wb_read_ahead(wb, ahead);
        assert_int_equal(ctg_wb_select(wb, 0), 0);
        next_row(wb, 1, 1);
        next_row(wb, 2, 2);
        assert_int_equal(ctg_wb_select(wb, 1), 0);
        c = next_row(wb, 1, 1);
        expect_cell(&c[0], CTG_WB_NUMBER, 2, NULL);
        assert_int_equal(ctg_wb_next(wb, NULL, NULL, NULL), 0);
        assert_int_equal(ctg_wb_next(wb, NULL, NULL, NULL), 0);
        ctg_wb_close(wb);
    }
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(serial_dates),
        cmocka_unit_test(column_names),
        cmocka_unit_test(what_open_tells_apart),
        cmocka_unit_test(rows_of_both_formats),
        cmocka_unit_test(cells_as_written),
        cmocka_unit_test(many_rows_either_way),
        cmocka_unit_test(repeated_rows_either_way),
    };
    return cmocka_run_group_tests_name("workbook", tests, NULL, NULL);
}
