/* tfix.h - a fresh temporary folder per unit test, shared by the check
 * programs that need files (check_db, check_cases, check_referral,
 * check_meetings, check_agenda), and the rows they build on. */
#ifndef TSUNAGI_TFIX_H
#define TSUNAGI_TFIX_H

#include <stddef.h>
#include <stdint.h>

#include <check.h>

/* Make the test's folder under $TMPDIR (or /tmp), named after prefix;
 * aborts when it cannot. */
void tfix_setup(const char *prefix);
/* Remove the folder, its files and the folders one level down (spool
 * folders, lock directories). */
void tfix_teardown(void);
/* The path of a file in the folder (a static buffer per slot, four slots,
 * so that a few can be held at once). */
const char *tfix_path(const char *name);
/* The folder itself. */
const char *tfix_root(void);

/* Create the test's database (t.db in its folder) through db_open,
 * asserting success. */
struct db;
struct db *tfix_db(void);
/* Open a file with the raw sqlite3 API (created when missing), asserting
 * success. */
struct sqlite3;
struct sqlite3 *tfix_raw(const char *path);
/* Register a staff member (role counter) in a transaction of its own;
 * returns the id, asserting success. */
int64_t tfix_staff(struct db *d, const char *login, const char *name);
/* Rows the tests of cases, referrals and meetings build on, each in a
 * transaction of its own, asserting success; each returns the new id. */
int64_t tfix_person(struct db *d, const char *name, const char *kana);
/* A signed consent for every agency, taken by the acting staff member. */
int64_t tfix_consent(struct db *d, int64_t person_id);
/* A case of a business (多機関協働 ...) at a stage. */
int64_t tfix_case(struct db *d, int64_t person_id, const char *business, const char *stage,
                  const char *opened_on);
/* A 支援プラン in a state with its dates ("" none), re-planning replaces
 * (0: the first). */
int64_t tfix_plan(struct db *d, int64_t case_id, int64_t replaces, const char *state,
                  const char *monitor_on, const char *evaluate_on);
/* An agency. */
int64_t tfix_agency(struct db *d, const char *name);

/* Looking at the file behind the db layer's back: the integer or text
 * (malloc'd) of a one-row query (param binds ?1, may be NULL), SQL run
 * (returns the last row id inserted), and the audit rows of an action on
 * a record (0: any).  Each asserts success. */
int64_t tfix_int(const char *sql, const char *param);
char *tfix_text(const char *sql);
int64_t tfix_exec(const char *sql);
int64_t tfix_audits(struct db *d, const char *action, const char *entity, int64_t id);

/* A group of tests (a TCase), the list ended by NULL. */
#define TFIX_GROUP_MAX 12
typedef struct tfix_group {
    const char *name;
    const TTest *tests[TFIX_GROUP_MAX];
} tfix_group;
/* Build a suite of groups, each test in a fresh folder (setup, then
 * tfix_teardown), run it, and return the exit status for main. */
int tfix_run(const char *suite, const tfix_group *groups, size_t n, void (*setup)(void));

#endif
