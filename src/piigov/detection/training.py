"""Train the statistical Dutch NER model shipped in ``models/nl_piigov_ner`` (``make model``).

Steps, all seeded so that a rerun on the same data and versions gives the same model:

1. read CoNLL-2002 Dutch (``ned.train`` to train, ``ned.testa`` to evaluate; directory
   ``$PIIGOV_CONLL_DIR``, default ``<repo>/../shared/data/conll2002``);
2. augment ``ned.train`` with copies of sentences whose PER spans are replaced by names of
   Moroccan, Turkish, Surinamese, Somali, Antillean, Polish, ... origin (first names from
   ``data/first_names.txt``, surnames from ``data/surnames_training.txt``, a quarter of them
   without diacritics), and with copies in which common words are capitalised as in letters
   and headings ("Team Werk en Inkomen"); ``ned.testa`` is never changed;
3. convert both to ``.spacy`` DocBins of about ten sentences a document, labels PERSON,
   LOCATION, ORGANIZATION, MISC;
4. train ``training/ner/config.cfg`` (tok2vec + ner, CPU) with bounded steps;
5. evaluate the best model on ``ned.testa`` (P/R/F per label) and write it, stripped, to
   ``models/nl_piigov_ner``, with the lower-case words of ``ned.train`` (``lower_case_words.txt``,
   used by the Detector against capitalised common words taken for names).

No Airflow, no network. Run: ``python -m piigov.detection.training [--help]``.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import re
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from piigov.detection.wordlists import data_text, fold_diacritics

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

logger = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parents[3]
CONLL_DIR_ENV = "PIIGOV_CONLL_DIR"
DEFAULT_CONLL_DIR = REPO_ROOT.parent / "shared" / "data" / "conll2002"
CONFIG_PATH = REPO_ROOT / "training" / "ner" / "config.cfg"
MODEL_DIR = REPO_ROOT / "models" / "nl_piigov_ner"
WORK_DIR = REPO_ROOT / "build" / "ner-training"
TRAIN_FILE = "ned.train"
DEV_FILE = "ned.testa"

# CoNLL-2002 type -> label of the shipped model (Presidio entity names, except MISC which is ignored).
LABELS = {"PER": "PERSON", "LOC": "LOCATION", "ORG": "ORGANIZATION", "MISC": "MISC"}
SENTENCES_PER_DOC = 10
# Shipped with the model: lower-case words of ned.train (see LeanSpacyNlpEngine: a PERSON or
# LOCATION of one capitalised word that is one of these is not reported on the model's word alone).
LOWER_CASE_WORDS_FILE = "lower_case_words.txt"
LOWER_CASE_MIN_COUNT = 2
SEED = 0
MODEL_NAME = "piigov_ner"
MODEL_VERSION = "1.0.0"

# Share of origins among the replacement names (Dutch names stay in, so that the model does not learn
# "foreign-looking = name"). Keys are the origin groups of first_names.txt / surnames_training.txt.
ORIGIN_WEIGHTS = {
    "dutch": 0.14,
    "moroccan": 0.2,
    "turkish": 0.2,
    "surinamese": 0.16,
    "somali": 0.1,
    "antillean": 0.06,
    "polish": 0.06,
    "other": 0.08,
}
AUGMENT_COPIES = 1  # replaced copies per ned.train sentence with a PER span
FOLD_PROBABILITY = 0.25  # names also appear without diacritics in Dutch records ("Yilmaz", "Ozturk")
# Government letters capitalise many common words ("Team Werk en Inkomen", "Algemene wet
# bestuursrecht", "Cliënt is ..."); newspaper text rarely does, and a model trained on it takes
# such words for names. A share of ned.train sentences is copied with some non-entity words
# capitalised (tags unchanged) so that capitalisation alone does not make a name.
CASE_COPY_SHARE = 0.25
CASE_WORD_PROBABILITY = 0.3
CASE_MIN_LENGTH = 4  # "de", "van", "het" stay lower case: they are name particles

_FIRST_NAME_SECTIONS = {
    "dutch": "dutch",
    "moroccan": "moroccan",
    "turkish": "turkish",
    "surinamese": "surinamese",
    "antillean": "antillean",
    "somali": "somali",
    "polish": "polish",
}
_SECTION = re.compile(r"^#\s*---\s*(.+?)\s*$")


@dataclass(frozen=True)
class Sentence:
    """One CoNLL sentence: tokens and their IOB tags as in the file (``B-PER``, ``I-LOC``, ``O``)."""

    words: tuple[str, ...]
    tags: tuple[str, ...]


def conll_dir() -> Path:
    """``$PIIGOV_CONLL_DIR``, else ``<repo>/../shared/data/conll2002``."""
    configured = os.environ.get(CONLL_DIR_ENV)
    return Path(configured).expanduser() if configured else DEFAULT_CONLL_DIR


def parse_conll(text: str) -> list[list[Sentence]]:
    """Documents (lists of sentences) from CoNLL text ``token [POS ...] tag`` a line.

    A blank line ends a sentence, a ``-DOCSTART-`` line starts a new document. The tag is the
    last column.
    """
    documents: list[list[Sentence]] = [[]]
    words: list[str] = []
    tags: list[str] = []

    def close_sentence() -> None:
        if words:
            documents[-1].append(Sentence(tuple(words), tuple(tags)))
            words.clear()
            tags.clear()

    for number, line in enumerate(text.splitlines(), start=1):
        columns = line.split()
        if not columns:
            close_sentence()
            continue
        if columns[0] == "-DOCSTART-":
            close_sentence()
            if documents[-1]:
                documents.append([])
            continue
        if len(columns) < 2:
            raise ValueError(f"line {number}: expected 'token ... tag', got {len(columns)} column(s)")
        words.append(columns[0])
        tags.append(columns[-1])
    close_sentence()
    return [doc for doc in documents if doc]


def read_conll(path: Path) -> list[list[Sentence]]:
    return parse_conll(path.read_text(encoding="utf-8"))


def iob_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Token spans ``(start, end, label)`` from IOB tags, labels mapped with :data:`LABELS`.

    Accepts IOB2 (every entity starts with ``B-``) and IOB1 (``B-`` only between two adjacent
    entities of one type): an ``I-`` tag that does not continue an entity of its type starts one.
    """
    spans: list[tuple[int, int, str]] = []
    start, current = -1, ""
    for i, tag in enumerate((*tags, "O")):
        prefix, _, kind = tag.partition("-")
        if prefix not in {"B", "I", "O"} or (prefix == "O") != (kind == ""):
            raise ValueError(f"token {i}: bad IOB tag {tag!r}")
        continues = prefix == "I" and kind == current
        if current and not continues:
            spans.append((start, i, LABELS[current]))
            current = ""
        if prefix == "B" or (prefix == "I" and not continues):
            if kind not in LABELS:
                raise ValueError(f"token {i}: unknown entity type {kind!r}")
            start, current = i, kind
    return spans


def sentences_to_doc(vocab: Vocab, sentences: Sequence[Sentence]) -> Doc:
    """One spaCy Doc of the sentences, with sentence starts and entities."""
    from spacy.tokens import Doc, Span

    words: list[str] = []
    sent_starts: list[bool] = []
    entities: list[tuple[int, int, str]] = []
    for sentence in sentences:
        offset = len(words)
        words.extend(sentence.words)
        sent_starts.extend(i == 0 for i in range(len(sentence.words)))
        entities.extend((offset + s, offset + e, label) for s, e, label in iob_spans(sentence.tags))
    doc = Doc(vocab, words=words, sent_starts=sent_starts)
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in entities]
    return doc


def to_docs(
    vocab: Vocab, documents: Iterable[Sequence[Sentence]], per_doc: int = SENTENCES_PER_DOC
) -> list[Doc]:
    """Docs of at most ``per_doc`` consecutive sentences, never across a CoNLL document boundary."""
    return [
        sentences_to_doc(vocab, document[i : i + per_doc])
        for document in documents
        for i in range(0, len(document), per_doc)
    ]


# --- augmentation -------------------------------------------------------------------------------


def _grouped_wordlist(name: str, section_to_origin: dict[str, str] | None = None) -> dict[str, list[str]]:
    """Entries of a data file grouped by its ``# --- Section`` headers.

    With ``section_to_origin``, a section is put in the first origin whose key occurs in its
    lower-cased title, sections matching none go to ``other``; without it, the lower-cased first
    word of the title is the origin.
    """
    groups: dict[str, list[str]] = {}
    origin = "other"
    for raw in data_text(name).splitlines():
        header = _SECTION.match(raw.strip())
        if header:
            title = header.group(1).lower()
            if section_to_origin is None:
                origin = re.split(r"\W+", title, maxsplit=1)[0]
            else:
                origin = next((o for key, o in section_to_origin.items() if key in title), "other")
            continue
        entry = " ".join(raw.split("#", 1)[0].split())
        if entry:
            groups.setdefault(origin, []).append(entry)
    return {k: sorted(set(v), key=v.index) for k, v in groups.items()}


@dataclass(frozen=True)
class NamePool:
    """First names and surnames by origin, for replacing PER spans."""

    first_names: dict[str, list[str]]
    surnames: dict[str, list[str]]

    @classmethod
    def load(cls) -> NamePool:
        first = _grouped_wordlist("first_names.txt", _FIRST_NAME_SECTIONS)
        last = _grouped_wordlist("surnames_training.txt")
        missing = sorted(o for o in ORIGIN_WEIGHTS if not first.get(o) or not last.get(o))
        if missing:
            raise ValueError(f"no first names or surnames for origin(s) {missing}")
        return cls(first, last)

    def name(self, rng: random.Random, origin: str, n_tokens: int) -> str:
        """A name for a PER span of ``n_tokens`` tokens: mostly the same shape as the original.

        One-token spans (newspapers name people by surname after the first mention) get a
        surname, longer ones a first name + surname, sometimes an initial + surname.
        """
        surname = rng.choice(self.surnames[origin])
        if n_tokens == 1 and rng.random() < 0.8:
            return surname
        roll = rng.random()
        if roll < 0.12:
            return f"{rng.choice(self.first_names[origin])[0]}. {surname}"
        if roll < 0.2:
            return f"{rng.choice(self.first_names[origin])} {rng.choice(self.first_names[origin])} {surname}"
        return f"{rng.choice(self.first_names[origin])} {surname}"


def replace_person_spans(
    sentence: Sentence, rng: random.Random, pool: NamePool, tokenize: Any
) -> tuple[Sentence, str]:
    """A copy of ``sentence`` with every PER span replaced by a name of one random origin."""
    origins = list(ORIGIN_WEIGHTS)
    origin = rng.choices(origins, weights=[ORIGIN_WEIGHTS[o] for o in origins])[0]
    words: list[str] = []
    tags: list[str] = []
    position = 0
    for start, end, label in iob_spans(sentence.tags):
        if label != LABELS["PER"]:
            continue
        words.extend(sentence.words[position:start])
        tags.extend(sentence.tags[position:start])
        name = pool.name(rng, origin, end - start)
        if rng.random() < FOLD_PROBABILITY:
            name = fold_diacritics(name)
        name_tokens = tokenize(name)
        words.extend(name_tokens)
        tags.extend(["B-PER"] + ["I-PER"] * (len(name_tokens) - 1))
        position = end
    words.extend(sentence.words[position:])
    tags.extend(sentence.tags[position:])
    # an entity right after the replaced span must still start with B- (IOB1 input)
    fixed = [
        f"B-{tag[2:]}" if tag.startswith("I-") and (i == 0 or tags[i - 1][2:] != tag[2:]) else tag
        for i, tag in enumerate(tags)
    ]
    return Sentence(tuple(words), tuple(fixed)), origin


def augment(
    documents: Sequence[Sequence[Sentence]],
    pool: NamePool,
    tokenize: Any,
    seed: int = SEED,
    copies: int = AUGMENT_COPIES,
) -> tuple[list[list[Sentence]], dict[str, int]]:
    """Extra documents: ``copies`` name-replaced copies of every sentence with a PER span.

    Returns the new documents (grouped like the originals) and the number of copies per origin.
    """
    rng = random.Random(seed)
    counts: dict[str, int] = {}
    extra: list[list[Sentence]] = []
    for document in documents:
        replaced: list[Sentence] = []
        for sentence in document:
            if not any(tag.endswith("-PER") for tag in sentence.tags):
                continue
            for _ in range(copies):
                new, origin = replace_person_spans(sentence, rng, pool, tokenize)
                replaced.append(new)
                counts[origin] = counts.get(origin, 0) + 1
        if replaced:
            extra.append(replaced)
    return extra, counts


def capitalise_common_words(
    documents: Sequence[Sequence[Sentence]],
    seed: int = SEED,
    share: float = CASE_COPY_SHARE,
    probability: float = CASE_WORD_PROBABILITY,
) -> tuple[list[list[Sentence]], int]:
    """Extra documents: copies of a ``share`` of the sentences with lower-case words outside
    entities capitalised (each with ``probability``); returns them and the number of copies."""
    rng = random.Random(seed + 1)
    extra: list[list[Sentence]] = []
    count = 0
    for document in documents:
        copies: list[Sentence] = []
        for sentence in document:
            if rng.random() >= share:
                continue
            words = list(sentence.words)
            for i, (word, tag) in enumerate(zip(sentence.words, sentence.tags, strict=True)):
                if (
                    tag == "O"
                    and len(word) >= CASE_MIN_LENGTH
                    and word.isalpha()
                    and word.islower()
                    and rng.random() < probability
                ):
                    words[i] = word[0].upper() + word[1:]
            if words != list(sentence.words):
                copies.append(Sentence(tuple(words), sentence.tags))
        if copies:
            extra.append(copies)
            count += len(copies)
    return extra, count


# --- corpus, training, evaluation ---------------------------------------------------------------


def write_corpus(
    work_dir: Path,
    source: Path | None = None,
    augmentation: bool = True,
    seed: int = SEED,
    case_augmentation: bool = True,
) -> dict[str, Any]:
    """Write ``train.spacy`` and ``dev.spacy`` to ``work_dir``; returns corpus statistics."""
    import spacy
    from spacy.tokens import DocBin

    source = source or conll_dir()
    train_path, dev_path = source / TRAIN_FILE, source / DEV_FILE
    for path in (train_path, dev_path):
        if not path.is_file():
            raise FileNotFoundError(f"{path} not found; set {CONLL_DIR_ENV} to the CoNLL-2002 directory")
    nlp = spacy.blank("nl")
    train_docs = read_conll(train_path)
    dev_docs = read_conll(dev_path)
    stats: dict[str, Any] = {
        "train_sentences": sum(len(d) for d in train_docs),
        "dev_sentences": sum(len(d) for d in dev_docs),
    }
    extra_docs: list[list[Sentence]] = []
    if augmentation:
        extra, counts = augment(
            train_docs, NamePool.load(), lambda text: [t.text for t in nlp.tokenizer(text)], seed
        )
        stats["name_augmented_sentences"] = sum(len(d) for d in extra)
        stats["name_augmented_by_origin"] = dict(sorted(counts.items()))
        extra_docs += extra
    if case_augmentation:
        extra, stats["case_augmented_sentences"] = capitalise_common_words(train_docs, seed)
        extra_docs += extra
    train_docs = train_docs + extra_docs
    work_dir.mkdir(parents=True, exist_ok=True)
    for name, documents in (("train", train_docs), ("dev", dev_docs)):
        docs = to_docs(nlp.vocab, documents)
        DocBin(attrs=["ORTH", "ENT_IOB", "ENT_TYPE", "SENT_START"], docs=docs).to_disk(
            work_dir / f"{name}.spacy"
        )
        stats[f"{name}_docs"] = len(docs)
    return stats


def lower_case_words(
    documents: Iterable[Sequence[Sentence]], min_count: int = LOWER_CASE_MIN_COUNT
) -> list[str]:
    """Alphabetic words written in lower case outside entities at least ``min_count`` times, sorted."""
    counts: dict[str, int] = {}
    for document in documents:
        for sentence in document:
            for word, tag in zip(sentence.words, sentence.tags, strict=True):
                if tag == "O" and word.isalpha() and word.islower():
                    counts[word] = counts.get(word, 0) + 1
    return sorted(w for w, n in counts.items() if n >= min_count)


def train_model(
    work_dir: Path, config_path: Path = CONFIG_PATH, overrides: dict[str, Any] | None = None
) -> Path:
    """Train with spaCy's loop; returns the directory of the best model (by dev score)."""
    from spacy.cli.train import train as spacy_train

    output = work_dir / "output"
    shutil.rmtree(output, ignore_errors=True)
    spacy_train(
        config_path,
        output,
        use_gpu=-1,
        overrides={
            "paths.train": str(work_dir / "train.spacy"),
            "paths.dev": str(work_dir / "dev.spacy"),
            **(overrides or {}),
        },
    )
    return output / "model-best"


def evaluate(nlp: Language, dev_path: Path, windowed: bool = False) -> dict[str, dict[str, float]]:
    """Precision, recall and F1 per label (and ``ALL``) of ``nlp`` on the gold docs in ``dev_path``.

    ``windowed=True`` runs the model the way the Detector does: only on the windows around
    capitalised words (:func:`piigov.detection.nlp.ner_windows`).
    """
    from spacy.scorer import Scorer
    from spacy.tokens import DocBin
    from spacy.training import Example

    gold = list(DocBin().from_disk(dev_path).get_docs(nlp.vocab))
    texts = [doc.text for doc in gold]
    if windowed:
        from piigov.detection.nlp import _WINDOW_MARGIN, _pipe_windowed, receptive_field

        field = receptive_field(nlp)
        if field is None:
            raise ValueError("the pipeline cannot run windowed (not tok2vec CNN + ner)")
        predicted = _pipe_windowed(nlp, texts, 64, field + _WINDOW_MARGIN)
    else:
        predicted = list(nlp.pipe(texts, batch_size=64))
    scores = Scorer.score_spans([Example(p, g) for p, g in zip(predicted, gold, strict=True)], "ents")
    table = {
        label: {k: round(v, 4) for k, v in prf.items()} for label, prf in scores["ents_per_type"].items()
    }
    table["ALL"] = {k: round(scores[f"ents_{k}"], 4) for k in ("p", "r", "f")}
    return dict(sorted(table.items()))


def throughput(nlp: Language, texts: Sequence[str], repeats: int = 1) -> dict[str, float]:
    """Words and megabytes (UTF-8) per CPU second of ``nlp.pipe`` over ``texts`` (one thread)."""
    size = sum(len(t.encode("utf-8")) for t in texts) * repeats
    for _ in nlp.pipe(texts[:8]):  # warm-up: first calls allocate
        pass
    words = 0
    started = time.process_time()  # CPU time of this process: other jobs on the machine do not count
    for _ in range(repeats):
        words += sum(len(doc) for doc in nlp.pipe(texts, batch_size=64))
    elapsed = time.process_time() - started
    return {"words_per_s": round(words / elapsed), "mb_per_s": round(size / elapsed / 1e6, 3)}


def ship(best: Path, target: Path, meta: dict[str, Any], words: Sequence[str] = ()) -> int:
    """Copy the trained pipeline to ``target`` without training leftovers; returns its size in bytes."""
    import spacy
    from spacy.util import load_config

    nlp = spacy.load(best)
    nlp.meta.update(meta)
    staging = target.with_name(f".{target.name}.staging")
    shutil.rmtree(staging, ignore_errors=True)
    staging.parent.mkdir(parents=True, exist_ok=True)
    # The vocab holds every string seen in training; the model needs none of them (hash
    # embeddings; the NER keeps its labels itself), so it is left out.
    nlp.to_disk(staging, exclude=["vocab"])
    config = load_config(staging / "config.cfg")
    for key in ("train", "dev"):  # paths into the build directory of this machine
        config["paths"][key] = None
    config.to_disk(staging / "config.cfg")
    if words:
        (staging / LOWER_CASE_WORDS_FILE).write_text("\n".join(words) + "\n", encoding="utf-8")
    shutil.rmtree(target, ignore_errors=True)
    staging.replace(target)
    return sum(p.stat().st_size for p in target.rglob("*") if p.is_file())


def dev_texts(source: Path | None = None) -> list[str]:
    """ned.testa as plain text, one string per ten sentences (tokens joined by spaces)."""
    documents = read_conll((source or conll_dir()) / DEV_FILE)
    return [
        "\n".join(" ".join(s.words) for s in document[i : i + SENTENCES_PER_DOC])
        for document in documents
        for i in range(0, len(document), SENTENCES_PER_DOC)
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m piigov.detection.training", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--conll-dir", type=Path, default=None, help=f"default: ${CONLL_DIR_ENV} or {DEFAULT_CONLL_DIR}"
    )
    parser.add_argument("--config", type=Path, default=CONFIG_PATH)
    parser.add_argument("--work-dir", type=Path, default=WORK_DIR)
    parser.add_argument("--output", type=Path, default=MODEL_DIR)
    parser.add_argument("--no-augmentation", action="store_true", help="no name augmentation")
    parser.add_argument(
        "--no-case-augmentation", action="store_true", help="no capitalised-word augmentation"
    )
    parser.add_argument("--max-steps", type=int, default=None, help="override training.max_steps")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    os.environ.setdefault("OMP_NUM_THREADS", "1")

    import spacy

    source = args.conll_dir or conll_dir()
    started = time.perf_counter()
    stats = write_corpus(
        args.work_dir,
        source,
        augmentation=not args.no_augmentation,
        case_augmentation=not args.no_case_augmentation,
    )
    logger.info("corpus: %s", json.dumps(stats))
    overrides = {"training.max_steps": args.max_steps} if args.max_steps is not None else {}
    best = train_model(args.work_dir, args.config, overrides)
    train_seconds = time.perf_counter() - started

    nlp = spacy.load(best)
    scores = evaluate(nlp, args.work_dir / "dev.spacy")
    speed = throughput(nlp, dev_texts(source))
    meta = {
        "name": MODEL_NAME,
        "version": MODEL_VERSION,
        "description": "Dutch NER (PERSON, LOCATION, ORGANIZATION, MISC) for piigov, trained on CoNLL-2002 "
        "ned.train with name and capitalisation augmentation; see docs/model.md",
        "license": "research use (CoNLL-2002 training data)",
        "sources": [{"name": "CoNLL-2002 Dutch (ned.train)", "author": "Tjong Kim Sang (2002)"}],
        "performance": {"ned.testa": scores, "throughput_one_core": speed},
        "piigov_training": {**stats, "seconds": round(train_seconds), "seed": SEED},
    }
    words = lower_case_words(read_conll(source / TRAIN_FILE))
    size = ship(best, args.output, meta, words)
    # as the Detector runs it: windows need the shipped lower_case_words.txt
    windowed_scores = evaluate(spacy.load(args.output), args.work_dir / "dev.spacy", windowed=True)
    meta_path = args.output / "meta.json"
    shipped_meta = json.loads(meta_path.read_text(encoding="utf-8"))
    shipped_meta["performance"]["ned.testa_windowed_as_in_detector"] = windowed_scores
    meta_path.write_text(json.dumps(shipped_meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    report = {
        "model": str(args.output),
        "size_bytes": size,
        "scores": scores,
        "scores_windowed": windowed_scores,
        "throughput": speed,
        **meta["piigov_training"],
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
