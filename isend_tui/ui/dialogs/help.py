"""F1: the keys and what each section does."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from isend_tui.i18n import N_, _
from isend_tui.ui.shell.bindings import TranslatedBindings
from isend_tui.ui.shell.screen_actions import ScreenAction
from isend_tui.ui.shell.sections import SECTIONS


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def screen_keys(title: str, actions: list[ScreenAction]) -> list[str]:
    """The current screen's keys (and its actions without one, for the palette)."""
    if not actions:
        return []
    rows = [
        f"| {_cell(a.key) if a.key else _('palette (Ctrl+P)')} | {_cell(a.title)} |"
        for a in actions
    ]
    return [
        "## " + (_("Cet écran : {name}").format(name=title) if title else _("Cet écran")),
        "",
        "| " + _("Touche") + " | " + _("Action") + " |",
        "|---|---|",
        *rows,
        "",
        "## " + _("Partout"),
        "",
    ]


def help_text(title: str = "", actions: list[ScreenAction] | None = None) -> str:
    sections = "\n".join(f"| {s.key.upper()} | {s.title()} |" for s in SECTIONS)
    return "\n".join(
        [
            "# " + _("Aide"),
            "",
            *screen_keys(title, actions or []),
            "| " + _("Touche") + " | " + _("Action") + " |",
            "|---|---|",
            sections,
            "| Tab / Maj+Tab | " + _("champ suivant / précédent") + " |",
            "| " + _("Entrée") + " | " + _("valider, ouvrir") + " |",
            "| Ctrl+S | " + _("enregistrer le formulaire") + " |",
            "| Ctrl+P | " + _("palette de commandes") + " |",
            "| F1 | " + _("cette aide") + " |",
            "| Ctrl+Q | " + _("quitter") + " |",
            "| " + _("Échap") + " | " + _("fermer une fenêtre, annuler") + " |",
            "",
            _(
                "Le pied de page liste les touches de l'écran courant. Les confirmations se "
                "répondent avec o (oui) / n (non) ou Échap."
            ),
        ]
    )


class HelpScreen(TranslatedBindings, ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "dismiss", N_("Fermer")),
        Binding("f1", "dismiss", N_("Fermer"), show=False),
        Binding("q", "dismiss", N_("Fermer"), show=False),
    ]

    def __init__(self, title: str = "", actions: list[ScreenAction] | None = None) -> None:
        super().__init__()
        self._title = title
        self._actions = actions or []

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Markdown(help_text(self._title, self._actions))

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
