"""The Harley Street Spine Clinic assistant: everything that is not Rasa config."""
