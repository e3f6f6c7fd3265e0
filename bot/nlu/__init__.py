"""Custom Rasa NLU graph components and the plain rules they apply."""
