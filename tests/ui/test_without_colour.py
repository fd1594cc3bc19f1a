"""Nothing depends on colour: ticked boxes carry a mark, the focused input or select is
told by the shape of its border (NO_COLOR), and in 16 colours a focused border is not the
error's colour."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from rich.color import Color, ColorSystem
from scenes import scene_app, settle
from support.pilot import focus
from support.screen import screen_lines, screen_text
from textual.widget import Widget

from isend_tui import i18n
from isend_tui.ui.widgets.criterion_row import CriterionRow


@pytest.fixture(autouse=True)
def no_colour(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("ISEND_TUI_HOME", "")  # restored after the scene changed it
    yield
    i18n.set_language("fr")


def drawn(app: Any, widget: Widget) -> list[str]:
    """The characters of the widget's box on screen (colours dropped)."""
    region = widget.region
    lines = screen_lines(app)[region.y : region.bottom]
    return [line[region.x : region.right] for line in lines]


async def assert_focus_visible(pilot: Any, widget: Widget, elsewhere: Widget | None) -> None:
    if elsewhere is None:
        pilot.app.set_focus(None)
    else:
        await focus(pilot, elsewhere)
    await settle(pilot)
    idle = drawn(pilot.app, widget)
    await focus(pilot, widget)
    await settle(pilot)
    assert drawn(pilot.app, widget) != idle, f"{widget!r} looks the same focused"


async def test_focused_selects_and_inputs_look_different_without_colour() -> None:
    app, before = scene_app("notification_history", "fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await before(pilot)
        assert app.no_color
        screen = app.screen
        event, code = screen.query_one("#filter-event"), screen.query_one("#filter-code")
        await assert_focus_visible(pilot, event, code)
        await assert_focus_visible(pilot, code, event)
    app, before = scene_app("marketing", "fr")
    async with app.run_test(size=(100, 32)) as pilot:
        await before(pilot)
        await pilot.press("ctrl+s")  # the save dialog's name input
        await settle(pilot)
        name = app.screen.query_one("#segment-name")
        await assert_focus_visible(pilot, name, None)


async def test_ticked_countries_and_boxes_carry_a_mark() -> None:
    app, before = scene_app("marketing", "fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await before(pilot)
        tab = app.screen.query_one("SelectionTab")
        for row in app.screen.query(CriterionRow):
            await row.remove()
        await app.screen.query_one("#criteria").mount(
            CriterionRow(tab.choices, {"criterion": "country", "value": ["FR"]})
        )
        await settle(pilot)
        text = screen_text(app)
        assert "▐✓▌ France (FR)" in text
        assert "▐ ▌ Allemagne (DE)" in text
    app, before = scene_app("settings", "fr")
    async with app.run_test(size=(100, 32)) as pilot:
        await before(pilot)
        box = app.screen.query_one("#check-nostop")
        box.scroll_visible(animate=False)
        await settle(pilot)
        mark = "▐✓▌" if box.value else "▐ ▌"  # type: ignore[attr-defined]
        assert mark in screen_text(app)
        box.value = not box.value  # type: ignore[attr-defined]
        await settle(pilot)
        assert ("▐ ▌" if mark == "▐✓▌" else "▐✓▌") in screen_text(app)


async def test_in_16_colours_focus_is_not_the_error_colour() -> None:
    app, before = scene_app("settings", "fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await before(pilot)
        variables = app.get_css_variables()

        def ansi(name: str) -> int | None:
            return Color.parse(variables[name]).downgrade(ColorSystem.STANDARD).number

        assert ansi("accent") != ansi("error")  # focused borders: heavy $accent
        assert ansi("border") != ansi("error")  # focused inputs and selects


async def test_a_focused_compact_input_keeps_its_one_line() -> None:
    # The heavy border of focused tall inputs must not reach the one-line form fields: it
    # made them three lines tall in a one-line box, their value hidden.
    app, before = scene_app("settings", "fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await before(pilot)
        field = app.screen.query_one("#input-sender")
        await focus(pilot, field)
        await settle(pilot)
        assert field.region.height == 1
        assert any("MaBoutique" in line for line in drawn(app, field))
