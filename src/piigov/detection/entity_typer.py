"""A second opinion on the type of an entity the NER model found: person, place, organisation or other.

The NER model decides boundaries and type in one greedy pass over a narrow window, and on
newspaper text a third of its one-word persons are organisations, places or titles ("Knesset",
"Paribas", "Camp David"). The entity typer looks at a span the model already found and
scores its type from the whole span and a wider context: the words of the span, its first and
last word, prefixes and suffixes ("-bank", "-ië"), word shapes, two words on either side and
gazetteer flags (first names, countries, municipalities, organisation words). It is a
multinomial logistic regression over hashed features, trained by :func:`main` on every gold
entity span of CoNLL ``ned.train`` plus copies whose PER spans carry names of the origins in
the NER training (same augmentation, :mod:`piigov.detection.training`), so that an unknown
Moroccan, Turkish or Somali surname is no less a person to it than a Flemish one.

The NLP engine (:mod:`piigov.detection.nlp`) asks it about every PERSON, LOCATION and
ORGANIZATION of the model: a PERSON it finds unlikely becomes what it finds likely (or is
dropped as MISC), an organisation or place it finds very likely a person becomes a PERSON.
Thresholds are in ``conf/recognizers.yaml`` (``nlp.entity_typer``). The weights ship next to
the model (``models/nl_piigov_ner/entity_typer.npz``); without that file nothing changes.

Run ``python -m piigov.detection.entity_typer [--help]`` (part of ``make model``). Inference
needs numpy only; training also needs scipy.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
import zlib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from piigov.detection.wordlists import load_wordlist

if TYPE_CHECKING:
    from collections.abc import Sequence

logger = logging.getLogger(__name__)

TYPER_FILE = "entity_typer.npz"
LABELS = ("PER", "LOC", "ORG", "MISC")
FEATURE_VERSION = 1
HASH_BITS = 17
L2 = 1.0
MAX_ITERATIONS = 300
SEED = 0


@cache
def _gazetteers() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    first = frozenset(load_wordlist("first_names.txt"))
    countries = frozenset(load_wordlist("countries.txt"))
    municipalities = frozenset(w.lstrip("~") for w in load_wordlist("municipalities.txt"))
    exceptions = frozenset(load_wordlist("person_exceptions.txt"))
    return first, countries, municipalities, exceptions


def _shape(word: str) -> str:
    out: list[str] = []
    for ch in word:
        kind = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not out or out[-1] != kind:
            out.append(kind)
    return "".join(out)


def features(words: Sequence[str], start: int, end: int) -> list[str]:
    """Feature strings of the span ``words[start:end]`` in its sentence or document ``words``."""
    first_names, countries, municipalities, exceptions = _gazetteers()
    span = words[start:end]
    text = " ".join(span)
    last = span[-1].lower()
    head = span[0].lower()
    found = ["bias", f"n={min(len(span), 4)}", f"first={span[0]}", f"last={span[-1]}"]
    found += [f"w={w.lower()}" for w in span]
    found.append("shape=" + " ".join(_shape(w) for w in span))
    for k in (2, 3, 4):
        found += [f"suf{k}={last[-k:]}", f"pre{k}={head[:k]}"]
    before = [words[start - i].lower() if start - i >= 0 else "<s>" for i in (1, 2)]
    after = [words[end + i - 1].lower() if end + i - 1 < len(words) else "</s>" for i in (1, 2)]
    found += [f"p1={before[0]}", f"p2={before[1]}", f"n1={after[0]}", f"n2={after[1]}"]
    found.append(f"p1n1={before[0]}|{after[0]}")
    if span[0] in first_names:
        found.append("first_name")
    if len(span) > 1 and span[1] in first_names:
        found.append("second_first_name")
    if text in countries:
        found.append("country")
    if text in municipalities:
        found.append("municipality")
    if any(w in exceptions for w in span):
        found.append("exception_word")
    return found


def feature_ids(names: Sequence[str], bits: int = HASH_BITS) -> np.ndarray:
    mask = (1 << bits) - 1
    return np.fromiter(
        (zlib.crc32(n.encode("utf-8")) & mask for n in names), dtype=np.int64, count=len(names)
    )


class EntityTyper:
    """Typer weights: ``weights`` (2**bits, len(LABELS)), float32."""

    __slots__ = ("_cache", "bits", "weights")
    _CACHE_SIZE = 50_000  # a name repeated in many documents is scored once

    def __init__(self, weights: np.ndarray, bits: int) -> None:
        self.weights = weights
        self.bits = bits
        self._cache: dict[tuple[tuple[str, ...], int, int], dict[str, float]] = {}

    @classmethod
    def load(cls, path: Path) -> EntityTyper:
        with np.load(path) as data:
            version = int(data["feature_version"])
            labels = tuple(str(x) for x in data["labels"])
            if version != FEATURE_VERSION or labels != LABELS:
                raise ValueError(f"{path.name}: feature version {version} / labels {labels} not supported")
            return cls(data["weights"].astype(np.float32), int(data["bits"]))

    def probabilities(self, words: Sequence[str], start: int, end: int) -> dict[str, float]:
        """P(label) for the span ``words[start:end]``, labels PER, LOC, ORG, MISC."""
        # only two words either side count: the key is the span with that context
        lo, hi = max(start - 2, 0), min(end + 2, len(words))
        key = (tuple(words[lo:hi]), start - lo, end - lo)
        found = self._cache.get(key)
        if found is None:
            scores = self.weights[feature_ids(features(words, start, end), self.bits)].sum(axis=0)
            scores = np.exp(scores - scores.max())
            scores /= scores.sum()
            found = {label: float(p) for label, p in zip(LABELS, scores, strict=True)}
            if len(self._cache) >= self._CACHE_SIZE:
                self._cache.clear()
            self._cache[key] = found
        return dict(found)


@cache
def load_typer(model_path: str) -> EntityTyper | None:
    """The typer shipped with the model in ``model_path``, or None if it has none."""
    path = Path(model_path) / TYPER_FILE if model_path else None
    if path is None or not path.is_file():
        return None
    return EntityTyper.load(path)


# --- training ----------------------------------------------------------------------------------


def _spans(documents: Sequence[Sequence[Any]]) -> list[tuple[list[str], int, int, str]]:
    """(sentence words, start, end, CoNLL label) of every gold entity span."""
    from piigov.detection.training import LABELS as CONLL_LABELS
    from piigov.detection.training import iob_spans

    back = {v: k for k, v in CONLL_LABELS.items()}
    return [
        (list(sentence.words), start, end, back[label])
        for document in documents
        for sentence in document
        for start, end, label in iob_spans(sentence.tags)
    ]


def _matrix(spans: Sequence[tuple[list[str], int, int, str]], bits: int) -> tuple[Any, np.ndarray]:
    import scipy.sparse as sp

    rows = [feature_ids(features(w, s, e), bits) for w, s, e, _ in spans]
    indices = np.concatenate(rows)
    indptr = np.concatenate([[0], np.cumsum([len(r) for r in rows])])
    matrix = sp.csr_matrix(
        (np.ones(len(indices), dtype=np.float64), indices, indptr), shape=(len(rows), 1 << bits)
    )
    matrix.sum_duplicates()
    labels = np.array([LABELS.index(label) for *_, label in spans])
    return matrix, labels


def train(
    spans: Sequence[tuple[list[str], int, int, str]], bits: int = HASH_BITS, l2: float = L2
) -> np.ndarray:
    """Weights of a multinomial logistic regression (L-BFGS, L2 penalty), deterministic."""
    from scipy.optimize import minimize

    matrix, labels = _matrix(spans, bits)
    k = len(LABELS)
    onehot = np.eye(k)[labels]
    rows = np.arange(len(labels))

    def loss_and_gradient(flat: np.ndarray) -> tuple[float, np.ndarray]:
        w = flat.reshape(-1, k)
        z = matrix @ w
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        loss = -np.log(p[rows, labels] + 1e-12).sum() + 0.5 * l2 * float((flat * flat).sum())
        grad = matrix.T @ (p - onehot) + l2 * w
        return loss, np.asarray(grad).ravel()

    result = minimize(
        loss_and_gradient,
        np.zeros((1 << bits) * k),
        jac=True,
        method="L-BFGS-B",
        options={"maxiter": MAX_ITERATIONS},
    )
    return result.x.reshape(-1, k).astype(np.float32)


def evaluate(typer: EntityTyper, spans: Sequence[tuple[list[str], int, int, str]]) -> dict[str, Any]:
    """Accuracy and per-label precision/recall on gold spans."""
    predicted = []
    for words, start, end, _ in spans:
        probs = typer.probabilities(words, start, end)
        predicted.append(max(probs, key=probs.__getitem__))
    gold = [label for *_, label in spans]
    report: dict[str, Any] = {
        "spans": len(gold),
        "accuracy": round(sum(p == g for p, g in zip(predicted, gold, strict=True)) / max(len(gold), 1), 4),
    }
    for label in LABELS:
        hits = sum(p == g == label for p, g in zip(predicted, gold, strict=True))
        report[label] = {
            "precision": round(hits / max(predicted.count(label), 1), 4),
            "recall": round(hits / max(gold.count(label), 1), 4),
        }
    return report


def main(argv: list[str] | None = None) -> int:
    from piigov.detection import training

    parser = argparse.ArgumentParser(
        prog="python -m piigov.detection.entity_typer", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--conll-dir", type=Path, default=None)
    parser.add_argument("--output", type=Path, default=training.MODEL_DIR)
    parser.add_argument("--no-augmentation", action="store_true", help="no name augmentation")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    import spacy

    source = args.conll_dir or training.conll_dir()
    started = time.perf_counter()
    documents = training.read_conll(source / training.TRAIN_FILE)
    spans = _spans(documents)
    augmented = 0
    if not args.no_augmentation:
        tokenizer = spacy.blank("nl").tokenizer
        extra, _ = training.augment(
            documents, training.NamePool.load(), lambda text: [t.text for t in tokenizer(text)], SEED + 1
        )
        extra_spans = _spans(extra)
        augmented = len(extra_spans)
        spans += extra_spans
    weights = train(spans)
    args.output.mkdir(parents=True, exist_ok=True)
    target = args.output / TYPER_FILE
    np.savez_compressed(
        target,
        weights=weights.astype(np.float16),
        bits=np.array(HASH_BITS),
        labels=np.array(LABELS),
        feature_version=np.array(FEATURE_VERSION),
    )
    load_typer.cache_clear()
    shipped = EntityTyper.load(target)
    report = {
        "output": str(target),
        "size_bytes": target.stat().st_size,
        "train_spans": len(spans),
        "augmented_spans": augmented,
        "seconds": round(time.perf_counter() - started, 1),
        "ned.testa_gold_spans": evaluate(shipped, _spans(training.read_conll(source / training.DEV_FILE))),
    }
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
