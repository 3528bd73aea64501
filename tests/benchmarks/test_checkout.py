"""Benchmarks time the code of the checkout they sit in, not the one the virtualenv points at."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"

# A benchmark's opening, then a child process as bench_pipeline and bench_extractor start one.
_SCRIPT = """
import subprocess, sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parent))
from checkout import use_this_checkout
use_this_checkout()
import pipelines
print(pipelines.MARK)
print(subprocess.run([sys.executable, "-c", "import pipelines; print(pipelines.MARK)"],
                     capture_output=True, text=True, check=True).stdout.strip())
"""


def test_a_second_checkout_imports_its_own_pipelines(tmp_path: Path) -> None:
    """A worktree borrowing this virtualenv (whose editable install points elsewhere) must time
    its own ``pipelines``, in the benchmark's process and in the children it starts."""
    (tmp_path / "benchmarks").mkdir()
    shutil.copy(BENCHMARKS / "checkout.py", tmp_path / "benchmarks" / "checkout.py")
    (tmp_path / "benchmarks" / "bench_x.py").write_text(_SCRIPT, encoding="utf-8")
    (tmp_path / "pipelines").mkdir()
    (tmp_path / "pipelines" / "__init__.py").write_text('MARK = "second checkout"\n')
    run = subprocess.run(
        [sys.executable, str(tmp_path / "benchmarks" / "bench_x.py")],
        capture_output=True,
        text=True,
        cwd="/",
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.split("\n")[:2] == ["second checkout", "second checkout"]
