#!/usr/bin/env bash
# Installs Debian's chromium, which the browser tests drive through Playwright
# (executable_path=/usr/bin/chromium: Playwright's own browser download is never
# used). Does nothing when it is already there.
exec "$(dirname "$0")/apt-install.sh" /usr/bin/chromium chromium fonts-dejavu-core
