/* libFuzzer harness: the workbook reader (host/read/workbook.c) over any bytes taken as an
 * .xlsx or .ods file in memory: every sheet read to its end, every cell looked at. Seeded
 * with tests/fixtures/workbooks/ (openpyxl's and LibreOffice's files), so the mutations
 * start from real archives, read both ways (in the caller's thread or ahead by the reader's).
 * Crashes, leaks and undefined behaviour are the findings. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "workbook.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    enum ctg_wb_error code;
    char err[256];
    struct ctg_wb *wb = ctg_wb_open_buffer("fuzz.xlsx", data, size, &code, err, sizeof err);
    if (!wb)
        return 0;
    /* half the inputs read in the caller's thread, half read ahead by the reader's thread */
    ctg_wb_read_ahead(wb, (int)(size & 1));
    size_t seen = 0;
    for (int s = 0; s < ctg_wb_sheet_count(wb) && s < 8; s++) {
        (void)ctg_wb_sheet_name(wb, s);
        if (ctg_wb_select(wb, s) != 0)
            break;
        long row;
        size_t n;
        const struct ctg_wb_cell *cells;
        int rows = 0;
        while (rows++ < 2000 && ctg_wb_next(wb, &row, &n, &cells) > 0)
            for (size_t i = 0; i < n; i++)
                if (cells[i].type == CTG_WB_TEXT || cells[i].type == CTG_WB_DATE ||
                    cells[i].type == CTG_WB_ERROR)
                    seen += strlen(cells[i].text) == cells[i].len;
        (void)ctg_wb_error(wb);
    }
    (void)seen;
    ctg_wb_close(wb);
    return 0;
}
