"""Envoi: the campaign label and the actions (a test SMS, send now, schedule, export to an
iSendPro directory), the questions campaigns.flow decides on, and the send log below."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Checkbox, Input, Label, Select

from isend_tui.campaigns.draws import DEFAULT_REMAINDER_PCT
from isend_tui.errors import UserError
from isend_tui.i18n import _
from isend_tui.segments.basis import Basis, basis_label
from isend_tui.ui.dialogs.confirm import ConfirmModal
from isend_tui.ui.screens.marketing.send_log import SendLog
from isend_tui.ui.shell.base import ScreenPart

if TYPE_CHECKING:
    from textual.widget import Widget

    from isend_tui.campaigns.flow import Draft, Schedule, Send, SendDecision
    from isend_tui.campaigns.model import CampaignRequest
    from isend_tui.campaigns.plan import CampaignPlan

ACTION_BUTTONS = ("#send-now", "#schedule", "#export", "#send-test")


class CampaignInputs(Protocol):
    """What the other tabs give an action; each check raises a UserError naming the field."""

    def segment_dict(self) -> dict[str, Any]:
        """The recipients selected (Sélection)."""
        ...

    def checked_sender(self) -> str:
        """The sender typed (Message), checked."""
        ...

    def checked_message(self) -> str:
        """The message typed (Message), checked."""
        ...

    def checked_variants(self) -> tuple[str, ...]:
        """The A/B test's other texts (Message), checked; none without a test."""
        ...


class SendTab(VerticalScroll, ScreenPart):
    """The Envoi tab. Its buttons run one action at a time; Compter (#count-2) is the
    screen's."""

    def __init__(self, inputs: CampaignInputs, **kwargs: Any) -> None:
        super().__init__(id="actions", can_focus=False, **kwargs)
        self.inputs = inputs
        self._focus_before_busy: Widget | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="panel") as panel:
            panel.border_title = _("Actions")
            yield Label(_("Base légale (gardée en preuve pour chaque destinataire)"),
                        classes="field-label")  # fmt: skip
            yield Select(
                [(basis_label(b.value), b.value) for b in Basis],
                value=Basis.CONSENT.value,
                allow_blank=False,
                id="basis",
                compact=True,
            )
            yield Checkbox(
                _("Envoyer aussi aux numéros qui ont atteint le plafond de fréquence"),
                id="ignore-cap",
                compact=True,
            )
            yield Label(
                _("Groupe témoin : % des destinataires gardés sans SMS, au hasard (0 à 50)"),
                classes="field-label",
            )
            yield Input(value="0", type="integer", max_length=2, id="holdout", compact=True)
            yield Label(
                _("Test A/B : envoyer le texte gagnant après N heures (vide : non)"),
                classes="field-label",
            )
            yield Input(
                type="integer",
                max_length=3,
                placeholder=_("heures, par exemple 24"),
                id="winner-after",
                compact=True,
            )
            yield Label(
                _("Part des destinataires gardée pour le gagnant (%)"), classes="field-label"
            )
            yield Input(
                type="integer",
                max_length=2,
                placeholder=_("{pct} par défaut").format(pct=DEFAULT_REMAINDER_PCT),
                id="remainder",
                compact=True,
            )
            yield Label(
                _(
                    "Test A/B des heures d'envoi : 2 à 4 heures à comparer, séparées par des "
                    "virgules (vide : non ; la campagne part alors à ces heures)"
                ),
                classes="field-label",
            )
            yield Input(
                placeholder=_("AAAA-MM-JJ HH:MM, AAAA-MM-JJ HH:MM"), id="send-times", compact=True
            )
            yield Label(_("Libellé de la campagne"), classes="field-label")
            yield Input(
                placeholder=_("par défaut : date et segment"), id="campaign-label", compact=True
            )
            with Horizontal(classes="buttons"):
                yield Button(_("Compter les destinataires"), id="count-2")
                yield Button(_("Envoyer un test"), id="send-test")
            with Horizontal(classes="buttons"):
                yield Button(
                    _("Envoyer votre campagne immédiatement"), id="send-now", variant="primary"
                )
            yield Label(
                _("Envoyer votre campagne à la date suivante (heure de Paris)"),
                classes="field-label",
            )
            with Horizontal(classes="inline"):
                yield Input(placeholder="AAAA-MM-JJ HH:MM", id="schedule-at", compact=True)
                yield Button(_("Programmer"), id="schedule", compact=True)
            yield Label(_("Exporter répertoire vers iSendPro Telecom"), classes="field-label")
            with Horizontal(classes="inline"):
                yield Input(placeholder=_("nom du répertoire"), id="directory-name", compact=True)
                yield Button(_("Exporter"), id="export", compact=True)
        yield SendLog()

    class BasisChosen(Message):
        """The merchant chose the lawful basis: the count follows it."""

        def __init__(self, basis: Basis) -> None:
            super().__init__()
            self.basis = basis

    @on(Select.Changed, "#basis")
    def _basis_changed(self, event: Select.Changed) -> None:
        self.post_message(self.BasisChosen(self.basis))

    @property
    def basis(self) -> Basis:
        return Basis(str(self.query_one("#basis", Select).value))

    @property
    def log_panel(self) -> SendLog:
        return self.query_one(SendLog)

    @on(Button.Pressed, "#send-test")
    def _test_pressed(self) -> None:
        self.run_campaign_action("test")

    @on(Button.Pressed, "#send-now")
    def _send_now(self) -> None:
        self.run_campaign_action("send")

    @on(Button.Pressed, "#schedule")
    def _schedule(self) -> None:
        self.run_campaign_action("schedule")

    @on(Button.Pressed, "#export")
    def _export(self) -> None:
        self.run_campaign_action("export")

    def _request(self, action: str) -> CampaignRequest:
        """What the merchant asks for, checked field by field (UserError names the field)."""
        from isend_tui.campaigns.draws import MAX_REMAINDER_PCT, MAX_WINNER_AFTER_HOURS
        from isend_tui.campaigns.model import CampaignKind, CampaignRequest
        from isend_tui.campaigns.service import parse_schedule
        from isend_tui.campaigns.validation import parse_send_times, remainder_share

        sender = self.inputs.checked_sender()
        label = self.query_one("#campaign-label", Input).value.strip()
        segment = self.inputs.segment_dict()
        if action == "export":
            name = self.query_one("#directory-name", Input).value.strip()
            if not name:
                raise UserError(
                    _("Donnez un nom au répertoire à créer sur votre compte iSendPro."),
                    field="directory_name",
                )
            return CampaignRequest(
                label=label or _("Export : {name}").format(name=name),
                segment=segment,
                kind=CampaignKind.EXPORT,
                directory_name=name,
                basis=self.basis,
            )
        message = self.inputs.checked_message()
        variants = self.inputs.checked_variants()
        winner_after = self._whole_number(
            "#winner-after",
            _(
                "Test A/B : donnez le délai avant l'envoi du texte gagnant en heures entières "
                "(1 à {high}), ou laissez le champ vide."
            ).format(high=MAX_WINNER_AFTER_HOURS),
            "winner_after",
        )
        remainder = self._whole_number(
            "#remainder",
            _(
                "Part gardée pour le gagnant : donnez un nombre entier de 1 à {high} (% des "
                "destinataires), ou laissez le champ vide ({pct} %)."
            ).format(high=MAX_REMAINDER_PCT, pct=DEFAULT_REMAINDER_PCT),
            "remainder",
        )
        scheduled = None
        if action == "schedule":
            text = self.query_one("#schedule-at", Input).value
            scheduled = parse_schedule(text)
        return CampaignRequest(
            message=message,
            sender=sender,
            label=label,
            segment=segment,
            scheduled_for=scheduled,
            basis=self.basis,
            ignore_cap=self.query_one("#ignore-cap", Checkbox).value,
            holdout_pct=self._holdout(),
            variants=variants,
            remainder_pct=remainder_share(remainder, winner_after),
            winner_after_hours=winner_after,
            send_times=parse_send_times(self.query_one("#send-times", Input).value),
        )

    def _holdout(self) -> int:
        """The hold-out share typed (empty: none); its range is checked with the request."""
        text = self.query_one("#holdout", Input).value.strip()
        if not text:
            return 0
        if not text.isdigit():
            raise UserError(
                _("Groupe témoin : donnez un nombre entier de 0 à 50 (% des destinataires)."),
                field="holdout",
            )
        return int(text)

    def _whole_number(self, selector: str, problem: str, field: str) -> int | None:
        """A whole number typed (empty: None); the request checks its range."""
        text = self.query_one(selector, Input).value.strip()
        if not text:
            return None
        if not text.isdigit():
            raise UserError(problem, field=field)
        return int(text)

    @work(exclusive=True, group="campaign-action", exit_on_error=False)
    async def run_campaign_action(self, action: str) -> None:
        try:
            await self._run_action(action)
        except UserError as exc:
            self.log_panel.line(f"✗ {exc.message}")
            self.notify(exc.message, severity="error", timeout=12)

    async def _run_action(self, action: str) -> None:
        import asyncio

        from isend_tui.campaigns import flow
        from isend_tui.campaigns.sending import require_admin_phone

        request = self._request(action)
        test = action == "test"
        settings = self.isend.ctx.settings
        if test:
            require_admin_phone(settings)  # said before the whole segment is prepared for nothing
        self.show_tab()
        self._set_busy(True)
        self.log_panel.expect_new()
        try:
            campaign_id = await asyncio.to_thread(self._prepare, request)
        except BaseException:
            self.log_panel.stop_expecting()
            self._set_busy(False)
            raise
        self.log_panel.follow(campaign_id)
        # The draft is dropped on every way out that does not send it (a gateway error too).
        async with flow.Draft(self.isend.ctx.store, campaign_id) as draft:
            try:
                credit = await self.isend.gateway_client().credit()
                plan = await asyncio.to_thread(self._plan, campaign_id, credit)
            finally:
                self._set_busy(False)
            await self._answer(
                draft, flow.decide(plan, test=test, admin_phone=settings.admin_phone)
            )

    async def _answer(self, draft: Draft, decision: SendDecision) -> None:
        """Ask what the decision needs, then send, schedule or drop the draft."""
        import asyncio

        from isend_tui.campaigns import flow
        from isend_tui.campaigns.model import CampaignKind

        plan = decision.plan
        body = "\n".join(plan.lines)
        if isinstance(decision, flow.Refuse):
            await asyncio.to_thread(draft.discard)
            if decision.test:
                raise decision.error  # shown like any error of the test action
            await self.app.push_screen_wait(
                ConfirmModal(_("Envoi impossible"), body, yes=_("Compris"))
            )
            return
        if isinstance(decision, flow.Send) and decision.test:
            await self._send_test(plan.campaign_id)
            return
        if isinstance(decision, flow.Schedule):
            slot = decision.slot.strftime("%d/%m/%Y %H:%M")
            body = "\n".join(
                [
                    *plan.lines,
                    "",
                    _(
                        "Les SMS marketing ne partent pas en dehors de la plage autorisée. "
                        "Programmer l'envoi au {slot} (heure de Paris) ?"
                    ).format(slot=slot),
                    _("Un envoi programmé ne peut plus être annulé (l'API ne le permet pas)."),
                ]
            )
            if await self.app.push_screen_wait(
                ConfirmModal(_("Hors plage d'envoi"), body, yes=_("Programmer"))
            ):
                self.isend.campaigns.send(await self._accept(draft, decision))
            return
        if plan.kind == CampaignKind.EXPORT:
            if await self.app.push_screen_wait(
                ConfirmModal(_("Exporter le répertoire"), body, yes=_("Exporter"))
            ):
                self.isend.campaigns.export(await self._accept(draft, decision))
            return
        if decision.scheduled:
            body += "\n\n" + _(
                "Un envoi programmé ne peut plus être annulé (l'API ne le permet pas)."
            )
        title = _("Programmer la campagne") if decision.scheduled else _("Envoyer la campagne")
        yes = _("Programmer") if decision.scheduled else _("Envoyer")
        if await self.app.push_screen_wait(ConfirmModal(title, body, yes=yes)):
            self.isend.campaigns.send(await self._accept(draft, decision))
            return
        await asyncio.to_thread(draft.discard)
        self.log_panel.line(
            _("Campagne {id} abandonnée : rien n'a été envoyé.").format(id=plan.campaign_id)
        )

    async def _accept(self, draft: Draft, decision: Send | Schedule) -> int:
        """The merchant said yes: the draft is kept (moved to its slot for a Schedule)."""
        import asyncio

        settings, clock = self.isend.ctx.settings, self.isend.clock
        return await asyncio.to_thread(
            lambda: draft.accept(decision, settings=settings, clock=clock)
        )

    def _prepare(self, request: CampaignRequest) -> int:
        """Blocking: materialise the recipients into a draft campaign."""
        from isend_tui.campaigns.service import prepare_from_shop
        from isend_tui.campaigns.suppression import AccountReader
        from isend_tui.config import shop_dsn
        from isend_tui.segments.segment_file import segment_from_dict

        ctx = self.isend.ctx
        return prepare_from_shop(
            ctx.store,
            shop_dsn(None, ctx.settings),
            segment_from_dict(dict(request.segment)),
            request,
            settings=ctx.settings,
            clock=self.isend.clock,
            on_event=self.isend.campaigns.record_from_thread,
            blacklist=AccountReader(ctx.settings, self.isend.gateway_transport),
        )

    def _plan(self, campaign_id: int, credit: Any) -> CampaignPlan:
        from isend_tui.campaigns.service import plan_campaign

        ctx = self.isend.ctx
        return plan_campaign(
            ctx.store,
            campaign_id,
            settings=ctx.settings,
            credit=credit,
            clock=self.isend.clock,
            on_event=self.isend.campaigns.record_from_thread,
        )

    async def _send_test(self, campaign_id: int) -> None:
        import asyncio

        from isend_tui.campaigns.errors import NothingToTest
        from isend_tui.campaigns.service import campaign_recipients, send_test
        from isend_tui.ui.dialogs.recipient_picker import RecipientPicker

        store = self.isend.ctx.store
        rows = await asyncio.to_thread(
            lambda: campaign_recipients(store, campaign_id, state="pending", limit=50)
        )
        if not rows:
            raise NothingToTest()
        recipient_id = await self.app.push_screen_wait(RecipientPicker(rows))
        if recipient_id is None:
            return
        result = await send_test(
            store,
            self.isend.gateway_client(),
            campaign_id,
            self.isend.ctx.settings,
            recipient_id=recipient_id,
            clock=self.isend.clock,
            on_event=self.isend.campaigns.record,
        )
        self.notify(_("SMS de test envoyé au {number}.").format(number=result.number), timeout=8)

    def _set_busy(self, busy: bool) -> None:
        """Disable the actions while one is prepared; give the focus back afterwards (a
        disabled button loses it, which would leave a keyboard user nowhere)."""
        if busy:
            self._focus_before_busy = self.screen.focused
        for button_id in ACTION_BUTTONS:
            self.query_one(button_id, Button).disabled = busy
        if not busy:
            previous = self._focus_before_busy
            if previous is not None and previous.is_attached:
                previous.focus()
