"""STOP replies: a number the account's blacklist brought in (the customer answered STOP;
`campaigns.suppression.import_blacklist`) or that iSendPro refused with code 11 (on the
blacklist: the reply came before the daily import and another send met it first). The
sources are here (`STOP_SOURCES`) for the dashboard's STOP rate too.

Per campaign: a recipient who got the SMS and whose STOP was recorded after it, within
the campaign's attribution window plus the import's own delay (the watcher reads the
blacklist daily). A refusal belongs to the send it refused (that recipient got nothing),
so it counts for an earlier campaign the number did get. Each campaign is measured on
its own, as its orders are: a STOP after two campaigns of the same window counts for
both. Numbers the merchant adds by hand, or found dead by a receipt, are not replies.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

from isend_tui.campaigns.suppression import Source
from isend_tui.campaigns.window import to_paris
from isend_tui.store import Store

#: The suppression sources that record a STOP reply.
STOP_SOURCES = (Source.BLACKLIST_IMPORT.value, Source.GATEWAY_CODE_11.value)
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
        "SELECT number, at FROM suppression_log WHERE action = 'added' AND source IN (?, ?) "
        "AND at >= ? AND at < ?",
        (*STOP_SOURCES, low.strftime("%Y-%m-%d"), high.isoformat()),
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
