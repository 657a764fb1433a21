"""The entity typer: a second opinion on the type of the NER model's entities."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from spacy.tokens import Doc, Span

from piigov.detection import entity_typer
from piigov.detection.detector import default_model_dir
from piigov.detection.entity_typer import LABELS, EntityTyper, feature_ids, features, load_typer


def test_features_see_the_span_its_context_and_the_gazetteers() -> None:
    words = ["Volgens", "Fatima", "Bouzid", "ligt", "Marokko", "stil"]
    found = set(features(words, 1, 3))
    assert {"w=fatima", "w=bouzid", "first=Fatima", "last=Bouzid", "p1=volgens", "n1=ligt"} <= found
    assert {"first_name", "suf3=zid", "shape=Xx Xx", "n=2"} <= found
    assert "country" in features(words, 4, 5) and "n2=</s>" in features(words, 4, 5)
    assert "p2=<s>" in features(words, 0, 1)


def _spans() -> list[tuple[list[str], int, int, str]]:
    spans = []
    for name in ("Bouzid", "Yilmaz", "Jansen", "Warsame", "Pinas"):
        spans.append((["mevrouw", name, "zei"], 1, 2, "PER"))
    for place in ("Utrecht", "Breda", "Almere", "Tilburg", "Zwolle"):
        spans.append((["woont", "in", place], 2, 3, "LOC"))
    for org in ("Rabobank", "Triodosbank", "Knab", "Bunq", "ING"):
        spans.append((["de", "bank", org, "betaalt"], 2, 3, "ORG"))
    return spans


def test_training_learns_from_context_and_the_weights_round_trip(tmp_path: Path) -> None:
    weights = entity_typer.train(_spans(), bits=12, l2=0.1)
    typer = EntityTyper(weights, 12)
    assert (
        max(typer.probabilities(["mevrouw", "Ghebremedhin", "zei"], 1, 2).items(), key=lambda x: x[1])[0]
        == "PER"
    )
    assert max(typer.probabilities(["woont", "in", "Hengelo"], 2, 3).items(), key=lambda x: x[1])[0] == "LOC"
    assert typer.probabilities(["de", "bank", "Abnamro", "betaalt"], 2, 3)["ORG"] > 0.5
    path = tmp_path / "entity_typer.npz"
    np.savez_compressed(
        path,
        weights=weights.astype(np.float16),
        bits=np.array(12),
        labels=np.array(LABELS),
        feature_version=np.array(entity_typer.FEATURE_VERSION),
    )
    loaded = EntityTyper.load(path)
    p = loaded.probabilities(["mevrouw", "Ghebremedhin", "zei"], 1, 2)
    assert p["PER"] == pytest.approx(
        typer.probabilities(["mevrouw", "Ghebremedhin", "zei"], 1, 2)["PER"], abs=0.01
    )
    np.savez_compressed(
        path, weights=weights, bits=np.array(12), labels=np.array(LABELS), feature_version=np.array(99)
    )
    with pytest.raises(ValueError, match="feature version"):
        EntityTyper.load(path)


def test_a_model_without_a_typer_keeps_its_types(tmp_path: Path) -> None:
    assert load_typer(str(tmp_path)) is None
    assert load_typer("") is None


def test_the_shipped_typer_separates_people_from_organisations() -> None:
    typer = load_typer(str(default_model_dir()))
    assert typer is not None
    words = [
        "De",
        "raad",
        "van",
        "bestuur",
        "van",
        "Rabobank",
        "besliste",
        "gisteren",
        "dat",
        "Fatima",
        "Bouzid",
        "vertrekt",
        ".",
    ]
    assert typer.probabilities(words, 5, 6)["PER"] < 0.2
    assert typer.probabilities(words, 9, 11)["PER"] > 0.8
    somali = ["Gisteren", "zei", "Hodan", "Abdullahi", "Warsame", "dat", "ze", "blijft", "."]
    assert typer.probabilities(somali, 2, 5)["PER"] > 0.8


def _forcing_typer(word: str, label: str) -> EntityTyper:
    """A typer that only knows one word: it is ``label`` (and everything else undecided)."""
    weights = np.zeros((1 << 10, len(LABELS)), dtype=np.float32)
    weights[feature_ids([f"w={word.lower()}"], 10)[0], LABELS.index(label)] = 10.0
    return EntityTyper(weights, 10)


@pytest.mark.parametrize(
    ("words", "span", "label", "typer_says", "expected"),
    [
        (["Knesset", "stemde"], (0, 1), "PERSON", ("Knesset", "ORG"), ("ORGANIZATION", "Knesset")),
        (["Sanitel", "werkt"], (0, 1), "PERSON", ("Sanitel", "MISC"), None),
        (["Zinnik", "ligt"], (0, 1), "PERSON", ("Zinnik", "LOC"), ("LOCATION", "Zinnik")),
        (["Warfaa", "zei"], (0, 1), "LOCATION", ("Warfaa", "PER"), ("PERSON", "Warfaa")),
        (["Bouzid", "zei"], (0, 1), "PERSON", ("Bouzid", "PER"), ("PERSON", "Bouzid")),
        # a place the typer calls a person, but the person rules reject: it stays a place
        (["UWV", "belde"], (0, 1), "ORGANIZATION", ("UWV", "PER"), ("ORGANIZATION", "UWV")),
        (["Geachte", "mevrouw", "Warfaa"], (0, 3), "ORGANIZATION", ("Warfaa", "PER"), ("PERSON", "Warfaa")),
        # an organisation word decides before the typer is asked
        (
            ["Stichting", "Al", "Fourkaan"],
            (0, 3),
            "PERSON",
            ("Fourkaan", "PER"),
            ("ORGANIZATION", "Stichting Al Fourkaan"),
        ),
    ],
)
def test_the_engine_follows_the_typer(detector, words, span, label, typer_says, expected) -> None:
    engine = detector._nlp_engine
    doc = Doc(engine.get_nlp("nl").vocab, words=words)
    doc.ents = [Span(doc, *span, label=label)]
    saved = dict(engine._typer_by_vocab)
    engine._typer_by_vocab[id(doc.vocab)] = _forcing_typer(*typer_says)
    try:
        entities, scores = engine._get_updated_entities(doc.ents, [0.5])
    finally:
        engine._typer_by_vocab = saved
    assert [(e.label_, e.text) for e in entities] == ([expected] if expected else [])
    if expected and expected[0] == "ORGANIZATION":
        assert scores == [pytest.approx(0.45)]
    if expected and expected[0] == "PERSON":
        assert scores == [pytest.approx(0.5)]
