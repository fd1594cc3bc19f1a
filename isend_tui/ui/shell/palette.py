"""Textual's command palette in the UI's language: its placeholder, and the line it shows
when nothing matches (Textual writes "No matches found" in a private method; this one
does the same with the translated words; tests/ui/test_palette_and_keys.py checks it, so
a Textual upgrade that changes the method is seen)."""

from __future__ import annotations

from typing import Any

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

from isend_tui.ui.shell.textual_words import textual_text


class Palette(CommandPalette):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(placeholder=textual_text("Search for commands…"), **kwargs)

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:  # searching for something: say nothing matched
                words = Text(textual_text("No matches found"), style="not bold")
                self.query_one(CommandList).add_option(
                    Option(Align.center(words), disabled=True, id=self._NO_MATCHES)
                )
                self._list_visible = True
            else:  # discovery with nothing to discover: nothing to say
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
