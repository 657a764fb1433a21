"""Run one destruction attempt and SIGKILL this process at a chosen step (for the crash tests).

Usage: python crash_worker.py RUN_ID KILL_AT_CALL — KILL_AT_CALL counts on_step calls; 0 never kills.
"""

from __future__ import annotations

import os
import signal
import sys
from functools import partial

from piigov.destruction import destroy
from piigov.register import session_scope

calls = 0


def maybe_die(kill_at: int, _entry_id: int, _step: str) -> None:
    global calls
    calls += 1
    if calls == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)


if __name__ == "__main__":
    run_id, kill_at = sys.argv[1], int(sys.argv[2])
    print(destroy(partial(session_scope, None), run_id, on_step=partial(maybe_die, kill_at)))
