"""What the automations and the notification rules earned (results/messages.py), on
hand-made SQLite and MariaDB shops with known orders: the SMS rows are written as the
engines leave them (state sent, sent_at in UTC), the figures checked by hand."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from support.shop_builder import ShopBuilder, new_shop_dsn

from isend_tui.campaigns.window import PARIS
from isend_tui.notifications.clock import iso
from isend_tui.results.messages import message_results
from isend_tui.results.report import build_report
from isend_tui.store import Store

NOW = datetime(2025, 6, 18, 10, 0, tzinfo=PARIS)
BACKENDS = ["sqlite", pytest.param("mysql", marks=pytest.mark.mariadb)]


def at(delta: timedelta) -> str:
    return (NOW + delta).strftime("%Y-%m-%d %H:%M:%S")


def sms(store: Store, customer: int, when: datetime, *, flow: str | None = None,
        rule: int | None = None, state: str = "sent") -> None:  # fmt: skip
    key = f"{flow or rule}-{customer}-{when.isoformat()}"
    with store.write():
        store.db.execute_sql(
            "INSERT INTO notification (created_at, updated_at, rule_id, flow, event, occurrence, "
            "idempotency_key, number, state, id_customer, sent_at) "
            "VALUES (?, ?, ?, ?, 'x', ?, ?, '33612345678', ?, ?, ?)",
            (iso(when), iso(when), rule, flow, key, key, state, customer,
             iso(when) if state == "sent" else None),
        )  # fmt: skip


@pytest.mark.parametrize("backend", BACKENDS)
def test_orders_after_an_automation_or_a_rule_within_the_window(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest, store: Store
) -> None:
    with ShopBuilder(new_shop_dsn(backend, tmp_path, request)).create() as shop:
        a, b, c, d, e = (shop.customer(firstname=n) for n in "ABCDE")
        # A: birthday SMS now; an order an hour after (counted), one in CHF 3 days after.
        sms(store, a, NOW, flow="birthday")
        shop.order(a, date_add=at(timedelta(hours=1)), total_paid_tax_incl="40")
        shop.order(a, date_add=at(timedelta(days=3)), total_paid_tax_incl="100", currency="CHF")
        # B: two win-back SMS two days apart; one order after the second: once.
        sms(store, b, NOW, flow="win_back")
        sms(store, b, NOW + timedelta(days=2), flow="win_back")
        shop.order(b, date_add=at(timedelta(days=2, hours=1)), total_paid_tax_incl="25")
        # C: an order before the SMS, one after the window, one cancelled: none counted.
        sms(store, c, NOW, flow="birthday")
        shop.order(c, date_add=at(-timedelta(hours=1)), total_paid_tax_incl="60")
        shop.order(c, date_add=at(timedelta(days=5, minutes=1)), total_paid_tax_incl="61")
        shop.order(c, date_add=at(timedelta(hours=2)), state="PS_OS_CANCELED")
        # D: an order notification (rule 7), then an order with a partial refund.
        sms(store, d, NOW, rule=7)
        refunded = shop.order(d, date_add=at(timedelta(days=1)), total_paid_tax_incl="80")
        shop.add_slip(refunded, "30")
        # E: not texted (a queued SMS does not count); his order is nobody's.
        sms(store, e, NOW, flow="birthday", state="queued")
        shop.order(e, date_add=at(timedelta(hours=1)), total_paid_tax_incl="999")
        since = (NOW - timedelta(days=1)).astimezone(UTC)
        until = (NOW + timedelta(days=3)).astimezone(UTC)
        with shop.connect() as conn:
            flows = message_results(store, conn, by="flow", since=since, until=until, days=5)
            rules = message_results(store, conn, by="rule", since=since, until=until, days=5)
        report = build_report(store, days=5, dsn=shop.dsn, since=since.date(), now=until)

    birthday = flows["birthday"]
    assert (birthday.sms, birthday.buyers, birthday.orders) == (2, 1, 2)  # A, C
    assert birthday.revenue == Decimal("40") + Decimal("100") / Decimal("0.942100")
    assert birthday.conversion == 1 / 2
    win_back = flows["win_back"]
    assert (win_back.sms, win_back.buyers, win_back.orders, win_back.revenue) == (
        2, 1, 1, Decimal("25")
    )  # fmt: skip
    assert set(rules) == {"7"}
    assert (rules["7"].sms, rules["7"].orders, rules["7"].revenue) == (1, 1, Decimal("50"))
    assert rules["7"].currency == "EUR"
    # `isend-tui report --json` carries the same
    as_json = report.as_dict()
    assert as_json["automations"]["birthday"] == birthday.as_dict()
    assert as_json["notifications"]["7"]["revenue"] == "50.00"
