#!/usr/bin/env bash
# Installs the PostgreSQL server binaries that tests/bookings start a throwaway
# cluster from. Does nothing when they are already there. The package may start
# its own cluster on port 5432; the tests do not use it.
exec "$(dirname "$0")/apt-install.sh" "/usr/lib/postgresql/*/bin/initdb" postgresql
