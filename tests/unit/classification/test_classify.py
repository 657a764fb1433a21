from datetime import date
from pathlib import Path

import pytest

from piigov.classification import Label, PolicyError, classify_item, load_policy
from piigov.register.models import ItemState
from piigov.settings import Settings

POLICY = load_policy(Settings.from_env().policy_path)
SRC = "file:///share"


@pytest.mark.parametrize(
    ("key", "state", "counts", "label", "special"),
    [
        (
            "dossiers/salafisme/n1.docx",
            ItemState.SCANNED,
            {"PERSON": 2, "NRP": 1},
            Label.UNLAWFULLY_HELD,
            True,
        ),
        ("dossiers/salafisme/sub/n2.txt", ItemState.SCANNED, {"NL_BSN": 1}, Label.UNLAWFULLY_HELD, False),
        (
            "taskforce/lijst.xlsx",
            ItemState.SCANNED,
            {"EMAIL_ADDRESS": 1, "LOCATION": 3},
            Label.UNLAWFULLY_HELD,
            False,
        ),
        # A town, a date and a religion term without any direct identifier are not personal data.
        (
            "dossiers/salafisme/beleid/nota.pdf",
            ItemState.SCANNED,
            {"LOCATION": 2, "DATE_TIME": 1, "NRP": 4},
            Label.NO_PERSONAL_DATA,
            False,
        ),
        ("personeelszaken/p.docx", ItemState.SCANNED, {"PERSON": 1, "NL_BSN": 1}, Label.OUT_OF_SCOPE, False),
        ("beleid/nota.docx", ItemState.SCANNED, {}, Label.NO_PERSONAL_DATA, False),
        ("dossiers/salafisme/x.pdf", ItemState.UNREADABLE, {}, Label.NOT_EXAMINED, False),
        ("dossiers/salafisme/big.zip", ItemState.OVERSIZED, {}, Label.NOT_EXAMINED, False),
        # `*` does not cross folders, `**` does: a sibling folder with a similar name is not the dossier.
        ("dossiers/salafisme-archief/n.txt", ItemState.SCANNED, {"PERSON": 1}, Label.OUT_OF_SCOPE, False),
    ],
)
def test_classify_item(key: str, state: str, counts: dict, label: str, special: bool) -> None:
    result = classify_item(POLICY, SRC, key, state, "reason", counts)
    assert result.label == label
    assert result.special_category is special
    assert result.reasons


def test_reasons_name_dossier_and_categories_only() -> None:
    result = classify_item(
        POLICY, SRC, "dossiers/salafisme/a.txt", ItemState.SCANNED, None, {"PERSON": 3, "NRP": 1}
    )
    assert result.dossier == "salafisme"
    assert result.categories == ("NRP", "PERSON")
    assert any("PERSON×3" in r for r in result.reasons)
    assert any("art. 9" in r for r in result.reasons)


def test_window_dates() -> None:
    assert not POLICY.window_closed(date(2024, 3, 31))
    assert POLICY.window_closed(date(2024, 4, 1))


def test_policy_with_destruction_before_deadline_is_refused(tmp_path: Path) -> None:
    text = (
        Settings.from_env()
        .policy_path.read_text()
        .replace("destruction_start: 2024-04-01", "destruction_start: 2024-03-01")
    )
    bad = tmp_path / "policy.yaml"
    bad.write_text(text)
    with pytest.raises(PolicyError, match="destruction_start"):
        load_policy(bad)


def test_policy_missing_field_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "policy.yaml"
    bad.write_text("version: 1\n")
    with pytest.raises(PolicyError):
        load_policy(bad)
