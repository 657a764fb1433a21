"""Thin glue between Airflow and the piigov package: secrets, approvers and the approval payload.

Only the DAGs and the demo runner import this; the rest of the package stays Airflow-free.
"""

from __future__ import annotations

import os

HMAC_CONN_ID = "piigov_hmac"
FG_USERS_ENV = "PIIGOV_FG_USERS"
SCREENED_USERS_ENV = "PIIGOV_SCREENED_USERS"


def hmac_key() -> bytes:
    """The HMAC key from the Airflow connection `piigov_hmac` (its password), else piigov's settings."""
    from airflow.sdk import BaseHook

    try:
        conn = BaseHook.get_connection(HMAC_CONN_ID)
    except Exception:  # no such connection: fall back to PIIGOV_HMAC_KEY or the key file
        conn = None
    if conn is not None and conn.password:
        from piigov.settings import _decode_key

        return _decode_key(conn.password)
    from piigov.settings import load_hmac_key

    return load_hmac_key()


def fg_users() -> list[str]:
    """Usernames allowed to approve destruction (the FG and deputies), from PIIGOV_FG_USERS."""
    users = [u.strip() for u in os.environ.get(FG_USERS_ENV, "fg").split(",") if u.strip()]
    if not users:
        raise ValueError(f"{FG_USERS_ENV} names no approver")
    return users


def screened_users() -> list[str]:
    """Usernames of the screened staff who handle inquiries, from PIIGOV_SCREENED_USERS."""
    users = [u.strip() for u in os.environ.get(SCREENED_USERS_ENV, "screened").split(",") if u.strip()]
    if not users:
        raise ValueError(f"{SCREENED_USERS_ENV} names nobody")
    return users
