/* stress.c - the driver of the shared-file stress tests (tests/stress.sh):
 * several processes writing one SQLite file through the application's own
 * save paths, and the checks that nothing a user saved was lost or
 * silently overwritten.
 *
 *   stress init DB                     create DB, register the invoking
 *                                      user as admin, add one person;
 *                                      prints "person ID VERSION"
 *   stress load DB WORKER N            save N intakes as the intake screen
 *                                      does (form values, dom_intake_check,
 *                                      dom_intake_rows, dom_intake_commit);
 *                                      prints "ID<TAB>CONTENT<TAB>ok" per
 *                                      acknowledged save, and at the end
 *                                      "errors N busy M ..." on stderr
 *   stress edit DB WORKER N PERSON     N times: wait 0-3 ms, read the
 *                                      person, wait 0-3 ms, change the
 *                                      phone with db_person_update on
 *                                      the version read; prints
 *                                      "ok VERSION_READ VALUE", "conflict
 *                                      VERSION_READ" or "error STATUS"
 *   stress edits DB PERSON V0 LOG...   judge the edit logs against the row:
 *                                      prints "edits E ok K conflicts C
 *                                      errors X silent S chain ok|broken"
 *   stress verify [--live] DB ACK...   every acknowledged save present,
 *                                      integrity_check, and (without
 *                                      --live: no writer running) all of
 *                                      `tsunagi check`'s checks; prints
 *                                      "acked A lost L stored S extra X
 *                                      dup D corrupt C torn T"
 *   stress lockseen PATH OTHER         R7: whether a POSIX lock taken
 *                                      through PATH is seen by another
 *                                      process through OTHER (the same
 *                                      file through a second mount)
 *
 * Every command but lockseen uses the locking scheme of $TSUNAGI_LOCKING
 * (or the config files), as the application does.
 *
 * The product's rule is that only db*.c calls sqlite3_*: this program
 * writes only through the db and domain layers, and opens a read-only
 * SQLite connection of its own only in `verify`, to list what is stored. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "conf.h"
#include "db.h"
#include "domain.h"
#include "form.h"

#define STRESS_LOGIN_MAX 256
#define STRESS_VALUE_MAX 512
#define STRESS_LINE_MAX 4096
/* The first failures of a worker are shown in full; later ones only counted. */
#define STRESS_SHOW_ERRORS 5
/* R2: the longest pause before reading the person, and between reading
 * and saving them. */
#define STRESS_EDIT_PAUSE_US 3000
/* R2 moves its case back and forth between these two stages. */
#define STRESS_STAGE_A "支援中"
#define STRESS_STAGE_B "モニタリング"
#define STRESS_NS_PER_US 1000L
#define STRESS_US_PER_S 1000000L
/* The worker number is part of every marker and phone number written. */
#define STRESS_WORKER_MAX 9999
/* One intake in this many is anonymous (a caller who gave no name). */
#define STRESS_ANON_EVERY 4
/* The end of every acknowledgement line: a line without it was torn. */
#define STRESS_ACK_END "ok"
/* The intake form's id. */
#define STRESS_FORM "intake"
/* The person R2 edits. */
#define STRESS_PERSON_NAME "試験　太郎"
#define STRESS_PERSON_KANA "シケン　タロウ"
#define STRESS_PERSON_PHONE "0569-00-0000"
#define STRESS_PERSON_BIRTH "1970-03-01"
/* Birth years offered, as 昭和 years (1945-1988). */
#define STRESS_SHOWA_FIRST 20
#define STRESS_SHOWA_SPAN 44
#define STRESS_MONTHS 12
#define STRESS_SAFE_DAYS 28

/* ---- small helpers ------------------------------------------------------ */

/* A random generator of our own (xorshift64*): the db layer's busy handler
 * uses rand(), and the workers must leave it exactly as the program does. */
typedef struct stress_rng {
    uint64_t s;
} stress_rng;

/* Seed a generator from the worker, the process and the clock. */
static void stress_rng_seed(stress_rng *r, int worker)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    r->s = ((uint64_t)ts.tv_nsec << 20) ^ (uint64_t)ts.tv_sec ^
           ((uint64_t)getpid() << 40) ^ ((uint64_t)worker * 0x9E3779B97F4A7C15ull);
    if (r->s == 0)
        r->s = 1;
}

/* The next number in [0, n). */
static unsigned stress_rng_below(stress_rng *r, unsigned n)
{
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    uint64_t x = r->s * 0x2545F4914F6CDD1Dull;
    return n ? (unsigned)((x >> 32) % n) : 0;
}

/* Sleep for us microseconds. */
static void stress_sleep_us(long us)
{
    struct timespec ts = { us / STRESS_US_PER_S, (us % STRESS_US_PER_S) * STRESS_NS_PER_US };
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

/* Parse a non-negative number argument; -1 when it is not one. */
static long stress_number(const char *s)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    return (errno || end == s || *end || v < 0) ? -1 : v;
}

/* Open an existing database and act as the invoking user, as the program
 * does at start-up; *name receives the staff member's name. */
static db *stress_open_as_user(const char *path, char *name, size_t n)
{
    char login[STRESS_LOGIN_MAX];
    db *d = NULL;
    db_status st = db_open(path, DB_OPEN_EXISTING, &d);
    if (st != DB_OK) {
        fprintf(stderr, "stress: %s\n", d ? db_errmsg(d) : db_status_text(st));
        db_close(d);
        return NULL;
    }
    db_staff s;
    if (conf_login(login, sizeof login) != 0 ||
        (st = db_staff_by_login(d, login, &s)) != DB_OK) {
        fprintf(stderr, "stress: the invoking user is not registered staff (%s)\n",
                db_errmsg(d));
        db_close(d);
        return NULL;
    }
    db_set_actor(d, s.id);
    snprintf(name, n, "%s", s.name);
    db_staff_free(&s);
    return d;
}

/* ---- init --------------------------------------------------------------- */

/* The invoking user as an administrator. */
static db_status stress_init_staff_tx(db *d, void *arg)
{
    int64_t *id = arg;
    char login[STRESS_LOGIN_MAX];
    if (conf_login(login, sizeof login) != 0)
        return DB_ERROR;
    db_staff s = { 0 };
    s.login = login;
    s.name = login;
    s.role = (char *)dom_role_code(DOM_ROLE_ADMIN);
    s.active = true;
    return db_staff_insert(d, &s, id);
}

/* The person R2 edits, in a household of their own. */
static db_status stress_init_person_tx(db *d, void *arg)
{
    int64_t *id = arg;
    db_person p = { 0 };
    p.name = (char *)STRESS_PERSON_NAME;
    p.kana = (char *)STRESS_PERSON_KANA;
    p.phone = (char *)STRESS_PERSON_PHONE;
    p.birth = (char *)STRESS_PERSON_BIRTH;
    char household[STRESS_VALUE_MAX];
    dom_household_name(&p, household, sizeof household);
    db_household h = { 0, household, (char *)"", (char *)"", 0 };
    db_status st = db_household_insert(d, &h, &p.household_id);
    p.relation = (char *)dom_relations[0];
    return st == DB_OK ? db_person_insert(d, &p, id) : st;
}

/* stress init DB */
/* A case of the person at 支援中 with a plan, for R2 to edit; prints
 * "case ID VERSION" and "plan ID VERSION". */
static db_status stress_init_case(db *d, int64_t person)
{
    static const char *const path_to_support[] = { "アセスメント", "プラン作成", "支援決定",
                                                   STRESS_STAGE_A };
    db_case c = { .person_id = person, .business = "多機関協働", .criteria = "1",
                  .tried = "窓口で家計の相談", .opened_on = "2026-04-01" };
    db_status st = dom_case_open(d, &c, "R2 の試験");
    for (size_t i = 0; st == DB_OK && i < sizeof path_to_support / sizeof path_to_support[0]; i++) {
        db_case now;
        st = db_case_get(d, c.id, &now);
        if (st == DB_OK) {
            st = dom_case_move(d, &now, path_to_support[i], "");
            db_case_free(&now);
        }
    }
    db_case now;
    if (st == DB_OK && (st = db_case_get(d, c.id, &now)) == DB_OK) {
        printf("case %" PRId64 " %" PRId64 "\n", now.id, now.version);
        db_plan p = { .goal = "目標", .policy = "方針", .staff_id = db_actor(d) };
        st = dom_plan_create(d, &now, DOM_CONSENT_NONE, &p, 0);
        if (st == DB_OK)
            printf("plan %" PRId64 " %" PRId64 "\n", p.id, (int64_t)1);
        db_case_free(&now);
    }
    return st;
}

static int stress_init(const char *path)
{
    db *d = NULL;
    int64_t staff = 0, person = 0;
    db_person p;
    db_status st = db_open(path, DB_OPEN_CREATE, &d);
    if (st == DB_OK)
        st = db_write(d, stress_init_staff_tx, &staff);
    if (st == DB_OK) {
        db_set_actor(d, staff);
        st = db_write(d, stress_init_person_tx, &person);
    }
    if (st == DB_OK && (st = db_person_get(d, person, &p)) == DB_OK) {
        printf("person %" PRId64 " %" PRId64 "\n", p.id, p.version);
        db_person_free(&p);
    }
    if (st == DB_OK)
        st = stress_init_case(d, person);
    if (st != DB_OK)
        fprintf(stderr, "stress init: %s\n", d ? db_errmsg(d) : db_status_text(st));
    db_close(d);
    return st == DB_OK ? 0 : 1;
}

/* ---- load (R1, R3) -------------------------------------------------------- */

/* What a load worker has counted. */
typedef struct stress_load {
    int worker;
    stress_rng rng;
    const char *staff_name;
    unsigned sur;       /* the person of the save being typed */
    unsigned giv;
    long saved;
    long errors;
    long busy;
    long waits;         /* lock waits long enough to be shown on the screen */
    int longest_ms;     /* the longest of them */
} stress_load;

/* Sample people calling at the counter: name, reading. */
static const char *const stress_surnames[][2] = {
    { "佐藤", "サトウ" }, { "鈴木", "スズキ" }, { "高橋", "タカハシ" },
    { "田中", "タナカ" }, { "伊藤", "イトウ" }, { "渡辺", "ワタナベ" },
    { "山本", "ヤマモト" }, { "中村", "ナカムラ" }, { "小林", "コバヤシ" },
    { "加藤", "カトウ" }, { "齋藤", "サイトウ" }, { "髙木", "タカギ" },
};
static const char *const stress_given[][2] = {
    { "花子", "ハナコ" }, { "太郎", "タロウ" }, { "美咲", "ミサキ" },
    { "健太", "ケンタ" }, { "陽子", "ヨウコ" }, { "一郎", "イチロウ" },
    { "和子", "カズコ" }, { "翔", "ショウ" }, { "さくら", "サクラ" },
};
/* What was said at the counter, after the marker. */
static const char *const stress_said[] = {
    "家賃を三か月滞納しており、今月中に退去を求められている。",
    "母の介護で仕事を辞めた。貯金が底をつきそう。",
    "息子が二年間部屋から出てこない。本人は相談を望んでいない。",
    "電気を止められた。食べるものがない。",
    "隣の家から夜中に怒鳴り声が聞こえる。子どもが心配。",
    "借金の返済が追いつかない。督促の電話が毎日ある。",
};
static const char *const stress_visitors[] = {
    "近所の方", "民生委員の山田さん", "長女", "地域包括支援センター職員",
};
static const char *const stress_referrers[] = {
    "", "地域包括支援センター", "民生委員", "社会福祉協議会", "",
};

#define STRESS_N(a) (sizeof (a) / sizeof (a)[0])

/* A random choice of a choice field ("" when it has none). */
static const char *stress_pick(stress_load *w, const form_field *fl)
{
    return fl->n_choices ? fl->choices[stress_rng_below(&w->rng, (unsigned)fl->n_choices)] : "";
}

/* Two concerns, the second the most pressing, as a multi field holds them. */
static void stress_concerns(stress_load *w, const form_field *fl, char *buf, size_t n)
{
    buf[0] = '\0';
    if (fl->n_choices == 0)
        return;
    unsigned a = stress_rng_below(&w->rng, (unsigned)fl->n_choices);
    unsigned b = stress_rng_below(&w->rng, (unsigned)fl->n_choices);
    if (a == b)
        snprintf(buf, n, "%s%s", FORM_PRIMARY_MARK, fl->choices[a]);
    else
        snprintf(buf, n, "%s%s%s%s", fl->choices[a], FORM_MULTI_SEP,
                 FORM_PRIMARY_MARK, fl->choices[b]);
}

/* A birth date as a counter worker types it: 和暦 in kanji, initials, or ISO. */
static void stress_birth(stress_load *w, char *buf, size_t n)
{
    unsigned y = STRESS_SHOWA_FIRST + stress_rng_below(&w->rng, STRESS_SHOWA_SPAN);
    unsigned m = 1 + stress_rng_below(&w->rng, STRESS_MONTHS);
    unsigned d = 1 + stress_rng_below(&w->rng, STRESS_SAFE_DAYS);
    switch (stress_rng_below(&w->rng, 3)) {
    case 0: snprintf(buf, n, "昭和%u年%u月%u日", y, m, d); break;
    case 1: snprintf(buf, n, "S%u.%u.%u", y, m, d); break;
    default: snprintf(buf, n, "%u-%02u-%02u", 1925 + y, m, d); break;
    }
}

/* The value a worker types into one field of save i; content is the
 * marker that makes the save findable. */
static void stress_value(stress_load *w, const form_field *fl, bool anon,
                         const char *content, char *buf, size_t n)
{
    const char *col = fl->column;
    unsigned sur = w->sur, giv = w->giv;
    buf[0] = '\0';
    if (fl->fill == FORM_FILL_NOW) {
        time_t t = time(NULL);
        struct tm tm;
        localtime_r(&t, &tm);
        strftime(buf, n, "%Y-%m-%d %H:%M", &tm);
    } else if (fl->fill == FORM_FILL_STAFF) {
        snprintf(buf, n, "%s", w->staff_name);
    } else if (strcmp(col, "consultation.content") == 0) {
        snprintf(buf, n, "%s", content);
    } else if (strcmp(col, "consultation.concerns") == 0) {
        stress_concerns(w, fl, buf, n);
    } else if (strcmp(col, "consultation.channel") == 0 ||
               strcmp(col, "consultation.urgency") == 0 ||
               strcmp(col, "consultation.disposition") == 0) {
        snprintf(buf, n, "%s", stress_pick(w, fl));
    } else if (strcmp(col, "consultation.referrer") == 0) {
        snprintf(buf, n, "%s", stress_referrers[sur % STRESS_N(stress_referrers)]);
    } else if (strcmp(col, "consultation.next_contact") == 0) {
        snprintf(buf, n, "令和8年12月%u日", 1 + stress_rng_below(&w->rng, STRESS_SAFE_DAYS));
    } else if (anon && strcmp(col, "consultation.visitor") == 0) {
        snprintf(buf, n, "%s", stress_visitors[giv % STRESS_N(stress_visitors)]);
    } else if (anon && strcmp(col, "consultation.visitor_relation") == 0) {
        snprintf(buf, n, "%s", stress_pick(w, fl));
    } else if (anon) {
        /* An anonymous call: nothing about the person. */
    } else if (strcmp(col, "person.name") == 0) {
        snprintf(buf, n, "%s　%s", stress_surnames[sur][0], stress_given[giv][0]);
    } else if (strcmp(col, "person.kana") == 0) {
        snprintf(buf, n, "%s　%s", stress_surnames[sur][1], stress_given[giv][1]);
    } else if (strcmp(col, "person.sex") == 0) {
        snprintf(buf, n, "%s", stress_pick(w, fl));
    } else if (strcmp(col, "person.birth") == 0) {
        stress_birth(w, buf, n);
    } else if (strcmp(col, "person.address") == 0) {
        snprintf(buf, n, "愛知県常滑市新開町%u丁目%u番地", 1 + sur % 5, 1 + giv);
    } else if (strcmp(col, "person.phone") == 0) {
        snprintf(buf, n, "0569-%02u-%04u", sur + giv, stress_rng_below(&w->rng, 10000));
    } else if (col[0] == '\0' && fl->type == FORM_TEXT) {
        snprintf(buf, n, "平日の夕方");   /* a field the municipality added */
    }
}

/* Keep the longest lock wait the screen would have shown. */
static bool stress_on_wait(void *arg, int waited_ms)
{
    stress_load *w = arg;
    if (waited_ms < 0)
        w->waits++;
    else if (waited_ms > w->longest_ms)
        w->longest_ms = waited_ms;
    return true;
}

/* Fill a form as the intake screen does and save it through
 * dom_intake_commit; prints the acknowledgement only after DB_OK. */
static void stress_save_one(db *d, const form *f, stress_load *w, long i)
{
    form_values fv;
    const char **errors = calloc(f->n_fields + 1, sizeof *errors);
    if (errors == NULL || form_values_init(&fv, f) != 0) {
        fprintf(stderr, "stress load: out of memory\n");
        exit(1);
    }
    char content[STRESS_VALUE_MAX], value[STRESS_VALUE_MAX];
    snprintf(content, sizeof content, "負荷試験 W%d-%ld %s", w->worker, i,
             stress_said[stress_rng_below(&w->rng, STRESS_N(stress_said))]);
    bool anon = i % STRESS_ANON_EVERY == STRESS_ANON_EVERY - 1;
    w->sur = stress_rng_below(&w->rng, STRESS_N(stress_surnames));
    w->giv = stress_rng_below(&w->rng, STRESS_N(stress_given));
    for (size_t k = 0; k < f->n_fields; k++) {
        stress_value(w, &f->fields[k], anon, content, value, sizeof value);
        if (form_values_set(&fv, k, value) != 0) {
            fprintf(stderr, "stress load: out of memory\n");
            exit(1);
        }
    }
    size_t bad = dom_intake_check(&fv, errors, dom_today());
    if (bad > 0) {
        /* The test typed something the form refuses: a bug of the test. */
        for (size_t k = 0; k < f->n_fields; k++)
            if (errors[k])
                fprintf(stderr, "stress load: %s: %s (%s)\n", f->fields[k].id,
                        errors[k], fv.v[k]);
        exit(2);
    }
    db_person person;
    db_consult consult;
    if (dom_intake_rows(&fv, &person, &consult) != 0) {
        fprintf(stderr, "stress load: out of memory\n");
        exit(1);
    }
    dom_intake_save s = {
        .person = &person, .consult = &consult,
        .relation = dom_relations[0],
    };
    db_status st = dom_intake_commit(d, &s);
    dom_intake_rows_free(&consult);
    if (st == DB_OK) {
        w->saved++;
        printf("%" PRId64 "\t%s\t%s\n", s.consult_id, content, STRESS_ACK_END);
        fflush(stdout);
    } else {
        w->errors++;
        if (st == DB_BUSY)
            w->busy++;
        if (w->errors <= STRESS_SHOW_ERRORS)
            fprintf(stderr, "stress load W%d-%ld: %s\n", w->worker, i, db_errmsg(d));
    }
    form_values_free(&fv);
    free(errors);
}

/* stress load DB WORKER N */
static int stress_load_run(const char *path, int worker, long n)
{
    char name[STRESS_VALUE_MAX];
    char err[FORM_ERR_MAX];
    form f;
    if (form_find(STRESS_FORM, &f, err, sizeof err) != 0) {
        fprintf(stderr, "stress load: %s\n", err);
        return 2;
    }
    db *d = stress_open_as_user(path, name, sizeof name);
    if (d == NULL) {
        form_free(&f);
        return 2;
    }
    stress_load w = { .worker = worker, .staff_name = name };
    stress_rng_seed(&w.rng, worker);
    db_set_wait_fn(d, stress_on_wait, &w);
    for (long i = 0; i < n; i++)
        stress_save_one(d, &f, &w, i);
    fprintf(stderr, "errors %ld busy %ld saved %ld waits %ld longest %d stale %d\n",
            w.errors, w.busy, w.saved, w.waits, w.longest_ms, db_stale_locks(d));
    db_close(d);
    form_free(&f);
    return w.errors ? 1 : 0;
}

/* ---- edit (R2) ------------------------------------------------------------ */

/* The save of an edited person, as the person screen will do it. */
static db_status stress_edit_tx(db *d, void *arg)
{
    return db_person_update(d, arg);
}

/* A record R2 edits: how the screens read it, change the one value the
 * judge follows, and save it on the version read. */
typedef struct stress_record {
    const char *kind;          /* person, case, plan */
    const char *action;        /* the audit row every save writes */
    const char *entity;
    /* Read the record; *version and *value (malloc'd) as stored. */
    db_status (*read)(db *d, int64_t id, void **rec, int64_t *version, char **value);
    /* Save the record read, with value, on the version read. */
    db_status (*save)(db *d, void *rec, const char *value);
    void (*free)(void *rec);
} stress_record;

/* person: the phone, through db_person_update (the intake's correction). */
static db_status stress_person_read(db *d, int64_t id, void **rec, int64_t *version, char **value)
{
    db_person *p = calloc(1, sizeof *p);
    db_status st = p ? db_person_get(d, id, p) : DB_NOMEM;
    if (st != DB_OK) {
        free(p);
        return st;
    }
    *rec = p;
    *version = p->version;
    *value = strdup(p->phone);
    return *value ? DB_OK : DB_NOMEM;
}

/* Save a person with a new phone. */
static db_status stress_person_save(db *d, void *rec, const char *value)
{
    db_person *p = rec;
    char *copy = strdup(value);
    if (copy == NULL)
        return DB_NOMEM;
    free(p->phone);
    p->phone = copy;
    return db_write(d, stress_edit_tx, p);
}

/* Free a person read for editing. */
static void stress_person_free(void *rec)
{
    db_person_free(rec);
    free(rec);
}

/* case: the stage, moved between 支援中 and モニタリング with dom_case_move
 * (the case screen's path), the value being "STAGE NOTE". */
static db_status stress_case_read(db *d, int64_t id, void **rec, int64_t *version, char **value)
{
    db_case *c = calloc(1, sizeof *c);
    db_status st = c ? db_case_get(d, id, c) : DB_NOMEM;
    if (st != DB_OK) {
        free(c);
        return st;
    }
    *rec = c;
    *version = c->version;
    *value = strdup(c->stage);
    return *value ? DB_OK : DB_NOMEM;
}

/* Move a case to the stage the value names (noted as such). */
static db_status stress_case_save(db *d, void *rec, const char *value)
{
    db_case *c = rec;
    return dom_case_move(d, c, value, value);
}

/* Free a case read for editing. */
static void stress_case_free(void *rec)
{
    db_case_free(rec);
    free(rec);
}

/* plan: the goal (本人目標), through db_plan_update as the plan form saves. */
static db_status stress_plan_read(db *d, int64_t id, void **rec, int64_t *version, char **value)
{
    db_plan *p = calloc(1, sizeof *p);
    db_status st = p ? db_plan_get(d, id, p) : DB_NOMEM;
    if (st != DB_OK) {
        free(p);
        return st;
    }
    *rec = p;
    *version = p->version;
    *value = strdup(p->goal);
    return *value ? DB_OK : DB_NOMEM;
}

/* db_plan_update inside db_write. */
static db_status stress_plan_tx(db *d, void *arg)
{
    return db_plan_update(d, arg);
}

/* Save a plan with a new goal. */
static db_status stress_plan_save(db *d, void *rec, const char *value)
{
    db_plan *p = rec;
    char *copy = strdup(value);
    if (copy == NULL)
        return DB_NOMEM;
    free(p->goal);
    p->goal = copy;
    return db_write(d, stress_plan_tx, p);
}

/* Free a plan read for editing. */
static void stress_plan_free(void *rec)
{
    db_plan_free(rec);
    free(rec);
}

static const stress_record stress_records[] = {
    { "person", "update", "person", stress_person_read, stress_person_save, stress_person_free },
    { "case", "stage", "case", stress_case_read, stress_case_save, stress_case_free },
    { "plan", "update", "plan", stress_plan_read, stress_plan_save, stress_plan_free },
};

/* The record kind named kind, or NULL. */
static const stress_record *stress_record_of(const char *kind)
{
    for (size_t i = 0; i < sizeof stress_records / sizeof stress_records[0]; i++)
        if (strcmp(kind, stress_records[i].kind) == 0)
            return &stress_records[i];
    return NULL;
}

/* The value worker saves in edit i: for a case the stage it moves to. */
static void stress_edit_value(const stress_record *r, const char *old, int worker, long i,
                              char *buf, size_t n)
{
    if (strcmp(r->kind, "case") == 0)
        snprintf(buf, n, "%s", strcmp(old, STRESS_STAGE_A) == 0 ? STRESS_STAGE_B : STRESS_STAGE_A);
    else if (strcmp(r->kind, "person") == 0)
        snprintf(buf, n, "090-%04d-%04ld", worker, i);
    else
        snprintf(buf, n, "目標 W%d-%ld", worker, i);
}

/* stress edit DB WORKER N KIND ID */
static int stress_edit_run(const char *path, int worker, long n, const stress_record *r,
                           int64_t id)
{
    char name[STRESS_VALUE_MAX];
    db *d = stress_open_as_user(path, name, sizeof name);
    if (d == NULL)
        return 2;
    stress_rng rng;
    stress_rng_seed(&rng, worker);
    long errors = 0;
    for (long i = 0; i < n; i++) {
        /* A random moment to open the record, and to save it: so that the
         * other editor's read and save fall at any point in between. */
        stress_sleep_us((long)stress_rng_below(&rng, STRESS_EDIT_PAUSE_US + 1));
        void *rec = NULL;
        int64_t read = 0;
        char *old = NULL;
        db_status st = r->read(d, id, &rec, &read, &old);
        if (st != DB_OK) {
            printf("error %s\n", db_errmsg(d));
            fflush(stdout);
            errors++;
            if (rec)
                r->free(rec);
            free(old);
            continue;
        }
        stress_sleep_us((long)stress_rng_below(&rng, STRESS_EDIT_PAUSE_US + 1));
        char value[STRESS_VALUE_MAX];
        stress_edit_value(r, old, worker, i, value, sizeof value);
        st = r->save(d, rec, value);
        if (st == DB_OK) {
            printf("ok %" PRId64 " %s\n", read, value);
        } else if (st == DB_CONFLICT) {
            printf("conflict %" PRId64 "\n", read);
        } else {
            printf("error %s\n", db_errmsg(d));
            errors++;
        }
        fflush(stdout);
        r->free(rec);
        free(old);
    }
    db_close(d);
    return errors ? 1 : 0;
}

typedef struct stress_edit_ok {
    int64_t read;
    char value[STRESS_VALUE_MAX];
} stress_edit_ok;

/* Order successful edits by the version they were based on. */
static int stress_edit_cmp(const void *a, const void *b)
{
    int64_t x = ((const stress_edit_ok *)a)->read, y = ((const stress_edit_ok *)b)->read;
    return (x > y) - (x < y);
}

/* Read the edit logs: the successes into *oks, the rest counted. */
static int stress_edits_read(char **files, int nfiles, stress_edit_ok **oks, size_t *n_ok,
                             long *conflicts, long *errors)
{
    size_t cap = 0;
    char line[STRESS_LINE_MAX];
    for (int i = 0; i < nfiles; i++) {
        FILE *fp = fopen(files[i], "r");
        if (fp == NULL) {
            perror(files[i]);
            return -1;
        }
        while (fgets(line, sizeof line, fp)) {
            char *value = NULL;
            long long v = 0;
            if (strncmp(line, "ok ", 3) == 0) {
                v = strtoll(line + 3, &value, 10);
                value += strspn(value, " ");
                value[strcspn(value, "\n")] = '\0';
            }
            if (value && value[0]) {
                if (*n_ok == cap) {
                    cap = cap ? cap * 2 : 256;
                    stress_edit_ok *grown = realloc(*oks, cap * sizeof **oks);
                    if (grown == NULL) {
                        fclose(fp);
                        return -1;
                    }
                    *oks = grown;
                }
                (*oks)[*n_ok].read = v;
                snprintf((*oks)[*n_ok].value, sizeof (*oks)[*n_ok].value, "%s", value);
                (*n_ok)++;
            } else if (strncmp(line, "conflict", 8) == 0) {
                (*conflicts)++;
            } else {
                (*errors)++;
            }
        }
        fclose(fp);
    }
    return 0;
}

/* stress edits DB PERSON V0 LOG...: every success must have been based on
 * the version it read, so the successes form the chain V0, V0+1, ...
 * without a repeat; two successes from one version are a silent
 * overwrite, and so is a final phone other than the last success's. */
static int stress_edits_judge(const char *path, const stress_record *r, int64_t id,
                              int64_t v0, char **files, int nfiles)
{
    stress_edit_ok *oks = NULL;
    size_t n_ok = 0;
    long conflicts = 0, errors = 0;
    if (stress_edits_read(files, nfiles, &oks, &n_ok, &conflicts, &errors) != 0) {
        free(oks);
        return 2;
    }
    qsort(oks, n_ok, sizeof *oks, stress_edit_cmp);
    long silent = 0;
    for (size_t i = 1; i < n_ok; i++)
        if (oks[i].read == oks[i - 1].read)
            silent++;
    db *d = NULL;
    void *rec = NULL;
    int64_t audits = 0, version = 0;
    char *stored = NULL;
    db_status st = db_open(path, DB_OPEN_EXISTING, &d);
    if (st == DB_OK)
        st = db_audit_count(d, r->action, r->entity, id, &audits);
    if (st == DB_OK)
        st = r->read(d, id, &rec, &version, &stored);
    if (st != DB_OK) {
        fprintf(stderr, "stress edits: %s\n", d ? db_errmsg(d) : db_status_text(st));
        if (rec)
            r->free(rec);
        free(stored);
        db_close(d);
        free(oks);
        return 2;
    }
    /* The last success must be what is stored. */
    if (n_ok > 0 && strcmp(stored, oks[n_ok - 1].value) != 0) {
        fprintf(stderr, "stress edits: stored %s %s, last saved %s\n", r->kind, stored,
                oks[n_ok - 1].value);
        silent++;
    }
    /* Every version after the first was one save with its audit row, the
     * ones before V0 (a case's way to 支援中) included. */
    bool chain = version == v0 + (int64_t)n_ok && audits == (int64_t)n_ok + v0 - 1;
    for (size_t i = 0; chain && i < n_ok; i++)
        chain = oks[i].read == v0 + (int64_t)i;
    if (!chain)
        fprintf(stderr, "stress edits: version %" PRId64 " (from %" PRId64 " with %zu "
                "saves), %" PRId64 " audit rows\n", version, v0, n_ok, audits);
    printf("edits %ld ok %zu conflicts %ld errors %ld silent %ld chain %s\n",
           (long)n_ok + conflicts + errors, n_ok, conflicts, errors, silent,
           chain ? "ok" : "broken");
    r->free(rec);
    free(stored);
    db_close(d);
    free(oks);
    return silent == 0 && errors == 0 && chain ? 0 : 1;
}

/* ---- verify (R1, R3) -------------------------------------------------------- */

/* One acknowledged save. */
typedef struct stress_ack {
    int64_t id;
    char *content;
} stress_ack;

/* Order acknowledgements by consultation id. */
static int stress_ack_cmp(const void *a, const void *b)
{
    int64_t x = ((const stress_ack *)a)->id, y = ((const stress_ack *)b)->id;
    return (x > y) - (x < y);
}

/* Read the complete acknowledgement lines of the files; *torn counts the
 * lines a kill cut short. */
static int stress_acks_read(char **files, int nfiles, stress_ack **acks, size_t *n,
                            long *torn)
{
    size_t cap = 0;
    char line[STRESS_LINE_MAX];
    for (int i = 0; i < nfiles; i++) {
        FILE *fp = fopen(files[i], "r");
        if (fp == NULL) {
            perror(files[i]);
            return -1;
        }
        while (fgets(line, sizeof line, fp)) {
            char *tab1 = strchr(line, '\t');
            char *tab2 = tab1 ? strchr(tab1 + 1, '\t') : NULL;
            if (tab2 == NULL || strcmp(tab2 + 1, STRESS_ACK_END "\n") != 0) {
                (*torn)++;
                continue;
            }
            *tab1 = *tab2 = '\0';
            if (*n == cap) {
                cap = cap ? cap * 2 : 1024;
                stress_ack *grown = realloc(*acks, cap * sizeof **acks);
                if (grown == NULL) {
                    fclose(fp);
                    return -1;
                }
                *acks = grown;
            }
            (*acks)[*n].id = strtoll(line, NULL, 10);
            (*acks)[*n].content = strdup(tab1 + 1);
            if ((*acks)[*n].content == NULL) {
                fclose(fp);
                return -1;
            }
            (*n)++;
        }
        fclose(fp);
    }
    qsort(*acks, *n, sizeof **acks, stress_ack_cmp);
    return 0;
}

/* Pass a problem `tsunagi check` found on to stderr. */
static void stress_report(void *arg, const char *problem)
{
    (void)arg;
    fprintf(stderr, "stress verify: %s\n", problem);
}

/* Open the file as the next terminal would (db_open rolls back what a
 * killed writer left) and run the checks of `tsunagi check`; 0 when the
 * file is sound. */
static int stress_check(const char *path)
{
    db *d = NULL;
    int problems = 0;
    db_status st = db_open(path, DB_OPEN_EXISTING, &d);
    if (st == DB_OK)
        st = db_check(d, stress_report, NULL, &problems);
    if (st != DB_OK)
        fprintf(stderr, "stress verify: %s\n", d ? db_errmsg(d) : db_status_text(st));
    db_close(d);
    return st == DB_OK && problems == 0 ? 0 : 1;
}

/* Step a one-row, one-integer statement on the verifying connection. */
static int stress_query_int(sqlite3 *h, const char *sql, int64_t *out)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(h, sql, -1, &st, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        *out = sqlite3_column_int64(st, 0);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc;
}

/* PRAGMA integrity_check on the verifying connection: the problems it
 * lists are counted into *problems. */
static int stress_integrity(sqlite3 *h, long *problems)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st, NULL);
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(st, 0);
        rc = SQLITE_OK;
        if (t == NULL || strcmp(t, "ok") != 0) {
            fprintf(stderr, "stress verify: integrity_check: %s\n", t ? t : "?");
            (*problems)++;
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Walk the stored consultations (by id) beside the sorted acknowledgements;
 * *lost counts those missing or changed. */
static int stress_match(sqlite3 *h, const stress_ack *acks, size_t n, long *lost)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(h, "SELECT id, content FROM consultation ORDER BY id",
                                -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    int step = sqlite3_step(st);
    for (size_t i = 0; i < n; i++) {
        while (step == SQLITE_ROW && sqlite3_column_int64(st, 0) < acks[i].id)
            step = sqlite3_step(st);
        const char *content = step == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 1)
                                                 : NULL;
        if (content == NULL || sqlite3_column_int64(st, 0) != acks[i].id ||
            strcmp(content, acks[i].content) != 0) {
            if (*lost < STRESS_SHOW_ERRORS)
                fprintf(stderr, "stress verify: lost %" PRId64 " %s\n", acks[i].id,
                        acks[i].content);
            (*lost)++;
        }
    }
    rc = step == SQLITE_ROW || step == SQLITE_DONE ? SQLITE_OK : step;
    sqlite3_finalize(st);
    return rc;
}

/* What verify found. */
typedef struct stress_found {
    long lost;
    int64_t stored;
    int64_t dup;
    long problems;
} stress_found;

/* Compare the acknowledgements with what is stored, in one read
 * transaction of a connection that only reads; with live (a writer still
 * runs), run PRAGMA integrity_check in it too.  A live check opens the
 * file read-write, only so that SQLite may roll back the hot journal of a
 * writer just killed before it reads, as every connection must: this
 * connection runs no statement that writes. */
static int stress_compare(const char *path, const stress_ack *acks, size_t n,
                          bool live, stress_found *f)
{
    sqlite3 *h = NULL;
    int rc = sqlite3_open_v2(path, &h, live ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY,
                             NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_busy_timeout(h, DB_BUSY_TIMEOUT_MS);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(h, "BEGIN", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = stress_query_int(h, "SELECT count(*) FROM consultation", &f->stored);
    if (rc == SQLITE_OK)
        rc = stress_query_int(h, "SELECT count(*) - count(DISTINCT content) FROM consultation",
                              &f->dup);
    if (rc == SQLITE_OK)
        rc = stress_match(h, acks, n, &f->lost);
    if (rc == SQLITE_OK && live)
        rc = stress_integrity(h, &f->problems);
    if (rc != SQLITE_OK)
        fprintf(stderr, "stress verify: %s\n", h ? sqlite3_errmsg(h) : sqlite3_errstr(rc));
    if (h)
        sqlite3_exec(h, "COMMIT", NULL, NULL, NULL);
    sqlite3_close(h);
    return rc == SQLITE_OK ? 0 : -1;
}

/* stress verify [--live] DB ACKFILE...: --live while writers still run
 * (the checks that only read); without it, `tsunagi check`'s as well. */
static int stress_verify(const char *path, bool live, char **files, int nfiles)
{
    stress_ack *acks = NULL;
    size_t n = 0;
    long torn = 0;
    stress_found f = { 0 };
    int rc = 2;
    if (stress_acks_read(files, nfiles, &acks, &n, &torn) == 0) {
        /* While a writer runs, `tsunagi check` would wait for it (its FTS
         * check writes), and db_open's lock waits lose to a writer that
         * saves without a pause; the live check reads only. */
        int corrupt = live ? 0 : stress_check(path);
        if (stress_compare(path, acks, n, live, &f) != 0 || f.problems > 0)
            corrupt = 1;
        long extra = (long)f.stored - ((long)n - f.lost);
        printf("acked %zu lost %ld stored %" PRId64 " extra %ld dup %" PRId64
               " corrupt %d torn %ld\n", n, f.lost, f.stored, extra, f.dup, corrupt, torn);
        rc = f.lost == 0 && corrupt == 0 && f.dup == 0 ? 0 : 1;
    }
    for (size_t i = 0; i < n; i++)
        free(acks[i].content);
    free(acks);
    return rc;
}

/* ---- main ------------------------------------------------------------------ */

/* How to call this program. */
static int stress_usage(void)
{
    fprintf(stderr,
            "usage: stress init DB\n"
            "       stress load DB WORKER N\n"
            "       stress edit DB WORKER N person|case|plan ID\n"
            "       stress edits DB person|case|plan ID V0 LOG...\n"
            "       stress verify [--live] DB ACKFILE...\n"
            "       stress lockseen PATH OTHER-PATH-TO-THE-SAME-FILE\n");
    return 2;
}

/* R7: whether a POSIX lock taken on a file through one path is seen by
 * another process through a second path (another mount of the same
 * folder).  Prints "seen" or "not seen"; 2 when the files cannot be used. */
static int stress_lock_seen(const char *first, const char *second)
{
    int fd = open(first, O_RDWR);
    struct flock take = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 1 };
    if (fd < 0 || fcntl(fd, F_SETLK, &take) != 0) {
        fprintf(stderr, "stress: lock %s: %s\n", first, strerror(errno));
        return 2;
    }
    pid_t child = fork();
    if (child == 0) {
        int fd2 = open(second, O_RDWR);
        struct flock ask = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 1 };
        if (fd2 < 0 || fcntl(fd2, F_GETLK, &ask) != 0)
            _exit(2);
        _exit(ask.l_type == F_UNLCK ? 1 : 0);
    }
    int status = 0;
    if (child < 0 || waitpid(child, &status, 0) != child || !WIFEXITED(status) ||
        WEXITSTATUS(status) == 2) {
        fprintf(stderr, "stress: cannot look at %s\n", second);
        return 2;
    }
    puts(WEXITSTATUS(status) == 0 ? "seen" : "not seen");
    close(fd);
    return 0;
}

/* Use the locking scheme of $TSUNAGI_LOCKING (or the config files), as
 * the application does: R7 runs every scheme it compares this way. */
static bool stress_locking(void)
{
    char err[STRESS_LINE_MAX];
    conf_source src;
    char *name = conf_locking(&src, err, sizeof err);
    db_lock_scheme scheme;
    bool ok = name && db_lock_parse(name, &scheme);
    if (ok)
        db_set_locking(scheme);
    else
        fprintf(stderr, "stress: locking: %s\n", name ? name : err);
    free(name);
    return ok;
}

int main(int argc, char **argv)
{
    if (argc < 3)
        return stress_usage();
    if (!stress_locking())
        return 2;
    const char *cmd = argv[1], *path = argv[2];
    if (strcmp(cmd, "lockseen") == 0 && argc == 4)
        return stress_lock_seen(path, argv[3]);
    if (strcmp(cmd, "init") == 0 && argc == 3)
        return stress_init(path);
    if ((strcmp(cmd, "load") == 0 && argc == 5) || (strcmp(cmd, "edit") == 0 && argc == 7)) {
        long worker = stress_number(argv[3]), n = stress_number(argv[4]);
        if (worker < 0 || worker > STRESS_WORKER_MAX || n < 0)
            return stress_usage();
        if (cmd[0] == 'l')
            return stress_load_run(path, (int)worker, n);
        const stress_record *r = stress_record_of(argv[5]);
        long id = stress_number(argv[6]);
        return r && id > 0 ? stress_edit_run(path, (int)worker, n, r, id) : stress_usage();
    }
    if (strcmp(cmd, "edits") == 0 && argc >= 7) {
        const stress_record *r = stress_record_of(argv[3]);
        long id = stress_number(argv[4]), v0 = stress_number(argv[5]);
        if (r == NULL || id <= 0 || v0 < 0)
            return stress_usage();
        return stress_edits_judge(path, r, id, v0, argv + 6, argc - 6);
    }
    if (strcmp(cmd, "verify") == 0 && strcmp(path, "--live") == 0 && argc >= 5)
        return stress_verify(argv[3], true, argv + 4, argc - 4);
    if (strcmp(cmd, "verify") == 0 && argc >= 4)
        return stress_verify(path, false, argv + 3, argc - 3);
    return stress_usage();
}
