"""Regex building blocks shared by the Dutch recognizers (no recognizer lives here).

All fragments are written for the third-party ``regex`` module that Presidio compiles
patterns with (``\\p{..}`` classes, variable-length lookbehind). ``\\p{M}`` (combining marks)
is allowed inside words so that NFD-normalised text ("O" + U+0308) matches like NFC text.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import regex
from presidio_analyzer import (
    AnalysisExplanation,
    EntityRecognizer,
    Pattern,
    PatternRecognizer,
    RecognizerResult,
)

from piigov.detection.wordlists import (
    STREET_SUFFIXES,
    SURNAME_LIKE_STREET_ENDINGS,
    load_wordlist,
    spelling_variants,
    trie_regex,
)

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

# Case-sensitive matching; ``^``/``$`` per line. Recognizers that want case-insensitivity
# use scoped ``(?i:...)`` groups or their own flags.
CASE_SENSITIVE_FLAGS = regex.MULTILINE
IGNORE_CASE_FLAGS = regex.MULTILINE | regex.IGNORECASE

NOT_AFTER_WORD = r"(?<![\p{L}\p{M}\p{N}])"
NOT_BEFORE_WORD = r"(?![\p{L}\p{M}\p{N}])"
BLANK = r"[ \t\u00a0]"
BLANKS = r"[ \t\u00a0]+"
# Between the words of one name: no tab, and at most two blanks (a justified line). Extracted
# spreadsheets and Word tables separate cells with a tab, text tables with a wider gap, so
# "Bashir<TAB>Hengelo" and "Fotografie           Zeferino" are no one name.
NAME_BLANK = r"[ \u00a0]"
NAME_BLANKS = r"[ \u00a0]{1,2}+"

# A capitalised name word: Bouzid, McDonald, Öztürk, BOUZID, O'Brien, N'Diaye.
NAME_WORD = (
    r"(?:\p{Lu}['’]\p{Lu}\p{M}*[\p{Ll}\p{M}]+"
    r"|\p{Lu}\p{M}*[\p{Ll}\p{M}]+(?:\p{Lu}\p{M}*[\p{Ll}\p{M}]+)*"
    r"|\p{Lu}\p{M}*(?:\p{Lu}\p{M}*)+)"
)

# A street name is no surname token. An ending that also ends surnames ("Hoogendijk", "Velthof",
# "Verbaan") makes a street only with a house number after it ("Zeedijk 12").
STREET_WORD = (
    r"\p{L}[\p{L}\p{M}'’\-]*(?:"
    + trie_regex(set(STREET_SUFFIXES) - SURNAME_LIKE_STREET_ENDINGS)
    + NOT_BEFORE_WORD
    + "|"
    + trie_regex(SURNAME_LIKE_STREET_ENDINGS)
    + NOT_BEFORE_WORD
    + r"(?=[ \u00a0]+\d))"
)


def _capitalised(entry: str) -> str:
    return entry[:1].upper() + entry[1:]


def name_particles() -> str:
    """Regex for one surname particle followed by blanks ("van der ", "El "), glued ("d'") or
    joined by a hyphen as Arabic names write the article ("al-Qaradawi", "el-Masri", "as-Sayed")."""
    entries: set[str] = set()
    for particle in load_wordlist("name_particles.txt"):
        entries.update(spelling_variants(particle))
        entries.update(spelling_variants(_capitalised(particle)))
    return rf"(?:{trie_regex(entries)}{NAME_BLANKS}|[dDlL]['’](?=\p{{Lu}})|(?:[aAeE][lnrstdz]|[aA]sh)-(?=\p{{Lu}}))"


def person_exceptions() -> tuple[str, str]:
    """(single-word exceptions, all exceptions incl. phrases) as regexes, each whole-word."""
    words: set[str] = set()
    phrases: set[str] = set()
    for entry in load_wordlist("person_exceptions.txt"):
        target = phrases if " " in entry else words
        for variant in spelling_variants(entry):
            target.add(variant)
            target.add(variant.upper())
    single = trie_regex(words) + NOT_BEFORE_WORD
    every = trie_regex(words | phrases) + NOT_BEFORE_WORD
    return single, every


PARTICLE = name_particles()
EXCEPTION_WORD, EXCEPTION_START = person_exceptions()
# Particles that are also Dutch prepositions ("in de", "op het", "uit", "bij de"): after a
# complete name they start a phrase, not a second surname ("Kees Broere in de Volkskrant").
_PREPOSITION_PARTICLE = (
    r"(?:(?i:in|op|uit|aan|bij)" + NAME_BLANKS + r"(?:de|den|het|'t|’t)" + NAME_BLANKS + ")"
)
# A later surname token (after the first one) may not be a particle followed by an acronym
# ("Leo Pardon van de NMBS": an organisation) nor start with a prepositional particle.
_LATE_PARTICLES = rf"(?!{_PREPOSITION_PARTICLE})(?:{PARTICLE}){{0,2}}"
_NO_ACRONYM = r"(?!\p{Lu}\p{M}*\p{Lu}\p{M}*(?:\p{Lu}\p{M}*)*(?![\p{Ll}\p{M}]))"

# A surname token: a name word that is not an exception word and not a street name, with
# optional hyphenated parts ("Bouzid-El Amrani", "Smit-van Dijk").
# Roman numerals after a name are a sequel or a monarch's number, not a surname ("Camp David II").
_ROMAN_NUMERAL = r"(?:I{1,3}|IV|VI{0,3}|IX|X{1,3})(?![\p{L}\p{M}\p{N}])"
_SURNAME_WORD = (
    # "-A-" links Chinese-Surinamese surnames written as one word: "Tjauw-A-Pung", "Sie-A-Foe"
    rf"{NAME_WORD}(?:-(?:[Aa]-)?(?:{PARTICLE})?{NAME_WORD})*{NOT_BEFORE_WORD}"
)
SURNAME = rf"(?!{EXCEPTION_WORD})(?!{STREET_WORD})(?!{_ROMAN_NUMERAL}){_SURNAME_WORD}"
# In a cell under a name header a street ending is a street only before a house number: "Reitse
# Hoorweg" in a "Naam" column is a person, "Hoorweg 12" is still no surname.
CELL_SURNAME = (
    rf"(?!{EXCEPTION_WORD})(?!\p{{L}}[\p{{L}}\p{{M}}'’\-]*{trie_regex(STREET_SUFFIXES)}{NOT_BEFORE_WORD}(?=[ \u00a0]+\d))"
    rf"(?!{_ROMAN_NUMERAL}){_SURNAME_WORD}"
)
# One to four surname tokens, each optionally preceded by particles: "van der Berg",
# "El Amrani", "Hirsi Ali", "Zahra El Amrani"; Chinese-Surinamese surnames link two tokens
# with a capital A ("Tjin A Tsoi", "Tjon A Joe"), which is no particle elsewhere.


def name_sequence(
    late_particles: str = _LATE_PARTICLES, first_particles: str = PARTICLE, surname: str = SURNAME
) -> str:
    """Regex for one to four ``surname`` tokens: ``first_particles`` may precede the first one,
    ``late_particles`` the second and later ones."""
    return (
        rf"(?:{first_particles}){{0,2}}{surname}"
        rf"(?:{NAME_BLANKS}(?:A{NAME_BLANKS}(?=\p{{Lu}}))?(?:{late_particles}{_NO_ACRONYM}|(?!{PARTICLE}))"
        rf"{surname}){{0,3}}"
    )


NAME_SEQUENCE = name_sequence()
# After a first name and a surname, "van", "von", "te(r/n)" start "of <organisation>" far more
# often than a second surname ("Piet Swimberghe van Knack"); a middle name is no surname token.
# After a first name, "in de", "op het", "bij de" + a capital is a place or an organisation
# ("Cabdi in de Verenigde Staten", "Ahmed Warsame in de Volkskrant"); "Jan in 't Veld" stays a name.
_NOT_OF_PARTICLES = rf"(?!(?i:van|von|te|ter|ten){NOT_BEFORE_WORD}){_LATE_PARTICLES}"
NAME_SEQUENCE_AFTER_FIRST_NAME = name_sequence(
    _NOT_OF_PARTICLES, rf"(?!(?i:in|op|uit|aan|bij){NAME_BLANKS}(?i:de|den|het){NOT_BEFORE_WORD}){PARTICLE}"
)
# After a title: "burgemeester Foubert van Sint-Niklaas" is Foubert; "mevrouw In de Betou" a name.
NAME_SEQUENCE_AFTER_TITLE = name_sequence(_NOT_OF_PARTICLES)
# Initials: "C.E.G.", "C. E. G.", "Th.", "IJ."
INITIALS = r"(?:(?:Th|Ch|Chr|Ph|Joh|Jac|Wm|IJ|\p{Lu})\.[ \u00a0]?){1,6}"


def trailing_particles() -> str:
    """Regex for the particles that follow the first name in register order ("Linden, Pieter van der")."""
    words: set[str] = set()
    for particle in load_wordlist("name_particles.txt"):
        if " " not in particle:  # "uit", "op" only count inside "uit de", "op den"
            words.add(particle)
    return rf"(?:{NAME_BLANKS}{trie_regex(words)}{NOT_BEFORE_WORD}){{0,3}}"


TRAILING_PARTICLES = trailing_particles()


class NlPatternRecognizer(PatternRecognizer):
    """Base of piigov's Dutch pattern recognizers: a subclass sets ENTITY, PATTERNS, CONTEXT, REGEX_FLAGS.

    It may also set CANDIDATES: per pattern name, a compiled regex that finds every position
    where that pattern can start a match; the Detector then tries the pattern only there
    (see :mod:`piigov.detection.prefilter`).

    :param patterns: patterns to use instead of the class's
    :param context: context words to use instead of the class's
    :param supported_language: language this recognizer supports
    :param supported_entity: the entity this recognizer reports (default: the class's ENTITY)
    :param name: recognizer name (defaults to the class name)
    """

    ENTITY: str = ""
    PATTERNS: Sequence[Pattern] = ()
    CONTEXT: Sequence[str] = ()
    REGEX_FLAGS: int = CASE_SENSITIVE_FLAGS
    CANDIDATES: Mapping[str, Any] = MappingProxyType({})

    def __init__(
        self,
        patterns: list[Pattern] | None = None,
        context: list[str] | None = None,
        supported_language: str = "nl",
        supported_entity: str | None = None,
        name: str | None = None,
    ) -> None:
        super().__init__(
            supported_entity=supported_entity or self.ENTITY,
            name=name,
            supported_language=supported_language,
            patterns=list(patterns) if patterns else list(self.PATTERNS),
            context=list(context) if context else list(self.CONTEXT),
            global_regex_flags=self.REGEX_FLAGS,
        )


def cell_result(
    recognizer: EntityRecognizer, entity: str, start: int, end: int, score: float, why: str
) -> RecognizerResult:
    """A RecognizerResult of a recognizer that reads a structure (table cells, GEDCOM lines)
    rather than running patterns, with its explanation and Presidio's recognizer metadata."""
    return RecognizerResult(
        entity_type=entity,
        start=start,
        end=end,
        score=score,
        analysis_explanation=AnalysisExplanation(
            recognizer=recognizer.name, original_score=score, textual_explanation=why
        ),
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: recognizer.name,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id,
        },
    )
