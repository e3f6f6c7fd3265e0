#!/usr/bin/env bash
# Starts the action server (:5055) and Rasa (:5005, REST + socket.io) in the
# foreground; Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."

RASA_PORT="${RASA_PORT:-5005}"
ACTIONS_PORT="${ACTIONS_PORT:-5055}"
WEB_PORT="${WEB_PORT:-8080}"

pids=()
stop() {
  echo; echo "==> stopping"
  kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop EXIT INT TERM

echo "==> action server on :${ACTIONS_PORT}"
.venv/bin/rasa run actions --actions bot.actions --port "${ACTIONS_PORT}" &
pids+=($!)

echo "==> Rasa on :${RASA_PORT}"
echo "    REST:      http://localhost:${RASA_PORT}/webhooks/rest/webhook"
echo "    socket.io: http://localhost:${RASA_PORT}/socket.io"
.venv/bin/rasa run --model models --port "${RASA_PORT}" \
  --credentials credentials.yml --endpoints endpoints.yml \
  --cors "http://localhost:${WEB_PORT}" &
pids+=($!)
wait -n "${pids[@]}"
