"""A/B tests on send times: one text, 2 to MAX_VARIANTS moments, each recipient drawn one
of them (draws.variant_of, recorded as campaign_recipient.variant) and sent at it.

One home for the rule: which moments may be compared (each in the future and in the
marketing window, all different), how they are kept with the campaign (campaign.send_times,
JSON of "YYYY-MM-DD HH:MM" in Paris time, in the order given: moment A first), and when a
recipient of a moment leaves. A campaign compares texts or send times, not both: the
results per variant would mix two causes. It keeps no remainder for a winner either: by the
time a winning moment is known it has passed, so the winner is a lesson for the next
campaign, shown in the results.
"""

from __future__ import annotations

import json
from datetime import datetime

from isend_tui.campaigns.draws import MAX_VARIANTS, TEXT_LETTERS
from isend_tui.campaigns.model import CampaignRequest
from isend_tui.campaigns.window import SCHEDULE_FORMAT, format_slot, scheduled_moment
from isend_tui.errors import UserError
from isend_tui.formatting import plural
from isend_tui.i18n import _

FIELD = "send_time"


def refuse_mixes(request: CampaignRequest) -> None:
    """A send-time test stands alone: no other texts, no --at, no remainder for a winner."""
    if not request.send_times:
        return
    if request.variants:
        raise UserError(
            _(
                "Test A/B refusé : comparez des textes ou des heures d'envoi, pas les deux "
                "(les résultats mêleraient les deux causes). Retirez les textes B à D ou les "
                "heures à comparer."
            ),
            field=FIELD,
        )
    if request.scheduled_for is not None:
        raise UserError(
            _(
                "Date d'envoi refusée avec un test des heures d'envoi : la campagne part aux "
                "heures comparées. Retirez la date d'envoi (--at), ou envoyez sans programmer."
            ),
            field="at",
        )
    if request.remainder_pct or request.winner_after_hours is not None:
        raise UserError(
            _(
                "Envoi du gagnant refusé pour un test des heures d'envoi : l'heure gagnante "
                "est connue une fois passée. Les résultats la donnent pour la prochaine "
                "campagne ; retirez le délai du gagnant (--winner-after)."
            ),
            field="winner_after",
        )


def check_count(times: tuple[datetime, ...]) -> None:
    """2 to MAX_VARIANTS moments, all different (to the minute)."""
    if not 2 <= len(times) <= MAX_VARIANTS:
        raise UserError(
            plural(
                len(times),
                _(
                    "Test des heures d'envoi d'{n} heure refusé : comparez de 2 à {high} "
                    "heures d'envoi (--send-time, 2 à {high} fois)."
                ),
                _(
                    "Test des heures d'envoi de {n} heures refusé : comparez de 2 à {high} "
                    "heures d'envoi (--send-time, 2 à {high} fois)."
                ),
            ).format(n=len(times), high=MAX_VARIANTS),
            field=FIELD,
        )
    seen: set[str] = set()
    for when in times:
        key = when.strftime(SCHEDULE_FORMAT)
        if key in seen:
            raise UserError(
                _(
                    "Test des heures d'envoi refusé : l'heure {at} est donnée deux fois. "
                    "Donnez des heures différentes."
                ).format(at=format_slot(when)),
                field=FIELD,
            )
        seen.add(key)


def to_json(times: tuple[datetime, ...]) -> str | None:
    """The moments as kept with the campaign (None: no send-time test)."""
    if len(times) < 2:
        return None
    return json.dumps([t.strftime(SCHEDULE_FORMAT) for t in times])


def from_json(stored: str | None) -> tuple[str, ...]:
    """The campaign's moments as stored ("YYYY-MM-DD HH:MM", Paris), moment A first."""
    if not stored:
        return ()
    return tuple(str(t) for t in json.loads(stored))


def moment_of(times: tuple[str, ...], variant: int | None) -> datetime | None:
    """When the recipients drawn `variant` leave (None: not a send-time test)."""
    if not times or variant is None or not 0 <= variant < len(times):
        return None
    return scheduled_moment(times[variant])


def label(times: tuple[str, ...], index: int) -> str:
    """« heure A (mardi 08/12/2026 10:00) »."""
    when = scheduled_moment(times[index])
    shown = format_slot(when) if when is not None else times[index]
    return _("heure {letter} ({at})").format(letter=TEXT_LETTERS[index], at=shown)


def describe(times: tuple[str, ...]) -> str:
    """« Test A/B des heures d'envoi : heure A (…), heure B (…) » (details, campaign show)."""
    return _("Test A/B des heures d'envoi : {moments}").format(
        moments=", ".join(label(times, i) for i in range(len(times)))
    )
