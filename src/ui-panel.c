/* ui-panel.c - a form file shown in the body of a screen and filled in:
 * what the consent, referral and case screens ask for.  The form, its
 * values and the messages under its fields live here; the screen reads
 * the values by field id and puts its own messages under them. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui-int.h"

/* Longer than any normalised value (an ISO date, a number). */
#define UI_PANEL_NORM_MAX 64

/* Close the panel (its form stays loaded for the next opening, and its
 * draft stays in the database to be offered again). */
void ui_panel_close(ui_panel *p)
{
    if (p->open) {
        ui_form_free(&p->ui);
        form_values_free(&p->values);
    }
    free(p->errors);
    p->errors = NULL;
    free(p->context);
    p->context = NULL;
    ui_keep_free(&p->keep);
    p->open = false;
}

/* Close a form the user gave up, its draft with it. */
void ui_panel_discard(ui_app *a, ui_panel *p)
{
    ui_keep_discard(a, &p->keep);
    ui_panel_close(p);
}

/* Whether the open form was typed into. */
bool ui_panel_typed(const ui_panel *p)
{
    return p->open && ui_keep_typed(&p->keep);
}

/* The context lines without those starting with prefix, into b. */
static void ui_panel_context_without(const ui_panel *p, const char *prefix, txt_buf *b)
{
    size_t plen = strlen(prefix);
    txt_buf_init(b);
    txt_buf_adds(b, "");
    for (const char *line = p->context; line && *line;) {
        size_t len = strcspn(line, "\n");
        if (!(len >= plen && strncmp(line, prefix, plen) == 0))
            txt_buf_printf(b, "%.*s\n", (int)len, line);
        line += len + (line[len] == '\n');
    }
}

/* Set "KEY<TAB>value" among the context lines of the form's draft
 * (replacing the key's line, if any). */
void ui_panel_context(ui_panel *p, const char *key, int64_t value)
{
    if (!p->open)
        return;
    char prefix[UI_PANEL_NORM_MAX];
    snprintf(prefix, sizeof prefix, "%s\t", key);
    txt_buf b;
    ui_panel_context_without(p, prefix, &b);
    txt_buf_printf(&b, "%s%lld\n", prefix, (long long)value);
    free(p->context);
    p->context = txt_buf_take(&b);
}

/* Keep the values the form was typed on (a form_values_dump) among the
 * context lines, each under UI_DRAFT_BASE, replacing those kept before:
 * a draft resumed later still merges with another terminal's save as the
 * screen would have. */
void ui_panel_context_base(ui_panel *p, const char *dump)
{
    if (!p->open)
        return;
    txt_buf b;
    ui_panel_context_without(p, UI_DRAFT_BASE, &b);
    for (const char *line = dump; line && *line;) {
        size_t len = strcspn(line, "\n");
        txt_buf_printf(&b, "%s%.*s\n", UI_DRAFT_BASE, (int)len, line);
        line += len + (line[len] == '\n');
    }
    free(p->context);
    p->context = txt_buf_take(&b);
}

/* Keep the form as a draft if it was changed since the last one. */
bool ui_panel_keep(ui_app *a, ui_panel *p)
{
    if (!p->open || !p->keep.dirty)
        return true;
    ui_form_commit(&p->ui);
    char *values = form_values_dump(&p->values);
    char *data = NULL;
    if (values) {
        txt_buf b;
        txt_buf_init(&b);
        txt_buf_adds(&b, values);
        txt_buf_adds(&b, p->context ? p->context : "");
        data = txt_buf_take(&b);
        free(values);
    }
    bool ok = ui_keep_save(a, &p->keep, p->form->id, data);
    free(data);
    return ok;
}

/* Fill the open form from a draft: every field as the draft has it (a
 * field left empty there is empty here, whatever the form's default). */
bool ui_panel_resume(ui_panel *p, const db_draft *dr)
{
    if (!p->open)
        return false;
    for (size_t i = 0; i < p->form->n_fields; i++)
        if (form_values_set(&p->values, i, "") != 0)
            return false;
    if (form_values_load(&p->values, dr->data) != 0)
        return false;
    ui_form_reload(&p->ui);
    ui_keep_resume(&p->keep, dr);
    return true;
}

/* Before the save that stores the form. */
void ui_panel_saving(ui_app *a, const ui_panel *p)
{
    ui_keep_saving(a, &p->keep);
}

/* After it: a stored form's draft is gone; a failed one is kept again. */
void ui_panel_saved(ui_app *a, ui_panel *p, db_status st)
{
    ui_keep_saved(a, &p->keep, st);
}

/* Free everything, the form too. */
void ui_panel_free(ui_panel *p)
{
    ui_panel_close(p);
    if (p->form) {
        form_free(p->form);
        free(p->form);
    }
    memset(p, 0, sizeof *p);
}

/* Open an empty form_id; false (with a message) when the file is bad. */
bool ui_panel_open(ui_app *a, ui_panel *p, const char *form_id)
{
    ui_panel_close(p);
    if (p->form && strcmp(p->form->id, form_id) != 0) {
        form_free(p->form);
        free(p->form);
        p->form = NULL;
    }
    char err[FORM_ERR_MAX] = "メモリが不足しています";
    if (p->form == NULL) {
        p->form = calloc(1, sizeof *p->form);
        if (p->form == NULL || form_find(form_id, p->form, err, sizeof err) != 0) {
            free(p->form);
            p->form = NULL;
            ui_message(a, UI_ALERT, "様式を読めません: %s", err);
            return false;
        }
    }
    p->errors = calloc(p->form->n_fields + 1, sizeof *p->errors);
    if (p->errors == NULL || form_values_init(&p->values, p->form) != 0) {
        free(p->errors);
        p->errors = NULL;
        ui_message(a, UI_ALERT, "メモリが不足しています");
        return false;
    }
    ui_form_init(&p->ui, p->form, &p->values, p->errors);
    p->open = true;
    return true;
}

/* The index of a field, or -1. */
static long ui_panel_index(const ui_panel *p, const char *id)
{
    const form_field *fl = p->form ? form_field_by_id(p->form, id) : NULL;
    return fl ? fl - p->form->fields : -1;
}

/* A field's value ("" when the form has no such field). */
const char *ui_panel_get(const ui_panel *p, const char *id)
{
    long i = ui_panel_index(p, id);
    return i >= 0 && p->open ? p->values.v[i] : "";
}

/* Set a field's value and show it. */
void ui_panel_set(ui_panel *p, const char *id, const char *value)
{
    long i = ui_panel_index(p, id);
    if (i >= 0 && p->open) {
        form_values_set(&p->values, (size_t)i, value);
        ui_form_reload(&p->ui);
    }
}

/* Give a choice field the choices only the program knows. */
bool ui_panel_choices(ui_panel *p, const char *id, const char *const *choices, size_t n)
{
    return p->form && form_set_choices(p->form, id, choices, n) == 0;
}

/* Put a message under a field and move there. */
void ui_panel_error(ui_panel *p, const char *id, const char *msg)
{
    long i = ui_panel_index(p, id);
    if (i < 0 || !p->open)
        return;
    p->errors[i] = msg;
    ui_form_focus(&p->ui, (size_t)i);
}

/* Check every field as its type and `required` say (dates become ISO);
 * the first one wrong gets the focus.  Returns how many are wrong. */
size_t ui_panel_check(ui_panel *p)
{
    ui_form_commit(&p->ui);
    size_t bad = 0;
    long first = -1;
    char norm[UI_PANEL_NORM_MAX];
    for (size_t i = 0; i < p->form->n_fields; i++) {
        norm[0] = '\0';
        p->errors[i] = form_check(&p->form->fields[i], p->values.v[i], norm, sizeof norm);
        if (p->errors[i] == NULL && norm[0])
            form_values_set(&p->values, i, norm);
        if (p->errors[i] != NULL && bad++ == 0)
            first = (long)i;
    }
    ui_form_reload(&p->ui);
    if (first >= 0)
        ui_form_focus(&p->ui, (size_t)first);
    return bad;
}

/* Take a key: Ctrl-S asks to save, ESC to leave; the rest edits. */
ui_panel_result ui_panel_key(ui_panel *p, const ui_key *k)
{
    if (k->kind == UI_KEY_CTRL && k->ch == 's')
        return UI_PANEL_SAVE;
    if (k->kind == UI_KEY_BACK)
        return UI_PANEL_CANCEL;
    bool changed = false;
    bool used = ui_form_key(&p->ui, k, &changed);
    if (changed) {
        p->errors[p->ui.focus] = NULL;
        p->keep.dirty = true;
    }
    return used ? UI_PANEL_USED : UI_PANEL_UNUSED;
}

/* Draw the form in rows [top, bottom]. */
void ui_panel_draw(ui_panel *p, int top, int bottom)
{
    if (p->open)
        ui_form_draw(&p->ui, top, bottom);
}
