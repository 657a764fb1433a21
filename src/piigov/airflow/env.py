"""Embedded defaults for running Airflow locally: SQLite metadata DB under PIIGOV_HOME, our DAGs, no examples.

Must run before `airflow` is imported; values already in the environment win.
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[3]
# fg: the Data Protection Officer; screened: staff cleared to handle inquiries; engineer: operations.
DEMO_USERS = {"fg": "user", "engineer": "op", "screened": "user"}


def configure(home: Path | None = None) -> Path:
    home = (home or Path(os.environ.get("PIIGOV_HOME", REPO_ROOT / ".piigov"))).resolve()
    airflow_home = home / "airflow"
    airflow_home.mkdir(parents=True, exist_ok=True)
    passwords = airflow_home / "simple_auth_manager_passwords.json"
    known = json.loads(passwords.read_text()) if passwords.exists() else {}
    if set(DEMO_USERS) - set(known):
        # Random per installation; the demo reads it to answer as the FG through the API.
        known |= {u: secrets.token_urlsafe(12) for u in DEMO_USERS if u not in known}
        passwords.write_text(json.dumps(known))
        passwords.chmod(0o600)
    defaults = {
        "PIIGOV_HOME": str(home),
        "AIRFLOW_HOME": str(airflow_home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(REPO_ROOT / "dags"),
        "AIRFLOW__CORE__PLUGINS_FOLDER": str(REPO_ROOT / "plugins"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__UNIT_TEST_MODE": "False",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{airflow_home / 'airflow.db'}",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": ",".join(f"{u}:{r}" for u, r in DEMO_USERS.items()),
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE": str(passwords),
        "AIRFLOW__LOGGING__BASE_LOG_FOLDER": str(airflow_home / "logs"),
        "GX_ANALYTICS_ENABLED": "false",
        "TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS": "",
    }
    for key, value in defaults.items():
        os.environ.setdefault(key, value)
    return home


def demo_password(user: str) -> str:
    return json.loads(Path(os.environ["AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE"]).read_text())[user]
