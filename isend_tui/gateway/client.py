"""The async iSendPro client: the API's calls, typed results and errors.

    async with IsendClient(keyid, base_url) as client:
        credit = await client.credit()
        results = await client.send_multi(["0612345678", "0712345678"], ["Bonjour"])

One ``httpx.AsyncClient`` per instance; the exchange itself (bounds, read retries, typed
errors, the keyid kept out of logs and errors) is exchange.py. Sends are never retried:
the sending engine decides from ``GatewayError.nothing_sent``. Replies are read
tolerantly: ``etat.etat`` as a list or a single object, ``code`` as a number or a string,
missing optional fields. An item without ``tel`` and with a non-zero code is a
request-level refusal and raises; items with ``tel`` are per-number results, returned. A
number missing from a send reply is absent from the result: treat it as outcome unknown.
The repr masks the keyid.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from decimal import Decimal, InvalidOperation
from types import TracebackType
from typing import Any

from isend_tui.gateway.errors import MalformedReply
from isend_tui.gateway.exchange import Exchange
from isend_tui.gateway.models import CountResult, Credit, HlrResult, NumberResult
from isend_tui.gateway.replies import format_date as _format_date
from isend_tui.gateway.replies import phone_column, report_dicts
from isend_tui.gateway.replies import text as _text
from isend_tui.i18n import _

SMSLONG_AUTO = 999
"""smslong value that lets the gateway compute the parts (6 at most)."""


class IsendClient(Exchange):
    """Client of iSendPro's REST API (or of the sandbox, given its URL)."""

    def __repr__(self) -> str:
        return f"IsendClient(base_url={self.base_url!r}, keyid={self.masked_keyid!r})"

    async def __aenter__(self) -> IsendClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

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
