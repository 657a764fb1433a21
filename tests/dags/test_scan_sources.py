"""piigov_scan with dag.test() against each source kind, by URI and through Airflow connections."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator

import pytest

from coverage_items import coverage_items
from servers import chown_to_share_user, moto_server, samba_server

pytestmark = [pytest.mark.e2e, pytest.mark.integration]


def _run_scan(conf: dict) -> tuple[str, dict]:  # type: ignore[type-arg]
    from piigov.airflow import demo

    run = demo.get_dag("piigov_scan").test(run_conf=conf | {"batch_size": 3})
    state = str(getattr(run.state, "value", run.state))
    from airflow.models.xcom import XComModel
    from airflow.utils.session import create_session

    with create_session() as session:
        row = (
            session.query(XComModel)
            .filter_by(dag_id="piigov_scan", run_id=run.run_id, task_id="summarise", key="return_value")
            .one()
        )
        summary = row.value if isinstance(row.value, dict) else json.loads(row.value)
    return state, summary


@pytest.fixture
def s3_env(monkeypatch) -> Iterator[str]:  # type: ignore[no-untyped-def]
    import boto3

    with moto_server() as endpoint:
        client = boto3.client(
            "s3",
            endpoint_url=endpoint,
            aws_access_key_id="x",
            aws_secret_access_key="y",
            region_name="eu-west-1",
        )
        client.create_bucket(Bucket="archief", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
        for key, (data, _s, _r) in coverage_items().items():
            client.put_object(Bucket="archief", Key=f"export/{key}", Body=data)
        monkeypatch.setenv(
            "AIRFLOW_CONN_S3_ONPREM",
            json.dumps(
                {
                    "conn_type": "aws",
                    "login": "x",
                    "password": "y",
                    "extra": {"endpoint_url": endpoint, "region_name": "eu-west-1"},
                }
            ),
        )
        yield endpoint


@pytest.fixture
def smb_env(monkeypatch) -> Iterator[object]:  # type: ignore[no-untyped-def]
    with samba_server() as samba:
        for key, (data, _s, _r) in coverage_items().items():
            path = samba.share_dir / "export" / key
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        chown_to_share_user(samba.share_dir)
        monkeypatch.setenv(
            "AIRFLOW_CONN_SMB_TASKFORCE",
            json.dumps(
                {
                    "conn_type": "samba",
                    "host": samba.host,
                    "port": samba.port,
                    "login": samba.user,
                    "password": samba.password,
                    "schema": samba.share,
                }
            ),
        )
        yield samba


def test_scan_dag_on_s3_through_an_airflow_connection(airflow_db, piigov_home, s3_env) -> None:  # type: ignore[no-untyped-def]
    state, summary = _run_scan({"conn_id": "s3_onprem", "location": "archief/export"})
    assert state == "success"
    assert summary["source"] == "s3://archief/export" and summary["items_total"] == len(coverage_items())
    assert summary["items_with_personal_data"] == 2


def test_scan_dag_on_smb_through_an_airflow_connection(airflow_db, piigov_home, smb_env) -> None:  # type: ignore[no-untyped-def]
    state, summary = _run_scan({"conn_id": "smb_taskforce", "location": f"{smb_env.share}/export"})
    assert state == "success"
    assert summary["source"].startswith("smb://") and smb_env.password not in json.dumps(summary)
    assert summary["items_total"] == len(coverage_items()) and summary["items_unreadable"] == 3


def test_scan_dag_on_a_local_folder_by_uri(airflow_db, piigov_home, tmp_path) -> None:  # type: ignore[no-untyped-def]
    for key, (data, _s, _r) in coverage_items().items():
        (tmp_path / "share" / key).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "share" / key).write_bytes(data)
    state, summary = _run_scan({"source": str(tmp_path / "share")})
    assert state == "success" and summary["items_total"] == len(coverage_items())


def test_scan_dag_refuses_params_without_a_source(airflow_db, piigov_home) -> None:  # type: ignore[no-untyped-def]
    from piigov.airflow.sources import SourceParamsError, source_uri

    with pytest.raises(SourceParamsError):
        source_uri(None, None, None)
    assert os.environ.get("PIIGOV_SMB_PASSWORD") is None  # credentials came from connections only


def test_scan_dag_on_a_postgres_table_through_an_airflow_connection(
    airflow_db, piigov_home, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    import uuid

    from sqlalchemy import create_engine, text

    admin = create_engine(
        "postgresql+psycopg2://postgres@127.0.0.1:5432/postgres", isolation_level="AUTOCOMMIT"
    )
    name = f"piigov_dag_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        db = create_engine(f"postgresql+psycopg2://postgres@127.0.0.1:5432/{name}")
        with db.begin() as conn:
            conn.execute(
                text(
                    "CREATE TABLE personen (id integer primary key, naam text, woonplaats text, notitie text)"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO personen VALUES (1, 'Khadija El Amrani', 'Utrecht', 'BSN 111222333, bezoekt de moskee'),"
                    " (2, NULL, NULL, NULL), (3, 'Mehmet Öztürk', 'Zaandam', 'tel. 06-12345678')"
                )
            )
        db.dispose()
        monkeypatch.setenv(
            "AIRFLOW_CONN_TASKFORCE_DB",
            json.dumps(
                {
                    "conn_type": "postgres",
                    "host": "127.0.0.1",
                    "port": 5432,
                    "login": "postgres",
                    "schema": name,
                }
            ),
        )
        state, summary = _run_scan({"conn_id": "taskforce_db", "location": "personen"})
        assert state == "success"
        assert summary["source"].endswith("#personen") and summary["items_total"] == 3
        assert summary["items_scanned"] == 3 and summary["items_with_personal_data"] == 2
    finally:
        from piigov.register.db import _engine

        _engine.cache_clear()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_scan_dag_on_a_mail_export_by_uri(airflow_db, piigov_home, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import mailbox
    from email.message import EmailMessage

    export = tmp_path / "postbus"
    export.mkdir()
    box = mailbox.mbox(export / "inbox.mbox")
    for i, sender in enumerate(["Fatima Bouzid <f.bouzid@example.com>", "Jan de Vries <jan@example.com>"]):
        msg = EmailMessage()
        msg["From"], msg["To"], msg["Subject"] = sender, "inzage@minszw.example.com", f"Inzageverzoek {i}"
        msg.set_content("Graag wil ik weten of mijn gegevens zijn verwerkt.")
        if i == 0:
            msg.add_attachment(b"BSN 111222333", maintype="text", subtype="plain", filename="bijlage.txt")
        box.add(msg)
    box.flush()
    box.close()
    state, summary = _run_scan({"source": f"mail+file://{export}"})
    assert state == "success"
    assert summary["items_total"] == 3  # two messages and one attachment
    assert summary["items_with_personal_data"] == 3
