"""Runtime settings, read once from the environment.

Everything has an embedded default so `make demo` runs on a fresh machine: the register is a SQLite file
under PIIGOV_HOME and the HMAC key is generated into a file there on first use (mode 0600).
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DEFAULT_HOME = Path.cwd() / ".piigov"


class ConfigurationError(Exception):
    """A setting is missing or unusable."""


@dataclass(frozen=True)
class Settings:
    home: Path
    db_url: str
    policy_path: Path
    reports_dir: Path
    hmac_key_file: Path

    @classmethod
    def from_env(cls) -> Settings:
        home = Path(os.environ.get("PIIGOV_HOME", DEFAULT_HOME)).resolve()
        db_url = os.environ.get("PIIGOV_DB_URL") or f"sqlite:///{home / 'register.sqlite'}"
        policy = Path(os.environ.get("PIIGOV_POLICY", Path(__file__).parent / "conf" / "policy.yaml"))
        reports = Path(os.environ.get("PIIGOV_REPORTS_DIR", home / "reports"))
        key_file = Path(os.environ.get("PIIGOV_HMAC_KEY_FILE", home / "hmac.key"))
        return cls(home=home, db_url=db_url, policy_path=policy, reports_dir=reports, hmac_key_file=key_file)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings.from_env()


def load_hmac_key(settings: Settings | None = None) -> bytes:
    """The secret for keyed hashes of personal data.

    Order: PIIGOV_HMAC_KEY (hex or text), then the key file; a missing key file is created with a fresh
    random key so a demo works, because a fixed default key would make the hashes guessable.
    """
    env_key = os.environ.get("PIIGOV_HMAC_KEY")
    if env_key:
        return _decode_key(env_key)
    settings = settings or get_settings()
    path = settings.hmac_key_file
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    return _decode_key(path.read_text().strip())


def _decode_key(raw: str) -> bytes:
    if len(raw) < 16:
        raise ConfigurationError("the HMAC key must be at least 16 characters")
    try:
        return bytes.fromhex(raw)
    except ValueError:
        return raw.encode()
