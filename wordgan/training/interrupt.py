"""Turn the first Ctrl-C or SIGTERM into a request to stop at the next step boundary, so the checkpoint is
consistent. SIGTERM is what schedulers (SLURM, Kubernetes) and torchrun send before they kill a process."""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Iterator

SIGNALS = (signal.SIGINT, signal.SIGTERM)


class StopRequest:
    def __init__(self) -> None:
        self.requested = False


@contextmanager
def stop_on_interrupt() -> Iterator[StopRequest]:
    """Within the block, a first SIGINT or SIGTERM sets ``requested``; a second one interrupts at once."""
    request = StopRequest()
    if threading.current_thread() is not threading.main_thread():
        yield request  # signal handlers can only be installed from the main thread
        return

    def handler(signum, frame):  # noqa: ARG001 - signal handler signature
        if request.requested:
            raise KeyboardInterrupt
        request.requested = True

    previous = {number: signal.signal(number, handler) for number in SIGNALS}
    try:
        yield request
    finally:
        for number, old in previous.items():
            signal.signal(number, old)
