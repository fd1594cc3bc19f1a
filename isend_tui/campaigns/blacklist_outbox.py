"""Pushing the merchant's own changes of the suppression list to the account's blacklist.

A number added by hand is pushed with setlistenoire, one removed by hand with
dellistenoire, so that iSendPro refuses (or accepts again) marketing to it whatever tool
sends. Numbers that came from iSendPro itself (its blacklist, code 11) are never pushed
back. The pushes go through this small durable outbox (table ``blacklist_push``):

- `enqueue` writes the entry in the caller's write transaction, with the list change: a
  change is never left without its push, even if the program stops at once.
- `push_due` pushes the open entries, oldest first per number, each claimed with a short
  lease (two processes, the TUI and the watcher, never push the same entry together).
  Both calls are idempotent on iSendPro's side, so an entry whose outcome is unknown
  (timeout) is simply pushed again later. A gateway that is down leaves the entry
  'waiting' with the reason and a growing pause (the watcher respects it; a command run
  by the merchant tries at once); a number iSendPro refuses (not a mobile) is 'refused'.
- A newer change of the same number supersedes an older one still waiting: only the
  last word is pushed (add then remove while the gateway was down pushes nothing twice).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from isend_tui.formatting import counted
from isend_tui.gateway import GatewayError
from isend_tui.i18n import _

if TYPE_CHECKING:
    from isend_tui.gateway.client import IsendClient
    from isend_tui.store import Store

LEASE = timedelta(minutes=2)
RETRY_BASE = timedelta(seconds=30)
RETRY_MAX = timedelta(minutes=30)


class PushAction(StrEnum):
    ADD = "add"
    REMOVE = "remove"


class PushState(StrEnum):
    WAITING = "waiting"
    PUSHING = "pushing"
    PUSHED = "pushed"
    REFUSED = "refused"
    SUPERSEDED = "superseded"


OPEN = "('waiting', 'pushing')"  # the states of an entry not pushed yet, for SQL


@dataclass(frozen=True)
class PushStatus:
    """The last push of a number, as the suppression list shows it."""

    number: str
    action: str
    state: str
    reason: str
    attempts: int
    at: str
    """When it was pushed (or last tried, or queued)."""

    def label(self) -> str:
        if self.state == PushState.PUSHED:
            if self.action == PushAction.ADD:
                return _("envoyé à la liste noire iSendPro")
            return _("retiré de la liste noire iSendPro")
        if self.state == PushState.REFUSED:
            return _("refusé par iSendPro : {reason}").format(reason=self.reason)
        if self.attempts:
            return _("en attente d'envoi à iSendPro ({tries}) : {reason}").format(
                tries=counted(self.attempts, _("{n} essai"), _("{n} essais")),
                reason=self.reason,
            )
        return _("en attente d'envoi à iSendPro")


@dataclass
class PushTally:
    pushed: int = 0
    refused: int = 0
    waiting: int = 0
    error: str | None = None

    def line(self) -> str | None:
        """One line for the merchant, or None when nothing was tried."""
        if not (self.pushed or self.refused or self.waiting):
            return None
        text = _("Liste noire iSendPro : {pushed}, {waiting} en attente").format(
            pushed=counted(self.pushed, _("{n} envoyé"), _("{n} envoyés")),
            waiting=self.waiting,
        )
        if self.refused:
            text += ", " + counted(self.refused, _("{n} refusé"), _("{n} refusés"))
        if self.error:
            text += " (" + self.error + ")"
        return text + "."


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def enqueue(store: Store, number: str, action: PushAction, now: datetime) -> None:
    """Queue a push. Call inside the write transaction that changes the list."""
    at = _iso(now)
    store.db.execute_sql(
        "UPDATE blacklist_push SET state = ?, done_at = ? WHERE number = ? AND state = ?",
        (PushState.SUPERSEDED.value, at, number, PushState.WAITING.value),
    )
    store.db.execute_sql(
        "INSERT INTO blacklist_push (number, action, state, created_at, next_attempt_at) "
        "VALUES (?, ?, ?, ?, ?)",
        (number, action.value, PushState.WAITING.value, at, at),
    )


def pending_removals(store: Store) -> frozenset[str]:
    """Numbers whose withdrawal is not on iSendPro's side yet: an import must not put them
    back on the list from the account's (not yet updated) blacklist."""
    rows = store.db.execute_sql(
        f"SELECT number FROM blacklist_push WHERE action = ? AND state IN {OPEN}",
        (PushAction.REMOVE.value,),
    )
    return frozenset(str(r[0]) for r in rows)


def statuses(store: Store, numbers: Iterable[str] | None = None) -> dict[str, PushStatus]:
    """The last push of each number (all, or those of `numbers`)."""
    sql = (
        "SELECT number, action, state, reason, attempts, coalesce(done_at, created_at) "
        "FROM blacklist_push WHERE id IN (SELECT max(id) FROM blacklist_push "
        "WHERE state != ? GROUP BY number)"
    )
    wanted = None if numbers is None else set(numbers)
    found = {}
    for row in store.db.execute_sql(sql, (PushState.SUPERSEDED.value,)):
        if wanted is None or row[0] in wanted:
            found[str(row[0])] = PushStatus(
                str(row[0]), str(row[1]), str(row[2]), str(row[3]), int(row[4]), str(row[5])
            )
    return found


def open_count(store: Store) -> int:
    sql = f"SELECT count(*) FROM blacklist_push WHERE state IN {OPEN}"
    return int(store.db.execute_sql(sql).fetchone()[0])


def due_count(store: Store, now: datetime) -> int:
    """Open entries whose pause is over (or whose pusher's lease ended): worth a client."""
    at = _iso(now)
    row = store.db.execute_sql(
        "SELECT count(*) FROM blacklist_push WHERE (state = 'waiting' AND next_attempt_at <= ?)"
        " OR (state = 'pushing' AND claimed_until < ?)",
        (at, at),
    ).fetchone()
    return int(row[0])


def _claim(
    store: Store, now: datetime, *, respect_pause: bool, limit: int
) -> list[tuple[int, str, str, int]]:
    """Claim the due entries, the oldest open one per number (order kept per number)."""
    at = _iso(now)
    pause = "AND p.next_attempt_at <= ? " if respect_pause else ""
    params: tuple[object, ...] = (PushState.WAITING.value, at)
    if respect_pause:
        params += (at,)
    with store.write():
        rows = store.db.execute_sql(
            "SELECT p.id, p.number, p.action, p.attempts FROM blacklist_push p "
            f"WHERE (p.state = ? OR (p.state = 'pushing' AND p.claimed_until < ?)) {pause}"
            "AND NOT EXISTS (SELECT 1 FROM blacklist_push o WHERE o.number = p.number "
            f"AND o.id < p.id AND o.state IN {OPEN}) ORDER BY p.id LIMIT ?",
            (*params, limit),
        ).fetchall()
        rows = [(int(r[0]), str(r[1]), str(r[2]), int(r[3])) for r in rows]
        lease = _iso(now + LEASE)
        for row in rows:
            store.db.execute_sql(
                "UPDATE blacklist_push SET state = ?, claimed_until = ? WHERE id = ?",
                (PushState.PUSHING.value, lease, row[0]),
            )
    return rows


def _finish(store: Store, entry_id: int, state: PushState, reason: str, now: datetime) -> None:
    with store.write():
        store.db.execute_sql(
            "UPDATE blacklist_push SET state = ?, reason = ?, attempts = attempts + 1, "
            "done_at = ?, claimed_until = NULL WHERE id = ?",
            (state.value, reason, _iso(now), entry_id),
        )


def _wait(
    store: Store, entry_id: int, attempts: int, reason: str, now: datetime, *, tried: bool
) -> None:
    """Back to waiting after a gateway failure, with a growing pause (`tried`: this entry's
    own call failed; the others claimed with it were not tried)."""
    pause = min(RETRY_MAX, RETRY_BASE * (2 ** min(attempts, 10)))
    with store.write():
        store.db.execute_sql(
            "UPDATE blacklist_push SET state = ?, reason = ?, attempts = attempts + ?, "
            "next_attempt_at = ?, claimed_until = NULL WHERE id = ?",
            (PushState.WAITING.value, reason, int(tried), _iso(now + pause), entry_id),
        )


def _release(store: Store, ids: list[int]) -> None:
    with store.write():
        for entry_id in ids:
            store.db.execute_sql(
                "UPDATE blacklist_push SET state = ?, claimed_until = NULL "
                "WHERE id = ? AND state = ?",
                (PushState.WAITING.value, entry_id, PushState.PUSHING.value),
            )


async def push_due(
    store: Store,
    client: IsendClient,
    now: datetime,
    *,
    respect_pause: bool = True,
    limit: int = 200,
) -> PushTally:
    """Push the open entries (blocking store calls: small, indexed). Stops at the first
    gateway failure: the others wait with it (the gateway is probably down)."""
    import asyncio

    tally = PushTally()
    claimed = await asyncio.to_thread(_claim, store, now, respect_pause=respect_pause, limit=limit)
    for index, (entry_id, number, action, _attempts) in enumerate(claimed):
        try:
            if action == PushAction.ADD:
                result = await client.blacklist_add(number)
            else:
                result = await client.blacklist_remove(number)
        except BaseException as exc:
            if not isinstance(exc, GatewayError):  # cancelled, a bug: hand the claims back
                _release(store, [row[0] for row in claimed[index:]])
                raise
            tally.error = exc.message
            for later_id, _n, _a, later_attempts in claimed[index:]:
                await asyncio.to_thread(
                    _wait,
                    store,
                    later_id,
                    later_attempts,
                    exc.message,
                    now,
                    tried=later_id == entry_id,
                )
            break
        if result.accepted:
            await asyncio.to_thread(_finish, store, entry_id, PushState.PUSHED, "", now)
            tally.pushed += 1
        else:
            reason = result.message or _("code {code}").format(code=result.code or "?")
            await asyncio.to_thread(_finish, store, entry_id, PushState.REFUSED, reason, now)
            tally.refused += 1
    tally.waiting = await asyncio.to_thread(open_count, store)
    return tally
