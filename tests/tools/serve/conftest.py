"""One real ``wordgan serve`` of the shipped model, started once for the web tests, on a free port."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.support import SHIPPED


@pytest.fixture(scope="session")
def server():
    """The base URL (``http://127.0.0.1:PORT``) of a server of the shipped model, started as a user starts it."""
    yield from serving(SHIPPED)


@pytest.fixture
def serve_model():
    """``serve_model(path, *options)`` -> the base URL of ``wordgan serve path OPTIONS``, stopped when the test
    ends."""
    started = []

    def start(model: Path, *options: str) -> str:
        started.append(serving(model, *options))
        return next(started[-1])

    yield start
    for running in started:
        running.close()


def serving(model: Path, *options: str):
    """Start ``wordgan serve MODEL OPTIONS`` on a free port, yield its base URL once it listens, stop it after."""
    pytest.importorskip("uvicorn")
    command = [sys.executable, "-m", "wordgan", "serve", str(model), "--port", "0", "--quiet", "--device", "cpu",
               *options]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env={**os.environ, "OMP_NUM_THREADS": "1"})
    seen = []
    deadline = time.monotonic() + 180
    try:
        for line in process.stderr:  # the address is printed once the model and its embedder are loaded
            seen.append(line)
            found = re.search(r"on (http://127\.0\.0\.1:\d+)/", line)
            if found:
                break
            if time.monotonic() > deadline:
                raise TimeoutError("wordgan serve did not start in 180 s")
        else:
            raise RuntimeError("wordgan serve exited:\n" + "".join(seen))
        yield found.group(1)
    finally:
        process.terminate()
        process.wait(timeout=30)
