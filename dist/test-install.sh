#!/usr/bin/env bash
# Shows that what dist/ ships works where no Java is installed: builds the tarball and the .deb when they are
# missing (mvn -B -DskipTests -Pdist package), then
#   1. extracts the tarball into a fresh folder and, with no java on PATH and JAVA_HOME unset, runs
#      bin/runbook --version, through a symlink from another folder, and a real runbook (http against Python's
#      http.server on a loopback port, sql against the local PostgreSQL, a shell command), checking its audit log;
#   2. installs the .deb (as root), runs runbook and man runbook, removes it and checks nothing is left behind.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -n 1)
tarball=dist/runbook-$version-linux-x64.tar.gz
deb=dist/runbook_${version}_amd64.deb
if [ ! -f "$tarball" ] || [ ! -f "$deb" ]; then
  mvn -q -B -ntp -DskipTests -Pdist package
fi

work=$(mktemp -d)
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2> /dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "test-install: FAILED: $*" >&2; exit 1; }

# A PATH with every command of this machine but Java.
mkdir -p "$work/path"
for dir in /usr/local/sbin /usr/local/bin /usr/sbin /usr/bin /sbin /bin; do
  for tool in "$dir"/*; do
    name=$(basename "$tool")
    case $name in java|javac|jar|jshell|jlink|jdeps|keytool|jcmd|jps|jstack|jmap|jrunscript|mvn) continue ;; esac
    [ -e "$work/path/$name" ] || ln -s "$tool" "$work/path/$name"
  done
done
nojava() { env -u JAVA_HOME -u RUNBOOK_JAVA_OPTS PATH="$work/path" HOME="$work/home" "$@"; }
nojava sh -c 'command -v java' > /dev/null && fail "java is still on the test PATH"

echo "== tarball: $tarball"
mkdir -p "$work/opt" "$work/home" "$work/elsewhere/bin"
tar -C "$work/opt" -xzf "$tarball"
home=$work/opt/runbook-$version
ln -s "$home/bin/runbook" "$work/elsewhere/bin/runbook"
(cd / && nojava "$home/bin/runbook" --version) | grep -q "^runbook $version" || fail "bin/runbook --version"
(cd "$work" && nojava elsewhere/bin/runbook --version) | grep -q "^runbook $version" || fail "--version through a symlink"
[ -f "$home/share/man/man1/runbook-exec.1" ] || fail "no man page runbook-exec.1 in the tarball"
grep -q "complete -F" "$home/share/bash-completion/completions/runbook" || fail "no bash completion in the tarball"
[ -s "$home/lib/runbook/runbook.aot" ] || [ -s "$home/lib/runbook/runbook.jsa" ] || fail "no AOT cache or CDS archive in the tarball"

# A real runbook: a loopback HTTP server, the local PostgreSQL, a command.
mkdir -p "$work/site"
echo '{"status": "ok"}' > "$work/site/health.json"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/site" > "$work/http.log" 2>&1 &
server=$!
for _ in $(seq 1 50); do
  python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)" 2> /dev/null && break
  sleep 0.1
done
cat > "$work/installed.rb.yaml" <<YAML
runbook: dist.installed
title: The installed runbook talks to real servers
databases:
  local: postgres://postgres@127.0.0.1:5432/postgres
steps:
  - id: health
    http: GET http://127.0.0.1:$port/health.json
    expect: status == 200 && body.status == "ok"
  - id: clock
    sql: { db: local, query: "SELECT 1 + 1 AS two" }
    expect: rows[0].two == 2
  - id: uname
    shell: uname -s
    effects: read
    expect: stdout.contains("Linux")
YAML
(cd "$work" && nojava elsewhere/bin/runbook exec --as ci --audit-log "$work/audit.jsonl" installed.rb.yaml) \
  > "$work/run.txt" 2>&1 || { cat "$work/run.txt"; fail "the runbook did not pass on the tarball's runtime"; }
grep -q "✓ health" "$work/run.txt" && grep -q "✓ clock" "$work/run.txt" && grep -q "✓ uname" "$work/run.txt" \
  || { cat "$work/run.txt"; fail "a step is missing from the output"; }
nojava "$home/bin/runbook" audit verify "$work/audit.jsonl" > /dev/null || fail "audit verify"
echo "tarball: --version, symlink, man page, completion and a real runbook: ok"

echo "== deb: $deb"
if [ "$(id -u)" -ne 0 ] || ! command -v dpkg > /dev/null; then
  echo "deb: skipped (needs root and dpkg)"
  exit 0
fi
dpkg -r runbook > /dev/null 2>&1 || true
dpkg -i "$deb" > "$work/dpkg.txt" 2>&1 || { cat "$work/dpkg.txt"; fail "dpkg -i"; }
installed=$(dpkg -L runbook)
# The Java-free PATH was made before the package put /usr/bin/runbook there.
ln -sf /usr/bin/runbook "$work/path/runbook"
(cd / && nojava runbook --version) | grep -q "^runbook $version" || fail "runbook --version after dpkg -i"
(cd "$work" && nojava runbook exec --as ci --audit-log "$work/audit-deb.jsonl" installed.rb.yaml) > "$work/run-deb.txt" 2>&1 \
  || { cat "$work/run-deb.txt"; fail "the runbook did not pass on the installed package"; }
if command -v man > /dev/null; then
  MANPAGER=cat MANWIDTH=100 man runbook 2> /dev/null | grep -q "runbook-exec" || fail "man runbook"
  MANPAGER=cat MANWIDTH=100 man runbook-exec 2> /dev/null | grep -q -- "--dry-run" || fail "man runbook-exec"
else
  echo "deb: man is not installed here; the pages are checked as files"
fi
[ -f /usr/share/man/man1/runbook.1.gz ] || fail "no /usr/share/man/man1/runbook.1.gz"
[ -f /usr/share/bash-completion/completions/runbook ] || fail "no bash completion installed"
dpkg -r runbook > "$work/dpkg-r.txt" 2>&1 || { cat "$work/dpkg-r.txt"; fail "dpkg -r"; }
left=""
for path in $installed; do
  if [ -f "$path" ] || [ -L "$path" ]; then left="$left $path"; fi
done
[ -z "$left" ] || fail "left behind after dpkg -r:$left"
[ ! -e /usr/lib/runbook ] || fail "/usr/lib/runbook is still there after dpkg -r"
command -v runbook > /dev/null && fail "runbook is still on PATH after dpkg -r"
echo "deb: install, --version, a real runbook, man pages, completion and a clean removal: ok"
