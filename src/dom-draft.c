/* dom-draft.c - keeping a draft when the database cannot take it.  A full
 * disk, a read-only folder, a share that went away or a lock held too long
 * must not cost the worker what they typed: the draft then goes to a file
 * of the user's own (the spool, under $XDG_STATE_HOME) and moves into the
 * database at the next start that can write there.  The file is written
 * whole and renamed into place, so a crash leaves the old one or the new
 * one, never half of either. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "domain.h"
#include "text.h"

#define DOM_SPOOL_MAGIC "tsunagi-draft 1"
#define DOM_SPOOL_PREFIX "draft-"
#define DOM_SPOOL_SUFFIX ".txt"
#define DOM_SPOOL_TMP ".tmp"
/* Only the user may read a spooled draft: it names a person. */
#define DOM_SPOOL_DIR_MODE 0700
#define DOM_SPOOL_FILE_MODE 0600
#define DOM_SPOOL_NAME_MAX 128

/* The database path as every process names it (realpath when the file is
 * reachable, else as given), into buf. */
static void dom_draft_db_name(db *d, char *buf, size_t n)
{
    char real[PATH_MAX];
    const char *p = db_path(d);
    snprintf(buf, n, "%s", realpath(p, real) ? real : p);
}

/* mkdir -p of the spool folder, private to the user. */
static int dom_draft_mkdir(const char *dir)
{
    char buf[PATH_MAX];
    snprintf(buf, sizeof buf, "%s", dir);
    for (char *p = buf + 1;; p++) {
        if (*p != '/' && *p != '\0')
            continue;
        char c = *p;
        *p = '\0';
        if (mkdir(buf, DOM_SPOOL_DIR_MODE) != 0 && errno != EEXIST)
            return -1;
        *p = c;
        if (c == '\0')
            return 0;
    }
}

/* Write all of text to fd; 0 or -1. */
static int dom_draft_write_all(int fd, const char *text, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, text, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        text += w;
        len -= (size_t)w;
    }
    return 0;
}

/* Replace the file at path with text, whole or not at all: written to a
 * temporary file beside it, synced, then renamed over it.  0 or -1 (errno
 * set). */
int dom_file_replace(const char *path, const char *text, int mode)
{
    char tmp[PATH_MAX];
    if (snprintf(tmp, sizeof tmp, "%s%s", path, DOM_SPOOL_TMP) >= (int)sizeof tmp) {
        errno = ENAMETOOLONG;
        return -1;
    }
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, (mode_t)mode);
    int rc = fd >= 0 ? dom_draft_write_all(fd, text, strlen(text)) : -1;
    if (rc == 0)
        rc = fsync(fd);
    int e = errno;
    if (fd >= 0 && close(fd) != 0 && rc == 0)
        rc = -1, e = errno;
    if (rc == 0 && rename(tmp, path) != 0)
        rc = -1, e = errno;
    if (rc != 0)
        unlink(tmp);
    errno = e;
    return rc;
}

/* The spool file's text: a header naming the database, the user, the form
 * and the database draft it stands for, then the form's values. */
static char *dom_draft_spool_text(db *d, const db_draft *dr)
{
    char dbname[PATH_MAX], now[DOM_SPOOL_NAME_MAX];
    dom_draft_db_name(d, dbname, sizeof dbname);
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(now, sizeof now, "%Y-%m-%d %H:%M:%S", &tm);
    txt_buf b;
    txt_buf_init(&b);
    txt_buf_printf(&b, "%s\ndb\t%s\nstaff\t%" PRId64 "\nform\t%s\ndraft\t%" PRId64 "\t%" PRId64
                   "\nsaved\t%s\n\n%s", DOM_SPOOL_MAGIC, dbname, dr->staff_id, dr->form_id,
                   dr->id, dr->version, now, dr->data);
    return txt_buf_take(&b);
}

/* Write the draft to its spool file (a new name when *file is NULL),
 * through a temporary file and a rename.  0 or -1 (errno set). */
static int dom_draft_spool(db *d, const char *dir, const db_draft *dr, char **file)
{
    if (dom_draft_mkdir(dir) != 0)
        return -1;
    if (*file == NULL) {
        char name[PATH_MAX];
        snprintf(name, sizeof name, "%s/%s%" PRId64 "-%ld-%ld%s", dir, DOM_SPOOL_PREFIX,
                 dr->staff_id, (long)getpid(), (long)time(NULL), DOM_SPOOL_SUFFIX);
        if ((*file = strdup(name)) == NULL)
            return -1;
    }
    char *text = dom_draft_spool_text(d, dr);
    int rc = text ? dom_file_replace(*file, text, DOM_SPOOL_FILE_MODE) : -1;
    int e = errno;
    free(text);
    errno = e;
    return rc;
}

/* Keep a draft: in the database, else in the spool. */
db_status dom_draft_keep(db *d, const char *spool_dir, db_draft *dr, char **spool_file,
                         bool *spooled)
{
    *spooled = false;
    db_status st = db_draft_save(d, dr);
    if (st == DB_OK) {
        /* The database has the newest text now: the file is not needed. */
        if (*spool_file) {
            unlink(*spool_file);
            free(*spool_file);
            *spool_file = NULL;
        }
        return DB_OK;
    }
    if (st == DB_NOMEM || spool_dir == NULL || dom_draft_spool(d, spool_dir, dr, spool_file) != 0)
        return st;
    *spooled = true;
    return DB_OK;
}

/* Forget the spool file of a form that was saved or discarded. */
void dom_draft_forget(char **spool_file)
{
    if (*spool_file) {
        unlink(*spool_file);
        free(*spool_file);
        *spool_file = NULL;
    }
}

/* Read a whole file into a malloc'd string. */
static char *dom_draft_slurp(const char *path)
{
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return NULL;
    txt_buf b;
    txt_buf_init(&b);
    char chunk[BUFSIZ];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        txt_buf_add(&b, chunk, n);
    bool bad = ferror(f);
    fclose(f);
    char *s = txt_buf_take(&b);
    if (bad) {
        free(s);
        return NULL;
    }
    return s;
}

/* The value of "key\tvalue" in a spool header, into buf; false if absent. */
static bool dom_draft_header(const char *text, const char *key, char *buf, size_t n)
{
    size_t klen = strlen(key);
    for (const char *line = text; *line && *line != '\n';) {
        const char *end = strchr(line, '\n');
        if (end == NULL)
            return false;
        if (strncmp(line, key, klen) == 0 && line[klen] == '\t') {
            size_t len = (size_t)(end - line) - klen - 1;
            snprintf(buf, n, "%.*s", (int)len, line + klen + 1);
            return true;
        }
        line = end + 1;
    }
    return false;
}

/* Move one spool file into the database if it is this user's draft of this
 * database: replacing the draft it stands for when nobody changed that
 * since, else as a new draft.  1 moved, 0 not ours, -1 could not. */
static int dom_draft_import_one(db *d, const char *path, int64_t staff_id)
{
    char *text = dom_draft_slurp(path);
    if (text == NULL)
        return -1;
    char dbname[PATH_MAX], mine[PATH_MAX], staff[DOM_SPOOL_NAME_MAX],
        form[DOM_SPOOL_NAME_MAX], draft[DOM_SPOOL_NAME_MAX];
    dom_draft_db_name(d, mine, sizeof mine);
    const char *body = strstr(text, "\n\n");
    int rc = 0;
    if (strncmp(text, DOM_SPOOL_MAGIC "\n", sizeof DOM_SPOOL_MAGIC) != 0 || body == NULL ||
        !dom_draft_header(text, "db", dbname, sizeof dbname) ||
        !dom_draft_header(text, "staff", staff, sizeof staff) ||
        !dom_draft_header(text, "form", form, sizeof form) ||
        !dom_draft_header(text, "draft", draft, sizeof draft) ||
        strcmp(dbname, mine) != 0 || strtoll(staff, NULL, 10) != staff_id) {
        free(text);
        return 0;
    }
    char *tab = strchr(draft, '\t');
    db_draft dr = { strtoll(draft, NULL, 10), staff_id, form, (char *)body + 2, NULL,
                    tab ? strtoll(tab + 1, NULL, 10) : 0 };
    db_status st = db_draft_save(d, &dr);
    if (st == DB_CONFLICT || st == DB_NOTFOUND) {
        /* The database draft moved on (or was saved) meanwhile: keep both. */
        dr.id = 0;
        st = db_draft_save(d, &dr);
    }
    if (st == DB_OK && unlink(path) == 0)
        rc = 1;
    else
        rc = -1;
    free(text);
    return rc;
}

/* Move the user's spooled drafts of this database into it. */
void dom_draft_import(db *d, const char *spool_dir, int64_t staff_id, size_t *moved,
                      size_t *left)
{
    *moved = *left = 0;
    DIR *dir = spool_dir ? opendir(spool_dir) : NULL;
    if (dir == NULL)
        return;
    struct dirent *e;
    size_t plen = strlen(DOM_SPOOL_PREFIX), slen = strlen(DOM_SPOOL_SUFFIX);
    while ((e = readdir(dir)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len <= plen + slen || strncmp(e->d_name, DOM_SPOOL_PREFIX, plen) != 0 ||
            strcmp(e->d_name + len - slen, DOM_SPOOL_SUFFIX) != 0)
            continue;
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/%s", spool_dir, e->d_name);
        int rc = dom_draft_import_one(d, path, staff_id);
        if (rc > 0)
            (*moved)++;
        else if (rc < 0)
            (*left)++;
    }
    closedir(dir);
}
