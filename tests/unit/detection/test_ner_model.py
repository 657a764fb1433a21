"""The shipped statistical NER model (models/nl_piigov_ner), its wiring into the Detector and the
CoNLL conversion used to train it (piigov.detection.training)."""

from __future__ import annotations

import json
import logging
import random
import socket
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, Span

from piigov.detection import Detection, Detector, training
from piigov.detection import detector as detector_module
from piigov.detection.config import ConfigError
from piigov.detection.detector import default_model_dir, resolve_overlaps
from piigov.detection.nlp import _WINDOW_MARGIN, _pipe_windowed, ner_windows, receptive_field
from piigov.detection.wordlists import fold_diacritics

# Surnames that are in no training list (data/surnames_training.txt), except in the first sentence.
NAMES_BY_ORIGIN = [
    (
        "Gisteren sprak Khadija Amrani met Mehmet Yıldız en Jan de Vries in Rotterdam.",
        ["Khadija Amrani", "Mehmet Yıldız", "Jan de Vries"],
    ),
    ("Het dossier van Sahra Abdulkadir is overgedragen aan het wijkteam.", ["Sahra Abdulkadir"]),
    ("Elif Karabulut belde over de betalingsregeling.", ["Elif Karabulut"]),
    ("Ook Yassine Bouchtaoui en Marek Zielonka waren aanwezig.", ["Yassine Bouchtaoui", "Marek Zielonka"]),
]


@pytest.fixture(scope="module")
def ner() -> spacy.language.Language:
    """The shipped model, loaded once, with every network connection refused while loading."""

    def refuse(*_args, **_kwargs):
        raise OSError("network access during model load")

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(socket.socket, "connect", refuse)
        mp.setattr(socket, "create_connection", refuse)
        return spacy.load(default_model_dir())


def persons(doc: Doc) -> list[str]:
    return [e.text for e in doc.ents if e.label_ == "PERSON"]


# --- the shipped model ---------------------------------------------------------------------------


def test_model_is_shipped_small_and_documented(ner):
    root = default_model_dir()
    assert root == Path(__file__).resolve().parents[3] / "models" / "nl_piigov_ner"
    size = sum(p.stat().st_size for p in root.rglob("*") if p.is_file())
    assert size < 8_000_000
    assert not (root / "vocab").exists()  # training strings are not shipped
    assert ner.pipe_names == ["tok2vec", "ner"]
    assert set(ner.get_pipe("ner").labels) == {"PERSON", "LOCATION", "ORGANIZATION", "MISC"}
    meta = json.loads((root / "meta.json").read_text(encoding="utf-8"))
    assert meta["name"] == "piigov_ner"
    assert meta["performance"]["ned.testa"]["PERSON"]["f"] > 0.6
    assert receptive_field(ner) == 2


@pytest.mark.parametrize(("text", "names"), NAMES_BY_ORIGIN)
def test_model_finds_names_of_several_origins(ner, text, names):
    found = persons(ner(text))
    assert [name for name in names if name in found] == names


def test_model_does_not_take_an_organisation_for_a_person(ner):
    doc = ner("Het Ministerie van Sociale Zaken en Werkgelegenheid heeft de regeling aangepast.")
    start = doc.text.index("Ministerie")
    end = doc.text.index(" heeft")
    assert not [e for e in doc.ents if e.label_ == "PERSON" and e.start_char < end and e.end_char > start]


def test_windowed_run_matches_the_full_run(detector):
    """The Detector runs the model only near capitalised words; after its clean-up (which drops a
    lone common word such as "Bakker" anyway) the result equals a run over the whole text."""
    engine = detector._nlp_engine
    nlp = engine.get_nlp("nl")
    texts = [text for text, _ in NAMES_BY_ORIGIN] + [
        "Geachte heer Bakker,\n\nNaar aanleiding van uw brief delen wij u mee dat mevrouw El Idrissi "
        "op 3 maart verhuisd is naar Utrecht. De Stichting Al Fourkaan is op de hoogte.",
        "Amrani zei dat de brief nooit is aangekomen. Hij sprak met Bouchtaoui over de uitkering.",
    ]

    def cleaned(docs):
        return [
            [
                (e.start_char, e.end_char, e.label_)
                for e in engine._get_updated_entities(doc.ents, [0.5] * len(doc.ents))[0]
            ]
            for doc in docs
        ]

    windowed = _pipe_windowed(nlp, texts, 8, receptive_field(nlp) + _WINDOW_MARGIN)
    assert cleaned(windowed) == cleaned(nlp.pipe(texts))
    assert any(cleaned(windowed))


def test_ner_windows_surround_capitalised_words():
    nlp = spacy.blank("nl")
    doc = nlp("de brief is gisteren verstuurd . De aanvraag van Bouzid is binnen , zie BSN en Stichting")
    windows = ner_windows(doc, radius=2)
    bouzid = [t.text for t in doc].index("Bouzid")
    # "De" (stop word at a sentence start), "BSN" (acronym), "Stichting" (never a name) are no reason
    assert windows == [(bouzid - 2, bouzid + 3)]
    assert ner_windows(nlp("alles in kleine letters"), radius=2) == []
    assert ner_windows(nlp(""), radius=2) == []


# --- wiring into the Detector --------------------------------------------------------------------


def values(text: str, detections: list[Detection], entity_type: str) -> list[str]:
    return [text[d.start : d.end] for d in detections if d.entity_type == entity_type]


def test_detector_uses_the_shipped_model_by_default(detector):
    assert detector.model_label.startswith("nl_piigov_ner-")
    assert "[tok2vec,ner]@" in detector.model_label
    assert "ORGANIZATION" in detector.entity_types


def test_detector_reports_names_without_title_or_known_first_name(detector):
    text = "Amrani zei dat de brief nooit is aangekomen. Hij sprak met Bouchtaoui over de uitkering."
    found = detector.detect(text)
    assert values(text, found, "PERSON") == ["Amrani", "Bouchtaoui"]
    assert {d.recognizer for d in found if d.entity_type == "PERSON"} == {"SpacyRecognizer"}


@pytest.mark.parametrize(
    "text",
    [
        "Het Ministerie van Sociale Zaken en Werkgelegenheid heeft de regeling aangepast.",
        "De Stichting Al Fourkaan heeft subsidie aangevraagd voor het buurthuis.",
        "Ministerie van SZW in Den Haag",
    ],
)
def test_detector_does_not_report_organisations_as_persons(detector, text):
    assert values(text, detector.detect(text), "PERSON") == []


def test_misc_is_never_a_person(detector):
    engine = detector._nlp_engine
    nlp = engine.get_nlp("nl")
    doc = nlp.make_doc("Hij is Marokkaans en moslim")
    doc.ents = [Span(doc, 2, 3, label="MISC")]
    entities, _ = engine._get_updated_entities(doc.ents, [0.5])
    assert entities == []


@pytest.mark.parametrize(
    ("words", "span", "expected"),
    [
        (["De", "Stichting", "Al", "Fourkaan", "helpt"], (0, 4), ("ORGANIZATION", "Stichting Al Fourkaan")),
        (["Ministerie", "van", "Sociale", "Zaken"], (0, 4), ("ORGANIZATION", "Ministerie van Sociale Zaken")),
        (["Geachte", "mevrouw", "Bouzid"], (0, 3), ("PERSON", "Bouzid")),
        (["Wethouder", "De", "Vries"], (0, 3), ("PERSON", "De Vries")),
        (["Geachte", "Mevrouw"], (0, 2), None),
        (["Khadija", "Amrani"], (0, 2), ("PERSON", "Khadija Amrani")),
        (["DPIA"], (0, 1), None),  # an acronym
        (["Samatar;Sittard-Geleen;6137"], (0, 1), None),  # CSV fields in one token
        (["Cliënt"], (0, 1), None),  # written in lower case in ned.train
        (["Tijdens"], (0, 1), None),
        # a word that starts institution and law names (data/person_exceptions.txt)
        (
            ["De", "Algemene", "Verordening", "Gegevensbescherming"],
            (0, 4),
            ("ORGANIZATION", "Algemene Verordening Gegevensbescherming"),
        ),
        (["Uitvoeren", "DPIA"], (0, 2), None),  # an acronym after a leading task verb
        (["<"], (0, 1), None),
        # a country the model took for a person is a place (data/countries.txt)
        (["Israël"], (0, 1), ("LOCATION", "Israël")),
        (["Verenigde", "Staten"], (0, 2), ("LOCATION", "Verenigde Staten")),
        (["Soedan"], (0, 1), ("LOCATION", "Soedan")),
        # ordinary Dutch words (OpenTaal) are no name on their own or before one
        (["Persoonsgegevens"], (0, 1), None),
        (["Werkwijze", "Taskforce"], (0, 2), None),
        (["Taskforce", "OGF"], (0, 2), None),
        (["Ambassade", "Koeweit"], (0, 2), ("LOCATION", "Koeweit")),
        (["Buurvrouw", "Sandjai"], (0, 2), ("PERSON", "Sandjai")),
        (["Van", "Dijk"], (0, 2), ("PERSON", "Van Dijk")),
        (["N"], (0, 1), None),  # one letter: "BETROKKENE(N)"
        (["JenV"], (0, 1), None),  # a ministry's acronym with a lower-case "en"
        (["Regiobijeenkomst", "Zuid"], (0, 2), None),
        (["Brabant"], (0, 1), ("LOCATION", "Brabant")),  # a province (data/regions.txt)
        (["Gouda"], (0, 1), ("LOCATION", "Gouda")),  # a municipality that is no surname
        (["Arabisch"], (0, 1), None),  # a language or nationality
        (["Afghaanse", "Culturele"], (0, 2), None),
        # an ordinary word behind an opening quote still opens its sentence; a name stays
        (["lachwekkend", ".", "‘", "Mijn", "schoonmoeder"], (2, 4), None),
        (["lachwekkend", ".", "‘", "Nalçacı", "zegt"], (2, 4), ("PERSON", "Nalçacı")),
        (["Jobnummer"], (0, 1), None),  # a compound with an administrative head
        (["Ouderplatform", "Oost"], (0, 2), None),
        (["DCom"], (0, 1), None),  # a directorate's acronym
        (["Haarlems", "Dagblad"], (0, 2), ("ORGANIZATION", "Haarlems Dagblad")),  # a newspaper
        (["W.", "Europe", "Standard"], (0, 3), None),  # initials before a word that is never a name
        (["W.", "De", "Vries"], (0, 3), ("PERSON", "W. De Vries")),
        (["--", "Dump", "completed"], (1, 2), None),  # a comment line's first word opens a sentence
        # a lone name before a lower-case word of no Dutch is a song's or programme's title;
        # a Dutch word after that one says it was a verb the word list lacks
        (["Kara", "toprak"], (0, 1), None),
        (["Hooyo", "macaan", "\n"], (0, 1), None),
        (["Siswanti", "belt", "terug"], (0, 1), ("PERSON", "Siswanti")),
        # a club or a district named after a Dutch municipality; a place abroad may be a first name
        (["Almere", "Futsal", "Stars"], (0, 2), None),
        (["Basra", "Mirreh"], (0, 2), ("PERSON", "Basra Mirreh")),
        # a noun of origin before particles leaves no name ("de enige Javaan van het team")
        (["Javaan", "van", "het", "team"], (0, 4), None),
        (["Feb"], (0, 1), None),  # an abbreviated month of a log's date
    ],
)
def test_person_spans_are_cleaned(detector, words, span, expected):
    engine = detector._nlp_engine
    doc = Doc(engine.get_nlp("nl").vocab, words=words)
    doc.ents = [Span(doc, *span, label="PERSON")]
    entities, scores = engine._get_updated_entities(doc.ents, [0.5])
    got = [(e.label_, e.text) for e in entities]
    assert got == ([expected] if expected else [])
    if expected and expected[0] == "ORGANIZATION":
        assert scores == [pytest.approx(0.45)]


def test_a_country_taken_for_an_organisation_is_a_place(detector):
    engine = detector._nlp_engine
    doc = Doc(engine.get_nlp("nl").vocab, words=["Iran", "en", "Knesset"])
    doc.ents = [Span(doc, 0, 1, label="ORGANIZATION"), Span(doc, 2, 3, label="ORGANIZATION")]
    entities, _ = engine._get_updated_entities(doc.ents, [0.45, 0.45])
    assert [(e.label_, e.text) for e in entities] == [("LOCATION", "Iran"), ("ORGANIZATION", "Knesset")]


def test_organisation_never_hides_personal_data():
    org = Detection("ORGANIZATION", 0, 30, 0.9, "SpacyRecognizer")
    person = Detection("PERSON", 17, 23, 0.6, "NlPersonRecognizer")
    place = Detection("LOCATION", 24, 30, 0.4, "NlLocationRecognizer")
    assert resolve_overlaps([org, person, place]) == [person, place]
    assert resolve_overlaps([org]) == [org]


def test_title_pattern_wins_inside_an_organisation_name(detector):
    text = "Het kantoor van advocaat Ramdin & Partners in Utrecht heeft gebeld."
    found = detector.detect(text)
    assert "Ramdin" in values(text, found, "PERSON")


def test_missing_shipped_model_falls_back_to_blank_with_warning(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("PIIGOV_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("PIIGOV_NLP_MODEL", raising=False)
    monkeypatch.setattr(detector_module, "default_model_dir", lambda: tmp_path / "no-model")
    with caplog.at_level(logging.WARNING, logger="piigov.detection.detector"):
        blank = Detector()
    assert blank.model_label.startswith("blank:nl@")
    assert "not found" in caplog.text
    assert values("mevrouw Bouzid", blank.detect("mevrouw Bouzid"), "PERSON") == ["Bouzid"]


def test_env_overrides_the_shipped_model(tmp_path, monkeypatch):
    model_dir = tmp_path / "model"
    spacy.blank("nl").to_disk(model_dir)
    monkeypatch.setenv("PIIGOV_NLP_MODEL", str(model_dir))
    assert Detector().model_label.startswith("nl_pipeline-")


def test_invalid_ner_model_configuration_is_a_config_error(tmp_path):
    config = tmp_path / "recognizers.yaml"
    config.write_text(
        "nlp:\n  ner_model_configuration:\n    default_score: 2\n"
        "recognizers:\n  - class: piigov.detection.recognizers.nl_bsn_recognizer.NlBsnRecognizer\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match="ner_model_configuration"):
        Detector(config_path=config)
    config.write_text("nlp:\n  spacy: {}\nrecognizers: []\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown keys"):
        Detector(config_path=config)


# --- training data conversion --------------------------------------------------------------------

CONLL = """-DOCSTART- -DOCSTART- O
Minister N O
Jan N B-PER
de Art I-PER
Vries N I-PER
bezocht V O
Den N B-LOC
Haag N I-LOC
. Punc O

De Art O
Stichting N B-ORG
Al N I-ORG
Fourkaan N I-ORG
en Conj O
Nederlandse Adj B-MISC
Bouzid N B-PER

-DOCSTART- -DOCSTART- O
Ayşe N I-PER
Yılmaz N I-PER
Kaya N B-PER
"""


def test_parse_conll_splits_documents_and_sentences():
    documents = training.parse_conll(CONLL)
    assert [len(d) for d in documents] == [2, 1]
    first = documents[0][0]
    assert first.words[:4] == ("Minister", "Jan", "de", "Vries")
    assert first.tags[:4] == ("O", "B-PER", "I-PER", "I-PER")
    with pytest.raises(ValueError, match="line 1"):
        training.parse_conll("lonely\n")


def test_iob_tags_map_to_entity_spans():
    documents = training.parse_conll(CONLL)
    assert training.iob_spans(documents[0][0].tags) == [(1, 4, "PERSON"), (5, 7, "LOCATION")]
    assert training.iob_spans(documents[0][1].tags) == [
        (1, 4, "ORGANIZATION"),
        (5, 6, "MISC"),
        (6, 7, "PERSON"),
    ]
    # IOB1: an I- tag may start an entity; B- separates two adjacent entities of one type
    assert training.iob_spans(documents[1][0].tags) == [(0, 2, "PERSON"), (2, 3, "PERSON")]
    with pytest.raises(ValueError, match="unknown entity type"):
        training.iob_spans(["B-FOO"])
    with pytest.raises(ValueError, match="bad IOB tag"):
        training.iob_spans(["X-PER"])


def test_documents_become_spacy_docs_with_entities():
    nlp = spacy.blank("nl")
    docs = training.to_docs(nlp.vocab, training.parse_conll(CONLL), per_doc=10)
    assert len(docs) == 2  # never across a -DOCSTART-
    assert [(e.text, e.label_) for e in docs[0].ents] == [
        ("Jan de Vries", "PERSON"),
        ("Den Haag", "LOCATION"),
        ("Stichting Al Fourkaan", "ORGANIZATION"),
        ("Nederlandse", "MISC"),
        ("Bouzid", "PERSON"),
    ]
    assert [s.text.split()[0] for s in docs[0].sents] == ["Minister", "De"]
    assert len(training.to_docs(nlp.vocab, training.parse_conll(CONLL), per_doc=1)) == 3


def test_person_replacement_keeps_the_other_tags():
    sentence = training.parse_conll(CONLL)[0][1]
    pool = training.NamePool.load()
    nlp = spacy.blank("nl")
    new, origin = training.replace_person_spans(
        sentence, random.Random(3), pool, lambda text: [t.text for t in nlp.tokenizer(text)]
    )
    assert origin in training.ORIGIN_WEIGHTS
    spans = training.iob_spans(new.tags)
    assert [label for *_, label in spans] == ["ORGANIZATION", "MISC", "PERSON"]
    assert new.words[: spans[-1][0]] == sentence.words[:6]
    person = "".join(new.words[spans[-1][0] : spans[-1][1]])
    assert any(
        person.endswith(fold_diacritics(s).replace(" ", "")) or person.endswith(s.replace(" ", ""))
        for s in pool.surnames[origin]
    )


def test_training_surnames_cover_origins_and_stay_apart_from_the_demo_lists():
    pool = training.NamePool.load()
    assert set(pool.surnames) == set(training.ORIGIN_WEIGHTS)
    assert all(len(names) >= 40 for names in pool.surnames.values())
    demo = set()
    for path in (Path(training.__file__).parents[1] / "demo" / "data").glob("surnames_*.txt"):
        demo |= {line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}
    assert not demo & {name for names in pool.surnames.values() for name in names}


def test_capitalised_copies_keep_tags():
    documents = training.parse_conll(CONLL)
    extra, count = training.capitalise_common_words(documents, seed=1, share=1.0, probability=1.0)
    assert count == 1  # the other sentences have no lower-case word of four letters or more
    copy = extra[0][0]
    assert copy.tags == documents[0][0].tags
    assert copy.words[4] == "Bezocht"
    assert copy.words[2] == "de"  # short words (name particles) stay lower case


def test_conll_dir_is_configurable(monkeypatch, tmp_path):
    monkeypatch.setenv("PIIGOV_CONLL_DIR", str(tmp_path))
    assert training.conll_dir() == tmp_path
    monkeypatch.delenv("PIIGOV_CONLL_DIR")
    assert training.conll_dir() == training.REPO_ROOT.parent / "shared" / "data" / "conll2002"
