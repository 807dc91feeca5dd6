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

ensure_chromium

dotnet build ReviewDesk.sln -c Release --nologo
dotnet test ReviewDesk.sln -c Release --no-build --blame-hang-timeout 120s --logger "console;verbosity=normal"
