"""Person recall by name origin on newspaper text: ned.testa with its people renamed.

The regression set plants names in the project's own templates, which the recognizers were
written for. This measure keeps CoNLL's real newspaper sentences and only swaps the people:
for each origin, every PER span of ``ned.testa`` gets a name of that origin from the demo
lists (``piigov/demo/data/{first_names,surnames}_<origin>.txt``, which the NER model and the
entity typer never saw in training: their surnames are kept apart from the training lists).
Within an article one original name word always becomes the same new one, so "Shimon Peres
... Peres" becomes "Fatima Bouzid ... Bouzid" and repeats stay repeats. A one-word span gets a
surname, a longer one a first name and a surname. Every origin runs over the same sentences,
so a difference between origins comes from the names alone.

Reported per origin, pooled over three renamings (seeds 13-15): PER recall (strict: exact span;
overlap: any PERSON detection over it) and strict precision, and the spread (best minus worst
origin) of the recall.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from piigov.evaluation.conll import (
    REPORT_SPLIT,
    Sentence,
    build_documents,
    default_conll_dir,
    iob_spans,
    read_conll,
    score_documents,
)
from piigov.evaluation.scoring import MatchScores

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from piigov.detection import Detector
    from piigov.evaluation.conll import ConllDocument

SEEDS = (13, 14, 15)


def _renamed(article: Sequence[Sentence], origin: str, rng: random.Random) -> list[Sentence]:
    from piigov.demo.names import first_names, surnames

    given = [f.name for f in first_names(origin)]
    family = list(surnames(origin))
    mapping: dict[tuple[str, str], list[str]] = {}

    def new(kind: str, word: str) -> list[str]:
        key = (kind, word)
        if key not in mapping:
            mapping[key] = (rng.choice(given) if kind == "first" else rng.choice(family)).split()
        return mapping[key]

    renamed: list[Sentence] = []
    for sentence in article:
        tokens: list[str] = []
        tags: list[str] = []
        position = 0
        for label, start, end in iob_spans(sentence.tags):
            if label != "PER":
                continue
            tokens += sentence.tokens[position:start]
            tags += sentence.tags[position:start]
            words = sentence.tokens[start:end]
            if len(words) > 1:
                name = new("first", words[0]) + new("last", words[-1])
            else:
                # Dutch spelling: a surname without a first name starts with a capital ("De Vries")
                name = new("last", words[-1])
                name = [name[0][:1].upper() + name[0][1:], *name[1:]]
            tokens += name
            tags += ["B-PER"] + ["I-PER"] * (len(name) - 1)
            position = end
        tokens += sentence.tokens[position:]
        tags += sentence.tags[position:]
        # every name starts with B-PER; conll.iob_spans reads the IOB1 tags around it as before
        renamed.append(Sentence(tuple(tokens), tuple(tags)))
    return renamed


def renamed_documents(
    origin: str, split: str = REPORT_SPLIT, directory: Path | None = None, seed: int = SEEDS[0]
) -> list[ConllDocument]:
    """``split`` cut into documents as in :mod:`piigov.evaluation.conll`, people renamed to ``origin``."""
    path = (directory or default_conll_dir()) / split
    with path.open(encoding="utf-8") as fh:
        articles = read_conll(fh)
    rng = random.Random(f"{seed}:{origin}")
    return build_documents([_renamed(article, origin, rng) for article in articles])


@dataclass
class OriginResult:
    origin: str
    strict_recall: float | None  # pooled over the seeds
    overlap_recall: float | None
    strict_precision: float | None
    gold: int  # PER spans per seed
    recall_by_seed: dict[int, float | None]

    def as_dict(self) -> dict[str, Any]:
        return {
            "strict_recall": self.strict_recall,
            "overlap_recall": self.overlap_recall,
            "strict_precision": self.strict_precision,
            "gold": self.gold,
            "strict_recall_by_seed": {str(k): v for k, v in self.recall_by_seed.items()},
        }


def evaluate(
    detector: Detector,
    origins: Sequence[str] | None = None,
    directory: Path | None = None,
    seeds: Sequence[int] = SEEDS,
) -> dict[str, Any]:
    """Per origin: PER recall and precision over ``seeds`` renamings of ned.testa, pooled.

    One renaming is noisy (a name that ned.testa repeats a dozen times lands on one new surname:
    a single origin moved by up to five points between seeds), so several are pooled.
    """
    from piigov.demo.names import ORIGINS

    results: dict[str, OriginResult] = {}
    for origin in origins or ORIGINS:
        total = MatchScores()
        by_seed: dict[int, float | None] = {}
        for seed in seeds:
            docs = renamed_documents(origin, directory=directory, seed=seed)
            found = detector.detect_many([d.text for d in docs])
            scores = score_documents(
                docs, [[(x.entity_type, x.start, x.end) for x in f] for f in found], {"PER": "PERSON"}
            )["PER"]
            by_seed[seed] = scores.strict.recall
            total = total + scores
        results[origin] = OriginResult(
            origin,
            total.strict.recall,
            total.overlap.recall,
            total.strict.precision,
            total.strict.gold_total // max(len(seeds), 1),
            by_seed,
        )
    recalls = [r.strict_recall for r in results.values() if r.strict_recall is not None]
    overlap = [r.overlap_recall for r in results.values() if r.overlap_recall is not None]
    return {
        "split": REPORT_SPLIT,
        "seeds": list(seeds),
        "by_origin": {k: v.as_dict() for k, v in results.items()},
        "strict_recall_spread": (max(recalls) - min(recalls)) if recalls else None,
        "overlap_recall_spread": (max(overlap) - min(overlap)) if overlap else None,
    }
