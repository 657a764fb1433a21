from __future__ import annotations

import pytest

from piigov.detection import get_detector


def _found(text: str) -> list[tuple[str, str]]:
    return [(d.entity_type, text[d.start : d.end]) for d in get_detector().detect(text) if d.score >= 0.5]


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("Paspoortnummer: NXR4K7P21, geldig tot 2030.", "NL_PASSPORT"),
        ("Reisdocument SPECI2014 is vermist gemeld.", "NL_PASSPORT"),
        ("Zijn identiteitskaart (documentnummer IXD82K1P3) lag op tafel.", "NL_ID_CARD"),
        ("een kopie van uw paspoort (documentnummer ND63XK7R8) is vernietigd", "NL_PASSPORT"),
        ("documentnummer ND63XK7R8", "NL_PASSPORT"),  # the generic word: a tie goes to the passport
        ("Legitimatie: ID-kaart nr. BH4521K07", "NL_ID_CARD"),
    ],
)
def test_document_numbers_with_context(text: str, entity: str) -> None:
    assert any(e == entity and len(v) == 9 for e, v in _found(text)), _found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Bestelcode NXR4K7P21 voor de printer.",  # the same layout without context is not a document
        "Paspoort BO1234567 volgens de notitie.",  # the letter O is never issued
        "Paspoort NXR4K7P2 (te kort).",
        "Paspoort nxr4k7p21 in kleine letters.",
    ],
)
def test_no_document_number_without_context_or_with_wrong_layout(text: str) -> None:
    assert not any(e in ("NL_PASSPORT", "NL_ID_CARD") for e, _ in _found(text))
