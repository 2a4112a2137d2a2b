"""Repository-wide pytest settings: every test runs by default, slow ones too (CI runs them all).

``-m "not slow"`` leaves out the slow ones (torchrun, subprocess trainings, the browser) for a quick local run.
Under pytest-xdist (``-n 2``) each worker computes on one thread: two workers with torch's default of one thread
per core would fight over the cores and run several times slower.
"""
from __future__ import annotations

import os


def pytest_configure(config) -> None:
    if os.environ.get("PYTEST_XDIST_WORKER"):
        os.environ["OMP_NUM_THREADS"] = "1"  # for the subprocesses this worker starts

        import torch

        torch.set_num_threads(1)
