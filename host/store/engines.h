/* The storage engines compiled into ctg: which one a path selects (store/engines.c), and what
 * the program (main.c) meets before any database is open: the library's version for
 * --version, its process-wide setup. */
#ifndef CTG_STORE_ENGINES_H
#define CTG_STORE_ENGINES_H

#include "store/engine.h"

/* Whether path is a PostgreSQL connection URL (postgresql://… or postgres://…). */
int ctg_engine_is_postgres(const char *path);

/* The engine that opens path: PostgreSQL for its URLs, SQLite for anything else (a file);
 * NULL when path names an engine this ctg was built without (the caller says so). */
const struct ctg_engine_ops *ctg_engine_for(const char *path);

/* The engine of a path that names none in particular (SQLite): its schema version is the
 * one ctg.store.schema_version() gives. */
const struct ctg_engine_ops *ctg_engine_default(void);

/* The SQLite library's version ("3.40.1"). */
const char *ctg_sqlite_library_version(void);

/* SQLite's process-wide configuration, before any handle is opened. */
void ctg_sqlite_setup(void);

#endif
