"""What the lawful basis, data retention and the frequency caps cost a count, next to the
count without a basis measured in the same run (and optionally the code of another tree).

    .venv/bin/python bench/retention_bench.py [--customers 100000] [--reps 3]
        [--today 2025-06-16] [--mysql] [--no-shop] [--caps 8] [--turns 3] [--reference DIR]

- The shop: a demo shop (seed 42, PrestaShop 8 schema, `--customers` customers) written
  once and reused: SQLite in /tmp/isend_retention_bench, or with `--mysql` the MariaDB
  database `isend_retention_bench_<customers>` on 127.0.0.1:3306 (root, no password),
  marked complete by a table `isend_bench_marker`. Each tree counts in its own
  subprocess, with its own local copy of the shop (built once, kept beside the shop,
  not timed; rebuilt when the copy's format changes).
- The counts (`LocalCopy.count`, the count the app makes on big shops, without the
  refresh; `count_recipients` on the shop itself): the segment of every customer without
  a basis (the reference row), with the `consent` basis on the copy and on the shop
  (`--no-shop` skips the latter, about 40 s at 1M customers), with the `customer` basis
  on the copy.
- The caps (`--caps N`, 0: none): a new local store of N send campaigns, one every
  36 hours before the moment checked, each to the same 100,000 usable numbers of the
  copy (every one of them is then capped: 4 SMS in 30 days). "+ caps" rows time what the
  preparation does, `capped_numbers` over the whole store, plus the count with those
  numbers left out (passed as the count's suppressed numbers, so its recipients are the
  segment's after the caps). Only this tree: older code may have no caps.
- `--today`: the day counted on. On the demo's reference day (2025-06-16, the default)
  every customer joined in the last three years, so the account's date settles retention
  at once; two years later (2027-06-16) most customers need the whole chain of checks
  (orders, newsletter, psgdpr) and many are past retention.
- `--reference DIR`: a checkout of other code (e.g. `git worktree add /tmp/ref main`),
  run alternately with this tree, rep by rep; its counts must agree with this tree's.
- Each rep runs each tree's counts `--turns` times in turn (the count on the shop once);
  the best of all is kept (the machine may be shared: timings are noisy, the best is the
  steadiest figure).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = Path("/tmp/isend_retention_bench")
CAPPED_NUMBERS = 100_000
NO_BASIS = "no basis, copy"

WORKER = textwrap.dedent(
    """
    import datetime as dt, json, sys, time
    from pathlib import Path
    sys.path.insert(0, sys.argv[1])
    from isend_tui.segments.basis import Basis, BasisRule
    from isend_tui.segments.counting import count_recipients
    from isend_tui.segments.local_copy.copy import LocalCopy, copy_path
    from isend_tui.segments.model import Segment
    from isend_tui.shop.dsn import ShopDsn
    from isend_tui.shop.info import open_shop

    dsn, copy_dir = ShopDsn.from_url(sys.argv[2]), Path(sys.argv[3])
    today, everyone = dt.date.fromisoformat(sys.argv[4]), Segment("Tous")
    with_shop, caps_store = sys.argv[5] == "1", sys.argv[6]
    copy = LocalCopy(copy_path(copy_dir, dsn), dsn)
    rows = [("no basis, copy", None, "copy"), ("consent, copy", Basis.CONSENT, "copy")]
    if with_shop:
        rows.append(("consent, shop", Basis.CONSENT, "shop"))
    rows.append(("customer, copy", Basis.CUSTOMER, "copy"))
    if caps_store:
        from isend_tui.campaigns.frequency_caps import CapRule, capped_numbers
        from isend_tui.store import open_store
        store = open_store(Path(caps_store))
        at = dt.datetime.fromisoformat(sys.argv[7])
        rows += [("consent + caps, copy", Basis.CONSENT, "caps"),
                 ("customer + caps, copy", Basis.CUSTOMER, "caps")]
    out = {}
    with open_shop(dsn) as conn:
        if copy.built_at() is None:
            copy.build(conn)
        for turn in range(int(sys.argv[8])):  # the rows in turn, the best of each kept
            for name, basis, where in rows:
                if where == "shop" and turn:
                    continue
                rule = None if basis is None else BasisRule.of(basis)
                started = time.perf_counter()
                capped = frozenset()
                if where == "caps":
                    capped = capped_numbers(store, None, CapRule(), at)
                if where == "shop":
                    count = count_recipients(conn, everyone, today=today, basis=rule)
                else:
                    count = copy.count(everyone, today=today, basis=rule, suppressed=capped)
                seconds = time.perf_counter() - started
                if name not in out or seconds < out[name][0]:
                    out[name] = [seconds, count.recipients, count.no_consent,
                                 getattr(count, "retention", None), len(capped)]
    print(json.dumps(out))
    """
)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reference", type=Path)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--today", default="2025-06-16")
    parser.add_argument("--mysql", action="store_true")
    parser.add_argument("--no-shop", action="store_true", help="skip the count on the shop")
    parser.add_argument("--caps", type=int, default=8, help="campaigns in the caps' store")
    parser.add_argument("--turns", type=int, default=3, help="runs of each copy count per rep")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from isend_tui.shop.dsn import ShopDsn

    WORK.mkdir(exist_ok=True)
    backend = "mysql" if args.mysql else "sqlite"
    shop = _mysql_shop(args.customers) if args.mysql else _sqlite_shop(args.customers)
    sides = {"this tree": ROOT}
    if args.reference is not None:
        sides = {"reference": args.reference.resolve(), **sides}
    copy_dirs = {
        side: WORK / f"copy-{'current' if code == ROOT else 'reference'}-{backend}"
        for side, code in sides.items()
    }
    caps_store, at = "", ""
    if args.caps:
        caps_store, at = _caps_store(ShopDsn.from_url(shop), copy_dirs["this tree"], args.caps)
    best: dict[str, dict[str, list[float]]] = {side: {} for side in sides}
    for _rep in range(args.reps):
        for side, code in sides.items():
            store = caps_store if code == ROOT else ""
            command = [sys.executable, "-c", WORKER, str(code), shop, str(copy_dirs[side])]
            command += [args.today, "0" if args.no_shop else "1", store, at, str(args.turns)]
            run = subprocess.run(command, check=True, capture_output=True, text=True)
            for name, row in json.loads(run.stdout.splitlines()[-1]).items():
                kept = best[side].get(name)
                if kept is None or row[0] < kept[0]:
                    best[side][name] = row
    label = "MariaDB" if args.mysql else "SQLite"
    print(
        f"{label} shop, {args.customers:,} customers, today {args.today}, best of "
        f"{args.reps} x {args.turns} (the shop: of {args.reps})"
    )
    _table(best, args.caps)
    return 0


def _table(best: dict[str, dict[str, list[float]]], caps: int) -> None:
    """One line per count of this tree: its time, its ratio to the count without a basis
    of the same run, and with a reference tree, that tree's time and counts."""
    ours, theirs = best["this tree"], best.get("reference")
    plain = ours[NO_BASIS][0]
    head = "| count | s | vs no basis | recipients | no consent | retention | capped |"
    rule = "|---|---|---|---|---|---|---|"
    if theirs is not None:
        head += " reference s | ratio | reference recipients |"
        rule += "---|---|---|"
    print(head)
    print(rule)
    for name, (seconds, recipients, no_consent, retention, capped) in ours.items():
        line = (
            f"| {name} | {seconds:.2f} | {seconds / plain:.2f} | {recipients:,} "
            f"| {no_consent:,} | {'' if retention is None else f'{retention:,}'} "
            f"| {f'{capped:,}' if caps and '+ caps' in name else ''} |"
        )
        if theirs is not None:
            if name in theirs:
                ref_s, ref_r = theirs[name][0], theirs[name][1]
                line += f" {ref_s:.2f} | {seconds / ref_s:.2f} | {ref_r:,} |"
            else:
                line += " | | |"
        print(line)


def _sqlite_shop(customers: int) -> str:
    """The URL of the SQLite demo shop, written first when missing."""
    from isend_tui.demo.build import generate_demo_shop
    from isend_tui.shop.dsn import ShopDsn

    path = WORK / f"shop-{customers}.sqlite3"
    if not path.exists():
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        generate_demo_shop(ShopDsn.sqlite(str(partial)), customers=customers, seed=42)
        partial.rename(path)
    return ShopDsn.sqlite(path).url(with_password=True)


def _mysql_shop(customers: int) -> str:
    """The URL of the MariaDB demo shop, written first when missing or incomplete."""
    import pymysql

    from isend_tui.demo.build import generate_demo_shop
    from isend_tui.shop.dsn import ShopDsn

    database = f"isend_retention_bench_{customers}"
    url = f"mysql://root@127.0.0.1:3306/{database}?prefix=ps_"
    server = pymysql.connect(host="127.0.0.1", port=3306, user="root", autocommit=True)
    with server.cursor() as cur:
        cur.execute(f"CREATE DATABASE IF NOT EXISTS `{database}` CHARACTER SET utf8mb4")
        cur.execute(
            "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = %s "
            "AND TABLE_NAME = 'isend_bench_marker'",
            (database,),
        )
        row = cur.fetchone()
        if not row or not row[0]:
            generate_demo_shop(ShopDsn.from_url(url), customers=customers, seed=42, replace=True)
            cur.execute(f"CREATE TABLE `{database}`.isend_bench_marker (done INT)")
    server.close()
    return url


def _caps_store(dsn: object, copy_dir: Path, campaigns: int) -> tuple[str, str]:
    """A new store of `campaigns` sends to 100,000 usable numbers of this tree's copy (built
    first when missing); its path and the moment the caps are checked at."""
    import contextlib
    import sqlite3

    sys.path.insert(0, str(ROOT / "bench"))
    from caps_bench import AT, build

    from isend_tui.segments.local_copy.copy import LocalCopy, copy_path
    from isend_tui.shop.dsn import ShopDsn
    from isend_tui.shop.info import open_shop
    from isend_tui.store import open_store

    assert isinstance(dsn, ShopDsn)
    copy = LocalCopy(copy_path(copy_dir, dsn), dsn)
    if copy.built_at() is None:
        with open_shop(dsn) as conn:
            copy.build(conn)
    with contextlib.closing(sqlite3.connect(copy.path)) as db:
        pool = [
            str(r[0])
            for r in db.execute(
                "SELECT num FROM number WHERE cls = '3' AND num IS NOT NULL "
                "GROUP BY num ORDER BY MIN(id_customer) LIMIT ?",
                (CAPPED_NUMBERS,),
            )
        ]
    path = Path(tempfile.mkdtemp(prefix="isend-bench-caps-")) / "store.sqlite3"
    store = open_store(path)
    build(store, campaigns, len(pool), pool)
    store.close()
    return str(path), AT.isoformat()


if __name__ == "__main__":
    raise SystemExit(main())
