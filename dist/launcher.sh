#!/bin/sh
# runbook: runs the command line on the Java runtime shipped beside it (no Java needed on PATH), with the
# ahead-of-time cache made at build time. Works through symlinks (/usr/local/bin/runbook -> .../bin/runbook) and
# from any folder. RUNBOOK_JAVA_OPTS adds JVM options (-Xmx...).
self=$0
while [ -L "$self" ]; do
  target=$(readlink "$self")
  case $target in
    /*) self=$target ;;
    *) self=${self%/*}/$target ;;
  esac
done
case $self in
  */*) bin=${self%/*} ;;
  *) bin=. ;;
esac
home=$(cd "$bin/.." && pwd -P)
app=$home/lib/runbook
java=$app/runtime/bin/java
if [ ! -x "$java" ]; then
  echo "runbook: this installation has no Java runtime at $java; reinstall it" >&2
  exit 2
fi
# --version needs none of what the cache holds, and mapping the cache would cost a quarter of its time.
if [ "$#" -eq 1 ] && { [ "$1" = --version ] || [ "$1" = -V ]; }; then
  exec "$java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xshare:auto -Xlog:cds=off \
    ${RUNBOOK_JAVA_OPTS:-} -jar "$app/runbook.jar" "$1"
fi
# C1 only, compiling after fewer calls than its default, and the serial collector: a run is short, starts before it
# computes, and does each kind of step many times over (a 1,000-step run warms up about 13 % sooner). A young
# generation of 8 MiB, not the ~120 MiB a large machine gets by default: a run allocates short-lived objects at a
# steady rate, and reusing a small space that stays in the CPU's cache beats faulting in fresh pages (a 1,000-step
# run: 1.20 s -> 1.0 s; see BENCHMARKS.md). Larger objects (a 10 MiB body) go to the old generation as before.
# Transparent huge pages where the kernel offers them (fewer page faults), and no hsperfdata file (jps does not list
# a run, which no one needs of a command).
set -- -XX:TieredStopAtLevel=1 -XX:Tier3InvocationThreshold=20 -XX:Tier3MinInvocationThreshold=10 \
  -XX:Tier3CompileThreshold=200 -XX:Tier3BackEdgeThreshold=2000 -XX:+UseSerialGC -Xmn8m -XX:+UseTransparentHugePages \
  -XX:-UsePerfData ${RUNBOOK_JAVA_OPTS:-} \
  -jar "$app/runbook.jar" "$@"
if [ -f "$app/runbook.aot" ]; then
  exec "$java" -XX:AOTCache="$app/runbook.aot" -Xlog:aot=off -Xlog:cds=off "$@"
elif [ -f "$app/runbook.jsa" ]; then
  exec "$java" -XX:SharedArchiveFile="$app/runbook.jsa" -Xlog:cds=off "$@"
fi
exec "$java" "$@"
