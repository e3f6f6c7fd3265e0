#!/usr/bin/env bash
# Installs Debian's chromium, which the browser tests drive through Playwright
# (executable_path=/usr/bin/chromium: Playwright's own browser download is never
# used). Does nothing when it is already there. Needs root (or sudo).
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
    echo "chromium already installed."
    exit 0
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
    as_root=(sudo)
fi

export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -q
"${as_root[@]}" apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core

test -x /usr/bin/chromium
