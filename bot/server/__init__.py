"""Running the assistant: what `rasa run` and `rasa run actions` get on top of Rasa's
own.

- `rasa_app`: the limits of Rasa's web server (request body size, telemetry off).
- `action_failures`: what a patient hears when the action server is down or slow.
- `actions`: the action server, on 127.0.0.1 and only for callers with its token.
"""
