"""GreedyNer (piigov.detection.greedy_ner) finds exactly the entities of spaCy's own ner component."""

from __future__ import annotations

import random

import pytest
import spacy

from piigov.detection.benchmark import synthetic_text
from piigov.detection.detector import default_model_dir
from piigov.detection.greedy_ner import GreedyNer
from piigov.detection.nlp import (
    _WINDOW_MARGIN,
    _common_word_ids,
    _embedding_layers,
    _piece_entities,
    _pieces_entities_fast,
    _windowed_doc,
    receptive_field,
)

SENTENCES = (
    "Gisteren sprak Khadija Amrani met Mehmet Yıldız en Jan de Vries in Rotterdam.",
    "Het Ministerie van Sociale Zaken en de Stichting Al Fourkaan in Den Haag.",
    "VOLGENS DE UWV sprak de heer Van der Berg\n\nmet Priya Ramdin over Amsterdam-Noord.",
    "Ayşe Yılmaz , Fatima Bouzid ( FNV ) , Europese Unie , New York Times",
    "a",
    "Jan",
    "\n\n",
)


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return spacy.load(default_model_dir())


def texts() -> list[str]:
    rng = random.Random(11)
    words = " ".join(SENTENCES).split()
    shuffled = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 60))) for _ in range(60)]
    letters = [synthetic_text(3_000, seed=seed) for seed in range(5)]
    return [*SENTENCES, *shuffled, *letters]


def test_shipped_model_has_the_decoded_architecture(nlp) -> None:
    assert GreedyNer.from_pipe(nlp.get_pipe("ner")) is not None


@pytest.mark.parametrize("windowed", [False, True])
def test_same_entities_as_spacy(nlp, windowed: bool) -> None:
    docs = [nlp.make_doc(t) for t in texts()]
    if windowed:
        common = _common_word_ids(str(nlp.path))
        radius = receptive_field(nlp) + _WINDOW_MARGIN
        docs = [w[0] for d in docs if (w := _windowed_doc(d, radius, common)) is not None]
    copies = [d.copy() for d in docs]
    expected = _piece_entities(nlp, docs, 8, fast=False)
    found = _piece_entities(nlp, copies, 8, fast=True)
    assert found == expected
    assert sum(map(len, expected)) > 50


def test_other_architectures_are_left_to_spacy() -> None:
    blank = spacy.blank("nl")
    ner = blank.add_pipe(
        "ner",
        config={
            "model": {
                "@architectures": "spacy.TransitionBasedParser.v2",
                "state_type": "ner",
                "extra_state_tokens": False,
                "hidden_width": 16,
                "maxout_pieces": 2,
                "use_upper": True,
            }
        },
    )
    ner.add_label("PERSON")
    blank.initialize()
    assert GreedyNer.from_pipe(ner) is None


def test_detector_path_equals_presidio_analyze(detector) -> None:
    """detect_many (GreedyNer, prefiltered recognizers) == Presidio's analyze per text, finished."""
    from piigov.detection import Detection

    sample = texts()
    config = detector.config
    expected = []
    for text in sample:
        results = detector._analyzer.analyze(
            text=text, language=config.language, score_threshold=config.score_threshold
        )
        expected.append(
            detector.finish(
                text,
                [
                    Detection(
                        r.entity_type,
                        r.start,
                        r.end,
                        round(float(r.score), 4),
                        r.recognition_metadata["recognizer_name"],
                    )
                    for r in results
                ],
            )
        )
    found = detector.detect_many(sample)
    assert found == expected
    assert sum(map(len, found)) > 100


def test_pieces_without_docs_give_the_same_entities(nlp) -> None:
    """The Detector's path (tok2vec features taken from the whole text's tokens, no piece Docs)
    finds what the piece Docs find."""
    docs = [nlp.make_doc(t) for t in texts()]
    common = _common_word_ids(str(nlp.path))
    radius = receptive_field(nlp) + _WINDOW_MARGIN
    windowed = [(d, w) for d in docs if (w := _windowed_doc(d, radius, common)) is not None]
    expected = _piece_entities(nlp, [piece for _, (piece, _) in windowed], 8, fast=True)
    layers = _embedding_layers(nlp)
    assert layers is not None
    found = _pieces_entities_fast(GreedyNer.from_pipe(nlp.get_pipe("ner")), layers, docs, radius, common, 8)
    assert [positions.tolist() for _, positions, _ in found] == [w[1].tolist() for _, w in windowed]
    assert [entities for *_, entities in found] == expected
    assert sum(map(len, expected)) > 50
