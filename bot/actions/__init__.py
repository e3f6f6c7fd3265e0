"""Custom actions run by the Rasa SDK action server (`rasa run actions --actions
bot.actions`).

One module per concern; each action class is a thin shell around plain functions
that can be tested without Rasa.
"""
