/* check_resource.c - unit tests of participation support (参加支援) in the
 * storage layer (db_resource_*, db_matching_* in include/db.h): the
 * registry of resources and its search, matchings with their events, and
 * the needs no resource meets, on real SQLite files, one fresh temporary
 * directory per test. */
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
#define TRE_NO_SUCH_ID 9999
/* More rows than any test makes: a list that is not cut short. */
#define TRE_ALL 100
#define TRE_N(a) (sizeof (a) / sizeof (a)[0])
/* Room for the SQL the tests build. */
#define TRE_SQL_MAX 512

/* Make the test's own folder. */
static void tre_setup(void)
{
    tfix_setup("check_resource");
}

/* ---- the rows matchings point at -------------------------------------- */

/* Register a staff member and make them the one acting; returns the id. */
static int64_t tre_actor(db *d, const char *login, const char *name)
{
    int64_t id = tfix_staff(d, login, name);
    db_set_actor(d, id);
    return id;
}

/* An integer of one stored row (table and column are trusted SQL). */
static int64_t tre_stored(const char *table, const char *column, int64_t id)
{
    char sql[TRE_SQL_MAX];
    snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE id = %" PRId64, column, table, id);
    return tfix_int(sql, NULL);
}

/* ---- the functions under test, each in a transaction of its own ------ */

/* db_write body: insert the resource given. */
static db_status tre_insert_tx(db *d, void *arg)
{
    return db_resource_insert(d, arg);
}

/* db_write body: save the resource given. */
static db_status tre_update_tx(db *d, void *arg)
{
    return db_resource_update(d, arg);
}

/* A matching to insert, with the day and note of its first event. */
struct tre_match_ins {
    db_matching *m;
    const char *done_on, *note;
};

/* db_write body: insert the matching given. */
static db_status tre_match_insert_tx(db *d, void *arg)
{
    struct tre_match_ins *in = arg;
    return db_matching_insert(d, in->m, in->done_on, in->note);
}

/* A matching to save, and the event to add. */
struct tre_match_upd {
    db_matching *m;
    db_matching_event *e;
};

/* db_write body: save the matching given with its event. */
static db_status tre_match_update_tx(db *d, void *arg)
{
    struct tre_match_upd *up = arg;
    return db_matching_update(d, up->m, up->e);
}

/* db_write body: record the need given. */
static db_status tre_need_insert_tx(db *d, void *arg)
{
    return db_resource_need_insert(d, arg);
}

/* A need to mark met, at the version it was read. */
struct tre_need_met {
    int64_t id, version, resource_id;
};

/* db_write body: mark the need given met. */
static db_status tre_need_met_tx(db *d, void *arg)
{
    struct tre_need_met *nm = arg;
    return db_resource_need_met(d, nm->id, nm->version, nm->resource_id);
}

/* A resource with the fields the tests vary; the rest empty, active. */
static db_resource tre_resource(const char *name, const char *kind)
{
    db_resource r;
    memset(&r, 0, sizeof r);
    r.name = (char *)name;
    r.kind = (char *)kind;
    r.active = true;
    return r;
}

/* Insert an active resource, asserting success; returns its id. */
static int64_t tre_add(db *d, const char *name, const char *kind)
{
    db_resource r = tre_resource(name, kind);
    db_status st = db_write(d, tre_insert_tx, &r);
    ck_assert_msg(st == DB_OK, "resource %s: %d %s", name, st, db_errmsg(d));
    ck_assert_int_gt(r.id, 0);
    ck_assert_int_eq(r.version, 1);
    return r.id;
}

/* Read a resource, asserting success; the caller frees it. */
static db_resource tre_get(db *d, int64_t id)
{
    db_resource r;
    db_status st = db_resource_get(d, id, &r);
    ck_assert_msg(st == DB_OK, "resource get %" PRId64 ": %d %s", id, st, db_errmsg(d));
    return r;
}

/* A matching of a person to a resource in a state ("" the first). */
static db_matching tre_matching(int64_t person_id, int64_t resource_id, const char *state)
{
    db_matching m;
    memset(&m, 0, sizeof m);
    m.person_id = person_id;
    m.resource_id = resource_id;
    m.state = (char *)state;
    return m;
}

/* Insert a matching in a state with its next follow-up ("" none),
 * asserting success; returns its id. */
static int64_t tre_match(db *d, int64_t person_id, int64_t resource_id, const char *state,
                         const char *next_follow_on)
{
    db_matching m = tre_matching(person_id, resource_id, state);
    m.next_follow_on = (char *)next_follow_on;
    if (strcmp(state, "終了") == 0 || strcmp(state, "中止") == 0)
        m.end_reason = "本人の希望";
    struct tre_match_ins in = { &m, "2026-05-01", "" };
    db_status st = db_write(d, tre_match_insert_tx, &in);
    ck_assert_msg(st == DB_OK, "matching %s: %d %s", state, st, db_errmsg(d));
    ck_assert_int_gt(m.id, 0);
    ck_assert_int_eq(m.version, 1);
    return m.id;
}

/* Read a matching, asserting success; the caller frees it. */
static db_matching tre_match_get(db *d, int64_t id)
{
    db_matching m;
    db_status st = db_matching_get(d, id, &m);
    ck_assert_msg(st == DB_OK, "matching get %" PRId64 ": %d %s", id, st, db_errmsg(d));
    return m;
}

/* An event to add with a matching's update. */
static db_matching_event tre_event(const char *kind, const char *done_on,
                                   const char *with_whom, const char *state,
                                   const char *note)
{
    db_matching_event e;
    memset(&e, 0, sizeof e);
    e.kind = (char *)kind;
    e.done_on = (char *)done_on;
    e.with_whom = (char *)with_whom;
    e.state = (char *)state;
    e.note = (char *)note;
    return e;
}

/* Save a matching with an event; returns the status. */
static db_status tre_match_save(db *d, db_matching *m, db_matching_event *e)
{
    struct tre_match_upd up = { m, e };
    return db_write(d, tre_match_update_tx, &up);
}

/* Record a need of a kind noted on a day, asserting success; returns its
 * id. */
static int64_t tre_need(db *d, const char *need, const char *kind, const char *noted_on)
{
    db_resource_need n;
    memset(&n, 0, sizeof n);
    n.need = (char *)need;
    n.kind = (char *)kind;
    n.noted_on = (char *)noted_on;
    db_status st = db_write(d, tre_need_insert_tx, &n);
    ck_assert_msg(st == DB_OK, "need %s: %d %s", need, st, db_errmsg(d));
    ck_assert_int_gt(n.id, 0);
    ck_assert_int_eq(n.version, 1);
    ck_assert_int_eq(n.staff_id, db_actor(d));
    return n.id;
}

/* Mark a need met at a version; returns the status. */
static db_status tre_met(db *d, int64_t id, int64_t version, int64_t resource_id)
{
    struct tre_need_met nm = { id, version, resource_id };
    return db_write(d, tre_need_met_tx, &nm);
}

/* Assert that db_resource_search(kind, words, limit) is exactly these
 * resources, in this order. */
static void tre_assert_search(db *d, const char *kind, const char *words, size_t limit,
                              const int64_t *ids, size_t n_ids)
{
    db_resource *rs = NULL;
    size_t n = 0;
    db_status st = db_resource_search(d, kind, words, limit, &rs, &n);
    ck_assert_msg(st == DB_OK, "search \"%s\": %d %s", words, st, db_errmsg(d));
    ck_assert_msg(n == n_ids, "search \"%s\" in \"%s\": %zu found, expected %zu", words,
                  kind, n, n_ids);
    for (size_t i = 0; i < n; i++)
        ck_assert_msg(rs[i].id == ids[i], "search \"%s\" row %zu: %" PRId64 ", expected %"
                      PRId64, words, i, rs[i].id, ids[i]);
    db_resource_list_free(rs, n);
}

/* Assert that a list of matchings is exactly these, in this order. */
static void tre_assert_matchings(db_matching *ms, size_t n, const int64_t *ids,
                                 size_t n_ids)
{
    ck_assert_uint_eq(n, n_ids);
    for (size_t i = 0; i < n; i++)
        ck_assert_msg(ms[i].id == ids[i], "matching %zu: %" PRId64 ", expected %" PRId64,
                      i, ms[i].id, ids[i]);
    db_matching_list_free(ms, n);
}

/* Assert that db_matching_due(on, limit) is exactly these matchings. */
static void tre_assert_due(db *d, const char *on, size_t limit, const int64_t *ids,
                           size_t n_ids)
{
    db_matching *ms = NULL;
    size_t n = 0;
    ck_assert_int_eq(db_matching_due(d, on, limit, &ms, &n), DB_OK);
    tre_assert_matchings(ms, n, ids, n_ids);
}

/* Assert that db_resource_needs(open_only, limit) is exactly these. */
static void tre_assert_needs(db *d, bool open_only, size_t limit, const int64_t *ids,
                             size_t n_ids)
{
    db_resource_need *ns = NULL;
    size_t n = 0;
    ck_assert_int_eq(db_resource_needs(d, open_only, limit, &ns, &n), DB_OK);
    ck_assert_uint_eq(n, n_ids);
    for (size_t i = 0; i < n; i++)
        ck_assert_msg(ns[i].id == ids[i], "need %zu: %" PRId64 ", expected %" PRId64, i,
                      ns[i].id, ids[i]);
    db_resource_need_list_free(ns, n);
}

/* Run SQL on the test's file with the raw API; returns SQLite's code and
 * copies its message (the file's triggers speak through it). */
static int tre_raw_exec(const char *sql, char *msg, size_t n)
{
    sqlite3 *h = tfix_raw(tfix_path("t.db"));
    char *err = NULL;
    int rc = sqlite3_exec(h, sql, NULL, NULL, &err);
    snprintf(msg, n, "%s", err ? err : "");
    sqlite3_free(err);
    sqlite3_close(h);
    return rc;
}

/* ---- 1. resources ----------------------------------------------------- */

START_TEST(tre_round_trip)
{
    db *d = tfix_db();
    tre_actor(d, "tanaka", "田中　一郎");

    db_resource r = tre_resource("みどり農園", "就労体験");
    r.contact = "緑町1-2 担当 佐藤 090-1111-2222";
    r.conditions = "平日午前、交通費支給";
    r.capacity = 3;
    r.notes = "初日は職員が同行";
    ck_assert_int_eq(db_write(d, tre_insert_tx, &r), DB_OK);
    ck_assert_int_gt(r.id, 0);
    ck_assert_int_eq(r.version, 1);

    db_resource g = tre_get(d, r.id);
    ck_assert_int_eq(g.id, r.id);
    ck_assert_str_eq(g.name, "みどり農園");
    ck_assert_str_eq(g.kind, "就労体験");
    ck_assert_str_eq(g.contact, "緑町1-2 担当 佐藤 090-1111-2222");
    ck_assert_str_eq(g.conditions, "平日午前、交通費支給");
    ck_assert_int_eq(g.capacity, 3);
    ck_assert_str_eq(g.notes, "初日は職員が同行");
    ck_assert(g.active);
    ck_assert_int_eq(g.n_active, 0);
    ck_assert_int_eq(g.version, 1);
    db_resource_free(&g);
    /* The free leaves the row empty, so that a second free is harmless. */
    ck_assert_ptr_null(g.name);
    db_resource_free(&g);

    /* The key holds every text, in search-key form (hiragana folded to
     * katakana, spaces and phone dashes dropped). */
    char *key = tfix_text("SELECT search_key FROM resource");
    ck_assert_msg(strstr(key, "ミドリ農園就労体験") != NULL, "key: %s", key);
    ck_assert_msg(strstr(key, "交通費支給") != NULL, "key: %s", key);
    ck_assert_msg(strstr(key, "09011112222") != NULL, "key: %s", key);
    ck_assert_msg(strstr(key, "職員ガ同行") != NULL, "key: %s", key);
    free(key);

    /* Registered inactive, it reads so. */
    db_resource off = tre_resource("旧公民館", "居場所");
    off.active = false;
    ck_assert_int_eq(db_write(d, tre_insert_tx, &off), DB_OK);
    g = tre_get(d, off.id);
    ck_assert(!g.active);
    ck_assert_str_eq(g.contact, "");
    ck_assert_int_eq(g.capacity, 0);
    db_resource_free(&g);

    ck_assert_int_eq(db_resource_get(d, TRE_NO_SUCH_ID, &g), DB_NOTFOUND);
    ck_assert_ptr_null(g.name);
    db_close(d);
}
END_TEST

START_TEST(tre_checks)
{
    db *d = tfix_db();
    tre_actor(d, "tanaka", "田中　一郎");

    /* A kind off the list, no name, a negative capacity. */
    db_resource r = tre_resource("こども食堂", "食堂");
    ck_assert_int_eq(db_write(d, tre_insert_tx, &r), DB_INVALID);
    r = tre_resource("", "居場所");
    ck_assert_int_eq(db_write(d, tre_insert_tx, &r), DB_INVALID);
    r = tre_resource("こども食堂", "居場所");
    r.capacity = -1;
    ck_assert_int_eq(db_write(d, tre_insert_tx, &r), DB_INVALID);
    ck_assert_int_eq(tfix_int("SELECT count(*) FROM resource", NULL), 0);

    /* Each kind on the list is taken. */
    static const char *const kinds[] = {
        "就労体験", "ボランティア", "居場所", "学習支援", "住まい", "企業", "その他",
    };
    for (size_t i = 0; i < TRE_N(kinds); i++)
        tre_add(d, "どこか", kinds[i]);
    ck_assert_int_eq(tfix_int("SELECT count(*) FROM resource", NULL), TRE_N(kinds));

    /* An update to a kind off the list is refused too, and changes
     * nothing. */
    int64_t id = tre_add(d, "こども食堂", "居場所");
    db_resource g = tre_get(d, id);
    char *keep = g.kind;
    g.kind = "食堂";
    ck_assert_int_eq(db_write(d, tre_update_tx, &g), DB_INVALID);
    g.kind = keep;
    ck_assert_int_eq(g.version, 1);
    db_resource_free(&g);
    ck_assert_int_eq(tre_stored("resource", "version", id), 1);
    db_close(d);
}
END_TEST

START_TEST(tre_update_versions)
{
    db *d = tfix_db();
    tre_actor(d, "tanaka", "田中　一郎");
    int64_t id = tre_add(d, "みどり農園", "就労体験");

    db_resource a = tre_get(d, id);
    db_resource b = tre_get(d, id);
    char *keep = a.notes;
    a.notes = "長靴持参";
    a.capacity = 2;
    ck_assert_int_eq(db_write(d, tre_update_tx, &a), DB_OK);
    a.notes = keep;
    ck_assert_int_eq(a.version, 2);

    /* The other terminal read it at version 1. */
    keep = b.conditions;
    b.conditions = "土日のみ";
    ck_assert_int_eq(db_write(d, tre_update_tx, &b), DB_CONFLICT);
    b.conditions = keep;
    ck_assert_int_eq(b.version, 1);

    db_resource g = tre_get(d, id);
    ck_assert_str_eq(g.notes, "長靴持参");
    ck_assert_str_eq(g.conditions, "");
    ck_assert_int_eq(g.capacity, 2);
    ck_assert_int_eq(g.version, 2);
    db_resource_free(&g);

    /* The key is made again: the new note is found, and set inactive the
     * resource leaves the search. */
    const int64_t found[] = { id };
    tre_assert_search(d, "", "長靴", TRE_ALL, found, 1);
    a.active = false;
    ck_assert_int_eq(db_write(d, tre_update_tx, &a), DB_OK);
    ck_assert_int_eq(a.version, 3);
    tre_assert_search(d, "", "長靴", TRE_ALL, NULL, 0);

    db_resource_free(&a);
    a = tre_resource("どこにもない", "その他");
    a.id = TRE_NO_SUCH_ID;
    a.version = 1;
    ck_assert_int_eq(db_write(d, tre_update_tx, &a), DB_NOTFOUND);
    db_resource_free(&b);
    db_close(d);
}
END_TEST

/* ---- 2. search -------------------------------------------------------- */

START_TEST(tre_search_words)
{
    db *d = tfix_db();
    tre_actor(d, "tanaka", "田中　一郎");
    int64_t hello = tre_add(d, "ハローワーク緑", "企業");
    db_resource r = tre_resource("カフェ・ひだまり", "居場所");
    r.conditions = "午後のみ、ＰＣ作業あり";
    ck_assert_int_eq(db_write(d, tre_insert_tx, &r), DB_OK);
    int64_t cafe = r.id;
    r = tre_resource("学習塾あおば", "学習支援");
    r.notes = "PC教室あり、午前";
    ck_assert_int_eq(db_write(d, tre_insert_tx, &r), DB_OK);
    int64_t juku = r.id;

    const int64_t only_hello[] = { hello };
    /* Hiragana, katakana and half-width kana are one key. */
    tre_assert_search(d, "", "はろーわーく", TRE_ALL, only_hello, 1);
    tre_assert_search(d, "", "ハローワーク", TRE_ALL, only_hello, 1);
    tre_assert_search(d, "", "ﾊﾛｰ", TRE_ALL, only_hello, 1);
    /* So are full- and half-width letters, in either case; by kind, 学
     * (E5 AD A6) before 居 (E5 B1 85). */
    const int64_t pc[] = { juku, cafe };
    tre_assert_search(d, "", "pc", TRE_ALL, pc, 2);
    tre_assert_search(d, "", "ＰＣ", TRE_ALL, pc, 2);
    /* Stored hiragana found by katakana. */
    const int64_t only_cafe[] = { cafe };
    tre_assert_search(d, "", "ヒダマリ", TRE_ALL, only_cafe, 1);

    /* Both words are needed, split at either width of space. */
    tre_assert_search(d, "", "PC 午後", TRE_ALL, only_cafe, 1);
    tre_assert_search(d, "", "午後　ｐｃ", TRE_ALL, only_cafe, 1);
    const int64_t only_juku[] = { juku };
    tre_assert_search(d, "", "  ｐｃ　　午前 ", TRE_ALL, only_juku, 1);
    tre_assert_search(d, "", "午後 午前", TRE_ALL, NULL, 0);
    tre_assert_search(d, "", "ハロー 午前", TRE_ALL, NULL, 0);
    /* The kind is a text to search too. */
    tre_assert_search(d, "", "学習支援", TRE_ALL, only_juku, 1);

    /* Too many words are refused, not half applied. */
    db_resource *rs = NULL;
    size_t n = 0;
    ck_assert_int_eq(db_resource_search(d, "", "a b c d e f g h i", TRE_ALL, &rs, &n),
                     DB_INVALID);
    ck_assert_ptr_null(rs);
    ck_assert_uint_eq(n, 0);
    db_close(d);
}
END_TEST

START_TEST(tre_search_kind_order_limit)
{
    db *d = tfix_db();
    tre_actor(d, "tanaka", "田中　一郎");
    /* Made out of order: the search gives kind, then name, then id. */
    int64_t b2 = tre_add(d, "Bの場", "居場所");
    int64_t a1 = tre_add(d, "Aの農園", "就労体験");
    int64_t a2 = tre_add(d, "Aの場", "居場所");
    int64_t b1 = tre_add(d, "Bの農園", "就労体験");
    int64_t b2bis = tre_add(d, "Bの場", "居場所");
    db_resource off = tre_resource("Cの場", "居場所");
    off.active = false;
    ck_assert_int_eq(db_write(d, tre_insert_tx, &off), DB_OK);
    /* Kinds sort as SQLite compares text, by UTF-8 bytes: 就 (E5 B0 B1)
     * before 居 (E5 B1 85). */
    const int64_t ibasho[] = { a2, b2, b2bis };
    const int64_t shuro[] = { a1, b1 };
    const int64_t all[] = { a1, b1, a2, b2, b2bis };
    tre_assert_search(d, "居場所", "", TRE_ALL, ibasho, TRE_N(ibasho));
    tre_assert_search(d, "就労体験", "", TRE_ALL, shuro, TRE_N(shuro));
    tre_assert_search(d, "居場所", "b", TRE_ALL, ibasho + 1, 2);
    tre_assert_search(d, "企業", "", TRE_ALL, NULL, 0);
    tre_assert_search(d, "", "", TRE_ALL, all, TRE_N(all));
    tre_assert_search(d, NULL, NULL, TRE_ALL, all, TRE_N(all));
    /* The inactive one is hidden, even asked for by name. */
    tre_assert_search(d, "", "Cの場", TRE_ALL, NULL, 0);

    /* At most limit, the first of the order. */
    tre_assert_search(d, "", "", 2, all, 2);
    tre_assert_search(d, "居場所", "", 1, ibasho, 1);
    tre_assert_search(d, "", "", 0, NULL, 0);
    db_close(d);
}
END_TEST

START_TEST(tre_n_active)
{
    db *d = tfix_db();
    tre_actor(d, "tanaka", "田中　一郎");
    int64_t p = tfix_person(d, "山本　太郎", "ヤマモト　タロウ");
    int64_t farm = tre_add(d, "みどり農園", "就労体験");
    int64_t cafe = tre_add(d, "カフェ・ひだまり", "居場所");

    /* Open: 調整中, 開始, 定着; the ended ones take no place. */
    tre_match(d, p, farm, "", "");
    tre_match(d, p, farm, "開始", "");
    tre_match(d, p, farm, "定着", "");
    tre_match(d, p, farm, "終了", "");
    tre_match(d, p, farm, "中止", "");
    tre_match(d, p, cafe, "中止", "");

    db_resource g = tre_get(d, farm);
    ck_assert_int_eq(g.n_active, 3);
    db_resource_free(&g);
    g = tre_get(d, cafe);
    ck_assert_int_eq(g.n_active, 0);
    db_resource_free(&g);

    /* The search counts them the same way. */
    db_resource *rs = NULL;
    size_t n = 0;
    ck_assert_int_eq(db_resource_search(d, "就労体験", "", TRE_ALL, &rs, &n), DB_OK);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(rs[0].n_active, 3);
    db_resource_list_free(rs, n);

    /* Ending one frees its place. */
    db_matching *ms = NULL;
    ck_assert_int_eq(db_matching_by_resource(d, farm, &ms, &n), DB_OK);
    ck_assert_uint_eq(n, 5);
    db_matching m = tre_match_get(d, ms[3].id);  /* the latest first: 開始 */
    db_matching_list_free(ms, n);
    ck_assert_str_eq(m.state, "開始");
    char *keep_state = m.state, *keep_reason = m.end_reason;
    m.state = "終了";
    m.end_reason = "就職が決まった";
    db_matching_event e = tre_event("状態", "2026-06-01", "本人", "終了", "");
    ck_assert_int_eq(tre_match_save(d, &m, &e), DB_OK);
    m.state = keep_state;
    m.end_reason = keep_reason;
    db_matching_free(&m);
    g = tre_get(d, farm);
    ck_assert_int_eq(g.n_active, 2);
    db_resource_free(&g);
    db_close(d);
}
END_TEST

/* ---- 3. matchings ----------------------------------------------------- */

START_TEST(tma_insert)
{
    db *d = tfix_db();
    int64_t s1 = tre_actor(d, "tanaka", "田中　一郎");
    int64_t p = tfix_person(d, "山本　太郎", "ヤマモト　タロウ");
    int64_t c = tfix_case(d, p, "参加支援", "支援中", "2026-04-01");
    int64_t plan = tfix_plan(d, c, 0, "案", "", "");
    int64_t farm = tre_add(d, "みどり農園", "就労体験");

    db_matching m = tre_matching(p, farm, "");
    m.case_id = c;
    m.plan_id = plan;
    m.next_follow_on = "2026-05-08";
    struct tre_match_ins in = { &m, "2026-05-01", "見学の日を調整" };
    ck_assert_int_eq(db_write(d, tre_match_insert_tx, &in), DB_OK);
    ck_assert_int_gt(m.id, 0);
    ck_assert_int_eq(m.version, 1);
    ck_assert_int_eq(m.staff_id, s1);

    db_matching g = tre_match_get(d, m.id);
    ck_assert_int_eq(g.person_id, p);
    ck_assert_str_eq(g.person_name, "山本　太郎");
    ck_assert_int_eq(g.case_id, c);
    ck_assert_int_eq(g.plan_id, plan);
    ck_assert_int_eq(g.resource_id, farm);
    ck_assert_str_eq(g.resource_name, "みどり農園");
    /* Given no state, it starts at 調整中. */
    ck_assert_str_eq(g.state, "調整中");
    ck_assert_str_eq(g.started_on, "");
    ck_assert_str_eq(g.ended_on, "");
    ck_assert_str_eq(g.end_reason, "");
    ck_assert_str_eq(g.next_follow_on, "2026-05-08");
    ck_assert_int_eq(g.staff_id, s1);
    ck_assert_int_eq(g.version, 1);
    db_matching_free(&g);
    ck_assert_ptr_null(g.state);

    /* Its first event is the state it started in. */
    db_matching_event *es = NULL;
    size_t n = 0;
    ck_assert_int_eq(db_matching_events(d, m.id, &es, &n), DB_OK);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(es[0].matching_id, m.id);
    ck_assert_str_eq(es[0].kind, "状態");
    ck_assert_str_eq(es[0].state, "調整中");
    ck_assert_str_eq(es[0].done_on, "2026-05-01");
    ck_assert_str_eq(es[0].note, "見学の日を調整");
    ck_assert_str_eq(es[0].with_whom, "");
    ck_assert_int_eq(es[0].staff_id, s1);
    ck_assert_str_eq(es[0].staff_name, "田中　一郎");
    ck_assert_int_ne(strlen(es[0].at), 0);
    db_matching_event_list_free(es, n);

    /* Given a state, that one; no case nor plan is stored as NULL. */
    db_matching m2 = tre_matching(p, farm, "開始");
    m2.started_on = "2026-05-10";
    in = (struct tre_match_ins){ &m2, "2026-05-10", "" };
    ck_assert_int_eq(db_write(d, tre_match_insert_tx, &in), DB_OK);
    g = tre_match_get(d, m2.id);
    ck_assert_str_eq(g.state, "開始");
    ck_assert_str_eq(g.started_on, "2026-05-10");
    ck_assert_int_eq(g.case_id, 0);
    ck_assert_int_eq(g.plan_id, 0);
    db_matching_free(&g);
    ck_assert_int_eq(tre_stored("matching", "case_id IS NULL AND plan_id IS NULL", m2.id),
                     1);
    ck_assert_int_eq(db_matching_events(d, m2.id, &es, &n), DB_OK);
    ck_assert_uint_eq(n, 1);
    ck_assert_str_eq(es[0].state, "開始");
    db_matching_event_list_free(es, n);

    /* Ended from the start, it needs a reason; refused, no event stays. */
    db_matching bad = tre_matching(p, farm, "中止");
    in = (struct tre_match_ins){ &bad, "2026-05-10", "" };
    ck_assert_int_eq(db_write(d, tre_match_insert_tx, &in), DB_INVALID);
    /* A person or resource that is not there, or no actor, is refused. */
    bad = tre_matching(TRE_NO_SUCH_ID, farm, "");
    ck_assert_int_ne(db_write(d, tre_match_insert_tx, &in), DB_OK);
    bad = tre_matching(p, TRE_NO_SUCH_ID, "");
    ck_assert_int_ne(db_write(d, tre_match_insert_tx, &in), DB_OK);
    bad = tre_matching(p, farm, "");
    db_set_actor(d, 0);
    ck_assert_int_ne(db_write(d, tre_match_insert_tx, &in), DB_OK);
    ck_assert_int_eq(tfix_int("SELECT count(*) FROM matching", NULL), 2);
    ck_assert_int_eq(tfix_int("SELECT count(*) FROM matching_event", NULL), 2);

    ck_assert_int_eq(db_matching_get(d, TRE_NO_SUCH_ID, &g), DB_NOTFOUND);
    ck_assert_ptr_null(g.state);
    db_close(d);
}
END_TEST

START_TEST(tma_update_events)
{
    db *d = tfix_db();
    int64_t s1 = tre_actor(d, "tanaka", "田中　一郎");
    int64_t s2 = tfix_staff(d, "suzuki", "鈴木　花子");
    int64_t p = tfix_person(d, "山本　太郎", "ヤマモト　タロウ");
    int64_t farm = tre_add(d, "みどり農園", "就労体験");
    int64_t id = tre_match(d, p, farm, "", "2026-05-08");

    /* It starts. */
    db_matching m = tre_match_get(d, id);
    db_matching_event e = tre_event("状態", "2026-05-10", "両方", "開始", "初日、同行");
    char *keep_state = m.state, *keep_started = m.started_on;
    m.state = "開始";
    m.started_on = "2026-05-10";
    ck_assert_int_eq(tre_match_save(d, &m, &e), DB_OK);
    m.state = keep_state;
    m.started_on = keep_started;
    ck_assert_int_eq(m.version, 2);
    ck_assert_int_gt(e.id, 0);
    ck_assert_int_eq(e.matching_id, id);
    ck_assert_int_eq(e.staff_id, s1);
    db_matching_free(&m);

    /* Another staff member follows it up and plans the next. */
    db_set_actor(d, s2);
    m = tre_match_get(d, id);
    ck_assert_int_eq(m.version, 2);
    e = tre_event("フォロー", "2026-05-20", "受け入れ先", "", "休まず来ている");
    char *keep_next = m.next_follow_on;
    m.next_follow_on = "2026-06-20";
    ck_assert_int_eq(tre_match_save(d, &m, &e), DB_OK);
    m.next_follow_on = keep_next;
    ck_assert_int_eq(e.staff_id, s2);
    ck_assert_int_eq(m.version, 3);

    /* A stale copy is refused, and adds no event. */
    m.version = 2;
    e = tre_event("フォロー", "2026-05-21", "本人", "", "");
    ck_assert_int_eq(tre_match_save(d, &m, &e), DB_CONFLICT);
    ck_assert_int_eq(m.version, 2);
    db_matching_free(&m);

    /* 終了 and 中止 need their reason; refused, nothing changes. */
    m = tre_match_get(d, id);
    keep_state = m.state;
    m.state = "終了";
    e = tre_event("状態", "2026-06-01", "本人", "終了", "");
    ck_assert_int_eq(tre_match_save(d, &m, &e), DB_INVALID);
    m.state = "中止";
    ck_assert_int_eq(tre_match_save(d, &m, &e), DB_INVALID);
    ck_assert_int_eq(m.version, 3);
    /* An event of a kind off the list undoes the update with it. */
    m.state = "定着";
    e = tre_event("電話", "2026-06-01", "本人", "定着", "");
    ck_assert_int_eq(tre_match_save(d, &m, &e), DB_INVALID);
    ck_assert_int_eq(tre_stored("matching", "version", id), 3);
    ck_assert_int_eq(tre_stored("matching", "state = '開始'", id), 1);

    /* With a reason it ends. */
    char *keep_reason = m.end_reason, *keep_ended = m.ended_on;
    m.state = "終了";
    m.end_reason = "一般就労へ";
    m.ended_on = "2026-06-30";
    e = tre_event("状態", "2026-06-30", "両方", "終了", "");
    ck_assert_int_eq(tre_match_save(d, &m, &e), DB_OK);
    m.state = keep_state;
    m.end_reason = keep_reason;
    m.ended_on = keep_ended;
    ck_assert_int_eq(m.version, 4);
    db_matching_free(&m);

    m = tre_match_get(d, id);
    ck_assert_str_eq(m.state, "終了");
    ck_assert_str_eq(m.started_on, "2026-05-10");
    ck_assert_str_eq(m.ended_on, "2026-06-30");
    ck_assert_str_eq(m.end_reason, "一般就労へ");
    ck_assert_str_eq(m.next_follow_on, "2026-06-20");
    /* Made by the first staff member, whoever saved it since. */
    ck_assert_int_eq(m.staff_id, s1);
    db_matching_free(&m);

    /* The events, in the order they were added. */
    db_matching_event *es = NULL;
    size_t n = 0;
    ck_assert_int_eq(db_matching_events(d, id, &es, &n), DB_OK);
    ck_assert_uint_eq(n, 4);
    static const char *const kinds[] = { "状態", "状態", "フォロー", "状態" };
    static const char *const states[] = { "調整中", "開始", "", "終了" };
    static const char *const done[] = {
        "2026-05-01", "2026-05-10", "2026-05-20", "2026-06-30",
    };
    for (size_t i = 0; i < n; i++) {
        ck_assert_str_eq(es[i].kind, kinds[i]);
        ck_assert_str_eq(es[i].state, states[i]);
        ck_assert_str_eq(es[i].done_on, done[i]);
        if (i > 0)
            ck_assert_int_gt(es[i].id, es[i - 1].id);
    }
    ck_assert_str_eq(es[1].with_whom, "両方");
    ck_assert_str_eq(es[1].note, "初日、同行");
    ck_assert_str_eq(es[2].with_whom, "受け入れ先");
    ck_assert_str_eq(es[2].staff_name, "鈴木　花子");
    db_matching_event_list_free(es, n);

    /* Gone is DB_NOTFOUND. */
    m = tre_matching(p, farm, "開始");
    m.id = TRE_NO_SUCH_ID;
    m.version = 1;
    e = tre_event("状態", "2026-07-01", "", "開始", "");
    ck_assert_int_eq(tre_match_save(d, &m, &e), DB_NOTFOUND);
    db_close(d);
}
END_TEST

START_TEST(tma_lists)
{
    db *d = tfix_db();
    tre_actor(d, "tanaka", "田中　一郎");
    int64_t p1 = tfix_person(d, "山本　太郎", "ヤマモト　タロウ");
    int64_t p2 = tfix_person(d, "佐藤　花子", "サトウ　ハナコ");
    int64_t farm = tre_add(d, "みどり農園", "就労体験");
    int64_t cafe = tre_add(d, "カフェ・ひだまり", "居場所");

    int64_t m1 = tre_match(d, p1, farm, "開始", "2026-05-20");
    int64_t m2 = tre_match(d, p1, cafe, "", "2026-05-10");
    int64_t m3 = tre_match(d, p2, farm, "定着", "");
    int64_t m4 = tre_match(d, p2, cafe, "開始", "2026-05-10");
    int64_t m5 = tre_match(d, p2, farm, "開始", "2026-06-01");

    db_matching *ms = NULL;
    size_t n = 0;
    ck_assert_int_eq(db_matching_by_person(d, p1, &ms, &n), DB_OK);
    ck_assert_str_eq(ms[0].resource_name, "カフェ・ひだまり");
    ck_assert_str_eq(ms[0].person_name, "山本　太郎");
    const int64_t of_p1[] = { m2, m1 };
    tre_assert_matchings(ms, n, of_p1, TRE_N(of_p1));

    ck_assert_int_eq(db_matching_by_person(d, p2, &ms, &n), DB_OK);
    const int64_t of_p2[] = { m5, m4, m3 };
    tre_assert_matchings(ms, n, of_p2, TRE_N(of_p2));
    ck_assert_int_eq(db_matching_by_person(d, TRE_NO_SUCH_ID, &ms, &n), DB_OK);
    tre_assert_matchings(ms, n, NULL, 0);

    ck_assert_int_eq(db_matching_by_resource(d, farm, &ms, &n), DB_OK);
    const int64_t at_farm[] = { m5, m3, m1 };
    tre_assert_matchings(ms, n, at_farm, TRE_N(at_farm));
    ck_assert_int_eq(db_matching_by_resource(d, cafe, &ms, &n), DB_OK);
    const int64_t at_cafe[] = { m4, m2 };
    tre_assert_matchings(ms, n, at_cafe, TRE_N(at_cafe));

    /* Due on or before a day, the earliest first; none planned, never. */
    tre_assert_due(d, "2026-05-09", TRE_ALL, NULL, 0);
    const int64_t due[] = { m2, m4, m1, m5 };
    tre_assert_due(d, "2026-05-10", TRE_ALL, due, 2);
    tre_assert_due(d, "2026-05-31", TRE_ALL, due, 3);
    tre_assert_due(d, "2026-12-31", TRE_ALL, due, 4);
    tre_assert_due(d, "2026-12-31", 3, due, 3);

    /* A follow-up done, the next one planned later moves it down. */
    db_matching m = tre_match_get(d, m2);
    db_matching_event e = tre_event("フォロー", "2026-05-10", "本人", "", "");
    char *keep_next = m.next_follow_on;
    m.next_follow_on = "2026-07-01";
    ck_assert_int_eq(tre_match_save(d, &m, &e), DB_OK);
    m.next_follow_on = keep_next;
    db_matching_free(&m);
    const int64_t due_after[] = { m4, m1, m5, m2 };
    tre_assert_due(d, "2026-05-31", TRE_ALL, due_after, 2);
    tre_assert_due(d, "2026-12-31", TRE_ALL, due_after, 4);
    db_close(d);
}
END_TEST

START_TEST(tma_events_append_only)
{
    db *d = tfix_db();
    tre_actor(d, "tanaka", "田中　一郎");
    int64_t p = tfix_person(d, "山本　太郎", "ヤマモト　タロウ");
    int64_t farm = tre_add(d, "みどり農園", "就労体験");
    int64_t id = tre_match(d, p, farm, "", "");

    char sql[TRE_SQL_MAX], msg[TRE_SQL_MAX];
    snprintf(sql, sizeof sql,
             "UPDATE matching_event SET note = '書き換え' WHERE matching_id = %" PRId64, id);
    ck_assert_int_ne(tre_raw_exec(sql, msg, sizeof msg), SQLITE_OK);
    ck_assert_msg(strstr(msg, "history") != NULL, "update refused with: %s", msg);
    snprintf(sql, sizeof sql, "DELETE FROM matching_event WHERE matching_id = %" PRId64, id);
    ck_assert_int_ne(tre_raw_exec(sql, msg, sizeof msg), SQLITE_OK);
    ck_assert_msg(strstr(msg, "history") != NULL, "delete refused with: %s", msg);

    /* The event reads as it was written. */
    db_matching_event *es = NULL;
    size_t n = 0;
    ck_assert_int_eq(db_matching_events(d, id, &es, &n), DB_OK);
    ck_assert_uint_eq(n, 1);
    ck_assert_str_eq(es[0].note, "");
    ck_assert_str_eq(es[0].state, "調整中");
    db_matching_event_list_free(es, n);
    db_close(d);
}
END_TEST

/* ---- 4. needs --------------------------------------------------------- */

START_TEST(tne_needs)
{
    db *d = tfix_db();
    int64_t s1 = tre_actor(d, "tanaka", "田中　一郎");
    int64_t p = tfix_person(d, "山本　太郎", "ヤマモト　タロウ");
    int64_t c = tfix_case(d, p, "参加支援", "支援中", "2026-04-01");
    int64_t cafe = tre_add(d, "カフェ・ひだまり", "居場所");

    int64_t n1 = tre_need(d, "夜間に過ごせる場所がない", "居場所", "2026-04-01");
    int64_t n2 = tre_need(d, "短時間から働ける職場", "", "2026-05-01");
    db_resource_need rn;
    memset(&rn, 0, sizeof rn);
    rn.need = "車いすで入れる学習の場";
    rn.kind = "学習支援";
    rn.person_id = p;
    rn.case_id = c;
    rn.noted_on = "2026-05-01";
    /* Recorded open, whatever met_by says. */
    rn.met_by = cafe;
    ck_assert_int_eq(db_write(d, tre_need_insert_tx, &rn), DB_OK);
    ck_assert_int_eq(rn.met_by, 0);
    int64_t n3 = rn.id;

    /* The latest noted first; the same day, the latest recorded. */
    const int64_t open[] = { n3, n2, n1 };
    tre_assert_needs(d, true, TRE_ALL, open, 3);
    tre_assert_needs(d, false, TRE_ALL, open, 3);
    tre_assert_needs(d, true, 2, open, 2);

    db_resource_need *ns = NULL;
    size_t n = 0;
    ck_assert_int_eq(db_resource_needs(d, true, 1, &ns, &n), DB_OK);
    ck_assert_uint_eq(n, 1);
    ck_assert_str_eq(ns[0].need, "車いすで入れる学習の場");
    ck_assert_str_eq(ns[0].kind, "学習支援");
    ck_assert_int_eq(ns[0].person_id, p);
    ck_assert_int_eq(ns[0].case_id, c);
    ck_assert_str_eq(ns[0].noted_on, "2026-05-01");
    ck_assert_int_eq(ns[0].staff_id, s1);
    ck_assert_int_eq(ns[0].met_by, 0);
    ck_assert_int_eq(ns[0].version, 1);
    db_resource_need_list_free(ns, n);
    ck_assert_int_eq(tre_stored("resource_need", "person_id IS NULL AND case_id IS NULL"
                                " AND met_by IS NULL", n2), 1);

    /* Met, it leaves the open list and stays in the whole one. */
    ck_assert_int_eq(tre_met(d, n2, 1, cafe), DB_OK);
    const int64_t still_open[] = { n3, n1 };
    tre_assert_needs(d, true, TRE_ALL, still_open, 2);
    tre_assert_needs(d, false, TRE_ALL, open, 3);
    ck_assert_int_eq(tre_stored("resource_need", "met_by", n2), cafe);
    ck_assert_int_eq(tre_stored("resource_need", "version", n2), 2);

    /* A stale version, a need that is gone, a resource that is not there. */
    ck_assert_int_eq(tre_met(d, n1, 2, cafe), DB_CONFLICT);
    ck_assert_int_eq(tre_met(d, n2, 1, 0), DB_CONFLICT);
    ck_assert_int_eq(tre_met(d, TRE_NO_SUCH_ID, 1, cafe), DB_NOTFOUND);
    ck_assert_int_ne(tre_met(d, n1, 1, TRE_NO_SUCH_ID), DB_OK);
    tre_assert_needs(d, true, TRE_ALL, still_open, 2);

    /* Met by none (0) opens it again. */
    ck_assert_int_eq(tre_met(d, n2, 2, 0), DB_OK);
    tre_assert_needs(d, true, TRE_ALL, open, 3);

    /* A need must say what is needed. */
    memset(&rn, 0, sizeof rn);
    rn.need = "";
    rn.noted_on = "2026-05-02";
    ck_assert_int_eq(db_write(d, tre_need_insert_tx, &rn), DB_INVALID);
    ck_assert_int_eq(tfix_int("SELECT count(*) FROM resource_need", NULL), 3);
    db_close(d);
}
END_TEST

/* ---- 5. audit --------------------------------------------------------- */

START_TEST(tre_audit_rows)
{
    db *d = tfix_db();
    int64_t s1 = tre_actor(d, "tanaka", "田中　一郎");
    int64_t p = tfix_person(d, "山本　太郎", "ヤマモト　タロウ");

    db_resource r = tre_resource("みどり農園", "就労体験");
    r.conditions = "秘密条件";
    r.notes = "秘密メモ";
    ck_assert_int_eq(db_write(d, tre_insert_tx, &r), DB_OK);
    r.notes = "秘密メモ2";
    ck_assert_int_eq(db_write(d, tre_update_tx, &r), DB_OK);

    db_matching m = tre_matching(p, r.id, "");
    struct tre_match_ins in = { &m, "2026-05-01", "秘密の初回" };
    ck_assert_int_eq(db_write(d, tre_match_insert_tx, &in), DB_OK);
    m.state = "開始";
    db_matching_event e = tre_event("状態", "2026-05-10", "本人", "開始", "秘密の開始");
    ck_assert_int_eq(tre_match_save(d, &m, &e), DB_OK);
    e = tre_event("フォロー", "2026-05-20", "本人", "", "秘密のフォロー");
    ck_assert_int_eq(tre_match_save(d, &m, &e), DB_OK);
    m.state = "中止";
    m.end_reason = "秘密の理由";
    e = tre_event("状態", "2026-05-30", "本人", "中止", "秘密の中止");
    ck_assert_int_eq(tre_match_save(d, &m, &e), DB_OK);

    int64_t need = tre_need(d, "秘密の必要", "居場所", "2026-05-01");
    ck_assert_int_eq(tre_met(d, need, 1, r.id), DB_OK);

    /* Refused changes leave no row. */
    r.version = 1;
    ck_assert_int_eq(db_write(d, tre_update_tx, &r), DB_CONFLICT);
    m.version = 1;
    ck_assert_int_eq(tre_match_save(d, &m, &e), DB_CONFLICT);
    ck_assert_int_eq(tre_met(d, need, 1, r.id), DB_CONFLICT);

    ck_assert_int_eq(tfix_audits(d, "create", "resource", r.id), 1);
    ck_assert_int_eq(tfix_audits(d, "update", "resource", r.id), 1);
    ck_assert_int_eq(tfix_audits(d, "create", "matching", m.id), 1);
    ck_assert_int_eq(tfix_audits(d, "state", "matching", m.id), 2);
    ck_assert_int_eq(tfix_audits(d, "follow", "matching", m.id), 1);
    ck_assert_int_eq(tfix_audits(d, "create", "resource_need", need), 1);
    ck_assert_int_eq(tfix_audits(d, "met", "resource_need", need), 1);
    char *details = tfix_text(
        "SELECT group_concat(entity || ':' || action || ':' || detail, ',') FROM"
        " (SELECT entity, action, detail FROM audit"
        "  WHERE entity IN ('resource', 'matching', 'resource_need') ORDER BY id)");
    char want[TRE_SQL_MAX];
    snprintf(want, sizeof want,
             "resource:create:就労体験,resource:update:就労体験,matching:create:調整中,"
             "matching:state:開始,matching:follow:開始,matching:state:中止,"
             "resource_need:create:居場所,resource_need:met:%" PRId64, r.id);
    ck_assert_str_eq(details, want);
    free(details);

    /* Every row names the acting staff member. */
    char sql[TRE_SQL_MAX];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM audit WHERE entity IN"
             " ('resource', 'matching', 'resource_need') AND (staff_id IS NOT %" PRId64
             " OR login <> 'tanaka')", s1);
    ck_assert_int_eq(tfix_int(sql, NULL), 0);

    /* None of the texts, anywhere in the audit. */
    static const char *const words[] = {
        "秘密条件", "秘密メモ", "秘密の初回", "秘密の開始", "秘密のフォロー",
        "秘密の理由", "秘密の中止", "秘密の必要",
    };
    for (size_t i = 0; i < TRE_N(words); i++)
        ck_assert_msg(tfix_int("SELECT count(*) FROM audit WHERE detail LIKE"
                               " '%' || ?1 || '%'", words[i]) == 0,
                      "the audit holds \"%s\"", words[i]);
    db_close(d);
}
END_TEST

/* ---- the rules over the file (dom-matching.c) -------------------------- */

/* db_write body: insert the resource given. */
static db_status tmr_resource_tx(db *d, void *arg)
{
    return db_resource_insert(d, arg);
}

/* An active resource of a kind; returns its id. */
static int64_t tmr_resource(db *d, const char *name, const char *kind, bool active)
{
    db_resource r;
    memset(&r, 0, sizeof r);
    r.name = (char *)name;
    r.kind = (char *)kind;
    r.contact = r.conditions = r.notes = "";
    r.active = active;
    ck_assert_int_eq(db_write(d, tmr_resource_tx, &r), DB_OK);
    return r.id;
}

/* A 参加支援 case with a 参加支援プラン of its own person; returns the case. */
static int64_t tmr_case(db *d, const char *plan_type)
{
    int64_t p = tfix_person(d, "小野　拓也", "オノ　タクヤ");
    int64_t c = tfix_case(d, p, "参加支援", "支援中", "2026-10-01");
    int64_t plan = tfix_plan(d, c, 0, "承認", "", "");
    char sql[128];
    snprintf(sql, sizeof sql, "UPDATE plan SET type = '%s' WHERE id = %lld", plan_type,
             (long long)plan);
    tfix_exec(sql);
    return c;
}

/* A matching made through the rules, as stored (the caller frees it). */
static db_matching tmr_start(db *d, int64_t case_id, int64_t resource, txt_date today,
                             db_status want)
{
    db_matching m;
    memset(&m, 0, sizeof m);
    m.case_id = case_id;
    m.resource_id = resource;
    ck_assert_int_eq(dom_matching_start(d, &m, today), want);
    db_matching got;
    memset(&got, 0, sizeof got);
    if (want == DB_OK)
        ck_assert_int_eq(db_matching_get(d, m.id, &got), DB_OK);
    return got;
}

/* Only a 参加支援 case with a 参加支援プラン is matched, only to an active
 * resource; the matching starts 調整中 with a follow-up a week on. */
START_TEST(tmr_start_rules)
{
    db *d = tfix_db();
    db_set_actor(d, tfix_staff(d, "tanaka", "田中　一郎"));
    txt_date today = { 2026, 11, 24 };
    int64_t cafe = tmr_resource(d, "ふれあいカフェ", "居場所", true);
    int64_t gone = tmr_resource(d, "閉じた作業所", "就労体験", false);
    int64_t bad = tmr_case(d, "支援プラン");
    tmr_start(d, bad, cafe, today, DB_INVALID);
    int64_t good = tmr_case(d, "参加支援プラン");
    tmr_start(d, good, gone, today, DB_INVALID);
    ck_assert_int_eq(tfix_int("SELECT count(*) FROM matching", NULL), 0);
    db_matching m = tmr_start(d, good, cafe, today, DB_OK);
    ck_assert_str_eq(m.state, "調整中");
    ck_assert_str_eq(m.next_follow_on, "2026-12-01");
    ck_assert_int_gt(m.plan_id, 0);
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT person_id FROM support_case WHERE id = %lld",
             (long long)good);
    ck_assert_int_eq(m.person_id, tfix_int(sql, NULL));
    db_matching_event *es = NULL;
    size_t n = 0;
    ck_assert_int_eq(db_matching_events(d, m.id, &es, &n), DB_OK);
    ck_assert_uint_eq(n, 1);
    ck_assert_str_eq(es[0].state, "調整中");
    db_matching_event_list_free(es, n);
    db_matching_free(&m);
    db_close(d);
}
END_TEST

/* 開始 dates it and plans a follow-up in two weeks, 定着 in three months; a
 * follow-up plans the next; 終了 needs its reason and ends it; once ended
 * nothing moves; a stale copy is refused. */
START_TEST(tmr_states_and_follow_ups)
{
    db *d = tfix_db();
    db_set_actor(d, tfix_staff(d, "tanaka", "田中　一郎"));
    txt_date today = { 2026, 11, 24 };
    int64_t cafe = tmr_resource(d, "ふれあいカフェ", "居場所", true);
    db_matching m = tmr_start(d, tmr_case(d, "参加支援プラン"), cafe, today, DB_OK);
    ck_assert_int_eq(dom_matching_move(d, &m, "定着", "", "", today), DB_INVALID);
    ck_assert_int_eq(dom_matching_move(d, &m, "開始", "初日は一時間", "", today), DB_OK);
    db_matching got;
    ck_assert_int_eq(db_matching_get(d, m.id, &got), DB_OK);
    ck_assert_str_eq(got.state, "開始");
    ck_assert_str_eq(got.started_on, "2026-11-24");
    ck_assert_str_eq(got.next_follow_on, "2026-12-08");
    db_matching_free(&m);
    m = got;
    ck_assert_int_eq(dom_matching_follow(d, &m, "受け入れ先", "2026-11-24", "休まず来ている", "",
                                         today), DB_OK);
    ck_assert_int_eq(db_matching_get(d, m.id, &got), DB_OK);
    ck_assert_str_eq(got.next_follow_on, "2026-12-08");
    db_matching_free(&got);
    ck_assert_int_eq(dom_matching_follow(d, &m, "本人", "2026-11-24", "楽しいと言った", "2027-01-10",
                                         today), DB_OK);
    ck_assert_int_eq(dom_matching_follow(d, &m, "近所", "2026-11-24", "?", "", today), DB_INVALID);
    ck_assert_int_eq(dom_matching_follow(d, &m, "本人", "2026-11-30", "未来", "", today),
                     DB_INVALID);
    ck_assert_int_eq(dom_matching_follow(d, &m, "本人", "2026-11-24", "", "", today), DB_INVALID);
    ck_assert_int_eq(db_matching_get(d, m.id, &got), DB_OK);
    ck_assert_str_eq(got.next_follow_on, "2027-01-10");
    db_matching_free(&got);
    ck_assert_int_eq(dom_matching_move(d, &m, "定着", "", "", today), DB_OK);
    ck_assert_int_eq(db_matching_get(d, m.id, &got), DB_OK);
    ck_assert_str_eq(got.next_follow_on, "2027-02-22");
    db_matching_free(&got);
    /* A copy read before the last change: refused, nothing written. */
    db_matching stale = m;
    stale.version--;
    ck_assert_int_eq(dom_matching_move(d, &stale, "中止", "", "体調", today), DB_CONFLICT);
    ck_assert_int_eq(dom_matching_move(d, &m, "終了", "", "", today), DB_INVALID);
    ck_assert_int_eq(dom_matching_move(d, &m, "終了", "", "就職が決まった", today), DB_OK);
    ck_assert_int_eq(db_matching_get(d, m.id, &got), DB_OK);
    ck_assert_str_eq(got.state, "終了");
    ck_assert_str_eq(got.ended_on, "2026-11-24");
    ck_assert_str_eq(got.end_reason, "就職が決まった");
    ck_assert_str_eq(got.next_follow_on, "");
    db_matching_free(&got);
    ck_assert_int_eq(dom_matching_follow(d, &m, "本人", "2026-11-24", "その後", "", today),
                     DB_INVALID);
    db_matching_event *es = NULL;
    size_t n = 0;
    ck_assert_int_eq(db_matching_events(d, m.id, &es, &n), DB_OK);
    ck_assert_uint_eq(n, 6);   /* 調整中, 開始, two follow-ups, 定着, 終了 */
    ck_assert_str_eq(es[2].kind, "フォロー");
    ck_assert_str_eq(es[2].with_whom, "受け入れ先");
    ck_assert_str_eq(es[5].state, "終了");
    db_matching_event_list_free(es, n);
    db_matching_free(&m);
    db_close(d);
}
END_TEST

/* Run the groups of tests, each in a fresh folder; the exit status says
 * whether anything failed. */
int main(void)
{
    const tfix_group groups[] = {
        { "resources", { tre_round_trip, tre_checks, tre_update_versions, NULL } },
        { "search", { tre_search_words, tre_search_kind_order_limit, tre_n_active, NULL } },
        { "matchings", { tma_insert, tma_update_events, tma_lists, tma_events_append_only,
                         NULL } },
        { "needs", { tne_needs, NULL } },
        { "audit", { tre_audit_rows, NULL } },
        { "rules", { tmr_start_rules, tmr_states_and_follow_ups, NULL } },
    };
    return tfix_run("resource", groups, sizeof groups / sizeof groups[0], tre_setup);
}
