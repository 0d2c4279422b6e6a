/* CSV cells (see csvcell.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csvcell.h"

enum ctg_error ctg_csv_text(struct ctg_buf *b, const char *s, size_t n, char sep)
{
    /* csvw.cell: neutralised against formula injection, quoted when needed */
    int neutral = n > 0 && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r');
    int quote = 0;
    for (size_t i = 0; i < n && !quote; i++)
        quote = s[i] == sep || s[i] == '"' || s[i] == '\r' || s[i] == '\n';
    const char *ws = " \t\n\v\f\r";
    if (!quote && n > 0) quote = (!neutral && s[0] && strchr(ws, s[0])) || (s[n - 1] && strchr(ws, s[n - 1]));
    enum ctg_error e = CTG_OK;
    if (quote && (e = ctg_buf_add(b, "\"", 1)) != CTG_OK) return e;
    if (neutral && (e = ctg_buf_add(b, "'", 1)) != CTG_OK) return e;
    size_t from = 0;
    for (size_t i = 0; quote && i < n; i++) {
        if (s[i] == '"') { /* doubled */
            if ((e = ctg_buf_add(b, s + from, i + 1 - from)) != CTG_OK) return e;
            from = i;
        }
    }
    if ((e = ctg_buf_add(b, s + from, n - from)) != CTG_OK) return e;
    return quote ? ctg_buf_add(b, "\"", 1) : CTG_OK;
}

enum ctg_error ctg_csv_number(struct ctg_buf *b, double v, int is_int, int french)
{
    char s[40];
    if (is_int) {
        snprintf(s, sizeof s, "%lld", (long long)v);
    } else {
        snprintf(s, sizeof s, "%.15g", v);
        if (strtod(s, NULL) != v) snprintf(s, sizeof s, "%.17g", v);
    }
    if (french)
        for (char *p = s; *p; p++)
            if (*p == '.') *p = ',';
    return ctg_buf_add(b, s, strlen(s));
}
