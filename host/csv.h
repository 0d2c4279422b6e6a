/* ctg.csv — a streaming CSV reader for observation files (French and international
 * spreadsheet dialects) and its Lua binding.
 *
 * The reader reads through a fixed 64 KiB buffer and keeps one record at a time in a buffer
 * that it reuses: memory stays flat whatever the number of rows. A record is limited to
 * CTG_CSV_MAX_RECORD bytes and CTG_CSV_MAX_FIELDS fields.
 *
 * Input rules:
 *   - Encodings (enum ctg_csv_encoding): the ctg_csv_open* functions read UTF-8, with or
 *     without BOM (skipped): invalid UTF-8 is an error at its line and column, with a hint
 *     when it looks like Windows-1252 (Excel's default), and a UTF-16 BOM is refused. The
 *     ctg_csv_open*_encoded functions take an encoding: a declared one, or CTG_ENC_AUTO,
 *     which detects it (see ctg_csv_detect) and converts Windows-1252, ISO-8859-15 and
 *     UTF-16 (LE or BE, with BOM) to UTF-8 as the bytes are read; the rest of the reader
 *     only sees UTF-8. An .xlsx/.ods/.xls file and NUL bytes are refused in every case.
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

enum ctg_csv_encoding {
    CTG_ENC_AUTO,       /* detect (ctg_csv_detect) */
    CTG_ENC_UTF8,
    CTG_ENC_CP1252,     /* Windows-1252, Excel's "CSV (séparateur : point-virgule)" */
    CTG_ENC_ISO8859_15, /* Latin-9: Latin-1 with €, Œ, œ, Š, š, Ž, ž, Ÿ */
    CTG_ENC_UTF16LE,    /* with a BOM FF FE */
    CTG_ENC_UTF16BE,    /* with a BOM FE FF */
};

/* Its name as users write it ("utf-8", "windows-1252", "iso-8859-15", "utf-16le",
 * "utf-16be"; "auto"), and back (case-insensitive; also "cp1252", "latin9", "utf8",
 * "utf-16": either order, told by the BOM). ctg_csv_encoding_of returns -1 for an unknown
 * name. */
const char *ctg_csv_encoding_name(enum ctg_csv_encoding e);
int ctg_csv_encoding_of(const char *name);

/* The detection over a file's bytes as they come, chunk by chunk, for bytes that have no
 * UTF-16 BOM. The rule, in order:
 *   1. valid UTF-8 (ASCII included) → UTF-8;
 *   2. valid UTF-8 sequences of 2 bytes or more AND invalid ones → UTF-8 (the reader then
 *      stops at the first invalid byte: a file mixing two encodings is not guessed);
 *   3. a byte in 0x80–0x9F → Windows-1252 (there it is € ‚ „ … Œ œ ’ “ ”…; in ISO-8859-15 a
 *      control character no text holds);
 *   4. one of 0xA4 0xA6 0xA8 0xB4 0xB8 0xBC 0xBD 0xBE → ISO-8859-15 (€ Š š Ž ž Œ œ Ÿ there,
 *      ¤ ¦ ¨ ´ ¸ ¼ ½ ¾ in Windows-1252: French text holds the former);
 *   5. otherwise Windows-1252 (the two agree on every other byte).
 * complete = 0 when the bytes fed are only the file's start: a sequence cut at the end is
 * not held against UTF-8. */
struct ctg_csv_sniff {
    int need, lo, hi;        /* UTF-8 continuation bytes still expected, their range */
    long long multibyte;     /* valid sequences of 2 bytes or more */
    long long invalid;       /* invalid bytes */
    long long c1;            /* bytes 0x80–0x9F */
    long long latin9;        /* bytes where ISO-8859-15 and Windows-1252 differ */
};
void ctg_csv_sniff_init(struct ctg_csv_sniff *s);
void ctg_csv_sniff_feed(struct ctg_csv_sniff *s, const unsigned char *data, size_t len);
enum ctg_csv_encoding ctg_csv_sniff_result(const struct ctg_csv_sniff *s, int complete);

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

/* The same three with an encoding. CTG_ENC_AUTO: a UTF-16 BOM says UTF-16, a UTF-8 BOM
 * UTF-8, else the sniff decides over the whole file when it is a regular file (read once
 * first, then from its start again), over its first 64 KiB otherwise. A declared UTF-16
 * needs its BOM (the byte order is the BOM's); a declared UTF-8 or single-byte encoding
 * refuses a UTF-16 BOM as ctg_csv_open does. Errors besides those of ctg_csv_open, at their
 * line and column: "the byte 0xNN is not a character in Windows-1252" (0x81 0x8D 0x8F 0x90
 * 0x9D), "invalid UTF-16 (…)", "the file has no UTF-16 byte order mark …", "the file starts
 * with a UTF-8 BOM: it is UTF-8, not …". */
struct ctg_csv *ctg_csv_open_encoded(const char *path, enum ctg_csv_encoding enc, char *err,
                                     size_t err_len);
struct ctg_csv *ctg_csv_open_stream_encoded(const char *name, FILE *fp,
                                            enum ctg_csv_encoding enc, char *err,
                                            size_t err_len);
struct ctg_csv *ctg_csv_open_buffer_encoded(const char *name, const char *data, size_t len,
                                            enum ctg_csv_encoding enc, char *err,
                                            size_t err_len);

/* The encoding the reader reads, detected or declared (CTG_ENC_UTF8: nothing converted). */
enum ctg_csv_encoding ctg_csv_encoding(const struct ctg_csv *r);

enum ctg_csv_dialect ctg_csv_dialect(const struct ctg_csv *r);
char ctg_csv_separator(const struct ctg_csv *r);
/* Replace the detected separator (';', ',' or '\t'; the dialect follows it), before the
 * first record is read. */
void ctg_csv_set_separator(struct ctg_csv *r, char sep);

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
 *   for fields, line in csv.rows(path [, encoding]) do … end
 *     Each record (the header first) as an array of strings and its line. Errors are raised
 *     as "FILE:LINE:COLUMN: problem" (open errors as "FILE: problem"). The reader is the
 *     loop's closing value: breaking out of the loop closes the file.
 *     encoding: a name ctg_csv_encoding_of knows, default "auto" (detected, converted).
 *   csv.dialect(path [, encoding]) → "french" | "intl", and the encoding read ("utf-8",
 *     "windows-1252", "iso-8859-15", "utf-16le", "utf-16be")
 *   csv.number(text [, dialect]) → number or nil; dialect "french" (default) or "intl".
 *     An integer when written without decimal mark nor exponent and in range. */
int luaopen_ctg_csv(lua_State *L);

#endif
