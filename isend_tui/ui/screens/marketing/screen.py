"""Envoi de SMS marketing: three tabs, Sélection (who), Message (what) and Envoi (the
actions and their log), under a line repeating the recipients' count."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Button, Static, TabbedContent, TabPane

from isend_tui.i18n import N_, _
from isend_tui.ui.screens.marketing.message import MessageTab
from isend_tui.ui.screens.marketing.selection import SelectionTab
from isend_tui.ui.screens.marketing.send import SendTab
from isend_tui.ui.screens.marketing.send_log import SendLog
from isend_tui.ui.shell.base import SectionScreen


class MarketingScreen(SectionScreen):
    MODE = "marketing"
    BINDINGS = [
        Binding("ctrl+n", "add_criterion", N_("Ajouter un critère"), id="marketing.add"),
        Binding("ctrl+l", "count", N_("Compter"), id="marketing.count"),
        Binding("ctrl+s", "save_segment", N_("Enregistrer la sélection"), id="marketing.save"),
        Binding("ctrl+o", "load_segment", N_("Ouvrir une sélection"), id="marketing.load"),
        Binding("ctrl+t", "send_test", N_("Envoyer un test"), id="marketing.test"),
        Binding("ctrl+b", "suppression", N_("Liste d'exclusion"), id="marketing.suppression"),
        # F7-F9 work in every terminal; alt+digit is an alias where the terminal sends it.
        Binding("f7,alt+1", "tab('tab-selection')", N_("Sélection"), show=False),
        Binding("f8,alt+2", "tab('tab-message')", N_("Message"), show=False),
        Binding("f9,alt+3", "tab('tab-send')", N_("Envoi"), show=False),
    ]

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        focus = {
            "tab-selection": "#add-criterion",
            "tab-message": "#message-text",
            "tab-send": "#send-now",
        }[tab]
        self.query_one(focus).focus()

    def compose_body(self) -> ComposeResult:
        yield Static("", id="marketing-summary", markup=False)
        with TabbedContent(id="marketing-tabs"):
            with TabPane(_("Sélection") + " (F7)", id="tab-selection"):
                yield SelectionTab()
            with TabPane(_("Message") + " (F8)", id="tab-message"):
                yield MessageTab(self.segment_dict)
            with TabPane(_("Envoi") + " (F9)", id="tab-send"):
                yield SendTab(self)

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        self.query_one(SendLog).replay()

    @on(SelectionTab.CountShown)
    def _count_shown(self, event: SelectionTab.CountShown) -> None:
        self.query_one("#marketing-summary", Static).update(event.summary)

    # ------------------------------------------------------------------ the tabs

    @property
    def selection_tab(self) -> SelectionTab:
        return self.query_one(SelectionTab)

    @property
    def message_tab(self) -> MessageTab:
        return self.query_one(MessageTab)

    # What an action of the Envoi tab reads from the two others (send.CampaignInputs).

    def segment_dict(self) -> dict[str, Any]:
        return self.selection_tab.checked_segment_dict()

    def checked_sender(self) -> str:
        return self.message_tab.checked_sender()

    def checked_message(self) -> str:
        return self.message_tab.checked_message()

    # ------------------------------------------------------------------ key actions

    async def action_add_criterion(self) -> None:
        await self.selection_tab.add_criterion()

    def action_count(self) -> None:
        self.selection_tab.count_now()

    @on(Button.Pressed, "#count-2")
    def _count_pressed(self) -> None:
        self.action_count()  # the Envoi tab's Compter

    def action_save_segment(self) -> None:
        self.selection_tab.save_segment_as()

    def action_load_segment(self) -> None:
        self.selection_tab.pick_segment()

    def action_suppression(self) -> None:
        self.selection_tab.open_suppression()

    def action_send_test(self) -> None:
        self.query_one(SendTab).run_campaign_action("test")
