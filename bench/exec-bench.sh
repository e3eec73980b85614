#!/usr/bin/env bash
# The exec benchmarks of issue 3, as ratios measured in one run:
#   1,000 sequential http steps vs one curl process fetching the same 1,000 URLs;
#   1,000 sql steps vs one psql session running the same 1,000 queries;
#   for_each over 1,000 URLs (20 ms each) with parallel: 32 vs sequential.
# And our own work per step: the http run again with the audit log on tmpfs, less a one-step run (start-up) and
# less what curl took for the same requests (each of the three the median of RUNS runs).
# Usage: bash bench/exec-bench.sh   (needs the built jar, curl, psql and PostgreSQL on 127.0.0.1:5432)
#        RUNBOOK=dist/build/runbook-VERSION/bin/runbook bash bench/exec-bench.sh   (the shipped launcher instead)
set -euo pipefail
cd "$(dirname "$0")/.."
runbook=${RUNBOOK:-./runbook}
[ "$runbook" != ./runbook ] || [ -f interpreter/target/runbook.jar ] || { echo "build first: mvn -q -B -DskipTests package" >&2; exit 2; }
out=bench/out/exec
rm -rf "$out"; mkdir -p "$out"
n=${N:-1000}

# nodelay: without it the JDK's server waits ~40 ms on delayed ACKs, and every client looks slow.
java -Dsun.net.httpserver.nodelay=true bench/BenchServer.java > "$out/port" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -s "$out/port" ] && break; sleep 0.1; done
base="http://127.0.0.1:$(cat "$out/port")"

seconds() { local s e; s=$(date +%s.%N); "$@" > /dev/null 2>&1 || { echo "FAILED: $*" >&2; exit 1; }; e=$(date +%s.%N); echo "$e - $s" | bc; }
# The median of RUNS runs (9 unless set): the own-work figure is a difference of three times, and one slow run of
# any of them on a shared 2-core machine would move it by more than the figure itself.
runs=${RUNS:-9}
median() { local i; for i in $(seq "$runs"); do seconds "$@"; done | sort -n | sed -n "$(( (runs + 1) / 2 ))p"; }

# --- http
{ echo "runbook: bench.http"; echo "title: $n sequential http steps"; echo "params:"; echo "  base_url: { type: string }"; echo "steps:"
  for i in $(seq "$n"); do printf '  - id: s%d\n    http: GET ${params.base_url}/item/%d\n    expect: status == 200\n' "$i" "$i"; done
} > "$out/http.rb.yaml"
for i in $(seq "$n"); do printf 'url = "%s/item/%d"\noutput = "/dev/null"\n' "$base" "$i"; done > "$out/curl.cfg"
"$runbook" exec "$out/http.rb.yaml" -q --param base_url="$base" > /dev/null   # warm the CDS archive and the server
curl_http=$(median curl -s -K "$out/curl.cfg")
runbook_http=$(seconds "$runbook" exec "$out/http.rb.yaml" -q --param base_url="$base")
shm=$(mktemp -d /dev/shm/runbook-bench.XXXXXX)
{ echo "runbook: bench.one"; echo "title: one http step"; echo "params:"; echo "  base_url: { type: string }"; echo "steps:"
  printf '  - id: s1\n    http: GET ${params.base_url}/item/1\n    expect: status == 200\n'; } > "$out/one.rb.yaml"
tmpfs_http=$(median "$runbook" exec "$out/http.rb.yaml" -q --param base_url="$base" --audit-log "$shm/audit.jsonl")
startup=$(median "$runbook" exec "$out/one.rb.yaml" -q --param base_url="$base" --audit-log "$shm/one.jsonl")
rm -rf "$shm"

# --- sql
{ echo "runbook: bench.sql"; echo "title: $n sql steps"; echo "databases:"; echo "  main: postgres://postgres@127.0.0.1:5432/test"; echo "steps:"
  for i in $(seq "$n"); do printf '  - id: q%d\n    sql: { db: main, query: "SELECT :i::int + 1 AS n", params: { i: %d } }\n    expect: rows[0].n == %d\n' "$i" "$i" $((i + 1)); done
} > "$out/sql.rb.yaml"
for i in $(seq "$n"); do printf 'SELECT %d::int + 1 AS n;\n' "$i"; done > "$out/queries.sql"
psql_sql=$(seconds psql -h 127.0.0.1 -U postgres -d test -q -o /dev/null -f "$out/queries.sql")
runbook_sql=$(seconds "$runbook" exec "$out/sql.rb.yaml" -q)

# --- for_each
for p in 1 32; do
  { echo "runbook: bench.parallel-$p"; echo "title: for_each over $n URLs, $p at a time"; echo "params:"
    echo "  base_url: { type: string }"; echo "  ids: { type: list, default: [$(seq -s, 1 "$n")] }"; echo "steps:"
    echo "  - id: each"; echo "    for_each: params.ids"; echo "    parallel: $p"
    echo '    http: GET ${params.base_url}/slow/${item}'; echo "    expect: status == 200"
  } > "$out/parallel-$p.rb.yaml"
done
sequential=$(seconds "$runbook" exec "$out/parallel-1.rb.yaml" -q --param base_url="$base")
parallel=$(seconds "$runbook" exec "$out/parallel-32.rb.yaml" -q --param base_url="$base")

ratio() { echo "scale=2; $1 / $2" | bc; }
printf '%-44s %8s %8s %7s\n' "benchmark ($n)" runbook other ratio
printf '%-44s %8.2f %8.2f %7s\n' "http steps vs one curl process" "$runbook_http" "$curl_http" "$(ratio "$runbook_http" "$curl_http")"
printf '%-44s %8.2f %8.2f %7s\n' "sql steps vs one psql session" "$runbook_sql" "$psql_sql" "$(ratio "$runbook_sql" "$psql_sql")"
printf '%-44s %8.2f %8.2f %7s\n' "for_each parallel 32 vs sequential (speedup)" "$parallel" "$sequential" "$(ratio "$sequential" "$parallel")"
printf '%-44s %8.2f s\n' "http steps, audit log on tmpfs" "$tmpfs_http"
printf '%-44s %8.2f s\n' "one http step (start-up)" "$startup"
printf '%-44s %8.2f ms\n' "own work per http step (tmpfs - start-up - curl)" "$(echo "scale=4; ($tmpfs_http - $startup - $curl_http) * 1000 / $n" | bc)"
