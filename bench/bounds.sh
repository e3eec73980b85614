#!/usr/bin/env bash
# Issue 11's bounds, measured as an operator would (build first: mvn -q -B -DskipTests package):
# peak memory of a 2,000,000-row query through runbook and through psql (/usr/bin/time -v), and the time of a
# pathological pattern that a backtracking engine takes minutes over.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
query="SELECT g AS n, md5(g::text) AS h FROM generate_series(1, 2000000) g"
cat > "$work/rows.rb.yaml" <<YAML
runbook: bench.rows
title: Two million rows
databases:
  main: postgres://postgres@127.0.0.1:5432/test
steps:
  - id: many
    sql: { db: main, query: "$query" }
    timeout: 300s
    expect: row_count == 2000000
YAML
peak() { grep "Maximum resident set size" "$1" | awk '{printf "%d MB", $6 / 1024}'; }
elapsed() { grep "Elapsed (wall clock)" "$1" | awk '{print $8}'; }
/usr/bin/time -v ./runbook exec "$work/rows.rb.yaml" --audit-log "$work/audit.jsonl" -q >/dev/null 2>"$work/runbook.time"
/usr/bin/time -v psql -h 127.0.0.1 -U postgres -d test -Atc "$query" >/dev/null 2>"$work/psql.time"
echo "2,000,000-row query: runbook peak $(peak "$work/runbook.time") in $(elapsed "$work/runbook.time");" \
     "psql peak $(peak "$work/psql.time") in $(elapsed "$work/psql.time")"
hostile=$(printf 'a%.0s' $(seq 1 90))b
start=$(date +%s%N)
./runbook eval "\"$hostile\".matches(\"^(.*a){12}\$\")" >/dev/null
echo "pathological pattern on 91 characters: $(( ($(date +%s%N) - start) / 1000000 )) ms (whole command, cold JVM)"
