"""What the files of a report directory were drawn from, so a run redraws only what changed.

Drawing is nearly all of the report's cost (a fraction of a second a chart, against
milliseconds to hash a series' points), and most runs change a few series or none. The
manifest (``report.json``) keeps a digest of the whole input, one per series chart and one for
the overview; a chart whose digest is unchanged and whose file is on disk is reused as it is.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from pipelines.durable import write_atomic

MANIFEST_NAME = "report.json"


@dataclass
class Manifest:
    """Digests of what was drawn: the whole input, each series chart, the overview."""

    fingerprint: str | None = None  # the whole input: equal means nothing at all to redraw
    series: dict[str, dict[str, str]] = field(default_factory=dict)  # label -> file, digest
    overview: str | None = None  # None: no overview (no data)

    @classmethod
    def load(cls, out_dir: Path) -> Manifest:
        """The manifest in ``out_dir``; an empty one when absent or unreadable (redraw all)."""
        try:
            data = json.loads((out_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
            return cls(data["fingerprint"], dict(data["series"]), data["overview"])
        except (OSError, ValueError, KeyError, TypeError):
            return cls()

    def save(self, out_dir: Path) -> None:
        data = {"fingerprint": self.fingerprint, "series": self.series, "overview": self.overview}
        write_atomic(out_dir / MANIFEST_NAME, json.dumps(data, sort_keys=True).encode("utf-8"))

    def drawn(self, label: str, file: str, digest: str) -> bool:
        """Was this series drawn from exactly these points into this file?"""
        return self.series.get(label) == {"file": file, "digest": digest}


def digest(frame: pd.DataFrame, *extra: object) -> str:
    """A digest of a frame's values and columns (and of anything else the drawing reads)."""
    return digest_of_rows(row_hashes(frame), frame.columns, *extra)


def row_hashes(frame: pd.DataFrame) -> np.ndarray:
    """One 64-bit hash a row, from the columns' own values (an object column of mixed types
    is hashed through its strings by pandas itself). Hashing a large frame once and digesting
    slices of the result is much cheaper than hashing many small frames (~5 ms each)."""
    return pd.util.hash_pandas_object(frame, index=False).to_numpy()


def digest_of_rows(rows: np.ndarray, columns: pd.Index | list[str], *extra: object) -> str:
    """`digest` of the frame with these columns whose `row_hashes` are ``rows``."""
    hashed = hashlib.sha256("|".join(map(str, (*extra, *columns))).encode("utf-8"))
    hashed.update(rows.tobytes())
    return hashed.hexdigest()
