"""Redaction per format: docx runs, xlsx cells, eml headers and bodies, SQL rows; PDF left for a person.

Each case writes a real file (or table row), redacts it through its source and reads it back the way the
scanner does: the personal data is gone, the rest of the record is still there.
"""

from __future__ import annotations

import io
from email.message import EmailMessage
from pathlib import Path
from types import SimpleNamespace

import pytest

from piigov.destruction.redaction import (
    RedactionRefused,
    findings_left,
    planned_method,
    redact_item,
)
from piigov.detection import get_detector
from piigov.extraction import extract_text
from piigov.sources import LocalFolderSource

IDENTIFYING = frozenset({"PERSON", "NL_BSN", "PHONE_NUMBER", "EMAIL_ADDRESS", "IBAN_CODE"})
VALUES = ("Fatima Bouzid", "111222333", "06-12345678", "f.bouzid@example.com")
KEPT = "Het besluit over de subsidie blijft ongewijzigd."


def _redact(source, key: str):  # type: ignore[no-untyped-def]
    return redact_item(
        source,
        key,
        expected_fingerprint=source.stat(key).fingerprint,
        detector=get_detector(),
        entity_types=IDENTIFYING,
    )


def _text(source, key: str) -> str:  # type: ignore[no-untyped-def]
    return extract_text(key, source.read(key)).text


def _docx() -> bytes:
    import docx

    document = docx.Document()
    p = document.add_paragraph("Aanwezig: mevrouw ")
    p.add_run("Fatima Bouzid").bold = True
    p.add_run(" (BSN 111222333, tel. 06-12345678).")
    document.add_paragraph(KEPT)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Contact"
    table.cell(0, 1).text = "Mail mevrouw Fatima Bouzid via f.bouzid@example.com."
    document.sections[0].header.paragraphs[0].text = "Verslag over mevrouw Fatima Bouzid"
    document.core_properties.author = "fbouzid"
    document.core_properties.title = "Gesprek met mevrouw Fatima Bouzid"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _xlsx() -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["naam", "bsn", "telefoon", "notitie"])
    sheet.append(["mevrouw Fatima Bouzid", 111222333, "06-12345678", KEPT])
    sheet.append(["", None, None, "Geen bijzonderheden."])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _eml(*, attachment: bool = False) -> bytes:
    msg = EmailMessage()
    msg["From"] = "Fatima Bouzid <f.bouzid@example.com>"
    msg["To"] = "Afdeling Subsidies <subsidies@gemeente.example>"
    msg["Subject"] = "Gesprek met mevrouw Fatima Bouzid"
    msg["Date"] = "Tue, 03 Mar 2020 10:00:00 +0100"
    msg.set_content(f"Mevrouw Fatima Bouzid, BSN 111222333, belde over haar aanvraag.\n{KEPT}\n")
    msg.add_alternative(
        f"<html><body><p>Mevrouw Fatima Bouzid, BSN 111222333, belde.</p><p>{KEPT}</p></body></html>",
        subtype="html",
    )
    if attachment:
        msg.add_attachment(b"bijlage", maintype="application", subtype="octet-stream", filename="b.bin")
    return bytes(msg)


@pytest.fixture
def folder(tmp_path: Path) -> LocalFolderSource:
    (tmp_path / "verslag.docx").write_bytes(_docx())
    (tmp_path / "lijst.xlsx").write_bytes(_xlsx())
    (tmp_path / "bericht.eml").write_bytes(_eml())
    (tmp_path / "met-bijlage.eml").write_bytes(_eml(attachment=True))
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    return LocalFolderSource(tmp_path)


@pytest.mark.parametrize("key", ["verslag.docx", "lijst.xlsx", "bericht.eml"])
def test_office_and_mail_formats_are_redacted_in_place(folder: LocalFolderSource, key: str) -> None:
    assert findings_left(folder, key, get_detector(), IDENTIFYING) > 0
    result = _redact(folder, key)
    text = _text(folder, key)
    for value in VALUES:
        assert value not in text
    assert KEPT in text
    assert "<PERSON>" in text and result.replaced["PERSON"] >= 1
    assert result.new_key == key and "anonymizer" in result.method
    assert findings_left(folder, key, get_detector(), IDENTIFYING) == 0


def test_docx_keeps_the_formatting_of_its_runs(folder: LocalFolderSource) -> None:
    import docx

    _redact(folder, "verslag.docx")
    document = docx.Document(io.BytesIO(folder.read("verslag.docx")))
    runs = document.paragraphs[0].runs
    assert [r.bold for r in runs] == [None, True, None]
    assert runs[1].text == "<PERSON>"
    # Document properties: the author is a person by definition; the title is redacted like the body.
    assert document.core_properties.author == "<PERSON>"
    assert "Bouzid" not in document.core_properties.title and "<PERSON>" in document.core_properties.title


def test_xlsx_keeps_cells_without_personal_data(folder: LocalFolderSource) -> None:
    import openpyxl

    _redact(folder, "lijst.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(folder.read("lijst.xlsx"))).active
    assert [c.value for c in sheet[1]] == ["naam", "bsn", "telefoon", "notitie"]
    assert sheet["B2"].value == "<NL_BSN>" and sheet["D2"].value == KEPT
    assert sheet["D3"].value == "Geen bijzonderheden."


def test_eml_headers_are_redacted_and_the_message_still_parses(folder: LocalFolderSource) -> None:
    from email import policy
    from email.parser import BytesParser

    _redact(folder, "bericht.eml")
    msg = BytesParser(policy=policy.default).parsebytes(folder.read("bericht.eml"))
    assert "Bouzid" not in str(msg["Subject"]) and "<PERSON>" in str(msg["Subject"])
    assert str(msg["Date"]) == "Tue, 03 Mar 2020 10:00:00 +0100"
    assert KEPT in msg.get_body(preferencelist=("plain",)).get_content()


def test_a_message_of_a_mail_export_is_redacted_as_stored(tmp_path: Path) -> None:
    from piigov.sources.mail import MailExportSource

    (tmp_path / "postbus").mkdir()
    (tmp_path / "postbus" / "bericht.eml").write_bytes(_eml())
    source = MailExportSource(tmp_path / "postbus")
    _redact(source, "bericht.eml")
    stored = (tmp_path / "postbus" / "bericht.eml").read_bytes()
    assert b"Bouzid" not in stored and b"111222333" not in stored
    assert b"Date: Tue, 03 Mar 2020" in stored  # headers without personal data kept as they were
    assert findings_left(source, "bericht.eml", get_detector(), IDENTIFYING) == 0


@pytest.mark.parametrize(
    ("key", "reason"),
    [("scan.pdf", "PDF"), ("met-bijlage.eml", "attachments")],
)
def test_pdf_and_messages_with_attachments_are_left_for_a_person(
    folder: LocalFolderSource, key: str, reason: str
) -> None:
    before = folder.read(key)
    with pytest.raises(RedactionRefused, match=reason):
        _redact(folder, key)
    assert folder.read(key) == before


def test_a_sql_row_is_redacted_cell_by_cell_and_its_key_kept(tmp_path: Path) -> None:
    from sqlalchemy import create_engine, text

    from piigov.sources.sql import SqlTableSource

    url = f"sqlite:///{tmp_path / 'taskforce.sqlite'}"
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text("CREATE TABLE taskforce (id INTEGER PRIMARY KEY, naam TEXT, bsn TEXT, notitie TEXT)")
        )
        conn.execute(
            text(
                "INSERT INTO taskforce VALUES (1, 'mevrouw Fatima Bouzid', '111222333', :n), (2, NULL, NULL, :k)"
            ),
            {"n": f"Gesprek gevoerd. {KEPT}", "k": KEPT},
        )
    engine.dispose()
    source = SqlTableSource(url, "taskforce")
    other = source.read("taskforce/2")
    result = _redact(source, "taskforce/1")
    row = source.read("taskforce/1").decode()
    assert "Bouzid" not in row and "111222333" not in row and KEPT in row
    assert row.startswith("id: 1\n") and "bsn: <NL_BSN>" in row
    assert "SQL UPDATE" in result.method
    assert source.read("taskforce/2") == other
    source.close()


def test_planned_method_follows_the_policy_rule() -> None:
    from piigov.classification.policy import RedactionRule

    policy = SimpleNamespace(redact_instead_of_delete=RedactionRule(paths=("archief/**",)))
    item = lambda source, key: SimpleNamespace(source=source, key=key)  # noqa: E731
    assert planned_method(item("file:///share", "dossiers/a.docx"), policy) == "delete"
    assert planned_method(item("file:///share", "archief/a.docx"), policy) == "redact"
    assert planned_method(item("file:///share", "archief/a.pdf"), policy) == "person"
    assert planned_method(item("s3://b/", "archief/a.txt?versionId=v1"), policy) == "redact"
    assert planned_method(item("postgresql://h/db#t", "archief/1"), policy) == "redact"
    assert planned_method(item("mail+file:///m", "archief/x.mbox#0123456789abcdef"), policy) == "person"
    assert planned_method(item("mail+file:///m", "archief/a.eml/attachment/1/b.txt"), policy) == "person"


def test_a_policy_without_the_rule_deletes_everything(tmp_path: Path) -> None:
    from piigov.classification import load_policy
    from piigov.settings import Settings

    text = Settings.from_env().policy_path.read_text()
    path = tmp_path / "policy.yaml"
    path.write_text(text.split("\nredact_instead_of_delete:")[0])
    rule = load_policy(path).redact_instead_of_delete
    assert rule.paths == () and not rule.matches("file:///x", "taskforce/archiefbescheiden/a.txt")
