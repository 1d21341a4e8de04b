/* dom-intake.c - from an intake form's values to the rows it saves: the
 * person and the consultation.  Fields map through their core column, so a
 * municipality may rename or reorder fields in the form file freely. */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain.h"
#include "form.h"

#define DOM_TIME_LEN 5            /* "HH:MM" */
#define DOM_ISO_MAX 32
#define DOM_HOUSEHOLD_SUFFIX "世帯"
#define DOM_HOUSEHOLD_NAME_MAX 256   /* bytes of a generated household name */

/* Which row and member each core column fills. */
static const struct {
    const char *column;
    bool person;
    size_t offset;
} dom_intake_columns[] = {
    { "person.name", true, offsetof(db_person, name) },
    { "person.kana", true, offsetof(db_person, kana) },
    { "person.birth", true, offsetof(db_person, birth) },
    { "person.address", true, offsetof(db_person, address) },
    { "person.phone", true, offsetof(db_person, phone) },
    { "consultation.received_at", false, offsetof(db_consult, received_at) },
    { "consultation.channel", false, offsetof(db_consult, channel) },
    { "consultation.visitor", false, offsetof(db_consult, visitor) },
    { "consultation.visitor_relation", false, offsetof(db_consult, visitor_relation) },
    { "consultation.referrer", false, offsetof(db_consult, referrer) },
    { "consultation.concerns", false, offsetof(db_consult, concerns) },
    { "consultation.content", false, offsetof(db_consult, content) },
    { "consultation.urgency", false, offsetof(db_consult, urgency) },
    { "consultation.next_contact", false, offsetof(db_consult, next_contact) },
    { "consultation.disposition", false, offsetof(db_consult, disposition) },
};

#define DOM_N_INTAKE_COLUMNS (sizeof dom_intake_columns / sizeof dom_intake_columns[0])

/* Set the member a column maps to; false when the column is not a plain
 * string member (sex and staff are handled apart). */
static bool dom_intake_place(const char *column, char *value, db_person *p, db_consult *c)
{
    for (size_t i = 0; i < DOM_N_INTAKE_COLUMNS; i++) {
        if (strcmp(dom_intake_columns[i].column, column) != 0)
            continue;
        char *base = dom_intake_columns[i].person ? (char *)p : (char *)c;
        *(char **)(base + dom_intake_columns[i].offset) = value;
        return true;
    }
    return false;
}

/* Point the rows at the form's values through each field's column. */
int dom_intake_rows(const form_values *fv, db_person *p, db_consult *c)
{
    memset(p, 0, sizeof *p);
    memset(c, 0, sizeof *c);
    const form *f = fv->f;
    c->extra_ids = calloc(f->n_fields ? f->n_fields : 1, sizeof *c->extra_ids);
    c->extra_values = calloc(f->n_fields ? f->n_fields : 1, sizeof *c->extra_values);
    if (c->extra_ids == NULL || c->extra_values == NULL) {
        dom_intake_rows_free(c);
        return -1;
    }
    for (size_t i = 0; i < f->n_fields; i++) {
        const form_field *fl = &f->fields[i];
        if (fl->column[0] == '\0') {
            c->extra_ids[c->n_extra] = fl->id;
            c->extra_values[c->n_extra++] = fv->v[i];
        } else if (strcmp(fl->column, "person.sex") == 0) {
            const char *code = dom_sex_code(fv->v[i]);
            p->sex = (char *)(code ? code : "");
        } else {
            dom_intake_place(fl->column, fv->v[i], p, c);
        }
    }
    return 0;
}

/* Free the arrays dom_intake_rows allocated (the strings are the form's). */
void dom_intake_rows_free(db_consult *c)
{
    free(c->extra_ids);
    free(c->extra_values);
    c->extra_ids = NULL;
    c->extra_values = NULL;
    c->n_extra = 0;
}

/* Check "YYYY-MM-DD HH:MM" (or with T, or a 和暦 date before the time) and
 * rewrite it as "YYYY-MM-DDTHH:MM". */
static const char *dom_intake_datetime(form_values *fv, size_t i)
{
    static const char *const bad = "受付日時: 「2026-11-24 10:05」の形で入力してください";
    const char *v = fv->v[i];
    size_t len = strlen(v);
    if (len < DOM_TIME_LEN + 2)
        return bad;
    const char *time = v + len - DOM_TIME_LEN;
    int hh, mm;
    txt_date d;
    if (sscanf(time, "%2d:%2d", &hh, &mm) != 2 || hh > 23 || mm > 59 ||
        (time[-1] != ' ' && time[-1] != 'T') ||
        txt_date_parse(v, (size_t)(time - 1 - v), &d) != 0)
        return bad;
    char iso[DOM_ISO_MAX], out[DOM_ISO_MAX * 2];
    txt_date_iso(d, iso, sizeof iso);
    snprintf(out, sizeof out, "%sT%02d:%02d", iso, hh, mm);
    return form_values_set(fv, i, out) == 0 ? NULL : "メモリが不足しています";
}

/* Check every field before saving; dates are rewritten in ISO. */
size_t dom_intake_check(form_values *fv, const char **errors, txt_date today)
{
    size_t bad = 0;
    char norm[DOM_ISO_MAX];
    for (size_t i = 0; i < fv->f->n_fields; i++) {
        const form_field *fl = &fv->f->fields[i];
        norm[0] = '\0';
        if (strcmp(fl->column, "consultation.received_at") == 0)
            errors[i] = dom_intake_datetime(fv, i);
        else
            errors[i] = form_check(fl, fv->v[i], norm, sizeof norm);
        if (errors[i] == NULL && fl->type == FORM_DATE && norm[0])
            form_values_set(fv, i, norm);
        if (errors[i] == NULL && strcmp(fl->column, "person.birth") == 0 && norm[0]) {
            txt_date b;
            if (txt_date_parse(norm, strlen(norm), &b) == 0 && txt_date_cmp(b, today) > 0)
                errors[i] = "生年月日: 今日より後の日付です";
        }
        if (errors[i] != NULL)
            bad++;
    }
    return bad;
}

/* Whether anything identifying a person was typed. */
bool dom_intake_names_person(const db_person *p)
{
    const char *const fields[] = { p->name, p->kana, p->birth, p->phone, p->address };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (fields[i] && fields[i][0])
            return true;
    return false;
}

/* The household name for a new person: the surname (up to the first
 * space, either width) and 世帯; the reading when no name was given. */
void dom_household_name(const db_person *p, char *buf, size_t n)
{
    const char *src = p->name && p->name[0] ? p->name : (p->kana ? p->kana : "");
    size_t len = strcspn(src, " ");
    const char *wide = strstr(src, "\xe3\x80\x80");
    if (wide && (size_t)(wide - src) < len)
        len = (size_t)(wide - src);
    /* A surname too long for buf is cut at a character boundary, so the
     * name stays valid UTF-8 and still ends in 世帯. */
    size_t room = n > sizeof DOM_HOUSEHOLD_SUFFIX ? n - sizeof DOM_HOUSEHOLD_SUFFIX : 0;
    if (len > room) {
        len = room;
        while (len > 0 && ((unsigned char)src[len] & 0xC0) == 0x80)
            len--;
    }
    snprintf(buf, n, "%.*s%s", (int)len, src, DOM_HOUSEHOLD_SUFFIX);
}

/* Replace dst with src when src was typed; true when it changed. */
static bool dom_intake_take(char **dst, const char *src)
{
    if (src == NULL || src[0] == '\0' || strcmp(*dst, src) == 0)
        return false;
    char *copy = strdup(src);
    if (copy == NULL)
        return false;
    free(*dst);
    *dst = copy;
    return true;
}

/* A linked person whose details were corrected at the counter (a new
 * phone, a move): update them, unless someone else changed them since
 * they were linked. */
static db_status dom_intake_correct(db *d, dom_intake_save *s)
{
    db_person stored;
    db_status st = db_person_get(d, s->person_id, &stored);
    if (st != DB_OK)
        return st;
    const db_person *t = s->person;
    bool changed = false;
    changed |= dom_intake_take(&stored.name, t->name);
    changed |= dom_intake_take(&stored.kana, t->kana);
    changed |= dom_intake_take(&stored.birth, t->birth);
    changed |= dom_intake_take(&stored.sex, t->sex);
    changed |= dom_intake_take(&stored.address, t->address);
    changed |= dom_intake_take(&stored.phone, t->phone);
    if (changed) {
        stored.version = s->person_version;
        st = db_person_update(d, &stored);
    }
    db_person_free(&stored);
    return st;
}

/* Create the person (and a household for them) when they are new; a
 * consultation that names nobody stays anonymous. */
static db_status dom_intake_person(db *d, dom_intake_save *s, int64_t *person_id)
{
    *person_id = s->person_id;
    if (s->person_id > 0)
        return dom_intake_correct(d, s);
    if (!dom_intake_names_person(s->person))
        return DB_OK;
    int64_t household = s->household_id;
    db_status st = DB_OK;
    if (household == 0) {
        char name[DOM_HOUSEHOLD_NAME_MAX];
        dom_household_name(s->person, name, sizeof name);
        db_household h = { 0, name, s->person->address, (char *)"", 0 };
        st = db_household_insert(d, &h, &household);
    }
    s->person->household_id = household;
    s->person->relation = (char *)s->relation;
    return st == DB_OK ? db_person_insert(d, s->person, person_id) : st;
}

/* The save transaction: person, consultation, and the draft's removal.
 * It may run more than once (db_write retries when busy), so it writes
 * its results only into fields it sets afresh each time. */
static db_status dom_intake_tx(db *d, void *arg)
{
    dom_intake_save *s = arg;
    int64_t person_id = 0;
    db_status st = dom_intake_person(d, s, &person_id);
    if (st != DB_OK)
        return st;
    s->consult->person_id = person_id;
    s->consult->staff_id = db_actor(d);
    st = db_consult_insert(d, s->consult, &s->consult_id);
    if (st == DB_OK && s->draft_id > 0) {
        st = db_draft_delete(d, s->draft_id);
        /* Discarded from another terminal meanwhile: the save still stands. */
        if (st == DB_NOTFOUND)
            st = DB_OK;
    }
    if (st == DB_OK)
        s->saved_person_id = person_id;
    return st;
}

/* Save an intake in one write transaction. */
db_status dom_intake_commit(db *d, dom_intake_save *s)
{
    s->saved_person_id = 0;
    s->consult_id = 0;
    return db_write(d, dom_intake_tx, s);
}
