"""An A/B test's winner for the recipients kept aside: is it time, which text won, and
how many wait for it. One home for the rule that `campaign winner` and the campaign
details both apply before `campaigns.remainder.release_remainder`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from isend_tui import formatting
from isend_tui.campaigns.draws import TEXT_LETTERS
from isend_tui.campaigns.remainder import held_count, winner_after
from isend_tui.campaigns.window import paris_now, to_paris
from isend_tui.errors import UserError
from isend_tui.i18n import _
from isend_tui.results.cache import campaign_results
from isend_tui.results.figures import Attribution
from isend_tui.shop.dsn import ShopDsn
from isend_tui.store import Store


@dataclass(frozen=True)
class WinnerCheck:
    """Where a campaign's remainder stands."""

    campaign_id: int
    held: int  # recipients kept for the winning text
    hours: int  # the delay after the first SMS
    due: datetime | None  # when the winner may be chosen (None: nothing sent yet)
    figures: Attribution | None  # the texts' results (None: never measured)

    def ready(self, now: datetime) -> bool:
        return self.due is not None and to_paris(now) >= self.due

    @property
    def winner(self) -> int | None:
        """The significant winner's index (0 is the message), or None."""
        return None if self.figures is None else self.figures.winner()

    def texts(self) -> int:
        return 0 if self.figures is None else len(self.figures.variants)


def winner_check(
    store: Store, campaign_id: int, *, days: int, dsn: ShopDsn | None, refresh: bool = False
) -> WinnerCheck | None:
    """The campaign's remainder (None when it keeps nobody for a winner). `dsn` None reads
    the figures from the local store only (the TUI's thread does not open the shop)."""
    held, hours = held_count(store, campaign_id), winner_after(store, campaign_id)
    if not held or hours is None:
        return None
    found = campaign_results(store, [campaign_id], days=days, dsn=dsn, refresh=refresh)
    figures = found.get(campaign_id)
    start = None if figures is None else figures.window_start
    due = None if start is None else start + timedelta(hours=hours)
    return WinnerCheck(campaign_id, held, hours, due, figures)


def require_winner(
    check: WinnerCheck | None, campaign_id: int, choice: str | None, now: datetime | None = None
) -> int | None:
    """The text to send to the remainder: the one named (`choice`, a letter) or the
    significant winner, None while there is none; UserError when the campaign keeps
    nobody or it is too early."""
    if check is None:
        raise UserError(
            _("La campagne {id} ne garde personne pour un texte gagnant.").format(id=campaign_id)
        )
    moment = now or paris_now()
    if not check.ready(moment):
        at = formatting.moment(check.due) if check.due else "?"
        raise UserError(
            _(
                "Trop tôt : le texte gagnant de la campagne {id} se choisit à partir du {at}."
            ).format(id=campaign_id, at=at)
        )
    chosen = TEXT_LETTERS.index(choice) if choice else check.winner
    return None if chosen is None or chosen >= check.texts() else chosen
