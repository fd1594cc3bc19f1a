"""A TCP server that accepts and then says nothing, or a proxy that relays a real
MariaDB session and then goes silent: a frozen database VM or a network partition, as
the shop's clients meet them."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress


class SilentProxy:
    """Relays to `target` until `go_silent()` (or, with `relay=False`, never relays):
    from then on nothing more is forwarded in either direction, nothing is closed."""

    def __init__(self, target: tuple[str, int] | None, *, relay: bool = True) -> None:
        self.target = target
        self.relay = relay
        self.silent = threading.Event()
        if not relay:
            self.silent.set()
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._server.getsockname()[1]
        self._sockets: list[socket.socket] = [self._server]
        self._closed = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def go_silent(self) -> None:
        self.silent.set()

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                client, _addr = self._server.accept()
            except OSError:
                return
            self._sockets.append(client)
            if self.silent.is_set() or self.target is None:
                continue  # accepted, and never answered
            upstream = socket.create_connection(self.target)
            self._sockets.append(upstream)
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        while not self._closed.is_set():
            try:
                data = source.recv(65536)
            except OSError:
                return
            if not data:
                return
            if self.silent.is_set():
                continue  # swallowed: the other side waits for ever
            try:
                sink.sendall(data)
            except OSError:
                return

    def close(self) -> None:
        self._closed.set()
        for sock in self._sockets:
            with suppress(OSError):
                sock.close()


@contextmanager
def silent_proxy(target: tuple[str, int] | None, *, relay: bool = True) -> Iterator[SilentProxy]:
    proxy = SilentProxy(target, relay=relay)
    try:
        yield proxy
    finally:
        proxy.close()
