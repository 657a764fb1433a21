"""NlPersonRecognizer: person names in Dutch government text, without a statistical model.

Five patterns (scores in conf/recognizers.yaml):

* ``title + name`` -- a form of address or office before the name: "mevrouw Bouzid",
  "dhr. Kaya", "de heer Van der Berg", "mw. El Amrani", "wethouder De Vries". The title is
  context, not part of the reported span.
* ``initials + surname`` -- "C.E.G. van Gennip", "M. El Amrani", "H. Öztürk".
* ``first name + surname`` -- a first name from ``data/first_names.txt`` followed by one to
  three capitalised surname tokens with optional particles from ``data/name_particles.txt``:
  "Fatima Bouzid", "Jan van der Berg", "Ayaan Hirsi Ali", "Ayşe Yılmaz".
* ``e-mail display name`` -- "Fatima Bouzid <f.bouzid@example.nl>", "Bouzid, Fatima <...>".
* ``labelled name`` -- "Naam: Bouzid", "Van: Fatima Bouzid" (mail headers printed as text).

What is never reported: a lone first name ("Mohammed"), a place ("Den Haag"), a month, and a
sequence starting with a word from ``data/person_exceptions.txt`` (organisation words such as
"Ministerie", "Stichting", "Gemeente", sentence starters, headings, months). Those words also
end a name, and street names ("...straat", "...laan") are never surname tokens.
Matching is case-sensitive: capitalisation is the main signal that a word is a name.
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from piigov.detection.recognizers._shared import (
    BLANK,
    BLANKS,
    EXCEPTION_START,
    INITIALS,
    NAME_SEQUENCE,
    NAME_WORD,
    NOT_AFTER_WORD,
    NOT_BEFORE_WORD,
    SURNAME,
    NlPatternRecognizer,
)
from piigov.detection.wordlists import load_wordlist, spelling_variants, trie_regex


def _first_names() -> str:
    names: set[str] = set()
    for name in load_wordlist("first_names.txt"):
        names.update(spelling_variants(name))
    return trie_regex(names)


_FIRST_NAME = _first_names()
_TITLE_EXCEPTION = trie_regex(set(load_wordlist("title_exceptions.txt")))

_TITLES = (
    r"(?i:mevrouw|mevr\.?|mw\.?|meneer|mijnheer|heer|dhr\.?|hr\.?|mr\.?|mrs\.?|ms\.?|"
    r"dr\.?|drs\.?|ir\.?|ing\.?|prof\.?|familie|fam\.?|wijlen|"
    r"burgemeester|wethouder|minister|staatssecretaris|gedeputeerde|commissaris|directeur|"
    r"advocaat|notaris|huisarts|rechter|officier\s+van\s+justitie)"
)
_LABELS = (
    r"(?i:naam|achternaam|geslachtsnaam|voornaam|voornamen|roepnaam|geboortenaam|"
    r"naam\s+cliënt|naam\s+client|cliënt|client|klant|aanvrager|betrokkene|verzoeker|klager|melder|"
    r"contactpersoon|behandelaar|ondertekenaar|echtgenoo?te?|partner|"
    r"van|aan|cc|bcc|from|to|afzender|geadresseerde)"
)
_NAME_OR_COMMA_FORM = rf"{NAME_SEQUENCE}(?:,{BLANK}*{NAME_SEQUENCE})?"

PERSON_PATTERNS = (
    Pattern(
        "title + name",
        rf"(?=\p{{Lu}})(?<={NOT_AFTER_WORD}{_TITLES}{BLANKS})(?!{_TITLE_EXCEPTION}\b)(?:{INITIALS}{BLANK}*)?{NAME_SEQUENCE}",
        0.85,
    ),
    Pattern(
        "e-mail display name",
        rf"(?=\p{{Lu}})(?=[^\n<>@]{{1,120}}<){NOT_AFTER_WORD}(?!{EXCEPTION_START})(?:{INITIALS}{BLANK}*)?"
        rf"(?:{NAME_SEQUENCE}{BLANKS}{SURNAME}|{NAME_SEQUENCE},{BLANK}*{NAME_SEQUENCE})"
        rf"(?=[\"']?{BLANK}*<[^<>\s@]+@[^<>\s]+>)",
        0.85,
    ),
    Pattern(
        "labelled name",
        rf"(?=\p{{Lu}})(?<=(?:^|(?<![\p{{L}}\p{{M}}\p{{N}}])){_LABELS}{BLANK}*:{BLANK}*[\"']?)"
        rf"(?!{EXCEPTION_START})(?:{INITIALS}{BLANK}*)?{_NAME_OR_COMMA_FORM}",
        0.75,
    ),
    Pattern(
        "first name + surname",
        rf"(?=\p{{Lu}})(?<![\p{{L}}\p{{M}}\p{{N}}'’.\-@])(?!{EXCEPTION_START})"
        rf"{_FIRST_NAME}(?:-{NAME_WORD})?{NOT_BEFORE_WORD}(?:{BLANKS}{NAME_SEQUENCE})",
        0.7,
    ),
    Pattern(
        "initials + surname",
        rf"(?=\p{{Lu}})(?<![\p{{L}}\p{{M}}\p{{N}}.'’\-])(?:{INITIALS}){BLANK}*{NAME_SEQUENCE}",
        0.6,
    ),
)

PERSON_CONTEXT = ["naam", "cliënt", "client", "betrokkene", "aanvrager", "echtgenoot", "echtgenote"]


class NlPersonRecognizer(NlPatternRecognizer):
    """Recognize person names (entity PERSON) with titles, initials, a first-name gazetteer and mail headers."""

    PATTERNS = PERSON_PATTERNS
    CONTEXT = PERSON_CONTEXT
    ENTITY = "PERSON"
