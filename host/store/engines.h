/* The storage engines compiled into ctg, as the program (main.c) meets them before any
 * database is open: the library's version for --version, its process-wide setup. */
#ifndef CTG_STORE_ENGINES_H
#define CTG_STORE_ENGINES_H

/* The SQLite library's version ("3.40.1"). */
const char *ctg_sqlite_library_version(void);

/* SQLite's process-wide configuration, before any handle is opened. */
void ctg_sqlite_setup(void);

#endif
