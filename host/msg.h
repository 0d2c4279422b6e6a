/* The message catalogue (stdlib/ctg/msg, ctg.msg) seen from C: a native module says what
 * went wrong by key and placeholders, in the user's language (French, English with
 * CTG_LANG=en), and keeps its own English words for when no catalogue can be reached (the
 * C unit tests' bare Lua states). */
#ifndef CTG_MSG_H
#define CTG_MSG_H

#include <lua.h>

/* Push ctg.msg.text(key, vars) — vars are name/value pairs, NULL-terminated — or fallback
 * when the catalogue cannot be reached or has no such key; returns the pushed string. */
const char *ctg_msg_push(lua_State *L, const char *key, const char *const *vars, const char *fallback);

#endif
