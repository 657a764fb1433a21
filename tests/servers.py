"""Real servers for tests: a moto S3 server over HTTP and a Samba server on loopback.

Both are context managers; a server that does not come up fails the test (never skips): CI must not
silently pass without them.
"""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

SAMBA_SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "samba-test-server.sh"
SAMBA_PASSWORD_ENV = "PIIGOV_SMB_PASSWORD"
SAMBA_SHARE_USER = "piigovsmb"
SERVER_START_TIMEOUT_S = 30.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def moto_server() -> Iterator[str]:
    """`python -m moto.server` on a free port; yields its endpoint URL."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log_file = Path(tempfile.mkstemp(prefix="moto-server-", suffix=".log")[1])
    with log_file.open("wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-p", str(port), "-H", "127.0.0.1"],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while True:
            if proc.poll() is not None:
                pytest.fail(f"moto server exited with {proc.returncode}: {log_file.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{url}/moto-api/", timeout=1):
                    break
            except urllib.error.HTTPError:
                break  # it answers
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"moto server did not answer on {url}: {log_file.read_text()[-2000:]}")
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log_file.unlink(missing_ok=True)


@dataclass(frozen=True)
class Samba:
    host: str
    port: int
    share: str
    user: str
    password: str
    share_dir: Path
    base_dir: Path


def run_samba_script(*args: str, password: str, timeout: int = 900) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, SAMBA_PASSWORD_ENV: password}
    return subprocess.run(
        ["bash", str(SAMBA_SCRIPT), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def parse_samba_report(stdout: str) -> dict[str, str]:
    return dict(line.split("=", 1) for line in stdout.splitlines() if "=" in line)


@contextmanager
def samba_server() -> Iterator[Samba]:
    """A Samba server: installed if missing, started on a free port with its own config, stopped after."""
    if os.geteuid() != 0:
        pytest.fail("the SMB tests run Samba and need root (to install it and add the share user)")
    password = "pw-" + secrets.token_hex(12)
    # Not pytest's tmp_path: its parents are 0700 and the share user must traverse to the share.
    base = Path(tempfile.mkdtemp(prefix="piigov-smb-test-"))
    port = free_port()
    proc = run_samba_script(str(base), str(port), password=password)
    if proc.returncode != 0:
        shutil.rmtree(base, ignore_errors=True)
        pytest.fail(
            f"Samba test server did not start (rc={proc.returncode}); SMB tests require it.\n"
            f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
        )
    report = parse_samba_report(proc.stdout)
    assert report["SMB_PORT"] == str(port)
    try:
        yield Samba(
            "127.0.0.1", port, report["SMB_SHARE"], report["SMB_USER"], password, base / "share", base
        )
    finally:
        run_samba_script("stop", str(base), password=password, timeout=60)
        shutil.rmtree(base, ignore_errors=True)


def chown_to_share_user(path: Path) -> None:
    pw = pwd.getpwnam(SAMBA_SHARE_USER)
    for dirpath, _dirnames, filenames in os.walk(path):
        os.chown(dirpath, pw.pw_uid, pw.pw_gid)
        for name in filenames:
            os.chown(os.path.join(dirpath, name), pw.pw_uid, pw.pw_gid, follow_symlinks=False)
