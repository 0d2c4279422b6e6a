/* What every engine checks of a slice before reading it (store/engine.h): the same refusal and
 * the same empty answer whatever the engine. */
#include <stdio.h>
#include <string.h>

#include "store/engine.h"

int ctg_slice_admit(const struct ctg_engine *e, const struct ctg_slice *slice, int *empty,
                    struct ctg_engine_error *err)
{
    *empty = 0;
    /* a moment other than the handle's is refused, never read as the latest */
    if (slice->known_at && (!e->known_at || strcmp(slice->known_at, e->known_at) != 0)) {
        memset(err, 0, sizeof *err);
        err->status = CTG_ENGINE_REFUSED;
        err->what = "store.read";
        snprintf(err->detail, sizeof err->detail, "known-at %s is not the moment of this handle (%s)",
                 slice->known_at, e->known_at ? e->known_at : "latest");
        return err->status;
    }
    *empty = (slice->subjects.ids && slice->subjects.n == 0) || (slice->periods.ids && slice->periods.n == 0) ||
             (slice->territories.ids && slice->territories.n == 0);
    return CTG_ENGINE_OK;
}
