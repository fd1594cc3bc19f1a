"""The sandbox's delivery receipts: for every SMS it accepts, a receipt sent to a callback
URL after a delay, as iSendPro calls the URL set in its customer area.

    receipts = ReceiptSender(account, ReceiptConfig(url="http://127.0.0.1:8643/receipts/S"))
    receipts.start()          # SandboxThread and `isend-tui sandbox` do this
    receipts.wait_idle(10)    # tests: every receipt answered (or given up)

The outcome of each SMS is drawn once, when it is accepted (`delivery_rate`, then
`permanent_failure_rate`, the rest temporary failures; `overrides` fix it per number for
tests) and written to ``sms_log`` (``dlr_status``, ``dlr_at``), so the /campagne report
tells the same story. A callback that fails (connection refused, timeout, 5xx, 429) is
retried with a growing delay until `max_attempts`; any other answer ends it.

Statuses are the sandbox's own (invented, mirrored in isend_tui/delivery/states.py): 0
delivered, 1 unreachable (temporary), 2 unknown number and 3 refused by the carrier
(permanent), 4 expired in the network. The request: ``tel``, ``statut``, ``tracker``,
``date`` (Paris time), as a form POST (or GET query, or JSON: ``method``).
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import itertools
import json
import logging
import random
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from urllib.parse import urlencode

import httpx

from isend_tui.gateway.sandbox import rules
from isend_tui.gateway.sandbox.account import PARIS, TIME_FORMAT, LoggedSms, SandboxAccount
from isend_tui.gateway.sandbox.callback import CallbackConnection, CallbackError

log = logging.getLogger(__name__)

DELIVERED, UNREACHABLE, UNKNOWN_NUMBER, CARRIER_REFUSED, EXPIRED = "0", "1", "2", "3", "4"
NO_RECEIPT = "none"
"""An override: this number never gets a receipt (what expiry is for)."""


@dataclass(frozen=True)
class ReceiptConfig:
    url: str | None = None
    delay_s: float = 1.0
    delivery_rate: float = 0.95
    permanent_failure_rate: float = 0.02
    """Of all SMS; capped at what delivery_rate leaves (1.0 delivered: no failure)."""
    overrides: Mapping[str, str] = field(default_factory=dict)
    """Number (any form) -> status, or "none" for no receipt at all."""
    method: str = "POST"
    """POST (form), GET (query string) or JSON (POST with a JSON body)."""
    concurrency: int = 32
    retry_base_s: float = 0.5
    retry_max_s: float = 30.0
    max_attempts: int = 100
    timeout_s: float = 10.0
    seed: int = 0

    def __post_init__(self) -> None:
        if not (0 <= self.delivery_rate <= 1 and 0 <= self.permanent_failure_rate <= 1):
            raise ValueError("rates are between 0 and 1")
        if self.method not in ("POST", "GET", "JSON"):
            raise ValueError("method is POST, GET or JSON")

    def as_dict(self) -> dict[str, object]:
        shown = dict(self.__dict__)
        shown["overrides"] = dict(self.overrides)
        return shown


@dataclass
class ReceiptStats:
    decided: int = 0
    answered: int = 0
    attempts: int = 0
    retries: int = 0
    given_up: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


@dataclass(order=True)
class _Due:
    at: float
    seq: int
    sms_id: int = field(compare=False)
    params: dict[str, str] = field(compare=False)
    attempt: int = field(default=0, compare=False)


class ReceiptSender:
    """Sends the receipts from its own thread and event loop. Thread-safe."""

    def __init__(self, account: SandboxAccount, config: ReceiptConfig | None = None) -> None:
        self.account = account
        self._config = config or ReceiptConfig()
        self._overrides = self._normalised(self._config.overrides)
        self._random = random.Random(self._config.seed)
        self._heap: list[_Due] = []
        self._seq = itertools.count()
        self._cond = threading.Condition()
        self._in_flight = 0
        self._stopping = False
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake: asyncio.Event | None = None
        self._https: httpx.AsyncClient | None = None
        self.stats = ReceiptStats()
        account.on_logged.append(self._accepted)

    @staticmethod
    def _normalised(overrides: Mapping[str, str]) -> dict[str, str]:
        return {rules.international(rules.normalise(k)): str(v) for k, v in overrides.items()}

    @property
    def config(self) -> ReceiptConfig:
        return self._config

    def configure(self, **changes: object) -> ReceiptConfig:
        """Change some fields (a new seed restarts the draw); the new configuration."""
        with self._cond:
            self._config = replace(self._config, **changes)  # type: ignore[arg-type]
            self._overrides = self._normalised(self._config.overrides)
            if "seed" in changes:
                self._random = random.Random(self._config.seed)
        self._poke()
        return self._config

    # -- deciding

    def _outcome(self, number: str) -> str:
        fixed = self._overrides.get(rules.international(rules.normalise(number)))
        if fixed is not None:
            return fixed
        draw = self._random.random()
        if draw < self._config.delivery_rate:
            return DELIVERED
        permanent = min(self._config.permanent_failure_rate, 1 - self._config.delivery_rate)
        if draw < self._config.delivery_rate + permanent:
            return UNKNOWN_NUMBER if self._random.random() < 0.5 else CARRIER_REFUSED
        return UNREACHABLE

    def _accepted(self, logged: Sequence[LoggedSms]) -> None:
        """Draw each accepted SMS's outcome (the report shows it even without a callback
        URL) and queue its receipt when there is a URL to send it to."""
        now = time.time()
        outcomes: list[tuple[int, str, str]] = []
        with self._cond:
            delay = self._config.delay_s
            send = self._config.url is not None
            for sms in logged:
                status = self._outcome(sms.num)
                start = _scheduled(sms.date_envoi, now)
                due_at = self.account.clock() + timedelta(seconds=delay + (start - now))
                outcomes.append((sms.id, status, due_at.strftime(TIME_FORMAT)))
                self.stats.decided += 1
                if status == NO_RECEIPT or not send:
                    continue
                params = {
                    "tel": sms.num,
                    "statut": status,
                    "tracker": sms.tracker or "",
                    "date": due_at.strftime(TIME_FORMAT),
                }
                heapq.heappush(self._heap, _Due(start + delay, next(self._seq), sms.id, params))
        self.account.set_delivery(outcomes)
        self._poke()

    def resend(self) -> int:
        """Queue again the receipt of every logged SMS that has one (a gateway sending its
        receipts twice, or late to a URL set afterwards); how many were queued."""
        now = time.time()
        queued = 0
        with self._cond:
            for sms in self.account.sent():
                if sms.dlr_status in (None, NO_RECEIPT):
                    continue
                params = {
                    "tel": sms.num,
                    "statut": str(sms.dlr_status),
                    "tracker": sms.tracker or "",
                    "date": sms.dlr_at or "",
                }
                heapq.heappush(self._heap, _Due(now, next(self._seq), sms.id, params))
                queued += 1
        self._poke()
        return queued

    # -- waiting (tests, benchmarks)

    def pending(self) -> int:
        with self._cond:
            return len(self._heap) + self._in_flight

    def wait_idle(self, timeout: float) -> bool:
        """Until every receipt decided so far was answered or given up; False on timeout."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._heap or self._in_flight:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(min(left, 0.5))
        return True

    # -- sending

    def start(self) -> ReceiptSender:
        if self._thread is None:
            ready = threading.Event()
            self._thread = threading.Thread(
                target=self._run, args=(ready,), name="sandbox-receipts", daemon=True
            )
            self._thread.start()
            ready.wait(10)
        return self

    def stop(self) -> None:
        with self._cond:
            self._stopping = True
        self._poke()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None

    def _poke(self) -> None:
        loop, wake = self._loop, self._wake
        if loop is not None and wake is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
                loop.call_soon_threadsafe(wake.set)

    def _run(self, ready: threading.Event) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            loop.run_until_complete(self._main(ready))
        finally:
            self._loop = None
            loop.close()

    async def _main(self, ready: threading.Event) -> None:
        wake = self._wake = asyncio.Event()
        work: asyncio.Queue[_Due] = asyncio.Queue()
        ready.set()
        workers = [
            asyncio.create_task(self._worker(work)) for _ in range(max(1, self._config.concurrency))
        ]
        try:
            while not self._stopping:
                wake.clear()
                for due in self._take_due():
                    work.put_nowait(due)
                with self._cond:
                    wait = self._heap[0].at - time.time() if self._heap else 1.0
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(wake.wait(), max(0.001, min(wait, 1.0)))
        finally:
            for worker in workers:
                worker.cancel()
            await asyncio.gather(*workers, return_exceptions=True)
            if self._https is not None:
                await self._https.aclose()

    def _take_due(self) -> list[_Due]:
        now = time.time()
        taken: list[_Due] = []
        with self._cond:
            while self._heap and self._heap[0].at <= now:
                taken.append(heapq.heappop(self._heap))
            self._in_flight += len(taken)
        return taken

    async def _worker(self, work: asyncio.Queue[_Due]) -> None:
        connection: CallbackConnection | None = None
        try:
            while True:
                due = await work.get()
                url = self._config.url
                if connection is not None and connection.url != url:
                    await connection.close()
                    connection = None
                if connection is None and url is not None and url.startswith("http://"):
                    connection = CallbackConnection(url)
                self._settle(due, await self._send(connection, due))
        finally:
            if connection is not None:
                await connection.close()

    def _settle(self, due: _Due, done: bool | None) -> None:
        config = self._config
        with self._cond:
            self._in_flight -= 1
            self.stats.attempts += 1
            if done is True:
                self.stats.answered += 1
            elif done is None or due.attempt + 1 >= config.max_attempts:
                self.stats.given_up += 1
            else:
                self.stats.retries += 1
                delay = min(config.retry_max_s, config.retry_base_s * 2**due.attempt)
                due.attempt += 1
                due.at = time.time() + delay * (0.5 + self._random.random() / 2)
                heapq.heappush(self._heap, due)
            self._cond.notify_all()
        if self._wake is not None:
            self._wake.set()

    async def _send(self, connection: CallbackConnection | None, due: _Due) -> bool | None:
        """True: answered 2xx; False: retry; None: refused for good (4xx)."""
        config = self._config
        if config.url is None:
            return None
        method = "GET" if config.method == "GET" else "POST"
        query = urlencode(due.params) if method == "GET" else ""
        if config.method == "JSON":
            body, kind = json.dumps(due.params).encode(), "application/json"
        elif method == "POST":
            body, kind = urlencode(due.params).encode(), "application/x-www-form-urlencoded"
        else:
            body, kind = b"", ""
        try:
            if connection is not None:
                status = await connection.request(method, query, body, kind, config.timeout_s)
            else:
                url = config.url + (("&" if "?" in config.url else "?") + query if query else "")
                headers = {"content-type": kind} if body else {}
                if self._https is None:  # made on first use: most sandboxes never need it
                    self._https = httpx.AsyncClient()
                reply = await self._https.request(
                    method, url, content=body, headers=headers, timeout=config.timeout_s
                )
                status = reply.status_code
        except (CallbackError, httpx.HTTPError):
            return False
        if status < 300:
            return True
        if status >= 500 or status == 429:
            return False
        log.info("sandbox receipt refused by the callback: HTTP %d", status)
        return None


def _scheduled(date_envoi: str | None, now: float) -> float:
    """When a scheduled SMS goes out (epoch), now for an immediate one."""
    if not date_envoi:
        return now
    try:
        moment = datetime.strptime(date_envoi, "%Y-%m-%d %H:%M").replace(tzinfo=PARIS)
    except (ValueError, AttributeError):
        return now
    return max(now, moment.timestamp())
