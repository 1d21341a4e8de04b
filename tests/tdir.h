/* tdir.h - a fresh temporary folder per unit test, shared by the check
 * programs that need files (check_db, check_cases, check_referral). */
#ifndef TSUNAGI_TDIR_H
#define TSUNAGI_TDIR_H

/* Make the test's folder under $TMPDIR (or /tmp), named after prefix;
 * aborts when it cannot. */
void tdir_setup(const char *prefix);
/* Remove the folder, its files and the folders one level down (spool
 * folders, lock directories). */
void tdir_teardown(void);
/* The path of a file in the folder (a static buffer per slot, four slots,
 * so that a few can be held at once). */
const char *tdir_path(const char *name);
/* The folder itself. */
const char *tdir_root(void);

#endif
