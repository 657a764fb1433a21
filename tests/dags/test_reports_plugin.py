"""The FG's reports in the Airflow UI: behind Airflow's login, only the reports folder, never inquiries."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = [pytest.mark.e2e]


def _token(client, user: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    from piigov.airflow import env

    resp = client.post("/auth/token", json={"username": user, "password": env.demo_password(user)})
    resp.raise_for_status()
    return {"Authorization": f"Bearer {resp.json()['access_token']}"}


def test_reports_are_served_to_logged_in_users_only(piigov_home: Path, airflow_db) -> None:  # type: ignore[no-untyped-def]
    from piigov.airflow import demo
    from piigov.airflow.reports_app import report_url
    from piigov.settings import get_settings

    reports = get_settings().reports_dir
    (reports / "data_docs" / "run-1").mkdir(parents=True)
    (reports / "fg-report.html").write_text("<h1>FG</h1>")
    (reports / "data_docs" / "run-1" / "index.html").write_text("<h1>docs</h1>")
    secret = piigov_home / "inquiries" / "INQ-2024-0001"
    secret.mkdir(parents=True)
    (secret / "access-report.html.enc").write_bytes(b"encrypted")

    client = demo.api_client()
    assert client.get("/piigov/").status_code in (401, 403)
    headers = _token(client, "fg")
    index = client.get("/piigov/", headers=headers)
    assert (
        index.status_code == 200
        and "fg-report.html" in index.text
        and "data_docs/run-1/index.html" in index.text
    )
    url = report_url(reports / "data_docs" / "run-1" / "index.html")
    assert url == "/piigov/files/data_docs/run-1/index.html"
    assert client.get(url, headers=headers).text == "<h1>docs</h1>"
    # Nothing outside the reports folder, however the path is written.
    assert report_url(secret / "access-report.html.enc") is None
    for path in ("../inquiries/INQ-2024-0001/access-report.html.enc", "..%2Finquiries%2Fx", "/etc/passwd"):
        assert client.get(f"/piigov/files/{path}", headers=headers).status_code == 404
