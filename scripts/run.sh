#!/usr/bin/env bash
# Starts the action server (:5055), the staff notification sender, Rasa (:5005,
# REST + socket.io, Telegram / WhatsApp when configured) and the chat page (:8080)
# in the foreground; Ctrl-C stops them all.
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

# Rasa's HTTP API (used to load a new model without a restart) is always
# protected by a token: RASA_API_TOKEN, or a fresh random one in var/api-token
# (readable by this user only) that `make retrain` / `make rollback` read.
if [ -z "${RASA_API_TOKEN:-}" ]; then
  mkdir -p var
  rm -f var/api-token
  ( umask 077 && head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > var/api-token )
  RASA_API_TOKEN="$(cat var/api-token)"
else
  rm -f var/api-token  # a token left from an earlier run would not match this one
fi

echo "==> action server on :${ACTIONS_PORT}"
.venv/bin/rasa run actions --actions bot.actions --port "${ACTIONS_PORT}" &
pids+=($!)

echo "==> staff notification sender (emails when SMTP_URL is set, else keeps the outbox)"
.venv/bin/python -m bot.bookings send-outbox --loop &
pids+=($!)

echo "==> Rasa on :${RASA_PORT}"
echo "    REST:      http://localhost:${RASA_PORT}/webhooks/rest/webhook"
echo "    socket.io: http://localhost:${RASA_PORT}/socket.io"
# credentials.yml plus Telegram / WhatsApp when their environment variables are
# set (README, "Channels"); fails on a half-configured channel.
.venv/bin/python -m bot.channels.credentials --out var/credentials.yml
# `rasa run`, with model swaps (make retrain / make rollback) that keep answering
.venv/bin/python -m bot.retrain.serve run --model models/current.tar.gz --port "${RASA_PORT}" \
  --enable-api --auth-token "${RASA_API_TOKEN}" \
  --credentials var/credentials.yml --endpoints endpoints.yml \
  --cors "http://localhost:${WEB_PORT}" &
pids+=($!)

echo "==> chat page on http://localhost:${WEB_PORT}/"
.venv/bin/python -m bot.channels.webpage --port "${WEB_PORT}" \
  --rasa-url "http://localhost:${RASA_PORT}" &
pids+=($!)
wait -n "${pids[@]}"
