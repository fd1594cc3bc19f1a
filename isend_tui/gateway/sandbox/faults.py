"""Faults the sandbox can inject, to test what the client and the sending engine do.

Kinds (:class:`FaultKind`), and what the client can know afterwards:

| kind | when | the client sees | SMS logged? |
|---|---|---|---|
| ``unavailable`` | before processing | HTTP 503 (HTML body) | no |
| ``drop_before`` | before processing | headers, then the connection closes | no |
| ``server_error`` | after processing | HTTP 500 (HTML body) | yes |
| ``drop_after`` | after processing | headers, then the connection closes | yes |
| ``malformed`` | after processing | HTTP 200 with a truncated JSON body | yes |
| ``slow`` | after processing | the reply only after ``slow_seconds`` | yes |

``latency_ms`` is added to every API request before anything else. The drop kinds need
a real socket (uvicorn closes the connection); through ``httpx.ASGITransport`` the
exception reaches the caller instead.

Configure at construction (``Faults(FaultConfig(...))`` or keywords), at runtime
(``faults.configure(server_error_rate=0.1)``, ``faults.fail_next(FaultKind.SLOW, 2)``) or
over HTTP: ``POST /_sandbox/faults`` with a JSON object holding any FaultConfig field,
plus ``"fail_next": {"kind": "server_error", "count": 2}`` or ``"reset": true``; the reply
(and ``GET /_sandbox/faults``) is the current configuration. Random draws use
``random.Random(seed)``: the same seed gives the same faults in the same order. Queued
faults (fail_next) come first. ``paths`` limits faults to some endpoints (e.g.
``["/smsmulti"]``); empty means every API endpoint.

``report_headers`` renames the columns of the ``/campagne`` report (the live report's
columns are undocumented): ``{"tel": "Numéro", "tracker": ""}`` serves the number under
"Numéro" and leaves the tracker column out (an empty name drops the column).
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import random
import threading
from collections import deque
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class FaultKind(StrEnum):
    UNAVAILABLE = "unavailable"
    DROP_BEFORE = "drop_before"
    SERVER_ERROR = "server_error"
    DROP_AFTER = "drop_after"
    MALFORMED = "malformed"
    SLOW = "slow"


_RATE_FIELDS: dict[FaultKind, str] = {
    FaultKind.UNAVAILABLE: "unavailable_rate",
    FaultKind.DROP_BEFORE: "drop_before_rate",
    FaultKind.SERVER_ERROR: "server_error_rate",
    FaultKind.DROP_AFTER: "drop_after_rate",
    FaultKind.MALFORMED: "malformed_rate",
    FaultKind.SLOW: "slow_rate",
}


@dataclass(frozen=True)
class FaultConfig:
    latency_ms: float = 0.0
    unavailable_rate: float = 0.0
    drop_before_rate: float = 0.0
    server_error_rate: float = 0.0
    drop_after_rate: float = 0.0
    malformed_rate: float = 0.0
    slow_rate: float = 0.0
    slow_seconds: float = 30.0
    seed: int = 0
    paths: tuple[str, ...] = field(default=())
    report_headers: tuple[tuple[str, str], ...] = field(default=())

    def __post_init__(self) -> None:
        rates = [getattr(self, name) for name in _RATE_FIELDS.values()]
        if any(r < 0 or r > 1 for r in rates) or sum(rates) > 1 + 1e-9:
            raise ValueError("fault rates must be within 0..1 and add up to at most 1")
        if self.latency_ms < 0 or self.slow_seconds < 0:
            raise ValueError("latency_ms and slow_seconds must be >= 0")

    @classmethod
    def with_error_rate(cls, rate: float, **others: Any) -> FaultConfig:
        """`rate` spread evenly over unavailable, drop_before, server_error, drop_after and
        malformed (slow is left out: it would stall an interactive demo)."""
        share = rate / 5
        return cls(
            unavailable_rate=share,
            drop_before_rate=share,
            server_error_rate=share,
            drop_after_rate=share,
            malformed_rate=share,
            **others,
        )

    def as_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["paths"] = list(self.paths)
        data["report_headers"] = dict(self.report_headers)
        return data


class Faults:
    """The fault plan of one sandbox. Thread-safe."""

    def __init__(self, config: FaultConfig | None = None, **changes: Any) -> None:
        self._lock = threading.Lock()
        self._config = dataclasses.replace(config or FaultConfig(), **_fix(changes))
        self._random = random.Random(self._config.seed)
        self._queue: deque[tuple[FaultKind, tuple[str, ...]]] = deque()

    @property
    def config(self) -> FaultConfig:
        return self._config

    def configure(self, **changes: Any) -> FaultConfig:
        """Change some fields; a new `seed` restarts the random sequence."""
        with self._lock:
            self._config = dataclasses.replace(self._config, **_fix(changes))
            if "seed" in changes:
                self._random = random.Random(self._config.seed)
            return self._config

    def fail_next(
        self, kind: FaultKind | str, count: int = 1, *, paths: tuple[str, ...] = ()
    ) -> None:
        """The next `count` requests (to `paths`, default any API endpoint) fail with `kind`."""
        with self._lock:
            for _ in range(count):
                self._queue.append((FaultKind(kind), tuple(paths)))

    def reset(self) -> None:
        """No faults, no latency, nothing queued."""
        with self._lock:
            self._config = FaultConfig()
            self._random = random.Random(0)
            self._queue.clear()

    def pending(self) -> list[str]:
        with self._lock:
            return [kind.value for kind, _ in self._queue]

    def pick(self, path: str) -> FaultKind | None:
        """The fault for this request, if any (queued first, then drawn at random)."""
        with self._lock:
            for index, (kind, paths) in enumerate(self._queue):
                if not paths or path in paths:
                    del self._queue[index]
                    return kind
            config = self._config
            if config.paths and path not in config.paths:
                return None
            draw = self._random.random()
            threshold = 0.0
            for kind, name in _RATE_FIELDS.items():
                threshold += getattr(config, name)
                if draw < threshold:
                    return kind
            return None

    def as_dict(self) -> dict[str, Any]:
        return {**self._config.as_dict(), "pending": self.pending()}


def _fix(changes: dict[str, Any]) -> dict[str, Any]:
    if "paths" in changes:
        changes = {**changes, "paths": tuple(changes["paths"] or ())}
    if "report_headers" in changes:
        renames = dict(changes["report_headers"] or {})
        changes = {**changes, "report_headers": tuple((str(k), str(v)) for k, v in renames.items())}
    return changes


# --- the ASGI middleware ----------------------------------------------------------------


class DroppedConnection(Exception):
    """Raised after the response started, so uvicorn closes the connection mid-reply."""


class _QuietDrops(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        return not isinstance(exc, DroppedConnection)


_quiet_drops = _QuietDrops()


def silence_dropped_connection_logs() -> None:
    """uvicorn logs every app exception with its traceback; the deliberate drops are noise."""
    error_logger = logging.getLogger("uvicorn.error")
    if _quiet_drops not in error_logger.filters:
        error_logger.addFilter(_quiet_drops)


_HTML_503 = b"<html><body><h1>503 Service Unavailable</h1></body></html>"
_HTML_500 = b"<html><body><h1>500 Internal Server Error</h1></body></html>"


async def _send_whole(send: Send, status: int, body: bytes, content_type: str) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", content_type.encode()),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def _wait_disconnect(receive: Receive) -> None:
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return


async def _delay(seconds: float, receive: Receive) -> Receive | None:
    """Wait `seconds` while reading the request, so a client that gives up is noticed.

    Returns a receive that replays what was read, or None if the client disconnected.
    """
    read: list[Message] = []

    async def read_request() -> bool:
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return False
            read.append(message)
            if not message.get("more_body", False):
                await _wait_disconnect(receive)
                return False

    reader = asyncio.ensure_future(read_request())
    sleeper = asyncio.ensure_future(asyncio.sleep(seconds))
    await asyncio.wait({reader, sleeper}, return_when=asyncio.FIRST_COMPLETED)
    if reader.done():
        sleeper.cancel()
        return None
    reader.cancel()
    # Waiting for the disconnect is over: hand what was read to the app, then the rest.
    buffered = list(read)

    async def replay() -> Message:
        if buffered:
            return buffered.pop(0)
        return await receive()

    return replay


class FaultMiddleware:
    """Applies the fault plan to the API endpoints (paths `is_api` accepts)."""

    def __init__(self, app: ASGIApp, faults: Faults, api_paths: frozenset[str]) -> None:
        self.app = app
        self.faults = faults
        self.api_paths = api_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or path not in self.api_paths:
            await self.app(scope, receive, send)
            return
        config = self.faults.config
        if config.latency_ms:
            delayed = await _delay(config.latency_ms / 1000, receive)
            if delayed is None:  # the client gave up while waiting: never processed
                return
            receive = delayed
        kind = self.faults.pick(path.removeprefix("/cgi-bin"))
        if kind is None:
            await self.app(scope, receive, send)
            return
        if kind is FaultKind.UNAVAILABLE:
            await _send_whole(send, 503, _HTML_503, "text/html")
            return
        if kind is FaultKind.DROP_BEFORE:
            await send(
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", b"64")],
                }
            )
            raise DroppedConnection("dropped before processing")
        # The other kinds process the request first: capture the real reply.
        start: Message = {}
        body = bytearray()

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                body.extend(message.get("body", b""))

        await self.app(scope, receive, capture)
        if kind is FaultKind.SERVER_ERROR:
            await _send_whole(send, 500, _HTML_500, "text/html")
        elif kind is FaultKind.DROP_AFTER:
            headers = [
                (k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"
            ]
            headers.append((b"content-length", str(len(body)).encode()))
            await send({"type": "http.response.start", "status": 200, "headers": headers})
            await send({"type": "http.response.body", "body": bytes(body[:1]), "more_body": True})
            raise DroppedConnection("dropped after processing")
        elif kind is FaultKind.MALFORMED:
            await _send_whole(send, 200, bytes(body[: max(1, len(body) // 2)]), "application/json")
        else:  # SLOW: the reply comes too late, unless the client gave up first
            sleeper = asyncio.ensure_future(asyncio.sleep(config.slow_seconds))
            watcher = asyncio.ensure_future(_wait_disconnect(receive))
            done, pending = await asyncio.wait(
                {sleeper, watcher}, return_when=asyncio.FIRST_COMPLETED
            )
            for task in pending:
                task.cancel()
            if sleeper in done:
                await send(start)
                await send({"type": "http.response.body", "body": bytes(body)})
