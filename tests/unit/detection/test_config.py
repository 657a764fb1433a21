from __future__ import annotations

import dataclasses
import re
from importlib import resources

import pytest

from piigov.detection.config import ConfigError, RecognizerConfig, load_config
from piigov.detection.detector import _build_recognizer

DEFAULT_YAML = (
    resources.files("piigov.detection.conf").joinpath("recognizers.yaml").read_text(encoding="utf-8")
)


def test_default_config_is_frozen():
    config = load_config()
    assert config.language == "nl"
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.score_threshold = 0.0  # type: ignore[misc]
    spec = config.recognizers[0]
    with pytest.raises(TypeError):
        spec.scores["BSN (9 digits)"] = 1.0  # type: ignore[index]
    assert isinstance(spec.context, tuple)


def test_default_config_lists_all_recognizers():
    config = load_config()
    assert [r.name for r in config.enabled_recognizers] == [
        "NlBsnRecognizer",
        "NlPassportRecognizer",
        "NlIdCardRecognizer",
        "NlPhoneRecognizer",
        "NlPostcodeRecognizer",
        "IbanRecognizer",
        "NlEmailRecognizer",
        "NlDateRecognizer",
        "NlReligionRecognizer",
        "NlPersonRecognizer",
        "NlLocationRecognizer",
        "NlStreetRecognizer",
        "NlTableRecognizer",
        "NlGedcomRecognizer",
        "SpacyRecognizer",
    ]
    assert {r.name for r in config.recognizers if not r.enabled} == set()


def test_every_score_has_a_reason_comment():
    numeric = re.compile(r"^\s*[\"\w][^:#]*:\s*\d+(\.\d+)?\b")
    lines = [line.strip() for line in DEFAULT_YAML.splitlines() if numeric.match(line)]
    assert len(lines) > 20
    for line in lines:
        if not line.startswith("version:"):
            assert "# reason:" in line, f"number without a reason: {line}"


@pytest.mark.parametrize("spec", load_config().enabled_recognizers, ids=lambda s: s.name)
def test_configured_pattern_names_exist(spec):
    recognizer = _build_recognizer(spec, "nl")
    assert recognizer.supported_language == "nl"
    assert recognizer.name == spec.name
    for pattern in getattr(recognizer, "patterns", ()):  # SpacyRecognizer (NER) has none
        if pattern.name in spec.scores:
            assert pattern.score == pytest.approx(spec.scores[pattern.name])
    if spec.context:
        assert list(recognizer.context) == list(spec.context)


def test_score_override_does_not_mutate_class_patterns():
    from piigov.detection.recognizers.nl_bsn_recognizer import NlBsnRecognizer

    spec = RecognizerConfig(
        name="bsn",
        class_path="piigov.detection.recognizers.nl_bsn_recognizer.NlBsnRecognizer",
        scores={"BSN (9 digits)": 0.9},
    )
    recognizer = _build_recognizer(spec, "nl")
    assert recognizer.patterns[0].score == 0.9
    assert NlBsnRecognizer.PATTERNS[0].score == 0.4
    assert recognizer.patterns[1] is NlBsnRecognizer.PATTERNS[1]


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (RecognizerConfig("x", "piigov.detection.recognizers.nope.Nope"), "cannot import"),
        (RecognizerConfig("x", "piigov.detection.config.load_config"), "not a Presidio EntityRecognizer"),
        (
            RecognizerConfig(
                "x", "piigov.detection.recognizers.nl_bsn_recognizer.NlBsnRecognizer", scores={"no such": 0.5}
            ),
            "no patterns named",
        ),
        (
            RecognizerConfig(
                "x", "piigov.detection.recognizers.nl_bsn_recognizer.NlBsnRecognizer", kwargs={"bogus": 1}
            ),
            "bad constructor arguments",
        ),
    ],
)
def test_bad_recognizer_specs(spec, message):
    with pytest.raises(ConfigError, match=message):
        _build_recognizer(spec, "nl")


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("recognizers: []\n", "non-empty list"),
        ("colour: blue\nrecognizers: [{class: a.B}]\n", "unknown keys"),
        ("recognizers: [{class: a.B, scores: {p: 1.5}}]\n", r"in \[0.0, 1.0\]"),
        ("recognizers: [{class: NoDots}]\n", "dotted path"),
        ("recognizers: [{class: a.B, enabled: 'no'}]\n", "true or false"),
        ("recognizers: [{class: a.B}, {class: c.B}]\n", "duplicate recognizer names"),
        ("recognizers: [{class: a.B, kwargs: {supported_language: en}}]\n", "may not set"),
        ("score_threshold: -1\nrecognizers: [{class: a.B}]\n", "score_threshold"),
        ("context: {bogus: 1}\nrecognizers: [{class: a.B}]\n", "unknown keys"),
        ("- just\n- a list\n", "mapping"),
        ("recognizers: [\n", "not valid YAML"),
        ("bare_surname: {score: 0.5, colour: 1}\nrecognizers: [{class: a.B}]\n", "bare_surname takes only"),
        ("capitalised_pairs: {colour: 1}\nrecognizers: [{class: a.B}]\n", "capitalised_pairs takes only"),
        ("capitalised_pairs: {score: 2}\nrecognizers: [{class: a.B}]\n", "capitalised_pairs.score"),
        ("cue_surnames: {colour: 1}\nrecognizers: [{class: a.B}]\n", "cue_surnames takes only"),
        ("cue_surnames: {score: 0.5, cues: [Zei]}\nrecognizers: [{class: a.B}]\n", "single lower-case words"),
        (
            "cue_surnames: {score: 0.5, cues: [zei het]}\nrecognizers: [{class: a.B}]\n",
            "single lower-case words",
        ),
        ("cue_surnames: {score: 0.5}\nrecognizers: [{class: a.B}]\n", "needs cues"),
        ("bare_surname: {score: 0.5, particles: [van]}\nrecognizers: [{class: a.B}]\n", "capitalised"),
        ("bare_surname: {score: 0.5, particles: []}\nrecognizers: [{class: a.B}]\n", "needs particles"),
        (
            "bare_surname: {score: 0.5, particles: [Van], known_surname_only: [De]}\nrecognizers: [{class: a.B}]\n",
            "subset",
        ),
    ],
)
def test_invalid_configuration(tmp_path, yaml_text, message):
    path = tmp_path / "bad.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_config(path)


def test_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="cannot read"):
        load_config(tmp_path / "missing.yaml")


def test_user_config_merges_defaults_and_changes_fingerprint(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("score_threshold: 0.6\nrecognizers: [{class: a.B, name: only}]\n", encoding="utf-8")
    mine = load_config(path)
    default = load_config()
    assert mine.score_threshold == 0.6
    assert mine.context == default.context
    assert mine.chunk_chars == default.chunk_chars
    assert mine.bare_surname_particles == default.bare_surname_particles
    assert "De" in default.bare_surname_known_only and "El" not in default.bare_surname_known_only
    assert [r.name for r in mine.recognizers] == ["only"]
    assert mine.fingerprint != default.fingerprint
    assert load_config(path).fingerprint == mine.fingerprint


def test_fingerprint_ignores_comments_and_layout(tmp_path):
    first = tmp_path / "a.yaml"
    second = tmp_path / "b.yaml"
    first.write_text("recognizers: [{class: a.B, scores: {p: 0.5}}]\n", encoding="utf-8")
    second.write_text(
        "# a comment\nrecognizers:\n  - class: a.B\n    scores:\n      p: 0.5  # reason: same\n",
        encoding="utf-8",
    )
    assert load_config(first).fingerprint == load_config(second).fingerprint
    second.write_text("recognizers: [{class: a.B, scores: {p: 0.6}}]\n", encoding="utf-8")
    assert load_config(first).fingerprint != load_config(second).fingerprint
