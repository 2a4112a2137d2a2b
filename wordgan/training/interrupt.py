"""Turn the first Ctrl-C into a request to stop at the next step boundary, so the checkpoint is consistent."""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Iterator


class StopRequest:
    def __init__(self) -> None:
        self.requested = False


@contextmanager
def stop_on_interrupt() -> Iterator[StopRequest]:
    """Within the block, a first SIGINT sets ``requested``; a second one interrupts at once."""
    request = StopRequest()
    if threading.current_thread() is not threading.main_thread():
        yield request  # signal handlers can only be installed from the main thread
        return

    def handler(signum, frame):  # noqa: ARG001 - signal handler signature
        if request.requested:
            raise KeyboardInterrupt
        request.requested = True

    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield request
    finally:
        signal.signal(signal.SIGINT, previous)
