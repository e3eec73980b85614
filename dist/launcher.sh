#!/bin/sh
# runbook: runs the command line on the Java runtime shipped beside it (no Java needed on PATH), with the
# ahead-of-time cache made at build time. Works through symlinks (/usr/local/bin/runbook -> .../bin/runbook) and
# from any folder. RUNBOOK_JAVA_OPTS adds JVM options (-Xmx...).
self=$0
while [ -L "$self" ]; do
  target=$(readlink "$self")
  case $target in
    /*) self=$target ;;
    *) self=$(dirname "$self")/$target ;;
  esac
done
home=$(cd "$(dirname "$self")/.." && pwd -P)
app=$home/lib/runbook
java=$app/runtime/bin/java
if [ ! -x "$java" ]; then
  echo "runbook: this installation has no Java runtime at $java; reinstall it" >&2
  exit 2
fi
# C1 only and the serial collector: a run is short, and starts before it computes.
set -- -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss2m ${RUNBOOK_JAVA_OPTS:-} -jar "$app/runbook.jar" "$@"
if [ -f "$app/runbook.aot" ]; then
  exec "$java" -XX:AOTCache="$app/runbook.aot" -Xlog:aot=off -Xlog:cds=off "$@"
elif [ -f "$app/runbook.jsa" ]; then
  exec "$java" -XX:SharedArchiveFile="$app/runbook.jsa" -Xlog:cds=off "$@"
fi
exec "$java" "$@"
