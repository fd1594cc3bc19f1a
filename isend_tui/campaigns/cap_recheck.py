"""The frequency caps checked again when a campaign starts to send.

A campaign's recipients were checked against the caps when it was prepared. Between
then and the moment it sends, other campaigns may have gone out: a draft confirmed
later, a draft whose date was changed, a stopped campaign resumed days after (its pending
recipients counted for nobody meanwhile, frequency_caps.py). So before its first batch,
the recipients still pending who are now over the caps at the campaign's moment are
taken out of it and counted as "frequency cap", with a line in its log. A campaign sent
over the caps on the merchant's demand (cap_ignored) is left as it is.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from isend_tui.campaigns import send_times
from isend_tui.campaigns.campaign_store import PENDING, Campaign
from isend_tui.campaigns.events import CampaignProgress, EventKind, Level, record_events, stamp
from isend_tui.campaigns.frequency_caps import CapRule, capped_numbers
from isend_tui.campaigns.materialise import add_excluded
from isend_tui.campaigns.model import CampaignKind
from isend_tui.campaigns.window import scheduled_moment, to_paris
from isend_tui.config import Settings
from isend_tui.formatting import count, plural
from isend_tui.i18n import _
from isend_tui.segments.exclusions import Exclusion
from isend_tui.store import Store


def recheck_caps(
    store: Store, campaign: Campaign, settings: Settings, now: datetime
) -> CampaignProgress | None:
    """Take out of the campaign its pending recipients now over the caps; the event
    telling it (recorded), None when nobody was."""
    rule = CapRule.of(settings)
    if campaign.kind != CampaignKind.SEND or not rule.active:
        return None
    row = store.db.execute_sql(
        "SELECT cap_ignored FROM campaign WHERE id = ?", (campaign.id,)
    ).fetchone()
    if row is None or row[0] is not None:
        return None
    parts: dict[str, int] = {}
    by_moment: dict[datetime, list[str]] = defaultdict(list)
    now = to_paris(now)
    at = max(scheduled_moment(campaign.scheduled_for) or now, now)
    for number, n, variant in store.db.execute_sql(
        "SELECT number, parts, variant FROM campaign_recipient WHERE campaign_id = ? AND "
        f"state = {PENDING}",
        (campaign.id,),
    ):
        parts[str(number)] = int(n or 0)
        # an A/B test on send times: each recipient at his own moment
        timed = send_times.moment_of(campaign.send_times, variant)
        by_moment[max(timed, now) if timed is not None else at].append(str(number))
    capped = frozenset().union(
        *(
            capped_numbers(store, numbers, rule, when, exclude_campaign=campaign.id, now=now)
            for when, numbers in by_moment.items()
        )
    )
    if not capped:
        return None
    event = CampaignProgress(
        campaign.id,
        EventKind.PREPARED,
        plural(
            len(capped),
            _(
                "Plafond de fréquence atteint depuis la préparation (autres campagnes) : {n} "
                "destinataire retiré de cette campagne."
            ),
            _(
                "Plafond de fréquence atteint depuis la préparation (autres campagnes) : {n} "
                "destinataires retirés de cette campagne."
            ),
        ).format(n=count(len(capped))),
        Level.WARNING,
        stamp(now),
        {"frequency_cap": len(capped)},
    )
    with store.write():
        store.db.connection().executemany(
            f"DELETE FROM campaign_recipient WHERE campaign_id = ? AND state = {PENDING} "
            "AND number = ?",
            [(campaign.id, number) for number in sorted(capped)],
        )
        add_excluded(store, campaign.id, {Exclusion.FREQUENCY_CAP: len(capped)})
        store.db.execute_sql(  # the plan's figures: what is left to send
            "UPDATE campaign SET recipients = recipients - ?, parts_total = parts_total - ? "
            "WHERE id = ?",
            (len(capped), sum(parts[number] for number in capped), campaign.id),
        )
        record_events(store, [event])
    return event
