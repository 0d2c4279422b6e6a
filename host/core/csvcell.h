/* CSV cells as ctg writes them (ctg.csvw.cell's rules, in C for the engine's rows): a text
 * neutralised against formula injection (a leading = + - @ tab or CR gets a quote mark) and
 * quoted when it holds the separator, a quote, a line break or edge spaces; a number in the
 * shortest of %.15g and %.17g that reads back, with the dialect's decimal mark. Written into
 * a core buffer: no Lua, no FILE. */
#ifndef CTG_CORE_CSVCELL_H
#define CTG_CORE_CSVCELL_H

#include <stddef.h>

#include "core/buf.h"

/* Append the cell of text s (n bytes) for separator sep. */
enum ctg_error ctg_csv_text(struct ctg_buf *b, const char *s, size_t n, char sep);

/* Append the cell of number v: an integer's digits when is_int, else the shortest of %.15g
 * and %.17g that reads back; with a decimal comma when french. */
enum ctg_error ctg_csv_number(struct ctg_buf *b, double v, int is_int, int french);

#endif
