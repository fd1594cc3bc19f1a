"""Revenue attribution (isend_tui/results/) on hand-made shops with known orders, SQLite
and MariaDB: campaigns prepared and sent by the real engine through the sandbox, the
figures checked against the arithmetic written out in each test."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from support.sandbox import sms_log
from support.shop_builder import ShopBuilder, new_shop_dsn

from isend_tui.campaigns.campaign_store import set_cost_estimate
from isend_tui.campaigns.draws import variant_of
from isend_tui.campaigns.frequency_caps import CapRule, capped_numbers
from isend_tui.campaigns.model import CampaignRequest, Contact
from isend_tui.campaigns.prepare import create_and_prepare
from isend_tui.campaigns.remainder import held_count, release_remainder, winner_after
from isend_tui.campaigns.sending import confirm, dispatch
from isend_tui.campaigns.window import PARIS
from isend_tui.config import Settings
from isend_tui.gateway.client import IsendClient
from isend_tui.gateway.sandbox.account import DEMO_KEYID
from isend_tui.gateway.sandbox.server import SandboxThread
from isend_tui.results.attribution import attribute
from isend_tui.results.cache import campaign_results
from isend_tui.results.figures import money
from isend_tui.results.report import build_report
from isend_tui.store import Store

NOW = datetime(2025, 6, 18, 10, 0, tzinfo=PARIS)  # a Wednesday: the SMS leave then
BACKENDS = ["sqlite", pytest.param("mysql", marks=pytest.mark.mariadb)]


@pytest.fixture(params=["by_date", "by_customer"], autouse=True)
def plan(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both ways of reading the orders (results/orders.py, `choose_plan`) give the same
    figures: small shops would always read theirs by date."""
    from isend_tui.results import orders

    chosen = str(request.param)
    monkeypatch.setattr(orders, "choose_plan", lambda *_a: chosen)
    return chosen


def at(delta: timedelta) -> str:
    """A shop-local order date (the demo shop's time zone is Paris)."""
    return (NOW + delta).strftime("%Y-%m-%d %H:%M:%S")


@pytest.fixture
def sandbox_clock() -> Callable[[], datetime]:
    return lambda: NOW


@pytest.fixture
def settings(sandbox: SandboxThread) -> Settings:
    return Settings(keyid=DEMO_KEYID, gateway_url=sandbox.url, sender="MaBoutique")


@pytest.fixture
async def client(sandbox: SandboxThread) -> AsyncIterator[IsendClient]:
    async with IsendClient(DEMO_KEYID, sandbox.url, timeout=5) as opened:
        yield opened


async def send(
    store: Store,
    settings: Settings,
    client: IsendClient,
    customers: Sequence[int],
    *,
    holdout: int = 0,
    when: datetime = NOW,
) -> int:
    """A campaign to these customers (one number each), sent at `when`."""
    request = CampaignRequest(
        message="Soldes : -20 % ce week-end !", segment={"name": "test"}, holdout_pct=holdout
    )
    contacts = [Contact(f"3361{c:07d}", id_customer=c) for c in customers]
    campaign_id = create_and_prepare(
        store, contacts, request, settings=settings, clock=lambda: when
    )
    await dispatch(store, client, campaign_id, settings, clock=lambda: when)
    return campaign_id


@pytest.mark.parametrize("backend", BACKENDS)
async def test_the_figures_of_a_campaign_are_its_recipients_valid_orders_in_the_window(
    backend: str,
    tmp_path: Path,
    request: pytest.FixtureRequest,
    store: Store,
    settings: Settings,
    client: IsendClient,
) -> None:
    with ShopBuilder(new_shop_dsn(backend, tmp_path, request)).create() as shop:
        a, b, c, d, e, f, g = (shop.customer(firstname=n) for n in "ABCDEFG")
        for person in (a, b, c, d, e, f, g):
            shop.address(person, phone_mobile="0612345678")
        # A: one order an hour after, one in Swiss francs two days after.
        shop.order(a, date_add=at(timedelta(hours=1)), total_paid_tax_incl="59.90")
        shop.order(a, date_add=at(timedelta(days=2)), total_paid_tax_incl="100", currency="CHF")
        # B: before the SMS, exactly when the window closes, after it, and cancelled.
        shop.order(b, date_add=at(-timedelta(hours=1)), total_paid_tax_incl="80")
        shop.order(b, date_add=at(timedelta(days=5)), total_paid_tax_incl="81")
        shop.order(b, date_add=at(timedelta(days=6)), total_paid_tax_incl="82")
        shop.order(b, date_add=at(timedelta(days=1)), state="PS_OS_CANCELED")
        # C: one cart split in two orders (one reference), the first partly refunded.
        split = shop.order(c, date_add=at(timedelta(seconds=0)), total_paid_tax_incl="120",
                           reference="SPLITCART")  # fmt: skip
        shop.order(c, date_add=at(timedelta(seconds=0)), total_paid_tax_incl="30",
                   reference="SPLITCART")  # fmt: skip
        shop.add_slip(split, "20", shipping_cost_amount="5")
        # D: an order refunded in full (its state is not valid any more).
        refunded = shop.order(d, date_add=at(timedelta(hours=3)), total_paid_tax_incl="70")
        shop.change_state(refunded, "PS_OS_REFUND")
        # E is no recipient; F bought nothing; G paid in pounds.
        shop.order(e, date_add=at(timedelta(hours=2)), total_paid_tax_incl="300")
        shop.order(g, date_add=at(timedelta(days=4)), total_paid_tax_incl="50", currency="GBP")

        campaign_id = await send(store, settings, client, [a, b, c, d, f, g])
        set_cost_estimate(store, campaign_id, "0.4200")  # 6 SMS of one part at 0.07
        with shop.connect() as conn:
            result = attribute(store, conn, campaign_id, days=5, now=NOW + timedelta(days=1))

    revenue = (
        Decimal("59.90")
        + Decimal("100") / Decimal("0.942100")
        + (Decimal("120") - Decimal("20") - Decimal("5") + Decimal("30"))
        + Decimal("50") / Decimal("0.846500")
    )
    assert result.sms == 6
    assert result.treated.recipients == 6
    assert result.treated.buyers == 3  # A, C, G
    assert result.treated.orders == 4  # A twice, C's cart once, G
    assert result.treated.revenue == revenue
    assert result.as_dict()["revenue"] == str(money(revenue))
    assert result.currency == "EUR"
    assert result.treated.conversion == 3 / 6
    assert result.revenue_per_sms == revenue / 6
    assert result.cost == Decimal("0.42")
    assert result.return_on_cost == revenue / Decimal("0.42")
    assert result.window_start == NOW
    assert result.window_end == NOW + timedelta(days=5)
    assert result.window_open
    assert result.holdout is None


@pytest.mark.parametrize("backend", BACKENDS)
async def test_the_holdout_group_gets_no_sms_and_measures_what_the_campaign_added(
    backend: str,
    tmp_path: Path,
    request: pytest.FixtureRequest,
    store: Store,
    settings: Settings,
    client: IsendClient,
    sandbox: SandboxThread,
) -> None:
    with ShopBuilder(new_shop_dsn(backend, tmp_path, request)).create() as shop:
        customers = [shop.customer(firstname=f"C{i}") for i in range(40)]
        campaign_id = await send(store, settings, client, customers, holdout=30)
        held = [
            int(r[0])
            for r in store.db.execute_sql(
                "SELECT id_customer FROM campaign_recipient WHERE campaign_id = ? "
                "AND state = 'holdout'",
                (campaign_id,),
            )
        ]
        treated = [c for c in customers if c not in held]
        assert held and treated
        # Every treated customer spends 40 within the window, one of the held-out 40 too.
        for person in treated:
            shop.order(person, date_add=at(timedelta(hours=5)), total_paid_tax_incl="40")
        shop.order(held[0], date_add=at(timedelta(hours=5)), total_paid_tax_incl="40")
        with shop.connect() as conn:
            result = attribute(store, conn, campaign_id, days=5, now=NOW + timedelta(days=6))

    # Nobody of the hold-out group was sent anything, nor counts in the caps.
    numbers = {f"3361{c:07d}" for c in held}
    texted = {str(row["num"]).lstrip("+") for row in sms_log(sandbox)}
    assert len(texted) == len(treated) and not texted & numbers
    assert not capped_numbers(store, numbers, CapRule(), NOW + timedelta(hours=1))
    assert result.sms == len(treated)
    assert result.holdout is not None and result.holdout.recipients == len(held)
    assert result.holdout.revenue == Decimal(40)
    incremental = result.incremental()
    assert incremental is not None
    per_treated = Decimal(40) - Decimal(40) / len(held)
    assert incremental.difference == pytest.approx(float(per_treated * len(treated)))
    assert incremental.low < incremental.difference < incremental.high
    assert incremental.significant
    assert not result.window_open  # computed after the window closed


@pytest.mark.parametrize("backend", BACKENDS)
async def test_the_figures_are_cached_while_the_window_is_open_and_frozen_after(
    backend: str,
    tmp_path: Path,
    request: pytest.FixtureRequest,
    store: Store,
    settings: Settings,
    client: IsendClient,
) -> None:
    with ShopBuilder(new_shop_dsn(backend, tmp_path, request)).create() as shop:
        a = shop.customer()
        campaign_id = await send(store, settings, client, [a])
        shop.order(a, date_add=at(timedelta(hours=1)), total_paid_tax_incl="10")

        def revenue(when: timedelta, *, refresh: bool = False) -> Decimal:
            found = campaign_results(
                store, [campaign_id], days=5, dsn=shop.dsn, now=NOW + when, refresh=refresh
            )
            return found[campaign_id].treated.revenue

        assert revenue(timedelta(hours=2)) == Decimal(10)
        shop.order(a, date_add=at(timedelta(hours=3)), total_paid_tax_incl="5")
        assert revenue(timedelta(hours=4)) == Decimal(15)  # open, older than MAX_AGE
        assert revenue(timedelta(hours=4, minutes=1)) == Decimal(15)  # from the cache
        assert revenue(timedelta(days=6)) == Decimal(15)  # computed once closed: frozen
        shop.order(a, date_add=at(timedelta(hours=4)), total_paid_tax_incl="7")
        assert revenue(timedelta(days=7), refresh=True) == Decimal(15)
    # Without the shop, the cache still answers.
    found = campaign_results(store, [campaign_id], days=5, dsn=None, now=NOW + timedelta(days=8))
    assert found[campaign_id].treated.revenue == Decimal(15)


@pytest.mark.parametrize("backend", BACKENDS)
async def test_ab_texts_are_drawn_recorded_and_compared(
    backend: str,
    tmp_path: Path,
    request: pytest.FixtureRequest,
    store: Store,
    settings: Settings,
    client: IsendClient,
    sandbox: SandboxThread,
) -> None:
    texts = ("Soldes : -20 % ce week-end !", "Dernier jour des soldes !")
    with ShopBuilder(new_shop_dsn(backend, tmp_path, request)).create() as shop:
        customers = [shop.customer(firstname=f"C{i}") for i in range(60)]
        ab = CampaignRequest(message=texts[0], variants=texts[1:], segment={"name": "test"})
        contacts = [Contact(f"3361{c:07d}", id_customer=c) for c in customers]
        campaign_id = create_and_prepare(store, contacts, ab, settings=settings, clock=lambda: NOW)
        await dispatch(store, client, campaign_id, settings, clock=lambda: NOW)
        (seed,) = store.db.execute_sql(
            "SELECT draw_seed FROM campaign WHERE id = ?", (campaign_id,)
        ).fetchone()
        recorded = dict(
            store.db.execute_sql(
                "SELECT id_customer, variant FROM campaign_recipient WHERE campaign_id = ?",
                (campaign_id,),
            ).fetchall()
        )
        # Text A's recipients all buy once, text B's never.
        for person, v in recorded.items():
            if v == 0:
                shop.order(person, date_add=at(timedelta(hours=1)), total_paid_tax_incl="10")
        with shop.connect() as conn:
            result = attribute(store, conn, campaign_id, days=5, now=NOW + timedelta(days=1))

    # Each recipient's text is the one its recorded draw gives, and reproducible.
    assert recorded == {c: variant_of(seed, 2, f"3361{c:07d}") for c in customers}
    got = {str(row["num"]).lstrip("+"): row["text"] for row in sms_log(sandbox)}
    assert all(got[f"3361{c:07d}"].startswith(texts[v]) for c, v in recorded.items()), (
        "a recipient got another text than the one recorded"
    )
    a_count = sum(1 for v in recorded.values() if v == 0)
    assert 0 < a_count < 60
    first, second = result.variants
    assert (first.recipients, first.buyers, first.revenue) == (a_count, a_count, 10 * a_count)
    assert (second.recipients, second.buyers) == (60 - a_count, 0)
    assert result.winner() == 0
    assert result.as_dict()["winner"] == 0


async def test_a_campaign_still_sending_is_never_frozen(
    tmp_path: Path, request: pytest.FixtureRequest, store: Store, settings: Settings
) -> None:
    with ShopBuilder(new_shop_dsn("sqlite", tmp_path, request)).create() as shop:
        a = shop.customer()
        ask = CampaignRequest(message="Soldes !", segment={"name": "test"})
        campaign_id = create_and_prepare(
            store, [Contact("33612345678", id_customer=a)], ask, settings=settings,
            clock=lambda: NOW,
        )  # fmt: skip
        confirm(store, campaign_id, clock=lambda: NOW)  # confirmed, nothing sent yet
        with shop.connect() as conn:
            result = attribute(store, conn, campaign_id, days=5, now=NOW + timedelta(days=30))
    assert result.sms == 0 and result.still_sending and result.window_open


async def test_once_receipts_are_recorded_the_window_starts_at_delivery(
    tmp_path: Path,
    request: pytest.FixtureRequest,
    store: Store,
    settings: Settings,
    client: IsendClient,
) -> None:
    with ShopBuilder(new_shop_dsn("sqlite", tmp_path, request)).create() as shop:
        late, failed = shop.customer(firstname="Late"), shop.customer(firstname="Failed")
        campaign_id = await send(store, settings, client, [late, failed])
        # What the delivery receipts write (isend_tui/delivery/record.py).
        delivered_at = (NOW + timedelta(hours=2)).isoformat()
        store.db.execute_sql(
            "UPDATE campaign_recipient SET delivery = 'delivered', delivery_at = ? "
            "WHERE id_customer = ?",
            (delivered_at, late),
        )
        store.db.execute_sql(
            "UPDATE campaign_recipient SET delivery = 'failed_permanent' WHERE id_customer = ?",
            (failed,),
        )
        shop.order(late, date_add=at(timedelta(hours=1)), total_paid_tax_incl="11")  # before
        shop.order(late, date_add=at(timedelta(days=5, hours=1)), total_paid_tax_incl="13")
        shop.order(failed, date_add=at(timedelta(hours=1)), total_paid_tax_incl="17")
        with shop.connect() as conn:
            result = attribute(store, conn, campaign_id, days=5, now=NOW + timedelta(days=1))
    # Late's window is [delivery, delivery + 5 days); Failed's, without a delivery time,
    # starts at the acceptance (intention to treat: the SMS was paid for).
    assert result.delivery_known
    assert result.treated.revenue == Decimal(13) + Decimal(17)
    assert result.window_end == NOW + timedelta(days=5, hours=2)
    assert (result.treated.delivered, result.treated.receipts) == (1, 2)
    assert result.treated.delivery_rate == 0.5


async def test_the_report_gives_each_campaign_and_each_day(
    tmp_path: Path,
    request: pytest.FixtureRequest,
    store: Store,
    settings: Settings,
    client: IsendClient,
) -> None:
    with ShopBuilder(new_shop_dsn("sqlite", tmp_path, request)).create() as shop:
        a, b, c = (shop.customer(firstname=n) for n in "ABC")
        first = await send(store, settings, client, [a, b])
        second = await send(store, settings, client, [b, c], when=NOW + timedelta(days=1))
        shop.order(a, date_add=at(timedelta(hours=1)), total_paid_tax_incl="20")
        # B's order falls in both campaigns' windows: each campaign counts it.
        shop.order(b, date_add=at(timedelta(days=1, hours=1)), total_paid_tax_incl="30")
        later = NOW + timedelta(days=2)
        report = build_report(store, days=5, dsn=shop.dsn, now=later)
        since = build_report(
            store, days=5, dsn=None, now=later, since=(NOW + timedelta(days=1)).date()
        )
    assert [(line.id, line.sms) for line in report.campaigns] == [(first, 2), (second, 2)]
    revenues = [line.attribution.treated.revenue for line in report.campaigns if line.attribution]
    assert revenues == [Decimal(50), Decimal(30)]
    assert [(d.day, d.sms, d.revenue) for d in report.days] == [
        (NOW.date(), 2, Decimal(50)),
        ((NOW + timedelta(days=1)).date(), 2, Decimal(30)),
    ]
    assert report.totals["revenue"] == "80.00" and report.totals["sms"] == 4
    assert [line.id for line in since.campaigns] == [second]
    assert [(d.day, d.sms) for d in since.days] == [((NOW + timedelta(days=1)).date(), 2)]


async def test_stop_replies_count_within_the_window_after_the_sms(
    tmp_path: Path,
    request: pytest.FixtureRequest,
    store: Store,
    settings: Settings,
    client: IsendClient,
    sandbox: SandboxThread,
) -> None:
    """A STOP imported from the account's blacklist counts for the campaign when it comes
    after the SMS and within the window plus a day (the daily import); not before the SMS,
    not after, and a number added by hand is no reply."""
    from isend_tui.campaigns.suppression import add_manual, import_blacklist

    with ShopBuilder(new_shop_dsn("sqlite", tmp_path, request)).create() as shop:
        a, b, c, d = (shop.customer(firstname=n) for n in "ABCD")
        number = {x: f"3361{x:07d}" for x in (a, b, c, d)}

        async def stop(who: int, when: datetime) -> None:
            sandbox.account.blacklist_add(number[who])
            await import_blacklist(store, client, clock=lambda: when)

        await stop(b, NOW - timedelta(hours=1))  # before: left out of the campaign
        campaign = await send(store, settings, client, [a, b, c, d])
        await stop(a, NOW + timedelta(days=5, hours=23))  # within 5 days + the import's day
        await stop(c, NOW + timedelta(days=6, hours=1))  # too late
        add_manual(store, number[d], clock=lambda: NOW + timedelta(hours=2))  # not a reply
        # E answers STOP; the next day's campaign meets it first (code 11), before any import
        e = shop.customer(firstname="E")
        number[e] = f"3361{e:07d}"
        first_of_e = await send(store, settings, client, [e])
        sandbox.account.blacklist_add(number[e])
        refused = await send(store, settings, client, [e], when=NOW + timedelta(days=1))
        with shop.connect() as conn:
            figures = attribute(store, conn, campaign, days=5, now=NOW + timedelta(days=7))
            of_e = attribute(store, conn, first_of_e, days=5, now=NOW + timedelta(days=7))
            of_refused = attribute(store, conn, refused, days=5, now=NOW + timedelta(days=7))
        report = build_report(store, days=5, dsn=shop.dsn, now=NOW + timedelta(days=7))
    assert figures.treated.recipients == 3  # B was suppressed before
    assert figures.treated.stops == 1 and figures.treated.stop_rate == pytest.approx(1 / 3)
    assert (of_e.treated.stops, of_e.treated.stop_rate) == (1, 1.0)
    assert of_refused.treated.recipients == 0 and of_refused.treated.stop_rate is None
    line = next(x for x in report.campaigns if x.id == campaign)
    assert line.stop_rate == pytest.approx(1 / 3)


async def test_the_winner_goes_to_the_held_remainder(
    tmp_path: Path,
    request: pytest.FixtureRequest,
    store: Store,
    settings: Settings,
    client: IsendClient,
    sandbox: SandboxThread,
) -> None:
    texts = ("Soldes : -20 % ce week-end !", "Dernier jour des soldes !")
    with ShopBuilder(new_shop_dsn("sqlite", tmp_path, request)).create() as shop:
        customers = [shop.customer(firstname=f"C{i}") for i in range(80)]
        ab = CampaignRequest(
            message=texts[0], variants=texts[1:], segment={"name": "test"},
            remainder_pct=50, winner_after_hours=4,
        )  # fmt: skip
        contacts = [Contact(f"3361{c:07d}", id_customer=c) for c in customers]
        campaign_id = create_and_prepare(store, contacts, ab, settings=settings, clock=lambda: NOW)
        first = await dispatch(store, client, campaign_id, settings, clock=lambda: NOW)
        states = dict(
            store.db.execute_sql(
                "SELECT number, state FROM campaign_recipient WHERE campaign_id = ?",
                (campaign_id,),
            ).fetchall()
        )
        held = {n for n, s in states.items() if s == "held"}
        assert held and first.sent == 80 - len(held)
        assert not {str(r["num"]).lstrip("+") for r in sms_log(sandbox)} & held
        # Nobody held counts in the caps before their SMS.
        assert not capped_numbers(store, held, CapRule(), NOW + timedelta(hours=1))
        assert winner_after(store, campaign_id) == 4 and held_count(store, campaign_id) == len(held)

        released = release_remainder(store, campaign_id, 1, clock=lambda: NOW + timedelta(hours=4))
        second = await dispatch(
            store, client, campaign_id, settings, clock=lambda: NOW + timedelta(hours=4)
        )
    assert released == len(held) and second.sent == 80
    got = {str(r["num"]).lstrip("+"): r["text"] for r in sms_log(sandbox)}
    assert all(got[n].startswith(texts[1]) for n in held)
    assert held_count(store, campaign_id) == 0


async def test_the_watcher_keeps_the_revenue_fresh_while_the_window_is_open(
    tmp_path: Path,
    request: pytest.FixtureRequest,
    store: Store,
    settings: Settings,
    client: IsendClient,
) -> None:
    """The screens read the cache only: the watcher's chore measures the campaigns of the
    window again (at most every 10 minutes), so an order placed after the SMS shows."""
    import dataclasses

    from isend_tui.results.cache import cached
    from isend_tui.results.upkeep import REFRESH_EVERY, AttributionUpkeep

    dsn = new_shop_dsn("sqlite", tmp_path, request)
    with ShopBuilder(dsn).create() as shop:
        buyer = shop.customer(firstname="Buyer")
        campaign_id = await send(store, settings, client, [buyer])
        shop.order(buyer, date_add=at(timedelta(hours=3)), total_paid_tax_incl="30")
    with_shop = dataclasses.replace(settings, shop_kind="sqlite", shop_path=str(dsn.path))
    upkeep = AttributionUpkeep(store)
    later = NOW + timedelta(hours=4)
    assert upkeep(later, with_shop) == ["Revenu attribué mis à jour pour 1 campagne."]
    found = cached(store, campaign_id)
    assert found is not None and found[0].treated.revenue == Decimal(30)
    assert upkeep(later + REFRESH_EVERY / 2, with_shop) == []  # not every poll


async def test_the_watcher_sends_a_significant_winner_to_the_remainder_after_the_delay(
    tmp_path: Path,
    request: pytest.FixtureRequest,
    store: Store,
    settings: Settings,
    client: IsendClient,
    sandbox: SandboxThread,
) -> None:
    """`--winner-after 2`: two hours after the first SMS, text B having converted every
    customer who got it and text A none, the watcher's chore gives B to the kept ones and
    sends it, once; before the delay, nothing."""
    import asyncio
    import dataclasses

    from isend_tui.results.upkeep import results_chores

    async def run_chores(moment: datetime, on: Settings) -> list[str]:
        # the watcher runs its chores in its own thread, each with its event loop
        notes: list[str] = []
        for chore in results_chores(store, None):  # a new watcher: no pause from the last
            notes += await asyncio.to_thread(chore, moment, on)
        return notes

    texts = ("Soldes : -20 % ce week-end !", "Dernier jour des soldes !")
    dsn = new_shop_dsn("sqlite", tmp_path, request)
    with ShopBuilder(dsn).create() as shop:
        customers = [shop.customer(firstname=f"C{i}") for i in range(120)]
        ab = CampaignRequest(
            message=texts[0], variants=texts[1:], segment={"name": "test"},
            remainder_pct=40, winner_after_hours=2,
        )  # fmt: skip
        contacts = [Contact(f"3361{c:07d}", id_customer=c) for c in customers]
        campaign_id = create_and_prepare(store, contacts, ab, settings=settings, clock=lambda: NOW)
        await dispatch(store, client, campaign_id, settings, clock=lambda: NOW)
        got_b = [
            int(r[0])
            for r in store.db.execute_sql(
                "SELECT id_customer FROM campaign_recipient WHERE campaign_id = ? "
                "AND state = 'sent' AND variant = 1",
                (campaign_id,),
            )
        ]
        for person in got_b:
            shop.order(person, date_add=at(timedelta(hours=1)), total_paid_tax_incl="30")
        held = held_count(store, campaign_id)
        assert held and got_b
        with_shop = dataclasses.replace(
            settings, shop_kind="sqlite", shop_path=str(dsn.path), shop_prefix=dsn.prefix
        )
        sent_before = len(sms_log(sandbox))
        await run_chores(NOW + timedelta(hours=1), with_shop)
        assert held_count(store, campaign_id) == held  # too early
        later = NOW + timedelta(hours=3)
        notes = await run_chores(later, with_shop)
    assert held_count(store, campaign_id) == 0
    assert any("le texte B a gagné" in n for n in notes), notes
    new = sms_log(sandbox)[sent_before:]
    assert len(new) == held and all(str(r["text"]).startswith(texts[1]) for r in new)
    again = await run_chores(later, with_shop)
    assert len(sms_log(sandbox)) == sent_before + held and not any("gagné" in n for n in again)
