/* ctg.csv — a streaming CSV reader for observation files (French and international
 * spreadsheet dialects) and its Lua binding.
 *
 * The reader reads through a fixed 64 KiB buffer and keeps one record at a time in a buffer
 * that it reuses: memory stays flat whatever the number of rows. A record is limited to
 * CTG_CSV_MAX_RECORD bytes and CTG_CSV_MAX_FIELDS fields.
 *
 * Input rules:
 *   - UTF-8, with or without BOM (skipped). Invalid UTF-8 is an error at its line and column,
 *     with a hint when it looks like Windows-1252 (Excel's default). A UTF-16 BOM, an
 *     .xlsx/.ods/.xls file and NUL bytes are refused too.
 *   - The separator is detected from the header line (the first non-blank line): the most
 *     frequent of ';', '\t', ',' outside quotes (ties in that order; none → ';').
 *     ';' is the FRENCH dialect (decimal comma), ',' and '\t' the INTL one (decimal point).
 *   - Line endings LF, CRLF or CR, mixed freely. Inside quoted fields they become "\n".
 *   - Quoted fields as RFC 4180: "a;b", "" for a quote, embedded newlines. Spaces and tabs
 *     (tabs only when they are not the separator) before an opening quote or after a closing
 *     one are dropped; any other text after a closing quote is an error. A quote inside an
 *     unquoted field is an ordinary character. Unquoted fields are returned as written
 *     (not trimmed).
 *   - Lines holding only spaces and tabs are skipped (a line of empty fields such as ";;"
 *     is a record).
 *
 * Positions: lines are 1-based physical lines, columns 1-based in characters (code points)
 * of that line, the BOM not counted. Error messages read "NAME:LINE:COLUMN: problem". */
#ifndef CTG_CSV_H
#define CTG_CSV_H

#include <stddef.h>
#include <stdio.h>
#include <lua.h>

#define CTG_CSV_MAX_RECORD (1L << 20) /* bytes of one record, "record longer than 1 MiB" */
#define CTG_CSV_MAX_FIELDS 16384      /* fields of one record (Excel's column limit) */

struct ctg_csv; /* opaque reader */

enum ctg_csv_dialect {
    CTG_CSV_FRENCH, /* ';' separator, decimal comma */
    CTG_CSV_INTL,   /* ',' (or tab) separator, decimal point */
};

/* Open a file and detect its dialect. Returns NULL and writes a message to err (err_len
 * bytes, may be 0) on failure: "FILE: cannot open: REASON", "FILE: empty file, expected a
 * header line" (0 bytes, a BOM alone or only blank lines), "FILE: the file is UTF-16 …",
 * "FILE: this is a spreadsheet file, not CSV …", read errors. */
struct ctg_csv *ctg_csv_open(const char *path, char *err, size_t err_len);

/* Same over a stream that stays the caller's (not closed by ctg_csv_close), e.g. stdin;
 * name is used in messages. Progress total is its size when it is a regular file. */
struct ctg_csv *ctg_csv_open_stream(const char *name, FILE *fp, char *err, size_t err_len);

/* Same over a memory buffer, which is not copied: it must outlive the reader. */
struct ctg_csv *ctg_csv_open_buffer(const char *name, const char *data, size_t len,
                                    char *err, size_t err_len);

enum ctg_csv_dialect ctg_csv_dialect(const struct ctg_csv *r);
char ctg_csv_separator(const struct ctg_csv *r);

/* Read the next record (the header is the first one). Returns 1 and sets *nfields, *fields
 * (NUL-terminated strings in the reader's buffer, valid until the next call) and *line
 * (1-based line where the record starts); 0 at end of input; -1 on error, with the message
 * from ctg_csv_error. Errors are final: later calls return -1 again. Any of the output
 * pointers may be NULL. Errors: "unterminated quoted field (opened here)" (at the opening
 * quote), "unexpected text after the closing quote …", "the file is not UTF-8 …",
 * "unexpected NUL byte …", "record longer than 1 MiB", "more than 16384 fields", read
 * errors, "out of memory". */
int ctg_csv_next(struct ctg_csv *r, size_t *nfields, const char *const **fields, long *line);

/* Where field i (0-based) of the last record starts: its 1-based column in characters and
 * its line (differs from the record's line after a quoted field with newlines). 0 when
 * there is no such field. */
long ctg_csv_column(const struct ctg_csv *r, size_t field);
long ctg_csv_field_line(const struct ctg_csv *r, size_t field);

/* The last error message, "" when none. */
const char *ctg_csv_error(const struct ctg_csv *r);

/* Bytes consumed so far and the total size (0 when unknown, e.g. a pipe). */
void ctg_csv_progress(const struct ctg_csv *r, long long *done, long long *total);

/* Free the reader (and close the file it opened). NULL is allowed. */
void ctg_csv_close(struct ctg_csv *r);

/* Parse a number as written in the dialect. Returns 1 and sets *out (may be NULL), or 0
 * when the text is not a number. Spaces and tabs (and U+00A0, U+202F) around it are
 * ignored; empty text is not a number. Both dialects: optional sign '+' or '-', digits with
 * a decimal mark and an exponent ([eE][+-]?digits) both optional, digits on at least one
 * side of the mark ("5," and ",5" are numbers); the result must be finite. No percent
 * signs, currency, hexadecimal, inf or nan.
 *   INTL: the mark is '.'; no thousands separators at all ("1,250.5" and "1 250" are not
 *     numbers: a comma is ambiguous).
 *   FRENCH: the mark is ','; the integer part may be grouped by thousands with ' ', U+00A0
 *     or U+202F (groups: 1-3 digits, then exactly 3: "1 250 000,5"). A '.' mark is also
 *     accepted ("13.5", data pasted from elsewhere) unless it could be a thousands
 *     separator: refused with grouping ("1 250.5") and in the form d{1,3}.ddd without
 *     exponent whose integer part does not start with 0 ("1.250", "-12.500": 1250 or
 *     1.25?); "0.125", "12.5", "1.2500", "1250.5" are accepted. */
int ctg_csv_parse_number(enum ctg_csv_dialect d, const char *text, double *out);

/* The Lua module ctg.csv:
 *   for fields, line in csv.rows(path) do … end
 *     Each record (the header first) as an array of strings and its line. Errors are raised
 *     as "FILE:LINE:COLUMN: problem" (open errors as "FILE: problem"). The reader is the
 *     loop's closing value: breaking out of the loop closes the file.
 *   csv.dialect(path) → "french" | "intl"
 *   csv.number(text [, dialect]) → number or nil; dialect "french" (default) or "intl".
 *     An integer when written without decimal mark nor exponent and in range. */
int luaopen_ctg_csv(lua_State *L);

#endif
