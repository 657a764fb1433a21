"""Reopen a source by the URI the register keys its items with.

A source scanned through an Airflow connection is recorded with that connection id, so destruction and
verification reach it with the same credentials; other URIs open with their standard configuration.
Instances are cached per process, so an SMB or S3 session is reused across items.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache
from typing import TYPE_CHECKING

from piigov.register.models import SourceRecord
from piigov.sources import open_source

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from piigov.sources.base import Source


def remember(session: Session, source: Source, conn_id: str | None) -> None:
    record = session.get(SourceRecord, source.uri)
    if record is None:
        session.add(
            SourceRecord(uri=source.uri, kind=source.kind, conn_id=conn_id, first_seen_at=datetime.now(UTC))
        )
    elif conn_id and record.conn_id != conn_id:
        record.conn_id = conn_id


def sqlalchemy_url(connection_uri: str) -> str:
    """Airflow writes PostgreSQL connections as postgres://, which SQLAlchemy 2 no longer accepts."""
    if connection_uri.startswith("postgres://"):
        return "postgresql+psycopg2://" + connection_uri.removeprefix("postgres://")
    return connection_uri


def open_from_connection(conn_id: str, kind: str, uri: str) -> Source:
    """Build a source of `kind` at `uri` with the credentials of an Airflow connection."""
    if kind == "s3":
        from piigov.sources.s3 import S3Source, parse_s3_uri

        bucket, prefix = parse_s3_uri(uri)
        return S3Source.from_airflow_connection(conn_id, bucket, prefix)
    if kind == "smb":
        from piigov.sources.smb import SmbSource, parse_smb_uri

        parts = parse_smb_uri(uri, password="unused")
        return SmbSource.from_airflow_connection(conn_id, parts["share"], parts.get("path", ""))
    if kind == "sql":
        from airflow.sdk import BaseHook

        from piigov.sources.sql import SqlTableSource

        table = uri.rpartition("#")[2]
        return SqlTableSource(sqlalchemy_url(BaseHook.get_connection(conn_id).get_uri()), table)
    return open_source(uri)


@lru_cache(maxsize=64)
def open_registered(uri: str) -> Source:
    from piigov.register import session_scope

    with session_scope() as session:
        record = session.get(SourceRecord, uri)
        conn_id, kind = (record.conn_id, record.kind) if record else (None, None)
    if conn_id and kind:
        return open_from_connection(conn_id, kind, uri)
    return open_source(uri)
