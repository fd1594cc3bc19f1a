"""Campaigns from hand-made shops (SQLite and MariaDB) through the segment engine."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest

pytest.importorskip("isend_tui.segments.counting")

from support.sandbox import sms_log
from support.shop_builder import ShopBuilder, new_shop_dsn

from isend_tui.campaigns import suppression
from isend_tui.campaigns.service import (
    CampaignRequest,
    campaign_recipients,
    dispatch,
    plan_campaign,
    prepare_from_shop,
)
from isend_tui.campaigns.window import PARIS
from isend_tui.config import Settings
from isend_tui.gateway.client import IsendClient
from isend_tui.gateway.sandbox.account import DEMO_KEYID
from isend_tui.gateway.sandbox.server import SandboxThread
from isend_tui.segments.basis import Basis
from isend_tui.segments.segment_file import segment_from_dict
from isend_tui.store import Store

TUESDAY = datetime(2025, 6, 10, 10, 0, tzinfo=PARIS)


@pytest.fixture
def sandbox_clock() -> Callable[[], datetime]:
    return lambda: TUESDAY


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("mysql", marks=pytest.mark.mariadb)])
async def test_a_campaign_from_a_shop_segment(
    backend: str,
    tmp_path: Path,
    request: pytest.FixtureRequest,
    store: Store,
    sandbox: SandboxThread,
) -> None:
    dsn = new_shop_dsn(backend, tmp_path, request)
    with ShopBuilder(dsn).create() as shop:
        people = [
            ("Alice", "Martin", "06 12 34 56 01", "FR"),
            ("Benoît", "Lefèvre", "06.12.34.56.02", "FR"),
            ("Zoë", "Peeters", "+32 470 12 34 56", "BE"),
            ("Stop", "Moi", "06 12 34 56 04", "FR"),
            ("Fixe", "Seulement", "01 23 45 67 89", "FR"),
        ]
        for first, last, phone, country in people:
            customer = shop.customer(firstname=first, lastname=last, newsletter=1)
            shop.address(customer, phone_mobile=phone, country=country)
        unwilling = shop.customer(firstname="Sans", lastname="Consentement")
        shop.address(unwilling, phone_mobile="06 12 34 56 09")
    suppression.add_manual(store, "0612345604")
    settings = Settings(keyid=DEMO_KEYID, gateway_url=sandbox.url, sender="MaBoutique")
    segment = segment_from_dict({"version": 1, "name": "tous", "criteria": []})
    campaign_id = prepare_from_shop(
        store,
        dsn,
        segment,
        CampaignRequest(message="Bonjour {client_surname} {client_name} !", basis=Basis.CONSENT),
        settings=settings,
        clock=lambda: TUESDAY,
    )
    plan = plan_campaign(store, campaign_id, settings=settings, credit=None, clock=lambda: TUESDAY)
    assert plan.recipients == 3 and plan.suppressed == 1 and plan.ucs2 == 0
    assert "Exclus, sans consentement : 1." in plan.lines  # the one without it, counted
    assert any(line.startswith("Base légale : consentement") for line in plan.lines)
    assert any("chaque SMS reste en GSM-7" in line for line in plan.lines)  # said, not hidden
    async with IsendClient(DEMO_KEYID, sandbox.url) as client:
        result = await dispatch(store, client, campaign_id, settings, clock=lambda: TUESDAY)
    assert result.sent == 3 and result.suppressed == 1
    texts = {row["num"]: (row["text"], row["encoding"]) for row in sms_log(sandbox)}
    assert texts == {
        "33612345601": ("Bonjour Alice Martin !", "GSM-7"),
        "33612345602": ("Bonjour Benoit Lefèvre !", "GSM-7"),
        "32470123456": ("Bonjour Zoe Peeters !", "GSM-7"),  # a name never costs UCS-2
    }
    suppressed = campaign_recipients(store, campaign_id, state="suppressed")
    assert [r["number"] for r in suppressed] == ["33612345604"]


async def test_preparing_and_sending_tell_how_far_they_are(
    tmp_path: Path, store: Store, sandbox: SandboxThread
) -> None:
    from isend_tui.campaigns.events import CampaignProgress, EventKind, campaign_events
    from isend_tui.demo.build import generate_demo_shop
    from isend_tui.shop.dsn import ShopDsn

    dsn = ShopDsn.sqlite(tmp_path / "demo.sqlite3")
    generate_demo_shop(dsn, customers=400, seed=3)
    settings = Settings(
        keyid=DEMO_KEYID, gateway_url=sandbox.url, sender="MaBoutique", batch_size=40
    )
    heard: list[CampaignProgress] = []
    segment = segment_from_dict({"version": 1, "name": "tous", "criteria": []})
    campaign_id = prepare_from_shop(
        store,
        dsn,
        segment,
        CampaignRequest(message="Bonjour {client_surname} !", basis=Basis.CUSTOMER),
        settings=settings,
        clock=lambda: TUESDAY,
        on_event=heard.append,
        chunk_size=30,
    )
    plan = plan_campaign(store, campaign_id, settings=settings, credit=None, clock=lambda: TUESDAY)
    # the steps, in order, before any recipient is read: created, counting, the total
    assert [e.kind for e in heard[:3]] == [EventKind.CREATED, *[EventKind.PREPARED] * 2]
    assert heard[1].data["step"] == "count" and "Comptage" in heard[1].message
    total = heard[2].data["total"]
    assert heard[2].data["done"] == 0 and total == plan.recipients + plan.suppressed > 100
    read = [e.data["done"] for e in heard[3:] if "done" in e.data]
    assert read == sorted(read) and len(read) >= total // 30 and read[-1] == total
    assert all(e.data["total"] == total for e in heard[3:] if "done" in e.data)
    assert heard[-1].data.get("final")
    # the log read back later is the one heard (then the plan's estimate)
    logged = [e.message for e in campaign_events(store, campaign_id)]
    assert logged[: len(heard)] == [e.message for e in heard]

    heard.clear()
    async with IsendClient(DEMO_KEYID, sandbox.url) as client:
        await dispatch(
            store, client, campaign_id, settings, clock=lambda: TUESDAY, on_event=heard.append
        )
    started = next(e for e in heard if e.kind == EventKind.STARTED)
    assert (started.data["done"], started.data["total"]) == (0, plan.recipients)
    sent = [e.data["done"] for e in heard if e.kind == EventKind.BATCH]
    # The bar moves with every batch (one per 40 recipients of one local hours group).
    batches = store.db.execute_sql(
        "SELECT COUNT(*) FROM campaign_batch WHERE campaign_id = ?", (campaign_id,)
    ).fetchone()[0]
    assert len(sent) == batches >= -(-plan.recipients // 40)
    assert sent == sorted(set(sent)) and sent[-1] == plan.recipients


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("mysql", marks=pytest.mark.mariadb)])
def test_a_campaign_leaves_out_customers_past_retention(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest, store: Store
) -> None:
    """A subscriber whose account is five years old and who has done nothing since is
    past the 36 months of retention: left out and counted; ten years of retention
    (the setting) keep them."""
    five_years_ago = (datetime.now(PARIS) - timedelta(days=5 * 365)).strftime("%Y-%m-%d %H:%M:%S")
    dsn = new_shop_dsn(backend, tmp_path, request)
    with ShopBuilder(dsn).create() as shop:
        active = shop.customer(firstname="Active", newsletter=1)
        shop.address(active, phone_mobile="06 12 34 56 01")
        dormant = shop.customer(firstname="Dormant", newsletter=1, date_add=five_years_ago)
        shop.address(dormant, phone_mobile="06 12 34 56 02")
    segment = segment_from_dict({"version": 1, "name": "tous", "criteria": []})
    campaign = CampaignRequest(message="Bonjour !", basis=Basis.CONSENT)
    for retention_months, recipients, line in ((36, 1, True), (120, 2, False)):
        settings = Settings(
            keyid=DEMO_KEYID, sender="MaBoutique", retention_months=retention_months
        )
        campaign_id = prepare_from_shop(
            store, dsn, segment, campaign, settings=settings, clock=lambda: TUESDAY
        )
        plan = plan_campaign(
            store, campaign_id, settings=settings, credit=None, clock=lambda: TUESDAY
        )
        assert plan.recipients == recipients
        assert ("Exclus, données trop anciennes : 1." in plan.lines) is line
