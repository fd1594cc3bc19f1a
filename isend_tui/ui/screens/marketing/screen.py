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
from isend_tui.ui.shell.screen_actions import ScreenAction


class MarketingScreen(SectionScreen):
    MODE = "marketing"
    # Short words in the footer (it shows the current tab's keys), the whole action in the
    # palette and in F1 (the tooltip).
    BINDINGS = [
        Binding(
            "ctrl+n",
            "add_criterion",
            N_("Ajouter"),
            tooltip=N_("Ajouter un critère"),
            id="marketing.add",
        ),
        Binding(
            "ctrl+l",
            "count",
            N_("Compter"),
            tooltip=N_("Compter les destinataires"),
            id="marketing.count",
        ),
        Binding(
            "ctrl+s",
            "save_segment",
            N_("Enregistrer"),
            tooltip=N_("Enregistrer la sélection"),
            id="marketing.save",
        ),
        Binding(
            "ctrl+o",
            "load_segment",
            N_("Ouvrir"),
            tooltip=N_("Ouvrir une sélection"),
            id="marketing.load",
        ),
        Binding(
            "ctrl+b",
            "suppression",
            N_("Exclusions"),
            tooltip=N_("Liste d'exclusion"),
            id="marketing.suppression",
        ),
        Binding("ctrl+t", "send_test", N_("Envoyer un test"), id="marketing.test"),
        # F7-F9 work in every terminal; alt+digit is an alias where the terminal sends it.
        Binding("f7,alt+1", "tab('tab-selection')", N_("Sélection"), show=False),
        Binding("f8,alt+2", "tab('tab-message')", N_("Message"), show=False),
        Binding("f9,alt+3", "tab('tab-send')", N_("Envoi"), show=False),
    ]
    # The tabs where each key applies (the footer shows those of the tab in front); the
    # palette runs any of them from anywhere, bringing its tab to the front.
    TAB_ACTIONS = {
        "add_criterion": ("tab-selection",),
        "count": ("tab-selection", "tab-send"),
        "save_segment": ("tab-selection",),
        "load_segment": ("tab-selection",),
        "suppression": ("tab-selection", "tab-send"),
        "send_test": ("tab-message", "tab-send"),
    }
    PALETTE_ALWAYS = tuple(TAB_ACTIONS)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        tabs = self.TAB_ACTIONS.get(action)
        if tabs is None or not self.is_mounted:
            return True
        return self.query_one(TabbedContent).active in tabs

    @on(TabbedContent.TabActivated)
    def _tab_shown(self) -> None:
        self.refresh_bindings()  # the footer follows the tab in front

    def _front(self, action: str) -> None:
        """Run from the palette on another tab: bring the action's tab to the front."""
        tabs = self.TAB_ACTIONS.get(action, ())
        if tabs and self.query_one(TabbedContent).active not in tabs:
            self.action_tab(tabs[0])  # and the focus there: it would bring its tab back

    def extra_actions(self) -> list[ScreenAction]:
        """The Envoi tab's buttons, for the palette (no key of their own)."""
        return [
            ScreenAction(_("Envoyer votre campagne immédiatement"), "", "send_now"),
            ScreenAction(_("Programmer l'envoi à une date"), "", "schedule"),
            ScreenAction(_("Exporter répertoire vers iSendPro Telecom"), "", "export"),
        ]

    def action_send_now(self) -> None:
        self.action_tab("tab-send")
        self.query_one(SendTab).run_campaign_action("send")

    def action_schedule(self) -> None:
        """The date is typed first: the palette puts the cursor in its field."""
        self.action_tab("tab-send")
        self._focus_shown("#schedule-at")

    def action_export(self) -> None:
        self.action_tab("tab-send")
        self._focus_shown("#directory-name")

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        focus = {
            "tab-selection": "#add-criterion",
            "tab-message": "#message-text",
            "tab-send": "#send-now",
        }[tab]
        self._focus_shown(focus)

    def _focus_shown(self, selector: str) -> None:
        """Focus a widget of the tab just brought to the front, scrolled into view once the
        tab is laid out (at 80x24 the Envoi tab's buttons are below its first screenful;
        the scroll made by focus() itself used the hidden tab's geometry)."""
        widget = self.query_one(selector)
        widget.focus()
        self.call_after_refresh(widget.scroll_visible, animate=False)

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

    @on(SendTab.BasisChosen)
    def _basis_chosen(self, event: SendTab.BasisChosen) -> None:
        self.selection_tab.set_basis(event.basis)

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

    def checked_variants(self) -> tuple[str, ...]:
        return self.message_tab.checked_variants()

    # ------------------------------------------------------------------ key actions

    async def action_add_criterion(self) -> None:
        self._front("add_criterion")
        await self.selection_tab.add_criterion()

    def action_count(self) -> None:
        self._front("count")
        self.selection_tab.count_now()

    @on(Button.Pressed, "#count-2")
    def _count_pressed(self) -> None:
        self.action_count()  # the Envoi tab's Compter

    def action_save_segment(self) -> None:
        self._front("save_segment")
        self.selection_tab.save_segment_as()

    def action_load_segment(self) -> None:
        self._front("load_segment")
        self.selection_tab.pick_segment()

    def action_suppression(self) -> None:
        self._front("suppression")
        self.selection_tab.open_suppression()

    def action_send_test(self) -> None:
        self._front("send_test")
        self.query_one(SendTab).run_campaign_action("test")
