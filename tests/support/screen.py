"""What the merchant sees: the screen as plain text, line by line (colours dropped)."""

from __future__ import annotations

from typing import Any

from textual.app import App


def screen_lines(app: App[Any]) -> list[str]:
    """The current screen (with any dialog on top), one string per terminal line."""
    strips = app.screen._compositor.render_strips()  # Textual's private compositor
    return ["".join(segment.text for segment in strip) for strip in strips]


def screen_text(app: App[Any]) -> str:
    return "\n".join(screen_lines(app))
