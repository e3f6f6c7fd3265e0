"""Channel connectors of the assistant (Telegram, WhatsApp via Twilio) and their
helpers.

The website chat needs no connector of ours: it talks to Rasa's own socket.io
channel (see web/ and `python -m bot.channels.webpage`).
"""
