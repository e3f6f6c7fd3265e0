# syntax=docker/dockerfile:1
# The clinic assistant's image: one image, three commands (Rasa, the action
# server, the staff notification sender), as scripts/run.sh starts them.
# How to build, run and deploy it: docs/deploy.md.
#
#   docker build -t clinic-assistant:1.0.0 .                    # model baked in (models/current.tar.gz, `make train` first)
#   docker build --target runtime -t clinic-assistant:1.0.0 .   # no model: mount one read-only at /app/models
#
# Nothing secret is built in: tokens and database URLs come from the
# environment at run time (bot/settings.py; Kubernetes Secrets in deploy/kubernetes).

# --- build: the pinned requirements in a virtualenv --------------------------
FROM python:3.10-slim AS build
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
COPY requirements.txt /tmp/requirements.txt
# pip's version as in the Makefile; every requirement has a manylinux wheel for 3.10
RUN /opt/venv/bin/python -m pip install --upgrade pip==26.3 \
 && /opt/venv/bin/python -m pip install -r /tmp/requirements.txt

# --- runtime: the code, no model ---------------------------------------------
FROM python:3.10-slim AS runtime
# A fixed, high UID/GID (deploy/kubernetes runs as 10001 too): files the
# container writes on a mounted volume keep one owner across rebuilds.
RUN groupadd --system --gid 10001 clinic \
 && useradd --system --uid 10001 --gid 10001 --no-create-home \
        --home-dir /nonexistent --shell /usr/sbin/nologin clinic \
 && mkdir -p /app/models /app/var \
 && chown 10001:10001 /app/var \
 && chmod 0700 /app/var
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
# The code belongs to root and is only readable by the app: it cannot change itself.
# What the three commands read at run time; the model comes in the last stage.
COPY bot /app/bot
COPY config.yml credentials.yml domain.yml endpoints.yml pyproject.toml /app/
RUN python -m compileall -q /app/bot
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    RASA_TELEMETRY_ENABLED=false \
    HOME=/tmp \
    MPLCONFIGDIR=/tmp/matplotlib \
    CLINIC_VAR_DIR=/app/var \
    CLINIC_ENDPOINTS=/app/endpoints.yml \
    RASA_PORT=5005 \
    HEALTH_PORT=5005 \
    HEALTH_PATH=/
USER 10001:10001
EXPOSE 5005 5055
# Rasa answers / once the model is loaded (30-90 s on 2 busy cores); the action
# server (HEALTH_PORT=5055, HEALTH_PATH=/health) once it has warmed up.
HEALTHCHECK --interval=30s --timeout=10s --start-period=300s --retries=3 \
  CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s%s' % (os.environ['HEALTH_PORT'], os.environ['HEALTH_PATH']), timeout=8)"]
# Rasa as scripts/run.sh starts it: the channels' credentials first (credentials.yml
# plus Telegram / WhatsApp when their variables are set), then `rasa run` with model
# swaps, the token-protected HTTP API and the endpoints (CLINIC_ENDPOINTS: by
# default the repository's, whose action server is 127.0.0.1:$ACTIONS_PORT, so
# mount the deployment's as deploy/kubernetes does). RASA_API_TOKEN and
# ACTION_SERVER_TOKEN must be set; WEB_ORIGINS are the pages that may open the chat.
# The action server: `python -m bot.server.actions --host 0.0.0.0 --port 5055`;
# the staff notification sender: `python -m bot.bookings send-outbox --loop`.
CMD ["/bin/sh", "-c", "set -eu; mkdir -p /tmp/clinic && python -m bot.channels.credentials --out /tmp/clinic/credentials.yml && exec python -m bot.server.serve run --model /app/models/current.tar.gz --interface 0.0.0.0 --port \"$RASA_PORT\" --enable-api --auth-token \"$RASA_API_TOKEN\" --credentials /tmp/clinic/credentials.yml --endpoints \"$CLINIC_ENDPOINTS\" --cors $(printf '%s' \"${WEB_ORIGINS:-}\" | tr ',' ' ')"]

# --- with-model (the default target): models/current.tar.gz baked in ---------
FROM runtime AS with-model
COPY models/current.tar.gz /app/models/current.tar.gz
