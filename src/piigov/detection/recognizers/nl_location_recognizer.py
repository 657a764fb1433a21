"""NlLocationRecognizer: Dutch places of residence and street addresses, entity LOCATION.

* ``municipality`` -- the names in ``data/municipalities.txt`` ("Amsterdam", "Den Haag",
  "'s-Hertogenbosch", "Alphen aan den Rijn") and the places of residence that are not
  municipalities in ``data/residences.txt`` ("Zaandam", "Hoofddorp"), case-sensitive and
  whole-word (after a locational word also in capitals: "6824 HL  ARNHEM").
* ``municipality (after locational word)`` -- any name of the list after a locational word,
  a place label or a postcode: "woont in Buren", "te Best", "gemeente Putten",
  "woonplaats: Leiden", "Woonplaats<TAB>Hoorn" (a Word table), "1624 KL Hoorn", also across a
  line break ("ingeschreven in<NEWLINE>Breda": wrapped text). Names marked
  "~" in the list are also ordinary words or surnames ("Buren", "Best", "Putten") and are
  reported only here; the others score higher here than alone, so that "woont in Culemborg"
  is a place even where the NER model took "Culemborg" for a person.
* ``place with a connecting word`` -- a listed name with "aan de", "op", "bij", "en" ...
  between capitalised words ("Koog aan de Zaan", "Bergen op Zoom"): never a person, so it
  scores above the NER model's guess for its last word.
* ``municipality (table cell)`` -- a name that is not marked "~" filling a whole cell of an
  extracted spreadsheet, CSV file or Word table ("...<TAB>Culemborg<TAB>4101 WX", "...;Breda;...").
* ``street + house number`` -- "Kerkstraat 12", "Laan van Meerdervoort 123a",
  "Jan van Galenstraat 5-III", "Grote Markt 1". A street is a capitalised word with a street
  ending (see ``_shared.STREET_SUFFIXES``), optionally preceded by up to three name words or
  particles, or a street word followed by "van ..." ("Laan van ..."). The house number is not
  taken when it is really a date ("Vergadering 12 maart") or a quantity ("Loopbaan 12 jaar").
"""

from __future__ import annotations

import regex
from presidio_analyzer import Pattern

from piigov.detection.prefilter import Requires
from piigov.detection.recognizers._shared import (
    BLANK,
    BLANKS,
    EXCEPTION_WORD,
    NAME_BLANK,
    NAME_BLANKS,
    NAME_WORD,
    NOT_BEFORE_WORD,
    STREET_SUFFIXES,
    NlPatternRecognizer,
)
from piigov.detection.wordlists import fold_diacritics, load_wordlist, spelling_variants, trie_regex

PLACE_LISTS = ("municipalities.txt", "residences.txt", "foreign_places.txt")


def _municipalities(ambiguous: bool | None, upper: bool = False, connected: bool = False) -> str:
    """Regex for the places of ``PLACE_LISTS`` marked "~" (``ambiguous``) or not (None: both, so
    that the longest name wins: "Alphen aan den Rijn", not "Alphen"); ``upper``: in capitals
    ("6824 HL  ARNHEM" in an address block); ``connected``: only the names with a lower-case
    connecting word ("Koog aan de Zaan", "Bergen op Zoom", "Berg en Dal")."""
    names: set[str] = set()
    for list_name in PLACE_LISTS:
        for entry in load_wordlist(list_name):
            if ambiguous is not None and entry.startswith("~") != ambiguous:
                continue
            if connected and not _CONNECTOR.search(entry):
                continue
            names.update(v.upper() if upper else v for v in spelling_variants(entry.lstrip("~")))
    return trie_regex(names)


# "aan de", "op", "bij", "ter", "en" between capitalised words: such a name is a place, whatever
# the NER model guessed for its last word ("uit Koog aan de Zaan, ..." is no person "Zaan")
_CONNECTOR = regex.compile(r"\p{Lu}\S*[ ](?:aan|op|bij|ter|in|over|van|en)[ ](?:(?:de|den|het)[ ])?\p{Lu}")


_BEFORE_PLACE = r"(?<![\p{L}\p{M}\p{N}'’\-])"
_LOCATIONAL = (
    r"(?:(?i:in|te|uit|naar|nabij|vanuit|gemeente|wonende|woonachtig|geboren|"
    r"(?:woonplaats|plaats|verblijfplaats|vestigingsplaats|geboorteplaats)(?:[ \t]*:)?)"
    r"|[1-9]\d{3}[ \u00a0]?[A-Z]{2})"
)
_CELL_SEPARATOR = r"[\t;|]"
_PLACE_WORD = r"\p{Lu}[\p{L}\p{M}'’\-]*[\p{Ll}\p{M}]"
# a place in a report written in capitals: "GEBOREN: 02-01-1995 TE ASMARA"
# ("GEB.PLAATS: AL HOCEIMA": a two-letter article may lead)
# (the verbs of a report in capitals are no place: "GEB. 1992-11-05, WOONT VELP")
_VERB_IN_CAPITALS = r"(?:WOONT|WOONDE|WONEN|WONENDE|WOONACHTIG|GEBOREN|VERHUISD|SINDS)(?!\p{L})"
# identifier labels in capitals that follow a date of birth: "geb. 19-1-1957, BSN 358..."
_LABEL_IN_CAPITALS = r"(?:BSN|IBAN|TEL|MOB|GSM|KVK|NR|NUMMER|DOSSIER|ZAAK|ID|IDNR|PASPOORT|ADRES)(?!\p{L})"
_PLACE_IN_CAPITALS = (
    rf"(?!{_LABEL_IN_CAPITALS})(?:(?!TE|IN|OP)\p{{Lu}}{{2}}[ \-](?=\p{{Lu}}{{3}}))?(?!{_VERB_IN_CAPITALS})\p{{Lu}}{{3,}}"
    rf"(?:[ \-](?!{_VERB_IN_CAPITALS})\p{{Lu}}{{3,}})?"
)
# a capitalised place, or one in capitals ("AL HOCEIMA": "AL" alone is an exception word)
_PLACE = (
    rf"(?:(?!{EXCEPTION_WORD})(?:{_PLACE_WORD}(?:[ \-]{_PLACE_WORD})?|{_PLACE_IN_CAPITALS})"
    rf"|(?!TE|IN|OP)\p{{Lu}}{{2}}[ \-](?=\p{{Lu}}{{3}}){_PLACE_IN_CAPITALS})"
)
# countries (data/countries.txt) as written and in capitals: "(Polen)", "(ERITREA)"
_COUNTRIES = trie_regex(
    {v for c in load_wordlist("countries.txt") for v in spelling_variants(c)}
    | {c.upper() for c in load_wordlist("countries.txt")}
    | {fold_diacritics(c).upper() for c in load_wordlist("countries.txt")}  # "SOMALIE"
)
_OWN_CELL = (
    rf"(?:(?<={_CELL_SEPARATOR}[ \u00a0]*)(?=ANY[ \u00a0]*(?:$|{_CELL_SEPARATOR}))"
    rf"|(?<=^[ \u00a0]*)(?=ANY[ \u00a0]*{_CELL_SEPARATOR}))"
)

_SUFFIX = trie_regex(STREET_SUFFIXES)
_SUFFIX_CAPITALISED = trie_regex(s.capitalize() for s in STREET_SUFFIXES)
_SUFFIX_UPPER = trie_regex(s.upper() for s in STREET_SUFFIXES)
# a street in a report written in capitals: "ADRES: ZUIDERPARKLAAN 312", "KERKSTRAAT 4-A"
_STREET_IN_CAPITALS = rf"(?:\p{{Lu}}{{2,}}{NAME_BLANK}){{0,2}}\p{{Lu}}{{2,}}{_SUFFIX_UPPER}"
_LINK = r"(?:van|de|der|den|het|'t|’t|ter|ten|op|aan|in|bij|tot|voor|achter|over|la|le)"
# titles that start many street names although they never start a person name
_STREET_TITLES = trie_regex(
    (
        "Burgemeester",
        "Koning",
        "Koningin",
        "Prins",
        "Prinses",
        "Graaf",
        "Gravin",
        "Generaal",
        "Dokter",
        "Pastoor",
    )
)
# a capitalised word that may precede the street word: "Jan van Galen|straat", "Grote Markt"
_LEAD_WORD = rf"(?:{_STREET_TITLES}{NOT_BEFORE_WORD}|(?!{EXCEPTION_WORD})(?:\d{{1,2}}e|{NAME_WORD}\.?))"
_STREET_SINGLE = (
    rf"(?:{_LEAD_WORD}{NAME_BLANKS}(?:{_LINK}{NAME_BLANKS}){{0,2}}){{0,3}}"
    rf"(?:\p{{Lu}}[\p{{L}}\p{{M}}'’\-]*?{_SUFFIX}|{_SUFFIX_CAPITALISED})"
)
_STREET_OF = (
    rf"{_SUFFIX_CAPITALISED}{NAME_BLANKS}(?:{_LINK}{NAME_BLANKS}){{1,3}}"
    rf"\p{{Lu}}[\p{{L}}\p{{M}}'’\-]*(?:{NAME_BLANK}\p{{Lu}}[\p{{L}}\p{{M}}'’\-]*)?"
)
_MONTH_OR_UNIT = (
    r"(?i:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    r"jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec|uur|jaar|jaren|km|meter|m|euro|eur|kg|"
    r"minuten|dagen|weken|maanden|personen|procent)\b|%|€"
)
HOUSE_NUMBER = (
    rf"{NAME_BLANKS}[1-9]\d{{0,4}}(?!\p{{N}})(?:{NAME_BLANK}?[a-zA-Z](?![\p{{L}}\p{{N}}]))?"
    rf"(?:{NAME_BLANK}?-{NAME_BLANK}?(?:\d{{1,4}}|[a-zA-Z]{{1,3}}|I{{1,3}}|IV|hs|bis)(?![\p{{L}}\p{{N}}]))?"
    r"(?![\-/.]\d)"  # "19-10-1996" is a date, not house number 19-10
    rf"(?!{NAME_BLANK}*(?:{_MONTH_OR_UNIT}))"
)

LOCATION_PATTERNS = (
    Pattern(
        "street + house number",
        rf"(?<![\p{{L}}\p{{M}}\p{{N}}'’\-])(?:{_STREET_OF}|{_STREET_SINGLE}){HOUSE_NUMBER}",
        0.6,
    ),
    Pattern(
        "street + house number (capitals)",
        rf"(?<![\p{{L}}\p{{M}}\p{{N}}'’\-]){_STREET_IN_CAPITALS}{HOUSE_NUMBER}",
        0.5,
    ),
    Pattern("municipality", rf"{_BEFORE_PLACE}{_municipalities(ambiguous=False)}{NOT_BEFORE_WORD}", 0.4),
    Pattern(
        "place with a connecting word",
        rf"{_BEFORE_PLACE}{_municipalities(ambiguous=None, connected=True)}{NOT_BEFORE_WORD}",
        0.7,
    ),
    Pattern(
        "municipality (after locational word)",
        rf"(?<=(?<![\p{{L}}\p{{M}}]){_LOCATIONAL}(?:{BLANKS}|{BLANK}*\r?\n{BLANK}*))"
        rf"(?:{_municipalities(ambiguous=None)}|{_municipalities(ambiguous=None, upper=True)})"
        rf"{NOT_BEFORE_WORD}",
        0.5,
    ),
    # any capitalised place after "geboren ... te/in", "wonende te", "geboorteplaats:": a place of
    # birth or residence abroad is as personal as a Dutch one ("30 januari 1994 te Paramaribo")
    Pattern(
        "place of birth or residence",
        # (a placeholder of a pseudonymised ruling may stand between: "geboren op [geboortedatum] in")
        # (a wrapped line may put "te" on the next line: "geboren 12 april 1961<NEWLINE>te Ajdir")
        rf"(?<=(?<![\p{{L}}\p{{M}}])(?:(?i:geboren|geb\.?)(?:[ \t:,]+[\p{{N}}\p{{Ll}}\-/.'’\[\]]+){{0,4}}?(?:[ \t,]+|[ \t,]*\r?\n[ \t]*)(?i:te|in)"
        # "geb. 4-4-1985, Nador", "geb 4-1-2001 Mogadishu": a date of birth, then the place
        rf"|(?i:geboren|geb\.?)[ \t:]+(?:\d{{1,2}}[\-/.]\d{{1,2}}[\-/.](?:\d{{4}}|['’]?\d{{2}})|\d{{4}}-\d\d-\d\d),?"
        rf"|(?i:wonende|woonachtig|wonend)[ \t]+(?i:te|in)"
        # "woont in", "woont sinds 2016 in", "verhuisd naar", "vertrokken naar"
        rf"|(?i:woon|woont|woonde|wonen)(?:[ \t]+[\p{{N}}\p{{Ll}}]+){{0,3}}?[ \t]+(?i:in|te)"
        rf"|(?i:verhuisd|verhuist|vertrokken|vertrekt|teruggekeerd|uitgereisd)[ \t]+(?i:naar)"
        # "geboorteplaats (Konya)"; a wrapped line: "geboren op 21 september 1972 te<NEWLINE>Tinghir"
        rf"|(?i:geboorteplaats|geb\.[ \t]?plaats)[ \t]*[:.…]*)(?:[ \t]*\r?\n[ \t]*|[ \t]+|[ \t]*\())"
        rf"{_PLACE}"
        rf"{NOT_BEFORE_WORD}",
        0.5,
    ),
    # "geboren Nador", "WOONT VELP.": no preposition, so the place must end the clause; not in
    # brackets ("(geboren Bouzid)" is a maiden name)
    Pattern(
        "place right after geboren or woont",
        rf"(?<=(?<![\p{{L}}\p{{M}}])(?i:geboren|woont|woonde|woonachtig|wonende)[ \t]+)"
        rf"{_PLACE}"
        rf"(?=[ \t]*(?:[.,;:\r\n]|$))",
        0.5,
    ),
    # a list entry "Kwesi Twumasi, Veendam, geb. 1983/11/27": after a first name and a surname
    # (two words: "Bouzid, Fatima, geb." is a name in register order), before the date of birth
    Pattern(
        "place between a name and a date of birth",
        rf"(?<=\p{{Lu}}[\p{{Ll}}\p{{M}}]+[ \u00a0]+\p{{Lu}}[\p{{L}}\p{{M}}'’\-]+,[ \u00a0]*)"
        rf"(?!{EXCEPTION_WORD}){_PLACE_WORD}(?:[ \-]{_PLACE_WORD})?"
        rf"(?=,?[ \u00a0]*(?i:geb\.?|geboren)[ \u00a0:]*\d)",
        0.55,
    ),
    Pattern("country", rf"{_BEFORE_PLACE}{_COUNTRIES}{NOT_BEFORE_WORD}", 0.5),
    # the genealogical star of a death notice or family tree: "* Meerzorg, 12-08-1939" (the place
    # of birth; "† Zwolle, 29 januari 2024" is the place of death and not taken)
    Pattern(
        "place and date of birth after a star",
        rf"(?<=(?:^|[ \t\u00a0])\*[ \t\u00a0]*){_PLACE}{NOT_BEFORE_WORD}(?=,?[ \t\u00a0]*\d{{1,2}}[\-/. ](?:\d{{1,2}}|\p{{Ll}}+)[\-/. ]\d{{4}})",
        0.5,
    ),
    Pattern(
        "municipality (table cell)",
        _OWN_CELL.replace("ANY", rf"{_municipalities(ambiguous=False)}{NOT_BEFORE_WORD}")
        + _municipalities(ambiguous=False),
        0.5,
    ),
)
# A municipality filling a cell needs a cell separator in the text (piigov.detection.prefilter).
LOCATION_CANDIDATES = {
    "street + house number (capitals)": Requires(any_of=tuple(s.upper() for s in STREET_SUFFIXES)),
    "municipality (table cell)": Requires(any_of=("\t", ";", "|")),
    "place between a name and a date of birth": Requires(any_of=("geb", "Geb", "GEB")),
    "place right after geboren or woont": Requires(any_of=("ebor", "EBOR", "oon", "OON")),
    "place of birth or residence": Requires(
        any_of=("geb", "Geb", "GEB", "won", "Won", "WON", "woo", "Woo", "WOO", "naar", "NAAR")
    ),
    "place and date of birth after a star": Requires("*"),
}
LOCATION_CONTEXT = ["adres", "woonadres", "woonachtig", "wonende", "woonplaats"]


class NlLocationRecognizer(NlPatternRecognizer):
    """Recognize Dutch municipalities and street + house number (entity LOCATION)."""

    PATTERNS = LOCATION_PATTERNS
    CANDIDATES = LOCATION_CANDIDATES
    CONTEXT = LOCATION_CONTEXT
    ENTITY = "LOCATION"
