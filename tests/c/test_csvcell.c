/* CSV cells as the engine writes them (host/core/csvcell.h) into the core's buffer: texts
 * neutralised and quoted by csvw.cell's rules, numbers in the shortest form that reads back,
 * with a decimal comma in the French dialect. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "core/csvcell.h"

/* The cell of s for sep, as a string owned by the buffer b (reset first). */
static const char *text_cell(struct ctg_buf *b, const char *s, char sep)
{
    ctg_buf_reset(b);
    assert_int_equal(ctg_csv_text(b, s, strlen(s), sep), CTG_OK);
    return b->s;
}

static const char *number_cell(struct ctg_buf *b, double v, int is_int, int french)
{
    ctg_buf_reset(b);
    assert_int_equal(ctg_csv_number(b, v, is_int, french), CTG_OK);
    return b->s;
}

static void texts_are_quoted_and_neutralised(void **state)
{
    (void)state;
    struct ctg_buf b = {0};
    assert_string_equal(text_cell(&b, "Avesnes-sur-Helpe", ';'), "Avesnes-sur-Helpe");
    assert_string_equal(text_cell(&b, "Trélon; Glageon", ';'), "\"Trélon; Glageon\"");
    assert_string_equal(text_cell(&b, "Trélon; Glageon", ','), "Trélon; Glageon");
    assert_string_equal(text_cell(&b, "dit \"le Bocage\"", ','), "\"dit \"\"le Bocage\"\"\"");
    assert_string_equal(text_cell(&b, "=SOMME(A1:A3)", ';'), "'=SOMME(A1:A3)");
    assert_string_equal(text_cell(&b, "-12", ';'), "'-12");
    assert_string_equal(text_cell(&b, " marge", ';'), "\" marge\"");
    assert_string_equal(text_cell(&b, "ligne\nsuivante", ';'), "\"ligne\nsuivante\"");
    /* an empty text is a cell too */
    assert_string_equal(text_cell(&b, "", ';'), "");
    assert_true(b.set);
    ctg_buf_free(&b);
    assert_null(b.s);
}

static void numbers_read_back_in_their_dialect(void **state)
{
    (void)state;
    struct ctg_buf b = {0};
    assert_string_equal(number_cell(&b, 1600000, 1, 1), "1600000");
    assert_string_equal(number_cell(&b, 13.5, 0, 1), "13,5");
    assert_string_equal(number_cell(&b, 13.5, 0, 0), "13.5");
    assert_string_equal(number_cell(&b, 0.1 + 0.2, 0, 0), "0.30000000000000004");
    assert_string_equal(number_cell(&b, 2.0 / 3.0, 0, 1), "0,66666666666666663");
    ctg_buf_free(&b);
}

static void a_row_is_cells_appended(void **state)
{
    (void)state;
    struct ctg_buf b = {0};
    assert_int_equal(ctg_csv_text(&b, "fourmies", 8, ';'), CTG_OK);
    assert_int_equal(ctg_buf_add(&b, ";", 1), CTG_OK);
    assert_int_equal(ctg_csv_number(&b, 42.25, 0, 1), CTG_OK);
    assert_string_equal(b.s, "fourmies;42,25");
    assert_int_equal(b.len, strlen("fourmies;42,25"));
    /* a buffer grows past its first size, keeping what it holds */
    char big[300];
    memset(big, 'x', sizeof big);
    assert_int_equal(ctg_buf_add(&b, big, sizeof big), CTG_OK);
    assert_int_equal(b.len, strlen("fourmies;42,25") + sizeof big);
    assert_int_equal(memcmp(b.s, "fourmies;42,25x", 15), 0);
    assert_int_equal(b.s[b.len], '\0');
    ctg_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(texts_are_quoted_and_neutralised),
        cmocka_unit_test(numbers_read_back_in_their_dialect),
        cmocka_unit_test(a_row_is_cells_appended),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
