#!/usr/bin/env bash
# End-to-end checks on a small generated corpus (scripts/gen-corpus), through the binary:
#   1. every planted contradiction is found (recall >= 0.99) and no other finding is made;
#   2. the report is byte-identical with -j 1, -j 2 and -j 4 (parallel extraction merges in
#      input order; with a database file, parallel checking stores in partition order);
#   3. adding articles to a checked database re-checks only the partitions they touch, and
#      the findings are exactly those of checking everything at once (and of --full);
#   4. a bad input among good ones leaves the database as it was.
# Usage: generated_corpus.sh CLAIMCHECK WORKDIR
# CC_SCALE_ARTICLES sets the corpus size (default 1000; scripts/sanitize runs 400, the same
# checks at a third of the cost under the sanitizers).
set -euo pipefail
bin=$1
work=$2
here=$(cd "$(dirname "$0")/../.." && pwd)
rm -rf "$work"
mkdir -p "$work"
export SOURCE_DATE_EPOCH=1700000000

"$here/scripts/gen-corpus" "$work/corpus" --articles "${CC_SCALE_ARTICLES:-1000}" --rate 0.3 --seed 11 --files 3 2>/dev/null

# 1. recall and precision on what was planted
set +e
"$bin" check "$work/corpus" -f json -o "$work/j1.json" -j 1 2>/dev/null
rc=$?
set -e
[ $rc -le 1 ] || { echo "FAIL: check exited $rc"; exit 1; }
"$here/scripts/score-planted" "$work/corpus/truth.json" "$work/j1.json" --min-recall 0.99 --max-spurious 0 \
  || { echo "FAIL: planted contradictions"; exit 1; }
planted=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['planted']))" "$work/corpus/truth.json")
[ "$planted" -ge $(( ${CC_SCALE_ARTICLES:-1000} / 20 )) ] || { echo "FAIL: only $planted contradictions planted"; exit 1; }

# 2. the same report for any number of threads
for j in 2 4; do
  "$bin" check "$work/corpus" -f json -o "$work/j$j.json" -j "$j" 2>/dev/null || true
  cmp -s "$work/j1.json" "$work/j$j.json" || { echo "FAIL: -j $j differs from -j 1"; exit 1; }
done
# The same into a database file, where the checks run on their own threads: the labels of
# articles stored by the same run come from the run, the others from a second connection.
for j in 1 2 4; do
  "$bin" check --db "$work/j$j.db" "$work/corpus" -f json -o "$work/db-j$j.json" -j "$j" 2>/dev/null || true
  cmp -s "$work/j1.json" "$work/db-j$j.json" || { echo "FAIL: -j $j into a database differs from -j 1"; exit 1; }
  "$bin" check --db "$work/j1.db" --full -f json -o "$work/full-j$j.json" -j "$j" 2>/dev/null || true
  cmp -s "$work/j1.json" "$work/full-j$j.json" || { echo "FAIL: --full -j $j differs from -j 1"; exit 1; }
done
echo "ok: -j 1, 2 and 4 give identical reports"

# 3. incremental: all but the last file, then the last file; vs everything at once
mkdir -p "$work/first" "$work/rest"
cp "$work/corpus/corpus-000.jsonl" "$work/corpus/corpus-001.jsonl" "$work/first/"
# The last file in two steps: its first story on its own, then the rest.
head -n 3 "$work/corpus/corpus-002.jsonl" > "$work/rest/a.jsonl"
tail -n +4 "$work/corpus/corpus-002.jsonl" > "$work/rest/b.jsonl"
db="$work/inc.db"
"$bin" check --db "$db" "$work/first" -f json -o /dev/null 2>/dev/null || true
"$bin" check --db "$db" "$work/rest/a.jsonl" --timings -f json -o /dev/null 2>"$work/inc-a.err" || true
grep -q "touched partitions" "$work/inc-a.err" || { echo "FAIL: the second run was not incremental"; cat "$work/inc-a.err"; exit 1; }
"$bin" check --db "$db" "$work/rest/b.jsonl" -f json -o /dev/null 2>/dev/null || true
"$bin" findings --db "$db" -f json > "$work/inc.json" 2>/dev/null || true
"$bin" check --db "$work/all.db" "$work/first" "$work/rest" -f json -o /dev/null 2>/dev/null || true
"$bin" findings --db "$work/all.db" -f json > "$work/all.json" 2>/dev/null || true
python3 - "$work/inc.json" "$work/all.json" <<'EOF'
import json, sys
def load(p):
    doc = json.load(open(p))
    fs = doc["findings"] if isinstance(doc, dict) else doc
    return sorted((f["id"], f["severity"], f["message"], tuple(f["values"])) for f in fs)
inc, full = load(sys.argv[1]), load(sys.argv[2])
if inc != full or not full:
    print(f"FAIL: incremental findings ({len(inc)}) differ from a full check ({len(full)})")
    for x in sorted(set(inc) ^ set(full))[:10]: print("  ", x)
    sys.exit(1)
print(f"ok: {len(full)} findings, the same incrementally and all at once")
EOF
"$bin" check --db "$db" --full --timings -f json -o /dev/null 2>"$work/full.err" || true
grep -q "all partitions" "$work/full.err" || { echo "FAIL: --full did not re-check everything"; exit 1; }
"$bin" findings --db "$db" -f json > "$work/refull.json" 2>/dev/null || true
python3 -c "import json,sys; a,b=(json.load(open(p)) for p in sys.argv[1:]); sys.exit(0 if a==b else 1)" "$work/inc.json" "$work/refull.json" \
  || { echo "FAIL: --full changed the findings"; exit 1; }

# 4. a bad input in a later batch, with --fail-fast: nothing is written
before=$(sha256sum "$db" | cut -d' ' -f1)
mkdir -p "$work/bad"
cp "$work/corpus/corpus-000.jsonl" "$work/bad/a.jsonl"
printf '{"id": "x", "text": "broken\n' > "$work/bad/b.jsonl"
set +e
"$bin" check --db "$db" "$work/bad" --fail-fast -f json -o /dev/null 2>/dev/null
rc=$?
set -e
[ $rc -eq 2 ] || { echo "FAIL: a bad input exited $rc, not 2"; exit 1; }
"$bin" findings --db "$db" -f json > "$work/after.json" 2>/dev/null || true
cmp -s "$work/inc.json" "$work/after.json" || { echo "FAIL: a failed run changed the findings"; exit 1; }
echo "ok: a bad input leaves the database as it was"
