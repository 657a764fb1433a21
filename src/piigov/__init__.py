"""piigov: find, hold and provably destroy personal data held without a legal basis."""

__version__ = "0.1.0"
