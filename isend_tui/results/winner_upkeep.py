"""An A/B test's remainder sent by the watcher: once the campaign's `winner_after` delay
has passed and one text has won significantly (results/winner.py, the rule `campaign
winner` applies by hand), the recipients kept for it get that text, inside the marketing
window. A chore of the watcher (notifications/watcher.py `chores`).

Without a significant winner nothing is sent: the merchant chooses in the campaign's
details or with `campaign winner ID --text`. A send that could not finish (the gateway,
another process sending the campaign) leaves the released recipients pending; the next
round resumes them, as État des campagnes' "Reprendre" would. The campaign engine's lock
and batch claims keep a second process from sending them twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from isend_tui.campaigns.model import CampaignState, RecipientState
from isend_tui.campaigns.remainder import held_count, release_remainder
from isend_tui.campaigns.window import is_open
from isend_tui.errors import UserError
from isend_tui.formatting import count
from isend_tui.health.checks import on_client
from isend_tui.i18n import _
from isend_tui.results.winner import require_winner, winner_check

if TYPE_CHECKING:
    from isend_tui.config import Settings
    from isend_tui.gateway.client import IsendClient
    from isend_tui.store import Store

log = logging.getLogger(__name__)

CHECK_EVERY = timedelta(minutes=10)
#: The campaigns whose remainder may still be waiting. One stopped on a gateway error
#: (partly failed) waits for the merchant: État des campagnes offers to resume it.
_STATES = (CampaignState.SENT.value,)


class WinnerUpkeep:
    def __init__(self, store: Store, make_client: Callable[[Settings], IsendClient]) -> None:
        self.store = store
        self.make_client = make_client
        self.last: datetime | None = None

    def __call__(self, now: datetime, settings: Settings) -> list[str]:
        if self.last is not None and now - self.last < CHECK_EVERY:
            return []
        self.last = now
        if not settings.keyid or not is_open(now, settings):
            return []  # marketing leaves inside the window only: tried again later
        notes: list[str] = []
        for campaign_id in self._candidates():
            notes += self._one(campaign_id, now, settings)
        return notes

    def _candidates(self) -> list[int]:
        marks = ", ".join("?" * len(_STATES))
        rows = self.store.db.execute_sql(
            f"SELECT id FROM campaign WHERE winner_after IS NOT NULL AND state IN ({marks}) "
            "ORDER BY id",
            _STATES,
        ).fetchall()
        return [int(r[0]) for r in rows]

    def _one(self, campaign_id: int, now: datetime, settings: Settings) -> list[str]:
        notes: list[str] = []
        if held_count(self.store, campaign_id):
            check = winner_check(
                self.store, campaign_id, days=settings.attribution_days, dsn=settings.shop_dsn()
            )
            try:
                chosen = require_winner(check, campaign_id, None, now)
            except UserError:
                return []  # too early
            if chosen is None:
                return []  # no significant winner (yet): the merchant may choose
            released = release_remainder(self.store, campaign_id, chosen)
            notes.append(
                _("Campagne {id} : le texte {letter} a gagné, il part aux {n} gardés.").format(
                    id=campaign_id, letter=chr(ord("A") + chosen), n=count(released)
                )
            )
        elif not self._released_waiting(campaign_id):
            return []
        return notes + self._send(campaign_id, settings, now)

    def _released_waiting(self, campaign_id: int) -> bool:
        """Recipients given the winning text and not sent yet (a send cut short)."""
        row = self.store.db.execute_sql(
            "SELECT 1 FROM campaign_recipient WHERE campaign_id = ? AND state = ? LIMIT 1",
            (campaign_id, RecipientState.PENDING.value),
        ).fetchone()
        return row is not None

    def _send(self, campaign_id: int, settings: Settings, now: datetime) -> list[str]:
        from isend_tui.campaigns.sending import resume

        try:
            result = on_client(
                lambda: self.make_client(settings),
                # the watcher's moment: the window was checked at it
                lambda client: resume(self.store, client, campaign_id, settings, clock=lambda: now),
            )
        except UserError as exc:
            return [_("Campagne {id} : {why}").format(id=campaign_id, why=exc.message)]
        return [
            _("Campagne {id} : envoi du texte gagnant terminé ({n} SMS envoyés en tout).").format(
                id=campaign_id, n=count(result.sent)
            )
        ]
