"""Marketing campaigns end to end against the sandbox served on a localhost port.

The sandbox's sms_log (its state file) is the ground truth of what went out. Recipients
are given directly (Contact); tests/integration/test_campaign_shop.py reads them from
hand-made shops.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from support.sandbox import sms_log

from isend_tui.campaigns import suppression
from isend_tui.campaigns.service import (
    CampaignKind,
    CampaignRequest,
    CampaignState,
    Contact,
    CreditTooLow,
    MessageRefused,
    OutsideSendingWindow,
    RetryPolicy,
    ScheduleRefused,
    campaign_detail,
    campaign_events,
    campaign_recipients,
    campaign_results_csv,
    create_and_prepare,
    discard_draft,
    dispatch,
    export_directory,
    interrupted_campaigns,
    list_campaigns,
    plan_campaign,
    resolve_batch,
    resume,
    send_test,
)
from isend_tui.campaigns.window import PARIS
from isend_tui.config import Settings
from isend_tui.gateway.client import IsendClient
from isend_tui.gateway.sandbox.account import DEMO_KEYID
from isend_tui.gateway.sandbox.faults import FaultKind
from isend_tui.gateway.sandbox.server import SandboxThread
from isend_tui.store import Store

TUESDAY_10H = datetime(2025, 6, 10, 10, 0, tzinfo=PARIS)
FAST_RETRY = RetryPolicy(attempts=3, base_delay=0.001, max_delay=0.01, unknown_limit=3)


def frozen(moment: datetime):  # type: ignore[no-untyped-def]
    return lambda: moment


@pytest.fixture
def sandbox_clock() -> Callable[[], datetime]:
    return frozen(TUESDAY_10H)


@pytest.fixture
def settings(sandbox: SandboxThread) -> Settings:
    return Settings(
        keyid=DEMO_KEYID,
        gateway_url=sandbox.url,
        sender="MaBoutique",
        admin_phone="06 99 88 77 66",
        batch_size=3,
        max_in_flight=2,
    )


@pytest.fixture
async def client(sandbox: SandboxThread) -> Any:
    async with IsendClient(DEMO_KEYID, sandbox.url, timeout=5) as opened:
        yield opened


PEOPLE = [
    Contact("33612345601", "Alice", "Martin", "alice@example.com"),
    Contact("33612345602", "Benoît", "Lefèvre", "benoit@example.com"),
    Contact("33751234503", "Chloé", "Roy", "chloe@example.com"),
    Contact("32470123456", "Benoît", "Dubois", "bd@example.be", "BE"),
    Contact("33612345605", "Dan", "Delacroix-Beaumont", "dan@example.com"),
]


def prepare(
    store: Store,
    settings: Settings,
    people: list[Contact],
    message: str = "Bonjour {client_surname} {client_name}, -20% ce week-end !",
    *,
    at: datetime | None = None,
    clock: datetime = TUESDAY_10H,
    kind: CampaignKind = CampaignKind.SEND,
    directory: str = "",
) -> int:
    request = CampaignRequest(
        message=message,
        label="Soldes",
        segment={"name": "test"},
        scheduled_for=at,
        kind=kind,
        directory_name=directory,
    )
    return create_and_prepare(store, people, request, settings=settings, clock=frozen(clock))


async def test_send_now_personalises_each_text_and_logs_every_step(
    store: Store, settings: Settings, client: IsendClient, sandbox: SandboxThread
) -> None:
    campaign_id = prepare(store, settings, PEOPLE)
    credit = await client.credit()
    plan = plan_campaign(
        store, campaign_id, settings=settings, credit=credit, clock=frozen(TUESDAY_10H)
    )
    assert plan.recipients == 5 and plan.can_send and plan.stop_mention
    assert plan.parts_total == 5 and plan.parts_max == 1
    assert plan.price_per_part == Decimal("0.05")
    assert plan.cost_estimate == Decimal("0.25")
    assert any("tarif France" in line for line in plan.lines)
    seen: list[str] = []
    result = await dispatch(
        store,
        client,
        campaign_id,
        settings,
        lambda e: seen.append(e.kind),
        clock=frozen(TUESDAY_10H),
    )
    assert result.state == CampaignState.SENT and result.sent == 5
    log = sms_log(sandbox)
    texts = {row["num"]: row for row in log}
    assert len(log) == 5
    # French numbers: the merged values are transliterated, the text stays GSM-7.
    assert texts["33612345602"]["text"] == "Bonjour Benoit Lefèvre, -20% ce week-end !"
    assert texts["33612345602"]["encoding"] == "GSM-7"
    # A foreign number too: a ç or î in a name must not bill UCS-2 for a GSM-7 text.
    assert texts["32470123456"]["text"] == "Bonjour Benoit Dubois, -20% ce week-end !"
    assert texts["32470123456"]["encoding"] == "GSM-7"
    assert texts["33612345605"]["text"].startswith("Bonjour Dan Delacroix-Beaumont")
    assert {row["sender"] for row in log} == {"MaBoutique"}
    assert {row["date_envoi"] for row in log} == {None}
    assert all(row["tracker"].startswith(f"C{campaign_id}R") for row in log)
    detail = campaign_detail(store, campaign_id)
    assert detail.by_state == {"sent": 5}
    rows = campaign_recipients(store, campaign_id)
    assert {r["ucs2"] for r in rows} == {0}
    events = [e.kind.value for e in campaign_events(store, campaign_id)]
    assert events[0] == "created" and "estimate" in events and events[-1] == "finished"
    assert [k.value for k in seen if k.value == "batch"] == [e for e in events if e == "batch"]
    assert list_campaigns(store)[0].state == "sent"
    assert interrupted_campaigns(store) == []


async def test_unknown_variables_and_non_gsm_template_are_refused_before_sending(
    store: Store, settings: Settings, sandbox: SandboxThread
) -> None:
    with pytest.raises(MessageRefused, match=r"\{prenom\}"):
        prepare(store, settings, PEOPLE, "Bonjour {prenom} !")
    with pytest.raises(MessageRefused, match="« ê »") as refused:
        prepare(store, settings, PEOPLE, "Fête des mères : {client_surname}")
    assert "Fete des mères" in refused.value.message
    assert list_campaigns(store)[0].state == "cancelled"
    assert campaign_recipients(store, list_campaigns(store)[0].id) == []
    # The same template to foreign numbers only is fine (sent in UCS-2).
    campaign_id = prepare(store, settings, [PEOPLE[3]], "Fête des mères : {client_surname}")
    assert campaign_detail(store, campaign_id).by_state == {"pending": 1}
    assert sms_log(sandbox) == []


async def test_a_recipient_over_six_parts_is_refused_and_never_sent(
    store: Store, settings: Settings, client: IsendClient, sandbox: SandboxThread
) -> None:
    long_name = "X" * 900
    people = [PEOPLE[0], Contact("33612345699", "Zoé", long_name, "z@example.com")]
    campaign_id = prepare(store, settings, people)
    plan = plan_campaign(
        store, campaign_id, settings=settings, credit=None, clock=frozen(TUESDAY_10H)
    )
    assert plan.recipients == 1 and plan.refused_too_long == 1
    result = await dispatch(store, client, campaign_id, settings, clock=frozen(TUESDAY_10H))
    assert result.sent == 1 and result.refused == 1
    refused = campaign_recipients(store, campaign_id, state="refused")
    assert refused[0]["number"] == "33612345699" and "6 au maximum" in str(refused[0]["detail"])
    assert [row["num"] for row in sms_log(sandbox)] == ["33612345601"]


async def test_scheduled_send_carries_date_envoi_and_the_brussels_zone(
    store: Store, settings: Settings, client: IsendClient, sandbox: SandboxThread
) -> None:
    at = datetime(2025, 6, 12, 18, 30)
    campaign_id = prepare(store, settings, PEOPLE[:2], at=at)
    plan = plan_campaign(
        store, campaign_id, settings=settings, credit=None, clock=frozen(TUESDAY_10H)
    )
    assert any("ne permet pas d'annuler" in line for line in plan.lines)
    result = await dispatch(store, client, campaign_id, settings, clock=frozen(TUESDAY_10H))
    assert result.state == CampaignState.SCHEDULED
    log = sms_log(sandbox)
    assert {(r["date_envoi"], r["gmt_zone"]) for r in log} == {
        ("2025-06-12 18:30", "Europe/Brussels")
    }


async def test_schedule_must_be_future_and_inside_the_window(
    store: Store, settings: Settings
) -> None:
    with pytest.raises(ScheduleRefused, match="passée"):
        prepare(store, settings, PEOPLE, at=datetime(2025, 6, 10, 9, 0))
    with pytest.raises(OutsideSendingWindow) as sunday:
        prepare(store, settings, PEOPLE, at=datetime(2025, 6, 15, 11, 0))
    assert sunday.value.next_slot == datetime(2025, 6, 16, 8, 0, tzinfo=PARIS)
    with pytest.raises(OutsideSendingWindow) as holiday:
        prepare(store, settings, PEOPLE, at=datetime(2025, 7, 14, 10, 0))
    assert holiday.value.next_slot == datetime(2025, 7, 15, 8, 0, tzinfo=PARIS)
    assert list_campaigns(store) == []


async def test_send_now_outside_the_window_reports_the_next_slot_and_sends_nothing(
    store: Store, settings: Settings, client: IsendClient, sandbox: SandboxThread
) -> None:
    evening = datetime(2025, 6, 10, 20, 0, tzinfo=PARIS)
    campaign_id = prepare(store, settings, PEOPLE, clock=evening)
    plan = plan_campaign(store, campaign_id, settings=settings, credit=None, clock=frozen(evening))
    assert not plan.window_open and plan.next_slot == datetime(2025, 6, 11, 8, 0, tzinfo=PARIS)
    with pytest.raises(OutsideSendingWindow) as closed:
        await dispatch(store, client, campaign_id, settings, clock=frozen(evening))
    assert closed.value.next_slot == datetime(2025, 6, 11, 8, 0, tzinfo=PARIS)
    assert campaign_detail(store, campaign_id).summary.state == "draft"
    # 19:59 is still open; the 22:00 option opens the evening.
    late = Settings(**{**settings.__dict__, "window_end": "22:00"})
    result = await dispatch(store, client, campaign_id, late, clock=frozen(evening))
    assert result.sent == 5 and len(sms_log(sandbox)) == 5


async def test_credit_check_refuses_with_the_numbers(
    store: Store, settings: Settings, client: IsendClient, sandbox: SandboxThread
) -> None:
    sandbox.account.set_credit("0.15")  # 3 SMS to France
    campaign_id = prepare(store, settings, PEOPLE)
    credit = await client.credit()
    plan = plan_campaign(
        store, campaign_id, settings=settings, credit=credit, clock=frozen(TUESDAY_10H)
    )
    assert not plan.credit_ok and not plan.can_send
    assert any("5 SMS à envoyer pour un crédit qui en couvre 3" in line for line in plan.lines)
    with pytest.raises(CreditTooLow, match="n'en couvre que 3"):
        await dispatch(store, client, campaign_id, settings, clock=frozen(TUESDAY_10H))
    assert sms_log(sandbox) == []
    discard_draft(store, campaign_id)
    assert list_campaigns(store) == []


async def test_suppression_manual_imported_and_code_11(
    store: Store, settings: Settings, client: IsendClient, sandbox: SandboxThread
) -> None:
    suppression.add_manual(store, "06 12 34 56 01", note="a demandé STOP")
    sandbox.account.blacklist_add("0751234503")
    imported = await suppression.import_blacklist(store, client)
    assert imported.added == 1
    sandbox.account.blacklist_add("33612345605")  # on the gateway's list, not yet ours
    people = [
        Contact(
            p.number,
            p.firstname,
            p.lastname,
            p.email,
            p.country_iso,
            suppressed=p.number in suppression.suppressed_numbers(store),
        )
        for p in PEOPLE
    ]
    campaign_id = prepare(store, settings, people)
    result = await dispatch(store, client, campaign_id, settings, clock=frozen(TUESDAY_10H))
    assert result.suppressed == 2 and result.refused == 1 and result.sent == 2
    sent = {row["num"] for row in sms_log(sandbox)}
    assert sent == {"33612345602", "32470123456"}
    refused = campaign_recipients(store, campaign_id, state="refused")
    assert refused[0]["code"] == "11"
    entries = {e.number: e.source for e in suppression.list_entries(store)}
    assert entries == {
        "33612345601": "manual",
        "33751234503": "blacklist_import",
        "33612345605": "gateway_code_11",
    }


async def test_the_same_number_never_receives_a_campaign_twice(
    store: Store, settings: Settings, client: IsendClient, sandbox: SandboxThread
) -> None:
    campaign_id = prepare(store, settings, [PEOPLE[0], PEOPLE[0], PEOPLE[1]])
    result = await dispatch(store, client, campaign_id, settings, clock=frozen(TUESDAY_10H))
    assert result.sent == 2 and len(sms_log(sandbox)) == 2
    again = await dispatch(store, client, campaign_id, settings, clock=frozen(TUESDAY_10H))
    assert again.sent == 2 and len(sms_log(sandbox)) == 2


async def test_export_to_an_isendpro_directory(
    store: Store, settings: Settings, client: IsendClient, sandbox: SandboxThread
) -> None:
    people = [*PEOPLE[:3], Contact("123", "Bad", "Number")]
    campaign_id = prepare(store, settings, people, kind=CampaignKind.EXPORT, directory="Soldes été")
    result = await export_directory(store, client, campaign_id, settings, clock=frozen(TUESDAY_10H))
    assert result.added == 3
    assert [f[0] for f in result.failures] == ["123"] and result.failures[0][1] == "21"
    contacts = dict(sandbox.account.directory_contacts(result.directory_id))
    assert contacts["33612345602"] == {1: "Benoît Lefèvre"}
    summary = list_campaigns(store)[0]
    assert summary.kind == "export" and summary.state == "sent"
    assert sms_log(sandbox) == []


async def test_send_test_goes_to_the_admin_phone(
    store: Store, settings: Settings, client: IsendClient, sandbox: SandboxThread
) -> None:
    campaign_id = prepare(store, settings, [PEOPLE[1]])
    sent = await send_test(store, client, campaign_id, settings, clock=frozen(TUESDAY_10H))
    assert sent.number == "33699887766"
    assert [(r["num"], r["text"]) for r in sms_log(sandbox)] == [
        ("33699887766", "Bonjour Benoit Lefèvre, -20% ce week-end !")
    ]
    no_admin = Settings(**{**settings.__dict__, "admin_phone": ""})
    with pytest.raises(Exception, match="administrateur"):
        await send_test(store, client, campaign_id, no_admin)


async def test_nothing_sent_failures_are_retried_then_the_campaign_stops_for_resume(
    store: Store, settings: Settings, client: IsendClient, sandbox: SandboxThread
) -> None:
    campaign_id = prepare(store, settings, PEOPLE)
    sandbox.faults.fail_next(FaultKind.UNAVAILABLE, 2, paths=("/smsmulti",))
    result = await dispatch(
        store, client, campaign_id, settings, clock=frozen(TUESDAY_10H), retry=FAST_RETRY
    )
    assert result.state == CampaignState.SENT and len(sms_log(sandbox)) == 5
    kinds = [e.kind.value for e in campaign_events(store, campaign_id)]
    assert kinds.count("retry") == 2

    second = prepare(store, settings, [Contact("33612340001"), Contact("33612340002")])
    sandbox.faults.fail_next(FaultKind.UNAVAILABLE, 10, paths=("/smsmulti",))
    stopped = await dispatch(
        store, client, second, settings, clock=frozen(TUESDAY_10H), retry=FAST_RETRY
    )
    assert stopped.state == CampaignState.FAILED and stopped.pending == 2
    assert "indisponible" in (stopped.error or "")
    assert [c.id for c in interrupted_campaigns(store)] == [second]
    sandbox.faults.reset()
    resumed = await resume(store, client, second, settings, clock=frozen(TUESDAY_10H))
    assert resumed.state == CampaignState.SENT and len(sms_log(sandbox)) == 7


async def test_unknown_outcome_is_uncertain_until_resolved(
    store: Store, settings: Settings, client: IsendClient, sandbox: SandboxThread
) -> None:
    solo = Settings(**{**settings.__dict__, "batch_size": 2, "max_in_flight": 1})
    campaign_id = prepare(store, solo, PEOPLE[:3] + PEOPLE[4:])  # two batches of 2
    sandbox.faults.fail_next(FaultKind.SERVER_ERROR, 1, paths=("/smsmulti",))  # processed
    sandbox.faults.fail_next(FaultKind.DROP_BEFORE, 1, paths=("/smsmulti",))  # not processed
    result = await dispatch(store, client, campaign_id, solo, clock=frozen(TUESDAY_10H))
    assert result.state == CampaignState.PARTLY_FAILED
    assert result.uncertain == 4 and len(result.uncertain_batches) == 2
    assert len(sms_log(sandbox)) == 2  # the first batch went out, the second did not
    first, second = result.uncertain_batches
    checked = await resolve_batch(store, client, first, "check", clock=frozen(TUESDAY_10H))
    assert checked.marked_sent == 2 and checked.to_send == 0
    rechecked = await resolve_batch(store, client, second, "check", clock=frozen(TUESDAY_10H))
    assert rechecked.marked_sent == 0 and rechecked.to_send == 2
    resumed = await resume(store, client, campaign_id, solo, clock=frozen(TUESDAY_10H))
    assert resumed.state == CampaignState.SENT
    numbers = [row["num"] for row in sms_log(sandbox)]
    assert sorted(numbers) == sorted({p.number for p in PEOPLE[:3] + PEOPLE[4:]})


async def test_mark_sent_and_resend_decisions(
    store: Store, settings: Settings, client: IsendClient, sandbox: SandboxThread, tmp_path: Path
) -> None:
    solo = Settings(**{**settings.__dict__, "batch_size": 2, "max_in_flight": 1})
    campaign_id = prepare(store, solo, PEOPLE[:3] + PEOPLE[4:])
    sandbox.faults.fail_next(FaultKind.DROP_AFTER, 1, paths=("/smsmulti",))
    sandbox.faults.fail_next(FaultKind.MALFORMED, 1, paths=("/smsmulti",))
    result = await dispatch(store, client, campaign_id, solo, clock=frozen(TUESDAY_10H))
    assert len(result.uncertain_batches) == 2 and len(sms_log(sandbox)) == 4
    first, second = result.uncertain_batches
    await resolve_batch(store, None, first, "mark_sent")
    resolution = await resolve_batch(store, None, second, "resend")
    assert resolution.to_send == 2
    resumed = await resume(store, client, campaign_id, solo, clock=frozen(TUESDAY_10H))
    assert resumed.state == CampaignState.SENT
    # the user chose to resend: those two numbers are in the log twice, nobody else
    numbers = [row["num"] for row in sms_log(sandbox)]
    assert len(numbers) == 6 and len(set(numbers)) == 4
    path = tmp_path / "results.csv"
    assert campaign_results_csv(store, campaign_id, path) == 4
    assert path.read_text(encoding="utf-8-sig").splitlines()[0].startswith("numero;")
