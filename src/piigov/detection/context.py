"""Context enhancement that works without lemmas and scales to long documents.

Presidio's ``LemmaContextAwareEnhancer`` compares context words with spaCy *lemmas*; the
default blank Dutch pipeline has no lemmatizer, so every lemma is empty and no context word
would ever match. It also locates each result's token with a linear scan and looks words up
in a list, which is quadratic on long texts. This enhancer compares against the lower-cased
token text (and its alphabetic pieces, so "BSN:123456782" and "tel.nr" match "bsn" and "tel"),
finds tokens by bisection and never logs or stores the text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from presidio_analyzer import RecognizerResult
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer

if TYPE_CHECKING:
    from presidio_analyzer import EntityRecognizer
    from presidio_analyzer.nlp_engine import NlpArtifacts

_PIECES = re.compile(r"[^\W_]+")
_PREFIX_MIN = 5  # context words this long also match as a prefix: "telefoon" ~ "telefoonnummer"


class _ContextWords:
    __slots__ = ("exact", "prefixes")

    def __init__(self, words: list[str]) -> None:
        lowered = {w.lower().strip(" .:") for w in words if w.strip(" .:")}
        self.exact = frozenset(lowered)
        self.prefixes = tuple(sorted(w for w in lowered if len(w) >= _PREFIX_MIN))

    def matches(self, forms: tuple[str, ...]) -> str | None:
        for form in forms:
            if form in self.exact:
                return form
            if self.prefixes and len(form) > _PREFIX_MIN:
                for prefix in self.prefixes:
                    if form.startswith(prefix):
                        return prefix
        return None


class TokenContextEnhancer(ContextAwareEnhancer):
    """Raise a result's score when a recognizer context word is near it.

    :param context_similarity_factor: added to the score on a context hit
    :param min_score_with_context_similarity: lower bound of the score after a hit
    :param context_prefix_count: non-stopword tokens examined before the match
    :param context_suffix_count: non-stopword tokens examined after the match
    """

    def __init__(
        self,
        context_similarity_factor: float = 0.35,
        min_score_with_context_similarity: float = 0.4,
        context_prefix_count: int = 5,
        context_suffix_count: int = 2,
    ) -> None:
        super().__init__(
            context_similarity_factor=context_similarity_factor,
            min_score_with_context_similarity=min_score_with_context_similarity,
            context_prefix_count=context_prefix_count,
            context_suffix_count=context_suffix_count,
        )
        self._words_by_recognizer: dict[str, _ContextWords] = {}

    def _context_words(self, recognizer: EntityRecognizer) -> _ContextWords:
        words = self._words_by_recognizer.get(recognizer.id)
        if words is None:
            words = _ContextWords(list(recognizer.context or []))
            self._words_by_recognizer[recognizer.id] = words
        return words

    def enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        recognizers: list[EntityRecognizer],
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        if not raw_results:
            return raw_results
        recognizers_by_id = {r.id: r for r in recognizers}
        doc = nlp_artifacts.tokens if nlp_artifacts is not None else None
        starts: list[int] = list(nlp_artifacts.tokens_indices) if doc is not None else []
        extra = tuple(w.lower() for w in context or ())
        forms_cache: dict[int, tuple[str, ...] | None] = {}

        def forms(i: int) -> tuple[str, ...] | None:
            """Lower-cased token text and its alphabetic pieces; None for punctuation/space."""
            if i in forms_cache:
                return forms_cache[i]
            token = doc[i]
            if token.is_punct or token.is_space:
                result = None
            else:
                low = token.lower_.strip(".:;,()[]")
                pieces = _PIECES.findall(low)
                result = (low, *pieces) if pieces != [low] else (low,)
            forms_cache[i] = result
            return result

        for result in raw_results:
            metadata = result.recognition_metadata or {}
            recognizer = recognizers_by_id.get(metadata.get(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY))
            if recognizer is None or not recognizer.context:
                continue
            if metadata.get(RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY):
                continue
            words = self._context_words(recognizer)
            hit = words.matches(extra) if extra else None
            if hit is None and starts:
                hit = self._find_in_window(result, starts, doc, forms, words)
            if hit is None:
                continue
            result.score = min(
                max(result.score + self.context_similarity_factor, self.min_score_with_context_similarity),
                ContextAwareEnhancer.MAX_SCORE,
            )
            metadata[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] = True
            if result.analysis_explanation is not None:
                result.analysis_explanation.set_supportive_context_word(hit)
                result.analysis_explanation.set_improved_score(result.score)
        return raw_results

    def _find_in_window(self, result, starts, doc, forms, words: _ContextWords) -> str | None:
        first = max(bisect_right(starts, result.start) - 1, 0)  # token containing the match start
        after = bisect_left(starts, result.end)  # first token starting at or after the match end
        # tokens covering the match itself: "BSN:123456782" is a single token
        for i in range(first, after):
            f = forms(i)
            if f is not None and len(f) > 1:
                hit = words.matches(f[1:])
                if hit is not None:
                    return hit
        for indices, budget in (
            (range(first - 1, -1, -1), self.context_prefix_count),
            (range(after, len(starts)), self.context_suffix_count),
        ):
            counted = 0
            for i in indices:
                if counted >= budget:
                    break
                f = forms(i)
                if f is None:
                    continue
                hit = words.matches(f)
                if hit is not None:
                    return hit
                if not doc[i].is_stop:
                    counted += 1
        return None
