#!/usr/bin/env bash
# Installs the system packages Chronicle's tests need, from Debian's own archive.
# Idempotent: does nothing (and needs no network) when everything is already present.
#   PostgreSQL (15 on Debian 12): tests start a throwaway cluster with initdb/pg_ctl
#   (test/support/postgres.ts); they do not use a system-wide server.
#   openssl: a self-signed certificate for the fetch tests' local TLS server.
#   chromium: the browser journeys (test/e2e) drive Debian's headless Chromium with playwright-core.
set -euo pipefail

missing=()

have_postgres() {
  local bin
  for bin in /usr/lib/postgresql/*/bin/initdb; do
    [[ -x "$bin" ]] && return 0
  done
  return 1
}

have_postgres || missing+=(postgresql)
# The fetch tests make a self-signed certificate for a local TLS server.
command -v openssl >/dev/null || missing+=(openssl)
# The browser journeys drive Debian's Chromium; nothing downloads a browser.
[[ -x /usr/bin/chromium ]] || missing+=(chromium)

if ((${#missing[@]} == 0)); then
  echo "install-deps: nothing to install"
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  SUDO=sudo
else
  SUDO=
fi

echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"

have_postgres || { echo "install-deps: initdb still not found under /usr/lib/postgresql/*/bin" >&2; exit 1; }
[[ -x /usr/bin/chromium ]] || { echo "install-deps: /usr/bin/chromium still missing" >&2; exit 1; }
