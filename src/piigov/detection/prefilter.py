"""Pattern recognizers that try their regexes only where a match can start.

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
after it are fine), so that ``finditer`` over it never skips a candidate.
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


def _candidate_matches(compiled: Any, candidates: Any, text: str) -> Iterator[Any]:
    """What ``compiled.finditer(text)`` yields, trying ``compiled`` only at candidate starts."""
    position = 0
    for candidate in candidates.finditer(text):
        start = candidate.start()
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
    for pattern in self.patterns:
        if not pattern.compiled_regex or pattern.compiled_with_flags != flags:
            pattern.compiled_with_flags = flags
            pattern.compiled_regex = regex.compile(pattern.regex, flags=flags)
        candidates = table.get(pattern.name)
        if candidates is None:
            matches = pattern.compiled_regex.finditer(text, timeout=REGEX_TIMEOUT_SECONDS)
        else:
            matches = _candidate_matches(pattern.compiled_regex, candidates, text)
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
