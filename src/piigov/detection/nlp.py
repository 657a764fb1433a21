"""A leaner spaCy NLP engine for Presidio.

Presidio's ``SpacyNlpEngine`` builds, for every text, a Python list of all lemmas and a
keyword list with a stop-word lookup per token. With a pipeline that has no lemmatizer (the
default blank Dutch one) every lemma is empty, so that work is wasted -- and it is about a
third of the detection time on long texts. This engine skips it when there is no lemmatizer
and takes the token offsets from the Doc array in one call. Context enhancement in
``piigov.detection.context`` reads token text directly and needs neither list.

``process_batch`` also hands back the input text instead of rebuilding it from the tokens
(``Doc.text``, a fifth of the detection time), and with a statistical ``tok2vec`` + ``ner``
pipeline it runs those two components only on windows around capitalised words (see
:func:`ner_windows`): Dutch names, places and organisations are capitalised, and a window
wider than the CNN's receptive field gives those tokens the same vectors as the whole text.

Entities from the model pass :meth:`LeanSpacyNlpEngine._get_updated_entities`: labels are
mapped to Presidio entities (``ner_model_configuration``), a PERSON or LOCATION that starts
with an organisation word from ``data/person_exceptions.txt`` ("Stichting ...", "Ministerie
van ...") becomes an ORGANIZATION, leading titles, salutations and sentence starters
("Mevrouw", "Geachte") are cut off a PERSON, and a PERSON or LOCATION of one word that the
training text writes in lower case ("Algemene", "Cliënt", "Bel"; ``lower_case_words.txt`` next
to the model) is dropped, as is an entity without letters or with digits or separators
(``;``, ``|``, ``@``: CSV fields the tokenizer did not split), and a PERSON in capitals only
("DPIA").
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import regex
from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine
from spacy.attrs import IDX, IS_SPACE, IS_STOP, IS_UPPER, LENGTH, LOWER, NORM, ORTH, PREFIX, SPACY
from spacy.strings import get_string_id
from spacy.tokens import Span, Token

from piigov.detection.entity_typer import EntityTyper, load_typer
from piigov.detection.greedy_ner import GreedyNer
from piigov.detection.wordlists import (
    COMPASS_WORDS,
    dutch_words,
    is_nationality_adjective,
    is_ordinary_word,
    is_street_name,
    load_sections,
    particle_words,
    places,
    unambiguous_places,
    variant_set,
)

if TYPE_CHECKING:
    from collections.abc import Collection, Iterator, Sequence

    from spacy.language import Language
    from spacy.tokens import Doc

# A name never spans a line break (mail headers: "Subject: Nota\nDate: ...").
_FOREIGN_WORD_LENGTH = 3  # "iyo" (Somali "and")
_NOT_IN_A_NAME = frozenset(";|\t\n\r@<>=/\\")
_GLUED_COMMA = regex.compile(r"[ \u00a0]*,(?=[^\s])")  # prose puts a blank after a comma, CSV does not
_TYPED_LABELS = frozenset({"PERSON", "LOCATION", "ORGANIZATION"})
_TYPER_TO_ENTITY = {"PER": "PERSON", "LOC": "LOCATION", "ORG": "ORGANIZATION"}
LOWER_CASE_WORDS_FILE = "lower_case_words.txt"  # written next to the model by piigov.detection.training

# Components that the windowed run supports: a tok2vec CNN and the NER that listens to it.
_WINDOWED_PIPELINE = ("tok2vec", "ner")
_WINDOW_MARGIN = 1  # tokens beyond the receptive field: lower-case particles ("van der") and parser context
_WINDOW_JOIN = 4  # windows this close are run as one
_SENTENCE_ENDS = (".", "!", "?", ":", ";", "•", "-", "–", "*", "(", '"', "'")


@cache
def _upper_first_char_ids() -> np.ndarray:
    """Hashes of every upper-case character: the PREFIX attribute of a capitalised token."""
    chars = (chr(c) for c in range(0x2000))  # Latin (İ, Ş, Ł, Ž, ...), Greek, Cyrillic, ...
    return np.unique(np.array([get_string_id(c) for c in chars if c.isupper()], dtype="uint64"))


@cache
def _sentence_end_ids() -> np.ndarray:
    return np.unique(np.array([get_string_id(s) for s in _SENTENCE_ENDS], dtype="uint64"))


def _member(values: np.ndarray, sorted_ids: np.ndarray) -> np.ndarray:
    """``np.isin(values, sorted_ids)`` for a sorted, unique ``sorted_ids`` (no re-sorting per call)."""
    if not len(sorted_ids):
        return np.zeros(len(values), dtype=bool)
    positions = np.minimum(np.searchsorted(sorted_ids, values), len(sorted_ids) - 1)
    return sorted_ids[positions] == values


def receptive_field(nlp: Language) -> int | None:
    """Tokens on either side that the tok2vec CNN looks at, if the pipeline is tok2vec + ner."""
    if tuple(nlp.pipe_names) != _WINDOWED_PIPELINE:
        return None
    model = nlp.config.get("components", {}).get("tok2vec", {}).get("model", {})
    encode = model.get("encode", {}) if isinstance(model, dict) else {}
    depth, window = encode.get("depth"), encode.get("window_size")
    if not (
        str(encode.get("@architectures", "")).startswith("spacy.MaxoutWindowEncoder") and depth and window
    ):
        return None
    return int(depth) * int(window)


@cache
def _never_a_name_ids() -> np.ndarray:
    """ORTH hashes of the single words in data/person_exceptions.txt ("Stichting", "Geachte", "Mei")."""
    organisation, other = _person_exceptions()
    words = {w for w in organisation | other if " " not in w}
    return np.unique(np.array([get_string_id(w) for w in words], dtype="uint64"))


def ner_windows(
    doc: Doc, radius: int, join: int = _WINDOW_JOIN, common_words: np.ndarray | None = None
) -> list[tuple[int, int]]:
    """Token ranges ``[start, end)`` within ``radius`` tokens of a word that may start a name.

    Such a word is capitalised ("Amrani", "Öztürk"), and is not a stop word at the start of a
    sentence ("De", "Het", "U"), not written in capitals only ("BSN", "SZW": acronyms; a name
    in capitals is missed), not a word from data/person_exceptions.txt ("Stichting",
    "Geachte") and not one of ``common_words`` (LOWER hashes: "Algemene", "Tijdens") -- unless
    it follows a surname particle ("van der Voort", "De Prins"). Words left out still fall
    inside the window of a name next to them. Ranges closer than ``join`` tokens are merged.
    """
    n = len(doc)
    if n == 0:
        return []
    attrs = doc.to_array([PREFIX, IS_STOP, ORTH, IS_SPACE, IS_UPPER, LENGTH, LOWER]).astype(
        "uint64", copy=False
    )
    capitalised = _member(attrs[:, 0], _upper_first_char_ids())
    sentence_start = np.ones(n, dtype=bool)
    sentence_start[1:] = _member(attrs[:-1, 2], _sentence_end_ids()) | (attrs[:-1, 3] == 1)
    acronym = (attrs[:, 4] == 1) & (attrs[:, 5] > 1)
    never = _member(attrs[:, 2], _never_a_name_ids())
    if common_words is not None and len(common_words):
        never |= _member(attrs[:, 6], common_words)
    after_particle = np.zeros(n, dtype=bool)  # "van der Voort", "De Prins": a surname even if a word
    after_particle[1:] = _member(attrs[:-1, 6], _particle_ids())
    candidates = np.flatnonzero(
        capitalised & ~acronym & ((~(sentence_start & (attrs[:, 1] == 1)) & ~never) | after_particle)
    )
    if not len(candidates):
        return []
    starts = np.maximum(candidates - radius, 0)
    ends = np.minimum(candidates + radius + 1, n)
    # a new range begins where a window starts beyond the furthest end so far (+ join)
    furthest = np.maximum.accumulate(ends)
    breaks = np.flatnonzero(starts[1:] > furthest[:-1] + join) + 1
    first = np.concatenate(([0], breaks))
    last = np.concatenate((breaks - 1, [len(candidates) - 1]))
    return [(int(starts[a]), int(furthest[b])) for a, b in zip(first, last, strict=True)]


def _windowed_doc(doc: Doc, radius: int, common_words: np.ndarray) -> tuple[Doc, np.ndarray] | None:
    """The tokens of ``doc`` inside :func:`ner_windows`, as one Doc, and their positions in ``doc``."""
    from spacy.tokens import Doc

    positions = _window_positions(doc, radius, common_words)
    if positions is None:
        return None
    attrs = doc.to_array([ORTH, NORM, SPACY])[positions]
    spaces = attrs[:, 2].astype(bool)
    ends = np.flatnonzero(np.diff(positions) > 1)
    spaces[ends] = True  # keep windows apart in the text of the piece
    spaces[-1] = True
    strings = doc.vocab.strings
    piece = Doc(doc.vocab, words=[strings[int(o)] for o in attrs[:, 0]], spaces=spaces.tolist())
    piece.from_array([NORM], np.ascontiguousarray(attrs[:, 1:2]))
    return piece, positions


def _window_positions(doc: Doc, radius: int, common_words: np.ndarray) -> np.ndarray | None:
    """Token positions of :func:`ner_windows` in ``doc``, as :func:`_windowed_doc` lays them out."""
    windows = ner_windows(doc, radius, common_words=common_words)
    if not windows:
        return None
    positions = np.concatenate([np.arange(start, end) for start, end in windows])
    blank = _blank_runs(doc)
    return positions[~blank[positions]] if blank.any() else positions


_MAX_EXTRA_BLANKS = 1  # "Hamou  Afkir": one blank too many; more is the gap between two columns


def _blank_runs(doc: Doc) -> np.ndarray:
    """Per token: True for an extra blank inside a line ("Hamou  Afkir" in OCR text or a
    justified PDF line). The model never saw such tokens in training and ends a name at them;
    line breaks, tabs and longer runs stay, they end names (the columns of a fixed-width table:
    "Adem Kalaycıoğlu          Beverwijk")."""
    spaces = doc.to_array([IS_SPACE]).astype(bool, copy=False).reshape(-1)
    blank = np.zeros(len(doc), dtype=bool)
    for i in np.flatnonzero(spaces):
        text = doc[int(i)].text
        blank[i] = len(text) <= _MAX_EXTRA_BLANKS and text in (" ", "\u00a0")
    return blank


@cache
def _embedding_layers(nlp: Language) -> tuple[list[str], Any, Any] | None:
    """(feature columns, the embedding layers after the feature extractor, the encoder) of the
    ``tok2vec`` model, if it is ``Tok2Vec.v2`` over ``extract_features``; else None."""
    try:
        model = nlp.get_pipe("tok2vec").model
        embed, encode = model.layers
        extractor, *rest = embed.layers
        if extractor.name != "extract_features" or len(model.layers) != 2 or not rest:
            return None
        return list(extractor.attrs["columns"]), rest, encode
    except (KeyError, ValueError, AttributeError):
        return None


def _pieces_entities_fast(
    decoder: GreedyNer,
    layers: tuple[list[str], Any, Any],
    docs: list[Doc],
    radius: int,
    common: np.ndarray,
    batch_size: int,
) -> list[tuple[Doc, np.ndarray, list[tuple[int, int, str]]]]:
    """What :func:`_windowed_doc` + :func:`_piece_entities` (``fast=True``) find, without building
    the piece Docs: a piece's tok2vec features (NORM as copied, PREFIX, SUFFIX, SHAPE of the same
    words) and IS_SPACE are those of the original tokens at the window positions, and a piece
    built from words starts a sentence at its first token only."""
    columns, embed_rest, encode = layers
    pieces = []
    for doc in docs:
        positions = _window_positions(doc, radius, common)
        if positions is not None:
            attrs = doc.to_array([*columns, IS_SPACE])[positions]
            pieces.append((doc, positions, np.ascontiguousarray(attrs[:, :-1]), attrs[:, -1] == 1))
    found = []
    for first in range(0, len(pieces), batch_size):
        batch = pieces[first : first + batch_size]
        features = [encode.ops.asarray2i(f, dtype="uint64") for _, _, f, _ in batch]
        for layer in embed_rest:
            features = layer.predict(features)
        tokvecs = encode.predict(features)
        found.extend(decoder.entities_of_pieces([space for *_, space in batch], tokvecs))
    return [
        (doc, positions, entities) for (doc, positions, _, _), entities in zip(pieces, found, strict=True)
    ]


@cache
def _greedy_ner(nlp: Language) -> GreedyNer | None:
    return GreedyNer.from_pipe(nlp.get_pipe("ner"))


def _piece_entities(
    nlp: Language, pieces: list[Doc], batch_size: int, fast: bool
) -> list[list[tuple[int, int, str]]]:
    """(start, end, label) token spans that tok2vec + ner find in each piece."""
    decoder = _greedy_ner(nlp) if fast else None
    if decoder is None:
        for _, component in nlp.pipeline:
            pieces = list(component.pipe(pieces, batch_size=batch_size))
        return [[(e.start, e.end, e.label_) for e in piece.ents] for piece in pieces]
    tok2vec = nlp.get_pipe("tok2vec")
    found: list[list[tuple[int, int, str]]] = []
    for first in range(0, len(pieces), batch_size):
        batch = pieces[first : first + batch_size]
        found.extend(decoder.entities(batch, tok2vec.predict(batch)))
    return found


def _pipe_windowed(
    nlp: Language, texts: Sequence[str], batch_size: int, radius: int, fast_ner: bool = False
) -> list[Doc]:
    """``nlp.pipe(texts)`` with tok2vec + ner run only on the :func:`ner_windows` of each text.

    The windows of a text are run as one Doc (tokens outside them left out); an entity is
    mapped back to the text only if its tokens are contiguous there. ``fast_ner`` decodes
    with :class:`piigov.detection.greedy_ner.GreedyNer` (same entities as spaCy's ``ner``
    component, a fraction of the time) when the model allows it.
    """
    docs = list(nlp.pipe(texts, batch_size=batch_size, disable=list(_WINDOWED_PIPELINE)))
    common = _common_word_ids(str(nlp.path or ""))
    decoder = _greedy_ner(nlp) if fast_ner else None
    layers = _embedding_layers(nlp) if decoder is not None else None
    if decoder is not None and layers is not None:
        results = _pieces_entities_fast(decoder, layers, docs, radius, common, batch_size)
    else:
        windowed = [(doc, w) for doc in docs if (w := _windowed_doc(doc, radius, common)) is not None]
        found = _piece_entities(nlp, [piece for _, (piece, _) in windowed], batch_size, fast_ner)
        results = [(doc, positions, e) for (doc, (_, positions)), e in zip(windowed, found, strict=True)]
    for doc, positions, piece_entities in results:
        entities = []
        blank: np.ndarray | None = None
        for start, end, label in piece_entities:
            first, last = int(positions[start]), int(positions[end - 1])
            skipped = last - first - (end - start - 1)
            if skipped:  # contiguous in the text only if every token left out is a blank run
                blank = _blank_runs(doc) if blank is None else blank
                if int(blank[first : last + 1].sum()) != skipped:
                    continue
            entities.append(Span(doc, first, last + 1, label=label))
        doc.set_ents(entities, default="outside")
    return docs


_particle_words = particle_words  # the name the detector's steps and tests import


_SENTENCE_MARKS = frozenset(".!?:;•·*|–-")
_INITIAL = regex.compile(r"(?:\p{Lu}\.){1,4}")
_OPENING_QUOTES = frozenset("‘“„\"'«(")
# "JenV", "SenI" (ministries: Justitie en Veiligheid), "DCom" (a directorate); not "IJsbrand"
_MIXED_ACRONYM = regex.compile(r"\p{Lu}\p{Ll}{1,2}\p{Lu}|(?!IJ)\p{Lu}{2,}\p{Ll}{1,3}")
_LONG_WORD = 8
# A token that ends in a file extension is a file name: a name in it ends before it.
_FILE_NAME = regex.compile(
    r"\.(?:docx?|xlsx?|pptx?|pdf|txt|msg|eml|zip|csv|odt|jpe?g|png)$", regex.IGNORECASE
)


_LIST_LETTER = regex.compile(r"[A-Z]\.")
_ACRONYM = regex.compile(r"\p{Lu}{2,}\.?")  # "FG", "SZW."; not an initial ("J.")


@cache
def _multiword_places_by_first_word() -> dict[str, tuple[str, ...]]:
    """The places of more than one word, by their first word ("Capelle": "Capelle aan den IJssel")."""
    by_first: dict[str, list[str]] = {}
    for place in places():
        first, _, rest = place.partition(" ")
        if rest:
            by_first.setdefault(first, []).append(place)
    return {first: tuple(names) for first, names in by_first.items()}


def _starts_multiword_place(ent: Span) -> bool:
    """True if the one-word ``ent`` is the first word of a place of several words written there."""
    names = _multiword_places_by_first_word().get(ent.text)
    if not names:
        return False
    following = ent.doc.text[ent.start_char : ent.start_char + max(map(len, names))]
    return any(following.startswith(name) for name in names)


_POSTCODE_LETTERS = regex.compile(r"[A-Z]{2}")
_POSTCODE_DIGITS = regex.compile(r"[1-9]\d{3}")


def _after_postcode_digits(ent: Span) -> bool:
    """True if the token before ``ent`` (blanks skipped) is the number of a postcode ("3117")."""
    i = ent.start - 1
    while i >= 0 and ent.doc[i].is_space:
        i -= 1
    return i >= 0 and bool(_POSTCODE_DIGITS.fullmatch(ent.doc[i].text))


def _starts_sentence(ent: Span) -> bool:
    """True if ``ent`` opens the text, a line, a table cell, a sentence or a list item ("1. Kolom
    ..."), also behind an opening quote ("... lachwekkend. ‘Mijn schoonmoeder ...")."""
    i = ent.start - 1
    while i >= 0 and ent.doc[i].text in _OPENING_QUOTES:
        i -= 1
    while i >= 0 and ent.doc[i].is_space:
        if "\n" in ent.doc[i].text or "\t" in ent.doc[i].text:  # a line or a table cell
            return True
        i -= 1
    if i < 0 or "\n" in ent.doc[i].whitespace_:
        return True
    previous = ent.doc[i].text
    return (
        all(ch in _SENTENCE_MARKS for ch in previous)  # ".", "--" (a comment line), "**"
        or (previous[:-1].isdigit() and previous[-1:] in ".)")
        or (previous[-1:] in ".:" and previous[:1] in ")]\"'’”")  # "(Hagoog): ‘Mijn moeder ..."
    )


def _ordinary_alone(word: str, sentence_start: bool) -> bool:
    """True if ``word`` standing alone is an ordinary Dutch word rather than a name: a long
    compound ("Persoonsgegevens", "Taskforce"), a compass word ("Zuid"), an acronym written with
    a lower-case "en" ("JenV"), or any ordinary word where
    the sentence or line start explains its capital ("Melders worden ...", "Beller: ...").
    Mid-sentence a short ordinary word may be a name ("voor Barak"): it stays."""
    if word.lower() in COMPASS_WORDS or _MIXED_ACRONYM.fullmatch(word) or is_nationality_adjective(word):
        return True  # "Zuid", "JenV", "SenI" (ministries: Justitie en Veiligheid), "Afghaans"
    if not is_ordinary_word(word):
        return False
    return sentence_start or len(word) >= _LONG_WORD


def _section_header(ent: Span) -> bool:
    """True if ``ent`` alone in square brackets fills its line: an INI or systemd section ("[Install]")."""
    doc = ent.doc
    if ent.start == 0 or ent.end >= len(doc) or doc[ent.start - 1].text != "[" or doc[ent.end].text != "]":
        return False
    opening = ent.start - 1
    line_start = opening == 0 or "\n" in doc[opening - 1].text or doc[opening - 1].text_with_ws.endswith("\n")
    closing = ent.end + 1
    line_end = closing >= len(doc) or "\n" in doc[ent.end].whitespace_ or "\n" in doc[closing].text
    return line_start and line_end


def _in_title_case(ent: Span) -> bool:
    """True if a capitalised ordinary word stands right before ``ent`` on its line: a heading or
    a name written in title case ("Informatieblad Facilitair Bedrijf") explains the capital."""
    if ent.start == 0:
        return False
    before = ent.doc[ent.start - 1]
    return (
        before.whitespace_ in (" ", "\u00a0")
        and before.is_alpha
        and before.text[:1].isupper()
        and not before.is_upper
        and is_ordinary_word(before.text)
    )


def _foreign_words_after(ent: Span, lower_case_words: Collection[str]) -> bool:
    """True if a lower-case word of no Dutch follows ``ent`` one blank on: the title of a song
    or a programme in another language ("Kara toprak", "Hooyo macaan", "Gabay iyo geeraar"),
    whose capitalised first word the model takes for a lone name."""
    if ent.end >= len(ent.doc) or ent[-1].whitespace_ != " ":
        return False
    doc = ent.doc

    def foreign(token: Token) -> bool:
        word = token.text
        return (
            len(word) >= _FOREIGN_WORD_LENGTH
            and word.isalpha()
            and word.islower()
            and word not in lower_case_words
            and word not in dutch_words()
            and word not in _particle_words()
        )

    if not foreign(doc[ent.end]):
        return False
    # the word list lacks some verb forms ("Siswanti belt terug"): a Dutch word after it keeps the name
    after = ent.end + 1
    return not (
        after < len(doc)
        and doc[ent.end].whitespace_ == " "
        and doc[after].is_alpha
        and doc[after].text.islower()
        and not foreign(doc[after])
    )


@cache
def _municipalities() -> frozenset[str]:
    """Dutch municipalities that are no first name, surname or word (not "~"): before another
    capitalised word they start a club's or a district's name, not a person's (a place abroad
    may be a first name: "Basra Mirreh")."""
    return frozenset(name for name in variant_set("municipalities.txt") if not name.startswith("~"))


@cache
def _particle_ids() -> np.ndarray:
    return np.unique(np.array([get_string_id(w) for w in _particle_words()], dtype="uint64"))


@cache
def _person_exceptions() -> tuple[frozenset[str], frozenset[str]]:
    """(organisation words, other words) that never start a person name (data/person_exceptions.txt).

    Organisation words are the entries under the "# --- organisation ..." section headers.
    """
    organisation: set[str] = set()
    other: set[str] = set()
    for title, entries in load_sections("person_exceptions.txt"):
        target = organisation if "organisation" in title.lower() else other
        target.update(variant for entry in entries for variant in (entry, entry.upper()))
    return frozenset(organisation), frozenset(other - organisation)


@cache
def _organisation_ends() -> frozenset[str]:
    """Organisation words that end a name too ("Haarlems Dagblad"; data/person_exceptions.txt)."""
    return frozenset(
        entry
        for title, entries in load_sections("person_exceptions.txt")
        if title.startswith("organisation words that end a name")
        for entry in entries
    )


# ("uit" is no such word: "het bestuur bestaat uit Cemalettin Cinkilic, voorzitter")
_PLACE_PREPOSITIONS = frozenset({"te"})


@cache
def _salutations() -> frozenset[str]:
    """The salutations and closing words of data/person_exceptions.txt ("Hoi", "Beste", "Groet")."""
    return frozenset(
        variant
        for title, entries in load_sections("person_exceptions.txt")
        if "salutation" in title.lower()
        for entry in entries
        for variant in (entry, entry.upper())
    )


@cache
def _lower_case_words(model_path: str) -> frozenset[str]:
    """The model's ``lower_case_words.txt`` (written by piigov.detection.training), if it has one."""
    path = Path(model_path) / LOWER_CASE_WORDS_FILE
    if not model_path or not path.is_file():
        return frozenset()
    return frozenset(path.read_text(encoding="utf-8").split())


@cache
def _common_word_ids(model_path: str) -> np.ndarray:
    """LOWER hashes of :func:`_lower_case_words`."""
    words = _lower_case_words(model_path)
    return np.unique(np.array([get_string_id(w) for w in words], dtype="uint64"))


def _neighbours(doc: Doc, index: int, step: int, count: int = 2) -> list[str]:
    """Up to ``count`` non-whitespace token texts from ``index`` on, walking by ``step``."""
    found: list[str] = []
    while 0 <= index < len(doc) and len(found) < count:
        token = doc[index]
        if not token.is_space:
            found.append(token.text)
        index += step
    return found


_PREPOSITIONS = frozenset({"in", "op", "uit", "aan", "bij", "voor", "met", "naar", "tegen"})
_OF_PARTICLES = frozenset({"van", "von", "te", "ter", "ten"})


def _name_length(words: Sequence[str], particles: frozenset[str]) -> int:
    """How many of ``words`` (a model PERSON after its leading titles) are the name.

    The model runs names on into what follows them: "Hibaaq Farah van de NMBS", "Ahmed Warsame
    in de Volkskrant", "Osman ten opzichte". The name ends before a preposition ("in de"), before
    lower-case particles that nothing capitalised follows or that precede an acronym, and before
    "van"/"ter" after a first name and a surname ("Jan Peter van Dijk" keeps it: "Peter" is a
    first name, not a surname).
    """
    end = len(words)
    for i in range(1, len(words)):
        word = words[i]
        if word in _PREPOSITIONS or _FILE_NAME.search(word):  # "Notitie Kaya cemevi.docx"
            end = i
            break
        if word not in particles:
            continue
        j = i
        while j < len(words) and words[j] in particles:
            j += 1
        following = words[j] if j < len(words) else ""
        if not following[:1].isupper() or (following.isupper() and len(following) > 1):
            end = i
            break
        capitalised = [w for w in words[:i] if w[:1].isupper() and w.lower() not in particles]
        if (
            word in _OF_PARTICLES
            and len(capitalised) >= 2
            and capitalised[-1] not in variant_set("first_names.txt")
        ):
            end = i
            break
    return end


def _without_trailing_words(ent: Span) -> Span:
    """An organisation of the model without the lower-case words after a particle that end it:
    "Hensley Linscheer van het jongerenwerk" -> "Hensley Linscheer" (no name of an organisation
    ends in "van het jongerenwerk"; the typer then judges what stands before on its own)."""
    words = [t.text for t in ent]
    particles = _particle_words()
    for i in range(1, len(words)):
        if words[i] in particles:
            j = i
            while j < len(words) and words[j] in particles:
                j += 1
            if j < len(words) and all(w[:1].islower() for w in words[j:]):
                return Span(ent.doc, ent.start, ent.start + i, label=ent.label_)
            break
    return ent


class LeanSpacyNlpEngine(SpacyNlpEngine):
    """``SpacyNlpEngine`` without lemma and keyword lists for pipelines that cannot lemmatise."""

    engine_name = "spacy"  # replaces the stock engine under the configuration name "spacy"
    _lower_case_words_by_vocab: dict[int, frozenset[str]] = {}  # noqa: RUF012 - replaced per instance in load()
    _typer_by_vocab: dict[int, EntityTyper | None] = {}  # noqa: RUF012 - replaced per instance in load()
    # (min P(person) to keep a model PERSON, min P(person) to turn a place or organisation into
    # one); None: no second opinion. Set by the Detector from conf/recognizers.yaml.
    entity_typer_thresholds: tuple[float, float] | None = None

    def load(self) -> None:
        super().load()
        self._lower_case_words_by_vocab = {
            id(nlp.vocab): _lower_case_words(str(nlp.path or "")) for nlp in (self.nlp or {}).values()
        }
        self._typer_by_vocab = {
            id(nlp.vocab): load_typer(str(nlp.path or "")) for nlp in (self.nlp or {}).values()
        }

    def process_text(self, text: str, language: str) -> NlpArtifacts:
        return next(self.process_batch([text], language))[1]

    def process_batch(  # type: ignore[override]
        self,
        texts: Sequence[str],
        language: str,
        batch_size: int = 1,
        n_process: int = 1,
        as_tuples: bool = False,
        fast_ner: bool = False,
    ) -> Iterator[tuple[str, NlpArtifacts]]:
        """(text, artifacts) per text; the text is the input, not rebuilt from the tokens.

        ``fast_ner`` decodes the NER model with :class:`~piigov.detection.greedy_ner.GreedyNer`
        instead of spaCy's ``ner`` component (same entities; the Detector's own path). Presidio's
        ``AnalyzerEngine`` calls without it, so a plain ``analyze`` runs the model as spaCy does.
        """
        if not self.nlp:
            raise ValueError("NLP engine is not loaded. Consider calling .load()")
        if as_tuples or n_process != 1:
            yield from super().process_batch(texts, language, batch_size, n_process, as_tuples)
            return
        nlp = self.nlp[language]
        radius = receptive_field(nlp)
        items = [str(t) for t in texts]
        for first in range(0, len(items), max(batch_size, 1)):
            group = items[first : first + max(batch_size, 1)]
            if radius is None:
                docs: Sequence[Doc] | Iterator[Doc] = nlp.pipe(group, batch_size=batch_size)
            else:
                docs = _pipe_windowed(nlp, group, batch_size, radius + _WINDOW_MARGIN, fast_ner)
            for text, doc in zip(group, docs, strict=True):
                yield text, self._doc_to_nlp_artifact(doc, language)

    def _doc_to_nlp_artifact(self, doc: Doc, language: str) -> NlpArtifacts:
        if "lemmatizer" in self.nlp[language].pipe_names:
            return super()._doc_to_nlp_artifact(doc, language)
        entities, scores = self._get_updated_entities(
            self._get_entities(doc), self._get_scores_for_entities(doc)
        )
        artifacts = NlpArtifacts(
            entities=entities,
            tokens=doc,
            tokens_indices=doc.to_array(IDX).tolist() if len(doc) else [],
            lemmas=[],
            nlp_engine=None,  # no engine: NlpArtifacts skips building the (empty) keyword list
            language=language,
            scores=scores,
        )
        artifacts.nlp_engine = self
        return artifacts

    def _get_updated_entities(self, entities: Any, scores: list[float]) -> tuple[list[Span], list[float]]:
        """Presidio's label mapping, then titles and organisation words taken out of PERSON/LOCATION."""
        mapped, mapped_scores = super()._get_updated_entities(list(entities), scores)
        result: list[Span] = []
        result_scores: list[float] = []
        decided: list[bool] = []  # type set by a word list, not open to the typer's second opinion
        for ent, score in zip(mapped, mapped_scores, strict=True):
            gap = next((t.i for t in ent if t.is_space and len(t.text) > _MAX_EXTRA_BLANKS), None)
            if gap is not None:
                # a text table's column gap inside: "Herat        Palenstein" is two cells
                ent = Span(ent.doc, ent.start, gap, label=ent.label_)
                while len(ent) and ent[-1].is_space:
                    ent = Span(ent.doc, ent.start, ent.end - 1, label=ent.label_)
                if not len(ent):
                    continue
            glued = _GLUED_COMMA.search(ent.text)
            if glued is not None:
                # a comma CSV's separator: "Dzhabrail Lorsanov,,ja" is the name and two cells
                ent = ent.doc.char_span(
                    ent.start_char,
                    ent.start_char + glued.start(),
                    label=ent.label_,
                    alignment_mode="contract",
                )
                if ent is None or not len(ent):
                    continue
            text = ent.text
            if not any(ch.isalpha() for ch in text) or any(
                ch in _NOT_IN_A_NAME or ch.isdigit() for ch in text
            ):
                continue  # "<", "12", or tokens glued by CSV separators: "Samatar;Sittard-Geleen;6137"
            label = ent.label_
            if label in ("PERSON", "ORGANIZATION") and (
                text in variant_set("countries.txt")
                or text in variant_set("regions.txt")
                or (label == "PERSON" and text in unambiguous_places())
            ):
                ent = Span(ent.doc, ent.start, ent.end, label="LOCATION")  # "Israël", "Togo"
            elif label == "ORGANIZATION":
                ent = _without_trailing_words(ent)
            elif label in ("PERSON", "LOCATION"):
                cleaned, score = self._clean(ent, score)
                if cleaned is None:
                    continue
                ent = cleaned
            result.append(ent)
            result_scores.append(score)
            decided.append(ent.label_ != label)
        if result and self.entity_typer_thresholds is not None:
            return self._second_opinion(result, result_scores, decided)
        return result, result_scores

    def _second_opinion(
        self, entities: list[Span], scores: list[float], decided: list[bool]
    ) -> tuple[list[Span], list[float]]:
        """The entity typer's view (piigov.detection.entity_typer) on the model's PERSON,
        LOCATION and ORGANIZATION: an unlikely person becomes the likelier type (MISC: dropped),
        a place or organisation that is very likely a person becomes a PERSON."""
        doc = entities[0].doc
        typer = self._typer_by_vocab.get(id(doc.vocab))
        if typer is None:
            return entities, scores
        min_person, person = self.entity_typer_thresholds  # type: ignore[misc]
        config = self.ner_model_configuration
        multiplier = config.low_confidence_score_multiplier or 1.0
        low = set(config.low_score_entity_names or ())
        kept: list[Span] = []
        kept_scores: list[float] = []
        for ent, score, fixed in zip(entities, scores, decided, strict=True):
            if fixed or ent.label_ not in _TYPED_LABELS:
                kept.append(ent)
                kept_scores.append(score)
                continue
            # the span and two words either side, whitespace tokens ("\n") skipped as in CoNLL
            before = _neighbours(doc, ent.start - 1, -1)
            span_words = [t.text for t in ent if not t.is_space]
            if not span_words:
                kept.append(ent)
                kept_scores.append(score)
                continue
            words = [*reversed(before), *span_words, *_neighbours(doc, ent.end, 1)]
            start, end = len(before), len(before) + len(span_words)
            probs = typer.probabilities(words, start, end)
            label = ent.label_
            if label == "PERSON" and probs["PER"] < min_person:
                best = max(("LOC", "ORG", "MISC"), key=probs.__getitem__)
                if best == "MISC":
                    continue
                ent = Span(doc, ent.start, ent.end, label=_TYPER_TO_ENTITY[best])
                if ent.label_ in low:
                    score *= multiplier
            elif label != "PERSON" and probs["PER"] >= person:
                # titles and salutations come off as for the model's own persons; what the person
                # rules reject ("Stichting ...", a common word) keeps the model's own type
                as_person, person_score = self._clean(
                    Span(doc, ent.start, ent.end, label="PERSON"),
                    score / multiplier if label in low and multiplier else score,
                )
                if as_person is not None and as_person.label_ == "PERSON":
                    ent, score = as_person, person_score
            kept.append(ent)
            kept_scores.append(score)
        return kept, kept_scores

    def _clean(self, ent: Span, score: float) -> tuple[Span | None, float]:
        """ORGANIZATION if an organisation word leads ("Stichting ...", "Ministerie van ...");
        a PERSON loses leading titles, salutations and sentence starters ("Geachte mevrouw")."""
        organisation, other = _person_exceptions()
        if _POSTCODE_LETTERS.fullmatch(ent[0].text) and _after_postcode_digits(ent):
            # "3117 EG Schiedam": the postcode's letters are not part of the place or name
            if len(ent) == 1:
                return None, score
            ent = Span(ent.doc, ent.start + 1, ent.end, label=ent.label_)
        words = [t.text for t in ent]
        if _section_header(ent):
            return None, score  # "[Install]" in a configuration file
        if ent.end < len(ent.doc) and ent.doc[ent.end].text == ":" and all(w.isupper() for w in words):
            return None, score  # "GEB.DATUM:", "ADRES:": a form label in capitals

        def never_a_name(i: int) -> bool:
            word = words[i]
            return ent[i].is_punct or word in other or word[:1].upper() + word[1:] in other

        lead = 0
        while lead < len(words) and never_a_name(lead):
            lead += 1
        # initials before a word that never starts a name are no name ("TZID=W. Europe Standard Time")
        if (
            lead + 1 < len(words)
            and _INITIAL.fullmatch(words[lead])
            and never_a_name(lead + 1)
            and words[lead + 1].lower() not in _particle_words()  # "W. De Vries" is a name
        ):
            return None, score
        rest = words[lead:]
        if rest and (
            any(" ".join(rest[:n]) in organisation for n in range(1, min(len(rest), 4) + 1))
            or rest[-1] in _organisation_ends()  # "Haarlems Dagblad": named after its town, not a person
        ):
            config = self.ner_model_configuration
            if "ORGANIZATION" in (config.low_score_entity_names or ()):
                score *= config.low_confidence_score_multiplier or 1.0
            return Span(ent.doc, ent.start + lead, ent.end, label="ORGANIZATION"), score
        # Government text capitalises common words ("Algemene wet", "team Werk en Inkomen", a
        # sentence start "Cliënt ..."): a single word that the training text writes in lower case
        # is no name or place on the model's word alone, nor an ordinary Dutch word (OpenTaal)
        # whose capital a sentence start, its length or its kind explains (_ordinary_alone).
        if len(ent) == 1 and (
            words[0].lower() in self._lower_case_words_by_vocab.get(id(ent.doc.vocab), ())
            or _ordinary_alone(words[0], _starts_sentence(ent) or _in_title_case(ent))
        ):
            return None, score
        if ent.label_ != "PERSON":
            if ent.label_ == "LOCATION" and 0 < lead < len(words) and words[lead - 1] in _salutations():
                # "Hoi Radia", "Beste Frederique": whom a mail greets is a person, not a place
                return Span(ent.doc, ent.start + lead, ent.end, label="PERSON"), score
            return ent, score
        if all(w.isupper() and len(w) > 1 for w in words if any(ch.isalpha() for ch in w)):
            return None, score  # "DPIA", "UWV": acronyms; a name in capitals is missed
        if (
            len(words) > 1
            and words[0] in ("De", "Het")
            and all(is_ordinary_word(w) for w in words[1:] if any(ch.isalpha() for ch in w))
        ):
            return None, score  # "De Ombudsman", "Het Rijk": an article before ordinary words
        named = [w for w in words[lead:] if any(ch.isalpha() for ch in w)]
        if (
            len(named) > 1
            and any(is_ordinary_word(w) for w in named)
            and all(is_ordinary_word(w) or _ACRONYM.fullmatch(w) for w in named)
        ):
            return None, score  # "FG. Juridisch", "Privacy Officer": ordinary words and acronyms
        if (
            len(ent) - lead >= 3
            and words[-1] in unambiguous_places()
            and words[-2][:1].isupper()
            and words[-2].lower() not in _particle_words()
        ):
            # "Ronely Regales Amsterdam": a correspondent and the place they write from
            ent = Span(ent.doc, ent.start, ent.end - 1, label=ent.label_)
            words = words[:-1]
        if len(ent) == 1 and _foreign_words_after(
            ent, self._lower_case_words_by_vocab.get(id(ent.doc.vocab), ())
        ):
            return None, score
        if len(words) > 1 and words[0] in _municipalities() and words[1][:1].isupper():
            return None, score  # "Almere Futsal Stars", "Schiedam Centrum": a club or a district
        # "Stadsblad Lelystad-Almere", "sleutelfiguren Zaandam-Oost": places joined by a hyphen,
        # after nothing but ordinary words
        last = ent.end - 1
        while last > ent.start and not ent.doc[last - 1].whitespace_:
            last -= 1
        tail = ent.doc[last : ent.end].text
        if (
            "-" in tail
            and all(part in places() or part.lower() in COMPASS_WORDS for part in tail.split("-"))
            and all(
                is_ordinary_word(t.text) or never_a_name(i) for i, t in enumerate(ent[: last - ent.start])
            )
        ):
            return Span(ent.doc, last, ent.end, label="LOCATION"), score
        if lead == 0 and ent.start > 0 and ent.doc[ent.start - 1].text in _PLACE_PREPOSITIONS:
            # "wonende te Kismayo", "geboren te Beledweyne": what lives or was born there is the place
            return Span(ent.doc, ent.start, ent.end, label="LOCATION"), score
        if (
            len(words) == 2
            and _LIST_LETTER.fullmatch(words[0])
            and is_ordinary_word(words[1])
            and _starts_sentence(ent)
        ):
            return None, score  # "B. Gezinssituatie": a lettered heading of a form
        if len(ent) == 1 and _starts_multiword_place(ent):
            return None, score  # "Capelle" of "Capelle aan den IJssel": the place pattern has it
        if sum(ch.isalpha() for w in words for ch in w) < 2:
            return None, score  # one letter: "BETROKKENE(N)"
        particles = _particle_words()
        skip = 0
        while skip < lead:
            # "De Vries", "van der Berg": particles before a capitalised word belong to the name
            after = skip
            while after < len(words) and words[after].lower() in particles:
                after += 1
            if after > skip and after < len(words) and words[after][:1].isupper():
                break
            skip += 1
        # leading ordinary words are a heading or a noun before the name: "Werkwijze Taskforce",
        # "Ambassade Koeweit", "Buurvrouw Sandjai", "Premier Barak"; particles stay ("Van Dijk")
        while (
            skip < len(words) - 1
            and words[skip].lower() not in particles
            and (is_ordinary_word(words[skip]) or is_nationality_adjective(words[skip]))
        ):
            skip += 1
        if skip == len(words) or all(w in organisation for w in words[skip:]):
            return None, score
        after_skip = " ".join(words[skip:])
        if skip and (after_skip in places() or after_skip in variant_set("regions.txt")):
            # "Ambassade Koeweit", "Veiligheidshuis Twente"
            return Span(ent.doc, ent.start + skip, ent.end, label="LOCATION"), score
        # only an opening quote before it leaves the word at its sentence start ("‘Mijn ...")
        quoted_start = all(w in _OPENING_QUOTES for w in words[:skip]) and _starts_sentence(ent)
        if skip == len(words) - 1 and _ordinary_alone(words[-1], quoted_start):
            return None, score  # "Werkwijze Taskforce", "Regiobijeenkomst Zuid"
        if all(w.isupper() and len(w) > 1 for w in words[skip:] if any(ch.isalpha() for ch in w)):
            return None, score  # "Uitvoeren DPIA": what is left after a leading word is an acronym
        if skip == len(words) - 1 and len(words[-1]) == 1:
            return None, score  # "Model N 10-1": one letter is no name
        end = skip + _name_length(words[skip:], particles)
        if (
            end <= skip
            or _FILE_NAME.search(words[skip])
            or all(w.lower() in particles for w in words[skip:end])
        ):
            return None, score  # (particles alone: "Javaan van het team" less its noun is no name)
        if is_street_name(words[end - 1]):
            return None, score  # "aan de Paul Krugerlaan": a street named after a person
        if skip or end < len(words):
            ent = Span(ent.doc, ent.start + skip, ent.start + end, label="PERSON")
        return ent, score
