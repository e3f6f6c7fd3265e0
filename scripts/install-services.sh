#!/usr/bin/env bash
# Installs the Debian packages `make prod` and `make prod-check` run: PostgreSQL,
# Redis, nginx and supervisor. Does nothing for what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
.ci/install-postgres.sh
.ci/apt-install.sh /usr/bin/redis-server redis-server
.ci/apt-install.sh /usr/sbin/nginx nginx-light
.ci/apt-install.sh /usr/bin/supervisord supervisor
