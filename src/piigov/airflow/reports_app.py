"""The FG's reports in the Airflow UI: FG report, destruction lists, Data Docs and certificates.

A FastAPI app mounted by the `piigov_reports` plugin at /piigov, behind Airflow's own login
(`requires_authenticated`). It serves only the reports folder, which holds no personal data; the
encrypted access reports of inquiries live elsewhere (PIIGOV_INQUIRY_DIR) and are never served.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

URL_PREFIX = "/piigov"


def report_url(path: str | Path | None) -> str | None:
    """The UI address of a file in the reports folder; None for anything outside it."""
    from piigov.settings import get_settings

    if not path:
        return None
    root = get_settings().reports_dir.resolve()
    try:
        relative = Path(path).resolve().relative_to(root)
    except ValueError:
        return None
    return f"{URL_PREFIX}/files/{relative.as_posix()}"


def create_app() -> Any:
    from airflow.api_fastapi.core_api.security import requires_authenticated
    from fastapi import Depends, FastAPI, HTTPException
    from fastapi.responses import FileResponse, HTMLResponse

    from piigov.settings import get_settings

    app = FastAPI(title="piigov reports", dependencies=[Depends(requires_authenticated())])

    def root() -> Path:
        return get_settings().reports_dir.resolve()

    @app.get("/", response_class=HTMLResponse)
    def index() -> str:
        folder = root()
        entries = []
        if folder.exists():
            for path in sorted(folder.glob("*")):
                if path.is_file() and path.suffix in (".html", ".json", ".pdf"):
                    entries.append(path.relative_to(folder).as_posix())
            entries += [
                p.relative_to(folder).as_posix() for p in sorted(folder.glob("data_docs/*/index.html"))
            ]
        items = "".join(
            f'<li><a href="{URL_PREFIX}/files/{html.escape(e)}">{html.escape(e)}</a></li>' for e in entries
        )
        return f"<!doctype html><title>piigov reports</title><h1>piigov reports</h1><ul>{items}</ul>"

    @app.get("/files/{relative:path}")
    def file(relative: str) -> FileResponse:
        folder = root()
        target = (folder / relative).resolve()
        if not target.is_relative_to(folder) or not target.is_file():
            raise HTTPException(status_code=404, detail="no such report")
        return FileResponse(target)

    return app
