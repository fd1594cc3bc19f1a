"""The sections of the app, in menu order. Each section is a Textual mode."""

from __future__ import annotations

from dataclasses import dataclass

from isend_tui.i18n import N_, _


@dataclass(frozen=True)
class Section:
    mode: str
    key: str  # the function key that opens it
    title_fr: str  # the seed module's menu label
    short_fr: str  # the word the narrow sidebar shows next to the key (below 100 columns)

    def title(self) -> str:
        return _(self.title_fr)

    def short(self) -> str:
        return _(self.short_fr)


SECTIONS: list[Section] = [
    Section("settings", "f2", N_("Paramétrage"), N_("Réglages")),
    Section("marketing", "f3", N_("Envoi de SMS marketing"), N_("Marketing")),
    Section("notifications", "f4", N_("Envoi de notifications"), N_("Notifs")),
    Section("campaign_history", "f5", N_("État des campagnes"), N_("Campagnes")),
    Section("notification_history", "f6", N_("État des notifications"), N_("Suivi")),
    # Opened first on a configured account; its key after the others' (F7-F9 are the
    # marketing tabs').
    Section("dashboard", "f10", N_("Tableau de bord"), N_("Bilan")),
    Section("automations", "f11", N_("Automatisations"), N_("Autos")),
]
