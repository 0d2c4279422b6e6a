/* Paths that stay inside a folder (see pathguard.h): each component is opened with openat
 * and O_NOFOLLOW from the one before, so that no symbolic link is followed, not even one
 * put in place between a check and an open. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pathguard.h"

static enum ctg_guard lexical(const char *rel)
{
    if (!rel || !rel[0])
        return CTG_GUARD_EMPTY;
    if (rel[0] == '/')
        return CTG_GUARD_ABSOLUTE;
    for (const char *p = rel; *p;) {
        const char *end = strchr(p, '/');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (n == 2 && p[0] == '.' && p[1] == '.')
            return CTG_GUARD_DOTDOT;
        p += n;
        while (*p == '/')
            p++;
    }
    return CTG_GUARD_OK;
}

/* Walk rel from root up to its last component: *dirfd is the folder holding it (or -1 when
 * a folder on the way does not exist: *missing set), *last its name (inside buf). */
static enum ctg_guard walk(const char *root, const char *rel, char *buf, size_t size, int *dirfd,
                           const char **last, int *missing)
{
    *missing = 0;
    *dirfd = -1;
    enum ctg_guard g = lexical(rel);
    if (g != CTG_GUARD_OK)
        return g;
    size_t n = strlen(rel);
    if (n + 1 > size) {
        errno = ENAMETOOLONG;
        return CTG_GUARD_IO;
    }
    memcpy(buf, rel, n + 1);
    while (n > 1 && buf[n - 1] == '/')
        buf[--n] = '\0';
    int fd = open(root && root[0] ? root : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOENT ? CTG_GUARD_MISSING : CTG_GUARD_IO;
    char *p = buf;
    for (;;) {
        while (*p == '/')
            p++;
        char *slash = strchr(p, '/');
        if (!slash) {
            *last = p;
            *dirfd = fd;
            return CTG_GUARD_OK;
        }
        *slash = '\0';
        if (strcmp(p, ".") != 0) {
            int next = openat(fd, p, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            int e = errno;
            if (next < 0) {
                struct stat st;
                int lst = fstatat(fd, p, &st, AT_SYMLINK_NOFOLLOW);
                close(fd);
                if (lst == 0 && S_ISLNK(st.st_mode))
                    return CTG_GUARD_SYMLINK;
                if (e == ENOENT) {
                    *missing = 1;
                    return CTG_GUARD_OK;
                }
                if (e == ENOTDIR)
                    return CTG_GUARD_NOT_DIR;
                errno = e;
                return CTG_GUARD_IO;
            }
            close(fd);
            fd = next;
        }
        p = slash + 1;
    }
}

enum ctg_guard ctg_guard_check(const char *root, const char *rel)
{
    char buf[4096];
    int dirfd, missing;
    const char *last;
    enum ctg_guard g = walk(root, rel, buf, sizeof buf, &dirfd, &last, &missing);
    if (g != CTG_GUARD_OK || missing)
        return g;
    struct stat st;
    int rc = strcmp(last, ".") == 0 ? 0 : fstatat(dirfd, last, &st, AT_SYMLINK_NOFOLLOW);
    int e = errno;
    close(dirfd);
    if (rc != 0)
        return e == ENOENT ? CTG_GUARD_OK : (errno = e, CTG_GUARD_IO);
    if (strcmp(last, ".") != 0 && S_ISLNK(st.st_mode))
        return CTG_GUARD_SYMLINK;
    return CTG_GUARD_OK;
}

/* Read the open file fd (closed here): a regular file of at most max bytes. */
static enum ctg_guard read_fd(int fd, size_t max, char **data, size_t *len)
{
    int e;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return CTG_GUARD_NOT_REGULAR;
    }
    if ((unsigned long long)st.st_size > max) {
        close(fd);
        return CTG_GUARD_TOO_BIG;
    }
    size_t cap = (size_t)st.st_size + 1;
    char *out = malloc(cap);
    if (!out) {
        close(fd);
        errno = ENOMEM;
        return CTG_GUARD_IO;
    }
    size_t n = 0;
    for (;;) {
        if (n + 1 >= cap) {
            /* the file grew while read: still bounded */
            if (cap > max) {
                free(out);
                close(fd);
                return CTG_GUARD_TOO_BIG;
            }
            size_t bigger = cap * 2 > max + 1 ? max + 2 : cap * 2;
            char *p = realloc(out, bigger);
            if (!p) {
                free(out);
                close(fd);
                errno = ENOMEM;
                return CTG_GUARD_IO;
            }
            out = p;
            cap = bigger;
        }
        ssize_t r = read(fd, out + n, cap - 1 - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            e = errno;
            free(out);
            close(fd);
            errno = e;
            return CTG_GUARD_IO;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    close(fd);
    if (n > max) {
        free(out);
        return CTG_GUARD_TOO_BIG;
    }
    out[n] = '\0';
    *data = out;
    *len = n;
    return CTG_GUARD_OK;
}

enum ctg_guard ctg_guard_read(const char *root, const char *rel, size_t max, char **data,
                              size_t *len)
{
    char buf[4096];
    int dirfd, missing;
    const char *last;
    *data = NULL;
    *len = 0;
    enum ctg_guard g = walk(root, rel, buf, sizeof buf, &dirfd, &last, &missing);
    if (g != CTG_GUARD_OK)
        return g;
    if (missing)
        return CTG_GUARD_MISSING;
    /* O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting */
    int fd = openat(dirfd, last, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    int e = errno;
    if (fd < 0) {
        struct stat st;
        int lst = fstatat(dirfd, last, &st, AT_SYMLINK_NOFOLLOW);
        close(dirfd);
        if (lst == 0 && S_ISLNK(st.st_mode))
            return CTG_GUARD_SYMLINK;
        if (e == ENOENT)
            return CTG_GUARD_MISSING;
        errno = e;
        return CTG_GUARD_IO;
    }
    close(dirfd);
    return read_fd(fd, max, data, len);
}
