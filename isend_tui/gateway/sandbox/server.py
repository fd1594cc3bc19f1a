"""Serving the sandbox with uvicorn: in the foreground (``serve``) or in a thread.

``SandboxThread`` is what tests and benchmarks use::

    with SandboxThread(SandboxAccount(path=tmp / "sandbox.sqlite3")) as sandbox:
        async with IsendClient(sandbox.account.keyid, sandbox.url) as client:
            ...
        sandbox.faults.fail_next(FaultKind.SERVER_ERROR)

It binds a free localhost port itself (so ``.url`` is known before serving) and returns
from ``start()`` once uvicorn has finished its startup.
"""

from __future__ import annotations

import signal
import socket
import threading
import time
from collections.abc import Callable, Generator
from contextlib import contextmanager
from types import FrameType, TracebackType

import uvicorn

from isend_tui.gateway.sandbox.account import SandboxAccount
from isend_tui.gateway.sandbox.app import create_app
from isend_tui.gateway.sandbox.faults import Faults
from isend_tui.gateway.sandbox.receipts import ReceiptConfig, ReceiptSender

_STARTUP_TIMEOUT = 15.0


def _config(app: object, *, log_level: str) -> uvicorn.Config:
    return uvicorn.Config(
        app,  # type: ignore[arg-type]
        http="h11",
        lifespan="off",
        log_config=None,  # leave the process's logging configuration alone
        log_level=log_level,
        access_log=False,  # access lines would show query strings holding the keyid
        timeout_graceful_shutdown=2,
    )


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto=IPPROTO_TCP matters: asyncio only sets TCP_NODELAY on accepted sockets whose
    # proto says TCP, and without it every keep-alive reply stalls 40 ms (delayed ACK).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.setblocking(False)
    return sock


def _url(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


class _Server(uvicorn.Server):
    """uvicorn's server, telling a threading.Event when startup is done."""

    def __init__(self, config: uvicorn.Config, *, exit_quietly_on_signal: bool = False) -> None:
        super().__init__(config)
        self.ready = threading.Event()
        self._quiet_signals = exit_quietly_on_signal

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=sockets)
        self.ready.set()

    @contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        if not self._quiet_signals or threading.current_thread() is not threading.main_thread():
            with super().capture_signals():
                yield
            return

        # Foreground serve(): stop cleanly on SIGINT/SIGTERM and return (exit 0) instead
        # of re-raising the signal after shutdown as uvicorn does.
        def stop(sig: int, frame: FrameType | None) -> None:
            if self.should_exit and sig == signal.SIGINT:
                self.force_exit = True
            self.should_exit = True

        previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            yield
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)


def serve(
    account: SandboxAccount,
    host: str = "127.0.0.1",
    port: int = 0,
    *,
    faults: Faults | None = None,
    receipts: ReceiptConfig | None = None,
    on_ready: Callable[[str], None] | None = None,
    log_level: str = "warning",
) -> None:
    """Serve in the foreground until SIGINT or SIGTERM; `on_ready(url)` once listening."""
    sock = _bind(host, port)
    sender = ReceiptSender(account, receipts).start()
    server = _Server(
        _config(create_app(account, faults, sender), log_level=log_level),
        exit_quietly_on_signal=True,
    )
    if on_ready is not None:
        url = _url(sock)
        notify = on_ready

        def announce() -> None:
            if server.ready.wait() and server.started and not server.should_exit:
                notify(url)

        threading.Thread(target=announce, daemon=True).start()
    try:
        server.run(sockets=[sock])
    finally:
        server.ready.set()
        sock.close()
        sender.stop()


class SandboxThread:
    """A sandbox served on a free localhost port in a background thread."""

    def __init__(
        self,
        account: SandboxAccount | None = None,
        faults: Faults | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        log_level: str = "warning",
        receipts: ReceiptConfig | None = None,
    ) -> None:
        self.account = account if account is not None else SandboxAccount()
        self.faults = faults if faults is not None else Faults()
        self.receipts = ReceiptSender(self.account, receipts)
        """The delivery receipts it sends back (`.configure(url=...)`, `.wait_idle()`)."""
        self.app = create_app(self.account, self.faults, self.receipts)
        self._host = host
        self._port = port
        self._server = _Server(_config(self.app, log_level=log_level))
        self._thread: threading.Thread | None = None
        self._sock: socket.socket | None = None
        self.url = ""

    def __repr__(self) -> str:
        return f"SandboxThread(url={self.url!r})"

    def start(self) -> SandboxThread:
        self.receipts.start()
        self._sock = _bind(self._host, self._port)
        self.url = _url(self._sock)
        self._thread = threading.Thread(
            target=self._server.run,
            kwargs={"sockets": [self._sock]},
            name=f"sandbox {self.url}",
            daemon=True,
        )
        self._thread.start()
        # Wait on uvicorn's startup event; stop waiting at once if the thread died.
        deadline = time.monotonic() + _STARTUP_TIMEOUT
        while not self._server.ready.wait(0.05):
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("the sandbox server failed to start")
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        if self._sock is not None:
            self._sock.close()
        self.receipts.stop()

    def __enter__(self) -> SandboxThread:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
