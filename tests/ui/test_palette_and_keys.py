"""The palette and the footer carry the actions: the palette lists (and runs) the current
screen's actions, the footer shows the keys of the tab in front and fits, F1 lists the
current screen's keys as well as the common ones."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from scenes import scene_app, settle
from support.pilot import until
from support.screen import screen_lines, screen_text
from textual.widgets import Markdown, TabbedContent

from isend_tui import i18n
from isend_tui.ui.widgets.criterion_row import CriterionRow

# The keys each tab of Envoi de SMS marketing shows, and some it must not.
TAB_KEYS = {
    "f7": (["^n Ajouter", "^l Compter", "^s Enregistrer", "^o Ouvrir", "^b Exclusions"], "^t"),
    "f8": (["^r Remplacer hors GSM", "^g Variable", "^t Envoyer un test"], "^n"),
    "f9": (["^l Compter", "^b Exclusions", "^t Envoyer un test"], "^s"),
}


@pytest.fixture(autouse=True)
def scene_home(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("ISEND_TUI_HOME", "")  # restored after the scene changed it
    yield
    i18n.set_language("fr")


@pytest.mark.parametrize("size", [(80, 24), (100, 32)])
async def test_the_footer_shows_the_keys_of_the_tab_in_front(size: tuple[int, int]) -> None:
    app, before = scene_app("marketing", "fr")
    async with app.run_test(size=size) as pilot:
        await before(pilot)
        for tab, (shown, absent) in TAB_KEYS.items():
            await pilot.press(tab)
            await settle(pilot)
            footer = screen_lines(app)[-1]
            for key in [*shown, "^q Quitter", "f1 Aide"]:  # all of them in view
                assert key in footer, (tab, key, footer)
            assert absent not in footer, (tab, footer)


async def test_the_palette_lists_and_runs_the_screens_actions() -> None:
    app, before = scene_app("marketing", "fr")
    async with app.run_test(size=(100, 32)) as pilot:
        await before(pilot)
        await pilot.press("f8")  # the Message tab
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for title in [
            "Envoyer un test",
            "Ajouter un critère",
            "Enregistrer la sélection",
            "Ouvrir une sélection",
            "Liste d'exclusion",
            "Envoyer votre campagne immédiatement",
            "Programmer l'envoi à une date",
            "Exporter répertoire vers iSendPro Telecom",
        ]:
            assert title in titles, title
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"critère")
        await settle(pilot)
        assert "Ajouter un critère" in screen_text(app)
        await pilot.press("down", "enter")  # highlight the hit, run it
        await settle(pilot)
        # Run from the Message tab: its tab comes to the front, the row is added.
        assert app.screen.query_one(TabbedContent).active == "tab-selection"
        assert len(app.screen.query(CriterionRow)) == 2
        await pilot.press("ctrl+p")
        await pilot.press(*"zzqx")
        await until(pilot, lambda: "Aucun résultat" in screen_text(app), "nothing matches")
        assert "No matches" not in screen_text(app)


@pytest.mark.parametrize(
    ("scene", "titles"),
    [
        ("campaign_history", ["Annuler la campagne", "Résultats CSV", "Reprendre"]),
        ("notification_history", ["Régler l'incertaine", "Actualiser"]),
        ("notifications", ["Nouvelle", "Enregistrer"]),
    ],
)
async def test_the_palette_has_each_history_screens_actions(scene: str, titles: list[str]) -> None:
    app, before = scene_app(scene, "fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await before(pilot)
        listed = [c.title for c in app.get_system_commands(app.screen)]
        assert set(titles) <= set(listed)


async def test_f1_lists_the_current_screens_keys_too() -> None:
    app, before = scene_app("campaign_history", "fr")
    async with app.run_test(size=(100, 32)) as pilot:
        await before(pilot)
        await pilot.press("f1")
        await settle(pilot)
        text = screen_text(app)
        assert "Cet écran : État des campagnes" in text
        assert "Annuler la campagne" in text and "^x" in text
        assert "Résultats CSV" in text
    app, before = scene_app("marketing", "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await before(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert "This screen: Marketing SMS" in screen_text(app)
        source = app.screen.query_one(Markdown).source  # the rest is a scroll away
        assert "| ^t | Send a test |" in source and "| ^b | Suppression list |" in source
        assert source.index("Send a test") < source.index("Everywhere")
