"""Crash safety: a 20,000-recipient campaign killed with SIGKILL again and again.

The campaign is sent by a separate process (`resume` of a confirmed campaign) that the test
kills at seeded random moments: after a random number of progress lines, plus a random
extra wait on the process itself. Each kill is followed by a new process resuming the
campaign. The sandbox (in this process, its state in a file) records what it really
received. Afterwards:

- no number is in the sandbox's log twice, and none is missing: every recipient is in the
  log exactly once, or reported 'uncertain' (then at most once in the log);
- uncertain batches are reported (interrupted_campaigns / campaign_detail);
- resolving every uncertain batch with "check" (the gateway's report) and resuming leaves
  every recipient in the log exactly once.

A second run adds gateway faults: 503 and dropped connections before processing, 500,
dropped connections and truncated replies after processing, and replies slower than the
client's timeout.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from isend_tui.campaigns.service import (
    CampaignRequest,
    Contact,
    campaign_detail,
    close_interrupted_preparations,
    confirm,
    create_and_prepare,
    interrupted_campaigns,
    resolve_campaign,
    resume,
    uncertain_batches,
)
from isend_tui.campaigns.window import PARIS
from isend_tui.config import Settings
from isend_tui.context import open_context
from isend_tui.errors import UserError
from isend_tui.gateway.client import IsendClient
from isend_tui.gateway.sandbox.account import DEMO_KEYID, SandboxAccount
from isend_tui.gateway.sandbox.faults import FaultConfig, Faults
from isend_tui.gateway.sandbox.server import SandboxThread

pytestmark = pytest.mark.slow

MOMENT = datetime(2025, 6, 10, 10, 0, tzinfo=PARIS)  # a Tuesday morning: window open
RECIPIENTS = 20_000
FIRSTNAMES = ["Alice", "Benoît", "Chloé", "Dan", "Élodie", "François", "Gaëlle", "Hugo"]

CHILD = textwrap.dedent(
    """
    import asyncio, sys
    from datetime import datetime
    from isend_tui.campaigns.run import RetryPolicy
    from isend_tui.campaigns.service import resume
    from isend_tui.campaigns.window import PARIS
    from isend_tui.context import open_context
    from isend_tui.gateway.client import IsendClient

    MOMENT = datetime(2025, 6, 10, 10, 0, tzinfo=PARIS)
    ctx = open_context()

    def show(event):
        print(event.kind.value, flush=True)

    async def main():
        async with IsendClient(
            ctx.settings.keyid, ctx.settings.gateway_url, timeout=float(sys.argv[2])
        ) as client:
            result = await resume(
                ctx.store, client, int(sys.argv[1]), ctx.settings, show,
                clock=lambda: MOMENT,
                retry=RetryPolicy(attempts=3, base_delay=0.01, max_delay=0.05, unknown_limit=4),
            )
        print("result", result.state.value, result.pending, flush=True)

    asyncio.run(main())
    """
)


def _log_counts(path: Path) -> Counter[str]:
    db = sqlite3.connect(path)
    try:
        return Counter(str(row[0]) for row in db.execute("SELECT num FROM sms_log"))
    finally:
        db.close()


@pytest.fixture
def home(isolated_home: Path) -> Path:
    return isolated_home


def _child_env(url: str) -> dict[str, str]:
    env = dict(os.environ)
    env["ISEND_TUI_KEYID"] = DEMO_KEYID
    env["ISEND_TUI_GATEWAY_URL"] = url
    return env


def _start(campaign_id: int, url: str, timeout: float) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(campaign_id), str(timeout)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=_child_env(url),
    )


def _kill_at_random_moment(proc: subprocess.Popen[str], rng: random.Random) -> bool:
    """Kill after a random number of progress lines and a random wait; False if it ended."""
    assert proc.stdout is not None
    for _ in range(rng.randint(0, 4)):
        if not proc.stdout.readline():
            break
    try:
        proc.wait(timeout=rng.uniform(0.0, 0.015))
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        return True
    return False


def _run_to_end(proc: subprocess.Popen[str]) -> str:
    out, _err = proc.communicate(timeout=120)
    return [line for line in out.splitlines() if line.startswith("result")][-1]


@pytest.fixture
def campaign(home: Path) -> Iterator[tuple[int, Settings]]:
    ctx = open_context()
    settings = Settings(
        **{**ctx.settings.__dict__, "batch_size": 150, "max_in_flight": 4, "sender": "MaBoutique"}
    )
    people = (
        Contact(
            f"3361{i:07d}",
            FIRSTNAMES[i % len(FIRSTNAMES)],
            f"Client{i}",
            f"client{i}@example.com",
        )
        for i in range(RECIPIENTS)
    )
    request = CampaignRequest(message="Bonjour {client_surname}, -10% avec le code ETE.")
    campaign_id = create_and_prepare(
        ctx.store, people, request, settings=settings, clock=lambda: MOMENT
    )
    confirm(ctx.store, campaign_id, clock=lambda: MOMENT)
    ctx.save_settings(settings)
    ctx.close()
    yield campaign_id, settings


def _crash_and_resume(
    campaign_id: int, sandbox: SandboxThread, *, kills: int, seed: int, timeout: float
) -> int:
    rng = random.Random(seed)
    done_kills = 0
    runs = 0
    while done_kills < kills:
        runs += 1
        assert runs < kills * 4, "the campaign ended before every kill happened"
        proc = _start(campaign_id, sandbox.url, timeout)
        if _kill_at_random_moment(proc, rng):
            done_kills += 1
    # Resume until nothing is left pending (uncertain batches stay for the merchant).
    for _ in range(40):
        line = _run_to_end(_start(campaign_id, sandbox.url, timeout))
        if line.split()[-1] == "0":
            return done_kills
    raise AssertionError("recipients still pending after 40 resumes")


def _assert_nothing_twice_nothing_lost(campaign_id: int, log: Path) -> int:
    counts = _log_counts(log)
    assert max(counts.values()) == 1, "a number received the campaign twice"
    ctx = open_context()
    try:
        rows = ctx.store.db.execute_sql(
            "SELECT number, state FROM campaign_recipient WHERE campaign_id = ?", (campaign_id,)
        ).fetchall()
        assert len(rows) == RECIPIENTS
        states = Counter(state for _number, state in rows)
        assert set(states) <= {"sent", "uncertain"}, states
        for number, state in rows:
            if state == "sent":
                assert counts[number] == 1, f"{number} marked sent but not in the gateway's log"
            else:
                assert counts[number] <= 1
        assert set(counts) <= {number for number, _state in rows}
        batches = uncertain_batches(ctx.store, campaign_id)
        if states["uncertain"]:
            assert batches, "uncertain recipients without an uncertain batch to resolve"
            assert [c.id for c in interrupted_campaigns(ctx.store)] == [campaign_id]
            assert campaign_detail(ctx.store, campaign_id).uncertain_batches
        return states["uncertain"]
    finally:
        ctx.close()


async def _check_every_uncertain_batch(
    campaign_id: int, settings: Settings, url: str, log: Path
) -> None:
    ctx = open_context()
    try:
        async with IsendClient(DEMO_KEYID, url) as client:
            resolved = await resolve_campaign(
                ctx.store, client, campaign_id, "check", clock=lambda: MOMENT
            )
            assert resolved and all(r.decision == "check" for r in resolved)
            doubtful = {n for r in resolved for n in r.still_uncertain}
            if doubtful:
                # Only when the report lists nothing of the campaign (killed before its
                # first SMS): then the sandbox's log must not have them, and resending is
                # the merchant's call.
                assert not doubtful & set(_log_counts(log))
                await resolve_campaign(ctx.store, client, campaign_id, "resend")
            result = await resume(
                ctx.store, client, campaign_id, ctx.settings, clock=lambda: MOMENT
            )
        assert result.state.value == "sent" and result.sent == RECIPIENTS
    finally:
        ctx.close()


def _sandbox(tmp_path: Path, faults: Faults | None = None) -> SandboxThread:
    account = SandboxAccount(
        path=tmp_path / "sandbox.sqlite3", credit=100_000, clock=lambda: MOMENT
    )
    return SandboxThread(account, faults)


def test_sigkill_at_random_moments_sends_nothing_twice_and_loses_nothing(
    tmp_path: Path, campaign: tuple[int, Settings]
) -> None:
    campaign_id, settings = campaign
    faults = Faults(FaultConfig(latency_ms=3))
    with _sandbox(tmp_path, faults) as sandbox:
        kills = _crash_and_resume(campaign_id, sandbox, kills=20, seed=20250610, timeout=10)
        assert kills == 20
        log = sandbox.account.path
        assert log is not None
        uncertain = _assert_nothing_twice_nothing_lost(campaign_id, log)
        assert uncertain > 0, "20 kills with 4 requests in flight left no uncertain batch"
        asyncio.run(_check_every_uncertain_batch(campaign_id, settings, sandbox.url, log))
        counts = _log_counts(log)
        assert len(counts) == RECIPIENTS and max(counts.values()) == 1
    sandbox.account.close()


def test_sigkill_with_gateway_faults(tmp_path: Path, campaign: tuple[int, Settings]) -> None:
    campaign_id, settings = campaign
    faults = Faults(
        FaultConfig(
            latency_ms=2,
            unavailable_rate=0.04,
            drop_before_rate=0.03,
            server_error_rate=0.03,
            drop_after_rate=0.03,
            malformed_rate=0.03,
            slow_rate=0.02,
            slow_seconds=1.0,
            seed=7,
            paths=("/smsmulti",),
        )
    )
    with _sandbox(tmp_path, faults) as sandbox:
        kills = _crash_and_resume(campaign_id, sandbox, kills=8, seed=99, timeout=0.4)
        assert kills == 8
        log = sandbox.account.path
        assert log is not None
        uncertain = _assert_nothing_twice_nothing_lost(campaign_id, log)
        assert uncertain > 0
        faults.reset()
        asyncio.run(_check_every_uncertain_batch(campaign_id, settings, sandbox.url, log))
        counts = _log_counts(log)
        assert len(counts) == RECIPIENTS and max(counts.values()) == 1
    sandbox.account.close()


# --------------------------------------------------------------------------- preparation

# What `campaign send --yes` does, in small chunks so that a kill lands mid-preparation:
# prepare, confirm, send. With "hold", it stops after the first chunk until told to go on.
PREPARER = textwrap.dedent(
    """
    import asyncio, sys
    from datetime import datetime
    from isend_tui.campaigns.service import (
        CampaignRequest, Contact, confirm, create_and_prepare, dispatch,
    )
    from isend_tui.campaigns.window import PARIS
    from isend_tui.context import open_context
    from isend_tui.gateway.client import IsendClient

    MOMENT = datetime(2025, 6, 10, 10, 0, tzinfo=PARIS)
    ctx = open_context()

    def people():
        for i in range(int(sys.argv[1])):
            if i == 1000 and sys.argv[2] == "hold":
                sys.stdin.readline()
            yield Contact(f"3361{i:07d}", "Alice", f"Client{i}", "")

    def show(event):
        print(event.kind.value, event.campaign_id, flush=True)

    request = CampaignRequest(message="Bonjour {client_surname}, -10% avec le code ETE.")
    campaign_id = create_and_prepare(
        ctx.store, people(), request, settings=ctx.settings, clock=lambda: MOMENT,
        on_event=show, chunk_size=500,
    )
    confirm(ctx.store, campaign_id, clock=lambda: MOMENT)

    async def main():
        async with IsendClient(ctx.settings.keyid, ctx.settings.gateway_url) as client:
            result = await dispatch(ctx.store, client, campaign_id, ctx.settings, show,
                                    clock=lambda: MOMENT)
        print("result", result.state.value, result.pending, flush=True)

    asyncio.run(main())
    """
)


def _prepare(url: str, mode: str = "run") -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", PREPARER, str(RECIPIENTS), mode],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=_child_env(url),
    )


def test_sigkill_while_preparing_sends_nothing_and_the_draft_is_closed(
    tmp_path: Path, home: Path
) -> None:
    rng = random.Random(20251125)
    killed: set[int] = set()
    with _sandbox(tmp_path) as sandbox:
        log = sandbox.account.path
        assert log is not None
        for _ in range(10):
            proc = _prepare(sandbox.url)
            assert proc.stdout is not None
            # 20,000 recipients in chunks of 500: 41 lines before the preparation ends
            for _line in range(rng.randint(1, 30)):
                kind, campaign_id = proc.stdout.readline().split()[:2]
                assert kind in ("created", "prepared")
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            killed.add(int(campaign_id))
        assert len(killed) == 10
        assert not _log_counts(log), "an interrupted preparation sent something"

        ctx = open_context()
        try:
            assert interrupted_campaigns(ctx.store) == []  # nothing to offer for resuming

            async def resume_one(campaign_id: int) -> str:
                async with IsendClient(DEMO_KEYID, sandbox.url) as client:
                    try:
                        await resume(ctx.store, client, campaign_id, ctx.settings)
                    except UserError as exc:
                        return exc.message
                return "resumed"

            message = asyncio.run(resume_one(min(killed)))
            assert "interrompue" in message and "rien n'a été envoyé" in message

            # A preparation still running in another process is left alone.
            holder = _prepare(sandbox.url, "hold")
            assert holder.stdout is not None
            kind, live = holder.stdout.readline().split()[:2]
            assert kind == "created"  # announced once its preparer holds the lock
            later = lambda: MOMENT + timedelta(minutes=2)  # noqa: E731
            assert sorted(close_interrupted_preparations(ctx.store, clock=later)) == sorted(killed)
            for campaign_id in killed:
                detail = campaign_detail(ctx.store, campaign_id)
                assert detail.summary.state == "cancelled"
                assert "Préparation interrompue" in (detail.summary.error or "")
            left = ctx.store.db.execute_sql(
                "SELECT count(*) FROM campaign_recipient WHERE campaign_id IN "
                f"({', '.join('?' * len(killed))})",
                sorted(killed),
            ).fetchone()[0]
            assert left == 0
            assert holder.stdin is not None
            holder.stdin.write("go on\n")
            holder.stdin.flush()
            assert _run_to_end(holder) == "result sent 0"
            assert campaign_detail(ctx.store, int(live)).summary.state == "sent"
        finally:
            ctx.close()
        counts = _log_counts(log)
        assert len(counts) == RECIPIENTS and max(counts.values()) == 1
    sandbox.account.close()
