/* ui-intake.c - the intake screen (F3, 相談受付票): any consultation from
 * anyone, typed fast, linked to the existing person instead of creating
 * them twice, and never lost: it is kept as a draft whenever it changes
 * and the user pauses, leaves, quits or the terminal goes away. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain.h"
#include "form.h"
#include "ui-int.h"

#define UI_INTAKE_FORM "intake"
#define UI_INTAKE_SUGGEST_ROWS 3      /* heading and two candidates */
#define UI_INTAKE_LABEL_MAX 512
#define UI_INTAKE_TIME_MAX 32
#define UI_INTAKE_ISO_MAX 16
/* A draft's context line of its own, beside UI_DRAFT_PERSON. */
#define UI_INTAKE_DRAFT_HOUSEHOLD "#household"

/* The columns whose values identify a person, for the suggestions. */
static const char *const ui_intake_identity[] = {
    "person.name", "person.kana", "person.birth", "person.phone",
};

/* Forget the suggestions. */
static void ui_intake_clear_suggest(ui_intake *in)
{
    db_person_list_free(in->suggest, in->n_suggest);
    in->suggest = NULL;
    in->n_suggest = 0;
    in->suggest_sel = 0;
}

/* Close the form in progress (its draft, if any, stays in the database or
 * in the spool file). */
static void ui_intake_close(ui_intake *in)
{
    ui_keep_free(&in->keep);
    if (in->active) {
        ui_form_free(&in->ui);
        form_values_free(&in->values);
    }
    free(in->errors);
    free(in->person_label);
    free(in->household_label);
    free(in->suggest_for);
    ui_intake_clear_suggest(in);
    form *f = in->form;
    memset(in, 0, sizeof *in);
    in->form = f;
}

/* Free everything the intake holds, the form definition too. */
void ui_intake_free(ui_intake *in)
{
    ui_intake_close(in);
    if (in->form) {
        form_free(in->form);
        free(in->form);
    }
    in->form = NULL;
}

/* Read the form file once; false (with a message) when it is bad. */
static bool ui_intake_load_form(ui_app *a)
{
    ui_intake *in = &a->intake;
    if (in->form)
        return true;
    char err[FORM_ERR_MAX];
    in->form = calloc(1, sizeof *in->form);
    if (in->form && form_find(UI_INTAKE_FORM, in->form, err, sizeof err) == 0)
        return true;
    ui_message(a, UI_ALERT, "受付票を読めません: %s", in->form ? err : "メモリ不足");
    free(in->form);
    in->form = NULL;
    return false;
}

/* The value index of the field mapped to a column, or -1. */
static long ui_intake_index(const ui_intake *in, const char *column)
{
    const form_field *fl = form_field_by_column(in->form, column);
    return fl ? fl - in->form->fields : -1;
}

/* Fill in what the program knows: now, and who is taking the intake. */
static void ui_intake_fill(ui_app *a)
{
    ui_intake *in = &a->intake;
    char now[UI_INTAKE_TIME_MAX];
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(now, sizeof now, "%Y-%m-%d %H:%M", &tm);
    for (size_t i = 0; i < in->form->n_fields; i++) {
        if (in->form->fields[i].fill == FORM_FILL_NOW && in->values.v[i][0] == '\0')
            form_values_set(&in->values, i, now);
        else if (in->form->fields[i].fill == FORM_FILL_STAFF)
            form_values_set(&in->values, i, a->who->name);
    }
}

/* Start an empty form. */
static bool ui_intake_begin(ui_app *a)
{
    ui_intake *in = &a->intake;
    if (!ui_intake_load_form(a))
        return false;
    ui_intake_close(in);
    in->errors = calloc(in->form->n_fields + 1, sizeof *in->errors);
    if (in->errors == NULL || form_values_init(&in->values, in->form) != 0) {
        ui_message(a, UI_ALERT, "メモリが不足しています");
        return false;
    }
    in->active = true;
    ui_intake_fill(a);
    ui_form_init(&in->ui, in->form, &in->values, in->errors);
    return true;
}

/* A one-line description of a person for the header and suggestions. */
static char *ui_intake_describe(const db_person *p)
{
    char birth[UI_INTAKE_ISO_MAX * 2] = "";
    txt_date b;
    if (p->birth[0] && txt_date_parse(p->birth, strlen(p->birth), &b) == 0)
        txt_date_wareki_short(b, birth, sizeof birth);
    txt_buf t;
    txt_buf_init(&t);
    txt_buf_printf(&t, "%s（%s）%s %s 番号%lld", p->name[0] ? p->name : "（氏名なし）",
                   p->kana, birth, p->phone, (long long)p->id);
    return txt_buf_take(&t);
}

/* Link the intake to an existing person and fill the form from them. */
static void ui_intake_link(ui_app *a, const db_person *p)
{
    ui_intake *in = &a->intake;
    in->person_id = p->id;
    in->person_version = p->version;
    free(in->person_label);
    in->person_label = ui_intake_describe(p);
    in->household_id = 0;
    free(in->household_label);
    in->household_label = NULL;
    /* Show the stored identity, so the form says who this is. */
    const struct { const char *column; const char *value; } from[] = {
        { "person.name", p->name }, { "person.kana", p->kana },
        { "person.birth", p->birth }, { "person.phone", p->phone },
        { "person.address", p->address }, { "person.sex", dom_sex_label(p->sex) },
    };
    for (size_t i = 0; i < sizeof from / sizeof from[0]; i++) {
        long at = ui_intake_index(in, from[i].column);
        if (at >= 0)
            form_values_set(&in->values, (size_t)at, from[i].value);
    }
    ui_form_reload(&in->ui);
    ui_intake_clear_suggest(in);
    in->keep.dirty = true;
}

/* Open the intake: the one in progress, or a new one for person_id. */
void ui_intake_open(ui_app *a, int64_t person_id)
{
    ui_intake *in = &a->intake;
    bool busy = in->active && !form_values_blank(&in->values);
    if (!busy && !ui_intake_begin(a))
        return;
    if (person_id > 0 && busy && in->person_id != person_id)
        ui_message(a, UI_ALERT, "入力中の受付票があります。保存するか ESC で下書きにしてから開いてください");
    else if (person_id > 0 && in->person_id != person_id) {
        db_person p;
        if (db_person_get(a->d, person_id, &p) == DB_OK) {
            ui_intake_link(a, &p);
            db_person_free(&p);
        }
    }
    ui_go(a, UI_SCREEN_INTAKE);
}

/* The identity typed so far, as one string, to tell when it changed. */
static char *ui_intake_identity_text(const ui_intake *in)
{
    txt_buf b;
    txt_buf_init(&b);
    txt_buf_adds(&b, "");
    for (size_t i = 0; i < sizeof ui_intake_identity / sizeof ui_intake_identity[0]; i++) {
        long at = ui_intake_index(in, ui_intake_identity[i]);
        txt_buf_adds(&b, at >= 0 ? in->values.v[at] : "");
        txt_buf_adds(&b, "\t");
    }
    return txt_buf_take(&b);
}

/* Look for persons like the one being typed, when the identity changed. */
static void ui_intake_suggest(ui_app *a)
{
    ui_intake *in = &a->intake;
    if (in->person_id > 0)
        return;
    char *now = ui_intake_identity_text(in);
    if (now == NULL || (in->suggest_for && strcmp(now, in->suggest_for) == 0)) {
        free(now);
        return;
    }
    free(in->suggest_for);
    in->suggest_for = now;
    ui_intake_clear_suggest(in);
    db_person typed;
    db_consult c;
    if (dom_intake_rows(&in->values, &typed, &c) != 0)
        return;
    dom_intake_rows_free(&c);
    /* A birth date typed in 和暦 is compared in ISO. */
    char iso[UI_INTAKE_ISO_MAX] = "";
    txt_date b;
    if (typed.birth && txt_date_parse(typed.birth, strlen(typed.birth), &b) == 0)
        txt_date_iso(b, iso, sizeof iso);
    typed.birth = iso;
    if (db_person_similar(a->d, &typed, UI_SUGGEST_MAX, &in->suggest,
                          &in->n_suggest) != DB_OK) {
        ui_message(a, UI_ALERT, "候補を探せません: %s", db_errtext(a->d));
        return;
    }
    in->n_suggest = dom_person_rank(&typed, in->suggest, in->n_suggest);
    for (size_t i = 0; i < in->n_suggest; i++)
        in->suggest_why[i] = dom_person_match(&typed, &in->suggest[i]).reason;
}

/* The draft text: the form's values, then who the intake is linked to and
 * which household a new person joins, so that a resumed draft does not
 * create the person a second time. */
static char *ui_intake_dump(const ui_intake *in)
{
    char *values = form_values_dump(&in->values);
    if (values == NULL)
        return NULL;
    txt_buf b;
    txt_buf_init(&b);
    txt_buf_adds(&b, values);
    free(values);
    if (in->person_id > 0)
        txt_buf_printf(&b, "%s\t%lld\t%lld\n", UI_DRAFT_PERSON,
                       (long long)in->person_id, (long long)in->person_version);
    if (in->household_id > 0)
        txt_buf_printf(&b, "%s\t%lld\t%zu\n", UI_INTAKE_DRAFT_HOUSEHOLD,
                       (long long)in->household_id, in->relation);
    return txt_buf_take(&b);
}

/* Restore the link and the household from a draft's text. */
static void ui_intake_restore_links(ui_app *a, const char *data)
{
    ui_intake *in = &a->intake;
    const char *p = strstr(data, UI_DRAFT_PERSON "\t");
    long long id, version;
    db_person person;
    if (p && sscanf(p + strlen(UI_DRAFT_PERSON), "\t%lld\t%lld", &id, &version) == 2 &&
        db_person_get(a->d, id, &person) == DB_OK) {
        in->person_id = id;
        in->person_version = version;
        free(in->person_label);
        in->person_label = ui_intake_describe(&person);
        db_person_free(&person);
    }
    p = strstr(data, UI_INTAKE_DRAFT_HOUSEHOLD "\t");
    size_t relation;
    db_household h;
    if (p && sscanf(p + strlen(UI_INTAKE_DRAFT_HOUSEHOLD), "\t%lld\t%zu", &id, &relation) == 2 &&
        relation < dom_n_relations && db_household_get(a->d, id, &h) == DB_OK) {
        in->household_id = id;
        in->relation = relation;
        free(in->household_label);
        txt_buf t;
        txt_buf_init(&t);
        txt_buf_printf(&t, "%sに追加", h.name);
        in->household_label = txt_buf_take(&t);
        db_household_free(&h);
    }
}

/* Keep what was typed as a draft if it changed. */
bool ui_intake_keep(ui_app *a)
{
    ui_intake *in = &a->intake;
    if (!in->active || !in->keep.dirty || form_values_blank(&in->values))
        return true;
    ui_form_commit(&in->ui);
    char *data = ui_intake_dump(in);
    bool ok = ui_keep_save(a, &in->keep, UI_INTAKE_FORM, data);
    free(data);
    return ok;
}

/* Load a draft into the intake (keeping the one in progress first). */
bool ui_intake_resume(ui_app *a, const db_draft *dr)
{
    ui_intake *in = &a->intake;
    if (strcmp(dr->form_id, UI_INTAKE_FORM) != 0)
        return false;
    if (in->active && in->keep.draft_id != dr->id && !ui_intake_keep(a))
        return true;
    if (!ui_intake_begin(a))
        return true;
    form_values_load(&in->values, dr->data);
    ui_intake_restore_links(a, dr->data);
    ui_form_reload(&in->ui);
    ui_keep_resume(&in->keep, dr);
    ui_intake_suggest(a);
    ui_go(a, UI_SCREEN_INTAKE);
    ui_keep_resumed(a, dr);
    return true;
}

/* Focus the first field with a message. */
static void ui_intake_focus_error(ui_intake *in)
{
    for (size_t i = 0; i < in->form->n_fields; i++)
        if (in->errors[i]) {
            ui_form_focus(&in->ui, i);
            return;
        }
}

/* Save the intake: check it, then write everything in one transaction.
 * A failure keeps every value on screen and as a draft. */
static void ui_intake_save(ui_app *a)
{
    ui_intake *in = &a->intake;
    ui_form_commit(&in->ui);
    size_t bad = dom_intake_check(&in->values, in->errors, dom_today());
    ui_form_reload(&in->ui);
    if (bad > 0) {
        ui_intake_focus_error(in);
        ui_message(a, UI_ALERT, "入力内容を確認してください（%zu件）", bad);
        return;
    }
    db_person person;
    db_consult consult;
    if (dom_intake_rows(&in->values, &person, &consult) != 0) {
        ui_message(a, UI_ALERT, "メモリが不足しています");
        return;
    }
    dom_intake_save s = {
        .person = &person, .consult = &consult,
        .person_id = in->person_id, .person_version = in->person_version,
        .household_id = in->household_id,
        .relation = in->household_id ? dom_relations[in->relation] : dom_relations[0],
        .draft_id = in->keep.draft_id,
    };
    db_status st = dom_intake_commit(a->d, &s);
    dom_intake_rows_free(&consult);
    if (st != DB_OK) {
        char why[UI_INTAKE_LABEL_MAX];
        snprintf(why, sizeof why, "%s", db_errtext(a->d));
        in->keep.dirty = true;
        /* A draft would wait for the same lock: the pause-save retries. */
        if (st != DB_BUSY)
            ui_intake_keep(a);
        if (in->keep.kept_local)
            ui_message(a, UI_ALERT, "保存できませんでした。入力は手元の下書きに残しました"
                       "（Ctrl-S で再試行）: %s", why);
        else
            ui_message(a, UI_ALERT, "保存できませんでした。入力内容は残っています"
                       "（Ctrl-S で再試行）: %s", why);
        return;
    }
    int64_t person_id = s.saved_person_id;
    dom_draft_forget(&in->keep.spool_file);
    ui_intake_close(in);
    if (person_id > 0) {
        ui_summary_open(a, person_id);
        ui_message(a, UI_NORMAL, "相談を保存しました（受付番号 %lld）", (long long)s.consult_id);
    } else {
        ui_go(a, UI_SCREEN_LOOKUP);
        ui_message(a, UI_NORMAL, "匿名の相談として保存しました（受付番号 %lld）",
                   (long long)s.consult_id);
    }
}

/* Join the household of the highlighted candidate, or step the 続柄 when
 * already joining it. */
static void ui_intake_join(ui_app *a)
{
    ui_intake *in = &a->intake;
    if (in->n_suggest == 0 || in->person_id > 0)
        return;
    const db_person *p = &in->suggest[in->suggest_sel];
    if (p->household_id == 0) {
        ui_message(a, UI_ALERT, "この人は世帯が登録されていません");
        return;
    }
    if (in->household_id == p->household_id) {
        in->relation = (in->relation + 1) % dom_n_relations;
    } else {
        in->household_id = p->household_id;
        in->relation = 1;   /* the head is there already: start past 世帯主 */
    }
    free(in->household_label);
    txt_buf t;
    txt_buf_init(&t);
    txt_buf_printf(&t, "%sさんの世帯に追加", p->name);
    in->household_label = txt_buf_take(&t);
    in->keep.dirty = true;
}

/* The intake's own control keys. */
static bool ui_intake_ctrl(ui_app *a, wchar_t c)
{
    ui_intake *in = &a->intake;
    switch (c) {
    case 's':
        ui_intake_save(a);
        return true;
    case 'n':
        if (in->n_suggest > 0)
            in->suggest_sel = (in->suggest_sel + 1) % in->n_suggest;
        return true;
    case 'k':
        if (in->n_suggest > 0 && in->person_id == 0)
            ui_intake_link(a, &in->suggest[in->suggest_sel]);
        return true;
    case 'o':
        ui_intake_join(a);
        return true;
    case 'r':
        in->person_id = 0;
        in->household_id = 0;
        free(in->suggest_for);
        in->suggest_for = NULL;
        in->keep.dirty = true;
        ui_intake_suggest(a);
        return true;
    default:
        return false;
    }
}

/* Take a key on the intake screen. */
static bool ui_intake_key(ui_app *a, const ui_key *k)
{
    ui_intake *in = &a->intake;
    if (!in->active)
        return false;
    if (k->kind == UI_KEY_CTRL)
        return ui_intake_ctrl(a, k->ch);
    if (k->kind == UI_KEY_BACK) {
        bool kept = ui_intake_keep(a);
        ui_go(a, UI_SCREEN_LOOKUP);
        if (kept && in->keep.draft_id > 0)
            ui_message(a, UI_NORMAL, "受付票を下書きに残しました（F3 で戻れます）");
        return true;
    }
    bool changed = false;
    bool used = ui_form_key(&in->ui, k, &changed);
    if (changed) {
        in->keep.dirty = true;
        in->errors[in->ui.focus] = NULL;
        ui_intake_suggest(a);
    }
    return used;
}

/* The header: who the consultation is for. */
static void ui_intake_draw_header(ui_app *a, int y)
{
    ui_intake *in = &a->intake;
    int x = ui_puts(y, 0, UI_HEADING, "本人: ");
    if (in->person_id > 0)
        ui_putf(y, x, UI_NORMAL, "%s  Ctrl-R で解除", in->person_label);
    else if (in->household_id > 0)
        ui_putf(y, x, UI_NORMAL, "新しい人（%s、続柄: %s、Ctrl-O で変更）",
                in->household_label, dom_relations[in->relation]);
    else
        ui_puts(y, x, UI_DIM, "未特定（氏名などを入れると新しい人、空なら匿名の相談）");
}

/* The candidates for the person being typed. */
static void ui_intake_draw_suggest(ui_app *a, int y)
{
    ui_intake *in = &a->intake;
    ui_puts(y, 0, UI_ALERT, "似た人: Ctrl-N 次 / Ctrl-K 本人として結び付け / Ctrl-O その世帯に追加");
    size_t first = in->suggest_sel > 0 ? in->suggest_sel - 1 : 0;
    for (int row = 1; row < UI_INTAKE_SUGGEST_ROWS && first + (size_t)(row - 1) < in->n_suggest; row++) {
        size_t i = first + (size_t)(row - 1);
        char *desc = ui_intake_describe(&in->suggest[i]);
        char line[UI_INTAKE_LABEL_MAX];
        snprintf(line, sizeof line, "%s %s  [%s]", i == in->suggest_sel ? ">" : " ",
                 desc ? desc : "", in->suggest_why[i]);
        ui_put(y + row, 0, ui_cols(), i == in->suggest_sel ? UI_SELECTED : UI_NORMAL, line);
        free(desc);
    }
}

/* Draw the intake screen. */
static void ui_intake_draw(ui_app *a)
{
    ui_intake *in = &a->intake;
    if (!in->active)
        return;
    int top = ui_body_top(), bottom = ui_body_bottom();
    ui_intake_draw_header(a, top);
    bool suggest = in->n_suggest > 0 && in->person_id == 0;
    int form_bottom = suggest ? bottom - UI_INTAKE_SUGGEST_ROWS : bottom;
    if (suggest)
        ui_intake_draw_suggest(a, form_bottom + 1);
    ui_form_draw(&in->ui, top + 1, form_bottom);
}

const ui_screen ui_intake_screen = {
    "相談受付票", UI_FKEY(3), ui_intake_draw, ui_intake_key,
};
