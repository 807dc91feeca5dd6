#!/usr/bin/env bash
# Installs what the tests need (Debian packages), builds the solution and runs every test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

apt_updated=false

# apt_install PACKAGE...: installs Debian packages as root, or through passwordless sudo.
apt_install() {
  local -a sudo=()
  if [[ ${EUID} -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo=(sudo)
    else
      echo "test.sh: need root or passwordless sudo to install: $*" >&2
      return 1
    fi
  fi
  if [[ ${apt_updated} == false ]]; then
    "${sudo[@]}" apt-get update -q
    apt_updated=true
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
}

# Browser tests drive Debian's chromium through Playwright (no browser download).
ensure_chromium() {
  if [[ ! -x /usr/bin/chromium ]]; then
    apt_install chromium || echo "test.sh: chromium is missing; browser tests will fail" >&2
  fi
}

# PostgreSQL and Redis tests (several nodes, the suites on PostgreSQL) use Debian's servers, started here as
# throwaway instances on 127.0.0.1; nothing is installed as a service or left running. nginx is for the cluster
# recipe's test (cluster.sh puts it in front of the nodes, with its own configuration, on a free port).
ensure_postgres_and_redis() {
  local missing=()
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
  [[ -x /usr/bin/redis-server ]] || missing+=(redis-server)
  [[ -x /usr/sbin/nginx ]] || missing+=(nginx)
  if [[ ${#missing[@]} -gt 0 ]]; then
    apt_install "${missing[@]}"
  fi
}

# start_postgres: a throwaway cluster under a temp dir (initdb refuses root, so it runs as 'postgres' then),
# durability off (it is thrown away), on a free port; exports REVIEWDESK_TEST_POSTGRES for the tests.
pg_dir=""
pg_bin=""
pg_as=()
start_postgres() {
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  pg_dir="$(mktemp -d /tmp/reviewdesk-test-pg.XXXXXX)"
  if [[ ${EUID} -eq 0 ]]; then
    chown postgres "${pg_dir}"
    pg_as=(runuser -u postgres --)
  fi
  local port
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  "${pg_as[@]}" "${pg_bin}/initdb" -D "${pg_dir}/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 -N >/dev/null
  "${pg_as[@]}" "${pg_bin}/pg_ctl" -D "${pg_dir}/data" -l "${pg_dir}/log" -w -o \
    "-p ${port} -k ${pg_dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400" start >/dev/null
  export REVIEWDESK_TEST_POSTGRES="Host=127.0.0.1;Port=${port};Username=postgres"
  echo "test.sh: PostgreSQL $("${pg_bin}/postgres" --version | awk '{print $3}') on 127.0.0.1:${port}"
}

stop_postgres() {
  if [[ -n ${pg_dir} ]]; then
    "${pg_as[@]}" "${pg_bin}/pg_ctl" -D "${pg_dir}/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "${pg_dir}"
  fi
}

# run_tests NAME COMMAND...: runs a test pass with its output shown and kept; when it fails, repeats each failed test's
# name and error at the very end, so a log cut to its last lines (as CI prints it) still says what failed.
run_tests() {
  local name="$1"; shift
  local log
  log="$(mktemp "/tmp/reviewdesk-test-${name}.XXXXXX.log")"
  local rc=0
  "$@" 2>&1 | tee "${log}" || rc=$?
  if [[ ${rc} -ne 0 ]]; then
    echo
    echo "test.sh: the ${name} pass failed (exit ${rc}); its failures, from ${log}:"
    awk '/^  Failed [A-Za-z]/ { n = 25 } /^Test Run Aborted|test running when the crash occurred/ { n = 12 } n > 0 { print; n-- }' \
      "${log}" | cut -c1-300
    exit "${rc}"
  fi
  rm -f "${log}"
}

ensure_chromium
ensure_postgres_and_redis
start_postgres
trap stop_postgres EXIT

dotnet build ReviewDesk.sln -c Release --nologo
# Every test on SQLite (the default), the PostgreSQL-only ones (several nodes, restarts) included. The hang detector
# allows 5 minutes for one test: ClusterCrashTests (four nodes, 1,000 tickets, two kills) took 2 min 50 s on a busy
# machine; a test that hangs is still stopped and dumped.
run_tests sqlite dotnet test ReviewDesk.sln -c Release --no-build --blame-hang-timeout 300s --logger "console;verbosity=normal"
# The same runtime, triage, review, API and audit suites again, on PostgreSQL (a database per test).
REVIEWDESK_TEST_PROVIDER=Postgres run_tests postgres dotnet test ReviewDesk.sln -c Release --no-build --blame-hang-timeout 120s --logger "console;verbosity=normal" \
  --filter "${REVIEWDESK_PG_SUITES:-FullyQualifiedName~ReviewDesk.Tests.Engine|FullyQualifiedName~ReviewDesk.Tests.Workflows.Triage|FullyQualifiedName~ReviewDesk.Tests.Workflows.Designer|FullyQualifiedName~ReviewDesk.Tests.Web.Api|FullyQualifiedName~ReviewDesk.Tests.Web.Audit|FullyQualifiedName~ReviewDesk.Tests.Web.Hubs|FullyQualifiedName~ReviewDesk.Tests.Web.Identity|FullyQualifiedName~ReviewDesk.Tests.Web.Notifications|FullyQualifiedName~ReviewDesk.Tests.Web.Hosting}"
