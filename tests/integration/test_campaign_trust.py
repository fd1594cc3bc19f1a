"""Money: never twice, never to a STOP. Settling uncertain batches from the gateway's
report, whatever its columns are called (nothing found is ever resent unless the report
surely does not list it), and the suppression list checked again at send time.

The sandbox serves its report with other column names (FaultConfig.report_headers), as
the live API's undocumented CSV may.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
from support.sandbox import sms_log

from isend_tui.campaigns import suppression
from isend_tui.campaigns.service import (
    CampaignRequest,
    CampaignState,
    Contact,
    RetryPolicy,
    campaign_detail,
    campaign_recipients,
    create_and_prepare,
    dispatch,
    resolve_batch,
    resume,
)
from isend_tui.campaigns.window import PARIS
from isend_tui.config import Settings
from isend_tui.gateway.client import IsendClient
from isend_tui.gateway.sandbox.account import DEMO_KEYID
from isend_tui.gateway.sandbox.faults import FaultKind
from isend_tui.gateway.sandbox.server import SandboxThread
from isend_tui.store import Store

TUESDAY_10H = datetime(2025, 6, 10, 10, 0, tzinfo=PARIS)
PEOPLE = [Contact(f"336123456{i:02d}", "Client", f"Nom{i}") for i in range(1, 5)]


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
        batch_size=2,
        max_in_flight=1,
    )


@pytest.fixture
async def client(sandbox: SandboxThread) -> Any:
    async with IsendClient(DEMO_KEYID, sandbox.url, timeout=5) as opened:
        yield opened


async def _two_uncertain_batches(
    store: Store, settings: Settings, client: IsendClient, sandbox: SandboxThread
) -> tuple[int, int, int]:
    """A campaign of 4 in two batches of 2: the first went out, the second did not, and
    neither outcome is known."""
    request = CampaignRequest(message="Promo -20%", label="Soldes")
    campaign_id = create_and_prepare(
        store, PEOPLE, request, settings=settings, clock=frozen(TUESDAY_10H)
    )
    sandbox.faults.fail_next(FaultKind.SERVER_ERROR, 1, paths=("/smsmulti",))  # processed
    sandbox.faults.fail_next(FaultKind.DROP_BEFORE, 1, paths=("/smsmulti",))  # not processed
    result = await dispatch(store, client, campaign_id, settings, clock=frozen(TUESDAY_10H))
    assert result.uncertain == 4 and len(sms_log(sandbox)) == 2
    first, second = result.uncertain_batches
    return campaign_id, first, second


@pytest.mark.parametrize("column", ["Numéro", "NUMERO ", "N° de téléphone", "GSM"])
async def test_a_report_naming_its_number_column_otherwise_resends_nothing(
    store: Store, settings: Settings, client: IsendClient, sandbox: SandboxThread, column: str
) -> None:
    campaign_id, first, _second = await _two_uncertain_batches(store, settings, client, sandbox)
    sandbox.faults.configure(report_headers={"tel": column, "tracker": ""})
    checked = await resolve_batch(store, client, first, "check", clock=frozen(TUESDAY_10H))
    assert (checked.marked_sent, checked.to_send, checked.still_uncertain) == (2, 0, ())
    resumed = await resume(store, client, campaign_id, settings, clock=frozen(TUESDAY_10H))
    assert resumed.uncertain == 2  # the second batch is still to decide, not resent
    assert sorted(row["num"] for row in sms_log(sandbox)) == [p.number for p in PEOPLE[:2]]


async def test_a_report_without_a_readable_number_leaves_the_batch_uncertain(
    store: Store, settings: Settings, client: IsendClient, sandbox: SandboxThread
) -> None:
    campaign_id, first, _second = await _two_uncertain_batches(store, settings, client, sandbox)
    sandbox.faults.configure(report_headers={"tel": "", "tracker": ""})
    events: list[str] = []
    checked = await resolve_batch(
        store,
        client,
        first,
        "check",
        clock=frozen(TUESDAY_10H),
        on_event=lambda e: events.append(e.message),
    )
    assert (checked.marked_sent, checked.to_send) == (0, 0)
    assert checked.still_uncertain == (PEOPLE[0].number, PEOPLE[1].number)
    assert any(
        "2 destinataires restent incertains" in line and PEOPLE[0].number in line for line in events
    )
    detail = campaign_detail(store, campaign_id)
    assert first in {b.id for b in detail.uncertain_batches}  # still listed, still to decide
    await resume(store, client, campaign_id, settings, clock=frozen(TUESDAY_10H))
    assert len(sms_log(sandbox)) == 2  # nobody received it twice


async def test_an_unnamed_number_column_proves_a_send_but_never_an_absence(
    store: Store, settings: Settings, client: IsendClient, sandbox: SandboxThread
) -> None:
    _campaign_id, first, second = await _two_uncertain_batches(store, settings, client, sandbox)
    sandbox.faults.configure(report_headers={"tel": "col3", "tracker": ""})
    found = await resolve_batch(store, client, first, "check", clock=frozen(TUESDAY_10H))
    assert (found.marked_sent, found.to_send) == (2, 0)
    missing = await resolve_batch(store, client, second, "check", clock=frozen(TUESDAY_10H))
    assert (missing.marked_sent, missing.to_send, len(missing.still_uncertain)) == (0, 0, 2)


async def test_an_empty_report_settles_nothing(
    store: Store, settings: Settings, client: IsendClient, sandbox: SandboxThread
) -> None:
    request = CampaignRequest(message="Promo -20%", label="Soldes")
    campaign_id = create_and_prepare(
        store, PEOPLE[:2], request, settings=settings, clock=frozen(TUESDAY_10H)
    )
    sandbox.faults.fail_next(FaultKind.DROP_BEFORE, 1, paths=("/smsmulti",))
    result = await dispatch(store, client, campaign_id, settings, clock=frozen(TUESDAY_10H))
    (batch,) = result.uncertain_batches
    checked = await resolve_batch(store, client, batch, "check", clock=frozen(TUESDAY_10H))
    assert (checked.marked_sent, checked.to_send, len(checked.still_uncertain)) == (0, 0, 2)
    assert checked.campaign_state != CampaignState.SENT
    # the merchant, told why, decides: resend
    resent = await resolve_batch(store, client, batch, "resend", clock=frozen(TUESDAY_10H))
    assert resent.to_send == 2
    await resume(store, client, campaign_id, settings, clock=frozen(TUESDAY_10H))
    assert sorted(row["num"] for row in sms_log(sandbox)) == [p.number for p in PEOPLE[:2]]


def test_national_numbers_in_the_report_match_international_ones() -> None:
    from isend_tui.campaigns.report_match import ReportMatch, Verdict

    report = ReportMatch.of(
        [{"Numéro": "06 12 34 56 01", "x": "1"}, {"Numéro": "+33 6 12 34 56 02", "x": "2"}]
    )
    assert report.verdict(1, 1, "33612345601") == Verdict.SENT
    assert report.verdict(1, 2, "33612345602") == Verdict.SENT
    assert report.verdict(1, 3, "33612345603") == Verdict.ABSENT


async def test_a_number_suppressed_while_a_campaign_is_interrupted_is_not_sent_on_resume(
    store: Store, settings: Settings, client: IsendClient, sandbox: SandboxThread
) -> None:
    request = CampaignRequest(message="Promo -20%", label="Soldes")
    campaign_id = create_and_prepare(
        store, PEOPLE, request, settings=settings, clock=frozen(TUESDAY_10H)
    )
    # the first batch goes out, then iSendPro is down: the campaign stops, resumable
    sandbox.faults.fail_next(FaultKind.UNAVAILABLE, 20, paths=("/smsmulti",))
    quick = RetryPolicy(attempts=2, base_delay=0.001, max_delay=0.01, unknown_limit=3)
    stopped = await dispatch(
        store, client, campaign_id, settings, clock=frozen(TUESDAY_10H), retry=quick
    )
    assert stopped.pending == 4 and sms_log(sandbox) == []
    sandbox.faults.reset()
    suppression.add_manual(store, PEOPLE[2].number, note="STOP reçu")  # meanwhile
    resumed = await resume(store, client, campaign_id, settings, clock=frozen(TUESDAY_10H))
    assert resumed.state == CampaignState.SENT and resumed.suppressed == 1
    sent = sorted(row["num"] for row in sms_log(sandbox))
    assert sent == [PEOPLE[0].number, PEOPLE[1].number, PEOPLE[3].number]
    (row,) = campaign_recipients(store, campaign_id, search=PEOPLE[2].number)
    assert (row["state"], row["code"]) == ("suppressed", "suppressed")
    assert "liste d'exclusion" in str(row["detail"])
