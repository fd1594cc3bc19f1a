"""The attributed revenue kept fresh while campaigns' windows are open: a watcher chore
(notifications/watcher.py `chores`), so État des campagnes and the dashboard, which read
the cache only, follow the orders without anyone running `isend-tui report`.

Every REFRESH_EVERY the campaigns sent within the attribution window (plus a day) are
measured again where their cached figures are stale (cache.py decides: recomputed at most
every 10 minutes while open, frozen after)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from isend_tui.config import Settings
from isend_tui.formatting import counted
from isend_tui.i18n import _
from isend_tui.results.cache import campaign_results
from isend_tui.store import Store

if TYPE_CHECKING:
    import httpx

    from isend_tui.notifications.watcher import Chore

REFRESH_EVERY = timedelta(minutes=10)


def results_chores(store: Store, transport: httpx.AsyncBaseTransport | None = None) -> list[Chore]:
    """The watcher's chores of results: the revenue kept fresh, and the A/B winners sent
    to their remainders (winner_upkeep.py), on clients to the configured gateway."""
    from isend_tui.gateway.client import IsendClient
    from isend_tui.results.winner_upkeep import WinnerUpkeep

    def make_client(settings: Settings) -> IsendClient:
        return IsendClient(settings.keyid, settings.gateway_url, transport=transport)

    return [AttributionUpkeep(store), WinnerUpkeep(store, make_client)]


class AttributionUpkeep:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.last: datetime | None = None

    def __call__(self, now: datetime, settings: Settings) -> list[str]:
        if self.last is not None and now - self.last < REFRESH_EVERY:
            return []
        self.last = now
        dsn = settings.shop_dsn()
        if dsn is None:
            return []
        since = (now - timedelta(days=settings.attribution_days + 1)).isoformat()
        ids = [
            int(r[0])
            for r in self.store.db.execute_sql(
                "SELECT id FROM campaign WHERE kind = 'send' AND sent > 0 "
                "AND coalesce(finished_at, confirmed_at, created_at) >= ? ORDER BY id DESC "
                "LIMIT 200",
                (since,),
            )
        ]
        if not ids:
            return []
        found = campaign_results(self.store, ids, days=settings.attribution_days, dsn=dsn, now=now)
        fresh = sum(1 for a in found.values() if a.computed_at >= now - timedelta(minutes=1))
        if not fresh:
            return []
        return [
            counted(
                fresh,
                _("Revenu attribué mis à jour pour {n} campagne."),
                _("Revenu attribué mis à jour pour {n} campagnes."),
            )
        ]
