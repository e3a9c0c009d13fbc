"""Stopping on SIGINT or SIGTERM: every process a command started stops with it, and outputs stay whole.

The CLI runs each command inside ``handled()``. A SIGINT (Ctrl-C) or SIGTERM (cron, systemd, ``timeout``)
then

1. stops every process this one started, however deep (pool workers, the forkserver, notebook kernels):
   SIGTERM, then SIGKILL for what is still alive after a grace period;
2. raises ``Interrupted`` in the main thread, which unwinds the command (its ``finally`` blocks remove
   staged files) and lets the CLI print one line and exit with ``128 + signal number``.

Code that must not be cut in half (renaming staged files into place) runs under ``deferred()``: a signal
that arrives there stops the children at once but is raised only when the block has finished.

Worker processes are started by ``start_workers()`` and call ``worker_init()`` first: Ctrl-C reaches the
whole process group, and the workers leave it to the main process (no traceback per worker, even one still
starting); on SIGTERM a worker stops its own children (a notebook's kernel) before it exits, so nothing is
orphaned.

Library code never installs handlers: outside ``handled()`` signals keep Python's default behaviour and
``deferred()`` does nothing.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Iterator

SIGNALS = (signal.SIGINT, signal.SIGTERM)
GRACE_SECONDS = 3.0

_deferring = 0
_pending: tuple[int, int] | None = None  # (signal, processes stopped) received inside deferred()


class Interrupted(BaseException):
    """The command was stopped by a signal.

    A BaseException, like KeyboardInterrupt: ``except Exception`` blocks that turn errors into messages
    must not swallow it.

    Attributes:
        signum: The signal number.
        stopped: How many child processes were stopped.
    """

    def __init__(self, signum: int, stopped: int = 0) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum
        self.stopped = stopped

    @property
    def name(self) -> str:
        """``SIGINT`` or ``SIGTERM``."""
        return signal.Signals(self.signum).name

    @property
    def exit_status(self) -> int:
        """The shell's convention for a process ended by a signal: 128 + its number (130, 143)."""
        return 128 + self.signum


def stop_children(grace: float = GRACE_SECONDS) -> int:
    """Stop every descendant of this process: SIGTERM, then SIGKILL after ``grace`` seconds.

    Returns:
        The number of processes found.
    """
    import psutil

    me = psutil.Process()
    found = _stoppable(me.children(recursive=True))
    _signal_all(found, "terminate")
    alive = _wait_gone(found, grace)
    _signal_all(alive, "kill")
    _wait_gone(alive, grace)
    # those started while we were stopping
    late = [p for p in _stoppable(me.children(recursive=True)) if p not in found]
    _signal_all(late, "kill")
    _wait_gone(late, grace)
    return len(found) + len(late)


def _wait_gone(processes: list, timeout: float) -> list:
    """Wait until the processes have ended (a zombie has: it only waits for its parent); return the others.

    ``psutil.wait_procs`` would wait for the zombies of workers whose parent (the forkserver) is gone too.
    """
    import psutil

    deadline = time.monotonic() + timeout
    while True:
        alive = []
        for process in processes:
            try:
                if process.status() != psutil.STATUS_ZOMBIE:
                    alive.append(process)
            except psutil.NoSuchProcess:
                pass
        if not alive or time.monotonic() >= deadline:
            return alive
        time.sleep(0.02)


def _stoppable(processes: list) -> list:
    """All but multiprocessing's resource tracker.

    The tracker ends by itself with this process; killed first, it is relaunched and prints tracebacks
    about the semaphores it no longer knows.
    """
    from multiprocessing import resource_tracker

    tracker = getattr(resource_tracker._resource_tracker, "_pid", None)
    return [p for p in processes if p.pid != tracker]


def _signal_all(processes, method: str) -> None:
    import psutil

    for process in processes:
        with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
            getattr(process, method)()


def _handler(signum: int, frame) -> None:
    global _pending
    for sig in SIGNALS:  # a second Ctrl-C while stopping must not interrupt the stopping
        signal.signal(sig, signal.SIG_IGN)
    stopped = stop_children()
    if _deferring:
        _pending = (signum, stopped)
        return
    raise Interrupted(signum, stopped)


@contextlib.contextmanager
def handled() -> Iterator[None]:
    """Within the block, SIGINT and SIGTERM stop the children and raise ``Interrupted`` (main thread only).

    The previous handlers are restored afterwards.
    """
    global _pending
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.getsignal(sig) for sig in SIGNALS}
    for sig in SIGNALS:
        signal.signal(sig, _handler)
    _pending = None
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """A block a signal must not cut in half: ``Interrupted`` is raised when it ends, not inside it."""
    global _deferring, _pending
    _deferring += 1
    try:
        yield
    finally:
        _deferring -= 1
    if not _deferring and _pending is not None:
        (signum, stopped), _pending = _pending, None
        raise Interrupted(signum, stopped)


def _worker_sigterm(signum: int, frame) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    stop_children(grace=1.0)
    os._exit(128 + signum)


def start_workers(pool) -> None:
    """Start the worker processes of a ``ProcessPoolExecutor`` now, born with SIGINT blocked.

    A Ctrl-C that reaches a worker while it is still starting (before ``worker_init``) would print its
    traceback; blocked, the signal waits until ``worker_init`` has made the worker ignore it. The pool starts
    all its workers (and the forkserver, whose children inherit its mask) on its first task.
    """
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - not POSIX
        pool.submit(os.getpid)
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        pool.submit(os.getpid)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def worker_init() -> None:
    """Initializer of worker processes: leave Ctrl-C to the main process, stop with SIGTERM.

    On SIGTERM the worker stops its own children (a notebook's kernel) and exits at once.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _worker_sigterm)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # blocked by start_workers
