/* A fake storage engine for the C tests of the core (the kernel, the engine): dictionaries
 * and rows in arrays, served through the storage engine interface (store/engine.h) the way a
 * second engine would, with what it was asked kept for the tests to check. Include it after
 * cmocka.h and core/kernel.h (or core/engine.h). */
#ifndef CTG_TESTS_FAKE_STORE_H
#define CTG_TESTS_FAKE_STORE_H

struct fake {
    struct ctg_engine base;
    const char *const *dict[CTG_NDICTS]; /* id i + 1 -> text, NULL-terminated */
    const struct ctg_scan_row *values, *parts;
    size_t nvalues, nparts;
    int fail_scan;                       /* the scan fails as an engine does */
    int64_t stray_period;                /* an id the period dictionary gives too (0: none) */
    struct ctg_slice last;               /* the last slice asked for */
    int64_t last_subject;
    int scans;
};

static int fake_dict_id(struct ctg_engine *e, enum ctg_dict d, const char *text, int64_t *id,
                        struct ctg_engine_error *err)
{
    (void)err;
    struct fake *f = (struct fake *)e;
    *id = 0;
    for (int64_t i = 0; f->dict[d] && f->dict[d][i]; i++)
        if (strcmp(f->dict[d][i], text) == 0)
            *id = i + 1;
    return CTG_ENGINE_OK;
}

static int fake_dict_each(struct ctg_engine *e, enum ctg_dict d, ctg_dict_fn each, void *ud,
                          struct ctg_engine_error *err)
{
    (void)err;
    struct fake *f = (struct fake *)e;
    for (int64_t i = 0; f->dict[d] && f->dict[d][i]; i++) {
        int stop = each(ud, i + 1, f->dict[d][i], strlen(f->dict[d][i]));
        if (stop)
            return stop;
    }
    if (d == CTG_DICT_PERIOD && f->stray_period)
        return each(ud, f->stray_period, "2099", 4);
    return CTG_ENGINE_OK;
}

static int fake_scan(struct ctg_engine *e, const struct ctg_slice *slice, ctg_scan_fn each, void *ud,
                     struct ctg_engine_error *err)
{
    struct fake *f = (struct fake *)e;
    f->last = *slice;
    f->last_subject = slice->subjects.ids && slice->subjects.n == 1 ? slice->subjects.ids[0] : 0;
    f->scans++;
    if (f->fail_scan) {
        memset(err, 0, sizeof *err);
        err->status = CTG_ENGINE_FAILED;
        err->code = 10;
        err->what = "store.read";
        snprintf(err->detail, sizeof err->detail, "connexion perdue");
        return err->status;
    }
    const struct ctg_scan_row *rows = slice->records == CTG_RECORDS_PARTS ? f->parts : f->values;
    size_t n = slice->records == CTG_RECORDS_PARTS ? f->nparts : f->nvalues;
    for (size_t i = 0; i < n; i++) {
        if (f->last_subject && rows[i].ids[0] != f->last_subject)
            continue;
        int stop = each(ud, &rows[i]);
        if (stop)
            return stop;
    }
    return CTG_ENGINE_OK;
}

/* only what the kernel asks: the other operations stay NULL */
static const struct ctg_engine_ops FAKE_OPS = {
    .name = "Fake", .dict_id = fake_dict_id, .dict_each = fake_dict_each, .scan = fake_scan,
};

/* A value row: subject, period, territory, dims ids, a value (NaN: none). */
static struct ctg_scan_row value_row(int64_t id, int64_t s, int64_t p, int64_t t, int64_t d, double v)
{
    struct ctg_scan_row r;
    memset(&r, 0, sizeof r);
    r.id = id, r.ids[0] = s, r.ids[1] = p, r.ids[2] = t, r.ids[3] = d, r.ids_typed = 0xf, r.record = 1;
    if (v == v)
        r.type[0] = CTG_CELL_NUMBER, r.number[0] = v;
    return r;
}

/* A part of a ratio: record 5 (numerator) or 6 (denominator). */
static struct ctg_scan_row part_row(int64_t id, int64_t s, int64_t p, int64_t t, int record, double v)
{
    struct ctg_scan_row r = value_row(id, s, p, t, 1, NAN);
    r.record = record;
    r.type[record == 5 ? 1 : 2] = CTG_CELL_NUMBER;
    r.number[record == 5 ? 1 : 2] = v;
    return r;
}

#endif
