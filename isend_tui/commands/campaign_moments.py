"""The send moments `campaign send` is given: --at and --send-time, read as Paris time.
An empty value (an unset variable in a cron line) is refused, never read as "now"."""

from __future__ import annotations

import argparse
from datetime import datetime

from isend_tui.errors import UserError
from isend_tui.i18n import _


def _moment(text: str, empty: str, field: str) -> datetime:
    from isend_tui.campaigns.validation import parse_schedule

    if not text.strip():
        raise UserError(empty, field=field)
    return parse_schedule(text)


def scheduled_at(args: argparse.Namespace) -> datetime | None:
    """--at's moment, None without --at (send now)."""
    if args.at is None:
        return None
    empty = _(
        '--at est vide : donnez la date d\'envoi (--at "AAAA-MM-JJ HH:MM", heure de '
        "Paris), ou retirez --at pour envoyer tout de suite. Rien n'a été envoyé."
    )
    return _moment(str(args.at), empty, "at")


def send_times(args: argparse.Namespace) -> tuple[datetime, ...]:
    """--send-time's moments, in the order given (an A/B test of send times)."""
    empty = _(
        "--send-time est vide : donnez chaque heure à comparer (--send-time "
        '"AAAA-MM-JJ HH:MM", heure de Paris). Rien n\'a été envoyé.'
    )
    return tuple(_moment(str(text), empty, "send_time") for text in args.send_time)
