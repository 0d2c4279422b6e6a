/* Workbooks (.xlsx, .ods) read as streams of rows: the core, without Lua (the binding is
 * host/lua/workbook.c), for the importer, the source mappings and the fuzz harness.
 *
 * The file is opened with libzip; each XML part is read with expat in 64 KiB pieces, and
 * the sheet's parser is suspended at the end of each row: memory holds a few batches of rows
 * (the sheet is read ahead by a thread, see ctg_wb_read_ahead; and, for .xlsx, the shared
 * strings table and the styles), whatever the number of rows.
 *
 * Cells are values, not display strings: numbers as doubles (a percent-styled cell is its
 * stored fraction, 0.316), text, booleans, dates (a number with a date style in .xlsx,
 * office:date-value in .ods) as ISO text "YYYY-MM-DD" (or "YYYY-MM-DDTHH:MM:SS" when the
 * time of day is not midnight), error values ("#DIV/0!") as errors. A formula cell is its
 * cached value. Merged cells hold their value in the first cell, the others are empty.
 *
 * Rows are numbered as the spreadsheet shows them (1-based), cells by column (1 = A). Rows
 * with no value are skipped; a row's cells run from column 1 to its last non-empty cell.
 * Limits: 1 048 576 rows, 16 384 columns (the spreadsheets' own), a cell's text 1 MiB,
 * shared strings 256 MiB in all. */
#ifndef CTG_WORKBOOK_H
#define CTG_WORKBOOK_H

#include <stddef.h>

#define CTG_WB_MAX_ROWS 1048576L
#define CTG_WB_MAX_COLS 16384L

struct ctg_wb; /* opaque */

enum ctg_wb_format { CTG_WB_XLSX, CTG_WB_ODS };

enum ctg_wb_type {
    CTG_WB_EMPTY,
    CTG_WB_NUMBER, /* number */
    CTG_WB_TEXT,   /* text, len */
    CTG_WB_BOOL,   /* number: 0 or 1 */
    CTG_WB_DATE,   /* text: ISO date (or date and time), number: the serial or 0 */
    CTG_WB_ERROR,  /* text: the error as shown, "#DIV/0!" */
};

struct ctg_wb_cell {
    enum ctg_wb_type type;
    double number;
    const char *text; /* NUL-terminated, valid until the next row */
    size_t len;
    long shared; /* .xlsx: the index of the shared string it is (the same text for every cell
                  * of that index while the workbook is open); -1 for any other cell */
};

/* What went wrong (ctg_wb_error_code), for callers that word it themselves. */
enum ctg_wb_error {
    CTG_WB_OK,
    CTG_WB_E_OPEN,          /* cannot open or read the file (detail: strerror) */
    CTG_WB_E_ENCRYPTED,     /* an encrypted OOXML workbook (a CFB container with EncryptionInfo) */
    CTG_WB_E_XLS,           /* a CFB container without encryption: the old binary .xls */
    CTG_WB_E_NOT_ZIP,       /* not a zip archive at all */
    CTG_WB_E_CORRUPT,       /* a damaged or truncated zip archive, or a part that fails to inflate */
    CTG_WB_E_NOT_WORKBOOK,  /* a zip archive, but no workbook (detail: what it looks like) */
    CTG_WB_E_XML,           /* a part is not well-formed XML (detail: part, line, expat's words) */
    CTG_WB_E_NO_SHEET,      /* the workbook has no sheet, or the sheet asked for is missing */
    CTG_WB_E_LIMIT,         /* beyond a limit above (detail: which) */
    CTG_WB_E_MEMORY,
};

/* Open a workbook (the format from its content, not its name). NULL on failure, with the
 * code in *code (may be NULL) and a message "NAME: problem" in err. */
struct ctg_wb *ctg_wb_open(const char *path, enum ctg_wb_error *code, char *err, size_t err_len);

/* The same over memory, which must outlive the workbook (the fuzz harness). */
struct ctg_wb *ctg_wb_open_buffer(const char *name, const void *data, size_t len,
                                  enum ctg_wb_error *code, char *err, size_t err_len);

enum ctg_wb_format ctg_wb_format(const struct ctg_wb *wb);

/* The sheets, in the workbook's order (index 0 is the first). */
int ctg_wb_sheet_count(const struct ctg_wb *wb);
const char *ctg_wb_sheet_name(const struct ctg_wb *wb, int index);

/* Start reading sheet index from its first row (again, if it was being read). Returns 0, or
 * -1 with the error set. */
int ctg_wb_select(struct ctg_wb *wb, int index);

/* The next row with a value of the selected sheet: 1 and *row (1-based), *ncells, *cells
 * (valid until the next call); 0 at the end of the sheet; -1 on error (final). */
int ctg_wb_next(struct ctg_wb *wb, long *row, size_t *ncells, const struct ctg_wb_cell **cells);

/* Whether ctg_wb_select starts a thread that inflates and parses the sheet ahead of the rows
 * taken (on by default: the rows, and the errors after them, are the same either way; off
 * reads in the caller's thread, as tests compare). */
void ctg_wb_read_ahead(struct ctg_wb *wb, int on);

/* The last error: its code, its message ("NAME: problem" or "NAME:SHEET!A1: problem"), and
 * its detail alone. CTG_WB_OK and "" when none. */
enum ctg_wb_error ctg_wb_error_code(const struct ctg_wb *wb);
const char *ctg_wb_error(const struct ctg_wb *wb);
const char *ctg_wb_error_detail(const struct ctg_wb *wb);

/* The compressed bytes of the selected sheet read so far and their total (progress). */
void ctg_wb_progress(const struct ctg_wb *wb, long long *done, long long *total);

void ctg_wb_close(struct ctg_wb *wb);

/* "C" for 3, "AA" for 27: a column's letters into buf (at least 4 bytes). */
void ctg_wb_column_name(long col, char *buf, size_t size);

/* An ISO date (and time) of a spreadsheet serial number: days since 1899-12-30 (or
 * 1904-01-01 with date1904), Excel's 29 February 1900 counted. Returns 0 when the serial is
 * out of range (before 1900, after 9999). */
int ctg_wb_serial_date(double serial, int date1904, char *buf, size_t size);

#endif
