"""Word lists shipped with the detection package, and a compact regex builder for them.

Word lists live in ``piigov/detection/data/*.txt`` (large ones gzipped, ``*.txt.gz``): one
entry per line, ``#`` starts a comment (whole line or trailing), blank lines are ignored. Nothing here imports Presidio or spaCy.
"""

from __future__ import annotations

import gzip
import hashlib
import re
import unicodedata
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

DATA_PACKAGE = "piigov.detection.data"

# Letters that Unicode does not decompose into base letter + combining mark.
_FOLD_EXTRA = str.maketrans(
    {
        "ı": "i",
        "Ł": "L",
        "ł": "l",
        "Ø": "O",
        "ø": "o",
        "Đ": "D",
        "đ": "d",
        "ß": "ss",
        "Æ": "AE",
        "æ": "ae",
        "Œ": "OE",
        "œ": "oe",
    }
)


def fold_diacritics(word: str) -> str:
    """ASCII-fold a word: ``Öztürk`` -> ``Ozturk``, ``Ayşe`` -> ``Ayse``, ``Łukasz`` -> ``Lukasz``."""
    decomposed = unicodedata.normalize("NFKD", word.translate(_FOLD_EXTRA))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def spelling_variants(word: str) -> set[str]:
    """The word as written, its NFC and NFD forms and its ASCII-folded form."""
    nfc = unicodedata.normalize("NFC", word)
    return {word, nfc, unicodedata.normalize("NFD", nfc), fold_diacritics(nfc)}


def data_text(name: str) -> str:
    """Raw text of a packaged data file (``*.gz``: decompressed)."""
    path = resources.files(DATA_PACKAGE).joinpath(name)
    if name.endswith(".gz"):
        return gzip.decompress(path.read_bytes()).decode("utf-8")
    return path.read_text(encoding="utf-8")


@cache
def load_wordlist(name: str) -> tuple[str, ...]:
    """Entries of a packaged word list, in file order, without comments or duplicates."""
    entries: dict[str, None] = {}
    for raw in data_text(name).splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            entries[unicodedata.normalize("NFC", " ".join(line.split()))] = None
    return tuple(entries)


# Compass words end the names of regions, teams and meetings, never a person's ("Regio West",
# "Jeugdbescherming West"); OpenTaal lists them capitalised too, so they are named here.
COMPASS_WORDS = frozenset(
    {"noord", "oost", "zuid", "west", "noordoost", "noordwest", "zuidoost", "zuidwest", "midden"}
)


@cache
def particle_words() -> frozenset[str]:
    """Lower-case words of the surname particles in data/name_particles.txt ("van", "de", "el", "ait")."""
    return frozenset(w.lower() for entry in load_wordlist("name_particles.txt") for w in entry.split())


@cache
def dutch_words() -> frozenset[str]:
    """Ordinary Dutch words, in lower case, whose capitalised form is no name (``data/dutch_words.txt.gz``)."""
    return frozenset(load_wordlist("dutch_words.txt.gz"))


# Heads of the compounds that administrations make freely ("Jobnummer", "Signalenregister",
# "Filtercriteria"): the word list cannot hold them all, and no surname ends in one.
_ADMINISTRATIVE_HEAD = re.compile(
    r"[^\W\d_]{2,}(?:nummer|register|criteria|lijst|overzicht|gegevens|formulier|verslag|datum|systeem"
    r"|bestand|document|dossier|rapport|melding|kenmerk|categorie|regeling|procedure|status|team|desk|platform|overleg|monitor"
    # ("Boekingsnr", "Rijkskantoor", "tfreg-beheer")
    r"|nr|kantoor|beheer)"
)


def _ordinary_part(part: str, words: frozenset[str]) -> bool:
    lower = part.lower()
    return lower in words or _ADMINISTRATIVE_HEAD.fullmatch(lower) is not None


def is_ordinary_word(word: str) -> bool:
    """True for a capitalised or upper-case ordinary Dutch word ("Persoonsgegevens", "GEGEVENS"),
    or a compound with an administrative head ("Jobnummer", "Signalenregister"); a hyphenated
    word when all its parts are ordinary words or acronyms ("AVG-grondslag")."""
    words = dutch_words()
    parts = word.split("-")
    return any(p and _ordinary_part(p, words) for p in parts) and all(
        _ordinary_part(p, words) or (p.isupper() and len(p) > 1) for p in parts if p
    )


# Dutch street-name endings, used by the location recognizer and to keep street names out of
# person names ("Jan van Goyenkade 12" is an address).
STREET_SUFFIXES = (
    "straat",
    "straatje",
    "straatweg",
    "steenweg",
    "dwarsstraat",
    "laan",
    "weg",
    "plein",
    "pleintje",
    "gracht",
    "kade",
    "singel",
    "dijk",
    "dreef",
    "hof",
    "hofje",
    "park",
    "pad",
    "steeg",
    "markt",
    "plantsoen",
    "baan",
    "boulevard",
    "kanaal",
    "haven",
    "wal",
    "burgwal",
    "allee",
    "promenade",
    "passage",
    "brink",
)
# Street endings that also end surnames ("Verdijk", "Velthof", "Verbaan", "Van der Steeg"): a word
# with one of them is not taken for a street on its ending alone.
SURNAME_LIKE_STREET_ENDINGS = frozenset(
    {
        "dijk",
        "hof",
        "hofje",
        "baan",
        "wal",
        "pad",
        "park",
        "markt",
        "brink",
        "haven",
        "kanaal",
        "allee",
        "steeg",
    }
)
# three letters or more before the ending: "Krugerlaan", "Wilhelminastraat"
_STREET_NAME = re.compile(
    r"[^\W\d_][\w'’\-]{2,}(?:"
    + "|".join(sorted(set(STREET_SUFFIXES) - SURNAME_LIKE_STREET_ENDINGS, key=len, reverse=True))
    + ")"
)


def is_street_name(word: str) -> bool:
    """True for a capitalised word that names a street by its ending: "Krugerlaan", not "Verdijk"."""
    return word[:1].isupper() and bool(_STREET_NAME.fullmatch(word))


# Endings of Dutch adjectives of nationality, language and religion, capitalised in Dutch
# ("Afghaans", "Bosnische", "Islamitische", "Surinaamse", "Chinees") and never a name on their own.
# Not "Frans": also a first name ("senator Frans Lozie").
_ADJECTIVE_ENDINGS = ("isch", "ische", "aans", "aanse", "aams", "aamse", "ees", "eese")
_NATIONALITY_WORDS = frozenset(
    {
        "turks",
        "turkse",
        "pools",
        "poolse",
        "duits",
        "duitse",
        "franse",
        "brits",
        "britse",
        "vlaams",
        "vlaamse",
        # nouns for people of an origin, which the word list lacks: "de enige Javaan van het team"
        "javaan",
        "javanen",
        "marokkaan",
        "marokkanen",
        "hindoestaan",
        "hindoestanen",
        "antilliaan",
        "antillianen",
        "surinamer",
        "surinamers",
        "somaliër",
        "somaliërs",
        "molukker",
        "molukkers",
        "afghaan",
        "afghanen",
        "syriër",
        "syriërs",
        "eritreeër",
        "eritreeërs",
        "turken",
        "koerden",
        "berbers",
        "riffijn",
        "riffijnen",
        "nederlander",
        "nederlanders",
    }
)


def is_nationality_adjective(word: str) -> bool:
    """True for a capitalised adjective of nationality, language or religion ("Bosnische", "Turks"),
    or a noun for people of an origin ("Javaan", "Marokkanen")."""
    lower = word.lower()
    return (
        word[:1].isupper()
        and len(word) > 4
        and (lower.endswith(_ADJECTIVE_ENDINGS) or lower in _NATIONALITY_WORDS)
    )


@cache
def variant_set(name: str) -> frozenset[str]:
    """Every entry of a packaged word list in every spelling (:func:`spelling_variants`)."""
    return frozenset(v for entry in load_wordlist(name) for v in spelling_variants(entry))


@cache
def places() -> frozenset[str]:
    """Places of residence and countries in every spelling ("Den Haag", "Ter Apel", "Ivoorkust",
    "Nador"): every municipality, the residences in the Netherlands and abroad that are no surname
    ("~Vries", "~Horst": "De Vries" is a person)."""
    municipalities = {name.lstrip("~") for name in variant_set("municipalities.txt")}
    residences = {
        name for list_name in ("residences.txt", "foreign_places.txt") for name in variant_set(list_name)
    }
    residences = {name for name in residences if not name.startswith("~")}
    return frozenset(municipalities | residences | variant_set("countries.txt"))


@cache
def unambiguous_places() -> frozenset[str]:
    """Places of residence, Dutch and abroad, that are no ordinary word or surname (not marked "~")."""
    return frozenset(
        name
        for list_name in ("municipalities.txt", "residences.txt", "foreign_places.txt")
        for name in variant_set(list_name)
        if not name.startswith("~")
    )


def load_sections(name: str) -> list[tuple[str, list[str]]]:
    """A packaged word list cut at its ``# --- <title>`` lines: (title, entries) in file order,
    entries as :func:`load_wordlist` gives them; entries before the first such line get title ""."""
    sections: list[tuple[str, list[str]]] = [("", [])]
    for raw in data_text(name).splitlines():
        line = raw.strip()
        if line.startswith("# ---"):
            sections.append((line[5:].strip(), []))
            continue
        entry = " ".join(line.split("#", 1)[0].split())
        if entry:
            sections[-1][1].append(unicodedata.normalize("NFC", entry))
    return sections


def data_fingerprint() -> str:
    """sha256 over the entries of all packaged word lists (comments and layout do not count)."""
    digest = hashlib.sha256()
    root = resources.files(DATA_PACKAGE)
    for name in sorted(entry.name for entry in root.iterdir() if entry.name.endswith((".txt", ".txt.gz"))):
        digest.update(name.encode())
        digest.update(b"\0")
        digest.update("\n".join(load_wordlist(name)).encode())
        digest.update(b"\0")
    return digest.hexdigest()


def _escape(text: str) -> str:
    out = []
    for ch in text:
        if ch == " ":
            # one or more blanks (or a no-break space) between the words of a multiword entry
            out.append(r"[ \t\u00a0]+")
        elif ch.isalnum():
            out.append(ch)
        else:
            out.append("\\" + ch if ch in r"\.^$|?*+()[]{}-#&~" else ch)
    return "".join(out)


def trie_regex(words: Iterable[str]) -> str:
    """A non-capturing regex matching exactly the given words, built as a trie.

    A trie-shaped alternation (``Ab(?:del(?:aziz|kader)|di)``) is far faster than a flat
    ``word1|word2|...`` alternation over hundreds of entries, and it always prefers the
    longest entry at a position. Spaces inside an entry match any run of blanks.
    """
    trie: dict = {}
    for word in words:
        if not word:
            continue
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    if not trie:
        return "(?!)"  # matches nothing

    def build(node: dict) -> str:
        ends_here = "" in node
        branches = [
            (ch, child) for ch, child in sorted(node.items(), key=lambda kv: kv[0], reverse=True) if ch
        ]
        if not branches:
            return ""
        alternatives = [_escape(ch) + build(child) for ch, child in branches]
        single_chars = all(len(alt) == 1 or (len(alt) == 2 and alt[0] == "\\") for alt in alternatives)
        if len(alternatives) == 1:
            body = alternatives[0]
            if ends_here:
                return f"(?:{body})?" if len(body) > 1 else f"{body}?"
            return body
        body = "[" + "".join(alternatives) + "]" if single_chars else "(?:" + "|".join(alternatives) + ")"
        return body + "?" if ends_here else body

    return "(?:" + build(trie) + ")"
