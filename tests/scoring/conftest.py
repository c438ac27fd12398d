from scoring_base import build, diagnosis  # noqa: F401 - fixtures for this folder
