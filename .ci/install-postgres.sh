#!/usr/bin/env bash
# Installs the PostgreSQL server binaries that tests/bookings start a throwaway
# cluster from. Does nothing when they are already there. Needs root (or sudo).
set -euo pipefail

if compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
    echo "PostgreSQL server binaries already installed."
    exit 0
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
    as_root=(sudo)
fi

export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -q
"${as_root[@]}" apt-get install -y -q --no-install-recommends postgresql

# The package may start its own cluster on port 5432; the tests do not use it.
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null
