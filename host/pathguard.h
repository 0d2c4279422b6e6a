/* Paths that stay inside a folder: what code and projects from others may name (a CSV
 * beside a report script, the files of a project's ctg.yaml) is reached from that folder
 * without an absolute path, a ".." or a symbolic link, and a file read is a regular file,
 * opened so that a FIFO or a device can neither block nor feed it, and bounded in size.
 * A core without Lua (pathguard.c); ctg.sys binds it. */
#ifndef CTG_PATHGUARD_H
#define CTG_PATHGUARD_H

#include <stddef.h>

enum ctg_guard {
    CTG_GUARD_OK = 0,
    CTG_GUARD_EMPTY,       /* no path */
    CTG_GUARD_ABSOLUTE,    /* starts with "/" */
    CTG_GUARD_DOTDOT,      /* a ".." component */
    CTG_GUARD_SYMLINK,     /* a component is a symbolic link */
    CTG_GUARD_NOT_DIR,     /* a component before the last is not a directory */
    CTG_GUARD_NOT_REGULAR, /* the file is a FIFO, a device, a socket or a directory */
    CTG_GUARD_TOO_BIG,     /* larger than allowed */
    CTG_GUARD_MISSING,     /* no such file */
    CTG_GUARD_IO,          /* another system error (errno kept) */
};

/* Is rel a relative path without "..", that does not go through a symbolic link from root
 * (components that do not exist yet are fine: nothing to leave through)? */
enum ctg_guard ctg_guard_check(const char *root, const char *rel);

/* Read the regular file root/rel, reached as ctg_guard_check says, of at most max bytes:
 * *data (malloc'd, NUL-terminated, the caller frees) and *len. errno is kept for
 * CTG_GUARD_IO. */
enum ctg_guard ctg_guard_read(const char *root, const char *rel, size_t max, char **data,
                              size_t *len);

#endif
