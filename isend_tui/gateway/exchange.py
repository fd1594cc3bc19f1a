"""One exchange with iSendPro: the HTTP client, its bounds, the errors it turns into, and
how a reply's items are read. The calls of the API are in client.py, on top of it.

Every request is bounded by ``timeout`` as a whole, not per read. Read-only calls (the
credit, the blacklist) are retried after a transient failure, and a failure of theirs says
plainly that nothing was sent (``ReadFailed``); sends are never retried here. The keyid
never leaves this object except in request bodies and query strings: errors never quote it
(API messages are scrubbed), our log lines hold neither bodies nor query strings, and
httpx's own request log goes through the secret filter.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar

import httpx

from isend_tui import __version__, logs
from isend_tui.errors import ConfigError
from isend_tui.gateway.errors import (
    ConnectionLost,
    GatewayTimeout,
    GatewayUnavailable,
    MalformedReply,
    NetworkUnreachable,
    OutcomeUnknown,
    ReadFailed,
    ServerFailure,
)
from isend_tui.gateway.models import NumberResult
from isend_tui.gateway.replies import UnreadableZip, etat_of, zipped_csv_rows
from isend_tui.gateway.replies import text as _text
from isend_tui.i18n import _

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://apirest.isendpro.com/cgi-bin"
DEFAULT_TIMEOUT = 15.0
READ_RETRY_DELAYS = (0.5, 1.0, 2.0)
"""Pauses before retrying a read-only call (credit, blacklist) after a transient failure."""
_TRANSIENT = (GatewayUnavailable, ServerFailure, ConnectionLost, MalformedReply, NetworkUnreachable)
MAX_TIMEOUT = 600.0
T = TypeVar("T")


class _HttpxRedaction:
    """Puts the secret filter on httpx's logger once (it logs request URLs at INFO)."""

    installed = False

    @classmethod
    def install(cls) -> None:
        if not cls.installed:
            logging.getLogger("httpx").addFilter(logs.RedactingFilter())
            cls.installed = True


class Exchange:
    """The HTTP side of IsendClient: requests, read retries, reply items."""

    def __init__(
        self,
        keyid: str,
        base_url: str = DEFAULT_BASE_URL,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        transport: httpx.AsyncBaseTransport | None = None,
        read_retry_delays: Sequence[float] = READ_RETRY_DELAYS,
    ) -> None:
        if not keyid or not keyid.strip():
            raise ConfigError(
                _("Le keyid iSendPro est vide : renseignez-le dans les réglages."),
                field="keyid",
            )
        if not (isinstance(timeout, int | float) and math.isfinite(timeout)) or not (
            0 < timeout <= MAX_TIMEOUT
        ):
            raise ConfigError(
                _(
                    "Délai d'attente invalide ({value}) : donnez un nombre de secondes "
                    "supérieur à 0, {max:g} au plus."
                ).format(value=timeout, max=MAX_TIMEOUT),
                field="timeout",
            )
        self._keyid = keyid.strip()
        logs.register_secret(self._keyid)
        _HttpxRedaction.install()
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.read_retry_delays = tuple(read_retry_delays)
        self._http = httpx.AsyncClient(
            base_url=self.base_url + "/",
            timeout=httpx.Timeout(timeout),
            transport=transport,
            headers={"User-Agent": f"isend-tui/{__version__}", "Accept": "application/json"},
            follow_redirects=False,
        )

    @property
    def masked_keyid(self) -> str:
        """The keyid as it may be shown: its last 4 characters only."""
        return "****" + self._keyid[-4:] if len(self._keyid) >= 16 else "****"

    async def aclose(self) -> None:
        await self._http.aclose()

    def _scrub(self, text: str) -> str:
        return text.replace(self._keyid, "***")

    async def _request(
        self,
        method: str,
        path: str,
        *,
        body: dict[str, Any] | None = None,
        query: dict[str, str] | None = None,
        form: dict[str, str] | None = None,
    ) -> httpx.Response:
        """One exchange, bounded by `timeout` as a whole: httpx's timeouts apply to each
        read, so a reply dripping a byte at a time would otherwise hold a request for
        minutes."""
        started = time.perf_counter()
        try:
            async with asyncio.timeout(self.timeout):
                response = await self._http.request(
                    method, path, json=body, params=query, data=form
                )
        except (
            httpx.ConnectError,
            httpx.ConnectTimeout,
            httpx.PoolTimeout,
            httpx.ProxyError,
            httpx.UnsupportedProtocol,
        ) as exc:
            log.warning("%s /%s: cannot connect (%s)", method, path, type(exc).__name__)
            raise NetworkUnreachable(httpx.URL(self.base_url).host or self.base_url) from exc
        except (httpx.TimeoutException, TimeoutError) as exc:  # the request had started
            log.warning("%s /%s: %s after %ss", method, path, type(exc).__name__, self.timeout)
            raise GatewayTimeout(self.timeout) from exc
        except httpx.DecodingError as exc:  # the body arrived but cannot be decoded
            log.warning("%s /%s: undecodable body", method, path)
            raise MalformedReply(200, "undecodable body") from exc
        except httpx.HTTPError as exc:  # dropped mid-exchange, or anything else on the way
            log.warning("%s /%s: connection lost (%s)", method, path, type(exc).__name__)
            raise ConnectionLost() from exc
        elapsed = (time.perf_counter() - started) * 1000
        log.debug("%s /%s -> HTTP %d in %.0f ms", method, path, response.status_code, elapsed)
        status = response.status_code
        if status == 503:
            raise GatewayUnavailable(status)
        if not (200 <= status < 300 or 400 <= status < 500):
            raise ServerFailure(status)
        return response

    async def _read(self, what: str, call: Callable[[], Awaitable[T]]) -> T:
        """A read-only call, retried after a transient failure (it cannot send anything);
        a failure whose outcome would be "unknown" for a send is said plainly instead."""
        for delay in (*self.read_retry_delays, None):
            try:
                return await call()
            except _TRANSIENT as exc:
                if delay is None:
                    if isinstance(exc, OutcomeUnknown):
                        raise ReadFailed(what, exc) from exc
                    raise
                log.info("%s: %s, retried in %ss", what, type(exc).__name__, delay)
                await asyncio.sleep(delay)
            except OutcomeUnknown as exc:  # a timeout: already waited long enough
                raise ReadFailed(what, exc) from exc
        raise AssertionError("unreachable")

    def _payload(self, response: httpx.Response) -> object:
        """The `etat` of a JSON reply; request-level refusals raise."""
        return etat_of(response.status_code, response.content, self._scrub)

    def _items(self, response: httpx.Response) -> list[dict[str, Any]]:
        etat = self._payload(response)
        items = etat if isinstance(etat, list) else [etat]
        return [item for item in items if isinstance(item, dict)]

    def _number_results(self, response: httpx.Response, nums: Sequence[str]) -> list[NumberResult]:
        items = self._items(response)
        aligned = len(items) == len(nums)
        results = []
        for index, item in enumerate(items):
            tel = _text(item.get("tel")) or (nums[index] if aligned else "")
            code = _text(item.get("code"))
            if not code and _text(item.get("listeNoire")).upper() == "OK":
                code = "0"
            results.append(NumberResult(tel, code, self._scrub(_text(item.get("message")))))
        return results

    def _zip_csv(self, response: httpx.Response) -> list[list[str]]:
        """The rows of the one CSV inside a zip reply (or the refusal it holds instead)."""
        content = response.content
        if not content.startswith(b"PK"):
            self._payload(response)  # a JSON refusal raises here
            raise MalformedReply(response.status_code, "not a zip")
        try:
            return zipped_csv_rows(content)
        except UnreadableZip as exc:
            raise MalformedReply(response.status_code, "bad zip") from exc
