/* db.h - the storage layer.  The only part of tsunagi that calls sqlite3_*,
 * so that another engine can be put behind these functions later.
 *
 * Errors are values: every function returns a db_status, and
 * db_errmsg() gives the Japanese message for the last failure. */
#ifndef TSUNAGI_DB_H
#define TSUNAGI_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum db_status {
    DB_OK = 0,
    DB_NOTFOUND,   /* no such row */
    DB_CONFLICT,   /* someone else saved the row since it was read */
    DB_BUSY,       /* the lock could not be had in time */
    DB_FULL,       /* the disk is full */
    DB_READONLY,   /* the file or its folder cannot be written */
    DB_TOONEW,     /* the file was made by a newer tsunagi */
    DB_NOTDB,      /* not a tsunagi database, or damaged */
    DB_EXISTS,     /* refusing to overwrite */
    DB_INVALID,    /* a value breaks a rule of the schema */
    DB_IOERR,      /* the file went away or the share failed */
    DB_NOMEM,
    DB_ERROR       /* anything else */
} db_status;

typedef struct db db;

/* Called while a write waits for another user's lock: waited_ms so far,
 * or -1 when the wait is over.  Lets the screen show the wait; returning
 * false gives the wait up (the user cancelled), and the write then fails
 * with DB_BUSY without being retried. */
typedef bool (*db_wait_fn)(void *arg, int waited_ms);

enum {
    DB_OPEN_EXISTING = 0,   /* the file must exist */
    DB_OPEN_CREATE = 1      /* the file must not exist; create it */
};

/* How long one write waits for a lock before it gives up, and how often
 * the whole transaction is retried when SQLite still reports busy. */
#define DB_BUSY_TIMEOUT_MS 30000
#define DB_TX_ATTEMPTS 5

/* Open (or create) the database at path, apply the settings that are safe
 * on a network share, and bring the schema up to date.  *out is set even on
 * failure (so db_errmsg works); close it with db_close. */
db_status db_open(const char *path, int mode, db **out);
void db_close(db *d);
const char *db_errmsg(const db *d);
/* The last failure in Japanese only, without SQLite's English detail:
 * what a counter worker is shown. */
const char *db_errtext(const db *d);
const char *db_path(const db *d);
/* The Japanese message for a status, without detail. */
const char *db_status_text(db_status st);
/* Record why a rule above the db layer refused a change (a Japanese
 * sentence the screens show through db_errtext); returns st. */
db_status db_refuse(db *d, db_status st, const char *why);

void db_set_wait_fn(db *d, db_wait_fn fn, void *arg);

/* How writers on different hosts keep out of each other's way
 * (db-lock.c): POSIX byte-range locks, or a lock directory for mounts that
 * do not pass byte-range locks on to the server (doc/admin.md). */
typedef enum db_lock_scheme {
    DB_LOCK_POSIX,
    DB_LOCK_DOTFILE,
    DB_N_LOCK
} db_lock_scheme;
/* Choose the scheme for connections opened from now on; every process on
 * one file must use the same one. */
void db_set_locking(db_lock_scheme s);
db_lock_scheme db_locking(void);
/* The name of a scheme as the config file spells it ("posix", "dotfile"). */
const char *db_lock_name(db_lock_scheme s);
/* Read a scheme's name; false when it is none of ours. */
bool db_lock_parse(const char *name, db_lock_scheme *out);
/* How many lock directories left by dead processes a connection removed. */
int db_stale_locks(const db *d);

/* Set who is acting: every audit row written through d names this staff. */
void db_set_actor(db *d, int64_t staff_id);
int64_t db_actor(const db *d);

/* Run fn inside BEGIN IMMEDIATE ... COMMIT.  When the database is busy the
 * whole transaction is rolled back and run again, so fn must not keep
 * state between calls that a retry would double.  Any status other than
 * DB_OK from fn rolls back and is returned. */
typedef db_status (*db_tx_fn)(db *d, void *arg);
db_status db_write(db *d, db_tx_fn fn, void *arg);

/* The value of one of the connection's settings as text: journal_mode,
 * synchronous, foreign_keys, trusted_schema, user_version or
 * application_id.  Any other name is DB_INVALID.  For checks and tests. */
db_status db_pragma(db *d, const char *name, char *buf, size_t n);

/* The schema version this build writes, and the file's. */
int db_schema_version(void);
db_status db_file_version(db *d, int *version);

/* Integrity and schema checks for `tsunagi check`.  Each problem found is
 * passed to report (in Japanese); *problems counts them. */
typedef void (*db_report_fn)(void *arg, const char *problem);
db_status db_check(db *d, db_report_fn report, void *arg, int *problems);

/* ---- administration (db-check.c, db-backup.c) ------------------------ */

/* How much a line about the file matters to `tsunagi check`. */
typedef enum db_note_level {
    DB_NOTE_INFO,     /* a fact: journal mode, versions, permissions */
    DB_NOTE_WARN,     /* worth fixing, but the file is safe to use */
    DB_NOTE_PROBLEM   /* the file is not safe to use as it is */
} db_note_level;
typedef void (*db_note_fn)(void *arg, db_note_level level, const char *text);

/* What lies around the file's contents, for `tsunagi check`: the journal
 * mode, the schema version, permissions and owner, the folder, the file
 * system and its mount options, and the lock probe (db_lock_probe).
 * Each line goes to note, in Japanese; *problems counts the
 * DB_NOTE_PROBLEM ones. */
db_status db_check_file(db *d, db_note_fn note, void *arg, int *problems);

/* Whether POSIX byte-range locks work in the folder of the database: a
 * lock taken on a probe file next to it must be seen by another process
 * (a child forked for the purpose).  The probe file is removed again.
 * Locks that work only inside one host (NFS nolock, SMB nobrl) look
 * working from here: db_check_file reads the mount options for those. */
db_status db_lock_probe(db *d, bool *works);

/* What db_backup made. */
typedef struct db_backup_result {
    int64_t pages;      /* database pages copied */
    int64_t bytes;      /* size of the copy */
} db_backup_result;

/* Copy the database to dest with SQLite's online backup, a few pages at a
 * time so that other users keep working.  The copy is made under a
 * temporary name beside dest, opened and checked with db_check (each
 * problem passed to report), synced, and only then given its name, so
 * that a half copy never looks complete.  Refuses (DB_EXISTS) to replace
 * anything at dest.  The copy is readable by its owner only.  Writes an
 * audit row "backup" naming dest before copying, so that the copy holds
 * the record of its own making.  A copy with problems is DB_NOTDB and is
 * removed. */
db_status db_backup(db *d, const char *dest, db_report_fn report, void *arg,
                    db_backup_result *out);

/* ---- rows ------------------------------------------------------------ */

/* Strings in rows are malloc'd and never NULL after a successful read
 * (empty when unset). */

typedef struct db_staff {
    int64_t id;
    char *login;      /* OS user name */
    char *name;
    char *role;       /* admin, coordinator, counter, agency */
    int64_t agency_id; /* 0 when none */
    char *agency_name;
    bool active;
    int64_t version;
} db_staff;

typedef struct db_agency {
    int64_t id;
    char *name;
    char *field;      /* 高齢, 障がい, 子ども, 生活困窮, ... */
    char *phone;
    char *address;
    int64_t version;
} db_agency;

typedef struct db_household {
    int64_t id;
    char *name;
    char *address;
    char *note;
    int64_t version;
} db_household;

typedef struct db_person {
    int64_t id;
    int64_t household_id;  /* 0 when none */
    char *relation;        /* 続柄 in the household */
    char *name;            /* 氏名 */
    char *kana;            /* フリガナ */
    char *birth;           /* ISO date or "" */
    char *sex;             /* M, F, X or "" */
    char *address;
    char *phone;
    char *note;
    int64_t version;
} db_person;

/* A link from a person to an agency that supports them. */
typedef struct db_link {
    int64_t id;
    int64_t person_id;
    int64_t agency_id;
    char *agency_name;
    char *agency_field;
    char *role;          /* what the agency does for the person */
    char *contact;       /* the agency's worker */
    char *since;         /* ISO date */
    int64_t version;
} db_link;

void db_staff_free(db_staff *s);
void db_agency_free(db_agency *a);
void db_household_free(db_household *h);
void db_person_free(db_person *p);
void db_link_free(db_link *l);
void db_person_list_free(db_person *ps, size_t n);
void db_staff_list_free(db_staff *ss, size_t n);
void db_link_list_free(db_link *ls, size_t n);

/* ---- staff (db-staff.c) ---------------------------------------------- */

db_status db_staff_by_login(db *d, const char *login, db_staff *out);
db_status db_staff_list(db *d, db_staff **out, size_t *n);
/* Insert; *id receives the new id.  Must run inside db_write. */
db_status db_staff_insert(db *d, const db_staff *s, int64_t *id);
/* Set active = false, checking the version read. */
db_status db_staff_set_active(db *d, int64_t id, int64_t version, bool active);

/* ---- agencies (db-agency.c) ------------------------------------------ */

db_status db_agency_insert(db *d, const db_agency *a, int64_t *id);
db_status db_agency_by_name(db *d, const char *name, db_agency *out);
/* The active agencies, by field and then name. */
db_status db_agency_list(db *d, db_agency **out, size_t *n);
void db_agency_list_free(db_agency *as, size_t n);

/* ---- households (db-household.c) ------------------------------------- */

db_status db_household_insert(db *d, const db_household *h, int64_t *id);
db_status db_household_get(db *d, int64_t id, db_household *out);

/* ---- persons (db-person.c) ------------------------------------------- */

/* Insert p (its id and version are ignored); *id receives the new id.
 * Must run inside db_write; writes the audit row. */
db_status db_person_insert(db *d, const db_person *p, int64_t *id);
/* Update every field of p if its version is still the one stored, and
 * bump the version; DB_CONFLICT otherwise.  Must run inside db_write. */
db_status db_person_update(db *d, const db_person *p);
db_status db_person_get(db *d, int64_t id, db_person *out);
/* The members of a household, household head first. */
db_status db_person_household(db *d, int64_t household_id,
                              db_person **out, size_t *n);
db_status db_person_count(db *d, int64_t *n);

db_status db_link_insert(db *d, const db_link *l, int64_t *id);
db_status db_link_list(db *d, int64_t person_id, db_link **out, size_t *n);

/* ---- audit (db-audit.c) ---------------------------------------------- */

/* Append an audit row: the actor, now, what was done, to which record.
 * Must run inside db_write. */
db_status db_audit(db *d, const char *action, const char *entity,
                   int64_t entity_id, const char *detail);
/* Record, in a transaction of its own, that rows left the database on the
 * command line: how many, and what was asked for. */
db_status db_audit_export(db *d, const char *action, const char *entity,
                          size_t rows, const char *asked);
/* Open a write transaction only to record that a record was viewed. */
db_status db_audit_view(db *d, const char *entity, int64_t entity_id);
db_status db_audit_count(db *d, const char *action, const char *entity,
                         int64_t entity_id, int64_t *n);

/* ---- consultations (db-consult.c) ----------------------------------- */

/* One consultation (相談受付).  Multi-choice concerns are kept as one
 * string in the form layer's format (items joined by "\n", the most
 * pressing prefixed with "*"), and stored one row per concern. */
typedef struct db_consult {
    int64_t id;
    int64_t person_id;      /* 0 for an anonymous consultation */
    int64_t staff_id;       /* who took it */
    char *staff_name;       /* read only */
    char *received_at;      /* local "YYYY-MM-DDTHH:MM" */
    int fiscal_year;        /* 年度 of received_at */
    char *channel;          /* 窓口, 電話, 訪問, メール, LINE, その他 */
    char *visitor;          /* 来談者 when not the person */
    char *visitor_relation;
    char *referrer;         /* 紹介元 */
    char *concerns;
    char *content;          /* what was said */
    char *urgency;          /* 緊急, 高, 通常 */
    char *next_contact;     /* ISO date or "" */
    char *disposition;
    bool is_new;            /* 新規 in its 年度: left false by the db layer;
                               set by dom_consult_mark_new */
    int64_t version;
    /* Fields a municipality added to the form: id and value pairs. */
    char **extra_ids;
    char **extra_values;
    size_t n_extra;
} db_consult;

void db_consult_free(db_consult *c);
void db_consult_list_free(db_consult *cs, size_t n);

/* Insert a consultation with its concerns and extra fields (c->id,
 * staff_name, fiscal_year, is_new and version are ignored: the 年度 is
 * computed from received_at).  A received_at or next_contact that is not a
 * real date and time, or a concern listed twice, is DB_INVALID.  Must run
 * inside db_write; writes the audit row. */
db_status db_consult_insert(db *d, const db_consult *c, int64_t *id);
/* Link a consultation to a person (an anonymous call identified later),
 * checking the version read: DB_CONFLICT when it changed, DB_NOTFOUND when
 * there is no such consultation.  Must run inside db_write; writes the
 * audit row. */
db_status db_consult_link(db *d, int64_t id, int64_t version, int64_t person_id);
/* One consultation with its concerns (in the order stored) and its extra
 * fields (by field id); is_new is left false. */
db_status db_consult_get(db *d, int64_t id, db_consult *out);
/* A person's consultations, newest first (received_at, then id).  is_new
 * is left false: 新規/継続 is a domain rule, so the caller (ui, cli)
 * applies dom_consult_mark_new to the whole list. */
db_status db_consult_by_person(db *d, int64_t person_id,
                               db_consult **out, size_t *n);
/* The latest consultations with a disposition ("" for all), newest first,
 * at most limit of them (none when limit is 0).  is_new is left false. */
db_status db_consult_by_disposition(db *d, const char *disposition,
                                    size_t limit, db_consult **out, size_t *n);

/* The latest anonymous consultations, newest first, at most limit. */
db_status db_consult_anonymous(db *d, size_t limit, db_consult **out, size_t *n);

/* Persons who may be the one being typed in: the same reading and birth
 * date, the same phone number, the same name, or the same reading, or the
 * same birth date with a reading that starts alike.  Uses the stored
 * search keys only (index look-ups, never a scan); the domain layer ranks
 * them (dom_person_rank).  A phone number counts from
 * DB_SIMILAR_PHONE_DIGITS digits.  typed->id, when set, is left out, so
 * that a person being edited does not match itself. */
#define DB_SIMILAR_PHONE_DIGITS 6
db_status db_person_similar(db *d, const db_person *typed, size_t limit,
                            db_person **out, size_t *n);

/* ---- drafts (db-draft.c) --------------------------------------------- */

/* A form left unsaved: its values as "id\tvalue" lines (values escaped by
 * the form layer). */
typedef struct db_draft {
    int64_t id;
    int64_t staff_id;
    char *form_id;
    char *data;
    char *saved_at;
    int64_t version;
} db_draft;

void db_draft_free(db_draft *dr);
void db_draft_list_free(db_draft *drs, size_t n);
/* Insert (dr->id == 0) or replace a draft of dr->staff_id, checking the
 * version read (DB_CONFLICT when another terminal saved it since, and
 * DB_NOTFOUND when it was deleted).  On success dr->id and dr->version
 * are the stored ones; saved_at is set to now in the file but dr->saved_at
 * is left as it was.  Runs its own write transaction. */
db_status db_draft_save(db *d, db_draft *dr);
/* The drafts of a staff member, newest first. */
db_status db_draft_list(db *d, int64_t staff_id, db_draft **out, size_t *n);
/* Delete a draft (after its form was saved or discarded); DB_NOTFOUND
 * when it is gone already.  Must run inside db_write, so that a saved form
 * and its draft's removal are one change. */
db_status db_draft_delete(db *d, int64_t id);
/* Tie a draft to the saves that follow (0: untie): each write transaction
 * also removes it, so that the form it kept and its removal are one
 * change, whichever save function stores the form. */
void db_draft_attach(db *d, int64_t id);

/* ---- search (db-search.c) -------------------------------------------- */

/* Incremental lookup over 氏名, フリガナ, phone (the last digits too),
 * address and person number, through the search key.  Names that start
 * with the query come first, then those that contain it.  Returns up to
 * limit rows; *more is set when there are further matches. */
db_status db_search(db *d, const char *query, size_t limit,
                    db_person **out, size_t *n, bool *more);

/* ---- consent, referrals, cases and plans (schema 3) ------------------ */
/* The db functions below that change rows run inside db_write (the domain
 * layer composes them into one transaction with its rules checked first)
 * and write their audit rows; an update names the version it read and
 * fails with DB_CONFLICT when the row moved on. */

/* 本人同意 (db-consent.c).  Never edited: a withdrawal is set once. */
typedef struct db_consent {
    int64_t id;
    int64_t person_id;
    char *given_on;          /* ISO date */
    char *method;            /* 署名, 口頭, 代理人 */
    char *proxy_name;        /* 代理人 only */
    char *proxy_relation;
    bool all_agencies;       /* scope: every 支援関係機関, else agencies[] */
    int64_t *agencies;
    size_t n_agencies;
    char **agency_names;     /* read only, parallel to agencies */
    char *form_no;           /* the paper form's number */
    int64_t taken_by;
    char *taken_by_name;     /* read only */
    char *note;
    char *withdrawn_on;      /* "" while in force */
    char *withdraw_reason;
    int64_t withdrawn_by;
    int64_t version;
    char *created_at;
} db_consent;
void db_consent_free(db_consent *c);
void db_consent_list_free(db_consent *cs, size_t n);
/* Insert a consent and its agencies; c->id receives the new id. */
db_status db_consent_insert(db *d, db_consent *c);
/* Withdraw a consent read at version.  DB_CONFLICT when it changed or was
 * withdrawn meanwhile, DB_NOTFOUND when there is none. */
db_status db_consent_withdraw(db *d, int64_t id, int64_t version, const char *on,
                              const char *reason);
/* A person's consents, newest first (given_on, then id), with agencies. */
db_status db_consent_list(db *d, int64_t person_id, db_consent **out, size_t *n);
/* How many consents a person has, and how many are not withdrawn: what
 * dom_consent_state needs, cheaply (lookup rows show it). */
db_status db_consent_counts(db *d, int64_t person_id, int *in_force, int *total);

/* A case (db-case.c): 多機関協働, アウトリーチ or 参加支援. */
typedef struct db_case {
    int64_t id;
    int64_t person_id;
    char *person_name;       /* read only */
    int64_t household_id;    /* 0: none */
    char *business;
    char *stage;
    int64_t lead_staff_id;   /* 主担当, 0: not yet */
    char *lead_staff_name;   /* read only */
    int64_t lead_agency_id;
    char *lead_agency_name;  /* read only */
    int64_t consultation_id; /* opened from an intake, 0: not */
    int64_t referral_id;     /* opened from a referral, 0: not */
    char *criteria;          /* escalation criteria met: "1", "1,3", ... */
    char *tried;             /* what the counter already tried */
    char *opened_on;         /* ISO date */
    int64_t version;
    char *updated_at;
} db_case;
/* One event of a case's timeline. */
typedef struct db_case_event {
    int64_t id;
    int64_t case_id;
    char *at;                /* UTC ISO 8601 */
    int64_t staff_id;
    char *staff_name;        /* read only */
    char *kind;              /* 開始, 段階, 主担当, 記録, プラン, つなぎ, 同意 */
    char *from_stage;
    char *to_stage;
    char *note;
} db_case_event;
void db_case_free(db_case *c);
void db_case_list_free(db_case *cs, size_t n);
void db_case_event_list_free(db_case_event *es, size_t n);
/* Insert a case (c->id receives the id). */
db_status db_case_insert(db *d, db_case *c);
/* Move a case read at version to stage to. */
db_status db_case_set_stage(db *d, int64_t id, int64_t version, const char *to);
/* Set the lead worker and agency of a case read at version. */
db_status db_case_set_lead(db *d, int64_t id, int64_t version, int64_t staff_id,
                           int64_t agency_id);
/* Append an event (e->id receives the id); the acting staff is db_actor. */
db_status db_case_event_add(db *d, db_case_event *e);
db_status db_case_get(db *d, int64_t id, db_case *out);
/* A person's cases, the open ones first, newest first within. */
db_status db_case_by_person(db *d, int64_t person_id, db_case **out, size_t *n);
/* Cases at a stage ("" for every stage), newest first, at most limit. */
db_status db_case_by_stage(db *d, const char *stage, size_t limit, db_case **out, size_t *n);
/* A case's events, oldest first. */
db_status db_case_events(db *d, int64_t case_id, db_case_event **out, size_t *n);

/* つなぎ (db-referral.c). */
typedef struct db_referral {
    int64_t id;
    int64_t person_id;       /* 0: an anonymous consultation */
    char *person_name;       /* read only */
    int64_t consultation_id; /* from an intake, 0: not */
    int64_t case_id;         /* from a case, 0: not */
    int64_t agency_id;
    char *agency_name;       /* read only */
    char *reason;
    char *shared;            /* what was shared; "" nothing personal */
    int64_t consent_id;      /* the consent that covers the sharing, 0: none */
    char *due_on;            /* ISO date the answer is due */
    char *state;             /* 依頼, 受理, 差戻し, 対応中, 完了 */
    char *state_note;        /* 差戻し's reason, or a note */
    int64_t sent_by;
    char *sent_by_name;      /* read only */
    char *sent_on;           /* ISO date */
    int64_t version;
    char *updated_at;
} db_referral;
typedef struct db_referral_event {
    int64_t id;
    int64_t referral_id;
    char *at;
    int64_t staff_id;
    char *staff_name;        /* read only */
    char *state;
    char *note;
} db_referral_event;
void db_referral_free(db_referral *r);
void db_referral_list_free(db_referral *rs, size_t n);
void db_referral_event_list_free(db_referral_event *es, size_t n);
/* Insert a referral in state 依頼 with its first event (r->id set). */
db_status db_referral_insert(db *d, db_referral *r);
/* Move a referral read at version to state, with a note (and an event). */
db_status db_referral_set_state(db *d, int64_t id, int64_t version, const char *state,
                                const char *note);
db_status db_referral_get(db *d, int64_t id, db_referral *out);
/* Referrals to an agency (0: any) in a state ("": any), the earliest due
 * first, at most limit. */
db_status db_referral_list(db *d, int64_t agency_id, const char *state, size_t limit,
                           db_referral **out, size_t *n);
db_status db_referral_by_person(db *d, int64_t person_id, db_referral **out, size_t *n);
db_status db_referral_events(db *d, int64_t referral_id, db_referral_event **out, size_t *n);

/* Plans (db-plan.c).  A re-plan is a new row with replaces_id. */
typedef struct db_plan_role {
    int64_t agency_id;       /* 0: a role not held by an agency */
    char *agency_name;       /* read only */
    char *who;               /* the worker, or who when no agency */
    char *role;              /* what they do */
} db_plan_role;
typedef struct db_plan {
    int64_t id;
    int64_t case_id;
    int64_t replaces_id;     /* the plan this one re-plans, 0: the first */
    int seq;                 /* 1, 2, ... within the case */
    char *type;              /* 支援プラン, 世帯丸ごと支援プラン, 参加支援プラン, アウトリーチ等プラン */
    char *type_reason;       /* why this type (the consent at the time) */
    char *goal;              /* 本人目標 */
    char *policy;            /* 支援方針 */
    char *state;             /* 案, 承認, 実施中, 評価済, 終結 */
    char *approved_on;       /* ISO dates or "" */
    char *monitor_on;
    char *evaluate_on;
    int64_t staff_id;
    int64_t version;
    char *created_at;
    char *updated_at;
    db_plan_role *roles;
    size_t n_roles;
} db_plan;
void db_plan_free(db_plan *p);
void db_plan_list_free(db_plan *ps, size_t n);
/* Insert a plan with its roles; seq is the case's next; p->id and p->seq
 * receive the new values. */
db_status db_plan_insert(db *d, db_plan *p);
/* Save a plan read at p->version: its texts, state, dates and roles. */
db_status db_plan_update(db *d, db_plan *p);
db_status db_plan_get(db *d, int64_t id, db_plan *out);
/* A case's plans, the latest first. */
db_status db_plan_by_case(db *d, int64_t case_id, db_plan **out, size_t *n);

/* Assessments (db-plan.c): the assessment form's values for a case. */
typedef struct db_assessment {
    int64_t id;
    int64_t case_id;
    char *data;              /* form values as text (form_values_dump) */
    int64_t staff_id;
    int64_t version;
    char *updated_at;
} db_assessment;
void db_assessment_free(db_assessment *a);
/* Insert (a->id == 0) or update a->id read at a->version. */
db_status db_assessment_save(db *d, db_assessment *a);
/* The latest assessment of a case; DB_NOTFOUND when none. */
db_status db_assessment_latest(db *d, int64_t case_id, db_assessment *out);

/* ---- settings the administrator chooses (db-meeting.c) ------------------ */

/* A setting's value (malloc'd); DB_NOTFOUND when it was never set. */
db_status db_setting_get(db *d, const char *key, char **value);
/* Set a setting.  Must run inside db_write. */
db_status db_setting_set(db *d, const char *key, const char *value);

/* ---- meetings and their agendas (db-meeting.c) -------------------------- */

/* A kind of meeting: 重層的支援会議 and 支援会議 come with the schema; a
 * municipality adds its own (WG会議, 支援調整会議). */
typedef struct db_meeting_kind {
    int64_t id;
    char *name;
    bool confidential;       /* 守秘義務: cases without consent may come */
    bool active;
} db_meeting_kind;

typedef struct db_meeting {
    int64_t id;
    int64_t kind_id;
    char *kind_name;         /* read only */
    bool confidential;       /* read only: the kind's */
    int64_t series_id;       /* the series it was generated in, 0: none */
    char *held_on;           /* ISO date */
    char *starts_at;         /* "HH:MM", "" when not set */
    char *place;
    bool regular;            /* 定例; false: 随時 */
    char *state;             /* 予定, 開催済, 中止 */
    char *note;
    int64_t created_by;
    int64_t n_items;         /* read only: items on its agenda */
    int64_t version;
} db_meeting;

/* A member: an agency or a staff member (the other id is 0). */
typedef struct db_meeting_member {
    int64_t agency_id;
    int64_t staff_id;
    char *name;              /* read only: the agency's or the staff's */
    bool attended;
} db_meeting_member;

/* A case on a meeting's agenda, and the decision taken on it. */
typedef struct db_agenda_item {
    int64_t id;
    int64_t meeting_id;
    int64_t case_id;
    int64_t position;        /* 1, 2, ... in the agenda's order */
    char *moment;            /* プラン策定, 再プラン, 終結判断, 中断決定, 情報共有, 緊急 */
    int64_t plan_id;         /* the plan discussed, 0: none */
    char *note;
    char *decision;          /* "" until decided */
    char *decision_note;
    char *resource_gap;      /* 社会資源の不足 noted on it, "" none */
    int64_t decided_by;      /* 0 until decided */
    char *decided_at;        /* UTC timestamp, "" until decided */
    int64_t added_by;
    int64_t version;
    /* read only: the case, its person and the meeting */
    int64_t person_id;
    char *person_name;
    char *person_kana;
    char *stage;
    char *business;
    char *held_on;
    char *kind_name;
} db_agenda_item;

void db_meeting_kind_list_free(db_meeting_kind *ks, size_t n);
void db_meeting_free(db_meeting *m);
void db_meeting_list_free(db_meeting *ms, size_t n);
void db_meeting_member_list_free(db_meeting_member *ms, size_t n);
void db_agenda_item_free(db_agenda_item *it);
void db_agenda_item_list_free(db_agenda_item *its, size_t n);

/* The kinds of meeting, active ones only unless all, by id. */
db_status db_meeting_kinds(db *d, bool all, db_meeting_kind **out, size_t *n);
/* Add a kind (k->id set); DB_CONFLICT when the name exists.  In db_write. */
db_status db_meeting_kind_add(db *d, db_meeting_kind *k);

/* Insert a meeting (m->id, m->version set; created_by is db_actor's).
 * Must run inside db_write. */
db_status db_meeting_insert(db *d, db_meeting *m);
/* Save a meeting read at m->version: date, time, place, regular, state
 * and note (m->version moves on).  DB_CONFLICT when another terminal saved
 * it first.  Must run inside db_write. */
db_status db_meeting_update(db *d, db_meeting *m);
/* Name the series a meeting belongs to.  Must run inside db_write. */
db_status db_meeting_set_series(db *d, int64_t id, int64_t series_id);
db_status db_meeting_get(db *d, int64_t id, db_meeting *out);
/* Meetings held from..to (ISO dates, "" for no bound), by date and time. */
db_status db_meeting_list(db *d, const char *from, const char *to, db_meeting **out,
                          size_t *n);
/* A meeting's members, agencies first, by name. */
db_status db_meeting_members(db *d, int64_t meeting_id, db_meeting_member **out,
                             size_t *n);
/* Replace a meeting's members (and who attended).  Must run inside db_write. */
db_status db_meeting_set_members(db *d, int64_t meeting_id, const db_meeting_member *ms,
                                 size_t n);

/* A meeting's agenda, in its order. */
db_status db_agenda_items(db *d, int64_t meeting_id, db_agenda_item **out, size_t *n);
db_status db_agenda_get(db *d, int64_t id, db_agenda_item *out);
/* Put a case on an agenda, last (it->id, it->position, it->version set;
 * added_by is db_actor's).  DB_CONFLICT when the case is on it already.
 * Must run inside db_write. */
db_status db_agenda_add(db *d, db_agenda_item *it);
/* Take an item read at version off its agenda; the others close up.
 * DB_CONFLICT when it changed meanwhile (decided, say).  In db_write. */
db_status db_agenda_remove(db *d, int64_t id, int64_t version);
/* Move an item one place up (delta -1) or down (+1), swapping with its
 * neighbour; DB_NOTFOUND at either end.  Must run inside db_write. */
db_status db_agenda_move(db *d, int64_t id, int delta);
/* Record the decision, its note and a resource gap on an item read at
 * it->version (decided_by is db_actor's, decided_at now; it->version moves
 * on).  DB_CONFLICT when it changed meanwhile.  Must run inside db_write. */
db_status db_agenda_decide(db *d, db_agenda_item *it);
/* The items of a case on every agenda, the latest meeting first. */
db_status db_agenda_by_case(db *d, int64_t case_id, db_agenda_item **out, size_t *n);
/* Every item a resource gap was noted on, the latest meeting first. */
db_status db_agenda_gaps(db *d, db_agenda_item **out, size_t *n);

/* An open case with what the agenda rules look at (db_case_statuses). */
typedef struct db_case_status {
    int64_t case_id;
    int64_t person_id;
    char *person_name;
    char *stage;
    char *business;
    char *opened_on;
    int64_t plan_id;         /* the latest plan, 0: none */
    char *plan_state;        /* "" when none */
    bool replan;             /* the latest plan re-plans another */
    char *monitor_on;        /* its dates, "" when not set */
    char *evaluate_on;
    char *assessment;        /* the latest assessment's values, "" none */
    char *last_activity;     /* ISO date of the case's latest event */
    int in_force;            /* consents in force now, and ever given */
    int consents;
    int64_t upcoming_meeting;  /* a 予定 meeting it is on already, 0: none */
} db_case_status;
void db_case_status_list_free(db_case_status *cs, size_t n);
/* Every case at one of stages[0..n_stages) (the domain says which are
 * open), with the above, by case id.  Read in one transaction. */
db_status db_case_statuses(db *d, const char *const *stages, size_t n_stages,
                           db_case_status **out, size_t *n);

/* ---- the outreach list (db-outreach.c) ---------------------------------- */

/* Someone the counter does not reach by waiting, known perhaps only in
 * part, and what was done to reach them. */
typedef struct db_outreach {
    int64_t id;
    char *label;             /* how they are known: a name, a nickname, "○○さん宅の長男" */
    char *address;
    char *family;            /* a family member known */
    char *source;            /* 民生委員, 学校・SSW, 地域住民, 関係機関, 家族, その他 */
    char *source_note;       /* who told, in their words */
    char *first_info_on;     /* ISO date of the first information */
    char *situation;
    char *stage;             /* 未接触, 接触あり, 関係構築中, 支援につながった, 終結 */
    char *next_on;           /* ISO date of the next planned attempt, "" none */
    char *next_how;          /* how it is planned (訪問 ...), "" */
    int64_t worker_id;       /* the worker in charge, 0: none */
    char *worker_name;       /* read only */
    int64_t meeting_id;      /* the 支援会議 where it was shared, 0: none */
    int64_t person_id;       /* the person it became, 0: not yet */
    int64_t case_id;         /* the case it became, 0: not yet */
    int64_t n_attempts;      /* read only */
    char *last_attempt_on;   /* read only: "" none */
    int64_t version;
} db_outreach;

/* One attempt to reach them (append-only). */
typedef struct db_outreach_attempt {
    int64_t id;
    int64_t outreach_id;
    char *done_on;           /* ISO date */
    char *how;               /* 訪問, 電話, 手紙, メール, 同行, 置き手紙 */
    bool reached;            /* contact was made */
    char *result;
    int64_t staff_id;        /* db_actor's when inserted */
    char *staff_name;        /* read only */
} db_outreach_attempt;

void db_outreach_free(db_outreach *o);
void db_outreach_list_free(db_outreach *os, size_t n);
void db_outreach_attempt_list_free(db_outreach_attempt *as, size_t n);
/* Insert an entry (o->id, o->version set).  Must run inside db_write. */
db_status db_outreach_insert(db *d, db_outreach *o);
/* Save an entry read at o->version: every field but id (o->version moves
 * on); DB_CONFLICT when another terminal saved it first, DB_NOTFOUND when
 * it is gone.  Must run inside db_write. */
db_status db_outreach_update(db *d, db_outreach *o);
db_status db_outreach_get(db *d, int64_t id, db_outreach *out);
/* Entries at a stage ("" any; "open" means not 終結 nor 支援につながった is
 * the caller's to filter), the next attempt due first (undated last), at
 * most limit. */
db_status db_outreach_list(db *d, const char *stage, size_t limit, db_outreach **out,
                           size_t *n);
/* Entries whose next attempt is due on or before an ISO date, earliest
 * first, at most limit. */
db_status db_outreach_due(db *d, const char *on, size_t limit, db_outreach **out, size_t *n);
/* Append an attempt (a->id set; staff is db_actor's).  Must run inside
 * db_write. */
db_status db_outreach_attempt_add(db *d, db_outreach_attempt *a);
/* An entry's attempts, oldest first. */
db_status db_outreach_attempts(db *d, int64_t outreach_id, db_outreach_attempt **out,
                               size_t *n);

/* ---- participation support (db-resource.c) ------------------------------ */

/* A local resource (社会資源) a person may be connected to. */
typedef struct db_resource {
    int64_t id;
    char *name;
    char *kind;              /* 就労体験, ボランティア, 居場所, 学習支援, 住まい, 企業, その他 */
    char *contact;
    char *conditions;        /* who it can take, when, costs */
    int64_t capacity;        /* people it can take at once, 0: not set */
    char *notes;             /* how to receive people there */
    bool active;
    int64_t n_active;        /* read only: matchings 調整中, 開始 or 定着 */
    int64_t version;
} db_resource;

/* A person matched to a resource, and the follow-ups that keep it. */
typedef struct db_matching {
    int64_t id;
    int64_t person_id;
    char *person_name;       /* read only */
    int64_t case_id;         /* the 参加支援 case, 0: none */
    int64_t plan_id;         /* the 参加支援プラン, 0: none */
    int64_t resource_id;
    char *resource_name;     /* read only */
    char *state;             /* 調整中, 開始, 定着, 終了, 中止 */
    char *started_on;        /* ISO date it began, "" */
    char *ended_on;          /* ISO date it ended, "" */
    char *end_reason;        /* why it ended (終了, 中止), "" */
    char *next_follow_on;    /* ISO date of the next follow-up, "" none */
    int64_t staff_id;        /* who made it */
    int64_t version;
} db_matching;

/* A state change or a follow-up of a matching (append-only). */
typedef struct db_matching_event {
    int64_t id;
    int64_t matching_id;
    char *at;                /* UTC timestamp */
    char *done_on;           /* ISO date of the talk or visit */
    int64_t staff_id;        /* db_actor's when inserted */
    char *staff_name;        /* read only */
    char *kind;              /* 状態, フォロー */
    char *with_whom;         /* 本人, 受け入れ先, 両方, "" */
    char *state;             /* the state moved to (状態), "" */
    char *note;
} db_matching_event;

/* A need no resource meets (社会資源の不足), for 地域づくり. */
typedef struct db_resource_need {
    int64_t id;
    char *need;
    char *kind;              /* a resource kind it would be, "" */
    int64_t person_id;       /* whose need, 0: none named */
    int64_t case_id;
    char *noted_on;          /* ISO date */
    int64_t staff_id;
    int64_t met_by;          /* the resource that now meets it, 0: open */
    int64_t version;
} db_resource_need;

void db_resource_free(db_resource *r);
void db_resource_list_free(db_resource *rs, size_t n);
void db_matching_free(db_matching *m);
void db_matching_list_free(db_matching *ms, size_t n);
void db_matching_event_list_free(db_matching_event *es, size_t n);
void db_resource_need_list_free(db_resource_need *ns, size_t n);

/* Insert a resource (r->id, r->version set), its search key made from its
 * name, kind, contact, conditions and notes.  Must run inside db_write. */
db_status db_resource_insert(db *d, db_resource *r);
/* Save a resource read at r->version (the key made again); DB_CONFLICT or
 * DB_NOTFOUND.  Must run inside db_write. */
db_status db_resource_update(db *d, db_resource *r);
db_status db_resource_get(db *d, int64_t id, db_resource *out);
/* Active resources of a kind ("" any) whose texts hold every word of
 * words (split at spaces of either width; compared through
 * txt_search_key), by kind and name, at most limit. */
db_status db_resource_search(db *d, const char *kind, const char *words, size_t limit,
                             db_resource **out, size_t *n);

/* Insert a matching in its first state with a 状態 event (m->id,
 * m->version set; staff is db_actor's).  Must run inside db_write. */
db_status db_matching_insert(db *d, db_matching *m, const char *done_on, const char *note);
/* Save a matching read at m->version (state, dates, reason, next
 * follow-up) and add the event e (its matching and staff filled in);
 * DB_CONFLICT or DB_NOTFOUND.  Must run inside db_write. */
db_status db_matching_update(db *d, db_matching *m, db_matching_event *e);
db_status db_matching_get(db *d, int64_t id, db_matching *out);
/* A person's matchings, the latest first. */
db_status db_matching_by_person(db *d, int64_t person_id, db_matching **out, size_t *n);
/* A resource's matchings, the latest first. */
db_status db_matching_by_resource(db *d, int64_t resource_id, db_matching **out, size_t *n);
/* Matchings whose next follow-up is due on or before an ISO date, earliest
 * first, at most limit. */
db_status db_matching_due(db *d, const char *on, size_t limit, db_matching **out, size_t *n);
/* A matching's events, oldest first. */
db_status db_matching_events(db *d, int64_t matching_id, db_matching_event **out, size_t *n);

/* Record a need (n->id, n->version set; staff is db_actor's).  Must run
 * inside db_write. */
db_status db_resource_need_insert(db *d, db_resource_need *n);
/* Mark a need read at version as met by a resource.  In db_write. */
db_status db_resource_need_met(db *d, int64_t id, int64_t version, int64_t resource_id);
/* The needs still open (met_by none) or all, the latest noted first, at
 * most limit. */
db_status db_resource_needs(db *d, bool open_only, size_t limit, db_resource_need **out,
                            size_t *n);

#endif
