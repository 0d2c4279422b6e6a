/* The data fingerprint's hashing, the same on every engine (issue 28: a fingerprint "the same
 * for the same data whatever its history or engine"): what an observation row says, hashed
 * from its texts and numbers alone, so that SQLite's engine (store/sqlite_fingerprint.c) and
 * PostgreSQL's give equal values for equal rows. No engine, no Lua here.
 *
 * A row's hash mixes the hash of its key (one hash per text of its six dictionaries: plan,
 * record, subject, period, territory, dims — an engine computes it once per dictionary entry)
 * with the hash of what it says: value, numerator, denominator by their IEEE bits (no text
 * conversion decides), then text, missing, status, note (NULL and "" told apart). The
 * fingerprint of a plan is the sum of its current rows' hashes: it needs no order. */
#ifndef CTG_CORE_FINGERPRINT_H
#define CTG_CORE_FINGERPRINT_H

#include <stddef.h>
#include <stdint.h>

/* FNV-1a's offset basis: where a hash of texts and numbers starts. */
#define CTG_FP_START 14695981039346656037ULL

/* h extended by a text of n bytes and a unit separator; t NULL: a NULL (a record separator
 * alone). */
uint64_t ctg_fp_text(uint64_t h, const char *t, size_t n);

/* h extended by a number's IEEE bits, little end first whatever the machine (-0 as 0);
 * is_null: a NULL (a record separator alone). */
uint64_t ctg_fp_number(uint64_t h, int is_null, double v);

/* The hash of one dictionary entry (a key's text): ctg_fp_text from CTG_FP_START. */
uint64_t ctg_fp_entry(const char *t, size_t n);

/* A row's hash from its key's six entry hashes (0 for an id no dictionary holds) and the
 * hash of what it says (ctg_fp_number three times, then ctg_fp_text four times, from
 * CTG_FP_START). */
uint64_t ctg_fp_row(const uint64_t key[6], uint64_t content);

#endif
