/* ui.h - the terminal screens. */
#ifndef TSUNAGI_UI_H
#define TSUNAGI_UI_H

#include "db.h"

/* Run the screens on an open database for a logged-in staff member until
 * the user quits.  Drafts the database cannot take go to files under
 * spool_dir.  Returns 0, or -1 when the terminal cannot be used. */
int ui_run(db *d, const db_staff *who, const char *spool_dir, const char *paper_dir);

#endif
