#!/usr/bin/env bash
# Runs ReviewDesk as a cluster on this machine: PostgreSQL, Redis, N web nodes and nginx in front of them.
#   ./cluster.sh [--nodes N] [--smoke]
# PostgreSQL, Redis and nginx come from apt when missing (Debian), or set REVIEWDESK_POSTGRES (a connection string)
# and REVIEWDESK_REDIS (host:port) to use servers you run. Everything else lives under REVIEWDESK_CLUSTER_DIR
# (default data/cluster): the database cluster, Redis, the nodes' logs and nginx's configuration. REVIEWDESK_PORT is
# nginx's port (default 5080; the nodes take the ports after it); REVIEWDESK_DEMO_TICKETS=false seeds no demo tickets.
# --smoke drives one ticket through nginx end to end, prints what happened, stops everything and exits 0 or 1.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

nodes=3
smoke=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --nodes) nodes="$2"; shift 2 ;;
    --smoke) smoke=true; shift ;;
    *) echo "cluster.sh: unknown argument $1 (use --nodes N, --smoke)" >&2; exit 2 ;;
  esac
done
[[ ${nodes} =~ ^[1-9][0-9]?$ ]] || { echo "cluster.sh: --nodes must be 1 to 99" >&2; exit 2; }

dir="$(mkdir -p "${REVIEWDESK_CLUSTER_DIR:-$PWD/data/cluster}" && cd "${REVIEWDESK_CLUSTER_DIR:-$PWD/data/cluster}" && pwd)"
front_port="${REVIEWDESK_PORT:-5080}"
pg_port="${REVIEWDESK_PG_PORT:-5433}"
redis_port="${REVIEWDESK_REDIS_PORT:-6380}"
api_key="${REVIEWDESK_CLUSTER_API_KEY:-rdk_cluster_demo_key_0123456789abcdef}"
pids=()

apt_install() {
  local -a sudo=()
  if [[ ${EUID} -ne 0 ]]; then
    sudo -n true 2>/dev/null || { echo "cluster.sh: need root or passwordless sudo to install: $*" >&2; exit 1; }
    sudo=(sudo)
  fi
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
}

missing=()
[[ -n ${REVIEWDESK_POSTGRES:-} ]] || compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
[[ -n ${REVIEWDESK_REDIS:-} || -x /usr/bin/redis-server ]] || missing+=(redis-server)
command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx)
[[ ${#missing[@]} -eq 0 ]] || apt_install "${missing[@]}"

as_pg=()
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
[[ ${EUID} -ne 0 ]] || as_pg=(runuser -u postgres --)

stop_all() {
  for pid in "${pids[@]}"; do kill "${pid}" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [[ -z ${REVIEWDESK_POSTGRES:-} && -d ${dir}/pg ]]; then "${as_pg[@]}" "${pg_bin}/pg_ctl" -D "${dir}/pg" -m fast -w stop >/dev/null 2>&1 || true; fi
}
trap stop_all EXIT INT TERM

# PostgreSQL: a cluster of its own under the cluster folder (kept between runs), durable.
if [[ -n ${REVIEWDESK_POSTGRES:-} ]]; then
  connection="${REVIEWDESK_POSTGRES}"
else
  if [[ ! -d ${dir}/pg ]]; then
    mkdir -p "${dir}/pg" && [[ ${EUID} -ne 0 ]] || chown postgres "${dir}" "${dir}/pg"
    "${as_pg[@]}" "${pg_bin}/initdb" -D "${dir}/pg" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  "${as_pg[@]}" "${pg_bin}/pg_ctl" -D "${dir}/pg" -l "${dir}/pg.log" -w -o "-p ${pg_port} -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null
  "${pg_bin}/psql" -h 127.0.0.1 -p "${pg_port}" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'reviewdesk'" | grep -q 1 \
    || "${pg_bin}/psql" -h 127.0.0.1 -p "${pg_port}" -U postgres -qc "CREATE DATABASE reviewdesk"
  connection="Host=127.0.0.1;Port=${pg_port};Username=postgres;Database=reviewdesk"
fi

# Redis: live updates between nodes (SignalR backplane, cross-node events); nothing in it needs to survive a restart.
if [[ -n ${REVIEWDESK_REDIS:-} ]]; then
  redis="${REVIEWDESK_REDIS}"
else
  /usr/bin/redis-server --port "${redis_port}" --bind 127.0.0.1 --save "" --appendonly no --dir "${dir}" >"${dir}/redis.log" 2>&1 &
  pids+=($!)
  redis="127.0.0.1:${redis_port}"
fi

# REVIEWDESK_WEB_DLL runs a web app already built (the tests pass theirs) instead of building one.
if [[ -n ${REVIEWDESK_WEB_DLL:-} ]]; then
  web_dll="${REVIEWDESK_WEB_DLL}"
else
  dotnet build ReviewDesk.Web -c Release --nologo -v quiet
  web_dll="$PWD/ReviewDesk.Web/bin/Release/net10.0/ReviewDesk.Web.dll"
fi

# The nodes: every one a full node (console, API, worker), on 127.0.0.1:5081, 5082, ...; the first seeds the demo data.
upstream=""
for i in $(seq 1 "${nodes}"); do
  port=$((front_port + i))
  mkdir -p "${dir}/node-${i}"
  seed=false; [[ ${i} -eq 1 && ${smoke} == false && ${REVIEWDESK_DEMO_TICKETS:-true} == true ]] && seed=true
  (cd "${dir}/node-${i}" && ASPNETCORE_ENVIRONMENT=Production Auth__BootstrapApiKey="${api_key}" exec dotnet "${web_dll}" \
    --urls "http://127.0.0.1:${port}" --Database:Provider Postgres --ConnectionStrings:ReviewDesk "${connection}" \
    --Cluster:Redis "${redis}" --Cluster:NodeName "node-${i}" --Workflows:Worker:Id "node-${i}" \
    --Database:DataDirectory "${dir}/node-${i}" --Ai:Local:ModelDirectory "${dir}/models" \
    --Demo:SeedUsers true --Demo:SeedTickets "${seed}" >"${dir}/node-${i}.log" 2>&1) &
  pids+=($!)
  upstream+="    server 127.0.0.1:${port};"$'\n'
  # One node at a time migrates the database at its first start; the others wait for it to be ready.
  for _ in $(seq 1 180); do
    curl -fs "http://127.0.0.1:${port}/healthz" >/dev/null 2>&1 && break
    sleep 1
  done
  curl -fs "http://127.0.0.1:${port}/healthz" >/dev/null || { echo "cluster.sh: node ${i} did not start; see ${dir}/node-${i}.log" >&2; exit 1; }
done

# nginx in front: sticky sessions by client address for the console and the hubs (a Blazor Server circuit lives on
# one node), WebSockets for /_blazor and /hubs; the stateless API round-robin over every node.
mkdir -p "${dir}/nginx/logs" "${dir}/nginx/tmp"
cat >"${dir}/nginx/nginx.conf" <<CONF
worker_processes 1;
pid ${dir}/nginx/nginx.pid;
error_log ${dir}/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log ${dir}/nginx/logs/access.log;
  client_body_temp_path ${dir}/nginx/tmp/body;
  proxy_temp_path ${dir}/nginx/tmp/proxy;
  fastcgi_temp_path ${dir}/nginx/tmp/fastcgi;
  uwsgi_temp_path ${dir}/nginx/tmp/uwsgi;
  scgi_temp_path ${dir}/nginx/tmp/scgi;
  map \$http_upgrade \$connection_upgrade { default upgrade; '' close; }
  upstream reviewdesk {
    ip_hash;
${upstream}  }
  upstream reviewdesk_api {
${upstream}  }
  # A node that is stopping answers 503 to new requests (ShutdownGateMiddleware): nginx then tries the next node for
  # the methods it may repeat (GET, HEAD, a WebSocket upgrade), as it does when a node refuses the connection.
  proxy_next_upstream error timeout http_503;
  server {
    listen 127.0.0.1:${front_port};
    # The HTTP API is stateless (API keys): any node answers.
    location /api/ {
      proxy_pass http://reviewdesk_api;
      proxy_http_version 1.1;
      proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
    }
    location / {
      proxy_pass http://reviewdesk;
      proxy_http_version 1.1;
      proxy_set_header Upgrade \$http_upgrade;
      proxy_set_header Connection \$connection_upgrade;
      proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_read_timeout 1h;
      proxy_buffering off;
    }
  }
}
CONF
nginx_user=()
[[ ${EUID} -ne 0 ]] || nginx_user=(-g "user root; daemon off;")
[[ ${EUID} -eq 0 ]] || nginx_user=(-g "daemon off;")
/usr/sbin/nginx -p "${dir}/nginx" -c "${dir}/nginx/nginx.conf" "${nginx_user[@]}" &
pids+=($!)
for _ in $(seq 1 30); do curl -fs "http://127.0.0.1:${front_port}/healthz" >/dev/null 2>&1 && break; sleep 0.5; done

url="http://127.0.0.1:${front_port}"
echo
echo "ReviewDesk cluster: ${nodes} node(s) behind nginx, PostgreSQL (${connection%%;Username*}), Redis ${redis}"
echo "  ${url}"
echo "Demo accounts as in run.sh (reviewer@demo.example / Demo-Reviewer-1, ...). Logs: ${dir}"

if [[ ${smoke} == true ]]; then
  id="$(curl -fs -X POST "${url}/api/tickets" -H "X-Api-Key: ${api_key}" -H 'Content-Type: application/json' \
    -d '{"subject":"Smoke test parcel","body":"My card 4111 1111 1111 1111 was charged twice","externalId":"smoke-'"$$"'"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
  echo "smoke: submitted ${id}"
  status=""
  for _ in $(seq 1 120); do
    status="$(curl -fs "${url}/api/tickets/${id}" -H "X-Api-Key: ${api_key}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')"
    [[ ${status} == AwaitingReview ]] && break
    sleep 0.5
  done
  [[ ${status} == AwaitingReview ]] || { echo "smoke: ticket is ${status}, not AwaitingReview" >&2; exit 1; }
  curl -fs -X POST "${url}/api/reviews/${id}/decision" -H "X-Api-Key: ${api_key}" -H 'Content-Type: application/json' -d '{"action":"approve","requestId":"smoke-decision"}' >/dev/null
  for _ in $(seq 1 120); do
    status="$(curl -fs "${url}/api/tickets/${id}" -H "X-Api-Key: ${api_key}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')"
    [[ ${status} == Routed ]] && break
    sleep 0.5
  done
  echo "smoke: ${id} is ${status}"
  ready="$(curl -s "${url}/readyz" -H "X-Api-Key: ${api_key}")"
  echo "smoke: /readyz ${ready}"
  [[ ${status} == Routed ]] && exit 0 || exit 1
fi

echo "Press Ctrl+C to stop."
wait
