/* Text bound for a terminal: control characters from plans and data (ESC sequences, C0
 * and C1 controls, stray bytes, bidirectional overrides and isolates) shown escaped, so
 * that nothing a plan or a data file holds can move the cursor, rewrite a line, change a
 * title bar or reverse what a person reads. A core without Lua (termsafe.c). */
#ifndef CTG_TERMSAFE_H
#define CTG_TERMSAFE_H

#include <stddef.h>

/* The length of the well-formed UTF-8 sequence at s (n bytes available) and its code point
 * in *cp, or 0 when s does not start one (a stray byte, an overlong form, a surrogate). */
size_t ctg_utf8_sequence(const unsigned char *s, size_t n, unsigned long *cp);

/* Is cp a bidirectional embedding, override or isolate (U+202A–U+202E, U+2066–U+2069)? */
int ctg_is_bidi_control(unsigned long cp);

/* Does text hold anything ctg_term_escape would escape (newlines and tabs allowed)? */
int ctg_term_unsafe(const char *s, size_t n);

/* Write s escaped through sink: C0 controls but newline and tab, DEL and stray bytes as
 * \xHH, C1 controls and bidirectional controls as \u{HHHH}; everything else as it is. */
typedef void (*ctg_sink)(void *ud, const char *s, size_t n);
void ctg_term_escape(const char *s, size_t n, ctg_sink sink, void *ud);

#endif
