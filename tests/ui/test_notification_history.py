"""État des notifications: an order state change in a real (SQLite) shop becomes an SMS
in the sandbox and a row of the history, live; filters, the detail view, 500 rows."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from support.pilot import settle, until
from support.shop_builder import ShopBuilder, sqlite_shop_dsn
from textual.widgets import DataTable, Select, Static

from isend_tui.app import ISendApp
from isend_tui.context import AppContext
from isend_tui.gateway import IsendClient
from isend_tui.gateway.sandbox.server import SandboxThread
from isend_tui.notifications.models import Notification
from isend_tui.ui.screens.notification_history import (
    NotificationDetailScreen,
    NotificationHistoryScreen,
)

SIZE = (80, 24)


async def type_text(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press(*["space" if c == " " else c for c in text])


def history_rows(app: ISendApp) -> list[list[str]]:
    table = app.screen.query_one("#history-table", DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def sandbox_sms(sandbox: SandboxThread) -> list[dict[str, Any]]:
    """What the gateway received: the sandbox's sms_log, read over its own connection."""
    assert sandbox.account.path is not None
    db = sqlite3.connect(sandbox.account.path)
    db.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in db.execute("SELECT * FROM sms_log ORDER BY id")]
    finally:
        db.close()


@pytest.fixture
def shop(tmp_path: Path) -> Iterator[ShopBuilder]:
    with ShopBuilder(sqlite_shop_dsn(tmp_path)).create() as builder:
        yield builder


@pytest.fixture
def shop_ctx(ctx: AppContext, shop: ShopBuilder, sandbox: SandboxThread) -> AppContext:
    """Settings for sending: the sandbox's keyid, a sender, the SQLite shop, fast polls."""
    ctx.save_settings(
        dataclasses.replace(
            ctx.settings,
            keyid=sandbox.account.keyid,
            sender="MaBoutique",
            admin_phone="06 11 22 33 44",
            shop_kind="sqlite",
            shop_path=str(shop.dsn.path),
            watch_interval=0.05,
        )
    )
    return ctx


def add_notifications(ctx: AppContext, rows: list[dict[str, Any]]) -> None:
    """Log rows as a watcher would have written them (for filters and volume)."""
    now = datetime.now(UTC)
    full = []
    for i, row in enumerate(rows):
        at = (now - timedelta(seconds=len(rows) - i)).isoformat(timespec="seconds")
        values = {
            "created_at": at,
            "updated_at": at,
            "rule_id": None,
            "event": "client.order_state.shipped",
            "occurrence": f"order_history:{i}",
            "idempotency_key": f"test|{i}",
            "recipient": "customer:1",
            "number": "33612345678",
            "message": "Cher Jean Dupont, votre commande XKBKNABJK a été expédiée.",
            "sender": "MaBoutique",
            "state": "sent",
            "code": "0",
            "detail": "",
        }
        values.update(row)
        full.append(values)
    with ctx.store.write():
        for start in range(0, len(full), 200):
            Notification.insert_many(full[start : start + 200]).execute()


async def test_an_order_shipped_in_the_shop_is_sent_and_shown_live(
    shop_ctx: AppContext, shop: ShopBuilder, sandbox: SandboxThread
) -> None:
    app = ISendApp(shop_ctx, start_mode="notifications")
    async with app.run_test(size=SIZE) as pilot:
        service = app.watcher
        # The first poll starts the shop's cursors "now" (no flood of old events).
        await service.wait(lambda: service.status.last_report is not None)
        await settle(pilot)
        # The rule, with the keyboard: filter, check, keep the default text, save.
        app.screen.query_one("#event-filter").focus()
        await type_text(pilot, "client expedie")
        await pilot.press("enter", "space", "ctrl+s")
        await settle(pilot)
        # The history is open while the order ships: it follows the watcher live.
        await pilot.press("f6")
        await settle(pilot)
        assert isinstance(app.screen, NotificationHistoryScreen)
        assert history_rows(app) == []
        customer = shop.customer(firstname="Hélène", lastname="Durand")
        shop.address(customer, phone_mobile="06 12 34 56 78")
        order = shop.order(customer, state="PS_OS_PAYMENT")
        shop.change_state(order, "PS_OS_SHIPPING")
        reference = shop.one(f"SELECT reference FROM {shop.t('orders')} WHERE id_order = %s",
                             (order,))  # fmt: skip
        await service.wait(lambda: service.status.sent >= 1)
        await settle(pilot)
        rows = history_rows(app)
        assert len(rows) == 1
        _id, created, number, code, delivery, message, _detail, sender = rows[0]
        assert delivery == "en attente d'accusé"  # accepted, no receipt yet
        assert number == "33612345678" and sender == "MaBoutique"
        assert code.startswith("✓ 0")
        assert message.startswith("Cher Hélène Durand") and message.endswith("…")  # cut to fit
        assert reference in app.screen.rows[int(_id)].message
        assert created.startswith(datetime.now(ZoneInfo("Europe/Paris")).strftime("%d/%m/%Y"))
        assert "1 SMS envoyé " in str(app.screen.query_one("#history-status", Static).content)
    sent = sandbox_sms(sandbox)
    assert [(s["num"], s["sender"]) for s in sent] == [("33612345678", "MaBoutique")]
    assert sent[0]["text"] == (
        f"Cher Hélène Durand, votre commande {reference} a été expédiée. Bonne journée, "
        "Ma Boutique Démo."
    )


async def test_filters_by_event_and_code(ctx: AppContext) -> None:
    add_notifications(
        ctx,
        [
            {},
            {"event": "admin.order_validated", "number": "33611223344", "recipient": "admin"},
            {"state": "not_sent", "code": "no_number", "number": "",
             "detail": "Aucun numéro de mobile dans les adresses du client."},
            {"state": "refused", "code": "11", "detail": "Numéro en liste noire"},
        ],
    )  # fmt: skip
    app = ISendApp(ctx, start_mode="notification_history")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert len(history_rows(app)) == 4
        app.screen.query_one("#filter-event", Select).value = "admin.order_validated"
        await settle(pilot)
        assert [r[2] for r in history_rows(app)] == ["33611223344"]
        app.screen.query_one("#filter-event", Select).value = ""
        app.screen.query_one("#filter-code", Select).value = "no_number"
        await settle(pilot)
        rows = history_rows(app)
        assert len(rows) == 1 and rows[0][3] == "✗ pas de numéro de mobile"
        # A gateway code seen in the log becomes a filter of its own.
        codes = app.screen.query_one("#filter-code", Select)
        codes.value = "11"
        await settle(pilot)
        assert [r[3] for r in history_rows(app)] == ["✗ 11"]


async def test_enter_shows_the_whole_notification(ctx: AppContext) -> None:
    long_message = "Cher Jean Dupont, " + "votre colis arrive bientôt. " * 6 + "Fin."
    add_notifications(ctx, [{"message": long_message, "detail": "Accepté par iSendPro"}])
    app = ISendApp(ctx, start_mode="notification_history")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert history_rows(app)[0][5].endswith("…")  # cut in the table
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, NotificationDetailScreen)
        text = str(app.screen.query_one("#notification-detail", Static).content)
        assert long_message in text
        assert "Code retour : ✓ 0 accepté" in text
        assert "Numéro de portable : 33612345678" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, NotificationHistoryScreen)


async def test_rows_written_by_another_process_appear(ctx: AppContext) -> None:
    app = ISendApp(ctx, start_mode="notification_history")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert history_rows(app) == []
        # A headless watcher writes through its own connection to the same file.
        other = sqlite3.connect(ctx.paths.store_file)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        other.execute(
            "INSERT INTO notification (created_at, event, occurrence, idempotency_key, number, "
            "message, sender, state, code, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (now, "admin.order_validated", "order:7", "other|1", "33611223344",
             "Nouvelle commande ABC validée.", "MaBoutique", "sent", "0", now),
        )  # fmt: skip
        other.commit()
        other.close()
        screen = app.screen
        assert isinstance(screen, NotificationHistoryScreen)
        screen._check_store()  # what the 2-second timer does
        await settle(pilot)
        assert [r[5] for r in history_rows(app)] == ["Nouvelle commande ABC validée."]
        assert [r[4] for r in history_rows(app)] == ["en attente d'accusé"]
        # Nothing changed: the check does not reload the table.
        loads = screen.load_count
        screen._check_store()
        await settle(pilot)
        assert screen.load_count == loads
        # Its delivery receipt, recorded by the watcher's receiver, shows too.
        from isend_tui.delivery.receipts import receipt_of
        from isend_tui.delivery.record import record_now

        (notification_id,) = ctx.store.db.execute_sql("SELECT id FROM notification").fetchone()
        record_now(ctx.store, [receipt_of({"TRACKER": f"n{notification_id}", "Statut": "1"})])
        screen._check_store()
        await settle(pilot)
        assert [r[4] for r in history_rows(app)] == ["échec temporaire"]


async def test_ctrl_r_settles_an_uncertain_notification_from_the_report(
    ctx: AppContext, sandbox: SandboxThread
) -> None:
    """One reached the gateway (its tracker is in the report): sent. The other did not
    and is old enough for the report to list it: queued again, for the watcher to send."""
    ctx.save_settings(dataclasses.replace(ctx.settings, keyid=sandbox.account.keyid))

    async def reached_the_gateway() -> None:
        async with IsendClient(ctx.settings.keyid, sandbox.url) as client:
            await client.send_sms("33612345678", "Votre commande est expédiée.", tracker="n1")

    await reached_the_gateway()
    twenty_minutes_ago = (datetime.now(UTC) - timedelta(minutes=20)).isoformat(timespec="seconds")
    add_notifications(
        ctx,
        [
            {"state": "uncertain", "code": "uncertain", "updated_at": twenty_minutes_ago},
            {"state": "uncertain", "code": "uncertain", "updated_at": twenty_minutes_ago},
        ],
    )
    app = ISendApp(ctx, start_mode="notification_history", watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert [row[0] for row in history_rows(app)] == ["2", "1"]
        await pilot.press("ctrl+r")  # the cursor is on n°2: never reached the gateway
        await settle(pilot)
        await pilot.press("down", "ctrl+r")  # n°1: in the report
        await settle(pilot)
        states = {n.id: n.state for n in Notification.select()}
        assert states == {1: "sent", 2: "queued"}
        rows = history_rows(app)
        assert rows[0][3].startswith("…") and rows[1][3].startswith("✓")
        assert len(sandbox_sms(sandbox)) == 1  # the screen itself sent nothing


async def test_a_row_written_before_the_first_visit_of_the_prebuilt_history_shows(
    ctx: AppContext,
) -> None:
    """The warm-up builds État des notifications in idle time; a notification written
    after that and before the merchant's first F6 is on screen soon after it."""
    import asyncio

    app = ISendApp(ctx, start_mode="marketing", watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await asyncio.wait_for(app.warmed_up.wait(), timeout=30)
        await settle(pilot)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        other = sqlite3.connect(ctx.paths.store_file)
        other.execute(
            "INSERT INTO notification (created_at, event, occurrence, idempotency_key, number, "
            "message, sender, state, code, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (now, "admin.order_validated", "order:8", "other|2", "33611223355",
             "Commande expédiée.", "MaBoutique", "sent", "0", now),
        )  # fmt: skip
        other.commit()
        other.close()
        await pilot.press("f6")
        await until(  # the screen checks the store every 2 s
            pilot, lambda: bool(history_rows(app)), "the new row", timeout=10
        )
        assert isinstance(app.screen, NotificationHistoryScreen)
        assert [r[2] for r in history_rows(app)] == ["33611223355"]
