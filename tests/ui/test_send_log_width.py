"""The sending log fits its box at 80, 100 and 160 columns: no line cut at the right edge,
no wrap at RichLog's fixed 78 columns, and lines written while the log was hidden (another
tab in front) laid out for the width they are shown at."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from scenes import scene_app, settle
from support.pilot import until
from support.screen import screen_lines

from isend_tui import i18n
from isend_tui.ui.screens.marketing.send_log import SendLog
from isend_tui.ui.widgets.fitting_log import FittingLog

LONG = (
    "Résumé : 202 SMS facturés à 0,075 € soit 15,15 € ; exclus : numéro invalide 12, "
    "hors de France 4, liste de suppression 1 ; crédit restant 84,85 €."
)


@pytest.fixture(autouse=True)
def scene_home(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("ISEND_TUI_HOME", "")  # restored after the scene changed it
    yield
    i18n.set_language("fr")


def log_text(log: FittingLog) -> list[str]:
    return ["".join(segment.text for segment in strip).rstrip() for strip in log.lines]


def assert_fits(app: Any, log: FittingLog) -> None:
    width = log.scrollable_content_region.width
    assert width > 20
    lines = log_text(log)
    assert all(len(line) <= width for line in lines), (width, lines)
    # Nothing lost: the words of the long line, wrapped at the box's width.
    assert " ".join(" ".join(lines).split()).find(" ".join(LONG.split())) >= 0
    # What the merchant sees: the end of the summary, inside the screen.
    assert any("84,85 €." in line for line in screen_lines(app))


async def test_the_sending_log_fits_at_80_100_and_160_columns() -> None:
    app, before = scene_app("marketing", "fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await before(pilot)
        panel = app.screen.query_one(SendLog)
        log = panel.query_one(FittingLog)
        panel.line(LONG)  # written while the Sélection tab is in front
        await pilot.press("f9")
        await settle(pilot)
        log.scroll_visible(animate=False)
        await settle(pilot)
        assert_fits(app, log)
        for width, height in [(160, 40), (100, 32), (80, 24)]:
            await pilot.resize_terminal(width, height)
            await settle(pilot)
            log.scroll_visible(animate=False)
            await settle(pilot)
            assert_fits(app, log)
            if width == 160:  # laid out for the wide box, not at 78 columns
                assert max(len(line) for line in log_text(log)) > 78


async def test_a_test_send_report_fits_at_80x24() -> None:
    app, before = scene_app("marketing", "fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await before(pilot)
        await pilot.press("f8")
        app.screen.query_one("#message-text").insert("Soldes d'hiver : -30% pour vous !")
        await settle(pilot)
        await pilot.press("f9", "ctrl+t")
        await settle(pilot)
        await pilot.press("enter")  # the first customer of the picker
        await settle(pilot)
        log = app.screen.query_one("#send-log", FittingLog)
        await until(pilot, lambda: len(log.lines) >= 2, "the test send is logged")
        await settle(pilot)
        log.scroll_visible(animate=False)
        await settle(pilot)
        width = log.scrollable_content_region.width
        lines = log_text(log)
        assert lines and all(len(line) <= width for line in lines), lines
