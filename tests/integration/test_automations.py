"""The automations run by the watcher against real shops (SQLite, MariaDB) and the sandbox
gateway over a socket: what each customer receives, once, and why the others do not.

The fake clock starts on a Tuesday at 10:00, Paris time (the marketing window open);
shop dates are written relative to it, in the shop's time (Paris).
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import test_watcher_support
from test_watcher_support import WatchEnv

from isend_tui.automations.flow_settings import edit_flow
from isend_tui.automations.flows import Flow
from isend_tui.automations.overview import list_flows, preview
from isend_tui.automations.runner import AutomationRunner
from isend_tui.campaigns.suppression import add_manual
from isend_tui.notifications.models import Notification
from isend_tui.notifications.watcher import Watcher
from isend_tui.results.messages import message_results

BACKENDS = ["sqlite", pytest.param("mysql", marks=pytest.mark.mariadb)]
PARIS = ZoneInfo("Europe/Paris")
START = dt.datetime(2026, 3, 10, 10, 0, tzinfo=PARIS)  # a Tuesday, no holiday
MOBILE = "33612345678"

env_factory = test_watcher_support.env_factory


class Automations:
    """A shop, a store, a watcher with the automations step, and the clock."""

    def __init__(self, env: WatchEnv) -> None:
        self.env = env
        env.clock.now = START.astimezone(dt.UTC)
        self.runner = AutomationRunner(env.store, env.settings, env.clock)
        self.watcher: Watcher = env.watcher(steps=[self.runner])
        self.shop = env.shop

    def local(self, delta: dt.timedelta = dt.timedelta()) -> str:
        """The shop's time at the clock's now + delta, as PrestaShop writes it."""
        return (self.env.clock.now + delta).astimezone(PARIS).strftime("%Y-%m-%d %H:%M:%S")

    def enable(self, flow: Flow, **fields: Any) -> None:
        edit_flow(self.env.store, flow, self.env.clock.now, enabled=True, **fields)

    def poll(self, hours: float = 0) -> None:
        self.env.clock.advance(hours * 3600)
        for report in self.watcher.poll_until_idle():
            assert report.shop_error is None, report.shop_error
            assert report.gateway_error is None, report.gateway_error

    def customer(self, mobile: str = "06 12 34 56 78", **kwargs: Any) -> int:
        kwargs.setdefault("newsletter", 1)
        kwargs.setdefault("date_add", self.local(-dt.timedelta(days=30)))
        customer, _address = self.env.customer_with_mobile(mobile, **kwargs)
        return customer

    def rows(self, flow: Flow) -> list[Notification]:
        return list(Notification.select().where(Notification.flow == flow.value))


@pytest.fixture
def auto(env_factory: Any, request: pytest.FixtureRequest) -> Automations:
    backend = getattr(request, "param", "sqlite")
    return Automations(env_factory(backend, cap_per_day=0, cap_per_30_days=0))


@pytest.mark.parametrize("auto", BACKENDS, indirect=True)
def test_abandoned_cart_steps_stop_on_order_and_no_flood(auto: Automations) -> None:
    auto.enable(Flow.ABANDONED_CART, delays="2,24")
    auto.env.settings.shop_cookie_key = "cookie-key-of-the-shop"
    tea = auto.shop.product("Théière", price="20.00")
    cups = auto.shop.product("Tasses", price="5.50")
    old_customer = auto.customer("06 10 00 00 01", firstname="Ancien")
    auto.shop.cart(old_customer, [(tea, 1)], date_upd=auto.local(-dt.timedelta(hours=30)))
    auto.poll()  # the first run starts now: the old cart is never texted
    anne = auto.customer(firstname="Anne")
    auto.shop.cart(anne, [(tea, 1), (cups, 2)], date_upd=auto.local())
    paul = auto.customer("06 98 76 54 32", firstname="Paul")
    paul_cart = auto.shop.cart(paul, [(cups, 1)], date_upd=auto.local())
    auto.poll(1)
    assert auto.env.texts() == []
    auto.poll(1.1)
    texts = auto.env.texts()
    assert [num for num, _text in texts] == [MOBILE, "33698765432"]
    assert "31,00 €" in texts[0][1] and texts[0][1].startswith("Anne, votre panier")
    assert (
        "http://boutique1.demo.test/index.php?controller=order&step=1&recover_cart="
        in (texts[0][1])
    )  # the cookie key is set: the link restores the cart
    auto.shop.order(paul, date_add=auto.local(), id_cart=paul_cart)
    now = auto.env.clock.now
    with auto.shop.connect() as conn:
        [cart] = [s for s in list_flows(auto.env.store, now, conn=conn)
                  if s.flow is Flow.ABANDONED_CART]  # fmt: skip
        earned = message_results(
            auto.env.store, conn, by="flow", since=now - dt.timedelta(days=7), until=now, days=5
        )
    assert cart.last_7_days.sent == 2
    figures = earned["abandoned_cart"]
    assert (figures.sms, figures.orders, figures.buyers) == (2, 1, 1)  # Paul's order
    auto.poll(22)
    assert [num for num, _text in auto.env.texts()] == [MOBILE, "33698765432", MOBILE]
    auto.poll(24)  # nothing more: two steps each, once
    assert len(auto.env.texts()) == 3
    states = sorted((r.occurrence, r.state) for r in auto.rows(Flow.ABANDONED_CART))
    assert len(states) == 3  # Paul's second step was never due: he ordered


@pytest.mark.parametrize("auto", BACKENDS, indirect=True)
def test_marketing_rules_no_basis_suppressed_window_and_caps(auto: Automations) -> None:
    auto.enable(Flow.ABANDONED_CART, delays="2")
    tea = auto.shop.product("Théière")
    auto.poll()
    first = auto.customer("06 10 00 00 01")  # queued first: the rows after it keep their codes
    auto.shop.cart(first, [(tea, 1)], date_upd=auto.local())
    no_consent = auto.customer("06 10 00 00 02", newsletter=0)
    blocked = auto.customer("06 10 00 00 03")
    add_manual(auto.env.store, "06 10 00 00 03")
    late = auto.customer("06 10 00 00 04")
    for who in (no_consent, blocked):
        auto.shop.cart(who, [(tea, 1)], date_upd=auto.local())
    auto.shop.cart(late, [(tea, 1)], date_upd=auto.local(dt.timedelta(hours=8, minutes=30)))
    auto.poll(2.1)
    codes = {r.id_customer: (r.state, r.code) for r in auto.rows(Flow.ABANDONED_CART)}
    assert codes == {
        first: ("sent", "0"),
        no_consent: ("not_sent", "no_basis"),
        blocked: ("not_sent", "suppressed"),
    }
    assert [n for n, _t in auto.env.texts()] == ["33610000001"]
    auto.poll(8.6)  # 20:42: the late cart is due after the window closed
    row = auto.rows(Flow.ABANDONED_CART)[-1]
    assert (row.id_customer, row.state) == (late, "queued")
    assert row.next_attempt_at is not None and row.next_attempt_at.startswith("2026-03-11T07:00")
    assert len(auto.env.texts()) == 1
    auto.poll(12)  # the next morning, 08:42 in Paris: it leaves
    assert [num for num, _t in auto.env.texts()] == ["33610000001", "33610000004"]
    sent = auto.rows(Flow.ABANDONED_CART)[-1]
    assert (sent.proof_basis, sent.proof_source) == ("consent", "newsletter")


@pytest.mark.parametrize("auto", BACKENDS, indirect=True)
def test_automation_sms_count_in_the_frequency_caps(auto: Automations) -> None:
    auto.runner.settings.cap_per_day = 1
    auto.enable(Flow.ABANDONED_CART, delays="2")
    auto.enable(Flow.BACK_IN_STOCK)
    tea = auto.shop.product("Théière")
    vase = auto.shop.product("Vase", quantity=0)
    anne = auto.customer()
    auto.shop.stock_alert(anne, vase)
    auto.poll()
    auto.shop.cart(anne, [(tea, 1)], date_upd=auto.local())
    auto.poll(2.1)
    auto.shop.set_stock(vase, 3)
    auto.poll(0.5)
    assert len(auto.env.texts()) == 1
    stock = auto.rows(Flow.BACK_IN_STOCK)
    assert [(r.state, r.code) for r in stock] == [("not_sent", "capped")]
    from isend_tui.campaigns.frequency_caps import CapRule, capped_numbers

    seen = capped_numbers(auto.env.store, [MOBILE], CapRule(1, 0), auto.env.clock.now)
    assert seen == {MOBILE}  # the campaigns see the automation's SMS


@pytest.mark.parametrize("version", ["1.6", "1.7", "8", "9"])
@pytest.mark.parametrize("backend", BACKENDS)
def test_birthday_winback_after_delivery_on_every_version(
    env_factory: Any, backend: str, version: str
) -> None:
    auto = Automations(env_factory(backend, version=version, cap_per_day=0, cap_per_30_days=0))
    auto.enable(Flow.BIRTHDAY, hour="11", voucher="ANNIV10")
    auto.enable(Flow.WINBACK, delays="180", voucher="REVIENS")
    auto.enable(Flow.AFTER_DELIVERY, delays="7")
    born = auto.customer("06 10 00 00 05", firstname="Léa", birthday="1990-03-10")
    auto.customer("06 10 00 00 06", birthday="1990-03-11")
    lapsed = auto.customer("06 10 00 00 07", firstname="Marc")
    auto.shop.order(lapsed, date_add=auto.local(dt.timedelta(days=-180, minutes=30)))
    again = auto.customer("06 10 00 00 08")
    auto.shop.order(again, date_add=auto.local(dt.timedelta(days=-180, minutes=30)))
    auto.shop.order(again, date_add=auto.local(dt.timedelta(days=-10)))
    buyer = auto.customer("06 10 00 00 09")
    order = auto.shop.order(buyer, date_add=auto.local(dt.timedelta(days=-9)))
    auto.shop.change_state(
        order, "PS_OS_DELIVERED", date_add=auto.local(dt.timedelta(days=-7, minutes=40))
    )
    auto.poll()
    auto.poll(1.1)
    got = sorted(auto.env.texts())
    assert [n for n, _t in got] == ["33610000005", "33610000007", "33610000009"]
    assert got[0][1].startswith("Joyeux anniversaire Léa !")
    assert got[0][1].endswith("vous offre le code ANNIV10.")
    assert auto.rows(Flow.BIRTHDAY)[0].id_customer == born
    auto.poll(24)
    auto.poll(24 * 3)
    assert len(auto.env.texts()) == 4  # the 11 March birthday, nothing twice


def test_february_29_birthday_on_the_28th_without_leap_year(env_factory: Any) -> None:
    env = env_factory("sqlite", cap_per_day=0, cap_per_30_days=0, window_days="0,1,2,3,4,5,6")
    auto = Automations(env)  # 28 February 2027 is a Sunday
    env.clock.now = dt.datetime(2027, 2, 27, 12, 0, tzinfo=PARIS).astimezone(dt.UTC)
    auto.enable(Flow.BIRTHDAY, hour="10", voucher="ANNIV")
    auto.customer(birthday="2000-02-29")
    auto.poll()
    auto.poll(12)
    assert auto.env.texts() == []
    auto.poll(11)  # 28 February 11:00
    assert len(auto.env.texts()) == 1


@pytest.mark.parametrize("auto", BACKENDS, indirect=True)
def test_alsace_moselle_customers_keep_good_friday(auto: Automations) -> None:
    """Good Friday is a holiday in Moselle and Alsace only: a birthday SMS waits for the
    Saturday there, and leaves on the Friday in Paris."""
    auto.env.clock.now = dt.datetime(2027, 3, 25, 12, 0, tzinfo=PARIS).astimezone(dt.UTC)
    auto.enable(Flow.BIRTHDAY, hour="10", voucher="ANNIV")
    auto.customer(firstname="Paris", birthday="1990-03-26")
    metz = auto.shop.customer(firstname="Metz", birthday="1990-03-26", newsletter=1,
                              date_add=auto.local(-dt.timedelta(days=30)))  # fmt: skip
    auto.shop.address(metz, phone_mobile="06 98 76 54 32", postcode="57000", city="Metz")
    auto.poll()
    auto.poll(22.5)  # Good Friday, 10:30
    assert [num for num, _text in auto.env.texts()] == [MOBILE]
    [waiting] = [r for r in auto.rows(Flow.BIRTHDAY) if r.number == "33698765432"]
    assert waiting.state == "queued" and "27/03/2027" in waiting.detail
    auto.poll(24)  # Saturday 10:30
    assert [num for num, _text in auto.env.texts()] == [MOBILE, "33698765432"]


@pytest.mark.parametrize("auto", BACKENDS, indirect=True)
def test_back_in_stock_after_the_first_scan(auto: Automations) -> None:
    auto.enable(Flow.BACK_IN_STOCK)
    vase = auto.shop.product("Vase bleu", quantity=0)
    jug = auto.shop.product("Pichet", quantity=4)
    anne = auto.customer(firstname="Anne")
    auto.shop.stock_alert(anne, vase)
    auto.shop.stock_alert(anne, jug)  # in stock before the flow started: not sent
    auto.poll()
    assert auto.env.texts() == []
    auto.shop.set_stock(vase, 2)
    auto.poll(0.1)
    auto.poll(1)
    [(number, text)] = auto.env.texts()
    assert number == MOBILE and text.startswith("Anne, Vase bleu est de retour sur ")


@pytest.mark.parametrize("auto", BACKENDS, indirect=True)
def test_a_shop_without_emailalerts_keeps_the_other_flows(auto: Automations) -> None:
    auto.shop.drop_alerts_table()
    auto.enable(Flow.BACK_IN_STOCK)
    auto.enable(Flow.ABANDONED_CART)
    tea = auto.shop.product("Théière")
    auto.poll()
    auto.shop.cart(auto.customer(), [(tea, 1)], date_upd=auto.local())
    auto.poll(2.1)
    assert auto.runner.problems[Flow.BACK_IN_STOCK].startswith("Table mailalert_customer_oos")
    assert len(auto.env.texts()) == 1  # the cart flow went on


@pytest.mark.parametrize("auto", BACKENDS, indirect=True)
def test_a_second_process_and_a_replay_send_nothing_twice(auto: Automations) -> None:
    auto.enable(Flow.ABANDONED_CART, delays="2")
    tea = auto.shop.product("Théière")
    auto.poll()
    anne = auto.customer()
    auto.shop.cart(anne, [(tea, 1)], date_upd=auto.local())
    auto.poll(2.1)
    assert len(auto.env.texts()) == 1
    auto.watcher.close()
    since = (auto.env.clock.now - dt.timedelta(days=2)).date()
    runner = AutomationRunner(
        auto.env.store,
        auto.env.settings,
        auto.env.clock,
        since=dt.datetime.combine(since, dt.time(), dt.UTC),
    )
    second = auto.env.watcher(steps=[runner], lock_path=auto.env.tmp_path / "other.lock")
    for _report in second.poll_until_idle():
        pass
    assert len(auto.env.texts()) == 1
    summary = {s.flow: s for s in list_flows(auto.env.store, auto.env.clock.now)}
    assert summary[Flow.ABANDONED_CART].last_7_days.sent == 1


@pytest.mark.parametrize("auto", BACKENDS, indirect=True)
def test_preview_lists_the_next_24_hours_without_recording(auto: Automations) -> None:
    auto.enable(Flow.ABANDONED_CART, delays="2")
    tea = auto.shop.product("Théière", price="12.00")
    auto.poll()
    anne = auto.customer(firstname="Anne")
    auto.shop.cart(anne, [(tea, 2)], date_upd=auto.local())
    with auto.shop.connect() as conn:
        items = preview(conn, auto.env.store, auto.env.settings, Flow.ABANDONED_CART,
                        auto.env.clock.now)  # fmt: skip
    assert [(i.id_customer, i.number, i.outcome) for i in items] == [(anne, MOBILE, "queued")]
    assert "24,00 €" in items[0].text
    assert auto.rows(Flow.ABANDONED_CART) == []


def test_the_demo_shop_shows_every_flow(tmp_path: Any) -> None:
    from isend_tui.config import Settings
    from isend_tui.demo.build import generate_demo_shop
    from isend_tui.shop.dsn import ShopDsn
    from isend_tui.shop.info import open_shop
    from isend_tui.store import open_store

    day = dt.date(2026, 3, 9)
    dsn = ShopDsn(kind="sqlite", path=str(tmp_path / "demo.sqlite3"))
    generate_demo_shop(dsn, customers=1500, seed=7, reference_date=day)
    store = open_store(tmp_path / "store.sqlite3")
    evening = dt.datetime.combine(day, dt.time(16, 0), PARIS)
    found = {}
    with open_shop(dsn) as conn:
        assert conn.scalar(f"SELECT COUNT(*) FROM {conn.table('mailalert_customer_oos')}") > 0
        for flow in (Flow.ABANDONED_CART, Flow.BIRTHDAY, Flow.WINBACK, Flow.AFTER_DELIVERY):
            found[flow] = preview(conn, store, Settings(), flow, evening)
    store.close()
    assert all(found.values()), {f: len(v) for f, v in found.items()}
    carts = found[Flow.ABANDONED_CART]
    assert all(evening < i.due <= evening + dt.timedelta(hours=24) for i in carts)
    assert all("€" in i.text for i in carts)


def test_what_came_due_while_a_flow_was_off_is_not_sent(env_factory: Any) -> None:
    auto = Automations(env_factory("sqlite", cap_per_day=0, cap_per_30_days=0))
    auto.enable(Flow.ABANDONED_CART, delays="2")
    tea = auto.shop.product("Théière")
    auto.poll()
    auto.shop.cart(auto.customer(), [(tea, 1)], date_upd=auto.local())
    edit_flow(auto.env.store, Flow.ABANDONED_CART, auto.env.clock.now, enabled=False)
    auto.poll(3)
    auto.enable(Flow.ABANDONED_CART)
    auto.poll(1)
    assert auto.env.texts() == [] and auto.rows(Flow.ABANDONED_CART) == []
