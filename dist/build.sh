#!/usr/bin/env bash
# Builds what `mvn -B -DskipTests -Pdist package` ships, from the jars the interpreter module has just packaged:
#   dist/runbook-VERSION-linux-x64.tar.gz  bin/runbook, the jars, a Java runtime made with jlink from the newest JDK
#                                          found, an AOT cache (JDK >= 25) or CDS archive from a training run, the man
#                                          pages and the bash/zsh completion
#   dist/runbook_VERSION_amd64.deb         the same under /usr (/usr/bin/runbook, /usr/lib/runbook, man, completion)
# The code stays --release 17; only the runtime it ships with is newer.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
version=${1:?usage: dist/build.sh VERSION}
target=$root/interpreter/target
[ -f "$target/runbook.jar" ] || { echo "dist: $target/runbook.jar is missing: run mvn -DskipTests -Pdist package" >&2; exit 2; }

# The newest JDK with jlink: under /usr/lib/jvm, JAVA_HOME, or the one running the build.
jdk=""
best=0
for candidate in /usr/lib/jvm/* "${JAVA_HOME:-}" "$(dirname "$(dirname "$(readlink -f "$(command -v javac || echo /nonexistent)")")")"; do
  [ -n "$candidate" ] && [ -x "$candidate/bin/jlink" ] && [ -f "$candidate/release" ] || continue
  feature=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$candidate/release")
  if [ "${feature:-0}" -gt "$best" ]; then best=$feature; jdk=$candidate; fi
done
[ -n "$jdk" ] || { echo "dist: no JDK with jlink found" >&2; exit 2; }
echo "dist: runtime from $jdk (Java $best)"

work=$root/dist/build
name=runbook-$version
tree=$work/$name
app=$tree/lib/runbook
rm -rf "$work"
mkdir -p "$tree/bin" "$app"
cp "$target/runbook.jar" "$app/"
cp -r "$target/lib" "$app/lib"

# The modules the jars use (jdeps), plus the legacy charsets a response may declare (windows-1252...).
modules=$("$jdk/bin/jdeps" --multi-release "$best" --print-module-deps --ignore-missing-deps -q \
  --class-path "$app/lib/*" "$app/runbook.jar" "$app"/lib/*.jar)
modules="$modules,jdk.charsets"
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --output "$app/runtime"
java=$app/runtime/bin/java

cp "$root/dist/launcher.sh" "$tree/bin/runbook"
chmod 755 "$tree/bin/runbook"
"$java" -cp "$app/runbook.jar" dev.runbook.cli.DistFiles man "$tree/share/man/man1"
"$java" -cp "$app/runbook.jar" dev.runbook.cli.DistFiles completion "$work/completion"
mkdir -p "$tree/share/bash-completion/completions" "$tree/share/zsh/vendor-completions"
mv "$work/completion/runbook.bash" "$tree/share/bash-completion/completions/runbook"
mv "$work/completion/_runbook" "$tree/share/zsh/vendor-completions/_runbook"
cp "$root/README.md" "$tree/README.md"

# A training run of real commands: check, then exec of a runbook with every common kind (the network ones fail
# fast against a closed loopback port, which still loads their code). Its classes go into the cache the launcher
# reads; the flags match the launcher's.
training=$work/training
mkdir -p "$training"
cat > "$training/training.rb.yaml" <<'YAML'
runbook: dist.training
title: Training run
params:
  name: { type: string, default: world }
databases:
  db: postgres://127.0.0.1:1/none?connectTimeout=1
steps:
  - id: hello
    log: hello ${params.name}
  - id: command
    shell: echo ${params.name}
    effects: read
    expect: exit_code == 0 && stdout.contains("world")
  - id: probe
    http: GET http://127.0.0.1:1/health
    timeout: 2s
    on_failure: ignore
  - id: query
    sql: { db: db, query: "SELECT :n AS n", params: { n: "1" } }
    timeout: 2s
    on_failure: ignore
  - id: compute
    log: ${size(params.name) > 2 && params.name.matches("^w")} ${duration("1m") > duration("30s")}
YAML
flags=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)
(
  cd "$training"
  export RUNBOOK_AUDIT_LOG="$training/audit.jsonl"
  if [ "$best" -ge 25 ]; then
    "$java" "${flags[@]}" -XX:AOTCacheOutput="$app/runbook.aot" -Xlog:aot=warning -jar "$app/runbook.jar" \
      exec --as dist training.rb.yaml > "$training/out.txt" 2>&1 || { cat "$training/out.txt"; exit 1; }
  else
    "$java" "${flags[@]}" -XX:ArchiveClassesAtExit="$app/runbook.jsa" -Xlog:cds=off -jar "$app/runbook.jar" \
      exec --as dist training.rb.yaml > "$training/out.txt" 2>&1 || { cat "$training/out.txt"; exit 1; }
  fi
)
"$tree/bin/runbook" --version > /dev/null

tar -C "$work" --owner=0 --group=0 -czf "$root/dist/$name-linux-x64.tar.gz" "$name"
echo "dist: wrote dist/$name-linux-x64.tar.gz ($(du -h "$root/dist/$name-linux-x64.tar.gz" | cut -f1))"

# The Debian package: the same tree under /usr.
if command -v dpkg-deb > /dev/null; then
  pkg=$work/deb
  mkdir -p "$pkg/DEBIAN" "$pkg/usr/bin" "$pkg/usr/lib" "$pkg/usr/share/man/man1" "$pkg/usr/share/doc/runbook" \
    "$pkg/usr/share/bash-completion/completions" "$pkg/usr/share/zsh/vendor-completions"
  cp -a "$app" "$pkg/usr/lib/runbook"
  cp "$tree/bin/runbook" "$pkg/usr/bin/runbook"
  for page in "$tree"/share/man/man1/*.1; do gzip -9n < "$page" > "$pkg/usr/share/man/man1/$(basename "$page").gz"; done
  cp "$tree/share/bash-completion/completions/runbook" "$pkg/usr/share/bash-completion/completions/runbook"
  cp "$tree/share/zsh/vendor-completions/_runbook" "$pkg/usr/share/zsh/vendor-completions/_runbook"
  cp "$root/README.md" "$pkg/usr/share/doc/runbook/README.md"
  debversion=${version/-SNAPSHOT/~snapshot}
  cat > "$pkg/DEBIAN/control" <<CONTROL
Package: runbook
Version: $debversion
Architecture: amd64
Maintainer: runbook developers <runbook@localhost>
Section: admin
Priority: optional
Installed-Size: $(du -sk "$pkg/usr" | cut -f1)
Description: runbook-as-code interpreter
 Runs operational runbooks written as YAML or a small DSL step by step: HTTP probes,
 SQL queries, shell commands, manual steps and approval gates, with a dry-run that
 touches nothing and a tamper-evident audit log. Ships its own Java runtime.
CONTROL
  dpkg-deb --root-owner-group -Zgzip --build "$pkg" "$root/dist/runbook_${version}_amd64.deb" > /dev/null
  echo "dist: wrote dist/runbook_${version}_amd64.deb ($(du -h "$root/dist/runbook_${version}_amd64.deb" | cut -f1))"
fi
