"""The remainder of an A/B test: recipients kept aside at preparation (state 'held',
never sent, not counted in the caps nor the cost) until the test has a winner; then
`release_remainder` gives each one the winning text and makes them pending, and the
campaign is sent again like a resumed one (its caps are checked again at the start).
"""

from __future__ import annotations

import json
from decimal import Decimal

from isend_tui.campaigns.campaign_store import load_campaign
from isend_tui.campaigns.errors import CampaignStateError
from isend_tui.campaigns.events import CampaignProgress, EventKind, record_events, stamp
from isend_tui.campaigns.merge import (
    Merger,
    check_message,
    require_gsm7_for_france,
    too_long_reason,
)
from isend_tui.campaigns.model import CampaignState, RecipientState
from isend_tui.campaigns.window import Clock, paris_now, to_paris
from isend_tui.formatting import count, plural
from isend_tui.i18n import _
from isend_tui.sms.encoding import MAX_PARTS
from isend_tui.sms.rules import gsm7_required
from isend_tui.store import Store


def held_count(store: Store, campaign_id: int) -> int:
    row = store.db.execute_sql(
        "SELECT count(*) FROM campaign_recipient WHERE campaign_id = ? AND state = ?",
        (campaign_id, RecipientState.HELD.value),
    ).fetchone()
    return int(row[0])


def winner_after(store: Store, campaign_id: int) -> int | None:
    """The hours after its first SMS when the campaign's winner is sent (None: no
    remainder)."""
    row = store.db.execute_sql(
        "SELECT winner_after FROM campaign WHERE id = ?", (campaign_id,)
    ).fetchone()
    return None if row is None or row[0] is None else int(row[0])


def release_remainder(
    store: Store, campaign_id: int, winner: int, *, clock: Clock = paris_now
) -> int:
    """Give the held recipients text `winner` (0 is the message) and make them pending;
    returns how many will be sent. Raises when the campaign has no such text."""
    campaign = load_campaign(store, campaign_id)
    if campaign.state in (CampaignState.DRAFT, CampaignState.CANCELLED):
        raise CampaignStateError(
            _(
                "La campagne {id} est un brouillon ou annulée : son texte gagnant ne part pas."
            ).format(id=campaign_id)
        )
    row = store.db.execute_sql(
        "SELECT variants, stop_mention, cost_estimate FROM campaign WHERE id = ?", (campaign_id,)
    ).fetchone()
    texts = json.loads(row[0] or "[]")
    if not 0 <= winner < len(texts):
        raise CampaignStateError(
            _("La campagne {id} n'a pas de texte {n} à envoyer.").format(id=campaign_id, n=winner)
        )
    check = check_message(texts[winner], sender=campaign.sender)
    merge = Merger(check.template, stop_mention=bool(row[1])).merge_values
    pending, refused = RecipientState.PENDING.value, RecipientState.REFUSED.value
    updates: list[tuple[str, int, int, str, str | None, int]] = []
    added_parts = released = 0
    with store.write():
        held = store.db.execute_sql(
            "SELECT id, number, firstname, lastname, email FROM campaign_recipient "
            "WHERE campaign_id = ? AND state = ?",
            (campaign_id, RecipientState.HELD.value),
        ).fetchall()
        for rid, number, firstname, lastname, email in held:
            if not check.gsm7 and gsm7_required(number):
                require_gsm7_for_france(check)
            text, parts, ucs2 = merge(number, firstname, lastname, email)
            if parts > MAX_PARTS:
                updates.append((text, parts, int(ucs2), refused, too_long_reason(parts), int(rid)))
                continue
            updates.append((text, parts, int(ucs2), pending, None, int(rid)))
            added_parts += parts
            released += 1
        store.db.connection().executemany(
            "UPDATE campaign_recipient SET text = ?, parts = ?, ucs2 = ?, state = ?, detail = ?, "
            f"variant = {int(winner)} WHERE id = ?",
            updates,
        )
        # The estimate grows with the parts at the same price per part.
        estimate = row[2]
        if estimate is not None and campaign.parts_total:
            grown = Decimal(estimate) * (campaign.parts_total + added_parts) / campaign.parts_total
            estimate = str(grown.quantize(Decimal("0.0001")))
        at = stamp(to_paris(clock()))
        store.db.execute_sql(
            "UPDATE campaign SET recipients = recipients + ?, parts_total = parts_total + ?, "
            "refused = refused + ?, cost_estimate = ?, updated_at = ? WHERE id = ?",
            (released, added_parts, len(updates) - released, estimate, at, campaign_id),
        )
        record_events(store, [_released(campaign_id, winner, released, at)])
    return released


def _released(campaign_id: int, winner: int, n: int, at: str) -> CampaignProgress:
    text = plural(
        n,
        _("Texte {letter} gagnant : il part aux {n} destinataire gardé pour lui."),
        _("Texte {letter} gagnant : il part aux {n} destinataires gardés pour lui."),
    ).format(letter=chr(ord("A") + winner), n=count(n))
    return CampaignProgress(
        campaign_id, EventKind.PREPARED, text, at=at, data={"winner": winner, "released": n}
    )
