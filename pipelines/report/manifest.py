"""What the overview PNG was drawn from, so a run with the same overview does not draw it again.

The overview is the one chart drawn here (the browser draws the page's): ~0.5 s of matplotlib
against milliseconds to hash its points. The manifest (``report.json``) keeps the digest of
what it showed; an overview whose digest is unchanged and whose file is on disk is kept.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipelines.durable import write_atomic

MANIFEST_NAME = "report.json"


@dataclass
class Manifest:
    """The digest of what the overview was drawn from."""

    overview: str | None = None  # None: no overview (no data)

    @classmethod
    def load(cls, out_dir: Path) -> Manifest:
        """The manifest in ``out_dir``; an empty one when absent or unreadable (draw again)."""
        try:
            data = json.loads((out_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
            overview = data["overview"]
        except (OSError, ValueError, KeyError, TypeError):
            return cls()
        return cls(overview if isinstance(overview, str) else None)

    def save(self, out_dir: Path) -> None:
        data = {"overview": self.overview}
        write_atomic(out_dir / MANIFEST_NAME, json.dumps(data, sort_keys=True).encode("utf-8"))


def digest(frame: pd.DataFrame, *extra: object) -> str:
    """A digest of a frame's values and columns (and of anything else the drawing reads)."""
    hashed = hashlib.sha256("|".join(map(str, (*extra, *frame.columns))).encode("utf-8"))
    hashed.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
    return hashed.hexdigest()
