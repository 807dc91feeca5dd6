#!/usr/bin/env bash
# Runs ReviewDesk (Release build, Production environment unless ASPNETCORE_ENVIRONMENT says otherwise).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

urls="${REVIEWDESK_URLS:-http://127.0.0.1:5080}"

dotnet build ReviewDesk.Web -c Release --nologo -v quiet

echo
echo "ReviewDesk is starting on ${urls}"
echo "Press Ctrl+C to stop."
echo

# The embedded SQLite database lives in the repository's data/ folder unless REVIEWDESK_DATA says otherwise.
data="${REVIEWDESK_DATA:-$PWD/data}"
echo "Data folder: ${data}"

exec dotnet run --project ReviewDesk.Web -c Release --no-build --no-launch-profile -- --urls "${urls}" --Database:DataDirectory "${data}"
