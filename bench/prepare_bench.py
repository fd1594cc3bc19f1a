"""Mid-size SQLite shop benchmark: first counts and the preparation of ~12,000 recipients.

    .venv/bin/python bench/prepare_bench.py [--shop PATH] [--customers 20000] [--reps 3]
                                            [--skip-before]

- The shop: a SQLite demo shop written once by `isend-tui demo-shop --customers 20000
  --sqlite PATH` (default PATH: $TMPDIR/isend-bench-prepare/shop20k.sqlite3, reused while
  it exists). It is counted at the generator's reference date, where its data are current.
- Counts: for a few typical segments, the tool's `count_recipients` on a connection opened
  for it (shop facts, metadata and the first count of the process included: what a `count`
  command or a screen's first count pays), first run and best of --reps. No local copy:
  a shop this size is counted on the shop itself.
- Preparation: `prepare_from_shop` of the whole shop (about 12,000 recipients) into a new
  local store, with the moment each step was told (counted, first recipients written,
  done).
- The reference, in the same run, on the same file: "before" is the SQL the tool wrote for
  SQLite shops until this benchmark (the per-customer orders table grouped on
  `id_customer + 0`, which stops SQLite indexing it, so each customer scans every other
  customer's orders); "plain" is a hand-written SELECT reading the same customers with their
  addresses and orders once (no phone rules): the floor of any count.

Targets: every count under 1 s, the preparation under 5 s.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from isend_tui.campaigns.events import CampaignProgress  # noqa: E402
from isend_tui.campaigns.model import CampaignRequest  # noqa: E402
from isend_tui.campaigns.prepare import prepare_from_shop  # noqa: E402
from isend_tui.config import Settings  # noqa: E402
from isend_tui.demo.timeline import DEFAULT_REFERENCE_DATE  # noqa: E402
from isend_tui.segments.counting import RecipientCount, count_recipients  # noqa: E402
from isend_tui.segments.model import Segment  # noqa: E402
from isend_tui.segments.segment_file import segment_from_dict  # noqa: E402
from isend_tui.shop.connection import ShopConnection  # noqa: E402
from isend_tui.shop.dsn import ShopDsn  # noqa: E402
from isend_tui.shop.info import open_shop  # noqa: E402
from isend_tui.store import open_store  # noqa: E402

TODAY = DEFAULT_REFERENCE_DATE
MESSAGE = "Bonjour {client_surname}, -20% sur toute la boutique ce week-end !"


def segment(name: str, *criteria: dict[str, Any]) -> Segment:
    return segment_from_dict({"version": 1, "name": name, "criteria": list(criteria)})


SEGMENTS = {
    "everyone": segment("Tous"),
    "newsletter + >2 orders/12 months": segment(
        "Fidèles",
        {"criterion": "newsletter", "value": True},
        {"criterion": "orders_count", "operator": ">", "value": 2, "months": 12},
    ),
    "> 100 EUR in 6 months": segment(
        "Gros paniers", {"criterion": "orders_sum", "operator": ">", "value": 100, "months": 6}
    ),
    "no order for 6 months": segment(
        "Endormis", {"criterion": "last_order", "operator": "before", "value": {"months_ago": 6}}
    ),
    "women in FR or BE": segment(
        "Clientes",
        {"criterion": "country", "value": ["FR", "BE"]},
        {"criterion": "gender", "value": "women"},
    ),
}


# --------------------------------------------------------------------------- the shop


def ensure_shop(path: Path, customers: int) -> ShopDsn:
    if path.exists():
        print(f"shop: reusing {path}", flush=True)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        command = [
            str(ROOT / ".venv/bin/isend-tui"),
            "demo-shop",
            "--data-dir",
            str(path.parent / "data"),
            "--customers",
            str(customers),
            "--sqlite",
            str(path),
        ]
        print("shop: " + " ".join(command[1:]), flush=True)
        subprocess.run(command, check=True)
    return ShopDsn.sqlite(path)


# --------------------------------------------------------------------------- references


@contextlib.contextmanager
def before() -> Iterator[None]:
    """The SQL of the tool before this benchmark: `+ 0` on the grouped customer id."""
    original = ShopConnection._sql

    def old_sql(self: ShopConnection, sql: str) -> str:
        sql = sql.replace(
            "SELECT o1.id_customer AS id_customer", "SELECT o1.id_customer + 0 AS id_customer"
        )
        return original(self, sql)

    ShopConnection._sql = old_sql  # type: ignore[method-assign]
    try:
        yield
    finally:
        ShopConnection._sql = original  # type: ignore[method-assign]


def plain_select(conn: ShopConnection) -> int:
    """Every active customer with their addresses' phones and their valid orders counted."""
    t = conn.table
    row = conn.query_one(
        "SELECT COUNT(*), COUNT(DISTINCT k.phone) FROM ("
        " SELECT c.id_customer, MAX(COALESCE(a.phone_mobile, a.phone)) AS phone, o.n"
        f" FROM {t('customer')} c"
        f" LEFT JOIN (SELECT id_customer, COUNT(*) AS n FROM {t('orders')} WHERE valid = 1"
        "  GROUP BY id_customer) o ON o.id_customer = c.id_customer"
        f" LEFT JOIN {t('address')} a ON a.id_customer = c.id_customer AND a.deleted = 0"
        " WHERE c.deleted = 0 AND c.active = 1 GROUP BY c.id_customer) k"
    )
    return int(row[0]) if row else 0


# --------------------------------------------------------------------------- timing


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def first_count(dsn: ShopDsn, seg: Segment) -> RecipientCount:
    with open_shop(dsn) as conn:
        return count_recipients(conn, seg, today=TODAY)


def bench_counts(dsn: ShopDsn, reps: int, with_before: bool) -> list[dict[str, Any]]:
    rows = []
    for name, seg in SEGMENTS.items():
        times = []
        for _ in range(reps):
            seconds, counted = timed(lambda seg=seg: first_count(dsn, seg))  # type: ignore[misc]
            times.append(seconds)
        row: dict[str, Any] = {
            "segment": name,
            "customers": counted.customers,
            "recipients": counted.recipients,
            "first": times[0],
            "best": min(times),
        }
        if with_before:
            with before():
                row["before"], old = timed(lambda seg=seg: first_count(dsn, seg))  # type: ignore[misc]
            assert old == counted, (name, old, counted)  # the same answer, only slower
        rows.append(row)
        print(f"  {_count_line(row)}", flush=True)
    return rows


def _count_line(row: dict[str, Any]) -> str:
    line = (
        f"{row['segment']:<34} {row['customers']:>6,} customers {row['recipients']:>6,} "
        f"recipients  first {row['first']:.2f} s  best {row['best']:.2f} s"
    )
    if "before" in row:
        line += f"  before {row['before']:.2f} s"
    return line


def prepare_once(dsn: ShopDsn, work: Path) -> tuple[float, list[tuple[float, str]], int]:
    store = open_store(work / f"store-{time.monotonic_ns()}.sqlite3")
    heard: list[tuple[float, str]] = []
    started = time.perf_counter()

    def on_event(event: CampaignProgress) -> None:
        heard.append((time.perf_counter() - started, event.message))

    try:
        prepare_from_shop(
            store,
            dsn,
            SEGMENTS["everyone"],
            CampaignRequest(message=MESSAGE),
            settings=Settings(sender="MaBoutique"),
            on_event=on_event,
        )
        seconds = time.perf_counter() - started
        recipients = int(store.db.execute_sql("SELECT recipients FROM campaign").fetchone()[0])
    finally:
        store.close()
    return seconds, heard, recipients


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_shop = Path(tempfile.gettempdir()) / "isend-bench-prepare" / "shop20k.sqlite3"
    parser.add_argument("--shop", type=Path, default=default_shop)
    parser.add_argument("--customers", type=int, default=20_000)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--skip-before", action="store_true", help="no run of the old SQL")
    args = parser.parse_args()

    dsn = ensure_shop(args.shop, args.customers)
    with open_shop(dsn) as conn:
        plains = [timed(lambda: plain_select(conn)) for _ in range(max(1, args.reps))]
    plain, customers = min(plains)
    print(
        f"plain SELECT of the {customers:,} customers with addresses and orders: "
        f"first {plains[0][0]:.2f} s  best {plain:.2f} s",
        flush=True,
    )

    print("counts (the shop opened for each):", flush=True)
    rows = bench_counts(dsn, args.reps, not args.skip_before)

    print("preparation of the whole shop:", flush=True)
    work = Path(tempfile.mkdtemp(prefix="isend-prepare-bench-"))
    seconds, heard, recipients = prepare_once(dsn, work)
    for at, message in heard:
        print(f"  {at:6.2f} s  {message}")
    print(f"  {recipients:,} recipients prepared in {seconds:.2f} s", flush=True)
    before_s = None
    if not args.skip_before:
        with before():
            before_s, _heard, old_recipients = prepare_once(dsn, work)
        assert old_recipients == recipients
        print(f"  before: {before_s:.2f} s", flush=True)

    summary = {
        "plain_select_s": round(plain, 3),
        "counts": rows,
        "prepare_s": round(seconds, 3),
        "prepare_before_s": before_s and round(before_s, 3),
        "recipients": recipients,
        "targets_met": max(r["first"] for r in rows) < 1.0 and seconds < 5.0,
    }
    print(json.dumps(summary, default=lambda v: round(v, 3) if isinstance(v, float) else v))


if __name__ == "__main__":
    main()
