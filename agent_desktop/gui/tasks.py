"""Work off the GUI thread: one small runner. A task runs on the thread pool; its result
or error comes back by signal on the GUI thread. Workers never touch widgets."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.work = work
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as error:  # handed to the GUI thread, which decides what to show
            self.relay.failed.emit(error)
        else:
            self.relay.done.emit(result)


class TaskRunner(QObject):
    """`runner.run(work, on_done, on_error)`: work() runs on a pool thread; the callbacks
    run on the GUI thread. Results of a runner that was closed are dropped."""

    def __init__(self, parent: QObject | None = None, max_threads: int = 4) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        # threads kept, not ended after 30 s idle: each new thread would build its own
        # API client (TLS set-up and all, holding the interpreter lock a while)
        self._pool.setExpiryTimeout(-1)
        self._relays: set[_Relay] = set()
        self._closed = False

    def run(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        if self._closed:
            return
        relay = _Relay()
        self._relays.add(relay)

        def finish() -> None:
            self._relays.discard(relay)
            relay.deleteLater()

        def done(result: Any) -> None:
            finish()
            if on_done is not None and not self._closed:
                on_done(result)

        def failed(error: Exception) -> None:
            finish()
            if self._closed:
                return
            if on_error is not None:
                on_error(error)
            else:
                log.error("a background task failed: %s", error)

        relay.done.connect(done)
        relay.failed.connect(failed)
        self._pool.start(_Task(work, relay))

    def close(self, timeout_ms: int = 10_000) -> None:
        """Stop delivering results and wait for running work to end."""
        self._closed = True
        self._pool.waitForDone(timeout_ms)
