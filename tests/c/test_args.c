/* ctg's global command line: modes, options, errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "args.h"

static int is_cmd(const char *word)
{
    return strcmp(word, "check") == 0 || strcmp(word, "repl") == 0;
}

#define PARSE(inv, ...)                                                                   \
    do {                                                                                  \
        char *argv_[] = {"ctg", __VA_ARGS__, NULL};                                       \
        rc = ctg_args_parse((int)(sizeof argv_ / sizeof argv_[0]) - 1, argv_, is_cmd, &inv); \
    } while (0)

static void no_arguments_is_the_repl(void **state)
{
    (void)state;
    struct ctg_invocation inv;
    char *argv[] = {"ctg", NULL};
    assert_int_equal(ctg_args_parse(1, argv, is_cmd, &inv), CTG_EXIT_OK);
    assert_int_equal(inv.mode, CTG_MODE_REPL);
    assert_null(inv.opts.db);
}

static void script_and_its_arguments(void **state)
{
    (void)state;
    struct ctg_invocation inv;
    int rc;
    PARSE(inv, "--traceback", "run.lua", "--db", "x");
    assert_int_equal(rc, CTG_EXIT_OK);
    assert_int_equal(inv.mode, CTG_MODE_SCRIPT);
    assert_int_equal(inv.first, 2);
    assert_true(inv.opts.traceback);
    assert_null(inv.opts.db); /* --db after the script belongs to the script */
}

static void subcommand_with_db_before(void **state)
{
    (void)state;
    struct ctg_invocation inv;
    int rc;
    PARSE(inv, "--db", "data.db", "check", "plan.lua");
    assert_int_equal(rc, CTG_EXIT_OK);
    assert_int_equal(inv.mode, CTG_MODE_COMMAND);
    assert_int_equal(inv.first, 3);
    assert_string_equal(inv.opts.db, "data.db");
    PARSE(inv, "--db=other.db", "repl");
    assert_string_equal(inv.opts.db, "other.db");
    assert_int_equal(inv.mode, CTG_MODE_COMMAND);
}

static void expressions_in_order(void **state)
{
    (void)state;
    struct ctg_invocation inv;
    int rc;
    PARSE(inv, "-e", "x = 1", "-eprint(x)");
    assert_int_equal(rc, CTG_EXIT_OK);
    assert_int_equal(inv.mode, CTG_MODE_EXPRS);
    assert_int_equal(inv.nexprs, 2);
    assert_string_equal(inv.exprs[0], "x = 1");
    assert_string_equal(inv.exprs[1], "print(x)");
}

static void stdin_dash_and_double_dash(void **state)
{
    (void)state;
    struct ctg_invocation inv;
    int rc;
    PARSE(inv, "-", "a");
    assert_int_equal(inv.mode, CTG_MODE_STDIN);
    assert_int_equal(inv.first, 1);
    PARSE(inv, "--", "--weird.lua");
    assert_int_equal(rc, CTG_EXIT_OK);
    assert_int_equal(inv.mode, CTG_MODE_SCRIPT);
    assert_int_equal(inv.first, 2);
}

static void help_and_version(void **state)
{
    (void)state;
    struct ctg_invocation inv;
    int rc;
    PARSE(inv, "--help");
    assert_int_equal(inv.mode, CTG_MODE_HELP);
    PARSE(inv, "-v");
    assert_int_equal(rc, CTG_EXIT_OK);
    assert_int_equal(inv.mode, CTG_MODE_VERSION);
}

static void usage_errors(void **state)
{
    (void)state;
    struct ctg_invocation inv;
    int rc;
    unsetenv("CTG_LANG"); /* French, whatever the caller's environment */
    PARSE(inv, "--bogus");
    assert_int_equal(rc, CTG_EXIT_USAGE);
    assert_string_equal(inv.error, "option inconnue '--bogus'");
    PARSE(inv, "--db");
    assert_int_equal(rc, CTG_EXIT_USAGE);
    assert_string_equal(inv.error, "l'option '--db' attend une valeur");
    PARSE(inv, "-e");
    assert_int_equal(rc, CTG_EXIT_USAGE);
    assert_string_equal(inv.error, "l'option '-e' attend un morceau de Lua");
}

/* CTG_LANG=en: the same errors in English. */
static void usage_errors_english(void **state)
{
    (void)state;
    struct ctg_invocation inv;
    int rc;
    setenv("CTG_LANG", "en", 1);
    PARSE(inv, "--bogus");
    assert_int_equal(rc, CTG_EXIT_USAGE);
    assert_string_equal(inv.error, "unknown option '--bogus'");
    PARSE(inv, "--db");
    assert_string_equal(inv.error, "option '--db' needs a value");
    unsetenv("CTG_LANG");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(no_arguments_is_the_repl),
        cmocka_unit_test(script_and_its_arguments),
        cmocka_unit_test(subcommand_with_db_before),
        cmocka_unit_test(expressions_in_order),
        cmocka_unit_test(stdin_dash_and_double_dash),
        cmocka_unit_test(help_and_version),
        cmocka_unit_test(usage_errors),
        cmocka_unit_test(usage_errors_english),
    };
    return cmocka_run_group_tests_name("args", tests, NULL, NULL);
}
