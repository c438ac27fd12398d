"""The only reader of questionnaires/ and rules/: YAML → schema → cross-checks → model."""
from .questionnaire import load_questionnaire
from .validate import validate_paths

__all__ = ["load_questionnaire", "validate_paths"]
