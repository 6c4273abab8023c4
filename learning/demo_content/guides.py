"""Practice guides: step-by-step help with the skills partnership and participation work needs."""

GUIDES = []
