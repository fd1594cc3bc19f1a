"""Delivery receipts end to end: the sandbox calls the receiver over a localhost socket."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from support.delivery import accepted_campaign, accepted_notification
from support.delivery_send import RECEIPT_SECRET, free_port, send_campaign, wait_until

from isend_tui.campaigns import suppression
from isend_tui.delivery.queries import (
    campaign_counts,
    campaign_recipients,
    campaigns_counts,
    notification_deliveries,
    receipt_totals,
    recount_campaigns,
)
from isend_tui.delivery.receiver import ReceiverServer
from isend_tui.delivery.states import Delivery, DeliveryFilter
from isend_tui.gateway.client import IsendClient
from isend_tui.gateway.sandbox.account import DEMO_KEYID, SandboxAccount
from isend_tui.gateway.sandbox.receipts import ReceiptConfig
from isend_tui.gateway.sandbox.server import SandboxThread
from isend_tui.store import Store, open_store

NUMBERS = ["33612345601", "33612345602", "33612345603", "33612345604", "33612345605"]
OUTCOMES = {NUMBERS[1]: "2", NUMBERS[2]: "1", NUMBERS[3]: "none"}


@pytest.fixture
def receiver(store: Store) -> Iterator[ReceiverServer]:
    with ReceiverServer(store, RECEIPT_SECRET) as served:
        yield served


@pytest.fixture
def sandbox(tmp_path: Path, receiver: ReceiverServer) -> Iterator[SandboxThread]:
    account = SandboxAccount(path=tmp_path / "sandbox.sqlite3")
    config = ReceiptConfig(
        url=receiver.url, delay_s=0.0, delivery_rate=1.0, overrides=OUTCOMES, retry_base_s=0.05
    )
    with SandboxThread(account, receipts=config) as served:
        yield served
    account.close()


async def test_receipts_from_the_sandbox_move_states_and_counts_add_up(
    store: Store, receiver: ReceiverServer, sandbox: SandboxThread
) -> None:
    campaign_id = await send_campaign(store, sandbox.url, NUMBERS)
    notification_id = accepted_notification(store, "33612345606")
    async with IsendClient(DEMO_KEYID, sandbox.url) as client:
        await client.send_sms("33612345606", "Votre colis", tracker=f"n{notification_id}")
    assert sandbox.receipts.wait_idle(15)
    counts = campaign_counts(store, campaign_id)
    assert counts.as_dict() == {
        "accepted": 5,
        "delivered": 2,
        "failed": 2,
        "failed_permanent": 1,
        "failed_temporary": 1,
        "expired": 0,
        "pending": 1,
        "rate": 0.4,
    }
    pending = campaign_recipients(store, campaign_id, DeliveryFilter.PENDING)
    assert [r.number for r in pending] == [NUMBERS[3]]
    [dead] = campaign_recipients(store, campaign_id, DeliveryFilter.FAILED)[:1]
    assert dead.number == NUMBERS[1] and dead.state is Delivery.FAILED_PERMANENT
    delivery = notification_deliveries(store, [notification_id])[notification_id]
    assert delivery.state is Delivery.DELIVERED and delivery.at
    # The permanent failure is suppressed, with the campaign that found it; the
    # temporary one is not.
    listed = {e.number: e.source for e in suppression.list_entries(store)}
    assert listed == {NUMBERS[1]: "delivery"}
    assert receiver.stats.recorded == 5 and receiver.stats.wrong_secret == 0


async def test_forged_or_broken_requests_change_nothing_and_are_counted(
    store: Store, receiver: ReceiverServer, sandbox: SandboxThread
) -> None:
    campaign_id = await send_campaign(store, sandbox.url, NUMBERS[:2])
    assert sandbox.receipts.wait_idle(15)
    before = campaign_counts(store, campaign_id)
    tracker = f"C{campaign_id}R1"
    with httpx.Client(base_url=receiver.base_url, timeout=5) as http:
        wrong = http.get("/receipts/not-the-secret", params={"tracker": tracker, "statut": "2"})
        missing = http.post("/receipts/", data={"tracker": tracker, "statut": "2"})
        huge = http.post(receiver.url, content=b"tracker=" + b"A" * 200_000)
        garbage = http.post(
            receiver.url, content=b"\x00\xff\xfe{{{", headers={"content-type": "application/json"}
        )
        orphan = http.get(receiver.url, params={"tracker": "C999999R1", "statut": "2"})
        replay = [
            http.get(receiver.url, params={"tracker": tracker, "statut": "0", "date": "x"})
            for _ in range(2)
        ]
    assert (wrong.status_code, missing.status_code, huge.status_code) == (404, 404, 413)
    assert garbage.status_code == orphan.status_code == 200
    assert [r.status_code for r in replay] == [200, 200]
    assert campaign_counts(store, campaign_id) == before
    assert receiver.stats.wrong_secret == 2 and receiver.stats.too_large == 1
    totals = receipt_totals(store)
    assert totals.orphans == 1 and totals.unreadable == 1 and totals.duplicates == 1
    assert "Traceback" not in garbage.text


async def test_receipts_sent_while_the_receiver_is_down_arrive_once_it_is_up(
    tmp_path: Path, store: Store
) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/receipts/{RECEIPT_SECRET}"
    account = SandboxAccount(path=tmp_path / "sandbox.sqlite3")
    config = ReceiptConfig(
        url=url, delay_s=0.0, delivery_rate=1.0, retry_base_s=0.05, retry_max_s=0.2
    )
    with SandboxThread(account, receipts=config) as sandbox:
        campaign_id = await send_campaign(store, sandbox.url, NUMBERS)
        assert wait_until(lambda: sandbox.receipts.stats.retries >= len(NUMBERS))
        assert campaign_counts(store, campaign_id).pending == 5
        with ReceiverServer(store, RECEIPT_SECRET, port=port):
            assert sandbox.receipts.wait_idle(15)
    account.close()
    counts = campaign_counts(store, campaign_id)
    assert counts.delivered == 5 and counts.pending == 0
    assert sandbox.receipts.stats.given_up == 0


def test_watch_serves_the_receiver_at_the_url_settings_show_prints(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from isend_tui.cli import main
    from isend_tui.commands.receipts import start_upkeep
    from isend_tui.context import open_context
    from isend_tui.errors import UserError

    port = free_port()
    assert main(["settings", "set", "receipts_port", str(port)]) == 0
    assert main(["settings", "show", "--receipt-url", "--json"]) == 0
    shown = capsys.readouterr().out
    local_url = json.loads(shown[shown.index("{") :])["local_url"]
    ctx = open_context()
    upkeep = start_upkeep(ctx, None)  # what `isend-tui watch` starts
    try:
        assert f"http://127.0.0.1:{port}/receipts/" in capsys.readouterr().out
        assert upkeep.receiver is not None and upkeep.receiver.url == local_url
        notification_id = accepted_notification(ctx.store, "33612345606")
        reply = httpx.get(local_url, params={"tracker": f"n{notification_id}", "statut": "0"})
        assert reply.status_code == 200
        state = notification_deliveries(ctx.store, [notification_id])[notification_id].state
        assert state is Delivery.DELIVERED
        with pytest.raises(UserError, match="receipts_port"):
            start_upkeep(ctx, port)  # the port is taken: said, with the setting to change
    finally:
        upkeep.stop()
        ctx.close()


@pytest.mark.parametrize("method", ["GET", "JSON"])
async def test_receipts_as_a_query_string_or_json_are_read_too(
    store: Store, receiver: ReceiverServer, sandbox: SandboxThread, method: str
) -> None:
    sandbox.receipts.configure(method=method)
    campaign_id = await send_campaign(store, sandbox.url, NUMBERS[:2])
    assert sandbox.receipts.wait_idle(15)
    counts = campaign_counts(store, campaign_id)
    assert (counts.delivered, counts.failed_permanent) == (1, 1)


def test_the_sandbox_command_sends_receipts_to_a_url_read_from_stdin(
    tmp_path: Path, store: Store, receiver: ReceiverServer
) -> None:
    import subprocess
    import sys

    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "isend_tui", "sandbox", "--port", "0"),
            *("--receipt-delay", "0", "--receipt-override", "33612345602=2"),
            *("--receipt-url", "-"),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=tmp_path,
    )
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(receiver.url + "\n")  # the secret stays out of the process list
    process.stdin.close()
    lines = []
    for line in process.stdout:
        lines.append(line)
        if "Ctrl-C" in line:
            break
    url = next(w for line in lines for w in line.split() if w.startswith("http://"))
    try:
        assert RECEIPT_SECRET not in "".join(lines)
        notification_id = accepted_notification(store, "33612345602")
        reply = httpx.post(
            url + "/sms",
            json={
                "keyid": DEMO_KEYID,
                "num": "33612345602",
                "sms": "Colis",
                "tracker": f"n{notification_id}",
            },
        )
        assert reply.json()["etat"]["etat"][0]["code"] == "0"
        assert wait_until(lambda: receiver.stats.changed == 1)
    finally:
        process.terminate()
        rest = process.stdout.read()
        process.wait(timeout=20)
    assert "Traceback" not in rest
    delivery = notification_deliveries(store, [notification_id])[notification_id]
    assert delivery.state is Delivery.FAILED_PERMANENT


RECEIVER_CHILD = """
import sys, threading
from pathlib import Path
from isend_tui.delivery.receiver import ReceiverServer
from isend_tui.store import open_store
server = ReceiverServer(open_store(Path(sys.argv[1])), sys.argv[2]).start()
print(server.url, flush=True)
threading.Event().wait()
"""


def test_every_receipt_answered_200_survives_a_kill_of_the_receiver(tmp_path: Path) -> None:
    import concurrent.futures
    import signal
    import subprocess
    import sys

    path = tmp_path / "store.sqlite3"
    store = open_store(path)
    campaign_id, ids = accepted_campaign(store, [f"336123{i:05d}" for i in range(200)])
    store.close()
    child = subprocess.Popen(
        [sys.executable, "-c", RECEIVER_CHILD, str(path), RECEIPT_SECRET],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    url = child.stdout.readline().strip()
    with httpx.Client(timeout=10) as http:

        def post(rid: int) -> int:
            data = {"tracker": f"C{campaign_id}R{rid}", "statut": "0"}
            return http.post(url, data=data).status_code

        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(post, ids))
    child.send_signal(signal.SIGKILL)  # no clean shutdown: only what was committed remains
    child.wait(timeout=10)
    assert answers.count(200) == 200
    reopened = open_store(path)
    assert campaign_counts(reopened, campaign_id).delivered == 200
    assert campaigns_counts(reopened, [campaign_id]) == recount_campaigns(reopened, [campaign_id])
    reopened.close()
