"""80x24 is a first-class size: every screen fits, the sidebar folds to its keys, the
criteria rows wrap and the tables show their most useful columns first."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from scenes import SCENES, scene_app, settle
from support.pilot import focus
from support.screen import screen_lines, screen_text
from textual.widget import Widget
from textual.widgets import Footer, Select

from isend_tui import i18n
from isend_tui.ui.widgets.criterion_row import CriterionRow
from isend_tui.ui.widgets.sidebar import Sidebar

SHORT_MENU = ["F2 Réglages", "F3 Marketing", "F4 Notifs", "F5 Campagnes", "F6 Suivi"]


@pytest.fixture(autouse=True)
def scene_home(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("ISEND_TUI_HOME", "")  # restored after the scene changed it
    yield
    i18n.set_language("fr")


def cut_off(app: Any) -> list[Widget]:
    """The widgets shown that do not fit in the terminal's width (the footer scrolls its
    keys: test_palette_and_keys.py checks the current tab's are in view)."""
    width = app.screen.size.width
    return [
        widget
        for widget in app.screen.query("*")
        if widget.display
        and widget.region.width
        and widget.region.right > width
        and not any(isinstance(node, Footer) for node in widget.ancestors_with_self)
    ]


@pytest.mark.parametrize("scene", SCENES)
async def test_every_screen_fits_80x24_with_the_sidebar_folded(scene: str) -> None:
    app, before = scene_app(scene, "fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await before(pilot)
        assert app.screen.has_class("-narrow")
        assert cut_off(app) == []
        sidebar = app.screen.query_one(Sidebar)
        assert sidebar.region.width <= 14  # the body keeps 66 of the 80 columns
        lines = screen_lines(app)
        # Each section on one line, its key and a word.
        for entry in SHORT_MENU:
            assert any(entry in line for line in lines), entry


async def test_the_sidebar_shows_whole_titles_from_100_columns() -> None:
    app, before = scene_app("settings", "fr")
    async with app.run_test(size=(100, 32)) as pilot:
        await before(pilot)
        text = screen_text(app)
        assert "F2  Paramétrage" in text and "F5  État des campagnes" in text
        assert cut_off(app) == []
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert "F5 Campagnes" in screen_text(app)


async def test_a_criterion_row_wraps_its_fields_at_80x24() -> None:
    app, before = scene_app("marketing", "fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await before(pilot)
        row = app.screen.query_one(CriterionRow)
        kind = row.query_one(".criterion-kind", Select)
        kind.value = "age"
        await settle(pilot)
        operator = row.query_one(".crit-op", Select)
        operator.value = "between"
        await settle(pilot)
        # The operator reads "entre" on one line, the fields under the criterion.
        assert operator.region.width >= len("entre") + 3
        assert operator.region.y == kind.region.y + 1  # the next line, no gap
        assert any("entre" in line for line in screen_lines(app))
        assert cut_off(app) == []
        # Tab still goes from the criterion to its fields, Retirer last.
        await focus(pilot, kind)
        await pilot.press("tab")
        await settle(pilot)
        assert app.focused is operator


async def test_the_history_tables_show_the_outcome_at_80_columns() -> None:
    app, before = scene_app("campaign_history", "fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await before(pilot)
        header = next(line for line in screen_lines(app) if "Libellé" in line)
        assert "État" in header and "Envoyés" in header
    app, before = scene_app("notification_history", "fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await before(pilot)
        header = next(line for line in screen_lines(app) if "Numéro de portable" in line)
        assert "Code retour" in header
        assert "✓ 0 accepté" in screen_text(app)
