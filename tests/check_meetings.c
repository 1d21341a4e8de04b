/* check_meetings.c - unit tests of meetings, their members and agendas,
 * the administrator's settings and the case statuses the agenda rules
 * read, in the storage layer (db_setting_*, db_meeting_*, db_agenda_*,
 * db_case_statuses in include/db.h) on real SQLite files, one fresh
 * temporary directory per test. */
#include "config.h"

#include <check.h>
#include <inttypes.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "tfix.h"

/* An id no test creates. */
#define TMT_NO_SUCH_ID 9999
/* "YYYY-MM-DDTHH:MM:SSZ", as db_bind_now stores the time. */
#define TMT_STAMP_LEN 20
/* The kinds of meeting the schema comes with. */
#define TMT_KIND_JUSOU 1
#define TMT_KIND_SHIEN 2
#define TMT_N(a) (sizeof (a) / sizeof (a)[0])
/* Room for the SQL the tests build. */
#define TMT_SQL_MAX 512

/* Make the test's own folder. */
static void tmt_setup(void)
{
    tfix_setup("check_meetings");
}

/* ---- raw access to the file, to see what was stored ------------------- */

/* ---- the rows meetings point at, through db_write --------------------- */

/* Register a staff member and make them the one acting; returns the id. */
static int64_t tmt_actor(db *d, const char *login, const char *name)
{
    int64_t id = tfix_staff(d, login, name);
    db_set_actor(d, id);
    return id;
}

/* db_write body: save the assessment given. */
static db_status tmt_assessment_tx(db *d, void *arg)
{
    return db_assessment_save(d, arg);
}

/* Make a new assessment of a case with these values; returns its id. */
static int64_t tmt_assessment(db *d, int64_t case_id, const char *data)
{
    db_assessment a;
    memset(&a, 0, sizeof a);
    a.case_id = case_id;
    a.data = (char *)data;
    db_status st = db_write(d, tmt_assessment_tx, &a);
    ck_assert_msg(st == DB_OK, "assessment: %d %s", st, db_errmsg(d));
    return a.id;
}

/* db_write body: withdraw consent *id read at version 1. */
static db_status tmt_withdraw_tx(db *d, void *arg)
{
    const int64_t *id = arg;
    return db_consent_withdraw(d, *id, 1, "2026-04-15", "本人の申し出");
}

/* Insert a case event straight in the file, stamped at; events through
 * db_case_event_add are stamped now, which a test cannot expect. */
static void tmt_event_at(int64_t case_id, int64_t staff_id, const char *at)
{
    char sql[TMT_SQL_MAX];
    snprintf(sql, sizeof sql,
             "INSERT INTO case_event(case_id, at, staff_id, kind) VALUES"
             " (%" PRId64 ", '%s', %" PRId64 ", '記録')", case_id, at, staff_id);
    tfix_exec(sql);
}

/* ---- the functions under test, each in a transaction of its own ------ */

/* A setting to store. */
typedef struct tmt_setting {
    const char *key, *value;
} tmt_setting;

/* db_write body: set a setting. */
static db_status tmt_setting_tx(db *d, void *arg)
{
    tmt_setting *s = arg;
    return db_setting_set(d, s->key, s->value);
}

/* Set a setting; returns the status. */
static db_status tmt_set(db *d, const char *key, const char *value)
{
    tmt_setting s = { key, value };
    return db_write(d, tmt_setting_tx, &s);
}

/* db_write body: add the kind given. */
static db_status tmt_kind_tx(db *d, void *arg)
{
    return db_meeting_kind_add(d, arg);
}

/* Add a kind of meeting; returns the status, *id its id. */
static db_status tmt_kind(db *d, const char *name, bool confidential, bool active,
                          int64_t *id)
{
    db_meeting_kind k = { 0, (char *)name, confidential, active };
    db_status st = db_write(d, tmt_kind_tx, &k);
    if (id)
        *id = k.id;
    return st;
}

/* db_write body: insert the meeting given. */
static db_status tmt_meeting_insert_tx(db *d, void *arg)
{
    return db_meeting_insert(d, arg);
}

/* db_write body: save the meeting given. */
static db_status tmt_meeting_update_tx(db *d, void *arg)
{
    return db_meeting_update(d, arg);
}

/* A meeting with the fields the tests vary; the rest empty. */
static db_meeting tmt_meeting(int64_t kind, const char *held_on, const char *starts_at,
                              const char *state)
{
    db_meeting m;
    memset(&m, 0, sizeof m);
    m.kind_id = kind;
    m.held_on = (char *)held_on;
    m.starts_at = (char *)starts_at;
    m.state = (char *)state;
    m.regular = true;
    return m;
}

/* Insert a meeting, asserting success; returns its id. */
static int64_t tmt_meeting_add(db *d, int64_t kind, const char *held_on,
                               const char *starts_at, const char *state)
{
    db_meeting m = tmt_meeting(kind, held_on, starts_at, state);
    db_status st = db_write(d, tmt_meeting_insert_tx, &m);
    ck_assert_msg(st == DB_OK, "meeting %s: %d %s", held_on, st, db_errmsg(d));
    ck_assert_int_gt(m.id, 0);
    ck_assert_int_eq(m.version, 1);
    return m.id;
}

/* Read a meeting, asserting success; the caller frees it. */
static db_meeting tmt_meeting_get(db *d, int64_t id)
{
    db_meeting m;
    db_status st = db_meeting_get(d, id, &m);
    ck_assert_msg(st == DB_OK, "meeting get %" PRId64 ": %d %s", id, st, db_errmsg(d));
    return m;
}

/* A member list to store. */
typedef struct tmt_member_set {
    int64_t meeting_id;
    const db_meeting_member *ms;
    size_t n;
} tmt_member_set;

/* db_write body: replace a meeting's members. */
static db_status tmt_members_tx(db *d, void *arg)
{
    tmt_member_set *m = arg;
    return db_meeting_set_members(d, m->meeting_id, m->ms, m->n);
}

/* Replace a meeting's members; returns the status. */
static db_status tmt_set_members(db *d, int64_t meeting_id, const db_meeting_member *ms,
                                 size_t n)
{
    tmt_member_set m = { meeting_id, ms, n };
    return db_write(d, tmt_members_tx, &m);
}

/* A member for a list: an agency or a staff member. */
static db_meeting_member tmt_member(int64_t agency, int64_t staff, bool attended)
{
    db_meeting_member m = { agency, staff, NULL, attended };
    return m;
}

/* db_write body: put the item given on its agenda. */
static db_status tmt_agenda_add_tx(db *d, void *arg)
{
    return db_agenda_add(d, arg);
}

/* An item to put on an agenda. */
static db_agenda_item tmt_item(int64_t meeting, int64_t case_id, const char *moment)
{
    db_agenda_item it;
    memset(&it, 0, sizeof it);
    it.meeting_id = meeting;
    it.case_id = case_id;
    it.moment = (char *)moment;
    return it;
}

/* Put a case on an agenda, asserting success; returns the item's id. */
static int64_t tmt_agenda_add(db *d, int64_t meeting, int64_t case_id, const char *moment)
{
    db_agenda_item it = tmt_item(meeting, case_id, moment);
    db_status st = db_write(d, tmt_agenda_add_tx, &it);
    ck_assert_msg(st == DB_OK, "agenda add: %d %s", st, db_errmsg(d));
    ck_assert_int_gt(it.id, 0);
    return it.id;
}

/* An item to remove or move. */
typedef struct tmt_change {
    int64_t id;
    int64_t version;   /* remove */
    int delta;         /* move */
} tmt_change;

/* db_write body: take an item off its agenda. */
static db_status tmt_remove_tx(db *d, void *arg)
{
    tmt_change *c = arg;
    return db_agenda_remove(d, c->id, c->version);
}

/* db_write body: move an item. */
static db_status tmt_move_tx(db *d, void *arg)
{
    tmt_change *c = arg;
    return db_agenda_move(d, c->id, c->delta);
}

/* Take an item read at version off its agenda; returns the status. */
static db_status tmt_remove(db *d, int64_t id, int64_t version)
{
    tmt_change c = { id, version, 0 };
    return db_write(d, tmt_remove_tx, &c);
}

/* Move an item by delta; returns the status. */
static db_status tmt_move(db *d, int64_t id, int delta)
{
    tmt_change c = { id, 0, delta };
    return db_write(d, tmt_move_tx, &c);
}

/* db_write body: record the decision on the item given. */
static db_status tmt_decide_tx(db *d, void *arg)
{
    return db_agenda_decide(d, arg);
}

/* Read an agenda item, asserting success; the caller frees it. */
static db_agenda_item tmt_item_get(db *d, int64_t id)
{
    db_agenda_item it;
    db_status st = db_agenda_get(d, id, &it);
    ck_assert_msg(st == DB_OK, "agenda get %" PRId64 ": %d %s", id, st, db_errmsg(d));
    return it;
}

/* Record a decision with a gap (or none) on an item; asserts success. */
static void tmt_decide(db *d, int64_t id, const char *decision, const char *gap)
{
    db_agenda_item it = tmt_item_get(d, id);
    char *keep_decision = it.decision, *keep_gap = it.resource_gap;
    it.decision = (char *)decision;
    it.resource_gap = (char *)gap;
    ck_assert_msg(db_write(d, tmt_decide_tx, &it) == DB_OK, "decide: %s", db_errmsg(d));
    it.decision = keep_decision;
    it.resource_gap = keep_gap;
    db_agenda_item_free(&it);
}

/* Assert that a meeting's agenda is exactly these items, numbered 1..n. */
static void tmt_assert_agenda(db *d, int64_t meeting, const int64_t *ids, size_t n)
{
    db_agenda_item *its = NULL;
    size_t got = 0;
    ck_assert_int_eq(db_agenda_items(d, meeting, &its, &got), DB_OK);
    ck_assert_uint_eq(got, n);
    for (size_t i = 0; i < n; i++) {
        ck_assert_int_eq(its[i].id, ids[i]);
        ck_assert_int_eq(its[i].position, (int64_t)i + 1);
        ck_assert_int_eq(its[i].meeting_id, meeting);
    }
    db_agenda_item_list_free(its, got);
}

/* Assert that a list of items is exactly these, in this order. */
static void tmt_assert_ids(const db_agenda_item *its, size_t n, const int64_t *ids,
                           size_t n_ids)
{
    ck_assert_uint_eq(n, n_ids);
    for (size_t i = 0; i < n; i++)
        ck_assert_msg(its[i].id == ids[i], "item %zu: %" PRId64 ", expected %" PRId64,
                      i, its[i].id, ids[i]);
}

/* ---- 1. settings ------------------------------------------------------ */

START_TEST(tmt_settings)
{
    db *d = tfix_db();
    tmt_actor(d, "tanaka", "田中　一郎");

    char *v = (char *)"untouched";
    ck_assert_int_eq(db_setting_get(d, "meeting.cycle", &v), DB_NOTFOUND);
    ck_assert_ptr_null(v);
    ck_assert_ptr_nonnull(strstr(db_errtext(d), "meeting.cycle"));

    ck_assert_int_eq(tmt_set(d, "meeting.cycle", "monthly"), DB_OK);
    ck_assert_int_eq(tmt_set(d, "meeting.weekday", "3"), DB_OK);
    ck_assert_int_eq(db_setting_get(d, "meeting.cycle", &v), DB_OK);
    ck_assert_str_eq(v, "monthly");
    free(v);

    /* Setting it again replaces the value; the other stays. */
    ck_assert_int_eq(tmt_set(d, "meeting.cycle", "第2水曜"), DB_OK);
    ck_assert_int_eq(db_setting_get(d, "meeting.cycle", &v), DB_OK);
    ck_assert_str_eq(v, "第2水曜");
    free(v);
    ck_assert_int_eq(db_setting_get(d, "meeting.weekday", &v), DB_OK);
    ck_assert_str_eq(v, "3");
    free(v);
    /* An empty value is a value, not an absent setting. */
    ck_assert_int_eq(tmt_set(d, "meeting.weekday", ""), DB_OK);
    ck_assert_int_eq(db_setting_get(d, "meeting.weekday", &v), DB_OK);
    ck_assert_str_eq(v, "");
    free(v);
    ck_assert_int_eq(tfix_int("SELECT count(*) FROM setting", NULL), 2);

    /* Every change is audited, with its value. */
    ck_assert_int_eq(tfix_audits(d, "set", "setting", 0), 4);
    char *details = tfix_text(
        "SELECT group_concat(detail, ',') FROM"
        " (SELECT detail FROM audit WHERE entity = 'setting' ORDER BY id)");
    ck_assert_str_eq(details, "meeting.cycle=monthly,meeting.weekday=3,"
                              "meeting.cycle=第2水曜,meeting.weekday=");
    free(details);
    db_close(d);
}
END_TEST

/* ---- 2. kinds of meeting ---------------------------------------------- */

START_TEST(tmt_kinds)
{
    db *d = tfix_db();
    tmt_actor(d, "tanaka", "田中　一郎");

    db_meeting_kind *ks = NULL;
    size_t n = 0;
    ck_assert_int_eq(db_meeting_kinds(d, false, &ks, &n), DB_OK);
    ck_assert_uint_eq(n, 2);
    ck_assert_int_eq(ks[0].id, TMT_KIND_JUSOU);
    ck_assert_str_eq(ks[0].name, "重層的支援会議");
    ck_assert(!ks[0].confidential);
    ck_assert(ks[0].active);
    ck_assert_int_eq(ks[1].id, TMT_KIND_SHIEN);
    ck_assert_str_eq(ks[1].name, "支援会議");
    ck_assert(ks[1].confidential);
    ck_assert(ks[1].active);
    db_meeting_kind_list_free(ks, n);

    int64_t wg = 0, old = 0, again = 0;
    ck_assert_int_eq(tmt_kind(d, "WG会議", false, true, &wg), DB_OK);
    ck_assert_int_gt(wg, TMT_KIND_SHIEN);
    ck_assert_int_eq(tmt_kind(d, "旧調整会議", true, false, &old), DB_OK);
    ck_assert_int_gt(old, wg);

    /* A name that exists is a conflict, whatever else differs. */
    ck_assert_int_eq(tmt_kind(d, "WG会議", true, true, &again), DB_CONFLICT);
    ck_assert_ptr_nonnull(strstr(db_errtext(d), "WG会議"));
    ck_assert_int_eq(tmt_kind(d, "支援会議", true, true, NULL), DB_CONFLICT);
    ck_assert_int_eq(tmt_kind(d, "", false, true, NULL), DB_INVALID);
    ck_assert_int_eq(tfix_int("SELECT count(*) FROM meeting_kind", NULL), 4);

    /* Inactive kinds only when all are asked for; by id either way. */
    ck_assert_int_eq(db_meeting_kinds(d, false, &ks, &n), DB_OK);
    ck_assert_uint_eq(n, 3);
    ck_assert_int_eq(ks[2].id, wg);
    ck_assert_str_eq(ks[2].name, "WG会議");
    ck_assert(!ks[2].confidential);
    db_meeting_kind_list_free(ks, n);
    ck_assert_int_eq(db_meeting_kinds(d, true, &ks, &n), DB_OK);
    ck_assert_uint_eq(n, 4);
    const int64_t all[] = { TMT_KIND_JUSOU, TMT_KIND_SHIEN, wg, old };
    for (size_t i = 0; i < n; i++)
        ck_assert_int_eq(ks[i].id, all[i]);
    ck_assert_str_eq(ks[3].name, "旧調整会議");
    ck_assert(ks[3].confidential);
    ck_assert(!ks[3].active);
    db_meeting_kind_list_free(ks, n);

    ck_assert_int_eq(tfix_audits(d, "create", "meeting_kind", wg), 1);
    ck_assert_int_eq(tfix_audits(d, "create", "meeting_kind", 0), 2);
    db_close(d);
}
END_TEST

/* ---- 3. meetings ------------------------------------------------------ */

START_TEST(tmt_meeting_round_trip)
{
    db *d = tfix_db();
    int64_t s1 = tmt_actor(d, "tanaka", "田中　一郎");

    db_meeting m = tmt_meeting(TMT_KIND_SHIEN, "2026-06-10", "13:30", "予定");
    m.series_id = 7;
    m.place = (char *)"第1会議室";
    m.regular = false;
    m.note = (char *)"資料は前日までに";
    ck_assert_int_eq(db_write(d, tmt_meeting_insert_tx, &m), DB_OK);
    ck_assert_int_gt(m.id, 0);
    ck_assert_int_eq(m.version, 1);
    ck_assert_int_eq(m.created_by, s1);

    db_meeting got = tmt_meeting_get(d, m.id);
    ck_assert_int_eq(got.id, m.id);
    ck_assert_int_eq(got.kind_id, TMT_KIND_SHIEN);
    ck_assert_str_eq(got.kind_name, "支援会議");
    ck_assert(got.confidential);
    ck_assert_int_eq(got.series_id, 7);
    ck_assert_str_eq(got.held_on, "2026-06-10");
    ck_assert_str_eq(got.starts_at, "13:30");
    ck_assert_str_eq(got.place, "第1会議室");
    ck_assert(!got.regular);
    ck_assert_str_eq(got.state, "予定");
    ck_assert_str_eq(got.note, "資料は前日までに");
    ck_assert_int_eq(got.created_by, s1);
    ck_assert_int_eq(got.n_items, 0);
    ck_assert_int_eq(got.version, 1);
    db_meeting_free(&got);

    /* No state given: planned, as the schema's default; no series is
     * stored as NULL and read back as 0. */
    db_meeting plain = tmt_meeting(TMT_KIND_JUSOU, "2026-05-13", "", NULL);
    ck_assert_int_eq(db_write(d, tmt_meeting_insert_tx, &plain), DB_OK);
    got = tmt_meeting_get(d, plain.id);
    ck_assert_str_eq(got.state, "予定");
    ck_assert_str_eq(got.kind_name, "重層的支援会議");
    ck_assert(!got.confidential);
    ck_assert(got.regular);
    ck_assert_int_eq(got.series_id, 0);
    ck_assert_str_eq(got.starts_at, "");
    ck_assert_str_eq(got.place, "");
    db_meeting_free(&got);
    ck_assert_int_eq(tfix_int("SELECT count(*) FROM meeting WHERE series_id IS NULL", NULL), 1);

    /* Malformed dates and times, an unknown kind, an unknown state, and no
     * acting staff: refused, nothing stored. */
    const char *bad_dates[] = { "", "2026-02-30", "2026/06/10", "令和8年6月10日" };
    for (size_t i = 0; i < TMT_N(bad_dates); i++) {
        db_meeting bad = tmt_meeting(TMT_KIND_JUSOU, bad_dates[i], "", "予定");
        ck_assert_msg(db_write(d, tmt_meeting_insert_tx, &bad) == DB_INVALID,
                      "held_on \"%s\"", bad_dates[i]);
    }
    const char *bad_times[] = { "9:30", "24:00", "12:60", "1230", "12:3a", "12:30:00" };
    for (size_t i = 0; i < TMT_N(bad_times); i++) {
        db_meeting bad = tmt_meeting(TMT_KIND_JUSOU, "2026-06-10", bad_times[i], "予定");
        ck_assert_msg(db_write(d, tmt_meeting_insert_tx, &bad) == DB_INVALID,
                      "starts_at \"%s\"", bad_times[i]);
    }
    db_meeting bad = tmt_meeting(TMT_NO_SUCH_ID, "2026-06-10", "", "予定");
    ck_assert_int_eq(db_write(d, tmt_meeting_insert_tx, &bad), DB_INVALID);
    bad = tmt_meeting(TMT_KIND_JUSOU, "2026-06-10", "", "延期");
    ck_assert_int_eq(db_write(d, tmt_meeting_insert_tx, &bad), DB_INVALID);
    db_set_actor(d, 0);
    bad = tmt_meeting(TMT_KIND_JUSOU, "2026-06-10", "", "予定");
    ck_assert_int_eq(db_write(d, tmt_meeting_insert_tx, &bad), DB_INVALID);
    db_set_actor(d, s1);
    ck_assert_int_eq(tfix_int("SELECT count(*) FROM meeting", NULL), 2);

    ck_assert_int_eq(db_meeting_get(d, TMT_NO_SUCH_ID, &got), DB_NOTFOUND);
    ck_assert_int_eq(tfix_audits(d, "create", "meeting", m.id), 1);
    db_close(d);
}
END_TEST

START_TEST(tmt_meeting_lists)
{
    db *d = tfix_db();
    tmt_actor(d, "tanaka", "田中　一郎");
    int64_t person = tfix_person(d, "林　健一", "ハヤシ　ケンイチ");
    int64_t c1 = tfix_case(d, person, "多機関協働", "支援中", "2026-04-01");
    int64_t c2 = tfix_case(d, person, "参加支援", "支援中", "2026-04-02");

    /* Stored out of order: dates, then times ("" first), then ids. */
    int64_t june_pm = tmt_meeting_add(d, TMT_KIND_JUSOU, "2026-06-10", "13:30", "予定");
    int64_t may = tmt_meeting_add(d, TMT_KIND_SHIEN, "2026-05-13", "10:00", "開催済");
    int64_t june_am = tmt_meeting_add(d, TMT_KIND_SHIEN, "2026-06-10", "09:00", "予定");
    int64_t june_none = tmt_meeting_add(d, TMT_KIND_JUSOU, "2026-06-10", "", "予定");
    int64_t july = tmt_meeting_add(d, TMT_KIND_JUSOU, "2026-07-08", "13:30", "中止");
    int64_t june_pm2 = tmt_meeting_add(d, TMT_KIND_SHIEN, "2026-06-10", "13:30", "予定");
    tmt_agenda_add(d, june_am, c1, "プラン策定");
    tmt_agenda_add(d, june_am, c2, "情報共有");
    tmt_agenda_add(d, july, c1, "緊急");

    db_meeting *ms = NULL;
    size_t n = 0;
    ck_assert_int_eq(db_meeting_list(d, "", "", &ms, &n), DB_OK);
    const int64_t every[] = { may, june_none, june_am, june_pm, june_pm2, july };
    ck_assert_uint_eq(n, TMT_N(every));
    for (size_t i = 0; i < n; i++)
        ck_assert_int_eq(ms[i].id, every[i]);
    ck_assert_int_eq(ms[0].n_items, 0);
    ck_assert_int_eq(ms[2].n_items, 2);
    ck_assert_int_eq(ms[5].n_items, 1);
    ck_assert_str_eq(ms[0].kind_name, "支援会議");
    ck_assert_str_eq(ms[0].state, "開催済");
    ck_assert_str_eq(ms[5].state, "中止");
    db_meeting_list_free(ms, n);

    db_meeting got = tmt_meeting_get(d, june_am);
    ck_assert_int_eq(got.n_items, 2);
    db_meeting_free(&got);

    /* Both bounds are inclusive; either may be left open. */
    ck_assert_int_eq(db_meeting_list(d, "2026-06-10", "2026-06-10", &ms, &n), DB_OK);
    const int64_t june[] = { june_none, june_am, june_pm, june_pm2 };
    ck_assert_uint_eq(n, TMT_N(june));
    for (size_t i = 0; i < n; i++)
        ck_assert_int_eq(ms[i].id, june[i]);
    db_meeting_list_free(ms, n);
    ck_assert_int_eq(db_meeting_list(d, "2026-06-11", "", &ms, &n), DB_OK);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(ms[0].id, july);
    db_meeting_list_free(ms, n);
    ck_assert_int_eq(db_meeting_list(d, "", "2026-06-09", &ms, &n), DB_OK);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(ms[0].id, may);
    db_meeting_list_free(ms, n);
    ck_assert_int_eq(db_meeting_list(d, "2026-05-14", "2026-07-08", &ms, &n), DB_OK);
    ck_assert_uint_eq(n, 5);
    ck_assert_int_eq(ms[0].id, june_none);
    ck_assert_int_eq(ms[4].id, july);
    db_meeting_list_free(ms, n);
    ck_assert_int_eq(db_meeting_list(d, "2027-01-01", "", &ms, &n), DB_OK);
    ck_assert_uint_eq(n, 0);
    db_meeting_list_free(ms, n);
    db_close(d);
}
END_TEST

START_TEST(tmt_meeting_versions)
{
    db *d = tfix_db();
    int64_t s1 = tmt_actor(d, "tanaka", "田中　一郎");
    int64_t s2 = tfix_staff(d, "suzuki", "鈴木　花子");
    int64_t id = tmt_meeting_add(d, TMT_KIND_JUSOU, "2026-06-10", "13:30", "予定");

    db_set_actor(d, s2);
    db_meeting m = tmt_meeting_get(d, id);
    db_meeting edit = m;
    edit.held_on = (char *)"2026-06-17";
    edit.starts_at = (char *)"";
    edit.place = (char *)"市民ホール";
    edit.regular = false;
    edit.state = (char *)"開催済";
    edit.note = (char *)"議事録は別紙";
    edit.kind_id = TMT_KIND_SHIEN;   /* not among what an update saves */
    ck_assert_int_eq(db_write(d, tmt_meeting_update_tx, &edit), DB_OK);
    ck_assert_int_eq(edit.version, 2);
    db_meeting got = tmt_meeting_get(d, id);
    ck_assert_str_eq(got.held_on, "2026-06-17");
    ck_assert_str_eq(got.starts_at, "");
    ck_assert_str_eq(got.place, "市民ホール");
    ck_assert(!got.regular);
    ck_assert_str_eq(got.state, "開催済");
    ck_assert_str_eq(got.note, "議事録は別紙");
    ck_assert_int_eq(got.kind_id, TMT_KIND_JUSOU);
    ck_assert_int_eq(got.created_by, s1);
    ck_assert_int_eq(got.version, 2);
    db_meeting_free(&got);

    /* Another terminal's save at the old version: refused, unchanged. */
    db_meeting stale = m;
    stale.state = (char *)"中止";
    ck_assert_int_eq(db_write(d, tmt_meeting_update_tx, &stale), DB_CONFLICT);
    ck_assert_str_eq(db_errtext(d), db_status_text(DB_CONFLICT));
    ck_assert_int_eq(stale.version, 1);
    got = tmt_meeting_get(d, id);
    ck_assert_str_eq(got.state, "開催済");
    ck_assert_int_eq(got.version, 2);
    db_meeting_free(&got);

    /* A state outside the schema's list, or a bad date: refused. */
    db_meeting wrong = edit;
    wrong.state = (char *)"延期";
    ck_assert_int_ne(db_write(d, tmt_meeting_update_tx, &wrong), DB_OK);
    ck_assert_int_eq(wrong.version, 2);
    wrong.state = (char *)"中止";
    wrong.held_on = (char *)"2026-06-31";
    ck_assert_int_eq(db_write(d, tmt_meeting_update_tx, &wrong), DB_INVALID);
    got = tmt_meeting_get(d, id);
    ck_assert_str_eq(got.state, "開催済");
    ck_assert_str_eq(got.held_on, "2026-06-17");
    ck_assert_int_eq(got.version, 2);
    db_meeting_free(&got);

    /* And at the current version it saves again. */
    ck_assert_int_eq(db_write(d, tmt_meeting_update_tx, &edit), DB_OK);
    ck_assert_int_eq(edit.version, 3);

    db_meeting gone = edit;
    gone.id = TMT_NO_SUCH_ID;
    ck_assert_int_eq(db_write(d, tmt_meeting_update_tx, &gone), DB_NOTFOUND);

    ck_assert_int_eq(tfix_audits(d, "update", "meeting", id), 2);
    char sql[TMT_SQL_MAX];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM audit WHERE entity = 'meeting'"
             " AND action = 'update' AND staff_id = %" PRId64, s2);
    ck_assert_int_eq(tfix_int(sql, NULL), 2);
    db_meeting_free(&m);
    db_close(d);
}
END_TEST

START_TEST(tmt_members)
{
    db *d = tfix_db();
    int64_t s1 = tmt_actor(d, "tanaka", "田中　一郎");
    int64_t s2 = tfix_staff(d, "inoue", "井上　次郎");
    int64_t a_shogai = tfix_agency(d, "障がい者相談支援センター");
    int64_t a_chiiki = tfix_agency(d, "地域包括支援センター");
    int64_t id = tmt_meeting_add(d, TMT_KIND_SHIEN, "2026-06-10", "13:30", "予定");
    int64_t other = tmt_meeting_add(d, TMT_KIND_SHIEN, "2026-06-11", "", "予定");

    db_meeting_member *ms = NULL;
    size_t n = 0;
    ck_assert_int_eq(db_meeting_members(d, id, &ms, &n), DB_OK);
    ck_assert_uint_eq(n, 0);
    db_meeting_member_list_free(ms, n);

    /* Given staff first and out of order: read agencies first, by name,
     * though by name alone 井上 would come before both agencies. */
    const db_meeting_member four[] = {
        tmt_member(0, s1, true), tmt_member(a_shogai, 0, false),
        tmt_member(0, s2, false), tmt_member(a_chiiki, 0, true),
    };
    ck_assert_int_eq(tmt_set_members(d, id, four, TMT_N(four)), DB_OK);
    const db_meeting_member one[] = { tmt_member(a_shogai, 0, true) };
    ck_assert_int_eq(tmt_set_members(d, other, one, TMT_N(one)), DB_OK);

    ck_assert_int_eq(db_meeting_members(d, id, &ms, &n), DB_OK);
    ck_assert_uint_eq(n, 4);
    ck_assert_int_eq(ms[0].agency_id, a_chiiki);
    ck_assert_int_eq(ms[0].staff_id, 0);
    ck_assert_str_eq(ms[0].name, "地域包括支援センター");
    ck_assert(ms[0].attended);
    ck_assert_int_eq(ms[1].agency_id, a_shogai);
    ck_assert_str_eq(ms[1].name, "障がい者相談支援センター");
    ck_assert(!ms[1].attended);
    ck_assert_int_eq(ms[2].agency_id, 0);
    ck_assert_int_eq(ms[2].staff_id, s2);
    ck_assert_str_eq(ms[2].name, "井上　次郎");
    ck_assert(!ms[2].attended);
    ck_assert_int_eq(ms[3].staff_id, s1);
    ck_assert_str_eq(ms[3].name, "田中　一郎");
    ck_assert(ms[3].attended);
    db_meeting_member_list_free(ms, n);

    /* Replacing: the old members go, who attended is what was given, and
     * the other meeting keeps its own. */
    const db_meeting_member two[] = { tmt_member(0, s2, true), tmt_member(a_shogai, 0, true) };
    ck_assert_int_eq(tmt_set_members(d, id, two, TMT_N(two)), DB_OK);
    ck_assert_int_eq(db_meeting_members(d, id, &ms, &n), DB_OK);
    ck_assert_uint_eq(n, 2);
    ck_assert_int_eq(ms[0].agency_id, a_shogai);
    ck_assert(ms[0].attended);
    ck_assert_int_eq(ms[1].staff_id, s2);
    ck_assert(ms[1].attended);
    db_meeting_member_list_free(ms, n);
    ck_assert_int_eq(db_meeting_members(d, other, &ms, &n), DB_OK);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(ms[0].agency_id, a_shogai);
    db_meeting_member_list_free(ms, n);

    /* Refused, and the members stay as they were: one named twice, one
     * naming neither or both, one that does not exist, and a meeting that
     * does not exist. */
    const db_meeting_member twice[] = { tmt_member(a_chiiki, 0, true), tmt_member(a_chiiki, 0, false) };
    ck_assert_int_eq(tmt_set_members(d, id, twice, TMT_N(twice)), DB_INVALID);
    const db_meeting_member neither[] = { tmt_member(0, 0, true) };
    ck_assert_int_eq(tmt_set_members(d, id, neither, TMT_N(neither)), DB_INVALID);
    const db_meeting_member both[] = { tmt_member(a_chiiki, s1, true) };
    ck_assert_int_eq(tmt_set_members(d, id, both, TMT_N(both)), DB_INVALID);
    const db_meeting_member ghost[] = { tmt_member(TMT_NO_SUCH_ID, 0, true) };
    ck_assert_int_eq(tmt_set_members(d, id, ghost, TMT_N(ghost)), DB_INVALID);
    ck_assert_int_eq(tmt_set_members(d, TMT_NO_SUCH_ID, one, TMT_N(one)), DB_NOTFOUND);
    ck_assert_int_eq(db_meeting_members(d, id, &ms, &n), DB_OK);
    ck_assert_uint_eq(n, 2);
    db_meeting_member_list_free(ms, n);

    /* An empty list clears them. */
    ck_assert_int_eq(tmt_set_members(d, id, NULL, 0), DB_OK);
    ck_assert_int_eq(db_meeting_members(d, id, &ms, &n), DB_OK);
    ck_assert_uint_eq(n, 0);
    db_meeting_member_list_free(ms, n);
    ck_assert_int_eq(tfix_int("SELECT count(*) FROM meeting_member", NULL), 1);

    ck_assert_int_eq(tfix_audits(d, "members", "meeting", id), 3);
    db_close(d);
}
END_TEST

/* ---- 4. agendas ------------------------------------------------------- */

START_TEST(tmt_agenda_add_read)
{
    db *d = tfix_db();
    int64_t s1 = tmt_actor(d, "tanaka", "田中　一郎");
    int64_t p1 = tfix_person(d, "林　健一", "ハヤシ　ケンイチ");
    int64_t p2 = tfix_person(d, "森　花子", "モリ　ハナコ");
    int64_t c1 = tfix_case(d, p1, "多機関協働", "プラン作成", "2026-04-01");
    int64_t c2 = tfix_case(d, p2, "アウトリーチ", "支援中", "2026-04-02");
    int64_t c3 = tfix_case(d, p1, "参加支援", "モニタリング", "2026-04-03");
    int64_t plan = tfix_plan(d, c1, 0, "案", "", "");
    int64_t mt = tmt_meeting_add(d, TMT_KIND_SHIEN, "2026-06-10", "13:30", "予定");
    int64_t other = tmt_meeting_add(d, TMT_KIND_JUSOU, "2026-06-11", "", "予定");

    db_agenda_item it = tmt_item(mt, c1, "プラン策定");
    it.plan_id = plan;
    it.note = (char *)"プラン案を確認";
    /* What a new item holds of a decision is not stored. */
    it.decision = (char *)"承認";
    it.decided_by = s1;
    ck_assert_int_eq(db_write(d, tmt_agenda_add_tx, &it), DB_OK);
    ck_assert_int_gt(it.id, 0);
    ck_assert_int_eq(it.position, 1);
    ck_assert_int_eq(it.version, 1);
    ck_assert_int_eq(it.added_by, s1);
    int64_t i1 = it.id;

    db_agenda_item second = tmt_item(mt, c2, "情報共有");
    ck_assert_int_eq(db_write(d, tmt_agenda_add_tx, &second), DB_OK);
    ck_assert_int_eq(second.position, 2);
    db_agenda_item third = tmt_item(mt, c3, "再プラン");
    ck_assert_int_eq(db_write(d, tmt_agenda_add_tx, &third), DB_OK);
    ck_assert_int_eq(third.position, 3);
    /* Another meeting's agenda counts from 1. */
    db_agenda_item elsewhere = tmt_item(other, c1, "緊急");
    ck_assert_int_eq(db_write(d, tmt_agenda_add_tx, &elsewhere), DB_OK);
    ck_assert_int_eq(elsewhere.position, 1);

    /* The same case twice on one agenda is a conflict, with its reason. */
    db_agenda_item dup = tmt_item(mt, c2, "緊急");
    ck_assert_int_eq(db_write(d, tmt_agenda_add_tx, &dup), DB_CONFLICT);
    ck_assert_str_eq(db_errtext(d), "このケースはすでにこの会議の議題にあります");
    ck_assert_int_eq(dup.id, 0);
    /* A moment outside the list, an unknown case or meeting, no actor. */
    db_agenda_item bad = tmt_item(other, c2, "雑談");
    ck_assert_int_eq(db_write(d, tmt_agenda_add_tx, &bad), DB_INVALID);
    bad = tmt_item(other, TMT_NO_SUCH_ID, "緊急");
    ck_assert_int_eq(db_write(d, tmt_agenda_add_tx, &bad), DB_INVALID);
    bad = tmt_item(TMT_NO_SUCH_ID, c2, "緊急");
    ck_assert_int_eq(db_write(d, tmt_agenda_add_tx, &bad), DB_INVALID);
    db_set_actor(d, 0);
    bad = tmt_item(other, c2, "緊急");
    ck_assert_int_eq(db_write(d, tmt_agenda_add_tx, &bad), DB_INVALID);
    db_set_actor(d, s1);
    ck_assert_int_eq(tfix_int("SELECT count(*) FROM agenda_item", NULL), 4);

    const int64_t order[] = { i1, second.id, third.id };
    tmt_assert_agenda(d, mt, order, TMT_N(order));

    db_agenda_item got = tmt_item_get(d, i1);
    ck_assert_int_eq(got.meeting_id, mt);
    ck_assert_int_eq(got.case_id, c1);
    ck_assert_int_eq(got.position, 1);
    ck_assert_str_eq(got.moment, "プラン策定");
    ck_assert_int_eq(got.plan_id, plan);
    ck_assert_str_eq(got.note, "プラン案を確認");
    ck_assert_str_eq(got.decision, "");
    ck_assert_str_eq(got.decision_note, "");
    ck_assert_str_eq(got.resource_gap, "");
    ck_assert_int_eq(got.decided_by, 0);
    ck_assert_str_eq(got.decided_at, "");
    ck_assert_int_eq(got.added_by, s1);
    ck_assert_int_eq(got.version, 1);
    ck_assert_int_eq(got.person_id, p1);
    ck_assert_str_eq(got.person_name, "林　健一");
    ck_assert_str_eq(got.person_kana, "ハヤシ　ケンイチ");
    ck_assert_str_eq(got.stage, "プラン作成");
    ck_assert_str_eq(got.business, "多機関協働");
    ck_assert_str_eq(got.held_on, "2026-06-10");
    ck_assert_str_eq(got.kind_name, "支援会議");
    db_agenda_item_free(&got);

    got = tmt_item_get(d, second.id);
    ck_assert_int_eq(got.person_id, p2);
    ck_assert_str_eq(got.person_name, "森　花子");
    ck_assert_str_eq(got.person_kana, "モリ　ハナコ");
    ck_assert_str_eq(got.stage, "支援中");
    ck_assert_str_eq(got.business, "アウトリーチ");
    ck_assert_int_eq(got.plan_id, 0);
    ck_assert_str_eq(got.note, "");
    db_agenda_item_free(&got);
    got = tmt_item_get(d, elsewhere.id);
    ck_assert_str_eq(got.held_on, "2026-06-11");
    ck_assert_str_eq(got.kind_name, "重層的支援会議");
    db_agenda_item_free(&got);
    ck_assert_int_eq(tfix_int("SELECT count(*) FROM agenda_item WHERE plan_id IS NULL", NULL), 3);

    ck_assert_int_eq(db_agenda_get(d, TMT_NO_SUCH_ID, &got), DB_NOTFOUND);
    db_agenda_item *its = NULL;
    size_t n = 0;
    ck_assert_int_eq(db_agenda_items(d, TMT_NO_SUCH_ID, &its, &n), DB_OK);
    ck_assert_uint_eq(n, 0);
    db_agenda_item_list_free(its, n);
    ck_assert_int_eq(tfix_audits(d, "create", "agenda_item", 0), 4);
    db_close(d);
}
END_TEST

START_TEST(tmt_agenda_move)
{
    db *d = tfix_db();
    tmt_actor(d, "tanaka", "田中　一郎");
    int64_t p = tfix_person(d, "林　健一", "");
    int64_t cs[4];
    for (size_t i = 0; i < TMT_N(cs); i++)
        cs[i] = tfix_case(d, p, "多機関協働", "支援中", "2026-04-01");
    int64_t mt = tmt_meeting_add(d, TMT_KIND_SHIEN, "2026-06-10", "", "予定");
    int64_t other = tmt_meeting_add(d, TMT_KIND_SHIEN, "2026-06-11", "", "予定");
    int64_t a = tmt_agenda_add(d, mt, cs[0], "情報共有");
    int64_t b = tmt_agenda_add(d, mt, cs[1], "情報共有");
    int64_t c = tmt_agenda_add(d, mt, cs[2], "情報共有");
    int64_t x = tmt_agenda_add(d, other, cs[3], "情報共有");

    ck_assert_int_eq(tmt_move(d, c, -1), DB_OK);
    const int64_t acb[] = { a, c, b };
    tmt_assert_agenda(d, mt, acb, TMT_N(acb));
    ck_assert_int_eq(tmt_move(d, c, -1), DB_OK);
    const int64_t cab[] = { c, a, b };
    tmt_assert_agenda(d, mt, cab, TMT_N(cab));
    ck_assert_int_eq(tmt_move(d, a, 1), DB_OK);
    const int64_t cba[] = { c, b, a };
    tmt_assert_agenda(d, mt, cba, TMT_N(cba));

    /* At either end there is nowhere to go, and nothing changes. */
    ck_assert_int_eq(tmt_move(d, c, -1), DB_NOTFOUND);
    ck_assert_str_ne(db_errtext(d), "");
    ck_assert_int_eq(tmt_move(d, a, 1), DB_NOTFOUND);
    tmt_assert_agenda(d, mt, cba, TMT_N(cba));
    /* A lone item has no neighbour; the other meeting is not one. */
    ck_assert_int_eq(tmt_move(d, x, -1), DB_NOTFOUND);
    ck_assert_int_eq(tmt_move(d, x, 1), DB_NOTFOUND);
    const int64_t lone[] = { x };
    tmt_assert_agenda(d, other, lone, TMT_N(lone));
    /* Only one place at a time, and only items that exist. */
    ck_assert_int_eq(tmt_move(d, b, 0), DB_INVALID);
    ck_assert_int_eq(tmt_move(d, b, 2), DB_INVALID);
    ck_assert_int_eq(tmt_move(d, TMT_NO_SUCH_ID, 1), DB_NOTFOUND);
    tmt_assert_agenda(d, mt, cba, TMT_N(cba));

    /* Moving is the agenda's order: no item's version moved. */
    ck_assert_int_eq(tfix_int("SELECT count(*) FROM agenda_item WHERE version <> 1", NULL), 0);
    ck_assert_int_eq(tfix_audits(d, "move", "agenda_item", c), 2);
    ck_assert_int_eq(tfix_audits(d, "move", "agenda_item", 0), 3);
    db_close(d);
}
END_TEST

START_TEST(tmt_agenda_remove)
{
    db *d = tfix_db();
    tmt_actor(d, "tanaka", "田中　一郎");
    int64_t p = tfix_person(d, "林　健一", "");
    int64_t cs[5];
    for (size_t i = 0; i < TMT_N(cs); i++)
        cs[i] = tfix_case(d, p, "多機関協働", "支援中", "2026-04-01");
    int64_t mt = tmt_meeting_add(d, TMT_KIND_SHIEN, "2026-06-10", "", "予定");
    int64_t other = tmt_meeting_add(d, TMT_KIND_SHIEN, "2026-06-11", "", "予定");
    int64_t a = tmt_agenda_add(d, mt, cs[0], "情報共有");
    int64_t b = tmt_agenda_add(d, mt, cs[1], "情報共有");
    int64_t c = tmt_agenda_add(d, mt, cs[2], "情報共有");
    int64_t e = tmt_agenda_add(d, mt, cs[3], "情報共有");
    int64_t x = tmt_agenda_add(d, other, cs[4], "情報共有");
    ck_assert_int_eq(tmt_move(d, e, -1), DB_OK);   /* a b e c */

    /* Decided meanwhile: its version moved, so the removal is refused. */
    tmt_decide(d, b, "承認", "");
    ck_assert_int_eq(tmt_remove(d, b, 1), DB_CONFLICT);
    ck_assert_str_eq(db_errtext(d), db_status_text(DB_CONFLICT));
    const int64_t abec[] = { a, b, e, c };
    tmt_assert_agenda(d, mt, abec, TMT_N(abec));

    /* At the version read: gone, and the rest close up in their order. */
    ck_assert_int_eq(tmt_remove(d, b, 2), DB_OK);
    const int64_t aec[] = { a, e, c };
    tmt_assert_agenda(d, mt, aec, TMT_N(aec));
    ck_assert_int_eq(tmt_remove(d, a, 1), DB_OK);
    const int64_t ec[] = { e, c };
    tmt_assert_agenda(d, mt, ec, TMT_N(ec));
    ck_assert_int_eq(tmt_remove(d, c, 1), DB_OK);
    const int64_t only_e[] = { e };
    tmt_assert_agenda(d, mt, only_e, TMT_N(only_e));
    /* The other meeting was not touched. */
    const int64_t only_x[] = { x };
    tmt_assert_agenda(d, other, only_x, TMT_N(only_x));

    /* Gone already, or never there. */
    ck_assert_int_eq(tmt_remove(d, b, 2), DB_NOTFOUND);
    ck_assert_int_eq(tmt_remove(d, TMT_NO_SUCH_ID, 1), DB_NOTFOUND);
    /* Added after removals: last, numbered after what is left. */
    int64_t f = tmt_agenda_add(d, mt, cs[1], "再プラン");
    const int64_t ef[] = { e, f };
    tmt_assert_agenda(d, mt, ef, TMT_N(ef));

    ck_assert_int_eq(tfix_audits(d, "delete", "agenda_item", b), 1);
    ck_assert_int_eq(tfix_audits(d, "delete", "agenda_item", 0), 3);
    db_close(d);
}
END_TEST

START_TEST(tmt_agenda_decide)
{
    db *d = tfix_db();
    int64_t s1 = tmt_actor(d, "tanaka", "田中　一郎");
    int64_t s2 = tfix_staff(d, "suzuki", "鈴木　花子");
    int64_t p = tfix_person(d, "林　健一", "");
    int64_t ca = tfix_case(d, p, "多機関協働", "プラン作成", "2026-04-01");
    int64_t mt = tmt_meeting_add(d, TMT_KIND_SHIEN, "2026-06-10", "", "予定");
    int64_t id = tmt_agenda_add(d, mt, ca, "プラン策定");

    db_set_actor(d, s2);
    db_agenda_item it = tmt_item_get(d, id);
    char *keep_decision = it.decision, *keep_note = it.decision_note;
    char *keep_gap = it.resource_gap;
    it.decision = (char *)"修正のうえ承認";
    it.decision_note = (char *)"就労支援の役割を加える";
    it.resource_gap = (char *)"夜間の居場所がない";
    ck_assert_int_eq(db_write(d, tmt_decide_tx, &it), DB_OK);
    ck_assert_int_eq(it.version, 2);
    ck_assert_int_eq(it.decided_by, s2);

    db_agenda_item got = tmt_item_get(d, id);
    ck_assert_str_eq(got.decision, "修正のうえ承認");
    ck_assert_str_eq(got.decision_note, "就労支援の役割を加える");
    ck_assert_str_eq(got.resource_gap, "夜間の居場所がない");
    ck_assert_int_eq(got.decided_by, s2);
    ck_assert_uint_eq(strlen(got.decided_at), TMT_STAMP_LEN);
    ck_assert_int_eq(got.decided_at[TMT_STAMP_LEN - 1], 'Z');
    ck_assert_int_eq(got.version, 2);
    ck_assert_int_eq(got.added_by, s1);
    ck_assert_str_eq(got.moment, "プラン策定");
    ck_assert_int_eq(got.position, 1);
    db_agenda_item_free(&got);

    /* At the old version: refused, nothing changes. */
    db_agenda_item stale = it;
    stale.version = 1;
    stale.decision = (char *)"再検討";
    ck_assert_int_eq(db_write(d, tmt_decide_tx, &stale), DB_CONFLICT);
    ck_assert_int_eq(stale.version, 1);
    /* A decision outside the schema's list: refused. */
    db_agenda_item wrong = it;
    wrong.decision = (char *)"保留";
    ck_assert_int_eq(db_write(d, tmt_decide_tx, &wrong), DB_INVALID);
    ck_assert_int_eq(wrong.version, 2);
    got = tmt_item_get(d, id);
    ck_assert_str_eq(got.decision, "修正のうえ承認");
    ck_assert_str_eq(got.resource_gap, "夜間の居場所がない");
    ck_assert_int_eq(got.version, 2);
    db_agenda_item_free(&got);

    /* By another worker at the current version: the decider follows. */
    db_set_actor(d, s1);
    it.decision = (char *)"承認";
    it.resource_gap = (char *)"";
    ck_assert_int_eq(db_write(d, tmt_decide_tx, &it), DB_OK);
    ck_assert_int_eq(it.version, 3);
    got = tmt_item_get(d, id);
    ck_assert_str_eq(got.decision, "承認");
    ck_assert_str_eq(got.resource_gap, "");
    ck_assert_int_eq(got.decided_by, s1);
    ck_assert_int_eq(got.version, 3);
    db_agenda_item_free(&got);

    /* An empty decision takes it back: undecided, no decider, no time. */
    it.decision = (char *)"";
    it.decision_note = (char *)"";
    ck_assert_int_eq(db_write(d, tmt_decide_tx, &it), DB_OK);
    ck_assert_int_eq(it.decided_by, 0);
    got = tmt_item_get(d, id);
    ck_assert_str_eq(got.decision, "");
    ck_assert_int_eq(got.decided_by, 0);
    ck_assert_str_eq(got.decided_at, "");
    ck_assert_int_eq(got.version, 4);
    db_agenda_item_free(&got);
    ck_assert_int_eq(tfix_int("SELECT count(*) FROM agenda_item WHERE decided_by IS NULL", NULL), 1);

    db_agenda_item gone = it;
    gone.id = TMT_NO_SUCH_ID;
    ck_assert_int_eq(db_write(d, tmt_decide_tx, &gone), DB_NOTFOUND);

    ck_assert_int_eq(tfix_audits(d, "decide", "agenda_item", id), 3);
    it.decision = keep_decision;
    it.decision_note = keep_note;
    it.resource_gap = keep_gap;
    db_agenda_item_free(&it);
    db_close(d);
}
END_TEST

START_TEST(tmt_agenda_by_case_gaps)
{
    db *d = tfix_db();
    tmt_actor(d, "tanaka", "田中　一郎");
    int64_t p1 = tfix_person(d, "林　健一", "ハヤシ");
    int64_t p2 = tfix_person(d, "森　花子", "モリ");
    int64_t c1 = tfix_case(d, p1, "多機関協働", "支援中", "2026-04-01");
    int64_t c2 = tfix_case(d, p2, "参加支援", "支援中", "2026-04-01");
    /* Stored out of date order; two on one day, told apart by id. */
    int64_t june = tmt_meeting_add(d, TMT_KIND_SHIEN, "2026-06-10", "", "開催済");
    int64_t april = tmt_meeting_add(d, TMT_KIND_JUSOU, "2026-04-15", "", "開催済");
    int64_t july_a = tmt_meeting_add(d, TMT_KIND_SHIEN, "2026-07-01", "15:00", "予定");
    int64_t july_b = tmt_meeting_add(d, TMT_KIND_JUSOU, "2026-07-01", "09:00", "予定");

    int64_t i_june = tmt_agenda_add(d, june, c1, "プラン策定");
    int64_t i_april = tmt_agenda_add(d, april, c1, "情報共有");
    int64_t i_july_a = tmt_agenda_add(d, july_a, c1, "再プラン");
    int64_t i_july_b = tmt_agenda_add(d, july_b, c1, "緊急");
    int64_t j_june = tmt_agenda_add(d, june, c2, "情報共有");
    int64_t j_april = tmt_agenda_add(d, april, c2, "プラン策定");

    db_agenda_item *its = NULL;
    size_t n = 0;
    ck_assert_int_eq(db_agenda_by_case(d, c1, &its, &n), DB_OK);
    const int64_t c1_items[] = { i_july_b, i_july_a, i_june, i_april };
    tmt_assert_ids(its, n, c1_items, TMT_N(c1_items));
    ck_assert_str_eq(its[0].held_on, "2026-07-01");
    ck_assert_str_eq(its[0].kind_name, "重層的支援会議");
    ck_assert_str_eq(its[2].held_on, "2026-06-10");
    ck_assert_str_eq(its[2].kind_name, "支援会議");
    ck_assert_str_eq(its[3].person_name, "林　健一");
    ck_assert_str_eq(its[3].moment, "情報共有");
    db_agenda_item_list_free(its, n);
    ck_assert_int_eq(db_agenda_by_case(d, c2, &its, &n), DB_OK);
    const int64_t c2_items[] = { j_june, j_april };
    tmt_assert_ids(its, n, c2_items, TMT_N(c2_items));
    db_agenda_item_list_free(its, n);
    ck_assert_int_eq(db_agenda_by_case(d, TMT_NO_SUCH_ID, &its, &n), DB_OK);
    ck_assert_uint_eq(n, 0);
    db_agenda_item_list_free(its, n);

    /* No gap noted yet. */
    ck_assert_int_eq(db_agenda_gaps(d, &its, &n), DB_OK);
    ck_assert_uint_eq(n, 0);
    db_agenda_item_list_free(its, n);

    tmt_decide(d, i_april, "情報共有のみ", "送迎の手段がない");
    tmt_decide(d, j_june, "承認", "日中の居場所がない");
    tmt_decide(d, i_june, "承認", "");
    tmt_decide(d, i_july_a, "再検討", "夜間の相談先がない");
    ck_assert_int_eq(db_agenda_gaps(d, &its, &n), DB_OK);
    const int64_t gaps[] = { i_july_a, j_june, i_april };
    tmt_assert_ids(its, n, gaps, TMT_N(gaps));
    ck_assert_str_eq(its[0].resource_gap, "夜間の相談先がない");
    ck_assert_str_eq(its[1].resource_gap, "日中の居場所がない");
    ck_assert_str_eq(its[1].person_name, "森　花子");
    ck_assert_str_eq(its[1].person_kana, "モリ");
    ck_assert_str_eq(its[1].business, "参加支援");
    ck_assert_str_eq(its[1].held_on, "2026-06-10");
    ck_assert_str_eq(its[2].resource_gap, "送迎の手段がない");
    ck_assert_str_eq(its[2].decision, "情報共有のみ");
    db_agenda_item_list_free(its, n);
    db_close(d);
}
END_TEST

/* ---- 5. what the agenda rules look at --------------------------------- */

/* The status of one case in a list; fails the test when it is missing. */
static const db_case_status *tmt_status(const db_case_status *cs, size_t n,
                                        int64_t case_id)
{
    for (size_t i = 0; i < n; i++)
        if (cs[i].case_id == case_id)
            return &cs[i];
    ck_abort_msg("case %" PRId64 " missing", case_id);
    return NULL;
}

START_TEST(tmt_case_statuses)
{
    db *d = tfix_db();
    int64_t s1 = tmt_actor(d, "tanaka", "田中　一郎");
    int64_t pa = tfix_person(d, "林　健一", "ハヤシ　ケンイチ");
    int64_t pb = tfix_person(d, "森　花子", "モリ　ハナコ");

    /* A: two consents, one withdrawn.  B: none. */
    tfix_consent(d, pa);
    int64_t withdrawn = tfix_consent(d, pa);
    ck_assert_int_eq(db_write(d, tmt_withdraw_tx, &withdrawn), DB_OK);
    int in_force = -1, total = -1;
    ck_assert_int_eq(db_consent_counts(d, pa, &in_force, &total), DB_OK);
    ck_assert_int_eq(in_force, 1);
    ck_assert_int_eq(total, 2);

    int64_t c1 = tfix_case(d, pa, "多機関協働", "支援中", "2026-04-01");
    int64_t c2 = tfix_case(d, pb, "アウトリーチ", "モニタリング", "2026-03-15");
    int64_t c3 = tfix_case(d, pa, "参加支援", "受付", "2026-04-20");
    int64_t c4 = tfix_case(d, pb, "多機関協働", "終結", "2025-10-01");
    int64_t c5 = tfix_case(d, pb, "多機関協働", "支援中", "2026-02-01");

    /* c1: a plan and its re-plan (the latest), two assessments, events. */
    int64_t first = tfix_plan(d, c1, 0, "評価済", "2026-05-01", "2026-06-01");
    int64_t replan = tfix_plan(d, c1, first, "実施中", "2026-07-01", "2026-09-30");
    tmt_assessment(d, c1, "life\t古い");
    tmt_assessment(d, c1, "life\t昼夜逆転");
    tmt_event_at(c1, s1, "2026-05-06T23:59:59Z");
    tmt_event_at(c1, s1, "2026-04-03T10:00:00Z");
    /* c2: one plan, no assessment, no events; on a held meeting, and on
     * two planned ones (the later stored first). */
    int64_t only = tfix_plan(d, c2, 0, "承認", "2026-05-20", "");
    int64_t held = tmt_meeting_add(d, TMT_KIND_SHIEN, "2026-05-01", "", "開催済");
    int64_t later = tmt_meeting_add(d, TMT_KIND_SHIEN, "2026-07-01", "", "予定");
    int64_t sooner = tmt_meeting_add(d, TMT_KIND_JUSOU, "2026-06-10", "", "予定");
    tmt_agenda_add(d, held, c2, "プラン策定");
    tmt_agenda_add(d, later, c2, "情報共有");
    tmt_agenda_add(d, sooner, c2, "情報共有");
    /* c3: nothing but a called-off meeting, which does not count. */
    int64_t off = tmt_meeting_add(d, TMT_KIND_SHIEN, "2026-06-03", "", "中止");
    tmt_agenda_add(d, off, c3, "緊急");
    /* c4 is closed and on a planned meeting: not asked for. */
    tmt_agenda_add(d, sooner, c4, "終結判断");
    /* c5 is on a held meeting only. */
    tmt_agenda_add(d, held, c5, "情報共有");
    tmt_event_at(c5, s1, "2026-02-02T00:00:00Z");

    /* Asked in another order than the ids, and a stage twice. */
    const char *const stages[] = { "受付", "支援中", "モニタリング", "受付" };
    db_case_status *cs = NULL;
    size_t n = 0;
    ck_assert_int_eq(db_case_statuses(d, stages, TMT_N(stages), &cs, &n), DB_OK);
    ck_assert_uint_eq(n, 4);
    const int64_t by_id[] = { c1, c2, c3, c5 };
    for (size_t i = 0; i < n; i++)
        ck_assert_int_eq(cs[i].case_id, by_id[i]);

    const db_case_status *s = tmt_status(cs, n, c1);
    ck_assert_int_eq(s->person_id, pa);
    ck_assert_str_eq(s->person_name, "林　健一");
    ck_assert_str_eq(s->stage, "支援中");
    ck_assert_str_eq(s->business, "多機関協働");
    ck_assert_str_eq(s->opened_on, "2026-04-01");
    ck_assert_int_eq(s->plan_id, replan);
    ck_assert_str_eq(s->plan_state, "実施中");
    ck_assert(s->replan);
    ck_assert_str_eq(s->monitor_on, "2026-07-01");
    ck_assert_str_eq(s->evaluate_on, "2026-09-30");
    ck_assert_str_eq(s->assessment, "life\t昼夜逆転");
    ck_assert_str_eq(s->last_activity, "2026-05-06");
    ck_assert_int_eq(s->in_force, 1);
    ck_assert_int_eq(s->consents, 2);
    ck_assert_int_eq(s->upcoming_meeting, 0);

    s = tmt_status(cs, n, c2);
    ck_assert_int_eq(s->person_id, pb);
    ck_assert_str_eq(s->person_name, "森　花子");
    ck_assert_str_eq(s->stage, "モニタリング");
    ck_assert_str_eq(s->business, "アウトリーチ");
    ck_assert_str_eq(s->opened_on, "2026-03-15");
    ck_assert_int_eq(s->plan_id, only);
    ck_assert_str_eq(s->plan_state, "承認");
    ck_assert(!s->replan);
    ck_assert_str_eq(s->monitor_on, "2026-05-20");
    ck_assert_str_eq(s->evaluate_on, "");
    ck_assert_str_eq(s->assessment, "");
    ck_assert_str_eq(s->last_activity, "2026-03-15");
    ck_assert_int_eq(s->in_force, 0);
    ck_assert_int_eq(s->consents, 0);
    ck_assert_int_eq(s->upcoming_meeting, sooner);

    s = tmt_status(cs, n, c3);
    ck_assert_int_eq(s->person_id, pa);
    ck_assert_str_eq(s->stage, "受付");
    ck_assert_str_eq(s->business, "参加支援");
    ck_assert_int_eq(s->plan_id, 0);
    ck_assert_str_eq(s->plan_state, "");
    ck_assert(!s->replan);
    ck_assert_str_eq(s->monitor_on, "");
    ck_assert_str_eq(s->evaluate_on, "");
    ck_assert_str_eq(s->assessment, "");
    ck_assert_str_eq(s->last_activity, "2026-04-20");
    ck_assert_int_eq(s->in_force, 1);
    ck_assert_int_eq(s->consents, 2);
    ck_assert_int_eq(s->upcoming_meeting, 0);

    s = tmt_status(cs, n, c5);
    ck_assert_str_eq(s->stage, "支援中");
    ck_assert_int_eq(s->plan_id, 0);
    ck_assert_str_eq(s->last_activity, "2026-02-02");
    ck_assert_int_eq(s->consents, 0);
    ck_assert_int_eq(s->upcoming_meeting, 0);
    db_case_status_list_free(cs, n);

    /* One stage alone; a stage no case is at; none asked for. */
    const char *const closed[] = { "終結" };
    ck_assert_int_eq(db_case_statuses(d, closed, TMT_N(closed), &cs, &n), DB_OK);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(cs[0].case_id, c4);
    ck_assert_int_eq(cs[0].upcoming_meeting, sooner);
    ck_assert_str_eq(cs[0].last_activity, "2025-10-01");
    db_case_status_list_free(cs, n);
    const char *const empty[] = { "評価" };
    ck_assert_int_eq(db_case_statuses(d, empty, TMT_N(empty), &cs, &n), DB_OK);
    ck_assert_uint_eq(n, 0);
    db_case_status_list_free(cs, n);
    ck_assert_int_eq(db_case_statuses(d, NULL, 0, &cs, &n), DB_OK);
    ck_assert_uint_eq(n, 0);
    ck_assert_ptr_null(cs);

    /* Once the sooner meeting is called off, the later one is upcoming. */
    db_meeting m = tmt_meeting_get(d, sooner);
    char *keep = m.state;
    m.state = (char *)"中止";
    ck_assert_int_eq(db_write(d, tmt_meeting_update_tx, &m), DB_OK);
    m.state = keep;
    db_meeting_free(&m);
    const char *const monitoring[] = { "モニタリング" };
    ck_assert_int_eq(db_case_statuses(d, monitoring, TMT_N(monitoring), &cs, &n), DB_OK);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(cs[0].upcoming_meeting, later);
    db_case_status_list_free(cs, n);
    db_close(d);
}
END_TEST

/* ---- 6. audit --------------------------------------------------------- */

START_TEST(tmt_audit_rows)
{
    db *d = tfix_db();
    int64_t s1 = tmt_actor(d, "tanaka", "田中　一郎");
    int64_t agency = tfix_agency(d, "あおば相談所");
    int64_t p = tfix_person(d, "林　健一", "ハヤシ　ケンイチ");
    int64_t ca = tfix_case(d, p, "多機関協働", "支援中", "2026-04-01");
    int64_t cb = tfix_case(d, p, "多機関協働", "支援中", "2026-04-02");

    db_meeting m = tmt_meeting(TMT_KIND_SHIEN, "2026-06-10", "13:30", "予定");
    m.note = (char *)"秘密会議メモ";
    ck_assert_int_eq(db_write(d, tmt_meeting_insert_tx, &m), DB_OK);
    m.state = (char *)"開催済";
    ck_assert_int_eq(db_write(d, tmt_meeting_update_tx, &m), DB_OK);
    const db_meeting_member ms[] = { tmt_member(agency, 0, true), tmt_member(0, s1, true) };
    ck_assert_int_eq(tmt_set_members(d, m.id, ms, TMT_N(ms)), DB_OK);

    db_agenda_item it = tmt_item(m.id, ca, "プラン策定");
    it.note = (char *)"秘密議題メモ";
    ck_assert_int_eq(db_write(d, tmt_agenda_add_tx, &it), DB_OK);
    int64_t other = tmt_agenda_add(d, m.id, cb, "情報共有");
    ck_assert_int_eq(tmt_move(d, other, -1), DB_OK);
    it.decision = (char *)"承認";
    it.decision_note = (char *)"秘密決定";
    it.resource_gap = (char *)"秘密不足";
    ck_assert_int_eq(db_write(d, tmt_decide_tx, &it), DB_OK);
    ck_assert_int_eq(tmt_remove(d, other, 1), DB_OK);
    /* Refused changes leave no row. */
    ck_assert_int_eq(tmt_remove(d, it.id, 1), DB_CONFLICT);
    db_agenda_item dup = tmt_item(m.id, ca, "緊急");
    ck_assert_int_eq(db_write(d, tmt_agenda_add_tx, &dup), DB_CONFLICT);
    ck_assert_int_eq(tmt_kind(d, "支援会議", true, true, NULL), DB_CONFLICT);

    ck_assert_int_eq(tfix_audits(d, "create", "meeting", m.id), 1);
    ck_assert_int_eq(tfix_audits(d, "update", "meeting", m.id), 1);
    ck_assert_int_eq(tfix_audits(d, "members", "meeting", m.id), 1);
    ck_assert_int_eq(tfix_audits(d, "create", "agenda_item", it.id), 1);
    ck_assert_int_eq(tfix_audits(d, "create", "agenda_item", other), 1);
    ck_assert_int_eq(tfix_audits(d, "move", "agenda_item", other), 1);
    ck_assert_int_eq(tfix_audits(d, "decide", "agenda_item", it.id), 1);
    ck_assert_int_eq(tfix_audits(d, "delete", "agenda_item", other), 1);
    ck_assert_int_eq(tfix_audits(d, "delete", "agenda_item", it.id), 0);
    ck_assert_int_eq(tfix_audits(d, "create", "meeting_kind", 0), 0);
    char *details = tfix_text(
        "SELECT group_concat(action || ':' || detail, ',') FROM"
        " (SELECT action, detail FROM audit"
        "  WHERE entity IN ('meeting', 'agenda_item') ORDER BY id)");
    ck_assert_str_eq(details, "create:2026-06-10,update:開催済,members:2,"
                              "create:プラン策定,create:情報共有,move:up,"
                              "decide:承認,delete:");
    free(details);

    /* Every row names the acting staff member. */
    char sql[TMT_SQL_MAX];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM audit WHERE entity IN"
             " ('meeting', 'agenda_item') AND (staff_id IS NOT %" PRId64
             " OR login <> 'tanaka')", s1);
    ck_assert_int_eq(tfix_int(sql, NULL), 0);

    /* None of the free texts, nor the person, anywhere in the audit. */
    static const char *const words[] = {
        "秘密会議メモ", "秘密議題メモ", "秘密決定", "秘密不足", "林", "ハヤシ",
    };
    for (size_t i = 0; i < TMT_N(words); i++)
        ck_assert_msg(tfix_int("SELECT count(*) FROM audit WHERE instr(detail, ?1) > 0",
                                   words[i]) == 0,
                      "the audit holds \"%s\"", words[i]);
    db_close(d);
}
END_TEST

/* Run the groups of tests, each in a fresh folder; the exit status says
 * whether anything failed. */
int main(void)
{
    const tfix_group groups[] = {
        { "settings", { tmt_settings, NULL } },
        { "kinds", { tmt_kinds, NULL } },
        { "meetings", { tmt_meeting_round_trip, tmt_meeting_lists, tmt_meeting_versions,
                        tmt_members, NULL } },
        { "agendas", { tmt_agenda_add_read, tmt_agenda_move, tmt_agenda_remove,
                       tmt_agenda_decide, tmt_agenda_by_case_gaps, NULL } },
        { "statuses", { tmt_case_statuses, NULL } },
        { "audit", { tmt_audit_rows, NULL } },
    };
    return tfix_run("meetings", groups, sizeof groups / sizeof groups[0], tmt_setup);
}
