/* libFuzzer harness: the CSV dialect detection (host/read/csv.c) over any bytes, with what it
 * promises checked: the French dialect goes with ';', the international one with ',' or a
 * tab, and no field the detected dialect reads as a number is NaN; every record is read. A
 * broken promise aborts (a finding), as do crashes, leaks and undefined behaviour. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <math.h>

#include "csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[256];
    struct ctg_csv *r = ctg_csv_open_buffer("fuzz.csv", (const char *)data, size, err, sizeof err);
    if (!r)
        return 0;
    enum ctg_csv_dialect d = ctg_csv_dialect(r);
    char sep = ctg_csv_separator(r);
    if ((d == CTG_CSV_FRENCH) != (sep == ';')) {
        fprintf(stderr, "fuzz: dialect %d with separator '%c'\n", (int)d, sep);
        abort();
    }
    size_t n;
    const char *const *fields;
    long line;
    while (ctg_csv_next(r, &n, &fields, &line) > 0) {
        for (size_t i = 0; i < n; i++) {
            double v;
            if (ctg_csv_parse_number(d, fields[i], &v) && isnan(v)) {
                fprintf(stderr, "fuzz: '%s' read as NaN\n", fields[i]);
                abort();
            }
        }
    }
    ctg_csv_close(r);
    return 0;
}
