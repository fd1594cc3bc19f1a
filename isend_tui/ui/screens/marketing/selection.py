"""Sélection: the criteria choosing the recipients, their live count (asked of the shop
shortly after the last change), saved selections and the suppression list."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Static
from textual.worker import get_current_worker

from isend_tui import formatting
from isend_tui.errors import UserError
from isend_tui.i18n import _, get_language
from isend_tui.segments.basis import Basis
from isend_tui.ui.shell.base import ScreenPart
from isend_tui.ui.widgets.criterion_row import CriterionRow, ShopChoices

if TYPE_CHECKING:
    from isend_tui.segments.counting import RecipientCount
    from isend_tui.segments.service import CountHandle

COUNT_DELAY_S = 0.4  # refresh the count this long after the last change


def format_breakdown(result: RecipientCount) -> str:
    head = _("Destinataires : {n}").format(n=_thousands(result.recipients))
    details = ", ".join(f"{reason.label()} {_thousands(n)}" for reason, n in result.breakdown())
    return head + "  ·  " + _("exclus : {details}").format(details=details)


def format_short(result: RecipientCount) -> str:
    said = formatting.plural(
        result.recipients,
        _("{n} destinataire ({excluded} clients exclus)"),
        _("{n} destinataires ({excluded} clients exclus)"),
    )
    return said.format(n=_thousands(result.recipients), excluded=_thousands(result.excluded))


def _thousands(n: int) -> str:
    """Grouped as the UI's language writes it ("12 344" with a no-break space, "12,344")."""
    return formatting.count(n)


def segment_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


class SelectionTab(VerticalScroll, ScreenPart):
    """The Sélection tab."""

    @dataclass
    class CountShown(Message):
        """The count line changed; the screen repeats `summary` above the tabs."""

        summary: str

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(id="selection", can_focus=False, **kwargs)
        self.choices = ShopChoices()
        self._count_generation = 0
        self._count_handle: CountHandle | None = None  # the count running, if any
        self.last_count: RecipientCount | None = None
        #: the lawful basis the count applies (the Envoi tab chooses it)
        self.basis = Basis.CONSENT
        self.segment_name = ""

    def compose(self) -> ComposeResult:
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

    def on_mount(self) -> None:
        self.load_choices()

    def on_unmount(self) -> None:
        self._stop_count()

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
            found = segment_choices(dsn, get_language())  # "Germany" in English
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
        await self.add_criterion()

    async def add_criterion(self, value: dict[str, Any] | None = None) -> None:
        self.show_tab()
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
            await self.add_criterion(criterion)
        self.query_one("#no-criteria").display = not self.rows()
        self.schedule_count()

    # ------------------------------------------------------------------ count

    def _stop_count(self) -> None:
        """A count in progress is out of date: stop it, on the shop's server too."""
        if self._count_handle is not None:
            self._count_handle.cancel()
            self._count_handle = None

    def schedule_count(self) -> None:
        """Count shortly after the last change; a newer request supersedes older ones."""
        self._stop_count()
        self._count_generation += 1
        generation = self._count_generation
        self.set_timer(COUNT_DELAY_S, lambda: self._maybe_count(generation))

    def _maybe_count(self, generation: int) -> None:
        if generation == self._count_generation:
            self.count_now(asked=False)

    @on(Button.Pressed, "#count")
    def _count_pressed(self) -> None:
        self.count_now()

    def _row_problems(self, *, asked: bool) -> tuple[list[str | None], str | None]:
        """Each row's error (named as the screen names it), and the first field left to
        fill in. A field not filled in yet is an error only once the merchant `asked`
        (Compter, an action), never before: the live count alone does not make it one."""
        problems: list[str | None] = []
        waiting: str | None = None
        for position, row in enumerate(self.rows(), start=1):
            problem = row.problem()
            missing = row.missing()
            if problem is None and missing is not None:
                if asked or row.has_class("-invalid"):  # once said, said until filled in
                    problem = missing
                elif waiting is None:
                    waiting = _("Critère {position} ({name}) : {problem}").format(
                        position=position, name=row.label, problem=missing
                    )
            problems.append(
                _("Critère {position} ({name}) : {problem}").format(
                    position=position, name=row.label, problem=problem
                )
                if problem
                else None
            )
        return problems, waiting

    def checked_segment_dict(self) -> dict[str, Any]:
        """The selection for an action; a row not filled in or unreadable is shown on its
        row and raised (UserError naming the criterion as the screen does)."""
        problems, _waiting = self._row_problems(asked=True)
        for row, problem in zip(self.rows(), problems, strict=True):
            row.show_problem(problem)
        first = next((p for p in problems if p), None)
        if first is not None:
            raise UserError(first, field="segment")
        return self.segment_dict()

    def set_basis(self, basis: Basis) -> None:
        """Count again with this basis: who lacks it is counted "sans consentement"."""
        if basis is not self.basis:
            self.basis = basis
            self.count_now(asked=False)

    def count_now(self, *, asked: bool = True) -> None:
        self._count_generation += 1
        self._stop_count()
        rows = self.rows()
        problems, waiting = self._row_problems(asked=asked)
        for row, problem in zip(rows, problems, strict=True):
            row.show_problem(problem)
        if any(problems):  # a field the row cannot read: say so without asking the shop
            self.last_count = None
            self._set_count_text(f"✗ {next(p for p in problems if p)}")
            return
        if waiting is not None:  # not an error yet: the merchant is filling the row in
            self.last_count = None
            self._set_count_text(waiting)
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
            result = count_segment(
                self.isend.ctx, data, handle, builder=self.isend.copy_builder, basis=self.basis
            )
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
        message = exc.message
        problem = getattr(exc, "problem", None)
        if index is not None and 0 <= index < len(rows) and problem:
            message = _("Critère {position} ({name}) : {problem}").format(
                position=position, name=rows[index].label, problem=problem
            )
        for i, row in enumerate(rows):
            row.show_problem(message if i == index else None)
        self._set_count_text(f"✗ {message}")

    def _set_count_text(self, text: str, *, short: str | None = None) -> None:
        self.query_one("#count-result", Static).update(text)
        self.post_message(self.CountShown(short or text))

    # ------------------------------------------------------------------ saved selections

    def save_segment_as(self) -> None:
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

    # ------------------------------------------------------------------ suppression list

    @work(exclusive=True, group="suppression", exit_on_error=False)
    async def open_suppression(self) -> None:
        from isend_tui.ui.dialogs.suppression import SuppressionDialog

        if await self.app.push_screen_wait(SuppressionDialog()):
            self.schedule_count()  # suppressed numbers leave the recipients
