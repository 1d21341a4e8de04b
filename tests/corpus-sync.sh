#!/bin/sh
# The corpus in tests/corpus is a copy of the project's shared corpus, so
# that a release tarball carries its test vectors.  When the shared one is
# beside this checkout, every file of it must be in the copy unchanged:
# a change there must reach the tests.
shared="${TSUNAGI_SRCDIR:-.}/../shared/corpus"
[ -d "$shared" ] || { echo "shared corpus not beside the checkout: nothing to compare"; exit 0; }
status=0
for f in "$shared"/*; do
    name=$(basename "$f")
    if ! cmp -s "$f" "${TSUNAGI_SRCDIR:-.}/tests/corpus/$name"; then
        echo "FAIL: tests/corpus/$name differs from ../shared/corpus/$name (copy it over)"
        status=1
    fi
done
[ $status -eq 0 ] && echo "corpus in step with ../shared/corpus"
exit $status
