/* ui.h - the terminal screens. */
#ifndef TSUNAGI_UI_H
#define TSUNAGI_UI_H

#include "db.h"

/* Run the screens on an open database for a logged-in staff member until
 * the user quits.  Returns 0, or -1 when the terminal cannot be used. */
int ui_run(db *d, const db_staff *who);

#endif
