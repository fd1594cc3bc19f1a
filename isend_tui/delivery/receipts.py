"""Reading a delivery receipt of any shape.

The callback's shape is not published (isendpro-api-research.md §6: one integration reads
``tel`` and ``statut`` from the query string, the tracker is echoed). So nothing is
assumed: parameters come from the query string, a form or a JSON body (an object, or a
list of objects for several receipts), names in any case and with or without accents or
punctuation (``Statut``, ``STATUS``, ``etat``, ``num_tel``…). What cannot be read is an
`Unreadable`, kept raw for diagnosis by the caller, never an exception.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import parse_qsl
from zoneinfo import ZoneInfo

from isend_tui.delivery.states import Delivery, Meaning, Reason, fold_word, meaning_of

PARIS = ZoneInfo("Europe/Paris")
RAW_LIMIT = 2000
"""Characters of a receipt kept raw."""
MAX_RECEIPTS_PER_BODY = 1000

# Parameter names, folded (states.fold_word), in order of preference.
TRACKER_NAMES: tuple[str, ...] = ("tracker", "tracking", "suivi", "reference", "ref", "idclient")
NUMBER_NAMES: tuple[str, ...] = (
    *("tel", "telephone", "num", "numero", "number", "mobile", "gsm", "portable"),
    *("destinataire", "recipient", "msisdn", "to", "numtel"),
)
STATUS_NAMES: tuple[str, ...] = (
    *("statut", "status", "code", "etat", "state", "dlr", "stat", "result"),
    *("statutcode", "statuscode", "codestatut", "resultat", "accuse"),
)
DATE_NAMES: tuple[str, ...] = (
    *("date", "datetime", "time", "heure", "dateheure", "timestamp", "donedate"),
    *("datereception", "datelivraison", "dateaccuse", "datestatut", "deliveredat"),
)

CAMPAIGN_TRACKER = re.compile(r"^C(\d{1,18})R(\d{1,18})$")
NOTIFICATION_TRACKER = re.compile(r"^n(\d{1,18})$")


@dataclass(frozen=True)
class Receipt:
    """One readable receipt. `state` None: not final yet (in progress)."""

    tracker: str
    number: str
    status: str
    at: str
    """The receipt's own date, as it came ("" if none)."""
    meaning: Meaning
    raw: str

    @property
    def state(self) -> Delivery | None:
        return self.meaning.state

    @property
    def reason(self) -> Reason:
        return self.meaning.reason

    @property
    def key(self) -> str:
        """Identifies the receipt: the same one received twice has the same key."""
        parts = "\x1f".join((self.tracker, _digits(self.number), self.status, self.at))
        return hashlib.sha256(parts.encode()).hexdigest()[:40]

    def target(self) -> tuple[str, int, int] | None:
        """("campaign", campaign id, recipient id) or ("notification", id, 0) from the
        tracker isend-tui sent; None for a tracker that is not ours."""
        found = CAMPAIGN_TRACKER.match(self.tracker)
        if found:
            return "campaign", int(found.group(1)), int(found.group(2))
        found = NOTIFICATION_TRACKER.match(self.tracker)
        if found:
            return "notification", int(found.group(1)), 0
        return None

    def received_time(self, fallback: datetime) -> str:
        """The receipt's date as UTC ISO, or `fallback` when it has none we can read."""
        return _iso(parse_date(self.at) or fallback)


@dataclass(frozen=True)
class Unreadable:
    why: str
    raw: str


_NOT_DIGIT = re.compile(r"\D")


def _digits(value: str) -> str:
    return _NOT_DIGIT.sub("", value)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def parse_date(value: str) -> datetime | None:
    """A receipt date: epoch seconds, ISO 8601, or "YYYY-MM-DD hh:mm[:ss]" / "DD/MM/YYYY
    hh:mm[:ss]" in Paris time."""
    text = value.strip()
    if not text:
        return None
    if text.isdigit() and 9 <= len(text) <= 10:
        return datetime.fromtimestamp(int(text), UTC)
    try:  # "YYYY-MM-DD hh:mm[:ss]" and ISO 8601, the fast way
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        for pattern in ("%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M"):
            try:
                return datetime.strptime(text, pattern).replace(tzinfo=PARIS)
            except ValueError:
                continue
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=PARIS)


def _scalar(value: object) -> str | None:
    if isinstance(value, list):
        value = value[0] if len(value) == 1 else None
    if value is None or isinstance(value, dict | list):
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _pick(fields: Mapping[str, str], names: tuple[str, ...]) -> str:
    for name in names:
        value = fields.get(name)
        if value:
            return value
    return ""


def _raw(value: object) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text[:RAW_LIMIT]


def receipt_of(params: Mapping[str, object], raw: str | None = None) -> Receipt | Unreadable:
    """One receipt from its parameters (any names, any case)."""
    shown = raw if raw is not None else _raw({str(k): v for k, v in params.items()})
    fields: dict[str, str] = {}
    for name, value in params.items():
        text = _scalar(value)
        if text is not None:
            fields.setdefault(fold_word(str(name)), text)
    tracker = _pick(fields, TRACKER_NAMES)
    number = _pick(fields, NUMBER_NAMES)
    status = next((fields[n] for n in STATUS_NAMES if fields.get(n, "") != ""), "")
    if not status:
        return Unreadable("no status", shown)
    meaning = meaning_of(status)
    if meaning is None:
        return Unreadable("unknown status", shown)
    if not tracker and not number:
        return Unreadable("no tracker nor number", shown)
    return Receipt(
        tracker=tracker[:64],
        number=number[:32],
        status=status[:32],
        at=_pick(fields, DATE_NAMES)[:40],
        meaning=meaning,
        raw=shown,
    )


def receipts_of(query: str, body: bytes, content_type: str) -> list[Receipt | Unreadable]:
    """Every receipt of one request: the query string's parameters, merged with a form
    body, or each object of a JSON body (query parameters fill what they lack)."""
    query_params: dict[str, object] = dict(parse_qsl(query, keep_blank_values=True))
    if not body.strip():
        if not query_params:
            return [Unreadable("empty", "")]
        return [receipt_of(query_params, _raw(query))]
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        text = body.decode("cp1252", errors="replace")
    stripped = text.lstrip()
    if "json" in content_type or stripped[:1] in ("{", "["):
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            return [Unreadable("bad JSON", _raw(text))]
        items = data if isinstance(data, list) else [data]
        if not items or len(items) > MAX_RECEIPTS_PER_BODY:
            return [Unreadable("bad JSON list", _raw(text))]
        found: list[Receipt | Unreadable] = []
        for item in items:
            if not isinstance(item, dict):
                found.append(Unreadable("not an object", _raw(item)))
                continue
            found.append(receipt_of({**query_params, **item}, _raw(item)))
        return found
    form: dict[str, object] = dict(parse_qsl(text, keep_blank_values=True))
    if not form:
        return [Unreadable("unreadable body", _raw(text))]
    return [receipt_of({**query_params, **form}, _raw(text if not query else f"{query}&{text}"))]
