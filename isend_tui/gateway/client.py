"""The async iSendPro client: one ``httpx.AsyncClient`` per instance, typed results and errors.

    async with IsendClient(keyid, base_url) as client:
        credit = await client.credit()
        results = await client.send_multi(["0612345678", "0712345678"], ["Bonjour"])

Sends are never retried here: the sending engine decides from ``GatewayError.nothing_sent``.
Read-only calls (the credit, the blacklist) are retried after a transient failure, and a
failure of theirs says plainly that nothing was sent (``ReadFailed``). Every request is
bounded by ``timeout`` as a whole, not per read. Replies
are read tolerantly: ``etat.etat`` as a list or a single object, ``code`` as a number or a
string, missing optional fields. An item without ``tel`` and with a non-zero code is a
request-level refusal and raises; items with ``tel`` are per-number results, returned.
A number missing from a send reply is absent from the result: treat it as outcome unknown.

The keyid never leaves this object except in request bodies and query strings: the repr
masks it, errors never quote it (API messages are scrubbed), our log lines hold neither
bodies nor query strings, and httpx's own request log goes through the secret filter.
"""

from __future__ import annotations

import asyncio
import logging
import math
import re
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import datetime
from decimal import Decimal, InvalidOperation
from types import TracebackType
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
from isend_tui.gateway.models import CountResult, Credit, HlrResult, NumberResult
from isend_tui.gateway.replies import (
    UnreadableZip,
    etat_of,
    phone_column,
    report_dicts,
    zipped_csv_rows,
)
from isend_tui.gateway.replies import format_date as _format_date
from isend_tui.gateway.replies import text as _text
from isend_tui.i18n import _

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://apirest.isendpro.com/cgi-bin"
DEFAULT_TIMEOUT = 15.0
SMSLONG_AUTO = 999
"""smslong value that lets the gateway compute the parts (6 at most)."""

_IP = re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b|\b[0-9a-fA-F:]*:[0-9a-fA-F:]+\b")
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


class IsendClient:
    """Client of iSendPro's REST API (or of the sandbox, given its URL)."""

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

    def __repr__(self) -> str:
        return f"IsendClient(base_url={self.base_url!r}, keyid={self.masked_keyid!r})"

    @property
    def masked_keyid(self) -> str:
        """The keyid as it may be shown: its last 4 characters only."""
        return "****" + self._keyid[-4:] if len(self._keyid) >= 16 else "****"

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> IsendClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    # --- transport and reply parsing ---------------------------------------------------

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

    # --- account -----------------------------------------------------------------------

    async def credit(self) -> Credit:
        """The credit in euros and how many SMS to France it buys (credit=2).

        Sent as a form, as the official client does since 2025 (the published description
        has GET with a query string); retried after a transient failure."""

        async def ask() -> Credit:
            form = {"keyid": self._keyid, "credit": "2"}
            etat = self._payload(await self._request("POST", "credit", form=form))
            return self._credit(etat, with_quantity=True)

        return await self._read(_("du crédit"), ask)

    async def credit_euros(self) -> Decimal:
        """The credit in euros only (credit=1)."""

        async def ask() -> Decimal:
            form = {"keyid": self._keyid, "credit": "1"}
            etat = self._payload(await self._request("POST", "credit", form=form))
            return self._credit(etat, with_quantity=False).euros

        return await self._read(_("du crédit"), ask)

    @staticmethod
    def _credit(etat: object, *, with_quantity: bool) -> Credit:
        item = etat[0] if isinstance(etat, list) and etat else etat
        if not isinstance(item, dict) or "credit" not in item:
            raise MalformedReply(200, "no credit")
        try:
            euros = Decimal(_text(item["credit"]).replace(",", "."))
            quantity = None
            if with_quantity and _text(item.get("quantite")):
                found = Decimal(_text(item["quantite"]).replace(",", "."))
                if not found.is_finite() or abs(found) > 10**12:
                    raise MalformedReply(200, "quantity out of range")
                # A negative balance buys nothing: never "you can send -100 SMS".
                quantity = max(0, int(found))
        except (InvalidOperation, ValueError) as exc:
            raise MalformedReply(200, "credit is not a number") from exc
        if not euros.is_finite() or abs(euros) > 10**12:
            raise MalformedReply(200, "credit out of range")
        return Credit(euros, quantity)

    # --- sending -----------------------------------------------------------------------

    @staticmethod
    def _send_options(
        sender: str | None,
        date_envoi: str | datetime | None,
        gmt_zone: str | None,
        smslong: int | None,
        nostop: bool,
        ucs2: bool,
    ) -> dict[str, Any]:
        options: dict[str, Any] = {}
        if sender:
            options["emetteur"] = sender
        if date_envoi is not None:
            options["date_envoi"] = _format_date(date_envoi)
        if gmt_zone:
            options["gmt_zone"] = gmt_zone
        if smslong is not None:
            options["smslong"] = str(smslong)
        if nostop:
            options["nostop"] = "1"
        if ucs2:
            options["ucs2"] = "1"
        return options

    async def send_sms(
        self,
        num: str,
        text: str,
        *,
        sender: str | None = None,
        date_envoi: str | datetime | None = None,
        gmt_zone: str | None = None,
        smslong: int | None = None,
        nostop: bool = False,
        ucs2: bool = False,
        tracker: str | None = None,
    ) -> list[NumberResult]:
        """POST /sms: one number. `date_envoi` is "YYYY-MM-DD hh:mm" (or a datetime)."""
        body: dict[str, Any] = {"keyid": self._keyid, "num": num, "sms": text}
        body.update(self._send_options(sender, date_envoi, gmt_zone, smslong, nostop, ucs2))
        if tracker:
            body["tracker"] = tracker
        return self._number_results(await self._request("POST", "sms", body=body), [num])

    async def send_multi(
        self,
        nums: Sequence[str],
        texts: Sequence[str],
        *,
        sender: str | None = None,
        date_envoi: str | datetime | None = None,
        gmt_zone: str | None = None,
        smslong: int | None = None,
        nostop: bool = False,
        ucs2: bool = False,
        trackers: Sequence[str] | None = None,
    ) -> list[NumberResult]:
        """POST /smsmulti: one text for all (`texts` of length 1) or one per number."""
        if not nums:
            return []
        if len(texts) not in (1, len(nums)):
            raise ValueError("texts must hold one text or one per number")
        if trackers is not None and len(trackers) != len(nums):
            raise ValueError("trackers must hold one tracker per number")
        body: dict[str, Any] = {"keyid": self._keyid, "num": list(nums), "sms": list(texts)}
        body.update(self._send_options(sender, date_envoi, gmt_zone, smslong, nostop, ucs2))
        if trackers is not None:
            body["tracker"] = list(trackers)
        return self._number_results(await self._request("POST", "smsmulti", body=body), nums)

    async def count(
        self,
        num: str | Sequence[str],
        text: str,
        *,
        sender: str | None = None,
        smslong: int | None = None,
        nostop: bool = False,
        ucs2: bool = False,
    ) -> list[CountResult]:
        """POST /comptage: characters and parts as the gateway counts them."""
        body: dict[str, Any] = {
            "keyid": self._keyid,
            "comptage": "1",
            "num": num if isinstance(num, str) else list(num),
            "sms": text,
        }
        body.update(self._send_options(sender, None, None, smslong, nostop, ucs2))
        items = self._items(await self._request("POST", "comptage", body=body))
        try:
            return [
                CountResult(
                    _text(item.get("tel")),
                    int(_text(item["nb_caractere"])),
                    int(_text(item["nb_sms"])),
                )
                for item in items
            ]
        except (KeyError, ValueError) as exc:
            raise MalformedReply(200, "bad count item") from exc

    async def hlr(self, nums: Sequence[str]) -> list[HlrResult]:
        """POST /hlr: the operator of each number ("" with a non-zero code when unknown)."""
        body = {"keyid": self._keyid, "getHLR": "1", "num": list(nums)}
        items = self._items(await self._request("POST", "hlr", body=body))
        return [
            HlrResult(
                _text(item.get("tel")),
                _text(item.get("operateur")),
                _text(item.get("code")) or "0",
            )
            for item in items
        ]

    # --- directories (répertoires) -----------------------------------------------------

    async def create_directory(self, name: str) -> int:
        """POST /repertoire repertoireEdit=create: the new directory's id."""
        body = {"keyid": self._keyid, "repertoireEdit": "create", "repertoireNom": name}
        items = self._items(await self._request("POST", "repertoire", body=body))
        for item in items:
            found = _text(item.get("repertoireId"))
            if found.isdigit():
                return int(found)
        raise MalformedReply(200, "no repertoireId")

    async def add_to_directory(
        self,
        directory_id: int,
        nums: Sequence[str],
        names: Sequence[str] | None = None,
        fields: Mapping[int, Sequence[str]] | None = None,
    ) -> list[NumberResult]:
        """PUT /repertoire add: `names` go to champ1, `fields` {2..27: values} to champN;
        every list is aligned with `nums`."""
        body: dict[str, Any] = {
            "keyid": self._keyid,
            "repertoireEdit": "add",
            "repertoireId": str(directory_id),
            "num": list(nums),
        }
        if names is not None:
            if len(names) != len(nums):
                raise ValueError("names must be aligned with nums")
            body["champ1"] = list(names)
        for index, values in sorted((fields or {}).items()):
            if not 2 <= index <= 27:
                raise ValueError("fields are champ2 to champ27")
            if len(values) != len(nums):
                raise ValueError(f"champ{index} must be aligned with nums")
            body[f"champ{index}"] = list(values)
        return self._number_results(await self._request("PUT", "repertoire", body=body), nums)

    async def remove_from_directory(
        self, directory_id: int, nums: Sequence[str]
    ) -> list[NumberResult]:
        """PUT /repertoire del."""
        body = {
            "keyid": self._keyid,
            "repertoireEdit": "del",
            "repertoireId": str(directory_id),
            "num": list(nums),
        }
        return self._number_results(await self._request("PUT", "repertoire", body=body), nums)

    # --- blacklist (liste noire) -------------------------------------------------------

    async def blacklist_add(self, num: str) -> NumberResult:
        """POST /setlistenoire (query string): marketing to `num` is then refused (11)."""
        query = {"keyid": self._keyid, "setlisteNoire": "1", "num": num}
        results = self._number_results(
            await self._request("POST", "setlistenoire", query=query), [num]
        )
        return results[0] if results else NumberResult(num, "", "")

    async def blacklist_remove(self, num: str) -> NumberResult:
        """POST /dellistenoire (query string)."""
        query = {"keyid": self._keyid, "delListeNoire": "1", "num": num}
        results = self._number_results(
            await self._request("POST", "dellistenoire", query=query), [num]
        )
        return results[0] if results else NumberResult(num, "", "")

    async def blacklist(self) -> list[str]:
        """POST /getlistenoire: the blacklisted numbers (from the zipped CSV)."""

        async def ask() -> list[str]:
            query = {"keyid": self._keyid, "getListeNoire": "1"}
            rows = self._zip_csv(await self._request("POST", "getlistenoire", query=query))
            return phone_column(rows)

        return await self._read(_("de la liste noire"), ask)

    # --- reports -----------------------------------------------------------------------

    async def campaign_report(self, start: datetime, end: datetime) -> list[dict[str, str]]:
        """GET /campagne: the SMS sent between `start` and `end` (French time when naive),
        one dict per CSV row, keyed by the CSV's own column names."""
        query = {
            "keyid": self._keyid,
            "rapportCampagne": "1",
            "date_deb": _format_date(start),
            "date_fin": _format_date(end),
        }
        rows = self._zip_csv(await self._request("GET", "campagne", query=query))
        return report_dicts(rows)
