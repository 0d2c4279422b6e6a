/* The engine registry: which storage engine a database's path selects (store/engines.h).
 * One rule, wherever the path comes from (--db, $CTG_DB, base: in ctg.yaml): a PostgreSQL
 * connection URL selects PostgreSQL, anything else is a SQLite file. */
#include <string.h>

#include "store/engines.h"

extern const struct ctg_engine_ops ctg_sqlite_ops;
extern const struct ctg_engine_ops ctg_postgres_ops;

/* The URL schemes libpq accepts for a connection (its "connection URIs"). */
static const char *const POSTGRES_SCHEMES[] = {"postgresql://", "postgres://", NULL};

int ctg_engine_is_postgres(const char *path)
{
    for (const char *const *p = POSTGRES_SCHEMES; *p; p++)
        if (strncmp(path, *p, strlen(*p)) == 0)
            return 1;
    return 0;
}

const struct ctg_engine_ops *ctg_engine_for(const char *path)
{
    if (ctg_engine_is_postgres(path))
        return &ctg_postgres_ops;
    return &ctg_sqlite_ops;
}

const struct ctg_engine_ops *ctg_engine_default(void)
{
    return &ctg_sqlite_ops;
}
