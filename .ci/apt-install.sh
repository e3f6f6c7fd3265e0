#!/usr/bin/env bash
# Usage: .ci/apt-install.sh CHECK_GLOB PACKAGE...
# Installs Debian packages unless a file matching CHECK_GLOB already exists.
# Needs root (or sudo). Shared by the install scripts the tests rely on.
set -euo pipefail
check="$1"; shift

if compgen -G "$check" >/dev/null; then
    echo "$* already installed."
    exit 0
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
    as_root=(sudo)
fi

export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -q
"${as_root[@]}" apt-get install -y -q --no-install-recommends "$@"
compgen -G "$check" >/dev/null
