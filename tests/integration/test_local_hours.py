"""Recipients' own hours, end to end: each recipient gets marketing within the window in
their own time and outside their own holidays; the campaign is split into local hours
groups, each handed to the sandbox with the date_envoi of its first allowed slot, and the
confirmation says when each group's SMS leave."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from support.sandbox import sms_log
from support.shop_builder import ShopBuilder, new_shop_dsn

from isend_tui.campaigns.frequency_caps import CapRule, capped_numbers
from isend_tui.campaigns.service import (
    CampaignRequest,
    CampaignState,
    Contact,
    create_and_prepare,
    dispatch,
    plan_campaign,
    prepare_from_shop,
)
from isend_tui.campaigns.window import PARIS
from isend_tui.config import Settings
from isend_tui.gateway.client import IsendClient
from isend_tui.gateway.sandbox.account import DEMO_KEYID, SandboxAccount
from isend_tui.gateway.sandbox.server import SandboxThread
from isend_tui.segments.basis import Basis
from isend_tui.segments.segment_file import segment_from_dict
from isend_tui.store import Store

#: Tuesday 10 June 2025, 19:00 in Paris (UTC+2): 21:00 in La Réunion, 13:00 in
#: Guadeloupe, 04:00 on Wednesday in Nouméa; and the abolition day in Guyane.
EVENING = datetime(2025, 6, 10, 19, 0, tzinfo=PARIS)
PEOPLE = [
    Contact("33612345601", "Alice", "Martin", "a@example.com"),
    Contact("262692123456", "Bao", "Hoarau", "b@example.re", "RE"),
    Contact("590690123456", "Cyril", "Jean-Baptiste", "c@example.gp", "GP"),
    Contact("687751234", "Dora", "Wamytan", "d@example.nc", "NC"),
    Contact("594694123456", "Eli", "Ho-A-Chuck", "e@example.gf", "GF"),
]
#: When each must leave: None now, else date_envoi (Paris time).
EXPECTED = {
    "33612345601": None,
    "262692123456": "2025-06-11 06:00",  # Wednesday 08:00 in La Réunion
    "590690123456": None,  # 13:00 in Guadeloupe: open
    "687751234": "2025-06-10 23:00",  # Wednesday 08:00 in Nouméa
    "594694123456": "2025-06-11 13:00",  # Guyane's holiday: Wednesday 08:00 there
}


@pytest.fixture
def sandbox_clock() -> Callable[[], datetime]:
    return lambda: EVENING


def _settings(sandbox: SandboxThread, **changes: object) -> Settings:
    return Settings(keyid=DEMO_KEYID, gateway_url=sandbox.url, sender="MaBoutique", **changes)  # type: ignore[arg-type]


async def test_each_group_leaves_at_its_own_first_allowed_slot(
    store: Store, sandbox: SandboxThread
) -> None:
    settings = _settings(sandbox)
    request = CampaignRequest(message="Promo -10 %", label="Soldes", segment={"name": "t"})
    campaign_id = create_and_prepare(
        store, PEOPLE, request, settings=settings, clock=lambda: EVENING
    )
    plan = plan_campaign(store, campaign_id, settings=settings, credit=None, clock=lambda: EVENING)
    assert plan.can_send  # Paris' window is open: the campaign goes now
    lines = "\n".join(plan.lines)
    assert (
        "Heure locale, La Réunion : 1 destinataire, programmé le mercredi 11/06/2025 06:00 "
        "(heure de Paris), 08:00 sur place." in lines
    )
    assert "Heure locale, Guadeloupe : 1 destinataire, avec la campagne (13:00 sur place)." in lines
    assert "Guyane : 1 destinataire, programmé le mercredi 11/06/2025 13:00" in lines

    async with IsendClient(DEMO_KEYID, sandbox.url) as client:
        result = await dispatch(store, client, campaign_id, settings, clock=lambda: EVENING)
    sent = {row["num"]: row for row in sms_log(sandbox)}
    assert {num: row["date_envoi"] for num, row in sent.items()} == EXPECTED
    assert {row["gmt_zone"] for row in sent.values() if row["date_envoi"]} == {"Europe/Brussels"}
    assert result.sent == len(PEOPLE)
    assert result.state == CampaignState.SCHEDULED  # some SMS leave tomorrow

    # The caps count each SMS when it leaves: La Réunion's at 06:00 tomorrow, so a
    # campaign tomorrow at 08:00 must skip Bao (within 24 h) but not Alice (13 h later).
    rule = CapRule(per_day=1, per_30_days=0)
    tomorrow = datetime(2025, 6, 11, 8, 0, tzinfo=PARIS)
    assert {"262692123456", "33612345601"} & capped_numbers(
        store, None, rule, datetime(2025, 6, 11, 20, 30, tzinfo=PARIS), now=EVENING
    ) == {"262692123456"}
    assert "262692123456" in capped_numbers(store, None, rule, tomorrow, now=EVENING)


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("mysql", marks=pytest.mark.mariadb)])
async def test_alsace_moselle_keeps_good_friday(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest, store: Store
) -> None:
    good_friday = datetime(2026, 4, 3, 10, 0, tzinfo=PARIS)  # worked in Paris, not in Metz
    dsn = new_shop_dsn(backend, tmp_path, request)
    with ShopBuilder(dsn).create() as shop:
        for mobile, postcode in (("06 12 34 00 01", "75002"), ("06 12 34 00 02", "57000")):
            customer = shop.customer(newsletter=1)
            shop.address(customer, phone_mobile=mobile, postcode=postcode)
        customer = shop.customer(newsletter=1)  # Strasbourg, written with a space
        shop.address(customer, phone_mobile="06 12 34 00 03", postcode=" 67 000")
    account = SandboxAccount(path=tmp_path / "sandbox.sqlite3", clock=lambda: good_friday)
    with SandboxThread(account) as served:
        settings = _settings(served)
        campaign_id = prepare_from_shop(
            store,
            dsn,
            segment_from_dict({"version": 1, "name": "tous", "criteria": []}),
            CampaignRequest(message="Promo -10 %", basis=Basis.CONSENT),
            settings=settings,
            clock=lambda: good_friday,
        )
        async with IsendClient(DEMO_KEYID, served.url) as client:
            await dispatch(store, client, campaign_id, settings, clock=lambda: good_friday)
        sent = {row["num"]: row["date_envoi"] for row in sms_log(served)}
    account.close()
    assert sent == {
        "33612340001": None,
        "33612340002": "2026-04-04 08:00",  # Saturday morning in Moselle
        "33612340003": "2026-04-04 08:00",  # and in Alsace
    }


@pytest.mark.parametrize("ignore_cap", [False, True])
async def test_a_draft_confirmed_after_another_campaign_rechecks_the_caps(
    ignore_cap: bool, store: Store, sandbox: SandboxThread
) -> None:
    """Two drafts prepared together for the same people: the second one, confirmed once
    the first went out, leaves them out (frequency cap), unless sent over the caps on
    demand."""
    settings = _settings(sandbox, cap_per_day=1, cap_per_30_days=0)
    metropolitan = PEOPLE[:1]

    def draft(label: str, ignore: bool) -> int:
        request = CampaignRequest(
            message="Promo -10 %", label=label, segment={"name": "t"}, ignore_cap=ignore
        )
        return create_and_prepare(
            store, metropolitan, request, settings=settings, clock=lambda: EVENING
        )

    first, second = draft("A", False), draft("B", ignore_cap)
    async with IsendClient(DEMO_KEYID, sandbox.url) as client:
        await dispatch(store, client, first, settings, clock=lambda: EVENING)
        heard: list[str] = []
        result = await dispatch(
            store,
            client,
            second,
            settings,
            lambda e: heard.append(e.message),
            clock=lambda: EVENING,
        )
    sent = [row["num"] for row in sms_log(sandbox)]
    if ignore_cap:
        assert sent == ["33612345601", "33612345601"] and result.sent == 1
        return
    assert sent == ["33612345601"] and result.sent == 0
    assert any("Plafond de fréquence atteint depuis la préparation" in line for line in heard)
    plan = plan_campaign(store, second, settings=settings, credit=None, clock=lambda: EVENING)
    assert plan.recipients == 0 and plan.excluded["frequency_cap"] == 1
