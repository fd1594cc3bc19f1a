"""Envoi de SMS marketing: the screen (screen.py) and one module per tab."""

from isend_tui.ui.screens.marketing.screen import MarketingScreen
from isend_tui.ui.screens.marketing.selection import (
    COUNT_DELAY_S,
    format_breakdown,
    format_short,
    segment_json,
)

__all__ = ["COUNT_DELAY_S", "MarketingScreen", "format_breakdown", "format_short", "segment_json"]
