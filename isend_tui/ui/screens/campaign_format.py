"""How a campaign's state, dates and cost read, in the history table and the details."""

from __future__ import annotations

from isend_tui.campaigns.model import CampaignState
from isend_tui.formatting import stored_moment


def state_label(state: str) -> str:
    try:
        return CampaignState(state).label()
    except ValueError:
        return state


def short_date(stamp: str) -> str:
    """A stored moment ("2026-11-25T10:30:00+01:00", or "2026-11-25 10:30" already in
    Paris time) as the merchant reads it, in Paris time: "25/11/2026 10:30" / "2026-11-25
    10:30"; anything unreadable as it is."""
    return stored_moment(stamp)
