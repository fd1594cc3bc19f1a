"""The receipt receiver: the HTTP endpoint iSendPro calls back, served by `isend-tui watch`.

    server = ReceiverServer(store, secret, host="127.0.0.1", port=8643).start()
    server.url          # http://127.0.0.1:8643/receipts/<secret>
    server.stats        # what came: recorded, duplicates, orphans, wrong secret...
    server.stop()

Put it behind the shop's web server (README: an nginx location block). Only
``/receipts/<secret>`` is answered; anything else gets 404 and is never recorded (it is
counted). A receipt is answered 200 once it is COMMITTED: a crash after that loses
nothing, a crash before it makes the gateway retry. Receipts arriving together share one
transaction (group commit, `ReceiptWriter`), which is what keeps thousands a second
durable. Bodies are bounded (413). Nothing a caller sends makes it answer a traceback.

The app is a bare ASGI callable: no framework between the socket and the store.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import queue
import threading
from collections.abc import Awaitable, Callable, MutableMapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from isend_tui.delivery.receipt_url import PATH_PREFIX
from isend_tui.delivery.receipts import Receipt, Unreadable, receipts_of
from isend_tui.delivery.record import Tally, record
from isend_tui.delivery.server import ServedApp
from isend_tui.logs import register_secret
from isend_tui.store import Store

log = logging.getLogger(__name__)

MAX_BODY = 64 * 1024
"""Bytes of a request body: a receipt is a few hundred bytes, a list of them a few KB."""
MAX_GROUP = 2000
"""Requests committed in one transaction at most."""

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


@dataclass
class ReceiverStats:
    """What the receiver saw since it started (thread-safe enough: ints under the GIL,
    written by one thread each)."""

    requests: int = 0
    recorded: int = 0
    changed: int = 0
    duplicates: int = 0
    orphans: int = 0
    unreadable: int = 0
    wrong_secret: int = 0
    too_large: int = 0
    failures: int = 0
    """Requests answered 503 because the store could not commit (the gateway retries)."""

    def add(self, tally: Tally) -> None:
        self.recorded += tally.recorded
        self.changed += tally.changed
        self.duplicates += tally.duplicates
        self.orphans += tally.orphans
        self.unreadable += tally.unreadable

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


_Job = tuple[Sequence[Receipt | Unreadable], "asyncio.Future[Tally]", asyncio.AbstractEventLoop]


@dataclass
class ReceiptWriter:
    """One thread that commits receipts: everything queued meanwhile in ONE transaction,
    then every waiting request is told. A request whose recording fails on its own (a
    bug) is kept raw as unreadable rather than failing its neighbours."""

    store: Store
    on_tally: Callable[[Tally], None] | None = None
    _queue: queue.SimpleQueue[_Job | None] = field(default_factory=queue.SimpleQueue)
    _thread: threading.Thread | None = None

    def start(self) -> ReceiptWriter:
        self._thread = threading.Thread(target=self._run, name="receipt-writer", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._queue.put(None)
        if self._thread is not None:
            self._thread.join(timeout=10)

    async def submit(self, items: Sequence[Receipt | Unreadable]) -> Tally:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Tally] = loop.create_future()
        self._queue.put((items, future, loop))
        return await future

    def _run(self) -> None:
        try:
            while True:
                first = self._queue.get()
                if first is None:
                    return
                jobs = [first]
                while len(jobs) < MAX_GROUP:
                    try:
                        job = self._queue.get_nowait()
                    except queue.Empty:
                        break
                    if job is None:
                        self._queue.put(None)
                        break
                    jobs.append(job)
                self._commit(jobs)
        finally:
            if not self.store.db.is_closed():
                self.store.db.close()

    def _commit(self, jobs: list[_Job]) -> None:
        tallies: list[Tally] = []
        try:
            with self.store.write():
                for items, _future, _loop in jobs:
                    tallies.append(self._record_one(items))
        except Exception as exc:  # the store refused the commit: nothing was recorded
            log.warning("receipts not recorded (%s): the gateway will retry", exc)
            for _items, future, loop in jobs:
                _tell(loop, _fail, future, exc)
            return
        total = Tally()
        for (_items, future, loop), tally in zip(jobs, tallies, strict=True):
            total.add(tally)
            _tell(loop, _resolve, future, tally)
        if self.on_tally is not None and (total.changed or total.unreadable or total.orphans):
            try:
                self.on_tally(total)
            except Exception:
                log.exception("receipt listener failed")

    def _record_one(self, items: Sequence[Receipt | Unreadable]) -> Tally:
        try:
            with self.store.db.atomic():  # a savepoint: this request only
                return record(self.store, items)
        except Exception as exc:
            log.exception("a receipt could not be recorded; kept raw")
            raw = " | ".join(item.raw for item in items)[:2000]
            with self.store.db.atomic():
                return record(self.store, [Unreadable(f"error: {type(exc).__name__}", raw)])


def _tell(loop: asyncio.AbstractEventLoop, fn: Callable[..., None], *args: object) -> None:
    """Hand a result to the request's loop; a loop closed by a stop meanwhile means that
    request got no answer (its sender retries), which is fine: it is committed."""
    with contextlib.suppress(RuntimeError):
        loop.call_soon_threadsafe(fn, *args)


def _resolve(future: asyncio.Future[Tally], tally: Tally) -> None:
    if not future.done():
        future.set_result(tally)


def _fail(future: asyncio.Future[Tally], exc: BaseException) -> None:
    if not future.done():
        future.set_exception(exc)


async def _answer(send: Send, status: int, text: bytes) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"text/plain; charset=utf-8")],
        }
    )
    await send({"type": "http.response.body", "body": text})


async def _read_body(receive: Receive, limit: int) -> bytes | None:
    """The request body, or None when it is bigger than `limit`."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b""
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


class ReceiverApp:
    """The ASGI app: /receipts/<secret>, GET or POST, query, form or JSON."""

    def __init__(self, writer: ReceiptWriter, secret: str, *, max_body: int = MAX_BODY) -> None:
        if len(secret) < 16:
            raise ValueError("the receipt secret is too short")
        register_secret(secret)
        self.writer = writer
        self.stats = ReceiverStats()
        self._path = (PATH_PREFIX + secret).encode()
        self._max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        try:
            await self._handle(scope, receive, send)
        except Exception:  # never a traceback to the caller, never a dead receiver
            log.exception("receipt request failed")
            self.stats.failures += 1
            await _answer(send, 500, b"error\n")

    async def _handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.stats.requests += 1
        raw_path = scope.get("raw_path") or scope.get("path", "").encode()
        if not hmac.compare_digest(raw_path.rstrip(b"/"), self._path):
            self.stats.wrong_secret += 1
            await _answer(send, 404, b"not found\n")
            return
        if scope.get("method") not in ("GET", "POST", "PUT"):
            await _answer(send, 405, b"method not allowed\n")
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length", b"0")
        if not declared.isdigit() or int(declared) > self._max_body:
            self.stats.too_large += 1
            await _answer(send, 413, b"too large\n")
            return
        body = await _read_body(receive, self._max_body)
        if body is None:
            self.stats.too_large += 1
            await _answer(send, 413, b"too large\n")
            return
        query = scope.get("query_string", b"").decode("latin-1")
        if not query and not body.strip():
            await _answer(send, 200, b"isend-tui: receipts OK\n")  # a test of the URL
            return
        content_type = headers.get(b"content-type", b"").decode("latin-1").lower()
        items = receipts_of(query[:8192], body, content_type)
        try:
            tally = await self.writer.submit(items)
        except Exception:
            self.stats.failures += 1
            await _answer(send, 503, b"retry later\n")
            return
        self.stats.add(tally)
        await _answer(send, 200, b"OK\n")


class ReceiverServer:
    """The receiver served by uvicorn in a background thread, with its writer thread."""

    def __init__(
        self,
        store: Store,
        secret: str,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        on_tally: Callable[[Tally], None] | None = None,
        max_body: int = MAX_BODY,
    ) -> None:
        self.writer = ReceiptWriter(store, on_tally)
        self.app = ReceiverApp(self.writer, secret, max_body=max_body)
        self._served = ServedApp(self.app, host=host, port=port, name="receipt receiver")
        self._secret = secret

    @property
    def stats(self) -> ReceiverStats:
        return self.app.stats

    @property
    def base_url(self) -> str:
        return self._served.url

    @property
    def url(self) -> str:
        """The full receipt URL on this host (holds the secret: never log it)."""
        return f"{self._served.url}{PATH_PREFIX}{self._secret}"

    def start(self) -> ReceiverServer:
        self.writer.start()
        try:
            self._served.start()
        except BaseException:
            self.writer.stop()
            raise
        return self

    def stop(self) -> None:
        self._served.stop()
        self.writer.stop()

    def __enter__(self) -> ReceiverServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
