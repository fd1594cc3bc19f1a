"""Reading iSendPro's replies tolerantly: values of either type, zipped CSVs of unknown
layout, report columns found by their meaning rather than their exact name.

The live API's CSVs (blacklist, campaign report) are undocumented: their column names,
order, delimiter and encoding are guessed from what they hold. A column is matched after
folding its header (case, accents, spaces and punctuation removed), and a number column
that has no recognised header is found by its values.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from isend_tui.gateway import codes
from isend_tui.gateway.errors import (
    InsufficientCredit,
    InvalidSender,
    IpNotAllowed,
    MalformedReply,
    RequestRejected,
    UnexpectedReply,
    WrongKeyid,
)

PARIS = ZoneInfo("Europe/Paris")
DATE_FORMAT = "%Y-%m-%d %H:%M"

# Folded header names (see fold_header) that hold the recipient's number.
NUMBER_HEADERS = (
    "tel",
    "telephone",
    "num",
    "numero",
    "number",
    "mobile",
    "gsm",
    "portable",
    "destinataire",
    "recipient",
    "msisdn",
)
TRACKER_HEADERS = ("tracker", "tracking", "suivi", "reference", "ref", "idclient")
_IP = re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b|\b[0-9a-fA-F:]*:[0-9a-fA-F:]+\b")
_PHONE_VALUE = re.compile(r"^\+?\d[\d .\-]{5,}$")


class UnreadableZip(ValueError):
    """The body is not the zipped CSV it should be."""


def text(value: object) -> str:
    """A reply value as a string: 0 -> "0", 0.0 -> "0", None -> ""."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def fold(value: str) -> str:
    """Lower case, accents removed."""
    decomposed = unicodedata.normalize("NFKD", value.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold_header(name: str) -> str:
    """A column header reduced to its letters and digits: "N° de Téléphone" -> "ndetelephone"."""
    return re.sub(r"[^a-z0-9]", "", fold(name))


def format_date(value: str | datetime) -> str:
    """A date_envoi / report bound: "YYYY-MM-DD hh:mm", aware datetimes in Paris time."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(PARIS)
        return value.strftime(DATE_FORMAT)
    return value


def is_flat_item(etat: Mapping[str, Any]) -> bool:
    """A flat etat (credit reply) rather than one item: it has no code, tel or message."""
    return not any(key in etat for key in ("code", "tel", "message"))


def csv_rows(raw: bytes) -> list[list[str]]:
    """The non-empty rows of a CSV in UTF-8 (BOM or not) or Windows-1252, delimiter guessed."""
    try:
        decoded = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        decoded = raw.decode("cp1252", errors="replace")
    lines = decoded.splitlines()
    first = lines[0] if lines else ""
    delimiter = max((";", ",", "\t", "|"), key=first.count) if first else ";"
    return [row for row in csv.reader(io.StringIO(decoded), delimiter=delimiter) if row]


def zipped_csv_rows(content: bytes) -> list[list[str]]:
    """The rows of the one CSV inside a zip (the first CSV, else the first file)."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = [n for n in archive.namelist() if not n.endswith("/")]
            csv_names = [n for n in names if n.lower().endswith(".csv")] or names
            if not csv_names:
                return []
            raw = archive.read(csv_names[0])
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise UnreadableZip(str(exc)) from exc
    return csv_rows(raw)


def looks_like_number(cell: str) -> bool:
    return bool(_PHONE_VALUE.match(cell.strip()))


def digits(number: str) -> str:
    """Only the digits of a number as written in a report: "+33 6 12-34" -> "336 1234"."""
    return re.sub(r"\D", "", number)


def _header_index(header: Sequence[str], names: Iterable[str]) -> int | None:
    wanted = tuple(names)
    folded = [fold_header(cell) for cell in header]
    for name in wanted:  # an exact name first ("tel" before "telephonefixe")
        if name in folded:
            return folded.index(name)
    for index, cell in enumerate(folded):
        if cell.startswith(wanted):
            return index
    return None


def _value_column(rows: Sequence[Sequence[str]]) -> int | None:
    """The column where most non-empty cells look like phone numbers (at least one)."""
    best: tuple[int, int] | None = None
    width = max((len(row) for row in rows), default=0)
    for column in range(width):
        cells = [row[column].strip() for row in rows if column < len(row) and row[column].strip()]
        hits = sum(1 for cell in cells if looks_like_number(cell))
        if hits and hits * 2 > len(cells) and (best is None or hits > best[1]):
            best = (column, hits)
    return best[0] if best else None


def phone_column(rows: list[list[str]]) -> list[str]:
    """Numbers from a CSV of unknown layout: the column named like tel/num/numero, else the
    column holding numbers; the first row is a header unless it holds a number."""
    if not rows:
        return []
    first = rows[0]
    column: int | None = None
    data = rows
    if not any(looks_like_number(cell) for cell in first):
        data = rows[1:]
        column = _header_index(first, NUMBER_HEADERS)
    if column is None:
        column = _value_column(data)
    if column is None:
        return []
    numbers = []
    for row in data:
        if column < len(row):
            value = re.sub(r"[ .\-]", "", row[column].strip())
            if value:
                numbers.append(value)
    return numbers


def report_dicts(rows: list[list[str]]) -> list[dict[str, str]]:
    """CSV rows as dicts keyed by the header's own (stripped) names."""
    if not rows:
        return []
    header = [h.strip() for h in rows[0]]
    return [
        {name: (row[i] if i < len(row) else "") for i, name in enumerate(header)}
        for row in rows[1:]
        if any(cell.strip() for cell in row)
    ]


def report_column(rows: Sequence[Mapping[str, str]], kind: str) -> str | None:
    """The header of a report's number ("number") or tracker ("tracker") column, or None.

    A number column is found by its name, else by its values; a tracker column only by
    its name (trackers have no recognisable shape)."""
    if not rows:
        return None
    header = list(rows[0].keys())
    names = NUMBER_HEADERS if kind == "number" else TRACKER_HEADERS
    index = _header_index(header, names)
    if index is None and kind == "number":
        index = _value_column([[row.get(name, "") for name in header] for row in rows])
    return header[index] if index is not None else None


def etat_of(status: int, content: bytes, scrub: Callable[[str], str]) -> object:
    """The `etat` of a JSON reply; request-level refusals raise (messages scrubbed)."""
    try:
        data = json.loads(content)
    except (ValueError, RecursionError):  # RecursionError: nested absurdly deep
        if status >= 400:
            raise UnexpectedReply(status) from None
        raise MalformedReply(status, "not JSON") from None
    if not isinstance(data, dict) or "etat" not in data:
        if status >= 400:
            raise UnexpectedReply(status)
        raise MalformedReply(status, "no etat")
    etat = data["etat"]
    if isinstance(etat, dict) and "etat" in etat:
        etat = etat["etat"]
    if isinstance(etat, dict) and not is_flat_item(etat):
        etat = [etat]
    items = etat if isinstance(etat, list) else [etat]
    for item in items:
        if not isinstance(item, dict):
            raise MalformedReply(status, "item is not an object")
        raise_if_refused(item, scrub)
    if status >= 400:
        raise UnexpectedReply(status)
    return etat


def raise_if_refused(item: Mapping[str, Any], scrub: Callable[[str], str]) -> None:
    """Raise the typed error of a request-level refusal (an item without tel)."""
    if text(item.get("tel")):
        return
    code = text(item.get("code"))
    if code in ("", "0"):
        return
    api_message = scrub(text(item.get("message")))
    folded = fold(api_message)
    if code == codes.WRONG_KEYID:
        raise WrongKeyid(code, api_message)
    if code == codes.IP_NOT_ALLOWED or ("adresse ip" in folded and "autoris" in folded):
        ip = text(item.get("ip")) or None
        if ip is None:
            found = _IP.search(api_message)
            ip = found.group(0) if found else None
        raise IpNotAllowed(code, api_message, ip)
    if code == codes.INSUFFICIENT_CREDIT or ("credit" in folded and "insuffisant" in folded):
        raise InsufficientCredit(code, api_message)
    if code == codes.INVALID_SENDER:
        raise InvalidSender(code, api_message)
    raise RequestRejected(code, api_message)
