"""Recognizer configuration: read the YAML once, validate it, freeze it.

Only PyYAML and the standard library are imported here, so reading a configuration stays
cheap and does not pull in Presidio or spaCy.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Mapping

DEFAULT_CONFIG_RESOURCE = ("piigov.detection.conf", "recognizers.yaml")

_TOP_LEVEL_KEYS = frozenset(
    {
        "version",
        "language",
        "score_threshold",
        "context",
        "chunk_chars",
        "batch_size",
        "repeated_name_score",
        "lower_case_name_score",
        "table_column_score",
        "bare_surname",
        "capitalised_pairs",
        "cue_surnames",
        "nlp",
        "recognizers",
    }
)
_RECOGNIZER_KEYS = frozenset({"name", "class", "enabled", "scores", "context", "kwargs"})
_CONTEXT_KEYS = frozenset({"similarity_factor", "min_score_with_context", "prefix_count", "suffix_count"})
_NLP_KEYS = frozenset({"ner_model_configuration", "entity_typer"})
_TYPER_KEYS = frozenset({"min_person_probability", "person_probability"})
_BARE_SURNAME_KEYS = frozenset({"score", "particles", "known_surname_only"})
_PAIR_KEYS = frozenset({"score", "min_person_probability"})
_CUE_KEYS = frozenset({"score", "min_person_probability", "cues"})


class ConfigError(ValueError):
    """The recognizer configuration is invalid."""


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return MappingProxyType({str(k): _freeze(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return tuple(_freeze(v) for v in value)
    return value


def _thaw(value: Any) -> Any:
    if isinstance(value, MappingProxyType):
        return {k: _thaw(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [_thaw(v) for v in value]
    return value


@dataclass(frozen=True)
class ContextConfig:
    similarity_factor: float = 0.35
    min_score_with_context: float = 0.4
    prefix_count: int = 5
    suffix_count: int = 2


@dataclass(frozen=True)
class RecognizerConfig:
    name: str
    class_path: str
    enabled: bool = True
    scores: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    context: tuple[str, ...] = ()
    kwargs: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def constructor_kwargs(self) -> dict[str, Any]:
        """Mutable copy of the extra constructor arguments."""
        return {k: _thaw(v) for k, v in self.kwargs.items()}


@dataclass(frozen=True)
class DetectionConfig:
    language: str
    score_threshold: float
    context: ContextConfig
    chunk_chars: int
    batch_size: int
    recognizers: tuple[RecognizerConfig, ...]
    fingerprint: str  # sha256 of the parsed YAML content (comments and layout do not count)
    # Presidio NerModelConfiguration for the spaCy NER model (validated by Presidio when the Detector is built)
    ner_model_configuration: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    # score of a PERSON repeated in its document (piigov.detection.propagation); 0 turns it off
    repeated_name_score: float = 0.5
    # score of a lower-case name after a form of address or family word ("meneer bouchikhi",
    # piigov.detection.lower_case_names); 0 turns it off
    lower_case_name_score: float = 0.0
    # score of a cell of a name or place column that the other cells of the column vouch for
    # (piigov.detection.table_columns); 0 turns it off
    table_column_score: float = 0.0
    # score of a bare surname with a capitalised particle ("volgens Van Dijk",
    # piigov.detection.particle_surnames) and the particles; score 0 turns it off
    bare_surname_score: float = 0.0
    bare_surname_particles: tuple[str, ...] = ()
    bare_surname_known_only: tuple[str, ...] = ()  # particles after which only known surnames count
    # two capitalised words mid-sentence that the entity typer takes for a person
    # (piigov.detection.name_pairs): score (0 turns it off) and the typer's minimum P(person)
    capitalised_pair_score: float = 0.0
    capitalised_pair_min_person_probability: float = 0.5
    # one or two capitalised words right after a reporting verb or role ("zei Schouten") that the
    # entity typer takes for a person (piigov.detection.cue_surnames): score (0 turns it off),
    # the typer's minimum P(person) and the cue words
    cue_surname_score: float = 0.0
    cue_surname_min_person_probability: float = 0.5
    cue_surname_cues: tuple[str, ...] = ()
    # (min P(person) to keep a model PERSON, min P(person) to make a model place or organisation
    # a PERSON): piigov.detection.entity_typer; None: the model's types stand
    entity_typer: tuple[float, float] | None = None

    def ner_model_configuration_dict(self) -> dict[str, Any]:
        """Mutable copy of ``ner_model_configuration`` (empty: Presidio's defaults)."""
        return {k: _thaw(v) for k, v in self.ner_model_configuration.items()}

    @property
    def enabled_recognizers(self) -> tuple[RecognizerConfig, ...]:
        return tuple(r for r in self.recognizers if r.enabled)


def _read_default_bytes() -> bytes:
    package, name = DEFAULT_CONFIG_RESOURCE
    return resources.files(package).joinpath(name).read_bytes()


def _parse(raw: bytes, source: str) -> dict[str, Any]:
    import yaml

    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{source}: not valid YAML ({exc.__class__.__name__})") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: top level must be a mapping")
    unknown = set(data) - _TOP_LEVEL_KEYS
    if unknown:
        raise ConfigError(f"{source}: unknown keys {sorted(unknown)}")
    return data


def _number(value: Any, what: str, lo: float, hi: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not lo <= value <= hi:
        raise ConfigError(f"{what} must be a number in [{lo}, {hi}], got {value!r}")
    return float(value)


def _integer(value: Any, what: str, lo: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < lo:
        raise ConfigError(f"{what} must be an integer >= {lo}, got {value!r}")
    return value


def _recognizer(entry: Any, index: int, source: str) -> RecognizerConfig:
    where = f"{source}: recognizers[{index}]"
    if not isinstance(entry, dict):
        raise ConfigError(f"{where} must be a mapping")
    unknown = set(entry) - _RECOGNIZER_KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown keys {sorted(unknown)}")
    class_path = entry.get("class")
    if not isinstance(class_path, str) or "." not in class_path:
        raise ConfigError(f"{where}: 'class' must be a dotted path 'package.module.ClassName'")
    name = entry.get("name", class_path.rsplit(".", 1)[1])
    if not isinstance(name, str) or not name:
        raise ConfigError(f"{where}: 'name' must be a non-empty string")
    enabled = entry.get("enabled", True)
    if not isinstance(enabled, bool):
        raise ConfigError(f"{where}: 'enabled' must be true or false")
    scores = entry.get("scores") or {}
    if not isinstance(scores, dict):
        raise ConfigError(f"{where}: 'scores' must map pattern names to numbers")
    frozen_scores = {str(k): _number(v, f"{where}: score of {k!r}", 0.0, 1.0) for k, v in scores.items()}
    context = entry.get("context") or []
    if not isinstance(context, list) or not all(isinstance(c, str) and c.strip() for c in context):
        raise ConfigError(f"{where}: 'context' must be a list of words")
    kwargs = entry.get("kwargs") or {}
    if not isinstance(kwargs, dict):
        raise ConfigError(f"{where}: 'kwargs' must be a mapping")
    reserved = {"supported_language", "context", "name"} & set(kwargs)
    if reserved:
        raise ConfigError(f"{where}: kwargs may not set {sorted(reserved)}")
    return RecognizerConfig(
        name=name,
        class_path=class_path,
        enabled=enabled,
        scores=MappingProxyType(frozen_scores),
        context=tuple(c.strip() for c in context),
        kwargs=_freeze(kwargs),
    )


def _build(data: dict[str, Any], defaults: dict[str, Any], fingerprint: str, source: str) -> DetectionConfig:
    merged = {**defaults, **data}
    language = merged.get("language")
    if not isinstance(language, str) or not language:
        raise ConfigError(f"{source}: 'language' must be a language code")
    ctx_raw = {**(defaults.get("context") or {}), **(data.get("context") or {})}
    unknown = set(ctx_raw) - _CONTEXT_KEYS
    if unknown:
        raise ConfigError(f"{source}: context: unknown keys {sorted(unknown)}")
    context = ContextConfig(
        similarity_factor=_number(ctx_raw.get("similarity_factor", 0.35), "context.similarity_factor", 0, 1),
        min_score_with_context=_number(
            ctx_raw.get("min_score_with_context", 0.4), "context.min_score_with_context", 0, 1
        ),
        prefix_count=_integer(ctx_raw.get("prefix_count", 5), "context.prefix_count", 0),
        suffix_count=_integer(ctx_raw.get("suffix_count", 2), "context.suffix_count", 0),
    )
    if not all(isinstance(d.get("nlp") or {}, dict) for d in (defaults, data)):
        raise ConfigError(f"{source}: 'nlp' must be a mapping")
    nlp_raw = {**(defaults.get("nlp") or {}), **(data.get("nlp") or {})}
    unknown = set(nlp_raw) - _NLP_KEYS
    if unknown:
        raise ConfigError(f"{source}: nlp: unknown keys {sorted(unknown)}")
    ner_model_configuration = nlp_raw.get("ner_model_configuration") or {}
    if not isinstance(ner_model_configuration, dict):
        raise ConfigError(f"{source}: nlp.ner_model_configuration must be a mapping")
    typer_raw = nlp_raw.get("entity_typer")
    entity_typer = None
    if typer_raw is not None:
        if not isinstance(typer_raw, dict) or set(typer_raw) != _TYPER_KEYS:
            raise ConfigError(f"{source}: nlp.entity_typer needs exactly {sorted(_TYPER_KEYS)}")
        entity_typer = (
            _number(typer_raw["min_person_probability"], "nlp.entity_typer.min_person_probability", 0, 1),
            _number(typer_raw["person_probability"], "nlp.entity_typer.person_probability", 0, 1),
        )
    bare_raw = merged.get("bare_surname") or {}
    if not isinstance(bare_raw, dict) or set(bare_raw) - _BARE_SURNAME_KEYS:
        raise ConfigError(f"{source}: bare_surname takes only {sorted(_BARE_SURNAME_KEYS)}")
    bare_particles = bare_raw.get("particles") or []
    known_only = bare_raw.get("known_surname_only") or []
    for key, value in (("particles", bare_particles), ("known_surname_only", known_only)):
        if not isinstance(value, list) or not all(
            isinstance(p, str) and p.strip() and p[:1].isupper() for p in value
        ):
            raise ConfigError(f"{source}: bare_surname.{key} must be a list of capitalised particles")
    if set(known_only) - set(bare_particles):
        raise ConfigError(f"{source}: bare_surname.known_surname_only must be a subset of its particles")
    bare_score = _number(bare_raw.get("score", 0), "bare_surname.score", 0, 1)
    if bare_score > 0 and not bare_particles:
        raise ConfigError(f"{source}: bare_surname.score > 0 needs particles")
    pairs_raw = merged.get("capitalised_pairs") or {}
    if not isinstance(pairs_raw, dict) or set(pairs_raw) - _PAIR_KEYS:
        raise ConfigError(f"{source}: capitalised_pairs takes only {sorted(_PAIR_KEYS)}")
    cue_raw = merged.get("cue_surnames") or {}
    if not isinstance(cue_raw, dict) or set(cue_raw) - _CUE_KEYS:
        raise ConfigError(f"{source}: cue_surnames takes only {sorted(_CUE_KEYS)}")
    cues = cue_raw.get("cues") or []
    if not isinstance(cues, list) or not all(
        isinstance(c, str) and c.islower() and len(c.split()) == 1 for c in cues
    ):
        raise ConfigError(f"{source}: cue_surnames.cues must be a list of single lower-case words")
    cue_score = _number(cue_raw.get("score", 0), "cue_surnames.score", 0, 1)
    if cue_score > 0 and not cues:
        raise ConfigError(f"{source}: cue_surnames.score > 0 needs cues")
    recognizers_raw = data.get("recognizers")
    if not isinstance(recognizers_raw, list) or not recognizers_raw:
        raise ConfigError(f"{source}: 'recognizers' must be a non-empty list")
    recognizers = tuple(_recognizer(entry, i, source) for i, entry in enumerate(recognizers_raw))
    names = [r.name for r in recognizers]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ConfigError(f"{source}: duplicate recognizer names {duplicates}")
    return DetectionConfig(
        language=language,
        score_threshold=_number(merged.get("score_threshold", 0.4), "score_threshold", 0, 1),
        context=context,
        chunk_chars=_integer(merged.get("chunk_chars", 100_000), "chunk_chars", 1_000),
        batch_size=_integer(merged.get("batch_size", 32), "batch_size", 1),
        repeated_name_score=_number(merged.get("repeated_name_score", 0.5), "repeated_name_score", 0, 1),
        lower_case_name_score=_number(merged.get("lower_case_name_score", 0), "lower_case_name_score", 0, 1),
        table_column_score=_number(merged.get("table_column_score", 0), "table_column_score", 0, 1),
        bare_surname_score=bare_score,
        bare_surname_particles=tuple(" ".join(p.split()) for p in bare_particles),
        bare_surname_known_only=tuple(" ".join(p.split()) for p in known_only),
        capitalised_pair_score=_number(pairs_raw.get("score", 0), "capitalised_pairs.score", 0, 1),
        capitalised_pair_min_person_probability=_number(
            pairs_raw.get("min_person_probability", 0.5), "capitalised_pairs.min_person_probability", 0, 1
        ),
        cue_surname_score=cue_score,
        cue_surname_min_person_probability=_number(
            cue_raw.get("min_person_probability", 0.5), "cue_surnames.min_person_probability", 0, 1
        ),
        cue_surname_cues=tuple(c.strip() for c in cues),
        recognizers=recognizers,
        fingerprint=fingerprint,
        ner_model_configuration=_freeze(ner_model_configuration),
        entity_typer=entity_typer,
    )


def load_config(config_path: Path | str | None = None) -> DetectionConfig:
    """Read, validate and freeze the recognizer configuration.

    ``config_path=None`` reads the packaged ``conf/recognizers.yaml``. A user file overrides
    the packaged settings key by key; its ``recognizers`` list replaces the packaged one.
    """
    defaults = _parse(_read_default_bytes(), "packaged recognizers.yaml")
    settings = {k: v for k, v in defaults.items() if k != "recognizers"}
    if config_path is None:
        data, source = defaults, "packaged recognizers.yaml"
    else:
        path = Path(config_path)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise ConfigError(f"cannot read recognizer configuration {path}: {exc.strerror}") from None
        source = str(path)
        data = _parse(raw, source)
    canonical = json.dumps([settings, data], sort_keys=True, ensure_ascii=False, default=str)
    return _build(data, settings, hashlib.sha256(canonical.encode()).hexdigest(), source)
