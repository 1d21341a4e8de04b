/* db-migrate.c - the schema, as numbered migrations recorded in
 * PRAGMA user_version.  A migration is never edited once released: a
 * change to the schema is a new entry at the end of db_migrations. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "db-int.h"

/* 'TSNG': marks the file as ours, so that another SQLite file is refused
 * instead of being written into. */
#define DB_APPLICATION_ID 0x54534E47

static const char *const db_migrations[] = {
    /* 1: staff, agencies, households, persons, links, audit, lookup. */
    "CREATE TABLE agency("
    " id INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL UNIQUE CHECK(name <> ''),"
    " field TEXT NOT NULL DEFAULT '',"
    " phone TEXT NOT NULL DEFAULT '',"
    " address TEXT NOT NULL DEFAULT '',"
    " active INTEGER NOT NULL DEFAULT 1 CHECK(active IN (0,1)),"
    " version INTEGER NOT NULL DEFAULT 1,"
    " created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
    "CREATE TABLE staff("
    " id INTEGER PRIMARY KEY,"
    " login TEXT NOT NULL UNIQUE CHECK(login <> ''),"
    " name TEXT NOT NULL CHECK(name <> ''),"
    " role TEXT NOT NULL CHECK(role IN ('admin','coordinator','counter','agency')),"
    " agency_id INTEGER REFERENCES agency(id),"
    " active INTEGER NOT NULL DEFAULT 1 CHECK(active IN (0,1)),"
    " version INTEGER NOT NULL DEFAULT 1,"
    " created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
    "CREATE TABLE household("
    " id INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL DEFAULT '',"
    " address TEXT NOT NULL DEFAULT '',"
    " note TEXT NOT NULL DEFAULT '',"
    " version INTEGER NOT NULL DEFAULT 1,"
    " created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
    "CREATE TABLE person("
    " id INTEGER PRIMARY KEY,"
    " household_id INTEGER REFERENCES household(id),"
    " relation TEXT NOT NULL DEFAULT '',"
    " name TEXT NOT NULL DEFAULT '',"
    " kana TEXT NOT NULL DEFAULT '',"
    " birth TEXT NOT NULL DEFAULT '' CHECK(birth = '' OR birth GLOB"
    "  '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),"
    " sex TEXT NOT NULL DEFAULT '' CHECK(sex IN ('','M','F','X')),"
    " address TEXT NOT NULL DEFAULT '',"
    " phone TEXT NOT NULL DEFAULT '',"
    " note TEXT NOT NULL DEFAULT '',"
    " name_key TEXT NOT NULL DEFAULT '',"
    " kana_key TEXT NOT NULL DEFAULT '',"
    " phone_key TEXT NOT NULL DEFAULT '',"
    /* The digits reversed, so that "the last digits" of a number is an
     * index range too, not a walk through the FTS lists of digit pairs
     * that nearly every record holds. */
    " phone_rev TEXT NOT NULL DEFAULT '',"
    " version INTEGER NOT NULL DEFAULT 1,"
    " created_by INTEGER REFERENCES staff(id),"
    " created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
    "CREATE INDEX person_name_key ON person(name_key);"
    "CREATE INDEX person_kana_key ON person(kana_key);"
    "CREATE INDEX person_phone_key ON person(phone_key);"
    "CREATE INDEX person_phone_rev ON person(phone_rev);"
    "CREATE INDEX person_household ON person(household_id);"
    "CREATE TABLE person_agency("
    " id INTEGER PRIMARY KEY,"
    " person_id INTEGER NOT NULL REFERENCES person(id),"
    " agency_id INTEGER NOT NULL REFERENCES agency(id),"
    " role TEXT NOT NULL DEFAULT '',"
    " contact TEXT NOT NULL DEFAULT '',"
    " since TEXT NOT NULL DEFAULT '',"
    " version INTEGER NOT NULL DEFAULT 1,"
    " created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
    "CREATE INDEX person_agency_person ON person_agency(person_id);"
    "CREATE TABLE audit("
    " id INTEGER PRIMARY KEY,"
    " at TEXT NOT NULL,"
    " staff_id INTEGER REFERENCES staff(id),"
    " login TEXT NOT NULL,"
    " action TEXT NOT NULL,"
    " entity TEXT NOT NULL,"
    " entity_id INTEGER,"
    " detail TEXT NOT NULL DEFAULT '');"
    "CREATE INDEX audit_entity ON audit(entity, entity_id);"
    "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
    " BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;"
    "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
    " BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;"
    /* The lookup index: its tokenizer (db-fts.c) applies the search key, so
     * every kana form, width and variant of a name meets one token. */
    "CREATE VIRTUAL TABLE person_fts USING fts5("
    " name, kana, phone, address,"
    " content='person', content_rowid='id', tokenize='tsunagi');"
    "CREATE TRIGGER person_fts_ai AFTER INSERT ON person BEGIN"
    " INSERT INTO person_fts(rowid, name, kana, phone, address)"
    "  VALUES (new.id, new.name, new.kana, new.phone, new.address); END;"
    "CREATE TRIGGER person_fts_ad AFTER DELETE ON person BEGIN"
    " INSERT INTO person_fts(person_fts, rowid, name, kana, phone, address)"
    "  VALUES ('delete', old.id, old.name, old.kana, old.phone, old.address); END;"
    "CREATE TRIGGER person_fts_au AFTER UPDATE OF name, kana, phone, address"
    " ON person BEGIN"
    " INSERT INTO person_fts(person_fts, rowid, name, kana, phone, address)"
    "  VALUES ('delete', old.id, old.name, old.kana, old.phone, old.address);"
    " INSERT INTO person_fts(rowid, name, kana, phone, address)"
    "  VALUES (new.id, new.name, new.kana, new.phone, new.address); END;",

    /* 2: consultations (相談受付) with their concerns and the fields a
     * municipality added to its form, and unsaved forms (drafts).
     * fiscal_year is stored, not derived on reading, because the yearly
     * counts (新規・延べ per 年度) group by it; the CHECK keeps it in step
     * with received_at.  A concern keeps its place in the list (seq), so
     * that the form shows the items as they were ticked. */
    "CREATE TABLE consultation("
    " id INTEGER PRIMARY KEY,"
    " person_id INTEGER REFERENCES person(id),"
    " staff_id INTEGER NOT NULL REFERENCES staff(id),"
    " received_at TEXT NOT NULL CHECK(received_at GLOB"
    "  '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]'),"
    " fiscal_year INTEGER NOT NULL CHECK(fiscal_year ="
    "  CAST(substr(received_at, 1, 4) AS INTEGER)"
    "  - (substr(received_at, 6, 2) < '04')),"
    " channel TEXT NOT NULL DEFAULT '',"
    " visitor TEXT NOT NULL DEFAULT '',"
    " visitor_relation TEXT NOT NULL DEFAULT '',"
    " referrer TEXT NOT NULL DEFAULT '',"
    " content TEXT NOT NULL DEFAULT '',"
    " urgency TEXT NOT NULL DEFAULT '',"
    " next_contact TEXT NOT NULL DEFAULT '' CHECK(next_contact = '' OR next_contact GLOB"
    "  '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),"
    " disposition TEXT NOT NULL DEFAULT '',"
    " version INTEGER NOT NULL DEFAULT 1,"
    " created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
    "CREATE INDEX consultation_person ON consultation(person_id, received_at);"
    "CREATE INDEX consultation_disposition ON consultation(disposition, received_at);"
    "CREATE INDEX consultation_fiscal_year ON consultation(fiscal_year);"
    "CREATE INDEX consultation_received ON consultation(received_at);"
    "CREATE TABLE consultation_concern("
    " consultation_id INTEGER NOT NULL REFERENCES consultation(id),"
    " concern TEXT NOT NULL CHECK(concern <> ''),"
    " is_primary INTEGER NOT NULL DEFAULT 0 CHECK(is_primary IN (0,1)),"
    " seq INTEGER NOT NULL,"
    " PRIMARY KEY(consultation_id, concern)) WITHOUT ROWID;"
    /* One most pressing concern (◎) per consultation at most. */
    "CREATE UNIQUE INDEX consultation_concern_primary"
    " ON consultation_concern(consultation_id) WHERE is_primary = 1;"
    "CREATE TABLE consultation_extra("
    " consultation_id INTEGER NOT NULL REFERENCES consultation(id),"
    " field_id TEXT NOT NULL CHECK(field_id <> ''),"
    " value TEXT NOT NULL DEFAULT '',"
    " PRIMARY KEY(consultation_id, field_id)) WITHOUT ROWID;"
    "CREATE TABLE draft("
    " id INTEGER PRIMARY KEY,"
    " staff_id INTEGER NOT NULL REFERENCES staff(id),"
    " form_id TEXT NOT NULL CHECK(form_id <> ''),"
    " data TEXT NOT NULL DEFAULT '',"
    " saved_at TEXT NOT NULL,"
    " version INTEGER NOT NULL DEFAULT 1);"
    "CREATE INDEX draft_staff ON draft(staff_id);",

    /* 3: consent (本人同意), referrals (つなぎ), cases with their stages,
     * assessments and plans.  Consents are never edited: a withdrawal is
     * set once on the consent it ends (withdrawn_on), so the history reads
     * as it happened.  A referral's and a case's current state is on its
     * row; every change is also an event row, which the timelines show.
     * A re-plan is a new plan row pointing at the one it replaces. */
    "CREATE TABLE consent("
    " id INTEGER PRIMARY KEY,"
    " person_id INTEGER NOT NULL REFERENCES person(id),"
    " given_on TEXT NOT NULL CHECK(given_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),"
    " method TEXT NOT NULL CHECK(method IN ('署名','口頭','代理人')),"
    " proxy_name TEXT NOT NULL DEFAULT '',"
    " proxy_relation TEXT NOT NULL DEFAULT '',"
    " all_agencies INTEGER NOT NULL CHECK(all_agencies IN (0,1)),"
    " form_no TEXT NOT NULL DEFAULT '',"
    " taken_by INTEGER NOT NULL REFERENCES staff(id),"
    " note TEXT NOT NULL DEFAULT '',"
    " withdrawn_on TEXT NOT NULL DEFAULT '' CHECK(withdrawn_on = '' OR withdrawn_on GLOB"
    "  '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),"
    " withdraw_reason TEXT NOT NULL DEFAULT '',"
    " withdrawn_by INTEGER REFERENCES staff(id),"
    " version INTEGER NOT NULL DEFAULT 1,"
    " created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
    " CHECK(method <> '代理人' OR proxy_name <> ''),"
    " CHECK(withdrawn_on = '' OR withdraw_reason <> ''));"
    "CREATE INDEX consent_person ON consent(person_id, given_on);"
    "CREATE TABLE consent_agency("
    " consent_id INTEGER NOT NULL REFERENCES consent(id),"
    " agency_id INTEGER NOT NULL REFERENCES agency(id),"
    " PRIMARY KEY(consent_id, agency_id)) WITHOUT ROWID;"
    /* Nothing but a withdrawal may change a consent, and only once. */
    "CREATE TRIGGER consent_only_withdrawn BEFORE UPDATE ON consent"
    " WHEN old.withdrawn_on <> '' OR new.person_id <> old.person_id"
    "  OR new.given_on <> old.given_on OR new.method <> old.method"
    "  OR new.all_agencies <> old.all_agencies OR new.taken_by <> old.taken_by"
    " BEGIN SELECT RAISE(ABORT, 'consent is history'); END;"
    "CREATE TRIGGER consent_no_delete BEFORE DELETE ON consent"
    " BEGIN SELECT RAISE(ABORT, 'consent is history'); END;"
    "CREATE TABLE support_case("
    " id INTEGER PRIMARY KEY,"
    " person_id INTEGER NOT NULL REFERENCES person(id),"
    " household_id INTEGER REFERENCES household(id),"
    " business TEXT NOT NULL CHECK(business IN ('多機関協働','アウトリーチ','参加支援')),"
    " stage TEXT NOT NULL CHECK(stage IN ('受付','アセスメント','プラン作成','支援決定',"
    "  '支援中','モニタリング','評価','終結','中断','包括的相談支援に戻す')),"
    " lead_staff_id INTEGER REFERENCES staff(id),"
    " lead_agency_id INTEGER REFERENCES agency(id),"
    " consultation_id INTEGER REFERENCES consultation(id),"
    " referral_id INTEGER,"
    " criteria TEXT NOT NULL DEFAULT '',"
    " tried TEXT NOT NULL DEFAULT '',"
    " opened_on TEXT NOT NULL,"
    " version INTEGER NOT NULL DEFAULT 1,"
    " created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
    "CREATE INDEX support_case_person ON support_case(person_id);"
    "CREATE INDEX support_case_stage ON support_case(stage);"
    "CREATE TABLE case_event("
    " id INTEGER PRIMARY KEY,"
    " case_id INTEGER NOT NULL REFERENCES support_case(id),"
    " at TEXT NOT NULL,"
    " staff_id INTEGER NOT NULL REFERENCES staff(id),"
    " kind TEXT NOT NULL CHECK(kind <> ''),"
    " from_stage TEXT NOT NULL DEFAULT '',"
    " to_stage TEXT NOT NULL DEFAULT '',"
    " note TEXT NOT NULL DEFAULT '');"
    "CREATE INDEX case_event_case ON case_event(case_id, at);"
    "CREATE TRIGGER case_event_no_update BEFORE UPDATE ON case_event"
    " BEGIN SELECT RAISE(ABORT, 'case events are history'); END;"
    "CREATE TRIGGER case_event_no_delete BEFORE DELETE ON case_event"
    " BEGIN SELECT RAISE(ABORT, 'case events are history'); END;"
    "CREATE TABLE referral("
    " id INTEGER PRIMARY KEY,"
    " person_id INTEGER REFERENCES person(id),"
    " consultation_id INTEGER REFERENCES consultation(id),"
    " case_id INTEGER REFERENCES support_case(id),"
    " agency_id INTEGER NOT NULL REFERENCES agency(id),"
    " reason TEXT NOT NULL CHECK(reason <> ''),"
    " shared TEXT NOT NULL DEFAULT '',"
    " consent_id INTEGER REFERENCES consent(id),"
    " due_on TEXT NOT NULL CHECK(due_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),"
    " state TEXT NOT NULL CHECK(state IN ('依頼','受理','差戻し','対応中','完了')),"
    " state_note TEXT NOT NULL DEFAULT '',"
    " sent_by INTEGER NOT NULL REFERENCES staff(id),"
    " sent_on TEXT NOT NULL,"
    " version INTEGER NOT NULL DEFAULT 1,"
    " created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
    /* Details of an identified person go only where consent covers them
     * (checked by the domain layer; the row keeps which consent). */
    " CHECK(shared = '' OR person_id IS NULL OR consent_id IS NOT NULL),"
    " CHECK(state <> '差戻し' OR state_note <> ''));"
    "CREATE INDEX referral_agency ON referral(agency_id, state);"
    "CREATE INDEX referral_state ON referral(state, due_on);"
    "CREATE INDEX referral_person ON referral(person_id);"
    "CREATE TABLE referral_event("
    " id INTEGER PRIMARY KEY,"
    " referral_id INTEGER NOT NULL REFERENCES referral(id),"
    " at TEXT NOT NULL,"
    " staff_id INTEGER NOT NULL REFERENCES staff(id),"
    " state TEXT NOT NULL,"
    " note TEXT NOT NULL DEFAULT '');"
    "CREATE INDEX referral_event_referral ON referral_event(referral_id, at);"
    "CREATE TABLE assessment("
    " id INTEGER PRIMARY KEY,"
    " case_id INTEGER NOT NULL REFERENCES support_case(id),"
    " data TEXT NOT NULL DEFAULT '',"
    " staff_id INTEGER NOT NULL REFERENCES staff(id),"
    " version INTEGER NOT NULL DEFAULT 1,"
    " created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
    "CREATE INDEX assessment_case ON assessment(case_id);"
    "CREATE TABLE plan("
    " id INTEGER PRIMARY KEY,"
    " case_id INTEGER NOT NULL REFERENCES support_case(id),"
    " replaces_id INTEGER REFERENCES plan(id),"
    " seq INTEGER NOT NULL CHECK(seq >= 1),"
    " type TEXT NOT NULL CHECK(type IN"
    "  ('支援プラン','世帯丸ごと支援プラン','参加支援プラン','アウトリーチ等プラン')),"
    " type_reason TEXT NOT NULL DEFAULT '',"
    " goal TEXT NOT NULL DEFAULT '',"
    " policy TEXT NOT NULL DEFAULT '',"
    " state TEXT NOT NULL CHECK(state IN ('案','承認','実施中','評価済','終結')),"
    " approved_on TEXT NOT NULL DEFAULT '',"
    " monitor_on TEXT NOT NULL DEFAULT '',"
    " evaluate_on TEXT NOT NULL DEFAULT '',"
    " staff_id INTEGER NOT NULL REFERENCES staff(id),"
    " version INTEGER NOT NULL DEFAULT 1,"
    " created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
    " UNIQUE(case_id, seq));"
    "CREATE TABLE plan_role("
    " plan_id INTEGER NOT NULL REFERENCES plan(id),"
    " seq INTEGER NOT NULL,"
    " agency_id INTEGER REFERENCES agency(id),"
    " who TEXT NOT NULL DEFAULT '',"
    " role TEXT NOT NULL CHECK(role <> ''),"
    " PRIMARY KEY(plan_id, seq)) WITHOUT ROWID;",
    /* 4: meetings, their agendas and decisions, and the administrator's
     * settings.  A kind of meeting is either under 守秘義務 (the 支援会議:
     * cases without consent may be discussed) or not (every case on its
     * agenda needs valid consent); a municipality adds kinds of its own. */
    "CREATE TABLE setting("
    " key TEXT PRIMARY KEY,"
    " value TEXT NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE meeting_kind("
    " id INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL UNIQUE CHECK(name <> ''),"
    " confidential INTEGER NOT NULL CHECK(confidential IN (0, 1)),"
    " active INTEGER NOT NULL DEFAULT 1);"
    "INSERT INTO meeting_kind(name, confidential) VALUES ('重層的支援会議', 0), ('支援会議', 1);"
    "CREATE TABLE meeting("
    " id INTEGER PRIMARY KEY,"
    " kind_id INTEGER NOT NULL REFERENCES meeting_kind(id),"
    " series_id INTEGER,"
    " held_on TEXT NOT NULL CHECK(held_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),"
    " starts_at TEXT NOT NULL DEFAULT '',"
    " place TEXT NOT NULL DEFAULT '',"
    " regular INTEGER NOT NULL DEFAULT 1 CHECK(regular IN (0, 1)),"
    " state TEXT NOT NULL DEFAULT '予定' CHECK(state IN ('予定','開催済','中止')),"
    " note TEXT NOT NULL DEFAULT '',"
    " created_by INTEGER NOT NULL REFERENCES staff(id),"
    " version INTEGER NOT NULL DEFAULT 1,"
    " created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
    "CREATE INDEX meeting_held ON meeting(held_on, starts_at);"
    "CREATE TABLE meeting_member("
    " meeting_id INTEGER NOT NULL REFERENCES meeting(id),"
    " agency_id INTEGER REFERENCES agency(id),"
    " staff_id INTEGER REFERENCES staff(id),"
    " attended INTEGER NOT NULL DEFAULT 0 CHECK(attended IN (0, 1)),"
    " CHECK((agency_id IS NULL) <> (staff_id IS NULL)),"
    " UNIQUE(meeting_id, agency_id, staff_id));"
    "CREATE INDEX meeting_member_meeting ON meeting_member(meeting_id);"
    "CREATE TABLE agenda_item("
    " id INTEGER PRIMARY KEY,"
    " meeting_id INTEGER NOT NULL REFERENCES meeting(id),"
    " case_id INTEGER NOT NULL REFERENCES support_case(id),"
    " position INTEGER NOT NULL CHECK(position >= 1),"
    " moment TEXT NOT NULL CHECK(moment IN"
    "  ('プラン策定','再プラン','終結判断','中断決定','情報共有','緊急')),"
    " plan_id INTEGER REFERENCES plan(id),"
    " note TEXT NOT NULL DEFAULT '',"
    " decision TEXT NOT NULL DEFAULT '' CHECK(decision IN ('','承認','修正のうえ承認',"
    "  '再検討','終結','中断','包括的相談支援に戻す','情報共有のみ')),"
    " decision_note TEXT NOT NULL DEFAULT '',"
    " resource_gap TEXT NOT NULL DEFAULT '',"
    " decided_by INTEGER REFERENCES staff(id),"
    " decided_at TEXT NOT NULL DEFAULT '',"
    " added_by INTEGER NOT NULL REFERENCES staff(id),"
    " version INTEGER NOT NULL DEFAULT 1,"
    " created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
    " UNIQUE(meeting_id, case_id));"
    "CREATE INDEX agenda_item_case ON agenda_item(case_id);"
    "CREATE INDEX agenda_item_gap ON agenda_item(resource_gap) WHERE resource_gap <> '';",
    /* 5: the outreach list (アウトリーチ): people known only in part (a
     * nickname, an address, a family member) from whoever told of them,
     * every attempt to reach them, the relationship's stage and the next
     * attempt; the person and the case they become, with their history. */
    "CREATE TABLE outreach("
    " id INTEGER PRIMARY KEY,"
    " label TEXT NOT NULL CHECK(label <> ''),"
    " address TEXT NOT NULL DEFAULT '',"
    " family TEXT NOT NULL DEFAULT '',"
    " source TEXT NOT NULL CHECK(source IN"
    "  ('民生委員','学校・SSW','地域住民','関係機関','家族','その他')),"
    " source_note TEXT NOT NULL DEFAULT '',"
    " first_info_on TEXT NOT NULL"
    "  CHECK(first_info_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),"
    " situation TEXT NOT NULL DEFAULT '',"
    " stage TEXT NOT NULL DEFAULT '未接触' CHECK(stage IN"
    "  ('未接触','接触あり','関係構築中','支援につながった','終結')),"
    " next_on TEXT NOT NULL DEFAULT '',"
    " next_how TEXT NOT NULL DEFAULT '',"
    " worker_id INTEGER REFERENCES staff(id),"
    " meeting_id INTEGER REFERENCES meeting(id),"
    " person_id INTEGER REFERENCES person(id),"
    " case_id INTEGER REFERENCES support_case(id),"
    " version INTEGER NOT NULL DEFAULT 1,"
    " created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
    "CREATE INDEX outreach_next ON outreach(next_on) WHERE next_on <> '';"
    "CREATE INDEX outreach_stage ON outreach(stage);"
    "CREATE TABLE outreach_attempt("
    " id INTEGER PRIMARY KEY,"
    " outreach_id INTEGER NOT NULL REFERENCES outreach(id),"
    " done_on TEXT NOT NULL"
    "  CHECK(done_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),"
    " how TEXT NOT NULL CHECK(how IN ('訪問','電話','手紙','メール','同行','置き手紙')),"
    " reached INTEGER NOT NULL DEFAULT 0 CHECK(reached IN (0, 1)),"
    " result TEXT NOT NULL DEFAULT '',"
    " staff_id INTEGER NOT NULL REFERENCES staff(id),"
    " at TEXT NOT NULL);"
    "CREATE INDEX outreach_attempt_entry ON outreach_attempt(outreach_id, done_on);"
    "CREATE TRIGGER outreach_attempt_no_update BEFORE UPDATE ON outreach_attempt"
    " BEGIN SELECT RAISE(ABORT, 'outreach attempts are history'); END;"
    "CREATE TRIGGER outreach_attempt_no_delete BEFORE DELETE ON outreach_attempt"
    " BEGIN SELECT RAISE(ABORT, 'outreach attempts are history'); END;",
    /* 6: participation support (参加支援): the registry of local resources
     * (社会資源), a person matched to one with the follow-ups that keep the
     * connection, and the needs no resource meets (for 地域づくり).  The
     * registry is searched by kind (indexed) and by words through a search
     * key of its texts; a town's registry holds hundreds of rows. */
    "CREATE TABLE resource("
    " id INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL CHECK(name <> ''),"
    " kind TEXT NOT NULL CHECK(kind IN"
    "  ('就労体験','ボランティア','居場所','学習支援','住まい','企業','その他')),"
    " contact TEXT NOT NULL DEFAULT '',"
    " conditions TEXT NOT NULL DEFAULT '',"
    " capacity INTEGER NOT NULL DEFAULT 0 CHECK(capacity >= 0),"
    " notes TEXT NOT NULL DEFAULT '',"
    " search_key TEXT NOT NULL DEFAULT '',"
    " active INTEGER NOT NULL DEFAULT 1 CHECK(active IN (0, 1)),"
    " version INTEGER NOT NULL DEFAULT 1,"
    " created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
    "CREATE INDEX resource_kind ON resource(kind, name);"
    "CREATE TABLE matching("
    " id INTEGER PRIMARY KEY,"
    " person_id INTEGER NOT NULL REFERENCES person(id),"
    " case_id INTEGER REFERENCES support_case(id),"
    " plan_id INTEGER REFERENCES plan(id),"
    " resource_id INTEGER NOT NULL REFERENCES resource(id),"
    " state TEXT NOT NULL DEFAULT '調整中' CHECK(state IN ('調整中','開始','定着','終了','中止')),"
    " started_on TEXT NOT NULL DEFAULT '',"
    " ended_on TEXT NOT NULL DEFAULT '',"
    " end_reason TEXT NOT NULL DEFAULT '',"
    " next_follow_on TEXT NOT NULL DEFAULT '',"
    " staff_id INTEGER NOT NULL REFERENCES staff(id),"
    " version INTEGER NOT NULL DEFAULT 1,"
    " created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
    " CHECK(state NOT IN ('終了','中止') OR end_reason <> ''));"
    "CREATE INDEX matching_resource ON matching(resource_id, state);"
    "CREATE INDEX matching_person ON matching(person_id);"
    "CREATE INDEX matching_follow ON matching(next_follow_on) WHERE next_follow_on <> '';"
    "CREATE TABLE matching_event("
    " id INTEGER PRIMARY KEY,"
    " matching_id INTEGER NOT NULL REFERENCES matching(id),"
    " at TEXT NOT NULL,"
    " done_on TEXT NOT NULL,"
    " staff_id INTEGER NOT NULL REFERENCES staff(id),"
    " kind TEXT NOT NULL CHECK(kind IN ('状態','フォロー')),"
    " with_whom TEXT NOT NULL DEFAULT '' CHECK(with_whom IN ('','本人','受け入れ先','両方')),"
    " state TEXT NOT NULL DEFAULT '',"
    " note TEXT NOT NULL DEFAULT '');"
    "CREATE INDEX matching_event_matching ON matching_event(matching_id, at);"
    "CREATE TRIGGER matching_event_no_update BEFORE UPDATE ON matching_event"
    " BEGIN SELECT RAISE(ABORT, 'matching events are history'); END;"
    "CREATE TRIGGER matching_event_no_delete BEFORE DELETE ON matching_event"
    " BEGIN SELECT RAISE(ABORT, 'matching events are history'); END;"
    "CREATE TABLE resource_need("
    " id INTEGER PRIMARY KEY,"
    " need TEXT NOT NULL CHECK(need <> ''),"
    " kind TEXT NOT NULL DEFAULT '',"
    " person_id INTEGER REFERENCES person(id),"
    " case_id INTEGER REFERENCES support_case(id),"
    " noted_on TEXT NOT NULL,"
    " staff_id INTEGER NOT NULL REFERENCES staff(id),"
    " met_by INTEGER REFERENCES resource(id),"
    " version INTEGER NOT NULL DEFAULT 1,"
    " created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
    "CREATE INDEX resource_need_open ON resource_need(noted_on) WHERE met_by IS NULL;",
};

#define DB_N_MIGRATIONS ((int)(sizeof db_migrations / sizeof db_migrations[0]))

/* The schema version this build writes. */
int db_schema_version(void)
{
    return DB_N_MIGRATIONS;
}

/* Read an integer pragma (user_version, application_id). */
static db_status db_pragma_int(db *d, const char *sql, int *out)
{
    sqlite3_stmt *st;
    db_status s = db_prep(d, sql, &st);
    if (s != DB_OK)
        return s;
    int64_t v = 0;
    s = db_step_int(d, st, &v, sql);
    *out = (int)v;
    return s;
}

/* The file's schema version. */
db_status db_file_version(db *d, int *version)
{
    return db_pragma_int(d, "PRAGMA user_version", version);
}

/* Refuse a file that is not ours or is newer than this build. */
static db_status db_check_identity(db *d, int version)
{
    if (version > DB_N_MIGRATIONS)
        return db_failf(d, DB_TOONEW,
                        "%s（ファイルの版 %d、この tsunagi は版 %d まで）。"
                        "tsunagi を更新してください",
                        db_status_text(DB_TOONEW), version, DB_N_MIGRATIONS);
    int app = 0, objects = 0;
    db_status s = db_pragma_int(d, "PRAGMA application_id", &app);
    if (s == DB_OK && version == 0)
        s = db_pragma_int(d, "SELECT count(*) FROM sqlite_schema", &objects);
    if (s != DB_OK)
        return s;
    if ((version > 0 && app != DB_APPLICATION_ID) || (version == 0 && objects > 0))
        return db_failf(d, DB_NOTDB, "%s: %s", db_status_text(DB_NOTDB), d->path);
    return DB_OK;
}

struct db_step {
    int target;
};

/* Apply one migration, unless another process got there first. */
static db_status db_apply(db *d, void *arg)
{
    struct db_step *step = arg;
    int version;
    db_status s = db_file_version(d, &version);
    if (s != DB_OK || version >= step->target)
        return s;
    s = db_exec(d, db_migrations[step->target - 1]);
    if (s != DB_OK)
        return s;
    char sql[96];
    snprintf(sql, sizeof sql, "PRAGMA application_id=%d; PRAGMA user_version=%d",
             DB_APPLICATION_ID, step->target);
    return db_exec(d, sql);
}

/* Read the file's schema version and refuse a file that is not ours or
 * is newer than this build.  Reads only: nothing is written to a file
 * that is refused. */
db_status db_identify(db *d, int *version)
{
    db_status s = db_file_version(d, version);
    return s == DB_OK ? db_check_identity(d, *version) : s;
}

/* Bring the schema up to date, one migration per transaction. */
db_status db_migrate(db *d)
{
    return db_migrate_to(d, DB_N_MIGRATIONS);
}

/* Apply the migrations up to target only, one per transaction: what
 * db_migrate does, stopped early so that a test can make an old file. */
db_status db_migrate_to(db *d, int target)
{
    int version;
    db_status s = db_identify(d, &version);
    if (target > DB_N_MIGRATIONS)
        target = DB_N_MIGRATIONS;
    for (int v = version + 1; s == DB_OK && v <= target; v++) {
        struct db_step step = { v };
        s = db_write(d, db_apply, &step);
    }
    return s;
}
