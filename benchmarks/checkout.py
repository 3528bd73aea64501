"""Benchmarks measure the code of the checkout they sit in.

The virtualenv installs the project in editable mode from one checkout; a second checkout (a git
worktree holding an older commit, say) that borrows that virtualenv would otherwise import the
first checkout's ``pipelines`` and time the wrong code. Each benchmark calls ``use_this_checkout``
before importing ``pipelines``; child processes inherit the path through ``PYTHONPATH``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def use_this_checkout() -> None:
    """Put this checkout first on the import path, here and in every child process."""
    sys.path.insert(0, str(REPO))
    inherited = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join([str(REPO), *([inherited] if inherited else [])])
