"""Envoi de SMS marketing: the recipient selection (criteria, live count, saved segments),
then the message and the actions."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import (
    Button,
    Input,
    Label,
    ProgressBar,
    RichLog,
    Static,
    TabbedContent,
    TabPane,
)
from textual.worker import get_current_worker

from isend_tui.errors import UserError
from isend_tui.i18n import N_, _
from isend_tui.ui.dialogs.confirm import ConfirmModal
from isend_tui.ui.shell.base import SectionScreen
from isend_tui.ui.widgets.criterion_row import CriterionRow, ShopChoices
from isend_tui.ui.widgets.form_field import FormField
from isend_tui.ui.widgets.message_editor import MessageEditor

if TYPE_CHECKING:
    from isend_tui.campaigns.events import CampaignProgress
    from isend_tui.campaigns.flow import Draft, Schedule, Send, SendDecision
    from isend_tui.campaigns.model import CampaignRequest
    from isend_tui.campaigns.plan import CampaignPlan
    from isend_tui.segments.counting import RecipientCount
    from isend_tui.segments.service import CountHandle

COUNT_DELAY_S = 0.4  # refresh the count this long after the last change


def format_breakdown(result: RecipientCount) -> str:
    head = _("Destinataires : {n}").format(n=_thousands(result.recipients))
    details = ", ".join(f"{reason.label()} {_thousands(n)}" for reason, n in result.breakdown())
    return head + "  ·  " + _("exclus : {details}").format(details=details)


def format_short(result: RecipientCount) -> str:
    return _("{n} destinataires ({excluded} clients exclus)").format(
        n=_thousands(result.recipients), excluded=_thousands(result.excluded)
    )


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", " ")


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

    def __init__(self) -> None:
        super().__init__()
        self.choices = ShopChoices()
        self._count_generation = 0
        self._count_handle: CountHandle | None = None  # the count running, if any
        self.last_count: RecipientCount | None = None
        self.segment_name = ""
        self.shown_campaign: int | None = None

    def compose_body(self) -> ComposeResult:
        yield Static("", id="marketing-summary", markup=False)
        with TabbedContent(id="marketing-tabs"):
            with TabPane(_("Sélection") + " (F7)", id="tab-selection"):
                yield from self.compose_selection()
            with TabPane(_("Message") + " (F8)", id="tab-message"):
                yield from self.compose_message()
            with TabPane(_("Envoi") + " (F9)", id="tab-send"):
                yield from self.compose_actions()

    def compose_selection(self) -> ComposeResult:
        with VerticalScroll(id="selection", can_focus=False):
            with Vertical(id="criteria", classes="panel") as criteria:
                criteria.border_title = _("Votre sélection de destinataires")
                yield Static(
                    _("Tous les clients actifs (ajoutez des critères avec Ctrl+N)."),
                    id="no-criteria",
                    markup=False,
                )
            with Horizontal(classes="buttons"):
                yield Button(_("Ajouter un critère"), id="add-criterion")
                yield Button(_("Compter les destinataires"), id="count", variant="primary")
            yield Static("", id="count-result", markup=False)

    def compose_message(self) -> ComposeResult:
        from isend_tui.config import field_problem

        with VerticalScroll(id="message", can_focus=False), Vertical(classes="panel") as panel:
            panel.border_title = _("Votre message")
            yield FormField(
                "campaign_sender",
                _("Émetteur"),
                self.isend.ctx.settings.sender,
                help_text=_(
                    "4 à 11 lettres sans accent ou chiffres, pas uniquement des chiffres ; "
                    "vide = émetteur par défaut du compte (sans mention STOP ajoutée)."
                ),
                check=lambda v: field_problem("sender", v) if v else None,
            )
            yield MessageEditor(
                variables=[
                    ("client_name", _("nom du client")),
                    ("client_surname", _("prénom du client")),
                    ("client_email", _("e-mail du client")),
                ],
                marketing=True,
                sender=self._sender_value,
                id="campaign-message",
            )
            yield Static(
                _(
                    "Le nombre de SMS est donné pour le texte tapé ; après fusion des "
                    "variables, le total réel est montré avant tout envoi."
                ),
                classes="hint",
                markup=False,
            )

    def compose_actions(self) -> ComposeResult:
        with VerticalScroll(id="actions", can_focus=False):
            with Vertical(classes="panel") as panel:
                panel.border_title = _("Actions")
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
                    yield Input(
                        placeholder=_("nom du répertoire"), id="directory-name", compact=True
                    )
                    yield Button(_("Exporter"), id="export", compact=True)
            with Vertical(classes="panel", id="send-log-panel") as log_panel:
                log_panel.border_title = _("Journal d'envoi")
                yield ProgressBar(total=None, show_eta=False, id="send-progress")
                yield RichLog(id="send-log", max_lines=2000, wrap=True, markup=False)

    def on_mount(self) -> None:
        self.load_choices()
        runner = self.isend.campaigns
        runner.progress.subscribe(self, self._on_progress)
        runner.ended.subscribe(self, self._on_ended)

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        self._replay_log()

    # ------------------------------------------------------------------ shop lists

    @work(thread=True, exclusive=True, group="choices", exit_on_error=False)
    def load_choices(self) -> None:
        from isend_tui.segments.choices import segment_choices

        dsn = self.isend.ctx.settings.shop_dsn()
        if dsn is None:
            self.app.call_from_thread(
                self._set_count_text,
                _("Aucune boutique configurée : renseignez la base dans Paramétrage (F2)."),
            )
            return
        try:
            found = segment_choices(dsn)
        except UserError as exc:
            self.app.call_from_thread(self._set_count_text, f"✗ {exc.message}")
            return
        self.app.call_from_thread(self._choices_loaded, found)

    def _choices_loaded(self, found: Any) -> None:
        self.choices.shops[:] = found.shops
        self.choices.groups[:] = found.groups
        self.choices.countries[:] = found.countries
        self.schedule_count()

    # ------------------------------------------------------------------ criteria

    def rows(self) -> list[CriterionRow]:
        return list(self.query(CriterionRow))

    def segment_dict(self) -> dict[str, Any]:
        return {
            "version": 1,
            "name": self.segment_name or _("Sélection sans nom"),
            "criteria": [row.to_dict() for row in self.rows()],
        }

    @on(Button.Pressed, "#add-criterion")
    async def _add_pressed(self) -> None:
        await self.action_add_criterion()

    async def action_add_criterion(self, value: dict[str, Any] | None = None) -> None:
        self.query_one(TabbedContent).active = "tab-selection"
        row = CriterionRow(self.choices, value)
        await self.query_one("#criteria").mount(row)
        self.query_one("#no-criteria").display = False
        row.query_one(".criterion-kind").focus()
        self.schedule_count()

    @on(CriterionRow.Removed)
    async def _row_removed(self, event: CriterionRow.Removed) -> None:
        await event.row.remove()
        self.query_one("#no-criteria").display = not self.rows()
        self.query_one("#add-criterion").focus()
        self.schedule_count()

    @on(CriterionRow.Changed)
    def _row_changed(self, event: CriterionRow.Changed) -> None:
        self.schedule_count()

    async def set_segment(self, data: dict[str, Any]) -> None:
        for row in self.rows():
            await row.remove()
        self.segment_name = str(data.get("name") or "")
        for criterion in data.get("criteria", []):
            await self.action_add_criterion(criterion)
        self.query_one("#no-criteria").display = not self.rows()
        self.schedule_count()

    # ------------------------------------------------------------------ count

    def _stop_count(self) -> None:
        """A count in progress is out of date: stop it, on the shop's server too."""
        if self._count_handle is not None:
            self._count_handle.cancel()
            self._count_handle = None

    def on_unmount(self) -> None:
        self._stop_count()

    def schedule_count(self) -> None:
        """Count shortly after the last change; a newer request supersedes older ones."""
        self._stop_count()
        self._count_generation += 1
        generation = self._count_generation
        self.set_timer(COUNT_DELAY_S, lambda: self._maybe_count(generation))

    def _maybe_count(self, generation: int) -> None:
        if generation == self._count_generation:
            self.action_count()

    @on(Button.Pressed, "#count")
    def _count_pressed(self) -> None:
        self.action_count()

    def action_count(self) -> None:
        self._count_generation += 1
        self._stop_count()
        rows = self.rows()
        problems: list[str | None] = []
        for position, row in enumerate(rows, start=1):
            problem = row.problem()
            problems.append(
                _("Critère {position} ({name}) : {problem}").format(
                    position=position, name=row.kind, problem=problem
                )
                if problem
                else None
            )
        if any(problems):  # a field the row cannot read: say so without asking the shop
            self.last_count = None
            for row, problem in zip(rows, problems, strict=True):
                row.show_problem(problem)
            self._set_count_text(f"✗ {next(p for p in problems if p)}")
            return
        from isend_tui.segments.service import CountHandle

        self._set_count_text(_("Comptage…"))
        self._count_handle = CountHandle()
        self.count(self._count_generation, self.segment_dict(), self._count_handle)

    @work(thread=True, exclusive=True, group="count", exit_on_error=False)
    def count(self, generation: int, data: dict[str, Any], handle: CountHandle) -> None:
        from isend_tui.segments.service import count_segment

        worker = get_current_worker()
        try:
            result = count_segment(self.isend.ctx, data, handle, builder=self.isend.copy_builder)
        except UserError as exc:
            if not worker.is_cancelled and not handle.cancelled:
                self.app.call_from_thread(self._count_failed, generation, exc)
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._counted, generation, result)

    def _counted(self, generation: int, result: RecipientCount) -> None:
        if generation != self._count_generation:
            return  # an older request: the latest one wins
        self.last_count = result
        for row in self.rows():
            row.show_problem(None)
        self._set_count_text(format_breakdown(result), short=format_short(result))

    def _count_failed(self, generation: int, exc: UserError) -> None:
        if generation != self._count_generation:
            return
        self.last_count = None
        position = getattr(exc, "position", None)  # SegmentError: 1-based criterion number
        index = position - 1 if isinstance(position, int) else None
        rows = self.rows()
        for i, row in enumerate(rows):
            row.show_problem(exc.message if i == index else None)
        self._set_count_text(f"✗ {exc.message}")

    def _set_count_text(self, text: str, *, short: str | None = None) -> None:
        self.query_one("#count-result", Static).update(text)
        self.query_one("#marketing-summary", Static).update(short or text)

    # ------------------------------------------------------------------ message

    def _sender_value(self) -> str:
        fields = self.query("#field-campaign_sender")
        if not fields:
            return self.isend.ctx.settings.sender
        return fields.first(FormField).value

    @on(Input.Changed, "#input-campaign_sender")
    def _sender_changed(self) -> None:
        editors = self.query(MessageEditor)
        if editors:
            editors.first().refresh_counter()

    # ------------------------------------------------------------------ actions

    @on(Button.Pressed, "#count-2")
    def _count2(self) -> None:
        self.action_count()

    @on(Button.Pressed, "#send-test")
    def _test_pressed(self) -> None:
        self.action_send_test()

    @on(Button.Pressed, "#send-now")
    def _send_now(self) -> None:
        self.run_campaign_action("send")

    @on(Button.Pressed, "#schedule")
    def _schedule(self) -> None:
        self.run_campaign_action("schedule")

    @on(Button.Pressed, "#export")
    def _export(self) -> None:
        self.run_campaign_action("export")

    def action_send_test(self) -> None:
        self.run_campaign_action("test")

    def _request(self, action: str) -> CampaignRequest:
        """What the merchant asks for, checked field by field (UserError names the field)."""
        from isend_tui.campaigns.model import CampaignKind, CampaignRequest
        from isend_tui.campaigns.service import parse_schedule

        sender_field = self.query_one("#field-campaign_sender", FormField)
        problem = sender_field.show_problem()
        if problem:
            raise UserError(_("Émetteur : {problem}").format(problem=problem), field="sender")
        editor = self.query_one("#campaign-message", MessageEditor)
        label = self.query_one("#campaign-label", Input).value.strip()
        segment = self.segment_dict()
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
            )
        blocking = [p for p in editor.problems if p.startswith("✗")]
        if not editor.text.strip():
            raise UserError(_("Le message est vide : écrivez-le dans l'onglet Message."))
        if blocking:
            raise UserError(blocking[0].removeprefix("✗ "), field="message")
        scheduled = None
        if action == "schedule":
            text = self.query_one("#schedule-at", Input).value
            scheduled = parse_schedule(text)
        return CampaignRequest(
            message=editor.text,
            sender=sender_field.value,
            label=label,
            segment=segment,
            scheduled_for=scheduled,
        )

    @work(exclusive=True, group="campaign-action", exit_on_error=False)
    async def run_campaign_action(self, action: str) -> None:
        try:
            await self._run_action(action)
        except UserError as exc:
            self._log_line(f"✗ {exc.message}")
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
        self.query_one(TabbedContent).active = "tab-send"
        self._set_busy(True)
        try:
            campaign_id = await asyncio.to_thread(self._prepare, request)
        except BaseException:
            self._set_busy(False)
            raise
        self.shown_campaign = campaign_id
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
        self._log_line(
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

    # ------------------------------------------------------------------ the log panel

    def _set_busy(self, busy: bool) -> None:
        """Disable the actions while one is prepared; give the focus back afterwards (a
        disabled button loses it, which would leave a keyboard user nowhere)."""
        if busy:
            self._focus_before_busy = self.focused
        for button_id in ("#send-now", "#schedule", "#export", "#send-test"):
            self.query_one(button_id, Button).disabled = busy
        if not busy:
            previous = getattr(self, "_focus_before_busy", None)
            if previous is not None and previous.is_attached:
                previous.focus()

    def _log_line(self, text: str) -> None:
        self.query_one("#send-log", RichLog).write(text)

    def _on_progress(self, event: CampaignProgress) -> None:
        if self.shown_campaign is None:
            self.shown_campaign = event.campaign_id
        if event.campaign_id != self.shown_campaign:
            return
        marker = {"error": "✗ ", "warning": "! "}.get(str(event.level), "")
        self._log_line(marker + event.line())
        self._update_progress(event)

    def _update_progress(self, event: CampaignProgress) -> None:
        bar = self.query_one("#send-progress", ProgressBar)
        data = event.data or {}
        total = data.get("total") or data.get("recipients")
        done = data.get("done")
        if isinstance(total, int) and total > 0:
            bar.update(total=total)
        if isinstance(done, int):
            bar.update(progress=done)

    def _on_ended(self, campaign_id: int) -> None:
        if campaign_id == self.shown_campaign:
            bar = self.query_one("#send-progress", ProgressBar)
            if bar.total is not None:
                bar.update(progress=bar.total)

    def _replay_log(self) -> None:
        """Coming back to the screen: show the followed campaign's log again."""
        runner = self.isend.campaigns
        campaign_id = self.shown_campaign or runner.last_campaign
        if campaign_id is None:
            return
        self.shown_campaign = campaign_id
        log = self.query_one("#send-log", RichLog)
        log.clear()
        for event in runner.log_of(campaign_id):
            marker = {"error": "✗ ", "warning": "! "}.get(str(event.level), "")
            log.write(marker + event.line())
            self._update_progress(event)

    # ------------------------------------------------------------------ saved segments

    def action_save_segment(self) -> None:
        from isend_tui.ui.dialogs.segment_dialogs import SaveSegmentDialog

        def save(name: str | None) -> None:
            if name:
                self.segment_name = name
                self.save_segment(name, self.segment_dict())

        self.app.push_screen(SaveSegmentDialog(self.segment_name), save)

    @work(thread=True, exclusive=True, group="segments", exit_on_error=False)
    def save_segment(self, name: str, data: dict[str, Any]) -> None:
        from isend_tui.segments.service import save_segment

        try:
            path = save_segment(self.isend.ctx, name, data)
        except UserError as exc:
            self.app.call_from_thread(self.notify, exc.message, severity="error", timeout=10)
            return
        self.app.call_from_thread(
            self.notify,
            _("Sélection « {name} » enregistrée ({path}).").format(name=name, path=path),
        )

    def action_suppression(self) -> None:
        self.open_suppression()

    @work(exclusive=True, group="suppression", exit_on_error=False)
    async def open_suppression(self) -> None:
        from isend_tui.ui.dialogs.suppression import SuppressionDialog

        if await self.app.push_screen_wait(SuppressionDialog()):
            self.schedule_count()  # suppressed numbers leave the recipients

    def action_load_segment(self) -> None:
        self.pick_segment()

    @work(exclusive=True, group="segments", exit_on_error=False)
    async def pick_segment(self) -> None:
        from isend_tui.segments.service import list_segments, load_segment
        from isend_tui.ui.dialogs.segment_dialogs import LoadSegmentDialog

        names = list_segments(self.isend.ctx)
        if not names:
            self.notify(_("Aucune sélection enregistrée (Ctrl+S pour en enregistrer une)."))
            return
        name = await self.app.push_screen_wait(LoadSegmentDialog(names))
        if not name:
            return
        try:
            data = load_segment(self.isend.ctx, name)
        except UserError as exc:
            self.notify(exc.message, severity="error", timeout=10)
            return
        await self.set_segment(data)
        self.notify(_("Sélection « {name} » chargée.").format(name=name))


def segment_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
