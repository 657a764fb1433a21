"""Policy and classification: unlawfully held, out of scope, no personal data, not examined."""

from piigov.classification.classify import Classification, Label, classify_item, classify_register
from piigov.classification.policy import Dossier, Policy, PolicyError, load_policy

__all__ = [
    "Classification",
    "Dossier",
    "Label",
    "Policy",
    "PolicyError",
    "classify_item",
    "classify_register",
    "load_policy",
]
