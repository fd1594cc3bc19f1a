"""What the watcher does after each poll besides notifications (`Watcher(chores=[...])`):

- a heartbeat (marks.WATCHER_POLL, at most every HEARTBEAT): `health` and the TUI judge
  the watcher's silence from it;
- the manual changes of the suppression list still waiting for the account's blacklist,
  pushed when their pause is over (blacklist_outbox.py);
- the account's blacklist imported every `blacklist_import_hours` (the last import in
  marks.BLACKLIST_IMPORT, shared with every process; a failed one is tried again after
  IMPORT_RETRY);
- a round of health checks every CHECKS_EVERY (alerts to the admin).

The watcher's loop is blocking: each gateway call runs on an event loop of its own, on a
client made from the current settings by `make_client`. Nothing here raises for gateway
trouble: it is said in the poll's notes and tried again later. `grace` delays the first
import and checks after the start (the first polls catch up on the shop first).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from isend_tui.campaigns.blacklist_outbox import due_count, push_due
from isend_tui.campaigns.suppression import import_blacklist
from isend_tui.errors import UserError
from isend_tui.health.checks import check_health, on_client
from isend_tui.health.marks import MarkName, read_mark, write_mark
from isend_tui.i18n import _

if TYPE_CHECKING:
    import httpx

    from isend_tui.config import Settings
    from isend_tui.gateway.client import IsendClient
    from isend_tui.store import Store

log = logging.getLogger(__name__)

HEARTBEAT = timedelta(seconds=30)
CHECKS_EVERY = timedelta(minutes=5)
IMPORT_RETRY = timedelta(hours=1)
START_GRACE = timedelta(seconds=60)

ClientMaker = Callable[["Settings"], "IsendClient"]


class WatcherChores:
    """Called by the watcher after each poll with the time and its current settings;
    returns the lines worth telling (an import, pushes, alerts fired)."""

    def __init__(
        self, store: Store, make_client: ClientMaker, *, grace: timedelta = START_GRACE
    ) -> None:
        self.store = store
        self.make_client = make_client
        self._grace = grace
        self._started: datetime | None = None
        self._next_heartbeat: datetime | None = None
        self._next_checks: datetime | None = None

    def __call__(self, now: datetime, settings: Settings) -> list[str]:
        if self._started is None:
            self._started = now
        notes: list[str] = []
        if self._next_heartbeat is None or now >= self._next_heartbeat:
            write_mark(self.store, MarkName.WATCHER_POLL, now)
            self._next_heartbeat = now + HEARTBEAT
        factory = lambda: self.make_client(settings)  # noqa: E731 - settings of this poll
        if settings.keyid and due_count(self.store, now):
            notes += self._push(factory, now)
        if now - self._started < self._grace:
            return notes
        if settings.keyid and self._import_due(settings, now):
            notes += self._import(factory, now)
        if self._next_checks is None or now >= self._next_checks:
            self._next_checks = now + CHECKS_EVERY
            report = check_health(self.store, settings, factory if settings.keyid else None, now)
            notes += [_("Alerte : {message}").format(message=a.message) for a in report.fired]
        return notes

    def _push(self, factory: Callable[[], IsendClient], now: datetime) -> list[str]:
        try:
            tally = on_client(factory, lambda client: push_due(self.store, client, now))
        except UserError as exc:
            log.warning("blacklist push failed: %s", exc.message)
            return []
        line = tally.line() if tally.pushed or tally.refused else None
        return [line] if line else []

    def _import_due(self, settings: Settings, now: datetime) -> bool:
        if settings.blacklist_import_hours <= 0:
            return False
        mark = read_mark(self.store, MarkName.BLACKLIST_IMPORT)
        if mark is None:
            return True
        wait = timedelta(hours=settings.blacklist_import_hours)
        if mark.detail.get("error"):
            wait = min(wait, IMPORT_RETRY)
        return now - mark.at >= wait

    def _import(self, factory: Callable[[], IsendClient], now: datetime) -> list[str]:
        started = time.perf_counter()
        try:
            result = on_client(factory, lambda client: import_blacklist(self.store, client))
        except UserError as exc:
            write_mark(self.store, MarkName.BLACKLIST_IMPORT, now, error=exc.message)
            log.warning("blacklist import failed: %s", exc.message)
            return [_("Liste noire iSendPro non lue : {reason}").format(reason=exc.message)]
        write_mark(self.store, MarkName.BLACKLIST_IMPORT, now, added=result.added, read=result.read)
        log.info(
            "blacklist imported in %.0f ms: %s",
            (time.perf_counter() - started) * 1000,
            result.message(),
        )
        return [result.message()]


def watcher_chores(
    store: Store,
    transport: httpx.AsyncBaseTransport | None = None,
    *,
    grace: timedelta = START_GRACE,
) -> list[WatcherChores]:
    """The chores of a watcher on `store`, on clients to the configured gateway."""
    from isend_tui.gateway.client import IsendClient

    def make_client(settings: Settings) -> IsendClient:
        return IsendClient(settings.keyid, settings.gateway_url, transport=transport)

    return [WatcherChores(store, make_client, grace=grace)]


def last_import_line(store: Store) -> str | None:
    """When the watcher last imported the account's blacklist, and what it found."""
    from isend_tui.formatting import counted, moment

    mark = read_mark(store, MarkName.BLACKLIST_IMPORT)
    if mark is None:
        return None
    error = mark.detail.get("error")
    if error:
        return _("Dernier import automatique de la liste noire : {at}, échec ({reason}).").format(
            at=moment(mark.at), reason=error
        )
    added = mark.detail.get("added")
    return _("Dernier import automatique de la liste noire : {at}, {added}.").format(
        at=moment(mark.at),
        added=counted(added if isinstance(added, int) else 0, _("{n} ajouté"), _("{n} ajoutés")),
    )
