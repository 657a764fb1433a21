"""Sources of items behind one small interface: folders, SMB shares, S3 (every version), SQL tables, mail exports."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from piigov.sources.base import ItemGone, Source, SourceError, SourceItem
from piigov.sources.local import LocalFolderSource

__all__ = [
    "SQL_SCHEMES",
    "ItemGone",
    "LocalFolderSource",
    "Source",
    "SourceError",
    "SourceItem",
    "open_source",
]

SQL_SCHEMES = ("sqlite", "postgresql", "postgresql+psycopg2", "mysql", "mysql+pymysql", "mssql+pyodbc")


def open_source(uri: str) -> Source:
    """A source from a path or URI; the register keys items by the source's canonical `uri`.

    - a folder path or `file:///path`
    - `s3://bucket/prefix` (boto3's standard configuration, so AWS_ENDPOINT_URL works)
    - `smb://[user@]host[:port]/share/path` (password from PIIGOV_SMB_PASSWORD, never in the URI)
    - `<SQLAlchemy URL>#table`, e.g. `sqlite:////data/taskforce.sqlite#personen`
    - `mail+file:///path/to/export` (folders of .eml/.msg and .mbox files)
    """
    parsed = urlparse(uri)
    scheme = parsed.scheme.lower()
    if scheme in ("", "file"):
        return LocalFolderSource(Path(parsed.path if scheme == "file" else uri))
    if scheme == "s3":
        from piigov.sources.s3 import S3Source, parse_s3_uri

        bucket, prefix = parse_s3_uri(uri)
        return S3Source(bucket, prefix)
    if scheme == "smb":
        from piigov.sources.smb import SmbSource

        return SmbSource.from_uri(uri)
    if scheme == "mail+file":
        from piigov.sources.mail import MailExportSource

        return MailExportSource(Path(parsed.path))
    if scheme in SQL_SCHEMES:
        from piigov.sources.sql import SqlTableSource

        url, _, table = uri.partition("#")
        if not table:
            raise SourceError(
                "a database source needs the table after '#', e.g. sqlite:///db.sqlite#personen"
            )
        return SqlTableSource(url, table)
    raise SourceError(
        f"unsupported source scheme {parsed.scheme!r}; use a folder path, s3://, smb://, mail+file:// "
        "or a SQLAlchemy URL with #table"
    )
