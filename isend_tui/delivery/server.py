"""Serving an ASGI app with uvicorn in a background thread, on a socket bound up front.

Binding first means the URL is known before serving and a port already taken fails at
once with OSError (the caller says which setting to change).
"""

from __future__ import annotations

import socket
import threading
import time

import uvicorn

_STARTUP_TIMEOUT = 15.0


class _Server(uvicorn.Server):
    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self.ready = threading.Event()

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=sockets)
        self.ready.set()

    def install_signal_handlers(self) -> None:  # the process owns its signals
        return


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto=IPPROTO_TCP: asyncio then sets TCP_NODELAY on accepted sockets (no 40 ms
    # delayed-ACK stall on keep-alive replies).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    sock.setblocking(False)
    return sock


class ServedApp:
    def __init__(self, app: object, *, host: str, port: int, name: str) -> None:
        self._config = uvicorn.Config(
            app,  # type: ignore[arg-type]
            http="auto",  # httptools when installed, else h11
            lifespan="off",
            log_config=None,
            log_level="warning",
            access_log=False,  # the path holds the secret
            timeout_graceful_shutdown=2,
        )
        self._server = _Server(self._config)
        self._host = host
        self._port = port
        self._name = name
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self.url = ""

    def start(self) -> None:
        self._sock = bind(self._host, self._port)
        host, port = self._sock.getsockname()[:2]
        self.url = f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"
        self._thread = threading.Thread(
            target=self._server.run,
            kwargs={"sockets": [self._sock]},
            name=self._name,
            daemon=True,
        )
        self._thread.start()
        deadline = time.monotonic() + _STARTUP_TIMEOUT
        while not self._server.ready.wait(0.05):
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the {self._name} failed to start")

    def stop(self) -> None:
        self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        if self._sock is not None:
            self._sock.close()
