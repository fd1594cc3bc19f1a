"""STOP replies counted per campaign: a recipient whose number the account's blacklist
brought in (the customer answered STOP; `campaigns.suppression.import_blacklist`, source
blacklist_import) after their SMS, within the campaign's attribution window plus the
import's own delay (the watcher reads the blacklist daily).

Each campaign is measured on its own, as its orders are: a STOP after two campaigns of
the same window counts for both. Numbers refused as already blacklisted (code 11) and
numbers the merchant adds by hand are not replies to the campaign and do not count.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

from isend_tui.campaigns.suppression import Source
from isend_tui.campaigns.window import to_paris
from isend_tui.store import Store

#: The blacklist is imported once a day: a STOP shows up to a day after it was sent.
IMPORT_DELAY = timedelta(days=1)
_MARGIN = timedelta(days=1)  # text bounds on stored moments with their own offsets


def stopped_numbers(
    store: Store, received: Mapping[str, datetime], window: timedelta
) -> frozenset[str]:
    """The numbers of `received` (number: when its SMS arrived) whose STOP was recorded
    in [arrival, arrival + window + IMPORT_DELAY)."""
    if not received:
        return frozenset()
    reach = window + IMPORT_DELAY
    low = to_paris(min(received.values())) - _MARGIN
    high = to_paris(max(received.values())) + reach + _MARGIN
    rows = store.db.execute_sql(
        "SELECT number, at FROM suppression_log WHERE action = 'added' AND source = ? "
        "AND at >= ? AND at < ?",
        (Source.BLACKLIST_IMPORT.value, low.strftime("%Y-%m-%d"), high.isoformat()),
    ).fetchall()
    found = set()
    for number, at in rows:
        start = received.get(str(number))
        if start is None:
            continue
        try:
            when = to_paris(datetime.fromisoformat(str(at)))
        except ValueError:
            continue
        if start <= when < start + reach:
            found.add(str(number))
    return frozenset(found)
