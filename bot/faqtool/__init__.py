"""Staff FAQ tooling: load bot/faq/*.yml, check it,
and build Rasa training data from it."""
