"""The message as a few customers of the segment will read it, before anything is prepared.

The Message tab's preview: the first recipients of the segment (as a send lists them, the
suppression list left out), each with the text merged as the send will merge it (names made
GSM-7 for France or for a GSM-7 text) and its SMS count, STOP mention included when the
sender adds it. Blocking (reads the shop): call it from a thread.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from isend_tui.campaigns.merge import Merger
from isend_tui.campaigns.suppression import suppressed_numbers
from isend_tui.segments.counting import iter_recipients
from isend_tui.segments.model import Segment
from isend_tui.shop.dsn import ShopDsn
from isend_tui.shop.info import open_shop, today
from isend_tui.sms.encoding import stop_mention_applies
from isend_tui.store import Store

PREVIEW_LIMIT = 50
"""How many customers the preview offers to choose from."""


@dataclass(frozen=True)
class PreviewRow:
    """One customer and the SMS they would receive."""

    id: int
    number: str
    firstname: str
    lastname: str
    text: str
    parts: int
    ucs2: bool
    #: an A/B test's other texts (B, C, D) merged for the same customer: (text, parts)
    variants: tuple[tuple[str, int], ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "number": self.number,
            "firstname": self.firstname,
            "lastname": self.lastname,
            "text": self.text,
            "parts": self.parts,
            "ucs2": self.ucs2,
        }


def merged_previews(
    store: Store,
    dsn: ShopDsn,
    segment: Segment,
    message: str,
    *,
    sender: str,
    limit: int = PREVIEW_LIMIT,
    variants: tuple[str, ...] = (),
) -> list[PreviewRow]:
    """The first `limit` recipients of `segment` with `message` (and each A/B variant)
    merged for each."""
    stop = stop_mention_applies(marketing=True, sender=sender, nostop=False)
    merger = Merger(message, stop_mention=stop)
    others = [Merger(text, stop_mention=stop) for text in variants]
    blocked = suppressed_numbers(store)
    with open_shop(dsn) as conn:
        recipients = iter_recipients(conn, segment, today=today(conn), suppressed=blocked)
        rows = []
        for position, r in enumerate(itertools.islice(recipients, limit), start=1):
            who = (r.number, r.firstname, r.lastname, r.email)
            text, parts, ucs2 = merger.merge_values(*who)
            merged = tuple(m.merge_values(*who)[:2] for m in others)
            rows.append(
                PreviewRow(position, r.number, r.firstname, r.lastname, text, parts, ucs2, merged)
            )
    return rows
