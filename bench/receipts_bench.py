"""Delivery receipt benchmark: 100,000 receipts for one campaign, sandbox -> receiver over HTTP.

    .venv/bin/python bench/receipts_bench.py [--recipients 100000] [--reference 5000]

- A campaign of --recipients SMS is prepared in a fresh local store and sent through the
  sandbox (a SEPARATE PROCESS, real HTTP), as in production.
- The receiver (isend_tui.delivery.receiver) runs in ITS OWN PROCESS on that store, so its
  peak RSS is measured alone (VmHWM).
- The sandbox is then asked to send every receipt (POST /_sandbox/receipts, resend) to the
  receiver's URL: each one is answered 200 only once committed (synchronous=FULL, group
  commit). Timed from the request to the last answer.
- The reference, measured in the same run: a bare loop inserting --reference rows into a
  SQLite table with the same pragmas, one commit per row (what "each committed" costs
  without HTTP and without grouping), extrapolated to the same count.
- The pull fallback: the /campagne report of the campaign (one CSV line per SMS, zipped,
  over HTTP) fetched, matched to the recipients by tracker and recorded, on a copy of the
  store taken before the receipts came. Target < 10 s.

Targets: >= 2,000 receipts/s, receiver RSS < 150 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from isend_tui.campaigns.model import Contact  # noqa: E402
from isend_tui.campaigns.service import CampaignRequest, create_and_prepare, dispatch  # noqa: E402
from isend_tui.campaigns.window import PARIS  # noqa: E402
from isend_tui.config import Settings  # noqa: E402
from isend_tui.delivery.pull import pull_campaign  # noqa: E402
from isend_tui.delivery.queries import campaign_counts  # noqa: E402
from isend_tui.gateway.client import IsendClient  # noqa: E402
from isend_tui.gateway.sandbox.account import DEMO_KEYID  # noqa: E402
from isend_tui.store import open_store  # noqa: E402

TUESDAY = "2025-06-10T10:00:00+02:00"  # inside the sending window
SECRET = "bench-receipt-secret-" + "x" * 30

SANDBOX = """
import sys
from datetime import datetime
from isend_tui.gateway.sandbox.account import SandboxAccount
from isend_tui.gateway.sandbox.receipts import ReceiptConfig
from isend_tui.gateway.sandbox.server import serve
moment = datetime.fromisoformat(sys.argv[2])
account = SandboxAccount(path=sys.argv[1], credit=10_000_000, clock=lambda: moment)
config = ReceiptConfig(delay_s=0.0, delivery_rate=0.95, permanent_failure_rate=0.02,
                       concurrency=int(sys.argv[3]))
serve(account, "127.0.0.1", 0, receipts=config, on_ready=lambda url: print(url, flush=True))
"""

RECEIVER = """
import signal, sys, threading
from pathlib import Path
from isend_tui.delivery.receiver import ReceiverServer
from isend_tui.store import open_store
store = open_store(Path(sys.argv[1]))
server = ReceiverServer(store, sys.argv[2]).start()
print(server.url, flush=True)
done = threading.Event()
signal.signal(signal.SIGTERM, lambda *a: done.set())
done.wait()
server.stop()
print(server.stats.as_dict(), flush=True)
"""


def start(script: str, *args: str) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", script, *args], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    assert proc.stdout is not None
    url = proc.stdout.readline().strip()
    if not url.startswith("http"):
        proc.kill()
        raise SystemExit("a server did not start")
    return proc, url


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / 100


def control(base: str, payload: dict[str, object] | None = None) -> dict[str, object]:
    data = json.dumps(payload).encode() if payload is not None else None
    request = urllib.request.Request(f"{base}/_sandbox/receipts", data=data)
    with urllib.request.urlopen(request, timeout=30) as reply:
        return dict(json.loads(reply.read()))


def bare_insert_loop(path: Path, n: int) -> float:
    """Rows/s inserting one row per committed transaction, same pragmas as the store."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=wal")
    db.execute("PRAGMA synchronous=full")
    db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT UNIQUE, v TEXT)")
    started = time.perf_counter()
    for i in range(n):
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT INTO t (k, v) VALUES (?, ?)", (f"key{i}", "delivered"))
        db.execute("COMMIT")
    elapsed = time.perf_counter() - started
    db.close()
    return n / elapsed


async def send(store_path: Path, gateway: str, n: int) -> int:
    from datetime import datetime

    store = open_store(store_path)
    settings = Settings(keyid=DEMO_KEYID, gateway_url=gateway, sender="MaBoutique", batch_size=1000)
    moment = datetime.fromisoformat(TUESDAY).astimezone(PARIS)
    people = [Contact(f"336{i:08d}", "Client", f"Nom{i}") for i in range(n)]
    request = CampaignRequest(message="Soldes -20% ce week-end", label="Bench", segment={})
    campaign = create_and_prepare(store, people, request, settings=settings, clock=lambda: moment)
    async with IsendClient(DEMO_KEYID, gateway, timeout=60) as client:
        result = await dispatch(store, client, campaign, settings, clock=lambda: moment)
    assert result.sent == n, result
    store.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return campaign


async def pull(store_path: Path, gateway: str, campaign: int) -> tuple[float, str]:
    store = open_store(store_path)
    started = time.perf_counter()
    async with IsendClient(DEMO_KEYID, gateway, timeout=120) as client:
        result = await pull_campaign(store, client, campaign)
    elapsed = time.perf_counter() - started
    store.close()
    return elapsed, result.message()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--recipients", type=int, default=100_000)
    parser.add_argument("--reference", type=int, default=5_000)
    parser.add_argument("--concurrency", type=int, default=64)
    args = parser.parse_args()
    n = args.recipients
    work = Path(tempfile.mkdtemp(prefix="isend-receipts-bench-"))
    store_path = work / "store.sqlite3"
    sandbox, gateway = start(SANDBOX, str(work / "sandbox.sqlite3"), TUESDAY, str(args.concurrency))
    receiver: subprocess.Popen[str] | None = None
    try:
        t0 = time.perf_counter()
        campaign = asyncio.run(send(store_path, gateway, n))
        print(f"campaign of {n:,} SMS sent through the sandbox in {time.perf_counter() - t0:.1f} s")
        shutil.copy(store_path, work / "store-pull.sqlite3")

        pull_s, message = asyncio.run(pull(work / "store-pull.sqlite3", gateway, campaign))
        print(
            f"pull fallback: /campagne report of {n:,} lines fetched, matched, recorded "
            f"in {pull_s:.2f} s (target < 10 s)"
        )
        print(f"  {message}")

        reference = bare_insert_loop(work / "reference.sqlite3", args.reference)
        receiver, receipt_url = start(RECEIVER, str(store_path), SECRET)
        control(gateway, {"url": receipt_url})
        cpu_before = cpu_s(receiver.pid), cpu_s(sandbox.pid)
        started = time.perf_counter()
        control(gateway, {"resend": True})
        while True:
            state = control(gateway)
            stats = state["stats"]
            assert isinstance(stats, dict)
            if state["pending"] == 0 and stats["answered"] + stats["given_up"] >= n:
                break
            time.sleep(0.05)
        elapsed = time.perf_counter() - started
        cpu_receiver = cpu_s(receiver.pid) - cpu_before[0]
        cpu_sandbox = cpu_s(sandbox.pid) - cpu_before[1]
        rss = peak_rss_mb(receiver.pid)
        rate = n / elapsed
        store = open_store(store_path)
        counts = campaign_counts(store, campaign)
        store.close()
        print(
            f"receipts: {n:,} over HTTP in {elapsed:.1f} s = {rate:,.0f} receipts/s, "
            "each committed (target >= 2,000/s)"
        )
        print(
            f"  reference, bare committed insert loop: {reference:,.0f} rows/s "
            f"({rate / reference:.1f}x)"
        )
        print(f"  receiver peak RSS {rss:.0f} MB (target < 150 MB); sandbox stats {stats}")
        print(f"  counts {counts.as_dict()}")
        print(
            f"  CPU seconds: receiver {cpu_receiver:.1f} s ({n / max(cpu_receiver, 0.01):,.0f}"
            f" receipts per CPU second), sandbox sender {cpu_sandbox:.1f} s"
        )
        assert counts.accepted == counts.delivered + counts.failed + counts.expired + counts.pending
    finally:
        if receiver is not None:
            receiver.terminate()
            receiver.wait(timeout=30)
        sandbox.terminate()
        sandbox.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
