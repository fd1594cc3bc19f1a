"""Attribution figures kept in the local store (table campaign_result), so a list of
campaigns or the dashboard reads them without asking the shop each time.

While a campaign's window is open its figures are computed again when older than
`MAX_AGE` (or on demand); once computed after the window closed they are frozen: the
shop is not read for that campaign any more (a refund made later is not deducted). A
change of the `attribution_days` setting computes them again, frozen or not.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from contextlib import ExitStack
from datetime import datetime, timedelta

from isend_tui.campaigns.model import CampaignKind, CampaignState
from isend_tui.campaigns.window import paris_now, to_paris
from isend_tui.results.attribution import attribute
from isend_tui.results.figures import Attribution
from isend_tui.shop.connection import ShopConnection
from isend_tui.shop.dsn import ShopDsn
from isend_tui.shop.info import open_shop
from isend_tui.store import Store

MAX_AGE = timedelta(minutes=10)
#: Campaigns that sent something (a draft, a cancelled preparation has nothing to measure).
_MEASURED = (
    CampaignState.SENDING,
    CampaignState.SCHEDULED,
    CampaignState.SENT,
    CampaignState.PARTLY_FAILED,
    CampaignState.FAILED,
    CampaignState.CANCELLED,
)


def cached(store: Store, campaign_id: int) -> tuple[Attribution, bool] | None:
    """The stored figures and whether they are frozen."""
    row = store.db.execute_sql(
        "SELECT figures, frozen FROM campaign_result WHERE campaign_id = ?", (campaign_id,)
    ).fetchone()
    if row is None:
        return None
    return Attribution.from_dict(json.loads(row[0])), bool(row[1])


def _save(store: Store, figures: Attribution) -> None:
    frozen = not figures.window_open
    with store.write():
        store.db.execute_sql(
            "INSERT OR REPLACE INTO campaign_result (campaign_id, computed_at, window_days, "
            "window_end, frozen, figures) VALUES (?, ?, ?, ?, ?, ?)",
            (
                figures.campaign_id,
                figures.computed_at.isoformat(timespec="seconds"),
                figures.window_days,
                None if figures.window_end is None else figures.window_end.isoformat(),
                int(frozen),
                json.dumps(figures.as_dict(), ensure_ascii=False),
            ),
        )


def measured_campaigns(store: Store, only: int | None = None) -> list[int]:
    """The send campaigns that may have sent SMS (of them, `only` when given), oldest
    first."""
    marks = ", ".join("?" * len(_MEASURED))
    one = "" if only is None else " AND id = ?"
    rows = store.db.execute_sql(
        f"SELECT id FROM campaign WHERE kind = ? AND state IN ({marks}) AND sent > 0{one} "
        "ORDER BY id",
        (
            CampaignKind.SEND.value,
            *(s.value for s in _MEASURED),
            *(() if only is None else (only,)),
        ),
    ).fetchall()
    return [int(r[0]) for r in rows]


def _stale(found: tuple[Attribution, bool] | None, days: int, now: datetime, refresh: bool) -> bool:
    if found is None:
        return True
    figures, frozen = found
    if figures.window_days != days:
        return True
    if frozen:
        return False
    return refresh or now - figures.computed_at >= MAX_AGE


def campaign_results(
    store: Store,
    campaign_ids: Iterable[int],
    *,
    days: int,
    dsn: ShopDsn | None,
    now: datetime | None = None,
    refresh: bool = False,
) -> dict[int, Attribution]:
    """The figures of each campaign: from the cache when frozen or fresh, else computed
    from the shop (opened once, only if needed; `dsn` None keeps to the cache, even stale).
    A campaign never measured and without a shop is missing from the result."""
    moment = to_paris(now or paris_now())
    results: dict[int, Attribution] = {}
    with ExitStack() as stack:
        conn: ShopConnection | None = None
        for campaign_id in campaign_ids:
            found = cached(store, campaign_id)
            if dsn is None or not _stale(found, days, moment, refresh):
                if found is not None:
                    results[campaign_id] = found[0]
                continue
            if conn is None:
                conn = stack.enter_context(open_shop(dsn))
            figures = attribute(store, conn, campaign_id, days=days, now=moment)
            _save(store, figures)
            results[campaign_id] = figures
    return results
