/* check_referral.c - unit tests of つなぎ in the storage layer
 * (db_referral_* in include/db.h) on real SQLite files, one fresh
 * temporary directory per test. */
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
#include "tfix.h"

/* A referral id no test creates. */
#define TREF_NO_SUCH_ID 9999
/* "YYYY-MM-DDTHH:MM:SSZ", as db_bind_now stores the time. */
#define TREF_STAMP_LEN 20

/* Make the test's own folder. */
static void tref_setup(void)
{
    tfix_setup("check_referral");
}

/* ---- raw access to the file, to see what was stored ------------------- */

/* ---- the rows a referral points at ----------------------------------- */


/* Register a staff member and make them the one acting; returns the id. */
static int64_t tref_actor(db *d, const char *login, const char *name)
{
    int64_t id = tfix_staff(d, login, name);
    db_set_actor(d, id);
    return id;
}

/* One agency insert for db_write. */
typedef struct tref_agency_ins {
    const char *name;
    int64_t id;
} tref_agency_ins;

/* db_write body: insert one agency. */
static db_status tref_agency_tx(db *d, void *arg)
{
    tref_agency_ins *in = arg;
    db_agency a;
    memset(&a, 0, sizeof a);
    a.name = (char *)in->name;
    a.field = "高齢";
    return db_agency_insert(d, &a, &in->id);
}

/* Register an agency; returns the id. */
static int64_t tref_agency(db *d, const char *name)
{
    tref_agency_ins in = { name, 0 };
    ck_assert_msg(db_write(d, tref_agency_tx, &in) == DB_OK, "agency: %s", db_errmsg(d));
    ck_assert_int_gt(in.id, 0);
    return in.id;
}

/* One person insert for db_write. */
typedef struct tref_person_ins {
    const char *name;
    int64_t id;
} tref_person_ins;

/* db_write body: insert one person. */
static db_status tref_person_tx(db *d, void *arg)
{
    tref_person_ins *in = arg;
    db_person p;
    memset(&p, 0, sizeof p);
    p.name = (char *)in->name;
    return db_person_insert(d, &p, &in->id);
}

/* Register a person; returns the id. */
static int64_t tref_person(db *d, const char *name)
{
    tref_person_ins in = { name, 0 };
    ck_assert_msg(db_write(d, tref_person_tx, &in) == DB_OK, "person: %s", db_errmsg(d));
    ck_assert_int_gt(in.id, 0);
    return in.id;
}

/* db_write body: insert one consent. */
static db_status tref_consent_tx(db *d, void *arg)
{
    return db_consent_insert(d, arg);
}

/* Record a signed consent of a person for every agency; returns the id. */
static int64_t tref_consent(db *d, int64_t person_id, int64_t staff_id)
{
    db_consent c;
    memset(&c, 0, sizeof c);
    c.person_id = person_id;
    c.given_on = "2026-04-01";
    c.method = "署名";
    c.all_agencies = true;
    c.taken_by = staff_id;
    ck_assert_msg(db_write(d, tref_consent_tx, &c) == DB_OK, "consent: %s", db_errmsg(d));
    ck_assert_int_gt(c.id, 0);
    return c.id;
}

/* One consultation insert for db_write. */
typedef struct tref_consult_ins {
    db_consult c;
    int64_t id;
} tref_consult_ins;

/* db_write body: insert one consultation. */
static db_status tref_consult_tx(db *d, void *arg)
{
    tref_consult_ins *in = arg;
    return db_consult_insert(d, &in->c, &in->id);
}

/* Record a consultation of a person; returns the id. */
static int64_t tref_consult(db *d, int64_t person_id, int64_t staff_id)
{
    tref_consult_ins in;
    memset(&in, 0, sizeof in);
    in.c.person_id = person_id;
    in.c.staff_id = staff_id;
    in.c.received_at = "2026-04-01T09:30";
    ck_assert_msg(db_write(d, tref_consult_tx, &in) == DB_OK, "consult: %s", db_errmsg(d));
    ck_assert_int_gt(in.id, 0);
    return in.id;
}

/* Open a case for a person straight in the file (db-case.c is another
 * part's); returns the id. */
static int64_t tref_case(int64_t person_id)
{
    char sql[256];
    snprintf(sql, sizeof sql,
             "INSERT INTO support_case(person_id, business, stage, opened_on,"
             " created_at, updated_at) VALUES (%" PRId64 ", '多機関協働', '受付',"
             " '2026-04-02', '2026-04-02T00:00:00Z', '2026-04-02T00:00:00Z')",
             person_id);
    int64_t id = tfix_exec(sql);
    ck_assert_int_gt(id, 0);
    return id;
}

/* ---- referrals -------------------------------------------------------- */

/* A referral with the fields the tests vary; the rest empty. */
static db_referral tref_referral(int64_t person_id, int64_t agency_id, const char *due_on,
                                 const char *sent_on)
{
    db_referral r;
    memset(&r, 0, sizeof r);
    r.person_id = person_id;
    r.agency_id = agency_id;
    r.reason = "介護保険の申請支援";
    r.due_on = (char *)due_on;
    r.sent_on = (char *)sent_on;
    return r;
}

/* db_write body: insert one referral. */
static db_status tref_insert_tx(db *d, void *arg)
{
    return db_referral_insert(d, arg);
}

/* Insert a referral, returning the status. */
static db_status tref_insert_try(db *d, db_referral *r)
{
    return db_write(d, tref_insert_tx, r);
}

/* Insert a referral, asserting success; returns its id. */
static int64_t tref_insert(db *d, db_referral *r)
{
    db_status st = tref_insert_try(d, r);
    ck_assert_msg(st == DB_OK, "referral insert: %d %s", st, db_errmsg(d));
    ck_assert_int_gt(r->id, 0);
    ck_assert_int_eq(r->version, 1);
    return r->id;
}

/* One state change for db_write. */
typedef struct tref_move {
    int64_t id, version;
    const char *state, *note;
} tref_move;

/* db_write body: move one referral. */
static db_status tref_move_tx(db *d, void *arg)
{
    tref_move *m = arg;
    return db_referral_set_state(d, m->id, m->version, m->state, m->note);
}

/* Move a referral read at version to state, returning the status. */
static db_status tref_move_try(db *d, int64_t id, int64_t version, const char *state,
                               const char *note)
{
    tref_move m = { id, version, state, note };
    return db_write(d, tref_move_tx, &m);
}

/* Move a referral, asserting success. */
static void tref_move_ok(db *d, int64_t id, int64_t version, const char *state,
                         const char *note)
{
    db_status st = tref_move_try(d, id, version, state, note);
    ck_assert_msg(st == DB_OK, "set_state %s: %d %s", state, st, db_errmsg(d));
}

/* Read a referral, asserting success; the row is the caller's to free. */
static db_referral tref_get(db *d, int64_t id)
{
    db_referral r;
    db_status st = db_referral_get(d, id, &r);
    ck_assert_msg(st == DB_OK, "get %" PRId64 ": %d %s", id, st, db_errmsg(d));
    return r;
}

/* Assert a referral's state, note and version as stored. */
static void tref_assert_state(db *d, int64_t id, const char *state, const char *note,
                              int64_t version)
{
    db_referral r = tref_get(d, id);
    ck_assert_str_eq(r.state, state);
    ck_assert_str_eq(r.state_note, note);
    ck_assert_int_eq(r.version, version);
    db_referral_free(&r);
}

/* How many events a referral has. */
static size_t tref_event_count(db *d, int64_t id)
{
    db_referral_event *es = NULL;
    size_t n = 0;
    ck_assert_int_eq(db_referral_events(d, id, &es, &n), DB_OK);
    db_referral_event_list_free(es, n);
    return n;
}

/* Assert that a list holds exactly the referrals of ids, in that order. */
static void tref_assert_ids(const db_referral *rs, size_t n, const int64_t *ids,
                            size_t n_ids)
{
    ck_assert_uint_eq(n, n_ids);
    for (size_t i = 0; i < n_ids; i++)
        ck_assert_msg(rs[i].id == ids[i], "row %zu: id %" PRId64 ", expected %" PRId64,
                      i, rs[i].id, ids[i]);
}

/* List referrals and assert exactly these ids, in order. */
static void tref_assert_list(db *d, int64_t agency_id, const char *state, size_t limit,
                             const int64_t *ids, size_t n_ids)
{
    db_referral *rs = NULL;
    size_t n = 0;
    db_status st = db_referral_list(d, agency_id, state, limit, &rs, &n);
    ck_assert_msg(st == DB_OK, "list: %d %s", st, db_errmsg(d));
    tref_assert_ids(rs, n, ids, n_ids);
    db_referral_list_free(rs, n);
}

/* Whether s looks like the UTC time db_bind_now stores. */
static bool tref_is_stamp(const char *s)
{
    return strlen(s) == TREF_STAMP_LEN && s[4] == '-' && s[10] == 'T' &&
           s[TREF_STAMP_LEN - 1] == 'Z';
}

#define TREF_N(a) (sizeof (a) / sizeof (a)[0])

/* ---- tests ------------------------------------------------------------ */

START_TEST(tref_insert_get_round_trip)
{
    db *d = tfix_db();
    int64_t staff = tref_actor(d, "tanaka", "田中　一郎");
    int64_t agency = tref_agency(d, "地域包括支援センター東");
    int64_t person = tref_person(d, "林　健一");
    int64_t consult = tref_consult(d, person, staff);
    int64_t kase = tref_case(person);
    int64_t consent = tref_consent(d, person, staff);

    db_referral r = tref_referral(person, agency, "2026-05-15", "2026-05-01");
    r.consultation_id = consult;
    r.case_id = kase;
    r.shared = "氏名・住所・相談の概要";
    r.consent_id = consent;
    r.state = "完了";          /* ignored: a referral starts as 依頼 */
    r.sent_by = staff + 100;   /* ignored: the sender is the actor */
    int64_t id = tref_insert(d, &r);

    db_referral got = tref_get(d, id);
    ck_assert_int_eq(got.id, id);
    ck_assert_int_eq(got.person_id, person);
    ck_assert_str_eq(got.person_name, "林　健一");
    ck_assert_int_eq(got.consultation_id, consult);
    ck_assert_int_eq(got.case_id, kase);
    ck_assert_int_eq(got.agency_id, agency);
    ck_assert_str_eq(got.agency_name, "地域包括支援センター東");
    ck_assert_str_eq(got.reason, "介護保険の申請支援");
    ck_assert_str_eq(got.shared, "氏名・住所・相談の概要");
    ck_assert_int_eq(got.consent_id, consent);
    ck_assert_str_eq(got.due_on, "2026-05-15");
    ck_assert_str_eq(got.state, "依頼");
    ck_assert_str_eq(got.state_note, "");
    ck_assert_int_eq(got.sent_by, staff);
    ck_assert_str_eq(got.sent_by_name, "田中　一郎");
    ck_assert_str_eq(got.sent_on, "2026-05-01");
    ck_assert_int_eq(got.version, 1);
    ck_assert_msg(tref_is_stamp(got.updated_at), "updated_at \"%s\"", got.updated_at);
    db_referral_free(&got);

    /* The first event: 依頼 by the sender, with no note. */
    db_referral_event *es = NULL;
    size_t n = 0;
    ck_assert_int_eq(db_referral_events(d, id, &es, &n), DB_OK);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_gt(es[0].id, 0);
    ck_assert_int_eq(es[0].referral_id, id);
    ck_assert_int_eq(es[0].staff_id, staff);
    ck_assert_str_eq(es[0].staff_name, "田中　一郎");
    ck_assert_str_eq(es[0].state, "依頼");
    ck_assert_str_eq(es[0].note, "");
    ck_assert_msg(tref_is_stamp(es[0].at), "at \"%s\"", es[0].at);
    db_referral_event_list_free(es, n);

    /* An anonymous referral: every id left 0 is NULL in the file, and
     * reads back as 0 with no person name. */
    db_referral anon = tref_referral(0, agency, "2026-05-20", "2026-05-02");
    int64_t anon_id = tref_insert(d, &anon);
    got = tref_get(d, anon_id);
    ck_assert_int_eq(got.person_id, 0);
    ck_assert_str_eq(got.person_name, "");
    ck_assert_int_eq(got.consultation_id, 0);
    ck_assert_int_eq(got.case_id, 0);
    ck_assert_int_eq(got.consent_id, 0);
    ck_assert_str_eq(got.shared, "");
    db_referral_free(&got);
    char sql[192];
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM referral WHERE id = %" PRId64 " AND person_id IS NULL"
             " AND consultation_id IS NULL AND case_id IS NULL AND consent_id IS NULL",
             anon_id);
    ck_assert_int_eq(tfix_int(sql, NULL), 1);

    /* Nothing there. */
    db_referral none;
    ck_assert_int_eq(db_referral_get(d, TREF_NO_SUCH_ID, &none), DB_NOTFOUND);
    es = NULL;
    n = 1;
    ck_assert_int_eq(db_referral_events(d, TREF_NO_SUCH_ID, &es, &n), DB_OK);
    ck_assert_uint_eq(n, 0);
    ck_assert_ptr_null(es);
    db_close(d);
}
END_TEST

START_TEST(tref_consent_rules)
{
    db *d = tfix_db();
    int64_t staff = tref_actor(d, "tanaka", "田中　一郎");
    int64_t agency = tref_agency(d, "障がい者相談支援センター");
    int64_t person = tref_person(d, "林　健一");

    /* An identified person's details without a consent: refused whole. */
    db_referral r = tref_referral(person, agency, "2026-05-15", "2026-05-01");
    r.shared = "氏名・病状";
    ck_assert_int_eq(tref_insert_try(d, &r), DB_INVALID);
    ck_assert_int_eq(r.id, 0);
    ck_assert_int_eq(tfix_int("SELECT count(*) FROM referral", NULL), 0);
    ck_assert_int_eq(tfix_int("SELECT count(*) FROM referral_event", NULL), 0);
    ck_assert_int_eq(tfix_int("SELECT count(*) FROM audit WHERE entity = 'referral'", NULL), 0);

    /* A referral needs its reason. */
    db_referral no_reason = tref_referral(person, agency, "2026-05-15", "2026-05-01");
    no_reason.reason = "";
    ck_assert_int_eq(tref_insert_try(d, &no_reason), DB_INVALID);
    ck_assert_int_eq(tfix_int("SELECT count(*) FROM referral", NULL), 0);

    /* The same details covered by a consent. */
    int64_t consent = tref_consent(d, person, staff);
    r.consent_id = consent;
    int64_t with_consent = tref_insert(d, &r);
    db_referral got = tref_get(d, with_consent);
    ck_assert_str_eq(got.shared, "氏名・病状");
    ck_assert_int_eq(got.consent_id, consent);
    db_referral_free(&got);

    /* Nothing personal shared: no consent needed. */
    db_referral bare = tref_referral(person, agency, "2026-05-16", "2026-05-01");
    int64_t bare_id = tref_insert(d, &bare);
    got = tref_get(d, bare_id);
    ck_assert_int_eq(got.consent_id, 0);
    ck_assert_str_eq(got.shared, "");
    db_referral_free(&got);

    /* An anonymous caller's words name nobody identified. */
    db_referral anon = tref_referral(0, agency, "2026-05-17", "2026-05-01");
    anon.shared = "匿名の電話：家族の介護の悩み";
    int64_t anon_id = tref_insert(d, &anon);
    got = tref_get(d, anon_id);
    ck_assert_int_eq(got.person_id, 0);
    ck_assert_int_eq(got.consent_id, 0);
    ck_assert_str_eq(got.shared, "匿名の電話：家族の介護の悩み");
    db_referral_free(&got);

    ck_assert_int_eq(tfix_int("SELECT count(*) FROM referral", NULL), 3);
    ck_assert_int_eq(tfix_int("SELECT count(*) FROM referral_event", NULL), 3);
    db_close(d);
}
END_TEST

START_TEST(tref_state_changes)
{
    db *d = tfix_db();
    tref_actor(d, "tanaka", "田中　一郎");
    int64_t agency = tref_agency(d, "地域包括支援センター東");
    db_referral r = tref_referral(0, agency, "2026-05-15", "2026-05-01");
    int64_t id = tref_insert(d, &r);

    /* The agency's worker answers: the events name who acted. */
    int64_t sato = tref_actor(d, "sato", "佐藤　花子");
    tref_move_ok(d, id, 1, "受理", "担当：佐藤");
    tref_assert_state(d, id, "受理", "担当：佐藤", 2);
    tref_move_ok(d, id, 2, "対応中", "");
    tref_assert_state(d, id, "対応中", "", 3);
    tref_move_ok(d, id, 3, "完了", "介護保険申請済み");
    tref_assert_state(d, id, "完了", "介護保険申請済み", 4);

    db_referral_event *es = NULL;
    size_t n = 0;
    ck_assert_int_eq(db_referral_events(d, id, &es, &n), DB_OK);
    static const char *const states[] = { "依頼", "受理", "対応中", "完了" };
    static const char *const notes[] = { "", "担当：佐藤", "", "介護保険申請済み" };
    ck_assert_uint_eq(n, TREF_N(states));
    for (size_t i = 0; i < n; i++) {
        ck_assert_int_eq(es[i].referral_id, id);
        ck_assert_str_eq(es[i].state, states[i]);
        ck_assert_str_eq(es[i].note, notes[i]);
        ck_assert_str_eq(es[i].staff_name, i == 0 ? "田中　一郎" : "佐藤　花子");
        if (i > 0) {
            ck_assert_int_eq(es[i].staff_id, sato);
            ck_assert_int_gt(es[i].id, es[i - 1].id);
            ck_assert_str_ge(es[i].at, es[i - 1].at);
        }
    }
    db_referral_event_list_free(es, n);

    /* A change made from a stale read: refused, nothing moves. */
    ck_assert_int_eq(tref_move_try(d, id, 2, "差戻し", "対象外"), DB_CONFLICT);
    tref_assert_state(d, id, "完了", "介護保険申請済み", 4);
    ck_assert_uint_eq(tref_event_count(d, id), 4);

    /* No such referral. */
    ck_assert_int_eq(tref_move_try(d, TREF_NO_SUCH_ID, 1, "受理", ""), DB_NOTFOUND);
    ck_assert_int_eq(tfix_int("SELECT count(*) FROM referral_event", NULL), 4);

    /* 差戻し needs its reason; a state not in the list is refused. */
    db_referral other = tref_referral(0, agency, "2026-05-20", "2026-05-01");
    int64_t other_id = tref_insert(d, &other);
    ck_assert_int_eq(tref_move_try(d, other_id, 1, "差戻し", ""), DB_INVALID);
    tref_assert_state(d, other_id, "依頼", "", 1);
    ck_assert_uint_eq(tref_event_count(d, other_id), 1);
    ck_assert_int_eq(tref_move_try(d, other_id, 1, "保留", "様子見"), DB_INVALID);
    tref_assert_state(d, other_id, "依頼", "", 1);
    tref_move_ok(d, other_id, 1, "差戻し", "当センターの対象外（65歳未満）");
    tref_assert_state(d, other_id, "差戻し", "当センターの対象外（65歳未満）", 2);
    ck_assert_uint_eq(tref_event_count(d, other_id), 2);
    db_close(d);
}
END_TEST

START_TEST(tref_lists)
{
    db *d = tfix_db();
    tref_actor(d, "tanaka", "田中　一郎");
    int64_t east = tref_agency(d, "地域包括支援センター東");
    int64_t west = tref_agency(d, "地域包括支援センター西");
    db_referral r1 = tref_referral(0, east, "2026-06-10", "2026-05-01");
    db_referral r2 = tref_referral(0, west, "2026-06-01", "2026-05-01");
    db_referral r3 = tref_referral(0, east, "2026-05-20", "2026-05-01");
    db_referral r4 = tref_referral(0, east, "2026-06-10", "2026-05-02");
    db_referral r5 = tref_referral(0, west, "2026-05-25", "2026-05-02");
    int64_t id1 = tref_insert(d, &r1), id2 = tref_insert(d, &r2);
    int64_t id3 = tref_insert(d, &r3), id4 = tref_insert(d, &r4);
    int64_t id5 = tref_insert(d, &r5);
    tref_move_ok(d, id3, 1, "受理", "");
    tref_move_ok(d, id5, 1, "受理", "");

    /* Every referral, the earliest due first; equal dates by id. */
    const int64_t all[] = { id3, id5, id2, id1, id4 };
    tref_assert_list(d, 0, "", 0, all, TREF_N(all));
    tref_assert_list(d, 0, NULL, 0, all, TREF_N(all));
    const int64_t east_all[] = { id3, id1, id4 };
    tref_assert_list(d, east, "", 0, east_all, TREF_N(east_all));
    const int64_t west_all[] = { id5, id2 };
    tref_assert_list(d, west, "", 0, west_all, TREF_N(west_all));
    const int64_t accepted[] = { id3, id5 };
    tref_assert_list(d, 0, "受理", 0, accepted, TREF_N(accepted));
    const int64_t east_asked[] = { id1, id4 };
    tref_assert_list(d, east, "依頼", 0, east_asked, TREF_N(east_asked));
    const int64_t west_asked[] = { id2 };
    tref_assert_list(d, west, "依頼", 0, west_asked, TREF_N(west_asked));
    tref_assert_list(d, west, "完了", 0, NULL, 0);

    /* At most limit, the earliest due kept. */
    tref_assert_list(d, 0, "", 2, all, 2);
    tref_assert_list(d, east, "依頼", 1, east_asked, 1);
    tref_assert_list(d, 0, "受理", 1, accepted, 1);
    tref_assert_list(d, west, "", 1, west_all, 1);
    tref_assert_list(d, 0, "", TREF_N(all) + 1, all, TREF_N(all));

    /* Listed rows carry their names and state. */
    db_referral *rs = NULL;
    size_t n = 0;
    ck_assert_int_eq(db_referral_list(d, west, "受理", 0, &rs, &n), DB_OK);
    ck_assert_uint_eq(n, 1);
    ck_assert_str_eq(rs[0].agency_name, "地域包括支援センター西");
    ck_assert_str_eq(rs[0].sent_by_name, "田中　一郎");
    ck_assert_str_eq(rs[0].state, "受理");
    ck_assert_str_eq(rs[0].due_on, "2026-05-25");
    ck_assert_int_eq(rs[0].version, 2);
    db_referral_list_free(rs, n);
    db_close(d);
}
END_TEST

START_TEST(tref_by_person)
{
    db *d = tfix_db();
    tref_actor(d, "tanaka", "田中　一郎");
    int64_t agency = tref_agency(d, "地域包括支援センター東");
    int64_t hayashi = tref_person(d, "林　健一");
    int64_t mori = tref_person(d, "森　さくら");
    int64_t nobody = tref_person(d, "山田　太郎");
    db_referral a = tref_referral(hayashi, agency, "2026-04-15", "2026-04-01");
    db_referral b = tref_referral(hayashi, agency, "2026-05-20", "2026-05-10");
    db_referral c = tref_referral(hayashi, agency, "2026-05-20", "2026-05-10");
    db_referral m = tref_referral(mori, agency, "2026-05-01", "2026-04-25");
    db_referral e = tref_referral(hayashi, agency, "2026-05-01", "2026-04-20");
    db_referral anon = tref_referral(0, agency, "2026-05-01", "2026-06-01");
    int64_t ida = tref_insert(d, &a), idb = tref_insert(d, &b);
    int64_t idc = tref_insert(d, &c), idm = tref_insert(d, &m);
    int64_t ide = tref_insert(d, &e);
    tref_insert(d, &anon);

    /* The latest sent first; the same day, the later one first. */
    db_referral *rs = NULL;
    size_t n = 0;
    ck_assert_int_eq(db_referral_by_person(d, hayashi, &rs, &n), DB_OK);
    const int64_t hayashi_ids[] = { idc, idb, ide, ida };
    tref_assert_ids(rs, n, hayashi_ids, TREF_N(hayashi_ids));
    for (size_t i = 0; i < n; i++) {
        ck_assert_int_eq(rs[i].person_id, hayashi);
        ck_assert_str_eq(rs[i].person_name, "林　健一");
    }
    db_referral_list_free(rs, n);

    ck_assert_int_eq(db_referral_by_person(d, mori, &rs, &n), DB_OK);
    const int64_t mori_ids[] = { idm };
    tref_assert_ids(rs, n, mori_ids, TREF_N(mori_ids));
    ck_assert_str_eq(rs[0].person_name, "森　さくら");
    db_referral_list_free(rs, n);

    ck_assert_int_eq(db_referral_by_person(d, nobody, &rs, &n), DB_OK);
    ck_assert_uint_eq(n, 0);
    ck_assert_ptr_null(rs);
    db_close(d);
}
END_TEST

START_TEST(tref_audit)
{
    db *d = tfix_db();
    int64_t staff = tref_actor(d, "tanaka", "田中　一郎");
    int64_t agency = tref_agency(d, "地域包括支援センター東");
    int64_t person = tref_person(d, "林　健一");
    int64_t consent = tref_consent(d, person, staff);
    static const char reason[] = "林トミ子さんの介護負担";
    static const char shared[] = "林　健一 090-1234-5678 ひきこもり";
    static const char note[] = "林トミ子さんは他市に住所";
    db_referral r = tref_referral(person, agency, "2026-05-15", "2026-05-01");
    r.reason = (char *)reason;
    r.shared = (char *)shared;
    r.consent_id = consent;
    int64_t id = tref_insert(d, &r);
    tref_move_ok(d, id, 1, "差戻し", note);

    /* One row per change, by the actor, naming the state only. */
    int64_t count = -1;
    ck_assert_int_eq(db_audit_count(d, "create", "referral", id, &count), DB_OK);
    ck_assert_int_eq(count, 1);
    ck_assert_int_eq(db_audit_count(d, "state", "referral", id, &count), DB_OK);
    ck_assert_int_eq(count, 1);
    char *details = tfix_text(
        "SELECT group_concat(action || ':' || detail, ',') FROM"
        " (SELECT action, detail FROM audit WHERE entity = 'referral' ORDER BY id)");
    ck_assert_str_eq(details, "create:依頼,state:差戻し");
    free(details);
    char sql[160];
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM audit WHERE entity = 'referral' AND entity_id = %" PRId64
             " AND staff_id = %" PRId64 " AND login = 'tanaka'", id, staff);
    ck_assert_int_eq(tfix_int(sql, NULL), 2);

    /* None of the free texts, nor a piece of them, anywhere in the audit. */
    static const char *const words[] = { reason, shared, note, "林", "090", "他市" };
    for (size_t i = 0; i < TREF_N(words); i++)
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
        { "round trip", { tref_insert_get_round_trip, NULL } },
        { "consent", { tref_consent_rules, NULL } },
        { "state", { tref_state_changes, NULL } },
        { "lists", { tref_lists, NULL } },
        { "by person", { tref_by_person, NULL } },
        { "audit", { tref_audit, NULL } },
    };
    return tfix_run("referral", groups, sizeof groups / sizeof groups[0], tref_setup);
}
