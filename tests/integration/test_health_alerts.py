"""The admin's alerts and `isend-tui health`, against the sandbox over a real socket: each
alert fires once per crossing (one SMS to the admin mobile), is re-armed when back to
normal, and every alert is in the log; the watcher's chores do the STOP loop's pushes
and imports. A fake clock moves time; nothing sleeps."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
import test_watcher_support
from test_watcher_support import ADMIN_GATEWAY, WatchEnv

from isend_tui.campaigns import suppression
from isend_tui.gateway import IsendClient
from isend_tui.health.alerts import alert_log, open_alerts
from isend_tui.health.checks import check_health
from isend_tui.health.chores import WatcherChores, last_import_line
from isend_tui.health.marks import MarkName, read_mark
from isend_tui.health.readings import CREDIT_FLOOR_SMS
from isend_tui.notifications.rules import create_rules

env_factory = test_watcher_support.env_factory  # the shared fixture

FRESH = timedelta(0)  # read the credit from the gateway at every round


def check(env: WatchEnv, now: datetime, **changes: Any) -> Any:
    import dataclasses

    settings = dataclasses.replace(env.settings, **changes)

    def client() -> IsendClient:
        return IsendClient(settings.keyid, settings.gateway_url, timeout=5)

    return check_health(env.store, settings, client, now, credit_max_age=FRESH)


def admin_sms(env: WatchEnv) -> list[str]:
    return [text for num, text in env.texts() if num == ADMIN_GATEWAY]


def test_low_credit_alerts_once_per_crossing_and_rearms(env_factory: Any) -> None:
    env: WatchEnv = env_factory("sqlite")
    account = env.sandbox.account
    now = datetime.now(UTC)
    account.set_credit(Decimal("0.50"))
    low = account.quantity_france()
    assert low < CREDIT_FLOOR_SMS  # under the default threshold (no notifications yet)

    report = check(env, now)
    assert [a.kind for a in report.fired] == ["credit_low"] and not report.healthy
    assert len(admin_sms(env)) == 1 and "Crédit iSendPro" in admin_sms(env)[0]
    for minutes in (1, 2):  # still low: the alert stays open, no second SMS
        report = check(env, now + timedelta(minutes=minutes))
        assert report.fired == [] and len(report.open) == 1
    assert len(admin_sms(env)) == 1

    account.set_credit(Decimal("500"))
    report = check(env, now + timedelta(minutes=3))
    assert report.healthy and [a.kind for a in report.cleared] == ["credit_low"]
    account.set_credit(Decimal("0.50"))  # crossing again: a new alert
    report = check(env, now + timedelta(minutes=4))
    assert len(report.fired) == 1 and len(admin_sms(env)) == 2
    events = [(line.event, line.sms) for line in reversed(alert_log(env.store))]
    assert events == [("fired", "sent"), ("cleared", ""), ("fired", "sent")]


def test_failure_rate_alert_needs_enough_sms(env_factory: Any) -> None:
    env: WatchEnv = env_factory("sqlite")
    now = datetime.now(UTC)
    stamp = (now - timedelta(minutes=10)).isoformat(timespec="seconds")

    def notifications(state: str, n: int) -> None:
        for _i in range(n):
            env.store.db.execute_sql(
                "INSERT INTO notification (created_at, event, occurrence, idempotency_key, "
                "state, updated_at, sent_at) VALUES (?, 'e', 'o', hex(randomblob(8)), ?, ?, ?)",
                (stamp, state, stamp, stamp),
            )

    notifications("sent", 8)
    notifications("refused", 4)  # 33 % but over 12 SMS only: not judged
    assert check(env, now, alert_failure_min_sms=20).fired == []
    notifications("sent", 8)  # 4 of 20: 20 %
    report = check(env, now, alert_failure_min_sms=20)
    assert [(a.kind, a.subject) for a in report.fired] == [("failure_rate", "notifications")]
    assert "20" in report.fired[0].message
    # an hour later they are out of the window: back to normal, re-armed
    report = check(env, now + timedelta(minutes=55), alert_failure_min_sms=20)
    assert report.fired == [] and [a.subject for a in report.cleared] == ["notifications"]
    assert len(admin_sms(env)) == 1


def test_health_command_exits_non_zero_while_the_watcher_is_silent(
    env_factory: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from isend_tui.cli import main
    from isend_tui.context import open_context

    env: WatchEnv = env_factory("sqlite")
    monkeypatch.setenv("ISEND_TUI_KEYID", env.sandbox.account.keyid)
    monkeypatch.setenv("ISEND_TUI_GATEWAY_URL", env.sandbox.url)
    ctx = open_context()
    create_rules(ctx.store, ctx.settings, ["admin.order_validated"])
    ctx.close()

    assert main(["health", "--json"]) == 1  # rules enabled, the watcher never polled
    state = json.loads(capsys.readouterr().out)
    assert state["healthy"] is False and state["watcher"]["last_poll"] is None
    assert [a["kind"] for a in state["open_alerts"]] == ["watcher_silent"]
    assert state["credit"]["sms"] > 0 and state["credit"]["days_left"] is None

    ctx = open_context()
    chores = WatcherChores(ctx.store, lambda s: IsendClient(s.keyid, s.gateway_url))
    chores(datetime.now(UTC), ctx.settings)  # a watcher poll: its heartbeat
    ctx.close()
    assert main(["health"]) == 0
    out = capsys.readouterr().out
    assert "Aucune alerte ouverte." in out and "Watcher : dernier passage" in out
    assert main(["alerts"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2 and "✓ Retour à la normale" in out[0] and "✗ Le watcher" in out[1]
    assert "SMS non envoyé" in out[1]  # no admin mobile in this data directory


def test_watcher_chores_retry_pushes_and_import_daily(env_factory: Any) -> None:
    env: WatchEnv = env_factory("sqlite")
    sandbox = env.sandbox
    sandbox.account.blacklist_add("0798765409")  # a STOP reply on the account
    sandbox.faults.configure(unavailable_rate=1.0, paths=("/setlistenoire",))
    suppression.add_manual(env.store, "0612345609")
    watcher = env.watcher(chores=[WatcherChores(env.store, _client, grace=timedelta(0))])

    report = watcher.poll_once()
    assert any("1 ajouté" in note for note in report.notes)  # the daily import, at once
    assert read_mark(env.store, MarkName.WATCHER_POLL) is not None
    [entry] = [e for e in suppression.list_entries(env.store) if e.source == "manual"]
    assert entry.push is not None and entry.push.state == "waiting"

    sandbox.faults.reset()
    watcher.poll_once()  # within the pause after the failure: not tried again yet
    assert ("add", "33612345609") not in sandbox.account.blacklist_edits
    env.clock.advance(60)
    report = watcher.poll_once()
    assert any("1 envoyé" in note for note in report.notes)
    env.clock.advance(3600)
    watcher.poll_once()
    assert sandbox.account.blacklist_edits.count(("add", "33612345609")) == 1
    mark = read_mark(env.store, MarkName.BLACKLIST_IMPORT)
    assert mark is not None and mark.at < env.clock.now - timedelta(minutes=59)  # daily
    line = last_import_line(env.store)
    assert line is not None and line.endswith(", 1 ajouté.")
    assert open_alerts(env.store) == []


def _client(settings: Any) -> IsendClient:
    return IsendClient(settings.keyid, settings.gateway_url, timeout=5)


def test_an_alert_sms_the_gateway_refused_to_take_is_sent_at_the_next_round(
    env_factory: Any,
) -> None:
    env: WatchEnv = env_factory("sqlite")
    env.sandbox.account.set_credit(Decimal("0.50"))
    env.sandbox.faults.configure(unavailable_rate=1.0, paths=("/sms",))
    now = datetime.now(UTC)
    assert len(check(env, now).fired) == 1
    [line] = alert_log(env.store)
    assert line.sms.startswith("retry: ") and admin_sms(env) == []
    env.sandbox.faults.reset()
    assert check(env, now + timedelta(minutes=1)).fired == []  # the same alert, still open
    assert len(admin_sms(env)) == 1 and alert_log(env.store)[0].sms == "sent"
    check(env, now + timedelta(minutes=2))
    assert len(admin_sms(env)) == 1  # sent once


def test_two_processes_seeing_the_same_crossing_fire_it_once(tmp_path: Any) -> None:
    from isend_tui.health.alerts import AlertKind, Check, settle
    from isend_tui.store import open_store

    path = tmp_path / "shared.sqlite3"
    tui, watcher = open_store(path), open_store(path)  # two connections, like two processes
    now = datetime.now(UTC)
    low = [Check(AlertKind.CREDIT_LOW, "", True, "Crédit bas")]
    try:
        fired_tui, _c = settle(tui, AlertKind.CREDIT_LOW, low, now)
        fired_watcher, _c = settle(watcher, AlertKind.CREDIT_LOW, low, now)
        assert len(fired_tui) + len(fired_watcher) == 1
        back = [Check(AlertKind.CREDIT_LOW, "", False, "Crédit revenu")]
        _f, cleared = settle(watcher, AlertKind.CREDIT_LOW, back, now)
        assert len(cleared) == 1 and settle(tui, AlertKind.CREDIT_LOW, back, now) == ([], [])
        fired_again, _c = settle(tui, AlertKind.CREDIT_LOW, low, now)  # re-armed
        assert len(fired_again) == 1
    finally:
        tui.close()
        watcher.close()
