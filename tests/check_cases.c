/* check_cases.c - unit tests of cases, their timelines, plans and
 * assessments in the storage layer (db_case_*, db_plan_*, db_assessment_*
 * in include/db.h, and the lists the domain makes of them) on real SQLite
 * files, one fresh temporary directory per test. */
#include "config.h"

#include <check.h>
#include <dirent.h>
#include <inttypes.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "domain.h"
#include "tfix.h"

/* An id no test creates. */
#define TCS_NO_SUCH_ID 9999
/* Enough rows for every list of these tests. */
#define TCS_LIMIT 100
/* "YYYY-MM-DDTHH:MM:SSZ", as db_bind_now stores the time. */
#define TCS_STAMP_LEN 20

/* Make the test's own folder. */
static void tcs_setup(void)
{
    tfix_setup("check_cases");
}

/* The result code of SQL run on a raw connection. */
static int tcs_raw_rc(const char *sql)
{
    sqlite3 *h = tfix_raw(tfix_path("t.db"));
    int rc = sqlite3_exec(h, sql, NULL, NULL, NULL);
    sqlite3_close(h);
    return rc;
}

/* ---- setting up rows through db_write -------------------------------- */

/* A row to insert and the id it got. */
typedef struct tcs_ins {
    const char *name, *login;
    int64_t id;
} tcs_ins;

/* db_write body: insert one agency. */
static db_status tcs_agency_tx(db *d, void *arg)
{
    tcs_ins *in = arg;
    db_agency a;
    memset(&a, 0, sizeof a);
    a.name = (char *)in->name;
    a.field = "高齢";
    return db_agency_insert(d, &a, &in->id);
}

/* db_write body: insert one person. */
static db_status tcs_person_tx(db *d, void *arg)
{
    tcs_ins *in = arg;
    db_person p;
    memset(&p, 0, sizeof p);
    p.name = (char *)in->name;
    return db_person_insert(d, &p, &in->id);
}

/* db_write body: insert one household. */
static db_status tcs_household_tx(db *d, void *arg)
{
    tcs_ins *in = arg;
    db_household h;
    memset(&h, 0, sizeof h);
    h.name = (char *)in->name;
    return db_household_insert(d, &h, &in->id);
}

/* Run an insert body, asserting success; returns the new id. */
static int64_t tcs_add(db *d, db_tx_fn fn, const char *name, const char *login)
{
    tcs_ins in = { name, login, 0 };
    db_status st = db_write(d, fn, &in);
    ck_assert_msg(st == DB_OK, "insert %s: %d %s", name, st, db_errmsg(d));
    ck_assert_int_gt(in.id, 0);
    return in.id;
}

/* Register an agency; returns the id. */
static int64_t tcs_agency(db *d, const char *name)
{
    return tcs_add(d, tcs_agency_tx, name, NULL);
}

/* Register a person; returns the id. */
static int64_t tcs_person(db *d, const char *name)
{
    return tcs_add(d, tcs_person_tx, name, NULL);
}

/* db_write body: insert one consultation by the acting staff member. */
static db_status tcs_consult_tx(db *d, void *arg)
{
    tcs_ins *in = arg;
    db_consult c;
    memset(&c, 0, sizeof c);
    c.staff_id = db_actor(d);
    c.received_at = "2026-04-01T09:30";
    return db_consult_insert(d, &c, &in->id);
}

/* ---- the functions under test, each in a transaction of its own ------ */

/* db_write body: insert the case given. */
static db_status tcs_case_tx(db *d, void *arg)
{
    return db_case_insert(d, arg);
}

/* Insert a case; returns the status. */
static db_status tcs_case_try(db *d, db_case *c)
{
    return db_write(d, tcs_case_tx, c);
}

/* A case with the fields the tests vary; the rest empty. */
static db_case tcs_case(int64_t person, const char *stage, const char *opened_on)
{
    db_case c;
    memset(&c, 0, sizeof c);
    c.person_id = person;
    c.business = "多機関協働";
    c.stage = (char *)stage;
    c.opened_on = (char *)opened_on;
    return c;
}

/* Insert a case for person, asserting success; returns its id. */
static int64_t tcs_case_add(db *d, int64_t person, const char *stage,
                            const char *opened_on)
{
    db_case c = tcs_case(person, stage, opened_on);
    db_status st = tcs_case_try(d, &c);
    ck_assert_msg(st == DB_OK, "case %s %s: %d %s", stage, opened_on, st, db_errmsg(d));
    ck_assert_int_gt(c.id, 0);
    return c.id;
}

/* A stage or lead change for db_write. */
typedef struct tcs_change {
    int64_t id, version;
    const char *stage;        /* NULL: change the lead */
    int64_t staff_id, agency_id;
} tcs_change;

/* db_write body: change a case's stage or lead. */
static db_status tcs_change_tx(db *d, void *arg)
{
    tcs_change *c = arg;
    if (c->stage)
        return db_case_set_stage(d, c->id, c->version, c->stage);
    return db_case_set_lead(d, c->id, c->version, c->staff_id, c->agency_id);
}

/* Move a case read at version to a stage; returns the status. */
static db_status tcs_stage(db *d, int64_t id, int64_t version, const char *to)
{
    tcs_change c = { id, version, to, 0, 0 };
    return db_write(d, tcs_change_tx, &c);
}

/* Set the lead of a case read at version; returns the status. */
static db_status tcs_lead(db *d, int64_t id, int64_t version, int64_t staff,
                          int64_t agency)
{
    tcs_change c = { id, version, NULL, staff, agency };
    return db_write(d, tcs_change_tx, &c);
}

/* db_write body: append the event given. */
static db_status tcs_event_tx(db *d, void *arg)
{
    return db_case_event_add(d, arg);
}

/* Append an event to a case; returns the status, *id its id. */
static db_status tcs_event(db *d, int64_t case_id, const char *kind, const char *from,
                           const char *to, const char *note, int64_t *id)
{
    db_case_event e;
    memset(&e, 0, sizeof e);
    e.case_id = case_id;
    e.kind = (char *)kind;
    e.from_stage = (char *)from;
    e.to_stage = (char *)to;
    e.note = (char *)note;
    db_status st = db_write(d, tcs_event_tx, &e);
    if (id)
        *id = e.id;
    return st;
}

/* Read a case, asserting success; the caller frees it. */
static db_case tcs_get(db *d, int64_t id)
{
    db_case c;
    db_status st = db_case_get(d, id, &c);
    ck_assert_msg(st == DB_OK, "case get %" PRId64 ": %d %s", id, st, db_errmsg(d));
    return c;
}

/* db_write body: insert the plan given. */
static db_status tcs_plan_insert_tx(db *d, void *arg)
{
    return db_plan_insert(d, arg);
}

/* db_write body: save the plan given. */
static db_status tcs_plan_update_tx(db *d, void *arg)
{
    return db_plan_update(d, arg);
}

/* A plan of a case with the fields the tests vary; the rest empty. */
static db_plan tcs_plan(int64_t case_id, const char *type, const char *state,
                        db_plan_role *roles, size_t n_roles)
{
    db_plan p;
    memset(&p, 0, sizeof p);
    p.case_id = case_id;
    p.type = (char *)type;
    p.state = (char *)state;
    p.roles = roles;
    p.n_roles = n_roles;
    return p;
}

/* A role for a plan. */
static db_plan_role tcs_role(int64_t agency, const char *who, const char *role)
{
    db_plan_role r = { agency, NULL, (char *)who, (char *)role };
    return r;
}

/* Read a plan, asserting success; the caller frees it. */
static db_plan tcs_plan_get(db *d, int64_t id)
{
    db_plan p;
    db_status st = db_plan_get(d, id, &p);
    ck_assert_msg(st == DB_OK, "plan get %" PRId64 ": %d %s", id, st, db_errmsg(d));
    return p;
}

/* Assert that a plan's roles are exactly these agencies, names, whos and
 * roles, in this order. */
static void tcs_assert_roles(const db_plan *p, size_t n, const int64_t *agencies,
                             const char *const *names, const char *const *whos,
                             const char *const *roles)
{
    ck_assert_uint_eq(p->n_roles, n);
    for (size_t i = 0; i < n; i++) {
        ck_assert_int_eq(p->roles[i].agency_id, agencies[i]);
        ck_assert_str_eq(p->roles[i].agency_name, names[i]);
        ck_assert_str_eq(p->roles[i].who, whos[i]);
        ck_assert_str_eq(p->roles[i].role, roles[i]);
    }
}

/* db_write body: save the assessment given. */
static db_status tcs_assessment_tx(db *d, void *arg)
{
    return db_assessment_save(d, arg);
}

/* ---- 1. cases --------------------------------------------------------- */

START_TEST(tcs_case_round_trip)
{
    db *d = tfix_db();
    int64_t s1 = tfix_staff(d, "tanaka", "田中　一郎");
    db_set_actor(d, s1);
    int64_t a1 = tcs_agency(d, "地域包括支援センター東");
    int64_t p1 = tcs_person(d, "林　健一");
    int64_t p2 = tcs_person(d, "森　花子");
    int64_t hh = tcs_add(d, tcs_household_tx, "林家", NULL);
    int64_t consult = tcs_add(d, tcs_consult_tx, "consultation", NULL);

    db_case c = tcs_case(p1, "受付", "2026-04-01");
    c.household_id = hh;
    c.lead_staff_id = s1;
    c.lead_agency_id = a1;
    c.consultation_id = consult;
    c.criteria = "1,3";
    c.tried = "訪問を二回試みた";
    ck_assert_int_eq(tcs_case_try(d, &c), DB_OK);
    int64_t ca = c.id;
    ck_assert_int_gt(ca, 0);

    db_case got = tcs_get(d, ca);
    ck_assert_int_eq(got.id, ca);
    ck_assert_int_eq(got.person_id, p1);
    ck_assert_str_eq(got.person_name, "林　健一");
    ck_assert_int_eq(got.household_id, hh);
    ck_assert_str_eq(got.business, "多機関協働");
    ck_assert_str_eq(got.stage, "受付");
    ck_assert_int_eq(got.lead_staff_id, s1);
    ck_assert_str_eq(got.lead_staff_name, "田中　一郎");
    ck_assert_int_eq(got.lead_agency_id, a1);
    ck_assert_str_eq(got.lead_agency_name, "地域包括支援センター東");
    ck_assert_int_eq(got.consultation_id, consult);
    ck_assert_int_eq(got.referral_id, 0);
    ck_assert_str_eq(got.criteria, "1,3");
    ck_assert_str_eq(got.tried, "訪問を二回試みた");
    ck_assert_str_eq(got.opened_on, "2026-04-01");
    ck_assert_int_eq(got.version, 1);
    ck_assert_uint_eq(strlen(got.updated_at), TCS_STAMP_LEN);
    db_case_free(&got);

    /* Closed ones newer than open ones, and a tie on the date. */
    int64_t cb = tcs_case_add(d, p1, "終結", "2026-05-01");
    int64_t cc = tcs_case_add(d, p1, "支援中", "2026-03-01");
    int64_t cd = tcs_case_add(d, p1, "中断", "2026-02-01");
    int64_t ce = tcs_case_add(d, p2, "受付", "2026-06-01");
    int64_t cf = tcs_case_add(d, p1, "受付", "2026-04-01");
    int64_t cg = tcs_case_add(d, p1, "包括的相談支援に戻す", "2026-07-01");

    /* 0 ids are stored as NULL, and read back as 0 with empty names. */
    ck_assert_int_eq(tfix_int("SELECT count(*) FROM support_case WHERE household_id IS NULL"
                             " AND lead_staff_id IS NULL AND lead_agency_id IS NULL"
                             " AND consultation_id IS NULL AND referral_id IS NULL",
                             NULL), 6);
    got = tcs_get(d, cb);
    ck_assert_int_eq(got.household_id, 0);
    ck_assert_int_eq(got.lead_staff_id, 0);
    ck_assert_str_eq(got.lead_staff_name, "");
    ck_assert_int_eq(got.lead_agency_id, 0);
    ck_assert_str_eq(got.lead_agency_name, "");
    ck_assert_int_eq(got.consultation_id, 0);
    ck_assert_str_eq(got.criteria, "");
    ck_assert_str_eq(got.stage, "終結");
    db_case_free(&got);

    /* A person's cases: open first, then newest (date, then id). */
    db_case *rows = NULL;
    size_t n = 0;
    ck_assert_int_eq(db_case_by_person(d, p1, &rows, &n), DB_OK);
    const int64_t by_person[] = { cf, ca, cc, cg, cb, cd };
    ck_assert_uint_eq(n, sizeof by_person / sizeof by_person[0]);
    for (size_t i = 0; i < n; i++) {
        ck_assert_int_eq(rows[i].id, by_person[i]);
        ck_assert_str_eq(rows[i].person_name, "林　健一");
    }
    ck_assert_str_eq(rows[1].lead_agency_name, "地域包括支援センター東");
    db_case_list_free(rows, n);
    ck_assert_int_eq(db_case_by_person(d, TCS_NO_SUCH_ID, &rows, &n), DB_OK);
    ck_assert_uint_eq(n, 0);
    db_case_list_free(rows, n);

    /* By stage: newest first, at most limit; "" is every stage. */
    ck_assert_int_eq(db_case_by_stage(d, "受付", TCS_LIMIT, &rows, &n), DB_OK);
    const int64_t reception[] = { ce, cf, ca };
    ck_assert_uint_eq(n, 3);
    for (size_t i = 0; i < n; i++)
        ck_assert_int_eq(rows[i].id, reception[i]);
    ck_assert_str_eq(rows[0].person_name, "森　花子");
    db_case_list_free(rows, n);
    ck_assert_int_eq(db_case_by_stage(d, "受付", 2, &rows, &n), DB_OK);
    ck_assert_uint_eq(n, 2);
    ck_assert_int_eq(rows[0].id, ce);
    ck_assert_int_eq(rows[1].id, cf);
    db_case_list_free(rows, n);
    ck_assert_int_eq(db_case_by_stage(d, "", TCS_LIMIT, &rows, &n), DB_OK);
    const int64_t every[] = { cg, ce, cb, cf, ca, cc, cd };
    ck_assert_uint_eq(n, sizeof every / sizeof every[0]);
    for (size_t i = 0; i < n; i++)
        ck_assert_int_eq(rows[i].id, every[i]);
    db_case_list_free(rows, n);
    ck_assert_int_eq(db_case_by_stage(d, "", 0, &rows, &n), DB_OK);
    ck_assert_uint_eq(n, 0);
    ck_assert_ptr_null(rows);
    ck_assert_int_eq(db_case_by_stage(d, "評価", TCS_LIMIT, &rows, &n), DB_OK);
    ck_assert_uint_eq(n, 0);
    db_case_list_free(rows, n);

    ck_assert_int_eq(db_case_get(d, TCS_NO_SUCH_ID, &got), DB_NOTFOUND);
    db_close(d);
}
END_TEST

/* Everyone's open cases: however many closed cases are newer, every open
 * one is listed, the newest opened first, and no more than the limit. */
START_TEST(tcs_open_list)
{
    db *d = tfix_db();
    int64_t s1 = tfix_staff(d, "tanaka", "田中　一郎");
    db_set_actor(d, s1);
    int64_t p1 = tcs_person(d, "林　健一");
    int64_t old_open = tcs_case_add(d, p1, "支援中", "2020-01-01");
    int64_t mid_open = tcs_case_add(d, p1, "受付", "2021-06-01");
    int64_t new_open = tcs_case_add(d, p1, "モニタリング", "2021-06-01");
    const char *closed[] = { "終結", "中断", "包括的相談支援に戻す" };
    for (int i = 0; i < 30; i++)
        tcs_case_add(d, p1, closed[i % 3], "2025-01-01");
    db_case *rows = NULL;
    size_t n = 0;
    ck_assert_int_eq(dom_case_open_list(d, 10, &rows, &n), DB_OK);
    ck_assert_uint_eq(n, 3);
    ck_assert_int_eq(rows[0].id, new_open);   /* same day: the later id first */
    ck_assert_int_eq(rows[1].id, mid_open);
    ck_assert_int_eq(rows[2].id, old_open);
    db_case_list_free(rows, n);
    ck_assert_int_eq(dom_case_open_list(d, 2, &rows, &n), DB_OK);
    ck_assert_uint_eq(n, 2);
    ck_assert_int_eq(rows[1].id, mid_open);
    db_case_list_free(rows, n);
    db_close(d);
}
END_TEST

START_TEST(tcs_case_invalid)
{
    db *d = tfix_db();
    db_set_actor(d, tfix_staff(d, "tanaka", "田中　一郎"));
    int64_t p = tcs_person(d, "林　健一");

    db_case c = tcs_case(p, "相談中", "2026-04-01");
    ck_assert_int_eq(tcs_case_try(d, &c), DB_INVALID);
    c = tcs_case(p, "受付", "2026-04-01");
    c.business = "生活保護";
    ck_assert_int_eq(tcs_case_try(d, &c), DB_INVALID);
    /* opened_on must be a real ISO date. */
    const char *bad_dates[] = { "", "2026-02-30", "2026/04/01", "令和8年4月1日" };
    for (size_t i = 0; i < sizeof bad_dates / sizeof bad_dates[0]; i++) {
        c = tcs_case(p, "受付", bad_dates[i]);
        ck_assert_msg(tcs_case_try(d, &c) == DB_INVALID, "opened_on \"%s\"", bad_dates[i]);
    }
    c = tcs_case(p, "受付", NULL);
    ck_assert_int_eq(tcs_case_try(d, &c), DB_INVALID);
    /* A person or lead that does not exist. */
    c = tcs_case(TCS_NO_SUCH_ID, "受付", "2026-04-01");
    ck_assert_int_eq(tcs_case_try(d, &c), DB_INVALID);
    c = tcs_case(p, "受付", "2026-04-01");
    c.lead_staff_id = TCS_NO_SUCH_ID;
    ck_assert_int_eq(tcs_case_try(d, &c), DB_INVALID);
    ck_assert_int_eq(tfix_int("SELECT count(*) FROM support_case", NULL), 0);

    /* A bad stage on an existing case changes nothing. */
    int64_t id = tcs_case_add(d, p, "受付", "2026-04-01");
    ck_assert_int_eq(tcs_stage(d, id, 1, "完了"), DB_INVALID);
    db_case got = tcs_get(d, id);
    ck_assert_str_eq(got.stage, "受付");
    ck_assert_int_eq(got.version, 1);
    db_case_free(&got);
    db_close(d);
}
END_TEST

START_TEST(tcs_case_versions)
{
    db *d = tfix_db();
    int64_t s1 = tfix_staff(d, "tanaka", "田中　一郎");
    int64_t s2 = tfix_staff(d, "suzuki", "鈴木　花子");
    db_set_actor(d, s1);
    int64_t a1 = tcs_agency(d, "地域包括支援センター東");
    int64_t a2 = tcs_agency(d, "障がい者相談支援センター");
    int64_t p = tcs_person(d, "林　健一");
    db_case c = tcs_case(p, "受付", "2026-04-01");
    c.lead_staff_id = s1;
    c.lead_agency_id = a1;
    ck_assert_int_eq(tcs_case_try(d, &c), DB_OK);
    int64_t id = c.id;

    ck_assert_int_eq(tcs_stage(d, id, 1, "アセスメント"), DB_OK);
    db_case got = tcs_get(d, id);
    ck_assert_str_eq(got.stage, "アセスメント");
    ck_assert_int_eq(got.version, 2);
    db_case_free(&got);

    /* A stale version: refused, and nothing changes. */
    ck_assert_int_eq(tcs_stage(d, id, 1, "プラン作成"), DB_CONFLICT);
    ck_assert_str_eq(db_errtext(d), db_status_text(DB_CONFLICT));
    got = tcs_get(d, id);
    ck_assert_str_eq(got.stage, "アセスメント");
    ck_assert_int_eq(got.version, 2);
    db_case_free(&got);

    ck_assert_int_eq(tcs_lead(d, id, 2, s2, a2), DB_OK);
    got = tcs_get(d, id);
    ck_assert_int_eq(got.version, 3);
    ck_assert_int_eq(got.lead_staff_id, s2);
    ck_assert_str_eq(got.lead_staff_name, "鈴木　花子");
    ck_assert_int_eq(got.lead_agency_id, a2);
    ck_assert_str_eq(got.lead_agency_name, "障がい者相談支援センター");
    ck_assert_str_eq(got.stage, "アセスメント");
    db_case_free(&got);

    ck_assert_int_eq(tcs_lead(d, id, 2, s1, 0), DB_CONFLICT);
    got = tcs_get(d, id);
    ck_assert_int_eq(got.version, 3);
    ck_assert_int_eq(got.lead_staff_id, s2);
    ck_assert_int_eq(got.lead_agency_id, a2);
    db_case_free(&got);

    /* 0 clears the lead: stored as NULL, read back without names. */
    ck_assert_int_eq(tcs_lead(d, id, 3, 0, 0), DB_OK);
    got = tcs_get(d, id);
    ck_assert_int_eq(got.version, 4);
    ck_assert_int_eq(got.lead_staff_id, 0);
    ck_assert_str_eq(got.lead_staff_name, "");
    ck_assert_int_eq(got.lead_agency_id, 0);
    ck_assert_str_eq(got.lead_agency_name, "");
    db_case_free(&got);
    ck_assert_int_eq(tfix_int("SELECT count(*) FROM support_case WHERE lead_staff_id IS NULL"
                             " AND lead_agency_id IS NULL", NULL), 1);

    /* A lead that does not exist is refused. */
    ck_assert_int_eq(tcs_lead(d, id, 4, TCS_NO_SUCH_ID, 0), DB_INVALID);
    ck_assert_int_eq(tcs_stage(d, TCS_NO_SUCH_ID, 1, "評価"), DB_NOTFOUND);
    ck_assert_int_eq(tcs_lead(d, TCS_NO_SUCH_ID, 1, s1, 0), DB_NOTFOUND);
    got = tcs_get(d, id);
    ck_assert_int_eq(got.version, 4);
    db_case_free(&got);
    db_close(d);
}
END_TEST

START_TEST(tcs_case_events)
{
    db *d = tfix_db();
    int64_t s1 = tfix_staff(d, "tanaka", "田中　一郎");
    int64_t s2 = tfix_staff(d, "suzuki", "鈴木　花子");
    int64_t p = tcs_person(d, "林　健一");
    db_set_actor(d, s1);
    int64_t id = tcs_case_add(d, p, "受付", "2026-04-01");
    int64_t other = tcs_case_add(d, p, "受付", "2026-04-02");

    int64_t e1 = 0, e2 = 0, e3 = 0;
    ck_assert_int_eq(tcs_event(d, id, "開始", "", "受付", "母から電話", &e1), DB_OK);
    db_set_actor(d, s2);
    ck_assert_int_eq(tcs_event(d, id, "段階", "受付", "アセスメント", NULL, &e2), DB_OK);
    ck_assert_int_eq(tcs_event(d, other, "開始", "", "受付", "", &e3), DB_OK);
    ck_assert_int_gt(e1, 0);
    ck_assert_int_gt(e2, e1);

    /* An empty kind, and no acting staff, are refused. */
    ck_assert_int_eq(tcs_event(d, id, "", "", "", "x", NULL), DB_INVALID);
    ck_assert_int_eq(tcs_event(d, id, NULL, "", "", "x", NULL), DB_INVALID);
    db_set_actor(d, 0);
    ck_assert_int_eq(tcs_event(d, id, "記録", "", "", "x", NULL), DB_INVALID);
    db_set_actor(d, s1);
    ck_assert_int_eq(tfix_int("SELECT count(*) FROM case_event", NULL), 3);

    db_case_event *es = NULL;
    size_t n = 0;
    ck_assert_int_eq(db_case_events(d, id, &es, &n), DB_OK);
    ck_assert_uint_eq(n, 2);
    ck_assert_int_eq(es[0].id, e1);
    ck_assert_int_eq(es[0].case_id, id);
    ck_assert_int_eq(es[0].staff_id, s1);
    ck_assert_str_eq(es[0].staff_name, "田中　一郎");
    ck_assert_str_eq(es[0].kind, "開始");
    ck_assert_str_eq(es[0].from_stage, "");
    ck_assert_str_eq(es[0].to_stage, "受付");
    ck_assert_str_eq(es[0].note, "母から電話");
    ck_assert_uint_eq(strlen(es[0].at), TCS_STAMP_LEN);
    ck_assert_int_eq(es[0].at[TCS_STAMP_LEN - 1], 'Z');
    ck_assert_int_eq(es[1].id, e2);
    ck_assert_int_eq(es[1].staff_id, s2);
    ck_assert_str_eq(es[1].staff_name, "鈴木　花子");
    ck_assert_str_eq(es[1].kind, "段階");
    ck_assert_str_eq(es[1].from_stage, "受付");
    ck_assert_str_eq(es[1].to_stage, "アセスメント");
    ck_assert_str_eq(es[1].note, "");
    ck_assert_int_le(strcmp(es[0].at, es[1].at), 0);
    db_case_event_list_free(es, n);

    /* Oldest first by time, not by id: an event stamped earlier (another
     * terminal's) comes first though it was stored last. */
    char sql[256];
    snprintf(sql, sizeof sql,
             "INSERT INTO case_event(case_id, at, staff_id, kind)"
             " VALUES (%" PRId64 ", '2000-01-01T00:00:00Z', %" PRId64 ", '記録')", id, s2);
    ck_assert_int_eq(tcs_raw_rc(sql), SQLITE_OK);
    ck_assert_int_eq(db_case_events(d, id, &es, &n), DB_OK);
    ck_assert_uint_eq(n, 3);
    ck_assert_str_eq(es[0].at, "2000-01-01T00:00:00Z");
    ck_assert_int_eq(es[1].id, e1);
    ck_assert_int_eq(es[2].id, e2);
    db_case_event_list_free(es, n);

    /* Events are history: the schema refuses to change or remove them. */
    ck_assert_int_eq(tcs_raw_rc("UPDATE case_event SET note = '書き換え'"), SQLITE_CONSTRAINT);
    ck_assert_int_eq(tcs_raw_rc("DELETE FROM case_event"), SQLITE_CONSTRAINT);
    ck_assert_int_eq(tfix_int("SELECT count(*) FROM case_event", NULL), 4);
    ck_assert_int_eq(tfix_int("SELECT count(*) FROM case_event WHERE note = ?1", "母から電話"), 1);

    ck_assert_int_eq(db_case_events(d, TCS_NO_SUCH_ID, &es, &n), DB_OK);
    ck_assert_uint_eq(n, 0);
    db_case_event_list_free(es, n);
    db_close(d);
}
END_TEST

/* ---- 2. plans --------------------------------------------------------- */

START_TEST(tcs_plan_seq_roles)
{
    db *d = tfix_db();
    int64_t s1 = tfix_staff(d, "tanaka", "田中　一郎");
    db_set_actor(d, s1);
    int64_t a1 = tcs_agency(d, "地域包括支援センター東");
    int64_t a2 = tcs_agency(d, "障がい者相談支援センター");
    int64_t p = tcs_person(d, "林　健一");
    int64_t case_id = tcs_case_add(d, p, "プラン作成", "2026-04-01");
    int64_t other_case = tcs_case_add(d, p, "プラン作成", "2026-04-02");

    db_plan_role roles[] = {
        tcs_role(a1, "山田", "見守り"),
        tcs_role(0, "民生委員 佐藤", "声かけ"),
        tcs_role(a2, "", "就労体験"),
    };
    db_plan p1 = tcs_plan(case_id, "支援プラン", "案", roles, 3);
    p1.type_reason = "本人の同意のみ";
    p1.goal = "毎朝起きる";
    p1.policy = "週一回訪問する";
    p1.monitor_on = "2026-05-01";
    ck_assert_int_eq(db_write(d, tcs_plan_insert_tx, &p1), DB_OK);
    ck_assert_int_gt(p1.id, 0);
    ck_assert_int_eq(p1.seq, 1);

    db_plan got = tcs_plan_get(d, p1.id);
    ck_assert_int_eq(got.case_id, case_id);
    ck_assert_int_eq(got.replaces_id, 0);
    ck_assert_int_eq(got.seq, 1);
    ck_assert_str_eq(got.type, "支援プラン");
    ck_assert_str_eq(got.type_reason, "本人の同意のみ");
    ck_assert_str_eq(got.goal, "毎朝起きる");
    ck_assert_str_eq(got.policy, "週一回訪問する");
    ck_assert_str_eq(got.state, "案");
    ck_assert_str_eq(got.approved_on, "");
    ck_assert_str_eq(got.monitor_on, "2026-05-01");
    ck_assert_str_eq(got.evaluate_on, "");
    ck_assert_int_eq(got.staff_id, s1);
    ck_assert_int_eq(got.version, 1);
    ck_assert_uint_eq(strlen(got.created_at), TCS_STAMP_LEN);
    ck_assert_uint_eq(strlen(got.updated_at), TCS_STAMP_LEN);
    const int64_t ag3[] = { a1, 0, a2 };
    const char *const names3[] = { "地域包括支援センター東", "", "障がい者相談支援センター" };
    const char *const whos3[] = { "山田", "民生委員 佐藤", "" };
    const char *const roles3[] = { "見守り", "声かけ", "就労体験" };
    tcs_assert_roles(&got, 3, ag3, names3, whos3, roles3);
    db_plan_free(&got);
    ck_assert_int_eq(tfix_int("SELECT count(*) FROM plan_role WHERE agency_id IS NULL", NULL), 1);

    /* A re-plan is the case's next; another case counts from 1. */
    db_plan_role one[] = { tcs_role(a2, "相談員", "家族支援") };
    db_plan p2 = tcs_plan(case_id, "世帯丸ごと支援プラン", "案", one, 1);
    p2.replaces_id = p1.id;
    ck_assert_int_eq(db_write(d, tcs_plan_insert_tx, &p2), DB_OK);
    ck_assert_int_eq(p2.seq, 2);
    db_plan q = tcs_plan(other_case, "参加支援プラン", "案", NULL, 0);
    ck_assert_int_eq(db_write(d, tcs_plan_insert_tx, &q), DB_OK);
    ck_assert_int_eq(q.seq, 1);

    db_plan *rows = NULL;
    size_t n = 0;
    ck_assert_int_eq(db_plan_by_case(d, case_id, &rows, &n), DB_OK);
    ck_assert_uint_eq(n, 2);
    ck_assert_int_eq(rows[0].id, p2.id);
    ck_assert_int_eq(rows[0].seq, 2);
    ck_assert_int_eq(rows[0].replaces_id, p1.id);
    ck_assert_str_eq(rows[0].type, "世帯丸ごと支援プラン");
    ck_assert_uint_eq(rows[0].n_roles, 1);
    ck_assert_str_eq(rows[0].roles[0].agency_name, "障がい者相談支援センター");
    ck_assert_str_eq(rows[0].roles[0].role, "家族支援");
    ck_assert_int_eq(rows[1].id, p1.id);
    ck_assert_int_eq(rows[1].seq, 1);
    tcs_assert_roles(&rows[1], 3, ag3, names3, whos3, roles3);
    db_plan_list_free(rows, n);

    /* Save the first plan at the version read: texts, state, dates and
     * roles (now two, in another order). */
    db_plan_role two[] = { tcs_role(a2, "", "就労体験"), tcs_role(a1, "山田", "見守り") };
    db_plan upd = tcs_plan(case_id, "支援プラン", "承認", two, 2);
    upd.id = p1.id;
    upd.version = 1;
    upd.goal = "週三回外出する";
    upd.approved_on = "2026-04-10";
    upd.evaluate_on = "2026-09-30";
    ck_assert_int_eq(db_write(d, tcs_plan_update_tx, &upd), DB_OK);
    got = tcs_plan_get(d, p1.id);
    ck_assert_int_eq(got.version, 2);
    ck_assert_str_eq(got.state, "承認");
    ck_assert_str_eq(got.goal, "週三回外出する");
    ck_assert_str_eq(got.policy, "");
    ck_assert_str_eq(got.type_reason, "");
    ck_assert_str_eq(got.approved_on, "2026-04-10");
    ck_assert_str_eq(got.monitor_on, "");
    ck_assert_str_eq(got.evaluate_on, "2026-09-30");
    ck_assert_int_eq(got.seq, 1);
    const int64_t ag2[] = { a2, a1 };
    const char *const names2[] = { "障がい者相談支援センター", "地域包括支援センター東" };
    const char *const whos2[] = { "", "山田" };
    const char *const roles2[] = { "就労体験", "見守り" };
    tcs_assert_roles(&got, 2, ag2, names2, whos2, roles2);
    db_plan_free(&got);
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM plan_role WHERE plan_id = %" PRId64, p1.id);
    ck_assert_int_eq(tfix_int(sql, NULL), 2);

    /* A stale version: refused, and nothing changes, roles included. */
    db_plan stale = tcs_plan(case_id, "支援プラン", "終結", one, 1);
    stale.id = p1.id;
    stale.version = 1;
    stale.goal = "別の目標";
    ck_assert_int_eq(db_write(d, tcs_plan_update_tx, &stale), DB_CONFLICT);
    got = tcs_plan_get(d, p1.id);
    ck_assert_int_eq(got.version, 2);
    ck_assert_str_eq(got.state, "承認");
    ck_assert_str_eq(got.goal, "週三回外出する");
    tcs_assert_roles(&got, 2, ag2, names2, whos2, roles2);
    db_plan_free(&got);

    /* The re-plan did not touch the plan it replaces, nor the reverse. */
    got = tcs_plan_get(d, p2.id);
    ck_assert_int_eq(got.version, 1);
    ck_assert_uint_eq(got.n_roles, 1);
    db_plan_free(&got);

    stale.id = TCS_NO_SUCH_ID;
    ck_assert_int_eq(db_write(d, tcs_plan_update_tx, &stale), DB_NOTFOUND);
    ck_assert_int_eq(db_plan_get(d, TCS_NO_SUCH_ID, &got), DB_NOTFOUND);
    ck_assert_int_eq(db_plan_by_case(d, TCS_NO_SUCH_ID, &rows, &n), DB_OK);
    ck_assert_uint_eq(n, 0);
    db_plan_list_free(rows, n);
    db_close(d);
}
END_TEST

START_TEST(tcs_plan_invalid)
{
    db *d = tfix_db();
    db_set_actor(d, tfix_staff(d, "tanaka", "田中　一郎"));
    int64_t p = tcs_person(d, "林　健一");
    int64_t case_id = tcs_case_add(d, p, "プラン作成", "2026-04-01");

    db_plan bad = tcs_plan(case_id, "ケアプラン", "案", NULL, 0);
    ck_assert_int_eq(db_write(d, tcs_plan_insert_tx, &bad), DB_INVALID);
    bad = tcs_plan(case_id, "支援プラン", "下書き", NULL, 0);
    ck_assert_int_eq(db_write(d, tcs_plan_insert_tx, &bad), DB_INVALID);
    bad = tcs_plan(case_id, "支援プラン", "案", NULL, 0);
    bad.approved_on = "2026/04/10";
    ck_assert_int_eq(db_write(d, tcs_plan_insert_tx, &bad), DB_INVALID);
    bad.approved_on = "2026-04-31";
    ck_assert_int_eq(db_write(d, tcs_plan_insert_tx, &bad), DB_INVALID);
    /* A role with no text fails the whole plan. */
    db_plan_role empty[] = { tcs_role(0, "山田", "") };
    bad = tcs_plan(case_id, "支援プラン", "案", empty, 1);
    ck_assert_int_eq(db_write(d, tcs_plan_insert_tx, &bad), DB_INVALID);
    bad = tcs_plan(TCS_NO_SUCH_ID, "支援プラン", "案", NULL, 0);
    ck_assert_int_eq(db_write(d, tcs_plan_insert_tx, &bad), DB_INVALID);
    ck_assert_int_eq(tfix_int("SELECT count(*) FROM plan", NULL), 0);
    ck_assert_int_eq(tfix_int("SELECT count(*) FROM plan_role", NULL), 0);

    /* A bad update changes nothing. */
    db_plan_role roles[] = { tcs_role(0, "山田", "見守り") };
    db_plan ok = tcs_plan(case_id, "支援プラン", "案", roles, 1);
    ck_assert_int_eq(db_write(d, tcs_plan_insert_tx, &ok), DB_OK);
    ck_assert_int_eq(ok.seq, 1);
    db_plan upd = tcs_plan(case_id, "支援プラン", "完了", NULL, 0);
    upd.id = ok.id;
    upd.version = 1;
    ck_assert_int_eq(db_write(d, tcs_plan_update_tx, &upd), DB_INVALID);
    upd.state = "承認";
    upd.type = "ケアプラン";
    ck_assert_int_eq(db_write(d, tcs_plan_update_tx, &upd), DB_INVALID);
    db_plan got = tcs_plan_get(d, ok.id);
    ck_assert_str_eq(got.state, "案");
    ck_assert_str_eq(got.type, "支援プラン");
    ck_assert_int_eq(got.version, 1);
    ck_assert_uint_eq(got.n_roles, 1);
    db_plan_free(&got);

    /* The failed inserts took no numbers. */
    db_plan next = tcs_plan(case_id, "アウトリーチ等プラン", "案", NULL, 0);
    ck_assert_int_eq(db_write(d, tcs_plan_insert_tx, &next), DB_OK);
    ck_assert_int_eq(next.seq, 2);
    db_close(d);
}
END_TEST

/* ---- 3. assessments --------------------------------------------------- */

START_TEST(tcs_assessments)
{
    db *d = tfix_db();
    int64_t s1 = tfix_staff(d, "tanaka", "田中　一郎");
    int64_t s2 = tfix_staff(d, "suzuki", "鈴木　花子");
    db_set_actor(d, s1);
    int64_t p = tcs_person(d, "林　健一");
    int64_t case_id = tcs_case_add(d, p, "アセスメント", "2026-04-01");
    int64_t other_case = tcs_case_add(d, p, "アセスメント", "2026-04-02");

    db_assessment got;
    ck_assert_int_eq(db_assessment_latest(d, case_id, &got), DB_NOTFOUND);

    db_assessment a;
    memset(&a, 0, sizeof a);
    a.case_id = case_id;
    a.data = "life\t昼夜逆転";
    ck_assert_int_eq(db_write(d, tcs_assessment_tx, &a), DB_OK);
    ck_assert_int_gt(a.id, 0);
    ck_assert_int_eq(a.version, 1);
    ck_assert_int_eq(db_assessment_latest(d, case_id, &got), DB_OK);
    ck_assert_int_eq(got.id, a.id);
    ck_assert_int_eq(got.case_id, case_id);
    ck_assert_str_eq(got.data, "life\t昼夜逆転");
    ck_assert_int_eq(got.staff_id, s1);
    ck_assert_int_eq(got.version, 1);
    ck_assert_uint_eq(strlen(got.updated_at), TCS_STAMP_LEN);
    db_assessment_free(&got);

    /* Update at the version read; the struct gets the new version. */
    int64_t first = a.id;
    db_set_actor(d, s2);
    a.data = "life\t朝は起きられる";
    ck_assert_int_eq(db_write(d, tcs_assessment_tx, &a), DB_OK);
    ck_assert_int_eq(a.id, first);
    ck_assert_int_eq(a.version, 2);
    ck_assert_int_eq(db_assessment_latest(d, case_id, &got), DB_OK);
    ck_assert_str_eq(got.data, "life\t朝は起きられる");
    ck_assert_int_eq(got.version, 2);
    ck_assert_int_eq(got.staff_id, s2);
    db_assessment_free(&got);

    /* A stale version: refused, and nothing changes. */
    db_assessment stale = a;
    stale.version = 1;
    stale.data = "life\t古い内容";
    ck_assert_int_eq(db_write(d, tcs_assessment_tx, &stale), DB_CONFLICT);
    ck_assert_int_eq(stale.version, 1);
    ck_assert_int_eq(db_assessment_latest(d, case_id, &got), DB_OK);
    ck_assert_str_eq(got.data, "life\t朝は起きられる");
    ck_assert_int_eq(got.version, 2);
    db_assessment_free(&got);

    /* A re-assessment is the latest, even when the older one is edited
     * after it. */
    db_assessment again;
    memset(&again, 0, sizeof again);
    again.case_id = case_id;
    again.data = "life\t再アセスメント";
    ck_assert_int_eq(db_write(d, tcs_assessment_tx, &again), DB_OK);
    ck_assert_int_gt(again.id, first);
    a.data = "life\t追記";
    ck_assert_int_eq(db_write(d, tcs_assessment_tx, &a), DB_OK);
    ck_assert_int_eq(a.version, 3);
    ck_assert_int_eq(db_assessment_latest(d, case_id, &got), DB_OK);
    ck_assert_int_eq(got.id, again.id);
    ck_assert_str_eq(got.data, "life\t再アセスメント");
    db_assessment_free(&got);
    ck_assert_int_eq(db_assessment_latest(d, other_case, &got), DB_NOTFOUND);

    stale.id = TCS_NO_SUCH_ID;
    ck_assert_int_eq(db_write(d, tcs_assessment_tx, &stale), DB_NOTFOUND);
    db_close(d);
}
END_TEST

/* ---- 4. audit --------------------------------------------------------- */

START_TEST(tcs_audit_rows)
{
    db *d = tfix_db();
    int64_t s1 = tfix_staff(d, "tanaka", "田中　一郎");
    db_set_actor(d, s1);
    int64_t a1 = tcs_agency(d, "地域包括支援センター東");
    int64_t p = tcs_person(d, "林　健一");

    /* Free texts, each marked so that any trace of one in the audit shows. */
    static const char *const secrets[] = {
        "秘密試行", "秘密記録", "秘密理由", "秘密目標", "秘密方針", "秘密担当",
        "秘密役割", "秘密評価", "林　健一",
    };
    db_case c = tcs_case(p, "受付", "2026-04-01");
    c.tried = "秘密試行";
    ck_assert_int_eq(tcs_case_try(d, &c), DB_OK);
    ck_assert_int_eq(tcs_stage(d, c.id, 1, "アセスメント"), DB_OK);
    ck_assert_int_eq(tcs_stage(d, c.id, 1, "評価"), DB_CONFLICT);
    ck_assert_int_eq(tcs_lead(d, c.id, 2, s1, a1), DB_OK);
    int64_t ev = 0;
    ck_assert_int_eq(tcs_event(d, c.id, "記録", "", "", "秘密記録", &ev), DB_OK);

    db_plan_role roles[] = { tcs_role(a1, "秘密担当", "秘密役割") };
    db_plan pl = tcs_plan(c.id, "支援プラン", "案", roles, 1);
    pl.type_reason = "秘密理由";
    pl.goal = "秘密目標";
    pl.policy = "秘密方針";
    ck_assert_int_eq(db_write(d, tcs_plan_insert_tx, &pl), DB_OK);
    db_plan upd = pl;
    upd.version = 1;
    upd.state = "承認";
    ck_assert_int_eq(db_write(d, tcs_plan_update_tx, &upd), DB_OK);
    ck_assert_int_eq(db_write(d, tcs_plan_update_tx, &upd), DB_CONFLICT);

    db_assessment a;
    memset(&a, 0, sizeof a);
    a.case_id = c.id;
    a.data = "秘密評価";
    ck_assert_int_eq(db_write(d, tcs_assessment_tx, &a), DB_OK);
    ck_assert_int_eq(db_write(d, tcs_assessment_tx, &a), DB_OK);

    /* One row per change; refused changes leave none. */
    ck_assert_int_eq(tfix_audits(d, "create", "case", c.id), 1);
    ck_assert_int_eq(tfix_audits(d, "stage", "case", c.id), 1);
    ck_assert_int_eq(tfix_audits(d, "lead", "case", c.id), 1);
    ck_assert_int_eq(tfix_audits(d, "create", "case_event", ev), 1);
    ck_assert_int_eq(tfix_audits(d, "create", "plan", pl.id), 1);
    ck_assert_int_eq(tfix_audits(d, "update", "plan", pl.id), 1);
    ck_assert_int_eq(tfix_audits(d, "create", "assessment", a.id), 1);
    ck_assert_int_eq(tfix_audits(d, "update", "assessment", a.id), 1);
    ck_assert_int_eq(tfix_int("SELECT count(*) FROM audit WHERE entity = 'case'", NULL), 3);
    ck_assert_int_eq(tfix_int("SELECT count(*) FROM audit WHERE entity = 'plan'", NULL), 2);
    /* Every row names the acting staff member. */
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM audit WHERE entity IN"
             " ('case', 'case_event', 'plan', 'assessment')"
             " AND (staff_id IS NOT %" PRId64 " OR login <> 'tanaka')", s1);
    ck_assert_int_eq(tfix_int(sql, NULL), 0);
    ck_assert_int_eq(tfix_int("SELECT count(*) FROM audit WHERE entity IN"
                             " ('case', 'case_event', 'plan', 'assessment')", NULL), 8);

    for (size_t i = 0; i < sizeof secrets / sizeof secrets[0]; i++)
        ck_assert_msg(tfix_int("SELECT count(*) FROM audit WHERE instr(detail, ?1) > 0",
                              secrets[i]) == 0, "audit names \"%s\"", secrets[i]);
    db_close(d);
}
END_TEST

/* Run the groups of tests, each in a fresh folder; the exit status says
 * whether anything failed. */
int main(void)
{
    const tfix_group groups[] = {
        { "cases", { tcs_case_round_trip, tcs_case_invalid, tcs_case_versions,
                     tcs_case_events, tcs_open_list, NULL } },
        { "plans", { tcs_plan_seq_roles, tcs_plan_invalid, NULL } },
        { "assessments", { tcs_assessments, NULL } },
        { "audit", { tcs_audit_rows, NULL } },
    };
    return tfix_run("cases", groups, sizeof groups / sizeof groups[0], tcs_setup);
}
