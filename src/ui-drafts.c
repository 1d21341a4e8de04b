/* ui-drafts.c - the drafts a user left (an intake they walked away from,
 * or any form cut off when the terminal went away), offered back at the
 * next start so that nothing half-typed is lost.  Each opens again on its
 * own screen, where it was. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain.h"
#include "form.h"
#include "ui-int.h"

#define UI_DRAFTS_PREVIEW_MAX 256
#define UI_DRAFTS_TIME_CELLS 16
#define UI_DRAFTS_LIST_TOP 3
#define UI_DRAFTS_LABEL_CELLS 44

/* Each screen's way of opening its drafts again, tried in turn. */
static bool (*const ui_drafts_resumers[])(ui_app *, const db_draft *) = {
    ui_intake_resume, ui_consent_resume, ui_referral_resume, ui_case_resume, ui_meeting_resume,
    ui_outreach_resume, ui_resource_resume, ui_matching_resume, ui_need_resume,
};

/* Free the list. */
void ui_drafts_free(ui_drafts *dl)
{
    for (size_t i = 0; dl->labels && i < dl->n; i++)
        free(dl->labels[i]);
    free(dl->labels);
    db_draft_list_free(dl->rows, dl->n);
    memset(dl, 0, sizeof *dl);
}

/* What a draft is and whom it is about: the form's title and the
 * person's name ("相談受付票", "支援プラン 山田　太郎"). */
static char *ui_drafts_label(ui_app *a, const db_draft *dr)
{
    txt_buf b;
    txt_buf_init(&b);
    form f;
    char err[FORM_ERR_MAX];
    if (form_find(dr->form_id, &f, err, sizeof err) == 0) {
        txt_buf_adds(&b, f.title);
        form_free(&f);
    } else {
        txt_buf_adds(&b, dr->form_id);
    }
    db_person p;
    int64_t person = ui_keep_context(dr->data, UI_DRAFT_PERSON);
    if (person > 0 && db_person_get(a->d, person, &p) == DB_OK) {
        txt_buf_printf(&b, " %s", p.name[0] ? p.name : p.kana);
        db_person_free(&p);
    }
    return txt_buf_take(&b);
}

/* Read the user's drafts again. */
static bool ui_drafts_reload(ui_app *a)
{
    ui_drafts_free(&a->drafts);
    if (db_draft_list(a->d, a->who->id, &a->drafts.rows, &a->drafts.n) != DB_OK) {
        ui_message(a, UI_ALERT, "下書きを読めません: %s", db_errtext(a->d));
        return false;
    }
    a->drafts.labels = calloc(a->drafts.n + 1, sizeof *a->drafts.labels);
    for (size_t i = 0; a->drafts.labels && i < a->drafts.n; i++)
        a->drafts.labels[i] = ui_drafts_label(a, &a->drafts.rows[i]);
    return true;
}

/* Show the user's drafts if there are any, after moving those that could
 * only be kept in the spool into the database. */
bool ui_drafts_offer(ui_app *a)
{
    size_t moved, left;
    dom_draft_import(a->d, a->spool_dir, a->who->id, &moved, &left);
    if (left > 0)
        ui_message(a, UI_ALERT, "手元のファイルに下書きが %zu 件あります"
                   "（データベースに書き込めるようになると戻ります）", left);
    if (!ui_drafts_reload(a) || a->drafts.n == 0)
        return false;
    ui_go(a, UI_SCREEN_DRAFTS);
    ui_message(a, UI_ALERT, "保存されていない入力（下書き）が %zu 件あります", a->drafts.n);
    return true;
}

/* A short preview of a draft: its values on one line. */
static void ui_drafts_preview(const db_draft *dr, char *buf, size_t n)
{
    size_t out = 0;
    for (const char *p = dr->data; *p && out + 1 < n; p++) {
        /* Each line is "id<TAB>value": show the values only, and none of
         * the intake's own "#..." lines. */
        if (p == dr->data || p[-1] == '\n') {
            const char *tab = strchr(p, '\t');
            if (tab == NULL)
                break;
            if (*p == '#') {
                p = strchr(p, '\n');
                if (p == NULL)
                    break;
                continue;
            }
            if (out > 0 && out + 1 < n)
                buf[out++] = ' ';
            p = tab;
            continue;
        }
        if (*p != '\n')
            buf[out++] = *p;
    }
    buf[out] = '\0';
}

/* Draw the list of drafts. */
static void ui_drafts_draw(ui_app *a)
{
    ui_drafts *dl = &a->drafts;
    int y = ui_body_top();
    ui_puts(y, 0, UI_HEADING, "下書き（途中で閉じた入力）");
    ui_puts(y + 1, 0, UI_DIM, dl->confirm
            ? "もう一度 Delete を押すと、この下書きを破棄します"
            : "Enter で続きを入力、Delete で破棄、ESC で後回し");
    for (size_t i = 0; i < dl->n && y + UI_DRAFTS_LIST_TOP + (int)i <= ui_body_bottom(); i++) {
        char preview[UI_DRAFTS_PREVIEW_MAX];
        ui_drafts_preview(&dl->rows[i], preview, sizeof preview);
        int row = y + UI_DRAFTS_LIST_TOP + (int)i;
        ui_attr attr = i == dl->selected ? UI_SELECTED : UI_NORMAL;
        char when[TXT_STAMP_MAX];
        txt_stamp_local(dl->rows[i].saved_at, when, sizeof when);
        int x = ui_put(row, 0, UI_DRAFTS_TIME_CELLS, attr, when);
        const char *label = dl->labels && dl->labels[i] ? dl->labels[i] : dl->rows[i].form_id;
        x = ui_put(row, x, UI_DRAFTS_LABEL_CELLS, attr, label);
        ui_put(row, x, ui_cols() - x, attr, preview);
    }
}

/* The transaction that removes one draft. */
static db_status ui_drafts_delete_tx(db *d, void *arg)
{
    return db_draft_delete(d, *(int64_t *)arg);
}

/* Discard the selected draft after a second Delete. */
static void ui_drafts_discard(ui_app *a)
{
    ui_drafts *dl = &a->drafts;
    if (!dl->confirm) {
        dl->confirm = true;
        return;
    }
    dl->confirm = false;
    int64_t id = dl->rows[dl->selected].id;
    if (a->intake.keep.draft_id == id)
        a->intake.keep.draft_id = 0;   /* the intake on screen keeps itself anew */
    if (db_write(a->d, ui_drafts_delete_tx, &id) != DB_OK) {
        ui_message(a, UI_ALERT, "破棄できません: %s", db_errtext(a->d));
        return;
    }
    ui_message(a, UI_NORMAL, "下書きを破棄しました");
    if (ui_drafts_reload(a) && dl->n == 0)
        ui_go(a, UI_SCREEN_LOOKUP);
    if (dl->selected >= dl->n && dl->n > 0)
        dl->selected = dl->n - 1;
}

/* Open a draft on its own screen. */
static void ui_drafts_resume(ui_app *a, const db_draft *dr)
{
    for (size_t i = 0; i < sizeof ui_drafts_resumers / sizeof ui_drafts_resumers[0]; i++)
        if (ui_drafts_resumers[i](a, dr))
            return;
    ui_message(a, UI_ALERT, "この下書きの様式（%s）はこの版では開けません", dr->form_id);
}

/* Take a key on the drafts screen. */
static bool ui_drafts_key(ui_app *a, const ui_key *k)
{
    ui_drafts *dl = &a->drafts;
    if (k->kind != UI_KEY_DELETE)
        dl->confirm = false;
    switch (k->kind) {
    case UI_KEY_UP:
        if (dl->selected > 0)
            dl->selected--;
        return true;
    case UI_KEY_DOWN:
        if (dl->selected + 1 < dl->n)
            dl->selected++;
        return true;
    case UI_KEY_ENTER:
        if (dl->n > 0)
            ui_drafts_resume(a, &dl->rows[dl->selected]);
        return true;
    case UI_KEY_DELETE:
        if (dl->n > 0)
            ui_drafts_discard(a);
        return true;
    case UI_KEY_BACK:
        ui_go(a, UI_SCREEN_LOOKUP);
        return true;
    default:
        return false;
    }
}

const ui_screen ui_drafts_screen = {
    "下書き", 0, ui_drafts_draw, ui_drafts_key,
};
