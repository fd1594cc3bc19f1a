"""The STOP loop closed both ways, against the sandbox over a real localhost socket: manual
changes pushed to the account's blacklist (kept and retried while the gateway is down,
never doubled), the account's blacklist imported without being pushed back, and the
journal that proves an opposition and its withdrawal."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import peewee
import pytest

from isend_tui.campaigns import suppression
from isend_tui.campaigns.blacklist_outbox import open_count
from isend_tui.gateway.client import IsendClient
from isend_tui.gateway.sandbox.server import SandboxThread
from isend_tui.store import Store, open_store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "store.sqlite3")
    yield opened
    opened.close()


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
    then = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    suppression.add_manual(store, "0612345605", note="STOP", by="tui:marie", clock=lambda: then)
    later = then + timedelta(days=40)
    suppression.remove(store, "0612345605", note="a redemandé", by="cli:paul", clock=lambda: later)
    lines = suppression.journal(store, "06 12 34 56 05")
    assert [(x.action, x.actor, x.at[:10]) for x in lines] == [
        ("added", "tui:marie", "2026-01-05"),
        ("removed", "cli:paul", "2026-02-14"),
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
