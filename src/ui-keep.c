/* ui-keep.c - what a form on screen keeps of itself while it is typed: a
 * draft in the database, or in the user's own spool when the database
 * cannot take it (dom_draft_keep), replaced as the typing goes on and
 * removed by the save that stores the form.  The intake and every form
 * panel (consent, referral, case, assessment, plan) keep themselves the
 * same way, so a dropped session costs at most a pause's worth of typing. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "domain.h"
#include "ui-int.h"

/* Said when a draft went to the user's own folder instead of the database. */
static const char ui_keep_local_note[] =
    "データベースに書き込めないため、下書きを手元のファイルに保存しました（次回の起動時に戻ります）";

/* Forget where the draft is (the draft itself stays). */
void ui_keep_free(ui_keep *k)
{
    free(k->spool_file);
    memset(k, 0, sizeof *k);
}

/* Whether the form was typed into: it has a draft or unsaved changes. */
bool ui_keep_typed(const ui_keep *k)
{
    return k->dirty || k->draft_id > 0 || k->spool_file != NULL;
}

/* Keep data (the form's values and its context lines) as the draft of
 * form_id; false, with a message, when it could be kept nowhere. */
bool ui_keep_save(ui_app *a, ui_keep *k, const char *form_id, const char *data)
{
    db_draft dr = { k->draft_id, a->who->id, (char *)form_id, (char *)data, NULL,
                    k->draft_version };
    bool spooled = false;
    db_status st = data ? dom_draft_keep(a->d, a->spool_dir, &dr, &k->spool_file, &spooled)
                        : DB_NOMEM;
    k->kept_local = st == DB_OK && spooled;
    if (k->kept_local) {
        /* Stay dirty: the next pause tries the database again. */
        if (a->message[0] == '\0')
            ui_message(a, UI_ALERT, "%s", ui_keep_local_note);
        return true;
    }
    if (st != DB_OK) {
        /* Keep a message already shown (why a save failed): the pause
         * retries would say the same thing again and again. */
        if (a->message[0] == '\0')
            ui_message(a, UI_ALERT, "下書きを保存できません（入力内容は画面に残っています）: %s",
                       db_errtext(a->d));
        return false;
    }
    k->draft_id = dr.id;
    k->draft_version = dr.version;
    k->dirty = false;
    return true;
}

/* Carry on from a stored draft: later keeps replace it, the save removes it. */
void ui_keep_resume(ui_keep *k, const db_draft *dr)
{
    ui_keep_free(k);
    k->draft_id = dr->id;
    k->draft_version = dr->version;
}

/* Say that a draft is on screen again, and from when. */
void ui_keep_resumed(ui_app *a, const db_draft *dr)
{
    char when[TXT_STAMP_MAX];
    txt_stamp_local(dr->saved_at, when, sizeof when);
    ui_message(a, UI_NORMAL, "下書きを開きました（%s に保存したもの）", when);
}

/* Before the save that stores the form: its transaction removes the draft. */
void ui_keep_saving(ui_app *a, const ui_keep *k)
{
    db_draft_attach(a->d, k->draft_id);
}

/* After that save: stored, the draft and its spool file are gone; not
 * stored, the form stays and the next pause keeps it again. */
void ui_keep_saved(ui_app *a, ui_keep *k, db_status st)
{
    db_draft_attach(a->d, 0);
    if (st != DB_OK) {
        k->dirty = true;
        return;
    }
    dom_draft_forget(&k->spool_file);
    ui_keep_free(k);
}

/* The transaction that removes one draft. */
static db_status ui_keep_delete_tx(db *d, void *arg)
{
    db_status st = db_draft_delete(d, *(const int64_t *)arg);
    return st == DB_NOTFOUND ? DB_OK : st;
}

/* The user gave the form up: remove its draft.  When the database cannot
 * take that now, the draft stays and is offered again at the next start,
 * which costs a Delete there but never what was typed. */
void ui_keep_discard(ui_app *a, ui_keep *k)
{
    if (k->draft_id > 0)
        db_write(a->d, ui_keep_delete_tx, &k->draft_id);
    dom_draft_forget(&k->spool_file);
    ui_keep_free(k);
}

/* The number after "KEY<TAB>" on a line of a draft's text, or 0. */
int64_t ui_keep_context(const char *data, const char *key)
{
    size_t len = strlen(key);
    for (const char *line = data; line && *line;) {
        if (strncmp(line, key, len) == 0 && line[len] == '\t')
            return strtoll(line + len + 1, NULL, 10);
        line = strchr(line, '\n');
        if (line)
            line++;
    }
    return 0;
}

/* The values a form was typed on, as kept by ui_panel_context_base in a
 * draft's text: a form_values_dump, malloc'd ("" when none). */
char *ui_keep_base(const char *data)
{
    size_t plen = strlen(UI_DRAFT_BASE);
    txt_buf b;
    txt_buf_init(&b);
    txt_buf_adds(&b, "");
    for (const char *line = data; line && *line;) {
        size_t len = strcspn(line, "\n");
        if (len > plen && strncmp(line, UI_DRAFT_BASE, plen) == 0)
            txt_buf_printf(&b, "%.*s\n", (int)(len - plen), line + plen);
        line += len + (line[len] == '\n');
    }
    return txt_buf_take(&b);
}
