"""Rough detection throughput on synthetic Dutch text: ``python -m piigov.detection.benchmark [MB]``.

The text is generated (seeded) from letter-style Dutch sentences with personal data mixed in
at a realistic density; no real personal data is involved.
"""

from __future__ import annotations

import random
import sys
import time

_FILLER = (
    "Naar aanleiding van uw brief van vorige week delen wij u het volgende mee.",
    "Het college heeft besloten de aanvraag in behandeling te nemen en binnen acht weken te beslissen.",
    "U kunt tegen dit besluit binnen zes weken bezwaar maken bij het bestuursorgaan.",
    "De gemeente verwerkt uw gegevens op grond van de Participatiewet en de Algemene wet bestuursrecht.",
    "In het overleg met de ketenpartners is afgesproken dat de casus opnieuw wordt besproken.",
    "Zie bijlage 2 voor het overzicht van de kosten over 2023 en de begroting voor 2024.",
    "Het dossier met zaaknummer 2023-0012345 is overgedragen aan team Werk en Inkomen.",
    "Tijdens het huisbezoek is gesproken over de woonsituatie en de financiële situatie.",
    "De uitkering wordt met ingang van de eerste van de maand aangepast aan de nieuwe normbedragen.",
    "Wij verzoeken u de ontbrekende stukken uiterlijk binnen twee weken aan te leveren.",
    "Het Ministerie van SZW heeft de circulaire over de normbedragen op 1 januari gepubliceerd.",
    "De Stichting Al Fourkaan heeft subsidie aangevraagd voor het buurthuis in de wijk.",
)
_PII = (
    "Betrokkene mevrouw Bouzid (BSN 123456782) is telefonisch bereikbaar via 06-12345678.",
    "Gesproken met de heer Van der Berg, wonende Kerkstraat 12, 1234 AB Den Haag.",
    "Aanvrager Ayşe Yılmaz, geboren op 3 maart 1987, IBAN NL91 ABNA 0417 1643 00.",
    "Contact: Fatima Bouzid <f.bouzid@example.nl>, tel. 070 333 44 44.",
    "Cliënt is in 2019 bekeerd tot de islam en bezoekt wekelijks de moskee in Utrecht.",
    "C.E.G. van Gennip en M. El Amrani waren aanwezig namens de afdeling.",
    "Priya Ramdin (geb. 03-03-1987) woont sinds kort aan de Laan van Meerdervoort 123a.",
)


def synthetic_text(size_chars: int, seed: int = 7, pii_ratio: float = 0.15) -> str:
    """About ``size_chars`` characters of paragraphs mixing filler and personal-data sentences."""
    rng = random.Random(seed)
    parts: list[str] = []
    total = 0
    while total < size_chars:
        paragraph = " ".join(
            rng.choice(_PII) if rng.random() < pii_ratio else rng.choice(_FILLER)
            for _ in range(rng.randint(3, 7))
        )
        parts.append(paragraph)
        total += len(paragraph) + 2
    return "\n\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    megabytes = float(args[0]) if args else 1.0
    from piigov.detection import Detector

    started = time.perf_counter()
    detector = Detector()
    built = time.perf_counter() - started
    text = synthetic_text(int(megabytes * 1_000_000))
    documents = [text[i : i + 20_000] for i in range(0, len(text), 20_000)]
    detector.detect(documents[0])  # warm-up: compiles the regexes
    started = time.perf_counter()
    results = detector.detect_many(documents)
    elapsed = time.perf_counter() - started
    count = sum(len(r) for r in results)
    print(
        f"detector {detector.version} built in {built:.1f}s; {len(text):,} chars in {len(documents)} documents: "
        f"{elapsed:.2f}s = {len(text) / elapsed:,.0f} chars/s, {count:,} detections"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
