"""Hostile files for tests: what an attacker would put beside a shared model."""
from __future__ import annotations

import pickle
from pathlib import Path


class _RunsCode:
    """Unpickled, this calls ``exec`` on code that creates a marker file: the attack a shared model can carry."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return exec, (f"open({str(self.marker)!r}, 'w').write('code from a pickle ran')",)


def write_hostile_pickle(path: str | Path, marker: str | Path) -> Path:
    """Write at ``path`` a pickle that, if it is ever read, creates the file ``marker``; tests assert that
    ``marker`` does not exist afterwards."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(_RunsCode(Path(marker))))
    return path
