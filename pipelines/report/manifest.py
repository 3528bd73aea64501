"""What the report was made from, so a run with nothing new does not make it again.

The manifest (``report.json``) keeps the digest of the rows the page was made from, with what
it held (series, points), and the digest of what the overview showed. Rows with an unchanged
digest keep the whole report without reading them; an overview whose digest is unchanged and
whose file is on disk is not drawn again (~0.5 s of matplotlib against milliseconds to hash).
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
    rows: str | None = None  # the digest of the rows the page was made from; None: unknown
    series: int = 0
    points: int = 0

    @classmethod
    def load(cls, out_dir: Path) -> Manifest:
        """The manifest in ``out_dir``; an empty one when absent or unreadable (draw again)."""
        try:
            data = json.loads((out_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
            overview = data["overview"]
        except (OSError, ValueError, KeyError, TypeError):
            return cls()
        rows, series, points = data.get("rows"), data.get("series"), data.get("points")
        return cls(
            overview if isinstance(overview, str) else None,
            rows if isinstance(rows, str) else None,
            series if isinstance(series, int) else 0,
            points if isinstance(points, int) else 0,
        )

    def save(self, out_dir: Path) -> None:
        data = {
            "overview": self.overview,
            "rows": self.rows,
            "series": self.series,
            "points": self.points,
        }
        write_atomic(out_dir / MANIFEST_NAME, json.dumps(data, sort_keys=True).encode("utf-8"))


def digest(frame: pd.DataFrame, *extra: object) -> str:
    """A digest of a frame's values and columns (and of anything else the drawing reads)."""
    hashed = hashlib.sha256("|".join(map(str, (*extra, *frame.columns))).encode("utf-8"))
    hashed.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
    return hashed.hexdigest()
