/* screencol.c - a test helper: for each line of a captured screen on
 * stdin that contains NEEDLE, print the display column (0-based, in
 * terminal cells) where NEEDLE starts.  Lets the terminal tests check
 * that columns line up with full- and half-width text.
 * With --width, print the display width of every line instead; with
 * --ambiguous, the East Asian ambiguous-width characters of every line
 * (which Tera Term's Japanese preset draws double), one per line. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <uniwidth.h>

#include "text.h"

#define SCREENCOL_LINE_MAX 8192

/* Print each character of line that is narrow in UTF-8 but wide in a
 * CJK encoding: the East Asian ambiguous ones. */
static void screencol_ambiguous(const char *line)
{
    size_t len = strlen(line);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = txt_utf8_next(line + i, len - i, &cp);
        if (cp != TXT_INVALID_CP && uc_width(cp, "UTF-8") == 1 &&
            uc_width(cp, "EUC-JP") == 2)
            printf("%.*s U+%04X\n", (int)n, line + i, (unsigned)cp);
        i += n;
    }
}

/* screencol NEEDLE < screen, screencol --width|--ambiguous < screen */
int main(int argc, char **argv)
{
    char line[SCREENCOL_LINE_MAX];
    if (argc != 2) {
        fprintf(stderr, "usage: screencol NEEDLE < screen\n");
        return 2;
    }
    bool widths = strcmp(argv[1], "--width") == 0;
    while (fgets(line, sizeof line, stdin)) {
        if (strcmp(argv[1], "--ambiguous") == 0) {
            screencol_ambiguous(line);
            continue;
        }
        if (widths) {
            printf("%d\n", txt_width(line, strcspn(line, "\n")));
            continue;
        }
        const char *at = strstr(line, argv[1]);
        if (at)
            printf("%d\n", txt_width(line, (size_t)(at - line)));
    }
    return 0;
}
