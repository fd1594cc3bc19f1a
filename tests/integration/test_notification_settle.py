"""Uncertain notifications settled from iSendPro's report by tracker: the watcher on its
own, or the merchant by hand; never one sent twice, never one lost on a doubt."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import test_watcher_support
from test_watcher_support import WatchEnv

from isend_tui.cli import main
from isend_tui.context import open_context
from isend_tui.notifications.clock import iso
from isend_tui.notifications.log import list_notifications
from isend_tui.notifications.models import Notification
from isend_tui.notifications.settle import SETTLE_AFTER, SETTLE_EVERY_S

env_factory = test_watcher_support.env_factory  # the shared fixture


def _order(env: WatchEnv) -> int:
    customer, _a = env.customer_with_mobile()
    return env.shop.order(customer)


def _killed_while_sending(env: WatchEnv, watcher: Any) -> Any:
    """A new order whose notification is claimed, then the watcher dies before the
    gateway call (what a SIGKILL leaves); the restarted watcher."""
    send_due = watcher._send_due
    watcher._send_due = lambda report, deadline: None
    _order(env)
    watcher.poll_once()
    Notification.update(state="sending").where(Notification.state == "queued").execute()
    watcher._send_due = send_due
    watcher.close()
    return env.watcher()


def _states(env: WatchEnv) -> list[str]:
    return [n.state for n in sorted(list_notifications(env.store), key=lambda n: n.id)]


def test_an_sms_that_never_left_is_sent_once_the_report_shows_it_missing(
    env_factory: Any,
) -> None:
    env: WatchEnv = env_factory("sqlite")
    env.rules("admin.order_validated")
    watcher = env.watcher()
    watcher.poll_once()
    _order(env)
    watcher.poll_once()  # a first SMS, tracker n1: the report carries trackers
    assert len(env.sms()) == 1
    restarted = _killed_while_sending(env, watcher)
    restarted.poll_once()
    assert _states(env) == ["sent", "uncertain"]
    assert len(env.sms()) == 1  # too recent for the report: not resent yet
    env.clock.advance(SETTLE_AFTER.total_seconds() + SETTLE_EVERY_S)
    restarted.poll_until_idle()
    assert _states(env) == ["sent", "sent"]
    assert len(env.sms()) == 2 and env.sms()[1]["tracker"] == "n2"
    for _i in range(3):  # and never again
        env.clock.advance(SETTLE_EVERY_S)
        restarted.poll_until_idle()
    assert len(env.sms()) == 2


def test_without_proof_that_the_report_carries_trackers_nothing_is_resent(
    env_factory: Any,
) -> None:
    env: WatchEnv = env_factory("sqlite")
    env.rules("admin.order_validated")
    watcher = env.watcher()
    watcher.poll_once()
    restarted = _killed_while_sending(env, watcher)  # the very first SMS: an empty report
    for _i in range(3):
        env.clock.advance(SETTLE_EVERY_S + 1)
        report = restarted.poll_once()
    assert _states(env) == ["uncertain"]
    assert env.sms() == []
    assert report.settled is None or report.settled.undecided


def test_resolve_by_hand_from_the_command_line(
    env_factory: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    env: WatchEnv = env_factory("sqlite")
    ctx = open_context()
    ctx.save_settings(env.settings)
    env.store = ctx.store  # the watcher writes where the command reads
    env.rules("admin.order_validated")
    watcher = env.watcher()
    watcher.poll_once()
    _order(env)
    watcher.poll_once()
    restarted = _killed_while_sending(env, watcher)
    restarted.poll_once()
    restarted.close()
    first, second = sorted(n.id for n in list_notifications(ctx.store))
    ctx.close()

    assert main(["notifications", "resolve"]) == 1
    assert "--all" in capsys.readouterr().err
    assert main(["notifications", "resolve", str(first)]) == 1
    err = capsys.readouterr().err.strip()
    assert f"n°{first} n'est pas incertaine" in err and len(err.splitlines()) == 1
    assert main(["notifications", "resolve", "--all"]) == 4  # too recent for the report
    out = capsys.readouterr().out
    assert "1 toujours incertaine." in out and f"n°{second}" in out

    ctx = open_context()  # twenty minutes later
    ctx.store.db.execute_sql(
        "UPDATE notification SET updated_at = ? WHERE id = ?",
        (iso(datetime.now(UTC) - timedelta(minutes=20)), second),
    )
    ctx.close()
    assert main(["notifications", "resolve", str(second)]) == 0
    assert "1 remise en file" in capsys.readouterr().out
    assert main(["notifications", "log", "--json"]) == 0
    rows = {r["id"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows[second]["state"] == "queued"
    assert rows[second]["id_order"] is not None and rows[second]["occurrence"]
    assert main(["notifications", "resolve", str(second), "--as", "sent"]) == 1  # no longer
    assert len(env.sms()) == 1  # the command itself sends nothing: the watcher will
