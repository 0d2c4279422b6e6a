/* ctg.pg_schema — ctg's PostgreSQL schema as Lua sees it (store/postgres_schema.c), for
 * `ctg help store` (the roles' SQL as documented is the SQL the tests run) and the tests:
 *   pg.version             the schema version the migrations reach (SQLite's numbering)
 *   pg.migrations          { {version = 6, sql = "CREATE TABLE …"}, … }
 *   pg.lock_key            the pg_advisory_xact_lock key of the migrations
 *   pg.reader, pg.analyst  the SQL creating the reading and the importing role
 *   pg.script()            one script for psql: in a transaction, under the advisory lock,
 *                          each migration not yet applied, a database of a newer schema refused */
#include "ctg.h"
#include "store/postgres_schema.h"

#include <lauxlib.h>
#include <stdio.h>

/* the script's guard of one migration: applied when the database is below its version */
static void add_migration(luaL_Buffer *b, const struct ctg_pg_migration *m)
{
    char head[160];
    snprintf(head, sizeof head,
             "DO $ctg$ BEGIN IF coalesce((SELECT max(version) FROM ctg_schema), 0) < %d THEN\n", m->version);
    luaL_addstring(b, head);
    luaL_addstring(b, m->sql);
    snprintf(head, sizeof head, "INSERT INTO ctg_schema VALUES (%d);\nEND IF; END $ctg$;\n", m->version);
    luaL_addstring(b, head);
}

static int l_script(lua_State *L)
{
    int last = ctg_pg_migrations[ctg_pg_migration_count - 1].version;
    char line[400];
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    snprintf(line, sizeof line, "BEGIN;\nSELECT pg_advisory_xact_lock(%d);\n", CTG_PG_LOCK_KEY);
    luaL_addstring(&b, line);
    luaL_addstring(&b, ctg_pg_bookkeeping_sql);
    snprintf(line, sizeof line,
             "DO $ctg$ BEGIN IF coalesce((SELECT max(version) FROM ctg_schema), 0) > %d THEN\n"
             "RAISE EXCEPTION 'base au schéma %%, plus récent que celui de ce ctg (%d)', "
             "(SELECT max(version) FROM ctg_schema);\nEND IF; END $ctg$;\n",
             last, last);
    luaL_addstring(&b, line);
    for (int i = 0; i < ctg_pg_migration_count; i++)
        add_migration(&b, &ctg_pg_migrations[i]);
    luaL_addstring(&b, "COMMIT;\n");
    luaL_pushresult(&b);
    return 1;
}

int luaopen_ctg_pg_schema(lua_State *L)
{
    lua_newtable(L);
    lua_pushinteger(L, ctg_pg_migrations[ctg_pg_migration_count - 1].version);
    lua_setfield(L, -2, "version");
    lua_createtable(L, ctg_pg_migration_count, 0);
    for (int i = 0; i < ctg_pg_migration_count; i++) {
        lua_createtable(L, 0, 2);
        lua_pushinteger(L, ctg_pg_migrations[i].version);
        lua_setfield(L, -2, "version");
        lua_pushstring(L, ctg_pg_migrations[i].sql);
        lua_setfield(L, -2, "sql");
        lua_rawseti(L, -2, i + 1);
    }
    lua_setfield(L, -2, "migrations");
    lua_pushinteger(L, CTG_PG_LOCK_KEY);
    lua_setfield(L, -2, "lock_key");
    lua_pushstring(L, ctg_pg_bookkeeping_sql);
    lua_setfield(L, -2, "bookkeeping");
    lua_pushstring(L, ctg_pg_reader_sql);
    lua_setfield(L, -2, "reader");
    lua_pushstring(L, ctg_pg_analyst_sql);
    lua_setfield(L, -2, "analyst");
    lua_pushcfunction(L, l_script);
    lua_setfield(L, -2, "script");
    return 1;
}
