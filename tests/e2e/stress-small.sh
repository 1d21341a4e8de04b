#!/bin/sh
# stress-small.sh - the small version of each shared-file stress figure
# (R1 load, R2 conflicting edits, R3 crash, R4 faults, R7 two mounts; see
# tests/stress.sh), so that a regression fails make check.  `make stress`
# runs the full figures.
set -u
: "${TSUNAGI_SRCDIR:?set by make check}"
# How many figures tests/stress.sh prints in its small run: R1, R2, R3,
# five R4 faults and two R7 lines.  R4 and R7 print one SKIP line each
# instead when not run as root.
STRESS_FIGURES=10
STRESS_SKIPPED_FIGURES=5

OUT=$(mktemp "${TMPDIR:-/tmp}/tsunagi-stress-small.XXXXXX") || exit 99
trap 'rm -f "$OUT"' EXIT
sh "$TSUNAGI_SRCDIR/tests/stress.sh" small > "$OUT"
rc=$?
cat "$OUT"
passed=$(grep -c '^R[0-9].* PASS$' "$OUT")
failed=$(grep -c '^R[0-9].* FAIL$' "$OUT")
skipped=$(grep -c '^R[0-9].* SKIP$' "$OUT")
want=$STRESS_FIGURES
# R4 (five lines) and R7 (two) each become one SKIP line without root.
[ "$skipped" -eq 0 ] || want=$((STRESS_FIGURES - STRESS_SKIPPED_FIGURES))
echo "$passed passed, $failed failed, $skipped skipped (not root)"
if [ "$rc" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -ne "$want" ]; then
    exit 1
fi
exit 0
