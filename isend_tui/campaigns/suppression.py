"""The suppression list: numbers that never receive marketing (sms-rules.md §7).

Sources: ``gateway_code_11`` (iSendPro answered code 11, the number is on its blacklist:
added automatically by the dispatch), ``blacklist_import`` (the account's blacklist read
with getlistenoire), ``manual`` (added by the merchant), ``delivery`` (a receipt said the
number is dead: delivery/record.py; column found_by names the campaign or notification).
Numbers are kept in iSendPro's form (33612345678), the same form the recipients have, so
the segment engine can exclude them (`suppressed_numbers`) and a campaign shows them in
state 'suppressed'.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from isend_tui.errors import UserError
from isend_tui.formatting import counted
from isend_tui.i18n import _
from isend_tui.sms.phone import check_mobile
from isend_tui.store import Store

if TYPE_CHECKING:
    from isend_tui.gateway.client import IsendClient

Clock = Callable[[], datetime]


class Source(StrEnum):
    GATEWAY_CODE_11 = "gateway_code_11"
    BLACKLIST_IMPORT = "blacklist_import"
    MANUAL = "manual"
    DELIVERY = "delivery"


@dataclass(frozen=True)
class SuppressionEntry:
    number: str
    source: str
    note: str
    added_at: str


def _now() -> datetime:
    return datetime.now(UTC)


def normalise_number(raw: str) -> str | None:
    """iSendPro's form of a number typed by hand or read from the blacklist, else None.

    National French form (06…/07…) and international forms (+32…, 0032…, 32…) are accepted.
    """
    value = "".join(ch for ch in raw.strip() if ch not in " .-()/")
    if not value:
        return None
    if value.startswith("+") or value.startswith("00"):
        check = check_mobile(value, None)
    elif value.startswith("0"):
        check = check_mobile(value, "FR")
    elif value.isdigit():
        check = check_mobile("+" + value, None)
    else:
        return None
    if check.number is None:
        return None
    return check.number.gateway


def _add_many(store: Store, numbers: Iterable[str], source: Source, note: str, clock: Clock) -> int:
    """Insert numbers (already normalised) not yet on the list; the count added."""
    at = clock().isoformat(timespec="seconds")
    rows = [(n, source.value, note, at) for n in dict.fromkeys(numbers)]
    if not rows:
        return 0
    cursor = store.db.cursor()
    before = store.db.execute_sql("SELECT count(*) FROM suppression").fetchone()[0]
    cursor.executemany(
        "INSERT OR IGNORE INTO suppression (number, source, note, added_at) VALUES (?, ?, ?, ?)",
        rows,
    )
    after = store.db.execute_sql("SELECT count(*) FROM suppression").fetchone()[0]
    return int(after) - int(before)


def add_gateway_refusals(store: Store, numbers: Iterable[str], clock: Clock = _now) -> int:
    """Numbers iSendPro answered code 11 for. Call inside the caller's write transaction."""
    return _add_many(store, numbers, Source.GATEWAY_CODE_11, "", clock)


def add_manual(store: Store, raw: str, *, note: str = "", clock: Clock = _now) -> str:
    """Add a number typed by the merchant; returns its normalised form."""
    number = normalise_number(raw)
    if number is None:
        raise UserError(
            _(
                "Numéro « {number} » non reconnu : saisissez un mobile, par exemple 06 12 34 56 78 "
                "ou +32 470 12 34 56."
            ).format(number=raw),
            field="number",
        )
    with store.write():
        existing = store.db.execute_sql(
            "SELECT source FROM suppression WHERE number = ?", (number,)
        ).fetchone()
        if existing is not None:
            raise UserError(
                _(
                    "Le numéro {number} est déjà dans la liste d'exclusion (origine : {source})."
                ).format(number=number, source=source_label(str(existing[0]))),
                field="number",
            )
        _add_many(store, [number], Source.MANUAL, note.strip(), clock)
    return number


def remove(store: Store, raw: str) -> str:
    """Remove a number from the list; returns its normalised form."""
    number = normalise_number(raw) or raw.strip()
    with store.write():
        cursor = store.db.execute_sql("DELETE FROM suppression WHERE number = ?", (number,))
        if cursor.rowcount == 0:
            raise UserError(
                _(
                    "Le numéro {number} n'est pas dans la liste d'exclusion : « suppression list » "
                    "affiche la liste."
                ).format(number=number),
                field="number",
            )
    return number


def list_entries(store: Store, *, limit: int | None = None) -> list[SuppressionEntry]:
    sql = "SELECT number, source, note, added_at FROM suppression ORDER BY added_at DESC, number"
    params: tuple[int, ...] = ()
    if limit is not None:
        sql += " LIMIT ?"
        params = (limit,)
    return [
        SuppressionEntry(str(r[0]), str(r[1]), str(r[2]), str(r[3]))
        for r in store.db.execute_sql(sql, params).fetchall()
    ]


def suppressed_numbers(store: Store) -> frozenset[str]:
    """Every suppressed number, to pass as `suppressed` to the segment engine."""
    return frozenset(str(r[0]) for r in store.db.execute_sql("SELECT number FROM suppression"))


def source_label(source: str) -> str:
    match source:
        case Source.GATEWAY_CODE_11:
            return _("refusé par iSendPro (code 11, liste noire)")
        case Source.BLACKLIST_IMPORT:
            return _("importé de la liste noire iSendPro")
        case Source.MANUAL:
            return _("ajouté à la main")
        case Source.DELIVERY:
            return _("échec définitif de remise (accusé de réception)")
    return source


@dataclass(frozen=True)
class ImportResult:
    read: int
    added: int
    already: int
    unreadable: tuple[str, ...]

    def message(self) -> str:
        text = _(
            "Liste noire iSendPro : {read}, {added} à la liste d'exclusion, {already}."
        ).format(
            read=counted(self.read, _("{n} numéro lu"), _("{n} numéros lus")),
            added=counted(self.added, _("{n} ajouté"), _("{n} ajoutés")),
            already=counted(self.already, _("{n} déjà présent"), _("{n} déjà présents")),
        )
        if self.unreadable:
            text += " " + _("Numéros illisibles ignorés : {numbers}.").format(
                numbers=", ".join(self.unreadable[:10])
            )
        return text


async def import_blacklist(
    store: Store, client: IsendClient, *, clock: Clock = _now
) -> ImportResult:
    """Copy the account's blacklist (getlistenoire) into the suppression list."""
    import asyncio

    raw_numbers = await client.blacklist()
    numbers: list[str] = []
    unreadable: list[str] = []
    for raw in raw_numbers:
        number = normalise_number(raw)
        if number is None:
            unreadable.append(raw)
        else:
            numbers.append(number)

    def write() -> int:
        with store.write():
            return _add_many(store, numbers, Source.BLACKLIST_IMPORT, "", clock)

    added = await asyncio.to_thread(write)
    distinct = len(set(numbers))
    return ImportResult(len(raw_numbers), added, distinct - added, tuple(unreadable))
