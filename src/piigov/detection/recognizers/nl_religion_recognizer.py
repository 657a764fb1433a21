"""NlReligionRecognizer: words that reveal a religion or belief (GDPR art. 9), entity NRP.

Terms come from ``data/religion_terms.txt`` (see its header for what is in and out, e.g. why
"kerk" and "hoofddoek" are not listed). Matching is whole-word and case-insensitive, with the
inflections -e, -en, -s, -'s, -n generated for every term ("moslims", "islamitische",
"katholieken", "moslima's"). Terms marked "~" in the list are weak (institutional adjectives)
and use the lower-scored pattern.
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from piigov.detection.recognizers._shared import (
    IGNORE_CASE_FLAGS,
    NOT_AFTER_WORD,
    NOT_BEFORE_WORD,
    NlPatternRecognizer,
)
from piigov.detection.wordlists import load_wordlist, spelling_variants, trie_regex

_INFLECTION = r"(?:e|en|s|n|es|['’]s)?"


def _terms(weak: bool) -> str:
    terms: set[str] = set()
    for entry in load_wordlist("religion_terms.txt"):
        if entry.startswith("~") == weak:
            terms.update(spelling_variants(entry.lstrip("~").lower()))
    return trie_regex(terms)


RELIGION_PATTERNS = (
    Pattern("religion term", rf"{NOT_AFTER_WORD}{_terms(weak=False)}{_INFLECTION}{NOT_BEFORE_WORD}", 0.6),
    Pattern(
        "religion term (weak)", rf"{NOT_AFTER_WORD}{_terms(weak=True)}{_INFLECTION}{NOT_BEFORE_WORD}", 0.4
    ),
)
# Where a term can start (piigov.detection.prefilter): the same trie in the standard library's
# engine, which finds its first letters much faster than a pattern that opens with a lookbehind.
RELIGION_CANDIDATES = {
    "religion term": re.compile(rf"(?<![^\W_])(?:{_terms(weak=False)})", re.IGNORECASE),
    "religion term (weak)": re.compile(rf"(?<![^\W_])(?:{_terms(weak=True)})", re.IGNORECASE),
}
RELIGION_CONTEXT = ["geloof", "gelovig", "religie", "religieus", "godsdienst", "bekeerd"]


class NlReligionRecognizer(NlPatternRecognizer):
    """Recognize religion and belief terms (entity NRP) from a word list."""

    PATTERNS = RELIGION_PATTERNS
    CANDIDATES = RELIGION_CANDIDATES
    CONTEXT = RELIGION_CONTEXT
    ENTITY = "NRP"
    REGEX_FLAGS = IGNORE_CASE_FLAGS
