/* libFuzzer harness: the CSV reader (host/read/csv.c) over any bytes, read to the end (as UTF-8, then
 * with the encoding detected and converted); every
 * field's line and column are asked for, as the importer does. Crashes, leaks and undefined
 * behaviour are the findings (ASan + UBSan). */
#include <stddef.h>
#include <stdint.h>

#include "csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The bytes read as UTF-8 (the reader's own rules), then as any encoding it detects and
 * converts (Windows-1252, ISO-8859-15, UTF-16 with a BOM). */
static void read_all(const uint8_t *data, size_t size, enum ctg_csv_encoding enc);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    read_all(data, size, CTG_ENC_UTF8);
    read_all(data, size, CTG_ENC_AUTO);
    return 0;
}

static void read_all(const uint8_t *data, size_t size, enum ctg_csv_encoding enc)
{
    char err[256];
    struct ctg_csv *r = ctg_csv_open_buffer_encoded("fuzz.csv", (const char *)data, size, enc, err,
                                                    sizeof err);
    if (!r)
        return;
    size_t n;
    const char *const *fields;
    long line;
    while (ctg_csv_next(r, &n, &fields, &line) > 0) {
        for (size_t i = 0; i < n; i++) {
            double v;
            (void)ctg_csv_column(r, i);
            (void)ctg_csv_field_line(r, i);
            (void)ctg_csv_parse_number(ctg_csv_dialect(r), fields[i], &v);
        }
    }
    (void)ctg_csv_error(r);
    ctg_csv_close(r);
}
