#!/usr/bin/env bash
# The benchmarks of the language issue, in one run. Figures go to BENCHMARKS.md by hand, with this command:
#   bash bench/run.sh
# Needs the built jar (mvn -q -B -DskipTests package). Writes its corpus and inputs under bench/corpus and
# bench/out (both ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."
jar=interpreter/target/runbook.jar
[ -f "$jar" ] || { echo "build first: mvn -q -B -DskipTests package" >&2; exit 2; }
cp="$jar:interpreter/target/lib/*"

echo "== corpus"
[ -f bench/corpus/rb0999.runbook ] || java bench/GenerateCorpus.java bench/corpus 1000

echo "== warm throughput of runbook check, one core"
taskset -c 0 java -XX:+UseSerialGC -cp "$cp" bench/CheckThroughput.java bench/corpus 7 10

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
wall() { # wall seconds of one command, output discarded
  local start end
  start=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; end=$(date +%s.%N)
  echo "$end - $start" | bc
}

echo "== cold runbook check of one file (median of 11 runs)"
file=runbooks/permit-school/morning-health-check.rb.yaml
./runbook check "$file" >/dev/null   # makes the class-data-sharing archive on the first run after a build
with_cds=$(for i in $(seq 11); do wall ./runbook check "$file"; done | median)
without_cds=$(for i in $(seq 11); do wall java -Xshare:off -jar "$jar" check "$file"; done | median)
plain_java=$(for i in $(seq 11); do wall java -jar "$jar" check "$file"; done | median)
echo "launcher (CDS archive, C1 only): ${with_cds}s; java -jar with the JDK's default CDS: ${plain_java}s; java -Xshare:off -jar: ${without_cds}s"

echo "== broken input: wall time and exit code of runbook check"
out=bench/out/broken
rm -rf "$out"; mkdir -p "$out"
cp interpreter/src/test/resources/broken/* "$out"/
head -c 4096 /dev/urandom > "$out/binary.rb.yaml"
printf 'run\377\376\n' > "$out/not-utf8.runbook"
deep=$(printf '[%.0s' $(seq 10000))$(printf ']%.0s' $(seq 10000))
printf 'runbook ops.deep "Deep" {\n  step a {\n    log "x"\n    expect %s == []\n  }\n}\n' "$deep" > "$out/nested-brackets.runbook"
printf 'runbook: ops.deep\ntitle: Deep\nsteps: %s\n' "$deep" > "$out/nested-flow.rb.yaml"
set +o pipefail   # yes ends with SIGPIPE when head has had enough
{ printf 'runbook: ops.large\ntitle: Large\nsteps:\n'; yes '  - id: step
    log: padding padding padding padding padding padding' | head -c $((50 * 1024 * 1024)); } > "$out/large.rb.yaml"
set -o pipefail
{ printf 'runbook: ops.bomb\ntitle: Bomb\na0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
  for i in $(seq 1 9); do p="*a$((i-1))"; printf 'a%d: &a%d [%s,%s,%s,%s,%s,%s,%s,%s,%s]\n' $i $i $p $p $p $p $p $p $p $p $p; done
  printf 'steps:\n  - id: a\n    log: x\n'; } > "$out/alias-bomb.rb.yaml"
printf '%-32s %6s %5s\n' input seconds exit
for f in "$out"/*; do
  [ "$(basename "$f")" = call-cycle-b.runbook ] && continue
  start=$(date +%s.%N); set +e; ./runbook check "$f" >/dev/null 2>"$out/stderr"; code=$?; set -e; end=$(date +%s.%N)
  if grep -q 'Exception\|\bat [a-z]\+\.' "$out/stderr"; then echo "STACK TRACE for $f"; fi
  printf '%-32s %6.2f %5d\n' "$(basename "$f")" "$(echo "$end - $start" | bc)" "$code"
done
