"""Reading the JSON files users hand to wordgan (word lists, vocabularies), with errors that name the file."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from wordgan.errors import WordganError


def read_user_json(path: str | os.PathLike, what: str, hint: str = "") -> Any:
    """The parsed contents of ``path``; a missing, unreadable or malformed file is a :class:`WordganError`
    naming ``what`` it should have been ("the word list"), with ``hint`` added to an unreadable file's error."""
    path = Path(path)
    try:
        return json.loads(path.read_text())
    except OSError as exc:
        raise WordganError(f"cannot read {what} {path}: {exc}{hint}") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise WordganError(f"{what} {path} is not valid JSON: {exc}") from exc
    except RecursionError as exc:
        raise WordganError(f"{what} {path} is nested too deeply to read") from exc
