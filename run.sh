#!/usr/bin/env bash
# Runs ReviewDesk (Release build, Production environment unless ASPNETCORE_ENVIRONMENT says otherwise).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# ./run.sh --nodes N: a cluster on this machine (PostgreSQL, Redis, N nodes, nginx in front); see cluster.sh.
if [[ ${1:-} == --nodes ]]; then exec ./cluster.sh "$@"; fi

urls="${REVIEWDESK_URLS:-http://127.0.0.1:5080}"

# REVIEWDESK_WEB_DLL runs a web app already built (the tests pass theirs) instead of building one, as in cluster.sh.
if [[ -n ${REVIEWDESK_WEB_DLL:-} ]]; then
  app_cmd=(dotnet "${REVIEWDESK_WEB_DLL}")
else
  dotnet build ReviewDesk.Web -c Release --nologo -v quiet
  app_cmd=(dotnet run --project ReviewDesk.Web -c Release --no-build --no-launch-profile --)
fi

# Demo mode (REVIEWDESK_DEMO=0 turns it off): one demo account per role with the fixed, public
# passwords below. They are demo values, not secrets: never expose a demo-mode server to others.
demo="${REVIEWDESK_DEMO:-1}"
demo_args=()
first_url="${urls%%;*}"

if [[ "${demo}" == "1" ]]; then demo_args=(--Demo:SeedUsers true); fi

# The embedded SQLite database lives in the repository's data/ folder unless REVIEWDESK_DATA says otherwise.
data="${REVIEWDESK_DATA:-$PWD/data}"
echo
echo "ReviewDesk is starting on ${urls} (data folder: ${data}) ..."

# The ready line and the logins come once the app answers, after its start-up logs, so they do not scroll away.
print_ready() {
  echo
  echo "ReviewDesk is ready: ${first_url}/"
  if [[ "${demo}" == "1" ]]; then
    echo "Demo mode: sign in at ${first_url}/login as"
    echo "  reviewer@demo.example  Demo-Reviewer-1   (Reviewer)"
    echo "  operator@demo.example  Demo-Operator-1   (Operator)"
    echo "  admin@demo.example     Demo-Admin-1      (Admin)"
    echo "(REVIEWDESK_DEMO=0 starts without demo accounts; set Auth__BootstrapAdmin__Email and Auth__BootstrapAdmin__Password for a real admin.)"
  fi
  echo "Press Ctrl+C to stop."
  echo
}

"${app_cmd[@]}" serve --urls "${urls}" --Database:DataDirectory "${data}" "${demo_args[@]}" &
app=$!
trap 'kill -TERM "${app}" 2>/dev/null; wait "${app}"; exit' INT TERM

# /healthz answers once the migrations ran and the host listens; give up waiting (not the app) after five minutes.
if command -v curl >/dev/null; then
  for _ in $(seq 1 600); do
    if ! kill -0 "${app}" 2>/dev/null; then wait "${app}"; exit $?; fi
    if curl -fsS -o /dev/null "${first_url}/healthz" 2>/dev/null; then print_ready; break; fi
    sleep 0.5
  done
else
  print_ready
fi

wait "${app}"
