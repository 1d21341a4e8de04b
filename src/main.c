/* main.c - the program's entry: set the locale, then the command line. */
#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <string.h>

#include "cli.h"

/* Run tsunagi. */
int main(int argc, char **argv)
{
    /* The terminal's encoding (UTF-8, EUC-JP or Shift_JIS) comes from the
     * locale; curses converts our wide characters to it. */
    setlocale(LC_ALL, "");
    /* An SSH session often arrives with no LANG at all (PuTTY sends none).
     * Plain ASCII cannot show a single name, so assume what today's
     * terminals speak. */
    if (strcmp(nl_langinfo(CODESET), "ANSI_X3.4-1968") == 0)
        setlocale(LC_CTYPE, "C.UTF-8");
    return cli_main(argc, argv);
}
