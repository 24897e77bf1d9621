#!/bin/sh
# Seeds the fuzz corpora from the sample statements and test fixtures (corpus/ is not
# committed: it grows as the fuzzers run). Run from fuzz/: ./seed.sh
set -eu
mkdir -p corpus/amount corpus/date corpus/decode corpus/statement
for f in ../imports/samples/*.csv ../imports/samples/formats/* ../tests/fixtures/*.csv \
         ../tests/fixtures/hostile/* ../tests/fixtures/awkward/*; do
    [ -f "$f" ] || continue
    name=$(basename "$f")
    cp "$f" "corpus/decode/$name"
    # statement: the first byte picks a profile to force; 0xFF forces none.
    { printf '\377'; cat "$f"; } > "corpus/statement/$name"
done
i=0
for a in '-4,700' '"-165,000"' '₩12,000' '(1,234.56)' '1.234,56 €' 'USD 12.50' "'-0.6'" \
         '12,345원' '－５,０００' '1 234,56' "1'234.56" '+3.20 USD' '1e309' '99999999999999999999'; do
    printf '%s' "$a" > "corpus/amount/$i"; i=$((i + 1))
done
i=0
for d in '2025-03-18' '2025.03.18 12:05:19' '2025년 03월 15일' '20250328' '25.03.28' \
         '12/09/2016' '2023-12-07T23:50:08Z' '45734.5' '2023-02-30' '99999-01-01'; do
    printf '\001%s' "$d" > "corpus/date/$i"; i=$((i + 1))
    printf '\377%%Y-%%m-%%d\n%s' "$d" > "corpus/date/f$i"
done
