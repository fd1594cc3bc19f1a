"""The attributed revenue kept fresh while campaigns' windows are open: a watcher chore
(notifications/watcher.py `chores`), so État des campagnes and the dashboard, which read
the cache only, follow the orders without anyone running `isend-tui report`.

Every REFRESH_EVERY the campaigns sent within the attribution window (plus a day) are
measured again where their cached figures are stale (cache.py decides: recomputed at most
every 10 minutes while open, frozen after)."""

from __future__ import annotations

from datetime import datetime, timedelta

from isend_tui.config import Settings
from isend_tui.formatting import counted
from isend_tui.i18n import _
from isend_tui.results.cache import campaign_results
from isend_tui.store import Store

REFRESH_EVERY = timedelta(minutes=10)


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
