/* main.c - the program's entry: set the locale, then the command line. */
#include "config.h"

#include <locale.h>

#include "cli.h"

/* Run tsunagi. */
int main(int argc, char **argv)
{
    /* The terminal's encoding (UTF-8, EUC-JP or Shift_JIS) comes from the
     * locale; curses converts our wide characters to it. */
    setlocale(LC_ALL, "");
    return cli_main(argc, argv);
}
