"""Frequency caps (campaigns/frequency_caps.py) against a real store filled by the real
engine: campaigns prepared, sent, scheduled, confirmed, cancelled or exported through the
sandbox on a localhost port, at the moments the tests choose."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator, Iterator, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import settings as examples
from hypothesis import strategies as st

from isend_tui import i18n
from isend_tui.campaigns.cancel import cancel_campaign
from isend_tui.campaigns.events import CampaignProgress, EventKind
from isend_tui.campaigns.export import export_directory
from isend_tui.campaigns.frequency_caps import CapRule, _window_full, capped_numbers
from isend_tui.campaigns.model import CampaignKind, CampaignRequest, CampaignState, Contact
from isend_tui.campaigns.prepare import create_and_prepare
from isend_tui.campaigns.queries import campaign_recipients
from isend_tui.campaigns.recovery import resolve_batch
from isend_tui.campaigns.run import StopRequest
from isend_tui.campaigns.sending import confirm, dispatch
from isend_tui.campaigns.window import PARIS
from isend_tui.config import Settings
from isend_tui.gateway.client import IsendClient
from isend_tui.gateway.sandbox.account import DEMO_KEYID, SandboxAccount
from isend_tui.gateway.sandbox.faults import FaultKind
from isend_tui.gateway.sandbox.server import SandboxThread
from isend_tui.store import Store, open_store

NOW = datetime(2025, 6, 18, 10, 0, tzinfo=PARIS)  # a Wednesday, no holiday near
DEFAULT = CapRule()  # 1 per 24 h, 4 per 30 days


def frozen(moment: datetime):  # type: ignore[no-untyped-def]
    return lambda: moment


def number(i: int) -> str:
    return f"336{i:08d}"


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[SandboxThread]:
    account = SandboxAccount(path=tmp_path / "sandbox.sqlite3", clock=frozen(NOW))
    with SandboxThread(account) as served:
        yield served
    account.close()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "store.sqlite3")
    yield opened
    opened.close()


@pytest.fixture
def settings(sandbox: SandboxThread) -> Settings:
    return Settings(keyid=DEMO_KEYID, gateway_url=sandbox.url, sender="MaBoutique")


@pytest.fixture
async def client(sandbox: SandboxThread) -> AsyncIterator[IsendClient]:
    async with IsendClient(DEMO_KEYID, sandbox.url, timeout=5) as opened:
        yield opened


class Shop:
    """The merchant's campaigns, each at the moment given."""

    def __init__(self, store: Store, settings: Settings, client: IsendClient) -> None:
        self.store, self.settings, self.client = store, settings, client

    def prepare(
        self,
        numbers: Sequence[str],
        at: datetime,
        *,
        scheduled: datetime | None = None,
        kind: CampaignKind = CampaignKind.SEND,
    ) -> int:
        request = CampaignRequest(
            message="Soldes : -20 % ce week-end !",
            label=f"Soldes {at:%d/%m %H:%M}",
            segment={"name": "test"},
            scheduled_for=scheduled,
            kind=kind,
            directory_name="Clients" if kind == CampaignKind.EXPORT else "",
        )
        return create_and_prepare(
            self.store,
            [Contact(n) for n in numbers],
            request,
            settings=self.settings,
            clock=frozen(at),
        )

    async def send(
        self, numbers: Sequence[str], at: datetime, *, scheduled: datetime | None = None
    ) -> int:
        campaign_id = self.prepare(numbers, at, scheduled=scheduled)
        result = await dispatch(
            self.store, self.client, campaign_id, self.settings, clock=frozen(at)
        )
        expected = CampaignState.SCHEDULED if scheduled else CampaignState.SENT
        assert result.state == expected and result.sent == len(numbers)
        return campaign_id

    def capped(self, numbers: Sequence[str] | None = None, **options: Any) -> set[str]:
        rule = options.pop("rule", DEFAULT)
        at = options.pop("at", NOW)
        return set(capped_numbers(self.store, numbers, rule, at, **options))


@pytest.fixture
def shop(store: Store, settings: Settings, client: IsendClient) -> Shop:
    return Shop(store, settings, client)


async def test_one_a_day_counts_what_left_in_the_last_24_hours(shop: Shop) -> None:
    await shop.send([number(1)], NOW - timedelta(hours=23))
    await shop.send([number(2)], NOW - timedelta(hours=25))
    await shop.send([number(3)], NOW - timedelta(hours=24))  # exactly: allowed
    await shop.send([number(4)], NOW - timedelta(hours=23, minutes=59, seconds=59))
    assert shop.capped() == {number(1), number(4)}
    assert shop.capped([number(2), number(3), number(9)]) == set()
    # The same SMS seen from a day later: only the one sent 23 h before is still near.
    later = NOW + timedelta(hours=22, minutes=59)
    assert shop.capped(at=later) == set()
    assert shop.capped(at=NOW - timedelta(hours=2)) == {number(1), number(2), number(3), number(4)}


async def test_a_campaign_scheduled_for_tomorrow_caps_today(shop: Shop) -> None:
    tomorrow = NOW + timedelta(hours=23, minutes=30)
    await shop.send([number(1)], NOW - timedelta(hours=1), scheduled=tomorrow)
    await shop.send([number(2)], NOW - timedelta(hours=1), scheduled=NOW + timedelta(days=1))
    # Handed to iSendPro an hour ago, it leaves tomorrow: it counts then, not now.
    assert shop.capped() == {number(1)}
    assert shop.capped(at=NOW - timedelta(hours=1)) == set()
    assert shop.capped(at=tomorrow + timedelta(hours=23)) == {number(1), number(2)}


async def test_cancelled_drafts_and_exports_count_for_nothing(shop: Shop) -> None:
    cancelled = shop.prepare([number(1)], NOW - timedelta(hours=2))
    cancel_campaign(shop.store, cancelled, clock=frozen(NOW - timedelta(hours=1)))
    shop.prepare([number(2)], NOW - timedelta(hours=1))  # a draft never confirmed
    export = shop.prepare([number(3)], NOW - timedelta(hours=3), kind=CampaignKind.EXPORT)
    result = await export_directory(
        shop.store, shop.client, export, shop.settings, clock=frozen(NOW - timedelta(hours=3))
    )
    assert result.added == 1
    assert shop.capped() == set()


async def test_a_stopped_campaign_counts_what_left_and_not_what_waits(shop: Shop) -> None:
    """Stopped after its first batch (the merchant quit), then cancelled: the SMS that went
    out still count, the recipients never sent do not (a resume checks the caps itself)."""
    settings = dataclasses.replace(shop.settings, batch_size=1, max_in_flight=1)
    at = NOW - timedelta(hours=2)
    campaign_id = shop.prepare([number(1), number(2), number(3)], at)
    stop = StopRequest()

    def on_event(event: CampaignProgress) -> None:
        if event.kind == EventKind.BATCH:
            stop.request("quit")

    result = await dispatch(
        shop.store, shop.client, campaign_id, settings, on_event, clock=frozen(at), stop=stop
    )
    assert result.state == CampaignState.PARTLY_FAILED and result.pending >= 1
    sent = {str(r["number"]) for r in campaign_recipients(shop.store, campaign_id, state="sent")}
    assert len(sent) == result.sent >= 1
    assert shop.capped() == sent
    cancel_campaign(shop.store, campaign_id, clock=frozen(at))
    assert shop.capped() == sent


async def test_an_uncertain_sms_counts_until_it_is_known_unsent(
    shop: Shop, sandbox: SandboxThread
) -> None:
    """A batch whose outcome is unknown may have left: capped. Once settled as "resend",
    its recipients wait for a resume of a stopped campaign: not counted (the resume checks
    the caps)."""
    at = NOW - timedelta(hours=2)
    campaign_id = shop.prepare([number(1), number(2)], at)
    sandbox.faults.fail_next(FaultKind.DROP_BEFORE, 1, paths=("/smsmulti",))
    result = await dispatch(shop.store, shop.client, campaign_id, shop.settings, clock=frozen(at))
    assert result.uncertain == 2 and result.state == CampaignState.PARTLY_FAILED
    assert shop.capped() == {number(1), number(2)}
    (batch,) = result.uncertain_batches
    await resolve_batch(shop.store, shop.client, batch, "resend", clock=frozen(at))
    assert shop.capped() == set()


async def test_a_confirmed_campaign_not_sent_yet_counts_now(shop: Shop) -> None:
    confirmed = shop.prepare([number(1), number(2)], NOW - timedelta(days=4))
    confirm(shop.store, confirmed, clock=frozen(NOW - timedelta(days=3)))
    # 'sending' with every recipient pending: they may leave at any moment from now on.
    assert shop.capped() == {number(1), number(2)}
    assert shop.capped(at=NOW + timedelta(days=1), now=NOW) == set()
    # The campaign itself, being resumed or prepared, is not counted against itself.
    assert shop.capped(exclude_campaign=confirmed) == set()


async def test_a_pending_sms_of_an_overseas_group_counts_at_its_slot(shop: Shop) -> None:
    """Confirmed at 19:30 in Paris, a Réunion number (21:30 there) will leave at its first
    slot, 08:00 in Réunion (05:00 in Paris) the next day: it counts then."""
    evening = NOW.replace(hour=19, minute=30)
    reunion, paris = "262692123456", number(1)
    confirmed = shop.prepare([reunion, paris], evening - timedelta(minutes=10))
    confirm(shop.store, confirmed, clock=frozen(evening))
    rule = CapRule.of(shop.settings)
    next_evening = evening + timedelta(hours=24, minutes=30)  # 20:00 the next day
    assert shop.capped(rule=rule, at=next_evening, now=evening) == {reunion}
    # without the window the rule cannot tell the group's slot: the campaign's moment
    assert shop.capped(at=next_evening, now=evening) == set()


async def test_four_in_30_days_whatever_the_day(shop: Shop) -> None:
    # number 1: four SMS in the last 29 days; number 2: the same, but the first one exactly
    # 30 days ago; number 3: three.
    for ago in [29, 19, 8, 5]:
        await shop.send(
            [number(1), number(3)] if ago != 29 else [number(1)], NOW - timedelta(days=ago)
        )
        await shop.send([number(2)], NOW - timedelta(days=30 if ago == 29 else ago))
    assert shop.capped() == {number(1)}
    assert shop.capped(rule=CapRule(per_day=1, per_30_days=5)) == set()
    assert shop.capped(rule=CapRule(per_day=0, per_30_days=3)) == {number(1), number(2), number(3)}


async def test_a_window_ahead_counts_too(shop: Shop) -> None:
    """A send at T must not fill a window that starts before T and holds later SMS."""
    await shop.send([number(1)], NOW - timedelta(days=11))
    await shop.send([number(1)], NOW - timedelta(days=4))
    await shop.send([number(1)], NOW - timedelta(hours=1), scheduled=NOW + timedelta(days=7))
    await shop.send([number(1)], NOW - timedelta(hours=1), scheduled=NOW + timedelta(days=15))
    # Two SMS in the 30 days before: alone they would allow it, but [NOW - 11 d,
    # NOW + 19 d) holds four others.
    assert shop.capped() == {number(1)}
    # 25 days on, the windows containing it hold at most three others (-4 d, +7 d, +15 d).
    assert shop.capped(at=NOW + timedelta(days=25)) == set()
    assert shop.capped(at=NOW + timedelta(days=25), rule=CapRule(1, 3)) == {number(1)}


async def test_caps_at_zero_cap_nothing(shop: Shop) -> None:
    await shop.send([number(1)], NOW - timedelta(hours=1))
    assert shop.capped(rule=CapRule(per_day=0, per_30_days=0)) == set()
    assert shop.capped(rule=CapRule(per_day=0, per_30_days=1)) == {number(1)}
    assert shop.capped(rule=CapRule(per_day=2, per_30_days=0)) == set()


async def test_a_hundred_numbers_of_one_campaign(shop: Shop) -> None:
    everyone = [number(i) for i in range(100)]
    await shop.send(everyone, NOW - timedelta(hours=2))
    assert shop.capped() == set(everyone)
    assert shop.capped([*everyone[:10], number(500)]) == set(everyone[:10])
    assert shop.capped([]) == set()


async def test_thirty_days_are_real_time_across_the_change_of_hour(shop: Shop) -> None:
    # 26 October 2025 the clocks go back: 30 days before 20 November 10:00 (CET) is
    # 21 October 11:00 (CEST), not 10:00.
    at = datetime(2025, 11, 20, 10, 0, tzinfo=PARIS)
    rule = CapRule(per_day=0, per_30_days=1)
    await shop.send([number(1)], datetime(2025, 10, 21, 11, 0, tzinfo=PARIS))
    await shop.send([number(2)], datetime(2025, 10, 21, 10, 30, tzinfo=PARIS))
    await shop.send([number(3)], datetime(2025, 10, 21, 11, 1, tzinfo=PARIS))
    assert shop.capped(at=at, rule=rule) == {number(3)}


def test_the_rule_comes_from_the_settings_and_says_itself() -> None:
    assert CapRule.of(Settings()) == CapRule(per_day=1, per_30_days=4)
    assert CapRule().describe() == "1 SMS par 24 h et 4 par 30 jours au plus par numéro"
    assert CapRule(2, 0).describe() == "2 SMS par 24 h au plus par numéro"
    assert CapRule(0, 6).describe() == "6 SMS par 30 jours au plus par numéro"
    assert not CapRule(0, 0).active
    i18n.set_language("en")
    try:
        assert CapRule().describe() == "at most 1 SMS per 24 h and 4 per 30 days per number"
    finally:
        i18n.reset()


@examples(max_examples=300, deadline=None)
@given(
    times=st.lists(st.integers(min_value=0, max_value=60), max_size=12),
    target=st.integers(min_value=0, max_value=60),
    width=st.integers(min_value=1, max_value=20),
    cap=st.integers(min_value=1, max_value=4),
)
def test_the_rule_is_every_window_containing_the_send(
    times: list[int], target: int, width: int, cap: int
) -> None:
    """Against the definition, on whole seconds: refused iff some [s, s + width) with
    s <= target < s + width already holds `cap` SMS."""
    full = any(
        sum(s <= t < s + width for t in times) >= cap for s in range(target - width + 1, target + 1)
    )
    assert _window_full(sorted(map(float, times)), float(target), float(width), cap) == full
