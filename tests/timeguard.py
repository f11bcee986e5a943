"""A per-call time limit for tests: a hang must fail the test, not block CI.

hypothesis's ``deadline`` only judges examples that finish, and pytest has no timeout of its own
here, so a loop that never advances would stall the whole run. SIGALRM interrupts pure-Python
loops (and regex matching between bytecodes is not an issue for the patterns in sppterm).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class Hang(Exception):
    """The guarded call ran longer than its limit."""


@contextmanager
def time_limit(seconds: float = 2.0, what: str = "call") -> Iterator[None]:
    """Raise :class:`Hang` inside the block after ``seconds`` of this process's CPU time, or ten
    times that of wall time (main thread only; elsewhere a no-op, since signals are delivered to
    the main thread).

    CPU time, not wall time: a loaded CI machine (or other test processes) stretches wall time
    several-fold, while a quadratic or endless loop burns CPU whatever the load. The wall-clock
    backstop catches a block that waits instead of computing."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def on_cpu(signum: int, frame: object) -> None:
        raise Hang(f"{what} used more than {seconds} s of CPU time")

    def on_wall(signum: int, frame: object) -> None:
        raise Hang(f"{what} did not finish within {seconds * 10} s")

    previous = signal.signal(signal.SIGPROF, on_cpu), signal.signal(signal.SIGALRM, on_wall)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    signal.setitimer(signal.ITIMER_REAL, seconds * 10)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGPROF, previous[0])
        signal.signal(signal.SIGALRM, previous[1])
