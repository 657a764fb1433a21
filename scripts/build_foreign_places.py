"""Print the entries of src/piigov/detection/data/foreign_places.txt (see that file's header).

Run from the repository root after ``make setup``:
``.venv/bin/python scripts/build_foreign_places.py > /tmp/entries.txt``, then paste the entries
under the header. Nothing here is used at run time.
"""

from __future__ import annotations

import sys
import zoneinfo
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# the time-zone regions whose zones are named after a city
REGIONS = {"Africa", "America", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific"}
# zone names that are no place name (compass words, old aliases)
JUNK = {"North", "South", "West", "Virgin", "Knox IN", "ComodRivadavia", "Yancowinna", "Wallis & Futuna"}
# places that are also common given names or surnames, which the lists below do not all hold
ALSO_NAMES = {
    "regina", "davis", "casey", "palmer", "santiago", "victoria", "darwin", "dawson", "lindeman", "nome",
    "phoenix", "norfolk", "mawson", "stanley", "sofia", "lima", "perth", "hobart", "denver", "marengo",
    "monticello", "menominee", "creston", "midway", "johnston", "chatham", "rothera", "troll", "vostok",
    "wake", "currie", "eucla", "adak", "atka", "macquarie", "kerguelen", "noronha", "medina", "karaman",
    "kars", "ordu", "batman", "kulu", "safi", "marka", "hama", "bolu", "tokat",
}  # fmt: skip


def _lines(path: Path) -> list[str]:
    return [
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


def main() -> int:
    sys.path.insert(0, str(ROOT / "src"))
    from babel import Locale

    from piigov.detection.detector import default_model_dir
    from piigov.detection.nlp import _lower_case_words
    from piigov.detection.wordlists import dutch_words, fold_diacritics, is_ordinary_word, load_wordlist

    names: dict[str, str] = {}
    translated = Locale("nl").time_zones
    for zone in sorted(zoneinfo.available_timezones()):
        parts = zone.split("/")
        if len(parts) < 2 or parts[0] not in REGIONS:
            continue
        name = translated.get(zone, {}).get("city") or parts[-1].replace("_", " ")
        if "," not in name and not name.isupper() and name not in JUNK:
            names.setdefault(name, "tz")
    for name in _lines(ROOT / "scripts" / "foreign_places_by_hand.txt"):
        names.setdefault(name, "hand")

    known = {
        e.lstrip("~")
        for lst in ("municipalities.txt", "residences.txt", "countries.txt")
        for e in load_wordlist(lst)
    }
    words = set(ALSO_NAMES) | set(dutch_words()) | set(_lower_case_words(str(default_model_dir())))
    for lst in ("first_names.txt", "surnames_training.txt"):
        words |= {fold_diacritics(w).lower() for entry in load_wordlist(lst) for w in entry.split()}
    for path in (ROOT / "src" / "piigov" / "demo" / "data").glob("*names*.txt"):
        words |= {fold_diacritics(w).lower() for line in _lines(path) for w in line.split()}

    for name in sorted(names, key=lambda s: fold_diacritics(s).lower()):
        if name in known:
            continue
        single = " " not in name
        ambiguous = len(name) <= 3 or (
            single and (fold_diacritics(name).lower() in words or is_ordinary_word(name))
        )
        print(("~" if ambiguous else "") + name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
