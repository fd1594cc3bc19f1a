"""How a campaign's state, dates and cost read, in the history table and the details."""

from __future__ import annotations

from isend_tui.campaigns.model import CampaignState


def state_label(state: str) -> str:
    try:
        return CampaignState(state).label()
    except ValueError:
        return state


def short_date(stamp: str) -> str:
    # "2026-11-25T10:30:00+01:00" or "2026-11-25 10:30:00" -> "25/11/26 10:30"
    text = stamp.replace("T", " ")
    if len(text) >= 16 and text[4] == "-":
        return f"{text[8:10]}/{text[5:7]}/{text[2:4]} {text[11:16]}"
    return text
