"""Named crash points, so the reliability suite can kill a run exactly where it hurts most.

`HEADCOUNT_CRASH_AT=NAME` (optionally `NAME:K`, the K-th time the point is reached) makes the
process SIGKILL itself there: no cleanup, no `finally`, as a power cut or the OOM killer would.
Unset (always, outside tests) a crash point costs one dictionary lookup.
"""

from __future__ import annotations

import os
import signal
from collections import Counter

CRASH_ENV = "HEADCOUNT_CRASH_AT"
_reached: Counter[str] = Counter()


def crash_point(name: str) -> None:
    """Die here if the environment asks for it (tests only)."""
    wanted = os.environ.get(CRASH_ENV)
    if not wanted:
        return
    point, _, nth = wanted.partition(":")
    if point != name:
        return
    _reached[name] += 1
    if _reached[name] >= int(nth or 1):
        os.kill(os.getpid(), signal.SIGKILL)
