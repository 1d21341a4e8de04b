#!/bin/sh
# fuzz-replay.sh - the small version of the fuzz figure (R5; see
# tests/fuzz/run.sh): each libFuzzer target, built by gcc with the plain
# main() of tests/fuzz/replay.c, runs once over every input of its kept
# corpus, so that a regression on a kept input fails make check without
# clang.  `make fuzz` runs the full figure.
set -u
: "${TSUNAGI_SRCDIR:?set by make check}"
: "${TSUNAGI_TESTBIN:?set by make check}"
FUZZ_TARGETS="form date key visible"

OUT=$(mktemp "${TMPDIR:-/tmp}/tsunagi-fuzz-replay.XXXXXX") || exit 99
trap 'rm -f "$OUT"' EXIT
passed=0
failed=0
for t in $FUZZ_TARGETS; do
    corpus="$TSUNAGI_SRCDIR/tests/fuzz/corpus/$t"
    "$TSUNAGI_TESTBIN/fuzz-replay-$t" "$corpus" > "$OUT"
    rc=$?
    inputs=$(sed -n 's/^replayed \([0-9]*\) inputs$/\1/p' "$OUT")
    if [ "$rc" -eq 0 ] && [ -n "$inputs" ]; then
        crashes=0
        verdict=PASS
        passed=$((passed + 1))
    else
        # Killed before it could count: the corpus size says what it had.
        [ -n "$inputs" ] || inputs=$(( $(find "$corpus" -type f 2>/dev/null | wc -l) ))
        crashes=1
        verdict=FAIL
        failed=$((failed + 1))
    fi
    echo "R5 fuzz-$t (replay of the kept corpus): $inputs inputs, $crashes crashes — $verdict"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
