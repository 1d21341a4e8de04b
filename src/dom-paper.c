/* dom-paper.c - a meeting's papers: its agenda (次第) and, once it was
 * held, the record of its decisions, as plain UTF-8 text for A4 that the
 * command line prints and the screen writes to a file.  The consent rule
 * is applied here, for every paper alike: an item whose person has no
 * consent in force is left out of a meeting not under 守秘義務 and only
 * counted; a 支援会議 paper carries the 守秘義務 notice and names persons as
 * the administrator chose (氏名, イニシャル or ケース番号).  Every paper
 * made is in the audit trail. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "domain.h"

#define DOM_PAPER_DATE_MAX 64
#define DOM_PAPER_LABEL_MAX 256
#define DOM_PAPER_INDENT "    "
#define DOM_PAPER_DEEPER "      "
/* The naming a 支援会議's paper uses when the administrator chose none:
 * the one that tells least to a paper left on a desk. */
#define DOM_PAPER_NAMING_DEFAULT 1   /* dom_confidential_namings: イニシャル */
#define DOM_PAPER_INITIAL_SEP "・"
#define DOM_PAPER_SPACE_WIDE "　"
/* A paper names persons: only its writer may read the folder and file. */
#define DOM_PAPER_DIR_MODE 0700
#define DOM_PAPER_FILE_MODE 0600
#define DOM_PAPER_PATH_MAX 4096

/* What a paper is made from. */
typedef struct dom_paper {
    db_meeting m;
    db_meeting_member *members;
    size_t n_members;
    db_agenda_item *items;
    size_t n_items;
    int naming;              /* index in dom_confidential_namings */
    txt_buf out;
    size_t omitted;
} dom_paper;

/* Free what was read. */
static void dom_paper_free(dom_paper *p)
{
    db_meeting_free(&p->m);
    db_meeting_member_list_free(p->members, p->n_members);
    db_agenda_item_list_free(p->items, p->n_items);
    txt_buf_free(&p->out);
}

/* The naming the administrator chose for 支援会議 papers. */
static db_status dom_paper_naming(db *d, int *naming)
{
    char *value = NULL;
    *naming = DOM_PAPER_NAMING_DEFAULT;
    db_status s = db_setting_get(d, DOM_SETTING_CONFIDENTIAL_NAMES, &value);
    if (s == DB_NOTFOUND)
        return DB_OK;
    for (size_t i = 0; s == DB_OK && i < dom_n_confidential_namings; i++)
        if (strcmp(value, dom_confidential_namings[i]) == 0)
            *naming = (int)i;
    free(value);
    return s;
}

/* The first character of each word of s (words split by either width of
 * space), joined by DOM_PAPER_INITIAL_SEP: "ハヤシ ケンイチ" -> "ハ・ケ". */
static void dom_paper_initials(const char *s, txt_buf *b)
{
    bool word_start = true, first = true;
    size_t len = strlen(s), wide = strlen(DOM_PAPER_SPACE_WIDE);
    for (size_t i = 0; i < len;) {
        if (s[i] == ' ' || strncmp(s + i, DOM_PAPER_SPACE_WIDE, wide) == 0) {
            i += s[i] == ' ' ? 1 : wide;
            word_start = true;
            continue;
        }
        uint32_t cp;
        size_t k = txt_utf8_next(s + i, len - i, &cp);
        if (word_start) {
            txt_buf_printf(b, "%s%.*s", first ? "" : DOM_PAPER_INITIAL_SEP, (int)k, s + i);
            first = false;
        }
        word_start = false;
        i += k;
    }
}

/* How a paper names an item's person: in full, or on a 支援会議's paper as
 * the administrator chose. */
static void dom_paper_person(const dom_paper *p, const db_agenda_item *it, txt_buf *b)
{
    if (!p->m.confidential || p->naming == 0) {
        txt_buf_adds(b, it->person_name && it->person_name[0] ? it->person_name : "（氏名なし）");
        return;
    }
    if (p->naming == DOM_PAPER_NAMING_DEFAULT) {
        const char *from = it->person_kana && it->person_kana[0] ? it->person_kana
                                                                 : it->person_name;
        dom_paper_initials(from ? from : "", b);
        return;
    }
    txt_buf_printf(b, "ケース %lld", (long long)it->case_id);
}

/* An ISO date as 和暦 with its day of the week: "令和8年6月10日（水）". */
static void dom_paper_day(const char *iso, char *buf, size_t n)
{
    txt_date d;
    if (iso == NULL || txt_date_parse(iso, strlen(iso), &d) != 0) {
        snprintf(buf, n, "%s", iso ? iso : "");
        return;
    }
    char w[DOM_PAPER_DATE_MAX];
    txt_date_wareki(d, w, sizeof w);
    snprintf(buf, n, "%s（%s）", w, txt_date_weekday_kanji(d));
}

/* "label: text", the text wrapped under the label's indent. */
static void dom_paper_field(txt_buf *b, const char *indent, const char *label, const char *text)
{
    if (text == NULL || text[0] == '\0')
        return;
    txt_buf line;
    txt_buf_init(&line);
    txt_buf_printf(&line, "%s: %s", label, text);
    txt_wrap(b, line.data ? line.data : "", indent, DOM_PAPER_COLS - (int)strlen(indent));
    txt_buf_free(&line);
}

/* The members (or those who attended) on one wrapped line. */
static void dom_paper_members(dom_paper *p, const char *label, bool attended_only)
{
    txt_buf names;
    txt_buf_init(&names);
    txt_buf_adds(&names, "");
    for (size_t i = 0; i < p->n_members; i++)
        if (!attended_only || p->members[i].attended)
            txt_buf_printf(&names, "%s%s", names.len ? "、" : "", p->members[i].name);
    dom_paper_field(&p->out, "", label, names.len ? names.data : "（なし）");
    txt_buf_free(&names);
}

/* The head of the paper: what meeting, when, where, who. */
static void dom_paper_head(dom_paper *p)
{
    const db_meeting *m = &p->m;
    bool held = strcmp(m->state, DOM_MEETING_HELD) == 0;
    char day[DOM_PAPER_DATE_MAX * 2];
    dom_paper_day(m->held_on, day, sizeof day);
    txt_buf_printf(&p->out, "%s %s%s\n\n", m->kind_name, held ? "記録" : "次第",
                   strcmp(m->state, DOM_MEETING_CANCELLED) == 0 ? "（中止）" : "");
    txt_buf_printf(&p->out, "開催日時: %s%s%s\n", day, m->starts_at[0] ? " " : "", m->starts_at);
    dom_paper_field(&p->out, "", "場所", m->place[0] ? m->place : "（未定）");
    txt_buf_printf(&p->out, "区分: %s  状態: %s  会議番号: %lld\n", m->regular ? "定例" : "随時",
                   m->state, (long long)m->id);
    dom_paper_members(p, "構成員", false);
    if (held)
        dom_paper_members(p, "出席者", true);
    dom_paper_field(&p->out, "", "備考", m->note);
    if (m->confidential)
        txt_wrap(&p->out, "【守秘義務】この会議は社会福祉法第106条の6に基づく支援会議です。"
                 "構成員には守秘義務があり、会議で知り得た内容と資料を外部に漏らしては"
                 "なりません。資料は会議の終わりに回収します。", "", DOM_PAPER_COLS);
    txt_buf_adds(&p->out, "\n");
}

/* The plan an item discusses: its goal, policy and roles. */
static db_status dom_paper_plan(db *d, dom_paper *p, const db_agenda_item *it)
{
    db_plan pl;
    db_status s = DB_NOTFOUND;
    if (it->plan_id > 0) {
        s = db_plan_get(d, it->plan_id, &pl);
    } else {
        db_plan *plans = NULL;
        size_t n = 0;
        s = db_plan_by_case(d, it->case_id, &plans, &n);
        if (s == DB_OK && n == 0)
            s = DB_NOTFOUND;
        if (s == DB_OK) {
            pl = plans[0];
            memset(&plans[0], 0, sizeof plans[0]);
        }
        db_plan_list_free(plans, n);
    }
    if (s == DB_NOTFOUND)
        return DB_OK;
    if (s != DB_OK)
        return s;
    txt_buf_printf(&p->out, DOM_PAPER_INDENT "プラン: 第%d版 %s（%s）\n", pl.seq, pl.type, pl.state);
    dom_paper_field(&p->out, DOM_PAPER_DEEPER, "本人目標", pl.goal);
    dom_paper_field(&p->out, DOM_PAPER_DEEPER, "支援方針", pl.policy);
    for (size_t i = 0; i < pl.n_roles; i++) {
        const db_plan_role *r = &pl.roles[i];
        txt_buf role;
        txt_buf_init(&role);
        txt_buf_printf(&role, "%s：%s", r->agency_id ? r->agency_name : r->who, r->role);
        dom_paper_field(&p->out, DOM_PAPER_DEEPER, i == 0 ? "役割分担" : "　　　　", role.data);
        txt_buf_free(&role);
    }
    db_plan_free(&pl);
    return DB_OK;
}

/* The decision recorded on an item. */
static void dom_paper_decision(dom_paper *p, const db_agenda_item *it)
{
    if (it->decision[0] == '\0') {
        if (strcmp(p->m.state, DOM_MEETING_HELD) == 0)
            txt_buf_adds(&p->out, DOM_PAPER_INDENT "決定: （未記録）\n");
        return;
    }
    txt_buf_printf(&p->out, DOM_PAPER_INDENT "決定: %s\n", it->decision);
    dom_paper_field(&p->out, DOM_PAPER_DEEPER, "内容", it->decision_note);
    dom_paper_field(&p->out, DOM_PAPER_DEEPER, "社会資源の不足", it->resource_gap);
}

/* One item of the agenda, numbered as printed. */
static db_status dom_paper_item(db *d, dom_paper *p, const db_agenda_item *it, size_t number)
{
    txt_buf head;
    txt_buf_init(&head);
    txt_buf_printf(&head, "%zu. 【%s】 ", number, it->moment);
    dom_paper_person(p, it, &head);
    txt_buf_printf(&head, "（ケース %lld・%s・%s）", (long long)it->case_id, it->business,
                   it->stage);
    txt_wrap(&p->out, head.data ? head.data : "", "", DOM_PAPER_COLS);
    txt_buf_free(&head);
    dom_paper_field(&p->out, DOM_PAPER_INDENT, "議題のメモ", it->note);
    db_status s = dom_paper_plan(d, p, it);
    dom_paper_decision(p, it);
    txt_buf_adds(&p->out, "\n");
    return s;
}

/* The items the consent rule lets on the paper, numbered 1, 2, ...; those
 * it keeps off are only counted. */
static db_status dom_paper_items(db *d, dom_paper *p)
{
    txt_buf_printf(&p->out, "議題\n\n");
    size_t number = 0;
    for (size_t i = 0; i < p->n_items; i++) {
        int in_force = 0, total = 0;
        db_status s = db_consent_counts(d, p->items[i].person_id, &in_force, &total);
        if (s != DB_OK)
            return s;
        if (!dom_agenda_on_paper(p->m.confidential, dom_consent_state_of(in_force, total))) {
            p->omitted++;
            continue;
        }
        if ((s = dom_paper_item(d, p, &p->items[i], ++number)) != DB_OK)
            return s;
    }
    if (number == 0)
        txt_buf_adds(&p->out, "（議題はありません）\n\n");
    if (p->omitted > 0) {
        txt_buf note;
        txt_buf_init(&note);
        txt_buf_printf(&note, "※ 本人同意が有効でない議題 %zu 件は、この資料に記載していません"
                       "（支援会議で扱ってください）。", p->omitted);
        txt_wrap(&p->out, note.data ? note.data : "", "", DOM_PAPER_COLS);
        txt_buf_free(&note);
    }
    return DB_OK;
}

/* The paper of a meeting, recorded in the audit trail. */
db_status dom_paper_agenda(db *d, int64_t meeting_id, char **text, size_t *omitted)
{
    dom_paper p;
    memset(&p, 0, sizeof p);
    txt_buf_init(&p.out);
    *text = NULL;
    *omitted = 0;
    db_status s = db_meeting_get(d, meeting_id, &p.m);
    if (s == DB_OK)
        s = db_meeting_members(d, meeting_id, &p.members, &p.n_members);
    if (s == DB_OK)
        s = db_agenda_items(d, meeting_id, &p.items, &p.n_items);
    if (s == DB_OK)
        s = dom_paper_naming(d, &p.naming);
    if (s == DB_OK) {
        dom_paper_head(&p);
        s = dom_paper_items(d, &p);
    }
    if (s == DB_OK && p.out.failed)
        s = db_refuse(d, DB_NOMEM, "メモリが不足しています");
    if (s == DB_OK) {
        char asked[DOM_PAPER_LABEL_MAX];
        snprintf(asked, sizeof asked, "会議 %lld %s", (long long)meeting_id, p.m.kind_name);
        s = db_audit_export(d, "print", "meeting", p.n_items - p.omitted, asked);
    }
    if (s == DB_OK) {
        *text = txt_buf_take(&p.out);
        *omitted = p.omitted;
    }
    dom_paper_free(&p);
    return s;
}

/* Write a meeting's paper to dir/meeting-ID-DATE.txt (UTF-8), replacing
 * an older one of the same meeting; *path receives the file's name. */
db_status dom_paper_write(db *d, int64_t meeting_id, const char *dir, char **path,
                          size_t *omitted)
{
    char *text = NULL;
    *path = NULL;
    db_status s = dom_paper_agenda(d, meeting_id, &text, omitted);
    if (s != DB_OK)
        return s;
    db_meeting m;
    s = db_meeting_get(d, meeting_id, &m);
    if (s != DB_OK) {
        free(text);
        return s;
    }
    char file[DOM_PAPER_PATH_MAX];
    snprintf(file, sizeof file, "%s/meeting-%lld-%s.txt", dir, (long long)meeting_id, m.held_on);
    db_meeting_free(&m);
    if (mkdir(dir, DOM_PAPER_DIR_MODE) != 0 && errno != EEXIST) {
        free(text);
        return db_refuse(d, DB_IOERR, "資料のフォルダを作れません");
    }
    int rc = dom_file_replace(file, text, DOM_PAPER_FILE_MODE);
    free(text);
    if (rc != 0)
        return db_refuse(d, DB_IOERR, "資料のファイルを書けません（空き容量や権限を確かめてください）");
    *path = strdup(file);
    return *path ? DB_OK : db_refuse(d, DB_NOMEM, "メモリが不足しています");
}
