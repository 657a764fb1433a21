"""A leaner spaCy NLP engine for Presidio.

Presidio's ``SpacyNlpEngine`` builds, for every text, a Python list of all lemmas and a
keyword list with a stop-word lookup per token. With a pipeline that has no lemmatizer (the
default blank Dutch one) every lemma is empty, so that work is wasted -- and it is about a
third of the detection time on long texts. This engine skips it when there is no lemmatizer
and takes the token offsets from the Doc array in one call. Context enhancement in
``piigov.detection.context`` reads token text directly and needs neither list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine
from spacy.attrs import IDX

if TYPE_CHECKING:
    from spacy.tokens import Doc


class LeanSpacyNlpEngine(SpacyNlpEngine):
    """``SpacyNlpEngine`` without lemma and keyword lists for pipelines that cannot lemmatise."""

    engine_name = "spacy"  # replaces the stock engine under the configuration name "spacy"

    def _doc_to_nlp_artifact(self, doc: Doc, language: str) -> NlpArtifacts:
        if "lemmatizer" in self.nlp[language].pipe_names:
            return super()._doc_to_nlp_artifact(doc, language)
        entities, scores = self._get_updated_entities(
            self._get_entities(doc), self._get_scores_for_entities(doc)
        )
        artifacts = NlpArtifacts(
            entities=entities,
            tokens=doc,
            tokens_indices=doc.to_array(IDX).tolist() if len(doc) else [],
            lemmas=[],
            nlp_engine=None,  # no engine: NlpArtifacts skips building the (empty) keyword list
            language=language,
            scores=scores,
        )
        artifacts.nlp_engine = self
        return artifacts
