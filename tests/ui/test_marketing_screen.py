"""Envoi de SMS marketing driven like a merchant: criteria, live count, message, actions.
The sandbox's log (a real localhost server with a state file) says what was sent."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from support.pilot import settle, until
from support.shop_builder import ShopBuilder, sqlite_shop_dsn
from textual.widgets import Input, Select, Static, TextArea

from isend_tui.app import ISendApp
from isend_tui.campaigns.proof import proof_summary
from isend_tui.campaigns.service import list_campaigns
from isend_tui.context import AppContext
from isend_tui.gateway.sandbox.server import SandboxThread
from isend_tui.segments.counting import count_recipients
from isend_tui.segments.segment_file import segment_from_dict
from isend_tui.shop.dsn import ShopDsn
from isend_tui.ui.screens.marketing import COUNT_DELAY_S
from isend_tui.ui.screens.marketing.selection import SelectionTab
from isend_tui.ui.widgets.criterion_row import CriterionRow, format_day, parse_day
from isend_tui.ui.widgets.message_editor import MessageEditor

PARIS = ZoneInfo("Europe/Paris")
TUESDAY_10AM = datetime(2026, 3, 10, 10, 0, tzinfo=PARIS)
SUNDAY_10AM = datetime(2026, 3, 8, 10, 0, tzinfo=PARIS)


def tuesday() -> datetime:
    return TUESDAY_10AM


@pytest.fixture
def shop(tmp_path: Path) -> Iterator[ShopDsn]:
    """Five customers: three newsletter subscribers with mobiles (one named Benoît), one
    subscriber with a landline only, one non-subscriber with a mobile."""
    dsn = sqlite_shop_dsn(tmp_path)
    with ShopBuilder(dsn, version="8").create() as shop:
        for first, last, mobile, newsletter in [
            ("Alice", "Martin", "06 12 34 56 01", 1),
            ("Benoît", "Lefèvre", "06 12 34 56 02", 1),
            ("Chloé", "Roy", "+33 7 51 23 45 03", 1),
            ("Denis", "Fixe", None, 1),
            ("Emma", "Nonabo", "06 12 34 56 05", 0),
        ]:
            c = shop.customer(firstname=first, lastname=last, newsletter=newsletter)
            shop.address(c, phone_mobile=mobile, phone=None if mobile else "01 23 45 67 89")
    yield dsn


@pytest.fixture
def shop_ctx(ctx: AppContext, shop: ShopDsn, sandbox: SandboxThread) -> AppContext:
    ctx.save_settings(
        dataclasses.replace(
            ctx.settings,
            keyid=sandbox.account.keyid,
            sender="MaBoutique",
            admin_phone="06 01 02 03 04",
            shop_kind="sqlite",
            shop_path=shop.path,
        )
    )
    return ctx


COUNT_WAIT = COUNT_DELAY_S + 0.1  # the live count starts this long after a change


async def _add_criterion(app: ISendApp, pilot, kind: str) -> CriterionRow:  # type: ignore[no-untyped-def]
    """A new criterion row (ctrl+n) switched to `kind`."""
    await pilot.press("ctrl+n")
    await pilot.pause()
    row = app.screen.query_one(CriterionRow)
    row.query_one(".criterion-kind", Select).value = kind
    await pilot.pause()
    return row


def _modal(app: ISendApp) -> bool:
    from isend_tui.ui.dialogs.confirm import ConfirmModal

    return isinstance(app.screen, ConfirmModal)


def _count_text(app: ISendApp) -> str:
    return str(app.screen.query_one("#count-result", Static).content)


def test_a_count_made_out_of_date_is_not_run(shop_ctx: AppContext) -> None:
    from isend_tui.segments.service import CountHandle, count_segment
    from isend_tui.shop.errors import ShopQueryInterrupted

    data = {"version": 1, "name": "t", "criteria": []}
    stale = CountHandle()
    stale.cancel()  # the criteria changed before this count reached the shop
    with pytest.raises(ShopQueryInterrupted, match="plus récente"):
        count_segment(shop_ctx, data, stale)
    assert count_segment(shop_ctx, data, CountHandle()).recipients == 4


async def test_criteria_added_with_the_keyboard_update_the_count(
    shop_ctx: AppContext, shop: ShopDsn
) -> None:
    app = ISendApp(shop_ctx, start_mode="marketing", clock=tuesday)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot, after=COUNT_WAIT)
        # everyone but the landline and Emma, who never consented (consent by default)
        assert "Destinataires : 3" in _count_text(app)
        assert "fixe 1" in _count_text(app) and "sans consentement 1" in _count_text(app)
        await pilot.press("ctrl+n")  # newsletter = yes is the first criterion offered
        await settle(pilot, after=COUNT_WAIT)
        text = _count_text(app)
        assert "Destinataires : 3" in text and "fixe 1" in text
        assert "sans consentement 0" in text
    segment = segment_from_dict(
        {"version": 1, "name": "t", "criteria": [{"criterion": "newsletter", "value": True}]}
    )
    from isend_tui.shop.info import open_shop

    with open_shop(shop) as conn:
        core = count_recipients(conn, segment, today=date.today())
    assert core.recipients == 3 and core.landline == 1


async def test_the_add_criterion_button_adds_a_criterion(shop_ctx: AppContext) -> None:
    app = ISendApp(shop_ctx, start_mode="marketing", clock=tuesday, watch=False)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot, after=COUNT_WAIT)
        await pilot.click("#add-criterion")
        await settle(pilot, after=COUNT_WAIT)
        assert len(app.screen.query(CriterionRow)) == 1
        assert "Destinataires : 3" in _count_text(app)


async def test_an_action_string_runs_the_screen_action_not_a_campaign(
    shop_ctx: AppContext, sandbox: SandboxThread
) -> None:
    """Textual runs action strings (bindings, links) through Widget.run_action."""
    from textual.widgets import TabbedContent

    app = ISendApp(shop_ctx, start_mode="marketing", clock=tuesday, watch=False)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot, after=COUNT_WAIT)
        await app.screen.run_action("tab('tab-send')")
        await settle(pilot, after=COUNT_WAIT)
        assert app.screen.query_one(TabbedContent).active == "tab-send"
        assert not _modal(app)
    assert sandbox.account.sent() == []


async def test_a_wrong_value_is_named_on_its_row(shop_ctx: AppContext) -> None:
    app = ISendApp(shop_ctx, start_mode="marketing", clock=tuesday)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot, after=COUNT_WAIT)
        row = await _add_criterion(app, pilot, "age")
        value = row.query_one(".crit-value", Input)
        value.focus()
        await pilot.press("a", "b", "c")
        await settle(pilot, after=COUNT_WAIT)
        assert row.has_class("-invalid")
        problem = str(row.query_one(".criterion-problem", Static).content)
        assert "Critère 1" in problem and "âge" in problem.lower()
        assert _count_text(app).startswith("✗")


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("2025-01-31", "2025-01-31"),
        ("31/1/2025", "2025-01-31"),
        ("6", {"months_ago": 6}),
        ("il y a 6 mois", {"months_ago": 6}),
        ("6 months ago", {"months_ago": 6}),
        ("30j", {"days_ago": 30}),
        ("30 Days", {"days_ago": 30}),
        ("hier", None),
        ("-3 mois", None),
        ("", None),
    ],
)
def test_a_day_is_read_the_way_a_merchant_types_it(typed: str, meant: object) -> None:
    assert parse_day(typed) == meant
    if meant is not None:
        assert parse_day(format_day(meant)) == meant  # what a loaded segment shows reads back


async def test_registration_dates_typed_relative_in_days_count_save_and_load_back(
    shop_ctx: AppContext, shop: ShopDsn
) -> None:
    now = datetime.now(PARIS).replace(tzinfo=None)
    with sqlite3.connect(shop.path) as db:  # Alice, Benoît, Chloé joined 10 days ago
        db.execute("UPDATE ps_customer SET date_add = ?", [str(now - timedelta(days=100))])
        db.execute(
            "UPDATE ps_customer SET date_add = ? WHERE firstname IN ('Alice', 'Benoît', 'Chloé')",
            [str(now - timedelta(days=10))],
        )
    app = ISendApp(shop_ctx, start_mode="marketing", clock=tuesday)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot, after=COUNT_WAIT)
        row = await _add_criterion(app, pilot, "registration")
        row.query_one(".crit-op", Select).value = "newer_than"  # il y a moins de
        row.query_one(".crit-value", Input).focus()
        await pilot.press(*"30 jours")
        await settle(pilot, after=COUNT_WAIT)
        assert "Destinataires : 3" in _count_text(app) and "fixe 0" in _count_text(app)

        row.query_one(".crit-op", Select).value = "between"
        await pilot.pause()
        row.query_one(".crit-value", Input).value = "120 j"
        row.query_one(".crit-value2", Input).focus()
        await pilot.press(*"50 jours")
        await settle(pilot, after=COUNT_WAIT)
        text = _count_text(app)  # Emma, who never consented, and Denis's landline
        assert "Destinataires : 0" in text and "fixe 1" in text and "sans consentement 1" in text

        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press(*"Anciens", "enter")
        await app.workers.wait_for_complete()
        saved = json.loads((shop_ctx.paths.segments_dir / "anciens.json").read_text("utf-8"))
        assert saved["criteria"] == [
            {
                "criterion": "registration",
                "operator": "between",
                "value": [{"days_ago": 120}, {"days_ago": 50}],
            }
        ]
        await app.screen.query_one(SelectionTab).set_segment(saved)
        await settle(pilot, after=COUNT_WAIT)
        row = app.screen.query_one(CriterionRow)
        assert row.query_one(".crit-value", Input).value == "120 jours"
        assert row.query_one(".crit-value2", Input).value == "50 jours"
        assert "sans consentement 1" in _count_text(app)

        row.query_one(".crit-value2", Input).value = "hier"
        await settle(pilot, after=COUNT_WAIT)
        problem = str(row.query_one(".criterion-problem", Static).content)
        assert "Critère 1" in problem and "« hier »" in problem and "30 jours" in problem
        assert _count_text(app).startswith("✗")


async def test_a_segment_is_saved_by_name_and_loaded_back(shop_ctx: AppContext) -> None:
    app = ISendApp(shop_ctx, start_mode="marketing", clock=tuesday)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot, after=COUNT_WAIT)
        await pilot.press("ctrl+n")
        await settle(pilot, after=COUNT_WAIT)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press(*"Abonnés", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        saved = shop_ctx.paths.segments_dir / "abonnes.json"
        data = json.loads(saved.read_text(encoding="utf-8"))
        assert data["name"] == "Abonnés"
        assert data["criteria"] == [{"criterion": "newsletter", "value": True}]
        # Remove the criterion from the keyboard, then load the saved segment back.
        app.screen.query_one(CriterionRow).query_one(".criterion-kind").focus()
        await pilot.press("ctrl+r")
        await settle(pilot, after=COUNT_WAIT)
        assert not app.screen.query(CriterionRow)
        await pilot.press("ctrl+o")
        await until(pilot, lambda: type(app.screen).__name__ == "LoadSegmentDialog", "list")
        await pilot.press("enter")
        await settle(pilot, after=COUNT_WAIT)
        assert len(app.screen.query(CriterionRow)) == 1
        assert "Destinataires : 3" in _count_text(app)


async def test_the_counter_flags_non_gsm_characters_and_ctrl_r_fixes_them(
    shop_ctx: AppContext,
) -> None:
    app = ISendApp(shop_ctx, start_mode="marketing", clock=tuesday)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("alt+2")
        area = app.screen.query_one("#message-text", TextArea)
        area.insert("Soldes d’été… à ne pas manquer")
        await pilot.pause()
        counter = str(app.screen.query_one("#message-counter", Static).content)
        problems = str(app.screen.query_one("#message-problems", Static).content)
        assert "UCS-2" in counter
        assert "« ’ »" in problems and "« … »" in problems
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert area.text == "Soldes d'été... à ne pas manquer"
        assert "GSM-7" in str(app.screen.query_one("#message-counter", Static).content)
        # A customised sender on marketing: the STOP mention is counted.
        assert "STOP" in str(app.screen.query_one("#message-counter", Static).content)


async def _send_now(app: ISendApp, pilot, message: str) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot, after=COUNT_WAIT)
    await pilot.press("ctrl+n")  # newsletter subscribers
    await settle(pilot, after=COUNT_WAIT)
    await pilot.press("alt+2")
    editor = app.screen.query_one(MessageEditor)
    editor.query_one(TextArea).insert(message)
    await pilot.press("alt+3")
    await pilot.press("enter")  # focus is on "Envoyer votre campagne immédiatement"
    await until(pilot, lambda: _modal(app), "the confirmation")


async def test_send_now_shows_the_real_cost_then_sends_personalised_texts(
    shop_ctx: AppContext, sandbox: SandboxThread
) -> None:
    app = ISendApp(shop_ctx, start_mode="marketing", clock=tuesday)
    async with app.run_test(size=(100, 40)) as pilot:
        await _send_now(app, pilot, "Bonjour {client_surname}, -20% ce week-end")
        body = str(app.screen.query_one("#confirm-body", Static).content)
        assert "3 destinataire" in body
        assert "France" in body  # the estimate says which prices it uses
        await pilot.press("o")
        await settle(pilot, after=COUNT_WAIT)
        log = str(app.screen.query_one("#send-log").lines)
        assert "3" in log
    sent = {row.num: row.text for row in sandbox.account.sent()}
    assert sent == {
        "33612345601": "Bonjour Alice, -20% ce week-end",
        # Benoît to a French number: transliterated so the SMS stays GSM-7.
        "33612345602": "Bonjour Benoit, -20% ce week-end",
        "33751234503": "Bonjour Chloé, -20% ce week-end",
    }
    assert all(row.sender == "MaBoutique" for row in sandbox.account.sent())


async def test_a_new_campaign_shows_its_preparation_then_its_batches(
    shop_ctx: AppContext, sandbox: SandboxThread
) -> None:
    """The log and the bar belong to the campaign being prepared, from its first step (not
    the previous campaign's lines); the bar reads the recipients prepared, then starts
    again at 0 % with the send and moves with every batch answered."""
    from textual.widgets import ProgressBar, RichLog

    from isend_tui.campaigns.events import CampaignProgress, EventKind

    # the same people twice in a row: no frequency cap in this test
    settings = dataclasses.replace(shop_ctx.settings, batch_size=1, cap_per_day=0)
    shop_ctx.save_settings(settings)
    app = ISendApp(shop_ctx, start_mode="marketing", clock=tuesday)
    async with app.run_test(size=(100, 40)) as pilot:
        await _send_now(app, pilot, "Première")
        await pilot.press("o")
        await until(pilot, lambda: len(sandbox.account.sent()) == 3, "the first campaign")
        await settle(pilot)
        bar = app.screen.query_one("#send-progress", ProgressBar)
        seen: list[tuple[EventKind, float | None]] = []

        def probe(event: CampaignProgress) -> None:  # after the log panel's own handler
            if event.campaign_id == 2:
                seen.append((event.kind, bar.percentage))

        app.campaigns.progress.subscribe(app, probe)
        await pilot.press("alt+3")
        await pilot.press("enter")  # the same segment again, sent now
        await until(pilot, lambda: _modal(app), "the second confirmation")
        marketing = app.screen_stack[-2]
        log = "\n".join(line.text for line in marketing.query_one("#send-log", RichLog).lines)
        assert "Campagne 2" in log and "Campagne 1" not in log
        assert "Comptage des destinataires" in log
        assert "Destinataires à préparer : 3." in log
        await pilot.press("o")
        await until(pilot, lambda: len(sandbox.account.sent()) == 6, "the second campaign")
        await settle(pilot)
    started = [kind for kind, _p in seen].index(EventKind.STARTED)
    assert seen[started - 1][1] == 1.0  # everyone prepared
    assert seen[started][1] == 0.0  # the send starts at 0 %
    batches = [p for kind, p in seen[started:] if kind == EventKind.BATCH]
    assert batches == pytest.approx([1 / 3, 2 / 3, 1.0])


async def test_send_now_on_a_sunday_offers_the_next_slot_and_schedules(
    shop_ctx: AppContext, sandbox: SandboxThread
) -> None:
    app = ISendApp(shop_ctx, start_mode="marketing", clock=lambda: SUNDAY_10AM)
    async with app.run_test(size=(100, 40)) as pilot:
        await _send_now(app, pilot, "Nouvelle collection !")
        body = str(app.screen.query_one("#confirm-body", Static).content)
        assert "09/03/2026 08:00" in body  # Monday 08:00, the next allowed slot
        assert "Envoi immédiat" not in body  # it is not: the two would contradict
        await pilot.press("o")
        await settle(pilot, after=COUNT_WAIT)
    rows = sandbox.account.sent()
    assert len(rows) == 3
    assert {r.date_envoi for r in rows} == {"2026-03-09 08:00"}
    assert {r.gmt_zone for r in rows} == {"Europe/Brussels"}


async def test_cancelling_the_confirmation_sends_nothing(
    shop_ctx: AppContext, sandbox: SandboxThread
) -> None:
    app = ISendApp(shop_ctx, start_mode="marketing", clock=tuesday)
    async with app.run_test(size=(100, 40)) as pilot:
        await _send_now(app, pilot, "Promo")
        await pilot.press("n")
        await settle(pilot, after=COUNT_WAIT)
    assert sandbox.account.sent() == []


async def test_a_test_sms_goes_to_the_admin_with_the_chosen_recipients_text(
    shop_ctx: AppContext, sandbox: SandboxThread
) -> None:
    app = ISendApp(shop_ctx, start_mode="marketing", clock=tuesday)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot, after=COUNT_WAIT)
        await pilot.press("alt+2")
        app.screen.query_one("#message-text", TextArea).insert("Salut {client_surname}")
        await pilot.press("ctrl+t")
        await until(pilot, lambda: type(app.screen).__name__ == "RecipientPicker", "picker")
        await pilot.press("down", "enter")  # the second recipient in the list
        await settle(pilot, after=COUNT_WAIT)
    rows = sandbox.account.sent()
    assert len(rows) == 1
    assert rows[0].num == "33601020304"
    assert rows[0].text.startswith("Salut ")


async def test_export_creates_the_directory_with_names(
    shop_ctx: AppContext, sandbox: SandboxThread
) -> None:
    app = ISendApp(shop_ctx, start_mode="marketing", clock=tuesday)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot, after=COUNT_WAIT)
        await pilot.press("ctrl+n")
        await settle(pilot, after=COUNT_WAIT)
        await pilot.press("alt+3")
        app.screen.query_one("#directory-name", Input).value = "Abonnés mars"
        app.screen.query_one("#export").focus()
        await pilot.press("enter")
        await until(pilot, lambda: _modal(app), "the export confirmation")
        await pilot.press("o")
        await settle(pilot, after=COUNT_WAIT)
    directories = sandbox.account.state()["directories"]
    assert directories, "no directory was created"
    contacts = sandbox.account.directory_contacts(1)
    names = {num: fields.get(1) for num, fields in contacts}
    assert names["33612345601"] == "Alice Martin"
    assert len(names) == 3


async def test_the_suppression_list_is_managed_here_and_leaves_the_count(
    shop_ctx: AppContext, sandbox: SandboxThread
) -> None:
    from textual.widgets import DataTable

    from isend_tui.ui.dialogs.suppression import SuppressionDialog

    sandbox.account.blacklist_add("33612345602")  # Benoît said STOP to the account
    app = ISendApp(shop_ctx, start_mode="marketing", clock=tuesday)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot, after=COUNT_WAIT)
        assert "Destinataires : 3" in _count_text(app)  # Emma never consented
        await pilot.press("ctrl+b")
        await until(pilot, lambda: isinstance(app.screen, SuppressionDialog), "the list")
        dialog = app.screen
        table = dialog.query_one("#suppression-table", DataTable)
        status = dialog.query_one("#suppression-status", Static)

        await pilot.press(*"06 12 34 56 01", "enter")  # the number field has the focus
        await until(pilot, lambda: table.row_count == 1, "the typed number listed")
        assert "33612345601" in str(status.content)

        def pushed() -> bool:  # the iSendPro column: the push to the account's blacklist
            return table.row_count == 1 and "envoyé à la liste noire" in str(
                table.get_row("33612345601")[4]
            )

        await until(pilot, pushed, "the number pushed to the account's blacklist")
        assert ("add", "33612345601") in sandbox.account.blacklist_edits
        await pilot.press(*"garbage", "enter")
        await until(pilot, lambda: str(status.content).startswith("✗"), "a refusal")
        assert "garbage" in str(status.content)

        dialog.query_one("#suppression-import").focus()
        await pilot.press("enter")
        await until(pilot, lambda: table.row_count == 2, "the account's blacklist imported")
        assert "1 ajouté" in str(status.content)

        table.focus()
        table.move_cursor(row=table.get_row_index("33612345601"))
        await pilot.press("delete")
        await until(pilot, lambda: _modal(app), "the confirmation")
        await pilot.press("o")
        await until(pilot, lambda: table.row_count == 1, "the number removed")

        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, SuppressionDialog), "closed")
        await settle(pilot, after=COUNT_WAIT)
        assert "Destinataires : 2" in _count_text(app)  # Benoît is left out now


async def test_the_basis_chosen_in_envoi_is_counted_and_kept_with_the_campaign(
    shop_ctx: AppContext, sandbox: SandboxThread
) -> None:
    app = ISendApp(shop_ctx, start_mode="marketing", clock=tuesday)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot, after=COUNT_WAIT)
        assert "Destinataires : 3" in _count_text(app)
        basis = app.screen.query_one("#basis", Select)
        basis.value = "customer"  # nobody here ever ordered
        await settle(pilot, after=COUNT_WAIT)
        assert "Destinataires : 0" in _count_text(app)
        assert "sans consentement 4" in _count_text(app)
        basis.value = "consent"
        await settle(pilot, after=COUNT_WAIT)
        await _send_now(app, pilot, "Bonjour {client_surname}")
        body = str(app.screen.query_one("#confirm-body", Static).content)
        assert "Base légale : consentement" in body
        await pilot.press("o")
        await settle(pilot, after=COUNT_WAIT)
    assert {row.num for row in sandbox.account.sent()} == {
        "33612345601", "33612345602", "33751234503"
    }  # fmt: skip
    (campaign,) = list_campaigns(shop_ctx.store)
    assert proof_summary(shop_ctx.store, campaign.id).by_source == {"newsletter": 3}


async def test_the_cap_box_sends_to_numbers_already_texted_today(
    shop_ctx: AppContext, sandbox: SandboxThread
) -> None:
    from textual.widgets import Checkbox

    app = ISendApp(shop_ctx, start_mode="marketing", clock=tuesday)
    async with app.run_test(size=(100, 40)) as pilot:
        await _send_now(app, pilot, "Première")
        await pilot.press("o")
        await until(pilot, lambda: len(sandbox.account.sent()) == 3, "the first campaign")
        await settle(pilot)
        await pilot.press("alt+3", "enter")  # the same people again, the same day
        await until(pilot, lambda: _modal(app), "the second confirmation")
        body = str(app.screen.query_one("#confirm-body", Static).content)
        assert "plafond atteint : 3" in body and "Aucun destinataire" in body
        await pilot.press("escape")
        await settle(pilot)
        app.screen.query_one("#ignore-cap", Checkbox).value = True
        await pilot.press("alt+3", "enter")
        await until(pilot, lambda: _modal(app), "the third confirmation")
        body = str(app.screen.query_one("#confirm-body", Static).content)
        assert "Plafond de fréquence ignoré à votre demande : 3 destinataires" in body
        await pilot.press("o")
        await until(pilot, lambda: len(sandbox.account.sent()) == 6, "the campaign over the cap")


async def test_the_holdout_field_keeps_recipients_aside(
    shop_ctx: AppContext, sandbox: SandboxThread
) -> None:
    app = ISendApp(shop_ctx, start_mode="marketing", clock=tuesday)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        app.screen.query_one("#holdout", Input).value = "10"
        await _send_now(app, pilot, "Soldes : -20 % ce week-end")
        await pilot.press("o")
        await until(pilot, lambda: list_campaigns(shop_ctx.store)[0].pending == 0, "the send")
        await settle(pilot)
    (campaign,) = list_campaigns(shop_ctx.store)
    pct, held = shop_ctx.store.db.execute_sql(
        "SELECT c.holdout_pct, (SELECT count(*) FROM campaign_recipient r WHERE "
        "r.campaign_id = c.id AND r.state = 'holdout') FROM campaign c WHERE c.id = ?",
        (campaign.id,),
    ).fetchone()
    assert pct == 10
    assert len(sandbox.account.sent()) == campaign.sent == 3 - held
