"""S3-compatible object storage, every version and delete marker included.

Key scheme
----------
Every object *version* is its own item, keyed ``<object key>?versionId=<version id>``; the
current version gets no plain-key alias. Unversioned buckets (and objects written while versioning
was suspended) have the version id ``null``, as S3 reports it. Delete markers are items too, with
``skip_reason="delete marker"`` and size 0, so listing counts add up and the functionary sees them.
Keys are full object keys (not relative to the prefix); the prefix is a literal S3 prefix
(``s3://b/hr`` also covers ``hr-archive/``; write ``s3://b/hr/`` for the folder only). A key is split
at its *last* ``?versionId=``, so object keys containing ``?`` or ``#`` round-trip. Use
:func:`object_key_of` to get the object key back (for instance to choose a file format by suffix).

Fingerprint: ``etag=<etag>;version=<id>;size=<n>``; for delete markers
``delete-marker;version=<id>;size=0``.

Deletion is always permanent: ``delete`` removes exactly one version (``DeleteObject`` with its
``VersionId``), ``delete_all_versions`` every version and delete marker of one object key. ``redact``
puts the new content as a new version and then permanently deletes every older version. None
ever adds a delete marker or bypasses governance retention; a version under Object Lock retention
or a legal hold is refused with :class:`RetentionError` before anything is touched.

Error messages carry S3 error codes and version ids only: no credentials, no object keys (a key can
itself be personal data, such as a name in a file name), no content.
"""

from __future__ import annotations

import logging
import re
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from piigov.sources.base import ItemGone, SourceError, SourceItem

if TYPE_CHECKING:
    from collections.abc import Collection, Iterator

    from botocore.exceptions import ClientError

log = logging.getLogger(__name__)

VERSION_SEPARATOR = "?versionId="
NULL_VERSION = "null"
DELETE_MARKER_REASON = "delete marker"
ARCHIVED_REASON = "archived storage class (not readable without restore)"
ARCHIVED_STORAGE_CLASSES = frozenset({"GLACIER", "DEEP_ARCHIVE"})
READ_CHUNK_BYTES = 1024 * 1024

_GONE_CODES = frozenset({"NoSuchKey", "NoSuchVersion", "404", "NotFound"})
_NO_LOCK_CODES = frozenset(
    {"NoSuchObjectLockConfiguration", "ObjectLockConfigurationNotFoundError", "InvalidRequest"}
)
_BUCKET_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{1,253}[A-Za-z0-9]$")


class RetentionError(SourceError):
    """S3 Object Lock (retention period or legal hold) forbids deleting this version."""

    def __init__(
        self,
        message: str,
        *,
        version_id: str,
        mode: str | None = None,
        retain_until: datetime | None = None,
        legal_hold: bool = False,
    ) -> None:
        super().__init__(message)
        self.version_id = version_id
        self.mode = mode
        self.retain_until = retain_until
        self.legal_hold = legal_hold


def parse_s3_uri(uri: str) -> tuple[str, str]:
    """``s3://bucket/some/prefix`` -> ``("bucket", "some/prefix")``; the prefix is taken literally."""
    scheme, sep, rest = uri.partition("://")
    if not sep or scheme.lower() != "s3":
        raise SourceError("not an s3:// URI")
    bucket, _, prefix = rest.partition("/")
    if not _BUCKET_RE.match(bucket):
        raise SourceError("s3:// URI without a valid bucket name")
    return bucket, prefix


def item_key(object_key: str, version_id: str) -> str:
    """The item key of one version (or delete marker) of an object."""
    return f"{object_key}{VERSION_SEPARATOR}{version_id}"


def split_item_key(key: str) -> tuple[str, str]:
    """``(object key, version id)`` of an item key; the split is at the last ``?versionId=``."""
    object_key, sep, version_id = key.rpartition(VERSION_SEPARATOR)
    if not sep or not object_key or not version_id:
        raise SourceError("S3 item keys have the form '<object key>?versionId=<version id>'")
    return object_key, version_id


def object_key_of(key: str) -> str:
    """The object key of an item key (its file name, for format detection and display)."""
    return split_item_key(key)[0]


@dataclass(frozen=True)
class _Version:
    object_key: str
    version_id: str
    size: int
    etag: str
    storage_class: str
    is_delete_marker: bool = False
    lock_mode: str | None = None
    lock_until: datetime | None = None
    legal_hold: str | None = None
    event_hold: str | None = None

    def item(self) -> SourceItem:
        key = item_key(self.object_key, self.version_id)
        if self.is_delete_marker:
            return SourceItem(
                key, 0, f"delete-marker;version={self.version_id};size=0", skip_reason=DELETE_MARKER_REASON
            )
        fingerprint = f"etag={self.etag};version={self.version_id};size={self.size}"
        skip = ARCHIVED_REASON if self.storage_class in ARCHIVED_STORAGE_CLASSES else None
        return SourceItem(key, self.size, fingerprint, skip_reason=skip)


def _etag(raw: str | None) -> str:
    return (raw or "").strip('"')


def _version_from_listing(entry: dict[str, Any], *, delete_marker: bool) -> _Version:
    if delete_marker:
        return _Version(entry["Key"], entry.get("VersionId") or NULL_VERSION, 0, "", "", True)
    return _Version(
        entry["Key"],
        entry.get("VersionId") or NULL_VERSION,
        int(entry.get("Size", 0)),
        _etag(entry.get("ETag")),
        entry.get("StorageClass") or "STANDARD",
    )


def _code(exc: ClientError) -> str:
    return str(exc.response.get("Error", {}).get("Code") or "Unknown")


@contextmanager
def _translated(operation: str, version_id: str | None = None) -> Iterator[None]:
    """Turn botocore errors into SourceError/ItemGone carrying the error code only."""
    from botocore.exceptions import BotoCoreError, ClientError

    try:
        yield
    except ClientError as exc:
        code = _code(exc)
        if code in _GONE_CODES:
            raise ItemGone(f"S3 {operation}: {code} (version {version_id})") from None
        raise SourceError(f"S3 {operation} failed: {code}") from None
    except BotoCoreError as exc:
        raise SourceError(f"S3 {operation} failed: {type(exc).__name__}") from None


class S3Source:
    kind = "s3"

    def __init__(
        self,
        bucket: str,
        prefix: str = "",
        *,
        client: Any = None,
        endpoint_url: str | None = None,
        page_size: int = 1000,
    ) -> None:
        if not _BUCKET_RE.match(bucket):
            raise SourceError("not a valid S3 bucket name")
        if not 1 <= page_size <= 1000:
            raise SourceError("page_size must be between 1 and 1000")
        self.bucket = bucket
        self.prefix = prefix
        self.page_size = page_size
        self.uri = f"s3://{bucket}/{prefix}"
        self._client = client
        self._endpoint_url = endpoint_url
        self._lock_enabled: bool | None = None  # None: not yet known (or not readable)
        self._lock_known = False

    @classmethod
    def from_airflow_connection(
        cls, conn_id: str, bucket: str, prefix: str = "", *, page_size: int = 1000
    ) -> S3Source:
        """A source whose client comes from an Airflow AWS connection (its ``endpoint_url`` extra too)."""
        from airflow.providers.amazon.aws.hooks.s3 import S3Hook

        client = S3Hook(aws_conn_id=conn_id).get_conn()
        return cls(bucket, prefix, client=client, page_size=page_size)

    @property
    def client(self) -> Any:
        if self._client is None:
            import boto3

            # Standard boto3 configuration: AWS_ENDPOINT_URL(_S3), AWS_ACCESS_KEY_ID, profiles, roles.
            self._client = boto3.session.Session().client("s3", endpoint_url=self._endpoint_url)
        return self._client

    # -- listing ---------------------------------------------------------------------------------

    def _pages(self, prefix: str) -> Iterator[dict[str, Any]]:
        paginator = self.client.get_paginator("list_object_versions")
        with _translated("ListObjectVersions"):
            yield from paginator.paginate(
                Bucket=self.bucket, Prefix=prefix, PaginationConfig={"PageSize": self.page_size}
            )

    def _listed(self, prefix: str) -> Iterator[tuple[bool, _Version]]:
        """``(last in page, version)`` for every version and delete marker under ``prefix``."""
        for page in self._pages(prefix):
            entries = [_version_from_listing(v, delete_marker=False) for v in page.get("Versions", [])]
            entries += [_version_from_listing(m, delete_marker=True) for m in page.get("DeleteMarkers", [])]
            for i, entry in enumerate(entries):
                yield i == len(entries) - 1, entry

    def list_items(self) -> Iterator[SourceItem]:
        """One paginated ListObjectVersions walk; no per-object requests."""
        for _, version in self._listed(self.prefix):
            yield version.item()

    def _versions_of(self, object_key: str) -> list[_Version]:
        """Every version and delete marker of exactly this object key."""
        found: list[_Version] = []
        other_key_seen = False
        for last_in_page, version in self._listed(object_key):
            if version.object_key == object_key:
                found.append(version)
            else:
                other_key_seen = True  # listings are sorted by key: later pages hold only later keys
            if last_in_page and other_key_seen:
                break
        return found

    def extraction_name(self, key: str) -> str:
        """The object key of an item key: the file name to choose an extractor by suffix."""
        return object_key_of(key)

    # -- single items ----------------------------------------------------------------------------

    def _object_key(self, key: str) -> tuple[str, str]:
        object_key, version_id = split_item_key(key)
        self._check_in_prefix(object_key)
        return object_key, version_id

    def _check_in_prefix(self, object_key: str) -> None:
        if not object_key.startswith(self.prefix):
            raise SourceError("item key is outside the source prefix")

    def _head(self, object_key: str, version_id: str) -> _Version | None:
        """The version as it is now (a delete marker included), or None when it is gone."""
        from botocore.exceptions import ClientError

        try:
            with _translated("HeadObject", version_id):
                try:
                    resp = self.client.head_object(Bucket=self.bucket, Key=object_key, VersionId=version_id)
                except ClientError as exc:
                    code = _code(exc)
                    headers = exc.response.get("ResponseMetadata", {}).get("HTTPHeaders", {})
                    if code in ("405", "MethodNotAllowed") and headers.get("x-amz-delete-marker") == "true":
                        return _Version(object_key, version_id, 0, "", "", True)
                    if code in ("400", "BadRequest", "InvalidArgument") and version_id == NULL_VERSION:
                        # Some S3-compatible servers refuse HEAD ?versionId=null: look it up in the listing.
                        return next(
                            (v for v in self._versions_of(object_key) if v.version_id == NULL_VERSION), None
                        )
                    raise
        except ItemGone:
            return None
        return _Version(
            object_key,
            version_id,
            int(resp.get("ContentLength", 0)),
            _etag(resp.get("ETag")),
            resp.get("StorageClass") or "STANDARD",
            bool(resp.get("DeleteMarker")),
            resp.get("ObjectLockMode"),
            resp.get("ObjectLockRetainUntilDate"),
            resp.get("ObjectLockLegalHoldStatus"),
            resp.get("ObjectLockEventHold"),
        )

    def read(self, key: str) -> bytes:
        from botocore.exceptions import ClientError

        object_key, version_id = self._object_key(key)
        with _translated("GetObject", version_id):
            try:
                resp = self.client.get_object(Bucket=self.bucket, Key=object_key, VersionId=version_id)
            except ClientError as exc:
                if _code(exc) in ("405", "MethodNotAllowed"):
                    raise SourceError(f"S3 GetObject: version {version_id} is a delete marker") from None
                raise
            body = resp["Body"]
            buf = bytearray()
            try:
                for chunk in body.iter_chunks(chunk_size=READ_CHUNK_BYTES):
                    buf += chunk
            finally:
                body.close()
        expected = resp.get("ContentLength")
        if expected is not None and int(expected) != len(buf):
            raise SourceError(f"S3 GetObject: short read of version {version_id}")
        return bytes(buf)

    def stat(self, key: str) -> SourceItem | None:
        object_key, version_id = self._object_key(key)
        version = self._head(object_key, version_id)
        return None if version is None else version.item()

    # -- deletion --------------------------------------------------------------------------------

    def _bucket_lock_enabled(self) -> bool | None:
        """True/False when the bucket's Object Lock configuration is readable, else None."""
        if not self._lock_known:
            from botocore.exceptions import BotoCoreError, ClientError

            try:
                conf = self.client.get_object_lock_configuration(Bucket=self.bucket)
                enabled = conf.get("ObjectLockConfiguration", {}).get("ObjectLockEnabled")
                self._lock_enabled = enabled == "Enabled"
            except ClientError as exc:
                self._lock_enabled = False if _code(exc) == "ObjectLockConfigurationNotFoundError" else None
            except BotoCoreError:
                self._lock_enabled = None
            self._lock_known = True
        return self._lock_enabled

    def _check_lock(self, version: _Version) -> None:
        """Raise RetentionError when retention or a hold protects this version; delete markers never are."""
        if version.is_delete_marker or self._bucket_lock_enabled() is False:
            return
        from botocore.exceptions import BotoCoreError, ClientError

        args = {"Bucket": self.bucket, "Key": version.object_key, "VersionId": version.version_id}
        # HEAD's lock headers are the fallback when the dedicated calls are refused or not implemented.
        mode, until, event_hold = version.lock_mode, version.lock_until, version.event_hold
        legal_hold = version.legal_hold
        try:
            retention = self.client.get_object_retention(**args).get("Retention", {})
            mode = retention.get("Mode") or mode
            until = retention.get("RetainUntilDate") or until
            event_hold = retention.get("EventHold") or event_hold
        except ClientError as exc:
            if _code(exc) in _GONE_CODES:
                raise ItemGone(f"S3 GetObjectRetention: version {version.version_id} is gone") from None
            if _code(exc) not in _NO_LOCK_CODES:
                log.debug("GetObjectRetention unavailable (%s); using HEAD lock headers", _code(exc))
        except BotoCoreError as exc:
            raise SourceError(f"S3 GetObjectRetention failed: {type(exc).__name__}") from None
        try:
            hold = self.client.get_object_legal_hold(**args).get("LegalHold", {})
            legal_hold = hold.get("Status") or legal_hold
        except ClientError as exc:
            if _code(exc) in _GONE_CODES:
                raise ItemGone(f"S3 GetObjectLegalHold: version {version.version_id} is gone") from None
            if _code(exc) not in _NO_LOCK_CODES:
                log.debug("GetObjectLegalHold unavailable (%s); using HEAD lock headers", _code(exc))
        except BotoCoreError as exc:
            raise SourceError(f"S3 GetObjectLegalHold failed: {type(exc).__name__}") from None

        reasons: list[str] = []
        retained = bool(mode and until and until > datetime.now(UTC))
        if retained:
            assert until is not None
            reasons.append(f"Object Lock {mode} retention until {until.astimezone(UTC).isoformat()}")
        if legal_hold == "ON":
            reasons.append("a legal hold is ON")
        if event_hold == "ON":
            reasons.append("an event hold is ON")
        if reasons:
            raise RetentionError(
                f"S3 version {version.version_id} may not be deleted: {'; '.join(reasons)}",
                version_id=version.version_id,
                mode=mode if retained else None,
                retain_until=until if retained else None,
                legal_hold=legal_hold == "ON",
            )

    def _delete_version(self, version: _Version) -> None:
        from botocore.exceptions import ClientError

        with _translated("DeleteObject", version.version_id):
            try:
                # Never BypassGovernanceRetention: governance-mode retention is honoured like compliance.
                resp = self.client.delete_object(
                    Bucket=self.bucket, Key=version.object_key, VersionId=version.version_id
                )
            except ClientError as exc:
                if _code(exc) == "AccessDenied" and self._bucket_lock_enabled() is not False:
                    raise RetentionError(
                        f"S3 refused deleting version {version.version_id} (AccessDenied) in a bucket with "
                        "Object Lock: a retention period or legal hold probably protects it",
                        version_id=version.version_id,
                    ) from None
                raise
        answered = resp.get("VersionId")
        if answered not in (None, version.version_id):
            raise SourceError(f"S3 DeleteObject removed version {answered}, not {version.version_id}")

    def delete(self, key: str) -> str:
        """Permanently delete exactly this version (or delete marker); other versions stay."""
        object_key, version_id = self._object_key(key)
        version = self._head(object_key, version_id)
        if version is None:
            raise ItemGone(f"S3 version {version_id} is gone")
        self._check_lock(version)
        self._delete_version(version)
        what = "delete marker" if version.is_delete_marker else "version"
        return f"S3 DeleteObject of {what} {version_id} (permanent)"

    def delete_all_versions(self, object_key: str, *, max_rounds: int = 5) -> list[str]:
        """Permanently delete every version and delete marker of ``object_key``.

        Object Lock is checked for every version before anything is deleted, so a protected version
        leaves the object untouched. Returns the item keys removed (empty when nothing was there).
        Raises SourceError when versions keep appearing (the object is being written meanwhile).
        """
        self._check_in_prefix(object_key)
        removed: list[str] = []
        for _ in range(max_rounds):
            versions = self._versions_of(object_key)
            if not versions:
                return removed
            if self._bucket_lock_enabled() is not False:
                for version in versions:
                    if not version.is_delete_marker:
                        self._check_lock(self._head(object_key, version.version_id) or version)
            for version in versions:
                self._delete_version(version)
                removed.append(item_key(object_key, version.version_id))
        if self._versions_of(object_key):
            raise SourceError("S3 object keeps getting new versions while being deleted")
        return removed

    def absent(self, key: str) -> bool:
        """True when this version is in no version listing of its object key any more.

        A delete marker left behind by a destroyed object also counts as presence: when no version
        of the object key is left, no delete marker may be either (it still names the object, and
        the key can itself be personal data). See decision 0007.
        """
        object_key, version_id = self._object_key(key)
        versions = self._versions_of(object_key)
        if any(v.version_id == version_id for v in versions):
            return False
        return not (versions and all(v.is_delete_marker for v in versions))

    def delete_orphan_markers(self, key: str) -> list[str]:
        """Remove the delete markers of an object that has no version left; returns their version ids.

        Nothing is removed while any version of the object key remains: a delete marker in front of a
        surviving version decides what the object's current state is, and that version was not
        approved for destruction. A delete marker holds no content.
        """
        object_key, _ = self._object_key(key)
        versions = self._versions_of(object_key)
        if not versions or any(not v.is_delete_marker for v in versions):
            return []
        for marker in versions:
            self._delete_version(marker)
        return [marker.version_id for marker in versions]

    def current_version_key(self, key: str) -> str | None:
        """The item key of the object's newest version (not a delete marker), or None when it has none."""
        object_key, _ = self._object_key(key)
        latest = next((v for v in self._versions_of(object_key) if not v.is_delete_marker), None)
        return None if latest is None else item_key(object_key, latest.version_id)

    # -- redaction -------------------------------------------------------------------------------

    def redact(
        self,
        key: str,
        new_content: bytes,
        *,
        expected_fingerprint: str,
        delete_older: Collection[str] | None = None,
    ) -> tuple[str, str]:
        """Put ``new_content`` as a new version of the object, then permanently delete every older one.

        Only the current version of an object can be redacted. Object Lock is checked for every
        version first: a protected version raises :class:`RetentionError` and nothing is put. The older
        versions and delete markers removed are exactly those listed before the put, so a version
        written meanwhile by someone else survives (and is reported as an error). With
        ``delete_older`` only the redacted version, delete markers and the older versions whose ids
        are in it are removed: other versions (not approved for destruction) stay as they are.
        Returns the new version's item key.
        """
        import base64
        import hashlib

        object_key, version_id = self._object_key(key)
        current = self._head(object_key, version_id)
        if current is None:
            raise ItemGone(f"S3 version {version_id} is gone")
        if current.item().fingerprint != expected_fingerprint:
            raise SourceError("item changed since it was read")
        if current.is_delete_marker:
            raise SourceError("a delete marker has no content to redact")
        versions = self._versions_of(object_key)
        latest = next((v for v in versions if not v.is_delete_marker), None)
        if latest is None or latest.version_id != version_id:
            raise SourceError(f"S3 version {version_id} is not the current version; only that is redacted")
        if self._bucket_lock_enabled() is not False:
            for version in versions:
                if not version.is_delete_marker:
                    self._check_lock(self._head(object_key, version.version_id) or version)
        data = bytes(new_content)
        md5 = base64.b64encode(hashlib.md5(data).digest()).decode("ascii")  # integrity check, not security
        with _translated("PutObject"):
            resp = self.client.put_object(Bucket=self.bucket, Key=object_key, Body=data, ContentMD5=md5)
        new_id = resp.get("VersionId") or NULL_VERSION
        written = self._head(object_key, new_id)
        if written is None or written.size != len(data):
            raise SourceError(f"S3 PutObject: version {new_id} was not stored as written")
        # Older versions: those listed before the put, except the one the put replaced in place.
        older = [v for v in versions if v.version_id != new_id]
        if delete_older is not None:
            allowed = {version_id, *delete_older}
            older = [v for v in older if v.is_delete_marker or v.version_id in allowed]
        for version in older:
            self._delete_version(version)
        kept = {v.version_id for v in versions} - {v.version_id for v in older}
        left = [
            v.version_id
            for v in self._versions_of(object_key)
            if v.version_id != new_id and v.version_id not in kept
        ]
        if left:
            raise SourceError(
                f"S3 object got {len(left)} other version(s) during redaction; they were left in place"
            )
        return (
            item_key(object_key, new_id),
            f"S3 PutObject of version {new_id}, then DeleteObject of {len(older)} older version(s) "
            "and delete marker(s) (permanent)",
        )

    # -- description -----------------------------------------------------------------------------

    def describe(self) -> dict[str, str]:
        from urllib.parse import urlparse

        from botocore.exceptions import BotoCoreError, ClientError

        endpoint = urlparse(self.client.meta.endpoint_url or "")
        host = endpoint.hostname or ""
        if endpoint.port:
            host = f"{host}:{endpoint.port}"  # hostname/port only: never userinfo
        try:
            versioning = self.client.get_bucket_versioning(Bucket=self.bucket).get("Status") or "Disabled"
        except ClientError as exc:
            versioning = f"unknown ({_code(exc)})"
        except BotoCoreError as exc:
            versioning = f"unknown ({type(exc).__name__})"
        lock = self._bucket_lock_enabled()
        return {
            "kind": self.kind,
            "uri": self.uri,
            "endpoint": host,
            "region": str(self.client.meta.region_name or ""),
            "versioning": versioning,
            "object_lock": "unknown" if lock is None else ("Enabled" if lock else "Disabled"),
        }
