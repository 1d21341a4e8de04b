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
/* Seconds a test may take (a stress-like test opens many connections). */
#define TFIX_TIMEOUT_S 60
/* The test's database, in its folder. */
#define TFIX_DB_NAME "t.db"
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
    db_status st = db_open(tfix_path(TFIX_DB_NAME), DB_OPEN_CREATE, &d);
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

/* Run one insert body in db_write, asserting success. */
static void tfix_write(db *d, db_tx_fn fn, void *arg, const char *what)
{
    db_status st = db_write(d, fn, arg);
    ck_assert_msg(st == DB_OK, "%s: %d %s", what, st, db_errmsg(d));
}

/* One insert by name (and reading) for db_write: a person, an agency. */
struct tfix_person_ins {
    const char *name, *kana;
    int64_t id;
};

/* db_write body: insert one person. */
static db_status tfix_person_tx(db *d, void *arg)
{
    struct tfix_person_ins *in = arg;
    db_person p;
    memset(&p, 0, sizeof p);
    p.name = (char *)in->name;
    p.kana = (char *)in->kana;
    return db_person_insert(d, &p, &in->id);
}

/* Register a person by name and reading; returns the id. */
int64_t tfix_person(db *d, const char *name, const char *kana)
{
    struct tfix_person_ins in = { name, kana, 0 };
    tfix_write(d, tfix_person_tx, &in, "person");
    ck_assert_int_gt(in.id, 0);
    return in.id;
}

/* db_write body: insert one consent. */
static db_status tfix_consent_tx(db *d, void *arg)
{
    return db_consent_insert(d, arg);
}

/* Record a signed consent of a person for every agency, taken by the
 * acting staff member; returns the id. */
int64_t tfix_consent(db *d, int64_t person_id)
{
    db_consent c;
    memset(&c, 0, sizeof c);
    c.person_id = person_id;
    c.given_on = "2026-04-01";
    c.method = "署名";
    c.all_agencies = true;
    c.taken_by = db_actor(d);
    tfix_write(d, tfix_consent_tx, &c, "consent");
    ck_assert_int_gt(c.id, 0);
    return c.id;
}

/* db_write body: insert one case. */
static db_status tfix_case_tx(db *d, void *arg)
{
    return db_case_insert(d, arg);
}

/* Open a case of a business for a person at a stage; returns the id. */
int64_t tfix_case(db *d, int64_t person_id, const char *business, const char *stage,
                  const char *opened_on)
{
    db_case c;
    memset(&c, 0, sizeof c);
    c.person_id = person_id;
    c.business = (char *)business;
    c.stage = (char *)stage;
    c.opened_on = (char *)opened_on;
    c.criteria = "1";
    c.tried = "窓口で相談を受けた";
    tfix_write(d, tfix_case_tx, &c, "case");
    ck_assert_int_gt(c.id, 0);
    return c.id;
}

/* db_write body: insert one plan. */
static db_status tfix_plan_tx(db *d, void *arg)
{
    return db_plan_insert(d, arg);
}

/* Make a 支援プラン of a case in a state with its monitoring and evaluation
 * dates ("" for none), re-planning replaces (0: the first), by the acting
 * staff member; returns the id. */
int64_t tfix_plan(db *d, int64_t case_id, int64_t replaces, const char *state,
                  const char *monitor_on, const char *evaluate_on)
{
    db_plan p;
    memset(&p, 0, sizeof p);
    p.case_id = case_id;
    p.replaces_id = replaces;
    p.type = "支援プラン";
    p.type_reason = "本人同意があるので支援プランです";
    p.goal = "働きながら母の介護を続ける";
    p.policy = "介護保険の申請";
    p.state = (char *)state;
    p.approved_on = "";
    p.monitor_on = (char *)monitor_on;
    p.evaluate_on = (char *)evaluate_on;
    p.staff_id = db_actor(d);
    tfix_write(d, tfix_plan_tx, &p, "plan");
    ck_assert_int_gt(p.id, 0);
    return p.id;
}

/* db_write body: insert one agency. */
static db_status tfix_agency_tx(db *d, void *arg)
{
    struct tfix_person_ins *in = arg;
    db_agency a;
    memset(&a, 0, sizeof a);
    a.name = (char *)in->name;
    a.field = "高齢";
    return db_agency_insert(d, &a, &in->id);
}

/* Register an agency by name; returns the id. */
int64_t tfix_agency(db *d, const char *name)
{
    struct tfix_person_ins in = { name, NULL, 0 };
    tfix_write(d, tfix_agency_tx, &in, "agency");
    ck_assert_int_gt(in.id, 0);
    return in.id;
}

/* The integer a one-row query returns on the test's file, with an
 * optional text for ?1. */
int64_t tfix_int(const char *sql, const char *param)
{
    sqlite3 *h = tfix_raw(tfix_path(TFIX_DB_NAME));
    sqlite3_stmt *st = NULL;
    ck_assert_msg(sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK,
                  "%s: %s", sql, sqlite3_errmsg(h));
    if (param)
        sqlite3_bind_text(st, 1, param, -1, SQLITE_STATIC);
    ck_assert_msg(sqlite3_step(st) == SQLITE_ROW, "%s: no row", sql);
    int64_t v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(h);
    return v;
}

/* The text a one-row query returns on the test's file (malloc'd). */
char *tfix_text(const char *sql)
{
    sqlite3 *h = tfix_raw(tfix_path(TFIX_DB_NAME));
    sqlite3_stmt *st = NULL;
    ck_assert_msg(sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK,
                  "%s: %s", sql, sqlite3_errmsg(h));
    ck_assert_msg(sqlite3_step(st) == SQLITE_ROW, "%s: no row", sql);
    const unsigned char *t = sqlite3_column_text(st, 0);
    char *s = strdup(t ? (const char *)t : "");
    sqlite3_finalize(st);
    sqlite3_close(h);
    ck_assert_ptr_nonnull(s);
    return s;
}

/* Run SQL on the test's file behind the db layer's back, asserting
 * success; returns the last row id it inserted. */
int64_t tfix_exec(const char *sql)
{
    sqlite3 *h = tfix_raw(tfix_path(TFIX_DB_NAME));
    char *err = NULL;
    int rc = sqlite3_exec(h, sql, NULL, NULL, &err);
    ck_assert_msg(rc == SQLITE_OK, "%s: %s", sql, err ? err : "?");
    int64_t id = sqlite3_last_insert_rowid(h);
    sqlite3_close(h);
    return id;
}

/* How many audit rows an action on a record wrote (0: any record). */
int64_t tfix_audits(db *d, const char *action, const char *entity, int64_t id)
{
    int64_t n = -1;
    db_status st = db_audit_count(d, action, entity, id, &n);
    ck_assert_msg(st == DB_OK, "audit count: %d %s", st, db_errmsg(d));
    return n;
}

/* Build a suite of groups of tests, each test in a fresh folder made by
 * setup and removed after, run it, and return the exit status. */
int tfix_run(const char *suite, const tfix_group *groups, size_t n, void (*setup)(void))
{
    Suite *s = suite_create(suite);
    for (size_t i = 0; i < n; i++) {
        TCase *tc = tcase_create(groups[i].name);
        tcase_add_checked_fixture(tc, setup, tfix_teardown);
        tcase_set_timeout(tc, TFIX_TIMEOUT_S);
        for (size_t j = 0; j < TFIX_GROUP_MAX && groups[i].tests[j] != NULL; j++)
            tcase_add_test(tc, groups[i].tests[j]);
        suite_add_tcase(s, tc);
    }
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
