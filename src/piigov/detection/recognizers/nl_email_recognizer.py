"""NlEmailRecognizer: Presidio's e-mail pattern, without the mailboxes of a team or a function.

An address whose local part is made of ordinary Dutch words and at most a short acronym
("privacy@minszw.nl", "secretariaat.dsi@minszw.nl", "taskforce-pgobf@minszw.nl",
"netwerk-gemeenten@vng.nl", "noreply-signalenregister@minszw.nl": system words and
administrative compounds count as ordinary) belongs to a function, not to a person, and is no personal data;
policy texts and procedures name them all the time. Only words that are no name count as
ordinary (``wordlists.dutch_words`` leaves out every word that is also a name), and a part of
one letter is an initial, so "j.bakker@", "roos@", "ali.visser@" and "f.bouzid@" stay
personal. When in doubt the address is reported.
"""

from __future__ import annotations

from functools import cache

import regex
from presidio_analyzer.predefined_recognizers import EmailRecognizer

from piigov.detection.wordlists import is_ordinary_word, load_wordlist

_PARTS = regex.compile(r"[.\-_+=]")
_MAX_ACRONYM = 5  # "dsi", "pgobf", "fg": a team or programme code
_MIN_ROLE_WORD = 4  # at least one real word: "info", "privacy", "secretariaat"
# offices known by their acronym: the data protection officer (FG, DPO), the CISO
_ROLE_ACRONYMS = frozenset({"fg", "dpo", "ciso", "cio", "avg", "woo"})
# the words of system and service mailboxes that are no Dutch words
_MAILBOX_WORDS = frozenset(
    {
        "noreply",
        "donotreply",
        "reply",
        "helpdesk",
        "servicedesk",
        "support",
        "postmaster",
        "webmaster",
        "mailer",
        "daemon",
        "admin",
        "notifications",
        "notification",
        "alerts",
        "office",
        "contact",
        "balie",
        "mailto",  # "MAILTO=tfreg-beheer@..." in a crontab
        "bezoekersbalie",
        "receptie",
        "loket",
        "allemedewerkers",  # "alle" is a function word, not in the word list
    }
)


@cache
def _first_names() -> frozenset[str]:
    return frozenset(n.lower() for n in load_wordlist("first_names.txt"))


_MIN_PART = 4  # "alle" + "medewerkers"; shorter parts would split names ("van" + ...)


def _two_words(part: str) -> bool:
    """Two ordinary Dutch words written as one: "allemedewerkers", "facilitairbedrijf"."""
    return any(
        is_ordinary_word(part[:i]) and is_ordinary_word(part[i:])
        for i in range(_MIN_PART, len(part) - _MIN_PART + 1)
    )


def is_role_mailbox(address: str) -> bool:
    """True if the local part of ``address`` names a function rather than a person."""
    local = address.split("@", 1)[0].lower()
    parts = [p for p in _PARTS.split(local) if p]
    role_words = [p for p in parts if p in _MAILBOX_WORDS or is_ordinary_word(p) or _two_words(p)]
    others = [p for p in parts if p not in role_words]
    first_names = _first_names()
    if any(p in _ROLE_ACRONYMS for p in parts) and all(
        p in _ROLE_ACRONYMS or (len(p) <= _MAX_ACRONYM and p.isalpha() and p not in first_names)
        for p in parts
    ):
        return True  # "fg@", "dpo@", "woo-szw@": the office, whoever holds it
    return (
        any(len(w) >= _MIN_ROLE_WORD for w in role_words)
        and len(others) <= 1
        and all(1 < len(p) <= _MAX_ACRONYM and p.isalpha() and p not in first_names for p in others)
    )


class NlEmailRecognizer(EmailRecognizer):
    """Recognize e-mail addresses of persons (entity EMAIL_ADDRESS)."""

    def invalidate_result(self, pattern_text: str) -> bool:
        return is_role_mailbox(pattern_text)
