"""A/B tests on send times (campaigns/send_times.py): one text, 2 to 4 moments, each
recipient drawn one of them; the confirmation counts each moment, every SMS reaches the
sandbox with its moment's date_envoi (a local hours group from that moment on), and the
results name each moment. Bad requests are refused naming their field."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from support.sandbox import sms_log
from support.shop_builder import newsletter_shop

from isend_tui.campaigns.campaign_store import mark_confirmed
from isend_tui.campaigns.draws import variant_of
from isend_tui.campaigns.frequency_caps import CapRule, capped_numbers
from isend_tui.campaigns.service import (
    CampaignRequest,
    CampaignState,
    Contact,
    create_and_prepare,
    dispatch,
    plan_campaign,
    validate_request,
)
from isend_tui.campaigns.window import PARIS, next_slot
from isend_tui.cli import main
from isend_tui.config import Settings
from isend_tui.errors import UserError
from isend_tui.gateway.client import IsendClient
from isend_tui.gateway.sandbox.account import DEMO_KEYID
from isend_tui.gateway.sandbox.server import SandboxThread
from isend_tui.results.figures import Attribution, Group
from isend_tui.results.lines import attribution_lines
from isend_tui.store import Store

#: Monday 8 June 2026, 09:00 in Paris; the moments compared: 10:00 and 18:30 that day.
NOW = datetime(2026, 6, 8, 9, 0, tzinfo=PARIS)
MORNING = datetime(2026, 6, 8, 10, 0, tzinfo=PARIS)
EVENING = datetime(2026, 6, 8, 18, 30, tzinfo=PARIS)
MOMENTS = {0: "2026-06-08 10:00", 1: "2026-06-08 18:30"}


@pytest.fixture
def sandbox_clock() -> Callable[[], datetime]:
    return lambda: NOW


def _settings(sandbox: SandboxThread) -> Settings:
    return Settings(keyid=DEMO_KEYID, gateway_url=sandbox.url, sender="MaBoutique", batch_size=7)


async def test_each_recipient_gets_the_text_at_the_moment_drawn_for_them(
    store: Store, sandbox: SandboxThread
) -> None:
    settings = _settings(sandbox)
    people = [Contact(f"3361234{i:04d}") for i in range(60)]
    reunion = [f"26269212{i:04d}" for i in range(20)]
    people += [Contact(number, country_iso="RE") for number in reunion]
    request = CampaignRequest(
        message="Soldes -20 %", label="Heures", send_times=(MORNING, EVENING), holdout_pct=10
    )
    campaign_id = create_and_prepare(store, people, request, settings=settings, clock=lambda: NOW)
    drawn = dict(
        store.db.execute_sql(
            "SELECT number, variant FROM campaign_recipient WHERE campaign_id = ? "
            "AND state = 'pending'",
            (campaign_id,),
        ).fetchall()
    )
    per_moment = Counter(drawn.values())
    assert set(per_moment) == {0, 1} and min(per_moment.values()) >= 10

    plan = plan_campaign(store, campaign_id, settings=settings, credit=None, clock=lambda: NOW)
    assert plan.can_send
    assert (
        "Test A/B des heures d'envoi, destinataires tirés au hasard pour chaque heure : "
        f"heure A (lundi 08/06/2026 10:00) : {per_moment[0]}, "
        f"heure B (lundi 08/06/2026 18:30) : {per_moment[1]}."
    ) in plan.lines
    assert any(line.startswith("Message : « Soldes -20 %") for line in plan.lines)
    assert "Envois programmés aux heures comparées ci-dessous (heure de Paris)." in plan.lines
    # La Réunion is 2 h ahead: drawn 10:00 (12:00 there) they leave then; drawn 18:30
    # (20:30 there, the window closed) they wait for 08:00 there the next morning.
    at_a = sum(drawn.get(n) == 0 for n in reunion)
    at_b = sum(drawn.get(n) == 1 for n in reunion)
    assert at_a and at_b
    assert (
        f"Heure locale, La Réunion : {at_a} destinataires, avec la campagne (12:00 sur place)."
        in plan.lines
    )
    assert (
        f"Heure locale, La Réunion : {at_b} destinataires, programmés le mardi 09/06/2026 "
        "06:00 (heure de Paris), 08:00 sur place." in plan.lines
    )

    async with IsendClient(DEMO_KEYID, sandbox.url) as client:
        result = await dispatch(store, client, campaign_id, settings, clock=lambda: NOW)
    assert result.state == CampaignState.SCHEDULED
    log = sms_log(sandbox)
    assert {row["num"] for row in log} == set(drawn)  # the hold-out got nothing
    local = {0: MOMENTS[0], 1: "2026-06-09 06:00"}
    for row in log:
        moments = local if row["num"] in reunion else MOMENTS
        assert row["date_envoi"] == moments[drawn[row["num"]]], row["num"]
    # One moment per request to the gateway: a batch never mixes two variants.
    mixed = store.db.execute_sql(
        "SELECT batch_id FROM campaign_recipient WHERE campaign_id = ? AND batch_id IS NOT NULL "
        "GROUP BY batch_id HAVING count(DISTINCT variant) > 1",
        (campaign_id,),
    ).fetchall()
    assert mixed == []


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"send_times": (MORNING,)}, "send_time", "1 heure"),
        ({"send_times": (MORNING,) * 2}, "send_time", "donnée deux fois"),
        ({"send_times": tuple(MORNING + timedelta(hours=h) for h in range(5))}, "send_time",
         "5 heures"),
        ({"variants": ("Autre",)}, "send_time", "pas les deux"),
        ({"scheduled_for": MORNING}, "at", "--at"),
        ({"winner_after_hours": 6, "remainder_pct": 50}, "winner_after", "--winner-after"),
        ({"send_times": (NOW - timedelta(hours=1), EVENING)}, None, "déjà passée"),
        ({"send_times": (MORNING, MORNING.replace(hour=21))}, None, "hors de la plage"),
    ],
)  # fmt: skip
def test_a_bad_send_time_test_is_refused_naming_its_field(
    changes: dict[str, object], field: str | None, words: str
) -> None:
    base: dict[str, object] = {"message": "Promo", "send_times": (MORNING, EVENING)}
    request = CampaignRequest(**{**base, **changes})  # type: ignore[arg-type]
    with pytest.raises(UserError) as refused:
        validate_request(request, Settings(sender="MaBoutique"), clock=lambda: NOW)
    assert words in refused.value.message and "\n" not in refused.value.message
    if field is not None:
        assert refused.value.field == field


def test_the_command_line_sends_at_each_moment(
    sandbox: SandboxThread, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dsn, segment = newsletter_shop(tmp_path, 30)
    first = next_slot(datetime.now(PARIS) + timedelta(days=2)).replace(hour=10, minute=0)
    second = first.replace(hour=17, minute=45)
    times = [t.strftime("%Y-%m-%d %H:%M") for t in (first, second)]
    args = ["campaign", "send", str(segment), "--message", "Promo", "--yes"]
    args += ["--send-time", times[0], "--send-time", times[1], "--shop-db", dsn.url()]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "Test A/B des heures d'envoi, destinataires tirés au hasard pour chaque heure" in out
    assert Counter(row["date_envoi"] for row in sms_log(sandbox)).keys() == set(times)
    # The campaign says which moments it compares, on screen and in JSON.
    assert main(["campaign", "show", "1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["send_times"] == times
    assert main(["campaign", "show", "1"]) == 0
    assert "Test A/B des heures d'envoi : heure A (" in capsys.readouterr().out

    assert main([*args[:6], "--send-time", " ", "--shop-db", dsn.url()]) == 1
    assert "--send-time est vide" in capsys.readouterr().err
    assert main([*args[:6], "--send-time", times[0], "--variant", "B", "--send-time", times[1],
                 "--shop-db", dsn.url()]) == 1  # fmt: skip
    assert "pas les deux" in capsys.readouterr().err
    assert len(sms_log(sandbox)) == 30  # nothing more sent


def test_the_results_name_each_moment_and_the_winning_one() -> None:
    def group(recipients: int, buyers: int) -> Group:
        return Group(recipients=recipients, buyers=buyers, orders=buyers, revenue=Decimal(buyers))

    figures = Attribution(
        campaign_id=1,
        currency="EUR",
        window_days=5,
        window_start=MORNING,
        window_end=EVENING + timedelta(days=5),
        computed_at=EVENING + timedelta(days=6),
        delivery_known=False,
        sms=2000,
        cost=None,
        treated=group(2000, 260),
        variants=(group(1000, 200), group(1000, 60)),
        send_times=tuple(MOMENTS.values()),
    )
    lines = attribution_lines(figures)
    assert any(line.startswith("Heure A (lundi 08/06/2026 10:00) : 1") for line in lines)
    assert any(line.startswith("Heure B (lundi 08/06/2026 18:30) : 1") for line in lines)
    assert any("Gagnant : heure A (lundi 08/06/2026 10:00)" in line for line in lines)
    assert Attribution.from_dict(figures.as_dict()).send_times == figures.send_times


async def test_the_caps_are_checked_at_each_recipients_own_moment(
    store: Store, sandbox: SandboxThread
) -> None:
    settings = dataclasses.replace(_settings(sandbox), cap_per_day=1, cap_per_30_days=0)
    people = [Contact(f"3361234{i:04d}") for i in range(40)]
    first = CampaignRequest(message="Avant", scheduled_for=MORNING.replace(hour=19))
    earlier = create_and_prepare(store, people, first, settings=settings, clock=lambda: NOW)
    async with IsendClient(DEMO_KEYID, sandbox.url) as client:
        await dispatch(store, client, earlier, settings, clock=lambda: NOW)
    # A at 10:00, 9 h before the other campaign's 19:00; B the next day at 19:30, 24.5 h
    # after it: only the recipients drawn B may have one more SMS.
    later = datetime(2026, 6, 9, 19, 30, tzinfo=PARIS)
    request = CampaignRequest(message="Après", send_times=(MORNING, later))
    campaign_id = create_and_prepare(store, people, request, settings=settings, clock=lambda: NOW)
    seed, excluded = store.db.execute_sql(
        "SELECT draw_seed, excluded FROM campaign WHERE id = ?", (campaign_id,)
    ).fetchone()
    drawn_b = {p.number for p in people if variant_of(seed, 2, p.number) == 1}
    kept = {
        number
        for (number,) in store.db.execute_sql(
            "SELECT number FROM campaign_recipient WHERE campaign_id = ?", (campaign_id,)
        )
    }
    assert kept == drawn_b and 0 < len(kept) < len(people)
    assert json.loads(excluded)["frequency_cap"] == len(people) - len(drawn_b)
    # Checked again when it starts sending, each at its moment: all of them still go.
    async with IsendClient(DEMO_KEYID, sandbox.url) as client:
        result = await dispatch(store, client, campaign_id, settings, clock=lambda: NOW)
    assert result.sent == len(drawn_b)


def test_other_campaigns_count_a_confirmed_tests_pending_sms_at_its_moment(
    store: Store,
) -> None:
    """Confirmed but not yet handed to iSendPro (a crash before its first batch): each
    pending recipient of a send-time test counts for the caps at his own moment."""
    settings = Settings(sender="MaBoutique")
    people = [Contact(f"3361234{i:04d}") for i in range(40)]
    later = datetime(2026, 6, 9, 19, 30, tzinfo=PARIS)
    request = CampaignRequest(message="Promo", send_times=(MORNING, later))
    campaign_id = create_and_prepare(store, people, request, settings=settings, clock=lambda: NOW)
    with store.write():
        mark_confirmed(store, campaign_id, NOW.isoformat())
    seed = store.db.execute_sql(
        "SELECT draw_seed FROM campaign WHERE id = ?", (campaign_id,)
    ).fetchone()[0]
    drawn_b = {p.number for p in people if variant_of(seed, 2, p.number) == 1}
    rule = CapRule(per_day=1, per_30_days=0)
    evening_after = datetime(2026, 6, 9, 19, 0, tzinfo=PARIS)  # 33 h after A, 30 min before B
    assert capped_numbers(store, None, rule, evening_after, now=NOW) == drawn_b
    assert (
        capped_numbers(store, None, rule, MORNING + timedelta(hours=2), now=NOW)
        == {p.number for p in people} - drawn_b
    )
