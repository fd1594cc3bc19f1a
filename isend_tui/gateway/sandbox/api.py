"""What the sandbox answers to each endpoint, independent of HTTP.

``GatewayApi.handle(endpoint, params, client_ip)`` takes the merged parameters (JSON body,
form body and query string) and returns a :class:`Reply`. The Starlette app in ``app.py``
only extracts parameters and writes the reply.

Order of checks, as far as the live API lets one guess: keyid (3), caller IP (901),
missing parameters (906), request-wide values (sender 903, date 907, zone/smslong/tracker
909, directory 908, marketing hours 911 when enabled), then each number (21 invalid or
unassigned, 11 blacklisted for marketing, 905/910 encoding, 904 too long), then the credit
for the whole request (902, nothing processed), then everything is logged and debited in
one transaction. Blacklisted numbers still receive transactional SMS (nostop="1").
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from isend_tui.gateway import codes
from isend_tui.gateway.sandbox import report, rules
from isend_tui.gateway.sandbox.account import TIME_FORMAT, SandboxAccount, SmsToLog
from isend_tui.gateway.sandbox.faults import Faults

ENDPOINTS = (
    "credit",
    "sms",
    "smsmulti",
    "comptage",
    "hlr",
    "repertoire",
    "setlistenoire",
    "dellistenoire",
    "getlistenoire",
    "campagne",
)

_MAX_CHAMP = 27


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes
    content_type: str = "application/json"


class Refused(Exception):
    """A request-level refusal: an item without tel."""

    def __init__(self, code: str, **values: str) -> None:
        super().__init__(code)
        self.code = code
        self.values = values


def json_reply(payload: object, status: int = 200) -> Reply:
    return Reply(status, json.dumps(payload, ensure_ascii=False).encode())


def refusal_reply(refused: Refused) -> Reply:
    info = codes.CODES[refused.code]
    item: dict[str, str] = {"code": refused.code, "message": info.message.format(**refused.values)}
    if "ip" in refused.values:
        item["ip"] = refused.values["ip"]
    return json_reply({"etat": {"etat": [item]}}, info.http_status)


def _items(items: list[dict[str, str]]) -> Reply:
    return json_reply({"etat": {"etat": items}})


def _zip_csv(name: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> Reply:
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, text.getvalue().encode("utf-8"))
    return Reply(200, buffer.getvalue(), "application/zip")


# --- parameter access -----------------------------------------------------------------


def _scalar(params: Mapping[str, object], name: str) -> str | None:
    value = params.get(name)
    if isinstance(value, list):
        if len(value) != 1:
            return None if not value else str(value[0])
        value = value[0]
    if value is None:
        return None
    text = str(value)
    return text if text != "" else None


def _list(params: Mapping[str, object], name: str) -> list[str] | None:
    value = params.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


def _flag(params: Mapping[str, object], name: str) -> bool:
    return _scalar(params, name) in ("1", "true", "True")


def _require(value: object | None, name: str) -> None:
    if value is None or value == []:
        raise Refused(codes.MISSING_PARAMETER, name=name)


@dataclass(frozen=True)
class _Options:
    sender: str | None
    date_envoi: str | None
    gmt_zone: str | None
    max_parts: int
    nostop: bool
    ucs2: bool
    smslong: bool


class GatewayApi:
    """The simulated gateway behind every endpoint."""

    def __init__(self, account: SandboxAccount, faults: Faults | None = None) -> None:
        self.account = account
        self.faults = faults
        self._counts: dict[tuple[str, bool], rules.Count] = {}
        self._handlers: dict[str, Callable[[Mapping[str, object], str], Reply]] = {
            "credit": self._credit,
            "sms": self._sms,
            "smsmulti": self._smsmulti,
            "comptage": self._comptage,
            "hlr": self._hlr,
            "repertoire": self._repertoire,
            "setlistenoire": self._setlistenoire,
            "dellistenoire": self._dellistenoire,
            "getlistenoire": self._getlistenoire,
            "campagne": self._campagne,
        }

    def handle(self, endpoint: str, params: Mapping[str, object], client_ip: str | None) -> Reply:
        try:
            if _scalar(params, "keyid") != self.account.keyid:
                raise Refused(codes.WRONG_KEYID)
            if not self.account.ip_allowed(client_ip):
                raise Refused(codes.IP_NOT_ALLOWED, ip=client_ip or "?")
            return self._handlers[endpoint](params, endpoint)
        except Refused as refused:
            return refusal_reply(refused)

    # --- helpers ---------------------------------------------------------------------

    def _count(self, text: str, stop: bool) -> rules.Count:
        key = (text, stop)
        found = self._counts.get(key)
        if found is None:
            if len(self._counts) > 10_000:
                self._counts.clear()
            found = self._counts[key] = rules.count(text, stop_mention=stop)
        return found

    def _options(self, params: Mapping[str, object]) -> _Options:
        sender = _scalar(params, "emetteur")
        if sender is not None and not rules.sender_ok(sender):
            raise Refused(codes.INVALID_SENDER)
        date_envoi = _scalar(params, "date_envoi")
        if date_envoi is not None:
            if not rules.DATE_ENVOI.match(date_envoi):
                raise Refused(codes.BAD_DATE_FORMAT)
            try:
                datetime.strptime(date_envoi, "%Y-%m-%d %H:%M")
            except ValueError:
                raise Refused(codes.BAD_DATE_FORMAT) from None
        gmt_zone = _scalar(params, "gmt_zone")
        if gmt_zone is not None and gmt_zone not in rules.GMT_ZONES:
            raise Refused(codes.INVALID_PARAMETER, name="gmt_zone")
        smslong = _scalar(params, "smslong")
        max_parts = 1
        if smslong is not None:
            if not smslong.isdigit() or int(smslong) < 1:
                raise Refused(codes.INVALID_PARAMETER, name="smslong")
            max_parts = min(int(smslong), rules.MAX_PARTS)
        nostop = _flag(params, "nostop")
        if self.account.marketing_hours and not nostop:
            hour = self.account.clock().hour
            if hour >= 20 or hour < 8:
                raise Refused(codes.MARKETING_HOURS)
        return _Options(
            sender=sender,
            date_envoi=date_envoi,
            gmt_zone=gmt_zone,
            max_parts=max_parts,
            nostop=nostop,
            ucs2=_flag(params, "ucs2"),
            smslong=smslong is not None,
        )

    @staticmethod
    def _trackers(params: Mapping[str, object], n: int) -> list[str | None]:
        trackers = _list(params, "tracker")
        if trackers is None:
            return [None] * n
        if len(trackers) == 1:
            trackers = trackers * n
        if len(trackers) != n or not all(rules.TRACKER.match(t) for t in trackers):
            raise Refused(codes.INVALID_PARAMETER, name="tracker")
        return list(trackers)

    def _send(
        self,
        endpoint: str,
        nums: Sequence[str],
        texts: Sequence[str],
        trackers: Sequence[str | None],
        opts: _Options,
    ) -> Reply:
        stop = opts.sender is not None and not opts.nostop
        normalised = [rules.normalise(n) for n in nums]
        blacklisted = set() if opts.nostop else self.account.blacklisted_among(normalised)
        items: list[dict[str, str]] = []
        accepted: list[SmsToLog] = []
        for num, norm, text, tracker in zip(nums, normalised, texts, trackers, strict=True):
            code = codes.ACCEPTED
            counted = self._count(text, stop)
            country = rules.country_of(norm)
            if not rules.is_plausible_mobile(norm) or self.account.is_unassigned(norm):
                code = codes.NOT_ASSIGNED
            elif rules.international(norm) in blacklisted:
                code = codes.BLACKLISTED
            elif counted.encoding == "UCS-2" and country == "FR":
                code = codes.UCS2_TO_FRANCE
            elif counted.encoding == "UCS-2" and not opts.ucs2:
                code = codes.NOT_GSM_WITHOUT_UCS2
            elif counted.parts > opts.max_parts:
                code = codes.MESSAGE_TOO_LONG
            item = {"code": code, "tel": num, "message": codes.message(code)}
            if code == codes.ACCEPTED:
                if opts.smslong:
                    item["smslong"] = str(counted.parts)
                accepted.append(
                    SmsToLog(
                        num=num,
                        text=text,
                        sender=opts.sender,
                        date_envoi=opts.date_envoi,
                        gmt_zone=opts.gmt_zone,
                        parts=counted.parts,
                        encoding=counted.encoding,
                        cost=counted.parts * self.account.price(country),
                        tracker=tracker,
                    )
                )
            items.append(item)
        if not self.account.debit_and_log(endpoint, accepted):
            raise Refused(codes.INSUFFICIENT_CREDIT)
        return _items(items)

    # --- endpoints -------------------------------------------------------------------

    def _credit(self, params: Mapping[str, object], endpoint: str) -> Reply:
        credit = self.account.credit
        etat: dict[str, str] = {"credit": report.euros(credit)}
        if _scalar(params, "credit") == "2":
            etat["quantite"] = str(self.account.quantity_france())
        return json_reply({"etat": etat})

    def _sms(self, params: Mapping[str, object], endpoint: str) -> Reply:
        num = _scalar(params, "num")
        _require(num, "num")
        text = _scalar(params, "sms")
        _require(text, "sms")
        assert num is not None and text is not None
        opts = self._options(params)
        tracker = _scalar(params, "tracker")
        if tracker is not None and not rules.TRACKER.match(tracker):
            raise Refused(codes.INVALID_PARAMETER, name="tracker")
        return self._send(endpoint, [num], [text], [tracker], opts)

    def _smsmulti(self, params: Mapping[str, object], endpoint: str) -> Reply:
        directory = _scalar(params, "repertoireId")
        nums = _list(params, "num")
        if directory is not None:
            if not directory.isdigit() or not self.account.directory_exists(int(directory)):
                raise Refused(codes.UNKNOWN_DIRECTORY)
            nums = [num for num, _ in self.account.directory_contacts(int(directory))]
        _require(nums, "num")
        texts = _list(params, "sms")
        _require(texts, "sms")
        assert nums is not None and texts is not None
        opts = self._options(params)
        if len(texts) == 1:
            texts = texts * len(nums)
        if len(texts) != len(nums):
            raise Refused(codes.INVALID_PARAMETER, name="sms")
        return self._send(endpoint, nums, texts, self._trackers(params, len(nums)), opts)

    def _comptage(self, params: Mapping[str, object], endpoint: str) -> Reply:
        nums = _list(params, "num")
        _require(nums, "num")
        texts = _list(params, "sms")
        _require(texts, "sms")
        assert nums is not None and texts is not None
        opts = self._options(params)
        if len(texts) == 1:
            texts = texts * len(nums)
        if len(texts) != len(nums):
            raise Refused(codes.INVALID_PARAMETER, name="sms")
        stop = opts.sender is not None and not opts.nostop
        items = []
        for num, text in zip(nums, texts, strict=True):
            counted = self._count(text, stop)
            items.append(
                {"tel": num, "nb_caractere": str(counted.units), "nb_sms": str(counted.parts)}
            )
        return _items(items)

    def _hlr(self, params: Mapping[str, object], endpoint: str) -> Reply:
        nums = _list(params, "num")
        _require(nums, "num")
        assert nums is not None
        items = []
        for num in nums:
            norm = rules.normalise(num)
            if not rules.is_plausible_mobile(norm) or self.account.is_unassigned(norm):
                items.append(
                    {
                        "tel": num,
                        "code": codes.NOT_ASSIGNED,
                        "message": codes.message(codes.NOT_ASSIGNED),
                    }
                )
            else:
                items.append({"tel": num, "operateur": rules.operator_of(norm)})
        return _items(items)

    def _repertoire(self, params: Mapping[str, object], endpoint: str) -> Reply:
        action = _scalar(params, "repertoireEdit")
        _require(action, "repertoireEdit")
        if action == "create":
            name = _scalar(params, "repertoireNom")
            _require(name, "repertoireNom")
            assert name is not None
            new_id = self.account.create_directory(name)
            return _items(
                [{"code": "0", "message": "Le repertoire a ete cree", "repertoireId": str(new_id)}]
            )
        if action not in ("add", "del"):
            raise Refused(codes.INVALID_PARAMETER, name="repertoireEdit")
        directory = _scalar(params, "repertoireId")
        _require(directory, "repertoireId")
        assert directory is not None
        if not directory.isdigit() or not self.account.directory_exists(int(directory)):
            raise Refused(codes.UNKNOWN_DIRECTORY)
        directory_id = int(directory)
        nums = _list(params, "num")
        _require(nums, "num")
        assert nums is not None
        if action == "del":
            self.account.directory_remove(directory_id, nums)
            return _items(
                [
                    {
                        "code": "0",
                        "message": "Le numero a ete supprime du repertoire",
                        "repertoireId": directory,
                        "tel": num,
                    }
                    for num in nums
                ]
            )
        champs: dict[int, list[str]] = {}
        for index in range(1, _MAX_CHAMP + 1):
            values = _list(params, f"champ{index}")
            if values is None:
                continue
            if len(values) != len(nums):
                raise Refused(codes.INVALID_PARAMETER, name=f"champ{index}")
            champs[index] = values
        items = []
        contacts: list[tuple[str, dict[int, str]]] = []
        for position, num in enumerate(nums):
            norm = rules.normalise(num)
            if not rules.is_plausible_mobile(norm):
                code, text = codes.NOT_ASSIGNED, codes.message(codes.NOT_ASSIGNED)
            else:
                code, text = "0", "Le numero a ete ajoute au repertoire"
                contacts.append((num, {i: v[position] for i, v in champs.items()}))
            items.append({"code": code, "message": text, "repertoireId": directory, "tel": num})
        self.account.directory_add(directory_id, contacts)
        return _items(items)

    def _blacklist_edit(self, params: Mapping[str, object], add: bool) -> Reply:
        nums = _list(params, "num")
        _require(nums, "num")
        assert nums is not None
        items = []
        for num in nums:
            if not rules.is_plausible_mobile(rules.normalise(num)):
                items.append(
                    {
                        "tel": num,
                        "code": codes.NOT_ASSIGNED,
                        "message": codes.message(codes.NOT_ASSIGNED),
                    }
                )
                continue
            if add:
                self.account.blacklist_add(num)
            else:
                self.account.blacklist_remove(num)
            items.append({"tel": num, "listeNoire": "OK"})
        return _items(items)

    def _setlistenoire(self, params: Mapping[str, object], endpoint: str) -> Reply:
        return self._blacklist_edit(params, add=True)

    def _dellistenoire(self, params: Mapping[str, object], endpoint: str) -> Reply:
        return self._blacklist_edit(params, add=False)

    def _getlistenoire(self, params: Mapping[str, object], endpoint: str) -> Reply:
        return _zip_csv("listenoire.csv", ("numero", "date_ajout"), self.account.blacklist())

    def _campagne(self, params: Mapping[str, object], endpoint: str) -> Reply:
        bounds: list[datetime] = []
        for name in ("date_deb", "date_fin"):
            value = _scalar(params, name)
            _require(value, name)
            assert value is not None
            try:
                if not rules.DATE_ENVOI.match(value):
                    raise ValueError(value)
                bounds.append(datetime.strptime(value, "%Y-%m-%d %H:%M"))
            except ValueError:
                raise Refused(codes.INVALID_PARAMETER, name=name) from None
        since = bounds[0].strftime(TIME_FORMAT)
        until = (bounds[1] + timedelta(minutes=1)).strftime(TIME_FORMAT)  # minute included
        header = report.HEADER
        rows = report.report_rows(
            self.account.sent(since, until), self.account.clock().strftime(TIME_FORMAT)
        )
        renames = dict(self.faults.config.report_headers) if self.faults else {}
        kept = [i for i, name in enumerate(header) if renames.get(name, name)]
        return _zip_csv(
            "rapport_campagne.csv",
            [renames.get(header[i], header[i]) for i in kept],
            [[row[i] for i in kept] for row in rows],
        )
