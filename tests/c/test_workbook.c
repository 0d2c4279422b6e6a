/* The workbook reader (host/workbook.c) without Lua: dates from serial numbers, column
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(serial_dates),
        cmocka_unit_test(column_names),
        cmocka_unit_test(what_open_tells_apart),
        cmocka_unit_test(rows_of_both_formats),
    };
    return cmocka_run_group_tests_name("workbook", tests, NULL, NULL);
}
