"""The pull fallback and the delivery CLI, against the sandbox's /campagne report."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.delivery import accepted_notification
from support.delivery_send import TUESDAY_10H, send_campaign

from isend_tui.campaigns import suppression
from isend_tui.cli import main
from isend_tui.context import open_context
from isend_tui.delivery.pull import pull_campaign
from isend_tui.delivery.queries import campaign_counts
from isend_tui.delivery.receipts import receipts_of
from isend_tui.delivery.record import record_now
from isend_tui.gateway.client import IsendClient
from isend_tui.gateway.sandbox.account import DEMO_KEYID, SandboxAccount
from isend_tui.gateway.sandbox.receipts import ReceiptConfig
from isend_tui.gateway.sandbox.server import SandboxThread
from isend_tui.store import Store

NUMBERS = ["33612345601", "33612345602", "33612345603", "33612345604"]


@pytest.fixture
def sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[SandboxThread]:
    # No callback URL: the report is the only way to learn the states.
    account = SandboxAccount(path=tmp_path / "sandbox.sqlite3", clock=lambda: TUESDAY_10H)
    config = ReceiptConfig(
        delay_s=0.0,
        delivery_rate=1.0,
        overrides={NUMBERS[1]: "3", NUMBERS[2]: "1", NUMBERS[3]: "none"},
    )
    with SandboxThread(account, receipts=config) as served:
        monkeypatch.setenv("ISEND_TUI_KEYID", DEMO_KEYID)
        monkeypatch.setenv("ISEND_TUI_GATEWAY_URL", served.url)
        yield served
    account.close()


@pytest.fixture
def store() -> Iterator[Store]:
    ctx = open_context()
    yield ctx.store
    ctx.close()


async def test_the_report_gives_the_states_by_tracker_once(
    store: Store, sandbox: SandboxThread
) -> None:
    campaign_id = await send_campaign(store, sandbox.url, NUMBERS)
    async with IsendClient(DEMO_KEYID, sandbox.url) as client:
        result = await pull_campaign(store, client, campaign_id)
        assert (result.by_tracker, result.pending, result.tally.changed) == (3, 1, 3)
        again = await pull_campaign(store, client, campaign_id)
    assert again.tally.changed == 0 and again.tally.duplicates == 3
    counts = campaign_counts(store, campaign_id)
    assert (counts.delivered, counts.failed_permanent, counts.failed_temporary) == (1, 1, 1)
    assert counts.pending == 1
    assert [e.number for e in suppression.list_entries(store)] == [NUMBERS[1]]
    assert "3 états mis à jour (3 par code de suivi" in result.message()


async def test_renamed_columns_without_trackers_are_matched_by_number_and_time(
    store: Store, sandbox: SandboxThread
) -> None:
    sandbox.faults.configure(
        report_headers={"tracker": "", "tel": "N° de téléphone", "statut_accuse": "État accusé"}
    )
    campaign_id = await send_campaign(store, sandbox.url, NUMBERS)
    async with IsendClient(DEMO_KEYID, sandbox.url) as client:
        result = await pull_campaign(store, client, campaign_id)
    assert (result.by_tracker, result.by_number) == (0, 3)
    assert campaign_counts(store, campaign_id).delivered == 1


async def test_a_report_without_a_delivery_column_says_so_and_changes_nothing(
    store: Store, sandbox: SandboxThread
) -> None:
    sandbox.faults.configure(report_headers={"statut_accuse": ""})
    campaign_id = await send_campaign(store, sandbox.url, NUMBERS)
    async with IsendClient(DEMO_KEYID, sandbox.url) as client:
        result = await pull_campaign(store, client, campaign_id)
    assert "aucune colonne d'état de remise" in result.message()
    assert campaign_counts(store, campaign_id).pending == 4


def test_the_cli_shows_counts_recipients_by_state_and_notification_states(
    store: Store, sandbox: SandboxThread, capsys: pytest.CaptureFixture[str]
) -> None:
    campaign_id = asyncio.run(send_campaign(store, sandbox.url, NUMBERS))
    notification_id = accepted_notification(store, "33612345609")
    record_now(store, receipts_of(f"statut=0&tracker=n{notification_id}", b"", ""))
    assert main(["campaign", "receipts", str(campaign_id)]) == 0
    out = capsys.readouterr().out
    # Sent in 2025: the one without a receipt has expired since (72 h).
    assert "Remise : 1 remis, 2 en échec, 1 expiré, 0 en attente d'accusé" in out
    assert "(dont 1 définitif, exclu des prochaines campagnes)" in out
    assert main(["campaign", "show", str(campaign_id), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)["delivery"]
    assert shown["accepted"] == 4 and shown["rate"] == 0.25 and shown["expired"] == 1
    assert (
        shown["accepted"]
        == shown["delivered"] + shown["failed"] + shown["expired"] + shown["pending"]
    )
    assert main(["campaign", "show", str(campaign_id), "--recipients", "--state", "failed"]) == 0
    failed = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert [(f[0], f[2]) for f in failed] == [
        (NUMBERS[1], "échec définitif"),
        (NUMBERS[2], "échec temporaire"),
    ]
    assert failed[0][5] == "refusé par l'opérateur"
    argv = ["campaign", "show", str(campaign_id), "--recipients", "--state", "failed"]
    assert main([*argv, "--search", "06 12 34 56 03"]) == 0
    assert capsys.readouterr().out.split("\t")[0] == NUMBERS[2]
    assert (
        main(["campaign", "show", str(campaign_id), "--recipients", "--delivery", "expired"]) == 0
    )
    assert capsys.readouterr().out.split("\t")[0] == NUMBERS[3]
    assert main(["notifications", "log", "--json"]) == 0
    [logged] = json.loads(capsys.readouterr().out)
    assert logged["delivery"]["state"] == "delivered" and logged["delivery"]["reason_words"]


async def test_the_report_gives_notification_states_by_their_tracker(
    tmp_path: Path, store: Store
) -> None:
    from datetime import UTC, datetime, timedelta

    from isend_tui.delivery.pull import pull_notifications
    from isend_tui.delivery.queries import notification_deliveries
    from isend_tui.delivery.states import Delivery

    now = datetime.now(UTC)
    sent_at = (now - timedelta(hours=2)).isoformat(timespec="seconds")
    account = SandboxAccount(path=tmp_path / "live.sqlite3")  # the real clock
    config = ReceiptConfig(delay_s=0.0, overrides={"33612345608": "2"})
    with SandboxThread(account, receipts=config) as sandbox:
        ids = [
            accepted_notification(store, n, sent_at=sent_at) for n in ("33612345607", "33612345608")
        ]
        async with IsendClient(DEMO_KEYID, sandbox.url) as client:
            for number, notification_id in zip(("33612345607", "33612345608"), ids, strict=True):
                await client.send_sms(number, "Votre colis", tracker=f"n{notification_id}")
            result = await pull_notifications(store, client, hours=72, now=now)
    account.close()
    assert result.by_tracker == 2 and result.tally.changed == 2
    states = notification_deliveries(store, ids)
    assert states[ids[1]].state is Delivery.FAILED_PERMANENT
    assert [e.number for e in suppression.list_entries(store)] == ["33612345608"]
