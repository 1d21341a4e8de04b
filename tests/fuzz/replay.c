/* replay.c - a libFuzzer target's main() for builds without libFuzzer:
 * every file named on the command line, or found under a directory named
 * there, goes once through LLVMFuzzerTestOneInput.  Linked with each
 * target by gcc as a check program, so that make check replays the kept
 * corpora (the small R5) where clang is missing.  A target that finds a
 * broken invariant aborts, and the killed run is the failure.
 * Prints "replayed N inputs"; exits 2 when a path cannot be read or when
 * there was nothing to replay, since a replay of nothing proves nothing. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define REPLAY_EXIT_ERROR 2

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static int replay_path(const char *path, size_t *count);

/* Say why path could not be replayed; returns -1 for the caller to pass on. */
static int replay_error(const char *path)
{
    fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
    return -1;
}

/* Give the whole of one file to the target. */
static int replay_file(const char *path, size_t *count)
{
    FILE *fp = fopen(path, "rb");
    if (fp == NULL)
        return replay_error(path);
    struct stat st;
    if (fstat(fileno(fp), &st) != 0 || st.st_size < 0) {
        replay_error(path);
        fclose(fp);
        return -1;
    }
    size_t size = (size_t)st.st_size;
    /* Exactly the file's size, as libFuzzer does, so that ASan catches a
     * target reading one byte past its input. */
    unsigned char *data = malloc(size);
    if (data == NULL && size > 0) {
        replay_error(path);
        fclose(fp);
        return -1;
    }
    errno = 0;
    if (fread(data, 1, size, fp) != size) {
        if (errno == 0)
            errno = EIO;   /* a short read of a file that shrank */
        replay_error(path);
        free(data);
        fclose(fp);
        return -1;
    }
    fclose(fp);
    LLVMFuzzerTestOneInput(data, size);
    free(data);
    (*count)++;
    return 0;
}

/* Replay what is under a directory, in name order so that a failure repeats. */
static int replay_dir(const char *dir, size_t *count)
{
    struct dirent **names;
    int n = scandir(dir, &names, NULL, alphasort);
    if (n < 0)
        return replay_error(dir);
    int rc = 0;
    for (int i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        if (rc == 0 && strcmp(name, ".") != 0 && strcmp(name, "..") != 0) {
            size_t len = strlen(dir) + 1 + strlen(name) + 1;
            char *path = malloc(len);
            if (path == NULL)
                rc = replay_error(dir);
            else {
                snprintf(path, len, "%s/%s", dir, name);
                rc = replay_path(path, count);   /* into subdirectories, as libFuzzer */
                free(path);
            }
        }
        free(names[i]);
    }
    free(names);
    return rc;
}

/* Replay a file, or the files under a directory. */
static int replay_path(const char *path, size_t *count)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return replay_error(path);
    if (S_ISDIR(st.st_mode))
        return replay_dir(path, count);
    /* Sockets and the like are no inputs; libFuzzer skips them too. */
    if (!S_ISREG(st.st_mode))
        return 0;
    return replay_file(path, count);
}

/* replay DIR|FILE...: each input once through the target. */
int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s DIR|FILE...\n", argv[0]);
        return REPLAY_EXIT_ERROR;
    }
    size_t count = 0;
    for (int i = 1; i < argc; i++)
        if (replay_path(argv[i], &count) != 0)
            return REPLAY_EXIT_ERROR;
    printf("replayed %zu inputs\n", count);
    if (count == 0) {
        fprintf(stderr, "replay: no inputs found\n");
        return REPLAY_EXIT_ERROR;
    }
    return 0;
}
