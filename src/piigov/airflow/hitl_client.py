"""Answer a human-in-the-loop task through Airflow's REST API, exactly as a person's browser does.

Used by the demo and the end-to-end tests: `dag.test()` waits for an answer, and this answers it from a
background thread with PATCH .../hitlDetails as a named user (the FG), so the approval is recorded with
that user's identity and Airflow's own checks on assigned users apply.
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime
from typing import Any


class HitlResponder(threading.Thread):
    """Polls for pending HITL tasks of one DAG created after `not_before` and answers the first one."""

    def __init__(
        self,
        client: Any,  # a FastAPI TestClient (or httpx.Client) on the Airflow API app
        *,
        dag_id: str,
        task_id: str,
        username: str,
        password: str,
        chosen_options: list[str],
        not_before: datetime | None = None,
        timeout_s: float = 300,
    ) -> None:
        super().__init__(daemon=True, name=f"hitl-{dag_id}")
        self.client = client
        self.dag_id = dag_id
        self.task_id = task_id
        self.username = username
        self.password = password
        self.chosen_options = chosen_options
        self.not_before = not_before or datetime.now(UTC)
        self.timeout_s = timeout_s
        self.status_code: int | None = None
        self.answered: dict[str, Any] | None = None
        self.error: str | None = None

    def token(self) -> str:
        resp = self.client.post("/auth/token", json={"username": self.username, "password": self.password})
        resp.raise_for_status()
        return resp.json()["access_token"]

    def pending(self, headers: dict[str, str]) -> list[dict[str, Any]]:
        resp = self.client.get(
            f"/api/v2/dags/{self.dag_id}/dagRuns/~/hitlDetails",
            params={"task_id": self.task_id, "response_received": "false"},
            headers=headers,
        )
        resp.raise_for_status()
        rows = []
        for row in resp.json()["hitl_details"]:
            ti = row["task_instance"]
            created = datetime.fromisoformat(row["created_at"].replace("Z", "+00:00"))
            if ti.get("state") == "awaiting_input" and created >= self.not_before:
                rows.append(row)
        return rows

    def answer(self, row: dict[str, Any], headers: dict[str, str]) -> int:
        ti = row["task_instance"]
        resp = self.client.patch(
            f"/api/v2/dags/{self.dag_id}/dagRuns/{ti['dag_run_id']}/taskInstances/{ti['task_id']}"
            f"/{ti['map_index']}/hitlDetails",
            json={"chosen_options": self.chosen_options, "params_input": {}},
            headers=headers,
        )
        return resp.status_code

    def run(self) -> None:
        try:
            headers = {"Authorization": f"Bearer {self.token()}"}
            deadline = time.monotonic() + self.timeout_s
            while time.monotonic() < deadline:
                rows = self.pending(headers)
                if rows:
                    self.status_code = self.answer(rows[0], headers)
                    self.answered = rows[0]["task_instance"]
                    return
                time.sleep(0.3)
            self.error = "no pending approval appeared in time"
        except Exception as exc:  # reported to the caller, who decides
            self.error = f"{type(exc).__name__}: {exc}"
