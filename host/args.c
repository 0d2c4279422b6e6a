/* ctg's global options. Everything after the script name belongs to the script, and
 * everything after a subcommand to the subcommand (which accepts --db as well). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"

int ctg_lang_english(void)
{
    const char *lang = getenv("CTG_LANG");
    return lang && (lang[0] == 'e' || lang[0] == 'E') && (lang[1] == 'n' || lang[1] == 'N');
}

static int usage_error(struct ctg_invocation *inv, const char *fmt, const char *word)
{
    snprintf(inv->error, sizeof inv->error, fmt, word);
    return CTG_EXIT_USAGE;
}

/* "--db FILE" or "--db=FILE": store the value and advance *i past it. */
static int take_value(int argc, char **argv, int *i, const char *name, const char **out,
                      struct ctg_invocation *inv)
{
    size_t n = strlen(name);
    const char *a = argv[*i];
    if (a[n] == '=') {
        *out = a + n + 1;
        return CTG_EXIT_OK;
    }
    if (*i + 1 >= argc)
        return usage_error(inv, CTG_TEXT("l'option '%s' attend une valeur", "option '%s' needs a value"), name);
    *out = argv[++*i];
    return CTG_EXIT_OK;
}

static int is_option(const char *a, const char *name)
{
    size_t n = strlen(name);
    return strncmp(a, name, n) == 0 && (a[n] == '\0' || a[n] == '=');
}

int ctg_args_parse(int argc, char **argv, int (*is_command)(const char *word),
                   struct ctg_invocation *inv)
{
    memset(inv, 0, sizeof *inv);
    inv->mode = CTG_MODE_REPL;
    int i;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0) {
            i++;
            break;
        }
        if (a[0] != '-' || strcmp(a, "-") == 0)
            break;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            inv->mode = CTG_MODE_HELP;
            return CTG_EXIT_OK;
        }
        if (strcmp(a, "-v") == 0 || strcmp(a, "--version") == 0) {
            inv->mode = CTG_MODE_VERSION;
            return CTG_EXIT_OK;
        }
        if (strcmp(a, "--traceback") == 0) {
            inv->opts.traceback = 1;
        } else if (is_option(a, "--db")) {
            if (take_value(argc, argv, &i, "--db", &inv->opts.db, inv) != CTG_EXIT_OK)
                return CTG_EXIT_USAGE;
        } else if (is_option(a, "--timeout") || is_option(a, "--max-memory")) {
            int timeout = is_option(a, "--timeout");
            const char **slot = timeout ? &inv->opts.timeout : &inv->opts.max_memory;
            if (take_value(argc, argv, &i, timeout ? "--timeout" : "--max-memory", slot, inv) !=
                CTG_EXIT_OK)
                return CTG_EXIT_USAGE;
            double s;
            size_t mb;
            int bad = timeout ? ctg_limits_parse_timeout(*slot, &s, inv->error, sizeof inv->error)
                              : ctg_limits_parse_memory(*slot, &mb, inv->error, sizeof inv->error);
            if (bad)
                return CTG_EXIT_USAGE;
        } else if (strncmp(a, "-e", 2) == 0) {
            const char *code = a[2] ? a + 2 : NULL;
            if (!code) {
                if (i + 1 >= argc)
                    return usage_error(inv, CTG_TEXT("l'option '%s' attend un morceau de Lua", "option '%s' needs a Lua chunk"), "-e");
                code = argv[++i];
            }
            if (inv->nexprs == CTG_MAX_EXPRS)
                return usage_error(inv, CTG_TEXT("trop d'options '%s'", "too many '%s' options"), "-e");
            inv->exprs[inv->nexprs++] = code;
        } else {
            return usage_error(inv, CTG_TEXT("option inconnue '%s'", "unknown option '%s'"), a);
        }
    }
    inv->first = i;
    if (i < argc) {
        if (strcmp(argv[i], "-") == 0)
            inv->mode = CTG_MODE_STDIN;
        else if (is_command && is_command(argv[i]))
            inv->mode = CTG_MODE_COMMAND;
        else
            inv->mode = CTG_MODE_SCRIPT;
    } else if (inv->nexprs > 0) {
        inv->mode = CTG_MODE_EXPRS;
    }
    return CTG_EXIT_OK;
}
