/* screencol.c - a test helper: for each line of a captured screen on
 * stdin that contains NEEDLE, print the display column (0-based, in
 * terminal cells) where NEEDLE starts.  Lets the terminal tests check
 * that columns line up with full- and half-width text.
 * With --width, print the display width of every line instead. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

#define SCREENCOL_LINE_MAX 8192

/* screencol NEEDLE < screen, or screencol --width < screen */
int main(int argc, char **argv)
{
    char line[SCREENCOL_LINE_MAX];
    if (argc != 2) {
        fprintf(stderr, "usage: screencol NEEDLE < screen\n");
        return 2;
    }
    bool widths = strcmp(argv[1], "--width") == 0;
    while (fgets(line, sizeof line, stdin)) {
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
