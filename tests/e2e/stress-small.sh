#!/bin/sh
# stress-small.sh - the small version of each shared-file stress figure
# (R1 load, R2 conflicting edits, R3 crash; see tests/stress.sh), so that a
# regression fails make check.  `make stress` runs the full figures.
set -u
: "${TSUNAGI_SRCDIR:?set by make check}"
# How many figures tests/stress.sh prints.
STRESS_FIGURES=3

OUT=$(mktemp "${TMPDIR:-/tmp}/tsunagi-stress-small.XXXXXX") || exit 99
trap 'rm -f "$OUT"' EXIT
sh "$TSUNAGI_SRCDIR/tests/stress.sh" small > "$OUT"
rc=$?
cat "$OUT"
passed=$(grep -c '^R[0-9].* PASS$' "$OUT")
failed=$(grep -c '^R[0-9].* FAIL$' "$OUT")
echo "$passed passed, $failed failed"
if [ "$rc" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -ne "$STRESS_FIGURES" ]; then
    exit 1
fi
exit 0
