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
# (--generate-cds-archive: the runtime's own classes start from a shared archive even without the AOT cache)
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --generate-cds-archive \
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

# A training run of real commands: exec (which checks first) of a runbook with the common kinds, many times each,
# against a loopback HTTP server (the JDK's jwebserver) and the local PostgreSQL when there is one (a refused
# connection still loads the driver). The classes it loads and the profiles of the methods it runs go into the
# cache the launcher reads, so that a run starts and warms up as if it had run before; the flags match the
# launcher's.
training=$work/training
mkdir -p "$training/site"
echo '{"status": "ok", "items": [1, 2, 3]}' > "$training/site/health.json"
server=""
if [ -x "$jdk/bin/jwebserver" ]; then
  "$jdk/bin/jwebserver" -b 127.0.0.1 -p 0 -d "$training/site" > "$training/server.txt" 2>&1 &
  server=$!
  for _ in $(seq 1 50); do grep -q "port" "$training/server.txt" 2> /dev/null && break; sleep 0.1; done
fi
trap '[ -n "$server" ] && kill "$server" 2> /dev/null || true' EXIT
port=$(sed -n 's/.* port \([0-9]*\).*/\1/p' "$training/server.txt" 2> /dev/null | head -n 1)
port=${port:-1}
database=${RUNBOOK_TRAINING_DATABASE:-postgres://postgres@127.0.0.1:5432/postgres}
{
  echo "runbook: dist.training"
  echo "title: Training run"
  echo "params:"
  echo "  name: { type: string, default: world }"
  echo "  base_url: { type: string, default: \"http://127.0.0.1:$port\" }"
  echo "databases:"
  echo "  db: $database"
  echo "defaults:"
  echo "  on_failure: ignore"
  echo "steps:"
  for i in $(seq 1 300); do
    printf '  - id: probe_%d\n    http: GET ${params.base_url}/health.json\n    timeout: 2s\n' "$i"
    printf '    expect: [status == 200, body.status == "ok", size(body.items) == 3]\n'
  done
  for i in $(seq 1 100); do
    printf '  - id: query_%d\n    sql: { db: db, query: "SELECT :n::int + 1 AS n, now() AS at", params: { n: %d } }\n' "$i" "$i"
    printf '    timeout: 2s\n    expect: rows[0].n == %d\n    capture: { last: \"rows[0].n\" }\n' $((i + 1))
  done
  for i in $(seq 1 20); do
    printf '  - id: command_%d\n    shell: echo ${params.name} %d\n    effects: read\n' "$i" "$i"
    printf '    expect: exit_code == 0 && stdout.contains("world")\n'
  done
  for i in $(seq 1 100); do
    printf '  - id: note_%d\n    log: ${params.name.upper()} ${size(params.name) > 2 && params.name.matches("^w")} ${duration("1m") > duration("30s")}\n' "$i"
  done
} > "$training/training.rb.yaml"
flags=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmn8m)
(
  cd "$training"
  export RUNBOOK_AUDIT_LOG="$training/audit.jsonl"
  "$java" "${flags[@]}" -jar "$app/runbook.jar" check training.rb.yaml > "$training/check.txt" 2>&1 \
    || { cat "$training/check.txt"; exit 1; }
  if [ "$best" -ge 25 ]; then
    "$java" "${flags[@]}" -XX:AOTCacheOutput="$app/runbook.aot" -Xlog:aot=error -jar "$app/runbook.jar" \
      exec --as dist -q training.rb.yaml > "$training/out.txt" 2>&1 || { cat "$training/out.txt"; exit 1; }
    # The cache is assembled by a child JVM whose failure the training run does not report: check it maps.
    if [ ! -s "$app/runbook.aot" ] || ! "$java" "${flags[@]}" -XX:AOTCache="$app/runbook.aot" -XX:AOTMode=on \
        -jar "$app/runbook.jar" --version > /dev/null 2>&1; then
      grep -v '^\[' "$training/out.txt" | head -n 20 >&2
      echo "dist: the AOT cache could not be made (above); shipping a CDS archive instead" >&2
      rm -f "$app/runbook.aot" "$app/runbook.aot.config"
    fi
  fi
  if [ ! -f "$app/runbook.aot" ]; then
    "$java" "${flags[@]}" -XX:ArchiveClassesAtExit="$app/runbook.jsa" -Xlog:cds=off -jar "$app/runbook.jar" \
      exec --as dist -q training.rb.yaml > "$training/out.txt" 2>&1 || { cat "$training/out.txt"; exit 1; }
  fi
)
[ -n "$server" ] && kill "$server" 2> /dev/null || true
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
