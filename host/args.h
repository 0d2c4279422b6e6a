/* Parsing of ctg's own command line (the part before a script or subcommand). */
#ifndef CTG_ARGS_H
#define CTG_ARGS_H

#include <stddef.h>
#include "ctg.h"

#define CTG_MAX_EXPRS 32

enum ctg_mode {
    CTG_MODE_REPL,     /* nothing to run: the REPL */
    CTG_MODE_SCRIPT,   /* argv[first] is a script, argv[first+1..] its arguments */
    CTG_MODE_STDIN,    /* "-": the script is read from standard input */
    CTG_MODE_COMMAND,  /* argv[first] is a subcommand */
    CTG_MODE_EXPRS,    /* only -e expressions */
    CTG_MODE_HELP,     /* --help */
    CTG_MODE_VERSION,  /* --version */
};

struct ctg_invocation {
    struct ctg_options opts;
    enum ctg_mode mode;
    const char *exprs[CTG_MAX_EXPRS]; /* -e CODE, in order */
    int nexprs;
    int first;                        /* index in argv of the script or subcommand */
    char error[256];                  /* set when parsing fails */
};

/* Parse argv. is_command tells whether a word names a subcommand. Returns CTG_EXIT_OK, or
 * CTG_EXIT_USAGE with inv->error holding a one-line message. */
int ctg_args_parse(int argc, char **argv, int (*is_command)(const char *word),
                   struct ctg_invocation *inv);

/* The messages the host writes before any Lua runs, in the language ctg.msg would choose:
 * English when CTG_LANG starts with "en", French otherwise. CTG_TEXT(fr, en) picks one. */
int ctg_lang_english(void);
#define CTG_TEXT(fr, en) (ctg_lang_english() ? (en) : (fr))

#endif
