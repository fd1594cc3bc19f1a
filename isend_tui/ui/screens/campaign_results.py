"""The campaign details' Résultats panel: what the campaign earned (attributed revenue,
hold-out group, each A/B text), and for an A/B test with recipients kept for the winning
text, the action that sends it to them (what `isend-tui campaign winner ID` does)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Select, Static

from isend_tui.campaigns.draws import TEXT_LETTERS
from isend_tui.errors import UserError
from isend_tui.formatting import count, moment
from isend_tui.i18n import _
from isend_tui.ui.dialogs.confirm import ConfirmModal
from isend_tui.ui.safe import shown_lines
from isend_tui.ui.shell.base import ScreenPart

if TYPE_CHECKING:
    from isend_tui.results.winner import WinnerCheck


class CampaignResults(Vertical, ScreenPart):
    """Hidden until the campaign has figures or keeps recipients for a winner."""

    class RemainderReleased(Message):
        """The kept recipients got the winning text: their sending has started."""

    def __init__(self, campaign_id: int, **kwargs: Any) -> None:
        super().__init__(id="results-panel", classes="panel", **kwargs)
        self.campaign_id = campaign_id
        self.check: WinnerCheck | None = None
        self._texts_listed = -1

    def compose(self) -> ComposeResult:
        self.border_title = _("Résultats")
        yield Static("", id="results-lines", markup=False)
        # the winner's choice is mounted only for an A/B test with a remainder (show):
        # a Select costs the details' first frame for every other campaign

    def _winner_row(self) -> Horizontal:
        return Horizontal(
            Select(
                [(_("le texte gagnant"), "")],
                value="",
                allow_blank=False,
                compact=True,
                id="winner-text",
            ),
            Button(_("Envoyer aux destinataires gardés"), id="send-winner"),
            id="winner-row",
            classes="buttons",
        )

    def on_mount(self) -> None:
        self.display = False

    async def show(self, lines: list[str], check: WinnerCheck | None) -> None:
        self.check = check
        text = list(lines)
        if check is not None:
            due = _("dès le {at}").format(at=moment(check.due)) if check.due else _("après l'envoi")
            text.append(
                _("{n} destinataires gardés pour le texte gagnant, à envoyer {due}.").format(
                    n=count(check.held), due=due
                )
            )
        self.query_one("#results-lines", Static).update(shown_lines("\n".join(text)))
        rows = self.query("#winner-row")
        if check is not None and not rows:
            await self.mount(self._winner_row())
        for row in self.query("#winner-row"):
            row.display = check is not None
        if check is not None and check.texts() != self._texts_listed:
            self._texts_listed = check.texts()  # else the merchant's choice stays
            letters = TEXT_LETTERS[: check.texts()]
            self.query_one("#winner-text", Select).set_options(
                [(_("le texte gagnant"), "")]
                + [(_("le texte {letter}").format(letter=x), x) for x in letters]
            )
        self.display = bool(text)

    @on(Button.Pressed, "#send-winner")
    def _send_pressed(self) -> None:
        self.send_winner()

    @work(exclusive=True, group="send-winner", exit_on_error=False)
    async def send_winner(self) -> None:
        import asyncio

        from isend_tui.campaigns.remainder import release_remainder
        from isend_tui.results.winner import require_winner

        choice = str(self.query_one("#winner-text", Select).value or "") or None
        try:
            chosen = require_winner(self.check, self.campaign_id, choice)
        except UserError as exc:
            self.notify(exc.message, severity="error", timeout=10)
            return
        if chosen is None or self.check is None:
            self.notify(
                _(
                    "Pas encore de gagnant significatif : attendez d'autres commandes, "
                    "ou choisissez le texte vous-même."
                ),
                severity="warning",
                timeout=10,
            )
            return
        letter = TEXT_LETTERS[chosen]
        body = _("Envoyer le texte {letter} aux {n} destinataires gardés ?").format(
            letter=letter, n=count(self.check.held)
        )
        if not await self.app.push_screen_wait(
            ConfirmModal(_("Texte gagnant"), body, yes=_("Envoyer"))
        ):
            return
        store = self.isend.ctx.store
        try:
            await asyncio.to_thread(release_remainder, store, self.campaign_id, chosen)
        except UserError as exc:
            self.notify(exc.message, severity="error", timeout=10)
            return
        self.isend.campaigns.resume(self.campaign_id)
        self.post_message(self.RemainderReleased())
