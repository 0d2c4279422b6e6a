/* The floor of an import, for `make bench`: stream an observation file with libyaml into one
 * prepared INSERT in one transaction, with no validation at all. It writes the rows ctg
 * writes (plan id, record, indicator, period, territory, dimensions, values, line, the same
 * 64-bit key over the same six columns, so the indexes grow alike), so the ratio measures
 * what ctg adds: checking, revisions, provenance. ctg's import is timed against it in the
 * same run.
 *
 * usage: floor DB FILE.yaml — DB must already hold the ctg schema and one import (id 1). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <yaml.h>

#define MAX_DIMS 8

static const char *const columns[] = {"indicator", "period", "territory", "value", "numerator",
                                      "denominator", "text"};
#define NCOLUMNS 7

static int fail(sqlite3 *db, const char *what)
{
    fprintf(stderr, "floor: %s: %s\n", what, db ? sqlite3_errmsg(db) : "error");
    return 1;
}

/* The key ctg computes: FNV-1a over plan, record, subject, period, territory, dims. */
static unsigned long long hash_key(const char *const cols[6])
{
    unsigned long long h = 14695981039346656037ULL;
    for (int i = 0; i < 6; i++) {
        for (const char *p = cols[i]; *p; p++) {
            h ^= (unsigned char)*p;
            h *= 1099511628211ULL;
        }
        h ^= 0x1f;
        h *= 1099511628211ULL;
    }
    return h;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: floor DB FILE.yaml\n");
        return 2;
    }
    sqlite3 *db;
    if (sqlite3_open(argv[1], &db) != SQLITE_OK)
        return fail(db, "open");
    sqlite3_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db,
                           "INSERT INTO observation (plan_id, record, subject, period, territory, "
                           "dims, value, numerator, denominator, text, import_id, line, revision, key) "
                           "VALUES (?10, 'value', ?1, ?2, ?3, ?11, ?4, ?5, ?6, ?7, 1, ?8, 1, ?9)",
                           -1, &st, NULL) != SQLITE_OK)
        return fail(db, "prepare");
    FILE *f = fopen(argv[2], "rb");
    if (!f) {
        perror(argv[2]);
        return 1;
    }
    yaml_parser_t parser;
    yaml_event_t ev;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_file(&parser, f);
    if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        return fail(db, "begin");
    /* depth 1: the top mapping; depth 2: a sequence; depth 3: a row mapping */
    int depth = 0, in_row = 0, expect_key = 1, current = -1, top_key_plan = 0;
    long rows = 0;
    char fields[NCOLUMNS][256], plan_id[256] = "", dim_names[MAX_DIMS][64], dim_values[MAX_DIMS][256];
    int have[NCOLUMNS], ndims = 0;
    for (;;) {
        if (!yaml_parser_parse(&parser, &ev)) {
            fprintf(stderr, "floor: YAML error at line %zu\n", parser.problem_mark.line + 1);
            return 1;
        }
        yaml_event_type_t type = ev.type;
        if (type == YAML_MAPPING_START_EVENT || type == YAML_SEQUENCE_START_EVENT) {
            depth++;
            if (type == YAML_MAPPING_START_EVENT && depth == 3) {
                in_row = 1;
                expect_key = 1;
                ndims = 0;
                memset(have, 0, sizeof have);
            }
        } else if (type == YAML_MAPPING_END_EVENT || type == YAML_SEQUENCE_END_EVENT) {
            if (type == YAML_MAPPING_END_EVENT && depth == 3 && in_row) {
                sqlite3_reset(st);
                for (int i = 0; i < NCOLUMNS; i++) {
                    if (!have[i])
                        sqlite3_bind_null(st, i + 1);
                    else if (i >= 3 && i <= 5)
                        sqlite3_bind_double(st, i + 1, atof(fields[i]));
                    else
                        sqlite3_bind_text(st, i + 1, fields[i], -1, SQLITE_TRANSIENT);
                }
                /* dimensions as ctg writes them: "name=value" sorted by name */
                char dims[1024] = "";
                for (int a = 0; a < ndims; a++)
                    for (int b = a + 1; b < ndims; b++)
                        if (strcmp(dim_names[b], dim_names[a]) < 0) {
                            char tn[64], tv[256];
                            memcpy(tn, dim_names[a], 64), memcpy(tv, dim_values[a], 256);
                            memcpy(dim_names[a], dim_names[b], 64), memcpy(dim_values[a], dim_values[b], 256);
                            memcpy(dim_names[b], tn, 64), memcpy(dim_values[b], tv, 256);
                        }
                for (int a = 0; a < ndims; a++)
                    snprintf(dims + strlen(dims), sizeof dims - strlen(dims), "%s%s=%s", a ? ";" : "",
                             dim_names[a], dim_values[a]);
                const char *cols[6] = {plan_id, "value", fields[0], fields[1], fields[2], dims};
                sqlite3_bind_int64(st, 8, (sqlite3_int64)ev.start_mark.line + 1);
                sqlite3_bind_int64(st, 9, (sqlite3_int64)hash_key(cols));
                sqlite3_bind_text(st, 10, plan_id, -1, SQLITE_STATIC);
                sqlite3_bind_text(st, 11, dims, -1, SQLITE_TRANSIENT);
                if (sqlite3_step(st) != SQLITE_DONE)
                    return fail(db, "insert");
                rows++;
                in_row = 0;
            }
            depth--;
        } else if (type == YAML_SCALAR_EVENT && depth == 1) {
            /* top-level: remember the plan id */
            const char *v = (const char *)ev.data.scalar.value;
            if (top_key_plan)
                snprintf(plan_id, sizeof plan_id, "%s", v);
            top_key_plan = !top_key_plan && strcmp(v, "plan") == 0;
        } else if (type == YAML_SCALAR_EVENT && in_row) {
            const char *v = (const char *)ev.data.scalar.value;
            if (expect_key) {
                current = -1;
                for (int i = 0; i < NCOLUMNS; i++)
                    if (strcmp(v, columns[i]) == 0)
                        current = i;
                if (current < 0 && ndims < MAX_DIMS) {
                    snprintf(dim_names[ndims], sizeof dim_names[ndims], "%s", v);
                    current = -2 - ndims;
                }
            } else if (current >= 0) {
                snprintf(fields[current], sizeof fields[current], "%s", v);
                have[current] = 1;
            } else if (current <= -2) {
                snprintf(dim_values[-2 - current], sizeof dim_values[0], "%s", v);
                ndims++;
            }
            expect_key = !expect_key;
        } else if (type == YAML_STREAM_END_EVENT) {
            yaml_event_delete(&ev);
            break;
        }
        yaml_event_delete(&ev);
    }
    if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        return fail(db, "commit");
    yaml_parser_delete(&parser);
    fclose(f);
    sqlite3_finalize(st);
    sqlite3_close(db);
    printf("%ld\n", rows);
    return 0;
}
