"""Turn an Airflow connection id plus a location into the source URI piigov keys items by.

The URI holds no secret; the connection id is recorded with it in the register, so later steps reopen
the source through the same connection.
"""

from __future__ import annotations

from pathlib import Path


class SourceParamsError(ValueError):
    """The DAG params do not name a usable source."""


def source_uri(conn_id: str | None, location: str | None, source: str | None = None) -> str:
    """`source` as given, or the URI of `location` (path, bucket/prefix, share/path or table) on `conn_id`."""
    if not conn_id:
        if not source:
            raise SourceParamsError("give either `source` (a path or URI) or `conn_id` with `location`")
        return source
    if not location:
        raise SourceParamsError("`conn_id` needs a `location`: a path, bucket/prefix, share/path or table")
    from airflow.sdk import BaseHook

    conn = BaseHook.get_connection(conn_id)
    conn_type = (conn.conn_type or "").lower()
    location = location.strip("/")
    if conn_type == "aws":
        return f"s3://{location}"
    if conn_type in ("samba", "smb"):
        port = f":{conn.port}" if conn.port else ""
        login = f"{conn.login}@" if conn.login else ""
        return f"smb://{login}{conn.host}{port}/{location}"
    if conn_type in ("postgres", "sqlite", "mysql", "mssql"):
        from sqlalchemy.engine import make_url

        from piigov.sources.registry import sqlalchemy_url

        url = make_url(sqlalchemy_url(conn.get_uri()))
        return url.set(password=None).render_as_string(hide_password=False) + f"#{location}"
    if conn_type in ("fs", "file"):
        base = (conn.extra_dejson or {}).get("path", "/")
        return str(Path(base) / location)
    raise SourceParamsError(f"connection type {conn_type!r} is not a supported source")
