/* The accumulators of the indicator kinds (kinds.h): the arithmetic the engine applies to a
 * kind's figures, in the order the former Lua implementation used (sums start from the
 * first figure and add the others in plan order), so that every printed value is bit for
 * bit the same. */
#include <string.h>

#include "core/kinds.h"

/* Adds v to *field, remembering whether every figure added was an integer. */
static void add_num(double *field, uint8_t *has, uint8_t *ints, int flag, double v, int v_int)
{
    if (!(*has & flag)) {
        *field = 0.0 + v;
        *has |= (uint8_t)flag;
        if (v_int) *ints |= (uint8_t)flag; else *ints &= (uint8_t)~flag;
    } else {
        *field += v;
        if (!v_int) *ints &= (uint8_t)~flag;
    }
}

static void latest(int64_t *row, int64_t other)
{
    if (other && (!*row || other > *row)) *row = other;
}

/* Every kind so far adds a cell's sums to the running value: the time combination (which
 * cells) is the engine's. */
static void accumulate_sums(struct ctg_acc *a, const struct ctg_kind_cell *c)
{
    latest(&a->text_row, c->text_row);
    latest(&a->missing_row, c->missing_row);
    a->n += c->n, a->missing += c->missing, a->texts += c->texts, a->values += c->values;
    a->weighted_values += c->weighted_values;
    if (c->values) add_num(&a->value, &a->has, &a->ints, CTG_ACC_VALUE, c->value, c->ints & CTG_ACC_VALUE);
    if (c->has_numerator) add_num(&a->numerator, &a->has, &a->ints, CTG_ACC_NUM, c->numerator, c->ints & CTG_ACC_NUM);
    if (c->has_denominator)
        add_num(&a->denominator, &a->has, &a->ints, CTG_ACC_DEN, c->denominator, c->ints & CTG_ACC_DEN);
    if (c->weighted_values)
        add_num(&a->weighted, &a->has, &a->ints, CTG_ACC_WEIGHTED, c->weighted, c->ints & CTG_ACC_WEIGHTED);
}

/* The counts every merge adds, whatever it does with the figures. */
static void merge_counts(struct ctg_acc *a, const struct ctg_acc *sub)
{
    a->n += sub->n, a->missing += sub->missing, a->values += sub->values, a->texts += sub->texts;
    a->weighted_values += sub->weighted_values;
    latest(&a->text_row, sub->text_row);
    latest(&a->missing_row, sub->missing_row);
    if (sub->unaggregable) a->unaggregable = 1;
}

/* Over territories by sums (Σ values, Σ numerators / Σ denominators). A ratio given as a
 * published rate alone cannot be summed: the roll-up goes on without it (a partial value,
 * the member named among the missing ones) and remembers it (unaggregable), so that a
 * roll-up of nothing but published rates says so. */
static void merge_sums(struct ctg_acc *a, const struct ctg_acc *sub)
{
    if (sub->published || (sub->unaggregable && !(sub->has & (CTG_ACC_NUM | CTG_ACC_DEN)))) {
        a->n += sub->n, a->missing += sub->missing;
        a->unaggregable = 1;
        return;
    }
    merge_counts(a, sub);
    if (sub->has & CTG_ACC_VALUE)
        add_num(&a->value, &a->has, &a->ints, CTG_ACC_VALUE, sub->value, sub->ints & CTG_ACC_VALUE);
    if (sub->has & CTG_ACC_NUM)
        add_num(&a->numerator, &a->has, &a->ints, CTG_ACC_NUM, sub->numerator, sub->ints & CTG_ACC_NUM);
    if (sub->has & CTG_ACC_DEN)
        add_num(&a->denominator, &a->has, &a->ints, CTG_ACC_DEN, sub->denominator, sub->ints & CTG_ACC_DEN);
    if (sub->has & CTG_ACC_WEIGHTED)
        add_num(&a->weighted, &a->has, &a->ints, CTG_ACC_WEIGHTED, sub->weighted, sub->ints & CTG_ACC_WEIGHTED);
}

/* Over territories by the highest value (the largest structure's places): the member with
 * the highest figure gives its figure, integer or not; the first one in plan order on a tie. */
static void merge_max(struct ctg_acc *a, const struct ctg_acc *sub)
{
    merge_counts(a, sub);
    if (!(sub->has & CTG_ACC_VALUE)) return;
    if (!(a->has & CTG_ACC_VALUE) || sub->value > a->value) {
        a->value = sub->value;
        a->has |= CTG_ACC_VALUE;
        a->ints = (uint8_t)((a->ints & ~CTG_ACC_VALUE) | (sub->ints & CTG_ACC_VALUE));
    }
}

static void clear(struct ctg_kind_out *out) { memset(out, 0, sizeof *out); }

/* A number as it is (a count, a maximum). */
static enum ctg_kind_why finish_value(const struct ctg_acc *a, const struct ctg_kind_param *p, struct ctg_kind_out *out)
{
    (void)p;
    clear(out);
    if (!(a->has & CTG_ACC_VALUE)) return CTG_KIND_NO_OBSERVATION;
    out->has_value = 1, out->value = a->value, out->value_int = (a->ints & CTG_ACC_VALUE) != 0;
    return CTG_KIND_OK;
}

/* Σ numerators / Σ denominators × scale: never a mean of rates, never a division by zero. */
static enum ctg_kind_why finish_ratio(const struct ctg_acc *a, const struct ctg_kind_param *p, struct ctg_kind_out *out)
{
    clear(out);
    out->has_num = (a->has & CTG_ACC_NUM) != 0, out->numerator = a->numerator;
    out->num_int = (a->ints & CTG_ACC_NUM) != 0;
    out->has_den = (a->has & CTG_ACC_DEN) != 0, out->denominator = a->denominator;
    out->den_int = (a->ints & CTG_ACC_DEN) != 0;
    if (!out->has_num || !out->has_den) return CTG_KIND_INCOMPLETE_RATIO;
    if (a->denominator == 0) return CTG_KIND_ZERO_DENOMINATOR;
    out->has_value = 1, out->value = a->numerator / a->denominator * p->scale;
    return CTG_KIND_OK;
}

/* The value over the value at the baseline period (1: unchanged). */
static enum ctg_kind_why finish_evolution(const struct ctg_acc *a, const struct ctg_kind_param *p,
                                          struct ctg_kind_out *out)
{
    clear(out);
    if (!(a->has & CTG_ACC_VALUE)) return CTG_KIND_NO_OBSERVATION;
    out->has_num = 1, out->numerator = a->value, out->num_int = (a->ints & CTG_ACC_VALUE) != 0;
    if (!p->has_base) return CTG_KIND_NO_BASELINE;
    if (p->base == 0) return CTG_KIND_ZERO_BASELINE;
    out->has_den = 1, out->denominator = p->base, out->den_int = p->base_int;
    out->has_value = 1, out->value = a->value / p->base;
    out->has_change = 1, out->change = out->value - 1;
    return CTG_KIND_OK;
}

/* A mean score: over several answers' means weighted by their respondents; without counts
 * for every one, the plain mean of means, and the value says so (unweighted). */
static enum ctg_kind_why finish_score(const struct ctg_acc *a, const struct ctg_kind_param *p, struct ctg_kind_out *out)
{
    (void)p;
    clear(out);
    if (!(a->has & CTG_ACC_VALUE) || a->values == 0) return CTG_KIND_NO_OBSERVATION;
    if (a->weighted_values == a->values && (a->has & CTG_ACC_DEN) && a->denominator > 0) {
        out->has_value = 1, out->value = a->weighted / a->denominator;
        out->has_respondents = 1, out->respondents = a->denominator;
        out->respondents_int = (a->ints & CTG_ACC_DEN) != 0;
    } else {
        out->has_value = 1, out->value = a->value / a->values;
        if (a->values > 1) out->unweighted = a->values;
    }
    out->has_num = (a->has & CTG_ACC_NUM) != 0, out->numerator = a->numerator;
    out->num_int = (a->ints & CTG_ACC_NUM) != 0;
    out->has_den = (a->has & CTG_ACC_DEN) != 0, out->denominator = a->denominator;
    out->den_int = (a->ints & CTG_ACC_DEN) != 0;
    if (out->has_num && out->has_den && a->denominator > 0) out->has_share = 1, out->share = a->numerator / a->denominator;
    return CTG_KIND_OK;
}

/* A text assessment: the latest text, which the engine reads from the store. */
static enum ctg_kind_why finish_text(const struct ctg_acc *a, const struct ctg_kind_param *p, struct ctg_kind_out *out)
{
    (void)a, (void)p;
    clear(out);
    return CTG_KIND_TEXT;
}

static const struct ctg_kind_ops KINDS[] = {
    {"sum", CTG_SHAPE_VALUE, accumulate_sums, merge_sums, finish_value},
    {"ratio", CTG_SHAPE_RATIO, accumulate_sums, merge_sums, finish_ratio},
    {"evolution", CTG_SHAPE_EVOLUTION, accumulate_sums, merge_sums, finish_evolution},
    {"score", CTG_SHAPE_SCORE, accumulate_sums, merge_sums, finish_score},
    {"text", CTG_SHAPE_TEXT, accumulate_sums, merge_sums, finish_text},
    {"max", CTG_SHAPE_VALUE, accumulate_sums, merge_max, finish_value},
};
#define NKINDS (sizeof KINDS / sizeof KINDS[0])

const struct ctg_kind_ops *ctg_kind_find(const char *name, size_t n)
{
    for (size_t i = 0; name && i < NKINDS; i++)
        if (strlen(KINDS[i].name) == n && memcmp(KINDS[i].name, name, n) == 0) return &KINDS[i];
    return NULL;
}

const char *const *ctg_kind_names(void)
{
    static const char *names[NKINDS + 1];
    if (!names[0])
        for (size_t i = 0; i < NKINDS; i++) names[i] = KINDS[i].name;
    return names;
}
