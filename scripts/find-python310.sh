#!/usr/bin/env bash
# Prints the path of a working Python 3.10 (Rasa 3.6 needs Python < 3.11), or
# nothing. pyenv's shims exist even when 3.10 is not the selected version, so
# every candidate is actually run before it is trusted.
for candidate in \
    "$(command -v python3.10 2>/dev/null)" \
    $(ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.10.*/bin/python3.10 2>/dev/null | sort -V -r) \
    /usr/bin/python3.10 /usr/local/bin/python3.10; do
  if [ -n "$candidate" ] && [ -x "$candidate" ] &&
     "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null; then
    echo "$candidate"
    exit 0
  fi
done
exit 1
