"""Airflow plugin: piigov's reports for the FG under /piigov, with a link in the navigation."""

from __future__ import annotations

from typing import Any, ClassVar

from airflow.plugins_manager import AirflowPlugin

from piigov.airflow.reports_app import URL_PREFIX, create_app


class PiigovReportsPlugin(AirflowPlugin):
    name = "piigov_reports"
    fastapi_apps: ClassVar[list[dict[str, Any]]] = [
        {"app": create_app(), "url_prefix": URL_PREFIX, "name": "piigov reports"}
    ]
    external_views: ClassVar[list[dict[str, Any]]] = [
        {"name": "piigov reports", "href": f"{URL_PREFIX}/", "destination": "nav"}
    ]
