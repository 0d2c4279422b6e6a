/* ctg.model — the plan tree's index and invariants (see lua/plan_tree.c). */
#ifndef CTG_MODEL_H
#define CTG_MODEL_H

#include <lua.h>

enum ctg_kind {
    CTG_STAKE,
    CTG_TERRITORY,
    CTG_GROUP,
    CTG_COMMITTEE,
    CTG_FUNDING,
    CTG_AXIS,
    CTG_OBJECTIVE,
    CTG_ACTION,
    CTG_STEP,
    CTG_SHEET,
    CTG_INDICATOR,
    CTG_RULE,
    CTG_KIND_COUNT,
};

/* "action" -> CTG_ACTION; -1 when unknown. */
int ctg_kind_from_name(const char *name);
const char *ctg_kind_name(int kind);

/* Add the evaluation kernel (eval.c) to the module table on top of the stack. */
void ctg_eval_register(lua_State *L);

/* Add the evaluation engine (lua/engine.c, the binding of core/engine.c: roll-up, formulas, targets, CSV out) to it too. */
void ctg_engine_register(lua_State *L);

#endif
