/* check_outreach.c - unit tests of the outreach list (アウトリーチ) and its
 * attempts in the storage layer (db_outreach_* in include/db.h) on real
 * SQLite files, one fresh temporary directory per test. */
#include "config.h"

#include <check.h>
#include <inttypes.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "domain.h"
#include "tfix.h"

/* An id no test creates. */
#define TOU_NO_SUCH_ID 9999
/* The kind of meeting (支援会議) the schema comes with, where an entry is
 * shared. */
#define TOU_KIND_SHIEN 2
/* More rows than any test makes: a list that is not cut short. */
#define TOU_ALL 100
#define TOU_N(a) (sizeof (a) / sizeof (a)[0])
/* Room for the SQL the tests build. */
#define TOU_SQL_MAX 512

/* Make the test's own folder. */
static void tou_setup(void)
{
    tfix_setup("check_outreach");
}

/* ---- the rows entries point at ---------------------------------------- */

/* Register a staff member and make them the one acting; returns the id. */
static int64_t tou_actor(db *d, const char *login, const char *name)
{
    int64_t id = tfix_staff(d, login, name);
    db_set_actor(d, id);
    return id;
}

/* A 支援会議 held on a date, straight in the file: the meeting functions
 * are not under test here. */
static int64_t tou_meeting(int64_t created_by, const char *held_on)
{
    char sql[TOU_SQL_MAX];
    snprintf(sql, sizeof sql,
             "INSERT INTO meeting(kind_id, held_on, created_by, created_at, updated_at)"
             " VALUES (%d, '%s', %" PRId64 ", '2026-04-01T00:00:00Z',"
             " '2026-04-01T00:00:00Z')", TOU_KIND_SHIEN, held_on, created_by);
    return tfix_exec(sql);
}

/* An integer of one entry's stored row (column is trusted SQL). */
static int64_t tou_stored(const char *column, int64_t id)
{
    char sql[TOU_SQL_MAX];
    snprintf(sql, sizeof sql, "SELECT %s FROM outreach WHERE id = %" PRId64, column, id);
    return tfix_int(sql, NULL);
}

/* ---- the functions under test, each in a transaction of its own ------ */

/* db_write body: insert the entry given. */
static db_status tou_insert_tx(db *d, void *arg)
{
    return db_outreach_insert(d, arg);
}

/* db_write body: save the entry given. */
static db_status tou_update_tx(db *d, void *arg)
{
    return db_outreach_update(d, arg);
}

/* db_write body: append the attempt given. */
static db_status tou_attempt_tx(db *d, void *arg)
{
    return db_outreach_attempt_add(d, arg);
}

/* An entry with the fields the tests vary; the rest empty. */
static db_outreach tou_entry(const char *label, const char *source, const char *stage,
                             const char *next_on)
{
    db_outreach o;
    memset(&o, 0, sizeof o);
    o.label = (char *)label;
    o.source = (char *)source;
    o.first_info_on = "2026-04-01";
    o.stage = (char *)stage;
    o.next_on = (char *)next_on;
    return o;
}

/* Insert an entry at a stage with its next attempt ("" none), asserting
 * success; returns its id. */
static int64_t tou_add(db *d, const char *label, const char *stage, const char *next_on)
{
    db_outreach o = tou_entry(label, "民生委員", stage, next_on);
    db_status st = db_write(d, tou_insert_tx, &o);
    ck_assert_msg(st == DB_OK, "outreach %s: %d %s", label, st, db_errmsg(d));
    ck_assert_int_gt(o.id, 0);
    ck_assert_int_eq(o.version, 1);
    return o.id;
}

/* Read an entry, asserting success; the caller frees it. */
static db_outreach tou_get(db *d, int64_t id)
{
    db_outreach o;
    db_status st = db_outreach_get(d, id, &o);
    ck_assert_msg(st == DB_OK, "outreach get %" PRId64 ": %d %s", id, st, db_errmsg(d));
    return o;
}

/* An attempt to append. */
static db_outreach_attempt tou_try(int64_t outreach_id, const char *done_on,
                                   const char *how, bool reached, const char *result)
{
    db_outreach_attempt a;
    memset(&a, 0, sizeof a);
    a.outreach_id = outreach_id;
    a.done_on = (char *)done_on;
    a.how = (char *)how;
    a.reached = reached;
    a.result = (char *)result;
    return a;
}

/* Append an attempt by the acting staff member, asserting success;
 * returns its id. */
static int64_t tou_attempt(db *d, int64_t outreach_id, const char *done_on,
                           const char *how, bool reached, const char *result)
{
    db_outreach_attempt a = tou_try(outreach_id, done_on, how, reached, result);
    db_status st = db_write(d, tou_attempt_tx, &a);
    ck_assert_msg(st == DB_OK, "attempt %s: %d %s", done_on, st, db_errmsg(d));
    ck_assert_int_gt(a.id, 0);
    ck_assert_int_eq(a.staff_id, db_actor(d));
    return a.id;
}

/* Assert that a list of entries is exactly these, in this order. */
static void tou_assert_ids(const db_outreach *os, size_t n, const int64_t *ids,
                           size_t n_ids)
{
    ck_assert_uint_eq(n, n_ids);
    for (size_t i = 0; i < n; i++)
        ck_assert_msg(os[i].id == ids[i], "entry %zu: %" PRId64 ", expected %" PRId64,
                      i, os[i].id, ids[i]);
}

/* Assert that db_outreach_list(stage, limit) is exactly these entries. */
static void tou_assert_list(db *d, const char *stage, size_t limit, const int64_t *ids,
                            size_t n_ids)
{
    db_outreach *os = NULL;
    size_t n = 0;
    ck_assert_int_eq(db_outreach_list(d, stage, limit, &os, &n), DB_OK);
    tou_assert_ids(os, n, ids, n_ids);
    db_outreach_list_free(os, n);
}

/* Assert that db_outreach_due(on, limit) is exactly these entries. */
static void tou_assert_due(db *d, const char *on, size_t limit, const int64_t *ids,
                           size_t n_ids)
{
    db_outreach *os = NULL;
    size_t n = 0;
    ck_assert_int_eq(db_outreach_due(d, on, limit, &os, &n), DB_OK);
    tou_assert_ids(os, n, ids, n_ids);
    db_outreach_list_free(os, n);
}

/* ---- 1. entries ------------------------------------------------------- */

START_TEST(tou_round_trip)
{
    db *d = tfix_db();
    int64_t s1 = tou_actor(d, "tanaka", "田中　一郎");
    int64_t meeting = tou_meeting(s1, "2026-04-20");

    /* Known only in part: no person, no case yet. */
    db_outreach o = tou_entry("○○さん宅の長男", "学校・SSW", "接触あり", "2026-05-01");
    o.address = "緑町3-2-1";
    o.family = "母（70代）";
    o.source_note = "中学校のSSWから、卒業後ずっと家にいると";
    o.first_info_on = "2026-03-15";
    o.situation = "昼夜逆転、家族とも話さない";
    o.next_how = "訪問";
    o.worker_id = s1;
    o.meeting_id = meeting;
    ck_assert_int_eq(db_write(d, tou_insert_tx, &o), DB_OK);
    ck_assert_int_gt(o.id, 0);
    ck_assert_int_eq(o.version, 1);

    db_outreach g = tou_get(d, o.id);
    ck_assert_int_eq(g.id, o.id);
    ck_assert_str_eq(g.label, "○○さん宅の長男");
    ck_assert_str_eq(g.address, "緑町3-2-1");
    ck_assert_str_eq(g.family, "母（70代）");
    ck_assert_str_eq(g.source, "学校・SSW");
    ck_assert_str_eq(g.source_note, "中学校のSSWから、卒業後ずっと家にいると");
    ck_assert_str_eq(g.first_info_on, "2026-03-15");
    ck_assert_str_eq(g.situation, "昼夜逆転、家族とも話さない");
    ck_assert_str_eq(g.stage, "接触あり");
    ck_assert_str_eq(g.next_on, "2026-05-01");
    ck_assert_str_eq(g.next_how, "訪問");
    ck_assert_int_eq(g.worker_id, s1);
    ck_assert_str_eq(g.worker_name, "田中　一郎");
    ck_assert_int_eq(g.meeting_id, meeting);
    ck_assert_int_eq(g.person_id, 0);
    ck_assert_int_eq(g.case_id, 0);
    ck_assert_int_eq(g.n_attempts, 0);
    ck_assert_str_eq(g.last_attempt_on, "");
    ck_assert_int_eq(g.version, 1);
    db_outreach_free(&g);
    /* The free leaves the row empty, so that a second free is harmless. */
    ck_assert_ptr_null(g.label);
    db_outreach_free(&g);

    /* The ids given as 0 are stored as no link at all. */
    ck_assert_int_eq(tou_stored("person_id IS NULL AND case_id IS NULL", o.id), 1);
    ck_assert_int_eq(tou_stored("worker_id", o.id), s1);

    /* Only the label and the source are needed; no worker reads as "". */
    int64_t bare = tou_add(d, "公園によくいる人", "未接触", "");
    g = tou_get(d, bare);
    ck_assert_str_eq(g.address, "");
    ck_assert_str_eq(g.next_on, "");
    ck_assert_int_eq(g.worker_id, 0);
    ck_assert_str_eq(g.worker_name, "");
    ck_assert_int_eq(g.meeting_id, 0);
    db_outreach_free(&g);
    ck_assert_int_eq(tou_stored("worker_id IS NULL AND meeting_id IS NULL", bare), 1);

    ck_assert_int_eq(db_outreach_get(d, TOU_NO_SUCH_ID, &g), DB_NOTFOUND);
    ck_assert_ptr_null(g.label);
    db_close(d);
}
END_TEST

START_TEST(tou_defaults_and_checks)
{
    db *d = tfix_db();
    tou_actor(d, "tanaka", "田中　一郎");

    /* No stage, or an empty one, is 未接触. */
    db_outreach o = tou_entry("二丁目の高齢男性", "地域住民", NULL, "");
    ck_assert_int_eq(db_write(d, tou_insert_tx, &o), DB_OK);
    db_outreach g = tou_get(d, o.id);
    ck_assert_str_eq(g.stage, "未接触");
    db_outreach_free(&g);
    int64_t first = o.id;
    o = tou_entry("三丁目の若い女性", "家族", "", "");
    ck_assert_int_eq(db_write(d, tou_insert_tx, &o), DB_OK);
    g = tou_get(d, o.id);
    ck_assert_str_eq(g.stage, "未接触");
    db_outreach_free(&g);

    /* The schema's lists and shapes refuse the rest, and nothing is
     * written. */
    db_outreach bad[] = {
        tou_entry("誰か", "うわさ", "未接触", ""),
        tou_entry("誰か", "", "未接触", ""),
        tou_entry("誰か", "民生委員", "行方不明", ""),
        tou_entry("", "民生委員", "未接触", ""),
        tou_entry(NULL, "民生委員", "未接触", ""),
    };
    for (size_t i = 0; i < TOU_N(bad); i++) {
        db_status st = db_write(d, tou_insert_tx, &bad[i]);
        ck_assert_msg(st != DB_OK, "bad entry %zu was stored", i);
        ck_assert_int_eq(st, DB_INVALID);
    }
    db_outreach undated = tou_entry("誰か", "民生委員", "未接触", "");
    undated.first_info_on = "4月1日";
    ck_assert_int_ne(db_write(d, tou_insert_tx, &undated), DB_OK);
    undated.first_info_on = "";
    ck_assert_int_ne(db_write(d, tou_insert_tx, &undated), DB_OK);
    ck_assert_int_eq(tfix_int("SELECT count(*) FROM outreach", NULL), 2);

    /* A bad stage or source on saving is refused too, and the version
     * stays where it was. */
    g = tou_get(d, first);
    char *keep = g.stage;
    g.stage = "行方不明";
    ck_assert_int_eq(db_write(d, tou_update_tx, &g), DB_INVALID);
    ck_assert_int_eq(g.version, 1);
    g.stage = keep;
    keep = g.source;
    g.source = "うわさ";
    ck_assert_int_eq(db_write(d, tou_update_tx, &g), DB_INVALID);
    g.source = keep;
    ck_assert_int_eq(g.version, 1);
    db_outreach_free(&g);
    g = tou_get(d, first);
    ck_assert_str_eq(g.stage, "未接触");
    ck_assert_str_eq(g.source, "地域住民");
    ck_assert_int_eq(g.version, 1);
    db_outreach_free(&g);
    db_close(d);
}
END_TEST

START_TEST(tou_update_versions)
{
    db *d = tfix_db();
    tou_actor(d, "tanaka", "田中　一郎");
    int64_t s2 = tfix_staff(d, "suzuki", "鈴木　花子");
    int64_t id = tou_add(d, "商店街の奥の家", "未接触", "2026-05-01");

    /* Every field but id is saved (o borrows g's strings and replaces
     * the ones it saves; only g is freed). */
    db_outreach g = tou_get(d, id);
    db_outreach o = g;
    o.label = "山本さん";
    o.address = "本町1-1";
    o.family = "姉";
    o.source = "関係機関";
    o.source_note = "地域包括から";
    o.first_info_on = "2026-03-01";
    o.situation = "ごみが溜まっている";
    o.stage = "関係構築中";
    o.next_on = "2026-06-01";
    o.next_how = "電話";
    o.worker_id = s2;
    ck_assert_int_eq(db_write(d, tou_update_tx, &o), DB_OK);
    ck_assert_int_eq(o.version, 2);
    db_outreach h = tou_get(d, id);
    ck_assert_str_eq(h.label, "山本さん");
    ck_assert_str_eq(h.address, "本町1-1");
    ck_assert_str_eq(h.family, "姉");
    ck_assert_str_eq(h.source, "関係機関");
    ck_assert_str_eq(h.source_note, "地域包括から");
    ck_assert_str_eq(h.first_info_on, "2026-03-01");
    ck_assert_str_eq(h.situation, "ごみが溜まっている");
    ck_assert_str_eq(h.stage, "関係構築中");
    ck_assert_str_eq(h.next_on, "2026-06-01");
    ck_assert_str_eq(h.next_how, "電話");
    ck_assert_int_eq(h.worker_id, s2);
    ck_assert_str_eq(h.worker_name, "鈴木　花子");
    ck_assert_int_eq(h.version, 2);
    db_outreach_free(&h);

    /* Saving from the first reading is a conflict, and changes nothing. */
    char *keep_stage = g.stage;
    g.stage = "終結";
    ck_assert_int_eq(g.version, 1);
    ck_assert_int_eq(db_write(d, tou_update_tx, &g), DB_CONFLICT);
    ck_assert_int_eq(g.version, 1);
    h = tou_get(d, id);
    ck_assert_str_eq(h.stage, "関係構築中");
    ck_assert_int_eq(h.version, 2);

    /* Read again, it saves; the next planned attempt can be taken away. */
    db_outreach_free(&h);
    h = tou_get(d, id);
    char *keep_next = h.next_on;
    h.next_on = "";
    h.worker_id = 0;
    ck_assert_int_eq(db_write(d, tou_update_tx, &h), DB_OK);
    ck_assert_int_eq(h.version, 3);
    h.next_on = keep_next;
    db_outreach_free(&h);
    h = tou_get(d, id);
    ck_assert_str_eq(h.next_on, "");
    ck_assert_int_eq(h.worker_id, 0);
    ck_assert_str_eq(h.worker_name, "");
    db_outreach_free(&h);
    ck_assert_int_eq(tou_stored("worker_id IS NULL", id), 1);

    /* An entry that is not there. */
    o.id = TOU_NO_SUCH_ID;
    ck_assert_int_eq(db_write(d, tou_update_tx, &o), DB_NOTFOUND);
    ck_assert_int_eq(tfix_int("SELECT count(*) FROM outreach", NULL), 1);

    g.stage = keep_stage;
    db_outreach_free(&g);
    db_close(d);
}
END_TEST

/* ---- 2. lists --------------------------------------------------------- */

START_TEST(tou_list_order)
{
    db *d = tfix_db();
    tou_actor(d, "tanaka", "田中　一郎");
    int64_t a = tou_add(d, "A", "未接触", "2026-06-10");
    int64_t b = tou_add(d, "B", "未接触", "");
    int64_t c = tou_add(d, "C", "未接触", "2026-06-01");
    int64_t dd = tou_add(d, "D", "未接触", "2026-06-10");
    int64_t e = tou_add(d, "E", "接触あり", "2026-05-20");
    int64_t f = tou_add(d, "F", "終結", "");

    /* Every stage: the dated next attempts first, earliest first (equal
     * dates by id), then the undated by id. */
    const int64_t all[] = { e, c, a, dd, b, f };
    tou_assert_list(d, "", TOU_ALL, all, TOU_N(all));
    tou_assert_list(d, NULL, TOU_ALL, all, TOU_N(all));

    /* One stage, in the same order. */
    const int64_t none[] = { c, a, dd, b };
    tou_assert_list(d, "未接触", TOU_ALL, none, TOU_N(none));
    const int64_t contact[] = { e };
    tou_assert_list(d, "接触あり", TOU_ALL, contact, TOU_N(contact));
    const int64_t closed[] = { f };
    tou_assert_list(d, "終結", TOU_ALL, closed, TOU_N(closed));
    tou_assert_list(d, "関係構築中", TOU_ALL, NULL, 0);

    /* The limit cuts the list from the front. */
    const int64_t first_two[] = { e, c };
    tou_assert_list(d, "", 2, first_two, TOU_N(first_two));
    const int64_t first_none[] = { c };
    tou_assert_list(d, "未接触", 1, first_none, TOU_N(first_none));
    tou_assert_list(d, "", 0, NULL, 0);

    /* The rows are whole: the list reads what get reads. */
    db_outreach *os = NULL;
    size_t n = 0;
    ck_assert_int_eq(db_outreach_list(d, "接触あり", TOU_ALL, &os, &n), DB_OK);
    ck_assert_uint_eq(n, 1);
    ck_assert_str_eq(os[0].label, "E");
    ck_assert_str_eq(os[0].source, "民生委員");
    ck_assert_str_eq(os[0].next_on, "2026-05-20");
    ck_assert_int_eq(os[0].version, 1);
    db_outreach_list_free(os, n);
    db_close(d);
}
END_TEST

START_TEST(tou_due)
{
    db *d = tfix_db();
    tou_actor(d, "tanaka", "田中　一郎");
    int64_t a = tou_add(d, "A", "未接触", "2026-06-10");
    tou_add(d, "B", "未接触", "");
    int64_t c = tou_add(d, "C", "関係構築中", "2026-06-01");
    int64_t dd = tou_add(d, "D", "未接触", "2026-06-10");
    int64_t e = tou_add(d, "E", "接触あり", "2026-05-20");
    tou_add(d, "F", "未接触", "2026-06-11");

    /* On or before the date, earliest first; the undated never. */
    const int64_t by_first[] = { e, c };
    tou_assert_due(d, "2026-06-01", TOU_ALL, by_first, TOU_N(by_first));
    const int64_t by_tenth[] = { e, c, a, dd };
    tou_assert_due(d, "2026-06-10", TOU_ALL, by_tenth, TOU_N(by_tenth));
    const int64_t just_e[] = { e };
    tou_assert_due(d, "2026-05-20", TOU_ALL, just_e, TOU_N(just_e));
    tou_assert_due(d, "2026-05-19", TOU_ALL, NULL, 0);
    tou_assert_due(d, "", TOU_ALL, NULL, 0);

    /* The limit keeps the earliest. */
    tou_assert_due(d, "2026-12-31", 1, just_e, TOU_N(just_e));
    tou_assert_due(d, "2026-12-31", 0, NULL, 0);
    db_close(d);
}
END_TEST

/* ---- 3. attempts ------------------------------------------------------ */

START_TEST(tou_attempts)
{
    db *d = tfix_db();
    int64_t s1 = tou_actor(d, "tanaka", "田中　一郎");
    int64_t s2 = tfix_staff(d, "suzuki", "鈴木　花子");
    int64_t id = tou_add(d, "○○さん宅の長男", "未接触", "2026-05-01");
    int64_t other = tou_add(d, "公園によくいる人", "未接触", "");

    int64_t t1 = tou_attempt(d, id, "2026-05-01", "訪問", false, "不在");
    int64_t t2 = tou_attempt(d, id, "2026-05-01", "置き手紙", false, "ポストに手紙");
    db_set_actor(d, s2);
    int64_t t3 = tou_attempt(d, id, "2026-05-08", "訪問", true, "玄関先で少し話せた");
    /* Recorded late, about an earlier day: it takes its day's place. */
    int64_t t0 = tou_attempt(d, id, "2026-04-25", "電話", false, "出ない");
    int64_t t_other = tou_attempt(d, other, "2026-05-02", "手紙", false, "");

    db_outreach_attempt *as = NULL;
    size_t n = 0;
    ck_assert_int_eq(db_outreach_attempts(d, id, &as, &n), DB_OK);
    ck_assert_uint_eq(n, 4);
    const int64_t order[] = { t0, t1, t2, t3 };
    for (size_t i = 0; i < n; i++) {
        ck_assert_msg(as[i].id == order[i], "attempt %zu: %" PRId64 ", expected %" PRId64,
                      i, as[i].id, order[i]);
        ck_assert_int_eq(as[i].outreach_id, id);
    }
    ck_assert_str_eq(as[0].done_on, "2026-04-25");
    ck_assert_str_eq(as[0].how, "電話");
    ck_assert(!as[0].reached);
    ck_assert_str_eq(as[0].result, "出ない");
    ck_assert_int_eq(as[0].staff_id, s2);
    ck_assert_str_eq(as[0].staff_name, "鈴木　花子");
    ck_assert_str_eq(as[1].how, "訪問");
    ck_assert_int_eq(as[1].staff_id, s1);
    ck_assert_str_eq(as[1].staff_name, "田中　一郎");
    ck_assert_str_eq(as[2].how, "置き手紙");
    ck_assert_str_eq(as[2].result, "ポストに手紙");
    ck_assert(!as[2].reached);
    ck_assert_str_eq(as[3].done_on, "2026-05-08");
    ck_assert(as[3].reached);
    ck_assert_str_eq(as[3].result, "玄関先で少し話せた");
    ck_assert_int_eq(as[3].staff_id, s2);
    db_outreach_attempt_list_free(as, n);

    /* The time it was recorded is kept, though not read back. */
    char sql[TOU_SQL_MAX];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM outreach_attempt WHERE id = %" PRId64
             " AND at GLOB '[0-9][0-9][0-9][0-9]-*T*Z'", t3);
    ck_assert_int_eq(tfix_int(sql, NULL), 1);

    /* Each entry has its own; one with none has an empty list. */
    ck_assert_int_eq(db_outreach_attempts(d, other, &as, &n), DB_OK);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(as[0].id, t_other);
    db_outreach_attempt_list_free(as, n);
    int64_t untried = tou_add(d, "誰か", "未接触", "");
    ck_assert_int_eq(db_outreach_attempts(d, untried, &as, &n), DB_OK);
    ck_assert_uint_eq(n, 0);
    db_outreach_attempt_list_free(as, n);

    /* The entry counts them and knows the latest day, whatever order they
     * were recorded in; attempts do not move its version. */
    db_outreach g = tou_get(d, id);
    ck_assert_int_eq(g.n_attempts, 4);
    ck_assert_str_eq(g.last_attempt_on, "2026-05-08");
    ck_assert_int_eq(g.version, 1);
    db_outreach_free(&g);
    const int64_t listed[] = { id, other, untried };
    db_outreach *os = NULL;
    ck_assert_int_eq(db_outreach_list(d, "", TOU_ALL, &os, &n), DB_OK);
    tou_assert_ids(os, n, listed, TOU_N(listed));
    ck_assert_int_eq(os[0].n_attempts, 4);
    ck_assert_int_eq(os[1].n_attempts, 1);
    ck_assert_str_eq(os[1].last_attempt_on, "2026-05-02");
    ck_assert_int_eq(os[2].n_attempts, 0);
    ck_assert_str_eq(os[2].last_attempt_on, "");
    db_outreach_list_free(os, n);

    /* A way not on the list, a malformed day, an entry that is not there,
     * or nobody acting: refused, and nothing appended. */
    db_outreach_attempt bad[] = {
        tou_try(id, "2026-05-09", "SNS", false, ""),
        tou_try(id, "5月9日", "訪問", false, ""),
        tou_try(TOU_NO_SUCH_ID, "2026-05-09", "訪問", false, ""),
    };
    for (size_t i = 0; i < TOU_N(bad); i++)
        ck_assert_msg(db_write(d, tou_attempt_tx, &bad[i]) != DB_OK,
                      "bad attempt %zu was stored", i);
    db_set_actor(d, 0);
    db_outreach_attempt nobody = tou_try(id, "2026-05-09", "訪問", false, "");
    ck_assert_int_ne(db_write(d, tou_attempt_tx, &nobody), DB_OK);
    ck_assert_int_eq(tfix_int("SELECT count(*) FROM outreach_attempt", NULL), 5);
    db_close(d);
}
END_TEST

/* Run SQL on the test's file with the raw API; returns SQLite's code and
 * copies its message (the file's triggers speak through it). */
static int tou_raw_exec(const char *sql, char *msg, size_t n)
{
    sqlite3 *h = tfix_raw(tfix_path("t.db"));
    char *err = NULL;
    int rc = sqlite3_exec(h, sql, NULL, NULL, &err);
    snprintf(msg, n, "%s", err ? err : "");
    sqlite3_free(err);
    sqlite3_close(h);
    return rc;
}

START_TEST(tou_attempts_append_only)
{
    db *d = tfix_db();
    tou_actor(d, "tanaka", "田中　一郎");
    int64_t id = tou_add(d, "○○さん宅の長男", "未接触", "");
    int64_t t = tou_attempt(d, id, "2026-05-01", "訪問", false, "不在");

    char sql[TOU_SQL_MAX], msg[TOU_SQL_MAX];
    snprintf(sql, sizeof sql,
             "UPDATE outreach_attempt SET result = '会えた', reached = 1 WHERE id = %"
             PRId64, t);
    ck_assert_int_ne(tou_raw_exec(sql, msg, sizeof msg), SQLITE_OK);
    ck_assert_msg(strstr(msg, "history") != NULL, "update refused with: %s", msg);
    snprintf(sql, sizeof sql, "DELETE FROM outreach_attempt WHERE id = %" PRId64, t);
    ck_assert_int_ne(tou_raw_exec(sql, msg, sizeof msg), SQLITE_OK);
    ck_assert_msg(strstr(msg, "history") != NULL, "delete refused with: %s", msg);

    /* The attempt reads as it was written. */
    db_outreach_attempt *as = NULL;
    size_t n = 0;
    ck_assert_int_eq(db_outreach_attempts(d, id, &as, &n), DB_OK);
    ck_assert_uint_eq(n, 1);
    ck_assert_str_eq(as[0].result, "不在");
    ck_assert(!as[0].reached);
    db_outreach_attempt_list_free(as, n);
    db_close(d);
}
END_TEST

/* ---- 4. links --------------------------------------------------------- */

START_TEST(tou_links)
{
    db *d = tfix_db();
    int64_t s1 = tou_actor(d, "tanaka", "田中　一郎");
    int64_t p = tfix_person(d, "山本　太郎", "ヤマモト　タロウ");
    int64_t ca = tfix_case(d, p, "アウトリーチ", "受付", "2026-05-10");
    int64_t meeting = tou_meeting(s1, "2026-05-15");

    /* Shared at a 支援会議, then become a person and a case. */
    int64_t id = tou_add(d, "山本さん宅の長男", "関係構築中", "2026-05-12");
    db_outreach g = tou_get(d, id);
    g.meeting_id = meeting;
    g.person_id = p;
    g.case_id = ca;
    char *keep_stage = g.stage;
    g.stage = "支援につながった";
    ck_assert_int_eq(db_write(d, tou_update_tx, &g), DB_OK);
    g.stage = keep_stage;
    db_outreach_free(&g);
    g = tou_get(d, id);
    ck_assert_int_eq(g.meeting_id, meeting);
    ck_assert_int_eq(g.person_id, p);
    ck_assert_int_eq(g.case_id, ca);
    ck_assert_str_eq(g.stage, "支援につながった");
    ck_assert_int_eq(tou_stored("person_id", id), p);
    ck_assert_int_eq(tou_stored("case_id", id), ca);
    ck_assert_int_eq(tou_stored("meeting_id", id), meeting);

    /* A link to a row that is not there is refused by the foreign keys. */
    g.person_id = TOU_NO_SUCH_ID;
    ck_assert_int_ne(db_write(d, tou_update_tx, &g), DB_OK);
    g.person_id = p;
    g.case_id = TOU_NO_SUCH_ID;
    ck_assert_int_ne(db_write(d, tou_update_tx, &g), DB_OK);
    g.case_id = ca;
    g.meeting_id = TOU_NO_SUCH_ID;
    ck_assert_int_ne(db_write(d, tou_update_tx, &g), DB_OK);
    db_outreach_free(&g);
    db_outreach bad = tou_entry("誰か", "民生委員", "未接触", "");
    bad.person_id = TOU_NO_SUCH_ID;
    ck_assert_int_ne(db_write(d, tou_insert_tx, &bad), DB_OK);
    bad.person_id = 0;
    bad.worker_id = TOU_NO_SUCH_ID;
    ck_assert_int_ne(db_write(d, tou_insert_tx, &bad), DB_OK);

    /* Linked from the start, the links read back too. */
    db_outreach o = tou_entry("山本さんの姉", "家族", "接触あり", "");
    o.person_id = p;
    o.case_id = ca;
    o.meeting_id = meeting;
    ck_assert_int_eq(db_write(d, tou_insert_tx, &o), DB_OK);
    g = tou_get(d, o.id);
    ck_assert_int_eq(g.person_id, p);
    ck_assert_int_eq(g.case_id, ca);
    ck_assert_int_eq(g.meeting_id, meeting);
    db_outreach_free(&g);

    /* And unlinked again, 0 becomes no link. */
    g = tou_get(d, o.id);
    g.person_id = 0;
    g.case_id = 0;
    g.meeting_id = 0;
    ck_assert_int_eq(db_write(d, tou_update_tx, &g), DB_OK);
    db_outreach_free(&g);
    ck_assert_int_eq(tou_stored("person_id IS NULL AND case_id IS NULL"
                                " AND meeting_id IS NULL", o.id), 1);
    ck_assert_int_eq(tfix_int("SELECT count(*) FROM outreach", NULL), 2);
    db_close(d);
}
END_TEST

/* ---- 5. audit --------------------------------------------------------- */

START_TEST(tou_audit_rows)
{
    db *d = tfix_db();
    int64_t s1 = tou_actor(d, "tanaka", "田中　一郎");

    db_outreach o = tou_entry("秘密ラベル", "民生委員", NULL, "2026-05-01");
    o.address = "秘密住所";
    o.family = "秘密家族";
    o.source_note = "秘密情報源";
    o.situation = "秘密状況";
    o.next_how = "訪問";
    ck_assert_int_eq(db_write(d, tou_insert_tx, &o), DB_OK);
    int64_t t = tou_attempt(d, o.id, "2026-05-01", "訪問", true, "秘密結果");
    o.stage = "接触あり";
    ck_assert_int_eq(db_write(d, tou_update_tx, &o), DB_OK);

    /* Refused changes leave no row. */
    o.version = 1;
    ck_assert_int_eq(db_write(d, tou_update_tx, &o), DB_CONFLICT);
    db_outreach_attempt bad = tou_try(o.id, "2026-05-02", "SNS", false, "秘密結果");
    ck_assert_int_ne(db_write(d, tou_attempt_tx, &bad), DB_OK);

    ck_assert_int_eq(tfix_audits(d, "create", "outreach", o.id), 1);
    ck_assert_int_eq(tfix_audits(d, "update", "outreach", o.id), 1);
    ck_assert_int_eq(tfix_audits(d, "create", "outreach_attempt", t), 1);
    ck_assert_int_eq(tfix_audits(d, "create", "outreach_attempt", 0), 1);
    char *details = tfix_text(
        "SELECT group_concat(entity || ':' || action || ':' || detail, ',') FROM"
        " (SELECT entity, action, detail FROM audit"
        "  WHERE entity IN ('outreach', 'outreach_attempt') ORDER BY id)");
    ck_assert_str_eq(details, "outreach:create:未接触,outreach_attempt:create:訪問,"
                              "outreach:update:接触あり");
    free(details);

    /* Every row names the acting staff member. */
    char sql[TOU_SQL_MAX];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM audit WHERE entity IN"
             " ('outreach', 'outreach_attempt') AND (staff_id IS NOT %" PRId64
             " OR login <> 'tanaka')", s1);
    ck_assert_int_eq(tfix_int(sql, NULL), 0);

    /* None of what the entry says of someone, anywhere in the audit. */
    static const char *const words[] = {
        "秘密ラベル", "秘密住所", "秘密家族", "秘密情報源", "秘密状況", "秘密結果",
    };
    for (size_t i = 0; i < TOU_N(words); i++)
        ck_assert_msg(tfix_int("SELECT count(*) FROM audit WHERE detail LIKE"
                               " '%' || ?1 || '%'", words[i]) == 0,
                      "the audit holds \"%s\"", words[i]);
    db_close(d);
}
END_TEST

/* ---- the rules over the file (dom-outreach.c) -------------------------- */

/* A partly known entry made through the db layer, as the screen will. */
static db_outreach tor_entry(db *d, const char *label)
{
    db_outreach o;
    memset(&o, 0, sizeof o);
    o.label = (char *)label;
    o.address = "";
    o.family = "母（70代）";
    o.source = "民生委員";
    o.source_note = "民生委員の山本さんから";
    o.first_info_on = "2026-10-01";
    o.situation = "十年ほど家から出ていないらしい";
    o.stage = "未接触";
    o.next_on = "";
    o.next_how = "";
    ck_assert_int_eq(db_write(d, tou_insert_tx, &o), DB_OK);
    db_outreach got;
    ck_assert_int_eq(db_outreach_get(d, o.id, &got), DB_OK);
    return got;
}

/* An attempt that reaches them is first contact by itself, and plans the
 * next; one that does not leaves the stage; a stale entry is refused and
 * writes nothing. */
START_TEST(tor_attempts_move_the_entry)
{
    db *d = tfix_db();
    db_set_actor(d, tfix_staff(d, "tanaka", "田中　一郎"));
    db_outreach o = tor_entry(d, "公園の近くの家の長男");
    txt_date today = { 2026, 11, 24 };
    db_outreach_attempt a;
    memset(&a, 0, sizeof a);
    a.done_on = "2026-11-20";
    a.how = "置き手紙";
    a.result = "不在。手紙をポストに入れた";
    ck_assert_int_eq(dom_outreach_attempt(d, &o, &a, "2026-12-01", "訪問", today), DB_OK);
    db_outreach got;
    ck_assert_int_eq(db_outreach_get(d, o.id, &got), DB_OK);
    ck_assert_str_eq(got.stage, "未接触");
    ck_assert_str_eq(got.next_on, "2026-12-01");
    ck_assert_str_eq(got.next_how, "訪問");
    ck_assert_int_eq(got.n_attempts, 1);
    db_outreach_free(&got);

    db_outreach_attempt b;
    memset(&b, 0, sizeof b);
    b.done_on = "2026-11-24";
    b.how = "訪問";
    b.reached = true;
    b.result = "玄関先で五分話せた";
    ck_assert_int_eq(dom_outreach_attempt(d, &o, &b, "", "", today), DB_OK);
    ck_assert_int_eq(db_outreach_get(d, o.id, &got), DB_OK);
    ck_assert_str_eq(got.stage, "接触あり");
    ck_assert_str_eq(got.next_on, "");
    ck_assert_int_eq(got.n_attempts, 2);
    ck_assert_str_eq(got.last_attempt_on, "2026-11-24");
    db_outreach_free(&got);

    /* An attempt that does not reach them keeps the contact made: the
     * stored stage, not the caller's old copy of it. */
    ck_assert_str_eq(o.stage, "未接触");   /* the copy read before contact */
    db_outreach_attempt quiet;
    memset(&quiet, 0, sizeof quiet);
    quiet.done_on = "2026-11-24";
    quiet.how = "電話";
    quiet.result = "出なかった";
    ck_assert_int_eq(dom_outreach_attempt(d, &o, &quiet, "2026-12-05", "電話", today), DB_OK);
    ck_assert_int_eq(db_outreach_get(d, o.id, &got), DB_OK);
    ck_assert_str_eq(got.stage, "接触あり");
    ck_assert_int_eq(got.n_attempts, 3);
    db_outreach_free(&got);

    /* Another terminal saved the entry meanwhile: refused, no attempt. */
    o.version--;
    db_outreach_attempt c = b;
    c.id = 0;
    ck_assert_int_eq(dom_outreach_attempt(d, &o, &c, "", "", today), DB_CONFLICT);
    ck_assert_int_eq(tfix_int("SELECT count(*) FROM outreach_attempt", NULL), 3);
    /* An attempt without its result, or dated tomorrow, is refused. */
    o.version++;
    c.result = "";
    ck_assert_int_eq(dom_outreach_attempt(d, &o, &c, "", "", today), DB_INVALID);
    c.result = "会えた";
    c.done_on = "2026-11-25";
    ck_assert_int_eq(dom_outreach_attempt(d, &o, &c, "", "", today), DB_INVALID);
    ck_assert_int_eq(tfix_int("SELECT count(*) FROM outreach_attempt", NULL), 3);
    db_outreach_free(&o);
    db_close(d);
}
END_TEST

/* An entry becomes a person and an アウトリーチ case in one go: the case
 * starts from the entry's history, the entry is linked and 支援につながった,
 * its attempts kept; it does not become a case twice. */
START_TEST(tor_convert_keeps_history)
{
    db *d = tfix_db();
    db_set_actor(d, tfix_staff(d, "tanaka", "田中　一郎"));
    db_outreach o = tor_entry(d, "公園の近くの家の長男");
    txt_date today = { 2026, 11, 24 };
    db_outreach_attempt a;
    memset(&a, 0, sizeof a);
    a.done_on = "2026-11-20";
    a.how = "訪問";
    a.reached = true;
    a.result = "本人と会えた";
    ck_assert_int_eq(dom_outreach_attempt(d, &o, &a, "", "", today), DB_OK);
    db_person p;
    memset(&p, 0, sizeof p);
    p.name = "小野　拓也";
    p.kana = "オノ　タクヤ";
    p.birth = "1990-05-05";
    p.sex = "M";
    p.address = p.phone = p.note = p.relation = "";
    int64_t case_id = 0;
    ck_assert_int_eq(dom_outreach_convert(d, &o, &p, today, &case_id), DB_OK);
    ck_assert_int_gt(case_id, 0);
    db_outreach got;
    ck_assert_int_eq(db_outreach_get(d, o.id, &got), DB_OK);
    ck_assert_str_eq(got.stage, "支援につながった");
    ck_assert_int_eq(got.case_id, case_id);
    ck_assert_int_gt(got.person_id, 0);
    ck_assert_int_eq(got.n_attempts, 1);
    db_case c;
    ck_assert_int_eq(db_case_get(d, case_id, &c), DB_OK);
    ck_assert_str_eq(c.business, "アウトリーチ");
    ck_assert_str_eq(c.stage, "受付");
    ck_assert_str_eq(c.opened_on, "2026-11-24");
    ck_assert_int_eq(c.person_id, got.person_id);
    db_case_free(&c);
    db_case_event *es = NULL;
    size_t n = 0;
    ck_assert_int_eq(db_case_events(d, case_id, &es, &n), DB_OK);
    ck_assert_uint_eq(n, 1);
    ck_assert_ptr_nonnull(strstr(es[0].note, "アウトリーチの記録"));
    ck_assert_ptr_nonnull(strstr(es[0].note, "民生委員から情報、試み 1 回"));
    db_case_event_list_free(es, n);
    ck_assert_int_eq(tfix_int("SELECT count(*) FROM person WHERE name = '小野　拓也'", NULL), 1);
    /* Not twice. */
    int64_t again = 0;
    ck_assert_int_eq(dom_outreach_convert(d, &got, &p, today, &again), DB_INVALID);
    ck_assert_int_eq(tfix_int("SELECT count(*) FROM support_case", NULL), 1);
    db_outreach_free(&got);
    /* A person missing what a person needs is refused, nothing made. */
    db_outreach o2 = tor_entry(d, "駅前の若者");
    db_person bad = p;
    bad.name = "";
    bad.kana = "";
    ck_assert_int_eq(dom_outreach_convert(d, &o2, &bad, today, &again), DB_INVALID);
    ck_assert_int_eq(tfix_int("SELECT count(*) FROM support_case", NULL), 1);
    db_outreach_free(&o2);
    db_outreach_free(&o);
    db_close(d);
}
END_TEST

/* Assert the text of a one-row query over the outreach table. */
static void tor_assert_stored(const char *sql, const char *want)
{
    char *got = tfix_text(sql);
    ck_assert_str_eq(got, want);
    free(got);
}

/* The form's save: a new entry starts 未接触 and is checked; an edit
 * writes the form's fields onto the stored row, never its stage, and a
 * stale copy is refused without writing. */
START_TEST(tor_save_from_the_form)
{
    db *d = tfix_db();
    db_set_actor(d, tfix_staff(d, "tanaka", "田中　一郎"));
    txt_date today = { 2026, 11, 24 };
    db_outreach o;
    memset(&o, 0, sizeof o);
    o.label = "坂の上の家の次女";
    o.address = o.family = o.source_note = o.situation = o.next_on = o.next_how = "";
    o.source = "学校・SSW";
    o.first_info_on = "2026-11-25";   /* tomorrow: refused */
    ck_assert_int_eq(dom_outreach_save(d, &o, today), DB_INVALID);
    ck_assert_int_eq(o.id, 0);
    ck_assert_int_eq(tfix_int("SELECT count(*) FROM outreach", NULL), 0);
    o.first_info_on = "2026-11-01";
    o.next_on = "2026-11-30";
    o.next_how = "訪問";
    ck_assert_int_eq(dom_outreach_save(d, &o, today), DB_OK);
    ck_assert_int_gt(o.id, 0);
    ck_assert_ptr_null(o.stage);   /* the caller's copy is left as it was */
    db_outreach got;
    ck_assert_int_eq(db_outreach_get(d, o.id, &got), DB_OK);
    ck_assert_str_eq(got.stage, "未接触");
    ck_assert_str_eq(got.next_on, "2026-11-30");

    /* An attempt moves it on; the form, read before, saves only its own
     * fields and the stage stays where the attempt left it. */
    db_outreach_attempt a;
    memset(&a, 0, sizeof a);
    a.done_on = "2026-11-24";
    a.how = "訪問";
    a.reached = true;
    a.result = "母親と話せた";
    ck_assert_int_eq(dom_outreach_attempt(d, &got, &a, "", "", today), DB_OK);
    char *read_situation = got.situation, *read_family = got.family;
    got.situation = "不登校が二年続いている";
    got.family = "母";
    ck_assert_int_eq(dom_outreach_save(d, &got, today), DB_OK);
    db_outreach now;
    ck_assert_int_eq(db_outreach_get(d, o.id, &now), DB_OK);
    ck_assert_str_eq(now.stage, "接触あり");
    ck_assert_str_eq(now.situation, "不登校が二年続いている");
    ck_assert_int_eq(now.n_attempts, 1);
    /* The first copy is stale now. */
    o.label = "別の呼び名";
    ck_assert_int_eq(dom_outreach_save(d, &o, today), DB_CONFLICT);
    ck_assert_int_eq(o.version, 1);
    db_outreach_free(&now);
    ck_assert_int_eq(db_outreach_get(d, o.id, &now), DB_OK);
    ck_assert_str_eq(now.label, "坂の上の家の次女");
    db_outreach_free(&now);
    got.situation = read_situation;   /* the test's literals are not freed */
    got.family = read_family;
    db_outreach_free(&got);
    db_close(d);
}
END_TEST

/* Stage changes follow dom_outreach_may_move from the stored stage;
 * 終結 drops the planned attempt, and a closed entry may only come back
 * to 接触あり. */
START_TEST(tor_stage_moves)
{
    db *d = tfix_db();
    db_set_actor(d, tfix_staff(d, "tanaka", "田中　一郎"));
    db_outreach o = tor_entry(d, "川沿いのアパートの男性");
    ck_assert_int_eq(dom_outreach_move(d, &o, "関係構築中"), DB_OK);
    tor_assert_stored("SELECT stage FROM outreach", "関係構築中");
    /* Not back a step, not to where it is, not to a stage unknown. */
    ck_assert_int_eq(dom_outreach_move(d, &o, "接触あり"), DB_INVALID);
    ck_assert_int_eq(dom_outreach_move(d, &o, "関係構築中"), DB_INVALID);
    ck_assert_int_eq(dom_outreach_move(d, &o, "調整中"), DB_INVALID);
    /* A copy read before the move is stale. */
    db_outreach old = o;
    old.version--;
    ck_assert_int_eq(dom_outreach_move(d, &old, "終結"), DB_CONFLICT);
    tor_assert_stored("SELECT stage FROM outreach", "関係構築中");
    /* 終結 with a visit planned: the plan goes. */
    db_outreach_attempt a;
    memset(&a, 0, sizeof a);
    a.done_on = "2026-11-20";
    a.how = "電話";
    a.result = "出なかった";
    txt_date today = { 2026, 11, 24 };
    ck_assert_int_eq(dom_outreach_attempt(d, &o, &a, "2026-12-01", "訪問", today), DB_OK);
    ck_assert_int_eq(dom_outreach_move(d, &o, "終結"), DB_OK);
    tor_assert_stored("SELECT stage || '/' || next_on || '/' || next_how FROM outreach",
                      "終結//");
    ck_assert_int_eq(dom_outreach_move(d, &o, "関係構築中"), DB_INVALID);
    ck_assert_int_eq(dom_outreach_move(d, &o, "接触あり"), DB_OK);
    tor_assert_stored("SELECT stage FROM outreach", "接触あり");
    ck_assert_int_eq(tfix_audits(d, "update", "outreach", o.id), 4);
    db_outreach_free(&o);
    db_close(d);
}
END_TEST

/* Run the groups of tests, each in a fresh folder; the exit status says
 * whether anything failed. */
int main(void)
{
    const tfix_group groups[] = {
        { "entries", { tou_round_trip, tou_defaults_and_checks, tou_update_versions,
                       NULL } },
        { "lists", { tou_list_order, tou_due, NULL } },
        { "attempts", { tou_attempts, tou_attempts_append_only, NULL } },
        { "links", { tou_links, NULL } },
        { "audit", { tou_audit_rows, NULL } },
        { "rules", { tor_attempts_move_the_entry, tor_convert_keeps_history, NULL } },
        { "form", { tor_save_from_the_form, tor_stage_moves, NULL } },
    };
    return tfix_run("outreach", groups, sizeof groups / sizeof groups[0], tou_setup);
}
