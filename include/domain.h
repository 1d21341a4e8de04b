/* domain.h - the rules of the counter's work, in plain C: no curses and no
 * SQL.  It reads rows as the db layer defines them. */
#ifndef TSUNAGI_DOMAIN_H
#define TSUNAGI_DOMAIN_H

#include <stdbool.h>

#include "db.h"
#include "text.h"

/* ---- persons (dom-person.c) ------------------------------------------ */

/* The label of a stored sex code (M, F, X, ""): 男, 女, その他, 不明. */
const char *dom_sex_label(const char *code);
/* The code of a label or code typed by a user; NULL when it is neither. */
const char *dom_sex_code(const char *text);

/* The person's age on today, or -1 when the birth date is unknown. */
int dom_person_age(const db_person *p, txt_date today);

/* Today's date in local time (the counter's calendar day). */
txt_date dom_today(void);

/* Check a person before saving: a birth date that is real and not in the
 * future.  Returns NULL when fine, else a Japanese message naming the
 * field. */
const char *dom_person_invalid(const db_person *p, txt_date today);

/* The 続柄 (relationship to the household head) a form offers. */
extern const char *const dom_relations[];
extern const size_t dom_n_relations;

/* ---- staff (dom-staff.c) --------------------------------------------- */

typedef enum dom_role {
    DOM_ROLE_ADMIN,        /* 管理者: registers staff, sets limits */
    DOM_ROLE_COORDINATOR,  /* 相談支援コーディネーター */
    DOM_ROLE_COUNTER,      /* 窓口職員 */
    DOM_ROLE_AGENCY,       /* 関係機関職員 */
    DOM_ROLE_UNKNOWN
} dom_role;

/* The role of a stored code ("admin" ...). */
dom_role dom_role_of(const char *code);
/* The stored code of a role. */
const char *dom_role_code(dom_role r);
/* The Japanese label of a role. */
const char *dom_role_label(dom_role r);
/* The role a user typed, as a code or a Japanese label. */
dom_role dom_role_parse(const char *text);
/* Whether a staff member may use tsunagi at all. */
bool dom_staff_may_enter(const db_staff *s);
/* Whether a staff member may register and disable staff. */
bool dom_staff_is_admin(const db_staff *s);

/* ---- consultations (dom-consult.c) ----------------------------------- */

/* The choices of the national intake form, in its order.  The form file
 * may offer others; these are what the program's rules know. */
extern const char *const dom_channels[];       /* 窓口 電話 訪問 メール LINE その他 */
extern const size_t dom_n_channels;
extern const char *const dom_urgencies[];      /* 緊急 高 通常 */
extern const size_t dom_n_urgencies;
extern const char *const dom_dispositions[];   /* 窓口で対応・終了 つなぎ 多機関協働へ
                                                  アウトリーチへ 参加支援へ 継続相談 */
extern const size_t dom_n_dispositions;

/* The disposition that keeps a case open at the counter. */
#define DOM_DISPOSITION_CONTINUE "継続相談"

/* The 年度 of a "YYYY-MM-DD..." timestamp, or -1 when unreadable. */
int dom_fiscal_year_of(const char *timestamp);

/* Whether consultation i of one person's list cs (any order) is still an
 * open item for the counter: its next contact is today or later, or it is
 * 継続相談 and no later contact with the person has followed it (a later
 * contact takes the case up again, and is itself the open one). */
bool dom_consult_is_open(const db_consult *cs, size_t n, size_t i, txt_date today);

/* Set is_new on one person's consultations (any order): the first contact
 * of each 年度 (April to March) is 新規, every later one 継続. */
void dom_consult_mark_new(db_consult *cs, size_t n);

/* The levels of dom_match.score; a candidate that matches in more than
 * one way scores a little above its best level (up to DOM_MATCH_LEVEL - 1),
 * so that the extra evidence ranks it first within the level. */
enum {
    DOM_MATCH_NONE = 0,
    DOM_MATCH_LEVEL = 10,
    DOM_MATCH_LOW = DOM_MATCH_LEVEL,         /* 読みが一致, 読みが近く生年月日が一致 */
    DOM_MATCH_MEDIUM = 2 * DOM_MATCH_LEVEL,  /* 氏名が一致 */
    DOM_MATCH_HIGH = 3 * DOM_MATCH_LEVEL     /* 読みと生年月日, 電話番号, 氏名と生年月日 */
};

/* How likely a stored person is the one being typed in an intake. */
typedef struct dom_match {
    int score;            /* 0: not a candidate; higher is likelier */
    const char *reason;   /* Japanese, e.g. "読みと生年月日が一致" */
} dom_match;

/* Compare what was typed (any field may be empty) with a stored person,
 * through the search keys, so kana forms, widths and itaiji match. */
dom_match dom_person_match(const db_person *typed, const db_person *cand);

/* Order candidates by dom_person_match, best first, freeing and dropping
 * those that score 0.  Returns how many are kept. */
size_t dom_person_rank(const db_person *typed, db_person *cands, size_t n);

/* ---- intake (dom-intake.c) ------------------------------------------- */

struct form_values;

/* Point the rows at an intake form's values, through each field's core
 * column: the person as typed and the consultation.  The strings belong to
 * the values; the arrays of extra fields are allocated and freed with
 * dom_intake_rows_free.  Returns 0, or -1 when memory runs out. */
int dom_intake_rows(const struct form_values *fv, db_person *p, db_consult *c);
void dom_intake_rows_free(db_consult *c);

/* Check every field of an intake before saving, writing each field's
 * Japanese message (or NULL) into errors[i]; dates are rewritten in ISO.
 * Returns how many fields are wrong. */
size_t dom_intake_check(struct form_values *fv, const char **errors, txt_date today);

/* Whether anything identifying a person was typed (else the consultation
 * is anonymous). */
bool dom_intake_names_person(const db_person *p);

/* The household name for a new person: the surname and 世帯. */
void dom_household_name(const db_person *p, char *buf, size_t n);

/* One intake to save: the rows from dom_intake_rows and who they are for. */
typedef struct dom_intake_save {
    db_person *person;        /* as typed */
    db_consult *consult;
    int64_t person_id;        /* the linked person, 0: a new one or nobody */
    int64_t person_version;   /* their version when linked */
    int64_t household_id;     /* a new person joins this household, 0: a new one */
    const char *relation;     /* their 続柄 there */
    int64_t draft_id;         /* removed in the same transaction, 0: none */
    int64_t consult_id;       /* out: the consultation saved */
    int64_t saved_person_id;  /* out: the person it is for, 0: anonymous */
} dom_intake_save;

/* Save an intake in one write transaction: a household and person when
 * they are new (or the corrections to a linked person, version-checked),
 * the consultation, and the draft's removal.  The path every intake takes,
 * from the screen and from the stress tests alike. */
db_status dom_intake_commit(db *d, dom_intake_save *s);

/* ---- drafts that cannot reach the database (dom-draft.c) --------------- */

/* Keep a draft in the database, or, when the database cannot take it (a
 * full disk, a read-only folder, a lost share, a lock held too long), in a
 * file under spool_dir that only the user may read.  *spool_file names
 * the file this form was spooled to (NULL: none yet) and is removed once
 * the database has the draft.  DB_OK with *spooled telling where it went,
 * or the database's status when neither place could take it. */
db_status dom_draft_keep(db *d, const char *spool_dir, db_draft *dr, char **spool_file,
                         bool *spooled);
/* Remove the spool file of a form that was saved or discarded. */
void dom_draft_forget(char **spool_file);
/* Move the user's spooled drafts of this database into it: *moved did,
 * *left could not (the database still cannot take them). */
void dom_draft_import(db *d, const char *spool_dir, int64_t staff_id, size_t *moved,
                      size_t *left);

#endif
