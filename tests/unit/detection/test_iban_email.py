"""Presidio's predefined IbanRecognizer and piigov's NlEmailRecognizer (Presidio's pattern), for Dutch."""

from __future__ import annotations

import pytest
from presidio_analyzer.predefined_recognizers import IbanRecognizer

from piigov.detection.recognizers.nl_email_recognizer import NlEmailRecognizer, is_role_mailbox


@pytest.fixture(scope="module")
def iban() -> IbanRecognizer:
    return IbanRecognizer(supported_language="nl")


@pytest.fixture(scope="module")
def email() -> NlEmailRecognizer:
    return NlEmailRecognizer(supported_language="nl")


@pytest.mark.parametrize(
    ("text", "entity_type", "expected"),
    [
        ("IBAN NL91 ABNA 0417 1643 00 ten name van", "IBAN_CODE", ["NL91 ABNA 0417 1643 00"]),
        ("rekeningnummer NL91ABNA0417164300.", "IBAN_CODE", ["NL91ABNA0417164300"]),
        ("Belgisch: BE68 5390 0754 7034", "IBAN_CODE", ["BE68 5390 0754 7034"]),
        ("Duits: DE89 3704 0044 0532 0130 00", "IBAN_CODE", ["DE89 3704 0044 0532 0130 00"]),
        ("NL91 ABNA 0417 1643 01 (fout)", "IBAN_CODE", []),
        ("NL92ABNA0417164300 (fout)", "IBAN_CODE", []),
        ("Mail f.bouzid@example.nl graag", "EMAIL_ADDRESS", ["f.bouzid@example.nl"]),
        (
            "<fatima.el-amrani@gemeente.amsterdam.nl>",
            "EMAIL_ADDRESS",
            ["fatima.el-amrani@gemeente.amsterdam.nl"],
        ),
        ("j.jansen+zaak@minszw.nl", "EMAIL_ADDRESS", ["j.jansen+zaak@minszw.nl"]),
        ("geen adres: naam@", "EMAIL_ADDRESS", []),
        ("bestand rapport.pdf", "EMAIL_ADDRESS", []),
        ("Verzoeken via privacy@minszw.nl of per post", "EMAIL_ADDRESS", []),
        ("Cc: taskforce-pgobf@minszw.nl", "EMAIL_ADDRESS", []),
        ("Van: a.visser@minszw.nl", "EMAIL_ADDRESS", ["a.visser@minszw.nl"]),
    ],
)
def test_iban_and_email(iban, email, found_spans, locate, text, entity_type, expected):
    recognizer = iban if entity_type == "IBAN_CODE" else email
    assert recognizer.supported_language == "nl"
    assert found_spans(recognizer, text, entity_type) == locate(text, expected)


@pytest.mark.parametrize(
    ("address", "role"),
    [
        ("privacy@minszw.nl", True),
        ("secretariaat.dsi@minszw.nl", True),
        ("taskforce-pgobf@minszw.nl", True),
        ("netwerk-gemeenten@vng.nl", True),
        ("info@stichting-alfath.nl", True),
        # system words and administrative compounds: a system's mailbox, a team's
        ("noreply-signalenregister@minszw.nl", True),
        ("dossierteam-taskforce@minszw.nl", True),
        ("fg@minszw.nl", True),  # the data protection officer's office, whoever holds it
        ("woo-szw@minszw.nl", True),  # the office for Woo requests of a ministry
        ("bezoekersbalie@minszw.nl", True),
        ("MAILTO=tfreg-beheer@minszw.nl", True),  # a crontab's mail line: the administrators
        ("TFREG_NOTIFY=archief-szw@minszw.nl", True),  # a configuration variable before the address
        ("NOTIFY=j.bakker@minszw.nl", False),
        ("secretariaat-regiozuid@provincie.nl", True),  # a compass word is no name here
        ("zaalreservering@minszw.nl", True),  # a head before a long ordinary word: a compound noun
        ("annekoopmans@gmail.com", False),
        ("catering-rijkskantoor@facilitair.rijksoverheid.nl", True),
        ("facilitairbedrijf@minszw.nl", True),  # two ordinary words written as one
        ("allemedewerkers@minszw.nl", True),
        ("keesvisser@gmail.com", False),  # a first name and a surname written as one
        ("woo-ali@minszw.nl", False),  # ... not with a first name
        # persons: initials, first names, surnames (never "ordinary words", even "Bakker"/"Roos")
        ("j.bakker@minszw.nl", False),
        ("roos@gmail.com", False),
        ("ali.visser@gemeente.nl", False),
        ("f.bouzid@example.nl", False),
        ("secretariaat.mohammed@minszw.nl", False),
        ("kantoor.yilmaz@hotmail.com", False),
        ("pgobf@minszw.nl", False),  # no word: could be anyone's code
        ("team.dsi.nctv@minszw.nl", False),  # two codes: not sure
    ],
)
def test_role_mailboxes_are_no_personal_addresses(address, role):
    assert is_role_mailbox(address) is role


def test_a_configuration_variable_is_not_part_of_the_address():
    text = "NOTIFY_TO=f.bouzid@minszw.nl\nMAILTO=tfreg-beheer@minszw.nl\n"
    found = NlEmailRecognizer().analyze(text, ["EMAIL_ADDRESS"])
    assert [text[r.start : r.end] for r in found] == ["f.bouzid@minszw.nl"]
