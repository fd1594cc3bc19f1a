"""The random draws a campaign's confirmation shows (plan.py): the texts of its A/B test
with the recipients drawn for each, those kept for the winning text, and those kept aside
in its hold-out group."""

from __future__ import annotations

import json
from dataclasses import dataclass

from isend_tui.campaigns import campaign_store as db
from isend_tui.campaigns import send_times
from isend_tui.campaigns.draws import TEXT_LETTERS
from isend_tui.campaigns.model import RecipientState
from isend_tui.formatting import count, plural
from isend_tui.i18n import _
from isend_tui.safe_text import terminal_safe
from isend_tui.store import Store


@dataclass(frozen=True)
class DrawPlan:
    """What the draws of a prepared campaign gave."""

    texts: tuple[str, ...] = ()
    """The A/B texts as typed, the message first (empty: a campaign of one text)."""
    by_text: tuple[int, ...] = ()
    """The recipients to be sent each text (same order as `texts`)."""
    held: int = 0
    """Kept for the winning text, sent once it is known."""
    winner_after: int | None = None
    """The hours after the first SMS when the winner may be chosen."""
    holdout: int = 0
    """Kept aside, never sent (the hold-out group)."""
    times: tuple[str, ...] = ()
    """An A/B test on send times: its moments (empty: none); `by_text` counts per moment."""

    @property
    def ab_test(self) -> bool:
        return len(self.texts) > 1 or len(self.times) > 1


def read_draws(
    store: Store,
    campaign_id: int,
    variants: str | None,
    winner_after: int | None,
    stored_times: str | None = None,
) -> DrawPlan:
    """The draws of campaign `campaign_id`, whose row gave `variants` (JSON),
    `winner_after` and `stored_times` (an A/B test on send times)."""
    texts = tuple(str(t) for t in json.loads(variants or "[]"))
    times = send_times.from_json(stored_times)
    by_text = [0] * (len(texts) or len(times))
    held = holdout = 0
    for state, variant, n in db.draw_counts(store, campaign_id):
        if state == RecipientState.HELD:
            held += n
        elif state == RecipientState.HOLDOUT:
            holdout += n
        elif variant is not None and 0 <= variant < len(by_text):
            by_text[variant] += n
    return DrawPlan(texts, tuple(by_text), held, winner_after, holdout, times)


def text_lines(draws: DrawPlan) -> list[str]:
    """Each A/B text as typed, named by its letter."""
    return [
        _("Texte {letter} : « {text} »").format(
            letter=TEXT_LETTERS[i], text=terminal_safe(text, multiline=True)
        )
        for i, text in enumerate(draws.texts)
    ]


def draw_lines(draws: DrawPlan) -> list[str]:
    """Who gets which text, who waits for the winner, who gets nothing on purpose."""
    lines = []
    if draws.times:
        counts = ", ".join(
            _("{moment} : {n}").format(moment=send_times.label(draws.times, i), n=count(n))
            for i, n in enumerate(draws.by_text)
        )
        lines.append(
            _(
                "Test A/B des heures d'envoi, destinataires tirés au hasard pour chaque "
                "heure : {counts}."
            ).format(counts=counts)
        )
    elif draws.ab_test:
        counts = ", ".join(
            _("texte {letter} : {n}").format(letter=TEXT_LETTERS[i], n=count(n))
            for i, n in enumerate(draws.by_text)
        )
        lines.append(
            _("Test A/B, destinataires tirés au hasard pour chaque texte : {counts}.").format(
                counts=counts
            )
        )
    if draws.held:
        hours = draws.winner_after or 0
        lines.append(
            plural(
                draws.held,
                _(
                    "Gardé pour le texte gagnant : {n} destinataire, qui le recevra une fois "
                    "le gagnant connu, au plus tôt {hours} h après l'envoi."
                ),
                _(
                    "Gardés pour le texte gagnant : {n} destinataires, qui le recevront une "
                    "fois le gagnant connu, au plus tôt {hours} h après l'envoi."
                ),
            ).format(n=count(draws.held), hours=count(hours))
        )
    if draws.holdout:
        lines.append(
            plural(
                draws.holdout,
                _("Groupe témoin : {n} destinataire gardé sans SMS, pour mesurer le gain."),
                _("Groupe témoin : {n} destinataires gardés sans SMS, pour mesurer le gain."),
            ).format(n=count(draws.holdout))
        )
    return lines
