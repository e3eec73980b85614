#!/usr/bin/env bash
# runbook beside what an operator would otherwise run, measured with hyperfine in one go on this machine:
#   1. the same 20 steps (10 HTTP probes of a loopback nginx, 5 SQL queries on the local PostgreSQL, 5 commands)
#      as a runbook, as a bash script of curl, psql and the commands, and as an Ansible playbook (ansible-core);
#   2. a cold `runbook --version` and `runbook check` beside a Java hello world on the same JDK;
#   3. bench/exec-bench.sh, the long runs (1,000 http and sql steps).
# Usage: bash bench/peers/run.sh   (builds dist/ when it is missing; needs nginx, curl, psql, hyperfine, ansible-core
# and PostgreSQL on 127.0.0.1:5432; apt-get install nginx-light hyperfine ansible-core postgresql-client)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -n 1)
runbook=$root/dist/build/runbook-$version/bin/runbook
[ -x "$runbook" ] || mvn -q -B -DskipTests -Pdist package
for tool in nginx curl psql hyperfine ansible-playbook; do
  command -v "$tool" > /dev/null || [ -x "/usr/sbin/$tool" ] || { echo "bench/peers: $tool is missing" >&2; exit 2; }
done
runs=${RUNS:-10}
out=$root/bench/out/peers
rm -rf "$out"; mkdir -p "$out/nginx/tmp" "$out/site"
echo '{"status": "healthy", "version": "1.4.2"}' > "$out/site/health.json"

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
cat > "$out/nginx/nginx.conf" <<CONF
daemon off;
master_process off;
worker_processes 1;
pid $out/nginx/nginx.pid;
error_log $out/nginx/error.log;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path $out/nginx/tmp/body;
  proxy_temp_path $out/nginx/tmp/proxy;
  fastcgi_temp_path $out/nginx/tmp/fastcgi;
  uwsgi_temp_path $out/nginx/tmp/uwsgi;
  scgi_temp_path $out/nginx/tmp/scgi;
  default_type application/json;
  server { listen 127.0.0.1:$port; root $out/site; }
}
CONF
nginx -p "$out/nginx" -c "$out/nginx/nginx.conf" &
server=$!
trap 'kill $server 2> /dev/null || true' EXIT
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/health.json" > /dev/null && break; sleep 0.1; done
base="http://127.0.0.1:$port"
db="postgres://postgres@127.0.0.1:5432/postgres"

# --- the same 20 steps, three ways
{
  echo "runbook: bench.peers"
  echo "title: Twenty steps"
  echo "databases:"
  echo "  main: $db"
  echo "steps:"
  for i in $(seq 1 10); do
    printf '  - id: probe_%d\n    http: GET %s/health.json\n    expect: [status == 200, body.status == "healthy"]\n' "$i" "$base"
  done
  for i in $(seq 1 5); do
    printf '  - id: query_%d\n    sql: { db: main, query: "SELECT count(*) AS n FROM pg_stat_activity" }\n    expect: rows[0].n >= 1\n' "$i"
  done
  for i in $(seq 1 5); do
    printf '  - id: command_%d\n    shell: uname -r && df -h / > /dev/null\n    effects: read\n' "$i"
  done
} > "$out/twenty.rb.yaml"
{
  echo '#!/usr/bin/env bash'
  echo '# The same twenty steps as a script an operator would paste together: each checked, the first failure stops it.'
  echo 'set -euo pipefail'
  for i in $(seq 1 10); do
    echo "curl -sf $base/health.json | grep -q '\"status\": \"healthy\"'"
  done
  for i in $(seq 1 5); do
    echo "[ \"\$(psql '$db' -Atc 'SELECT count(*) FROM pg_stat_activity')\" -ge 1 ]"
  done
  for i in $(seq 1 5); do
    echo "uname -r > /dev/null && df -h / > /dev/null"
  done
} > "$out/twenty.sh"
{
  echo "- name: Twenty steps"
  echo "  hosts: localhost"
  echo "  connection: local"
  echo "  gather_facts: false"
  echo "  tasks:"
  for i in $(seq 1 10); do
    printf '    - name: probe %d\n      ansible.builtin.uri: { url: "%s/health.json", return_content: true }\n      register: probe\n      failed_when: probe.json.status != "healthy"\n' "$i" "$base"
  done
  for i in $(seq 1 5); do
    printf '    - name: query %d\n      ansible.builtin.command: psql %s -Atc "SELECT count(*) FROM pg_stat_activity"\n      register: rows\n      failed_when: rows.stdout | int < 1\n      changed_when: false\n' "$i" "$db"
  done
  for i in $(seq 1 5); do
    printf '    - name: command %d\n      ansible.builtin.shell: uname -r && df -h / > /dev/null\n      changed_when: false\n' "$i"
  done
} > "$out/twenty.yml"
printf '[local]\nlocalhost ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n' > "$out/inventory"

"$runbook" exec --as bench -q --audit-log "$out/audit.jsonl" "$out/twenty.rb.yaml" > /dev/null
bash "$out/twenty.sh"
ANSIBLE_STDOUT_CALLBACK=null ansible-playbook -i "$out/inventory" "$out/twenty.yml" > /dev/null

export ANSIBLE_STDOUT_CALLBACK=null ANSIBLE_NOCOLOR=1
hyperfine -N --warmup 2 --runs "$runs" --export-markdown "$out/twenty.md" \
  -n "runbook (20 steps)" "$runbook exec --as bench -q --audit-log $out/audit.jsonl $out/twenty.rb.yaml" \
  -n "bash + curl + psql" "bash $out/twenty.sh" | tee "$out/twenty.txt"
hyperfine -N --warmup 1 --runs "${ANSIBLE_RUNS:-3}" --export-markdown "$out/ansible.md" \
  -n "ansible-playbook (20 tasks)" "ansible-playbook -i $out/inventory $out/twenty.yml" | tee "$out/ansible.txt"

# --- cold start beside a Java hello world on the JDK the runtime came from
jdk=$(dirname "$(dirname "$(readlink -f "$(dirname "$runbook")/../lib/runbook/runtime/bin/java")")")
mkdir -p "$out/hello"
printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' > "$out/hello/Hello.java"
newest=$(ls -d /usr/lib/jvm/*/ | while read -r d; do [ -x "$d/bin/javac" ] && echo "$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$d/release") $d"; done | sort -n | tail -n 1 | cut -d' ' -f2)
"$newest/bin/javac" -d "$out/hello" "$out/hello/Hello.java"
hyperfine -N --warmup 3 --runs 20 --export-markdown "$out/cold.md" \
  -n "java Hello ($(basename "$newest"))" "$newest/bin/java -cp $out/hello Hello" \
  -n "runbook --version" "$runbook --version" \
  -n "runbook check (20 steps)" "$runbook check $out/twenty.rb.yaml" | tee "$out/cold.txt"

mean() { sed -n "s/^ *Time (mean ± σ): *\([0-9.]*\) \(m\?s\).*/\1 \2/p" "$1" | sed -n "${2}p" | awk '{ print ($2 == "s") ? $1 * 1000 : $1 }'; }
rb=$(mean "$out/twenty.txt" 1); sh=$(mean "$out/twenty.txt" 2); an=$(mean "$out/ansible.txt" 1)
hello=$(mean "$out/cold.txt" 1); ver=$(mean "$out/cold.txt" 2); chk=$(mean "$out/cold.txt" 3)
echo
printf '%-40s %10s\n' "20 steps: runbook / bash" "$(echo "scale=2; $rb / $sh" | bc)×"
printf '%-40s %10s\n' "20 steps: ansible / runbook" "$(echo "scale=1; $an / $rb" | bc)×"
printf '%-40s %10s\n' "--version / java hello world" "$(echo "scale=2; $ver / $hello" | bc)×"
printf '%-40s %10s\n' "check / java hello world" "$(echo "scale=2; $chk / $hello" | bc)×"

# --- long runs, with the launcher a user installs
RUNBOOK="$runbook" bash bench/exec-bench.sh
