"""CoNLL-2002 Dutch NER data as detector input, and entity-level scores against it.

The files hold one token a line (``token POS IOB-tag``); a blank line ends a sentence and a
``-DOCSTART-`` line starts an article. An article is cut into documents of at most
``sentences_per_doc`` sentences; a document's text is its sentences, tokens joined by single
spaces, sentences joined by a newline. Token offsets into that text are kept, so gold entities
become character spans.

``ned.testa`` is the development split: nothing is trained on it, but thresholds and rules were
chosen by looking at its errors (decision 0008), so its figures are optimistic for unseen text.
The directory is ``$PIIGOV_CONLL_DIR``, else ``<repo>/../shared/data/conll2002``.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from piigov.evaluation.scoring import MatchScores, score_typed

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from piigov.detection import Detector

CONLL_DIR_ENV = "PIIGOV_CONLL_DIR"
DOCSTART = "-DOCSTART-"
REPORT_SPLIT = "ned.testa"
SENTENCES_PER_DOC = 20

#: CoNLL label -> detector entity type for the labels that are scored.
SCORED_LABELS: dict[str, str] = {"PER": "PERSON", "LOC": "LOCATION"}
#: Reported for information only (the detector has no organisation recognizer yet).
INFO_LABELS: dict[str, str] = {"ORG": "ORGANIZATION"}
ALL_LABELS: dict[str, str] = {**SCORED_LABELS, **INFO_LABELS}


class ConllFormatError(ValueError):
    """A line of the CoNLL file cannot be parsed."""


@dataclass(frozen=True)
class Sentence:
    tokens: tuple[str, ...]
    tags: tuple[str, ...]


@dataclass(frozen=True)
class GoldEntity:
    label: str  # PER, LOC, ORG, MISC
    start: int  # character offsets into ConllDocument.text
    end: int


@dataclass(frozen=True)
class ConllDocument:
    text: str
    entities: tuple[GoldEntity, ...]
    token_offsets: tuple[tuple[int, int], ...]  # (start, end) of every token in ``text``
    article: int  # index of the -DOCSTART- article it was cut from
    sentences: int


def default_conll_dir() -> Path:
    configured = os.environ.get(CONLL_DIR_ENV)
    if configured:
        return Path(configured).expanduser()
    repo = Path(__file__).resolve().parents[3]  # src/piigov/evaluation/conll.py -> repo root
    return repo.parent / "shared" / "data" / "conll2002"


def read_conll(lines: Iterable[str]) -> list[list[Sentence]]:
    """Articles (lists of sentences) from the lines of a CoNLL-2002 file."""
    articles: list[list[Sentence]] = []
    article: list[Sentence] = []
    tokens: list[str] = []
    tags: list[str] = []

    def end_sentence() -> None:
        if tokens:
            article.append(Sentence(tuple(tokens), tuple(tags)))
            tokens.clear()
            tags.clear()

    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r\n")
        if not line.strip():
            end_sentence()
            continue
        parts = line.split()
        if parts[0] == DOCSTART:
            end_sentence()
            if article:
                articles.append(article)
            article = []
            continue
        if len(parts) < 2:
            raise ConllFormatError(f"line {number}: expected 'token [POS] tag'")
        tag = parts[-1]
        if tag != "O" and not (len(tag) > 2 and tag[:2] in ("B-", "I-")):
            raise ConllFormatError(f"line {number}: not an IOB tag")
        tokens.append(parts[0])
        tags.append(tag)
    end_sentence()
    if article:
        articles.append(article)
    return articles


def iob_spans(tags: Sequence[str]) -> list[tuple[str, int, int]]:
    """``(label, first_token, last_token + 1)`` per entity; accepts IOB1 and IOB2."""
    spans: list[tuple[str, int, int]] = []
    label: str | None = None
    start = 0
    for i, tag in enumerate(tags):
        prefix, _, tag_label = tag.partition("-")
        continues = prefix == "I" and tag_label == label
        if label is not None and not continues:
            spans.append((label, start, i))
            label = None
        if prefix in ("B", "I") and not continues:
            label, start = tag_label, i
    if label is not None:
        spans.append((label, start, len(tags)))
    return spans


def build_document(sentences: Sequence[Sentence], article: int = 0) -> ConllDocument:
    """One document: the text, the token offsets and the gold entities as character spans."""
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    entities: list[GoldEntity] = []
    position = 0
    for s_index, sentence in enumerate(sentences):
        if s_index:
            parts.append("\n")
            position += 1
        first = len(offsets)
        for t_index, token in enumerate(sentence.tokens):
            if t_index:
                parts.append(" ")
                position += 1
            offsets.append((position, position + len(token)))
            parts.append(token)
            position += len(token)
        for label, t_start, t_end in iob_spans(sentence.tags):
            entities.append(GoldEntity(label, offsets[first + t_start][0], offsets[first + t_end - 1][1]))
    return ConllDocument("".join(parts), tuple(entities), tuple(offsets), article, len(sentences))


def build_documents(
    articles: Sequence[Sequence[Sentence]], sentences_per_doc: int = SENTENCES_PER_DOC
) -> list[ConllDocument]:
    """Cut every article into documents of at most ``sentences_per_doc`` sentences."""
    if sentences_per_doc < 1:
        raise ValueError("sentences_per_doc must be at least 1")
    return [
        build_document(article[i : i + sentences_per_doc], index)
        for index, article in enumerate(articles)
        for i in range(0, len(article), sentences_per_doc)
    ]


def load_documents(
    split: str = REPORT_SPLIT, directory: Path | None = None, sentences_per_doc: int = SENTENCES_PER_DOC
) -> list[ConllDocument]:
    path = (directory or default_conll_dir()) / split
    if not path.is_file():
        raise FileNotFoundError(f"CoNLL-2002 split not found: {path} (set ${CONLL_DIR_ENV})")
    with path.open(encoding="utf-8") as fh:
        return build_documents(read_conll(fh), sentences_per_doc)


@dataclass
class ConllResult:
    split: str
    documents: int
    sentences: int
    chars: int
    scores: dict[str, MatchScores]  # per CoNLL label (PER, LOC, ORG)
    detections_by_type: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "split": self.split,
            "documents": self.documents,
            "sentences": self.sentences,
            "chars": self.chars,
            "seconds": round(self.seconds, 3),
            "scored_labels": SCORED_LABELS,
            "info_labels": INFO_LABELS,
            "scores": {label: s.as_dict() for label, s in self.scores.items()},
            "detections_by_type": dict(sorted(self.detections_by_type.items())),
        }


def score_documents(
    documents: Sequence[ConllDocument],
    predictions: Sequence[Sequence[tuple[str, int, int]]],
    labels: dict[str, str] | None = None,
) -> dict[str, MatchScores]:
    """Sum the per-document scores; ``predictions[i]`` are ``(entity_type, start, end)`` of doc i."""
    if len(documents) != len(predictions):
        raise ValueError("one prediction list per document is needed")
    labels = ALL_LABELS if labels is None else labels
    totals = {label: MatchScores() for label in labels}
    for document, predicted in zip(documents, predictions, strict=True):
        gold = [(e.label, e.start, e.end) for e in document.entities]
        for label, scores in score_typed(gold, predicted, labels).items():
            totals[label] = totals[label] + scores
    return totals


def evaluate(
    detector: Detector,
    split: str = REPORT_SPLIT,
    directory: Path | None = None,
    documents: Sequence[ConllDocument] | None = None,
) -> ConllResult:
    """Run ``detector.detect_many`` over the split and score PER, LOC (and ORG for information)."""
    docs = list(documents) if documents is not None else load_documents(split, directory)
    started = time.perf_counter()
    found = detector.detect_many([d.text for d in docs])
    seconds = time.perf_counter() - started
    predictions = [[(d.entity_type, d.start, d.end) for d in doc] for doc in found]
    by_type: dict[str, int] = {}
    for doc in found:
        for det in doc:
            by_type[det.entity_type] = by_type.get(det.entity_type, 0) + 1
    return ConllResult(
        split=split,
        documents=len(docs),
        sentences=sum(d.sentences for d in docs),
        chars=sum(len(d.text) for d in docs),
        scores=score_documents(docs, predictions),
        detections_by_type=by_type,
        seconds=seconds,
    )
