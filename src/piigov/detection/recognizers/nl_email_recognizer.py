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
from typing import Any

import regex
from presidio_analyzer.predefined_recognizers import EmailRecognizer

from piigov.detection.wordlists import COMPASS_WORDS, is_ordinary_word, load_wordlist

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


def _word(part: str) -> bool:
    return is_ordinary_word(part) or part in COMPASS_WORDS  # "zuid": also a name, so not in the list


_MIN_HEAD = 3  # "zaal" + "reservering": a compound's first part may be a word the list leaves out
_MIN_LONG_TAIL = 8


def _two_words(part: str) -> bool:
    """Two ordinary Dutch words written as one: "allemedewerkers", "facilitairbedrijf", "regiozuid";
    or any head before a long ordinary word: "zaalreservering" ("zaal" is also a surname)."""
    return any(
        _word(part[:i]) and _word(part[i:]) for i in range(_MIN_PART, len(part) - _MIN_PART + 1)
    ) or any(is_ordinary_word(part[i:]) for i in range(_MIN_HEAD, len(part) - _MIN_LONG_TAIL + 1))


def is_role_mailbox(address: str) -> bool:
    """True if the local part of ``address`` names a function rather than a person."""
    local = _without_assignment(address.split("@", 1)[0]).lower()
    parts = [p for p in _PARTS.split(local) if p]
    role_words = [p for p in parts if p in _MAILBOX_WORDS or _word(p) or _two_words(p)]
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


# a configuration line's variable before the address: "TFREG_NOTIFY=archief-szw@minszw.nl"
_ASSIGNMENT = regex.compile(r"[A-Za-z][A-Za-z0-9_]*=")


def _without_assignment(local: str) -> str:
    match = _ASSIGNMENT.match(local)
    return local[match.end() :] if match and match.end() < len(local) else local


class NlEmailRecognizer(EmailRecognizer):
    """Recognize e-mail addresses of persons (entity EMAIL_ADDRESS)."""

    def invalidate_result(self, pattern_text: str) -> bool:
        return is_role_mailbox(pattern_text)

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: Any = None, regex_flags: Any = None
    ) -> Any:
        """Presidio's e-mail pattern, without a configuration variable glued to the address."""
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        for result in results:
            value = text[result.start : result.end]
            result.start += len(value) - len(_without_assignment(value))
        return results
