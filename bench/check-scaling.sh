#!/usr/bin/env bash
# check's cost in the number of steps (issue 13): files of 1,000 / 10,000 / 100,000 steps in both forms, checked cold
# (one runbook check each), and warm (the 100,000-step file checked four times in one JVM: the last three passes).
# Build first: mvn -q -B -DskipTests package
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for n in 1000 10000 100000; do
  python3 - "$work" "$n" <<'PY'
import sys
work, n = sys.argv[1], int(sys.argv[2])
with open(f"{work}/s{n}.rb.yaml", "w") as f:
    f.write("runbook: bench.steps\ntitle: Steps\nsteps:\n")
    for i in range(n):
        f.write(f"  - {{id: s{i}, log: step {i}}}\n")
with open(f"{work}/s{n}.runbook", "w") as f:
    f.write('runbook bench.steps "Steps" {\n')
    for i in range(n):
        f.write(f'  step s{i} {{ log "step {i}" }}\n')
    f.write("}\n")
PY
done
# Wall seconds of a command that must succeed (a file refused as too large would make a fast, wrong figure).
seconds() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>"$work/err" || { echo "failed: $* $(head -3 "$work/err")" >&2; exit 1; }
  end=$(date +%s%N)
  echo "scale=2; ($end - $start) / 1000000000" | bc
}
./runbook --version >/dev/null  # the first run after a build writes the class-data archive
printf '| steps | YAML cold | DSL cold |\n|---|---|---|\n'
for n in 1000 10000 100000; do
  printf '| %s | %s s | %s s |\n' "$n" "$(seconds ./runbook check "$work/s$n.rb.yaml")" "$(seconds ./runbook check "$work/s$n.runbook")"
done
for form in rb.yaml runbook; do
  one=$(seconds ./runbook check "$work/s100000.$form")
  four=$(seconds ./runbook check "$work/s100000.$form" "$work/s100000.$form" "$work/s100000.$form" "$work/s100000.$form")
  echo "warm, $form: $(echo "scale=0; 300000 / ($four - $one)" | bc) steps/s (3 passes of 100,000 steps in ${four}s less one cold pass ${one}s)"
done
