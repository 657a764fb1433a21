"""The Detector: Presidio's AnalyzerEngine with the Dutch recognizers from the YAML configuration.

Presidio and spaCy are imported inside :class:`Detector` so that importing
``piigov.detection`` stays cheap. Nothing in this module logs, stores or raises with the
analysed text or the detected values.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import logging
import os
import shutil
import tempfile
from bisect import bisect_left, insort
from importlib import import_module
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from piigov.detection.config import ConfigError, DetectionConfig, RecognizerConfig, load_config
from piigov.detection.types import Detection

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

logger = logging.getLogger(__name__)

NLP_MODEL_ENV = "PIIGOV_NLP_MODEL"
DEFAULT_MODEL_NAME = "nl_piigov_ner"
CACHE_DIR_ENV = "PIIGOV_CACHE_DIR"
_VERSION_CHARS = 12
_SCORE_DECIMALS = 4

# Entity types that give way to any overlapping detection (see resolve_overlaps).
YIELDING_ENTITY_TYPES = frozenset({"ORGANIZATION"})

# Presidio log messages that carry analysed text in their arguments.
_LEAKY_PRESIDIO_MESSAGES = frozenset({"Failed to validate text %s"})


class DetectionError(RuntimeError):
    """Detection could not run. The message never contains the analysed text."""


class _RedactTextFilter(logging.Filter):
    """Blank out the arguments of Presidio log records that would contain analysed text."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.msg in _LEAKY_PRESIDIO_MESSAGES:
            record.args = tuple("<redacted>" for _ in (record.args or ()))
        return True


def _install_log_redaction() -> None:
    presidio_logger = logging.getLogger("presidio-analyzer")
    if not any(isinstance(f, _RedactTextFilter) for f in presidio_logger.filters):
        presidio_logger.addFilter(_RedactTextFilter())


def cache_dir() -> Path:
    """Directory for generated artefacts: $PIIGOV_CACHE_DIR, else ~/.cache/piigov."""
    configured = os.environ.get(CACHE_DIR_ENV)
    return Path(configured).expanduser() if configured else Path.home() / ".cache" / "piigov"


def blank_model_dir(language: str) -> Path:
    """A blank spaCy pipeline for ``language`` on disk, written once (atomically) to the cache dir."""
    import spacy

    target = cache_dir() / f"spacy-blank-{language}-{spacy.__version__}"
    if (target / "config.cfg").is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        spacy.blank(language).to_disk(staging)
        try:
            os.replace(staging, target)
        except OSError:
            # another process won the race; its copy is as good as ours
            if not (target / "config.cfg").is_file():
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def default_model_dir() -> Path:
    """The NER model shipped with the repository: ``<repo>/models/nl_piigov_ner`` (``make model``)."""
    return Path(__file__).resolve().parents[3] / "models" / DEFAULT_MODEL_NAME


def _resolve_model(nlp_model: str | None, language: str) -> tuple[str, bool]:
    """(spaCy model path or package name, is_default_blank)."""
    import spacy

    chosen = nlp_model or os.environ.get(NLP_MODEL_ENV) or None
    if chosen is None:
        shipped = default_model_dir()
        if (shipped / "config.cfg").is_file():
            return str(shipped), False
        logger.warning(
            "NER model %s not found (run `make model`); using a blank pipeline without statistical NER",
            shipped,
        )
        return str(blank_model_dir(language)), True
    if Path(chosen).expanduser().exists():
        return str(Path(chosen).expanduser()), False
    if spacy.util.is_package(chosen):
        return chosen, False
    # Presidio would try to download a missing model; nothing may leave this machine.
    raise DetectionError(f"spaCy model {chosen!r} is neither a directory nor an installed package")


def _model_label(nlp: Any, is_default_blank: bool, language: str, model: str) -> str:
    if is_default_blank:
        import spacy

        return f"blank:{language}@spacy-{spacy.__version__}"
    meta = nlp.meta
    label = f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}[{','.join(nlp.pipe_names)}]"
    if Path(model).is_dir():
        # a retrained model in the same directory keeps its name and version: add its content
        # (meta.json only describes it: training time, scores)
        digest = hashlib.sha256()
        root = Path(model)
        for path in sorted(p for p in root.rglob("*") if p.is_file() and p.name != "meta.json"):
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(b"\0")
            digest.update(path.read_bytes())
        label += f"@{digest.hexdigest()[:_VERSION_CHARS]}"
    return label


def _import_class(spec: RecognizerConfig) -> type:
    from presidio_analyzer import EntityRecognizer

    module_name, _, class_name = spec.class_path.rpartition(".")
    try:
        cls = getattr(import_module(module_name), class_name)
    except (ImportError, AttributeError) as exc:
        raise ConfigError(f"recognizer {spec.name!r}: cannot import {spec.class_path!r} ({exc})") from None
    if not (isinstance(cls, type) and issubclass(cls, EntityRecognizer)):
        raise ConfigError(f"recognizer {spec.name!r}: {spec.class_path!r} is not a Presidio EntityRecognizer")
    return cls


def _build_recognizer(spec: RecognizerConfig, language: str) -> Any:
    from presidio_analyzer import Pattern, PatternRecognizer

    cls = _import_class(spec)
    kwargs = spec.constructor_kwargs()
    kwargs["supported_language"] = language
    parameters = inspect.signature(cls.__init__).parameters
    if spec.context:
        kwargs["context"] = list(spec.context)
    if "name" in parameters:
        kwargs["name"] = spec.name
    try:
        recognizer = cls(**kwargs)
    except TypeError as exc:
        raise ConfigError(f"recognizer {spec.name!r}: bad constructor arguments ({exc})") from None
    if spec.scores:
        if not isinstance(recognizer, PatternRecognizer):
            raise ConfigError(f"recognizer {spec.name!r}: 'scores' needs a PatternRecognizer")
        known = {p.name for p in recognizer.patterns}
        unknown = sorted(set(spec.scores) - known)
        if unknown:
            raise ConfigError(
                f"recognizer {spec.name!r}: no patterns named {unknown}; known: {sorted(known)}"
            )
        # Copy only the patterns whose score changes: class-level Pattern objects are shared
        # between instances (and keep their compiled regex), so they must not be mutated.
        recognizer.patterns = [
            p
            if spec.scores.get(p.name, p.score) == p.score
            else Pattern(p.name, p.regex, spec.scores[p.name])
            for p in recognizer.patterns
        ]
    return recognizer


def _source_fingerprint() -> str:
    """sha256 over the detection package's Python sources (they decide what is detected)."""
    digest = hashlib.sha256()
    root = Path(__file__).parent
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _split(text: str, limit: int) -> list[tuple[int, str]]:
    """Cut ``text`` into (offset, chunk) pieces of at most ``limit`` chars, at line breaks if possible."""
    if len(text) <= limit:
        return [(0, text)]
    pieces: list[tuple[int, str]] = []
    start, length = 0, len(text)
    while start < length:
        end = min(start + limit, length)
        if end < length:
            floor = start + limit // 2
            cut = text.rfind("\n", floor, end)
            if cut == -1:
                cut = max(text.rfind(" ", floor, end), text.rfind("\t", floor, end))
            if cut != -1:
                end = cut + 1
        pieces.append((start, text[start:end]))
        start = end
    return pieces


def resolve_overlaps(
    detections: list[Detection], statistical: frozenset[str] = frozenset()
) -> list[Detection]:
    """Keep the best of overlapping detections (highest score, then longest span); sort by start.

    Entity types in :data:`YIELDING_ENTITY_TYPES` (organisation names from the NER model) are
    not personal data themselves: they are kept only where nothing else overlaps them, so
    "Stichting De Vries" as ORGANIZATION never hides a PERSON found inside it. At equal score a
    pattern beats a recognizer named in ``statistical`` (the NER model): a validated postcode
    or phone number is not part of a name the model guessed.
    """
    if len(detections) < 2:
        return list(detections)
    ranked = sorted(
        detections,
        key=lambda d: (
            d.entity_type in YIELDING_ENTITY_TYPES,
            -d.score,
            d.recognizer in statistical,
            d.start - d.end,
            d.start,
            d.entity_type,
        ),
    )
    starts: list[int] = []
    ends: list[int] = []
    kept: list[Detection] = []
    for det in ranked:
        i = bisect_left(starts, det.end)  # accepted spans starting before det.end are starts[:i]
        if i and ends[i - 1] > det.start:
            continue
        insort(starts, det.start)
        ends.insert(bisect_left(starts, det.start), det.end)
        kept.append(det)
    kept.sort(key=lambda d: (d.start, d.end, d.entity_type))
    return kept


def _remove_duplicates(results: list[Any]) -> list[Any]:
    """``EntityRecognizer.remove_duplicates`` (Presidio 2.2): the same results, in the same order.

    Equal results (entity type, span, score) are kept once -- the first, as ``set`` keeps it;
    zero scores are dropped; a result inside another one of its type with an equal or higher
    score is dropped; the rest is sorted by score, start and length.
    """
    unique: dict[tuple[Any, ...], Any] = {}
    for r in results:
        unique.setdefault((r.entity_type, r.start, r.end, r.score), r)
    ordered = sorted(
        unique.values(), key=lambda x: (str(x.entity_type), x.start, -(x.end - x.start), -x.score)
    )
    kept: list[Any] = []
    active: list[Any] = []
    entity = None
    for r in ordered:
        if r.entity_type != entity:
            entity, active = r.entity_type, []
        if r.score == 0:
            continue
        active = [f for f in active if f.end >= r.start]
        if any(r.start >= f.start and r.end <= f.end and r.score <= f.score for f in active):
            continue
        kept.append(r)
        active.append(r)
    return sorted(kept, key=lambda x: (-x.score, x.start, -(x.end - x.start)))


class Detector:
    """Finds personal data in Dutch text.

    :param config_path: recognizer YAML; default: the packaged ``conf/recognizers.yaml``
    :param nlp_model: spaCy model directory or installed package name; default:
        ``$PIIGOV_NLP_MODEL``, else the NER model shipped in ``<repo>/models/nl_piigov_ner``
        (see docs/model.md), else -- with a warning -- a blank Dutch pipeline written once to
        the cache dir (``$PIIGOV_CACHE_DIR``, else ``~/.cache/piigov``)

    Build it once per process (see :func:`get_detector`); building compiles the recognizers
    and loads spaCy, detecting is then cheap.
    """

    version: str
    entity_types: tuple[str, ...]

    def __init__(self, config_path: Path | None = None, nlp_model: str | None = None) -> None:
        os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
        _install_log_redaction()
        from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry
        from presidio_analyzer.nlp_engine import NlpEngineProvider
        from presidio_analyzer.predefined_recognizers import SpacyRecognizer
        from pydantic import ValidationError

        from piigov.detection.context import TokenContextEnhancer
        from piigov.detection.nlp import LeanSpacyNlpEngine
        from piigov.detection.prefilter import prefiltered
        from piigov.detection.wordlists import data_fingerprint

        self.config: DetectionConfig = load_config(config_path)
        language = self.config.language
        self._language = language

        model, is_default_blank = _resolve_model(nlp_model, language)
        nlp_configuration: dict[str, Any] = {
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": language, "model_name": model}],
        }
        ner_model_configuration = self.config.ner_model_configuration_dict()
        if ner_model_configuration:
            nlp_configuration["ner_model_configuration"] = ner_model_configuration
        provider = NlpEngineProvider(nlp_engines=(LeanSpacyNlpEngine,), nlp_configuration=nlp_configuration)
        try:
            self._nlp_engine = provider.create_engine()
        except ValidationError as exc:
            raise ConfigError(
                f"nlp.ner_model_configuration is invalid ({exc.error_count()} error(s))"
            ) from None
        self._nlp_engine.entity_typer_thresholds = self.config.entity_typer
        nlp = self._nlp_engine.get_nlp(language)
        nlp.max_length = max(nlp.max_length, self.config.chunk_chars + 1)
        self.model_label = _model_label(nlp, is_default_blank, language, model)

        recognizers = [_build_recognizer(spec, language) for spec in self.config.enabled_recognizers]
        if not recognizers:
            raise ConfigError("no recognizer is enabled")
        registry = RecognizerRegistry(recognizers=recognizers, supported_languages=[language])
        ctx = self.config.context
        self._analyzer = AnalyzerEngine(
            registry=registry,
            nlp_engine=self._nlp_engine,
            supported_languages=[language],
            default_score_threshold=self.config.score_threshold,
            context_aware_enhancer=TokenContextEnhancer(
                context_similarity_factor=ctx.similarity_factor,
                min_score_with_context_similarity=ctx.min_score_with_context,
                context_prefix_count=ctx.prefix_count,
                context_suffix_count=ctx.suffix_count,
            ),
        )
        # The Detector's own path: the same recognizers, pattern recognizers trying their
        # regexes only where a match can start (piigov.detection.prefilter; same results).
        self._fast_analyzer = AnalyzerEngine(
            registry=RecognizerRegistry(
                recognizers=[prefiltered(r) for r in recognizers], supported_languages=[language]
            ),
            nlp_engine=self._nlp_engine,
            supported_languages=[language],
            default_score_threshold=self.config.score_threshold,
            context_aware_enhancer=self._analyzer.context_aware_enhancer,
        )
        # what the fast analyzer's analyze() would work out on every call
        self._fast_recognizers = self._fast_analyzer.registry.get_recognizers(
            language=language, all_fields=True
        )
        self._fast_entities = self._fast_analyzer.get_supported_entities(language=language)
        self._fast_own_context = any(
            type(r).enhance_using_context is not EntityRecognizer.enhance_using_context
            for r in self._fast_recognizers
        )
        self.recognizer_names: tuple[str, ...] = tuple(r.name for r in recognizers)
        self._statistical = frozenset(r.name for r in recognizers if isinstance(r, SpacyRecognizer))
        self._document_steps = self._build_document_steps(str(nlp.path or ""))
        self._final_steps = self._build_final_steps(str(nlp.path or ""))
        self.entity_types = tuple(sorted({e for r in recognizers for e in r.supported_entities}))

        try:
            presidio_version = package_version("presidio-analyzer")
        except PackageNotFoundError:  # pragma: no cover - installed in every supported setup
            presidio_version = "unknown"
        from piigov import __version__ as piigov_version

        digest = hashlib.sha256()
        for part in (
            f"piigov={piigov_version}",
            f"presidio-analyzer={presidio_version}",
            f"model={self.model_label}",
            f"config={self.config.fingerprint}",
            f"data={data_fingerprint()}",
            f"source={_source_fingerprint()}",
        ):
            digest.update(part.encode())
            digest.update(b"\n")
        self.version = digest.hexdigest()[:_VERSION_CHARS]
        logger.info(
            "detector ready: version=%s model=%s recognizers=%s",
            self.version,
            self.model_label,
            ",".join(self.recognizer_names),
        )

    def __repr__(self) -> str:
        return (
            f"Detector(version={self.version!r}, model={self.model_label!r}, entities={self.entity_types!r})"
        )

    def detect(self, text: str) -> list[Detection]:
        """Personal data in ``text``, sorted by start; overlapping detections resolved."""
        return self.detect_many([text])[0]

    def detect_many(self, texts: Iterable[str]) -> list[list[Detection]]:
        """:meth:`detect` for many texts; tokenises them in spaCy batches (``nlp.pipe``)."""
        items = list(texts)
        segments: list[tuple[int, int, str]] = []
        for index, text in enumerate(items):
            if not isinstance(text, str):
                raise TypeError(f"texts[{index}] is {type(text).__name__}, expected str")
            if text.strip():
                segments.extend(
                    (index, offset, chunk) for offset, chunk in _split(text, self.config.chunk_chars)
                )
        found: list[list[Detection]] = [[] for _ in items]
        if not segments:
            return found
        threshold = self.config.score_threshold
        stage = "tokenising"
        try:
            artifacts = self._nlp_engine.process_batch(
                [chunk for _, _, chunk in segments],
                self._language,
                batch_size=self.config.batch_size,
                fast_ner=True,
            )
            for (index, offset, chunk), (_, nlp_artifacts) in zip(segments, artifacts, strict=True):
                stage = "analysing"
                found[index].extend(self._analyze(chunk, offset, nlp_artifacts, threshold))
                stage = "tokenising"
        except Exception as exc:
            # The original exception may quote the text (e.g. a ValueError from a recognizer):
            # report only its type, and do not chain it.
            raise DetectionError(f"detection failed while {stage} ({type(exc).__name__})") from None
        return [self.finish(text, detections) for text, detections in zip(items, found, strict=True)]

    def finish(self, text: str, detections: list[Detection]) -> list[Detection]:
        """The document-level steps after the recognizers: overlaps resolved, persons next to an
        institution word made organisations (:mod:`piigov.detection.institutions`), capitalised
        word pairs the entity typer takes for persons (:mod:`piigov.detection.name_pairs`), surnames
        right after a reporting verb or role (:mod:`piigov.detection.cue_surnames`), bare surnames
        with a capitalised particle (:mod:`piigov.detection.particle_surnames`), lower-case names after
        a form of address (:mod:`piigov.detection.lower_case_names`), the other cells of
        name and place columns (:mod:`piigov.detection.table_columns`) and the bare repeats of names
        found in the document (:mod:`piigov.detection.propagation`) added; what a step adds is held
        against the institution words too. Then the steps that may replace what was found
        (:meth:`_build_final_steps`)."""
        from piigov.detection.institutions import as_organisations

        resolved = as_organisations(text, resolve_overlaps(detections, self._statistical))
        for step in self._document_steps:
            added = as_organisations(text, step(text, resolved))  # "de Ibn Taymiyya-moskee"
            if added:
                persons = {(d.start, d.end) for d in added}
                kept = [d for d in resolved if (d.start, d.end) not in persons]
                resolved = sorted(kept + added, key=lambda d: (d.start, d.end, d.entity_type))
        return self._final_steps(text, resolved)

    def _build_final_steps(self, model_path: str) -> Callable[[str, list[Detection]], list[Detection]]:
        """The steps of :meth:`finish` that may replace detections, in order, with their word lists
        bound: the cells of a table's header row dropped
        (:func:`piigov.detection.table_columns.without_header_cells`), lone names after an
        institution word made organisations throughout the document
        (:func:`piigov.detection.institutions.as_organisations_by_document`), then register-order
        cells, names before their e-mail address, names joined by "en" and the parts of one name
        joined (:mod:`piigov.detection.name_joins`)."""
        from piigov.detection.entity_typer import load_typer
        from piigov.detection.institutions import as_organisations_by_document
        from piigov.detection.name_joins import (
            coordinated_names,
            joined_names,
            listed_names,
            names_before_their_address,
            register_order_names,
        )
        from piigov.detection.nlp import _particle_words, _person_exceptions
        from piigov.detection.propagation import RECOGNIZER_NAME as REPEAT_RECOGNIZER
        from piigov.detection.table_columns import without_header_cells
        from piigov.detection.wordlists import places, variant_set

        organisation, other = _person_exceptions()
        typer = load_typer(model_path)
        sure = self.config.capitalised_pair_min_person_probability
        unlikely = self.config.entity_typer[0] if self.config.entity_typer is not None else sure
        words: dict[str, Any] = {"exceptions": organisation | other, "places": places()}
        model = {**words, "statistical": self._statistical}
        steps: list[Callable[[str, list[Detection]], list[Detection]]] = [
            # the cells of a table's header row head columns, they name no one
            without_header_cells,
            # the model's and the repeats' lone names after an institution word: organisations
            functools.partial(
                as_organisations_by_document, retypable={*self._statistical, REPEAT_RECOGNIZER}
            ),
            functools.partial(register_order_names, **model),
            functools.partial(names_before_their_address, **model),
            functools.partial(coordinated_names, **model, typer=typer, min_person_probability=sure),
            # an item of a list of persons is held to what keeps a model person (not a pair's bar)
            functools.partial(listed_names, **model, typer=typer, min_person_probability=unlikely),
            functools.partial(
                joined_names,
                **words,
                first_names=variant_set("first_names.txt"),
                particles=_particle_words(),
                typer=typer,
                min_person_probability=sure,
            ),
        ]

        def run(text: str, detections: list[Detection]) -> list[Detection]:
            for step in steps:
                detections = step(text, detections)
            return detections

        return run

    def _build_document_steps(
        self, model_path: str
    ) -> list[Callable[[str, list[Detection]], list[Detection]]]:
        """The steps of :meth:`finish` that add persons, in order, each with its word lists bound;
        a step whose score in the configuration is 0 (or that needs the entity typer the model
        lacks) is left out."""
        from piigov.detection.entity_typer import load_typer
        from piigov.detection.nlp import _lower_case_words, _particle_words, _person_exceptions
        from piigov.detection.wordlists import places, variant_set

        config = self.config
        organisation, other = _person_exceptions()
        exceptions = organisation | other
        lower_case_words = _lower_case_words(model_path)
        typer = load_typer(model_path)
        steps: list[Callable[[str, list[Detection]], list[Detection]]] = []
        if config.capitalised_pair_score > 0 and typer is not None:
            from piigov.detection.name_pairs import capitalised_pairs

            steps.append(
                functools.partial(
                    capitalised_pairs,
                    typer=typer,
                    exceptions=exceptions,
                    places=places(),
                    min_person_probability=config.capitalised_pair_min_person_probability,
                    score=config.capitalised_pair_score,
                )
            )
        if config.cue_surname_score > 0 and typer is not None:
            from piigov.detection.cue_surnames import cue_pattern, cue_surnames

            steps.append(
                functools.partial(
                    cue_surnames,
                    pattern=cue_pattern(config.cue_surname_cues),
                    typer=typer,
                    statistical=self._statistical,
                    exceptions=exceptions,
                    places=places(),
                    min_person_probability=config.cue_surname_min_person_probability,
                    score=config.cue_surname_score,
                )
            )
        if config.bare_surname_score > 0:
            from piigov.detection.particle_surnames import bare_particle_surnames, particle_pattern

            steps.append(
                functools.partial(
                    bare_particle_surnames,
                    pattern=particle_pattern(config.bare_surname_particles),
                    interfix_surnames=variant_set("interfix_surnames.txt"),
                    known_surname_only=frozenset(config.bare_surname_known_only),
                    lower_case_words=lower_case_words,
                    exceptions=exceptions,
                    organisation_words=organisation,
                    places=places(),
                    score=config.bare_surname_score,
                )
            )
        if config.lower_case_name_score > 0:
            from piigov.detection.lower_case_names import lower_case_names

            steps.append(
                functools.partial(
                    lower_case_names,
                    lower_case_words=lower_case_words,
                    particles=_particle_words(),
                    score=config.lower_case_name_score,
                )
            )
        if config.table_column_score > 0:
            from piigov.detection.table_columns import column_values

            steps.append(functools.partial(column_values, score=config.table_column_score))
        if config.repeated_name_score > 0:
            from piigov.detection.name_pairs import person_probability
            from piigov.detection.propagation import repeated_names

            vouch = None
            if typer is not None and config.entity_typer is not None:
                # the model's lone one-word persons are repeated where the typer is as sure as it
                # must be to make a model place or organisation a person
                sure = config.entity_typer[1]

                def vouch(text: str, det: Detection) -> bool:
                    return person_probability(typer, text, det.start, det.end) >= sure

            steps.append(
                functools.partial(
                    repeated_names,
                    statistical=self._statistical,
                    particles=_particle_words(),
                    lower_case_words=lower_case_words,
                    exceptions=exceptions,
                    score=config.repeated_name_score,
                    vouch=vouch,
                )
            )
        return steps

    def _analyze(self, text: str, offset: int, nlp_artifacts: Any, threshold: float) -> list[Detection]:
        """``self._fast_analyzer.analyze(...)`` (Presidio 2.2) without its per-request overhead.

        The same steps in the same order: every recognizer of the registry, recognizer ids added
        where missing, recognizer-level context enhancement (only where a recognizer overrides it),
        the context enhancer, the score threshold and ``EntityRecognizer.remove_duplicates`` --
        but the recognizer list, the supported entities and the per-recognizer regrouping are
        worked out once, and duplicates are dropped by key instead of by hashing formatted strings.
        """
        from presidio_analyzer import RecognizerResult

        recognizers, entities = self._fast_recognizers, self._fast_entities
        results: list[Any] = []
        for recognizer in recognizers:
            if not recognizer.is_loaded:
                recognizer.load()
                recognizer.is_loaded = True
            current = recognizer.analyze(text=text, entities=entities, nlp_artifacts=nlp_artifacts)
            if not current:
                continue
            for result in current:
                metadata = result.recognition_metadata
                if metadata is None:
                    metadata = result.recognition_metadata = {}
                metadata.setdefault(RecognizerResult.RECOGNIZER_NAME_KEY, recognizer.name)
                metadata.setdefault(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY, recognizer.id)
            results.extend(current)
        if not results:
            return []
        if self._fast_own_context:
            # Presidio regroups the results by recognizer (registry order) and lets each
            # recognizer enhance its own; results of an unknown recognizer id are dropped there
            key = RecognizerResult.RECOGNIZER_IDENTIFIER_KEY
            regrouped: list[Any] = []
            for recognizer in recognizers:
                mine = [r for r in results if r.recognition_metadata[key] == recognizer.id]
                others = [r for r in results if r.recognition_metadata[key] != recognizer.id]
                regrouped.extend(
                    recognizer.enhance_using_context(
                        text=text,
                        raw_recognizer_results=mine,
                        other_raw_recognizer_results=others,
                        nlp_artifacts=nlp_artifacts,
                        context=None,
                    )
                )
            results = regrouped
        results = self._fast_analyzer.context_aware_enhancer.enhance_using_context(
            text=text, raw_results=results, nlp_artifacts=nlp_artifacts, recognizers=recognizers, context=None
        )
        return [
            Detection(
                entity_type=r.entity_type,
                start=r.start + offset,
                end=r.end + offset,
                score=round(float(r.score), _SCORE_DECIMALS),
                recognizer=str((r.recognition_metadata or {}).get("recognizer_name", "")),
            )
            for r in _remove_duplicates([r for r in results if r.score >= threshold])
        ]


@functools.lru_cache(maxsize=1)
def get_detector() -> Detector:
    """The process-wide Detector with the default configuration and model (built on first use)."""
    return Detector()
