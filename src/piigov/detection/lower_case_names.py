"""Names written in lower case after a form of address or a family word: "meneer bouchikhi", "mijn zoon okan".

Speech-to-text transcripts, chats and phone-bill contacts write names in lower case, and every
recognizer and the model look for capitals. After a word that announces a person -- a form of
address ("meneer", "mevr."), a family word ("zoon", "mijn man"), an office ("de imam") or the
"met" that opens a phone call ("goedemiddag met nazife kilincarslan") -- :func:`lower_case_names`
takes one to three lower-case words that are no Dutch word (neither in the OpenTaal list nor in
the model's lower-case training words, also after taking off a verb ending: "belt", "werken")
as a PERSON. Nothing here imports Presidio or spaCy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from piigov.detection.propagation import Coverage
from piigov.detection.types import Detection
from piigov.detection.wordlists import dutch_words

if TYPE_CHECKING:
    from collections.abc import Collection, Sequence

RECOGNIZER_NAME = "LowerCaseNameAfterCue"
_CUE = regex.compile(
    r"(?<![\p{L}\p{M}])(?:"
    r"(?i:meneer|mevrouw|mevr\.?|mw\.?|dhr\.?|de[ \u00a0]+heer|zoon|zoontje|dochter|dochtertje|broer|zus|"
    r"vader|moeder|oom|tante|neef|nicht|schoonmoeder|schoonvader|schoonzus|zwager|echtgenoot|echtgenote|"
    r"(?:mijn|haar|zijn|uw)[ \u00a0]+(?:man|vrouw)|de[ \u00a0]+imam|de[ \u00a0]+hodja|"
    r"(?:goedemorgen|goedemiddag|goedenavond|hallo|dag|spreekt)[ \u00a0]+met)"
    r")[ \u00a0]+"
)
_LOWER_WORD = regex.compile(r"\p{Ll}[\p{Ll}\p{M}'’\-]*(?![\p{L}\p{M}\p{N}@.])")
_BLANK = regex.compile(r"[ \u00a0]+")
_FILLERS = frozenset({"eh", "ehm", "uh", "uhm", "hm", "hmm", "ja", "nee", "oké", "ok", "okay", "nou", "dus"})
_VERB_ENDINGS = ("t", "d", "e", "s", "en", "de", "te")
_MIN_LETTERS = 3
_MAX_WORDS = 3


def _dutch(word: str, lower_case_words: Collection[str]) -> bool:
    known = dutch_words()
    return any(
        form in known or form in lower_case_words or form in _FILLERS
        for form in (
            word,
            *(word[: -len(e)] for e in _VERB_ENDINGS if word.endswith(e) and len(word) > len(e) + 1),
        )
    )


def lower_case_names(
    text: str,
    detections: Sequence[Detection],
    *,
    lower_case_words: Collection[str],
    particles: Collection[str],
    score: float = 0.5,
) -> list[Detection]:
    """PERSON detections for lower-case names right after a cue word (see the module docstring)."""
    coverage = Coverage(detections)
    found: list[Detection] = []
    for cue in _CUE.finditer(text):
        position, start, end = cue.end(), cue.end(), cue.end()
        words = 0
        while words < _MAX_WORDS:
            word = _LOWER_WORD.match(text, position)
            if word is None:
                break
            value = word.group()
            if value in particles and words:  # "van" inside a name only when a name word follows
                position = word.end()
                blank = _BLANK.match(text, position)
                if blank is None:
                    break
                position = blank.end()
                continue
            if len(value) < _MIN_LETTERS or _dutch(value, lower_case_words):
                break
            end, words = word.end(), words + 1
            blank = _BLANK.match(text, end)
            if blank is None:
                break
            position = blank.end()
        if words and not coverage.covers(start, end):
            found.append(Detection("PERSON", start, end, score, RECOGNIZER_NAME))
    return found
