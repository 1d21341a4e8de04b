/* tdir.c - a fresh temporary folder per unit test (see tfix.h). */
#include "config.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>
#include <sqlite3.h>

#include "db.h"

#include "tfix.h"

#define TFIX_SLOTS 4
/* How long a raw connection waits for another's lock. */
#define TFIX_RAW_BUSY_MS 5000
/* Room for a file name after the folder. */
#define TFIX_NAME_MAX 256

static char tfix_dir[PATH_MAX];

/* Make the test's folder. */
void tfix_setup(const char *prefix)
{
    const char *base = getenv("TMPDIR");
    if (base == NULL || *base == '\0')
        base = "/tmp";
    snprintf(tfix_dir, sizeof tfix_dir, "%s/%s.XXXXXX", base, prefix);
    if (mkdtemp(tfix_dir) == NULL) {
        perror("mkdtemp");
        abort();
    }
}

/* Remove a folder's entries, going down levels more, then the folder. */
static void tfix_remove(const char *dirpath, int levels)
{
    DIR *dir = opendir(dirpath);
    if (dir == NULL)
        return;
    struct dirent *e;
    char path[sizeof tfix_dir + TFIX_NAME_MAX * 2];
    while ((e = readdir(dir)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dirpath, e->d_name);
        if (unlink(path) != 0 && levels > 0)
            tfix_remove(path, levels - 1);
    }
    closedir(dir);
    rmdir(dirpath);
}

/* Remove the test's folder and what is in it. */
void tfix_teardown(void)
{
    tfix_remove(tfix_dir, 1);
}

/* The path of a file in the test's folder. */
const char *tfix_path(const char *name)
{
    static char buf[TFIX_SLOTS][sizeof tfix_dir + TFIX_NAME_MAX];
    static int slot;
    slot = (slot + 1) % TFIX_SLOTS;
    snprintf(buf[slot], sizeof buf[slot], "%s/%s", tfix_dir, name);
    return buf[slot];
}

/* The test's folder. */
const char *tfix_root(void)
{
    return tfix_dir;
}

/* Create the test's database through db_open. */
db *tfix_db(void)
{
    db *d = NULL;
    db_status st = db_open(tfix_path("t.db"), DB_OPEN_CREATE, &d);
    ck_assert_msg(st == DB_OK, "db_open CREATE: %d %s", st, d ? db_errmsg(d) : "");
    return d;
}

/* Open a file with the raw sqlite3 API. */
sqlite3 *tfix_raw(const char *path)
{
    sqlite3 *h = NULL;
    int rc = sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    ck_assert_msg(rc == SQLITE_OK, "sqlite3_open_v2 %s: %s", path, sqlite3_errstr(rc));
    sqlite3_busy_timeout(h, TFIX_RAW_BUSY_MS);
    return h;
}

/* One staff insert for db_write. */
struct tfix_staff_ins {
    const char *login, *name;
    int64_t id;
};

/* db_write body: insert one staff member. */
static db_status tfix_staff_tx(db *d, void *arg)
{
    struct tfix_staff_ins *in = arg;
    db_staff s;
    memset(&s, 0, sizeof s);
    s.login = (char *)in->login;
    s.name = (char *)in->name;
    s.role = "counter";
    s.active = true;
    return db_staff_insert(d, &s, &in->id);
}

/* Register a staff member; returns the id. */
int64_t tfix_staff(db *d, const char *login, const char *name)
{
    struct tfix_staff_ins in = { login, name, 0 };
    ck_assert_msg(db_write(d, tfix_staff_tx, &in) == DB_OK, "staff: %s", db_errmsg(d));
    ck_assert_int_gt(in.id, 0);
    return in.id;
}
