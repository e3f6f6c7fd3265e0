#!/usr/bin/env bash
# Starts the action server (:5055), the staff notification sender, Rasa (:5005,
# REST + socket.io, Telegram / WhatsApp when configured) and the chat page (:8080)
# in the foreground; Ctrl-C stops them all. Every server listens on 127.0.0.1
# only: README, "Security", says what to put in front of Rasa to go public.
set -euo pipefail
cd "$(dirname "$0")/.."
umask 077  # var/ and everything written under it: this user only
export RASA_TELEMETRY_ENABLED=false

RASA_HOST="${RASA_HOST:-127.0.0.1}"
RASA_PORT="${RASA_PORT:-5005}"
export ACTIONS_PORT="${ACTIONS_PORT:-5055}"  # endpoints.yml reads it
# the chat page's port: also the default origin that may open the socket.io chat
# (WEB_ORIGINS, bot/settings.py)
export WEB_PORT="${WEB_PORT:-8080}"

pids=()
stop() {
  echo; echo "==> stopping"
  kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop EXIT INT TERM

# Rasa's HTTP API (used to load a new model without a restart) is always
# protected by a token: RASA_API_TOKEN, or a fresh random one in var/api-token
# (var/ is CLINIC_VAR_DIR when set)
# (readable by this user only) that `make retrain` / `make rollback` read.
VAR="${CLINIC_VAR_DIR:-var}"
mkdir -p "$VAR" && chmod 700 "$VAR"  # tokens and bookings: this user only
new_token() { head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
if [ -z "${RASA_API_TOKEN:-}" ]; then
  new_token > "$VAR/api-token"
  RASA_API_TOKEN="$(cat "$VAR/api-token")"
else
  rm -f "$VAR/api-token"  # a token left from an earlier run would not match this one
fi
# Rasa proves itself to the action server with this token (endpoints.yml).
export ACTION_SERVER_TOKEN="${ACTION_SERVER_TOKEN:-$(new_token)}"

echo "==> action server on 127.0.0.1:${ACTIONS_PORT} (token-protected, never public)"
.venv/bin/python -m bot.server.actions --host 127.0.0.1 --port "${ACTIONS_PORT}" &
pids+=($!)

echo "==> staff notification sender (emails when SMTP_URL is set, else keeps the outbox)"
.venv/bin/python -m bot.bookings send-outbox --loop &
pids+=($!)

echo "==> Rasa on ${RASA_HOST}:${RASA_PORT}"
echo "    REST:      http://localhost:${RASA_PORT}/webhooks/rest/webhook"
echo "    socket.io: http://localhost:${RASA_PORT}/socket.io"
# credentials.yml plus Telegram / WhatsApp when their environment variables are
# set (README, "Channels"); fails on a half-configured channel.
.venv/bin/python -m bot.channels.credentials --out "$VAR/credentials.yml"
# `rasa run`, with model swaps (make retrain / make rollback) that keep answering
.venv/bin/python -m bot.server.serve run --model models/current.tar.gz \
  --interface "${RASA_HOST}" --port "${RASA_PORT}" \
  --enable-api --auth-token "${RASA_API_TOKEN}" \
  --credentials "$VAR/credentials.yml" --endpoints endpoints.yml \
  --cors "http://localhost:${WEB_PORT}" &
pids+=($!)

echo "==> chat page on http://localhost:${WEB_PORT}/"
.venv/bin/python -m bot.channels.webpage --host 127.0.0.1 --port "${WEB_PORT}" \
  --rasa-url "http://localhost:${RASA_PORT}" &
pids+=($!)
wait -n "${pids[@]}"
