"""Campaign send benchmark: 100,000 personalised SMS from the MariaDB demo shop to the sandbox.

    .venv/bin/python bench/send_bench.py [--recipients 100000] [--naive-sample 5000]

- The shop: MariaDB database `isend_bench_send` on 127.0.0.1:3306 (root, no password),
  written once by the demo shop generator (170,000 customers, about 110,000 usable mobiles);
  later runs reuse it.
- The gateway: the sandbox served by uvicorn in a SEPARATE PROCESS on a localhost port,
  its state (and the sms_log of everything it accepted) in a temporary SQLite file.
- The engine: the real path, end to end: segment recipients streamed from MariaDB, merged
  and materialised into a fresh local store (prepare), the confirmation summary with the
  credit (plan), then dispatch through /smsmulti (--batch-size, default 1000, and
  --max-in-flight, default 4),
  every state change committed (synchronous=FULL).
- The reference, measured in the same run: the naive way, one /sms request per recipient,
  awaited one after the other, each result committed as it comes, on a sample of
  `--naive-sample` recipients, extrapolated to the whole campaign.

Prints SMS/s end to end (prepare + send), the ratio to the naive way, and the peak RSS of
this process (the sandbox process excluded). Targets: >= 5,000 SMS/s, >= 20x naive,
peak RSS < 200 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import itertools
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from isend_tui.campaigns.model import Contact  # noqa: E402
from isend_tui.campaigns.service import (  # noqa: E402
    CampaignRequest,
    create_and_prepare,
    dispatch,
    plan_campaign,
)
from isend_tui.campaigns.window import PARIS  # noqa: E402
from isend_tui.config import Settings  # noqa: E402
from isend_tui.gateway.client import SMSLONG_AUTO, IsendClient  # noqa: E402
from isend_tui.gateway.sandbox.account import DEMO_KEYID  # noqa: E402
from isend_tui.store import Store, open_store  # noqa: E402

DATABASE = "isend_bench_send"
SHOP_URL = f"mysql://root@127.0.0.1:3306/{DATABASE}?prefix=ps_"
CUSTOMERS = 170_000
MESSAGE = (
    "Bonjour {client_surname} {client_name}, -20% sur toute la boutique ce week-end avec le "
    "code ETE25. Rendez-vous sur maboutique.fr"
)
TUESDAY = datetime(2025, 6, 10, 10, 0, tzinfo=PARIS)  # inside the sending window

SANDBOX = """
import sys
from isend_tui.gateway.sandbox.account import SandboxAccount
from isend_tui.gateway.sandbox.server import serve
account = SandboxAccount(path=sys.argv[1], credit=10_000_000)
serve(account, "127.0.0.1", 0, on_ready=lambda url: print(url, flush=True))
"""


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ensure_shop() -> None:
    import pymysql

    conn = pymysql.connect(host="127.0.0.1", user="root", autocommit=True)
    try:
        with conn.cursor() as cur:
            cur.execute(f"CREATE DATABASE IF NOT EXISTS `{DATABASE}` CHARACTER SET utf8mb4")
            cur.execute(
                "SELECT count(*) FROM information_schema.TABLES "
                "WHERE TABLE_SCHEMA = %s AND TABLE_NAME = 'ps_customer'",
                (DATABASE,),
            )
            exists = cur.fetchone()[0]
            count = 0
            if exists:
                cur.execute(f"SELECT count(*) FROM `{DATABASE}`.ps_customer")
                count = cur.fetchone()[0]
    finally:
        conn.close()
    if count >= CUSTOMERS:
        return
    from isend_tui.demo.build import generate_demo_shop
    from isend_tui.shop.dsn import ShopDsn

    print(f"writing the demo shop {DATABASE} ({CUSTOMERS} customers), once...", flush=True)
    started = time.perf_counter()
    generate_demo_shop(
        ShopDsn.from_url(SHOP_URL),
        customers=CUSTOMERS,
        seed=7,
        orders_per_customer=0.5,
        replace=True,
    )
    print(f"  done in {time.perf_counter() - started:.0f} s", flush=True)


def shop_recipients(conn: Any, limit: int) -> tuple[Iterator[Any], str]:
    """The segment engine's recipients of an 'every customer' segment (first `limit`)."""
    from isend_tui.segments.counting import iter_recipients
    from isend_tui.segments.segment_file import segment_from_dict
    from isend_tui.shop.info import today

    segment = segment_from_dict({"version": 1, "name": "bench", "criteria": []})
    found = iter_recipients(conn, segment, today=today(conn), suppressed=())
    return itertools.islice(found, limit), "isend_tui.segments.counting.iter_recipients"


class Timed:
    """Wraps the recipients' iterator to tell the time spent reading the shop."""

    def __init__(self, source: Iterator[Any]) -> None:
        self.source = source
        self.seconds = 0.0

    def __iter__(self) -> Iterator[Any]:
        while True:
            started = time.perf_counter()
            try:
                item = next(self.source)
            except StopIteration:
                self.seconds += time.perf_counter() - started
                return
            self.seconds += time.perf_counter() - started
            yield item


def start_sandbox(state: Path) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", SANDBOX, str(state)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert proc.stdout is not None
    url = proc.stdout.readline().strip()
    if not url.startswith("http"):
        proc.kill()
        raise SystemExit("the sandbox did not start")
    return proc, url


async def engine_run(store: Store, settings: Settings, limit: int) -> dict[str, float]:
    from isend_tui.shop.info import open_shop

    started = time.perf_counter()
    with open_shop(SHOP_URL) as conn:
        recipients, source = shop_recipients(conn, limit)
        timed = Timed(recipients)
        campaign_id = create_and_prepare(
            store,
            timed,
            CampaignRequest(message=MESSAGE, label="bench"),
            settings=settings,
            clock=lambda: TUESDAY,
        )
    prepared = time.perf_counter()
    async with IsendClient(settings.keyid, settings.gateway_url, timeout=60) as client:
        plan = plan_campaign(
            store,
            campaign_id,
            settings=settings,
            credit=await client.credit(),
            clock=lambda: TUESDAY,
        )
        assert plan.can_send, plan.lines
        result = await dispatch(store, client, campaign_id, settings, clock=lambda: TUESDAY)
    finished = time.perf_counter()
    return {
        "campaign_id": campaign_id,
        "source": source,  # type: ignore[dict-item]
        "recipients": plan.recipients,
        "parts": plan.parts_total,
        "sent": result.sent,
        "refused": result.refused,
        "prepare_s": prepared - started,
        "read_s": timed.seconds,
        "send_s": finished - prepared,
        "total_s": finished - started,
    }


async def naive_run(store: Store, settings: Settings, source_campaign: int, sample: int) -> float:
    """One /sms per recipient, awaited in turn, each outcome committed: seconds per SMS."""
    rows = store.db.execute_sql(
        "SELECT number, text, firstname, lastname, email, country FROM campaign_recipient "
        "WHERE campaign_id = ? AND state = 'sent' ORDER BY id LIMIT ?",
        (source_campaign, sample),
    ).fetchall()
    people = [Contact(r[0], r[2], r[3], r[4], r[5]) for r in rows]
    campaign_id = create_and_prepare(
        store,
        people,
        CampaignRequest(message=MESSAGE, label="naive"),
        settings=settings,
        clock=lambda: TUESDAY,
    )
    targets = store.db.execute_sql(
        "SELECT id, number, text, ucs2 FROM campaign_recipient WHERE campaign_id = ? "
        "AND state = 'pending' ORDER BY id",
        (campaign_id,),
    ).fetchall()
    started = time.perf_counter()
    async with IsendClient(settings.keyid, settings.gateway_url, timeout=60) as client:
        for rid, number, text, ucs2 in targets:
            with store.write():
                store.db.execute_sql(
                    "UPDATE campaign_recipient SET state = 'in_flight' WHERE id = ?", (rid,)
                )
            result = await client.send_sms(
                number, text, sender=settings.sender, smslong=SMSLONG_AUTO, ucs2=bool(ucs2)
            )
            with store.write():
                store.db.execute_sql(
                    "UPDATE campaign_recipient SET state = 'sent', code = ? WHERE id = ?",
                    (result[0].code if result else "", rid),
                )
    return (time.perf_counter() - started) / max(1, len(targets))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=100_000)
    parser.add_argument("--naive-sample", type=int, default=5_000)
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--max-in-flight", type=int, default=4)
    args = parser.parse_args()
    ensure_shop()
    work = Path(tempfile.mkdtemp(prefix="isend-send-bench-"))
    os.environ["ISEND_TUI_HOME"] = str(work / "home")
    sandbox, url = start_sandbox(work / "sandbox.sqlite3")
    try:
        store = open_store(work / "store.sqlite3")
        settings = Settings(
            keyid=DEMO_KEYID,
            gateway_url=url,
            sender="MaBoutique",
            batch_size=args.batch_size,
            max_in_flight=args.max_in_flight,
        )
        uncapped = dataclasses.replace(settings, cap_per_day=0, cap_per_30_days=0)
        rss_before = peak_rss_mb()
        engine = asyncio.run(engine_run(store, settings, args.recipients))
        rss_engine = peak_rss_mb()
        per_sms = asyncio.run(
            # the same people again: the frequency caps (on in the engine run) set aside
            naive_run(store, uncapped, int(engine["campaign_id"]), args.naive_sample)
        )
        store.close()
    finally:
        sandbox.terminate()
        sandbox.wait(timeout=30)
    sent = engine["sent"]
    prepare_per = engine["prepare_s"] / max(1, engine["recipients"])
    naive_send = per_sms * engine["recipients"]
    naive_total = engine["prepare_s"] + naive_send
    rate = sent / engine["total_s"]
    print(f"recipients from: {engine['source']}")
    print(f"settings: batch_size {args.batch_size}, max_in_flight {args.max_in_flight}")
    print(
        f"campaign: {engine['recipients']:,} recipients, {engine['parts']:,} parts, "
        f"{sent:,} accepted, {engine['refused']:,} refused"
    )
    print(
        f"engine:   prepare {engine['prepare_s']:.1f} s ({1 / prepare_per:,.0f}/s, of which "
        f"{engine['read_s']:.1f} s reading the shop), "
        f"send {engine['send_s']:.1f} s ({sent / engine['send_s']:,.0f} SMS/s), "
        f"end to end {engine['total_s']:.1f} s = {rate:,.0f} SMS/s"
    )
    print(
        f"naive:    {per_sms * 1000:.2f} ms per SMS on {args.naive_sample:,} -> "
        f"{naive_send:.0f} s to send {engine['recipients']:,}, {naive_total:.0f} s end to end "
        f"= {sent / naive_total:,.0f} SMS/s"
    )
    print(
        f"ratio:    {naive_total / engine['total_s']:.1f}x end to end, "
        f"{naive_send / engine['send_s']:.1f}x on the send alone"
    )
    print(
        f"peak RSS: {rss_engine:.0f} MB after the engine run (after imports: {rss_before:.0f} MB)"
    )


if __name__ == "__main__":
    main()
