r"""Pattern recognizers that try their regexes only where a match can start.

Presidio's ``PatternRecognizer`` runs every pattern with ``finditer`` over the whole text.
For patterns that begin with a lookbehind (most of ours: "not after a letter or digit") the
``regex`` module cannot skip ahead and pays that check at every character. A recognizer
class may declare ``CANDIDATES``: per pattern name, a compiled regex (stdlib ``re`` or
``regex``) whose matches start at every position where that pattern can start a match --
a superset, e.g. "a digit not preceded by a digit" for a BSN. :func:`prefiltered` returns a
copy of the recognizer that tries the pattern only at those positions (``match`` at each
candidate, continuing after a match as ``finditer`` does), so it finds exactly the matches
``finditer`` finds, in the same order, and builds the results as Presidio does.

Each candidate regex must consume at most the first character of a match (lookarounds
after it are fine), so that ``finditer`` over it never skips a candidate. A candidate regex
with a capturing group names the candidate by where its first group starts (stdlib ``re``
has no ``\K``); what it consumes before that group must be text where no match can start.
A :class:`Requires` entry skips its pattern when the text lacks a string that every match
needs ("<" for an e-mail display name) and otherwise scans as its ``then`` says (candidates,
or the plain ``finditer``). Candidate positions are found once per text and candidate regex,
however many patterns share it.
The Detector uses these copies in its own path (:meth:`Detector.detect_many`); the Presidio
``AnalyzerEngine`` it exposes keeps the plain recognizers (``tests/unit/detection`` compare
the two).
"""

from __future__ import annotations

import copy
from types import MethodType
from typing import TYPE_CHECKING, Any

import regex
from presidio_analyzer import EntityRecognizer, PatternRecognizer, RecognizerResult
from presidio_analyzer.pattern_recognizer import REGEX_TIMEOUT_SECONDS

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping


class Requires:
    """A pre-filter entry: the pattern cannot match a text without all of ``strings`` in it.

    :param strings: substrings that every match needs somewhere in the text (not necessarily
        inside the match: a lookahead may need them)
    :param any_of: substrings of which every match needs at least one
    :param then: the candidate regex to use when they are there; None: Presidio's plain scan
    :param found: a compiled regex that every match needs found somewhere in the text (what
        follows a name: ", voorzitter"), searched only when the strings are there
    """

    __slots__ = ("any_of", "found", "strings", "then")

    def __init__(
        self, *strings: str, any_of: tuple[str, ...] = (), then: Any = None, found: Any = None
    ) -> None:
        self.strings = strings
        self.any_of = any_of
        self.then = then
        self.found = found

    def present(self, text: str) -> bool:
        return (
            all(s in text for s in self.strings)
            and (not self.any_of or any(s in text for s in self.any_of))
            and (self.found is None or self.found.search(text) is not None)
        )


def candidate_starts(candidates: Any, text: str) -> list[int]:
    """Positions that ``candidates`` names in ``text`` (its first group's start if it has groups)."""
    if candidates.groups:
        return [m.start(1) for m in candidates.finditer(text) if m.start(1) >= 0]
    return [m.start() for m in candidates.finditer(text)]


def _candidate_matches(
    compiled: Any, candidates: Any, text: str, starts: list[int] | None = None
) -> Iterator[Any]:
    """What ``compiled.finditer(text)`` yields, trying ``compiled`` only at candidate starts."""
    position = 0
    for start in candidate_starts(candidates, text) if starts is None else starts:
        if start < position:
            continue
        match = compiled.match(text, start, timeout=REGEX_TIMEOUT_SECONDS)
        if match is not None and match.end() > match.start():
            yield match
            position = match.end()


def _analyze_at_candidates(
    self: PatternRecognizer,
    text: str,
    entities: list[str],
    nlp_artifacts: Any = None,
    regex_flags: int | None = None,
) -> list[RecognizerResult]:
    """``PatternRecognizer.analyze`` (Presidio 2.2) with :func:`_candidate_matches`."""
    flags = regex_flags if regex_flags else self.global_regex_flags
    table: Mapping[str, Any] = self.CANDIDATES  # type: ignore[attr-defined]
    results: list[RecognizerResult] = []
    starts_by_regex: dict[int, list[int]] = {}  # candidate positions, shared by the patterns
    for pattern in self.patterns:
        if not pattern.compiled_regex or pattern.compiled_with_flags != flags:
            pattern.compiled_with_flags = flags
            pattern.compiled_regex = regex.compile(pattern.regex, flags=flags)
        candidates = table.get(pattern.name)
        if isinstance(candidates, Requires):
            if not candidates.present(text):
                continue
            candidates = candidates.then
        if candidates is None:
            matches = pattern.compiled_regex.finditer(text, timeout=REGEX_TIMEOUT_SECONDS)
        else:
            starts = starts_by_regex.get(id(candidates))
            if starts is None:
                starts = starts_by_regex[id(candidates)] = candidate_starts(candidates, text)
            matches = _candidate_matches(pattern.compiled_regex, candidates, text, starts)
        for match in matches:
            start, end = match.span()
            current_match = text[start:end]
            if current_match == "":
                continue
            validation_result = self.validate_result(current_match)
            description = self.build_regex_explanation(
                self.name, pattern.name, pattern.regex, pattern.score, validation_result, flags
            )
            result = RecognizerResult(
                entity_type=self.supported_entities[0],
                start=start,
                end=end,
                score=pattern.score,
                analysis_explanation=description,
                recognition_metadata={
                    RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                    RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                },
            )
            if validation_result is not None:
                result.score = EntityRecognizer.MAX_SCORE if validation_result else EntityRecognizer.MIN_SCORE
            if self.invalidate_result(current_match):
                result.score = EntityRecognizer.MIN_SCORE
            if result.score > EntityRecognizer.MIN_SCORE:
                results.append(result)
            description.score = result.score
    return EntityRecognizer.remove_duplicates(results)


def prefiltered(recognizer: EntityRecognizer) -> EntityRecognizer:
    """A copy of a pattern recognizer that declares ``CANDIDATES``; other recognizers as they are.

    The copy keeps the recognizer's name, id, patterns and context words, so results and
    context enhancement are the same as the original's.
    """
    if not isinstance(recognizer, PatternRecognizer) or not getattr(recognizer, "CANDIDATES", None):
        return recognizer
    clone = copy.copy(recognizer)
    clone.analyze = MethodType(_analyze_at_candidates, clone)  # type: ignore[method-assign]
    return clone
