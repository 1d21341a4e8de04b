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
/* Replace the file at path with text, whole or not at all (a temporary
 * file beside it, synced, renamed over it); 0 or -1 with errno. */
int dom_file_replace(const char *path, const char *text, int mode);
/* Move the user's spooled drafts of this database into it: *moved did,
 * *left could not (the database still cannot take them). */
void dom_draft_import(db *d, const char *spool_dir, int64_t staff_id, size_t *moved,
                      size_t *left);

/* ---- consent (dom-consent.c) ------------------------------------------ */

typedef enum dom_consent_state {
    DOM_CONSENT_NONE,       /* 同意なし: never given */
    DOM_CONSENT_GIVEN,      /* 同意あり: a consent is in force */
    DOM_CONSENT_WITHDRAWN   /* 撤回: given once, none in force now */
} dom_consent_state;

/* 署名 口頭 代理人 */
extern const char *const dom_consent_methods[];
extern const size_t dom_n_consent_methods;
#define DOM_CONSENT_ORAL "口頭"
#define DOM_CONSENT_PROXY "代理人"

/* The state from how many consents a person has and how many are in
 * force (db_consent_counts). */
dom_consent_state dom_consent_state_of(int in_force, int total);
/* The same from a person's consent list. */
dom_consent_state dom_consent_state_list(const db_consent *cs, size_t n);
/* 同意あり, 同意なし, 撤回 */
const char *dom_consent_label(dom_consent_state s);
/* Whether one consent is in force (not withdrawn). */
bool dom_consent_in_force(const db_consent *c);
/* The consent in force that lets details go to agency_id (all agencies,
 * or the agency listed), or NULL. */
const db_consent *dom_consent_covering(const db_consent *cs, size_t n, int64_t agency_id);
/* Check a consent about to be recorded: a real date not in the future, a
 * known method, the proxy's name for 代理人, at least one agency when not
 * all.  NULL when fine, else a Japanese message. */
const char *dom_consent_invalid(const db_consent *c, txt_date today);
/* Check a withdrawal of c: a date not before the consent and not in the
 * future, and a reason.  NULL when fine. */
const char *dom_consent_withdraw_invalid(const db_consent *c, const char *on,
                                         const char *reason, txt_date today);
/* Record a consent (checked by the caller) in a transaction of its own,
 * with an event on each open case of the person. */
db_status dom_consent_take(db *d, db_consent *c);
/* Withdraw c (read at its version) with an event on each open case, whose
 * route then becomes the 支援会議's. */
db_status dom_consent_withdraw(db *d, const db_consent *c, const char *on, const char *reason);
/* Inside a transaction: an event of kind 同意 with note on every open case
 * of the person (a consent taken or withdrawn changes their route). */
db_status dom_consent_case_events(db *d, int64_t person_id, const char *note);

/* Which meeting may discuss a case: the 重層的支援会議 needs consent in
 * force; without it only the 支援会議 (守秘義務). */
typedef enum dom_route {
    DOM_ROUTE_JUSOTEKI,     /* 重層的支援会議 */
    DOM_ROUTE_SHIEN         /* 支援会議 */
} dom_route;
dom_route dom_route_of(dom_consent_state s);
const char *dom_route_label(dom_route r);
/* The notice a screen shows wherever a case of a person in state s
 * appears (NULL when consent is in force). */
const char *dom_route_notice(dom_consent_state s);

/* ---- cases (dom-case.c) ------------------------------------------------ */

/* 受付 アセスメント プラン作成 支援決定 支援中 モニタリング 評価 終結 中断
 * 包括的相談支援に戻す, in that order. */
extern const char *const dom_case_stages[];
extern const size_t dom_n_case_stages;
#define DOM_STAGE_FIRST "受付"
#define DOM_STAGE_REOPENED "アセスメント"
/* 多機関協働 アウトリーチ 参加支援 */
extern const char *const dom_case_businesses[];
extern const size_t dom_n_case_businesses;
#define DOM_BUSINESS_TAKIKAN "多機関協働"
/* The escalation criteria of 長井市, numbered 1 to 3 (the number first). */
extern const char *const dom_case_criteria[];
extern const size_t dom_n_case_criteria;

/* Whether a stage ends a case (終結, 中断, 包括的相談支援に戻す). */
bool dom_case_closed(const char *stage);
/* Whether a case may move from one stage to another: forward a step,
 * monitoring back to support or to a re-plan, to 中断 or back to the
 * original agency from any open stage, 終結 once support has begun, and a
 * closed case reopened at アセスメント. */
bool dom_case_may_move(const char *from, const char *to);
/* Check a stage change: allowed, and 終結 and 中断 with a reason.  NULL
 * when fine, else a Japanese message. */
const char *dom_case_move_invalid(const char *from, const char *to, const char *note);
/* Check a case about to be opened: a known business, a person, and for
 * 多機関協働 at least one criterion and what was already tried. */
const char *dom_case_invalid(const db_case *c);
/* The open cases of everyone, the newest opened first, at most limit:
 * read stage by stage, so that no number of closed ones hides any. */
db_status dom_case_open_list(db *d, size_t limit, db_case **out, size_t *n);
/* Open a case (stage 受付) with its first event, in one transaction. */
db_status dom_case_open(db *d, db_case *c, const char *note);
/* Move a case read at its version, recording who, when and the note. */
db_status dom_case_move(db *d, const db_case *c, const char *to, const char *note);
/* Set the 主担当 of a case read at its version, with an event. */
db_status dom_case_set_lead(db *d, const db_case *c, int64_t staff_id, int64_t agency_id,
                            const char *note);

/* ---- plans (dom-plan.c) ------------------------------------------------ */

/* 案 承認 実施中 評価済 終結, in order. */
extern const char *const dom_plan_states[];
extern const size_t dom_n_plan_states;
#define DOM_PLAN_DRAFT "案"
#define DOM_PLAN_APPROVED "承認"
/* Monitoring and evaluation after approval (長井市: about 3 and 6 months). */
#define DOM_PLAN_MONITOR_MONTHS 3
#define DOM_PLAN_EVALUATE_MONTHS 6

/* The plan type for a case of business with consent state s, and why
 * (a sentence the screen shows). */
const char *dom_plan_type(const char *business, dom_consent_state s, const char **why);
/* Whether a plan may move from one state to the next. */
bool dom_plan_may_move(const char *from, const char *to);
/* A date some months later, the day clamped to the month's end. */
txt_date dom_date_add_months(txt_date d, int months);
/* Make p a new plan (or a re-plan of replaces, 0: none) of case c:
 * its type from the rule above, state 案; inserted with a case event.
 * DB_CONFLICT when replaces is no longer the case's latest plan. */
db_status dom_plan_create(db *d, const db_case *c, dom_consent_state s, db_plan *p,
                          int64_t replaces);
/* Move a plan read at its version to state to; approval on `on` sets the
 * monitoring and evaluation dates when they are empty. */
db_status dom_plan_move(db *d, db_plan *p, const char *to, txt_date on);

/* What is next for an approved or running plan: "モニタリング" until its
 * date has passed, then "評価"; *date is the ISO date, *overdue whether it
 * has passed.  NULL when the plan has no live date (案, 評価済, 終結). */
const char *dom_plan_next(const db_plan *p, txt_date today, const char **date, bool *overdue);

/* ---- referrals (dom-referral.c) ---------------------------------------- */

/* 依頼 受理 差戻し 対応中 完了 */
extern const char *const dom_referral_states[];
extern const size_t dom_n_referral_states;
#define DOM_REFERRAL_SENT "依頼"
#define DOM_REFERRAL_RETURNED "差戻し"
/* Days until the answer is due, when the worker gives no date. */
#define DOM_REFERRAL_DUE_DAYS 14

/* Whether a referral may move from one state to another. */
bool dom_referral_may_move(const char *from, const char *to);
/* Check a state change: allowed, and 差戻し with its reason. */
const char *dom_referral_move_invalid(const char *from, const char *to, const char *note);
/* An answer is overdue: still 依頼 after its due date. */
bool dom_referral_overdue(const db_referral *r, txt_date today);
/* Whether r may share what it says with its agency: nothing personal, or
 * an anonymous person, or a consent in force covering the agency (then
 * *consent names it).  NULL when it may, else why not (Japanese). */
const char *dom_referral_sharing(const db_referral *r, const db_consent *cs, size_t n,
                                 int64_t *consent);
/* Check a referral about to be sent: an agency, a reason, a due date. */
const char *dom_referral_invalid(const db_referral *r, txt_date today);
/* Send a referral in one transaction: first the consent taken there and
 * then (on_the_spot, may be NULL), the referral, and an event on its case.
 * The sharing rule is checked inside it against the consents stored then:
 * DB_INVALID when the details may not go to the agency; r->consent_id is
 * set to the consent that covers them. */
db_status dom_referral_send(db *d, db_referral *r, db_consent *on_the_spot);
/* Move a referral read at its version, with a note. */
db_status dom_referral_move(db *d, const db_referral *r, const char *to, const char *note);

/* ---- meetings and agendas (dom-meeting.c) ------------------------------- */

/* 予定 開催済 中止 */
extern const char *const dom_meeting_states[];
extern const size_t dom_n_meeting_states;
#define DOM_MEETING_PLANNED "予定"
#define DOM_MEETING_HELD "開催済"
#define DOM_MEETING_CANCELLED "中止"
/* プラン策定 再プラン 終結判断 中断決定 情報共有 緊急 */
extern const char *const dom_agenda_moments[];
extern const size_t dom_n_agenda_moments;
/* 承認 修正のうえ承認 再検討 終結 中断 包括的相談支援に戻す 情報共有のみ */
extern const char *const dom_decisions[];
extern const size_t dom_n_decisions;
/* Room for every decision, and for every stage, in arrays made of them. */
#define DOM_DECISION_MAX 8
#define DOM_STAGE_MAX 12
/* Items a meeting takes before the cap warns (the administrator may set
 * another in the setting DOM_SETTING_AGENDA_CAP). */
#define DOM_AGENDA_CAP_DEFAULT 12
#define DOM_SETTING_AGENDA_CAP "agenda_cap"
#define DOM_AGENDA_CAP_MAX 99
/* Check a setting's key and value: NULL when fine, else why (Japanese). */
const char *dom_setting_invalid(const char *key, const char *value);
/* The i-th setting an administrator may choose and its help, NULL past
 * the last. */
const char *dom_setting_key(size_t i, const char **help);
/* The agenda cap in force (the administrator's, else the default). */
db_status dom_agenda_cap(db *d, int *cap);
/* How a 支援会議's papers name a person: 氏名, イニシャル or ケース番号. */
#define DOM_SETTING_CONFIDENTIAL_NAMES "confidential_names"
extern const char *const dom_confidential_namings[];
extern const size_t dom_n_confidential_namings;
/* A case with no event for this long counts as not reached (中断決定). */
#define DOM_UNREACHABLE_DAYS 90
/* Months between the meetings of a regular series, and how many at most. */
#define DOM_SERIES_MONTHS_MAX 12
#define DOM_SERIES_COUNT_MAX 60

/* Why a case may not go on a meeting's agenda for a moment, or NULL: a
 * kind that is not under 守秘義務 takes only cases with consent in force,
 * and 情報共有 and 緊急 are the 支援会議's. */
const char *dom_agenda_refusal(bool confidential, dom_consent_state consent, const char *moment);
/* Whether an item goes on a meeting's papers: a case whose consent is not
 * in force now is left out of a meeting not under 守秘義務 (and flagged). */
bool dom_agenda_on_paper(bool confidential, dom_consent_state consent);

/* A case proposed for an agenda, and why. */
typedef struct dom_candidate {
    const db_case_status *status;
    const char *moment;
    int urgency;             /* 0 緊急, 1 高, 2 otherwise */
    char due[16];            /* ISO date it is due by, "" none */
} dom_candidate;
/* The moment an open case is at for a meeting held on `on` (NULL: none):
 * an urgent case (支援会議), a plan in 案 (プラン策定, or 再プラン), an
 * evaluation due or the 評価 stage (終結判断), no event for
 * DOM_UNREACHABLE_DAYS (中断決定), a new case without consent (情報共有). */
const char *dom_agenda_moment_of(const db_case_status *cs, bool confidential, txt_date on,
                                 char *due, size_t due_len);
/* The candidates among cs[0..n) for a meeting (confidential or not) held
 * on `on`: each at a moment, allowed by the consent rule, and not on an
 * agenda still to come (this one's or another's); the most urgent and the
 * earliest due first.  out holds n; returns how many. */
size_t dom_agenda_candidates(const db_case_status *cs, size_t n, bool confidential,
                             txt_date on, dom_candidate *out);

/* The dates of a regular series: first, then every `months` months, count
 * in all, each on the same week and weekday of its month as the first
 * (第2水曜日; a fifth one falls on the month's last).  out holds count; 0
 * when the series is out of bounds. */
size_t dom_meeting_series(txt_date first, int months, size_t count, txt_date *out);
/* Check a meeting about to be saved: a kind, a valid date, a time as
 * HH:MM or empty, a known state.  NULL when fine, else why (Japanese). */
const char *dom_meeting_invalid(const db_meeting *m);
/* Insert a meeting with its members in one transaction. */
db_status dom_meeting_create(db *d, db_meeting *m, const db_meeting_member *members,
                             size_t n_members);
/* Insert count meetings like m, every `months` months from m->held_on,
 * all under the first one's id as their series, with the same members, in
 * one transaction.  *first receives the first meeting's id. */
db_status dom_meeting_series_create(db *d, const db_meeting *m, int months, size_t count,
                                    const db_meeting_member *members, size_t n_members,
                                    int64_t *first);

/* Which decisions an item may take: 終結 at 終結判断 only, 承認 and
 * 修正のうえ承認 only for a plan in 案, the rest at every moment. */
bool dom_decision_allowed(const char *moment, const char *plan_state, const char *decision);
/* Check a decision about to be recorded: allowed, with the reason 終結,
 * 中断 and 包括的相談支援に戻す need, on a meeting not cancelled nor in the
 * future, and within the consent rule as it stands now.  NULL when fine. */
const char *dom_decision_invalid(const db_meeting *m, const db_agenda_item *it,
                                 const char *plan_state, dom_consent_state consent,
                                 const char *decision, const char *note, txt_date today);
/* What a decision does: the case's next stage and the plan's next state
 * (NULL: unchanged), and whether the plan's monitoring and evaluation
 * dates are set again from the meeting's day. */
typedef struct dom_decision_effect {
    const char *stage;
    const char *plan_state;
    bool dates;
} dom_decision_effect;
dom_decision_effect dom_decision_effect_of(const char *moment, const char *decision);
/* Record a decision on an item read at its version, in one transaction:
 * the item, the case's stage (with an event naming the meeting), the
 * plan's state and dates counted from the meeting's day.  The rules are
 * checked again inside it against what is stored then (DB_INVALID with a
 * reason when they fail). */
db_status dom_agenda_decide(db *d, const db_meeting *m, db_agenda_item *it,
                            const char *decision, const char *note, const char *gap,
                            txt_date today);

/* ---- a meeting's papers (dom-paper.c) ----------------------------------- */

/* Cells of a paper's line: A4 in a 10.5-point font, and an 80-column
 * terminal. */
#define DOM_PAPER_COLS 76
/* The agenda of a meeting (次第), and once held the record of its
 * decisions and attendees, as UTF-8 text (*text malloc'd).  An item whose
 * person has no consent in force is left out of a meeting not under
 * 守秘義務 and counted in *omitted; a 支援会議's paper carries the 守秘義務
 * notice and names persons as DOM_SETTING_CONFIDENTIAL_NAMES says (イニシャル
 * when not set).  The paper is recorded in the audit trail. */
db_status dom_paper_agenda(db *d, int64_t meeting_id, char **text, size_t *omitted);
/* The same paper written to dir/meeting-ID-DATE.txt (the folder made
 * private when new, the file readable by its writer only); *path receives
 * the file's name (malloc'd). */
db_status dom_paper_write(db *d, int64_t meeting_id, const char *dir, char **path,
                          size_t *omitted);

/* ---- the outreach list (dom-outreach.c) --------------------------------- */

/* 未接触 接触あり 関係構築中 支援につながった 終結 */
extern const char *const dom_outreach_stages[];
extern const size_t dom_n_outreach_stages;
/* 民生委員 学校・SSW 地域住民 関係機関 家族 その他 */
extern const char *const dom_outreach_sources[];
extern const size_t dom_n_outreach_sources;
/* 訪問 電話 手紙 メール 同行 置き手紙 */
extern const char *const dom_outreach_hows[];
extern const size_t dom_n_outreach_hows;

/* Check an entry about to be saved: a label (it may be all that is
 * known), a known source, the first information's day not in the future,
 * a known stage, the next attempt's day valid or "".  NULL when fine. */
const char *dom_outreach_invalid(const db_outreach *o, txt_date today);
/* Whether the relationship may move: on to any later stage, to 終結 from
 * any, and from 終結 back to 接触あり. */
bool dom_outreach_may_move(const char *from, const char *to);
/* Check an attempt: a known way, a day not in the future, a result. */
const char *dom_outreach_attempt_invalid(const db_outreach_attempt *a, txt_date today);
/* Record an attempt on an entry read at its version, and plan the next
 * (next_on "" for none), in one transaction; an attempt that reached them
 * moves 未接触 to 接触あり.  The change is made to the entry as stored
 * (DB_CONFLICT when it moved on since it was read); o learns only its new
 * version: read it again for the rest. */
db_status dom_outreach_attempt(db *d, db_outreach *o, db_outreach_attempt *a,
                               const char *next_on, const char *next_how, txt_date today);
/* Check the meeting an entry is linked to: a 支援会議 (its members are
 * bound to secrecy), since nobody on the list has consented to sharing.
 * NULL when fine. */
const char *dom_outreach_meeting_invalid(const db_meeting *m);
/* Save an entry from the form (o->id 0: a new one, at 未接触 unless
 * o->stage names another), checked by dom_outreach_invalid.  An entry
 * kept is saved from the form's fields only, onto the entry as stored
 * (DB_CONFLICT when it changed since read at o->version): its stage and
 * the person and case it became are never written back from a copy. */
db_status dom_outreach_save(db *d, db_outreach *o, txt_date today);
/* Move an entry read at its version to another stage, as
 * dom_outreach_may_move allows it from the stage as stored; at 終結 no
 * attempt stays planned.  o learns only its new version. */
db_status dom_outreach_move(db *d, db_outreach *o, const char *to);
/* Make an entry a person (p, named at least by 氏名 or フリガナ, unless
 * the entry names one already) and an アウトリーチ case opened today whose first event tells its history, in
 * one transaction; the entry moves to 支援につながった, linked to both, its
 * attempts kept.  *case_id receives the case. */
db_status dom_outreach_convert(db *d, db_outreach *o, db_person *p, txt_date today,
                               int64_t *case_id);

/* ---- participation support (dom-matching.c) ----------------------------- */

/* 調整中 開始 定着 終了 中止 */
extern const char *const dom_matching_states[];
extern const size_t dom_n_matching_states;
/* 就労体験 ボランティア 居場所 学習支援 住まい 企業 その他 */
extern const char *const dom_resource_kinds[];
extern const size_t dom_n_resource_kinds;
/* 本人 受け入れ先 両方: whom a follow-up was with */
extern const char *const dom_follow_withs[];
extern const size_t dom_n_follow_withs;

/* Check a resource about to be saved: a name and a known kind. */
const char *dom_resource_invalid(const db_resource *r);
/* Whether a matching may move: 調整中 → 開始 → 定着, and any open one to
 * 終了 or 中止. */
bool dom_matching_may_move(const char *from, const char *to);
/* Match the person of m->case_id (a 参加支援 case whose latest plan is a
 * 参加支援プラン, checked inside the transaction) to m->resource_id (an
 * active resource): 調整中 from today, its first follow-up planned a week
 * on.  m->person_id and m->plan_id are filled in. */
db_status dom_matching_start(db *d, db_matching *m, txt_date today);
/* Move a matching read at its version: 開始 dates it, 終了 and 中止 need a
 * reason and end it; the next follow-up follows the state (2 weeks after
 * a start, 3 months once it holds, none once ended).  Made to the
 * matching as stored (DB_CONFLICT when it moved on since it was read); m
 * learns only its new version, as with dom_matching_follow. */
db_status dom_matching_move(db *d, db_matching *m, const char *to, const char *note,
                            const char *reason, txt_date today);
/* Record a follow-up with 本人, 受け入れ先 or 両方 on a day (not in the
 * future), with what was said, and plan the next (next_on "" for the
 * state's usual interval from that day). */
db_status dom_matching_follow(db *d, db_matching *m, const char *with_whom, const char *done_on,
                              const char *note, const char *next_on, txt_date today);

#endif
