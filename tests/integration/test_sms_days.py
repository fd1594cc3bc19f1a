"""SMS accepted per day for campaigns, one figure for the dashboard and `isend-tui report`:
a campaign whose batches left on two days counts each SMS on the day it left, in both.

The campaign is sent on Tuesday 10 June 2025 at 19:00 in Paris through the sandbox, to
five customers in their own hours (campaigns/local_hours.py, as tests/integration/
test_local_hours.py checks the slots): Paris, Guadeloupe (13:00 there, open) and Nouméa
(Wednesday 08:00 there = Tuesday 23:00 in Paris) on Tuesday; La Réunion (Wednesday 06:00
in Paris) and Guyane (its holiday: Wednesday 13:00 in Paris) on Wednesday. By hand:
Tuesday 3 SMS, Wednesday 2. Receipts: Alice delivered, Cyril failed (Tuesday: 1 delivered
of 2 with a receipt), Bao delivered (Wednesday: 1 of 1)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime

import pytest

from isend_tui.campaigns.service import CampaignRequest, Contact, create_and_prepare, dispatch
from isend_tui.campaigns.window import PARIS
from isend_tui.config import Settings
from isend_tui.dashboard.figures import days
from isend_tui.delivery.receipts import receipts_of
from isend_tui.delivery.record import record_now
from isend_tui.gateway.client import IsendClient
from isend_tui.gateway.sandbox.account import DEMO_KEYID
from isend_tui.gateway.sandbox.server import SandboxThread
from isend_tui.results.report import build_report
from isend_tui.store import Store

EVENING = datetime(2025, 6, 10, 19, 0, tzinfo=PARIS)
THURSDAY = datetime(2025, 6, 12, 9, 0, tzinfo=PARIS)
TUESDAY, WEDNESDAY = date(2025, 6, 10), date(2025, 6, 11)
PEOPLE = [
    Contact("33612345601", "Alice", "Martin", "a@example.com", id_customer=1),
    Contact("262692123456", "Bao", "Hoarau", "b@example.re", "RE", id_customer=2),
    Contact("590690123456", "Cyril", "Jean-Baptiste", "c@example.gp", "GP", id_customer=3),
    Contact("687751234", "Dora", "Wamytan", "d@example.nc", "NC", id_customer=4),
    Contact("594694123456", "Eli", "Ho-A-Chuck", "e@example.gf", "GF", id_customer=5),
]


@pytest.fixture
def sandbox_clock() -> Callable[[], datetime]:
    return lambda: EVENING


async def _sent_over_two_days(store: Store, sandbox: SandboxThread) -> int:
    settings = Settings(keyid=DEMO_KEYID, gateway_url=sandbox.url, sender="MaBoutique")
    request = CampaignRequest(message="Promo -10 %", label="Soldes", segment={"name": "t"})
    campaign_id = create_and_prepare(
        store, PEOPLE, request, settings=settings, clock=lambda: EVENING
    )
    async with IsendClient(DEMO_KEYID, sandbox.url) as client:
        result = await dispatch(store, client, campaign_id, settings, clock=lambda: EVENING)
    assert result.sent == 5
    ids = dict(
        store.db.execute_sql(
            "SELECT number, id FROM campaign_recipient WHERE campaign_id = ?", (campaign_id,)
        ).fetchall()
    )
    for number, status in (("33612345601", "0"), ("590690123456", "2"), ("262692123456", "0")):
        tracker = f"C{campaign_id}R{ids[number]}"
        record_now(store, receipts_of(f"statut={status}&tracker={tracker}", b"", ""))
    return campaign_id


async def test_the_dashboard_and_the_report_count_each_sms_on_the_day_it_left(
    store: Store, sandbox: SandboxThread
) -> None:
    campaign_id = await _sent_over_two_days(store, sandbox)

    board = {d.day: d for d in days(store, THURSDAY, span=4)}
    assert [(d.day, d.campaign_sms, d.delivered) for d in board.values()] == [
        (date(2025, 6, 9), 0, 0),
        (TUESDAY, 3, 1),
        (WEDNESDAY, 2, 1),
        (date(2025, 6, 12), 0, 0),
    ]

    report = build_report(store, days=5, dsn=None, now=THURSDAY)
    assert [(d.day, d.sms, d.delivery_rate) for d in report.days] == [
        (TUESDAY, 3, 0.5),
        (WEDNESDAY, 2, 1.0),
    ]
    (line,) = report.campaigns
    assert (line.id, line.day, line.sms, line.delivery_rate) == (
        campaign_id,
        TUESDAY,
        5,
        round(2 / 3, 6),
    )
    assert report.totals["sms"] == 5
    # The same days, the dashboard's and the report's, day by day.
    assert {d.day: d.sms for d in report.days} == {
        day: d.campaign_sms for day, d in board.items() if d.campaign_sms
    }

    # From Wednesday on: the campaign's Wednesday SMS only, and its first day kept.
    since = build_report(store, days=5, dsn=None, now=THURSDAY, since=WEDNESDAY)
    assert [(d.day, d.sms) for d in since.days] == [(WEDNESDAY, 2)]
    assert [(c.day, c.sms) for c in since.campaigns] == [(TUESDAY, 2)]
    assert json.loads(json.dumps(since.as_dict()))["days"][0]["sms"] == 2
