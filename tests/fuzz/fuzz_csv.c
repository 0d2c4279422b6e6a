/* libFuzzer harness: the CSV reader (host/csv.c) over any bytes, read to the end; every
 * field's line and column are asked for, as the importer does. Crashes, leaks and undefined
 * behaviour are the findings (ASan + UBSan). */
#include <stddef.h>
#include <stdint.h>

#include "csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[256];
    struct ctg_csv *r = ctg_csv_open_buffer("fuzz.csv", (const char *)data, size, err, sizeof err);
    if (!r)
        return 0;
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
    return 0;
}
