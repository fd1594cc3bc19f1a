"""Cancelling what is left of a campaign: its recipients never sent are given up for good.

Only what never left this machine can be cancelled: iSendPro has no call to cancel a
send it accepted, scheduled or not. So a campaign is cancelled only when no process is
sending it (its lock is free) and no batch is uncertain (those must be settled first, so
that every send keeps a recorded outcome). Recipients already sent stay sent; the ones
still pending stay in the store, never sent, and the campaign is 'cancelled', which
`resume`, the dispatcher and the start-up offer all refuse.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from isend_tui.campaigns.errors import CampaignNotFound, CampaignStateError
from isend_tui.campaigns.events import CampaignProgress, EventKind, Level, record_events, stamp
from isend_tui.campaigns.locks import campaign_lock
from isend_tui.campaigns.model import CampaignState
from isend_tui.campaigns.window import paris_now, to_paris
from isend_tui.formatting import count, plural
from isend_tui.i18n import _
from isend_tui.store import Store


def cancel_campaign(
    store: Store, campaign_id: int, *, clock: Callable[[], datetime] = paris_now
) -> int:
    """Cancel the campaign's unsent recipients; returns how many. Raises CampaignBusy while
    a process sends it, CampaignStateError when there is nothing (or not yet) to cancel."""
    with campaign_lock(store, campaign_id), store.write():
        row = store.db.execute_sql(
            "SELECT state FROM campaign WHERE id = ?", (campaign_id,)
        ).fetchone()
        if row is None:
            raise CampaignNotFound(campaign_id)
        if row[0] == CampaignState.CANCELLED.value:
            raise CampaignStateError(_("La campagne {id} est déjà annulée.").format(id=campaign_id))
        (unsettled,) = store.db.execute_sql(
            "SELECT count(*) FROM campaign_batch WHERE campaign_id = ? "
            "AND state IN ('uncertain', 'in_flight')",
            (campaign_id,),
        ).fetchone()
        if unsettled:
            raise CampaignStateError(
                plural(
                    unsettled,
                    _(
                        "La campagne {id} a {n} lot incertain : tranchez-le d'abord (État "
                        "des campagnes, ou « campaign resolve »), puis annulez le reste."
                    ),
                    _(
                        "La campagne {id} a {n} lots incertains : tranchez-les d'abord (État "
                        "des campagnes, ou « campaign resolve »), puis annulez le reste."
                    ),
                ).format(id=campaign_id, n=count(unsettled))
            )
        (pending,) = store.db.execute_sql(
            "SELECT count(*) FROM campaign_recipient WHERE campaign_id = ? AND state = 'pending'",
            (campaign_id,),
        ).fetchone()
        if not pending:
            raise CampaignStateError(
                _(
                    "La campagne {id} n'a plus rien à envoyer : rien à annuler. Un envoi accepté "
                    "par iSendPro, même programmé, ne peut pas être annulé (l'API ne le permet "
                    "pas)."
                ).format(id=campaign_id)
            )
        at = stamp(to_paris(clock()))
        message = plural(
            pending,
            _("Campagne annulée : {n} destinataire jamais envoyé."),
            _("Campagne annulée : {n} destinataires jamais envoyés."),
        ).format(n=count(pending))
        store.db.execute_sql(
            "UPDATE campaign SET state = ?, error = ?, updated_at = ?, finished_at = ? "
            "WHERE id = ?",
            (CampaignState.CANCELLED.value, message, at, at, campaign_id),
        )
        record_events(
            store,
            [CampaignProgress(campaign_id, EventKind.FINISHED, message, Level.WARNING, at=at)],
        )
    return int(pending)


def cancelled_line(campaign_id: int, recipients: int) -> str:
    """What `campaign cancel` and the history say once a campaign is cancelled."""
    return plural(
        recipients,
        _("Campagne {id} annulée : {n} destinataire ne recevra rien."),
        _("Campagne {id} annulée : {n} destinataires ne recevront rien."),
    ).format(id=campaign_id, n=count(recipients))
