/* tdir.c - a fresh temporary folder per unit test (see tdir.h). */
#include "config.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tdir.h"

#define TDIR_SLOTS 4
/* Room for a file name after the folder. */
#define TDIR_NAME_MAX 256

static char tdir_dir[PATH_MAX];

/* Make the test's folder. */
void tdir_setup(const char *prefix)
{
    const char *base = getenv("TMPDIR");
    if (base == NULL || *base == '\0')
        base = "/tmp";
    snprintf(tdir_dir, sizeof tdir_dir, "%s/%s.XXXXXX", base, prefix);
    if (mkdtemp(tdir_dir) == NULL) {
        perror("mkdtemp");
        abort();
    }
}

/* Remove a folder's entries, going down levels more, then the folder. */
static void tdir_remove(const char *dirpath, int levels)
{
    DIR *dir = opendir(dirpath);
    if (dir == NULL)
        return;
    struct dirent *e;
    char path[sizeof tdir_dir + TDIR_NAME_MAX * 2];
    while ((e = readdir(dir)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dirpath, e->d_name);
        if (unlink(path) != 0 && levels > 0)
            tdir_remove(path, levels - 1);
    }
    closedir(dir);
    rmdir(dirpath);
}

/* Remove the test's folder and what is in it. */
void tdir_teardown(void)
{
    tdir_remove(tdir_dir, 1);
}

/* The path of a file in the test's folder. */
const char *tdir_path(const char *name)
{
    static char buf[TDIR_SLOTS][sizeof tdir_dir + TDIR_NAME_MAX];
    static int slot;
    slot = (slot + 1) % TDIR_SLOTS;
    snprintf(buf[slot], sizeof buf[slot], "%s/%s", tdir_dir, name);
    return buf[slot];
}

/* The test's folder. */
const char *tdir_root(void)
{
    return tdir_dir;
}
