"""Answer a human-in-the-loop task through Airflow's REST API, exactly as a person's browser does.

Used by the demo and the end-to-end tests: `dag.test()` waits for an answer, and this answers it from a
background thread with PATCH .../hitlDetails as a named user (the FG), so the approval is recorded with
that user's identity and Airflow's own checks on assigned users apply.
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable


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
        params_input: dict[str, Any] | Callable[[], dict[str, Any]] | None = None,
    ) -> None:
        super().__init__(daemon=True, name=f"hitl-{dag_id}")
        self.client = client
        self.dag_id = dag_id
        self.task_id = task_id
        self.username = username
        self.password = password
        self.chosen_options = chosen_options
        # A callable is evaluated when the task is waiting (answers that depend on earlier steps).
        self.params_input = params_input
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
            json={"chosen_options": self.chosen_options, "params_input": self._params()},
            headers=headers,
        )
        return resp.status_code

    def _params(self) -> dict[str, Any]:
        if callable(self.params_input):
            return self.params_input()
        return self.params_input or {}

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


class HitlScript(threading.Thread):
    """Answers the human steps of a DAG run as they come up, whichever branch the run takes.

    Each step answers its task once; two steps for one task answer in the order given (e.g. first a
    user Airflow must refuse, then the assigned one). Steps whose task never waits stay unanswered.
    """

    def __init__(self, steps: list[HitlResponder], timeout_s: float = 300) -> None:
        super().__init__(daemon=True, name="hitl-script")
        self.steps = steps
        self.timeout_s = timeout_s
        self.unanswered: list[str] = []

    def run(self) -> None:
        remaining = list(self.steps)
        tokens: dict[str, dict[str, str]] = {}
        deadline = time.monotonic() + self.timeout_s
        try:
            while remaining and time.monotonic() < deadline:
                for index, step in enumerate(remaining):
                    if any(earlier.task_id == step.task_id for earlier in remaining[:index]):
                        continue
                    if step.username not in tokens:
                        tokens[step.username] = {"Authorization": f"Bearer {step.token()}"}
                    rows = step.pending(tokens[step.username])
                    if rows:
                        step.status_code = step.answer(rows[0], tokens[step.username])
                        step.answered = rows[0]["task_instance"]
                        remaining.remove(step)
                        break
                else:
                    time.sleep(0.3)
        except Exception as exc:  # reported to the caller, who decides
            for step in remaining:
                step.error = f"{type(exc).__name__}: {exc}"
        self.unanswered = [s.task_id for s in remaining]

    @property
    def answers(self) -> list[tuple[str, int | None, str | None]]:
        return [(s.task_id, s.status_code, s.error) for s in self.steps]
