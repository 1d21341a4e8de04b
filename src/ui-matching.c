/* ui-matching.c - 参加支援 (F9 tab): placeholder until the screen lands in this
 * same series of commits. */
#include "config.h"

#include <stddef.h>

#include "ui-int.h"

/* Placeholder: the tab is shown with a note. */
static void ui_matching_draw(ui_app *a)
{
    ui_region_draw_tabs(a, ui_body_top());
    ui_puts(ui_body_top() + 2, 0, UI_DIM, "この画面は作成中です");
}

/* Placeholder: only the tab keys. */
static bool ui_matching_key(ui_app *a, const ui_key *k)
{
    return ui_region_key(a, k);
}

/* The screen's draft, if the draft is its own. */
bool ui_matching_resume(ui_app *a, const db_draft *dr)
{
    (void)a;
    (void)dr;
    return false;
}

/* Its form (none yet). */
ui_panel *ui_matching_panel(ui_app *a)
{
    (void)a;
    return NULL;
}

/* Nothing held yet. */
void ui_matching_free(ui_app *a)
{
    (void)a;
}

const ui_screen ui_matching_screen = {
    "参加支援", UI_FKEY(9), ui_matching_draw, ui_matching_key,
};

/* Open the tab. */
void ui_matching_open(ui_app *a, int64_t person_id, int64_t case_id)
{
    (void)person_id;
    (void)case_id;
    a->region_tab = UI_SCREEN_MATCHING;
    ui_go(a, UI_SCREEN_MATCHING);
}

/* Match a person to a resource (not yet). */
void ui_matching_start(ui_app *a, int64_t case_id, int64_t resource_id)
{
    (void)case_id;
    (void)resource_id;
    ui_matching_open(a, -1, 0);
}
