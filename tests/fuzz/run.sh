#!/bin/sh
# run.sh - `make fuzz`: build each libFuzzer target with clang (ASan and
# UBSan on) and run it until FUZZ_RUNS executions or FUZZ_SECONDS, starting
# from the corpus kept in tests/fuzz/corpus/TARGET.  One line per target:
# executions, crashes, and PASS or FAIL against the goal.
set -u
srcdir=${TSUNAGI_SRCDIR:?}
builddir=${TSUNAGI_BUILDDIR:?}
cc=${FUZZ_CC:-clang}
runs=${FUZZ_RUNS:-10000000}
# A safety cap only: the goal is the executions, and a loaded machine runs
# slower (fuzz-key needed 905 s for 9.4 million beside a make check).
seconds=${FUZZ_SECONDS:-3600}
targets=${FUZZ_TARGETS:-form date key visible}
work="$builddir/fuzz-work"
mkdir -p "$work"
libs="$(pkg-config --libs inih) -lunistring"
sources="$srcdir/src/text-utf8.c $srcdir/src/text-buf.c $srcdir/src/text-display.c
 $srcdir/src/text-key.c $srcdir/src/text-conv.c $srcdir/src/text-date.c $srcdir/src/form.c"
failed=0
for t in $targets; do
    bin="$work/fuzz-$t"
    if ! $cc -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE \
            -DTSUNAGI_SRCDIR="\"$srcdir\"" -I"$builddir" -I"$srcdir/include" \
            $(pkg-config --cflags inih) "$srcdir/tests/fuzz/fuzz-$t.c" $sources $libs \
            -o "$bin" 2> "$work/build-$t.log"; then
        echo "R5 fuzz-$t: does not build (see $work/build-$t.log) — FAIL"
        failed=$((failed + 1))
        continue
    fi
    mkdir -p "$work/corpus-$t" "$work/crashes-$t"
    rm -f "$work/crashes-$t"/*
    start=$(date +%s)
    (cd "$work/crashes-$t" && "$bin" -runs="$runs" -max_total_time="$seconds" \
        -print_final_stats=1 "$work/corpus-$t" "$srcdir/tests/fuzz/corpus/$t") \
        > "$work/run-$t.log" 2>&1
    rc=$?
    took=$(( $(date +%s) - start ))
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/run-$t.log" | tail -1)
    crashes=$(ls "$work/crashes-$t" | grep -c '^\(crash\|leak\|timeout\|oom\)-')
    [ $rc -ne 0 ] && [ "$crashes" -eq 0 ] && crashes=1
    verdict=PASS
    if [ "$crashes" -ne 0 ] || [ "${execs:-0}" -lt "$runs" ]; then
        verdict=FAIL
        failed=$((failed + 1))
    fi
    echo "R5 fuzz-$t: ${execs:-0} executions, $crashes crashes in ${took} s — goal $runs, 0 — $verdict"
done
exit $((failed > 0))
