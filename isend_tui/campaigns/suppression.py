"""The suppression list: numbers that never receive marketing (sms-rules.md §7).

Sources: ``gateway_code_11`` (iSendPro answered code 11, the number is on its blacklist:
added automatically by the dispatch), ``blacklist_import`` (the account's blacklist read
with getlistenoire), ``manual`` (added by the merchant), ``delivery`` (a receipt said the
number is dead: delivery/record.py; column found_by names the campaign or notification).
Numbers are kept in iSendPro's form (33612345678), the same form the recipients have, so
the segment engine can exclude them (`suppressed_numbers`) and a campaign shows them in
state 'suppressed'.

The STOP loop, both ways: what the merchant adds or removes by hand is pushed to the
account's blacklist (blacklist_outbox.py); the account's blacklist comes back by
`import_blacklist` (the watcher daily, every campaign preparation), never pushed again.
Every addition and withdrawal is journaled (table ``suppression_log``, by triggers and
`remove`): date, source and who, kept three years at least as the proof of the
opposition; the store refuses to drop a number whose withdrawal is not written.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from isend_tui.campaigns.blacklist_outbox import (
    PushAction,
    PushStatus,
    PushTally,
    enqueue,
    pending_removals,
    push_due,
    statuses,
)
from isend_tui.errors import UserError
from isend_tui.formatting import counted
from isend_tui.i18n import _
from isend_tui.sms.phone import check_mobile
from isend_tui.store import Store

if TYPE_CHECKING:
    import httpx

    from isend_tui.config import Settings
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
    added_by: str = ""
    push: PushStatus | None = None
    """The push of a manual change to the account's blacklist (None: nothing to push)."""


@dataclass(frozen=True)
class JournalLine:
    """One line of the suppression journal: the proof of an opposition or its withdrawal."""

    number: str
    action: str  # added | removed
    source: str
    note: str
    actor: str
    at: str


def actor(interface: str) -> str:
    """Who made a change by hand, for the journal: the interface and the system user."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "?"
    return f"{interface}:{user}"


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


def _add_many(
    store: Store,
    numbers: Iterable[str],
    source: Source,
    note: str,
    clock: Clock,
    *,
    by: str = "",
) -> int:
    """Insert numbers (already normalised) not yet on the list; the count added. The
    journal line of each is written by the store's trigger."""
    at = clock().isoformat(timespec="seconds")
    rows = [(n, source.value, note, at, by) for n in dict.fromkeys(numbers)]
    if not rows:
        return 0
    cursor = store.db.cursor()
    before = store.db.execute_sql("SELECT count(*) FROM suppression").fetchone()[0]
    cursor.executemany(
        "INSERT OR IGNORE INTO suppression (number, source, note, added_at, added_by) "
        "VALUES (?, ?, ?, ?, ?)",
        rows,
    )
    after = store.db.execute_sql("SELECT count(*) FROM suppression").fetchone()[0]
    return int(after) - int(before)


def add_gateway_refusals(store: Store, numbers: Iterable[str], clock: Clock = _now) -> int:
    """Numbers iSendPro answered code 11 for. Call inside the caller's write transaction."""
    return _add_many(store, numbers, Source.GATEWAY_CODE_11, "", clock)


def add_manual(store: Store, raw: str, *, note: str = "", by: str = "", clock: Clock = _now) -> str:
    """Add a number typed by the merchant (`by`: who, see `actor`), queue its push to the
    account's blacklist; returns its normalised form."""
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
        _add_many(store, [number], Source.MANUAL, note.strip(), clock, by=by)
        enqueue(store, number, PushAction.ADD, clock())
    return number


def remove(store: Store, raw: str, *, note: str = "", by: str = "", clock: Clock = _now) -> str:
    """Withdraw a number from the list: the withdrawal is journaled (date, who, note) and
    pushed to the account's blacklist (dellistenoire), whatever the number's source (the
    merchant's word wins: left on the account, the next import would bring it back).
    Returns its normalised form."""
    number = normalise_number(raw) or raw.strip()
    with store.write():
        row = store.db.execute_sql(
            "SELECT source FROM suppression WHERE number = ?", (number,)
        ).fetchone()
        if row is None:
            raise UserError(
                _(
                    "Le numéro {number} n'est pas dans la liste d'exclusion : « suppression list » "
                    "affiche la liste."
                ).format(number=number),
                field="number",
            )
        store.db.execute_sql(
            "INSERT INTO suppression_log (number, action, source, note, actor, at) "
            "VALUES (?, 'removed', ?, ?, ?, ?)",
            (number, Source.MANUAL.value, note.strip(), by, clock().isoformat(timespec="seconds")),
        )
        store.db.execute_sql("DELETE FROM suppression WHERE number = ?", (number,))
        enqueue(store, number, PushAction.REMOVE, clock())
    return number


def list_entries(store: Store, *, limit: int | None = None) -> list[SuppressionEntry]:
    """The list, most recent first, each with the push of its manual addition."""
    sql = (
        "SELECT number, source, note, added_at, added_by FROM suppression "
        "ORDER BY added_at DESC, number"
    )
    params: tuple[int, ...] = ()
    if limit is not None:
        sql += " LIMIT ?"
        params = (limit,)
    rows = store.db.execute_sql(sql, params).fetchall()
    pushes = statuses(store, [str(r[0]) for r in rows if r[1] == Source.MANUAL])
    return [
        SuppressionEntry(
            str(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4]), pushes.get(str(r[0]))
        )
        for r in rows
    ]


def withdrawals(store: Store) -> list[PushStatus]:
    """Numbers withdrawn by hand whose withdrawal is not yet (or could not be) pushed."""
    current = {str(r[0]) for r in store.db.execute_sql("SELECT number FROM suppression")}
    return [
        status
        for status in statuses(store).values()
        if status.action == PushAction.REMOVE
        and status.state != "pushed"
        and status.number not in current
    ]


def journal(store: Store, number: str | None = None) -> list[JournalLine]:
    """The journal (oldest first), of one number or all."""
    sql = "SELECT number, action, source, note, actor, at FROM suppression_log"
    params: tuple[str, ...] = ()
    if number is not None:
        sql += " WHERE number = ?"
        params = (normalise_number(number) or number.strip(),)
    rows = store.db.execute_sql(sql + " ORDER BY id", params).fetchall()
    return [JournalLine(*(str(v) for v in r)) for r in rows]


def suppressed_numbers(store: Store) -> frozenset[str]:
    """Every suppressed number, to pass as `suppressed` to the segment engine."""
    return frozenset(str(r[0]) for r in store.db.execute_sql("SELECT number FROM suppression"))


def is_suppressed(store: Store, number: str) -> bool:
    """Whether this number (iSendPro's form) is on the list: one lookup by primary key."""
    return (
        store.db.execute_sql("SELECT 1 FROM suppression WHERE number = ?", (number,)).fetchone()
        is not None
    )


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
    withdrawn: int = 0
    """Numbers on the account's blacklist the merchant withdrew, the withdrawal not pushed
    yet: not put back on the list."""

    def message(self) -> str:
        text = _(
            "Liste noire iSendPro : {read}, {added} à la liste d'exclusion, {already}."
        ).format(
            read=counted(self.read, _("{n} numéro lu"), _("{n} numéros lus")),
            added=counted(self.added, _("{n} ajouté"), _("{n} ajoutés")),
            already=counted(self.already, _("{n} déjà présent"), _("{n} déjà présents")),
        )
        if self.withdrawn:
            text += " " + _(
                "{withdrawn} à la main, pas repris (retrait en attente d'envoi à iSendPro)."
            ).format(withdrawn=counted(self.withdrawn, _("{n} retiré"), _("{n} retirés")))
        if self.unreadable:
            text += " " + _("Numéros illisibles ignorés : {numbers}.").format(
                numbers=", ".join(self.unreadable[:10])
            )
        return text


def import_numbers(
    store: Store, raw_numbers: Sequence[str], *, clock: Clock = _now
) -> ImportResult:
    """Add the account's blacklist (as read) to the list; blocking. Nothing is queued for
    a push: these numbers come from the account."""
    numbers: list[str] = []
    unreadable: list[str] = []
    # The daily import reads the same blacklist again and again: a number already listed
    # in iSendPro's form skips the phone parsing (~40 µs a number).
    known = suppressed_numbers(store)
    for raw in raw_numbers:
        number = raw if raw in known else normalise_number(raw)
        if number is None:
            unreadable.append(raw)
        else:
            numbers.append(number)
    distinct = set(numbers)
    with store.write():
        withdrawn = pending_removals(store) & distinct
        added = _add_many(
            store, [n for n in numbers if n not in withdrawn], Source.BLACKLIST_IMPORT, "", clock
        )
    already = len(distinct) - len(withdrawn) - added
    return ImportResult(len(raw_numbers), added, already, tuple(unreadable), len(withdrawn))


async def import_blacklist(
    store: Store, client: IsendClient, *, clock: Clock = _now
) -> ImportResult:
    """Copy the account's blacklist (getlistenoire) into the suppression list. The changes
    waiting to be pushed go first, so the blacklist read already holds them."""
    import asyncio

    await push_due(store, client, clock())
    raw_numbers = await client.blacklist()
    return await asyncio.to_thread(import_numbers, store, raw_numbers, clock=clock)


async def push_changes(
    store: Store, client: IsendClient, *, clock: Clock = _now, at_once: bool = True
) -> PushTally:
    """Push the manual changes waiting for the account's blacklist. `at_once`: the merchant
    asked (a command, the list): ignore the pause between retries."""
    return await push_due(store, client, clock(), respect_pause=not at_once)


@dataclass
class AccountReader:
    """Reads the account's blacklist from a thread without an event loop (a campaign's
    preparation), on a client of its own."""

    settings: Settings
    transport: httpx.AsyncBaseTransport | None = field(default=None, repr=False)
    retry_delays: tuple[float, ...] | None = None
    """The pauses between read retries (None: the client's)."""

    def __call__(self) -> list[str]:
        import asyncio

        from isend_tui.gateway.client import IsendClient

        async def read() -> list[str]:
            client = IsendClient(
                self.settings.keyid, self.settings.gateway_url, transport=self.transport
            )
            if self.retry_delays is not None:
                client.read_retry_delays = self.retry_delays
            async with client:
                return await client.blacklist()

        return asyncio.run(read())
