"""The STOP loop closed both ways, against the sandbox over a real localhost socket: manual
changes pushed to the account's blacklist (kept and retried while the gateway is down,
never doubled), the account's blacklist imported without being pushed back, and the
journal that proves an opposition and its withdrawal."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import peewee
import pytest

from isend_tui.campaigns import suppression
from isend_tui.campaigns.blacklist_outbox import open_count
from isend_tui.gateway.client import IsendClient
from isend_tui.gateway.sandbox.server import SandboxThread
from isend_tui.shop.dsn import ShopDsn
from isend_tui.store import Store


def push(store: Store, sandbox: SandboxThread, *, at_once: bool = True) -> str | None:
    async def work() -> str | None:
        async with IsendClient(sandbox.account.keyid, sandbox.url) as client:
            return (await suppression.push_changes(store, client, at_once=at_once)).line()

    return asyncio.run(work())


def states(store: Store) -> dict[str, str | None]:
    found = {e.number: e.push.state if e.push else None for e in suppression.list_entries(store)}
    found.update({w.number: f"withdrawal {w.state}" for w in suppression.withdrawals(store)})
    return found


def test_gateway_down_then_up_pushes_everything_once(
    store: Store, sandbox_server: SandboxThread
) -> None:
    sandbox = sandbox_server
    sandbox.faults.configure(unavailable_rate=1.0)  # iSendPro answers 503 to everything
    suppression.add_manual(store, "06 12 34 56 01", by="cli:test")
    suppression.add_manual(store, "06 12 34 56 02")
    suppression.add_manual(store, "06 12 34 56 03")
    suppression.remove(store, "06 12 34 56 03", note="erreur de saisie")  # never reached it
    line = push(store, sandbox)
    assert line is not None and "3 en attente" in line
    assert states(store) == {
        "33612345601": "waiting",
        "33612345602": "waiting",
        "33612345603": "withdrawal waiting",
    }
    entry = suppression.list_entries(store)[0]
    assert entry.push is not None and entry.push.attempts == 1
    assert entry.push.reason and entry.push.reason in entry.push.label()
    # the watcher respects the pause after a failure: nothing is tried yet
    sandbox.faults.reset()
    line = push(store, sandbox, at_once=False)
    assert line is not None and "0 envoyé, 3 en attente" in line
    assert sandbox.account.blacklist_edits == []

    line = push(store, sandbox)  # the merchant's next command tries at once
    assert line is not None and "3 envoyés, 0 en attente" in line
    assert sorted(sandbox.account.blacklist_edits) == [
        ("add", "33612345601"),
        ("add", "33612345602"),
        ("remove", "33612345603"),
    ]
    assert open_count(store) == 0
    assert push(store, sandbox) is None  # nothing left: no call at all
    assert len(sandbox.account.blacklist_edits) == 3
    assert states(store) == {"33612345601": "pushed", "33612345602": "pushed"}


def test_a_newer_change_supersedes_one_still_waiting(
    store: Store, sandbox_server: SandboxThread
) -> None:
    sandbox_server.faults.configure(unavailable_rate=1.0)
    suppression.add_manual(store, "0612345604")
    push(store, sandbox_server)
    suppression.remove(store, "0612345604")
    suppression.add_manual(store, "0612345604", note="STOP par courrier")
    sandbox_server.faults.reset()
    push(store, sandbox_server)
    assert sandbox_server.account.blacklist_edits == [("add", "33612345604")]


def test_import_adds_the_new_numbers_and_pushes_nothing_back(
    store: Store, sandbox_server: SandboxThread
) -> None:
    account = sandbox_server.account
    for number in ("0798765401", "0798765402"):
        account.blacklist_add(number)
    suppression.add_manual(store, "0798765401")  # already on both sides
    push(store, sandbox_server)
    edits = len(account.blacklist_edits)

    async def run_import() -> suppression.ImportResult:
        async with IsendClient(account.keyid, sandbox_server.url) as client:
            return await suppression.import_blacklist(store, client)

    result = asyncio.run(run_import())
    assert (result.read, result.added, result.already) == (2, 1, 1)
    assert "1 ajouté" in result.message()
    assert len(account.blacklist_edits) == edits and open_count(store) == 0
    # a withdrawal not pushed yet is not undone by the account's (stale) blacklist
    sandbox_server.faults.configure(unavailable_rate=1.0, paths=("/dellistenoire",))
    suppression.remove(store, "0798765402", note="le client a redemandé")
    result = asyncio.run(run_import())
    assert (result.added, result.withdrawn) == (0, 1)
    assert "33798765402" not in suppression.suppressed_numbers(store)


def test_the_journal_is_the_proof_and_cannot_be_dropped(store: Store) -> None:
    then = datetime.now(UTC).replace(microsecond=0) - timedelta(days=400)  # over a year ago
    suppression.add_manual(store, "0612345605", note="STOP", by="tui:marie", clock=lambda: then)
    later = then + timedelta(days=40)
    suppression.remove(store, "0612345605", note="a redemandé", by="cli:paul", clock=lambda: later)
    lines = suppression.journal(store, "06 12 34 56 05")
    assert [(x.action, x.actor, x.at) for x in lines] == [
        ("added", "tui:marie", then.isoformat()),
        ("removed", "cli:paul", later.isoformat()),
    ]
    with pytest.raises(peewee.IntegrityError, match="three years"):
        store.db.execute_sql("DELETE FROM suppression_log")
    with pytest.raises(peewee.IntegrityError, match="append-only"):
        store.db.execute_sql("UPDATE suppression_log SET at = '2000-01-01'")
    # nothing can drop a number without writing its withdrawal first
    suppression.add_gateway_refusals(store, ["33612345606"])
    with pytest.raises(peewee.IntegrityError, match="withdrawal"):
        store.db.execute_sql("DELETE FROM suppression WHERE number = '33612345606'")
    assert "33612345606" in suppression.suppressed_numbers(store)


def _shop(tmp_path: Path) -> ShopDsn:
    from support.shop_builder import ShopBuilder, sqlite_shop_dsn

    dsn = sqlite_shop_dsn(tmp_path)
    with ShopBuilder(dsn).create() as shop:
        for first, phone in [("Alice", "06 12 34 56 11"), ("Benoît", "06 12 34 56 12")]:
            shop.address(shop.customer(firstname=first, newsletter=1), phone_mobile=phone)
    return dsn


def test_a_campaign_imports_the_blacklist_first_and_a_failure_does_not_block_it(
    tmp_path: Path, store: Store, sandbox_server: SandboxThread
) -> None:
    from isend_tui.campaigns.events import campaign_events
    from isend_tui.campaigns.service import CampaignRequest, prepare_from_shop
    from isend_tui.config import Settings
    from isend_tui.segments.basis import Basis
    from isend_tui.segments.segment_file import segment_from_dict

    dsn = _shop(tmp_path)
    sandbox_server.account.blacklist_add("0612345612")  # Benoît answered STOP
    settings = Settings(keyid=sandbox_server.account.keyid, gateway_url=sandbox_server.url)
    reader = suppression.AccountReader(settings, retry_delays=())
    segment = segment_from_dict({"version": 1, "name": "tous", "criteria": []})
    request = CampaignRequest(message="Bonjour {client_surname}", basis=Basis.CONSENT)

    def prepare() -> tuple[int, list[str]]:
        heard: list[str] = []
        campaign_id = prepare_from_shop(
            store,
            dsn,
            segment,
            request,
            settings=settings,
            on_event=lambda e: heard.append(e.message),
            blacklist=reader,
        )
        return campaign_id, heard

    first, heard = prepare()
    assert any("1 ajouté à la liste d'exclusion" in line for line in heard)
    assert suppression.suppressed_numbers(store) == {"33612345612"}
    assert sandbox_server.account.blacklist_edits == [("add", "33612345612")]  # not pushed

    sandbox_server.faults.configure(unavailable_rate=1.0, paths=("/getlistenoire",))
    second, heard = prepare()
    assert second != first
    assert any(line.startswith("Liste noire iSendPro non lue") for line in heard)
    logged = [e.message for e in campaign_events(store, second)]
    assert any(line.startswith("Liste noire iSendPro non lue") for line in logged)


def test_two_pushers_never_claim_the_same_entry(store: Store) -> None:
    from isend_tui.campaigns.blacklist_outbox import _claim

    suppression.add_manual(store, "0612345621")
    suppression.add_manual(store, "0612345622")
    now = datetime.now(UTC)
    first = _claim(store, now, respect_pause=True, limit=10)
    assert sorted(number for _i, number, _a, _n in first) == ["33612345621", "33612345622"]
    assert _claim(store, now, respect_pause=False, limit=10) == []  # leased to the first
    # a pusher that died: its lease ends, the entries are pushed by the next one
    later = _claim(store, now + timedelta(minutes=3), respect_pause=True, limit=10)
    assert [row[0] for row in later] == [row[0] for row in first]
